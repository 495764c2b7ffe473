// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer harness for rfc6052.c.
 *
 * Input: prefix address (16 bytes), prefix length (1, any value 0-255),
 * IPv4 address (4), IPv6 address (16). Every function must be memory safe
 * for any prefix, valid or not; for valid prefixes embed and extract must
 * round-trip, and extract followed by embed must canonicalise an address
 * (clear its u octet and suffix).
 */
#include <stdint.h>
#include <string.h>

#include "rfc6052.h"

#define FUZZ_ASSERT(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct v6gw_prefix6 p;
	uint8_t v4[4], v6[16], e6[16], x4[4], c6[16];
	unsigned int start, i;
	bool valid, in;

	if (size < 16 + 1 + 4 + 16)
		return -1;	/* not added to the corpus */
	memcpy(p.addr, data, 16);
	p.len = data[16];
	memcpy(v4, data + 17, 4);
	memcpy(v6, data + 21, 16);

	valid = !v6gw_rfc6052_prefix_invalid(&p);
	in = v6gw_prefix6_contains(&p, v6);
	(void)v6gw_rfc6052_is_wkp(&p);
	(void)v6gw_ipv4_is_special(v4);

	/* memory safety for any prefix */
	v6gw_rfc6052_embed(&p, v4, e6);
	FUZZ_ASSERT(v6gw_rfc6052_extract(&p, v6, x4) == in);
	if (!valid)
		return 0;

	/* embed: prefix kept, u octet and suffix zero, round trip */
	FUZZ_ASSERT(!memcmp(e6, p.addr, p.len / 8));
	FUZZ_ASSERT(e6[8] == 0);
	start = p.len == 96 ? 16 : p.len / 8 + 5;
	for (i = start; i < 16; i++)
		FUZZ_ASSERT(e6[i] == 0);
	FUZZ_ASSERT(v6gw_prefix6_contains(&p, e6));
	memset(x4, 0, 4);
	FUZZ_ASSERT(v6gw_rfc6052_extract(&p, e6, x4));
	FUZZ_ASSERT(!memcmp(x4, v4, 4));

	/* extract then embed: the canonical form of v6 */
	if (in) {
		FUZZ_ASSERT(v6gw_rfc6052_extract(&p, v6, x4));
		v6gw_rfc6052_embed(&p, x4, c6);
		memcpy(e6, v6, 16);
		e6[8] = 0;
		if (start < 16)
			memset(e6 + start, 0, 16 - start);
		FUZZ_ASSERT(!memcmp(c6, e6, 16));
	}
	return 0;
}
