// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw siit: the stateless translator. Its RFC 6052 prefix (pool6), the
 * EAM table (RFC 7757), the denylist, the settings, and "siit show", which
 * prints all of them.
 *
 * Each table has a fetch function (one dump into an array) and a print
 * function (plain or JSON), shared by its own "show", by "siit show" and
 * by siit_save(): a plain line is its lead (an indent, or the command
 * that re-enters it) and the entry in the syntax of "add" and "set".
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/v6gw.h>

#include "json.h"
#include "nl.h"
#include "utils.h"
#include "v6gw.h"

/* Plain "siit show" indents the entries of its tables by this. */
#define INDENT "    "

struct eam {
	struct prefix6 p6;
	struct prefix4 p4;
};

struct eams {
	struct eam *v;
	size_t n, cap;
};

struct prefixes4 {
	struct prefix4 *v;
	size_t n, cap;
};

/* The settings of V6GW_CMD_SIIT_GET and V6GW_CMD_SIIT_SET. */
struct settings {
	bool has_v4, has_v6;		/* RFC 6791 pools: set or not */
	struct prefix4 rfc6791v4;
	struct prefix6 rfc6791v6;
	uint32_t mtu;
	bool amend;
	uint16_t tos, tclass;		/* 0..255 or V6GW_SIIT_COPY */
};

static void usage_prefix(FILE *f)
{
	fputs("  v6gw siit prefix add PREFIX/LEN   set the translation prefix (pool6)\n"
	      "  v6gw siit prefix del PREFIX/LEN   remove it\n"
	      "  v6gw siit prefix show             print it\n", f);
}

static void usage_eam(FILE *f)
{
	fputs("  v6gw siit eam add IPV6PREFIX IPV4PREFIX\n"
	      "                                    add an explicit address mapping\n"
	      "  v6gw siit eam del IPV6PREFIX IPV4PREFIX\n"
	      "                                    remove one\n"
	      "  v6gw siit eam show                print the EAM table\n", f);
}

static void usage_deny(FILE *f)
{
	fputs("  v6gw siit deny add IPV4PREFIX     never translate it with the prefix\n"
	      "  v6gw siit deny del IPV4PREFIX     remove it from the denylist\n"
	      "  v6gw siit deny show               print the denylist\n", f);
}

static void usage_set(FILE *f);

static void usage_show(FILE *f)
{
	fputs("  v6gw siit show                    print all of the above\n", f);
}

void v6gw_siit_usage(FILE *f)
{
	usage_prefix(f);
	usage_eam(f);
	usage_deny(f);
	usage_set(f);
	usage_show(f);
}

/* siit prefix */

static int prefix_show(int argc, char **argv)
{
	return cli_prefixes6_show(V6GW_CMD_SIIT_PREFIX_GET, argc, argv,
				  usage_prefix);
}

static int prefix_add(int argc, char **argv)
{
	return cli_prefix6_change(V6GW_CMD_SIIT_PREFIX_NEW, argc, argv,
				  usage_prefix);
}

static int prefix_del(int argc, char **argv)
{
	return cli_prefix6_change(V6GW_CMD_SIIT_PREFIX_DEL, argc, argv,
				  usage_prefix);
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
	.usage = usage_prefix,
};

static int siit_prefix(int argc, char **argv)
{
	return cli_dispatch(&prefix_level, argc, argv);
}

/* siit eam */

static int eam_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[V6GW_A_MAX + 1], *etb[V6GW_EAM_A_MAX + 1];
	struct eams *es = data;
	struct eam *e;

	if (nl_parse(nlh, tb, V6GW_A_MAX) < MNL_CB_OK)
		return MNL_CB_ERROR;
	if (!tb[V6GW_A_EAM] ||
	    nl_parse_nested(tb[V6GW_A_EAM], etb, V6GW_EAM_A_MAX) < MNL_CB_OK ||
	    !etb[V6GW_EAM_A_PREFIX6] || !etb[V6GW_EAM_A_PREFIX4]) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (util_array_grow(&es->v, &es->cap, es->n + 1, sizeof(*es->v)))
		return MNL_CB_ERROR;
	e = &es->v[es->n];
	if (nl_get_prefix6(etb[V6GW_EAM_A_PREFIX6], &e->p6) ||
	    nl_get_prefix4(etb[V6GW_EAM_A_PREFIX4], &e->p4))
		return MNL_CB_ERROR;
	es->n++;
	return MNL_CB_OK;
}

static int eams_fetch(struct nl *nl, struct eams *es)
{
	return nl_talk(nl, nl_msg(nl, V6GW_CMD_SIIT_EAM_GET, NLM_F_DUMP),
		       eam_cb, es);
}

/* Plain: "IPV6PREFIX IPV4PREFIX" lines after @lead; or a JSON array. */
static void eams_print(const struct eams *es, struct json *j,
		       const char *lead)
{
	char b6[PREFIX6_STRLEN], b4[PREFIX4_STRLEN];
	size_t i;

	if (j)
		json_arr_open(j);
	for (i = 0; i < es->n; i++) {
		util_fmt_prefix6(b6, &es->v[i].p6);
		util_fmt_prefix4(b4, &es->v[i].p4);
		if (!j) {
			printf("%s%s %s\n", lead, b6, b4);
			continue;
		}
		json_obj_open(j);
		json_kv_str(j, "ipv6", b6);
		json_kv_str(j, "ipv4", b4);
		json_obj_close(j);
	}
	if (j)
		json_arr_close(j);
}

static int eam_show(int argc, char **argv)
{
	struct eams es = {};
	struct json j;
	struct nl *nl;
	int ret;

	nl = cli_show_start(argc, argv, usage_eam, &ret);
	if (!nl)
		return ret;
	ret = CLI_FAIL;
	if (!eams_fetch(nl, &es)) {
		if (cli_opts.json) {
			cli_json_start(&j);
			eams_print(&es, &j, "");
			json_end(&j);
		} else {
			eams_print(&es, NULL, "");
		}
		ret = CLI_OK;
	}
	free(es.v);
	return ret;
}

static int put_eam(struct nlmsghdr *nlh, const void *arg)
{
	const struct eam *e = arg;
	struct nlattr *nest;

	nest = nl_nest_start(nlh, V6GW_A_EAM);
	if (!nest ||
	    nl_put_prefix6(nlh, V6GW_EAM_A_PREFIX6, &e->p6) ||
	    nl_put_prefix4(nlh, V6GW_EAM_A_PREFIX4, &e->p4))
		return -1;
	nl_nest_end(nlh, nest);
	return 0;
}

/* add and del: IPV6PREFIX IPV4PREFIX, a bare address is a /128 or /32. */
static int eam_change(uint8_t cmd, int argc, char **argv)
{
	static const char *const names[] = { "IPV6PREFIX", "IPV4PREFIX" };
	struct eam e;
	int ret;

	ret = cli_want_args(argc, argv, 2, names, usage_eam);
	if (ret)
		return ret;
	if (util_parse_prefix6_as(argv[0], &e.p6, true, "IPv6 prefix",
				  "ADDR[/LEN]") ||
	    util_parse_prefix4_as(argv[1], &e.p4, true, "IPv4 prefix",
				  "ADDR[/LEN]"))
		return cli_usage(usage_eam);
	return cli_request(cmd, put_eam, &e);
}

static int eam_add(int argc, char **argv)
{
	return eam_change(V6GW_CMD_SIIT_EAM_NEW, argc, argv);
}

static int eam_del(int argc, char **argv)
{
	return eam_change(V6GW_CMD_SIIT_EAM_DEL, argc, argv);
}

static const struct cli_cmd eam_cmds[] = {
	{ "add", eam_add, NULL },
	{ "del", eam_del, NULL },
	{ "show", eam_show, NULL },
	{ "help", NULL, NULL },
};

static const struct cli_level eam_level = {
	.path = "siit eam",
	.cmds = eam_cmds,
	.ncmds = ARRAY_SIZE(eam_cmds),
	.dflt = "show",
	.usage = usage_eam,
};

static int siit_eam(int argc, char **argv)
{
	return cli_dispatch(&eam_level, argc, argv);
}

/* siit deny */

static int deny_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[V6GW_A_MAX + 1];
	struct prefixes4 *ps = data;

	if (nl_parse(nlh, tb, V6GW_A_MAX) < MNL_CB_OK)
		return MNL_CB_ERROR;
	if (!tb[V6GW_A_PREFIX4]) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (util_array_grow(&ps->v, &ps->cap, ps->n + 1, sizeof(*ps->v)) ||
	    nl_get_prefix4(tb[V6GW_A_PREFIX4], &ps->v[ps->n]))
		return MNL_CB_ERROR;
	ps->n++;
	return MNL_CB_OK;
}

static int deny_fetch(struct nl *nl, struct prefixes4 *ps)
{
	return nl_talk(nl, nl_msg(nl, V6GW_CMD_SIIT_DENY_GET, NLM_F_DUMP),
		       deny_cb, ps);
}

/* Plain: one prefix a line after @lead; or [{"prefix":...}]. */
static void deny_print(const struct prefixes4 *ps, struct json *j,
		       const char *lead)
{
	char buf[PREFIX4_STRLEN];
	size_t i;

	if (j)
		json_arr_open(j);
	for (i = 0; i < ps->n; i++) {
		util_fmt_prefix4(buf, &ps->v[i]);
		if (!j) {
			printf("%s%s\n", lead, buf);
			continue;
		}
		json_obj_open(j);
		json_kv_str(j, "prefix", buf);
		json_obj_close(j);
	}
	if (j)
		json_arr_close(j);
}

static int deny_show(int argc, char **argv)
{
	struct prefixes4 ps = {};
	struct json j;
	struct nl *nl;
	int ret;

	nl = cli_show_start(argc, argv, usage_deny, &ret);
	if (!nl)
		return ret;
	ret = CLI_FAIL;
	if (!deny_fetch(nl, &ps)) {
		if (cli_opts.json) {
			cli_json_start(&j);
			deny_print(&ps, &j, "");
			json_end(&j);
		} else {
			deny_print(&ps, NULL, "");
		}
		ret = CLI_OK;
	}
	free(ps.v);
	return ret;
}

static int put_deny(struct nlmsghdr *nlh, const void *arg)
{
	return nl_put_prefix4(nlh, V6GW_A_PREFIX4, arg);
}

static int deny_change(uint8_t cmd, int argc, char **argv)
{
	static const char *const names[] = { "IPV4PREFIX" };
	struct prefix4 p;
	int ret;

	ret = cli_want_args(argc, argv, 1, names, usage_deny);
	if (ret)
		return ret;
	if (util_parse_prefix4_as(argv[0], &p, true, "IPv4 prefix",
				  "ADDR[/LEN]"))
		return cli_usage(usage_deny);
	return cli_request(cmd, put_deny, &p);
}

static int deny_add(int argc, char **argv)
{
	return deny_change(V6GW_CMD_SIIT_DENY_NEW, argc, argv);
}

static int deny_del(int argc, char **argv)
{
	return deny_change(V6GW_CMD_SIIT_DENY_DEL, argc, argv);
}

static const struct cli_cmd deny_cmds[] = {
	{ "add", deny_add, NULL },
	{ "del", deny_del, NULL },
	{ "show", deny_show, NULL },
	{ "help", NULL, NULL },
};

static const struct cli_level deny_level = {
	.path = "siit deny",
	.cmds = deny_cmds,
	.ncmds = ARRAY_SIZE(deny_cmds),
	.dflt = "show",
	.usage = usage_deny,
};

static int siit_deny(int argc, char **argv)
{
	return cli_dispatch(&deny_level, argc, argv);
}

/* siit set */

/* A "siit set" request: the keys given, and their values. */
struct set_req {
	uint32_t given;		/* bit i: set_keys[i] was given */
	uint32_t unset;		/* enum v6gw_siit_unset */
	struct settings s;
};

struct set_key {
	const char *name;
	const char *syntax;	/* for the usage */
	const char *expect;	/* for "invalid KEY "VALUE" (expected ...)" */
	int (*parse)(const struct set_key *k, const char *val,
		     struct set_req *r);
};

static int bad_value(const struct set_key *k, const char *val)
{
	util_err("invalid %s \"%s\" (expected %s)", k->name, val, k->expect);
	return -1;
}

static int parse_rfc6791v4(const struct set_key *k, const char *val,
			   struct set_req *r)
{
	if (!strcmp(val, "none")) {
		r->unset |= V6GW_SIIT_UNSET_RFC6791V4;
		return 0;
	}
	r->s.has_v4 = true;
	return util_parse_prefix4_as(val, &r->s.rfc6791v4, true, k->name,
				     k->expect);
}

static int parse_rfc6791v6(const struct set_key *k, const char *val,
			   struct set_req *r)
{
	if (!strcmp(val, "none")) {
		r->unset |= V6GW_SIIT_UNSET_RFC6791V6;
		return 0;
	}
	r->s.has_v6 = true;
	return util_parse_prefix6_as(val, &r->s.rfc6791v6, true, k->name,
				     k->expect);
}

static int parse_mtu(const struct set_key *k, const char *val,
		     struct set_req *r)
{
	uint64_t v;

	if (util_parse_uint(val, 1280, 65535, &v))
		return bad_value(k, val);
	r->s.mtu = (uint32_t)v;
	return 0;
}

static int parse_amend(const struct set_key *k, const char *val,
		       struct set_req *r)
{
	if (!strcmp(val, "on"))
		r->s.amend = true;
	else if (!strcmp(val, "off"))
		r->s.amend = false;
	else
		return bad_value(k, val);
	return 0;
}

/* copy or 0..255, into V6GW_SIIT_A_TOS / _TCLASS form */
static int parse_class(const struct set_key *k, const char *val,
		       uint16_t *out)
{
	uint64_t v;

	if (!strcmp(val, "copy")) {
		*out = V6GW_SIIT_COPY;
		return 0;
	}
	if (util_parse_uint(val, 0, 255, &v))
		return bad_value(k, val);
	*out = (uint16_t)v;
	return 0;
}

static int parse_tos(const struct set_key *k, const char *val,
		     struct set_req *r)
{
	return parse_class(k, val, &r->s.tos);
}

static int parse_tclass(const struct set_key *k, const char *val,
			struct set_req *r)
{
	return parse_class(k, val, &r->s.tclass);
}

/*
 * One row per key, in V6GW_SIIT_A_* order; the names are also those of
 * "siit show" and of its JSON. put_settings() knows which attribute each
 * row fills.
 */
enum {
	KEY_RFC6791V4,
	KEY_RFC6791V6,
	KEY_MTU,
	KEY_AMEND,
	KEY_TOS,
	KEY_TCLASS,
};

static const struct set_key set_keys[] = {
	[KEY_RFC6791V4] = { "rfc6791v4", "{ ADDR[/LEN] | none }",
			    "ADDR[/LEN] or none", parse_rfc6791v4 },
	[KEY_RFC6791V6] = { "rfc6791v6", "{ ADDR[/LEN] | none }",
			    "ADDR[/LEN] or none", parse_rfc6791v6 },
	[KEY_MTU] = { "lowest-ipv6-mtu", "1280..65535",
		      "1280..65535", parse_mtu },
	[KEY_AMEND] = { "amend-udp-checksum-zero", "{ on | off }",
			"on or off", parse_amend },
	[KEY_TOS] = { "tos", "{ copy | 0..255 }",
		      "copy or 0..255", parse_tos },
	[KEY_TCLASS] = { "traffic-class", "{ copy | 0..255 }",
			 "copy or 0..255", parse_tclass },
};

static void usage_set(FILE *f)
{
	size_t i;

	fputs("  v6gw siit set KEY VALUE [KEY VALUE...]\n"
	      "                                    change settings, where KEY VALUE :=\n",
	      f);
	for (i = 0; i < ARRAY_SIZE(set_keys); i++)
		fprintf(f, "      %s %s\n", set_keys[i].name, set_keys[i].syntax);
}

static bool given(const struct set_req *r, unsigned int key)
{
	return r->given & (1U << key);
}

/* The V6GW_A_SIIT nest of a set_req: every key given, in one request. */
static int put_settings(struct nlmsghdr *nlh, const void *arg)
{
	const struct set_req *r = arg;
	const struct settings *s = &r->s;
	struct nlattr *nest;

	nest = nl_nest_start(nlh, V6GW_A_SIIT);
	if (!nest)
		return -1;
	if ((s->has_v4 &&
	     nl_put_prefix4(nlh, V6GW_SIIT_A_RFC6791V4, &s->rfc6791v4)) ||
	    (s->has_v6 &&
	     nl_put_prefix6(nlh, V6GW_SIIT_A_RFC6791V6, &s->rfc6791v6)) ||
	    (given(r, KEY_MTU) &&
	     nl_put_u32(nlh, V6GW_SIIT_A_LOWEST_IPV6_MTU, s->mtu)) ||
	    (given(r, KEY_AMEND) &&
	     nl_put_u8(nlh, V6GW_SIIT_A_AMEND_UDP_ZERO, s->amend)) ||
	    (given(r, KEY_TOS) && nl_put_u16(nlh, V6GW_SIIT_A_TOS, s->tos)) ||
	    (given(r, KEY_TCLASS) &&
	     nl_put_u16(nlh, V6GW_SIIT_A_TCLASS, s->tclass)) ||
	    (r->unset && nl_put_u32(nlh, V6GW_SIIT_A_UNSET, r->unset)))
		return -1;
	nl_nest_end(nlh, nest);
	return 0;
}

static int siit_set(int argc, char **argv)
{
	struct set_req r = {};
	int i, k;

	if (!argc) {
		util_err("missing KEY VALUE");
		return cli_usage(usage_set);
	}
	/* no key starts with "h": "siit set help" is the level's help */
	if (argc == 1 && (util_is_help(argv[0]) || !strcmp(argv[0], "-h") ||
			  !strcmp(argv[0], "--help"))) {
		if (!cli_opts.dry_run) {
			printf("Usage:\n");
			usage_set(stdout);
		}
		return CLI_OK;
	}
	for (i = 0; i < argc; i += 2) {
		k = util_match(argv[i], set_keys, ARRAY_SIZE(set_keys),
			       sizeof(*set_keys), "\"siit set\" key");
		if (k < 0)
			return cli_usage(usage_set);
		if (i + 1 == argc) {
			util_err("missing value for %s (expected %s)",
				 set_keys[k].name, set_keys[k].expect);
			return cli_usage(usage_set);
		}
		if (given(&r, (unsigned int)k)) {
			util_err("%s is given twice", set_keys[k].name);
			return cli_usage(usage_set);
		}
		r.given |= 1U << k;
		if (set_keys[k].parse(&set_keys[k], argv[i + 1], &r))
			return cli_usage(usage_set);
	}
	return cli_request(V6GW_CMD_SIIT_SET, put_settings, &r);
}

static int settings_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[V6GW_A_MAX + 1], *stb[V6GW_SIIT_A_MAX + 1];
	struct settings *s = data;
	uint8_t amend;

	if (nl_parse(nlh, tb, V6GW_A_MAX) < MNL_CB_OK)
		return MNL_CB_ERROR;
	if (!tb[V6GW_A_SIIT] ||
	    nl_parse_nested(tb[V6GW_A_SIIT], stb, V6GW_SIIT_A_MAX) < MNL_CB_OK)
		goto bad;
	s->has_v4 = stb[V6GW_SIIT_A_RFC6791V4];
	if (s->has_v4 &&
	    nl_get_prefix4(stb[V6GW_SIIT_A_RFC6791V4], &s->rfc6791v4))
		return MNL_CB_ERROR;
	s->has_v6 = stb[V6GW_SIIT_A_RFC6791V6];
	if (s->has_v6 &&
	    nl_get_prefix6(stb[V6GW_SIIT_A_RFC6791V6], &s->rfc6791v6))
		return MNL_CB_ERROR;
	if (!nl_get_u32(stb[V6GW_SIIT_A_LOWEST_IPV6_MTU], &s->mtu) ||
	    !nl_get_u8(stb[V6GW_SIIT_A_AMEND_UDP_ZERO], &amend) ||
	    !nl_get_u16(stb[V6GW_SIIT_A_TOS], V6GW_SIIT_COPY, &s->tos) ||
	    !nl_get_u16(stb[V6GW_SIIT_A_TCLASS], V6GW_SIIT_COPY, &s->tclass))
		goto bad;
	s->amend = amend;
	return MNL_CB_OK;
bad:
	errno = EBADMSG;
	return MNL_CB_ERROR;
}

static int settings_fetch(struct nl *nl, struct settings *s)
{
	return nl_talk(nl, nl_msg(nl, V6GW_CMD_SIIT_GET, 0), settings_cb, s);
}

/* siit show */

static void show_class(struct json *j, const char *lead, const char *key,
		       uint16_t v)
{
	if (!j) {
		if (v == V6GW_SIIT_COPY)
			printf("%s%s copy\n", lead, key);
		else
			printf("%s%s %u\n", lead, key, v);
	} else if (v == V6GW_SIIT_COPY) {
		json_kv_str(j, key, "copy");
	} else {
		json_kv_u64(j, key, v);
	}
}

/* A string setting: plain "KEY VALUE" (or "KEY none"), JSON or null. */
static void show_str(struct json *j, const char *lead, const char *key,
		     const char *v)
{
	if (!j)
		printf("%s%s %s\n", lead, key, v ? v : "none");
	else if (v)
		json_kv_str(j, key, v);
	else
		json_kv_null(j, key);
}

/*
 * Every setting. Plain: "KEY VALUE" lines after @lead, in the syntax of
 * "siit set" (unset pools are "none"); JSON: members of an open object.
 */
static void settings_print(const struct settings *s, struct json *j,
			   const char *lead)
{
	char b6[PREFIX6_STRLEN], b4[PREFIX4_STRLEN];

	show_str(j, lead, set_keys[KEY_RFC6791V4].name, s->has_v4 ?
		 util_fmt_prefix4(b4, &s->rfc6791v4) : NULL);
	show_str(j, lead, set_keys[KEY_RFC6791V6].name, s->has_v6 ?
		 util_fmt_prefix6(b6, &s->rfc6791v6) : NULL);
	if (j) {
		json_kv_u64(j, set_keys[KEY_MTU].name, s->mtu);
		json_kv_bool(j, set_keys[KEY_AMEND].name, s->amend);
	} else {
		printf("%s%s %u\n", lead, set_keys[KEY_MTU].name, s->mtu);
		printf("%s%s %s\n", lead, set_keys[KEY_AMEND].name,
		       s->amend ? "on" : "off");
	}
	show_class(j, lead, set_keys[KEY_TOS].name, s->tos);
	show_class(j, lead, set_keys[KEY_TCLASS].name, s->tclass);
}

/*
 * Plain: "KEY VALUE" lines, in the syntax of "siit set", then the tables
 * under "eam:" and "deny:" headings. JSON: one object.
 */
static void siit_print(const struct prefixes6 *ps, const struct settings *s,
		       const struct eams *es, const struct prefixes4 *ds)
{
	char b6[PREFIX6_STRLEN];
	struct json jj, *j = NULL;

	if (cli_opts.json) {
		j = &jj;
		cli_json_start(j);
		json_obj_open(j);
	}
	/* one prefix per namespace (uapi), so a string, not an array */
	show_str(j, "", "prefix",
		 ps->n ? util_fmt_prefix6(b6, &ps->v[0]) : NULL);
	settings_print(s, j, "");

	if (j) {
		json_key(j, "eam");
		eams_print(es, j, "");
		json_key(j, "deny");
		deny_print(ds, j, "");
		json_obj_close(j);
		json_end(j);
		return;
	}
	printf("eam:%s\n", es->n ? "" : " none");
	eams_print(es, NULL, INDENT);
	printf("deny:%s\n", ds->n ? "" : " none");
	deny_print(ds, NULL, INDENT);
}

/* Everything "siit show" and siit_save() print. */
struct siit_cfg {
	struct prefixes6 ps;
	struct settings s;
	struct eams es;
	struct prefixes4 ds;
};

static int siit_fetch(struct nl *nl, struct siit_cfg *c)
{
	if (cli_prefixes6_fetch(nl, V6GW_CMD_SIIT_PREFIX_GET, &c->ps) ||
	    settings_fetch(nl, &c->s) || eams_fetch(nl, &c->es) ||
	    deny_fetch(nl, &c->ds))
		return -1;
	return 0;
}

static void siit_cfg_free(struct siit_cfg *c)
{
	free(c->ps.v);
	free(c->es.v);
	free(c->ds.v);
}

static int siit_show(int argc, char **argv)
{
	struct siit_cfg c = {};
	struct nl *nl;
	int ret;

	nl = cli_show_start(argc, argv, usage_show, &ret);
	if (!nl)
		return ret;
	ret = CLI_FAIL;
	if (!siit_fetch(nl, &c)) {
		siit_print(&c.ps, &c.s, &c.es, &c.ds);
		ret = CLI_OK;
	}
	siit_cfg_free(&c);
	return ret;
}

/*
 * "v6gw save": the prefix before the EAM entries and the denylist (no
 * order is needed between them, but it reads as "siit show" does), then
 * every setting, one "siit set KEY VALUE" a line, "none" for an unset
 * RFC 6791 pool. Nothing is printed unless every dump succeeded.
 */
int siit_save(struct nl *nl)
{
	struct siit_cfg c = {};
	int ret = CLI_FAIL;

	if (!siit_fetch(nl, &c)) {
		cli_prefixes6_print(&c.ps, NULL, "siit prefix add ");
		eams_print(&c.es, NULL, "siit eam add ");
		deny_print(&c.ds, NULL, "siit deny add ");
		settings_print(&c.s, NULL, "siit set ");
		ret = CLI_OK;
	}
	siit_cfg_free(&c);
	return ret;
}

static const struct cli_cmd siit_cmds[] = {
	{ "prefix", siit_prefix, NULL },
	{ "eam", siit_eam, NULL },
	{ "deny", siit_deny, NULL },
	{ "set", siit_set, NULL },
	{ "show", siit_show, NULL },
	{ "help", NULL, NULL },
};

static const struct cli_level siit_level = {
	.path = "siit",
	.cmds = siit_cmds,
	.ncmds = ARRAY_SIZE(siit_cmds),
	.dflt = "show",
	.usage = v6gw_siit_usage,
};

int v6gw_siit_main(int argc, char **argv)
{
	return cli_dispatch(&siit_level, argc, argv);
}
