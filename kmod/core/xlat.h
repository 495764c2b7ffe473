/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Stateless IP/ICMP translation (RFC 7915) of one packet's headers, in
 * place.
 *
 * The caller (the kernel glue, or a unit test) hands over a buffer that
 * starts at the packet's network header and has "headroom" writable bytes
 * in front of it. The translator rewrites the headers in place: the new
 * network header ends exactly where the old headers ended, so the
 * transport header and the payload never move and never need to be linear.
 * Transport checksums are updated incrementally, so the payload is never
 * read either. Only the headers have to be linear; when they are not,
 * the translator says how many bytes it needs (V6GW_XLAT_PULL).
 *
 * Addresses are mapped by the caller-supplied policy (struct v6gw_map,
 * map.h) before anything is written: a packet that is passed, answered
 * with ICMP or needs a pull is left exactly as it was. A caller that has
 * mapped the outer addresses already (to route the packet first) hands
 * them over in pkt->premap*, so that they are not mapped twice.
 *
 * ICMP errors are translated in place too: the outer header, the ICMP
 * header and the embedded header are all rewritten in front of the
 * embedded transport header, which stays where it is. For them the whole
 * message must be linear (V6GW_XLAT_PULL says so), because the ICMP
 * checksum is recomputed, and pkt->len may shrink: ICMPv6 errors are cut to
 * 1280 bytes (RFC 4443 section 2.4 (c)), ICMPv4 errors to 576 bytes (RFC
 * 1812 section 4.3.2.3, the size Linux gives every ICMPv4 error it sends).
 * An ICMP error is never too big for the next hop that way, so the caller
 * never answers one with "too big" (no error about an error, RFC 1812
 * 4.3.2.7). An RFC 4884 extension is carried
 * across when the translated type has a length field too: the original
 * datagram field is cut or zero-padded to the new unit and 128 bytes,
 * which may move the front of the message further into the headroom, and
 * the extension follows it unchanged; the message never ends past its old
 * end. To fit the size limit, the original datagram field is shortened
 * first (to 128 bytes at least); the extension is removed only when it does
 * not fit behind 128 bytes. Without a length field in the translated type
 * the extension is removed and the length set to zero.
 *
 * An IPv6 atomic fragment (Fragment header, offset 0, M clear; RFC 6946) is
 * a whole packet: ICMPv6 in one is translated like any other, the IPv4 ID
 * taken from the Fragment header. ICMP carried in the wrong family (IPv4
 * protocol 58, IPv6 Next Header 1) is never translated: it would hand the
 * other side ICMP messages that no translation checked.
 *
 * Hairpinning (RFC 7757 section 4, pkt->hairpin): the second translation
 * maps the source, and an ICMP error's inner destination, with the RFC 6052
 * prefix only, and does not decrement the TTL again: the packet crossed one
 * router.
 *
 * Checksums: with csum_partial the TCP/UDP checksum field is treated as the
 * CHECKSUM_PARTIAL seed; ICMP must not be CHECKSUM_PARTIAL (the caller
 * resolves it first).
 */
#ifndef V6GW_CORE_XLAT_H
#define V6GW_CORE_XLAT_H

#include "types.h"

struct v6gw_map;

enum v6gw_xlat_verdict {
	V6GW_XLAT_OK,		/* translated */
	V6GW_XLAT_PASS,		/* not for the translator: left untouched */
	V6GW_XLAT_PULL,		/* make pkt->need bytes linear, then call again */
	V6GW_XLAT_DROP,		/* drop it; pkt->reason says why */
	V6GW_XLAT_ICMP,		/* drop it and answer the sender with pkt->icmp */
};

/* Why a packet was dropped or answered; the glue counts each one. */
enum v6gw_xlat_reason {
	V6GW_XR_NONE,
	V6GW_XR_TRUNCATED,	/* headers shorter than they claim */
	V6GW_XR_TTL,		/* TTL / hop limit expired: Time Exceeded */
	V6GW_XR_SRC_ROUTE,	/* unexpired IPv4 source route option */
	V6GW_XR_ROUTING_HDR,	/* IPv6 Routing header, segments left > 0 */
	V6GW_XR_UDP_ZERO_CSUM,	/* IPv4 UDP without checksum, not amended */
	V6GW_XR_UDP_ZERO_FRAG,	/* fragmented IPv4 UDP without checksum */
	V6GW_XR_ICMP_TYPE,	/* ICMP type/code with no translation */
	V6GW_XR_ICMP_ERROR,	/* ICMP error: inner packet not translatable */
	V6GW_XR_ICMP_FRAG,	/* fragmented ICMP (checksum not updatable) */
	V6GW_XR_HEADROOM,	/* not enough headroom (caller bug) */
	V6GW_XR_PROTO,		/* protocol never translated (IGMP, ...) */
	V6GW_XR_TOO_LONG,	/* IPv4 cannot express the length */
	V6GW_XR_CSUM,		/* ICMP error with a bad checksum */
	V6GW_XR_FRAG_EXTHDR,	/* extension headers behind the Fragment
				 * header of a first fragment: answered with
				 * ICMPv6 1/1 */

	V6GW_XR_COUNT
};

/* An ICMP message the glue should send back to the packet's source. */
struct v6gw_xlat_icmp {
	uint8_t type;
	uint8_t code;
	uint32_t info;		/* pointer, or MTU */
};

struct v6gw_xlat_pkt {
	/* in, updated on V6GW_XLAT_OK */
	uint8_t *l3;		/* the network header */
	uint32_t linear;	/* bytes readable and writable from l3 */
	uint32_t len;		/* bytes from l3 to the end of the packet */
	uint32_t headroom;	/* writable bytes in front of l3 */
	bool csum_partial;	/* the L4 checksum field holds only the
				 * pseudo-header sum (CHECKSUM_PARTIAL) */
	uint16_t ipv4_id;	/* 6to4: an IPv4 ID, used when one is needed */
	uint32_t seg_len;	/* 6to4, GSO: the IPv6 length of one segment,
				 * which decides DF; 0: not GSO */
	bool hairpin;		/* 4to6: the second translation of a packet
				 * hairpinned by an EAM entry: the source is
				 * mapped with the RFC 6052 prefix only
				 * (RFC 7757 section 4), the TTL is not
				 * decremented a second time */
	bool frag6;		/* 4to6: the caller will fragment the
				 * result; give a whole packet a Fragment
				 * header too (offset 0, M clear, the IPv4
				 * ID), for the caller to split (RFC 7915
				 * section 4.1). Not for ICMP errors. */
	uint32_t mtu_in;	/* MTU of the arrival link, ~0: unknown */
	uint32_t mtu_out;	/* MTU towards the destination, ~0: unknown */
	uint8_t premap;		/* V6GW_PREMAP_*: outer addresses the caller
				 * has mapped already with the same policy
				 * (the glue does, to route first); the core
				 * does not map them again */
	uint8_t premap_dst[16];	/* V6GW_PREMAP_DST: the new destination */
	uint8_t premap_src[16];	/* V6GW_PREMAP_SRC: the new source (only
				 * with V6GW_PREMAP_SRC_OK; without it the
				 * source does not map) */
	/*
	 * Stateful NAT64 (RFC 6146): the caller has looked the packet up in
	 * its session table, premapped both outer addresses (an ICMP error's
	 * source too, when it has one) and hands over the new transport
	 * identifiers; the core writes them and updates the checksums. An
	 * ICMP query's identifier is nat_sport. For an ICMP error, the
	 * embedded packet's new addresses and ports are nat_in_* (an
	 * embedded ICMP query's identifier is nat_in_sport), and the
	 * addresses are never mapped with the policy.
	 */
	bool nat;
	uint16_t nat_sport, nat_dport;
	uint16_t nat_in_sport, nat_in_dport;
	uint8_t nat_in_src[16], nat_in_dst[16];

	/* out */
	uint32_t need;		/* V6GW_XLAT_PULL: linear bytes needed */
	int32_t delta;		/* V6GW_XLAT_OK: bytes added in front */
	uint32_t l4off;		/* V6GW_XLAT_OK: transport header offset */
	uint8_t l4proto;	/* V6GW_XLAT_OK: transport protocol, new family */
	bool first_frag;	/* V6GW_XLAT_OK: carries the transport header */
	bool udp_csum_fill;	/* V6GW_XLAT_OK: the UDP checksum is zero and
				 * must be computed (amend-udp-checksum-zero) */
	uint8_t reason;		/* enum v6gw_xlat_reason */
	struct v6gw_xlat_icmp icmp;
};

/*
 * struct v6gw_xlat_pkt premap flags. 4 bytes of premap_dst/premap_src are
 * used from 6to4, 16 from 4to6. For a packet the caller maps the way the
 * core would (v6gw_map_4to6(), or v6gw_map_4to6_prefix() for the source
 * with hairpin; v6gw_map_6to4()); the result of the translation is the
 * same with or without them.
 */
#define V6GW_PREMAP_DST		0x01	/* premap_dst is set (it mapped) */
#define V6GW_PREMAP_SRC		0x02	/* the source has been looked up */
#define V6GW_PREMAP_SRC_OK	0x04	/* ... and premap_src is set */

enum v6gw_xlat_verdict v6gw_xlat_4to6(const struct v6gw_map *map,
				      struct v6gw_xlat_pkt *pkt);
enum v6gw_xlat_verdict v6gw_xlat_6to4(const struct v6gw_map *map,
				      struct v6gw_xlat_pkt *pkt);

#endif /* V6GW_CORE_XLAT_H */
