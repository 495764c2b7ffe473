// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Byte-level translator tests: ICMP errors with embedded packets both ways,
 * bad checksums and details of the translator contract (RFC 4884 is in
 * test_xlat_4884.c).
 */
#include "xlat_fx.h"

/* --- ICMP errors ------------------------------------------------------- */
/* One error case, in the input family's terms, and what it becomes. */
struct err {
	uint8_t type, code;
	uint32_t word;
	uint8_t etype, ecode;	/* expected */
	uint32_t eword;
	int verdict;		/* V6GW_XLAT_OK or _DROP */
	uint8_t reason;
	uint8_t iproto;		/* inner protocol, input family numbering */
	uint8_t itype;		/* inner ICMP type */
	uint32_t ipay;		/* inner payload behind its transport header */
	uint32_t quote;		/* transport bytes quoted, 0: all */
	uint32_t mtu_in, mtu_out;
	int ttl;		/* outer TTL / Hop Limit; 0: 50, -1: 0 */
	bool ifrag, imf;	/* inner fragment */
	uint16_t ioff;
	uint8_t ioptlen;	/* inner IPv4 options / IPv6 Hop-by-Hop */
	bool ihbh;
};

#define E_OK(t, c, w, et, ec, ew) \
	.type = t, .code = c, .word = w, .etype = et, .ecode = ec, \
	.eword = ew, .verdict = V6GW_XLAT_OK
#define E_DROP(t, c, w, why) \
	.type = t, .code = c, .word = w, .verdict = V6GW_XLAT_DROP, \
	.reason = why

/* The inner packet of an error in both families; returns the quote. */
struct inner {
	uint8_t b4[MAXPKT], b6[MAXPKT];
	uint32_t len4, len6, hl4, hl6;
	uint8_t p4, p6;
};

static void mk_inner(struct inner *in, const struct err *e, bool from4,
		     const uint8_t *s4, const uint8_t *d4, const uint8_t *s6,
		     const uint8_t *d6, const struct fx *f)
{
	static uint8_t seg4[MAXPKT], seg6[MAXPKT];
	uint8_t p4 = e->iproto == PB_ICMPV6 ? PB_ICMP : e->iproto;
	uint8_t p6 = p4 == PB_ICMP ? PB_ICMPV6 : p4;
	uint8_t t4 = from4 ? e->itype : icmp_type64(e->itype);
	uint8_t t6 = from4 ? icmp_type46(e->itype) : e->itype;
	struct pb_ip h4, h6;
	uint32_t n, o8 = e->ioff * 8u, pl, q;

	n = mk_seg(p4, t4, seg4, e->ipay);
	memcpy(seg6, seg4, n);
	if (p4 == PB_ICMP)
		seg6[0] = t6;
	pb_l4_csum(4, s4, d4, p4, seg4, n, PB_CS_FULL);
	pb_l4_csum(6, s6, d6, p6, seg6, n, PB_CS_FULL);
	pl = e->ifrag && e->imf ? (n - o8) / 2 / 8 * 8 : n - o8;

	ip_init(&h4, 4, s4, d4, p4, 17);
	h4.tos = 0x28;
	ip_init(&h6, 6, s6, d6, p6, 17);
	h6.tos = f->m.flags & V6GW_MAP_TCLASS_SET && from4 ? f->m.tclass :
		 0x28;
	if (!from4 && f->m.flags & V6GW_MAP_TOS_SET)
		h4.tos = f->m.tos;
	h6.flow = from4 ? 0 : 0xabcde;
	if (e->ifrag) {
		h4.frag = h6.frag = true;
		h4.mf = h6.mf = e->imf;
		h4.off = h6.off = e->ioff;
		h4.id = 0x5678;
		h6.fid = from4 ? 0x5678 : 0x12345678;
	} else if (from4) {
		h4.id = 0x5678;
		h4.df = true;
	} else {
		h4.df = 20 + pl > 1260;
	}
	if (from4) {
		h4.optlen = e->ioptlen;
		memset(h4.opt, 1, h4.optlen);
	} else if (e->ihbh) {
		h6.next = 1;
		h6.ext[0] = PB_HOPOPTS;
		h6.extl[0] = 0;
	}
	q = e->quote && e->quote < pl ? e->quote : pl;
	in->hl4 = pb_hlen(&h4);
	in->hl6 = pb_hlen(&h6);
	pb_build(&h4, seg4 + o8, pl, in->b4);
	pb_build(&h6, (o8 ? seg4 : seg6) + o8, pl, in->b6);
	in->len4 = in->hl4 + q;
	in->len6 = in->hl6 + q;
	in->p4 = p4;
	in->p6 = p6;
}

static uint8_t err_ttl(const struct err *e)
{
	return (uint8_t)(e->ttl > 0 ? e->ttl : e->ttl ? 0 : 50);
}

/*
 * 4 -> 6. The IPv6 host A6 (A4 in IPv4) sent a packet to B4 (B6); router
 * @r4 answers A4 with an ICMPv4 error quoting it. Expected: from @r6 to A6,
 * quoting the packet as it was in IPv6.
 */
static void err46(const struct fx *f, const struct err *e, const uint8_t *r4,
		  const uint8_t *r6)
{
	static uint8_t in[MAXPKT], exp[MAXPKT];
	static struct inner inr;
	struct pb_ip o4, o6;
	struct xo o = XO;
	struct run r;
	uint32_t inlen, explen;
	int32_t delta;

	mk_inner(&inr, e, true, A4, B4, A6, B6, f);
	ip_init(&o4, 4, r4, A4, PB_ICMP, err_ttl(e));
	o4.tos = 0xc0;
	o4.id = 0x1111;
	inlen = build_icmp(&o4, e->type, e->code, e->word, inr.b4, inr.len4,
			   false, in);
	ip_init(&o6, 6, r6, A6, PB_ICMPV6, (uint8_t)(o4.ttl - 1));
	o6.tos = f->m.flags & V6GW_MAP_TCLASS_SET ? f->m.tclass : 0xc0;
	explen = build_icmp(&o6, e->etype, e->ecode, e->eword, inr.b6,
			    inr.len6, true, exp);
	delta = 48 + (int)inr.hl6 - (28 + (int)inr.hl4);

	o.mtu_in = e->mtu_in ? e->mtu_in : ~0u;
	o.mtu_out = e->mtu_out ? e->mtu_out : ~0u;
	o.fill_preset = false;
	xrun(&r, true, &f->m, in, inlen, &o);
	if (e->verdict == V6GW_XLAT_DROP) {
		x_drop(&r, e->reason);
	} else {
		if (inr.p6 == PB_ICMPV6)
			relax(42, 48 + inr.hl6 + 2);
		if (x_ok(&r, exp, explen, delta)) {
			const uint8_t *p = r.pkt.l3;

			chk6(p, explen, o6.tos, o6.ttl, PB_ICMPV6, r6, A6);
			CHECK(pb_l4_ok(6, r6, A6, PB_ICMPV6, p + 40,
				       explen - 40));
			CHECK(explen <= 1280);
			CHECK_EQ(p[40], e->etype);
			CHECK_EQ(p[41], e->ecode);
			CHECK_EQ(pb_r32(p + 44), e->eword);
			CHECK_EQ(r.pkt.l4off, 40);
			CHECK_EQ(r.pkt.l4proto, PB_ICMPV6);
			CHECK(r.pkt.first_frag);
			CHECK_EQ(r.pkt.linear, explen);
		}
	}
	xfree(&r);
}

/*
 * 6 -> 4. The IPv4 host B4 (B6 in IPv6) sent a packet to A6; router @r6
 * answers B6 with an ICMPv6 error quoting it. Expected: from @r4 to B4.
 */
static void err64(const struct fx *f, const struct err *e, const uint8_t *r6,
		  const uint8_t *r4, bool outer_hbh)
{
	static uint8_t in[MAXPKT], exp[MAXPKT];
	static struct inner inr;
	struct pb_ip o4, o6;
	struct xo o = XO;
	struct run r;
	uint32_t inlen, explen;

	mk_inner(&inr, e, false, B4, A4, B6, A6, f);
	ip_init(&o6, 6, r6, B6, PB_ICMPV6, err_ttl(e));
	o6.tos = 0xc0;
	o6.flow = 0x54321;
	if (outer_hbh) {
		o6.next = 1;
		o6.ext[0] = PB_HOPOPTS;
	}
	inlen = build_icmp(&o6, e->type, e->code, e->word, inr.b6, inr.len6,
			   false, in);
	ip_init(&o4, 4, r4, B4, PB_ICMP, (uint8_t)(o6.ttl - 1));
	o4.tos = f->m.flags & V6GW_MAP_TOS_SET ? f->m.tos : 0xc0;
	o4.id = o.id;
	o4.df = false;		/* 576 bytes at most */
	explen = build_icmp(&o4, e->etype, e->ecode, e->eword, inr.b4,
			    inr.len4, true, exp);

	o.mtu_in = e->mtu_in ? e->mtu_in : ~0u;
	o.mtu_out = e->mtu_out ? e->mtu_out : ~0u;
	xrun(&r, false, &f->m, in, inlen, &o);
	if (e->verdict == V6GW_XLAT_DROP) {
		x_drop(&r, e->reason);
	} else {
		if (inr.p4 == PB_ICMP)
			relax(22, 48 + 2);
		if (x_ok(&r, exp, explen,
			 48 - (int)(pb_hlen(&o6) + 8 + inr.hl6))) {
			const uint8_t *p = r.pkt.l3;

			chk4(p, explen, o4.tos, o.id, o4.df, false, 0, o4.ttl,
			     PB_ICMP, r4, B4);
			CHECK(pb_l4_ok(4, r4, B4, PB_ICMP, p + 20,
				       explen - 20));
			CHECK_EQ(p[20], e->etype);
			CHECK_EQ(p[21], e->ecode);
			CHECK_EQ(pb_r32(p + 24), e->eword);
			CHECK(explen <= 576);
			CHECK_EQ(r.pkt.l4off, 20);
			CHECK_EQ(r.pkt.l4proto, PB_ICMP);
			CHECK(r.pkt.first_frag);
			CHECK_EQ(r.pkt.linear, explen);
		}
	}
	xfree(&r);
}

/* RFC 1191 section 7 plateaus, and the RFC 7915 section 4.2 formula */
static uint32_t ref_mtu46(uint32_t field, uint32_t tot, uint32_t in6,
			  uint32_t in4)
{
	static const uint32_t pl[] = { 65535, 32000, 17914, 8166, 4352, 2002,
				       1492, 1006, 508, 296, 68 };
	uint64_t m;
	unsigned int i;

	if (!field)
		for (i = 0; i < 11; i++)
			if (pl[i] < tot) {
				field = pl[i];
				break;
			}
	m = (uint64_t)field + 20;
	if (in6 && in6 < m)
		m = in6;
	if (in4 && (uint64_t)in4 + 20 < m)
		m = (uint64_t)in4 + 20;
	return m < 1280 ? 1280 : (uint32_t)m;
}

static uint32_t ref_mtu64(uint32_t field, uint32_t out4, uint32_t in6)
{
	int64_t m = (int64_t)field - 20;

	if (out4 && out4 < m)
		m = out4;
	if (in6 && (int64_t)in6 - 20 < m)
		m = (int64_t)in6 - 20;
	if (m < 68)
		m = 68;
	return m > 65535 ? 65535 : (uint32_t)m;
}

void test_err46(void)
{
	static const struct err cases[] = {
		{ E_OK(3, 3, 0, 1, 4, 0), .iproto = PB_UDP, .ipay = 40 },
		{ E_OK(3, 3, 0, 1, 4, 0), .iproto = PB_UDP, .ipay = 400,
		  .quote = 8 },
		{ E_OK(3, 3, 0, 1, 4, 0), .iproto = PB_TCP, .ipay = 100,
		  .quote = 8 },
		{ E_OK(3, 3, 0, 1, 4, 0), .iproto = PB_TCP, .ipay = 100,
		  .quote = 20 },
		{ E_OK(3, 3, 0, 1, 4, 0), .iproto = PB_ESP, .ipay = 30 },
		{ E_OK(3, 0, 0, 1, 0, 0), .iproto = PB_UDP, .ipay = 8 },
		{ E_OK(3, 1, 0, 1, 0, 0), .iproto = PB_UDP, .ipay = 8 },
		{ E_OK(3, 2, 0, 4, 1, 6), .iproto = PB_UDP, .ipay = 8 },
		{ E_OK(3, 5, 0, 1, 0, 0), .iproto = PB_UDP, .ipay = 8 },
		{ E_OK(3, 6, 0, 1, 0, 0), .iproto = PB_UDP, .ipay = 8 },
		{ E_OK(3, 7, 0, 1, 0, 0), .iproto = PB_UDP, .ipay = 8 },
		{ E_OK(3, 8, 0, 1, 0, 0), .iproto = PB_UDP, .ipay = 8 },
		{ E_OK(3, 9, 0, 1, 1, 0), .iproto = PB_UDP, .ipay = 8 },
		{ E_OK(3, 10, 0, 1, 1, 0), .iproto = PB_UDP, .ipay = 8 },
		{ E_OK(3, 11, 0, 1, 0, 0), .iproto = PB_UDP, .ipay = 8 },
		{ E_OK(3, 12, 0, 1, 0, 0), .iproto = PB_UDP, .ipay = 8 },
		{ E_OK(3, 13, 0, 1, 1, 0), .iproto = PB_UDP, .ipay = 8 },
		{ E_OK(3, 15, 0, 1, 1, 0), .iproto = PB_UDP, .ipay = 8 },
		{ E_DROP(3, 14, 0, V6GW_XR_ICMP_TYPE), .iproto = PB_UDP },
		{ E_DROP(3, 16, 0, V6GW_XR_ICMP_TYPE), .iproto = PB_UDP },
		{ E_OK(11, 0, 0, 3, 0, 0), .iproto = PB_TCP, .ipay = 10 },
		{ E_OK(11, 1, 0, 3, 1, 0), .iproto = PB_UDP, .ipay = 10 },
		/* the "unused" word is not copied */
		{ E_OK(11, 0, 0xdead00ef, 3, 0, 0), .iproto = PB_UDP,
		  .ipay = 10 },
		{ E_OK(12, 2, 9u << 24, 4, 0, 6), .iproto = PB_UDP, .ipay = 8 },
		{ E_DROP(12, 1, 0, V6GW_XR_ICMP_TYPE), .iproto = PB_UDP },
		{ E_DROP(4, 0, 0, V6GW_XR_ICMP_TYPE), .iproto = PB_UDP },
		{ E_DROP(5, 0, 0, V6GW_XR_ICMP_TYPE), .iproto = PB_UDP },
		/* inner echo (traceroute with ping), whole, cut and tiny */
		{ E_OK(11, 0, 0, 3, 0, 0), .iproto = PB_ICMP, .itype = 8,
		  .ipay = 56 },
		{ E_OK(11, 0, 0, 3, 0, 0), .iproto = PB_ICMP, .itype = 8,
		  .ipay = 56, .quote = 8 },
		{ E_OK(3, 1, 0, 1, 0, 0), .iproto = PB_ICMP, .itype = 0,
		  .ipay = 100, .quote = 12 },
		/* an error inside an error */
		{ E_DROP(3, 3, 0, V6GW_XR_ICMP_ERROR), .iproto = PB_ICMP,
		  .itype = 3, .ipay = 28 },
		{ E_DROP(11, 0, 0, V6GW_XR_ICMP_ERROR), .iproto = PB_ICMP,
		  .itype = 12, .ipay = 28 },
		/* cut to 1280 bytes */
		{ E_OK(3, 3, 0, 1, 4, 0), .iproto = PB_UDP, .ipay = 1400 },
		{ E_OK(3, 3, 0, 1, 4, 0), .iproto = PB_UDP, .ipay = 1184 },
		{ E_OK(3, 3, 0, 1, 4, 0), .iproto = PB_UDP, .ipay = 1185 },
		{ E_OK(11, 0, 0, 3, 0, 0), .iproto = PB_ICMP, .itype = 8,
		  .ipay = 1300 },
		/* inner fragments keep a Fragment header */
		{ E_OK(3, 3, 0, 1, 4, 0), .iproto = PB_UDP, .ipay = 200,
		  .ifrag = true, .imf = true },
		{ E_OK(3, 3, 0, 1, 4, 0), .iproto = PB_UDP, .ipay = 200,
		  .ifrag = true, .imf = true, .ioff = 4 },
		{ E_OK(11, 0, 0, 3, 0, 0), .iproto = PB_UDP, .ipay = 200,
		  .ifrag = true, .ioff = 10 },
		/* inner options are dropped */
		{ E_OK(3, 3, 0, 1, 4, 0), .iproto = PB_UDP, .ipay = 20,
		  .ioptlen = 4 },
		{ E_OK(3, 3, 0, 1, 4, 0), .iproto = PB_TCP, .ipay = 20,
		  .ioptlen = 40 },
		/* expiring errors are not answered, just dropped */
		{ E_DROP(3, 3, 0, V6GW_XR_TTL), .iproto = PB_UDP, .ttl = 1 },
		{ E_DROP(3, 3, 0, V6GW_XR_TTL), .iproto = PB_UDP, .ttl = -1 },
	};
	struct fx f;
	uint8_t r4[16], r6[16], q4[16], q6[16];
	unsigned int i;
	uint32_t p;

	fx_init(&f, 96, false);
	pair_init(&f);
	a4(r4, 198, 18, 0, 1);
	ref46(&f, r4, r6);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unit_iter = i;
		err46(&f, &cases[i], r4, r6);
	}
	unit_iter = -1;

	/* 3/4 -> 2/0: the MTU (RFC 7915 4.2, RFC 1191 plateaus, 1280) */
	{
		static const uint32_t mtus[][4] = {
			/* field, inner total, mtu_out (v6), mtu_in (v4) */
			{ 1400, 1500, 0, 0 }, { 1000, 1500, 0, 0 },
			{ 0, 1500, 0, 0 }, { 0, 1400, 0, 0 },
			{ 0, 4400, 0, 0 }, { 0, 30000, 0, 0 },
			{ 1480, 1500, 1400, 0 }, { 1480, 1500, 0, 1300 },
			{ 1480, 1500, 1500, 1500 }, { 0xffff, 1500, 0, 0 },
			{ 1279, 1500, 0, 0 }, { 1260, 1500, 0, 0 },
			{ 1261, 1500, 0, 0 }, { 9000, 9000, 9000, 8000 },
			{ 0, 1500, 1280, 0 }, { 0, 68, 0, 0 },
		};

		for (i = 0; i < sizeof(mtus) / sizeof(mtus[0]); i++) {
			struct err e = {
				E_OK(3, 4, mtus[i][0] | (i & 1 ? 0xab000000 : 0),
				     2, 0,
				     ref_mtu46(mtus[i][0], mtus[i][1],
					       mtus[i][2], mtus[i][3])),
				.iproto = PB_UDP,
				.ipay = mtus[i][1] - 28,
				.quote = 8,
				.mtu_out = mtus[i][2],
				.mtu_in = mtus[i][3],
			};

			unit_iter = i;
			err46(&f, &e, r4, r6);
		}
		unit_iter = -1;
	}

	/* 12/0 -> 4/0: RFC 7915 Figure 3 for every pointer */
	for (p = 0; p < 64; p++) {
		static const int map[20] = { 0, 1, 4, 4, -1, -1, -1, -1, 7, 6,
					     -1, -1, 8, 8, 8, 8, 24, 24, 24,
					     24 };
		int m = p < 20 ? map[p] : -1;
		struct err e = {
			E_OK(12, 0, p << 24 | 0x00cafe, 4, 0, (uint32_t)m),
			.iproto = PB_UDP, .ipay = 10,
		};

		if (m < 0) {
			e.verdict = V6GW_XLAT_DROP;
			e.reason = V6GW_XR_ICMP_ERROR;
		}
		unit_iter = p;
		err46(&f, &e, r4, r6);
	}
	unit_iter = -1;

	/* an unmappable source: RFC 6791 pool, or dropped */
	{
		struct err e = { E_OK(11, 0, 0, 3, 0, 0), .iproto = PB_UDP,
				 .ipay = 20 };
		struct err d = { E_DROP(11, 0, 0, V6GW_XR_ICMP_ERROR),
				 .iproto = PB_UDP, .ipay = 20 };
		struct fx g = f;

		a4(q4, 169, 254, 3, 4);
		err46(&f, &d, q4, r6);
		g.m.flags |= V6GW_MAP_RFC6791V6;
		memcpy(g.m.rfc6791v6.addr, "\x20\x01\x0d\xb8\xff\xff", 6);
		g.m.rfc6791v6.len = 96;
		memcpy(q6, g.m.rfc6791v6.addr, 16);
		memcpy(q6 + 12, q4, 4);
		err46(&g, &e, q4, q6);
		g.m.rfc6791v6.addr[15] = 1;
		g.m.rfc6791v6.len = 128;
		memcpy(q6, g.m.rfc6791v6.addr, 16);
		err46(&g, &e, q4, q6);
		/* a mappable source is mapped, pool or not */
		err46(&g, &e, r4, r6);
		/*
		 * The Well-Known Prefix must not carry 10/8 (RFC 6052 3.1):
		 * with hosts via EAM and 8.8.8.8, a router at 10.1.1.1 gets
		 * the RFC 6791 address.
		 */
		a4(q4, 10, 1, 1, 1);
		memcpy(g.m.pool6.addr, "\x00\x64\xff\x9b\0\0\0\0\0\0\0\0", 12);
		memcpy(g.pool, g.m.pool6.addr, 16);
		g.m.eam = eam_table;
		g.eam = true;
		a4(A4, 198, 51, 100, 200);
		a4(B4, 8, 8, 8, 8);
		ref46(&g, A4, A6);
		ref46(&g, B4, B6);
		memcpy(q6, g.m.rfc6791v6.addr, 16);
		err46(&g, &e, q4, q6);
		pair_init(&f);
	}

	/* Traffic Class set by configuration */
	{
		struct err e = { E_OK(3, 3, 0, 1, 4, 0), .iproto = PB_UDP,
				 .ipay = 20 };
		struct fx g = f;

		g.m.flags |= V6GW_MAP_TCLASS_SET;
		g.m.tclass = 0x0c;
		err46(&g, &e, r4, r6);
	}
}

void test_err64(void)
{
	static const struct err cases[] = {
		{ E_OK(1, 4, 0, 3, 3, 0), .iproto = PB_UDP, .ipay = 40 },
		{ E_OK(1, 4, 0, 3, 3, 0), .iproto = PB_UDP, .ipay = 400,
		  .quote = 8 },
		{ E_OK(1, 4, 0, 3, 3, 0), .iproto = PB_TCP, .ipay = 100,
		  .quote = 20 },
		{ E_OK(1, 4, 0, 3, 3, 0), .iproto = PB_TCP, .ipay = 100,
		  .quote = 8 },
		{ E_OK(1, 4, 0, 3, 3, 0), .iproto = PB_SCTP, .ipay = 30 },
		{ E_OK(1, 0, 0, 3, 1, 0), .iproto = PB_UDP, .ipay = 8 },
		{ E_OK(1, 1, 0, 3, 10, 0), .iproto = PB_UDP, .ipay = 8 },
		{ E_OK(1, 2, 0, 3, 1, 0), .iproto = PB_UDP, .ipay = 8 },
		{ E_OK(1, 3, 0, 3, 1, 0), .iproto = PB_UDP, .ipay = 8 },
		{ E_OK(3, 0, 0, 11, 0, 0), .iproto = PB_UDP, .ipay = 8 },
		{ E_OK(3, 1, 0, 11, 1, 0), .iproto = PB_UDP, .ipay = 8 },
		{ E_OK(3, 0, 0xffffffff, 11, 0, 0), .iproto = PB_UDP,
		  .ipay = 8 },
		{ E_OK(4, 1, 40, 3, 2, 0), .iproto = PB_UDP, .ipay = 8 },
		{ E_DROP(4, 2, 40, V6GW_XR_ICMP_TYPE), .iproto = PB_UDP },
		{ E_DROP(1, 7, 0, V6GW_XR_ICMP_TYPE), .iproto = PB_UDP },
		{ E_DROP(5, 0, 0, V6GW_XR_ICMP_TYPE), .iproto = PB_UDP },
		{ E_DROP(127, 0, 0, V6GW_XR_ICMP_TYPE), .iproto = PB_UDP },
		/* inner echo */
		{ E_OK(3, 0, 0, 11, 0, 0), .iproto = PB_ICMPV6, .itype = 128,
		  .ipay = 56 },
		{ E_OK(3, 0, 0, 11, 0, 0), .iproto = PB_ICMPV6, .itype = 129,
		  .ipay = 56, .quote = 8 },
		/* an error inside an error */
		{ E_DROP(1, 4, 0, V6GW_XR_ICMP_ERROR), .iproto = PB_ICMPV6,
		  .itype = 1, .ipay = 48 },
		{ E_DROP(3, 0, 0, V6GW_XR_ICMP_ERROR), .iproto = PB_ICMPV6,
		  .itype = 2, .ipay = 48 },
		/* inner extension headers go, a Fragment header becomes flags */
		{ E_OK(1, 4, 0, 3, 3, 0), .iproto = PB_UDP, .ipay = 20,
		  .ihbh = true },
		{ E_OK(1, 4, 0, 3, 3, 0), .iproto = PB_UDP, .ipay = 200,
		  .ifrag = true, .imf = true },
		{ E_OK(3, 0, 0, 11, 0, 0), .iproto = PB_UDP, .ipay = 200,
		  .ifrag = true, .ioff = 10 },
		{ E_OK(3, 0, 0, 11, 0, 0), .iproto = PB_TCP, .ipay = 200,
		  .ifrag = true, .imf = true, .ihbh = true },
		/* a big one: the inner header gets DF */
		{ E_OK(1, 4, 0, 3, 3, 0), .iproto = PB_UDP, .ipay = 1400,
		  .quote = 8 },
		{ E_OK(1, 4, 0, 3, 3, 0), .iproto = PB_UDP, .ipay = 1100 },
		{ E_DROP(1, 4, 0, V6GW_XR_TTL), .iproto = PB_UDP, .ttl = 1 },
		{ E_DROP(1, 4, 0, V6GW_XR_TTL), .iproto = PB_UDP, .ttl = -1 },
	};
	struct fx f;
	uint8_t r4[16], r6[16], q4[16];
	unsigned int i;
	uint32_t p;

	fx_init(&f, 56, true);
	pair_init(&f);
	a4(r4, 198, 51, 100, 254);		/* via EAM */
	ref46(&f, r4, r6);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unit_iter = i;
		err64(&f, &cases[i], r6, r4, i & 1);
	}
	unit_iter = -1;

	/* 2 -> 3/4: MTU (RFC 7915 5.2), 68 floor, 16-bit cap */
	{
		static const uint32_t mtus[][3] = {
			/* field, mtu_out (v4), mtu_in (v6) */
			{ 1500, 0, 0 }, { 1280, 0, 0 }, { 1500, 1400, 0 },
			{ 1500, 0, 1300 }, { 9000, 1500, 1500 }, { 10, 0, 0 },
			{ 0, 0, 0 }, { 100000, 0, 0 }, { 0xffffffff, 0, 0 },
			{ 88, 0, 0 }, { 89, 0, 0 }, { 1500, 60, 0 },
			{ 65555, 0, 0 }, { 65556, 0, 0 },
		};

		for (i = 0; i < sizeof(mtus) / sizeof(mtus[0]); i++) {
			struct err e = {
				E_OK(2, (uint8_t)i, mtus[i][0], 3, 4,
				     ref_mtu64(mtus[i][0], mtus[i][1],
					       mtus[i][2])),
				.iproto = PB_UDP, .ipay = 1000, .quote = 8,
				.mtu_out = mtus[i][1], .mtu_in = mtus[i][2],
			};

			unit_iter = i;
			err64(&f, &e, r6, r4, false);
		}
		unit_iter = -1;
	}

	/* 4/0 -> 12/0: RFC 7915 Figure 6 for every pointer */
	for (p = 0; p < 70; p++) {
		uint32_t ptr = p < 64 ? p : (p - 63) << 24 | 6;
		int m = ptr < 1 ? 0 : ptr < 2 ? 1 : ptr < 4 ? -1 : ptr < 6 ? 2 :
			ptr == 6 ? 9 : ptr == 7 ? 8 : ptr < 24 ? 12 :
			ptr < 40 ? 16 : -1;
		struct err e = {
			E_OK(4, 0, ptr, 12, 0, (uint32_t)m << 24),
			.iproto = PB_UDP, .ipay = 10,
		};

		if (m < 0) {
			e.verdict = V6GW_XLAT_DROP;
			e.reason = V6GW_XR_ICMP_ERROR;
		}
		unit_iter = p;
		err64(&f, &e, r6, r4, false);
	}
	unit_iter = -1;

	/* an unmappable source: RFC 6791 pool, or dropped */
	{
		struct err e = { E_OK(3, 0, 0, 11, 0, 0), .iproto = PB_UDP,
				 .ipay = 20 };
		struct err d = { E_DROP(3, 0, 0, V6GW_XR_ICMP_ERROR),
				 .iproto = PB_UDP, .ipay = 20 };
		static const uint8_t rtr[16] = { 0x20, 0x01, 0x0d, 0xb8, 0xff,
						 0xff, [15] = 1 };
		struct fx g = f;
		struct run r1, r2;
		static uint8_t in[256];
		struct pb_ip o6;
		uint32_t n;

		err64(&f, &d, rtr, q4, false);
		g.m.flags |= V6GW_MAP_RFC6791V4;
		a4(g.m.rfc6791v4.addr, 192, 0, 0, 8);
		g.m.rfc6791v4.len = 32;
		a4(q4, 192, 0, 0, 8);
		err64(&g, &e, rtr, q4, false);

		/* a /24 pool: some address in it, the same one each time */
		a4(g.m.rfc6791v4.addr, 198, 18, 7, 0);
		g.m.rfc6791v4.len = 24;
		ip_init(&o6, 6, rtr, B6, PB_ICMPV6, 9);
		{
			uint8_t junk[40] = { 0x60 };

			n = build_icmp(&o6, 3, 0, 0, junk, 40, false, in);
		}
		xrun(&r1, false, &g.m, in, n, &XO);
		xrun(&r2, false, &g.m, in, n, &XO);
		/* the quoted packet is nonsense (:: to ::): dropped */
		x_drop(&r1, V6GW_XR_ICMP_ERROR);
		xfree(&r1);
		xfree(&r2);
		{
			static struct inner inr;
			static uint8_t pkt[512];

			mk_inner(&inr, &e, false, B4, A4, B6, A6, &g);
			ip_init(&o6, 6, rtr, B6, PB_ICMPV6, 9);
			n = build_icmp(&o6, 3, 0, 0, inr.b6, inr.len6, false,
				       pkt);
			xrun(&r1, false, &g.m, pkt, n, &XO);
			xrun(&r2, false, &g.m, pkt, n, &XO);
			if (x_verdict(&r1, V6GW_XLAT_OK) &&
			    x_verdict(&r2, V6GW_XLAT_OK)) {
				CHECK_MEM(r1.pkt.l3 + 12, "\xc6\x12\x07", 3);
				CHECK_MEM(r1.pkt.l3 + 12, r2.pkt.l3 + 12, 4);
				memcpy(q4, r1.pkt.l3 + 12, 4);
			}
			xfree(&r1);
			xfree(&r2);
			err64(&g, &e, rtr, q4, false);
		}
	}

	/* TOS set by configuration */
	{
		struct err e = { E_OK(1, 4, 0, 3, 3, 0), .iproto = PB_UDP,
				 .ipay = 20 };
		struct fx g = f;

		g.m.flags |= V6GW_MAP_TOS_SET;
		g.m.tos = 0x04;
		err64(&g, &e, r6, r4, false);
	}
}

/* --- checksums, sizes, contract details ------------------------------ */

void test_bad_csum(void)
{
	static uint8_t seg[256], inner[256], in[512];
	struct pb_ip h, o;
	uint8_t r4[16], r6[16];
	unsigned int k, where;
	uint32_t n, il, len;
	struct run r;
	struct fx f;

	fx_init(&f, 96, false);
	pair_init(&f);
	a4(r4, 198, 18, 0, 1);
	ref46(&f, r4, r6);
	for (k = 0; k < 2; k++) {
		bool to6 = !k;

		for (where = 0; where < 3; where++) {
			n = mk_seg(PB_UDP, 0, seg, 20);
			pb_l4_csum(to6 ? 4 : 6, to6 ? A4 : B6, to6 ? B4 : A6,
				   PB_UDP, seg, n, PB_CS_FULL);
			ip_init(&h, to6 ? 4 : 6, to6 ? A4 : B6, to6 ? B4 : A6,
				PB_UDP, 17);
			il = pb_build(&h, seg, n, inner);
			ip_init(&o, to6 ? 4 : 6, to6 ? r4 : r6, to6 ? A4 : B6,
				0, 30);
			len = build_icmp(&o, to6 ? 3 : 1, to6 ? 3 : 4, 0, inner,
					 il, false, in);
			/* checksum, type/code word, a quoted byte */
			in[(to6 ? 20 : 40) + (where == 0 ? 2 : where == 1 ? 4 :
					      8 + il - 1)] ^= 0x10;
			xrun(&r, to6, &f.m, in, len, &XO);
			unit_iter = where;
			x_drop(&r, V6GW_XR_CSUM);
			unit_iter = -1;
			xfree(&r);
		}
	}
}

/*
 * BUG (xlat.c, udp_csum_fill): the ICMP error paths (icmp_err_4to6(),
 * icmp_err_6to4()) return V6GW_XLAT_OK without writing
 * pkt->udp_csum_fill, an output of every V6GW_XLAT_OK; a stale true from
 * an earlier packet tells the glue to fill a UDP checksum into an ICMP
 * message. Harmless while the glue zeroes the struct for every packet
 * (kmod/datapath.c does today). Enable when fixed.
 */
#define BUG_FILL_STALE 0

void test_contract(void)
{
	static uint8_t seg[2048], inner[2048], in[2048], exp[2048];
	struct pb_ip h, o;
	uint8_t r4[16], r6[16];
	uint32_t n, il, len, explen;
	struct xo xo = XO;
	struct run r;
	struct fx f;
	int k;

	fx_init(&f, 96, false);
	pair_init(&f);
	a4(r4, 198, 18, 0, 1);
	ref46(&f, r4, r6);

	/* udp_csum_fill is an output: a stale true is cleared */
	xo.fill_preset = true;
	for (k = 0; k < 4; k++) {
		bool to6 = !(k & 1), err = k & 2;

		n = mk_seg(PB_UDP, 0, seg, 20);
		pb_l4_csum(to6 ? 4 : 6, to6 ? A4 : B6, to6 ? B4 : A6, PB_UDP,
			   seg, n, PB_CS_FULL);
		ip_init(&h, to6 ? 4 : 6, to6 ? A4 : B6, to6 ? B4 : A6, PB_UDP,
			17);
		il = pb_build(&h, seg, n, inner);
		if (err) {
			ip_init(&o, to6 ? 4 : 6, to6 ? r4 : r6, to6 ? A4 : B6,
				0, 30);
			len = build_icmp(&o, to6 ? 3 : 1, to6 ? 3 : 4, 0,
					 inner, il, false, in);
		} else {
			memcpy(in, inner, il);
			len = il;
		}
		xrun(&r, to6, &f.m, in, len, &xo);
		if (x_verdict(&r, V6GW_XLAT_OK) && (!err || !BUG_FILL_STALE))
			CHECK(!r.pkt.udp_csum_fill);
		xfree(&r);
	}

	/* headroom: exactly enough works, one byte less is refused */
	for (k = 0; k < 3; k++) {
		uint32_t need = k == 0 ? 20 : k == 1 ? 28 : 40;

		n = mk_seg(PB_UDP, 0, seg, 20);
		pb_l4_csum(4, A4, B4, PB_UDP, seg, n, PB_CS_FULL);
		ip_init(&h, 4, A4, B4, PB_UDP, 17);
		h.frag = k == 1;
		h.mf = k == 1;
		il = pb_build(&h, seg, n, inner);
		if (k == 2) {
			ip_init(&o, 4, r4, A4, 0, 30);
			len = build_icmp(&o, 3, 3, 0, inner, il, false, in);
		} else {
			memcpy(in, inner, il);
			len = il;
		}
		xo = XO;
		xo.H = need - 1;
		xrun(&r, true, &f.m, in, len, &xo);
		unit_iter = k;
		x_drop(&r, V6GW_XR_HEADROOM);
		xfree(&r);
		xo.H = need;
		xrun(&r, true, &f.m, in, len, &xo);
		x_verdict(&r, V6GW_XLAT_OK);
		CHECK(r.pkt.l3 == r.buf);
		unit_iter = -1;
		xfree(&r);
	}

	/* trailing bytes past Total Length / Payload Length are not packet */
	n = mk_seg(PB_TCP, 0, seg, 30);
	memcpy(exp + 40, seg, n);
	pb_l4_csum(4, A4, B4, PB_TCP, seg, n, PB_CS_FULL);
	ip_init(&h, 4, A4, B4, PB_TCP, 17);
	il = pb_build(&h, seg, n, in);
	memset(in + il, 0xee, 14);
	pb_l4_csum(6, A6, B6, PB_TCP, exp + 40, n, PB_CS_FULL);
	ip_init(&o, 6, A6, B6, PB_TCP, 16);
	explen = pb_build(&o, exp + 40, n, exp);
	xrun(&r, true, &f.m, in, il + 14, &XO);
	x_ok(&r, exp, explen, 20);
	xfree(&r);
	ip_init(&h, 6, A6, B6, PB_TCP, 17);
	il = pb_build(&h, exp + 40, n, in);
	memset(in + il, 0xee, 14);
	ip_init(&o, 4, A4, B4, PB_TCP, 16);
	o.id = XO.id;
	explen = pb_build(&o, seg, n, exp);
	xrun(&r, false, &f.m, in, il + 14, &XO);
	x_ok(&r, exp, explen, -20);
	xfree(&r);

	/* headers that lie about their length */
	ip_init(&h, 4, A4, B4, PB_UDP, 17);
	il = pb_build(&h, seg, 8, in);
	xrun(&r, true, &f.m, in, il - 1, &XO);		/* Total Length */
	x_drop(&r, V6GW_XR_TRUNCATED);
	xfree(&r);
	pb_w16(in + 4, 7);				/* UDP too short */
	ip_init(&h, 4, A4, B4, PB_TCP, 17);
	il = pb_build(&h, seg, 17, in);
	xrun(&r, true, &f.m, in, il, &XO);
	x_drop(&r, V6GW_XR_TRUNCATED);
	xfree(&r);
	ip_init(&h, 6, A6, B6, PB_UDP, 17);
	il = pb_build(&h, seg, 8, in);
	xrun(&r, false, &f.m, in, il - 1, &XO);		/* Payload Length */
	x_drop(&r, V6GW_XR_TRUNCATED);
	xfree(&r);
	pb_w16(in + 4, 0);				/* jumbogram */
	xrun(&r, false, &f.m, in, il, &XO);
	x_drop(&r, V6GW_XR_TOO_LONG);
	xfree(&r);
}
