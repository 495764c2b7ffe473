// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The rewrite of one Router Advertisement: check it (RFC 4861 6.1.2 and
 * 4.6: hop limit 255, link-local source, code 0, a valid checksum, options
 * of non-zero length within the packet), find what it announces already,
 * drop what a replace rule replaces, append the rule's options, fix the
 * payload length and the checksum.
 */
#include "csum.h"
#include "ra.h"

static uint8_t lower(uint8_t c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Is the wire name at @a (well formed, the rule's) the one at @b? */
static bool dns_name_eq(const uint8_t *a, const uint8_t *b, size_t blen)
{
	size_t i = 0;

	for (;;) {
		size_t l, j;

		if (i >= blen || a[i] != b[i])
			return false;
		l = a[i++];
		if (!l)
			return true;
		if (l > blen - i)
			return false;
		for (j = 0; j < l; j++, i++)
			if (lower(a[i]) != lower(b[i]))
				return false;
	}
}

/* Mark the rule's names that the DNSSL option body @p (@len bytes) holds. */
static uint32_t dnssl_seen(const struct v6gw_ra_opts *o, const uint8_t *p,
			   size_t len)
{
	uint32_t seen = 0;
	size_t off = 0;

	/* Each name in the option: stop at padding or a malformed one. */
	while (off < len && p[off]) {
		size_t n = 0, roff = 0;
		unsigned int i;

		while (off + n < len && p[off + n])
			n += p[off + n] + 1;
		if (off + n >= len)
			break;
		n++;
		for (i = 0; i < o->ndnssl; i++) {
			if (dns_name_eq(o->dnssl + roff, p + off, n))
				seen |= 1u << i;
			while (o->dnssl[roff])
				roff += o->dnssl[roff] + 1;
			roff++;
		}
		off += n;
	}
	return seen;
}

static uint32_t rdnss_seen(const struct v6gw_ra_opts *o, const uint8_t *opt,
			   size_t olen)
{
	uint32_t seen = 0;
	size_t off;
	unsigned int i;

	if (olen < 24 || (olen / 8) % 2 == 0)
		return 0;	/* not a valid RDNSS option: announces nothing */
	for (off = 8; off + 16 <= olen; off += 16)
		for (i = 0; i < o->nrdnss; i++)
			if (!memcmp(o->rdnss[i], opt + off, 16))
				seen |= 1u << i;
	return seen;
}

static bool pref64_seen(const struct v6gw_ra_opts *o, const uint8_t *opt,
			size_t olen)
{
	int plc = v6gw_ra_plc(o->pref64_len);

	return olen == 16 && (opt[3] & 7) == plc &&
	       !memcmp(opt + 4, o->pref64, o->pref64_len / 8);
}

static bool replaced(const struct v6gw_ra_opts *o, uint8_t type)
{
	if (o->mode != V6GW_RA_REPLACE)
		return false;
	return (type == V6GW_ND_OPT_RDNSS && o->nrdnss) ||
	       (type == V6GW_ND_OPT_DNSSL && o->ndnssl) ||
	       (type == V6GW_ND_OPT_PREF64 && o->pref64_len);
}

static bool ra_valid(const uint8_t *pkt, uint32_t len)
{
	uint32_t sum;

	if (len < V6GW_RA_HDR || (pkt[0] >> 4) != 6 ||
	    v6gw_get_be16(pkt + 4) != len - 40)
		return false;
	if (pkt[7] != 255 || pkt[8] != 0xfe || (pkt[9] & 0xc0) != 0x80 ||
	    pkt[41] != 0)
		return false;
	sum = v6gw_csum_pseudo6(pkt + 8, pkt + 24, 58, len - 40);
	sum = v6gw_csum_partial(pkt + 40, len - 40, sum);
	return v6gw_csum_finish(sum) == 0;
}

enum v6gw_ra_verdict v6gw_ra_rewrite(uint8_t *pkt, uint32_t len,
				     uint32_t room, uint32_t mtu,
				     const struct v6gw_ra_opts *o,
				     uint32_t *new_len)
{
	struct v6gw_ra_skip skip = { 0 };
	uint32_t off, keep = 0, w, lifetime;
	unsigned int dropped = 0;
	size_t add;
	uint32_t sum;

	*new_len = len;
	if (len < 41 || pkt[6] != 58 || pkt[40] != 134)
		return V6GW_RA_NOT_RA;
	if (!ra_valid(pkt, len))
		return V6GW_RA_MALFORMED;

	/* Pass 1: check every option, see what is there already. */
	for (off = V6GW_RA_HDR; off < len; off += pkt[off + 1] * 8u) {
		uint32_t olen;

		if (len - off < 2 || !pkt[off + 1] ||
		    pkt[off + 1] * 8u > len - off)
			return V6GW_RA_MALFORMED;
		olen = pkt[off + 1] * 8u;
		if (replaced(o, pkt[off])) {
			dropped++;
			continue;
		}
		keep += olen;
		if (o->mode == V6GW_RA_REPLACE)
			continue;
		switch (pkt[off]) {
		case V6GW_ND_OPT_RDNSS:
			skip.rdnss |= rdnss_seen(o, pkt + off, olen);
			break;
		case V6GW_ND_OPT_DNSSL:
			if (olen >= 16)
				skip.dnssl |= dnssl_seen(o, pkt + off + 8,
							 olen - 8);
			break;
		case V6GW_ND_OPT_PREF64:
			if (o->pref64_len && pref64_seen(o, pkt + off, olen))
				skip.pref64 = true;
			break;
		}
	}

	lifetime = v6gw_ra_lifetime(o, v6gw_get_be16(pkt + 46));
	add = v6gw_ra_build(o, lifetime, &skip, NULL, 0);
	if (!add && !dropped)
		return V6GW_RA_SAME;
	*new_len = V6GW_RA_HDR + keep + (uint32_t)add;
	if (*new_len > mtu || *new_len - 40 > 0xffff)
		return V6GW_RA_TOO_BIG;
	if (*new_len > room)
		return V6GW_RA_NOROOM;

	/* Pass 2: close the gaps of dropped options (only ever forward). */
	w = V6GW_RA_HDR;
	for (off = V6GW_RA_HDR; off < len; ) {
		uint32_t olen = pkt[off + 1] * 8u;

		if (!replaced(o, pkt[off])) {
			if (w != off)
				memmove(pkt + w, pkt + off, olen);
			w += olen;
		}
		off += olen;
	}
	v6gw_ra_build(o, lifetime, &skip, pkt + w, room - w);

	v6gw_put_be16(pkt + 4, (uint16_t)(*new_len - 40));
	pkt[42] = pkt[43] = 0;
	sum = v6gw_csum_pseudo6(pkt + 8, pkt + 24, 58, *new_len - 40);
	sum = v6gw_csum_partial(pkt + 40, *new_len - 40, sum);
	v6gw_put_be16(pkt + 42, v6gw_csum_finish(sum));
	return V6GW_RA_DONE;
}

enum v6gw_ra_verdict v6gw_ra_pref64_read(const uint8_t *pkt, uint32_t len,
					 uint8_t addr[16], uint8_t *plen,
					 uint32_t *lifetime)
{
	static const uint8_t lens[8] = { 96, 64, 56, 48, 40, 32 };
	enum v6gw_ra_verdict v = V6GW_RA_SAME;
	uint32_t off;

	if (len < 41 || pkt[6] != 58 || pkt[40] != 134)
		return V6GW_RA_NOT_RA;
	if (!ra_valid(pkt, len))
		return V6GW_RA_MALFORMED;
	for (off = V6GW_RA_HDR; off < len; off += pkt[off + 1] * 8u) {
		const uint8_t *o = pkt + off;
		uint16_t sl_plc;
		uint8_t l;

		if (len - off < 2 || !o[1] || o[1] * 8u > len - off)
			return V6GW_RA_MALFORMED;
		if (v != V6GW_RA_SAME || o[0] != V6GW_ND_OPT_PREF64 ||
		    o[1] < 2)
			continue;
		sl_plc = v6gw_get_be16(o + 2);
		l = lens[sl_plc & 7];
		if (!l || (l == 96 && o[4 + 8]))
			continue;
		memset(addr, 0, 16);
		memcpy(addr, o + 4, l / 8);
		*plen = l;
		*lifetime = (uint32_t)(sl_plc >> 3) * 8;
		v = V6GW_RA_DONE;
	}
	return v;
}
