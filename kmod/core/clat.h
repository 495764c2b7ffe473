/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The 464XLAT CLAT's addresses (RFC 6877): which packets the CLAT takes
 * and how the island's IPv4 addresses map into IPv6.
 *
 * The island (@p4) is represented by the CLAT's IPv6 prefix @p6 (at most
 * a /96; RFC 6877 section 6.3 recommends a dedicated /64) with the IPv4
 * address in its last 32 bits:
 *
 *	192.168.1.0/24, 2001:db8:c::/64:  192.168.1.10 <-> 2001:db8:c::c0a8:10a
 *
 * which is the RFC 7757 EAM entry 192.168.1.0/24 <-> 2001:db8:c::c0a8:100/120
 * (v6gw_clat_eam()); every other IPv4 address maps through the PLAT's
 * RFC 6052 prefix @plat. So the translation itself is SIIT's (map.h,
 * xlat.h) with that one EAM entry and @plat as pool6.
 */
#ifndef V6GW_CORE_CLAT_H
#define V6GW_CORE_CLAT_H

#include "eam.h"

struct v6gw_clat_addrs {
	struct v6gw_prefix4 p4;		/* the IPv4 island */
	struct v6gw_prefix6 p6;		/* the CLAT's IPv6 prefix, <= /96 */
	struct v6gw_prefix6 plat;	/* the PLAT's RFC 6052 prefix */
};

const char *v6gw_clat_island_invalid(const struct v6gw_clat_addrs *c);
const char *v6gw_clat_invalid(const struct v6gw_clat_addrs *c);
void v6gw_clat_eam(const struct v6gw_clat_addrs *c, struct v6gw_eam *e);

/**
 * v6gw_clat_takes4() - is an IPv4 packet the CLAT's?
 * @c: valid addresses (v6gw_clat_invalid())
 * @src: the packet's source, @dst its destination
 *
 * Return: true for a packet from the island to outside it. (Whether the
 * destination maps through the PLAT prefix, and is not local, is the
 * translator's and the caller's to say.)
 */
static inline bool v6gw_clat_takes4(const struct v6gw_clat_addrs *c,
				    const uint8_t src[4], const uint8_t dst[4])
{
	return v6gw_prefix4_contains(&c->p4, src) &&
	       !v6gw_prefix4_contains(&c->p4, dst);
}

/**
 * v6gw_clat_takes6() - is an IPv6 packet the CLAT's?
 * @e: the CLAT's EAM entry (v6gw_clat_eam())
 * @dst: the packet's destination
 *
 * Return: true when @dst is an island host's IPv6 address (or in its
 * range: RFC 7757 ignores bits past the suffix, there are none here).
 */
static inline bool v6gw_clat_takes6(const struct v6gw_eam *e,
				    const uint8_t dst[16])
{
	return v6gw_prefix6_contains(&e->p6, dst);
}

#endif /* V6GW_CORE_CLAT_H */
