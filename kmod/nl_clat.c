// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink handlers of the 464XLAT CLAT: V6GW_CMD_CLAT_SET, _DEL,
 * _GET.
 */
#include <net/sock.h>

#include "netlink.h"

static const struct nla_policy v6gw_clat_policy[V6GW_CLAT_A_MAX + 1] = {
	[V6GW_CLAT_A_PREFIX4] = NLA_POLICY_NESTED(v6gw_prefix4_policy),
	[V6GW_CLAT_A_PREFIX6] = NLA_POLICY_NESTED(v6gw_prefix_policy),
	[V6GW_CLAT_A_PLAT] = NLA_POLICY_NESTED(v6gw_prefix_policy),
};

const struct nla_policy v6gw_clat_req_policy[V6GW_A_MAX + 1] = {
	[V6GW_A_CLAT] = NLA_POLICY_NESTED(v6gw_clat_policy),
};

static int v6gw_nl_clat_parse(struct genl_info *info,
			      struct v6gw_clat_addrs *a)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *tb[V6GW_CLAT_A_MAX + 1];
	struct nlattr *nest = info->attrs[V6GW_A_CLAT];
	const char *why;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, V6GW_A_CLAT)) {
		NL_SET_ERR_MSG(extack, "the CLAT's prefixes are required");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, V6GW_CLAT_A_MAX, nest, v6gw_clat_policy,
			       extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, V6GW_CLAT_A_PREFIX4) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, V6GW_CLAT_A_PREFIX6) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, V6GW_CLAT_A_PLAT)) {
		NL_SET_ERR_MSG(extack,
			       "a CLAT needs an IPv4 prefix, an IPv6 prefix and a PLAT prefix");
		return -EINVAL;
	}
	memset(a, 0, sizeof(*a));
	err = v6gw_nl_parse_prefix4(tb[V6GW_CLAT_A_PREFIX4], &a->p4, extack);
	if (!err)
		err = v6gw_nl_parse_prefix6(tb[V6GW_CLAT_A_PREFIX6], &a->p6,
					    false, extack);
	if (!err)
		err = v6gw_nl_parse_prefix6(tb[V6GW_CLAT_A_PLAT], &a->plat,
					    true, extack);
	if (err)
		return err;
	why = v6gw_clat_invalid(a);
	if (why) {
		v6gw_extack_set(extack, nest, why);
		return -EINVAL;
	}
	return 0;
}

int v6gw_nl_clat_set(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct v6gw_clat_addrs a;
	int err;

	err = v6gw_nl_clat_parse(info, &a);
	if (err)
		return err;
	return V6GW_LOCKED(vn, info, v6gw_clat_set(vn, &a));
}

int v6gw_nl_clat_del(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	int err;

	err = V6GW_LOCKED(vn, info, v6gw_clat_del(vn));
	if (err == -ENOENT)
		NL_SET_ERR_MSG(info->extack, "no CLAT is configured");
	return err;
}

static int v6gw_nl_clat_put(struct sk_buff *msg,
			    const struct v6gw_clat_addrs *a)
{
	struct nlattr *nest = nla_nest_start(msg, V6GW_A_CLAT);

	if (!nest)
		return -EMSGSIZE;
	if (v6gw_nl_put_prefix4(msg, V6GW_CLAT_A_PREFIX4, &a->p4) ||
	    v6gw_nl_put_prefix6(msg, V6GW_CLAT_A_PREFIX6, &a->p6) ||
	    v6gw_nl_put_prefix6(msg, V6GW_CLAT_A_PLAT, &a->plat)) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

int v6gw_nl_clat_get(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct v6gw_clat_addrs a;
	struct sk_buff *msg;
	bool have;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &v6gw_family, 0, V6GW_CMD_CLAT_GET);
	mutex_lock(&vn->lock);
	have = v6gw_clat_get(vn, &a);
	mutex_unlock(&vn->lock);
	if (!hdr || (have && v6gw_nl_clat_put(msg, &a))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}
