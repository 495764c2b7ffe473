// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw siit: the stateless translator. Today its RFC 6052 prefix (pool6).
 */
#include <errno.h>
#include <stdlib.h>
#include <linux/v6gw.h>

#include "json.h"
#include "nl.h"
#include "utils.h"
#include "v6gw.h"

struct prefixes {
	struct prefix6 *v;
	size_t n, cap;
};

static int prefix_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[V6GW_A_MAX + 1];
	struct prefixes *ps = data;

	if (nl_parse(nlh, tb, V6GW_A_MAX) < MNL_CB_OK)
		return MNL_CB_ERROR;
	if (!tb[V6GW_A_PREFIX]) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (util_array_grow(&ps->v, &ps->cap, ps->n + 1, sizeof(*ps->v)) ||
	    nl_get_prefix6(tb[V6GW_A_PREFIX], &ps->v[ps->n]))
		return MNL_CB_ERROR;
	ps->n++;
	return MNL_CB_OK;
}

static void prefixes_print(const struct prefixes *ps)
{
	char buf[PREFIX6_STRLEN];
	struct json j;
	size_t i;

	if (!cli_opts.json) {
		for (i = 0; i < ps->n; i++)
			puts(util_fmt_prefix6(buf, &ps->v[i]));
		return;
	}

	json_init(&j, stdout, cli_opts.pretty);
	json_arr_open(&j);
	for (i = 0; i < ps->n; i++) {
		json_obj_open(&j);
		json_kv_str(&j, "prefix", util_fmt_prefix6(buf, &ps->v[i]));
		json_obj_close(&j);
	}
	json_arr_close(&j);
	json_end(&j);
}

static int prefix_show(int argc, char **argv)
{
	struct prefixes ps = {};
	struct nlmsghdr *nlh;
	int ret = CLI_FAIL;
	struct nl *nl;

	if (argc) {
		util_err("unexpected argument \"%s\"", argv[0]);
		return cli_usage(v6gw_siit_usage);
	}
	if (cli_opts.dry_run)
		return CLI_OK;

	nl = cli_nl();
	if (!nl)
		return CLI_FAIL;
	nlh = nl_msg(nl, V6GW_CMD_SIIT_PREFIX_GET, NLM_F_DUMP);
	if (nl_talk(nl, nlh, prefix_cb, &ps))
		goto out;
	prefixes_print(&ps);
	ret = CLI_OK;
out:
	free(ps.v);
	return ret;
}

/* add and del: one PREFIX/LEN argument, no reply beyond the ACK. */
static int prefix_change(uint8_t cmd, int argc, char **argv)
{
	struct nlmsghdr *nlh;
	struct prefix6 p;
	struct nl *nl;

	if (argc != 1) {
		if (argc)
			util_err("unexpected argument \"%s\"", argv[1]);
		else
			util_err("missing PREFIX/LEN");
		return cli_usage(v6gw_siit_usage);
	}
	if (util_parse_prefix6(argv[0], &p))
		return cli_usage(v6gw_siit_usage);
	if (cli_opts.dry_run)
		return CLI_OK;

	nl = cli_nl();
	if (!nl)
		return CLI_FAIL;
	nlh = nl_msg(nl, cmd, 0);
	if (nl_put_prefix6(nlh, V6GW_A_PREFIX, &p) ||
	    nl_talk(nl, nlh, NULL, NULL))
		return CLI_FAIL;
	return CLI_OK;
}

static int prefix_add(int argc, char **argv)
{
	return prefix_change(V6GW_CMD_SIIT_PREFIX_NEW, argc, argv);
}

static int prefix_del(int argc, char **argv)
{
	return prefix_change(V6GW_CMD_SIIT_PREFIX_DEL, argc, argv);
}

void v6gw_siit_usage(FILE *f)
{
	fputs("  v6gw siit prefix add PREFIX/LEN   set the translation prefix (pool6)\n"
	      "  v6gw siit prefix del PREFIX/LEN   remove it\n"
	      "  v6gw siit prefix show             print it\n", f);
}

static const struct cli_cmd prefix_cmds[] = {
	{ "add", prefix_add, NULL },
	{ "del", prefix_del, NULL },
	{ "show", prefix_show, NULL },
	{ "help", NULL, NULL },
};

static const struct cli_level prefix_level = {
	.path = "siit prefix",
	.cmds = prefix_cmds,
	.ncmds = ARRAY_SIZE(prefix_cmds),
	.dflt = "show",
	.usage = v6gw_siit_usage,
};

static int siit_prefix(int argc, char **argv)
{
	return cli_dispatch(&prefix_level, argc, argv);
}

/* Future rows: eam, deny, set, show. */
static const struct cli_cmd siit_cmds[] = {
	{ "prefix", siit_prefix, NULL },
	{ "help", NULL, NULL },
};

static const struct cli_level siit_level = {
	.path = "siit",
	.cmds = siit_cmds,
	.ncmds = ARRAY_SIZE(siit_cmds),
	.usage = v6gw_siit_usage,
};

int v6gw_siit_main(int argc, char **argv)
{
	return cli_dispatch(&siit_level, argc, argv);
}
