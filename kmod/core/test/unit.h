/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * A tiny self-contained unit test harness for the portable core.
 *
 * Every CHECK*() is one case. A failure prints file:line, the expressions
 * and their values, plus the loop iteration set with unit_iter (or -1), and
 * the run goes on. main() prints "unit: N passed, N failed" and exits 1 if
 * anything failed.
 */
#ifndef V6GW_UNIT_H
#define V6GW_UNIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

extern unsigned long unit_passed, unit_failed;
extern long unit_iter;

bool unit_check(const char *file, int line, bool ok, const char *expr);
bool unit_check_eq(const char *file, int line, const char *a_expr,
		   unsigned long long a, const char *b_expr,
		   unsigned long long b);
bool unit_check_mem(const char *file, int line, const char *a_expr,
		    const void *a, const char *b_expr, const void *b,
		    size_t len);
bool unit_check_str(const char *file, int line, const char *a_expr,
		    const char *a, const char *b_expr, const char *b);

#define CHECK(cond) unit_check(__FILE__, __LINE__, (cond), #cond)
#define CHECK_EQ(a, b) \
	unit_check_eq(__FILE__, __LINE__, #a, (unsigned long long)(a), \
		      #b, (unsigned long long)(b))
#define CHECK_MEM(a, b, len) \
	unit_check_mem(__FILE__, __LINE__, #a, (a), #b, (b), (len))
/* Either may be NULL. */
#define CHECK_STR(a, b) unit_check_str(__FILE__, __LINE__, #a, (a), #b, (b))

/* Deterministic xorshift64* generator: same sequence on every host. */
void unit_seed(uint64_t seed);
uint64_t unit_rand(void);
/* Uniform enough in [0, n) for test purposes; n > 0. */
uint32_t unit_rand_below(uint32_t n);
void unit_rand_bytes(void *buf, size_t len);

/* Test suites. */
void test_csum(void);
void test_eam(void);
void test_rfc6052(void);
void test_icmp(void);

#endif /* V6GW_UNIT_H */
