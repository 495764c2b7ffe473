// SPDX-License-Identifier: GPL-2.0
/*
 * Transactions: staging while one is open, and the commit (see txn.h and
 * the uapi header's "Transactions").
 */
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "netlink.h"
#include "txn.h"

/* Gate ------------------------------------------------------------------ */

/*
 * Under vn->lock, before a configuration change: 0 when the caller may
 * go on (no transaction, or its own), -EBUSY when another socket's
 * transaction is open.
 */
int v6gw_txn_gate(struct v6gw_net *vn, const struct genl_info *info)
{
	struct v6gw_txn *t = vn->txn;

	lockdep_assert_held(&vn->lock);
	if (!t || (t->portid == info->snd_portid && !t->committing))
		return 0;
	NL_SET_ERR_MSG(info->extack,
		       "a transaction (v6gw -b) is open in this namespace");
	return -EBUSY;
}

/* After the gate: the caller's transaction, or NULL. */
struct v6gw_txn *v6gw_txn_of(struct v6gw_net *vn)
{
	lockdep_assert_held(&vn->lock);
	return vn->txn;
}

/* A config notification of the owner's: kept for the commit. */
bool v6gw_txn_note(struct v6gw_net *vn, u32 portid, struct sk_buff *skb)
{
	struct v6gw_txn *t;
	bool kept = false;

	mutex_lock(&vn->lock);
	t = vn->txn;
	if (t && t->portid == portid) {
		skb_queue_tail(&t->notes, skb);
		kept = true;
	}
	mutex_unlock(&vn->lock);
	return kept;
}

/* Static BIB entries ---------------------------------------------------- */

static bool v6gw_txn_bib_match(const struct v6gw_txn_bib *x,
			       const struct v6gw_bkey6 *k6,
			       const struct v6gw_bkey4 *k4)
{
	return (!k6 || !memcmp(&x->k6, k6, sizeof(*k6))) &&
	       (!k4 || !memcmp(&x->k4, k4, sizeof(*k4)));
}

/* The staged change of kind @add that either key names. */
static struct v6gw_txn_bib *v6gw_txn_bib_find(struct v6gw_txn *t, bool add,
					      const struct v6gw_bkey6 *k6,
					      const struct v6gw_bkey4 *k4)
{
	struct v6gw_txn_bib *x;

	list_for_each_entry(x, &t->bib, node)
		if (x->add == add && v6gw_txn_bib_match(x, k6, k4))
			return x;
	return NULL;
}

static int v6gw_txn_bib_push(struct v6gw_txn *t, const struct v6gw_bkey6 *k6,
			     const struct v6gw_bkey4 *k4, bool add, u32 seq,
			     gfp_t gfp)
{
	struct v6gw_txn_bib *x = kzalloc(sizeof(*x), gfp);

	if (!x)
		return -ENOMEM;
	x->k6 = *k6;
	x->k4 = *k4;
	x->add = add;
	x->seq = seq;
	list_add_tail(&x->node, &t->bib);
	return 0;
}

/* Is a running entry bound on this side, and not removed by @t? */
static bool v6gw_txn_bib_bound(struct v6gw_net *vn, struct v6gw_txn *t,
			       const struct v6gw_bkey6 *k6,
			       const struct v6gw_bkey4 *k4)
{
	struct v6gw_bkey6 o6;
	struct v6gw_bkey4 o4;

	return !v6gw_nat64_bib_lookup(vn, k6, k4, &o6, &o4) &&
	       !v6gw_txn_bib_find(t, false, &o6, &o4);
}

int v6gw_txn_bib_add(struct v6gw_net *vn, const struct v6gw_bkey6 *k6,
		     const struct v6gw_bkey4 *k4, u32 seq, const char **why)
{
	struct v6gw_txn *t = vn->txn;
	struct v6gw_txn_bib *x;
	int err;

	err = v6gw_nat64_bib_check(vn, v6gw_nat64_cfg_base(vn), k6, k4, why);
	if (err)
		return err;
	x = v6gw_txn_bib_find(t, false, k6, k4);
	if (x) {			/* removed, then added back: kept */
		list_del(&x->node);
		kfree(x);
		return 0;
	}
	if (v6gw_txn_bib_find(t, true, k6, NULL) ||
	    v6gw_txn_bib_find(t, true, NULL, k4) ||
	    v6gw_txn_bib_bound(vn, t, k6, NULL) ||
	    v6gw_txn_bib_bound(vn, t, NULL, k4))
		return -EEXIST;
	return v6gw_txn_bib_push(t, k6, k4, true, seq, GFP_KERNEL);
}

int v6gw_txn_bib_del(struct v6gw_net *vn, const struct v6gw_bkey6 *k6,
		     const struct v6gw_bkey4 *k4, u32 seq)
{
	struct v6gw_txn *t = vn->txn;
	struct v6gw_txn_bib *x;
	struct v6gw_bkey6 o6;
	struct v6gw_bkey4 o4;

	x = v6gw_txn_bib_find(t, true, k6, k4);
	if (x) {			/* added in this transaction */
		list_del(&x->node);
		kfree(x);
		return 0;
	}
	if (v6gw_nat64_bib_lookup(vn, k6, k4, &o6, &o4) ||
	    v6gw_txn_bib_find(t, false, &o6, &o4))
		return -ENOENT;
	return v6gw_txn_bib_push(t, &o6, &o4, false, seq, GFP_KERNEL);
}

struct v6gw_txn_walk {
	struct v6gw_txn *t;
	u32 seq;
};

/* Under RCU, from v6gw_nat64_bib_statics(). */
static int v6gw_txn_bib_flush_one(void *arg, const struct v6gw_bib *b)
{
	struct v6gw_txn_walk *w = arg;

	if (v6gw_txn_bib_find(w->t, false, &b->k6, &b->k4))
		return 0;
	return v6gw_txn_bib_push(w->t, &b->k6, &b->k4, false, w->seq,
				 GFP_ATOMIC);
}

/* RA rules -------------------------------------------------------------- */

static struct v6gw_txn_ra *v6gw_txn_ra_find(struct v6gw_txn *t, int ifindex)
{
	struct v6gw_txn_ra *x;

	list_for_each_entry(x, &t->ra, node)
		if (x->ifindex == ifindex)
			return x;
	return NULL;
}

static void v6gw_txn_ra_free(struct v6gw_txn_ra *x)
{
	list_del(&x->node);
	kfree(x->cfg);
	kfree(x->rule);
	kfree(x);
}

/* The rules the commit would leave. */
static u32 v6gw_txn_ra_count(struct v6gw_net *vn, struct v6gw_txn *t)
{
	u32 n = t->ra_flush ? 0 : vn->nra;
	struct v6gw_txn_ra *x;

	list_for_each_entry(x, &t->ra, node) {
		bool running = !t->ra_flush && v6gw_ra_exists(vn, x->ifindex);

		if (x->set && !running)
			n++;
		else if (!x->set && running)
			n--;
	}
	return n;
}

/* Under RTNL and vn->lock. */
int v6gw_txn_ra_set(struct v6gw_net *vn, int ifindex,
		    const struct v6gw_ra_opts *o, u32 seq, const char **why)
{
	struct v6gw_txn *t = vn->txn;
	struct v6gw_ra_cfg *cfg;
	struct v6gw_txn_ra *x;

	*why = v6gw_ra_opts_invalid(o);
	if (*why)
		return -EINVAL;
	if (!__dev_get_by_index(vn->net, ifindex)) {
		*why = "no such interface";
		return -ENODEV;
	}
	x = v6gw_txn_ra_find(t, ifindex);
	if ((!x || !x->set) &&
	    (t->ra_flush || !v6gw_ra_exists(vn, ifindex)) &&
	    v6gw_txn_ra_count(vn, t) >= V6GW_RA_RULES_MAX) {
		*why = "too many RA rules in this namespace";
		return -ENOSPC;
	}
	cfg = kmalloc(sizeof(*cfg), GFP_KERNEL);
	if (!cfg)
		return -ENOMEM;
	cfg->o = *o;
	if (!x) {
		x = kzalloc(sizeof(*x), GFP_KERNEL);
		if (x)
			x->rule = kzalloc(sizeof(*x->rule), GFP_KERNEL);
		if (!x || !x->rule) {
			kfree(x);
			kfree(cfg);
			return -ENOMEM;
		}
		x->ifindex = ifindex;
		list_add_tail(&x->node, &t->ra);
	}
	kfree(x->cfg);
	x->cfg = cfg;
	x->set = true;
	x->seq = seq;
	return 0;
}

/* Under RTNL and vn->lock. */
int v6gw_txn_ra_del(struct v6gw_net *vn, int ifindex, u32 seq)
{
	struct v6gw_txn *t = vn->txn;
	bool running = !t->ra_flush && v6gw_ra_exists(vn, ifindex);
	struct v6gw_txn_ra *x = v6gw_txn_ra_find(t, ifindex);

	if (x && !x->set)
		return -ENOENT;
	if (!x && !running)
		return -ENOENT;
	if (x && !running) {		/* only staged: forget it */
		v6gw_txn_ra_free(x);
		return 0;
	}
	if (!x) {
		x = kzalloc(sizeof(*x), GFP_KERNEL);
		if (!x)
			return -ENOMEM;
		x->ifindex = ifindex;
		list_add_tail(&x->node, &t->ra);
	}
	kfree(x->cfg);
	x->cfg = NULL;
	x->set = false;
	x->seq = seq;
	return 0;
}

/* PD snooping and delegations ------------------------------------------- */

/* Under RTNL and vn->lock. */
int v6gw_txn_snoop_set(struct v6gw_net *vn, int ifindex, bool on, u32 seq)
{
	struct v6gw_txn_snoop *x;

	if (!__dev_get_by_index(vn->net, ifindex))
		return -ENODEV;
	x = kzalloc(sizeof(*x), GFP_KERNEL);
	if (!x)
		return -ENOMEM;
	x->ifindex = ifindex;
	x->on = on;
	x->seq = seq;
	list_add_tail(&x->node, &vn->txn->snoop);
	return 0;
}

int v6gw_txn_pd(struct v6gw_net *vn, const struct v6gw_pd_req *r,
		enum v6gw_txn_pd_kind kind, bool exists, u32 seq)
{
	struct v6gw_txn *t = vn->txn;
	struct v6gw_txn_pd *x;

	if (t->npd >= V6GW_TXN_ITEMS_MAX)
		return -ENOSPC;
	if (kind == V6GW_TXN_PD_DEL && !exists) {
		/* not running: then added earlier in this transaction */
		bool staged = false;

		list_for_each_entry(x, &t->pd, node)
			if (x->kind == V6GW_TXN_PD_SET &&
			    !memcmp(&x->req.key, &r->key, sizeof(r->key)))
				staged = true;
			else if (x->kind == V6GW_TXN_PD_FLUSH)
				staged = false;
		if (!staged)
			return -ENOENT;
	}
	x = kzalloc(sizeof(*x), GFP_KERNEL);
	if (!x)
		return -ENOMEM;
	if (r)
		x->req = *r;
	x->kind = kind;
	x->seq = seq;
	list_add_tail(&x->node, &t->pd);
	t->npd++;
	return 0;
}

/* Begin, abort, flush ------------------------------------------------- */

void v6gw_txn_free(struct v6gw_txn *t)
{
	struct v6gw_txn_bib *b, *bt;
	struct v6gw_txn_ra *r, *rt;
	struct v6gw_txn_snoop *s, *st;
	struct v6gw_txn_pd *p, *pt;

	if (t->has_siit)
		v6gw_siit_drop(t->siit);
	if (t->has_clat)
		v6gw_clat_drop(t->clat);
	if (t->has_nat64)
		v6gw_nat64_cfg_drop(t->nat64);
	list_for_each_entry_safe(b, bt, &t->bib, node)
		kfree(b);
	list_for_each_entry_safe(r, rt, &t->ra, node)
		v6gw_txn_ra_free(r);
	list_for_each_entry_safe(s, st, &t->snoop, node)
		kfree(s);
	list_for_each_entry_safe(p, pt, &t->pd, node)
		kfree(p);
	skb_queue_purge(&t->notes);
	kfree(t);
}

int v6gw_txn_begin(struct v6gw_net *vn, u32 portid)
{
	struct v6gw_txn *t;

	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	t->portid = portid;
	INIT_LIST_HEAD(&t->bib);
	INIT_LIST_HEAD(&t->ra);
	INIT_LIST_HEAD(&t->snoop);
	INIT_LIST_HEAD(&t->pd);
	skb_queue_head_init(&t->notes);
	mutex_lock(&vn->lock);
	if (vn->txn) {
		mutex_unlock(&vn->lock);
		kfree(t);
		return -EBUSY;
	}
	vn->txn = t;
	mutex_unlock(&vn->lock);
	return 0;
}

int v6gw_txn_abort(struct v6gw_net *vn, u32 portid)
{
	struct v6gw_txn *t;

	mutex_lock(&vn->lock);
	t = vn->txn;
	if (!t || t->portid != portid || t->committing) {
		mutex_unlock(&vn->lock);
		return -ENOENT;
	}
	vn->txn = NULL;
	mutex_unlock(&vn->lock);
	v6gw_txn_free(t);
	return 0;
}

/* The namespace goes: an open transaction goes with it. */
void v6gw_txn_netns_exit(struct v6gw_net *vn)
{
	if (vn->txn)
		v6gw_txn_free(vn->txn);
	vn->txn = NULL;
}

static int v6gw_txn_snoop_off(void *arg, int ifindex)
{
	struct v6gw_txn_walk *w = arg;
	struct v6gw_txn_snoop *x = kzalloc(sizeof(*x), GFP_KERNEL);

	if (!x)
		return -ENOMEM;
	x->ifindex = ifindex;
	x->seq = w->seq;
	list_add_tail(&x->node, &w->t->snoop);
	return 0;
}

/* Stage the removal of the whole configuration. RTNL and vn->lock. */
static int v6gw_txn_stage_flush(struct v6gw_net *vn, u32 seq)
{
	struct v6gw_txn *t = vn->txn;
	struct v6gw_txn_walk w = { .t = t, .seq = seq };
	struct v6gw_txn_bib *b, *bt;
	struct v6gw_txn_ra *r, *rt;
	int err;

	list_for_each_entry_safe(b, bt, &t->bib, node) {
		if (b->add) {
			list_del(&b->node);
			kfree(b);
		}
	}
	err = v6gw_nat64_bib_statics(vn, v6gw_txn_bib_flush_one, &w);
	if (!err)
		err = v6gw_pd_snoops(vn, v6gw_txn_snoop_off, &w);
	if (err)
		return err;
	if (t->has_siit)
		v6gw_siit_drop(t->siit);
	t->siit = NULL;
	t->has_siit = true;
	if (t->has_clat)
		v6gw_clat_drop(t->clat);
	t->clat = NULL;
	t->has_clat = true;
	if (t->has_nat64)
		v6gw_nat64_cfg_drop(t->nat64);
	t->nat64 = NULL;
	t->has_nat64 = true;
	t->nat64_purge = true;
	list_for_each_entry_safe(r, rt, &t->ra, node)
		v6gw_txn_ra_free(r);
	t->ra_flush = true;
	return 0;
}

/*
 * V6GW_CMD_FLUSH: staged in the caller's transaction, or one of its own.
 * A failed staging leaves an unfinished flush in an open transaction:
 * the caller's batch fails and aborts.
 */
int v6gw_txn_flush(struct v6gw_net *vn, u32 portid, u32 seq)
{
	bool own;
	int err;

	rtnl_lock();
	mutex_lock(&vn->lock);
	own = !vn->txn;
	mutex_unlock(&vn->lock);
	rtnl_unlock();
	if (own) {
		err = v6gw_txn_begin(vn, portid);
		if (err)
			return err;
	}
	rtnl_lock();
	mutex_lock(&vn->lock);
	err = vn->txn && vn->txn->portid == portid ?
	      v6gw_txn_stage_flush(vn, seq) : -EBUSY;
	mutex_unlock(&vn->lock);
	rtnl_unlock();
	if (!own)
		return err;
	if (err) {
		v6gw_txn_abort(vn, portid);
		return err;
	}
	return v6gw_txn_commit(vn, portid);
}
