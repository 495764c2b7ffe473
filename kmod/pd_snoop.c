// SPDX-License-Identifier: GPL-2.0
/*
 * Snooping DHCPv6 for prefix delegations: two netfilter hooks on each
 * snooped interface, egress (Replies and Relay-Replies the server or a
 * relay sends out of it) and ingress (Releases from the routers behind
 * it). Packets are read, never changed or dropped; what they delegate or
 * release is queued for pd->work, which changes routes in process context.
 */
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/udp.h>
#include <net/ipv6.h>

#include "core/csum.h"
#include "core/dhcp6.h"
#include "pd.h"
#include "stats.h"

/* A UDP checksum the stack has not computed yet is the box's own: trust. */
static bool v6gw_pd_csum_ok(const struct sk_buff *skb, const u8 *ip6,
			    const u8 *udp, u32 ulen)
{
	u32 sum;

	if (skb->ip_summed == CHECKSUM_PARTIAL ||
	    skb->ip_summed == CHECKSUM_UNNECESSARY)
		return true;
	sum = v6gw_csum_pseudo6(ip6 + 8, ip6 + 24, IPPROTO_UDP, ulen);
	sum = v6gw_csum_partial(udp, ulen, sum);
	return v6gw_csum_finish(sum) == 0;
}

static void v6gw_pd_learn(struct v6gw_pd_snoop *sn, const u8 *ip6,
			  const struct v6gw_dhcp6_info *info, bool egress)
{
	struct v6gw_pd_req r = {
		.ifindex = sn->dev->ifindex,
		.origin = V6GW_PD_ORIGIN_SNOOP,
	};
	const u8 *via;
	unsigned int i;

	if (egress && info->type == V6GW_DHCP6_REPLY) {
		r.op = V6GW_PD_OP_SET;
		via = info->have_peer ? info->peer : ip6 + 24;
	} else if (!egress && info->type == V6GW_DHCP6_RELEASE &&
		   !info->depth) {
		r.op = V6GW_PD_OP_RELEASE;
		via = ip6 + 8;
	} else {
		return;
	}
	if (!ipv6_addr_type((const struct in6_addr *)via) ||
	    !(ipv6_addr_type((const struct in6_addr *)via) &
	      IPV6_ADDR_LINKLOCAL)) {
		v6gw_stat_inc(sn->pd->vn, V6GW_STAT_PD_MALFORMED);
		return;
	}
	memcpy(r.via, via, 16);
	v6gw_stat_inc(sn->pd->vn, V6GW_STAT_PD_SNOOPED);
	for (i = 0; i < info->nprefix; i++) {
		const struct v6gw_dhcp6_prefix *p = &info->prefix[i];

		if (!p->len)
			continue;		/* never a default route */
		memset(&r.key, 0, sizeof(r.key));
		ipv6_addr_prefix((struct in6_addr *)r.key.addr,
				 (const struct in6_addr *)p->addr, p->len);
		r.key.len = p->len;
		r.valid = p->valid;
		r.preferred = p->preferred;
		v6gw_pd_queue(sn->pd, &r, GFP_ATOMIC);
	}
}

static noinline void v6gw_pd_snoop_packet(struct v6gw_pd_snoop *sn,
					  struct sk_buff *skb, int nh,
					  bool egress)
{
	struct v6gw_dhcp6_info info;
	const u8 *ip6, *udp;
	u32 ulen;

	if (!pskb_may_pull(skb, nh + sizeof(struct ipv6hdr) + 8))
		return;
	ip6 = skb->data + nh;
	udp = ip6 + sizeof(struct ipv6hdr);
	ulen = v6gw_get_be16(udp + 4);
	if (ulen < 8 || ulen > skb->len - nh - sizeof(struct ipv6hdr) ||
	    ulen != v6gw_get_be16(ip6 + 4)) {
		v6gw_stat_inc(sn->pd->vn, V6GW_STAT_PD_MALFORMED);
		return;
	}
	if (!pskb_may_pull(skb, nh + sizeof(struct ipv6hdr) + ulen)) {
		v6gw_stat_inc(sn->pd->vn, V6GW_STAT_PD_QUEUE_FULL);
		return;
	}
	ip6 = skb->data + nh;
	udp = ip6 + sizeof(struct ipv6hdr);
	if (!v6gw_pd_csum_ok(skb, ip6, udp, ulen)) {
		v6gw_stat_inc(sn->pd->vn, V6GW_STAT_PD_MALFORMED);
		return;
	}
	switch (v6gw_dhcp6_parse(udp + 8, ulen - 8, &info)) {
	case V6GW_DHCP6_PD:
		v6gw_pd_learn(sn, ip6, &info, egress);
		break;
	case V6GW_DHCP6_MALFORMED:
		v6gw_stat_inc(sn->pd->vn, V6GW_STAT_PD_MALFORMED);
		break;
	case V6GW_DHCP6_IGNORE:
		break;
	}
}

/* Every frame through a snooped interface: UDP to a DHCPv6 port? */
static unsigned int v6gw_pd_hook(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	bool egress = state->hook == NF_NETDEV_EGRESS;
	int nh = skb_network_offset(skb);
	struct {
		struct ipv6hdr ip6;
		struct udphdr uh;
	} buf;
	const typeof(buf) *h;
	u16 sport, dport;

	if (skb->protocol != htons(ETH_P_IPV6))
		return NF_ACCEPT;
	h = skb_header_pointer(skb, nh, sizeof(buf), &buf);
	if (!h || h->ip6.nexthdr != IPPROTO_UDP)
		return NF_ACCEPT;
	sport = ntohs(h->uh.source);
	dport = ntohs(h->uh.dest);
	if (egress ? sport == V6GW_DHCP6_SERVER_PORT &&
		     (dport == V6GW_DHCP6_CLIENT_PORT ||
		      dport == V6GW_DHCP6_SERVER_PORT) :
		     dport == V6GW_DHCP6_SERVER_PORT &&
		     sport == V6GW_DHCP6_CLIENT_PORT)
		v6gw_pd_snoop_packet(priv, skb, nh, egress);
	return NF_ACCEPT;
}

static struct v6gw_pd_snoop *v6gw_pd_snoop_find(struct v6gw_pd_table *pd,
						int ifindex)
{
	struct v6gw_pd_snoop *sn;

	list_for_each_entry(sn, &pd->snoops, node)
		if (sn->dev->ifindex == ifindex)
			return sn;
	return NULL;
}

static void v6gw_pd_snoop_free(struct v6gw_pd_table *pd,
			       struct v6gw_pd_snoop *sn)
{
	/* no new hook runs after this; one running now may still read @sn */
	nf_unregister_net_hooks(pd->vn->net, sn->ops, ARRAY_SIZE(sn->ops));
	list_del(&sn->node);
	pd->nsnoop--;
	kfree_rcu(sn, rcu);
}

int v6gw_pd_snoop_set(struct v6gw_net *vn, int ifindex, bool on,
		      const char **why)
{
	struct v6gw_pd_table *pd;
	struct v6gw_pd_snoop *sn;
	struct net_device *dev;
	int err, i;

	ASSERT_RTNL();
	lockdep_assert_held(&vn->lock);
	dev = __dev_get_by_index(vn->net, ifindex);
	if (!dev) {
		*why = "no such interface";
		return -ENODEV;
	}
	pd = v6gw_pd_table_get(vn, on);
	sn = pd ? v6gw_pd_snoop_find(pd, ifindex) : NULL;
	if (!on) {
		if (sn)
			v6gw_pd_snoop_free(pd, sn);
		return 0;
	}
	if (!pd)
		return -ENOMEM;
	if (sn)
		return 0;
	sn = kzalloc(sizeof(*sn), GFP_KERNEL);
	if (!sn)
		return -ENOMEM;
	sn->dev = dev;
	sn->pd = pd;
	for (i = 0; i < ARRAY_SIZE(sn->ops); i++) {
		sn->ops[i].hook = v6gw_pd_hook;
		sn->ops[i].pf = NFPROTO_NETDEV;
		sn->ops[i].hooknum = i ? NF_NETDEV_INGRESS : NF_NETDEV_EGRESS;
		sn->ops[i].priority = 0;
		sn->ops[i].dev = dev;
		sn->ops[i].priv = sn;
	}
	err = nf_register_net_hooks(vn->net, sn->ops, ARRAY_SIZE(sn->ops));
	if (err) {
		*why = "cannot hook the interface";
		kfree(sn);
		return err;
	}
	list_add_tail(&sn->node, &pd->snoops);
	pd->nsnoop++;
	return 0;
}

/* Under RTNL and vn->lock: is @ifindex snooped? */
bool v6gw_pd_snooping(struct v6gw_net *vn, int ifindex)
{
	return vn->pd && v6gw_pd_snoop_find(vn->pd, ifindex);
}

/* Under RTNL and vn->lock: the snooped interfaces, for a flush. */
int v6gw_pd_snoops(struct v6gw_net *vn, int (*fn)(void *arg, int ifindex),
		   void *arg)
{
	struct v6gw_pd_snoop *sn;
	int err = 0;

	if (!vn->pd)
		return 0;
	list_for_each_entry(sn, &vn->pd->snoops, node)
		if (!err)
			err = fn(arg, sn->dev->ifindex);
	return err;
}

/* Under RTNL and vn->lock: @dev leaves the namespace. */
void v6gw_pd_snoop_gone(struct v6gw_net *vn, struct net_device *dev)
{
	struct v6gw_pd_table *pd = vn->pd;
	struct v6gw_pd_snoop *sn = pd ? v6gw_pd_snoop_find(pd, dev->ifindex) :
				   NULL;

	if (sn)
		v6gw_pd_snoop_free(pd, sn);
}
