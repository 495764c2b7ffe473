#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# debug-detect.sh TREE: the debug kernel's reports reach vm-run.sh's verdict.
# Two guests of the debug kernel built in TREE (debug-kernel.sh), each
# provoking one report on purpose, each of which must end vm-run.sh with
# exit 3 ("kernel problem") and name the report:
#   1. kmemleak: modprobe kmemleak-test (samples/kmemleak, it leaks on
#      load): "unreferenced object" from the scans after the command;
#   2. KASAN: lkdtm's READ_AFTER_FREE (debugfs provoke-crash/DIRECT):
#      "BUG: KASAN: slab-use-after-free", the guest panicking on it
#      (panic_on_warn=1), so from the console.
# Without this a debug pass that sees nothing could be blind.
# The two guests take minutes under TCG: once they passed, a stamp next to
# TREE (named by the hash of this script and of the runner's scripts) says
# so, and later runs with the same tree and scripts only print that.
set -u

[ $# -eq 1 ] || { echo "usage: $0 TREE" >&2; exit 2; }
tree=$(cd "$1" && pwd) || exit 2
here=$(cd "$(dirname "$0")" && pwd) || exit 2
fail=0
stamp=$tree/../detect-ok-$(cd "$here" && cat debug-detect.sh vm-run.sh \
	vm-result.sh guest-init.sh mkinitramfs.sh | sha256sum | cut -c1-16)
if [ -f "$stamp" ]; then
	echo "debug-detect: passed on this tree with these scripts: $(cat "$stamp")"
	exit 0
fi

# expect NAME PATTERN COMMAND: vm-run exits 3 and says PATTERN
expect()
{
	local name=$1 pattern=$2 out rc
	out=$(bash "$here/vm-run.sh" -K "$tree" -t 300 -- "$3" 2>&1)
	rc=$?
	printf '%s\n' "$out" | sed "s/^/$name: /"
	if [ "$rc" = 3 ] && grep -E "^vm-run: kernel problem: .*($pattern)" <<<"$out" >/dev/null; then
		echo "ok: $name: vm-run exit 3 with /$pattern/"
	else
		echo "FAIL: $name: vm-run exit $rc, /$pattern/ in its kernel problems:" \
		     "$(grep -cE "^vm-run: kernel problem: .*($pattern)" <<<"$out")"
		fail=1
	fi
}

expect kmemleak 'unreferenced object' 'modprobe kmemleak-test && sleep 6'
expect kasan 'BUG: KASAN: slab-use-after-free' \
	'echo READ_AFTER_FREE > /sys/kernel/debug/provoke-crash/DIRECT && sleep 5'
[ "$fail" = 0 ] && date -u +%FT%TZ >"$stamp"
exit "$fail"
