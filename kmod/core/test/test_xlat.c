// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Byte-level tests of xlat.c (RFC 7915, in place).
 *
 * Every expected packet is built independently of the translator by the
 * reference builder in pkt_build.c (fields written one by one, checksums
 * computed in full), then compared byte for byte with the translator's
 * output, which must start exactly @delta bytes before the input inside
 * a heap buffer sized to the packet (ASan sees any access outside it).
 * Headers are also checked field by field against the RFC rules, so that a
 * failure says which rule broke.
 *
 * Suites: plain TCP/UDP/ICMP echo/other both ways over RFC 6052 prefixes of
 * every length and EAM entries, CHECKSUM_PARTIAL, Traffic Class/TOS
 * settings, fragments, zero UDP checksums, TTL/Hop Limit expiry, IPv4
 * options and source routes, IPv6 extension headers, ICMP errors with
 * embedded packets both ways (type/code tables, MTU, pointers, RFC 4884,
 * truncation, RFC 6791 sources, bad checksums), PULL staging, PASS, and a
 * round-trip property test over random packets.
 */
#include "xlat_fx.h"

void test_xlat(void);

/* --- plain packets, 4 -> 6 ---------------------------------------- */

struct plain {
	const struct fx *f;
	uint8_t proto;		/* IPv4 numbering; ICMP: echo */
	uint8_t itype;		/* ICMP type (8 or 0) */
	uint32_t pay;
	bool partial;
	uint8_t tos, ttl;
	uint32_t H;
	const uint8_t *src4, *dst4;
};

static void plain46(const struct plain *c)
{
	static uint8_t seg4[MAXPKT], seg6[MAXPKT], in[MAXPKT], exp[MAXPKT];
	struct pb_ip h4, h6;
	struct xo o = XO;
	struct run r;
	uint8_t p6 = c->proto == PB_ICMP ? PB_ICMPV6 : c->proto;
	uint32_t n, inlen, explen, hl = l4hl(c->proto);
	int mode = c->partial ? PB_CS_PARTIAL : PB_CS_FULL;
	uint8_t tc;

	memset(&h4, 0, sizeof(h4));
	h4.v = 4;
	memcpy(h4.src, c->src4, 4);
	memcpy(h4.dst, c->dst4, 4);
	h4.tos = c->tos;
	h4.ttl = c->ttl;
	h4.proto = c->proto;
	h4.id = (uint16_t)unit_rand();
	h4.df = unit_rand() & 1;
	tc = c->f->m.flags & V6GW_MAP_TCLASS_SET ? c->f->m.tclass : c->tos;

	memset(&h6, 0, sizeof(h6));
	h6.v = 6;
	ref46(c->f, c->src4, h6.src);
	ref46(c->f, c->dst4, h6.dst);
	h6.tos = tc;
	h6.ttl = (uint8_t)(c->ttl - 1);
	h6.proto = p6;

	n = mk_seg(c->proto, c->itype, seg4, c->pay);
	memcpy(seg6, seg4, n);
	if (c->proto == PB_ICMP)
		seg6[0] = icmp_type46(c->itype);
	pb_l4_csum(4, h4.src, h4.dst, c->proto, seg4, n, mode);
	pb_l4_csum(6, h6.src, h6.dst, p6, seg6, n, mode);
	inlen = pb_build(&h4, seg4, n, in);
	explen = pb_build(&h6, seg6, n, exp);

	o.H = c->H;
	o.partial = c->partial;
	xrun(&r, true, &c->f->m, in, inlen, &o);
	relax(c->proto == PB_ICMP ? 42 : -1, -1);
	if (x_ok(&r, exp, explen, 20)) {
		const uint8_t *p = r.pkt.l3;

		chk6(p, explen, tc, h6.ttl, p6, h6.src, h6.dst);
		CHECK_EQ(r.pkt.l4off, 40);
		CHECK_EQ(r.pkt.l4proto, p6);
		CHECK(r.pkt.first_frag);
		CHECK(!r.pkt.udp_csum_fill);
		CHECK_EQ(r.pkt.linear, explen);
		if (pb_csum_off(p6) >= 0 && !c->partial &&
		    (!BUG_ICMP_CARRY || p6 != PB_ICMPV6))
			CHECK(pb_l4_ok(6, h6.src, h6.dst, p6, p + 40, n));
		if (c->partial)
			CHECK_EQ(pb_r16(p + 40 + pb_csum_off(p6)),
				 pb_fold(pb_pseudo(6, h6.src, h6.dst, p6, n)));
		/* payload bytes after the transport header untouched */
		CHECK_MEM(p + 40 + hl, seg4 + hl, n - hl);
	}
	xfree(&r);
}

static void plain64(const struct plain *c, int next)
{
	static uint8_t seg4[MAXPKT], seg6[MAXPKT], in[MAXPKT], exp[MAXPKT];
	struct pb_ip h4, h6;
	struct xo o = XO;
	struct run r;
	uint8_t p6 = c->proto == PB_ICMP ? PB_ICMPV6 : c->proto;
	uint32_t n, inlen, explen, hl = l4hl(c->proto);
	int mode = c->partial ? PB_CS_PARTIAL : PB_CS_FULL, i;
	uint8_t tos;

	memset(&h6, 0, sizeof(h6));
	h6.v = 6;
	ref46(c->f, c->src4, h6.src);
	ref46(c->f, c->dst4, h6.dst);
	h6.tos = c->tos;
	h6.ttl = c->ttl;
	h6.proto = p6;
	h6.flow = (uint32_t)unit_rand() & 0xfffff;
	/* hop-by-hop first, then destination options and routing, SL 0 */
	for (i = 0; i < next; i++) {
		h6.ext[i] = i == 0 ? PB_HOPOPTS : i == 1 ? PB_ROUTING :
			    PB_DSTOPTS;
		h6.extl[i] = (uint8_t)unit_rand_below(3);
	}
	h6.next = (uint8_t)next;
	tos = c->f->m.flags & V6GW_MAP_TOS_SET ? c->f->m.tos : c->tos;

	n = mk_seg(p6, icmp_type46(c->itype), seg6, c->pay);
	memcpy(seg4, seg6, n);
	if (c->proto == PB_ICMP)
		seg4[0] = c->itype;

	memset(&h4, 0, sizeof(h4));
	h4.v = 4;
	memcpy(h4.src, c->src4, 4);
	memcpy(h4.dst, c->dst4, 4);
	h4.tos = tos;
	h4.ttl = (uint8_t)(c->ttl - 1);
	h4.proto = c->proto;
	h4.id = o.id;
	h4.df = 20 + n > 1260;

	pb_l4_csum(6, h6.src, h6.dst, p6, seg6, n, mode);
	pb_l4_csum(4, h4.src, h4.dst, c->proto, seg4, n, mode);
	inlen = pb_build(&h6, seg6, n, in);
	explen = pb_build(&h4, seg4, n, exp);

	o.H = c->H;
	o.partial = c->partial;
	xrun(&r, false, &c->f->m, in, inlen, &o);
	relax(c->proto == PB_ICMP ? 22 : -1, -1);
	if (x_ok(&r, exp, explen, 20 - (int)pb_hlen(&h6))) {
		const uint8_t *p = r.pkt.l3;

		chk4(p, explen, tos, o.id, 20 + n > 1260, false, 0, h4.ttl,
		     c->proto, h4.src, h4.dst);
		CHECK_EQ(r.pkt.l4off, 20);
		CHECK_EQ(r.pkt.l4proto, c->proto);
		CHECK(r.pkt.first_frag);
		CHECK(!r.pkt.udp_csum_fill);
		CHECK_EQ(r.pkt.linear, explen);
		if (pb_csum_off(c->proto) >= 0 && !c->partial &&
		    (!BUG_ICMP_CARRY || c->proto != PB_ICMP))
			CHECK(pb_l4_ok(4, h4.src, h4.dst, c->proto, p + 20, n));
		if (c->partial)
			CHECK_EQ(pb_r16(p + 20 + pb_csum_off(c->proto)),
				 pb_fold(pb_pseudo(4, h4.src, h4.dst, c->proto,
						   n)));
		CHECK_MEM(p + 20 + hl, seg6 + hl, n - hl);
	}
	xfree(&r);
}

void test_plain(void)
{
	static const uint8_t protos[][2] = {
		{ PB_UDP, 0 }, { PB_TCP, 0 }, { PB_ICMP, 8 }, { PB_ICMP, 0 },
		{ PB_ESP, 0 }, { PB_SCTP, 0 },
	};
	static const uint32_t pays[] = { 0, 1, 13, 200, 1212, 1213, 1232,
					 1233, 1400 };
	static const uint8_t toses[] = { 0, 0xb8, 0x03, 0xff, 0x20 };
	uint8_t s[3][16], d[3][16];
	unsigned int fi, pi, li, k = 0;
	int part;

	/* pool-mapped pair, EAM pair, mixed pair */
	a4(s[0], 192, 0, 2, 33);
	a4(d[0], 203, 0, 113, 77);
	a4(s[1], 198, 51, 100, 7);
	a4(d[1], 192, 0, 2, 152);
	a4(s[2], 203, 0, 113, 5);
	a4(d[2], 10, 9, 8, 7);

	for (fi = 0; fi < 8; fi++) {
		struct fx f;
		int pair = fi < 6 ? 0 : (int)fi - 5;

		fx_init(&f, fi < 6 ? pool_lens[fi] : 96, fi >= 6);
		for (pi = 0; pi < sizeof(protos) / sizeof(protos[0]); pi++) {
			for (li = 0; li < sizeof(pays) / sizeof(pays[0]); li++) {
				for (part = 0; part < 2; part++) {
					struct plain c = {
						.f = &f,
						.proto = protos[pi][0],
						.itype = protos[pi][1],
						.pay = pays[li],
						.partial = part,
						.tos = toses[k % 5],
						.ttl = (uint8_t)(2 + k * 37 % 254),
						.H = k & 1 ? 20 : HR,
						.src4 = s[pair],
						.dst4 = d[pair],
					};

					if (part && protos[pi][0] != PB_UDP &&
					    protos[pi][0] != PB_TCP)
						continue;
					k++;
					plain46(&c);
					c.H = k & 2 ? 0 : HR;
					plain64(&c, (int)(k % 4));
				}
			}
		}
	}

	/* Traffic Class / TOS set by configuration instead of copied */
	for (k = 0; k < 2; k++) {
		struct fx f;
		struct plain c = {
			.f = &f, .proto = PB_UDP, .pay = 30, .tos = 0xb8,
			.ttl = 64, .H = HR, .src4 = s[0], .dst4 = d[0],
		};

		fx_init(&f, 96, false);
		f.m.flags |= k ? V6GW_MAP_TCLASS_SET : V6GW_MAP_TOS_SET;
		f.m.tclass = 0x2c;
		f.m.tos = 0x10;
		plain46(&c);
		plain64(&c, 0);
		c.tos = 0;
		c.proto = PB_TCP;
		plain46(&c);
		plain64(&c, 1);
	}

	/* TTL 2: translated with hop limit 1, and back */
	{
		struct fx f;
		struct plain c = {
			.f = &f, .proto = PB_TCP, .pay = 5, .ttl = 2,
			.H = HR, .src4 = s[0], .dst4 = d[0],
		};

		fx_init(&f, 64, false);
		plain46(&c);
		plain64(&c, 0);
	}
}

/* --- fragments, zero UDP checksums -------------------------------------- */
static const struct {
	uint16_t off;
	uint32_t len;
	bool mf;
} frags[] = { { 0, 64, true }, { 8, 24, true }, { 11, 20, false } };

void test_frag46(void)
{
	static uint8_t seg4[256], seg6[256], in[512], exp[512];
	static const uint8_t protos[] = { PB_UDP, PB_TCP, PB_ESP };
	struct pb_ip h4, h6;
	struct run r;
	unsigned int pi, i;
	struct fx f;
	uint32_t n, inlen, explen;

	fx_init(&f, 96, false);
	pair_init(&f);
	for (pi = 0; pi < 3; pi++) {
		uint8_t p = protos[pi];

		n = mk_seg(p, 0, seg4, 108 - l4hl(p));
		memcpy(seg6, seg4, n);
		pb_l4_csum(4, A4, B4, p, seg4, n, PB_CS_FULL);
		pb_l4_csum(6, A6, B6, p, seg6, n, PB_CS_FULL);
		for (i = 0; i < 3; i++) {
			uint32_t o8 = frags[i].off * 8u;

			ip_init(&h4, 4, A4, B4, p, 33);
			h4.id = 0xbeef;
			h4.frag = true;
			h4.off = frags[i].off;
			h4.mf = frags[i].mf;
			h4.tos = 0x48;
			ip_init(&h6, 6, A6, B6, p, 32);
			h6.tos = 0x48;
			h6.frag = true;
			h6.fid = 0xbeef;
			h6.off = frags[i].off;
			h6.mf = frags[i].mf;
			inlen = pb_build(&h4, seg4 + o8, frags[i].len, in);
			explen = pb_build(&h6, seg6 + o8, frags[i].len, exp);
			xrun(&r, true, &f.m, in, inlen, &XO);
			if (x_ok(&r, exp, explen, 28)) {
				const uint8_t *q = r.pkt.l3;

				chk6(q, explen, 0x48, 32, PB_FRAGMENT, A6, B6);
				CHECK_EQ(q[40], p);
				CHECK_EQ(q[41], 0);
				CHECK_EQ(pb_r16(q + 42),
					 (uint32_t)frags[i].off << 3 |
					 frags[i].mf);
				CHECK_EQ(pb_r32(q + 44), 0xbeef);
				CHECK_EQ(r.pkt.l4off, 48);
				CHECK_EQ(r.pkt.l4proto, p);
				CHECK_EQ(r.pkt.first_frag, !frags[i].off);
				if (frags[i].off)	/* not even the checksum */
					CHECK_MEM(q + 48, seg4 + o8,
						  frags[i].len);
			}
			xfree(&r);
		}
	}

	/* fragmented ICMP: its checksum covers bytes that are not here */
	for (i = 0; i < 3; i++) {
		n = mk_seg(PB_ICMP, 8, seg4, 100);
		pb_l4_csum(4, A4, B4, PB_ICMP, seg4, n, PB_CS_FULL);
		ip_init(&h4, 4, A4, B4, PB_ICMP, 33);
		h4.frag = true;
		h4.off = frags[i].off;
		h4.mf = frags[i].mf;
		inlen = pb_build(&h4, seg4 + frags[i].off * 8u, frags[i].len,
				 in);
		xrun(&r, true, &f.m, in, inlen, &XO);
		x_drop(&r, V6GW_XR_ICMP_FRAG);
		xfree(&r);
	}

	/* UDP with a zero checksum */
	for (i = 0; i < 2; i++) {
		struct fx g = f;

		if (i)
			g.m.flags |= V6GW_MAP_AMEND_UDP0;
		n = mk_seg(PB_UDP, 0, seg4, 100);
		pb_w16(seg4 + 6, 0);
		/* first fragment: dropped, amend or not (RFC 7915 4.5) */
		ip_init(&h4, 4, A4, B4, PB_UDP, 33);
		h4.frag = true;
		h4.mf = true;
		inlen = pb_build(&h4, seg4, 64, in);
		xrun(&r, true, &g.m, in, inlen, &XO);
		x_drop(&r, V6GW_XR_UDP_ZERO_FRAG);
		xfree(&r);
		/* whole datagram: dropped, or passed on to be filled in */
		ip_init(&h4, 4, A4, B4, PB_UDP, 33);
		inlen = pb_build(&h4, seg4, n, in);
		ip_init(&h6, 6, A6, B6, PB_UDP, 32);
		explen = pb_build(&h6, seg4, n, exp);
		xrun(&r, true, &g.m, in, inlen, &XO);
		if (!i) {
			x_drop(&r, V6GW_XR_UDP_ZERO_CSUM);
		} else if (x_ok(&r, exp, explen, 20)) {
			CHECK(r.pkt.udp_csum_fill);
			CHECK_EQ(pb_r16(r.pkt.l3 + 46), 0);
			CHECK_EQ(r.pkt.l4proto, PB_UDP);
		}
		xfree(&r);
	}
}

void test_frag64(void)
{
	static uint8_t seg4[2048], seg6[2048], in[2048], exp[2048];
	static const uint8_t protos[] = { PB_UDP, PB_TCP, PB_SCTP };
	struct pb_ip h4, h6;
	struct run r;
	unsigned int pi, i, next;
	struct fx f;
	uint32_t n, inlen, explen;

	fx_init(&f, 64, false);
	pair_init(&f);
	for (pi = 0; pi < 3; pi++) {
		uint8_t p = protos[pi];

		n = mk_seg(p, 0, seg6, 108 - l4hl(p));
		memcpy(seg4, seg6, n);
		pb_l4_csum(6, A6, B6, p, seg6, n, PB_CS_FULL);
		pb_l4_csum(4, A4, B4, p, seg4, n, PB_CS_FULL);
		for (next = 0; next < 3; next++) {
			for (i = 0; i < 3; i++) {
				uint32_t o8 = frags[i].off * 8u;

				ip_init(&h6, 6, A6, B6, p, 9);
				h6.flow = 0x12345;
				h6.frag = true;
				h6.fid = 0xdeadbeef;
				h6.off = frags[i].off;
				h6.mf = frags[i].mf;
				if (next) {
					h6.next = 1;
					h6.ext[0] = next == 1 ? PB_HOPOPTS :
						    PB_DSTOPTS;
					h6.extl[0] = 1;
				}
				ip_init(&h4, 4, A4, B4, p, 8);
				h4.frag = true;
				h4.id = 0xbeef;
				h4.off = frags[i].off;
				h4.mf = frags[i].mf;
				inlen = pb_build(&h6, seg6 + o8, frags[i].len,
						 in);
				explen = pb_build(&h4, seg4 + o8,
						  frags[i].len, exp);
				xrun(&r, false, &f.m, in, inlen, &XO);
				if (x_ok(&r, exp, explen,
					 20 - (int)pb_hlen(&h6))) {
					chk4(r.pkt.l3, explen, 0, 0xbeef, false,
					     frags[i].mf, frags[i].off, 8, p,
					     A4, B4);
					CHECK_EQ(r.pkt.first_frag,
						 !frags[i].off);
					CHECK_EQ(r.pkt.l4off, 20);
					if (frags[i].off)
						CHECK_MEM(r.pkt.l3 + 20,
							  seg6 + o8,
							  frags[i].len);
				}
				xfree(&r);
			}
		}
	}

	/* an atomic fragment: ID from it, DF 0 even when large, MF 0 */
	n = mk_seg(PB_UDP, 0, seg6, 1300);
	memcpy(seg4, seg6, n);
	pb_l4_csum(6, A6, B6, PB_UDP, seg6, n, PB_CS_FULL);
	pb_l4_csum(4, A4, B4, PB_UDP, seg4, n, PB_CS_FULL);
	ip_init(&h6, 6, A6, B6, PB_UDP, 9);
	h6.frag = true;
	h6.fid = 0x00017777;
	ip_init(&h4, 4, A4, B4, PB_UDP, 8);
	h4.id = 0x7777;
	inlen = pb_build(&h6, seg6, n, in);
	explen = pb_build(&h4, seg4, n, exp);
	xrun(&r, false, &f.m, in, inlen, &XO);
	if (x_ok(&r, exp, explen, -28))
		chk4(r.pkt.l3, explen, 0, 0x7777, false, false, 0, 8, PB_UDP,
		     A4, B4);
	xfree(&r);

	/* fragmented ICMPv6 */
	for (i = 0; i < 3; i++) {
		n = mk_seg(PB_ICMPV6, 128, seg6, 100);
		pb_l4_csum(6, A6, B6, PB_ICMPV6, seg6, n, PB_CS_FULL);
		ip_init(&h6, 6, A6, B6, PB_ICMPV6, 9);
		h6.frag = true;
		h6.off = frags[i].off;
		h6.mf = frags[i].mf;
		inlen = pb_build(&h6, seg6 + frags[i].off * 8u, frags[i].len,
				 in);
		xrun(&r, false, &f.m, in, inlen, &XO);
		x_drop(&r, V6GW_XR_ICMP_FRAG);
		xfree(&r);
	}
}

/* --- TTL, options, extension headers, IGMP -------------------------- */

void test_ttl(void)
{
	static const uint8_t protos[][2] = {
		{ PB_UDP, 0 }, { PB_TCP, 0 }, { PB_ICMP, 8 }, { PB_ESP, 0 },
	};
	uint8_t seg[64], in[128];
	struct pb_ip h;
	struct run r;
	unsigned int i, ttl;
	struct fx f;
	uint32_t n, len;

	fx_init(&f, 96, true);
	pair_init(&f);
	for (i = 0; i < 4; i++) {
		uint8_t p = protos[i][0];
		uint8_t p6 = p == PB_ICMP ? PB_ICMPV6 : p;

		for (ttl = 0; ttl < 2; ttl++) {
			n = mk_seg(p, protos[i][1], seg, 20);
			pb_l4_csum(4, A4, B4, p, seg, n, PB_CS_FULL);
			ip_init(&h, 4, A4, B4, p, (uint8_t)ttl);
			len = pb_build(&h, seg, n, in);
			xrun(&r, true, &f.m, in, len, &XO);
			x_icmp(&r, V6GW_XR_TTL, 11, 0, 0);
			xfree(&r);

			n = mk_seg(p6, icmp_type46(protos[i][1]), seg, 20);
			pb_l4_csum(6, A6, B6, p6, seg, n, PB_CS_FULL);
			ip_init(&h, 6, A6, B6, p6, (uint8_t)ttl);
			len = pb_build(&h, seg, n, in);
			xrun(&r, false, &f.m, in, len, &XO);
			x_icmp(&r, V6GW_XR_TTL, 3, 0, 0);
			xfree(&r);
		}
	}
}

void test_opts(void)
{
	static const struct {
		uint8_t len;
		uint8_t b[40];
		bool src_route;
	} opts[] = {
		{ 4, { 1, 1, 1, 1 }, false },			/* NOPs */
		{ 4, { 0, 0, 0, 0 }, false },			/* EOL */
		{ 8, { 7, 7, 4, 10, 1, 2, 3, 0 }, false },	/* RR */
		{ 40, { 68, 40, 5, 0 }, false },		/* TS */
		{ 12, { 131, 11, 4, 1, 2, 3, 4, 5, 6, 7, 8, 0 }, true },
		{ 12, { 1, 131, 11, 8, 1, 2, 3, 4, 5, 6, 7, 8 }, true },
		{ 8, { 137, 7, 4, 1, 2, 3, 4, 0 }, true },	/* SSRR */
		{ 12, { 1, 1, 1, 137, 7, 4, 9, 9, 9, 9, 0, 0 }, true },
		/* expired: pointer past the end */
		{ 12, { 131, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 0 }, false },
		{ 8, { 137, 7, 8, 1, 2, 3, 4, 0 }, false },
		/* after End of Option List: padding, not an option */
		{ 8, { 0, 131, 3, 4, 0, 0, 0, 0 }, false },
		/* record route then LSRR */
		{ 20, { 7, 7, 4, 0, 0, 0, 0, 131, 11, 4, 1, 2, 3, 4, 5,
			6, 7, 8, 0, 0 }, true },
	};
	static uint8_t seg4[256], seg6[256], in[512], exp[512];
	struct pb_ip h4, h6;
	struct run r;
	unsigned int i, p;
	struct fx f;
	uint32_t n, inlen, explen;

	fx_init(&f, 48, false);
	pair_init(&f);
	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		for (p = 0; p < 2; p++) {
			uint8_t proto = p ? PB_TCP : PB_UDP;

			n = mk_seg(proto, 0, seg4, 50);
			memcpy(seg6, seg4, n);
			pb_l4_csum(4, A4, B4, proto, seg4, n, PB_CS_FULL);
			pb_l4_csum(6, A6, B6, proto, seg6, n, PB_CS_FULL);
			ip_init(&h4, 4, A4, B4, proto, 64);
			memcpy(h4.opt, opts[i].b, opts[i].len);
			h4.optlen = opts[i].len;
			ip_init(&h6, 6, A6, B6, proto, 63);
			inlen = pb_build(&h4, seg4, n, in);
			explen = pb_build(&h6, seg6, n, exp);
			xrun(&r, true, &f.m, in, inlen, &XO);
			unit_iter = i;
			if (opts[i].src_route)
				x_icmp(&r, V6GW_XR_SRC_ROUTE, 3, 5, 0);
			else if (x_ok(&r, exp, explen, 20 - opts[i].len))
				CHECK_EQ(r.pkt.l4off, 40);
			unit_iter = -1;
			xfree(&r);
		}
	}

	/* IGMP is never translated */
	n = mk_seg(PB_ESP, 0, seg4, 8);
	ip_init(&h4, 4, A4, B4, PB_IGMP, 1);
	inlen = pb_build(&h4, seg4, n, in);
	xrun(&r, true, &f.m, in, inlen, &XO);
	x_drop(&r, V6GW_XR_PROTO);
	xfree(&r);
}

void test_ext6(void)
{
	static const struct {
		uint8_t n;
		uint8_t ext[3], extl[3], extsl[3];
		int verdict;
		uint32_t ptr;
	} cases[] = {
		{ 1, { PB_HOPOPTS }, { 0 }, { 0 }, V6GW_XLAT_OK, 0 },
		{ 1, { PB_DSTOPTS }, { 1 }, { 0 }, V6GW_XLAT_OK, 0 },
		{ 1, { PB_ROUTING }, { 2 }, { 0 }, V6GW_XLAT_OK, 0 },
		{ 3, { PB_HOPOPTS, PB_ROUTING, PB_DSTOPTS }, { 0, 2, 0 },
		  { 0, 0, 0 }, V6GW_XLAT_OK, 0 },
		{ 2, { PB_DSTOPTS, PB_DSTOPTS }, { 3, 0 }, { 0, 0 },
		  V6GW_XLAT_OK, 0 },
		/* segments left: ICMPv6 4/0 pointing at that octet */
		{ 1, { PB_ROUTING }, { 0 }, { 1 }, V6GW_XLAT_ICMP, 43 },
		{ 2, { PB_HOPOPTS, PB_ROUTING }, { 0, 2 }, { 0, 2 },
		  V6GW_XLAT_ICMP, 51 },
		{ 3, { PB_HOPOPTS, PB_DSTOPTS, PB_ROUTING }, { 1, 0, 0 },
		  { 0, 0, 255 }, V6GW_XLAT_ICMP, 67 },
		{ 2, { PB_ROUTING, PB_ROUTING }, { 0, 0 }, { 0, 5 },
		  V6GW_XLAT_ICMP, 51 },
		/* hop-by-hop options not first: malformed */
		{ 2, { PB_DSTOPTS, PB_HOPOPTS }, { 0, 0 }, { 0, 0 },
		  V6GW_XLAT_DROP, 0 },
	};
	static uint8_t seg4[256], seg6[256], in[512], exp[512];
	struct pb_ip h4, h6;
	struct run r;
	unsigned int i, j;
	struct fx f;
	uint32_t n, inlen, explen;

	fx_init(&f, 40, false);
	pair_init(&f);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		n = mk_seg(PB_UDP, 0, seg6, 33);
		memcpy(seg4, seg6, n);
		pb_l4_csum(6, A6, B6, PB_UDP, seg6, n, PB_CS_FULL);
		pb_l4_csum(4, A4, B4, PB_UDP, seg4, n, PB_CS_FULL);
		ip_init(&h6, 6, A6, B6, PB_UDP, 64);
		h6.next = cases[i].n;
		for (j = 0; j < cases[i].n; j++) {
			h6.ext[j] = cases[i].ext[j];
			h6.extl[j] = cases[i].extl[j];
			h6.extsl[j] = cases[i].extsl[j];
		}
		ip_init(&h4, 4, A4, B4, PB_UDP, 63);
		h4.id = XO.id;
		inlen = pb_build(&h6, seg6, n, in);
		explen = pb_build(&h4, seg4, n, exp);
		xrun(&r, false, &f.m, in, inlen, &XO);
		unit_iter = i;
		if (cases[i].verdict == V6GW_XLAT_OK)
			x_ok(&r, exp, explen, 20 - (int)pb_hlen(&h6));
		else if (cases[i].verdict == V6GW_XLAT_ICMP)
			x_icmp(&r, V6GW_XR_ROUTING_HDR, 4, 0, cases[i].ptr);
		else
			x_verdict(&r, V6GW_XLAT_DROP);
		unit_iter = -1;
		xfree(&r);
	}
}

void test_xlat(void)
{
	static uint64_t mem[4096];
	unsigned long before = unit_passed + unit_failed;
	uint32_t bad;
	size_t need = v6gw_eam_table_size(3);

	if (need > sizeof(mem) ||
	    v6gw_eam_table_build(mem, sizeof(mem), eams, 3, &bad))
		abort();
	eam_table = (const struct v6gw_eam_table *)mem;
	unit_seed(0x7915);

	test_plain();
	test_frag46();
	test_frag64();
	test_ttl();
	test_opts();
	test_ext6();
	test_err46();
	test_err64();
	test_rfc4884();
	test_bad_csum();
	test_contract();
	test_pull();
	test_pass();
	test_prop();
	test_corner();
	if (!BUG_ICMP_CARRY)
		test_bug_icmp_carry();
	if (relaxed)
		printf("xlat: BUG_ICMP_CARRY: %lu ICMP checksums off by one "
		       "(tolerated, see test_xlat.c)\n", relaxed);
	printf("xlat: %lu checks, 6000 random round trips, %lu packets "
	       "also run premapped\n", unit_passed + unit_failed - before,
	       premap_runs);
}
