// SPDX-License-Identifier: GPL-2.0
/*
 * Stateful NAT64: the BIB and session tables (creating, removing and
 * expiring entries) and their object caches.
 *
 * Tables: three rhashtables per namespace, BIB by (X', x) and by (T, t),
 * sessions by their BIB entry and (Y, y): a packet finds its BIB entry by
 * its own side's address and port, then its session (one lookup more
 * than a table per side would take, for a third less memory: 80 + 64
 * bytes of objects and two tables' buckets per flow instead of 144 + 80
 * and four; see bench/README.md). Readers (the data path,
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
#include <linux/rhashtable.h>

#include "compat/slab.h"
#include "core/xlat.h"
#include "nat64_int.h"
#include "stats.h"

static struct kmem_cache *v6gw_sess_cache, *v6gw_bib_cache;

/* Sessions the GC expires per lock hold. */
#define V6GW_GC_BATCH		1024

/* Tables ---------------------------------------------------------------- */

/* Put @s in the wheel slot of @deadline (jiffies), at most a turn ahead. */
void v6gw_wheel_put(struct v6gw_nat64 *nat, struct v6gw_sess *s,
		    unsigned long deadline)
{
	/* 32-bit seconds: V6GW_WHEEL_SLOTS divides 2^32, slots agree */
	u32 sec = v6gw_wheel_sec((u32)v6gw_sec(deadline), (u32)nat->gc_next,
				 V6GW_WHEEL_SLOTS);

	list_move_tail(&s->wheel, &nat->wheel[sec % V6GW_WHEEL_SLOTS]);
}

unsigned long v6gw_sess_deadline(const struct v6gw_nat64_cfg *c,
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

/* Under the lock: take a BIB entry out of the tables (its sessions gone). */
void v6gw_bib_unlink(struct v6gw_nat64 *nat, struct v6gw_bib *b)
{
	int p = v6gw_np_index(b->k6.proto);

	WARN_ON_ONCE(!hlist_empty(&b->sessions));
	WRITE_ONCE(b->dead, true);
	rhashtable_remove_fast(&nat->bib6, &b->n6, v6gw_bib6_params);
	rhashtable_remove_fast(&nat->bib4, &b->n4, v6gw_bib4_params);
	nat->nbib[p]--;
	call_rcu(&b->rcu, v6gw_bib_free_rcu);
}

/* Under the lock: remove a session; its dynamic BIB entry with the last. */
static void v6gw_sess_unlink(struct v6gw_nat64 *nat, struct v6gw_sess *s)
{
	struct v6gw_bib *b = s->bib;
	int p = v6gw_np_index(b->k6.proto);

	rhashtable_remove_fast(&nat->sess, &s->node, v6gw_sess_params);
	list_del(&s->wheel);		/* before call_rcu() reuses it */
	hlist_del_init(&s->bnode);	/* v6gw_sess_dead() from now */
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
		if (v6gw_sess_proto(s) == IPPROTO_TCP &&
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

void v6gw_gc_work(struct work_struct *work)
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

	rhashtable_walk_enter(&nat->sess, &it);
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
		if (!v6gw_sess_dead(s)) {
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
void v6gw_nat64_remove(struct v6gw_net *vn, v6gw_sess_match_fn match,
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
	return v6gw_sess_proto(s) == *(const u8 *)arg;
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
	const struct v6gw_bib *b = s->bib;
	int p = v6gw_np_index(b->k6.proto);
	u32 i;

	for (i = 0; i < c->nprefix; i++)
		if (v6gw_prefix6_contains(&c->prefix[i], s->rem6))
			break;
	if (i == c->nprefix)
		return true;
	return !b->is_static &&
	       !v6gw_pool4_contains(&c->pool[p], b->k4.addr, b->k4.port);
}

void v6gw_nat64_purge(struct v6gw_net *vn,
		      const struct v6gw_nat64_cfg *c)
{
	v6gw_nat64_remove(vn, v6gw_match_stale, c);
}

static void v6gw_nat64_free_pass(struct v6gw_nat64 *nat);

void v6gw_nat64_free_all(struct v6gw_nat64 *nat)
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

/* Static BIB entries ------------------------------------------------------ */

/* May (k6, k4) be a static entry under configuration @c? Not bound yet? */
int v6gw_nat64_bib_check(struct v6gw_net *vn,
			 const struct v6gw_nat64_cfg *c,
			 const struct v6gw_bkey6 *k6,
			 const struct v6gw_bkey4 *k4, const char **why)
{
	int p = v6gw_np_index(k6->proto);

	if (!c || !v6gw_pool4_has_addr(&c->pool[p], k4->addr)) {
		*why = "the IPv4 address is not in pool4 for the protocol";
		return -EINVAL;
	}
	return 0;
}

/* Bind (k6, k4) as a static entry: -EEXIST when either side is bound. */
int v6gw_nat64_bib_insert(struct v6gw_net *vn, const struct v6gw_bkey6 *k6,
			  const struct v6gw_bkey4 *k4)
{
	struct v6gw_nat64 *nat = v6gw_nat(vn);
	int err = 0;

	spin_lock_bh(&nat->lock);
	if (rhashtable_lookup_fast(&nat->bib6, k6, v6gw_bib6_params) ||
	    rhashtable_lookup_fast(&nat->bib4, k4, v6gw_bib4_params))
		err = -EEXIST;
	else if (!v6gw_bib_new(nat, k6, k4, true))
		err = -ENOMEM;
	spin_unlock_bh(&nat->lock);
	return err;
}

int v6gw_nat64_bib_add(struct v6gw_net *vn, const struct v6gw_bkey6 *k6,
		       const struct v6gw_bkey4 *k4, const char **why)
{
	int err = v6gw_nat64_bib_check(vn, v6gw_nat64_cfg_locked(vn), k6, k4,
				       why);

	return err ?: v6gw_nat64_bib_insert(vn, k6, k4);
}

/* Under nat->lock: the entry either key names (both: the same one). */
static struct v6gw_bib *v6gw_bib_find(struct v6gw_nat64 *nat,
				      const struct v6gw_bkey6 *k6,
				      const struct v6gw_bkey4 *k4)
{
	struct v6gw_bib *b = NULL, *b4 = NULL;

	if (k6)
		b = rhashtable_lookup_fast(&nat->bib6, k6, v6gw_bib6_params);
	if (k4)
		b4 = rhashtable_lookup_fast(&nat->bib4, k4, v6gw_bib4_params);
	if (!k6)
		b = b4;
	if (!b || (k4 && b4 != b))
		return NULL;
	return b;
}

/* The whole keys of the entry either key names; -ENOENT without one. */
int v6gw_nat64_bib_lookup(struct v6gw_net *vn, const struct v6gw_bkey6 *k6,
			  const struct v6gw_bkey4 *k4,
			  struct v6gw_bkey6 *o6, struct v6gw_bkey4 *o4)
{
	struct v6gw_nat64 *nat = v6gw_nat(vn);
	struct v6gw_bib *b;
	int err = -ENOENT;

	if (!nat)
		return -ENOENT;
	spin_lock_bh(&nat->lock);
	b = v6gw_bib_find(nat, k6, k4);
	if (b) {
		*o6 = b->k6;
		*o4 = b->k4;
		err = 0;
	}
	spin_unlock_bh(&nat->lock);
	return err;
}

/* Remove an entry and its sessions; *@was_static says what it was. */
int v6gw_nat64_bib_remove(struct v6gw_net *vn, const struct v6gw_bkey6 *k6,
			  const struct v6gw_bkey4 *k4, bool *was_static)
{
	struct v6gw_nat64 *nat = v6gw_nat(vn);
	struct hlist_node *tmp;
	struct v6gw_sess *s;
	struct v6gw_bib *b;

	if (!nat)
		return -ENOENT;
	spin_lock_bh(&nat->lock);
	b = v6gw_bib_find(nat, k6, k4);
	if (!b) {
		spin_unlock_bh(&nat->lock);
		return -ENOENT;
	}
	if (was_static)
		*was_static = b->is_static;
	/* its sessions go first; the last one takes a dynamic entry along */
	b->is_static = true;
	hlist_for_each_entry_safe(s, tmp, &b->sessions, bnode)
		v6gw_sess_unlink(nat, s);
	v6gw_bib_unlink(nat, b);
	spin_unlock_bh(&nat->lock);
	return 0;
}

/* Either key may be NULL; with both they must name the same entry. */
int v6gw_nat64_bib_del(struct v6gw_net *vn, const struct v6gw_bkey6 *k6,
		       const struct v6gw_bkey4 *k4)
{
	return v6gw_nat64_bib_remove(vn, k6, k4, NULL);
}

/*
 * @fn for every static entry, under the config lock (which is what adds
 * and removes static entries); @fn runs under RCU and may not sleep.
 */
int v6gw_nat64_bib_statics(struct v6gw_net *vn,
			   int (*fn)(void *arg, const struct v6gw_bib *b),
			   void *arg)
{
	struct v6gw_nat64 *nat = v6gw_nat(vn);
	struct rhashtable_iter it;
	struct v6gw_bib *b;
	int err = 0;

	if (!nat)
		return 0;
	rhashtable_walk_enter(&nat->bib6, &it);
	rhashtable_walk_start(&it);
	while (!err && (b = rhashtable_walk_next(&it))) {
		if (IS_ERR(b))
			continue;
		if (READ_ONCE(b->is_static) && !READ_ONCE(b->dead))
			err = fn(arg, b);
	}
	rhashtable_walk_stop(&it);
	rhashtable_walk_exit(&it);
	return err;
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
struct v6gw_bib *v6gw_bib_alloc(struct v6gw_nat64 *nat,
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
struct v6gw_sess *v6gw_sess_new(struct v6gw_nat64 *nat,
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
	s->bib = b;
	memcpy(s->rem, rem4, 4);
	s->rport = b->k6.proto == IPPROTO_ICMP ? 0 : rport;
	memcpy(s->rem6, rem6, 16);
	s->state = state;
	s->timer = timer;
	s->last = jiffies;
	INIT_LIST_HEAD(&s->wheel);
	if (rhashtable_insert_fast(&nat->sess, &s->node, v6gw_sess_params)) {
		kmem_cache_free(v6gw_sess_cache, s);
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
