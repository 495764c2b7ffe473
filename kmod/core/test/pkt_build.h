/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * A reference packet builder for the translator tests.
 *
 * Headers are written field by field from a plain description, and every
 * checksum is computed in full with a byte-at-a-time reference sum: nothing
 * here uses csum.c or any other code under test, so an expected packet is
 * built independently of the translator.
 */
#ifndef V6GW_TEST_PKT_BUILD_H
#define V6GW_TEST_PKT_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	PB_HOPOPTS = 0,
	PB_ICMP = 1,
	PB_IGMP = 2,
	PB_TCP = 6,
	PB_UDP = 17,
	PB_ROUTING = 43,
	PB_FRAGMENT = 44,
	PB_ESP = 50,
	PB_ICMPV6 = 58,
	PB_DSTOPTS = 60,
	PB_SCTP = 132,
};

#define PB_MAX_EXT	4

/*
 * One IP header. IPv4: tos, ttl, id, df, and when frag the MF flag and
 * offset; opt/optlen are the options (a multiple of 4). IPv6: tos is the
 * Traffic Class, ttl the Hop Limit; ext[] are extension headers in order
 * (type, length in 8-octet units minus one, Segments Left for Routing),
 * then a Fragment header when frag (fid, off, mf).
 */
struct pb_ip {
	int v;
	uint8_t src[16], dst[16];
	uint8_t tos, ttl, proto;
	uint32_t flow;
	uint16_t id;
	bool df, frag, mf;
	uint16_t off;		/* 8-octet units */
	uint32_t fid;
	uint8_t opt[40];
	uint8_t optlen;
	uint8_t next;		/* number of extension headers */
	uint8_t ext[PB_MAX_EXT], extl[PB_MAX_EXT], extsl[PB_MAX_EXT];
};

/* How pb_l4_csum() fills the checksum field. */
enum {
	PB_CS_FULL,		/* the full checksum (UDP: 0 sent as 0xffff) */
	PB_CS_PARTIAL,		/* the folded pseudo-header sum (offload) */
	PB_CS_KEEP,		/* leave the field as it is */
};

void pb_w16(uint8_t *p, uint32_t v);
void pb_w32(uint8_t *p, uint32_t v);
uint32_t pb_r16(const uint8_t *p);
uint32_t pb_r32(const uint8_t *p);

uint64_t pb_sum(uint64_t s, const uint8_t *b, size_t n);
uint16_t pb_fold(uint64_t s);
uint16_t pb_csum(uint64_t s);
uint64_t pb_pseudo(int v, const uint8_t *src, const uint8_t *dst,
		   uint8_t proto, uint32_t len);

int pb_csum_off(uint8_t proto);
void pb_l4_csum(int v, const uint8_t *src, const uint8_t *dst, uint8_t proto,
		uint8_t *seg, uint32_t len, int mode);
bool pb_l4_ok(int v, const uint8_t *src, const uint8_t *dst, uint8_t proto,
	      const uint8_t *seg, uint32_t len);

uint32_t pb_hlen(const struct pb_ip *h);
uint32_t pb_build(const struct pb_ip *h, const uint8_t *pl, uint32_t pllen,
		  uint8_t *out);

void pb_embed(const uint8_t *prefix, int len, const uint8_t v4[4],
	      uint8_t v6[16]);

#endif /* V6GW_TEST_PKT_BUILD_H */
