// SPDX-License-Identifier: GPL-2.0
/*
 * Stateful NAT64: the per-packet lookup that tells the translator which
 * addresses and ports a packet gets (creating BIB entries and sessions
 * when the rules allow), the TCP state machine's updates, unsolicited
 * IPv4 SYNs held for simultaneous open, and data-path events.
 */
#include <linux/icmp.h>
#include <linux/rhashtable.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "compat/slab.h"
#include "core/xlat.h"
#include "nat64_int.h"
#include "stats.h"
#include "xmit.h"

/* A SYN without RST or FIN: what may open a flow from the IPv4 side. */
static bool v6gw_tcp_syn_only(const struct v6gw_nat64_tuple *t)
{
	return t->proto == IPPROTO_TCP && !t->icmp_err &&
	       (t->tcp_flags & (V6GW_TCP_SYN | V6GW_TCP_FIN | V6GW_TCP_RST)) ==
	       V6GW_TCP_SYN;
}

/*
 * Under the lock: an IPv6 SYN opened the flow a held IPv4 SYN waited for
 * (simultaneous open): the held one is discarded (RFC 6146 3.5.2.2).
 */
static void v6gw_held_cancel(struct v6gw_nat64 *nat,
			     const struct v6gw_sess *s)
{
	struct v6gw_skey4 k = { .proto = IPPROTO_TCP }, *k4 = &k;
	struct v6gw_held *h, *tmp;

	if (v6gw_sess_proto(s) != IPPROTO_TCP)
		return;
	memcpy(k.addr, s->bib->k4.addr, 4);
	memcpy(k.rem, s->rem, 4);
	k.port = s->bib->k4.port;
	k.rport = s->rport;
	list_for_each_entry_safe(h, tmp, &nat->held, node) {
		if (memcmp(&h->k4, k4, sizeof(*k4)))
			continue;
		list_del(&h->node);
		nat->nheld--;
		kfree(h);
		v6gw_stat_inc(nat->vn, V6GW_STAT_DROP_NAT64_SYN_HELD);
	}
}

/**
 * v6gw_nat64_hold() - keep an unsolicited IPv4 SYN for the TCP_SYN time
 * @vn: the namespace
 * @cfg: its NAT64 configuration
 * @t: the SYN's tuple
 * @l3: its IPv4 header
 * @len: bytes readable there
 *
 * Only the front of the packet is kept (no skb is held across devices
 * going away): when the time runs out without an IPv6 SYN of the flow,
 * the GC answers it with ICMP port unreachable built from it.
 *
 * Return: true when it is held (the caller consumes the skb), false when
 * there is no room (the caller answers and drops it now).
 */
bool v6gw_nat64_hold(struct v6gw_net *vn, const struct v6gw_nat64_cfg *cfg,
		     const struct v6gw_nat64_tuple *t, const u8 *l3, u32 len)
{
	struct v6gw_nat64 *nat = v6gw_nat(vn);
	struct v6gw_held *h;

	if (READ_ONCE(nat->nheld) >= V6GW_NAT64_HELD_MAX)
		return false;
	h = kzalloc(sizeof(*h), GFP_ATOMIC);
	if (!h)
		return false;
	memcpy(h->k4.addr, t->dst, 4);
	memcpy(h->k4.rem, t->src, 4);
	h->k4.port = t->dport;
	h->k4.rport = t->sport;
	h->k4.proto = IPPROTO_TCP;
	h->len = min_t(u32, len, V6GW_HELD_QUOTE);
	memcpy(h->data, l3, h->len);
	h->expires = jiffies + cfg->timeout[V6GW_NTM_TCP_SYN];
	spin_lock_bh(&nat->lock);
	if (nat->nheld >= V6GW_NAT64_HELD_MAX) {
		spin_unlock_bh(&nat->lock);
		kfree(h);
		return false;
	}
	list_add_tail(&h->node, &nat->held);
	nat->nheld++;
	spin_unlock_bh(&nat->lock);
	v6gw_stat_inc(vn, V6GW_STAT_NAT64_SYN_HELD);
	return true;
}

/* Under the lock: move the held SYNs whose time ran out to @out. */
void v6gw_held_expired(struct v6gw_nat64 *nat, struct list_head *out)
{
	struct v6gw_held *h, *tmp;

	list_for_each_entry_safe(h, tmp, &nat->held, node) {
		if (time_before(jiffies, h->expires))
			break;		/* in arrival order, same timeout */
		list_move_tail(&h->node, out);
		nat->nheld--;
	}
}

/* Answer held SYNs with ICMP port unreachable, then forget them. */
void v6gw_held_answer(struct v6gw_nat64 *nat, struct list_head *list)
{
	struct v6gw_held *h, *tmp;

	list_for_each_entry_safe(h, tmp, list, node) {
		v6gw_icmp4_build(nat->vn, h->data, h->len, ICMP_DEST_UNREACH,
				 ICMP_PORT_UNREACH);
		v6gw_stat_inc(nat->vn, V6GW_STAT_DROP_NAT64_SYN_HELD);
		list_del(&h->node);
		kfree(h);
	}
}

/* Forget every held SYN (namespace exit). */
void v6gw_held_flush(struct v6gw_nat64 *nat)
{
	struct v6gw_held *h, *tmp;

	spin_lock_bh(&nat->lock);
	list_for_each_entry_safe(h, tmp, &nat->held, node) {
		list_del(&h->node);
		kfree(h);
	}
	nat->nheld = 0;
	spin_unlock_bh(&nat->lock);
}

/* The data path ------------------------------------------------------------ */

/* Is @dst6 under a NAT64 prefix? */
bool v6gw_nat64_dst6(const struct v6gw_nat64_cfg *cfg, const u8 *dst6)
{
	u32 i;

	for (i = 0; i < cfg->nprefix; i++)
		if (v6gw_prefix6_contains(&cfg->prefix[i], dst6))
			return true;
	return false;
}

/* Is @dst4 a pool4 address (of any protocol)? */
bool v6gw_nat64_dst4(const struct v6gw_nat64_cfg *cfg, const u8 *dst4)
{
	u32 i, j;

	for (i = 0; i < V6GW_NP_COUNT; i++)
		for (j = 0; j < cfg->npool[i]; j++) {
			const struct v6gw_pool4_entry *e = &cfg->pool_e[i][j];
			u32 mask = ~0U << (32 - e->plen);

			if (!((v6gw_get_be32(e->addr) ^
			       v6gw_get_be32(dst4)) & mask))
				return true;
		}
	return false;
}

/* An IPv6 host reaching another one through its pool4 address. */
bool v6gw_nat64_hairpin4(const struct v6gw_nat64_cfg *cfg, u8 proto,
			 const u8 *dst4, u16 port)
{
	int p = v6gw_np_index(proto);

	return p >= 0 && v6gw_pool4_contains(&cfg->pool[p], dst4, port);
}

/* Y from Y': the IPv4 address under one of the prefixes, if allowed. */
static bool v6gw_nat64_extract(const struct v6gw_nat64_cfg *cfg,
			       const u8 *v6, u8 *v4)
{
	u32 i;

	for (i = 0; i < cfg->nprefix; i++) {
		const struct v6gw_prefix6 *p = &cfg->prefix[i];

		if (!v6gw_prefix6_contains(p, v6))
			continue;
		if (!v6gw_rfc6052_extract(p, v6, v4))
			return false;
		return !(cfg->wkpf_strict && v6gw_rfc6052_is_wkp(p) &&
			 v6gw_ipv4_is_special(v4));
	}
	return false;
}

/* Y' from Y, with the first prefix (IPv4-initiated sessions, ICMP). */
static bool v6gw_nat64_embed(const struct v6gw_nat64_cfg *cfg, const u8 *v4,
			     u8 *v6)
{
	const struct v6gw_prefix6 *p = &cfg->prefix[0];

	if (!cfg->nprefix)
		return false;
	if (cfg->wkpf_strict && v6gw_rfc6052_is_wkp(p) &&
	    v6gw_ipv4_is_special(v4))
		return false;
	v6gw_rfc6052_embed(p, v4, v6);
	return true;
}

void v6gw_nat64_event(struct v6gw_nat64 *nat, u8 type, int p,
		      u8 proto)
{
	unsigned long now = jiffies;

	if (time_before(now, READ_ONCE(nat->ev_last[type][p]) + HZ))
		return;
	WRITE_ONCE(nat->ev_last[type][p], now);
	v6gw_nl_nat64_event(nat->vn->net, type, proto);
}

/* States where a packet without SYN, FIN, RST only refreshes TCP_EST. */
static bool v6gw_tcp_data_only(u8 state)
{
	return state == V6GW_TS_ESTABLISHED || state == V6GW_TS_V4_FIN_RCV ||
	       state == V6GW_TS_V6_FIN_RCV;
}

static u8 v6gw_tcp_timer_of(u8 tt, u8 cur)
{
	switch (tt) {
	case V6GW_TT_EST:
		return V6GW_NTM_TCP_EST;
	case V6GW_TT_TRANS:
		return V6GW_NTM_TCP_TRANS;
	case V6GW_TT_SYN:
		return V6GW_NTM_TCP_SYN;
	default:
		return cur;
	}
}

/*
 * A packet of session @s: the TCP state machine, and the lifetime. Only
 * TCP packets that may change the state take the lock.
 */
static void v6gw_sess_touch(struct v6gw_nat64 *nat,
			    const struct v6gw_nat64_cfg *c,
			    struct v6gw_sess *s, const struct v6gw_nat64_tuple *t,
			    bool from6)
{
	unsigned long now = jiffies;
	struct v6gw_tcp_step step;

	if (t->icmp_err)
		return;		/* errors neither refresh nor change state */
	/*
	 * Without SYN, FIN or RST, a packet in ESTABLISHED or a FIN RCV
	 * state changes nothing but the lifetime (TCP_EST in all three):
	 * no lock for the bulk of a transfer, half-closed ones included.
	 */
	if (t->proto == IPPROTO_TCP &&
	    ((t->tcp_flags & (V6GW_TCP_SYN | V6GW_TCP_FIN | V6GW_TCP_RST)) ||
	     !v6gw_tcp_data_only(READ_ONCE(s->state)))) {
		spin_lock_bh(&nat->lock);
		if (!v6gw_sess_dead(s)) {
			u8 old_timer = s->timer;

			v6gw_tcp_packet(s->state, from6, t->tcp_flags, &step);
			WRITE_ONCE(s->state, step.state);
			s->timer = v6gw_tcp_timer_of(step.timer, s->timer);
			if (step.timer != V6GW_TT_KEEP)
				WRITE_ONCE(s->last, now);
			if (s->timer != old_timer || step.timer != V6GW_TT_KEEP)
				v6gw_wheel_put(nat, s,
					       v6gw_sess_deadline(c, s));
		}
		spin_unlock_bh(&nat->lock);
		return;
	}
	if (READ_ONCE(s->last) != now)
		WRITE_ONCE(s->last, now);
}

/**
 * v6gw_nat64_lookup6() - the session of an IPv6 packet, created if allowed
 * @vn: the namespace
 * @cfg: its NAT64 configuration
 * @t: the packet's tuple (X', x) -> (Y', y), or an error's, reversed
 * @pkt: gets the premapped addresses and the new ports
 * @stat: the drop counter, with %V6GW_NR_DROP
 *
 * Return: what to do with the packet.
 */
enum v6gw_nat64_res v6gw_nat64_lookup6(struct v6gw_net *vn,
				       const struct v6gw_nat64_cfg *cfg,
				       const struct v6gw_nat64_tuple *t,
				       struct v6gw_xlat_pkt *pkt, int *stat)
{
	struct v6gw_nat64 *nat = v6gw_nat(vn);
	struct v6gw_bkey6 bk = { .proto = t->proto, .port = t->sport };
	struct v6gw_skey k = {
		.rport = t->proto == IPPROTO_ICMP ? 0 : t->dport,
	};
	struct v6gw_tcp_step step = { .state = V6GW_TS_ESTABLISHED };
	struct v6gw_sess *s = NULL;
	struct v6gw_bib *b;

	if (!v6gw_nat64_extract(cfg, t->dst, k.rem))
		return V6GW_NR_PASS;
	memcpy(bk.addr, t->src, 16);
	b = rhashtable_lookup(&nat->bib6, &bk, v6gw_bib6_params);
	if (b) {
		k.bib = b;
		s = rhashtable_lookup(&nat->sess, &k, v6gw_sess_params);
	}
	if (!s) {
		u8 timer = t->proto == IPPROTO_UDP ? V6GW_NTM_UDP :
			   V6GW_NTM_ICMP;

		*stat = V6GW_STAT_DROP_NAT64_NO_STATE;
		if (t->icmp_err)
			return V6GW_NR_DROP;
		if (t->proto == IPPROTO_TCP) {
			v6gw_tcp_packet(V6GW_TS_CLOSED, true, t->tcp_flags,
					&step);
			if (step.state == V6GW_TS_CLOSED)
				return V6GW_NR_DROP;
			timer = v6gw_tcp_timer_of(step.timer,
						  V6GW_NTM_TCP_TRANS);
		}
		spin_lock_bh(&nat->lock);
		b = rhashtable_lookup(&nat->bib6, &bk, v6gw_bib6_params);
		if (b) {
			k.bib = b;
			s = rhashtable_lookup(&nat->sess, &k, v6gw_sess_params);
		} else {
			b = v6gw_bib_alloc(nat, cfg, &bk, stat);
			if (!b && *stat == V6GW_STAT_DROP_NAT64_POOL4_FULL)
				v6gw_nat64_event(nat,
						 V6GW_NAT64_EV_POOL4_EXHAUSTED,
						 v6gw_np_index(t->proto),
						 t->proto);
		}
		if (b && !s) {
			s = v6gw_sess_new(nat, cfg, b, t->dst, k.rem, k.rport,
					  step.state, timer, stat);
			if (!s && !b->nsess && !b->is_static)
				v6gw_bib_unlink(nat, b);
			if (s && nat->nheld)
				v6gw_held_cancel(nat, s);
		}
		spin_unlock_bh(&nat->lock);
		if (!s)
			return V6GW_NR_DROP;
	} else {
		v6gw_sess_touch(nat, cfg, s, t, true);
	}

	/* outer: T -> Y (an error's source, a native IPv6 router, is T too) */
	b = s->bib;
	pkt->nat = true;
	memcpy(pkt->premap_dst, s->rem, 4);
	memcpy(pkt->premap_src, b->k4.addr, 4);
	pkt->premap = V6GW_PREMAP_DST | V6GW_PREMAP_SRC | V6GW_PREMAP_SRC_OK;
	if (t->icmp_err) {
		/* the embedded packet went Y' -> X': now Y -> T */
		memcpy(pkt->nat_in_src, s->rem, 4);
		memcpy(pkt->nat_in_dst, b->k4.addr, 4);
		pkt->nat_in_sport = v6gw_sess_rport4(s);
		pkt->nat_in_dport = b->k4.port;
	} else {
		pkt->nat_sport = b->k4.port;
		pkt->nat_dport = v6gw_sess_rport4(s);
	}
	return V6GW_NR_OK;
}

/**
 * v6gw_nat64_lookup4() - the session of an IPv4 packet
 * @vn: the namespace
 * @cfg: its NAT64 configuration
 * @t: the packet's tuple (Y, y) -> (T, t), or an error's, reversed
 * @outer_src4: the packet's own source (an error's: the reporting router)
 * @pkt: gets the premapped addresses and the new ports
 * @stat: the drop counter, with %V6GW_NR_DROP and %V6GW_NR_UNREACH
 *
 * Return: what to do with the packet.
 */
enum v6gw_nat64_res v6gw_nat64_lookup4(struct v6gw_net *vn,
				       const struct v6gw_nat64_cfg *cfg,
				       const struct v6gw_nat64_tuple *t,
				       const u8 *outer_src4,
				       struct v6gw_xlat_pkt *pkt, int *stat)
{
	struct v6gw_nat64 *nat = v6gw_nat(vn);
	struct v6gw_bkey4 bk = { .proto = t->proto, .port = t->dport };
	struct v6gw_skey k = {
		.rport = t->proto == IPPROTO_ICMP ? 0 : t->sport,
	};
	struct v6gw_sess *s = NULL;
	struct v6gw_bib *b;

	memcpy(bk.addr, t->dst, 4);
	memcpy(k.rem, t->src, 4);
	b = rhashtable_lookup(&nat->bib4, &bk, v6gw_bib4_params);
	if (b) {
		k.bib = b;
		s = rhashtable_lookup(&nat->sess, &k, v6gw_sess_params);
	}
	if (!s) {
		struct v6gw_tcp_step step = { .state = V6GW_TS_ESTABLISHED };
		u8 timer = t->proto == IPPROTO_UDP ? V6GW_NTM_UDP :
			   V6GW_NTM_ICMP;
		int p = v6gw_np_index(t->proto);
		u8 rem6[16];

		*stat = V6GW_STAT_DROP_NAT64_NO_STATE;
		if (t->icmp_err)
			return V6GW_NR_DROP;
		if (!b) {
			/* not ours after all: ports outside pool4 */
			if (!v6gw_pool4_contains(&cfg->pool[p], t->dst,
						 t->dport))
				return V6GW_NR_PASS;
			if (v6gw_tcp_syn_only(t))
				return V6GW_NR_HOLD;
			return t->proto == IPPROTO_UDP ? V6GW_NR_UNREACH :
			       V6GW_NR_DROP;
		}
		if (t->proto == IPPROTO_TCP) {
			v6gw_tcp_packet(V6GW_TS_CLOSED, false, t->tcp_flags,
					&step);
			if (step.state == V6GW_TS_CLOSED)
				return V6GW_NR_DROP;
			timer = v6gw_tcp_timer_of(step.timer,
						  V6GW_NTM_TCP_TRANS);
		}
		if (!v6gw_nat64_embed(cfg, t->src, rem6))
			return V6GW_NR_DROP;
		spin_lock_bh(&nat->lock);
		s = rhashtable_lookup(&nat->sess, &k, v6gw_sess_params);
		if (!s && !b->dead) {
			bool allowed = cfg->filtering ==
				       V6GW_NAT64_FILTER_ENDPOINT;
			struct v6gw_sess *o;

			/* address-dependent: the host talked to Y before */
			hlist_for_each_entry(o, &b->sessions, bnode) {
				if (allowed)
					break;
				allowed = !memcmp(o->rem, t->src, 4);
			}
			if (allowed)
				s = v6gw_sess_new(nat, cfg, b, rem6, t->src,
						  k.rport, step.state, timer,
						  stat);
			else
				*stat = V6GW_STAT_DROP_NAT64_FILTERED;
		}
		spin_unlock_bh(&nat->lock);
		if (!s && *stat == V6GW_STAT_DROP_NAT64_FILTERED &&
		    v6gw_tcp_syn_only(t))
			return V6GW_NR_HOLD;
		if (!s)
			return V6GW_NR_DROP;
	} else {
		v6gw_sess_touch(nat, cfg, s, t, false);
	}

	b = s->bib;
	pkt->nat = true;
	memcpy(pkt->premap_dst, b->k6.addr, 16);
	pkt->premap = V6GW_PREMAP_DST | V6GW_PREMAP_SRC;
	if (t->icmp_err) {
		/* the reporting router, under the session's prefix */
		if (v6gw_nat64_embed(cfg, outer_src4, pkt->premap_src))
			pkt->premap |= V6GW_PREMAP_SRC_OK;
		/* the embedded packet went T -> Y: now X' -> Y' */
		memcpy(pkt->nat_in_src, b->k6.addr, 16);
		memcpy(pkt->nat_in_dst, s->rem6, 16);
		pkt->nat_in_sport = b->k6.port;
		pkt->nat_in_dport = v6gw_sess_rport6(s);
	} else {
		memcpy(pkt->premap_src, s->rem6, 16);
		pkt->premap |= V6GW_PREMAP_SRC_OK;
		pkt->nat_sport = v6gw_sess_rport6(s);
		pkt->nat_dport = b->k6.port;
	}
	return V6GW_NR_OK;
}
