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
 *            program must cope with counter types it does not know (newer
 *            modules add some) and skip type 0 (V6GW_STAT_UNSPEC), which
 *            is alignment padding.
 *
 * V6GW_CMD_SIIT_PREFIX_NEW (do)
 *   Request: V6GW_A_PREFIX (nest, enum v6gw_prefix_attr), required.
 *   Sets the RFC 6052 translation prefix ("pool6") of the stateless
 *   translator. Valid lengths are 32, 40, 48, 56, 64 and 96; bits beyond
 *   the length must be zero, and so must bits 64..71 (the "u" octet) of
 *   the prefix. One prefix per namespace: -EEXIST if one is set already.
 *   The first prefix or EAM entry registers the namespace's netfilter
 *   hooks.
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
 * V6GW_CMD_SIIT_EAM_NEW (do)
 *   Request: V6GW_A_EAM (nest, enum v6gw_eam_attr), required: one Explicit
 *   Address Mapping (RFC 7757) between an IPv6 prefix and an IPv4 prefix.
 *   The IPv6 suffix (128 - length) must be at least as long as the IPv4
 *   suffix (32 - length). No two entries may have the same IPv4 prefix or
 *   the same IPv6 prefix (-EEXIST); a full table is -ENOSPC (at most
 *   16M entries); overlapping prefixes of different
 *   lengths are allowed, the longest match wins. Entries take precedence
 *   over the RFC 6052 prefix in both directions.
 *   Multicast: the same command on V6GW_MCGRP_CONFIG.
 *
 * V6GW_CMD_SIIT_EAM_DEL (do)
 *   Request: V6GW_A_EAM with both prefixes, equal to an existing entry,
 *   otherwise -ENOENT.
 *
 * V6GW_CMD_SIIT_EAM_GET (dump)
 *   Reply: one message per entry, each with V6GW_A_EAM, in a stable order
 *   (by IPv4 prefix).
 *
 * V6GW_CMD_SIIT_DENY_NEW, V6GW_CMD_SIIT_DENY_DEL (do),
 * V6GW_CMD_SIIT_DENY_GET (dump)
 *   V6GW_A_PREFIX4 (nest, enum v6gw_prefix4_attr): an IPv4 prefix whose
 *   addresses are never translated through the RFC 6052 prefix (EAM
 *   entries still apply). -EEXIST / -ENOENT as for EAM.
 *
 * V6GW_CMD_SIIT_SET (do)
 *   Request: V6GW_A_SIIT (nest, enum v6gw_siit_attr) with any subset of
 *   the settings; absent ones are unchanged. All are validated before any
 *   is applied.
 *
 * V6GW_CMD_SIIT_GET (do)
 *   Reply: V6GW_A_SIIT with every setting (RFC 6791 pools only when set).
 *
 * Translation happens in a namespace while it has a RFC 6052 prefix or at
 * least one EAM entry.
 *
 * Stateful NAT64 (RFC 6146)
 * -------------------------
 * IPv6 packets whose destination is inside a NAT64 prefix, and IPv4
 * packets whose destination address and port (ICMP: query identifier) lie
 * in pool4, are translated by the stateful translator; every other packet
 * is left to the stateless one (SIIT) or to the stack. NAT64 prefixes must
 * not overlap the SIIT prefix or each other, so SIIT and NAT64 work side by
 * side in one namespace. NAT64 is active in a namespace while it has a
 * prefix and at least one pool4 entry or static BIB entry.
 *
 * Mapping is endpoint-independent (RFC 4787, RFC 5382): the BIB (binding
 * information base, one per protocol) binds an IPv6 transport address
 * (X', x) to one IPv4 transport address (T, t) of pool4 for every
 * destination. Each flow has a session: (X', x) <-> (Y', y) on the IPv6
 * side, (T, t) <-> (Y, y) on the IPv4 side, Y' being Y under a NAT64
 * prefix. A dynamic BIB entry lives as long as it has sessions; static
 * ones (V6GW_CMD_NAT64_BIB_NEW) until deleted.
 *
 * V6GW_CMD_NAT64_PREFIX_NEW, V6GW_CMD_NAT64_PREFIX_DEL (do),
 * V6GW_CMD_NAT64_PREFIX_GET (dump)
 *   V6GW_A_PREFIX, required: an RFC 6052 prefix (lengths 32, 40, 48, 56,
 *   64, 96; the "u" octet zero). At most V6GW_NAT64_PREFIXES_MAX of them;
 *   IPv4-initiated sessions use the first one added. -EEXIST for a prefix
 *   configured already, -EINVAL (with an extack message) for one that
 *   overlaps another NAT64 prefix or the SIIT prefix, -ENOSPC when full,
 *   -ENOENT to delete one that is not there. Deleting a prefix removes
 *   the sessions through it.
 *
 * V6GW_CMD_NAT64_POOL4_NEW, V6GW_CMD_NAT64_POOL4_DEL (do),
 * V6GW_CMD_NAT64_POOL4_GET (dump)
 *   V6GW_A_POOL4 (nest, enum v6gw_pool4_attr), required: IPv4 addresses
 *   (a prefix, /24 or longer) with a port range, for one protocol or
 *   (PROTO absent) for TCP, UDP and ICMP alike. The default range is
 *   1..65535 (ICMP: 0..65535). An entry may not overlap another one of
 *   the same protocol (-EEXIST). DEL takes the same attributes as NEW
 *   and removes the entries they name (-ENOENT when none); sessions whose
 *   IPv4 transport address leaves pool4 are removed, static BIB entries
 *   stay. At most V6GW_NAT64_POOL4_MAX entries per protocol.
 *
 * V6GW_CMD_NAT64_BIB_NEW, V6GW_CMD_NAT64_BIB_DEL (do),
 * V6GW_CMD_NAT64_BIB_GET (dump)
 *   V6GW_A_BIB (nest, enum v6gw_bib_attr). NEW adds a static entry: PROTO,
 *   ADDR6, PORT6, ADDR4, PORT4 all required; ADDR4 must be a pool4
 *   address of that protocol. -EEXIST when either side is bound already.
 *   DEL: PROTO and either side (or both, which must then match).
 *   Dynamic entries may be deleted too; their sessions go with them.
 *   GET dumps every entry, or those of PROTO when the request carries a
 *   V6GW_A_BIB nest with it; entries carry V6GW_BIB_A_STATIC.
 *
 * V6GW_CMD_NAT64_SESSION_GET (dump)
 *   Request: optionally V6GW_A_SESSION (nest, enum v6gw_session_attr)
 *   with filters: PROTO; ADDR6 (matches the session's X' or Y'); ADDR4
 *   (matches T or Y). Reply: one message per session, V6GW_A_SESSION
 *   with every attribute. The dump streams in constant memory: sessions
 *   created or removed while it runs may be missed or shown twice.
 *
 * V6GW_CMD_NAT64_SESSION_DEL (do)
 *   Flush: removes every session (and the dynamic BIB entries), or those
 *   of V6GW_SESSION_A_PROTO when given.
 *
 * V6GW_CMD_NAT64_SET (do), V6GW_CMD_NAT64_GET (do)
 *   V6GW_A_NAT64 (nest, enum v6gw_nat64_attr): the settings; SET changes
 *   those present (validated together first). GET also reports the
 *   number of BIB entries and sessions per protocol. Timeouts are in
 *   seconds and apply to existing sessions from their next packet.
 *
 * Data-path events (V6GW_MCGRP_EVENTS)
 *   V6GW_CMD_NAT64_EVENT messages with V6GW_A_NAT64_EVENT (nest, enum
 *   v6gw_nat64_event_attr), at most one per type, protocol and second:
 *   pool4 exhausted for a protocol, session limit reached.
 *
 * Router Advertisement option injection (RFC 8106, RFC 8781)
 * ------------------------------------------------------------
 * A rule on an interface adds RDNSS, DNSSL and PREF64 options to every
 * Router Advertisement that leaves it: ICMPv6 type 134 code 0, hop limit
 * 255, a link-local source, no extension headers. That covers RAs the box
 * sends through its IPv6 stack (radvd, odhcpd, systemd-networkd: raw
 * ICMPv6 sockets; netfilter's IPv6 LOCAL_OUT) and RAs a bridge forwards
 * or floods out of a port that carries the rule (the bridge family's
 * FORWARD and LOCAL_OUT hooks; br_netfilter is not needed). Frames
 * written to a packet socket bypass both and are not rewritten. While a
 * namespace has a rule, its locally sent IPv6 packets and bridged frames
 * pay one test each; routed (forwarded) packets pass no RA hook at all.
 *
 * Options are appended after the RA's own; the IPv6 payload length and
 * the ICMPv6 checksum are recomputed. In mode ADD the RA's options are
 * kept and nothing already announced is repeated: an RDNSS address or a
 * DNSSL name (compared without regard to case) the RA carries already,
 * or a PREF64 option with the same prefix, is left out (an option with
 * nothing left is not added). In mode REPLACE the RA's options of each
 * type the rule sets (25 RDNSS, 31 DNSSL, 38 PREF64) are removed first.
 *
 * Lifetimes: V6GW_RA_A_LIFETIME when given (0 withdraws, 0xffffffff is
 * infinity; PREF64 carries it scaled to units of 8 s, rounded up, at most
 * 65528 s). Otherwise the RA's Router Lifetime when it is not zero (by
 * default 3 x MaxRtrAdvInterval, RFC 4861 6.2.1, which is what RFC 8106
 * 5.1 and RFC 8781 4.1 ask the options' lifetimes to be at least), and
 * 1800 s (3 x the default MaxRtrAdvInterval of 600 s) in an RA whose
 * Router Lifetime is 0.
 *
 * An RA is sent on unchanged, and counted, when it is malformed
 * (V6GW_STAT_RA_MALFORMED: bad checksum, hop limit, source, code or
 * lengths, an option of length 0 or past the end), when the result would
 * exceed the interface's MTU (V6GW_STAT_RA_TOO_BIG) or when memory for
 * the larger packet is short (V6GW_STAT_RA_NOMEM). No packet is dropped.
 *
 * V6GW_CMD_RA_SET (do)
 *   V6GW_A_RA (nest, enum v6gw_ra_attr): IFINDEX required, and at least
 *   one of RDNSS, DNSSL and PREF64. Creates the interface's rule or
 *   replaces it whole. At most V6GW_RA_RULES_MAX rules per namespace
 *   (-ENOSPC); -ENODEV for an interface that does not exist.
 *   Multicast: V6GW_CMD_RA_SET on V6GW_MCGRP_CONFIG.
 *
 * V6GW_CMD_RA_DEL (do)
 *   V6GW_A_RA with IFINDEX: removes the rule (-ENOENT when none).
 *   Multicast: V6GW_CMD_RA_DEL on V6GW_MCGRP_CONFIG, also when a rule is
 *   removed because its interface went away (unregistered or moved to
 *   another namespace); that message carries IFINDEX and IFNAME.
 *
 * V6GW_CMD_RA_GET (dump)
 *   One message per rule: V6GW_A_RA with IFINDEX, IFNAME and the rule's
 *   attributes (LIFETIME only when set).
 *
 * DHCPv6 prefix delegation routes (RFC 8415, RFC 8987)
 * ---------------------------------------------------
 * A table of delegated prefixes, each routed to the requesting router
 * that holds it: a real route in the namespace's main table, protocol
 * RTPROT_DHCP ("proto dhcp" in ip -6 route), metric 1024, via the router's
 * link-local address on an interface. v6gw installs the route when a
 * delegation is added and removes it when the valid lifetime ends, on
 * delete and flush, and when the module leaves the namespace; when the
 * interface goes away, the kernel drops the route and v6gw the delegation.
 * A renewal (the same prefix, router and interface) only extends the
 * lifetimes; the same prefix with another router or interface moves the
 * route. Expiry runs once a second and looks only at what came due.
 *
 * Snooping: on an interface with snooping on, DHCPv6 messages (UDP port
 * 547 to 546 or 547) are read, never changed: a Reply (type 7) leaving
 * the interface with IA_PD / IAPREFIX options adds or renews a delegation
 * of each prefix via the Reply's destination, with the IAPREFIX
 * lifetimes; a Relay-Reply (type 13, RFC 8987) the same via the peer
 * address of the relay message that carries the Reply. An IAPREFIX with
 * a valid lifetime of 0 removes the delegation; so does a Release (type 8)
 * arriving on the interface from the router that holds the prefix. A
 * message whose top-level status is not Success changes nothing.
 * Malformed DHCPv6 is passed on and counted (V6GW_STAT_PD_MALFORMED).
 * Routes are changed from a work queue, not in the packet path: at most
 * V6GW_PD_QUEUE_MAX changes wait, more are counted and lost
 * (V6GW_STAT_PD_QUEUE_FULL) until the client's next renewal.
 *
 * V6GW_CMD_PD_NEW (do)
 *   V6GW_A_PD (nest, enum v6gw_pd_attr): PREFIX, VIA (link-local) and
 *   IFINDEX required; VALID and PREFERRED optional (default 0xffffffff,
 *   infinite; PREFERRED may not exceed VALID, and is only reported).
 *   Adds the delegation or renews it (see above). At most V6GW_PD_MAX
 *   delegations per namespace by default (the module parameter
 *   max_delegations sets another limit, 1 to 16777216): a new one past it
 *   is refused (-ENOSPC, "the delegation table is full"), counted in
 *   V6GW_STAT_PD_TABLE_FULL and reported as a REFUSED event; so is a
 *   snooped one. Renewals, moves and removals of existing delegations go
 *   on. The route is in place when the request returns; its error (from
 *   the routing code) is returned as it is.
 *
 * V6GW_CMD_PD_DEL (do)
 *   V6GW_A_PD with PREFIX: removes the delegation and its route (-ENOENT
 *   when there is none).
 *
 * V6GW_CMD_PD_FLUSH (do)
 *   No attributes: removes every delegation and route.
 *
 * V6GW_CMD_PD_GET (dump)
 *   One message per delegation: V6GW_A_PD with PREFIX, VIA, IFINDEX,
 *   IFNAME, VALID and PREFERRED (seconds left; 0xffffffff infinite),
 *   VALID_UNTIL and PREFERRED_UNTIL (absolute, Unix time, absent when
 *   infinite), ORIGIN. What `v6gw save` records, so that a restore brings
 *   back the remaining lifetime.
 *
 * V6GW_CMD_PD_SNOOP_SET (do), V6GW_CMD_PD_SNOOP_GET (dump)
 *   V6GW_A_PD_SNOOP (nest, enum v6gw_pd_snoop_attr): IFINDEX and ENABLE
 *   (u8 0/1) to set; the dump gives IFINDEX and IFNAME of every snooped
 *   interface. Snooping stops when its interface goes away.
 *
 * Events (V6GW_MCGRP_EVENTS)
 *   V6GW_CMD_PD_EVENT: V6GW_A_PD with EVENT and what a dump carries
 *   (PREFIX, VIA, IFINDEX, IFNAME while the interface exists, VALID and
 *   PREFERRED left, their Unix times, ORIGIN), for every delegation added,
 *   renewed, expired or removed (by delete, flush, a move, a snooped
 *   release or its interface), and refused (the table full: the
 *   delegation asked for, never in the table).
 *
 * 464XLAT CLAT (RFC 6877)
 * -----------------------
 * The customer-side translator of 464XLAT: stateless translation (the
 * SIIT engine, RFC 7915) of an IPv4 island's packets toward the PLAT, the
 * provider's stateful NAT64. One CLAT per namespace. An island host
 * a.b.c.d (inside the CLAT's IPv4 prefix) is represented on the IPv6 side
 * by the CLAT's IPv6 prefix with a.b.c.d in its last 32 bits (an RFC 7757
 * EAM entry of the two prefixes); every other IPv4 address maps through
 * the PLAT's RFC 6052 prefix.
 * The CLAT takes an IPv4 packet whose source is inside its IPv4 prefix
 * and whose destination is outside it, not an address of this namespace,
 * and mappable through the PLAT prefix; and an IPv6 packet whose
 * destination is in the island's IPv6 range (the IPv6 prefix plus the
 * IPv4 prefix's bits). NAT64 comes first (its prefixes and pool4
 * addresses: a router's own addresses in pool4 belong to NAT64), then the
 * CLAT, then SIIT. ICMPv6 errors from IPv6 routers (no IPv4 mapping) are
 * translated with the source 192.0.0.8, the IPv4 dummy address (RFC
 * 7600).
 *
 * The PLAT prefix is configured (V6GW_CLAT_A_PLAT) or learned
 * (V6GW_CLAT_A_PLAT_IFINDEX): from the PREF64 option (RFC 8781) of Router
 * Advertisements received on that interface. The first valid PREF64 of
 * each RA counts; its lifetime is honoured (the prefix is withdrawn when
 * it ends without a new RA, or at once with lifetime 0) and a different
 * prefix replaces the old one at once (flows keep their island addresses;
 * only the mapping of IPv4 destinations changes, RFC 8781 section 5).
 * While no prefix is known the CLAT translates nothing (the island's
 * packets go on untranslated, as without a CLAT). A prefix that overlaps
 * the CLAT's IPv6 prefix is ignored.
 *
 * Host-local CLAT (V6GW_CLAT_A_HOST 1): the island is this host itself,
 * for IPv4 that its own programs send (an IPv4-only application on an
 * IPv6-only host). v6gw creates an IPv4-only virtual device named
 * "v6gw-clat" in the namespace, up, with the
 * island's first host address (PREFIX4 + 1 with PREFIX4's length; the
 * prefix itself for a /31 or /32: 192.0.0.0/29 gives 192.0.0.1/29, RFC
 * 7335) and an IPv4 default route through it with metric 2048
 * (V6GW_CLAT_HOST_METRIC: a native IPv4 default route, of a lower metric,
 * wins). What the host sends through it is translated at once, in the
 * device's transmit function, by the same path as a router CLAT's packets
 * (no PRE_ROUTING pass); replies are translated in the IPv6 hook and
 * delivered to the local address. The device's MTU is 1472 (1500 less
 * the IPv6 header and a Fragment header over the IPv4 header); change it
 * with ip-link. IPv4 packets it cannot translate (no PLAT prefix known, a
 * destination that does not map, a source outside the island) are
 * dropped and counted in V6GW_STAT_DROP_CLAT_HOST; other frames (IPv6)
 * are dropped and counted in the device's tx_dropped. PREFIX6 plus the
 * address must reach this host: a prefix routed to it (DHCPv6-PD) or, on
 * the uplink's /64, that address added to the uplink (the kernel then
 * answers Neighbor Solicitations for it; the CLAT takes its packets
 * before local delivery). The device goes with the CLAT (V6GW_CMD_CLAT_DEL
 * or a set without HOST) and with the namespace; ip-link cannot delete it
 * or move it to another namespace. It is set up right after the CLAT is
 * in place, before the request returns.
 *
 * V6GW_CMD_CLAT_SET (do)
 *   Request: V6GW_A_CLAT, required, with V6GW_CLAT_A_PREFIX4 (the island,
 *   host bits zero), V6GW_CLAT_A_PREFIX6 (length at most 96, host bits
 *   zero), and exactly one of V6GW_CLAT_A_PLAT (an RFC 6052 prefix) and
 *   V6GW_CLAT_A_PLAT_IFINDEX (an interface of the namespace); optional
 *   V6GW_CLAT_A_HOST (u8, 0 or 1, default 0: the host-local CLAT above).
 *   Replaces the CLAT configuration whole (set again to change it); a
 *   prefix learned on the same interface is kept.
 *   -EINVAL (with an extack) when an attribute is missing or a prefix is
 *   invalid; -ENODEV when the interface does not exist; -EEXIST when
 *   HOST is asked and another device is named "v6gw-clat".
 *   Multicast: V6GW_CMD_CLAT_SET on V6GW_MCGRP_CONFIG.
 *
 * V6GW_CMD_CLAT_DEL (do)
 *   No attributes. Removes the CLAT; -ENOENT when there is none.
 *   Multicast: V6GW_CMD_CLAT_DEL on V6GW_MCGRP_CONFIG.
 *
 * V6GW_CMD_CLAT_GET (do)
 *   No attributes. Reply: V6GW_A_CLAT with PREFIX4, PREFIX6, PLAT (when
 *   configured or learned), PLAT_IFINDEX and PLAT_LIFETIME (when learned:
 *   seconds left), HOST (u8 1, host-local CLATs only) and HOST_IFINDEX
 *   (the device, once it is set up); no attribute when no CLAT is
 *   configured.
 *
 * V6GW_CMD_CLAT_EVENT, on V6GW_MCGRP_EVENTS: a learned PLAT prefix
 *   appeared, changed or was withdrawn: V6GW_A_CLAT with EVENT (enum
 *   v6gw_clat_event), PLAT_IFINDEX, and PLAT with PLAT_LIFETIME unless
 *   withdrawn. Lifetime refreshes of the same prefix are not events.
 *
 * Transactions (atomic batches)
 * -----------------------------
 * A program can change the configuration of a namespace all at once: it
 * opens a transaction, sends ordinary configuration requests, and commits.
 * Until the commit the requests change a staged copy that the data path
 * never sees; the commit puts the whole of it in place, or none of it.
 * `v6gw -b FILE` works this way.
 *
 * V6GW_CMD_TXN_BEGIN (do)
 *   No attributes. Opens the namespace's transaction, owned by the
 *   requesting netlink socket (its port ID). One at a time per namespace:
 *   -EBUSY while another socket has one open. From then on:
 *   - the owner's configuration requests (SIIT_*_NEW/DEL/SET,
 *     NAT64_PREFIX/POOL4/BIB_NEW/DEL, NAT64_SET, RA_SET/DEL, PD_NEW/DEL/
 *     FLUSH, PD_SNOOP_SET, CLAT_SET/DEL, FLUSH) are checked as usual
 *     against the staged configuration and change only that; a refused
 *     request changes nothing and leaves the transaction open. PD
 *     requests are checked (interface, lifetimes) and queued; they run
 *     at the commit.
 *     NAT64_SESSION_DEL (state, not configuration) is refused (-EBUSY).
 *   - configuration requests of every other socket fail with -EBUSY;
 *     reads (GET, dumps) of everyone show the running configuration.
 *   - nothing is multicast on V6GW_MCGRP_CONFIG until the commit.
 *   The transaction ends with COMMIT or ABORT, or is dropped (as ABORT)
 *   when its socket closes or the namespace goes away.
 *
 * V6GW_CMD_TXN_COMMIT (do)
 *   No attributes. Puts the staged configuration in place: queued PD
 *   changes first, then RA rules, snooping and static BIB entries, then
 *   the CLAT, SIIT and NAT64 configurations, each replaced as one RCU
 *   pointer.
 *   NAT64 sessions (and dynamic BIB entries) stay when the new
 *   configuration still covers them: their NAT64 prefix and pool4
 *   address and port are in it (sessions of static BIB entries need only
 *   the prefix). If a step fails (a PD route the routing code refuses, an
 *   interface deleted meanwhile, no memory), the steps done are undone,
 *   the transaction ends and the error is returned, with an extack
 *   message "seq N: REASON" naming the request (by its nlmsg_seq) whose
 *   change failed. Config notifications of the staged requests are sent
 *   after a successful commit, in order.
 *
 * V6GW_CMD_TXN_ABORT (do)
 *   No attributes. Drops the staged configuration; -ENOENT when the
 *   socket has no transaction open.
 *
 * V6GW_CMD_FLUSH (do)
 *   No attributes. Removes the whole configuration of the namespace: SIIT
 *   (prefix, EAM, denylist, settings back to their defaults), NAT64
 *   (prefixes, pool4, static BIB entries, settings), RA rules, PD
 *   snooping and the CLAT. Not PD delegations (state with lifetimes:
 *   PD_FLUSH) nor counters. Outside a transaction it applies at once,
 *   as a transaction of its own; at the start of a transaction followed
 *   by a whole saved configuration it makes a restore that replaces the
 *   running one (`v6gw save` files begin with it), and sessions the new
 *   configuration still covers survive.
 *
 * Multicast groups
 * ----------------
 * V6GW_MCGRP_CONFIG ("config"): a copy of every successful configuration
 *   change, sent in the namespace it happened in, with the command and
 *   attributes of the request that made it.
 * V6GW_MCGRP_EVENTS ("events"): data-path events, see above.
 */
#ifndef _UAPI_LINUX_V6GW_H
#define _UAPI_LINUX_V6GW_H

#define V6GW_GENL_NAME		"v6gw"
#define V6GW_GENL_VERSION	1

#define V6GW_MCGRP_CONFIG	"config"
#define V6GW_MCGRP_EVENTS	"events"

enum v6gw_cmd {
	V6GW_CMD_UNSPEC,
	V6GW_CMD_STATS_GET,
	V6GW_CMD_SIIT_PREFIX_NEW,
	V6GW_CMD_SIIT_PREFIX_DEL,
	V6GW_CMD_SIIT_PREFIX_GET,
	V6GW_CMD_SIIT_EAM_NEW,
	V6GW_CMD_SIIT_EAM_DEL,
	V6GW_CMD_SIIT_EAM_GET,
	V6GW_CMD_SIIT_DENY_NEW,
	V6GW_CMD_SIIT_DENY_DEL,
	V6GW_CMD_SIIT_DENY_GET,
	V6GW_CMD_SIIT_SET,
	V6GW_CMD_SIIT_GET,
	V6GW_CMD_NAT64_PREFIX_NEW,
	V6GW_CMD_NAT64_PREFIX_DEL,
	V6GW_CMD_NAT64_PREFIX_GET,
	V6GW_CMD_NAT64_POOL4_NEW,
	V6GW_CMD_NAT64_POOL4_DEL,
	V6GW_CMD_NAT64_POOL4_GET,
	V6GW_CMD_NAT64_BIB_NEW,
	V6GW_CMD_NAT64_BIB_DEL,
	V6GW_CMD_NAT64_BIB_GET,
	V6GW_CMD_NAT64_SESSION_GET,
	V6GW_CMD_NAT64_SESSION_DEL,
	V6GW_CMD_NAT64_SET,
	V6GW_CMD_NAT64_GET,
	V6GW_CMD_NAT64_EVENT,
	V6GW_CMD_RA_SET,
	V6GW_CMD_RA_DEL,
	V6GW_CMD_RA_GET,
	V6GW_CMD_PD_NEW,
	V6GW_CMD_PD_DEL,
	V6GW_CMD_PD_FLUSH,
	V6GW_CMD_PD_GET,
	V6GW_CMD_PD_SNOOP_SET,
	V6GW_CMD_PD_SNOOP_GET,
	V6GW_CMD_PD_EVENT,
	V6GW_CMD_TXN_BEGIN,
	V6GW_CMD_TXN_COMMIT,
	V6GW_CMD_TXN_ABORT,
	V6GW_CMD_FLUSH,
	V6GW_CMD_CLAT_SET,
	V6GW_CMD_CLAT_DEL,
	V6GW_CMD_CLAT_GET,
	V6GW_CMD_CLAT_EVENT,

	__V6GW_CMD_MAX
};
#define V6GW_CMD_MAX (__V6GW_CMD_MAX - 1)

/* Top-level attributes of every command. */
enum v6gw_attr {
	V6GW_A_UNSPEC,
	V6GW_A_STATS,		/* nest: enum v6gw_stat -> u64 */
	V6GW_A_PREFIX,		/* nest: enum v6gw_prefix_attr */
	V6GW_A_PREFIX4,		/* nest: enum v6gw_prefix4_attr */
	V6GW_A_EAM,		/* nest: enum v6gw_eam_attr */
	V6GW_A_SIIT,		/* nest: enum v6gw_siit_attr */
	V6GW_A_POOL4,		/* nest: enum v6gw_pool4_attr */
	V6GW_A_BIB,		/* nest: enum v6gw_bib_attr */
	V6GW_A_SESSION,		/* nest: enum v6gw_session_attr */
	V6GW_A_NAT64,		/* nest: enum v6gw_nat64_attr */
	V6GW_A_NAT64_EVENT,	/* nest: enum v6gw_nat64_event_attr */
	V6GW_A_RA,		/* nest: enum v6gw_ra_attr */
	V6GW_A_PD,		/* nest: enum v6gw_pd_attr */
	V6GW_A_PD_SNOOP,	/* nest: enum v6gw_pd_snoop_attr */
	V6GW_A_CLAT,		/* nest: enum v6gw_clat_attr */

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

/* An IPv4 prefix. */
enum v6gw_prefix4_attr {
	V6GW_PREFIX4_A_UNSPEC,
	V6GW_PREFIX4_A_ADDR,	/* binary, 4 bytes: the prefix, host bits zero */
	V6GW_PREFIX4_A_LEN,	/* u8: prefix length, 0..32 */

	__V6GW_PREFIX4_A_MAX
};
#define V6GW_PREFIX4_A_MAX (__V6GW_PREFIX4_A_MAX - 1)

/* An Explicit Address Mapping entry (RFC 7757). */
enum v6gw_eam_attr {
	V6GW_EAM_A_UNSPEC,
	V6GW_EAM_A_PREFIX6,	/* nest: enum v6gw_prefix_attr */
	V6GW_EAM_A_PREFIX4,	/* nest: enum v6gw_prefix4_attr */

	__V6GW_EAM_A_MAX
};
#define V6GW_EAM_A_MAX (__V6GW_EAM_A_MAX - 1)

/* V6GW_SIIT_A_TOS and V6GW_SIIT_A_TCLASS: copy instead of a fixed value. */
#define V6GW_SIIT_COPY		256

/* V6GW_SIIT_A_UNSET bits: settings to remove. */
enum v6gw_siit_unset {
	V6GW_SIIT_UNSET_RFC6791V4	= 1 << 0,
	V6GW_SIIT_UNSET_RFC6791V6	= 1 << 1,

	__V6GW_SIIT_UNSET_ALL		= (1 << 2) - 1,
};

/* Stateless translator settings. */
enum v6gw_siit_attr {
	V6GW_SIIT_A_UNSPEC,
	/*
	 * nest, enum v6gw_prefix4_attr: IPv4 addresses used as the source of
	 * ICMPv4 errors translated from ICMPv6 errors whose source has no
	 * IPv4 mapping (RFC 6791). Unset: such errors are dropped.
	 */
	V6GW_SIIT_A_RFC6791V4,
	/*
	 * nest, enum v6gw_prefix_attr: IPv6 prefix used as the source of
	 * ICMPv6 errors translated from ICMPv4 errors whose source has no
	 * IPv6 mapping; with length <= 96 the IPv4 source fills the last
	 * 32 bits, a longer prefix is used as it is (its host bits zero).
	 * Unset: such errors are dropped.
	 */
	V6GW_SIIT_A_RFC6791V6,
	/*
	 * u32, 1280..65535, default 1280: IPv4 packets without DF translated
	 * to more than this are fragmented to it (RFC 7915 section 4).
	 */
	V6GW_SIIT_A_LOWEST_IPV6_MTU,
	/*
	 * u8, 0 or 1, default 0: compute the checksum of unfragmented IPv4
	 * UDP packets that have none, instead of dropping them.
	 */
	V6GW_SIIT_A_AMEND_UDP_ZERO,
	/* u16: IPv4 TOS of translated packets, 0..255 or V6GW_SIIT_COPY */
	V6GW_SIIT_A_TOS,
	/* u16: IPv6 traffic class, 0..255 or V6GW_SIIT_COPY (default) */
	V6GW_SIIT_A_TCLASS,
	/* u32, enum v6gw_siit_unset: settings to remove (SET only) */
	V6GW_SIIT_A_UNSET,

	__V6GW_SIIT_A_MAX
};
#define V6GW_SIIT_A_MAX (__V6GW_SIIT_A_MAX - 1)

/* Limits of the stateful translator's configuration. */
#define V6GW_NAT64_PREFIXES_MAX	8
#define V6GW_NAT64_POOL4_MAX	64

/*
 * Protocols of pool4, BIB and sessions: IPPROTO_TCP (6), IPPROTO_UDP (17)
 * and IPPROTO_ICMP (1; for ICMPv6 too: the "port" is the query
 * identifier). Other values are refused.
 */

/* A pool4 entry. */
enum v6gw_pool4_attr {
	V6GW_POOL4_A_UNSPEC,
	V6GW_POOL4_A_PREFIX4,	/* nest, enum v6gw_prefix4_attr: /24../32 */
	V6GW_POOL4_A_PROTO,	/* u8: 6, 17 or 1; absent: all three */
	V6GW_POOL4_A_PORT_MIN,	/* u16, default 1 (ICMP 0) */
	V6GW_POOL4_A_PORT_MAX,	/* u16, default 65535, >= PORT_MIN */

	__V6GW_POOL4_A_MAX
};
#define V6GW_POOL4_A_MAX (__V6GW_POOL4_A_MAX - 1)

/* A BIB entry: (ADDR6, PORT6) <-> (ADDR4, PORT4) for PROTO. */
enum v6gw_bib_attr {
	V6GW_BIB_A_UNSPEC,
	V6GW_BIB_A_PROTO,	/* u8 */
	V6GW_BIB_A_ADDR6,	/* binary, 16 bytes: X' */
	V6GW_BIB_A_PORT6,	/* u16: x (ICMP: query identifier) */
	V6GW_BIB_A_ADDR4,	/* binary, 4 bytes: T */
	V6GW_BIB_A_PORT4,	/* u16: t */
	V6GW_BIB_A_STATIC,	/* u8, dump only: 1 static, 0 dynamic */
	V6GW_BIB_A_SESSIONS,	/* u32, dump only: its sessions */

	__V6GW_BIB_A_MAX
};
#define V6GW_BIB_A_MAX (__V6GW_BIB_A_MAX - 1)

/* TCP session states (RFC 6146 section 3.5.2), V6GW_SESSION_A_STATE. */
enum v6gw_tcp_state {
	V6GW_TCP_CLOSED,
	V6GW_TCP_V4_INIT,
	V6GW_TCP_V6_INIT,
	V6GW_TCP_ESTABLISHED,
	V6GW_TCP_V4_FIN_RCV,
	V6GW_TCP_V6_FIN_RCV,
	V6GW_TCP_V4_FIN_V6_FIN_RCV,
	V6GW_TCP_TRANS,
};

/* A session; in dump requests the filter attributes only. */
enum v6gw_session_attr {
	V6GW_SESSION_A_UNSPEC,
	V6GW_SESSION_A_PROTO,	/* u8 (filter) */
	V6GW_SESSION_A_ADDR6,	/* binary 16, filter only: X' or Y' */
	V6GW_SESSION_A_ADDR4,	/* binary 4, filter only: T or Y */
	V6GW_SESSION_A_SRC6,	/* binary 16: X', the IPv6 host */
	V6GW_SESSION_A_SPORT6,	/* u16: x */
	V6GW_SESSION_A_DST6,	/* binary 16: Y', the remote under a prefix */
	V6GW_SESSION_A_DPORT6,	/* u16: y (ICMP: the identifier x again) */
	V6GW_SESSION_A_SRC4,	/* binary 4: T, the pool4 address */
	V6GW_SESSION_A_SPORT4,	/* u16: t */
	V6GW_SESSION_A_DST4,	/* binary 4: Y */
	V6GW_SESSION_A_DPORT4,	/* u16: y (ICMP: t again) */
	V6GW_SESSION_A_STATE,	/* u8, TCP: enum v6gw_tcp_state */
	V6GW_SESSION_A_EXPIRES,	/* u32: milliseconds until it expires */

	__V6GW_SESSION_A_MAX
};
#define V6GW_SESSION_A_MAX (__V6GW_SESSION_A_MAX - 1)

/* V6GW_NAT64_A_FILTERING */
enum v6gw_nat64_filtering {
	V6GW_NAT64_FILTER_ENDPOINT,	/* endpoint-independent (default) */
	V6GW_NAT64_FILTER_ADDRESS,	/* address-dependent */
};

/* Stateful translator settings and (GET only) table sizes. */
enum v6gw_nat64_attr {
	V6GW_NAT64_A_UNSPEC,
	V6GW_NAT64_A_TCP_EST,	/* u32 s, 1..2^31, default 7440 (2 h 4 min).
				 * RFC 6146 asks for at least 7440: lower
				 * values are for tests */
	V6GW_NAT64_A_TCP_TRANS,	/* u32 s, 1..2^31, default 240 (RFC: >=) */
	V6GW_NAT64_A_UDP,	/* u32 s, 120..2^31, default 300 */
	V6GW_NAT64_A_ICMP,	/* u32 s, 1..2^31, default 60 */
	V6GW_NAT64_A_TCP_SYN,	/* u32 s, 1..60, default 6: how long an
				 * unsolicited IPv4 SYN is held before it
				 * is answered with ICMP port unreachable */
	V6GW_NAT64_A_FILTERING,	/* u8, enum v6gw_nat64_filtering */
	V6GW_NAT64_A_MAX_SESSIONS, /* u32, 1..2^31, default 1048576 (all
				 * protocols together) */
	V6GW_NAT64_A_WKPF_STRICT, /* u8 0/1, default 1: with 64:ff9b::/96,
				 * non-global IPv4 addresses (RFC 6052
				 * 3.1) are not translated */
	V6GW_NAT64_A_BIB_TCP,	/* u32, GET only: BIB entries */
	V6GW_NAT64_A_BIB_UDP,
	V6GW_NAT64_A_BIB_ICMP,
	V6GW_NAT64_A_SESSIONS_TCP, /* u32, GET only: sessions */
	V6GW_NAT64_A_SESSIONS_UDP,
	V6GW_NAT64_A_SESSIONS_ICMP,

	__V6GW_NAT64_A_MAX
};
#define V6GW_NAT64_A_MAX (__V6GW_NAT64_A_MAX - 1)

enum v6gw_nat64_event_type {
	V6GW_NAT64_EV_UNSPEC,
	V6GW_NAT64_EV_POOL4_EXHAUSTED,	/* no free port for a new BIB entry */
	V6GW_NAT64_EV_SESSION_LIMIT,	/* max-sessions reached */
};

enum v6gw_nat64_event_attr {
	V6GW_NAT64_EVENT_A_UNSPEC,
	V6GW_NAT64_EVENT_A_TYPE,	/* u8, enum v6gw_nat64_event_type */
	V6GW_NAT64_EVENT_A_PROTO,	/* u8 */

	__V6GW_NAT64_EVENT_A_MAX
};
#define V6GW_NAT64_EVENT_A_MAX (__V6GW_NAT64_EVENT_A_MAX - 1)

/* Router Advertisement rules: limits. */
#define V6GW_RA_RULES_MAX	256	/* rules per namespace */
#define V6GW_RA_RDNSS_MAX	8	/* addresses per rule */
#define V6GW_RA_DNSSL_MAX	8	/* names per rule */
#define V6GW_RA_DNSSL_WIRE_MAX	512	/* their DNS wire encoding, bytes */

enum v6gw_ra_mode {
	V6GW_RA_MODE_ADD,	/* keep the RA's options, add what is missing */
	V6GW_RA_MODE_REPLACE,	/* drop the RA's options of the rule's types */
};

enum v6gw_ra_attr {
	V6GW_RA_A_UNSPEC,
	V6GW_RA_A_IFINDEX,	/* u32: the interface */
	V6GW_RA_A_IFNAME,	/* string, replies and notifications only */
	V6GW_RA_A_RDNSS,	/* binary: 1..V6GW_RA_RDNSS_MAX IPv6 addresses,
				 * 16 bytes each, no duplicates; multicast,
				 * loopback and unspecified refused */
	V6GW_RA_A_DNSSL,	/* nest: 1..V6GW_RA_DNSSL_MAX attributes
				 * V6GW_RA_DNSSL_A_NAME, no name twice
				 * (compared without regard to case) */
	V6GW_RA_A_PREF64,	/* nest: enum v6gw_prefix_attr, lengths 32,
				 * 40, 48, 56, 64 or 96 (RFC 8781) */
	V6GW_RA_A_LIFETIME,	/* u32 s: the options' lifetime (see above) */
	V6GW_RA_A_MODE,		/* u8, enum v6gw_ra_mode, default ADD */

	__V6GW_RA_A_MAX
};
#define V6GW_RA_A_MAX (__V6GW_RA_A_MAX - 1)

enum v6gw_ra_dnssl_attr {
	V6GW_RA_DNSSL_A_UNSPEC,
	V6GW_RA_DNSSL_A_NAME,	/* NUL-terminated string: a domain name,
				 * dotted, labels of 1..63 letters, digits,
				 * '-' or '_', at most 253 characters (one
				 * trailing dot allowed); in replies as
				 * encoded, lower case kept as given */

	__V6GW_RA_DNSSL_A_MAX
};
#define V6GW_RA_DNSSL_A_MAX (__V6GW_RA_DNSSL_A_MAX - 1)

/* DHCPv6 prefix delegation. */
#define V6GW_PD_MAX		262144	/* delegations per namespace, by
					 * default (module parameter
					 * max_delegations) */
#define V6GW_PD_QUEUE_MAX	1024	/* snooped changes waiting */

enum v6gw_pd_origin {
	V6GW_PD_ORIGIN_USER,	/* V6GW_CMD_PD_NEW */
	V6GW_PD_ORIGIN_SNOOP,	/* a snooped DHCPv6 message */
};

enum v6gw_pd_event {
	V6GW_PD_EV_UNSPEC,
	V6GW_PD_EV_ADDED,
	V6GW_PD_EV_RENEWED,
	V6GW_PD_EV_EXPIRED,
	V6GW_PD_EV_REMOVED,
	V6GW_PD_EV_REFUSED,	/* not added: the table is full */
};

enum v6gw_pd_attr {
	V6GW_PD_A_UNSPEC,
	V6GW_PD_A_PREFIX,	/* nest: enum v6gw_prefix_attr, length 1..128,
				 * host bits zero */
	V6GW_PD_A_VIA,		/* binary, 16 bytes: a link-local address */
	V6GW_PD_A_IFINDEX,	/* u32 */
	V6GW_PD_A_IFNAME,	/* string, replies and events only */
	V6GW_PD_A_VALID,	/* u32 s, 0xffffffff infinite; requests: 1.. */
	V6GW_PD_A_PREFERRED,	/* u32 s, 0xffffffff infinite */
	V6GW_PD_A_VALID_UNTIL,	/* u64, Unix time s, replies and events */
	V6GW_PD_A_PREFERRED_UNTIL, /* u64, Unix time s, replies and events */
	V6GW_PD_A_ORIGIN,	/* u8, enum v6gw_pd_origin, replies and events */
	V6GW_PD_A_EVENT,	/* u8, enum v6gw_pd_event, events only */
	V6GW_PD_A_PAD,

	__V6GW_PD_A_MAX
};
#define V6GW_PD_A_MAX (__V6GW_PD_A_MAX - 1)

enum v6gw_pd_snoop_attr {
	V6GW_PD_SNOOP_A_UNSPEC,
	V6GW_PD_SNOOP_A_IFINDEX,	/* u32 */
	V6GW_PD_SNOOP_A_IFNAME,		/* string, replies only */
	V6GW_PD_SNOOP_A_ENABLE,		/* u8 0/1, requests only */

	__V6GW_PD_SNOOP_A_MAX
};
#define V6GW_PD_SNOOP_A_MAX (__V6GW_PD_SNOOP_A_MAX - 1)

/* V6GW_CLAT_A_EVENT: what happened to the learned PLAT prefix. */
enum v6gw_clat_event {
	V6GW_CLAT_EV_LEARNED,	/* a prefix, none before */
	V6GW_CLAT_EV_CHANGED,	/* another prefix replaced it */
	V6GW_CLAT_EV_WITHDRAWN,	/* lifetime 0 or ended: none now */
};

/* The CLAT (V6GW_CMD_CLAT_*). */
enum v6gw_clat_attr {
	V6GW_CLAT_A_UNSPEC,
	V6GW_CLAT_A_PREFIX4,	/* nest, enum v6gw_prefix4_attr: the island */
	V6GW_CLAT_A_PREFIX6,	/* nest, enum v6gw_prefix_attr: length <= 96;
				 * island host a.b.c.d is this prefix with
				 * a.b.c.d in its last 32 bits */
	V6GW_CLAT_A_PLAT,	/* nest, enum v6gw_prefix_attr: the PLAT's
				 * RFC 6052 prefix */
	V6GW_CLAT_A_PLAT_IFINDEX, /* u32: learn the PLAT prefix from PREF64
				 * in RAs received on this interface */
	V6GW_CLAT_A_PLAT_LIFETIME, /* u32, replies and events: seconds left of
				 * the learned prefix */
	V6GW_CLAT_A_EVENT,	/* u8, enum v6gw_clat_event, events only */
	V6GW_CLAT_A_HOST,	/* u8 0|1: a host-local CLAT (its device) */
	V6GW_CLAT_A_HOST_IFINDEX, /* u32, replies only: the host device */

	__V6GW_CLAT_A_MAX
};
#define V6GW_CLAT_A_MAX (__V6GW_CLAT_A_MAX - 1)

/* The metric of the host-local CLAT's IPv4 default route (its device is
 * named "v6gw-clat"). */
#define V6GW_CLAT_HOST_METRIC	2048

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
	V6GW_STAT_XLAT_4TO6,	/* IPv4 packets sent on as IPv6 */
	V6GW_STAT_XLAT_6TO4,	/* IPv6 packets sent on as IPv4 */
	V6GW_STAT_HAIRPIN,	/* packets translated twice (RFC 7757 4) */
	V6GW_STAT_ICMP_SENT,	/* ICMP errors v6gw sent for dropped packets
				 * (counted when the IP layer built one:
				 * not for those rate-limited or refused) */
	V6GW_STAT_DROP_TRUNCATED,	/* headers shorter than they claim */
	V6GW_STAT_DROP_TTL,		/* TTL / hop limit expired */
	V6GW_STAT_DROP_SRC_ROUTE,	/* unexpired IPv4 source route */
	V6GW_STAT_DROP_ROUTING_HDR,	/* IPv6 Routing header, segments left */
	V6GW_STAT_DROP_UDP_ZERO_CSUM,	/* IPv4 UDP without checksum */
	V6GW_STAT_DROP_UDP_ZERO_FRAG,	/* fragmented IPv4 UDP without one */
	V6GW_STAT_DROP_ICMP_TYPE,	/* ICMP type/code without translation */
	V6GW_STAT_DROP_ICMP_ERROR,	/* ICMP error not translatable */
	V6GW_STAT_DROP_ICMP_FRAG,	/* fragmented ICMP */
	V6GW_STAT_DROP_ICMP_CSUM,	/* ICMP error with a bad checksum */
	V6GW_STAT_DROP_PROTO,		/* protocol never translated (IGMP,
					 * ICMP in the other family's header) */
	V6GW_STAT_DROP_TOO_LONG,	/* no IPv4 equivalent of the length */
	V6GW_STAT_DROP_TOO_BIG,		/* over the next-hop MTU with DF */
	V6GW_STAT_DROP_NO_ROUTE,	/* no route in the other family */
	V6GW_STAT_DROP_NOMEM,		/* no memory for headroom or a pull */
	V6GW_STAT_DROP_INTERNAL,	/* a bug: should stay zero */
	V6GW_STAT_GRO_LIST_SPLIT,	/* fraglist GRO packets split back
					 * into their packets to translate */
	V6GW_STAT_DROP_FRAG_EXTHDR,	/* IPv6 first fragment with extension
					 * headers behind the Fragment header
					 * (answered with ICMPv6 1/1) */
	V6GW_STAT_FRAG6_OUT,		/* IPv6 fragments v6gw built of
					 * translated IPv4 packets (their
					 * Identification is the IPv4 ID) */
	V6GW_STAT_GSO_SPLIT,		/* GSO packets segmented before
					 * translation: DF clear, segments
					 * over the IPv6 fragmenting size */
	V6GW_STAT_NAT64_SESSION_NEW,	/* NAT64 sessions created */
	V6GW_STAT_NAT64_SESSION_EXPIRED, /* NAT64 sessions timed out */
	V6GW_STAT_NAT64_BIB_NEW,	/* dynamic BIB entries created */
	V6GW_STAT_NAT64_SYN_HELD,	/* unsolicited IPv4 SYNs held (RFC
					 * 6146 3.5.2.2, simultaneous open) */
	V6GW_STAT_DROP_NAT64_NO_STATE,	/* NAT64 packet without BIB entry or
					 * session that may not create one
					 * (IPv4 UDP: answered with ICMP port
					 * unreachable; ICMP errors of no
					 * session), or that is no flow NAT64
					 * keeps state for (IPv6: protocols
					 * other than TCP, UDP, ICMPv6; ICMPv6
					 * types without translation) */
	V6GW_STAT_DROP_NAT64_FILTERED,	/* refused by address-dependent
					 * filtering */
	V6GW_STAT_DROP_NAT64_POOL4_FULL, /* no free pool4 port */
	V6GW_STAT_DROP_NAT64_SESSION_LIMIT, /* max-sessions reached */
	V6GW_STAT_DROP_NAT64_SYN_HELD,	/* held IPv4 SYNs discarded: an IPv6
					 * SYN of the same flow came, or 6 s
					 * passed (then answered with ICMP
					 * port unreachable), or no room */
	V6GW_STAT_RA_REWRITTEN,		/* RAs that left with options added
					 * or replaced */
	V6GW_STAT_RA_UNCHANGED,		/* RAs that carried everything a rule
					 * adds already (mode add) */
	V6GW_STAT_RA_MALFORMED,		/* RAs sent on unchanged: malformed */
	V6GW_STAT_RA_TOO_BIG,		/* RAs sent on unchanged: the result
					 * would exceed the interface MTU */
	V6GW_STAT_RA_NOMEM,		/* RAs sent on unchanged: no memory
					 * to make the packet writable or
					 * larger */
	V6GW_STAT_PD_SNOOPED,		/* DHCPv6 messages snooped that
					 * carried delegations or releases */
	V6GW_STAT_PD_MALFORMED,		/* DHCPv6 messages not understood:
					 * passed on, nothing learned */
	V6GW_STAT_PD_QUEUE_FULL,	/* snooped changes lost: queue full
					 * or no memory to read the message */
	V6GW_STAT_PD_ROUTE_FAIL,	/* route changes the routing code
					 * refused (delegations, not packets) */
	V6GW_STAT_CLAT_4TO6,		/* IPv4 packets the CLAT sent on as
					 * IPv6 (also in XLAT_4TO6) */
	V6GW_STAT_CLAT_6TO4,		/* IPv6 packets the CLAT sent on as
					 * IPv4 (also in XLAT_6TO4) */
	V6GW_STAT_CLAT_PLAT_CHANGED,	/* learned PLAT prefixes that
					 * appeared, changed or went (events,
					 * not packets) */
	V6GW_STAT_DROP_CLAT_HOST,	/* IPv4 packets sent through the
					 * host-local CLAT's device that went
					 * nowhere: not the CLAT's (no PLAT
					 * prefix known, a source outside the
					 * island), or passed by the
					 * translator (then in IPV4_PASS too:
					 * a destination that does not map,
					 * a broadcast) */
	V6GW_STAT_PD_TABLE_FULL,	/* delegations refused: the table
					 * was full (not packets) */

	__V6GW_STAT_MAX
};
#define V6GW_STAT_MAX (__V6GW_STAT_MAX - 1)

#endif /* _UAPI_LINUX_V6GW_H */
