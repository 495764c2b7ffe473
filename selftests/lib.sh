#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Shared helpers for the v6gw selftests, in the style of the kernel's
# tools/testing/selftests/net/lib.sh and kselftest/ktap_helpers.sh.
# Source it: source "$(dirname "$0")/lib.sh". It does not change shell
# options (tests may "set -u"; everything here is safe under it).
#
# On EXIT (also after SIGINT/SIGTERM) it runs the deferred commands, last
# first, then deletes the namespaces made by setup_ns, and keeps the
# script's exit status. Use defer instead of your own EXIT trap.

# shellcheck disable=SC2034 # the ksft_* codes are for the tests
ksft_pass=0 ksft_fail=1 ksft_xfail=2 ksft_skip=4

: "${V6GW:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/usr/v6gw}"
export V6GW

NS_LIST=()
__DEFER=()
KTAP_PLAN="" KTAP_TESTNO=0 KTAP_CNT_PASS=0 KTAP_CNT_FAIL=0 KTAP_CNT_SKIP=0

# defer CMD [ARG...]: run CMD when the script exits (last deferred first).
defer()
{
	__DEFER+=("$(printf '%q ' "$@")")
}

# defer_run: run and forget every deferred command now.
defer_run()
{
	local i
	for ((i = ${#__DEFER[@]} - 1; i >= 0; i--)); do
		eval "${__DEFER[i]}"
	done
	__DEFER=()
}

__lib_exit()
{
	local rc=$?
	defer_run
	cleanup_all_ns
	exit "$rc"
}
trap __lib_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# cleanup_ns NS...: delete these namespaces.
cleanup_ns()
{
	local ns
	for ns in "$@"; do
		ip netns delete "$ns" 2>/dev/null
	done
}

cleanup_all_ns()
{
	[ ${#NS_LIST[@]} -eq 0 ] || cleanup_ns "${NS_LIST[@]}"
	NS_LIST=()
}

# setup_ns VAR...: for each VAR, create a namespace named "var-XXXXXX"
# with lo up and store its name in $VAR. Returns ksft_skip on failure.
setup_ns()
{
	local __var __ns
	for __var in "$@"; do
		__ns="${__var,,}-$(mktemp -u XXXXXX)"
		if ! ip netns add "$__ns"; then
			echo "# cannot create namespace $__ns" >&2
			return "$ksft_skip"
		fi
		NS_LIST+=("$__ns")
		ip -n "$__ns" link set lo up
		printf -v "$__var" '%s' "$__ns"
	done
}

# KTAP output of the subtests, counted for ktap_finished.
ktap_print_header()
{
	echo "TAP version 13"
}

ktap_set_plan()
{
	KTAP_PLAN=$1
	echo "1..$1"
}

# ktap_skip_all "reason": the plan line of a test that skips everything.
ktap_skip_all()
{
	echo "1..0 # SKIP $*"
}

__ktap_test()
{
	KTAP_TESTNO=$((KTAP_TESTNO + 1))
	echo "$1 $KTAP_TESTNO $2${3:+ # $3}"
}

ktap_test_pass()
{
	KTAP_CNT_PASS=$((KTAP_CNT_PASS + 1))
	__ktap_test ok "$1"
}

ktap_test_fail()
{
	KTAP_CNT_FAIL=$((KTAP_CNT_FAIL + 1))
	__ktap_test "not ok" "$1"
}

ktap_test_skip()
{
	KTAP_CNT_SKIP=$((KTAP_CNT_SKIP + 1))
	__ktap_test ok "$1" SKIP
}

# ktap_finished: print the totals; exit 0 if nothing failed, else 1 (also
# when the number of subtests run differs from the plan).
ktap_finished()
{
	echo "# Totals: pass:$KTAP_CNT_PASS fail:$KTAP_CNT_FAIL xfail:0 xpass:0 skip:$KTAP_CNT_SKIP error:0"
	if [ -n "$KTAP_PLAN" ] && [ "$KTAP_PLAN" != "$KTAP_TESTNO" ]; then
		echo "# Planned $KTAP_PLAN tests but ran $KTAP_TESTNO"
		exit "$ksft_fail"
	fi
	[ "$KTAP_CNT_FAIL" -eq 0 ] || exit "$ksft_fail"
	exit "$ksft_pass"
}

# __diag TEXT: print TEXT's lines as indented "#" diagnostics.
__diag()
{
	local line
	[ -n "$1" ] || return 0
	while IFS= read -r line; do
		echo "#   $line"
	done <<<"$1"
}

# check_cmd "desc" CMD...: a subtest that passes if CMD succeeds. CMD's
# output is shown (as "# " lines) only when it fails.
check_cmd()
{
	local desc=$1 out rc
	shift
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" -eq 0 ]; then
		ktap_test_pass "$desc"
		return 0
	fi
	echo "# '$*' exited $rc"
	__diag "$out"
	ktap_test_fail "$desc"
	return 1
}

# check_fail "desc" CMD...: a subtest that passes if CMD fails.
check_fail()
{
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		echo "# '$*' succeeded but should have failed"
		__diag "$out"
		ktap_test_fail "$desc"
		return 1
	fi
	ktap_test_pass "$desc"
}

# busywait TIMEOUT_MS CMD...: retry CMD until it succeeds (0) or TIMEOUT_MS
# have passed (1). Prints CMD's last output.
busywait()
{
	local timeout_ms=$1 start now out
	shift
	start=$(date +%s%3N)
	while true; do
		if out=$("$@"); then
			printf '%s' "$out"
			return 0
		fi
		now=$(date +%s%3N)
		if [ $((now - start)) -gt "$timeout_ms" ]; then
			printf '%s' "$out"
			return 1
		fi
		sleep 0.01
	done
}

# require_command CMD...: skip the whole test if a command is missing.
require_command()
{
	local cmd
	for cmd in "$@"; do
		if ! command -v "$cmd" >/dev/null; then
			__skip_all "$cmd is not installed"
		fi
	done
}

__skip_all()
{
	if [ "$KTAP_TESTNO" -eq 0 ] && [ -z "$KTAP_PLAN" ]; then
		ktap_skip_all "$*"
	else
		echo "# SKIP: $*"
	fi
	exit "$ksft_skip"
}

# v6gw_require: skip the whole test unless root and $V6GW_KO is a file.
v6gw_require()
{
	[ "$(id -u)" -eq 0 ] || __skip_all "needs root"
	[ -n "${V6GW_KO:-}" ] || __skip_all "V6GW_KO is not set"
	[ -f "$V6GW_KO" ] || __skip_all "V6GW_KO=$V6GW_KO is not a file"
}

v6gw_loaded()
{
	grep -q '^v6gw ' /proc/modules
}

# kernel_reports_since LINES: the kernel reports (warnings, BUGs, KASAN,
# refcount and leak complaints) logged after the first LINES lines of
# dmesg, at most 40 lines of them; status 0 when there is one.
KERNEL_REPORT_RE='WARNING:|BUG:|Oops|KASAN|UBSAN|refcount_t|unregister_netdevice: waiting|still has objects'
kernel_reports_since()
{
	dmesg | tail -n +"$(($1 + 1))" | grep -E -A5 "$KERNEL_REPORT_RE" |
		head -n 40 | grep .
}

# xlat_topology: namespaces H6, GW and H4 (setup_ns), linked
#
#   [H6] 2001:db8:6::2 eth0 ---- eth6 2001:db8:6::1 [GW]
#        198.51.100.1 eth4 ---- eth0 198.51.100.2 [H4]
#
# H6 routes the SIIT prefix 2001:db8:46::/96 and the NAT64 prefix
# 2001:db8:64::/96 through GW; H4's default route is GW. Nothing of v6gw's
# is configured.
xlat_topology()
{
	setup_ns H6 GW H4 || return $?
	ip link add eth6 netns "$GW" type veth peer name eth0 netns "$H6" &&
	ip link add eth4 netns "$GW" type veth peer name eth0 netns "$H4" &&
	ip -n "$GW" link set eth6 up && ip -n "$GW" link set eth4 up &&
	ip -n "$H6" link set eth0 up && ip -n "$H4" link set eth0 up &&
	ip -n "$GW" addr add 2001:db8:6::1/64 dev eth6 nodad &&
	ip -n "$GW" addr add 198.51.100.1/24 dev eth4 &&
	ip -n "$H6" addr add 2001:db8:6::2/64 dev eth0 nodad &&
	ip -n "$H6" route add 2001:db8:46::/96 via 2001:db8:6::1 &&
	ip -n "$H6" route add 2001:db8:64::/96 via 2001:db8:6::1 &&
	ip -n "$H4" addr add 198.51.100.2/24 dev eth0 &&
	ip -n "$H4" route add default via 198.51.100.1
}

# slab_kb: the kernel's slab memory in KiB (/proc/meminfo Slab)
slab_kb()
{
	awk '/^Slab:/ {print $2}' /proc/meminfo
}

# v6gw_load [PARAM=VALUE...]: insmod $V6GW_KO, with these module
# parameters (its dependencies through modprobe), unless v6gw is already
# loaded. Skips the test (exit 4) without V6GW_KO.
v6gw_load()
{
	local deps dep
	v6gw_require
	v6gw_loaded && return 0
	deps=$(modinfo -F depends "$V6GW_KO" 2>/dev/null)
	for dep in ${deps//,/ }; do
		modprobe "$dep" || return 1
	done
	insmod "$V6GW_KO" "$@"
}

# v6gw_unload: rmmod v6gw if it is loaded.
v6gw_unload()
{
	v6gw_loaded || return 0
	rmmod v6gw
}
