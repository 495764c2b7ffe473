#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run_tests.sh [TEST...]: run the v6gw selftests, kselftest style (as root,
# in the test guest or on any host).
# run_tests.sh -l: list the tests, one per line.
#
# The tests are TEST_PROGS of selftests/Makefile (or the TESTs named), each
# under "timeout" seconds from selftests/settings (default 45). Output (TAP):
#   TAP version 13
#   1..N
#   # selftests: v6gw: NAME
#   # <each line of the test's output>
#   ok N selftests: v6gw: NAME               exit 0
#   ok N selftests: v6gw: NAME # SKIP        exit 4
#   not ok N selftests: v6gw: NAME # TIMEOUT after the timeout
#   not ok N selftests: v6gw: NAME # exit=RC any other exit status
# Exit status: 0 if no test failed, 1 otherwise, 2 on a usage error.
#
# Environment, exported to the tests with absolute paths:
#   V6GW_KO  the v6gw.ko to test (tests that need it skip without it)
#   V6GW     the v6gw tool (default: usr/v6gw of this repository)
# V6GW_TEST_TIMEOUT: seconds per test instead of selftests/settings' (the
# debug kernel's pass needs more).
set -u

dir=$(cd "$(dirname "$0")" && pwd) || exit 2
repo=$(cd "$dir/.." && pwd) || exit 2

abspath()
{
	case $1 in
	/*) echo "$1" ;;
	*) echo "$PWD/$1" ;;
	esac
}

if [ -n "${V6GW_KO:-}" ]; then
	V6GW_KO=$(abspath "$V6GW_KO")
	export V6GW_KO
fi
V6GW=$(abspath "${V6GW:-$repo/usr/v6gw}")
export V6GW

# TEST_PROGS as make reads it: the words of the assignment and of its
# backslash-continued lines, up to a comment.
mapfile -t all < <(awk '
	/^TEST_PROGS[ \t]*[:+]?=/ { on = 1; sub(/^[^=]*=/, "") }
	on {
		cont = /\\$/
		for (i = 1; i <= NF; i++) {
			if ($i ~ /^#/)
				break
			if ($i != "\\")
				print $i
		}
		on = cont
	}' "$dir/Makefile")

if [ ${#all[@]} -eq 0 ]; then
	echo "run_tests: no TEST_PROGS in $dir/Makefile" >&2
	exit 2
fi
if [ "${1:-}" = -l ]; then
	printf '%s\n' "${all[@]}"
	exit 0
fi
if [ $# -gt 0 ]; then
	for t in "$@"; do
		if [ ! -f "$dir/$t" ]; then
			echo "run_tests: no test $t in $dir" >&2
			exit 2
		fi
	done
	tests=("$@")
else
	tests=("${all[@]}")
fi

timeout_s=$(sed -n 's/^timeout=\([0-9]\+\)$/\1/p' "$dir/settings" 2>/dev/null)
timeout_s=${V6GW_TEST_TIMEOUT:-${timeout_s:-45}}

echo "TAP version 13"
echo "1..${#tests[@]}"
n=0
failed=0
for t in "${tests[@]}"; do
	n=$((n + 1))
	echo "# selftests: v6gw: $t"
	case $t in
	*.sh) cmd=(bash "./$t") ;;
	*) cmd=("./$t") ;;
	esac
	t0=$(date +%s)
	(cd "$dir" && timeout -k 10 "$timeout_s" "${cmd[@]}" </dev/null 2>&1) |
		sed -u 's/^/# /'
	rc=${PIPESTATUS[0]}
	echo "# $t: $(($(date +%s) - t0)) s"
	case $rc in
	0) echo "ok $n selftests: v6gw: $t" ;;
	4) echo "ok $n selftests: v6gw: $t # SKIP" ;;
	124 | 137)
		echo "not ok $n selftests: v6gw: $t # TIMEOUT ${timeout_s} seconds"
		failed=1
		;;
	*)
		echo "not ok $n selftests: v6gw: $t # exit=$rc"
		failed=1
		;;
	esac
done
exit "$failed"
