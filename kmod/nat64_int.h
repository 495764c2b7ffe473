/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private to the NAT64 glue: nat64.c (configuration, instance lifetime),
 * nat64_table.c (BIB and sessions: create, remove, expire) and
 * nat64_flow.c (the per-packet lookup, held SYNs, events).
 */
#ifndef V6GW_NAT64_INT_H
#define V6GW_NAT64_INT_H

#include <linux/rhashtable.h>

#include "nat64.h"

/*
 * The tables' parameters: static in every user, so that the rhashtable
 * fast paths are compiled with them as constants.
 */
static const struct rhashtable_params v6gw_bib6_params = {
	.head_offset = offsetof(struct v6gw_bib, n6),
	.key_offset = offsetof(struct v6gw_bib, k6),
	.key_len = sizeof(struct v6gw_bkey6),
	.automatic_shrinking = true,
};

static const struct rhashtable_params v6gw_bib4_params = {
	.head_offset = offsetof(struct v6gw_bib, n4),
	.key_offset = offsetof(struct v6gw_bib, k4),
	.key_len = sizeof(struct v6gw_bkey4),
	.automatic_shrinking = true,
};

static const struct rhashtable_params v6gw_sess_params = {
	.head_offset = offsetof(struct v6gw_sess, node),
	.key_offset = offsetof(struct v6gw_sess, bib),
	.key_len = V6GW_SESS_KEY_LEN,
	.automatic_shrinking = true,
};

/* struct v6gw_skey is the session's key as laid out in the session */
static_assert(offsetof(struct v6gw_sess, rem) - offsetof(struct v6gw_sess, bib) ==
	      offsetof(struct v6gw_skey, rem));
static_assert(offsetof(struct v6gw_sess, rport) - offsetof(struct v6gw_sess, bib) ==
	      offsetof(struct v6gw_skey, rport));
static_assert(offsetof(struct v6gw_sess, state) - offsetof(struct v6gw_sess, bib) ==
	      V6GW_SESS_KEY_LEN);

static inline struct v6gw_nat64 *v6gw_nat(struct v6gw_net *vn)
{
	return vn->nat64;
}

static inline unsigned long v6gw_sec(unsigned long j)
{
	return j / HZ;
}

typedef bool (*v6gw_sess_match_fn)(const struct v6gw_sess *s, const void *arg);

/* nat64_table.c, under nat->lock unless said */
void v6gw_wheel_put(struct v6gw_nat64 *nat, struct v6gw_sess *s,
		    unsigned long deadline);
unsigned long v6gw_sess_deadline(const struct v6gw_nat64_cfg *c,
				 const struct v6gw_sess *s);
void v6gw_bib_unlink(struct v6gw_nat64 *nat, struct v6gw_bib *b);
struct v6gw_bib *v6gw_bib_alloc(struct v6gw_nat64 *nat,
				const struct v6gw_nat64_cfg *c,
				const struct v6gw_bkey6 *k6, int *stat);
struct v6gw_sess *v6gw_sess_new(struct v6gw_nat64 *nat,
				const struct v6gw_nat64_cfg *c,
				struct v6gw_bib *b, const u8 *rem6, const u8 *rem4,
				u16 rport, u8 state, u8 timer, int *stat);
void v6gw_gc_work(struct work_struct *work);		/* no lock */
void v6gw_nat64_remove(struct v6gw_net *vn, v6gw_sess_match_fn match,
		       const void *arg);		/* config lock */
void v6gw_nat64_purge(struct v6gw_net *vn, const struct v6gw_nat64_cfg *c);
void v6gw_nat64_free_all(struct v6gw_nat64 *nat);	/* no lock */

/* nat64_flow.c */
void v6gw_nat64_event(struct v6gw_nat64 *nat, u8 type, int p, u8 proto);
void v6gw_held_expired(struct v6gw_nat64 *nat, struct list_head *out);
void v6gw_held_answer(struct v6gw_nat64 *nat, struct list_head *list);
void v6gw_held_flush(struct v6gw_nat64 *nat);

#endif /* V6GW_NAT64_INT_H */
