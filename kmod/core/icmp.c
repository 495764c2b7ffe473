// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ICMP translation decisions, RFC 7915 sections 4.2 (ICMPv4 -> ICMPv6),
 * 5.2 (ICMPv6 -> ICMPv4) and 6 (Packet Too Big), with the RFC 1191
 * section 7 plateau table.
 *
 * Choices where the RFC leaves room, all applied the same way both ways:
 *
 * - Echo: the RFC changes the type only ("adjust the ICMP checksum ... to
 *   take the type change into account"), so the code is copied unchanged,
 *   not checked and not zeroed. Only the type octet (and the pseudo-header)
 *   then enters the checksum update.
 * - Time Exceeded: "The Code is unchanged", for every code value, not
 *   just 0 and 1.
 * - Packet Too Big: every code is translated to 3/4. RFC 4443 section 3.2
 *   has the code "set to 0 by the originator and ignored by the receiver".
 * - ICMPv6 Parameter Problem codes 3 and above (RFC 7112, RFC 8883 and
 *   later) are not listed by RFC 7915: dropped, like code 2.
 * - Errors whose "rest of header" is unused in both versions get
 *   V6GW_ICMP_P_ZERO (RFC 792 and RFC 4443 both say "unused ... MUST be
 *   initialized to zero by the originator").
 */

#include "icmp.h"

#define E(t, c, p)	{ .type = (t), .code = (c), \
			  .kind = V6GW_ICMP_ERROR, .param = (p) }

/*
 * ICMPv4 Destination Unreachable (type 3) by code, RFC 7915 section 4.2.
 * Codes 14 (Host Precedence Violation) and 16 up are dropped.
 */
static const struct v6gw_icmp_xlat icmp_unreach4[16] = {
	[0] = E(1, 0, V6GW_ICMP_P_ZERO),	/* net unreachable */
	[1] = E(1, 0, V6GW_ICMP_P_ZERO),	/* host unreachable */
	[2] = { .type = 4, .code = 1, .kind = V6GW_ICMP_ERROR,
		.param = V6GW_ICMP_P_FIXED_PTR,
		.fixed_ptr = 6 },		/* protocol unreachable */
	[3] = E(1, 4, V6GW_ICMP_P_ZERO),	/* port unreachable */
	[4] = E(2, 0, V6GW_ICMP_P_MTU),		/* fragmentation needed */
	[5] = E(1, 0, V6GW_ICMP_P_ZERO),	/* source route failed */
	[6] = E(1, 0, V6GW_ICMP_P_ZERO),	/* dest network unknown */
	[7] = E(1, 0, V6GW_ICMP_P_ZERO),	/* dest host unknown */
	[8] = E(1, 0, V6GW_ICMP_P_ZERO),	/* source host isolated */
	[9] = E(1, 1, V6GW_ICMP_P_ZERO),	/* net admin. prohibited */
	[10] = E(1, 1, V6GW_ICMP_P_ZERO),	/* host admin. prohibited */
	[11] = E(1, 0, V6GW_ICMP_P_ZERO),	/* net unreachable for TOS */
	[12] = E(1, 0, V6GW_ICMP_P_ZERO),	/* host unreachable for TOS */
	[13] = E(1, 1, V6GW_ICMP_P_ZERO),	/* admin. prohibited */
	/* [14] host precedence violation: drop */
	[15] = E(1, 1, V6GW_ICMP_P_ZERO),	/* precedence cutoff */
};

/*
 * ICMPv6 Destination Unreachable (type 1) by code, RFC 7915 section 5.2.
 * Codes 5 (source address failed policy), 6 (reject route) and up are
 * "Other Code values: Silently drop".
 */
static const struct v6gw_icmp_xlat icmp_unreach6[5] = {
	[0] = E(3, 1, V6GW_ICMP_P_ZERO),	/* no route -> host unr. */
	[1] = E(3, 10, V6GW_ICMP_P_ZERO),	/* admin. prohibited */
	[2] = E(3, 1, V6GW_ICMP_P_ZERO),	/* beyond scope of source */
	[3] = E(3, 1, V6GW_ICMP_P_ZERO),	/* address unreachable */
	[4] = E(3, 3, V6GW_ICMP_P_ZERO),	/* port unreachable */
};

#undef E

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

static void icmp_set(struct v6gw_icmp_xlat *x, uint8_t type, uint8_t code,
		     uint8_t kind, uint8_t param)
{
	x->type = type;
	x->code = code;
	x->kind = kind;
	x->param = param;
	x->fixed_ptr = 0;
}

static void icmp_drop(struct v6gw_icmp_xlat *x)
{
	memset(x, 0, sizeof(*x));
}

/**
 * v6gw_icmp_4to6() - translate an ICMPv4 type and code to ICMPv6
 * @type: ICMPv4 type
 * @code: ICMPv4 code
 * @x: the decision, always written
 *
 * RFC 7915 section 4.2: echo 8 and 0 become 128 and 129 (code copied);
 * Destination Unreachable per the table above; Time Exceeded 11/x becomes
 * 3/x; Parameter Problem 12/0 and 12/2 become 4/0 with the pointer mapped,
 * 12/1 and other codes are dropped. Every other type is dropped: source
 * quench (4), redirect (5), alternate host address (6), router
 * advertisement and solicitation (9, 10), timestamp (13, 14), information
 * (15, 16), address mask (17, 18) and unknown types.
 */
void v6gw_icmp_4to6(uint8_t type, uint8_t code, struct v6gw_icmp_xlat *x)
{
	switch (type) {
	case V6GW_ICMP4_ECHO:
		icmp_set(x, V6GW_ICMP6_ECHO_REQUEST, code, V6GW_ICMP_INFO,
			 V6GW_ICMP_P_COPY);
		return;
	case V6GW_ICMP4_ECHO_REPLY:
		icmp_set(x, V6GW_ICMP6_ECHO_REPLY, code, V6GW_ICMP_INFO,
			 V6GW_ICMP_P_COPY);
		return;
	case V6GW_ICMP4_DEST_UNREACH:
		if (code < ARRAY_LEN(icmp_unreach4))
			*x = icmp_unreach4[code];
		else
			icmp_drop(x);
		return;
	case V6GW_ICMP4_TIME_EXCEEDED:
		icmp_set(x, V6GW_ICMP6_TIME_EXCEEDED, code, V6GW_ICMP_ERROR,
			 V6GW_ICMP_P_ZERO);
		return;
	case V6GW_ICMP4_PARAM_PROB:
		if (code == 0 || code == 2)	/* pointer, bad length */
			icmp_set(x, V6GW_ICMP6_PARAM_PROB, 0, V6GW_ICMP_ERROR,
				 V6GW_ICMP_P_POINTER);
		else				/* 1: missing option */
			icmp_drop(x);
		return;
	default:
		icmp_drop(x);
		return;
	}
}

/**
 * v6gw_icmp_6to4() - translate an ICMPv6 type and code to ICMPv4
 * @type: ICMPv6 type
 * @code: ICMPv6 code
 * @x: the decision, always written
 *
 * RFC 7915 section 5.2: echo 128 and 129 become 8 and 0 (code copied);
 * MLD (130-132), Neighbor Discovery (133-137) and every other
 * informational type are dropped; Destination Unreachable per the table
 * above; Packet Too Big becomes 3/4 with the MTU recomputed; Time Exceeded
 * 3/x becomes 11/x; Parameter Problem 4/0 becomes 12/0 with the pointer
 * mapped, 4/1 becomes 3/2 (protocol unreachable), 4/2 and other codes are
 * dropped. Unknown error types are dropped.
 */
void v6gw_icmp_6to4(uint8_t type, uint8_t code, struct v6gw_icmp_xlat *x)
{
	switch (type) {
	case V6GW_ICMP6_ECHO_REQUEST:
		icmp_set(x, V6GW_ICMP4_ECHO, code, V6GW_ICMP_INFO,
			 V6GW_ICMP_P_COPY);
		return;
	case V6GW_ICMP6_ECHO_REPLY:
		icmp_set(x, V6GW_ICMP4_ECHO_REPLY, code, V6GW_ICMP_INFO,
			 V6GW_ICMP_P_COPY);
		return;
	case V6GW_ICMP6_DEST_UNREACH:
		if (code < ARRAY_LEN(icmp_unreach6))
			*x = icmp_unreach6[code];
		else
			icmp_drop(x);
		return;
	case V6GW_ICMP6_PKT_TOO_BIG:
		icmp_set(x, V6GW_ICMP4_DEST_UNREACH, 4, V6GW_ICMP_ERROR,
			 V6GW_ICMP_P_MTU);
		return;
	case V6GW_ICMP6_TIME_EXCEEDED:
		icmp_set(x, V6GW_ICMP4_TIME_EXCEEDED, code, V6GW_ICMP_ERROR,
			 V6GW_ICMP_P_ZERO);
		return;
	case V6GW_ICMP6_PARAM_PROB:
		if (code == 0)		/* erroneous header field */
			icmp_set(x, V6GW_ICMP4_PARAM_PROB, 0, V6GW_ICMP_ERROR,
				 V6GW_ICMP_P_POINTER);
		else if (code == 1)	/* unrecognized Next Header */
			icmp_set(x, V6GW_ICMP4_DEST_UNREACH, 2,
				 V6GW_ICMP_ERROR, V6GW_ICMP_P_ZERO);
		else			/* 2: unrecognized option, others */
			icmp_drop(x);
		return;
	default:
		icmp_drop(x);
		return;
	}
}

#define PTR_NA	0xff

/* RFC 7915 section 4.2, Figure 3: IPv4 header octet -> IPv6 header octet */
static const uint8_t icmp_ptr4to6[20] = {
	0,	/* 0 Version/IHL -> Version/Traffic Class */
	1,	/* 1 Type Of Service -> Traffic Class/Flow Label */
	4,	/* 2 Total Length -> Payload Length */
	4,	/* 3 */
	PTR_NA,	/* 4 Identification */
	PTR_NA,	/* 5 */
	PTR_NA,	/* 6 Flags/Fragment Offset */
	PTR_NA,	/* 7 Fragment Offset */
	7,	/* 8 Time to Live -> Hop Limit */
	6,	/* 9 Protocol -> Next Header */
	PTR_NA,	/* 10 Header Checksum */
	PTR_NA,	/* 11 */
	8, 8, 8, 8,	/* 12-15 Source Address */
	24, 24, 24, 24,	/* 16-19 Destination Address */
};

/* RFC 7915 section 5.2, Figure 6: IPv6 header octet -> IPv4 header octet */
static const uint8_t icmp_ptr6to4[40] = {
	0,	/* 0 Version/Traffic Class -> Version/IHL, Type Of Service */
	1,	/* 1 Traffic Class/Flow Label -> Type Of Service */
	PTR_NA,	/* 2 Flow Label */
	PTR_NA,	/* 3 */
	2,	/* 4 Payload Length -> Total Length */
	2,	/* 5 */
	9,	/* 6 Next Header -> Protocol */
	8,	/* 7 Hop Limit -> Time to Live */
	12, 12, 12, 12, 12, 12, 12, 12,	/* 8-23 Source Address */
	12, 12, 12, 12, 12, 12, 12, 12,
	16, 16, 16, 16, 16, 16, 16, 16,	/* 24-39 Destination Address */
	16, 16, 16, 16, 16, 16, 16, 16,
};

/**
 * v6gw_icmp_ptr_4to6() - map an ICMPv4 Parameter Problem pointer
 * @ptr4: octet offset into the inner IPv4 header
 * @ptr6: the offset into the inner IPv6 header, written only on success
 *
 * RFC 7915 section 4.2, Figure 3. Pointers to IPv4 options (20 and up) are
 * not listed there and are untranslatable too.
 *
 * Return: true on success, false if the message must be dropped.
 */
bool v6gw_icmp_ptr_4to6(uint8_t ptr4, uint8_t *ptr6)
{
	if (ptr4 >= ARRAY_LEN(icmp_ptr4to6) || icmp_ptr4to6[ptr4] == PTR_NA)
		return false;
	*ptr6 = icmp_ptr4to6[ptr4];
	return true;
}

/**
 * v6gw_icmp_ptr_6to4() - map an ICMPv6 Parameter Problem pointer
 * @ptr6: octet offset into the inner IPv6 packet (the whole 32-bit field)
 * @ptr4: the offset into the inner IPv4 header, written only on success
 *
 * RFC 7915 section 5.2, Figure 6. Pointers beyond the fixed header (40 and
 * up, extension headers and payload) are untranslatable too.
 *
 * Return: true on success, false if the message must be dropped.
 */
bool v6gw_icmp_ptr_6to4(uint32_t ptr6, uint8_t *ptr4)
{
	if (ptr6 >= ARRAY_LEN(icmp_ptr6to4) || icmp_ptr6to4[ptr6] == PTR_NA)
		return false;
	*ptr4 = icmp_ptr6to4[ptr6];
	return true;
}

/* RFC 1191 section 7, Table 7-1, the plateau column, decreasing */
static const uint16_t icmp_plateaus[] = {
	65535, 32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68,
};

/**
 * v6gw_icmp_rfc1191_plateau() - likely path MTU from an old-style message
 * @tot_len: Total Length of the IPv4 packet that was too big (the one
 *	quoted in the ICMPv4 error), in host order
 *
 * RFC 1191 section 5: "the greatest plateau value that is less than the
 * returned Total Length field", from the table of section 7. The section 5
 * note about 4.2BSD routers (Total Length inflated by the header length) is
 * not applied: it needs the host's current PMTU estimate, which a
 * translator does not have.
 *
 * Return: the plateau, or 0 if @tot_len is 68 or less (no plateau below).
 */
uint16_t v6gw_icmp_rfc1191_plateau(uint16_t tot_len)
{
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(icmp_plateaus); i++)
		if (icmp_plateaus[i] < tot_len)
			return icmp_plateaus[i];
	return 0;
}

static uint32_t icmp_min(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

/**
 * v6gw_icmp_mtu_4to6() - Packet Too Big MTU from a Fragmentation Needed
 * @mtu4_field: Next-Hop MTU of the ICMPv4 3/4 (low 16 bits of the word)
 * @inner_tot_len: Total Length of the quoted (inner) IPv4 header
 * @mtu6_out: MTU of the IPv6 link the ICMPv6 error leaves on (the way the
 *	original packet came in); 0xffffffff if unknown
 * @mtu4_in: MTU of the IPv4 link the ICMPv4 error came in on (the IPv4 next
 *	hop of the original packet); 0xffffffff if unknown
 *
 * RFC 7915 section 4.2 (Code 4):
 * min(@mtu4_field + 20, @mtu6_out, @mtu4_in + 20). When @mtu4_field is 0,
 * the router predates RFC 1191 and the translator "MUST use the plateau
 * values specified in [RFC1191]": v6gw_icmp_rfc1191_plateau() of
 * @inner_tot_len stands in for @mtu4_field (0 if there is none).
 * The result is then raised to 1280, the IPv6 minimum link MTU: RFC 6145
 * section 6 ("if the MTU value of ICMPv4 Packet Too Big (PTB) messages is
 * less than 1280, change it to 1280"), carried into RFC 7915 section 6,
 * and IPv6 hosts discard a smaller PTB anyway (RFC 8201 section 4).
 * No sum or difference wraps.
 *
 * Return: the ICMPv6 MTU field, 1280 to 65555.
 */
uint32_t v6gw_icmp_mtu_4to6(uint16_t mtu4_field, uint16_t inner_tot_len,
			    uint32_t mtu6_out, uint32_t mtu4_in)
{
	uint32_t est = mtu4_field ? mtu4_field :
				    v6gw_icmp_rfc1191_plateau(inner_tot_len);
	uint32_t mtu = est + V6GW_ICMP_HDR_DELTA;

	mtu = icmp_min(mtu, mtu6_out);
	/* mtu4_in + 20 < mtu, written so that nothing wraps */
	if (mtu > V6GW_ICMP_HDR_DELTA && mtu4_in < mtu - V6GW_ICMP_HDR_DELTA)
		mtu = mtu4_in + V6GW_ICMP_HDR_DELTA;
	if (mtu < V6GW_ICMP_MIN_MTU6)
		mtu = V6GW_ICMP_MIN_MTU6;
	return mtu;
}

/**
 * v6gw_icmp_mtu_6to4() - Fragmentation Needed MTU from a Packet Too Big
 * @mtu6_field: MTU of the ICMPv6 Packet Too Big (the whole 32-bit word)
 * @mtu4_out: MTU of the IPv4 link the ICMPv4 error leaves on (the way the
 *	original packet came in); 0xffffffff if unknown
 * @mtu6_in: MTU of the IPv6 link the ICMPv6 error came in on (the IPv6 next
 *	hop of the original packet); 0xffffffff if unknown
 *
 * RFC 7915 section 5.2 (Packet Too Big):
 * min(@mtu6_field - 20, @mtu4_out, @mtu6_in - 20). A subtraction that would
 * go below zero gives zero. The result is raised to 68, the IPv4 minimum
 * (RFC 791; RFC 1191 sections 3 and 4), and capped at 65535 to fit the
 * 16-bit Next-Hop MTU field.
 *
 * The RFC's text also says "taking into account whether or not the packet
 * in error includes a Fragment Header" but its formula subtracts 20 in
 * every case, and so does this function.
 *
 * Return: the ICMPv4 Next-Hop MTU, 68 to 65535.
 */
uint16_t v6gw_icmp_mtu_6to4(uint32_t mtu6_field, uint32_t mtu4_out,
			    uint32_t mtu6_in)
{
	uint32_t mtu = mtu4_out;

	mtu = icmp_min(mtu, mtu6_field > V6GW_ICMP_HDR_DELTA ?
			    mtu6_field - V6GW_ICMP_HDR_DELTA : 0);
	mtu = icmp_min(mtu, mtu6_in > V6GW_ICMP_HDR_DELTA ?
			    mtu6_in - V6GW_ICMP_HDR_DELTA : 0);
	if (mtu < V6GW_ICMP_MIN_MTU4)
		mtu = V6GW_ICMP_MIN_MTU4;
	if (mtu > 0xffff)
		mtu = 0xffff;
	return (uint16_t)mtu;
}
