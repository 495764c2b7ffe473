/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Shared fixtures of the byte-level translator tests (test_xlat*.c): the
 * address mapping, running the translator in an exact-size buffer, result
 * checks and packet pieces. See test_xlat.c for what the suites cover.
 */
#ifndef V6GW_TEST_XLAT_FX_H
#define V6GW_TEST_XLAT_FX_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eam.h"
#include "map.h"
#include "prefix4.h"
#include "xlat.h"
#include "pkt_build.h"
#include "unit.h"

#define HR	64		/* default headroom */
#define FULL	0xffffffffu	/* linear: the whole packet */
#define MAXPKT	66000

/*
 * The ICMP echo checksum carry bug (two 32-bit partial sums added with a
 * plain "+", a carry out of bit 31 lost, about half of all echo checksums
 * off by one) is fixed in xlat.c. BUG_ICMP_CARRY stays 0: every checksum is
 * compared strictly, and test_bug_icmp_carry() keeps the reproducer. With
 * 1 the checksum fields in relax_off[] could differ by that one unit.
 */
#define BUG_ICMP_CARRY 0

struct fx {
	struct v6gw_map m;
	int plen;		/* pool6 length */
	uint8_t pool[16];	/* pool6 prefix, for the reference */
	bool eam;
};

struct xo {
	uint32_t H, linear;
	bool partial;
	uint16_t id;
	uint32_t mtu_in, mtu_out;
	bool fill_preset;
	bool hairpin, frag6;	/* struct v6gw_xlat_pkt, 4to6 */
};

struct run {
	uint8_t *buf, *save;
	uint32_t H, len;
	struct v6gw_xlat_pkt pkt;
	enum v6gw_xlat_verdict v;
};

extern const uint8_t pool_addr[16];
extern const int pool_lens[];
extern const struct v6gw_eam eams[];
extern const struct v6gw_eam_table *eam_table;;
extern long relax_off[2];
extern unsigned long relaxed;
extern unsigned long premap_runs;
extern const struct xo XO;
extern const char *const vname[];
extern uint8_t A4[16], B4[16], A6[16], B6[16];;

void fx_init(struct fx *f, int plen, bool eam);
bool in_e1(const uint8_t *a);
bool in_e2(const uint8_t *a);
bool in_e3(const uint8_t *a);
void ref46(const struct fx *f, const uint8_t *v4, uint8_t *v6);
void a4(uint8_t *d, int a, int b, int c, int e);
void rand_pool4(uint8_t *d, bool avoid_eam);
void rand_eam4(uint8_t *d);
bool csum_near(uint16_t got, uint16_t exp);
void relax(long a, long b);
void xrun(struct run *r, bool to6, const struct v6gw_map *m,
		 const uint8_t *in, uint32_t len, const struct xo *o);
void xfree(struct run *r);
bool x_verdict(struct run *r, enum v6gw_xlat_verdict v);
bool x_ok(struct run *r, const uint8_t *exp, uint32_t explen,
		 int32_t delta);
bool x_same(struct run *r, enum v6gw_xlat_verdict v);
bool x_drop(struct run *r, uint8_t reason);
bool x_icmp(struct run *r, uint8_t reason, uint8_t type, uint8_t code,
		   uint32_t info);
void chk6(const uint8_t *p, uint32_t len, uint8_t tc, uint8_t hop,
		 uint8_t nh, const uint8_t *src, const uint8_t *dst);
void chk4(const uint8_t *p, uint32_t len, uint8_t tos, uint16_t id,
		 bool df, bool mf, uint16_t off, uint8_t ttl, uint8_t proto,
		 const uint8_t *src, const uint8_t *dst);
uint32_t mk_seg(uint8_t proto, uint8_t type, uint8_t *s,
		       uint32_t paylen);
uint8_t icmp_type46(uint8_t t);
uint8_t icmp_type64(uint8_t t);
uint32_t l4hl(uint8_t proto);
void ip_init(struct pb_ip *h, int v, const uint8_t *src,
		    const uint8_t *dst, uint8_t proto, uint8_t ttl);
void pair_init(const struct fx *f);
uint32_t build_icmp(struct pb_ip *h, uint8_t type, uint8_t code,
			   uint32_t word, const uint8_t *body, uint32_t blen,
			   bool cut, uint8_t *out);

/*
 * The suites, one file each: test_xlat.c, test_xlat_err.c, test_xlat_4884.c,
 * test_xlat_pull.c, test_xlat_corner.c
 */
void test_plain(void);
void test_frag46(void);
void test_frag64(void);
void test_ttl(void);
void test_opts(void);
void test_ext6(void);
void test_err46(void);
void test_err64(void);
void test_rfc4884(void);
void test_bad_csum(void);
void test_contract(void);
void test_pull(void);
void test_pass(void);
void test_prop(void);
void test_bug_icmp_carry(void);
void test_corner(void);

#endif /* V6GW_TEST_XLAT_FX_H */
