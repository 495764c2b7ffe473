// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Unit tests of IPv4 prefix sets and of a timed 100 000-entry EAM table.
 */
#include "eam_fx.h"

/* ---- IPv4 prefix sets ---- */

void test_prefix4_set(void)
{
	static struct v6gw_prefix4 p[600];
	unsigned long lookups = 0;
	long round;

	unit_seed(6890);
	for (round = 0; round < 300; round++) {
		unsigned int space = 8 + unit_rand_below(25);
		uint32_t n = round < 10 ? (uint32_t)round :
			     unit_rand_below(round % 10 ? 64 : 600);
		struct v6gw_prefix4_set *s;
		uint32_t i, j, bad, idx;
		size_t size;
		void *mem;
		int err;

		unit_iter = round;
		for (i = 0; i < n; i++) {
			p[i].len = rand_len(32);
			rand_addr(p[i].addr, base4[unit_rand_below(4)], 32,
				  space);
			clear_from(p[i].addr, p[i].len, 32);
		}
		size = v6gw_prefix4_set_size(n);
		mem = xmalloc(size);
		for (;;) {
			bool found = false;

			err = v6gw_prefix4_set_build(mem, size, p, n, &bad);
			if (!err)
				break;
			if (!CHECK_EQ(err, V6GW_TABLE_ERR_DUP4) ||
			    !CHECK(bad < n))
				break;
			for (j = 0; j < bad; j++)
				found |= !memcmp(&p[j], &p[bad], sizeof(p[j]));
			CHECK(found);
			memmove(&p[bad], &p[bad + 1], (n - bad - 1) * sizeof(*p));
			n--;
		}
		if (err) {
			free(mem);
			continue;
		}
		s = mem;
		CHECK_EQ(v6gw_prefix4_set_count(s), n);
		CHECK(!v6gw_prefix4_set_entry(s, n));
		for (i = 0; i < n; i++) {
			const struct v6gw_prefix4 *x = v6gw_prefix4_set_entry(s, i);

			if (!CHECK(x))
				break;
			CHECK(v6gw_prefix4_set_find(s, x, &idx));
			CHECK_EQ(idx, i);
			if (i) {
				const struct v6gw_prefix4 *y =
					v6gw_prefix4_set_entry(s, i - 1);
				uint32_t a = v6gw_get_be32(y->addr);
				uint32_t b = v6gw_get_be32(x->addr);

				CHECK(a < b || (a == b && y->len < x->len));
			}
		}
		for (j = 0; j < 300; j++) {
			struct v6gw_eam probe[1];
			uint8_t v4[4];
			long best = -1;

			/* reuse addr_near4() through a one-entry view */
			memset(probe, 0, sizeof(probe));
			if (n)
				probe[0].p4 = p[unit_rand_below(n)];
			addr_near4(probe, n ? 1 : 0, v4);
			for (i = 0; i < n; i++)
				if (ref_contains4(&p[i], v4) &&
				    (best < 0 || p[i].len > p[best].len))
					best = i;
			CHECK_EQ(v6gw_prefix4_set_contains(s, v4), best >= 0);
			if (v6gw_prefix4_set_match(s, v4, &idx) && best >= 0)
				CHECK_MEM(v6gw_prefix4_set_entry(s, idx),
					  &p[best], sizeof(p[best]));
			lookups++;
		}
		free(mem);
	}
	unit_iter = -1;

	/* invalid prefix reported with its index; misaligned memory */
	{
		uint8_t mem[256] __attribute__((aligned(8)));
		struct v6gw_prefix4 q[3] = {
			{ { 10, 0, 0, 0 }, 8 }, { { 10, 1, 0, 0 }, 16 },
			{ { 10, 1, 0, 1 }, 16 },
		};
		uint32_t bad = 77;

		CHECK_EQ(v6gw_prefix4_set_build(mem, sizeof(mem), q, 3, &bad),
			 V6GW_TABLE_ERR_INVALID);
		CHECK_EQ(bad, 2);
		CHECK_EQ(v6gw_prefix4_set_build(mem + 4, sizeof(mem) - 4, q, 2,
						&bad),
			 V6GW_TABLE_ERR_SPACE);
		CHECK_EQ(v6gw_prefix4_set_build(mem, sizeof(mem), q, 2, NULL), 0);
		CHECK(v6gw_prefix4_set_contains((void *)mem, q[1].addr));
		q[2].addr[1] = 2;
		q[2].addr[3] = 0;
		CHECK(!v6gw_prefix4_set_find((void *)mem, &q[2], NULL));
		q[2].len = 8;
		q[2].addr[1] = 0;
		CHECK(v6gw_prefix4_set_find((void *)mem, &q[2], NULL));
	}
	printf("prefix4 set: %lu lookups against the reference\n", lookups);
}

/* ---- 100 000 entries ---- */

void test_large(void)
{
	const uint32_t n = 100000, lookups = 1000000;
	struct v6gw_eam *e = xmalloc(n * sizeof(*e));
	struct v6gw_eam_table *t;
	double t0, t1, t2, t3;
	uint32_t i, found4 = 0, found6 = 0, conflict = 0;
	uint8_t v4[4], v6[16], w4[4], w6[16];
	size_t size;
	void *mem;
	int err;

	unit_seed(100000);
	for (i = 0; i < n; i++) {
		memset(&e[i], 0, sizeof(e[i]));
		if (i % 100 == 0) {
			/* /16 <-> /112 and /24 <-> /120 covering some /32s */
			e[i].p4.len = i % 200 ? 24 : 16;
			v6gw_put_be32(e[i].p4.addr, i % 200 ?
				      0x0a000000U | (i / 100) << 8 :
				      (i / 200) << 16);
			e[i].p6.len = (uint8_t)(96 + e[i].p4.len);
			pton6("2001:db8:ffff::", e[i].p6.addr);
			v6gw_put_be32(e[i].p6.addr + 8, i);
		} else {
			/* a bijection of i: distinct /32s */
			e[i].p4.len = 32;
			v6gw_put_be32(e[i].p4.addr, i * 2654435761U);
			e[i].p6.len = 128;
			pton6("2001:db8::", e[i].p6.addr);
			unit_rand_bytes(e[i].p6.addr + 8, 4);
			v6gw_put_be32(e[i].p6.addr + 12, i);
		}
	}
	size = v6gw_eam_table_size(n);
	mem = xmalloc(size);
	t0 = now();
	err = v6gw_eam_table_build(mem, size, e, n, &conflict);
	t1 = now();
	CHECK_EQ(err, 0);
	if (err) {
		fprintf(stderr, "conflict %u\n", conflict);
		free(mem);
		free(e);
		return;
	}
	t = mem;
	CHECK_EQ(v6gw_eam_table_count(t), n);

	for (i = 0; i < lookups; i++) {
		const struct v6gw_eam *x = &e[(i * 7919U) % n];

		memcpy(v4, x->p4.addr, 4);
		v4[3] |= (uint8_t)(x->p4.len < 32 ? i : 0);
		found4 += v6gw_eam_4to6(t, v4, v6);
	}
	t2 = now();
	for (i = 0; i < lookups; i++) {
		const struct v6gw_eam *x = &e[(i * 7919U) % n];

		memcpy(v6, x->p6.addr, 16);
		v6[15] |= (uint8_t)(x->p6.len < 128 ? i : 0);
		found6 += v6gw_eam_6to4(t, v6, v4);
	}
	t3 = now();
	CHECK_EQ(found4, lookups);
	CHECK_EQ(found6, lookups);

	/* a sample against the reference */
	for (i = 0; i < 200; i++) {
		long r;

		unit_iter = i;
		addr_near4(e, n, v4);
		r = ref_lpm4(e, n, v4);
		CHECK_EQ(v6gw_eam_4to6(t, v4, v6), r >= 0);
		if (r >= 0) {
			ref_4to6(&e[r], v4, w6);
			CHECK_MEM(v6, w6, 16);
		}
		addr_near6(e, n, v6);
		r = ref_lpm6(e, n, v6);
		CHECK_EQ(v6gw_eam_6to4(t, v6, v4), r >= 0);
		if (r >= 0) {
			ref_6to4(&e[r], v6, w4);
			CHECK_MEM(v4, w4, 4);
		}
	}
	unit_iter = -1;

	/* a duplicate at the very end is found and named */
	e[n - 1].p6 = e[12345].p6;
	CHECK_EQ(v6gw_eam_table_build(mem, size, e, n, &conflict),
		 V6GW_TABLE_ERR_DUP6);
	CHECK_EQ(conflict, n - 1);

	printf("eam: %u entries, %zu bytes: build %.1f ms, 4to6 %.0f ns, 6to4 %.0f ns per lookup (sanitized build)\n",
	       n, size, (t1 - t0) * 1e3, (t2 - t1) * 1e9 / lookups,
	       (t3 - t2) * 1e9 / lookups);
	free(mem);
	free(e);
}
