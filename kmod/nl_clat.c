// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink handlers of the 464XLAT CLAT: V6GW_CMD_CLAT_SET, _DEL,
 * _GET.
 */
#include <linux/netdevice.h>
#include <net/sock.h>

#include "netlink.h"

static const struct nla_policy v6gw_clat_policy[V6GW_CLAT_A_MAX + 1] = {
	[V6GW_CLAT_A_PREFIX4] = NLA_POLICY_NESTED(v6gw_prefix4_policy),
	[V6GW_CLAT_A_PREFIX6] = NLA_POLICY_NESTED(v6gw_prefix_policy),
	[V6GW_CLAT_A_PLAT] = NLA_POLICY_NESTED(v6gw_prefix_policy),
	[V6GW_CLAT_A_PLAT_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[V6GW_CLAT_A_PLAT_LIFETIME] = { .type = NLA_REJECT },
	[V6GW_CLAT_A_EVENT] = { .type = NLA_REJECT },
	[V6GW_CLAT_A_HOST] = NLA_POLICY_MAX(NLA_U8, 1),
	[V6GW_CLAT_A_HOST_IFINDEX] = { .type = NLA_REJECT },
};

const struct nla_policy v6gw_clat_req_policy[V6GW_A_MAX + 1] = {
	[V6GW_A_CLAT] = NLA_POLICY_NESTED(v6gw_clat_policy),
};

static int v6gw_nl_clat_parse(struct genl_info *info,
			      struct v6gw_clat_addrs *a, int *ifindex,
			      bool *host)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *tb[V6GW_CLAT_A_MAX + 1];
	struct nlattr *nest = info->attrs[V6GW_A_CLAT];
	const char *why;
	bool known;
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
	    !tb[V6GW_CLAT_A_PLAT] == !tb[V6GW_CLAT_A_PLAT_IFINDEX]) {
		NL_SET_ERR_MSG(extack,
			       "a CLAT needs an IPv4 prefix, an IPv6 prefix, and a PLAT prefix or an interface to learn it on");
		return -EINVAL;
	}
	memset(a, 0, sizeof(*a));
	*ifindex = 0;
	err = v6gw_nl_parse_prefix4(tb[V6GW_CLAT_A_PREFIX4], &a->p4, extack);
	if (!err)
		err = v6gw_nl_parse_prefix6(tb[V6GW_CLAT_A_PREFIX6], &a->p6,
					    false, extack);
	if (!err && tb[V6GW_CLAT_A_PLAT])
		err = v6gw_nl_parse_prefix6(tb[V6GW_CLAT_A_PLAT], &a->plat,
					    true, extack);
	if (err)
		return err;
	if (tb[V6GW_CLAT_A_PLAT_IFINDEX]) {
		*ifindex = nla_get_u32(tb[V6GW_CLAT_A_PLAT_IFINDEX]);
		rcu_read_lock();
		known = dev_get_by_index_rcu(genl_info_net(info), *ifindex);
		rcu_read_unlock();
		if (!known) {
			v6gw_extack_set(extack, tb[V6GW_CLAT_A_PLAT_IFINDEX],
					"no such interface");
			return -ENODEV;
		}
		why = v6gw_clat_island_invalid(a);
	} else {
		why = v6gw_clat_invalid(a);
	}
	if (why) {
		v6gw_extack_set(extack, nest, why);
		return -EINVAL;
	}
	*host = tb[V6GW_CLAT_A_HOST] && nla_get_u8(tb[V6GW_CLAT_A_HOST]);
	if (*host && v6gw_clat_host_name_taken(v6gw_nl_vn(info))) {
		v6gw_extack_set(extack, tb[V6GW_CLAT_A_HOST],
				"another device is named " V6GW_CLAT_HOST_IFNAME);
		return -EEXIST;
	}
	return 0;
}

/* The host-local device follows the change before the request returns. */
static int v6gw_nl_clat_host_wait(struct v6gw_net *vn, struct genl_info *info)
{
	int err = v6gw_clat_host_wait(vn);

	if (err)
		NL_SET_ERR_MSG(info->extack,
			       "the CLAT is configured, but its host device could not be set up yet (tried again every 5 s)");
	return err;
}

int v6gw_nl_clat_set(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct v6gw_clat_addrs a;
	int err, ifindex;
	bool host;

	err = v6gw_nl_clat_parse(info, &a, &ifindex, &host);
	if (err)
		return err;
	err = V6GW_LOCKED(vn, info, v6gw_clat_set(vn, &a, ifindex, host));
	return err ?: v6gw_nl_clat_host_wait(vn, info);
}

int v6gw_nl_clat_del(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	int err;

	err = V6GW_LOCKED(vn, info, v6gw_clat_del(vn));
	if (err == -ENOENT)
		NL_SET_ERR_MSG(info->extack, "no CLAT is configured");
	return err ?: v6gw_nl_clat_host_wait(vn, info);
}

static int v6gw_nl_clat_put(struct sk_buff *msg,
			    const struct v6gw_clat_info *c)
{
	struct nlattr *nest = nla_nest_start(msg, V6GW_A_CLAT);

	if (!nest)
		return -EMSGSIZE;
	if (v6gw_nl_put_prefix4(msg, V6GW_CLAT_A_PREFIX4, &c->addrs.p4) ||
	    v6gw_nl_put_prefix6(msg, V6GW_CLAT_A_PREFIX6, &c->addrs.p6) ||
	    (c->addrs.plat.len &&
	     v6gw_nl_put_prefix6(msg, V6GW_CLAT_A_PLAT, &c->addrs.plat)) ||
	    (c->plat_ifindex &&
	     nla_put_u32(msg, V6GW_CLAT_A_PLAT_IFINDEX, c->plat_ifindex)) ||
	    (c->plat_ifindex && c->addrs.plat.len &&
	     nla_put_u32(msg, V6GW_CLAT_A_PLAT_LIFETIME, c->lifetime)) ||
	    (c->host && nla_put_u8(msg, V6GW_CLAT_A_HOST, 1)) ||
	    (c->host_ifindex &&
	     nla_put_u32(msg, V6GW_CLAT_A_HOST_IFINDEX, c->host_ifindex))) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

int v6gw_nl_clat_get(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct v6gw_clat_info c;
	struct sk_buff *msg;
	bool have;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &v6gw_family, 0, V6GW_CMD_CLAT_GET);
	mutex_lock(&vn->lock);
	have = v6gw_clat_get(vn, &c);
	mutex_unlock(&vn->lock);
	if (!hdr || (have && v6gw_nl_clat_put(msg, &c))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* CLAT_EVENT on the "events" group: the learned PLAT prefix changed. */
void v6gw_nl_clat_event(struct v6gw_net *vn, u8 ev, int ifindex,
			const struct v6gw_prefix6 *plat, u32 lifetime)
{
	struct nlattr *nest;
	struct sk_buff *skb;
	void *hdr;
	int err;

	skb = v6gw_nl_event_new(vn->net, V6GW_CMD_CLAT_EVENT, GFP_KERNEL, &hdr);
	if (!skb)
		return;
	nest = nla_nest_start(skb, V6GW_A_CLAT);
	err = !nest || nla_put_u8(skb, V6GW_CLAT_A_EVENT, ev) ||
	      nla_put_u32(skb, V6GW_CLAT_A_PLAT_IFINDEX, ifindex) ||
	      (plat && (v6gw_nl_put_prefix6(skb, V6GW_CLAT_A_PLAT, plat) ||
			nla_put_u32(skb, V6GW_CLAT_A_PLAT_LIFETIME, lifetime)));
	if (!err)
		nla_nest_end(skb, nest);
	v6gw_nl_event_send(vn->net, skb, hdr, err, GFP_KERNEL);
}
