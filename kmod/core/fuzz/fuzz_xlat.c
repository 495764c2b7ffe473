// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer harness for xlat.c (with map.c, eam.c, prefix4.c, icmp.c,
 * rfc6052.c, csum.c).
 *
 * Input: 5 control bytes, then the packet.
 *   0: bit 0 direction (1: 4to6), 1 csum_partial, 2 amend UDP zero,
 *      3 RFC 6791 pools, 4 TOS/Traffic Class set, 5 EAM table,
 *      6 denylist, 7 Well-Known Prefix instead of a /32../96
 *   1: headroom, 0-127; bit 7: fix the outer ICMP checksum first, so that
 *      ICMP error translation is reached
 *   2-3: linear bytes (clamped to the packet)
 *   4: bits 0-2 pool6 length (32, 40, 48, 56, 64, 96), 3-5 MTUs, 6 RFC
 *      6791 pool lengths, 7 the policy not v6gw_map_prepare()d
 *
 * The packet sits in a heap buffer of exactly headroom + length bytes, so
 * ASan reports any access outside it. Checked:
 *   - PULL: need > linear and need <= len, buffer unchanged; the call is
 *     repeated with need linear bytes
 *   - PASS, ICMP: buffer byte-identical to the input
 *   - OK: the result lies inside the buffer, delta and l3 agree, its length
 *     fields agree with pkt->len, IPv4 header checksum valid, ICMPv6
 *     errors at most 1280 bytes, ICMPv4 errors made of ICMPv6 ones at most
 *     576 bytes (RFC 1812 4.3.2.3), an RFC 4884 length in an ICMP error
 *     only with 128 bytes of original datagram and an extension behind
 *     them, headroom in front of it untouched; then
 *     it is translated back the other way (same checks, must not crash)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csum.h"
#include "eam.h"
#include "map.h"
#include "prefix4.h"
#include "xlat.h"

#define FUZZ_ASSERT(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct v6gw_eam eams[] = {
	{ { { 0x20, 0x01, 0x0d, 0xb8, 0xee, 0xee }, 120 },
	  { { 198, 51, 100, 0 }, 24 } },
	{ { { 0x20, 0x01, 0x0d, 0xb8, 0xdd, 0xdd }, 64 },
	  { { 192, 0, 2, 128 }, 26 } },
	{ { { 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5 },
	    128 }, { { 203, 0, 113, 5 }, 32 } },
	{ { { 0x20, 0x01, 0x0d, 0xb8, 0x11, 0x22 }, 48 },
	  { { 10, 0, 0, 0 }, 8 } },
};

static const struct v6gw_prefix4 deny[] = {
	{ { 192, 0, 2, 0 }, 28 },
	{ { 100, 64, 0, 0 }, 10 },
};

static const uint8_t pool[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0x11, 0x22, 0x33, 0x44,
	0x00, 0x55, 0x66, 0x77,
};
static const uint8_t lens[8] = { 32, 40, 48, 56, 64, 96, 96, 32 };
static const uint32_t mtus[8][2] = {
	{ ~0u, ~0u }, { 1280, 1500 }, { 1500, 1280 }, { 68, 68 },
	{ 0, 0 }, { 9000, 576 }, { 65535, 65535 }, { ~0u, 1280 },
};

static uint64_t eam_mem[1024], deny_mem[256];
static uint32_t max_pulls;	/* most PULL rounds for one packet (debug) */

static void init_tables(void)
{
	static int done;

	if (done)
		return;
	FUZZ_ASSERT(v6gw_eam_table_size(4) <= sizeof(eam_mem));
	FUZZ_ASSERT(!v6gw_eam_table_build(eam_mem, sizeof(eam_mem), eams, 4,
					  NULL));
	FUZZ_ASSERT(!v6gw_prefix4_set_build(deny_mem, sizeof(deny_mem), deny,
					    2, NULL));
	done = 1;
}

static void set_map(struct v6gw_map *m, uint8_t c0, uint8_t c4)
{
	memset(m, 0, sizeof(*m));
	m->flags = V6GW_MAP_POOL6;
	if (c0 & 0x80) {
		static const uint8_t wkp[12] = { 0, 0x64, 0xff, 0x9b };

		memcpy(m->pool6.addr, wkp, 12);
		m->pool6.len = 96;
	} else {
		m->pool6.len = lens[c4 & 7];
		memcpy(m->pool6.addr, pool, m->pool6.len / 8);
	}
	if (c0 & 0x04)
		m->flags |= V6GW_MAP_AMEND_UDP0;
	if (c0 & 0x08) {
		m->flags |= V6GW_MAP_RFC6791V4 | V6GW_MAP_RFC6791V6;
		m->rfc6791v4.addr[0] = 198;
		m->rfc6791v4.addr[1] = 18;
		m->rfc6791v4.len = (c4 & 0x40) ? 32 : 24;
		memcpy(m->rfc6791v6.addr, "\x20\x01\x0d\xb8\xff\xff", 6);
		m->rfc6791v6.len = (c4 & 0x40) ? 128 : 96;
	}
	if (c0 & 0x10) {
		m->flags |= V6GW_MAP_TOS_SET | V6GW_MAP_TCLASS_SET;
		m->tos = 0x10;
		m->tclass = 0x2c;
	}
	if (c0 & 0x20)
		m->eam = (const struct v6gw_eam_table *)eam_mem;
	if (c0 & 0x40)
		m->deny4 = (const struct v6gw_prefix4_set *)deny_mem;
	m->lowest_ipv6_mtu = 1280;
	/* the derived shortcuts, or the policy as it is without them */
	if (!(c4 & 0x80))
		v6gw_map_prepare(m);
}

/* Make the outer ICMP checksum right, so the error paths are reached. */
static void fix_icmp(uint8_t *p, size_t len)
{
	uint32_t n;

	if (len >= 28 && p[0] >> 4 == 4 && p[9] == 1) {
		uint32_t ihl = (p[0] & 0xf) * 4u, tot = v6gw_get_be16(p + 2);

		if (ihl < 20 || tot > len || tot < ihl + 8)
			return;
		n = tot - ihl;
		v6gw_put_be16(p + ihl + 2, 0);
		v6gw_put_be16(p + ihl + 2,
			      v6gw_csum_finish(v6gw_csum_partial(p + ihl, n, 0)));
	} else if (len >= 48 && p[0] >> 4 == 6 && p[6] == 58) {
		n = v6gw_get_be16(p + 4);
		if (n < 8 || n + 40 > len)
			return;
		v6gw_put_be16(p + 42, 0);
		v6gw_put_be16(p + 42, v6gw_csum_finish(v6gw_csum_partial(
			p + 40, n, v6gw_csum_pseudo6(p + 8, p + 24, 58, n))));
	}
}

/*
 * A translated ICMP error with an RFC 4884 length: an original datagram
 * field of 128 bytes at least, and an extension behind it. The translator
 * writes a length only when it carries an extension. Checked when the
 * input was ICMP (IPv6: with no extension header), as other protocols
 * are carried with whatever bytes they have.
 */
static void check_rfc4884(uint32_t len, uint32_t body, uint32_t orig)
{
	if (!orig)
		return;
	FUZZ_ASSERT(orig >= 128);
	FUZZ_ASSERT(body + orig < len);
}

/*
 * Translate in @buf (@total bytes) from @l3 with @lin linear bytes;
 * returns the verdict after honouring PULL, with all invariants checked.
 */
static enum v6gw_xlat_verdict xlat(const struct v6gw_map *m, bool to6,
				   uint8_t *buf, size_t total, uint8_t *l3,
				   uint32_t len, uint32_t lin, bool partial,
				   uint8_t c4, struct v6gw_xlat_pkt *pkt)
{
	uint8_t *save = malloc(total + 1);
	enum v6gw_xlat_verdict v;
	uint32_t tries;
	bool icmp_in;

	FUZZ_ASSERT(save);
	memcpy(save, buf, total);
	/* ICMP in: only then is an ICMP result the translator's own */
	icmp_in = to6 ? len >= 20 && l3[9] == 1 : len >= 40 && l3[6] == 58;
	for (tries = 0;; tries++) {
		/* need > linear: every round makes progress */
		FUZZ_ASSERT(tries <= len + 1);
		memset(pkt, 0, sizeof(*pkt));
		pkt->l3 = l3;
		pkt->linear = lin;
		pkt->len = len;
		pkt->headroom = (uint32_t)(l3 - buf);
		pkt->csum_partial = partial;
		pkt->ipv4_id = 0x1234;
		pkt->mtu_in = mtus[c4 >> 3 & 7][0];
		pkt->mtu_out = mtus[c4 >> 3 & 7][1];
		v = to6 ? v6gw_xlat_4to6(m, pkt) : v6gw_xlat_6to4(m, pkt);
		FUZZ_ASSERT(v <= V6GW_XLAT_ICMP);
		if (v == V6GW_XLAT_PASS || v == V6GW_XLAT_PULL ||
		    v == V6GW_XLAT_ICMP)
			FUZZ_ASSERT(!memcmp(buf, save, total));
		if (v != V6GW_XLAT_PULL)
			break;
		FUZZ_ASSERT(pkt->need > lin);
		FUZZ_ASSERT(pkt->need <= len);
		lin = pkt->need;
	}
	if (tries > max_pulls)
		max_pulls = tries;
	if (v == V6GW_XLAT_DROP)
		FUZZ_ASSERT(pkt->reason && pkt->reason < V6GW_XR_COUNT);
	if (v == V6GW_XLAT_OK) {
		uint8_t *p = pkt->l3;

		FUZZ_ASSERT(pkt->reason == V6GW_XR_NONE);
		FUZZ_ASSERT(p >= buf && p + pkt->len <= buf + total);
		FUZZ_ASSERT(p == l3 - pkt->delta);
		/* linear may cover padding past Total/Payload Length */
		FUZZ_ASSERT(p + pkt->linear <= buf + total);
		FUZZ_ASSERT(pkt->l4off <= pkt->len);
		/* nothing written in front of the result */
		FUZZ_ASSERT(!memcmp(buf, save, (size_t)(p - buf)));
		if (to6) {
			FUZZ_ASSERT(pkt->len >= 40 && p[0] >> 4 == 6);
			FUZZ_ASSERT(v6gw_get_be16(p + 4) + 40u == pkt->len);
			FUZZ_ASSERT(pkt->l4off == 40 || pkt->l4off == 48);
			if (pkt->l4off == 48)
				FUZZ_ASSERT(p[6] == 44);
			else
				FUZZ_ASSERT(p[6] == pkt->l4proto);
			if (pkt->l4proto == 58 && pkt->l4off == 40 &&
			    p[40] < 128)
				FUZZ_ASSERT(pkt->len <= 1280);
			if (icmp_in && pkt->l4proto == 58 &&
			    pkt->l4off == 40 && (p[40] == 1 || p[40] == 3) &&
			    pkt->len >= 48)
				check_rfc4884(pkt->len, 48, p[44] * 8u);
		} else {
			FUZZ_ASSERT(pkt->len >= 20 && p[0] == 0x45);
			FUZZ_ASSERT(v6gw_get_be16(p + 2) == pkt->len);
			FUZZ_ASSERT(v6gw_csum_fold(v6gw_csum_partial(p, 20, 0)) ==
				    0xffff);
			FUZZ_ASSERT(pkt->l4off == 20 && p[9] == pkt->l4proto);
			if (icmp_in && pkt->l4proto == 1 && pkt->len >= 28 &&
			    (p[20] == 3 || p[20] == 11 || p[20] == 12)) {
				FUZZ_ASSERT(pkt->len <= 576);
				check_rfc4884(pkt->len, 28, p[25] * 4u);
			}
		}
	}
	free(save);
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct v6gw_xlat_pkt pkt, back;
	struct v6gw_map m;
	uint8_t c0, c1, c4, *buf;
	uint32_t H, len, lin;
	bool to6;

	if (size < 5 || size > 5 + 65535 + 100)
		return -1;
	init_tables();
	c0 = data[0];
	c1 = data[1];
	c4 = data[4];
	to6 = c0 & 1;
	H = c1 & 0x7f;
	len = (uint32_t)(size - 5);
	lin = v6gw_get_be16(data + 2);
	if (lin > len)
		lin = len;
	set_map(&m, c0, c4);

	buf = malloc(H + len + 1);
	FUZZ_ASSERT(buf);
	memset(buf, 0xa5, H);
	memcpy(buf + H, data + 5, len);
	if (c1 & 0x80)
		fix_icmp(buf + H, len);

	if (xlat(&m, to6, buf, H + len, buf + H, len, lin, c0 & 2, c4,
		 &pkt) == V6GW_XLAT_OK) {
		uint8_t *l3 = pkt.l3;

		xlat(&m, !to6, buf, H + len, l3, pkt.len, pkt.linear, c0 & 2,
		     c4, &back);
	}
	free(buf);
	return 0;
}
