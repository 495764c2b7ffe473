/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the data path sends itself (xmit.c): routes in either family, ICMP
 * errors about packets it does not translate, and translated packets,
 * whole or as IPv6 fragments it builds.
 */
#ifndef V6GW_XMIT_H
#define V6GW_XMIT_H

#include <linux/types.h>

struct dst_entry;
struct sk_buff;
struct v6gw_net;

struct dst_entry *v6gw_route6(struct net *net, const struct sk_buff *skb,
			      const u8 *daddr, const u8 *saddr);
struct dst_entry *v6gw_route4(struct net *net, const struct sk_buff *skb,
			      __be32 daddr, __be32 saddr);

void v6gw_icmp4_reply(struct v6gw_net *vn, struct sk_buff *skb, u8 type,
		      u8 code, u32 info);
void v6gw_icmp6_reply(struct v6gw_net *vn, struct sk_buff *skb, u8 type,
		      u8 code, u32 info);

void v6gw_icmp4_build(struct v6gw_net *vn, const u8 *orig, u32 len, u8 type,
		      u8 code);
unsigned int v6gw_send(struct v6gw_net *vn, struct sk_buff *skb,
		       struct dst_entry *dst);
unsigned int v6gw_frag6_send(struct v6gw_net *vn, struct sk_buff *skb,
			     struct dst_entry *dst, u32 mtu);

#endif /* V6GW_XMIT_H */
