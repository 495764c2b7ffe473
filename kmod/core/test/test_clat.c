// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Unit tests for clat.c: validation of the CLAT's prefixes, the island's
 * EAM entry, which packets the CLAT takes, and the addresses the SIIT map
 * built from them gives (RFC 6877 with v6gw's "IPv4 address in the last
 * 32 bits"): worked examples, then random islands checked against a
 * reference in both directions.
 */
#include "clat.h"
#include "eam_fx.h"
#include "map.h"

static void clat(struct v6gw_clat_addrs *c, const char *a4, uint8_t l4,
		 const char *a6, uint8_t l6, const char *plat, uint8_t lp)
{
	memset(c, 0, sizeof(*c));
	pton4(a4, c->p4.addr);
	c->p4.len = l4;
	pton6(a6, c->p6.addr);
	c->p6.len = l6;
	pton6(plat, c->plat.addr);
	c->plat.len = lp;
}

static void test_clat_invalid(void)
{
	static const struct {
		const char *a4;
		uint8_t l4;
		const char *a6;
		uint8_t l6;
		const char *plat;
		uint8_t lp;
		const char *why;
	} cases[] = {
		{ "192.168.1.0", 24, "2001:db8:c::", 64, "2001:db8:64::", 96,
		  NULL },
		{ "192.168.1.0", 24, "2001:db8:c::", 96, "64:ff9b::", 96,
		  NULL },
		{ "192.0.0.0", 29, "2001:db8:c:1::", 64, "64:ff9b::", 32,
		  NULL },
		{ "0.0.0.0", 0, "::", 0, "64:ff9b::", 96,
		  "the CLAT's IPv6 prefix and the PLAT prefix overlap" },
		{ "192.168.1.0", 33, "2001:db8:c::", 64, "64:ff9b::", 96,
		  MSG4_LEN },
		{ "192.168.1.1", 24, "2001:db8:c::", 64, "64:ff9b::", 96,
		  MSG4_HOST },
		{ "192.168.1.0", 24, "2001:db8:c::", 97, "64:ff9b::", 96,
		  "the CLAT's IPv6 prefix must be at most a /96: the IPv4 address takes its last 32 bits" },
		{ "192.168.1.0", 24, "2001:db8:c::1", 64, "64:ff9b::", 96,
		  "bits beyond the CLAT's IPv6 prefix length must be zero" },
		{ "192.168.1.0", 24, "2001:db8:c::", 64, "64:ff9b::", 95,
		  "prefix length must be 32, 40, 48, 56, 64 or 96" },
		{ "192.168.1.0", 24, "2001:db8:c::", 64, "64:ff9b::1", 96,
		  "bits beyond the prefix length must be zero" },
		{ "192.168.1.0", 24, "2001:db8:64::", 96, "2001:db8::", 32,
		  "the CLAT's IPv6 prefix and the PLAT prefix overlap" },
		{ "192.168.1.0", 24, "2001:db8::", 32, "2001:db8:64::", 96,
		  "the CLAT's IPv6 prefix and the PLAT prefix overlap" },
		{ "192.168.1.0", 24, "2001:db8:64::", 96, "2001:db8:64::", 96,
		  "the CLAT's IPv6 prefix and the PLAT prefix overlap" },
		{ "192.168.1.0", 24, "2001:db8:65::", 96, "2001:db8:64::", 96,
		  NULL },
	};
	struct v6gw_clat_addrs c;
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unit_iter = i;
		clat(&c, cases[i].a4, cases[i].l4, cases[i].a6, cases[i].l6,
		     cases[i].plat, cases[i].lp);
		CHECK_STR(v6gw_clat_invalid(&c), cases[i].why);
	}
	unit_iter = -1;
}

/* A SIIT map of the CLAT: the island's EAM entry and pool6 = the PLAT. */
static struct v6gw_eam_table *clat_map(const struct v6gw_clat_addrs *c,
				       struct v6gw_eam *e, struct v6gw_map *m)
{
	struct v6gw_eam_table *t;
	uint32_t bad;
	int err;

	v6gw_clat_eam(c, e);
	CHECK(!v6gw_eam_invalid(e));
	t = eam_build(e, 1, &err, &bad);
	CHECK_EQ(err, 0);
	memset(m, 0, sizeof(*m));
	m->flags = V6GW_MAP_POOL6;
	m->pool6 = c->plat;
	m->eam = t;
	m->lowest_ipv6_mtu = 1280;
	v6gw_map_prepare(m);
	return t;
}

static void test_clat_examples(void)
{
	static const struct {
		const char *v4, *v6;
		bool island;
	} xlat[] = {
		{ "192.168.1.10", "2001:db8:c::c0a8:10a", true },
		{ "192.168.1.0", "2001:db8:c::c0a8:100", true },
		{ "192.168.1.255", "2001:db8:c::c0a8:1ff", true },
		{ "198.51.100.2", "2001:db8:64::c633:6402", false },
		{ "192.168.2.10", "2001:db8:64::c0a8:20a", false },
	};
	struct v6gw_clat_addrs c;
	struct v6gw_eam_table *t;
	struct v6gw_eam e;
	struct v6gw_map m;
	uint8_t v4[4], v6[16], out4[4], out6[16];
	unsigned int i;

	clat(&c, "192.168.1.0", 24, "2001:db8:c::", 64, "2001:db8:64::", 96);
	t = clat_map(&c, &e, &m);
	pton6("2001:db8:c::c0a8:100", v6);
	CHECK_MEM(e.p6.addr, v6, 16);
	CHECK_EQ(e.p6.len, 120);
	CHECK_EQ(e.p4.len, 24);
	for (i = 0; i < sizeof(xlat) / sizeof(xlat[0]); i++) {
		unit_iter = i;
		pton4(xlat[i].v4, v4);
		pton6(xlat[i].v6, v6);
		CHECK(v6gw_map_4to6(&m, v4, out6));
		CHECK_MEM(out6, v6, 16);
		CHECK(v6gw_map_6to4(&m, v6, out4));
		CHECK_MEM(out4, v4, 4);
		CHECK_EQ(v6gw_clat_takes6(&e, v6), xlat[i].island);
	}
	unit_iter = -1;

	/* from the island outward only */
	pton4("192.168.1.10", v4);
	pton4("198.51.100.2", out4);
	CHECK(v6gw_clat_takes4(&c, v4, out4));
	CHECK(!v6gw_clat_takes4(&c, out4, v4));
	CHECK(!v6gw_clat_takes4(&c, v4, v4));
	CHECK(!v6gw_clat_takes4(&c, out4, out4));
	/* the PLAT's own addresses and other IPv6 are not the island's */
	pton6("2001:db8:c::1", v6);
	CHECK(!v6gw_clat_takes6(&e, v6));
	pton6("2001:db8:c:0:1::c0a8:10a", v6);
	CHECK(!v6gw_clat_takes6(&e, v6));
	free(t);
}

/* Random islands: every address of the island and around it. */
static void test_clat_random(void)
{
	unsigned int n, k, islands = 0, addrs = 0;

	unit_seed(6877);
	for (n = 0; n < 2000; n++) {
		struct v6gw_clat_addrs c;
		struct v6gw_eam_table *t;
		struct v6gw_eam e;
		struct v6gw_map m;
		static const uint8_t plens[] = { 32, 40, 48, 56, 64, 96 };

		unit_iter = n;
		memset(&c, 0, sizeof(c));
		c.p4.len = 8 + unit_rand_below(25);
		unit_rand_bytes(c.p4.addr, 4);
		clear_from(c.p4.addr, c.p4.len, 32);
		/* a public-looking island, so RFC 6052 maps around it */
		c.p4.addr[0] = 11 + unit_rand_below(90);
		c.p6.len = 16 + unit_rand_below(81);
		pton6("2001:db8:c::", c.p6.addr);
		unit_rand_bytes(c.p6.addr + 4, 12);
		clear_from(c.p6.addr, c.p6.len, 128);
		pton6("64:ff9b:6464::", c.plat.addr);
		c.plat.len = plens[unit_rand_below(6)];
		clear_from(c.plat.addr, c.plat.len, 128);
		if (v6gw_clat_invalid(&c)) {
			/* only an overlap of the two may be refused here */
			CHECK_STR(v6gw_clat_invalid(&c),
				  "the CLAT's IPv6 prefix and the PLAT prefix overlap");
			continue;
		}
		t = clat_map(&c, &e, &m);
		islands++;
		for (k = 0; k < 64; k++) {
			uint8_t v4[4], v6[16], back[4], ref6[16];
			bool in;

			unit_rand_bytes(v4, 4);
			if (k & 1)	/* half inside the island */
				memcpy(v4, c.p4.addr, c.p4.len / 8 + 1 > 4 ?
				       4 : c.p4.len / 8);
			if (k & 1)
				v4[0] = c.p4.addr[0];
			in = ref_contains4(&c.p4, v4);
			if (!in && v6gw_ipv4_is_special(v4))
				continue;
			if (in) {
				memcpy(ref6, c.p6.addr, 12);
				memcpy(ref6 + 12, v4, 4);
			} else {
				v6gw_rfc6052_embed(&c.plat, v4, ref6);
			}
			addrs++;
			if (!CHECK(v6gw_map_4to6(&m, v4, v6)))
				continue;
			CHECK_MEM(v6, ref6, 16);
			CHECK_EQ(v6gw_clat_takes6(&e, v6), in);
			CHECK(v6gw_map_6to4(&m, v6, back));
			CHECK_MEM(back, v4, 4);
		}
		free(t);
	}
	unit_iter = -1;
	printf("clat: %u random islands, %u addresses both ways\n", islands,
	       addrs);
}

void test_clat(void);
void test_clat(void)
{
	test_clat_invalid();
	test_clat_examples();
	test_clat_random();
}
