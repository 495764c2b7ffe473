// SPDX-License-Identifier: GPL-2.0
/*
 * Transactions over netlink: V6GW_CMD_TXN_BEGIN/COMMIT/ABORT and
 * V6GW_CMD_FLUSH, and the end of a transaction whose socket closes.
 */
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <net/genetlink.h>

#include "netlink.h"
#include "txn.h"

int v6gw_nl_txn_begin(struct sk_buff *skb, struct genl_info *info)
{
	int err = v6gw_txn_begin(v6gw_nl_vn(info), info->snd_portid);

	if (err == -EBUSY)
		NL_SET_ERR_MSG(info->extack,
			       "a transaction (v6gw -b) is open in this namespace");
	return err;
}

int v6gw_nl_txn_commit(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	int err;

	vn->txn_msg[0] = '\0';
	err = v6gw_txn_commit(vn, info->snd_portid);
	if (err == -ENOENT && !vn->txn_msg[0])
		NL_SET_ERR_MSG(info->extack, "no transaction of this socket");
	else if (err)
		v6gw_extack_set(info->extack, NULL, vn->txn_msg);
	return err;
}

int v6gw_nl_txn_abort(struct sk_buff *skb, struct genl_info *info)
{
	int err = v6gw_txn_abort(v6gw_nl_vn(info), info->snd_portid);

	if (err)
		NL_SET_ERR_MSG(info->extack, "no transaction of this socket");
	return err;
}

int v6gw_nl_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct v6gw_net *vn = v6gw_nl_vn(info);
	int err;

	vn->txn_msg[0] = '\0';
	err = v6gw_txn_flush(vn, info->snd_portid, info->snd_seq);
	if (err == -EBUSY)
		NL_SET_ERR_MSG(info->extack,
			       "a transaction (v6gw -b) is open in this namespace");
	else if (err && vn->txn_msg[0])
		v6gw_extack_set(info->extack, NULL, vn->txn_msg);
	if (!err)
		v6gw_nl_notify(info);
	return err;
}

/* A socket with a transaction open closes: the transaction goes. */
static int v6gw_nl_txn_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC)
		return NOTIFY_DONE;
	if (READ_ONCE(v6gw_pernet(n->net)->txn))
		v6gw_txn_abort(v6gw_pernet(n->net), n->portid);
	return NOTIFY_DONE;
}

static struct notifier_block v6gw_nl_txn_notifier = {
	.notifier_call = v6gw_nl_txn_event,
};

int __init v6gw_nl_txn_init(void)
{
	return netlink_register_notifier(&v6gw_nl_txn_notifier);
}

void v6gw_nl_txn_uninit(void)
{
	netlink_unregister_notifier(&v6gw_nl_txn_notifier);
}
