/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Shared helpers of the EAM and IPv4 prefix set tests (test_eam.c,
 * test_prefix4.c): address parsing, bit helpers, the bit-by-bit
 * reference, random tables.
 */
#ifndef V6GW_TEST_EAM_FX_H
#define V6GW_TEST_EAM_FX_H

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "eam.h"
#include "unit.h"

#define MSG4_LEN "IPv4 prefix length must be at most 32"
#define MSG4_HOST "bits beyond the IPv4 prefix length must be zero"
#define MSG6_LEN "IPv6 prefix length must be at most 128"
#define MSG6_HOST "bits beyond the IPv6 prefix length must be zero"
#define MSG_SUFFIX "the IPv6 suffix must be at least as long as the IPv4 one"

extern const uint8_t base4[4][4];
extern const uint8_t base6[3][16];

void pton6(const char *s, uint8_t out[16]);
void pton4(const char *s, uint8_t out[4]);
bool get_bit(const uint8_t *a, unsigned int bit);
void set_bit(uint8_t *a, unsigned int bit, bool v);
void clear_from(uint8_t *a, unsigned int from, unsigned int bits);
void *xmalloc(size_t n);
double now(void);
void eam(struct v6gw_eam *e, const char *a4, uint8_t l4, const char *a6,
		uint8_t l6);
struct v6gw_eam_table *eam_build(const struct v6gw_eam *e, uint32_t n,
					int *err, uint32_t *conflict);
bool ref_contains4(const struct v6gw_prefix4 *p, const uint8_t v4[4]);
bool ref_contains6(const struct v6gw_prefix6 *p, const uint8_t v6[16]);
long ref_lpm4(const struct v6gw_eam *e, uint32_t n, const uint8_t v4[4]);
long ref_lpm6(const struct v6gw_eam *e, uint32_t n,
		     const uint8_t v6[16]);
void ref_4to6(const struct v6gw_eam *e, const uint8_t v4[4],
		     uint8_t v6[16]);
void ref_6to4(const struct v6gw_eam *e, const uint8_t v6[16],
		     uint8_t v4[4]);
uint8_t rand_len(unsigned int max);
void rand_addr(uint8_t *a, const uint8_t *base, unsigned int bits,
		      unsigned int space);
void rand_eam(struct v6gw_eam *e, unsigned int space4,
		     unsigned int space6);
void addr_near4(const struct v6gw_eam *e, uint32_t n, uint8_t v4[4]);
void addr_near6(const struct v6gw_eam *e, uint32_t n, uint8_t v6[16]);
struct v6gw_eam_table *build_dedup(struct v6gw_eam *e, uint32_t *n);

void test_prefix4_set(void);	/* test_prefix4.c */
void test_large(void);		/* test_prefix4.c */

#endif /* V6GW_TEST_EAM_FX_H */
