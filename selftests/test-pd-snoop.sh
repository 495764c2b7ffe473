#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# DHCPv6 prefix delegation routes (RFC 8415, RFC 8987) learned by
# snooping, on the topology of pd_lib.sh, with real peers:
#
#   1. ISC dhcpd -6 in S delegating to dhclient -6 -P in C: the route, the
#      server's lifetimes, a host behind C reachable, renewals, Release,
#      expiry of a client that died;
#   2. malformed DHCPv6 (scapy): nothing learned, counted, passed on;
#      what must not be learned (failure status, unsnooped interface,
#      Replies arriving);
#   3. Relay-Reply (RFC 8987), nested; valid lifetime 0; Releases from
#      the holder only; snooping off and on, and gone with its interface.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/pd_lib.sh"

v6gw_load || exit "$ksft_fail"
require_command jq ping "$PY"
"$V6GW" help pd > /dev/null 2>&1 || __skip_all "the v6gw tool has no pd command"

ktap_print_header
ktap_set_plan 12

pd_topology || exit "$ksft_fail"
SC0=$(ip -n "$S" -j link show sc0 | jq '.[0].ifindex')

# Every DHCPv6 frame that reaches C's cs0.
CSNIFF=$TMPD/c.sniff
bg ip netns exec "$C" "$PY" "$PD_NL" sniff cs0 "$CSNIFF" 2>> "$TMPD/sniff.err"
busywait 30000 test -e "$CSNIFF.ready" || echo "# the sniffer did not start"

events_start || echo "# the event listener did not start"

# The frames of cases 2 and 3, built with scapy (slow to start under TCG)
# while case 1 runs.
FRAMES=$TMPD/frames
bg "$PY" "$PD_NL" craft "$FRAMES" \
	--from "$S_MAC,$S_LL" --to "$C_MAC,$C_LL" \
	m1=truncated:2001:db8:31::/56 \
	m2=iapd-past-end:2001:db8:32::/56 \
	m3=iaprefix-past:2001:db8:33::/56 \
	m4=iaprefix-short:2001:db8:34::/56 \
	m5=status-short:2001:db8:35::/56 \
	m6=badsum:2001:db8:36::/56 \
	m7=relay-nomsg:2001:db8:37::/56 \
	good=reply:2001:db8:30::/56,60,30 \
	fail=status-fail:2001:db8:38::/56 \
	relay=relay:fe80::c,2001:db8:40::/56,60,30 \
	relay2=relay2:fe80::c,2001:db8:41::/56,50,40 \
	relay0=relay:fe80::c,2001:db8:40::/56,0,0 \
	off=reply:2001:db8:3b::/56,60,30 \
	marker=reply:2001:db8:3c::/56,60,30 \
	--from "02:00:00:00:00:03,$S_LL" --to "02:00:00:00:00:04,$D_LL" \
	unsnooped=reply:2001:db8:39::/56,60,30 \
	--from "$C_MAC,$C_LL" --to "$S_MAC,$S_LL" \
	inreply=reply:2001:db8:3a::/56,60,30 \
	release=release:2001:db8:30::/56 \
	--from "$C_MAC,fe80::99" --to "$S_MAC,$S_LL" \
	spoofrel=release:2001:db8:41::/56 \
	--from "$C_MAC,fe80::c" --to "$S_MAC,$S_LL" \
	relrel=release:2001:db8:41::/56 \
	> "$TMPD/craft.log" 2>&1

# --- 1. snooping dhcpd and dhclient ----------------------------------------

DHCP_OK=1
command -v dhcpd > /dev/null && command -v dhclient > /dev/null || DHCP_OK=0

# The server: /56 out of 2001:db8:200::/48, valid 20 s, preferred 12 s.
cat > "$TMPD/dhcpd6.conf" << EOF
default-lease-time 20;
preferred-lifetime 12;
max-lease-time 20;
authoritative;
subnet6 2001:db8:1::/64 {
	prefix6 2001:db8:200:: 2001:db8:2ff:: /56;
}
EOF
: > "$TMPD/dhcpd6.leases"
# The client: a script that logs what it is told.
cat > "$TMPD/dhclient-script" << EOF
#!/bin/sh
echo "\$reason \${new_ip6_prefix:-} \${old_ip6_prefix:-}" >> $TMPD/dhclient.events
exit 0
EOF
chmod 755 "$TMPD/dhclient-script"
DHCLIENT=(dhclient -6 -P -v -lf "$TMPD/dhclient6.leases"
	  -pf "$TMPD/dhclient6.pid" -sf "$TMPD/dhclient-script")

client_start()
{
	bg ip netns exec "$C" "${DHCLIENT[@]}" -d cs0 \
		>> "$TMPD/dhclient.log" 2>&1
	CL_PID=$BG
}

# snooped SINCE: the prefix of the first snooped delegation added since
snooped()
{
	jq -rs "[.[] | select(.t > $1 and .event == \"added\" and
		.origin == \"snoop\")][0].prefix // empty" "$EVLOG" 2> /dev/null |
		grep .
}

dhcp_tests()
{
	local t0 pfx d st0 st1 base ev last exp el late
	expect "pd snoop dev sc0 on" s pd snoop dev sc0 on
	expect "pd snoop show: sc0" jqe "$(s -j pd snoop show)" \
		"length == 1 and .[0].dev == \"sc0\" and .[0].ifindex == $SC0"
	st0=$(pd_stats)
	bg ip netns exec "$S" dhcpd -6 -f -d -q -cf "$TMPD/dhcpd6.conf" \
		-lf "$TMPD/dhcpd6.leases" -pf "$TMPD/dhcpd6.pid" sc0 \
		> "$TMPD/dhcpd.log" 2>&1
	DHCPD_PID=$BG
	t0=$(now)
	client_start
	pfx=$(busywait 60000 snooped "$t0")
	if [ -z "$pfx" ]; then
		echo "# no delegation snooped; dhcpd and dhclient said:"
		__diag "$(tail -n 20 "$TMPD/dhcpd.log" "$TMPD/dhclient.log")"
		FAILED+="a delegation snooped; "
		case_end "dhclient gets a prefix from dhcpd: S routes it to C's link-local"
		for _ in 1 2 3 4 5; do
			ktap_test_fail "(no delegation snooped)"
		done
		return
	fi
	echo "# snooped: $pfx"
	expect_within 10000 "the route to $pfx" has_route "$pfx"
	expect "route: via $C_LL dev sc0 metric 1024" route_is "$pfx" \
		"$C_LL" sc0
	expect_within 10000 "dhclient: BOUND6 with $pfx" \
		grep -q "^BOUND6 $pfx" "$TMPD/dhclient.events"
	case_end "dhclient gets a prefix from dhcpd: S routes it to C's link-local"

	d=$(pd_of "$pfx")
	expect "pd show: origin snoop, via $C_LL, the server's lifetimes (20, 12)" \
		jqe "$d" ".origin == \"snoop\" and .via == \"$C_LL\" and
		.dev == \"sc0\" and .valid <= 20 and .valid - .preferred == 8"
	expect "the event: valid 20, preferred 12" jqe "$(events "$t0" \
		".prefix == \"$pfx\" and .event == \"added\"")" \
		".[0] | .valid == 20 and .preferred == 12 and
		 .via == \"$C_LL\" and .ifindex == $SC0 and .origin == \"snoop\""
	st1=$(pd_stats)
	expect "pd-snooped counted" [ "$(delta "$st0" "$st1" pd-snooped)" -ge 1 ]
	expect "pd-malformed not: dhcpd's messages are well formed" \
		[ "$(delta "$st0" "$st1" pd-malformed)" = 0 ]
	case_end "pd show: origin snoop with the server's lifetimes; pd-snooped counts"

	base=${pfx%/*}
	lan "$base"
	expect "ping ${base}2 (H, behind C) from S" ping_ok "$S" "${base}2"
	case_end "a host behind C in the delegated prefix is reachable from S"

	# dhclient renews at T1, half the preferred lifetime: every 6 s.
	expect_within 20000 "a renewal snooped" event_seen "$t0" \
		".prefix == \"$pfx\" and .event == \"renewed\" and
		 .origin == \"snoop\""
	expect "dhclient: RENEW6" grep -q "^RENEW6 $pfx" "$TMPD/dhclient.events"
	expect "no second route, no other delegation" jqe "$(routes)" \
		"length == 1 and .[0].dst == \"$pfx\""
	expect "the renewal: the server's lifetimes again, a later valid-until" \
		jqe "$(events "$t0" ".prefix == \"$pfx\"")" \
		'.[0].event == "added" and
		 (map(select(.event == "renewed"))[0] | .valid == 20 and
		  .preferred == 12) and
		 map(select(.event == "renewed"))[0].valid_until >
		 .[0].valid_until'
	case_end "the client's renewals renew the delegation, the route stays"

	# Release: the client dies without a word, then dhclient -r sends
	# the Release of its lease.
	bg_kill "$CL_PID" KILL
	t0=$(now)
	expect "dhclient -r -P" ip netns exec "$C" timeout 30 \
		"${DHCLIENT[@]}" -r cs0
	expect_within 10000 "the route goes on the Release" gone_route "$pfx"
	expect "pd show: empty" eq "$(s pd show)" ""
	expect "event: removed, origin snoop" jqe "$(events "$t0" \
		".prefix == \"$pfx\"")" \
		"length >= 1 and .[-1].event == \"removed\""
	case_end "dhclient -r -P: the Release removes the route"

	# A client that dies without a Release: the delegation lasts what the
	# server's last Reply said (valid 20 s), then goes.
	t0=$(now)
	client_start
	pfx=$(busywait 60000 snooped "$t0")
	expect "a delegation snooped again" [ -n "$pfx" ]
	expect_within 10000 "its route" has_route "${pfx:-none}"
	bg_kill "$CL_PID" KILL
	expect_within 40000 "the route expires" gone_route "${pfx:-none}"
	expect_within 5000 "event: expired" event_seen "$t0" \
		".prefix == \"$pfx\" and .event == \"expired\""
	# When: the listener's clock (when it read the events), and the
	# kernel's (VALID_UNTIL of the expired event is the time it expired)
	ev=$(events "$t0" ".prefix == \"$pfx\"")
	last=$(jq -c '[.[] | select(.event == "added" or
		.event == "renewed")][-1]' <<< "$ev")
	exp=$(jq -c '.[-1]' <<< "$ev")
	el=$(jq -n "($exp.t - $last.t) * 10 | round / 10")
	late=$(jq -n "$exp.valid_until - $last.valid_until")
	echo "# expired $el s after the last snooped Reply (listener), $late s after its valid-until (kernel)"
	expect "the last Reply snooped: valid 20" jqe "$last" '.valid == 20'
	expect "the last event: expired" jqe "$exp" \
		'.event == "expired" and .valid == 0 and .origin == "snoop"'
	expect "after 20 s (18 to 30 with the listener's delays)" \
		between 18 "$el" 30
	expect "the kernel: at its valid-until, up to 2 s late" \
		between -1 "$late" 2
	expect "pd show: empty" eq "$(s pd show)" ""
	case_end "a client killed: the route expires with the server's valid lifetime ($el s)"
	bg_kill "$DHCPD_PID"
}

if [ "$DHCP_OK" = 1 ]; then
	dhcp_tests
else
	for d in "dhcpd delegates, S routes" "origin snoop, lifetimes" \
		"host reachable" "renewals" "Release" "expiry"; do
		case_skip "$d" "dhcpd or dhclient missing (isc-dhcp-server, isc-dhcp-client)"
	done
fi

# --- 2. malformed DHCPv6 -----------------------------------------------------

expect "pd snoop dev sc0 on" s pd snoop dev sc0 on
expect "pd flush" s pd flush
expect_within 120000 "the scapy frames" test -s "$FRAMES"
[ -s "$FRAMES" ] || __diag "$(cat "$TMPD/craft.log")"
st0=$(pd_stats)
sent=$(send "$S:sc0:"{m1,m2,m3,m4,m5,m6,m7} 2>&1)
st1=$(pd_stats)
expect "sent 7 frames" eq "$(wc -l <<< "$sent")" 7
expect "pd-malformed: 7" eq "$(delta "$st0" "$st1" pd-malformed)" 7
expect "pd-snooped: 0" eq "$(delta "$st0" "$st1" pd-snooped)" 0
sent_good=$(send "$S:sc0:good" 2>&1)
expect_within 10000 "the good Reply after them is learned" \
	has_route 2001:db8:30::/56
expect "nothing else learned" jqe "$(s -j pd show)" \
	'[.[].prefix] == ["2001:db8:30::/56"]'
expect "only that route" jqe "$(routes)" \
	'[.[].dst] == ["2001:db8:30::/56"]'
case_end "malformed DHCPv6 (truncated, IA_PD/IAPREFIX past their end, short, bad checksum, relay without message): nothing learned, pd-malformed counts each"

# shellcheck disable=SC2046 # one word per packet
expect_within 10000 "each frame arrived at C, unchanged" \
	"$PY" "$PD_NL" seen "$CSNIFF" $(awk '{print $2}' <<< "$sent") \
	$(awk '{print $2}' <<< "$sent_good")
case_end "malformed DHCPv6 is passed on: C receives every frame, byte for byte"

st0=$(pd_stats)
# The last, a Relay-Reply, is learned: the others were read before it.
expect "send" send "$S:sc0:fail" "$S:sd0:unsnooped" "$C:cs0:inreply" \
	"$S:sc0:relay"
expect_within 10000 "the Relay-Reply sent after them is learned" \
	has_route 2001:db8:40::/56
st1=$(pd_stats)
expect "nothing learned from them" jqe "$(s -j pd show)" \
	'[.[].prefix] | sort == ["2001:db8:30::/56", "2001:db8:40::/56"]'
expect "not malformed either" eq "$(delta "$st0" "$st1" pd-malformed)" 0
case_end "not learned: a Reply with a failure status, one out of an unsnooped interface, one arriving on the snooped one"

# --- 3. Relay-Reply ---------------------------------------------------------------

expect "route via fe80::c (the peer address) dev sc0" \
	route_is 2001:db8:40::/56 fe80::c sc0
expect "pd show: origin snoop, valid 60, preferred 30" \
	jqe "$(pd_of 2001:db8:40::/56)" '.via == "fe80::c" and
	 .origin == "snoop" and .valid <= 60 and .valid >= 30 and
	 .valid - .preferred == 30'
case_end "Relay-Reply: a route via the relay message's peer address"

expect "send" send "$S:sc0:relay2"
expect_within 10000 "nested Relay-Reply: route via the inner peer fe80::c" \
	route_is 2001:db8:41::/56 fe80::c sc0
expect "its lifetimes: 50, 40" jqe "$(pd_of 2001:db8:41::/56)" \
	'.valid <= 50 and .valid >= 20 and .valid - .preferred == 10'
expect "send" send "$S:sc0:relay0"
expect_within 10000 "valid lifetime 0: the delegation goes" \
	gone_route 2001:db8:40::/56
expect "send" send "$C:cs0:spoofrel" "$C:cs0:release"
expect_within 10000 "a Release from the router holding it: gone" \
	gone_route 2001:db8:30::/56
expect "a Release from another router (fe80::99): kept" \
	route_is 2001:db8:41::/56 fe80::c sc0
expect "send" send "$C:cs0:relrel"
expect_within 10000 "the Release from fe80::c: gone" \
	gone_route 2001:db8:41::/56
expect "pd show: empty" eq "$(s pd show)" ""
case_end "nested Relay-Reply (inner peer); valid lifetime 0 and Releases remove, from the holder only"

expect "pd snoop dev sc0 off" s pd snoop dev sc0 off
expect "pd snoop show: empty" eq "$(s pd snoop show)" ""
expect "send" send "$S:sc0:off"
expect "pd snoop dev sc0 on" s pd snoop dev sc0 on
expect "send" send "$S:sc0:marker"
expect_within 10000 "on again: learned" has_route 2001:db8:3c::/56
expect "nothing learned while off" jqe "$(s -j pd show)" \
	'[.[].prefix] == ["2001:db8:3c::/56"]'
expect "pd snoop dev sd0 on" s pd snoop dev sd0 on
expect "pd snoop show: sc0 and sd0" jqe "$(s -j pd snoop show)" \
	'[.[].dev] | sort == ["sc0", "sd0"]'
expect "ip link del sd0" ip -n "$S" link del sd0
expect "sd0's snooping went with it" jqe "$(s -j pd snoop show)" \
	'[.[].dev] == ["sc0"]'
s pd flush
case_end "pd snoop off: nothing learned, on again; an interface's snooping goes with it"

ktap_finished
