#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The SIIT test topology, shared by the siit tests (source after lib.sh):
#
#   [H6] 2001:db8:6::2 ---- 2001:db8:6::1 [GW] 198.51.100.1 ---- 198.51.100.2 [H4]
#        IPv6 only          v6gw SIIT                          IPv4 only
#
# GW translates with the RFC 6052 prefix 2001:db8:64::/96 (not the
# well-known prefix, so documentation addresses may be translated) and an
# EAM entry giving H6 the IPv4 address 192.0.2.6:
#   H6 reaches H4 at 2001:db8:64::198.51.100.2 (= 2001:db8:64::c633:6402)
#   H4 reaches H6 at 192.0.2.6
# H4's default route and H6's route to the prefix point at GW.

SIIT_POOL6=2001:db8:64::/96
SIIT_H4_AS6=2001:db8:64::c633:6402
SIIT_H6_AS4=192.0.2.6

siit_topology()
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
	ip -n "$H6" route add 2001:db8:64::/96 via 2001:db8:6::1
	ip -n "$H4" addr add 198.51.100.2/24 dev eth0
	ip -n "$H4" route add default via 198.51.100.1

	"$V6GW" -n "$GW" siit prefix add "$SIIT_POOL6" &&
	"$V6GW" -n "$GW" siit eam add 2001:db8:6::2/128 "$SIIT_H6_AS4/32"
}

# siit_stat NAME: one counter of GW
siit_stat()
{
	"$V6GW" -n "$GW" -j -s stats show |
		python3 -c "import json,sys; print(json.load(sys.stdin).get('$1', -1))"
}

# siit_gro off|on|list: GRO on every veth (so GW receives GSO packets),
# with "list" as fraglist GRO (GW receives packets chained whole). In
# "list" mode the end hosts do not segment-offload (TSO/GSO off), so that
# GW's GRO sees packets of one MTU to chain instead of ready-made GSO ones.
siit_gro()
{
	local ns dev gro=on list=off seg=on
	case $1 in
	off) gro=off ;;
	list) list=on seg=off ;;
	esac
	for ns in "$H6" "$H4"; do
		ip netns exec "$ns" ethtool -K eth0 tso "$seg" gso "$seg" \
			> /dev/null 2>&1
	done
	for ns in "$H6" "$GW" "$H4"; do
		for dev in $(ip -n "$ns" -o link show type veth |
			     awk -F'[ :@]+' '{print $2}'); do
			ip netns exec "$ns" ethtool -K "$dev" gro "$gro" \
				rx-gro-list "$list" > /dev/null 2>&1 ||
				ip netns exec "$ns" ethtool -K "$dev" gro "$gro" \
					> /dev/null 2>&1
		done
	done
}
