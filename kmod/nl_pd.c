// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink for DHCPv6 prefix delegation: V6GW_CMD_PD_NEW, _DEL, _FLUSH,
 * _GET, _SNOOP_SET, _SNOOP_GET, and the V6GW_CMD_PD_EVENT messages.
 */
#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <linux/timekeeping.h>
#include <net/addrconf.h>
#include <net/sock.h>

#include "netlink.h"
#include "pd.h"
#include "txn.h"

static const struct nla_policy v6gw_pd_policy[V6GW_PD_A_MAX + 1] = {
	[V6GW_PD_A_PREFIX] = NLA_POLICY_NESTED(v6gw_prefix_policy),
	[V6GW_PD_A_VIA] = NLA_POLICY_EXACT_LEN(16),
	[V6GW_PD_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[V6GW_PD_A_IFNAME] = { .type = NLA_REJECT },
	[V6GW_PD_A_VALID] = NLA_POLICY_MIN(NLA_U32, 1),
	[V6GW_PD_A_PREFERRED] = { .type = NLA_U32 },
	[V6GW_PD_A_VALID_UNTIL] = { .type = NLA_REJECT },
	[V6GW_PD_A_PREFERRED_UNTIL] = { .type = NLA_REJECT },
	[V6GW_PD_A_ORIGIN] = { .type = NLA_REJECT },
	[V6GW_PD_A_EVENT] = { .type = NLA_REJECT },
	[V6GW_PD_A_PAD] = { .type = NLA_REJECT },
};

static const struct nla_policy v6gw_pd_snoop_policy[V6GW_PD_SNOOP_A_MAX + 1] = {
	[V6GW_PD_SNOOP_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[V6GW_PD_SNOOP_A_IFNAME] = { .type = NLA_REJECT },
	[V6GW_PD_SNOOP_A_ENABLE] = NLA_POLICY_MAX(NLA_U8, 1),
};

const struct nla_policy v6gw_pd_req_policy[V6GW_A_MAX + 1] = {
	[V6GW_A_PD] = NLA_POLICY_NESTED(v6gw_pd_policy),
};

const struct nla_policy v6gw_pd_snoop_req_policy[V6GW_A_MAX + 1] = {
	[V6GW_A_PD_SNOOP] = NLA_POLICY_NESTED(v6gw_pd_snoop_policy),
};

/* The table, created on first use when @create. */
static struct v6gw_pd_table *v6gw_nl_pd_table(struct v6gw_net *vn,
					      bool create)
{
	struct v6gw_pd_table *pd;

	mutex_lock(&vn->lock);
	pd = v6gw_pd_table_get(vn, create);
	mutex_unlock(&vn->lock);
	return pd;
}

/*
 * In the caller's transaction the change is queued for the commit (1);
 * 0: no transaction, apply it now; < 0: refused.
 */
static int v6gw_nl_pd_stage(struct v6gw_net *vn, struct genl_info *info,
			    const struct v6gw_pd_req *r,
			    enum v6gw_txn_pd_kind kind, bool exists)
{
	int err;

	mutex_lock(&vn->lock);
	err = v6gw_txn_gate(vn, info);
	if (!err && v6gw_txn_of(vn))
		err = v6gw_txn_pd(vn, r, kind, exists, info->snd_seq) ?: 1;
	mutex_unlock(&vn->lock);
	return err;
}

static int v6gw_pd_nop(void *arg, const struct v6gw_pd_req *r)
{
	return 0;
}

/* Is there a delegation of @key now? */
static bool v6gw_nl_pd_exists(struct v6gw_pd_table *pd,
			      const struct v6gw_pd_key *key)
{
	int err;

	if (!pd)
		return false;
	mutex_lock(&pd->lock);
	err = v6gw_pd_images(pd, key, v6gw_pd_nop, NULL);
	mutex_unlock(&pd->lock);
	return !err;
}

static int v6gw_nl_pd_parse(struct genl_info *info, struct v6gw_pd_req *r,
			    bool full)
{
	struct nlattr *tb[V6GW_PD_A_MAX + 1], *nest = info->attrs[V6GW_A_PD];
	struct netlink_ext_ack *extack = info->extack;
	struct v6gw_prefix6 p;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, V6GW_A_PD)) {
		NL_SET_ERR_MSG(extack, "a delegation is required");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, V6GW_PD_A_MAX, nest, v6gw_pd_policy,
			       extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, V6GW_PD_A_PREFIX)) {
		NL_SET_ERR_MSG(extack, "a delegation needs a prefix");
		return -EINVAL;
	}
	err = v6gw_nl_parse_prefix6(tb[V6GW_PD_A_PREFIX], &p, false, extack);
	if (err)
		return err;
	if (!p.len) {
		NL_SET_ERR_MSG_ATTR(extack, tb[V6GW_PD_A_PREFIX],
				    "a delegated prefix cannot be ::/0");
		return -EINVAL;
	}
	memset(r, 0, sizeof(*r));
	memcpy(r->key.addr, p.addr, 16);
	r->key.len = p.len;
	if (!full) {
		int i;

		for (i = V6GW_PD_A_VIA; i <= V6GW_PD_A_MAX; i++) {
			if (tb[i]) {
				NL_SET_ERR_MSG_ATTR(extack, tb[i],
						    "del takes only the prefix");
				return -EINVAL;
			}
		}
		return 0;
	}
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, V6GW_PD_A_VIA) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, V6GW_PD_A_IFINDEX)) {
		NL_SET_ERR_MSG(extack,
			       "a delegation needs a router (via) and an interface");
		return -EINVAL;
	}
	nla_memcpy(r->via, tb[V6GW_PD_A_VIA], 16);
	if (!(ipv6_addr_type((struct in6_addr *)r->via) & IPV6_ADDR_LINKLOCAL) ||
	    !(ipv6_addr_type((struct in6_addr *)r->via) & IPV6_ADDR_UNICAST)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[V6GW_PD_A_VIA],
				    "via must be a link-local unicast address");
		return -EINVAL;
	}
	r->ifindex = nla_get_u32(tb[V6GW_PD_A_IFINDEX]);
	r->valid = tb[V6GW_PD_A_VALID] ?
		   nla_get_u32(tb[V6GW_PD_A_VALID]) : U32_MAX;
	r->preferred = tb[V6GW_PD_A_PREFERRED] ?
		       nla_get_u32(tb[V6GW_PD_A_PREFERRED]) : r->valid;
	if (r->preferred > r->valid) {
		NL_SET_ERR_MSG_ATTR(extack, tb[V6GW_PD_A_PREFERRED],
				    "the preferred lifetime exceeds the valid one");
		return -EINVAL;
	}
	r->origin = V6GW_PD_ORIGIN_USER;
	r->op = V6GW_PD_OP_SET;
	return 0;
}

int v6gw_nl_pd_new(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct v6gw_pd_table *pd;
	struct v6gw_pd_req r;
	const char *why = NULL;
	bool exists;
	int err;

	err = v6gw_nl_pd_parse(info, &r, true);
	if (err)
		return err;
	rcu_read_lock();
	exists = dev_get_by_index_rcu(vn->net, r.ifindex);
	rcu_read_unlock();
	if (!exists) {
		NL_SET_ERR_MSG(info->extack, "no such interface");
		return -ENODEV;
	}
	err = v6gw_nl_pd_stage(vn, info, &r, V6GW_TXN_PD_SET, false);
	if (err)
		goto staged;
	pd = v6gw_nl_pd_table(vn, true);
	if (!pd)
		return -ENOMEM;
	mutex_lock(&pd->lock);
	err = v6gw_pd_apply(pd, &r, &why);
	mutex_unlock(&pd->lock);
	if (why)
		v6gw_extack_set(info->extack, info->attrs[V6GW_A_PD], why);
staged:
	if (err > 0)
		err = 0;
	if (!err)
		v6gw_nl_notify(info);
	return err;
}

int v6gw_nl_pd_del(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct v6gw_pd_table *pd;
	struct v6gw_pd_req r;
	int err;

	err = v6gw_nl_pd_parse(info, &r, false);
	if (err)
		return err;
	pd = v6gw_nl_pd_table(vn, false);
	err = v6gw_nl_pd_stage(vn, info, &r, V6GW_TXN_PD_DEL,
			       v6gw_nl_pd_exists(pd, &r.key));
	if (!err) {
		err = -ENOENT;
		if (pd) {
			mutex_lock(&pd->lock);
			err = v6gw_pd_del(pd, &r.key);
			mutex_unlock(&pd->lock);
		}
		if (err && err != -ENOENT)
			NL_SET_ERR_MSG(info->extack,
				       "the route could not be removed: the delegation stays");
	} else if (err > 0) {
		err = 0;
	}
	if (err == -ENOENT)
		NL_SET_ERR_MSG(info->extack, "no such delegation");
	if (!err)
		v6gw_nl_notify(info);
	return err;
}

int v6gw_nl_pd_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	struct v6gw_pd_table *pd = v6gw_nl_pd_table(vn, false);
	int err = v6gw_nl_pd_stage(vn, info, NULL, V6GW_TXN_PD_FLUSH, true);

	if (err < 0)
		return err;
	if (pd && !err) {
		mutex_lock(&pd->lock);
		v6gw_pd_flush(pd);
		mutex_unlock(&pd->lock);
	}
	v6gw_nl_notify(info);
	return 0;
}

/*
 * Seconds left of @end (boot-time seconds), and its Unix time; U32_MAX
 * and 0 when infinite. The Unix time is @end plus the offset of the real
 * clock from the boot-time one, rounded, so that it does not move by a
 * second from one dump to the next.
 */
static u32 v6gw_pd_left(u64 end, u64 now, u64 *until)
{
	s64 off = ktime_get_real_ns() - ktime_get_boottime_ns();

	if (end == V6GW_PD_INFINITE) {
		*until = 0;
		return U32_MAX;
	}
	*until = end + div_s64(off + NSEC_PER_SEC / 2, NSEC_PER_SEC);
	return min_t(u64, end > now ? end - now : 0, U32_MAX - 1);
}

static int v6gw_nl_pd_put(struct sk_buff *skb, const struct v6gw_pd *e,
			  struct net *net, int event)
{
	u64 now = ktime_get_boottime_seconds(), vu, pu;
	u32 valid = v6gw_pd_left(READ_ONCE(e->valid_end), now, &vu);
	u32 pref = v6gw_pd_left(READ_ONCE(e->pref_end), now, &pu);
	struct v6gw_prefix6 p;
	struct net_device *dev;
	struct nlattr *nest;

	memcpy(p.addr, e->key.addr, 16);
	p.len = e->key.len;
	nest = nla_nest_start(skb, V6GW_A_PD);
	if (!nest)
		return -EMSGSIZE;
	if ((event && nla_put_u8(skb, V6GW_PD_A_EVENT, event)) ||
	    v6gw_nl_put_prefix6(skb, V6GW_PD_A_PREFIX, &p) ||
	    nla_put(skb, V6GW_PD_A_VIA, 16, e->via) ||
	    nla_put_u32(skb, V6GW_PD_A_IFINDEX, e->ifindex) ||
	    nla_put_u32(skb, V6GW_PD_A_VALID, valid) ||
	    nla_put_u32(skb, V6GW_PD_A_PREFERRED, min(pref, valid)) ||
	    (vu && nla_put_u64_64bit(skb, V6GW_PD_A_VALID_UNTIL, vu,
				     V6GW_PD_A_PAD)) ||
	    (pu && nla_put_u64_64bit(skb, V6GW_PD_A_PREFERRED_UNTIL,
				     min(pu, vu ? vu : pu), V6GW_PD_A_PAD)) ||
	    nla_put_u8(skb, V6GW_PD_A_ORIGIN, e->origin))
		goto fail;
	rcu_read_lock();
	dev = dev_get_by_index_rcu(net, e->ifindex);
	if (dev && nla_put_string(skb, V6GW_PD_A_IFNAME, dev->name)) {
		rcu_read_unlock();
		goto fail;
	}
	rcu_read_unlock();
	nla_nest_end(skb, nest);
	return 0;
fail:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* Under pd->lock, in process context. */
void v6gw_nl_pd_event(struct v6gw_pd_table *pd, u8 type,
		      const struct v6gw_pd *e)
{
	struct net *net = pd->vn->net;
	struct sk_buff *skb;
	void *hdr;

	skb = v6gw_nl_event_new(net, V6GW_CMD_PD_EVENT, GFP_KERNEL, &hdr);
	if (skb)
		v6gw_nl_event_send(net, skb, hdr,
				   v6gw_nl_pd_put(skb, e, net, type),
				   GFP_KERNEL);
}

/* The dump walks the table under RCU from .start to .done. */
struct v6gw_pd_walk {
	struct rhashtable_iter it;
	bool started;
	bool pending;		/* the last entry did not fit */
};

int v6gw_nl_pd_start(struct netlink_callback *cb)
{
	struct v6gw_net *vn = v6gw_pernet(sock_net(cb->skb->sk));
	struct v6gw_pd_table *pd = v6gw_nl_pd_table(vn, false);
	struct v6gw_pd_walk *w = kzalloc(sizeof(*w), GFP_KERNEL);

	if (!w)
		return -ENOMEM;
	if (pd) {
		rhashtable_walk_enter(&pd->table, &w->it);
		w->started = true;
	}
	cb->args[0] = (unsigned long)w;
	return 0;
}

int v6gw_nl_pd_done(struct netlink_callback *cb)
{
	struct v6gw_pd_walk *w = (struct v6gw_pd_walk *)cb->args[0];

	if (w && w->started)
		rhashtable_walk_exit(&w->it);
	kfree(w);
	return 0;
}

int v6gw_nl_pd_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct v6gw_pd_walk *w = (struct v6gw_pd_walk *)cb->args[0];
	struct net *net = sock_net(cb->skb->sk);

	if (!w || !w->started)
		return 0;
	rhashtable_walk_start(&w->it);
	for (;;) {
		struct v6gw_pd *e = w->pending ? rhashtable_walk_peek(&w->it) :
					     rhashtable_walk_next(&w->it);
		void *hdr;

		w->pending = false;
		if (IS_ERR(e)) {
			if (PTR_ERR(e) == -EAGAIN)
				continue;
			break;
		}
		if (!e)
			break;
		hdr = v6gw_nl_dump_put(skb, cb, V6GW_CMD_PD_GET);
		if (!hdr || v6gw_nl_pd_put(skb, e, net, 0)) {
			if (hdr)
				genlmsg_cancel(skb, hdr);
			w->pending = true;
			break;
		}
		genlmsg_end(skb, hdr);
	}
	rhashtable_walk_stop(&w->it);
	return skb->len;
}

/* Snooping ------------------------------------------------------------------ */

int v6gw_nl_pd_snoop_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[V6GW_PD_SNOOP_A_MAX + 1];
	struct nlattr *nest = info->attrs[V6GW_A_PD_SNOOP];
	struct v6gw_net *vn = v6gw_nl_vn(info);
	const char *why = NULL;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, V6GW_A_PD_SNOOP)) {
		NL_SET_ERR_MSG(info->extack, "a snooping setting is required");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, V6GW_PD_SNOOP_A_MAX, nest,
			       v6gw_pd_snoop_policy, info->extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, nest, tb, V6GW_PD_SNOOP_A_IFINDEX) ||
	    NL_REQ_ATTR_CHECK(info->extack, nest, tb, V6GW_PD_SNOOP_A_ENABLE)) {
		NL_SET_ERR_MSG(info->extack,
			       "snooping needs an interface and on or off");
		return -EINVAL;
	}
	rtnl_lock();
	mutex_lock(&vn->lock);
	err = v6gw_txn_gate(vn, info);
	if (!err && v6gw_txn_of(vn)) {
		err = v6gw_txn_snoop_set(vn,
					 nla_get_u32(tb[V6GW_PD_SNOOP_A_IFINDEX]),
					 nla_get_u8(tb[V6GW_PD_SNOOP_A_ENABLE]),
					 info->snd_seq);
		if (err == -ENODEV)
			why = "no such interface";
	} else if (!err) {
		err = v6gw_pd_snoop_set(vn,
					nla_get_u32(tb[V6GW_PD_SNOOP_A_IFINDEX]),
					nla_get_u8(tb[V6GW_PD_SNOOP_A_ENABLE]),
					&why);
	}
	mutex_unlock(&vn->lock);
	rtnl_unlock();
	if (why)
		v6gw_extack_set(info->extack, nest, why);
	if (!err)
		v6gw_nl_notify(info);
	return err;
}

int v6gw_nl_pd_snoop_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct v6gw_net *vn = v6gw_pernet(sock_net(cb->skb->sk));
	struct v6gw_pd_table *pd;
	struct v6gw_pd_snoop *sn;
	long i = 0;

	rtnl_lock();
	mutex_lock(&vn->lock);
	pd = v6gw_pd_table_get(vn, false);
	if (!pd)
		goto out;
	list_for_each_entry(sn, &pd->snoops, node) {
		struct nlattr *nest;
		void *hdr;

		if (i++ < cb->args[0])
			continue;
		hdr = v6gw_nl_dump_put(skb, cb, V6GW_CMD_PD_SNOOP_GET);
		if (!hdr)
			break;
		nest = nla_nest_start(skb, V6GW_A_PD_SNOOP);
		if (!nest ||
		    nla_put_u32(skb, V6GW_PD_SNOOP_A_IFINDEX, sn->dev->ifindex) ||
		    nla_put_string(skb, V6GW_PD_SNOOP_A_IFNAME, sn->dev->name)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		nla_nest_end(skb, nest);
		genlmsg_end(skb, hdr);
		cb->args[0] = i;
	}
out:
	mutex_unlock(&vn->lock);
	rtnl_unlock();
	return skb->len;
}
