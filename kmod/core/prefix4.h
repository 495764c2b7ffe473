/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * IPv4 prefixes and immutable IPv4 prefix sets.
 *
 * A set is built once from an array of prefixes into memory the caller
 * provides (v6gw_prefix4_set_size() bytes, 8-byte aligned) and is then only
 * read, by any number of concurrent readers. To change it, build a new one
 * and swap a pointer (RCU). Lookups cost one binary search over at most
 * 2n + 1 interval starts, whatever the mix of prefix lengths.
 *
 * The build error codes below are shared with the EAM table (eam.h).
 */
#ifndef V6GW_CORE_PREFIX4_H
#define V6GW_CORE_PREFIX4_H

#include "types.h"

/**
 * struct v6gw_prefix4 - an IPv4 prefix
 * @addr: prefix bits in network order; bits beyond @len are zero in a
 *	valid prefix
 * @len: prefix length in bits, 0 to 32
 */
struct v6gw_prefix4 {
	uint8_t addr[4];
	uint8_t len;
};

/*
 * Build errors (negative); v6gw_table_strerror() has a message for each.
 * SPACE: more than V6GW_TABLE_MAX entries, memory too small or misaligned.
 */
#define V6GW_TABLE_ERR_INVALID	(-1)	/* an entry is invalid */
#define V6GW_TABLE_ERR_DUP4	(-2)	/* two equal IPv4 prefixes */
#define V6GW_TABLE_ERR_DUP6	(-3)	/* two equal IPv6 prefixes */
#define V6GW_TABLE_ERR_SPACE	(-4)

/* The largest number of entries a set or an EAM table can hold. */
#define V6GW_TABLE_MAX		(1U << 24)

const char *v6gw_table_strerror(int err);

const char *v6gw_prefix4_invalid(const struct v6gw_prefix4 *p);
bool v6gw_prefix4_contains(const struct v6gw_prefix4 *p, const uint8_t v4[4]);

struct v6gw_prefix4_set;

size_t v6gw_prefix4_set_size(uint32_t n);
int v6gw_prefix4_set_build(void *mem, size_t size,
			   const struct v6gw_prefix4 *prefixes, uint32_t n,
			   uint32_t *bad);
bool v6gw_prefix4_set_contains(const struct v6gw_prefix4_set *s,
			       const uint8_t v4[4]);
bool v6gw_prefix4_set_match(const struct v6gw_prefix4_set *s,
			    const uint8_t v4[4], uint32_t *index);
bool v6gw_prefix4_set_find(const struct v6gw_prefix4_set *s,
			   const struct v6gw_prefix4 *p, uint32_t *index);
uint32_t v6gw_prefix4_set_count(const struct v6gw_prefix4_set *s);
const struct v6gw_prefix4 *
v6gw_prefix4_set_entry(const struct v6gw_prefix4_set *s, uint32_t i);

/*
 * Internal to the portable core (shared by prefix4.c and eam.c): the IPv4
 * half of a table. Prefixes are read at @base + i * @stride.
 */
#define V6GW_TABLE_NONE		0xffffffffU

int v6gw_prefix4_sort(uint32_t *idx, uint32_t n, const void *base,
		      size_t stride, uint32_t *bad);
uint32_t v6gw_prefix4_flatten(const void *base, size_t stride, uint32_t n,
			      uint32_t *key, uint32_t *val);
uint32_t v6gw_prefix4_search(const uint32_t *key, uint32_t nkeys,
			     uint32_t a);
bool v6gw_prefix4_bsearch(const void *base, size_t stride, uint32_t n,
			  const struct v6gw_prefix4 *p, uint32_t *index);

#endif /* V6GW_CORE_PREFIX4_H */
