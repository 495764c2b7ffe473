#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The host-local CLAT: "clat set ... host on" on an IPv6-only host, whose
# own IPv4-only programs reach an IPv4 server through the PLAT.
#
#   [HOST] eth0 2001:db8:1::2/64 ------ eth6 2001:db8:1::1 [PLAT] eth4 198.51.100.1 ------ eth0 198.51.100.2 [SRV]
#   IPv6 only, forwarding off                 v6gw NAT64 2001:db8:64::/96          IPv4 only
#   v6gw CLAT host on: v6gw-clat 192.0.0.1/29  pool4 198.51.100.1
#
# HOST's CLAT prefix is 2001:db8:1::c1a7:0:0/96, inside the uplink's /64:
# HOST puts the island address 2001:db8:1::c1a7:c000:1 (192.0.0.1) on
# eth0 so that it answers Neighbor Solicitations for it (the on-link way);
# a second part routes a prefix of its own to it (the PD way).

source "$(dirname "$0")/lib.sh"

v6gw_load || exit "$ksft_fail"
require_command python3 jq

ktap_print_header
ktap_set_plan 16

setup_ns HOST PLAT SRV || exit "$ksft_skip"
ip link add eth0 netns "$HOST" type veth peer name eth6 netns "$PLAT"
ip link add eth4 netns "$PLAT" type veth peer name eth0 netns "$SRV"
for l in "$HOST eth0" "$PLAT eth6" "$PLAT eth4" "$SRV eth0"; do
	set -- $l
	ip -n "$1" link set "$2" up
done
ip -n "$HOST" addr add 2001:db8:1::2/64 dev eth0 nodad
ip -n "$HOST" -6 route add default via 2001:db8:1::1
ip -n "$HOST" addr add 2001:db8:1::c1a7:c000:1/128 dev eth0 nodad
ip netns exec "$HOST" sysctl -qw net.ipv4.ip_forward=0 \
	net.ipv6.conf.all.forwarding=0
ip -n "$PLAT" addr add 2001:db8:1::1/64 dev eth6 nodad
ip -n "$PLAT" addr add 198.51.100.1/24 dev eth4
ip netns exec "$PLAT" sysctl -qw net.ipv6.conf.all.forwarding=1 \
	net.ipv4.ip_forward=1
ip -n "$SRV" addr add 198.51.100.2/24 dev eth0
ip -n "$SRV" route add default via 198.51.100.1
"$V6GW" -n "$PLAT" nat64 prefix add 2001:db8:64::/96
"$V6GW" -n "$PLAT" nat64 pool4 add 198.51.100.1/32

h() { "$V6GW" -n "$HOST" "$@"; }
stat_of() { h -j -s stats show | jq ".[\"$1\"]"; }
SET="ipv4 192.0.0.0/29 ipv6 2001:db8:1::c1a7:0:0/96 plat 2001:db8:64::/96"
# ping4 COUNT [OPTION...]: HOST pings SRV
ping4() { local n=$1; shift; ip netns exec "$HOST" ping -q -c "$n" -i 0.2 -W 2 "$@" 198.51.100.2 > /dev/null; }
# dev_has ADDR/LEN: v6gw-clat has exactly this IPv4 address
dev_has() { [ "$(ip -n "$HOST" -4 -o addr show dev v6gw-clat | awk '{print $4}')" = "$1" ]; }
default_route() { ip -n "$HOST" -4 route show default | grep -q "^default dev v6gw-clat proto static scope link metric 2048"; }
dmesg_lines=$(dmesg | wc -l)

# 1. the device, its address and route
h clat set $SET host on
if ip -n "$HOST" link show v6gw-clat | grep -q "<POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1472" &&
   dev_has 192.0.0.1/29 && default_route &&
   h clat show | grep -qx "$SET host on device v6gw-clat" &&
   [ "$(h -j clat show | jq -c '[.host, .host_dev]')" = '[true,"v6gw-clat"]' ]; then
	ktap_test_pass "host on: v6gw-clat up, 192.0.0.1/29, default route metric 2048"
else
	ktap_test_fail "host on: v6gw-clat up, 192.0.0.1/29, default route metric 2048"
	__diag "$(ip -n "$HOST" addr show v6gw-clat; ip -n "$HOST" -4 route; h clat show)"
fi

# 2. ping from the host itself, which has no other IPv4 and forwards
# nothing; the packets are the CLAT's both ways
s0=$(h -j -s stats show)
ping4 5
rc=$?
s1=$(h -j -s stats show)
d46=$(jq -n --argjson a "$s0" --argjson b "$s1" '$b["clat-4to6"] - $a["clat-4to6"]')
d64=$(jq -n --argjson a "$s0" --argjson b "$s1" '$b["clat-6to4"] - $a["clat-6to4"]')
if [ "$rc" = 0 ] && [ "$d46" = 5 ] && [ "$d64" = 5 ]; then
	ktap_test_pass "the host pings 198.51.100.2: clat-4to6 +5, clat-6to4 +5"
else
	ktap_test_fail "the host pings 198.51.100.2 (rc $rc, clat-4to6 +$d46, clat-6to4 +$d64)"
fi

# 3. what the server saw: the PLAT's pool4 address
ip netns exec "$SRV" python3 - > "$TMPD/udp-srv" <<'EOF' &
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("198.51.100.2", 5353))
s.settimeout(20)
data, peer = s.recvfrom(100)
print(peer[0], data.decode())
s.sendto(b"pong:" + data, peer)
EOF
SRVPID=$!
sleep 0.5
got=$(ip netns exec "$HOST" python3 - <<'EOF'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(10)
s.connect(("198.51.100.2", 5353))
s.send(b"hello")
print(s.getsockname()[0], s.recv(100).decode())
EOF
)
wait "$SRVPID"
if [ "$got" = "192.0.0.1 pong:hello" ] && [ "$(cat "$TMPD/udp-srv")" = "198.51.100.1 hello" ]; then
	ktap_test_pass "UDP: sent from 192.0.0.1, seen as 198.51.100.1, answered"
else
	ktap_test_fail "UDP: host '$got', server '$(cat "$TMPD/udp-srv")'"
fi

# 4. TCP: a 2 MB file by IPv4 literal, whole (segments at the device's MTU)
mkdir -p "$TMPD/www"
head -c 2000000 /dev/urandom > "$TMPD/www/blob"
ip netns exec "$SRV" python3 -m http.server --bind 198.51.100.2 --directory "$TMPD/www" 80 \
	> /dev/null 2>&1 &
HTTPPID=$!
defer kill "$HTTPPID"
busywait 10000 ip netns exec "$SRV" python3 -c 'import socket; socket.create_connection(("198.51.100.2", 80), 1)' > /dev/null 2>&1
ip netns exec "$HOST" python3 -c '
import sys, urllib.request
open(sys.argv[2], "wb").write(urllib.request.urlopen(sys.argv[1], timeout=60).read())' \
	http://198.51.100.2/blob "$TMPD/got" 2> "$TMPD/http.err"
if cmp -s "$TMPD/www/blob" "$TMPD/got"; then
	ktap_test_pass "TCP: the host fetches http://198.51.100.2/blob (2 MB) whole"
else
	ktap_test_fail "TCP: the host fetches http://198.51.100.2/blob (2 MB) whole"
	__diag "$(cat "$TMPD/http.err")"
fi

# 5. the largest packet with DF set fits; one more byte is the device's
if ping4 1 -M do -s 1444 &&
   ! ip netns exec "$HOST" ping -q -c 1 -W 2 -M do -s 1445 198.51.100.2 > /dev/null 2>&1; then
	ktap_test_pass "DF: 1472 bytes pass, 1473 exceed the device's MTU"
else
	ktap_test_fail "DF: 1472 bytes pass, 1473 exceed the device's MTU"
fi

# 6. ip link can neither delete nor move it
ip netns add "v6gw-other-$$"
defer ip netns del "v6gw-other-$$"
if ! ip -n "$HOST" link del v6gw-clat 2> /dev/null &&
   ! ip -n "$HOST" link set v6gw-clat netns "v6gw-other-$$" 2> /dev/null &&
   ip -n "$HOST" link show v6gw-clat > /dev/null 2>&1; then
	ktap_test_pass "ip link cannot delete v6gw-clat nor move it"
else
	ktap_test_fail "ip link cannot delete v6gw-clat nor move it"
fi

# 7. another island: the address moves, the old one goes
ip -n "$HOST" addr add 2001:db8:1::c1a7:c000:5/128 dev eth0 nodad
h clat set ipv4 192.0.0.4/30 ipv6 2001:db8:1::c1a7:0:0/96 plat 2001:db8:64::/96 host on
if dev_has 192.0.0.5/30 && default_route && ping4 3; then
	ktap_test_pass "ipv4 192.0.0.4/30: 192.0.0.5/30 replaces 192.0.0.1/29, ping"
else
	ktap_test_fail "ipv4 192.0.0.4/30: 192.0.0.5/30 replaces 192.0.0.1/29, ping"
	__diag "$(ip -n "$HOST" addr show v6gw-clat)"
fi

# 8. the PD way: a prefix routed to the host, no address of it on eth0
ip -n "$PLAT" -6 route add 2001:db8:e::/96 via 2001:db8:1::2
h clat set ipv4 192.0.0.0/29 ipv6 2001:db8:e::/96 plat 2001:db8:64::/96 host on
check_cmd "a routed CLAT prefix (2001:db8:e::/96): ping" ping4 3

# 9. save, flush, restore as one transaction
h save > "$TMPD/saved"
h flush
gone=0
ip -n "$HOST" link show v6gw-clat > /dev/null 2>&1 || gone=1
h -b "$TMPD/saved" > /dev/null
if grep -qx "clat set ipv4 192.0.0.0/29 ipv6 2001:db8:e::/96 plat 2001:db8:64::/96 host on" "$TMPD/saved" &&
   [ "$gone" = 1 ] && dev_has 192.0.0.1/29 && default_route && ping4 3; then
	ktap_test_pass "save has host on; flush removes the device; -b restores it"
else
	ktap_test_fail "save has host on; flush removes the device; -b restores it (gone $gone)"
fi

# 10. host off: device and route go, the CLAT stays
h clat set $SET host off
if ! ip -n "$HOST" link show v6gw-clat > /dev/null 2>&1 &&
   [ -z "$(ip -n "$HOST" -4 route show default)" ] &&
   h clat show | grep -qx "$SET" &&
   [ "$(h -j clat show | jq -c '[.host, .host_dev]')" = '[false,null]' ]; then
	ktap_test_pass "host off: device and default route gone, the CLAT stays"
else
	ktap_test_fail "host off: device and default route gone, the CLAT stays"
fi

# 11. a device already named v6gw-clat: refused, nothing changed
ip -n "$HOST" link add v6gw-clat type dummy
if ! h clat set $SET host on 2> "$TMPD/err" &&
   grep -q "another device is named v6gw-clat" "$TMPD/err" &&
   h clat show | grep -qx "$SET" &&
   ip -n "$HOST" -d link show v6gw-clat | grep -q dummy; then
	ktap_test_pass "another v6gw-clat device: refused with a message, nothing changed"
else
	ktap_test_fail "another v6gw-clat device: refused with a message, nothing changed"
	__diag "$(cat "$TMPD/err")"
fi
ip -n "$HOST" link del v6gw-clat

# 12. no PLAT prefix known yet: what the host sends is counted and
# dropped; SIIT in the same namespace does not make the CLAT translate
# with no prefix (IPv6 to the island address is the host's own then)
h siit prefix add 64:ff9b::/96
h clat set ipv4 192.0.0.0/29 ipv6 2001:db8:1::c1a7:0:0/96 plat auto dev eth0 host on
d0=$(stat_of drop-clat-host)
ping4 2
d1=$(stat_of drop-clat-host)
if dev_has 192.0.0.1/29 && [ $((d1 - d0)) = 2 ] &&
   h clat show | grep -q "learned none host on device v6gw-clat"; then
	ktap_test_pass "plat auto, none learned: 2 pings counted in drop-clat-host"
else
	ktap_test_fail "plat auto, none learned: drop-clat-host +$((d1 - d0)), want 2"
fi
check_cmd "no PLAT prefix, SIIT configured: IPv6 to the island address is answered by the host" \
	ip netns exec "$PLAT" ping -q -c 2 -i 0.2 -W 2 2001:db8:1::c1a7:c000:1

# 13. del: device and route go
h clat del
if ! ip -n "$HOST" link show v6gw-clat > /dev/null 2>&1 &&
   [ -z "$(ip -n "$HOST" -4 route show default)" ]; then
	ktap_test_pass "clat del removes the device and its route"
else
	ktap_test_fail "clat del removes the device and its route"
fi

# 14. the namespace goes with a host CLAT; the module with another
h clat set $SET host on
cleanup_ns "$HOST"
sleep 1
if ! kernel_reports_since "$dmesg_lines"; then
	ktap_test_pass "a namespace with a host CLAT is deleted: no kernel report"
else
	ktap_test_fail "a namespace with a host CLAT is deleted: no kernel report"
fi
setup_ns HOST2 || exit "$ksft_fail"
"$V6GW" -n "$HOST2" clat set $SET host on
ip -n "$HOST2" link show v6gw-clat > /dev/null 2>&1
before=$?
v6gw_unload
rc=$?
if [ "$before" = 0 ] && [ "$rc" = 0 ] &&
   ! ip -n "$HOST2" link show v6gw-clat > /dev/null 2>&1 &&
   ! kernel_reports_since "$dmesg_lines"; then
	ktap_test_pass "unload with a host CLAT: its device goes, no kernel report"
else
	ktap_test_fail "unload with a host CLAT (device before $before, rmmod $rc)"
fi
cleanup_all_ns
ip netns del "v6gw-other-$$" 2> /dev/null

ktap_finished
