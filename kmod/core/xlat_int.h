/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Private to the translator (xlat.c, xlat_hdr.c, xlat_icmp.c): header
 * layouts, parsed headers, and the pieces both the packet path and the
 * ICMP error path are built from.
 */
#ifndef V6GW_CORE_XLAT_INT_H
#define V6GW_CORE_XLAT_INT_H

#include "csum.h"
#include "icmp.h"
#include "map.h"
#include "xlat.h"

#define IP4_HLEN	20
#define IP6_HLEN	40
#define FRAG6_HLEN	8
#define ICMP_HLEN	8
#define ICMP6_ERR_MAX	1280	/* RFC 4443 section 2.4 (c) */
#define ICMP4_ERR_MAX	576	/* RFC 1812 section 4.3.2.3, as Linux */
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
	bool frag_ext;		/* a first fragment (not an atomic one) with
				 * extension headers behind its Fragment
				 * header: the walk stops there */
	uint8_t tclass;
	uint8_t hop;
	uint8_t proto;		/* upper-layer protocol */
	uint8_t src[16], dst[16];
};

static inline enum v6gw_xlat_verdict drop(struct v6gw_xlat_pkt *pkt,
					   uint8_t why)
{
	pkt->reason = why;
	return V6GW_XLAT_DROP;
}

static inline enum v6gw_xlat_verdict pull(struct v6gw_xlat_pkt *pkt,
					   uint32_t n)
{
	pkt->need = n;
	return V6GW_XLAT_PULL;
}

static inline uint32_t sum4(const uint8_t *a, const uint8_t *b)
{
	return v6gw_csum_acc_fold(v6gw_csum_acc(v6gw_csum_acc(0, a, 1), b, 1));
}

static inline uint32_t sum6(const uint8_t *a, const uint8_t *b)
{
	return v6gw_csum_acc_fold(v6gw_csum_acc(v6gw_csum_acc(0, a, 4), b, 4));
}

/* Two partial sums added with the end-around carry. */
static inline uint32_t sum_add(uint32_t a, uint32_t b)
{
	uint32_t r = a + b;

	return r + (r < a);
}

/* The sum of an ICMP header's words other than the checksum. */
static inline uint32_t icmp_hdr_sum(const uint8_t *icmp)
{
	uint32_t s = v6gw_csum_partial(icmp, 2, 0);

	return v6gw_csum_partial(icmp + 4, 4, s);
}

/* A real fragment: a Fragment header that is not an atomic one (RFC 6946). */
static inline bool h6_fragmented(const struct h6 *h)
{
	return h->frag && (h->mf || h->frag_off);
}

static inline uint16_t frag4(bool df, bool mf, uint16_t off)
{
	return (uint16_t)((df ? 0x4000 : 0) | (mf ? 0x2000 : 0) | off);
}

static inline uint8_t tclass_of(const struct v6gw_map *m, uint8_t tos)
{
	return m->flags & V6GW_MAP_TCLASS_SET ? m->tclass : tos;
}

static inline uint8_t tos_of(const struct v6gw_map *m, uint8_t tclass)
{
	return m->flags & V6GW_MAP_TOS_SET ? m->tos : tclass;
}

/*
 * The outer addresses, from the caller (pkt->premap) or mapped here.
 *
 * An outer address the caller has mapped already (pkt->premap): is it
 * there? Then it maps unless it is a source looked up in vain.
 */
static inline bool premapped(const struct v6gw_xlat_pkt *pkt, bool src)
{
	return pkt->premap & (src ? V6GW_PREMAP_SRC : V6GW_PREMAP_DST);
}

static inline bool premap_ok(const struct v6gw_xlat_pkt *pkt, bool src)
{
	return !src || (pkt->premap & V6GW_PREMAP_SRC_OK);
}

/* The outer source or destination as IPv6, from the caller or mapped here. */
static inline bool v6gw_xl_outer_4to6(const struct v6gw_map *m,
				      const struct v6gw_xlat_pkt *pkt,
				      bool src, const uint8_t v4[4],
				      uint8_t v6[16])
{
	if (premapped(pkt, src)) {
		if (!premap_ok(pkt, src))
			return false;
		memcpy(v6, src ? pkt->premap_src : pkt->premap_dst, 16);
		return true;
	}
	if (src && pkt->hairpin)
		return v6gw_map_4to6_prefix(m, v4, v6);
	return v6gw_map_4to6(m, v4, v6);
}

/* The outer source or destination as IPv4, from the caller or mapped here. */
static inline bool v6gw_xl_outer_6to4(const struct v6gw_map *m,
				      const struct v6gw_xlat_pkt *pkt,
				      bool src, const uint8_t v6[16],
				      uint8_t v4[4])
{
	if (premapped(pkt, src)) {
		if (!premap_ok(pkt, src))
			return false;
		memcpy(v4, src ? pkt->premap_src : pkt->premap_dst, 4);
		return true;
	}
	return v6gw_map_6to4(m, v6, v4);
}


/*
 * NAT64: write new TCP/UDP ports at @l4 (@avail bytes of it present) and
 * add the old and new port words to the checksum sums @old and @new (not
 * for a CHECKSUM_PARTIAL seed, which covers the pseudo-header only).
 */
static inline void nat_ports(uint8_t *l4, uint32_t avail, uint16_t sport,
			     uint16_t dport, bool partial, uint32_t *old,
			     uint32_t *new)
{
	if (avail < 4)
		return;
	if (!partial)
		*old = sum_add(*old, v6gw_csum_partial(l4, 4, 0));
	v6gw_put_be16(l4, sport);
	v6gw_put_be16(l4 + 2, dport);
	if (!partial)
		*new = sum_add(*new, v6gw_csum_partial(l4, 4, 0));
}

/* xlat_hdr.c: parsing, checksum updates, header writers */
int v6gw_xl_parse4(const uint8_t *p, uint32_t avail, struct h4 *h);
int v6gw_xl_parse6(const uint8_t *p, uint32_t avail, struct h6 *h);
void v6gw_xl_csum_move(uint8_t *field, uint32_t old, uint32_t new,
		       bool partial);
void v6gw_xl_l4_readdress(uint8_t proto, uint8_t *l4, uint32_t avail,
			  uint32_t old, uint32_t new, bool partial);
void v6gw_xl_write6(uint8_t *p, uint8_t tclass, uint32_t plen, uint8_t nh,
		    uint8_t hop, const uint8_t *src, const uint8_t *dst);
void v6gw_xl_write_frag6(uint8_t *p, uint8_t nh, uint16_t off, bool mf,
			 uint32_t id);
void v6gw_xl_write4(uint8_t *p, uint8_t tos, uint16_t tot_len, uint16_t id,
		    uint16_t frag, uint8_t ttl, uint8_t proto,
		    const uint8_t *src, const uint8_t *dst);

/* xlat_icmp.c: ICMP errors, with their embedded packet (RFC 7915 4.2, 5.2) */
enum v6gw_xlat_verdict
v6gw_xl_icmp_err_4to6(const struct v6gw_map *m, struct v6gw_xlat_pkt *pkt,
		      const struct h4 *h, const uint8_t *dst6,
		      const struct v6gw_icmp_xlat *x);
enum v6gw_xlat_verdict
v6gw_xl_icmp_err_6to4(const struct v6gw_map *m, struct v6gw_xlat_pkt *pkt,
		      const struct h6 *h, const uint8_t *dst4,
		      const struct v6gw_icmp_xlat *x);

#endif /* V6GW_CORE_XLAT_INT_H */
