#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# DHCPv6 prefix delegation routes (RFC 8415, RFC 8987) configured with
# v6gw pd, on the topology of pd_lib.sh, with real peers:
#
#   1. v6gw pd add/del/flush: the proto dhcp route, traffic to a host in
#      the prefix, expiry, renewal (no route change), moves, interface
#      deletion, refused requests (CLI and raw netlink);
#   2. the events multicast group (pd_nl.py events, v6gw monitor);
#   3. v6gw save, rmmod, insmod, v6gw -b: what is left of the lifetimes.
# Snooping is test-pd-snoop.sh's, 100 000 delegations test-pd-scale.sh's.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/pd_lib.sh"

v6gw_load || exit "$ksft_fail"
require_command jq ping "$PY"
"$V6GW" help pd > /dev/null 2>&1 || __skip_all "the v6gw tool has no pd command"

ktap_print_header
ktap_set_plan 14

pd_topology || exit "$ksft_fail"
SC0=$(ip -n "$S" -j link show sc0 | jq '.[0].ifindex')


events_start || echo "# the event listener did not start"

P=2001:db8:100::/56
H_ADDR=2001:db8:100::2
lan 2001:db8:100::

# --- 1. v6gw pd add, del, flush ------------------------------------------

t_add=$(now)
expect "pd add $P via $C_LL dev sc0 valid 4" \
	s pd add "$P" via "$C_LL" dev sc0 valid 4
expect "route: proto dhcp, metric 1024, via $C_LL dev sc0" \
	route_is "$P" "$C_LL" sc0
expect "ip route show: the same route, as text" grep -qx \
	"$P via $C_LL dev sc0 metric 1024 pref medium" \
	<<< "$(ip -n "$S" -6 route show proto dhcp)"
d=$(pd_of "$P")
expect "pd show: the delegation, valid <= 4 s, origin user" jqe "$d" \
	".via == \"$C_LL\" and .dev == \"sc0\" and .ifindex == $SC0 and
	 .valid <= 4 and .preferred == .valid and .origin == \"user\" and
	 has(\"valid_until\")"
case_end "pd add: a proto dhcp route, metric 1024, via the link-local, on the interface"

# When it went: the listener's clock (when it read the events), and the
# kernel's (VALID_UNTIL of the expired event is the time it expired).
expect_within 20000 "the route goes with the valid lifetime" gone_route "$P"
expect_within 5000 "event: expired" event_seen "$t_add" \
	".prefix == \"$P\" and .event == \"expired\""
ev=$(events "$t_add" ".prefix == \"$P\"")
el=$(jq '(.[1].t - .[0].t) * 10 | round / 10' <<< "$ev")
late=$(jq '.[1].valid_until - .[0].valid_until' <<< "$ev")
echo "# expired $el s after it was added (listener), $late s after its valid-until (kernel)"
expect "events: added valid 4, expired" jqe "$ev" \
	'length == 2 and .[0].event == "added" and .[0].valid == 4 and
	 .[1].event == "expired" and .[1].valid == 0'
expect "not before 3 s (2.5 with the listener's delays), not after 8" \
	between 2.5 "$el" 8
expect "the kernel: at its valid-until, up to 2 s late" between -1 "$late" 2
expect "pd show: empty" eq "$(s pd show)" ""
case_end "valid 4: route and delegation gone after 4 s ($el s)"

expect "no route to $H_ADDR (H) from S" ping_fails "$S" "$H_ADDR"
expect "pd add $P valid 600" s pd add "$P" via "$C_LL" dev sc0 valid 600
expect "ping $H_ADDR (H, behind C) from S" ping_ok "$S" "$H_ADDR"
expect "pd del $P" s pd del "$P"
expect "no route to H after pd del" ping_fails "$S" "$H_ADDR"
case_end "traffic to a host in the delegated prefix flows while delegated"

# A renewal changes no route: nothing for ip monitor between two markers.
IPMON=$TMPD/ipmon
bg ip -n "$S" monitor route > "$IPMON" 2>&1
# marker N: a route added and deleted in S, seen by ip monitor
marker()
{
	ip -n "$S" route add "2001:db8:ffff:$1::/64" dev lo &&
	ip -n "$S" route del "2001:db8:ffff:$1::/64" dev lo &&
	busywait 10000 grep -q "^Deleted 2001:db8:ffff:$1::/64" "$IPMON"
}
# between_markers A B: what ip monitor printed between markers A and B
between_markers()
{
	sed -n "/^Deleted 2001:db8:ffff:$1::/,/^2001:db8:ffff:$2::/p" \
		"$IPMON" | sed '1d;$d'
}
sleep 0.5
expect "ip monitor: marker 1" marker 1
expect "pd add valid 30" s pd add "$P" via "$C_LL" dev sc0 valid 30
expect "ip monitor: marker 2" marker 2
expect "pd add again: valid 100 preferred 60 (a renewal)" \
	s pd add "$P" via "$C_LL" dev sc0 valid 100 preferred 60
expect "ip monitor: marker 3" marker 3
expect "ip monitor: the route added" grep -q "^$P via $C_LL dev sc0" \
	<<< "$(between_markers 1 2)"
expect "ip monitor: no route event on renewal" eq \
	"$(between_markers 2 3)" ""
d=$(pd_of "$P")
expect "pd show: valid extended to 100, preferred 60" jqe "$d" \
	'.valid >= 85 and .valid <= 100 and .valid - .preferred == 40'
expect "the route is still there" route_is "$P" "$C_LL" sc0
case_end "renewal: the route is left alone (no route event), the lifetime extended"

# A renewal may shorten the lifetime too (RFC 8415 18.2.10.1: the Reply's
# lifetimes are the lease's): the route must go when the new one ends.
expect "pd add again: valid 3" s pd add "$P" via "$C_LL" dev sc0 valid 3
d=$(pd_of "$P")
expect "pd show: valid 3" jqe "$d" '.valid <= 3'
t0=$(now)
if ! busywait 12000 gone_route "$P" > /dev/null; then
	echo "# check failed: the route outlived the renewed valid lifetime of 3 s"
	__diag "$(ip -n "$S" -6 route show proto dhcp; s pd show)"
	FAILED+="route gone 3 s after a shortening renewal; "
fi
el=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
s pd del "$P" > /dev/null 2>&1
case_end "renewal to a shorter lifetime (valid 100, then 3): the route goes after 3 s ($el s)"

# Moves: another router on the same link, then another interface, whose
# deletion takes the delegation.
t0=$(now)
expect "pd add via fe80::3" s pd add "$P" via fe80::3 dev sc0 valid 100
expect "route via fe80::3 dev sc0" route_is "$P" fe80::3 sc0
expect "pd add via $D_LL dev sd0 (move)" s pd add "$P" via "$D_LL" dev sd0 \
	valid 200
expect "route via $D_LL dev sd0, only one" route_is "$P" "$D_LL" sd0
d=$(pd_of "$P")
expect "pd show: via $D_LL dev sd0, valid 200" jqe "$d" \
	".via == \"$D_LL\" and .dev == \"sd0\" and .valid >= 197"
expect "pd add back to $C_LL dev sc0" s pd add "$P" via "$C_LL" dev sc0
expect "route via $C_LL dev sc0 again" route_is "$P" "$C_LL" sc0
expect "ping $H_ADDR after the moves" ping_ok "$S" "$H_ADDR"
expect_within 5000 "the last move's events" event_seen "$t0" \
	".prefix == \"$P\" and .event == \"added\" and .via == \"$C_LL\""
expect "events: added; removed (old router), added (new) for each move" \
	jqe "$(events "$t0" ".prefix == \"$P\"")" \
	"map([.event, .via, .dev]) == [[\"added\", \"fe80::3\", \"sc0\"],
	 [\"removed\", \"fe80::3\", \"sc0\"],
	 [\"added\", \"$D_LL\", \"sd0\"],
	 [\"removed\", \"$D_LL\", \"sd0\"],
	 [\"added\", \"$C_LL\", \"sc0\"]]"
case_end "moving a prefix to another router, another interface, and back"

# The kernel drops the routes through an interface that goes down; the
# delegations stay, and their routes come back when it comes up (v6gw(8)).
# A renewal puts back a route deleted by hand.
# (S keeps its addresses on sc0 meanwhile, for the ping after)
ip netns exec "$S" sysctl -qw net.ipv6.conf.sc0.keep_addr_on_down=1
expect "ip link set sc0 down" ip -n "$S" link set sc0 down
expect_within 5000 "the kernel dropped the route" gone_route "$P"
expect "the delegation stays" jqe "$(pd_of "$P")" ".via == \"$C_LL\""
expect "ip link set sc0 up" ip -n "$S" link set sc0 up
expect_within 10000 "the route is back" route_is "$P" "$C_LL" sc0
expect "ping $H_ADDR" ping_ok "$S" "$H_ADDR"
expect "ip route del $P" ip -n "$S" route del "$P"
expect "pd add again (a renewal)" s pd add "$P" via "$C_LL" dev sc0
expect "the route is back" route_is "$P" "$C_LL" sc0
case_end "interface down: the route goes, the delegation stays; up: the route is back; a renewal restores a deleted route"

expect "pd add via $D_LL dev sd0" s pd add "$P" via "$D_LL" dev sd0
expect "pd add 2001:db8:101::/56 on sc0" s pd add 2001:db8:101::/56 \
	via "$C_LL" dev sc0
expect "ip link del sd0" ip -n "$S" link del sd0
expect_within 10000 "the delegation goes with sd0" \
	eval '[ -z "$(pd_of "$P")" ]'
expect "no route to $P" no_route "$P"
expect "the delegation on sc0 stays" route_is 2001:db8:101::/56 "$C_LL" sc0
expect "pd del 2001:db8:101::/56" s pd del 2001:db8:101::/56
veth "$S" sd0 02:00:00:00:00:03 "$S_LL" "$D" dc0 02:00:00:00:00:04 "$D_LL"
case_end "deleting the interface removes its delegations, only those"

expect "pd add $P" s pd add "$P" via "$C_LL" dev sc0 valid 100
expect "pd add 2001:db8:102::/56" s pd add 2001:db8:102::/56 via "$C_LL" dev sc0
expect "pd add 2001:db8:103::/64 valid infinity" s pd add 2001:db8:103::/64 \
	via fe80::3 dev sc0 valid infinity
expect "pd del $P" s pd del "$P"
expect "no route to $P" no_route "$P"
expect "pd del $P again: no such delegation" fails_with "no such delegation" \
	s pd del "$P"
expect "the other two stay" jqe "$(routes)" \
	'[.[].dst] | sort == ["2001:db8:102::/56", "2001:db8:103::/64"]'
expect "pd flush" s pd flush
expect "no proto dhcp route left" jqe "$(routes)" 'length == 0'
expect "pd show: empty" eq "$(s pd show)" ""
case_end "pd del, pd flush"

expect "via a global address" fails_with \
	"via must be a link-local unicast address" \
	s pd add "$P" via "$C_ADDR" dev sc0
expect "preferred > valid" fails_with \
	"the preferred lifetime exceeds the valid one" \
	s pd add "$P" via "$C_LL" dev sc0 valid 5 preferred 10
expect "::/0" fails_with "/0" s pd add ::/0 via "$C_LL" dev sc0
expect "an unknown interface" fails_with "nope0" \
	s pd add "$P" via "$C_LL" dev nope0
expect "valid 0" fails_with "valid" s pd add "$P" via "$C_LL" dev sc0 valid 0
# A route of someone else's to the prefix, metric 1024: the routing
# code refuses the delegation's, and pd-route-fail counts it.
expect "ip route add $P (static, metric 1024)" ip -n "$S" route add "$P" \
	via fe80::9 dev sc0 metric 1024
st0=$(pd_stats)
expect "pd add over it" fails_with \
	"another route to the prefix with metric 1024 exists" \
	s pd add "$P" via "$C_LL" dev sc0
st1=$(pd_stats)
expect "pd-route-fail: 1" eq "$(delta "$st0" "$st1" pd-route-fail)" 1
expect "the static route stays" jqe \
	"$(ip -n "$S" -6 -j route show exact "$P")" \
	'length == 1 and .[0].gateway == "fe80::9" and
	 (.[0].protocol // "boot") == "boot"'
expect "ip route del $P" ip -n "$S" route del "$P"
expect "nothing added" eq "$(s pd show)" ""
expect "no route" no_route "$P"
case_end "refused: via not link-local, preferred > valid, ::/0, unknown interface, valid 0, a clash with another route (pd-route-fail)"

out=$(ip netns exec "$S" "$PY" "$PD_NL" check "$SC0" 2>&1)
rc=$?
echo "$out" | grep '^not ok' | sed 's/^/# /'
expect "pd_nl.py check: $(grep -c '^ok' <<< "$out") passed" [ "$rc" = 0 ]
case_end "netlink: refused requests with the kernel's messages; defaults"

# --- 2. events ------------------------------------------------------------------

MONLOG=$TMPD/monitor.json
has_monitor=0
if "$V6GW" help monitor > /dev/null 2>&1; then
	has_monitor=1
	bg ip netns exec "$S" "$V6GW" -j monitor events > "$MONLOG" 2>&1
	MON_PID=$BG
	sleep 1
fi
# Few v6gw runs (batches): each is slow to start in a TCG guest.
t0=$(now)
printf 'pd add 2001:db8:500::/56 via %s dev sc0 valid %s\n' \
	"$C_LL" 3 "$C_LL" "4 preferred 2" > "$TMPD/b1"
expect "batch 1: add valid 3, renew valid 4" s -b "$TMPD/b1"
expect_within 10000 "expired" event_seen "$t0" \
	'.prefix == "2001:db8:500::/56" and .event == "expired"'
{
	echo "pd add 2001:db8:501::/56 via $C_LL dev sc0"
	echo "pd del 2001:db8:501::/56"
	echo "pd add 2001:db8:502::/56 via $C_LL dev sc0 valid 50"
	echo "pd add 2001:db8:503::/56 via $C_LL dev sc0"
	echo "pd flush"
	echo "pd add 2001:db8:504::/56 via $D_LL dev sd0"
} > "$TMPD/b2"
expect "batch 2: add, del, add, add, flush, add on sd0" s -b "$TMPD/b2"
expect "ip link del sd0" ip -n "$S" link del sd0
printf 'pd add 2001:db8:505::/56 via %s dev sc0\n' "$C_LL" fe80::3 \
	> "$TMPD/b3"
expect "batch 3: add, move" s -b "$TMPD/b3"
expect_within 10000 "the last one" event_seen "$t0" \
	'.prefix == "2001:db8:505::/56" and .via == "fe80::3"'
expect_within 10000 "the interface's" event_seen "$t0" \
	'.prefix == "2001:db8:504::/56" and .event == "removed"'
ev=$(events "$t0" '.prefix | startswith("2001:db8:50")')
SD0=$(jq '[.[] | select(.prefix == "2001:db8:504::/56")][0].ifindex' <<< "$ev")
got=$(jq -r '.[] | "\(.prefix | split("::")[0] | split(":")[2]) \(.event) \(.via) \(.valid)"' <<< "$ev" |
	sed 's/ 4294967295$/ inf/' | paste -sd, -)
echo "# events: $got"
# [prefix, event, via, "inf" / "fin" (valid infinite or not)] each; the
# two of the flush in either order
m=$(jq -c '[.[] | [(.prefix | split("::")[0]), .event, .via,
	(if .valid == 4294967295 then "inf" else "fin" end)]] |
	.[0:7] + (.[7:9] | sort) + .[9:]' <<< "$ev")
expect "in order: added, renewed, expired, added/removed (del), added x2/removed x2 (flush), added/removed (interface), added, removed/added (move)" \
	jqe "$m" ". == [[\"2001:db8:500\", \"added\", \"$C_LL\", \"fin\"],
	 [\"2001:db8:500\", \"renewed\", \"$C_LL\", \"fin\"],
	 [\"2001:db8:500\", \"expired\", \"$C_LL\", \"fin\"],
	 [\"2001:db8:501\", \"added\", \"$C_LL\", \"inf\"],
	 [\"2001:db8:501\", \"removed\", \"$C_LL\", \"inf\"],
	 [\"2001:db8:502\", \"added\", \"$C_LL\", \"fin\"],
	 [\"2001:db8:503\", \"added\", \"$C_LL\", \"inf\"],
	 [\"2001:db8:502\", \"removed\", \"$C_LL\", \"fin\"],
	 [\"2001:db8:503\", \"removed\", \"$C_LL\", \"inf\"],
	 [\"2001:db8:504\", \"added\", \"$D_LL\", \"inf\"],
	 [\"2001:db8:504\", \"removed\", \"$D_LL\", \"inf\"],
	 [\"2001:db8:505\", \"added\", \"$C_LL\", \"inf\"],
	 [\"2001:db8:505\", \"removed\", \"$C_LL\", \"inf\"],
	 [\"2001:db8:505\", \"added\", \"fe80::3\", \"inf\"]]"
expect "lifetimes: added valid 3, renewed valid 4 preferred 2, expired 0" \
	jqe "$ev" '.[0].valid <= 3 and .[0].preferred <= 3 and
	 .[1].valid == 4 and .[1].preferred == 2 and .[2].valid == 0 and
	 .[2].preferred == 0 and .[5].valid <= 50 and .[5].valid >= 48'
expect "every event: prefix, via, ifindex, valid, preferred, EVENT" jqe "$ev" \
	"all(.[]; has(\"prefix\") and has(\"via\") and has(\"ifindex\") and
	 has(\"valid\") and has(\"preferred\") and has(\"event\")) and
	 all(.[]; .ifindex == $SC0 or .ifindex == $SD0)"
case_end "events: added, renewed, expired, removed (del, flush, interface), moves; in order, with prefix, via, ifindex and lifetimes"

veth "$S" sd0 02:00:00:00:00:03 "$S_LL" "$D" dc0 02:00:00:00:00:04 "$D_LL"
if [ "$has_monitor" = 1 ]; then
	sleep 0.5
	bg_kill "$MON_PID"
	# PD_EVENT lines (any spelling), the nest that has the event
	m=$(jq -c 'select(.cmd | ascii_downcase | gsub("_"; "-") ==
		"pd-event") | [.[] | objects | select(has("event"))][0] |
		[(.prefix | split("::")[0]), (.event | tostring)]' "$MONLOG" |
		jq -sc 'map(.[1] |= ({"1": "added", "2": "renewed",
			"3": "expired", "4": "removed"}[.] // .))')
	echo "# v6gw monitor: $m"
	expect "v6gw -j monitor events: the same 14 events" jqe "$m" \
		'map(.[1]) == ["added", "renewed", "expired", "added", "removed",
		  "added", "added", "removed", "removed", "added", "removed",
		  "added", "removed", "added"] and .[0][0] == "2001:db8:500"'
	case_end "v6gw monitor events prints them"
else
	case_skip "v6gw monitor events prints them" "no v6gw monitor"
fi

# --- 3. save, rmmod, insmod, restore -------------------------------------------------

events_stop
s pd flush
expect "pd snoop dev sc0 on" s pd snoop dev sc0 on
expect "pd add, valid 100, preferred 50" s pd add 2001:db8:601::/56 \
	via "$C_LL" dev sc0 valid 100 preferred 50
expect "pd add, infinite" s pd add 2001:db8:602::/64 via fe80::3 dev sc0
before=$(pd_of 2001:db8:601::/56)
# the short one last, and saved at once
expect "pd add, valid 6" s pd add 2001:db8:600::/56 via "$C_LL" dev sc0 \
	valid 6
t_short=$(now)
s save > "$TMPD/saved"
t_save=$(now)
echo "# saved:"
__diag "$(grep '^pd' "$TMPD/saved")"
expect "saved: all three" eq "$(grep -c '^pd add' "$TMPD/saved")" 3
expect "rmmod v6gw" rmmod v6gw
expect "the routes went with the module" jqe "$(routes)" 'length == 0'
# until the short one's valid-until has passed (and a second more)
sleep "$(awk -v t="$t_short" -v n="$(now)" \
	'BEGIN { d = t + 7 - n; print (d > 0 ? d : 0) }')"
expect "insmod" v6gw_load
out=$(s -b "$TMPD/saved" 2>&1)
rc=$?
t_rest=$(now)
__diag "$out"
expect "v6gw -b: exit 0" [ "$rc" = 0 ]
expect "v6gw -b: a note for the expired one" grep -q \
	"2001:db8:600::/56.*expired, skipped" <<< "$out"
el=$(awk -v a="$t_save" -v b="$t_rest" 'BEGIN { printf "%.1f", b - a }')
after=$(pd_of 2001:db8:601::/56)
echo "# before: $before"
echo "# after:  $after ($el s later)"
expect "the long one back, with the same valid-until and preferred-until (2 s)" \
	jqe "[$before, $after]" '(.[1].valid_until | fromdateiso8601) -
	 (.[0].valid_until | fromdateiso8601) | . >= -2 and . <= 2'
expect "preferred-until" jqe "[$before, $after]" \
	'(.[1].preferred_until | fromdateiso8601) -
	 (.[0].preferred_until | fromdateiso8601) | . >= -2 and . <= 2'
expect "what is left: valid 100 - $el, preferred 50 - $el" jqe "$after" \
	".valid <= 100 - $el + 1 and .valid - .preferred == 50 and
	 .via == \"$C_LL\" and .dev == \"sc0\""
expect "the infinite one back" jqe "$(pd_of 2001:db8:602::/64)" \
	'.valid == 4294967295 and .via == "fe80::3"'
expect "the expired one not" eq "$(pd_of 2001:db8:600::/56)" ""
expect "their routes, not the expired one's" jqe "$(routes)" \
	'[.[].dst] | sort == ["2001:db8:601::/56", "2001:db8:602::/64"]'
expect "snooping on sc0 again" jqe "$(s -j pd snoop show)" \
	'length == 1 and .[0].dev == "sc0"'
case_end "save, rmmod (routes go), insmod, -b: the long delegation back with its remaining lifetime, the expired one not"

s pd flush
ktap_finished
