/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Route and address changes through rtnetlink (rtnl.c), for what the
 * kernel does not export to modules: a request on a kernel socket of the
 * namespace, handled synchronously, its ack read back. Callers never hold
 * RTNL (rtnetlink takes it).
 */
#ifndef V6GW_RTNL_H
#define V6GW_RTNL_H

#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

struct net;
struct socket;

struct v6gw_rtreq {
	struct nlmsghdr nh;
	union {
		struct rtmsg rt;
		struct ifaddrmsg ifa;
	};
	u8 attrs[3 * RTA_SPACE(16) + 2 * RTA_SPACE(4)];
};

void v6gw_rtreq_init(struct v6gw_rtreq *req, u16 type, u16 flags, u32 seq);
void v6gw_rta_put(struct v6gw_rtreq *req, u16 type, const void *data,
		  u16 len);
int v6gw_rtnl_call(struct net *net, struct socket **sock,
		   struct v6gw_rtreq *req);
void v6gw_rtnl_release(struct socket **sock);

#endif /* V6GW_RTNL_H */
