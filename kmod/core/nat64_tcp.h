/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The TCP state machine of the stateful NAT64 (RFC 6146 section 3.5.2.2):
 * which state and which lifetime a TCP session gets after a packet or
 * after its lifetime ran out. Pure functions of small integers; the caller
 * owns the sessions, their timers, held packets and probes.
 *
 * Packets are classified by three flag bits, in this order of precedence:
 *
 *   1. RST set: a RST, whatever else is set (SYN+RST, FIN+RST, RST+ACK).
 *      A RST tears the connection down at the endpoint that accepts it,
 *      so the session must not be created or advanced towards a longer
 *      lifetime by the SYN or FIN it also carries.
 *   2. SYN and FIN both set (no RST): neither a SYN nor a FIN, just "any
 *      other packet" of the RFC. The combination is invalid; endpoints
 *      drop it (Linux does), so it neither opens nor closes anything: it
 *      creates no session, does not complete an opening and does not count
 *      as a FIN. Where the RFC treats every non-RST packet alike (TRANS),
 *      it counts like any other packet.
 *   3. SYN set: a SYN ("V4 SYN" / "V6 SYN"), with or without ACK.
 *   4. FIN set: a FIN ("V4 FIN" / "V6 FIN"), with or without ACK.
 *   5. anything else (ACK, PSH, URG, ECE, CWR, no flags): "any other
 *      packet". Only the SYN, FIN and RST bits are ever looked at.
 *
 * The transitions (state, side, class -> state, lifetime; "-" keeps the
 * state, KEEP leaves the lifetime alone):
 *
 *   CLOSED       v6 SYN -> V6 INIT, TRANS
 *                v4 SYN -> V4 INIT, TRANS (see below for TCP_INCOMING_SYN)
 *                other  -> CLOSED: no session is created
 *   V4 INIT      v6 SYN -> ESTABLISHED, EST
 *                other  -> -, KEEP
 *   V6 INIT      v4 SYN -> ESTABLISHED, EST
 *                v6 SYN -> -, TRANS
 *                other  -> -, KEEP
 *   ESTABLISHED  v4 FIN -> V4 FIN RCV, KEEP
 *                v6 FIN -> V6 FIN RCV, KEEP
 *                RST    -> TRANS, TRANS
 *                other  -> -, EST
 *   V4 FIN RCV   v6 FIN -> V4 FIN + V6 FIN RCV, TRANS
 *                other  -> -, EST (a RST too, as the RFC says)
 *   V6 FIN RCV   v4 FIN -> V4 FIN + V6 FIN RCV, TRANS
 *                other  -> -, EST
 *   V4 FIN + V6 FIN RCV
 *                any    -> -, KEEP
 *   TRANS        RST    -> -, KEEP
 *                other  -> ESTABLISHED, EST
 *
 * TCP_INCOMING_SYN: RFC 6146 gives an IPv4-initiated session that lifetime
 * only when the NAT64 holds the SYN instead of translating it (no BIB
 * entry for its destination, or address-dependent filtering refusing it),
 * waiting for the IPv6 SYN of a simultaneous open. Whether it does is not
 * a question of flags and states, so v6gw_tcp_packet() answers for a SYN
 * it translates (V6GW_TT_TRANS); a caller that holds the SYN creates the
 * V4 INIT session with V6GW_TT_SYN instead, and while the SYN is held it
 * decides itself what to do with further IPv4 packets of the session.
 *
 * Expiry: ESTABLISHED moves to TRANS with TCP_TRANS (the NAT64 may send a
 * probe, an ACK without data, to an endpoint: any answer but a RST brings
 * the session back to ESTABLISHED); every other state is removed (a V4
 * INIT session with a held SYN answers it with ICMP port unreachable).
 */
#ifndef V6GW_CORE_NAT64_TCP_H
#define V6GW_CORE_NAT64_TCP_H

#include "types.h"

/*
 * The states; the same numbers as enum v6gw_tcp_state in
 * uapi/linux/v6gw.h (the unit tests check that they stay equal).
 */
enum v6gw_tcp_st {
	V6GW_TS_CLOSED,
	V6GW_TS_V4_INIT,
	V6GW_TS_V6_INIT,
	V6GW_TS_ESTABLISHED,
	V6GW_TS_V4_FIN_RCV,
	V6GW_TS_V6_FIN_RCV,
	V6GW_TS_V4_FIN_V6_FIN_RCV,
	V6GW_TS_TRANS,
	V6GW_TS_COUNT
};

/* Which lifetime the session gets after a packet or an expiry. */
enum v6gw_tcp_timer {
	V6GW_TT_KEEP,	/* leave the session's lifetime as it is */
	V6GW_TT_EST,	/* TCP_EST (2 h 4 min by default) */
	V6GW_TT_TRANS,	/* TCP_TRANS (4 min) */
	V6GW_TT_SYN,	/* TCP_INCOMING_SYN (6 s) */
};

/* TCP flag bits as in the header's 14th byte (offset 13). */
#define V6GW_TCP_FIN 0x01
#define V6GW_TCP_SYN 0x02
#define V6GW_TCP_RST 0x04

struct v6gw_tcp_step {
	uint8_t state;	/* the new state, enum v6gw_tcp_st */
	uint8_t timer;	/* enum v6gw_tcp_timer */
};

void v6gw_tcp_packet(uint8_t state, bool from6, uint8_t flags,
		     struct v6gw_tcp_step *out);
bool v6gw_tcp_expired(uint8_t state, struct v6gw_tcp_step *out);
const char *v6gw_tcp_state_name(uint8_t state);

#endif /* V6GW_CORE_NAT64_TCP_H */
