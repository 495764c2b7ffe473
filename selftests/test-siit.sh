#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# SIIT end to end with real tools, both directions: ping, UDP, TCP with GRO
# on and off, counters.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/siit_lib.sh"

v6gw_load
require_command iperf3 socat ethtool

ktap_print_header
ktap_set_plan 20

if siit_topology; then
	ktap_test_pass "topology and SIIT configuration"
else
	ktap_test_fail "topology and SIIT configuration"
	ktap_finished
fi

check_cmd "ping IPv6 -> IPv4 (H6 to 2001:db8:64::198.51.100.2)" \
	ip netns exec "$H6" ping -6 -c 3 -i 0.2 -W 2 "$SIIT_H4_AS6"
check_cmd "ping IPv4 -> IPv6 (H4 to 192.0.2.6)" \
	ip netns exec "$H4" ping -4 -c 3 -i 0.2 -W 2 "$SIIT_H6_AS4"

a=$(siit_stat xlat-6to4)
b=$(siit_stat xlat-4to6)
if [ "$a" -ge 6 ] && [ "$b" -ge 6 ]; then
	ktap_test_pass "translations counted (6to4 $a, 4to6 $b)"
else
	ktap_test_fail "translations counted (6to4 $a, 4to6 $b)"
fi

# UDP, both directions: socat echo servers, one datagram and its echo.
# Generous timeouts: each echo forks and execs cat in a TCG guest, which a
# loaded host can slow down by seconds; a good run does not wait for them
# (the client returns with the answer).
ip netns exec "$H4" socat -T 30 UDP4-RECVFROM:7007,fork EXEC:cat &
defer kill $! 2> /dev/null
ip netns exec "$H6" socat -T 30 UDP6-RECVFROM:7007,fork EXEC:cat &
defer kill $! 2> /dev/null
for ns in "$H4" "$H6"; do
	busywait 30000 ip netns exec "$ns" sh -c \
		"ss -Huln 'sport = :7007' | grep -q ." > /dev/null
done
# udp_echo NS ADDR TEXT: send TEXT to ADDR port 7007 from NS and print the
# answer; returns as soon as it arrives (or after 20 s of silence)
udp_echo()
{
	ip netns exec "$1" python3 -c '
import socket, sys
a = sys.argv[1]
s = socket.socket(socket.AF_INET6 if ":" in a else socket.AF_INET,
                  socket.SOCK_DGRAM)
s.settimeout(20)
s.sendto(sys.argv[2].encode(), (a, 7007))
try:
    print(s.recv(100).decode())
except socket.timeout:
    pass' "$2" "$3"
}
out=$(udp_echo "$H6" "$SIIT_H4_AS6" hello-v4)
if [ "$out" = hello-v4 ]; then
	ktap_test_pass "UDP IPv6 -> IPv4 and back"
else
	ktap_test_fail "UDP IPv6 -> IPv4 and back (got '$out')"
fi
out=$(udp_echo "$H4" "$SIIT_H6_AS4" hello-v6)
if [ "$out" = hello-v6 ]; then
	ktap_test_pass "UDP IPv4 -> IPv6 and back"
else
	ktap_test_fail "UDP IPv4 -> IPv6 and back (got '$out')"
fi

# listening NS PORT: a TCP socket of NS listens on PORT
listening()
{
	ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .
}
not_listening() { ! listening "$@"; }

# TCP and UDP with iperf3, both directions, with GRO off, on and as
# fraglist GRO: with GRO (and TSO on the veths) GW sees GSO packets and
# must translate them whole; fraglist GRO chains whole packets.
ip netns exec "$H6" iperf3 -s -D -p 5202 > /dev/null 2>&1
defer ip netns exec "$H6" pkill -f "iperf3 -s -D -p 5202"
busywait 30000 listening "$H6" 5202
iperf_rx()
{
	python3 -c '
import json, sys
d = json.load(sys.stdin)["end"]
s = d.get("sum_received") or d.get("sum")
print(int(s["bits_per_second"] / 1e6))' 2> /dev/null
}

for gro in off on list; do
	siit_gro "$gro"
	# a one-off server: the previous round's must be gone first
	busywait 30000 not_listening "$H4" 5201
	ip netns exec "$H4" iperf3 -s -D -1 -p 5201 > /dev/null 2>&1
	busywait 30000 listening "$H4" 5201
	mb=$(ip netns exec "$H6" iperf3 -c "$SIIT_H4_AS6" -p 5201 -t 2 -J 2> /dev/null |
		iperf_rx)
	if [ -n "$mb" ] && [ "$mb" -gt 0 ]; then
		ktap_test_pass "TCP IPv6 -> IPv4, GRO $gro: $mb Mbit/s"
	else
		ktap_test_fail "TCP IPv6 -> IPv4, GRO $gro"
	fi
	mb=$(ip netns exec "$H4" iperf3 -c "$SIIT_H6_AS4" -p 5202 -t 2 -J 2> /dev/null |
		iperf_rx)
	if [ -n "$mb" ] && [ "$mb" -gt 0 ]; then
		ktap_test_pass "TCP IPv4 -> IPv6, GRO $gro: $mb Mbit/s"
	else
		ktap_test_fail "TCP IPv4 -> IPv6, GRO $gro"
	fi
	mb=$(ip netns exec "$H4" iperf3 -u -b 50M -l 1200 -c "$SIIT_H6_AS4" \
		-p 5202 -t 2 -J 2> /dev/null | iperf_rx)
	if [ -n "$mb" ] && [ "$mb" -gt 0 ]; then
		ktap_test_pass "UDP stream IPv4 -> IPv6, GRO $gro: $mb Mbit/s"
	else
		ktap_test_fail "UDP stream IPv4 -> IPv6, GRO $gro"
	fi
done

# Fraglist GRO of forwarded TCP exists since Linux 6.10: there the "list"
# round above must have gone through the fraglist path.
split=$(siit_stat gro-list-split)
kv=$(uname -r | awk -F. '{print $1 * 100 + $2}')
if [ "$kv" -lt 610 ]; then
	ktap_test_skip "fraglist GRO packets translated ($split): no TCP fraglist GRO before 6.10"
elif [ "$split" -gt 0 ]; then
	ktap_test_pass "fraglist GRO packets split and translated ($split)"
else
	ktap_test_fail "fraglist GRO packets split and translated ($split)"
fi

# EAM hairpinning (RFC 7757 section 4): a second IPv6 host H6B has the EAM
# address 192.0.2.7; H6 reaches it at 2001:db8:64::192.0.2.7, translated
# twice, and sees the answers come from that same address.
setup_ns H6B
ip link add eth6b netns "$GW" type veth peer name eth0 netns "$H6B"
ip -n "$GW" link set eth6b up
ip -n "$H6B" link set eth0 up
ip -n "$GW" addr add 2001:db8:7::1/64 dev eth6b nodad
ip -n "$H6B" addr add 2001:db8:7::3/64 dev eth0 nodad
ip -n "$H6B" route add 2001:db8:64::/96 via 2001:db8:7::1
"$V6GW" -n "$GW" siit eam add 2001:db8:7::3 192.0.2.7
out=$(ip netns exec "$H6" ping -6 -c 3 -i 0.2 -W 2 2001:db8:64::c000:207 2>&1)
if grep -q "3 received" <<< "$out" &&
   grep -q "from 2001:db8:64::c000:207" <<< "$out"; then
	ktap_test_pass "EAM hairpinning: IPv6 host to IPv6 host through 192.0.2.7"
else
	echo "$out" | sed 's/^/# /'
	ktap_test_fail "EAM hairpinning: IPv6 host to IPv6 host through 192.0.2.7"
fi
h=$(siit_stat hairpin)
if [ "$h" -ge 6 ]; then
	ktap_test_pass "hairpinned packets counted ($h)"
else
	ktap_test_fail "hairpinned packets counted ($h)"
fi
"$V6GW" -n "$GW" siit eam del 2001:db8:7::3 192.0.2.7

drops=$("$V6GW" -n "$GW" -j stats show | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(" ".join("%s=%d" % (k, v) for k, v in d.items()
               if k.startswith("drop-") and v))')
if [ -z "$drops" ]; then
	ktap_test_pass "no drops"
else
	ktap_test_fail "no drops ($drops)"
fi

# Without configuration the same packets are not translated.
"$V6GW" -n "$GW" siit prefix del "$SIIT_POOL6"
"$V6GW" -n "$GW" siit eam del 2001:db8:6::2/128 "$SIIT_H6_AS4/32"
check_fail "unconfigured: no translation" \
	ip netns exec "$H6" ping -6 -c 1 -W 1 "$SIIT_H4_AS6"

ktap_finished
