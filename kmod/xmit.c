// SPDX-License-Identifier: GPL-2.0
/*
 * What the data path sends itself: routes in either family, ICMP errors
 * about packets it does not translate, and translated packets, whole or as
 * IPv6 fragments it builds (so that their Identification is the IPv4 ID,
 * RFC 7915 section 4.1, not one the IPv6 output would pick).
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netfilter.h>
#include <linux/skbuff.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <net/route.h>

#include "stats.h"
#include "v6gw.h"
#include "xmit.h"

struct dst_entry *v6gw_route6(struct net *net, const struct sk_buff *skb,
			      const u8 *daddr, const u8 *saddr)
{
	struct flowi6 fl6 = {
		.flowi6_mark = skb->mark,
		.flowi6_flags = FLOWI_FLAG_ANYSRC,
	};
	struct dst_entry *dst;

	memcpy(&fl6.daddr, daddr, 16);
	if (saddr)
		memcpy(&fl6.saddr, saddr, 16);
	dst = ip6_route_output(net, NULL, &fl6);
	if (dst->error) {
		dst_release(dst);
		return NULL;
	}
	return dst;
}

struct dst_entry *v6gw_route4(struct net *net, const struct sk_buff *skb,
			      __be32 daddr, __be32 saddr)
{
	struct flowi4 fl4 = {
		.daddr = daddr,
		.saddr = saddr,
		.flowi4_mark = skb ? skb->mark : 0,
		.flowi4_flags = FLOWI_FLAG_ANYSRC,
	};
	struct rtable *rt;

	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt))
		return NULL;
	if (rt->rt_type != RTN_UNICAST && rt->rt_type != RTN_LOCAL) {
		ip_rt_put(rt);
		return NULL;
	}
	return &rt->dst;
}

/*
 * icmp_send() and icmpv6_send() return nothing, and send nothing when
 * rate-limited or when the packet must not be answered (an ICMP error, a
 * multicast, a non-first fragment...). What they built is counted by the
 * IP layer in the namespace's OutMsgs counter, on this CPU: its change
 * across the call, with bottom halves off, is what really left.
 */
static unsigned long v6gw_icmp_out(struct net *net, bool v6)
{
	return v6 ? this_cpu_read(net->mib.icmpv6_statistics->mibs[ICMP6_MIB_OUTMSGS]) :
		    this_cpu_read(net->mib.icmp_statistics->mibs[ICMP_MIB_OUTMSGS]);
}

/*
 * Answer the sender of an untouched packet with an ICMP error from this
 * box. In PRE_ROUTING the skb has no route yet; icmp_send() needs one, so
 * route back to the source first (as nf_reject does).
 */
void v6gw_icmp4_reply(struct v6gw_net *vn, struct sk_buff *skb, u8 type,
		      u8 code, u32 info)
{
	unsigned long before;

	if (!skb_dst(skb)) {
		struct dst_entry *dst;

		dst = v6gw_route4(vn->net, skb, ip_hdr(skb)->saddr, 0);
		if (!dst)
			return;
		skb_dst_set(skb, dst);
	}
	local_bh_disable();
	before = v6gw_icmp_out(vn->net, false);
	icmp_send(skb, type, code, htonl(info));
	if (v6gw_icmp_out(vn->net, false) != before)
		v6gw_stat_inc(vn, V6GW_STAT_ICMP_SENT);
	local_bh_enable();
}

void v6gw_icmp6_reply(struct v6gw_net *vn, struct sk_buff *skb, u8 type,
		      u8 code, u32 info)
{
	unsigned long before;

	if (!skb_dst(skb)) {
		struct dst_entry *dst;

		dst = v6gw_route6(vn->net, skb, ipv6_hdr(skb)->saddr.s6_addr,
				  NULL);
		if (!dst)
			return;
		skb_dst_set(skb, dst);
	}
	local_bh_disable();
	before = v6gw_icmp_out(vn->net, true);
	icmpv6_send(skb, type, code, info);
	if (v6gw_icmp_out(vn->net, true) != before)
		v6gw_stat_inc(vn, V6GW_STAT_ICMP_SENT);
	local_bh_enable();
}

/**
 * v6gw_icmp4_build() - send an ICMPv4 error about a packet no longer held
 * @vn: the namespace
 * @orig: the front of the packet (its IPv4 header first)
 * @len: bytes of it to quote
 * @type: ICMP type
 * @code: ICMP code
 *
 * For packets v6gw kept only a copy of (held SYNs): the error goes from
 * the packet's destination (a pool4 address) to its source, built here in
 * process context. Counted in icmp-sent when it left.
 */
void v6gw_icmp4_build(struct v6gw_net *vn, const u8 *orig, u32 len, u8 type,
		      u8 code)
{
	const struct iphdr *oh = (const struct iphdr *)orig;
	struct dst_entry *dst;
	struct sk_buff *skb;
	struct icmphdr *ic;
	struct iphdr *iph;
	u32 n = sizeof(*ic) + len;

	if (len < sizeof(*oh))
		return;
	rcu_read_lock();
	local_bh_disable();
	dst = v6gw_route4(vn->net, NULL, oh->saddr, oh->daddr);
	if (!dst)
		goto out;
	skb = alloc_skb(LL_RESERVED_SPACE(dst->dev) + sizeof(*iph) + n +
			dst->dev->needed_tailroom, GFP_ATOMIC);
	if (!skb) {
		dst_release(dst);
		goto out;
	}
	skb_reserve(skb, LL_RESERVED_SPACE(dst->dev));
	skb_reset_network_header(skb);
	iph = skb_put(skb, sizeof(*iph));
	ic = skb_put(skb, sizeof(*ic));
	memcpy(skb_put(skb, len), orig, len);
	memset(ic, 0, sizeof(*ic));
	ic->type = type;
	ic->code = code;
	ic->checksum = ip_compute_csum(ic, n);
	iph->version = 4;
	iph->ihl = 5;
	/* as icmp_send() does: precedence "internetwork control" */
	iph->tos = (oh->tos & IPTOS_TOS_MASK) | IPTOS_PREC_INTERNETCONTROL;
	iph->tot_len = htons(sizeof(*iph) + n);
	iph->frag_off = 0;
	iph->ttl = READ_ONCE(vn->net->ipv4.sysctl_ip_default_ttl);
	iph->protocol = IPPROTO_ICMP;
	iph->saddr = oh->daddr;
	iph->daddr = oh->saddr;
	__ip_select_ident(vn->net, iph, 1);
	ip_send_check(iph);
	skb->protocol = htons(ETH_P_IP);
	v6gw_send(vn, skb, dst);
	v6gw_stat_inc(vn, V6GW_STAT_ICMP_SENT);
out:
	local_bh_enable();
	rcu_read_unlock();
}

/* Send a translated packet on its route; consumes both. */
unsigned int v6gw_send(struct v6gw_net *vn, struct sk_buff *skb,
		       struct dst_entry *dst)
{
	skb_dst_set(skb, dst);
	skb->dev = dst->dev;
	dst_output(vn->net, NULL, skb);
	return NF_STOLEN;
}

/**
 * v6gw_frag6_send() - send a translated packet as IPv6 fragments
 * @vn: the namespace
 * @skb: an IPv6 packet whose first extension header is a Fragment header
 *	(the translation of an IPv4 fragment, or of a whole IPv4 packet with
 *	DF clear, for which the core wrote offset 0 and M clear)
 * @dst: its route
 * @mtu: the largest fragment
 *
 * IPv6 output cannot fragment it (it would add a second Fragment header)
 * and would pick an Identification of its own: split it here into
 * fragments of the same packet, same ID, offsets moved on, M set on all but
 * what was the last piece. This path allocates, as fragmenting does.
 * Consumes @skb and @dst.
 *
 * Return: NF_STOLEN.
 */
unsigned int v6gw_frag6_send(struct v6gw_net *vn, struct sk_buff *skb,
			     struct dst_entry *dst, u32 mtu)
{
	const u32 hlen = sizeof(struct ipv6hdr) + sizeof(struct frag_hdr);
	u32 chunk = (mtu - hlen) & ~7U, paylen, off;
	struct frag_hdr *fh;
	u16 base;
	bool more;

	/* The pieces are copies: the checksum must be complete first. */
	if (!pskb_may_pull(skb, hlen) ||
	    (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))) {
		v6gw_stat_inc(vn, V6GW_STAT_DROP_NOMEM);
		goto out;
	}
	paylen = skb->len - hlen;
	fh = (struct frag_hdr *)(skb_network_header(skb) +
				 sizeof(struct ipv6hdr));
	base = ntohs(fh->frag_off) & ~7U;
	more = fh->frag_off & htons(IP6_MF);

	for (off = 0; off < paylen; off += chunk) {
		u32 len = min(chunk, paylen - off);
		struct sk_buff *f;

		f = alloc_skb(LL_RESERVED_SPACE(dst->dev) + hlen + len +
			      dst->dev->needed_tailroom, GFP_ATOMIC);
		if (!f) {
			v6gw_stat_inc(vn, V6GW_STAT_DROP_NOMEM);
			break;
		}
		skb_reserve(f, LL_RESERVED_SPACE(dst->dev));
		skb_copy_from_linear_data(skb, skb_put(f, hlen), hlen);
		if (skb_copy_bits(skb, hlen + off, skb_put(f, len), len)) {
			kfree_skb(f);
			v6gw_stat_inc(vn, V6GW_STAT_DROP_INTERNAL);
			break;
		}
		skb_reset_network_header(f);
		skb_set_transport_header(f, hlen);
		ipv6_hdr(f)->payload_len = htons(sizeof(struct frag_hdr) + len);
		fh = (struct frag_hdr *)(ipv6_hdr(f) + 1);
		fh->frag_off = htons((base + off) |
				     (off + len < paylen || more ? IP6_MF : 0));
		f->protocol = htons(ETH_P_IPV6);
		f->mark = skb->mark;
		f->priority = skb->priority;
		v6gw_stat_inc(vn, V6GW_STAT_FRAG6_OUT);
		v6gw_send(vn, f, dst_clone(dst));
	}
out:
	consume_skb(skb);
	dst_release(dst);
	return NF_STOLEN;
}
