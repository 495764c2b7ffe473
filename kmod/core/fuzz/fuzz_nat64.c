// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer harness for stateful NAT64 in the portable core: the flow
 * tuple of a packet (nat64.c), the translator with pkt->nat as the glue
 * drives it (xlat*.c), and the TCP state machine (nat64_tcp.c).
 *
 * Input: 4 control bytes, then the packet.
 *   0: bit 0 direction (1: IPv4 in), 1 csum_partial, 2 fix the outer ICMP
 *      checksum first (so that error translation is reached)
 *   1: headroom, 0-127
 *   2-3: linear bytes (clamped to the packet)
 *
 * Like the glue: the tuple is extracted (PULL repeated with what it asks);
 * a flow gets a session made up from the tuple (pool4 address 203.0.113.1,
 * ports derived from the tuple), the translator runs with the session's
 * addresses and ports. Checked:
 *   - tuple: PULL asks for more than is linear and at most the packet; the
 *     packet is never written
 *   - translation OK: the result inside the buffer, its length fields
 *     agree with pkt->len, IPv4 header checksum valid; and when the
 *     input's TCP/UDP/ICMP-echo checksum was valid (a whole packet, not
 *     CHECKSUM_PARTIAL), so is the output's: NAT never breaks a good
 *     checksum
 *   - the TCP state machine, fed the tuple's flags from every state:
 *     a state below V6GW_TS_COUNT and a known timer
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csum.h"
#include "map.h"
#include "nat64.h"
#include "nat64_tcp.h"
#include "xlat.h"

#define FUZZ_ASSERT(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t T4[4] = { 203, 0, 113, 1 };
static const uint8_t R6[16] = { 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0,
				0, 0, 0, 0, 100, 64, 0, 1 };

/* Is the transport checksum of a whole, unfragmented packet valid? */
static bool l4_ok(const uint8_t *p, uint32_t len, bool v6)
{
	uint32_t hl, l4len, sum;
	uint8_t proto;

	if (v6) {
		if (len < 40 || 40u + v6gw_get_be16(p + 4) != len)
			return false;
		proto = p[6];
		if (proto != 6 && proto != 17 && proto != 58)
			return false;
		hl = 40;
		l4len = len - hl;
		sum = v6gw_csum_pseudo6(p + 8, p + 24, proto, l4len);
	} else {
		if (len < 20 || (p[0] >> 4) != 4)
			return false;
		hl = (p[0] & 0xf) * 4u;
		if (hl < 20 || v6gw_get_be16(p + 2) != len || hl > len ||
		    (v6gw_get_be16(p + 6) & 0x3fff))
			return false;
		proto = p[9];
		if (proto != 6 && proto != 17 && proto != 1)
			return false;
		l4len = len - hl;
		sum = proto == 1 ? 0 :
		      v6gw_csum_pseudo4(p + 12, p + 16, proto, l4len);
	}
	if (l4len < (proto == 6 ? 20u : 8u))
		return false;
	if (proto == 17 && !v6gw_get_be16(p + hl + 6))
		return false;	/* no checksum */
	return v6gw_csum_fold(v6gw_csum_partial(p + hl, l4len, sum)) == 0xffff;
}

static void tcp_check(const struct v6gw_nat64_tuple *t, bool v6)
{
	struct v6gw_tcp_step s;
	uint8_t st;

	for (st = 0; st < V6GW_TS_COUNT; st++) {
		v6gw_tcp_packet(st, v6, t->tcp_flags, &s);
		FUZZ_ASSERT(s.state < V6GW_TS_COUNT);
		FUZZ_ASSERT(s.timer <= V6GW_TT_SYN);
		if (v6gw_tcp_expired(st, &s))
			FUZZ_ASSERT(s.state < V6GW_TS_COUNT);
	}
}

/* Fill the NAT fields of @pkt as the glue does for the session of @t. */
static void session(const struct v6gw_nat64_tuple *t, bool to6,
		    struct v6gw_xlat_pkt *pkt)
{
	uint16_t x = t->sport ^ 0x5a5a, y = t->dport, tport = t->sport + 1;

	pkt->nat = true;
	pkt->premap = V6GW_PREMAP_DST | V6GW_PREMAP_SRC | V6GW_PREMAP_SRC_OK;
	if (!to6) {
		/* X' -> Y' becomes T -> Y (Y from Y's last 4 bytes) */
		memcpy(pkt->premap_dst, t->dst + 12, 4);
		memcpy(pkt->premap_src, T4, 4);
		pkt->nat_sport = tport;
		pkt->nat_dport = y;
		memcpy(pkt->nat_in_src, t->dst + 12, 4);
		memcpy(pkt->nat_in_dst, T4, 4);
		pkt->nat_in_sport = t->proto == 1 ? tport : y;
		pkt->nat_in_dport = tport;
	} else {
		/* Y -> T becomes Y' -> X' */
		static uint8_t x6[16] = { 0x20, 0x01, 0x0d, 0xb8, 6 };
		uint8_t y6[16] = { 0x00, 0x64, 0xff, 0x9b };

		memcpy(y6 + 12, t->src, 4);
		memcpy(pkt->premap_dst, x6, 16);
		memcpy(pkt->premap_src, t->icmp_err ? R6 : y6, 16);
		pkt->nat_sport = t->proto == 1 ? x : y;
		pkt->nat_dport = x;
		memcpy(pkt->nat_in_src, x6, 16);
		memcpy(pkt->nat_in_dst, y6, 16);
		pkt->nat_in_sport = x;
		pkt->nat_in_dport = y;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct v6gw_map m = { .lowest_ipv6_mtu = 1280 };
	struct v6gw_nat64_tuple t;
	struct v6gw_xlat_pkt pkt;
	enum v6gw_nat64_tuple_verdict tv;
	enum v6gw_xlat_verdict v;
	uint32_t len, linear, hr, need, tries;
	bool to6, partial, good;
	uint8_t *buf, *save;

	if (size < 4)
		return 0;
	to6 = data[0] & 1;
	partial = data[0] & 2;
	hr = data[1] & 0x7f;
	linear = v6gw_get_be16(data + 2);
	data += 4;
	len = (uint32_t)(size - 4);
	if (linear > len)
		linear = len;

	buf = malloc(hr + len + 1);
	save = malloc(len + 1);
	if (!buf || !save)
		abort();
	memset(buf, 0xa5, hr);
	memcpy(buf + hr, data, len);
	/* reach the error paths: a valid outer ICMPv4 checksum */
	if ((data[-4] & 4) && to6 && len >= 28 && (buf[hr] >> 4) == 4) {
		uint32_t ihl = (buf[hr] & 0xf) * 4u;

		if (ihl >= 20 && ihl + 8 <= len && buf[hr + 9] == 1) {
			buf[hr + ihl + 2] = buf[hr + ihl + 3] = 0;
			v6gw_put_be16(buf + hr + ihl + 2,
				      v6gw_csum_finish(v6gw_csum_partial(
					buf + hr + ihl, len - ihl, 0)));
		}
	}
	memcpy(save, buf + hr, len);

	/* the tuple, pulling as asked */
	for (tries = 0; ; tries++) {
		need = 0;
		tv = to6 ? v6gw_nat64_tuple4(buf + hr, linear, len, &t, &need) :
			   v6gw_nat64_tuple6(buf + hr, linear, len, &t, &need);
		FUZZ_ASSERT(!memcmp(save, buf + hr, len));
		if (tv != V6GW_NT_PULL)
			break;
		/* progress at every step (an extension header chain asks
		 * header by header) */
		FUZZ_ASSERT(need > linear && need <= len);
		FUZZ_ASSERT(tries < 4096);
		linear = need;
	}
	if (tv != V6GW_NT_OK)
		goto out;
	FUZZ_ASSERT(t.proto == 6 || t.proto == 17 || t.proto == 1);
	if (t.proto == 6 && !t.icmp_err)
		tcp_check(&t, !to6);

	good = !partial && l4_ok(buf + hr, len, !to6);
	memset(&pkt, 0, sizeof(pkt));
	session(&t, to6, &pkt);
	pkt.ipv4_id = 0x1234;
	pkt.mtu_in = pkt.mtu_out = ~0u;
	for (tries = 0; ; tries++) {
		pkt.l3 = buf + hr;
		pkt.linear = linear;
		pkt.len = len;
		pkt.headroom = hr;
		pkt.csum_partial = partial;
		v = to6 ? v6gw_xlat_4to6(&m, &pkt) : v6gw_xlat_6to4(&m, &pkt);
		if (v != V6GW_XLAT_PULL)
			break;
		FUZZ_ASSERT(pkt.need > linear && pkt.need <= len);
		FUZZ_ASSERT(tries < 4096);
		linear = pkt.need;
	}
	if (v != V6GW_XLAT_OK)
		goto out;
	FUZZ_ASSERT(pkt.l3 >= buf && pkt.l3 + pkt.len <= buf + hr + len);
	if (to6) {
		FUZZ_ASSERT(pkt.len >= 40 &&
			    40u + v6gw_get_be16(pkt.l3 + 4) == pkt.len);
	} else {
		FUZZ_ASSERT(pkt.len >= 20 &&
			    v6gw_get_be16(pkt.l3 + 2) == pkt.len);
		FUZZ_ASSERT(v6gw_csum_fold(v6gw_csum_partial(pkt.l3, 20, 0)) ==
			    0xffff);
	}
	/* a good checksum stays good (UDP zero-checksum amending aside) */
	if (good && !t.icmp_err && !pkt.udp_csum_fill)
		FUZZ_ASSERT(l4_ok(pkt.l3, pkt.len, to6));
out:
	free(buf);
	free(save);
	return 0;
}
