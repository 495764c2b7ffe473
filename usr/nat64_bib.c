// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw nat64: the BIB and the sessions. They may hold millions of entries:
 * they are printed message by message as the dump arrives, in constant
 * memory.
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

void nat64_usage_bib(FILE *f)
{
	fputs("  v6gw nat64 bib add proto PROTO [IPV6ADDR]:PORT IPV4ADDR:PORT\n"
	      "                                    add a static BIB entry\n"
	      "  v6gw nat64 bib del proto PROTO [IPV6ADDR]:PORT [IPV4ADDR:PORT]\n"
	      "  v6gw nat64 bib del proto PROTO IPV4ADDR:PORT\n"
	      "                                    remove an entry\n"
	      "  v6gw nat64 bib show [proto PROTO] print the BIB\n", f);
}

void nat64_usage_session(FILE *f)
{
	fputs("  v6gw nat64 session show [proto PROTO] [ipv6 ADDR] [ipv4 ADDR]\n"
	      "                                    print the sessions\n"
	      "  v6gw nat64 session count          BIB entries and sessions per protocol\n"
	      "  v6gw nat64 session flush [proto PROTO]\n"
	      "                                    remove sessions, dynamic BIB entries\n",
	      f);
}

static void usage_bib_lvl(FILE *f)
{
	nat64_usage_bib(f);
	nat64_usage_where(f);
}

static void usage_session_lvl(FILE *f)
{
	nat64_usage_session(f);
	nat64_usage_where(f);
}

/* nat64 bib: dumps printed as they arrive (struct cli_stream) */

struct bib_req {
	bool has_proto, has6, has4;
	uint8_t proto;
	struct taddr6 t6;
	struct taddr4 t4;
};

/* A BIB entry of a dump. */
struct bib_entry {
	uint8_t proto, is_static;
	uint32_t sessions;
	struct taddr6 t6;
	struct taddr4 t4;
};

static int bib_parse(const struct nlmsghdr *nlh, struct bib_entry *e)
{
	const struct nlattr *tb[V6GW_A_MAX + 1], *btb[V6GW_BIB_A_MAX + 1];

	if (nl_parse(nlh, tb, V6GW_A_MAX) < MNL_CB_OK)
		return MNL_CB_ERROR;
	if (!tb[V6GW_A_BIB] ||
	    nl_parse_nested(tb[V6GW_A_BIB], btb, V6GW_BIB_A_MAX) < MNL_CB_OK ||
	    !nl_get_u8(btb[V6GW_BIB_A_PROTO], &e->proto) ||
	    !nl_get_binary(btb[V6GW_BIB_A_ADDR6], &e->t6.addr,
			   sizeof(e->t6.addr)) ||
	    !nl_get_u16(btb[V6GW_BIB_A_PORT6], 65535, &e->t6.port) ||
	    !nl_get_binary(btb[V6GW_BIB_A_ADDR4], &e->t4.addr,
			   sizeof(e->t4.addr)) ||
	    !nl_get_u16(btb[V6GW_BIB_A_PORT4], 65535, &e->t4.port) ||
	    (btb[V6GW_BIB_A_STATIC] &&
	     !nl_get_u8(btb[V6GW_BIB_A_STATIC], &e->is_static)) ||
	    (btb[V6GW_BIB_A_SESSIONS] &&
	     !nl_get_u32(btb[V6GW_BIB_A_SESSIONS], &e->sessions)))
		return cli_bad_msg();
	return MNL_CB_OK;
}

/*
 * Plain: "PROTO [IPV6ADDR]:PORT IPV4ADDR:PORT" after @lead, then " static
 * N" or " dynamic N" unless @kind is false ("bib add" words).
 */
static void bib_print_plain(const struct bib_entry *e, const char *lead,
			    bool kind)
{
	char b6[TADDR6_STRLEN], b4[TADDR4_STRLEN], pb[PROTO_STRLEN];

	printf("%s%s %s %s", lead, nat64_proto_name(e->proto, pb),
	       nat64_fmt_taddr6(b6, &e->t6.addr, e->t6.port),
	       nat64_fmt_taddr4(b4, &e->t4.addr, e->t4.port));
	if (kind)
		printf(" %s %u", e->is_static ? "static" : "dynamic",
		       e->sessions);
	putchar('\n');
}

static int bib_cb(const struct nlmsghdr *nlh, void *data)
{
	char a6[INET6_ADDRSTRLEN], a4[INET_ADDRSTRLEN], pb[PROTO_STRLEN];
	struct bib_entry e = {};
	struct cli_stream *s = data;
	struct json *j;
	int ret;

	ret = bib_parse(nlh, &e);
	if (ret < MNL_CB_OK)
		return ret;
	j = cli_stream_entry(s);
	if (!j) {
		bib_print_plain(&e, "", true);
		return MNL_CB_OK;
	}
	json_obj_open(j);
	json_kv_str(j, "proto", nat64_proto_name(e.proto, pb));
	json_kv_str(j, "ipv6", nat64_fmt_addr6(a6, &e.t6.addr));
	json_kv_u64(j, "port6", e.t6.port);
	json_kv_str(j, "ipv4", nat64_fmt_addr4(a4, &e.t4.addr));
	json_kv_u64(j, "port4", e.t4.port);
	json_kv_bool(j, "static", e.is_static);
	json_kv_u64(j, "sessions", e.sessions);
	json_obj_close(j);
	return MNL_CB_OK;
}

/*
 * v6gw save: the static entries only; the dynamic ones are state. The dump
 * follows hash order, which differs from one namespace to the next: the
 * static entries are gathered (few; the dynamic ones are not kept) and
 * printed sorted by protocol number, IPv4 address and port, so that a
 * restored namespace saves the same text.
 */
struct bib_statics {
	struct bib_entry *v;
	size_t n, cap;
};

static int bib_save_cb(const struct nlmsghdr *nlh, void *data)
{
	struct bib_statics *bs = data;
	struct bib_entry e = {};
	int ret;

	ret = bib_parse(nlh, &e);
	if (ret < MNL_CB_OK || !e.is_static)
		return ret;
	if (util_array_grow(&bs->v, &bs->cap, bs->n + 1, sizeof(*bs->v)))
		return MNL_CB_ERROR;
	bs->v[bs->n++] = e;
	return MNL_CB_OK;
}

static int bib_cmp(const void *a, const void *b)
{
	const struct bib_entry *x = a, *y = b;
	int d;

	if (x->proto != y->proto)
		return x->proto < y->proto ? -1 : 1;
	d = memcmp(&x->t4.addr, &y->t4.addr, sizeof(x->t4.addr));
	if (d)
		return d;
	return (int)x->t4.port - (int)y->t4.port;
}

int nat64_bib_save(struct nl *nl)
{
	struct bib_statics bs = {};
	size_t i;
	int ret;

	ret = nl_talk(nl, nl_msg(nl, V6GW_CMD_NAT64_BIB_GET, NLM_F_DUMP),
		      bib_save_cb, &bs) ? CLI_FAIL : CLI_OK;
	if (!ret) {
		qsort(bs.v, bs.n, sizeof(*bs.v), bib_cmp);
		for (i = 0; i < bs.n; i++)
			bib_print_plain(&bs.v[i], "nat64 bib add proto ", false);
	}
	free(bs.v);
	return ret;
}

static int bib_proto(const char *val, void *req)
{
	struct bib_req *r = req;

	r->has_proto = true;
	return nat64_parse_proto(val, &r->proto);
}

static const struct nat64_kw proto_kws[] = {
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
		return nat64_parse_taddr6(arg, &r->t6);
	}
	if (r->has4) {
		util_err("unexpected argument \"%s\": the IPv4 transport address is given already",
			 arg);
		return -1;
	}
	r->has4 = true;
	return nat64_parse_taddr4(arg, &r->t4);
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

	ret = nat64_parse_args(argc, argv, path, proto_kws, ARRAY_SIZE(proto_kws),
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
	return cli_request(cmd, put_bib, &r);
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
	struct cli_stream s = {};
	struct bib_req r = {};
	struct nlmsghdr *nlh;
	struct nl *nl;
	int ret;

	ret = nat64_parse_args(argc, argv, "nat64 bib show", proto_kws,
			 ARRAY_SIZE(proto_kws), NULL, &r, usage_bib_lvl);
	if (ret)
		return ret;
	nl = cli_io_start(&ret);
	if (!nl)
		return ret;
	nlh = nl_msg(nl, V6GW_CMD_NAT64_BIB_GET, NLM_F_DUMP);
	if (r.has_proto && put_bib(nlh, &r))
		return CLI_FAIL;
	ret = nl_talk(nl, nlh, bib_cb, &s) ? CLI_FAIL : CLI_OK;
	return cli_stream_end(&s, ret);
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

int nat64_bib(int argc, char **argv)
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
	struct cli_stream *s = data;
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
		return cli_bad_msg();
	has_state = proto == IPPROTO_TCP && stb[V6GW_SESSION_A_STATE];
	if (has_state && !nl_get_u8(stb[V6GW_SESSION_A_STATE], &state))
		return cli_bad_msg();
	has_exp = stb[V6GW_SESSION_A_EXPIRES];
	if (has_exp && !nl_get_u32(stb[V6GW_SESSION_A_EXPIRES], &expires))
		return cli_bad_msg();

	j = cli_stream_entry(s);
	if (!j) {
		printf("%s %s %s %s %s %s ", nat64_proto_name(proto, pb),
		       nat64_fmt_taddr6(x6, &src6, sport6),
		       nat64_fmt_taddr6(y6, &dst6, dport6),
		       nat64_fmt_taddr4(t4, &src4, sport4),
		       nat64_fmt_taddr4(y4, &dst4, dport4),
		       has_state ? state_name(state, sb) : "-");
		if (has_exp)
			printf("%u\n", (unsigned int)((expires + 999ULL) / 1000));
		else
			puts("-");
		return MNL_CB_OK;
	}
	json_obj_open(j);
	json_kv_str(j, "proto", nat64_proto_name(proto, pb));
	json_kv_str(j, "src6", nat64_fmt_addr6(ab, &src6));
	json_kv_u64(j, "sport6", sport6);
	json_kv_str(j, "dst6", nat64_fmt_addr6(ab, &dst6));
	json_kv_u64(j, "dport6", dport6);
	json_kv_str(j, "src4", nat64_fmt_addr4(ab, &src4));
	json_kv_u64(j, "sport4", sport4);
	json_kv_str(j, "dst4", nat64_fmt_addr4(ab, &dst4));
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
	return nat64_parse_proto(val, &r->proto);
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

static const struct nat64_kw session_kws[] = {
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
	struct cli_stream s = {};
	struct nlmsghdr *nlh;
	struct nl *nl;
	int ret;

	ret = nat64_parse_args(argc, argv, "nat64 session show", session_kws,
			 ARRAY_SIZE(session_kws), NULL, &r, usage_session_lvl);
	if (ret)
		return ret;
	nl = cli_io_start(&ret);
	if (!nl)
		return ret;
	nlh = nl_msg(nl, V6GW_CMD_NAT64_SESSION_GET, NLM_F_DUMP);
	if (put_session(nlh, &r))
		return CLI_FAIL;
	ret = nl_talk(nl, nlh, session_cb, &s) ? CLI_FAIL : CLI_OK;
	return cli_stream_end(&s, ret);
}

static int session_flush(int argc, char **argv)
{
	struct session_req r = {};
	int ret;

	/* session_kws[0] is proto, the only filter of a flush */
	ret = nat64_parse_args(argc, argv, "nat64 session flush", session_kws, 1,
			 NULL, &r, usage_session_lvl);
	if (ret)
		return ret;
	return cli_request(V6GW_CMD_NAT64_SESSION_DEL, put_session, &r);
}


static int session_count(int argc, char **argv)
{
	struct nl *nl;
	int ret;

	nl = cli_show_start(argc, argv, usage_session_lvl, &ret);
	if (!nl)
		return ret;
	return nat64_counts_show(nl);
}

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

int nat64_session(int argc, char **argv)
{
	return cli_dispatch(&session_level, argc, argv);
}

