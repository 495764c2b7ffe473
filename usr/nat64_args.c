// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw nat64: the words shared by its commands: the protocols, ports and
 * transport addresses, and the "KEYWORD VALUE" argument lists.
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

/* Protocols */

static const struct {
	const char *name;
	uint8_t proto;
} protos[] = {
	{ "tcp", IPPROTO_TCP },
	{ "udp", IPPROTO_UDP },
	{ "icmp", IPPROTO_ICMP },
};

const char *nat64_proto_name(uint8_t proto, char buf[PROTO_STRLEN])
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(protos); i++)
		if (protos[i].proto == proto)
			return protos[i].name;
	snprintf(buf, PROTO_STRLEN, "%u", proto);
	return buf;
}

/* Values are not abbreviated: "tcp", "udp" or "icmp". */
int nat64_parse_proto(const char *s, uint8_t *proto)
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

int nat64_parse_port(const char *s, uint16_t *port)
{
	uint64_t v;

	if (util_parse_uint(s, 0, 65535, &v))
		return -1;
	*port = (uint16_t)v;
	return 0;
}


int nat64_parse_taddr6(const char *s, struct taddr6 *t)
{
	char addr[INET6_ADDRSTRLEN];
	const char *end = strchr(s, ']');

	if (s[0] != '[' || !end || end[1] != ':' ||
	    (size_t)(end - s - 1) >= sizeof(addr))
		goto bad;
	memcpy(addr, s + 1, end - s - 1);
	addr[end - s - 1] = '\0';
	if (inet_pton(AF_INET6, addr, &t->addr) != 1 ||
	    nat64_parse_port(end + 2, &t->port))
		goto bad;
	return 0;
bad:
	util_err("invalid IPv6 transport address \"%s\" (expected [IPV6ADDR]:PORT)",
		 s);
	return -1;
}

int nat64_parse_taddr4(const char *s, struct taddr4 *t)
{
	char addr[INET_ADDRSTRLEN];
	const char *colon = strchr(s, ':');

	if (!colon || (size_t)(colon - s) >= sizeof(addr))
		goto bad;
	memcpy(addr, s, colon - s);
	addr[colon - s] = '\0';
	if (inet_pton(AF_INET, addr, &t->addr) != 1 ||
	    nat64_parse_port(colon + 1, &t->port))
		goto bad;
	return 0;
bad:
	util_err("invalid IPv4 transport address \"%s\" (expected IPV4ADDR:PORT)",
		 s);
	return -1;
}

const char *nat64_fmt_taddr6(char buf[TADDR6_STRLEN],
			      const struct in6_addr *a, uint16_t port)
{
	char addr[INET6_ADDRSTRLEN];

	if (!inet_ntop(AF_INET6, a, addr, sizeof(addr)))
		strcpy(addr, "?");
	snprintf(buf, TADDR6_STRLEN, "[%s]:%u", addr, port);
	return buf;
}

const char *nat64_fmt_taddr4(char buf[TADDR4_STRLEN],
			      const struct in_addr *a, uint16_t port)
{
	char addr[INET_ADDRSTRLEN];

	if (!inet_ntop(AF_INET, a, addr, sizeof(addr)))
		strcpy(addr, "?");
	snprintf(buf, TADDR4_STRLEN, "%s:%u", addr, port);
	return buf;
}

const char *nat64_fmt_addr6(char buf[INET6_ADDRSTRLEN],
			     const struct in6_addr *a)
{
	if (!inet_ntop(AF_INET6, a, buf, INET6_ADDRSTRLEN))
		strcpy(buf, "?");
	return buf;
}

const char *nat64_fmt_addr4(char buf[INET_ADDRSTRLEN],
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
static bool is_keyword(const char *w, const struct nat64_kw *kws, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (*w && !strncmp(kws[i].name, w, strlen(w)))
			return true;
	return false;
}

int nat64_parse_args(int argc, char **argv, const char *path,
		      const struct nat64_kw *kws, size_t nkws,
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

