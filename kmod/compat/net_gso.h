/* SPDX-License-Identifier: GPL-2.0 */
/* 6.5 moved skb_gso_validate_network_len() and friends into net/gso.h. */
#ifndef V6GW_COMPAT_NET_GSO_H
#define V6GW_COMPAT_NET_GSO_H

#include <linux/version.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
#include <net/gso.h>
#else
#include <linux/skbuff.h>
#endif

#endif /* V6GW_COMPAT_NET_GSO_H */
