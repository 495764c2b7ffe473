#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Byte-level RFC 6146 tests of the stateful NAT64: nat64_packets.py sends
# hand-made packets from H6 or H4 (raw frames to GW's MAC) and compares
# what comes out on the other side, or back from GW, byte for byte with
# packets it builds independently with scapy. One KTAP subtest per case.
# The pool4 port of each new mapping is read from the first translated
# packet of its flow (GW picks it at random) and checked against the BIB;
# every other byte is asserted, and the rest of the flow is built with it.
#
# Besides nat64_lib.sh's topology, GW gets:
#   static neighbours for every address the tests send to (no ND/ARP);
#   route MTU 1300 to 198.51.100.4;
#   no ICMP rate limits; no transmit checksum offload (checksums on the
#   wire).
# H6 and H4 lose their addresses (IPv6 disabled on H6's and H4's eth0, the
# IPv4 address of H4 removed): they receive the frames GW sends to
# 2001:db8:6::2 and 198.51.100.2 and drop them without answering, and send
# nothing of their own, so nothing but GW's packets shows up (and no
# packet but the cases' moves GW's counters).
#
# nat64_packets.py [NAME-SUBSTRING...] runs a subset (the wrapper passes
# $PKT_FILTER through); cases that use the mapping of an earlier case fail
# without it.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/nat64_lib.sh"

PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

v6gw_load
require_command ethtool
if ! "$PY" -c 'import scapy.layers.inet6' 2> /dev/null; then
	__skip_all "scapy is not installed for $PY (python3-scapy)"
fi

ktap_print_header

KTAP_CNT_XFAIL=0
# ktap_test_xfail "desc" "reason": a case known to fail (a reported bug)
ktap_test_xfail()
{
	KTAP_CNT_XFAIL=$((KTAP_CNT_XFAIL + 1))
	__ktap_test ok "$1" "XFAIL $2"
}

mac()
{
	ip -n "$1" -o link show "$2" | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p'
}

setup()
{
	local h6 h4 a
	nat64_topology || return 1
	# H6 and H4: passive, addressless capture points
	ip netns exec "$H6" sysctl -qw net.ipv6.conf.eth0.disable_ipv6=1 ||
		return 1
	ip netns exec "$H4" sysctl -qw net.ipv6.conf.eth0.disable_ipv6=1 ||
		return 1
	ip -n "$H4" -4 addr flush dev eth0 || return 1
	# GW's link-local DAD probes loop back into its own hooks (ipv6-in,
	# ipv6-pass, which the cases count): let them be done first
	for a in $(seq 50); do
		[ -z "$(ip -n "$GW" -6 addr show tentative)" ] && break
		sleep 0.2
	done
	h6=$(mac "$H6" eth0)
	h4=$(mac "$H4" eth0)
	for a in 2001:db8:6::2 2001:db8:6::11; do
		ip -n "$GW" neigh replace "$a" lladdr "$h6" dev eth6 nud permanent ||
			return 1
	done
	for a in 198.51.100.2 198.51.100.3 198.51.100.4 198.51.100.9; do
		ip -n "$GW" neigh replace "$a" lladdr "$h4" dev eth4 nud permanent ||
			return 1
	done
	ip -n "$GW" route add 198.51.100.4/32 dev eth4 mtu lock 1300 || return 1
	ip netns exec "$GW" sysctl -qw net.ipv4.icmp_ratelimit=0 \
		net.ipv6.icmp.ratelimit=0 || return 1
	ip netns exec "$GW" sysctl -qw net.ipv4.icmp_msgs_per_sec=100000 \
		net.ipv4.icmp_msgs_burst=100000 2> /dev/null
	ip netns exec "$GW" ethtool -K eth6 tx off > /dev/null 2>&1 || return 1
	ip netns exec "$GW" ethtool -K eth4 tx off > /dev/null 2>&1 || return 1
	ip netns exec "$H6" ethtool -K eth0 gro off > /dev/null 2>&1
	ip netns exec "$H4" ethtool -K eth0 gro off > /dev/null 2>&1
	export PKT_H6=$H6 PKT_GW=$GW PKT_H4=$H4 PKT_MAC_H6=$h6 PKT_MAC_H4=$h4
	PKT_MAC_GW6=$(mac "$GW" eth6)
	PKT_MAC_GW4=$(mac "$GW" eth4)
	export PKT_MAC_GW6 PKT_MAC_GW4
}

log=$(mktemp)
defer rm -f "$log"
if ! setup > "$log" 2>&1; then
	ktap_set_plan 1
	__diag "$(cat "$log")"
	ktap_test_fail "topology and NAT64 configuration"
	ktap_finished
fi

# nat64_packets.py prints "PLAN n", then "RESULT kind name[<TAB>reason]"
# per case, with "# " diagnostics before the case's result.
planned=0
# shellcheck disable=SC2086 # PKT_FILTER: words, each a name substring
while IFS= read -r line; do
	case $line in
	"PLAN "*)
		ktap_set_plan $((${line#PLAN } + 1))
		planned=1
		ktap_test_pass "topology and NAT64 configuration"
		;;
	"RESULT pass "*) ktap_test_pass "${line#RESULT pass }" ;;
	"RESULT fail "*) ktap_test_fail "${line#RESULT fail }" ;;
	"RESULT skip "*) ktap_test_skip "${line#RESULT skip }" ;;
	"RESULT xfail "*)
		line=${line#RESULT xfail }
		ktap_test_xfail "${line%%$'\t'*}" "${line#*$'\t'}"
		;;
	*) echo "$line" ;;
	esac
done < <("$PY" "$(dirname "$0")/nat64_packets.py" ${PKT_FILTER:-} 2>&1)

if [ "$planned" -eq 0 ]; then
	ktap_set_plan 1
	ktap_test_fail "nat64_packets.py did not start"
fi
echo "# GW counters: $("$V6GW" -n "$GW" -j stats show 2> /dev/null)"
echo "# GW sessions: $("$V6GW" -n "$GW" nat64 session count 2> /dev/null |
	tr '\n' ';')"
[ "$KTAP_CNT_XFAIL" -eq 0 ] || echo "# expected failures (known bugs): $KTAP_CNT_XFAIL"
ktap_finished
