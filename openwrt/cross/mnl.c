// SPDX-License-Identifier: GPL-2.0
/*
 * BUILD-TEST SHIM, for openwrt/cross-mips.sh only: the 38 functions of
 * libmnl's API that the v6gw tool calls, written here against libmnl's
 * own header (<libmnl/libmnl.h>, taken from the host: it is the same on
 * every architecture), with the semantics its documentation gives them.
 *
 * Why: the tool is cross-built for big-endian MIPS to see that it
 * compiles without a warning there and runs under qemu-user; Debian 12
 * has no big-endian MIPS port (so no libmnl for it) and the source
 * packages could not be fetched here. On OpenWrt the package links the
 * real libmnl (DEPENDS:=+libmnl); nothing of this file is shipped.
 * cross-mips.sh also builds the host's tool against this file and runs
 * usr/test-cli.sh with it, so that the shim is checked against the
 * real library's behaviour the tool depends on.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <libmnl/libmnl.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct mnl_socket {
	int fd;
	struct sockaddr_nl addr;
};

/* Sockets */

struct mnl_socket *mnl_socket_open(int bus)
{
	struct mnl_socket *nl = calloc(1, sizeof(*nl));

	if (!nl)
		return NULL;
	nl->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, bus);
	if (nl->fd < 0) {
		free(nl);
		return NULL;
	}
	return nl;
}

int mnl_socket_bind(struct mnl_socket *nl, unsigned int groups, pid_t pid)
{
	socklen_t len = sizeof(nl->addr);

	memset(&nl->addr, 0, sizeof(nl->addr));
	nl->addr.nl_family = AF_NETLINK;
	nl->addr.nl_groups = groups;
	nl->addr.nl_pid = (__u32)pid;
	if (bind(nl->fd, (struct sockaddr *)&nl->addr, sizeof(nl->addr)) < 0)
		return -1;
	/* the port id the kernel chose (MNL_SOCKET_AUTOPID) */
	if (getsockname(nl->fd, (struct sockaddr *)&nl->addr, &len) < 0)
		return -1;
	if (len != sizeof(nl->addr) || nl->addr.nl_family != AF_NETLINK) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int mnl_socket_close(struct mnl_socket *nl)
{
	int ret = close(nl->fd);

	free(nl);
	return ret;
}

unsigned int mnl_socket_get_portid(const struct mnl_socket *nl)
{
	return nl->addr.nl_pid;
}

ssize_t mnl_socket_sendto(const struct mnl_socket *nl, const void *buf,
			  size_t len)
{
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };

	return sendto(nl->fd, buf, len, 0, (const struct sockaddr *)&to,
		      sizeof(to));
}

ssize_t mnl_socket_recvfrom(const struct mnl_socket *nl, void *buf,
			    size_t bufsiz)
{
	struct sockaddr_nl from;
	struct iovec iov = { .iov_base = buf, .iov_len = bufsiz };
	struct msghdr msg = {
		.msg_name = &from,
		.msg_namelen = sizeof(from),
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};
	ssize_t n = recvmsg(nl->fd, &msg, 0);

	if (n < 0)
		return n;
	if (msg.msg_flags & MSG_TRUNC) {
		errno = ENOSPC;
		return -1;
	}
	if (msg.msg_namelen != sizeof(from)) {
		errno = EINVAL;
		return -1;
	}
	return n;
}

int mnl_socket_setsockopt(const struct mnl_socket *nl, int type, void *buf,
			  socklen_t len)
{
	return setsockopt(nl->fd, SOL_NETLINK, type, buf, len);
}

/* Messages */

struct nlmsghdr *mnl_nlmsg_put_header(void *buf)
{
	struct nlmsghdr *nlh = buf;

	memset(buf, 0, MNL_NLMSG_HDRLEN);
	nlh->nlmsg_len = MNL_NLMSG_HDRLEN;
	return nlh;
}

void *mnl_nlmsg_put_extra_header(struct nlmsghdr *nlh, size_t size)
{
	char *p = (char *)nlh + nlh->nlmsg_len;

	nlh->nlmsg_len += MNL_ALIGN(size);
	memset(p, 0, MNL_ALIGN(size));
	return p;
}

void *mnl_nlmsg_get_payload(const struct nlmsghdr *nlh)
{
	return (char *)nlh + MNL_NLMSG_HDRLEN;
}

size_t mnl_nlmsg_get_payload_len(const struct nlmsghdr *nlh)
{
	return nlh->nlmsg_len - MNL_NLMSG_HDRLEN;
}

void *mnl_nlmsg_get_payload_offset(const struct nlmsghdr *nlh, size_t offset)
{
	return (char *)nlh + MNL_NLMSG_HDRLEN + MNL_ALIGN(offset);
}

void *mnl_nlmsg_get_payload_tail(const struct nlmsghdr *nlh)
{
	return (char *)nlh + MNL_ALIGN(nlh->nlmsg_len);
}

/* Attributes */

uint16_t mnl_attr_get_type(const struct nlattr *attr)
{
	return attr->nla_type & NLA_TYPE_MASK;
}

uint16_t mnl_attr_get_payload_len(const struct nlattr *attr)
{
	return attr->nla_len - MNL_ATTR_HDRLEN;
}

void *mnl_attr_get_payload(const struct nlattr *attr)
{
	return (char *)attr + MNL_ATTR_HDRLEN;
}

bool mnl_attr_ok(const struct nlattr *attr, int len)
{
	return len >= (int)sizeof(*attr) && attr->nla_len >= sizeof(*attr) &&
	       (int)attr->nla_len <= len;
}

struct nlattr *mnl_attr_next(const struct nlattr *attr)
{
	return (struct nlattr *)((char *)attr + MNL_ALIGN(attr->nla_len));
}

uint8_t mnl_attr_get_u8(const struct nlattr *attr)
{
	uint8_t v;

	memcpy(&v, mnl_attr_get_payload(attr), sizeof(v));
	return v;
}

uint16_t mnl_attr_get_u16(const struct nlattr *attr)
{
	uint16_t v;

	memcpy(&v, mnl_attr_get_payload(attr), sizeof(v));
	return v;
}

uint32_t mnl_attr_get_u32(const struct nlattr *attr)
{
	uint32_t v;

	memcpy(&v, mnl_attr_get_payload(attr), sizeof(v));
	return v;
}

uint64_t mnl_attr_get_u64(const struct nlattr *attr)
{
	uint64_t v;

	memcpy(&v, mnl_attr_get_payload(attr), sizeof(v));
	return v;
}

const char *mnl_attr_get_str(const struct nlattr *attr)
{
	return mnl_attr_get_payload(attr);
}

/* The payload size of the fixed-size types; 0: any size. */
static size_t type_len(enum mnl_attr_data_type type)
{
	switch (type) {
	case MNL_TYPE_U8:
		return 1;
	case MNL_TYPE_U16:
		return 2;
	case MNL_TYPE_U32:
		return 4;
	case MNL_TYPE_U64:
	case MNL_TYPE_MSECS:
		return 8;
	default:
		return 0;
	}
}

static int validate(const struct nlattr *attr, enum mnl_attr_data_type type,
		    size_t want)
{
	uint16_t len = mnl_attr_get_payload_len(attr);
	const char *p = mnl_attr_get_payload(attr);

	if (type >= MNL_TYPE_MAX) {
		errno = EINVAL;
		return -1;
	}
	if (len < want) {
		errno = ERANGE;
		return -1;
	}
	switch (type) {
	case MNL_TYPE_FLAG:
		if (len) {
			errno = ERANGE;
			return -1;
		}
		break;
	case MNL_TYPE_NUL_STRING:
		if (!len) {
			errno = ERANGE;
			return -1;
		}
		if (p[len - 1]) {
			errno = EINVAL;
			return -1;
		}
		break;
	case MNL_TYPE_STRING:
		if (!len) {
			errno = ERANGE;
			return -1;
		}
		break;
	case MNL_TYPE_NESTED:
		if (len && len < MNL_ATTR_HDRLEN) {
			errno = ERANGE;
			return -1;
		}
		break;
	default:
		break;
	}
	if (want && len > want) {
		errno = ERANGE;
		return -1;
	}
	return 0;
}

int mnl_attr_validate(const struct nlattr *attr, enum mnl_attr_data_type type)
{
	if (type >= MNL_TYPE_MAX) {
		errno = EINVAL;
		return -1;
	}
	return validate(attr, type, type_len(type));
}

int mnl_attr_validate2(const struct nlattr *attr,
		       enum mnl_attr_data_type type, size_t exp_len)
{
	return validate(attr, type, exp_len);
}

/* Walk attributes from @attr over @len bytes; stop when @cb says so. */
static int walk(const struct nlattr *attr, int len, mnl_attr_cb_t cb,
		void *data)
{
	int ret = MNL_CB_OK;

	for (; mnl_attr_ok(attr, len);
	     len -= MNL_ALIGN(attr->nla_len), attr = mnl_attr_next(attr)) {
		ret = cb(attr, data);
		if (ret <= MNL_CB_STOP)
			return ret;
	}
	return ret;
}

int mnl_attr_parse(const struct nlmsghdr *nlh, unsigned int offset,
		   mnl_attr_cb_t cb, void *data)
{
	const struct nlattr *first = mnl_nlmsg_get_payload_offset(nlh, offset);

	return walk(first, (int)((char *)mnl_nlmsg_get_payload_tail(nlh) -
				 (char *)first), cb, data);
}

int mnl_attr_parse_nested(const struct nlattr *nested, mnl_attr_cb_t cb,
			  void *data)
{
	return walk(mnl_attr_get_payload(nested),
		    mnl_attr_get_payload_len(nested), cb, data);
}

int mnl_attr_parse_payload(const void *payload, size_t payload_len,
			   mnl_attr_cb_t cb, void *data)
{
	return walk(payload, (int)payload_len, cb, data);
}

static void attr_put(struct nlmsghdr *nlh, uint16_t type, size_t len,
		     const void *data)
{
	struct nlattr *attr = mnl_nlmsg_get_payload_tail(nlh);
	char *p = mnl_attr_get_payload(attr);

	attr->nla_type = type;
	attr->nla_len = (uint16_t)(MNL_ATTR_HDRLEN + len);
	memcpy(p, data, len);
	memset(p + len, 0, MNL_ALIGN(len) - len);
	nlh->nlmsg_len += MNL_ALIGN(attr->nla_len);
}

bool mnl_attr_put_check(struct nlmsghdr *nlh, size_t buflen, uint16_t type,
			size_t len, const void *data)
{
	if (nlh->nlmsg_len + MNL_ATTR_HDRLEN + MNL_ALIGN(len) > buflen)
		return false;
	attr_put(nlh, type, len, data);
	return true;
}

bool mnl_attr_put_u8_check(struct nlmsghdr *nlh, size_t buflen, uint16_t type,
			   uint8_t data)
{
	return mnl_attr_put_check(nlh, buflen, type, sizeof(data), &data);
}

bool mnl_attr_put_u16_check(struct nlmsghdr *nlh, size_t buflen,
			    uint16_t type, uint16_t data)
{
	return mnl_attr_put_check(nlh, buflen, type, sizeof(data), &data);
}

bool mnl_attr_put_u32_check(struct nlmsghdr *nlh, size_t buflen,
			    uint16_t type, uint32_t data)
{
	return mnl_attr_put_check(nlh, buflen, type, sizeof(data), &data);
}

void mnl_attr_put_strz(struct nlmsghdr *nlh, uint16_t type, const char *data)
{
	attr_put(nlh, type, strlen(data) + 1, data);
}

bool mnl_attr_put_strz_check(struct nlmsghdr *nlh, size_t buflen,
			     uint16_t type, const char *data)
{
	return mnl_attr_put_check(nlh, buflen, type, strlen(data) + 1, data);
}

struct nlattr *mnl_attr_nest_start_check(struct nlmsghdr *nlh, size_t buflen,
					 uint16_t type)
{
	struct nlattr *start;

	if (nlh->nlmsg_len + MNL_ATTR_HDRLEN > buflen)
		return NULL;
	start = mnl_nlmsg_get_payload_tail(nlh);
	start->nla_type = NLA_F_NESTED | type;
	nlh->nlmsg_len += MNL_ATTR_HDRLEN;
	return start;
}

void mnl_attr_nest_end(struct nlmsghdr *nlh, struct nlattr *start)
{
	start->nla_len = (uint16_t)((char *)mnl_nlmsg_get_payload_tail(nlh) -
				    (char *)start);
}

/* Callbacks */

static bool msg_ok(const struct nlmsghdr *nlh, int len)
{
	return len >= (int)sizeof(*nlh) && nlh->nlmsg_len >= sizeof(*nlh) &&
	       (int)nlh->nlmsg_len <= len;
}

/* NLMSG_ERROR: an acknowledgement (error 0) ends the exchange. */
static int ctl_error(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);

	(void)data;
	if (nlh->nlmsg_len < MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(*err))) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	errno = err->error < 0 ? -err->error : err->error;
	return err->error ? MNL_CB_ERROR : MNL_CB_STOP;
}

static int ctl_default(const struct nlmsghdr *nlh, void *data)
{
	(void)data;
	switch (nlh->nlmsg_type) {
	case NLMSG_ERROR:
		return ctl_error(nlh, data);
	case NLMSG_DONE:
		return MNL_CB_STOP;
	default:		/* NLMSG_NOOP, NLMSG_OVERRUN */
		return MNL_CB_OK;
	}
}

int mnl_cb_run2(const void *buf, size_t numbytes, unsigned int seq,
		unsigned int portid, mnl_cb_t cb_data, void *data,
		mnl_cb_t *cb_ctl_array, unsigned int cb_ctl_array_len)
{
	const struct nlmsghdr *nlh = buf;
	int len = (int)numbytes, ret = MNL_CB_OK;

	while (msg_ok(nlh, len)) {
		if (nlh->nlmsg_pid && portid && nlh->nlmsg_pid != portid) {
			errno = ESRCH;
			return -1;
		}
		if (nlh->nlmsg_seq && seq && nlh->nlmsg_seq != seq) {
			errno = EPROTO;
			return -1;
		}
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR) {
			errno = EINTR;
			return -1;
		}
		if (nlh->nlmsg_type >= NLMSG_MIN_TYPE) {
			if (cb_data)
				ret = cb_data(nlh, data);
		} else if (nlh->nlmsg_type < cb_ctl_array_len) {
			if (cb_ctl_array && cb_ctl_array[nlh->nlmsg_type])
				ret = cb_ctl_array[nlh->nlmsg_type](nlh, data);
		} else {
			ret = ctl_default(nlh, data);
		}
		if (ret <= MNL_CB_STOP)
			return ret;
		len -= MNL_ALIGN(nlh->nlmsg_len);
		nlh = (const struct nlmsghdr *)((const char *)nlh +
						MNL_ALIGN(nlh->nlmsg_len));
	}
	return ret;
}

int mnl_cb_run(const void *buf, size_t numbytes, unsigned int seq,
	       unsigned int portid, mnl_cb_t cb_data, void *data)
{
	return mnl_cb_run2(buf, numbytes, seq, portid, cb_data, data, NULL, 0);
}
