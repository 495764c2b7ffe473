#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# DHCPv6 prefix delegation tests: the topology, checks and background
# processes of test-pd.sh and test-pd-scale.sh (source after lib.sh).
#
#   [H] eth0 ---- ch0 [C] cs0 ============ sc0 [S] sd0 ---- dc0 [D]
#       host         requesting router      delegating      a second
#       in the       (dhclient -6 -P)       router: dhcpd,  requesting
#       prefix                              v6gw            router
#
# Link-local addresses are fixed (addrgenmode none): S fe80::1 on sc0 and
# sd0, C fe80::2 on cs0 and fe80::1 on ch0, D fe80::4, H fe80::5; and so
# are the MAC addresses (02:00:00:00:00:0N), so that frames can be built
# in advance. S and C share 2001:db8:1::/64. No DAD anywhere.
#
# Sets TMPD (removed on exit); the background processes started here are
# stopped on exit, before the namespaces go.

PD_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# scapy and the tests' python: Debian's, whatever python3 is first in PATH
PY=/usr/bin/python3
PD_NL=$PD_DIR/pd_nl.py

TMPD=$(mktemp -d)
defer rm -rf "$TMPD"

S_LL=fe80::1
C_LL=fe80::2
D_LL=fe80::4
S_MAC=02:00:00:00:00:01
C_MAC=02:00:00:00:00:02
S_ADDR=2001:db8:1::1
C_ADDR=2001:db8:1::2

PD_BG_PIDS=()

now() { date +%s.%N; }
now_ms() { date +%s%3N; }

# pd_bg_stop: stop every background process started here
pd_bg_stop()
{
	local p
	for p in "${PD_BG_PIDS[@]}"; do
		kill "$p" 2> /dev/null
		wait "$p" 2> /dev/null
	done
	PD_BG_PIDS=()
}
defer pd_bg_stop

# bg CMD...: run CMD in the background, stopped on exit (its pid in BG)
bg()
{
	"$@" &
	BG=$!
	PD_BG_PIDS+=("$BG")
}

# bg_kill PID [SIGNAL]: stop one of them now
bg_kill()
{
	kill "-${2:-TERM}" "$1" 2> /dev/null
	wait "$1" 2> /dev/null
	return 0
}

# ns_prepare NS...: no DAD (addresses usable at once)
ns_prepare()
{
	local ns
	for ns in "$@"; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
			net.ipv6.conf.default.accept_dad=0 \
			net.ipv6.conf.all.accept_ra=0 \
			net.ipv6.conf.default.accept_ra=0
	done
}

# veth NS1 IF1 MAC1 LL1 NS2 IF2 MAC2 LL2: a link with fixed link-locals
veth()
{
	ip link add "$2" netns "$1" address "$3" type veth \
		peer name "$6" netns "$5" address "$7" &&
	ip -n "$1" link set "$2" addrgenmode none &&
	ip -n "$5" link set "$6" addrgenmode none &&
	ip -n "$1" addr add "$4/64" dev "$2" nodad &&
	ip -n "$5" addr add "$8/64" dev "$6" nodad &&
	ip -n "$1" link set "$2" up &&
	ip -n "$5" link set "$6" up
}

# pd_topology: the namespaces S C H D of the picture, and their links
pd_topology()
{
	# shellcheck disable=SC2154 # lib.sh's
	setup_ns S C H D || return "$ksft_skip"
	ns_prepare "$S" "$C" "$H" "$D"
	ip netns exec "$C" sysctl -qw net.ipv6.conf.all.forwarding=1
	ip netns exec "$S" sysctl -qw net.ipv6.conf.all.forwarding=1
	veth "$S" sc0 "$S_MAC" "$S_LL" "$C" cs0 "$C_MAC" "$C_LL" &&
	veth "$S" sd0 02:00:00:00:00:03 "$S_LL" "$D" dc0 02:00:00:00:00:04 \
		"$D_LL" &&
	veth "$C" ch0 02:00:00:00:00:06 fe80::1 "$H" eth0 02:00:00:00:00:05 \
		fe80::5 &&
	ip -n "$S" addr add "$S_ADDR/64" dev sc0 nodad &&
	ip -n "$C" addr add "$C_ADDR/64" dev cs0 nodad &&
	ip -n "$H" route add default via fe80::1 dev eth0
}

# lan BASE: C's LAN (ch0) and H's address in the first /64 of a prefix
# whose address BASE ends in "::" (2001:db8:100::): C BASE1, H BASE2; the
# previous ones removed
lan()
{
	ip -n "$C" -6 addr flush dev ch0 scope global
	ip -n "$H" -6 addr flush dev eth0 scope global
	ip -n "$C" addr add "${1}1/64" dev ch0 nodad &&
	ip -n "$H" addr add "${1}2/64" dev eth0 nodad
}

s() { "$V6GW" -n "$S" "$@"; }

# ping_ok NS ADDR: at least one answer within 5 s
ping_ok() { ip netns exec "$1" ping -6 -n -q -c 3 -i 0.3 -w 5 "$2"; }
ping_fails() { ! ip netns exec "$1" ping -6 -n -q -c 1 -w 1 "$2"; }

# routes: S's proto dhcp routes, JSON
routes() { ip -n "$S" -6 -j route show proto dhcp; }

# route_is PREFIX VIA DEV: exactly one route to PREFIX in S, proto dhcp,
# metric 1024, via VIA on DEV
route_is()
{
	jqe "$(ip -n "$S" -6 -j route show exact "$1")" "length == 1 and
		(.[0] | .dst == \"$1\" and .protocol == \"dhcp\" and
		 .gateway == \"$2\" and .dev == \"$3\" and .metric == 1024)"
}

# no_route PREFIX: no route to PREFIX at all in S (proto dhcp or not)
no_route()
{
	local r
	r=$(ip -n "$S" -6 route show "$1")
	[ -z "$r" ] || { echo "route: $r"; false; }
}

# has_route PREFIX: some proto dhcp route to PREFIX in S (for busywait)
has_route() { [ -n "$(ip -n "$S" -6 route show proto dhcp "$1")" ]; }
gone_route() { [ -z "$(ip -n "$S" -6 route show "$1")" ]; }

# pd_of PREFIX: S's delegation of PREFIX (pd show -j), or null
pd_of() { s -j pd show | jq -c ".[] | select(.prefix == \"$1\")"; }

# pd_count: S's delegations
pd_count() { s -j pd show | jq length; }

# pd_stats: every counter of S, JSON
pd_stats() { s -j -s stats show; }

# delta OLD NEW NAME: how much counter NAME moved between two pd_stats
delta()
{
	jq -n --argjson a "$1" --argjson b "$2" --arg k "$3" '$b[$k] - $a[$k]'
}

# --- events ---------------------------------------------------------------

EVLOG=$TMPD/events.json

# events_start: log S's PD events to EVLOG (pd_nl.py events)
events_start()
{
	rm -f "$EVLOG.ready"
	bg ip netns exec "$S" "$PY" "$PD_NL" events "$EVLOG" 3000
	EV_PID=$BG
	busywait 30000 test -e "$EVLOG.ready"
}

events_stop() { [ -z "${EV_PID:-}" ] || bg_kill "$EV_PID"; EV_PID=""; }

# send ITEM...: frames of FRAMES out of interfaces, "NS:IFACE:NAME" each
# (pd_nl.py send); prints "NAME HEX" lines
send() { "$PY" "$PD_NL" send "$FRAMES" "$@"; }

# events SINCE [JQ_SELECT]: the events logged after SINCE, a JSON array
events()
{
	jq -cs "[.[] | select(.t > $1) | select(${2:-true})]" "$EVLOG"
}

# event_seen SINCE JQ_SELECT: such an event has been logged (busywait)
event_seen()
{
	jq -es "any(.[]; .t > $1 and ($2))" "$EVLOG" > /dev/null
}

# --- checks ---------------------------------------------------------------

# A case collects its failed checks in FAILED; case_end reports it.
FAILED=""
CASE_T0=$(now_ms)

# expect "WHAT" CMD...: CMD must succeed; its output is shown if it fails
expect()
{
	local what=$1 out
	shift
	if ! out=$("$@" 2>&1); then
		echo "# check failed: $what"
		__diag "$out"
		FAILED+="$what; "
	fi
}

# expect_within MS "WHAT" CMD...: CMD succeeds within MS milliseconds
expect_within()
{
	local ms=$1 what=$2
	shift 2
	expect "$what" busywait "$ms" "$@"
}

# case_end "DESCRIPTION": one KTAP subtest from the checks since the last
case_end()
{
	local t
	t=$(now_ms)
	echo "# ($(((t - CASE_T0) / 1000)) s)"
	CASE_T0=$t
	if [ -z "$FAILED" ]; then
		ktap_test_pass "$1"
	else
		ktap_test_fail "$1"
	fi
	FAILED=""
}

# case_skip "DESCRIPTION" "WHY"
case_skip()
{
	echo "# SKIP: $2"
	CASE_T0=$(now_ms)
	FAILED=""
	ktap_test_skip "$1"
}

# jqe JSON FILTER: FILTER is true of JSON (JSON shown when it is not)
jqe()
{
	jq -e "$2" <<< "$1" > /dev/null && return 0
	echo "filter: $2"
	echo "json: $1"
	return 1
}

eq() { [ "$1" = "$2" ] || { echo "'$1' != '$2'"; false; }; }

# between LOW X HIGH: LOW <= X <= HIGH (numbers, decimals allowed)
between()
{
	awk -v l="$1" -v x="$2" -v h="$3" \
		'BEGIN { exit !(x != "" && l <= x + 0 && x + 0 <= h) }' ||
		{ echo "$2 not in [$1, $3]"; false; }
}

# fails_with "TEXT" CMD...: CMD fails and says TEXT
fails_with()
{
	local text=$1 out
	shift
	if out=$("$@" 2>&1); then
		echo "'$*' succeeded: $out"
		return 1
	fi
	grep -qF -- "$text" <<< "$out" || { echo "no '$text' in: $out"; false; }
}
