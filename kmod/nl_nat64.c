// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink handlers of the stateful translator: prefixes, pool4,
 * BIB, sessions, settings and data-path events. The contract is the
 * "Stateful NAT64" section of uapi/linux/v6gw.h.
 */
#include <linux/rhashtable.h>
#include <net/sock.h>

#include "compat/genl_dump.h"
#include "nat64.h"
#include "netlink.h"
#include "txn.h"

static const struct nla_policy v6gw_pool4_policy[V6GW_POOL4_A_MAX + 1] = {
	[V6GW_POOL4_A_PREFIX4] = NLA_POLICY_NESTED(v6gw_prefix4_policy),
	[V6GW_POOL4_A_PROTO] = { .type = NLA_U8 },
	[V6GW_POOL4_A_PORT_MIN] = { .type = NLA_U16 },
	[V6GW_POOL4_A_PORT_MAX] = { .type = NLA_U16 },
};

static const struct nla_policy v6gw_bib_policy[V6GW_BIB_A_MAX + 1] = {
	[V6GW_BIB_A_PROTO] = { .type = NLA_U8 },
	[V6GW_BIB_A_ADDR6] = NLA_POLICY_EXACT_LEN(16),
	[V6GW_BIB_A_PORT6] = { .type = NLA_U16 },
	[V6GW_BIB_A_ADDR4] = NLA_POLICY_EXACT_LEN(4),
	[V6GW_BIB_A_PORT4] = { .type = NLA_U16 },
	[V6GW_BIB_A_STATIC] = { .type = NLA_REJECT },
	[V6GW_BIB_A_SESSIONS] = { .type = NLA_REJECT },
};

static const struct nla_policy v6gw_session_policy[V6GW_SESSION_A_MAX + 1] = {
	[V6GW_SESSION_A_PROTO] = { .type = NLA_U8 },
	[V6GW_SESSION_A_ADDR6] = NLA_POLICY_EXACT_LEN(16),
	[V6GW_SESSION_A_ADDR4] = NLA_POLICY_EXACT_LEN(4),
	[V6GW_SESSION_A_SRC6] = { .type = NLA_REJECT },
	[V6GW_SESSION_A_SPORT6] = { .type = NLA_REJECT },
	[V6GW_SESSION_A_DST6] = { .type = NLA_REJECT },
	[V6GW_SESSION_A_DPORT6] = { .type = NLA_REJECT },
	[V6GW_SESSION_A_SRC4] = { .type = NLA_REJECT },
	[V6GW_SESSION_A_SPORT4] = { .type = NLA_REJECT },
	[V6GW_SESSION_A_DST4] = { .type = NLA_REJECT },
	[V6GW_SESSION_A_DPORT4] = { .type = NLA_REJECT },
	[V6GW_SESSION_A_STATE] = { .type = NLA_REJECT },
	[V6GW_SESSION_A_EXPIRES] = { .type = NLA_REJECT },
};

static struct netlink_range_validation v6gw_timeout_range = {
	.min = 1,
	.max = 1U << 31,
};

static struct netlink_range_validation v6gw_udp_range = {
	.min = 120,
	.max = 1U << 31,
};

static const struct nla_policy v6gw_nat64_policy[V6GW_NAT64_A_MAX + 1] = {
	[V6GW_NAT64_A_TCP_EST] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &v6gw_timeout_range),
	[V6GW_NAT64_A_TCP_TRANS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &v6gw_timeout_range),
	[V6GW_NAT64_A_UDP] = NLA_POLICY_FULL_RANGE(NLA_U32, &v6gw_udp_range),
	[V6GW_NAT64_A_ICMP] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &v6gw_timeout_range),
	[V6GW_NAT64_A_TCP_SYN] = NLA_POLICY_RANGE(NLA_U32, 1, 60),
	[V6GW_NAT64_A_FILTERING] = NLA_POLICY_MAX(NLA_U8,
						  V6GW_NAT64_FILTER_ADDRESS),
	[V6GW_NAT64_A_MAX_SESSIONS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &v6gw_timeout_range),
	[V6GW_NAT64_A_WKPF_STRICT] = NLA_POLICY_MAX(NLA_U8, 1),
	[V6GW_NAT64_A_BIB_TCP] = { .type = NLA_REJECT },
	[V6GW_NAT64_A_BIB_UDP] = { .type = NLA_REJECT },
	[V6GW_NAT64_A_BIB_ICMP] = { .type = NLA_REJECT },
	[V6GW_NAT64_A_SESSIONS_TCP] = { .type = NLA_REJECT },
	[V6GW_NAT64_A_SESSIONS_UDP] = { .type = NLA_REJECT },
	[V6GW_NAT64_A_SESSIONS_ICMP] = { .type = NLA_REJECT },
};

const struct nla_policy v6gw_nat64_pool4_req_policy[V6GW_A_MAX + 1] = {
	[V6GW_A_POOL4] = NLA_POLICY_NESTED(v6gw_pool4_policy),
};

const struct nla_policy v6gw_nat64_bib_req_policy[V6GW_A_MAX + 1] = {
	[V6GW_A_BIB] = NLA_POLICY_NESTED(v6gw_bib_policy),
};

const struct nla_policy v6gw_nat64_session_req_policy[V6GW_A_MAX + 1] = {
	[V6GW_A_SESSION] = NLA_POLICY_NESTED(v6gw_session_policy),
};

const struct nla_policy v6gw_nat64_set_req_policy[V6GW_A_MAX + 1] = {
	[V6GW_A_NAT64] = NLA_POLICY_NESTED(v6gw_nat64_policy),
};

/* A protocol attribute: IPPROTO_TCP, _UDP or _ICMP. */
static int v6gw_nl_proto(const struct nlattr *a, struct netlink_ext_ack *extack)
{
	u8 p = nla_get_u8(a);

	if (v6gw_np_index(p) < 0) {
		v6gw_extack_set(extack, a,
				"the protocol must be tcp (6), udp (17) or icmp (1)");
		return -EINVAL;
	}
	return p;
}

/* Prefixes ------------------------------------------------------------------ */

static int v6gw_nl_nat64_req_prefix(struct genl_info *info,
				    struct v6gw_prefix6 *p)
{
	if (GENL_REQ_ATTR_CHECK(info, V6GW_A_PREFIX)) {
		NL_SET_ERR_MSG(info->extack, "a prefix is required");
		return -EINVAL;
	}
	return v6gw_nl_parse_prefix6(info->attrs[V6GW_A_PREFIX], p, true,
				     info->extack);
}

int v6gw_nl_nat64_prefix_new(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct v6gw_prefix6 p;
	const char *why = NULL;
	int err;

	err = v6gw_nl_nat64_req_prefix(info, &p);
	if (err)
		return err;
	err = V6GW_LOCKED(vn, info, v6gw_nat64_prefix_add(vn, &p, &why));
	if (why)
		v6gw_extack_set(info->extack, NULL, why);
	else if (err == -EEXIST)
		NL_SET_ERR_MSG(info->extack, "the prefix is configured already");
	else if (err == -ENOSPC)
		NL_SET_ERR_MSG(info->extack, "too many NAT64 prefixes");
	return err;
}

int v6gw_nl_nat64_prefix_del(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct v6gw_prefix6 p;
	int err;

	err = v6gw_nl_nat64_req_prefix(info, &p);
	if (err)
		return err;
	err = V6GW_LOCKED(vn, info, v6gw_nat64_prefix_del(vn, &p));
	if (err == -ENOENT)
		NL_SET_ERR_MSG(info->extack, "no such NAT64 prefix");
	return err;
}

int v6gw_nl_nat64_prefix_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct v6gw_net *vn = v6gw_pernet(sock_net(cb->skb->sk));
	const struct v6gw_nat64_cfg *c;
	u32 i;

	mutex_lock(&vn->lock);
	c = v6gw_nat64_cfg_locked(vn);
	for (i = cb->args[0]; c && i < c->nprefix; i++) {
		void *hdr = v6gw_nl_dump_put(skb, cb, V6GW_CMD_NAT64_PREFIX_GET);

		if (!hdr)
			break;
		if (v6gw_nl_put_prefix6(skb, V6GW_A_PREFIX, &c->prefix[i])) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	cb->args[0] = i;
	mutex_unlock(&vn->lock);
	return skb->len;
}

/* pool4 ------------------------------------------------------------------- */

static int v6gw_nl_req_pool4(struct genl_info *info, int *proto,
			     struct v6gw_pool4_entry *e)
{
	struct nlattr *tb[V6GW_POOL4_A_MAX + 1], *nest = info->attrs[V6GW_A_POOL4];
	struct v6gw_prefix4 p;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, V6GW_A_POOL4)) {
		NL_SET_ERR_MSG(info->extack, "a pool4 entry is required");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, V6GW_POOL4_A_MAX, nest, v6gw_pool4_policy,
			       info->extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, nest, tb, V6GW_POOL4_A_PREFIX4)) {
		NL_SET_ERR_MSG(info->extack, "pool4 needs IPv4 addresses");
		return -EINVAL;
	}
	err = v6gw_nl_parse_prefix4(tb[V6GW_POOL4_A_PREFIX4], &p, info->extack);
	if (err)
		return err;
	if (p.len < 24) {
		v6gw_extack_set(info->extack, tb[V6GW_POOL4_A_PREFIX4],
				"a pool4 prefix must be /24 or longer");
		return -EINVAL;
	}
	*proto = -1;
	if (tb[V6GW_POOL4_A_PROTO]) {
		err = v6gw_nl_proto(tb[V6GW_POOL4_A_PROTO], info->extack);
		if (err < 0)
			return err;
		*proto = v6gw_np_index(err);
	}
	memcpy(e->addr, p.addr, 4);
	e->plen = p.len;
	e->lo = *proto == V6GW_NP_ICMP ? 0 : 1;
	e->hi = 65535;
	if (tb[V6GW_POOL4_A_PORT_MIN])
		e->lo = nla_get_u16(tb[V6GW_POOL4_A_PORT_MIN]);
	if (tb[V6GW_POOL4_A_PORT_MAX])
		e->hi = nla_get_u16(tb[V6GW_POOL4_A_PORT_MAX]);
	if (e->lo > e->hi) {
		v6gw_extack_set(info->extack, nest,
				"the lowest port is above the highest");
		return -EINVAL;
	}
	return 0;
}

int v6gw_nl_nat64_pool4_new(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct v6gw_pool4_entry e;
	const char *why = NULL;
	int proto, err;

	err = v6gw_nl_req_pool4(info, &proto, &e);
	if (err)
		return err;
	err = V6GW_LOCKED(vn, info, v6gw_nat64_pool4_add(vn, proto, &e, &why));
	if (why)
		v6gw_extack_set(info->extack, NULL, why);
	else if (err == -ENOSPC)
		NL_SET_ERR_MSG(info->extack, "pool4 is full for the protocol");
	return err;
}

int v6gw_nl_nat64_pool4_del(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct v6gw_pool4_entry e;
	int proto, err;

	err = v6gw_nl_req_pool4(info, &proto, &e);
	if (err)
		return err;
	err = V6GW_LOCKED(vn, info, v6gw_nat64_pool4_del(vn, proto, &e));
	if (err == -ENOENT)
		NL_SET_ERR_MSG(info->extack, "no such pool4 entry");
	return err;
}

static const u8 v6gw_np_proto[V6GW_NP_COUNT] = {
	[V6GW_NP_TCP] = IPPROTO_TCP,
	[V6GW_NP_UDP] = IPPROTO_UDP,
	[V6GW_NP_ICMP] = IPPROTO_ICMP,
};

/* One message per entry and protocol, in a stable order. */
int v6gw_nl_nat64_pool4_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct v6gw_net *vn = v6gw_pernet(sock_net(cb->skb->sk));
	const struct v6gw_nat64_cfg *c;
	u32 p = cb->args[0], i = cb->args[1];

	mutex_lock(&vn->lock);
	c = v6gw_nat64_cfg_locked(vn);
	for (; c && p < V6GW_NP_COUNT; p++, i = 0) {
		for (; i < c->npool[p]; i++) {
			const struct v6gw_pool4_entry *e = &c->pool_e[p][i];
			struct v6gw_prefix4 p4;
			struct nlattr *nest;
			void *hdr;

			hdr = v6gw_nl_dump_put(skb, cb,
					       V6GW_CMD_NAT64_POOL4_GET);
			if (!hdr)
				goto out;
			memcpy(p4.addr, e->addr, 4);
			p4.len = e->plen;
			nest = nla_nest_start(skb, V6GW_A_POOL4);
			if (!nest ||
			    v6gw_nl_put_prefix4(skb, V6GW_POOL4_A_PREFIX4,
						&p4) ||
			    nla_put_u8(skb, V6GW_POOL4_A_PROTO,
				       v6gw_np_proto[p]) ||
			    nla_put_u16(skb, V6GW_POOL4_A_PORT_MIN, e->lo) ||
			    nla_put_u16(skb, V6GW_POOL4_A_PORT_MAX, e->hi)) {
				genlmsg_cancel(skb, hdr);
				goto out;
			}
			nla_nest_end(skb, nest);
			genlmsg_end(skb, hdr);
		}
	}
out:
	cb->args[0] = p;
	cb->args[1] = i;
	mutex_unlock(&vn->lock);
	return skb->len;
}

/* BIB ------------------------------------------------------------------------ */

/*
 * The V6GW_A_BIB nest of a request, parsed into @tb, with its protocol
 * (required). Return: the protocol or a negative error.
 */
static int v6gw_nl_req_bib(struct genl_info *info,
			   struct nlattr *tb[V6GW_BIB_A_MAX + 1])
{
	struct nlattr *nest = info->attrs[V6GW_A_BIB];
	int err;

	if (GENL_REQ_ATTR_CHECK(info, V6GW_A_BIB)) {
		NL_SET_ERR_MSG(info->extack, "a BIB entry is required");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, V6GW_BIB_A_MAX, nest, v6gw_bib_policy,
			       info->extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, nest, tb, V6GW_BIB_A_PROTO)) {
		NL_SET_ERR_MSG(info->extack, "the protocol is required");
		return -EINVAL;
	}
	return v6gw_nl_proto(tb[V6GW_BIB_A_PROTO], info->extack);
}

int v6gw_nl_nat64_bib_new(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct nlattr *tb[V6GW_BIB_A_MAX + 1], *nest = info->attrs[V6GW_A_BIB];
	struct v6gw_bkey6 k6 = { 0 };
	struct v6gw_bkey4 k4 = { 0 };
	const char *why = NULL;
	int err, proto;

	proto = v6gw_nl_req_bib(info, tb);
	if (proto < 0)
		return proto;
	if (NL_REQ_ATTR_CHECK(info->extack, nest, tb, V6GW_BIB_A_ADDR6) ||
	    NL_REQ_ATTR_CHECK(info->extack, nest, tb, V6GW_BIB_A_PORT6) ||
	    NL_REQ_ATTR_CHECK(info->extack, nest, tb, V6GW_BIB_A_ADDR4) ||
	    NL_REQ_ATTR_CHECK(info->extack, nest, tb, V6GW_BIB_A_PORT4)) {
		NL_SET_ERR_MSG(info->extack,
			       "a static BIB entry needs both transport addresses");
		return -EINVAL;
	}
	k6.proto = k4.proto = proto;
	nla_memcpy(k6.addr, tb[V6GW_BIB_A_ADDR6], 16);
	k6.port = nla_get_u16(tb[V6GW_BIB_A_PORT6]);
	nla_memcpy(k4.addr, tb[V6GW_BIB_A_ADDR4], 4);
	k4.port = nla_get_u16(tb[V6GW_BIB_A_PORT4]);
	err = V6GW_LOCKED(vn, info, v6gw_txn_of(vn) ?
			  v6gw_txn_bib_add(vn, &k6, &k4, info->snd_seq, &why) :
			  v6gw_nat64_bib_add(vn, &k6, &k4, &why));
	if (why)
		v6gw_extack_set(info->extack, NULL, why);
	else if (err == -EEXIST)
		NL_SET_ERR_MSG(info->extack,
			       "one of the transport addresses is bound already");
	return err;
}

int v6gw_nl_nat64_bib_del(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct nlattr *tb[V6GW_BIB_A_MAX + 1], *nest = info->attrs[V6GW_A_BIB];
	struct v6gw_bkey6 k6 = { 0 };
	struct v6gw_bkey4 k4 = { 0 };
	bool has6, has4;
	int err, proto;

	proto = v6gw_nl_req_bib(info, tb);
	if (proto < 0)
		return proto;
	has6 = tb[V6GW_BIB_A_ADDR6] && tb[V6GW_BIB_A_PORT6];
	has4 = tb[V6GW_BIB_A_ADDR4] && tb[V6GW_BIB_A_PORT4];
	if ((!has6 && !has4) ||
	    (!has6 && (tb[V6GW_BIB_A_ADDR6] || tb[V6GW_BIB_A_PORT6])) ||
	    (!has4 && (tb[V6GW_BIB_A_ADDR4] || tb[V6GW_BIB_A_PORT4]))) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "give a whole IPv6 or IPv4 transport address (address and port)");
		return -EINVAL;
	}
	k6.proto = k4.proto = proto;
	if (has6) {
		nla_memcpy(k6.addr, tb[V6GW_BIB_A_ADDR6], 16);
		k6.port = nla_get_u16(tb[V6GW_BIB_A_PORT6]);
	}
	if (has4) {
		nla_memcpy(k4.addr, tb[V6GW_BIB_A_ADDR4], 4);
		k4.port = nla_get_u16(tb[V6GW_BIB_A_PORT4]);
	}
	err = V6GW_LOCKED(vn, info, v6gw_txn_of(vn) ?
			  v6gw_txn_bib_del(vn, has6 ? &k6 : NULL,
					   has4 ? &k4 : NULL, info->snd_seq) :
			  v6gw_nat64_bib_del(vn, has6 ? &k6 : NULL,
					     has4 ? &k4 : NULL));
	if (err == -ENOENT)
		NL_SET_ERR_MSG(info->extack, "no such BIB entry");
	return err;
}

/*
 * Table dumps walk the live rhashtable with an iterator that lives from
 * .start to .done, so a million entries stream in constant memory.
 */
struct v6gw_walk {
	struct rhashtable_iter it;
	bool started;
	bool pending;			/* the last entry did not fit */
	u8 proto;			/* filter, 0: any */
	bool has6, has4;
	u8 addr6[16], addr4[4];
};

static int v6gw_walk_start(struct netlink_callback *cb, bool sessions)
{
	struct v6gw_net *vn = v6gw_pernet(sock_net(cb->skb->sk));
	struct nlattr **attrs = v6gw_dump_attrs(cb);
	struct v6gw_nat64 *nat;
	struct v6gw_walk *w;

	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w)
		return -ENOMEM;
	if (sessions && attrs[V6GW_A_SESSION]) {
		struct nlattr *tb[V6GW_SESSION_A_MAX + 1];
		int err = nla_parse_nested(tb, V6GW_SESSION_A_MAX,
					   attrs[V6GW_A_SESSION],
					   v6gw_session_policy, cb->extack);

		if (!err && tb[V6GW_SESSION_A_PROTO])
			err = v6gw_nl_proto(tb[V6GW_SESSION_A_PROTO],
					    cb->extack);
		if (err < 0) {
			kfree(w);
			return err;
		}
		if (tb[V6GW_SESSION_A_PROTO])
			w->proto = nla_get_u8(tb[V6GW_SESSION_A_PROTO]);
		if (tb[V6GW_SESSION_A_ADDR6]) {
			w->has6 = true;
			nla_memcpy(w->addr6, tb[V6GW_SESSION_A_ADDR6], 16);
		}
		if (tb[V6GW_SESSION_A_ADDR4]) {
			w->has4 = true;
			nla_memcpy(w->addr4, tb[V6GW_SESSION_A_ADDR4], 4);
		}
	} else if (!sessions && attrs[V6GW_A_BIB]) {
		struct nlattr *tb[V6GW_BIB_A_MAX + 1];
		int err = nla_parse_nested(tb, V6GW_BIB_A_MAX,
					   attrs[V6GW_A_BIB], v6gw_bib_policy,
					   cb->extack);

		if (!err && tb[V6GW_BIB_A_PROTO])
			err = v6gw_nl_proto(tb[V6GW_BIB_A_PROTO], cb->extack);
		if (err < 0) {
			kfree(w);
			return err;
		}
		if (tb[V6GW_BIB_A_PROTO])
			w->proto = nla_get_u8(tb[V6GW_BIB_A_PROTO]);
	}
	mutex_lock(&vn->lock);
	nat = vn->nat64;
	mutex_unlock(&vn->lock);
	if (nat) {
		rhashtable_walk_enter(sessions ? &nat->sess : &nat->bib6,
				      &w->it);
		w->started = true;
	}
	cb->args[0] = (unsigned long)w;
	return 0;
}

static int v6gw_walk_done(struct netlink_callback *cb)
{
	struct v6gw_walk *w = (struct v6gw_walk *)cb->args[0];

	if (w && w->started)
		rhashtable_walk_exit(&w->it);
	kfree(w);
	return 0;
}

int v6gw_nl_nat64_bib_start(struct netlink_callback *cb)
{
	return v6gw_walk_start(cb, false);
}

int v6gw_nl_nat64_session_start(struct netlink_callback *cb)
{
	return v6gw_walk_start(cb, true);
}

int v6gw_nl_nat64_walk_done(struct netlink_callback *cb)
{
	return v6gw_walk_done(cb);
}

static int v6gw_put_bib(struct sk_buff *skb, struct netlink_callback *cb,
			struct v6gw_nat64 *nat, const struct v6gw_bib *b)
{
	void *hdr = v6gw_nl_dump_put(skb, cb, V6GW_CMD_NAT64_BIB_GET);
	struct nlattr *nest;
	u32 nsess = 0;

	/* the count shares its place with the RCU head of a dead entry */
	spin_lock_bh(&nat->lock);
	if (!b->dead)
		nsess = b->nsess;
	spin_unlock_bh(&nat->lock);
	if (!hdr)
		return -EMSGSIZE;
	nest = nla_nest_start(skb, V6GW_A_BIB);
	if (!nest ||
	    nla_put_u8(skb, V6GW_BIB_A_PROTO, b->k6.proto) ||
	    nla_put(skb, V6GW_BIB_A_ADDR6, 16, b->k6.addr) ||
	    nla_put_u16(skb, V6GW_BIB_A_PORT6, b->k6.port) ||
	    nla_put(skb, V6GW_BIB_A_ADDR4, 4, b->k4.addr) ||
	    nla_put_u16(skb, V6GW_BIB_A_PORT4, b->k4.port) ||
	    nla_put_u8(skb, V6GW_BIB_A_STATIC, b->is_static) ||
	    nla_put_u32(skb, V6GW_BIB_A_SESSIONS, nsess)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
}

static int v6gw_put_sess(struct sk_buff *skb, struct netlink_callback *cb,
			 const struct v6gw_nat64_cfg *c,
			 const struct v6gw_sess *s)
{
	void *hdr = v6gw_nl_dump_put(skb, cb, V6GW_CMD_NAT64_SESSION_GET);
	const struct v6gw_bib *b = s->bib;
	unsigned long deadline = READ_ONCE(s->last) +
				 (c ? c->timeout[s->timer] : 0);
	long left = (long)(deadline - jiffies);
	struct nlattr *nest;

	if (!hdr)
		return -EMSGSIZE;
	nest = nla_nest_start(skb, V6GW_A_SESSION);
	if (!nest ||
	    nla_put_u8(skb, V6GW_SESSION_A_PROTO, b->k6.proto) ||
	    nla_put(skb, V6GW_SESSION_A_SRC6, 16, b->k6.addr) ||
	    nla_put_u16(skb, V6GW_SESSION_A_SPORT6, b->k6.port) ||
	    nla_put(skb, V6GW_SESSION_A_DST6, 16, s->rem6) ||
	    nla_put_u16(skb, V6GW_SESSION_A_DPORT6, v6gw_sess_rport6(s)) ||
	    nla_put(skb, V6GW_SESSION_A_SRC4, 4, b->k4.addr) ||
	    nla_put_u16(skb, V6GW_SESSION_A_SPORT4, b->k4.port) ||
	    nla_put(skb, V6GW_SESSION_A_DST4, 4, s->rem) ||
	    nla_put_u16(skb, V6GW_SESSION_A_DPORT4, v6gw_sess_rport4(s)) ||
	    (b->k6.proto == IPPROTO_TCP &&
	     nla_put_u8(skb, V6GW_SESSION_A_STATE, READ_ONCE(s->state))) ||
	    nla_put_u32(skb, V6GW_SESSION_A_EXPIRES,
			left > 0 ? jiffies_to_msecs(left) : 0)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
}

static bool v6gw_sess_wanted(const struct v6gw_walk *w,
			     const struct v6gw_sess *s)
{
	const struct v6gw_bib *b = s->bib;

	if (w->proto && b->k6.proto != w->proto)
		return false;
	if (w->has6 && memcmp(b->k6.addr, w->addr6, 16) &&
	    memcmp(s->rem6, w->addr6, 16))
		return false;
	if (w->has4 && memcmp(b->k4.addr, w->addr4, 4) &&
	    memcmp(s->rem, w->addr4, 4))
		return false;
	return true;
}

/*
 * The walk keeps its place between parts of the dump; an entry that did
 * not fit is taken again with rhashtable_walk_peek() in the next part.
 */
static int v6gw_walk_dump(struct sk_buff *skb, struct netlink_callback *cb,
			  bool sessions)
{
	struct v6gw_net *vn = v6gw_pernet(sock_net(cb->skb->sk));
	struct v6gw_walk *w = (struct v6gw_walk *)cb->args[0];
	const struct v6gw_nat64_cfg *c;

	if (!w || !w->started)
		return 0;
	rhashtable_walk_start(&w->it);
	c = rcu_dereference(vn->nat64->cfg);
	for (;;) {
		void *obj = w->pending ? rhashtable_walk_peek(&w->it) :
					 rhashtable_walk_next(&w->it);
		int err;

		w->pending = false;
		if (IS_ERR(obj)) {
			if (PTR_ERR(obj) == -EAGAIN)
				continue;
			break;
		}
		if (!obj)
			break;
		if (sessions) {
			const struct v6gw_sess *s = obj;

			err = v6gw_sess_dead(s) || !v6gw_sess_wanted(w, s) ? 0 :
			      v6gw_put_sess(skb, cb, c, s);
		} else {
			const struct v6gw_bib *b = obj;

			err = READ_ONCE(b->dead) ||
			      (w->proto && b->k6.proto != w->proto) ?
			      0 : v6gw_put_bib(skb, cb, vn->nat64, b);
		}
		if (err) {
			w->pending = true;	/* full: this one goes next */
			break;
		}
	}
	rhashtable_walk_stop(&w->it);
	return skb->len;
}

int v6gw_nl_nat64_bib_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return v6gw_walk_dump(skb, cb, false);
}

int v6gw_nl_nat64_session_dump(struct sk_buff *skb,
			       struct netlink_callback *cb)
{
	return v6gw_walk_dump(skb, cb, true);
}

int v6gw_nl_nat64_session_del(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	int proto = -1;

	if (info->attrs[V6GW_A_SESSION]) {
		struct nlattr *tb[V6GW_SESSION_A_MAX + 1];
		int err = nla_parse_nested(tb, V6GW_SESSION_A_MAX,
					   info->attrs[V6GW_A_SESSION],
					   v6gw_session_policy, info->extack);

		if (err)
			return err;
		if (tb[V6GW_SESSION_A_ADDR6] || tb[V6GW_SESSION_A_ADDR4]) {
			NL_SET_ERR_MSG(info->extack,
				       "a flush takes a protocol only");
			return -EINVAL;
		}
		if (tb[V6GW_SESSION_A_PROTO]) {
			proto = v6gw_nl_proto(tb[V6GW_SESSION_A_PROTO],
					      info->extack);
			if (proto < 0)
				return proto;
		}
	}
	mutex_lock(&vn->lock);
	if (vn->txn && vn->txn->portid == info->snd_portid) {
		mutex_unlock(&vn->lock);
		NL_SET_ERR_MSG(info->extack,
			       "sessions are state: not part of a transaction");
		return -EBUSY;
	}
	v6gw_nat64_flush(vn, proto);
	mutex_unlock(&vn->lock);
	v6gw_nl_notify(info);
	return 0;
}

/* Settings -------------------------------------------------------------- */

static const u8 v6gw_timeout_attr[V6GW_NTM_COUNT] = {
	[V6GW_NTM_UDP] = V6GW_NAT64_A_UDP,
	[V6GW_NTM_ICMP] = V6GW_NAT64_A_ICMP,
	[V6GW_NTM_TCP_EST] = V6GW_NAT64_A_TCP_EST,
	[V6GW_NTM_TCP_TRANS] = V6GW_NAT64_A_TCP_TRANS,
	[V6GW_NTM_TCP_SYN] = V6GW_NAT64_A_TCP_SYN,
};

int v6gw_nl_nat64_set(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct nlattr *tb[V6GW_NAT64_A_MAX + 1];
	struct v6gw_nat64_settings set;
	int err, i;

	if (GENL_REQ_ATTR_CHECK(info, V6GW_A_NAT64)) {
		NL_SET_ERR_MSG(info->extack, "settings are required");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, V6GW_NAT64_A_MAX, info->attrs[V6GW_A_NAT64],
			       v6gw_nat64_policy, info->extack);
	if (err)
		return err;
	mutex_lock(&vn->lock);
	err = v6gw_txn_gate(vn, info);
	if (err) {
		mutex_unlock(&vn->lock);
		return err;
	}
	v6gw_nat64_settings_get(vn, &set, true);
	for (i = 0; i < V6GW_NTM_COUNT; i++)
		if (tb[v6gw_timeout_attr[i]])
			set.timeout_s[i] = nla_get_u32(tb[v6gw_timeout_attr[i]]);
	if (tb[V6GW_NAT64_A_MAX_SESSIONS])
		set.max_sessions = nla_get_u32(tb[V6GW_NAT64_A_MAX_SESSIONS]);
	if (tb[V6GW_NAT64_A_FILTERING])
		set.filtering = nla_get_u8(tb[V6GW_NAT64_A_FILTERING]);
	if (tb[V6GW_NAT64_A_WKPF_STRICT])
		set.wkpf_strict = nla_get_u8(tb[V6GW_NAT64_A_WKPF_STRICT]);
	err = v6gw_nat64_settings_set(vn, &set);
	mutex_unlock(&vn->lock);
	if (!err)
		v6gw_nl_notify(info);
	return err;
}

int v6gw_nl_nat64_get(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	u32 nbib[V6GW_NP_COUNT], nsess[V6GW_NP_COUNT];
	struct v6gw_nat64_settings set;
	struct sk_buff *msg;
	struct nlattr *nest;
	void *hdr;
	int i;

	mutex_lock(&vn->lock);
	v6gw_nat64_settings_get(vn, &set, false);
	v6gw_nat64_counts(vn, nbib, nsess);
	mutex_unlock(&vn->lock);

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &v6gw_family, 0, V6GW_CMD_NAT64_GET);
	if (!hdr)
		goto nla_put_failure;
	nest = nla_nest_start(msg, V6GW_A_NAT64);
	if (!nest)
		goto nla_put_failure;
	for (i = 0; i < V6GW_NTM_COUNT; i++)
		if (nla_put_u32(msg, v6gw_timeout_attr[i], set.timeout_s[i]))
			goto nla_put_failure;
	if (nla_put_u8(msg, V6GW_NAT64_A_FILTERING, set.filtering) ||
	    nla_put_u32(msg, V6GW_NAT64_A_MAX_SESSIONS, set.max_sessions) ||
	    nla_put_u8(msg, V6GW_NAT64_A_WKPF_STRICT, set.wkpf_strict) ||
	    nla_put_u32(msg, V6GW_NAT64_A_BIB_TCP, nbib[V6GW_NP_TCP]) ||
	    nla_put_u32(msg, V6GW_NAT64_A_BIB_UDP, nbib[V6GW_NP_UDP]) ||
	    nla_put_u32(msg, V6GW_NAT64_A_BIB_ICMP, nbib[V6GW_NP_ICMP]) ||
	    nla_put_u32(msg, V6GW_NAT64_A_SESSIONS_TCP, nsess[V6GW_NP_TCP]) ||
	    nla_put_u32(msg, V6GW_NAT64_A_SESSIONS_UDP, nsess[V6GW_NP_UDP]) ||
	    nla_put_u32(msg, V6GW_NAT64_A_SESSIONS_ICMP, nsess[V6GW_NP_ICMP]))
		goto nla_put_failure;
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nla_put_failure:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/* Events ---------------------------------------------------------------- */

/* From the data path (softirq): best effort, rate-limited by the caller. */
void v6gw_nl_nat64_event(struct net *net, u8 type, u8 proto)
{
	struct nlattr *nest;
	struct sk_buff *skb;
	void *hdr;
	int err;

	skb = v6gw_nl_event_new(net, V6GW_CMD_NAT64_EVENT, GFP_ATOMIC, &hdr);
	if (!skb)
		return;
	nest = nla_nest_start(skb, V6GW_A_NAT64_EVENT);
	err = !nest || nla_put_u8(skb, V6GW_NAT64_EVENT_A_TYPE, type) ||
	      nla_put_u8(skb, V6GW_NAT64_EVENT_A_PROTO, proto);
	if (!err)
		nla_nest_end(skb, nest);
	v6gw_nl_event_send(net, skb, hdr, err, GFP_ATOMIC);
}
