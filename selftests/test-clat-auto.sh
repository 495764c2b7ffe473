#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The CLAT's PLAT prefix learned from PREF64 (RFC 8781) in the RAs its
# upstream interface receives: "clat set ... plat auto dev IFNAME".
#
#   [H4] 192.168.1.10 eth0 -- eth4 192.168.1.1 [CLAT] eth6 2001:db8:1::2
#                                                     |
#   [SRV] 198.51.100.2 eth0 -- eth4 198.51.100.1 [PLAT] eth6 2001:db8:1::1
#
# PLAT runs radvd and v6gw's RA injection (ra set dev eth6 pref64 ...):
# the real way a CLAT learns. Single RAs from ra_pref64.py then change the
# prefix, withdraw it (lifetime 0), let it expire (8 s), and try what must
# be ignored (an overlapping prefix, the wrong interface). v6gw monitor
# events must report each change, clat-plat-changed count them.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/ra_lib.sh"

v6gw_load || exit "$ksft_fail"
require_command radvd python3

SELF=$(cd "$(dirname "$0")" && pwd)
ktap_print_header
ktap_set_plan 15

setup_ns H4 CLAT PLAT SRV || exit "$ksft_skip"
ip link add eth0 netns "$H4" type veth peer name eth4 netns "$CLAT"
ip link add eth6 netns "$CLAT" type veth peer name eth6 netns "$PLAT"
ip link add eth4 netns "$PLAT" type veth peer name eth0 netns "$SRV"
for l in "$H4 eth0" "$CLAT eth4" "$CLAT eth6" "$PLAT eth6" "$PLAT eth4" \
	 "$SRV eth0"; do
	set -- $l
	ip -n "$1" link set "$2" up
done
ip -n "$H4" addr add 192.168.1.10/24 dev eth0
ip -n "$H4" route add default via 192.168.1.1
ip -n "$CLAT" addr add 192.168.1.1/24 dev eth4
ip -n "$CLAT" addr add 2001:db8:1::2/64 dev eth6 nodad
ip -n "$CLAT" -6 route add default via 2001:db8:1::1
ip -n "$PLAT" addr add 2001:db8:1::1/64 dev eth6 nodad
ip -n "$PLAT" -6 route add 2001:db8:c::/64 via 2001:db8:1::2
ip -n "$PLAT" addr add 198.51.100.1/24 dev eth4
ip -n "$SRV" addr add 198.51.100.2/24 dev eth0
ip -n "$SRV" route add default via 198.51.100.1
for ns in "$CLAT" "$PLAT"; do
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.forwarding=1 \
		net.ipv4.ip_forward=1
done
"$V6GW" -n "$PLAT" nat64 prefix add 2001:db8:64::/96
"$V6GW" -n "$PLAT" nat64 pool4 add 198.51.100.1/32

clat() { "$V6GW" -n "$CLAT" "$@"; }
stat_of() { clat -j -s stats show | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
ra() { ip netns exec "$PLAT" python3 "$SELF/ra_pref64.py" "$@"; }
# learned P: wait until the CLAT shows P learned ("none": none)
learned() { busywait 15000 sh -c "\"\$0\" -n \"\$1\" clat show | grep -q \"learned \$2\( \|\$\)\"" "$V6GW" "$CLAT" "$1"; }
island_ping() { ip netns exec "$H4" ping -c 1 -W 2 198.51.100.2; }
nevents() { grep -c "^CLAT_EVENT" "$TMPD/mon"; }

clat monitor events > "$TMPD/mon" 2>&1 &
MON=$!
stop_monitor() { kill "$MON" 2> /dev/null; }
defer stop_monitor
# the link-local addresses RAs come from
busywait 10000 sh -c "! ip -n '$PLAT' -6 addr show dev eth6 tentative | grep -q ." > /dev/null

# 1. nothing learned yet: the CLAT translates nothing
clat clat set ipv4 192.168.1.0/24 ipv6 2001:db8:c::/64 plat auto dev eth6
if clat clat show | grep -q "plat auto dev eth6 learned none" &&
   clat -j clat show | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(not (d["plat"] is None and d["dev"] == "eth6"))' &&
   ! island_ping > /dev/null && [ "$(stat_of clat-4to6)" = 0 ]; then
	ktap_test_pass "plat auto: none learned, nothing translated"
else
	ktap_test_fail "plat auto: none learned, nothing translated"
fi

# 2. radvd's RAs with v6gw's PREF64 added on PLAT
radvd_conf "$TMPD/r.conf" eth6 0 "prefix 2001:db8:1::/64 { };"
"$V6GW" -n "$PLAT" ra set dev eth6 pref64 2001:db8:64::/96 lifetime 600
radvd_start "$PLAT" "$TMPD/r.conf"
check_cmd "radvd + ra set pref64 on the PLAT: the CLAT learns 2001:db8:64::/96" \
	learned 2001:db8:64::/96
check_cmd "the island reaches the IPv4 server through both translators" \
	island_ping
check_cmd "event: learned" busywait 30000 grep -q \
	"CLAT_EVENT clat { event learned plat-ifindex [0-9]* plat 2001:db8:64::/96" "$TMPD/mon"
radvd_stop "$PLAT"
# from here on single RAs, which the PLAT's rule must not add to
"$V6GW" -n "$PLAT" ra del dev eth6

# 3. another prefix replaces it at once
ra eth6 2001:db8:65::/96 600
check_cmd "a new PREF64 replaces the prefix" learned 2001:db8:65::/96
check_fail "the island's traffic follows it (no NAT64 has that prefix)" \
	island_ping

# 4. lifetime 0 withdraws it
ra eth6 2001:db8:65::/96 0
check_cmd "lifetime 0: withdrawn" learned none

# 5. a lifetime ends
ra eth6 2001:db8:64::/96 8
learned 2001:db8:64::/96 > /dev/null
t0=$(date +%s)
if learned none > /dev/null && [ $(($(date +%s) - t0)) -le 14 ]; then
	ktap_test_pass "lifetime 8 s: learned, then expired"
else
	ktap_test_fail "lifetime 8 s: learned, then expired ($(clat clat show))"
fi

# 6. ignored: an RA on the island's side; a prefix overlapping the CLAT's
ra eth6 2001:db8:64::/96 600
learned 2001:db8:64::/96 > /dev/null
ip link add eth9 netns "$CLAT" type veth peer name eth9 netns "$PLAT"
ip -n "$CLAT" link set eth9 up
ip -n "$PLAT" link set eth9 up
busywait 10000 sh -c "ip -n '$PLAT' -6 addr show dev eth9 | grep -q 'scope link' && ! ip -n '$PLAT' -6 addr show dev eth9 tentative | grep -q ." > /dev/null
ra eth9 2001:db8:66::/96 600
ra eth6 2001:db8:c::/96 600
sleep 1
# then a refresh: once it shows, the RAs before it were read
ra eth6 2001:db8:64::/96 4000
check_cmd "ignored: another interface's RA, a prefix overlapping the CLAT's" \
	busywait 10000 sh -c "\"\$0\" -n \"\$1\" clat show | grep -q 'learned 2001:db8:64::/96 lifetime [34][0-9][0-9][0-9]\$'" \
	"$V6GW" "$CLAT"

# 7. set again on the same interface: kept; save
clat clat set ipv4 192.168.1.0/24 ipv6 2001:db8:c::/64 plat auto dev eth6
check_cmd "set again on the same interface keeps the prefix" \
	sh -c "\"\$0\" -n \"\$1\" clat show | grep -q 'learned 2001:db8:64::/96' && \"\$0\" -n \"\$1\" clat show | grep -q 'lifetime [1-9]'" \
	"$V6GW" "$CLAT"
check_cmd "save keeps plat auto, not what was learned" \
	sh -c "\"\$0\" -n \"\$1\" save | grep -qx 'clat set ipv4 192.168.1.0/24 ipv6 2001:db8:c::/64 plat auto dev eth6'" \
	"$V6GW" "$CLAT"

# 8. events and the counter agree: learned, changed, withdrawn (0),
# learned, withdrawn (expired), learned
want=6
busywait 30000 sh -c "[ \$(grep -c '^CLAT_EVENT' '$TMPD/mon') -ge $want ]" > /dev/null
got=$(grep '^CLAT_EVENT' "$TMPD/mon" | sed 's/.*event \([a-z]*\).*/\1/' | tr '\n' ' ')
if [ "$got" = "learned changed withdrawn learned withdrawn learned " ] &&
   [ "$(stat_of clat-plat-changed)" = "$want" ]; then
	ktap_test_pass "events: $got= clat-plat-changed"
else
	ktap_test_fail "events: '$got', clat-plat-changed $(stat_of clat-plat-changed), want $want"
fi

# 9. a static PLAT prefix stops the learning; back to auto forgets nothing
# it should not: the interface's next RA teaches it again
clat clat set ipv4 192.168.1.0/24 ipv6 2001:db8:c::/64 plat 2001:db8:64::/96
ra eth6 2001:db8:65::/96 600
sleep 1
check_cmd "a configured PLAT prefix ignores RAs" \
	sh -c "\"\$0\" -n \"\$1\" clat show | grep -qx 'ipv4 192.168.1.0/24 ipv6 2001:db8:c::/64 plat 2001:db8:64::/96'" \
	"$V6GW" "$CLAT"

# 10. the namespace goes while learning; then the module
clat clat set ipv4 192.168.1.0/24 ipv6 2001:db8:c::/64 plat auto dev eth6
ra eth6 2001:db8:64::/96 8
dmesg_lines=$(dmesg | wc -l)
cleanup_ns "$CLAT"
sleep 1
if ! kernel_reports_since "$dmesg_lines"; then
	ktap_test_pass "namespace deleted while learning: no kernel report"
else
	ktap_test_fail "namespace deleted while learning: no kernel report"
fi
stop_monitor
cleanup_all_ns
check_cmd "the module unloads" v6gw_unload

ktap_finished
