/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Shared fixtures of the RA tests (test_ra*.c): an independent RFC 1071
 * checksum, RAs and expected packets assembled byte by byte, running the
 * rewrite in an exact-size buffer, and the literal option bytes.
 */
#ifndef V6GW_TEST_RA_FX_H
#define V6GW_TEST_RA_FX_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ra.h"
#include "unit.h"

/* A builder call that must succeed: counted only when it fails. */
#define MUST(call) do { const char *why_ = (call); \
	if (why_) CHECK_STR(why_, NULL); } while (0)

/* --- literal bytes ------------------------------------------------------ */

/* 2001:db8::53, 2001:db8::1:53, 2001:db8:1::35 */
#define D1_B 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53
#define D2_B 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0, 0x53
#define D3_B 0x20, 0x01, 0x0d, 0xb8, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x35

/* Source Link-Layer Address 02:00:5e:00:53:01 */
#define O_SLLA 0x01, 0x01, 0x02, 0x00, 0x5e, 0x00, 0x53, 0x01
/* Prefix Information 2001:db8:1::/64, L and A, 30 days / 7 days */
#define O_PIO 0x03, 0x04, 64, 0xc0, 0x00, 0x27, 0x8d, 0x00, \
	0x00, 0x09, 0x3a, 0x80, 0, 0, 0, 0, \
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
/* MTU 1500 */
#define O_MTU 0x05, 0x01, 0, 0, 0x00, 0x00, 0x05, 0xdc

/* DNS wire format of example.com, corp.example.org, other.test */
#define W_EXAMPLE 0x07, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0x03, 'c', 'o', \
	'm', 0x00
#define W_CORP 0x04, 'c', 'o', 'r', 'p', 0x07, 'e', 'x', 'a', 'm', 'p', 'l', \
	'e', 0x03, 'o', 'r', 'g', 0x00
#define W_OTHER 0x05, 'o', 't', 'h', 'e', 'r', 0x04, 't', 'e', 's', 't', 0x00

/* The rule's options at a lifetime of 1800 s (0x708). */
#define O_RDNSS_D1D2_1800 0x19, 0x05, 0, 0, 0x00, 0x00, 0x07, 0x08, D1_B, D2_B
#define O_DNSSL_EX_1800 0x1f, 0x03, 0, 0, 0x00, 0x00, 0x07, 0x08, W_EXAMPLE, \
	0, 0, 0
#define O_PREF64_WKP_1800 0x26, 0x02, 0x07, 0x08, 0x00, 0x64, 0xff, 0x9b, \
	0, 0, 0, 0, 0, 0, 0, 0

extern const uint8_t ALL_NODES[16];
extern const uint8_t D1[16];
extern const uint8_t D2[16];
extern const uint8_t D3[16];
extern const uint8_t LL_SRC[16];
extern const uint8_t P32[16];
extern const uint8_t P40[16];
extern const uint8_t P48[16];
extern const uint8_t P56[16];
extern const uint8_t P64[16];
extern const uint8_t WKP[16];

uint64_t ref_sum(const uint8_t *p, size_t n, uint64_t s);
uint16_t ref_fold(uint64_t s);
uint64_t ref_icmp6_sum(const uint8_t *pkt, uint32_t len);
void ref_fix_csum(uint8_t *pkt, uint32_t len);
bool ref_csum_ok(const uint8_t *pkt, uint32_t len);
void set16(uint8_t *p, uint32_t v);
uint32_t get16(const uint8_t *p);
uint32_t mk_ra(uint8_t *p, uint16_t rlt, const uint8_t *opts, size_t olen);
uint32_t mk_exp(uint8_t *e, const uint8_t *in, const uint8_t *opts,
		size_t olen);
enum v6gw_ra_verdict rw_run(const uint8_t *in, uint32_t len,
			    uint32_t room, uint32_t mtu,
			    const struct v6gw_ra_opts *o, uint8_t **out,
			    uint32_t *new_len);
void rw_done(const struct v6gw_ra_opts *o, const uint8_t *in, uint32_t len,
	     const uint8_t *eo, size_t elen);
void rw_untouched(const struct v6gw_ra_opts *o, const uint8_t *in,
		  uint32_t len, uint32_t room, uint32_t mtu,
		  enum v6gw_ra_verdict want);

void test_ra_rewrite(void);	/* test_ra_rewrite.c */
void test_ra_model(void);	/* test_ra_model.c */

#endif /* V6GW_TEST_RA_FX_H */
