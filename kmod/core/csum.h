/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Internet checksum (RFC 1071, RFC 1624) over byte buffers.
 *
 * Data is read as a sequence of 16-bit big-endian words whatever the host
 * byte order, so every value below is a plain host-order number: a checksum
 * returned by v6gw_csum_finish() is stored with v6gw_put_be16() and one read
 * from a header with v6gw_get_be16() can be passed to v6gw_csum_replace() or
 * v6gw_csum_adjust() as is.
 *
 * A "partial sum" (uint32_t) is an unfolded ones' complement sum: only its
 * value modulo 0xffff is meaningful, so partial sums may be added together
 * with end-around carry and folded once at the end.
 *
 * UDP: a computed checksum of 0 is transmitted as 0xffff (RFC 768, RFC 8200
 * section 8.1), and an IPv4 UDP checksum field of 0 means "no checksum".
 * Neither rule is applied here; the caller that writes a UDP header maps a
 * result of 0 to 0xffff, and never passes a "no checksum" 0 field to the
 * incremental helpers (RFC 7915 section 4.5: compute it in full or drop).
 */
#ifndef V6GW_CORE_CSUM_H
#define V6GW_CORE_CSUM_H

#include "types.h"

uint32_t v6gw_csum_partial(const void *buf, size_t len, uint32_t sum);
uint16_t v6gw_csum_fold(uint32_t sum);
uint16_t v6gw_csum_finish(uint32_t sum);

uint32_t v6gw_csum_pseudo4(const uint8_t saddr[4], const uint8_t daddr[4],
			   uint8_t proto, uint32_t len);
uint32_t v6gw_csum_pseudo6(const uint8_t saddr[16], const uint8_t daddr[16],
			   uint8_t nexthdr, uint32_t len);

/**
 * v6gw_csum_words() - the partial sum of @n 32-bit words at @buf
 * @buf: the words, any alignment
 * @n: how many (a handful: addresses, a header)
 *
 * The same value modulo 0xffff as v6gw_csum_partial(@buf, 4 * @n, 0), for
 * the per-packet path: inline, with native loads. The ones' complement sum
 * commutes with swapping the bytes of every word (RFC 1071 section 2 (B)),
 * so words are summed in host order and the folded sum swapped back once.
 *
 * v6gw_csum_acc() adds the words to a host-order accumulator, so that
 * several pieces are folded once, by v6gw_csum_acc_fold().
 *
 * Return: a partial sum, folded to 16 bits.
 */
static inline uint64_t v6gw_csum_acc(uint64_t acc, const void *buf,
				     unsigned int n)
{
	const uint8_t *p = buf;
	unsigned int i;
	uint32_t w;

	for (i = 0; i < n; i++) {
		memcpy(&w, p + 4 * i, 4);
		acc += w;
	}
	return acc;
}

/* v6gw_csum_acc()'s host-order sum, folded: see v6gw_csum_words(). */
static inline uint32_t v6gw_csum_acc_fold(uint64_t acc)
{
	acc = (acc & 0xffffffff) + (acc >> 32);
	acc = (acc & 0xffff) + (acc >> 16);
	acc = (acc & 0xffff) + (acc >> 16);
	acc = (acc & 0xffff) + (acc >> 16);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	acc = (acc >> 8 | acc << 8) & 0xffff;
#endif
	return (uint32_t)acc;
}

static inline uint32_t v6gw_csum_words(const void *buf, unsigned int n)
{
	return v6gw_csum_acc_fold(v6gw_csum_acc(0, buf, n));
}

uint16_t v6gw_csum_replace(uint16_t check, const uint8_t *old,
			   const uint8_t *new, size_t len);
uint16_t v6gw_csum_adjust(uint16_t check, uint32_t sum_removed,
			  uint32_t sum_added);

#endif /* V6GW_CORE_CSUM_H */
