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
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "core/clat.h"
#include "core/map.h"
#include "version.h"

struct nf_hook_state;
struct sk_buff;
struct v6gw_blob;
struct v6gw_pcpu_stats;

/* The tables of the stateless translator, each built into one blob. */
enum v6gw_siit_table {
	V6GW_SIIT_T_EAM,	/* struct v6gw_eam entries: map.eam */
	V6GW_SIIT_T_DENY,	/* struct v6gw_prefix4 entries: map.deny4 */
	V6GW_SIIT_NTABLES
};

/*
 * The stateless translator's configuration snapshot. map.eam and map.deny4
 * point into the blobs, which snapshots share by reference.
 */
struct v6gw_siit {
	struct v6gw_map map;
	struct v6gw_blob *blob[V6GW_SIIT_NTABLES];
	struct rcu_head rcu;
};

/*
 * The 464XLAT CLAT (clat.c): its addresses and the SIIT snapshot that
 * translates for it (one EAM entry, pool6 = the PLAT prefix). Immutable,
 * replaced whole like struct v6gw_siit.
 */
struct v6gw_clat {
	struct v6gw_clat_addrs addrs;	/* addrs.plat.len 0: none known */
	struct v6gw_eam eam;		/* the island's entry: v6gw_clat_eam() */
	struct v6gw_siit *xlat;		/* NULL: no PLAT prefix, no CLAT */
	int plat_ifindex;		/* learn the PLAT prefix there; 0: no */
	bool host;			/* host-local: the device (clat_host.c) */
	struct rcu_head rcu;
};

/*
 * The PLAT prefix learned from RAs (clat.c). The RA hook leaves its
 * latest reading in rx (under rx_lock) and queues work, which applies it
 * under the configuration lock and also ends the prefix's lifetime.
 */
struct v6gw_clat_learn {
	spinlock_t rx_lock;
	bool rx_new;
	struct v6gw_prefix6 rx;
	u32 rx_lifetime;		/* s; 0: withdrawn */
	unsigned long rx_at;		/* jiffies */
	/* under the configuration lock: */
	int ifindex;			/* what was learned is from there */
	bool known;
	struct v6gw_prefix6 plat;
	unsigned long expires;		/* jiffies */
	struct delayed_work work;
};

/* The host-local CLAT's device: its name (uapi: CLAT section). */
#define V6GW_CLAT_HOST_IFNAME	"v6gw-clat"

/*
 * The host-local CLAT's device (clat_host.c), set up by a work item after
 * each change of the running CLAT: @dev under RTNL; the rest the work's.
 */
struct v6gw_clat_host {
	struct delayed_work work;
	struct net_device *dev;		/* NULL: none */
	int ifindex;			/* of @dev once set up; 0: not */
	struct socket *rtnl;		/* address and route requests */
	u32 seq;
	__be32 addr;			/* the address put on @dev; 0: none */
	u8 plen;
	int err;			/* of the last run */
};

struct v6gw_nat64;
struct v6gw_pd_table;

struct v6gw_txn;

struct v6gw_net {
	struct net *net;
	struct mutex lock;			/* the configuration lock */
	struct v6gw_siit __rcu *siit;		/* NULL: never configured */
	struct v6gw_clat __rcu *clat;		/* NULL: none */
	struct v6gw_clat_learn clat_learn;
	bool clat_ra_hooked;			/* the RA hook: under lock */
	struct v6gw_clat_host clat_host;
	struct v6gw_nat64 *nat64;		/* NULL: never configured; set
						 * once under lock, freed at
						 * namespace exit (nat64.c) */
	struct v6gw_pcpu_stats __percpu *stats;
	bool hooks_registered;			/* under lock */
	bool defrag;				/* nf_defrag enabled: NAT64 */
	struct list_head ra_rules;		/* struct v6gw_ra_rule, under
						 * RTNL and lock (ra.c) */
	u32 nra;
	struct v6gw_pd_table *pd;		/* NULL: never used; set once
						 * under lock (pd.c) */
	struct v6gw_txn *txn;			/* open transaction, under
						 * lock (txn.c) */
	char txn_msg[96];			/* a failed commit's extack */
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

/* siit.c: configuration, under the lock */
int v6gw_siit_pool6_set(struct v6gw_net *vn, const struct v6gw_prefix6 *p);
int v6gw_siit_pool6_del(struct v6gw_net *vn, const struct v6gw_prefix6 *p);
int v6gw_siit_table_add(struct v6gw_net *vn, enum v6gw_siit_table t,
			const void *e, const char **why);
int v6gw_siit_table_del(struct v6gw_net *vn, enum v6gw_siit_table t,
			const void *e);
int v6gw_siit_settings_set(struct v6gw_net *vn, const struct v6gw_map *set);
void v6gw_siit_settings_get(struct v6gw_net *vn, struct v6gw_map *out);
void v6gw_siit_settings_base(struct v6gw_net *vn, struct v6gw_map *out);
void v6gw_siit_flush(struct v6gw_net *vn);
bool v6gw_siit_configured(struct v6gw_net *vn);
/* siit.c, for transactions (txn.c) */
void v6gw_siit_drop(struct v6gw_siit *s);
int v6gw_siit_publish(struct v6gw_net *vn, struct v6gw_siit *s);
/* siit.c, for the CLAT (clat.c) */
struct v6gw_siit *v6gw_siit_new_eam(const struct v6gw_eam *e,
				    const struct v6gw_prefix6 *pool6,
				    const struct v6gw_prefix4 *rfc6791v4);
void v6gw_siit_free_deferred(struct v6gw_siit *s);

/* clat.c: configuration, under the lock */
int v6gw_clat_set(struct v6gw_net *vn, const struct v6gw_clat_addrs *a,
		  int plat_ifindex, bool host);
int v6gw_clat_del(struct v6gw_net *vn);
/* what CLAT_GET reports */
struct v6gw_clat_info {
	struct v6gw_clat_addrs addrs;	/* addrs.plat.len 0: none known */
	int plat_ifindex;
	u32 lifetime;			/* learned: seconds left */
	bool host;
	int host_ifindex;		/* the device, once set up; 0: not */
};
bool v6gw_clat_get(struct v6gw_net *vn, struct v6gw_clat_info *out);
bool v6gw_clat_configured(struct v6gw_net *vn);
void v6gw_clat_netns_init(struct v6gw_net *vn);
void v6gw_clat_netns_stop(struct v6gw_net *vn);
void v6gw_clat_netns_exit(struct v6gw_net *vn);
/* clat_host.c: the host-local CLAT's device */
void v6gw_clat_host_init(struct v6gw_net *vn);
void v6gw_clat_host_kick(struct v6gw_net *vn);
int v6gw_clat_host_wait(struct v6gw_net *vn);
bool v6gw_clat_host_name_taken(struct v6gw_net *vn);
void v6gw_clat_host_stop(struct v6gw_net *vn);
/* clat.c, for transactions (txn.c) */
void v6gw_clat_drop(struct v6gw_clat *c);
int v6gw_clat_swap(struct v6gw_net *vn, struct v6gw_clat *c,
		   struct v6gw_clat **old);
void v6gw_clat_retire(struct v6gw_clat *c);

/* siit.c, under RCU */
const void *v6gw_siit_table_entry(const struct v6gw_siit *s,
				  enum v6gw_siit_table t, u32 i);

/* datapath.c: the data path, called from the hooks under RCU */
unsigned int v6gw_xlat_ipv4(struct v6gw_net *vn, const struct v6gw_siit *s,
			    struct sk_buff *skb,
			    const struct nf_hook_state *state);
unsigned int v6gw_xlat_ipv6(struct v6gw_net *vn, const struct v6gw_siit *s,
			    struct sk_buff *skb,
			    const struct nf_hook_state *state);
unsigned int v6gw_clat_ipv4(struct v6gw_net *vn, const struct v6gw_clat *c,
			    struct sk_buff *skb,
			    const struct nf_hook_state *state);
unsigned int v6gw_clat_ipv6(struct v6gw_net *vn, const struct v6gw_clat *c,
			    struct sk_buff *skb,
			    const struct nf_hook_state *state);

/* netlink.c */
int v6gw_genl_init(void);
void v6gw_genl_uninit(void);

#endif /* V6GW_H */
