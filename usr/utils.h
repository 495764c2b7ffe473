/* SPDX-License-Identifier: GPL-2.0 */
/*
 * v6gw: parsing and printing helpers. Every util_parse_*() prints its own
 * error message (through util_err()) and returns -1 on bad input.
 */
#ifndef V6GW_UTILS_H
#define V6GW_UTILS_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "ADDR/LEN" plus NUL */
#define PREFIX6_STRLEN	(INET6_ADDRSTRLEN + 4)
#define PREFIX4_STRLEN	(INET_ADDRSTRLEN + 3)

struct prefix6 {
	struct in6_addr addr;
	uint8_t len;
};

struct prefix4 {
	struct in_addr addr;
	uint8_t len;
};

void util_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int util_match(const char *word, const void *table, size_t n, size_t stride,
	       const char *what);
bool util_is_help(const char *word);

/* "ADDR/LEN", as an "IPv6 prefix" / "IPv4 prefix" in messages */
int util_parse_prefix6(const char *s, struct prefix6 *p);
int util_parse_prefix4(const char *s, struct prefix4 *p);
/*
 * The same, with @bare: a plain "ADDR" is accepted and means /128 (/32).
 * Messages read: invalid @what "@s" (expected @expect).
 */
int util_parse_prefix6_as(const char *s, struct prefix6 *p, bool bare,
			  const char *what, const char *expect);
int util_parse_prefix4_as(const char *s, struct prefix4 *p, bool bare,
			  const char *what, const char *expect);
int util_parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *v);
int util_parse_u64(const char *s, uint64_t max, uint64_t *v,
		   const char *what);
int util_parse_onoff(const char *s, bool *on, const char *what);

const char *util_fmt_prefix6(char buf[PREFIX6_STRLEN],
			     const struct prefix6 *p);
const char *util_fmt_prefix4(char buf[PREFIX4_STRLEN],
			     const struct prefix4 *p);

/* An interface name as the kernel takes it: 0, or -1 after a message. */
int util_check_ifname(const char *name);
/* @name's index in the current namespace, or 0 after a message. */
unsigned int util_ifindex(const char *name);

int util_array_grow(void *arrayp, size_t *cap, size_t need, size_t size);

int util_netns_check_name(const char *name);
int util_netns_enter(const char *name);

#endif /* V6GW_UTILS_H */
