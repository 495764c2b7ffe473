// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw: the IPv6-only gateway. Module entry and per-namespace lifetime.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "nat64.h"
#include "pd.h"
#include "ra.h"
#include "stats.h"
#include "txn.h"
#include "v6gw.h"

unsigned int v6gw_net_id __read_mostly;

static int __net_init v6gw_net_init(struct net *net)
{
	struct v6gw_net *vn = v6gw_pernet(net);

	vn->net = net;
	mutex_init(&vn->lock);
	RCU_INIT_POINTER(vn->siit, NULL);
	v6gw_clat_netns_init(vn);
	vn->hooks_registered = false;
	vn->defrag = false;
	v6gw_nat64_netns_init(vn);
	v6gw_ra_netns_init(vn);
	return v6gw_stats_init(vn);
}

/*
 * ORDER: hooks go first, in pre_exit, so that no packet of this namespace
 * can reach v6gw once the namespace is going away. The core runs an RCU
 * grace period between pre_exit and exit, after which nothing can hold a
 * reference to the configuration and it is freed directly.
 */
static void __net_exit v6gw_net_pre_exit(struct net *net)
{
	struct v6gw_net *vn = v6gw_pernet(net);

	/* first the CLAT's learning, whose work may change the hooks */
	v6gw_clat_netns_stop(vn);
	mutex_lock(&vn->lock);
	v6gw_hooks_unregister(vn);
	mutex_unlock(&vn->lock);
}

static void __net_exit v6gw_net_exit(struct net *net)
{
	struct v6gw_net *vn = v6gw_pernet(net);

	mutex_lock(&vn->lock);
	v6gw_txn_netns_exit(vn);
	v6gw_siit_flush(vn);
	v6gw_clat_netns_exit(vn);
	mutex_unlock(&vn->lock);
	v6gw_ra_netns_exit(vn);
	v6gw_pd_netns_exit(vn);
	v6gw_nat64_netns_exit(vn);
	v6gw_stats_uninit(vn);
	mutex_destroy(&vn->lock);
}

static struct pernet_operations v6gw_net_ops = {
	.init = v6gw_net_init,
	.pre_exit = v6gw_net_pre_exit,
	.exit = v6gw_net_exit,
	.id = &v6gw_net_id,
	.size = sizeof(struct v6gw_net),
};

/*
 * ORDER: namespaces get their state before the netlink family can reach
 * it; on the way out the family goes first, so no request can arrive for
 * state being torn down.
 */
static int __init v6gw_init(void)
{
	int err;

	err = v6gw_nat64_init();
	if (err)
		return err;
	err = register_pernet_subsys(&v6gw_net_ops);
	if (err)
		goto err_nat64;

	err = v6gw_ra_init();
	if (err)
		goto err_pernet;
	err = v6gw_pd_init();
	if (err)
		goto err_ra;

	err = v6gw_genl_init();
	if (err)
		goto err_pd;

	pr_info("v6gw " V6GW_VERSION " loaded\n");
	return 0;

err_pd:
	v6gw_pd_uninit();
err_ra:
	v6gw_ra_uninit();
err_pernet:
	unregister_pernet_subsys(&v6gw_net_ops);
err_nat64:
	v6gw_nat64_uninit();
	return err;
}

static void __exit v6gw_exit(void)
{
	v6gw_genl_uninit();
	v6gw_pd_uninit();
	v6gw_ra_uninit();
	unregister_pernet_subsys(&v6gw_net_ops);
	/* Configuration snapshots are freed by RCU callbacks: wait for them. */
	rcu_barrier();
	v6gw_nat64_uninit();
}

module_init(v6gw_init);
module_exit(v6gw_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("v6gw: SIIT, NAT64, CLAT, RA options and DHCPv6-PD routes");
MODULE_AUTHOR("The v6gw developers");
MODULE_VERSION(V6GW_VERSION);
MODULE_ALIAS_GENL_FAMILY(V6GW_GENL_NAME);
