#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A storm of malformed packets through every feature (storm.py, fixed
# seeds): truncated headers, lying length fields, bad checksums, nested
# ICMP errors, tiny and overlapping fragments, extension header chains,
# IPv4 options, zero-length payloads, TTL 0 and 1, in both directions
# through SIIT (prefix and EAM) and NAT64; bogus RAs out of an interface
# with an RA rule; bogus DHCPv6 Replies into a snooped interface.
#
#   [H6] eth0 ---- eth6 [GW] eth4 ---- eth0 [H4]
#
# Then: no kernel report; every packet the translation hooks inspected is
# counted once, as passed, translated or dropped (ipv6-in + ipv4-in =
# the pass, xlat and drop-* counters; "hairpin" marks a translated packet
# that went round a second time, and no IPv4 SYN is held, a case counted
# twice);
# drop-internal stays 0; the storm reached deep (several drop reasons);
# the RA and DHCPv6 parsers saw their storms; traffic still flows.

source "$(dirname "$0")/lib.sh"

v6gw_load || exit "$ksft_fail"
require_command python3

ktap_print_header
ktap_set_plan 9

HERE=$(cd "$(dirname "$0")" && pwd)
COUNT=${V6GW_STORM_COUNT:-3000}

xlat_topology || exit "$ksft_skip"

gw() { "$V6GW" -n "$GW" "$@"; }
configure()
{
	gw siit prefix add 2001:db8:46::/96 &&
	gw siit eam add 2001:db8:6::/120 192.0.2.0/24 &&
	gw nat64 prefix add 2001:db8:64::/96 &&
	gw nat64 pool4 add 203.0.113.1/32 &&
	gw ra set dev eth6 rdnss 2001:db8:6::53 pref64 2001:db8:64::/96 &&
	gw pd snoop dev eth6 on
}
check_cmd "SIIT, NAT64, an RA rule and PD snooping on GW" configure

pings()
{
	ip netns exec "$H6" ping -6 -c 1 -W 3 2001:db8:46::198.51.100.2 &&
	ip netns exec "$H6" ping -6 -c 1 -W 3 2001:db8:64::198.51.100.2
} > /dev/null 2>&1

# stats: every counter of GW, as "name value" lines
stats()
{
	gw -j -s stats show | python3 -c '
import json, sys
for k, v in json.load(sys.stdin).items():
    print(k, v)'
}
# stat FILE NAME
stat() { awk -v n="$2" '$1 == n { print $2 }' "$1"; }

TMPD=$(mktemp -d)
defer rm -rf "$TMPD"
stats > "$TMPD/s0"
dmesg_lines=$(dmesg | wc -l)

mac6=$(ip netns exec "$GW" cat /sys/class/net/eth6/address)
mac4=$(ip netns exec "$GW" cat /sys/class/net/eth4/address)
n6=$(ip netns exec "$H6" python3 "$HERE/storm.py" ip6 eth0 "$mac6" "$COUNT" 1)
n4=$(ip netns exec "$H4" python3 "$HERE/storm.py" ip4 eth0 "$mac4" "$COUNT" 1)
nd=$(ip netns exec "$H6" python3 "$HERE/storm.py" dhcp6 eth0 "$mac6" 300 1)
nd2=$(ip netns exec "$GW" python3 "$HERE/storm.py" dhcp6-reply eth6 300 1)
nr=$(ip netns exec "$GW" python3 "$HERE/storm.py" ra eth6 300 1)
__diag "sent: $n6 IPv6, $n4 IPv4, $nd DHCPv6 to GW, $nd2 from GW, $nr RAs"

# the counters settle once the last packet went through (polled, not timed)
settled()
{
	stats > "$TMPD/s1"
	sleep 0.5
	stats > "$TMPD/s2"
	cmp -s "$TMPD/s1" "$TMPD/s2"
}
busywait 20000 settled

# delta NAME...: the growth of the counters named, summed
delta()
{
	local n sum=0
	for n in "$@"; do
		sum=$((sum + $(stat "$TMPD/s2" "$n") - $(stat "$TMPD/s0" "$n")))
	done
	echo "$sum"
}
in=$(delta ipv6-in ipv4-in)
drops=$(delta $(awk '$1 ~ /^drop-/ { print $1 }' "$TMPD/s2"))
out=$(( $(delta ipv6-pass ipv4-pass xlat-6to4 xlat-4to6) + drops ))
if [ "$in" -gt "$COUNT" ] && [ "$in" = "$out" ]; then
	ktap_test_pass "every inspected packet counted once: $in in = $out passed, translated or dropped"
else
	ktap_test_fail "every inspected packet counted once: $in in, $out passed, translated or dropped"
	paste "$TMPD/s0" "$TMPD/s2" | awk '$2 != $4' | sed 's/^/# /'
fi
if [ "$(stat "$TMPD/s2" drop-internal)" = 0 ] &&
   [ "$(delta nat64-syn-held)" = 0 ]; then
	ktap_test_pass "drop-internal 0 (and no held SYN; $(delta hairpin) hairpinned)"
else
	ktap_test_fail "drop-internal 0 (and no held SYN)"
	__diag "drop-internal $(stat "$TMPD/s2" drop-internal), hairpin $(delta hairpin), nat64-syn-held $(delta nat64-syn-held)"
fi
reasons=$(paste "$TMPD/s0" "$TMPD/s2" |
	awk '$1 ~ /^drop-/ && $4 > $2 { n++ } END { print n + 0 }')
x=$(delta xlat-6to4 xlat-4to6)
if [ "$reasons" -ge 6 ] && [ "$x" -gt 0 ]; then
	ktap_test_pass "the storm reached deep: $reasons drop reasons, $x translated"
else
	ktap_test_fail "the storm reached deep: $reasons drop reasons, $x translated"
fi
ra=$(delta ra-rewritten ra-unchanged ra-malformed ra-too-big ra-nomem)
if [ "$ra" -ge 1 ] && [ "$ra" -le "$nr" ] &&
   [ "$(delta ra-malformed)" -ge 1 ]; then
	ktap_test_pass "RA storm: $ra of $nr RAs looked at, $(delta ra-malformed) malformed"
else
	ktap_test_fail "RA storm: $ra of $nr RAs looked at, $(delta ra-malformed) malformed"
fi
pd=$(delta pd-snooped pd-malformed)
if [ "$pd" -ge 1 ] && [ "$(delta pd-malformed)" -ge 1 ]; then
	ktap_test_pass "DHCPv6 storm: $pd snooped, $(delta pd-malformed) malformed"
else
	ktap_test_fail "DHCPv6 storm: $pd snooped, $(delta pd-malformed) malformed"
fi
if kernel_reports_since "$dmesg_lines" > "$TMPD/reports"; then
	ktap_test_fail "no kernel report"
	sed 's/^/# /' "$TMPD/reports"
else
	ktap_test_pass "no kernel report"
fi
check_cmd "traffic still flows through SIIT and NAT64" pings
check_cmd "the module unloads after the storm" v6gw_unload

ktap_finished
