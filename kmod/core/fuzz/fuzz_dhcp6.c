// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer harness for dhcp6.c.
 *
 * Input: a DHCPv6 message (a UDP payload), parsed from an exactly sized
 * heap copy so that ASan catches any read past its end. The result must
 * hold together: at most V6GW_DHCP6_PD_N prefixes ("more" only when all
 * are used), lengths up to 128, at most V6GW_DHCP6_RELAY_DEPTH relays and
 * a peer address exactly when there is one, prefixes only from a Reply
 * or a Release, and every prefix reported (lifetimes, length, address)
 * and peer address found as such in the input.
 */
#include <stdlib.h>
#include <string.h>

#include "dhcp6.h"

#define FUZZ_ASSERT(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool has(const uint8_t *p, size_t len, const uint8_t *s, size_t n)
{
	size_t i;

	for (i = 0; i + n <= len; i++)
		if (!memcmp(p + i, s, n))
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t zero[16];
	struct v6gw_dhcp6_info info;
	enum v6gw_dhcp6_verdict v;
	uint8_t *p = malloc(size ? size : 1);
	unsigned int i;

	if (!p)
		abort();
	memcpy(p, data, size);
	memset(&info, 0xa5, sizeof(info));
	v = v6gw_dhcp6_parse(p, size, &info);
	FUZZ_ASSERT(v == V6GW_DHCP6_PD || v == V6GW_DHCP6_IGNORE ||
		    v == V6GW_DHCP6_MALFORMED);
	if (v == V6GW_DHCP6_MALFORMED)
		goto out;

	FUZZ_ASSERT(size >= 4);
	FUZZ_ASSERT(info.depth <= V6GW_DHCP6_RELAY_DEPTH);
	FUZZ_ASSERT(info.have_peer == (info.depth > 0));
	FUZZ_ASSERT(size >= 4 + 38u * info.depth);
	if (info.have_peer)
		FUZZ_ASSERT(has(p, size, info.peer, 16));
	else
		FUZZ_ASSERT(!memcmp(info.peer, zero, 16));
	FUZZ_ASSERT(info.type != V6GW_DHCP6_RELAY_FORW &&
		    info.type != V6GW_DHCP6_RELAY_REPL);
	FUZZ_ASSERT(info.nprefix <= V6GW_DHCP6_PD_N);
	FUZZ_ASSERT(!info.more || info.nprefix == V6GW_DHCP6_PD_N);
	if (v == V6GW_DHCP6_IGNORE)
		goto out;

	FUZZ_ASSERT(info.type == V6GW_DHCP6_REPLY ||
		    info.type == V6GW_DHCP6_RELEASE);
	for (i = 0; i < info.nprefix; i++) {
		const struct v6gw_dhcp6_prefix *pf = &info.prefix[i];
		uint8_t body[25];

		FUZZ_ASSERT(pf->len <= 128);
		if (info.type == V6GW_DHCP6_REPLY)
			FUZZ_ASSERT(pf->preferred <= pf->valid);
		/* the IAPREFIX option as sent */
		v6gw_put_be32(body, pf->preferred);
		v6gw_put_be32(body + 4, pf->valid);
		body[8] = pf->len;
		memcpy(body + 9, pf->addr, 16);
		FUZZ_ASSERT(has(p, size, body, sizeof(body)));
	}
out:
	free(p);
	return 0;
}
