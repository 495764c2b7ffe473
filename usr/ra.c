// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw ra: Router Advertisement option injection (RFC 8106 RDNSS and
 * DNSSL, RFC 8781 PREF64). One rule per interface: the options it adds to
 * every RA that leaves the interface.
 *
 * Interface names are resolved to indexes after the netlink socket is
 * opened, i.e. in the namespace of -n: never in a batch's syntax pass.
 * Rules are few (uapi: at most 256), but "ra show" prints them as the dump
 * arrives anyway, as nat64_bib.c does, filtering by interface itself (the
 * dump request takes no filter).
 */
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <linux/v6gw.h>

#include "json.h"
#include "nl.h"
#include "nat64.h"	/* nat64_parse_args(): "KEYWORD VALUE" lists */
#include "utils.h"
#include "v6gw.h"

/* A domain name: 253 characters, a trailing dot, NUL */
#define NAME_STRLEN	255
/* "infinity" in V6GW_RA_A_LIFETIME */
#define LIFETIME_INFINITY	0xffffffffU

static const char *const modes[] = {
	[V6GW_RA_MODE_ADD] = "add",
	[V6GW_RA_MODE_REPLACE] = "replace",
};

/* A rule: what "ra set" sends and what "ra show" receives. */
struct ra_rule {
	const char *dev;		/* as typed; NULL: none given */
	uint32_t ifindex;
	char ifname[IF_NAMESIZE];	/* replies: "" when the kernel sent none */
	struct in6_addr rdnss[V6GW_RA_RDNSS_MAX];
	size_t nrdnss;
	char dnssl[V6GW_RA_DNSSL_MAX][NAME_STRLEN];
	size_t ndnssl;
	size_t dnssl_wire;		/* their wire encoding, bytes */
	bool has_pref64, has_lifetime, has_mode;
	struct prefix6 pref64;
	uint32_t lifetime;
	uint8_t mode;
};

static void usage_set(FILE *f)
{
	fputs("  v6gw ra set dev IFNAME [rdnss ADDR[,ADDR...]] [dnssl NAME[,NAME...]]\n"
	      "         [pref64 PREFIX/LEN] [lifetime { SECONDS | infinity }]\n"
	      "         [mode { add | replace }]\n"
	      "                                    add RDNSS, DNSSL, PREF64 to the RAs\n"
	      "                                    leaving IFNAME\n", f);
}

static void usage_del(FILE *f)
{
	fputs("  v6gw ra del dev IFNAME            remove the interface's rule\n", f);
}

static void usage_show(FILE *f)
{
	fputs("  v6gw ra show [dev IFNAME]         print the rules\n", f);
}

void v6gw_ra_usage(FILE *f)
{
	usage_set(f);
	usage_del(f);
	usage_show(f);
}

/* Arguments */

static int ra_dev(const char *val, void *req)
{
	struct ra_rule *r = req;

	if (util_check_ifname(val))
		return -1;
	r->dev = val;
	return 0;
}

/*
 * Each item of the comma-separated @val, in place in a copy; @one gets
 * every item and a NUL-terminated copy of it. Empty items are errors.
 */
static int split_list(const char *val, const char *what,
		      int (*one)(const char *item, void *req), void *req)
{
	char *copy = strdup(val), *item, *comma;
	int ret = 0;

	if (!copy) {
		util_err("out of memory");
		return -1;
	}
	for (item = copy; ; item = comma + 1) {
		comma = strchr(item, ',');
		if (comma)
			*comma = '\0';
		if (!*item) {
			util_err("invalid %s \"%s\": an empty item", what, val);
			ret = -1;
			break;
		}
		ret = one(item, req);
		if (ret || !comma)
			break;
	}
	free(copy);
	return ret;
}

static int rdnss_one(const char *item, void *req)
{
	struct ra_rule *r = req;
	struct in6_addr a;
	size_t i;

	if (inet_pton(AF_INET6, item, &a) != 1) {
		util_err("invalid rdnss address \"%s\" (expected an IPv6 address)",
			 item);
		return -1;
	}
	if (IN6_IS_ADDR_MULTICAST(&a) || IN6_IS_ADDR_LOOPBACK(&a) ||
	    IN6_IS_ADDR_UNSPECIFIED(&a)) {
		util_err("invalid rdnss address \"%s\": multicast, loopback and :: are refused",
			 item);
		return -1;
	}
	for (i = 0; i < r->nrdnss; i++) {
		if (!memcmp(&r->rdnss[i], &a, sizeof(a))) {
			util_err("rdnss address \"%s\" is given twice", item);
			return -1;
		}
	}
	if (r->nrdnss == V6GW_RA_RDNSS_MAX) {
		util_err("too many rdnss addresses (at most %d)",
			 V6GW_RA_RDNSS_MAX);
		return -1;
	}
	r->rdnss[r->nrdnss++] = a;
	return 0;
}

static int ra_rdnss(const char *val, void *req)
{
	return split_list(val, "rdnss", rdnss_one, req);
}

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/*
 * The uapi's domain names: dotted, labels of 1..63 letters, digits, '-'
 * or '_', at most 253 characters, one trailing dot allowed (and dropped
 * here). Returns the length without that dot, or 0 after printing why.
 */
static size_t check_name(const char *s)
{
	size_t len = strlen(s), label = 0, i;

	if (len && s[len - 1] == '.')
		len--;
	if (!len || s[0] == '.') {
		util_err("invalid dnssl name \"%s\": empty, or starts with a dot",
			 s);
		return 0;
	}
	if (len > 253) {
		util_err("invalid dnssl name \"%.20s...\": longer than 253 characters",
			 s);
		return 0;
	}
	for (i = 0; i < len; i++) {
		if (s[i] == '.') {
			if (s[i + 1] == '.') {
				util_err("invalid dnssl name \"%s\": an empty label",
					 s);
				return 0;
			}
			label = 0;
			continue;
		}
		if (!name_char(s[i])) {
			util_err("invalid dnssl name \"%s\": only letters, digits, '-' and '_' may form a label",
				 s);
			return 0;
		}
		if (++label > 63) {
			util_err("invalid dnssl name \"%s\": a label is longer than 63 characters",
				 s);
			return 0;
		}
	}
	return len;
}

static int dnssl_one(const char *item, void *req)
{
	struct ra_rule *r = req;
	size_t len = check_name(item), i;

	if (!len)
		return -1;
	for (i = 0; i < r->ndnssl; i++) {
		if (strlen(r->dnssl[i]) == len &&
		    !strncasecmp(r->dnssl[i], item, len)) {
			util_err("dnssl name \"%s\" is given twice", item);
			return -1;
		}
	}
	if (r->ndnssl == V6GW_RA_DNSSL_MAX) {
		util_err("too many dnssl names (at most %d)", V6GW_RA_DNSSL_MAX);
		return -1;
	}
	/* a length byte per label and the root's: the name plus 2 bytes */
	if (r->dnssl_wire + len + 2 > V6GW_RA_DNSSL_WIRE_MAX) {
		util_err("the dnssl names are too long together (at most %d bytes in DNS wire format)",
			 V6GW_RA_DNSSL_WIRE_MAX);
		return -1;
	}
	r->dnssl_wire += len + 2;
	memcpy(r->dnssl[r->ndnssl], item, len);
	r->dnssl[r->ndnssl++][len] = '\0';
	return 0;
}

static int ra_dnssl(const char *val, void *req)
{
	return split_list(val, "dnssl", dnssl_one, req);
}

/* RFC 8781 section 4: the lengths its PLC field can say. */
static int ra_pref64(const char *val, void *req)
{
	struct ra_rule *r = req;

	if (util_parse_prefix6_as(val, &r->pref64, false, "pref64",
				  "PREFIX/LEN"))
		return -1;
	switch (r->pref64.len) {
	case 32: case 40: case 48: case 56: case 64: case 96:
		r->has_pref64 = true;
		return 0;
	}
	util_err("invalid pref64 \"%s\": the length must be 32, 40, 48, 56, 64 or 96",
		 val);
	return -1;
}

static int ra_lifetime(const char *val, void *req)
{
	struct ra_rule *r = req;
	uint64_t v;

	if (!strcmp(val, "infinity")) {
		v = LIFETIME_INFINITY;
	} else if (util_parse_uint(val, 0, LIFETIME_INFINITY, &v)) {
		util_err("invalid lifetime \"%s\" (expected 0..%u seconds or infinity)",
			 val, LIFETIME_INFINITY);
		return -1;
	}
	r->lifetime = (uint32_t)v;
	r->has_lifetime = true;
	return 0;
}

/* Values are not abbreviated: "add" or "replace". */
static int ra_mode(const char *val, void *req)
{
	struct ra_rule *r = req;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(modes); i++) {
		if (!strcmp(val, modes[i])) {
			r->mode = (uint8_t)i;
			r->has_mode = true;
			return 0;
		}
	}
	util_err("invalid mode \"%s\" (expected add or replace)", val);
	return -1;
}

static const struct nat64_kw set_kws[] = {
	{ "dev", ra_dev },
	{ "rdnss", ra_rdnss },
	{ "dnssl", ra_dnssl },
	{ "pref64", ra_pref64 },
	{ "lifetime", ra_lifetime },
	{ "mode", ra_mode },
};

/* del and show: "dev" only, the first row of set_kws */
#define DEV_KWS 1

/* After cli_io_start(), in the target namespace: r->dev to r->ifindex. */
static int resolve_dev(struct ra_rule *r)
{
	r->ifindex = util_ifindex(r->dev);
	return r->ifindex ? 0 : -1;
}

/* ra set, ra del */

static int put_rule(struct nlmsghdr *nlh, const void *arg)
{
	const struct ra_rule *r = arg;
	struct nlattr *nest, *names;
	size_t i;

	nest = nl_nest_start(nlh, V6GW_A_RA);
	if (!nest || nl_put_u32(nlh, V6GW_RA_A_IFINDEX, r->ifindex))
		return -1;
	if (r->nrdnss &&
	    nl_put_binary(nlh, V6GW_RA_A_RDNSS, r->rdnss,
			  r->nrdnss * sizeof(r->rdnss[0])))
		return -1;
	if (r->ndnssl) {
		names = nl_nest_start(nlh, V6GW_RA_A_DNSSL);
		if (!names)
			return -1;
		for (i = 0; i < r->ndnssl; i++) {
			if (!mnl_attr_put_strz_check(nlh, NL_MSG_SIZE,
						     V6GW_RA_DNSSL_A_NAME,
						     r->dnssl[i])) {
				util_err("request too long");
				return -1;
			}
		}
		nl_nest_end(nlh, names);
	}
	if ((r->has_pref64 &&
	     nl_put_prefix6(nlh, V6GW_RA_A_PREF64, &r->pref64)) ||
	    (r->has_lifetime &&
	     nl_put_u32(nlh, V6GW_RA_A_LIFETIME, r->lifetime)) ||
	    (r->has_mode && nl_put_u8(nlh, V6GW_RA_A_MODE, r->mode)))
		return -1;
	nl_nest_end(nlh, nest);
	return 0;
}

/* Parse, check, then (not in a dry run) resolve the interface and send. */
static int ra_change(uint8_t cmd, const char *path, size_t nkws, int argc,
		     char **argv, void (*usage)(FILE *f))
{
	struct ra_rule r = {};
	struct nl *nl;
	int ret;

	ret = nat64_parse_args(argc, argv, path, set_kws, nkws, NULL, &r,
			       usage);
	if (ret)
		return ret;
	if (!r.dev) {
		util_err("missing dev IFNAME");
		return cli_usage(usage);
	}
	if (cmd == V6GW_CMD_RA_SET && !r.nrdnss && !r.ndnssl &&
	    !r.has_pref64) {
		util_err("nothing to add: give rdnss, dnssl or pref64");
		return cli_usage(usage);
	}
	nl = cli_io_start(&ret);
	if (!nl)
		return ret;
	if (resolve_dev(&r))
		return CLI_FAIL;
	return cli_request(cmd, put_rule, &r);
}

static int ra_set(int argc, char **argv)
{
	/* no keyword starts with "h": "ra set help" is the level's help */
	if (argc == 1 && (util_is_help(argv[0]) || !strcmp(argv[0], "-h") ||
			  !strcmp(argv[0], "--help"))) {
		if (!cli_opts.dry_run) {
			printf("Usage:\n");
			usage_set(stdout);
		}
		return CLI_OK;
	}
	return ra_change(V6GW_CMD_RA_SET, "ra set", ARRAY_SIZE(set_kws), argc,
			 argv, usage_set);
}

static int ra_del(int argc, char **argv)
{
	return ra_change(V6GW_CMD_RA_DEL, "ra del", DEV_KWS, argc, argv,
			 usage_del);
}

/* ra show */

/* Dumps printed as they arrive, JSON through struct cli_stream. */
struct show {
	uint32_t ifindex;		/* filter; 0: every rule */
	const char *lead;		/* ra_save(): plain, each line after it */
	struct cli_stream js;
};


/* V6GW_RA_A_RDNSS: a whole number of addresses, 1..V6GW_RA_RDNSS_MAX */
static int get_rdnss(const struct nlattr *attr, struct ra_rule *r)
{
	size_t len = mnl_attr_get_payload_len(attr);
	size_t size = sizeof(r->rdnss[0]);

	if (!len || len % size || len / size > V6GW_RA_RDNSS_MAX)
		return -1;
	memcpy(r->rdnss, mnl_attr_get_payload(attr), len);
	r->nrdnss = len / size;
	return 0;
}

/* V6GW_RA_A_DNSSL: a nest of V6GW_RA_DNSSL_A_NAME strings */
static int get_dnssl(const struct nlattr *nest, struct ra_rule *r)
{
	const struct nlattr *attr;

	if (mnl_attr_validate(nest, MNL_TYPE_NESTED) < 0)
		return -1;
	mnl_attr_for_each_nested(attr, nest) {
		if (mnl_attr_get_type(attr) != V6GW_RA_DNSSL_A_NAME)
			continue;
		if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0 ||
		    strlen(mnl_attr_get_str(attr)) >= NAME_STRLEN ||
		    r->ndnssl == V6GW_RA_DNSSL_MAX)
			return -1;
		strcpy(r->dnssl[r->ndnssl++], mnl_attr_get_str(attr));
	}
	return 0;
}

static int rule_parse(const struct nlmsghdr *nlh, struct ra_rule *r)
{
	const struct nlattr *tb[V6GW_A_MAX + 1], *rtb[V6GW_RA_A_MAX + 1];
	const struct nlattr *name;

	if (nl_parse(nlh, tb, V6GW_A_MAX) < MNL_CB_OK)
		return MNL_CB_ERROR;
	if (!tb[V6GW_A_RA] ||
	    nl_parse_nested(tb[V6GW_A_RA], rtb, V6GW_RA_A_MAX) < MNL_CB_OK ||
	    !nl_get_u32(rtb[V6GW_RA_A_IFINDEX], &r->ifindex))
		return cli_bad_msg();
	name = rtb[V6GW_RA_A_IFNAME];
	if (name) {
		if (mnl_attr_validate(name, MNL_TYPE_NUL_STRING) < 0 ||
		    strlen(mnl_attr_get_str(name)) >= sizeof(r->ifname))
			return cli_bad_msg();
		strcpy(r->ifname, mnl_attr_get_str(name));
	}
	if ((rtb[V6GW_RA_A_RDNSS] && get_rdnss(rtb[V6GW_RA_A_RDNSS], r)) ||
	    (rtb[V6GW_RA_A_DNSSL] && get_dnssl(rtb[V6GW_RA_A_DNSSL], r)))
		return cli_bad_msg();
	if (rtb[V6GW_RA_A_PREF64]) {
		if (nl_get_prefix6(rtb[V6GW_RA_A_PREF64], &r->pref64))
			return MNL_CB_ERROR;
		r->has_pref64 = true;
	}
	if (rtb[V6GW_RA_A_LIFETIME]) {
		if (!nl_get_u32(rtb[V6GW_RA_A_LIFETIME], &r->lifetime))
			return cli_bad_msg();
		r->has_lifetime = true;
	}
	/* absent: the default, add */
	if (rtb[V6GW_RA_A_MODE] && !nl_get_u8(rtb[V6GW_RA_A_MODE], &r->mode))
		return cli_bad_msg();
	return MNL_CB_OK;
}

static const char *mode_name(uint8_t mode, char buf[8])
{
	if (mode < ARRAY_SIZE(modes))
		return modes[mode];
	snprintf(buf, 8, "%u", mode);
	return buf;
}

/*
 * Plain: one line per rule after @lead, in the syntax of "ra set", e.g.
 *   dev eth0 rdnss 2001:db8::53 dnssl example.com pref64 64:ff9b::/96 mode add
 * ("ifindex N" instead of "dev IFNAME" when no name is known). JSON:
 * {"dev":..., "ifindex":N, "rdnss":[...], "dnssl":[...], "pref64":...,
 * "lifetime":N, "mode":...}, dev, pref64 and lifetime null when absent.
 */
static void rule_print(const struct ra_rule *r, struct json *j,
		       const char *lead)
{
	char addr[INET6_ADDRSTRLEN], pb[PREFIX6_STRLEN], mb[8];
	size_t i;

	if (!j) {
		if (r->ifname[0])
			printf("%sdev %s", lead, r->ifname);
		else
			printf("%sifindex %u", lead, r->ifindex);
		for (i = 0; i < r->nrdnss; i++)
			printf("%s%s", i ? "," : " rdnss ",
			       nat64_fmt_addr6(addr, &r->rdnss[i]));
		for (i = 0; i < r->ndnssl; i++)
			printf("%s%s", i ? "," : " dnssl ", r->dnssl[i]);
		if (r->has_pref64)
			printf(" pref64 %s", util_fmt_prefix6(pb, &r->pref64));
		if (r->has_lifetime && r->lifetime == LIFETIME_INFINITY)
			printf(" lifetime infinity");
		else if (r->has_lifetime)
			printf(" lifetime %u", r->lifetime);
		printf(" mode %s\n", mode_name(r->mode, mb));
		return;
	}
	json_obj_open(j);
	if (r->ifname[0])
		json_kv_str(j, "dev", r->ifname);
	else
		json_kv_null(j, "dev");
	json_kv_u64(j, "ifindex", r->ifindex);
	json_key(j, "rdnss");
	json_arr_open(j);
	for (i = 0; i < r->nrdnss; i++)
		json_str(j, nat64_fmt_addr6(addr, &r->rdnss[i]));
	json_arr_close(j);
	json_key(j, "dnssl");
	json_arr_open(j);
	for (i = 0; i < r->ndnssl; i++)
		json_str(j, r->dnssl[i]);
	json_arr_close(j);
	if (r->has_pref64)
		json_kv_str(j, "pref64", util_fmt_prefix6(pb, &r->pref64));
	else
		json_kv_null(j, "pref64");
	if (r->has_lifetime)
		json_kv_u64(j, "lifetime", r->lifetime);
	else
		json_kv_null(j, "lifetime");
	json_kv_str(j, "mode", mode_name(r->mode, mb));
	json_obj_close(j);
}

static int rule_cb(const struct nlmsghdr *nlh, void *data)
{
	struct show *s = data;
	struct ra_rule r = {};
	int ret;

	ret = rule_parse(nlh, &r);
	if (ret < MNL_CB_OK)
		return ret;
	if (s->ifindex && r.ifindex != s->ifindex)
		return MNL_CB_OK;
	/* no name from the kernel: this namespace's, if it has one */
	if (!r.ifname[0] && !if_indextoname(r.ifindex, r.ifname))
		r.ifname[0] = '\0';
	if (s->lead)
		rule_print(&r, NULL, s->lead);
	else
		rule_print(&r, cli_stream_entry(&s->js), "");
	return MNL_CB_OK;
}

static int ra_show(int argc, char **argv)
{
	struct ra_rule r = {};
	struct show s = {};
	struct nl *nl;
	int ret;

	ret = nat64_parse_args(argc, argv, "ra show", set_kws, DEV_KWS, NULL,
			       &r, usage_show);
	if (ret)
		return ret;
	nl = cli_io_start(&ret);
	if (!nl)
		return ret;
	if (r.dev) {
		if (resolve_dev(&r))
			return CLI_FAIL;
		s.ifindex = r.ifindex;
	}
	ret = nl_talk(nl, nl_msg(nl, V6GW_CMD_RA_GET, NLM_F_DUMP), rule_cb,
		      &s) ? CLI_FAIL : CLI_OK;
	return cli_stream_end(&s.js, ret);
}

/*
 * "v6gw save": every rule as an "ra set" line. They name interfaces: a
 * restore needs interfaces of those names (the indexes may differ).
 */
int ra_save(struct nl *nl)
{
	struct show s = { .lead = "ra set " };

	return nl_talk(nl, nl_msg(nl, V6GW_CMD_RA_GET, NLM_F_DUMP), rule_cb,
		       &s) ? CLI_FAIL : CLI_OK;
}

static const struct cli_cmd ra_cmds[] = {
	{ "set", ra_set, NULL },
	{ "del", ra_del, NULL },
	{ "show", ra_show, NULL },
	{ "help", NULL, NULL },
};

static const struct cli_level ra_level = {
	.path = "ra",
	.cmds = ra_cmds,
	.ncmds = ARRAY_SIZE(ra_cmds),
	.dflt = "show",
	.usage = v6gw_ra_usage,
};

int v6gw_ra_main(int argc, char **argv)
{
	return cli_dispatch(&ra_level, argc, argv);
}
