// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * DHCPv6 prefix delegation parsing (dhcp6.c) on hand-written messages:
 * Replies, Releases and Relay-Replies with IA_PD / IAPREFIX options, the
 * status codes and lifetimes that drop prefixes, the 16-prefix limit,
 * relay nesting, and malformed messages at every container level. Every
 * message is parsed from an exactly sized heap copy, so that ASan sees
 * any read past its end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp6.h"
#include "unit.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Big-endian 32-bit constants, for lifetimes. */
#define B32(x) (uint8_t)((x) >> 24), (uint8_t)((x) >> 16), \
	       (uint8_t)((x) >> 8), (uint8_t)(x)

/* Prefixes, as sent. */
#define PFX1 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x01, 0x00, \
	     0, 0, 0, 0, 0, 0, 0, 0		/* 2001:db8:1:100::/56 */
#define PFX2 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0, 0, \
	     0, 0, 0, 0, 0, 0, 0, 0		/* 2001:db8:2::/48 */
#define PFX3 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x03, 0x00, 0x4f, \
	     0, 0, 0, 0, 0, 0, 0, 0x01		/* 2001:db8:3:4f::1/60 */
#define PFX4 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x04, 0x00, 0x01, \
	     0, 0, 0, 0, 0, 0, 0, 0		/* 2001:db8:4:1::/64 */
#define PFX5 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x05, 0, 0, \
	     0, 0, 0, 0, 0, 0, 0, 0x05		/* 2001:db8:5::5/128 */
/* Relay addresses. */
#define LINK 0x20, 0x01, 0x0d, 0xb8, 0xff, 0xff, 0, 0, \
	     0, 0, 0, 0, 0, 0, 0, 0x01		/* 2001:db8:ffff::1 */
#define PEER1 0xfe, 0x80, 0, 0, 0, 0, 0, 0, \
	      0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55
#define PEER2 0xfe, 0x80, 0, 0, 0, 0, 0, 0, \
	      0, 0, 0, 0, 0, 0, 0, 0x02

/* Options, each with its length written out. */
#define CLIENTID 0, 1, 0, 10, 0, 3, 0, 1, 0x02, 0, 0, 0, 0, 0x01
#define SERVERID 0, 2, 0, 10, 0, 3, 0, 1, 0x02, 0, 0, 0, 0, 0x02
#define IFACEID 0, 18, 0, 4, 'e', 't', 'h', '0'
/* IA_PD of @len bytes (12 + 29 per IAPREFIX ...), T1 3600, T2 5400 */
#define IAPD(len, iaid) 0, 25, 0, len, 0, 0, 0, iaid, \
	0, 0, 0x0e, 0x10, 0, 0, 0x15, 0x18
/* IAPREFIX without options: 29 bytes */
#define IAPFX(pref, valid, plen, pfx) 0, 26, 0, 25, B32(pref), B32(valid), \
	plen, pfx
#define STATUS(code) 0, 13, 0, 2, 0, code	/* 6 bytes */

/* A Reply with one IA_PD with one IAPREFIX, every byte written out. */
#define REPLY1 \
	7, 0xa1, 0xb2, 0xc3,				/* Reply, xid */ \
	0, 1, 0, 10, 0, 3, 0, 1, 0x02, 0, 0, 0, 0, 0x01, /* Client ID */ \
	0, 2, 0, 10, 0, 3, 0, 1, 0x02, 0, 0, 0, 0, 0x02, /* Server ID */ \
	0, 25, 0, 41,					/* IA_PD */ \
	0, 0, 0, 1,					/* IAID 1 */ \
	0, 0, 0x0e, 0x10,				/* T1 3600 */ \
	0, 0, 0x15, 0x18,				/* T2 5400 */ \
	0, 26, 0, 25,					/* IAPREFIX */ \
	0, 0, 0x1c, 0x20,				/* 7200 */ \
	0, 0, 0x38, 0x40,				/* 14400 */ \
	56,						/* /56 */ \
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x01, 0x00, \
	0, 0, 0, 0, 0, 0, 0, 0				/* 77 bytes */

/* REPLY1 in a Relay-Reply from PEER1: 34 + 8 + 4 + 77 = 123 bytes. */
#define RELAY1 13, 0, LINK, PEER1, IFACEID, 0, 9, 0, 77, REPLY1

static const uint8_t pfx1[16] = { PFX1 }, pfx2[16] = { PFX2 },
	pfx3[16] = { PFX3 }, pfx4[16] = { PFX4 }, pfx5[16] = { PFX5 },
	peer1[16] = { PEER1 }, peer2[16] = { PEER2 }, zero16[16];

static unsigned long broken;	/* invariant violations */

/* Parse an exactly sized heap copy of @m, check the invariants. */
static enum v6gw_dhcp6_verdict parse(const uint8_t *m, size_t len,
				     struct v6gw_dhcp6_info *info)
{
	enum v6gw_dhcp6_verdict v;
	uint8_t *p = malloc(len);
	unsigned int i;

	if (!p && len)
		abort();
	if (len)
		memcpy(p, m, len);
	memset(info, 0xa5, sizeof(*info));
	v = v6gw_dhcp6_parse(p, len, info);
	free(p);
	if (v != V6GW_DHCP6_PD && v != V6GW_DHCP6_IGNORE &&
	    v != V6GW_DHCP6_MALFORMED)
		broken++;
	if (v == V6GW_DHCP6_MALFORMED)
		return v;
	if (info->nprefix > V6GW_DHCP6_PD_N ||
	    info->depth > V6GW_DHCP6_RELAY_DEPTH ||
	    info->have_peer != (info->depth > 0) ||
	    (!info->have_peer && memcmp(info->peer, zero16, 16)) ||
	    (info->more && info->nprefix < V6GW_DHCP6_PD_N))
		broken++;
	for (i = 0; i < info->nprefix && i < V6GW_DHCP6_PD_N; i++)
		if (info->prefix[i].len > 128)
			broken++;
	return v;
}

#define PARSE(m, info) parse(m, sizeof(m), info)

static void check_pfx(const struct v6gw_dhcp6_prefix *p, const uint8_t *addr,
		      uint8_t len, uint32_t preferred, uint32_t valid)
{
	CHECK_MEM(p->addr, addr, 16);
	CHECK_EQ(p->len, len);
	CHECK_EQ(p->preferred, preferred);
	CHECK_EQ(p->valid, valid);
}

/* A message all of whose proper prefixes are malformed. */
static void check_cuts(const uint8_t *m, size_t len)
{
	struct v6gw_dhcp6_info info;
	size_t cut;

	for (cut = 0; cut < len; cut++) {
		unit_iter = (long)cut;
		CHECK_EQ(parse(m, cut, &info), V6GW_DHCP6_MALFORMED);
	}
	unit_iter = -1;
}

static void t_reply_one(void)
{
	static const uint8_t m[] = { REPLY1 };
	struct v6gw_dhcp6_info info;
	size_t cut;

	CHECK_EQ(sizeof(m), 77);
	CHECK_EQ(PARSE(m, &info), V6GW_DHCP6_PD);
	CHECK_EQ(info.type, V6GW_DHCP6_REPLY);
	CHECK_EQ(info.depth, 0);
	CHECK(!info.have_peer);
	CHECK_MEM(info.peer, zero16, 16);
	CHECK_EQ(info.nprefix, 1);
	CHECK(!info.more);
	check_pfx(&info.prefix[0], pfx1, 56, 7200, 14400);

	/* Cut anywhere: malformed but at the ends of the options (4: header
	 * only, 18: Client ID, 32: Server ID, all without IA_PD). */
	for (cut = 0; cut < sizeof(m); cut++) {
		enum v6gw_dhcp6_verdict v = parse(m, cut, &info);

		unit_iter = (long)cut;
		if (cut == 4 || cut == 18 || cut == 32) {
			CHECK_EQ(v, V6GW_DHCP6_IGNORE);
			CHECK_EQ(info.type, V6GW_DHCP6_REPLY);
		} else {
			CHECK_EQ(v, V6GW_DHCP6_MALFORMED);
		}
	}
	unit_iter = -1;
}

static void t_reply_many(void)
{
	static const uint8_t m[] = {
		7, 1, 2, 3,
		IAPD(70, 1),
		IAPFX(7200, 14400, 56, PFX1),
		IAPFX(3600, 3600, 48, PFX2),
		SERVERID,
		IAPD(99, 2),
		IAPFX(0xffffffff, 0xffffffff, 60, PFX3),
		IAPFX(0, 100, 64, PFX4),
		IAPFX(1, 2, 128, PFX5),
		CLIENTID,
	};
	/* the same, and an IA_PD with an unknown option and no prefix */
	static const uint8_t m2[] = {
		7, 1, 2, 3,
		IAPD(20, 9), 0, 99, 0, 4, 1, 2, 3, 4,
		IAPD(41, 1), IAPFX(7200, 14400, 56, PFX1),
	};
	struct v6gw_dhcp6_info info;

	CHECK_EQ(PARSE(m, &info), V6GW_DHCP6_PD);
	CHECK_EQ(info.type, V6GW_DHCP6_REPLY);
	CHECK_EQ(info.nprefix, 5);
	CHECK(!info.more);
	check_pfx(&info.prefix[0], pfx1, 56, 7200, 14400);
	check_pfx(&info.prefix[1], pfx2, 48, 3600, 3600);
	check_pfx(&info.prefix[2], pfx3, 60, 0xffffffff, 0xffffffff);
	check_pfx(&info.prefix[3], pfx4, 64, 0, 100);
	check_pfx(&info.prefix[4], pfx5, 128, 1, 2);

	CHECK_EQ(PARSE(m2, &info), V6GW_DHCP6_PD);
	CHECK_EQ(info.nprefix, 1);
	check_pfx(&info.prefix[0], pfx1, 56, 7200, 14400);
}

/*
 * A Reply of IA_PDs of @n[i] prefixes each (IAPREFIX i of them: prefix
 * 2001:db8:i::/48, lifetimes i and i + 1), a failing Status Code in IA_PD
 * number @fail (-1: none). Returns its length.
 */
static size_t many(uint8_t *b, const unsigned int *n, unsigned int nia,
		   int fail)
{
	static const uint8_t ia[] = { IAPD(0, 1) },
		pf[] = { IAPFX(0, 1, 48, PFX2) },
		st[] = { STATUS(6) };
	unsigned int i, j, k = 0;
	size_t len = 4, start;

	memcpy(b, (const uint8_t[]){ 7, 0, 0, 1 }, 4);
	for (i = 0; i < nia; i++) {
		start = len;
		memcpy(b + len, ia, sizeof(ia));
		len += sizeof(ia);
		for (j = 0; j < n[i]; j++, k++) {
			memcpy(b + len, pf, sizeof(pf));
			b[len + 7] = (uint8_t)k;	/* preferred */
			b[len + 11] = (uint8_t)(k + 1);	/* valid */
			b[len + 18] = (uint8_t)k;	/* prefix bits 40-47 */
			len += sizeof(pf);
		}
		if ((int)i == fail) {
			memcpy(b + len, st, sizeof(st));
			len += sizeof(st);
		}
		b[start + 2] = (uint8_t)((len - start - 4) >> 8);
		b[start + 3] = (uint8_t)(len - start - 4);
	}
	return len;
}

static void check_many(const struct v6gw_dhcp6_info *info, unsigned int n)
{
	uint8_t want[16] = { PFX2 };
	unsigned int i;

	CHECK_EQ(info->nprefix, n);
	for (i = 0; i < n && i < V6GW_DHCP6_PD_N; i++) {
		unit_iter = i;
		want[5] = (uint8_t)i;
		check_pfx(&info->prefix[i], want, 48, i, i + 1);
	}
	unit_iter = -1;
}

static void t_more(void)
{
	static uint8_t b[2048];
	struct v6gw_dhcp6_info info;
	size_t len;

	len = many(b, (const unsigned int[]){ 16 }, 1, -1);
	CHECK_EQ(len, 4 + 16 + 16 * 29);
	CHECK_EQ(parse(b, len, &info), V6GW_DHCP6_PD);
	check_many(&info, 16);
	CHECK(!info.more);

	len = many(b, (const unsigned int[]){ 17 }, 1, -1);
	CHECK_EQ(parse(b, len, &info), V6GW_DHCP6_PD);
	check_many(&info, 16);
	CHECK(info.more);

	len = many(b, (const unsigned int[]){ 30 }, 1, -1);
	CHECK_EQ(parse(b, len, &info), V6GW_DHCP6_PD);
	check_many(&info, 16);
	CHECK(info.more);

	/* the 17th in a second IA_PD */
	len = many(b, (const unsigned int[]){ 16, 1 }, 2, -1);
	CHECK_EQ(parse(b, len, &info), V6GW_DHCP6_PD);
	check_many(&info, 16);
	CHECK(info.more);

	/* ... which fails: nothing left out */
	len = many(b, (const unsigned int[]){ 16, 1 }, 2, 1);
	CHECK_EQ(parse(b, len, &info), V6GW_DHCP6_PD);
	check_many(&info, 16);
	CHECK(!info.more);

	/* 17 in a failing IA_PD, then 3 in a good one */
	len = many(b, (const unsigned int[]){ 17, 3 }, 2, 0);
	CHECK_EQ(parse(b, len, &info), V6GW_DHCP6_PD);
	CHECK_EQ(info.nprefix, 3);
	CHECK(!info.more);
	CHECK_EQ(info.prefix[0].preferred, 17);
	CHECK_EQ(info.prefix[2].valid, 20);

	/* 10 and 10: the first 6 of the second IA_PD kept */
	len = many(b, (const unsigned int[]){ 10, 10 }, 2, -1);
	CHECK_EQ(parse(b, len, &info), V6GW_DHCP6_PD);
	check_many(&info, 16);
	CHECK(info.more);
}

static void t_lifetimes(void)
{
	static const uint8_t m[] = {
		7, 0, 0, 2,
		IAPD(157, 1),
		IAPFX(0, 0, 56, PFX1),		/* removal */
		IAPFX(5, 0, 48, PFX2),		/* preferred > valid */
		IAPFX(100, 100, 60, PFX3),	/* equal: kept */
		IAPFX(0xffffffff, 0xfffffffe, 64, PFX4), /* skipped */
		IAPFX(0xfffffffe, 0xffffffff, 128, PFX5),
	};
	/* the same as a Release: no lifetime check */
	static const uint8_t rel[] = {
		8, 0, 0, 2,
		CLIENTID, SERVERID,
		IAPD(157, 1),
		IAPFX(0, 0, 56, PFX1),
		IAPFX(5, 0, 48, PFX2),
		IAPFX(100, 100, 60, PFX3),
		IAPFX(0xffffffff, 0xfffffffe, 64, PFX4),
		IAPFX(0xfffffffe, 0xffffffff, 128, PFX5),
	};
	struct v6gw_dhcp6_info info;

	CHECK_EQ(PARSE(m, &info), V6GW_DHCP6_PD);
	CHECK_EQ(info.nprefix, 3);
	check_pfx(&info.prefix[0], pfx1, 56, 0, 0);
	check_pfx(&info.prefix[1], pfx3, 60, 100, 100);
	check_pfx(&info.prefix[2], pfx5, 128, 0xfffffffe, 0xffffffff);

	CHECK_EQ(PARSE(rel, &info), V6GW_DHCP6_PD);
	CHECK_EQ(info.type, V6GW_DHCP6_RELEASE);
	CHECK_EQ(info.nprefix, 5);
	check_pfx(&info.prefix[0], pfx1, 56, 0, 0);
	check_pfx(&info.prefix[1], pfx2, 48, 5, 0);
	check_pfx(&info.prefix[2], pfx3, 60, 100, 100);
	check_pfx(&info.prefix[3], pfx4, 64, 0xffffffff, 0xfffffffe);
	check_pfx(&info.prefix[4], pfx5, 128, 0xfffffffe, 0xffffffff);
}

static void t_plen(void)
{
	static const uint8_t m[] = {
		7, 0, 0, 3,
		IAPD(128, 1),
		IAPFX(1, 2, 129, PFX1),		/* skipped */
		IAPFX(1, 2, 128, PFX5),
		IAPFX(1, 2, 255, PFX2),		/* skipped */
		IAPFX(1, 2, 0, PFX4),		/* 0..128: kept */
	};
	static const uint8_t rel[] = {
		8, 0, 0, 3, IAPD(41, 1), IAPFX(0, 0, 129, PFX1),
	};
	struct v6gw_dhcp6_info info;

	CHECK_EQ(PARSE(m, &info), V6GW_DHCP6_PD);
	CHECK_EQ(info.nprefix, 2);
	check_pfx(&info.prefix[0], pfx5, 128, 1, 2);
	check_pfx(&info.prefix[1], pfx4, 0, 1, 2);

	CHECK_EQ(PARSE(rel, &info), V6GW_DHCP6_PD);
	CHECK_EQ(info.type, V6GW_DHCP6_RELEASE);
	CHECK_EQ(info.nprefix, 0);
}

static void t_status(void)
{
	/* NoPrefixAvail, with a message, as the only option of an IA_PD */
	static const uint8_t nopfx[] = {
		7, 0, 0, 4, SERVERID,
		IAPD(23, 1), 0, 13, 0, 7, 0, 6, 'n', 'o', 'n', 'e', '!',
	};
	/* NoPrefixAvail after the prefix; another IA_PD is fine */
	static const uint8_t nopfx2[] = {
		7, 0, 0, 4,
		IAPD(41, 1), IAPFX(10, 20, 56, PFX1),
		IAPD(47, 2), IAPFX(10, 20, 48, PFX2), STATUS(6),
		IAPD(47, 3), STATUS(0), IAPFX(10, 20, 60, PFX3),
	};
	/* a top-level failure, before or after the IA_PD */
	static const uint8_t top1[] = {
		7, 0, 0, 4, STATUS(1), IAPD(41, 1), IAPFX(10, 20, 56, PFX1),
	};
	static const uint8_t top2[] = {
		7, 0, 0, 4, IAPD(41, 1), IAPFX(10, 20, 56, PFX1),
		0, 13, 0, 4, 0, 6, 'n', 'o',
	};
	static const uint8_t top_ok[] = {
		7, 0, 0, 4, STATUS(0), IAPD(41, 1), IAPFX(10, 20, 56, PFX1),
		0, 13, 0, 3, 0, 0, '!',
	};
	/* an IAPREFIX with its own failure (NoBinding, RFC 8415 21.22) */
	static const uint8_t own[] = {
		7, 0, 0, 4,
		IAPD(82, 1),
		0, 26, 0, 31, B32(10), B32(20), 56, PFX1, STATUS(3),
		0, 26, 0, 31, B32(10), B32(20), 48, PFX2, STATUS(0),
	};
	/* Status Codes shorter than 2 bytes, at each level */
	static const uint8_t short1[] = {
		7, 0, 0, 4, 0, 13, 0, 1, 0, IAPD(41, 1),
		IAPFX(10, 20, 56, PFX1),
	};
	static const uint8_t short2[] = {
		7, 0, 0, 4, IAPD(45, 1), IAPFX(10, 20, 56, PFX1), 0, 13, 0, 0,
	};
	static const uint8_t short3[] = {
		7, 0, 0, 4, IAPD(46, 1),
		0, 26, 0, 30, B32(10), B32(20), 56, PFX1, 0, 13, 0, 1, 6,
	};
	struct v6gw_dhcp6_info info;

	CHECK_EQ(PARSE(nopfx, &info), V6GW_DHCP6_PD);
	CHECK_EQ(info.nprefix, 0);
	CHECK(!info.more);

	CHECK_EQ(PARSE(nopfx2, &info), V6GW_DHCP6_PD);
	CHECK_EQ(info.nprefix, 2);
	check_pfx(&info.prefix[0], pfx1, 56, 10, 20);
	check_pfx(&info.prefix[1], pfx3, 60, 10, 20);

	CHECK_EQ(PARSE(top1, &info), V6GW_DHCP6_IGNORE);
	CHECK_EQ(info.type, V6GW_DHCP6_REPLY);
	CHECK_EQ(PARSE(top2, &info), V6GW_DHCP6_IGNORE);
	CHECK_EQ(PARSE(top_ok, &info), V6GW_DHCP6_PD);
	CHECK_EQ(info.nprefix, 1);
	check_pfx(&info.prefix[0], pfx1, 56, 10, 20);

	CHECK_EQ(PARSE(own, &info), V6GW_DHCP6_PD);
	CHECK_EQ(info.nprefix, 1);
	check_pfx(&info.prefix[0], pfx2, 48, 10, 20);

	CHECK_EQ(PARSE(short1, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(PARSE(short2, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(PARSE(short3, &info), V6GW_DHCP6_MALFORMED);
}

/* Wrap @in (@len bytes) in a Relay-Reply from @peer into @out. */
static size_t wrap(uint8_t *out, const uint8_t *in, size_t len,
		   const uint8_t *peer)
{
	static const uint8_t hdr[] = { 13, 0, LINK };

	memmove(out + 38, in, len);
	memcpy(out, hdr, 18);
	memcpy(out + 18, peer, 16);
	memcpy(out + 34, (const uint8_t[]){ 0, 9, (uint8_t)(len >> 8),
					    (uint8_t)len }, 4);
	return len + 38;
}

static void t_relay(void)
{
	static const uint8_t r1[] = { RELAY1 };
	/* Relay-Forward, the Relay Message first */
	static const uint8_t fw[] = {
		12, 3, LINK, PEER2, 0, 9, 0, 77, REPLY1, IFACEID,
	};
	/* RELAY1 in a Relay-Reply from PEER2: 34 + 4 + 123 */
	static const uint8_t r2[] = { 13, 1, LINK, PEER2, 0, 9, 0, 123, RELAY1 };
	/* two Relay Message options: the first counts */
	static const uint8_t two[] = {
		13, 0, LINK, PEER1, 0, 9, 0, 77, REPLY1,
		0, 9, 0, 4, 1, 0, 0, 1,
	};
	static const uint8_t two_b[] = {
		13, 0, LINK, PEER1, 0, 9, 0, 4, 1, 0, 0, 1,
		0, 9, 0, 77, REPLY1,
	};
	/* a Solicit relayed */
	static const uint8_t sol[] = {
		12, 0, LINK, PEER1, IFACEID, 0, 9, 0, 49,
		1, 0, 0, 1, IAPD(41, 1), 0, 26, 0, 25, B32(0), B32(0), 56, PFX1,
	};
	static const uint8_t nomsg[] = { 13, 0, LINK, PEER1, IFACEID };
	static const uint8_t bare[] = { 13, 0, LINK, PEER1 };
	static const uint8_t empty[] = { 13, 0, LINK, PEER1, 0, 9, 0, 0 };
	static const uint8_t tiny[] = { 13, 0, LINK, PEER1, 0, 9, 0, 3, 7, 0, 0 };
	/* relays in the Relay Message option: 33 bytes, 34 (no options) */
	static const uint8_t tiny_relay[] = {
		13, 0, LINK, PEER1, 0, 9, 0, 33, 13, 0, LINK,
		0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	};
	static const uint8_t bare_relay[] = {
		13, 0, LINK, PEER1, 0, 9, 0, 34, 13, 0, LINK, PEER2,
	};
	static uint8_t b[4096];
	struct v6gw_dhcp6_info info;
	size_t len;
	int i;

	CHECK_EQ(sizeof(r1), 123);
	CHECK_EQ(PARSE(r1, &info), V6GW_DHCP6_PD);
	CHECK_EQ(info.type, V6GW_DHCP6_REPLY);
	CHECK_EQ(info.depth, 1);
	CHECK(info.have_peer);
	CHECK_MEM(info.peer, peer1, 16);
	CHECK_EQ(info.nprefix, 1);
	check_pfx(&info.prefix[0], pfx1, 56, 7200, 14400);
	check_cuts(r1, sizeof(r1));

	CHECK_EQ(PARSE(fw, &info), V6GW_DHCP6_PD);
	CHECK_EQ(info.depth, 1);
	CHECK_MEM(info.peer, peer2, 16);
	CHECK_EQ(info.nprefix, 1);

	CHECK_EQ(PARSE(r2, &info), V6GW_DHCP6_PD);
	CHECK_EQ(info.type, V6GW_DHCP6_REPLY);
	CHECK_EQ(info.depth, 2);
	CHECK(info.have_peer);
	CHECK_MEM(info.peer, peer1, 16);	/* the innermost relay's */
	CHECK_EQ(info.nprefix, 1);
	check_pfx(&info.prefix[0], pfx1, 56, 7200, 14400);
	check_cuts(r2, sizeof(r2));

	CHECK_EQ(PARSE(two, &info), V6GW_DHCP6_PD);
	CHECK_EQ(info.nprefix, 1);
	CHECK_EQ(PARSE(two_b, &info), V6GW_DHCP6_IGNORE);
	CHECK_EQ(info.type, 1);

	CHECK_EQ(PARSE(sol, &info), V6GW_DHCP6_IGNORE);
	CHECK_EQ(info.type, 1);
	CHECK_EQ(info.depth, 1);
	CHECK_MEM(info.peer, peer1, 16);

	CHECK_EQ(PARSE(nomsg, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(PARSE(bare, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(PARSE(empty, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(PARSE(tiny, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(PARSE(tiny_relay, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(PARSE(bare_relay, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(sizeof(tiny_relay), 34 + 4 + 33);

	/* 1 to 8 relays: fine, the peer of the innermost; 9: too deep */
	memcpy(b, r1, sizeof(r1));
	len = sizeof(r1);
	for (i = 2; i <= V6GW_DHCP6_RELAY_DEPTH + 2; i++) {
		unit_iter = i;
		len = wrap(b, b, len, peer2);
		if (i <= V6GW_DHCP6_RELAY_DEPTH) {
			CHECK_EQ(parse(b, len, &info), V6GW_DHCP6_PD);
			CHECK_EQ(info.depth, i);
			CHECK_MEM(info.peer, peer1, 16);
			CHECK_EQ(info.nprefix, 1);
		} else {
			CHECK_EQ(parse(b, len, &info), V6GW_DHCP6_MALFORMED);
		}
	}
	unit_iter = -1;
	CHECK_EQ(len, 123 + 9 * 38);
}

static void t_release(void)
{
	static const uint8_t m[] = {
		8, 0x10, 0x20, 0x30, CLIENTID, SERVERID,
		IAPD(41, 7), IAPFX(0, 0, 56, PFX1),
	};
	static const uint8_t none[] = { 8, 0x10, 0x20, 0x30, CLIENTID, SERVERID };
	static const uint8_t relayed[] = {
		12, 0, LINK, PEER1, 0, 9, 0, 77,
		8, 0x10, 0x20, 0x30, CLIENTID, SERVERID,
		IAPD(41, 7), IAPFX(0, 0, 56, PFX1),
	};
	struct v6gw_dhcp6_info info;

	CHECK_EQ(PARSE(m, &info), V6GW_DHCP6_PD);
	CHECK_EQ(info.type, V6GW_DHCP6_RELEASE);
	CHECK_EQ(info.depth, 0);
	CHECK_EQ(info.nprefix, 1);
	check_pfx(&info.prefix[0], pfx1, 56, 0, 0);

	CHECK_EQ(PARSE(none, &info), V6GW_DHCP6_IGNORE);
	CHECK_EQ(info.type, V6GW_DHCP6_RELEASE);

	CHECK_EQ(PARSE(relayed, &info), V6GW_DHCP6_PD);
	CHECK_EQ(info.type, V6GW_DHCP6_RELEASE);
	CHECK_EQ(info.depth, 1);
	CHECK_MEM(info.peer, peer1, 16);
	CHECK_EQ(info.nprefix, 1);
	check_pfx(&info.prefix[0], pfx1, 56, 0, 0);
}

/* Other types, whatever their options (not read). */
static void t_ignore(void)
{
	static const uint8_t types[] = { 0, 1, 2, 3, 4, 5, 6, 9, 10, 11, 14,
					 255 };
	static uint8_t m[] = {
		1, 0xa1, 0xb2, 0xc3, CLIENTID,
		IAPD(41, 1), IAPFX(7200, 14400, 56, PFX1),
	};
	static uint8_t bad[] = { 1, 0, 0, 1, 0, 25, 0xff, 0xff, 0 };
	static const uint8_t bare[] = { 7, 0, 0, 1 };
	struct v6gw_dhcp6_info info;
	unsigned int i;

	for (i = 0; i < N(types); i++) {
		unit_iter = i;
		m[0] = bad[0] = types[i];
		CHECK_EQ(PARSE(m, &info), V6GW_DHCP6_IGNORE);
		CHECK_EQ(info.type, types[i]);
		CHECK_EQ(info.nprefix, 0);
		CHECK_EQ(PARSE(bad, &info), V6GW_DHCP6_IGNORE);
	}
	unit_iter = -1;
	CHECK_EQ(PARSE(bare, &info), V6GW_DHCP6_IGNORE);
	CHECK_EQ(info.type, V6GW_DHCP6_REPLY);
}

static void t_malformed(void)
{
	static const uint8_t types[] = { 0, 1, 7, 8, 12, 13, 255 };
	/* a top-level option past the message */
	static const uint8_t top[] = {
		7, 0, 0, 5, IAPD(42, 1), IAPFX(10, 20, 56, PFX1),
	};
	static const uint8_t top2[] = { 7, 0, 0, 5, 0, 99, 0, 1 };
	/* an IA_PD option past the IA_PD (not the message) */
	static const uint8_t ia[] = {
		7, 0, 0, 5, IAPD(40, 1), IAPFX(10, 20, 56, PFX1), CLIENTID,
	};
	static const uint8_t ia2[] = {
		7, 0, 0, 5, IAPD(20, 1), 0, 99, 0, 5, 1, 2, 3, 4, 5, CLIENTID,
	};
	static const uint8_t ia3[] = {	/* 2 bytes of an option header */
		7, 0, 0, 5, IAPD(14, 1), 0, 26, CLIENTID,
	};
	/* an IAPREFIX option past the IAPREFIX (not the IA_PD) */
	static const uint8_t pf[] = {
		7, 0, 0, 5, IAPD(51, 1),
		0, 26, 0, 31, B32(10), B32(20), 56, PFX1, 0, 13, 0, 3, 0, 0,
		0, 13, 0, 0, CLIENTID,
	};
	static const uint8_t pf2[] = {
		7, 0, 0, 5, IAPD(44, 1),
		0, 26, 0, 28, B32(10), B32(20), 56, PFX1, 0, 99, 0,
		CLIENTID,
	};
	/* a relay's option past the relay message; the inner message's past
	 * the Relay Message option */
	static const uint8_t relay[] = {
		13, 0, LINK, PEER1, 0, 9, 0, 77, REPLY1, 0, 18, 0, 5, 'e', 't',
		'h', '0',
	};
	static const uint8_t inner[] = {
		13, 0, LINK, PEER1, 0, 9, 0, 8, 7, 0, 0, 1, 0, 1, 0, 10,
		IFACEID, CLIENTID,
	};
	/* fixed parts cut short */
	static const uint8_t ia_short[] = {
		7, 0, 0, 5, 0, 25, 0, 11, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0,
	};
	static const uint8_t ia_zero[] = { 7, 0, 0, 5, 0, 25, 0, 0, CLIENTID };
	static const uint8_t pf_short[] = {
		7, 0, 0, 5, IAPD(40, 1), 0, 26, 0, 24, B32(10), B32(20), 56,
		0x20, 0x01, 0x0d, 0xb8, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0,
	};
	static const uint8_t pf_rel[] = {	/* the same in a Release */
		8, 0, 0, 5, IAPD(40, 1), 0, 26, 0, 24, B32(10), B32(20), 56,
		0x20, 0x01, 0x0d, 0xb8, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0,
	};
	/* malformed after a failed top-level status: still malformed */
	static const uint8_t late[] = {
		7, 0, 0, 5, STATUS(1), IAPD(11, 1), 0, 0, 0, 1, 0, 0, 0, 0,
		0, 0, 0,
	};
	static const uint8_t reply[] = { REPLY1 };
	static uint8_t b[128];
	struct v6gw_dhcp6_info info;
	unsigned int i, n;

	CHECK_EQ(parse(NULL, 0, &info), V6GW_DHCP6_MALFORMED);
	for (i = 0; i < N(types); i++) {
		for (n = 1; n <= 3; n++) {
			unit_iter = (long)(i * 10 + n);
			memset(b, 0, n);
			b[0] = types[i];
			CHECK_EQ(parse(b, n, &info), V6GW_DHCP6_MALFORMED);
		}
	}
	/* relays of 4 to 33 bytes */
	for (n = 4; n < 34; n++) {
		unit_iter = n;
		memset(b, 0, n);
		b[0] = 13;
		CHECK_EQ(parse(b, n, &info), V6GW_DHCP6_MALFORMED);
	}
	/* a Reply with 1 to 3 more bytes: an option header cut short */
	for (n = 1; n <= 3; n++) {
		unit_iter = n;
		memcpy(b, reply, sizeof(reply));
		memset(b + sizeof(reply), 0, n);
		CHECK_EQ(parse(b, sizeof(reply) + n, &info),
			 V6GW_DHCP6_MALFORMED);
	}
	unit_iter = -1;

	CHECK_EQ(PARSE(top, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(PARSE(top2, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(PARSE(ia, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(PARSE(ia2, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(PARSE(ia3, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(PARSE(pf, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(PARSE(pf2, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(PARSE(relay, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(PARSE(inner, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(PARSE(ia_short, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(PARSE(ia_zero, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(PARSE(pf_short, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(PARSE(pf_rel, &info), V6GW_DHCP6_MALFORMED);
	CHECK_EQ(PARSE(late, &info), V6GW_DHCP6_MALFORMED);
}

/* Random changes to valid messages: never a crash or a broken invariant. */
static void t_mutate(void)
{
	static const uint8_t r2[] = { 13, 1, LINK, PEER2, 0, 9, 0, 123, RELAY1 };
	static uint8_t b[sizeof(r2)];
	struct v6gw_dhcp6_info info;
	unsigned long count[3] = { 0 };
	int i, j;

	for (i = 0; i < 20000; i++) {
		size_t len = sizeof(r2) - unit_rand_below(8);

		memcpy(b, r2, sizeof(r2));
		for (j = 1 + (int)unit_rand_below(3); j > 0; j--)
			b[unit_rand_below(sizeof(r2))] = (uint8_t)unit_rand();
		count[parse(b, len, &info)]++;
	}
	/* each verdict turns up */
	CHECK(count[V6GW_DHCP6_PD] > 0);
	CHECK(count[V6GW_DHCP6_IGNORE] > 0);
	CHECK(count[V6GW_DHCP6_MALFORMED] > 0);
}

void test_dhcp6(void);

void test_dhcp6(void)
{
	unsigned long before = unit_passed + unit_failed;

	unit_seed(8415);
	t_reply_one();
	t_reply_many();
	t_more();
	t_lifetimes();
	t_plen();
	t_status();
	t_relay();
	t_release();
	t_ignore();
	t_malformed();
	t_mutate();
	CHECK_EQ(broken, 0);
	printf("dhcp6: %lu checks, 20000 mutated messages\n",
	       unit_passed + unit_failed - before);
}
