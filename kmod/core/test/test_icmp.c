// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Unit tests for icmp.c: all 65536 type/code pairs both ways against rows
 * written from the text of RFC 7915 sections 4.2 and 5.2, both pointer maps
 * (RFC 7915 Figures 3 and 6) for every octet value and for large ICMPv6
 * pointers, the RFC 1191 plateaus at every boundary and the MTU arithmetic
 * at its edges and against a 64-bit reference.
 */
#include <stdio.h>
#include <string.h>

#include "icmp.h"
#include "unit.h"

#define ANY	-1	/* code range: every code; output code: copy input */

/* One RFC sentence: type/codes [lo, hi] -> out type/code, kind, param. */
struct icmp_row {
	int type, lo, hi;
	int otype, ocode;
	int kind, param, ptr;
};

#define KD V6GW_ICMP_DROP
#define KI V6GW_ICMP_INFO
#define KE V6GW_ICMP_ERROR
#define PC V6GW_ICMP_P_COPY
#define PZ V6GW_ICMP_P_ZERO
#define PM V6GW_ICMP_P_MTU
#define PP V6GW_ICMP_P_POINTER
#define PF V6GW_ICMP_P_FIXED_PTR

/*
 * RFC 7915 section 4.2, in the RFC's order. Anything not listed is
 * "silently drop": types 4, 5, 6, 9, 10, 13-18, IGMP, unknown types, 3/14,
 * 3/16+, 12/1, 12/3+.
 */
static const struct icmp_row rows46[] = {
	/* Echo and Echo Reply (Type 8 and Type 0): Adjust the Type values */
	{ 8, ANY, ANY, 128, ANY, KI, PC, 0 },
	{ 0, ANY, ANY, 129, ANY, KI, PC, 0 },
	/* Destination Unreachable (Type 3) */
	{ 3, 0, 1, 1, 0, KE, PZ, 0 },	/* net, host unreachable */
	{ 3, 2, 2, 4, 1, KE, PF, 6 },	/* protocol: pointer = Next Header */
	{ 3, 3, 3, 1, 4, KE, PZ, 0 },	/* port */
	{ 3, 4, 4, 2, 0, KE, PM, 0 },	/* fragmentation needed: PTB */
	{ 3, 5, 5, 1, 0, KE, PZ, 0 },	/* source route failed */
	{ 3, 6, 8, 1, 0, KE, PZ, 0 },
	{ 3, 9, 10, 1, 1, KE, PZ, 0 },	/* dest. host admin. prohibited */
	{ 3, 11, 12, 1, 0, KE, PZ, 0 },
	{ 3, 13, 13, 1, 1, KE, PZ, 0 },	/* communication admin. prohib. */
	/* Code 14 (Host Precedence Violation): Silently drop. */
	{ 3, 15, 15, 1, 1, KE, PZ, 0 },	/* precedence cutoff */
	/* Time Exceeded (Type 11): Set the Type to 3 ... Code is unchanged */
	{ 11, ANY, ANY, 3, ANY, KE, PZ, 0 },
	/* Parameter Problem (Type 12): codes 0 and 2 -> Code 0 + Figure 3 */
	{ 12, 0, 0, 4, 0, KE, PP, 0 },
	{ 12, 2, 2, 4, 0, KE, PP, 0 },
};

/*
 * RFC 7915 section 5.2. Not listed, so dropped: MLD 130-132, ND 133-137,
 * unknown informational types, 1/5+, 4/2+, unknown error types (0, 5-127).
 */
static const struct icmp_row rows64[] = {
	/* Echo Request and Echo Reply (Type 128 and 129) -> 8 and 0 */
	{ 128, ANY, ANY, 8, ANY, KI, PC, 0 },
	{ 129, ANY, ANY, 0, ANY, KI, PC, 0 },
	/* Destination Unreachable (Type 1): Set the Type to 3 */
	{ 1, 0, 0, 3, 1, KE, PZ, 0 },	/* no route -> host unreachable */
	{ 1, 1, 1, 3, 10, KE, PZ, 0 },	/* admin. prohibited */
	{ 1, 2, 2, 3, 1, KE, PZ, 0 },	/* beyond scope */
	{ 1, 3, 3, 3, 1, KE, PZ, 0 },	/* address unreachable */
	{ 1, 4, 4, 3, 3, KE, PZ, 0 },	/* port unreachable */
	/* Packet Too Big (Type 2): Type 3 with Code 4, MTU adjusted */
	{ 2, ANY, ANY, 3, 4, KE, PM, 0 },
	/* Time Exceeded (Type 3): Set the Type to 11 ... Code is unchanged */
	{ 3, ANY, ANY, 11, ANY, KE, PZ, 0 },
	/* Parameter Problem (Type 4) */
	{ 4, 0, 0, 12, 0, KE, PP, 0 },	/* Figure 6 pointer */
	{ 4, 1, 1, 3, 2, KE, PZ, 0 },	/* -> protocol unreachable */
};

static void expect(const struct icmp_row *rows, size_t n, int type, int code,
		   struct v6gw_icmp_xlat *x)
{
	size_t i;

	memset(x, 0, sizeof(*x));	/* not listed: drop, all zero */
	for (i = 0; i < n; i++) {
		const struct icmp_row *r = &rows[i];

		if (r->type != type)
			continue;
		if (r->lo != ANY && (code < r->lo || code > r->hi))
			continue;
		x->type = (uint8_t)r->otype;
		x->code = (uint8_t)(r->ocode == ANY ? code : r->ocode);
		x->kind = (uint8_t)r->kind;
		x->param = (uint8_t)r->param;
		x->fixed_ptr = (uint8_t)r->ptr;
		return;
	}
}

static void check_table(const char *name, const struct icmp_row *rows,
			size_t n,
			void (*fn)(uint8_t, uint8_t, struct v6gw_icmp_xlat *))
{
	unsigned long bad = 0, drop = 0, total = 0;
	struct v6gw_icmp_xlat got, want;
	int type, code;

	for (type = 0; type < 256; type++) {
		for (code = 0; code < 256; code++) {
			expect(rows, n, type, code, &want);
			memset(&got, 0xa5, sizeof(got)); /* all written? */
			fn((uint8_t)type, (uint8_t)code, &got);
			total++;
			drop += want.kind == KD;
			if (!memcmp(&got, &want, sizeof(got)))
				continue;
			if (++bad <= 10) {
				unit_iter = type << 8 | code;
				fprintf(stderr, "%s: type %d code %d:\n", name,
					type, code);
				CHECK_MEM(&got, &want, sizeof(got));
				unit_iter = -1;
			}
		}
	}
	CHECK_EQ(total, 65536);
	CHECK_EQ(bad, 0);
	/* sanity of the expectation rows themselves */
	CHECK(drop > 60000 && drop < 65536);
}

/* Direct spot checks, independent of the row tables. */
static void test_spots(void)
{
	struct v6gw_icmp_xlat x;

	v6gw_icmp_4to6(8, 0, &x);
	CHECK_EQ(x.type, 128);
	CHECK_EQ(x.code, 0);
	CHECK_EQ(x.kind, V6GW_ICMP_INFO);
	CHECK_EQ(x.param, V6GW_ICMP_P_COPY);
	v6gw_icmp_4to6(8, 7, &x);	/* code copied, RFC changes type only */
	CHECK_EQ(x.type, 128);
	CHECK_EQ(x.code, 7);
	v6gw_icmp_4to6(3, 2, &x);
	CHECK_EQ(x.type, 4);
	CHECK_EQ(x.code, 1);
	CHECK_EQ(x.param, V6GW_ICMP_P_FIXED_PTR);
	CHECK_EQ(x.fixed_ptr, 6);
	v6gw_icmp_4to6(3, 4, &x);
	CHECK_EQ(x.type, 2);
	CHECK_EQ(x.param, V6GW_ICMP_P_MTU);
	v6gw_icmp_4to6(3, 14, &x);
	CHECK_EQ(x.kind, V6GW_ICMP_DROP);
	v6gw_icmp_4to6(12, 1, &x);
	CHECK_EQ(x.kind, V6GW_ICMP_DROP);
	v6gw_icmp_4to6(11, 1, &x);
	CHECK_EQ(x.type, 3);
	CHECK_EQ(x.code, 1);
	CHECK_EQ(x.kind, V6GW_ICMP_ERROR);

	v6gw_icmp_6to4(129, 0, &x);
	CHECK_EQ(x.type, 0);
	CHECK_EQ(x.kind, V6GW_ICMP_INFO);
	v6gw_icmp_6to4(1, 1, &x);
	CHECK_EQ(x.type, 3);
	CHECK_EQ(x.code, 10);
	v6gw_icmp_6to4(1, 5, &x);
	CHECK_EQ(x.kind, V6GW_ICMP_DROP);
	v6gw_icmp_6to4(1, 6, &x);
	CHECK_EQ(x.kind, V6GW_ICMP_DROP);
	v6gw_icmp_6to4(2, 0, &x);
	CHECK_EQ(x.type, 3);
	CHECK_EQ(x.code, 4);
	CHECK_EQ(x.param, V6GW_ICMP_P_MTU);
	v6gw_icmp_6to4(4, 1, &x);
	CHECK_EQ(x.type, 3);
	CHECK_EQ(x.code, 2);
	CHECK_EQ(x.param, V6GW_ICMP_P_ZERO);
	v6gw_icmp_6to4(4, 2, &x);
	CHECK_EQ(x.kind, V6GW_ICMP_DROP);
	v6gw_icmp_6to4(135, 0, &x);	/* neighbor solicitation */
	CHECK_EQ(x.kind, V6GW_ICMP_DROP);
	v6gw_icmp_6to4(130, 0, &x);	/* MLD query */
	CHECK_EQ(x.kind, V6GW_ICMP_DROP);
}

/* RFC 7915 Figure 3; -1 is "n/a" or not listed */
static int want_ptr46(unsigned int p)
{
	if (p == 0 || p == 1)
		return (int)p;
	if (p == 2 || p == 3)
		return 4;
	if (p == 8)
		return 7;
	if (p == 9)
		return 6;
	if (p >= 12 && p <= 15)
		return 8;
	if (p >= 16 && p <= 19)
		return 24;
	return -1;
}

/* RFC 7915 Figure 6 */
static int want_ptr64(uint32_t p)
{
	if (p == 0 || p == 1)
		return (int)p;
	if (p == 4 || p == 5)
		return 2;
	if (p == 6)
		return 9;
	if (p == 7)
		return 8;
	if (p >= 8 && p <= 23)
		return 12;
	if (p >= 24 && p <= 39)
		return 16;
	return -1;
}

static void test_ptr(void)
{
	static const uint32_t big[] = {
		40, 41, 255, 256, 256 + 6, 0x100 + 24, 0x10000, 0x10009,
		0x1000000, 0x1000001, 0x7fffffff, 0x80000000, 0x80000006,
		0xfffffffe, 0xffffffff,
	};
	unsigned int p, ok46 = 0, ok64 = 0;
	uint8_t out;
	bool ok;
	size_t i;

	for (p = 0; p < 256; p++) {
		unit_iter = p;
		out = 0xee;
		ok = v6gw_icmp_ptr_4to6((uint8_t)p, &out);
		CHECK_EQ(ok, want_ptr46(p) >= 0);
		CHECK_EQ(out, ok ? want_ptr46(p) : 0xee);
		ok46 += ok;

		out = 0xee;
		ok = v6gw_icmp_ptr_6to4(p, &out);
		CHECK_EQ(ok, want_ptr64(p) >= 0);
		CHECK_EQ(out, ok ? want_ptr64(p) : 0xee);
		ok64 += ok;
	}
	unit_iter = -1;
	/* 0,1,2,3,8,9,12-19 and 0,1,4-39 */
	CHECK_EQ(ok46, 14);
	CHECK_EQ(ok64, 38);

	for (i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
		unit_iter = (long)i;
		out = 0xee;
		CHECK(!v6gw_icmp_ptr_6to4(big[i], &out));
		CHECK_EQ(out, 0xee);
	}
	unit_iter = -1;

	/* Figure 3 then Figure 6 returns to the start of the same field */
	for (p = 0; p < 20; p++) {
		uint8_t p6, p4;

		if (!v6gw_icmp_ptr_4to6((uint8_t)p, &p6))
			continue;
		unit_iter = p;
		CHECK(v6gw_icmp_ptr_6to4(p6, &p4));
		CHECK(p4 <= p);
	}
	unit_iter = -1;
}

/* RFC 1191 Table 7-1, written out as conditions */
static unsigned int want_plateau(unsigned int len)
{
	if (len > 32000)
		return 32000;
	if (len > 17914)
		return 17914;
	if (len > 8166)
		return 8166;
	if (len > 4352)
		return 4352;
	if (len > 2002)
		return 2002;
	if (len > 1492)
		return 1492;
	if (len > 1006)
		return 1006;
	if (len > 508)
		return 508;
	if (len > 296)
		return 296;
	if (len > 68)
		return 68;
	return 0;
}

static void test_plateau(void)
{
	static const uint16_t table[] = {
		65535, 32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296,
		68,
	};
	unsigned long bad = 0;
	unsigned int len;
	size_t i;

	CHECK_EQ(v6gw_icmp_rfc1191_plateau(0), 0);
	CHECK_EQ(v6gw_icmp_rfc1191_plateau(1), 0);
	CHECK_EQ(v6gw_icmp_rfc1191_plateau(68), 0);
	CHECK_EQ(v6gw_icmp_rfc1191_plateau(69), 68);
	CHECK_EQ(v6gw_icmp_rfc1191_plateau(576), 508);
	CHECK_EQ(v6gw_icmp_rfc1191_plateau(1280), 1006);
	CHECK_EQ(v6gw_icmp_rfc1191_plateau(1500), 1492);
	CHECK_EQ(v6gw_icmp_rfc1191_plateau(9000), 8166);
	CHECK_EQ(v6gw_icmp_rfc1191_plateau(65535), 32000);

	/* strictly less: on a plateau gives the next, one above gives it */
	for (i = 1; i < sizeof(table) / sizeof(table[0]); i++) {
		unit_iter = (long)i;
		CHECK_EQ(v6gw_icmp_rfc1191_plateau(table[i]),
			 i + 1 < sizeof(table) / sizeof(table[0]) ?
			 table[i + 1] : 0);
		CHECK_EQ(v6gw_icmp_rfc1191_plateau((uint16_t)(table[i] + 1)),
			 table[i]);
		CHECK_EQ(v6gw_icmp_rfc1191_plateau((uint16_t)(table[i] - 1)),
			 i + 1 < sizeof(table) / sizeof(table[0]) ?
			 table[i + 1] : 0);
	}
	unit_iter = -1;

	for (len = 0; len <= 0xffff; len++)
		if (v6gw_icmp_rfc1191_plateau((uint16_t)len) !=
		    want_plateau(len) && ++bad <= 5) {
			unit_iter = len;
			CHECK_EQ(v6gw_icmp_rfc1191_plateau((uint16_t)len),
				 want_plateau(len));
			unit_iter = -1;
		}
	CHECK_EQ(bad, 0);
}

static uint64_t min64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* RFC 7915 section 4.2 Code 4 and section 6, in 64 bits */
static uint64_t ref_mtu46(uint16_t field, uint16_t tot, uint32_t out6,
			  uint32_t in4)
{
	uint64_t est = field ? field : want_plateau(tot);
	uint64_t m = min64(min64(est + 20, out6), (uint64_t)in4 + 20);

	return m < 1280 ? 1280 : m;
}

/* RFC 7915 section 5.2 Packet Too Big, in signed 64 bits */
static uint64_t ref_mtu64(uint32_t field, uint32_t out4, uint32_t in6)
{
	int64_t m = (int64_t)field - 20;

	if ((int64_t)out4 < m)
		m = out4;
	if ((int64_t)in6 - 20 < m)
		m = (int64_t)in6 - 20;
	if (m < 68)
		m = 68;
	if (m > 65535)
		m = 65535;
	return (uint64_t)m;
}

static uint32_t edge32(void)
{
	static const uint32_t v[] = {
		0, 1, 19, 20, 21, 67, 68, 69, 88, 89, 576, 1006, 1260, 1261,
		1279, 1280, 1281, 1300, 1492, 1500, 9000, 65515, 65534,
		65535, 65536, 65555, 65556, 0x7fffffff, 0xffffffeb,
		0xffffffec, 0xffffffed, 0xfffffffe, 0xffffffff,
	};

	if (unit_rand_below(3))
		return v[unit_rand_below(sizeof(v) / sizeof(v[0]))];
	return (uint32_t)unit_rand();
}

static void test_mtu46(void)
{
	const uint32_t inf = 0xffffffff;
	int i;

	/* the three terms, each the smallest in turn */
	CHECK_EQ(v6gw_icmp_mtu_4to6(1400, 1500, 1500, 1500), 1420);
	CHECK_EQ(v6gw_icmp_mtu_4to6(1500, 1500, 1500, 9000), 1500);
	CHECK_EQ(v6gw_icmp_mtu_4to6(9000, 9000, 9000, 1400), 1420);
	CHECK_EQ(v6gw_icmp_mtu_4to6(1480, 1500, inf, inf), 1500);
	/* field 0: pre-RFC 1191 router, plateau below the Total Length */
	CHECK_EQ(v6gw_icmp_mtu_4to6(0, 1500, inf, inf), 1512);
	CHECK_EQ(v6gw_icmp_mtu_4to6(0, 1493, inf, inf), 1512);
	CHECK_EQ(v6gw_icmp_mtu_4to6(0, 1492, inf, inf), 1280);
	CHECK_EQ(v6gw_icmp_mtu_4to6(0, 9000, inf, inf), 8186);
	CHECK_EQ(v6gw_icmp_mtu_4to6(0, 9000, 1500, inf), 1500);
	CHECK_EQ(v6gw_icmp_mtu_4to6(0, 9000, inf, 2000), 2020);
	CHECK_EQ(v6gw_icmp_mtu_4to6(0, 65535, inf, inf), 32020);
	CHECK_EQ(v6gw_icmp_mtu_4to6(0, 0, inf, inf), 1280);
	CHECK_EQ(v6gw_icmp_mtu_4to6(0, 68, inf, inf), 1280);
	CHECK_EQ(v6gw_icmp_mtu_4to6(0, 1400, inf, inf), 1280);
	/* 1280 floor (RFC 7915 section 6) */
	CHECK_EQ(v6gw_icmp_mtu_4to6(68, 100, inf, inf), 1280);
	CHECK_EQ(v6gw_icmp_mtu_4to6(576, 1500, 1500, 1500), 1280);
	CHECK_EQ(v6gw_icmp_mtu_4to6(1259, 1500, inf, inf), 1280);
	CHECK_EQ(v6gw_icmp_mtu_4to6(1260, 1500, inf, inf), 1280);
	CHECK_EQ(v6gw_icmp_mtu_4to6(1261, 1500, inf, inf), 1281);
	CHECK_EQ(v6gw_icmp_mtu_4to6(1400, 1500, 1280, inf), 1280);
	CHECK_EQ(v6gw_icmp_mtu_4to6(1400, 1500, 1281, inf), 1281);
	CHECK_EQ(v6gw_icmp_mtu_4to6(1400, 1500, inf, 1261), 1281);
	CHECK_EQ(v6gw_icmp_mtu_4to6(1400, 1500, 0, inf), 1280);
	CHECK_EQ(v6gw_icmp_mtu_4to6(1400, 1500, 10, 9000), 1280);
	CHECK_EQ(v6gw_icmp_mtu_4to6(1400, 1500, 20, 9000), 1280);
	CHECK_EQ(v6gw_icmp_mtu_4to6(1400, 1500, inf, 0), 1280);
	/* top end: no wrap of mtu4_in + 20 */
	CHECK_EQ(v6gw_icmp_mtu_4to6(65535, 65535, inf, inf), 65555);
	CHECK_EQ(v6gw_icmp_mtu_4to6(1400, 1500, inf, 0xffffffec), 1420);
	CHECK_EQ(v6gw_icmp_mtu_4to6(1400, 1500, inf, 0xffffffed), 1420);
	CHECK_EQ(v6gw_icmp_mtu_4to6(65535, 0, 65554, 65534), 65554);

	unit_seed(0x1c3f);
	for (i = 0; i < 200000; i++) {
		uint16_t field = unit_rand_below(4) ? (uint16_t)edge32() : 0;
		uint16_t tot = (uint16_t)edge32();
		uint32_t out6 = edge32(), in4 = edge32();

		if (v6gw_icmp_mtu_4to6(field, tot, out6, in4) ==
		    ref_mtu46(field, tot, out6, in4))
			continue;
		unit_iter = i;
		CHECK_EQ(v6gw_icmp_mtu_4to6(field, tot, out6, in4),
			 ref_mtu46(field, tot, out6, in4));
		unit_iter = -1;
		break;
	}
	CHECK_EQ(i, 200000);
}

static void test_mtu64(void)
{
	const uint32_t inf = 0xffffffff;
	int i;

	CHECK_EQ(v6gw_icmp_mtu_6to4(1500, 1500, 1500), 1480);
	CHECK_EQ(v6gw_icmp_mtu_6to4(1280, inf, inf), 1260);
	CHECK_EQ(v6gw_icmp_mtu_6to4(1500, 1400, inf), 1400);
	CHECK_EQ(v6gw_icmp_mtu_6to4(9000, inf, 1500), 1480);
	CHECK_EQ(v6gw_icmp_mtu_6to4(9000, 9000, 9000), 8980);
	/* 68 floor, underflow guard */
	CHECK_EQ(v6gw_icmp_mtu_6to4(0, inf, inf), 68);
	CHECK_EQ(v6gw_icmp_mtu_6to4(19, inf, inf), 68);
	CHECK_EQ(v6gw_icmp_mtu_6to4(20, inf, inf), 68);
	CHECK_EQ(v6gw_icmp_mtu_6to4(21, inf, inf), 68);
	CHECK_EQ(v6gw_icmp_mtu_6to4(88, inf, inf), 68);
	CHECK_EQ(v6gw_icmp_mtu_6to4(89, inf, inf), 69);
	CHECK_EQ(v6gw_icmp_mtu_6to4(1500, 0, inf), 68);
	CHECK_EQ(v6gw_icmp_mtu_6to4(1500, 67, inf), 68);
	CHECK_EQ(v6gw_icmp_mtu_6to4(1500, 68, inf), 68);
	CHECK_EQ(v6gw_icmp_mtu_6to4(1500, 69, inf), 69);
	CHECK_EQ(v6gw_icmp_mtu_6to4(1500, inf, 0), 68);
	CHECK_EQ(v6gw_icmp_mtu_6to4(1500, inf, 10), 68);
	CHECK_EQ(v6gw_icmp_mtu_6to4(1500, inf, 89), 69);
	/* 16-bit clamp */
	CHECK_EQ(v6gw_icmp_mtu_6to4(inf, inf, inf), 65535);
	CHECK_EQ(v6gw_icmp_mtu_6to4(65554, inf, inf), 65534);
	CHECK_EQ(v6gw_icmp_mtu_6to4(65555, inf, inf), 65535);
	CHECK_EQ(v6gw_icmp_mtu_6to4(65556, inf, inf), 65535);
	CHECK_EQ(v6gw_icmp_mtu_6to4(0x10014 + 0x10000, inf, inf), 65535);
	CHECK_EQ(v6gw_icmp_mtu_6to4(inf, 65536, inf), 65535);
	CHECK_EQ(v6gw_icmp_mtu_6to4(inf, inf, 65556), 65535);
	CHECK_EQ(v6gw_icmp_mtu_6to4(inf, inf, 65554), 65534);

	unit_seed(0x6f4);
	for (i = 0; i < 200000; i++) {
		uint32_t field = edge32(), out4 = edge32(), in6 = edge32();

		if (v6gw_icmp_mtu_6to4(field, out4, in6) ==
		    ref_mtu64(field, out4, in6))
			continue;
		unit_iter = i;
		CHECK_EQ(v6gw_icmp_mtu_6to4(field, out4, in6),
			 ref_mtu64(field, out4, in6));
		unit_iter = -1;
		break;
	}
	CHECK_EQ(i, 200000);
}

void test_icmp(void)
{
	check_table("4to6", rows46, sizeof(rows46) / sizeof(rows46[0]),
		    v6gw_icmp_4to6);
	check_table("6to4", rows64, sizeof(rows64) / sizeof(rows64[0]),
		    v6gw_icmp_6to4);
	test_spots();
	test_ptr();
	test_plateau();
	test_mtu46();
	test_mtu64();
}
