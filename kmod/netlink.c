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
#include <net/genetlink.h>
#include <net/sock.h>
#include <linux/v6gw.h>

#include "stats.h"
#include "v6gw.h"

static struct genl_family v6gw_family;

enum v6gw_mcgrp_idx {
	V6GW_MCGRP_CONFIG_IDX,
};

static const struct genl_multicast_group v6gw_mcgrps[] = {
	[V6GW_MCGRP_CONFIG_IDX] = { .name = V6GW_MCGRP_CONFIG, },
};

static const struct nla_policy v6gw_prefix_policy[V6GW_PREFIX_A_MAX + 1] = {
	[V6GW_PREFIX_A_ADDR] = NLA_POLICY_EXACT_LEN(16),
	[V6GW_PREFIX_A_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
};

static const struct nla_policy v6gw_prefix_req_policy[V6GW_A_PREFIX + 1] = {
	[V6GW_A_PREFIX] = NLA_POLICY_NESTED(v6gw_prefix_policy),
};

/*
 * The portable core reports problems as static strings; extack keeps a
 * pointer to a string that must outlive the request, which these do.
 */
static void v6gw_extack_set(struct netlink_ext_ack *extack,
			    const struct nlattr *attr, const char *msg)
{
	if (!extack)
		return;
	extack->_msg = msg;
	extack->bad_attr = attr;
}

static int v6gw_nl_put_prefix(struct sk_buff *skb, int type,
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

static int v6gw_nl_get_prefix(struct genl_info *info, struct v6gw_prefix6 *p)
{
	struct nlattr *tb[V6GW_PREFIX_A_MAX + 1];
	struct nlattr *nest;
	const char *why;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, V6GW_A_PREFIX)) {
		NL_SET_ERR_MSG(info->extack, "a prefix is required");
		return -EINVAL;
	}
	nest = info->attrs[V6GW_A_PREFIX];
	err = nla_parse_nested(tb, V6GW_PREFIX_A_MAX, nest, v6gw_prefix_policy,
			       info->extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, nest, tb, V6GW_PREFIX_A_ADDR) ||
	    NL_REQ_ATTR_CHECK(info->extack, nest, tb, V6GW_PREFIX_A_LEN)) {
		NL_SET_ERR_MSG(info->extack,
			       "a prefix needs an address and a length");
		return -EINVAL;
	}

	nla_memcpy(p->addr, tb[V6GW_PREFIX_A_ADDR], sizeof(p->addr));
	p->len = nla_get_u8(tb[V6GW_PREFIX_A_LEN]);
	why = v6gw_rfc6052_prefix_invalid(p);
	if (why) {
		v6gw_extack_set(info->extack, nest, why);
		return -EINVAL;
	}
	return 0;
}

/* Tell V6GW_MCGRP_CONFIG listeners about a change: best effort. */
static void v6gw_nl_notify_prefix(struct net *net, u8 cmd,
				  const struct v6gw_prefix6 *p)
{
	struct sk_buff *skb;
	void *hdr;

	if (!genl_has_listeners(&v6gw_family, net, V6GW_MCGRP_CONFIG_IDX))
		return;
	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &v6gw_family, 0, cmd);
	if (!hdr || v6gw_nl_put_prefix(skb, V6GW_A_PREFIX, p)) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&v6gw_family, net, skb, 0,
				V6GW_MCGRP_CONFIG_IDX, GFP_KERNEL);
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

static int v6gw_nl_prefix_new(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct v6gw_net *vn = v6gw_pernet(net);
	struct v6gw_prefix6 p;
	int err;

	err = v6gw_nl_get_prefix(info, &p);
	if (err)
		return err;

	mutex_lock(&vn->lock);
	err = v6gw_siit_pool6_set(vn, &p);
	mutex_unlock(&vn->lock);
	if (err == -EEXIST)
		NL_SET_ERR_MSG(info->extack,
			       "a prefix is configured already: delete it first");
	if (!err)
		v6gw_nl_notify_prefix(net, V6GW_CMD_SIIT_PREFIX_NEW, &p);
	return err;
}

static int v6gw_nl_prefix_del(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct v6gw_net *vn = v6gw_pernet(net);
	struct v6gw_prefix6 p;
	int err;

	err = v6gw_nl_get_prefix(info, &p);
	if (err)
		return err;

	mutex_lock(&vn->lock);
	err = v6gw_siit_pool6_del(vn, &p);
	mutex_unlock(&vn->lock);
	if (err == -ENOENT)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[V6GW_A_PREFIX],
				    "no such prefix");
	if (!err)
		v6gw_nl_notify_prefix(net, V6GW_CMD_SIIT_PREFIX_DEL, &p);
	return err;
}

/* One prefix at most today: cb->args[0] says whether it was sent. */
static int v6gw_nl_prefix_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct v6gw_net *vn = v6gw_pernet(sock_net(cb->skb->sk));
	struct v6gw_prefix6 p;
	struct v6gw_pool6 *pool6;
	bool have = false;
	void *hdr;

	if (cb->args[0])
		return 0;

	rcu_read_lock();
	pool6 = rcu_dereference(vn->pool6);
	if (pool6) {
		p = pool6->prefix;
		have = true;
	}
	rcu_read_unlock();
	if (!have)
		return 0;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &v6gw_family, NLM_F_MULTI, V6GW_CMD_SIIT_PREFIX_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (v6gw_nl_put_prefix(skb, V6GW_A_PREFIX, &p)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	cb->args[0] = 1;
	return skb->len;
}

static const struct genl_ops v6gw_ops[] = {
	{
		.cmd = V6GW_CMD_STATS_GET,
		.doit = v6gw_nl_stats_get,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_SIIT_PREFIX_NEW,
		.doit = v6gw_nl_prefix_new,
		.policy = v6gw_prefix_req_policy,
		.maxattr = V6GW_A_PREFIX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_SIIT_PREFIX_DEL,
		.doit = v6gw_nl_prefix_del,
		.policy = v6gw_prefix_req_policy,
		.maxattr = V6GW_A_PREFIX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = V6GW_CMD_SIIT_PREFIX_GET,
		.dumpit = v6gw_nl_prefix_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

static struct genl_family v6gw_family __ro_after_init = {
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
	return genl_register_family(&v6gw_family);
}

void v6gw_genl_uninit(void)
{
	genl_unregister_family(&v6gw_family);
}
