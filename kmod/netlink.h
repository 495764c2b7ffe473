/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared pieces of the generic netlink family: attribute helpers and the
 * handlers of each object's file (nl_*.c).
 */
#ifndef V6GW_NETLINK_H
#define V6GW_NETLINK_H

#include <net/genetlink.h>
#include <linux/v6gw.h>

#include "v6gw.h"

extern struct genl_family v6gw_family;

enum v6gw_mcgrp_idx {
	V6GW_MCGRP_CONFIG_IDX,
	V6GW_MCGRP_EVENTS_IDX,
};

extern const struct nla_policy v6gw_prefix_policy[V6GW_PREFIX_A_MAX + 1];
extern const struct nla_policy v6gw_prefix4_policy[V6GW_PREFIX4_A_MAX + 1];

void v6gw_extack_set(struct netlink_ext_ack *extack,
		     const struct nlattr *attr, const char *msg);
int v6gw_nl_parse_prefix6(const struct nlattr *nest, struct v6gw_prefix6 *p,
			  bool rfc6052, struct netlink_ext_ack *extack);
int v6gw_nl_parse_prefix4(const struct nlattr *nest, struct v6gw_prefix4 *p,
			  struct netlink_ext_ack *extack);
int v6gw_nl_put_prefix6(struct sk_buff *skb, int type,
			const struct v6gw_prefix6 *p);
int v6gw_nl_put_prefix4(struct sk_buff *skb, int type,
			const struct v6gw_prefix4 *p);
void v6gw_nl_notify(struct genl_info *info);
void v6gw_nl_notes_send(struct net *net, struct sk_buff_head *q);
struct sk_buff *v6gw_nl_event_new(struct net *net, u8 cmd, gfp_t gfp,
				  void **hdr);
void v6gw_nl_event_send(struct net *net, struct sk_buff *skb, void *hdr,
			int err, gfp_t gfp);
int v6gw_txn_gate(struct v6gw_net *vn, const struct genl_info *info);

/* Run a configuration change under the lock; notify when it worked. */
#define V6GW_LOCKED(vn, info, expr) ({				\
	int __err;						\
								\
	mutex_lock(&(vn)->lock);				\
	__err = v6gw_txn_gate(vn, info);			\
	if (!__err)						\
		__err = (expr);					\
	mutex_unlock(&(vn)->lock);				\
	if (!__err)						\
		v6gw_nl_notify(info);				\
	__err;							\
})

static inline struct v6gw_net *v6gw_nl_vn(struct genl_info *info)
{
	return v6gw_pernet(genl_info_net(info));
}

void *v6gw_nl_dump_put(struct sk_buff *skb, struct netlink_callback *cb,
		       u8 cmd);

/* nl_siit.c */
int v6gw_nl_siit_prefix_new(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_siit_prefix_del(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_siit_prefix_dump(struct sk_buff *skb, struct netlink_callback *cb);
int v6gw_nl_siit_eam_new(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_siit_eam_del(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_siit_eam_dump(struct sk_buff *skb, struct netlink_callback *cb);
int v6gw_nl_siit_deny_new(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_siit_deny_del(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_siit_deny_dump(struct sk_buff *skb, struct netlink_callback *cb);
int v6gw_nl_siit_set(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_siit_get(struct sk_buff *skb, struct genl_info *info);

extern const struct nla_policy v6gw_siit_prefix_req_policy[V6GW_A_MAX + 1];
extern const struct nla_policy v6gw_siit_eam_req_policy[V6GW_A_MAX + 1];
extern const struct nla_policy v6gw_siit_deny_req_policy[V6GW_A_MAX + 1];
extern const struct nla_policy v6gw_siit_set_req_policy[V6GW_A_MAX + 1];

/* nl_nat64.c */
int v6gw_nl_nat64_prefix_new(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_nat64_prefix_del(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_nat64_prefix_dump(struct sk_buff *skb, struct netlink_callback *cb);
int v6gw_nl_nat64_pool4_new(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_nat64_pool4_del(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_nat64_pool4_dump(struct sk_buff *skb, struct netlink_callback *cb);
int v6gw_nl_nat64_bib_new(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_nat64_bib_del(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_nat64_bib_start(struct netlink_callback *cb);
int v6gw_nl_nat64_bib_dump(struct sk_buff *skb, struct netlink_callback *cb);
int v6gw_nl_nat64_session_start(struct netlink_callback *cb);
int v6gw_nl_nat64_session_dump(struct sk_buff *skb,
			       struct netlink_callback *cb);
int v6gw_nl_nat64_walk_done(struct netlink_callback *cb);
int v6gw_nl_nat64_session_del(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_nat64_set(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_nat64_get(struct sk_buff *skb, struct genl_info *info);

extern const struct nla_policy v6gw_nat64_pool4_req_policy[V6GW_A_MAX + 1];
extern const struct nla_policy v6gw_nat64_bib_req_policy[V6GW_A_MAX + 1];
extern const struct nla_policy v6gw_nat64_session_req_policy[V6GW_A_MAX + 1];
extern const struct nla_policy v6gw_nat64_set_req_policy[V6GW_A_MAX + 1];

/* nl_ra.c */
int v6gw_nl_ra_set(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_ra_del(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_ra_dump(struct sk_buff *skb, struct netlink_callback *cb);

extern const struct nla_policy v6gw_ra_req_policy[V6GW_A_MAX + 1];

/* nl_clat.c */
int v6gw_nl_clat_set(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_clat_del(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_clat_get(struct sk_buff *skb, struct genl_info *info);
void v6gw_nl_clat_event(struct v6gw_net *vn, u8 ev, int ifindex,
			const struct v6gw_prefix6 *plat, u32 lifetime);

extern const struct nla_policy v6gw_clat_req_policy[V6GW_A_MAX + 1];

/* nl_txn.c */
int v6gw_nl_txn_begin(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_txn_commit(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_txn_abort(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_flush(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_txn_init(void);
void v6gw_nl_txn_uninit(void);
/* nl_pd.c */
int v6gw_nl_pd_new(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_pd_del(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_pd_flush(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_pd_start(struct netlink_callback *cb);
int v6gw_nl_pd_dump(struct sk_buff *skb, struct netlink_callback *cb);
int v6gw_nl_pd_done(struct netlink_callback *cb);
int v6gw_nl_pd_snoop_set(struct sk_buff *skb, struct genl_info *info);
int v6gw_nl_pd_snoop_dump(struct sk_buff *skb, struct netlink_callback *cb);

extern const struct nla_policy v6gw_pd_req_policy[V6GW_A_MAX + 1];
extern const struct nla_policy v6gw_pd_snoop_req_policy[V6GW_A_MAX + 1];

#endif /* V6GW_NETLINK_H */
