// SPDX-License-Identifier: GPL-2.0
/*
 * Netfilter hooks, registered per network namespace and only while that
 * namespace has something configured, so an unconfigured namespace pays
 * nothing.
 *
 * Priorities: both hooks sit in PRE_ROUTING at NF_IP_PRI_NAT_DST + 25
 * (-75): after defragmentation (-400) and connection tracking (-200), and
 * after destination NAT (-100), so iptables/nftables DNAT rules apply
 * before translation (the placement Jool uses too). Verdict rule: a packet
 * that v6gw does not translate is returned NF_ACCEPT untouched; a packet
 * it takes is either re-injected in the other family and NF_STOLEN, or
 * dropped with NF_DROP after its drop counter is incremented.
 *
 * The translation itself is in datapath.c.
 */
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <net/netfilter/ipv4/nf_defrag_ipv4.h>
#include <net/netfilter/ipv6/nf_defrag_ipv6.h>

#include "nat64.h"
#include "stats.h"
#include "v6gw.h"

/* The NAT64 configuration, when there is one. */
static const struct v6gw_nat64_cfg *v6gw_hook_nat64(struct v6gw_net *vn)
{
	struct v6gw_nat64 *nat = READ_ONCE(vn->nat64);

	return nat ? rcu_dereference(nat->cfg) : NULL;
}

/*
 * Hooks run under rcu_read_lock(): the snapshots live until they return.
 * Order: NAT64 (its prefixes; its pool4 addresses, which may be this
 * router's own), then the CLAT (the island's traffic), then SIIT.
 */
static unsigned int v6gw_hook_ipv6(void *priv, struct sk_buff *skb,
				   const struct nf_hook_state *state)
{
	struct v6gw_net *vn = v6gw_pernet(state->net);
	const struct v6gw_siit *s = rcu_dereference(vn->siit);
	const struct v6gw_nat64_cfg *n = v6gw_hook_nat64(vn);
	const struct v6gw_clat *c = rcu_dereference(vn->clat);
	const u8 *dst = ipv6_hdr(skb)->daddr.s6_addr;

	v6gw_stat_inc(vn, V6GW_STAT_IPV6_IN);
	/* NAT64 prefixes and the SIIT prefix are disjoint */
	if (n && v6gw_nat64_dst6(n, dst))
		return v6gw_nat64_ipv6(vn, n, skb, state);
	/* a CLAT that knows no PLAT prefix yet translates nothing */
	if (c && c->xlat && v6gw_clat_takes6(&c->eam, dst))
		return v6gw_clat_ipv6(vn, c, skb, state);
	if (!s) {
		v6gw_stat_inc(vn, V6GW_STAT_IPV6_PASS);
		return NF_ACCEPT;
	}
	return v6gw_xlat_ipv6(vn, s, skb, state);
}

static unsigned int v6gw_hook_ipv4(void *priv, struct sk_buff *skb,
				   const struct nf_hook_state *state)
{
	struct v6gw_net *vn = v6gw_pernet(state->net);
	const struct v6gw_siit *s = rcu_dereference(vn->siit);
	const struct v6gw_nat64_cfg *n = v6gw_hook_nat64(vn);
	const struct v6gw_clat *c = rcu_dereference(vn->clat);
	const struct iphdr *iph = ip_hdr(skb);

	v6gw_stat_inc(vn, V6GW_STAT_IPV4_IN);
	/* pool4 addresses belong to NAT64, never to SIIT's or the CLAT's */
	if (n && v6gw_nat64_dst4(n, (const u8 *)&iph->daddr))
		return v6gw_nat64_ipv4(vn, n, skb, state);
	if (c && c->xlat &&
	    v6gw_clat_takes4(&c->addrs, (const u8 *)&iph->saddr,
			     (const u8 *)&iph->daddr))
		return v6gw_clat_ipv4(vn, c, skb, state);
	if (!s) {
		v6gw_stat_inc(vn, V6GW_STAT_IPV4_PASS);
		return NF_ACCEPT;
	}
	return v6gw_xlat_ipv4(vn, s, skb, state);
}

static const struct nf_hook_ops v6gw_hook_ops[] = {
	{
		.hook = v6gw_hook_ipv6,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = NF_IP6_PRI_NAT_DST + 25,
	},
	{
		.hook = v6gw_hook_ipv4,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = NF_IP_PRI_NAT_DST + 25,
	},
};

/*
 * NAT64 keeps state per flow and needs whole datagrams, and the CLAT
 * needs whole ICMP messages (an ICMPv6 checksum covers the whole message
 * and changes in translation: the PLAT sends large echo replies as IPv6
 * fragments): while either is active the namespace reassembles fragments
 * (nf_defrag, before these hooks).
 */
static int v6gw_defrag_sync(struct v6gw_net *vn)
{
	bool want = v6gw_nat64_active(vn) || v6gw_clat_configured(vn);
	int err;

	if (want == vn->defrag)
		return 0;
	if (!want) {
		nf_defrag_ipv6_disable(vn->net);
		nf_defrag_ipv4_disable(vn->net);
		vn->defrag = false;
		return 0;
	}
	err = nf_defrag_ipv4_enable(vn->net);
	if (err)
		return err;
	err = nf_defrag_ipv6_enable(vn->net);
	if (err) {
		nf_defrag_ipv4_disable(vn->net);
		return err;
	}
	vn->defrag = true;
	return 0;
}

/**
 * v6gw_hooks_sync() - register or unregister the namespace's hooks
 * @vn: the namespace, configuration lock held
 *
 * Hooks are wanted exactly while something is configured.
 *
 * Return: 0, or the error of nf_register_net_hooks().
 */
int v6gw_hooks_sync(struct v6gw_net *vn)
{
	bool want = v6gw_siit_configured(vn) || v6gw_nat64_active(vn) ||
		    v6gw_clat_configured(vn);
	int err;

	lockdep_assert_held(&vn->lock);
	err = v6gw_defrag_sync(vn);
	if (err)
		return err;
	if (want == vn->hooks_registered)
		return 0;
	if (!want) {
		v6gw_hooks_unregister(vn);
		return 0;
	}
	err = nf_register_net_hooks(vn->net, v6gw_hook_ops,
				    ARRAY_SIZE(v6gw_hook_ops));
	if (err)
		return err;
	vn->hooks_registered = true;
	return 0;
}

void v6gw_hooks_unregister(struct v6gw_net *vn)
{
	lockdep_assert_held(&vn->lock);
	if (vn->defrag) {
		nf_defrag_ipv6_disable(vn->net);
		nf_defrag_ipv4_disable(vn->net);
		vn->defrag = false;
	}
	if (!vn->hooks_registered)
		return;
	nf_unregister_net_hooks(vn->net, v6gw_hook_ops,
				ARRAY_SIZE(v6gw_hook_ops));
	vn->hooks_registered = false;
}
