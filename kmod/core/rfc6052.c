// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * IPv4-embedded IPv6 addresses (RFC 6052 section 2.2).
 *
 * The 32 IPv4 bits follow the prefix, skipping bits 64-71 (the "u" octet,
 * byte 8), and the rest of the address (the suffix) is zero:
 *
 *	/32  v4[0..3] at bytes 4-7
 *	/40  v4[0..2] at bytes 5-7, v4[3] at byte 9
 *	/48  v4[0..1] at bytes 6-7, v4[2..3] at bytes 9-10
 *	/56  v4[0]    at byte 7,    v4[1..3] at bytes 9-11
 *	/64  v4[0..3] at bytes 9-12
 *	/96  v4[0..3] at bytes 12-15
 *
 * Every valid length is a multiple of 8, so the mapping is byte-wise.
 */

#include "rfc6052.h"

#define RFC6052_U_OCTET 8

/* 64:ff9b::/96, RFC 6052 section 2.1 */
static const uint8_t rfc6052_wkp[12] = { 0x00, 0x64, 0xff, 0x9b };

/*
 * Byte offset of the first IPv4 byte; the others follow, skipping byte 8.
 * Lengths that are not valid give some offset that keeps every access within
 * the 16 bytes, so a caller bug cannot turn into an out-of-bounds access.
 */
static unsigned int rfc6052_v4_offset(uint8_t len)
{
	unsigned int off = len / 8;

	return off > 12 ? 12 : off;
}

/**
 * v6gw_rfc6052_prefix_invalid() - check a translation prefix
 * @p: the prefix
 *
 * A valid prefix has one of the six lengths of RFC 6052 section 2.2, no bit
 * set beyond its length and, for a /96, a zero u octet (bits 64-71).
 *
 * Return: NULL when @p is valid, otherwise a short static message suitable
 * for a netlink extended ack.
 */
const char *v6gw_rfc6052_prefix_invalid(const struct v6gw_prefix6 *p)
{
	unsigned int i;

	switch (p->len) {
	case 32:
	case 40:
	case 48:
	case 56:
	case 64:
	case 96:
		break;
	default:
		return "prefix length must be 32, 40, 48, 56, 64 or 96";
	}

	if (p->len > 64 && p->addr[RFC6052_U_OCTET])
		return "bits 64-71 (the u octet) must be zero";

	for (i = p->len / 8; i < 16; i++)
		if (p->addr[i])
			return "bits beyond the prefix length must be zero";

	return NULL;
}

/**
 * v6gw_rfc6052_embed() - build an IPv4-embedded IPv6 address
 * @p: translation prefix, valid according to v6gw_rfc6052_prefix_invalid()
 * @v4: IPv4 address to embed
 * @v6: resulting IPv6 address
 *
 * The u octet and the suffix are set to zero. Only the whole bytes of the
 * prefix are copied from @p->addr.
 */
void v6gw_rfc6052_embed(const struct v6gw_prefix6 *p, const uint8_t v4[4],
			uint8_t v6[16])
{
	unsigned int off = rfc6052_v4_offset(p->len);
	unsigned int i;

	memset(v6, 0, 16);
	memcpy(v6, p->addr, off);

	for (i = 0; i < 4; i++, off++) {
		if (off == RFC6052_U_OCTET)
			off++;
		v6[off] = v4[i];
	}
}

/**
 * v6gw_rfc6052_extract() - recover the IPv4 address embedded in an IPv6 one
 * @p: translation prefix, valid according to v6gw_rfc6052_prefix_invalid()
 * @v6: IPv6 address
 * @v4: resulting IPv4 address, written only on success
 *
 * The suffix is ignored, as RFC 6052 section 2.2 recommends on receipt
 * (TAYGA drops such addresses instead). The u octet is ignored too for
 * prefixes shorter than /96: RFC 6052 only says it MUST be zero, and a
 * sender that sets it is still unambiguous. In a /96 it is part of the
 * prefix and therefore must match (be zero).
 *
 * Return: true if @v6 is inside @p and @v4 was written, false otherwise.
 */
bool v6gw_rfc6052_extract(const struct v6gw_prefix6 *p, const uint8_t v6[16],
			  uint8_t v4[4])
{
	unsigned int off = rfc6052_v4_offset(p->len);
	unsigned int i;

	if (!v6gw_prefix6_contains(p, v6))
		return false;
	if (off == 12) {	/* a /96, the usual case */
		memcpy(v4, v6 + 12, 4);
		return true;
	}
	for (i = 0; i < 4; i++, off++) {
		if (off == RFC6052_U_OCTET)
			off++;
		v4[i] = v6[off];
	}
	return true;
}

/**
 * v6gw_rfc6052_is_wkp() - is this the Well-Known Prefix 64:ff9b::/96?
 * @p: the prefix
 *
 * Only the first 96 bits are compared; bits beyond the length are the
 * business of v6gw_rfc6052_prefix_invalid(). The local-use 64:ff9b:1::/48
 * (RFC 8215) is not the WKP and carries no address restriction.
 *
 * Return: true if @p is 64:ff9b::/96.
 */
bool v6gw_rfc6052_is_wkp(const struct v6gw_prefix6 *p)
{
	/* on the per-packet path: words, not memcmp() */
	return p->len == 96 &&
	       v6gw_get_be64(p->addr) == v6gw_get_be64(rfc6052_wkp) &&
	       v6gw_get_be32(p->addr + 8) == v6gw_get_be32(rfc6052_wkp + 8);
}

struct v6gw_ipv4_range {
	uint32_t addr;
	uint32_t mask;
};

#define V6GW_V4(a, b, c, d) \
	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))
#define V6GW_V4_MASK(len) (~(0xffffffffU >> (len)))	/* 0 < len < 32 */
#define V6GW_V4_RANGE(a, b, c, d, len) \
	{ V6GW_V4(a, b, c, d), V6GW_V4_MASK(len) }

/* RFC 6890 and the IANA special-purpose registry, plus multicast. */
static const struct v6gw_ipv4_range v6gw_ipv4_special[] = {
	V6GW_V4_RANGE(0, 0, 0, 0, 8),		/* "this network" */
	V6GW_V4_RANGE(10, 0, 0, 0, 8),		/* private */
	V6GW_V4_RANGE(100, 64, 0, 0, 10),	/* CGN shared, RFC 6598 */
	V6GW_V4_RANGE(127, 0, 0, 0, 8),		/* loopback */
	V6GW_V4_RANGE(169, 254, 0, 0, 16),	/* link local */
	V6GW_V4_RANGE(172, 16, 0, 0, 12),	/* private */
	V6GW_V4_RANGE(192, 0, 0, 0, 24),	/* IETF protocol assignments */
	V6GW_V4_RANGE(192, 0, 2, 0, 24),	/* TEST-NET-1 */
	V6GW_V4_RANGE(192, 88, 99, 0, 24),	/* 6to4 relay anycast */
	V6GW_V4_RANGE(192, 168, 0, 0, 16),	/* private */
	V6GW_V4_RANGE(198, 18, 0, 0, 15),	/* benchmarking */
	V6GW_V4_RANGE(198, 51, 100, 0, 24),	/* TEST-NET-2 */
	V6GW_V4_RANGE(203, 0, 113, 0, 24),	/* TEST-NET-3 */
	V6GW_V4_RANGE(224, 0, 0, 0, 4),		/* multicast */
	V6GW_V4_RANGE(240, 0, 0, 0, 4),		/* reserved, broadcast */
};

#define V6GW_IPV4_SPECIAL_END \
	(v6gw_ipv4_special + sizeof(v6gw_ipv4_special) / \
			     sizeof(v6gw_ipv4_special[0]))

/**
 * v6gw_ipv4_is_special() - is this a special-purpose IPv4 address?
 * @v4: IPv4 address
 *
 * Covers the RFC 6890 special-purpose ranges that are not globally
 * reachable (which RFC 6052 section 3.1 forbids translating with the WKP),
 * multicast 224.0.0.0/4 and 240.0.0.0/4 including 255.255.255.255. In
 * 192.0.0.0/24 the globally reachable anycast addresses 192.0.0.9 (PCP,
 * RFC 7723) and 192.0.0.10 (TURN, RFC 8155) are not special.
 *
 * Return: true if @v4 is special-purpose.
 */
bool v6gw_ipv4_is_special(const uint8_t v4[4])
{
	uint32_t a = v6gw_get_be32(v4);
	const struct v6gw_ipv4_range *r;

	if (a == V6GW_V4(192, 0, 0, 9) || a == V6GW_V4(192, 0, 0, 10))
		return false;

	for (r = v6gw_ipv4_special; r < V6GW_IPV4_SPECIAL_END; r++)
		if ((a & r->mask) == r->addr)
			return true;

	return false;
}
