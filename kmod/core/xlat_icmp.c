// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * RFC 7915 translation of ICMP error messages (sections 4.2 and 5.2): the
 * outer header, the ICMP header and the embedded packet are rewritten in
 * front of the embedded transport header, which stays where it is; RFC
 * 4884 extensions are laid out again or removed.
 */
#include "xlat_int.h"

/*
 * RFC 4884 extensions. Dest Unreachable, Time Exceeded and (ICMPv4 only)
 * Parameter Problem carry the length of their "original datagram" field
 * in units of 4 (ICMPv4, octet 5) or 8 (ICMPv6, octet 4) bytes; when it is
 * not zero, an extension structure may follow that field. It is carried
 * across unchanged (as opaque bytes: RFC 7915 sections 4.2 and 5.2) when
 * the translated type has a length field too, with the field laid out
 * again for the new header sizes; otherwise it is cut off and the length
 * is zero.
 *
 * A length that does not describe an extension is ignored: the message is
 * handled as one without extensions (RFC 4884 section 5), its whole body
 * being the original datagram, and the new length is zero. That is the
 * case when the length reaches the end of the message or beyond, and when
 * it is below the 128 bytes that RFC 4884 section 4 requires with an
 * extension (a receiver such as Linux's ip_icmp_error_rfc4884() ignores
 * those too). Nothing is dropped for it: the quoted packet, which is all
 * the translation needs, is still there at the front of the body.
 */
#define RFC4884_MIN	128	/* RFC 4884 section 4: original datagram */
#define RFC4884_MAX	255	/* the length field's largest value */

/**
 * rfc4884_orig() - the "original datagram" length of an extended ICMP error
 * @total: bytes from the outer header to the end of the message
 * @body: offset of the original datagram field (behind the ICMP header)
 * @len: the length field, in bytes
 *
 * Return: @len when an RFC 4884 extension follows the original datagram
 * field, 0 when there is none or the length is not RFC 4884's (see above).
 */
static uint32_t rfc4884_orig(uint32_t total, uint32_t body, uint32_t len)
{
	if (len < RFC4884_MIN || body + len >= total)
		return 0;
	return len;
}

/**
 * rfc4884_fit() - the new length of the original datagram field
 * @tlen: bytes of translated original datagram available
 * @unit: the new length field's unit: 8 (ICMPv6) or 4 (ICMPv4)
 * @room: the most bytes the field may take in the new message
 *
 * The field must be a multiple of @unit and at least 128 bytes long
 * (RFC 4884 section 4); it is @tlen cut down to that (the quoted packet
 * is only ever "as much as fits"), or 128 when @tlen is shorter, the
 * difference to be zero-padded.
 *
 * Return: the new length in bytes, or 0 when 128 bytes do not fit.
 */
static uint32_t rfc4884_fit(uint32_t tlen, uint32_t unit, uint32_t room)
{
	uint32_t max = RFC4884_MAX * unit;

	if (room < max)
		max = room;
	max &= ~(unit - 1);
	if (max < RFC4884_MIN)
		return 0;
	if (tlen < RFC4884_MIN)
		return RFC4884_MIN;
	if (tlen > max)
		tlen = max;
	return tlen & ~(unit - 1);
}

/* What is left of @max after @used, or 0: never a wrapped-around size. */
static uint32_t room_after(uint32_t max, uint32_t used)
{
	return used < max ? max - used : 0;
}

/**
 * rfc4884_move() - lay out the original datagram and the extension again
 * @p: the old network header
 * @rest: offset of the quoted bytes behind the embedded network header
 * @keep: how many of them stay
 * @pad: zero bytes behind them, to make up the original datagram field
 * @ext: offset of the extension
 * @elen: its length
 *
 * The kept quoted bytes move @pad bytes towards the front (into space the
 * caller has checked), the padding follows them, and the extension moves
 * up behind the padding: towards the front too, @keep being at most the
 * bytes between @rest and @ext. Nothing is written past the old end.
 */
static void rfc4884_move(uint8_t *p, uint32_t rest, uint32_t keep,
			 uint32_t pad, uint32_t ext, uint32_t elen)
{
	if (pad) {
		memmove(p + rest - pad, p + rest, keep);
		memset(p + rest - pad + keep, 0, pad);
	}
	if (rest + keep != ext)
		memmove(p + rest + keep, p + ext, elen);
}

/*
 * The embedded packet of an ICMPv4 error, as IPv6: header bytes in @out
 * (40, or 48 with a Fragment header), transport checksum fixed in place.
 * With @hairpin its destination, the outer source's counterpart, is mapped
 * as that one is: with the RFC 6052 prefix only (RFC 7757 section 4).
 * Return: the new header length, or 0 when it cannot be translated.
 */
static uint32_t inner_4to6(const struct v6gw_map *m,
			   const struct v6gw_xlat_pkt *pkt, uint8_t *in,
			   uint32_t avail, uint8_t *out)
{
	bool hairpin = pkt->hairpin;
	struct v6gw_icmp_xlat x;
	uint8_t src6[16], dst6[16];
	uint32_t l4avail, l4len;
	bool frag, first;
	struct h4 h;
	uint8_t *l4;
	uint8_t nh;

	if (v6gw_xl_parse4(in, avail, &h))
		return 0;
	if (pkt->nat) {
		memcpy(src6, pkt->nat_in_src, 16);
		memcpy(dst6, pkt->nat_in_dst, 16);
	} else if (!v6gw_map_4to6(m, h.src, src6) ||
		   !(hairpin ? v6gw_map_4to6_prefix(m, h.dst, dst6) :
			       v6gw_map_4to6(m, h.dst, dst6))) {
		return 0;
	}
	l4 = in + h.ihl;
	l4avail = avail - h.ihl;
	l4len = h.tot_len - h.ihl;
	frag = h.mf || h.frag_off;
	first = !h.frag_off;
	nh = h.proto == P_ICMP ? P_ICMPV6 : h.proto;

	if (first && h.proto == P_ICMP) {
		if (l4avail < 4)
			return 0;
		v6gw_icmp_4to6(l4[0], l4[1], &x);
		/* One level of embedding only: no error inside an error. */
		if (x.kind != V6GW_ICMP_INFO)
			return 0;
		if (l4avail >= ICMP_HLEN) {
			uint32_t old = icmp_hdr_sum(l4);
			uint32_t new = v6gw_csum_pseudo6(src6, dst6, P_ICMPV6,
							 l4len);

			l4[0] = x.type;
			l4[1] = x.code;
			if (pkt->nat)
				v6gw_put_be16(l4 + 4, pkt->nat_in_sport);
			v6gw_xl_csum_move(l4 + 2, old,
					  sum_add(icmp_hdr_sum(l4), new),
					  false);
		} else {
			l4[0] = x.type;
			l4[1] = x.code;
			if (pkt->nat && l4avail >= 6)
				v6gw_put_be16(l4 + 4, pkt->nat_in_sport);
		}
	} else if (first) {
		uint32_t o = sum4(h.src, h.dst), n = sum6(src6, dst6);

		if (pkt->nat && (h.proto == P_TCP || h.proto == P_UDP))
			nat_ports(l4, l4avail, pkt->nat_in_sport,
				  pkt->nat_in_dport, false, &o, &n);
		v6gw_xl_l4_readdress(h.proto, l4, l4avail, o, n, false);
	}

	v6gw_xl_write6(out, tclass_of(m, h.tos),
		       l4len + (frag ? FRAG6_HLEN : 0), frag ? P_FRAGMENT : nh,
		       h.ttl, src6, dst6);
	if (!frag)
		return IP6_HLEN;
	v6gw_xl_write_frag6(out + IP6_HLEN, nh, h.frag_off, h.mf, h.id);
	return IP6_HLEN + FRAG6_HLEN;
}

/* ICMPv4 error -> ICMPv6 error (RFC 7915 section 4.2 and 4.3). */
enum v6gw_xlat_verdict
v6gw_xl_icmp_err_4to6(const struct v6gw_map *m, struct v6gw_xlat_pkt *pkt,
		      const struct h4 *h, const uint8_t *dst6,
		      const struct v6gw_icmp_xlat *x)
{
	uint8_t inner6[IP6_HLEN + FRAG6_HLEN], icmp6[ICMP_HLEN], src6[16];
	uint8_t *p = pkt->l3, *icmp = p + h->ihl, *in = icmp + ICMP_HLEN;
	uint32_t total = h->tot_len, ihl_in, in6len, start, new_total;
	uint32_t body = h->ihl + ICMP_HLEN, orig = 0, elen = 0, flen = 0;
	uint32_t tlen, pad = 0;
	uint32_t word = 0;
	uint8_t *np, ttl;
	int delta;

	if (pkt->linear < total)
		return pull(pkt, total);
	/* A hairpinned error had its TTL checked and decremented once. */
	if (h->ttl <= 1 && !pkt->hairpin)
		return drop(pkt, V6GW_XR_TTL);
	ttl = pkt->hairpin ? h->ttl : h->ttl - 1;
	/* The checksum is recomputed below: never launder a corrupt one. */
	if (v6gw_csum_fold(v6gw_csum_partial(icmp, total - h->ihl, 0)) != 0xffff)
		return drop(pkt, V6GW_XR_CSUM);

	/*
	 * RFC 4884 length, in 4-byte words: Dest Unreachable, Time Exceeded,
	 * Param Problem. From here on @total ends the original datagram.
	 */
	if (icmp[0] == 3 || icmp[0] == 11 || icmp[0] == 12)
		orig = rfc4884_orig(total, body, icmp[5] * 4u);
	if (orig) {
		elen = total - body - orig;
		total = body + orig;
	}
	if (total < body + IP4_HLEN)
		return drop(pkt, V6GW_XR_ICMP_ERROR);
	ihl_in = (in[0] & 0xf) * 4u;
	if (ihl_in < IP4_HLEN)
		return drop(pkt, V6GW_XR_ICMP_ERROR);
	/* An embedded fragment keeps a Fragment header. */
	in6len = IP6_HLEN + (v6gw_get_be16(in + 6) & 0x3fff ? FRAG6_HLEN : 0);
	start = body + ihl_in;
	delta = (int)(IP6_HLEN + ICMP_HLEN + in6len) - (int)start;
	if (delta > (int)pkt->headroom)
		return drop(pkt, V6GW_XR_HEADROOM);

	/*
	 * Carry the extension when ICMPv6 has a length field for the type
	 * (Dest Unreachable, Time Exceeded) and 128 bytes of original
	 * datagram fit in 1280 bytes with it. Padding (needed only when
	 * inner options made the quote shrink below 128) moves the front
	 * further into the headroom, to 20 bytes in front of the old start
	 * at most; when the headroom is short for it, the extension goes.
	 */
	if (elen && (x->type == 1 || x->type == 3)) {
		/* orig >= 128 > ihl_in */
		tlen = orig - ihl_in + in6len;
		flen = rfc4884_fit(tlen, 8, room_after(ICMP6_ERR_MAX,
				   IP6_HLEN + ICMP_HLEN + elen));
		pad = flen > tlen ? flen - tlen : 0;
		if (delta + (int)pad > (int)pkt->headroom)
			flen = pad = 0;
	}

	switch (x->param) {
	case V6GW_ICMP_P_MTU:
		word = v6gw_icmp_mtu_4to6(v6gw_get_be16(icmp + 6),
					  v6gw_get_be16(in + 2),
					  pkt->mtu_out, pkt->mtu_in);
		break;
	case V6GW_ICMP_P_POINTER: {
		uint8_t ptr;

		if (!v6gw_icmp_ptr_4to6(icmp[4], &ptr))
			return drop(pkt, V6GW_XR_ICMP_ERROR);
		word = ptr;
		break;
	}
	case V6GW_ICMP_P_FIXED_PTR:
		word = x->fixed_ptr;
		break;
	default:
		break;
	}

	if (!v6gw_xl_outer_4to6(m, pkt, true, h->src, src6) &&
	    !v6gw_map_4to6_err_src(m, h->src, src6)) {
		if (!(m->flags & V6GW_MAP_RFC6791V6))
			return drop(pkt, V6GW_XR_ICMP_ERROR);
		v6gw_map_rfc6791v6(m, h->src, src6);
	}

	if (inner_4to6(m, pkt, in, total - body, inner6) != in6len)
		return drop(pkt, V6GW_XR_ICMP_ERROR);

	/*
	 * New layout: outer6 | icmp6 | inner6 | inner transport, unmoved, or
	 * with an extension carried: outer6 | icmp6 | inner6 | inner
	 * transport, moved @pad to the front | @pad zeros | extension, moved
	 * to the front by what was cut from the inner transport.
	 */
	if (flen) {
		rfc4884_move(p, start, flen - pad - in6len, pad, total, elen);
		delta += (int)pad;
		new_total = IP6_HLEN + ICMP_HLEN + flen + elen;
		word = (flen / 8) << 24;
	} else {
		new_total = total + delta;
		if (new_total > ICMP6_ERR_MAX)
			new_total = ICMP6_ERR_MAX;
	}

	icmp6[0] = x->type;
	icmp6[1] = x->code;
	icmp6[2] = 0;
	icmp6[3] = 0;
	v6gw_put_be32(icmp6 + 4, word);

	np = p - delta;
	memcpy(np + IP6_HLEN + ICMP_HLEN, inner6, in6len);
	memcpy(np + IP6_HLEN, icmp6, ICMP_HLEN);
	v6gw_xl_write6(np, tclass_of(m, h->tos), new_total - IP6_HLEN, P_ICMPV6,
		       ttl, src6, dst6);
	v6gw_put_be16(np + IP6_HLEN + 2,
		      v6gw_csum_finish(v6gw_csum_partial(np + IP6_HLEN,
				new_total - IP6_HLEN,
				v6gw_csum_pseudo6(src6, dst6, P_ICMPV6,
						  new_total - IP6_HLEN))));

	pkt->l3 = np;
	pkt->delta = delta;
	pkt->linear = new_total;
	pkt->len = new_total;
	pkt->l4off = IP6_HLEN;
	pkt->l4proto = P_ICMPV6;
	pkt->first_frag = true;
	return V6GW_XLAT_OK;
}

/*
 * The embedded packet of an ICMPv6 error, as IPv4: 20 header bytes in @out,
 * transport checksum fixed in place. @hlen gets the old header length.
 * Return: false when it cannot be translated.
 */
static bool inner_6to4(const struct v6gw_map *m,
		       const struct v6gw_xlat_pkt *pkt, uint8_t *in,
		       uint32_t avail, uint8_t *out, uint32_t *hlen)
{
	struct v6gw_icmp_xlat x;
	uint8_t src4[4], dst4[4];
	uint32_t l4avail, l4len, tot;
	uint16_t frag;
	struct h6 h;
	uint8_t *l4;
	bool first;

	if (v6gw_xl_parse6(in, avail, &h) || h.frag_ext)
		return false;
	if (pkt->nat) {
		memcpy(src4, pkt->nat_in_src, 4);
		memcpy(dst4, pkt->nat_in_dst, 4);
	} else if (!v6gw_map_6to4(m, h.src, src4) ||
		   !v6gw_map_6to4(m, h.dst, dst4)) {
		return false;
	}
	l4 = in + h.hlen;
	l4avail = avail - h.hlen;
	l4len = h.plen + IP6_HLEN - h.hlen;
	first = !h.frag_off;

	if (first && h.proto == P_ICMPV6) {
		if (l4avail < 4)
			return false;
		v6gw_icmp_6to4(l4[0], l4[1], &x);
		if (x.kind != V6GW_ICMP_INFO)
			return false;
		if (l4avail >= ICMP_HLEN) {
			uint32_t old = sum_add(icmp_hdr_sum(l4),
				v6gw_csum_pseudo6(h.src, h.dst, P_ICMPV6,
						  l4len));

			l4[0] = x.type;
			l4[1] = x.code;
			if (pkt->nat)
				v6gw_put_be16(l4 + 4, pkt->nat_in_sport);
			v6gw_xl_csum_move(l4 + 2, old, icmp_hdr_sum(l4), false);
		} else {
			l4[0] = x.type;
			l4[1] = x.code;
			if (pkt->nat && l4avail >= 6)
				v6gw_put_be16(l4 + 4, pkt->nat_in_sport);
		}
	} else if (first) {
		uint32_t o = sum6(h.src, h.dst), n = sum4(src4, dst4);

		if (pkt->nat && (h.proto == P_TCP || h.proto == P_UDP))
			nat_ports(l4, l4avail, pkt->nat_in_sport,
				  pkt->nat_in_dport, false, &o, &n);
		v6gw_xl_l4_readdress(h.proto, l4, l4avail, o, n, false);
	}

	tot = IP4_HLEN + l4len;
	if (h.frag)
		frag = frag4(false, h.mf, h.frag_off);
	else
		frag = frag4(tot > DF_MAX_LEN, false, 0);
	v6gw_xl_write4(out, tos_of(m, h.tclass), (uint16_t)tot,
		       (uint16_t)h.frag_id, frag, h.hop,
		       h.proto == P_ICMPV6 ? P_ICMP : h.proto, src4, dst4);
	*hlen = h.hlen;
	return true;
}

/* ICMPv6 error -> ICMPv4 error (RFC 7915 section 5.2 and 5.3). */
enum v6gw_xlat_verdict
v6gw_xl_icmp_err_6to4(const struct v6gw_map *m, struct v6gw_xlat_pkt *pkt,
		      const struct h6 *h, const uint8_t *dst4,
		      const struct v6gw_icmp_xlat *x)
{
	uint8_t inner4[IP4_HLEN], icmp4[ICMP_HLEN], src4[4];
	uint8_t *p = pkt->l3, *icmp = p + h->hlen, *in = icmp + ICMP_HLEN;
	uint32_t total = h->plen + IP6_HLEN, hlen_in, start, new_total;
	uint32_t body = h->hlen + ICMP_HLEN, orig = 0, elen = 0, flen = 0;
	uint32_t tlen, pad = 0;
	uint8_t *np;
	int delta;

	if (pkt->linear < total)
		return pull(pkt, total);
	if (h->hop <= 1)
		return drop(pkt, V6GW_XR_TTL);
	if (v6gw_csum_fold(v6gw_csum_partial(icmp, total - h->hlen,
			v6gw_csum_pseudo6(h->src, h->dst, P_ICMPV6,
					  total - h->hlen))) != 0xffff)
		return drop(pkt, V6GW_XR_CSUM);

	/*
	 * RFC 4884 length, in 8-byte words: Dest Unreachable, Time Exceeded.
	 * From here on @total ends the original datagram, and no more than
	 * 1280 bytes of an oversized error are read.
	 */
	if (icmp[0] == 1 || icmp[0] == 3)
		orig = rfc4884_orig(total, body, icmp[4] * 8u);
	if (orig) {
		elen = total - body - orig;
		total = body + orig;
	}
	if (total > ICMP6_ERR_MAX)
		total = ICMP6_ERR_MAX;
	if (total < body + IP6_HLEN)
		return drop(pkt, V6GW_XR_ICMP_ERROR);

	memset(icmp4, 0, sizeof(icmp4));
	icmp4[0] = x->type;
	icmp4[1] = x->code;
	switch (x->param) {
	case V6GW_ICMP_P_MTU:
		v6gw_put_be16(icmp4 + 6,
			      v6gw_icmp_mtu_6to4(v6gw_get_be32(icmp + 4),
						 pkt->mtu_out, pkt->mtu_in));
		break;
	case V6GW_ICMP_P_POINTER:
		if (!v6gw_icmp_ptr_6to4(v6gw_get_be32(icmp + 4), &icmp4[4]))
			return drop(pkt, V6GW_XR_ICMP_ERROR);
		break;
	default:
		break;
	}

	if (!v6gw_xl_outer_6to4(m, pkt, true, h->src, src4)) {
		if (!(m->flags & V6GW_MAP_RFC6791V4))
			return drop(pkt, V6GW_XR_ICMP_ERROR);
		v6gw_map_rfc6791v4(m, h->src, src4);
	}

	if (!inner_6to4(m, pkt, in, total - body, inner4, &hlen_in))
		return drop(pkt, V6GW_XR_ICMP_ERROR);

	start = body + hlen_in;
	delta = (int)(IP4_HLEN + ICMP_HLEN + IP4_HLEN) - (int)start;

	/*
	 * Carry the extension when ICMPv4 has a length field for the type
	 * (always here: Dest Unreachable becomes 3/x but never 3/4, Time
	 * Exceeded 11), within the 576 bytes of an ICMPv4 error: the
	 * original datagram field is shortened first, to 128 bytes at
	 * least; the extension goes only when it does not fit behind that.
	 * The new headers are at least 40 bytes shorter: padding to 128
	 * bytes still starts the message 20 bytes or more behind the old
	 * start, so the headroom check is only a safeguard.
	 */
	if (elen && (x->type == 3 || x->type == 11 || x->type == 12)) {
		/* hlen_in <= total - body: parsed within the quote */
		tlen = total - start + IP4_HLEN;
		flen = rfc4884_fit(tlen, 4, room_after(ICMP4_ERR_MAX,
				   IP4_HLEN + ICMP_HLEN + elen));
		pad = flen > tlen ? flen - tlen : 0;
		if (delta + (int)pad > (int)pkt->headroom)
			flen = pad = 0;
	}

	/*
	 * New layout: outer4 | icmp4 | inner4 | inner transport, unmoved, or
	 * with an extension carried: outer4 | icmp4 | inner4 | inner
	 * transport, moved @pad to the front | @pad zeros | extension, moved
	 * to the front by what was cut from the inner transport.
	 */
	if (flen) {
		rfc4884_move(p, start, flen - pad - IP4_HLEN, pad,
			     body + orig, elen);
		delta += (int)pad;
		new_total = IP4_HLEN + ICMP_HLEN + flen + elen;
		icmp4[5] = (uint8_t)(flen / 4);
	} else {
		new_total = total + delta;
		if (new_total > ICMP4_ERR_MAX)
			new_total = ICMP4_ERR_MAX;
	}

	np = p - delta;
	memcpy(np + IP4_HLEN + ICMP_HLEN, inner4, IP4_HLEN);
	memcpy(np + IP4_HLEN, icmp4, ICMP_HLEN);
	v6gw_put_be16(np + IP4_HLEN + 2,
		      v6gw_csum_finish(v6gw_csum_partial(np + IP4_HLEN,
				new_total - IP4_HLEN, 0)));
	/*
	 * At most 576 bytes: DF clear (RFC 7915 section 5.1); in an atomic
	 * fragment the ID is the Fragment header's (section 5.1.1).
	 */
	v6gw_xl_write4(np, tos_of(m, h->tclass), (uint16_t)new_total,
		       h->frag ? (uint16_t)h->frag_id : pkt->ipv4_id,
		       frag4(false, false, 0), h->hop - 1, P_ICMP, src4, dst4);

	pkt->l3 = np;
	pkt->delta = delta;
	pkt->linear = new_total;
	pkt->len = new_total;
	pkt->l4off = IP4_HLEN;
	pkt->l4proto = P_ICMP;
	pkt->first_frag = true;
	return V6GW_XLAT_OK;
}
