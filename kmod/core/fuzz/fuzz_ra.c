// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer harness for the Router Advertisement rewrite (ra.c) and the
 * rule and DNS name helpers (ra_opts.c).
 *
 * Input: 10 control bytes, then the packet (a whole IPv6 packet).
 *   0: bit 0 mode replace, 1 has a lifetime, 2 set the payload length to
 *      the packet's, 3 set the ICMPv6 checksum (so that the rewrite proper
 *      is reached); bits 4-7 PREF64: 0 none, 1-6 64:ff9b:: at 32, 40, 48,
 *      56, 64, 96, 7-12 2001:db8:64:1:: (cut to the length) at the same,
 *      13-15 none
 *   1: RDNSS: bit i adds address i of the table below
 *   2: DNSSL: bit i adds name i of the table below (399 bytes together:
 *      never refused)
 *   3-6: the lifetime, big-endian
 *   7: room: the packet's length + 4 x this
 *   8: mtu: below 128 1500, 255 none (0xffffffff), else 56 + 8 x (c - 128)
 *   9: where in the packet v6gw_dns_name_decode() is tried
 *
 * Checked:
 *   - every verdict but DONE: the buffer (all of room) byte for byte as
 *     it was; SAME: *new_len the packet's; NOROOM: more than room, not
 *     over mtu; TOO_BIG: over mtu or a payload over 65535
 *   - DONE: the result within room and mtu; payload length and ICMPv6
 *     checksum (a byte-wise RFC 1071 sum here) right; the header (but
 *     payload length and checksum) unchanged; the RA's options that stay
 *     (add: all, replace: those not of the rule's types) first, in order,
 *     byte for byte; then only RDNSS / DNSSL / PREF64 options of the
 *     rule's types with sane lengths. The result rewritten again (in a
 *     buffer of exactly its length): the rule in add mode gives SAME, in
 *     replace mode DONE with the same bytes; one byte less of room or
 *     mtu for a result that grew: NOROOM / TOO_BIG, untouched
 *   - v6gw_dns_name_decode() at the chosen offset: at most 255 bytes
 *     taken, within the input, text 2 shorter than that; a name of only
 *     [A-Za-z0-9_-] labels encodes back to exactly those bytes
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ra.h"

#define FUZZ_ASSERT(c) do { if (!(c)) __builtin_trap(); } while (0)
#define CTL 10

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* mkseeds.py writes RAs with these addresses and names. */
static const uint8_t ADDR[8][16] = {
	{ 0x20, 0x01, 0x0d, 0xb8, [15] = 0x53 },
	{ 0x20, 0x01, 0x0d, 0xb8, [13] = 0x01, [15] = 0x53 },
	{ 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, [15] = 0x35 },
	{ 0xfe, 0x80, [15] = 0x53 },
	{ 0x20, 0x01, 0x48, 0x60, 0x48, 0x60, [14] = 0x88, [15] = 0x88 },
	{ 0x26, 0x06, 0x47, 0x00, 0x47, 0x00, [14] = 0x11, [15] = 0x11 },
	{ [10] = 0xff, [11] = 0xff, 192, 0, 2, 53 },
	{ 0x20, 0x01, 0x0d, 0xb8 },
};

#define L63 "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk"
static const char *const NAME[8] = {
	"example.com",
	"corp.example.org",
	"a.test",
	"Lab.Example.NET",
	"x_y-z.example",
	"a",
	L63 ".test",
	/* 253 characters, 255 bytes encoded */
	L63 "." L63 "." L63 "."
	"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghi",
};

static const uint8_t PREF_A[16] = { 0x00, 0x64, 0xff, 0x9b };
static const uint8_t PREF_B[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x64,
				    0x00, 0x01 };
static const uint8_t PLEN[6] = { 32, 40, 48, 56, 64, 96 };

static uint64_t ref_sum(const uint8_t *p, size_t n, uint64_t s)
{
	size_t i;

	for (i = 0; i < n; i++)
		s += i % 2 ? p[i] : (uint64_t)p[i] << 8;
	return s;
}

static uint16_t ref_fold(uint64_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

/* The ICMPv6 sum with the pseudo-header, the checksum field included. */
static uint64_t icmp6_sum(const uint8_t *p, uint32_t len)
{
	uint32_t plen = len - 40;
	uint8_t ph[8] = { (uint8_t)(plen >> 24), (uint8_t)(plen >> 16),
			  (uint8_t)(plen >> 8), (uint8_t)plen, 0, 0, 0, 58 };

	return ref_sum(p + 40, len - 40, ref_sum(ph, 8, ref_sum(p + 8, 32, 0)));
}

/* @n bytes of @p in a heap buffer of exactly @room (>= @n) bytes. */
static uint8_t *dup_room(const uint8_t *p, size_t n, size_t room)
{
	uint8_t *b = malloc(room ? room : 1);

	if (!b)
		abort();
	memcpy(b, p, n);
	return b;
}

static uint8_t *dup(const uint8_t *p, size_t n)
{
	return dup_room(p, n, n);
}

static bool replaced(const struct v6gw_ra_opts *o, uint8_t type)
{
	return o->mode == V6GW_RA_REPLACE &&
	       ((type == V6GW_ND_OPT_RDNSS && o->nrdnss) ||
		(type == V6GW_ND_OPT_DNSSL && o->ndnssl) ||
		(type == V6GW_ND_OPT_PREF64 && o->pref64_len));
}

/* v6gw_dns_name_decode() on whatever bytes are at @w. */
static void check_decode(const uint8_t *w, size_t len)
{
	char text[256];
	uint8_t wire[256];
	size_t r = v6gw_dns_name_decode(w, len, text, sizeof(text)), i, n;
	bool plain = true;

	if (!r)
		return;
	FUZZ_ASSERT(r <= len && r <= 255 && r >= 3);
	FUZZ_ASSERT(text[r - 2] == '\0');	/* labels, dots between */
	for (i = 0; i < r - 2; i++)
		plain &= (text[i] >= 'a' && text[i] <= 'z') ||
			 (text[i] >= 'A' && text[i] <= 'Z') ||
			 (text[i] >= '0' && text[i] <= '9') ||
			 text[i] == '-' || text[i] == '_' || text[i] == '.';
	/* a dot inside a label reads as a separator: only labels of the
	 * plain characters come back the same */
	for (i = 0; plain && i < r - 1; i += w[i] + 1u) {
		size_t j;

		for (j = 1; j <= w[i]; j++)
			plain &= w[i + j] != '.';
	}
	if (!plain)
		return;
	FUZZ_ASSERT(!v6gw_dns_name_encode(text, wire, sizeof(wire), &n));
	FUZZ_ASSERT(n == r && !memcmp(wire, w, r));
}

/* A DONE result: see the top of the file. */
static void check_done(const struct v6gw_ra_opts *o, const uint8_t *in,
		       uint32_t len, const uint8_t *out, uint32_t nl,
		       uint32_t room, uint32_t mtu)
{
	struct v6gw_ra_opts add = *o;
	uint32_t off, w, nl2;
	uint8_t *b;

	FUZZ_ASSERT(nl >= V6GW_RA_HDR && nl <= room && nl <= mtu);
	FUZZ_ASSERT(nl - 40 <= 0xffff && v6gw_get_be16(out + 4) == nl - 40);
	FUZZ_ASSERT(ref_fold(icmp6_sum(out, nl)) == 0xffff);
	FUZZ_ASSERT(!memcmp(out, in, 4) && !memcmp(out + 6, in + 6, 36) &&
		    !memcmp(out + 44, in + 44, 12));

	/* the RA's options that stay, in order (the input re-validated:
	 * DONE means every option length was good) */
	w = V6GW_RA_HDR;
	for (off = V6GW_RA_HDR; off < len; off += in[off + 1] * 8u) {
		uint32_t olen = in[off + 1] * 8u;

		FUZZ_ASSERT(olen && olen <= len - off);
		if (replaced(o, in[off]))
			continue;
		FUZZ_ASSERT(w + olen <= nl && !memcmp(out + w, in + off, olen));
		w += olen;
	}
	if (o->mode == V6GW_RA_ADD)
		FUZZ_ASSERT(w == len && nl > len);
	/* then only the rule's own: RDNSS, DNSSL, PREF64, once each */
	{
		int last = -1;

		while (w < nl) {
			uint8_t t = out[w], l = out[w + 1];
			int rank = t == V6GW_ND_OPT_RDNSS ? 0 :
				   t == V6GW_ND_OPT_DNSSL ? 1 :
				   t == V6GW_ND_OPT_PREF64 ? 2 : 3;

			FUZZ_ASSERT(rank < 3 && rank > last);
			last = rank;
			if (t == V6GW_ND_OPT_RDNSS)
				FUZZ_ASSERT(l >= 3 && l % 2 && l <= 17 &&
					    (l - 1) / 2 <= o->nrdnss);
			else if (t == V6GW_ND_OPT_DNSSL)
				FUZZ_ASSERT(l >= 2 && l <= 65);
			else
				FUZZ_ASSERT(l == 2 && o->pref64_len &&
					    (out[w + 3] & 7) ==
					    v6gw_ra_plc(o->pref64_len));
			w += l * 8u;
		}
		FUZZ_ASSERT(w == nl);
	}

	/* again, in a buffer of exactly the result */
	b = dup(out, nl);
	if (o->mode == V6GW_RA_REPLACE) {
		FUZZ_ASSERT(v6gw_ra_rewrite(b, nl, nl, mtu, o, &nl2) ==
			    V6GW_RA_DONE);
		FUZZ_ASSERT(nl2 == nl && !memcmp(b, out, nl));
	}
	add.mode = V6GW_RA_ADD;
	FUZZ_ASSERT(v6gw_ra_rewrite(b, nl, nl, mtu, &add, &nl2) ==
		    V6GW_RA_SAME);
	FUZZ_ASSERT(nl2 == nl && !memcmp(b, out, nl));
	free(b);

	/* one byte short of room or mtu: told, untouched */
	if (nl > len) {
		b = dup_room(in, len, nl - 1);
		FUZZ_ASSERT(v6gw_ra_rewrite(b, len, nl - 1, mtu, o, &nl2) ==
			    V6GW_RA_NOROOM);
		FUZZ_ASSERT(nl2 == nl && !memcmp(b, in, len));
		FUZZ_ASSERT(v6gw_ra_rewrite(b, len, nl - 1, nl - 1, o, &nl2) ==
			    V6GW_RA_TOO_BIG);
		FUZZ_ASSERT(nl2 == nl && !memcmp(b, in, len));
		free(b);
	}
}

/*
 * The CLAT's reader agrees with the rewrite on what is an RA and what is
 * malformed; what it reads is a valid prefix with a lifetime in 8 s
 * units; and after a replace rule with a PREF64 it reads the rule's.
 */
static void check_pref64_read(const uint8_t *in, uint32_t len,
			      enum v6gw_ra_verdict v,
			      const struct v6gw_ra_opts *o,
			      const uint8_t *out, uint32_t nl)
{
	uint8_t a[16], l = 0;
	uint32_t lt = 1, i;
	enum v6gw_ra_verdict r = v6gw_ra_pref64_read(in, len, a, &l, &lt);

	if (v == V6GW_RA_NOT_RA || v == V6GW_RA_MALFORMED) {
		FUZZ_ASSERT(r == v);
		return;
	}
	FUZZ_ASSERT(r == V6GW_RA_DONE || r == V6GW_RA_SAME);
	if (r == V6GW_RA_DONE) {
		FUZZ_ASSERT(v6gw_ra_plc(l) >= 0 && lt % 8 == 0 &&
			    lt <= V6GW_RA_PREF64_MAX_LIFETIME);
		for (i = l; i < 128; i++)
			FUZZ_ASSERT(!(a[i / 8] & (0x80 >> (i % 8))));
	}
	if (v == V6GW_RA_DONE && o->mode == V6GW_RA_REPLACE &&
	    o->pref64_len) {
		FUZZ_ASSERT(v6gw_ra_pref64_read(out, nl, a, &l, &lt) ==
			    V6GW_RA_DONE);
		FUZZ_ASSERT(l == o->pref64_len &&
			    !memcmp(a, o->pref64, 16));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct v6gw_ra_opts o;
	enum v6gw_ra_verdict v;
	uint32_t len, room, mtu, nl = 0;
	uint8_t *in, *buf;
	unsigned int i, pf;

	if (size < CTL || size - CTL > 70000)
		return -1;
	len = (uint32_t)(size - CTL);

	/* the rule */
	v6gw_ra_opts_init(&o);
	o.mode = data[0] & 1 ? V6GW_RA_REPLACE : V6GW_RA_ADD;
	o.has_lifetime = data[0] & 2;
	o.lifetime = v6gw_get_be32(data + 3);
	for (i = 0; i < 8; i++)
		if (data[1] >> i & 1)
			FUZZ_ASSERT(!v6gw_ra_opts_add_rdnss(&o, ADDR[i]));
	for (i = 0; i < 8; i++)
		if (data[2] >> i & 1)
			FUZZ_ASSERT(!v6gw_ra_opts_add_dnssl(&o, NAME[i]));
	pf = data[0] >> 4;
	if (pf >= 1 && pf <= 12) {
		uint8_t p[16] = { 0 }, plen = PLEN[(pf - 1) % 6];

		memcpy(p, pf <= 6 ? PREF_A : PREF_B, plen / 8);
		FUZZ_ASSERT(!v6gw_ra_opts_set_pref64(&o, p, plen));
	}
	if (v6gw_ra_opts_invalid(&o))
		return 0;

	room = len + data[7] * 4u;
	mtu = data[8] < 128 ? 1500 : data[8] == 255 ? 0xffffffff :
	      56 + 8u * (data[8] - 128);

	/* the packet, its length and checksum fixed when asked */
	in = dup(data + CTL, len);
	if (data[0] & 4 && len >= 40 && len - 40 <= 0xffff) {
		in[4] = (uint8_t)((len - 40) >> 8);
		in[5] = (uint8_t)(len - 40);
	}
	if (data[0] & 8 && len >= 44) {
		uint16_t c;

		in[42] = in[43] = 0;
		c = (uint16_t)~ref_fold(icmp6_sum(in, len));
		in[42] = (uint8_t)(c >> 8);
		in[43] = (uint8_t)c;
	}
	if (len)
		check_decode(in + data[9] % len, len - data[9] % len);

	buf = malloc(room ? room : 1);
	if (!buf)
		abort();
	memset(buf, 0xa5, room);
	memcpy(buf, in, len);
	v = v6gw_ra_rewrite(buf, len, room, mtu, &o, &nl);
	check_pref64_read(in, len, v, &o, buf, nl);
	switch (v) {
	case V6GW_RA_DONE:
		check_done(&o, in, len, buf, nl, room, mtu);
		break;
	case V6GW_RA_SAME:
	case V6GW_RA_NOT_RA:
	case V6GW_RA_MALFORMED:
	case V6GW_RA_TOO_BIG:
	case V6GW_RA_NOROOM:
		FUZZ_ASSERT(!memcmp(buf, in, len));
		for (i = len; i < room; i++)
			FUZZ_ASSERT(buf[i] == 0xa5);
		if (v == V6GW_RA_SAME)
			FUZZ_ASSERT(nl == len && o.mode == V6GW_RA_ADD);
		if (v == V6GW_RA_NOROOM)
			FUZZ_ASSERT(nl > room && nl <= mtu);
		if (v == V6GW_RA_TOO_BIG)
			FUZZ_ASSERT(nl > mtu || nl - 40 > 0xffff);
		break;
	default:
		FUZZ_ASSERT(0);
	}
	free(buf);
	free(in);
	return 0;
}
