// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU counters: allocation and summing for netlink.
 */
#include "stats.h"

int v6gw_stats_init(struct v6gw_net *vn)
{
	int cpu;

	vn->stats = alloc_percpu(struct v6gw_pcpu_stats);
	if (!vn->stats)
		return -ENOMEM;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(vn->stats, cpu)->syncp);
	return 0;
}

void v6gw_stats_uninit(struct v6gw_net *vn)
{
	free_percpu(vn->stats);
	vn->stats = NULL;
}

/**
 * v6gw_stats_sum() - add up every counter over all CPUs
 * @vn: the namespace
 * @sum: __V6GW_STAT_MAX values, overwritten
 */
void v6gw_stats_sum(struct v6gw_net *vn, u64 *sum)
{
	int cpu, i;

	memset(sum, 0, sizeof(*sum) * __V6GW_STAT_MAX);
	for_each_possible_cpu(cpu) {
		const struct v6gw_pcpu_stats *st = per_cpu_ptr(vn->stats, cpu);
		u64 v[__V6GW_STAT_MAX];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&st->syncp);
			for (i = 0; i < __V6GW_STAT_MAX; i++)
				v[i] = u64_stats_read(&st->cnt[i]);
		} while (u64_stats_fetch_retry(&st->syncp, start));

		for (i = 0; i < __V6GW_STAT_MAX; i++)
			sum[i] += v[i];
	}
}
