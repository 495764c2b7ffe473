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
 * in the namespace of -n, never in a batch's syntax pass. Dumps are
 * printed as they arrive, in the kernel's order (a hash table's: none in
 * particular), in constant memory: a namespace may hold 262144
 * delegations.
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
#include "utils.h"
#include "v6gw.h"

/* V6GW_PD_A_VALID and _PREFERRED: infinite */
#define LIFETIME_INFINITY	0xffffffffU
/* "2026-12-01T20:15:00Z" plus NUL, and room for a far year */
#define TIME_STRLEN		32

static const char *const origins[] = {
	[V6GW_PD_ORIGIN_USER] = "user",
	[V6GW_PD_ORIGIN_SNOOP] = "snoop",
};

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

static void usage_show(FILE *f)
{
	fputs("  v6gw pd show [dev IFNAME]         print the delegations\n", f);
}

static void usage_snoop(FILE *f)
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
	usage_show(f);
	usage_snoop(f);
	usage_where(f);
}

/* Interfaces */

/* As the kernel's dev_valid_name(): 1..15 bytes, no '/', ':' or blank. */
static int check_dev(const char *val)
{
	const char *p;

	if (!*val || strlen(val) >= IF_NAMESIZE || !strcmp(val, ".") ||
	    !strcmp(val, ".."))
		goto bad;
	for (p = val; *p; p++)
		if (*p == '/' || *p == ':' || strchr(" \t\n\v\f\r", *p))
			goto bad;
	return 0;
bad:
	util_err("invalid interface name \"%s\"", val);
	return -1;
}

/* After cli_io_start(), in the target namespace. */
static int resolve_dev(const char *dev, uint32_t *ifindex)
{
	*ifindex = if_nametoindex(dev);
	if (*ifindex)
		return 0;
	if (errno == ENODEV || errno == ENXIO)
		util_err("interface \"%s\" does not exist", dev);
	else
		util_err("interface \"%s\": %s", dev, strerror(errno));
	return -1;
}

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
static const char *fmt_time(char buf[TIME_STRLEN], uint64_t t)
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

	if (check_dev(val))
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
				 fmt_time(buf, (uint64_t)a->valid_until));
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
static bool want_help(int argc, char **argv, void (*usage)(FILE *f))
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

	if (want_help(argc, argv, usage_add))
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
	if (resolve_dev(a.dev, &a.ifindex))
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

	if (want_help(argc, argv, usage_del))
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

	if (want_help(argc, argv, usage_flush))
		return CLI_OK;
	ret = cli_want_args(argc, argv, 0, names, usage_flush);
	if (ret)
		return ret;
	return cli_request(V6GW_CMD_PD_FLUSH, NULL, NULL);
}

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
			printf(" until %s", fmt_time(tb, e->valid_until));
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
		json_kv_str(j, "valid_until", fmt_time(tb, e->valid_until));
	if (e->pref_until)
		json_kv_str(j, "preferred_until", fmt_time(tb, e->pref_until));
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
		printf(" valid-until %s", fmt_time(tb, e->valid_until));
	if (e->pref_until)
		printf(" preferred-until %s", fmt_time(tb, e->pref_until));
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

	if (check_dev(val))
		return -1;
	*dev = val;
	return 0;
}

static const struct nat64_kw show_kws[] = {
	{ "dev", show_dev },
};

static int pd_show(int argc, char **argv)
{
	const char *dev = NULL;
	struct show s = {};
	struct nl *nl;
	int ret;

	if (want_help(argc, argv, usage_show))
		return CLI_OK;
	ret = nat64_parse_args(argc, argv, "pd show", show_kws,
			       ARRAY_SIZE(show_kws), NULL, &dev, usage_show);
	if (ret)
		return ret;
	nl = cli_io_start(&ret);
	if (!nl)
		return ret;
	if (dev && resolve_dev(dev, &s.ifindex))
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

/* pd snoop */

struct snoop {
	const char *dev;
	uint32_t ifindex;
	bool has_onoff, on;
	char ifname[IF_NAMESIZE];	/* replies */
};

static int snoop_dev(const char *val, void *req)
{
	struct snoop *sn = req;

	if (check_dev(val))
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
			       usage_snoop);
	if (ret)
		return ret;
	if (!sn.dev)
		util_err("missing dev IFNAME");
	else if (!sn.has_onoff)
		util_err("missing on or off");
	if (!sn.dev || !sn.has_onoff)
		return cli_usage(usage_snoop);
	nl = cli_io_start(&ret);
	if (!nl)
		return ret;
	if (resolve_dev(sn.dev, &sn.ifindex))
		return CLI_FAIL;
	return cli_request(V6GW_CMD_PD_SNOOP_SET, put_snoop, &sn);
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

static int snoop_show(int argc, char **argv)
{
	struct show s = {};
	struct nl *nl;
	int ret;

	nl = cli_show_start(argc, argv, usage_snoop, &ret);
	if (!nl)
		return ret;
	return snoop_dump(nl, &s);
}

int pd_snoop_save(struct nl *nl)
{
	struct show s = { .save = true, .js.off = true };

	return snoop_dump(nl, &s);
}

/*
 * "pd snoop show", "pd snoop help", or the setting: "dev IFNAME on|off",
 * in any order ("show" and "help" are no prefix of "dev", nor of "on").
 */
static int pd_snoop(int argc, char **argv)
{
	static const struct cli_cmd words[] = {
		{ "dev", NULL, NULL },
		{ "show", snoop_show, NULL },
		{ "help", NULL, NULL },
		{ "on", NULL, NULL },
		{ "off", NULL, NULL },
	};
	int i;

	if (!argc)
		return snoop_show(0, argv);
	if (!strcmp(argv[0], "-h") || !strcmp(argv[0], "--help"))
		i = 2;
	else
		i = util_match(argv[0], words, ARRAY_SIZE(words),
			       sizeof(*words), "\"pd snoop\" word");
	if (i < 0)
		return cli_usage(usage_snoop);
	if (i == 1)
		return snoop_show(argc - 1, argv + 1);
	if (i == 2) {
		if (!cli_opts.dry_run) {
			printf("Usage:\n");
			usage_snoop(stdout);
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
