/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU packet counters, one set per network namespace. The counter ids
 * are enum v6gw_stat from the uapi header, so netlink dumps them as they
 * are.
 */
#ifndef V6GW_STATS_H
#define V6GW_STATS_H

#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>
#include <linux/v6gw.h>

#include "v6gw.h"

struct v6gw_pcpu_stats {
	u64_stats_t cnt[__V6GW_STAT_MAX];
	struct u64_stats_sync syncp;
};

/*
 * Writers may run in process context (LOCAL_OUT) and in softirq on the same
 * CPU, so the update disables interrupts where the seqcount is real (32-bit
 * SMP); on 64-bit kernels this is a single per-CPU add.
 */
static inline void v6gw_stat_add(struct v6gw_net *vn, enum v6gw_stat id,
				 u64 n)
{
	struct v6gw_pcpu_stats *st = get_cpu_ptr(vn->stats);
	unsigned long flags;

	flags = u64_stats_update_begin_irqsave(&st->syncp);
	u64_stats_add(&st->cnt[id], n);
	u64_stats_update_end_irqrestore(&st->syncp, flags);
	put_cpu_ptr(vn->stats);
}

static inline void v6gw_stat_inc(struct v6gw_net *vn, enum v6gw_stat id)
{
	v6gw_stat_add(vn, id, 1);
}

int v6gw_stats_init(struct v6gw_net *vn);
void v6gw_stats_uninit(struct v6gw_net *vn);
void v6gw_stats_sum(struct v6gw_net *vn, u64 *sum);

#endif /* V6GW_STATS_H */
