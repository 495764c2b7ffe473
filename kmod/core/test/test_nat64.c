// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Stateful NAT64 in the portable core: flow tuples of packets (nat64.c),
 * the pool4 port allocator (class preservation, every candidate exactly
 * once, exhaustion), and the translator with pkt->nat: ports and ICMP
 * identifiers rewritten with correct checksums, both directions, plain and
 * CHECKSUM_PARTIAL, and ICMP errors whose embedded packet is translated
 * through the session. Expected packets are built independently with
 * pkt_build.c.
 */
#include "nat64.h"
#include "xlat_fx.h"

/* The session of these tests: X' x <-> Y' y (IPv6), T t <-> Y y (IPv4). */
static uint8_t X6[16], Y6[16], T4[4], Y4[4], R4[4], R6[16], R6N[16];
static const uint8_t PFX[16] = { 0x00, 0x64, 0xff, 0x9b };

static void nat_addrs(void)
{
	unit_rand_bytes(X6, 16);
	X6[0] = 0x20;
	unit_rand_bytes(Y4, 4);
	Y4[0] = 198;
	memcpy(Y6, PFX, 12);
	memcpy(Y6 + 12, Y4, 4);
	unit_rand_bytes(T4, 4);
	T4[0] = 203;
	unit_rand_bytes(R4, 4);
	R4[0] = 100;
	memcpy(R6, PFX, 12);
	memcpy(R6 + 12, R4, 4);
	unit_rand_bytes(R6N, 16);
	R6N[0] = 0x2a;
}

/* Run the translator on a copy of @in with headroom, the NAT fields set. */
static enum v6gw_xlat_verdict nrun(bool to6, const uint8_t *in, uint32_t len,
				   struct v6gw_xlat_pkt *pkt, uint8_t *buf,
				   bool partial)
{
	static const struct v6gw_map m = { .lowest_ipv6_mtu = 1280 };

	memcpy(buf + HR, in, len);
	pkt->l3 = buf + HR;
	pkt->linear = len;
	pkt->len = len;
	pkt->headroom = HR;
	pkt->csum_partial = partial;
	pkt->mtu_in = ~0u;
	pkt->mtu_out = ~0u;
	pkt->nat = true;
	return to6 ? v6gw_xlat_4to6(&m, pkt) : v6gw_xlat_6to4(&m, pkt);
}

/* A transport segment with ports (ICMP echo: identifier) and @n bytes. */
static uint32_t nseg(uint8_t proto, uint8_t *s, uint16_t sp, uint16_t dp,
		     uint32_t n, uint8_t icmp_type)
{
	uint32_t len = mk_seg(proto, icmp_type, s, n);

	if (proto == PB_ICMP || proto == PB_ICMPV6) {
		pb_w16(s + 4, sp);
	} else {
		pb_w16(s, sp);
		pb_w16(s + 2, dp);
	}
	return len;
}

/* --- flow tuples ------------------------------------------------------- */
static void t_tuples(void)
{
	static uint8_t seg[8192], pkt[8192], inner[8192];
	struct v6gw_nat64_tuple t;
	struct pb_ip h;
	uint32_t len, ilen, need = 0;
	int i;

	for (i = 0; i < 200; i++) {
		uint16_t sp = (uint16_t)unit_rand(), dp = (uint16_t)unit_rand();
		uint8_t protos[] = { PB_UDP, PB_TCP, PB_ICMPV6 };
		uint8_t p = protos[i % 3];

		unit_iter = i;
		nat_addrs();
		/* IPv6 X' -> Y' */
		len = nseg(p, seg, sp, dp, 10 + i, 128);
		if (p == PB_TCP)
			seg[13] = (uint8_t)i;
		ip_init(&h, 6, X6, Y6, p, 64);
		len = pb_build(&h, seg, len, pkt);
		CHECK_EQ(v6gw_nat64_tuple6(pkt, len, len, &t, &need),
			 V6GW_NT_OK);
		CHECK_MEM(t.src, X6, 16);
		CHECK_MEM(t.dst, Y6, 16);
		CHECK_EQ(t.proto, p == PB_ICMPV6 ? 1 : p);
		CHECK_EQ(t.sport, sp);
		CHECK_EQ(t.dport, p == PB_ICMPV6 ? sp : dp);
		CHECK_EQ(t.tcp_flags, p == PB_TCP ? (uint8_t)i : 0);
		CHECK(!t.icmp_err);
		/* short linear area: asks for the transport header */
		CHECK_EQ(v6gw_nat64_tuple6(pkt, 40, len, &t, &need),
			 V6GW_NT_PULL);
		CHECK_EQ(need, 40u + (p == PB_TCP ? 14 : 8));
		/* truncated */
		CHECK_EQ(v6gw_nat64_tuple6(pkt, len - 10 - i - 4, len - 10 - i - 4,
					   &t, &need), V6GW_NT_BAD);

		/* IPv4 Y -> T */
		len = nseg(p == PB_ICMPV6 ? PB_ICMP : p, seg, sp, dp, 10, 0);
		ip_init(&h, 4, Y4, T4, p == PB_ICMPV6 ? PB_ICMP : p, 64);
		len = pb_build(&h, seg, len, pkt);
		CHECK_EQ(v6gw_nat64_tuple4(pkt, len, len, &t, &need),
			 V6GW_NT_OK);
		CHECK_MEM(t.src, Y4, 4);
		CHECK_MEM(t.dst, T4, 4);
		CHECK_EQ(t.sport, sp);
		CHECK_EQ(t.dport, p == PB_ICMPV6 ? sp : dp);

		/* ICMPv4 error from R about T:t -> Y:y: tuple Y:y -> T:t */
		ilen = nseg(p == PB_ICMPV6 ? PB_ICMP : p, seg, sp, dp, 8, 8);
		ip_init(&h, 4, T4, Y4, p == PB_ICMPV6 ? PB_ICMP : p, 64);
		ilen = pb_build(&h, seg, ilen, inner);
		ip_init(&h, 4, R4, T4, PB_ICMP, 64);
		len = build_icmp(&h, 3, 3, 0, inner, ilen, false, pkt);
		CHECK_EQ(v6gw_nat64_tuple4(pkt, len, len, &t, &need),
			 V6GW_NT_OK);
		CHECK(t.icmp_err);
		CHECK_MEM(t.src, Y4, 4);
		CHECK_MEM(t.dst, T4, 4);
		CHECK_EQ(t.sport, p == PB_ICMPV6 ? sp : dp);
		CHECK_EQ(t.dport, sp);
		/* the whole error must be linear */
		CHECK_EQ(v6gw_nat64_tuple4(pkt, 28, len, &t, &need),
			 V6GW_NT_PULL);
		CHECK_EQ(need, len);

		/* ICMPv6 error from a native router about Y' -> X' */
		ilen = nseg(p, seg, sp, dp, 8, 129);
		ip_init(&h, 6, Y6, X6, p, 64);
		ilen = pb_build(&h, seg, ilen, inner);
		ip_init(&h, 6, R6N, Y6, PB_ICMPV6, 64);
		len = build_icmp(&h, 1, 4, 0, inner, ilen, false, pkt);
		CHECK_EQ(v6gw_nat64_tuple6(pkt, len, len, &t, &need),
			 V6GW_NT_OK);
		CHECK(t.icmp_err);
		CHECK_MEM(t.src, X6, 16);
		CHECK_MEM(t.dst, Y6, 16);
		CHECK_EQ(t.sport, p == PB_ICMPV6 ? sp : dp);
	}
	unit_iter = -1;

	/* not NAT64 flows: other protocols, fragments, ICMP informational */
	len = nseg(PB_UDP, seg, 1, 2, 8, 0);
	ip_init(&h, 6, X6, Y6, PB_SCTP, 64);
	len = pb_build(&h, seg, len, pkt);
	CHECK_EQ(v6gw_nat64_tuple6(pkt, len, len, &t, &need), V6GW_NT_OTHER);
	ip_init(&h, 6, X6, Y6, PB_UDP, 64);
	h.frag = true;
	h.mf = true;
	len = pb_build(&h, seg, 16, pkt);
	CHECK_EQ(v6gw_nat64_tuple6(pkt, len, len, &t, &need), V6GW_NT_OTHER);
	len = nseg(PB_ICMPV6, seg, 1, 2, 8, 135);	/* neighbour solicit */
	ip_init(&h, 6, X6, Y6, PB_ICMPV6, 255);
	len = pb_build(&h, seg, len, pkt);
	CHECK_EQ(v6gw_nat64_tuple6(pkt, len, len, &t, &need), V6GW_NT_OTHER);
	len = nseg(PB_ICMP, seg, 1, 2, 8, 13);		/* timestamp */
	ip_init(&h, 4, Y4, T4, PB_ICMP, 64);
	len = pb_build(&h, seg, len, pkt);
	CHECK_EQ(v6gw_nat64_tuple4(pkt, len, len, &t, &need), V6GW_NT_OTHER);
	ip_init(&h, 4, Y4, T4, PB_UDP, 64);
	h.frag = true;
	h.off = 3;
	len = pb_build(&h, seg, 16, pkt);
	CHECK_EQ(v6gw_nat64_tuple4(pkt, len, len, &t, &need), V6GW_NT_OTHER);
	/* an error about an error is not a flow */
	ilen = nseg(PB_ICMP, seg, 1, 2, 8, 3);
	ip_init(&h, 4, T4, Y4, PB_ICMP, 64);
	ilen = pb_build(&h, seg, ilen, inner);
	ip_init(&h, 4, R4, T4, PB_ICMP, 64);
	len = build_icmp(&h, 3, 1, 0, inner, ilen, false, pkt);
	CHECK_EQ(v6gw_nat64_tuple4(pkt, len, len, &t, &need), V6GW_NT_OTHER);
	/* every prefix of a packet: never out of bounds (ASan checks) */
	len = nseg(PB_TCP, seg, 1, 2, 30, 0);
	ip_init(&h, 6, X6, Y6, PB_TCP, 64);
	len = pb_build(&h, seg, len, pkt);
	for (ilen = 0; ilen <= len; ilen++) {
		uint8_t *c = malloc(ilen ? ilen : 1);

		memcpy(c, pkt, ilen);
		v6gw_nat64_tuple6(c, ilen, ilen, &t, &need);
		v6gw_nat64_tuple4(c, ilen, ilen, &t, &need);
		free(c);
	}
}

/* --- pool4 ---------------------------------------------------------- */
static void t_pool4(void)
{
	static struct v6gw_pool4_run runs[8192];
	static uint8_t seen[65536 * 4];
	struct v6gw_pool4_entry e[3] = {
		{ { 192, 0, 2, 0 }, 31, 500, 501 },
		{ { 192, 0, 2, 0 }, 31, 2000, 2003 },
		{ { 203, 0, 113, 8 }, 32, 1000, 1100 },
	};
	struct v6gw_pool4_set set;
	uint8_t addr[4];
	uint16_t port;
	uint32_t n, i, k, rounds;

	CHECK(v6gw_pool4_runs_max(e, 3) <= 4096);
	v6gw_pool4_build(&set, runs, e, 3, false);
	/* low: 2 x 2 + 24 (1000..1023); high: 2 x 4 + 77 (1024..1100) */
	CHECK_EQ(set.nports[0], 28);
	CHECK_EQ(set.nports[1], 85);
	CHECK_EQ(v6gw_pool4_candidates(&set, 53), 28);
	CHECK_EQ(v6gw_pool4_candidates(&set, 40000), 85);
	CHECK(v6gw_pool4_contains(&set, (const uint8_t[]){ 192, 0, 2, 1 }, 2003));
	CHECK(!v6gw_pool4_contains(&set, (const uint8_t[]){ 192, 0, 2, 1 }, 2004));
	CHECK(!v6gw_pool4_contains(&set, (const uint8_t[]){ 192, 0, 2, 2 }, 2000));
	CHECK(v6gw_pool4_has_addr(&set, (const uint8_t[]){ 203, 0, 113, 8 }));

	/* every candidate exactly once, in the right class, for any hashes */
	for (rounds = 0; rounds < 300; rounds++) {
		uint32_t ha = (uint32_t)unit_rand(), hp = (uint32_t)unit_rand();
		uint16_t p6 = rounds & 1 ? 80 : 5000;

		n = v6gw_pool4_candidates(&set, p6);
		memset(seen, 0, sizeof(seen));
		for (i = 0; i < n; i++) {
			uint32_t next = v6gw_pool4_candidate(&set, p6, ha, hp, i,
							     addr, &port);
			uint8_t a2[4];
			uint16_t p2;

			/* the next run starts at @next, on another address
			 * or range, and every candidate before it is in
			 * this one */
			CHECK(next > i);
			if (next < n) {
				v6gw_pool4_candidate(&set, p6, ha, hp, next, a2,
						     &p2);
				CHECK(memcmp(a2, addr, 4) ||
				      p2 != (uint16_t)(port + 1));
			}
			if (next - 1 > i && next - 1 < n) {
				v6gw_pool4_candidate(&set, p6, ha, hp, next - 1,
						     a2, &p2);
				CHECK_MEM(a2, addr, 4);
			}
			CHECK_EQ(port < 1024, p6 < 1024);
			CHECK(v6gw_pool4_contains(&set, addr, port));
			k = (addr[3] & 3) * 65536u + port;
			CHECK_EQ(seen[k], 0);
			seen[k] = 1;
		}
		/* the first candidate is in the run h_addr picks */
		v6gw_pool4_candidate(&set, p6, 0, 0, 0, addr, &port);
		CHECK_EQ(port, p6 < 1024 ? 500 : 2000);
	}

	/* a class without ports falls back to the other class */
	v6gw_pool4_build(&set, runs, &e[1], 1, false);
	CHECK_EQ(v6gw_pool4_candidates(&set, 53), 8);
	v6gw_pool4_candidate(&set, 53, 1, 2, 3, addr, &port);
	CHECK(port >= 2000 && port <= 2003);

	/* ICMP: one class, identifier 0 included */
	e[0].lo = 0;
	e[0].hi = 1500;
	v6gw_pool4_build(&set, runs, e, 1, true);
	CHECK_EQ(v6gw_pool4_candidates(&set, 7), 2 * 1501);
	CHECK_EQ(v6gw_pool4_candidates(&set, 7000), 2 * 1501);
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < 2 * 1501; i++) {
		v6gw_pool4_candidate(&set, 7, 99, 12345, i, addr, &port);
		k = (addr[3] & 1) * 65536u + port;
		CHECK_EQ(seen[k], 0);
		seen[k] = 1;
	}

	/* empty */
	v6gw_pool4_build(&set, runs, e, 0, false);
	CHECK_EQ(v6gw_pool4_candidates(&set, 1), 0);

	/* a /24 of all ports: 256 addresses, sorted, all counted */
	{
		struct v6gw_pool4_entry big = { { 10, 1, 2, 0 }, 24, 1, 65535 };
		static struct v6gw_pool4_run r2[600];

		CHECK(v6gw_pool4_runs_max(&big, 1) <= 600);
		v6gw_pool4_build(&set, r2, &big, 1, false);
		CHECK_EQ(set.nports[0], 256 * 1023);
		CHECK_EQ(set.nports[1], 256 * 64512);
		for (i = 1; i < set.nruns; i++)
			CHECK((set.run[i - 1].lo >= 1024) < (set.run[i].lo >= 1024) ||
			      ((set.run[i - 1].lo >= 1024) == (set.run[i].lo >= 1024) &&
			       v6gw_get_be32(set.run[i - 1].addr) <
			       v6gw_get_be32(set.run[i].addr)));
	}
}

/* --- translation with pkt->nat ----------------------------------------- */

/* 6 -> 4: X':x -> Y':y becomes T:t -> Y:y. */
static void nat64_one(uint8_t p6, uint32_t n, bool partial, int i)
{
	static uint8_t seg[8192], exp_seg[8192], in[8192], exp[8192];
	static uint8_t buf[8192 + HR];
	uint8_t p4 = p6 == PB_ICMPV6 ? PB_ICMP : p6;
	uint16_t x = (uint16_t)unit_rand(), y = (uint16_t)unit_rand();
	uint16_t t = (uint16_t)unit_rand();
	struct v6gw_xlat_pkt pkt;
	struct pb_ip h6, h4;
	uint32_t len, inlen, explen;

	len = nseg(p6, seg, x, y, n, 128);
	memcpy(exp_seg, seg, len);
	if (p6 == PB_ICMPV6) {
		exp_seg[0] = 8;
		pb_w16(exp_seg + 4, t);
	} else {
		pb_w16(exp_seg, t);
		pb_w16(exp_seg + 2, y);
	}
	pb_l4_csum(6, X6, Y6, p6, seg, len,
		   partial && p6 != PB_ICMPV6 ? PB_CS_PARTIAL : PB_CS_FULL);
	pb_l4_csum(4, T4, Y4, p4, exp_seg, len,
		   partial && p6 != PB_ICMPV6 ? PB_CS_PARTIAL : PB_CS_FULL);
	ip_init(&h6, 6, X6, Y6, p6, 64);
	h6.tos = 0x10;
	ip_init(&h4, 4, T4, Y4, p4, 63);
	h4.tos = 0x10;
	h4.id = 0x4242;
	h4.df = 20 + len > 1260;
	inlen = pb_build(&h6, seg, len, in);
	explen = pb_build(&h4, exp_seg, len, exp);

	memset(&pkt, 0, sizeof(pkt));
	memcpy(pkt.premap_dst, Y4, 4);
	memcpy(pkt.premap_src, T4, 4);
	pkt.premap = V6GW_PREMAP_DST | V6GW_PREMAP_SRC | V6GW_PREMAP_SRC_OK;
	pkt.nat_sport = t;
	pkt.nat_dport = y;
	pkt.ipv4_id = 0x4242;
	unit_iter = i;
	if (CHECK_EQ(nrun(false, in, inlen, &pkt, buf, partial &&
			  p6 != PB_ICMPV6), V6GW_XLAT_OK)) {
		CHECK_EQ(pkt.len, explen);
		CHECK_MEM(pkt.l3, exp, explen);
	}
}

/* 4 -> 6: Y:y -> T:t becomes Y':y -> X':x. */
static void nat46_one(uint8_t p4, uint32_t n, bool partial, int i)
{
	static uint8_t seg[8192], exp_seg[8192], in[8192], exp[8192];
	static uint8_t buf[8192 + HR];
	uint8_t p6 = p4 == PB_ICMP ? PB_ICMPV6 : p4;
	uint16_t x = (uint16_t)unit_rand(), y = (uint16_t)unit_rand();
	uint16_t t = (uint16_t)unit_rand();
	struct v6gw_xlat_pkt pkt;
	struct pb_ip h6, h4;
	uint32_t len, inlen, explen;
	bool pm = partial && p4 != PB_ICMP;

	len = nseg(p4, seg, y, t, n, 0);
	if (p4 == PB_ICMP)
		pb_w16(seg + 4, t);
	memcpy(exp_seg, seg, len);
	if (p4 == PB_ICMP) {
		exp_seg[0] = 129;
		pb_w16(exp_seg + 4, x);
	} else {
		pb_w16(exp_seg, y);
		pb_w16(exp_seg + 2, x);
	}
	pb_l4_csum(4, Y4, T4, p4, seg, len, pm ? PB_CS_PARTIAL : PB_CS_FULL);
	pb_l4_csum(6, Y6, X6, p6, exp_seg, len, pm ? PB_CS_PARTIAL : PB_CS_FULL);
	ip_init(&h4, 4, Y4, T4, p4, 64);
	h4.df = true;
	ip_init(&h6, 6, Y6, X6, p6, 63);
	inlen = pb_build(&h4, seg, len, in);
	explen = pb_build(&h6, exp_seg, len, exp);

	memset(&pkt, 0, sizeof(pkt));
	memcpy(pkt.premap_dst, X6, 16);
	memcpy(pkt.premap_src, Y6, 16);
	pkt.premap = V6GW_PREMAP_DST | V6GW_PREMAP_SRC | V6GW_PREMAP_SRC_OK;
	pkt.nat_sport = p4 == PB_ICMP ? x : y;
	pkt.nat_dport = x;
	unit_iter = i;
	if (CHECK_EQ(nrun(true, in, inlen, &pkt, buf, pm), V6GW_XLAT_OK)) {
		CHECK_EQ(pkt.len, explen);
		CHECK_MEM(pkt.l3, exp, explen);
	}
}

/*
 * ICMPv4 error from router R about T:t -> Y:y becomes an ICMPv6 error from
 * R' about X':x -> Y':y (RFC 6146 3.5.3 / RFC 5508: through the session).
 */
static void err46_one(uint8_t p4, uint32_t n, int i)
{
	static uint8_t seg[8192], seg6[8192], inner4[8192], inner6[8192];
	static uint8_t in[8192], exp[8192], buf[8192 + HR];
	uint8_t p6 = p4 == PB_ICMP ? PB_ICMPV6 : p4;
	uint16_t x = (uint16_t)unit_rand(), y = (uint16_t)unit_rand();
	uint16_t t = (uint16_t)unit_rand();
	struct v6gw_xlat_pkt pkt;
	struct pb_ip h;
	uint32_t len, l4, l6, inlen, explen;

	len = nseg(p4, seg, t, y, n, 8);
	memcpy(seg6, seg, len);
	if (p4 == PB_ICMP) {
		seg6[0] = 128;
		pb_w16(seg6 + 4, x);
	} else {
		pb_w16(seg6, x);
		pb_w16(seg6 + 2, y);
	}
	pb_l4_csum(4, T4, Y4, p4, seg, len, PB_CS_FULL);
	pb_l4_csum(6, X6, Y6, p6, seg6, len, PB_CS_FULL);
	ip_init(&h, 4, T4, Y4, p4, 61);
	h.df = true;
	l4 = pb_build(&h, seg, len, inner4);
	ip_init(&h, 6, X6, Y6, p6, 61);
	l6 = pb_build(&h, seg6, len, inner6);
	ip_init(&h, 4, R4, T4, PB_ICMP, 50);
	inlen = build_icmp(&h, 3, 3, 0, inner4, l4, false, in);
	ip_init(&h, 6, R6, X6, PB_ICMPV6, 49);
	explen = build_icmp(&h, 1, 4, 0, inner6, l6, true, exp);

	memset(&pkt, 0, sizeof(pkt));
	memcpy(pkt.premap_dst, X6, 16);
	memcpy(pkt.premap_src, R6, 16);
	pkt.premap = V6GW_PREMAP_DST | V6GW_PREMAP_SRC | V6GW_PREMAP_SRC_OK;
	memcpy(pkt.nat_in_src, X6, 16);
	memcpy(pkt.nat_in_dst, Y6, 16);
	pkt.nat_in_sport = x;
	pkt.nat_in_dport = y;
	unit_iter = i;
	if (CHECK_EQ(nrun(true, in, inlen, &pkt, buf, false), V6GW_XLAT_OK)) {
		CHECK_EQ(pkt.len, explen);
		CHECK_MEM(pkt.l3, exp, explen);
	}
}

/*
 * ICMPv6 error from a native IPv6 router about Y':y -> X':x becomes an
 * ICMPv4 error from T (the session's pool4 address) about Y:y -> T:t.
 */
static void err64_one(uint8_t p6, uint32_t n, int i)
{
	static uint8_t seg[8192], seg4[8192], inner4[8192], inner6[8192];
	static uint8_t in[8192], exp[8192], buf[8192 + HR];
	uint8_t p4 = p6 == PB_ICMPV6 ? PB_ICMP : p6;
	uint16_t x = (uint16_t)unit_rand(), y = (uint16_t)unit_rand();
	uint16_t t = (uint16_t)unit_rand();
	struct v6gw_xlat_pkt pkt;
	struct pb_ip h;
	uint32_t len, l4, l6, inlen, explen;

	len = nseg(p6, seg, y, x, n, 128);
	memcpy(seg4, seg, len);
	if (p6 == PB_ICMPV6) {
		pb_w16(seg + 4, x);
		seg4[0] = 8;
		pb_w16(seg4 + 4, t);
	} else {
		pb_w16(seg4, y);
		pb_w16(seg4 + 2, t);
	}
	pb_l4_csum(6, Y6, X6, p6, seg, len, PB_CS_FULL);
	pb_l4_csum(4, Y4, T4, p4, seg4, len, PB_CS_FULL);
	ip_init(&h, 6, Y6, X6, p6, 61);
	l6 = pb_build(&h, seg, len, inner6);
	ip_init(&h, 4, Y4, T4, p4, 61);
	h.df = 20 + len > 1260;
	l4 = pb_build(&h, seg4, len, inner4);
	ip_init(&h, 6, R6N, Y6, PB_ICMPV6, 50);
	inlen = build_icmp(&h, 1, 4, 0, inner6, l6, false, in);
	ip_init(&h, 4, T4, Y4, PB_ICMP, 49);
	h.id = 0x77;
	explen = build_icmp(&h, 3, 3, 0, inner4, l4, true, exp);

	memset(&pkt, 0, sizeof(pkt));
	memcpy(pkt.premap_dst, Y4, 4);
	memcpy(pkt.premap_src, T4, 4);
	pkt.premap = V6GW_PREMAP_DST | V6GW_PREMAP_SRC | V6GW_PREMAP_SRC_OK;
	memcpy(pkt.nat_in_src, Y4, 4);
	memcpy(pkt.nat_in_dst, T4, 4);
	pkt.nat_in_sport = p6 == PB_ICMPV6 ? t : y;
	pkt.nat_in_dport = t;
	pkt.ipv4_id = 0x77;
	unit_iter = i;
	if (CHECK_EQ(nrun(false, in, inlen, &pkt, buf, false), V6GW_XLAT_OK)) {
		CHECK_EQ(pkt.len, explen);
		CHECK_MEM(pkt.l3, exp, explen);
	}
}

static void t_xlat(void)
{
	static const uint8_t p6s[] = { PB_UDP, PB_TCP, PB_ICMPV6 };
	static const uint32_t sizes[] = { 0, 1, 7, 100, 1232, 1300, 3000 };
	int i = 0;
	unsigned int a, b;
	int k;

	for (k = 0; k < 20; k++) {
		nat_addrs();
		for (a = 0; a < 3; a++)
			for (b = 0; b < sizeof(sizes) / sizeof(sizes[0]); b++) {
				uint8_t p6 = p6s[a];
				uint8_t p4 = p6 == PB_ICMPV6 ? PB_ICMP : p6;

				nat64_one(p6, sizes[b], false, i++);
				nat64_one(p6, sizes[b], true, i++);
				nat46_one(p4, sizes[b], false, i++);
				nat46_one(p4, sizes[b], true, i++);
				err46_one(p4, sizes[b] % 600, i++);
				err64_one(p6, sizes[b] % 1100, i++);
			}
	}
	unit_iter = -1;
}

/* --- the allocator: spill-over, exhaustion ----------------------------- */
static uint8_t used[4][65536];

static bool busy_used(void *ctx, const uint8_t addr[4], uint16_t port)
{
	(void)ctx;
	return used[addr[3] & 3][port];
}

static void t_alloc(void)
{
	static struct v6gw_pool4_run runs[64];
	struct v6gw_pool4_entry e = { { 198, 18, 0, 0 }, 30, 1024, 2023 };
	struct v6gw_pool4_set set;
	uint32_t got = 0, first_addr_only = 0, i;
	uint8_t addr[4];
	uint16_t port;

	memset(used, 0, sizeof(used));
	v6gw_pool4_build(&set, runs, &e, 1, false);
	CHECK_EQ(v6gw_pool4_candidates(&set, 40000), 4000);
	/*
	 * One IPv6 host (one h_addr) asks for 3500 ports: its address has
	 * 1000, the rest spill over to the others (the bug the benchmark
	 * found: a full address made pool4 "full" with 3 addresses free).
	 */
	for (i = 0; i < 3500; i++) {
		if (!v6gw_pool4_alloc(&set, 40000, 7, (uint32_t)unit_rand(),
				      busy_used, NULL, addr, &port))
			break;
		CHECK(!used[addr[3] & 3][port]);
		CHECK(port >= 1024 && port <= 2023);
		used[addr[3] & 3][port] = 1;
		got++;
		if (i < 1000 && addr[3] == 3)	/* h_addr 7: run 3 of 4 */
			first_addr_only++;
	}
	CHECK_EQ(got, 3500);
	/* paired pooling: the host's first 1000 ports on its own address
	 * mostly (the start offset is random, the run is not) */
	CHECK(first_addr_only >= 900);
	/* the last 500: all found, then exhaustion is reported */
	for (i = 0; i < 500; i++)
		if (v6gw_pool4_alloc(&set, 40000, (uint32_t)unit_rand(),
				     (uint32_t)unit_rand(), busy_used, NULL,
				     addr, &port)) {
			CHECK(!used[addr[3] & 3][port]);
			used[addr[3] & 3][port] = 1;
			got++;
		}
	CHECK(got >= 3990);
	CHECK(!v6gw_pool4_alloc(&set, 40000, 1, 2, busy_used, NULL, addr,
				&port) || got < 4000);
	if (got == 4000)
		CHECK(!v6gw_pool4_alloc(&set, 40000, 3, 4, busy_used, NULL,
					addr, &port));
}

/* --- the expiry wheel's arithmetic ------------------------------------ */

/*
 * A simulation of the glue's GC with v6gw_wheel_sec(): sessions with
 * random lifetimes (many longer than the wheel's turn) refreshed at random,
 * the GC run at every whole second (jiffies in ms, HZ 1000), looking only
 * at the slot that came due. Every session must expire in the first GC
 * run at or after its deadline: never early, never more than 1 s late.
 * Seconds start close to the 32-bit wrap.
 */
#define W_SLOTS	16
#define W_N	300

struct wsess {
	uint64_t last, timeout;		/* ms */
	uint32_t slot;
	bool live;
	uint64_t expired_at;
};

static void t_wheel(void)
{
	static struct wsess w[W_N];
	uint64_t base = ((uint64_t)0xffffffffu - 40) * 1000, now;
	uint32_t gc_next, i, expired = 0;
	int sec;

	CHECK_EQ(v6gw_wheel_sec(9, 10, 16), 10);	/* past: the GC's next */
	CHECK_EQ(v6gw_wheel_sec(10, 10, 16), 11);	/* the second after */
	CHECK_EQ(v6gw_wheel_sec(100, 10, 16), 25);	/* a turn ahead at most */
	CHECK_EQ(v6gw_wheel_sec(0xffffffffu, 0xfffffff0u, 16), 0xffffffffu);
	CHECK_EQ(v6gw_wheel_sec(0xffffffffu, 0xfffffffau, 16), 0);
	CHECK_EQ(v6gw_wheel_sec(5, 0xfffffff0u, 16), 0xffffffffu);
	CHECK_EQ(v6gw_wheel_sec(0xfffffff0u, 3, 16), 3);

	gc_next = (uint32_t)(base / 1000);
	for (i = 0; i < W_N; i++) {
		w[i].last = base + unit_rand_below(1000);
		w[i].timeout = 1000 + unit_rand_below(60000);
		w[i].live = true;
		w[i].slot = v6gw_wheel_sec((uint32_t)((w[i].last + w[i].timeout) /
						       1000), gc_next, W_SLOTS) %
			    W_SLOTS;
	}
	for (sec = 1; sec < 200; sec++) {
		now = base + (uint64_t)sec * 1000;
		/* traffic: some sessions are refreshed (no wheel move) */
		for (i = 0; i < W_N; i++)
			if (w[i].live && w[i].last < now - 1000 &&
			    unit_rand_below(8) == 0 && sec < 100)
				w[i].last = now - unit_rand_below(1000);
		/* the GC: every second up to now, its slot only */
		while ((int32_t)(gc_next - (uint32_t)(now / 1000)) <= 0) {
			for (i = 0; i < W_N; i++) {
				uint64_t dl = w[i].last + w[i].timeout;

				if (!w[i].live || w[i].slot != gc_next % W_SLOTS)
					continue;
				if (now < dl) {
					w[i].slot = v6gw_wheel_sec(
						(uint32_t)(dl / 1000), gc_next,
						W_SLOTS) % W_SLOTS;
					continue;
				}
				w[i].live = false;
				w[i].expired_at = now;
				expired++;
			}
			gc_next++;
		}
	}
	CHECK_EQ(expired, W_N);
	for (i = 0; i < W_N; i++) {
		uint64_t dl = w[i].last + w[i].timeout;

		unit_iter = i;
		CHECK(w[i].expired_at >= dl);
		CHECK(w[i].expired_at <= dl + 1000);
	}
	unit_iter = -1;
}

void test_nat64(void);

void test_nat64(void)
{
	unit_seed(6146);
	t_tuples();
	t_pool4();
	t_alloc();
	t_wheel();
	t_xlat();
}
