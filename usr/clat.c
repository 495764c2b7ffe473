// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw clat: the 464XLAT CLAT (RFC 6877), one per namespace.
 *
 *   v6gw clat set ipv4 PREFIX ipv6 PREFIX plat PREFIX
 *   v6gw clat del
 *   v6gw clat show
 *
 * The island host a.b.c.d is the IPv6 prefix with a.b.c.d in its last 32
 * bits; every other IPv4 address maps through the PLAT prefix.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/v6gw.h>

#include "json.h"
#include "nl.h"
#include "utils.h"
#include "v6gw.h"

struct clat {
	bool have;
	struct prefix4 p4;
	struct prefix6 p6, plat;
};

static void usage_clat(FILE *f)
{
	fputs("  v6gw clat set ipv4 PREFIX ipv6 PREFIX plat PREFIX\n"
	      "                                    the CLAT: the IPv4 island, its IPv6\n"
	      "                                    prefix (<= /96: a.b.c.d in the last\n"
	      "                                    32 bits), the PLAT's NAT64 prefix\n"
	      "  v6gw clat del                     remove it\n"
	      "  v6gw clat show                    print it\n", f);
}

void v6gw_clat_usage(FILE *f)
{
	usage_clat(f);
}

static int clat_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[V6GW_A_MAX + 1], *ctb[V6GW_CLAT_A_MAX + 1];
	struct clat *c = data;

	if (nl_parse(nlh, tb, V6GW_A_MAX) < MNL_CB_OK)
		return MNL_CB_ERROR;
	c->have = tb[V6GW_A_CLAT];
	if (!c->have)
		return MNL_CB_OK;
	if (nl_parse_nested(tb[V6GW_A_CLAT], ctb, V6GW_CLAT_A_MAX) < MNL_CB_OK ||
	    !ctb[V6GW_CLAT_A_PREFIX4] || !ctb[V6GW_CLAT_A_PREFIX6] ||
	    !ctb[V6GW_CLAT_A_PLAT]) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (nl_get_prefix4(ctb[V6GW_CLAT_A_PREFIX4], &c->p4) ||
	    nl_get_prefix6(ctb[V6GW_CLAT_A_PREFIX6], &c->p6) ||
	    nl_get_prefix6(ctb[V6GW_CLAT_A_PLAT], &c->plat))
		return MNL_CB_ERROR;
	return MNL_CB_OK;
}

static int clat_fetch(struct nl *nl, struct clat *c)
{
	memset(c, 0, sizeof(*c));
	return nl_talk(nl, nl_msg(nl, V6GW_CMD_CLAT_GET, 0), clat_cb, c);
}

/* Plain: "@lead ipv4 P ipv6 P plat P" (nothing without a CLAT); or JSON. */
static void clat_print(const struct clat *c, struct json *j, const char *lead)
{
	char b4[PREFIX4_STRLEN], b6[PREFIX6_STRLEN], bp[PREFIX6_STRLEN];

	if (c->have) {
		util_fmt_prefix4(b4, &c->p4);
		util_fmt_prefix6(b6, &c->p6);
		util_fmt_prefix6(bp, &c->plat);
	}
	if (!j) {
		if (c->have)
			printf("%sipv4 %s ipv6 %s plat %s\n", lead, b4, b6, bp);
		return;
	}
	json_obj_open(j);
	if (c->have) {
		json_kv_str(j, "ipv4", b4);
		json_kv_str(j, "ipv6", b6);
		json_kv_str(j, "plat", bp);
	}
	json_obj_close(j);
}

static int clat_show(int argc, char **argv)
{
	struct clat c;
	struct json j;
	struct nl *nl;
	int ret;

	nl = cli_show_start(argc, argv, usage_clat, &ret);
	if (!nl)
		return ret;
	if (clat_fetch(nl, &c))
		return CLI_FAIL;
	if (cli_opts.json) {
		cli_json_start(&j);
		clat_print(&c, &j, "");
		json_end(&j);
	} else {
		clat_print(&c, NULL, "");
	}
	return CLI_OK;
}

int clat_save(struct nl *nl)
{
	struct clat c;

	if (clat_fetch(nl, &c))
		return CLI_FAIL;
	clat_print(&c, NULL, "clat set ");
	return CLI_OK;
}

static int put_clat(struct nlmsghdr *nlh, const void *arg)
{
	const struct clat *c = arg;
	struct nlattr *nest;

	nest = nl_nest_start(nlh, V6GW_A_CLAT);
	if (!nest ||
	    nl_put_prefix4(nlh, V6GW_CLAT_A_PREFIX4, &c->p4) ||
	    nl_put_prefix6(nlh, V6GW_CLAT_A_PREFIX6, &c->p6) ||
	    nl_put_prefix6(nlh, V6GW_CLAT_A_PLAT, &c->plat))
		return -1;
	nl_nest_end(nlh, nest);
	return 0;
}

/* set: the three KEY VALUE pairs, in any order, each once. */
static int clat_set(int argc, char **argv)
{
	static const char *const keys[] = { "ipv4", "ipv6", "plat" };
	struct clat c = { .have = true };
	unsigned int given = 0;
	int i, k, bad;

	for (i = 0; i < argc; i += 2) {
		k = util_match(argv[i], keys, ARRAY_SIZE(keys), sizeof(*keys),
			       "\"clat set\" keyword");
		if (k < 0)
			return cli_usage(usage_clat);
		if (given & (1u << k)) {
			util_err("%s is given twice", keys[k]);
			return cli_usage(usage_clat);
		}
		if (i + 1 >= argc) {
			util_err("missing value for %s (expected PREFIX/LEN)",
				 keys[k]);
			return cli_usage(usage_clat);
		}
		given |= 1u << k;
		if (k == 0)
			bad = util_parse_prefix4_as(argv[i + 1], &c.p4, false,
						    "IPv4 prefix", "ADDR/LEN");
		else
			bad = util_parse_prefix6_as(argv[i + 1],
						    k == 1 ? &c.p6 : &c.plat,
						    false, k == 1 ?
						    "IPv6 prefix" :
						    "PLAT prefix", "ADDR/LEN");
		if (bad)
			return cli_usage(usage_clat);
	}
	for (k = 0; k < (int)ARRAY_SIZE(keys); k++) {
		if (!(given & (1u << k))) {
			util_err("missing %s PREFIX", keys[k]);
			return cli_usage(usage_clat);
		}
	}
	return cli_request(V6GW_CMD_CLAT_SET, put_clat, &c);
}

static int clat_del(int argc, char **argv)
{
	int ret = cli_want_args(argc, argv, 0, NULL, usage_clat);

	if (ret)
		return ret;
	return cli_request(V6GW_CMD_CLAT_DEL, NULL, NULL);
}

static const struct cli_cmd clat_cmds[] = {
	{ "set", clat_set, NULL },
	{ "del", clat_del, NULL },
	{ "show", clat_show, NULL },
	{ "help", NULL, NULL },
};

static const struct cli_level clat_level = {
	.path = "clat",
	.cmds = clat_cmds,
	.ncmds = ARRAY_SIZE(clat_cmds),
	.dflt = "show",
	.usage = usage_clat,
};

int v6gw_clat_main(int argc, char **argv)
{
	return cli_dispatch(&clat_level, argc, argv);
}
