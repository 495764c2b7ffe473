// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Byte-level translator tests of RFC 7915 corner cases: ICMP in IPv6
 * atomic fragments (RFC 6946), ICMP carried in the wrong family, the
 * Fragment header the caller asks for when it will fragment (section 4.1),
 * extension headers in the fragmentable part of a first fragment, ICMPv4
 * errors from 0.0.0.0/8 and 127.0.0.0/8 (section 4.1), and hairpinning
 * (RFC 7757 section 4): one TTL decrement, the inner destination of an
 * error mapped with the RFC 6052 prefix.
 */
#include "xlat_fx.h"

/* A UDP or ICMP segment of @n payload bytes, checksummed for both families. */
static uint32_t seg_pair(uint8_t p4, uint8_t t4, uint32_t n,
			 const uint8_t *s4, const uint8_t *d4,
			 const uint8_t *s6, const uint8_t *d6,
			 uint8_t *seg4, uint8_t *seg6)
{
	uint8_t p6 = p4 == PB_ICMP ? PB_ICMPV6 : p4;
	uint32_t len = mk_seg(p4, t4, seg4, n);

	memcpy(seg6, seg4, len);
	if (p4 == PB_ICMP)
		seg6[0] = icmp_type46(t4);
	pb_l4_csum(4, s4, d4, p4, seg4, len, PB_CS_FULL);
	pb_l4_csum(6, s6, d6, p6, seg6, len, PB_CS_FULL);
	return len;
}

/* --- ICMPv6 in an atomic fragment (RFC 6946, RFC 7915 5.1.1) --------- */
static void t_atomic(const struct fx *f)
{
	static uint8_t seg4[2048], seg6[2048], in[4096], exp[4096];
	static uint8_t i4[2048], i6[2048];
	struct pb_ip h4, h6, o4, o6;
	uint8_t r4[16], r6[16];
	uint32_t n, inlen, explen, l4, l6;
	struct xo o = XO;
	struct run r;
	int mf;

	/* echo request and reply: ID from the Fragment header, DF clear */
	for (n = 0; n < 2; n++) {
		uint8_t t4 = n ? 0 : 8;
		uint32_t len;

		unit_iter = n;
		len = seg_pair(PB_ICMP, t4, 40 + n * 1200, A4, B4, A6, B6,
			       seg4, seg6);
		ip_init(&h6, 6, A6, B6, PB_ICMPV6, 64);
		h6.frag = true;
		h6.fid = 0xabcd1234;
		ip_init(&h4, 4, A4, B4, PB_ICMP, 63);
		h4.id = 0x1234;
		inlen = pb_build(&h6, seg6, len, in);
		explen = pb_build(&h4, seg4, len, exp);
		xrun(&r, false, &f->m, in, inlen, &o);
		relax(22, -1);
		if (x_ok(&r, exp, explen, 20 - 48)) {
			chk4(r.pkt.l3, explen, 0, 0x1234, false, false, 0, 63,
			     PB_ICMP, A4, B4);
			CHECK(pb_l4_ok(4, A4, B4, PB_ICMP, r.pkt.l3 + 20, len));
			CHECK_EQ(r.pkt.l4proto, PB_ICMP);
		}
		xfree(&r);
	}
	unit_iter = -1;

	/* a real fragment of ICMPv6 is still not translatable */
	for (mf = 0; mf < 2; mf++) {
		n = seg_pair(PB_ICMP, 8, 40, A4, B4, A6, B6, seg4, seg6);
		ip_init(&h6, 6, A6, B6, PB_ICMPV6, 64);
		h6.frag = true;
		h6.mf = mf;
		h6.off = mf ? 0 : 10;
		inlen = pb_build(&h6, seg6, n, in);
		xrun(&r, false, &f->m, in, inlen, &o);
		x_drop(&r, V6GW_XR_ICMP_FRAG);
		xfree(&r);
	}

	/* an ICMPv6 error in an atomic fragment: ID from it, DF clear */
	a4(r4, 198, 18, 0, 1);
	ref46(f, r4, r6);
	n = seg_pair(PB_UDP, 0, 100, B4, A4, B6, A6, seg4, seg6);
	ip_init(&h6, 6, B6, A6, PB_UDP, 20);
	ip_init(&h4, 4, B4, A4, PB_UDP, 20);
	l6 = pb_build(&h6, seg6, n, i6);
	l4 = pb_build(&h4, seg4, n, i4);
	ip_init(&o6, 6, r6, B6, PB_ICMPV6, 30);
	o6.frag = true;
	o6.fid = 0x99887766;
	inlen = build_icmp(&o6, 1, 4, 0, i6, l6, false, in);
	ip_init(&o4, 4, r4, B4, PB_ICMP, 29);
	o4.id = 0x7766;
	explen = build_icmp(&o4, 3, 3, 0, i4, l4, true, exp);
	xrun(&r, false, &f->m, in, inlen, &o);
	if (x_ok(&r, exp, explen, 48 - (48 + 8 + 40)))
		chk4(r.pkt.l3, explen, 0, 0x7766, false, false, 0, 29,
		     PB_ICMP, r4, B4);
	xfree(&r);
}

/* --- ICMP in the wrong family: IPv4 protocol 58, IPv6 next header 1 ----- */
static void t_wrong_family(const struct fx *f)
{
	static uint8_t seg[2048], in[4096];
	struct pb_ip h;
	struct xo o = XO;
	struct run r;
	uint32_t n, len;

	/* an ICMPv6 error over 1280 bytes inside IPv4 (a fuzzer finding) */
	for (len = 8; len <= 1500; len += 1492) {
		n = mk_seg(PB_ICMPV6, 1, seg, len);
		ip_init(&h, 4, B4, A4, PB_ICMPV6, 64);
		pb_l4_csum(4, B4, A4, PB_ICMPV6, seg, n, PB_CS_FULL);
		xrun(&r, true, &f->m, in, pb_build(&h, seg, n, in), &o);
		x_drop(&r, V6GW_XR_PROTO);
		xfree(&r);

		n = mk_seg(PB_ICMP, 3, seg, len);
		ip_init(&h, 6, A6, B6, PB_ICMP, 64);
		pb_l4_csum(6, A6, B6, PB_ICMP, seg, n, PB_CS_FULL);
		xrun(&r, false, &f->m, in, pb_build(&h, seg, n, in), &o);
		x_drop(&r, V6GW_XR_PROTO);
		xfree(&r);
	}
}

/* --- a Fragment header on request (RFC 7915 4.1), the caller splits ---- */
static void t_frag6(const struct fx *f)
{
	static uint8_t seg4[2048], seg6[2048], in[4096], exp[4096];
	struct pb_ip h4, h6;
	struct xo o = XO;
	struct run r;
	uint32_t n, inlen, explen, i;

	o.frag6 = true;
	for (i = 0; i < 3; i++) {
		uint8_t p = i == 1 ? PB_ICMP : PB_UDP;

		unit_iter = i;
		n = seg_pair(p, 8, 1400, B4, A4, B6, A6, seg4, seg6);
		ip_init(&h4, 4, B4, A4, p, 64);
		h4.id = 0xbeef;
		h4.tos = 0x48;
		ip_init(&h6, 6, B6, A6, p == PB_ICMP ? PB_ICMPV6 : p, 63);
		h6.tos = 0x48;
		h6.frag = true;
		h6.fid = 0xbeef;	/* high 16 bits zero */
		if (i == 2) {		/* an IPv4 first fragment: the same */
			h4.frag = h4.mf = true;
			h6.mf = true;
		}
		inlen = pb_build(&h4, seg4, n, in);
		explen = pb_build(&h6, seg6, n, exp);
		xrun(&r, true, &f->m, in, inlen, &o);
		relax(p == PB_ICMP ? 50 : -1, -1);
		if (x_ok(&r, exp, explen, 28)) {
			chk6(r.pkt.l3, explen, 0x48, 63, PB_FRAGMENT, B6, A6);
			CHECK_EQ(r.pkt.l4off, 48);
			CHECK_EQ(pb_r32(r.pkt.l3 + 44), 0xbeef);
			CHECK_EQ(pb_r16(r.pkt.l3 + 42), i == 2 ? 1 : 0);
		}
		xfree(&r);
	}
	unit_iter = -1;
}

/*
 * --- extension headers behind the Fragment header ----------------------
 * 40 | Fragment (offset @off, M @mf) | @ext (8 bytes) | UDP
 */
static uint32_t frag_ext_pkt(uint8_t ext, uint16_t off, bool mf, uint8_t *b)
{
	static uint8_t udp[64], none[1];
	struct pb_ip h;
	uint32_t n, len;

	n = mk_seg(PB_UDP, 0, udp, 24);
	ip_init(&h, 6, A6, B6, PB_FRAGMENT, 64);
	h.proto = PB_FRAGMENT;	/* written as the next header of the 40 */
	len = pb_build(&h, none, 0, b);
	b[len] = ext;		/* Fragment header */
	b[len + 1] = 0;
	pb_w16(b + len + 2, (uint32_t)off << 3 | mf);
	pb_w32(b + len + 4, 0x1234abcd);
	memset(b + len + 8, 0, 8);
	b[len + 8] = PB_UDP;	/* the extension header, 8 bytes */
	if (ext == PB_ROUTING)
		b[len + 10] = 0;	/* type 0, segments left 0 */
	else if (ext == PB_FRAGMENT)
		pb_w32(b + len + 12, 0x1234abce);
	else
		b[len + 10] = 1, b[len + 11] = 4;	/* PadN */
	memcpy(b + len + 16, udp, n);
	pb_l4_csum(6, A6, B6, PB_UDP, b + len + 16, n, PB_CS_FULL);
	len += 16 + n;
	pb_w16(b + 4, len - 40);
	return len;
}

static void t_frag_ext(const struct fx *f)
{
	static const uint8_t exts[] = { PB_DSTOPTS, PB_ROUTING, PB_HOPOPTS,
					PB_FRAGMENT };
	static uint8_t in[4096], i6[512];
	struct pb_ip o6;
	struct xo o = XO;
	struct run r;
	uint8_t r6[16], r4[16];
	uint32_t i, len;

	for (i = 0; i < sizeof(exts); i++) {
		unit_iter = i;
		/* a first fragment: refused with ICMPv6 1/1 */
		len = frag_ext_pkt(exts[i], 0, true, in);
		xrun(&r, false, &f->m, in, len, &o);
		x_icmp(&r, V6GW_XR_FRAG_EXTHDR, 1, 1, 0);
		xfree(&r);
	}
	unit_iter = -1;

	/* an atomic fragment is a whole packet: the options go, ID kept */
	len = frag_ext_pkt(PB_DSTOPTS, 0, false, in);
	xrun(&r, false, &f->m, in, len, &o);
	if (x_verdict(&r, V6GW_XLAT_OK)) {
		CHECK_EQ(r.pkt.len, len - 56 + 20);
		chk4(r.pkt.l3, r.pkt.len, 0, 0xabcd, false, false, 0, 63,
		     PB_UDP, A4, B4);
	}
	xfree(&r);

	/* quoted in an ICMPv6 error: not translatable */
	a4(r4, 198, 18, 0, 1);
	ref46(f, r4, r6);
	len = frag_ext_pkt(PB_DSTOPTS, 0, true, i6);
	memcpy(i6 + 8, B6, 16);		/* B6 -> A6, the error goes to B6 */
	memcpy(i6 + 24, A6, 16);
	ip_init(&o6, 6, r6, B6, PB_ICMPV6, 30);
	len = build_icmp(&o6, 3, 0, 0, i6, len, false, in);
	xrun(&r, false, &f->m, in, len, &o);
	x_drop(&r, V6GW_XR_ICMP_ERROR);
	xfree(&r);
}

/* --- ICMPv4 errors from 0.0.0.0/8 and 127.0.0.0/8 (RFC 7915 4.1) ------ */
static void t_err_src(void)
{
	static const uint8_t srcs[][4] = { { 127, 0, 0, 1 }, { 0, 0, 0, 0 },
					   { 127, 255, 1, 2 }, { 0, 9, 8, 7 } };
	static const uint8_t wkp[16] = { 0, 0x64, 0xff, 0x9b };
	static uint8_t seg4[2048], seg6[2048], in[4096], exp[4096];
	static uint8_t i4[2048], i6[2048];
	uint8_t s6[16], x4[16], y4[16], x6[16], y6[16];
	struct pb_ip h4, h6, o4, o6;
	struct xo o = XO;
	uint32_t n, l4, l6, inlen, explen, i, w;
	struct run r;
	struct fx f;

	for (w = 0; w < 2; w++) {
		fx_init(&f, 96, false);
		if (w) {	/* the Well-Known Prefix: all the same */
			memcpy(f.m.pool6.addr, wkp, 16);
			memcpy(f.pool, wkp, 16);
		}
		a4(x4, 11, 22, 33, 44);		/* global: fine with the WKP */
		a4(y4, 12, 34, 56, 78);
		ref46(&f, x4, x6);
		ref46(&f, y4, y6);
		for (i = 0; i < 4; i++) {
			unit_iter = w * 10 + i;
			n = seg_pair(PB_UDP, 0, 30, x4, y4, x6, y6, seg4,
				     seg6);
			ip_init(&h4, 4, x4, y4, PB_UDP, 20);
			ip_init(&h6, 6, x6, y6, PB_UDP, 20);
			l4 = pb_build(&h4, seg4, n, i4);
			l6 = pb_build(&h6, seg6, n, i6);
			ip_init(&o4, 4, srcs[i], x4, PB_ICMP, 30);
			inlen = build_icmp(&o4, 11, 0, 0, i4, l4, false, in);
			pb_embed(f.pool, 96, srcs[i], s6);
			ip_init(&o6, 6, s6, x6, PB_ICMPV6, 29);
			explen = build_icmp(&o6, 3, 0, 0, i6, l6, true, exp);
			xrun(&r, true, &f.m, in, inlen, &o);
			x_ok(&r, exp, explen, 48 + 40 - (28 + 20));
			xfree(&r);

			/* not an error: not translated, as before */
			ip_init(&o4, 4, srcs[i], x4, PB_ICMP, 30);
			inlen = build_icmp(&o4, 0, 0, 0x10001, i4, 20, false,
					   in);
			xrun(&r, true, &f.m, in, inlen, &o);
			x_same(&r, V6GW_XLAT_PASS);
			xfree(&r);
		}
	}
	unit_iter = -1;
}

/* --- hairpinning (RFC 7757 section 4) ---------------------------------- */
static void t_hairpin(void)
{
	static uint8_t seg4[2048], seg6[2048], in[4096], exp[4096];
	static uint8_t i4[2048], i6[2048];
	uint8_t x4[16], y4[16], x6p[16], y6[16], x6e[16];
	struct pb_ip h4, h6, o4, o6;
	uint32_t n, l4, l6, inlen, explen, ttl, hp;
	struct xo o = XO;
	struct run r;
	struct fx f;

	fx_init(&f, 64, true);
	a4(x4, 198, 51, 100, 9);	/* e1: 2001:db8:eeee::9 */
	a4(y4, 203, 0, 113, 5);		/* e3: 2001:db8:1::5 */
	pb_embed(f.pool, 64, x4, x6p);
	ref46(&f, x4, x6e);
	ref46(&f, y4, y6);
	CHECK(memcmp(x6p, x6e, 16) != 0);

	/* the second pass: the source by the prefix, no second decrement */
	o.hairpin = true;
	for (ttl = 1; ttl < 256; ttl += 63) {
		unit_iter = ttl;
		n = seg_pair(PB_UDP, 0, 50, x4, y4, x6p, y6, seg4, seg6);
		ip_init(&h4, 4, x4, y4, PB_UDP, (uint8_t)ttl);
		h4.id = 0x77;
		ip_init(&h6, 6, x6p, y6, PB_UDP, (uint8_t)ttl);
		inlen = pb_build(&h4, seg4, n, in);
		explen = pb_build(&h6, seg6, n, exp);
		xrun(&r, true, &f.m, in, inlen, &o);
		if (x_ok(&r, exp, explen, 20))
			chk6(r.pkt.l3, explen, 0, (uint8_t)ttl, PB_UDP, x6p,
			     y6);
		xfree(&r);
	}
	unit_iter = -1;

	/*
	 * An error hairpins: y6 (y4 by EAM) sent to the prefix address of x4
	 * and x6e answers. On the second pass the outer source x4 and the
	 * inner destination x4 both become the prefix address y6 sent to;
	 * the inner source y4 is y6 by EAM. Without hairpin, both x4 would
	 * be the EAM address.
	 */
	for (hp = 0; hp < 2; hp++) {
		const uint8_t *x6 = hp ? x6p : x6e;

		unit_iter = hp;
		o.hairpin = hp;
		n = seg_pair(PB_UDP, 0, 30, y4, x4, y6, x6, seg4, seg6);
		ip_init(&h4, 4, y4, x4, PB_UDP, 40);
		ip_init(&h6, 6, y6, x6, PB_UDP, 40);
		l4 = pb_build(&h4, seg4, n, i4);
		l6 = pb_build(&h6, seg6, n, i6);
		ip_init(&o4, 4, x4, y4, PB_ICMP, 30);
		inlen = build_icmp(&o4, 3, 3, 0, i4, l4, false, in);
		ip_init(&o6, 6, x6, y6, PB_ICMPV6, hp ? 30 : 29);
		explen = build_icmp(&o6, 1, 4, 0, i6, l6, true, exp);
		xrun(&r, true, &f.m, in, inlen, &o);
		x_ok(&r, exp, explen, 48 + 40 - (28 + 20));
		xfree(&r);
	}
	unit_iter = -1;

	/* a hairpinned error with TTL 1 is translated too */
	o.hairpin = true;
	ip_init(&o4, 4, x4, y4, PB_ICMP, 1);
	inlen = build_icmp(&o4, 3, 3, 0, i4, l4, false, in);
	ip_init(&o6, 6, x6p, y6, PB_ICMPV6, 1);
	explen = build_icmp(&o6, 1, 4, 0, i6, l6, true, exp);
	xrun(&r, true, &f.m, in, inlen, &o);
	x_ok(&r, exp, explen, 48 + 40 - (28 + 20));
	xfree(&r);
}

/*
 * --- v6gw_map_prepare(): the EAM lookup skipped inside a pool6 that no
 * EAM entry overlaps, and the same mapping either way -------------------
 */
static void t_prepare(void)
{
	static const uint8_t lens[] = { 32, 40, 48, 56, 64, 96 };
	uint8_t v6[16], a[4], b[4];
	struct v6gw_map u;
	unsigned int l, e, i;
	struct fx f;

	for (l = 0; l < sizeof(lens); l++) {
		for (e = 0; e < 2; e++) {
			unit_iter = l * 2 + e;
			fx_init(&f, lens[l], e);
			/* 2001:db8::/32 holds every EAM entry; the others none */
			CHECK_EQ(f.m.pool6_alone, !(e && lens[l] == 32));
			u = f.m;
			u.pool6_alone = false;
			for (i = 0; i < 3000; i++) {
				bool x, y;

				unit_rand_bytes(v6, 16);
				/* in the pool, in an EAM prefix, or anywhere */
				if (i % 3 == 0)
					memcpy(v6, f.pool, lens[l] / 8);
				else if (i % 3 == 1)
					memcpy(v6, eams[i / 3 % 3].p6.addr,
					       eams[i / 3 % 3].p6.len / 8);
				memset(a, 0, 4);
				memset(b, 0, 4);
				x = v6gw_map_6to4(&f.m, v6, a);
				y = v6gw_map_6to4(&u, v6, b);
				CHECK_EQ(x, y);
				if (x && y)
					CHECK_MEM(a, b, 4);
			}
		}
	}
	unit_iter = -1;
	/* an EAM address inside an overlapping /32 still maps by EAM */
	fx_init(&f, 32, true);
	memcpy(v6, eams[2].p6.addr, 16);
	CHECK(v6gw_map_6to4(&f.m, v6, a));
	CHECK_MEM(a, eams[2].p4.addr, 4);
}

void test_corner(void)
{
	struct fx f;
	int i;

	for (i = 0; i < 2; i++) {
		fx_init(&f, i ? 64 : 96, i);
		pair_init(&f);
		t_atomic(&f);
		t_wrong_family(&f);
		t_frag6(&f);
		t_frag_ext(&f);
	}
	t_err_src();
	t_hairpin();
	t_prepare();
}
