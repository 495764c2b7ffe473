#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# SIIT path MTU and traceroute: TCP across a 1280-byte IPv6 link and across
# a small-MTU IPv4 link (Fragmentation Needed <-> Packet Too Big), and
# traceroute through the translator showing RFC 6791 addresses for routers
# whose own address has no mapping.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/siit_lib.sh"

v6gw_load
require_command socat traceroute

ktap_print_header
ktap_set_plan 11

if ! siit_topology; then
	echo "Bail out! cannot build the topology"
	exit "$ksft_fail"
fi

# transfer FROM_NS TO_NS ADDR FAMILY: 300 kB over TCP, checked by hash.
transfer()
{
	local from=$1 to=$2 addr=$3 fam=$4 data want got
	data=$(mktemp)
	head -c 300000 /dev/urandom > "$data"
	want=$(md5sum < "$data")
	# A dual-stack listener: the receiver sees the other family.
	ip netns exec "$to" timeout 30 socat -u "TCP6-LISTEN:7100,reuseaddr" \
		"SYSTEM:md5sum > $data.got" &
	local pid=$!
	busywait 30000 ip netns exec "$to" sh -c \
		"ss -Htln 'sport = :7100' | grep -q ." > /dev/null
	ip netns exec "$from" timeout 30 socat -u "FILE:$data" \
		"TCP${fam}:$addr:7100"
	wait "$pid"
	got=$(cat "$data.got" 2> /dev/null)
	rm -f "$data" "$data.got"
	[ -n "$got" ] && [ "$want" = "$got" ]
}

# 1. The IPv6 side is a 1280-byte link: IPv4 senders must learn 1260.
#    Only GW's end is small: the receiver then still advertises a large
#    TCP MSS, and only path MTU discovery can bring the sender down.
ip -n "$GW" link set eth6 mtu 1280
before=$(siit_stat drop-too-big)
if transfer "$H4" "$H6" "$SIIT_H6_AS4" 4; then
	ktap_test_pass "TCP IPv4 -> IPv6 over a 1280-byte IPv6 link"
else
	ktap_test_fail "TCP IPv4 -> IPv6 over a 1280-byte IPv6 link"
fi
after=$(siit_stat drop-too-big)
if [ "$after" -gt "$before" ]; then
	ktap_test_pass "too-big packets answered with Fragmentation Needed ($((after - before)))"
else
	ktap_test_fail "too-big packets answered with Fragmentation Needed"
fi
if ip -n "$H4" route get "$SIIT_H6_AS4" | grep -q "mtu 1260"; then
	ktap_test_pass "the IPv4 sender learnt MTU 1260"
else
	ip -n "$H4" route get "$SIIT_H6_AS4" | sed 's/^/# /'
	ktap_test_fail "the IPv4 sender learnt MTU 1260"
fi

# 1b. The same link, IPv4 sending without DF (no path MTU discovery) and
#     GRO on: GW gets GSO packets whose segments are too big for the
#     IPv6 link, segments them and sends each as IPv6 fragments it builds
#     itself, the Identification being the segment's IPv4 ID.
ip -n "$H4" route flush cache
ip netns exec "$H4" sysctl -qw net.ipv4.ip_no_pmtu_disc=1
siit_gro on
split0=$(siit_stat gso-split)
frag0=$(siit_stat frag6-out)
if transfer "$H4" "$H6" "$SIIT_H6_AS4" 4; then
	ktap_test_pass "TCP IPv4 without DF -> IPv6 over a 1280-byte IPv6 link"
else
	ktap_test_fail "TCP IPv4 without DF -> IPv6 over a 1280-byte IPv6 link"
fi
split=$(($(siit_stat gso-split) - split0))
frag=$(($(siit_stat frag6-out) - frag0))
if [ "$split" -gt 0 ]; then
	ktap_test_pass "GSO packets without DF segmented before translation ($split)"
else
	ktap_test_fail "GSO packets without DF segmented before translation"
fi
if [ "$frag" -gt 0 ]; then
	ktap_test_pass "IPv6 fragments built by v6gw ($frag)"
else
	ktap_test_fail "IPv6 fragments built by v6gw"
fi
siit_gro off
ip netns exec "$H4" sysctl -qw net.ipv4.ip_no_pmtu_disc=0
ip -n "$GW" link set eth6 mtu 1500

# 2. The IPv4 side is a 1000-byte link: IPv6 senders get Packet Too Big
#    (never below 1280), and what still does not fit is fragmented by
#    IPv4 because DF is clear at 1260 bytes and below.
# H4 still remembers MTU 1260 towards H6 from part 1, which would shrink
# the TCP MSS it advertises and hide the path MTU discovery tested here.
ip -n "$H4" route flush cache
ip -n "$GW" link set eth4 mtu 1000
before=$(siit_stat drop-too-big)
if transfer "$H6" "$H4" "[$SIIT_H4_AS6]" 6; then
	ktap_test_pass "TCP IPv6 -> IPv4 over a 1000-byte IPv4 link"
else
	ktap_test_fail "TCP IPv6 -> IPv4 over a 1000-byte IPv4 link"
fi
after=$(siit_stat drop-too-big)
ptb=$(ip netns exec "$H6" nstat -az Icmp6InPktTooBigs | awk '/Icmp6InPktTooBigs/ {print $2}')
ip -n "$H6" route get "$SIIT_H4_AS6" | sed 's/^/# /'
if [ "$after" -gt "$before" ] && [ "${ptb:-0}" -gt 0 ]; then
	ktap_test_pass "Packet Too Big sent ($((after - before))) and received ($ptb)"
else
	ktap_test_fail "Packet Too Big sent ($((after - before))) and received (${ptb:-0})"
fi
ip -n "$GW" link set eth4 mtu 1500

# 3. traceroute through the translator. Add an IPv4 router R4 between GW
#    and H4 whose address is on the denylist (no IPv6 mapping): its Time
#    Exceeded must arrive from the RFC 6791 IPv6 prefix.
setup_ns R4
ip link add r4a netns "$R4" type veth peer name eth4r netns "$GW"
ip link add r4b netns "$R4" type veth peer name eth1 netns "$H4"
ip -n "$R4" link set r4a up
ip -n "$R4" link set r4b up
ip -n "$GW" link set eth4r up
ip -n "$H4" link set eth1 up
ip -n "$GW" addr add 203.0.113.1/30 dev eth4r
ip -n "$R4" addr add 203.0.113.2/30 dev r4a
ip -n "$R4" addr add 203.0.113.5/30 dev r4b
ip -n "$H4" addr add 203.0.113.6/30 dev eth1
ip -n "$H4" addr add 198.18.0.4/32 dev lo
ip -n "$R4" route add default via 203.0.113.6
ip -n "$R4" route add 192.0.2.0/24 via 203.0.113.1
ip netns exec "$R4" sysctl -qw net.ipv4.ip_forward=1
ip -n "$GW" route add 198.18.0.4/32 via 203.0.113.2
ip -n "$H4" route add 192.0.2.0/24 via 203.0.113.5 src 198.18.0.4
"$V6GW" -n "$GW" siit deny add 203.0.113.0/29
"$V6GW" -n "$GW" siit set rfc6791v6 2001:db8:6791::/96 rfc6791v4 192.0.2.250

# 198.18.0.4 as IPv6: 2001:db8:64::c612:4
out=$(ip netns exec "$H6" traceroute -6 -n -q 1 -w 2 -m 5 2001:db8:64::c612:4 2>&1)
echo "$out" | sed 's/^/# /'
if echo "$out" | grep -q "2001:db8:6791::cb00:7102"; then
	ktap_test_pass "traceroute -6 shows the RFC 6791 address of the IPv4 router"
else
	ktap_test_fail "traceroute -6 shows the RFC 6791 address of the IPv4 router"
fi
if echo "$out" | grep -q "2001:db8:64::c612:4"; then
	ktap_test_pass "traceroute -6 reaches the IPv4 host"
else
	ktap_test_fail "traceroute -6 reaches the IPv4 host"
fi

# From the IPv4 side: hop 1 is GW itself (an IPv4 address of its own),
# hop 2 is H6 behind the translation.
out=$(ip netns exec "$H4" traceroute -4 -n -q 1 -w 2 -m 5 "$SIIT_H6_AS4" 2>&1)
echo "$out" | sed 's/^/# /'
if echo "$out" | grep -q " $SIIT_H6_AS4 "; then
	ktap_test_pass "traceroute -4 reaches the IPv6 host"
else
	ktap_test_fail "traceroute -4 reaches the IPv6 host"
fi

ktap_finished
