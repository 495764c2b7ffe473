/* SPDX-License-Identifier: GPL-2.0 */
/*
 * v6gw nat64: what its files share. nat64.c: usage, settings, "nat64
 * show", dispatch; nat64_args.c: the words of its commands; nat64_pool.c:
 * prefixes and pool4; nat64_bib.c: BIB and sessions.
 */
#ifndef V6GW_NAT64_H
#define V6GW_NAT64_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "utils.h"

/* "[IPV6ADDR]:PORT" plus NUL */
#define TADDR6_STRLEN	(INET6_ADDRSTRLEN + 8)
#define TADDR4_STRLEN	(INET_ADDRSTRLEN + 6)
#define PROTO_STRLEN	8

struct nl;

/* nat64.c */

/* "where PROTO := ...", after the lines of the words that take PROTO */
void nat64_usage_where(FILE *f);
/* "nat64 session count": the table sizes, plain or JSON. */
int nat64_counts_show(struct nl *nl);

/* nat64_args.c */

const char *nat64_proto_name(uint8_t proto, char buf[PROTO_STRLEN]);
/* Values are not abbreviated: "tcp", "udp" or "icmp". */
int nat64_parse_proto(const char *s, uint8_t *proto);
int nat64_parse_port(const char *s, uint16_t *port);

/* Transport addresses: "[IPV6ADDR]:PORT" and "IPV4ADDR:PORT" */
struct taddr6 {
	struct in6_addr addr;
	uint16_t port;
};

struct taddr4 {
	struct in_addr addr;
	uint16_t port;
};

int nat64_parse_taddr6(const char *s, struct taddr6 *t);
int nat64_parse_taddr4(const char *s, struct taddr4 *t);
const char *nat64_fmt_taddr6(char buf[TADDR6_STRLEN],
			     const struct in6_addr *a, uint16_t port);
const char *nat64_fmt_taddr4(char buf[TADDR4_STRLEN],
			     const struct in_addr *a, uint16_t port);
/* "?" when inet_ntop() fails */
const char *nat64_fmt_addr6(char buf[INET6_ADDRSTRLEN],
			    const struct in6_addr *a);
const char *nat64_fmt_addr4(char buf[INET_ADDRSTRLEN],
			    const struct in_addr *a);

/*
 * Arguments made of "KEYWORD VALUE" pairs, in any order, each keyword at
 * most once, and (where @positional is given) other words, the addresses:
 * every word that is not a prefix of a keyword. Keywords may be
 * abbreviated, values may not.
 */
struct nat64_kw {
	const char *name;
	int (*parse)(const char *val, void *req);
};

int nat64_parse_args(int argc, char **argv, const char *path,
		     const struct nat64_kw *kws, size_t nkws,
		     int (*positional)(const char *arg, void *req),
		     void *req, void (*usage)(FILE *f));

/* nat64_pool.c */

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

struct json;

void nat64_usage_prefix(FILE *f);
void nat64_usage_pool4(FILE *f);
int nat64_pool4_fetch(struct nl *nl, struct pool4s *ps);
/*
 * Plain: "PREFIX PROTO LO-HI" lines after @indent (PROTO "all" when the
 * kernel sent none); or [{"prefix":..., "proto":..., "port-min":...,
 * "port-max":...}], proto null for all.
 */
void nat64_pool4_print(const struct pool4s *ps, struct json *j,
		       const char *indent);
/* "PREFIX [proto PROTO] ports LO-HI" lines after @lead: "pool4 add" words */
void nat64_pool4_print_cmds(const struct pool4s *ps, const char *lead);
int nat64_prefix(int argc, char **argv);
int nat64_pool4(int argc, char **argv);

/* nat64_bib.c */

void nat64_usage_bib(FILE *f);
void nat64_usage_session(FILE *f);
int nat64_bib(int argc, char **argv);
/* v6gw save: "nat64 bib add" lines of the static entries, as they arrive */
int nat64_bib_save(struct nl *nl);
int nat64_session(int argc, char **argv);

#endif /* V6GW_NAT64_H */
