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

bool v6gw_prefix6_contains(const struct v6gw_prefix6 *p, const uint8_t v6[16]);

bool v6gw_ipv4_is_special(const uint8_t v4[4]);

#endif /* V6GW_CORE_RFC6052_H */
