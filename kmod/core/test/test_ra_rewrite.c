// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * v6gw_ra_rewrite() on whole RAs, case by case: mode add, mode replace,
 * malformed RAs and packets that are not RAs, the MTU and the room.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ra_fx.h"

/* --- v6gw_ra_rewrite: add ------------------------------------------------- */

/* The rule of most cases: D1, D2, example.com, 64:ff9b::/96. */
static void rule_std(struct v6gw_ra_opts *o, uint8_t mode)
{
	v6gw_ra_opts_init(o);
	MUST(v6gw_ra_opts_add_rdnss(o, D1));
	MUST(v6gw_ra_opts_add_rdnss(o, D2));
	MUST(v6gw_ra_opts_add_dnssl(o, "example.com"));
	MUST(v6gw_ra_opts_set_pref64(o, WKP, 96));
	o->mode = mode;
}

static void t_rewrite_add(void)
{
	static const uint8_t in1[] = { O_SLLA, O_PIO };
	static const uint8_t ex1[] = { O_SLLA, O_PIO, O_RDNSS_D1D2_1800,
				       O_DNSSL_EX_1800, O_PREF64_WKP_1800 };
	static const uint8_t ex0[] = { O_RDNSS_D1D2_1800, O_DNSSL_EX_1800,
				       O_PREF64_WKP_1800 };
	/* an RDNSS with D1 already: only D2 added */
	static const uint8_t in2[] = { O_SLLA, 0x19, 0x03, 0, 0, 0x00, 0x00,
				       0x0e, 0x10, D1_B, O_PIO };
	static const uint8_t ex2[] = { O_SLLA, 0x19, 0x03, 0, 0, 0x00, 0x00,
				       0x0e, 0x10, D1_B, O_PIO,
				       0x19, 0x03, 0, 0, 0x00, 0x00, 0x07,
				       0x08, D2_B,
				       O_DNSSL_EX_1800, O_PREF64_WKP_1800 };
	/* everything there already (other order, case, lifetimes) */
	static const uint8_t in3[] = { O_MTU,
				       0x19, 0x05, 0, 0, 0x00, 0x00, 0x00,
				       0x3c, D2_B, D1_B,
				       0x1f, 0x05, 0, 0, 0x00, 0x00, 0x00,
				       0x3c, W_OTHER, 0x07, 'E', 'X', 'A', 'M',
				       'P', 'L', 'E', 0x03, 'c', 'O', 'm',
				       0x00, 0, 0, 0, 0, 0, 0, 0,
				       0x26, 0x02, 0x00, 0x08, 0x00, 0x64,
				       0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0,
				       O_SLLA };
	/* D1 and D2 in two options, lifetime 0; the same PREF64, lifetime
	 * 0; example.com second in its DNSSL */
	static const uint8_t in4[] = { 0x19, 0x03, 0, 0, 0, 0, 0, 0, D2_B,
				       0x19, 0x03, 0, 0, 0, 0, 0, 0, D1_B,
				       0x26, 0x02, 0x00, 0x00, 0x00, 0x64,
				       0xff, 0x9b, 0x00, 0x00, 0x00, 0x00,
				       0x00, 0x00, 0x00, 0x00,
				       0x1f, 0x05, 0, 0, 0, 0, 0, 0, W_CORP,
				       W_EXAMPLE, 0 };
	/* PREF64 64:ff9b::/64 (PLC 1) and 2001:db8::/96: not the rule's */
	static const uint8_t in5[] = { 0x26, 0x02, 0x07, 0x09, 0x00, 0x64,
				       0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0,
				       0x26, 0x02, 0x07, 0x08, 0x20, 0x01,
				       0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const uint8_t ex5[] = { 0x26, 0x02, 0x07, 0x09, 0x00, 0x64,
				       0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0,
				       0x26, 0x02, 0x07, 0x08, 0x20, 0x01,
				       0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0,
				       O_RDNSS_D1D2_1800, O_DNSSL_EX_1800,
				       O_PREF64_WKP_1800 };
	/* names that are not example.com: example.com.evil, example.co,
	 * ample.com; and an RDNSS of even length (invalid) holding D1 */
	static const uint8_t in6[] = { 0x1f, 0x07, 0, 0, 0, 0, 0x07, 0x08,
				       0x07, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
				       0x03, 'c', 'o', 'm', 0x04, 'e', 'v',
				       'i', 'l', 0x00,
				       0x07, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
				       0x02, 'c', 'o', 0x00,
				       0x05, 'a', 'm', 'p', 'l', 'e', 0x03, 'c',
				       'o', 'm', 0x00, 0, 0, 0, 0, 0, 0, 0,
				       0x19, 0x04, 0, 0, 0, 0, 0x07, 0x08,
				       D1_B, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const uint8_t ex6_tail[] = { O_RDNSS_D1D2_1800,
					    O_DNSSL_EX_1800,
					    O_PREF64_WKP_1800 };
	/* an RA with an unknown option type 200 and a DNSSL option whose
	 * name, example.com.xxx.., runs past its end: kept, announce
	 * nothing */
	static const uint8_t in7[] = { 200, 0x02, 1, 2, 3, 4, 5, 6, 7, 8, 9,
				       10, 11, 12, 13, 14,
				       0x1f, 0x03, 0, 0, 0, 0, 0x07, 0x08,
				       0x07, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
				       0x03, 'c', 'o', 'm', 0x05, 'x', 'x',
				       'x' };
	/* a DNSSL whose name, abcdefghijklmno without its zero byte, fills
	 * the option to its end; the next option (type 0) starts with the
	 * zero byte that is not the name's */
	static const uint8_t in8[] = { 0x1f, 0x03, 0, 0, 0, 0, 0x07, 0x08,
				       0x0f, 'a', 'b', 'c', 'd', 'e', 'f', 'g',
				       'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
				       0x00, 0x01, 0, 0, 0, 0, 0, 0 };
	static const uint8_t ex8[] = { 0x1f, 0x03, 0, 0, 0, 0, 0x07, 0x08,
				       0x0f, 'a', 'b', 'c', 'd', 'e', 'f', 'g',
				       'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
				       0x00, 0x01, 0, 0, 0, 0, 0, 0,
				       0x1f, 0x04, 0, 0, 0, 0, 0x07, 0x08,
				       0x0f, 'a', 'b', 'c', 'd', 'e', 'f', 'g',
				       'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
				       0x00, 0, 0, 0, 0, 0, 0, 0 };
	/* lifetimes: Router Lifetime 9000 (0x2328), 0 -> 1800, explicit */
	static const uint8_t ex9000[] = { O_SLLA, 0x19, 0x05, 0, 0, 0x00, 0x00,
					  0x23, 0x28, D1_B, D2_B,
					  0x1f, 0x03, 0, 0, 0x00, 0x00, 0x23,
					  0x28, W_EXAMPLE, 0, 0, 0,
					  0x26, 0x02, 0x23, 0x28, 0x00, 0x64,
					  0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const uint8_t exinf[] = { O_SLLA, 0x19, 0x05, 0, 0, 0xff, 0xff,
					 0xff, 0xff, D1_B, D2_B,
					 0x1f, 0x03, 0, 0, 0xff, 0xff, 0xff,
					 0xff, W_EXAMPLE, 0, 0, 0,
					 0x26, 0x02, 0xff, 0xf8, 0x00, 0x64,
					 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const uint8_t ex0s[] = { O_SLLA, 0x19, 0x05, 0, 0, 0, 0, 0, 0,
					D1_B, D2_B,
					0x1f, 0x03, 0, 0, 0, 0, 0, 0,
					W_EXAMPLE, 0, 0, 0,
					0x26, 0x02, 0x00, 0x00, 0x00, 0x64,
					0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const uint8_t ex601[] = { O_SLLA, 0x19, 0x05, 0, 0, 0x00, 0x00,
					 0x02, 0x59, D1_B, D2_B,
					 0x1f, 0x03, 0, 0, 0x00, 0x00, 0x02,
					 0x59, W_EXAMPLE, 0, 0, 0,
					 0x26, 0x02, 0x02, 0x60, 0x00, 0x64,
					 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const uint8_t slla[] = { O_SLLA };
	/* only a PREF64 rule, on an RA with a different one */
	static const uint8_t in10[] = { O_SLLA, 0x26, 0x02, 0x07, 0x0d, 0x20,
					0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0,
					0 };
	static const uint8_t ex10[] = { O_SLLA, 0x26, 0x02, 0x07, 0x0d, 0x20,
					0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0,
					0, O_PREF64_WKP_1800 };
	uint8_t in[1024], ex[2048];
	struct v6gw_ra_opts o;
	uint32_t len, elen;

	rule_std(&o, V6GW_RA_ADD);

	len = mk_ra(in, 1800, in1, sizeof(in1));
	CHECK_EQ(len, 96);
	rw_done(&o, in, len, ex1, sizeof(ex1));
	len = mk_ra(in, 1800, NULL, 0);
	rw_done(&o, in, len, ex0, sizeof(ex0));
	len = mk_ra(in, 1800, in2, sizeof(in2));
	rw_done(&o, in, len, ex2, sizeof(ex2));
	len = mk_ra(in, 1800, in3, sizeof(in3));
	rw_untouched(&o, in, len, 2048, 1500, V6GW_RA_SAME);
	rw_untouched(&o, in, len, len, 56, V6GW_RA_SAME);  /* no mtu/room */
	len = mk_ra(in, 1800, in4, sizeof(in4));
	rw_untouched(&o, in, len, 2048, 1500, V6GW_RA_SAME);
	len = mk_ra(in, 1800, in5, sizeof(in5));
	rw_done(&o, in, len, ex5, sizeof(ex5));
	len = mk_ra(in, 1800, in6, sizeof(in6));
	memcpy(ex, in6, sizeof(in6));
	memcpy(ex + sizeof(in6), ex6_tail, sizeof(ex6_tail));
	rw_done(&o, in, len, ex, sizeof(in6) + sizeof(ex6_tail));
	len = mk_ra(in, 1800, in7, sizeof(in7));
	memcpy(ex, in7, sizeof(in7));
	memcpy(ex + sizeof(in7), ex6_tail, sizeof(ex6_tail));
	rw_done(&o, in, len, ex, sizeof(in7) + sizeof(ex6_tail));

	/* lifetimes */
	len = mk_ra(in, 9000, slla, sizeof(slla));
	rw_done(&o, in, len, ex9000, sizeof(ex9000));
	len = mk_ra(in, 0, slla, sizeof(slla));
	memcpy(ex, slla, 8);
	memcpy(ex + 8, ex0, sizeof(ex0));
	rw_done(&o, in, len, ex, 8 + sizeof(ex0));
	o.has_lifetime = true;
	o.lifetime = 0xffffffff;
	rw_done(&o, in, len, exinf, sizeof(exinf));
	o.lifetime = 0;
	len = mk_ra(in, 1800, slla, sizeof(slla));
	rw_done(&o, in, len, ex0s, sizeof(ex0s));
	o.lifetime = 601;
	rw_done(&o, in, len, ex601, sizeof(ex601));

	/* the name that fills its option: not announced */
	v6gw_ra_opts_init(&o);
	MUST(v6gw_ra_opts_add_dnssl(&o, "abcdefghijklmno"));
	len = mk_ra(in, 1800, in8, sizeof(in8));
	rw_done(&o, in, len, ex8, sizeof(ex8));
	/* ... also when it is last, no room past it (ASan: no read past) */
	len = mk_ra(in, 1800, in8, 24);
	rw_untouched(&o, in, len, len, 1500, V6GW_RA_NOROOM);

	/* PREF64 alone */
	v6gw_ra_opts_init(&o);
	MUST(v6gw_ra_opts_set_pref64(&o, WKP, 96));
	len = mk_ra(in, 1800, in10, sizeof(in10));
	rw_done(&o, in, len, ex10, sizeof(ex10));
	len = mk_ra(in, 1800, in4, sizeof(in4));
	rw_untouched(&o, in, len, 2048, 1500, V6GW_RA_SAME);

	/* RDNSS alone, D3 only: in3 has D1 and D2 */
	v6gw_ra_opts_init(&o);
	MUST(v6gw_ra_opts_add_rdnss(&o, D3));
	len = mk_ra(in, 600, in3, sizeof(in3));
	{
		static const uint8_t add[] = { 0x19, 0x03, 0, 0, 0x00, 0x00,
					       0x02, 0x58, D3_B };

		memcpy(ex, in3, sizeof(in3));
		memcpy(ex + sizeof(in3), add, sizeof(add));
		elen = sizeof(in3) + sizeof(add);
		rw_done(&o, in, len, ex, elen);
	}
	/* the link-local source boundary: febf::1 is in fe80::/10 */
	in[9] = 0xbf;
	ref_fix_csum(in, len);
	rw_done(&o, in, len, ex, elen);
}

/* --- v6gw_ra_rewrite: replace --------------------------------------------- */

static void t_rewrite_replace(void)
{
	/* RDNSS D3, DNSSL other.test and PREF64 2001:db8::/32 among others;
	 * the rule sets RDNSS and DNSSL: its PREF64 stays */
	static const uint8_t in1[] = { O_SLLA,
				       0x19, 0x03, 0, 0, 0x00, 0x00, 0x0e,
				       0x10, D3_B,
				       O_PIO,
				       0x1f, 0x03, 0, 0, 0x00, 0x00, 0x0e,
				       0x10, W_OTHER, 0, 0, 0, 0,
				       0x26, 0x02, 0x0e, 0x15, 0x20, 0x01,
				       0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0,
				       O_MTU };
	static const uint8_t ex1[] = { O_SLLA, O_PIO,
				       0x26, 0x02, 0x0e, 0x15, 0x20, 0x01,
				       0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0,
				       O_MTU,
				       0x19, 0x03, 0, 0, 0x00, 0x00, 0x07,
				       0x08, D1_B, O_DNSSL_EX_1800 };
	/* the standard rule replaces all three: in1 grows by 16 */
	static const uint8_t ex1s[] = { O_SLLA, O_PIO, O_MTU,
					O_RDNSS_D1D2_1800, O_DNSSL_EX_1800,
					O_PREF64_WKP_1800 };
	/* shrinking: 3 addresses (56 bytes) become 1 (24) */
	static const uint8_t in2[] = { 0x19, 0x07, 0, 0, 0x00, 0x00, 0x07,
				       0x08, D1_B, D2_B, D3_B,
				       O_SLLA,
				       0x1f, 0x03, 0, 0, 0, 0, 0x07, 0x08,
				       0x01, 'a', 0x04, 't', 'e', 's', 't',
				       0x00, 0x01, 'b', 0x04, 't', 'e', 's',
				       't', 0x00,
				       O_MTU };
	static const uint8_t ex2[] = { O_SLLA,
				       0x1f, 0x03, 0, 0, 0, 0, 0x07, 0x08,
				       0x01, 'a', 0x04, 't', 'e', 's', 't',
				       0x00, 0x01, 'b', 0x04, 't', 'e', 's',
				       't', 0x00,
				       O_MTU,
				       0x19, 0x03, 0, 0, 0x00, 0x00, 0x07,
				       0x08, D1_B };
	/* two RDNSS options, both go; the PREF64 stays for a rule without */
	static const uint8_t in3[] = { 0x19, 0x03, 0, 0, 0, 0, 0, 1, D2_B,
				       O_SLLA,
				       0x19, 0x03, 0, 0, 0, 0, 0, 2, D1_B,
				       O_PREF64_WKP_1800 };
	static const uint8_t ex3[] = { O_SLLA, O_PREF64_WKP_1800,
				       0x19, 0x03, 0, 0, 0x00, 0x00, 0x07,
				       0x08, D1_B };
	/* the RA's own option is the rule's, last: DONE, the same bytes */
	static const uint8_t in4[] = { O_SLLA, 0x19, 0x03, 0, 0, 0x00, 0x00,
				       0x07, 0x08, D1_B };
	/* nothing to remove */
	static const uint8_t in5[] = { O_SLLA, O_PIO };
	static const uint8_t ex5[] = { O_SLLA, O_PIO, 0x19, 0x03, 0, 0, 0x00,
				       0x00, 0x07, 0x08, D1_B };
	/* only the options of the rule's types go: a PREF64 rule */
	static const uint8_t ex6[] = { O_SLLA,
				       0x19, 0x03, 0, 0, 0x00, 0x00, 0x0e,
				       0x10, D3_B,
				       O_PIO,
				       0x1f, 0x03, 0, 0, 0x00, 0x00, 0x0e,
				       0x10, W_OTHER, 0, 0, 0, 0,
				       O_MTU, O_PREF64_WKP_1800 };
	/* 8 addresses (136 bytes) become a PREF64 (16): 120 bytes less */
	uint8_t in7[136];
	static const uint8_t ex7[] = { 0x26, 0x02, 0x07, 0x08, 0x00, 0x64,
				       0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };
	uint8_t in[1024];
	struct v6gw_ra_opts o;
	uint32_t len, nl;
	uint8_t *b;
	int i;

	v6gw_ra_opts_init(&o);
	MUST(v6gw_ra_opts_add_rdnss(&o, D1));
	MUST(v6gw_ra_opts_add_dnssl(&o, "example.com"));
	o.mode = V6GW_RA_REPLACE;
	len = mk_ra(in, 1800, in1, sizeof(in1));
	rw_done(&o, in, len, ex1, sizeof(ex1));
	CHECK_EQ(sizeof(ex1), sizeof(in1));	/* same size */

	rule_std(&o, V6GW_RA_REPLACE);
	rw_done(&o, in, len, ex1s, sizeof(ex1s));
	CHECK_EQ(sizeof(ex1s), sizeof(in1) + 16);

	v6gw_ra_opts_init(&o);
	MUST(v6gw_ra_opts_add_rdnss(&o, D1));
	o.mode = V6GW_RA_REPLACE;
	len = mk_ra(in, 1800, in2, sizeof(in2));
	rw_done(&o, in, len, ex2, sizeof(ex2));
	CHECK_EQ(sizeof(ex2), sizeof(in2) - 32);
	/* a shrinking rewrite needs no room beyond the packet */
	CHECK_EQ(rw_run(in, len, len, len, &o, &b, &nl), V6GW_RA_DONE);
	CHECK_EQ(nl, len - 32);
	CHECK(ref_csum_ok(b, nl));
	free(b);

	len = mk_ra(in, 1800, in3, sizeof(in3));
	rw_done(&o, in, len, ex3, sizeof(ex3));

	len = mk_ra(in, 1800, in4, sizeof(in4));
	rw_done(&o, in, len, in4, sizeof(in4));
	/* ... which the add mode leaves alone */
	o.mode = V6GW_RA_ADD;
	rw_untouched(&o, in, len, 1024, 1500, V6GW_RA_SAME);
	o.mode = V6GW_RA_REPLACE;

	len = mk_ra(in, 1800, in5, sizeof(in5));
	rw_done(&o, in, len, ex5, sizeof(ex5));

	v6gw_ra_opts_init(&o);
	MUST(v6gw_ra_opts_set_pref64(&o, WKP, 96));
	o.mode = V6GW_RA_REPLACE;
	len = mk_ra(in, 1800, in1, sizeof(in1));
	rw_done(&o, in, len, ex6, sizeof(ex6));

	in7[0] = 0x19;
	in7[1] = 17;
	memset(in7 + 2, 0, 6);
	for (i = 0; i < 8; i++) {
		memcpy(in7 + 8 + 16 * i, D1, 16);
		in7[8 + 16 * i + 14] = (uint8_t)i;
	}
	v6gw_ra_opts_init(&o);
	MUST(v6gw_ra_opts_set_pref64(&o, WKP, 96));
	MUST(v6gw_ra_opts_add_rdnss(&o, D1));	/* D1 is in7's first */
	o.mode = V6GW_RA_REPLACE;
	{
		static const uint8_t ex7b[] = { 0x19, 0x03, 0, 0, 0x00, 0x00,
						0x07, 0x08, D1_B,
						0x26, 0x02, 0x07, 0x08, 0x00,
						0x64, 0xff, 0x9b, 0, 0, 0, 0,
						0, 0, 0, 0 };

		len = mk_ra(in, 1800, in7, sizeof(in7));
		rw_done(&o, in, len, ex7b, sizeof(ex7b));
		/* a PREF64-only rule keeps the RDNSS */
		v6gw_ra_opts_init(&o);
		MUST(v6gw_ra_opts_set_pref64(&o, WKP, 96));
		o.mode = V6GW_RA_REPLACE;
		memcpy(in + len, ex7, sizeof(ex7));	/* append a PREF64 */
		set16(in + 4, len + 16 - 40);
		ref_fix_csum(in, len + 16);
		CHECK_EQ(rw_run(in, len + 16, len + 16, 1500, &o, &b, &nl),
			 V6GW_RA_DONE);
		CHECK_EQ(nl, len + 16);
		CHECK_MEM(b, in, len + 16);
		free(b);
	}
}

/* --- malformed, not RAs -------------------------------------------------- */

/* Malformed: untouched, with room to spare and with none (so that ASan
 * sees any read past @len). */
static void mal(const struct v6gw_ra_opts *o, const uint8_t *in, uint32_t len)
{
	rw_untouched(o, in, len, 1024, 1500, V6GW_RA_MALFORMED);
	rw_untouched(o, in, len, len, 1500, V6GW_RA_MALFORMED);
}

static void t_rewrite_malformed(void)
{
	static const uint8_t base[] = { O_SLLA, O_PIO };
	static const uint8_t len0[] = { O_SLLA, 0x03, 0x00, 64, 0xc0,
					0, 0, 0, 0 };
	static const uint8_t rd0[] = { O_SLLA, 0x19, 0x00, 0, 0, 0, 0, 0, 0 };
	static const uint8_t rd0b[] = { 0x19, 0x03, 0, 0, 0, 0, 0, 0, D1_B,
					0x19, 0x00, 0, 0, 0, 0, 0, 0 };
	static const uint8_t past[] = { O_SLLA, 0x05, 0x02, 0, 0, 0, 0, 0x05,
					0xdc };
	static const uint8_t past2[] = { O_SLLA, 0x19, 0x05, 0, 0, 0, 0,
					 0x07, 0x08, D1_B };
	static const uint8_t past3[] = { O_SLLA, 0x01, 0xff, 0, 0, 0, 0, 0,
					 0 };
	static const struct v6gw_ra_opts *rules[2];
	struct v6gw_ra_opts add, rep, pf;
	uint8_t in[1024];
	uint32_t len;
	int r, k;

	rule_std(&add, V6GW_RA_ADD);
	rule_std(&rep, V6GW_RA_REPLACE);
	rules[0] = &add;
	rules[1] = &rep;
	v6gw_ra_opts_init(&pf);
	MUST(v6gw_ra_opts_set_pref64(&pf, WKP, 96));

	for (r = 0; r < 2; r++) {
		const struct v6gw_ra_opts *o = rules[r];

		unit_iter = r;
		/* the base RA itself is fine */
		len = mk_ra(in, 1800, base, sizeof(base));
		CHECK(ref_csum_ok(in, len));

		in[43] ^= 1;					/* checksum */
		mal(o, in, len);
		in[43] ^= 1;
		in[42] ^= 0x80;
		mal(o, in, len);
		in[42] ^= 0x80;
		in[60] ^= 0x10;			/* a byte of an option */
		mal(o, in, len);
		in[60] ^= 0x10;

		in[7] = 254;					/* hop limit */
		mal(o, in, len);
		in[7] = 64;
		mal(o, in, len);
		in[7] = 0;
		mal(o, in, len);
		in[7] = 255;

		in[0] = 0x40;					/* version */
		mal(o, in, len);
		in[0] = 0x70;
		mal(o, in, len);
		in[0] = 0x60;

		/* sources that are not link-local, checksums right */
		memcpy(in + 8, P32, 16);			/* 2001:db8:: */
		in[23] = 1;
		ref_fix_csum(in, len);
		mal(o, in, len);
		memset(in + 8, 0, 16);				/* :: */
		ref_fix_csum(in, len);
		mal(o, in, len);
		memcpy(in + 8, LL_SRC, 16);
		in[9] = 0xc0;					/* fec0::1 */
		ref_fix_csum(in, len);
		mal(o, in, len);
		in[9] = 0x40;					/* fe40::1 */
		ref_fix_csum(in, len);
		mal(o, in, len);
		memcpy(in + 8, ALL_NODES, 16);			/* ff02::1 */
		ref_fix_csum(in, len);
		mal(o, in, len);
		memcpy(in + 8, LL_SRC, 16);

		in[41] = 1;					/* code */
		ref_fix_csum(in, len);
		mal(o, in, len);
		in[41] = 255;
		ref_fix_csum(in, len);
		mal(o, in, len);
		in[41] = 0;
		ref_fix_csum(in, len);

		/* payload length: 8 more, 8 less, 1 less than the packet */
		set16(in + 4, len - 40 + 8);
		mal(o, in, len);
		set16(in + 4, len - 40 - 8);
		mal(o, in, len);
		set16(in + 4, len - 40 - 1);
		mal(o, in, len);
		set16(in + 4, len - 40);
		/* 8 bytes more than the field says, checksum over all */
		memcpy(in + len, (const uint8_t[]){ O_MTU }, 8);
		ref_fix_csum(in, len + 8);
		mal(o, in, len + 8);
		/* ... and checksum over what the field says */
		ref_fix_csum(in, len);
		mal(o, in, len + 8);

		/* an option of length 0 */
		len = mk_ra(in, 1800, len0, sizeof(len0));
		mal(o, in, len);
		len = mk_ra(in, 1800, rd0, sizeof(rd0));  /* replace's type */
		mal(o, in, len);
		len = mk_ra(in, 1800, rd0b, sizeof(rd0b));
		mal(o, in, len);
		mal(&pf, in, len);

		/* an option past the end */
		len = mk_ra(in, 1800, past, sizeof(past));
		mal(o, in, len);
		len = mk_ra(in, 1800, past2, sizeof(past2));
		mal(o, in, len);
		len = mk_ra(in, 1800, past3, sizeof(past3));
		mal(o, in, len);

		/* 1..7 trailing bytes after the last option */
		for (k = 1; k < 8; k++) {
			unit_iter = r * 100 + k;
			len = mk_ra(in, 1800, base, sizeof(base));
			memset(in + len, 0, (size_t)k);
			in[len] = 0x05;		/* an MTU option, cut */
			if (k > 1)
				in[len + 1] = 0x01;
			set16(in + 4, len + (uint32_t)k - 40);
			ref_fix_csum(in, len + (uint32_t)k);
			mal(o, in, len + (uint32_t)k);
			mal(&pf, in, len + (uint32_t)k);
		}
		unit_iter = r;

		/* shorter than the RA's fixed part */
		len = mk_ra(in, 1800, NULL, 0);
		for (k = 41; k < 56; k += 7) {
			set16(in + 4, (uint32_t)k - 40);
			ref_fix_csum(in, (uint32_t)k);
			mal(o, in, (uint32_t)k);
		}
	}
	unit_iter = -1;
}

static void t_rewrite_not_ra(void)
{
	static const uint8_t base[] = { O_SLLA, O_PIO };
	struct v6gw_ra_opts o;
	uint8_t in[1024];
	uint32_t len;
	static const uint8_t types[] = { 128, 129, 130, 133, 135, 136, 137,
					 143, 1, 2, 3, 4, 0, 255 };
	unsigned int i;

	rule_std(&o, V6GW_RA_ADD);
	for (i = 0; i < sizeof(types); i++) {
		unit_iter = i;
		len = mk_ra(in, 1800, base, sizeof(base));
		in[40] = types[i];
		ref_fix_csum(in, len);
		rw_untouched(&o, in, len, 1024, 1500, V6GW_RA_NOT_RA);
	}
	unit_iter = -1;

	/* UDP with 134 where the ICMPv6 type would be */
	len = mk_ra(in, 1800, base, sizeof(base));
	in[6] = 17;
	rw_untouched(&o, in, len, 1024, 1500, V6GW_RA_NOT_RA);
	in[6] = 6;						/* TCP */
	rw_untouched(&o, in, len, 1024, 1500, V6GW_RA_NOT_RA);
	/* an RA behind a Hop-by-Hop header */
	len = mk_ra(in, 1800, base, sizeof(base));
	memmove(in + 48, in + 40, len - 40);
	in[6] = 0;
	memcpy(in + 40, (const uint8_t[]){ 58, 0, 1, 4, 0, 0, 0, 0 }, 8);
	set16(in + 4, len + 8 - 40);
	rw_untouched(&o, in, len + 8, 1024, 1500, V6GW_RA_NOT_RA);
	/* no payload at all */
	len = mk_ra(in, 1800, NULL, 0);
	set16(in + 4, 0);
	rw_untouched(&o, in, 40, 1024, 1500, V6GW_RA_NOT_RA);
	rw_untouched(&o, in, 40, 40, 1500, V6GW_RA_NOT_RA);
}

/* --- mtu and room ------------------------------------------------------- */

static void t_rewrite_limits(void)
{
	static const uint8_t in1[] = { O_SLLA, O_PIO };
	static const uint8_t ex1[] = { O_SLLA, O_PIO, O_RDNSS_D1D2_1800,
				       O_DNSSL_EX_1800, O_PREF64_WKP_1800 };
	static uint8_t in[70000], ex[70000];
	struct v6gw_ra_opts o, r1;
	uint32_t len, nl, elen, n;
	uint8_t *b;

	rule_std(&o, V6GW_RA_ADD);
	len = mk_ra(in, 1800, in1, sizeof(in1));
	elen = mk_exp(ex, in, ex1, sizeof(ex1));
	CHECK_EQ(elen, 176);

	/* mtu */
	CHECK_EQ(rw_run(in, len, 4096, 175, &o, &b, &nl), V6GW_RA_TOO_BIG);
	CHECK_EQ(nl, 176);
	CHECK_MEM(b, in, len);
	free(b);
	rw_untouched(&o, in, len, 4096, 175, V6GW_RA_TOO_BIG);
	rw_untouched(&o, in, len, 4096, 96, V6GW_RA_TOO_BIG);
	rw_untouched(&o, in, len, 4096, 0, V6GW_RA_TOO_BIG);
	CHECK_EQ(rw_run(in, len, 4096, 176, &o, &b, &nl), V6GW_RA_DONE);
	CHECK_EQ(nl, 176);
	CHECK_MEM(b, ex, elen);
	free(b);

	/* room */
	CHECK_EQ(rw_run(in, len, 175, 1500, &o, &b, &nl), V6GW_RA_NOROOM);
	CHECK_EQ(nl, 176);
	free(b);
	rw_untouched(&o, in, len, 175, 1500, V6GW_RA_NOROOM);
	rw_untouched(&o, in, len, len, 1500, V6GW_RA_NOROOM);
	CHECK_EQ(rw_run(in, len, len, 1500, &o, &b, &nl), V6GW_RA_NOROOM);
	CHECK_EQ(nl, 176);
	free(b);
	CHECK_EQ(rw_run(in, len, 176, 1500, &o, &b, &nl), V6GW_RA_DONE);
	CHECK_EQ(nl, 176);
	CHECK_MEM(b, ex, elen);
	CHECK(ref_csum_ok(b, nl));
	free(b);
	CHECK_EQ(rw_run(in, len, 176, 176, &o, &b, &nl), V6GW_RA_DONE);
	CHECK_MEM(b, ex, elen);
	free(b);
	/* both short: the mtu is told first */
	CHECK_EQ(rw_run(in, len, 100, 100, &o, &b, &nl), V6GW_RA_TOO_BIG);
	CHECK_EQ(nl, 176);
	free(b);

	/* a payload length over 65535 is too big whatever the mtu: an RA of
	 * 65512 payload bytes (MTU options) and 24 of RDNSS */
	v6gw_ra_opts_init(&r1);
	MUST(v6gw_ra_opts_add_rdnss(&r1, D1));
	for (n = 0; n < 65512 - 16; n += 8)
		memcpy(ex + n, (const uint8_t[]){ O_MTU }, 8);
	len = mk_ra(in, 1800, ex, n);
	CHECK_EQ(len, 40 + 65512);
	CHECK_EQ(rw_run(in, len, 70000, 0xffffffff, &r1, &b, &nl),
		 V6GW_RA_TOO_BIG);
	CHECK_EQ(nl, 40 + 65536);
	free(b);
	rw_untouched(&r1, in, len, 70000, 0xffffffff, V6GW_RA_TOO_BIG);
	/* 8 bytes less: 65528, fine */
	len = mk_ra(in, 1800, ex, n - 8);
	CHECK_EQ(rw_run(in, len, 70000, 0xffffffff, &r1, &b, &nl),
		 V6GW_RA_DONE);
	CHECK_EQ(nl, 40 + 65528);
	CHECK_EQ(get16(b + 4), 65528);
	CHECK(ref_csum_ok(b, nl));
	CHECK_MEM(b + 56, in + 56, len - 56);
	CHECK_MEM(b + len, ((const uint8_t[]){ 0x19, 0x03, 0, 0, 0x00, 0x00,
					       0x07, 0x08, D1_B }), 24);
	free(b);
}

void test_ra_rewrite(void)
{
	t_rewrite_add();
	t_rewrite_replace();
	t_rewrite_malformed();
	t_rewrite_not_ra();
	t_rewrite_limits();
}
