// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink handlers of the stateless translator: RFC 6052 prefix,
 * EAM table, denylist and settings.
 */
#include <net/sock.h>

#include "nat64.h"
#include "netlink.h"
#include "txn.h"

static const struct nla_policy v6gw_eam_policy[V6GW_EAM_A_MAX + 1] = {
	[V6GW_EAM_A_PREFIX6] = NLA_POLICY_NESTED(v6gw_prefix_policy),
	[V6GW_EAM_A_PREFIX4] = NLA_POLICY_NESTED(v6gw_prefix4_policy),
};

/* NLA_POLICY_RANGE holds s16 bounds: 65535 needs the full form. */
static struct netlink_range_validation v6gw_mtu_range = {
	.min = 1280,
	.max = 65535,
};

static const struct nla_policy v6gw_siit_policy[V6GW_SIIT_A_MAX + 1] = {
	[V6GW_SIIT_A_RFC6791V4] = NLA_POLICY_NESTED(v6gw_prefix4_policy),
	[V6GW_SIIT_A_RFC6791V6] = NLA_POLICY_NESTED(v6gw_prefix_policy),
	[V6GW_SIIT_A_LOWEST_IPV6_MTU] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &v6gw_mtu_range),
	[V6GW_SIIT_A_AMEND_UDP_ZERO] = NLA_POLICY_MAX(NLA_U8, 1),
	[V6GW_SIIT_A_TOS] = NLA_POLICY_MAX(NLA_U16, V6GW_SIIT_COPY),
	[V6GW_SIIT_A_TCLASS] = NLA_POLICY_MAX(NLA_U16, V6GW_SIIT_COPY),
	[V6GW_SIIT_A_UNSET] = NLA_POLICY_MASK(NLA_U32, __V6GW_SIIT_UNSET_ALL),
};

const struct nla_policy v6gw_siit_prefix_req_policy[V6GW_A_MAX + 1] = {
	[V6GW_A_PREFIX] = NLA_POLICY_NESTED(v6gw_prefix_policy),
};

const struct nla_policy v6gw_siit_eam_req_policy[V6GW_A_MAX + 1] = {
	[V6GW_A_EAM] = NLA_POLICY_NESTED(v6gw_eam_policy),
};

const struct nla_policy v6gw_siit_deny_req_policy[V6GW_A_MAX + 1] = {
	[V6GW_A_PREFIX4] = NLA_POLICY_NESTED(v6gw_prefix4_policy),
};

const struct nla_policy v6gw_siit_set_req_policy[V6GW_A_MAX + 1] = {
	[V6GW_A_SIIT] = NLA_POLICY_NESTED(v6gw_siit_policy),
};

static int v6gw_nl_req_prefix6(struct genl_info *info, struct v6gw_prefix6 *p)
{
	if (GENL_REQ_ATTR_CHECK(info, V6GW_A_PREFIX)) {
		NL_SET_ERR_MSG(info->extack, "a prefix is required");
		return -EINVAL;
	}
	return v6gw_nl_parse_prefix6(info->attrs[V6GW_A_PREFIX], p, true,
				     info->extack);
}

int v6gw_nl_siit_prefix_new(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct v6gw_prefix6 p;
	int err;

	err = v6gw_nl_req_prefix6(info, &p);
	if (err)
		return err;
	err = V6GW_LOCKED(vn, info, v6gw_nat64_prefix_overlaps(vn, &p) ?
			  -ENOTUNIQ : v6gw_siit_pool6_set(vn, &p));
	if (err == -EEXIST)
		NL_SET_ERR_MSG(info->extack,
			       "a prefix is configured already: delete it first");
	if (err == -ENOTUNIQ) {
		NL_SET_ERR_MSG(info->extack,
			       "the prefix overlaps a NAT64 prefix");
		err = -EINVAL;
	}
	return err;
}

int v6gw_nl_siit_prefix_del(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct v6gw_prefix6 p;
	int err;

	err = v6gw_nl_req_prefix6(info, &p);
	if (err)
		return err;
	err = V6GW_LOCKED(vn, info, v6gw_siit_pool6_del(vn, &p));
	if (err == -ENOENT)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[V6GW_A_PREFIX],
				    "no such prefix");
	return err;
}

void *v6gw_nl_dump_put(struct sk_buff *skb, struct netlink_callback *cb,
			      u8 cmd)
{
	return genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			   &v6gw_family, NLM_F_MULTI, cmd);
}

/* One prefix at most: cb->args[0] says whether it was sent. */
int v6gw_nl_siit_prefix_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct v6gw_net *vn = v6gw_pernet(sock_net(cb->skb->sk));
	struct v6gw_map m;
	void *hdr;

	if (cb->args[0])
		return 0;
	v6gw_siit_settings_get(vn, &m);
	if (!(m.flags & V6GW_MAP_POOL6))
		return 0;
	hdr = v6gw_nl_dump_put(skb, cb, V6GW_CMD_SIIT_PREFIX_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (v6gw_nl_put_prefix6(skb, V6GW_A_PREFIX, &m.pool6)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	cb->args[0] = 1;
	return skb->len;
}

static int v6gw_nl_req_eam(struct genl_info *info, struct v6gw_eam *e)
{
	struct nlattr *tb[V6GW_EAM_A_MAX + 1], *nest;
	const char *why;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, V6GW_A_EAM)) {
		NL_SET_ERR_MSG(info->extack, "an EAM entry is required");
		return -EINVAL;
	}
	nest = info->attrs[V6GW_A_EAM];
	err = nla_parse_nested(tb, V6GW_EAM_A_MAX, nest, v6gw_eam_policy,
			       info->extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, nest, tb, V6GW_EAM_A_PREFIX6) ||
	    NL_REQ_ATTR_CHECK(info->extack, nest, tb, V6GW_EAM_A_PREFIX4)) {
		NL_SET_ERR_MSG(info->extack,
			       "an EAM entry needs an IPv6 and an IPv4 prefix");
		return -EINVAL;
	}
	err = v6gw_nl_parse_prefix6(tb[V6GW_EAM_A_PREFIX6], &e->p6, false,
				    info->extack);
	if (err)
		return err;
	err = v6gw_nl_parse_prefix4(tb[V6GW_EAM_A_PREFIX4], &e->p4,
				    info->extack);
	if (err)
		return err;
	why = v6gw_eam_invalid(e);
	if (why) {
		v6gw_extack_set(info->extack, nest, why);
		return -EINVAL;
	}
	return 0;
}

int v6gw_nl_siit_eam_new(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	const char *why = NULL;
	struct v6gw_eam e;
	int err;

	err = v6gw_nl_req_eam(info, &e);
	if (err)
		return err;
	err = V6GW_LOCKED(vn, info,
			  v6gw_siit_table_add(vn, V6GW_SIIT_T_EAM, &e, &why));
	if ((err == -EEXIST || err == -ENOSPC) && why)
		v6gw_extack_set(info->extack, info->attrs[V6GW_A_EAM], why);
	return err;
}

int v6gw_nl_siit_eam_del(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct v6gw_eam e;
	int err;

	err = v6gw_nl_req_eam(info, &e);
	if (err)
		return err;
	err = V6GW_LOCKED(vn, info, v6gw_siit_table_del(vn, V6GW_SIIT_T_EAM, &e));
	if (err == -ENOENT)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[V6GW_A_EAM],
				    "no such EAM entry");
	return err;
}

/*
 * Table dumps walk the current snapshot by index (cb->args[0]); a change
 * between two parts of a dump can show an entry twice or not at all, as
 * any netlink dump of a changing table can. @put writes one entry's
 * attributes.
 */
static int v6gw_nl_table_dump(struct sk_buff *skb, struct netlink_callback *cb,
			      enum v6gw_siit_table t, u8 cmd,
			      int (*put)(struct sk_buff *skb, const void *e))
{
	struct v6gw_net *vn = v6gw_pernet(sock_net(cb->skb->sk));
	const struct v6gw_siit *s;
	u32 i = cb->args[0];
	const void *e;
	int err = 0;

	rcu_read_lock();
	s = rcu_dereference(vn->siit);
	for (; (e = v6gw_siit_table_entry(s, t, i)); i++) {
		void *hdr = v6gw_nl_dump_put(skb, cb, cmd);

		if (!hdr) {
			err = -EMSGSIZE;
			break;
		}
		if (put(skb, e)) {
			genlmsg_cancel(skb, hdr);
			err = -EMSGSIZE;
			break;
		}
		genlmsg_end(skb, hdr);
	}
	rcu_read_unlock();
	cb->args[0] = i;
	/* A full skb is not an error while it holds something. */
	if (err && skb->len)
		return skb->len;
	return err ?: skb->len;
}

static int v6gw_nl_put_eam(struct sk_buff *skb, const void *entry)
{
	const struct v6gw_eam *e = entry;
	struct nlattr *nest = nla_nest_start(skb, V6GW_A_EAM);

	if (!nest ||
	    v6gw_nl_put_prefix6(skb, V6GW_EAM_A_PREFIX6, &e->p6) ||
	    v6gw_nl_put_prefix4(skb, V6GW_EAM_A_PREFIX4, &e->p4))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

int v6gw_nl_siit_eam_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return v6gw_nl_table_dump(skb, cb, V6GW_SIIT_T_EAM,
				  V6GW_CMD_SIIT_EAM_GET, v6gw_nl_put_eam);
}

static int v6gw_nl_req_prefix4(struct genl_info *info, struct v6gw_prefix4 *p)
{
	if (GENL_REQ_ATTR_CHECK(info, V6GW_A_PREFIX4)) {
		NL_SET_ERR_MSG(info->extack, "an IPv4 prefix is required");
		return -EINVAL;
	}
	return v6gw_nl_parse_prefix4(info->attrs[V6GW_A_PREFIX4], p,
				     info->extack);
}

int v6gw_nl_siit_deny_new(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct v6gw_prefix4 p;
	const char *why;
	int err;

	err = v6gw_nl_req_prefix4(info, &p);
	if (err)
		return err;
	err = V6GW_LOCKED(vn, info,
			  v6gw_siit_table_add(vn, V6GW_SIIT_T_DENY, &p, &why));
	if (err == -EEXIST)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[V6GW_A_PREFIX4],
				    "the prefix is in the denylist already");
	else if (err == -ENOSPC)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[V6GW_A_PREFIX4],
				    "the denylist is full");
	return err;
}

int v6gw_nl_siit_deny_del(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct v6gw_prefix4 p;
	int err;

	err = v6gw_nl_req_prefix4(info, &p);
	if (err)
		return err;
	err = V6GW_LOCKED(vn, info,
			  v6gw_siit_table_del(vn, V6GW_SIIT_T_DENY, &p));
	if (err == -ENOENT)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[V6GW_A_PREFIX4],
				    "the prefix is not in the denylist");
	return err;
}

static int v6gw_nl_put_deny(struct sk_buff *skb, const void *p)
{
	return v6gw_nl_put_prefix4(skb, V6GW_A_PREFIX4, p);
}

int v6gw_nl_siit_deny_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return v6gw_nl_table_dump(skb, cb, V6GW_SIIT_T_DENY,
				  V6GW_CMD_SIIT_DENY_GET, v6gw_nl_put_deny);
}

/* Apply a V6GW_A_SIIT nest to @m; nothing is applied unless all is valid. */
static int v6gw_nl_siit_parse(struct genl_info *info, struct v6gw_map *m)
{
	struct nlattr *tb[V6GW_SIIT_A_MAX + 1], *nest;
	struct v6gw_map new = *m;
	u32 unset = 0;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, V6GW_A_SIIT)) {
		NL_SET_ERR_MSG(info->extack, "settings are required");
		return -EINVAL;
	}
	nest = info->attrs[V6GW_A_SIIT];
	err = nla_parse_nested(tb, V6GW_SIIT_A_MAX, nest, v6gw_siit_policy,
			       info->extack);
	if (err)
		return err;

	if (tb[V6GW_SIIT_A_UNSET])
		unset = nla_get_u32(tb[V6GW_SIIT_A_UNSET]);
	if (((unset & V6GW_SIIT_UNSET_RFC6791V4) && tb[V6GW_SIIT_A_RFC6791V4]) ||
	    ((unset & V6GW_SIIT_UNSET_RFC6791V6) && tb[V6GW_SIIT_A_RFC6791V6])) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[V6GW_SIIT_A_UNSET],
				    "a setting cannot be set and unset at once");
		return -EINVAL;
	}
	if (unset & V6GW_SIIT_UNSET_RFC6791V4) {
		new.flags &= ~V6GW_MAP_RFC6791V4;
		memset(&new.rfc6791v4, 0, sizeof(new.rfc6791v4));
	}
	if (unset & V6GW_SIIT_UNSET_RFC6791V6) {
		new.flags &= ~V6GW_MAP_RFC6791V6;
		memset(&new.rfc6791v6, 0, sizeof(new.rfc6791v6));
	}
	if (tb[V6GW_SIIT_A_RFC6791V4]) {
		err = v6gw_nl_parse_prefix4(tb[V6GW_SIIT_A_RFC6791V4],
					    &new.rfc6791v4, info->extack);
		if (err)
			return err;
		new.flags |= V6GW_MAP_RFC6791V4;
	}
	if (tb[V6GW_SIIT_A_RFC6791V6]) {
		err = v6gw_nl_parse_prefix6(tb[V6GW_SIIT_A_RFC6791V6],
					    &new.rfc6791v6, false,
					    info->extack);
		if (err)
			return err;
		new.flags |= V6GW_MAP_RFC6791V6;
	}
	if (tb[V6GW_SIIT_A_LOWEST_IPV6_MTU])
		new.lowest_ipv6_mtu =
			nla_get_u32(tb[V6GW_SIIT_A_LOWEST_IPV6_MTU]);
	if (tb[V6GW_SIIT_A_AMEND_UDP_ZERO]) {
		if (nla_get_u8(tb[V6GW_SIIT_A_AMEND_UDP_ZERO]))
			new.flags |= V6GW_MAP_AMEND_UDP0;
		else
			new.flags &= ~V6GW_MAP_AMEND_UDP0;
	}
	if (tb[V6GW_SIIT_A_TOS]) {
		u16 v = nla_get_u16(tb[V6GW_SIIT_A_TOS]);

		if (v == V6GW_SIIT_COPY) {
			new.flags &= ~V6GW_MAP_TOS_SET;
			new.tos = 0;
		} else {
			new.flags |= V6GW_MAP_TOS_SET;
			new.tos = v;
		}
	}
	if (tb[V6GW_SIIT_A_TCLASS]) {
		u16 v = nla_get_u16(tb[V6GW_SIIT_A_TCLASS]);

		if (v == V6GW_SIIT_COPY) {
			new.flags &= ~V6GW_MAP_TCLASS_SET;
			new.tclass = 0;
		} else {
			new.flags |= V6GW_MAP_TCLASS_SET;
			new.tclass = v;
		}
	}
	*m = new;
	return 0;
}

int v6gw_nl_siit_set(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct v6gw_map m;
	int err;

	mutex_lock(&vn->lock);
	err = v6gw_txn_gate(vn, info);
	if (err)
		goto out;
	v6gw_siit_settings_base(vn, &m);
	err = v6gw_nl_siit_parse(info, &m);
	if (!err)
		err = v6gw_siit_settings_set(vn, &m);
out:
	mutex_unlock(&vn->lock);
	if (!err)
		v6gw_nl_notify(info);
	return err;
}

static int v6gw_nl_siit_put(struct sk_buff *msg, const struct v6gw_map *m)
{
	struct nlattr *nest = nla_nest_start(msg, V6GW_A_SIIT);

	if (!nest)
		return -EMSGSIZE;
	if (((m->flags & V6GW_MAP_RFC6791V4) &&
	     v6gw_nl_put_prefix4(msg, V6GW_SIIT_A_RFC6791V4, &m->rfc6791v4)) ||
	    ((m->flags & V6GW_MAP_RFC6791V6) &&
	     v6gw_nl_put_prefix6(msg, V6GW_SIIT_A_RFC6791V6, &m->rfc6791v6)) ||
	    nla_put_u32(msg, V6GW_SIIT_A_LOWEST_IPV6_MTU, m->lowest_ipv6_mtu) ||
	    nla_put_u8(msg, V6GW_SIIT_A_AMEND_UDP_ZERO,
		       !!(m->flags & V6GW_MAP_AMEND_UDP0)) ||
	    nla_put_u16(msg, V6GW_SIIT_A_TOS, m->flags & V6GW_MAP_TOS_SET ?
			m->tos : V6GW_SIIT_COPY) ||
	    nla_put_u16(msg, V6GW_SIIT_A_TCLASS,
			m->flags & V6GW_MAP_TCLASS_SET ?
			m->tclass : V6GW_SIIT_COPY)) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

int v6gw_nl_siit_get(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct sk_buff *msg;
	struct v6gw_map m;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &v6gw_family, 0, V6GW_CMD_SIIT_GET);
	v6gw_siit_settings_get(vn, &m);
	if (!hdr || v6gw_nl_siit_put(msg, &m)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}
