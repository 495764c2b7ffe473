// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw nat64: its prefixes (RFC 6052) and pool4, the IPv4 addresses and
 * ports it masks the IPv6 nodes with. Both are small (uapi: at most 8 and
 * 3 x 64 entries): they are fetched into arrays, as in siit.c.
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

void nat64_usage_prefix(FILE *f)
{
	fputs("  v6gw nat64 prefix add PREFIX/LEN  add a NAT64 prefix (RFC 6052)\n"
	      "  v6gw nat64 prefix del PREFIX/LEN  remove one\n"
	      "  v6gw nat64 prefix show            print them\n", f);
}

void nat64_usage_pool4(FILE *f)
{
	fputs("  v6gw nat64 pool4 add ADDR[/LEN] [proto PROTO] [ports LO-HI]\n"
	      "                                    add IPv4 addresses and ports\n"
	      "  v6gw nat64 pool4 del ADDR[/LEN] [proto PROTO] [ports LO-HI]\n"
	      "                                    remove them\n"
	      "  v6gw nat64 pool4 show             print pool4\n", f);
}
/* The usage of a level that takes PROTO: its lines and the "where". */
static void usage_pool4_lvl(FILE *f)
{
	nat64_usage_pool4(f);
	nat64_usage_where(f);
}

/* nat64 prefix */

static int prefix_show(int argc, char **argv)
{
	return cli_prefixes6_show(V6GW_CMD_NAT64_PREFIX_GET, argc, argv,
				  nat64_usage_prefix);
}

static int prefix_add(int argc, char **argv)
{
	return cli_prefix6_change(V6GW_CMD_NAT64_PREFIX_NEW, argc, argv,
				  nat64_usage_prefix);
}

static int prefix_del(int argc, char **argv)
{
	return cli_prefix6_change(V6GW_CMD_NAT64_PREFIX_DEL, argc, argv,
				  nat64_usage_prefix);
}

static const struct cli_cmd prefix_cmds[] = {
	{ "add", prefix_add, NULL },
	{ "del", prefix_del, NULL },
	{ "show", prefix_show, NULL },
	{ "help", NULL, NULL },
};

static const struct cli_level prefix_level = {
	.path = "nat64 prefix",
	.cmds = prefix_cmds,
	.ncmds = ARRAY_SIZE(prefix_cmds),
	.dflt = "show",
	.usage = nat64_usage_prefix,
};

int nat64_prefix(int argc, char **argv)
{
	return cli_dispatch(&prefix_level, argc, argv);
}

/* nat64 pool4 */

static int pool4_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[V6GW_A_MAX + 1], *ptb[V6GW_POOL4_A_MAX + 1];
	struct pool4s *ps = data;
	struct pool4 *e;

	if (nl_parse(nlh, tb, V6GW_A_MAX) < MNL_CB_OK)
		return MNL_CB_ERROR;
	if (!tb[V6GW_A_POOL4] ||
	    nl_parse_nested(tb[V6GW_A_POOL4], ptb, V6GW_POOL4_A_MAX) < MNL_CB_OK ||
	    !ptb[V6GW_POOL4_A_PREFIX4])
		return cli_bad_msg();
	if (util_array_grow(&ps->v, &ps->cap, ps->n + 1, sizeof(*ps->v)))
		return MNL_CB_ERROR;
	e = &ps->v[ps->n];
	*e = (struct pool4){ .has_p = true };
	if (nl_get_prefix4(ptb[V6GW_POOL4_A_PREFIX4], &e->p))
		return MNL_CB_ERROR;
	if (ptb[V6GW_POOL4_A_PROTO]) {
		if (!nl_get_u8(ptb[V6GW_POOL4_A_PROTO], &e->proto))
			return cli_bad_msg();
		e->has_proto = true;
	}
	/* absent: the defaults of the uapi */
	e->lo = e->has_proto && e->proto == IPPROTO_ICMP ? 0 : 1;
	e->hi = 65535;
	if ((ptb[V6GW_POOL4_A_PORT_MIN] &&
	     !nl_get_u16(ptb[V6GW_POOL4_A_PORT_MIN], 65535, &e->lo)) ||
	    (ptb[V6GW_POOL4_A_PORT_MAX] &&
	     !nl_get_u16(ptb[V6GW_POOL4_A_PORT_MAX], 65535, &e->hi)))
		return cli_bad_msg();
	ps->n++;
	return MNL_CB_OK;
}

int nat64_pool4_fetch(struct nl *nl, struct pool4s *ps)
{
	return nl_talk(nl, nl_msg(nl, V6GW_CMD_NAT64_POOL4_GET, NLM_F_DUMP),
		       pool4_cb, ps);
}

/* An entry's words: its prefix, and its protocol's name (NULL: all). */
static const char *pool4_words(const struct pool4 *e,
			       char buf[PREFIX4_STRLEN], char pb[PROTO_STRLEN])
{
	util_fmt_prefix4(buf, &e->p);
	return e->has_proto ? nat64_proto_name(e->proto, pb) : NULL;
}

/*
 * Plain: "PREFIX PROTO LO-HI" lines after @indent (PROTO "all" when the
 * kernel sent none); or [{"prefix":..., "proto":..., "port-min":...,
 * "port-max":...}], proto null for all.
 */
void nat64_pool4_print(const struct pool4s *ps, struct json *j,
			const char *indent)
{
	char buf[PREFIX4_STRLEN], pb[PROTO_STRLEN];
	const struct pool4 *e;
	const char *proto;
	size_t i;

	if (j)
		json_arr_open(j);
	for (i = 0; i < ps->n; i++) {
		e = &ps->v[i];
		proto = pool4_words(e, buf, pb);
		if (!j) {
			printf("%s%s %s %u-%u\n", indent, buf,
			       proto ? proto : "all", e->lo, e->hi);
			continue;
		}
		json_obj_open(j);
		json_kv_str(j, "prefix", buf);
		if (proto)
			json_kv_str(j, "proto", proto);
		else
			json_kv_null(j, "proto");
		json_kv_u64(j, "port-min", e->lo);
		json_kv_u64(j, "port-max", e->hi);
		json_obj_close(j);
	}
	if (j)
		json_arr_close(j);
}

/* "PREFIX [proto PROTO] ports LO-HI" lines after @lead: "pool4 add" words */
void nat64_pool4_print_cmds(const struct pool4s *ps, const char *lead)
{
	char buf[PREFIX4_STRLEN], pb[PROTO_STRLEN];
	const char *proto;
	size_t i;

	for (i = 0; i < ps->n; i++) {
		proto = pool4_words(&ps->v[i], buf, pb);
		printf("%s%s%s%s ports %u-%u\n", lead, buf,
		       proto ? " proto " : "", proto ? proto : "",
		       ps->v[i].lo, ps->v[i].hi);
	}
}

static int pool4_show(int argc, char **argv)
{
	struct pool4s ps = {};
	struct json j;
	struct nl *nl;
	int ret;

	nl = cli_show_start(argc, argv, usage_pool4_lvl, &ret);
	if (!nl)
		return ret;
	ret = CLI_FAIL;
	if (!nat64_pool4_fetch(nl, &ps)) {
		if (cli_opts.json) {
			cli_json_start(&j);
			nat64_pool4_print(&ps, &j, "");
			json_end(&j);
		} else {
			nat64_pool4_print(&ps, NULL, "");
		}
		ret = CLI_OK;
	}
	free(ps.v);
	return ret;
}

static int pool4_addr(const char *arg, void *req)
{
	struct pool4 *e = req;

	if (e->has_p) {
		util_err("unexpected argument \"%s\"", arg);
		return -1;
	}
	e->has_p = true;
	return util_parse_prefix4_as(arg, &e->p, true, "IPv4 prefix",
				     "ADDR[/LEN]");
}

static int pool4_proto(const char *val, void *req)
{
	struct pool4 *e = req;

	e->has_proto = true;
	return nat64_parse_proto(val, &e->proto);
}

/* "LO-HI", 0..65535 each, LO <= HI */
static int pool4_ports(const char *val, void *req)
{
	struct pool4 *e = req;
	const char *dash = strchr(val, '-');
	char lo[8];

	if (!dash || (size_t)(dash - val) >= sizeof(lo))
		goto bad;
	memcpy(lo, val, dash - val);
	lo[dash - val] = '\0';
	if (nat64_parse_port(lo, &e->lo) || nat64_parse_port(dash + 1, &e->hi))
		goto bad;
	if (e->lo > e->hi) {
		util_err("invalid ports \"%s\": %u is above %u", val, e->lo,
			 e->hi);
		return -1;
	}
	e->has_ports = true;
	return 0;
bad:
	util_err("invalid ports \"%s\" (expected LO-HI, each 0..65535)", val);
	return -1;
}

static const struct nat64_kw pool4_kws[] = {
	{ "proto", pool4_proto },
	{ "ports", pool4_ports },
};

static int put_pool4(struct nlmsghdr *nlh, const void *arg)
{
	const struct pool4 *e = arg;
	struct nlattr *nest;

	nest = nl_nest_start(nlh, V6GW_A_POOL4);
	if (!nest ||
	    nl_put_prefix4(nlh, V6GW_POOL4_A_PREFIX4, &e->p) ||
	    (e->has_proto && nl_put_u8(nlh, V6GW_POOL4_A_PROTO, e->proto)) ||
	    (e->has_ports &&
	     (nl_put_u16(nlh, V6GW_POOL4_A_PORT_MIN, e->lo) ||
	      nl_put_u16(nlh, V6GW_POOL4_A_PORT_MAX, e->hi))))
		return -1;
	nl_nest_end(nlh, nest);
	return 0;
}

static int pool4_change(uint8_t cmd, const char *path, int argc, char **argv)
{
	struct pool4 e = {};
	int ret;

	ret = nat64_parse_args(argc, argv, path, pool4_kws, ARRAY_SIZE(pool4_kws),
			 pool4_addr, &e, usage_pool4_lvl);
	if (ret)
		return ret;
	if (!e.has_p) {
		util_err("missing ADDR[/LEN]");
		return cli_usage(usage_pool4_lvl);
	}
	return cli_request(cmd, put_pool4, &e);
}

static int pool4_add(int argc, char **argv)
{
	return pool4_change(V6GW_CMD_NAT64_POOL4_NEW, "nat64 pool4 add", argc,
			    argv);
}

static int pool4_del(int argc, char **argv)
{
	return pool4_change(V6GW_CMD_NAT64_POOL4_DEL, "nat64 pool4 del", argc,
			    argv);
}

static const struct cli_cmd pool4_cmds[] = {
	{ "add", pool4_add, NULL },
	{ "del", pool4_del, NULL },
	{ "show", pool4_show, NULL },
	{ "help", NULL, NULL },
};

static const struct cli_level pool4_level = {
	.path = "nat64 pool4",
	.cmds = pool4_cmds,
	.ncmds = ARRAY_SIZE(pool4_cmds),
	.dflt = "show",
	.usage = usage_pool4_lvl,
};

int nat64_pool4(int argc, char **argv)
{
	return cli_dispatch(&pool4_level, argc, argv);
}

