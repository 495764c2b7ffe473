// SPDX-License-Identifier: GPL-2.0
/*
 * The stateless translator's configuration (RFC 7915 / RFC 6052).
 * Every function here runs under v6gw_net.lock.
 */
#include <linux/slab.h>

#include "v6gw.h"

bool v6gw_siit_configured(struct v6gw_net *vn)
{
	return rcu_access_pointer(vn->pool6);
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
	struct v6gw_pool6 *pool6;
	int err;

	lockdep_assert_held(&vn->lock);
	if (rcu_access_pointer(vn->pool6))
		return -EEXIST;

	pool6 = kzalloc(sizeof(*pool6), GFP_KERNEL);
	if (!pool6)
		return -ENOMEM;
	pool6->prefix = *p;
	rcu_assign_pointer(vn->pool6, pool6);

	err = v6gw_hooks_sync(vn);
	if (err) {
		RCU_INIT_POINTER(vn->pool6, NULL);
		kfree_rcu(pool6, rcu);
	}
	return err;
}

/**
 * v6gw_siit_pool6_del() - remove the RFC 6052 prefix
 * @vn: the namespace, lock held
 * @p: must equal the configured prefix
 *
 * Return: 0 or -ENOENT.
 */
int v6gw_siit_pool6_del(struct v6gw_net *vn, const struct v6gw_prefix6 *p)
{
	struct v6gw_pool6 *pool6 = v6gw_deref_cfg(vn, vn->pool6);

	if (!pool6 || pool6->prefix.len != p->len ||
	    memcmp(pool6->prefix.addr, p->addr, sizeof(p->addr)))
		return -ENOENT;

	RCU_INIT_POINTER(vn->pool6, NULL);
	kfree_rcu(pool6, rcu);
	/* Unregistering cannot fail; it only ever drops hooks. */
	v6gw_hooks_sync(vn);
	return 0;
}

/* Drop all SIIT configuration; used when the namespace goes away. */
void v6gw_siit_flush(struct v6gw_net *vn)
{
	struct v6gw_pool6 *pool6 = v6gw_deref_cfg(vn, vn->pool6);

	RCU_INIT_POINTER(vn->pool6, NULL);
	if (pool6)
		kfree_rcu(pool6, rcu);
}
