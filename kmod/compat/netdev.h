/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A virtual device's "stays in its namespace" and "lockless transmit"
 * flags: feature bits up to 6.11 (NETIF_F_NETNS_LOCAL, NETIF_F_LLTX),
 * struct net_device bits after (Debian's 6.12 names the first
 * netns_immutable). See compat.h.
 */
#ifndef V6GW_COMPAT_NETDEV_H
#define V6GW_COMPAT_NETDEV_H

#include <linux/netdevice.h>

static inline void v6gw_netdev_local_lltx(struct net_device *dev)
{
#ifdef NETIF_F_NETNS_LOCAL
	dev->features |= NETIF_F_NETNS_LOCAL;
#else
	dev->netns_immutable = true;
#endif
#ifdef NETIF_F_LLTX
	dev->features |= NETIF_F_LLTX;
#else
	dev->lltx = true;
#endif
}

#endif /* V6GW_COMPAT_NETDEV_H */
