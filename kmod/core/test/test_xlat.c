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
#define MAXPKT	12000

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
	bool eam;
};

static void fx_init(struct fx *f, int plen, bool eam)
{
	memset(f, 0, sizeof(*f));
	f->plen = plen;
	f->eam = eam;
	f->m.flags = V6GW_MAP_POOL6;
	memcpy(f->m.pool6.addr, pool_addr, (size_t)plen / 8);
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
	pb_embed(pool_addr, f->plen, v4, v6);
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
	bool ok;

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
	ok &= CHECK_MEM(r->pkt.l3, exp, explen);
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
	if (x_ok(&r, exp, explen, 20)) {
		const uint8_t *p = r.pkt.l3;

		chk6(p, explen, tc, h6.ttl, p6, h6.src, h6.dst);
		CHECK_EQ(r.pkt.l4off, 40);
		CHECK_EQ(r.pkt.l4proto, p6);
		CHECK(r.pkt.first_frag);
		CHECK(!r.pkt.udp_csum_fill);
		CHECK_EQ(r.pkt.linear, explen);
		if (pb_csum_off(p6) >= 0 && !c->partial)
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
	if (x_ok(&r, exp, explen, 20 - (int)pb_hlen(&h6))) {
		const uint8_t *p = r.pkt.l3;

		chk4(p, explen, tos, o.id, 20 + n > 1260, false, 0, h4.ttl,
		     c->proto, h4.src, h4.dst);
		CHECK_EQ(r.pkt.l4off, 20);
		CHECK_EQ(r.pkt.l4proto, c->proto);
		CHECK(r.pkt.first_frag);
		CHECK(!r.pkt.udp_csum_fill);
		CHECK_EQ(r.pkt.linear, explen);
		if (pb_csum_off(c->proto) >= 0 && !c->partial)
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

void test_xlat(void)
{
	static uint64_t mem[4096];
	uint32_t bad;
	size_t need = v6gw_eam_table_size(3);

	if (need > sizeof(mem) ||
	    v6gw_eam_table_build(mem, sizeof(mem), eams, 3, &bad))
		abort();
	eam_table = (const struct v6gw_eam_table *)mem;
	unit_seed(0x7915);

	test_plain();
}
