// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Shared fixtures of the RA tests: see ra_fx.h. Nothing here comes from
 * csum.c or ra.c: the checksum is a byte-at-a-time RFC 1071 sum.
 */
#include "ra_fx.h"

/* --- independent reference: checksum, RA assembly ---------------------- */

uint64_t ref_sum(const uint8_t *p, size_t n, uint64_t s)
{
	size_t i;

	for (i = 0; i < n; i++)
		s += i % 2 ? p[i] : (uint64_t)p[i] << 8;
	return s;
}

uint16_t ref_fold(uint64_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

/* Pseudo-header (RFC 8200 8.1) and the ICMPv6 message, field included. */
uint64_t ref_icmp6_sum(const uint8_t *pkt, uint32_t len)
{
	uint32_t plen = len - 40;
	uint8_t ph[8] = { (uint8_t)(plen >> 24), (uint8_t)(plen >> 16),
			  (uint8_t)(plen >> 8), (uint8_t)plen, 0, 0, 0, 58 };
	uint64_t s;

	s = ref_sum(pkt + 8, 32, 0);
	s = ref_sum(ph, 8, s);
	return ref_sum(pkt + 40, len - 40, s);
}

void ref_fix_csum(uint8_t *pkt, uint32_t len)
{
	uint16_t c;

	pkt[42] = pkt[43] = 0;
	c = (uint16_t)~ref_fold(ref_icmp6_sum(pkt, len));
	pkt[42] = (uint8_t)(c >> 8);
	pkt[43] = (uint8_t)c;
}

bool ref_csum_ok(const uint8_t *pkt, uint32_t len)
{
	return ref_fold(ref_icmp6_sum(pkt, len)) == 0xffff;
}

void set16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

uint32_t get16(const uint8_t *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

const uint8_t LL_SRC[16] = { 0xfe, 0x80, [15] = 0x01 };
const uint8_t ALL_NODES[16] = { 0xff, 0x02, [15] = 0x01 };

/*
 * An RA from fe80::1 to ff02::1: flow label 0xabcde, hop limit 255, cur
 * hop limit 64, O flag, Router Lifetime @rlt, reachable time 30000 ms,
 * retrans timer 1000 ms, then @opts.
 */
uint32_t mk_ra(uint8_t *p, uint16_t rlt, const uint8_t *opts,
		      size_t olen)
{
	static const uint8_t hdr[56] = {
		0x60, 0x0a, 0xbc, 0xde, 0, 0, 58, 255,
		0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
		0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
		134, 0, 0, 0, 64, 0x40, 0, 0,
		0x00, 0x00, 0x75, 0x30, 0x00, 0x00, 0x03, 0xe8,
	};

	memcpy(p, hdr, 56);
	set16(p + 4, (uint32_t)(16 + olen));
	set16(p + 46, rlt);
	if (olen)
		memcpy(p + 56, opts, olen);
	ref_fix_csum(p, (uint32_t)(56 + olen));
	return (uint32_t)(56 + olen);
}

/* The expected result: @in's 56 header bytes, then @opts; sums fixed. */
uint32_t mk_exp(uint8_t *e, const uint8_t *in, const uint8_t *opts,
		       size_t olen)
{
	memcpy(e, in, 56);
	memcpy(e + 56, opts, olen);
	set16(e + 4, (uint32_t)(16 + olen));
	ref_fix_csum(e, (uint32_t)(56 + olen));
	return (uint32_t)(56 + olen);
}

/*
 * Run the rewrite on a copy of @in in a heap buffer of exactly @room bytes
 * (so that ASan sees a write past it), the bytes after @len patterned.
 * The caller frees *@out.
 */
enum v6gw_ra_verdict rw_run(const uint8_t *in, uint32_t len,
				   uint32_t room, uint32_t mtu,
				   const struct v6gw_ra_opts *o, uint8_t **out,
				   uint32_t *new_len)
{
	uint8_t *b = malloc(room ? room : 1);

	if (!b)
		abort();
	memset(b, 0xa5, room);
	memcpy(b, in, len);
	*out = b;
	*new_len = 0xdeadbeef;
	return v6gw_ra_rewrite(b, len, room, mtu, o, new_len);
}

/* Apply @o to @in: DONE, and the options are exactly @eo (@elen bytes). */
void rw_done(const struct v6gw_ra_opts *o, const uint8_t *in,
		    uint32_t len, const uint8_t *eo, size_t elen)
{
	static uint8_t exp[4096];
	uint32_t explen = mk_exp(exp, in, eo, elen), nl;
	uint8_t *b;

	CHECK_EQ(rw_run(in, len, 4096, 1500, o, &b, &nl), V6GW_RA_DONE);
	if (CHECK_EQ(nl, explen))
		CHECK_MEM(b, exp, explen);
	CHECK_EQ(get16(b + 4), nl - 40);	/* payload length */
	CHECK(ref_csum_ok(b, nl));
	free(b);
}

/* Apply @o to @in: verdict @want, the whole buffer as it was. */
void rw_untouched(const struct v6gw_ra_opts *o, const uint8_t *in,
			 uint32_t len, uint32_t room, uint32_t mtu,
			 enum v6gw_ra_verdict want)
{
	uint8_t *b, *copy = malloc(room ? room : 1);
	uint32_t nl;

	if (!copy)
		abort();
	memset(copy, 0xa5, room);
	memcpy(copy, in, len);
	CHECK_EQ(rw_run(in, len, room, mtu, o, &b, &nl), want);
	CHECK_MEM(b, copy, room);
	free(b);
	free(copy);
}

const uint8_t D1[16] = { D1_B }, D2[16] = { D2_B }, D3[16] = { D3_B };
const uint8_t WKP[16] = { 0x00, 0x64, 0xff, 0x9b };
const uint8_t P32[16] = { 0x20, 0x01, 0x0d, 0xb8 };
const uint8_t P40[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x64 };
const uint8_t P48[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x64 };
const uint8_t P56[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x64, 0x01 };
const uint8_t P64[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x64, 0x00,
				 0x01 };
