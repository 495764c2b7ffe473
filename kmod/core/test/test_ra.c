// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Router Advertisement option injection (ra.c, ra_opts.c): the DNS name
 * encoding, the rule builders, the options built (RFC 8106 RDNSS and
 * DNSSL, RFC 8781 PREF64) and v6gw_ra_rewrite() on whole RAs.
 *
 * Every expected option is written out byte by byte from the RFCs; RAs
 * and expected packets are assembled here and their ICMPv6 checksums
 * computed with a byte-at-a-time RFC 1071 sum, nothing from csum.c. A
 * random part checks the rewrite against a small model of the contract.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ra.h"
#include "unit.h"

void test_ra(void);

/* A builder call that must succeed: counted only when it fails. */
#define MUST(call) do { const char *why_ = (call); \
	if (why_) CHECK_STR(why_, NULL); } while (0)

/* --- independent reference: checksum, RA assembly ---------------------- */

static uint64_t ref_sum(const uint8_t *p, size_t n, uint64_t s)
{
	size_t i;

	for (i = 0; i < n; i++)
		s += i % 2 ? p[i] : (uint64_t)p[i] << 8;
	return s;
}

static uint16_t ref_fold(uint64_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

/* Pseudo-header (RFC 8200 8.1) and the ICMPv6 message, field included. */
static uint64_t ref_icmp6_sum(const uint8_t *pkt, uint32_t len)
{
	uint32_t plen = len - 40;
	uint8_t ph[8] = { (uint8_t)(plen >> 24), (uint8_t)(plen >> 16),
			  (uint8_t)(plen >> 8), (uint8_t)plen, 0, 0, 0, 58 };
	uint64_t s;

	s = ref_sum(pkt + 8, 32, 0);
	s = ref_sum(ph, 8, s);
	return ref_sum(pkt + 40, len - 40, s);
}

static void ref_fix_csum(uint8_t *pkt, uint32_t len)
{
	uint16_t c;

	pkt[42] = pkt[43] = 0;
	c = (uint16_t)~ref_fold(ref_icmp6_sum(pkt, len));
	pkt[42] = (uint8_t)(c >> 8);
	pkt[43] = (uint8_t)c;
}

static bool ref_csum_ok(const uint8_t *pkt, uint32_t len)
{
	return ref_fold(ref_icmp6_sum(pkt, len)) == 0xffff;
}

static void set16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static uint32_t get16(const uint8_t *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

static const uint8_t LL_SRC[16] = { 0xfe, 0x80, [15] = 0x01 };
static const uint8_t ALL_NODES[16] = { 0xff, 0x02, [15] = 0x01 };

/*
 * An RA from fe80::1 to ff02::1: flow label 0xabcde, hop limit 255, cur
 * hop limit 64, O flag, Router Lifetime @rlt, reachable time 30000 ms,
 * retrans timer 1000 ms, then @opts.
 */
static uint32_t mk_ra(uint8_t *p, uint16_t rlt, const uint8_t *opts,
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
static uint32_t mk_exp(uint8_t *e, const uint8_t *in, const uint8_t *opts,
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
static enum v6gw_ra_verdict rw_run(const uint8_t *in, uint32_t len,
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
static void rw_done(const struct v6gw_ra_opts *o, const uint8_t *in,
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
static void rw_untouched(const struct v6gw_ra_opts *o, const uint8_t *in,
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

/* --- literal bytes ------------------------------------------------------ */

/* 2001:db8::53, 2001:db8::1:53, 2001:db8:1::35 */
#define D1_B 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53
#define D2_B 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0, 0x53
#define D3_B 0x20, 0x01, 0x0d, 0xb8, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x35
static const uint8_t D1[16] = { D1_B }, D2[16] = { D2_B }, D3[16] = { D3_B };

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

static const uint8_t WKP[16] = { 0x00, 0x64, 0xff, 0x9b };
static const uint8_t P32[16] = { 0x20, 0x01, 0x0d, 0xb8 };
static const uint8_t P40[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x64 };
static const uint8_t P48[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x64 };
static const uint8_t P56[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x64, 0x01 };
static const uint8_t P64[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x64, 0x00,
				 0x01 };

/* --- v6gw_dns_name_encode / decode -------------------------------------- */

/* @name encodes to @exp; with room for exactly that, and not one less. */
static void enc_ok(const char *name, const uint8_t *exp, size_t elen)
{
	uint8_t *out = malloc(elen), *small = malloc(elen - 1);
	size_t len = 0;

	if (!out || !small)
		abort();
	CHECK_STR(v6gw_dns_name_encode(name, out, elen, &len), NULL);
	if (CHECK_EQ(len, elen))
		CHECK_MEM(out, exp, elen);
	CHECK(v6gw_dns_name_encode(name, small, elen - 1, &len) != NULL);
	free(out);
	free(small);
}

/* @name is refused; the reason holds @why_part. */
static void enc_bad(const char *name, const char *why_part)
{
	uint8_t out[300];
	size_t len = 12345;
	const char *why = v6gw_dns_name_encode(name, out, sizeof(out), &len);

	if (CHECK(why != NULL) && !CHECK(strstr(why, why_part) != NULL))
		fprintf(stderr, "  \"%s\": \"%s\"\n", name, why);
	CHECK_EQ(len, 12345);
}

/* A name of labels of the given sizes, letters from @c on. */
static size_t long_name(char *s, uint8_t *wire, const int *labels, int n,
			bool trailing_dot)
{
	size_t w = 0, t = 0;
	int i, j;

	for (i = 0; i < n; i++) {
		if (i)
			s[t++] = '.';
		wire[w++] = (uint8_t)labels[i];
		for (j = 0; j < labels[i]; j++) {
			char c = (char)('a' + (i + j) % 26);

			s[t++] = c;
			wire[w++] = (uint8_t)c;
		}
	}
	if (trailing_dot)
		s[t++] = '.';
	s[t] = '\0';
	wire[w++] = 0;
	return w;
}

static void t_name_encode(void)
{
	static const uint8_t ex[] = { W_EXAMPLE };
	static const uint8_t corp[] = { W_CORP };
	static const uint8_t a[] = { 0x01, 'a', 0x00 };
	static const uint8_t mixed[] = { 0x05, 'A', '-', 'b', '_', 'c', 0x02,
					 'D', '9', 0x00 };
	static const uint8_t digits[] = { 0x03, '1', '2', '3', 0x02, '4', '5',
					  0x00 };
	char s[400];
	uint8_t wire[400];
	size_t wl, len;
	int l63[] = { 63 }, l64[] = { 64 }, l63c[] = { 63, 3 };
	int n253[] = { 63, 63, 63, 61 }, n254[] = { 63, 63, 63, 62 };
	int n253b[127], n255b[128], i;

	enc_ok("example.com", ex, sizeof(ex));
	enc_ok("example.com.", ex, sizeof(ex));
	enc_ok("corp.example.org", corp, sizeof(corp));
	enc_ok("a", a, sizeof(a));
	enc_ok("a.", a, sizeof(a));
	enc_ok("A-b_c.D9", mixed, sizeof(mixed));	/* case kept */
	enc_ok("123.45", digits, sizeof(digits));

	/* labels: 63 characters fit, 64 do not */
	wl = long_name(s, wire, l63, 1, false);
	CHECK_EQ(wl, 65);
	CHECK_EQ(wire[0], 0x3f);
	enc_ok(s, wire, wl);
	wl = long_name(s, wire, l63c, 2, false);
	enc_ok(s, wire, wl);
	long_name(s, wire, l64, 1, false);
	enc_bad(s, "63");
	strcpy(s + 64, ".com");
	enc_bad(s, "63");
	memmove(s + 4, s, strlen(s) + 1);	/* com.<64>.com */
	memcpy(s, "com.", 4);
	enc_bad(s, "63");

	/* names: 253 characters (255 bytes encoded) fit, 254 do not */
	wl = long_name(s, wire, n253, 4, false);
	CHECK_EQ(strlen(s), 253);
	CHECK_EQ(wl, 255);
	enc_ok(s, wire, wl);
	wl = long_name(s, wire, n253, 4, true);	/* 253 and the dot */
	CHECK_EQ(strlen(s), 254);
	enc_ok(s, wire, wl);
	long_name(s, wire, n254, 4, false);
	CHECK_EQ(strlen(s), 254);
	enc_bad(s, "253");
	long_name(s, wire, n254, 4, true);
	enc_bad(s, "253");
	for (i = 0; i < 127; i++)
		n253b[i] = 1;
	wl = long_name(s, wire, n253b, 127, false);	/* a.b.c...: 253 */
	CHECK_EQ(strlen(s), 253);
	enc_ok(s, wire, wl);
	for (i = 0; i < 128; i++)
		n255b[i] = 1;
	long_name(s, wire, n255b, 128, false);		/* 255 */
	enc_bad(s, "253");
	long_name(s, wire, n253b, 127, false);
	strcat(s, ".");
	enc_ok(s, wire, wl);
	strcat(s, "x");				/* 253 + ".x" */
	enc_bad(s, "253");

	/* empty names and labels */
	enc_bad("", "empty");
	enc_bad(".", "empty");
	enc_bad(".com", "dot");
	enc_bad("..", "dot");
	enc_bad("a..b", "empty label");
	enc_bad("a.b..", "empty label");
	enc_bad("example.com..", "empty label");

	/* characters */
	enc_bad("exa mple.com", "letters");
	enc_bad("ex*ample.com", "letters");
	enc_bad("a/b", "letters");
	enc_bad("a@b.c", "letters");
	enc_bad("a\tb", "letters");
	enc_bad("caf\xc3\xa9.fr", "letters");
	enc_bad("a,b", "letters");
	enc_bad("a:b", "letters");
	enc_bad("a\\.b", "letters");
	enc_bad("example.com\n", "letters");

	/* room: 2 is never enough, 3 is for one character */
	CHECK(v6gw_dns_name_encode("a", wire, 2, &len) != NULL);
	CHECK(v6gw_dns_name_encode("a", wire, 1, &len) != NULL);
	CHECK(v6gw_dns_name_encode("a", wire, 0, &len) != NULL);
	CHECK_STR(v6gw_dns_name_encode("a.b", wire, 5, &len), NULL);
	CHECK_EQ(len, 5);
	CHECK(v6gw_dns_name_encode("a.b", wire, 4, &len) != NULL);
	CHECK(v6gw_dns_name_encode("a.b", wire, 3, &len) != NULL);
}

/* @w (@wl bytes) decodes to @exp, taking @used bytes. */
static void dec_ok(const uint8_t *w, size_t wl, const char *exp, size_t used)
{
	char out[256], *exact;
	size_t n = strlen(exp);

	memset(out, 'X', sizeof(out));
	if (CHECK_EQ(v6gw_dns_name_decode(w, wl, out, sizeof(out)), used))
		CHECK_STR(out, exp);
	/* room for exactly the text and its NUL, in a buffer of that size */
	exact = malloc(n + 1);
	if (!exact)
		abort();
	if (CHECK_EQ(v6gw_dns_name_decode(w, wl, exact, n + 1), used))
		CHECK_STR(exact, exp);
	CHECK_EQ(v6gw_dns_name_decode(w, wl, exact, n), 0);
	free(exact);
}

static void dec_bad(const uint8_t *w, size_t wl)
{
	char out[300];

	CHECK_EQ(v6gw_dns_name_decode(w, wl, out, sizeof(out)), 0);
}

static void t_name_decode(void)
{
	static const uint8_t ex[] = { W_EXAMPLE, 0, 0, 0 };	/* padded */
	static const uint8_t two[] = { W_EXAMPLE, W_CORP };
	static const uint8_t upper[] = { 0x03, 'W', 'w', 'W', 0x02, 'X', 'y',
					 0x00 };
	static const uint8_t one[] = { 0x03, 'a', 'b', 'c', 0x00 };
	static const uint8_t root[] = { 0x00, 0x00 };
	static const uint8_t past[] = { 0x07, 'e', 'x', 'a' };
	static const uint8_t past2[] = { 0x03, 'c', 'o', 'm', 0x05, 'a' };
	static const uint8_t comp[] = { 0xc0, 0x0c };
	static const uint8_t comp2[] = { 0x03, 'w', 'w', 'w', 0xc0, 0x0c };
	static const uint8_t l64[] = { 0x40 };
	static const uint8_t noterm[] = { 0x03, 'c', 'o', 'm' };
	static const uint8_t noterm2[] = { W_EXAMPLE };
	uint8_t wire[400];
	char s[400], out[256];
	size_t wl;
	int n253[] = { 63, 63, 63, 61 }, n254[] = { 63, 63, 63, 62 };

	dec_ok(ex, sizeof(ex), "example.com", 13);
	dec_ok(two, sizeof(two), "example.com", 13);
	dec_ok(two + 13, sizeof(two) - 13, "corp.example.org", 18);
	dec_ok(upper, sizeof(upper), "WwW.Xy", sizeof(upper));
	dec_ok(one, sizeof(one), "abc", sizeof(one));

	/* malformed */
	dec_bad(root, sizeof(root));		/* the root alone */
	dec_bad(root, 0);
	dec_bad(past, sizeof(past));		/* a label past the end */
	dec_bad(past2, sizeof(past2));
	dec_bad(comp, sizeof(comp));		/* compression */
	dec_bad(comp2, sizeof(comp2));
	dec_bad(l64, sizeof(l64));		/* 64: no such label */
	dec_bad(noterm, sizeof(noterm));	/* no terminator */
	dec_bad(noterm2, sizeof(noterm2) - 1);
	dec_bad(ex, 12);

	/* 255 bytes encoded (253 characters) is the most */
	wl = long_name(s, wire, n253, 4, false);
	CHECK_EQ(wl, 255);
	dec_ok(wire, wl, s, 255);
	wl = long_name(s, wire, n254, 4, false);
	CHECK_EQ(wl, 256);
	dec_bad(wire, wl);
	CHECK_EQ(v6gw_dns_name_decode(wire, wl, out, sizeof(out)), 0);
}

/* --- rule builders ------------------------------------------------------ */

static void rdnss_bad(struct v6gw_ra_opts *o, const uint8_t *a,
		      const char *why_part)
{
	struct v6gw_ra_opts copy = *o;
	const char *why = v6gw_ra_opts_add_rdnss(o, a);

	if (CHECK(why != NULL))
		CHECK(strstr(why, why_part) != NULL);
	CHECK_MEM(o, &copy, sizeof(copy));
}

static void t_rdnss_opts(void)
{
	static const uint8_t mc1[16] = { 0xff, 0x02, [15] = 0x01 };
	static const uint8_t mc2[16] = { 0xff, 0x05, [13] = 0x01, [15] = 3 };
	static const uint8_t mc3[16] = { 0xff };
	static const uint8_t unspec[16] = { 0 };
	static const uint8_t loop[16] = { [15] = 1 };
	static const uint8_t ll[16] = { 0xfe, 0x80, [15] = 0x53 };
	static const uint8_t mapped[16] = { [10] = 0xff, [11] = 0xff, 192, 0,
					    2, 53 };
	static const uint8_t two[16] = { [15] = 2 };
	struct v6gw_ra_opts o;
	uint8_t a[16];
	int i;

	v6gw_ra_opts_init(&o);
	CHECK_EQ(o.nrdnss, 0);
	CHECK(v6gw_ra_opts_invalid(&o) != NULL);	/* an empty rule */

	rdnss_bad(&o, mc1, "multicast");
	rdnss_bad(&o, mc2, "multicast");
	rdnss_bad(&o, mc3, "multicast");
	rdnss_bad(&o, unspec, "unspecified");
	rdnss_bad(&o, loop, "loopback");
	CHECK_EQ(o.nrdnss, 0);

	CHECK_STR(v6gw_ra_opts_add_rdnss(&o, D1), NULL);
	CHECK_EQ(o.nrdnss, 1);
	CHECK_MEM(o.rdnss[0], D1, 16);
	CHECK_STR(v6gw_ra_opts_invalid(&o), NULL);
	rdnss_bad(&o, D1, "twice");
	CHECK_STR(v6gw_ra_opts_add_rdnss(&o, ll), NULL);	/* link-local */
	CHECK_STR(v6gw_ra_opts_add_rdnss(&o, mapped), NULL);
	CHECK_STR(v6gw_ra_opts_add_rdnss(&o, two), NULL);	/* ::2 */
	rdnss_bad(&o, ll, "twice");
	CHECK_EQ(o.nrdnss, 4);
	CHECK_MEM(o.rdnss[1], ll, 16);
	CHECK_MEM(o.rdnss[3], two, 16);

	/* V6GW_RA_RDNSS_N (8) and no more */
	v6gw_ra_opts_init(&o);
	memcpy(a, D1, 16);
	for (i = 0; i < V6GW_RA_RDNSS_N; i++) {
		a[15] = (uint8_t)(0x10 + i);
		CHECK_STR(v6gw_ra_opts_add_rdnss(&o, a), NULL);
	}
	CHECK_EQ(o.nrdnss, 8);
	a[15] = 0x40;
	rdnss_bad(&o, a, "too many");
	a[15] = 0x10;
	rdnss_bad(&o, a, "");		/* a duplicate and too many */
	CHECK_EQ(o.rdnss[7][15], 0x17);
}

static void dnssl_bad(struct v6gw_ra_opts *o, const char *name,
		      const char *why_part)
{
	struct v6gw_ra_opts copy = *o;
	const char *why = v6gw_ra_opts_add_dnssl(o, name);

	if (CHECK(why != NULL) && !CHECK(strstr(why, why_part) != NULL))
		fprintf(stderr, "  \"%s\"\n", why);
	CHECK_MEM(o, &copy, sizeof(copy));
}

static void t_dnssl_opts(void)
{
	static const uint8_t two[] = { W_EXAMPLE, W_CORP };
	struct v6gw_ra_opts o;
	char s[400], name[32];
	uint8_t wire[400];
	int n253[] = { 63, 63, 63, 61 }, n252[] = { 63, 63, 63, 60 };
	size_t wl;
	int i;

	v6gw_ra_opts_init(&o);
	CHECK_STR(v6gw_ra_opts_add_dnssl(&o, "example.com"), NULL);
	CHECK_STR(v6gw_ra_opts_add_dnssl(&o, "corp.example.org."), NULL);
	CHECK_EQ(o.ndnssl, 2);
	CHECK_EQ(o.dnssl_len, 31);
	CHECK_MEM(o.dnssl, two, 31);
	CHECK_STR(v6gw_ra_opts_invalid(&o), NULL);

	dnssl_bad(&o, "example.com", "twice");
	dnssl_bad(&o, "example.com.", "twice");
	dnssl_bad(&o, "corp.example.org", "twice");
	dnssl_bad(&o, "EXAMPLE.com", "twice");	/* names ignore case */
	dnssl_bad(&o, "Corp.Example.Org.", "twice");
	dnssl_bad(&o, "", "empty");
	dnssl_bad(&o, "a..b", "empty");
	dnssl_bad(&o, "a b", "letters");
	CHECK_STR(v6gw_ra_opts_add_dnssl(&o, "example.co"), NULL);
	CHECK_STR(v6gw_ra_opts_add_dnssl(&o, "com"), NULL);
	CHECK_STR(v6gw_ra_opts_add_dnssl(&o, "www.example.com"), NULL);
	CHECK_EQ(o.ndnssl, 5);
	CHECK_EQ(o.dnssl_len, 31 + 12 + 5 + 17);

	/* V6GW_RA_DNSSL_N (8) names */
	v6gw_ra_opts_init(&o);
	for (i = 0; i < V6GW_RA_DNSSL_N; i++) {
		snprintf(name, sizeof(name), "n%d.test", i);
		CHECK_STR(v6gw_ra_opts_add_dnssl(&o, name), NULL);
	}
	CHECK_EQ(o.ndnssl, 8);
	CHECK_EQ(o.dnssl_len, 8 * 9);
	dnssl_bad(&o, "n8.test", "too many");

	/* V6GW_RA_DNSSL_WIRE (512) bytes: 255 + 255 leaves no room for 3 */
	v6gw_ra_opts_init(&o);
	long_name(s, wire, n253, 4, false);
	CHECK_STR(v6gw_ra_opts_add_dnssl(&o, s), NULL);
	s[0] = 'z';
	CHECK_STR(v6gw_ra_opts_add_dnssl(&o, s), NULL);
	CHECK_EQ(o.dnssl_len, 510);
	dnssl_bad(&o, "a", "too long");
	CHECK_EQ(o.ndnssl, 2);
	/* 255 + 254 + 3 = 512 exactly */
	v6gw_ra_opts_init(&o);
	long_name(s, wire, n253, 4, false);
	CHECK_STR(v6gw_ra_opts_add_dnssl(&o, s), NULL);
	wl = long_name(s, wire, n252, 4, false);
	CHECK_EQ(wl, 254);
	CHECK_STR(v6gw_ra_opts_add_dnssl(&o, s), NULL);
	CHECK_STR(v6gw_ra_opts_add_dnssl(&o, "a"), NULL);
	CHECK_EQ(o.dnssl_len, 512);
	CHECK_MEM(o.dnssl + 255, wire, 254);
	CHECK_EQ(o.dnssl[511], 0);
	CHECK_EQ(o.dnssl[510], 'a');
	dnssl_bad(&o, "b", "too long");
	dnssl_bad(&o, "a", "twice");
}

static void pref64_bad(struct v6gw_ra_opts *o, const uint8_t *p,
		       uint8_t len, const char *why_part)
{
	struct v6gw_ra_opts copy = *o;
	const char *why = v6gw_ra_opts_set_pref64(o, p, len);

	if (CHECK(why != NULL))
		CHECK(strstr(why, why_part) != NULL);
	CHECK_MEM(o, &copy, sizeof(copy));
}

static void t_pref64_opts(void)
{
	static const struct { const uint8_t *p; uint8_t len; int plc; } ok[] = {
		{ WKP, 96, 0 }, { P64, 64, 1 }, { P56, 56, 2 },
		{ P48, 48, 3 }, { P40, 40, 4 }, { P32, 32, 5 },
	};
	static const uint8_t bad_len[] = { 0, 8, 16, 24, 31, 33, 63, 65, 72,
					   80, 88, 95, 97, 104, 128, 255 };
	uint8_t host[16];
	struct v6gw_ra_opts o;
	unsigned int i, j;

	v6gw_ra_opts_init(&o);
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		unit_iter = i;
		CHECK_EQ(v6gw_ra_plc(ok[i].len), ok[i].plc);
		CHECK_STR(v6gw_ra_opts_set_pref64(&o, ok[i].p, ok[i].len),
			  NULL);
		CHECK_EQ(o.pref64_len, ok[i].len);
		CHECK_MEM(o.pref64, ok[i].p, 16);
		/* every host bit refused, one at a time */
		for (j = ok[i].len; j < 128; j += 7) {
			memcpy(host, ok[i].p, 16);
			host[j / 8] |= (uint8_t)(0x80 >> (j % 8));
			pref64_bad(&o, host, ok[i].len, "beyond");
		}
		memcpy(host, ok[i].p, 16);
		host[15] |= 1;
		pref64_bad(&o, host, ok[i].len, "beyond");
	}
	unit_iter = -1;
	CHECK_STR(v6gw_ra_opts_invalid(&o), NULL);
	for (i = 0; i < sizeof(bad_len); i++) {
		unit_iter = i;
		CHECK_EQ(v6gw_ra_plc(bad_len[i]), -1);
		pref64_bad(&o, WKP, bad_len[i], "prefix length");
	}
	unit_iter = -1;
	CHECK_EQ(o.pref64_len, 32);	/* the last one set */

	/* modes */
	o.mode = V6GW_RA_REPLACE;
	CHECK_STR(v6gw_ra_opts_invalid(&o), NULL);
	o.mode = 2;
	CHECK(v6gw_ra_opts_invalid(&o) != NULL);
}

/* --- lifetimes ---------------------------------------------------------- */

static void t_lifetime(void)
{
	static const struct { uint32_t s; uint16_t scaled; } sc[] = {
		{ 0, 0 }, { 1, 1 }, { 7, 1 }, { 8, 1 }, { 9, 2 }, { 600, 75 },
		{ 601, 76 }, { 1800, 225 }, { 9000, 1125 }, { 65519, 8190 },
		{ 65520, 8190 }, { 65521, 8191 }, { 65527, 8191 },
		{ 65528, 8191 }, { 65529, 8191 }, { 65535, 8191 },
		{ 65536, 8191 }, { 100000, 8191 }, { 0x7fffffff, 8191 },
		{ 0xfffffff8, 8191 }, { 0xfffffff9, 8191 },
		{ 0xffffffff, 8191 },
	};
	struct v6gw_ra_opts o;
	unsigned int i;

	v6gw_ra_opts_init(&o);
	CHECK_EQ(v6gw_ra_lifetime(&o, 0), 1800);
	CHECK_EQ(v6gw_ra_lifetime(&o, 1), 1);
	CHECK_EQ(v6gw_ra_lifetime(&o, 600), 600);
	CHECK_EQ(v6gw_ra_lifetime(&o, 9000), 9000);
	CHECK_EQ(v6gw_ra_lifetime(&o, 65535), 65535);
	o.has_lifetime = true;
	o.lifetime = 0;				/* withdraws */
	CHECK_EQ(v6gw_ra_lifetime(&o, 0), 0);
	CHECK_EQ(v6gw_ra_lifetime(&o, 1800), 0);
	o.lifetime = 0xffffffff;
	CHECK_EQ(v6gw_ra_lifetime(&o, 0), 0xffffffff);
	CHECK_EQ(v6gw_ra_lifetime(&o, 300), 0xffffffff);
	o.lifetime = 42;
	CHECK_EQ(v6gw_ra_lifetime(&o, 9000), 42);

	for (i = 0; i < sizeof(sc) / sizeof(sc[0]); i++) {
		unit_iter = i;
		CHECK_EQ(v6gw_ra_pref64_scaled(sc[i].s), sc[i].scaled);
	}
	unit_iter = -1;
}

/* --- v6gw_ra_build -------------------------------------------------------- */

/* @o at @lt with @skip builds exactly @exp: into a buffer of that size,
 * measured with NULL, and not into one byte less (left untouched). */
static void build_is(const struct v6gw_ra_opts *o, uint32_t lt,
		     const struct v6gw_ra_skip *skip, const uint8_t *exp,
		     size_t elen)
{
	uint8_t *out = malloc(elen + 1), canary[600];

	if (!out)
		abort();
	CHECK_EQ(v6gw_ra_build(o, lt, skip, NULL, 0), elen);
	CHECK_EQ(v6gw_ra_build(o, lt, skip, out, elen), elen);
	if (elen)
		CHECK_MEM(out, exp, elen);
	if (elen) {
		memset(out, 0x5a, elen);
		memset(canary, 0x5a, elen);
		CHECK_EQ(v6gw_ra_build(o, lt, skip, out, elen - 1), elen);
		CHECK_MEM(out, canary, elen);
	}
	free(out);
}

static void t_build(void)
{
	static const uint8_t rd1[] = { 0x19, 0x03, 0, 0, 0x00, 0x00, 0x02,
				       0x58, D1_B };
	static const uint8_t rd3[] = { 0x19, 0x07, 0, 0, 0x00, 0x00, 0x07,
				       0x08, D1_B, D2_B, D3_B };
	static const uint8_t rd13[] = { 0x19, 0x05, 0, 0, 0x00, 0x00, 0x07,
					0x08, D1_B, D3_B };
	static const uint8_t rd2inf[] = { 0x19, 0x03, 0, 0, 0xff, 0xff, 0xff,
					  0xff, D2_B };
	static const uint8_t dn1[] = { O_DNSSL_EX_1800 };
	static const uint8_t dn2[] = { 0x1f, 0x05, 0, 0, 0x00, 0x00, 0x01,
				       0x2c, W_EXAMPLE, W_CORP, 0 };
	static const uint8_t dn2b[] = { 0x1f, 0x04, 0, 0, 0x00, 0x00, 0x01,
					0x2c, W_CORP, 0, 0, 0, 0, 0, 0 };
	static const uint8_t dn8[] = { 0x1f, 0x02, 0, 0, 0x00, 0x00, 0x07,
				       0x08, 0x06, 'a', 'b', 'c', 'd', 'e',
				       'f', 0x00 };
	static const uint8_t dn9[] = { 0x1f, 0x03, 0, 0, 0x00, 0x00, 0x07,
				       0x08, 0x07, 'a', 'b', 'c', 'd', 'e',
				       'f', 'g', 0x00, 0, 0, 0, 0, 0, 0, 0 };
	static const uint8_t dnup[] = { 0x1f, 0x03, 0, 0, 0x00, 0x00, 0x00,
					0x3c, 0x03, 'L', 'a', 'b', 0x03, 'N',
					'E', 'T', 0x00, 0, 0, 0, 0, 0, 0, 0 };
	static const uint8_t pf96[] = { O_PREF64_WKP_1800 };
	static const uint8_t pf32[] = { 0x26, 0x02, 0x02, 0x5d, 0x20, 0x01,
					0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const uint8_t pf64[] = { 0x26, 0x02, 0x03, 0xe9, 0x20, 0x01,
					0x0d, 0xb8, 0x00, 0x64, 0x00, 0x01,
					0, 0, 0, 0 };
	static const uint8_t pf40[] = { 0x26, 0x02, 0x00, 0x0c, 0x20, 0x01,
					0x0d, 0xb8, 0x64, 0, 0, 0, 0, 0, 0,
					0 };
	static const uint8_t pf48[] = { 0x26, 0x02, 0x00, 0x13, 0x20, 0x01,
					0x0d, 0xb8, 0x00, 0x64, 0, 0, 0, 0,
					0, 0 };
	static const uint8_t pf56[] = { 0x26, 0x02, 0x00, 0x02, 0x20, 0x01,
					0x0d, 0xb8, 0x00, 0x64, 0x01, 0, 0, 0,
					0, 0 };
	/* scaled lifetimes at /96 and /32: 8190, 8191 (capped) */
	static const uint8_t pf96_8190[] = { 0x26, 0x02, 0xff, 0xf0, 0x00,
					     0x64, 0xff, 0x9b, 0, 0, 0, 0, 0,
					     0, 0, 0 };
	static const uint8_t pf96_max[] = { 0x26, 0x02, 0xff, 0xf8, 0x00, 0x64,
					    0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0,
					    0 };
	static const uint8_t pf32_max[] = { 0x26, 0x02, 0xff, 0xfd, 0x20, 0x01,
					    0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0,
					    0 };
	static const uint8_t pf96_601[] = { 0x26, 0x02, 0x02, 0x60, 0x00, 0x64,
					    0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0,
					    0 };
	static const uint8_t all[] = { 0x19, 0x03, 0, 0, 0x00, 0x00, 0x07,
				       0x08, D1_B, O_DNSSL_EX_1800,
				       O_PREF64_WKP_1800 };
	static const uint8_t dn_pf[] = { O_DNSSL_EX_1800, O_PREF64_WKP_1800 };
	static const uint8_t rd_pf[] = { 0x19, 0x03, 0, 0, 0x00, 0x00, 0x07,
					 0x08, D1_B, O_PREF64_WKP_1800 };
	static const uint8_t rd_dn[] = { 0x19, 0x03, 0, 0, 0x00, 0x00, 0x07,
					 0x08, D1_B, O_DNSSL_EX_1800 };
	struct v6gw_ra_skip sk;
	struct v6gw_ra_opts o;
	uint8_t big[600], a[16], wire[400];
	char s[400];
	int n253[] = { 63, 63, 63, 61 }, n252[] = { 63, 63, 63, 60 };
	int i;

	/* RDNSS */
	v6gw_ra_opts_init(&o);
	MUST(v6gw_ra_opts_add_rdnss(&o, D1));
	build_is(&o, 600, NULL, rd1, sizeof(rd1));
	MUST(v6gw_ra_opts_add_rdnss(&o, D2));
	MUST(v6gw_ra_opts_add_rdnss(&o, D3));
	build_is(&o, 1800, NULL, rd3, sizeof(rd3));
	memset(&sk, 0, sizeof(sk));
	sk.rdnss = 0x2;
	build_is(&o, 1800, &sk, rd13, sizeof(rd13));
	sk.rdnss = 0x5;
	build_is(&o, 0xffffffff, &sk, rd2inf, sizeof(rd2inf));
	sk.rdnss = 0x7;
	build_is(&o, 1800, &sk, NULL, 0);
	sk.rdnss = 0xfffffff8;			/* bits past the rule's */
	build_is(&o, 1800, &sk, rd3, sizeof(rd3));
	sk.rdnss = 0;
	sk.dnssl = 0xff;			/* no DNSSL to skip */
	sk.pref64 = true;			/* no PREF64 either */
	build_is(&o, 1800, &sk, rd3, sizeof(rd3));

	/* eight addresses: length 17 (136 bytes) */
	v6gw_ra_opts_init(&o);
	memcpy(a, D1, 16);
	for (i = 0; i < 8; i++) {
		a[14] = (uint8_t)i;
		MUST(v6gw_ra_opts_add_rdnss(&o, a));
	}
	CHECK_EQ(v6gw_ra_build(&o, 1, NULL, big, sizeof(big)), 136);
	CHECK_EQ(big[0], 25);
	CHECK_EQ(big[1], 17);
	CHECK_EQ(big[7], 1);
	CHECK_EQ(big[8 + 7 * 16 + 14], 7);
	CHECK_EQ(big[8 + 7 * 16 + 15], 0x53);

	/* DNSSL */
	v6gw_ra_opts_init(&o);
	MUST(v6gw_ra_opts_add_dnssl(&o, "example.com"));
	build_is(&o, 1800, NULL, dn1, sizeof(dn1));
	MUST(v6gw_ra_opts_add_dnssl(&o, "corp.example.org"));
	build_is(&o, 300, NULL, dn2, sizeof(dn2));
	memset(&sk, 0, sizeof(sk));
	sk.dnssl = 0x1;
	build_is(&o, 300, &sk, dn2b, sizeof(dn2b));
	sk.dnssl = 0x3;
	build_is(&o, 300, &sk, NULL, 0);
	v6gw_ra_opts_init(&o);
	MUST(v6gw_ra_opts_add_dnssl(&o, "abcdef"));	/* no padding */
	build_is(&o, 1800, NULL, dn8, sizeof(dn8));
	v6gw_ra_opts_init(&o);
	MUST(v6gw_ra_opts_add_dnssl(&o, "abcdefg"));	/* 7 bytes of it */
	build_is(&o, 1800, NULL, dn9, sizeof(dn9));
	v6gw_ra_opts_init(&o);
	MUST(v6gw_ra_opts_add_dnssl(&o, "Lab.NET."));	/* case kept */
	build_is(&o, 60, NULL, dnup, sizeof(dnup));

	/* the most: 512 bytes of names, length 65 */
	v6gw_ra_opts_init(&o);
	long_name(s, wire, n253, 4, false);
	MUST(v6gw_ra_opts_add_dnssl(&o, s));
	long_name(s, wire, n252, 4, false);
	MUST(v6gw_ra_opts_add_dnssl(&o, s));
	MUST(v6gw_ra_opts_add_dnssl(&o, "a"));
	CHECK_EQ(v6gw_ra_build(&o, 1800, NULL, big, sizeof(big)), 520);
	CHECK_EQ(big[1], 65);
	CHECK_MEM(big + 8 + 255, wire, 254);
	CHECK_EQ(big[519], 0);

	/* PREF64 */
	v6gw_ra_opts_init(&o);
	MUST(v6gw_ra_opts_set_pref64(&o, WKP, 96));
	build_is(&o, 1800, NULL, pf96, sizeof(pf96));
	build_is(&o, 65520, NULL, pf96_8190, sizeof(pf96_8190));
	build_is(&o, 65521, NULL, pf96_max, sizeof(pf96_max));
	build_is(&o, 65527, NULL, pf96_max, sizeof(pf96_max));
	build_is(&o, 65528, NULL, pf96_max, sizeof(pf96_max));
	build_is(&o, 65529, NULL, pf96_max, sizeof(pf96_max));
	build_is(&o, 9000000, NULL, pf96_max, sizeof(pf96_max));
	build_is(&o, 0xffffffff, NULL, pf96_max, sizeof(pf96_max));
	build_is(&o, 601, NULL, pf96_601, sizeof(pf96_601));
	memset(&sk, 0, sizeof(sk));
	sk.pref64 = true;
	build_is(&o, 1800, &sk, NULL, 0);
	MUST(v6gw_ra_opts_set_pref64(&o, P32, 32));
	build_is(&o, 600, NULL, pf32, sizeof(pf32));
	build_is(&o, 0xffffffff, NULL, pf32_max, sizeof(pf32_max));
	MUST(v6gw_ra_opts_set_pref64(&o, P64, 64));
	build_is(&o, 1000, NULL, pf64, sizeof(pf64));
	MUST(v6gw_ra_opts_set_pref64(&o, P40, 40));
	build_is(&o, 8, NULL, pf40, sizeof(pf40));
	MUST(v6gw_ra_opts_set_pref64(&o, P48, 48));
	build_is(&o, 9, NULL, pf48, sizeof(pf48));
	MUST(v6gw_ra_opts_set_pref64(&o, P56, 56));
	build_is(&o, 0, NULL, pf56, sizeof(pf56));

	/* all three, in order RDNSS, DNSSL, PREF64, and what skipping leaves */
	v6gw_ra_opts_init(&o);
	MUST(v6gw_ra_opts_set_pref64(&o, WKP, 96));
	MUST(v6gw_ra_opts_add_dnssl(&o, "example.com"));
	MUST(v6gw_ra_opts_add_rdnss(&o, D1));
	build_is(&o, 1800, NULL, all, sizeof(all));
	memset(&sk, 0, sizeof(sk));
	build_is(&o, 1800, &sk, all, sizeof(all));
	sk.rdnss = 1;
	build_is(&o, 1800, &sk, dn_pf, sizeof(dn_pf));
	sk.rdnss = 0;
	sk.dnssl = 1;
	build_is(&o, 1800, &sk, rd_pf, sizeof(rd_pf));
	sk.dnssl = 0;
	sk.pref64 = true;
	build_is(&o, 1800, &sk, rd_dn, sizeof(rd_dn));
	sk.rdnss = sk.dnssl = 1;
	memset(big, 0x77, sizeof(big));
	CHECK_EQ(v6gw_ra_build(&o, 1800, &sk, big, sizeof(big)), 0);
	CHECK_EQ(big[0], 0x77);
	/* room 0 with a non-NULL buffer: measured, nothing written */
	CHECK_EQ(v6gw_ra_build(&o, 1800, NULL, big, 0), 64);
	CHECK_EQ(big[0], 0x77);
}

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

/* --- random RAs against a model of the contract --------------------------- */

static const uint8_t R_ADDR[6][16] = {
	{ D1_B }, { D2_B }, { D3_B },
	{ 0xfe, 0x80, [15] = 0x53 },
	{ 0x20, 0x01, 0x0d, 0xb8, [15] = 0x99 },
	{ 0x20, 0x01, 0x0d, 0xb8, [14] = 0x53 },
};

static const struct {
	const char *text;
	uint8_t len;
	uint8_t wire[20];
} R_NAME[5] = {
	{ "example.com", 13, { W_EXAMPLE } },
	{ "corp.example.org", 18, { W_CORP } },
	{ "a.test", 8, { 0x01, 'a', 0x04, 't', 'e', 's', 't', 0x00 } },
	{ "Lab.Example.NET", 17, { 0x03, 'L', 'a', 'b', 0x07, 'E', 'x', 'a',
				   'm', 'p', 'l', 'e', 0x03, 'N', 'E', 'T',
				   0x00 } },
	{ "x_y-z.example", 15, { 0x05, 'x', '_', 'y', '-', 'z', 0x07, 'e', 'x',
				 'a', 'm', 'p', 'l', 'e', 0x00 } },
};

static const struct { const uint8_t *p; uint8_t len, plc; } R_PFX[6] = {
	{ WKP, 96, 0 }, { P64, 64, 1 }, { P56, 56, 2 },
	{ P48, 48, 3 }, { P40, 40, 4 }, { P32, 32, 5 },
};

static const uint32_t R_LT[] = { 0, 1, 7, 8, 9, 600, 1800, 65527, 65528,
				 65529, 0x10000, 0xffffffff };
static const uint16_t R_RLT[] = { 0, 1, 600, 1800, 9000, 65535 };

static uint8_t rlower(uint8_t c)
{
	return c >= 'A' && c <= 'Z' ? (uint8_t)(c - 'A' + 'a') : c;
}

/* One random option into @p; its type; its length in *@n. */
static uint8_t r_option(uint8_t *p, size_t *n)
{
	uint32_t k = unit_rand_below(9), i, m;
	size_t w;

	switch (k) {
	case 0:
		memcpy(p, (const uint8_t[]){ O_SLLA }, 8);
		*n = 8;
		return 1;
	case 1:
		memcpy(p, (const uint8_t[]){ O_PIO }, 32);
		*n = 32;
		return 3;
	case 2:
		memcpy(p, (const uint8_t[]){ O_MTU }, 8);
		*n = 8;
		return 5;
	case 3:				/* unknown, random bytes */
		m = 1 + unit_rand_below(3);
		p[0] = (uint8_t)(200 + unit_rand_below(50));
		p[1] = (uint8_t)m;
		unit_rand_bytes(p + 2, m * 8 - 2);
		*n = m * 8;
		return p[0];
	case 4:
	case 5:				/* RDNSS, 1..3 addresses */
		m = 1 + unit_rand_below(3);
		p[0] = 25;
		p[1] = (uint8_t)(1 + 2 * m);
		p[2] = p[3] = 0;
		unit_rand_bytes(p + 4, 4);
		for (i = 0; i < m; i++)
			memcpy(p + 8 + 16 * i, R_ADDR[unit_rand_below(6)], 16);
		*n = 8 + 16 * m;
		return 25;
	case 6:
	case 7:				/* DNSSL, 1..3 names, case mixed */
		m = 1 + unit_rand_below(3);
		p[0] = 31;
		p[2] = p[3] = 0;
		unit_rand_bytes(p + 4, 4);
		w = 8;
		for (i = 0; i < m; i++) {
			uint32_t j = unit_rand_below(6), c;

			if (j == 5) {
				memcpy(p + w, (const uint8_t[]){ W_OTHER }, 12);
				w += 12;
				continue;
			}
			memcpy(p + w, R_NAME[j].wire, R_NAME[j].len);
			for (c = 0; c < R_NAME[j].len; c++) {
				uint8_t *b = p + w + c;

				if (*b >= 'a' && *b <= 'z' &&
				    unit_rand_below(3) == 0)
					*b = (uint8_t)(*b - 'a' + 'A');
				else if (*b >= 'A' && *b <= 'Z' &&
					 unit_rand_below(3) == 0)
					*b = (uint8_t)(*b - 'A' + 'a');
			}
			w += R_NAME[j].len;
		}
		while (w % 8)
			p[w++] = 0;
		p[1] = (uint8_t)(w / 8);
		*n = w;
		return 31;
	default:			/* PREF64: any prefix, any PLC */
		i = unit_rand_below(6);
		m = unit_rand_below(2) ? R_PFX[i].plc : unit_rand_below(6);
		p[0] = 38;
		p[1] = 2;
		p[2] = (uint8_t)unit_rand_below(256);
		p[3] = (uint8_t)((unit_rand_below(32) << 3) | m);
		memcpy(p + 4, R_PFX[i].p, 12);
		*n = 16;
		return 38;
	}
}

/* Is the wire name @a (well formed) in the DNSSL option @opt? */
static bool m_has_name(const uint8_t *opt, size_t olen, const uint8_t *a,
		       size_t alen)
{
	size_t off = 8, i;

	while (off < olen && opt[off]) {
		size_t n = 0;

		while (opt[off + n])
			n += opt[off + n] + 1u;
		n++;
		if (n == alen) {
			for (i = 0; i < n; i++)
				if (rlower(opt[off + i]) != rlower(a[i]))
					break;
			if (i == n)
				return true;
		}
		off += n;
	}
	return false;
}

static void t_rewrite_random(void)
{
	static uint8_t ropts[2048], kept[2048], add[2048], in[4096],
		exp[4096];
	int it;

	for (it = 0; it < 4000; it++) {
		struct v6gw_ra_opts o, o2;
		uint8_t types[16], idx[6], idxn[5];
		size_t offs[16], lens[16], nopt, w, klen, alen, i, j;
		uint32_t lt, len, elen, nl, nl2, scaled;
		bool ra_pf = false, replace;
		int pfx = -1, nr, nd, k;
		uint16_t rlt;
		uint8_t *b, *b2;

		unit_iter = it;
		/* the rule */
		v6gw_ra_opts_init(&o);
		replace = unit_rand_below(2);
		o.mode = replace ? V6GW_RA_REPLACE : V6GW_RA_ADD;
		nr = (int)unit_rand_below(4);
		nd = (int)unit_rand_below(4);
		for (i = 0; i < 6; i++)
			idx[i] = (uint8_t)i;
		for (i = 5; i > 0; i--) {
			uint8_t t;

			j = unit_rand_below((uint32_t)i + 1);
			t = idx[i];
			idx[i] = idx[j];
			idx[j] = t;
		}
		for (k = 0; k < nr; k++)
			MUST(v6gw_ra_opts_add_rdnss(&o, R_ADDR[idx[k]]));
		for (i = 0; i < 5; i++)
			idxn[i] = (uint8_t)i;
		for (i = 4; i > 0; i--) {
			uint8_t t;

			j = unit_rand_below((uint32_t)i + 1);
			t = idxn[i];
			idxn[i] = idxn[j];
			idxn[j] = t;
		}
		for (k = 0; k < nd; k++)
			MUST(v6gw_ra_opts_add_dnssl(&o, R_NAME[idxn[k]].text));
		if (unit_rand_below(2) || (!nr && !nd)) {
			pfx = (int)unit_rand_below(6);
			MUST(v6gw_ra_opts_set_pref64(&o, R_PFX[pfx].p,
						     R_PFX[pfx].len));
		}
		if (unit_rand_below(2)) {
			o.has_lifetime = true;
			o.lifetime = R_LT[unit_rand_below(12)];
		}
		CHECK_STR(v6gw_ra_opts_invalid(&o), NULL);

		/* the RA */
		rlt = R_RLT[unit_rand_below(6)];
		nopt = unit_rand_below(7);
		for (i = 0, w = 0; i < nopt; i++) {
			offs[i] = w;
			types[i] = r_option(ropts + w, &lens[i]);
			w += lens[i];
		}
		len = mk_ra(in, rlt, ropts, w);

		/* the model: what stays, what is there already */
		lt = o.has_lifetime ? o.lifetime : rlt ? rlt : 1800;
		for (i = 0, klen = 0; i < nopt; i++) {
			bool gone = replace &&
				((types[i] == 25 && nr) ||
				 (types[i] == 31 && nd) ||
				 (types[i] == 38 && pfx >= 0));

			if (!gone) {
				memcpy(kept + klen, ropts + offs[i], lens[i]);
				klen += lens[i];
			}
		}
		alen = 0;
		/* RDNSS */
		w = 8;
		for (k = 0; k < nr; k++) {
			bool seen = false;

			for (i = 0; i < nopt && !replace; i++)
				for (j = 8; types[i] == 25 && j < lens[i];
				     j += 16)
					seen |= !memcmp(ropts + offs[i] + j,
							o.rdnss[k], 16);
			if (!seen) {
				memcpy(add + alen + w, o.rdnss[k], 16);
				w += 16;
			}
		}
		if (w > 8) {
			add[alen] = 25;
			add[alen + 1] = (uint8_t)(w / 8);
			add[alen + 2] = add[alen + 3] = 0;
			set16(add + alen + 4, lt >> 16);
			set16(add + alen + 6, lt & 0xffff);
			alen += w;
		}
		/* DNSSL: the rule's names, in its order */
		w = 8;
		for (k = 0, j = 0; k < nd; k++) {
			const uint8_t *nm = o.dnssl + j;
			size_t nl_ = 0;
			bool seen = false;

			while (nm[nl_])
				nl_ += nm[nl_] + 1u;
			nl_++;
			for (i = 0; i < nopt && !replace; i++)
				if (types[i] == 31)
					seen |= m_has_name(ropts + offs[i],
							   lens[i], nm, nl_);
			if (!seen) {
				memcpy(add + alen + w, nm, nl_);
				w += nl_;
			}
			j += nl_;
		}
		if (w > 8) {
			while (w % 8)
				add[alen + w++] = 0;
			add[alen] = 31;
			add[alen + 1] = (uint8_t)(w / 8);
			add[alen + 2] = add[alen + 3] = 0;
			set16(add + alen + 4, lt >> 16);
			set16(add + alen + 6, lt & 0xffff);
			alen += w;
		}
		/* PREF64 */
		if (pfx >= 0) {
			for (i = 0; i < nopt && !replace; i++)
				if (types[i] == 38 &&
				    (ropts[offs[i] + 3] & 7) ==
				    R_PFX[pfx].plc &&
				    !memcmp(ropts + offs[i] + 4, R_PFX[pfx].p,
					    R_PFX[pfx].len / 8))
					ra_pf = true;
			if (!ra_pf) {
				scaled = lt >= 65528 ? 8191 : (lt + 7) / 8;
				add[alen] = 38;
				add[alen + 1] = 2;
				set16(add + alen + 2,
				      scaled << 3 | R_PFX[pfx].plc);
				memcpy(add + alen + 4, R_PFX[pfx].p, 12);
				alen += 16;
			}
		}

		if (!replace && !alen) {
			rw_untouched(&o, in, len, 4096, 1500, V6GW_RA_SAME);
			continue;
		}
		memcpy(kept + klen, add, alen);
		elen = mk_exp(exp, in, kept, klen + alen);
		if (!CHECK_EQ(rw_run(in, len, 4096, 1500, &o, &b, &nl),
			      V6GW_RA_DONE)) {
			free(b);
			continue;
		}
		if (CHECK_EQ(nl, elen))
			CHECK_MEM(b, exp, elen);
		CHECK(ref_csum_ok(b, nl));

		/* again: the same rule adds nothing (add) or the same
		 * (replace); in add mode the result is complete */
		if (replace) {
			CHECK_EQ(rw_run(b, nl, 4096, 1500, &o, &b2, &nl2),
				 V6GW_RA_DONE);
			CHECK_EQ(nl2, nl);
			CHECK_MEM(b2, b, nl);
			free(b2);
		}
		o2 = o;
		o2.mode = V6GW_RA_ADD;
		CHECK_EQ(rw_run(b, nl, 4096, 1500, &o2, &b2, &nl2),
			 V6GW_RA_SAME);
		free(b2);
		free(b);
	}
	unit_iter = -1;
}

void test_ra(void)
{
	unsigned long before = unit_passed + unit_failed;

	unit_seed(8106);
	t_name_encode();
	t_name_decode();
	t_rdnss_opts();
	t_dnssl_opts();
	t_pref64_opts();
	t_lifetime();
	t_build();
	t_rewrite_add();
	t_rewrite_replace();
	t_rewrite_malformed();
	t_rewrite_not_ra();
	t_rewrite_limits();
	printf("ra: %lu fixed checks\n", unit_passed + unit_failed - before);
	t_rewrite_random();
	printf("ra: %lu checks, 4000 random RAs against the model\n",
	       unit_passed + unit_failed - before);
}
