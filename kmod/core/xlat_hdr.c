// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The translator's header handling: IPv4 and IPv6 header parsing (with the
 * IPv6 extension header walk), transport checksum updates for new
 * addresses, and the IPv4 / IPv6 / Fragment header writers.
 */
#include "xlat_int.h"

/*
 * Parse an IPv4 header. Return: 0, -1 when malformed, or the number of
 * bytes needed when @avail is not enough.
 */
int v6gw_xl_parse4(const uint8_t *p, uint32_t avail, struct h4 *h)
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
 * layer. Same return convention as v6gw_xl_parse4().
 */
int v6gw_xl_parse6(const uint8_t *p, uint32_t avail, struct h6 *h)
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
	h->frag_ext = false;
	h->sl_ptr = 0;

	nh = p[6];
	for (;;) {
		bool fh = nh == P_FRAGMENT;
		uint32_t len;

		if (nh != P_HOPOPTS && nh != P_ROUTING && nh != P_FRAGMENT &&
		    nh != P_DSTOPTS)
			break;
		/* Hop-by-hop options are only allowed first (RFC 8200 4.1). */
		if (nh == P_HOPOPTS && off != IP6_HLEN)
			return -1;
		if (avail < off + 8)
			return off + 8;
		if (fh) {
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
		if (!fh)
			continue;
		/* Past a non-first fragment's Fragment header, nothing follows. */
		if (h->frag_off)
			break;
		/*
		 * Extension headers in the fragmentable part of a first
		 * fragment cannot be removed without moving every later
		 * fragment's offset: the walk ends here and the caller
		 * refuses the packet. An atomic fragment is a whole packet.
		 */
		if (h->mf && (nh == P_HOPOPTS || nh == P_ROUTING ||
			      nh == P_FRAGMENT || nh == P_DSTOPTS)) {
			h->frag_ext = true;
			break;
		}
	}
	h->proto = nh;
	h->hlen = off;
	if (h->plen + IP6_HLEN < off)
		return -1;
	return 0;
}

/*
 * Update a checksum field for a change of the data it covers, the removed
 * part summing to @old and the added part to @new. A CHECKSUM_PARTIAL seed
 * is the uncomplemented pseudo-header sum, so it moves the other way round.
 */
void v6gw_xl_csum_move(uint8_t *field, uint32_t old, uint32_t new, bool partial)
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
void v6gw_xl_l4_readdress(uint8_t proto, uint8_t *l4, uint32_t avail,
			  uint32_t old, uint32_t new, bool partial)
{
	if (proto == P_TCP && avail >= 18) {
		v6gw_xl_csum_move(l4 + 16, old, new, partial);
	} else if (proto == P_UDP && avail >= 8) {
		if (!v6gw_get_be16(l4 + 6))
			return;
		v6gw_xl_csum_move(l4 + 6, old, new, partial);
		if (!partial && !v6gw_get_be16(l4 + 6))
			v6gw_put_be16(l4 + 6, 0xffff);
	}
}

void v6gw_xl_write6(uint8_t *p, uint8_t tclass, uint32_t plen, uint8_t nh,
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

void v6gw_xl_write_frag6(uint8_t *p, uint8_t nh, uint16_t off, bool mf,
			 uint32_t id)
{
	p[0] = nh;
	p[1] = 0;
	v6gw_put_be16(p + 2, (uint16_t)(off << 3 | mf));
	v6gw_put_be32(p + 4, id);
}

void v6gw_xl_write4(uint8_t *p, uint8_t tos, uint16_t tot_len, uint16_t id,
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
	v6gw_put_be16(p + 10, v6gw_csum_finish(v6gw_csum_words(p, 5)));
}
