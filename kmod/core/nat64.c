// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Stateful NAT64, the portable part: flow tuples of packets and the pool4
 * port allocator; see nat64.h.
 */
#include "nat64.h"
#include "xlat_int.h"

/* Bytes of the transport header a tuple needs: TCP up to its flags. */
static uint32_t tuple_need(uint8_t proto)
{
	return proto == P_TCP ? 14 : 8;
}

/* The ports (or ICMP identifier) of a transport header, @avail bytes. */
static bool tuple_ports(uint8_t proto, const uint8_t *l4, uint32_t avail,
			bool v6, struct v6gw_nat64_tuple *t)
{
	switch (proto) {
	case P_TCP:
	case P_UDP:
		if (avail < 4)
			return false;
		t->proto = proto;
		t->sport = v6gw_get_be16(l4);
		t->dport = v6gw_get_be16(l4 + 2);
		return true;
	case P_ICMP:
	case P_ICMPV6:
		if ((proto == P_ICMP) == v6 || avail < 6)
			return false;
		/* queries only: echo request and reply */
		if (v6 ? l4[0] != 128 && l4[0] != 129 :
			 l4[0] != 8 && l4[0] != 0)
			return false;
		t->proto = V6GW_NAT_ICMP;
		t->sport = t->dport = v6gw_get_be16(l4 + 4);
		return true;
	default:
		return false;
	}
}

/* Swap a tuple's ends: the embedded packet of an error went the other way. */
static void tuple_reverse(struct v6gw_nat64_tuple *t, uint32_t alen)
{
	uint8_t a[16];
	uint16_t port = t->sport;

	memcpy(a, t->src, alen);
	memcpy(t->src, t->dst, alen);
	memcpy(t->dst, a, alen);
	t->sport = t->dport;
	t->dport = port;
	t->icmp_err = true;
}

/**
 * v6gw_nat64_tuple6() - the flow of an IPv6 packet
 * @p: the network header
 * @linear: bytes readable from @p
 * @len: bytes of the packet from @p
 * @t: the tuple
 * @need: with %V6GW_NT_PULL, the linear bytes needed
 *
 * An ICMPv6 error needs to be linear as a whole (the translator wants it
 * so anyway).
 *
 * Return: the verdict.
 */
enum v6gw_nat64_tuple_verdict
v6gw_nat64_tuple6(const uint8_t *p, uint32_t linear, uint32_t len,
		  struct v6gw_nat64_tuple *t, uint32_t *need)
{
	const uint8_t *l4;
	uint32_t l4len, total;
	struct h6 h, in;
	int r;

	r = v6gw_xl_parse6(p, linear, &h);
	if (r < 0 || (uint32_t)r > len)
		return V6GW_NT_BAD;
	if (r) {
		*need = r;
		return V6GW_NT_PULL;
	}
	total = h.plen + IP6_HLEN;
	if (!h.plen || total > len)
		return V6GW_NT_BAD;
	if (h.frag_ext || h6_fragmented(&h))
		return V6GW_NT_OTHER;
	l4 = p + h.hlen;
	l4len = total - h.hlen;
	if (h.proto != P_TCP && h.proto != P_UDP && h.proto != P_ICMPV6)
		return V6GW_NT_OTHER;
	if (l4len < tuple_need(h.proto))
		return V6GW_NT_BAD;
	if (linear < h.hlen + tuple_need(h.proto)) {
		*need = h.hlen + tuple_need(h.proto);
		return V6GW_NT_PULL;
	}
	memset(t, 0, sizeof(*t));
	memcpy(t->src, h.src, 16);
	memcpy(t->dst, h.dst, 16);

	if (h.proto == P_ICMPV6 && l4[0] < 128) {
		const uint8_t *ip;

		if (l4[0] < 1 || l4[0] > 4)
			return V6GW_NT_OTHER;
		if (linear < total) {
			*need = total;
			return V6GW_NT_PULL;
		}
		ip = l4 + ICMP_HLEN;
		if (v6gw_xl_parse6(ip, l4len - ICMP_HLEN, &in) || in.frag_off ||
		    in.frag_ext)
			return V6GW_NT_OTHER;
		memcpy(t->src, in.src, 16);
		memcpy(t->dst, in.dst, 16);
		if (!tuple_ports(in.proto, ip + in.hlen,
				 l4len - ICMP_HLEN - in.hlen, true, t))
			return V6GW_NT_OTHER;
		tuple_reverse(t, 16);
		return V6GW_NT_OK;
	}
	if (!tuple_ports(h.proto, l4, l4len, true, t))
		return V6GW_NT_OTHER;
	if (h.proto == P_TCP)
		t->tcp_flags = l4[13];
	return V6GW_NT_OK;
}

/**
 * v6gw_nat64_tuple4() - the flow of an IPv4 packet
 * @p: the network header
 * @linear: bytes readable from @p
 * @len: bytes of the packet from @p
 * @t: the tuple (addresses in the first 4 bytes)
 * @need: with %V6GW_NT_PULL, the linear bytes needed
 *
 * Return: the verdict.
 */
enum v6gw_nat64_tuple_verdict
v6gw_nat64_tuple4(const uint8_t *p, uint32_t linear, uint32_t len,
		  struct v6gw_nat64_tuple *t, uint32_t *need)
{
	const uint8_t *l4;
	uint32_t l4len;
	struct h4 h, in;
	int r;

	r = v6gw_xl_parse4(p, linear, &h);
	if (r < 0 || (uint32_t)r > len)
		return V6GW_NT_BAD;
	if (r) {
		*need = r;
		return V6GW_NT_PULL;
	}
	if (h.tot_len > len || h.tot_len < h.ihl)
		return V6GW_NT_BAD;
	if (h.mf || h.frag_off)
		return V6GW_NT_OTHER;
	if (h.proto != P_TCP && h.proto != P_UDP && h.proto != P_ICMP)
		return V6GW_NT_OTHER;
	l4 = p + h.ihl;
	l4len = h.tot_len - h.ihl;
	if (l4len < tuple_need(h.proto))
		return V6GW_NT_BAD;
	if (linear < h.ihl + tuple_need(h.proto)) {
		*need = h.ihl + tuple_need(h.proto);
		return V6GW_NT_PULL;
	}
	memset(t, 0, sizeof(*t));
	memcpy(t->src, h.src, 4);
	memcpy(t->dst, h.dst, 4);

	if (h.proto == P_ICMP && l4[0] != 0 && l4[0] != 8) {
		const uint8_t *ip;

		if (l4[0] != 3 && l4[0] != 11 && l4[0] != 12)
			return V6GW_NT_OTHER;
		if (linear < h.tot_len) {
			*need = h.tot_len;
			return V6GW_NT_PULL;
		}
		ip = l4 + ICMP_HLEN;
		if (v6gw_xl_parse4(ip, l4len - ICMP_HLEN, &in) || in.frag_off)
			return V6GW_NT_OTHER;
		memcpy(t->src, in.src, 4);
		memcpy(t->dst, in.dst, 4);
		if (!tuple_ports(in.proto, ip + in.ihl,
				 l4len - ICMP_HLEN - in.ihl, false, t))
			return V6GW_NT_OTHER;
		tuple_reverse(t, 4);
		return V6GW_NT_OK;
	}
	if (!tuple_ports(h.proto, l4, l4len, false, t))
		return V6GW_NT_OTHER;
	if (h.proto == P_TCP)
		t->tcp_flags = l4[13];
	return V6GW_NT_OK;
}

/* pool4 ---------------------------------------------------------------- */

static uint32_t addr4(const uint8_t a[4])
{
	return v6gw_get_be32(a);
}

/**
 * v6gw_pool4_runs_max() - room for the runs of some pool4 entries
 * @e: the entries
 * @n: how many
 *
 * Return: an upper bound of the runs v6gw_pool4_build() writes.
 */
uint32_t v6gw_pool4_runs_max(const struct v6gw_pool4_entry *e, uint32_t n)
{
	uint32_t i, runs = 0;

	for (i = 0; i < n; i++)
		runs += 2u << (32 - e[i].plen);
	return runs;
}

static int run_cmp(const struct v6gw_pool4_run *a,
		   const struct v6gw_pool4_run *b)
{
	bool ha = a->lo >= 1024, hb = b->lo >= 1024;

	if (ha != hb)
		return ha ? 1 : -1;
	if (addr4(a->addr) != addr4(b->addr))
		return addr4(a->addr) < addr4(b->addr) ? -1 : 1;
	return a->lo < b->lo ? -1 : a->lo > b->lo;
}

/* Shell sort: no library sort in the core, and n is a few thousand. */
static void runs_sort(struct v6gw_pool4_run *r, uint32_t n)
{
	static const uint32_t gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };
	uint32_t g, i, j;

	for (g = 0; g < sizeof(gaps) / sizeof(gaps[0]); g++) {
		uint32_t gap = gaps[g];

		for (i = gap; i < n; i++) {
			struct v6gw_pool4_run tmp = r[i];

			for (j = i; j >= gap && run_cmp(&r[j - gap], &tmp) > 0;
			     j -= gap)
				r[j] = r[j - gap];
			r[j] = tmp;
		}
	}
}

/**
 * v6gw_pool4_build() - the data path's view of pool4 entries
 * @set: the result; points into @out
 * @out: room for v6gw_pool4_runs_max() runs
 * @e: the entries of one protocol (they do not overlap)
 * @n: how many
 * @one_class: ICMP: no port classes
 */
void v6gw_pool4_build(struct v6gw_pool4_set *set, struct v6gw_pool4_run *out,
		      const struct v6gw_pool4_entry *e, uint32_t n,
		      bool one_class)
{
	uint32_t i, a, nr = 0;

	memset(set, 0, sizeof(*set));
	for (i = 0; i < n; i++) {
		uint32_t base = addr4(e[i].addr), count = 1u << (32 - e[i].plen);

		for (a = 0; a < count; a++) {
			struct v6gw_pool4_run r;

			v6gw_put_be32(r.addr, base + a);
			r.lo = e[i].lo;
			r.hi = e[i].hi;
			/* split at the class boundary */
			if (!one_class && r.lo < 1024 && r.hi >= 1024) {
				struct v6gw_pool4_run low = r;

				low.hi = 1023;
				out[nr++] = low;
				r.lo = 1024;
			}
			out[nr++] = r;
		}
	}
	runs_sort(out, nr);
	set->run = out;
	set->nruns = nr;
	set->one_class = one_class;
	set->first_high = nr;
	for (i = 0; i < nr; i++) {
		uint32_t c = one_class || out[i].lo >= 1024;

		if (c && set->first_high == nr)
			set->first_high = i;
		set->nports[c] += (uint32_t)out[i].hi - out[i].lo + 1;
	}
	if (one_class)
		set->first_high = 0;	/* ICMP: every run is class high */
}

/* The runs of class @c: [*from, *to). */
static void class_runs(const struct v6gw_pool4_set *set, uint32_t c,
		       uint32_t *from, uint32_t *to)
{
	*from = c ? set->first_high : 0;
	*to = c ? set->nruns : set->first_high;
}

bool v6gw_pool4_contains(const struct v6gw_pool4_set *set,
			 const uint8_t addr[4], uint16_t port)
{
	uint32_t i;

	for (i = 0; i < set->nruns; i++)
		if (!memcmp(set->run[i].addr, addr, 4) &&
		    port >= set->run[i].lo && port <= set->run[i].hi)
			return true;
	return false;
}

bool v6gw_pool4_has_addr(const struct v6gw_pool4_set *set,
			 const uint8_t addr[4])
{
	uint32_t i;

	for (i = 0; i < set->nruns; i++)
		if (!memcmp(set->run[i].addr, addr, 4))
			return true;
	return false;
}

/* The class a new mapping of @port6 is taken from. */
static uint32_t pick_class(const struct v6gw_pool4_set *set, uint16_t port6)
{
	uint32_t c;

	if (set->one_class)
		return 1;
	c = port6 >= 1024;
	return set->nports[c] ? c : !c;
}

uint32_t v6gw_pool4_candidates(const struct v6gw_pool4_set *set,
			       uint16_t port6)
{
	return set->nports[pick_class(set, port6)];
}

/**
 * v6gw_pool4_candidate() - the @i-th candidate for a new BIB entry
 * @set: pool4 of the protocol, with v6gw_pool4_candidates() > 0
 * @port6: the IPv6 port x (decides the class)
 * @h_addr: keyed hash of X': the run to start at
 * @h_port: keyed hash of (X', x) and a counter: the offset in that run
 * @i: 0 .. v6gw_pool4_candidates() - 1
 * @addr: the candidate's address
 * @port: and port
 *
 * Return: the index of the first candidate of the next run (may be past
 * the last candidate).
 */
uint32_t v6gw_pool4_candidate(const struct v6gw_pool4_set *set,
			      uint16_t port6, uint32_t h_addr, uint32_t h_port,
			      uint32_t i, uint8_t addr[4], uint16_t *port)
{
	uint32_t c = pick_class(set, port6), from, to, r, len, pos;

	class_runs(set, c, &from, &to);
	r = from + h_addr % (to - from);
	len = (uint32_t)set->run[r].hi - set->run[r].lo + 1;
	/* position in the class, counted from the start run's first port */
	pos = h_port % len + i;
	for (;;) {
		len = (uint32_t)set->run[r].hi - set->run[r].lo + 1;
		if (pos < len)
			break;
		pos -= len;
		r = r + 1 == to ? from : r + 1;
	}
	memcpy(addr, set->run[r].addr, 4);
	*port = (uint16_t)(set->run[r].lo + pos);
	return i + (len - pos);
}

/**
 * v6gw_pool4_alloc() - a free pool4 transport address for (X', @port6)
 * @set: pool4 of the protocol
 * @port6: the IPv6 port x
 * @h_addr: keyed hash of X'
 * @h_port: keyed hash of (X', x) and a counter
 * @busy: is a candidate bound already?
 * @ctx: for @busy
 * @addr: the result's address
 * @port: and port
 *
 * First every run of the class once, starting with the one @h_addr picks
 * (the host's address while it has room), V6GW_POOL4_RUN_PROBES ports in
 * a row from an offset @h_port picks in each; then, for a pool4 nearly
 * full, the candidates in order. V6GW_POOL4_PROBES probes at most.
 *
 * Return: true when one was found.
 */
bool v6gw_pool4_alloc(const struct v6gw_pool4_set *set, uint16_t port6,
		      uint32_t h_addr, uint32_t h_port, v6gw_pool4_busy_fn busy,
		      void *ctx, uint8_t addr[4], uint16_t *port)
{
	uint32_t n = v6gw_pool4_candidates(set, port6), c, from, to, nr, k, j;
	uint32_t probes = 0, i;

	if (!n)
		return false;
	c = pick_class(set, port6);
	class_runs(set, c, &from, &to);
	nr = to - from;
	for (k = 0; k < nr && probes < V6GW_POOL4_PROBES; k++) {
		const struct v6gw_pool4_run *r = &set->run[from +
						    (h_addr % nr + k) % nr];
		uint32_t len = (uint32_t)r->hi - r->lo + 1;
		uint32_t off = (h_port + k * 0x9e3779b1u) % len;

		memcpy(addr, r->addr, 4);
		for (j = 0; j < len && j < V6GW_POOL4_RUN_PROBES &&
			    probes < V6GW_POOL4_PROBES; j++, probes++) {
			*port = (uint16_t)(r->lo + (off + j) % len);
			if (!busy(ctx, addr, *port))
				return true;
		}
	}
	for (i = 0; i < n && probes < V6GW_POOL4_PROBES; i++, probes++) {
		v6gw_pool4_candidate(set, port6, h_addr, h_port, i, addr, port);
		if (!busy(ctx, addr, *port))
			return true;
	}
	return false;
}
