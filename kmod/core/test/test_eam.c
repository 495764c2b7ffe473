// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Unit tests for prefix4.c and eam.c: the RFC 7757 examples, validation,
 * duplicate detection with the offending index, random tables compared with
 * a bit-by-bit linear-scan reference in both directions, round trips, the
 * read-back accessors, and a timed 100 000-entry table.
 */
#include "eam_fx.h"

/* ---- RFC 7757 examples ---- */

static void test_rfc7757_examples(void)
{
	/* RFC 7757 section 3.4 (the table and translations Jool tests too) */
	static const struct {
		const char *a4;
		uint8_t l4;
		const char *a6;
		uint8_t l6;
	} table[] = {
		{ "192.0.2.1", 32, "2001:db8:aaaa::", 128 },
		{ "192.0.2.2", 32, "2001:db8:bbbb::b", 128 },
		{ "192.0.2.16", 28, "2001:db8:cccc::", 124 },
		{ "192.0.2.128", 26, "2001:db8:dddd::", 64 },
		{ "192.0.2.192", 29, "2001:db8:eeee:8::", 62 },
		{ "192.0.2.224", 31, "64:ff9b::", 127 },
	};
	static const struct {
		const char *v4, *v6;
	} xlat[] = {
		{ "192.0.2.1", "2001:db8:aaaa::" },
		{ "192.0.2.2", "2001:db8:bbbb::b" },
		{ "192.0.2.16", "2001:db8:cccc::" },
		{ "192.0.2.24", "2001:db8:cccc::8" },
		{ "192.0.2.31", "2001:db8:cccc::f" },
		{ "192.0.2.128", "2001:db8:dddd::" },
		{ "192.0.2.152", "2001:db8:dddd:0:6000::" },
		{ "192.0.2.183", "2001:db8:dddd:0:dc00::" },
		{ "192.0.2.191", "2001:db8:dddd:0:fc00::" },
		{ "192.0.2.193", "2001:db8:eeee:8:8000::" },
		{ "192.0.2.195", "2001:db8:eeee:9:8000::" },
		{ "192.0.2.199", "2001:db8:eeee:b:8000::" },
		{ "192.0.2.224", "64:ff9b::" },
		{ "192.0.2.225", "64:ff9b::1" },
	};
	static const char *const miss4[] = {
		"192.0.2.0", "192.0.2.3", "192.0.2.15", "192.0.2.32",
		"192.0.2.127", "192.0.2.200", "192.0.2.226", "198.51.100.1",
	};
	static const char *const miss6[] = {
		"2001:db8:aaaa::1", "2001:db8:bbbb::a", "2001:db8:cccc::10",
		"2001:db8:dddd:1::", "2001:db8:eeee:c::", "64:ff9b::2",
		"64:ff9b::192.0.2.1", "::",
	};
	struct v6gw_eam e[6];
	struct v6gw_eam_table *t;
	uint8_t v4[4], v6[16], want4[4], want6[16];
	uint32_t conflict = 12345;
	int err;
	size_t i;

	for (i = 0; i < 6; i++) {
		eam(&e[i], table[i].a4, table[i].l4, table[i].a6, table[i].l6);
		CHECK_STR(v6gw_eam_invalid(&e[i]), NULL);
	}
	t = eam_build(e, 6, &err, &conflict);
	CHECK_EQ(err, 0);
	CHECK_EQ(conflict, 12345);	/* untouched on success */
	if (!t)
		return;
	CHECK_EQ(v6gw_eam_table_count(t), 6);

	for (i = 0; i < sizeof(xlat) / sizeof(xlat[0]); i++) {
		unit_iter = (long)i;
		pton4(xlat[i].v4, want4);
		pton6(xlat[i].v6, want6);
		CHECK(v6gw_eam_4to6(t, want4, v6));
		CHECK_MEM(v6, want6, 16);
		CHECK(v6gw_eam_6to4(t, want6, v4));
		CHECK_MEM(v4, want4, 4);
	}
	unit_iter = -1;

	/* IPv6 bits beyond the mapped suffix are ignored (many to one) */
	pton6("2001:db8:dddd:0:6000:beef::", v6);
	CHECK(v6gw_eam_6to4(t, v6, v4));
	pton4("192.0.2.152", want4);
	CHECK_MEM(v4, want4, 4);
	pton6("2001:db8:dddd:0:63ff:ffff:ffff:ffff", v6);
	CHECK(v6gw_eam_6to4(t, v6, v4));
	CHECK_MEM(v4, want4, 4);
	pton6("2001:db8:eeee:b:ffff:ffff:ffff:ffff", v6);
	CHECK(v6gw_eam_6to4(t, v6, v4));
	pton4("192.0.2.199", want4);
	CHECK_MEM(v4, want4, 4);

	for (i = 0; i < sizeof(miss4) / sizeof(miss4[0]); i++) {
		unit_iter = (long)i;
		pton4(miss4[i], v4);
		memset(v6, 0xa5, 16);
		CHECK(!v6gw_eam_4to6(t, v4, v6));
		CHECK_EQ(v6[0] & v6[15], 0xa5);	/* not written */
	}
	for (i = 0; i < sizeof(miss6) / sizeof(miss6[0]); i++) {
		unit_iter = (long)i;
		pton6(miss6[i], v6);
		memset(v4, 0xa5, 4);
		CHECK(!v6gw_eam_6to4(t, v6, v4));
		CHECK_EQ(v4[0] & v4[3], 0xa5);
	}
	unit_iter = -1;
	free(t);
}

/*
 * Overlapping entries: the longest prefix wins in each direction, so the
 * two directions need not be inverse (RFC 7757 section 4 discusses this).
 */
static void test_overlap(void)
{
	struct v6gw_eam e[3];
	struct v6gw_eam_table *t;
	uint8_t v4[4], v6[16], want[16];
	int err;

	eam(&e[0], "0.0.0.0", 0, "2001:db8:ff00::", 40);
	eam(&e[1], "198.51.100.64", 32, "2001:db8::abcd", 128);
	eam(&e[2], "198.51.100.0", 24, "2001:db8:1::", 104);
	t = eam_build(e, 3, &err, NULL);
	CHECK_EQ(err, 0);
	if (!t)
		return;

	pton6("2001:db8:ffc6:3364:4000::", v6);
	CHECK(v6gw_eam_6to4(t, v6, v4));
	pton4("198.51.100.64", want);
	CHECK_MEM(v4, want, 4);
	CHECK(v6gw_eam_4to6(t, v4, v6));
	pton6("2001:db8::abcd", want);
	CHECK_MEM(v6, want, 16);

	pton4("198.51.100.65", v4);
	CHECK(v6gw_eam_4to6(t, v4, v6));
	pton6("2001:db8:1::41:0", want);	/* right after the /104 */
	CHECK_MEM(v6, want, 16);

	pton4("203.0.113.7", v4);
	CHECK(v6gw_eam_4to6(t, v4, v6));
	pton6("2001:db8:ffcb:71:700::", want);
	CHECK_MEM(v6, want, 16);

	pton6("2001:db8:ff00::", v6);		/* 0.0.0.0 */
	CHECK(v6gw_eam_6to4(t, v6, v4));
	CHECK_EQ(v4[0] | v4[1] | v4[2] | v4[3], 0);
	pton6("2001:db9::", v6);
	CHECK(!v6gw_eam_6to4(t, v6, v4));
	free(t);

	/* ::/0 <-> 0.0.0.0/0 takes everything: v6 = 96 zero bits + v4 */
	eam(&e[0], "0.0.0.0", 0, "::", 0);
	t = eam_build(e, 1, &err, NULL);
	CHECK_EQ(err, 0);
	if (!t)
		return;
	pton4("255.1.2.3", v4);
	CHECK(v6gw_eam_4to6(t, v4, v6));
	pton6("ff01:203::", want);
	CHECK_MEM(v6, want, 16);
	pton6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", v6);
	CHECK(v6gw_eam_6to4(t, v6, v4));
	CHECK_EQ(v6gw_get_be32(v4), 0xffffffffU);
	free(t);
}

/* ---- validation and build errors ---- */

static void test_validation(void)
{
	struct v6gw_prefix4 p;
	struct v6gw_eam e;
	unsigned int len, b;
	uint32_t conflict;
	uint8_t mem[512] __attribute__((aligned(8)));

	for (len = 0; len <= 255; len++) {
		unit_iter = (long)len;
		memset(&p, 0, sizeof(p));
		p.len = (uint8_t)len;
		CHECK_STR(v6gw_prefix4_invalid(&p), len <= 32 ? NULL : MSG4_LEN);
		memset(&e, 0, sizeof(e));
		e.p6.len = (uint8_t)len;
		e.p4.len = 32;
		CHECK_STR(v6gw_eam_invalid(&e), len <= 128 ? NULL : MSG6_LEN);
	}
	for (len = 0; len <= 32; len++) {
		unit_iter = (long)len;
		for (b = 0; b < 32; b++) {
			memset(&p, 0, sizeof(p));
			p.len = (uint8_t)len;
			set_bit(p.addr, b, true);
			CHECK_STR(v6gw_prefix4_invalid(&p),
				  b < len ? NULL : MSG4_HOST);
			CHECK_EQ(v6gw_prefix4_contains(&p, p.addr), true);
		}
	}
	for (len = 0; len <= 128; len += 1) {
		unit_iter = (long)len;
		for (b = 0; b < 128; b++) {
			memset(&e, 0, sizeof(e));
			e.p6.len = (uint8_t)len;
			e.p4.len = 32;
			set_bit(e.p6.addr, b, true);
			CHECK_STR(v6gw_eam_invalid(&e),
				  b < len ? NULL : MSG6_HOST);
		}
	}
	/* suffix lengths: 128 - len6 >= 32 - len4 */
	for (len = 0; len <= 32; len++) {
		unsigned int l6;

		unit_iter = (long)len;
		for (l6 = 0; l6 <= 128; l6++) {
			memset(&e, 0, sizeof(e));
			e.p4.len = (uint8_t)len;
			e.p6.len = (uint8_t)l6;
			CHECK_STR(v6gw_eam_invalid(&e),
				  128 - l6 >= 32 - len ? NULL : MSG_SUFFIX);
		}
	}
	unit_iter = -1;
	/* the IPv6 check comes first, then IPv4, then the suffixes */
	eam(&e, "192.0.2.1", 24, "2001:db8::1", 64);
	CHECK_STR(v6gw_eam_invalid(&e), MSG6_HOST);
	eam(&e, "192.0.2.1", 24, "2001:db8::", 121);
	CHECK_STR(v6gw_eam_invalid(&e), MSG4_HOST);
	eam(&e, "192.0.2.0", 24, "2001:db8::", 121);
	CHECK_STR(v6gw_eam_invalid(&e), MSG_SUFFIX);
	eam(&e, "192.0.2.0", 24, "2001:db8::", 120);
	CHECK_STR(v6gw_eam_invalid(&e), NULL);

	/* v6gw_prefix4_contains() */
	memset(&p, 0, sizeof(p));
	pton4("10.0.0.0", p.addr);
	p.len = 8;
	pton4("10.255.1.2", mem);
	CHECK(v6gw_prefix4_contains(&p, mem));
	pton4("11.0.0.0", mem);
	CHECK(!v6gw_prefix4_contains(&p, mem));
	p.len = 0;
	CHECK(v6gw_prefix4_contains(&p, mem));
	p.len = 33;
	CHECK(!v6gw_prefix4_contains(&p, p.addr));

	/* build errors */
	{
		struct v6gw_eam es[4];
		size_t need;

		eam(&es[0], "192.0.2.1", 32, "2001:db8::1", 128);
		eam(&es[1], "192.0.2.2", 32, "2001:db8::2", 128);
		eam(&es[2], "192.0.2.0", 24, "2001:db8::", 121);  /* invalid */
		eam(&es[3], "192.0.2.3", 33, "2001:db8::3", 128); /* invalid */
		need = v6gw_eam_table_size(4);
		CHECK(need <= sizeof(mem));
		conflict = 99;
		CHECK_EQ(v6gw_eam_table_build(mem, sizeof(mem), es, 4, &conflict),
			 V6GW_TABLE_ERR_INVALID);
		CHECK_EQ(conflict, 2);
		CHECK_EQ(v6gw_eam_table_build(mem, need - 1, es, 2, &conflict),
			 0);	/* 2 entries need less than 4 */
		CHECK_EQ(v6gw_eam_table_build(mem, v6gw_eam_table_size(2) - 1,
					      es, 2, &conflict),
			 V6GW_TABLE_ERR_SPACE);
		CHECK_EQ(v6gw_eam_table_build(mem + 4, sizeof(mem) - 4, es, 2,
					      &conflict),
			 V6GW_TABLE_ERR_SPACE);
		CHECK_EQ(v6gw_eam_table_build(mem, sizeof(mem), es, 2, NULL), 0);
		CHECK_EQ(v6gw_eam_table_count((void *)mem), 2);
		CHECK_EQ(v6gw_eam_table_build(mem, sizeof(mem), NULL, 0, NULL),
			 0);
		CHECK_EQ(v6gw_eam_table_count((void *)mem), 0);
		CHECK(!v6gw_eam_4to6((void *)mem, es[0].p4.addr, es[0].p6.addr));
		CHECK(!v6gw_eam_6to4((void *)mem, es[0].p6.addr, es[0].p4.addr));
		CHECK(!v6gw_eam_table_entry((void *)mem, 0));
		CHECK(!v6gw_eam_table_find4((void *)mem, &es[0].p4, NULL));
		CHECK(!v6gw_eam_table_find6((void *)mem, &es[0].p6, NULL));
	}
	CHECK_EQ(v6gw_eam_table_size(V6GW_TABLE_MAX + 1), 0);
	CHECK_EQ(v6gw_prefix4_set_size(V6GW_TABLE_MAX + 1), 0);
	CHECK(v6gw_eam_table_size(V6GW_TABLE_MAX) > 0);
	CHECK_EQ(v6gw_eam_table_build(mem, sizeof(mem), NULL,
				      V6GW_TABLE_MAX + 1, NULL),
		 V6GW_TABLE_ERR_SPACE);
	CHECK_STR(v6gw_table_strerror(V6GW_TABLE_ERR_DUP4),
		  "another entry has the same IPv4 prefix");
	CHECK_STR(v6gw_table_strerror(V6GW_TABLE_ERR_DUP6),
		  "another entry has the same IPv6 prefix");
	CHECK(v6gw_table_strerror(V6GW_TABLE_ERR_INVALID) != NULL);
	CHECK(v6gw_table_strerror(V6GW_TABLE_ERR_SPACE) != NULL);
	CHECK(v6gw_table_strerror(0) != NULL);
}

static void test_conflicts(void)
{
	struct v6gw_eam e[8];
	uint32_t conflict;
	int err;
	void *t;

	/* same IPv4 prefix at 1 and 3 */
	eam(&e[0], "192.0.2.1", 32, "2001:db8::1", 128);
	eam(&e[1], "192.0.2.2", 32, "2001:db8::2", 128);
	eam(&e[2], "10.0.0.0", 8, "2001:db8:1::", 104);
	eam(&e[3], "192.0.2.2", 32, "2001:db8::3", 128);
	t = eam_build(e, 4, &err, &conflict);
	CHECK_EQ(err, V6GW_TABLE_ERR_DUP4);
	CHECK_EQ(conflict, 3);
	free(t);

	/* same address, different length: fine */
	eam(&e[3], "192.0.2.2", 31, "2001:db8::2", 127);
	t = eam_build(e, 4, &err, &conflict);
	CHECK_EQ(err, 0);
	free(t);

	/* same IPv6 prefix at 0 and 2; the IPv4 order is the reverse */
	eam(&e[0], "192.0.2.9", 32, "2001:db8::9", 128);
	eam(&e[1], "192.0.2.5", 32, "2001:db8::5", 128);
	eam(&e[2], "192.0.2.1", 32, "2001:db8::9", 128);
	t = eam_build(e, 3, &err, &conflict);
	CHECK_EQ(err, V6GW_TABLE_ERR_DUP6);
	CHECK_EQ(conflict, 2);
	free(t);

	/* IPv4 duplicates are reported before IPv6 ones */
	eam(&e[3], "192.0.2.5", 32, "2001:db8::7", 128);
	t = eam_build(e, 4, &err, &conflict);
	CHECK_EQ(err, V6GW_TABLE_ERR_DUP4);
	CHECK_EQ(conflict, 3);
	free(t);

	/* several runs: the smallest index repeating an earlier one wins */
	eam(&e[0], "10.0.0.0", 8, "2001:db8:a::", 104);
	eam(&e[1], "192.0.2.0", 24, "2001:db8:b::", 104);
	eam(&e[2], "10.0.0.0", 16, "2001:db8:c::", 104);
	eam(&e[3], "203.0.113.0", 24, "2001:db8:d::", 104);
	eam(&e[4], "192.0.2.0", 24, "2001:db8:e::", 104);
	eam(&e[5], "10.0.0.0", 8, "2001:db8:f::", 104);
	eam(&e[6], "192.0.2.0", 24, "2001:db8:1::", 104);
	eam(&e[7], "10.0.0.0", 8, "2001:db8:2::", 104);
	t = eam_build(e, 8, &err, &conflict);
	CHECK_EQ(err, V6GW_TABLE_ERR_DUP4);
	CHECK_EQ(conflict, 4);
	free(t);
	/* the same for IPv6, IPv4 prefixes all distinct and shuffled */
	eam(&e[0], "10.0.0.7", 32, "2001:db8::a", 128);
	eam(&e[1], "10.0.0.6", 32, "2001:db8::b", 128);
	eam(&e[2], "10.0.0.5", 32, "2001:db8::c", 128);
	eam(&e[3], "10.0.0.4", 32, "2001:db8::d", 128);
	eam(&e[4], "10.0.0.3", 32, "2001:db8::b", 128);
	eam(&e[5], "10.0.0.2", 32, "2001:db8::a", 128);
	eam(&e[6], "10.0.0.1", 32, "2001:db8::b", 128);
	eam(&e[7], "10.0.0.0", 32, "2001:db8::a", 128);
	t = eam_build(e, 8, &err, &conflict);
	CHECK_EQ(err, V6GW_TABLE_ERR_DUP6);
	CHECK_EQ(conflict, 4);
	free(t);
}

static void check_lookups(const struct v6gw_eam_table *t,
			  const struct v6gw_eam *e, uint32_t n,
			  unsigned int lookups, unsigned long *hits,
			  unsigned long *trips)
{
	uint8_t v4[4], v6[16], got4[4], got6[16], want4[4], want6[16];
	unsigned int l;
	long r, r6;

	for (l = 0; l < lookups; l++) {
		addr_near4(e, n, v4);
		r = ref_lpm4(e, n, v4);
		memset(got6, 0, 16);
		if (!CHECK_EQ(v6gw_eam_4to6(t, v4, got6), r >= 0))
			continue;
		if (r >= 0) {
			(*hits)++;
			ref_4to6(&e[r], v4, want6);
			CHECK_MEM(got6, want6, 16);
			/* round trip when the reverse picks the same entry */
			r6 = ref_lpm6(e, n, got6);
			CHECK(r6 >= 0);
			if (r6 == r) {
				(*trips)++;
				CHECK(v6gw_eam_6to4(t, got6, got4));
				CHECK_MEM(got4, v4, 4);
			}
		}

		addr_near6(e, n, v6);
		r = ref_lpm6(e, n, v6);
		memset(got4, 0, 4);
		if (!CHECK_EQ(v6gw_eam_6to4(t, v6, got4), r >= 0))
			continue;
		if (r >= 0) {
			(*hits)++;
			ref_6to4(&e[r], v6, want4);
			CHECK_MEM(got4, want4, 4);
		}
	}
}

static void check_readback(const struct v6gw_eam_table *t,
			   const struct v6gw_eam *e, uint32_t n)
{
	const struct v6gw_eam *x, *prev = NULL;
	uint32_t i, j, idx;
	bool seen;

	CHECK_EQ(v6gw_eam_table_count(t), n);
	CHECK(!v6gw_eam_table_entry(t, n));
	for (i = 0; i < n; i++) {
		x = v6gw_eam_table_entry(t, i);
		if (!CHECK(x))
			return;
		/* sorted by IPv4 prefix */
		if (prev) {
			uint32_t a = v6gw_get_be32(prev->p4.addr);
			uint32_t b = v6gw_get_be32(x->p4.addr);

			CHECK(a < b || (a == b && prev->p4.len < x->p4.len));
		}
		prev = x;
		seen = false;
		for (j = 0; j < n && !seen; j++)
			seen = !memcmp(&e[j], x, sizeof(*x));
		CHECK(seen);
		CHECK(v6gw_eam_table_find4(t, &x->p4, &idx));
		CHECK_EQ(idx, i);
		CHECK(v6gw_eam_table_find6(t, &x->p6, &idx));
		CHECK_EQ(idx, i);
	}
}

static void test_random(void)
{
	static struct v6gw_eam e[700];
	unsigned long hits = 0, trips = 0, lookups = 0, built = 0;
	struct v6gw_prefix4 p4;
	struct v6gw_prefix6 p6;
	long round;

	unit_seed(7757);
	for (round = 0; round < 400; round++) {
		struct v6gw_eam_table *t;
		uint32_t n, i;
		unsigned int space4 = 8 + unit_rand_below(25);
		unsigned int space6 = 8 + unit_rand_below(121);
		unsigned int nl;

		unit_iter = round;
		n = round < 20 ? (uint32_t)round :
		    unit_rand_below(round % 10 ? 64 : 700);
		for (i = 0; i < n; i++)
			rand_eam(&e[i], space4, space6);
		t = build_dedup(e, &n);
		if (!t)
			continue;
		built++;
		check_readback(t, e, n);
		nl = n > 300 ? 150 : 200;
		check_lookups(t, e, n, nl, &hits, &trips);
		lookups += 2 * nl;

		/* find: absent prefixes */
		rand_eam(&e[n], space4, space6);
		p4 = e[n].p4;
		p6 = e[n].p6;
		{
			bool in4 = false, in6 = false;

			for (i = 0; i < n; i++) {
				in4 |= !memcmp(&e[i].p4, &p4, sizeof(p4));
				in6 |= !memcmp(&e[i].p6, &p6, sizeof(p6));
			}
			CHECK_EQ(v6gw_eam_table_find4(t, &p4, NULL), in4);
			CHECK_EQ(v6gw_eam_table_find6(t, &p6, NULL), in6);
		}
		free(t);
	}
	unit_iter = -1;
	printf("eam: %lu random tables, %lu lookups (%lu hits, %lu round trips) against the reference\n",
	       built, lookups, hits, trips);
}

/* Disjoint IPv6 prefixes: every covered IPv4 address round-trips. */
static void test_round_trip(void)
{
	static struct v6gw_eam e[256];
	struct v6gw_eam_table *t;
	uint8_t v4[4], v6[16], back[4], again[16];
	uint32_t n = 256, i;
	unsigned long trips = 0;
	long l;

	unit_seed(42);
	for (i = 0; i < n; i++) {
		memset(&e[i], 0, sizeof(e[i]));
		/* nested IPv4 prefixes are fine; IPv6 ones are disjoint */
		e[i].p4.len = (uint8_t)(i % 33);
		unit_rand_bytes(e[i].p4.addr, 4);
		clear_from(e[i].p4.addr, e[i].p4.len, 32);
		e[i].p6.len = (uint8_t)(32 + unit_rand_below(65 + e[i].p4.len));
		e[i].p6.addr[0] = 0x20;
		e[i].p6.addr[1] = 0x01;
		e[i].p6.addr[2] = (uint8_t)i;
		unit_rand_bytes(e[i].p6.addr + 3, 13);
		clear_from(e[i].p6.addr, e[i].p6.len, 128);
	}
	t = build_dedup(e, &n);
	if (!CHECK(t))
		return;
	for (l = 0; l < 20000; l++) {
		const struct v6gw_eam *x = &e[unit_rand_below(n)];

		unit_iter = l;
		unit_rand_bytes(v4, 4);
		for (i = 0; i < x->p4.len; i++)
			set_bit(v4, i, get_bit(x->p4.addr, i));
		if (!CHECK(v6gw_eam_4to6(t, v4, v6)))
			continue;
		CHECK(v6gw_eam_6to4(t, v6, back));
		CHECK_MEM(back, v4, 4);
		/* and 6 -> 4 -> 6 is the identity on what 4 -> 6 produces */
		CHECK(v6gw_eam_4to6(t, back, again));
		CHECK_MEM(again, v6, 16);
		trips++;
	}
	unit_iter = -1;
	free(t);
	printf("eam: %lu round trips 4->6->4->6\n", trips);
}

void test_eam(void)
{
	test_rfc7757_examples();
	test_overlap();
	test_validation();
	test_conflicts();
	test_random();
	test_round_trip();
	test_prefix4_set();
	test_large();
}
