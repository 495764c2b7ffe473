/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DHCPv6 prefix delegation routes, the kernel side: a table of delegated
 * prefixes per namespace (pd.c), their routes (pd_route.c, through a
 * kernel rtnetlink socket: the routing code's own entry point, with its
 * checks and notifications), and snooping (pd_snoop.c).
 *
 * Locking, in this order:
 *   pd->lock (mutex): the table, the wheel and every route change. Route
 *	changes take RTNL inside (rtnetlink), so pd->lock is never taken
 *	under RTNL: the netdevice notifier only queues work.
 *   RTNL, then vn->lock: the snooped interfaces (their hooks must be gone
 *	before the interface is, which the notifier does under RTNL).
 *   pd->qlock (spinlock, BH): the queue of snooped changes, filled by the
 *	hooks, emptied by pd->work.
 * Dumps walk the table under RCU; entries are freed after a grace period
 * and never changed in place where a dump could see it (a move replaces
 * the entry).
 */
#ifndef V6GW_PD_H
#define V6GW_PD_H

#include <linux/netfilter.h>
#include <linux/rhashtable-types.h>
#include <linux/workqueue.h>

#include "v6gw.h"

#define V6GW_PD_WHEEL_SLOTS	1024	/* one per second */
#define V6GW_PD_INFINITE	U64_MAX

struct v6gw_pd_key {
	u8 addr[16];
	u8 len;
	u8 pad[3];
};

struct v6gw_pd {
	struct rhash_head node;
	struct v6gw_pd_key key;
	u8 via[16];
	int ifindex;
	u8 origin;			/* enum v6gw_pd_origin */
	u64 valid_end, pref_end;	/* boot-time seconds, or INFINITE */
	struct list_head wheel;		/* empty when valid_end is INFINITE */
	struct rcu_head rcu;
};

/* A change to make: from a request, or snooped and queued. */
struct v6gw_pd_req {
	struct v6gw_pd_key key;
	u8 via[16];
	int ifindex;
	u32 valid, preferred;		/* s, U32_MAX infinite */
	u8 origin;
	u8 op;				/* enum v6gw_pd_op */
};

enum v6gw_pd_op {
	V6GW_PD_OP_SET,		/* add or renew (valid 0: remove) */
	V6GW_PD_OP_RELEASE,	/* remove, if via and ifindex match */
	V6GW_PD_OP_GONE,	/* ifindex went away: drop its entries */
	V6GW_PD_OP_UP,		/* ifindex came up: put its routes back */
};

struct v6gw_pd_qitem {
	struct list_head node;
	struct v6gw_pd_req req;
};

struct v6gw_pd_snoop {
	struct list_head node;		/* pd->snoops */
	struct nf_hook_ops ops[2];	/* egress, ingress; .priv: this */
	struct net_device *dev;
	struct v6gw_pd_table *pd;
	struct rcu_head rcu;		/* hooks may still run on it */
};

struct v6gw_pd_table {
	struct v6gw_net *vn;
	struct mutex lock;
	struct rhashtable table;
	u32 count;
	u64 gc_next;			/* first second not yet expired */
	struct list_head wheel[V6GW_PD_WHEEL_SLOTS];
	struct delayed_work gc;
	struct socket *rtnl;		/* NULL until the first route */
	u32 seq;			/* of its requests */

	spinlock_t qlock;
	struct list_head queue;		/* struct v6gw_pd_qitem */
	u32 nqueue;
	struct work_struct work;

	struct list_head snoops;	/* under RTNL and vn->lock */
	u32 nsnoop;
};

/* pd.c */
int v6gw_pd_init(void);
void v6gw_pd_uninit(void);
void v6gw_pd_netns_exit(struct v6gw_net *vn);
struct v6gw_pd_table *v6gw_pd_table_get(struct v6gw_net *vn, bool create);
int v6gw_pd_apply(struct v6gw_pd_table *pd, const struct v6gw_pd_req *r,
		  const char **why);			/* under pd->lock */
int v6gw_pd_del(struct v6gw_pd_table *pd, const struct v6gw_pd_key *k);
void v6gw_pd_flush(struct v6gw_pd_table *pd);		/* under pd->lock */
int v6gw_pd_images(struct v6gw_pd_table *pd, const struct v6gw_pd_key *key,
		   int (*fn)(void *arg, const struct v6gw_pd_req *r),
		   void *arg);				/* under pd->lock */
bool v6gw_pd_has(struct v6gw_pd_table *pd, const struct v6gw_pd *e);
void v6gw_pd_queue(struct v6gw_pd_table *pd, const struct v6gw_pd_req *r,
		   gfp_t gfp);
extern const struct rhashtable_params v6gw_pd_params;

/* pd_route.c, under pd->lock */
int v6gw_pd_route(struct v6gw_pd_table *pd, const struct v6gw_pd *e,
		  bool add, bool replace);
void v6gw_pd_route_release(struct v6gw_pd_table *pd);

/* pd_snoop.c, under RTNL and vn->lock */
int v6gw_pd_snoop_set(struct v6gw_net *vn, int ifindex, bool on,
		      const char **why);
void v6gw_pd_snoop_gone(struct v6gw_net *vn, struct net_device *dev);
bool v6gw_pd_snooping(struct v6gw_net *vn, int ifindex);
int v6gw_pd_snoops(struct v6gw_net *vn, int (*fn)(void *arg, int ifindex),
		   void *arg);

/* nl_pd.c */
void v6gw_nl_pd_event(struct v6gw_pd_table *pd, u8 type,
		      const struct v6gw_pd *e);

#endif /* V6GW_PD_H */
