/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * IPv4-embedded IPv6 addresses (RFC 6052) and the IPv4 ranges that must not
 * be translated with the Well-Known Prefix (RFC 6052 section 3.1, RFC 6890).
 *
 * All addresses are byte arrays in network order.
 */
#ifndef V6GW_CORE_RFC6052_H
#define V6GW_CORE_RFC6052_H

#include "types.h"

/**
 * struct v6gw_prefix6 - an IPv6 prefix
 * @addr: prefix bits; bits beyond @len are zero in a valid prefix
 * @len: prefix length in bits
 */
struct v6gw_prefix6 {
	uint8_t addr[16];
	uint8_t len;
};

const char *v6gw_rfc6052_prefix_invalid(const struct v6gw_prefix6 *p);
void v6gw_rfc6052_embed(const struct v6gw_prefix6 *p, const uint8_t v4[4],
			uint8_t v6[16]);
bool v6gw_rfc6052_extract(const struct v6gw_prefix6 *p, const uint8_t v6[16],
			  uint8_t v4[4]);
bool v6gw_rfc6052_is_wkp(const struct v6gw_prefix6 *p);

/**
 * v6gw_prefix6_contains() - generic IPv6 prefix match
 * @p: the prefix; any length from 0 to 128, bits beyond it are ignored
 * @v6: IPv6 address
 *
 * Return: true if the first @p->len bits of @v6 equal those of @p->addr.
 * A length above 128 matches nothing.
 */
static inline bool v6gw_prefix6_contains(const struct v6gw_prefix6 *p,
					 const uint8_t v6[16])
{
	unsigned int len = p->len;
	uint64_t hi, lo;

	if (len > 128)
		return false;
	/* two 64-bit halves, the bits past the length masked off */
	hi = v6gw_get_be64(p->addr) ^ v6gw_get_be64(v6);
	lo = v6gw_get_be64(p->addr + 8) ^ v6gw_get_be64(v6 + 8);
	if (len <= 64) {
		hi = len ? hi >> (64 - len) : 0;
		lo = 0;
	} else if (len < 128) {
		lo >>= 128 - len;
	}
	return !(hi | lo);
}

bool v6gw_ipv4_is_special(const uint8_t v4[4]);

#endif /* V6GW_CORE_RFC6052_H */
