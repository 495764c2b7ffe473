/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Explicit Address Mappings (RFC 7757) for SIIT.
 *
 * An EAM pairs an IPv4 prefix with an IPv6 prefix whose suffix (the bits
 * after the prefix) is at least as long as the IPv4 one. An address is
 * translated with the entry holding the longest prefix that matches it, in
 * either direction, by keeping its suffix bits: they follow the prefix
 * immediately and any further IPv6 bits are zero (RFC 7757 section 3.3):
 *
 *	192.0.2.128/26 <-> 2001:db8:dddd::/64
 *	192.0.2.152 (suffix 011000) <-> 2001:db8:dddd:0:6000::
 *
 * From IPv6 to IPv4 those further bits are ignored, so
 * 2001:db8:dddd:0:6000:beef:: also becomes 192.0.2.152 (but 192.0.2.152
 * becomes 2001:db8:dddd:0:6000::).
 *
 * The table is built once from an array of entries into memory the caller
 * provides (v6gw_eam_table_size() bytes, 8-byte aligned) and is then only
 * read, by any number of concurrent readers; to change it, build a new one
 * and swap a pointer (RCU). Each lookup is one binary search over at most
 * 2n + 1 interval starts: O(log n) whatever the prefix lengths.
 */
#ifndef V6GW_CORE_EAM_H
#define V6GW_CORE_EAM_H

#include "types.h"
#include "prefix4.h"
#include "rfc6052.h"

/**
 * struct v6gw_eam - one explicit address mapping
 * @p6: IPv6 prefix, any length 0-128
 * @p4: IPv4 prefix, any length 0-32, with 128 - @p6.len >= 32 - @p4.len
 */
struct v6gw_eam {
	struct v6gw_prefix6 p6;
	struct v6gw_prefix4 p4;
};

struct v6gw_eam_table;

const char *v6gw_eam_invalid(const struct v6gw_eam *e);

size_t v6gw_eam_table_size(uint32_t n);
int v6gw_eam_table_build(void *mem, size_t size,
			 const struct v6gw_eam *entries, uint32_t n,
			 uint32_t *conflict);

bool v6gw_eam_4to6(const struct v6gw_eam_table *t, const uint8_t v4[4],
		   uint8_t v6[16]);
bool v6gw_eam_6to4(const struct v6gw_eam_table *t, const uint8_t v6[16],
		   uint8_t v4[4]);

uint32_t v6gw_eam_table_count(const struct v6gw_eam_table *t);
const struct v6gw_eam *v6gw_eam_table_entry(const struct v6gw_eam_table *t,
					    uint32_t i);
bool v6gw_eam_table_find4(const struct v6gw_eam_table *t,
			  const struct v6gw_prefix4 *p4, uint32_t *index);
bool v6gw_eam_table_find6(const struct v6gw_eam_table *t,
			  const struct v6gw_prefix6 *p6, uint32_t *index);

#endif /* V6GW_CORE_EAM_H */
