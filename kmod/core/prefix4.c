// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * IPv4 prefixes and immutable IPv4 prefix sets.
 *
 * Longest-prefix match over a fixed set is done by flattening. Any two
 * prefixes are either nested or disjoint, so the address space splits into
 * at most 2n + 1 intervals, on each of which the longest matching prefix is
 * the same one (or none). The build sorts the prefixes by (address, length)
 * and sweeps them once with a stack of the open (enclosing) prefixes,
 * recording where each interval starts and which prefix owns it. A lookup
 * is one binary search for the last start <= the address: O(log n), not
 * O(n) and independent of how many different prefix lengths there are.
 *
 * Memory layout of a set (all in the caller's block, 8-byte aligned):
 *
 *	struct v6gw_prefix4_set        header
 *	uint32_t key[2n + 1]           interval starts, ascending, key[0] = 0
 *	uint32_t val[2n + 1]           owner: index into prefix[] or NONE;
 *	                               during the build, the sort permutation
 *	struct v6gw_prefix4 prefix[n]  the prefixes, sorted by (addr, len)
 */

#include "prefix4.h"

#define V6GW_ALIGN8(x)	(((x) + 7) & ~(size_t)7)
/* The deepest chain of strictly nested IPv4 prefixes: /0 to /32. */
#define V6GW_P4_DEPTH	33

/**
 * struct v6gw_prefix4_set - an immutable IPv4 prefix set
 * @n: number of prefixes
 * @nkeys: number of intervals (1 to 2 * @n + 1)
 * @prefix: the prefixes, sorted by address then length
 * @key: start of each interval, ascending
 * @val: index into @prefix of the longest prefix covering each interval,
 *	or V6GW_TABLE_NONE
 */
struct v6gw_prefix4_set {
	uint32_t n;
	uint32_t nkeys;
	const struct v6gw_prefix4 *prefix;
	const uint32_t *key;
	const uint32_t *val;
};

/**
 * v6gw_table_strerror() - message for a table build error
 * @err: a V6GW_TABLE_ERR_* code returned by a *_build() function
 *
 * Return: a short static message suitable for a netlink extended ack.
 */
const char *v6gw_table_strerror(int err)
{
	switch (err) {
	case V6GW_TABLE_ERR_INVALID:
		return "invalid entry";
	case V6GW_TABLE_ERR_DUP4:
		return "another entry has the same IPv4 prefix";
	case V6GW_TABLE_ERR_DUP6:
		return "another entry has the same IPv6 prefix";
	case V6GW_TABLE_ERR_SPACE:
		return "too many entries";
	default:
		return "unknown table error";
	}
}

static uint32_t v6gw_mask4(uint8_t len)
{
	return len ? ~0U << (32 - len) : 0;
}

/**
 * v6gw_prefix4_invalid() - check an IPv4 prefix
 * @p: the prefix
 *
 * Return: NULL when @p is valid (length at most 32, no bit set beyond the
 * length), otherwise a short static message for a netlink extended ack.
 */
const char *v6gw_prefix4_invalid(const struct v6gw_prefix4 *p)
{
	if (p->len > 32)
		return "IPv4 prefix length must be at most 32";
	if (v6gw_get_be32(p->addr) & ~v6gw_mask4(p->len))
		return "bits beyond the IPv4 prefix length must be zero";
	return NULL;
}

/**
 * v6gw_prefix4_contains() - generic IPv4 prefix match
 * @p: the prefix; bits beyond its length are ignored
 * @v4: IPv4 address
 *
 * Return: true if the first @p->len bits of @v4 equal those of @p->addr.
 * A length above 32 matches nothing.
 */
bool v6gw_prefix4_contains(const struct v6gw_prefix4 *p, const uint8_t v4[4])
{
	if (p->len > 32)
		return false;
	return !((v6gw_get_be32(p->addr) ^ v6gw_get_be32(v4)) &
		 v6gw_mask4(p->len));
}

static const struct v6gw_prefix4 *v6gw_p4_at(const void *base, size_t stride,
					     uint32_t i)
{
	return (const void *)((const uint8_t *)base + (size_t)i * stride);
}

/* Order by address, then length, then position (heapsort is not stable). */
static int v6gw_p4_cmp(const void *base, size_t stride, uint32_t a,
		       uint32_t b)
{
	const struct v6gw_prefix4 *x = v6gw_p4_at(base, stride, a);
	const struct v6gw_prefix4 *y = v6gw_p4_at(base, stride, b);
	uint32_t ax = v6gw_get_be32(x->addr), ay = v6gw_get_be32(y->addr);

	if (ax != ay)
		return ax < ay ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return a < b ? -1 : a > b;
}

static void v6gw_p4_sift(uint32_t *idx, uint32_t root, uint32_t n,
			 const void *base, size_t stride)
{
	uint32_t v = idx[root], child;

	for (;;) {
		child = 2 * root + 1;
		if (child >= n)
			break;
		if (child + 1 < n &&
		    v6gw_p4_cmp(base, stride, idx[child], idx[child + 1]) < 0)
			child++;
		if (v6gw_p4_cmp(base, stride, v, idx[child]) >= 0)
			break;
		idx[root] = idx[child];
		root = child;
	}
	idx[root] = v;
}

/**
 * v6gw_prefix4_sort() - sort prefix indices and find duplicates
 * @idx: @n indices of prefixes at @base + index * @stride, sorted in place
 *	by (address, length, index)
 * @n: number of indices, at most V6GW_TABLE_MAX
 * @base: first prefix
 * @stride: distance between prefixes in bytes
 * @bad: on V6GW_TABLE_ERR_DUP4, set to the smallest index whose prefix
 *	equals that of a smaller index
 *
 * Heapsort: O(n log n), no extra memory. Prefixes must be valid.
 *
 * Return: 0, or V6GW_TABLE_ERR_DUP4 if two prefixes are equal.
 */
int v6gw_prefix4_sort(uint32_t *idx, uint32_t n, const void *base,
		      size_t stride, uint32_t *bad)
{
	uint32_t i, t, dup = V6GW_TABLE_NONE;

	for (i = n / 2; i-- > 0;)
		v6gw_p4_sift(idx, i, n, base, stride);
	for (i = n; i-- > 1;) {
		t = idx[0];
		idx[0] = idx[i];
		idx[i] = t;
		v6gw_p4_sift(idx, 0, i, base, stride);
	}

	/* Equal prefixes are adjacent, each run in increasing index order. */
	for (i = 1; i < n; i++) {
		const struct v6gw_prefix4 *x = v6gw_p4_at(base, stride,
							  idx[i - 1]);
		const struct v6gw_prefix4 *y = v6gw_p4_at(base, stride, idx[i]);

		if (x->len == y->len && !memcmp(x->addr, y->addr, 4) &&
		    idx[i] < dup)
			dup = idx[i];
	}
	if (dup == V6GW_TABLE_NONE)
		return 0;
	*bad = dup;
	return V6GW_TABLE_ERR_DUP4;
}

/* Append interval [start, ...) owned by @v, merging with its neighbours. */
static void v6gw_p4_emit(uint32_t *key, uint32_t *val, uint32_t *cnt,
			 uint32_t start, uint32_t v)
{
	uint32_t c = *cnt;

	/* a later event at the same start wins: drop the empty interval */
	if (c && key[c - 1] == start)
		c--;
	if (c && val[c - 1] == v) {
		*cnt = c;
		return;
	}
	key[c] = start;
	val[c] = v;
	*cnt = c + 1;
}

/**
 * v6gw_prefix4_flatten() - turn sorted prefixes into LPM intervals
 * @base: first prefix
 * @stride: distance between prefixes in bytes
 * @n: number of prefixes: valid, distinct and sorted by (address, length)
 * @key: receives the interval starts, at most 2 * @n + 1 of them
 * @val: receives the owner of each interval: the index of the longest
 *	prefix containing it, or V6GW_TABLE_NONE
 *
 * Return: the number of intervals written (at least 1; @key[0] is 0).
 */
uint32_t v6gw_prefix4_flatten(const void *base, size_t stride, uint32_t n,
			      uint32_t *key, uint32_t *val)
{
	uint32_t open[V6GW_P4_DEPTH], end[V6GW_P4_DEPTH];
	unsigned int depth = 0;
	uint32_t cnt = 0, i;

	v6gw_p4_emit(key, val, &cnt, 0, V6GW_TABLE_NONE);
	for (i = 0; i < n; i++) {
		const struct v6gw_prefix4 *p = v6gw_p4_at(base, stride, i);
		uint32_t lo = v6gw_get_be32(p->addr);

		/* close the open prefixes that end before this one starts */
		while (depth && end[depth - 1] < lo) {
			depth--;
			v6gw_p4_emit(key, val, &cnt, end[depth] + 1,
				     depth ? open[depth - 1] : V6GW_TABLE_NONE);
		}
		/* what is still open encloses p: nesting depth <= 33 */
		if (depth == V6GW_P4_DEPTH)
			break;
		open[depth] = i;
		end[depth] = lo | ~v6gw_mask4(p->len);
		depth++;
		v6gw_p4_emit(key, val, &cnt, lo, i);
	}
	while (depth) {
		depth--;
		if (end[depth] != 0xffffffffU)
			v6gw_p4_emit(key, val, &cnt, end[depth] + 1,
				     depth ? open[depth - 1] : V6GW_TABLE_NONE);
	}
	return cnt;
}

/**
 * v6gw_prefix4_search() - find the interval holding an address
 * @key: interval starts, ascending, @key[0] = 0
 * @nkeys: number of intervals, at least 1
 * @a: the address, host order
 *
 * Return: the index of the last start <= @a.
 */
uint32_t v6gw_prefix4_search(const uint32_t *key, uint32_t nkeys, uint32_t a)
{
	uint32_t lo = 0, len = nkeys, half;

	while (len > 1) {
		half = len / 2;
		if (key[lo + half] <= a)
			lo += half;
		len -= half;
	}
	return lo;
}

/**
 * v6gw_prefix4_bsearch() - exact search in sorted prefixes
 * @base: first prefix
 * @stride: distance between prefixes in bytes
 * @n: number of prefixes, sorted by (address, length)
 * @p: the prefix to find
 * @index: receives its index on success (may be NULL)
 *
 * Return: true if a prefix equal to @p (address and length) is present.
 */
bool v6gw_prefix4_bsearch(const void *base, size_t stride, uint32_t n,
			  const struct v6gw_prefix4 *p, uint32_t *index)
{
	uint32_t a = v6gw_get_be32(p->addr), lo = 0, hi = n, mid;

	while (lo < hi) {
		const struct v6gw_prefix4 *q;
		uint32_t qa;

		mid = lo + (hi - lo) / 2;
		q = v6gw_p4_at(base, stride, mid);
		qa = v6gw_get_be32(q->addr);
		if (qa == a && q->len == p->len) {
			if (index)
				*index = mid;
			return true;
		}
		if (qa < a || (qa == a && q->len < p->len))
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static size_t v6gw_prefix4_set_hdr(void)
{
	return V6GW_ALIGN8(sizeof(struct v6gw_prefix4_set));
}

/**
 * v6gw_prefix4_set_size() - memory needed for a set
 * @n: number of prefixes
 *
 * Return: the size in bytes to pass to v6gw_prefix4_set_build(), or 0 if
 * @n exceeds V6GW_TABLE_MAX.
 */
size_t v6gw_prefix4_set_size(uint32_t n)
{
	size_t nkeys = 2 * (size_t)n + 1;

	if (n > V6GW_TABLE_MAX)
		return 0;
	return v6gw_prefix4_set_hdr() + 2 * nkeys * sizeof(uint32_t) +
	       n * sizeof(struct v6gw_prefix4);
}

/**
 * v6gw_prefix4_set_build() - build an immutable prefix set
 * @mem: 8-byte aligned memory for the set, not shared with @prefixes
 * @size: its size, at least v6gw_prefix4_set_size(@n)
 * @prefixes: @n prefixes in any order; copied, not referenced
 * @n: number of prefixes (0 gives an empty set)
 * @bad: on V6GW_TABLE_ERR_INVALID or V6GW_TABLE_ERR_DUP4, set to the index
 *	in @prefixes of the offending prefix: the first invalid one, or the
 *	first that repeats an earlier one (may be NULL)
 *
 * O(n log n). On success @mem holds the set: cast it to
 * struct v6gw_prefix4_set * and only read it from then on.
 *
 * Return: 0 or a negative V6GW_TABLE_ERR_* code.
 */
int v6gw_prefix4_set_build(void *mem, size_t size,
			   const struct v6gw_prefix4 *prefixes, uint32_t n,
			   uint32_t *bad)
{
	size_t need = v6gw_prefix4_set_size(n), nkeys = 2 * (size_t)n + 1;
	struct v6gw_prefix4_set *s = mem;
	struct v6gw_prefix4 *sorted;
	uint32_t *key, *val, i, where;
	int err;

	if (!bad)
		bad = &where;
	if (!need || size < need || ((uintptr_t)mem & 7))
		return V6GW_TABLE_ERR_SPACE;
	for (i = 0; i < n; i++) {
		if (v6gw_prefix4_invalid(&prefixes[i])) {
			*bad = i;
			return V6GW_TABLE_ERR_INVALID;
		}
	}

	key = (uint32_t *)((uint8_t *)mem + v6gw_prefix4_set_hdr());
	val = key + nkeys;
	sorted = (struct v6gw_prefix4 *)(val + nkeys);

	for (i = 0; i < n; i++)
		val[i] = i;
	err = v6gw_prefix4_sort(val, n, prefixes, sizeof(*prefixes), bad);
	if (err)
		return err;
	for (i = 0; i < n; i++)
		sorted[i] = prefixes[val[i]];

	s->n = n;
	s->nkeys = v6gw_prefix4_flatten(sorted, sizeof(*sorted), n, key, val);
	s->prefix = sorted;
	s->key = key;
	s->val = val;
	return 0;
}

/**
 * v6gw_prefix4_set_match() - longest-prefix match in a set
 * @s: the set
 * @v4: IPv4 address
 * @index: receives the index (as for v6gw_prefix4_set_entry()) of the
 *	longest prefix containing @v4 (may be NULL)
 *
 * O(log n).
 *
 * Return: true if some prefix of @s contains @v4.
 */
bool v6gw_prefix4_set_match(const struct v6gw_prefix4_set *s,
			    const uint8_t v4[4], uint32_t *index)
{
	uint32_t k = v6gw_prefix4_search(s->key, s->nkeys, v6gw_get_be32(v4));

	if (s->val[k] == V6GW_TABLE_NONE)
		return false;
	if (index)
		*index = s->val[k];
	return true;
}

/**
 * v6gw_prefix4_set_contains() - is an address in a set?
 * @s: the set
 * @v4: IPv4 address
 *
 * O(log n).
 *
 * Return: true if some prefix of @s contains @v4.
 */
bool v6gw_prefix4_set_contains(const struct v6gw_prefix4_set *s,
			       const uint8_t v4[4])
{
	return v6gw_prefix4_set_match(s, v4, NULL);
}

/**
 * v6gw_prefix4_set_find() - find a prefix itself (not an address) in a set
 * @s: the set
 * @p: the prefix: address and length must both match
 * @index: receives its index (may be NULL)
 *
 * Return: true if @p is in @s.
 */
bool v6gw_prefix4_set_find(const struct v6gw_prefix4_set *s,
			   const struct v6gw_prefix4 *p, uint32_t *index)
{
	return v6gw_prefix4_bsearch(s->prefix, sizeof(*s->prefix), s->n, p,
				    index);
}

/**
 * v6gw_prefix4_set_count() - number of prefixes in a set
 * @s: the set
 *
 * Return: the number of prefixes.
 */
uint32_t v6gw_prefix4_set_count(const struct v6gw_prefix4_set *s)
{
	return s->n;
}

/**
 * v6gw_prefix4_set_entry() - read a set back
 * @s: the set
 * @i: index, below v6gw_prefix4_set_count()
 *
 * Prefixes come sorted by address, then length: the order does not depend
 * on the order they were given in, so a dump can resume after a given
 * prefix even if the set was rebuilt in between.
 *
 * Return: the prefix, or NULL if @i is out of range.
 */
const struct v6gw_prefix4 *
v6gw_prefix4_set_entry(const struct v6gw_prefix4_set *s, uint32_t i)
{
	return i < s->n ? &s->prefix[i] : NULL;
}
