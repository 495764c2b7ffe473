#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: build v6gw for the 6.1 kernel, boot it once in QEMU (TCG) and
# run bench/guest.sh there: plain IPv6 forwarding vs v6gw SIIT vs Jool SIIT,
# interleaved rounds, medians and ratios. A benchmark, not a test: it never
# fails on speed. See bench/README.md.
#
# Environment:
#   KVER               kernel (default: the installed 6.1.*; Jool only builds there)
#   V6GW_BENCH_ROUNDS  rounds (default 7), V6GW_BENCH_UDP_S (2), V6GW_BENCH_TCP_S (3)
# Output: the console, and build/bench/last.txt (figures + load + version).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

# shellcheck disable=SC2012 # kernel names are plain
kver=${KVER:-$(ls -d /lib/modules/6.1.*/build 2>/dev/null | sort -V | tail -n1 |
	       sed 's|/lib/modules/||; s|/build||')}
{ [ -n "$kver" ] && [ -d "/lib/modules/$kver/build" ]; } ||
	{ echo "bench: no 6.1 kernel headers (KVER=$kver)" >&2; exit 1; }
if ! modinfo -k "$kver" jool_siit >/dev/null 2>&1; then
	echo "bench: jool_siit is not installed for $kver: the Jool variant will be" \
		"skipped (run bench/install-jool.sh as root)" >&2
fi

out=build/bench/$kver
rm -rf "$out"
mkdir -p "$out/src"
cp -r Kbuild kmod uapi usr "$out/src/"
echo "bench: building v6gw for $kver and the v6gw tool in $out/src"
make -s -C "/lib/modules/$kver/build" M="$top/$out/src" modules 2>&1 | grep -v BTF || true
[ -f "$out/src/v6gw.ko" ] || { echo "bench: module build failed" >&2; exit 1; }
make -s -C "$out/src/usr" clean >/dev/null 2>&1 || true
make -s -C "$out/src/usr" VERSION="$(git describe --always --dirty 2>/dev/null || echo unknown)"

ver=$(git describe --always --dirty 2>/dev/null || echo unknown)
load0=$(uptime)
echo "bench: $(date -u '+%Y-%m-%d %H:%M UTC'), v6gw $ver, kernel $kver"
echo "bench: host load before: $load0"
echo "bench: booting $kver in QEMU (TCG, 2 vCPUs); a few minutes"

export V6GW_KO=$top/$out/src/v6gw.ko V6GW=$top/$out/src/usr/v6gw
rc=0
selftests/vm/vm-run.sh -k "$kver" -t 1800 -m 1G -- bash bench/guest.sh |
	tee "$out/console.txt" || rc=${PIPESTATUS[0]}
load1=$(uptime)
echo "bench: host load after: $load1"

{
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "v6gw: $ver; kernel: $kver; guest: QEMU TCG -smp 2 -m 1G"
	echo "host: $(nproc) CPUs; load before: ${load0##*load average: }; after: ${load1##*load average: }"
	sed -n '/^round /p; /^bench: .*counters/p; /^|/p; /^median/p' "$out/console.txt"
} >build/bench/last.txt
echo "bench: summary in build/bench/last.txt"
if [ "$rc" != 0 ]; then
	echo "bench: the guest run ended with status $rc (see above)" >&2
	exit "$rc"
fi
