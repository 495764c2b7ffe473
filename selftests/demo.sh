#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The demo, run inside a guest by `make demo` (selftests/vm/demo.sh): an
# IPv6-only host reaches an IPv4-only host through v6gw, and back.
#
#   [h6] 2001:db8:6::2 ---- [gw: v6gw SIIT] ---- 198.51.100.2 [h4]
#        IPv6 only          2001:db8:64::/96      IPv4 only
#                           EAM h6 <-> 192.0.2.6
set -u

: "${V6GW:=$(cd "$(dirname "$0")/.." && pwd)/usr/v6gw}"
: "${V6GW_KO:?set V6GW_KO to the module to load}"

say() { printf '\n\033[1m# %s\033[0m\n' "$*"; }
run() { printf '\033[1m$ %s\033[0m\n' "$*"; "$@"; }

# its dependencies first (nf_defrag_*, for NAT64), as modprobe would
for dep in $(modinfo -F depends "$V6GW_KO" | tr ',' ' '); do
	modprobe "$dep" || exit 1
done
insmod "$V6GW_KO" || exit 1
for ns in h6 gw h4; do
	ip netns add $ns
	ip -n $ns link set lo up
done
ip link add eth6 netns gw type veth peer name eth0 netns h6
ip link add eth4 netns gw type veth peer name eth0 netns h4
ip -n gw link set eth6 up
ip -n gw link set eth4 up
ip -n h6 link set eth0 up
ip -n h4 link set eth0 up
ip -n gw addr add 2001:db8:6::1/64 dev eth6 nodad
ip -n gw addr add 198.51.100.1/24 dev eth4
ip -n h6 addr add 2001:db8:6::2/64 dev eth0 nodad
ip -n h6 route add 2001:db8:64::/96 via 2001:db8:6::1
ip -n h4 addr add 198.51.100.2/24 dev eth0
ip -n h4 route add default via 198.51.100.1

say "v6gw, the tool"
run "$V6GW" -V
say "Configure the translator in namespace gw"
run "$V6GW" -n gw siit prefix add 2001:db8:64::/96
run "$V6GW" -n gw siit eam add 2001:db8:6::2 192.0.2.6
run "$V6GW" -n gw siit set rfc6791v4 192.0.2.254
run "$V6GW" -n gw siit show
say "The IPv6-only host pings the IPv4-only host at 2001:db8:64::198.51.100.2"
run ip netns exec h6 ping -6 -c 3 -i 0.3 2001:db8:64::198.51.100.2
say "The IPv4-only host pings the IPv6-only host at 192.0.2.6"
run ip netns exec h4 ping -4 -c 3 -i 0.3 192.0.2.6
say "TCP through the translator (iperf3, 2 s)"
ip netns exec h4 iperf3 -s -D -1 > /dev/null 2>&1
sleep 0.3
ip netns exec h6 iperf3 -c 2001:db8:64::198.51.100.2 -t 2 | tail -n 4
say "Counters"
run "$V6GW" -n gw stats show
say "Errors come from the kernel, in one line"
run "$V6GW" -n gw siit prefix add 2001:db8::/33
run "$V6GW" -n gw siit eam add 2001:db8:6::2 192.0.2.7
say "State is per network namespace: h6 has none"
run "$V6GW" -n h6 siit show
for ns in h6 gw h4; do
	ip netns del $ns
done
rmmod v6gw
echo
echo "demo done"
