// SPDX-License-Identifier: GPL-2.0
/*
 * Stateful NAT64 (RFC 6146): the configuration (an RCU snapshot replaced
 * whole by every change, under the namespace's configuration lock) and
 * the lifetime of a namespace's NAT64 instance. The tables are in
 * nat64_table.c, the per-packet lookup in nat64_flow.c.
 */
#include <linux/rhashtable.h>

#include "compat/slab.h"
#include "core/xlat.h"
#include "nat64_int.h"
#include "stats.h"
#include "txn.h"

/* Defaults (uapi header): RFC 6146 section 4 and RFC 4787 / 5382. */
static const u32 v6gw_nat64_default_timeout[V6GW_NTM_COUNT] = {
	[V6GW_NTM_UDP] = 300,
	[V6GW_NTM_ICMP] = 60,
	[V6GW_NTM_TCP_EST] = 7440,
	[V6GW_NTM_TCP_TRANS] = 240,
	[V6GW_NTM_TCP_SYN] = 6,
};

#define V6GW_NAT64_MAX_SESSIONS	1048576

/* Configuration snapshots ---------------------------------------------- */

static void v6gw_nat64_cfg_free(struct v6gw_nat64_cfg *c)
{
	int i;

	if (!c)
		return;
	for (i = 0; i < V6GW_NP_COUNT; i++)
		kvfree(c->runs[i]);
	kfree(c);
}

static void v6gw_nat64_cfg_free_rcu(struct rcu_head *rcu)
{
	v6gw_nat64_cfg_free(container_of(rcu, struct v6gw_nat64_cfg, rcu));
}

const struct v6gw_nat64_cfg *v6gw_nat64_cfg_locked(struct v6gw_net *vn)
{
	struct v6gw_nat64 *nat = v6gw_nat(vn);

	return nat ? v6gw_deref_cfg(vn, nat->cfg) : NULL;
}

/*
 * The snapshot changes start from: a transaction's staged one (NULL
 * after a flush), else the running one. Under the lock.
 */
const struct v6gw_nat64_cfg *v6gw_nat64_cfg_base(struct v6gw_net *vn)
{
	struct v6gw_txn *t = vn->txn;

	if (t && t->has_nat64)
		return t->nat64;
	return v6gw_nat64_cfg_locked(vn);
}

static void v6gw_nat64_cfg_defaults(struct v6gw_nat64_cfg *c)
{
	int i;

	c->map.lowest_ipv6_mtu = 1280;
	for (i = 0; i < V6GW_NTM_COUNT; i++)
		c->timeout_s[i] = v6gw_nat64_default_timeout[i];
	c->max_sessions = V6GW_NAT64_MAX_SESSIONS;
	c->filtering = V6GW_NAT64_FILTER_ENDPOINT;
	c->wkpf_strict = true;
}

/* A private copy of the current snapshot (or of the defaults) to edit. */
static struct v6gw_nat64_cfg *v6gw_nat64_cfg_clone(struct v6gw_net *vn)
{
	const struct v6gw_nat64_cfg *old = v6gw_nat64_cfg_base(vn);
	struct v6gw_nat64_cfg *c = kzalloc(sizeof(*c), GFP_KERNEL);
	int i;

	if (!c)
		return NULL;
	if (!old) {
		v6gw_nat64_cfg_defaults(c);
		return c;
	}
	*c = *old;
	for (i = 0; i < V6GW_NP_COUNT; i++) {
		c->runs[i] = NULL;
		memset(&c->pool[i], 0, sizeof(c->pool[i]));
	}
	return c;
}

/* Derive what the data path reads: pool4 runs, jiffies. */
static int v6gw_nat64_cfg_build(struct v6gw_nat64_cfg *c)
{
	int i;

	for (i = 0; i < V6GW_NTM_COUNT; i++)
		c->timeout[i] = (unsigned long)c->timeout_s[i] * HZ;
	for (i = 0; i < V6GW_NP_COUNT; i++) {
		u32 max = v6gw_pool4_runs_max(c->pool_e[i], c->npool[i]);

		if (!max)
			continue;
		c->runs[i] = kvmalloc_array(max, sizeof(*c->runs[i]),
					    GFP_KERNEL);
		if (!c->runs[i])
			return -ENOMEM;
		v6gw_pool4_build(&c->pool[i], c->runs[i], c->pool_e[i],
				 c->npool[i], i == V6GW_NP_ICMP);
	}
	return 0;
}

static int v6gw_nat64_alloc(struct v6gw_net *vn);

/* A staged snapshot the data path never saw. */
void v6gw_nat64_cfg_drop(struct v6gw_nat64_cfg *c)
{
	if (c)
		v6gw_nat64_cfg_free(c);
}

/*
 * Publish a built snapshot (NULL: no NAT64 configuration, every session
 * goes): the pointer, then sessions the new configuration no longer
 * covers go (when @purge), then the hooks.
 */
int v6gw_nat64_publish(struct v6gw_net *vn, struct v6gw_nat64_cfg *c,
		       bool purge)
{
	struct v6gw_nat64 *nat = v6gw_nat(vn);
	struct v6gw_nat64_cfg *old;

	if (!nat)		/* nothing ran yet, nothing to take back */
		return c ? -EINVAL : 0;
	old = v6gw_deref_cfg(vn, nat->cfg);
	rcu_assign_pointer(nat->cfg, c);
	if (old)
		call_rcu(&old->rcu, v6gw_nat64_cfg_free_rcu);
	if (!c)
		v6gw_nat64_remove(vn, NULL, NULL);
	else if (purge)
		v6gw_nat64_purge(vn, c);
	return v6gw_hooks_sync(vn);
}

/*
 * An edited snapshot: derived state built, then staged in a transaction
 * or published. The instance (tables) exists from the first change on.
 */
static int v6gw_nat64_commit(struct v6gw_net *vn, struct v6gw_nat64_cfg *c,
			     bool purge)
{
	struct v6gw_txn *t = vn->txn;
	int err;

	err = v6gw_nat64_alloc(vn);
	if (!err)
		err = v6gw_nat64_cfg_build(c);
	if (err) {
		v6gw_nat64_cfg_free(c);
		return err;
	}
	if (!t)
		return v6gw_nat64_publish(vn, c, purge);
	if (t->has_nat64)
		v6gw_nat64_cfg_drop(t->nat64);
	t->nat64 = c;
	t->has_nat64 = true;
	t->nat64_purge |= purge;
	return 0;
}

bool v6gw_nat64_configured(struct v6gw_net *vn)
{
	return v6gw_nat64_cfg_locked(vn) != NULL;
}

/* Translating: a prefix, and pool4 or a static BIB entry to use. */
bool v6gw_nat64_active(struct v6gw_net *vn)
{
	const struct v6gw_nat64_cfg *c = v6gw_nat64_cfg_locked(vn);
	int i;

	if (!c || !c->nprefix)
		return false;
	for (i = 0; i < V6GW_NP_COUNT; i++)
		if (c->npool[i])
			return true;
	return false;
}

/* Overlap of two prefixes: equal over the shorter length. */
static bool v6gw_prefix6_overlap(const struct v6gw_prefix6 *a,
				 const struct v6gw_prefix6 *b)
{
	return a->len < b->len ? v6gw_prefix6_contains(a, b->addr) :
				 v6gw_prefix6_contains(b, a->addr);
}

bool v6gw_nat64_prefix_overlaps(struct v6gw_net *vn,
				const struct v6gw_prefix6 *p)
{
	const struct v6gw_nat64_cfg *c = v6gw_nat64_cfg_base(vn);
	u32 i;

	for (i = 0; c && i < c->nprefix; i++)
		if (v6gw_prefix6_overlap(&c->prefix[i], p))
			return true;
	return false;
}

int v6gw_nat64_prefix_add(struct v6gw_net *vn, const struct v6gw_prefix6 *p,
			  const char **why)
{
	const struct v6gw_nat64_cfg *cur = v6gw_nat64_cfg_base(vn);
	struct v6gw_map siit;
	struct v6gw_nat64_cfg *c;
	u32 i;

	for (i = 0; cur && i < cur->nprefix; i++) {
		if (cur->prefix[i].len == p->len &&
		    !memcmp(cur->prefix[i].addr, p->addr, 16))
			return -EEXIST;
		if (v6gw_prefix6_overlap(&cur->prefix[i], p)) {
			*why = "the prefix overlaps another NAT64 prefix";
			return -EINVAL;
		}
	}
	v6gw_siit_settings_base(vn, &siit);
	if ((siit.flags & V6GW_MAP_POOL6) &&
	    v6gw_prefix6_overlap(&siit.pool6, p)) {
		*why = "the prefix overlaps the SIIT prefix";
		return -EINVAL;
	}
	if (cur && cur->nprefix == V6GW_NAT64_PREFIXES_MAX)
		return -ENOSPC;
	c = v6gw_nat64_cfg_clone(vn);
	if (!c)
		return -ENOMEM;
	c->prefix[c->nprefix++] = *p;
	return v6gw_nat64_commit(vn, c, false);
}

int v6gw_nat64_prefix_del(struct v6gw_net *vn, const struct v6gw_prefix6 *p)
{
	const struct v6gw_nat64_cfg *cur = v6gw_nat64_cfg_base(vn);
	struct v6gw_nat64_cfg *c;
	u32 i;

	for (i = 0; cur && i < cur->nprefix; i++)
		if (cur->prefix[i].len == p->len &&
		    !memcmp(cur->prefix[i].addr, p->addr, 16))
			break;
	if (!cur || i == cur->nprefix)
		return -ENOENT;
	c = v6gw_nat64_cfg_clone(vn);
	if (!c)
		return -ENOMEM;
	memmove(&c->prefix[i], &c->prefix[i + 1],
		(c->nprefix - i - 1) * sizeof(c->prefix[0]));
	c->nprefix--;
	return v6gw_nat64_commit(vn, c, true);
}

static bool v6gw_pool4_overlap(const struct v6gw_pool4_entry *a,
			       const struct v6gw_pool4_entry *b)
{
	u8 len = min(a->plen, b->plen);
	u32 mask = len ? ~0U << (32 - len) : 0;

	if ((v6gw_get_be32(a->addr) ^ v6gw_get_be32(b->addr)) & mask)
		return false;
	return a->lo <= b->hi && b->lo <= a->hi;
}

/*
 * The entry @e as protocol @i holds it: one given for every protocol
 * (@proto < 0) with the default lowest port 1 starts at identifier 0 for
 * ICMP.
 */
static struct v6gw_pool4_entry v6gw_pool4_for(const struct v6gw_pool4_entry *e,
					      int i, int proto)
{
	struct v6gw_pool4_entry x = *e;

	if (i == V6GW_NP_ICMP && proto < 0 && x.lo == 1)
		x.lo = 0;
	return x;
}

static bool v6gw_pool4_equal(const struct v6gw_pool4_entry *a,
			     const struct v6gw_pool4_entry *b)
{
	return !memcmp(a->addr, b->addr, 4) && a->plen == b->plen &&
	       a->lo == b->lo && a->hi == b->hi;
}

/* @proto: a V6GW_NP_* index, or -1 for all three. */
int v6gw_nat64_pool4_add(struct v6gw_net *vn, int proto,
			 const struct v6gw_pool4_entry *e, const char **why)
{
	const struct v6gw_nat64_cfg *cur = v6gw_nat64_cfg_base(vn);
	struct v6gw_nat64_cfg *c;
	int i;
	u32 j;

	for (i = 0; i < V6GW_NP_COUNT; i++) {
		if (proto >= 0 && i != proto)
			continue;
		for (j = 0; cur && j < cur->npool[i]; j++)
			if (v6gw_pool4_overlap(&cur->pool_e[i][j], e)) {
				*why = "the entry overlaps a pool4 entry of the same protocol";
				return -EEXIST;
			}
		if (cur && cur->npool[i] == V6GW_NAT64_POOL4_MAX)
			return -ENOSPC;
	}
	c = v6gw_nat64_cfg_clone(vn);
	if (!c)
		return -ENOMEM;
	for (i = 0; i < V6GW_NP_COUNT; i++) {
		if (proto >= 0 && i != proto)
			continue;
		c->pool_e[i][c->npool[i]++] = v6gw_pool4_for(e, i, proto);
	}
	return v6gw_nat64_commit(vn, c, false);
}

int v6gw_nat64_pool4_del(struct v6gw_net *vn, int proto,
			 const struct v6gw_pool4_entry *e)
{
	struct v6gw_nat64_cfg *c;
	bool found = false;
	int i;
	u32 j;

	if (!v6gw_nat64_cfg_base(vn))
		return -ENOENT;
	c = v6gw_nat64_cfg_clone(vn);
	if (!c)
		return -ENOMEM;
	for (i = 0; i < V6GW_NP_COUNT; i++) {
		struct v6gw_pool4_entry x = v6gw_pool4_for(e, i, proto);

		if (proto >= 0 && i != proto)
			continue;
		for (j = 0; j < c->npool[i]; j++) {
			if (!v6gw_pool4_equal(&c->pool_e[i][j], &x))
				continue;
			memmove(&c->pool_e[i][j], &c->pool_e[i][j + 1],
				(c->npool[i] - j - 1) * sizeof(x));
			c->npool[i]--;
			found = true;
			break;
		}
	}
	if (!found) {
		v6gw_nat64_cfg_free(c);
		return -ENOENT;
	}
	return v6gw_nat64_commit(vn, c, true);
}

int v6gw_nat64_settings_set(struct v6gw_net *vn,
			    const struct v6gw_nat64_settings *set)
{
	struct v6gw_nat64_cfg *c = v6gw_nat64_cfg_clone(vn);

	if (!c)
		return -ENOMEM;
	memcpy(c->timeout_s, set->timeout_s, sizeof(c->timeout_s));
	c->max_sessions = set->max_sessions;
	c->filtering = set->filtering;
	c->wkpf_strict = set->wkpf_strict;
	return v6gw_nat64_commit(vn, c, false);
}

/* @staged: a transaction's settings, for a change; else the running. */
void v6gw_nat64_settings_get(struct v6gw_net *vn,
			     struct v6gw_nat64_settings *out, bool staged)
{
	const struct v6gw_nat64_cfg *cur = staged ? v6gw_nat64_cfg_base(vn) :
					   v6gw_nat64_cfg_locked(vn);
	int i;

	if (!cur) {
		for (i = 0; i < V6GW_NTM_COUNT; i++)
			out->timeout_s[i] = v6gw_nat64_default_timeout[i];
		out->max_sessions = V6GW_NAT64_MAX_SESSIONS;
		out->filtering = V6GW_NAT64_FILTER_ENDPOINT;
		out->wkpf_strict = true;
		return;
	}
	memcpy(out->timeout_s, cur->timeout_s, sizeof(out->timeout_s));
	out->max_sessions = cur->max_sessions;
	out->filtering = cur->filtering;
	out->wkpf_strict = cur->wkpf_strict;
}

void v6gw_nat64_counts(struct v6gw_net *vn, u32 *nbib, u32 *nsess)
{
	struct v6gw_nat64 *nat = v6gw_nat(vn);

	memset(nbib, 0, V6GW_NP_COUNT * sizeof(*nbib));
	memset(nsess, 0, V6GW_NP_COUNT * sizeof(*nsess));
	if (!nat)
		return;
	spin_lock_bh(&nat->lock);
	memcpy(nbib, nat->nbib, sizeof(nat->nbib));
	memcpy(nsess, nat->nsess, sizeof(nat->nsess));
	spin_unlock_bh(&nat->lock);
}

/* Instance lifetime ------------------------------------------------------ */

static int v6gw_nat64_alloc(struct v6gw_net *vn)
{
	struct v6gw_nat64 *nat;
	int i, err;

	if (vn->nat64)
		return 0;
	nat = kvzalloc(sizeof(*nat), GFP_KERNEL);
	if (!nat)
		return -ENOMEM;
	err = rhashtable_init(&nat->bib6, &v6gw_bib6_params);
	if (err)
		goto err_free;
	err = rhashtable_init(&nat->bib4, &v6gw_bib4_params);
	if (err)
		goto err_bib6;
	err = rhashtable_init(&nat->sess, &v6gw_sess_params);
	if (err)
		goto err_bib4;
	spin_lock_init(&nat->lock);
	INIT_LIST_HEAD(&nat->held);
	for (i = 0; i < V6GW_WHEEL_SLOTS; i++)
		INIT_LIST_HEAD(&nat->wheel[i]);
	nat->gc_next = v6gw_sec(jiffies);
	nat->vn = vn;
	get_random_bytes(&nat->key, sizeof(nat->key));
	INIT_DELAYED_WORK(&nat->gc, v6gw_gc_work);
	vn->nat64 = nat;
	queue_delayed_work(system_power_efficient_wq, &nat->gc, HZ);
	return 0;

err_bib4:
	rhashtable_destroy(&nat->bib4);
err_bib6:
	rhashtable_destroy(&nat->bib6);
err_free:
	kvfree(nat);
	return err;
}

int v6gw_nat64_netns_init(struct v6gw_net *vn)
{
	vn->nat64 = NULL;
	return 0;
}

/* The namespace is going: hooks are gone, readers are done. */
void v6gw_nat64_netns_exit(struct v6gw_net *vn)
{
	struct v6gw_nat64 *nat = v6gw_nat(vn);
	struct v6gw_nat64_cfg *c;

	if (!nat)
		return;
	cancel_delayed_work_sync(&nat->gc);
	v6gw_held_flush(nat);
	mutex_lock(&vn->lock);
	v6gw_nat64_remove(vn, NULL, NULL);
	v6gw_nat64_free_all(nat);
	c = v6gw_deref_cfg(vn, nat->cfg);
	RCU_INIT_POINTER(nat->cfg, NULL);
	mutex_unlock(&vn->lock);
	/* the objects are freed by RCU callbacks, after these */
	rcu_barrier();
	v6gw_nat64_cfg_free(c);
	rhashtable_destroy(&nat->sess);
	rhashtable_destroy(&nat->bib4);
	rhashtable_destroy(&nat->bib6);
	vn->nat64 = NULL;
	kvfree(nat);
}
