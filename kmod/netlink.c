// SPDX-License-Identifier: GPL-2.0
/*
 * The v6gw generic netlink family: the contract is uapi/linux/v6gw.h.
 *
 * Every operation carries its own input policy and strict validation
 * (resv_start_op 0), so unknown or malformed attributes are refused by the
 * genetlink core with an extack message before a handler runs. Handlers
 * act on the namespace of the requesting socket and take its
 * configuration lock; parallel_ops is set because that lock, not
 * genl_mutex, serialises configuration.
 */
#include <linux/skbuff.h>
#include <net/sock.h>

#include "netlink.h"
#include "txn.h"
#include "stats.h"

static const struct genl_multicast_group v6gw_mcgrps[] = {
	[V6GW_MCGRP_CONFIG_IDX] = { .name = V6GW_MCGRP_CONFIG, },
	[V6GW_MCGRP_EVENTS_IDX] = { .name = V6GW_MCGRP_EVENTS, },
};

const struct nla_policy v6gw_prefix_policy[V6GW_PREFIX_A_MAX + 1] = {
	[V6GW_PREFIX_A_ADDR] = NLA_POLICY_EXACT_LEN(16),
	[V6GW_PREFIX_A_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
};

const struct nla_policy v6gw_prefix4_policy[V6GW_PREFIX4_A_MAX + 1] = {
	[V6GW_PREFIX4_A_ADDR] = NLA_POLICY_EXACT_LEN(4),
	[V6GW_PREFIX4_A_LEN] = NLA_POLICY_MAX(NLA_U8, 32),
};

/*
 * The portable core reports problems as static strings; extack keeps a
 * pointer to a string that must outlive the request, which these do.
 */
void v6gw_extack_set(struct netlink_ext_ack *extack,
		     const struct nlattr *attr, const char *msg)
{
	if (!extack)
		return;
	extack->_msg = msg;
	extack->bad_attr = attr;
}

/**
 * v6gw_nl_parse_prefix6() - an IPv6 prefix from a nest
 * @nest: the V6GW_A_PREFIX-style nest, already validated by the policy
 * @p: the result
 * @rfc6052: check it as an RFC 6052 translation prefix, not only as a
 *	prefix with its host bits zero
 * @extack: for the reason it is refused
 *
 * Return: 0 or -EINVAL.
 */
int v6gw_nl_parse_prefix6(const struct nlattr *nest, struct v6gw_prefix6 *p,
			  bool rfc6052, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[V6GW_PREFIX_A_MAX + 1];
	const char *why;
	int err;

	err = nla_parse_nested(tb, V6GW_PREFIX_A_MAX, nest, v6gw_prefix_policy,
			       extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, V6GW_PREFIX_A_ADDR) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, V6GW_PREFIX_A_LEN)) {
		NL_SET_ERR_MSG(extack, "a prefix needs an address and a length");
		return -EINVAL;
	}
	nla_memcpy(p->addr, tb[V6GW_PREFIX_A_ADDR], sizeof(p->addr));
	p->len = nla_get_u8(tb[V6GW_PREFIX_A_LEN]);
	if (rfc6052) {
		why = v6gw_rfc6052_prefix_invalid(p);
	} else {
		struct v6gw_prefix6 masked = *p;
		int i;

		/* Zero every bit past the length, then compare. */
		for (i = 0; i < 16; i++) {
			int keep = p->len - i * 8;

			if (keep <= 0)
				masked.addr[i] = 0;
			else if (keep < 8)
				masked.addr[i] &= (u8)(0xff << (8 - keep));
		}
		why = memcmp(masked.addr, p->addr, 16) ?
		      "bits beyond the prefix length must be zero" : NULL;
	}
	if (why) {
		v6gw_extack_set(extack, nest, why);
		return -EINVAL;
	}
	return 0;
}

/**
 * v6gw_nl_parse_prefix4() - an IPv4 prefix from a nest
 * @nest: the nest, already validated by the policy
 * @p: the result
 * @extack: for the reason it is refused
 *
 * Return: 0 or -EINVAL.
 */
int v6gw_nl_parse_prefix4(const struct nlattr *nest, struct v6gw_prefix4 *p,
			  struct netlink_ext_ack *extack)
{
	struct nlattr *tb[V6GW_PREFIX4_A_MAX + 1];
	const char *why;
	int err;

	err = nla_parse_nested(tb, V6GW_PREFIX4_A_MAX, nest,
			       v6gw_prefix4_policy, extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, V6GW_PREFIX4_A_ADDR) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, V6GW_PREFIX4_A_LEN)) {
		NL_SET_ERR_MSG(extack,
			       "an IPv4 prefix needs an address and a length");
		return -EINVAL;
	}
	nla_memcpy(p->addr, tb[V6GW_PREFIX4_A_ADDR], sizeof(p->addr));
	p->len = nla_get_u8(tb[V6GW_PREFIX4_A_LEN]);
	why = v6gw_prefix4_invalid(p);
	if (why) {
		v6gw_extack_set(extack, nest, why);
		return -EINVAL;
	}
	return 0;
}

int v6gw_nl_put_prefix6(struct sk_buff *skb, int type,
			const struct v6gw_prefix6 *p)
{
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put(skb, V6GW_PREFIX_A_ADDR, sizeof(p->addr), p->addr) ||
	    nla_put_u8(skb, V6GW_PREFIX_A_LEN, p->len)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

int v6gw_nl_put_prefix4(struct sk_buff *skb, int type,
			const struct v6gw_prefix4 *p)
{
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put(skb, V6GW_PREFIX4_A_ADDR, sizeof(p->addr), p->addr) ||
	    nla_put_u8(skb, V6GW_PREFIX4_A_LEN, p->len)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/**
 * v6gw_nl_notify() - tell V6GW_MCGRP_CONFIG about a successful change
 * @info: the request that made it; its command and (validated) attributes
 *	are sent as they are, in the request's namespace. Best effort.
 */
void v6gw_nl_notify(struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct v6gw_net *vn = v6gw_pernet(net);
	int len = genlmsg_len(info->genlhdr);
	struct sk_buff *skb;
	void *hdr;

	/* vn->txn: read again under the lock by v6gw_txn_note() */
	if (!READ_ONCE(vn->txn) &&
	    !genl_has_listeners(&v6gw_family, net, V6GW_MCGRP_CONFIG_IDX))
		return;
	skb = genlmsg_new(len, GFP_KERNEL);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &v6gw_family, 0, info->genlhdr->cmd);
	if (!hdr) {
		nlmsg_free(skb);
		return;
	}
	skb_put_data(skb, genlmsg_data(info->genlhdr), len);
	genlmsg_end(skb, hdr);
	if (v6gw_txn_note(vn, info->snd_portid, skb))
		return;		/* sent when its transaction commits */
	genlmsg_multicast_netns(&v6gw_family, net, skb, 0,
				V6GW_MCGRP_CONFIG_IDX, GFP_KERNEL);
}

/**
 * v6gw_nl_event_new() - start a message for the "events" group
 * @net: the namespace whose listeners get it
 * @cmd: the event command
 * @gfp: GFP_ATOMIC from the data path, GFP_KERNEL otherwise
 * @hdr: gets the generic netlink header, for v6gw_nl_event_send()
 *
 * Return: the message to fill, or NULL when nobody listens or there is no
 * memory (events are best effort).
 */
struct sk_buff *v6gw_nl_event_new(struct net *net, u8 cmd, gfp_t gfp,
				  void **hdr)
{
	struct sk_buff *skb;

	if (!genl_has_listeners(&v6gw_family, net, V6GW_MCGRP_EVENTS_IDX))
		return NULL;
	skb = genlmsg_new(NLMSG_GOODSIZE, gfp);
	if (!skb)
		return NULL;
	*hdr = genlmsg_put(skb, 0, 0, &v6gw_family, 0, cmd);
	if (!*hdr) {
		nlmsg_free(skb);
		return NULL;
	}
	return skb;
}

/* Send what v6gw_nl_event_new() started; @err: filling it failed (freed). */
void v6gw_nl_event_send(struct net *net, struct sk_buff *skb, void *hdr,
			int err, gfp_t gfp)
{
	if (err) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&v6gw_family, net, skb, 0,
				V6GW_MCGRP_EVENTS_IDX, gfp);
}

/* A committed transaction's notifications, in order; @q ends empty. */
void v6gw_nl_notes_send(struct net *net, struct sk_buff_head *q)
{
	struct sk_buff *skb;
	bool listen = genl_has_listeners(&v6gw_family, net,
					 V6GW_MCGRP_CONFIG_IDX);

	while ((skb = skb_dequeue(q))) {
		if (listen)
			genlmsg_multicast_netns(&v6gw_family, net, skb, 0,
						V6GW_MCGRP_CONFIG_IDX,
						GFP_KERNEL);
		else
			kfree_skb(skb);
	}
}

static int v6gw_nl_stats_get(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_pernet(genl_info_net(info));
	u64 sum[__V6GW_STAT_MAX];
	struct sk_buff *msg;
	struct nlattr *nest;
	void *hdr;
	int i;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &v6gw_family, 0,
				V6GW_CMD_STATS_GET);
	if (!hdr)
		goto nla_put_failure;

	v6gw_stats_sum(vn, sum);
	nest = nla_nest_start(msg, V6GW_A_STATS);
	if (!nest)
		goto nla_put_failure;
	for (i = 1; i < __V6GW_STAT_MAX; i++)
		if (nla_put_u64_64bit(msg, i, sum[i], V6GW_STAT_UNSPEC))
			goto nla_put_failure;
	nla_nest_end(msg, nest);

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nla_put_failure:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static const struct genl_ops v6gw_ops[] = {
	{
		.cmd = V6GW_CMD_STATS_GET,
		.doit = v6gw_nl_stats_get,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_SIIT_PREFIX_NEW,
		.doit = v6gw_nl_siit_prefix_new,
		.policy = v6gw_siit_prefix_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_SIIT_PREFIX_DEL,
		.doit = v6gw_nl_siit_prefix_del,
		.policy = v6gw_siit_prefix_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_SIIT_PREFIX_GET,
		.dumpit = v6gw_nl_siit_prefix_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_SIIT_EAM_NEW,
		.doit = v6gw_nl_siit_eam_new,
		.policy = v6gw_siit_eam_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_SIIT_EAM_DEL,
		.doit = v6gw_nl_siit_eam_del,
		.policy = v6gw_siit_eam_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_SIIT_EAM_GET,
		.dumpit = v6gw_nl_siit_eam_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_SIIT_DENY_NEW,
		.doit = v6gw_nl_siit_deny_new,
		.policy = v6gw_siit_deny_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_SIIT_DENY_DEL,
		.doit = v6gw_nl_siit_deny_del,
		.policy = v6gw_siit_deny_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_SIIT_DENY_GET,
		.dumpit = v6gw_nl_siit_deny_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_SIIT_SET,
		.doit = v6gw_nl_siit_set,
		.policy = v6gw_siit_set_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_SIIT_GET,
		.doit = v6gw_nl_siit_get,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_NAT64_PREFIX_NEW,
		.doit = v6gw_nl_nat64_prefix_new,
		.policy = v6gw_siit_prefix_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_NAT64_PREFIX_DEL,
		.doit = v6gw_nl_nat64_prefix_del,
		.policy = v6gw_siit_prefix_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_NAT64_PREFIX_GET,
		.dumpit = v6gw_nl_nat64_prefix_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_NAT64_POOL4_NEW,
		.doit = v6gw_nl_nat64_pool4_new,
		.policy = v6gw_nat64_pool4_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_NAT64_POOL4_DEL,
		.doit = v6gw_nl_nat64_pool4_del,
		.policy = v6gw_nat64_pool4_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_NAT64_POOL4_GET,
		.dumpit = v6gw_nl_nat64_pool4_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_NAT64_BIB_NEW,
		.doit = v6gw_nl_nat64_bib_new,
		.policy = v6gw_nat64_bib_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_NAT64_BIB_DEL,
		.doit = v6gw_nl_nat64_bib_del,
		.policy = v6gw_nat64_bib_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_NAT64_BIB_GET,
		.start = v6gw_nl_nat64_bib_start,
		.dumpit = v6gw_nl_nat64_bib_dump,
		.done = v6gw_nl_nat64_walk_done,
		.policy = v6gw_nat64_bib_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_NAT64_SESSION_GET,
		.start = v6gw_nl_nat64_session_start,
		.dumpit = v6gw_nl_nat64_session_dump,
		.done = v6gw_nl_nat64_walk_done,
		.policy = v6gw_nat64_session_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_NAT64_SESSION_DEL,
		.doit = v6gw_nl_nat64_session_del,
		.policy = v6gw_nat64_session_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_NAT64_SET,
		.doit = v6gw_nl_nat64_set,
		.policy = v6gw_nat64_set_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_NAT64_GET,
		.doit = v6gw_nl_nat64_get,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_RA_SET,
		.doit = v6gw_nl_ra_set,
		.policy = v6gw_ra_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_RA_DEL,
		.doit = v6gw_nl_ra_del,
		.policy = v6gw_ra_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_RA_GET,
		.dumpit = v6gw_nl_ra_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_PD_NEW,
		.doit = v6gw_nl_pd_new,
		.policy = v6gw_pd_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_PD_DEL,
		.doit = v6gw_nl_pd_del,
		.policy = v6gw_pd_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_PD_FLUSH,
		.doit = v6gw_nl_pd_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_PD_GET,
		.start = v6gw_nl_pd_start,
		.dumpit = v6gw_nl_pd_dump,
		.done = v6gw_nl_pd_done,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_PD_SNOOP_SET,
		.doit = v6gw_nl_pd_snoop_set,
		.policy = v6gw_pd_snoop_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_PD_SNOOP_GET,
		.dumpit = v6gw_nl_pd_snoop_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_TXN_BEGIN,
		.doit = v6gw_nl_txn_begin,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_TXN_COMMIT,
		.doit = v6gw_nl_txn_commit,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_TXN_ABORT,
		.doit = v6gw_nl_txn_abort,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_FLUSH,
		.doit = v6gw_nl_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_CLAT_SET,
		.doit = v6gw_nl_clat_set,
		.policy = v6gw_clat_req_policy,
		.maxattr = V6GW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_CLAT_DEL,
		.doit = v6gw_nl_clat_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_CLAT_GET,
		.doit = v6gw_nl_clat_get,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

struct genl_family v6gw_family __ro_after_init = {
	.name = V6GW_GENL_NAME,
	.version = V6GW_GENL_VERSION,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = v6gw_ops,
	.n_ops = ARRAY_SIZE(v6gw_ops),
	.resv_start_op = 0,
	.mcgrps = v6gw_mcgrps,
	.n_mcgrps = ARRAY_SIZE(v6gw_mcgrps),
};

int __init v6gw_genl_init(void)
{
	int err = genl_register_family(&v6gw_family);

	if (err)
		return err;
	err = v6gw_nl_txn_init();
	if (err)
		genl_unregister_family(&v6gw_family);
	return err;
}

void v6gw_genl_uninit(void)
{
	v6gw_nl_txn_uninit();
	genl_unregister_family(&v6gw_family);
}
