// SPDX-License-Identifier: GPL-2.0
/*
 * A transaction's commit. The steps that can fail come first, each with
 * its undo, and change what the data path sees only in ways the undo
 * takes back: queued PD changes (pd->lock), PD snooping, static BIB
 * entries, the RA hooks, the CLAT and SIIT snapshots (SIIT restores
 * itself when its hooks fail). Then the NAT64 snapshot and the RA rules, which
 * cannot fail but for the NAT64 hooks on memory exhaustion (reported,
 * not undone). Lock order: pd->lock, RTNL, vn->lock.
 */
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "netlink.h"
#include "txn.h"

struct v6gw_pd_undo {
	struct list_head node;
	struct v6gw_pd_req before;	/* had: the entry as it was */
	bool had;			/* else: there was none */
};

struct v6gw_commit {
	struct v6gw_net *vn;
	struct v6gw_txn *t;
	struct v6gw_pd_table *pd;
	struct list_head pd_undo;	/* newest first */
	bool ra_hooked;
	bool clat_swapped;		/* clat_old replaced by the staged one */
	struct v6gw_clat *clat_old;
	bool final;			/* past the point of no return */
	u32 seq;			/* of the request that failed */
	const char *why;
};

/* PD delegations ------------------------------------------------------- */

static int v6gw_commit_pd_image(void *arg, const struct v6gw_pd_req *r)
{
	struct v6gw_commit *c = arg;
	struct v6gw_pd_undo *u = kzalloc(sizeof(*u), GFP_KERNEL);

	if (!u)
		return -ENOMEM;
	u->before = *r;
	u->had = true;
	list_add(&u->node, &c->pd_undo);
	return 0;
}

/* Remember what @key is now (nothing, or an entry) for the undo. */
static int v6gw_commit_pd_remember(struct v6gw_commit *c,
				   const struct v6gw_pd_key *key)
{
	struct v6gw_pd_undo *u;
	int err;

	err = v6gw_pd_images(c->pd, key, v6gw_commit_pd_image, c);
	if (err != -ENOENT)
		return err;
	u = kzalloc(sizeof(*u), GFP_KERNEL);
	if (!u)
		return -ENOMEM;
	u->before.key = *key;
	list_add(&u->node, &c->pd_undo);
	return 0;
}

static int v6gw_commit_pd(struct v6gw_commit *c)
{
	struct v6gw_txn_pd *x;
	int err = 0;

	list_for_each_entry(x, &c->t->pd, node) {
		c->seq = x->seq;
		if (x->kind == V6GW_TXN_PD_FLUSH) {
			err = v6gw_pd_images(c->pd, NULL, v6gw_commit_pd_image,
					     c);
			if (!err)
				v6gw_pd_flush(c->pd);
		} else {
			err = v6gw_commit_pd_remember(c, &x->req.key);
			if (!err && x->kind == V6GW_TXN_PD_DEL) {
				/* it may be gone: not an error */
				err = v6gw_pd_del(c->pd, &x->req.key);
				if (err == -ENOENT)
					err = 0;
				else if (err)
					c->why = "the route could not be removed";
			} else if (!err)
				err = v6gw_pd_apply(c->pd, &x->req, &c->why);
		}
		if (err)
			return err;
	}
	return 0;
}

/* Best effort: what was there comes back, what was not goes. */
static void v6gw_commit_pd_undo(struct v6gw_commit *c, bool apply)
{
	struct v6gw_pd_undo *u, *tmp;
	const char *why;

	list_for_each_entry_safe(u, tmp, &c->pd_undo, node) {
		if (apply && u->had)
			v6gw_pd_apply(c->pd, &u->before, &why);
		else if (apply)
			v6gw_pd_del(c->pd, &u->before.key);
		list_del(&u->node);
		kfree(u);
	}
}

/* Snooping and static BIB entries -------------------------------------- */

static int v6gw_commit_snoop(struct v6gw_commit *c)
{
	struct v6gw_txn_snoop *x;
	int err;

	list_for_each_entry(x, &c->t->snoop, node) {
		x->was = v6gw_pd_snooping(c->vn, x->ifindex);
		err = v6gw_pd_snoop_set(c->vn, x->ifindex, x->on, &c->why);
		if (err) {
			c->seq = x->seq;
			return err;
		}
		x->done = true;
	}
	return 0;
}

static void v6gw_commit_snoop_undo(struct v6gw_commit *c)
{
	struct v6gw_txn_snoop *x;
	const char *why;

	list_for_each_entry_reverse(x, &c->t->snoop, node)
		if (x->done)
			v6gw_pd_snoop_set(c->vn, x->ifindex, x->was, &why);
}

static int v6gw_commit_bib(struct v6gw_commit *c)
{
	struct v6gw_txn_bib *x;
	int err;

	if (list_empty(&c->t->bib))
		return 0;
	if (!c->vn->nat64) {
		c->why = "NAT64 is not configured";
		return -ENOENT;
	}
	/* removals first: an addition may take a side one of them frees */
	list_for_each_entry(x, &c->t->bib, node)
		if (!x->add)
			x->done = !v6gw_nat64_bib_remove(c->vn, &x->k6, &x->k4,
							 &x->was_static);
	list_for_each_entry(x, &c->t->bib, node) {
		if (!x->add)
			continue;
		err = v6gw_nat64_bib_insert(c->vn, &x->k6, &x->k4);
		if (err) {
			c->seq = x->seq;
			c->why = err == -EEXIST ?
				 "one of the transport addresses is bound already" :
				 NULL;
			return err;
		}
		x->done = true;
	}
	return 0;
}

static void v6gw_commit_bib_undo(struct v6gw_commit *c)
{
	struct v6gw_txn_bib *x;

	list_for_each_entry_reverse(x, &c->t->bib, node)
		if (x->done && x->add)
			v6gw_nat64_bib_remove(c->vn, &x->k6, &x->k4, NULL);
	/* sessions of removed entries are gone; the entries come back */
	list_for_each_entry_reverse(x, &c->t->bib, node)
		if (x->done && !x->add && x->was_static)
			v6gw_nat64_bib_insert(c->vn, &x->k6, &x->k4);
}

/* The commit ----------------------------------------------------------- */

/* Under RTNL and vn->lock: everything but the PD delegations. */
static int v6gw_commit_config(struct v6gw_commit *c)
{
	struct v6gw_net *vn = c->vn;
	struct v6gw_txn *t = c->t;
	int err;

	err = v6gw_commit_snoop(c);
	if (err)
		goto undo_snoop;
	err = v6gw_commit_bib(c);
	if (err)
		goto undo_bib;
	err = v6gw_ra_txn_prepare(vn, t, &c->ra_hooked, &c->seq, &c->why);
	if (err)
		goto undo_bib;
	if (t->has_clat) {
		err = v6gw_clat_swap(vn, t->clat, &c->clat_old);
		if (err) {
			c->why = "cannot register the translation hooks";
			goto undo_ra;
		}
		t->has_clat = false;	/* in place: vn's now */
		c->clat_swapped = true;
	}
	if (t->has_siit) {
		t->has_siit = false;	/* published or freed, either way */
		err = v6gw_siit_publish(vn, t->siit);
		if (err) {
			c->why = "cannot register the translation hooks";
			goto undo_clat;
		}
	}
	c->final = true;		/* no way back from here */
	if (c->clat_swapped)
		v6gw_clat_retire(c->clat_old);
	if (t->has_nat64) {
		t->has_nat64 = false;
		err = v6gw_nat64_publish(vn, t->nat64, t->nat64_purge);
		if (err)
			c->why = "in place, but the NAT64 hooks could not be registered";
	}
	v6gw_ra_txn_apply(vn, t);
	return err;

undo_clat:
	if (c->clat_swapped) {
		struct v6gw_clat *staged;

		/* the hooks were as the old one needs: this cannot fail */
		WARN_ON(v6gw_clat_swap(vn, c->clat_old, &staged));
		v6gw_clat_retire(staged);
	}
undo_ra:
	v6gw_ra_txn_unprepare(vn, c->ra_hooked);
undo_bib:
	v6gw_commit_bib_undo(c);
undo_snoop:
	v6gw_commit_snoop_undo(c);
	return err;
}

/*
 * V6GW_CMD_TXN_COMMIT. On failure vn->txn_msg says which request's
 * change failed and why ("seq N: ..."). The transaction ends either way.
 */
int v6gw_txn_commit(struct v6gw_net *vn, u32 portid)
{
	struct v6gw_commit c = { .vn = vn };
	struct v6gw_txn *t;
	int err = 0;

	INIT_LIST_HEAD(&c.pd_undo);
	mutex_lock(&vn->lock);
	t = vn->txn;
	if (!t || t->portid != portid || t->committing) {
		mutex_unlock(&vn->lock);
		return -ENOENT;
	}
	t->committing = true;		/* the owner's requests stop too */
	c.t = t;
	if (!list_empty(&t->pd)) {
		c.pd = v6gw_pd_table_get(vn, true);
		if (!c.pd)
			err = -ENOMEM;
	}
	mutex_unlock(&vn->lock);

	if (c.pd) {
		mutex_lock(&c.pd->lock);
		err = v6gw_commit_pd(&c);
	}
	rtnl_lock();
	mutex_lock(&vn->lock);
	if (!err)
		err = v6gw_commit_config(&c);
	vn->txn = NULL;
	if (err)
		snprintf(vn->txn_msg, sizeof(vn->txn_msg), "seq %u: %s", c.seq,
			 c.why ?: "the change failed");
	mutex_unlock(&vn->lock);
	rtnl_unlock();
	if (c.pd) {
		/* a NAT64 hook failure is past undoing: keep the PD changes */
		v6gw_commit_pd_undo(&c, err && !c.final);
		mutex_unlock(&c.pd->lock);
	}
	if (!err)
		v6gw_nl_notes_send(vn->net, &t->notes);
	v6gw_txn_free(t);
	/* the host-local CLAT's device follows (an error is retried) */
	v6gw_clat_host_wait(vn);
	return err;
}
