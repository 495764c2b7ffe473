/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * v6gw: the IPv6-only gateway, generic netlink API.
 *
 * This header is the contract between the v6gw kernel module and every
 * userspace program that talks to it. Numbers defined here are never
 * reassigned: new commands, attributes and counters are only appended.
 *
 * Family and transport
 * --------------------
 * Generic netlink family V6GW_GENL_NAME, version V6GW_GENL_VERSION. The
 * module is auto-loaded when a program resolves the family by name
 * (MODULE_ALIAS_GENL_FAMILY). The family is network-namespace aware: every
 * request acts on the network namespace of the netlink socket it arrives on,
 * and all state (configuration, tables, counters, hooks) is per namespace.
 *
 * Every command requires CAP_NET_ADMIN in the user namespace that owns the
 * target network namespace (GENL_UNS_ADMIN_PERM); without it the request
 * fails with -EPERM.
 *
 * Validation is strict: unknown attributes, attributes of the wrong type or
 * length, and unknown flag bits are rejected with -EINVAL (or -ERANGE for an
 * out-of-range value). Every rejection carries an extended ACK message
 * (NLMSGERR_ATTR_MSG) and, where one attribute is at fault, its offset
 * (NLMSGERR_ATTR_OFFS). Nested attributes must carry NLA_F_NESTED.
 *
 * Addresses are binary in network byte order: IPv6 addresses are 16 bytes,
 * IPv4 addresses 4 bytes. Prefix lengths are u8.
 *
 * Commands
 * --------
 * V6GW_CMD_STATS_GET (do)
 *   Request: no attributes.
 *   Reply:   V6GW_A_STATS, a nest whose attribute types are enum v6gw_stat
 *            values and whose payloads are u64 counters (NLA_U64), summed
 *            over all CPUs. A counter that is zero may be omitted. A
 *            program must skip counter types it does not know.
 *
 * V6GW_CMD_SIIT_PREFIX_NEW (do)
 *   Request: V6GW_A_PREFIX (nest, enum v6gw_prefix_attr), required.
 *   Sets the RFC 6052 translation prefix ("pool6") of the stateless
 *   translator. Valid lengths are 32, 40, 48, 56, 64 and 96; bits beyond
 *   the length must be zero, and so must bits 64..71 (the "u" octet) of
 *   the prefix. One prefix per namespace: -EEXIST if one is set already.
 *   Configuring a prefix registers the namespace's netfilter hooks.
 *   Multicast: V6GW_CMD_SIIT_PREFIX_NEW on V6GW_MCGRP_CONFIG.
 *
 * V6GW_CMD_SIIT_PREFIX_DEL (do)
 *   Request: V6GW_A_PREFIX, required; must equal the configured prefix,
 *   otherwise -ENOENT. When nothing else is configured the namespace's
 *   hooks are unregistered.
 *   Multicast: V6GW_CMD_SIIT_PREFIX_DEL on V6GW_MCGRP_CONFIG.
 *
 * V6GW_CMD_SIIT_PREFIX_GET (dump)
 *   Request: no attributes. Reply: one message per prefix, each with
 *   V6GW_A_PREFIX.
 *
 * Multicast groups
 * ----------------
 * V6GW_MCGRP_CONFIG ("config"): a copy of every successful configuration
 *   change, sent in the namespace it happened in, with the command and
 *   attributes of the request that made it.
 */
#ifndef _UAPI_LINUX_V6GW_H
#define _UAPI_LINUX_V6GW_H

#define V6GW_GENL_NAME		"v6gw"
#define V6GW_GENL_VERSION	1

#define V6GW_MCGRP_CONFIG	"config"

enum v6gw_cmd {
	V6GW_CMD_UNSPEC,
	V6GW_CMD_STATS_GET,
	V6GW_CMD_SIIT_PREFIX_NEW,
	V6GW_CMD_SIIT_PREFIX_DEL,
	V6GW_CMD_SIIT_PREFIX_GET,

	__V6GW_CMD_MAX
};
#define V6GW_CMD_MAX (__V6GW_CMD_MAX - 1)

/* Top-level attributes of every command. */
enum v6gw_attr {
	V6GW_A_UNSPEC,
	V6GW_A_STATS,		/* nest: enum v6gw_stat -> u64 */
	V6GW_A_PREFIX,		/* nest: enum v6gw_prefix_attr */

	__V6GW_A_MAX
};
#define V6GW_A_MAX (__V6GW_A_MAX - 1)

/* An IPv6 prefix. */
enum v6gw_prefix_attr {
	V6GW_PREFIX_A_UNSPEC,
	V6GW_PREFIX_A_ADDR,	/* binary, 16 bytes: the prefix, host bits zero */
	V6GW_PREFIX_A_LEN,	/* u8: prefix length */

	__V6GW_PREFIX_A_MAX
};
#define V6GW_PREFIX_A_MAX (__V6GW_PREFIX_A_MAX - 1)

/*
 * Counters, per namespace, in V6GW_A_STATS. Each is a u64 summed over CPUs
 * and counts packets unless its comment says otherwise. Drop counters are
 * named V6GW_STAT_DROP_*; every packet v6gw drops is counted in exactly one
 * of them.
 */
enum v6gw_stat {
	V6GW_STAT_UNSPEC,
	V6GW_STAT_IPV6_IN,	/* IPv6 packets inspected by the hooks */
	V6GW_STAT_IPV4_IN,	/* IPv4 packets inspected by the hooks */
	V6GW_STAT_IPV6_PASS,	/* IPv6 packets left to the stack untouched */
	V6GW_STAT_IPV4_PASS,	/* IPv4 packets left to the stack untouched */

	__V6GW_STAT_MAX
};
#define V6GW_STAT_MAX (__V6GW_STAT_MAX - 1)

#endif /* _UAPI_LINUX_V6GW_H */
