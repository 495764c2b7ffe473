# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
#
# Sourced by vm-run.sh and bench/insn-vm.sh: what a finished guest run
# means. One list of the kernel reports that fail a run, one way to turn
# the guest's side channel into an exit status.

# Console lines that are a kernel problem report.
V6GW_KERNEL_PROBLEMS='WARNING:|BUG:|kernel BUG at|Oops|general protection fault|KASAN|UBSAN'
V6GW_KERNEL_PROBLEMS+='|suspected memory leak|unreferenced object|Kernel panic|refcount_t:|list_add corruption'
# kmemleak giving up (it would then report no leak at all)
V6GW_KERNEL_PROBLEMS+='|kmemleak: (Cannot|Memory pool empty|Kernel memory leak detector disabled|Failed)'
V6GW_KERNEL_PROBLEMS+='|list_del corruption|Call Trace|soft lockup|hard LOCKUP|detected stall'
V6GW_KERNEL_PROBLEMS+='|blocked for more than|int3: [0-9a-f]{4} \[#'

# vm_klog SIDE CONSOLE_FILE: the kernel log of a run, from the dmesg the
# guest copied to its side channel, else from the console's timestamped lines
vm_klog()
{
	if grep -q '^V6GW-VM-DMESG-END$' <<<"$1"; then
		sed -n '/^V6GW-VM-DMESG-BEGIN$/,/^V6GW-VM-DMESG-END$/p' <<<"$1"
	else
		grep -E '\[ *[0-9]+\.[0-9]{6}\]' "$2"
	fi
}

# vm_exit TAG SIDE KLOG QEMU_RC TIMEOUT_S: print the kernel problems of
# KLOG, then exit: the command's status from SIDE (V6GW-VM-EXIT=N), 3 on
# a kernel problem, 124 on a timeout, 125 when the guest said nothing.
vm_exit()
{
	local tag=$1 side=$2 klog=$3 qrc=$4 timeout_s=$5 rc problems line

	rc=$(sed -n 's/^V6GW-VM-EXIT=\([0-9]\{1,3\}\)$/\1/p' <<<"$side" | tail -n1)
	problems=$(grep -E "$V6GW_KERNEL_PROBLEMS" <<<"$klog" | head -n 50)
	if [ -n "$problems" ]; then
		while IFS= read -r line; do
			echo "$tag: kernel problem: $line" >&2
		done <<<"$problems"
	fi
	if [ -z "$rc" ]; then
		if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
			echo "$tag: timeout: no exit status after ${timeout_s}s, QEMU killed" >&2
			exit 124
		fi
		echo "$tag: guest ended without an exit status (QEMU exit $qrc)" >&2
		[ -n "$problems" ] && exit 3
		exit 125
	fi
	[ -n "$problems" ] && exit 3
	exit "$rc"
}

# vm_count_tap LOG: sets pass, fail, skip, ran and plan from the top-level
# TAP of run_tests.sh in LOG. vm-run.sh may have run the tests again after
# an int3 Oops (a line V6GW-VM-RETRY): only what follows the last one counts.
# shellcheck disable=SC2034 # the results are for the caller
vm_count_tap()
{
	local last okl
	last=$(awk '/^V6GW-VM-RETRY$/ { n = 0; next } { l[++n] = $0 }
		    END { for (i = 1; i <= n; i++) print l[i] }' "$1")
	okl=$(grep -c '^ok ' <<<"$last")
	skip=$(grep -c '^ok .*# SKIP' <<<"$last")
	pass=$((okl - skip))
	fail=$(grep -c '^not ok ' <<<"$last")
	ran=$((okl + fail))
	plan=$(sed -n 's/^1\.\.\([0-9]\+\)$/\1/p' <<<"$last" | head -n1)
}
