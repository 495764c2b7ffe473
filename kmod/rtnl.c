// SPDX-License-Identifier: GPL-2.0
/*
 * Route and address changes through rtnetlink: see rtnl.h. The IPv4 and
 * IPv6 routing code's functions to add a route, and devinet's to add an
 * address, are not exported to modules, so v6gw asks the way every
 * routing daemon does. The request is handled synchronously (rtnetlink
 * takes RTNL), so the ack is waiting in the socket when sendmsg returns.
 *
 * The socket is created in the namespace without holding a reference to
 * it (a kernel socket) and released by its owner when the namespace's
 * state goes.
 */
#include <linux/net.h>
#include <linux/uio.h>
#include <net/sock.h>

#include "rtnl.h"

/**
 * v6gw_rtreq_init() - start a request: the header, an empty body
 * @req: the request
 * @type: RTM_NEWADDR/RTM_DELADDR (an ifaddrmsg follows) or a route's
 * @flags: beside NLM_F_REQUEST | NLM_F_ACK, which every request has
 * @seq: the caller's sequence number
 */
void v6gw_rtreq_init(struct v6gw_rtreq *req, u16 type, u16 flags, u32 seq)
{
	bool ifa = type == RTM_NEWADDR || type == RTM_DELADDR;

	memset(req, 0, sizeof(*req));
	req->nh.nlmsg_len = NLMSG_LENGTH(ifa ? sizeof(struct ifaddrmsg) :
					 sizeof(struct rtmsg));
	req->nh.nlmsg_type = type;
	req->nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	req->nh.nlmsg_seq = seq;
}

void v6gw_rta_put(struct v6gw_rtreq *req, u16 type, const void *data,
		  u16 len)
{
	struct rtattr *rta = (void *)((u8 *)req + NLMSG_ALIGN(req->nh.nlmsg_len));

	rta->rta_type = type;
	rta->rta_len = RTA_LENGTH(len);
	memcpy(RTA_DATA(rta), data, len);
	req->nh.nlmsg_len = NLMSG_ALIGN(req->nh.nlmsg_len) + RTA_ALIGN(rta->rta_len);
}

/* Send @req and read its ack: 0, the kernel's error, or -ENOBUFS/-EAGAIN
 * when no ack came (the kernel had no memory for it). */
static int v6gw_rtnl_once(struct socket *sock, struct v6gw_rtreq *req)
{
	/* A destination: NETLINK_SKB_DST, checked against CAP_NET_ADMIN of
	 * the caller (the requester, or the kworker's full credentials). */
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };
	struct msghdr msg = { .msg_name = &to, .msg_namelen = sizeof(to) };
	struct kvec iov = { .iov_base = req, .iov_len = req->nh.nlmsg_len };
	struct {
		struct nlmsghdr nh;
		struct nlmsgerr err;
		u8 echo[sizeof(struct v6gw_rtreq)];
	} ack;
	int err;

	err = kernel_sendmsg(sock, &msg, &iov, 1, iov.iov_len);
	if (err < 0)
		return err;
	memset(&msg, 0, sizeof(msg));
	iov.iov_base = &ack;
	iov.iov_len = sizeof(ack);
	err = kernel_recvmsg(sock, &msg, &iov, 1, sizeof(ack), MSG_DONTWAIT);
	if (err < 0)
		return err;
	if (err < (int)(NLMSG_HDRLEN + sizeof(struct nlmsgerr)) ||
	    ack.nh.nlmsg_type != NLMSG_ERROR ||
	    ack.nh.nlmsg_seq != req->nh.nlmsg_seq)
		return -EPROTO;
	return ack.err.error;
}

/**
 * v6gw_rtnl_call() - send @req to the kernel and read its ack
 * @net: the namespace
 * @sock: the caller's socket, opened here on first use
 * @req: the request, NLM_F_ACK set, its sequence number the caller's
 *
 * A request whose ack is lost (the kernel had no memory for the ack, and
 * the change may or may not have happened) is sent once more, and the
 * answer read as the state it finds: an exclusive add that finds the
 * route (-EEXIST) or a removal that finds nothing (-ESRCH,
 * -EADDRNOTAVAIL) was done by the first one. Without this a lost ack
 * would leave a route behind that v6gw believes it never added (found by
 * test-failslab.sh).
 *
 * Return: 0 or the kernel's error.
 */
int v6gw_rtnl_call(struct net *net, struct socket **sock,
		   struct v6gw_rtreq *req)
{
	u16 type = req->nh.nlmsg_type;
	int err;

	if (!*sock) {
		err = sock_create_kern(net, AF_NETLINK, SOCK_RAW,
				       NETLINK_ROUTE, sock);
		if (err)
			return err;
	}
	err = v6gw_rtnl_once(*sock, req);
	if (err != -ENOBUFS && err != -EAGAIN)
		return err;
	err = v6gw_rtnl_once(*sock, req);
	if ((type == RTM_NEWROUTE && (req->nh.nlmsg_flags & NLM_F_EXCL) &&
	     err == -EEXIST) ||
	    (type == RTM_DELROUTE && err == -ESRCH) ||
	    (type == RTM_DELADDR && err == -EADDRNOTAVAIL))
		return 0;
	return err;
}

void v6gw_rtnl_release(struct socket **sock)
{
	if (*sock) {
		sock_release(*sock);
		*sock = NULL;
	}
}
