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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eam.h"
#include "map.h"
#include "prefix4.h"
#include "xlat.h"
#include "pkt_build.h"
#include "unit.h"

void test_xlat(void);

#define HR	64		/* default headroom */
#define FULL	0xffffffffu	/* linear: the whole packet */
#define MAXPKT	66000

/* --- fixtures: address mapping --------------------------------------- */

/* 2001:db8:1122:3344:0055:6677::/96, cut to the prefix length */
static const uint8_t pool_addr[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0x11, 0x22, 0x33, 0x44,
	0x00, 0x55, 0x66, 0x77, 0, 0, 0, 0,
};
static const int pool_lens[] = { 32, 40, 48, 56, 64, 96 };

/*
 * EAM entries:
 *   e1 198.51.100.0/24  <-> 2001:db8:eeee::/120  (last octet = last octet)
 *   e2 192.0.2.128/26   <-> 2001:db8:dddd::/64   (6 bits at bit 64)
 *   e3 203.0.113.5/32   <-> 2001:db8:1::5/128
 */
static const struct v6gw_eam eams[] = {
	{ { { 0x20, 0x01, 0x0d, 0xb8, 0xee, 0xee }, 120 }, { { 198, 51, 100, 0 }, 24 } },
	{ { { 0x20, 0x01, 0x0d, 0xb8, 0xdd, 0xdd }, 64 }, { { 192, 0, 2, 128 }, 26 } },
	{ { { 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5 }, 128 },
	  { { 203, 0, 113, 5 }, 32 } },
};

static const struct v6gw_eam_table *eam_table;

struct fx {
	struct v6gw_map m;
	int plen;		/* pool6 length */
	uint8_t pool[16];	/* pool6 prefix, for the reference */
	bool eam;
};

static void fx_init(struct fx *f, int plen, bool eam)
{
	memset(f, 0, sizeof(*f));
	f->plen = plen;
	f->eam = eam;
	f->m.flags = V6GW_MAP_POOL6;
	memcpy(f->m.pool6.addr, pool_addr, (size_t)plen / 8);
	memcpy(f->pool, f->m.pool6.addr, 16);
	f->m.pool6.len = (uint8_t)plen;
	f->m.lowest_ipv6_mtu = 1280;
	if (eam)
		f->m.eam = eam_table;
}

static bool in_e1(const uint8_t *a)
{
	return a[0] == 198 && a[1] == 51 && a[2] == 100;
}

static bool in_e2(const uint8_t *a)
{
	return a[0] == 192 && a[1] == 0 && a[2] == 2 && (a[3] & 0xc0) == 0x80;
}

static bool in_e3(const uint8_t *a)
{
	return a[0] == 203 && a[1] == 0 && a[2] == 113 && a[3] == 5;
}

/* Reference 4 -> 6 for the fixtures (addresses known to be mappable). */
static void ref46(const struct fx *f, const uint8_t *v4, uint8_t *v6)
{
	if (f->eam && in_e3(v4)) {
		memcpy(v6, eams[2].p6.addr, 16);
		return;
	}
	if (f->eam && in_e2(v4)) {
		memset(v6, 0, 16);
		memcpy(v6, eams[1].p6.addr, 8);
		v6[8] = (uint8_t)((v4[3] & 0x3f) << 2);
		return;
	}
	if (f->eam && in_e1(v4)) {
		memcpy(v6, eams[0].p6.addr, 16);
		v6[15] = v4[3];
		return;
	}
	pb_embed(f->pool, f->plen, v4, v6);
}

static void a4(uint8_t *d, int a, int b, int c, int e)
{
	memset(d, 0, 16);
	d[0] = (uint8_t)a;
	d[1] = (uint8_t)b;
	d[2] = (uint8_t)c;
	d[3] = (uint8_t)e;
}

/* A random IPv4 address RFC 6052 maps (never 0/8, 127/8, 169.254/16, 224/4). */
static void rand_pool4(uint8_t *d, bool avoid_eam)
{
	for (;;) {
		memset(d, 0, 16);
		unit_rand_bytes(d, 4);
		if (d[0] == 0 || d[0] == 127 || d[0] >= 224 ||
		    (d[0] == 169 && d[1] == 254))
			continue;
		if (avoid_eam && (in_e1(d) || in_e2(d) || in_e3(d)))
			continue;
		return;
	}
}

static void rand_eam4(uint8_t *d)
{
	switch (unit_rand_below(3)) {
	case 0:
		a4(d, 198, 51, 100, (int)unit_rand_below(256));
		break;
	case 1:
		a4(d, 192, 0, 2, 128 + (int)unit_rand_below(64));
		break;
	default:
		a4(d, 203, 0, 113, 5);
		break;
	}
}

/*
 * BUG (xlat.c, ICMP echo checksum): the translator adds two 32-bit partial
 * sums with a plain "+" (icmp_hdr_sum(l4) + v6gw_csum_pseudo6(...), in
 * v6gw_xlat_4to6(), v6gw_xlat_6to4(), inner_4to6() and inner_6to4()), so a
 * carry out of bit 31 is lost and the ICMP checksum comes out off by one
 * for about half of all echo messages. While BUG_ICMP_CARRY is 1, the
 * checksum fields listed in relax_off[] (offsets in the result) may differ
 * from the reference by exactly that one unit; every other byte is still
 * compared, and test_bug_icmp_carry() holds the strict, failing check.
 * Set it to 0 once xlat.c is fixed.
 */
#define BUG_ICMP_CARRY 0

static long relax_off[2] = { -1, -1 };
static unsigned long relaxed;

static bool csum_near(uint16_t got, uint16_t exp)
{
	return got == exp || got == pb_fold((uint64_t)exp + 1) ||
	       got == pb_fold((uint64_t)exp + 0xfffe);
}

static void relax(long a, long b)
{
	relax_off[0] = a;
	relax_off[1] = b;
}

/* --- running the translator -------------------------------------------- */

struct xo {
	uint32_t H, linear;
	bool partial;
	uint16_t id;
	uint32_t mtu_in, mtu_out;
	bool fill_preset;
};

static const struct xo XO = { HR, FULL, false, 0x4321, ~0u, ~0u, false };

struct run {
	uint8_t *buf, *save;
	uint32_t H, len;
	struct v6gw_xlat_pkt pkt;
	enum v6gw_xlat_verdict v;
};

static const char *const vname[] = { "OK", "PASS", "PULL", "DROP", "ICMP" };

/* Copy @in behind @o->H bytes of headroom in a buffer of exactly that size. */
static void xrun(struct run *r, bool to6, const struct v6gw_map *m,
		 const uint8_t *in, uint32_t len, const struct xo *o)
{
	r->H = o->H;
	r->len = len;
	r->buf = malloc(r->H + len + 1);
	r->save = malloc(r->H + len + 1);
	if (!r->buf || !r->save)
		abort();
	memset(r->buf, 0xa5, r->H);
	memcpy(r->buf + r->H, in, len);
	memcpy(r->save, r->buf, r->H + len);
	memset(&r->pkt, 0, sizeof(r->pkt));
	r->pkt.l3 = r->buf + r->H;
	r->pkt.linear = o->linear == FULL ? len : o->linear;
	r->pkt.len = len;
	r->pkt.headroom = r->H;
	r->pkt.csum_partial = o->partial;
	r->pkt.ipv4_id = o->id;
	r->pkt.mtu_in = o->mtu_in;
	r->pkt.mtu_out = o->mtu_out;
	r->pkt.udp_csum_fill = o->fill_preset;
	r->v = to6 ? v6gw_xlat_4to6(m, &r->pkt) : v6gw_xlat_6to4(m, &r->pkt);
	relax(-1, -1);
}

static void xfree(struct run *r)
{
	free(r->buf);
	free(r->save);
	r->buf = NULL;
	r->save = NULL;
}

static bool x_verdict(struct run *r, enum v6gw_xlat_verdict v)
{
	if (CHECK_EQ(r->v, v))
		return true;
	fprintf(stderr, "  verdict %s (reason %u), expected %s\n",
		r->v < 5 ? vname[r->v] : "?", r->pkt.reason,
		v < 5 ? vname[v] : "?");
	return false;
}

/* OK, @delta bytes added in front, the result is @exp. */
static bool x_ok(struct run *r, const uint8_t *exp, uint32_t explen,
		 int32_t delta)
{
	static uint8_t cmp[MAXPKT];
	bool ok;
	int i;

	if (!x_verdict(r, V6GW_XLAT_OK))
		return false;
	ok = CHECK_EQ(r->pkt.reason, V6GW_XR_NONE);
	ok &= CHECK_EQ((long long)r->pkt.delta, (long long)delta);
	ok &= CHECK(r->pkt.l3 == r->buf + (long)r->H - delta);
	ok &= CHECK_EQ(r->pkt.len, explen);
	if (!ok)
		return false;
	/* inside the buffer, bytes in front of the result untouched */
	ok &= CHECK((int64_t)r->H - delta >= 0 &&
		    (int64_t)r->H - delta + explen <= (int64_t)r->H + r->len);
	if (!ok)
		return false;
	memcpy(cmp, r->pkt.l3, explen);
	for (i = 0; BUG_ICMP_CARRY && i < 2; i++) {
		long o = relax_off[i];

		if (o < 0 || o + 2 > (long)explen)
			continue;
		ok &= CHECK(csum_near((uint16_t)pb_r16(cmp + o),
				      (uint16_t)pb_r16(exp + o)));
		if (memcmp(cmp + o, exp + o, 2))
			relaxed++;
		memcpy(cmp + o, exp + o, 2);
	}
	ok &= CHECK_MEM(cmp, exp, explen);
	ok &= CHECK_MEM(r->buf, r->save, r->H - delta);
	return ok;
}

/* Not translated: verdict @v and the whole buffer byte-identical. */
static bool x_same(struct run *r, enum v6gw_xlat_verdict v)
{
	bool ok = x_verdict(r, v);

	ok &= CHECK_MEM(r->buf, r->save, r->H + r->len);
	return ok;
}

static bool x_drop(struct run *r, uint8_t reason)
{
	bool ok = x_verdict(r, V6GW_XLAT_DROP);

	ok &= CHECK_EQ(r->pkt.reason, reason);
	return ok;
}

static bool x_icmp(struct run *r, uint8_t reason, uint8_t type, uint8_t code,
		   uint32_t info)
{
	bool ok = x_same(r, V6GW_XLAT_ICMP);

	ok &= CHECK_EQ(r->pkt.reason, reason);
	ok &= CHECK_EQ(r->pkt.icmp.type, type);
	ok &= CHECK_EQ(r->pkt.icmp.code, code);
	ok &= CHECK_EQ(r->pkt.icmp.info, info);
	return ok;
}

/* --- field-level checks of a result --------------------------------- */

static void chk6(const uint8_t *p, uint32_t len, uint8_t tc, uint8_t hop,
		 uint8_t nh, const uint8_t *src, const uint8_t *dst)
{
	CHECK_EQ(p[0] >> 4, 6);
	CHECK_EQ((p[0] & 0xf) << 4 | p[1] >> 4, tc);
	CHECK_EQ(pb_r32(p) & 0xfffff, 0);		/* flow label */
	CHECK_EQ(pb_r16(p + 4), len - 40);
	CHECK_EQ(p[6], nh);
	CHECK_EQ(p[7], hop);
	CHECK_MEM(p + 8, src, 16);
	CHECK_MEM(p + 24, dst, 16);
}

static void chk4(const uint8_t *p, uint32_t len, uint8_t tos, uint16_t id,
		 bool df, bool mf, uint16_t off, uint8_t ttl, uint8_t proto,
		 const uint8_t *src, const uint8_t *dst)
{
	CHECK_EQ(p[0], 0x45);
	CHECK_EQ(p[1], tos);
	CHECK_EQ(pb_r16(p + 2), len);
	CHECK_EQ(pb_r16(p + 4), id);
	CHECK_EQ(!!(p[6] & 0x80), 0);			/* reserved flag */
	CHECK_EQ(!!(p[6] & 0x40), df);
	CHECK_EQ(!!(p[6] & 0x20), mf);
	CHECK_EQ(pb_r16(p + 6) & 0x1fff, off);
	CHECK_EQ(p[8], ttl);
	CHECK_EQ(p[9], proto);
	CHECK_EQ(pb_fold(pb_sum(0, p, 20)), 0xffff);	/* header checksum */
	CHECK_MEM(p + 12, src, 4);
	CHECK_MEM(p + 16, dst, 4);
}

/* --- segments --------------------------------------------------------- */

/* A transport segment: random bytes, then the fields that matter. */
static uint32_t mk_seg(uint8_t proto, uint8_t type, uint8_t *s,
		       uint32_t paylen)
{
	uint32_t hl = proto == PB_TCP ? 20 :
		      proto == PB_UDP || proto == PB_ICMP ||
		      proto == PB_ICMPV6 ? 8 : 0;

	unit_rand_bytes(s, hl + paylen);
	if (proto == PB_UDP)
		pb_w16(s + 4, 8 + paylen);
	if (proto == PB_TCP)
		s[12] = 0x50;
	if (proto == PB_ICMP || proto == PB_ICMPV6) {
		s[0] = type;
		s[1] = 0;
	}
	return hl + paylen;
}

static uint8_t icmp_type46(uint8_t t)
{
	return t == 8 ? 128 : t == 0 ? 129 : 0xff;
}

static uint8_t icmp_type64(uint8_t t)
{
	return t == 128 ? 8 : t == 129 ? 0 : 0xff;
}

static uint32_t l4hl(uint8_t proto)
{
	return proto == PB_TCP ? 20 : proto == PB_UDP || proto == PB_ICMP ||
	       proto == PB_ICMPV6 ? 8 : 0;
}

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

static void test_plain(void)
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

static void ip_init(struct pb_ip *h, int v, const uint8_t *src,
		    const uint8_t *dst, uint8_t proto, uint8_t ttl)
{
	memset(h, 0, sizeof(*h));
	h->v = v;
	memcpy(h->src, src, v == 4 ? 4 : 16);
	memcpy(h->dst, dst, v == 4 ? 4 : 16);
	h->proto = proto;
	h->ttl = ttl;
}

/* The standard pair: 192.0.2.33 and 203.0.113.77 in both families. */
static uint8_t A4[16], B4[16], A6[16], B6[16];

static void pair_init(const struct fx *f)
{
	a4(A4, 192, 0, 2, 33);
	a4(B4, 203, 0, 113, 77);
	ref46(f, A4, A6);
	ref46(f, B4, B6);
}

static const struct {
	uint16_t off;
	uint32_t len;
	bool mf;
} frags[] = { { 0, 64, true }, { 8, 24, true }, { 11, 20, false } };

static void test_frag46(void)
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

static void test_frag64(void)
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

static void test_ttl(void)
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

static void test_opts(void)
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

static void test_ext6(void)
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

/* --- ICMP errors ------------------------------------------------------- */

/*
 * An ICMP message behind @h: type, code, the 32-bit word, @body. The
 * checksum is computed in full (ICMPv6 with the pseudo-header). With @cut,
 * an IPv6 packet is cut to 1280 bytes first (RFC 4443 section 2.4 (c)).
 */
static uint32_t build_icmp(struct pb_ip *h, uint8_t type, uint8_t code,
			   uint32_t word, const uint8_t *body, uint32_t blen,
			   bool cut, uint8_t *out)
{
	static uint8_t m[MAXPKT];
	uint32_t n = 8 + blen;

	if (cut && h->v == 6 && pb_hlen(h) + n > 1280)
		n = 1280 - pb_hlen(h);
	m[0] = type;
	m[1] = code;
	pb_w16(m + 2, 0);
	pb_w32(m + 4, word);
	memcpy(m + 8, body, n - 8);
	h->proto = h->v == 4 ? PB_ICMP : PB_ICMPV6;
	pb_l4_csum(h->v, h->src, h->dst, h->proto, m, n, PB_CS_FULL);
	return pb_build(h, m, n, out);
}

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
	o4.df = 48 + inr.len4 > 1260;
	explen = build_icmp(&o4, e->etype, e->ecode, e->eword, inr.b4,
			    inr.len4, false, exp);

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

static void test_err46(void)
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

static void test_err64(void)
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

/* --- RFC 4884, checksums, sizes, contract details ----------------- */

/* Run a hand-built error through, compare, verify the outer checksum. */
static void err_manual(bool to6, const struct v6gw_map *m, const uint8_t *in,
		       uint32_t inlen, const uint8_t *exp, uint32_t explen,
		       int32_t delta)
{
	struct run r;

	xrun(&r, to6, m, in, inlen, &XO);
	if (x_ok(&r, exp, explen, delta)) {
		const uint8_t *p = r.pkt.l3;

		if (to6)
			CHECK(pb_l4_ok(6, p + 8, p + 24, PB_ICMPV6, p + 40,
				       explen - 40));
		else
			CHECK(pb_l4_ok(4, p + 12, p + 16, PB_ICMP, p + 20,
				       explen - 20));
	}
	xfree(&r);
}

static void test_rfc4884(void)
{
	static uint8_t seg4[2048], seg6[2048], i4[512], i6[512], b[512];
	static uint8_t in[2048], exp[2048];
	uint8_t ext[16] = {
		0x20, 0, 0, 0, 0, 8, 1, 1, 0xc0, 0, 2, 1, 0, 0, 0, 0,
	};
	struct pb_ip h4, h6, o4, o6;
	uint8_t r4[16], r6[16];
	uint32_t n, l4, l6, inlen, explen, pad;
	struct fx f;

	fx_init(&f, 96, false);
	pair_init(&f);
	a4(r4, 198, 18, 0, 1);
	ref46(&f, r4, r6);
	pb_w16(ext + 2, pb_csum(pb_sum(0, ext, 16)));

	/* 4 -> 6: 11/0, length 32 words; with and without padding */
	for (pad = 0; pad <= 60; pad += 60) {
		n = mk_seg(PB_UDP, 0, seg4, 100 - pad);
		memcpy(seg6, seg4, n);
		pb_l4_csum(4, A4, B4, PB_UDP, seg4, n, PB_CS_FULL);
		pb_l4_csum(6, A6, B6, PB_UDP, seg6, n, PB_CS_FULL);
		ip_init(&h4, 4, A4, B4, PB_UDP, 17);
		ip_init(&h6, 6, A6, B6, PB_UDP, 17);
		l4 = pb_build(&h4, seg4, n, i4);
		l6 = pb_build(&h6, seg6, n, i6);
		memset(i4 + l4, 0, pad);
		memset(i6 + l6, 0, pad);
		l4 += pad;
		l6 += pad;
		memcpy(b, i4, l4);
		memcpy(b + l4, ext, 16);
		ip_init(&o4, 4, r4, A4, PB_ICMP, 30);
		inlen = build_icmp(&o4, 11, 0, 32 << 16, b, l4 + 16, false,
				   in);
		ip_init(&o6, 6, r6, A6, PB_ICMPV6, 29);
		explen = build_icmp(&o6, 3, 0, 0, i6, l6, true, exp);
		err_manual(true, &f.m, in, inlen, exp, explen, 40);
		/* 3/1 too; 12/0 carries its length in the same octet */
		inlen = build_icmp(&o4, 3, 1, 32 << 16, b, l4 + 16, false, in);
		explen = build_icmp(&o6, 1, 0, 0, i6, l6, true, exp);
		err_manual(true, &f.m, in, inlen, exp, explen, 40);
		inlen = build_icmp(&o4, 12, 0, 9u << 24 | 32 << 16, b, l4 + 16,
				   false, in);
		explen = build_icmp(&o6, 4, 0, 6, i6, l6, true, exp);
		err_manual(true, &f.m, in, inlen, exp, explen, 40);
	}

	/* 6 -> 4: 3/0 and 1/4, length 16 units of 8 octets */
	n = mk_seg(PB_UDP, 0, seg6, 80);
	memcpy(seg4, seg6, n);
	pb_l4_csum(6, B6, A6, PB_UDP, seg6, n, PB_CS_FULL);
	pb_l4_csum(4, B4, A4, PB_UDP, seg4, n, PB_CS_FULL);
	ip_init(&h6, 6, B6, A6, PB_UDP, 17);
	ip_init(&h4, 4, B4, A4, PB_UDP, 17);
	l6 = pb_build(&h6, seg6, n, i6);
	l4 = pb_build(&h4, seg4, n, i4);
	memcpy(b, i6, l6);
	memcpy(b + l6, ext, 16);
	ip_init(&o6, 6, r6, B6, PB_ICMPV6, 30);
	inlen = build_icmp(&o6, 3, 0, 16u << 24, b, l6 + 16, false, in);
	ip_init(&o4, 4, r4, B4, PB_ICMP, 29);
	o4.id = XO.id;
	explen = build_icmp(&o4, 11, 0, 0, i4, l4, false, exp);
	err_manual(false, &f.m, in, inlen, exp, explen, -40);
	inlen = build_icmp(&o6, 1, 4, 16u << 24, b, l6 + 16, false, in);
	explen = build_icmp(&o4, 3, 3, 0, i4, l4, false, exp);
	err_manual(false, &f.m, in, inlen, exp, explen, -40);

	/* an oversized ICMPv6 error is cut to 1280 bytes first */
	n = mk_seg(PB_UDP, 0, seg6, 1400);
	memcpy(seg4, seg6, n);
	pb_l4_csum(6, B6, A6, PB_UDP, seg6, n, PB_CS_FULL);
	pb_l4_csum(4, B4, A4, PB_UDP, seg4, n, PB_CS_FULL);
	{
		static uint8_t big6[2048], big4[2048];

		l6 = pb_build(&h6, seg6, n, big6);
		h4.df = true;		/* inner: 1428 bytes */
		l4 = pb_build(&h4, seg4, n, big4);
		inlen = build_icmp(&o6, 1, 4, 0, big6, l6, false, in);
		CHECK(inlen > 1280);
		explen = build_icmp(&o4, 3, 3, 0, big4, 1280 - 48 - 40 + 20,
				    false, exp);
		err_manual(false, &f.m, in, inlen, exp, explen, -40);
	}
}

static void test_bad_csum(void)
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

static void test_contract(void)
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

/* --- PULL and PASS ----------------------------------------------- */

/*
 * Every linear length below @min gives PULL with need in (linear, min] and
 * an untouched buffer; following the needs from 0 reaches @min exactly,
 * and a translation from a partly linear packet equals the full one.
 */
static void pull_walk(bool to6, const struct v6gw_map *m, const uint8_t *in,
		      uint32_t len, uint32_t min)
{
	struct xo o = XO;
	struct run r, full;
	uint32_t lin, steps = 0;

	for (lin = 0; lin <= len; lin++) {
		o.linear = lin;
		xrun(&r, to6, m, in, len, &o);
		if (r.v != V6GW_XLAT_PULL) {
			CHECK_EQ(lin, min);
			xfree(&r);
			break;
		}
		x_same(&r, V6GW_XLAT_PULL);
		CHECK(r.pkt.need > lin);
		CHECK(r.pkt.need <= min);
		xfree(&r);
	}
	CHECK_EQ(lin, min);

	xrun(&full, to6, m, in, len, &XO);
	for (lin = 0;; steps++) {
		o.linear = lin;
		xrun(&r, to6, m, in, len, &o);
		if (r.v != V6GW_XLAT_PULL)
			break;
		lin = r.pkt.need;
		xfree(&r);
		if (!CHECK(steps < 16))
			return;
	}
	CHECK_EQ(lin, min);
	CHECK_EQ(r.v, full.v);
	CHECK_EQ(r.pkt.reason, full.pkt.reason);
	if (r.v == V6GW_XLAT_OK && full.v == V6GW_XLAT_OK &&
	    CHECK_EQ(r.pkt.len, full.pkt.len) &&
	    CHECK_EQ(r.pkt.delta, full.pkt.delta)) {
		CHECK_MEM(r.pkt.l3, full.pkt.l3, r.pkt.len);
		CHECK_EQ(r.pkt.linear, lin + r.pkt.delta);
	}
	xfree(&r);
	xfree(&full);
}

static void test_pull(void)
{
	static uint8_t seg[512], inner[512], in[1024];
	struct pb_ip h, o;
	uint8_t r4[16], r6[16];
	uint32_t n, il, len;
	struct fx f;

	fx_init(&f, 64, true);
	pair_init(&f);
	a4(r4, 198, 51, 100, 1);
	ref46(&f, r4, r6);

	/* 4 -> 6 */
	n = mk_seg(PB_UDP, 0, seg, 50);
	pb_l4_csum(4, A4, B4, PB_UDP, seg, n, PB_CS_FULL);
	ip_init(&h, 4, A4, B4, PB_UDP, 17);
	len = pb_build(&h, seg, n, in);
	pull_walk(true, &f.m, in, len, 28);
	n = mk_seg(PB_TCP, 0, seg, 50);
	pb_l4_csum(4, A4, B4, PB_TCP, seg, n, PB_CS_FULL);
	h.proto = PB_TCP;
	h.optlen = 12;
	memset(h.opt, 1, 12);
	len = pb_build(&h, seg, n, in);
	pull_walk(true, &f.m, in, len, 32 + 18);
	h.proto = PB_ESP;
	len = pb_build(&h, seg, n, in);
	pull_walk(true, &f.m, in, len, 32);
	n = mk_seg(PB_ICMP, 8, seg, 50);
	pb_l4_csum(4, A4, B4, PB_ICMP, seg, n, PB_CS_FULL);
	h.proto = PB_ICMP;
	h.optlen = 0;
	len = pb_build(&h, seg, n, in);
	pull_walk(true, &f.m, in, len, 28);
	h.proto = PB_UDP;
	h.frag = true;
	h.off = 5;
	len = pb_build(&h, seg, 16, in);
	pull_walk(true, &f.m, in, len, 20);
	/* an error: all of it */
	n = mk_seg(PB_UDP, 0, seg, 30);
	pb_l4_csum(4, A4, B4, PB_UDP, seg, n, PB_CS_FULL);
	ip_init(&h, 4, A4, B4, PB_UDP, 17);
	il = pb_build(&h, seg, n, inner);
	ip_init(&o, 4, r4, A4, 0, 30);
	len = build_icmp(&o, 3, 3, 0, inner, il, false, in);
	pull_walk(true, &f.m, in, len, len);
	/* Time Exceeded answer and source route: decided on the headers */
	h.ttl = 1;
	len = pb_build(&h, seg, n, in);
	pull_walk(true, &f.m, in, len, 28);

	/* 6 -> 4 */
	n = mk_seg(PB_UDP, 0, seg, 50);
	pb_l4_csum(6, A6, B6, PB_UDP, seg, n, PB_CS_FULL);
	ip_init(&h, 6, A6, B6, PB_UDP, 17);
	len = pb_build(&h, seg, n, in);
	pull_walk(false, &f.m, in, len, 48);
	h.next = 2;
	h.ext[0] = PB_HOPOPTS;
	h.extl[0] = 1;
	h.ext[1] = PB_DSTOPTS;
	h.extl[1] = 0;
	len = pb_build(&h, seg, n, in);
	pull_walk(false, &f.m, in, len, 40 + 24 + 8);
	n = mk_seg(PB_TCP, 0, seg, 50);
	pb_l4_csum(6, A6, B6, PB_TCP, seg, n, PB_CS_FULL);
	h.proto = PB_TCP;
	h.frag = true;
	h.mf = true;
	len = pb_build(&h, seg, 40, in);
	pull_walk(false, &f.m, in, len, 40 + 24 + 8 + 18);
	h.off = 3;
	len = pb_build(&h, seg, 40, in);
	pull_walk(false, &f.m, in, len, 40 + 24 + 8);
	h.next = 2;
	h.ext[1] = PB_ROUTING;
	h.extsl[1] = 1;
	h.frag = false;
	len = pb_build(&h, seg, n, in);
	pull_walk(false, &f.m, in, len, 40 + 16 + 8);
	/* an error: all of it */
	n = mk_seg(PB_UDP, 0, seg, 30);
	pb_l4_csum(6, B6, A6, PB_UDP, seg, n, PB_CS_FULL);
	ip_init(&h, 6, B6, A6, PB_UDP, 17);
	il = pb_build(&h, seg, n, inner);
	ip_init(&o, 6, r6, B6, 0, 30);
	len = build_icmp(&o, 1, 4, 0, inner, il, false, in);
	pull_walk(false, &f.m, in, len, len);
}

static void test_pass(void)
{
	static const uint8_t bad4[][4] = {
		{ 127, 0, 0, 1 }, { 224, 0, 0, 5 }, { 169, 254, 1, 1 },
		{ 0, 1, 2, 3 }, { 255, 255, 255, 255 }, { 240, 0, 0, 1 },
		{ 239, 1, 1, 1 },
	};
	static uint8_t seg[256], in[512];
	static uint64_t dmem[512];
	struct v6gw_prefix4 deny[2] = { { { 192, 0, 2, 0 }, 28 },
					{ { 203, 0, 113, 128 }, 26 } };
	uint8_t x4[16], x6[16];
	struct pb_ip h;
	struct run r;
	unsigned int i;
	uint32_t n, len;
	struct fx f, g;
	int side;

	fx_init(&f, 96, false);
	pair_init(&f);
	for (i = 0; i < sizeof(bad4) / sizeof(bad4[0]); i++) {
		for (side = 0; side < 2; side++) {
			a4(x4, bad4[i][0], bad4[i][1], bad4[i][2], bad4[i][3]);
			n = mk_seg(PB_UDP, 0, seg, 20);
			ip_init(&h, 4, side ? x4 : A4, side ? B4 : x4, PB_UDP,
				17);
			pb_l4_csum(4, h.src, h.dst, PB_UDP, seg, n, PB_CS_FULL);
			len = pb_build(&h, seg, n, in);
			xrun(&r, true, &f.m, in, len, &XO);
			x_same(&r, V6GW_XLAT_PASS);
			xfree(&r);
			/* the same addresses under the prefix, 6 -> 4 */
			pb_embed(f.pool, 96, x4, x6);
			ip_init(&h, 6, side ? x6 : A6, side ? B6 : x6, PB_UDP,
				17);
			pb_l4_csum(6, h.src, h.dst, PB_UDP, seg, n, PB_CS_FULL);
			len = pb_build(&h, seg, n, in);
			xrun(&r, false, &f.m, in, len, &XO);
			x_same(&r, V6GW_XLAT_PASS);
			xfree(&r);
		}
	}

	/* outside pool6 and the EAM prefixes, or no pool6 at all */
	g = f;
	g.m.eam = eam_table;
	for (i = 0; i < 4; i++) {
		memset(x6, 0, 16);
		memcpy(x6, "\x20\x01\x0d\xb8\xee\xee", 6);
		x6[14] = i < 2;			/* not in the /120 */
		x6[15] = 7;
		if (i == 2)
			x6[3] = 0xb9;		/* nowhere */
		n = mk_seg(PB_TCP, 0, seg, 20);
		ip_init(&h, 6, i & 1 ? x6 : A6, i & 1 ? B6 : x6, PB_TCP, 17);
		pb_l4_csum(6, h.src, h.dst, PB_TCP, seg, n, PB_CS_FULL);
		len = pb_build(&h, seg, n, in);
		xrun(&r, false, &g.m, in, len, &XO);
		unit_iter = i;
		if (i == 3)
			x_verdict(&r, V6GW_XLAT_OK);	/* EAM e1 */
		else
			x_same(&r, V6GW_XLAT_PASS);
		unit_iter = -1;
		xfree(&r);
	}
	g = f;
	g.m.flags = 0;
	ip_init(&h, 6, A6, B6, PB_TCP, 17);
	pb_l4_csum(6, h.src, h.dst, PB_TCP, seg, n, PB_CS_FULL);
	len = pb_build(&h, seg, n, in);
	xrun(&r, false, &g.m, in, len, &XO);
	x_same(&r, V6GW_XLAT_PASS);
	xfree(&r);
	ip_init(&h, 4, A4, B4, PB_TCP, 17);
	pb_l4_csum(4, h.src, h.dst, PB_TCP, seg, n, PB_CS_FULL);
	len = pb_build(&h, seg, n, in);
	xrun(&r, true, &g.m, in, len, &XO);
	x_same(&r, V6GW_XLAT_PASS);
	xfree(&r);

	/* the denylist, both ways */
	g = f;
	if (v6gw_prefix4_set_build(dmem, sizeof(dmem), deny, 2, NULL))
		abort();
	g.m.deny4 = (const struct v6gw_prefix4_set *)dmem;
	for (i = 0; i < 4; i++) {
		a4(x4, i < 2 ? 192 : 203, i < 2 ? 0 : 0, i < 2 ? 2 : 113,
		   i == 0 ? 5 : i == 1 ? 16 : i == 2 ? 128 : 127);
		ip_init(&h, 4, A4, x4, PB_TCP, 17);
		h.src[3] = 77;	/* 192.0.2.77: allowed */
		pb_l4_csum(4, h.src, h.dst, PB_TCP, seg, n, PB_CS_FULL);
		len = pb_build(&h, seg, n, in);
		xrun(&r, true, &g.m, in, len, &XO);
		unit_iter = i;
		if (i & 1)
			x_verdict(&r, V6GW_XLAT_OK);
		else
			x_same(&r, V6GW_XLAT_PASS);
		xfree(&r);
		pb_embed(f.pool, 96, x4, x6);
		ip_init(&h, 6, x6, B6, PB_TCP, 17);
		pb_l4_csum(6, h.src, h.dst, PB_TCP, seg, n, PB_CS_FULL);
		len = pb_build(&h, seg, n, in);
		xrun(&r, false, &g.m, in, len, &XO);
		x_verdict(&r, i & 1 ? V6GW_XLAT_OK : V6GW_XLAT_PASS);
		unit_iter = -1;
		xfree(&r);
	}

	/* the Well-Known Prefix does not carry private addresses */
	g = f;
	memcpy(g.m.pool6.addr, "\x00\x64\xff\x9b\0\0\0\0\0\0\0\0", 12);
	a4(x4, 192, 168, 1, 1);
	ip_init(&h, 4, x4, x4, PB_TCP, 17);
	a4(h.src, 8, 8, 4, 4);
	pb_l4_csum(4, h.src, h.dst, PB_TCP, seg, n, PB_CS_FULL);
	len = pb_build(&h, seg, n, in);
	xrun(&r, true, &g.m, in, len, &XO);
	x_same(&r, V6GW_XLAT_PASS);
	xfree(&r);
	a4(h.dst, 9, 9, 9, 9);
	pb_l4_csum(4, h.src, h.dst, PB_TCP, seg, n, PB_CS_FULL);
	len = pb_build(&h, seg, n, in);
	xrun(&r, true, &g.m, in, len, &XO);
	x_verdict(&r, V6GW_XLAT_OK);
	xfree(&r);
}

/* --- round trips over random packets --------------------------------- */

/* Run the other direction in place on a translated packet. */
static void step2(struct run *r1, struct run *r2, bool to6,
		  const struct v6gw_map *m, uint16_t id, bool partial)
{
	r2->buf = r1->buf;
	r2->H = (uint32_t)(r1->pkt.l3 - r1->buf);
	r2->len = r1->pkt.len;
	r2->save = malloc(r2->H + r2->len + 1);
	if (!r2->save)
		abort();
	memcpy(r2->save, r2->buf, r2->H + r2->len);
	memset(&r2->pkt, 0, sizeof(r2->pkt));
	r2->pkt.l3 = r1->pkt.l3;
	r2->pkt.linear = r1->pkt.linear;
	r2->pkt.len = r1->pkt.len;
	r2->pkt.headroom = r2->H;
	r2->pkt.csum_partial = partial;
	r2->pkt.ipv4_id = id;
	r2->pkt.mtu_in = ~0u;
	r2->pkt.mtu_out = ~0u;
	r2->v = to6 ? v6gw_xlat_4to6(m, &r2->pkt) : v6gw_xlat_6to4(m, &r2->pkt);
	relax(-1, -1);
}

/* Random IPv4 options without a source route, @len a multiple of 4. */
static void rand_opts(uint8_t *o, uint32_t len)
{
	uint32_t pos = 0;

	memset(o, 0, len);
	while (pos < len) {
		uint32_t rem = len - pos, k;

		switch (rem < 7 ? 0 : unit_rand_below(4)) {
		case 0:
			o[pos++] = 1;			/* NOP */
			break;
		case 1:					/* Record Route */
			k = 1 + unit_rand_below((rem - 3) / 4);
			o[pos] = 7;
			o[pos + 1] = (uint8_t)(3 + 4 * k);
			o[pos + 2] = 4;
			unit_rand_bytes(o + pos + 3, 4 * k);
			pos += 3 + 4 * k;
			break;
		case 2:					/* Router Alert */
			o[pos] = 148;
			o[pos + 1] = 4;
			pos += 4;
			break;
		default:				/* End */
			pos = len;
			break;
		}
	}
}

/* A random transport segment and a fragment of it. */
struct rseg {
	uint8_t p4, p6, t4;
	uint32_t n;		/* whole segment */
	bool frag, mf, partial, udp0;
	uint16_t off;
	uint32_t flen;		/* fragment (or whole) length */
};

static void rand_seg(struct rseg *g, uint8_t *seg)
{
	static const uint8_t protos[][2] = {
		{ PB_UDP, 0 }, { PB_TCP, 0 }, { PB_ICMP, 8 }, { PB_ICMP, 0 },
		{ PB_ESP, 0 }, { PB_SCTP, 0 }, { PB_UDP, 0 }, { PB_TCP, 0 },
	};
	uint32_t k = unit_rand_below(8), pay;

	memset(g, 0, sizeof(*g));
	g->p4 = protos[k][0];
	g->t4 = protos[k][1];
	g->p6 = g->p4 == PB_ICMP ? PB_ICMPV6 : g->p4;
	pay = unit_rand_below(100) < 4 ? unit_rand_below(9000) :
	      unit_rand_below(1500);
	g->n = mk_seg(g->p4, g->t4, seg, pay);
	g->flen = g->n;
	if (g->p4 != PB_ICMP && g->n >= 64 && !unit_rand_below(4)) {
		uint32_t kmax;

		g->frag = true;
		g->off = (uint16_t)unit_rand_below(g->n / 8);
		kmax = (g->n - g->off * 8u) / 8;
		g->mf = unit_rand_below(2) || !g->off;
		if (g->mf) {
			g->flen = 8 * (1 + unit_rand_below(kmax));
			if (!g->off && g->flen < 24)
				g->flen = 24;
		} else {
			g->flen = g->n - g->off * 8u;
		}
	}
	if (!g->frag && (g->p4 == PB_TCP || g->p4 == PB_UDP))
		g->partial = !unit_rand_below(4);
	if (!g->frag && !g->partial && g->p4 == PB_UDP)
		g->udp0 = !unit_rand_below(8);
}

static void rand_addr_pair(const struct fx *f, uint8_t *s4, uint8_t *d4)
{
	if (f->eam && unit_rand_below(2))
		rand_eam4(s4);
	else
		rand_pool4(s4, f->eam);
	if (f->eam && unit_rand_below(2))
		rand_eam4(d4);
	else
		rand_pool4(d4, f->eam);
}

static void prop46(void)
{
	static uint8_t seg4[MAXPKT], seg6[MAXPKT], in[MAXPKT], mid[MAXPKT];
	static uint8_t back[MAXPKT];
	uint8_t s4[16], d4[16], s6[16], d6[16];
	struct pb_ip h4, h6, hb;
	struct rseg g;
	struct fx f;
	struct xo o = XO;
	struct run r1, r2;
	uint32_t cfg = unit_rand_below(7), inlen, midlen, backlen, o8, need;
	uint16_t id2 = (uint16_t)unit_rand();
	int mode;

	fx_init(&f, cfg < 6 ? pool_lens[cfg] : 96, cfg == 6);
	f.m.flags |= V6GW_MAP_AMEND_UDP0;
	rand_addr_pair(&f, s4, d4);
	ref46(&f, s4, s6);
	ref46(&f, d4, d6);
	rand_seg(&g, seg4);
	o8 = g.off * 8u;
	if (g.udp0)
		pb_w16(seg4 + 6, 0);
	memcpy(seg6, seg4, g.n);
	if (g.p4 == PB_ICMP)
		seg6[0] = icmp_type46(g.t4);
	mode = g.udp0 ? PB_CS_KEEP : g.partial ? PB_CS_PARTIAL : PB_CS_FULL;
	pb_l4_csum(4, s4, d4, g.p4, seg4, g.n, mode);
	pb_l4_csum(6, s6, d6, g.p6, seg6, g.n, mode);

	ip_init(&h4, 4, s4, d4, g.p4, (uint8_t)(3 + unit_rand_below(253)));
	h4.tos = (uint8_t)unit_rand();
	h4.id = (uint16_t)unit_rand();
	h4.df = !g.frag && unit_rand_below(2);
	h4.frag = g.frag;
	h4.mf = g.mf;
	h4.off = g.off;
	if (!unit_rand_below(4)) {
		h4.optlen = (uint8_t)(4 * (1 + unit_rand_below(10)));
		rand_opts(h4.opt, h4.optlen);
	}
	ip_init(&h6, 6, s6, d6, g.p6, (uint8_t)(h4.ttl - 1));
	h6.tos = h4.tos;
	h6.frag = g.frag;
	h6.mf = g.mf;
	h6.off = g.off;
	h6.fid = h4.id;
	hb = h4;
	hb.optlen = 0;
	hb.ttl = (uint8_t)(h4.ttl - 2);
	if (!g.frag) {
		hb.id = id2;
		hb.df = 20 + g.flen > 1260;
	}

	inlen = pb_build(&h4, seg4 + o8, g.flen, in);
	midlen = pb_build(&h6, (o8 ? seg4 : seg6) + o8, g.flen, mid);
	backlen = pb_build(&hb, seg4 + o8, g.flen, back);

	need = pb_hlen(&h4) + (g.off ? 0 : g.p4 == PB_TCP ? 18 :
			      l4hl(g.p4));
	o.linear = unit_rand_below(2) ? FULL :
		   need + unit_rand_below(inlen - need + 1);
	o.H = (uint32_t)((int)pb_hlen(&h6) - (int)pb_hlen(&h4) > 0 ?
			 (int)pb_hlen(&h6) - (int)pb_hlen(&h4) : 0) +
	      unit_rand_below(16);
	o.partial = g.partial;
	xrun(&r1, true, &f.m, in, inlen, &o);
	if (g.p4 == PB_ICMP)
		relax(42, -1);
	if (x_ok(&r1, mid, midlen, (int)pb_hlen(&h6) - (int)pb_hlen(&h4))) {
		CHECK_EQ(r1.pkt.udp_csum_fill, g.udp0);
		CHECK_EQ(r1.pkt.first_frag, !g.off);
		step2(&r1, &r2, false, &f.m, id2, g.partial);
		if (g.p4 == PB_ICMP)
			relax(22, -1);
		x_ok(&r2, back, backlen, 20 - (int)pb_hlen(&h6));
		free(r2.save);
	}
	xfree(&r1);
}

static void prop64(void)
{
	static uint8_t seg4[MAXPKT], seg6[MAXPKT], in[MAXPKT], mid[MAXPKT];
	static uint8_t back[MAXPKT];
	uint8_t s4[16], d4[16], s6[16], d6[16];
	struct pb_ip h4, h6, hb;
	struct rseg g;
	struct fx f;
	struct xo o = XO;
	struct run r1, r2;
	uint32_t cfg = unit_rand_below(7), inlen, midlen, backlen, o8, need;
	uint32_t i;
	int mode;

	fx_init(&f, cfg < 6 ? pool_lens[cfg] : 96, cfg == 6);
	rand_addr_pair(&f, s4, d4);
	ref46(&f, s4, s6);
	ref46(&f, d4, d6);
	rand_seg(&g, seg6);
	g.udp0 = false;
	o8 = g.off * 8u;
	if (g.p6 == PB_ICMPV6)
		seg6[0] = icmp_type46(g.t4);
	memcpy(seg4, seg6, g.n);
	if (g.p4 == PB_ICMP)
		seg4[0] = g.t4;
	mode = g.partial ? PB_CS_PARTIAL : PB_CS_FULL;
	pb_l4_csum(6, s6, d6, g.p6, seg6, g.n, mode);
	pb_l4_csum(4, s4, d4, g.p4, seg4, g.n, mode);
	/* an atomic fragment now and then */
	if (!g.frag && g.p4 != PB_ICMP && !unit_rand_below(16))
		g.frag = true;

	ip_init(&h6, 6, s6, d6, g.p6, (uint8_t)(3 + unit_rand_below(253)));
	h6.tos = (uint8_t)unit_rand();
	h6.flow = (uint32_t)unit_rand() & 0xfffff;
	h6.frag = g.frag;
	h6.mf = g.mf;
	h6.off = g.off;
	h6.fid = (uint32_t)unit_rand();
	h6.next = (uint8_t)unit_rand_below(4);
	for (i = 0; i < h6.next; i++) {
		h6.ext[i] = i == 0 && unit_rand_below(2) ? PB_HOPOPTS :
			    unit_rand_below(2) ? PB_DSTOPTS : PB_ROUTING;
		h6.extl[i] = (uint8_t)unit_rand_below(4);
	}
	ip_init(&h4, 4, s4, d4, g.p4, (uint8_t)(h6.ttl - 1));
	h4.tos = h6.tos;
	h4.frag = g.mf || g.off;
	h4.mf = g.mf;
	h4.off = g.off;
	h4.id = g.frag ? (uint16_t)h6.fid : XO.id;
	h4.df = !g.frag && 20 + g.flen > 1260;
	hb = h6;
	hb.flow = 0;
	hb.next = 0;
	hb.ttl = (uint8_t)(h6.ttl - 2);
	hb.frag = h4.frag;
	hb.fid = h4.id;

	inlen = pb_build(&h6, seg6 + o8, g.flen, in);
	midlen = pb_build(&h4, (o8 ? seg6 : seg4) + o8, g.flen, mid);
	backlen = pb_build(&hb, seg6 + o8, g.flen, back);

	need = pb_hlen(&h6) + (g.off ? 0 : g.p4 == PB_TCP ? 18 :
			      l4hl(g.p4));
	o.linear = unit_rand_below(2) ? FULL :
		   need + unit_rand_below(inlen - need + 1);
	o.H = unit_rand_below(16);
	o.partial = g.partial;
	xrun(&r1, false, &f.m, in, inlen, &o);
	if (g.p4 == PB_ICMP)
		relax(22, -1);
	if (x_ok(&r1, mid, midlen, 20 - (int)pb_hlen(&h6))) {
		CHECK_EQ(r1.pkt.first_frag, !g.off);
		step2(&r1, &r2, true, &f.m, 0, g.partial);
		if (g.p4 == PB_ICMP)
			relax(42, -1);
		x_ok(&r2, back, backlen, (int)pb_hlen(&hb) - 20);
		free(r2.save);
	}
	xfree(&r1);
}

static void test_prop(void)
{
	long i;

	for (i = 0; i < 3000; i++) {
		unit_iter = i;
		prop46();
		prop64();
	}
	unit_iter = -1;
}

/*
 * The ICMP checksum carry bug, strictly (see BUG_ICMP_CARRY): an echo
 * request 192.0.2.33 -> 203.0.113.77, id/seq 0x5c56 0xe9ce, no payload,
 * pool6 2001:db8::/32. Expected ICMPv6 checksum 0xdfb5, xlat.c gives 0xdfb6.
 */
static void test_bug_icmp_carry(void)
{
	uint8_t seg4[8] = { 8, 0, 0, 0, 0x5c, 0x56, 0xe9, 0xce }, seg6[8];
	uint8_t in[64], exp[64];
	struct pb_ip h4, h6;
	struct run r;
	uint32_t inlen, explen;
	struct fx f;

	fx_init(&f, 32, false);
	pair_init(&f);
	memcpy(seg6, seg4, 8);
	seg6[0] = 128;
	pb_l4_csum(4, A4, B4, PB_ICMP, seg4, 8, PB_CS_FULL);
	pb_l4_csum(6, A6, B6, PB_ICMPV6, seg6, 8, PB_CS_FULL);
	CHECK_EQ(pb_r16(seg6 + 2), 0xdfb5);
	ip_init(&h4, 4, A4, B4, PB_ICMP, 64);
	ip_init(&h6, 6, A6, B6, PB_ICMPV6, 63);
	inlen = pb_build(&h4, seg4, 8, in);
	explen = pb_build(&h6, seg6, 8, exp);
	xrun(&r, true, &f.m, in, inlen, &XO);
	x_ok(&r, exp, explen, 20);
	xfree(&r);
	/* and back: 6 -> 4 loses the carry on the other side */
	h6.ttl = 64;
	h4.ttl = 63;
	h4.id = XO.id;
	inlen = pb_build(&h6, seg6, 8, in);
	explen = pb_build(&h4, seg4, 8, exp);
	xrun(&r, false, &f.m, in, inlen, &XO);
	x_ok(&r, exp, explen, -20);
	xfree(&r);
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
	if (!BUG_ICMP_CARRY)
		test_bug_icmp_carry();
	if (relaxed)
		printf("xlat: BUG_ICMP_CARRY: %lu ICMP checksums off by one "
		       "(tolerated, see test_xlat.c)\n", relaxed);
	printf("xlat: %lu checks, 6000 random round trips\n",
	       unit_passed + unit_failed - before);
}
