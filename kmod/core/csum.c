// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Internet checksum (RFC 1071) and its incremental update (RFC 1624).
 *
 * Sums are accumulated in 64 bits and folded with end-around carry. Because
 * 2^16 and 2^32 are both 1 modulo 0xffff, adding big-endian 32-bit words is
 * the same as adding their two 16-bit halves, which lets the main loop read
 * four bytes at a time on any host.
 */

#include "csum.h"

/* Ones' complement addition of two partial sums. */
static uint32_t csum_add(uint32_t a, uint32_t b)
{
	uint32_t r = a + b;

	return r + (r < a);
}

/**
 * v6gw_csum_partial() - accumulate bytes into a ones' complement sum
 * @buf: data, read as 16-bit big-endian words
 * @len: number of bytes in @buf
 * @sum: partial sum to continue from (0 to start)
 *
 * An odd trailing byte is summed as the high byte of a word whose low byte
 * is zero. Consequently a sum can be continued by a later call only when
 * every earlier piece had an even length: chaining at an odd boundary puts
 * the following bytes in the wrong half of their words. @len must be below
 * 16 GiB (the 64-bit accumulator is folded only once, at the end).
 *
 * Return: the partial sum, not folded and not inverted.
 */
uint32_t v6gw_csum_partial(const void *buf, size_t len, uint32_t sum)
{
	const uint8_t *p = buf;
	uint64_t acc = sum;

	while (len >= 4) {
		acc += v6gw_get_be32(p);
		p += 4;
		len -= 4;
	}
	if (len >= 2) {
		acc += v6gw_get_be16(p);
		p += 2;
		len -= 2;
	}
	if (len)
		acc += (uint32_t)p[0] << 8;

	acc = (acc & 0xffffffff) + (acc >> 32);
	acc = (acc & 0xffffffff) + (acc >> 32);
	return (uint32_t)acc;
}

/**
 * v6gw_csum_fold() - fold a partial sum to 16 bits
 * @sum: partial sum
 *
 * Return: the 16-bit ones' complement sum, not inverted. It is 0 only when
 * @sum is 0; any other multiple of 0xffff folds to 0xffff.
 */
uint16_t v6gw_csum_fold(uint32_t sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

/**
 * v6gw_csum_finish() - turn a partial sum into a checksum field value
 * @sum: partial sum over the pseudo-header (if any) and the data, with the
 *	 checksum field itself taken as zero
 *
 * Return: the value to store (with v6gw_put_be16()) in the checksum field.
 * For UDP the caller must store 0xffff instead of a returned 0.
 */
uint16_t v6gw_csum_finish(uint32_t sum)
{
	return (uint16_t)~v6gw_csum_fold(sum);
}

/**
 * v6gw_csum_pseudo4() - sum of an IPv4 pseudo-header (RFC 793, RFC 768)
 * @saddr: IPv4 source address, network order
 * @daddr: IPv4 destination address, network order
 * @proto: IPv4 protocol number
 * @len: transport length (header and payload) in bytes
 *
 * Return: the partial sum of the 12-byte pseudo-header.
 */
uint32_t v6gw_csum_pseudo4(const uint8_t saddr[4], const uint8_t daddr[4],
			   uint8_t proto, uint32_t len)
{
	uint32_t sum;

	sum = csum_add(v6gw_get_be32(saddr), v6gw_get_be32(daddr));
	sum = csum_add(sum, proto);
	return csum_add(sum, len);
}

/**
 * v6gw_csum_pseudo6() - sum of an IPv6 pseudo-header (RFC 8200 section 8.1)
 * @saddr: IPv6 source address, network order
 * @daddr: IPv6 destination address, network order
 * @nexthdr: upper-layer protocol number
 * @len: upper-layer packet length in bytes
 *
 * Return: the partial sum of the 40-byte pseudo-header.
 */
uint32_t v6gw_csum_pseudo6(const uint8_t saddr[16], const uint8_t daddr[16],
			   uint8_t nexthdr, uint32_t len)
{
	uint32_t sum;

	sum = v6gw_csum_partial(saddr, 16, 0);
	sum = v6gw_csum_partial(daddr, 16, sum);
	sum = csum_add(sum, nexthdr);
	return csum_add(sum, len);
}

/**
 * v6gw_csum_replace() - update a checksum for rewritten bytes (RFC 1624)
 * @check: current checksum field value, host order
 * @old: the bytes as they were
 * @new: the bytes as they are now
 * @len: number of bytes in @old and @new, normally even
 *
 * The region must start at an even offset of the checksummed data (as all
 * IPv4 and IPv6 address fields do). An odd @len is then still correct: the
 * trailing byte is the high half of a word whose other half did not change.
 * See v6gw_csum_adjust() for the UDP rules.
 *
 * Return: the new checksum field value, host order.
 */
uint16_t v6gw_csum_replace(uint16_t check, const uint8_t *old,
			   const uint8_t *new, size_t len)
{
	return v6gw_csum_adjust(check, v6gw_csum_partial(old, len, 0),
				v6gw_csum_partial(new, len, 0));
}

/**
 * v6gw_csum_adjust() - update a checksum for a changed partial sum
 * @check: current checksum field value, host order
 * @sum_removed: partial sum of what was removed, e.g. the IPv4 pseudo-header
 * @sum_added: partial sum of what replaces it, e.g. the IPv6 pseudo-header
 *
 * Computes RFC 1624 equation 3, HC' = ~(~HC + ~m + m'), which matches a
 * full recomputation, including a result of 0 rather than the "negative
 * zero" 0xffff. The one exception: if all the checksummed data (pseudo-header
 * included) became zero, a full computation gives 0xffff and this gives 0;
 * a header covered by a pseudo-header or an IPv4 header never gets there.
 * A @check of 0xffff (how UDP transmits a computed 0) is correct input; a
 * result of 0 must be stored as 0xffff when the header is UDP.
 * An IPv4 UDP field of 0 ("no checksum") is not a checksum: do not pass it
 * here, compute the checksum in full instead.
 *
 * Return: the new checksum field value, host order.
 */
uint16_t v6gw_csum_adjust(uint16_t check, uint32_t sum_removed,
			  uint32_t sum_added)
{
	uint32_t sum = (uint16_t)~check;

	sum = csum_add(sum, (uint16_t)~v6gw_csum_fold(sum_removed));
	sum = csum_add(sum, sum_added);
	return v6gw_csum_finish(sum);
}
