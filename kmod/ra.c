// SPDX-License-Identifier: GPL-2.0
/*
 * Router Advertisement option injection: rules and hooks (see ra.h).
 *
 * Why not the interface's netfilter egress hook, which would see every
 * frame leaving one interface: measured (bench/README.md), its path in
 * __dev_queue_xmit() costs a routed packet about 105 instructions before
 * any hook runs (2.4 % of forwarding), and turning it on costs every
 * interface of every namespace. LOCAL_OUT and the bridge's hooks are
 * never on a routed packet's path.
 */
#include <linux/icmpv6.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/netfilter_bridge.h>
#include <linux/netfilter_ipv6.h>
#include <net/ndisc.h>

#include "ra.h"
#include "txn.h"
#include "stats.h"

static_assert(V6GW_RA_RDNSS_N == V6GW_RA_RDNSS_MAX);
static_assert(V6GW_RA_DNSSL_N == V6GW_RA_DNSSL_MAX);
static_assert(V6GW_RA_DNSSL_WIRE == V6GW_RA_DNSSL_WIRE_MAX);
static_assert(V6GW_RA_ADD == V6GW_RA_MODE_ADD);
static_assert(V6GW_RA_REPLACE == V6GW_RA_MODE_REPLACE);

static const enum v6gw_stat v6gw_ra_verdict_stat[] = {
	[V6GW_RA_DONE] = V6GW_STAT_RA_REWRITTEN,
	[V6GW_RA_SAME] = V6GW_STAT_RA_UNCHANGED,
	[V6GW_RA_MALFORMED] = V6GW_STAT_RA_MALFORMED,
	[V6GW_RA_TOO_BIG] = V6GW_STAT_RA_TOO_BIG,
	[V6GW_RA_NOROOM] = V6GW_STAT_RA_NOMEM,
};

/* The rule of @ifindex, under RCU (hooks) or the lock. */
static struct v6gw_ra_rule *v6gw_ra_lookup(struct v6gw_net *vn, int ifindex)
{
	struct v6gw_ra_rule *r;

	list_for_each_entry_rcu(r, &vn->ra_rules, node,
				lockdep_is_held(&vn->lock))
		if (r->ifindex == ifindex)
			return r;
	return NULL;
}

/*
 * An ICMPv6 packet leaves through @dev: rewrite it if it is an RA and
 * @dev has a rule. The packet is never dropped; what is not rewritten
 * goes on as it came.
 */
static noinline void v6gw_ra_slow(struct v6gw_net *vn, struct sk_buff *skb,
				  const struct net_device *dev)
{
	int nh = skb_network_offset(skb);
	const struct v6gw_ra_cfg *cfg;
	struct v6gw_ra_rule *r;
	enum v6gw_ra_verdict v;
	u32 len, new_len;
	u8 tbuf;
	const u8 *t;

	t = skb_header_pointer(skb, nh + sizeof(struct ipv6hdr), 1, &tbuf);
	if (!t || *t != NDISC_ROUTER_ADVERTISEMENT || skb_is_gso(skb) || !dev)
		return;
	r = v6gw_ra_lookup(vn, dev->ifindex);
	if (!r)
		return;
	cfg = rcu_dereference(r->cfg);
	len = skb->len - nh;

	if (skb_ensure_writable(skb, skb->len) ||
	    (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))) {
		v6gw_stat_inc(vn, V6GW_STAT_RA_NOMEM);
		return;
	}
	v = v6gw_ra_rewrite(skb_network_header(skb), len,
			    len + skb_tailroom(skb), READ_ONCE(dev->mtu),
			    &cfg->o, &new_len);
	if (v == V6GW_RA_NOROOM &&
	    !pskb_expand_head(skb, 0, new_len - len, GFP_ATOMIC))
		v = v6gw_ra_rewrite(skb_network_header(skb), len,
				    len + skb_tailroom(skb),
				    READ_ONCE(dev->mtu), &cfg->o, &new_len);
	if (v == V6GW_RA_NOT_RA)
		return;
	if (v == V6GW_RA_DONE) {
		if (new_len > len)
			__skb_put(skb, new_len - len);
		else
			__skb_trim(skb, skb->len - (len - new_len));
		skb->ip_summed = CHECKSUM_NONE;
	}
	v6gw_stat_inc(vn, v6gw_ra_verdict_stat[v]);
}

/*
 * Every IPv6 packet the box sends, every frame a bridge forwards or
 * floods: one test (ICMPv6?), then out. state->out is the interface the
 * packet leaves through: the route's at LOCAL_OUT, the port's on a bridge.
 */
static unsigned int v6gw_ra_hook(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	u8 buf;
	const u8 *nexthdr;

	if (skb->protocol != htons(ETH_P_IPV6))
		return NF_ACCEPT;
	nexthdr = skb_header_pointer(skb, skb_network_offset(skb) +
				     offsetof(struct ipv6hdr, nexthdr),
				     1, &buf);
	if (likely(!nexthdr || *nexthdr != IPPROTO_ICMPV6))
		return NF_ACCEPT;
	v6gw_ra_slow(v6gw_pernet(state->net), skb, state->out);
	return NF_ACCEPT;
}

static const struct nf_hook_ops v6gw_ra_ops[] = {
	{
		.hook = v6gw_ra_hook,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_LOCAL_OUT,
		.priority = NF_IP6_PRI_LAST,
	},
	{
		.hook = v6gw_ra_hook,
		.pf = NFPROTO_BRIDGE,
		.hooknum = NF_BR_FORWARD,
		.priority = NF_BR_PRI_LAST,
	},
	{
		.hook = v6gw_ra_hook,
		.pf = NFPROTO_BRIDGE,
		.hooknum = NF_BR_LOCAL_OUT,
		.priority = NF_BR_PRI_LAST,
	},
};

static void v6gw_ra_cfg_free(struct v6gw_ra_cfg *cfg)
{
	if (cfg)
		kfree_rcu(cfg, rcu);
}

/* The namespace's hooks go with its last rule; nothing runs them then. */
static void v6gw_ra_remove(struct v6gw_net *vn, struct v6gw_ra_rule *r)
{
	list_del_rcu(&r->node);
	if (!--vn->nra)
		nf_unregister_net_hooks(vn->net, v6gw_ra_ops,
					ARRAY_SIZE(v6gw_ra_ops));
	v6gw_ra_cfg_free(rcu_dereference_protected(r->cfg, true));
	kfree_rcu(r, rcu);
}

int v6gw_ra_set(struct v6gw_net *vn, int ifindex,
		const struct v6gw_ra_opts *o, const char **why)
{
	struct v6gw_ra_cfg *cfg, *old;
	struct net_device *dev;
	struct v6gw_ra_rule *r;
	int err;

	ASSERT_RTNL();
	lockdep_assert_held(&vn->lock);
	*why = v6gw_ra_opts_invalid(o);
	if (*why)
		return -EINVAL;
	dev = __dev_get_by_index(vn->net, ifindex);
	if (!dev) {
		*why = "no such interface";
		return -ENODEV;
	}
	cfg = kmalloc(sizeof(*cfg), GFP_KERNEL);
	if (!cfg)
		return -ENOMEM;
	cfg->o = *o;

	r = v6gw_ra_lookup(vn, ifindex);
	if (r) {
		old = rcu_replace_pointer(r->cfg, cfg, true);
		v6gw_ra_cfg_free(old);
		return 0;
	}
	if (vn->nra >= V6GW_RA_RULES_MAX) {
		*why = "too many RA rules in this namespace";
		err = -ENOSPC;
		goto err_cfg;
	}
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r) {
		err = -ENOMEM;
		goto err_cfg;
	}
	if (!vn->nra) {
		err = nf_register_net_hooks(vn->net, v6gw_ra_ops,
					    ARRAY_SIZE(v6gw_ra_ops));
		if (err) {
			*why = "cannot register the RA hooks";
			kfree(r);
			goto err_cfg;
		}
	}
	r->ifindex = ifindex;
	r->dev = dev;
	RCU_INIT_POINTER(r->cfg, cfg);
	list_add_tail_rcu(&r->node, &vn->ra_rules);
	vn->nra++;
	return 0;

err_cfg:
	kfree(cfg);
	return err;
}

int v6gw_ra_del(struct v6gw_net *vn, int ifindex)
{
	struct v6gw_ra_rule *r;

	ASSERT_RTNL();
	lockdep_assert_held(&vn->lock);
	r = v6gw_ra_lookup(vn, ifindex);
	if (!r)
		return -ENOENT;
	v6gw_ra_remove(vn, r);
	return 0;
}

/* Transactions (txn.c) ------------------------------------------------- */

bool v6gw_ra_exists(struct v6gw_net *vn, int ifindex)
{
	return v6gw_ra_lookup(vn, ifindex);
}

static struct v6gw_txn_ra *v6gw_ra_staged(struct v6gw_txn *t, int ifindex)
{
	struct v6gw_txn_ra *x;

	list_for_each_entry(x, &t->ra, node)
		if (x->ifindex == ifindex)
			return x;
	return NULL;
}

/*
 * The fallible half of a commit, changing nothing the data path sees:
 * the interfaces of new rules still exist, the count fits, and the hooks
 * are registered when the first rule comes. *@hooked: they were (undo
 * with v6gw_ra_txn_unprepare()). Under RTNL and vn->lock.
 */
int v6gw_ra_txn_prepare(struct v6gw_net *vn, struct v6gw_txn *t,
			bool *hooked, u32 *seq, const char **why)
{
	struct v6gw_txn_ra *x;
	struct v6gw_ra_rule *r;
	u32 n = 0;
	int err;

	*hooked = false;
	list_for_each_entry(x, &t->ra, node) {
		if (!x->set)
			continue;
		if (!__dev_get_by_index(vn->net, x->ifindex)) {
			*seq = x->seq;
			*why = "the interface of the RA rule is gone";
			return -ENODEV;
		}
		n++;
	}
	list_for_each_entry(r, &vn->ra_rules, node)
		if (!t->ra_flush && !v6gw_ra_staged(t, r->ifindex))
			n++;
	if (n > V6GW_RA_RULES_MAX) {
		*why = "too many RA rules in this namespace";
		return -ENOSPC;
	}
	if (n && !vn->nra) {
		err = nf_register_net_hooks(vn->net, v6gw_ra_ops,
					    ARRAY_SIZE(v6gw_ra_ops));
		if (err) {
			*why = "cannot register the RA hooks";
			return err;
		}
		*hooked = true;
	}
	return 0;
}

void v6gw_ra_txn_unprepare(struct v6gw_net *vn, bool hooked)
{
	if (hooked)
		nf_unregister_net_hooks(vn->net, v6gw_ra_ops,
					ARRAY_SIZE(v6gw_ra_ops));
}

/* The infallible half: new rules, new options, then removals. */
void v6gw_ra_txn_apply(struct v6gw_net *vn, struct v6gw_txn *t)
{
	struct v6gw_ra_rule *r, *tmp;
	struct v6gw_txn_ra *x;

	list_for_each_entry(x, &t->ra, node) {
		if (!x->cfg)
			continue;
		r = v6gw_ra_lookup(vn, x->ifindex);
		if (r) {
			v6gw_ra_cfg_free(rcu_replace_pointer(r->cfg, x->cfg,
							     true));
		} else {
			r = x->rule;
			x->rule = NULL;
			r->ifindex = x->ifindex;
			r->dev = __dev_get_by_index(vn->net, x->ifindex);
			RCU_INIT_POINTER(r->cfg, x->cfg);
			list_add_tail_rcu(&r->node, &vn->ra_rules);
			vn->nra++;
		}
		x->cfg = NULL;		/* the rule's now; x->set stays */
	}
	list_for_each_entry_safe(r, tmp, &vn->ra_rules, node) {
		x = v6gw_ra_staged(t, r->ifindex);
		if (x ? !x->set : t->ra_flush)
			v6gw_ra_remove(vn, r);
	}
}

/* Set while the module unloads: the family is gone, tell nobody. */
static bool v6gw_ra_quiet;

/*
 * An interface leaves the namespace (unregistered, or moved to another
 * one: NETDEV_UNREGISTER in both cases): its rule goes with it.
 */
static int v6gw_ra_netdev_event(struct notifier_block *nb,
				unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct v6gw_net *vn;
	struct v6gw_ra_rule *r;

	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;
	vn = v6gw_pernet(dev_net(dev));
	mutex_lock(&vn->lock);
	r = v6gw_ra_lookup(vn, dev->ifindex);
	if (r && r->dev == dev) {
		v6gw_ra_remove(vn, r);
		if (!v6gw_ra_quiet)
			v6gw_nl_ra_gone(vn->net, dev->ifindex, dev->name);
	}
	mutex_unlock(&vn->lock);
	return NOTIFY_DONE;
}

static struct notifier_block v6gw_ra_notifier = {
	.notifier_call = v6gw_ra_netdev_event,
};

void v6gw_ra_netns_init(struct v6gw_net *vn)
{
	INIT_LIST_HEAD(&vn->ra_rules);
	vn->nra = 0;
}

/*
 * Every interface of a dying namespace has left it (NETDEV_UNREGISTER)
 * before the subsystems' exit runs, so no rule is left; be safe anyway.
 */
void v6gw_ra_netns_exit(struct v6gw_net *vn)
{
	struct v6gw_ra_rule *r, *tmp;

	if (list_empty(&vn->ra_rules))
		return;
	rtnl_lock();
	mutex_lock(&vn->lock);
	list_for_each_entry_safe(r, tmp, &vn->ra_rules, node) {
		WARN_ON_ONCE(1);
		v6gw_ra_remove(vn, r);
	}
	mutex_unlock(&vn->lock);
	rtnl_unlock();
}

/* After the namespaces' state exists, before the family does. */
int __init v6gw_ra_init(void)
{
	return register_netdevice_notifier(&v6gw_ra_notifier);
}

/*
 * After the family is gone, before the namespaces' state is: unregistering
 * the notifier replays NETDEV_UNREGISTER for every interface of every
 * namespace, which removes every rule.
 */
void v6gw_ra_uninit(void)
{
	v6gw_ra_quiet = true;
	unregister_netdevice_notifier(&v6gw_ra_notifier);
}
