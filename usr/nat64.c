// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw nat64: the stateful translator (RFC 6146). Its prefixes, pool4, the
 * BIB, the sessions, the settings, and "nat64 show", which prints the
 * settings, the table sizes, the prefixes and pool4.
 *
 * The prefixes and pool4 are small (uapi: at most 8 and 3 x 64 entries):
 * they are fetched into arrays, as in siit.c. The BIB and the sessions may
 * hold millions of entries: they are printed message by message as the
 * dump arrives, in constant memory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/v6gw.h>

#include "json.h"
#include "nl.h"
#include "utils.h"
#include "v6gw.h"

/* Plain "nat64 show" indents the entries of its tables by this. */
#define INDENT "    "

/* "[IPV6ADDR]:PORT" plus NUL */
#define TADDR6_STRLEN	(INET6_ADDRSTRLEN + 8)
#define TADDR4_STRLEN	(INET_ADDRSTRLEN + 6)
#define PROTO_STRLEN	8

/* The upper limit of most settings (uapi: 1..2^31) */
#define NAT64_U32_MAX	(1ULL << 31)

static void usage_prefix(FILE *f)
{
	fputs("  v6gw nat64 prefix add PREFIX/LEN  add a NAT64 prefix (RFC 6052)\n"
	      "  v6gw nat64 prefix del PREFIX/LEN  remove one\n"
	      "  v6gw nat64 prefix show            print them\n", f);
}

static void usage_pool4(FILE *f)
{
	fputs("  v6gw nat64 pool4 add ADDR[/LEN] [proto PROTO] [ports LO-HI]\n"
	      "                                    add IPv4 addresses and ports\n"
	      "  v6gw nat64 pool4 del ADDR[/LEN] [proto PROTO] [ports LO-HI]\n"
	      "                                    remove them\n"
	      "  v6gw nat64 pool4 show             print pool4\n", f);
}

static void usage_bib(FILE *f)
{
	fputs("  v6gw nat64 bib add proto PROTO [IPV6ADDR]:PORT IPV4ADDR:PORT\n"
	      "                                    add a static BIB entry\n"
	      "  v6gw nat64 bib del proto PROTO [IPV6ADDR]:PORT [IPV4ADDR:PORT]\n"
	      "  v6gw nat64 bib del proto PROTO IPV4ADDR:PORT\n"
	      "                                    remove an entry\n"
	      "  v6gw nat64 bib show [proto PROTO] print the BIB\n", f);
}

static void usage_session(FILE *f)
{
	fputs("  v6gw nat64 session show [proto PROTO] [ipv6 ADDR] [ipv4 ADDR]\n"
	      "                                    print the sessions\n"
	      "  v6gw nat64 session count          BIB entries and sessions per protocol\n"
	      "  v6gw nat64 session flush [proto PROTO]\n"
	      "                                    remove sessions, dynamic BIB entries\n",
	      f);
}

static void usage_set(FILE *f);

static void usage_show(FILE *f)
{
	fputs("  v6gw nat64 show                   print settings, counts, prefixes, pool4\n",
	      f);
}

static void usage_where(FILE *f)
{
	fputs("where PROTO := { tcp | udp | icmp }\n", f);
}

void v6gw_nat64_usage(FILE *f)
{
	usage_prefix(f);
	usage_pool4(f);
	usage_bib(f);
	usage_session(f);
	usage_set(f);
	usage_show(f);
	usage_where(f);
}

/* The usage of a level that takes PROTO: its lines and the "where". */
static void usage_pool4_lvl(FILE *f)
{
	usage_pool4(f);
	usage_where(f);
}

static void usage_bib_lvl(FILE *f)
{
	usage_bib(f);
	usage_where(f);
}

static void usage_session_lvl(FILE *f)
{
	usage_session(f);
	usage_where(f);
}

static void json_start(struct json *j)
{
	json_init(j, stdout, cli_opts.pretty);
}

/* NULL with *@ret set when there is no I/O (dry run, or no socket). */
static struct nl *io_start(int *ret)
{
	struct nl *nl;

	*ret = CLI_OK;
	if (cli_opts.dry_run)
		return NULL;
	nl = cli_nl();
	if (!nl)
		*ret = CLI_FAIL;
	return nl;
}

/* Every show without arguments. */
static struct nl *show_start(int argc, char **argv, void (*usage)(FILE *f),
			     int *ret)
{
	if (argc) {
		util_err("unexpected argument \"%s\"", argv[0]);
		*ret = cli_usage(usage);
		return NULL;
	}
	return io_start(ret);
}

/* A "do" request whose attributes @put adds; no reply beyond the ACK. */
static int request(uint8_t cmd, int (*put)(struct nlmsghdr *nlh,
					   const void *arg), const void *arg)
{
	struct nlmsghdr *nlh;
	struct nl *nl;
	int ret;

	nl = io_start(&ret);
	if (!nl)
		return ret;
	nlh = nl_msg(nl, cmd, 0);
	if ((put && put(nlh, arg)) || nl_talk(nl, nlh, NULL, NULL))
		return CLI_FAIL;
	return CLI_OK;
}

static int bad_msg(void)
{
	errno = EBADMSG;
	return MNL_CB_ERROR;
}

/* Protocols */

static const struct {
	const char *name;
	uint8_t proto;
} protos[] = {
	{ "tcp", IPPROTO_TCP },
	{ "udp", IPPROTO_UDP },
	{ "icmp", IPPROTO_ICMP },
};

static const char *proto_name(uint8_t proto, char buf[PROTO_STRLEN])
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(protos); i++)
		if (protos[i].proto == proto)
			return protos[i].name;
	snprintf(buf, PROTO_STRLEN, "%u", proto);
	return buf;
}

/* Values are not abbreviated: "tcp", "udp" or "icmp". */
static int parse_proto(const char *s, uint8_t *proto)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(protos); i++) {
		if (!strcmp(s, protos[i].name)) {
			*proto = protos[i].proto;
			return 0;
		}
	}
	util_err("invalid proto \"%s\" (expected tcp, udp or icmp)", s);
	return -1;
}

/* Transport addresses: "[IPV6ADDR]:PORT" and "IPV4ADDR:PORT" */

struct taddr6 {
	struct in6_addr addr;
	uint16_t port;
};

struct taddr4 {
	struct in_addr addr;
	uint16_t port;
};

static int parse_port(const char *s, uint16_t *port)
{
	uint64_t v;

	if (util_parse_uint(s, 0, 65535, &v))
		return -1;
	*port = (uint16_t)v;
	return 0;
}

static int parse_taddr6(const char *s, struct taddr6 *t)
{
	char addr[INET6_ADDRSTRLEN];
	const char *end = strchr(s, ']');

	if (s[0] != '[' || !end || end[1] != ':' ||
	    (size_t)(end - s - 1) >= sizeof(addr))
		goto bad;
	memcpy(addr, s + 1, end - s - 1);
	addr[end - s - 1] = '\0';
	if (inet_pton(AF_INET6, addr, &t->addr) != 1 ||
	    parse_port(end + 2, &t->port))
		goto bad;
	return 0;
bad:
	util_err("invalid IPv6 transport address \"%s\" (expected [IPV6ADDR]:PORT)",
		 s);
	return -1;
}

static int parse_taddr4(const char *s, struct taddr4 *t)
{
	char addr[INET_ADDRSTRLEN];
	const char *colon = strchr(s, ':');

	if (!colon || (size_t)(colon - s) >= sizeof(addr))
		goto bad;
	memcpy(addr, s, colon - s);
	addr[colon - s] = '\0';
	if (inet_pton(AF_INET, addr, &t->addr) != 1 ||
	    parse_port(colon + 1, &t->port))
		goto bad;
	return 0;
bad:
	util_err("invalid IPv4 transport address \"%s\" (expected IPV4ADDR:PORT)",
		 s);
	return -1;
}

static const char *fmt_taddr6(char buf[TADDR6_STRLEN],
			      const struct in6_addr *a, uint16_t port)
{
	char addr[INET6_ADDRSTRLEN];

	if (!inet_ntop(AF_INET6, a, addr, sizeof(addr)))
		strcpy(addr, "?");
	snprintf(buf, TADDR6_STRLEN, "[%s]:%u", addr, port);
	return buf;
}

static const char *fmt_taddr4(char buf[TADDR4_STRLEN],
			      const struct in_addr *a, uint16_t port)
{
	char addr[INET_ADDRSTRLEN];

	if (!inet_ntop(AF_INET, a, addr, sizeof(addr)))
		strcpy(addr, "?");
	snprintf(buf, TADDR4_STRLEN, "%s:%u", addr, port);
	return buf;
}

static const char *fmt_addr6(char buf[INET6_ADDRSTRLEN],
			     const struct in6_addr *a)
{
	if (!inet_ntop(AF_INET6, a, buf, INET6_ADDRSTRLEN))
		strcpy(buf, "?");
	return buf;
}

static const char *fmt_addr4(char buf[INET_ADDRSTRLEN],
			     const struct in_addr *a)
{
	if (!inet_ntop(AF_INET, a, buf, INET_ADDRSTRLEN))
		strcpy(buf, "?");
	return buf;
}

/*
 * Arguments made of "KEYWORD VALUE" pairs, in any order, each keyword at
 * most once, and (where @positional is given) other words, the addresses:
 * every word that is not a prefix of a keyword. Keywords may be
 * abbreviated, values may not.
 */
struct kw {
	const char *name;
	int (*parse)(const char *val, void *req);
};

static bool is_keyword(const char *w, const struct kw *kws, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (*w && !strncmp(kws[i].name, w, strlen(w)))
			return true;
	return false;
}

static int parse_args(int argc, char **argv, const char *path,
		      const struct kw *kws, size_t nkws,
		      int (*positional)(const char *arg, void *req),
		      void *req, void (*usage)(FILE *f))
{
	char what[64];
	uint32_t seen = 0;
	int i, k;

	snprintf(what, sizeof(what), "\"%s\" keyword", path);
	for (i = 0; i < argc; i++) {
		if (positional && !is_keyword(argv[i], kws, nkws)) {
			if (positional(argv[i], req))
				return cli_usage(usage);
			continue;
		}
		k = util_match(argv[i], kws, nkws, sizeof(*kws), what);
		if (k < 0)
			return cli_usage(usage);
		if (seen & (1U << k)) {
			util_err("%s is given twice", kws[k].name);
			return cli_usage(usage);
		}
		seen |= 1U << k;
		if (i + 1 == argc) {
			util_err("missing value for %s", kws[k].name);
			return cli_usage(usage);
		}
		if (kws[k].parse(argv[++i], req))
			return cli_usage(usage);
	}
	return CLI_OK;
}

/* nat64 prefix */

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
	if (!tb[V6GW_A_PREFIX])
		return bad_msg();
	if (util_array_grow(&ps->v, &ps->cap, ps->n + 1, sizeof(*ps->v)) ||
	    nl_get_prefix6(tb[V6GW_A_PREFIX], &ps->v[ps->n]))
		return MNL_CB_ERROR;
	ps->n++;
	return MNL_CB_OK;
}

static int prefixes_fetch(struct nl *nl, struct prefixes *ps)
{
	return nl_talk(nl, nl_msg(nl, V6GW_CMD_NAT64_PREFIX_GET, NLM_F_DUMP),
		       prefix_cb, ps);
}

/* Plain: one prefix a line after @indent; or [{"prefix":...}]. */
static void prefixes_print(const struct prefixes *ps, struct json *j,
			   const char *indent)
{
	char buf[PREFIX6_STRLEN];
	size_t i;

	if (j)
		json_arr_open(j);
	for (i = 0; i < ps->n; i++) {
		util_fmt_prefix6(buf, &ps->v[i]);
		if (!j) {
			printf("%s%s\n", indent, buf);
			continue;
		}
		json_obj_open(j);
		json_kv_str(j, "prefix", buf);
		json_obj_close(j);
	}
	if (j)
		json_arr_close(j);
}

static int prefix_show(int argc, char **argv)
{
	struct prefixes ps = {};
	struct json j;
	struct nl *nl;
	int ret;

	nl = show_start(argc, argv, usage_prefix, &ret);
	if (!nl)
		return ret;
	ret = CLI_FAIL;
	if (!prefixes_fetch(nl, &ps)) {
		if (cli_opts.json) {
			json_start(&j);
			prefixes_print(&ps, &j, "");
			json_end(&j);
		} else {
			prefixes_print(&ps, NULL, "");
		}
		ret = CLI_OK;
	}
	free(ps.v);
	return ret;
}

static int put_prefix(struct nlmsghdr *nlh, const void *arg)
{
	return nl_put_prefix6(nlh, V6GW_A_PREFIX, arg);
}

static int prefix_change(uint8_t cmd, int argc, char **argv)
{
	struct prefix6 p;

	if (argc != 1) {
		if (argc)
			util_err("unexpected argument \"%s\"", argv[1]);
		else
			util_err("missing PREFIX/LEN");
		return cli_usage(usage_prefix);
	}
	if (util_parse_prefix6(argv[0], &p))
		return cli_usage(usage_prefix);
	return request(cmd, put_prefix, &p);
}

static int prefix_add(int argc, char **argv)
{
	return prefix_change(V6GW_CMD_NAT64_PREFIX_NEW, argc, argv);
}

static int prefix_del(int argc, char **argv)
{
	return prefix_change(V6GW_CMD_NAT64_PREFIX_DEL, argc, argv);
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
	.usage = usage_prefix,
};

static int nat64_prefix(int argc, char **argv)
{
	return cli_dispatch(&prefix_level, argc, argv);
}

/* nat64 pool4 */

struct pool4 {
	struct prefix4 p;
	bool has_p;
	bool has_proto;		/* absent: TCP, UDP and ICMP */
	uint8_t proto;
	bool has_ports;
	uint16_t lo, hi;
};

struct pool4s {
	struct pool4 *v;
	size_t n, cap;
};

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
		return bad_msg();
	if (util_array_grow(&ps->v, &ps->cap, ps->n + 1, sizeof(*ps->v)))
		return MNL_CB_ERROR;
	e = &ps->v[ps->n];
	*e = (struct pool4){ .has_p = true };
	if (nl_get_prefix4(ptb[V6GW_POOL4_A_PREFIX4], &e->p))
		return MNL_CB_ERROR;
	if (ptb[V6GW_POOL4_A_PROTO]) {
		if (!nl_get_u8(ptb[V6GW_POOL4_A_PROTO], &e->proto))
			return bad_msg();
		e->has_proto = true;
	}
	/* absent: the defaults of the uapi */
	e->lo = e->has_proto && e->proto == IPPROTO_ICMP ? 0 : 1;
	e->hi = 65535;
	if ((ptb[V6GW_POOL4_A_PORT_MIN] &&
	     !nl_get_u16(ptb[V6GW_POOL4_A_PORT_MIN], 65535, &e->lo)) ||
	    (ptb[V6GW_POOL4_A_PORT_MAX] &&
	     !nl_get_u16(ptb[V6GW_POOL4_A_PORT_MAX], 65535, &e->hi)))
		return bad_msg();
	ps->n++;
	return MNL_CB_OK;
}

static int pool4_fetch(struct nl *nl, struct pool4s *ps)
{
	return nl_talk(nl, nl_msg(nl, V6GW_CMD_NAT64_POOL4_GET, NLM_F_DUMP),
		       pool4_cb, ps);
}

/*
 * Plain: "PREFIX PROTO LO-HI" lines after @indent (PROTO "all" when the
 * kernel sent none); or [{"prefix":..., "proto":..., "port-min":...,
 * "port-max":...}], proto null for all.
 */
static void pool4_print(const struct pool4s *ps, struct json *j,
			const char *indent)
{
	char buf[PREFIX4_STRLEN], pb[PROTO_STRLEN];
	const struct pool4 *e;
	size_t i;

	if (j)
		json_arr_open(j);
	for (i = 0; i < ps->n; i++) {
		e = &ps->v[i];
		util_fmt_prefix4(buf, &e->p);
		if (!j) {
			printf("%s%s %s %u-%u\n", indent, buf,
			       e->has_proto ? proto_name(e->proto, pb) : "all",
			       e->lo, e->hi);
			continue;
		}
		json_obj_open(j);
		json_kv_str(j, "prefix", buf);
		if (e->has_proto)
			json_kv_str(j, "proto", proto_name(e->proto, pb));
		else
			json_kv_null(j, "proto");
		json_kv_u64(j, "port-min", e->lo);
		json_kv_u64(j, "port-max", e->hi);
		json_obj_close(j);
	}
	if (j)
		json_arr_close(j);
}

static int pool4_show(int argc, char **argv)
{
	struct pool4s ps = {};
	struct json j;
	struct nl *nl;
	int ret;

	nl = show_start(argc, argv, usage_pool4_lvl, &ret);
	if (!nl)
		return ret;
	ret = CLI_FAIL;
	if (!pool4_fetch(nl, &ps)) {
		if (cli_opts.json) {
			json_start(&j);
			pool4_print(&ps, &j, "");
			json_end(&j);
		} else {
			pool4_print(&ps, NULL, "");
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
	return parse_proto(val, &e->proto);
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
	if (parse_port(lo, &e->lo) || parse_port(dash + 1, &e->hi))
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

static const struct kw pool4_kws[] = {
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

	ret = parse_args(argc, argv, path, pool4_kws, ARRAY_SIZE(pool4_kws),
			 pool4_addr, &e, usage_pool4_lvl);
	if (ret)
		return ret;
	if (!e.has_p) {
		util_err("missing ADDR[/LEN]");
		return cli_usage(usage_pool4_lvl);
	}
	return request(cmd, put_pool4, &e);
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

static int nat64_pool4(int argc, char **argv)
{
	return cli_dispatch(&pool4_level, argc, argv);
}

/*
 * Dumps printed as they arrive. JSON: the array is opened with the first
 * entry, so that nothing is printed when the request fails at once, and
 * closed (well-formed) even when the dump fails half-way.
 */
struct stream {
	struct json j;
	bool open;
};

static struct json *stream_entry(struct stream *s)
{
	if (!cli_opts.json)
		return NULL;
	if (!s->open) {
		json_start(&s->j);
		json_arr_open(&s->j);
		s->open = true;
	}
	return &s->j;
}

static int stream_end(struct stream *s, int ret)
{
	if (!cli_opts.json || (ret && !s->open))
		return ret;
	stream_entry(s);
	json_arr_close(&s->j);
	json_end(&s->j);
	return ret;
}

/* nat64 bib */

struct bib_req {
	bool has_proto, has6, has4;
	uint8_t proto;
	struct taddr6 t6;
	struct taddr4 t4;
};

static int bib_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[V6GW_A_MAX + 1], *btb[V6GW_BIB_A_MAX + 1];
	char b6[TADDR6_STRLEN], b4[TADDR4_STRLEN], a6[INET6_ADDRSTRLEN];
	char a4[INET_ADDRSTRLEN], pb[PROTO_STRLEN];
	uint8_t proto, is_static = 0;
	uint32_t sessions = 0;
	struct stream *s = data;
	struct taddr6 t6;
	struct taddr4 t4;
	struct json *j;

	if (nl_parse(nlh, tb, V6GW_A_MAX) < MNL_CB_OK)
		return MNL_CB_ERROR;
	if (!tb[V6GW_A_BIB] ||
	    nl_parse_nested(tb[V6GW_A_BIB], btb, V6GW_BIB_A_MAX) < MNL_CB_OK ||
	    !nl_get_u8(btb[V6GW_BIB_A_PROTO], &proto) ||
	    !nl_get_binary(btb[V6GW_BIB_A_ADDR6], &t6.addr, sizeof(t6.addr)) ||
	    !nl_get_u16(btb[V6GW_BIB_A_PORT6], 65535, &t6.port) ||
	    !nl_get_binary(btb[V6GW_BIB_A_ADDR4], &t4.addr, sizeof(t4.addr)) ||
	    !nl_get_u16(btb[V6GW_BIB_A_PORT4], 65535, &t4.port) ||
	    (btb[V6GW_BIB_A_STATIC] &&
	     !nl_get_u8(btb[V6GW_BIB_A_STATIC], &is_static)) ||
	    (btb[V6GW_BIB_A_SESSIONS] &&
	     !nl_get_u32(btb[V6GW_BIB_A_SESSIONS], &sessions)))
		return bad_msg();

	j = stream_entry(s);
	if (!j) {
		printf("%s %s %s %s %u\n", proto_name(proto, pb),
		       fmt_taddr6(b6, &t6.addr, t6.port),
		       fmt_taddr4(b4, &t4.addr, t4.port),
		       is_static ? "static" : "dynamic", sessions);
		return MNL_CB_OK;
	}
	json_obj_open(j);
	json_kv_str(j, "proto", proto_name(proto, pb));
	json_kv_str(j, "ipv6", fmt_addr6(a6, &t6.addr));
	json_kv_u64(j, "port6", t6.port);
	json_kv_str(j, "ipv4", fmt_addr4(a4, &t4.addr));
	json_kv_u64(j, "port4", t4.port);
	json_kv_bool(j, "static", is_static);
	json_kv_u64(j, "sessions", sessions);
	json_obj_close(j);
	return MNL_CB_OK;
}

static int bib_proto(const char *val, void *req)
{
	struct bib_req *r = req;

	r->has_proto = true;
	return parse_proto(val, &r->proto);
}

static const struct kw proto_kws[] = {
	{ "proto", bib_proto },
};

/* "[IPV6ADDR]:PORT" or "IPV4ADDR:PORT", each at most once */
static int bib_taddr(const char *arg, void *req)
{
	struct bib_req *r = req;
	const char *c;
	int colons = 0;

	for (c = arg; *c; c++)
		colons += *c == ':';
	if (arg[0] == '[' || colons > 1) {
		if (r->has6) {
			util_err("unexpected argument \"%s\": the IPv6 transport address is given already",
				 arg);
			return -1;
		}
		r->has6 = true;
		return parse_taddr6(arg, &r->t6);
	}
	if (r->has4) {
		util_err("unexpected argument \"%s\": the IPv4 transport address is given already",
			 arg);
		return -1;
	}
	r->has4 = true;
	return parse_taddr4(arg, &r->t4);
}

static int put_bib(struct nlmsghdr *nlh, const void *arg)
{
	const struct bib_req *r = arg;
	struct nlattr *nest;

	nest = nl_nest_start(nlh, V6GW_A_BIB);
	if (!nest ||
	    (r->has_proto && nl_put_u8(nlh, V6GW_BIB_A_PROTO, r->proto)) ||
	    (r->has6 &&
	     (nl_put_binary(nlh, V6GW_BIB_A_ADDR6, &r->t6.addr,
			    sizeof(r->t6.addr)) ||
	      nl_put_u16(nlh, V6GW_BIB_A_PORT6, r->t6.port))) ||
	    (r->has4 &&
	     (nl_put_binary(nlh, V6GW_BIB_A_ADDR4, &r->t4.addr,
			    sizeof(r->t4.addr)) ||
	      nl_put_u16(nlh, V6GW_BIB_A_PORT4, r->t4.port))))
		return -1;
	nl_nest_end(nlh, nest);
	return 0;
}

static int bib_change(uint8_t cmd, const char *path, bool both, int argc,
		      char **argv)
{
	struct bib_req r = {};
	int ret;

	ret = parse_args(argc, argv, path, proto_kws, ARRAY_SIZE(proto_kws),
			 bib_taddr, &r, usage_bib_lvl);
	if (ret)
		return ret;
	if (!r.has_proto) {
		util_err("missing proto PROTO");
		return cli_usage(usage_bib_lvl);
	}
	if (both && !r.has6) {
		util_err("missing [IPV6ADDR]:PORT");
		return cli_usage(usage_bib_lvl);
	}
	if (both && !r.has4) {
		util_err("missing IPV4ADDR:PORT");
		return cli_usage(usage_bib_lvl);
	}
	if (!r.has6 && !r.has4) {
		util_err("missing [IPV6ADDR]:PORT or IPV4ADDR:PORT");
		return cli_usage(usage_bib_lvl);
	}
	return request(cmd, put_bib, &r);
}

static int bib_add(int argc, char **argv)
{
	return bib_change(V6GW_CMD_NAT64_BIB_NEW, "nat64 bib add", true, argc,
			  argv);
}

static int bib_del(int argc, char **argv)
{
	return bib_change(V6GW_CMD_NAT64_BIB_DEL, "nat64 bib del", false, argc,
			  argv);
}

static int bib_show(int argc, char **argv)
{
	struct stream s = {};
	struct bib_req r = {};
	struct nlmsghdr *nlh;
	struct nl *nl;
	int ret;

	ret = parse_args(argc, argv, "nat64 bib show", proto_kws,
			 ARRAY_SIZE(proto_kws), NULL, &r, usage_bib_lvl);
	if (ret)
		return ret;
	nl = io_start(&ret);
	if (!nl)
		return ret;
	nlh = nl_msg(nl, V6GW_CMD_NAT64_BIB_GET, NLM_F_DUMP);
	if (r.has_proto && put_bib(nlh, &r))
		return CLI_FAIL;
	ret = nl_talk(nl, nlh, bib_cb, &s) ? CLI_FAIL : CLI_OK;
	return stream_end(&s, ret);
}

static const struct cli_cmd bib_cmds[] = {
	{ "add", bib_add, NULL },
	{ "del", bib_del, NULL },
	{ "show", bib_show, NULL },
	{ "help", NULL, NULL },
};

static const struct cli_level bib_level = {
	.path = "nat64 bib",
	.cmds = bib_cmds,
	.ncmds = ARRAY_SIZE(bib_cmds),
	.dflt = "show",
	.usage = usage_bib_lvl,
};

static int nat64_bib(int argc, char **argv)
{
	return cli_dispatch(&bib_level, argc, argv);
}

/* nat64 session */

/* enum v6gw_tcp_state */
static const char *const tcp_states[] = {
	[V6GW_TCP_CLOSED]		= "closed",
	[V6GW_TCP_V4_INIT]		= "v4-init",
	[V6GW_TCP_V6_INIT]		= "v6-init",
	[V6GW_TCP_ESTABLISHED]		= "established",
	[V6GW_TCP_V4_FIN_RCV]		= "v4-fin-rcv",
	[V6GW_TCP_V6_FIN_RCV]		= "v6-fin-rcv",
	[V6GW_TCP_V4_FIN_V6_FIN_RCV]	= "v4-fin-v6-fin-rcv",
	[V6GW_TCP_TRANS]		= "trans",
};

_Static_assert(ARRAY_SIZE(tcp_states) == V6GW_TCP_TRANS + 1,
	       "tcp_states[] must name every enum v6gw_tcp_state");

static const char *state_name(uint8_t state, char buf[PROTO_STRLEN])
{
	if (state < ARRAY_SIZE(tcp_states))
		return tcp_states[state];
	snprintf(buf, PROTO_STRLEN, "%u", state);
	return buf;
}

struct session_req {
	bool has_proto, has6, has4;
	uint8_t proto;
	struct in6_addr addr6;
	struct in_addr addr4;
};

/*
 * One session per message. Plain: "PROTO [X']:x [Y']:y T:t Y:y STATE
 * EXPIRES", STATE "-" but for TCP, EXPIRES in seconds rounded up.
 */
static int session_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[V6GW_A_MAX + 1], *stb[V6GW_SESSION_A_MAX + 1];
	char x6[TADDR6_STRLEN], y6[TADDR6_STRLEN], t4[TADDR4_STRLEN];
	char y4[TADDR4_STRLEN], pb[PROTO_STRLEN], sb[PROTO_STRLEN];
	char ab[INET6_ADDRSTRLEN];
	struct in6_addr src6, dst6;
	struct in_addr src4, dst4;
	uint16_t sport6, dport6, sport4, dport4;
	bool has_state, has_exp;
	struct stream *s = data;
	uint32_t expires = 0;
	uint8_t proto, state = 0;
	struct json *j;

	if (nl_parse(nlh, tb, V6GW_A_MAX) < MNL_CB_OK)
		return MNL_CB_ERROR;
	if (!tb[V6GW_A_SESSION] ||
	    nl_parse_nested(tb[V6GW_A_SESSION], stb,
			    V6GW_SESSION_A_MAX) < MNL_CB_OK ||
	    !nl_get_u8(stb[V6GW_SESSION_A_PROTO], &proto) ||
	    !nl_get_binary(stb[V6GW_SESSION_A_SRC6], &src6, sizeof(src6)) ||
	    !nl_get_u16(stb[V6GW_SESSION_A_SPORT6], 65535, &sport6) ||
	    !nl_get_binary(stb[V6GW_SESSION_A_DST6], &dst6, sizeof(dst6)) ||
	    !nl_get_u16(stb[V6GW_SESSION_A_DPORT6], 65535, &dport6) ||
	    !nl_get_binary(stb[V6GW_SESSION_A_SRC4], &src4, sizeof(src4)) ||
	    !nl_get_u16(stb[V6GW_SESSION_A_SPORT4], 65535, &sport4) ||
	    !nl_get_binary(stb[V6GW_SESSION_A_DST4], &dst4, sizeof(dst4)) ||
	    !nl_get_u16(stb[V6GW_SESSION_A_DPORT4], 65535, &dport4))
		return bad_msg();
	has_state = proto == IPPROTO_TCP && stb[V6GW_SESSION_A_STATE];
	if (has_state && !nl_get_u8(stb[V6GW_SESSION_A_STATE], &state))
		return bad_msg();
	has_exp = stb[V6GW_SESSION_A_EXPIRES];
	if (has_exp && !nl_get_u32(stb[V6GW_SESSION_A_EXPIRES], &expires))
		return bad_msg();

	j = stream_entry(s);
	if (!j) {
		printf("%s %s %s %s %s %s ", proto_name(proto, pb),
		       fmt_taddr6(x6, &src6, sport6),
		       fmt_taddr6(y6, &dst6, dport6),
		       fmt_taddr4(t4, &src4, sport4),
		       fmt_taddr4(y4, &dst4, dport4),
		       has_state ? state_name(state, sb) : "-");
		if (has_exp)
			printf("%u\n", (unsigned int)((expires + 999ULL) / 1000));
		else
			puts("-");
		return MNL_CB_OK;
	}
	json_obj_open(j);
	json_kv_str(j, "proto", proto_name(proto, pb));
	json_kv_str(j, "src6", fmt_addr6(ab, &src6));
	json_kv_u64(j, "sport6", sport6);
	json_kv_str(j, "dst6", fmt_addr6(ab, &dst6));
	json_kv_u64(j, "dport6", dport6);
	json_kv_str(j, "src4", fmt_addr4(ab, &src4));
	json_kv_u64(j, "sport4", sport4);
	json_kv_str(j, "dst4", fmt_addr4(ab, &dst4));
	json_kv_u64(j, "dport4", dport4);
	if (has_state)
		json_kv_str(j, "state", state_name(state, sb));
	else
		json_kv_null(j, "state");
	if (has_exp)
		json_kv_u64(j, "expires-ms", expires);
	else
		json_kv_null(j, "expires-ms");
	json_obj_close(j);
	return MNL_CB_OK;
}

static int session_proto(const char *val, void *req)
{
	struct session_req *r = req;

	r->has_proto = true;
	return parse_proto(val, &r->proto);
}

static int session_ipv6(const char *val, void *req)
{
	struct session_req *r = req;

	if (inet_pton(AF_INET6, val, &r->addr6) != 1) {
		util_err("invalid ipv6 \"%s\" (expected an IPv6 address)", val);
		return -1;
	}
	r->has6 = true;
	return 0;
}

static int session_ipv4(const char *val, void *req)
{
	struct session_req *r = req;

	if (inet_pton(AF_INET, val, &r->addr4) != 1) {
		util_err("invalid ipv4 \"%s\" (expected an IPv4 address)", val);
		return -1;
	}
	r->has4 = true;
	return 0;
}

static const struct kw session_kws[] = {
	{ "proto", session_proto },
	{ "ipv6", session_ipv6 },
	{ "ipv4", session_ipv4 },
};

/* The filters of SESSION_GET, the PROTO of SESSION_DEL; no nest if none. */
static int put_session(struct nlmsghdr *nlh, const void *arg)
{
	const struct session_req *r = arg;
	struct nlattr *nest;

	if (!r->has_proto && !r->has6 && !r->has4)
		return 0;
	nest = nl_nest_start(nlh, V6GW_A_SESSION);
	if (!nest ||
	    (r->has_proto && nl_put_u8(nlh, V6GW_SESSION_A_PROTO, r->proto)) ||
	    (r->has6 && nl_put_binary(nlh, V6GW_SESSION_A_ADDR6, &r->addr6,
				      sizeof(r->addr6))) ||
	    (r->has4 && nl_put_binary(nlh, V6GW_SESSION_A_ADDR4, &r->addr4,
				      sizeof(r->addr4))))
		return -1;
	nl_nest_end(nlh, nest);
	return 0;
}

static int session_show(int argc, char **argv)
{
	struct session_req r = {};
	struct stream s = {};
	struct nlmsghdr *nlh;
	struct nl *nl;
	int ret;

	ret = parse_args(argc, argv, "nat64 session show", session_kws,
			 ARRAY_SIZE(session_kws), NULL, &r, usage_session_lvl);
	if (ret)
		return ret;
	nl = io_start(&ret);
	if (!nl)
		return ret;
	nlh = nl_msg(nl, V6GW_CMD_NAT64_SESSION_GET, NLM_F_DUMP);
	if (put_session(nlh, &r))
		return CLI_FAIL;
	ret = nl_talk(nl, nlh, session_cb, &s) ? CLI_FAIL : CLI_OK;
	return stream_end(&s, ret);
}

static int session_flush(int argc, char **argv)
{
	struct session_req r = {};
	int ret;

	/* session_kws[0] is proto, the only filter of a flush */
	ret = parse_args(argc, argv, "nat64 session flush", session_kws, 1,
			 NULL, &r, usage_session_lvl);
	if (ret)
		return ret;
	return request(V6GW_CMD_NAT64_SESSION_DEL, put_session, &r);
}

static int session_count(int argc, char **argv);

static const struct cli_cmd session_cmds[] = {
	{ "show", session_show, NULL },
	{ "count", session_count, NULL },
	{ "flush", session_flush, NULL },
	{ "help", NULL, NULL },
};

static const struct cli_level session_level = {
	.path = "nat64 session",
	.cmds = session_cmds,
	.ncmds = ARRAY_SIZE(session_cmds),
	.dflt = "show",
	.usage = usage_session_lvl,
};

static int nat64_session(int argc, char **argv)
{
	return cli_dispatch(&session_level, argc, argv);
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
		if (!strcmp(val, "on") || !strcmp(val, "off")) {
			*out = !strcmp(val, "on");
			return 0;
		}
		break;
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
	return request(V6GW_CMD_NAT64_SET, put_settings, &s);
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
		return bad_msg();
	for (i = 0; i < NKEYS; i++) {
		const struct set_key *k = &set_keys[i];

		if (k->kind == KIND_SECONDS || k->kind == KIND_NUMBER) {
			if (!nl_get_u32(stb[k->attr], &s->v[i]))
				return bad_msg();
		} else {
			if (!nl_get_u8(stb[k->attr], &u8))
				return bad_msg();
			s->v[i] = u8;
		}
	}
	for (i = 0; i < ARRAY_SIZE(counts); i++) {
		if ((stb[counts[i].bib] &&
		     !nl_get_u32(stb[counts[i].bib], &s->bib[i])) ||
		    (stb[counts[i].sessions] &&
		     !nl_get_u32(stb[counts[i].sessions], &s->sessions[i])))
			return bad_msg();
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

static int session_count(int argc, char **argv)
{
	struct settings s = {};
	struct json j;
	struct nl *nl;
	int ret;

	nl = show_start(argc, argv, usage_session_lvl, &ret);
	if (!nl)
		return ret;
	if (settings_fetch(nl, &s))
		return CLI_FAIL;
	if (cli_opts.json) {
		json_start(&j);
		counts_print(&s, &j, "");
		json_end(&j);
	} else {
		counts_print(&s, NULL, "");
	}
	return CLI_OK;
}

/* nat64 show */

static void setting_print(const struct set_key *k, uint32_t v, struct json *j)
{
	char buf[16];
	const char *str = NULL;

	switch (k->kind) {
	case KIND_SECONDS:
	case KIND_NUMBER:
		if (j)
			json_kv_u64(j, k->name, v);
		else
			printf("%s %u\n", k->name, v);
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
		printf("%s %s\n", k->name, str);
}

/*
 * Plain: "KEY VALUE" lines in the syntax of "nat64 set", then the counts,
 * the prefixes and pool4 under "count:", "prefix:" and "pool4:" headings.
 * JSON: one object.
 */
static void nat64_print(const struct settings *s, const struct prefixes *ps,
			const struct pool4s *p4)
{
	struct json jj, *j = NULL;
	size_t i;

	if (cli_opts.json) {
		j = &jj;
		json_start(j);
		json_obj_open(j);
	}
	for (i = 0; i < NKEYS; i++)
		setting_print(&set_keys[i], s->v[i], j);
	if (j) {
		json_key(j, "count");
		counts_print(s, j, "");
		json_key(j, "prefix");
		prefixes_print(ps, j, "");
		json_key(j, "pool4");
		pool4_print(p4, j, "");
		json_obj_close(j);
		json_end(j);
		return;
	}
	printf("count:\n");
	counts_print(s, NULL, INDENT);
	printf("prefix:%s\n", ps->n ? "" : " none");
	prefixes_print(ps, NULL, INDENT);
	printf("pool4:%s\n", p4->n ? "" : " none");
	pool4_print(p4, NULL, INDENT);
}

static int nat64_show(int argc, char **argv)
{
	struct prefixes ps = {};
	struct settings s = {};
	struct pool4s p4 = {};
	struct nl *nl;
	int ret;

	nl = show_start(argc, argv, usage_show, &ret);
	if (!nl)
		return ret;
	ret = CLI_FAIL;
	if (!settings_fetch(nl, &s) && !prefixes_fetch(nl, &ps) &&
	    !pool4_fetch(nl, &p4)) {
		nat64_print(&s, &ps, &p4);
		ret = CLI_OK;
	}
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
