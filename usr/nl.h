/* SPDX-License-Identifier: GPL-2.0 */
/*
 * v6gw: all netlink I/O. One generic netlink socket talking to the v6gw
 * family, which nl_open() resolves (id, version, multicast groups).
 *
 * Every function here that can fail prints the reason (the kernel's extack
 * message when there is one) and returns -1; callers just return CLI_FAIL.
 */
#ifndef V6GW_NL_H
#define V6GW_NL_H

#include <stdbool.h>
#include <stdint.h>
#include <libmnl/libmnl.h>

#include "utils.h"

struct nl;

int nl_open(struct nl **nlp);
void nl_close(struct nl *nl);

unsigned int nl_family_version(const struct nl *nl);
uint32_t nl_mcgrp_id(const struct nl *nl, const char *name);

/*
 * Start a request for @cmd in the socket's send buffer. @flags is 0 for a
 * "do" (an ACK is always asked for) or NLM_F_DUMP. Put attributes with the
 * nl_put_*() helpers or mnl_attr_put_*_check(..., NL_MSG_SIZE, ...).
 */
#define NL_MSG_SIZE 8192
struct nlmsghdr *nl_msg(struct nl *nl, uint8_t cmd, uint16_t flags);

/*
 * Send @nlh and read until the ACK (do) or NLMSG_DONE (dump), calling @cb
 * for each v6gw message received. @cb returns MNL_CB_OK, or MNL_CB_ERROR
 * with errno set (EBADMSG for malformed input); the rest of the reply is
 * then drained so that the socket can be reused.
 */
int nl_talk(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data);

/* The sequence number of the last request sent. */
uint32_t nl_seq(const struct nl *nl);

/*
 * When set, an extack message "seq N: TEXT" (a failed transaction
 * commit) is reported as TEXT after nl_seq_hook(N) has run, so that a
 * batch can name the line that sent request N.
 */
extern void (*nl_seq_hook)(uint32_t seq);

/*
 * Collect the attributes of a v6gw message or of a nest into tb[0..max].
 * Types above @max are ignored; nothing is validated beyond the TLV
 * framing. Return MNL_CB_OK, or MNL_CB_ERROR with errno = EBADMSG.
 */
int nl_parse(const struct nlmsghdr *nlh, const struct nlattr **tb,
	     unsigned int max);
int nl_parse_nested(const struct nlattr *nest, const struct nlattr **tb,
		    unsigned int max);

/*
 * Request building. Each helper prints "request too long" and returns -1
 * (NULL) when the attribute does not fit in NL_MSG_SIZE. nl_nest_start()
 * sets NLA_F_NESTED, which the kernel requires.
 */
struct nlattr *nl_nest_start(struct nlmsghdr *nlh, uint16_t type);
void nl_nest_end(struct nlmsghdr *nlh, struct nlattr *nest);
int nl_put_u8(struct nlmsghdr *nlh, uint16_t type, uint8_t v);
int nl_put_u16(struct nlmsghdr *nlh, uint16_t type, uint16_t v);
int nl_put_u32(struct nlmsghdr *nlh, uint16_t type, uint32_t v);
/* @size bytes of @data, e.g. a binary address */
int nl_put_binary(struct nlmsghdr *nlh, uint16_t type, const void *data,
		  size_t size);

/*
 * A V6GW_A_PREFIX-style nest (enum v6gw_prefix_attr), and its IPv4 twin
 * (enum v6gw_prefix4_attr). The nl_get_*() are meant for callbacks: they
 * print nothing and fail with errno = EBADMSG.
 */
int nl_put_prefix6(struct nlmsghdr *nlh, uint16_t type,
		   const struct prefix6 *p);
int nl_get_prefix6(const struct nlattr *nest, struct prefix6 *p);
int nl_put_prefix4(struct nlmsghdr *nlh, uint16_t type,
		   const struct prefix4 *p);
int nl_get_prefix4(const struct nlattr *nest, struct prefix4 *p);

/*
 * Scalars in callbacks: true if @attr is present and valid (and, for
 * nl_get_u16(), at most @max); *@v then holds its value.
 */
bool nl_get_u8(const struct nlattr *attr, uint8_t *v);
bool nl_get_u16(const struct nlattr *attr, uint16_t max, uint16_t *v);
bool nl_get_u32(const struct nlattr *attr, uint32_t *v);
/* Exactly @size bytes (an address) into @data. */
bool nl_get_binary(const struct nlattr *attr, void *data, size_t size);

/*
 * Join the multicast @groups (names, see the uapi header) and call @cb for
 * every v6gw message that arrives, until an error (printed; returns -1).
 * A receive buffer overrun is reported and listening goes on.
 */
int nl_listen(struct nl *nl, const char *const *groups, unsigned int n,
	      mnl_cb_t cb, void *data);

#endif /* V6GW_NL_H */
