#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The NAT64 test topology, shared by the nat64 tests (source after lib.sh):
#
#   [H6] 2001:db8:6::2 ---- 2001:db8:6::1 [GW] 198.51.100.1 ---- 198.51.100.2 [H4]
#        IPv6 only          v6gw NAT64                         IPv4 only
#
# GW: NAT64 prefix 64:ff9b::/96 with wkpf-strict off (the test networks
# use documentation addresses), pool4 203.0.113.1 (every protocol, every
# port). H6 reaches H4 at 64:ff9b::198.51.100.2; H4 sees H6 as
# 203.0.113.1. H4's default route and H6's route to the prefix point at GW.

NAT64_PREFIX=64:ff9b::/96
NAT64_H4_AS6=64:ff9b::c633:6402
NAT64_POOL4=203.0.113.1

nat64_topology()
{
	setup_ns H6 GW H4 || return $?
	ip link add eth6 netns "$GW" type veth peer name eth0 netns "$H6"
	ip link add eth4 netns "$GW" type veth peer name eth0 netns "$H4"
	ip -n "$GW" link set eth6 up
	ip -n "$GW" link set eth4 up
	ip -n "$H6" link set eth0 up
	ip -n "$H4" link set eth0 up

	ip -n "$GW" addr add 2001:db8:6::1/64 dev eth6 nodad
	ip -n "$GW" addr add 198.51.100.1/24 dev eth4
	ip -n "$H6" addr add 2001:db8:6::2/64 dev eth0 nodad
	ip -n "$H6" addr add 2001:db8:6::3/64 dev eth0 nodad
	ip -n "$H6" route add 64:ff9b::/96 via 2001:db8:6::1
	ip -n "$H4" addr add 198.51.100.2/24 dev eth0
	ip -n "$H4" route add default via 198.51.100.1

	"$V6GW" -n "$GW" nat64 prefix add "$NAT64_PREFIX" &&
	"$V6GW" -n "$GW" nat64 set wkpf-strict off &&
	"$V6GW" -n "$GW" nat64 pool4 add "$NAT64_POOL4/32"
}

# nat64_stat NAME: one counter of GW
nat64_stat()
{
	"$V6GW" -n "$GW" -j -s stats show |
		python3 -c "import json,sys; print(json.load(sys.stdin).get('$1', -1))"
}

# nat64_count PROTO bib|sessions: GW's table size
nat64_count()
{
	"$V6GW" -n "$GW" -j nat64 session count |
		python3 -c "import json,sys; print(json.load(sys.stdin)['$1']['$2'])"
}
