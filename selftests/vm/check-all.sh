#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: everything, in order of cost.
#   1. Debian packages (installed when missing)
#   2. build: module for every installed kernel (warning-free), the tool,
#      sparse on the module, the version agreeing with dkms.conf, the YNL
#      spec (uapi/v6gw.yaml) agreeing with the header
#   3. unit tests of the portable core (userspace, sanitizers), short fuzz
#   4. selftests in a QEMU guest per installed kernel, and DEBUG_TESTS on
#      the debug kernel (debug-kernel.sh: KASAN, kmemleak, lockdep, UBSAN)
#   5. DKMS add/build/remove for every installed kernel
# and ends with one line: "N passed, N failed".
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
out=build/check
mkdir -p "$out"
results=$out/results
: > "$results"

pass=0
fail=0

# step NAME CMD...: one pass/fail case, output kept in build/check/NAME.log
step()
{
	local name=$1 log="$out/$1.log" t0=$SECONDS
	shift
	if "$@" > "$log" 2>&1; then
		echo "PASS: $name ($((SECONDS - t0)) s)"
		pass=$((pass + 1))
		return 0
	fi
	echo "FAIL: $name ($((SECONDS - t0)) s, log: $log)"
	tail -n 30 "$log" | sed 's/^/    /'
	fail=$((fail + 1))
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
	step "build-sparse-$k" no_warnings make -s sparse KDIR="/lib/modules/$k/build"
	make -s -C "/lib/modules/$k/build" M="$top" clean > /dev/null 2>&1
done

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
	[ "$urc" -eq 0 ] || [ "$uf" -gt 0 ] || fail=$((fail + 1))
else
	echo "FAIL: unit tests did not report (log: $out/unit.log)"
	tail -n 30 "$out/unit.log" | sed 's/^/    /'
	fail=$((fail + 1))
fi
# The same unit tests on a big-endian machine (s390x, qemu-user).
step unit-big-endian make -C kmod/core/test run-be
if [ -f kmod/core/fuzz/Makefile ]; then
	step fuzz-short make -C kmod/core/fuzz fuzz-short
fi

# Selftests: one line "KVER PASSED FAILED SKIPPED" per kernel.
V6GW_RESULTS=$top/$results bash selftests/vm/check-kernels.sh "${KVERS[@]}"
# The debug kernel, built once per debug.config into /var/cache/v6gw-kdebug
# (.ci/run builds it first, "make debug-kernel"; here only when missing):
# first that its reports reach the verdict, then the tests that fit the
# time (README, "Test it"), counted like any kernel's.
# (one line: check-kernels.sh reads V6GW_TESTS with read -a)
DEBUG_TESTS="test-load.sh test-perm.sh test-netlink.sh test-nl-hostile.sh"
DEBUG_TESTS+=" test-save.sh test-txn.sh test-nat64-lifecycle.sh test-clat-host.sh"
DEBUG_TESTS+=" test-siit.sh test-storm.sh"
ndebug=0
if step debug-kernel bash selftests/vm/debug-kernel.sh; then
	dtree=$(bash selftests/vm/debug-kernel.sh --tree)
	step debug-detect bash selftests/vm/debug-detect.sh "$dtree"
	V6GW_TESTS=$DEBUG_TESTS V6GW_TEST_TIMEOUT=600 V6GW_RESULTS=$top/$results \
		bash selftests/vm/check-kernels.sh "$dtree"
	ndebug=1
fi
while read -r k p f s; do
	echo "selftests on $k: $p passed, $f failed, $s skipped"
	pass=$((pass + p))
	fail=$((fail + f))
done < "$results"
if [ "$(wc -l < "$results")" -ne $((${#KVERS[@]} + ndebug)) ]; then
	echo "FAIL: selftests did not report for every kernel"
	fail=$((fail + 1))
fi

# arm64 (check-arm64.sh): the module and the tool cross-built, a subset
# of the selftests in an arm64 guest; one more line "arm64-ABI P F S".
: > "$out/results-arm64"
V6GW_RESULTS=$top/$out/results-arm64 bash selftests/vm/check-arm64.sh \
	> "$out/arm64.log" 2>&1
if read -r k p f s < "$out/results-arm64"; then
	echo "selftests on $k: $p passed, $f failed, $s skipped"
	pass=$((pass + p))
	fail=$((fail + f))
	[ "$f" -eq 0 ] || grep '^check-arm64: ' "$out/arm64.log" | tail -n 20 | sed 's/^/    /'
else
	echo "FAIL: arm64 selftests did not report (log: $out/arm64.log)"
	tail -n 30 "$out/arm64.log" | sed 's/^/    /'
	fail=$((fail + 1))
fi

for k in "${KVERS[@]}"; do
	step "dkms-$k" bash selftests/vm/dkms-check.sh "$k"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
