// SPDX-License-Identifier: GPL-2.0
/*
 * The 464XLAT CLAT (RFC 6877): its configuration, one immutable snapshot
 * per namespace (struct v6gw_clat) read by the hooks under RCU and
 * replaced whole under the configuration lock, like SIIT's. The snapshot
 * carries a SIIT snapshot of its own (the island's EAM entry, the PLAT
 * prefix as pool6), so the CLAT translates with the SIIT data path; only
 * the choice of packets (core/clat.h) and the hook order (hooks.c) are
 * its own.
 */
#include <linux/slab.h>

#include "txn.h"
#include "v6gw.h"

/* RFC 7600: the IPv4 dummy address, source of translated ICMP errors. */
static const struct v6gw_prefix4 v6gw_clat_dummy4 = {
	.addr = { 192, 0, 0, 8 },
	.len = 32,
};

static void v6gw_clat_free(struct v6gw_clat *c)
{
	v6gw_siit_drop(c->xlat);
	kfree(c);
}

static void v6gw_clat_free_rcu(struct rcu_head *rcu)
{
	v6gw_clat_free(container_of(rcu, struct v6gw_clat, rcu));
}

/* A snapshot the data path never saw. */
void v6gw_clat_drop(struct v6gw_clat *c)
{
	if (c)
		v6gw_clat_free(c);
}

/* The staged snapshot of a transaction, else the running one. */
static struct v6gw_clat *v6gw_clat_base(struct v6gw_net *vn)
{
	struct v6gw_txn *t = vn->txn;

	if (t && t->has_clat)
		return t->clat;
	return v6gw_deref_cfg(vn, vn->clat);
}

bool v6gw_clat_configured(struct v6gw_net *vn)
{
	return !!v6gw_deref_cfg(vn, vn->clat);
}

/**
 * v6gw_clat_swap() - put @c in place and bring the hooks in line
 * @vn: the namespace, lock held
 * @c: the new snapshot (NULL: no CLAT)
 * @old: set to the snapshot replaced, for v6gw_clat_retire() or, to undo,
 *	another swap (which cannot fail: the hooks were as it needs)
 *
 * Return: 0, or the hooks' error with nothing changed (@c still the
 * caller's).
 */
int v6gw_clat_swap(struct v6gw_net *vn, struct v6gw_clat *c,
		   struct v6gw_clat **old)
{
	int err;

	*old = v6gw_deref_cfg(vn, vn->clat);
	rcu_assign_pointer(vn->clat, c);
	err = v6gw_hooks_sync(vn);
	if (err)
		rcu_assign_pointer(vn->clat, *old);
	return err;
}

/* Free a replaced snapshot once no reader can hold it. */
void v6gw_clat_retire(struct v6gw_clat *c)
{
	if (c)
		call_rcu(&c->rcu, v6gw_clat_free_rcu);
}

/* A new configuration: staged in a transaction, else published. */
static int v6gw_clat_commit(struct v6gw_net *vn, struct v6gw_clat *c)
{
	struct v6gw_txn *t = vn->txn;
	struct v6gw_clat *old;
	int err;

	if (!t) {
		err = v6gw_clat_swap(vn, c, &old);
		if (err) {
			v6gw_clat_drop(c);
			return err;
		}
		v6gw_clat_retire(old);
		return 0;
	}
	if (t->has_clat)
		v6gw_clat_drop(t->clat);
	t->clat = c;
	t->has_clat = true;
	return 0;
}

/**
 * v6gw_clat_set() - configure the CLAT, replacing any
 * @vn: the namespace, lock held
 * @a: addresses that v6gw_clat_invalid() accepted
 *
 * Return: 0, -ENOMEM, or the error of registering the hooks.
 */
int v6gw_clat_set(struct v6gw_net *vn, const struct v6gw_clat_addrs *a)
{
	struct v6gw_clat *c;

	lockdep_assert_held(&vn->lock);
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->addrs = *a;
	v6gw_clat_eam(a, &c->eam);
	c->xlat = v6gw_siit_new_eam(&c->eam, &a->plat, &v6gw_clat_dummy4);
	if (!c->xlat) {
		kfree(c);
		return -ENOMEM;
	}
	return v6gw_clat_commit(vn, c);
}

/**
 * v6gw_clat_del() - remove the CLAT
 * @vn: the namespace, lock held
 *
 * Return: 0 or -ENOENT.
 */
int v6gw_clat_del(struct v6gw_net *vn)
{
	lockdep_assert_held(&vn->lock);
	if (!v6gw_clat_base(vn))
		return -ENOENT;
	return v6gw_clat_commit(vn, NULL);
}

/* The running configuration; false when there is no CLAT. Under lock. */
bool v6gw_clat_get(struct v6gw_net *vn, struct v6gw_clat_addrs *out)
{
	struct v6gw_clat *c = v6gw_deref_cfg(vn, vn->clat);

	if (c)
		*out = c->addrs;
	return c;
}

/* Namespace exit, lock held, hooks gone and a grace period past. */
void v6gw_clat_netns_exit(struct v6gw_net *vn)
{
	v6gw_clat_drop(v6gw_deref_cfg(vn, vn->clat));
	RCU_INIT_POINTER(vn->clat, NULL);
}
