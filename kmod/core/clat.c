// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The 464XLAT CLAT's addresses: see clat.h.
 */
#include "clat.h"

/**
 * v6gw_clat_island_invalid() - check a CLAT's IPv4 and IPv6 prefixes
 * @c: the prefixes (@c->plat is not looked at: it may be unknown yet)
 *
 * Return: NULL when they are valid, otherwise a short static message for
 * a netlink extended ack.
 */
const char *v6gw_clat_island_invalid(const struct v6gw_clat_addrs *c)
{
	const char *why = v6gw_prefix4_invalid(&c->p4);
	unsigned int i;

	if (why)
		return why;
	if (c->p6.len > 96)
		return "the CLAT's IPv6 prefix must be at most a /96: the IPv4 address takes its last 32 bits";
	for (i = c->p6.len; i < 128; i++)
		if (c->p6.addr[i / 8] & (0x80 >> (i % 8)))
			return "bits beyond the CLAT's IPv6 prefix length must be zero";
	return NULL;
}

/**
 * v6gw_clat_invalid() - check a CLAT's prefixes, the PLAT's included
 * @c: the prefixes
 *
 * Return: NULL when they are valid, otherwise a short static message for
 * a netlink extended ack.
 */
const char *v6gw_clat_invalid(const struct v6gw_clat_addrs *c)
{
	const char *why = v6gw_clat_island_invalid(c);

	if (why)
		return why;
	why = v6gw_rfc6052_prefix_invalid(&c->plat);
	if (why)
		return why;
	/* the shorter of the two contains the other's start: they overlap */
	if (c->p6.len <= c->plat.len ?
	    v6gw_prefix6_contains(&c->p6, c->plat.addr) :
	    v6gw_prefix6_contains(&c->plat, c->p6.addr))
		return "the CLAT's IPv6 prefix and the PLAT prefix overlap";
	return NULL;
}

/**
 * v6gw_clat_eam() - the EAM entry of the island
 * @c: valid addresses
 * @e: filled: @c->p4 <-> @c->p6 with @c->p4's bits in the last 32 bits,
 *	length 96 + @c->p4.len
 */
void v6gw_clat_eam(const struct v6gw_clat_addrs *c, struct v6gw_eam *e)
{
	unsigned int i;

	e->p4 = c->p4;
	e->p6 = c->p6;
	for (i = 0; i < 4; i++)
		e->p6.addr[12 + i] = c->p4.addr[i];
	e->p6.len = 96 + c->p4.len;
}
