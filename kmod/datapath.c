// SPDX-License-Identifier: GPL-2.0
/*
 * The SIIT data path: the sk_buff side of RFC 7915 translation.
 *
 * A packet whose destination maps is routed in the other family first (its
 * translated addresses are known before anything is written), so that
 * "too big" is answered on the untouched packet. Then the portable core
 * rewrites its headers in place, in front of the unmoved transport header,
 * using headroom; the skb is relabelled (protocol, headers, checksum and
 * GSO state) and sent with dst_output() into the other family's
 * POST_ROUTING. The hook returns NF_STOLEN for it.
 *
 * Translated packets therefore skip the other family's FORWARD chain; the
 * core decrements TTL / hop limit as a router does. Nothing is allocated
 * per packet except when the skb has no headroom or is shared (a copy of
 * its head, as any forwarding path would make).
 *
 * GSO and GRO packets are translated whole: the GSO type is switched to the
 * other family and the per-segment size checked against the route MTU.
 * Fraglist GRO packets keep every original packet, headers included, on
 * their frag_list; they are split back into those packets (no copy) and
 * each one is translated.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netfilter.h>
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/ndisc.h>
#include <net/ipv6.h>
#include <net/route.h>

#include "compat/net_gso.h"
#include "core/xlat.h"
#include "nat64.h"
#include "stats.h"
#include "v6gw.h"
#include "xmit.h"

/* The most a translation adds in front: ICMP error with fragment header. */
#define V6GW_HEADROOM	48

/* The glue's own reason, past the core's: no memory for a pull. */
#define V6GW_XR_NOMEM	V6GW_XR_COUNT

static const u8 v6gw_reason_stat[V6GW_XR_COUNT + 1] = {
	[V6GW_XR_NONE]		= V6GW_STAT_DROP_INTERNAL,
	[V6GW_XR_TRUNCATED]	= V6GW_STAT_DROP_TRUNCATED,
	[V6GW_XR_TTL]		= V6GW_STAT_DROP_TTL,
	[V6GW_XR_SRC_ROUTE]	= V6GW_STAT_DROP_SRC_ROUTE,
	[V6GW_XR_ROUTING_HDR]	= V6GW_STAT_DROP_ROUTING_HDR,
	[V6GW_XR_UDP_ZERO_CSUM]	= V6GW_STAT_DROP_UDP_ZERO_CSUM,
	[V6GW_XR_UDP_ZERO_FRAG]	= V6GW_STAT_DROP_UDP_ZERO_FRAG,
	[V6GW_XR_ICMP_TYPE]	= V6GW_STAT_DROP_ICMP_TYPE,
	[V6GW_XR_ICMP_ERROR]	= V6GW_STAT_DROP_ICMP_ERROR,
	[V6GW_XR_ICMP_FRAG]	= V6GW_STAT_DROP_ICMP_FRAG,
	[V6GW_XR_HEADROOM]	= V6GW_STAT_DROP_INTERNAL,
	[V6GW_XR_PROTO]		= V6GW_STAT_DROP_PROTO,
	[V6GW_XR_TOO_LONG]	= V6GW_STAT_DROP_TOO_LONG,
	[V6GW_XR_CSUM]		= V6GW_STAT_DROP_ICMP_CSUM,
	[V6GW_XR_FRAG_EXTHDR]	= V6GW_STAT_DROP_FRAG_EXTHDR,
	[V6GW_XR_NOMEM]		= V6GW_STAT_DROP_NOMEM,
};

static unsigned int v6gw_drop(struct v6gw_net *vn, enum v6gw_stat why)
{
	v6gw_stat_inc(vn, why);
	return NF_DROP;
}

/*
 * Run the core until it decides, pulling headers into the linear area as
 * it asks. The skb's head has been made private and has enough headroom.
 */
static __always_inline enum v6gw_xlat_verdict
v6gw_xlat_run(const struct v6gw_map *map, struct sk_buff *skb,
	      struct v6gw_xlat_pkt *pkt, bool to6)
{
	enum v6gw_xlat_verdict v;
	int tries;

	/*
	 * The core asks for a little more at each step of a header chain;
	 * pull generously (256 bytes or the whole packet) so that one pull
	 * is enough for any sane chain. Pathological chains end as
	 * truncated.
	 */
	for (tries = 0; tries < 4; tries++) {
		pkt->l3 = skb_network_header(skb);
		pkt->linear = skb_headlen(skb) - skb_network_offset(skb);
		pkt->len = skb->len - skb_network_offset(skb);
		pkt->headroom = skb_headroom(skb) + skb_network_offset(skb);
		pkt->csum_partial = skb->ip_summed == CHECKSUM_PARTIAL;

		v = to6 ? v6gw_xlat_4to6(map, pkt) :
			  v6gw_xlat_6to4(map, pkt);
		if (v != V6GW_XLAT_PULL)
			return v;
		if (skb_ensure_writable(skb, skb_network_offset(skb) +
					max_t(u32, pkt->need,
					      min_t(u32, pkt->len, 256)))) {
			pkt->reason = V6GW_XR_NOMEM;
			return V6GW_XLAT_DROP;
		}
	}
	pkt->reason = V6GW_XR_TRUNCATED;
	return V6GW_XLAT_DROP;
}

/* Relabel a translated skb: headers, length, checksum state, GSO type. */
static __always_inline void v6gw_skb_finish(struct sk_buff *skb,
					    const struct v6gw_xlat_pkt *pkt,
					    bool to6)
{
	struct skb_shared_info *shinfo = skb_shinfo(skb);

	if (pkt->delta > 0)
		__skb_push(skb, pkt->delta);
	else
		__skb_pull(skb, -pkt->delta);
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, pkt->l4off);
	if (pkt->len < skb->len)
		pskb_trim(skb, pkt->len);
	skb->protocol = htons(to6 ? ETH_P_IPV6 : ETH_P_IP);

	/* The header bytes a COMPLETE sum covered are gone. */
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
	if (pkt->udp_csum_fill) {
		struct udphdr *uh = udp_hdr(skb);
		const struct ipv6hdr *ip6 = ipv6_hdr(skb);
		u32 len = skb->len - pkt->l4off;

		uh->check = ~csum_ipv6_magic(&ip6->saddr, &ip6->daddr, len,
					     IPPROTO_UDP, 0);
		skb->ip_summed = CHECKSUM_PARTIAL;
		skb->csum_start = skb_transport_header(skb) - skb->head;
		skb->csum_offset = offsetof(struct udphdr, check);
	}

	if (skb_is_gso(skb)) {
		if (to6 && (shinfo->gso_type & SKB_GSO_TCPV4)) {
			shinfo->gso_type &= ~(SKB_GSO_TCPV4 |
					      SKB_GSO_TCP_FIXEDID);
			shinfo->gso_type |= SKB_GSO_TCPV6;
		} else if (!to6 && (shinfo->gso_type & SKB_GSO_TCPV6)) {
			shinfo->gso_type &= ~SKB_GSO_TCPV6;
			shinfo->gso_type |= SKB_GSO_TCPV4;
		}
	}

	memset(skb->cb, 0, sizeof(skb->cb));
	nf_reset_ct(skb);
	skb_clear_hash(skb);
	skb_dst_drop(skb);
}

/* The network length of one segment of a GSO packet. */
static u32 v6gw_gso_seglen(const struct sk_buff *skb, int l4off, u8 proto)
{
	u32 hlen = l4off;

	if (proto == IPPROTO_TCP) {
		const struct tcphdr *th;
		struct tcphdr _th;

		th = skb_header_pointer(skb, l4off, sizeof(_th), &_th);
		hlen += th ? th->doff * 4 : sizeof(_th);
	} else if (proto == IPPROTO_UDP) {
		hlen += sizeof(struct udphdr);
	}
	return hlen + skb_shinfo(skb)->gso_size;
}

/* A fraglist GRO packet: its segments carry headers of their own. */
static bool v6gw_skb_fraglist(const struct sk_buff *skb)
{
	return skb_is_gso(skb) &&
	       (skb_shinfo(skb)->gso_type & SKB_GSO_FRAGLIST);
}

/*
 * A translation entry point: SIIT (@cfg a struct v6gw_siit) or NAT64 (a
 * struct v6gw_nat64_cfg), for segments of a packet split in software.
 */
typedef unsigned int (*v6gw_xlat_fn)(struct v6gw_net *vn, const void *cfg,
				     struct sk_buff *skb,
				     const struct nf_hook_state *state,
				     bool hairpin);

/*
 * Segment a GSO packet in software and translate each segment; the
 * original is consumed and counted in @why. For a fraglist GRO packet the
 * segments are the packets it was built of; for another GSO packet with DF
 * clear, segments that the IPv6 side must fragment (each with its own IPv4
 * ID, then its fragments with that ID). A segment that turns out not to be
 * translatable cannot go back up the stack from here and is dropped.
 */
static unsigned int v6gw_xlat_segs(struct v6gw_net *vn, const void *s,
				   struct sk_buff *skb,
				   const struct nf_hook_state *state,
				   v6gw_xlat_fn xlat, bool hairpin,
				   enum v6gw_stat why)
{
	struct sk_buff *segs, *seg, *next;

	segs = skb_gso_segment(skb, 0);
	if (IS_ERR_OR_NULL(segs))
		return v6gw_drop(vn, V6GW_STAT_DROP_NOMEM);
	v6gw_stat_inc(vn, why);
	consume_skb(skb);
	skb_list_walk_safe(segs, seg, next) {
		unsigned int verdict;

		skb_mark_not_on_list(seg);
		verdict = xlat(vn, s, seg, state, hairpin);
		if (verdict == NF_ACCEPT)
			v6gw_stat_inc(vn, V6GW_STAT_DROP_INTERNAL);
		if (verdict != NF_STOLEN)
			kfree_skb(seg);
	}
	return NF_STOLEN;
}

/* Prepare the head for in-place writing: private, with headroom. */
static __always_inline int v6gw_skb_prepare(struct sk_buff *skb, u8 l4proto)
{
	if (skb_cow_head(skb, V6GW_HEADROOM))
		return -ENOMEM;
	/* The core updates ICMP checksums incrementally: resolve them first. */
	if (skb->ip_summed == CHECKSUM_PARTIAL &&
	    (l4proto == IPPROTO_ICMP || l4proto == IPPROTO_ICMPV6) &&
	    skb_checksum_help(skb))
		return -ENOMEM;
	return 0;
}

static unsigned int v6gw_4to6(struct v6gw_net *vn, const void *cfg,
			      struct sk_buff *skb, const struct nf_hook_state *state,
			      bool hairpin);
static unsigned int v6gw_nat64_4to6(struct v6gw_net *vn, const void *cfg,
				    struct sk_buff *skb,
				    const struct nf_hook_state *state,
				    bool hairpin);

/*
 * Is this untouched packet an ICMP error (of a type the core translates)?
 * An error is never answered with "too big": the core cuts it to the size
 * that always fits (1280 bytes as ICMPv6, 576 as ICMPv4).
 */
static bool v6gw_icmp_error(const struct sk_buff *skb, int l4off, u8 proto)
{
	u8 _t;
	const u8 *t = skb_header_pointer(skb, l4off, 1, &_t);

	if (!t)
		return false;
	if (proto == IPPROTO_ICMP)
		return *t == ICMP_DEST_UNREACH || *t == ICMP_TIME_EXCEEDED ||
		       *t == ICMP_PARAMETERPROB;
	return proto == IPPROTO_ICMPV6 && *t < 128;
}

/*
 * IPv4 -> IPv6. With @hairpin, @skb is the result of a 6to4 translation
 * whose destination an EAM entry maps back into IPv6 (RFC 7757 section 4).
 */
static __always_inline unsigned int v6gw_4to6_out(struct v6gw_net *vn,
				  const struct v6gw_map *map, const void *cfg,
				  v6gw_xlat_fn self, struct sk_buff *skb,
				  const struct nf_hook_state *state,
				  struct v6gw_xlat_pkt *pkt, bool hairpin);

static unsigned int v6gw_4to6(struct v6gw_net *vn, const void *cfg,
			      struct sk_buff *skb, const struct nf_hook_state *state,
			      bool hairpin)
{
	const struct v6gw_siit *s = cfg;
	struct v6gw_xlat_pkt pkt = { 0 };
	const struct iphdr *iph = ip_hdr(skb);

	if (!v6gw_map_4to6(&s->map, (const u8 *)&iph->daddr, pkt.premap_dst))
		goto pass;
	/* Packets for this box, broadcasts and multicasts are not ours. */
	if (!hairpin && inet_addr_type(vn->net, iph->daddr) != RTN_UNICAST)
		goto pass;
	if (v6gw_skb_fraglist(skb))
		return v6gw_xlat_segs(vn, s, skb, state, v6gw_4to6, hairpin,
				      V6GW_STAT_GRO_LIST_SPLIT);
	/* The core gets both results and does not map again. */
	pkt.premap = V6GW_PREMAP_DST | V6GW_PREMAP_SRC;
	if (hairpin ?
	    v6gw_map_4to6_prefix(&s->map, (const u8 *)&iph->saddr,
				 pkt.premap_src) :
	    v6gw_map_4to6(&s->map, (const u8 *)&iph->saddr, pkt.premap_src))
		pkt.premap |= V6GW_PREMAP_SRC_OK;
	return v6gw_4to6_out(vn, &s->map, cfg, v6gw_4to6, skb, state, &pkt,
			     hairpin);

pass:
	v6gw_stat_inc(vn, V6GW_STAT_IPV4_PASS);
	return NF_ACCEPT;
}

/*
 * The rest of IPv4 -> IPv6, once the addresses are known (@pkt premapped
 * by SIIT or by a NAT64 session): route, size checks, translation, send.
 */
static __always_inline unsigned int v6gw_4to6_out(struct v6gw_net *vn,
				  const struct v6gw_map *map, const void *cfg,
				  v6gw_xlat_fn self, struct sk_buff *skb,
				  const struct nf_hook_state *state,
				  struct v6gw_xlat_pkt *pkt, bool hairpin)
{
	const struct iphdr *iph = ip_hdr(skb);
	u32 len6, mtu6, limit, ihl = iph->ihl * 4;
	bool frag = iph->frag_off & htons(IP_MF | IP_OFFSET);
	bool df = iph->frag_off & htons(IP_DF);
	const u8 *src6 = pkt->premap_src;
	struct dst_entry *dst;
	bool err;

	if (!(pkt->premap & V6GW_PREMAP_SRC_OK))
		src6 = in6addr_any.s6_addr;
	dst = v6gw_route6(vn->net, skb, pkt->premap_dst, src6);
	if (!dst)
		return v6gw_drop(vn, V6GW_STAT_DROP_NO_ROUTE);
	mtu6 = dst_mtu(dst);
	/* DF clear: fragments of this size at most (RFC 7915 section 4) */
	limit = min(mtu6, map->lowest_ipv6_mtu);
	err = !frag && iph->protocol == IPPROTO_ICMP &&
	      v6gw_icmp_error(skb, ihl, IPPROTO_ICMP);

	/* Too big for the IPv6 next hop: answer on the untouched packet. */
	len6 = skb->len - ihl + sizeof(struct ipv6hdr) +
	       (frag ? sizeof(struct frag_hdr) : 0);
	if (df && !err &&
	    (skb_is_gso(skb) ?
	     !skb_gso_validate_network_len(skb, mtu6 - sizeof(struct ipv6hdr) +
					   sizeof(struct iphdr)) :
	     len6 > mtu6)) {
		dst_release(dst);
		if (!hairpin)
			v6gw_icmp4_reply(vn, skb, ICMP_DEST_UNREACH,
					 ICMP_FRAG_NEEDED, mtu6 - 20);
		return v6gw_drop(vn, V6GW_STAT_DROP_TOO_BIG);
	}

	/*
	 * DF clear and over the fragmenting size: v6gw builds the fragments,
	 * with the IPv4 ID (section 4.1). The core gives a whole packet a
	 * Fragment header for that; a GSO packet is segmented first, each
	 * segment then taking this path with its own ID.
	 */
	if (!df && !err) {
		if (skb_is_gso(skb) &&
		    !skb_gso_validate_network_len(skb, limit -
						  sizeof(struct ipv6hdr) +
						  sizeof(struct iphdr))) {
			dst_release(dst);
			return v6gw_xlat_segs(vn, cfg, skb, state, self,
					      hairpin, V6GW_STAT_GSO_SPLIT);
		}
		pkt->frag6 = !skb_is_gso(skb) && !frag && len6 > limit;
	}

	if (v6gw_skb_prepare(skb, iph->protocol)) {
		dst_release(dst);
		return v6gw_drop(vn, V6GW_STAT_DROP_NOMEM);
	}
	pkt->mtu_in = skb->dev ? skb->dev->mtu : ~0U;
	pkt->mtu_out = mtu6;
	pkt->hairpin = hairpin;

	switch (v6gw_xlat_run(map, skb, pkt, true)) {
	case V6GW_XLAT_OK:
		break;
	case V6GW_XLAT_PASS:
		dst_release(dst);
		goto pass;
	case V6GW_XLAT_ICMP:
		dst_release(dst);
		if (!hairpin)
			v6gw_icmp4_reply(vn, skb, pkt->icmp.type,
					 pkt->icmp.code, pkt->icmp.info);
		return v6gw_drop(vn, v6gw_reason_stat[pkt->reason]);
	default:
		dst_release(dst);
		return v6gw_drop(vn, v6gw_reason_stat[pkt->reason]);
	}

	v6gw_skb_finish(skb, pkt, true);
	v6gw_stat_inc(vn, hairpin ? V6GW_STAT_HAIRPIN : V6GW_STAT_XLAT_4TO6);
	/* With a Fragment header (l4off 48): fragments of it, if too big. */
	if (pkt->l4off > sizeof(struct ipv6hdr) && skb->len > limit)
		return v6gw_frag6_send(vn, skb, dst, limit);
	return v6gw_send(vn, skb, dst);

pass:
	v6gw_stat_inc(vn, V6GW_STAT_IPV4_PASS);
	return NF_ACCEPT;
}

unsigned int v6gw_xlat_ipv4(struct v6gw_net *vn, const struct v6gw_siit *s,
			    struct sk_buff *skb,
			    const struct nf_hook_state *state)
{
	return v6gw_4to6(vn, s, skb, state, false);
}

/*
 * An IPv4 ID for a translated datagram: the kernel's own generator (a
 * counter per hash of source, destination and protocol, RFC 6864 / RFC
 * 7739), reserving @segs IDs for the segments of a GSO packet.
 */
static u16 v6gw_ipv4_id(struct net *net, __be32 src, __be32 dst, u8 proto,
			int segs)
{
	struct iphdr iph = {
		.saddr = src,
		.daddr = dst,
		.protocol = proto == IPPROTO_ICMPV6 ? IPPROTO_ICMP : proto,
	};

	__ip_select_ident(net, &iph, segs ? segs : 1);
	return ntohs(iph.id);
}

static __always_inline unsigned int v6gw_6to4_out(struct v6gw_net *vn,
				  const struct v6gw_map *map, const void *cfg,
				  v6gw_xlat_fn hairpin_fn,
				  struct sk_buff *skb,
				  const struct nf_hook_state *state,
				  struct v6gw_xlat_pkt *pkt, bool hairpin);

/* @clat: the CLAT's snapshot, whose EAM destinations are never hairpinned */
static unsigned int v6gw_6to4(struct v6gw_net *vn, const void *cfg,
			      struct sk_buff *skb, const struct nf_hook_state *state,
			      bool clat)
{
	const struct v6gw_siit *s = cfg;
	struct v6gw_xlat_pkt pkt = { 0 };
	const struct ipv6hdr *ip6 = ipv6_hdr(skb);
	u8 tmp6[16];

	if (!v6gw_map_6to4(&s->map, ip6->daddr.s6_addr, pkt.premap_dst))
		goto pass;
	if (v6gw_skb_fraglist(skb))
		return v6gw_xlat_segs(vn, s, skb, state, v6gw_6to4, clat,
				      V6GW_STAT_GRO_LIST_SPLIT);
	/* The core gets both results and does not map again. */
	pkt.premap = V6GW_PREMAP_DST | V6GW_PREMAP_SRC;
	if (v6gw_map_6to4(&s->map, ip6->saddr.s6_addr, pkt.premap_src))
		pkt.premap |= V6GW_PREMAP_SRC_OK;
	/*
	 * RFC 7757 section 4: an EAM destination that maps back to IPv6 is
	 * translated twice and never routed as IPv4.
	 */
	return v6gw_6to4_out(vn, &s->map, cfg, v6gw_4to6, skb, state, &pkt,
			     !clat && s->map.eam &&
			     v6gw_eam_4to6(s->map.eam, pkt.premap_dst, tmp6));

pass:
	v6gw_stat_inc(vn, V6GW_STAT_IPV6_PASS);
	return NF_ACCEPT;
}

/*
 * The rest of IPv6 -> IPv4, once the addresses are known (@pkt premapped):
 * route, size checks, translation, send; with @hairpin the result goes
 * through @hairpin_fn back into IPv6 instead of being routed.
 */
static __always_inline unsigned int v6gw_6to4_out(struct v6gw_net *vn,
				  const struct v6gw_map *map, const void *cfg,
				  v6gw_xlat_fn hairpin_fn,
				  struct sk_buff *skb,
				  const struct nf_hook_state *state,
				  struct v6gw_xlat_pkt *pkt, bool hairpin)
{
	const struct ipv6hdr *ip6 = ipv6_hdr(skb);
	__be32 src4 = 0, dst4;
	struct dst_entry *dst;
	unsigned int fhoff = 0;
	u32 mtu4, len4, reasm;
	int l4off;
	u8 proto = ip6->nexthdr;
	bool big;
	__be16 fo;

	memcpy(&dst4, pkt->premap_dst, sizeof(dst4));
	if (pkt->premap & V6GW_PREMAP_SRC_OK)
		memcpy(&src4, pkt->premap_src, sizeof(src4));

	/* Most packets have no extension header to walk. */
	l4off = sizeof(*ip6);
	fo = 0;
	if (proto != IPPROTO_TCP && proto != IPPROTO_UDP &&
	    proto != IPPROTO_ICMPV6) {
		l4off = ipv6_skip_exthdr(skb, sizeof(*ip6), &proto, &fo);
		if (l4off < 0) {
			/* Let the core look at it: it counts the reason. */
			l4off = sizeof(*ip6);
			proto = 0;
		}
	}

	if (hairpin) {
		dst = NULL;
		mtu4 = IP_MAX_MTU;
	} else {
		dst = v6gw_route4(vn->net, skb, dst4, src4);
		if (!dst)
			return v6gw_drop(vn, V6GW_STAT_DROP_NO_ROUTE);
		mtu4 = dst_mtu(dst);
	}

	/*
	 * Larger than 1260 bytes as IPv4 means DF (RFC 7915 section 5.1);
	 * too big for the IPv4 next hop then is "Packet Too Big" with the
	 * IPv4 MTU plus 20, never below the IPv6 minimum. Fragments keep
	 * DF clear and are fragmented further by IPv4 output; so are ICMP
	 * errors, which the core cuts to 576 bytes.
	 */
	if (skb_is_gso(skb)) {
		pkt->seg_len = v6gw_gso_seglen(skb, l4off, proto);
		len4 = pkt->seg_len - l4off + sizeof(struct iphdr);
	} else {
		len4 = skb->len - l4off + sizeof(struct iphdr);
	}
	/*
	 * Reassembled by nf_defrag (in a namespace running NAT64): it came
	 * as fragments, so it may leave as fragments. DF as the largest
	 * fragment would have had it, never "too big"; the IPv4 output
	 * fragments it with a fresh ID.
	 */
	reasm = IP6CB(skb)->frag_max_size;
	if (reasm && !skb_is_gso(skb))
		pkt->seg_len = reasm;
	big = len4 > mtu4 && !reasm &&
	      !(fo == 0 && v6gw_icmp_error(skb, l4off, proto));
	if (big && len4 > 1260 &&
	    ipv6_find_hdr(skb, &fhoff, NEXTHDR_FRAGMENT, NULL, NULL) < 0) {
		dst_release(dst);
		v6gw_icmp6_reply(vn, skb, ICMPV6_PKT_TOOBIG, 0,
				 max_t(u32, mtu4 + 20, IPV6_MIN_MTU));
		return v6gw_drop(vn, V6GW_STAT_DROP_TOO_BIG);
	}

	if (v6gw_skb_prepare(skb, proto)) {
		dst_release(dst);
		return v6gw_drop(vn, V6GW_STAT_DROP_NOMEM);
	}
	pkt->mtu_in = skb->dev ? skb->dev->mtu : ~0U;
	pkt->mtu_out = mtu4;
	/*
	 * Only a datagram that may be fragmented needs an ID (RFC 6864
	 * section 4.1): DF is set above 1260 bytes (an ICMP error shrinks,
	 * so it always gets one). Atomic datagrams get 0, as Linux gives
	 * its own; fragments keep the ID of their Fragment header (@fo is
	 * its offset and M bit).
	 */
	if (!fo && (proto == IPPROTO_ICMPV6 || len4 <= 1260 || reasm))
		pkt->ipv4_id = v6gw_ipv4_id(vn->net, src4, dst4, proto,
					   skb_is_gso(skb) ?
					   skb_shinfo(skb)->gso_segs : 1);

	switch (v6gw_xlat_run(map, skb, pkt, false)) {
	case V6GW_XLAT_OK:
		break;
	case V6GW_XLAT_PASS:
		dst_release(dst);
		goto pass;
	case V6GW_XLAT_ICMP:
		dst_release(dst);
		v6gw_icmp6_reply(vn, skb, pkt->icmp.type, pkt->icmp.code,
				 pkt->icmp.info);
		return v6gw_drop(vn, v6gw_reason_stat[pkt->reason]);
	default:
		dst_release(dst);
		return v6gw_drop(vn, v6gw_reason_stat[pkt->reason]);
	}

	v6gw_skb_finish(skb, pkt, false);

	if (hairpin) {
		v6gw_stat_inc(vn, V6GW_STAT_XLAT_6TO4);
		/* Whatever happens to it, the caller sees it stolen. */
		if (hairpin_fn(vn, cfg, skb, state, true) != NF_STOLEN)
			kfree_skb(skb);
		return NF_STOLEN;
	}

	v6gw_stat_inc(vn, V6GW_STAT_XLAT_6TO4);
	return v6gw_send(vn, skb, dst);

pass:
	v6gw_stat_inc(vn, V6GW_STAT_IPV6_PASS);
	return NF_ACCEPT;
}

unsigned int v6gw_xlat_ipv6(struct v6gw_net *vn, const struct v6gw_siit *s,
			    struct sk_buff *skb,
			    const struct nf_hook_state *state)
{
	return v6gw_6to4(vn, s, skb, state, false);
}

/*
 * The CLAT: SIIT with its own snapshot. A packet it took and sent on
 * (NF_STOLEN) is counted once more, as the CLAT's; a GSO packet split in
 * software counts once.
 */
unsigned int v6gw_clat_ipv4(struct v6gw_net *vn, const struct v6gw_clat *c,
			    struct sk_buff *skb,
			    const struct nf_hook_state *state)
{
	unsigned int verdict = v6gw_4to6(vn, c->xlat, skb, state, false);

	if (verdict == NF_STOLEN)
		v6gw_stat_inc(vn, V6GW_STAT_CLAT_4TO6);
	return verdict;
}

unsigned int v6gw_clat_ipv6(struct v6gw_net *vn, const struct v6gw_clat *c,
			    struct sk_buff *skb,
			    const struct nf_hook_state *state)
{
	unsigned int verdict;

	/*
	 * Neighbor Discovery for an island address this box owns (a host
	 * CLAT's address on its uplink, so that it answers solicitations)
	 * is the box's, never translated.
	 */
	if (ipv6_hdr(skb)->nexthdr == IPPROTO_ICMPV6) {
		u8 _t;
		const u8 *t = skb_header_pointer(skb, skb_network_offset(skb) +
						 sizeof(struct ipv6hdr), 1, &_t);

		if (t && *t >= NDISC_ROUTER_SOLICITATION && *t <= NDISC_REDIRECT) {
			v6gw_stat_inc(vn, V6GW_STAT_IPV6_PASS);
			return NF_ACCEPT;
		}
	}
	verdict = v6gw_6to4(vn, c->xlat, skb, state, true);

	if (verdict == NF_STOLEN)
		v6gw_stat_inc(vn, V6GW_STAT_CLAT_6TO4);
	return verdict;
}

/* Stateful NAT64 ------------------------------------------------------------ */

/* The flow of a packet, pulling headers into the linear area as needed. */
static enum v6gw_nat64_tuple_verdict
v6gw_nat64_tuple(struct sk_buff *skb, bool v6, struct v6gw_nat64_tuple *t)
{
	enum v6gw_nat64_tuple_verdict v;
	int tries;

	for (tries = 0; tries < 4; tries++) {
		const u8 *p = skb_network_header(skb);
		u32 linear = skb_headlen(skb) - skb_network_offset(skb);
		u32 len = skb->len - skb_network_offset(skb);
		u32 need = 0;

		v = v6 ? v6gw_nat64_tuple6(p, linear, len, t, &need) :
			 v6gw_nat64_tuple4(p, linear, len, t, &need);
		if (v != V6GW_NT_PULL)
			return v;
		/* generously, as v6gw_xlat_run(): one pull for sane chains */
		if (!pskb_may_pull(skb, skb_network_offset(skb) +
				   max_t(u32, need, min_t(u32, len, 256))))
			return V6GW_NT_BAD;
	}
	return V6GW_NT_BAD;
}

/* IPv6 -> IPv4 through a NAT64 session. */
static unsigned int v6gw_nat64_6to4(struct v6gw_net *vn, const void *c,
				    struct sk_buff *skb,
				    const struct nf_hook_state *state,
				    bool unused)
{
	const struct v6gw_nat64_cfg *cfg = c;
	struct v6gw_xlat_pkt pkt = { 0 };
	struct v6gw_nat64_tuple t;
	int stat = V6GW_STAT_DROP_INTERNAL;

	if (v6gw_skb_fraglist(skb))
		return v6gw_xlat_segs(vn, cfg, skb, state, v6gw_nat64_6to4,
				      false, V6GW_STAT_GRO_LIST_SPLIT);
	switch (v6gw_nat64_tuple(skb, true, &t)) {
	case V6GW_NT_OK:
		break;
	case V6GW_NT_BAD:
		return v6gw_drop(vn, V6GW_STAT_DROP_TRUNCATED);
	default:
		return v6gw_drop(vn, V6GW_STAT_DROP_NAT64_NO_STATE);
	}
	switch (v6gw_nat64_lookup6(vn, cfg, &t, &pkt, &stat)) {
	case V6GW_NR_OK:
		break;
	case V6GW_NR_PASS:
		v6gw_stat_inc(vn, V6GW_STAT_IPV6_PASS);
		return NF_ACCEPT;
	default:
		return v6gw_drop(vn, stat);
	}
	/* To a pool4 address: another IPv6 host behind this NAT64. */
	return v6gw_6to4_out(vn, &cfg->map, cfg, v6gw_nat64_4to6, skb, state,
			     &pkt,
			     v6gw_nat64_dst4(cfg, pkt.premap_dst));
}

/* IPv4 -> IPv6 through a NAT64 session; @hairpin: see v6gw_4to6(). */
static unsigned int v6gw_nat64_4to6(struct v6gw_net *vn, const void *c,
				    struct sk_buff *skb,
				    const struct nf_hook_state *state,
				    bool hairpin)
{
	const struct v6gw_nat64_cfg *cfg = c;
	struct v6gw_xlat_pkt pkt = { 0 };
	struct v6gw_nat64_tuple t;
	int stat = V6GW_STAT_DROP_INTERNAL;

	if (v6gw_skb_fraglist(skb))
		return v6gw_xlat_segs(vn, cfg, skb, state, v6gw_nat64_4to6,
				      hairpin, V6GW_STAT_GRO_LIST_SPLIT);
	switch (v6gw_nat64_tuple(skb, false, &t)) {
	case V6GW_NT_OK:
		break;
	case V6GW_NT_BAD:
		return v6gw_drop(vn, V6GW_STAT_DROP_TRUNCATED);
	default:
		/* another protocol to a pool4 address: the stack's */
		goto pass;
	}
	switch (v6gw_nat64_lookup4(vn, cfg, &t, (const u8 *)&ip_hdr(skb)->saddr,
				   &pkt, &stat)) {
	case V6GW_NR_OK:
		break;
	case V6GW_NR_PASS:
		goto pass;
	case V6GW_NR_HOLD:
		/* hairpinned: an IPv6 SYN, whose sender retries by itself */
		if (!hairpin &&
		    v6gw_nat64_hold(vn, cfg, &t, skb_network_header(skb),
				    skb_headlen(skb) - skb_network_offset(skb))) {
			consume_skb(skb);
			return NF_STOLEN;
		}
		stat = V6GW_STAT_DROP_NAT64_SYN_HELD;
		fallthrough;
	case V6GW_NR_UNREACH:
		if (!hairpin)
			v6gw_icmp4_reply(vn, skb, ICMP_DEST_UNREACH,
					 ICMP_PORT_UNREACH, 0);
		return v6gw_drop(vn, stat);
	default:
		return v6gw_drop(vn, stat);
	}
	return v6gw_4to6_out(vn, &cfg->map, cfg, v6gw_nat64_4to6, skb, state,
			     &pkt, hairpin);

pass:
	v6gw_stat_inc(vn, V6GW_STAT_IPV4_PASS);
	return NF_ACCEPT;
}

unsigned int v6gw_nat64_ipv6(struct v6gw_net *vn,
			     const struct v6gw_nat64_cfg *cfg,
			     struct sk_buff *skb,
			     const struct nf_hook_state *state)
{
	return v6gw_nat64_6to4(vn, cfg, skb, state, false);
}

unsigned int v6gw_nat64_ipv4(struct v6gw_net *vn,
			     const struct v6gw_nat64_cfg *cfg,
			     struct sk_buff *skb,
			     const struct nf_hook_state *state)
{
	return v6gw_nat64_4to6(vn, cfg, skb, state, false);
}
