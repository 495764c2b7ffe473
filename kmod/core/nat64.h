/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Stateful NAT64 (RFC 6146), the portable part: which flow a packet
 * belongs to, and which pool4 transport address a new IPv6 transport
 * address may get. The tables themselves (BIB, sessions, timers) are the
 * glue's; the header translation is xlat.h with pkt->nat.
 *
 * Tuples are written from the point of view of a packet arriving on one
 * side: an IPv6 packet from X' (port x) to Y' (port y), an IPv4 packet
 * from Y (y) to T (t). An ICMP error carries the packet it is about, which
 * went the other way; its tuple is that packet's, reversed, so that it is
 * looked up exactly like the flow's own packets from the error's side.
 * ICMP queries (echo) use the identifier as both ports.
 */
#ifndef V6GW_CORE_NAT64_H
#define V6GW_CORE_NAT64_H

#include "types.h"
#include "wheel.h"

/* The protocols NAT64 keeps state for. ICMPv6 queries are proto 1 too. */
#define V6GW_NAT_TCP	6
#define V6GW_NAT_UDP	17
#define V6GW_NAT_ICMP	1

struct v6gw_nat64_tuple {
	uint8_t src[16];	/* IPv4: the first 4 bytes */
	uint8_t dst[16];
	uint16_t sport, dport;
	uint8_t proto;		/* V6GW_NAT_* */
	uint8_t tcp_flags;	/* TCP: the flags byte (not for errors) */
	bool icmp_err;		/* the tuple is an ICMP error's embedded
				 * packet's, reversed */
};

enum v6gw_nat64_tuple_verdict {
	V6GW_NT_OK,		/* *t is the packet's flow */
	V6GW_NT_PULL,		/* make *need bytes linear and call again */
	V6GW_NT_OTHER,		/* not a NAT64 flow (another protocol, an
				 * ICMP type without translation, a
				 * fragment without ports): the translator
				 * decides what to do with it */
	V6GW_NT_BAD,		/* headers shorter than they claim */
};

enum v6gw_nat64_tuple_verdict
v6gw_nat64_tuple6(const uint8_t *p, uint32_t linear, uint32_t len,
		  struct v6gw_nat64_tuple *t, uint32_t *need);
enum v6gw_nat64_tuple_verdict
v6gw_nat64_tuple4(const uint8_t *p, uint32_t linear, uint32_t len,
		  struct v6gw_nat64_tuple *t, uint32_t *need);

/*
 * pool4 of one protocol, as the data path sees it: a sorted array of
 * (address, port range) runs, each within one port class (below 1024, or
 * 1024 and above; ICMP has one class), with the count of ports of each
 * class.
 */
struct v6gw_pool4_run {
	uint8_t addr[4];
	uint16_t lo, hi;
};

struct v6gw_pool4_set {
	const struct v6gw_pool4_run *run;
	uint32_t nruns;
	uint32_t first_high;	/* index of the first run of class high */
	uint32_t nports[2];	/* ports of class low, high */
	bool one_class;		/* ICMP: every identifier is class high */
};

/* Split entries into runs: returns the number of runs written to @out. */
struct v6gw_pool4_entry {
	uint8_t addr[4];
	uint8_t plen;		/* 24..32 */
	uint16_t lo, hi;
};

uint32_t v6gw_pool4_runs_max(const struct v6gw_pool4_entry *e, uint32_t n);
void v6gw_pool4_build(struct v6gw_pool4_set *set, struct v6gw_pool4_run *out,
		      const struct v6gw_pool4_entry *e, uint32_t n,
		      bool one_class);
bool v6gw_pool4_contains(const struct v6gw_pool4_set *set,
			 const uint8_t addr[4], uint16_t port);
bool v6gw_pool4_has_addr(const struct v6gw_pool4_set *set,
			 const uint8_t addr[4]);

/*
 * Port allocation (RFC 6056 algorithm 3, RFC 4787 REQ-2 and REQ-3): the
 * candidates for IPv6 transport address (X', @port6) are all ports of
 * @port6's class (the other class when it has none), starting at the run
 * that @h_addr (a keyed hash of X') selects, so one IPv6 host tends to
 * keep one IPv4 address, at an offset @h_port (a keyed hash of X' and x,
 * plus a counter) selects; candidate @i is the i-th from there, wrapping
 * around. The caller tries them in order until one is free.
 *
 * v6gw_pool4_candidate() also returns where the next run's candidates
 * begin, so that a caller finding a run (an address) crowded can move on
 * to the next one instead of probing it port by port: one host's address
 * is kept while it has room, and a full address spills over to the next.
 *
 * A later deterministic mode (RFC 7422 port blocks) replaces only these
 * functions: they compute the block of the subscriber's prefix instead.
 *
 * v6gw_pool4_candidates() returns the number of candidates (0: pool4 of
 * this protocol is empty).
 */
uint32_t v6gw_pool4_candidates(const struct v6gw_pool4_set *set,
			       uint16_t port6);
uint32_t v6gw_pool4_candidate(const struct v6gw_pool4_set *set,
			      uint16_t port6, uint32_t h_addr, uint32_t h_port,
			      uint32_t i, uint8_t addr[4], uint16_t *port);

/*
 * Pick a free candidate: a few ports (V6GW_POOL4_RUN_PROBES) of every run
 * first, the host's own run (address) first, so that a crowded address
 * spills over to the next; then the candidates in order. At most
 * V6GW_POOL4_PROBES probes; @busy says whether a transport address is
 * bound already. Returns false when none was found (pool4 counts as full).
 */
#define V6GW_POOL4_PROBES	4096
#define V6GW_POOL4_RUN_PROBES	64

typedef bool (*v6gw_pool4_busy_fn)(void *ctx, const uint8_t addr[4],
				   uint16_t port);

bool v6gw_pool4_alloc(const struct v6gw_pool4_set *set, uint16_t port6,
		      uint32_t h_addr, uint32_t h_port, v6gw_pool4_busy_fn busy,
		      void *ctx, uint8_t addr[4], uint16_t *port);

#endif /* V6GW_CORE_NAT64_H */
