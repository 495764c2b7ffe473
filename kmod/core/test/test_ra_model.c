// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * v6gw_ra_rewrite() on random RAs, checked against a small model of the
 * contract (what add and replace must leave, add and never repeat).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ra_fx.h"

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

void test_ra_model(void)
{
	t_rewrite_random();
}
