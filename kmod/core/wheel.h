/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Expiry wheels: NAT64 sessions and DHCPv6-PD delegations expire through
 * a wheel of one-second slots whose lists the glue keeps; this is the
 * arithmetic they share.
 */
#ifndef V6GW_CORE_WHEEL_H
#define V6GW_CORE_WHEEL_H

#include "types.h"

/*
 * One slot per second, @slots of them. An entry whose lifetime ends in
 * second @deadline_sec is looked at in the slot of the second this
 * returns: the one after its deadline's, so that it is due then; never a
 * second the GC has done already (@gc_next is the first it has not); never
 * a whole turn ahead (that slot is the one the GC is looking at; a longer
 * lifetime is looked at again then). Seconds wrap around at 2^32.
 */
static inline uint32_t v6gw_wheel_sec(uint32_t deadline_sec, uint32_t gc_next,
				      uint32_t slots)
{
	uint32_t sec = deadline_sec + 1;

	if ((int32_t)(sec - gc_next) < 0)
		sec = gc_next;
	if ((int32_t)(sec - (gc_next + slots - 1)) > 0)
		sec = gc_next + slots - 1;
	return sec;
}

#endif /* V6GW_CORE_WHEEL_H */
