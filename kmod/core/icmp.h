/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * ICMP translation decisions (RFC 7915 sections 4.2 and 5.2): which ICMPv4
 * type/code becomes which ICMPv6 type/code and back, what happens to the
 * 32-bit word after the checksum, the Parameter Problem pointer maps and the
 * Packet Too Big / Fragmentation Needed MTU arithmetic.
 *
 * Pure functions over numbers: the header translator reads the fields,
 * asks here, and writes the result (and the checksum, and the inner packet).
 */
#ifndef V6GW_CORE_ICMP_H
#define V6GW_CORE_ICMP_H

#include "types.h"

/* The types this file names (RFC 792, RFC 4443). */
enum {
	V6GW_ICMP4_ECHO_REPLY = 0,
	V6GW_ICMP4_DEST_UNREACH = 3,
	V6GW_ICMP4_ECHO = 8,
	V6GW_ICMP4_TIME_EXCEEDED = 11,
	V6GW_ICMP4_PARAM_PROB = 12,

	V6GW_ICMP6_DEST_UNREACH = 1,
	V6GW_ICMP6_PKT_TOO_BIG = 2,
	V6GW_ICMP6_TIME_EXCEEDED = 3,
	V6GW_ICMP6_PARAM_PROB = 4,
	V6GW_ICMP6_ECHO_REQUEST = 128,
	V6GW_ICMP6_ECHO_REPLY = 129,
};

/* IPv6 and IPv4 header length difference, and the minimum link MTUs. */
#define V6GW_ICMP_HDR_DELTA	20
#define V6GW_ICMP_MIN_MTU6	1280	/* RFC 8200 section 5 */
#define V6GW_ICMP_MIN_MTU4	68	/* RFC 791, RFC 1191 section 3 */

/**
 * enum v6gw_icmp_kind - what to do with a message
 * @V6GW_ICMP_DROP: not translated; the caller drops it silently and counts it
 *	(no ICMP error is sent about it)
 * @V6GW_ICMP_INFO: query (echo request/reply); the body is copied as is
 * @V6GW_ICMP_ERROR: error message; the body is an inner packet to translate
 *
 * DROP is zero so that a zeroed &struct v6gw_icmp_xlat means "drop".
 */
enum v6gw_icmp_kind {
	V6GW_ICMP_DROP = 0,
	V6GW_ICMP_INFO,
	V6GW_ICMP_ERROR,
};

/**
 * enum v6gw_icmp_param - what happens to the 32-bit word after the checksum
 * @V6GW_ICMP_P_COPY: copied unchanged (echo identifier and sequence number)
 * @V6GW_ICMP_P_ZERO: an "unused" word in both versions; written as zero.
 *	RFC 4884 puts a length in it for Destination Unreachable and Time
 *	Exceeded; carrying ICMP extensions across is the caller's business.
 * @V6GW_ICMP_P_MTU: Fragmentation Needed <-> Packet Too Big; the MTU is
 *	recomputed with v6gw_icmp_mtu_4to6() or v6gw_icmp_mtu_6to4()
 * @V6GW_ICMP_P_POINTER: Parameter Problem; the pointer is mapped with
 *	v6gw_icmp_ptr_4to6() or v6gw_icmp_ptr_6to4(), drop if that fails
 * @V6GW_ICMP_P_FIXED_PTR: the word becomes the ICMPv6 pointer
 *	&v6gw_icmp_xlat.fixed_ptr (ICMPv4 3/2 -> ICMPv6 4/1, pointer 6)
 *
 * The layouts differ: the ICMPv4 pointer is the first octet of the word
 * and the rest is unused (RFC 792); the ICMPv6 pointer is the whole word
 * (RFC 4443 section 3.4). The ICMPv4 next-hop MTU is the low 16 bits, the
 * high 16 bits unused (RFC 1191 section 4); the ICMPv6 MTU is the whole word.
 */
enum v6gw_icmp_param {
	V6GW_ICMP_P_COPY = 0,
	V6GW_ICMP_P_ZERO,
	V6GW_ICMP_P_MTU,
	V6GW_ICMP_P_POINTER,
	V6GW_ICMP_P_FIXED_PTR,
};

/**
 * struct v6gw_icmp_xlat - the translation of one ICMP type and code
 * @type: translated type (0 when @kind is %V6GW_ICMP_DROP)
 * @code: translated code (0 when @kind is %V6GW_ICMP_DROP)
 * @kind: &enum v6gw_icmp_kind
 * @param: &enum v6gw_icmp_param (0 when @kind is %V6GW_ICMP_DROP)
 * @fixed_ptr: the pointer for %V6GW_ICMP_P_FIXED_PTR, otherwise 0
 */
struct v6gw_icmp_xlat {
	uint8_t type;
	uint8_t code;
	uint8_t kind;
	uint8_t param;
	uint8_t fixed_ptr;
};

void v6gw_icmp_4to6(uint8_t type, uint8_t code, struct v6gw_icmp_xlat *x);
void v6gw_icmp_6to4(uint8_t type, uint8_t code, struct v6gw_icmp_xlat *x);

bool v6gw_icmp_ptr_4to6(uint8_t ptr4, uint8_t *ptr6);
bool v6gw_icmp_ptr_6to4(uint32_t ptr6, uint8_t *ptr4);

uint16_t v6gw_icmp_rfc1191_plateau(uint16_t tot_len);
uint32_t v6gw_icmp_mtu_4to6(uint16_t mtu4_field, uint16_t inner_tot_len,
			    uint32_t mtu6_out, uint32_t mtu4_in);
uint16_t v6gw_icmp_mtu_6to4(uint32_t mtu6_field, uint32_t mtu4_out,
			    uint32_t mtu6_in);

#endif /* V6GW_CORE_ICMP_H */
