// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * SIIT address mapping: EAM first, then the RFC 6052 prefix.
 */
#include "map.h"

/* Never translated algorithmically, whatever the prefix. */
static bool v6gw_map_never(const uint8_t v4[4])
{
	return v4[0] == 0 || v4[0] == 127 || v4[0] >= 224 ||
	       (v4[0] == 169 && v4[1] == 254);
}

static bool v6gw_map_pool6_ok(const struct v6gw_map *m, const uint8_t v4[4])
{
	if (!(m->flags & V6GW_MAP_POOL6) || v6gw_map_never(v4))
		return false;
	if (m->deny4 && v6gw_prefix4_set_contains(m->deny4, v4))
		return false;
	if (v6gw_rfc6052_is_wkp(&m->pool6) && v6gw_ipv4_is_special(v4))
		return false;
	return true;
}

/**
 * v6gw_map_prepare() - derive what the lookups may skip from a policy
 * @m: the policy, complete; called again after every change to it
 *
 * An IPv6 address inside pool6 can only match an EAM entry whose IPv6
 * prefix overlaps pool6. When none does, v6gw_map_6to4() takes the prefix
 * without an EAM lookup. A policy never prepared is slower, not wrong.
 */
void v6gw_map_prepare(struct v6gw_map *m)
{
	uint32_t i, n = m->eam ? v6gw_eam_table_count(m->eam) : 0;

	m->pool6_alone = m->flags & V6GW_MAP_POOL6;
	for (i = 0; i < n && m->pool6_alone; i++) {
		const struct v6gw_prefix6 *e = &v6gw_eam_table_entry(m->eam,
								     i)->p6;

		/* overlapping: equal over the shorter length */
		if (e->len < m->pool6.len ?
		    v6gw_prefix6_contains(e, m->pool6.addr) :
		    v6gw_prefix6_contains(&m->pool6, e->addr))
			m->pool6_alone = false;
	}
}

/**
 * v6gw_map_4to6() - the IPv6 address standing for an IPv4 address
 * @m: the mapping policy
 * @v4: the IPv4 address
 * @v6: the result
 *
 * Return: false when @v4 has no IPv6 representation.
 */
bool v6gw_map_4to6(const struct v6gw_map *m, const uint8_t v4[4],
		   uint8_t v6[16])
{
	if (m->eam && v6gw_eam_4to6(m->eam, v4, v6))
		return true;
	return v6gw_map_4to6_prefix(m, v4, v6);
}

/**
 * v6gw_map_4to6_prefix() - like v6gw_map_4to6(), with the RFC 6052 prefix
 *	only: for the source of a hairpinned packet (RFC 7757 section 4),
 *	so that the answer comes back through the translator
 * @m: the mapping policy
 * @v4: the IPv4 address
 * @v6: the result
 *
 * Return: false when @v4 has no IPv6 representation through the prefix.
 */
bool v6gw_map_4to6_prefix(const struct v6gw_map *m, const uint8_t v4[4],
			  uint8_t v6[16])
{
	if (!v6gw_map_pool6_ok(m, v4))
		return false;
	v6gw_rfc6052_embed(&m->pool6, v4, v6);
	return true;
}

/**
 * v6gw_map_4to6_err_src() - the IPv6 source of an ICMPv4 error whose
 *	source v6gw_map_4to6() refused
 * @m: the mapping policy
 * @v4: the error's IPv4 source
 * @v6: the result
 *
 * RFC 7915 section 4.1: an ICMPv4 error from 0.0.0.0/8 or 127.0.0.0/8 is
 * translated anyway, for troubleshooting, with the RFC 6052 prefix
 * (whatever the prefix; the denylist still applies).
 *
 * Return: false when @v4 is not such an address or has no prefix to go in.
 */
bool v6gw_map_4to6_err_src(const struct v6gw_map *m, const uint8_t v4[4],
			   uint8_t v6[16])
{
	if (!(m->flags & V6GW_MAP_POOL6) || (v4[0] != 0 && v4[0] != 127))
		return false;
	if (m->deny4 && v6gw_prefix4_set_contains(m->deny4, v4))
		return false;
	v6gw_rfc6052_embed(&m->pool6, v4, v6);
	return true;
}

/**
 * v6gw_map_6to4() - the IPv4 address standing for an IPv6 address
 * @m: the mapping policy
 * @v6: the IPv6 address
 * @v4: the result
 *
 * Return: false when @v6 has no IPv4 representation.
 */
bool v6gw_map_6to4(const struct v6gw_map *m, const uint8_t v6[16],
		   uint8_t v4[4])
{
	/* in a prefix no EAM entry overlaps (v6gw_map_prepare()) */
	if (m->pool6_alone && v6gw_rfc6052_extract(&m->pool6, v6, v4))
		return v6gw_map_pool6_ok(m, v4);
	if (m->eam && v6gw_eam_6to4(m->eam, v6, v4))
		return true;
	if (!(m->flags & V6GW_MAP_POOL6) ||
	    !v6gw_rfc6052_extract(&m->pool6, v6, v4))
		return false;
	return v6gw_map_pool6_ok(m, v4);
}

/**
 * v6gw_map_rfc6791v4() - an IPv4 source for an ICMPv6 error whose source
 *	cannot be mapped (RFC 6791)
 * @m: the mapping policy, with V6GW_MAP_RFC6791V4 set
 * @v6: the error's IPv6 source
 * @v4: the result
 *
 * The address is picked from the pool by a hash of @v6, so each router on
 * a path shows up as one stable address in a traceroute.
 */
void v6gw_map_rfc6791v4(const struct v6gw_map *m, const uint8_t v6[16],
			uint8_t v4[4])
{
	uint32_t base = v6gw_get_be32(m->rfc6791v4.addr);
	uint32_t hash = 2166136261u, span;
	int i;

	if (m->rfc6791v4.len >= 32) {
		memcpy(v4, m->rfc6791v4.addr, 4);
		return;
	}
	for (i = 0; i < 16; i++)
		hash = (hash ^ v6[i]) * 16777619u;
	span = m->rfc6791v4.len ? 1u << (32 - m->rfc6791v4.len) : 0;
	v6gw_put_be32(v4, base + (span ? hash % span : hash));
}

/**
 * v6gw_map_rfc6791v6() - an IPv6 source for an ICMPv4 error whose source
 *	cannot be mapped
 * @m: the mapping policy, with V6GW_MAP_RFC6791V6 set
 * @v4: the error's IPv4 source
 * @v6: the result: the prefix, with @v4 in the last 32 bits when the
 *	prefix leaves room for it
 */
void v6gw_map_rfc6791v6(const struct v6gw_map *m, const uint8_t v4[4],
			uint8_t v6[16])
{
	memcpy(v6, m->rfc6791v6.addr, 16);
	if (m->rfc6791v6.len <= 96)
		memcpy(v6 + 12, v4, 4);
}
