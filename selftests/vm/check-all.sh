#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: everything, in order of cost.
#   1. Debian packages (installed when missing)
#   2. build: module for every installed kernel (warning-free), the tool,
#      sparse on the module, the version agreeing with dkms.conf, the YNL
#      spec (uapi/v6gw.yaml) agreeing with the header
#   3. unit tests of the portable core (userspace, sanitizers), short fuzz
#   4. selftests in a QEMU guest per installed kernel, DEBUG_TESTS_0/1 on
#      the debug kernel (debug-kernel.sh: KASAN, kmemleak, lockdep, UBSAN),
#      arm64 (check-arm64.sh), and DKMS add/build/remove for every
#      installed kernel, in two lanes at the same time
# and ends with one line: "N passed, N failed".
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
out=build/check
mkdir -p "$out"
results=$out/results
: > "$results"
# the steps before the lanes that failed, for the list at the end
: > "$out/failed"

pass=0
fail=0

# step NAME CMD...: one pass/fail case, output kept in build/check/NAME.log.
# Counted in pass/fail; inside a lane (in_lane set: a subshell, whose
# counters are lost) as a line "NAME 1 0 0" or "NAME 0 1 0" in $results.
in_lane=""
step()
{
	local name=$1 log="$out/$1.log" t0=$SECONDS
	shift
	if "$@" > "$log" 2>&1; then
		echo "PASS: $name ($((SECONDS - t0)) s)"
		if [ -n "$in_lane" ]; then
			echo "$name 1 0 0" >> "$results"
		else
			pass=$((pass + 1))
		fi
		return 0
	fi
	echo "FAIL: $name ($((SECONDS - t0)) s, log: $log)"
	tail -n 30 "$log" | sed 's/^/    /'
	if [ -n "$in_lane" ]; then
		echo "$name 0 1 0" >> "$results"
	else
		echo "FAIL: $name" >> "$out/failed"
		fail=$((fail + 1))
	fi
	return 1
}

kernels()
{
	local d k
	for d in /lib/modules/*/build; do
		k=${d#/lib/modules/}
		k=${k%/build}
		[ -e "/boot/vmlinuz-$k" ] && echo "$k"
	done | sort -V
}

no_warnings()
{
	"$@" 2>&1 | tee /dev/stderr | grep -E '(warning|error):' && return 1
	return "${PIPESTATUS[0]}"
}

version_agrees()
{
	local h d
	h=$(sed -n 's/^#define V6GW_VERSION "\(.*\)"/\1/p' kmod/version.h)
	d=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
	echo "kmod/version.h: $h, dkms.conf: $d"
	[ -n "$h" ] && [ "$h" = "$d" ]
}

step deps bash selftests/vm/install-deps.sh || {
	echo "0 passed, 1 failed"
	exit 1
}

mapfile -t KVERS < <(kernels)
echo "kernels: ${KVERS[*]}"

step version version_agrees
# The YNL spec against the header (and ynl-gen-c, the schema), a few seconds.
step ynl-spec /usr/bin/python3 selftests/ynl/check-spec.py --require-ynl
step tool no_warnings make -C usr
step openwrt-uci bash openwrt/test-uci2batch.sh
for k in "${KVERS[@]}"; do
	# Builds the module in the tree with sparse (C=2) on every file.
	step "build-sparse-$k" no_warnings make -s -j2 sparse KDIR="/lib/modules/$k/build"
	make -s -C "/lib/modules/$k/build" M="$top" clean > /dev/null 2>&1
done

# The short fuzz run (one core, about 3 minutes) beside the unit tests.
fuzz_pid="" fuzz_t0=$SECONDS
if [ -f kmod/core/fuzz/Makefile ]; then
	make -C kmod/core/fuzz fuzz-short > "$out/fuzz-short.log" 2>&1 &
	fuzz_pid=$!
fi

# Unit tests count every case they check.
t0=$SECONDS
make -C kmod/core/test run > "$out/unit.log" 2>&1
urc=$?
echo "unit tests took $((SECONDS - t0)) s"
line=$(grep -E '^unit: [0-9]+ passed, [0-9]+ failed' "$out/unit.log" | tail -n1)
if [ -n "$line" ]; then
	up=$(echo "$line" | awk '{print $2}')
	uf=$(echo "$line" | awk '{print $4}')
	echo "unit tests: $up passed, $uf failed"
	pass=$((pass + up))
	fail=$((fail + uf))
	[ "$uf" -eq 0 ] || echo "FAIL: unit tests ($uf)" >> "$out/failed"
	if [ "$urc" -ne 0 ] && [ "$uf" -eq 0 ]; then
		echo "FAIL: unit tests (exit $urc)" | tee -a "$out/failed"
		fail=$((fail + 1))
	fi
else
	echo "FAIL: unit tests did not report (log: $out/unit.log)"
	echo "FAIL: unit tests did not report" >> "$out/failed"
	tail -n 30 "$out/unit.log" | sed 's/^/    /'
	fail=$((fail + 1))
fi
# The same unit tests on a big-endian machine (s390x, qemu-user).
step unit-big-endian make -C kmod/core/test run-be
if [ -n "$fuzz_pid" ]; then
	if wait "$fuzz_pid"; then
		echo "PASS: fuzz-short ($((SECONDS - fuzz_t0)) s)"
		pass=$((pass + 1))
	else
		echo "FAIL: fuzz-short ($((SECONDS - fuzz_t0)) s, log: $out/fuzz-short.log)"
		echo "FAIL: fuzz-short" >> "$out/failed"
		tail -n 30 "$out/fuzz-short.log" | sed 's/^/    /'
		fail=$((fail + 1))
	fi
fi

# The debug kernel, built once per debug.config into /var/cache/v6gw-kdebug
# (.ci/run builds it first, "make debug-kernel"; here only when missing),
# and first that its reports reach the verdict (debug-detect.sh, run once
# per debug tree: a stamp beside it).
dtree=""
if step debug-kernel bash selftests/vm/debug-kernel.sh; then
	dtree=$(bash selftests/vm/debug-kernel.sh --tree)
	step debug-detect bash selftests/vm/debug-detect.sh "$dtree"
fi

# The debug kernel's selftests, in two halves, one per lane (README, "Test
# it": which run there and why not all: the time). Each half is one boot;
# the lanes are balanced by their times in make check.
# A lane starts its half only while make check has run less than
# V6GW_CHECK_DEBUG_BY seconds (default 50 minutes); later it is skipped.
DEBUG_BY=${V6GW_CHECK_DEBUG_BY:-3000}
# shellcheck disable=SC2034 # read as ${!dtests} in lane()
DEBUG_TESTS_0="test-storm.sh"
# shellcheck disable=SC2034
DEBUG_TESTS_1="test-load.sh test-nl-hostile.sh test-txn.sh"

# Selftests, arm64 and DKMS in two lanes that run at the same time, each
# guest with one vCPU (V6GW_VM_SMP=1): two guests of two vCPUs on two cores
# ran every test 2.3 times slower than one guest alone (a vCPU spinning on
# a lock its preempted sibling holds), two of one vCPU 1.5 times: together
# about a quarter faster than one after the other. Lane 0: the first, third... kernel, the first
# half of the debug tests, arm64; lane 1: the second, fourth... kernel, the
# other half, DKMS for every kernel. A lane's output goes to
# build/check/lane-N.log, printed when both lanes are done; every result is
# a line "NAME PASSED FAILED SKIPPED" in $results.

# lane N: lane N's work, in its order.
lane()
{
	local n=$1 i k t0=$SECONDS dtests
	in_lane=$n
	for ((i = n; i < ${#KVERS[@]}; i += 2)); do
		V6GW_RESULTS=$top/$results \
			bash selftests/vm/check-kernels.sh "${KVERS[i]}"
	done
	if [ -n "$dtree" ] && [ "$SECONDS" -gt "$DEBUG_BY" ]; then
		# A slow machine: the half would take make check past its
		# hour, and CI's 90 minutes with it. Said, counted as skipped.
		echo "SKIP: the debug kernel's half $n: make check has run" \
		     "$SECONDS s, more than V6GW_CHECK_DEBUG_BY=$DEBUG_BY"
		echo "debug-half-$n 0 0 1" >> "$results"
	elif [ -n "$dtree" ]; then
		dtests=DEBUG_TESTS_$n
		V6GW_TESTS=${!dtests} V6GW_TEST_TIMEOUT=900 V6GW_OUT_TAG=$n \
			V6GW_RESULTS=$top/$results \
			bash selftests/vm/check-kernels.sh "$dtree"
	fi
	if [ "$n" = 0 ]; then
		# check-arm64.sh: the module and the tool cross-built, a
		# subset of the selftests in an arm64 guest; "arm64-ABI P F S".
		if ! V6GW_RESULTS=$top/$results \
			bash selftests/vm/check-arm64.sh > "$out/arm64.log" 2>&1; then
			echo "check-arm64 failed (log: $out/arm64.log):"
			grep '^check-arm64: ' "$out/arm64.log" | tail -n 20 | sed 's/^/    /'
		fi
	else
		for k in "${KVERS[@]}"; do
			step "dkms-$k" bash selftests/vm/dkms-check.sh "$k"
		done
	fi
	echo "lane $n took $((SECONDS - t0)) s"
}

t0=$SECONDS
export V6GW_VM_SMP=1
lane 0 > "$out/lane-0.log" 2>&1 &
lpid0=$!
lane 1 > "$out/lane-1.log" 2>&1 &
lpid1=$!
wait "$lpid0" "$lpid1"
echo "the two lanes took $((SECONDS - t0)) s"
for n in 0 1; do
	echo "=== lane $n (build/check/lane-$n.log)"
	cat "$out/lane-$n.log"
done

nres=0
while read -r k p f s; do
	echo "results of $k: $p passed, $f failed, $s skipped"
	pass=$((pass + p))
	fail=$((fail + f))
	nres=$((nres + 1))
done < "$results"
# A line per kernel, per debug half, arm64's, and a DKMS line per kernel.
want=$((2 * ${#KVERS[@]} + 1))
[ -n "$dtree" ] && want=$((want + 2))
if [ "$nres" -ne "$want" ]; then
	echo "FAIL: $nres results of $want: a lane did not report everything" | tee -a "$out/failed"
	fail=$((fail + 1))
fi

grep -h '^SKIP: ' "$out"/lane-*.log
# What failed, once more at the end, where a truncated log still shows it.
if [ "$fail" -gt 0 ]; then
	echo "failed checks (FAIL steps; \"not ok\" lines of the selftests):"
	grep -hE '^FAIL: |^(# )?not ok |^check-kernels: .* [1-9][0-9]* failed' \
		"$out/failed" "$out"/lane-*.log "$out/arm64.log" 2>/dev/null |
		head -n 60 | sed 's/^/    /'
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
