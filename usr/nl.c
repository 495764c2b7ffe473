// SPDX-License-Identifier: GPL-2.0
/*
 * v6gw: all netlink I/O, on libmnl.
 *
 * Errors: the kernel's extended ACK message is printed when it sent one;
 * otherwise a sentence for the errors a user can act on, otherwise
 * strerror(). Replies are parsed defensively: a malformed message is an
 * error (EBADMSG), never a crash.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/v6gw.h>

#include "nl.h"
#include "utils.h"

#define NL_RECV_SIZE	32768
#define NL_MAX_MCGRPS	8

struct nl_mcgrp {
	char name[GENL_NAMSIZ];
	uint32_t id;
};

struct nl {
	struct mnl_socket *sock;
	unsigned int portid;
	uint32_t seq;
	uint16_t family;
	unsigned int version;
	struct nl_mcgrp mcgrps[NL_MAX_MCGRPS];
	char send[NL_MSG_SIZE] __attribute__((aligned(4)));
	char recv[NL_RECV_SIZE] __attribute__((aligned(4)));
};

/* One request in flight: what nl_talk() learns while reading the reply. */
struct talk {
	struct nl *nl;
	uint16_t type;		/* expected nlmsg_type of data messages */
	mnl_cb_t cb;
	void *data;
	int err;		/* first error, positive errno */
	bool kernel;		/* ... and it came from the kernel */
	char extack[256];	/* NLMSGERR_ATTR_MSG, "" if none */
};

static int extack_attr(const struct nlattr *attr, void *data)
{
	static const char mod[] = V6GW_GENL_NAME ": ";
	struct talk *t = data;
	const char *msg;

	if (mnl_attr_get_type(attr) != NLMSGERR_ATTR_MSG ||
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0)
		return MNL_CB_OK;
	msg = mnl_attr_get_str(attr);
	/* NL_SET_ERR_MSG_MOD() says "v6gw: ", and so do we */
	if (!strncmp(msg, mod, sizeof(mod) - 1))
		msg += sizeof(mod) - 1;
	snprintf(t->extack, sizeof(t->extack), "%s", msg);
	return MNL_CB_OK;
}

/* Extended ACK TLVs start @off bytes into the payload of @nlh. */
static void parse_extack(struct talk *t, const struct nlmsghdr *nlh,
			 size_t off)
{
	size_t len = mnl_nlmsg_get_payload_len(nlh);

	off = MNL_ALIGN(off);
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || off >= len)
		return;
	mnl_attr_parse_payload((const char *)mnl_nlmsg_get_payload(nlh) + off,
			       len - off, extack_attr, t);
}

static int set_err(struct talk *t, int err, bool kernel)
{
	if (!t->err) {
		t->err = err;
		t->kernel = kernel;
	}
	errno = err;
	return MNL_CB_ERROR;
}

static int kernel_status(struct talk *t, int status)
{
	if (status > 0 || status < -4095)
		return set_err(t, EPROTO, false);
	if (status)
		return set_err(t, -status, true);
	if (t->extack[0] && !t->err)
		util_err("warning: %s", t->extack);
	return t->err ? set_err(t, t->err, t->kernel) : MNL_CB_STOP;
}

static int cb_error(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	struct talk *t = data;
	size_t off = sizeof(*e);

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*e))
		return set_err(t, EBADMSG, false);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < sizeof(struct nlmsghdr))
			return set_err(t, EBADMSG, false);
		off += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
	}
	parse_extack(t, nlh, off);
	return kernel_status(t, e->error);
}

/* A dump's NLMSG_DONE carries its status, and the extack after it. */
static int cb_done(const struct nlmsghdr *nlh, void *data)
{
	struct talk *t = data;
	int status;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(status))
		return kernel_status(t, 0);
	memcpy(&status, mnl_nlmsg_get_payload(nlh), sizeof(status));
	parse_extack(t, nlh, sizeof(status));
	return kernel_status(t, status);
}

static int cb_overrun(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh;
	return set_err(data, ENOBUFS, false);
}

/*
 * Data messages: check the framing, then hand them to the caller. After an
 * error, keep reading (and ignoring) until the ACK or DONE, so that no
 * stale message is left for the next request of a batch.
 */
static int cb_data(const struct nlmsghdr *nlh, void *data)
{
	struct talk *t = data;

	if (t->err || nlh->nlmsg_type != t->type)
		return MNL_CB_OK;
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(struct genlmsghdr)) {
		set_err(t, EBADMSG, false);
		return MNL_CB_OK;
	}
	if (t->cb && t->cb(nlh, t->data) < MNL_CB_OK)
		set_err(t, errno ? errno : EBADMSG, false);
	return MNL_CB_OK;
}

/*
 * Every message header must lie within the @n bytes received. libmnl
 * checks this with a signed compare, so it would follow an nlmsg_len
 * above INT_MAX out of the buffer.
 */
static bool framing_ok(const char *buf, size_t n)
{
	while (n >= sizeof(struct nlmsghdr)) {
		const struct nlmsghdr *nlh = (const void *)buf;
		size_t len = MNL_ALIGN((size_t)nlh->nlmsg_len);

		if (nlh->nlmsg_len < sizeof(*nlh) || nlh->nlmsg_len > n)
			return false;
		if (len >= n)
			return true;
		buf += len;
		n -= len;
	}
	return !n;
}

/* Send @nlh and read the whole reply; returns 0 or a positive errno. */
static int talk(struct talk *t, struct nlmsghdr *nlh)
{
	/* on the stack: libmnl wants a non-const array */
	mnl_cb_t ctl_cbs[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR] = cb_error,
		[NLMSG_DONE] = cb_done,
		[NLMSG_OVERRUN] = cb_overrun,
	};
	struct nl *nl = t->nl;
	int ret;

	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0) {
		set_err(t, errno, false);
		return t->err;
	}

	do {
		ssize_t n = mnl_socket_recvfrom(nl->sock, nl->recv,
						sizeof(nl->recv));

		if (n < 0) {
			if (errno == EINTR)
				continue;
			set_err(t, errno, false);
			return t->err;
		}
		if (!framing_ok(nl->recv, (size_t)n)) {
			set_err(t, EBADMSG, false);
			return t->err;
		}
		errno = 0;
		ret = mnl_cb_run2(nl->recv, (size_t)n, nlh->nlmsg_seq,
				  nl->portid, cb_data, t, ctl_cbs,
				  NLMSG_MIN_TYPE);
		if (ret < 0 && !t->err)
			set_err(t, errno ? errno : EPROTO, false);
	} while (ret > 0);

	return t->err;
}

void (*nl_seq_hook)(uint32_t seq);

uint32_t nl_seq(const struct nl *nl)
{
	return nl->seq;
}

static void report(const struct talk *t)
{
	unsigned int seq;
	int n = 0;

	if (t->kernel && t->extack[0] && nl_seq_hook &&
	    sscanf(t->extack, "seq %u: %n", &seq, &n) == 1 && n) {
		nl_seq_hook(seq);
		util_err("%s", t->extack + n);
	} else if (t->kernel && t->extack[0])
		util_err("%s", t->extack);
	else if (t->kernel && (t->err == EPERM || t->err == EACCES))
		util_err("permission denied: CAP_NET_ADMIN is needed in the target network namespace");
	else if (!t->kernel && t->err == EBADMSG)
		util_err("malformed reply from the kernel (module and tool versions differ?)");
	else if (!t->kernel && t->err == EINTR)
		util_err("the dump was interrupted by a concurrent change, try again");
	else
		util_err("%s", strerror(t->err));
}

static struct nlmsghdr *msg_start(struct nl *nl, uint16_t type, uint8_t cmd,
				  uint8_t version, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(nl->send);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	if (!(flags & NLM_F_DUMP))
		nlh->nlmsg_flags |= NLM_F_ACK;
	nlh->nlmsg_seq = ++nl->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return nlh;
}

struct nlmsghdr *nl_msg(struct nl *nl, uint8_t cmd, uint16_t flags)
{
	return msg_start(nl, nl->family, cmd, V6GW_GENL_VERSION, flags);
}

int nl_talk(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	struct talk t = {
		.nl = nl, .type = nl->family, .cb = cb, .data = data,
	};

	if (!talk(&t, nlh))
		return 0;
	report(&t);
	return -1;
}

struct attrs {
	const struct nlattr **tb;
	unsigned int max;
};

static int collect_attr(const struct nlattr *attr, void *data)
{
	const struct attrs *a = data;
	uint16_t type = mnl_attr_get_type(attr);

	if (type <= a->max)
		a->tb[type] = attr;
	return MNL_CB_OK;
}

int nl_parse(const struct nlmsghdr *nlh, const struct nlattr **tb,
	     unsigned int max)
{
	struct attrs a = { .tb = tb, .max = max };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(struct genlmsghdr)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), collect_attr,
			      &a);
}

int nl_parse_nested(const struct nlattr *nest, const struct nlattr **tb,
		    unsigned int max)
{
	struct attrs a = { .tb = tb, .max = max };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	if (mnl_attr_validate(nest, MNL_TYPE_NESTED) < 0) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	return mnl_attr_parse_nested(nest, collect_attr, &a);
}

static void *too_long(void)
{
	util_err("request too long");
	return NULL;
}

struct nlattr *nl_nest_start(struct nlmsghdr *nlh, uint16_t type)
{
	struct nlattr *nest;

	nest = mnl_attr_nest_start_check(nlh, NL_MSG_SIZE, type);
	if (!nest)
		return too_long();
	/* not every libmnl sets NLA_F_NESTED, and the kernel requires it */
	nest->nla_type |= NLA_F_NESTED;
	return nest;
}

void nl_nest_end(struct nlmsghdr *nlh, struct nlattr *nest)
{
	mnl_attr_nest_end(nlh, nest);
}

int nl_put_u8(struct nlmsghdr *nlh, uint16_t type, uint8_t v)
{
	if (mnl_attr_put_u8_check(nlh, NL_MSG_SIZE, type, v))
		return 0;
	too_long();
	return -1;
}

int nl_put_u16(struct nlmsghdr *nlh, uint16_t type, uint16_t v)
{
	if (mnl_attr_put_u16_check(nlh, NL_MSG_SIZE, type, v))
		return 0;
	too_long();
	return -1;
}

int nl_put_u32(struct nlmsghdr *nlh, uint16_t type, uint32_t v)
{
	if (mnl_attr_put_u32_check(nlh, NL_MSG_SIZE, type, v))
		return 0;
	too_long();
	return -1;
}

int nl_put_binary(struct nlmsghdr *nlh, uint16_t type, const void *data,
		  size_t size)
{
	if (mnl_attr_put_check(nlh, NL_MSG_SIZE, type, size, data))
		return 0;
	too_long();
	return -1;
}

/* A nest of an address attribute (@size bytes) and a u8 length. */
static int put_prefix(struct nlmsghdr *nlh, uint16_t type, uint16_t addr_type,
		      const void *addr, size_t size, uint16_t len_type,
		      uint8_t len)
{
	struct nlattr *nest = nl_nest_start(nlh, type);

	if (!nest)
		return -1;
	if (!mnl_attr_put_check(nlh, NL_MSG_SIZE, addr_type, size, addr)) {
		too_long();
		return -1;
	}
	if (nl_put_u8(nlh, len_type, len))
		return -1;
	nl_nest_end(nlh, nest);
	return 0;
}

static int get_prefix(const struct nlattr *nest, uint16_t addr_type,
		      void *addr, size_t size, uint16_t len_type,
		      unsigned int max, uint8_t *len)
{
	/* both enums have ADDR = 1, LEN = 2 */
	const struct nlattr *tb[V6GW_PREFIX_A_MAX + 1];

	if (nl_parse_nested(nest, tb, V6GW_PREFIX_A_MAX) < MNL_CB_OK ||
	    !tb[addr_type] || !nl_get_u8(tb[len_type], len) || *len > max ||
	    mnl_attr_validate2(tb[addr_type], MNL_TYPE_BINARY, size) < 0) {
		errno = EBADMSG;
		return -1;
	}
	memcpy(addr, mnl_attr_get_payload(tb[addr_type]), size);
	return 0;
}

_Static_assert((int)V6GW_PREFIX_A_MAX == (int)V6GW_PREFIX4_A_MAX &&
	       (int)V6GW_PREFIX_A_ADDR == (int)V6GW_PREFIX4_A_ADDR &&
	       (int)V6GW_PREFIX_A_LEN == (int)V6GW_PREFIX4_A_LEN,
	       "get_prefix() parses both prefix nests with one table");

int nl_put_prefix6(struct nlmsghdr *nlh, uint16_t type,
		   const struct prefix6 *p)
{
	return put_prefix(nlh, type, V6GW_PREFIX_A_ADDR, &p->addr,
			  sizeof(p->addr), V6GW_PREFIX_A_LEN, p->len);
}

int nl_get_prefix6(const struct nlattr *nest, struct prefix6 *p)
{
	return get_prefix(nest, V6GW_PREFIX_A_ADDR, &p->addr, sizeof(p->addr),
			  V6GW_PREFIX_A_LEN, 128, &p->len);
}

int nl_put_prefix4(struct nlmsghdr *nlh, uint16_t type,
		   const struct prefix4 *p)
{
	return put_prefix(nlh, type, V6GW_PREFIX4_A_ADDR, &p->addr,
			  sizeof(p->addr), V6GW_PREFIX4_A_LEN, p->len);
}

int nl_get_prefix4(const struct nlattr *nest, struct prefix4 *p)
{
	return get_prefix(nest, V6GW_PREFIX4_A_ADDR, &p->addr,
			  sizeof(p->addr), V6GW_PREFIX4_A_LEN, 32, &p->len);
}

bool nl_get_u8(const struct nlattr *attr, uint8_t *v)
{
	if (!attr || mnl_attr_validate(attr, MNL_TYPE_U8) < 0)
		return false;
	*v = mnl_attr_get_u8(attr);
	return true;
}

bool nl_get_u16(const struct nlattr *attr, uint16_t max, uint16_t *v)
{
	if (!attr || mnl_attr_validate(attr, MNL_TYPE_U16) < 0 ||
	    mnl_attr_get_u16(attr) > max)
		return false;
	*v = mnl_attr_get_u16(attr);
	return true;
}

bool nl_get_u32(const struct nlattr *attr, uint32_t *v)
{
	if (!attr || mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
		return false;
	*v = mnl_attr_get_u32(attr);
	return true;
}

bool nl_get_binary(const struct nlattr *attr, void *data, size_t size)
{
	if (!attr || mnl_attr_validate2(attr, MNL_TYPE_BINARY, size) < 0 ||
	    mnl_attr_get_payload_len(attr) != size)
		return false;
	memcpy(data, mnl_attr_get_payload(attr), size);
	return true;
}

/* Family resolution: CTRL_CMD_GETFAMILY. */

static void parse_mcgrp(struct nl *nl, const struct nlattr *grp, size_t i)
{
	const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1];

	if (nl_parse_nested(grp, tb, CTRL_ATTR_MCAST_GRP_MAX) < MNL_CB_OK ||
	    !tb[CTRL_ATTR_MCAST_GRP_NAME] || !tb[CTRL_ATTR_MCAST_GRP_ID] ||
	    mnl_attr_validate(tb[CTRL_ATTR_MCAST_GRP_NAME],
			      MNL_TYPE_NUL_STRING) < 0 ||
	    mnl_attr_validate(tb[CTRL_ATTR_MCAST_GRP_ID], MNL_TYPE_U32) < 0)
		return;
	snprintf(nl->mcgrps[i].name, sizeof(nl->mcgrps[i].name), "%s",
		 mnl_attr_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]));
	nl->mcgrps[i].id = mnl_attr_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID]);
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1], *grp;
	struct nl *nl = data;
	size_t i = 0;

	if (nl_parse(nlh, tb, CTRL_ATTR_MAX) < MNL_CB_OK ||
	    !tb[CTRL_ATTR_FAMILY_ID] ||
	    mnl_attr_validate(tb[CTRL_ATTR_FAMILY_ID], MNL_TYPE_U16) < 0) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	nl->family = mnl_attr_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	if (tb[CTRL_ATTR_VERSION] &&
	    !mnl_attr_validate(tb[CTRL_ATTR_VERSION], MNL_TYPE_U32))
		nl->version = mnl_attr_get_u32(tb[CTRL_ATTR_VERSION]);
	if (!tb[CTRL_ATTR_MCAST_GROUPS] ||
	    mnl_attr_validate(tb[CTRL_ATTR_MCAST_GROUPS], MNL_TYPE_NESTED) < 0)
		return MNL_CB_OK;
	mnl_attr_for_each_nested(grp, tb[CTRL_ATTR_MCAST_GROUPS]) {
		if (i == NL_MAX_MCGRPS)
			break;
		parse_mcgrp(nl, grp, i++);
	}
	return MNL_CB_OK;
}

static int resolve_family(struct nl *nl)
{
	struct talk t = {
		.nl = nl, .type = GENL_ID_CTRL, .cb = family_cb, .data = nl,
	};
	struct nlmsghdr *nlh;

	nlh = msg_start(nl, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, V6GW_GENL_NAME);
	if (!talk(&t, nlh) && nl->family)
		return 0;
	if (t.kernel && t.err == ENOENT)
		util_err("the v6gw kernel module is not loaded (try: modprobe v6gw)");
	else if (!t.err)
		util_err("no family id in the reply of the kernel");
	else
		report(&t);
	return -1;
}

int nl_open(struct nl **nlp)
{
	struct nl *nl;
	int one = 1;

	nl = calloc(1, sizeof(*nl));
	if (!nl) {
		util_err("%s", strerror(errno));
		return -1;
	}
	nl->seq = (uint32_t)time(NULL);

	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sock) {
		util_err("cannot open a generic netlink socket: %s",
			 strerror(errno));
		goto err_free;
	}
	/* Best effort: kernels before 4.12 have neither option. */
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		util_err("cannot bind the netlink socket: %s", strerror(errno));
		goto err_close;
	}
	nl->portid = mnl_socket_get_portid(nl->sock);

	if (resolve_family(nl))
		goto err_close;
	*nlp = nl;
	return 0;

err_close:
	mnl_socket_close(nl->sock);
err_free:
	free(nl);
	return -1;
}

void nl_close(struct nl *nl)
{
	if (!nl)
		return;
	mnl_socket_close(nl->sock);
	free(nl);
}

unsigned int nl_family_version(const struct nl *nl)
{
	return nl->version;
}

uint32_t nl_mcgrp_id(const struct nl *nl, const char *name)
{
	size_t i;

	for (i = 0; i < NL_MAX_MCGRPS; i++)
		if (nl->mcgrps[i].id && !strcmp(nl->mcgrps[i].name, name))
			return nl->mcgrps[i].id;
	return 0;
}

/* Multicast messages: only the family's, whatever their sequence number. */
static int cb_listen(const struct nlmsghdr *nlh, void *data)
{
	const struct talk *t = data;

	if (nlh->nlmsg_type != t->nl->family)
		return MNL_CB_OK;
	return t->cb(nlh, t->data);
}

int nl_listen(struct nl *nl, const char *const *groups, unsigned int n,
	      mnl_cb_t cb, void *data)
{
	struct talk t = { .nl = nl, .cb = cb, .data = data };
	unsigned int i;

	for (i = 0; i < n; i++) {
		uint32_t id = nl_mcgrp_id(nl, groups[i]);

		if (!id) {
			util_err("the module has no multicast group \"%s\"",
				 groups[i]);
			return -1;
		}
		if (mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP,
					  &id, sizeof(id)) < 0) {
			util_err("cannot join group \"%s\": %s", groups[i],
				 strerror(errno));
			return -1;
		}
	}
	for (;;) {
		ssize_t r = mnl_socket_recvfrom(nl->sock, nl->recv,
						sizeof(nl->recv));

		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS) {
				/* the socket overran: say so, go on */
				util_err("messages were lost (receive buffer full)");
				continue;
			}
			util_err("%s", strerror(errno));
			return -1;
		}
		if (!framing_ok(nl->recv, (size_t)r))
			continue;
		if (mnl_cb_run(nl->recv, (size_t)r, 0, 0, cb_listen, &t) < 0 &&
		    errno != EBADMSG) {
			util_err("%s", strerror(errno));
			return -1;
		}
	}
}
