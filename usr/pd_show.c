// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw pd show, pd snoop show and their part of "v6gw save": dumps of
 * V6GW_CMD_PD_GET and V6GW_CMD_PD_SNOOP_GET, printed as they arrive, in
 * the kernel's order (a hash table's: none in particular), in constant
 * memory: a namespace may hold 262144 delegations.
 */
#include <inttypes.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <linux/v6gw.h>

#include "json.h"
#include "nl.h"
#include "nat64.h"	/* nat64_parse_args(), nat64_fmt_addr6() */
#include "pd.h"
#include "utils.h"
#include "v6gw.h"

static const char *const origins[] = {
	[V6GW_PD_ORIGIN_USER] = "user",
	[V6GW_PD_ORIGIN_SNOOP] = "snoop",
};

/* Dumps */

/* One delegation of a V6GW_CMD_PD_GET reply. */
struct pd_entry {
	struct prefix6 prefix;
	struct in6_addr via;
	uint32_t ifindex;
	char ifname[IF_NAMESIZE];	/* "": the kernel sent none */
	uint32_t valid, pref;
	uint64_t valid_until, pref_until;	/* 0: absent (infinite) */
	uint8_t origin;
};

static bool get_u64(const struct nlattr *attr, uint64_t *v)
{
	if (!attr)
		return true;		/* optional */
	if (mnl_attr_validate(attr, MNL_TYPE_U64) < 0)
		return false;
	*v = mnl_attr_get_u64(attr);
	return true;
}

static bool get_ifname(const struct nlattr *attr, char name[IF_NAMESIZE])
{
	if (!attr)
		return true;
	if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0 ||
	    strlen(mnl_attr_get_str(attr)) >= IF_NAMESIZE)
		return false;
	strcpy(name, mnl_attr_get_str(attr));
	return true;
}

static int entry_parse(const struct nlmsghdr *nlh, struct pd_entry *e)
{
	const struct nlattr *tb[V6GW_A_MAX + 1], *ptb[V6GW_PD_A_MAX + 1];

	if (nl_parse(nlh, tb, V6GW_A_MAX) < MNL_CB_OK)
		return MNL_CB_ERROR;
	if (!tb[V6GW_A_PD] ||
	    nl_parse_nested(tb[V6GW_A_PD], ptb, V6GW_PD_A_MAX) < MNL_CB_OK ||
	    !ptb[V6GW_PD_A_PREFIX] ||
	    nl_get_prefix6(ptb[V6GW_PD_A_PREFIX], &e->prefix) ||
	    !nl_get_binary(ptb[V6GW_PD_A_VIA], &e->via, sizeof(e->via)) ||
	    !nl_get_u32(ptb[V6GW_PD_A_IFINDEX], &e->ifindex) ||
	    !nl_get_u32(ptb[V6GW_PD_A_VALID], &e->valid) ||
	    !nl_get_u32(ptb[V6GW_PD_A_PREFERRED], &e->pref) ||
	    !get_u64(ptb[V6GW_PD_A_VALID_UNTIL], &e->valid_until) ||
	    !get_u64(ptb[V6GW_PD_A_PREFERRED_UNTIL], &e->pref_until) ||
	    !get_ifname(ptb[V6GW_PD_A_IFNAME], e->ifname) ||
	    (ptb[V6GW_PD_A_ORIGIN] &&
	     !nl_get_u8(ptb[V6GW_PD_A_ORIGIN], &e->origin)))
		return cli_bad_msg();
	return MNL_CB_OK;
}

static const char *origin_name(uint8_t origin, char buf[8])
{
	if (origin < ARRAY_SIZE(origins))
		return origins[origin];
	snprintf(buf, 8, "%u", origin);
	return buf;
}

/* Dumps printed as they arrive, JSON through struct cli_stream. */
struct show {
	uint32_t ifindex;		/* filter; 0: every entry */
	bool save;			/* pd_save(): lines for a batch */
	struct cli_stream js;
};


static void print_lifetime(const char *what, uint32_t v)
{
	if (v == LIFETIME_INFINITY)
		printf(" %s forever", what);
	else
		printf(" %s %us", what, v);
}

/*
 * Plain:
 *   2001:db8:100::/56 via fe80::2 dev eth1 valid 3599s preferred 1799s
 *	until 2026-12-01T20:15:00Z proto user
 * on one line ("forever" for infinite lifetimes, then no "until"; "ifindex
 * N" when the interface has no name). JSON: {"prefix", "via", "dev",
 * "ifindex", "valid", "preferred" (4294967295: infinite), "valid_until",
 * "preferred_until" (absent when infinite), "origin"}.
 */
static void entry_print(const struct pd_entry *e, struct json *j)
{
	char pb[PREFIX6_STRLEN], ab[INET6_ADDRSTRLEN], tb[TIME_STRLEN], ob[8];

	util_fmt_prefix6(pb, &e->prefix);
	nat64_fmt_addr6(ab, &e->via);
	if (!j) {
		printf("%s via %s", pb, ab);
		if (e->ifname[0])
			printf(" dev %s", e->ifname);
		else
			printf(" ifindex %u", e->ifindex);
		print_lifetime("valid", e->valid);
		print_lifetime("preferred", e->pref);
		if (e->valid_until)
			printf(" until %s", pd_fmt_time(tb, e->valid_until));
		printf(" proto %s\n", origin_name(e->origin, ob));
		return;
	}
	json_obj_open(j);
	json_kv_str(j, "prefix", pb);
	json_kv_str(j, "via", ab);
	if (e->ifname[0])
		json_kv_str(j, "dev", e->ifname);
	else
		json_kv_null(j, "dev");
	json_kv_u64(j, "ifindex", e->ifindex);
	json_kv_u64(j, "valid", e->valid);
	json_kv_u64(j, "preferred", e->pref);
	if (e->valid_until)
		json_kv_str(j, "valid_until", pd_fmt_time(tb, e->valid_until));
	if (e->pref_until)
		json_kv_str(j, "preferred_until", pd_fmt_time(tb, e->pref_until));
	json_kv_str(j, "origin", origin_name(e->origin, ob));
	json_obj_close(j);
}

/*
 * A line for a batch file that brings the delegation back with what is
 * left of its lifetimes: absolute times, so that it may be run later;
 * infinite lifetimes are the default and left out.
 */
static void entry_save(const struct pd_entry *e)
{
	char pb[PREFIX6_STRLEN], ab[INET6_ADDRSTRLEN], tb[TIME_STRLEN];

	util_fmt_prefix6(pb, &e->prefix);
	nat64_fmt_addr6(ab, &e->via);
	if (!e->ifname[0]) {
		printf("# pd %s via %s: interface %u has no name, left out\n",
		       pb, ab, e->ifindex);
		return;
	}
	printf("pd add %s via %s dev %s", pb, ab, e->ifname);
	if (e->valid_until)
		printf(" valid-until %s", pd_fmt_time(tb, e->valid_until));
	if (e->pref_until)
		printf(" preferred-until %s", pd_fmt_time(tb, e->pref_until));
	putchar('\n');
}

static int entry_cb(const struct nlmsghdr *nlh, void *data)
{
	struct show *s = data;
	struct pd_entry e = {};
	int ret;

	ret = entry_parse(nlh, &e);
	if (ret < MNL_CB_OK)
		return ret;
	if (s->ifindex && e.ifindex != s->ifindex)
		return MNL_CB_OK;
	if (s->save)
		entry_save(&e);
	else
		entry_print(&e, cli_stream_entry(&s->js));
	return MNL_CB_OK;
}

static int show_dev(const char *val, void *req)
{
	const char **dev = req;

	if (util_check_ifname(val))
		return -1;
	*dev = val;
	return 0;
}

static const struct nat64_kw show_kws[] = {
	{ "dev", show_dev },
};

int pd_show(int argc, char **argv)
{
	const char *dev = NULL;
	struct show s = {};
	struct nl *nl;
	int ret;

	if (pd_want_help(argc, argv, pd_usage_show))
		return CLI_OK;
	ret = nat64_parse_args(argc, argv, "pd show", show_kws,
			       ARRAY_SIZE(show_kws), NULL, &dev, pd_usage_show);
	if (ret)
		return ret;
	nl = cli_io_start(&ret);
	if (!nl)
		return ret;
	if (dev && !(s.ifindex = util_ifindex(dev)))
		return CLI_FAIL;
	ret = nl_talk(nl, nl_msg(nl, V6GW_CMD_PD_GET, NLM_F_DUMP), entry_cb,
		      &s) ? CLI_FAIL : CLI_OK;
	return cli_stream_end(&s.js, ret);
}

int pd_save(struct nl *nl)
{
	struct show s = { .save = true, .js.off = true };

	return nl_talk(nl, nl_msg(nl, V6GW_CMD_PD_GET, NLM_F_DUMP), entry_cb,
		       &s) ? CLI_FAIL : CLI_OK;
}

static int snoop_parse(const struct nlmsghdr *nlh, struct snoop *sn)
{
	const struct nlattr *tb[V6GW_A_MAX + 1], *stb[V6GW_PD_SNOOP_A_MAX + 1];

	if (nl_parse(nlh, tb, V6GW_A_MAX) < MNL_CB_OK)
		return MNL_CB_ERROR;
	if (!tb[V6GW_A_PD_SNOOP] ||
	    nl_parse_nested(tb[V6GW_A_PD_SNOOP], stb,
			    V6GW_PD_SNOOP_A_MAX) < MNL_CB_OK ||
	    !nl_get_u32(stb[V6GW_PD_SNOOP_A_IFINDEX], &sn->ifindex) ||
	    !get_ifname(stb[V6GW_PD_SNOOP_A_IFNAME], sn->ifname))
		return cli_bad_msg();
	return MNL_CB_OK;
}

/*
 * Plain: "dev IFNAME" lines ("ifindex N" without a name); JSON:
 * [{"dev":..., "ifindex":N}]; saved: "pd snoop dev IFNAME on".
 */
static int snoop_cb(const struct nlmsghdr *nlh, void *data)
{
	struct show *s = data;
	struct snoop sn = {};
	struct json *j;
	int ret;

	ret = snoop_parse(nlh, &sn);
	if (ret < MNL_CB_OK)
		return ret;
	if (s->save) {
		if (sn.ifname[0])
			printf("pd snoop dev %s on\n", sn.ifname);
		else
			printf("# pd snoop: interface %u has no name, left out\n",
			       sn.ifindex);
		return MNL_CB_OK;
	}
	j = cli_stream_entry(&s->js);
	if (!j) {
		if (sn.ifname[0])
			printf("dev %s\n", sn.ifname);
		else
			printf("ifindex %u\n", sn.ifindex);
		return MNL_CB_OK;
	}
	json_obj_open(j);
	if (sn.ifname[0])
		json_kv_str(j, "dev", sn.ifname);
	else
		json_kv_null(j, "dev");
	json_kv_u64(j, "ifindex", sn.ifindex);
	json_obj_close(j);
	return MNL_CB_OK;
}

static int snoop_dump(struct nl *nl, struct show *s)
{
	int ret;

	ret = nl_talk(nl, nl_msg(nl, V6GW_CMD_PD_SNOOP_GET, NLM_F_DUMP),
		      snoop_cb, s) ? CLI_FAIL : CLI_OK;
	return cli_stream_end(&s->js, ret);
}

int pd_snoop_show(int argc, char **argv)
{
	struct show s = {};
	struct nl *nl;
	int ret;

	nl = cli_show_start(argc, argv, pd_usage_snoop, &ret);
	if (!nl)
		return ret;
	return snoop_dump(nl, &s);
}

int pd_snoop_save(struct nl *nl)
{
	struct show s = { .save = true, .js.off = true };

	return snoop_dump(nl, &s);
}
