// SPDX-License-Identifier: GPL-2.0
/*
 * The routes of delegated prefixes. The IPv6 routing code's functions to
 * add a route are not exported to modules, so v6gw asks it the way every
 * routing daemon does: an RTM_NEWROUTE / RTM_DELROUTE request on an
 * rtnetlink socket, here a kernel socket of the namespace. The request is
 * handled synchronously (rtnetlink takes RTNL), so the ack is waiting in
 * the socket when sendmsg returns. Callers hold pd->lock, never RTNL.
 *
 * The socket is created in the namespace without holding a reference to
 * it (a kernel socket) and released when the namespace's PD state goes.
 */
#include "pd.h"
#include "rtnl.h"

#define V6GW_PD_METRIC	1024

/**
 * v6gw_pd_route() - add or remove the route of a delegation
 * @pd: the namespace's table (its lock held)
 * @e: the delegation: prefix, router, interface
 * @add: add (true) or remove (false)
 * @replace: when adding, replace a route to the same prefix and metric
 *	(a delegation that moves) instead of failing with -EEXIST
 *
 * Return: 0 or an error; removing a route that is not there is not one.
 */
int v6gw_pd_route(struct v6gw_pd_table *pd, const struct v6gw_pd *e,
		  bool add, bool replace)
{
	struct v6gw_rtreq req;
	u32 oif = e->ifindex, metric = V6GW_PD_METRIC;
	int err;

	lockdep_assert_held(&pd->lock);
	v6gw_rtreq_init(&req, add ? RTM_NEWROUTE : RTM_DELROUTE,
			!add ? 0 : NLM_F_CREATE |
			(replace ? NLM_F_REPLACE : NLM_F_EXCL), ++pd->seq);
	req.rt.rtm_family = AF_INET6;
	req.rt.rtm_dst_len = e->key.len;
	req.rt.rtm_table = RT_TABLE_MAIN;
	req.rt.rtm_protocol = RTPROT_DHCP;
	req.rt.rtm_scope = RT_SCOPE_UNIVERSE;
	req.rt.rtm_type = RTN_UNICAST;
	v6gw_rta_put(&req, RTA_DST, e->key.addr, 16);
	v6gw_rta_put(&req, RTA_GATEWAY, e->via, 16);
	v6gw_rta_put(&req, RTA_OIF, &oif, 4);
	v6gw_rta_put(&req, RTA_PRIORITY, &metric, 4);

	err = v6gw_rtnl_call(pd->vn->net, &pd->rtnl, &req);
	if (!add && (err == -ESRCH || err == -ENOENT || err == -ENODEV))
		err = 0;
	if (add && !replace && err == -EEXIST && v6gw_pd_has(pd, e))
		err = 0;	/* a renewal, or an interface back up */
	if (err)
		pr_debug("v6gw: pd route %s %pI6c/%u: %d\n",
			 add ? "add" : "del", e->key.addr, e->key.len, err);
	return err;
}

void v6gw_pd_route_release(struct v6gw_pd_table *pd)
{
	v6gw_rtnl_release(&pd->rtnl);
}
