// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The options of a Router Advertisement rule and their wire encoding:
 * RDNSS and DNSSL (RFC 8106 5.1, 5.2), PREF64 (RFC 8781 4).
 */
#include "ra.h"

void v6gw_ra_opts_init(struct v6gw_ra_opts *o)
{
	memset(o, 0, sizeof(*o));
}

const char *v6gw_ra_opts_add_rdnss(struct v6gw_ra_opts *o,
				   const uint8_t addr[16])
{
	static const uint8_t zero[16], loop[16] = { [15] = 1 };
	unsigned int i;

	if (addr[0] == 0xff)
		return "an RDNSS address cannot be multicast";
	if (!memcmp(addr, zero, 16) || !memcmp(addr, loop, 16))
		return "an RDNSS address cannot be unspecified or loopback";
	for (i = 0; i < o->nrdnss; i++)
		if (!memcmp(o->rdnss[i], addr, 16))
			return "an RDNSS address is given twice";
	if (o->nrdnss == V6GW_RA_RDNSS_N)
		return "too many RDNSS addresses";
	memcpy(o->rdnss[o->nrdnss++], addr, 16);
	return NULL;
}

static bool dns_label_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_';
}

const char *v6gw_dns_name_encode(const char *name, uint8_t *out, size_t room,
				 size_t *len)
{
	size_t w = 0, label = 0;	/* label: where its length byte is */
	const char *p;

	if (!*name || *name == '.')
		return "a domain name cannot be empty or start with a dot";
	if (room < 2)
		return "no room for the domain name";
	out[0] = 0;
	w = 1;
	for (p = name; *p; p++) {
		if (*p == '.') {
			if (p[1] == '.')
				return "a domain name cannot have an empty label";
			if (!p[1])
				break;		/* the one trailing dot */
			label = w++;
			if (w >= room || w > 254)
				return "a domain name is longer than 253 characters";
			out[label] = 0;
			continue;
		}
		if (!dns_label_char(*p))
			return "a domain name may only hold letters, digits, '-' and '_'";
		if (out[label] == 63)
			return "a domain name label is longer than 63 characters";
		if (w + 1 >= room || w >= 254)
			return "a domain name is longer than 253 characters";
		out[label]++;
		out[w++] = (uint8_t)*p;
	}
	out[w++] = 0;
	*len = w;
	return NULL;
}

size_t v6gw_dns_name_decode(const uint8_t *wire, size_t len, char *out,
			    size_t room)
{
	size_t r = 0, w = 0;

	while (r < len) {
		uint8_t l = wire[r++];

		if (!l) {
			if (w >= room)
				return 0;
			out[w] = '\0';
			return w ? r : 0;	/* the root alone is no name */
		}
		/* the name with its zero byte: at most 255 bytes */
		if (l > 63 || l > len - r || r + l >= 255)
			return 0;
		/* the label, a dot before it but the first, and the NUL */
		if (w + (w ? 1 : 0) + l >= room)
			return 0;
		if (w)
			out[w++] = '.';
		memcpy(out + w, wire + r, l);
		w += l;
		r += l;
	}
	return 0;
}

/* Two wire names of @len bytes, equal but for case (RFC 4343). A length
 * byte (at most 63) is below 'A', so lowering every byte is safe. */
static bool dns_wire_eq_nocase(const uint8_t *a, const uint8_t *b,
			       size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		uint8_t x = a[i], y = b[i];

		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return false;
	}
	return true;
}

const char *v6gw_ra_opts_add_dnssl(struct v6gw_ra_opts *o, const char *name)
{
	uint8_t wire[256];
	const char *why;
	size_t len, off, n;
	unsigned int i;

	why = v6gw_dns_name_encode(name, wire, sizeof(wire), &len);
	if (why)
		return why;
	for (i = 0, off = 0; i < o->ndnssl; i++, off += n) {
		n = 1;
		while (o->dnssl[off + n - 1])
			n += o->dnssl[off + n - 1] + 1;
		if (n == len && dns_wire_eq_nocase(o->dnssl + off, wire, len))
			return "a DNSSL name is given twice";
	}
	if (o->ndnssl == V6GW_RA_DNSSL_N)
		return "too many DNSSL names";
	if (o->dnssl_len + len > V6GW_RA_DNSSL_WIRE)
		return "the DNSSL names are too long together";
	memcpy(o->dnssl + o->dnssl_len, wire, len);
	o->dnssl_len += (uint16_t)len;
	o->ndnssl++;
	return NULL;
}

int v6gw_ra_plc(uint8_t len)
{
	switch (len) {
	case 96: return 0;
	case 64: return 1;
	case 56: return 2;
	case 48: return 3;
	case 40: return 4;
	case 32: return 5;
	default: return -1;
	}
}

const char *v6gw_ra_opts_set_pref64(struct v6gw_ra_opts *o,
				    const uint8_t addr[16], uint8_t len)
{
	unsigned int i;

	if (v6gw_ra_plc(len) < 0)
		return "a PREF64 prefix length must be 32, 40, 48, 56, 64 or 96";
	for (i = len / 8; i < 16; i++)
		if (addr[i])
			return "bits beyond the prefix length must be zero";
	memcpy(o->pref64, addr, 16);
	o->pref64_len = len;
	return NULL;
}

const char *v6gw_ra_opts_invalid(const struct v6gw_ra_opts *o)
{
	if (!o->nrdnss && !o->ndnssl && !o->pref64_len)
		return "a rule needs rdnss, dnssl or pref64";
	if (o->mode != V6GW_RA_ADD && o->mode != V6GW_RA_REPLACE)
		return "unknown mode";
	return NULL;
}

uint32_t v6gw_ra_lifetime(const struct v6gw_ra_opts *o,
			  uint16_t router_lifetime)
{
	if (o->has_lifetime)
		return o->lifetime;
	return router_lifetime ? router_lifetime : V6GW_RA_DEFAULT_LIFETIME;
}

uint16_t v6gw_ra_pref64_scaled(uint32_t lifetime)
{
	if (lifetime >= V6GW_RA_PREF64_MAX_LIFETIME)
		return V6GW_RA_PREF64_MAX_LIFETIME / 8;
	return (uint16_t)((lifetime + 7) / 8);
}

/* The wire length of the name at @p (the rule's own: well formed). */
static size_t dnssl_name_len(const uint8_t *p)
{
	size_t n = 0;

	while (p[n])
		n += p[n] + 1;
	return n + 1;
}

static size_t build_rdnss(const struct v6gw_ra_opts *o, uint32_t lifetime,
			  uint32_t skip, uint8_t *out)
{
	size_t len = 8;
	unsigned int i;

	for (i = 0; i < o->nrdnss; i++) {
		if (skip & (1u << i))
			continue;
		if (out)
			memcpy(out + len, o->rdnss[i], 16);
		len += 16;
	}
	if (len == 8)
		return 0;
	if (out) {
		out[0] = V6GW_ND_OPT_RDNSS;
		out[1] = (uint8_t)(len / 8);
		out[2] = out[3] = 0;
		v6gw_put_be32(out + 4, lifetime);
	}
	return len;
}

static size_t build_dnssl(const struct v6gw_ra_opts *o, uint32_t lifetime,
			  uint32_t skip, uint8_t *out)
{
	size_t len = 8, off = 0, n, pad;
	unsigned int i;

	for (i = 0; i < o->ndnssl; i++, off += n) {
		n = dnssl_name_len(o->dnssl + off);
		if (skip & (1u << i))
			continue;
		if (out)
			memcpy(out + len, o->dnssl + off, n);
		len += n;
	}
	if (len == 8)
		return 0;
	pad = (8 - len % 8) % 8;
	if (out) {
		memset(out + len, 0, pad);
		out[0] = V6GW_ND_OPT_DNSSL;
		out[1] = (uint8_t)((len + pad) / 8);
		out[2] = out[3] = 0;
		v6gw_put_be32(out + 4, lifetime);
	}
	return len + pad;
}

static size_t build_pref64(const struct v6gw_ra_opts *o, uint32_t lifetime,
			   uint8_t *out)
{
	if (out) {
		out[0] = V6GW_ND_OPT_PREF64;
		out[1] = 2;
		v6gw_put_be16(out + 2, (uint16_t)(v6gw_ra_pref64_scaled(lifetime) << 3 |
					  v6gw_ra_plc(o->pref64_len)));
		memcpy(out + 4, o->pref64, 12);
	}
	return 16;
}

size_t v6gw_ra_build(const struct v6gw_ra_opts *o, uint32_t lifetime,
		     const struct v6gw_ra_skip *skip, uint8_t *out,
		     size_t room)
{
	static const struct v6gw_ra_skip none;
	size_t len;

	if (!skip)
		skip = &none;
	/* Measure first: nothing is written unless all of it fits. */
	len = build_rdnss(o, lifetime, skip->rdnss, NULL) +
	      build_dnssl(o, lifetime, skip->dnssl, NULL) +
	      (o->pref64_len && !skip->pref64 ? 16 : 0);
	if (!out || len > room)
		return len;
	out += build_rdnss(o, lifetime, skip->rdnss, out);
	out += build_dnssl(o, lifetime, skip->dnssl, out);
	if (o->pref64_len && !skip->pref64)
		build_pref64(o, lifetime, out);
	return len;
}
