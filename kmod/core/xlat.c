// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * RFC 7915 header translation, in place; see xlat.h for the contract.
 *
 * Every function first reads what it needs into local structures, decides,
 * and only then writes. The new headers are laid down back to front, ending
 * where the old headers ended, so nothing behind them moves.
 */
#include "csum.h"
#include "icmp.h"
#include "map.h"
#include "xlat.h"

#define IP4_HLEN	20
#define IP6_HLEN	40
#define FRAG6_HLEN	8
#define ICMP_HLEN	8
#define ICMP6_ERR_MAX	1280	/* RFC 4443 section 2.4 (c) */
#define DF_MAX_LEN	1260	/* RFC 7915 section 5.1: DF above this */

enum {
	P_HOPOPTS = 0,
	P_ICMP = 1,
	P_IGMP = 2,
	P_TCP = 6,
	P_UDP = 17,
	P_ROUTING = 43,
	P_FRAGMENT = 44,
	P_ICMPV6 = 58,
	P_DSTOPTS = 60,
};

/* An IPv4 header, read before anything is overwritten. */
struct h4 {
	uint32_t ihl;		/* header length in bytes */
	uint16_t tot_len;
	uint16_t id;
	uint16_t frag_off;	/* in 8-byte units */
	bool df, mf;
	uint8_t tos;
	uint8_t ttl;
	uint8_t proto;
	uint8_t src[4], dst[4];
};

/* An IPv6 header and its extension headers. */
struct h6 {
	uint32_t hlen;		/* fixed header plus extension headers */
	uint32_t plen;		/* Payload Length */
	uint32_t frag_id;
	uint32_t sl_ptr;	/* offset of a non-zero Segments Left, or 0 */
	uint16_t frag_off;	/* in 8-byte units */
	bool frag, mf;
	uint8_t tclass;
	uint8_t hop;
	uint8_t proto;		/* upper-layer protocol */
	uint8_t src[16], dst[16];
};

static enum v6gw_xlat_verdict drop(struct v6gw_xlat_pkt *pkt, uint8_t why)
{
	pkt->reason = why;
	return V6GW_XLAT_DROP;
}

static enum v6gw_xlat_verdict pull(struct v6gw_xlat_pkt *pkt, uint32_t n)
{
	pkt->need = n;
	return V6GW_XLAT_PULL;
}

static enum v6gw_xlat_verdict answer(struct v6gw_xlat_pkt *pkt, uint8_t why,
				     uint8_t type, uint8_t code, uint32_t info)
{
	pkt->reason = why;
	pkt->icmp.type = type;
	pkt->icmp.code = code;
	pkt->icmp.info = info;
	return V6GW_XLAT_ICMP;
}

/*
 * An outer address the caller has mapped already (pkt->premap): false when
 * it has not; otherwise true, with *@ok saying whether it maps and @out
 * holding it (@n bytes) if so.
 */
static bool premapped(const struct v6gw_xlat_pkt *pkt, bool src, uint8_t *out,
		      uint32_t n, bool *ok)
{
	if (!(pkt->premap & (src ? V6GW_PREMAP_SRC : V6GW_PREMAP_DST)))
		return false;
	*ok = !src || (pkt->premap & V6GW_PREMAP_SRC_OK);
	if (*ok)
		memcpy(out, src ? pkt->premap_src : pkt->premap_dst, n);
	return true;
}

/* The outer source or destination as IPv6, from the caller or mapped here. */
static bool outer_4to6(const struct v6gw_map *m,
		       const struct v6gw_xlat_pkt *pkt, bool src,
		       const uint8_t v4[4], uint8_t v6[16])
{
	bool ok;

	if (premapped(pkt, src, v6, 16, &ok))
		return ok;
	if (src && pkt->hairpin)
		return v6gw_map_4to6_prefix(m, v4, v6);
	return v6gw_map_4to6(m, v4, v6);
}

/* The outer source or destination as IPv4, from the caller or mapped here. */
static bool outer_6to4(const struct v6gw_map *m,
		       const struct v6gw_xlat_pkt *pkt, bool src,
		       const uint8_t v6[16], uint8_t v4[4])
{
	bool ok;

	if (premapped(pkt, src, v4, 4, &ok))
		return ok;
	return v6gw_map_6to4(m, v6, v4);
}

/*
 * Parse an IPv4 header. Return: 0, -1 when malformed, or the number of
 * bytes needed when @avail is not enough.
 */
static int parse4(const uint8_t *p, uint32_t avail, struct h4 *h)
{
	uint16_t frag;

	if (avail < IP4_HLEN)
		return IP4_HLEN;
	if (p[0] >> 4 != 4)
		return -1;
	h->ihl = (p[0] & 0xf) * 4;
	if (h->ihl < IP4_HLEN)
		return -1;
	if (avail < h->ihl)
		return h->ihl;
	h->tos = p[1];
	h->tot_len = v6gw_get_be16(p + 2);
	h->id = v6gw_get_be16(p + 4);
	frag = v6gw_get_be16(p + 6);
	h->df = frag & 0x4000;
	h->mf = frag & 0x2000;
	h->frag_off = frag & 0x1fff;
	h->ttl = p[8];
	h->proto = p[9];
	memcpy(h->src, p + 12, 4);
	memcpy(h->dst, p + 16, 4);
	if (h->tot_len < h->ihl)
		return -1;
	return 0;
}

/*
 * Parse an IPv6 header and walk its extension headers up to the upper
 * layer. Same return convention as parse4().
 */
static int parse6(const uint8_t *p, uint32_t avail, struct h6 *h)
{
	uint32_t off = IP6_HLEN;
	uint8_t nh;

	if (avail < IP6_HLEN)
		return IP6_HLEN;
	if (p[0] >> 4 != 6)
		return -1;
	h->tclass = (uint8_t)((p[0] & 0xf) << 4 | p[1] >> 4);
	h->plen = v6gw_get_be16(p + 4);
	h->hop = p[7];
	memcpy(h->src, p + 8, 16);
	memcpy(h->dst, p + 24, 16);
	h->frag = false;
	h->mf = false;
	h->frag_off = 0;
	h->frag_id = 0;
	h->sl_ptr = 0;

	nh = p[6];
	for (;;) {
		uint32_t len;

		if (nh != P_HOPOPTS && nh != P_ROUTING && nh != P_FRAGMENT &&
		    nh != P_DSTOPTS)
			break;
		/* Hop-by-hop options are only allowed first (RFC 8200 4.1). */
		if (nh == P_HOPOPTS && off != IP6_HLEN)
			return -1;
		if (avail < off + 8)
			return off + 8;
		if (nh == P_FRAGMENT) {
			uint16_t f = v6gw_get_be16(p + off + 2);

			if (h->frag)
				return -1;
			h->frag = true;
			h->frag_off = f >> 3;
			h->mf = f & 1;
			h->frag_id = v6gw_get_be32(p + off + 4);
			len = FRAG6_HLEN;
		} else {
			len = (p[off + 1] + 1) * 8;
			if (avail < off + len)
				return off + len;
			if (nh == P_ROUTING && p[off + 3] && !h->sl_ptr)
				h->sl_ptr = off + 3;
		}
		nh = p[off];
		off += len;
		/* Past a non-first fragment's Fragment header, nothing follows. */
		if (h->frag && h->frag_off)
			break;
	}
	h->proto = nh;
	h->hlen = off;
	if (h->plen + IP6_HLEN < off)
		return -1;
	return 0;
}

static uint32_t sum4(const uint8_t *a, const uint8_t *b)
{
	return v6gw_csum_partial(b, 4, v6gw_csum_partial(a, 4, 0));
}

static uint32_t sum6(const uint8_t *a, const uint8_t *b)
{
	return v6gw_csum_partial(b, 16, v6gw_csum_partial(a, 16, 0));
}

/*
 * Update a checksum field for a change of the data it covers, the removed
 * part summing to @old and the added part to @new. A CHECKSUM_PARTIAL seed
 * is the uncomplemented pseudo-header sum, so it moves the other way round.
 */
static void csum_move(uint8_t *field, uint32_t old, uint32_t new,
		      bool partial)
{
	uint16_t c = v6gw_get_be16(field);

	if (partial)
		c = (uint16_t)~v6gw_csum_adjust((uint16_t)~c, old, new);
	else
		c = v6gw_csum_adjust(c, old, new);
	v6gw_put_be16(field, c);
}

/*
 * Fix a TCP or UDP checksum for new pseudo-header addresses. @avail bytes
 * of the transport header are present (inner packets may be cut short).
 * A zero UDP checksum stays zero: the caller decides what that means.
 */
static void l4_readdress(uint8_t proto, uint8_t *l4, uint32_t avail,
			 uint32_t old, uint32_t new, bool partial)
{
	if (proto == P_TCP && avail >= 18) {
		csum_move(l4 + 16, old, new, partial);
	} else if (proto == P_UDP && avail >= 8) {
		if (!v6gw_get_be16(l4 + 6))
			return;
		csum_move(l4 + 6, old, new, partial);
		if (!partial && !v6gw_get_be16(l4 + 6))
			v6gw_put_be16(l4 + 6, 0xffff);
	}
}

/* Two partial sums added with the end-around carry. */
static uint32_t sum_add(uint32_t a, uint32_t b)
{
	uint32_t r = a + b;

	return r + (r < a);
}

/* The sum of an ICMP header's words other than the checksum. */
static uint32_t icmp_hdr_sum(const uint8_t *icmp)
{
	uint32_t s = v6gw_csum_partial(icmp, 2, 0);

	return v6gw_csum_partial(icmp + 4, 4, s);
}

static void write6(uint8_t *p, uint8_t tclass, uint32_t plen, uint8_t nh,
		   uint8_t hop, const uint8_t *src, const uint8_t *dst)
{
	p[0] = 0x60 | tclass >> 4;
	p[1] = (uint8_t)(tclass << 4);
	p[2] = 0;
	p[3] = 0;
	v6gw_put_be16(p + 4, (uint16_t)plen);
	p[6] = nh;
	p[7] = hop;
	memcpy(p + 8, src, 16);
	memcpy(p + 24, dst, 16);
}

static void write_frag6(uint8_t *p, uint8_t nh, uint16_t off, bool mf,
			uint32_t id)
{
	p[0] = nh;
	p[1] = 0;
	v6gw_put_be16(p + 2, (uint16_t)(off << 3 | mf));
	v6gw_put_be32(p + 4, id);
}

static void write4(uint8_t *p, uint8_t tos, uint16_t tot_len, uint16_t id,
		   uint16_t frag, uint8_t ttl, uint8_t proto,
		   const uint8_t *src, const uint8_t *dst)
{
	p[0] = 0x45;
	p[1] = tos;
	v6gw_put_be16(p + 2, tot_len);
	v6gw_put_be16(p + 4, id);
	v6gw_put_be16(p + 6, frag);
	p[8] = ttl;
	p[9] = proto;
	p[10] = 0;
	p[11] = 0;
	memcpy(p + 12, src, 4);
	memcpy(p + 16, dst, 4);
	v6gw_put_be16(p + 10, v6gw_csum_finish(v6gw_csum_partial(p, 20, 0)));
}

static uint16_t frag4(bool df, bool mf, uint16_t off)
{
	return (uint16_t)((df ? 0x4000 : 0) | (mf ? 0x2000 : 0) | off);
}

static uint8_t tclass_of(const struct v6gw_map *m, uint8_t tos)
{
	return m->flags & V6GW_MAP_TCLASS_SET ? m->tclass : tos;
}

static uint8_t tos_of(const struct v6gw_map *m, uint8_t tclass)
{
	return m->flags & V6GW_MAP_TOS_SET ? m->tos : tclass;
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
 * Return: the new header length, or 0 when it cannot be translated.
 */
static uint32_t inner_4to6(const struct v6gw_map *m, uint8_t *in,
			   uint32_t avail, uint8_t *out)
{
	struct v6gw_icmp_xlat x;
	uint8_t src6[16], dst6[16];
	uint32_t l4avail, l4len;
	bool frag, first;
	struct h4 h;
	uint8_t *l4;
	uint8_t nh;

	if (parse4(in, avail, &h))
		return 0;
	if (!v6gw_map_4to6(m, h.src, src6) || !v6gw_map_4to6(m, h.dst, dst6))
		return 0;
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

			l4[0] = x.type;
			l4[1] = x.code;
			csum_move(l4 + 2, old,
				  sum_add(icmp_hdr_sum(l4),
					  v6gw_csum_pseudo6(src6, dst6,
							    P_ICMPV6, l4len)),
				  false);
		} else {
			l4[0] = x.type;
			l4[1] = x.code;
		}
	} else if (first) {
		l4_readdress(h.proto, l4, l4avail, sum4(h.src, h.dst),
			     sum6(src6, dst6), false);
	}

	write6(out, tclass_of(m, h.tos), l4len + (frag ? FRAG6_HLEN : 0),
	       frag ? P_FRAGMENT : nh, h.ttl, src6, dst6);
	if (!frag)
		return IP6_HLEN;
	write_frag6(out + IP6_HLEN, nh, h.frag_off, h.mf, h.id);
	return IP6_HLEN + FRAG6_HLEN;
}

/* ICMPv4 error -> ICMPv6 error (RFC 7915 section 4.2 and 4.3). */
static enum v6gw_xlat_verdict
icmp_err_4to6(const struct v6gw_map *m, struct v6gw_xlat_pkt *pkt,
	      const struct h4 *h, const uint8_t *dst6,
	      const struct v6gw_icmp_xlat *x)
{
	uint8_t inner6[IP6_HLEN + FRAG6_HLEN], icmp6[ICMP_HLEN], src6[16];
	uint8_t *p = pkt->l3, *icmp = p + h->ihl, *in = icmp + ICMP_HLEN;
	uint32_t total = h->tot_len, ihl_in, in6len, start, new_total;
	uint32_t body = h->ihl + ICMP_HLEN, orig = 0, elen = 0, flen = 0;
	uint32_t tlen, pad = 0;
	uint32_t word = 0;
	uint8_t *np;
	int delta;

	if (pkt->linear < total)
		return pull(pkt, total);
	if (h->ttl <= 1)
		return drop(pkt, V6GW_XR_TTL);
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

	if (!v6gw_map_4to6(m, h->src, src6)) {
		if (!(m->flags & V6GW_MAP_RFC6791V6))
			return drop(pkt, V6GW_XR_ICMP_ERROR);
		v6gw_map_rfc6791v6(m, h->src, src6);
	}

	if (inner_4to6(m, in, total - body, inner6) != in6len)
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
	write6(np, tclass_of(m, h->tos), new_total - IP6_HLEN, P_ICMPV6,
	       h->ttl - 1, src6, dst6);
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
	bool frag, first;
	struct h4 h;
	int r, delta;

	pkt->reason = V6GW_XR_NONE;
	pkt->udp_csum_fill = false;
	r = parse4(p, pkt->linear, &h);
	if (r < 0 || (uint32_t)r > pkt->len)
		return drop(pkt, V6GW_XR_TRUNCATED);
	if (r)
		return pull(pkt, r);
	if (h.tot_len > pkt->len)
		return drop(pkt, V6GW_XR_TRUNCATED);
	if (!outer_4to6(map, pkt, false, h.dst, dst6))
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

	if (h.proto == P_IGMP)
		return drop(pkt, V6GW_XR_PROTO);
	if (h.proto == P_ICMP) {
		if (frag)
			return drop(pkt, V6GW_XR_ICMP_FRAG);
		v6gw_icmp_4to6(l4[0], l4[1], &x);
		if (x.kind == V6GW_ICMP_DROP)
			return drop(pkt, V6GW_XR_ICMP_TYPE);
		if (x.kind == V6GW_ICMP_ERROR)
			return icmp_err_4to6(map, pkt, &h, dst6, &x);
	}

	if (!outer_4to6(map, pkt, true, h.src, src6))
		return V6GW_XLAT_PASS;
	if (h.ttl <= 1)
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

	hlen6 = IP6_HLEN + (frag ? FRAG6_HLEN : 0);
	delta = (int)hlen6 - (int)h.ihl;
	if (delta > (int)pkt->headroom)
		return drop(pkt, V6GW_XR_HEADROOM);

	/* Decided: from here on the packet is rewritten. */
	nh = h.proto == P_ICMP ? P_ICMPV6 : h.proto;
	if (h.proto == P_ICMP) {
		uint32_t old = icmp_hdr_sum(l4);

		l4[0] = x.type;
		l4[1] = x.code;
		csum_move(l4 + 2, old,
			  sum_add(icmp_hdr_sum(l4),
				  v6gw_csum_pseudo6(src6, dst6, P_ICMPV6, l4len)),
			  false);
	} else if (first && !pkt->udp_csum_fill) {
		l4_readdress(h.proto, l4, pkt->linear - h.ihl,
			     sum4(h.src, h.dst), sum6(src6, dst6),
			     pkt->csum_partial);
	}

	p -= delta;
	write6(p, tclass_of(map, h.tos), l4len + (frag ? FRAG6_HLEN : 0),
	       frag ? P_FRAGMENT : nh, h.ttl - 1, src6, dst6);
	if (frag)
		write_frag6(p + IP6_HLEN, nh, h.frag_off, h.mf, h.id);

	pkt->l3 = p;
	pkt->delta = delta;
	pkt->linear += delta;
	pkt->len = h.tot_len + delta;
	pkt->l4off = hlen6;
	pkt->l4proto = nh;
	pkt->first_frag = first;
	return V6GW_XLAT_OK;
}

/*
 * The embedded packet of an ICMPv6 error, as IPv4: 20 header bytes in @out,
 * transport checksum fixed in place. @hlen gets the old header length.
 * Return: false when it cannot be translated.
 */
static bool inner_6to4(const struct v6gw_map *m, uint8_t *in, uint32_t avail,
		       uint8_t *out, uint32_t *hlen)
{
	struct v6gw_icmp_xlat x;
	uint8_t src4[4], dst4[4];
	uint32_t l4avail, l4len, tot;
	uint16_t frag;
	struct h6 h;
	uint8_t *l4;
	bool first;

	if (parse6(in, avail, &h))
		return false;
	if (!v6gw_map_6to4(m, h.src, src4) || !v6gw_map_6to4(m, h.dst, dst4))
		return false;
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
			csum_move(l4 + 2, old, icmp_hdr_sum(l4), false);
		} else {
			l4[0] = x.type;
			l4[1] = x.code;
		}
	} else if (first) {
		l4_readdress(h.proto, l4, l4avail, sum6(h.src, h.dst),
			     sum4(src4, dst4), false);
	}

	tot = IP4_HLEN + l4len;
	if (h.frag)
		frag = frag4(false, h.mf, h.frag_off);
	else
		frag = frag4(tot > DF_MAX_LEN, false, 0);
	write4(out, tos_of(m, h.tclass), (uint16_t)tot,
	       (uint16_t)h.frag_id, frag, h.hop,
	       h.proto == P_ICMPV6 ? P_ICMP : h.proto, src4, dst4);
	*hlen = h.hlen;
	return true;
}

/* ICMPv6 error -> ICMPv4 error (RFC 7915 section 5.2 and 5.3). */
static enum v6gw_xlat_verdict
icmp_err_6to4(const struct v6gw_map *m, struct v6gw_xlat_pkt *pkt,
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

	if (!v6gw_map_6to4(m, h->src, src4)) {
		if (!(m->flags & V6GW_MAP_RFC6791V4))
			return drop(pkt, V6GW_XR_ICMP_ERROR);
		v6gw_map_rfc6791v4(m, h->src, src4);
	}

	if (!inner_6to4(m, in, total - body, inner4, &hlen_in))
		return drop(pkt, V6GW_XR_ICMP_ERROR);

	start = body + hlen_in;
	delta = (int)(IP4_HLEN + ICMP_HLEN + IP4_HLEN) - (int)start;

	/*
	 * Carry the extension when ICMPv4 has a length field for the type
	 * (always here: Dest Unreachable becomes 3/x but never 3/4, Time
	 * Exceeded 11), within the same 1280 bytes. The new headers are at
	 * least 40 bytes shorter: padding to 128 bytes still starts the
	 * message 20 bytes or more behind the old start, so the headroom
	 * check is only a safeguard.
	 */
	if (elen && (x->type == 3 || x->type == 11 || x->type == 12)) {
		/* hlen_in <= total - body: parsed within the quote */
		tlen = total - start + IP4_HLEN;
		flen = rfc4884_fit(tlen, 4, room_after(ICMP6_ERR_MAX,
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
	}

	np = p - delta;
	memcpy(np + IP4_HLEN + ICMP_HLEN, inner4, IP4_HLEN);
	memcpy(np + IP4_HLEN, icmp4, ICMP_HLEN);
	v6gw_put_be16(np + IP4_HLEN + 2,
		      v6gw_csum_finish(v6gw_csum_partial(np + IP4_HLEN,
				new_total - IP4_HLEN, 0)));
	write4(np, tos_of(m, h->tclass), (uint16_t)new_total, pkt->ipv4_id,
	       frag4(new_total > DF_MAX_LEN, false, 0), h->hop - 1, P_ICMP,
	       src4, dst4);

	pkt->l3 = np;
	pkt->delta = delta;
	pkt->linear = new_total;
	pkt->len = new_total;
	pkt->l4off = IP4_HLEN;
	pkt->l4proto = P_ICMP;
	pkt->first_frag = true;
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
	r = parse6(p, pkt->linear, &h);
	if (r < 0 || (uint32_t)r > pkt->len)
		return drop(pkt, V6GW_XR_TRUNCATED);
	if (r)
		return pull(pkt, r);
	/* A jumbogram (Payload Length 0) has no IPv4 equivalent. */
	if (!h.plen && pkt->len > IP6_HLEN)
		return drop(pkt, V6GW_XR_TOO_LONG);
	if (h.plen + IP6_HLEN > pkt->len)
		return drop(pkt, V6GW_XR_TRUNCATED);
	if (!outer_6to4(map, pkt, false, h.dst, dst4))
		return V6GW_XLAT_PASS;
	if (h.sl_ptr)
		return answer(pkt, V6GW_XR_ROUTING_HDR, 4, 0, h.sl_ptr);

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

	if (h.proto == P_ICMPV6) {
		if (h.frag)
			return drop(pkt, V6GW_XR_ICMP_FRAG);
		v6gw_icmp_6to4(l4[0], l4[1], &x);
		if (x.kind == V6GW_ICMP_DROP)
			return drop(pkt, V6GW_XR_ICMP_TYPE);
		if (x.kind == V6GW_ICMP_ERROR)
			return icmp_err_6to4(map, pkt, &h, dst4, &x);
	}

	if (!outer_6to4(map, pkt, true, h.src, src4))
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
		csum_move(l4 + 2, old, icmp_hdr_sum(l4), false);
	} else if (first) {
		l4_readdress(h.proto, l4, pkt->linear - h.hlen,
			     sum6(h.src, h.dst), sum4(src4, dst4),
			     pkt->csum_partial);
	}

	p -= delta;
	write4(p, tos_of(map, h.tclass), (uint16_t)tot, id, frag, h.hop - 1,
	       proto4, src4, dst4);

	pkt->l3 = p;
	pkt->delta = delta;
	pkt->linear += delta;
	pkt->len = tot;
	pkt->l4off = IP4_HLEN;
	pkt->l4proto = proto4;
	pkt->first_frag = first;
	return V6GW_XLAT_OK;
}
