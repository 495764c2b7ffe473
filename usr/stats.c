// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw stats: the per-namespace counters (V6GW_CMD_STATS_GET).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <linux/v6gw.h>

#include "json.h"
#include "nl.h"
#include "utils.h"
#include "v6gw.h"

/*
 * The one list of counter names: the enum v6gw_stat names without
 * V6GW_STAT_, lowercase, '_' -> '-' (test-cli.sh checks this against the
 * header). Counters are printed in enum order.
 */
static const char *const stat_names[] = {
	[V6GW_STAT_IPV6_IN]		= "ipv6-in",
	[V6GW_STAT_IPV4_IN]		= "ipv4-in",
	[V6GW_STAT_IPV6_PASS]		= "ipv6-pass",
	[V6GW_STAT_IPV4_PASS]		= "ipv4-pass",
	[V6GW_STAT_XLAT_4TO6]		= "xlat-4to6",
	[V6GW_STAT_XLAT_6TO4]		= "xlat-6to4",
	[V6GW_STAT_HAIRPIN]		= "hairpin",
	[V6GW_STAT_ICMP_SENT]		= "icmp-sent",
	[V6GW_STAT_DROP_TRUNCATED]	= "drop-truncated",
	[V6GW_STAT_DROP_TTL]		= "drop-ttl",
	[V6GW_STAT_DROP_SRC_ROUTE]	= "drop-src-route",
	[V6GW_STAT_DROP_ROUTING_HDR]	= "drop-routing-hdr",
	[V6GW_STAT_DROP_UDP_ZERO_CSUM]	= "drop-udp-zero-csum",
	[V6GW_STAT_DROP_UDP_ZERO_FRAG]	= "drop-udp-zero-frag",
	[V6GW_STAT_DROP_ICMP_TYPE]	= "drop-icmp-type",
	[V6GW_STAT_DROP_ICMP_ERROR]	= "drop-icmp-error",
	[V6GW_STAT_DROP_ICMP_FRAG]	= "drop-icmp-frag",
	[V6GW_STAT_DROP_ICMP_CSUM]	= "drop-icmp-csum",
	[V6GW_STAT_DROP_PROTO]		= "drop-proto",
	[V6GW_STAT_DROP_TOO_LONG]	= "drop-too-long",
	[V6GW_STAT_DROP_TOO_BIG]	= "drop-too-big",
	[V6GW_STAT_DROP_NO_ROUTE]	= "drop-no-route",
	[V6GW_STAT_DROP_NOMEM]		= "drop-nomem",
	[V6GW_STAT_DROP_INTERNAL]	= "drop-internal",
	[V6GW_STAT_GRO_LIST_SPLIT]	= "gro-list-split",
	[V6GW_STAT_DROP_FRAG_EXTHDR]	= "drop-frag-exthdr",
	[V6GW_STAT_FRAG6_OUT]		= "frag6-out",
	[V6GW_STAT_GSO_SPLIT]		= "gso-split",
	[V6GW_STAT_NAT64_SESSION_NEW]	= "nat64-session-new",
	[V6GW_STAT_NAT64_SESSION_EXPIRED] = "nat64-session-expired",
	[V6GW_STAT_NAT64_BIB_NEW]	= "nat64-bib-new",
	[V6GW_STAT_NAT64_SYN_HELD]	= "nat64-syn-held",
	[V6GW_STAT_DROP_NAT64_NO_STATE]	= "drop-nat64-no-state",
	[V6GW_STAT_DROP_NAT64_FILTERED]	= "drop-nat64-filtered",
	[V6GW_STAT_DROP_NAT64_POOL4_FULL] = "drop-nat64-pool4-full",
	[V6GW_STAT_DROP_NAT64_SESSION_LIMIT] = "drop-nat64-session-limit",
	[V6GW_STAT_DROP_NAT64_SYN_HELD]	= "drop-nat64-syn-held",
	[V6GW_STAT_RA_REWRITTEN]	= "ra-rewritten",
	[V6GW_STAT_RA_UNCHANGED]	= "ra-unchanged",
	[V6GW_STAT_RA_MALFORMED]	= "ra-malformed",
	[V6GW_STAT_RA_TOO_BIG]		= "ra-too-big",
	[V6GW_STAT_RA_NOMEM]		= "ra-nomem",
	[V6GW_STAT_PD_SNOOPED]		= "pd-snooped",
	[V6GW_STAT_PD_MALFORMED]	= "pd-malformed",
	[V6GW_STAT_PD_QUEUE_FULL]	= "pd-queue-full",
	[V6GW_STAT_PD_ROUTE_FAIL]	= "pd-route-fail",
	[V6GW_STAT_CLAT_4TO6]		= "clat-4to6",
	[V6GW_STAT_CLAT_6TO4]		= "clat-6to4",
	[V6GW_STAT_CLAT_PLAT_CHANGED]	= "clat-plat-changed",
	[V6GW_STAT_DROP_CLAT_HOST]	= "drop-clat-host",
	[V6GW_STAT_PD_TABLE_FULL]	= "pd-table-full",
};

_Static_assert(ARRAY_SIZE(stat_names) == __V6GW_STAT_MAX,
	       "stat_names[] must name every counter of enum v6gw_stat");

struct counter {
	uint16_t id;
	uint64_t value;
};

struct stats {
	struct counter *v;
	size_t n, cap;
};

static int stats_set(struct stats *st, uint16_t id, uint64_t value)
{
	size_t i;

	for (i = 0; i < st->n; i++) {
		if (st->v[i].id == id) {
			st->v[i].value = value;
			return 0;
		}
	}
	if (util_array_grow(&st->v, &st->cap, st->n + 1, sizeof(*st->v)))
		return -1;
	st->v[st->n++] = (struct counter){ .id = id, .value = value };
	return 0;
}

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[V6GW_A_MAX + 1], *attr;
	struct stats *st = data;

	if (nl_parse(nlh, tb, V6GW_A_MAX) < MNL_CB_OK)
		return MNL_CB_ERROR;
	/* no nest at all: every counter is zero */
	if (!tb[V6GW_A_STATS])
		return MNL_CB_OK;
	if (mnl_attr_validate(tb[V6GW_A_STATS], MNL_TYPE_NESTED) < 0)
		goto bad;

	mnl_attr_for_each_nested(attr, tb[V6GW_A_STATS]) {
		uint16_t id = mnl_attr_get_type(attr);

		/* type 0 is padding (nla_put_u64_64bit) */
		if (!id)
			continue;
		if (mnl_attr_validate(attr, MNL_TYPE_U64) < 0)
			goto bad;
		if (stats_set(st, id, mnl_attr_get_u64(attr)))
			return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
bad:
	errno = EBADMSG;
	return MNL_CB_ERROR;
}

/* -s: counters the kernel left out because they are zero, too. */
static int stats_fill_known(struct stats *st)
{
	uint16_t id;
	size_t i;

	for (id = 1; id < ARRAY_SIZE(stat_names); id++) {
		for (i = 0; i < st->n && st->v[i].id != id; i++)
			;
		if (i == st->n && stats_set(st, id, 0))
			return -1;
	}
	return 0;
}

static int counter_cmp(const void *a, const void *b)
{
	const struct counter *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static const char *stat_name(uint16_t id, char buf[16])
{
	if (id < ARRAY_SIZE(stat_names) && stat_names[id])
		return stat_names[id];
	snprintf(buf, 16, "stat-%u", id);
	return buf;
}

static void stats_print(const struct stats *st)
{
	struct json j;
	char buf[16];
	size_t i;

	if (!cli_opts.json) {
		for (i = 0; i < st->n; i++)
			if (st->v[i].value || cli_opts.stats)
				printf("%s %" PRIu64 "\n",
				       stat_name(st->v[i].id, buf),
				       st->v[i].value);
		return;
	}

	json_init(&j, stdout, cli_opts.pretty);
	json_obj_open(&j);
	for (i = 0; i < st->n; i++)
		json_kv_u64(&j, stat_name(st->v[i].id, buf), st->v[i].value);
	json_obj_close(&j);
	json_end(&j);
}

static int stats_show(int argc, char **argv)
{
	struct stats st = {};
	struct nlmsghdr *nlh;
	int ret = CLI_FAIL;
	struct nl *nl;

	if (argc) {
		util_err("unexpected argument \"%s\"", argv[0]);
		return cli_usage(v6gw_stats_usage);
	}
	if (cli_opts.dry_run)
		return CLI_OK;

	nl = cli_nl();
	if (!nl)
		return CLI_FAIL;
	nlh = nl_msg(nl, V6GW_CMD_STATS_GET, 0);
	if (nl_talk(nl, nlh, stats_cb, &st))
		goto out;
	if (cli_opts.stats && stats_fill_known(&st)) {
		util_err("out of memory");
		goto out;
	}
	qsort(st.v, st.n, sizeof(*st.v), counter_cmp);
	stats_print(&st);
	ret = CLI_OK;
out:
	free(st.v);
	return ret;
}

void v6gw_stats_usage(FILE *f)
{
	fputs("  v6gw stats show                   counters (-s: zeros too)\n",
	      f);
}

static const struct cli_cmd stats_cmds[] = {
	{ "show", stats_show, NULL },
	{ "help", NULL, NULL },
};

static const struct cli_level stats_level = {
	.path = "stats",
	.cmds = stats_cmds,
	.ncmds = ARRAY_SIZE(stats_cmds),
	.dflt = "show",
	.usage = v6gw_stats_usage,
};

int v6gw_stats_main(int argc, char **argv)
{
	return cli_dispatch(&stats_level, argc, argv);
}
