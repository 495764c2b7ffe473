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

#include "ra_fx.h"

void test_ra(void);
void test_ra_pref64(void);	/* test_ra_pref64.c */

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
	test_ra_rewrite();
	test_ra_pref64();
	printf("ra: %lu fixed checks\n", unit_passed + unit_failed - before);
	test_ra_model();
	printf("ra: %lu checks, 4000 random RAs against the model\n",
	       unit_passed + unit_failed - before);
}
