#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Router Advertisement tests: radvd, the sniffers of ra_sniff.py, counters
# and checks (source after lib.sh). Sets TMPD (removed on exit); radvd and
# the sniffers started here are stopped on exit, before the namespaces go.
#
# Times are time.time() values ("now"); a sniffer logs each packet with
# the kernel's receive time, so "the first RA after T" is one that left
# its sender after T, however late the sniffer read it.

RA_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RA_SNIFF=$RA_DIR/ra_sniff.py
# shellcheck disable=SC2034 # for the tests
RA_NL=$RA_DIR/v6gw_nl.py

TMPD=$(mktemp -d)
defer rm -rf "$TMPD"

declare -A RADVD_PID=()
RA_BG_PIDS=()

now() { date +%s.%N; }

# ra_bg_stop: stop every sniffer and radvd started here
ra_bg_stop()
{
	local ns p
	for ns in "${!RADVD_PID[@]}"; do
		radvd_stop "$ns"
	done
	for p in "${RA_BG_PIDS[@]}"; do
		kill "$p" 2> /dev/null
		wait "$p" 2> /dev/null
	done
	RA_BG_PIDS=()
}
defer ra_bg_stop

# ns_prepare NS...: no DAD (addresses usable at once), forwarding off
ns_prepare()
{
	local ns
	for ns in "$@"; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
			net.ipv6.conf.default.accept_dad=0
	done
}

# Python starts slowly in a TCG guest (seconds): sniffers, waits, sends
# and decodes are the work of one ra_sniff.py server, started at once,
# which opens its sockets in the namespaces it is told.
RA_SRV_W="" RA_SRV_R=""

ra_srv_start()
{
	mkfifo "$TMPD/srv.req" "$TMPD/srv.resp" || return 1
	python3 "$RA_SNIFF" serve "$TMPD/srv.req" "$TMPD/srv.resp" \
		2>> "$TMPD/sniff.err" &
	RA_BG_PIDS+=($!)
	exec {RA_SRV_W}> "$TMPD/srv.req"
	exec {RA_SRV_R}< "$TMPD/srv.resp"
}

# srv NS ARG...: "ra_sniff.py ARG..." run by the server, its sockets in NS
# ("" for none): its output and exit status. One client at a time: never
# from a background job.
srv()
{
	local line IFS=$'\x1f' args
	args=("${@//$'\n'/ }")		# one request a line
	if [ -n "$1" ]; then
		printf '@%s\n' "${args[*]}" >&"$RA_SRV_W"
	else
		printf '%s\n' "${args[*]:1}" >&"$RA_SRV_W"
	fi
	while IFS= read -r -t 120 line <&"$RA_SRV_R"; do
		if [[ $line == $'\x1f'END\ * ]]; then
			return "${line#*END }"
		fi
		printf '%s\n' "$line"
	done
	echo "ra_sniff.py server: no answer"
	return 2
}

# ra_py ARG...: "ra_sniff.py ARG..." run by the server (on files)
ra_py() { srv "" "$@"; }

# sniff_start NS IFACE LOG: log the ICMPv6 packets arriving on IFACE
sniff_start() { srv "$1" capture "$2" "$3"; }

# useropt_start NS LOG: log NS's ND user options (RTM_NEWNDUSEROPT)
useropt_start() { srv "$1" nduseropt "$2"; }

# ra_next NS IFACE LOG SINCE [WHERE]: the first RA in LOG after SINCE (for
# which the Python expression WHERE on d holds), as JSON; soliciting out of
# IFACE meanwhile, from NS (which has a server)
ra_next()
{
	srv "$1" wait "$3" "$4" -s "$2" -w "${5:-True}" -t "${RA_TIMEOUT:-20}"
}

# ra_mcast LOG SINCE [WHERE]: the first multicast RA after SINCE, without
# soliciting (radvd sends one every 3 to 4 s)
ra_mcast()
{
	ra_py wait "$1" "$2" -w "d['dst'] == 'ff02::1' and (${3:-True})" \
		-t "${RA_TIMEOUT:-20}"
}

# ra_id LOG SINCE ID: the crafted RA whose Reachable Time is ID
ra_id()
{
	ra_py wait "$1" "$2" -w "d['reachable'] == $3" -t 10
}

# ra_send NS IFACE KINDS [ARGS...]: crafted frames ("KIND ID HEX" lines),
# from NS (which has a server)
ra_send()
{
	local ns=$1
	shift
	srv "$ns" send "$@"
}

# radvd_conf FILE IFACE ROUTER_LIFETIME [LINE...]: a radvd.conf sending
# every 3 to 4 s
radvd_conf()
{
	local f=$1 ifc=$2 lt=$3
	shift 3
	{
		echo "interface $ifc {"
		echo "	AdvSendAdvert on;"
		echo "	MinRtrAdvInterval 3;"
		echo "	MaxRtrAdvInterval 4;"
		echo "	AdvDefaultLifetime $lt;"
		printf '\t%s\n' "$@"
		echo "};"
	} > "$f"
}

# radvd_start NS CONF: one radvd per namespace
radvd_start()
{
	radvd_stop "$1"
	rm -f "$2.pid"
	ip netns exec "$1" radvd -n -C "$2" -p "$2.pid" -m logfile \
		-l "$2.log" &
	RADVD_PID[$1]=$!
}

# radvd_stop NS: stop it and wait until it is gone (its last RAs sent)
radvd_stop()
{
	local p=${RADVD_PID[$1]:-}
	[ -n "$p" ] || return 0
	kill "$p" 2> /dev/null
	wait "$p" 2> /dev/null
	RADVD_PID[$1]=""
}

# --- checks ---------------------------------------------------------------

# A case collects its failed checks in FAILED; case_end reports it.
FAILED=""
CASE_T0=$(date +%s%3N)

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

# case_end "DESCRIPTION": one KTAP subtest from the checks since the last
case_end()
{
	local t
	t=$(date +%s%3N)
	echo "# ($(((t - CASE_T0) / 1000)) s)"
	CASE_T0=$t
	if [ -z "$FAILED" ]; then
		ktap_test_pass "$1"
	else
		ktap_test_fail "$1"
	fi
	FAILED=""
}

# chk JSON EXPR [JSON2]: the Python expression EXPR holds, with d the JSON
# value (e the second); both are shown when it does not. Object keys read
# as attributes (d.pref64[0].plc); appended(o, n) and lifetimes(d, TYPE...)
# are there too (ra_sniff.py check). jq would do, but it takes most of a
# second to start in a TCG guest: the server answers at once.
chk() { ra_py check "$@"; }

# val JSON EXPR [JSON2]: the value of EXPR (a string as it is, else JSON)
val() { ra_py get "$@"; }

# appended ORIG NEW: RA NEW is RA ORIG with options appended: longer, the
# same IPv6 header but for the payload length, the same ICMPv6 type, code,
# fields and options (checksum aside), its payload length and checksum
# right (ORIG may be {"hex": ...} alone)
appended() { chk "$1" "appended(d, e)" "$2"; }

eq() { [ "$1" = "$2" ] || { echo "'$1' != '$2'"; false; }; }
not_loaded() { ! grep -q "^$1 " /proc/modules; }

# ra_stats NS: every counter of NS, JSON
ra_stats() { "$V6GW" -n "$1" -j -s stats show; }

# delta OLD NEW NAME: how much counter NAME moved between two ra_stats
delta() { val "$1" "e['$3'] - d['$3']" "$2"; }

# ra_moved OLD NEW: the ra- counters that moved, "name+N ..."
ra_moved()
{
	val "$1" "' '.join('%s+%d' % (k, e[k] - d[k]) for k in e
		if k.startswith('ra-') and e[k] != d[k])" "$2"
}
