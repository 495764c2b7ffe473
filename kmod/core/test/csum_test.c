// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Unit tests for csum.c: known vectors, a word-at-a-time reference, chaining,
 * incremental updates and pseudo-header swaps.
 */
#include <string.h>

#include "csum.h"
#include "unit.h"

#define MAX_LEN 1600

/*
 * Reference: the RFC 1071 definition, literally. 16-bit big-endian words,
 * odd byte padded with zero, end-around carry after every addition.
 */
static uint16_t ref_sum(const uint8_t *b, size_t n, uint32_t init)
{
	uint32_t s = init;
	size_t i;

	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	for (i = 0; i + 1 < n; i += 2) {
		s += (uint32_t)b[i] << 8 | b[i + 1];
		if (s > 0xffff)
			s -= 0xffff;
	}
	if (n & 1) {
		s += (uint32_t)b[n - 1] << 8;
		if (s > 0xffff)
			s -= 0xffff;
	}
	return (uint16_t)s;
}

static void test_vectors(void)
{
	/* RFC 1071 section 3, numerical example */
	static const uint8_t rfc1071[] = {
		0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7,
	};
	/* An IPv4 header whose checksum is 0xb861 */
	uint8_t ip4[20] = {
		0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00,
		0x40, 0x11, 0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01,
		0xc0, 0xa8, 0x00, 0xc7,
	};
	static const uint8_t odd3[] = { 0x12, 0x34, 0x56 };
	static const uint8_t ones[] = { 0xff, 0xff, 0xff, 0xff };
	static const uint8_t zeros[8];

	CHECK_EQ(v6gw_csum_fold(v6gw_csum_partial(rfc1071, 8, 0)), 0xddf2);
	CHECK_EQ(v6gw_csum_finish(v6gw_csum_partial(rfc1071, 8, 0)), 0x220d);
	/* RFC 1071 also shows the pieces may be summed in any grouping */
	CHECK_EQ(v6gw_csum_fold(v6gw_csum_partial(rfc1071 + 4, 4,
			v6gw_csum_partial(rfc1071, 4, 0))), 0xddf2);

	CHECK_EQ(v6gw_csum_finish(v6gw_csum_partial(ip4, 20, 0)), 0xb861);
	v6gw_put_be16(ip4 + 10, 0xb861);
	CHECK_EQ(v6gw_csum_fold(v6gw_csum_partial(ip4, 20, 0)), 0xffff);
	CHECK_EQ(v6gw_csum_finish(v6gw_csum_partial(ip4, 20, 0)), 0);

	CHECK_EQ(v6gw_csum_fold(v6gw_csum_partial(odd3, 1, 0)), 0x1200);
	CHECK_EQ(v6gw_csum_fold(v6gw_csum_partial(odd3, 3, 0)), 0x6834);
	CHECK_EQ(v6gw_csum_fold(v6gw_csum_partial(ones, 4, 0)), 0xffff);
	CHECK_EQ(v6gw_csum_fold(v6gw_csum_partial(ones, 4, 0xffffffff)),
		 0xffff);
	CHECK_EQ(v6gw_csum_fold(v6gw_csum_partial(zeros, 8, 0)), 0);
	CHECK_EQ(v6gw_csum_finish(v6gw_csum_partial(zeros, 8, 0)), 0xffff);
	CHECK_EQ(v6gw_csum_partial(NULL, 0, 0x12345678), 0x12345678);

	CHECK_EQ(v6gw_csum_fold(0), 0);
	CHECK_EQ(v6gw_csum_fold(0xffff), 0xffff);
	CHECK_EQ(v6gw_csum_fold(0x10000), 1);
	CHECK_EQ(v6gw_csum_fold(0x1fffe), 0xffff);
	CHECK_EQ(v6gw_csum_fold(0xffffffff), 0xffff);
	CHECK_EQ(v6gw_csum_fold(0xfffeffff), 0xfffe);
	CHECK_EQ(v6gw_csum_fold(0x0001fffe), 0xffff);
	CHECK_EQ(v6gw_csum_finish(0xffff), 0);
	CHECK_EQ(v6gw_csum_finish(0x1234), 0xedcb);
}

static uint32_t rand_init(void)
{
	switch (unit_rand_below(4)) {
	case 0:
		return 0;
	case 1:
		return 0xffffffff - unit_rand_below(16);
	default:
		return (uint32_t)unit_rand();
	}
}

static void test_reference(void)
{
	uint8_t buf[MAX_LEN + 4];
	long i;

	for (i = 0; i < 5000; i++) {
		size_t off = unit_rand_below(4);
		size_t len = unit_rand_below(MAX_LEN + 1);
		uint32_t init = rand_init();

		unit_iter = i;
		/* Mostly random, sometimes saturated, to exercise carries */
		if (i % 8 == 0)
			memset(buf, 0xff, sizeof(buf));
		else
			unit_rand_bytes(buf, sizeof(buf));
		CHECK_EQ(v6gw_csum_fold(v6gw_csum_partial(buf + off, len,
							  init)),
			 ref_sum(buf + off, len, init));
	}
	unit_iter = -1;
}

/*
 * v6gw_csum_words() against the reference: the same ones' complement sum
 * (0 and 0xffff are the same number), any alignment, saturated words too.
 */
static void test_words(void)
{
	uint8_t buf[4 * 12 + 4];
	long i;

	for (i = 0; i < 20000; i++) {
		size_t off = unit_rand_below(4);
		unsigned int n = unit_rand_below(13);
		uint32_t got, exp;

		unit_iter = i;
		if (i % 8 == 0)
			memset(buf, 0xff, sizeof(buf));
		else if (i % 8 == 1)
			memset(buf, 0, sizeof(buf));
		else
			unit_rand_bytes(buf, sizeof(buf));
		got = v6gw_csum_words(buf + off, n);
		exp = ref_sum(buf + off, 4 * n, 0);
		CHECK(got <= 0xffff);
		CHECK_EQ(got % 0xffff, exp % 0xffff);
	}
	unit_iter = -1;
}

static void test_chaining(void)
{
	uint8_t buf[MAX_LEN];
	long i;

	for (i = 0; i < 3000; i++) {
		size_t len = unit_rand_below(MAX_LEN + 1);
		size_t a = unit_rand_below((uint32_t)len / 2 + 1) * 2;
		size_t b = a + unit_rand_below((uint32_t)(len - a) / 2 + 1) * 2;
		uint32_t sum;

		unit_iter = i;
		unit_rand_bytes(buf, len);
		/* Three pieces, the first two even, the last maybe odd */
		sum = v6gw_csum_partial(buf, a, 0);
		sum = v6gw_csum_partial(buf + a, b - a, sum);
		sum = v6gw_csum_partial(buf + b, len - b, sum);
		CHECK_EQ(v6gw_csum_fold(sum),
			 v6gw_csum_fold(v6gw_csum_partial(buf, len, 0)));
	}
	unit_iter = -1;
}

static bool all_zero(const uint8_t *b, size_t len)
{
	while (len--)
		if (*b++)
			return false;
	return true;
}

static void test_replace(void)
{
	uint8_t buf[MAX_LEN], old[MAX_LEN];
	long i;

	for (i = 0; i < 5000; i++) {
		size_t len = 2 + unit_rand_below(MAX_LEN / 2) * 2;
		size_t off = unit_rand_below((uint32_t)len / 2) * 2;
		size_t rlen = (1 + unit_rand_below(
				(uint32_t)(len - off) / 2)) * 2;
		uint16_t check, updated;

		unit_iter = i;
		if (i % 4 == 0)
			rlen = rlen > 16 ? 16 : rlen;	/* address-sized */
		unit_rand_bytes(buf, len);
		check = v6gw_csum_finish(v6gw_csum_partial(buf, len, 0));
		memcpy(old, buf + off, rlen);
		if (i % 16 == 1)
			memset(buf + off, 0, rlen);
		else if (i % 16 == 2)
			memset(buf + off, 0xff, rlen);
		else
			unit_rand_bytes(buf + off, rlen);
		updated = v6gw_csum_replace(check, old, buf + off, rlen);
		if (all_zero(buf, len)) {
			/*
			 * The one case an incremental update cannot tell
			 * from a non-zero multiple of 0xffff: it gives 0,
			 * a full computation ~0. Real headers never get
			 * here (the pseudo-header is never all zero).
			 */
			CHECK_EQ(updated, 0);
			continue;
		}
		CHECK_EQ(updated,
			 v6gw_csum_finish(v6gw_csum_partial(buf, len, 0)));
	}
	unit_iter = -1;

	/* Odd length region starting at an even offset */
	for (i = 0; i < 1000; i++) {
		size_t len = 2 + unit_rand_below(MAX_LEN / 2) * 2;
		size_t off = unit_rand_below((uint32_t)len / 2) * 2;
		size_t rlen = 1 + unit_rand_below((uint32_t)(len - off));
		uint16_t check;

		unit_iter = i;
		unit_rand_bytes(buf, len);
		check = v6gw_csum_finish(v6gw_csum_partial(buf, len, 0));
		memcpy(old, buf + off, rlen);
		unit_rand_bytes(buf + off, rlen);
		CHECK_EQ(v6gw_csum_replace(check, old, buf + off, rlen),
			 v6gw_csum_finish(v6gw_csum_partial(buf, len, 0)));
	}
	unit_iter = -1;
}

static uint32_t pseudo4_bytes(const uint8_t s[4], const uint8_t d[4],
			      uint8_t proto, uint16_t len)
{
	uint8_t ph[12];

	memcpy(ph, s, 4);
	memcpy(ph + 4, d, 4);
	ph[8] = 0;
	ph[9] = proto;
	v6gw_put_be16(ph + 10, len);
	return ref_sum(ph, sizeof(ph), 0);
}

static uint32_t pseudo6_bytes(const uint8_t s[16], const uint8_t d[16],
			      uint8_t nexthdr, uint32_t len)
{
	uint8_t ph[40];

	memcpy(ph, s, 16);
	memcpy(ph + 16, d, 16);
	v6gw_put_be32(ph + 32, len);
	ph[36] = 0;
	ph[37] = 0;
	ph[38] = 0;
	ph[39] = nexthdr;
	return ref_sum(ph, sizeof(ph), 0);
}

static void test_pseudo(void)
{
	uint8_t s4[4], d4[4], s6[16], d6[16];
	long i;

	for (i = 0; i < 2000; i++) {
		uint8_t proto = (uint8_t)unit_rand();
		uint16_t len16 = (uint16_t)unit_rand();
		uint32_t len32 = (uint32_t)unit_rand();

		unit_iter = i;
		unit_rand_bytes(s4, 4);
		unit_rand_bytes(d4, 4);
		unit_rand_bytes(s6, 16);
		unit_rand_bytes(d6, 16);
		if (i == 0) {
			memset(s4, 0xff, 4);
			memset(d4, 0xff, 4);
			memset(s6, 0xff, 16);
			memset(d6, 0xff, 16);
			proto = 0xff;
			len16 = 0xffff;
			len32 = 0xffffffff;
		}
		CHECK_EQ(v6gw_csum_fold(v6gw_csum_pseudo4(s4, d4, proto,
							  len16)),
			 pseudo4_bytes(s4, d4, proto, len16));
		CHECK_EQ(v6gw_csum_fold(v6gw_csum_pseudo6(s6, d6, proto,
							  len16)),
			 pseudo6_bytes(s6, d6, proto, len16));
		/* Jumbograms (RFC 2675) use the full 32-bit length */
		CHECK_EQ(v6gw_csum_fold(v6gw_csum_pseudo6(s6, d6, proto,
							  len32)),
			 pseudo6_bytes(s6, d6, proto, len32));
	}
	unit_iter = -1;
}

/* The UDP rule the callers apply: a computed 0 is sent as 0xffff. */
static uint16_t udp_field(uint16_t check)
{
	return check ? check : 0xffff;
}

/*
 * Translate a random UDP or TCP segment from IPv4 to IPv6 and back, updating
 * its checksum with v6gw_csum_adjust(), and compare with a full computation.
 */
static void check_swap(uint8_t *seg, size_t len, bool udp,
		       bool zero_check)
{
	size_t coff = udp ? 6 : 16;
	uint8_t proto = udp ? 17 : 6;
	uint8_t s4[4], d4[4], s6[16], d6[16];
	uint32_t ph4, ph6;
	uint16_t c4, c6, full6;

	unit_rand_bytes(s4, 4);
	unit_rand_bytes(d4, 4);
	unit_rand_bytes(s6, 16);
	unit_rand_bytes(d6, 16);
	ph4 = v6gw_csum_pseudo4(s4, d4, proto, (uint32_t)len);
	ph6 = v6gw_csum_pseudo6(s6, d6, proto, (uint32_t)len);

	v6gw_put_be16(seg + coff, 0);
	if (zero_check) {
		/*
		 * Make the IPv4 checksum come out as 0: put the checksum the
		 * segment would have into a word that is 0 (in its even
		 * offset) so that the total becomes a multiple of 0xffff.
		 */
		v6gw_put_be16(seg + len - 2, 0);
		c4 = v6gw_csum_finish(v6gw_csum_partial(seg, len, ph4));
		v6gw_put_be16(seg + len - 2, c4);
	}
	c4 = v6gw_csum_finish(v6gw_csum_partial(seg, len, ph4));
	if (zero_check)
		CHECK_EQ(c4, 0);
	if (udp)
		c4 = udp_field(c4);
	v6gw_put_be16(seg + coff, c4);
	/* The receiver's verification: everything sums to 0xffff */
	CHECK_EQ(v6gw_csum_fold(v6gw_csum_partial(seg, len, ph4)), 0xffff);

	/* IPv4 -> IPv6 */
	c6 = v6gw_csum_adjust(c4, ph4, ph6);
	if (udp)
		c6 = udp_field(c6);
	v6gw_put_be16(seg + coff, 0);
	full6 = v6gw_csum_finish(v6gw_csum_partial(seg, len, ph6));
	if (udp)
		full6 = udp_field(full6);
	CHECK_EQ(c6, full6);
	v6gw_put_be16(seg + coff, c6);
	CHECK_EQ(v6gw_csum_fold(v6gw_csum_partial(seg, len, ph6)), 0xffff);

	/* and back: IPv6 -> IPv4 */
	c4 = v6gw_csum_adjust(c6, ph6, ph4);
	if (udp)
		c4 = udp_field(c4);
	v6gw_put_be16(seg + coff, c4);
	CHECK_EQ(v6gw_csum_fold(v6gw_csum_partial(seg, len, ph4)), 0xffff);
}

static void test_adjust(void)
{
	uint8_t seg[MAX_LEN + 8];
	long i;

	for (i = 0; i < 4000; i++) {
		bool udp = i & 1;
		bool zero = i % 16 < 2;
		size_t len = (udp ? 8 : 20) +
			     unit_rand_below(MAX_LEN - 20 + 1);

		unit_iter = i;
		if (zero) {
			/* even, and room for a word after the checksum */
			len = (len + 4) & ~(size_t)1;
		}
		unit_rand_bytes(seg, len);
		if (udp)
			v6gw_put_be16(seg + 4, (uint16_t)len);
		/* Every 8th: a segment whose IPv4 checksum computes to 0 */
		check_swap(seg, len, udp, zero);
	}
	unit_iter = -1;
}

void test_csum(void)
{
	unit_seed(0x6c7363ULL);	/* "csum" */
	test_vectors();
	test_reference();
	test_words();
	test_chaining();
	test_replace();
	test_pseudo();
	test_adjust();
}
