// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer harness for eam.c and prefix4.c.
 *
 * Input: a count byte n (at most 64 used), then n entries of 22 bytes (IPv6
 * address 16, IPv6 length 1, IPv4 address 4, IPv4 length 1), then probe
 * addresses of 20 bytes (IPv6 16, IPv4 4). Lengths are reduced modulo 129
 * and 33, then the entry is made valid (IPv6 length capped, host bits
 * cleared) unless the top bit of its IPv4 length byte is set, so that the
 * invalid path is reached too. The table and a prefix set of the IPv4
 * prefixes are built into exactly sized buffers; errors must name the right
 * culprit, and every probe must match a linear-scan reference.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eam.h"

#define FUZZ_ASSERT(c) do { if (!(c)) __builtin_trap(); } while (0)
#define MAX_ENTRIES 64
#define ENTRY_BYTES 22
#define PROBE_BYTES 20

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool bit(const uint8_t *a, unsigned int i)
{
	return a[i / 8] >> (7 - i % 8) & 1;
}

static void put_bit(uint8_t *a, unsigned int i, bool v)
{
	if (v)
		a[i / 8] |= (uint8_t)(0x80 >> (i % 8));
	else
		a[i / 8] &= (uint8_t)~(0x80 >> (i % 8));
}

static bool in_prefix(const uint8_t *p, unsigned int len, const uint8_t *a)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		if (bit(p, i) != bit(a, i))
			return false;
	return true;
}

static void *buf(size_t n)
{
	void *p = malloc(n);

	if (!p)
		abort();
	return p;
}

static void check_dup(const struct v6gw_eam *e, uint32_t n, uint32_t bad,
		      bool v4)
{
	bool found = false;
	uint32_t i, j;

	FUZZ_ASSERT(bad < n);
	for (i = 0; i < bad; i++)
		found |= v4 ? !memcmp(&e[i].p4, &e[bad].p4, sizeof(e[i].p4)) :
			      !memcmp(&e[i].p6, &e[bad].p6, sizeof(e[i].p6));
	FUZZ_ASSERT(found);
	/* and no smaller index repeats an earlier one */
	for (i = 1; i < bad; i++)
		for (j = 0; j < i; j++)
			FUZZ_ASSERT(v4 ? memcmp(&e[i].p4, &e[j].p4,
						sizeof(e[i].p4)) :
					 memcmp(&e[i].p6, &e[j].p6,
						sizeof(e[i].p6)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct v6gw_prefix4 p4[MAX_ENTRIES];
	struct v6gw_eam e[MAX_ENTRIES];
	uint32_t n, i, bad, idx;
	bool invalid = false;
	size_t tsize, ssize;
	void *t, *s;
	int err, serr;

	if (!size)
		return -1;
	n = data[0] % (MAX_ENTRIES + 1);
	data++;
	size--;
	if (size < (size_t)n * ENTRY_BYTES)
		return -1;

	for (i = 0; i < n; i++, data += ENTRY_BYTES, size -= ENTRY_BYTES) {
		unsigned int b;

		memcpy(e[i].p6.addr, data, 16);
		e[i].p6.len = data[16] % 129;
		memcpy(e[i].p4.addr, data + 17, 4);
		e[i].p4.len = data[21] % 33;
		if (data[21] & 0x80) {
			invalid |= v6gw_eam_invalid(&e[i]) != NULL;
		} else {
			if (e[i].p6.len > 96 + e[i].p4.len)
				e[i].p6.len = (uint8_t)(96 + e[i].p4.len);
			for (b = e[i].p6.len; b < 128; b++)
				put_bit(e[i].p6.addr, b, false);
			for (b = e[i].p4.len; b < 32; b++)
				put_bit(e[i].p4.addr, b, false);
			FUZZ_ASSERT(!v6gw_eam_invalid(&e[i]));
		}
		p4[i] = e[i].p4;
	}

	tsize = v6gw_eam_table_size(n);
	t = buf(tsize);
	err = v6gw_eam_table_build(t, tsize, e, n, &bad);
	ssize = v6gw_prefix4_set_size(n);
	s = buf(ssize);
	serr = v6gw_prefix4_set_build(s, ssize, p4, n, &bad);

	if (err == V6GW_TABLE_ERR_INVALID || serr == V6GW_TABLE_ERR_INVALID) {
		FUZZ_ASSERT(invalid);
		goto out;
	}
	FUZZ_ASSERT(!invalid);
	if (serr) {
		FUZZ_ASSERT(serr == V6GW_TABLE_ERR_DUP4);
		FUZZ_ASSERT(err == V6GW_TABLE_ERR_DUP4);
		check_dup(e, n, bad, true);
		goto out;
	}
	if (err) {
		FUZZ_ASSERT(err == V6GW_TABLE_ERR_DUP6);
		v6gw_eam_table_build(t, tsize, e, n, &bad);
		check_dup(e, n, bad, false);
		goto out;
	}

	FUZZ_ASSERT(v6gw_eam_table_count(t) == n);
	for (i = 0; i < n; i++) {
		FUZZ_ASSERT(v6gw_eam_table_find4(t, &e[i].p4, &idx));
		FUZZ_ASSERT(!memcmp(v6gw_eam_table_entry(t, idx), &e[i],
				    sizeof(e[i])));
		FUZZ_ASSERT(v6gw_eam_table_find6(t, &e[i].p6, &idx));
		FUZZ_ASSERT(!memcmp(v6gw_eam_table_entry(t, idx), &e[i],
				    sizeof(e[i])));
		FUZZ_ASSERT(v6gw_prefix4_set_find(s, &p4[i], NULL));
	}

	for (; size >= PROBE_BYTES; data += PROBE_BYTES, size -= PROBE_BYTES) {
		const uint8_t *a6 = data, *a4 = data + 16;
		uint8_t got6[16], got4[4], want[16];
		long b4 = -1, b6 = -1;
		unsigned int k;

		for (i = 0; i < n; i++) {
			if (in_prefix(e[i].p4.addr, e[i].p4.len, a4) &&
			    (b4 < 0 || e[i].p4.len > e[b4].p4.len))
				b4 = i;
			if (in_prefix(e[i].p6.addr, e[i].p6.len, a6) &&
			    (b6 < 0 || e[i].p6.len > e[b6].p6.len))
				b6 = i;
		}
		FUZZ_ASSERT(v6gw_prefix4_set_contains(s, a4) == (b4 >= 0));
		FUZZ_ASSERT(v6gw_eam_4to6(t, a4, got6) == (b4 >= 0));
		if (b4 >= 0) {
			const struct v6gw_eam *x = &e[b4];

			memset(want, 0, 16);
			memcpy(want, x->p6.addr, 16);
			for (k = x->p4.len; k < 32; k++)
				put_bit(want, x->p6.len + k - x->p4.len,
					bit(a4, k));
			FUZZ_ASSERT(!memcmp(got6, want, 16));
		}
		FUZZ_ASSERT(v6gw_eam_6to4(t, a6, got4) == (b6 >= 0));
		if (b6 >= 0) {
			const struct v6gw_eam *x = &e[b6];

			memcpy(want, x->p4.addr, 4);
			for (k = x->p4.len; k < 32; k++)
				put_bit(want, k, bit(a6, x->p6.len + k - x->p4.len));
			FUZZ_ASSERT(!memcmp(got4, want, 4));
		}
	}
out:
	free(t);
	free(s);
	return 0;
}
