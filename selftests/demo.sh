#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The demo, run inside a guest by `make demo` (selftests/vm/demo.sh):
# a small topology of network namespaces and v6gw configured in one of them.
#
#   [host6] 2001:db8:6::2 ---- 2001:db8:6::1 [gw]
#
# Translation is not there yet: the demo shows configuration, per-namespace
# state and counters. It grows into the IPv6-only network scenario as the
# translator lands.
set -u

: "${V6GW:=$(dirname "$0")/../usr/v6gw}"
: "${V6GW_KO:?set V6GW_KO to the module to load}"

say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { say "$*"; "$@"; }

insmod "$V6GW_KO" || exit 1
ip netns add gw
ip netns add host6
ip -n gw link set lo up
ip -n host6 link set lo up
ip link add eth0 netns gw type veth peer name eth0 netns host6
ip -n gw link set eth0 up
ip -n host6 link set eth0 up
ip -n gw addr add 2001:db8:6::1/64 dev eth0 nodad
ip -n host6 addr add 2001:db8:6::2/64 dev eth0 nodad

run "$V6GW" -V
run "$V6GW" help
run "$V6GW" -n gw siit prefix add 64:ff9b::/96
run "$V6GW" -n gw siit prefix show
run "$V6GW" -n gw -j -p siit prefix show
say "ip netns exec host6 ping -6 -c 3 2001:db8:6::1"
ip netns exec host6 ping -6 -c 3 -i 0.2 2001:db8:6::1
run "$V6GW" -n gw stats show
run "$V6GW" -n host6 siit prefix show
say "(empty: host6 is another network namespace with its own state)"
run "$V6GW" -n gw siit prefix add 2001:db8::/33
run "$V6GW" -n gw -s -j -p stats show
ip netns del host6
ip netns del gw
rmmod v6gw
echo
echo "demo done"
