/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Router Advertisement option injection, the kernel side: one rule per
 * interface, found by the interface the RA leaves through. The rewrite
 * itself is the portable core's (core/ra.h).
 *
 * Hooks, per namespace and only while it has a rule, placed where
 * forwarded (routed) traffic never passes: IPv6 LOCAL_OUT for the RAs the
 * box sends itself (radvd, odhcpd, systemd-networkd), and the bridge's
 * FORWARD and LOCAL_OUT for RAs a bridge floods out of its ports (a rule
 * on a port; no br_netfilter). Bridged frames of a namespace with a rule
 * pay the hook call and one test; routed packets pay nothing.
 *
 * Locking: rules are added, replaced and removed under RTNL and then the
 * namespace's configuration lock, in that order (the netdevice notifier
 * runs under RTNL and removes the rule of an interface that goes away).
 * The hooks read the rule list and each rule's options through RCU.
 */
#ifndef V6GW_RA_H
#define V6GW_RA_H

#include <linux/netfilter.h>

#include "core/ra.h"
#include "v6gw.h"

struct v6gw_ra_cfg {
	struct v6gw_ra_opts o;
	struct rcu_head rcu;
};

struct v6gw_ra_rule {
	struct list_head node;		/* vn->ra_rules, RCU */
	int ifindex;
	struct net_device *dev;		/* valid while the rule exists */
	struct v6gw_ra_cfg __rcu *cfg;
	struct rcu_head rcu;
};

int v6gw_ra_init(void);
void v6gw_ra_uninit(void);
void v6gw_ra_netns_init(struct v6gw_net *vn);
void v6gw_ra_netns_exit(struct v6gw_net *vn);

/* Under RTNL and vn->lock. */
int v6gw_ra_set(struct v6gw_net *vn, int ifindex,
		const struct v6gw_ra_opts *o, const char **why);
int v6gw_ra_del(struct v6gw_net *vn, int ifindex);
bool v6gw_ra_exists(struct v6gw_net *vn, int ifindex);
struct v6gw_txn;
int v6gw_ra_txn_prepare(struct v6gw_net *vn, struct v6gw_txn *t,
			bool *hooked, u32 *seq, const char **why);
void v6gw_ra_txn_unprepare(struct v6gw_net *vn, bool hooked);
void v6gw_ra_txn_apply(struct v6gw_net *vn, struct v6gw_txn *t);

/* nl_ra.c */
void v6gw_nl_ra_gone(struct net *net, int ifindex, const char *ifname);

#endif /* V6GW_RA_H */
