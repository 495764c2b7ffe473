// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Byte-level translator tests: RFC 4884 extensions of ICMP errors carried
 * across (or removed) both ways, the original datagram field laid out
 * again.
 */
#include "xlat_fx.h"

/* --- RFC 4884 ------------------------------------------------------------ */

/* Run a hand-built error through, compare, verify the outer checksum. */
static void err_manual(bool to6, const struct v6gw_map *m, const uint8_t *in,
		       uint32_t inlen, const uint8_t *exp, uint32_t explen,
		       int32_t delta)
{
	struct run r;

	xrun(&r, to6, m, in, inlen, &XO);
	if (x_ok(&r, exp, explen, delta)) {
		const uint8_t *p = r.pkt.l3;

		if (to6)
			CHECK(pb_l4_ok(6, p + 8, p + 24, PB_ICMPV6, p + 40,
				       explen - 40));
		else
			CHECK(pb_l4_ok(4, p + 12, p + 16, PB_ICMP, p + 20,
				       explen - 20));
	}
	xfree(&r);
}

/*
 * RFC 4884 cases, in the input family's terms. The input error quotes a
 * UDP packet in an original datagram field of @flen bytes (the packet cut
 * to it or zero-padded), then @elen bytes of extension, with @len in the
 * length octet. @olen is the original datagram field expected in the
 * output, worked out by hand: 0 when nothing is carried.
 */
struct x4884 {
	uint8_t type, code;
	uint32_t word;		/* the input word, length octet left zero */
	uint8_t etype, ecode;
	uint32_t eword;		/* expected, length octet left zero */
	uint32_t pay;		/* UDP payload of the quoted packet */
	uint32_t flen;		/* input original datagram field */
	uint32_t len;		/* input length octet, in bytes; 0: @flen */
	uint32_t elen;		/* extension bytes (0: none) */
	uint32_t olen;		/* expected field length, 0: not carried */
	bool junk;		/* the length is ignored: all of it quoted */
	uint8_t opt;		/* inner IPv4 options, IPv6 Hop-by-Hop bytes */
	bool frag;		/* inner fragment (4 -> 6) */
	bool ohbh;		/* outer Hop-by-Hop header (6 -> 4) */
	uint32_t H;		/* headroom, 0: the default */
};

#define X_OK(t, c, w, et, ec, ew) \
	.type = t, .code = c, .word = w, .etype = et, .ecode = ec, .eword = ew

/* An extension structure: header (version 2) and one object, checksummed. */
static void mk_ext(uint8_t *e, uint32_t elen)
{
	unit_rand_bytes(e, elen);
	if (elen < 8)
		return;
	e[0] = 0x20;
	e[1] = 0;
	pb_w16(e + 2, 0);
	pb_w16(e + 4, elen - 4);
	e[6] = 1;
	e[7] = 1;
	pb_w16(e + 2, pb_csum(pb_sum(0, e, elen)));
}

/* The UDP packet quoted, in both families: in @q4 and @q6. */
static void mk_quote(const struct x4884 *c, bool from4, uint8_t *q4,
		     uint32_t *l4, uint32_t *hl4, uint8_t *q6, uint32_t *l6,
		     uint32_t *hl6)
{
	static uint8_t seg4[2048], seg6[2048];
	const uint8_t *s4 = from4 ? A4 : B4, *d4 = from4 ? B4 : A4;
	const uint8_t *s6 = from4 ? A6 : B6, *d6 = from4 ? B6 : A6;
	struct pb_ip h4, h6;
	uint32_t n;

	n = mk_seg(PB_UDP, 0, seg4, c->pay);
	memcpy(seg6, seg4, n);
	pb_l4_csum(4, s4, d4, PB_UDP, seg4, n, PB_CS_FULL);
	pb_l4_csum(6, s6, d6, PB_UDP, seg6, n, PB_CS_FULL);
	ip_init(&h4, 4, s4, d4, PB_UDP, 17);
	ip_init(&h6, 6, s6, d6, PB_UDP, 17);
	if (from4) {
		h4.id = 0x5678;
		h4.df = !c->frag;
		h4.optlen = c->opt;
		memset(h4.opt, 1, c->opt);
		if (c->frag) {
			h4.frag = h6.frag = true;
			h4.mf = h6.mf = true;
			h6.fid = 0x5678;
		}
	} else {
		h6.flow = 0xabcde;
		h4.df = 28 + c->pay > 1260;
		if (c->opt) {
			h6.next = 1;
			h6.ext[0] = PB_HOPOPTS;
			h6.extl[0] = (uint8_t)(c->opt / 8 - 1);
		}
	}
	*hl4 = pb_hlen(&h4);
	*hl6 = pb_hlen(&h6);
	*l4 = pb_build(&h4, seg4, n, q4);
	*l6 = pb_build(&h6, seg6, n, q6);
}

/* @n bytes of @q, cut or zero-padded to @flen, at @out. */
static void mk_field(uint8_t *out, const uint8_t *q, uint32_t n,
		     uint32_t flen)
{
	memcpy(out, q, n < flen ? n : flen);
	if (n < flen)
		memset(out + n, 0, flen - n);
}

static void x4884(const struct fx *f, const struct x4884 *c, bool from4,
		  const uint8_t *rs, const uint8_t *rd)
{
	static uint8_t q4[2048], q6[2048], ext[2048], b[4096], tr[4096];
	static uint8_t in[4096], exp[4096];
	uint32_t l4, hl4, l6, hl6, lin, hlin, hlout, n, tlen, inlen;
	uint32_t explen, len = c->len ? c->len : c->flen, word, eword, blen;
	const uint8_t *qin, *qout;
	struct pb_ip oi, oo;
	struct xo o = XO;
	struct run r;
	int32_t delta;

	mk_quote(c, from4, q4, &l4, &hl4, q6, &l6, &hl6);
	mk_ext(ext, c->elen);
	qin = from4 ? q4 : q6;
	qout = from4 ? q6 : q4;
	lin = from4 ? l4 : l6;
	hlin = from4 ? hl4 : hl6;
	hlout = from4 ? hl6 : hl4;

	/* input: outer | icmp | field | extension */
	mk_field(b, qin, lin, c->flen);
	memcpy(b + c->flen, ext, c->elen);
	word = c->word | (from4 ? len / 4 << 16 : len / 8 << 24);
	ip_init(&oi, from4 ? 4 : 6, rs, from4 ? A4 : B6, 0, 30);
	if (c->ohbh) {
		oi.next = 1;
		oi.ext[0] = PB_HOPOPTS;
	}
	inlen = build_icmp(&oi, c->type, c->code, word, b, c->flen + c->elen,
			   false, in);

	/* the field translated: quoted bytes, then the same zeros */
	n = (lin < c->flen ? lin : c->flen) - hlin + hlout;
	tlen = c->flen - hlin + hlout;
	mk_field(tr, qout, n, tlen);

	/* expected: outer | icmp | field laid out again | extension */
	eword = c->eword;
	if (c->olen) {
		mk_field(b, tr, tlen, c->olen);
		memcpy(b + c->olen, ext, c->elen);
		blen = c->olen + c->elen;
		eword |= from4 ? c->olen / 8 << 24 : c->olen / 4 << 16;
	} else {
		memcpy(b, tr, tlen);
		blen = tlen;
		if (c->junk) {
			memcpy(b + tlen, ext, c->elen);
			blen += c->elen;
		}
		/* an oversized ICMPv6 error is read up to 1280 bytes */
		if (!from4 && pb_hlen(&oi) + 8 + c->flen + c->elen > 1280 &&
		    blen > 1280 - pb_hlen(&oi) - 8 - hlin + hlout)
			blen = 1280 - pb_hlen(&oi) - 8 - hlin + hlout;
	}
	ip_init(&oo, from4 ? 6 : 4, rd, from4 ? A6 : B4, 0, 29);
	if (!from4)
		oo.id = XO.id;		/* DF clear: 576 bytes at most */
	explen = build_icmp(&oo, c->etype, c->ecode, eword, b, blen, true,
			    exp);

	/*
	 * Carried, the message ends where it ended less what was cut from
	 * the field; otherwise the new headers end where the old ones did.
	 */
	if (c->olen)
		delta = (int32_t)explen - (int32_t)inlen +
			(int32_t)(tlen > c->olen ? tlen - c->olen : 0);
	else
		delta = (int32_t)(pb_hlen(&oo) + 8 + hlout) -
			(int32_t)(pb_hlen(&oi) + 8 + hlin);

	if (c->H)
		o.H = c->H;
	xrun(&r, from4, &f->m, in, inlen, &o);
	if (x_ok(&r, exp, explen, delta)) {
		const uint8_t *p = r.pkt.l3;

		if (from4) {
			CHECK(pb_l4_ok(6, p + 8, p + 24, PB_ICMPV6, p + 40,
				       explen - 40));
			CHECK_EQ(p[44], c->olen / 8);
			CHECK(explen <= 1280);
		} else {
			CHECK(pb_l4_ok(4, p + 12, p + 16, PB_ICMP, p + 20,
				       explen - 20));
			CHECK_EQ(p[25], c->olen / 4);
			CHECK(explen <= 576);
		}
		CHECK_EQ(r.pkt.linear, explen);
	}
	xfree(&r);
}

void test_rfc4884(void)
{
	/* 4 -> 6: length in 4-byte words in, 8-byte words out */
	static const struct x4884 c46[] = {
		/* realigned to 8: the last 4 bytes of the field go */
		{ X_OK(11, 0, 0, 3, 0, 0), .pay = 100, .flen = 128,
		  .elen = 16, .olen = 144 },
		{ X_OK(11, 0, 0, 3, 0, 0), .pay = 40, .flen = 128,
		  .elen = 16, .olen = 144 },
		{ X_OK(11, 1, 0, 3, 1, 0), .pay = 100, .flen = 128,
		  .elen = 13, .olen = 144 },
		/* already a multiple of 8 */
		{ X_OK(3, 1, 0, 1, 0, 0), .pay = 104, .flen = 132,
		  .elen = 16, .olen = 152 },
		{ X_OK(3, 3, 0, 1, 4, 0), .pay = 400, .flen = 256,
		  .elen = 40, .olen = 272 },
		/* 40 bytes of inner options: 108 bytes, padded to 128 */
		{ X_OK(3, 0, 0, 1, 0, 0), .pay = 60, .opt = 40, .flen = 128,
		  .elen = 16, .olen = 128 },
		/* ... which takes 20 bytes of headroom, or the extension */
		{ X_OK(3, 0, 0, 1, 0, 0), .pay = 60, .opt = 40, .flen = 128,
		  .elen = 16, .olen = 128, .H = 20 },
		{ X_OK(3, 0, 0, 1, 0, 0), .pay = 60, .opt = 40, .flen = 128,
		  .elen = 16, .olen = 0, .H = 19 },
		/* an inner fragment: 48 bytes of IPv6 headers */
		{ X_OK(3, 13, 0, 1, 1, 0), .pay = 100, .frag = true,
		  .flen = 128, .elen = 16, .olen = 152 },
		/* 1280 bytes: the field is cut, the extension kept */
		{ X_OK(11, 0, 0, 3, 0, 0), .pay = 1400, .flen = 1020,
		  .elen = 600, .olen = 632 },
		{ X_OK(11, 0, 0, 3, 0, 0), .pay = 100, .flen = 128,
		  .elen = 1104, .olen = 128 },
		/* ... and when 128 bytes do not fit with it, it goes */
		{ X_OK(11, 0, 0, 3, 0, 0), .pay = 100, .flen = 128,
		  .elen = 1108, .olen = 0 },
		/* an extension longer than 1280 - 48 alone (found by fuzzing) */
		{ X_OK(11, 0, 0, 3, 0, 0), .pay = 100, .flen = 128,
		  .elen = 1248, .olen = 0 },
		/* no length field in the ICMPv6 type: cut off */
		{ X_OK(3, 4, 1400, 2, 0, 1420), .pay = 100, .flen = 128,
		  .elen = 16, .olen = 0 },
		{ X_OK(3, 2, 0, 4, 1, 6), .pay = 100, .flen = 128,
		  .elen = 16, .olen = 0 },
		{ X_OK(12, 0, 9u << 24, 4, 0, 6), .pay = 100, .flen = 128,
		  .elen = 16, .olen = 0 },
		/* lengths that are not RFC 4884's: the body is all quote */
		{ X_OK(11, 0, 0, 3, 0, 0), .pay = 100, .flen = 128,
		  .len = 64, .elen = 16, .junk = true },
		{ X_OK(11, 0, 0, 3, 0, 0), .pay = 100, .flen = 128,
		  .len = 124, .elen = 16, .junk = true },
		{ X_OK(11, 0, 0, 3, 0, 0), .pay = 100, .flen = 128,
		  .len = 1020, .elen = 16, .junk = true },
		{ X_OK(3, 3, 0, 1, 4, 0), .pay = 100, .flen = 128,
		  .len = 148, .elen = 16, .junk = true },
		/* a length but no extension */
		{ X_OK(3, 3, 0, 1, 4, 0), .pay = 100, .flen = 128,
		  .junk = true },
	};
	/* 6 -> 4: length in 8-byte words in, 4-byte words out */
	static const struct x4884 c64[] = {
		/* 108 bytes, padded to 128 */
		{ X_OK(3, 0, 0, 11, 0, 0), .pay = 80, .flen = 128,
		  .elen = 16, .olen = 128 },
		{ X_OK(1, 4, 0, 3, 3, 0), .pay = 88, .flen = 136,
		  .elen = 16, .olen = 128 },
		{ X_OK(1, 3, 0, 3, 1, 0), .pay = 80, .flen = 128,
		  .elen = 5, .olen = 128, .ohbh = true },
		/* 64 bytes of inner Hop-by-Hop: 52 bytes, padded to 128 */
		{ X_OK(3, 1, 0, 11, 1, 0), .pay = 24, .opt = 64, .flen = 136,
		  .elen = 16, .olen = 128 },
		/* long enough as it is */
		{ X_OK(1, 0, 0, 3, 1, 0), .pay = 300, .flen = 256,
		  .elen = 24, .olen = 236 },
		{ X_OK(1, 1, 0, 3, 10, 0), .pay = 300, .flen = 256,
		  .elen = 24, .olen = 236, .ohbh = true },
		/* within 576 bytes: the field is cut, the extension kept */
		{ X_OK(1, 4, 0, 3, 3, 0), .pay = 1300, .flen = 1200,
		  .elen = 32, .olen = 516 },
		{ X_OK(1, 4, 0, 3, 3, 0), .pay = 300, .flen = 256,
		  .elen = 400, .olen = 148 },
		{ X_OK(1, 0, 0, 3, 1, 0), .pay = 300, .flen = 256,
		  .elen = 420, .olen = 128 },
		/* ... and when 128 bytes do not fit with it, it goes */
		{ X_OK(1, 0, 0, 3, 1, 0), .pay = 300, .flen = 256,
		  .elen = 421, .olen = 0 },
		{ X_OK(1, 4, 0, 3, 3, 0), .pay = 300, .flen = 256,
		  .elen = 1100, .olen = 0 },
		{ X_OK(3, 0, 0, 11, 0, 0), .pay = 80, .flen = 128,
		  .elen = 1128, .olen = 0 },
		/* an extension longer than 1280 - 28 alone (found by fuzzing) */
		{ X_OK(3, 0, 0, 11, 0, 0), .pay = 80, .flen = 128,
		  .elen = 1280, .olen = 0 },
		/* lengths that are not RFC 4884's: the body is all quote */
		{ X_OK(3, 0, 0, 11, 0, 0), .pay = 80, .flen = 128,
		  .len = 64, .elen = 16, .junk = true },
		{ X_OK(3, 0, 0, 11, 0, 0), .pay = 80, .flen = 128,
		  .len = 120, .elen = 16, .junk = true },
		{ X_OK(1, 4, 0, 3, 3, 0), .pay = 80, .flen = 128,
		  .len = 2040, .elen = 16, .junk = true },
		{ X_OK(1, 4, 0, 3, 3, 0), .pay = 80, .flen = 128,
		  .len = 144, .elen = 16, .junk = true },
		/* a length but no extension */
		{ X_OK(1, 4, 0, 3, 3, 0), .pay = 80, .flen = 128,
		  .junk = true },
	};
	static uint8_t seg4[2048], seg6[2048], in[2048], exp[2048];
	struct pb_ip h4, h6, o4, o6;
	uint8_t r4[16], r6[16];
	uint32_t n, l6, inlen, explen;
	unsigned int i;
	struct fx f;

	fx_init(&f, 96, false);
	pair_init(&f);
	a4(r4, 198, 18, 0, 1);
	ref46(&f, r4, r6);
	for (i = 0; i < sizeof(c46) / sizeof(c46[0]); i++) {
		unit_iter = i;
		x4884(&f, &c46[i], true, r4, r6);
	}
	for (i = 0; i < sizeof(c64) / sizeof(c64[0]); i++) {
		unit_iter = 100 + i;
		x4884(&f, &c64[i], false, r6, r4);
	}
	unit_iter = -1;

	/* an oversized ICMPv6 error is read up to 1280 bytes, sent in 576 */
	n = mk_seg(PB_UDP, 0, seg6, 1400);
	memcpy(seg4, seg6, n);
	pb_l4_csum(6, B6, A6, PB_UDP, seg6, n, PB_CS_FULL);
	pb_l4_csum(4, B4, A4, PB_UDP, seg4, n, PB_CS_FULL);
	ip_init(&h6, 6, B6, A6, PB_UDP, 17);
	ip_init(&h4, 4, B4, A4, PB_UDP, 17);
	ip_init(&o6, 6, r6, B6, PB_ICMPV6, 30);
	ip_init(&o4, 4, r4, B4, PB_ICMP, 29);
	o4.id = XO.id;
	{
		static uint8_t big6[2048], big4[2048];

		l6 = pb_build(&h6, seg6, n, big6);
		h4.df = true;		/* inner: 1428 bytes */
		pb_build(&h4, seg4, n, big4);
		inlen = build_icmp(&o6, 1, 4, 0, big6, l6, false, in);
		CHECK(inlen > 1280);
		explen = build_icmp(&o4, 3, 3, 0, big4, 1280 - 48 - 40 + 20,
				    true, exp);
		CHECK_EQ(explen, 576);
		err_manual(false, &f.m, in, inlen, exp, explen, -40);
	}
}
