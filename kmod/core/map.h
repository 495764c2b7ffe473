/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * SIIT address mapping policy: which IPv4 address stands for which IPv6
 * address, and the translator's settings. One immutable snapshot per
 * network namespace, read without locks by the data path.
 *
 * Order (RFC 7757 section 3.2): an EAM entry wins over the RFC 6052
 * prefix. RFC 6052 mapping is refused for the denylist, for addresses that
 * are never translated (0/8, 127/8, 169.254/16, 224/4, 240/4) and, with
 * the Well-Known Prefix 64:ff9b::/96, for every RFC 6890 special range
 * (RFC 6052 section 3.1).
 */
#ifndef V6GW_CORE_MAP_H
#define V6GW_CORE_MAP_H

#include "eam.h"
#include "rfc6052.h"

enum v6gw_map_flags {
	V6GW_MAP_POOL6		= 1 << 0,	/* pool6 is set */
	V6GW_MAP_RFC6791V4	= 1 << 1,	/* rfc6791v4 is set */
	V6GW_MAP_RFC6791V6	= 1 << 2,	/* rfc6791v6 is set */
	V6GW_MAP_AMEND_UDP0	= 1 << 3,	/* compute zero UDP checksums */
	V6GW_MAP_TOS_SET	= 1 << 4,	/* tos = map->tos, not copied */
	V6GW_MAP_TCLASS_SET	= 1 << 5,	/* tclass = map->tclass */
};

struct v6gw_map {
	uint32_t flags;				/* enum v6gw_map_flags */
	struct v6gw_prefix6 pool6;
	struct v6gw_prefix4 rfc6791v4;		/* ICMPv6 errors from
						 * unmappable sources */
	struct v6gw_prefix6 rfc6791v6;		/* ICMPv4 errors likewise */
	const struct v6gw_eam_table *eam;	/* NULL: none */
	const struct v6gw_prefix4_set *deny4;	/* NULL: none */
	uint32_t lowest_ipv6_mtu;		/* fragment 4to6 DF=0 above */
	uint8_t tos;
	uint8_t tclass;
	bool pool6_alone;			/* derived, v6gw_map_prepare():
						 * no EAM entry overlaps pool6 */
};

void v6gw_map_prepare(struct v6gw_map *m);
bool v6gw_map_4to6(const struct v6gw_map *m, const uint8_t v4[4],
		   uint8_t v6[16]);
bool v6gw_map_4to6_prefix(const struct v6gw_map *m, const uint8_t v4[4],
			  uint8_t v6[16]);
bool v6gw_map_4to6_err_src(const struct v6gw_map *m, const uint8_t v4[4],
			   uint8_t v6[16]);
bool v6gw_map_6to4(const struct v6gw_map *m, const uint8_t v6[16],
		   uint8_t v4[4]);
void v6gw_map_rfc6791v4(const struct v6gw_map *m, const uint8_t v6[16],
			uint8_t v4[4]);
void v6gw_map_rfc6791v6(const struct v6gw_map *m, const uint8_t v4[4],
			uint8_t v6[16]);

#endif /* V6GW_CORE_MAP_H */
