// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw nat64: the stateful translator (RFC 6146). Its prefixes, pool4, the
 * BIB, the sessions (nat64_pool.c, nat64_bib.c), the settings, and "nat64 show", which prints the
 * settings, the table sizes, the prefixes and pool4.
 *
 * This file: the usage, the settings ("nat64 set"), "nat64 show", and the
 * dispatch to the files of the other words.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/v6gw.h>

#include "json.h"
#include "nl.h"
#include "nat64.h"
#include "utils.h"
#include "v6gw.h"

/* Plain "nat64 show" indents the entries of its tables by this. */
#define INDENT "    "

/* The upper limit of most settings (uapi: 1..2^31) */
#define NAT64_U32_MAX	(1ULL << 31)

static void usage_set(FILE *f);

static void usage_show(FILE *f)
{
	fputs("  v6gw nat64 show                   print settings, counts, prefixes, pool4\n",
	      f);
}

void nat64_usage_where(FILE *f)
{
	fputs("where PROTO := { tcp | udp | icmp }\n", f);
}

void v6gw_nat64_usage(FILE *f)
{
	nat64_usage_prefix(f);
	nat64_usage_pool4(f);
	nat64_usage_bib(f);
	nat64_usage_session(f);
	usage_set(f);
	usage_show(f);
	nat64_usage_where(f);
}

/* nat64 set */

enum key_kind {
	KIND_SECONDS,		/* u32 */
	KIND_NUMBER,		/* u32 */
	KIND_FILTERING,		/* u8, enum v6gw_nat64_filtering */
	KIND_ONOFF,		/* u8 0/1 */
};

/*
 * One row per key, in V6GW_NAT64_A_* order; the names are also those of
 * "nat64 show" and of its JSON.
 */
struct set_key {
	const char *name;
	uint16_t attr;
	enum key_kind kind;
	uint64_t min, max;
	const char *syntax;	/* for the usage, and in messages */
};

static const struct set_key set_keys[] = {
	{ "tcp-est", V6GW_NAT64_A_TCP_EST, KIND_SECONDS, 1, NAT64_U32_MAX,
	  "1..2147483648" },
	{ "tcp-trans", V6GW_NAT64_A_TCP_TRANS, KIND_SECONDS, 1, NAT64_U32_MAX,
	  "1..2147483648" },
	{ "udp", V6GW_NAT64_A_UDP, KIND_SECONDS, 120, NAT64_U32_MAX,
	  "120..2147483648" },
	{ "icmp", V6GW_NAT64_A_ICMP, KIND_SECONDS, 1, NAT64_U32_MAX,
	  "1..2147483648" },
	{ "tcp-syn", V6GW_NAT64_A_TCP_SYN, KIND_SECONDS, 1, 60, "1..60" },
	{ "filtering", V6GW_NAT64_A_FILTERING, KIND_FILTERING, 0, 0,
	  "endpoint or address" },
	{ "max-sessions", V6GW_NAT64_A_MAX_SESSIONS, KIND_NUMBER, 1,
	  NAT64_U32_MAX, "1..2147483648" },
	{ "wkpf-strict", V6GW_NAT64_A_WKPF_STRICT, KIND_ONOFF, 0, 1,
	  "on or off" },
};

#define NKEYS ARRAY_SIZE(set_keys)

static const char *const filterings[] = {
	[V6GW_NAT64_FILTER_ENDPOINT] = "endpoint",
	[V6GW_NAT64_FILTER_ADDRESS] = "address",
};

/* Per protocol: the table sizes of V6GW_CMD_NAT64_GET. */
static const struct {
	const char *name;
	uint16_t bib, sessions;
} counts[] = {
	{ "tcp", V6GW_NAT64_A_BIB_TCP, V6GW_NAT64_A_SESSIONS_TCP },
	{ "udp", V6GW_NAT64_A_BIB_UDP, V6GW_NAT64_A_SESSIONS_UDP },
	{ "icmp", V6GW_NAT64_A_BIB_ICMP, V6GW_NAT64_A_SESSIONS_ICMP },
};

struct settings {
	uint32_t given;			/* set: bit i, set_keys[i] given */
	uint32_t v[NKEYS];
	uint32_t bib[ARRAY_SIZE(counts)], sessions[ARRAY_SIZE(counts)];
};

static void usage_set(FILE *f)
{
	size_t i;

	fputs("  v6gw nat64 set KEY VALUE [KEY VALUE...]\n"
	      "                                    change settings, where KEY VALUE :=\n",
	      f);
	for (i = 0; i < NKEYS; i++) {
		const struct set_key *k = &set_keys[i];

		switch (k->kind) {
		case KIND_SECONDS:
			fprintf(f, "      %s SECONDS (%s)\n", k->name, k->syntax);
			break;
		case KIND_NUMBER:
			fprintf(f, "      %s N (%s)\n", k->name, k->syntax);
			break;
		case KIND_FILTERING:
			fprintf(f, "      %s { endpoint | address }\n", k->name);
			break;
		case KIND_ONOFF:
			fprintf(f, "      %s { on | off }\n", k->name);
			break;
		}
	}
}

static int parse_value(const struct set_key *k, const char *val,
		       uint32_t *out)
{
	uint64_t v;
	size_t i;
	bool on;

	switch (k->kind) {
	case KIND_SECONDS:
	case KIND_NUMBER:
		if (util_parse_uint(val, k->min, k->max, &v))
			break;
		*out = (uint32_t)v;
		return 0;
	case KIND_FILTERING:
		for (i = 0; i < ARRAY_SIZE(filterings); i++) {
			if (!strcmp(val, filterings[i])) {
				*out = (uint32_t)i;
				return 0;
			}
		}
		break;
	case KIND_ONOFF:
		/* its message is the one below, k->syntax being "on or off" */
		if (util_parse_onoff(val, &on, k->name))
			return -1;
		*out = on;
		return 0;
	}
	util_err("invalid %s \"%s\" (expected %s)", k->name, val, k->syntax);
	return -1;
}

/* The V6GW_A_NAT64 nest: every key given, in one request. */
static int put_settings(struct nlmsghdr *nlh, const void *arg)
{
	const struct settings *s = arg;
	struct nlattr *nest;
	size_t i;
	int err;

	nest = nl_nest_start(nlh, V6GW_A_NAT64);
	if (!nest)
		return -1;
	for (i = 0; i < NKEYS; i++) {
		const struct set_key *k = &set_keys[i];

		if (!(s->given & (1U << i)))
			continue;
		if (k->kind == KIND_SECONDS || k->kind == KIND_NUMBER)
			err = nl_put_u32(nlh, k->attr, s->v[i]);
		else
			err = nl_put_u8(nlh, k->attr, (uint8_t)s->v[i]);
		if (err)
			return -1;
	}
	nl_nest_end(nlh, nest);
	return 0;
}

static int nat64_set(int argc, char **argv)
{
	struct settings s = {};
	int i, k;

	if (!argc) {
		util_err("missing KEY VALUE");
		return cli_usage(usage_set);
	}
	/* no key starts with "h": "nat64 set help" is the level's help */
	if (argc == 1 && (util_is_help(argv[0]) || !strcmp(argv[0], "-h") ||
			  !strcmp(argv[0], "--help"))) {
		if (!cli_opts.dry_run) {
			printf("Usage:\n");
			usage_set(stdout);
		}
		return CLI_OK;
	}
	for (i = 0; i < argc; i += 2) {
		k = util_match(argv[i], set_keys, NKEYS, sizeof(*set_keys),
			       "\"nat64 set\" key");
		if (k < 0)
			return cli_usage(usage_set);
		if (i + 1 == argc) {
			util_err("missing value for %s (expected %s)",
				 set_keys[k].name, set_keys[k].syntax);
			return cli_usage(usage_set);
		}
		if (s.given & (1U << k)) {
			util_err("%s is given twice", set_keys[k].name);
			return cli_usage(usage_set);
		}
		s.given |= 1U << k;
		if (parse_value(&set_keys[k], argv[i + 1], &s.v[k]))
			return cli_usage(usage_set);
	}
	return cli_request(V6GW_CMD_NAT64_SET, put_settings, &s);
}

/* V6GW_CMD_NAT64_GET: every setting (required), the counts (0 if absent) */
static int settings_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[V6GW_A_MAX + 1], *stb[V6GW_NAT64_A_MAX + 1];
	struct settings *s = data;
	uint8_t u8;
	size_t i;

	if (nl_parse(nlh, tb, V6GW_A_MAX) < MNL_CB_OK)
		return MNL_CB_ERROR;
	if (!tb[V6GW_A_NAT64] ||
	    nl_parse_nested(tb[V6GW_A_NAT64], stb, V6GW_NAT64_A_MAX) < MNL_CB_OK)
		return cli_bad_msg();
	for (i = 0; i < NKEYS; i++) {
		const struct set_key *k = &set_keys[i];

		if (k->kind == KIND_SECONDS || k->kind == KIND_NUMBER) {
			if (!nl_get_u32(stb[k->attr], &s->v[i]))
				return cli_bad_msg();
		} else {
			if (!nl_get_u8(stb[k->attr], &u8))
				return cli_bad_msg();
			s->v[i] = u8;
		}
	}
	for (i = 0; i < ARRAY_SIZE(counts); i++) {
		if ((stb[counts[i].bib] &&
		     !nl_get_u32(stb[counts[i].bib], &s->bib[i])) ||
		    (stb[counts[i].sessions] &&
		     !nl_get_u32(stb[counts[i].sessions], &s->sessions[i])))
			return cli_bad_msg();
	}
	return MNL_CB_OK;
}

static int settings_fetch(struct nl *nl, struct settings *s)
{
	return nl_talk(nl, nl_msg(nl, V6GW_CMD_NAT64_GET, 0), settings_cb, s);
}

/*
 * Plain: "PROTO bib N sessions N" lines after @indent; JSON: an object
 * {"tcp":{"bib":N,"sessions":N},"udp":...,"icmp":...}.
 */
static void counts_print(const struct settings *s, struct json *j,
			 const char *indent)
{
	size_t i;

	if (j)
		json_obj_open(j);
	for (i = 0; i < ARRAY_SIZE(counts); i++) {
		if (!j) {
			printf("%s%s bib %u sessions %u\n", indent,
			       counts[i].name, s->bib[i], s->sessions[i]);
			continue;
		}
		json_key(j, counts[i].name);
		json_obj_open(j);
		json_kv_u64(j, "bib", s->bib[i]);
		json_kv_u64(j, "sessions", s->sessions[i]);
		json_obj_close(j);
	}
	if (j)
		json_obj_close(j);
}

/* The counts of "nat64 session count": fetched, and printed alone. */
int nat64_counts_show(struct nl *nl)
{
	struct settings s = {};
	struct json j;

	if (settings_fetch(nl, &s))
		return CLI_FAIL;
	if (cli_opts.json) {
		cli_json_start(&j);
		counts_print(&s, &j, "");
		json_end(&j);
	} else {
		counts_print(&s, NULL, "");
	}
	return CLI_OK;
}

/* nat64 show */

/* Plain: "KEY VALUE" after @lead, in the syntax of "nat64 set". */
static void setting_print(const struct set_key *k, uint32_t v, struct json *j,
			  const char *lead)
{
	char buf[16];
	const char *str = NULL;

	switch (k->kind) {
	case KIND_SECONDS:
	case KIND_NUMBER:
		if (j)
			json_kv_u64(j, k->name, v);
		else
			printf("%s%s %u\n", lead, k->name, v);
		return;
	case KIND_FILTERING:
		if (v < ARRAY_SIZE(filterings)) {
			str = filterings[v];
		} else {
			snprintf(buf, sizeof(buf), "%u", v);
			str = buf;
		}
		break;
	case KIND_ONOFF:
		if (j) {
			json_kv_bool(j, k->name, v);
			return;
		}
		str = v ? "on" : "off";
		break;
	}
	if (j)
		json_kv_str(j, k->name, str);
	else
		printf("%s%s %s\n", lead, k->name, str);
}

/*
 * Plain: "KEY VALUE" lines in the syntax of "nat64 set", then the counts,
 * the prefixes and pool4 under "count:", "prefix:" and "pool4:" headings.
 * JSON: one object.
 */
static void nat64_print(const struct settings *s, const struct prefixes6 *ps,
			const struct pool4s *p4)
{
	struct json jj, *j = NULL;
	size_t i;

	if (cli_opts.json) {
		j = &jj;
		cli_json_start(j);
		json_obj_open(j);
	}
	for (i = 0; i < NKEYS; i++)
		setting_print(&set_keys[i], s->v[i], j, "");
	if (j) {
		json_key(j, "count");
		counts_print(s, j, "");
		json_key(j, "prefix");
		cli_prefixes6_print(ps, j, "");
		json_key(j, "pool4");
		nat64_pool4_print(p4, j, "");
		json_obj_close(j);
		json_end(j);
		return;
	}
	printf("count:\n");
	counts_print(s, NULL, INDENT);
	printf("prefix:%s\n", ps->n ? "" : " none");
	cli_prefixes6_print(ps, NULL, INDENT);
	printf("pool4:%s\n", p4->n ? "" : " none");
	nat64_pool4_print(p4, NULL, INDENT);
}

static int nat64_show(int argc, char **argv)
{
	struct prefixes6 ps = {};
	struct settings s = {};
	struct pool4s p4 = {};
	struct nl *nl;
	int ret;

	nl = cli_show_start(argc, argv, usage_show, &ret);
	if (!nl)
		return ret;
	ret = CLI_FAIL;
	if (!settings_fetch(nl, &s) && !cli_prefixes6_fetch(nl, V6GW_CMD_NAT64_PREFIX_GET, &ps) &&
	    !nat64_pool4_fetch(nl, &p4)) {
		nat64_print(&s, &ps, &p4);
		ret = CLI_OK;
	}
	free(ps.v);
	free(p4.v);
	return ret;
}

/*
 * "v6gw save": the prefixes (in their order: IPv4-initiated sessions use
 * the first), pool4 (one line per protocol, as the kernel reports it),
 * the static BIB entries, which need their pool4 addresses, and every
 * setting, one "nat64 set KEY VALUE" a line. The small tables are fetched
 * before anything is printed; the BIB, which may be large, is walked
 * keeping only its static entries (nat64_bib_save()).
 */
int nat64_save(struct nl *nl)
{
	struct prefixes6 ps = {};
	struct settings s = {};
	struct pool4s p4 = {};
	int ret = CLI_FAIL;
	size_t i;

	if (settings_fetch(nl, &s) ||
	    cli_prefixes6_fetch(nl, V6GW_CMD_NAT64_PREFIX_GET, &ps) ||
	    nat64_pool4_fetch(nl, &p4))
		goto out;
	cli_prefixes6_print(&ps, NULL, "nat64 prefix add ");
	nat64_pool4_print_cmds(&p4, "nat64 pool4 add ");
	if (nat64_bib_save(nl))
		goto out;
	for (i = 0; i < NKEYS; i++)
		setting_print(&set_keys[i], s.v[i], NULL, "nat64 set ");
	ret = CLI_OK;
out:
	free(ps.v);
	free(p4.v);
	return ret;
}

static const struct cli_cmd nat64_cmds[] = {
	{ "prefix", nat64_prefix, NULL },
	{ "pool4", nat64_pool4, NULL },
	{ "bib", nat64_bib, NULL },
	{ "session", nat64_session, NULL },
	{ "set", nat64_set, NULL },
	{ "show", nat64_show, NULL },
	{ "help", NULL, NULL },
};

static const struct cli_level nat64_level = {
	.path = "nat64",
	.cmds = nat64_cmds,
	.ncmds = ARRAY_SIZE(nat64_cmds),
	.dflt = "show",
	.usage = v6gw_nat64_usage,
};

int v6gw_nat64_main(int argc, char **argv)
{
	return cli_dispatch(&nat64_level, argc, argv);
}
