/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The portable core's only view of its environment.
 *
 * Everything under kmod/core/ is plain C compiled both into the kernel
 * module and into userspace unit tests and fuzzers. It includes this file
 * and nothing else from outside kmod/core/: fixed-width integers, bool,
 * size_t, memcpy/memset/memcmp. Byte order is handled by the explicit
 * big-endian load/store helpers below, never by htons() and friends, so the
 * core behaves the same on big- and little-endian machines.
 */
#ifndef V6GW_CORE_TYPES_H
#define V6GW_CORE_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#endif

static inline uint16_t v6gw_get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t v6gw_get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline uint64_t v6gw_get_be64(const uint8_t *p)
{
	return (uint64_t)v6gw_get_be32(p) << 32 | v6gw_get_be32(p + 4);
}

static inline void v6gw_put_be16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static inline void v6gw_put_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = (v >> 16) & 0xff;
	p[2] = (v >> 8) & 0xff;
	p[3] = v & 0xff;
}

#endif /* V6GW_CORE_TYPES_H */
