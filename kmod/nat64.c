// SPDX-License-Identifier: GPL-2.0
/*
 * Stateful NAT64 (RFC 6146): configuration, BIB and session tables, the
 * expiry wheel, and the per-packet lookup that tells the translator which
 * addresses and ports a packet gets.
 *
 * Tables: four rhashtables per namespace, BIB by (X', x) and by (T, t),
 * sessions by their IPv6 and their IPv4 5-tuple. Readers (the data path,
 * dumps) use RCU only. Writers take nat->lock: creating a BIB entry or a
 * session (so pool4 ports and the limits stay exact), TCP state changes,
 * expiry and configuration. A packet of an established flow takes no lock
 * and writes one word (the session's last-use time, once per jiffy).
 *
 * Expiry: a wheel of V6GW_WHEEL_SLOTS one-second lists. Each session sits
 * in the slot of the second it must be looked at next; the GC work runs
 * once a second and looks only at the slots that came due, so its cost is
 * what expires (plus one look per slot-span for long-lived flows), never
 * the table size. A session refreshed since is moved to the slot of its
 * new deadline instead of expiring.
 */
#include <linux/icmp.h>
#include <linux/jhash.h>
#include <linux/rhashtable.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "compat/slab.h"
#include "core/xlat.h"
#include "nat64.h"
#include "stats.h"
#include "xmit.h"

static struct kmem_cache *v6gw_sess_cache, *v6gw_bib_cache;

static const struct rhashtable_params v6gw_bib6_params = {
	.head_offset = offsetof(struct v6gw_bib, n6),
	.key_offset = offsetof(struct v6gw_bib, k6),
	.key_len = sizeof(struct v6gw_bkey6),
	.automatic_shrinking = true,
};

static const struct rhashtable_params v6gw_bib4_params = {
	.head_offset = offsetof(struct v6gw_bib, n4),
	.key_offset = offsetof(struct v6gw_bib, k4),
	.key_len = sizeof(struct v6gw_bkey4),
	.automatic_shrinking = true,
};

static const struct rhashtable_params v6gw_sess6_params = {
	.head_offset = offsetof(struct v6gw_sess, n6),
	.key_offset = offsetof(struct v6gw_sess, k6),
	.key_len = sizeof(struct v6gw_skey6),
	.automatic_shrinking = true,
};

static const struct rhashtable_params v6gw_sess4_params = {
	.head_offset = offsetof(struct v6gw_sess, n4),
	.key_offset = offsetof(struct v6gw_sess, k4),
	.key_len = sizeof(struct v6gw_skey4),
	.automatic_shrinking = true,
};

/* Defaults (uapi header): RFC 6146 section 4 and RFC 4787 / 5382. */
static const u32 v6gw_nat64_default_timeout[V6GW_NTM_COUNT] = {
	[V6GW_NTM_UDP] = 300,
	[V6GW_NTM_ICMP] = 60,
	[V6GW_NTM_TCP_EST] = 7440,
	[V6GW_NTM_TCP_TRANS] = 240,
	[V6GW_NTM_TCP_SYN] = 6,
};

#define V6GW_NAT64_MAX_SESSIONS	1048576
/* Sessions the GC expires per lock hold. */
#define V6GW_GC_BATCH		1024

static struct v6gw_nat64 *v6gw_nat(struct v6gw_net *vn)
{
	return vn->nat64;
}

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
	const struct v6gw_nat64_cfg *old = v6gw_nat64_cfg_locked(vn);
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
static void v6gw_nat64_purge(struct v6gw_net *vn, const struct v6gw_nat64_cfg *c);

/*
 * Publish an edited snapshot: derived state first, then the pointer, then
 * sessions the new configuration no longer covers go, then the hooks.
 */
static int v6gw_nat64_commit(struct v6gw_net *vn, struct v6gw_nat64_cfg *c,
			     bool purge)
{
	struct v6gw_nat64_cfg *old;
	struct v6gw_nat64 *nat;
	int err;

	err = v6gw_nat64_alloc(vn);
	if (!err)
		err = v6gw_nat64_cfg_build(c);
	if (err) {
		v6gw_nat64_cfg_free(c);
		return err;
	}
	nat = v6gw_nat(vn);
	old = v6gw_deref_cfg(vn, nat->cfg);
	rcu_assign_pointer(nat->cfg, c);
	if (old)
		call_rcu(&old->rcu, v6gw_nat64_cfg_free_rcu);
	if (purge)
		v6gw_nat64_purge(vn, c);
	return v6gw_hooks_sync(vn);
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
	const struct v6gw_nat64_cfg *c = v6gw_nat64_cfg_locked(vn);
	u32 i;

	for (i = 0; c && i < c->nprefix; i++)
		if (v6gw_prefix6_overlap(&c->prefix[i], p))
			return true;
	return false;
}

int v6gw_nat64_prefix_add(struct v6gw_net *vn, const struct v6gw_prefix6 *p,
			  const char **why)
{
	const struct v6gw_nat64_cfg *cur = v6gw_nat64_cfg_locked(vn);
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
	v6gw_siit_settings_get(vn, &siit);
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
	const struct v6gw_nat64_cfg *cur = v6gw_nat64_cfg_locked(vn);
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
	const struct v6gw_nat64_cfg *cur = v6gw_nat64_cfg_locked(vn);
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
		struct v6gw_pool4_entry x = *e;

		if (proto >= 0 && i != proto)
			continue;
		/* ICMP identifiers start at 0, ports at 1 */
		if (i == V6GW_NP_ICMP && proto < 0 && x.lo == 1)
			x.lo = 0;
		c->pool_e[i][c->npool[i]++] = x;
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

	if (!v6gw_nat64_cfg_locked(vn))
		return -ENOENT;
	c = v6gw_nat64_cfg_clone(vn);
	if (!c)
		return -ENOMEM;
	for (i = 0; i < V6GW_NP_COUNT; i++) {
		struct v6gw_pool4_entry x = *e;

		if (proto >= 0 && i != proto)
			continue;
		if (i == V6GW_NP_ICMP && proto < 0 && x.lo == 1)
			x.lo = 0;
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

void v6gw_nat64_settings_get(struct v6gw_net *vn,
			     struct v6gw_nat64_settings *out)
{
	const struct v6gw_nat64_cfg *cur = v6gw_nat64_cfg_locked(vn);
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

/* Tables ---------------------------------------------------------------- */

static unsigned long v6gw_sec(unsigned long j)
{
	return j / HZ;
}

/* Put @s in the wheel slot of @deadline (jiffies), at most a turn ahead. */
static void v6gw_wheel_put(struct v6gw_nat64 *nat, struct v6gw_sess *s,
			   unsigned long deadline)
{
	/* 32-bit seconds: V6GW_WHEEL_SLOTS divides 2^32, slots agree */
	u32 sec = v6gw_wheel_sec((u32)v6gw_sec(deadline), (u32)nat->gc_next,
				 V6GW_WHEEL_SLOTS);

	list_move_tail(&s->wheel, &nat->wheel[sec % V6GW_WHEEL_SLOTS]);
}

static unsigned long v6gw_sess_deadline(const struct v6gw_nat64_cfg *c,
					const struct v6gw_sess *s)
{
	return READ_ONCE(s->last) + c->timeout[s->timer];
}

static void v6gw_bib_free_rcu(struct rcu_head *rcu)
{
	kmem_cache_free(v6gw_bib_cache, container_of(rcu, struct v6gw_bib, rcu));
}

static void v6gw_sess_free_rcu(struct rcu_head *rcu)
{
	kmem_cache_free(v6gw_sess_cache,
			container_of(rcu, struct v6gw_sess, rcu));
}

/* Under the lock: take a BIB entry out of the tables. */
static void v6gw_bib_unlink(struct v6gw_nat64 *nat, struct v6gw_bib *b)
{
	int p = v6gw_np_index(b->k6.proto);

	b->dead = true;
	rhashtable_remove_fast(&nat->bib6, &b->n6, v6gw_bib6_params);
	rhashtable_remove_fast(&nat->bib4, &b->n4, v6gw_bib4_params);
	nat->nbib[p]--;
	call_rcu(&b->rcu, v6gw_bib_free_rcu);
}

/* Under the lock: remove a session; its dynamic BIB entry with the last. */
static void v6gw_sess_unlink(struct v6gw_nat64 *nat, struct v6gw_sess *s)
{
	struct v6gw_bib *b = s->bib;
	int p = v6gw_np_index(s->k6.proto);

	s->dead = true;
	rhashtable_remove_fast(&nat->sess6, &s->n6, v6gw_sess6_params);
	rhashtable_remove_fast(&nat->sess4, &s->n4, v6gw_sess4_params);
	list_del(&s->wheel);
	hlist_del(&s->bnode);
	nat->nsess[p]--;
	nat->nsess_all--;
	if (!--b->nsess && !b->is_static && !b->dead)
		v6gw_bib_unlink(nat, b);
	call_rcu(&s->rcu, v6gw_sess_free_rcu);
}

/* Under the lock: a new BIB entry, in both tables. */
static struct v6gw_bib *v6gw_bib_new(struct v6gw_nat64 *nat,
				     const struct v6gw_bkey6 *k6,
				     const struct v6gw_bkey4 *k4,
				     bool is_static)
{
	struct v6gw_bib *b = kmem_cache_zalloc(v6gw_bib_cache, GFP_ATOMIC);

	if (!b)
		return NULL;
	b->k6 = *k6;
	b->k4 = *k4;
	b->is_static = is_static;
	INIT_HLIST_HEAD(&b->sessions);
	if (rhashtable_insert_fast(&nat->bib6, &b->n6, v6gw_bib6_params)) {
		kmem_cache_free(v6gw_bib_cache, b);
		return NULL;
	}
	if (rhashtable_insert_fast(&nat->bib4, &b->n4, v6gw_bib4_params)) {
		rhashtable_remove_fast(&nat->bib6, &b->n6, v6gw_bib6_params);
		call_rcu(&b->rcu, v6gw_bib_free_rcu);
		return NULL;
	}
	nat->nbib[v6gw_np_index(k6->proto)]++;
	return b;
}

/* A SYN without RST or FIN: what may open a flow from the IPv4 side. */
static bool v6gw_tcp_syn_only(const struct v6gw_nat64_tuple *t)
{
	return t->proto == IPPROTO_TCP && !t->icmp_err &&
	       (t->tcp_flags & (V6GW_TCP_SYN | V6GW_TCP_FIN | V6GW_TCP_RST)) ==
	       V6GW_TCP_SYN;
}

/*
 * Under the lock: an IPv6 SYN opened the flow a held IPv4 SYN waited for
 * (simultaneous open): the held one is discarded (RFC 6146 3.5.2.2).
 */
static void v6gw_held_cancel(struct v6gw_nat64 *nat,
			     const struct v6gw_skey4 *k4)
{
	struct v6gw_held *h, *tmp;

	list_for_each_entry_safe(h, tmp, &nat->held, node) {
		if (memcmp(&h->k4, k4, sizeof(*k4)))
			continue;
		list_del(&h->node);
		nat->nheld--;
		kfree(h);
		v6gw_stat_inc(nat->vn, V6GW_STAT_DROP_NAT64_SYN_HELD);
	}
}

/**
 * v6gw_nat64_hold() - keep an unsolicited IPv4 SYN for the TCP_SYN time
 * @vn: the namespace
 * @cfg: its NAT64 configuration
 * @t: the SYN's tuple
 * @l3: its IPv4 header
 * @len: bytes readable there
 *
 * Only the front of the packet is kept (no skb is held across devices
 * going away): when the time runs out without an IPv6 SYN of the flow,
 * the GC answers it with ICMP port unreachable built from it.
 *
 * Return: true when it is held (the caller consumes the skb), false when
 * there is no room (the caller answers and drops it now).
 */
bool v6gw_nat64_hold(struct v6gw_net *vn, const struct v6gw_nat64_cfg *cfg,
		     const struct v6gw_nat64_tuple *t, const u8 *l3, u32 len)
{
	struct v6gw_nat64 *nat = v6gw_nat(vn);
	struct v6gw_held *h;

	if (READ_ONCE(nat->nheld) >= V6GW_NAT64_HELD_MAX)
		return false;
	h = kzalloc(sizeof(*h), GFP_ATOMIC);
	if (!h)
		return false;
	memcpy(h->k4.addr, t->dst, 4);
	memcpy(h->k4.rem, t->src, 4);
	h->k4.port = t->dport;
	h->k4.rport = t->sport;
	h->k4.proto = IPPROTO_TCP;
	h->len = min_t(u32, len, V6GW_HELD_QUOTE);
	memcpy(h->data, l3, h->len);
	h->expires = jiffies + cfg->timeout[V6GW_NTM_TCP_SYN];
	spin_lock_bh(&nat->lock);
	if (nat->nheld >= V6GW_NAT64_HELD_MAX) {
		spin_unlock_bh(&nat->lock);
		kfree(h);
		return false;
	}
	list_add_tail(&h->node, &nat->held);
	nat->nheld++;
	spin_unlock_bh(&nat->lock);
	v6gw_stat_inc(vn, V6GW_STAT_NAT64_SYN_HELD);
	return true;
}

/* Under the lock: move the held SYNs whose time ran out to @out. */
static void v6gw_held_expired(struct v6gw_nat64 *nat, struct list_head *out)
{
	struct v6gw_held *h, *tmp;

	list_for_each_entry_safe(h, tmp, &nat->held, node) {
		if (time_before(jiffies, h->expires))
			break;		/* in arrival order, same timeout */
		list_move_tail(&h->node, out);
		nat->nheld--;
	}
}

/* Answer held SYNs with ICMP port unreachable, then forget them. */
static void v6gw_held_answer(struct v6gw_nat64 *nat, struct list_head *list)
{
	struct v6gw_held *h, *tmp;

	list_for_each_entry_safe(h, tmp, list, node) {
		v6gw_icmp4_build(nat->vn, h->data, h->len, ICMP_DEST_UNREACH,
				 ICMP_PORT_UNREACH);
		v6gw_stat_inc(nat->vn, V6GW_STAT_DROP_NAT64_SYN_HELD);
		list_del(&h->node);
		kfree(h);
	}
}

/* Forget every held SYN (namespace exit). */
static void v6gw_held_flush(struct v6gw_nat64 *nat)
{
	struct v6gw_held *h, *tmp;

	spin_lock_bh(&nat->lock);
	list_for_each_entry_safe(h, tmp, &nat->held, node) {
		list_del(&h->node);
		kfree(h);
	}
	nat->nheld = 0;
	spin_unlock_bh(&nat->lock);
}

/* The GC: expire what came due ------------------------------------------ */

/* Under the lock. Returns false when the batch budget ran out. */
static bool v6gw_gc_slot(struct v6gw_nat64 *nat, const struct v6gw_nat64_cfg *c,
			 unsigned long sec, int *budget)
{
	struct list_head *slot = &nat->wheel[sec % V6GW_WHEEL_SLOTS];
	unsigned long now = jiffies;
	struct v6gw_sess *s, *tmp;

	list_for_each_entry_safe(s, tmp, slot, wheel) {
		unsigned long deadline = v6gw_sess_deadline(c, s);
		struct v6gw_tcp_step step;

		if (--*budget < 0)
			return false;
		if (time_before(now, deadline)) {
			v6gw_wheel_put(nat, s, deadline);
			continue;
		}
		if (s->k6.proto == IPPROTO_TCP &&
		    v6gw_tcp_expired(s->state, &step)) {
			WRITE_ONCE(s->state, step.state);
			if (step.timer == V6GW_TT_TRANS)
				s->timer = V6GW_NTM_TCP_TRANS;
			else if (step.timer == V6GW_TT_EST)
				s->timer = V6GW_NTM_TCP_EST;
			WRITE_ONCE(s->last, now);
			v6gw_wheel_put(nat, s, v6gw_sess_deadline(c, s));
			continue;
		}
		v6gw_sess_unlink(nat, s);
		v6gw_stat_inc(nat->vn, V6GW_STAT_NAT64_SESSION_EXPIRED);
	}
	return true;
}

static void v6gw_gc_work(struct work_struct *work)
{
	struct v6gw_nat64 *nat = container_of(to_delayed_work(work),
					      struct v6gw_nat64, gc);
	const struct v6gw_nat64_cfg *c;
	unsigned long now;
	bool more = false;
	LIST_HEAD(held);

	spin_lock_bh(&nat->lock);
	rcu_read_lock();
	c = rcu_dereference(nat->cfg);
	now = v6gw_sec(jiffies);
	/* never more than a turn of the wheel behind */
	if (time_before(nat->gc_next + V6GW_WHEEL_SLOTS, now))
		nat->gc_next = now - V6GW_WHEEL_SLOTS;
	while (c && !time_after(nat->gc_next, now)) {
		int budget = V6GW_GC_BATCH;

		if (!v6gw_gc_slot(nat, c, nat->gc_next, &budget)) {
			more = true;
			break;
		}
		nat->gc_next++;
	}
	if (!c)
		nat->gc_next = now + 1;
	v6gw_held_expired(nat, &held);
	rcu_read_unlock();
	spin_unlock_bh(&nat->lock);
	v6gw_held_answer(nat, &held);
	/* a held SYN waits TCP_SYN seconds: look 4 times a second then */
	queue_delayed_work(system_power_efficient_wq, &nat->gc,
			   more ? 1 : READ_ONCE(nat->nheld) ? HZ / 4 : HZ);
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
	err = rhashtable_init(&nat->sess6, &v6gw_sess6_params);
	if (err)
		goto err_bib4;
	err = rhashtable_init(&nat->sess4, &v6gw_sess4_params);
	if (err)
		goto err_sess6;
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

err_sess6:
	rhashtable_destroy(&nat->sess6);
err_bib4:
	rhashtable_destroy(&nat->bib4);
err_bib6:
	rhashtable_destroy(&nat->bib6);
err_free:
	kvfree(nat);
	return err;
}

typedef bool (*v6gw_sess_match_fn)(const struct v6gw_sess *s, const void *arg);

/*
 * One walk over the sessions, removing those @match accepts (all without
 * it). Returns how many it removed: a walk that pauses may skip entries
 * that moved, so callers walk again until one removes nothing.
 */
static u32 v6gw_nat64_remove_pass(struct v6gw_nat64 *nat,
				  v6gw_sess_match_fn match, const void *arg)
{
	struct rhashtable_iter it;
	struct v6gw_sess *s;
	u32 n = 0, removed = 0;

	rhashtable_walk_enter(&nat->sess6, &it);
	rhashtable_walk_start(&it);
	while ((s = rhashtable_walk_next(&it))) {
		if (IS_ERR(s))
			continue;
		/* a million sessions: let others run now and then */
		if (!(++n % 1024)) {
			rhashtable_walk_stop(&it);
			cond_resched();
			rhashtable_walk_start(&it);
		}
		if (match && !match(s, arg))
			continue;
		spin_lock_bh(&nat->lock);
		if (!s->dead) {
			v6gw_sess_unlink(nat, s);
			removed++;
		}
		spin_unlock_bh(&nat->lock);
	}
	rhashtable_walk_stop(&it);
	rhashtable_walk_exit(&it);
	return removed;
}

/* Under the config lock: remove every session @match accepts. */
static void v6gw_nat64_remove(struct v6gw_net *vn, v6gw_sess_match_fn match,
			      const void *arg)
{
	struct v6gw_nat64 *nat = v6gw_nat(vn);
	int pass;

	if (!nat)
		return;
	for (pass = 0; pass < 64; pass++)
		if (!v6gw_nat64_remove_pass(nat, match, arg))
			break;
}

static bool v6gw_match_proto(const struct v6gw_sess *s, const void *arg)
{
	return s->k6.proto == *(const u8 *)arg;
}

/* @proto: IPPROTO_*, or -1 for every protocol. */
void v6gw_nat64_flush(struct v6gw_net *vn, int proto)
{
	u8 p = proto;

	v6gw_nat64_remove(vn, proto < 0 ? NULL : v6gw_match_proto, &p);
}

/* Sessions outside the configuration: Y' under no prefix, T not in pool4. */
static bool v6gw_match_stale(const struct v6gw_sess *s, const void *arg)
{
	const struct v6gw_nat64_cfg *c = arg;
	int p = v6gw_np_index(s->k6.proto);
	u32 i;

	for (i = 0; i < c->nprefix; i++)
		if (v6gw_prefix6_contains(&c->prefix[i], s->k6.rem))
			break;
	if (i == c->nprefix)
		return true;
	return !s->bib->is_static &&
	       !v6gw_pool4_contains(&c->pool[p], s->k4.addr, s->k4.port);
}

static void v6gw_nat64_purge(struct v6gw_net *vn,
			     const struct v6gw_nat64_cfg *c)
{
	v6gw_nat64_remove(vn, v6gw_match_stale, c);
}

static void v6gw_nat64_free_pass(struct v6gw_nat64 *nat);

static void v6gw_nat64_free_all(struct v6gw_nat64 *nat)
{
	int pass;

	for (pass = 0; pass < 64; pass++) {
		u32 left;
		int i;

		v6gw_nat64_free_pass(nat);
		spin_lock_bh(&nat->lock);
		for (left = 0, i = 0; i < V6GW_NP_COUNT; i++)
			left += nat->nbib[i];
		spin_unlock_bh(&nat->lock);
		if (!left)
			break;
	}
}

static void v6gw_nat64_free_pass(struct v6gw_nat64 *nat)
{
	struct rhashtable_iter it;
	struct v6gw_bib *b;

	/* no reader left: called after the hooks and a grace period */
	rhashtable_walk_enter(&nat->bib6, &it);
	rhashtable_walk_start(&it);
	while ((b = rhashtable_walk_next(&it))) {
		if (IS_ERR(b))
			continue;
		spin_lock_bh(&nat->lock);
		if (!b->dead)
			v6gw_bib_unlink(nat, b);
		spin_unlock_bh(&nat->lock);
	}
	rhashtable_walk_stop(&it);
	rhashtable_walk_exit(&it);
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
	rhashtable_destroy(&nat->sess4);
	rhashtable_destroy(&nat->sess6);
	rhashtable_destroy(&nat->bib4);
	rhashtable_destroy(&nat->bib6);
	vn->nat64 = NULL;
	kvfree(nat);
}

/* Static BIB entries ------------------------------------------------------ */

int v6gw_nat64_bib_add(struct v6gw_net *vn, const struct v6gw_bkey6 *k6,
		       const struct v6gw_bkey4 *k4, const char **why)
{
	const struct v6gw_nat64_cfg *c = v6gw_nat64_cfg_locked(vn);
	struct v6gw_nat64 *nat = v6gw_nat(vn);
	int p = v6gw_np_index(k6->proto), err = 0;

	if (!c || !v6gw_pool4_has_addr(&c->pool[p], k4->addr)) {
		*why = "the IPv4 address is not in pool4 for the protocol";
		return -EINVAL;
	}
	spin_lock_bh(&nat->lock);
	if (rhashtable_lookup_fast(&nat->bib6, k6, v6gw_bib6_params) ||
	    rhashtable_lookup_fast(&nat->bib4, k4, v6gw_bib4_params))
		err = -EEXIST;
	else if (!v6gw_bib_new(nat, k6, k4, true))
		err = -ENOMEM;
	spin_unlock_bh(&nat->lock);
	return err;
}

/* Either key may be NULL; with both they must name the same entry. */
int v6gw_nat64_bib_del(struct v6gw_net *vn, const struct v6gw_bkey6 *k6,
		       const struct v6gw_bkey4 *k4)
{
	struct v6gw_nat64 *nat = v6gw_nat(vn);
	struct v6gw_bib *b = NULL, *b4 = NULL;
	struct hlist_node *tmp;
	struct v6gw_sess *s;

	if (!nat)
		return -ENOENT;
	spin_lock_bh(&nat->lock);
	if (k6)
		b = rhashtable_lookup_fast(&nat->bib6, k6, v6gw_bib6_params);
	if (k4)
		b4 = rhashtable_lookup_fast(&nat->bib4, k4, v6gw_bib4_params);
	if (!k6)
		b = b4;
	if (!b || (k4 && b4 != b)) {
		spin_unlock_bh(&nat->lock);
		return -ENOENT;
	}
	/* its sessions go first; the last one takes a dynamic entry along */
	b->is_static = true;
	hlist_for_each_entry_safe(s, tmp, &b->sessions, bnode)
		v6gw_sess_unlink(nat, s);
	v6gw_bib_unlink(nat, b);
	spin_unlock_bh(&nat->lock);
	return 0;
}

/* The data path ------------------------------------------------------------ */

/* Is @dst6 under a NAT64 prefix? */
bool v6gw_nat64_dst6(const struct v6gw_nat64_cfg *cfg, const u8 *dst6)
{
	u32 i;

	for (i = 0; i < cfg->nprefix; i++)
		if (v6gw_prefix6_contains(&cfg->prefix[i], dst6))
			return true;
	return false;
}

/* Is @dst4 a pool4 address (of any protocol)? */
bool v6gw_nat64_dst4(const struct v6gw_nat64_cfg *cfg, const u8 *dst4)
{
	u32 i, j;

	for (i = 0; i < V6GW_NP_COUNT; i++)
		for (j = 0; j < cfg->npool[i]; j++) {
			const struct v6gw_pool4_entry *e = &cfg->pool_e[i][j];
			u32 mask = ~0U << (32 - e->plen);

			if (!((v6gw_get_be32(e->addr) ^
			       v6gw_get_be32(dst4)) & mask))
				return true;
		}
	return false;
}

/* An IPv6 host reaching another one through its pool4 address. */
bool v6gw_nat64_hairpin4(const struct v6gw_nat64_cfg *cfg, u8 proto,
			 const u8 *dst4, u16 port)
{
	int p = v6gw_np_index(proto);

	return p >= 0 && v6gw_pool4_contains(&cfg->pool[p], dst4, port);
}

/* Y from Y': the IPv4 address under one of the prefixes, if allowed. */
static bool v6gw_nat64_extract(const struct v6gw_nat64_cfg *cfg,
			       const u8 *v6, u8 *v4)
{
	u32 i;

	for (i = 0; i < cfg->nprefix; i++) {
		const struct v6gw_prefix6 *p = &cfg->prefix[i];

		if (!v6gw_prefix6_contains(p, v6))
			continue;
		if (!v6gw_rfc6052_extract(p, v6, v4))
			return false;
		return !(cfg->wkpf_strict && v6gw_rfc6052_is_wkp(p) &&
			 v6gw_ipv4_is_special(v4));
	}
	return false;
}

/* Y' from Y, with the first prefix (IPv4-initiated sessions, ICMP). */
static bool v6gw_nat64_embed(const struct v6gw_nat64_cfg *cfg, const u8 *v4,
			     u8 *v6)
{
	const struct v6gw_prefix6 *p = &cfg->prefix[0];

	if (!cfg->nprefix)
		return false;
	if (cfg->wkpf_strict && v6gw_rfc6052_is_wkp(p) &&
	    v6gw_ipv4_is_special(v4))
		return false;
	v6gw_rfc6052_embed(p, v4, v6);
	return true;
}

static void v6gw_nat64_event(struct v6gw_nat64 *nat, u8 type, int p,
			     u8 proto)
{
	unsigned long now = jiffies;

	if (time_before(now, READ_ONCE(nat->ev_last[type][p]) + HZ))
		return;
	WRITE_ONCE(nat->ev_last[type][p], now);
	v6gw_nl_nat64_event(nat->vn->net, type, proto);
}

struct v6gw_busy_ctx {
	struct v6gw_nat64 *nat;
	u8 proto;
};

/* Is (T, t) bound already? For the pool4 allocator. */
static bool v6gw_bib4_busy(void *ctx, const u8 addr[4], u16 port)
{
	const struct v6gw_busy_ctx *b = ctx;
	struct v6gw_bkey4 k4 = { .port = port, .proto = b->proto };

	memcpy(k4.addr, addr, 4);
	return rhashtable_lookup_fast(&b->nat->bib4, &k4, v6gw_bib4_params);
}

/* Under the lock: a free (T, t) for (X', x), or NULL when pool4 is full. */
static struct v6gw_bib *v6gw_bib_alloc(struct v6gw_nat64 *nat,
				       const struct v6gw_nat64_cfg *c,
				       const struct v6gw_bkey6 *k6, int *stat)
{
	const struct v6gw_pool4_set *set = &c->pool[v6gw_np_index(k6->proto)];
	struct v6gw_busy_ctx ctx = { .nat = nat, .proto = k6->proto };
	struct v6gw_bkey4 k4 = { .proto = k6->proto };
	u32 h_addr, h_port;
	struct v6gw_bib *b;

	*stat = V6GW_STAT_DROP_NAT64_POOL4_FULL;
	h_addr = siphash(k6->addr, 16, &nat->key);
	h_port = (u32)siphash(k6, sizeof(*k6), &nat->key) + nat->alloc_ctr++;
	if (!v6gw_pool4_alloc(set, k6->port, h_addr, h_port, v6gw_bib4_busy,
			      &ctx, k4.addr, &k4.port))
		return NULL;
	b = v6gw_bib_new(nat, k6, &k4, false);
	if (!b)
		*stat = V6GW_STAT_DROP_NOMEM;
	else
		v6gw_stat_inc(nat->vn, V6GW_STAT_NAT64_BIB_NEW);
	return b;
}

/* Under the lock: a session of @b for the flow, in every table. */
static struct v6gw_sess *v6gw_sess_new(struct v6gw_nat64 *nat,
				       const struct v6gw_nat64_cfg *c,
				       struct v6gw_bib *b,
				       const u8 *rem6, const u8 *rem4,
				       u16 rport, u8 state, u8 timer,
				       int *stat)
{
	int p = v6gw_np_index(b->k6.proto);
	struct v6gw_sess *s;

	if (nat->nsess_all >= c->max_sessions) {
		*stat = V6GW_STAT_DROP_NAT64_SESSION_LIMIT;
		v6gw_nat64_event(nat, V6GW_NAT64_EV_SESSION_LIMIT, p,
				 b->k6.proto);
		return NULL;
	}
	*stat = V6GW_STAT_DROP_NOMEM;
	s = kmem_cache_zalloc(v6gw_sess_cache, GFP_ATOMIC);
	if (!s)
		return NULL;
	memcpy(s->k6.addr, b->k6.addr, 16);
	memcpy(s->k6.rem, rem6, 16);
	s->k6.port = b->k6.port;
	s->k6.rport = b->k6.proto == IPPROTO_ICMP ? b->k6.port : rport;
	s->k6.proto = b->k6.proto;
	memcpy(s->k4.addr, b->k4.addr, 4);
	memcpy(s->k4.rem, rem4, 4);
	s->k4.port = b->k4.port;
	s->k4.rport = b->k6.proto == IPPROTO_ICMP ? b->k4.port : rport;
	s->k4.proto = b->k6.proto;
	s->bib = b;
	s->state = state;
	s->timer = timer;
	s->last = jiffies;
	INIT_LIST_HEAD(&s->wheel);
	if (rhashtable_insert_fast(&nat->sess6, &s->n6, v6gw_sess6_params)) {
		kmem_cache_free(v6gw_sess_cache, s);
		return NULL;
	}
	if (rhashtable_insert_fast(&nat->sess4, &s->n4, v6gw_sess4_params)) {
		rhashtable_remove_fast(&nat->sess6, &s->n6, v6gw_sess6_params);
		call_rcu(&s->rcu, v6gw_sess_free_rcu);
		return NULL;
	}
	hlist_add_head(&s->bnode, &b->sessions);
	b->nsess++;
	nat->nsess[p]++;
	nat->nsess_all++;
	v6gw_wheel_put(nat, s, s->last + c->timeout[timer]);
	v6gw_stat_inc(nat->vn, V6GW_STAT_NAT64_SESSION_NEW);
	return s;
}

/* States where a packet without SYN, FIN, RST only refreshes TCP_EST. */
static bool v6gw_tcp_data_only(u8 state)
{
	return state == V6GW_TS_ESTABLISHED || state == V6GW_TS_V4_FIN_RCV ||
	       state == V6GW_TS_V6_FIN_RCV;
}

static u8 v6gw_tcp_timer_of(u8 tt, u8 cur)
{
	switch (tt) {
	case V6GW_TT_EST:
		return V6GW_NTM_TCP_EST;
	case V6GW_TT_TRANS:
		return V6GW_NTM_TCP_TRANS;
	case V6GW_TT_SYN:
		return V6GW_NTM_TCP_SYN;
	default:
		return cur;
	}
}

/*
 * A packet of session @s: the TCP state machine, and the lifetime. Only
 * TCP packets that may change the state take the lock.
 */
static void v6gw_sess_touch(struct v6gw_nat64 *nat,
			    const struct v6gw_nat64_cfg *c,
			    struct v6gw_sess *s, const struct v6gw_nat64_tuple *t,
			    bool from6)
{
	unsigned long now = jiffies;
	struct v6gw_tcp_step step;

	if (t->icmp_err)
		return;		/* errors neither refresh nor change state */
	/*
	 * Without SYN, FIN or RST, a packet in ESTABLISHED or a FIN RCV
	 * state changes nothing but the lifetime (TCP_EST in all three):
	 * no lock for the bulk of a transfer, half-closed ones included.
	 */
	if (s->k6.proto == IPPROTO_TCP &&
	    ((t->tcp_flags & (V6GW_TCP_SYN | V6GW_TCP_FIN | V6GW_TCP_RST)) ||
	     !v6gw_tcp_data_only(READ_ONCE(s->state)))) {
		spin_lock_bh(&nat->lock);
		if (!s->dead) {
			u8 old_timer = s->timer;

			v6gw_tcp_packet(s->state, from6, t->tcp_flags, &step);
			WRITE_ONCE(s->state, step.state);
			s->timer = v6gw_tcp_timer_of(step.timer, s->timer);
			if (step.timer != V6GW_TT_KEEP)
				WRITE_ONCE(s->last, now);
			if (s->timer != old_timer || step.timer != V6GW_TT_KEEP)
				v6gw_wheel_put(nat, s,
					       v6gw_sess_deadline(c, s));
		}
		spin_unlock_bh(&nat->lock);
		return;
	}
	if (READ_ONCE(s->last) != now)
		WRITE_ONCE(s->last, now);
}

/**
 * v6gw_nat64_lookup6() - the session of an IPv6 packet, created if allowed
 * @vn: the namespace
 * @cfg: its NAT64 configuration
 * @t: the packet's tuple (X', x) -> (Y', y), or an error's, reversed
 * @pkt: gets the premapped addresses and the new ports
 * @stat: the drop counter, with %V6GW_NR_DROP
 *
 * Return: what to do with the packet.
 */
enum v6gw_nat64_res v6gw_nat64_lookup6(struct v6gw_net *vn,
				       const struct v6gw_nat64_cfg *cfg,
				       const struct v6gw_nat64_tuple *t,
				       struct v6gw_xlat_pkt *pkt, int *stat)
{
	struct v6gw_nat64 *nat = v6gw_nat(vn);
	struct v6gw_skey6 k = { .proto = t->proto };
	struct v6gw_tcp_step step = { .state = V6GW_TS_ESTABLISHED };
	struct v6gw_sess *s;
	u8 rem4[4];

	if (!v6gw_nat64_extract(cfg, t->dst, rem4))
		return V6GW_NR_PASS;
	memcpy(k.addr, t->src, 16);
	memcpy(k.rem, t->dst, 16);
	k.port = t->sport;
	k.rport = t->dport;
	s = rhashtable_lookup(&nat->sess6, &k, v6gw_sess6_params);
	if (!s) {
		struct v6gw_bkey6 bk = { .proto = t->proto, .port = t->sport };
		u8 timer = t->proto == IPPROTO_UDP ? V6GW_NTM_UDP :
			   V6GW_NTM_ICMP;
		struct v6gw_bib *b;

		*stat = V6GW_STAT_DROP_NAT64_NO_STATE;
		if (t->icmp_err)
			return V6GW_NR_DROP;
		if (t->proto == IPPROTO_TCP) {
			v6gw_tcp_packet(V6GW_TS_CLOSED, true, t->tcp_flags,
					&step);
			if (step.state == V6GW_TS_CLOSED)
				return V6GW_NR_DROP;
			timer = v6gw_tcp_timer_of(step.timer,
						  V6GW_NTM_TCP_TRANS);
		}
		memcpy(bk.addr, t->src, 16);
		spin_lock_bh(&nat->lock);
		s = rhashtable_lookup(&nat->sess6, &k, v6gw_sess6_params);
		if (!s) {
			b = rhashtable_lookup(&nat->bib6, &bk, v6gw_bib6_params);
			if (!b)
				b = v6gw_bib_alloc(nat, cfg, &bk, stat);
			if (!b && *stat == V6GW_STAT_DROP_NAT64_POOL4_FULL)
				v6gw_nat64_event(nat,
						 V6GW_NAT64_EV_POOL4_EXHAUSTED,
						 v6gw_np_index(t->proto),
						 t->proto);
			if (b)
				s = v6gw_sess_new(nat, cfg, b, t->dst, rem4,
						  t->dport, step.state, timer,
						  stat);
			if (b && !s && !b->nsess && !b->is_static)
				v6gw_bib_unlink(nat, b);
			if (s && nat->nheld)
				v6gw_held_cancel(nat, &s->k4);
		}
		spin_unlock_bh(&nat->lock);
		if (!s)
			return V6GW_NR_DROP;
	} else {
		v6gw_sess_touch(nat, cfg, s, t, true);
	}

	/* outer: T -> Y (an error's source, a native IPv6 router, is T too) */
	pkt->nat = true;
	memcpy(pkt->premap_dst, s->k4.rem, 4);
	memcpy(pkt->premap_src, s->k4.addr, 4);
	pkt->premap = V6GW_PREMAP_DST | V6GW_PREMAP_SRC | V6GW_PREMAP_SRC_OK;
	if (t->icmp_err) {
		/* the embedded packet went Y' -> X': now Y -> T */
		memcpy(pkt->premap_dst, s->k4.rem, 4);
		memcpy(pkt->nat_in_src, s->k4.rem, 4);
		memcpy(pkt->nat_in_dst, s->k4.addr, 4);
		pkt->nat_in_sport = s->k4.rport;
		pkt->nat_in_dport = s->k4.port;
		if (t->proto == IPPROTO_ICMP)
			pkt->nat_in_sport = s->k4.port;
	} else {
		pkt->nat_sport = s->k4.port;
		pkt->nat_dport = s->k4.rport;
	}
	return V6GW_NR_OK;
}

/**
 * v6gw_nat64_lookup4() - the session of an IPv4 packet
 * @vn: the namespace
 * @cfg: its NAT64 configuration
 * @t: the packet's tuple (Y, y) -> (T, t), or an error's, reversed
 * @outer_src4: the packet's own source (an error's: the reporting router)
 * @pkt: gets the premapped addresses and the new ports
 * @stat: the drop counter, with %V6GW_NR_DROP and %V6GW_NR_UNREACH
 *
 * Return: what to do with the packet.
 */
enum v6gw_nat64_res v6gw_nat64_lookup4(struct v6gw_net *vn,
				       const struct v6gw_nat64_cfg *cfg,
				       const struct v6gw_nat64_tuple *t,
				       const u8 *outer_src4,
				       struct v6gw_xlat_pkt *pkt, int *stat)
{
	struct v6gw_nat64 *nat = v6gw_nat(vn);
	struct v6gw_skey4 k = { .proto = t->proto };
	struct v6gw_sess *s;
	int p = v6gw_np_index(t->proto);

	memcpy(k.addr, t->dst, 4);
	memcpy(k.rem, t->src, 4);
	k.port = t->dport;
	k.rport = t->sport;
	s = rhashtable_lookup(&nat->sess4, &k, v6gw_sess4_params);
	if (!s) {
		struct v6gw_bkey4 bk = { .proto = t->proto, .port = t->dport };
		struct v6gw_tcp_step step = { .state = V6GW_TS_ESTABLISHED };
		u8 timer = t->proto == IPPROTO_UDP ? V6GW_NTM_UDP :
			   V6GW_NTM_ICMP;
		struct v6gw_bib *b;
		u8 rem6[16];

		*stat = V6GW_STAT_DROP_NAT64_NO_STATE;
		memcpy(bk.addr, t->dst, 4);
		b = rhashtable_lookup(&nat->bib4, &bk, v6gw_bib4_params);
		if (t->icmp_err)
			return V6GW_NR_DROP;
		if (!b) {
			/* not ours after all: ports outside pool4 */
			if (!v6gw_pool4_contains(&cfg->pool[p], t->dst,
						 t->dport))
				return V6GW_NR_PASS;
			if (v6gw_tcp_syn_only(t))
				return V6GW_NR_HOLD;
			return t->proto == IPPROTO_UDP ? V6GW_NR_UNREACH :
			       V6GW_NR_DROP;
		}
		if (t->proto == IPPROTO_TCP) {
			v6gw_tcp_packet(V6GW_TS_CLOSED, false, t->tcp_flags,
					&step);
			if (step.state == V6GW_TS_CLOSED)
				return V6GW_NR_DROP;
			timer = v6gw_tcp_timer_of(step.timer,
						  V6GW_NTM_TCP_TRANS);
		}
		if (!v6gw_nat64_embed(cfg, t->src, rem6))
			return V6GW_NR_DROP;
		spin_lock_bh(&nat->lock);
		s = rhashtable_lookup(&nat->sess4, &k, v6gw_sess4_params);
		if (!s && !b->dead) {
			bool allowed = cfg->filtering ==
				       V6GW_NAT64_FILTER_ENDPOINT;
			struct v6gw_sess *o;

			/* address-dependent: the host talked to Y before */
			hlist_for_each_entry(o, &b->sessions, bnode) {
				if (allowed)
					break;
				allowed = !memcmp(o->k4.rem, t->src, 4);
			}
			if (allowed)
				s = v6gw_sess_new(nat, cfg, b, rem6, t->src,
						  t->sport, step.state, timer,
						  stat);
			else
				*stat = V6GW_STAT_DROP_NAT64_FILTERED;
		}
		spin_unlock_bh(&nat->lock);
		if (!s && *stat == V6GW_STAT_DROP_NAT64_FILTERED &&
		    v6gw_tcp_syn_only(t))
			return V6GW_NR_HOLD;
		if (!s)
			return V6GW_NR_DROP;
	} else {
		v6gw_sess_touch(nat, cfg, s, t, false);
	}

	pkt->nat = true;
	memcpy(pkt->premap_dst, s->k6.addr, 16);
	pkt->premap = V6GW_PREMAP_DST | V6GW_PREMAP_SRC;
	if (t->icmp_err) {
		/* the reporting router, under the session's prefix */
		if (v6gw_nat64_embed(cfg, outer_src4, pkt->premap_src))
			pkt->premap |= V6GW_PREMAP_SRC_OK;
		/* the embedded packet went T -> Y: now X' -> Y' */
		memcpy(pkt->nat_in_src, s->k6.addr, 16);
		memcpy(pkt->nat_in_dst, s->k6.rem, 16);
		pkt->nat_in_sport = s->k6.port;
		pkt->nat_in_dport = s->k6.rport;
	} else {
		memcpy(pkt->premap_src, s->k6.rem, 16);
		pkt->premap |= V6GW_PREMAP_SRC_OK;
		pkt->nat_sport = t->proto == IPPROTO_ICMP ? s->k6.port :
				 s->k6.rport;
		pkt->nat_dport = s->k6.port;
	}
	return V6GW_NR_OK;
}

int __init v6gw_nat64_init(void)
{
	v6gw_sess_cache = KMEM_CACHE(v6gw_sess, V6GW_SLAB_NO_MERGE);
	if (!v6gw_sess_cache)
		return -ENOMEM;
	v6gw_bib_cache = KMEM_CACHE(v6gw_bib, V6GW_SLAB_NO_MERGE);
	if (!v6gw_bib_cache) {
		kmem_cache_destroy(v6gw_sess_cache);
		return -ENOMEM;
	}
	return 0;
}

void v6gw_nat64_uninit(void)
{
	kmem_cache_destroy(v6gw_bib_cache);
	kmem_cache_destroy(v6gw_sess_cache);
}
