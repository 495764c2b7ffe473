/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * DHCPv6 (RFC 8415) as far as prefix delegation needs it: what a Reply,
 * a Relay-Reply (RFC 8987) or a Release says about delegated prefixes.
 * Read only, never trusted: every length is checked against the message.
 */
#ifndef V6GW_CORE_DHCP6_H
#define V6GW_CORE_DHCP6_H

#include "types.h"

/* Message types and options used here (RFC 8415 7.3, 21). */
#define V6GW_DHCP6_REPLY	7
#define V6GW_DHCP6_RELEASE	8
#define V6GW_DHCP6_RELAY_FORW	12
#define V6GW_DHCP6_RELAY_REPL	13

#define V6GW_DHCP6_OPT_RELAY_MSG	9
#define V6GW_DHCP6_OPT_STATUS		13
#define V6GW_DHCP6_OPT_IA_PD		25
#define V6GW_DHCP6_OPT_IAPREFIX		26

#define V6GW_DHCP6_SERVER_PORT	547
#define V6GW_DHCP6_CLIENT_PORT	546

#define V6GW_DHCP6_PD_N		16	/* prefixes kept per message */
#define V6GW_DHCP6_RELAY_DEPTH	8	/* relay messages nested at most */

struct v6gw_dhcp6_prefix {
	uint8_t addr[16];		/* host bits as sent */
	uint8_t len;			/* 0..128 */
	uint32_t preferred, valid;	/* s, 0xffffffff infinite */
};

struct v6gw_dhcp6_info {
	uint8_t type;			/* the innermost message's type */
	uint8_t depth;			/* relay messages around it */
	bool have_peer;			/* depth > 0 */
	uint8_t peer[16];		/* the peer address of the relay
					 * message that carries it */
	uint8_t nprefix;
	bool more;			/* prefixes past V6GW_DHCP6_PD_N,
					 * left out */
	struct v6gw_dhcp6_prefix prefix[V6GW_DHCP6_PD_N];
};

enum v6gw_dhcp6_verdict {
	V6GW_DHCP6_PD,		/* *info has the prefixes (maybe none) */
	V6GW_DHCP6_IGNORE,	/* well formed, nothing for PD: another type,
				 * no IA_PD, a top-level status other than
				 * Success */
	V6GW_DHCP6_MALFORMED,	/* a length past its container, a relay
				 * too deep or without a message, ... */
};

/**
 * v6gw_dhcp6_parse() - what a DHCPv6 message delegates or releases
 * @msg: the UDP payload
 * @len: its length
 * @info: the result, for V6GW_DHCP6_PD
 *
 * Relay-Reply and Relay-Forward messages are unwrapped (Relay Message
 * option) down to the message they carry, at most V6GW_DHCP6_RELAY_DEPTH
 * deep. A Reply or a Release yields every IAPREFIX of every IA_PD,
 * except those whose own Status Code option is not Success, those with a
 * prefix length over 128, and (Reply) those whose preferred lifetime
 * exceeds the valid one (RFC 8415 21.22: the client discards them). A
 * Reply whose top-level Status Code is not Success is ignored; an IA_PD
 * whose Status Code is not Success yields nothing.
 *
 * Return: the verdict.
 */
enum v6gw_dhcp6_verdict v6gw_dhcp6_parse(const uint8_t *msg, size_t len,
					 struct v6gw_dhcp6_info *info);

#endif /* V6GW_CORE_DHCP6_H */
