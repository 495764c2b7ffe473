/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Router Advertisement option injection, the portable part: the options of
 * a rule (RDNSS and DNSSL, RFC 8106; PREF64, RFC 8781), their encoding,
 * and the rewrite of one RA in place. The glue finds the RAs (a netfilter
 * egress hook per interface), makes the packet writable and large enough,
 * and calls v6gw_ra_rewrite().
 *
 * An RA here is a whole IPv6 packet: a 40-byte header with next header 58
 * (no extension headers), then ICMPv6 type 134, code 0, its 16-byte fixed
 * part and the options. Offsets below count from the IPv6 header.
 */
#ifndef V6GW_CORE_RA_H
#define V6GW_CORE_RA_H

#include "types.h"

/* Limits of a rule; the same values as the uapi's V6GW_RA_*_MAX. */
#define V6GW_RA_RDNSS_N		8
#define V6GW_RA_DNSSL_N		8
#define V6GW_RA_DNSSL_WIRE	512

/* Modes, the values of enum v6gw_ra_mode. */
#define V6GW_RA_ADD		0
#define V6GW_RA_REPLACE		1

/* Option types. */
#define V6GW_ND_OPT_RDNSS	25
#define V6GW_ND_OPT_DNSSL	31
#define V6GW_ND_OPT_PREF64	38

#define V6GW_RA_HDR		56	/* IPv6 header + RA fixed part */
#define V6GW_RA_DEFAULT_LIFETIME 1800	/* s, when Router Lifetime is 0 */
#define V6GW_RA_PREF64_MAX_LIFETIME 65528	/* 8191 units of 8 s */

/* What a rule adds; built by the helpers below, then read only. */
struct v6gw_ra_opts {
	uint8_t rdnss[V6GW_RA_RDNSS_N][16];
	uint8_t nrdnss;
	uint8_t ndnssl;
	uint16_t dnssl_len;		/* bytes used in dnssl */
	uint8_t dnssl[V6GW_RA_DNSSL_WIRE]; /* names in DNS wire format
					 * (RFC 1035 3.1), back to back */
	uint8_t pref64[16];
	uint8_t pref64_len;		/* 0: no PREF64 */
	uint8_t mode;			/* V6GW_RA_ADD or V6GW_RA_REPLACE */
	bool has_lifetime;
	uint32_t lifetime;		/* s, when has_lifetime */
};

/*
 * Building a rule. Each returns NULL, or why the value is refused (a
 * static string, fit for an extack message); @o is unchanged then.
 */
void v6gw_ra_opts_init(struct v6gw_ra_opts *o);
const char *v6gw_ra_opts_add_rdnss(struct v6gw_ra_opts *o,
				   const uint8_t addr[16]);
const char *v6gw_ra_opts_add_dnssl(struct v6gw_ra_opts *o, const char *name);
const char *v6gw_ra_opts_set_pref64(struct v6gw_ra_opts *o,
				    const uint8_t addr[16], uint8_t len);
const char *v6gw_ra_opts_invalid(const struct v6gw_ra_opts *o);

/**
 * v6gw_dns_name_encode() - a dotted domain name in DNS wire format
 * @name: NUL-terminated, labels of 1..63 of [A-Za-z0-9_-], one trailing
 *	dot allowed
 * @out: where the encoding goes (length-prefixed labels, a zero byte last)
 * @room: bytes at @out
 * @len: the encoding's length
 *
 * Return: NULL, or why @name is refused.
 */
const char *v6gw_dns_name_encode(const char *name, uint8_t *out, size_t room,
				 size_t *len);

/**
 * v6gw_dns_name_decode() - one wire-format name back to dotted text
 * @wire: the encoding
 * @len: bytes at @wire
 * @out: NUL-terminated result, no trailing dot
 * @room: bytes at @out (256 always suffice)
 *
 * Return: the bytes of @wire the name took, or 0 when it is malformed
 * (a label past @len, compression, over 255 bytes) or @out is too small.
 */
size_t v6gw_dns_name_decode(const uint8_t *wire, size_t len, char *out,
			    size_t room);

/* The PREF64 Prefix Length Code of @len (RFC 8781 4), or -1. */
int v6gw_ra_plc(uint8_t len);

/**
 * v6gw_ra_lifetime() - the lifetime the options get in one RA
 * @o: the rule
 * @router_lifetime: the RA's Router Lifetime, seconds
 *
 * Return: @o's lifetime when it has one; otherwise @router_lifetime, or
 * V6GW_RA_DEFAULT_LIFETIME when that is 0.
 */
uint32_t v6gw_ra_lifetime(const struct v6gw_ra_opts *o,
			  uint16_t router_lifetime);

/* The PREF64 Scaled Lifetime of @lifetime seconds: 8 s units, rounded up. */
uint16_t v6gw_ra_pref64_scaled(uint32_t lifetime);

/*
 * Which of a rule's items an RA announces already (mode add): bit i of
 * rdnss / dnssl is the rule's i-th address / name.
 */
struct v6gw_ra_skip {
	uint32_t rdnss;
	uint32_t dnssl;
	bool pref64;
};

/**
 * v6gw_ra_build() - the options a rule adds, in wire format
 * @o: the rule
 * @lifetime: seconds, from v6gw_ra_lifetime()
 * @skip: items to leave out, or NULL
 * @out: where they go, or NULL to only measure
 * @room: bytes at @out
 *
 * Order: RDNSS (one option, every address left), DNSSL (one option), then
 * PREF64. An option with nothing left is not built.
 *
 * Return: their length in bytes (a multiple of 8), or 0 when nothing is
 * left; when @out is not NULL and the length exceeds @room, nothing is
 * written and the length is returned all the same.
 */
size_t v6gw_ra_build(const struct v6gw_ra_opts *o, uint32_t lifetime,
		     const struct v6gw_ra_skip *skip, uint8_t *out,
		     size_t room);

enum v6gw_ra_verdict {
	V6GW_RA_DONE,		/* rewritten: *new_len bytes */
	V6GW_RA_SAME,		/* nothing to add or remove: untouched */
	V6GW_RA_NOT_RA,		/* not an RA at all: untouched */
	V6GW_RA_MALFORMED,	/* an RA, but malformed: untouched */
	V6GW_RA_TOO_BIG,	/* the result would exceed @mtu: untouched */
	V6GW_RA_NOROOM,		/* needs *new_len bytes of buffer: untouched */
};

/**
 * v6gw_ra_rewrite() - apply a rule to one Router Advertisement, in place
 * @pkt: the IPv6 packet
 * @len: its length (the IPv6 payload length must agree)
 * @room: bytes writable at @pkt (>= @len)
 * @mtu: the largest result allowed (the interface's MTU)
 * @o: the rule
 * @new_len: the result's length (also for V6GW_RA_NOROOM and TOO_BIG)
 *
 * The RA's own options keep their order and bytes; those a replace rule
 * removes go, the rule's follow them. The payload length and the ICMPv6
 * checksum are set for the result. A malformed RA (see the uapi header)
 * is reported, never trusted: every length is checked against @len first.
 *
 * Return: the verdict; @pkt changes only with V6GW_RA_DONE.
 */
enum v6gw_ra_verdict v6gw_ra_rewrite(uint8_t *pkt, uint32_t len,
				     uint32_t room, uint32_t mtu,
				     const struct v6gw_ra_opts *o,
				     uint32_t *new_len);

/**
 * v6gw_ra_pref64_read() - the NAT64 prefix a received RA announces
 * @pkt: the IPv6 packet, as in v6gw_ra_rewrite()
 * @len: its length
 * @addr: the prefix of the first valid PREF64 option (RFC 8781 3), bits
 *	past its length zero
 * @plen: its length (96, 64, 56, 48, 40 or 32)
 * @lifetime: its lifetime in seconds (the scaled lifetime times 8; 0: the
 *	prefix is withdrawn)
 *
 * The RA is checked as v6gw_ra_rewrite() checks it (hop limit 255,
 * link-local source, code 0, lengths, checksum). A PREF64 option shorter
 * than 16 bytes, with a reserved Prefix Length Code, or whose /96 prefix
 * has a nonzero u octet (RFC 6052 2.2) is ignored.
 *
 * Return: V6GW_RA_DONE when a PREF64 was read, V6GW_RA_SAME when the RA
 * announces none, V6GW_RA_NOT_RA or V6GW_RA_MALFORMED.
 */
enum v6gw_ra_verdict v6gw_ra_pref64_read(const uint8_t *pkt, uint32_t len,
					 uint8_t addr[16], uint8_t *plen,
					 uint32_t *lifetime);

#endif /* V6GW_CORE_RA_H */
