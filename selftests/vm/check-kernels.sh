#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-kernels.sh [KVER|TREE...]: build v6gw.ko out of tree for each kernel
# and run the selftests on it in a QEMU guest (vm-run.sh).
#
# An argument with a "/" is a kernel tree built by debug-kernel.sh (the
# debug kernel): the module is built with make -C TREE, the guest boots
# vm-run.sh -K TREE, and its KREL (TREE/include/config/kernel.release)
# stands for KVER below.
#
# Kernels: the ones given, else every KVER with /lib/modules/KVER/build and
# /boot/vmlinuz-KVER. Per kernel, in build/KVER/ of the repository:
#   src/           copy of Kbuild, kmod/, uapi/; the module is built there
#   build.log      the build output; any "warning:" fails the kernel
#   selftests.log  the guest console (run_tests.sh's TAP) and vm-run's notes
#   dmesg.log      the guest's kernel log
# Results count the top-level TAP lines: "ok" (passed), "ok ... # SKIP"
# (skipped), "not ok" (failed). A failed build, a VM timeout or failure, a
# kernel problem report, or fewer results than planned count as one more
# failure each.
#
# Prints "check-kernels: KVER: P passed, F failed, S skipped" per kernel and
# appends "KVER P F S" to $V6GW_RESULTS when set. Exits 1 if anything
# failed, 2 if there is no kernel to test.
# V6GW_VM_TIMEOUT: vm-run.sh timeout in seconds (default: every test's
# timeout from selftests/settings, plus 300).
# V6GW_TESTS: the tests to run (run_tests.sh's arguments; default all).
# V6GW_TEST_TIMEOUT: seconds per test (run_tests.sh; default settings').
# V6GW_OUT_TAG: build/KVER-TAG/ instead of build/KVER/, so that two runs on
# one kernel (make check's two lanes) keep apart.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
cd "$top" || exit 2
# shellcheck source=selftests/vm/vm-result.sh
source selftests/vm/vm-result.sh

if [ $# -gt 0 ]; then
	kvers=("$@")
else
	kvers=()
	for d in /lib/modules/*/build; do
		k=${d#/lib/modules/}
		k=${k%/build}
		[ -e "/boot/vmlinuz-$k" ] && kvers+=("$k")
	done
fi
if [ ${#kvers[@]} -eq 0 ]; then
	echo "check-kernels: no kernel with /lib/modules/KVER/build and /boot/vmlinuz-KVER" >&2
	exit 2
fi

if [ ! -x usr/v6gw ] && [ -f usr/Makefile ]; then
	make -s -C usr >/dev/null || echo "check-kernels: building usr/v6gw failed" >&2
fi

# build KVER KDIR: build/KVER/src/v6gw.ko, without warnings.
build()
{
	local k=$1 kdir=$2 out=build/$1${V6GW_OUT_TAG:+-$V6GW_OUT_TAG}
	rm -rf "$out"
	mkdir -p "$out/src" || return 1
	cp -r Kbuild kmod uapi "$out/src/" || return 1
	# Drop objects an in-tree build may have left in the copy.
	make -C "$kdir" M="$top/$out/src" clean >/dev/null 2>&1
	make -C "$kdir" M="$top/$out/src" modules >"$out/build.log" 2>&1
	local rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "check-kernels: $k: build failed (exit $rc), see $out/build.log" >&2
		tail -n 20 "$out/build.log" >&2
		return 1
	fi
	if grep -q 'warning:' "$out/build.log"; then
		echo "check-kernels: $k: build warnings, see $out/build.log" >&2
		grep 'warning:' "$out/build.log" >&2
		return 1
	fi
}

read -ra tests <<<"${V6GW_TESTS:-}"
if [ ${#tests[@]} -gt 0 ]; then
	ntests=${#tests[@]}
else
	ntests=$(bash selftests/run_tests.sh -l | wc -l)
fi
per_test=${V6GW_TEST_TIMEOUT:-$(sed -n 's/^timeout=\([0-9]\+\)$/\1/p' selftests/settings)}
vm_timeout=${V6GW_VM_TIMEOUT:-$((ntests * ${per_test:-45} + 300))}

anyfail=0
for k in "${kvers[@]}"; do
	case $k in
	*/*)
		tree=$k
		k=$(cat "$tree/include/config/kernel.release") || exit 2
		kdir=$tree vmk=(-K "$tree")
		;;
	*) kdir=/lib/modules/$k/build vmk=(-k "$k") ;;
	esac
	out=build/$k${V6GW_OUT_TAG:+-$V6GW_OUT_TAG}
	pass=0 fail=0 skip=0 notes="" t0=$SECONDS
	if ! build "$k" "$kdir"; then
		fail=1 notes=" (build failed)"
	else
		bash selftests/vm/vm-run.sh "${vmk[@]}" -t "$vm_timeout" \
			-D "$out/dmesg.log" -- \
			"V6GW_KO=$out/src/v6gw.ko bash selftests/run_tests.sh ${tests[*]}" \
			2>&1 | tee "$out/selftests.log"
		vrc=${PIPESTATUS[0]}
		vm_count_tap "$out/selftests.log"
		case $vrc in
		0 | 1) ;;
		3) fail=$((fail + 1)) notes+=" (kernel problem report, see $out/selftests.log)" ;;
		124) fail=$((fail + 1)) notes+=" (VM timeout)" ;;
		125) fail=$((fail + 1)) notes+=" (VM failed)" ;;
		*) fail=$((fail + 1)) notes+=" (vm-run exit $vrc)" ;;
		esac
		if [ "$vrc" != 124 ] && [ "$vrc" != 125 ] &&
			{ [ -z "$plan" ] || [ "$ran" -lt "$plan" ]; }; then
			fail=$((fail + 1))
			notes+=" (incomplete: $ran of ${plan:-?} results)"
		fi
	fi
	echo "check-kernels: $k: $pass passed, $fail failed, $skip skipped$notes ($((SECONDS - t0)) s)"
	[ -n "${V6GW_RESULTS:-}" ] && echo "$k $pass $fail $skip" >>"$V6GW_RESULTS"
	[ "$fail" -eq 0 ] || anyfail=1
done
exit "$anyfail"
