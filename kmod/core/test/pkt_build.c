// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Reference packet builder for the translator tests; see pkt_build.h.
 * Deliberately naive: byte loops, 64-bit sums, no incremental updates.
 */
#include <string.h>

#include "pkt_build.h"

void pb_w16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

void pb_w32(uint8_t *p, uint32_t v)
{
	pb_w16(p, v >> 16);
	pb_w16(p + 2, v);
}

uint32_t pb_r16(const uint8_t *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

uint32_t pb_r32(const uint8_t *p)
{
	return pb_r16(p) << 16 | pb_r16(p + 2);
}

/* RFC 1071 sum of @b, as if it started at an even offset. */
uint64_t pb_sum(uint64_t s, const uint8_t *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		s += i & 1 ? b[i] : (uint64_t)b[i] << 8;
	return s;
}

uint16_t pb_fold(uint64_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

uint16_t pb_csum(uint64_t s)
{
	return (uint16_t)~pb_fold(s);
}

/* RFC 768 / RFC 8200 section 8.1 pseudo-header, summed. */
uint64_t pb_pseudo(int v, const uint8_t *src, const uint8_t *dst,
		   uint8_t proto, uint32_t len)
{
	uint8_t b[40];

	memset(b, 0, sizeof(b));
	if (v == 4) {
		memcpy(b, src, 4);
		memcpy(b + 4, dst, 4);
		b[9] = proto;
		pb_w16(b + 10, len);
		return pb_sum(0, b, 12);
	}
	memcpy(b, src, 16);
	memcpy(b + 16, dst, 16);
	pb_w32(b + 32, len);
	b[39] = proto;
	return pb_sum(0, b, 40);
}

int pb_csum_off(uint8_t proto)
{
	switch (proto) {
	case PB_TCP:
		return 16;
	case PB_UDP:
		return 6;
	case PB_ICMP:
	case PB_ICMPV6:
		return 2;
	default:
		return -1;
	}
}

/* Fill the checksum of a whole transport segment. */
void pb_l4_csum(int v, const uint8_t *src, const uint8_t *dst, uint8_t proto,
		uint8_t *seg, uint32_t len, int mode)
{
	int o = pb_csum_off(proto);
	uint16_t c;

	if (o < 0 || mode == PB_CS_KEEP || len < (uint32_t)o + 2)
		return;
	pb_w16(seg + o, 0);
	if (mode == PB_CS_PARTIAL) {
		pb_w16(seg + o, pb_fold(pb_pseudo(v, src, dst, proto, len)));
		return;
	}
	c = pb_csum(pb_sum(proto == PB_ICMP ? 0 :
			   pb_pseudo(v, src, dst, proto, len), seg, len));
	if (proto == PB_UDP && !c)
		c = 0xffff;
	pb_w16(seg + o, c);
}

/* Does a whole transport segment verify? */
bool pb_l4_ok(int v, const uint8_t *src, const uint8_t *dst, uint8_t proto,
	      const uint8_t *seg, uint32_t len)
{
	uint64_t s = proto == PB_ICMP ? 0 : pb_pseudo(v, src, dst, proto, len);

	return pb_fold(pb_sum(s, seg, len)) == 0xffff;
}

uint32_t pb_hlen(const struct pb_ip *h)
{
	uint32_t n;
	int i;

	if (h->v == 4)
		return 20 + h->optlen;
	n = 40;
	for (i = 0; i < h->next; i++)
		n += (h->extl[i] + 1u) * 8;
	return n + (h->frag ? 8 : 0);
}

/* Write the headers of @h, then @pl. Return: the packet length. */
uint32_t pb_build(const struct pb_ip *h, const uint8_t *pl, uint32_t pllen,
		  uint8_t *out)
{
	uint32_t hl = pb_hlen(h), off;
	int i;

	if (h->v == 4) {
		out[0] = (uint8_t)(0x40 | hl / 4);
		out[1] = h->tos;
		pb_w16(out + 2, hl + pllen);
		pb_w16(out + 4, h->id);
		pb_w16(out + 6, (h->df ? 0x4000u : 0) |
			       (h->frag && h->mf ? 0x2000u : 0) |
			       (h->frag ? h->off : 0));
		out[8] = h->ttl;
		out[9] = h->proto;
		out[10] = 0;
		out[11] = 0;
		memcpy(out + 12, h->src, 4);
		memcpy(out + 16, h->dst, 4);
		memcpy(out + 20, h->opt, h->optlen);
		pb_w16(out + 10, pb_csum(pb_sum(0, out, hl)));
	} else {
		out[0] = (uint8_t)(0x60 | h->tos >> 4);
		out[1] = (uint8_t)(h->tos << 4 | (h->flow >> 16 & 0xf));
		out[2] = (uint8_t)(h->flow >> 8);
		out[3] = (uint8_t)h->flow;
		pb_w16(out + 4, hl - 40 + pllen);
		out[6] = h->next ? h->ext[0] :
			 h->frag ? PB_FRAGMENT : h->proto;
		out[7] = h->ttl;
		memcpy(out + 8, h->src, 16);
		memcpy(out + 24, h->dst, 16);
		off = 40;
		for (i = 0; i < h->next; i++) {
			uint32_t l = (h->extl[i] + 1u) * 8;

			memset(out + off, 0, l);
			out[off] = i + 1 < h->next ? h->ext[i + 1] :
				   h->frag ? PB_FRAGMENT : h->proto;
			out[off + 1] = h->extl[i];
			if (h->ext[i] == PB_ROUTING) {
				out[off + 2] = 4;	/* Segment Routing */
				out[off + 3] = h->extsl[i];
			} else {
				/* one PadN option filling the header */
				out[off + 2] = 1;
				out[off + 3] = (uint8_t)(l - 4);
			}
			off += l;
		}
		if (h->frag) {
			out[off] = h->proto;
			out[off + 1] = 0;
			pb_w16(out + off + 2, (uint32_t)h->off << 3 | h->mf);
			pb_w32(out + off + 4, h->fid);
		}
	}
	memcpy(out + hl, pl, pllen);
	return hl + pllen;
}

/* RFC 6052 section 2.2, written out: skip octet 8, the rest zero. */
void pb_embed(const uint8_t *prefix, int len, const uint8_t v4[4],
	      uint8_t v6[16])
{
	int pos = len / 8, i;

	memset(v6, 0, 16);
	memcpy(v6, prefix, (size_t)pos);
	for (i = 0; i < 4; i++) {
		if (pos == 8)
			pos++;
		v6[pos++] = v4[i];
	}
}
