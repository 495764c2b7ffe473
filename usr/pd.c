// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw pd: DHCPv6 prefix delegation routes (RFC 8415, RFC 8987). A
 * delegated prefix is routed (proto dhcp, metric 1024) to the link-local
 * address of the requesting router on an interface, for as long as its
 * valid lifetime lasts; snooping learns delegations from the DHCPv6
 * Replies that leave an interface.
 *
 * Lifetimes may be given as absolute times (valid-until, preferred-until):
 * they are turned into seconds left when the command runs, which is how a
 * saved configuration (pd_save()) brings back what is left of each
 * delegation, and leaves out those that expired in the meantime.
 *
 * Interface names are resolved after the netlink socket is opened, i.e.
 * in the namespace of -n, never in a batch's syntax pass. The dumps (show,
 * save) are pd_show.c's.
 */
#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/v6gw.h>

#include "json.h"
#include "nl.h"
#include "nat64.h"	/* nat64_parse_args(), nat64_fmt_addr6() */
#include "pd.h"
#include "utils.h"
#include "v6gw.h"

static void usage_where(FILE *f)
{
	fputs("where TIME := { YYYY-MM-DDTHH:MM:SSZ | @UNIXSECONDS } (UTC)\n", f);
}

static void usage_add_line(FILE *f)
{
	fputs("  v6gw pd add PREFIX/LEN via ADDR dev IFNAME [valid { SECONDS | infinity }]\n"
	      "         [preferred { SECONDS | infinity }] [valid-until TIME]\n"
	      "         [preferred-until TIME]\n"
	      "                                    route a delegated prefix to a router\n",
	      f);
}

static void usage_add(FILE *f)
{
	usage_add_line(f);
	usage_where(f);
}

static void usage_del(FILE *f)
{
	fputs("  v6gw pd del PREFIX/LEN            remove a delegation and its route\n",
	      f);
}

static void usage_flush(FILE *f)
{
	fputs("  v6gw pd flush                     remove every delegation\n", f);
}

void pd_usage_show(FILE *f)
{
	fputs("  v6gw pd show [dev IFNAME]         print the delegations\n", f);
}

void pd_usage_snoop(FILE *f)
{
	fputs("  v6gw pd snoop dev IFNAME { on | off }\n"
	      "                                    learn delegations from DHCPv6 on IFNAME\n"
	      "  v6gw pd snoop show                print the snooped interfaces\n",
	      f);
}

void v6gw_pd_usage(FILE *f)
{
	usage_add_line(f);
	usage_del(f);
	usage_flush(f);
	pd_usage_show(f);
	pd_usage_snoop(f);
	usage_where(f);
}

/* Interfaces */

/* Times */

/* @n decimal digits at @s, which the caller has checked */
static int digits(const char *s, int n)
{
	int v = 0;

	while (n--)
		v = v * 10 + (*s++ - '0');
	return v;
}

/*
 * "YYYY-MM-DDTHH:MM:SSZ" (UTC, exactly that form) or "@UNIXSECONDS", into
 * Unix time. Dates that do not exist (02-30, 24:00:00, a leap second) are
 * refused: the fields must come back unchanged from timegm().
 */
static int parse_time(const char *s, int64_t *t)
{
	static const char form[] = "dddd-dd-ddTdd:dd:ddZ";
	struct tm tm = {}, back;
	uint64_t v;
	time_t tt;
	size_t i;

	if (s[0] == '@') {
		/* decimal only, and far from any overflow below */
		if (s[1] < '0' || s[1] > '9' || (s[1] == '0' && s[2]) ||
		    util_parse_uint(s + 1, 0, INT64_MAX / 4, &v))
			return -1;
		*t = (int64_t)v;
		return 0;
	}
	if (strlen(s) != sizeof(form) - 1)
		return -1;
	for (i = 0; form[i]; i++) {
		if (form[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != form[i])
			return -1;
	}
	tm.tm_year = digits(s, 4) - 1900;
	tm.tm_mon = digits(s + 5, 2) - 1;
	tm.tm_mday = digits(s + 8, 2);
	tm.tm_hour = digits(s + 11, 2);
	tm.tm_min = digits(s + 14, 2);
	tm.tm_sec = digits(s + 17, 2);
	back = tm;
	tt = timegm(&back);
	if (back.tm_year != tm.tm_year || back.tm_mon != tm.tm_mon ||
	    back.tm_mday != tm.tm_mday || back.tm_hour != tm.tm_hour ||
	    back.tm_min != tm.tm_min || back.tm_sec != tm.tm_sec)
		return -1;
	*t = (int64_t)tt;
	return 0;
}

/* Unix time @t as "YYYY-MM-DDTHH:MM:SSZ"; "@N" if gmtime() cannot. */
const char *pd_fmt_time(char buf[TIME_STRLEN], uint64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t > INT64_MAX || !gmtime_r(&tt, &tm) ||
	    !strftime(buf, TIME_STRLEN, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, TIME_STRLEN, "@%" PRIu64, t);
	return buf;
}

/* pd add, pd del */

struct pd_add {
	struct prefix6 prefix;
	bool has_prefix, has_via;
	struct in6_addr via;
	const char *dev;
	uint32_t ifindex;
	/* as given: seconds, or absolute (turned into seconds when sent) */
	bool has_valid, has_pref, has_valid_until, has_pref_until;
	uint32_t valid, pref;
	int64_t valid_until, pref_until;
	const char *valid_until_arg;
};

static int add_prefix(const char *arg, void *req)
{
	struct pd_add *a = req;

	if (a->has_prefix) {
		util_err("unexpected argument \"%s\"", arg);
		return -1;
	}
	if (util_parse_prefix6_as(arg, &a->prefix, false, "prefix",
				  "PREFIX/LEN"))
		return -1;
	if (!a->prefix.len) {
		util_err("invalid prefix \"%s\": a delegated prefix cannot be /0",
			 arg);
		return -1;
	}
	a->has_prefix = true;
	return 0;
}

static int add_via(const char *val, void *req)
{
	struct pd_add *a = req;

	/* link-local or not: the kernel says, with its reason */
	if (inet_pton(AF_INET6, val, &a->via) != 1) {
		util_err("invalid via \"%s\" (expected a link-local IPv6 address)",
			 val);
		return -1;
	}
	a->has_via = true;
	return 0;
}

static int add_dev(const char *val, void *req)
{
	struct pd_add *a = req;

	if (util_check_ifname(val))
		return -1;
	a->dev = val;
	return 0;
}

/* "SECONDS" in @min..4294967295, or "infinity" (4294967295) */
static int parse_lifetime(const char *val, uint64_t min, const char *what,
			  uint32_t *v)
{
	uint64_t n;

	if (!strcmp(val, "infinity")) {
		*v = LIFETIME_INFINITY;
		return 0;
	}
	if (util_parse_uint(val, min, LIFETIME_INFINITY, &n)) {
		util_err("invalid %s \"%s\" (expected %" PRIu64 "..%u seconds or infinity)",
			 what, val, min, LIFETIME_INFINITY);
		return -1;
	}
	*v = (uint32_t)n;
	return 0;
}

static int add_valid(const char *val, void *req)
{
	struct pd_add *a = req;

	if (a->has_valid_until) {
		util_err("valid and valid-until exclude each other");
		return -1;
	}
	a->has_valid = true;
	/* 0 would remove: that is "pd del" */
	return parse_lifetime(val, 1, "valid", &a->valid);
}

static int add_pref(const char *val, void *req)
{
	struct pd_add *a = req;

	if (a->has_pref_until) {
		util_err("preferred and preferred-until exclude each other");
		return -1;
	}
	a->has_pref = true;
	return parse_lifetime(val, 0, "preferred", &a->pref);
}

static int until(const char *val, const char *what, int64_t *t)
{
	if (parse_time(val, t)) {
		util_err("invalid %s \"%s\" (expected YYYY-MM-DDTHH:MM:SSZ or @UNIXSECONDS)",
			 what, val);
		return -1;
	}
	return 0;
}

static int add_valid_until(const char *val, void *req)
{
	struct pd_add *a = req;

	if (a->has_valid) {
		util_err("valid and valid-until exclude each other");
		return -1;
	}
	a->has_valid_until = true;
	a->valid_until_arg = val;
	return until(val, "valid-until", &a->valid_until);
}

static int add_pref_until(const char *val, void *req)
{
	struct pd_add *a = req;

	if (a->has_pref) {
		util_err("preferred and preferred-until exclude each other");
		return -1;
	}
	a->has_pref_until = true;
	return until(val, "preferred-until", &a->pref_until);
}

static const struct nat64_kw add_kws[] = {
	{ "via", add_via },
	{ "dev", add_dev },
	{ "valid", add_valid },
	{ "preferred", add_pref },
	{ "valid-until", add_valid_until },
	{ "preferred-until", add_pref_until },
};

/*
 * Seconds from @now until @t, for V6GW_PD_A_VALID / _PREFERRED: 0 when it
 * has passed; -1 when it is beyond what a u32 says (infinity excluded).
 */
static int64_t left(int64_t t, int64_t now)
{
	if (t <= now)
		return 0;
	if (t - now >= LIFETIME_INFINITY)
		return -1;
	return t - now;
}

/*
 * The absolute times into seconds left, now. Returns 1 when the valid
 * lifetime has passed already (nothing to send), 0, or -1 after an error.
 */
static int add_resolve_times(struct pd_add *a)
{
	int64_t now = (int64_t)time(NULL), l;
	char buf[TIME_STRLEN], pb[PREFIX6_STRLEN];

	if (a->has_valid_until) {
		l = left(a->valid_until, now);
		if (!l) {
			util_err("note: pd add %s: valid-until %s has passed: expired, skipped",
				 util_fmt_prefix6(pb, &a->prefix),
				 pd_fmt_time(buf, (uint64_t)a->valid_until));
			return 1;
		}
		if (l < 0) {
			util_err("invalid valid-until \"%s\": more than %u seconds ahead",
				 a->valid_until_arg, LIFETIME_INFINITY - 1);
			return -1;
		}
		a->valid = (uint32_t)l;
		a->has_valid = true;
	}
	if (a->has_pref_until) {
		l = left(a->pref_until, now);
		/* beyond a u32 of seconds: preferred for good, in effect */
		a->pref = l < 0 ? LIFETIME_INFINITY : (uint32_t)l;
		a->has_pref = true;
	}
	return 0;
}

static int put_add(struct nlmsghdr *nlh, const void *arg)
{
	const struct pd_add *a = arg;
	struct nlattr *nest;

	nest = nl_nest_start(nlh, V6GW_A_PD);
	if (!nest || nl_put_prefix6(nlh, V6GW_PD_A_PREFIX, &a->prefix) ||
	    nl_put_binary(nlh, V6GW_PD_A_VIA, &a->via, sizeof(a->via)) ||
	    nl_put_u32(nlh, V6GW_PD_A_IFINDEX, a->ifindex) ||
	    (a->has_valid && nl_put_u32(nlh, V6GW_PD_A_VALID, a->valid)) ||
	    (a->has_pref && nl_put_u32(nlh, V6GW_PD_A_PREFERRED, a->pref)))
		return -1;
	nl_nest_end(nlh, nest);
	return 0;
}

/* "help" alone, as the word after a command: its own usage */
bool pd_want_help(int argc, char **argv, void (*usage)(FILE *f))
{
	if (argc != 1 || !(util_is_help(argv[0]) || !strcmp(argv[0], "-h") ||
			   !strcmp(argv[0], "--help")))
		return false;
	if (!cli_opts.dry_run) {
		printf("Usage:\n");
		usage(stdout);
	}
	return true;
}

static int pd_add(int argc, char **argv)
{
	struct pd_add a = {};
	struct nl *nl;
	int ret;

	if (pd_want_help(argc, argv, usage_add))
		return CLI_OK;
	ret = nat64_parse_args(argc, argv, "pd add", add_kws,
			       ARRAY_SIZE(add_kws), add_prefix, &a, usage_add);
	if (ret)
		return ret;
	if (!a.has_prefix)
		util_err("missing PREFIX/LEN");
	else if (!a.has_via)
		util_err("missing via ADDR");
	else if (!a.dev)
		util_err("missing dev IFNAME");
	if (!a.has_prefix || !a.has_via || !a.dev)
		return cli_usage(usage_add);
	if (cli_opts.dry_run)
		return CLI_OK;
	/* a time too far ahead is known only now: a usage error still */
	ret = add_resolve_times(&a);
	if (ret)
		return ret > 0 ? CLI_OK : CLI_USAGE;
	nl = cli_io_start(&ret);
	if (!nl)
		return ret;
	if (!(a.ifindex = util_ifindex(a.dev)))
		return CLI_FAIL;
	return cli_request(V6GW_CMD_PD_NEW, put_add, &a);
}

static int put_del(struct nlmsghdr *nlh, const void *arg)
{
	struct nlattr *nest = nl_nest_start(nlh, V6GW_A_PD);

	if (!nest || nl_put_prefix6(nlh, V6GW_PD_A_PREFIX, arg))
		return -1;
	nl_nest_end(nlh, nest);
	return 0;
}

static int pd_del(int argc, char **argv)
{
	static const char *const names[] = { "PREFIX/LEN" };
	struct prefix6 p;
	int ret;

	if (pd_want_help(argc, argv, usage_del))
		return CLI_OK;
	ret = cli_want_args(argc, argv, 1, names, usage_del);
	if (ret)
		return ret;
	if (util_parse_prefix6_as(argv[0], &p, false, "prefix", "PREFIX/LEN"))
		return cli_usage(usage_del);
	return cli_request(V6GW_CMD_PD_DEL, put_del, &p);
}

static int pd_flush(int argc, char **argv)
{
	static const char *const names[] = { NULL };
	int ret;

	if (pd_want_help(argc, argv, usage_flush))
		return CLI_OK;
	ret = cli_want_args(argc, argv, 0, names, usage_flush);
	if (ret)
		return ret;
	return cli_request(V6GW_CMD_PD_FLUSH, NULL, NULL);
}

/* pd snoop */


static int snoop_dev(const char *val, void *req)
{
	struct snoop *sn = req;

	if (util_check_ifname(val))
		return -1;
	sn->dev = val;
	return 0;
}

static int snoop_onoff(const char *arg, void *req)
{
	struct snoop *sn = req;

	if (sn->has_onoff) {
		util_err("unexpected argument \"%s\"", arg);
		return -1;
	}
	sn->has_onoff = true;
	return util_parse_onoff(arg, &sn->on, "snoop setting");
}

static const struct nat64_kw snoop_kws[] = {
	{ "dev", snoop_dev },
};

static int put_snoop(struct nlmsghdr *nlh, const void *arg)
{
	const struct snoop *sn = arg;
	struct nlattr *nest = nl_nest_start(nlh, V6GW_A_PD_SNOOP);

	if (!nest || nl_put_u32(nlh, V6GW_PD_SNOOP_A_IFINDEX, sn->ifindex) ||
	    nl_put_u8(nlh, V6GW_PD_SNOOP_A_ENABLE, sn->on))
		return -1;
	nl_nest_end(nlh, nest);
	return 0;
}

static int snoop_set(int argc, char **argv)
{
	struct snoop sn = {};
	struct nl *nl;
	int ret;

	ret = nat64_parse_args(argc, argv, "pd snoop", snoop_kws,
			       ARRAY_SIZE(snoop_kws), snoop_onoff, &sn,
			       pd_usage_snoop);
	if (ret)
		return ret;
	if (!sn.dev)
		util_err("missing dev IFNAME");
	else if (!sn.has_onoff)
		util_err("missing on or off");
	if (!sn.dev || !sn.has_onoff)
		return cli_usage(pd_usage_snoop);
	nl = cli_io_start(&ret);
	if (!nl)
		return ret;
	if (!(sn.ifindex = util_ifindex(sn.dev)))
		return CLI_FAIL;
	return cli_request(V6GW_CMD_PD_SNOOP_SET, put_snoop, &sn);
}

/*
 * "pd snoop show", "pd snoop help", or the setting: "dev IFNAME on|off",
 * in any order ("show" and "help" are no prefix of "dev", nor of "on").
 */
static int pd_snoop(int argc, char **argv)
{
	static const struct cli_cmd words[] = {
		{ "dev", NULL, NULL },
		{ "show", pd_snoop_show, NULL },
		{ "help", NULL, NULL },
		{ "on", NULL, NULL },
		{ "off", NULL, NULL },
	};
	int i;

	if (!argc)
		return pd_snoop_show(0, argv);
	if (!strcmp(argv[0], "-h") || !strcmp(argv[0], "--help"))
		i = 2;
	else
		i = util_match(argv[0], words, ARRAY_SIZE(words),
			       sizeof(*words), "\"pd snoop\" word");
	if (i < 0)
		return cli_usage(pd_usage_snoop);
	if (i == 1)
		return pd_snoop_show(argc - 1, argv + 1);
	if (i == 2) {
		if (!cli_opts.dry_run) {
			printf("Usage:\n");
			pd_usage_snoop(stdout);
		}
		return CLI_OK;
	}
	return snoop_set(argc, argv);
}

static const struct cli_cmd pd_cmds[] = {
	{ "add", pd_add, NULL },
	{ "del", pd_del, NULL },
	{ "flush", pd_flush, NULL },
	{ "show", pd_show, NULL },
	{ "snoop", pd_snoop, NULL },
	{ "help", NULL, NULL },
};

static const struct cli_level pd_level = {
	.path = "pd",
	.cmds = pd_cmds,
	.ncmds = ARRAY_SIZE(pd_cmds),
	.dflt = "show",
	.usage = v6gw_pd_usage,
};

int v6gw_pd_main(int argc, char **argv)
{
	return cli_dispatch(&pd_level, argc, argv);
}
