// SPDX-License-Identifier: GPL-2.0
/*
 * The host-local CLAT (uapi: V6GW_CLAT_A_HOST): IPv4 that this host's own
 * programs send, translated like a router CLAT's island.
 *
 * An IPv4-only virtual device, "v6gw-clat", carries the island's first
 * host address and an IPv4 default route (the mechanism of Android's
 * CLAT, without a tun device and a userspace translator). The IPv4 stack
 * routes the host's packets to it; its transmit function hands each one
 * to the CLAT's IPv4 -> IPv6 path (the SIIT data path with the CLAT's
 * snapshot, as the PRE_ROUTING hook would), which routes and sends the
 * IPv6 packet. Replies are the IPv6 hook's: translated to IPv4 for the
 * device's address, a local one, they are delivered as any local packet.
 *
 * The device is not part of the configuration snapshot: a work item
 * brings it in line with the running CLAT after every change (creates,
 * addresses, routes or removes it), outside the configuration lock
 * (registering a device runs notifiers that take it) and outside RTNL for
 * the address and route, which go through rtnetlink (rtnl.c). Netlink
 * requests that change the CLAT wait for the work before they return.
 * Lock order in the work: RTNL, then the configuration lock, briefly.
 */
#include <linux/if_arp.h>
#include <linux/ip.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/rtnetlink.h>

#include "compat/netdev.h"
#include "rtnl.h"
#include "stats.h"
#include "v6gw.h"

/* 1500 less what IPv4 -> IPv6 adds: 20 bytes of header, 8 of Fragment. */
#define V6GW_CLAT_HOST_MTU	1472

/* The data path ------------------------------------------------------------ */

static netdev_tx_t v6gw_clat_dev_xmit(struct sk_buff *skb,
				      struct net_device *dev)
{
	struct v6gw_net *vn = v6gw_pernet(dev_net(dev));
	struct nf_hook_state state = {
		.hook = NF_INET_LOCAL_OUT,
		.pf = NFPROTO_IPV4,
		.in = dev,
		.net = dev_net(dev),
	};
	const struct v6gw_clat *c;
	const struct iphdr *iph;
	unsigned int verdict, len = skb->len;

	if (skb->protocol != htons(ETH_P_IP)) {
		/* IPv6 of the kernel's own (the device is IPv4-only) */
		dev_core_stats_tx_dropped_inc(dev);
		kfree_skb(skb);
		return NETDEV_TX_OK;
	}
	/* it leaves this host's stack here, as through a veth */
	skb_orphan(skb);
	skb_reset_network_header(skb);

	rcu_read_lock();
	c = rcu_dereference(vn->clat);
	if (!c || !c->host || !c->xlat ||
	    !pskb_network_may_pull(skb, sizeof(*iph)))
		goto drop;
	iph = ip_hdr(skb);
	if (!v6gw_clat_takes4(&c->addrs, (const u8 *)&iph->saddr,
			      (const u8 *)&iph->daddr))
		goto drop;
	v6gw_stat_inc(vn, V6GW_STAT_IPV4_IN);
	verdict = v6gw_clat_ipv4(vn, c, skb, &state);
	if (verdict == NF_STOLEN) {
		dev_sw_netstats_tx_add(dev, 1, len);
		goto out;
	}
	/* dropped ones are counted already; passed ones go nowhere */
	if (verdict == NF_ACCEPT)
		v6gw_stat_inc(vn, V6GW_STAT_DROP_CLAT_HOST);
	kfree_skb(skb);
	goto out;
drop:
	v6gw_stat_inc(vn, V6GW_STAT_DROP_CLAT_HOST);
	kfree_skb(skb);
out:
	rcu_read_unlock();
	return NETDEV_TX_OK;
}

/* The device --------------------------------------------------------------- */

static int v6gw_clat_dev_init(struct net_device *dev)
{
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	return dev->tstats ? 0 : -ENOMEM;
}

/* Under RTNL: however it goes (the CLAT, the namespace), v6gw forgets it. */
static void v6gw_clat_dev_uninit(struct net_device *dev)
{
	struct v6gw_clat_host *h = &v6gw_pernet(dev_net(dev))->clat_host;

	if (h->dev == dev) {
		h->dev = NULL;
		WRITE_ONCE(h->ifindex, 0);
	}
}

static void v6gw_clat_dev_free(struct net_device *dev)
{
	free_percpu(dev->tstats);
}

static const struct net_device_ops v6gw_clat_dev_ops = {
	.ndo_init = v6gw_clat_dev_init,
	.ndo_uninit = v6gw_clat_dev_uninit,
	.ndo_start_xmit = v6gw_clat_dev_xmit,
	.ndo_get_stats64 = dev_get_tstats64,
};

/*
 * An IP device without a link layer (no header, no ARP: a tun device's
 * shape), without offloads (the stack hands it whole packets with their
 * checksums), which ip-link can neither delete (no rtnl_link_ops) nor
 * move to another namespace.
 */
static void v6gw_clat_dev_setup(struct net_device *dev)
{
	dev->netdev_ops = &v6gw_clat_dev_ops;
	dev->type = ARPHRD_NONE;
	dev->flags = IFF_NOARP | IFF_POINTOPOINT;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->tx_queue_len = 0;
	dev->mtu = V6GW_CLAT_HOST_MTU;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = IP_MAX_MTU - sizeof(struct iphdr);
	dev->needs_free_netdev = true;
	dev->priv_destructor = v6gw_clat_dev_free;
	v6gw_netdev_local_lltx(dev);
}

static int v6gw_clat_dev_create(struct v6gw_net *vn)
{
	struct net_device *dev;
	int err;

	ASSERT_RTNL();
	dev = alloc_netdev(0, V6GW_CLAT_HOST_IFNAME, NET_NAME_PREDICTABLE,
			   v6gw_clat_dev_setup);
	if (!dev)
		return -ENOMEM;
	dev_net_set(dev, vn->net);
	err = register_netdevice(dev);
	if (err) {
		free_netdev(dev);
		return err;
	}
	vn->clat_host.dev = dev;
	err = dev_open(dev, NULL);
	if (err)
		unregister_netdevice(dev);	/* uninit forgets it */
	return err;
}

/**
 * v6gw_clat_host_name_taken() - is the device's name another device's?
 * @vn: the namespace
 *
 * Checked when a host-local CLAT is asked for, so that the one failure a
 * user can cause is refused before anything changes.
 *
 * Return: true when a device of that name exists and is not v6gw's.
 */
bool v6gw_clat_host_name_taken(struct v6gw_net *vn)
{
	struct net_device *dev;
	bool taken;

	rcu_read_lock();
	dev = dev_get_by_name_rcu(vn->net, V6GW_CLAT_HOST_IFNAME);
	taken = dev && dev->netdev_ops != &v6gw_clat_dev_ops;
	rcu_read_unlock();
	return taken;
}

/* Its address and route ---------------------------------------------------- */

/*
 * The island's first host address: the prefix + 1 with the prefix's
 * length; the prefix itself for a /31 or a /32.
 */
static __be32 v6gw_clat_host_addr(const struct v6gw_prefix4 *p4)
{
	__be32 a;

	memcpy(&a, p4->addr, 4);
	if (p4->len <= 30)
		a = htonl(ntohl(a) + 1);
	return a;
}

static int v6gw_clat_host_ifa(struct v6gw_clat_host *h, struct net *net,
			      int ifindex, bool add, __be32 addr, u8 plen)
{
	struct v6gw_rtreq req;

	v6gw_rtreq_init(&req, add ? RTM_NEWADDR : RTM_DELADDR,
			add ? NLM_F_CREATE | NLM_F_REPLACE : 0, ++h->seq);
	req.ifa.ifa_family = AF_INET;
	req.ifa.ifa_prefixlen = plen;
	req.ifa.ifa_scope = RT_SCOPE_UNIVERSE;
	req.ifa.ifa_index = ifindex;
	v6gw_rta_put(&req, IFA_LOCAL, &addr, 4);
	v6gw_rta_put(&req, IFA_ADDRESS, &addr, 4);
	return v6gw_rtnl_call(net, &h->rtnl, &req);
}

/*
 * The IPv4 default route through the device; one already there is fine,
 * and so is none while an administrator keeps the device down.
 */
static int v6gw_clat_host_route(struct v6gw_clat_host *h, struct net *net,
				int ifindex)
{
	struct v6gw_rtreq req;
	u32 oif = ifindex, metric = V6GW_CLAT_HOST_METRIC;
	int err;

	v6gw_rtreq_init(&req, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL,
			++h->seq);
	req.rt.rtm_family = AF_INET;
	req.rt.rtm_table = RT_TABLE_MAIN;
	req.rt.rtm_protocol = RTPROT_STATIC;
	req.rt.rtm_scope = RT_SCOPE_LINK;
	req.rt.rtm_type = RTN_UNICAST;
	v6gw_rta_put(&req, RTA_OIF, &oif, 4);
	v6gw_rta_put(&req, RTA_PRIORITY, &metric, 4);
	err = v6gw_rtnl_call(net, &h->rtnl, &req);
	return err == -EEXIST || err == -ENETDOWN ? 0 : err;
}

/* The work ----------------------------------------------------------------- */

static void v6gw_clat_host_work(struct work_struct *work)
{
	struct v6gw_clat_host *h = container_of(to_delayed_work(work),
						struct v6gw_clat_host, work);
	struct v6gw_net *vn = container_of(h, struct v6gw_net, clat_host);
	const struct v6gw_clat *c;
	struct v6gw_prefix4 p4;
	__be32 addr;
	int err = 0, ifindex = 0;
	bool want;

	rtnl_lock();
	mutex_lock(&vn->lock);
	c = v6gw_deref_cfg(vn, vn->clat);
	want = c && c->host;
	if (want)
		p4 = c->addrs.p4;
	mutex_unlock(&vn->lock);
	if (!want) {
		if (h->dev)
			unregister_netdevice(h->dev);
		h->addr = 0;
	} else if (!h->dev) {
		h->addr = 0;
		err = v6gw_clat_dev_create(vn);
	}
	if (h->dev)
		ifindex = h->dev->ifindex;
	rtnl_unlock();
	if (!want || err)
		goto out;

	addr = v6gw_clat_host_addr(&p4);
	if (h->addr != addr || h->plen != p4.len) {
		err = v6gw_clat_host_ifa(h, vn->net, ifindex, true, addr,
					 p4.len);
		if (err)
			goto out;
		/* the old address goes once the new one is there */
		if (h->addr && h->addr != addr)
			v6gw_clat_host_ifa(h, vn->net, ifindex, false, h->addr,
					   h->plen);
		h->addr = addr;
		h->plen = p4.len;
	}
	err = v6gw_clat_host_route(h, vn->net, ifindex);
out:
	WRITE_ONCE(h->ifindex, want && !err ? ifindex : 0);
	WRITE_ONCE(h->err, err);
	if (err) {
		pr_warn_ratelimited("v6gw: the host-local CLAT's device: error %d, retrying\n",
				    err);
		mod_delayed_work(system_wq, &h->work, 5 * HZ);
	}
}

/* Bring the device in line with the running CLAT (soon: see _wait()). */
void v6gw_clat_host_kick(struct v6gw_net *vn)
{
	mod_delayed_work(system_wq, &vn->clat_host.work, 0);
}

/**
 * v6gw_clat_host_wait() - let the work run now, and wait for it
 * @vn: the namespace; neither RTNL nor its lock held
 *
 * Return: 0, or the error the work met (it tries again every 5 s).
 */
int v6gw_clat_host_wait(struct v6gw_net *vn)
{
	flush_delayed_work(&vn->clat_host.work);
	return READ_ONCE(vn->clat_host.err);
}

void v6gw_clat_host_init(struct v6gw_net *vn)
{
	struct v6gw_clat_host *h = &vn->clat_host;

	memset(h, 0, sizeof(*h));
	INIT_DELAYED_WORK(&h->work, v6gw_clat_host_work);
}

/*
 * Namespace pre-exit (or unload): the work stops for good and the device
 * goes; nothing can queue the work again (no configuration requests, the
 * CLAT's learning stopped before).
 */
void v6gw_clat_host_stop(struct v6gw_net *vn)
{
	struct v6gw_clat_host *h = &vn->clat_host;

	cancel_delayed_work_sync(&h->work);
	rtnl_lock();
	if (h->dev)
		unregister_netdevice(h->dev);
	rtnl_unlock();
	v6gw_rtnl_release(&h->rtnl);
}
