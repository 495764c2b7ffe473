/* SPDX-License-Identifier: GPL-2.0 */
/*
 * v6gw: per-network-namespace state and the module's internal interfaces.
 *
 * Locking: each namespace has one configuration mutex, v6gw_net.lock. Every
 * configuration change takes it (netlink handlers, namespace teardown).
 * The data path never takes it: it reads configuration through RCU
 * pointers that writers replace under the lock and free after a grace
 * period. Counters are per CPU.
 */
#ifndef V6GW_H
#define V6GW_H

#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "core/rfc6052.h"
#include "version.h"

struct v6gw_pcpu_stats;

/* The stateless translator's RFC 6052 prefix ("pool6"). */
struct v6gw_pool6 {
	struct v6gw_prefix6 prefix;
	struct rcu_head rcu;
};

struct v6gw_net {
	struct net *net;
	struct mutex lock;			/* the configuration lock */
	struct v6gw_pool6 __rcu *pool6;		/* NULL: not configured */
	struct v6gw_pcpu_stats __percpu *stats;
	bool hooks_registered;			/* under lock */
};

extern unsigned int v6gw_net_id;

static inline struct v6gw_net *v6gw_pernet(const struct net *net)
{
	return net_generic(net, v6gw_net_id);
}

#define v6gw_deref_cfg(vn, p) \
	rcu_dereference_protected(p, lockdep_is_held(&(vn)->lock))

/* hooks.c */
int v6gw_hooks_sync(struct v6gw_net *vn);
void v6gw_hooks_unregister(struct v6gw_net *vn);

/* siit.c */
int v6gw_siit_pool6_set(struct v6gw_net *vn, const struct v6gw_prefix6 *p);
int v6gw_siit_pool6_del(struct v6gw_net *vn, const struct v6gw_prefix6 *p);
void v6gw_siit_flush(struct v6gw_net *vn);
bool v6gw_siit_configured(struct v6gw_net *vn);

/* netlink.c */
int v6gw_genl_init(void);
void v6gw_genl_uninit(void);

#endif /* V6GW_H */
