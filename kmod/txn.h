/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Transactions: a namespace's configuration built aside and put in place
 * at once (V6GW_CMD_TXN_*, `v6gw -b`). While vn->txn is set, the
 * configuration code of each feature edits the staged copy held here
 * instead of publishing:
 *
 *   SIIT, NAT64 settings/prefixes/pool4,  a staged snapshot (siit.c,
 *   the CLAT                              nat64.c, clat.c), published at
 *                                         commit
 *   static BIB entries                    the net changes, in order
 *   RA rules                              the desired rule per interface
 *   PD snooping                           the changes, in order
 *   PD delegations                        the requests, run at commit
 *
 * vn->txn and everything in it are under vn->lock; only the owning
 * socket's requests change it. The commit takes pd->lock, then RTNL,
 * then vn->lock (the order pd.c and ra.c use), and undoes the steps it
 * did when a later one fails.
 */
#ifndef V6GW_TXN_H
#define V6GW_TXN_H

#include <linux/list.h>
#include <linux/skbuff.h>

#include "nat64.h"
#include "pd.h"
#include "ra.h"
#include "v6gw.h"

struct genl_info;

struct v6gw_txn_bib {
	struct list_head node;
	struct v6gw_bkey6 k6;
	struct v6gw_bkey4 k4;
	bool add;			/* else: remove this entry */
	bool done;			/* commit: applied (for the undo) */
	bool was_static;		/* commit: the removed one was static */
	u32 seq;
};

struct v6gw_txn_ra {
	struct list_head node;
	int ifindex;
	bool set;			/* a rule on ifindex; else none */
	struct v6gw_ra_cfg *cfg;	/* its options, until the commit */
	struct v6gw_ra_rule *rule;	/* preallocated, for a new rule */
	u32 seq;
};

struct v6gw_txn_snoop {
	struct list_head node;
	int ifindex;
	bool on;
	bool was, done;			/* commit: before, applied */
	u32 seq;
};

enum v6gw_txn_pd_kind { V6GW_TXN_PD_SET, V6GW_TXN_PD_DEL, V6GW_TXN_PD_FLUSH };

struct v6gw_txn_pd {
	struct list_head node;
	struct v6gw_pd_req req;		/* SET: the request; DEL: its key */
	u8 kind;			/* enum v6gw_txn_pd_kind */
	u32 seq;
};

struct v6gw_txn {
	u32 portid;			/* the owning socket */
	bool committing;

	bool has_siit, has_nat64, nat64_purge, has_clat;
	struct v6gw_siit *siit;		/* staged; NULL: the defaults */
	struct v6gw_clat *clat;		/* staged; NULL: no CLAT */
	struct v6gw_nat64_cfg *nat64;	/* staged, built; NULL: none */

	struct list_head bib;		/* struct v6gw_txn_bib */
	struct list_head ra;		/* struct v6gw_txn_ra, one per ifindex */
	bool ra_flush;			/* rules not in ra are removed */
	struct list_head snoop;		/* struct v6gw_txn_snoop */
	bool snoop_flush;
	struct list_head pd;		/* struct v6gw_txn_pd */
	u32 npd;

	struct sk_buff_head notes;	/* V6GW_MCGRP_CONFIG copies */
};

/* The most requests a transaction queues of each list kind. */
#define V6GW_TXN_ITEMS_MAX	(V6GW_PD_MAX + 1024)

/* txn.c, under vn->lock */
int v6gw_txn_gate(struct v6gw_net *vn, const struct genl_info *info);
struct v6gw_txn *v6gw_txn_of(struct v6gw_net *vn);
int v6gw_txn_bib_add(struct v6gw_net *vn, const struct v6gw_bkey6 *k6,
		     const struct v6gw_bkey4 *k4, u32 seq, const char **why);
int v6gw_txn_bib_del(struct v6gw_net *vn, const struct v6gw_bkey6 *k6,
		     const struct v6gw_bkey4 *k4, u32 seq);
int v6gw_txn_ra_set(struct v6gw_net *vn, int ifindex,
		    const struct v6gw_ra_opts *o, u32 seq, const char **why);
int v6gw_txn_ra_del(struct v6gw_net *vn, int ifindex, u32 seq);
int v6gw_txn_snoop_set(struct v6gw_net *vn, int ifindex, bool on, u32 seq);
int v6gw_txn_pd(struct v6gw_net *vn, const struct v6gw_pd_req *r,
		enum v6gw_txn_pd_kind kind, bool exists, u32 seq);
bool v6gw_txn_note(struct v6gw_net *vn, u32 portid, struct sk_buff *skb);
void v6gw_txn_free(struct v6gw_txn *t);

/* txn.c: the commands */
int v6gw_txn_begin(struct v6gw_net *vn, u32 portid);
int v6gw_txn_commit(struct v6gw_net *vn, u32 portid);
int v6gw_txn_abort(struct v6gw_net *vn, u32 portid);
int v6gw_txn_flush(struct v6gw_net *vn, u32 portid, u32 seq);
void v6gw_txn_netns_exit(struct v6gw_net *vn);

#endif /* V6GW_TXN_H */
