// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Shared fixtures of the byte-level translator tests; see xlat_fx.h.
 */
#include "xlat_fx.h"

/* --- fixtures: address mapping --------------------------------------- */

/* 2001:db8:1122:3344:0055:6677::/96, cut to the prefix length */
const uint8_t pool_addr[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0x11, 0x22, 0x33, 0x44,
	0x00, 0x55, 0x66, 0x77, 0, 0, 0, 0,
};
const int pool_lens[] = { 32, 40, 48, 56, 64, 96 };

/*
 * EAM entries:
 *   e1 198.51.100.0/24  <-> 2001:db8:eeee::/120  (last octet = last octet)
 *   e2 192.0.2.128/26   <-> 2001:db8:dddd::/64   (6 bits at bit 64)
 *   e3 203.0.113.5/32   <-> 2001:db8:1::5/128
 */
const struct v6gw_eam eams[] = {
	{ { { 0x20, 0x01, 0x0d, 0xb8, 0xee, 0xee }, 120 }, { { 198, 51, 100, 0 }, 24 } },
	{ { { 0x20, 0x01, 0x0d, 0xb8, 0xdd, 0xdd }, 64 }, { { 192, 0, 2, 128 }, 26 } },
	{ { { 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5 }, 128 },
	  { { 203, 0, 113, 5 }, 32 } },
};

const struct v6gw_eam_table *eam_table;


void fx_init(struct fx *f, int plen, bool eam)
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
	v6gw_map_prepare(&f->m);
}

bool in_e1(const uint8_t *a)
{
	return a[0] == 198 && a[1] == 51 && a[2] == 100;
}

bool in_e2(const uint8_t *a)
{
	return a[0] == 192 && a[1] == 0 && a[2] == 2 && (a[3] & 0xc0) == 0x80;
}

bool in_e3(const uint8_t *a)
{
	return a[0] == 203 && a[1] == 0 && a[2] == 113 && a[3] == 5;
}

/* Reference 4 -> 6 for the fixtures (addresses known to be mappable). */
void ref46(const struct fx *f, const uint8_t *v4, uint8_t *v6)
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

void a4(uint8_t *d, int a, int b, int c, int e)
{
	memset(d, 0, 16);
	d[0] = (uint8_t)a;
	d[1] = (uint8_t)b;
	d[2] = (uint8_t)c;
	d[3] = (uint8_t)e;
}

/* A random IPv4 address RFC 6052 maps (never 0/8, 127/8, 169.254/16, 224/4). */
void rand_pool4(uint8_t *d, bool avoid_eam)
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

void rand_eam4(uint8_t *d)
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


long relax_off[2] = { -1, -1 };
unsigned long relaxed;

bool csum_near(uint16_t got, uint16_t exp)
{
	return got == exp || got == pb_fold((uint64_t)exp + 1) ||
	       got == pb_fold((uint64_t)exp + 0xfffe);
}

void relax(long a, long b)
{
	relax_off[0] = a;
	relax_off[1] = b;
}

/* --- running the translator -------------------------------------------- */


const struct xo XO = { HR, FULL, false, 0x4321, ~0u, ~0u, false, false,
		       false };


const char *const vname[] = { "OK", "PASS", "PULL", "DROP", "ICMP" };

unsigned long premap_runs;

/*
 * Run the same packet again with its outer addresses mapped beforehand,
 * the way the glue maps them to route first (struct v6gw_xlat_pkt
 * premap), and with the policy's derived shortcuts off (not
 * v6gw_map_prepare()d): the verdict, the reason and every byte must be
 * the same.
 */
static void xrun_premapped(const struct run *r, bool to6,
			   const struct v6gw_map *mp, const uint8_t *in,
			   uint32_t len, const struct xo *o)
{
	struct v6gw_map mu = *mp, *m = &mu;
	struct run q;
	bool dst_ok;

	mu.pool6_alone = false;

	/* The glue reads the outer addresses from a header it has. */
	if (len < (to6 ? 20u : 40u) || in[0] >> 4 != (to6 ? 4 : 6))
		return;
	memset(&q.pkt, 0, sizeof(q.pkt));
	if (to6) {
		dst_ok = v6gw_map_4to6(m, in + 16, q.pkt.premap_dst);
		if (o->hairpin ?
		    v6gw_map_4to6_prefix(m, in + 12, q.pkt.premap_src) :
		    v6gw_map_4to6(m, in + 12, q.pkt.premap_src))
			q.pkt.premap |= V6GW_PREMAP_SRC_OK;
	} else {
		dst_ok = v6gw_map_6to4(m, in + 24, q.pkt.premap_dst);
		if (v6gw_map_6to4(m, in + 8, q.pkt.premap_src))
			q.pkt.premap |= V6GW_PREMAP_SRC_OK;
	}
	/* Not mapped: the glue lets it pass without calling the core. */
	if (!dst_ok)
		return;
	q.pkt.premap |= V6GW_PREMAP_DST | V6GW_PREMAP_SRC;

	q.buf = malloc(r->H + len + 1);
	if (!q.buf)
		abort();
	memset(q.buf, 0xa5, r->H);
	memcpy(q.buf + r->H, in, len);
	q.pkt.l3 = q.buf + r->H;
	q.pkt.linear = o->linear == FULL ? len : o->linear;
	q.pkt.len = len;
	q.pkt.headroom = r->H;
	q.pkt.csum_partial = o->partial;
	q.pkt.ipv4_id = o->id;
	q.pkt.mtu_in = o->mtu_in;
	q.pkt.mtu_out = o->mtu_out;
	q.pkt.udp_csum_fill = o->fill_preset;
	q.pkt.hairpin = o->hairpin;
	q.pkt.frag6 = o->frag6;
	q.v = to6 ? v6gw_xlat_4to6(m, &q.pkt) : v6gw_xlat_6to4(m, &q.pkt);
	premap_runs++;
	if (!CHECK_EQ(q.v, r->v) || !CHECK_EQ(q.pkt.reason, r->pkt.reason) ||
	    !CHECK_MEM(q.buf, r->buf, r->H + len))
		fprintf(stderr, "  premapped run differs (%s, %u bytes)\n",
			to6 ? "4to6" : "6to4", len);
	if (q.v == V6GW_XLAT_OK) {
		CHECK_EQ(q.pkt.delta, r->pkt.delta);
		CHECK_EQ(q.pkt.len, r->pkt.len);
		CHECK_EQ(q.pkt.l4off, r->pkt.l4off);
	}
	if (q.v == V6GW_XLAT_PULL)
		CHECK_EQ(q.pkt.need, r->pkt.need);
	free(q.buf);
}

/* Copy @in behind @o->H bytes of headroom in a buffer of exactly that size. */
void xrun(struct run *r, bool to6, const struct v6gw_map *m,
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
	r->pkt.hairpin = o->hairpin;
	r->pkt.frag6 = o->frag6;
	r->v = to6 ? v6gw_xlat_4to6(m, &r->pkt) : v6gw_xlat_6to4(m, &r->pkt);
	xrun_premapped(r, to6, m, in, len, o);
	relax(-1, -1);
}

void xfree(struct run *r)
{
	free(r->buf);
	free(r->save);
	r->buf = NULL;
	r->save = NULL;
}

bool x_verdict(struct run *r, enum v6gw_xlat_verdict v)
{
	if (CHECK_EQ(r->v, v))
		return true;
	fprintf(stderr, "  verdict %s (reason %u), expected %s\n",
		r->v < 5 ? vname[r->v] : "?", r->pkt.reason,
		v < 5 ? vname[v] : "?");
	return false;
}

/* OK, @delta bytes added in front, the result is @exp. */
bool x_ok(struct run *r, const uint8_t *exp, uint32_t explen,
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
bool x_same(struct run *r, enum v6gw_xlat_verdict v)
{
	bool ok = x_verdict(r, v);

	ok &= CHECK_MEM(r->buf, r->save, r->H + r->len);
	return ok;
}

bool x_drop(struct run *r, uint8_t reason)
{
	bool ok = x_verdict(r, V6GW_XLAT_DROP);

	ok &= CHECK_EQ(r->pkt.reason, reason);
	return ok;
}

bool x_icmp(struct run *r, uint8_t reason, uint8_t type, uint8_t code,
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

void chk6(const uint8_t *p, uint32_t len, uint8_t tc, uint8_t hop,
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

void chk4(const uint8_t *p, uint32_t len, uint8_t tos, uint16_t id,
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
uint32_t mk_seg(uint8_t proto, uint8_t type, uint8_t *s,
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

uint8_t icmp_type46(uint8_t t)
{
	return t == 8 ? 128 : t == 0 ? 129 : 0xff;
}

uint8_t icmp_type64(uint8_t t)
{
	return t == 128 ? 8 : t == 129 ? 0 : 0xff;
}

uint32_t l4hl(uint8_t proto)
{
	return proto == PB_TCP ? 20 : proto == PB_UDP || proto == PB_ICMP ||
	       proto == PB_ICMPV6 ? 8 : 0;
}


void ip_init(struct pb_ip *h, int v, const uint8_t *src,
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
uint8_t A4[16], B4[16], A6[16], B6[16];

void pair_init(const struct fx *f)
{
	a4(A4, 192, 0, 2, 33);
	a4(B4, 203, 0, 113, 77);
	ref46(f, A4, A6);
	ref46(f, B4, B6);
}

/*
 * An ICMP message behind @h: type, code, the 32-bit word, @body. The
 * checksum is computed in full (ICMPv6 with the pseudo-header). With @cut,
 * an IPv6 packet is cut to 1280 bytes first (RFC 4443 section 2.4 (c)),
 * an IPv4 one to 576 (RFC 1812 section 4.3.2.3).
 */
uint32_t build_icmp(struct pb_ip *h, uint8_t type, uint8_t code,
			   uint32_t word, const uint8_t *body, uint32_t blen,
			   bool cut, uint8_t *out)
{
	static uint8_t m[MAXPKT];
	uint32_t n = 8 + blen;

	if (cut && h->v == 6 && pb_hlen(h) + n > 1280)
		n = 1280 - pb_hlen(h);
	if (cut && h->v == 4 && pb_hlen(h) + n > 576)
		n = 576 - pb_hlen(h);
	m[0] = type;
	m[1] = code;
	pb_w16(m + 2, 0);
	pb_w32(m + 4, word);
	memcpy(m + 8, body, n - 8);
	h->proto = h->v == 4 ? PB_ICMP : PB_ICMPV6;
	pb_l4_csum(h->v, h->src, h->dst, h->proto, m, n, PB_CS_FULL);
	return pb_build(h, m, n, out);
}
