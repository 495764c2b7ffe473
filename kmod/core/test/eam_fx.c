// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Shared helpers of the EAM and IPv4 prefix set tests; see eam_fx.h.
 */
#include "eam_fx.h"

void pton6(const char *s, uint8_t out[16])
{
	if (inet_pton(AF_INET6, s, out) != 1)
		abort();
}

void pton4(const char *s, uint8_t out[4])
{
	if (inet_pton(AF_INET, s, out) != 1)
		abort();
}

bool get_bit(const uint8_t *a, unsigned int bit)
{
	return a[bit / 8] >> (7 - bit % 8) & 1;
}

void set_bit(uint8_t *a, unsigned int bit, bool v)
{
	if (v)
		a[bit / 8] |= (uint8_t)(0x80 >> (bit % 8));
	else
		a[bit / 8] &= (uint8_t)~(0x80 >> (bit % 8));
}

void clear_from(uint8_t *a, unsigned int from, unsigned int bits)
{
	for (; from < bits; from++)
		set_bit(a, from, false);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		abort();
	return p;
}

double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void eam(struct v6gw_eam *e, const char *a4, uint8_t l4, const char *a6,
		uint8_t l6)
{
	memset(e, 0, sizeof(*e));
	pton4(a4, e->p4.addr);
	e->p4.len = l4;
	pton6(a6, e->p6.addr);
	e->p6.len = l6;
}

/* Build into an exactly sized malloc block (ASan catches overruns). */
struct v6gw_eam_table *eam_build(const struct v6gw_eam *e, uint32_t n,
					int *err, uint32_t *conflict)
{
	size_t size = v6gw_eam_table_size(n);
	void *mem = xmalloc(size);

	*err = v6gw_eam_table_build(mem, size, e, n, conflict);
	if (*err) {
		free(mem);
		return NULL;
	}
	return mem;
}

/* ---- bit-by-bit reference ---- */

bool ref_contains4(const struct v6gw_prefix4 *p, const uint8_t v4[4])
{
	unsigned int i;

	for (i = 0; i < p->len; i++)
		if (get_bit(p->addr, i) != get_bit(v4, i))
			return false;
	return true;
}

bool ref_contains6(const struct v6gw_prefix6 *p, const uint8_t v6[16])
{
	unsigned int i;

	for (i = 0; i < p->len; i++)
		if (get_bit(p->addr, i) != get_bit(v6, i))
			return false;
	return true;
}

long ref_lpm4(const struct v6gw_eam *e, uint32_t n, const uint8_t v4[4])
{
	long best = -1;
	uint32_t i;

	for (i = 0; i < n; i++)
		if (ref_contains4(&e[i].p4, v4) &&
		    (best < 0 || e[i].p4.len > e[best].p4.len))
			best = i;
	return best;
}

long ref_lpm6(const struct v6gw_eam *e, uint32_t n,
		     const uint8_t v6[16])
{
	long best = -1;
	uint32_t i;

	for (i = 0; i < n; i++)
		if (ref_contains6(&e[i].p6, v6) &&
		    (best < 0 || e[i].p6.len > e[best].p6.len))
			best = i;
	return best;
}

/* RFC 7757 section 3.3: the IPv4 suffix follows the IPv6 prefix, then 0s */
void ref_4to6(const struct v6gw_eam *e, const uint8_t v4[4],
		     uint8_t v6[16])
{
	unsigned int i;

	memset(v6, 0, 16);
	for (i = 0; i < e->p6.len; i++)
		set_bit(v6, i, get_bit(e->p6.addr, i));
	for (i = e->p4.len; i < 32; i++)
		set_bit(v6, e->p6.len + i - e->p4.len, get_bit(v4, i));
}

void ref_6to4(const struct v6gw_eam *e, const uint8_t v6[16],
		     uint8_t v4[4])
{
	unsigned int i;

	memset(v4, 0, 4);
	for (i = 0; i < e->p4.len; i++)
		set_bit(v4, i, get_bit(e->p4.addr, i));
	for (i = e->p4.len; i < 32; i++)
		set_bit(v4, i, get_bit(v6, e->p6.len + i - e->p4.len));
}


/* ---- random tables against the reference ---- */

const uint8_t base4[4][4] = {
	{ 192, 0, 2, 0 }, { 10, 0, 0, 0 }, { 0, 0, 0, 0 }, { 255, 255, 255, 255 },
};
const uint8_t base6[3][16] = {
	{ 0x20, 0x01, 0x0d, 0xb8 }, { 0x00, 0x64, 0xff, 0x9b },
	{ 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
};

/* Lengths biased to the interesting ones: 0, the maximum, near it. */
uint8_t rand_len(unsigned int max)
{
	switch (unit_rand_below(8)) {
	case 0:
		return 0;
	case 1:
	case 2:
		return (uint8_t)max;
	case 3:
		return (uint8_t)(max - unit_rand_below(4 < max ? 4 : max));
	default:
		return (uint8_t)unit_rand_below(max + 1);
	}
}

/*
 * An address equal to @base except for a window of @space random bits at a
 * random position, so that prefixes nest and collide often.
 */
void rand_addr(uint8_t *a, const uint8_t *base, unsigned int bits,
		      unsigned int space)
{
	unsigned int start = unit_rand_below(bits - space + 1), i;

	memcpy(a, base, bits / 8);
	for (i = start; i < start + space; i++)
		set_bit(a, i, unit_rand() >> 63);
}

void rand_eam(struct v6gw_eam *e, unsigned int space4,
		     unsigned int space6)
{
	uint8_t max6;

	memset(e, 0, sizeof(*e));
	e->p4.len = rand_len(32);
	max6 = (uint8_t)(96 + e->p4.len);
	e->p6.len = rand_len(max6);
	rand_addr(e->p4.addr, base4[unit_rand_below(4)], 32, space4);
	rand_addr(e->p6.addr, base6[unit_rand_below(3)], 128, space6);
	clear_from(e->p4.addr, e->p4.len, 32);
	clear_from(e->p6.addr, e->p6.len, 128);
}

/* An address inside (with random host bits), at an edge of, or near e. */
void addr_near4(const struct v6gw_eam *e, uint32_t n, uint8_t v4[4])
{
	const struct v6gw_prefix4 *p;
	unsigned int i, r = unit_rand_below(8);
	uint32_t a, host;

	if (!n || r == 0) {
		unit_rand_bytes(v4, 4);
		return;
	}
	p = &e[unit_rand_below(n)].p4;
	unit_rand_bytes(v4, 4);
	for (i = 0; i < p->len; i++)
		set_bit(v4, i, get_bit(p->addr, i));
	a = v6gw_get_be32(v4);
	host = p->len < 32 ? 0xffffffffU >> p->len : 0;
	if (r == 1)
		a = v6gw_get_be32(p->addr);
	else if (r == 2)
		a = v6gw_get_be32(p->addr) - 1;
	else if (r == 3)
		a = v6gw_get_be32(p->addr) | host;
	else if (r == 4)
		a = (v6gw_get_be32(p->addr) | host) + 1;
	v6gw_put_be32(v4, a);
}

void addr_near6(const struct v6gw_eam *e, uint32_t n, uint8_t v6[16])
{
	const struct v6gw_prefix6 *p;
	unsigned int i, r = unit_rand_below(8);

	unit_rand_bytes(v6, 16);
	if (!n || r == 0)
		return;
	p = &e[unit_rand_below(n)].p6;
	for (i = 0; i < p->len; i++)
		set_bit(v6, i, get_bit(p->addr, i));
	if (r == 1)
		clear_from(v6, p->len, 128);
	else if (r == 2)
		for (i = p->len; i < 128; i++)
			set_bit(v6, i, true);
	else if (r == 3 && p->len)	/* just outside, by the last bit */
		set_bit(v6, p->len - 1, !get_bit(v6, p->len - 1));
}

/* Build e[0..n), dropping the reported duplicates until it succeeds. */
struct v6gw_eam_table *build_dedup(struct v6gw_eam *e, uint32_t *n)
{
	struct v6gw_eam_table *t;
	uint32_t conflict, j;
	int err;

	for (;;) {
		t = eam_build(e, *n, &err, &conflict);
		if (!err)
			return t;
		if (!CHECK(err == V6GW_TABLE_ERR_DUP4 ||
			   err == V6GW_TABLE_ERR_DUP6) ||
		    !CHECK(conflict < *n))
			return NULL;
		/* conflict repeats some earlier entry, and is the first to */
		{
			bool found = false, earlier = false;
			uint32_t k;

			for (j = 0; j < conflict; j++) {
				if (err == V6GW_TABLE_ERR_DUP4)
					found |= !memcmp(&e[j].p4, &e[conflict].p4,
							 sizeof(e[j].p4));
				else
					found |= !memcmp(&e[j].p6, &e[conflict].p6,
							 sizeof(e[j].p6));
			}
			CHECK(found);
			for (k = 1; k < conflict; k++)
				for (j = 0; j < k; j++)
					earlier |= err == V6GW_TABLE_ERR_DUP4 ?
						!memcmp(&e[j].p4, &e[k].p4,
							sizeof(e[j].p4)) :
						!memcmp(&e[j].p6, &e[k].p6,
							sizeof(e[j].p6));
			CHECK(!earlier);
		}
		memmove(&e[conflict], &e[conflict + 1],
			(*n - conflict - 1) * sizeof(*e));
		(*n)--;
	}
}
