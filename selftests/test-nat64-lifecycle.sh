#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# NAT64 state over its lifetime: configuration changes remove the sessions
# they orphan, a flush empties the tables, namespaces with live sessions and
# held SYNs are deleted under traffic without a kernel report or slab
# growth, and the module unloads with NAT64 busy.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/nat64_lib.sh"

v6gw_load
require_command socat

ktap_print_header
ktap_set_plan 13

# sessions NAME: udp flows from H6 to H4 port 9 (discard), one per port
udp_flows()
{
	ip netns exec "$H6" python3 -c '
import socket, sys
for p in range(20000, 20000 + int(sys.argv[2])):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.bind(("2001:db8:6::2", p))
    s.sendto(b"x", (sys.argv[1], 9))
    s.close()
' "$NAT64_H4_AS6" "$1"
}

sessions() { nat64_count "$1" sessions; }

if nat64_topology; then
	ktap_test_pass "topology and NAT64 configuration"
else
	ktap_test_fail "topology and NAT64 configuration"
	ktap_finished
fi

udp_flows 50
n=$(sessions udp)
if [ "$n" = 50 ]; then
	ktap_test_pass "50 UDP flows, 50 sessions"
else
	ktap_test_fail "50 UDP flows, 50 sessions (have $n)"
fi

# pool4 goes: its dynamic sessions and BIB entries go with it
"$V6GW" -n "$GW" nat64 pool4 del "$NAT64_POOL4/32"
n=$(sessions udp)
b=$(nat64_count udp bib)
if [ "$n" = 0 ] && [ "$b" = 0 ]; then
	ktap_test_pass "pool4 deleted: sessions and BIB entries removed"
else
	ktap_test_fail "pool4 deleted: $n sessions, $b BIB entries left"
fi

"$V6GW" -n "$GW" nat64 pool4 add "$NAT64_POOL4/32"
udp_flows 20
"$V6GW" -n "$GW" nat64 prefix add 2001:db8:46::/96
"$V6GW" -n "$GW" nat64 prefix del "$NAT64_PREFIX"
n=$(sessions udp)
if [ "$n" = 0 ]; then
	ktap_test_pass "prefix deleted: its sessions removed"
else
	ktap_test_fail "prefix deleted: $n sessions left"
fi
"$V6GW" -n "$GW" nat64 prefix add "$NAT64_PREFIX"
"$V6GW" -n "$GW" nat64 prefix del 2001:db8:46::/96

udp_flows 30
"$V6GW" -n "$GW" nat64 session flush proto tcp
n=$(sessions udp)
if [ "$n" = 30 ]; then
	ktap_test_pass "flush of TCP leaves the 30 UDP sessions"
else
	ktap_test_fail "flush of TCP leaves the 30 UDP sessions (have $n)"
fi
"$V6GW" -n "$GW" nat64 session flush
n=$(sessions udp)
b=$(nat64_count udp bib)
if [ "$n" = 0 ] && [ "$b" = 0 ]; then
	ktap_test_pass "flush removes every session and dynamic BIB entry"
else
	ktap_test_fail "flush: $n sessions, $b BIB entries left"
fi

# A static entry outlives flushes; its sessions do not.
"$V6GW" -n "$GW" nat64 bib add proto udp '[2001:db8:6::2]:5000' \
	"$NAT64_POOL4:5000"
"$V6GW" -n "$GW" nat64 session flush
b=$(nat64_count udp bib)
if [ "$b" = 1 ]; then
	ktap_test_pass "a static BIB entry survives a flush"
else
	ktap_test_fail "a static BIB entry survives a flush (have $b)"
fi

# Expiry runs on its own: ICMP sessions with a 1 s timeout.
"$V6GW" -n "$GW" nat64 set icmp 1
ip netns exec "$H6" ping -6 -c 3 -i 0.2 -W 1 "$NAT64_H4_AS6" > /dev/null
no_icmp() { [ "$(sessions icmp)" = 0 ]; }
if busywait 10000 no_icmp; then
	ktap_test_pass "ICMP sessions expire after 1 s"
else
	ktap_test_fail "ICMP sessions expire after 1 s ($(sessions icmp) left)"
fi

# Data-path events: pool4 exhausted and the session limit, each multicast
# on the "events" group (at most one per type, protocol and second).
"$V6GW" -n "$GW" nat64 session flush
"$V6GW" -n "$GW" nat64 pool4 del "$NAT64_POOL4/32"
"$V6GW" -n "$GW" nat64 pool4 add "$NAT64_POOL4/32" proto udp ports 3000-3001
events=$(mktemp)
defer rm -f "$events"
ip netns exec "$GW" python3 - "$(dirname "$0")" > "$events" <<'PY' &
import sys, time
sys.path.insert(0, sys.argv[1])
import v6gw_nl
from v6gw_nl import U, parse_attrs
g = v6gw_nl.Genl()
g.sock.setsockopt(270, v6gw_nl.NETLINK_ADD_MEMBERSHIP, g.groups["events"])
print("ready", flush=True)
seen = set()
end = time.monotonic() + 120		# until both types came, at most 120 s
while len(seen) < 2 and time.monotonic() < end:
    for cmd, attrs in g.notifications(timeout=1.0):
        if cmd != U["V6GW_CMD_NAT64_EVENT"]:
            continue
        ev = parse_attrs(parse_attrs(attrs)[U["V6GW_A_NAT64_EVENT"]])
        t = ev[U["V6GW_NAT64_EVENT_A_TYPE"]][0]
        seen.add(t)
        print("event", t, ev[U["V6GW_NAT64_EVENT_A_PROTO"]][0], flush=True)
PY
listener=$!
listening() { grep -q ready "$events"; }
busywait 20000 listening
udp_flows 3
"$V6GW" -n "$GW" nat64 pool4 del "$NAT64_POOL4/32" proto udp ports 3000-3001
"$V6GW" -n "$GW" nat64 pool4 add "$NAT64_POOL4/32"
"$V6GW" -n "$GW" nat64 session flush
"$V6GW" -n "$GW" nat64 set max-sessions 2
udp_flows 3
wait "$listener"
"$V6GW" -n "$GW" nat64 set max-sessions 1048576
got=$(grep '^event' "$events" | sort -u | tr '\n' ' ')
# V6GW_NAT64_EV_POOL4_EXHAUSTED 1, V6GW_NAT64_EV_SESSION_LIMIT 2; UDP 17
if [ "$got" = "event 1 17 event 2 17 " ]; then
	ktap_test_pass "events: pool4 exhausted and session limit, UDP"
else
	ktap_test_fail "events: pool4 exhausted and session limit, UDP (got '$got')"
fi

# cycle N: a NAT64 namespace with sessions and held IPv4 SYNs, deleted
# while an IPv6 peer keeps sending to it
cycle()
{
	local ns peer pid
	ns=v6gw-n64-$$-$1
	peer=v6gw-n64p-$$-$1
	ip netns add "$ns" && ip netns add "$peer" || return 1
	ip link add d0 netns "$ns" type veth peer name d1 netns "$peer"
	# batches: every process start costs in a TCG guest
	ip -n "$ns" -b - <<-EOF || return 1
		link set lo up
		link set d0 up
		addr add 2001:db8::1/64 dev d0 nodad
		addr add 192.0.2.1/24 dev d0
	EOF
	ip -n "$peer" -b - <<-EOF || return 1
		link set d1 up
		addr add 2001:db8::2/64 dev d1 nodad
		addr add 192.0.2.2/24 dev d1
		route add 64:ff9b::/96 via 2001:db8::1
		route add 203.0.113.0/24 via 192.0.2.1
	EOF
	"$V6GW" -n "$ns" -b - <<-EOF || return 1
		nat64 prefix add 64:ff9b::/96
		nat64 set wkpf-strict off
		nat64 pool4 add 203.0.113.1/32
	EOF
	# a session: the peer pings its own IPv4 address through the
	# translator (out as IPv4 from 203.0.113.1, back in, and home)
	ip netns exec "$peer" ping -6 -q -i 0.01 -W 1 64:ff9b::192.0.2.2 \
		> /dev/null 2>&1 &
	pid=$!
	# a held SYN: unsolicited IPv4 TCP to pool4
	ip netns exec "$peer" socat -T 1 - TCP4:203.0.113.1:7777,connect-timeout=1 \
		< /dev/null > /dev/null 2>&1 &
	sleep 0.3
	ip netns del "$ns"
	kill "$pid" 2> /dev/null
	wait "$pid" 2> /dev/null
	wait 2> /dev/null
	ip netns del "$peer"
}

ok=1
for i in $(seq 1 3); do
	cycle "$i" || ok=0
done
if [ "$ok" = 1 ]; then
	ktap_test_pass "3 NAT64 namespaces with sessions deleted under traffic"
else
	ktap_test_fail "3 NAT64 namespaces with sessions deleted under traffic"
fi

# Slab growth catches a leaked instance only roughly (a namespace holds
# hundreds of KiB while it lives); leaked sessions and BIB entries are
# caught exactly at unload: kmem_cache_destroy() reports a cache that
# still has objects, which fails the kernel log check below.
sleep 2
before=$(slab_kb)
for i in $(seq 4 11); do
	cycle "$i" > /dev/null 2>&1
done
below_bound() { [ $(($(slab_kb) - before)) -lt 4096 ]; }
busywait 30000 below_bound
after=$(slab_kb)
if [ $((after - before)) -lt 4096 ]; then
	ktap_test_pass "slab growth after 8 NAT64 cycles: $((after - before)) KiB"
else
	ktap_test_fail "slab growth after 8 NAT64 cycles: $((after - before)) KiB"
fi

# Unload with NAT64 busy: sessions, a held SYN, traffic.
udp_flows 10
ip netns exec "$H6" ping -6 -q -i 0.01 -W 1 "$NAT64_H4_AS6" > /dev/null &
pid=$!
ip netns exec "$H4" socat -T 1 - TCP4:"$NAT64_POOL4":7777,connect-timeout=1 \
	< /dev/null > /dev/null 2>&1 &
sleep 0.3
check_cmd "module unloads with NAT64 sessions under traffic" v6gw_unload
kill "$pid" 2> /dev/null
wait 2> /dev/null

problems='WARNING:|BUG:|refcount_t|unregister_netdevice: waiting|still has objects'
if dmesg | grep -Eq "$problems"; then
	dmesg | grep -E "$problems" | sed 's/^/# /'
	ktap_test_fail "kernel log is clean"
else
	ktap_test_pass "kernel log is clean"
fi

v6gw_load
ktap_finished
