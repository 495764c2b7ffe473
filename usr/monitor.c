// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw monitor [config] [events]: print what the module multicasts, one
 * line per message (one JSON object per line with -j): configuration
 * changes (V6GW_MCGRP_CONFIG: the command and attributes of every change,
 * and rules removed with their interface) and data-path events
 * (V6GW_MCGRP_EVENTS: NAT64 pool4 exhausted / session limit, DHCPv6-PD
 * delegations added, renewed, expired, removed).
 *
 * Each line starts with the command's uapi name (V6GW_CMD_ without the
 * prefix, e.g. RA_DEL). Messages are printed from a description of the contract (the tables
 * below), not by each object's show code, so that every command prints
 * without knowing it in advance; an attribute the tables do not know is
 * printed as "attrN" with its bytes in hex. The tables are indexed by the
 * uapi enums, and their sizes are checked against the enums' MAX at build
 * time, so a new attribute without a name does not compile.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/v6gw.h>

#include "json.h"
#include "nl.h"
#include "utils.h"
#include "v6gw.h"

enum kind {
	K_NONE,		/* unknown: hex */
	K_U8, K_U16, K_U32, K_U64,
	K_ADDR4, K_ADDR6, K_ADDR6_LIST, K_STR,
	K_PREFIX6, K_PREFIX4,	/* nests printed as ADDR/LEN */
	K_NEST,		/* nest described by .sub */
	K_STR_LIST,	/* nest of strings: a list */
	K_ENUM,		/* u8 named by .names */
};

struct attr_desc {
	const char *name;
	enum kind kind;
	const struct attr_set *sub;
	const char *const *names;	/* K_ENUM: by value, up to nnames */
	unsigned int nnames;
};

#define ENUM(n, tab) { n, K_ENUM, NULL, tab, ARRAY_SIZE(tab) }

static const char *const proto_names[] = {
	[1] = "icmp", [6] = "tcp", [17] = "udp",
};
static const char *const pd_event_names[] = {
	[V6GW_PD_EV_ADDED] = "added", [V6GW_PD_EV_RENEWED] = "renewed",
	[V6GW_PD_EV_EXPIRED] = "expired", [V6GW_PD_EV_REMOVED] = "removed",
	[V6GW_PD_EV_REFUSED] = "refused",
};
static const char *const pd_origin_names[] = {
	[V6GW_PD_ORIGIN_USER] = "user", [V6GW_PD_ORIGIN_SNOOP] = "snoop",
};
static const char *const ra_mode_names[] = {
	[V6GW_RA_MODE_ADD] = "add", [V6GW_RA_MODE_REPLACE] = "replace",
};
static const char *const nat64_event_names[] = {
	[V6GW_NAT64_EV_POOL4_EXHAUSTED] = "pool4-exhausted",
	[V6GW_NAT64_EV_SESSION_LIMIT] = "session-limit",
};
static const char *const filtering_names[] = {
	[V6GW_NAT64_FILTER_ENDPOINT] = "endpoint",
	[V6GW_NAT64_FILTER_ADDRESS] = "address",
};

struct attr_set {
	const struct attr_desc *attrs;
	unsigned int max;
};

#define SET(tab, maxv) \
	{ .attrs = tab, .max = maxv }
#define CHECK(tab, maxv) \
	_Static_assert(ARRAY_SIZE(tab) == (maxv) + 1, #tab " needs a row per attribute")

static const struct attr_desc eam_attrs[] = {
	[V6GW_EAM_A_PREFIX6] = { "prefix6", K_PREFIX6 },
	[V6GW_EAM_A_PREFIX4] = { "prefix4", K_PREFIX4 },
};
CHECK(eam_attrs, V6GW_EAM_A_MAX);

static const struct attr_desc siit_attrs[] = {
	[V6GW_SIIT_A_RFC6791V4] = { "rfc6791v4", K_PREFIX4 },
	[V6GW_SIIT_A_RFC6791V6] = { "rfc6791v6", K_PREFIX6 },
	[V6GW_SIIT_A_LOWEST_IPV6_MTU] = { "lowest-ipv6-mtu", K_U32 },
	[V6GW_SIIT_A_AMEND_UDP_ZERO] = { "amend-udp-zero", K_U8 },
	[V6GW_SIIT_A_TOS] = { "tos", K_U16 },
	[V6GW_SIIT_A_TCLASS] = { "tclass", K_U16 },
	[V6GW_SIIT_A_UNSET] = { "unset", K_U32 },
};
CHECK(siit_attrs, V6GW_SIIT_A_MAX);

static const struct attr_desc pool4_attrs[] = {
	[V6GW_POOL4_A_PREFIX4] = { "prefix", K_PREFIX4 },
	[V6GW_POOL4_A_PROTO] = ENUM("proto", proto_names),
	[V6GW_POOL4_A_PORT_MIN] = { "port-min", K_U16 },
	[V6GW_POOL4_A_PORT_MAX] = { "port-max", K_U16 },
};
CHECK(pool4_attrs, V6GW_POOL4_A_MAX);

static const struct attr_desc bib_attrs[] = {
	[V6GW_BIB_A_PROTO] = ENUM("proto", proto_names),
	[V6GW_BIB_A_ADDR6] = { "addr6", K_ADDR6 },
	[V6GW_BIB_A_PORT6] = { "port6", K_U16 },
	[V6GW_BIB_A_ADDR4] = { "addr4", K_ADDR4 },
	[V6GW_BIB_A_PORT4] = { "port4", K_U16 },
	[V6GW_BIB_A_STATIC] = { "static", K_U8 },
	[V6GW_BIB_A_SESSIONS] = { "sessions", K_U32 },
};
CHECK(bib_attrs, V6GW_BIB_A_MAX);

static const struct attr_desc session_attrs[] = {
	[V6GW_SESSION_A_PROTO] = ENUM("proto", proto_names),
	[V6GW_SESSION_A_ADDR6] = { "addr6", K_ADDR6 },
	[V6GW_SESSION_A_ADDR4] = { "addr4", K_ADDR4 },
	[V6GW_SESSION_A_SRC6] = { "src6", K_ADDR6 },
	[V6GW_SESSION_A_SPORT6] = { "sport6", K_U16 },
	[V6GW_SESSION_A_DST6] = { "dst6", K_ADDR6 },
	[V6GW_SESSION_A_DPORT6] = { "dport6", K_U16 },
	[V6GW_SESSION_A_SRC4] = { "src4", K_ADDR4 },
	[V6GW_SESSION_A_SPORT4] = { "sport4", K_U16 },
	[V6GW_SESSION_A_DST4] = { "dst4", K_ADDR4 },
	[V6GW_SESSION_A_DPORT4] = { "dport4", K_U16 },
	[V6GW_SESSION_A_STATE] = { "state", K_U8 },
	[V6GW_SESSION_A_EXPIRES] = { "expires-ms", K_U32 },
};
CHECK(session_attrs, V6GW_SESSION_A_MAX);

static const struct attr_desc nat64_attrs[] = {
	[V6GW_NAT64_A_TCP_EST] = { "tcp-est", K_U32 },
	[V6GW_NAT64_A_TCP_TRANS] = { "tcp-trans", K_U32 },
	[V6GW_NAT64_A_UDP] = { "udp", K_U32 },
	[V6GW_NAT64_A_ICMP] = { "icmp", K_U32 },
	[V6GW_NAT64_A_TCP_SYN] = { "tcp-syn", K_U32 },
	[V6GW_NAT64_A_FILTERING] = ENUM("filtering", filtering_names),
	[V6GW_NAT64_A_MAX_SESSIONS] = { "max-sessions", K_U32 },
	[V6GW_NAT64_A_WKPF_STRICT] = { "wkpf-strict", K_U8 },
	[V6GW_NAT64_A_BIB_TCP] = { "bib-tcp", K_U32 },
	[V6GW_NAT64_A_BIB_UDP] = { "bib-udp", K_U32 },
	[V6GW_NAT64_A_BIB_ICMP] = { "bib-icmp", K_U32 },
	[V6GW_NAT64_A_SESSIONS_TCP] = { "sessions-tcp", K_U32 },
	[V6GW_NAT64_A_SESSIONS_UDP] = { "sessions-udp", K_U32 },
	[V6GW_NAT64_A_SESSIONS_ICMP] = { "sessions-icmp", K_U32 },
};
CHECK(nat64_attrs, V6GW_NAT64_A_MAX);

static const struct attr_desc nat64_event_attrs[] = {
	[V6GW_NAT64_EVENT_A_TYPE] = ENUM("type", nat64_event_names),
	[V6GW_NAT64_EVENT_A_PROTO] = ENUM("proto", proto_names),
};
CHECK(nat64_event_attrs, V6GW_NAT64_EVENT_A_MAX);

/* V6GW_RA_A_DNSSL holds V6GW_RA_DNSSL_A_NAME attributes only: a list. */
_Static_assert(V6GW_RA_DNSSL_A_MAX == V6GW_RA_DNSSL_A_NAME,
	       "the DNSSL nest is no longer a plain list of names");

static const struct attr_desc ra_attrs[] = {
	[V6GW_RA_A_IFINDEX] = { "ifindex", K_U32 },
	[V6GW_RA_A_IFNAME] = { "dev", K_STR },
	[V6GW_RA_A_RDNSS] = { "rdnss", K_ADDR6_LIST },
	[V6GW_RA_A_DNSSL] = { "dnssl", K_STR_LIST },
	[V6GW_RA_A_PREF64] = { "pref64", K_PREFIX6 },
	[V6GW_RA_A_LIFETIME] = { "lifetime", K_U32 },
	[V6GW_RA_A_MODE] = ENUM("mode", ra_mode_names),
};
CHECK(ra_attrs, V6GW_RA_A_MAX);

static const struct attr_desc pd_attrs[] = {
	[V6GW_PD_A_PREFIX] = { "prefix", K_PREFIX6 },
	[V6GW_PD_A_VIA] = { "via", K_ADDR6 },
	[V6GW_PD_A_IFINDEX] = { "ifindex", K_U32 },
	[V6GW_PD_A_IFNAME] = { "dev", K_STR },
	[V6GW_PD_A_VALID] = { "valid", K_U32 },
	[V6GW_PD_A_PREFERRED] = { "preferred", K_U32 },
	[V6GW_PD_A_VALID_UNTIL] = { "valid-until", K_U64 },
	[V6GW_PD_A_PREFERRED_UNTIL] = { "preferred-until", K_U64 },
	[V6GW_PD_A_ORIGIN] = ENUM("origin", pd_origin_names),
	[V6GW_PD_A_EVENT] = ENUM("event", pd_event_names),
	[V6GW_PD_A_PAD] = { NULL, K_NONE },
};
CHECK(pd_attrs, V6GW_PD_A_MAX);

static const struct attr_desc pd_snoop_attrs[] = {
	[V6GW_PD_SNOOP_A_IFINDEX] = { "ifindex", K_U32 },
	[V6GW_PD_SNOOP_A_IFNAME] = { "dev", K_STR },
	[V6GW_PD_SNOOP_A_ENABLE] = { "enable", K_U8 },
};
CHECK(pd_snoop_attrs, V6GW_PD_SNOOP_A_MAX);

static const char *const clat_event_names[] = {
	[V6GW_CLAT_EV_LEARNED] = "learned",
	[V6GW_CLAT_EV_CHANGED] = "changed",
	[V6GW_CLAT_EV_WITHDRAWN] = "withdrawn",
};

static const struct attr_desc clat_attrs[] = {
	[V6GW_CLAT_A_PREFIX4] = { "ipv4", K_PREFIX4 },
	[V6GW_CLAT_A_PREFIX6] = { "ipv6", K_PREFIX6 },
	[V6GW_CLAT_A_PLAT] = { "plat", K_PREFIX6 },
	[V6GW_CLAT_A_PLAT_IFINDEX] = { "plat-ifindex", K_U32 },
	[V6GW_CLAT_A_PLAT_LIFETIME] = { "plat-lifetime", K_U32 },
	[V6GW_CLAT_A_EVENT] = ENUM("event", clat_event_names),
	[V6GW_CLAT_A_HOST] = { "host", K_U8 },
	[V6GW_CLAT_A_HOST_IFINDEX] = { "host-ifindex", K_U32 },
};
CHECK(clat_attrs, V6GW_CLAT_A_MAX);

#define NEST(name, tab, maxv) \
	{ name, K_NEST, &(const struct attr_set)SET(tab, maxv) }

static const struct attr_desc top_attrs[] = {
	[V6GW_A_STATS] = { "stats", K_NONE },
	[V6GW_A_PREFIX] = { "prefix", K_PREFIX6 },
	[V6GW_A_PREFIX4] = { "prefix4", K_PREFIX4 },
	[V6GW_A_EAM] = NEST("eam", eam_attrs, V6GW_EAM_A_MAX),
	[V6GW_A_SIIT] = NEST("siit", siit_attrs, V6GW_SIIT_A_MAX),
	[V6GW_A_POOL4] = NEST("pool4", pool4_attrs, V6GW_POOL4_A_MAX),
	[V6GW_A_BIB] = NEST("bib", bib_attrs, V6GW_BIB_A_MAX),
	[V6GW_A_SESSION] = NEST("session", session_attrs, V6GW_SESSION_A_MAX),
	[V6GW_A_NAT64] = NEST("nat64", nat64_attrs, V6GW_NAT64_A_MAX),
	[V6GW_A_NAT64_EVENT] = NEST("nat64-event", nat64_event_attrs,
				    V6GW_NAT64_EVENT_A_MAX),
	[V6GW_A_RA] = NEST("ra", ra_attrs, V6GW_RA_A_MAX),
	[V6GW_A_PD] = NEST("pd", pd_attrs, V6GW_PD_A_MAX),
	[V6GW_A_PD_SNOOP] = NEST("pd-snoop", pd_snoop_attrs,
				 V6GW_PD_SNOOP_A_MAX),
	[V6GW_A_CLAT] = NEST("clat", clat_attrs, V6GW_CLAT_A_MAX),
};
CHECK(top_attrs, V6GW_A_MAX);
static const struct attr_set top_set = SET(top_attrs, V6GW_A_MAX);

static const char *const cmd_names[] = {
	[V6GW_CMD_STATS_GET] = "STATS_GET",
	[V6GW_CMD_SIIT_PREFIX_NEW] = "SIIT_PREFIX_NEW",
	[V6GW_CMD_SIIT_PREFIX_DEL] = "SIIT_PREFIX_DEL",
	[V6GW_CMD_SIIT_PREFIX_GET] = "SIIT_PREFIX_GET",
	[V6GW_CMD_SIIT_EAM_NEW] = "SIIT_EAM_NEW",
	[V6GW_CMD_SIIT_EAM_DEL] = "SIIT_EAM_DEL",
	[V6GW_CMD_SIIT_EAM_GET] = "SIIT_EAM_GET",
	[V6GW_CMD_SIIT_DENY_NEW] = "SIIT_DENY_NEW",
	[V6GW_CMD_SIIT_DENY_DEL] = "SIIT_DENY_DEL",
	[V6GW_CMD_SIIT_DENY_GET] = "SIIT_DENY_GET",
	[V6GW_CMD_SIIT_SET] = "SIIT_SET",
	[V6GW_CMD_SIIT_GET] = "SIIT_GET",
	[V6GW_CMD_NAT64_PREFIX_NEW] = "NAT64_PREFIX_NEW",
	[V6GW_CMD_NAT64_PREFIX_DEL] = "NAT64_PREFIX_DEL",
	[V6GW_CMD_NAT64_PREFIX_GET] = "NAT64_PREFIX_GET",
	[V6GW_CMD_NAT64_POOL4_NEW] = "NAT64_POOL4_NEW",
	[V6GW_CMD_NAT64_POOL4_DEL] = "NAT64_POOL4_DEL",
	[V6GW_CMD_NAT64_POOL4_GET] = "NAT64_POOL4_GET",
	[V6GW_CMD_NAT64_BIB_NEW] = "NAT64_BIB_NEW",
	[V6GW_CMD_NAT64_BIB_DEL] = "NAT64_BIB_DEL",
	[V6GW_CMD_NAT64_BIB_GET] = "NAT64_BIB_GET",
	[V6GW_CMD_NAT64_SESSION_GET] = "NAT64_SESSION_GET",
	[V6GW_CMD_NAT64_SESSION_DEL] = "NAT64_SESSION_DEL",
	[V6GW_CMD_NAT64_SET] = "NAT64_SET",
	[V6GW_CMD_NAT64_GET] = "NAT64_GET",
	[V6GW_CMD_NAT64_EVENT] = "NAT64_EVENT",
	[V6GW_CMD_RA_SET] = "RA_SET",
	[V6GW_CMD_RA_DEL] = "RA_DEL",
	[V6GW_CMD_RA_GET] = "RA_GET",
	[V6GW_CMD_PD_NEW] = "PD_NEW",
	[V6GW_CMD_PD_DEL] = "PD_DEL",
	[V6GW_CMD_PD_FLUSH] = "PD_FLUSH",
	[V6GW_CMD_PD_GET] = "PD_GET",
	[V6GW_CMD_PD_SNOOP_SET] = "PD_SNOOP_SET",
	[V6GW_CMD_PD_SNOOP_GET] = "PD_SNOOP_GET",
	[V6GW_CMD_PD_EVENT] = "PD_EVENT",
	[V6GW_CMD_TXN_BEGIN] = "TXN_BEGIN",
	[V6GW_CMD_TXN_COMMIT] = "TXN_COMMIT",
	[V6GW_CMD_TXN_ABORT] = "TXN_ABORT",
	[V6GW_CMD_FLUSH] = "FLUSH",
	[V6GW_CMD_CLAT_SET] = "CLAT_SET",
	[V6GW_CMD_CLAT_DEL] = "CLAT_DEL",
	[V6GW_CMD_CLAT_GET] = "CLAT_GET",
	[V6GW_CMD_CLAT_EVENT] = "CLAT_EVENT",
};
_Static_assert(ARRAY_SIZE(cmd_names) == V6GW_CMD_MAX + 1,
	       "cmd_names needs a row per command");

/* Printing: text ("name value", nests in braces) or JSON. */
struct out {
	struct json *j;		/* NULL: text */
	bool first;
};

static void out_key(struct out *o, const char *name)
{
	if (o->j) {
		json_key(o->j, name);
		return;
	}
	printf("%s%s ", o->first ? "" : " ", name);
	o->first = false;
}

static void out_str(struct out *o, const char *s)
{
	if (o->j)
		json_str(o->j, s);
	else
		fputs(s, stdout);
}

static void out_u64(struct out *o, uint64_t v)
{
	if (o->j)
		json_u64(o->j, v);
	else
		printf("%llu", (unsigned long long)v);
}

static void print_set(struct out *o, const struct nlattr *nest,
		      const struct attr_set *set);

static void print_hex(struct out *o, const struct nlattr *a)
{
	const uint8_t *p = mnl_attr_get_payload(a);
	uint16_t n = mnl_attr_get_payload_len(a), i;
	char buf[2 * 64 + 4] = "";

	for (i = 0; i < n && i < 64; i++)
		snprintf(buf + 2 * i, 3, "%02x", p[i]);
	if (n > 64)
		strcat(buf, "..");
	out_str(o, buf);
}

static void print_attr(struct out *o, const struct nlattr *a,
		       const struct attr_desc *d)
{
	uint16_t len = mnl_attr_get_payload_len(a);
	const void *p = mnl_attr_get_payload(a);
	char buf[PREFIX6_STRLEN];

	switch (d->kind) {
	case K_U8:
		if (len == 1)
			return out_u64(o, *(const uint8_t *)p);
		break;
	case K_U16:
		if (len == 2)
			return out_u64(o, mnl_attr_get_u16(a));
		break;
	case K_U32:
		if (len == 4)
			return out_u64(o, mnl_attr_get_u32(a));
		break;
	case K_U64:
		if (len == 8)
			return out_u64(o, mnl_attr_get_u64(a));
		break;
	case K_ADDR4:
		if (len == 4)
			return out_str(o, inet_ntop(AF_INET, p, buf, sizeof(buf)));
		break;
	case K_ADDR6:
		if (len == 16)
			return out_str(o, inet_ntop(AF_INET6, p, buf, sizeof(buf)));
		break;
	case K_ADDR6_LIST:
		if (len && !(len % 16)) {
			uint16_t i;

			if (o->j)
				json_arr_open(o->j);
			for (i = 0; i < len; i += 16) {
				inet_ntop(AF_INET6, (const uint8_t *)p + i, buf,
					  sizeof(buf));
				if (!o->j && i)
					putchar(',');
				out_str(o, buf);
			}
			if (o->j)
				json_arr_close(o->j);
			return;
		}
		break;
	case K_STR:
		if (len && memchr(p, '\0', len))
			return out_str(o, p);
		break;
	case K_PREFIX6: {
		struct prefix6 pf;

		if (!nl_get_prefix6(a, &pf))
			return out_str(o, util_fmt_prefix6(buf, &pf));
		break;
	}
	case K_PREFIX4: {
		struct prefix4 pf;

		if (!nl_get_prefix4(a, &pf))
			return out_str(o, util_fmt_prefix4(buf, &pf));
		break;
	}
	case K_NEST:
		return print_set(o, a, d->sub);
	case K_STR_LIST: {
		const struct nlattr *e;
		bool first = true;

		if (o->j)
			json_arr_open(o->j);
		mnl_attr_for_each_nested(e, a) {
			const char *str = mnl_attr_get_payload(e);
			uint16_t n = mnl_attr_get_payload_len(e);

			if (!n || !memchr(str, '\0', n))
				str = "?";
			if (!o->j && !first)
				putchar(',');
			out_str(o, str);
			first = false;
		}
		if (o->j)
			json_arr_close(o->j);
		return;
	}
	case K_ENUM:
		if (len == 1) {
			uint8_t v = *(const uint8_t *)p;

			if (v < d->nnames && d->names[v])
				return out_str(o, d->names[v]);
			return out_u64(o, v);
		}
		break;
	case K_NONE:
		break;
	}
	print_hex(o, a);
}

static void print_set(struct out *o, const struct nlattr *nest,
		      const struct attr_set *set)
{
	const struct nlattr *a;

	if (o->j)
		json_obj_open(o->j);
	else
		fputs("{ ", stdout);
	o->first = true;
	mnl_attr_for_each_nested(a, nest) {
		uint16_t type = mnl_attr_get_type(a);
		const struct attr_desc *d = type <= set->max ?
					    &set->attrs[type] : NULL;
		char name[16];

		if (!d || !d->name) {
			if (d && type)	/* padding */
				continue;
			snprintf(name, sizeof(name), "attr%u", type);
			out_key(o, name);
			print_hex(o, a);
			continue;
		}
		out_key(o, d->name);
		print_attr(o, a, d);
		o->first = false;
	}
	if (o->j)
		json_obj_close(o->j);
	else
		fputs(" }", stdout);
	o->first = false;
}

struct mon {
	uint32_t grp_config, grp_events;
	bool json;
};

static int monitor_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	struct mon *m = data;
	struct out o = { .first = false };	/* text: after the name */
	struct json j;
	const struct nlattr *a;
	const char *name;
	char cmd[16];

	if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*g))
		return MNL_CB_OK;
	name = g->cmd <= V6GW_CMD_MAX && cmd_names[g->cmd] ?
	       cmd_names[g->cmd] : NULL;
	if (!name) {
		snprintf(cmd, sizeof(cmd), "cmd%u", g->cmd);
		name = cmd;
	}
	if (m->json) {
		json_init(&j, stdout, false);
		o.j = &j;
		json_obj_open(&j);
		json_kv_str(&j, "cmd", name);
	} else {
		fputs(name, stdout);
	}
	mnl_attr_for_each(a, nlh, sizeof(*g)) {
		uint16_t type = mnl_attr_get_type(a);
		const struct attr_desc *d = type <= V6GW_A_MAX ?
					    &top_set.attrs[type] : NULL;
		char key[16];

		if (d && d->name) {
			out_key(&o, d->name);
			print_attr(&o, a, d);
		} else {
			snprintf(key, sizeof(key), "attr%u", type);
			out_key(&o, key);
			print_hex(&o, a);
		}
	}
	if (m->json) {
		json_obj_close(&j);
		json_end(&j);
	} else {
		putchar('\n');
	}
	fflush(stdout);
	return MNL_CB_OK;
}

void v6gw_monitor_usage(FILE *f)
{
	fputs("  v6gw monitor [ config | events ]...\n"
	      "                                    print configuration changes and\n"
	      "                                    data-path events as they happen\n",
	      f);
}

int v6gw_monitor_main(int argc, char **argv)
{
	const char *groups[2];
	struct mon m = { .json = cli_opts.json };
	unsigned int n = 0;
	struct nl *nl;
	int i, ret;

	for (i = 0; i < argc; i++) {
		if (util_is_help(argv[i])) {
			printf("Usage:\n");
			v6gw_monitor_usage(stdout);
			return CLI_OK;
		}
		if (!strcmp(argv[i], "config") || !strcmp(argv[i], "events")) {
			if (n < 2)
				groups[n++] = argv[i];
			continue;
		}
		util_err("monitor: unknown group \"%s\" (config, events)",
			 argv[i]);
		return CLI_USAGE;
	}
	if (!n) {
		groups[n++] = V6GW_MCGRP_CONFIG;
		groups[n++] = V6GW_MCGRP_EVENTS;
	}
	nl = cli_io_start(&ret);
	if (!nl)
		return ret;
	if (nl_listen(nl, groups, n, monitor_cb, &m))
		return CLI_FAIL;
	return CLI_OK;
}
