// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink for Router Advertisement rules: V6GW_CMD_RA_SET, _DEL, _GET.
 * Handlers take RTNL (interfaces) and then the configuration lock.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/sock.h>

#include "netlink.h"
#include "txn.h"
#include "ra.h"

static const struct nla_policy v6gw_ra_dnssl_policy[V6GW_RA_DNSSL_A_MAX + 1] = {
	/* 253 characters and one trailing dot */
	[V6GW_RA_DNSSL_A_NAME] = { .type = NLA_NUL_STRING, .len = 254 },
};

static const struct nla_policy v6gw_ra_policy[V6GW_RA_A_MAX + 1] = {
	[V6GW_RA_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[V6GW_RA_A_IFNAME] = { .type = NLA_REJECT },
	[V6GW_RA_A_RDNSS] = { .type = NLA_BINARY,
			      .len = 16 * V6GW_RA_RDNSS_MAX },
	[V6GW_RA_A_DNSSL] = NLA_POLICY_NESTED(v6gw_ra_dnssl_policy),
	[V6GW_RA_A_PREF64] = NLA_POLICY_NESTED(v6gw_prefix_policy),
	[V6GW_RA_A_LIFETIME] = { .type = NLA_U32 },
	[V6GW_RA_A_MODE] = NLA_POLICY_MAX(NLA_U8, V6GW_RA_MODE_REPLACE),
};

const struct nla_policy v6gw_ra_req_policy[V6GW_A_MAX + 1] = {
	[V6GW_A_RA] = NLA_POLICY_NESTED(v6gw_ra_policy),
};

static int v6gw_nl_ra_parse_opts(struct nlattr **tb, struct v6gw_ra_opts *o,
				 struct netlink_ext_ack *extack)
{
	struct nlattr *a, *attr;
	const char *why = NULL;
	int len, rem;

	v6gw_ra_opts_init(o);
	attr = tb[V6GW_RA_A_RDNSS];
	if (attr) {
		len = nla_len(attr);
		if (!len || len % 16) {
			why = "rdnss must hold whole IPv6 addresses";
			goto bad;
		}
		for (rem = 0; rem < len && !why; rem += 16)
			why = v6gw_ra_opts_add_rdnss(o, (u8 *)nla_data(attr) + rem);
		if (why)
			goto bad;
	}
	attr = tb[V6GW_RA_A_DNSSL];
	if (attr) {
		nla_for_each_nested(a, attr, rem) {
			why = v6gw_ra_opts_add_dnssl(o, nla_data(a));
			if (why)
				goto bad;
		}
		if (!o->ndnssl) {
			why = "dnssl needs at least one name";
			goto bad;
		}
	}
	attr = tb[V6GW_RA_A_PREF64];
	if (attr) {
		struct v6gw_prefix6 p;
		int err = v6gw_nl_parse_prefix6(attr, &p, true, extack);

		if (err)
			return err;
		why = v6gw_ra_opts_set_pref64(o, p.addr, p.len);
		if (why)
			goto bad;
	}
	attr = tb[V6GW_RA_A_LIFETIME];
	if (attr) {
		o->has_lifetime = true;
		o->lifetime = nla_get_u32(attr);
	}
	attr = tb[V6GW_RA_A_MODE];
	if (attr)
		o->mode = nla_get_u8(attr);
	return 0;

bad:
	v6gw_extack_set(extack, attr, why);
	return -EINVAL;
}

/* The nest of a request, parsed; IFINDEX is required. */
static int v6gw_nl_ra_req(struct genl_info *info, struct nlattr **tb,
			  int *ifindex)
{
	struct nlattr *nest = info->attrs[V6GW_A_RA];
	int err;

	if (GENL_REQ_ATTR_CHECK(info, V6GW_A_RA)) {
		NL_SET_ERR_MSG(info->extack, "an RA rule is required");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, V6GW_RA_A_MAX, nest, v6gw_ra_policy,
			       info->extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, nest, tb, V6GW_RA_A_IFINDEX)) {
		NL_SET_ERR_MSG(info->extack, "an RA rule needs an interface");
		return -EINVAL;
	}
	*ifindex = nla_get_u32(tb[V6GW_RA_A_IFINDEX]);
	return 0;
}

int v6gw_nl_ra_set(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct nlattr *tb[V6GW_RA_A_MAX + 1];
	struct v6gw_ra_opts *o;
	const char *why = NULL;
	int ifindex, err;

	err = v6gw_nl_ra_req(info, tb, &ifindex);
	if (err)
		return err;
	o = kmalloc(sizeof(*o), GFP_KERNEL);	/* too big for the stack */
	if (!o)
		return -ENOMEM;
	err = v6gw_nl_ra_parse_opts(tb, o, info->extack);
	if (!err) {
		rtnl_lock();
		mutex_lock(&vn->lock);
		err = v6gw_txn_gate(vn, info);
		if (!err && v6gw_txn_of(vn))
			err = v6gw_txn_ra_set(vn, ifindex, o, info->snd_seq,
					      &why);
		else if (!err)
			err = v6gw_ra_set(vn, ifindex, o, &why);
		mutex_unlock(&vn->lock);
		rtnl_unlock();
		if (why)
			v6gw_extack_set(info->extack, info->attrs[V6GW_A_RA],
					why);
		if (!err)
			v6gw_nl_notify(info);
	}
	kfree(o);
	return err;
}

int v6gw_nl_ra_del(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct nlattr *tb[V6GW_RA_A_MAX + 1];
	int ifindex, err, i;

	err = v6gw_nl_ra_req(info, tb, &ifindex);
	if (err)
		return err;
	for (i = V6GW_RA_A_RDNSS; i <= V6GW_RA_A_MAX; i++) {
		if (tb[i]) {
			v6gw_extack_set(info->extack, tb[i],
					"del takes only the interface");
			return -EINVAL;
		}
	}
	rtnl_lock();
	mutex_lock(&vn->lock);
	err = v6gw_txn_gate(vn, info);
	if (!err)
		err = v6gw_txn_of(vn) ?
		      v6gw_txn_ra_del(vn, ifindex, info->snd_seq) :
		      v6gw_ra_del(vn, ifindex);
	mutex_unlock(&vn->lock);
	rtnl_unlock();
	if (err == -ENOENT)
		NL_SET_ERR_MSG(info->extack, "no RA rule on that interface");
	if (!err)
		v6gw_nl_notify(info);
	return err;
}

static int v6gw_nl_ra_put_opts(struct sk_buff *skb,
			       const struct v6gw_ra_opts *o)
{
	struct nlattr *nest;
	u32 off = 0, i;

	if (o->nrdnss &&
	    nla_put(skb, V6GW_RA_A_RDNSS, 16 * o->nrdnss, o->rdnss))
		return -EMSGSIZE;
	if (o->ndnssl) {
		char name[256];

		nest = nla_nest_start(skb, V6GW_RA_A_DNSSL);
		if (!nest)
			return -EMSGSIZE;
		for (i = 0; i < o->ndnssl; i++) {
			size_t n = v6gw_dns_name_decode(o->dnssl + off,
							o->dnssl_len - off,
							name, sizeof(name));

			if (WARN_ON_ONCE(!n))
				return -EINVAL;
			off += n;
			if (nla_put_string(skb, V6GW_RA_DNSSL_A_NAME, name))
				return -EMSGSIZE;
		}
		nla_nest_end(skb, nest);
	}
	if (o->pref64_len) {
		struct v6gw_prefix6 p;

		memcpy(p.addr, o->pref64, 16);
		p.len = o->pref64_len;
		if (v6gw_nl_put_prefix6(skb, V6GW_RA_A_PREF64, &p))
			return -EMSGSIZE;
	}
	if (o->has_lifetime &&
	    nla_put_u32(skb, V6GW_RA_A_LIFETIME, o->lifetime))
		return -EMSGSIZE;
	if (nla_put_u8(skb, V6GW_RA_A_MODE, o->mode))
		return -EMSGSIZE;
	return 0;
}

int v6gw_nl_ra_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct v6gw_net *vn = v6gw_pernet(sock_net(cb->skb->sk));
	struct v6gw_ra_rule *r;
	long i = 0;

	rtnl_lock();
	mutex_lock(&vn->lock);
	list_for_each_entry(r, &vn->ra_rules, node) {
		struct nlattr *nest;
		void *hdr;

		if (i++ < cb->args[0])
			continue;
		hdr = v6gw_nl_dump_put(skb, cb, V6GW_CMD_RA_GET);
		if (!hdr)
			break;
		nest = nla_nest_start(skb, V6GW_A_RA);
		if (!nest ||
		    nla_put_u32(skb, V6GW_RA_A_IFINDEX, r->dev->ifindex) ||
		    nla_put_string(skb, V6GW_RA_A_IFNAME, r->dev->name) ||
		    v6gw_nl_ra_put_opts(skb, &rcu_dereference_protected(r->cfg,
						true)->o)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		nla_nest_end(skb, nest);
		genlmsg_end(skb, hdr);
		cb->args[0] = i;
	}
	mutex_unlock(&vn->lock);
	rtnl_unlock();
	return skb->len;
}

/* A rule went with its interface: V6GW_CMD_RA_DEL on the config group. */
void v6gw_nl_ra_gone(struct net *net, int ifindex, const char *ifname)
{
	struct nlattr *nest;
	struct sk_buff *skb;
	void *hdr;

	if (!genl_has_listeners(&v6gw_family, net, V6GW_MCGRP_CONFIG_IDX))
		return;
	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &v6gw_family, 0, V6GW_CMD_RA_DEL);
	if (!hdr)
		goto fail;
	nest = nla_nest_start(skb, V6GW_A_RA);
	if (!nest || nla_put_u32(skb, V6GW_RA_A_IFINDEX, ifindex) ||
	    nla_put_string(skb, V6GW_RA_A_IFNAME, ifname))
		goto fail;
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&v6gw_family, net, skb, 0,
				V6GW_MCGRP_CONFIG_IDX, GFP_KERNEL);
	return;
fail:
	nlmsg_free(skb);
}
