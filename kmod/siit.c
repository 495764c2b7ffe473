// SPDX-License-Identifier: GPL-2.0
/*
 * The stateless translator's configuration: one immutable snapshot per
 * namespace (struct v6gw_siit), read by the data path under RCU and
 * replaced whole by every change, under the namespace's configuration
 * lock. Tables (EAM, denylist) are built by the portable core into blobs
 * that unchanged snapshots share by reference, so a change rebuilds only
 * the table it touches.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/refcount.h>
#include <linux/v6gw.h>

#include "txn.h"
#include "v6gw.h"

struct v6gw_blob {
	refcount_t ref;
	u64 data[];		/* the core wants 8-byte aligned memory */
};

static struct v6gw_blob *v6gw_blob_alloc(size_t size)
{
	struct v6gw_blob *b = kvzalloc(sizeof(*b) + size, GFP_KERNEL);

	if (b)
		refcount_set(&b->ref, 1);
	return b;
}

static void v6gw_blob_put(struct v6gw_blob *b)
{
	if (b && refcount_dec_and_test(&b->ref))
		kvfree(b);
}

static struct v6gw_blob *v6gw_blob_get(struct v6gw_blob *b)
{
	if (b)
		refcount_inc(&b->ref);
	return b;
}

static void v6gw_siit_free(struct v6gw_siit *s)
{
	int i;

	for (i = 0; i < V6GW_SIIT_NTABLES; i++)
		v6gw_blob_put(s->blob[i]);
	kfree(s);
}

static void v6gw_siit_free_rcu(struct rcu_head *rcu)
{
	v6gw_siit_free(container_of(rcu, struct v6gw_siit, rcu));
}

/* The defaults of a namespace that has never been configured. */
static void v6gw_siit_defaults(struct v6gw_siit *s)
{
	s->map.lowest_ipv6_mtu = 1280;
}

/*
 * The snapshot changes start from: a transaction's staged one, else the
 * running one (NULL: the defaults). Under the lock.
 */
static struct v6gw_siit *v6gw_siit_base(struct v6gw_net *vn)
{
	struct v6gw_txn *t = vn->txn;

	if (t && t->has_siit)
		return t->siit;
	return v6gw_deref_cfg(vn, vn->siit);
}

/* A private copy of the current snapshot (or of the defaults) to edit. */
static struct v6gw_siit *v6gw_siit_clone(struct v6gw_net *vn)
{
	struct v6gw_siit *old = v6gw_siit_base(vn);
	struct v6gw_siit *s = kzalloc(sizeof(*s), GFP_KERNEL);
	int i;

	if (!s)
		return NULL;
	if (!old) {
		v6gw_siit_defaults(s);
		return s;
	}
	s->map = old->map;
	for (i = 0; i < V6GW_SIIT_NTABLES; i++)
		s->blob[i] = v6gw_blob_get(old->blob[i]);
	return s;
}

/* Is there anything to translate with? */
static bool v6gw_siit_active(const struct v6gw_siit *s)
{
	return s && ((s->map.flags & V6GW_MAP_POOL6) || s->map.eam);
}

bool v6gw_siit_configured(struct v6gw_net *vn)
{
	return v6gw_siit_active(v6gw_deref_cfg(vn, vn->siit));
}

/* A staged snapshot the data path never saw. */
void v6gw_siit_drop(struct v6gw_siit *s)
{
	if (s)
		v6gw_siit_free(s);
}

/*
 * Publish @s (prepared; NULL: no SIIT configuration) and bring the hooks
 * in line. On failure the old snapshot stays and @s is freed.
 */
int v6gw_siit_publish(struct v6gw_net *vn, struct v6gw_siit *s)
{
	struct v6gw_siit *old = v6gw_deref_cfg(vn, vn->siit);
	int err;

	rcu_assign_pointer(vn->siit, s);
	err = v6gw_hooks_sync(vn);
	if (err) {
		rcu_assign_pointer(vn->siit, old);
		if (s)
			call_rcu(&s->rcu, v6gw_siit_free_rcu);
		return err;
	}
	if (old)
		call_rcu(&old->rcu, v6gw_siit_free_rcu);
	return 0;
}

/* An edited snapshot: staged in a transaction, else published. */
static int v6gw_siit_commit(struct v6gw_net *vn, struct v6gw_siit *s)
{
	struct v6gw_txn *t = vn->txn;

	v6gw_map_prepare(&s->map);
	if (!t)
		return v6gw_siit_publish(vn, s);
	if (t->has_siit)
		v6gw_siit_drop(t->siit);
	t->siit = s;
	t->has_siit = true;
	return 0;
}

static bool v6gw_prefix6_eq(const struct v6gw_prefix6 *a,
			    const struct v6gw_prefix6 *b)
{
	return a->len == b->len && !memcmp(a->addr, b->addr, sizeof(a->addr));
}

static bool v6gw_prefix4_eq(const struct v6gw_prefix4 *a,
			    const struct v6gw_prefix4 *b)
{
	return a->len == b->len && !memcmp(a->addr, b->addr, sizeof(a->addr));
}

/**
 * v6gw_siit_pool6_set() - configure the RFC 6052 prefix
 * @vn: the namespace, lock held
 * @p: a prefix that v6gw_rfc6052_prefix_invalid() accepted
 *
 * Return: 0, -EEXIST when a prefix is configured already, -ENOMEM.
 */
int v6gw_siit_pool6_set(struct v6gw_net *vn, const struct v6gw_prefix6 *p)
{
	struct v6gw_siit *old = v6gw_siit_base(vn), *s;

	lockdep_assert_held(&vn->lock);
	if (old && (old->map.flags & V6GW_MAP_POOL6))
		return -EEXIST;
	s = v6gw_siit_clone(vn);
	if (!s)
		return -ENOMEM;
	s->map.pool6 = *p;
	s->map.flags |= V6GW_MAP_POOL6;
	return v6gw_siit_commit(vn, s);
}

/**
 * v6gw_siit_pool6_del() - remove the RFC 6052 prefix
 * @vn: the namespace, lock held
 * @p: must equal the configured prefix
 *
 * Return: 0, -ENOENT or -ENOMEM.
 */
int v6gw_siit_pool6_del(struct v6gw_net *vn, const struct v6gw_prefix6 *p)
{
	struct v6gw_siit *old = v6gw_siit_base(vn), *s;

	lockdep_assert_held(&vn->lock);
	if (!old || !(old->map.flags & V6GW_MAP_POOL6) ||
	    !v6gw_prefix6_eq(&old->map.pool6, p))
		return -ENOENT;
	s = v6gw_siit_clone(vn);
	if (!s)
		return -ENOMEM;
	s->map.flags &= ~V6GW_MAP_POOL6;
	memset(&s->map.pool6, 0, sizeof(s->map.pool6));
	return v6gw_siit_commit(vn, s);
}

/*
 * The tables of a snapshot. The portable core builds each into one block
 * of memory (a blob here) from an array of entries and reads entries back
 * by index; these wrappers give the two tables one shape, so that adding,
 * removing and dumping is written once.
 */
struct v6gw_table_type {
	size_t elem;				/* bytes per entry */
	size_t (*size)(u32 n);
	int (*build)(void *mem, size_t size, const void *e, u32 n, u32 *bad);
	u32 (*count)(const void *t);
	const void *(*entry)(const void *t, u32 i);
	bool (*eq)(const void *a, const void *b);
	void (*attach)(struct v6gw_map *m, const void *t);
};

static int v6gw_eam_build(void *mem, size_t size, const void *e, u32 n,
			  u32 *bad)
{
	return v6gw_eam_table_build(mem, size, e, n, bad);
}

static u32 v6gw_eam_count(const void *t)
{
	return v6gw_eam_table_count(t);
}

static const void *v6gw_eam_entry(const void *t, u32 i)
{
	return v6gw_eam_table_entry(t, i);
}

static bool v6gw_eam_eq(const void *a, const void *b)
{
	const struct v6gw_eam *x = a, *y = b;

	return v6gw_prefix6_eq(&x->p6, &y->p6) &&
	       v6gw_prefix4_eq(&x->p4, &y->p4);
}

static void v6gw_eam_attach(struct v6gw_map *m, const void *t)
{
	m->eam = t;
}

static int v6gw_deny_build(void *mem, size_t size, const void *e, u32 n,
			   u32 *bad)
{
	return v6gw_prefix4_set_build(mem, size, e, n, bad);
}

static u32 v6gw_deny_count(const void *t)
{
	return v6gw_prefix4_set_count(t);
}

static const void *v6gw_deny_entry(const void *t, u32 i)
{
	return v6gw_prefix4_set_entry(t, i);
}

static bool v6gw_deny_eq(const void *a, const void *b)
{
	return v6gw_prefix4_eq(a, b);
}

static void v6gw_deny_attach(struct v6gw_map *m, const void *t)
{
	m->deny4 = t;
}

static const struct v6gw_table_type v6gw_siit_tables[V6GW_SIIT_NTABLES] = {
	[V6GW_SIIT_T_EAM] = {
		.elem = sizeof(struct v6gw_eam),
		.size = v6gw_eam_table_size,
		.build = v6gw_eam_build,
		.count = v6gw_eam_count,
		.entry = v6gw_eam_entry,
		.eq = v6gw_eam_eq,
		.attach = v6gw_eam_attach,
	},
	[V6GW_SIIT_T_DENY] = {
		.elem = sizeof(struct v6gw_prefix4),
		.size = v6gw_prefix4_set_size,
		.build = v6gw_deny_build,
		.count = v6gw_deny_count,
		.entry = v6gw_deny_entry,
		.eq = v6gw_deny_eq,
		.attach = v6gw_deny_attach,
	},
};

/* The table @t of snapshot @s, NULL when empty. */
static const void *v6gw_siit_table(const struct v6gw_siit *s,
				   enum v6gw_siit_table t)
{
	return s && s->blob[t] ? s->blob[t]->data : NULL;
}

/*
 * Rebuild table @t of @s from @n entries; @n == 0 leaves none.
 * Return: 0, -ENOMEM, or a V6GW_TABLE_ERR_* code with *bad set.
 */
static int v6gw_siit_table_build(struct v6gw_siit *s, enum v6gw_siit_table t,
				 const void *e, u32 n, u32 *bad)
{
	const struct v6gw_table_type *tt = &v6gw_siit_tables[t];
	struct v6gw_blob *b = NULL;
	size_t size;
	int err;

	if (n) {
		size = tt->size(n);
		b = v6gw_blob_alloc(size);
		if (!b)
			return -ENOMEM;
		err = tt->build(b->data, size, e, n, bad);
		if (err) {
			v6gw_blob_put(b);
			return err;
		}
	}
	v6gw_blob_put(s->blob[t]);
	s->blob[t] = b;
	tt->attach(&s->map, b ? b->data : NULL);
	return 0;
}

/* The entries of table @t of @old, plus room for one more. */
static void *v6gw_siit_table_list(const struct v6gw_siit *old,
				  enum v6gw_siit_table t, u32 *n)
{
	const struct v6gw_table_type *tt = &v6gw_siit_tables[t];
	const void *table = v6gw_siit_table(old, t);
	u8 *list;
	u32 i;

	*n = table ? tt->count(table) : 0;
	list = kvmalloc_array(*n + 1, tt->elem, GFP_KERNEL);
	if (!list)
		return NULL;
	for (i = 0; i < *n; i++)
		memcpy(list + i * tt->elem, tt->entry(table, i), tt->elem);
	return list;
}

/*
 * Add @e to, or remove it from, a copy of the entries of table @t and
 * publish a snapshot with the rebuilt table. Return: 0, -ENOENT (remove:
 * no such entry), -EEXIST or -ENOSPC (add: *why says which entry
 * conflicts or that the table is full), -ENOMEM.
 */
static int v6gw_siit_table_edit(struct v6gw_net *vn, enum v6gw_siit_table t,
				const void *e, bool add, const char **why)
{
	const struct v6gw_table_type *tt = &v6gw_siit_tables[t];
	struct v6gw_siit *old = v6gw_siit_base(vn), *s;
	u32 n, i, bad;
	u8 *list;
	int err;

	lockdep_assert_held(&vn->lock);
	list = v6gw_siit_table_list(old, t, &n);
	if (!list)
		return -ENOMEM;
	if (add) {
		memcpy(list + n++ * tt->elem, e, tt->elem);
	} else {
		for (i = 0; i < n && !tt->eq(list + i * tt->elem, e); i++)
			;
		err = -ENOENT;
		if (i == n)
			goto out;
		if (i != --n)
			memcpy(list + i * tt->elem, list + n * tt->elem,
			       tt->elem);
	}
	err = -ENOMEM;
	s = v6gw_siit_clone(vn);
	if (!s)
		goto out;
	err = v6gw_siit_table_build(s, t, list, n, &bad);
	if (err) {
		if (err != -ENOMEM) {
			*why = v6gw_table_strerror(err);
			err = err == V6GW_TABLE_ERR_SPACE ? -ENOSPC : -EEXIST;
		}
		v6gw_siit_free(s);
		goto out;
	}
	err = v6gw_siit_commit(vn, s);
out:
	kvfree(list);
	return err;
}

/**
 * v6gw_siit_new_eam() - a snapshot translating with one EAM entry
 * @e: a valid entry (v6gw_eam_invalid())
 * @pool6: the RFC 6052 prefix for every other address (validated)
 * @rfc6791v4: source of ICMPv4 errors translated from unmappable ICMPv6
 *	sources
 *
 * The CLAT's translator (clat.c): a snapshot of its own, never published
 * as vn->siit. Free it with v6gw_siit_drop(), or after a grace period.
 *
 * Return: the snapshot, or NULL without memory.
 */
struct v6gw_siit *v6gw_siit_new_eam(const struct v6gw_eam *e,
				    const struct v6gw_prefix6 *pool6,
				    const struct v6gw_prefix4 *rfc6791v4)
{
	struct v6gw_siit *s = kzalloc(sizeof(*s), GFP_KERNEL);
	u32 bad;

	if (!s)
		return NULL;
	v6gw_siit_defaults(s);
	s->map.pool6 = *pool6;
	s->map.rfc6791v4 = *rfc6791v4;
	s->map.flags |= V6GW_MAP_POOL6 | V6GW_MAP_RFC6791V4;
	if (v6gw_siit_table_build(s, V6GW_SIIT_T_EAM, e, 1, &bad)) {
		v6gw_siit_free(s);
		return NULL;
	}
	v6gw_map_prepare(&s->map);
	return s;
}

/* Free a snapshot readers may still see, after a grace period. */
void v6gw_siit_free_deferred(struct v6gw_siit *s)
{
	if (s)
		call_rcu(&s->rcu, v6gw_siit_free_rcu);
}

/**
 * v6gw_siit_table_add() - add an entry to a table
 * @vn: the namespace, lock held
 * @t: the table
 * @e: an entry of the table's type, validated (v6gw_eam_invalid(),
 *	v6gw_prefix4_invalid())
 * @why: on -EEXIST or -ENOSPC, a static message naming the problem
 *
 * Return: 0, -EEXIST, -ENOSPC (table full) or -ENOMEM.
 */
int v6gw_siit_table_add(struct v6gw_net *vn, enum v6gw_siit_table t,
			const void *e, const char **why)
{
	return v6gw_siit_table_edit(vn, t, e, true, why);
}

/**
 * v6gw_siit_table_del() - remove an entry from a table
 * @vn: the namespace, lock held
 * @t: the table
 * @e: must equal an existing entry
 *
 * Return: 0, -ENOENT or -ENOMEM.
 */
int v6gw_siit_table_del(struct v6gw_net *vn, enum v6gw_siit_table t,
			const void *e)
{
	const char *why;

	return v6gw_siit_table_edit(vn, t, e, false, &why);
}

/**
 * v6gw_siit_table_entry() - read a table back, for a dump
 * @s: a snapshot, under RCU
 * @t: the table
 * @i: index
 *
 * Return: the entry (of the table's type), or NULL past the end.
 */
const void *v6gw_siit_table_entry(const struct v6gw_siit *s,
				  enum v6gw_siit_table t, u32 i)
{
	const struct v6gw_table_type *tt = &v6gw_siit_tables[t];
	const void *table = v6gw_siit_table(s, t);

	if (!table || i >= tt->count(table))
		return NULL;
	return tt->entry(table, i);
}

/**
 * v6gw_siit_settings_set() - change the translator's settings
 * @vn: the namespace, lock held
 * @set: the new settings (a copy of the old ones, edited and validated)
 *
 * Only the scalar settings and the RFC 6791 pools are taken from @set.
 *
 * Return: 0 or -ENOMEM.
 */
int v6gw_siit_settings_set(struct v6gw_net *vn, const struct v6gw_map *set)
{
	const u32 keep = V6GW_MAP_POOL6;
	struct v6gw_siit *s = v6gw_siit_clone(vn);

	lockdep_assert_held(&vn->lock);
	if (!s)
		return -ENOMEM;
	s->map.flags = (s->map.flags & keep) | (set->flags & ~keep);
	s->map.rfc6791v4 = set->rfc6791v4;
	s->map.rfc6791v6 = set->rfc6791v6;
	s->map.lowest_ipv6_mtu = set->lowest_ipv6_mtu;
	s->map.tos = set->tos;
	s->map.tclass = set->tclass;
	return v6gw_siit_commit(vn, s);
}

static void v6gw_siit_settings_of(const struct v6gw_siit *s,
				  struct v6gw_map *out)
{
	if (s) {
		*out = s->map;
	} else {
		memset(out, 0, sizeof(*out));
		out->lowest_ipv6_mtu = 1280;
	}
	out->eam = NULL;
	out->deny4 = NULL;
}

/**
 * v6gw_siit_settings_get() - the running settings
 * @vn: the namespace, lock held or RCU read side
 * @out: filled in; the defaults when nothing is configured
 */
void v6gw_siit_settings_get(struct v6gw_net *vn, struct v6gw_map *out)
{
	rcu_read_lock();
	v6gw_siit_settings_of(rcu_dereference(vn->siit), out);
	rcu_read_unlock();
}

/* The settings changes start from (a transaction's); under the lock. */
void v6gw_siit_settings_base(struct v6gw_net *vn, struct v6gw_map *out)
{
	lockdep_assert_held(&vn->lock);
	v6gw_siit_settings_of(v6gw_siit_base(vn), out);
}

/* Drop all SIIT configuration; used when the namespace goes away. */
void v6gw_siit_flush(struct v6gw_net *vn)
{
	struct v6gw_siit *s = v6gw_deref_cfg(vn, vn->siit);

	RCU_INIT_POINTER(vn->siit, NULL);
	if (s)
		call_rcu(&s->rcu, v6gw_siit_free_rcu);
}
