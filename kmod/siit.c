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
	v6gw_blob_put(s->eam_blob);
	v6gw_blob_put(s->deny_blob);
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

/* A private copy of the current snapshot (or of the defaults) to edit. */
static struct v6gw_siit *v6gw_siit_clone(struct v6gw_net *vn)
{
	struct v6gw_siit *old = v6gw_deref_cfg(vn, vn->siit);
	struct v6gw_siit *s = kzalloc(sizeof(*s), GFP_KERNEL);

	if (!s)
		return NULL;
	if (!old) {
		v6gw_siit_defaults(s);
		return s;
	}
	s->map = old->map;
	s->eam_blob = v6gw_blob_get(old->eam_blob);
	s->deny_blob = v6gw_blob_get(old->deny_blob);
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

/*
 * Publish @s (or nothing, when it translates nothing and holds no
 * settings worth keeping) and bring the hooks in line. On failure the old
 * snapshot stays and @s is freed.
 */
static int v6gw_siit_commit(struct v6gw_net *vn, struct v6gw_siit *s)
{
	struct v6gw_siit *old = v6gw_deref_cfg(vn, vn->siit);
	int err;

	rcu_assign_pointer(vn->siit, s);
	err = v6gw_hooks_sync(vn);
	if (err) {
		rcu_assign_pointer(vn->siit, old);
		call_rcu(&s->rcu, v6gw_siit_free_rcu);
		return err;
	}
	if (old)
		call_rcu(&old->rcu, v6gw_siit_free_rcu);
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
	struct v6gw_siit *old = v6gw_deref_cfg(vn, vn->siit), *s;

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
	struct v6gw_siit *old = v6gw_deref_cfg(vn, vn->siit), *s;

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
 * Rebuild the EAM table of @s from @n entries; @n == 0 leaves none.
 * Return: 0, -ENOMEM, or a V6GW_TABLE_ERR_* code with *bad set.
 */
static int v6gw_siit_eam_build(struct v6gw_siit *s, const struct v6gw_eam *e,
			       u32 n, u32 *bad)
{
	struct v6gw_blob *b = NULL;
	size_t size;
	int err;

	if (n) {
		size = v6gw_eam_table_size(n);
		b = v6gw_blob_alloc(size);
		if (!b)
			return -ENOMEM;
		err = v6gw_eam_table_build(b->data, size, e, n, bad);
		if (err) {
			v6gw_blob_put(b);
			return err;
		}
	}
	v6gw_blob_put(s->eam_blob);
	s->eam_blob = b;
	s->map.eam = b ? (const struct v6gw_eam_table *)b->data : NULL;
	return 0;
}

static int v6gw_siit_deny_build(struct v6gw_siit *s,
				const struct v6gw_prefix4 *p, u32 n, u32 *bad)
{
	struct v6gw_blob *b = NULL;
	size_t size;
	int err;

	if (n) {
		size = v6gw_prefix4_set_size(n);
		b = v6gw_blob_alloc(size);
		if (!b)
			return -ENOMEM;
		err = v6gw_prefix4_set_build(b->data, size, p, n, bad);
		if (err) {
			v6gw_blob_put(b);
			return err;
		}
	}
	v6gw_blob_put(s->deny_blob);
	s->deny_blob = b;
	s->map.deny4 = b ? (const struct v6gw_prefix4_set *)b->data : NULL;
	return 0;
}

/* The current entries, plus room for one more. */
static struct v6gw_eam *v6gw_siit_eam_list(const struct v6gw_siit *old,
					   u32 *n)
{
	const struct v6gw_eam_table *t = old ? old->map.eam : NULL;
	struct v6gw_eam *list;
	u32 i;

	*n = t ? v6gw_eam_table_count(t) : 0;
	list = kvmalloc_array(*n + 1, sizeof(*list), GFP_KERNEL);
	if (!list)
		return NULL;
	for (i = 0; i < *n; i++)
		list[i] = *v6gw_eam_table_entry(t, i);
	return list;
}

static struct v6gw_prefix4 *v6gw_siit_deny_list(const struct v6gw_siit *old,
						u32 *n)
{
	const struct v6gw_prefix4_set *t = old ? old->map.deny4 : NULL;
	struct v6gw_prefix4 *list;
	u32 i;

	*n = t ? v6gw_prefix4_set_count(t) : 0;
	list = kvmalloc_array(*n + 1, sizeof(*list), GFP_KERNEL);
	if (!list)
		return NULL;
	for (i = 0; i < *n; i++)
		list[i] = *v6gw_prefix4_set_entry(t, i);
	return list;
}

/*
 * Add @e to, or remove it from, a copy of the EAM entries and publish a
 * snapshot with the rebuilt table. Return: 0, -ENOENT (remove: no such
 * entry), -EEXIST or -ENOSPC (add: *why says which entry conflicts or
 * that the table is full), -ENOMEM.
 */
static int v6gw_siit_eam_edit(struct v6gw_net *vn, const struct v6gw_eam *e,
			      bool add, const char **why)
{
	struct v6gw_siit *old = v6gw_deref_cfg(vn, vn->siit), *s;
	struct v6gw_eam *list;
	u32 n, i, bad;
	int err;

	lockdep_assert_held(&vn->lock);
	list = v6gw_siit_eam_list(old, &n);
	if (!list)
		return -ENOMEM;
	if (add) {
		list[n++] = *e;
	} else {
		for (i = 0; i < n; i++)
			if (v6gw_prefix6_eq(&list[i].p6, &e->p6) &&
			    v6gw_prefix4_eq(&list[i].p4, &e->p4))
				break;
		err = -ENOENT;
		if (i == n)
			goto out;
		list[i] = list[--n];
	}
	err = -ENOMEM;
	s = v6gw_siit_clone(vn);
	if (!s)
		goto out;
	err = v6gw_siit_eam_build(s, list, n, &bad);
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
 * v6gw_siit_eam_add() - add an EAM entry
 * @vn: the namespace, lock held
 * @e: an entry that v6gw_eam_invalid() accepted
 * @why: on -EEXIST or -ENOSPC, a static message naming the problem
 *
 * Return: 0, -EEXIST, -ENOSPC (table full) or -ENOMEM.
 */
int v6gw_siit_eam_add(struct v6gw_net *vn, const struct v6gw_eam *e,
		      const char **why)
{
	return v6gw_siit_eam_edit(vn, e, true, why);
}

/**
 * v6gw_siit_eam_del() - remove an EAM entry
 * @vn: the namespace, lock held
 * @e: must equal an existing entry
 *
 * Return: 0, -ENOENT or -ENOMEM.
 */
int v6gw_siit_eam_del(struct v6gw_net *vn, const struct v6gw_eam *e)
{
	const char *why;

	return v6gw_siit_eam_edit(vn, e, false, &why);
}

/* The denylist's counterpart of v6gw_siit_eam_edit(). */
static int v6gw_siit_deny_edit(struct v6gw_net *vn,
			       const struct v6gw_prefix4 *p, bool add)
{
	struct v6gw_siit *old = v6gw_deref_cfg(vn, vn->siit), *s;
	struct v6gw_prefix4 *list;
	u32 n, i, bad;
	int err;

	lockdep_assert_held(&vn->lock);
	list = v6gw_siit_deny_list(old, &n);
	if (!list)
		return -ENOMEM;
	if (add) {
		list[n++] = *p;
	} else {
		for (i = 0; i < n && !v6gw_prefix4_eq(&list[i], p); i++)
			;
		err = -ENOENT;
		if (i == n)
			goto out;
		list[i] = list[--n];
	}
	err = -ENOMEM;
	s = v6gw_siit_clone(vn);
	if (!s)
		goto out;
	err = v6gw_siit_deny_build(s, list, n, &bad);
	if (err) {
		if (err != -ENOMEM)
			err = err == V6GW_TABLE_ERR_SPACE ? -ENOSPC : -EEXIST;
		v6gw_siit_free(s);
		goto out;
	}
	err = v6gw_siit_commit(vn, s);
out:
	kvfree(list);
	return err;
}

/**
 * v6gw_siit_deny_add() - add an IPv4 prefix to the denylist
 * @vn: the namespace, lock held
 * @p: a prefix that v6gw_prefix4_invalid() accepted
 *
 * Return: 0, -EEXIST, -ENOSPC (table full) or -ENOMEM.
 */
int v6gw_siit_deny_add(struct v6gw_net *vn, const struct v6gw_prefix4 *p)
{
	return v6gw_siit_deny_edit(vn, p, true);
}

/**
 * v6gw_siit_deny_del() - remove an IPv4 prefix from the denylist
 * @vn: the namespace, lock held
 * @p: must equal an entry
 *
 * Return: 0, -ENOENT or -ENOMEM.
 */
int v6gw_siit_deny_del(struct v6gw_net *vn, const struct v6gw_prefix4 *p)
{
	return v6gw_siit_deny_edit(vn, p, false);
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

/**
 * v6gw_siit_settings_get() - the current settings
 * @vn: the namespace, lock held or RCU read side
 * @out: filled in; the defaults when nothing is configured
 */
void v6gw_siit_settings_get(struct v6gw_net *vn, struct v6gw_map *out)
{
	const struct v6gw_siit *s;

	rcu_read_lock();
	s = rcu_dereference(vn->siit);
	if (s) {
		*out = s->map;
	} else {
		memset(out, 0, sizeof(*out));
		out->lowest_ipv6_mtu = 1280;
	}
	out->eam = NULL;
	out->deny4 = NULL;
	rcu_read_unlock();
}

/* Drop all SIIT configuration; used when the namespace goes away. */
void v6gw_siit_flush(struct v6gw_net *vn)
{
	struct v6gw_siit *s = v6gw_deref_cfg(vn, vn->siit);

	RCU_INIT_POINTER(vn->siit, NULL);
	if (s)
		call_rcu(&s->rcu, v6gw_siit_free_rcu);
}
