// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The TCP state machine of the stateful NAT64, RFC 6146 section 3.5.2.2.
 * nat64_tcp.h describes the transitions and the choices made where the RFC
 * leaves them open.
 */
#include "nat64_tcp.h"

/* What a packet is to the state machine; see nat64_tcp.h for the order. */
enum tcp_class {
	TC_OTHER,
	TC_SYN,
	TC_FIN,
	TC_RST,
};

static enum tcp_class tcp_classify(uint8_t flags)
{
	if (flags & V6GW_TCP_RST)
		return TC_RST;
	switch (flags & (V6GW_TCP_SYN | V6GW_TCP_FIN)) {
	case V6GW_TCP_SYN:
		return TC_SYN;
	case V6GW_TCP_FIN:
		return TC_FIN;
	default:		/* none, or SYN+FIN */
		return TC_OTHER;
	}
}

static void tcp_step(struct v6gw_tcp_step *out, uint8_t state, uint8_t timer)
{
	out->state = state;
	out->timer = timer;
}

/**
 * v6gw_tcp_packet() - the state machine's answer to one packet
 * @state: the session's state (enum v6gw_tcp_st), CLOSED if there is none
 * @from6: the packet came from the IPv6 side (else from the IPv4 side)
 * @flags: the TCP header's flags byte (offset 13); only FIN, SYN and RST
 *	   count
 * @out: the new state and lifetime, always written
 *
 * RFC 6146 section 3.5.2.2. For an existing session the packet is always
 * translated, whatever the result. For CLOSED, a result other than CLOSED
 * means "create the session in that state with that lifetime"; CLOSED
 * means that the packet creates nothing. An unknown @state gives CLOSED
 * with V6GW_TT_KEEP: the caller should remove such a session.
 */
void v6gw_tcp_packet(uint8_t state, bool from6, uint8_t flags,
		     struct v6gw_tcp_step *out)
{
	enum tcp_class c = tcp_classify(flags);

	/* Unless said otherwise: the state and the lifetime stay. */
	tcp_step(out, state, V6GW_TT_KEEP);

	switch (state) {
	case V6GW_TS_CLOSED:
		/*
		 * A V6 SYN creates the session in V6 INIT with TCP_TRANS, a
		 * V4 SYN in V4 INIT (TCP_TRANS when translated, see the
		 * header for TCP_INCOMING_SYN). Nothing else creates one.
		 */
		if (c == TC_SYN)
			tcp_step(out, from6 ? V6GW_TS_V6_INIT : V6GW_TS_V4_INIT,
				 V6GW_TT_TRANS);
		break;
	case V6GW_TS_V4_INIT:
		/* A V6 SYN completes the (simultaneous) open. */
		if (c == TC_SYN && from6)
			tcp_step(out, V6GW_TS_ESTABLISHED, V6GW_TT_EST);
		break;
	case V6GW_TS_V6_INIT:
		/*
		 * A V4 SYN (the SYN+ACK) completes the open; a V6 SYN (a
		 * retransmission) refreshes TCP_TRANS.
		 */
		if (c == TC_SYN)
			tcp_step(out, from6 ? V6GW_TS_V6_INIT :
				 V6GW_TS_ESTABLISHED,
				 from6 ? V6GW_TT_TRANS : V6GW_TT_EST);
		break;
	case V6GW_TS_ESTABLISHED:
		/*
		 * A FIN moves to that side's FIN RCV, lifetime unchanged; a
		 * RST to TRANS with TCP_TRANS; anything else refreshes
		 * TCP_EST.
		 */
		if (c == TC_FIN)
			out->state = from6 ? V6GW_TS_V6_FIN_RCV :
					     V6GW_TS_V4_FIN_RCV;
		else if (c == TC_RST)
			tcp_step(out, V6GW_TS_TRANS, V6GW_TT_TRANS);
		else
			out->timer = V6GW_TT_EST;
		break;
	case V6GW_TS_V4_FIN_RCV:
	case V6GW_TS_V6_FIN_RCV:
		/*
		 * The other side's FIN: both closed, TCP_TRANS. Any other
		 * packet refreshes TCP_EST, state unchanged.
		 */
		if (c == TC_FIN &&
		    from6 == (state == V6GW_TS_V4_FIN_RCV))
			tcp_step(out, V6GW_TS_V4_FIN_V6_FIN_RCV,
				 V6GW_TT_TRANS);
		else
			out->timer = V6GW_TT_EST;
		break;
	case V6GW_TS_V4_FIN_V6_FIN_RCV:
		/* Packets are translated; only the lifetime ends this. */
		break;
	case V6GW_TS_TRANS:
		/*
		 * A packet other than a RST: back to ESTABLISHED, TCP_EST. A
		 * RST: translated, state and lifetime unchanged.
		 */
		if (c != TC_RST)
			tcp_step(out, V6GW_TS_ESTABLISHED, V6GW_TT_EST);
		break;
	default:
		tcp_step(out, V6GW_TS_CLOSED, V6GW_TT_KEEP);
		break;
	}
}

/**
 * v6gw_tcp_expired() - the state machine's answer to an expired lifetime
 * @state: the session's state (enum v6gw_tcp_st)
 * @out: the new state and lifetime, always written (CLOSED and
 *	 V6GW_TT_KEEP when the session goes)
 *
 * RFC 6146 section 3.5.2.2: an ESTABLISHED session whose TCP_EST ran out
 * may be probed (an ACK without data to one endpoint) and moves to TRANS
 * with TCP_TRANS, from where any packet but a RST brings it back. In
 * every other state the session is deleted; a V4 INIT session that holds
 * an IPv4 SYN answers it with ICMP port unreachable first.
 *
 * Return: true to keep the session with *@out, false to remove it.
 */
bool v6gw_tcp_expired(uint8_t state, struct v6gw_tcp_step *out)
{
	if (state == V6GW_TS_ESTABLISHED) {
		tcp_step(out, V6GW_TS_TRANS, V6GW_TT_TRANS);
		return true;
	}
	tcp_step(out, V6GW_TS_CLOSED, V6GW_TT_KEEP);
	return false;
}

static const char *const tcp_state_names[V6GW_TS_COUNT] = {
	[V6GW_TS_CLOSED]		= "closed",
	[V6GW_TS_V4_INIT]		= "v4-init",
	[V6GW_TS_V6_INIT]		= "v6-init",
	[V6GW_TS_ESTABLISHED]		= "established",
	[V6GW_TS_V4_FIN_RCV]		= "v4-fin-rcv",
	[V6GW_TS_V6_FIN_RCV]		= "v6-fin-rcv",
	[V6GW_TS_V4_FIN_V6_FIN_RCV]	= "v4-fin-v6-fin-rcv",
	[V6GW_TS_TRANS]			= "trans",
};

/**
 * v6gw_tcp_state_name() - the name of a TCP session state
 * @state: enum v6gw_tcp_st
 *
 * Return: a static string ("closed", "v4-init", ... "trans"), NULL for a
 * value that is not a state.
 */
const char *v6gw_tcp_state_name(uint8_t state)
{
	return state < V6GW_TS_COUNT ? tcp_state_names[state] : NULL;
}
