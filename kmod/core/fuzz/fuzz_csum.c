// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer harness for csum.c.
 *
 * Input: a 4-byte initial sum, a 2-byte split point and the data. Checks
 * v6gw_csum_partial() against the RFC 1071 definition, chaining at an even
 * split, and v6gw_csum_replace() against a full recomputation.
 */
#include <stdint.h>
#include <string.h>

#include "csum.h"

#define FUZZ_ASSERT(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint16_t ref_sum(const uint8_t *b, size_t n, uint32_t s)
{
	size_t i;

	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	for (i = 0; i < n; i++) {
		s += i & 1 ? b[i] : (uint32_t)b[i] << 8;
		if (s > 0xffff)
			s -= 0xffff;
	}
	return (uint16_t)s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t buf[65536 + 2];
	uint32_t init, sum;
	size_t len, split, rlen;
	uint16_t check;
	uint8_t old[16];

	if (size < 6 || size - 6 > 65536)
		return -1;
	init = v6gw_get_be32(data);
	len = size - 6;
	split = v6gw_get_be16(data + 4) % (len + 1) & ~(size_t)1;
	memcpy(buf, data + 6, len);

	FUZZ_ASSERT(v6gw_csum_fold(v6gw_csum_partial(buf, len, init)) ==
		    ref_sum(buf, len, init));
	sum = v6gw_csum_partial(buf, split, init);
	sum = v6gw_csum_partial(buf + split, len - split, sum);
	FUZZ_ASSERT(v6gw_csum_fold(sum) == ref_sum(buf, len, init));

	/* rewrite up to 16 bytes at the even split with their complement */
	rlen = len - split < 16 ? len - split : 16;
	check = v6gw_csum_finish(v6gw_csum_partial(buf, len, init));
	memcpy(old, buf + split, rlen);
	for (size_t i = 0; i < rlen; i++)
		buf[split + i] = (uint8_t)~buf[split + i];
	sum = v6gw_csum_partial(buf, len, init);
	if (v6gw_csum_fold(sum))	/* see v6gw_csum_adjust() */
		FUZZ_ASSERT(v6gw_csum_replace(check, old, buf + split, rlen) ==
			    v6gw_csum_finish(sum));
	return 0;
}
