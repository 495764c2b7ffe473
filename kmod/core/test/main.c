// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Unit test runner for kmod/core: one binary, all suites.
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"

unsigned long unit_passed, unit_failed;
long unit_iter = -1;

static uint64_t unit_state;

static bool unit_result(const char *file, int line, bool ok)
{
	if (ok) {
		unit_passed++;
		return true;
	}
	unit_failed++;
	if (unit_iter >= 0)
		fprintf(stderr, "%s:%d: FAIL (iteration %ld): ", file, line,
			unit_iter);
	else
		fprintf(stderr, "%s:%d: FAIL: ", file, line);
	return false;
}

bool unit_check(const char *file, int line, bool ok, const char *expr)
{
	if (unit_result(file, line, ok))
		return true;
	fprintf(stderr, "%s\n", expr);
	return false;
}

bool unit_check_eq(const char *file, int line, const char *a_expr,
		   unsigned long long a, const char *b_expr,
		   unsigned long long b)
{
	if (unit_result(file, line, a == b))
		return true;
	fprintf(stderr, "%s == %s: 0x%llx (%llu) != 0x%llx (%llu)\n",
		a_expr, b_expr, a, a, b, b);
	return false;
}

static void unit_hex(const char *name, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	size_t i;

	fprintf(stderr, "  %s:", name);
	for (i = 0; i < len; i++)
		fprintf(stderr, "%s%02x", i % 2 ? "" : " ", p[i]);
	fprintf(stderr, "\n");
}

bool unit_check_mem(const char *file, int line, const char *a_expr,
		    const void *a, const char *b_expr, const void *b,
		    size_t len)
{
	if (unit_result(file, line, !memcmp(a, b, len)))
		return true;
	fprintf(stderr, "%s != %s (%zu bytes)\n", a_expr, b_expr, len);
	unit_hex(a_expr, a, len);
	unit_hex(b_expr, b, len);
	return false;
}

bool unit_check_str(const char *file, int line, const char *a_expr,
		    const char *a, const char *b_expr, const char *b)
{
	bool ok = (!a && !b) || (a && b && !strcmp(a, b));

	if (unit_result(file, line, ok))
		return true;
	fprintf(stderr, "%s == %s: \"%s\" != \"%s\"\n", a_expr, b_expr,
		a ? a : "(null)", b ? b : "(null)");
	return false;
}

void unit_seed(uint64_t seed)
{
	unit_state = seed ? seed : 0x9e3779b97f4a7c15ULL;
}

uint64_t unit_rand(void)
{
	unit_state ^= unit_state >> 12;
	unit_state ^= unit_state << 25;
	unit_state ^= unit_state >> 27;
	return unit_state * 0x2545f4914f6cdd1dULL;
}

uint32_t unit_rand_below(uint32_t n)
{
	return (uint32_t)((unit_rand() >> 32) % n);
}

void unit_rand_bytes(void *buf, size_t len)
{
	unsigned char *p = buf;

	while (len--)
		*p++ = (unsigned char)(unit_rand() >> 56);
}

void test_xlat(void);	/* test_xlat.c */
void test_nat64(void);		/* test_nat64.c */
void test_nat64_tcp(void);	/* test_nat64_tcp.c */
void test_dhcp6(void);		/* test_dhcp6.c */
void test_ra(void);		/* test_ra.c */
void test_clat(void);		/* test_clat.c */

int main(void)
{
	test_csum();
	test_eam();
	test_rfc6052();
	test_icmp();
	test_xlat();
	test_nat64();
	test_nat64_tcp();
	test_dhcp6();
	test_ra();
	test_clat();

	printf("unit: %lu passed, %lu failed\n", unit_passed, unit_failed);
	return unit_failed ? 1 : 0;
}
