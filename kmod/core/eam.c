// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The Explicit Address Mapping table (RFC 7757).
 *
 * Both directions use the flattening of prefix4.c: prefixes of one family
 * are nested or disjoint, so they cut the address space into at most
 * 2n + 1 intervals, each owned by its longest matching entry (or none). A
 * lookup is a binary search for the last interval start <= the address.
 * IPv6 interval starts are kept as two host-order 64-bit halves so that a
 * comparison is two integer compares.
 *
 * Memory layout (all in the caller's block, 8-byte aligned; K = 2n + 1):
 *
 *	struct v6gw_eam_table     header
 *	struct v6gw_u128 key6[K]  IPv6 interval starts
 *	uint32_t key4[K]          IPv4 interval starts
 *	uint32_t val4[K]          owner of each IPv4 interval (entry index)
 *	uint32_t val6[K]          owner of each IPv6 interval; during the
 *	                          build, the IPv4 sort permutation
 *	uint32_t ord6[n]          entry indices sorted by IPv6 prefix
 *	struct v6gw_eam entry[n]  the entries, sorted by IPv4 prefix
 *
 * About 28 bytes per interval plus 26 per entry: 100 000 entries take about
 * 8 MB.
 */

#include "eam.h"

#define V6GW_ALIGN8(x)	(((x) + 7) & ~(size_t)7)
/* The deepest chain of strictly nested IPv6 prefixes: /0 to /128. */
#define V6GW_P6_DEPTH	129

struct v6gw_u128 {
	uint64_t hi;
	uint64_t lo;
};

/**
 * struct v6gw_eam_table - an immutable EAM table
 * @n: number of entries
 * @nkeys4: number of IPv4 intervals
 * @nkeys6: number of IPv6 intervals
 * @entry: the entries, sorted by IPv4 prefix (address, then length)
 * @ord6: indices into @entry sorted by IPv6 prefix
 * @key4: IPv4 interval starts, ascending, @key4[0] = 0
 * @val4: index into @entry of the longest IPv4 match for each interval
 * @key6: IPv6 interval starts, ascending, @key6[0] = ::
 * @val6: index into @entry of the longest IPv6 match for each interval
 */
struct v6gw_eam_table {
	uint32_t n;
	uint32_t nkeys4;
	uint32_t nkeys6;
	const struct v6gw_eam *entry;
	const uint32_t *ord6;
	const uint32_t *key4;
	const uint32_t *val4;
	const struct v6gw_u128 *key6;
	const uint32_t *val6;
};

static struct v6gw_u128 v6gw_u128_get(const uint8_t a[16])
{
	struct v6gw_u128 x;

	x.hi = (uint64_t)v6gw_get_be32(a) << 32 | v6gw_get_be32(a + 4);
	x.lo = (uint64_t)v6gw_get_be32(a + 8) << 32 | v6gw_get_be32(a + 12);
	return x;
}

static void v6gw_u128_put(uint8_t a[16], struct v6gw_u128 x)
{
	v6gw_put_be32(a, (uint32_t)(x.hi >> 32));
	v6gw_put_be32(a + 4, (uint32_t)x.hi);
	v6gw_put_be32(a + 8, (uint32_t)(x.lo >> 32));
	v6gw_put_be32(a + 12, (uint32_t)x.lo);
}

static bool v6gw_u128_le(struct v6gw_u128 a, struct v6gw_u128 b)
{
	return a.hi < b.hi || (a.hi == b.hi && a.lo <= b.lo);
}

static bool v6gw_u128_eq(struct v6gw_u128 a, struct v6gw_u128 b)
{
	return a.hi == b.hi && a.lo == b.lo;
}

/* The last address of the prefix @x/@len (0 <= len <= 128). */
static struct v6gw_u128 v6gw_u128_last(struct v6gw_u128 x, unsigned int len)
{
	if (len < 64) {
		x.hi |= ~0ULL >> len;
		x.lo = ~0ULL;
	} else if (len == 64) {
		x.lo = ~0ULL;
	} else if (len < 128) {
		x.lo |= ~0ULL >> (len - 64);
	}
	return x;
}

static struct v6gw_u128 v6gw_u128_inc(struct v6gw_u128 x)
{
	if (!++x.lo)
		x.hi++;
	return x;
}

static const char *v6gw_eam_prefix6_invalid(const struct v6gw_prefix6 *p)
{
	static const struct v6gw_u128 zero;
	struct v6gw_u128 x, host;

	if (p->len > 128)
		return "IPv6 prefix length must be at most 128";
	x = v6gw_u128_get(p->addr);
	host = v6gw_u128_last(zero, p->len);
	if ((x.hi & host.hi) || (x.lo & host.lo))
		return "bits beyond the IPv6 prefix length must be zero";
	return NULL;
}

/**
 * v6gw_eam_invalid() - check an explicit address mapping
 * @e: the entry
 *
 * Both prefixes must be valid (length in range, no bit set beyond it) and
 * the IPv6 suffix must be at least as long as the IPv4 one, 128 - len6 >=
 * 32 - len4 (RFC 7757 section 3.2), so that every IPv4 address of the
 * prefix has an IPv6 counterpart.
 *
 * Return: NULL when @e is valid, otherwise a short static message
 * suitable for a netlink extended ack.
 */
const char *v6gw_eam_invalid(const struct v6gw_eam *e)
{
	const char *msg;

	msg = v6gw_eam_prefix6_invalid(&e->p6);
	if (msg)
		return msg;
	msg = v6gw_prefix4_invalid(&e->p4);
	if (msg)
		return msg;
	if (128 - e->p6.len < 32 - e->p4.len)
		return "the IPv6 suffix must be at least as long as the IPv4 one";
	return NULL;
}

/*
 * Order by IPv6 address, then length, then position in the caller's array
 * (@orig maps an index into @entry to that position).
 */
static int v6gw_p6_cmp(const struct v6gw_eam *entry, const uint32_t *orig,
		       uint32_t a, uint32_t b)
{
	const struct v6gw_prefix6 *x = &entry[a].p6, *y = &entry[b].p6;
	int c = memcmp(x->addr, y->addr, 16);

	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return orig[a] < orig[b] ? -1 : orig[a] > orig[b];
}

static void v6gw_p6_sift(uint32_t *idx, uint32_t root, uint32_t n,
			 const struct v6gw_eam *entry, const uint32_t *orig)
{
	uint32_t v = idx[root], child;

	for (;;) {
		child = 2 * root + 1;
		if (child >= n)
			break;
		if (child + 1 < n &&
		    v6gw_p6_cmp(entry, orig, idx[child], idx[child + 1]) < 0)
			child++;
		if (v6gw_p6_cmp(entry, orig, v, idx[child]) >= 0)
			break;
		idx[root] = idx[child];
		root = child;
	}
	idx[root] = v;
}

static void v6gw_p6_sort(uint32_t *idx, uint32_t n,
			 const struct v6gw_eam *entry, const uint32_t *orig)
{
	uint32_t i, t;

	for (i = n / 2; i-- > 0;)
		v6gw_p6_sift(idx, i, n, entry, orig);
	for (i = n; i-- > 1;) {
		t = idx[0];
		idx[0] = idx[i];
		idx[i] = t;
		v6gw_p6_sift(idx, 0, i, entry, orig);
	}
}

static void v6gw_p6_emit(struct v6gw_u128 *key, uint32_t *val, uint32_t *cnt,
			 struct v6gw_u128 start, uint32_t v)
{
	uint32_t c = *cnt;

	if (c && v6gw_u128_eq(key[c - 1], start))
		c--;
	if (c && val[c - 1] == v) {
		*cnt = c;
		return;
	}
	key[c] = start;
	val[c] = v;
	*cnt = c + 1;
}

/* The IPv6 counterpart of v6gw_prefix4_flatten(), in @ord6 order. */
static uint32_t v6gw_p6_flatten(const struct v6gw_eam *entry,
				const uint32_t *ord6, uint32_t n,
				struct v6gw_u128 *key, uint32_t *val)
{
	static const struct v6gw_u128 zero, ones = { ~0ULL, ~0ULL };
	uint32_t open[V6GW_P6_DEPTH];
	unsigned int depth = 0;
	struct v6gw_u128 last;
	uint32_t cnt = 0, i, e;

	v6gw_p6_emit(key, val, &cnt, zero, V6GW_TABLE_NONE);
	for (i = 0; i < n; i++) {
		struct v6gw_u128 lo;

		e = ord6[i];
		lo = v6gw_u128_get(entry[e].p6.addr);
		while (depth) {
			const struct v6gw_prefix6 *top;

			top = &entry[open[depth - 1]].p6;
			last = v6gw_u128_last(v6gw_u128_get(top->addr),
					      top->len);
			if (v6gw_u128_le(lo, last))
				break;
			depth--;
			v6gw_p6_emit(key, val, &cnt, v6gw_u128_inc(last),
				     depth ? open[depth - 1] : V6GW_TABLE_NONE);
		}
		if (depth == V6GW_P6_DEPTH)
			break;
		open[depth++] = e;
		v6gw_p6_emit(key, val, &cnt, lo, e);
	}
	while (depth) {
		const struct v6gw_prefix6 *top = &entry[open[depth - 1]].p6;

		last = v6gw_u128_last(v6gw_u128_get(top->addr), top->len);
		depth--;
		if (!v6gw_u128_eq(last, ones))
			v6gw_p6_emit(key, val, &cnt, v6gw_u128_inc(last),
				     depth ? open[depth - 1] : V6GW_TABLE_NONE);
	}
	return cnt;
}

static size_t v6gw_eam_table_hdr(void)
{
	return V6GW_ALIGN8(sizeof(struct v6gw_eam_table));
}

/**
 * v6gw_eam_table_size() - memory needed for an EAM table
 * @n: number of entries
 *
 * Return: the size in bytes to pass to v6gw_eam_table_build(), or 0 if @n
 * exceeds V6GW_TABLE_MAX.
 */
size_t v6gw_eam_table_size(uint32_t n)
{
	size_t nkeys = 2 * (size_t)n + 1;

	if (n > V6GW_TABLE_MAX)
		return 0;
	return v6gw_eam_table_hdr() + nkeys * sizeof(struct v6gw_u128) +
	       3 * nkeys * sizeof(uint32_t) + n * sizeof(uint32_t) +
	       n * sizeof(struct v6gw_eam);
}

/**
 * v6gw_eam_table_build() - build an immutable EAM table
 * @mem: 8-byte aligned memory for the table, not shared with @entries
 * @size: its size, at least v6gw_eam_table_size(@n)
 * @entries: @n entries in any order; copied, not referenced
 * @n: number of entries (0 gives an empty table)
 * @conflict: on V6GW_TABLE_ERR_INVALID, set to the index in @entries of the
 *	first invalid entry (v6gw_eam_invalid() says why); on
 *	V6GW_TABLE_ERR_DUP4 or V6GW_TABLE_ERR_DUP6, to the first index whose
 *	IPv4 (respectively IPv6) prefix equals that of an earlier entry.
 *	May be NULL.
 *
 * Prefixes of different lengths may overlap (the longest wins); equal
 * prefixes may not, since a lookup could not choose. IPv4 duplicates are
 * reported before IPv6 ones. O(n log n).
 *
 * On success @mem holds the table: cast it to struct v6gw_eam_table * and
 * only read it from then on.
 *
 * Return: 0 or a negative V6GW_TABLE_ERR_* code (v6gw_table_strerror()).
 */
int v6gw_eam_table_build(void *mem, size_t size,
			 const struct v6gw_eam *entries, uint32_t n,
			 uint32_t *conflict)
{
	size_t need = v6gw_eam_table_size(n), nkeys = 2 * (size_t)n + 1;
	uint32_t *key4, *val4, *val6, *ord6, *perm, i, dup, where;
	struct v6gw_eam_table *t = mem;
	struct v6gw_u128 *key6;
	struct v6gw_eam *entry;
	int err;

	if (!conflict)
		conflict = &where;
	if (!need || size < need || ((uintptr_t)mem & 7))
		return V6GW_TABLE_ERR_SPACE;
	for (i = 0; i < n; i++) {
		if (v6gw_eam_invalid(&entries[i])) {
			*conflict = i;
			return V6GW_TABLE_ERR_INVALID;
		}
	}

	key6 = (struct v6gw_u128 *)((uint8_t *)mem + v6gw_eam_table_hdr());
	key4 = (uint32_t *)(key6 + nkeys);
	val4 = key4 + nkeys;
	val6 = val4 + nkeys;
	ord6 = val6 + nkeys;
	entry = (struct v6gw_eam *)(ord6 + n);

	/* IPv4 side: sort, reject duplicates, store the entries in order */
	perm = val6;
	for (i = 0; i < n; i++)
		perm[i] = i;
	if (n) {
		err = v6gw_prefix4_sort(perm, n, &entries[0].p4,
					sizeof(*entries), conflict);
		if (err)
			return err;
	}
	for (i = 0; i < n; i++)
		entry[i] = entries[perm[i]];
	t->nkeys4 = v6gw_prefix4_flatten(n ? &entry[0].p4 : NULL,
					 sizeof(*entry), n, key4, val4);

	/* IPv6 side: duplicates are reported by their index in @entries */
	for (i = 0; i < n; i++)
		ord6[i] = i;
	v6gw_p6_sort(ord6, n, entry, perm);
	/* equal prefixes are adjacent, each run in increasing perm[] order */
	dup = V6GW_TABLE_NONE;
	for (i = 1; i < n; i++) {
		const struct v6gw_prefix6 *x = &entry[ord6[i - 1]].p6;
		const struct v6gw_prefix6 *y = &entry[ord6[i]].p6;

		if (x->len == y->len && !memcmp(x->addr, y->addr, 16) &&
		    perm[ord6[i]] < dup)
			dup = perm[ord6[i]];
	}
	if (dup != V6GW_TABLE_NONE) {
		*conflict = dup;
		return V6GW_TABLE_ERR_DUP6;
	}
	t->nkeys6 = v6gw_p6_flatten(entry, ord6, n, key6, val6);

	t->n = n;
	t->entry = entry;
	t->ord6 = ord6;
	t->key4 = key4;
	t->val4 = val4;
	t->key6 = key6;
	t->val6 = val6;
	return 0;
}

/* Low @s bits set, 0 <= s <= 32. */
static uint32_t v6gw_low_bits(unsigned int s)
{
	return s ? 0xffffffffU >> (32 - s) : 0;
}

/**
 * v6gw_eam_4to6() - translate an IPv4 address with the EAM table
 * @t: the table
 * @v4: IPv4 address
 * @v6: receives the IPv6 address, written only on success
 *
 * The entry with the longest IPv4 prefix containing @v4 is used: the
 * 32 - len4 suffix bits of @v4 are written right after its IPv6 prefix
 * (bits len6 to len6 + 31 - len4) and the remaining low bits are zero
 * (RFC 7757 section 3.3). O(log n).
 *
 * Return: true if an entry matched and @v6 was written.
 */
bool v6gw_eam_4to6(const struct v6gw_eam_table *t, const uint8_t v4[4],
		   uint8_t v6[16])
{
	uint32_t a = v6gw_get_be32(v4), k, s4, shift;
	const struct v6gw_eam *e;
	struct v6gw_u128 x;
	uint64_t suffix;

	k = v6gw_prefix4_search(t->key4, t->nkeys4, a);
	if (t->val4[k] == V6GW_TABLE_NONE)
		return false;
	e = &t->entry[t->val4[k]];

	x = v6gw_u128_get(e->p6.addr);
	s4 = 32 - e->p4.len;
	if (s4) {
		suffix = a & v6gw_low_bits(s4);
		shift = 128 - e->p6.len - s4;	/* >= 0: entry is valid */
		if (shift >= 64) {
			x.hi |= suffix << (shift - 64);
		} else {
			x.lo |= suffix << shift;
			if (shift)
				x.hi |= suffix >> (64 - shift);
		}
	}
	v6gw_u128_put(v6, x);
	return true;
}

/**
 * v6gw_eam_6to4() - translate an IPv6 address with the EAM table
 * @t: the table
 * @v6: IPv6 address
 * @v4: receives the IPv4 address, written only on success
 *
 * The entry with the longest IPv6 prefix containing @v6 is used: the
 * 32 - len4 bits right after its IPv6 prefix become the IPv4 suffix. Any
 * IPv6 bits after those (which v6gw_eam_4to6() would have set to zero) are
 * ignored, the way RFC 6052 suffixes are ignored on receipt; so the IPv6
 * to IPv4 mapping is many-to-one when len6 + 32 - len4 < 128. O(log n).
 *
 * Return: true if an entry matched and @v4 was written.
 */
bool v6gw_eam_6to4(const struct v6gw_eam_table *t, const uint8_t v6[16],
		   uint8_t v4[4])
{
	struct v6gw_u128 x = v6gw_u128_get(v6);
	uint32_t lo = 0, len = t->nkeys6, half, s4, shift, bits;
	const struct v6gw_eam *e;
	uint64_t w;

	while (len > 1) {
		half = len / 2;
		if (v6gw_u128_le(t->key6[lo + half], x))
			lo += half;
		len -= half;
	}
	if (t->val6[lo] == V6GW_TABLE_NONE)
		return false;
	e = &t->entry[t->val6[lo]];

	s4 = 32 - e->p4.len;
	bits = 0;
	if (s4) {
		shift = 128 - e->p6.len - s4;
		if (shift >= 64) {
			w = x.hi >> (shift - 64);
		} else {
			w = x.lo >> shift;
			if (shift)
				w |= x.hi << (64 - shift);
		}
		bits = (uint32_t)w & v6gw_low_bits(s4);
	}
	v6gw_put_be32(v4, v6gw_get_be32(e->p4.addr) | bits);
	return true;
}

/**
 * v6gw_eam_table_count() - number of entries in an EAM table
 * @t: the table
 *
 * Return: the number of entries.
 */
uint32_t v6gw_eam_table_count(const struct v6gw_eam_table *t)
{
	return t->n;
}

/**
 * v6gw_eam_table_entry() - read an EAM table back
 * @t: the table
 * @i: index, below v6gw_eam_table_count()
 *
 * Entries come sorted by IPv4 prefix (address, then length): the order does
 * not depend on the order they were given in, so a netlink dump can resume
 * after a given IPv4 prefix even if the table was rebuilt in between, and a
 * new table can be built from the entries of the old one plus or minus
 * some.
 *
 * Return: the entry, or NULL if @i is out of range.
 */
const struct v6gw_eam *v6gw_eam_table_entry(const struct v6gw_eam_table *t,
					    uint32_t i)
{
	return i < t->n ? &t->entry[i] : NULL;
}

/**
 * v6gw_eam_table_find4() - find the entry with a given IPv4 prefix
 * @t: the table
 * @p4: the IPv4 prefix (address and length must both match)
 * @index: receives the entry's index (may be NULL)
 *
 * O(log n).
 *
 * Return: true if an entry has exactly @p4 as its IPv4 prefix.
 */
bool v6gw_eam_table_find4(const struct v6gw_eam_table *t,
			  const struct v6gw_prefix4 *p4, uint32_t *index)
{
	if (!t->n)
		return false;
	return v6gw_prefix4_bsearch(&t->entry[0].p4, sizeof(*t->entry), t->n,
				    p4, index);
}

/**
 * v6gw_eam_table_find6() - find the entry with a given IPv6 prefix
 * @t: the table
 * @p6: the IPv6 prefix (address and length must both match)
 * @index: receives the entry's index (may be NULL)
 *
 * O(log n).
 *
 * Return: true if an entry has exactly @p6 as its IPv6 prefix.
 */
bool v6gw_eam_table_find6(const struct v6gw_eam_table *t,
			  const struct v6gw_prefix6 *p6, uint32_t *index)
{
	uint32_t lo = 0, hi = t->n, mid;

	while (lo < hi) {
		const struct v6gw_prefix6 *q;
		int c;

		mid = lo + (hi - lo) / 2;
		q = &t->entry[t->ord6[mid]].p6;
		c = memcmp(q->addr, p6->addr, 16);
		if (!c)
			c = q->len < p6->len ? -1 : q->len > p6->len;
		if (!c) {
			if (index)
				*index = t->ord6[mid];
			return true;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}
