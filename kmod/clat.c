// SPDX-License-Identifier: GPL-2.0
/*
 * The 464XLAT CLAT (RFC 6877): its configuration, one immutable snapshot
 * per namespace (struct v6gw_clat) read by the hooks under RCU and
 * replaced whole under the configuration lock, like SIIT's. The snapshot
 * carries a SIIT snapshot of its own (the island's EAM entry, the PLAT
 * prefix as pool6), so the CLAT translates with the SIIT data path; only
 * the choice of packets (core/clat.h) and the hook order (hooks.c) are
 * its own.
 *
 * The PLAT prefix can be learned from PREF64 (RFC 8781) in the RAs an
 * interface receives: a LOCAL_IN hook, registered only while a CLAT asks
 * for it, reads each RA there with the portable core's reader and leaves
 * the result for a work item, which applies it under the configuration
 * lock (a new snapshot when the prefix changes, an event) and ends the
 * prefix when its lifetime runs out.
 */
#include <linux/icmpv6.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv6.h>
#include <linux/slab.h>
#include <net/ndisc.h>

#include "core/ra.h"
#include "netlink.h"
#include "stats.h"
#include "txn.h"
#include "v6gw.h"

/* RFC 7600: the IPv4 dummy address, source of translated ICMP errors. */
static const struct v6gw_prefix4 v6gw_clat_dummy4 = {
	.addr = { 192, 0, 0, 8 },
	.len = 32,
};

static void v6gw_clat_free(struct v6gw_clat *c)
{
	v6gw_siit_drop(c->xlat);
	kfree(c);
}

static void v6gw_clat_free_rcu(struct rcu_head *rcu)
{
	v6gw_clat_free(container_of(rcu, struct v6gw_clat, rcu));
}

/* A snapshot the data path never saw. */
void v6gw_clat_drop(struct v6gw_clat *c)
{
	if (c)
		v6gw_clat_free(c);
}

/* Free a replaced snapshot once no reader can hold it. */
void v6gw_clat_retire(struct v6gw_clat *c)
{
	if (c)
		call_rcu(&c->rcu, v6gw_clat_free_rcu);
}

/* The staged snapshot of a transaction, else the running one. */
static struct v6gw_clat *v6gw_clat_base(struct v6gw_net *vn)
{
	struct v6gw_txn *t = vn->txn;

	if (t && t->has_clat)
		return t->clat;
	return v6gw_deref_cfg(vn, vn->clat);
}

bool v6gw_clat_configured(struct v6gw_net *vn)
{
	struct v6gw_clat *c = v6gw_deref_cfg(vn, vn->clat);

	return c && c->xlat;
}

/*
 * A snapshot of @a, translating when @a->plat is known (len != 0).
 * Return: the snapshot, or NULL without memory.
 */
static struct v6gw_clat *v6gw_clat_build(const struct v6gw_clat_addrs *a,
					 int plat_ifindex, bool host)
{
	struct v6gw_clat *c = kzalloc(sizeof(*c), GFP_KERNEL);

	if (!c)
		return NULL;
	c->addrs = *a;
	c->plat_ifindex = plat_ifindex;
	c->host = host;
	v6gw_clat_eam(a, &c->eam);
	if (a->plat.len) {
		c->xlat = v6gw_siit_new_eam(&c->eam, &a->plat,
					    &v6gw_clat_dummy4);
		if (!c->xlat) {
			kfree(c);
			return NULL;
		}
	}
	return c;
}

/* The RA hook ------------------------------------------------------------ */

/*
 * Every IPv6 packet delivered to this box while a CLAT learns its PLAT
 * prefix: RAs received on that interface are read, never changed.
 */
static unsigned int v6gw_clat_ra_hook(void *priv, struct sk_buff *skb,
				      const struct nf_hook_state *state)
{
	struct v6gw_net *vn = v6gw_pernet(state->net);
	const struct v6gw_clat *c = rcu_dereference(vn->clat);
	struct v6gw_clat_learn *l = &vn->clat_learn;
	int nh = skb_network_offset(skb);
	u8 buf[2], addr[16], plen;
	const u8 *h;
	u32 lifetime;

	if (!c || !c->plat_ifindex || !state->in ||
	    state->in->ifindex != c->plat_ifindex)
		return NF_ACCEPT;
	h = skb_header_pointer(skb, nh + offsetof(struct ipv6hdr, nexthdr), 1,
			       buf);
	if (!h || *h != IPPROTO_ICMPV6)
		return NF_ACCEPT;
	h = skb_header_pointer(skb, nh + sizeof(struct ipv6hdr), 1, buf);
	if (!h || *h != NDISC_ROUTER_ADVERTISEMENT)
		return NF_ACCEPT;
	/* the reader wants the RA in one piece; RAs are rare */
	if (skb_linearize(skb))
		return NF_ACCEPT;
	if (v6gw_ra_pref64_read(skb_network_header(skb), skb->len - nh, addr,
				&plen, &lifetime) != V6GW_RA_DONE)
		return NF_ACCEPT;
	spin_lock_bh(&l->rx_lock);
	memcpy(l->rx.addr, addr, 16);
	l->rx.len = plen;
	l->rx_lifetime = lifetime;
	l->rx_at = jiffies;
	l->rx_new = true;
	spin_unlock_bh(&l->rx_lock);
	mod_delayed_work(system_wq, &l->work, 0);
	return NF_ACCEPT;
}

static const struct nf_hook_ops v6gw_clat_ra_ops = {
	.hook = v6gw_clat_ra_hook,
	.pf = NFPROTO_IPV6,
	.hooknum = NF_INET_LOCAL_IN,
	.priority = NF_IP6_PRI_LAST,
};

/* The RA hook exactly while the running CLAT learns. Under the lock. */
static int v6gw_clat_ra_sync(struct v6gw_net *vn)
{
	struct v6gw_clat *c = v6gw_deref_cfg(vn, vn->clat);
	bool want = c && c->plat_ifindex;
	int err;

	if (want == vn->clat_ra_hooked)
		return 0;
	if (!want) {
		nf_unregister_net_hook(vn->net, &v6gw_clat_ra_ops);
		vn->clat_ra_hooked = false;
		return 0;
	}
	err = nf_register_net_hook(vn->net, &v6gw_clat_ra_ops);
	if (!err)
		vn->clat_ra_hooked = true;
	return err;
}

/* Learning ----------------------------------------------------------------- */

static bool v6gw_prefix6_same(const struct v6gw_prefix6 *a,
			      const struct v6gw_prefix6 *b)
{
	return a->len == b->len && !memcmp(a->addr, b->addr, 16);
}

/*
 * Bring the running snapshot in line with what is learned (under the
 * lock). Without memory it stays as it is, and the work runs again.
 */
static void v6gw_clat_relearn(struct v6gw_net *vn)
{
	struct v6gw_clat_learn *l = &vn->clat_learn;
	struct v6gw_clat *c = v6gw_deref_cfg(vn, vn->clat), *n, *old;
	struct v6gw_clat_addrs a;

	if (!c || !c->plat_ifindex || c->plat_ifindex != l->ifindex)
		return;
	a = c->addrs;
	memset(&a.plat, 0, sizeof(a.plat));
	if (l->known)
		a.plat = l->plat;
	if (v6gw_prefix6_same(&a.plat, &c->addrs.plat))
		return;
	n = v6gw_clat_build(&a, c->plat_ifindex, c->host);
	if (!n || v6gw_clat_swap(vn, n, &old)) {
		v6gw_clat_drop(n);
		mod_delayed_work(system_wq, &l->work, HZ);
		return;
	}
	v6gw_clat_retire(old);
}

static void v6gw_clat_learn_work(struct work_struct *work)
{
	struct v6gw_clat_learn *l = container_of(to_delayed_work(work),
						 struct v6gw_clat_learn, work);
	struct v6gw_net *vn = container_of(l, struct v6gw_net, clat_learn);
	struct v6gw_prefix6 rx, before;
	bool fresh, was, tell;
	u32 lifetime = 0;
	unsigned long at = 0;
	u8 ev = 0;
	int ifindex;

	mutex_lock(&vn->lock);
	spin_lock_bh(&l->rx_lock);
	fresh = l->rx_new;
	l->rx_new = false;
	rx = l->rx;
	if (fresh) {
		lifetime = l->rx_lifetime;
		at = l->rx_at;
	}
	spin_unlock_bh(&l->rx_lock);

	was = l->known;
	before = l->plat;
	if (fresh) {
		struct v6gw_clat *c = v6gw_deref_cfg(vn, vn->clat);
		struct v6gw_clat_addrs a;

		if (c && c->plat_ifindex == l->ifindex) {
			a = c->addrs;
			a.plat = rx;
			if (!lifetime) {
				l->known = false;
			} else if (!v6gw_clat_invalid(&a)) {
				l->known = true;
				l->plat = rx;
				l->expires = at + lifetime * HZ;
			}
		}
	} else if (l->known && time_after_eq(jiffies, l->expires)) {
		l->known = false;
	}
	if (l->known)
		mod_delayed_work(system_wq, &l->work,
				 time_after(l->expires, jiffies) ?
				 l->expires - jiffies : 0);
	tell = was != l->known ||
	       (l->known && !v6gw_prefix6_same(&before, &l->plat));
	if (tell)
		ev = !l->known ? V6GW_CLAT_EV_WITHDRAWN :
		     was ? V6GW_CLAT_EV_CHANGED : V6GW_CLAT_EV_LEARNED;
	v6gw_clat_relearn(vn);
	ifindex = l->ifindex;
	rx = l->plat;
	lifetime = l->known && time_after(l->expires, jiffies) ?
		   jiffies_to_msecs(l->expires - jiffies) / 1000 : 0;
	mutex_unlock(&vn->lock);
	if (tell) {
		v6gw_stat_inc(vn, V6GW_STAT_CLAT_PLAT_CHANGED);
		v6gw_nl_clat_event(vn, ev, ifindex,
				   ev == V6GW_CLAT_EV_WITHDRAWN ? NULL : &rx,
				   lifetime);
	}
}

/* Configuration ---------------------------------------------------------- */

/**
 * v6gw_clat_swap() - put @c in place and bring the hooks in line
 * @vn: the namespace, lock held
 * @c: the new snapshot (NULL: no CLAT)
 * @old: set to the snapshot replaced, for v6gw_clat_retire() or, to undo,
 *	another swap (which cannot fail: the hooks were as it needs)
 *
 * A new learning interface forgets what the old one taught; a prefix
 * learned there already is applied right after (by the work).
 *
 * Return: 0, or the hooks' error with nothing changed (@c still the
 * caller's).
 */
int v6gw_clat_swap(struct v6gw_net *vn, struct v6gw_clat *c,
		   struct v6gw_clat **old)
{
	struct v6gw_clat_learn *l = &vn->clat_learn;
	int err;

	*old = v6gw_deref_cfg(vn, vn->clat);
	rcu_assign_pointer(vn->clat, c);
	err = v6gw_hooks_sync(vn);
	if (!err) {
		err = v6gw_clat_ra_sync(vn);
		if (err) {
			rcu_assign_pointer(vn->clat, *old);
			v6gw_hooks_sync(vn);	/* back as it was: no error */
			return err;
		}
	} else {
		rcu_assign_pointer(vn->clat, *old);
		return err;
	}
	/* the host-local device follows the running CLAT */
	if ((c && c->host) || (*old && (*old)->host))
		v6gw_clat_host_kick(vn);
	if (!c || c->plat_ifindex != l->ifindex) {
		l->ifindex = c ? c->plat_ifindex : 0;
		l->known = false;
		spin_lock_bh(&l->rx_lock);
		l->rx_new = false;
		spin_unlock_bh(&l->rx_lock);
	} else if (c->plat_ifindex &&
		   (l->known != !!c->addrs.plat.len ||
		    (l->known && !v6gw_prefix6_same(&l->plat, &c->addrs.plat)))) {
		mod_delayed_work(system_wq, &l->work, 0);
	}
	return 0;
}

/* A new configuration: staged in a transaction, else published. */
static int v6gw_clat_commit(struct v6gw_net *vn, struct v6gw_clat *c)
{
	struct v6gw_txn *t = vn->txn;
	struct v6gw_clat *old;
	int err;

	if (!t) {
		err = v6gw_clat_swap(vn, c, &old);
		if (err) {
			v6gw_clat_drop(c);
			return err;
		}
		v6gw_clat_retire(old);
		return 0;
	}
	if (t->has_clat)
		v6gw_clat_drop(t->clat);
	t->clat = c;
	t->has_clat = true;
	return 0;
}

/**
 * v6gw_clat_set() - configure the CLAT, replacing any
 * @vn: the namespace, lock held
 * @a: addresses that v6gw_clat_invalid() accepted; with @plat_ifindex,
 *	v6gw_clat_island_invalid(), and @a->plat is ignored
 * @plat_ifindex: learn the PLAT prefix from RAs there; 0: @a->plat
 * @host: a host-local CLAT (its device is set up after: clat_host.c)
 *
 * Return: 0, -ENOMEM, or the error of registering the hooks.
 */
int v6gw_clat_set(struct v6gw_net *vn, const struct v6gw_clat_addrs *a,
		  int plat_ifindex, bool host)
{
	struct v6gw_clat_learn *l = &vn->clat_learn;
	struct v6gw_clat_addrs b = *a;
	struct v6gw_clat *c;

	lockdep_assert_held(&vn->lock);
	if (plat_ifindex) {
		memset(&b.plat, 0, sizeof(b.plat));
		/* what this interface taught already, if it fits */
		if (l->ifindex == plat_ifindex && l->known) {
			b.plat = l->plat;
			if (v6gw_clat_invalid(&b))
				memset(&b.plat, 0, sizeof(b.plat));
		}
	}
	c = v6gw_clat_build(&b, plat_ifindex, host);
	if (!c)
		return -ENOMEM;
	return v6gw_clat_commit(vn, c);
}

/**
 * v6gw_clat_del() - remove the CLAT
 * @vn: the namespace, lock held
 *
 * Return: 0 or -ENOENT.
 */
int v6gw_clat_del(struct v6gw_net *vn)
{
	lockdep_assert_held(&vn->lock);
	if (!v6gw_clat_base(vn))
		return -ENOENT;
	return v6gw_clat_commit(vn, NULL);
}

/* The running configuration; false when there is no CLAT. Under lock. */
bool v6gw_clat_get(struct v6gw_net *vn, struct v6gw_clat_info *out)
{
	struct v6gw_clat *c = v6gw_deref_cfg(vn, vn->clat);
	struct v6gw_clat_learn *l = &vn->clat_learn;

	if (!c)
		return false;
	out->addrs = c->addrs;
	out->plat_ifindex = c->plat_ifindex;
	out->host = c->host;
	out->host_ifindex = c->host ? READ_ONCE(vn->clat_host.ifindex) : 0;
	out->lifetime = 0;
	if (c->plat_ifindex && c->addrs.plat.len && l->known &&
	    time_after(l->expires, jiffies))
		out->lifetime = jiffies_to_msecs(l->expires - jiffies) / 1000;
	return true;
}

void v6gw_clat_netns_init(struct v6gw_net *vn)
{
	struct v6gw_clat_learn *l = &vn->clat_learn;

	RCU_INIT_POINTER(vn->clat, NULL);
	vn->clat_ra_hooked = false;
	spin_lock_init(&l->rx_lock);
	INIT_DELAYED_WORK(&l->work, v6gw_clat_learn_work);
	v6gw_clat_host_init(vn);
}

/*
 * Namespace pre-exit, without the lock: the RA hook goes (nothing queues
 * the work after it), then the work, for good; then the host-local
 * device (whose work the learning one can queue).
 */
void v6gw_clat_netns_stop(struct v6gw_net *vn)
{
	mutex_lock(&vn->lock);
	if (vn->clat_ra_hooked) {
		nf_unregister_net_hook(vn->net, &v6gw_clat_ra_ops);
		vn->clat_ra_hooked = false;
	}
	mutex_unlock(&vn->lock);
	cancel_delayed_work_sync(&vn->clat_learn.work);
	v6gw_clat_host_stop(vn);
}

/* Namespace exit, lock held, hooks gone and a grace period past. */
void v6gw_clat_netns_exit(struct v6gw_net *vn)
{
	v6gw_clat_drop(v6gw_deref_cfg(vn, vn->clat));
	RCU_INIT_POINTER(vn->clat, NULL);
}
