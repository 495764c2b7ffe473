// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Unit tests for rfc6052.c: the RFC 6052 section 2.4 examples, a bit-wise
 * reference embedding, round trips, prefix validation and the
 * special-purpose IPv4 ranges.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rfc6052.h"
#include "unit.h"

static const uint8_t valid_lens[] = { 32, 40, 48, 56, 64, 96 };

#define MSG_LEN "prefix length must be 32, 40, 48, 56, 64 or 96"
#define MSG_HOST "bits beyond the prefix length must be zero"
#define MSG_U "bits 64-71 (the u octet) must be zero"

static void pton6(const char *s, uint8_t out[16])
{
	if (inet_pton(AF_INET6, s, out) != 1)
		abort();
}

static void pton4(const char *s, uint8_t out[4])
{
	if (inet_pton(AF_INET, s, out) != 1)
		abort();
}

static void prefix(struct v6gw_prefix6 *p, const char *s, uint8_t len)
{
	pton6(s, p->addr);
	p->len = len;
}

static bool get_bit(const uint8_t *a, unsigned int bit)
{
	return a[bit / 8] >> (7 - bit % 8) & 1;
}

static void set_bit(uint8_t *a, unsigned int bit, bool v)
{
	if (v)
		a[bit / 8] |= (uint8_t)(0x80 >> (bit % 8));
	else
		a[bit / 8] &= (uint8_t)~(0x80 >> (bit % 8));
}

/* RFC 6052 section 2.2, bit by bit: v4 follows the prefix, skipping 64-71 */
static void ref_embed(const struct v6gw_prefix6 *p, const uint8_t v4[4],
		      uint8_t v6[16])
{
	unsigned int i, pos;

	memset(v6, 0, 16);
	for (i = 0; i < p->len; i++)
		set_bit(v6, i, get_bit(p->addr, i));
	for (i = 0; i < 32; i++) {
		pos = p->len + i;
		if (pos >= 64 && p->len < 96)
			pos += 8;
		set_bit(v6, pos, get_bit(v4, i));
	}
}

static bool ref_contains(const struct v6gw_prefix6 *p, const uint8_t v6[16])
{
	unsigned int i;

	if (p->len > 128)
		return false;
	for (i = 0; i < p->len; i++)
		if (get_bit(p->addr, i) != get_bit(v6, i))
			return false;
	return true;
}

static void test_rfc_examples(void)
{
	/* RFC 6052 section 2.4, Table 2 */
	static const struct {
		const char *prefix;
		uint8_t len;
		const char *v6;
	} ex[] = {
		{ "2001:db8::", 32, "2001:db8:c000:221::" },
		{ "2001:db8:100::", 40, "2001:db8:1c0:2:21::" },
		{ "2001:db8:122::", 48, "2001:db8:122:c000:2:2100::" },
		{ "2001:db8:122:300::", 56, "2001:db8:122:3c0:0:221::" },
		{ "2001:db8:122:344::", 64, "2001:db8:122:344:c0:2:2100:0" },
		{ "2001:db8:122:344::", 96, "2001:db8:122:344::192.0.2.33" },
		{ "64:ff9b::", 96, "64:ff9b::192.0.2.33" },
	};
	uint8_t v4[4], want[16], got[16], back[4];
	struct v6gw_prefix6 p;
	size_t i;

	pton4("192.0.2.33", v4);
	for (i = 0; i < sizeof(ex) / sizeof(ex[0]); i++) {
		unit_iter = (long)i;
		prefix(&p, ex[i].prefix, ex[i].len);
		pton6(ex[i].v6, want);
		CHECK_STR(v6gw_rfc6052_prefix_invalid(&p), NULL);
		v6gw_rfc6052_embed(&p, v4, got);
		CHECK_MEM(got, want, 16);
		memset(back, 0, 4);
		CHECK(v6gw_rfc6052_extract(&p, want, back));
		CHECK_MEM(back, v4, 4);
		CHECK_EQ(v6gw_rfc6052_is_wkp(&p), i == 6);
		/* 192.0.2.33 is TEST-NET-1: the WKP must not carry it */
		CHECK(v6gw_ipv4_is_special(v4));
	}
	unit_iter = -1;
}

static void rand_prefix(struct v6gw_prefix6 *p, uint8_t len)
{
	unsigned int i;

	unit_rand_bytes(p->addr, 16);
	p->len = len;
	for (i = len; i < 128; i++)
		set_bit(p->addr, i, false);
	if (len == 96)
		p->addr[8] = 0;
}

/* First byte after the embedded IPv4 address */
static unsigned int suffix_start(uint8_t len)
{
	return len == 96 ? 16 : len / 8 + 5;
}

static void test_round_trip(void)
{
	uint8_t v4[4], v6[16], want[16], back[4], other[16];
	struct v6gw_prefix6 p;
	long i;

	for (i = 0; i < 12000; i++) {
		uint8_t len = valid_lens[i % 6];
		unsigned int s = suffix_start(len), bit, j;

		unit_iter = i;
		rand_prefix(&p, len);
		if (i % 50 == 0)
			memset(v4, 0, 4);
		else if (i % 50 == 1)
			memset(v4, 0xff, 4);
		else
			unit_rand_bytes(v4, 4);
		CHECK_STR(v6gw_rfc6052_prefix_invalid(&p), NULL);

		v6gw_rfc6052_embed(&p, v4, v6);
		ref_embed(&p, v4, want);
		CHECK_MEM(v6, want, 16);
		CHECK_EQ(v6[8], 0);
		for (j = s; j < 16; j++)
			CHECK_EQ(v6[j], 0);
		CHECK(v6gw_prefix6_contains(&p, v6));
		memset(back, 0xa5, 4);
		CHECK(v6gw_rfc6052_extract(&p, v6, back));
		CHECK_MEM(back, v4, 4);

		/* Suffix and (below /96) u octet are ignored on receipt */
		memcpy(other, v6, 16);
		if (s < 16)
			unit_rand_bytes(other + s, 16 - s);
		if (len < 96)
			other[8] = (uint8_t)(1 + unit_rand_below(255));
		memset(back, 0xa5, 4);
		CHECK(v6gw_rfc6052_extract(&p, other, back));
		CHECK_MEM(back, v4, 4);

		/* Any prefix bit flipped: outside, and v4 left untouched */
		memcpy(other, v6, 16);
		bit = unit_rand_below(len);
		set_bit(other, bit, !get_bit(other, bit));
		memset(back, 0xa5, 4);
		CHECK(!v6gw_rfc6052_extract(&p, other, back));
		CHECK_EQ(back[0] & back[1] & back[2] & back[3], 0xa5);
	}
	unit_iter = -1;
}

static void test_edges(void)
{
	static const uint8_t zero4[4], ones4[4] = { 255, 255, 255, 255 };
	struct v6gw_prefix6 p;
	uint8_t v6[16], want[16], back[4];
	unsigned int j;
	size_t i;

	for (i = 0; i < 6; i++) {
		uint8_t len = valid_lens[i];

		unit_iter = (long)i;
		/* The prefix all ones in its bits */
		memset(&p, 0, sizeof(p));
		p.len = len;
		for (j = 0; j < len; j++)
			set_bit(p.addr, j, true);
		if (len == 96)
			p.addr[8] = 0;
		CHECK_STR(v6gw_rfc6052_prefix_invalid(&p), NULL);

		/* 255.255.255.255 fills exactly the v4 bits */
		v6gw_rfc6052_embed(&p, ones4, v6);
		memset(want, 0, 16);
		for (j = 0; j < (len == 96 ? 128u : len + 40u); j++)
			set_bit(want, j, true);
		want[8] = 0;
		CHECK_MEM(v6, want, 16);
		CHECK(v6gw_rfc6052_extract(&p, v6, back));
		CHECK_MEM(back, ones4, 4);

		/* 0.0.0.0 is the prefix itself */
		v6gw_rfc6052_embed(&p, zero4, v6);
		CHECK_MEM(v6, p.addr, 16);
		memset(back, 0xa5, 4);
		CHECK(v6gw_rfc6052_extract(&p, v6, back));
		CHECK_MEM(back, zero4, 4);

		/* An all-ones address is inside only the all-ones prefix */
		memset(v6, 0xff, 16);
		CHECK_EQ(v6gw_rfc6052_extract(&p, v6, back), len < 96);
		if (len < 96)
			CHECK_MEM(back, ones4, 4);
		memset(p.addr, 0, 16);
		CHECK(!v6gw_rfc6052_extract(&p, v6, back));
	}
	unit_iter = -1;
}

static void test_contains(void)
{
	struct v6gw_prefix6 p;
	uint8_t v6[16];
	long i;

	for (i = 0; i < 6000; i++) {
		unsigned int len = unit_rand_below(131);

		unit_iter = i;
		unit_rand_bytes(p.addr, 16);
		p.len = (uint8_t)len;
		/* inside (with random bits after the prefix) or near miss */
		unit_rand_bytes(v6, 16);
		if (len <= 128) {
			unsigned int j;

			for (j = 0; j < len; j++)
				set_bit(v6, j, get_bit(p.addr, j));
			if (len && i % 2) {
				j = len - 1 - unit_rand_below(len < 8 ?
							      len : 8);
				set_bit(v6, j, !get_bit(v6, j));
			}
		}
		CHECK_EQ(v6gw_prefix6_contains(&p, v6), ref_contains(&p, v6));
	}
	unit_iter = -1;

	memset(&p, 0, sizeof(p));
	memset(v6, 0xff, 16);
	CHECK(v6gw_prefix6_contains(&p, v6));		/* ::/0 */
	p.len = 128;
	memset(p.addr, 0xff, 16);
	CHECK(v6gw_prefix6_contains(&p, v6));
	v6[15] = 0xfe;
	CHECK(!v6gw_prefix6_contains(&p, v6));
	p.len = 127;
	CHECK(v6gw_prefix6_contains(&p, v6));
	p.len = 129;
	CHECK(!v6gw_prefix6_contains(&p, p.addr));
	p.len = 255;
	CHECK(!v6gw_prefix6_contains(&p, p.addr));
}

static bool is_valid_len(unsigned int len)
{
	return len == 32 || len == 40 || len == 48 || len == 56 ||
	       len == 64 || len == 96;
}

static void test_validation(void)
{
	struct v6gw_prefix6 p;
	unsigned int len, b;
	size_t i;

	for (len = 0; len <= 255; len++) {
		unit_iter = (long)len;
		memset(&p, 0, sizeof(p));
		p.len = (uint8_t)len;
		CHECK_STR(v6gw_rfc6052_prefix_invalid(&p),
			  is_valid_len(len) ? NULL : MSG_LEN);
	}

	for (i = 0; i < 6; i++) {
		uint8_t len = valid_lens[i];

		unit_iter = (long)i;
		memset(&p, 0, sizeof(p));
		p.len = len;
		/* every single bit: fine inside, an error beyond */
		for (b = 0; b < 128; b++) {
			const char *want = NULL;

			if (len == 96 && b >= 64 && b < 72)
				want = MSG_U;
			else if (b >= len)
				want = MSG_HOST;
			set_bit(p.addr, b, true);
			CHECK_STR(v6gw_rfc6052_prefix_invalid(&p), want);
			set_bit(p.addr, b, false);
		}
	}
	unit_iter = -1;

	/* A /96 with a non-zero u octet, with and without other errors */
	prefix(&p, "2001:db8:122:344:100::", 96);
	CHECK_STR(v6gw_rfc6052_prefix_invalid(&p), MSG_U);
	prefix(&p, "2001:db8:122:344:ff00::", 96);
	CHECK_STR(v6gw_rfc6052_prefix_invalid(&p), MSG_U);
	prefix(&p, "2001:db8:122:344:ff00::1", 96);
	CHECK(v6gw_rfc6052_prefix_invalid(&p) != NULL);
	prefix(&p, "2001:db8:122:344:ff00::", 95);
	CHECK_STR(v6gw_rfc6052_prefix_invalid(&p), MSG_LEN);
	/* the same byte is a host bit for a /64 */
	prefix(&p, "2001:db8:122:344:ff00::", 64);
	CHECK_STR(v6gw_rfc6052_prefix_invalid(&p), MSG_HOST);
	prefix(&p, "2001:db8::1", 32);
	CHECK_STR(v6gw_rfc6052_prefix_invalid(&p), MSG_HOST);
	prefix(&p, "64:ff9b:1::", 48);
	CHECK_STR(v6gw_rfc6052_prefix_invalid(&p), NULL);
}

static void test_wkp(void)
{
	struct v6gw_prefix6 p;

	prefix(&p, "64:ff9b::", 96);
	CHECK(v6gw_rfc6052_is_wkp(&p));
	p.len = 64;
	CHECK(!v6gw_rfc6052_is_wkp(&p));
	p.len = 32;
	CHECK(!v6gw_rfc6052_is_wkp(&p));
	prefix(&p, "64:ff9b:1::", 48);	/* RFC 8215 local-use */
	CHECK(!v6gw_rfc6052_is_wkp(&p));
	prefix(&p, "64:ff9b:1::", 96);
	CHECK(!v6gw_rfc6052_is_wkp(&p));
	prefix(&p, "64:ff9b:0:0:0:1::", 96);
	CHECK(!v6gw_rfc6052_is_wkp(&p));
	prefix(&p, "64:ff9a::", 96);
	CHECK(!v6gw_rfc6052_is_wkp(&p));
	prefix(&p, "2001:db8::", 96);
	CHECK(!v6gw_rfc6052_is_wkp(&p));
}

static void test_special(void)
{
	/* Each range: the address before it, its first and last, the next */
	static const struct {
		const char *addr;
		bool special;
	} t[] = {
		{ "0.0.0.0", true }, { "0.255.255.255", true },
		{ "1.0.0.0", false },
		{ "9.255.255.255", false }, { "10.0.0.0", true },
		{ "10.255.255.255", true }, { "11.0.0.0", false },
		{ "100.63.255.255", false }, { "100.64.0.0", true },
		{ "100.127.255.255", true }, { "100.128.0.0", false },
		{ "126.255.255.255", false }, { "127.0.0.0", true },
		{ "127.255.255.255", true }, { "128.0.0.0", false },
		{ "169.253.255.255", false }, { "169.254.0.0", true },
		{ "169.254.255.255", true }, { "169.255.0.0", false },
		{ "172.15.255.255", false }, { "172.16.0.0", true },
		{ "172.31.255.255", true }, { "172.32.0.0", false },
		{ "191.255.255.255", false }, { "192.0.0.0", true },
		{ "192.0.0.8", true }, { "192.0.0.9", false },
		{ "192.0.0.10", false }, { "192.0.0.11", true },
		{ "192.0.0.170", true }, { "192.0.0.255", true },
		{ "192.0.1.0", false },
		{ "192.0.1.255", false }, { "192.0.2.0", true },
		{ "192.0.2.255", true }, { "192.0.3.0", false },
		{ "192.88.98.255", false }, { "192.88.99.0", true },
		{ "192.88.99.255", true }, { "192.88.100.0", false },
		{ "192.167.255.255", false }, { "192.168.0.0", true },
		{ "192.168.255.255", true }, { "192.169.0.0", false },
		{ "198.17.255.255", false }, { "198.18.0.0", true },
		{ "198.19.255.255", true }, { "198.20.0.0", false },
		{ "198.51.99.255", false }, { "198.51.100.0", true },
		{ "198.51.100.255", true }, { "198.51.101.0", false },
		{ "203.0.112.255", false }, { "203.0.113.0", true },
		{ "203.0.113.255", true }, { "203.0.114.0", false },
		{ "223.255.255.255", false }, { "224.0.0.0", true },
		{ "239.255.255.255", true }, { "240.0.0.0", true },
		{ "255.255.255.254", true }, { "255.255.255.255", true },
		/* ordinary global unicast */
		{ "1.1.1.1", false }, { "8.8.8.8", false },
		{ "100.0.0.1", false }, { "192.0.0.9", false },
		{ "193.0.0.0", false }, { "223.0.0.1", false },
	};
	uint8_t v4[4];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		unit_iter = (long)i;
		pton4(t[i].addr, v4);
		if (!CHECK_EQ(v6gw_ipv4_is_special(v4), t[i].special))
			fprintf(stderr, "  address %s\n", t[i].addr);
	}
	unit_iter = -1;
}

void test_rfc6052(void)
{
	unit_seed(0x363035320ULL);	/* "6052" */
	test_rfc_examples();
	test_round_trip();
	test_edges();
	test_contains();
	test_validation();
	test_wkp();
	test_special();
}
