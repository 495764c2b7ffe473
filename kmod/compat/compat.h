/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place where differences between supported kernels are absorbed.
 *
 * Kbuild force-includes this file into every object of the module. Logic
 * never tests LINUX_VERSION_CODE itself: when a kernel API differs between
 * the supported kernels (Debian's 6.1 and 6.12 today), a shim or a
 * COMPAT_* guard goes here, named so that `git grep COMPAT_` finds them all.
 *
 * Most of what the module uses is identical on 6.1 and 6.12 (struct
 * genl_ops with per-op policies, resv_start_op, pernet pre_exit,
 * u64_stats_t, nf_register_net_hooks). The differences are absorbed here
 * or, where a header moved, by a shim header next to this file:
 *
 *   compat/net_gso.h	net/gso.h (6.5+) or linux/skbuff.h before
 *   compat/genl_dump.h	a dump's request attributes: genl_info_dump()
 *			(6.2+) or genl_dumpit_info()->attrs before
 *   compat/slab.h	V6GW_SLAB_NO_MERGE: SLAB_NO_MERGE (6.5+) or 0
 *   compat/netdev.h	v6gw_netdev_local_lltx(): feature bits (6.1) or
 *			struct net_device bits (6.12)
 */
#ifndef V6GW_COMPAT_H
#define V6GW_COMPAT_H

#ifdef __KERNEL__
#include <linux/version.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
#error "v6gw needs Linux 6.1 or newer"
#endif
#endif

#endif /* V6GW_COMPAT_H */
