/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stateful NAT64 (RFC 6146), the kernel side: configuration snapshot, BIB
 * and session tables, timers. The packet lookups (v6gw_nat64_lookup6/4)
 * run under RCU without locks for packets of existing flows; creating a
 * BIB entry or a session, changing a TCP state and expiring take the
 * instance's spinlock.
 */
#ifndef V6GW_NAT64_H
#define V6GW_NAT64_H

#include <linux/rhashtable-types.h>
#include <linux/siphash.h>
#include <linux/workqueue.h>
#include <linux/v6gw.h>

#include "core/nat64.h"
#include "core/nat64_tcp.h"
#include "v6gw.h"

struct v6gw_xlat_pkt;

/* Protocol indexes: tables, counts and pool4 are per protocol. */
enum { V6GW_NP_TCP, V6GW_NP_UDP, V6GW_NP_ICMP, V6GW_NP_COUNT };

static inline int v6gw_np_index(u8 proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return V6GW_NP_TCP;
	case IPPROTO_UDP:
		return V6GW_NP_UDP;
	case IPPROTO_ICMP:
		return V6GW_NP_ICMP;
	default:
		return -1;
	}
}

/* Session lifetimes: which timeout a session is under. */
enum v6gw_nat64_timer {
	V6GW_NTM_UDP,
	V6GW_NTM_ICMP,
	V6GW_NTM_TCP_EST,
	V6GW_NTM_TCP_TRANS,
	V6GW_NTM_TCP_SYN,
	V6GW_NTM_COUNT
};

/* The configuration: an immutable RCU snapshot, replaced whole. */
struct v6gw_nat64_cfg {
	struct v6gw_map map;		/* the core's settings (no pool6) */
	struct v6gw_prefix6 prefix[V6GW_NAT64_PREFIXES_MAX];
	u32 nprefix;
	struct v6gw_pool4_entry pool_e[V6GW_NP_COUNT][V6GW_NAT64_POOL4_MAX];
	u32 npool[V6GW_NP_COUNT];
	struct v6gw_pool4_set pool[V6GW_NP_COUNT];
	struct v6gw_pool4_run *runs[V6GW_NP_COUNT];
	u32 timeout_s[V6GW_NTM_COUNT];	/* seconds, as configured */
	unsigned long timeout[V6GW_NTM_COUNT];	/* jiffies */
	u32 max_sessions;
	u8 filtering;			/* enum v6gw_nat64_filtering */
	bool wkpf_strict;
	struct rcu_head rcu;
};

/* BIB entry: (X', x) <-> (T, t) of one protocol. */
struct v6gw_bkey6 {
	u8 addr[16];
	u16 port;
	u8 proto;
	u8 pad;
};

struct v6gw_bkey4 {
	u8 addr[4];
	u16 port;
	u8 proto;
	u8 pad;
};

/*
 * A BIB entry. Readers (RCU) use the nodes, the keys and the two flags;
 * the rest is the writers' (nat->lock) and, once the entry is out of the
 * tables, the RCU head's: 64 bytes.
 */
struct v6gw_bib {
	struct rhash_head n6, n4;
	struct v6gw_bkey6 k6;
	struct v6gw_bkey4 k4;
	bool is_static;
	bool dead;			/* removed from the tables */
	union {
		struct {		/* under the lock, while not dead */
			struct hlist_head sessions;
			u32 nsess;
		};
		struct rcu_head rcu;	/* once dead */
	};
};

/*
 * Session (X', x, Y', y) <-> (T, t, Y, y): one table serves both
 * directions, keyed by the BIB entry and (Y, y) (a BIB entry is (X', x)
 * and (T, t) at once, found from either side by its own table). The key
 * is the V6GW_SESS_KEY_LEN bytes from @bib; struct v6gw_skey is its lookup
 * form. ICMP sessions have y = 0 (the identifier is the BIB's port).
 * Readers use the node, the key, @rem6, @state, @timer and @last; @wheel
 * is the writers', and the RCU head's once the session is unlinked. 80
 * bytes.
 */
struct v6gw_skey {
	struct v6gw_bib *bib;
	u8 rem[4];			/* Y */
	u16 rport;			/* y */
};

#define V6GW_SESS_KEY_LEN	offsetofend(struct v6gw_skey, rport)

struct v6gw_sess {
	struct rhash_head node;
	struct v6gw_bib *bib;		/* the key: bib, rem, rport */
	u8 rem[4];
	u16 rport;
	u8 state;			/* TCP: enum v6gw_tcp_st */
	u8 timer;			/* enum v6gw_nat64_timer */
	u8 rem6[16];			/* Y' */
	unsigned long last;		/* jiffies of the last refresh */
	union {
		struct list_head wheel;	/* under the lock, while linked */
		struct rcu_head rcu;	/* once unlinked */
	};
	struct hlist_node bnode;	/* bib->sessions; unhashed: unlinked */
};

/* The 4-tuple of a flow from the IPv4 side (T, Y, t, y): held SYNs. */
struct v6gw_skey4 {
	u8 addr[4];			/* T */
	u8 rem[4];			/* Y */
	u16 port, rport;		/* t, y */
	u8 proto;
	u8 pad[3];
};

/* Under the lock, or (lockless) for a dump's best-effort view. */
static inline bool v6gw_sess_dead(const struct v6gw_sess *s)
{
	return hlist_unhashed_lockless(&s->bnode);
}

static inline u8 v6gw_sess_proto(const struct v6gw_sess *s)
{
	return s->bib->k6.proto;
}

/* y as the IPv6 side sees it, and as the IPv4 side does (ICMP: the id) */
static inline u16 v6gw_sess_rport6(const struct v6gw_sess *s)
{
	return s->bib->k6.proto == IPPROTO_ICMP ? s->bib->k6.port : s->rport;
}

static inline u16 v6gw_sess_rport4(const struct v6gw_sess *s)
{
	return s->bib->k6.proto == IPPROTO_ICMP ? s->bib->k4.port : s->rport;
}

#define V6GW_WHEEL_SLOTS	1024	/* one per second */

/*
 * An unsolicited IPv4 SYN, held for the simultaneous-open window (RFC 6146
 * section 3.5.2.2): the flow it would open and the front of the packet,
 * enough for the ICMP error that answers it if no IPv6 SYN comes.
 */
#define V6GW_NAT64_HELD_MAX	128	/* per namespace */
#define V6GW_HELD_QUOTE		128	/* bytes kept: headers and then some */

struct v6gw_held {
	struct list_head node;
	struct v6gw_skey4 k4;		/* T, Y, t, y of the flow */
	unsigned long expires;		/* jiffies */
	u16 len;
	u8 data[V6GW_HELD_QUOTE];
};

struct v6gw_nat64 {
	struct v6gw_nat64_cfg __rcu *cfg;	/* NULL: not configured */
	struct rhashtable bib6, bib4, sess;
	spinlock_t lock;		/* tables' contents, wheel, counts */
	u32 nsess[V6GW_NP_COUNT];	/* under the lock */
	u32 nbib[V6GW_NP_COUNT];
	u32 nsess_all;
	unsigned long gc_next;		/* first second not yet expired */
	struct list_head wheel[V6GW_WHEEL_SLOTS];
	struct delayed_work gc;
	struct v6gw_net *vn;
	siphash_key_t key;		/* port allocation hashes */
	u32 alloc_ctr;			/* under the lock */
	unsigned long ev_last[3][V6GW_NP_COUNT];	/* event rate limit */
	struct list_head held;		/* struct v6gw_held, under the lock */
	u32 nheld;
};

/* What the data path does with a NAT64 packet after the lookup. */
enum v6gw_nat64_res {
	V6GW_NR_OK,		/* translate it: pkt filled */
	V6GW_NR_PASS,		/* not NAT64's: leave it to SIIT / the stack */
	V6GW_NR_DROP,		/* drop it, counted in *stat */
	V6GW_NR_UNREACH,	/* drop it, counted, answer port unreachable */
	V6GW_NR_HOLD,		/* an unsolicited IPv4 SYN: v6gw_nat64_hold() */
};

/* nat64.c */
int v6gw_nat64_init(void);
void v6gw_nat64_uninit(void);
int v6gw_nat64_netns_init(struct v6gw_net *vn);
void v6gw_nat64_netns_exit(struct v6gw_net *vn);
bool v6gw_nat64_configured(struct v6gw_net *vn);
bool v6gw_nat64_active(struct v6gw_net *vn);

int v6gw_nat64_prefix_add(struct v6gw_net *vn, const struct v6gw_prefix6 *p,
			  const char **why);
int v6gw_nat64_prefix_del(struct v6gw_net *vn, const struct v6gw_prefix6 *p);
bool v6gw_nat64_prefix_overlaps(struct v6gw_net *vn,
				const struct v6gw_prefix6 *p);
int v6gw_nat64_pool4_add(struct v6gw_net *vn, int proto,
			 const struct v6gw_pool4_entry *e, const char **why);
int v6gw_nat64_pool4_del(struct v6gw_net *vn, int proto,
			 const struct v6gw_pool4_entry *e);
int v6gw_nat64_bib_add(struct v6gw_net *vn, const struct v6gw_bkey6 *k6,
		       const struct v6gw_bkey4 *k4, const char **why);
int v6gw_nat64_bib_del(struct v6gw_net *vn, const struct v6gw_bkey6 *k6,
		       const struct v6gw_bkey4 *k4);
/* for transactions (txn.c), under the lock */
void v6gw_nat64_cfg_drop(struct v6gw_nat64_cfg *c);
int v6gw_nat64_publish(struct v6gw_net *vn, struct v6gw_nat64_cfg *c,
		       bool purge);
int v6gw_nat64_bib_check(struct v6gw_net *vn,
			 const struct v6gw_nat64_cfg *c,
			 const struct v6gw_bkey6 *k6,
			 const struct v6gw_bkey4 *k4, const char **why);
int v6gw_nat64_bib_insert(struct v6gw_net *vn, const struct v6gw_bkey6 *k6,
			  const struct v6gw_bkey4 *k4);
int v6gw_nat64_bib_lookup(struct v6gw_net *vn, const struct v6gw_bkey6 *k6,
			  const struct v6gw_bkey4 *k4,
			  struct v6gw_bkey6 *o6, struct v6gw_bkey4 *o4);
int v6gw_nat64_bib_remove(struct v6gw_net *vn, const struct v6gw_bkey6 *k6,
			  const struct v6gw_bkey4 *k4, bool *was_static);
int v6gw_nat64_bib_statics(struct v6gw_net *vn,
			   int (*fn)(void *arg, const struct v6gw_bib *b),
			   void *arg);

void v6gw_nat64_flush(struct v6gw_net *vn, int proto);

struct v6gw_nat64_settings {
	u32 timeout_s[V6GW_NTM_COUNT];
	u32 max_sessions;
	u8 filtering;
	bool wkpf_strict;
};

int v6gw_nat64_settings_set(struct v6gw_net *vn,
			    const struct v6gw_nat64_settings *set);
void v6gw_nat64_settings_get(struct v6gw_net *vn,
			     struct v6gw_nat64_settings *out, bool staged);
void v6gw_nat64_counts(struct v6gw_net *vn, u32 *nbib, u32 *nsess);
const struct v6gw_nat64_cfg *v6gw_nat64_cfg_locked(struct v6gw_net *vn);
const struct v6gw_nat64_cfg *v6gw_nat64_cfg_base(struct v6gw_net *vn);

/* nat64.c, data path under RCU */
bool v6gw_nat64_dst6(const struct v6gw_nat64_cfg *cfg, const u8 *dst6);
bool v6gw_nat64_dst4(const struct v6gw_nat64_cfg *cfg, const u8 *dst4);
bool v6gw_nat64_hairpin4(const struct v6gw_nat64_cfg *cfg, u8 proto,
			 const u8 *dst4, u16 port);
enum v6gw_nat64_res v6gw_nat64_lookup6(struct v6gw_net *vn,
				       const struct v6gw_nat64_cfg *cfg,
				       const struct v6gw_nat64_tuple *t,
				       struct v6gw_xlat_pkt *pkt, int *stat);
enum v6gw_nat64_res v6gw_nat64_lookup4(struct v6gw_net *vn,
				       const struct v6gw_nat64_cfg *cfg,
				       const struct v6gw_nat64_tuple *t,
				       const u8 *outer_src4,
				       struct v6gw_xlat_pkt *pkt, int *stat);

bool v6gw_nat64_hold(struct v6gw_net *vn, const struct v6gw_nat64_cfg *cfg,
		     const struct v6gw_nat64_tuple *t, const u8 *l3, u32 len);

/* nl_nat64.c */
void v6gw_nl_nat64_event(struct net *net, u8 type, u8 proto);

/* datapath.c */
unsigned int v6gw_nat64_ipv6(struct v6gw_net *vn,
			     const struct v6gw_nat64_cfg *cfg,
			     struct sk_buff *skb,
			     const struct nf_hook_state *state);
unsigned int v6gw_nat64_ipv4(struct v6gw_net *vn,
			     const struct v6gw_nat64_cfg *cfg,
			     struct sk_buff *skb,
			     const struct nf_hook_state *state);

#endif /* V6GW_NAT64_H */
