// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw: parsing and printing helpers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "utils.h"
#include "v6gw.h"

#define NETNS_RUN_DIR "/run/netns"

void util_err(const char *fmt, ...)
{
	va_list ap;

	fputs("v6gw: ", stderr);
	if (cli_opts.batch_name && cli_opts.batch_line)
		fprintf(stderr, "batch %s line %lu: ", cli_opts.batch_name,
			cli_opts.batch_line);
	else if (cli_opts.batch_name)
		fprintf(stderr, "batch %s: ", cli_opts.batch_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static const char *table_name(const void *table, size_t i, size_t stride)
{
	return *(const char *const *)((const char *)table + i * stride);
}

static void match_ambiguous(const char *word, const void *table, size_t n,
			    size_t stride, const char *what)
{
	size_t len = strlen(word), i, off = 0;
	char list[256] = "";

	for (i = 0; i < n && off < sizeof(list); i++) {
		const char *name = table_name(table, i, stride);

		if (strncmp(name, word, len))
			continue;
		off += snprintf(list + off, sizeof(list) - off, "%s%s",
				off ? ", " : "", name);
	}
	util_err("ambiguous %s \"%s\": could be %s", what, word, list);
}

/*
 * Find @word in @table, whose entries are @stride bytes apart and start
 * with a "const char *name". An exact match wins, otherwise @word must be
 * the prefix of exactly one name. Returns the index, or -1 after printing
 * why not.
 */
int util_match(const char *word, const void *table, size_t n, size_t stride,
	       const char *what)
{
	size_t len = strlen(word), i, found = 0, count = 0;

	for (i = 0; i < n; i++) {
		const char *name = table_name(table, i, stride);

		if (!strcmp(name, word))
			return (int)i;
		if (len && !strncmp(name, word, len)) {
			found = i;
			count++;
		}
	}
	if (count == 1)
		return (int)found;
	if (count > 1)
		match_ambiguous(word, table, n, stride, what);
	else
		util_err("unknown %s \"%s\"", what, word);
	return -1;
}

bool util_is_help(const char *word)
{
	return *word && !strncmp("help", word, strlen(word));
}

/*
 * Split "ADDR/LEN" into @addr (at most @size bytes with NUL) and @len.
 * With @bare, a plain "ADDR" is accepted too and means /@max.
 */
static int split_prefix(const char *s, char *addr, size_t size,
			unsigned int max, bool bare, uint8_t *len)
{
	const char *slash = strchr(s, '/'), *d;
	unsigned int v = 0;

	if (!slash && bare && strlen(s) < size) {
		strcpy(addr, s);
		*len = (uint8_t)max;
		return 0;
	}
	if (!slash || (size_t)(slash - s) >= size)
		return -1;
	memcpy(addr, s, slash - s);
	addr[slash - s] = '\0';

	d = slash + 1;
	if (!*d || strlen(d) > 3)
		return -1;
	for (; *d; d++) {
		if (*d < '0' || *d > '9')
			return -1;
		v = v * 10 + (unsigned int)(*d - '0');
	}
	if (v > max)
		return -1;
	*len = (uint8_t)v;
	return 0;
}

/* True if any bit of @addr (@size bytes) at or beyond bit @len is set. */
static bool host_bits_set(const void *addr, size_t size, unsigned int len)
{
	const uint8_t *b = addr;
	size_t i;

	for (i = len / 8; i < size; i++) {
		uint8_t mask = 0xff;

		if (i == len / 8)
			mask = (uint8_t)(0xff >> (len % 8));
		if (b[i] & mask)
			return true;
	}
	return false;
}

int util_parse_prefix6_as(const char *s, struct prefix6 *p, bool bare,
			  const char *what, const char *expect)
{
	char addr[INET6_ADDRSTRLEN];

	if (split_prefix(s, addr, sizeof(addr), 128, bare, &p->len) ||
	    inet_pton(AF_INET6, addr, &p->addr) != 1) {
		util_err("invalid %s \"%s\" (expected %s)", what, s, expect);
		return -1;
	}
	if (host_bits_set(&p->addr, sizeof(p->addr), p->len)) {
		util_err("invalid %s \"%s\": bits set beyond /%u", what, s,
			 p->len);
		return -1;
	}
	return 0;
}

int util_parse_prefix4_as(const char *s, struct prefix4 *p, bool bare,
			  const char *what, const char *expect)
{
	char addr[INET_ADDRSTRLEN];

	if (split_prefix(s, addr, sizeof(addr), 32, bare, &p->len) ||
	    inet_pton(AF_INET, addr, &p->addr) != 1) {
		util_err("invalid %s \"%s\" (expected %s)", what, s, expect);
		return -1;
	}
	if (host_bits_set(&p->addr, sizeof(p->addr), p->len)) {
		util_err("invalid %s \"%s\": bits set beyond /%u", what, s,
			 p->len);
		return -1;
	}
	return 0;
}

int util_parse_prefix6(const char *s, struct prefix6 *p)
{
	return util_parse_prefix6_as(s, p, false, "IPv6 prefix", "ADDR/LEN");
}

int util_parse_prefix4(const char *s, struct prefix4 *p)
{
	return util_parse_prefix4_as(s, p, false, "IPv4 prefix", "ADDR/LEN");
}

/* Decimal only: "010" is ten, not eight. */
int util_parse_u64(const char *s, uint64_t max, uint64_t *v,
		   const char *what)
{
	unsigned long long n;
	char *end;

	if (*s < '0' || *s > '9')
		goto err;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || *end || n > max)
		goto err;
	*v = n;
	return 0;
err:
	util_err("invalid %s \"%s\" (expected 0..%llu)", what, s,
		 (unsigned long long)max);
	return -1;
}

/*
 * A number in @min..@max, decimal or hexadecimal with "0x"; no sign, no
 * blanks, "010" is ten. Prints nothing: the caller knows what it was for.
 */
int util_parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *v)
{
	unsigned long long n;
	int base = 10;
	char *end;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		base = 16;
	}
	/* strtoull() would take blanks, a sign and a second "0x" */
	if (!*s || strspn(s, base == 16 ? "0123456789abcdefABCDEF" :
			  "0123456789") != strlen(s))
		return -1;
	errno = 0;
	n = strtoull(s, &end, base);
	if (errno || *end || n < min || n > max)
		return -1;
	*v = n;
	return 0;
}

int util_parse_onoff(const char *s, bool *on, const char *what)
{
	if (!strcmp(s, "on")) {
		*on = true;
		return 0;
	}
	if (!strcmp(s, "off")) {
		*on = false;
		return 0;
	}
	util_err("invalid %s \"%s\" (expected on or off)", what, s);
	return -1;
}

const char *util_fmt_prefix6(char buf[PREFIX6_STRLEN],
			     const struct prefix6 *p)
{
	char addr[INET6_ADDRSTRLEN];

	if (!inet_ntop(AF_INET6, &p->addr, addr, sizeof(addr)))
		strcpy(addr, "?");
	snprintf(buf, PREFIX6_STRLEN, "%s/%u", addr, p->len);
	return buf;
}

const char *util_fmt_prefix4(char buf[PREFIX4_STRLEN],
			     const struct prefix4 *p)
{
	char addr[INET_ADDRSTRLEN];

	if (!inet_ntop(AF_INET, &p->addr, addr, sizeof(addr)))
		strcpy(addr, "?");
	snprintf(buf, PREFIX4_STRLEN, "%s/%u", addr, p->len);
	return buf;
}

/*
 * Make room for @need elements of @size bytes in *@arrayp, which holds
 * *@cap. Returns 0, or -1 with errno = ENOMEM and the array untouched.
 */
int util_array_grow(void *arrayp, size_t *cap, size_t need, size_t size)
{
	void **array = arrayp;
	size_t n = *cap ? *cap : 8;
	void *p;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	p = reallocarray(*array, n, size);
	if (!p) {
		errno = ENOMEM;
		return -1;
	}
	*array = p;
	*cap = n;
	return 0;
}

/* A file name in /run/netns, as "ip netns add" accepts it. */
int util_netns_check_name(const char *name)
{
	if (*name && !strchr(name, '/') && strcmp(name, ".") &&
	    strcmp(name, "..") && strlen(name) <= NAME_MAX)
		return 0;
	util_err("invalid network namespace name \"%s\"", name);
	return -1;
}

/* Like "ip -n NAME": move this process into /run/netns/NAME. */
int util_netns_enter(const char *name)
{
	char path[PATH_MAX];
	int fd, ret = -1;

	if (util_netns_check_name(name))
		return -1;
	snprintf(path, sizeof(path), NETNS_RUN_DIR "/%s", name);

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			util_err("network namespace \"%s\" does not exist (see: ip netns list)",
				 name);
		else
			util_err("cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	if (setns(fd, CLONE_NEWNET) < 0) {
		if (errno == EPERM)
			util_err("cannot enter network namespace \"%s\": permission denied",
				 name);
		else if (errno == EINVAL)
			util_err("%s is not a network namespace", path);
		else
			util_err("cannot enter network namespace \"%s\": %s",
				 name, strerror(errno));
		goto out_close;
	}
	ret = 0;
out_close:
	close(fd);
	return ret;
}

/* As the kernel's dev_valid_name(): 1..15 bytes, no '/', ':' or blank. */
int util_check_ifname(const char *val)
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

/* @name's index in the current namespace, or 0 after a message. */
unsigned int util_ifindex(const char *name)
{
	unsigned int i = if_nametoindex(name);

	if (i)
		return i;
	if (errno == ENODEV || errno == ENXIO)
		util_err("interface \"%s\" does not exist", name);
	else
		util_err("interface \"%s\": %s", name, strerror(errno));
	return 0;
}
