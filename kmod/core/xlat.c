// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * RFC 7915 header translation, in place; see xlat.h for the contract.
 *
 * Every function first reads what it needs into local structures, decides,
 * and only then writes. The new headers are laid down back to front, ending
 * where the old headers ended, so nothing behind them moves.
 */
#include "xlat_int.h"

static enum v6gw_xlat_verdict answer(struct v6gw_xlat_pkt *pkt, uint8_t why,
				     uint8_t type, uint8_t code, uint32_t info)
{
	pkt->reason = why;
	pkt->icmp.type = type;
	pkt->icmp.code = code;
	pkt->icmp.info = info;
	return V6GW_XLAT_ICMP;
}

/* Bytes of transport header the translator reads or updates. */
static uint32_t l4_need(uint8_t proto)
{
	switch (proto) {
	case P_TCP:
		return 18;
	case P_UDP:
	case P_ICMP:
	case P_ICMPV6:
		return 8;
	default:
		return 0;
	}
}

/*
 * RFC 7915 section 4.1: an unexpired Loose or Strict Source Route option
 * means the packet must not be translated.
 */
static bool source_routed(const uint8_t *p, uint32_t ihl)
{
	uint32_t off = IP4_HLEN;

	while (off < ihl) {
		uint8_t type = p[off], len;

		if (type == 0)		/* end of options */
			break;
		if (type == 1) {	/* no-op */
			off++;
			continue;
		}
		if (off + 1 >= ihl)
			break;
		len = p[off + 1];
		if (len < 2 || off + len > ihl)
			break;
		/* LSRR 131, SSRR 137: pointer (1-based) not past the end */
		if ((type == 131 || type == 137) && len >= 3 &&
		    p[off + 2] <= len)
			return true;
		off += len;
	}
	return false;
}

/**
 * v6gw_xlat_4to6() - translate an IPv4 packet into IPv6 (RFC 7915 section 4)
 * @map: the address mapping policy and settings
 * @pkt: the packet; see struct v6gw_xlat_pkt
 *
 * Return: the verdict. With %V6GW_XLAT_PASS, %V6GW_XLAT_PULL and
 * %V6GW_XLAT_ICMP the packet is untouched; with %V6GW_XLAT_DROP it may be
 * partly rewritten.
 */
enum v6gw_xlat_verdict v6gw_xlat_4to6(const struct v6gw_map *map,
				      struct v6gw_xlat_pkt *pkt)
{
	uint8_t src6[16], dst6[16], *p = pkt->l3, *l4, nh;
	struct v6gw_icmp_xlat x;
	uint32_t l4len, need, hlen6;
	bool frag, first, fh;
	uint8_t ttl;
	struct h4 h;
	int r, delta;

	pkt->reason = V6GW_XR_NONE;
	pkt->udp_csum_fill = false;
	r = v6gw_xl_parse4(p, pkt->linear, &h);
	if (r < 0 || (uint32_t)r > pkt->len)
		return drop(pkt, V6GW_XR_TRUNCATED);
	if (r)
		return pull(pkt, r);
	if (h.tot_len > pkt->len)
		return drop(pkt, V6GW_XR_TRUNCATED);
	if (!v6gw_xl_outer_4to6(map, pkt, false, h.dst, dst6))
		return V6GW_XLAT_PASS;

	l4len = h.tot_len - h.ihl;
	frag = h.mf || h.frag_off;
	first = !h.frag_off;
	l4 = p + h.ihl;
	if (first) {
		need = l4_need(h.proto);
		if (l4len < need)
			return drop(pkt, V6GW_XR_TRUNCATED);
		if (pkt->linear < h.ihl + need)
			return pull(pkt, h.ihl + need);
	}

	if (h.proto == P_IGMP || h.proto == P_ICMPV6)
		return drop(pkt, V6GW_XR_PROTO);
	if (h.proto == P_ICMP) {
		if (frag)
			return drop(pkt, V6GW_XR_ICMP_FRAG);
		v6gw_icmp_4to6(l4[0], l4[1], &x);
		if (x.kind == V6GW_ICMP_DROP)
			return drop(pkt, V6GW_XR_ICMP_TYPE);
		if (x.kind == V6GW_ICMP_ERROR)
			return v6gw_xl_icmp_err_4to6(map, pkt, &h, dst6, &x);
	}

	if (!v6gw_xl_outer_4to6(map, pkt, true, h.src, src6))
		return V6GW_XLAT_PASS;
	/* A hairpinned packet had its TTL checked and decremented once. */
	if (h.ttl <= 1 && !pkt->hairpin)
		return answer(pkt, V6GW_XR_TTL, 11, 0, 0);
	if (h.ihl > IP4_HLEN && source_routed(p, h.ihl))
		return answer(pkt, V6GW_XR_SRC_ROUTE, 3, 5, 0);

	if (h.proto == P_UDP && first && !pkt->csum_partial &&
	    !v6gw_get_be16(l4 + 6)) {
		if (frag)
			return drop(pkt, V6GW_XR_UDP_ZERO_FRAG);
		if (!(map->flags & V6GW_MAP_AMEND_UDP0))
			return drop(pkt, V6GW_XR_UDP_ZERO_CSUM);
		pkt->udp_csum_fill = true;
	}

	fh = frag || pkt->frag6;
	hlen6 = IP6_HLEN + (fh ? FRAG6_HLEN : 0);
	delta = (int)hlen6 - (int)h.ihl;
	if (delta > (int)pkt->headroom)
		return drop(pkt, V6GW_XR_HEADROOM);

	/* Decided: from here on the packet is rewritten. */
	nh = h.proto == P_ICMP ? P_ICMPV6 : h.proto;
	if (h.proto == P_ICMP) {
		uint32_t old = icmp_hdr_sum(l4);

		l4[0] = x.type;
		l4[1] = x.code;
		if (pkt->nat)
			v6gw_put_be16(l4 + 4, pkt->nat_sport);
		v6gw_xl_csum_move(l4 + 2, old,
				  sum_add(icmp_hdr_sum(l4),
					  v6gw_csum_pseudo6(src6, dst6,
							    P_ICMPV6, l4len)),
				  false);
	} else if (first) {
		uint32_t o = sum4(h.src, h.dst), n = sum6(src6, dst6);

		if (pkt->nat && (h.proto == P_TCP || h.proto == P_UDP))
			nat_ports(l4, pkt->linear - h.ihl, pkt->nat_sport,
				  pkt->nat_dport, pkt->csum_partial, &o, &n);
		if (!pkt->udp_csum_fill)
			v6gw_xl_l4_readdress(h.proto, l4, pkt->linear - h.ihl,
					     o, n, pkt->csum_partial);
	}

	p -= delta;
	ttl = pkt->hairpin ? h.ttl : h.ttl - 1;
	v6gw_xl_write6(p, tclass_of(map, h.tos), l4len + (fh ? FRAG6_HLEN : 0),
		       fh ? P_FRAGMENT : nh, ttl, src6, dst6);
	if (fh)
		v6gw_xl_write_frag6(p + IP6_HLEN, nh, h.frag_off, h.mf, h.id);

	pkt->l3 = p;
	pkt->delta = delta;
	pkt->linear += delta;
	pkt->len = h.tot_len + delta;
	pkt->l4off = hlen6;
	pkt->l4proto = nh;
	pkt->first_frag = first;
	return V6GW_XLAT_OK;
}

/**
 * v6gw_xlat_6to4() - translate an IPv6 packet into IPv4 (RFC 7915 section 5)
 * @map: the address mapping policy and settings
 * @pkt: the packet; see struct v6gw_xlat_pkt
 *
 * Return: the verdict. With %V6GW_XLAT_PASS, %V6GW_XLAT_PULL and
 * %V6GW_XLAT_ICMP the packet is untouched; with %V6GW_XLAT_DROP it may be
 * partly rewritten.
 */
enum v6gw_xlat_verdict v6gw_xlat_6to4(const struct v6gw_map *map,
				      struct v6gw_xlat_pkt *pkt)
{
	uint8_t src4[4], dst4[4], *p = pkt->l3, *l4, proto4;
	struct v6gw_icmp_xlat x;
	uint32_t l4len, need, tot;
	uint16_t frag, id;
	struct h6 h;
	bool first;
	int r, delta;

	pkt->reason = V6GW_XR_NONE;
	pkt->udp_csum_fill = false;
	r = v6gw_xl_parse6(p, pkt->linear, &h);
	if (r < 0 || (uint32_t)r > pkt->len)
		return drop(pkt, V6GW_XR_TRUNCATED);
	if (r)
		return pull(pkt, r);
	/* A jumbogram (Payload Length 0) has no IPv4 equivalent. */
	if (!h.plen && pkt->len > IP6_HLEN)
		return drop(pkt, V6GW_XR_TOO_LONG);
	if (h.plen + IP6_HLEN > pkt->len)
		return drop(pkt, V6GW_XR_TRUNCATED);
	if (!v6gw_xl_outer_6to4(map, pkt, false, h.dst, dst4))
		return V6GW_XLAT_PASS;
	if (h.sl_ptr)
		return answer(pkt, V6GW_XR_ROUTING_HDR, 4, 0, h.sl_ptr);
	/* RFC 7915 section 5.1 has no way to remove them: refuse it. */
	if (h.frag_ext)
		return answer(pkt, V6GW_XR_FRAG_EXTHDR, 1, 1, 0);

	l4len = h.plen + IP6_HLEN - h.hlen;
	first = !h.frag_off;
	l4 = p + h.hlen;
	if (first) {
		need = l4_need(h.proto);
		if (l4len < need)
			return drop(pkt, V6GW_XR_TRUNCATED);
		if (pkt->linear < h.hlen + need)
			return pull(pkt, h.hlen + need);
	}

	if (h.proto == P_ICMP)
		return drop(pkt, V6GW_XR_PROTO);
	if (h.proto == P_ICMPV6) {
		if (h6_fragmented(&h))
			return drop(pkt, V6GW_XR_ICMP_FRAG);
		v6gw_icmp_6to4(l4[0], l4[1], &x);
		if (x.kind == V6GW_ICMP_DROP)
			return drop(pkt, V6GW_XR_ICMP_TYPE);
		if (x.kind == V6GW_ICMP_ERROR)
			return v6gw_xl_icmp_err_6to4(map, pkt, &h, dst4, &x);
	}

	if (!v6gw_xl_outer_6to4(map, pkt, true, h.src, src4))
		return V6GW_XLAT_PASS;
	if (h.hop <= 1)
		return answer(pkt, V6GW_XR_TTL, 3, 0, 0);

	tot = IP4_HLEN + l4len;
	if (tot > 0xffff)
		return drop(pkt, V6GW_XR_TOO_LONG);
	if (h.frag) {
		frag = frag4(false, h.mf, h.frag_off);
		id = (uint16_t)h.frag_id;
	} else {
		/* A GSO packet is judged by the size of its segments. */
		uint32_t seg = pkt->seg_len ?
			pkt->seg_len - h.hlen + IP4_HLEN : tot;

		frag = frag4(seg > DF_MAX_LEN, false, 0);
		id = pkt->ipv4_id;
	}
	delta = IP4_HLEN - (int)h.hlen;

	/* Decided: from here on the packet is rewritten. */
	proto4 = h.proto == P_ICMPV6 ? P_ICMP : h.proto;
	if (h.proto == P_ICMPV6) {
		uint32_t old = sum_add(icmp_hdr_sum(l4),
			v6gw_csum_pseudo6(h.src, h.dst, P_ICMPV6, l4len));

		l4[0] = x.type;
		l4[1] = x.code;
		if (pkt->nat)
			v6gw_put_be16(l4 + 4, pkt->nat_sport);
		v6gw_xl_csum_move(l4 + 2, old, icmp_hdr_sum(l4), false);
	} else if (first) {
		uint32_t o = sum6(h.src, h.dst), n = sum4(src4, dst4);

		if (pkt->nat && (h.proto == P_TCP || h.proto == P_UDP))
			nat_ports(l4, pkt->linear - h.hlen, pkt->nat_sport,
				  pkt->nat_dport, pkt->csum_partial, &o, &n);
		v6gw_xl_l4_readdress(h.proto, l4, pkt->linear - h.hlen, o, n,
				     pkt->csum_partial);
	}

	p -= delta;
	v6gw_xl_write4(p, tos_of(map, h.tclass), (uint16_t)tot, id, frag,
		       h.hop - 1, proto4, src4, dst4);

	pkt->l3 = p;
	pkt->delta = delta;
	pkt->linear += delta;
	pkt->len = tot;
	pkt->l4off = IP4_HLEN;
	pkt->l4proto = proto4;
	pkt->first_frag = first;
	return V6GW_XLAT_OK;
}
