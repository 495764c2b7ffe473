// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Unit tests for v6gw_ra_pref64_read(): the CLAT's reading of PREF64
 * (RFC 8781) in received RAs. Each Prefix Length Code, lifetimes, the
 * first valid option winning, options to ignore, malformed RAs; and every
 * PREF64 the rewrite writes (v6gw_ra_build()) read back the same.
 */
#include "ra_fx.h"

static enum v6gw_ra_verdict rd(const uint8_t *opts, size_t olen,
			       uint8_t a[16], uint8_t *l, uint32_t *lt)
{
	uint8_t pkt[512];
	uint32_t len = mk_ra(pkt, 1800, opts, olen);

	return v6gw_ra_pref64_read(pkt, len, a, l, lt);
}

static void test_plc(void)
{
	static const struct {
		uint8_t plc, len;
	} codes[] = { { 0, 96 }, { 1, 64 }, { 2, 56 }, { 3, 48 }, { 4, 40 },
		      { 5, 32 } };
	unsigned int i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		uint8_t o[16] = { 0x26, 0x02, 0, 0, 0x20, 0x01, 0x0d, 0xb8,
				  0x11, 0x22, 0x33, 0x44, 0, 0x66, 0x77, 0x88 };
		uint8_t a[16], want[16] = { 0 }, l = 0;
		uint32_t lt = 0;

		unit_iter = i;
		set16(o + 2, 225u << 3 | codes[i].plc);	/* 1800 s */
		memcpy(want, o + 4, codes[i].len / 8);
		CHECK_EQ(rd(o, 16, a, &l, &lt), V6GW_RA_DONE);
		CHECK_EQ(l, codes[i].len);
		CHECK_EQ(lt, 1800);
		CHECK_MEM(a, want, 16);
	}
	unit_iter = -1;
}

static void test_cases(void)
{
	static const uint8_t wkp[] = { O_PREF64_WKP_1800 };
	static const uint8_t none[] = { O_SLLA, O_MTU };
	/* reserved PLC 6 and 7, then the WKP */
	static const uint8_t reserved[] = {
		0x26, 0x02, 0x07, 0x0e, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0,
		0, 0,
		0x26, 0x02, 0x07, 0x0f, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0,
		0, 0,
		O_PREF64_WKP_1800 };
	/* a /96 with a nonzero u octet, then the WKP */
	static const uint8_t uoct[] = {
		0x26, 0x02, 0x07, 0x08, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 1, 0,
		0, 0,
		O_PREF64_WKP_1800 };
	/* two valid ones: the first wins */
	static const uint8_t two[] = {
		O_SLLA,
		0x26, 0x02, 0x00, 0x09, 0x20, 0x01, 0x0d, 0xb8, 0, 0x64, 0, 0, 0,
		0, 0, 0,
		O_PREF64_WKP_1800 };
	/* lifetime 0: withdrawn; max scaled lifetime */
	static const uint8_t zero[] = { 0x26, 0x02, 0x00, 0x00, 0x00, 0x64,
		0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const uint8_t max[] = { 0x26, 0x02, 0xff, 0xf8, 0x00, 0x64,
		0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };
	/* an option of length 0 after a PREF64 still makes it malformed */
	static const uint8_t bad[] = { O_PREF64_WKP_1800, 0x01, 0x00, 0, 0, 0,
		0, 0, 0 };
	uint8_t a[16], want[16] = { 0 }, l;
	uint32_t lt;

	want[1] = 0x64, want[2] = 0xff, want[3] = 0x9b;
	CHECK_EQ(rd(wkp, sizeof(wkp), a, &l, &lt), V6GW_RA_DONE);
	CHECK_MEM(a, WKP, 16);
	CHECK_EQ(l, 96);
	CHECK_EQ(lt, 1800);
	CHECK_EQ(rd(none, sizeof(none), a, &l, &lt), V6GW_RA_SAME);
	CHECK_EQ(rd(NULL, 0, a, &l, &lt), V6GW_RA_SAME);
	CHECK_EQ(rd(reserved, sizeof(reserved), a, &l, &lt), V6GW_RA_DONE);
	CHECK_MEM(a, WKP, 16);
	CHECK_EQ(rd(uoct, sizeof(uoct), a, &l, &lt), V6GW_RA_DONE);
	CHECK_MEM(a, WKP, 16);
	CHECK_EQ(rd(two, sizeof(two), a, &l, &lt), V6GW_RA_DONE);
	CHECK_EQ(l, 64);
	CHECK_EQ(lt, 8);
	CHECK_EQ(a[5], 0x64);
	CHECK_EQ(rd(zero, sizeof(zero), a, &l, &lt), V6GW_RA_DONE);
	CHECK_EQ(lt, 0);
	CHECK_MEM(a, want, 16);
	CHECK_EQ(rd(max, sizeof(max), a, &l, &lt), V6GW_RA_DONE);
	CHECK_EQ(lt, 65528);
	CHECK_EQ(rd(bad, sizeof(bad), a, &l, &lt), V6GW_RA_MALFORMED);
}

static void test_malformed(void)
{
	static const uint8_t wkp[] = { O_PREF64_WKP_1800 };
	uint8_t pkt[512], a[16], l;
	uint32_t len = mk_ra(pkt, 1800, wkp, sizeof(wkp)), lt;

	pkt[42] ^= 1;			/* checksum */
	CHECK_EQ(v6gw_ra_pref64_read(pkt, len, a, &l, &lt),
		 V6GW_RA_MALFORMED);
	pkt[42] ^= 1;
	pkt[7] = 64;			/* hop limit */
	CHECK_EQ(v6gw_ra_pref64_read(pkt, len, a, &l, &lt),
		 V6GW_RA_MALFORMED);
	pkt[7] = 255;
	CHECK_EQ(v6gw_ra_pref64_read(pkt, len - 8, a, &l, &lt),
		 V6GW_RA_MALFORMED);
	CHECK_EQ(v6gw_ra_pref64_read(pkt, 40, a, &l, &lt), V6GW_RA_NOT_RA);
	pkt[40] = 133;
	CHECK_EQ(v6gw_ra_pref64_read(pkt, len, a, &l, &lt), V6GW_RA_NOT_RA);
	pkt[40] = 134;
	CHECK_EQ(v6gw_ra_pref64_read(pkt, len, a, &l, &lt), V6GW_RA_DONE);
}

/* What the injection writes, the CLAT reads: every length, lifetimes. */
static void test_round_trip(void)
{
	static const uint8_t *const pfx[] = { P32, P40, P48, P56, P64, WKP };
	static const uint8_t lens[] = { 32, 40, 48, 56, 64, 96 };
	static const uint32_t lts[] = { 0, 1, 8, 9, 1800, 65528, 65529, 1u << 31 };
	unsigned int i, k;

	for (i = 0; i < 6; i++) {
		for (k = 0; k < sizeof(lts) / sizeof(lts[0]); k++) {
			struct v6gw_ra_opts o;
			uint8_t opts[64], a[16], l;
			uint32_t lt, want;
			size_t n;

			unit_iter = i * 100 + k;
			v6gw_ra_opts_init(&o);
			MUST(v6gw_ra_opts_set_pref64(&o, pfx[i], lens[i]));
			n = v6gw_ra_build(&o, lts[k], NULL, opts, sizeof(opts));
			CHECK_EQ(n, 16);
			CHECK_EQ(rd(opts, n, a, &l, &lt), V6GW_RA_DONE);
			CHECK_EQ(l, lens[i]);
			CHECK_MEM(a, pfx[i], 16);
			want = lts[k] > 65528 ? 65528 : (lts[k] + 7) / 8 * 8;
			CHECK_EQ(lt, want);
		}
	}
	unit_iter = -1;
}

void test_ra_pref64(void);
void test_ra_pref64(void)
{
	test_plc();
	test_cases();
	test_malformed();
	test_round_trip();
}
