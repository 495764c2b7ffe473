// SPDX-License-Identifier: GPL-2.0
/*
 * DHCPv6 prefix delegation: the table of delegations, their lifetimes and
 * the queue of snooped changes. See pd.h for the locking.
 *
 * Expiry: a wheel of V6GW_PD_WHEEL_SLOTS one-second lists, as for NAT64
 * sessions (core/wheel.h). A delegation sits in the slot of the second it
 * must be looked at next; the GC runs once a second while there is a
 * finite delegation and looks only at the slots that came due. A renewal
 * changes the deadline only; the GC files the entry again when it meets it.
 */
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "core/wheel.h"
#include "pd.h"
#include "stats.h"

#define V6GW_PD_GC_BATCH	256	/* expiries per lock hold */

/* Set while the module unloads: no events, no queued work. */
static bool v6gw_pd_exiting;

static void v6gw_pd_event(struct v6gw_pd_table *pd, u8 type,
			  const struct v6gw_pd *e)
{
	if (!READ_ONCE(v6gw_pd_exiting))
		v6gw_nl_pd_event(pd, type, e);
}

/* Delegations per namespace: uapi V6GW_PD_MAX unless the module is told. */
#define V6GW_PD_LIMIT	16777216
static unsigned int max_delegations = V6GW_PD_MAX;
module_param(max_delegations, uint, 0444);
MODULE_PARM_DESC(max_delegations,
		 "delegations per network namespace, 1 to 16777216 (default 262144)");

const struct rhashtable_params v6gw_pd_params = {
	.head_offset = offsetof(struct v6gw_pd, node),
	.key_offset = offsetof(struct v6gw_pd, key),
	.key_len = sizeof(struct v6gw_pd_key),
	.automatic_shrinking = true,
};

static u64 v6gw_pd_now(void)
{
	return ktime_get_boottime_seconds();
}

static u64 v6gw_pd_end(u64 now, u32 lifetime)
{
	return lifetime == U32_MAX ? V6GW_PD_INFINITE : now + lifetime;
}

static void v6gw_pd_wheel_put(struct v6gw_pd_table *pd, struct v6gw_pd *e)
{
	u32 sec;

	if (e->valid_end == V6GW_PD_INFINITE) {
		list_del_init(&e->wheel);
		return;
	}
	/* 32-bit seconds: the slot count divides 2^32, slots agree */
	sec = v6gw_wheel_sec((u32)e->valid_end, (u32)pd->gc_next,
			     V6GW_PD_WHEEL_SLOTS);
	list_move_tail(&e->wheel, &pd->wheel[sec % V6GW_PD_WHEEL_SLOTS]);
	if (!delayed_work_pending(&pd->gc))
		schedule_delayed_work(&pd->gc, HZ);
}

/* Is @e the table's entry (not a new one being added)? Under pd->lock. */
bool v6gw_pd_has(struct v6gw_pd_table *pd, const struct v6gw_pd *e)
{
	return rhashtable_lookup_fast(&pd->table, &e->key, v6gw_pd_params) == e;
}

/* Remove @e from the table and free it (its route is the caller's). */
static void v6gw_pd_unlink(struct v6gw_pd_table *pd, struct v6gw_pd *e,
			   u8 event)
{
	rhashtable_remove_fast(&pd->table, &e->node, v6gw_pd_params);
	list_del(&e->wheel);
	pd->count--;
	v6gw_pd_event(pd, event, e);
	kfree_rcu(e, rcu);
}

/*
 * Remove @e and its route. When the routing code does not take the
 * removal (no memory for the request), the delegation stays, so that its
 * route is never left behind without it: counted, and the error returned.
 */
static int v6gw_pd_remove(struct v6gw_pd_table *pd, struct v6gw_pd *e,
			  u8 event)
{
	int err = v6gw_pd_route(pd, e, false, false);

	if (err) {
		v6gw_stat_inc(pd->vn, V6GW_STAT_PD_ROUTE_FAIL);
		return err;
	}
	v6gw_pd_unlink(pd, e, event);
	return 0;
}

static struct v6gw_pd *v6gw_pd_new(const struct v6gw_pd_req *r, u64 now)
{
	struct v6gw_pd *e = kzalloc(sizeof(*e), GFP_KERNEL);

	if (!e)
		return NULL;
	e->key = r->key;
	memcpy(e->via, r->via, 16);
	e->ifindex = r->ifindex;
	e->origin = r->origin;
	e->valid_end = v6gw_pd_end(now, r->valid);
	e->pref_end = v6gw_pd_end(now, r->preferred);
	INIT_LIST_HEAD(&e->wheel);
	return e;
}

/* Same prefix, another router or interface: the route and entry move. */
static int v6gw_pd_move(struct v6gw_pd_table *pd, struct v6gw_pd *old,
			const struct v6gw_pd_req *r, u64 now)
{
	struct v6gw_pd *e = v6gw_pd_new(r, now);
	int err;

	if (!e)
		return -ENOMEM;
	err = v6gw_pd_route(pd, e, true, true);
	if (err) {
		kfree(e);
		return err;
	}
	/* Usually REPLACE took the old route already: then this finds none. */
	v6gw_pd_route(pd, old, false, false);
	rhashtable_replace_fast(&pd->table, &old->node, &e->node,
				v6gw_pd_params);
	list_del(&old->wheel);
	v6gw_pd_event(pd, V6GW_PD_EV_REMOVED, old);
	kfree_rcu(old, rcu);
	v6gw_pd_wheel_put(pd, e);
	v6gw_pd_event(pd, V6GW_PD_EV_ADDED, e);
	return 0;
}

/* A new delegation the full table refuses: counted, and an event. */
static void v6gw_pd_refuse(struct v6gw_pd_table *pd,
			   const struct v6gw_pd_req *r, u64 now)
{
	struct v6gw_pd e = {
		.key = r->key,
		.ifindex = r->ifindex,
		.origin = r->origin,
		.valid_end = v6gw_pd_end(now, r->valid),
		.pref_end = v6gw_pd_end(now, r->preferred),
	};

	memcpy(e.via, r->via, 16);
	v6gw_stat_inc(pd->vn, V6GW_STAT_PD_TABLE_FULL);
	v6gw_pd_event(pd, V6GW_PD_EV_REFUSED, &e);
}

int v6gw_pd_apply(struct v6gw_pd_table *pd, const struct v6gw_pd_req *r,
		  const char **why)
{
	struct v6gw_pd *e;
	u64 now = v6gw_pd_now();
	int err;

	lockdep_assert_held(&pd->lock);
	e = rhashtable_lookup_fast(&pd->table, &r->key, v6gw_pd_params);
	switch (r->op) {
	case V6GW_PD_OP_RELEASE:
		if (e && e->ifindex == r->ifindex && !memcmp(e->via, r->via, 16))
			return v6gw_pd_remove(pd, e, V6GW_PD_EV_REMOVED);
		return 0;
	case V6GW_PD_OP_SET:
		break;
	default:
		return -EINVAL;
	}
	if (!r->valid) {			/* a snooped zero lifetime */
		if (e && e->ifindex == r->ifindex &&
		    !memcmp(e->via, r->via, 16))
			return v6gw_pd_remove(pd, e, V6GW_PD_EV_REMOVED);
		return 0;
	}
	if (e && e->ifindex == r->ifindex && !memcmp(e->via, r->via, 16)) {
		/*
		 * A renewal: the route stays as it is. If it went meanwhile
		 * (the interface was down, someone deleted it), it comes
		 * back; an exclusive add changes nothing when it is there.
		 */
		v6gw_pd_route(pd, e, true, false);
		WRITE_ONCE(e->valid_end, v6gw_pd_end(now, r->valid));
		WRITE_ONCE(e->pref_end, v6gw_pd_end(now, r->preferred));
		v6gw_pd_wheel_put(pd, e);	/* a shorter lifetime too */
		v6gw_pd_event(pd, V6GW_PD_EV_RENEWED, e);
		return 0;
	}
	if (e) {
		err = v6gw_pd_move(pd, e, r, now);
		goto out;
	}
	if (pd->count >= max_delegations) {
		v6gw_pd_refuse(pd, r, now);
		*why = "the delegation table is full";
		return -ENOSPC;
	}
	e = v6gw_pd_new(r, now);
	if (!e)
		return -ENOMEM;
	err = v6gw_pd_route(pd, e, true, false);
	if (!err) {
		err = rhashtable_insert_fast(&pd->table, &e->node,
					     v6gw_pd_params);
		if (err)
			v6gw_pd_route(pd, e, false, false);
	}
	if (err) {
		kfree(e);
		goto out;
	}
	pd->count++;
	v6gw_pd_wheel_put(pd, e);
	v6gw_pd_event(pd, V6GW_PD_EV_ADDED, e);
out:
	if (err) {
		v6gw_stat_inc(pd->vn, V6GW_STAT_PD_ROUTE_FAIL);
		*why = err == -EEXIST ?
		       "another route to the prefix with metric 1024 exists" :
		       "the route could not be installed";
	}
	return err;
}

int v6gw_pd_del(struct v6gw_pd_table *pd, const struct v6gw_pd_key *k)
{
	struct v6gw_pd *e;

	lockdep_assert_held(&pd->lock);
	e = rhashtable_lookup_fast(&pd->table, k, v6gw_pd_params);
	if (!e)
		return -ENOENT;
	return v6gw_pd_remove(pd, e, V6GW_PD_EV_REMOVED);
}

/* Every entry, with its route unless @routes is false; under pd->lock. */
static void v6gw_pd_remove_all(struct v6gw_pd_table *pd, bool routes,
			       int ifindex)
{
	struct rhashtable_iter it;
	struct v6gw_pd *e;
	LIST_HEAD(doomed);

	/* Collect first: the walk must not see the table change under it. */
	rhashtable_walk_enter(&pd->table, &it);
	rhashtable_walk_start(&it);
	while ((e = rhashtable_walk_next(&it))) {
		if (IS_ERR(e))
			continue;
		if (ifindex && e->ifindex != ifindex)
			continue;
		list_move(&e->wheel, &doomed);
	}
	rhashtable_walk_stop(&it);
	rhashtable_walk_exit(&it);

	while (!list_empty(&doomed)) {
		e = list_first_entry(&doomed, struct v6gw_pd, wheel);
		if (routes)
			v6gw_pd_route(pd, e, false, false);
		v6gw_pd_unlink(pd, e, V6GW_PD_EV_REMOVED);
		cond_resched();
	}
}

void v6gw_pd_flush(struct v6gw_pd_table *pd)
{
	lockdep_assert_held(&pd->lock);
	v6gw_pd_remove_all(pd, true, 0);
}

/* Seconds left until @end (at least 1), U32_MAX when infinite. */
static u32 v6gw_pd_left_s(u64 end, u64 now)
{
	if (end == V6GW_PD_INFINITE)
		return U32_MAX;
	return end > now ? (u32)min_t(u64, end - now, U32_MAX - 1) : 1;
}

/*
 * Under pd->lock: @fn with a request that would put each entry back as
 * it is (a SET with what is left of its lifetimes), every entry when
 * @key is NULL. Return: the first error of @fn, or -ENOENT when @key
 * names no entry.
 */
int v6gw_pd_images(struct v6gw_pd_table *pd, const struct v6gw_pd_key *key,
		   int (*fn)(void *arg, const struct v6gw_pd_req *r),
		   void *arg)
{
	struct v6gw_pd_req r = { .op = V6GW_PD_OP_SET };
	u64 now = v6gw_pd_now();
	struct rhashtable_iter it;
	struct v6gw_pd *e;
	LIST_HEAD(seen);
	int err = 0;

	lockdep_assert_held(&pd->lock);
	if (key) {
		e = rhashtable_lookup_fast(&pd->table, key, v6gw_pd_params);
		if (!e)
			return -ENOENT;
		list_move(&e->wheel, &seen);
	} else {
		/* as v6gw_pd_remove_all(): collect first, a walk may repeat */
		rhashtable_walk_enter(&pd->table, &it);
		rhashtable_walk_start(&it);
		while ((e = rhashtable_walk_next(&it)))
			if (!IS_ERR(e))
				list_move(&e->wheel, &seen);
		rhashtable_walk_stop(&it);
		rhashtable_walk_exit(&it);
	}
	while (!list_empty(&seen)) {
		e = list_first_entry(&seen, struct v6gw_pd, wheel);
		list_del_init(&e->wheel);
		v6gw_pd_wheel_put(pd, e);	/* back in its slot */
		if (err)
			continue;
		r.key = e->key;
		memcpy(r.via, e->via, 16);
		r.ifindex = e->ifindex;
		r.origin = e->origin;
		r.valid = v6gw_pd_left_s(e->valid_end, now);
		r.preferred = min(v6gw_pd_left_s(e->pref_end, now), r.valid);
		err = fn(arg, &r);
	}
	return err;
}

/*
 * The interface came up again: IPv6 dropped the routes through it when it
 * went down (the delegations stay), so they are put back. Exclusive adds:
 * a route that is there is left alone.
 */
static void v6gw_pd_routes_back(struct v6gw_pd_table *pd, int ifindex)
{
	struct rhashtable_iter it;
	struct v6gw_pd *e;

	lockdep_assert_held(&pd->lock);
	rhashtable_walk_enter(&pd->table, &it);
	rhashtable_walk_start(&it);
	while ((e = rhashtable_walk_next(&it))) {
		if (IS_ERR(e) || e->ifindex != ifindex)
			continue;
		/* the route request sleeps: leave RCU for it */
		rhashtable_walk_stop(&it);
		v6gw_pd_route(pd, e, true, false);
		rhashtable_walk_start(&it);
	}
	rhashtable_walk_stop(&it);
	rhashtable_walk_exit(&it);
}

/* The GC ------------------------------------------------------------------ */

static void v6gw_pd_gc_work(struct work_struct *work)
{
	struct v6gw_pd_table *pd = container_of(to_delayed_work(work),
						struct v6gw_pd_table, gc);
	int budget = V6GW_PD_GC_BATCH;
	bool more = false;
	u64 now;

	mutex_lock(&pd->lock);
	now = v6gw_pd_now();
	if (pd->gc_next + V6GW_PD_WHEEL_SLOTS < now)
		pd->gc_next = now - V6GW_PD_WHEEL_SLOTS;
	while (pd->gc_next <= now && !more) {
		struct list_head *slot =
			&pd->wheel[pd->gc_next % V6GW_PD_WHEEL_SLOTS];
		struct v6gw_pd *e, *tmp;

		list_for_each_entry_safe(e, tmp, slot, wheel) {
			if (--budget < 0) {
				more = true;
				break;
			}
			if (now < e->valid_end) {
				v6gw_pd_wheel_put(pd, e);
			} else if (v6gw_pd_remove(pd, e, V6GW_PD_EV_EXPIRED)) {
				/* its route stays: tried again in a second */
				WRITE_ONCE(e->valid_end, now + 1);
				v6gw_pd_wheel_put(pd, e);
			}
		}
		if (!more)
			pd->gc_next++;
	}
	if (more)		/* now, even if a re-filing armed it for later */
		mod_delayed_work(system_wq, &pd->gc, 0);
	else if (pd->count)
		schedule_delayed_work(&pd->gc, HZ);
	mutex_unlock(&pd->lock);
}

/* The queue of snooped changes ---------------------------------------------- */

/* From the hooks (any context) and the notifier. */
void v6gw_pd_queue(struct v6gw_pd_table *pd, const struct v6gw_pd_req *r,
		   gfp_t gfp)
{
	struct v6gw_pd_qitem *q;
	bool full;

	spin_lock_bh(&pd->qlock);
	/* interface changes are never lost; snooped changes may be */
	full = (r->op == V6GW_PD_OP_SET || r->op == V6GW_PD_OP_RELEASE) &&
	       pd->nqueue >= V6GW_PD_QUEUE_MAX;
	spin_unlock_bh(&pd->qlock);
	q = full ? NULL : kmalloc(sizeof(*q), gfp);
	if (!q) {
		v6gw_stat_inc(pd->vn, V6GW_STAT_PD_QUEUE_FULL);
		return;
	}
	q->req = *r;
	spin_lock_bh(&pd->qlock);
	list_add_tail(&q->node, &pd->queue);
	pd->nqueue++;
	spin_unlock_bh(&pd->qlock);
	schedule_work(&pd->work);
}

static void v6gw_pd_queue_work(struct work_struct *work)
{
	struct v6gw_pd_table *pd = container_of(work, struct v6gw_pd_table,
						work);
	struct v6gw_pd_qitem *q, *tmp;
	const char *why;
	LIST_HEAD(list);

	spin_lock_bh(&pd->qlock);
	list_splice_init(&pd->queue, &list);
	pd->nqueue = 0;
	spin_unlock_bh(&pd->qlock);

	mutex_lock(&pd->lock);
	list_for_each_entry_safe(q, tmp, &list, node) {
		if (q->req.op == V6GW_PD_OP_GONE)
			/* the kernel took the routes with the interface */
			v6gw_pd_remove_all(pd, false, q->req.ifindex);
		else if (q->req.op == V6GW_PD_OP_UP)
			v6gw_pd_routes_back(pd, q->req.ifindex);
		else
			v6gw_pd_apply(pd, &q->req, &why);
		kfree(q);
		cond_resched();
	}
	mutex_unlock(&pd->lock);
}

/* Lifetime ------------------------------------------------------------------ */

/* The namespace's table, created on first use (@create) under vn->lock. */
struct v6gw_pd_table *v6gw_pd_table_get(struct v6gw_net *vn, bool create)
{
	struct v6gw_pd_table *pd = READ_ONCE(vn->pd);
	int i;

	if (pd || !create)
		return pd;
	lockdep_assert_held(&vn->lock);
	pd = kvzalloc(sizeof(*pd), GFP_KERNEL);
	if (!pd)
		return NULL;
	if (rhashtable_init(&pd->table, &v6gw_pd_params)) {
		kvfree(pd);
		return NULL;
	}
	pd->vn = vn;
	mutex_init(&pd->lock);
	for (i = 0; i < V6GW_PD_WHEEL_SLOTS; i++)
		INIT_LIST_HEAD(&pd->wheel[i]);
	pd->gc_next = v6gw_pd_now();
	INIT_DELAYED_WORK(&pd->gc, v6gw_pd_gc_work);
	spin_lock_init(&pd->qlock);
	INIT_LIST_HEAD(&pd->queue);
	INIT_WORK(&pd->work, v6gw_pd_queue_work);
	INIT_LIST_HEAD(&pd->snoops);
	WRITE_ONCE(vn->pd, pd);
	return pd;
}

static void v6gw_pd_free_entry(void *ptr, void *arg)
{
	kfree(ptr);
}

/*
 * The namespace goes, or the module: snooping has stopped (its interfaces
 * left first, or v6gw_pd_uninit() stopped it). Routes are removed while
 * the namespace lives on (module unload); a dying one takes them along.
 */
void v6gw_pd_netns_exit(struct v6gw_net *vn)
{
	struct v6gw_pd_table *pd = vn->pd;
	struct v6gw_pd_qitem *q, *tmp;

	if (!pd)
		return;
	WARN_ON_ONCE(!list_empty(&pd->snoops));
	/* Nothing queues work any more (no hooks, no interfaces left or the
	 * notifier quiet): stop both works before the routes go. */
	cancel_work_sync(&pd->work);
	cancel_delayed_work_sync(&pd->gc);
	list_for_each_entry_safe(q, tmp, &pd->queue, node)
		kfree(q);
	mutex_lock(&pd->lock);
	if (check_net(vn->net))
		v6gw_pd_remove_all(pd, true, 0);
	v6gw_pd_route_release(pd);
	mutex_unlock(&pd->lock);
	/* entries left (a dying namespace): free them after readers */
	synchronize_rcu();
	rhashtable_free_and_destroy(&pd->table, v6gw_pd_free_entry, NULL);
	mutex_destroy(&pd->lock);
	kvfree(pd);
	vn->pd = NULL;
}

/* Interfaces that go away take their snooping and delegations along. */
static int v6gw_pd_netdev_event(struct notifier_block *nb,
				unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct v6gw_net *vn = v6gw_pernet(dev_net(dev));
	struct v6gw_pd_table *pd = READ_ONCE(vn->pd);
	struct v6gw_pd_req r = {
		.op = V6GW_PD_OP_GONE,
		.ifindex = dev->ifindex,
	};

	if (!pd)
		return NOTIFY_DONE;
	if (event == NETDEV_UP) {
		r.op = V6GW_PD_OP_UP;
		if (!READ_ONCE(v6gw_pd_exiting))
			v6gw_pd_queue(pd, &r, GFP_KERNEL);
		return NOTIFY_DONE;
	}
	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;
	mutex_lock(&vn->lock);
	v6gw_pd_snoop_gone(vn, dev);
	mutex_unlock(&vn->lock);
	/* unloading: the routes stay until v6gw_pd_netns_exit() takes them */
	if (!READ_ONCE(v6gw_pd_exiting))
		v6gw_pd_queue(pd, &r, GFP_KERNEL);
	return NOTIFY_DONE;
}

static struct notifier_block v6gw_pd_notifier = {
	.notifier_call = v6gw_pd_netdev_event,
};

int __init v6gw_pd_init(void)
{
	if (!max_delegations || max_delegations > V6GW_PD_LIMIT) {
		pr_err("v6gw: max_delegations must be 1 to %u\n", V6GW_PD_LIMIT);
		return -EINVAL;
	}
	return register_netdevice_notifier(&v6gw_pd_notifier);
}

/* Replays NETDEV_UNREGISTER everywhere: every snooping hook goes. */
void v6gw_pd_uninit(void)
{
	WRITE_ONCE(v6gw_pd_exiting, true);
	unregister_netdevice_notifier(&v6gw_pd_notifier);
}
