// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw clat: the 464XLAT CLAT (RFC 6877), one per namespace.
 *
 *   v6gw clat set ipv4 PREFIX ipv6 PREFIX plat { PREFIX | auto dev IFNAME }
 *                 [host on|off]
 *   v6gw clat del
 *   v6gw clat show
 *
 * The island host a.b.c.d is the IPv6 prefix with a.b.c.d in its last 32
 * bits; every other IPv4 address maps through the PLAT prefix, given or
 * learned from PREF64 in the RAs IFNAME receives. With host on the island
 * is this host itself: the module's device v6gw-clat carries its address
 * and the IPv4 default route.
 */
#include <errno.h>
#include <net/if.h>
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
	bool has_plat;			/* given, or learned */
	uint32_t ifindex;		/* plat auto: the interface */
	uint32_t lifetime;		/* learned: seconds left */
	char ifname[IF_NAMESIZE];
	const char *dev;		/* set: as typed */
	bool host;
	uint32_t host_ifindex;		/* the device, once set up */
	char host_ifname[IF_NAMESIZE];
};

static void usage_clat(FILE *f)
{
	fputs("  v6gw clat set ipv4 PREFIX ipv6 PREFIX plat { PREFIX | auto dev IFNAME }\n"
	      "                [host on|off]\n"
	      "                                    the CLAT: the IPv4 island, its IPv6\n"
	      "                                    prefix (<= /96: a.b.c.d in the last\n"
	      "                                    32 bits), the PLAT's NAT64 prefix,\n"
	      "                                    or learn it from PREF64 in RAs;\n"
	      "                                    host on: the island is this host\n"
	      "                                    (device v6gw-clat, IPv4 default\n"
	      "                                    route)\n"
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
	    (!ctb[V6GW_CLAT_A_PLAT] && !ctb[V6GW_CLAT_A_PLAT_IFINDEX]))
		return cli_bad_msg();
	if (nl_get_prefix4(ctb[V6GW_CLAT_A_PREFIX4], &c->p4) ||
	    nl_get_prefix6(ctb[V6GW_CLAT_A_PREFIX6], &c->p6))
		return MNL_CB_ERROR;
	c->has_plat = ctb[V6GW_CLAT_A_PLAT];
	if (c->has_plat && nl_get_prefix6(ctb[V6GW_CLAT_A_PLAT], &c->plat))
		return MNL_CB_ERROR;
	if (ctb[V6GW_CLAT_A_PLAT_IFINDEX] &&
	    !nl_get_u32(ctb[V6GW_CLAT_A_PLAT_IFINDEX], &c->ifindex))
		return cli_bad_msg();
	if (ctb[V6GW_CLAT_A_PLAT_LIFETIME] &&
	    !nl_get_u32(ctb[V6GW_CLAT_A_PLAT_LIFETIME], &c->lifetime))
		return cli_bad_msg();
	c->host = ctb[V6GW_CLAT_A_HOST];
	if (ctb[V6GW_CLAT_A_HOST_IFINDEX] &&
	    !nl_get_u32(ctb[V6GW_CLAT_A_HOST_IFINDEX], &c->host_ifindex))
		return cli_bad_msg();
	return MNL_CB_OK;
}

static int clat_fetch(struct nl *nl, struct clat *c)
{
	memset(c, 0, sizeof(*c));
	if (nl_talk(nl, nl_msg(nl, V6GW_CMD_CLAT_GET, 0), clat_cb, c))
		return -1;
	/* in the namespace of the request: the name of the interface now */
	if (c->ifindex && !if_indextoname(c->ifindex, c->ifname))
		snprintf(c->ifname, sizeof(c->ifname), "if%u", c->ifindex);
	if (c->host_ifindex && !if_indextoname(c->host_ifindex, c->host_ifname))
		snprintf(c->host_ifname, sizeof(c->host_ifname), "if%u",
			 c->host_ifindex);
	return 0;
}

/*
 * Plain: "@lead ipv4 P ipv6 P plat P|auto dev IFNAME [host on]", with
 * @learned what is learned and the host device after it; nothing without
 * a CLAT. Or JSON.
 */
static void clat_print(const struct clat *c, struct json *j, const char *lead,
		       bool learned)
{
	char b4[PREFIX4_STRLEN], b6[PREFIX6_STRLEN], bp[PREFIX6_STRLEN] = "";

	if (c->have) {
		util_fmt_prefix4(b4, &c->p4);
		util_fmt_prefix6(b6, &c->p6);
		if (c->has_plat)
			util_fmt_prefix6(bp, &c->plat);
	}
	if (!j) {
		if (!c->have)
			return;
		printf("%sipv4 %s ipv6 %s plat ", lead, b4, b6);
		if (!c->ifindex)
			printf("%s", bp);
		else if (!learned)
			printf("auto dev %s", c->ifname);
		else if (c->has_plat)
			printf("auto dev %s learned %s lifetime %u",
			       c->ifname, bp, c->lifetime);
		else
			printf("auto dev %s learned none", c->ifname);
		if (c->host && !learned)
			printf(" host on");
		else if (c->host)
			printf(" host on device %s", c->host_ifindex ?
			       c->host_ifname : "(not set up)");
		printf("\n");
		return;
	}
	json_obj_open(j);
	if (c->have) {
		json_kv_str(j, "ipv4", b4);
		json_kv_str(j, "ipv6", b6);
		if (c->has_plat)
			json_kv_str(j, "plat", bp);
		else
			json_kv_null(j, "plat");
		if (c->ifindex) {
			json_kv_str(j, "dev", c->ifname);
			json_kv_u64(j, "ifindex", c->ifindex);
			if (c->has_plat)
				json_kv_u64(j, "lifetime", c->lifetime);
		}
		json_kv_bool(j, "host", c->host);
		if (c->host_ifindex)
			json_kv_str(j, "host_dev", c->host_ifname);
		else if (c->host)
			json_kv_null(j, "host_dev");
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
		clat_print(&c, &j, "", true);
		json_end(&j);
	} else {
		clat_print(&c, NULL, "", true);
	}
	return CLI_OK;
}

int clat_save(struct nl *nl)
{
	struct clat c;

	if (clat_fetch(nl, &c))
		return CLI_FAIL;
	clat_print(&c, NULL, "clat set ", false);
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
	    (c->has_plat &&
	     nl_put_prefix6(nlh, V6GW_CLAT_A_PLAT, &c->plat)) ||
	    (c->ifindex &&
	     nl_put_u32(nlh, V6GW_CLAT_A_PLAT_IFINDEX, c->ifindex)) ||
	    (c->host && nl_put_u8(nlh, V6GW_CLAT_A_HOST, 1)))
		return -1;
	nl_nest_end(nlh, nest);
	return 0;
}

/* set: the KEY VALUE pairs, in any order, each once. */
enum { K_IPV4, K_IPV6, K_PLAT, K_DEV, K_HOST };

static int clat_set_arg(struct clat *c, int k, const char *val)
{
	switch (k) {
	case K_IPV4:
		return util_parse_prefix4_as(val, &c->p4, false,
					     "IPv4 prefix", "ADDR/LEN");
	case K_IPV6:
		return util_parse_prefix6_as(val, &c->p6, false,
					     "IPv6 prefix", "ADDR/LEN");
	case K_PLAT:
		if (!strcmp(val, "auto"))
			return 0;
		c->has_plat = true;
		return util_parse_prefix6_as(val, &c->plat, false,
					     "PLAT prefix", "ADDR/LEN or auto");
	case K_HOST:
		return util_parse_onoff(val, &c->host, "host setting");
	default:
		c->dev = val;
		return util_check_ifname(val);
	}
}

static int clat_set(int argc, char **argv)
{
	static const char *const keys[] = { "ipv4", "ipv6", "plat", "dev",
					    "host" };
	struct clat c = { .have = true };
	unsigned int given = 0;
	struct nl *nl;
	int i, k, ret;

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
			util_err("missing value for %s", keys[k]);
			return cli_usage(usage_clat);
		}
		given |= 1u << k;
		if (clat_set_arg(&c, k, argv[i + 1]))
			return cli_usage(usage_clat);
	}
	for (k = K_IPV4; k <= K_PLAT; k++) {
		if (!(given & (1u << k))) {
			util_err("missing %s PREFIX", keys[k]);
			return cli_usage(usage_clat);
		}
	}
	if (!c.has_plat && !c.dev) {
		util_err("plat auto needs dev IFNAME: the interface whose RAs announce it");
		return cli_usage(usage_clat);
	}
	if (c.has_plat && c.dev) {
		util_err("dev goes with plat auto only");
		return cli_usage(usage_clat);
	}
	nl = cli_io_start(&ret);
	if (!nl)
		return ret;
	if (c.dev && !(c.ifindex = util_ifindex(c.dev)))
		return CLI_FAIL;
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
