/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The request attributes of a generic netlink dump: genl_info_dump() from
 * 6.2 on (split ops), genl_dumpit_info()->attrs before. See compat.h.
 */
#ifndef V6GW_COMPAT_GENL_DUMP_H
#define V6GW_COMPAT_GENL_DUMP_H

#include <net/genetlink.h>

static inline struct nlattr **v6gw_dump_attrs(struct netlink_callback *cb)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

#endif /* V6GW_COMPAT_GENL_DUMP_H */
