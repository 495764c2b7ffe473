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
#   V6GW_BENCH_REV     build v6gw from this git revision (git archive), not
#                      from the working tree
#   V6GW_BENCH_INSN=0  skip the instructions-per-packet boot (bench/insn.sh,
#                      its own knobs are listed there)
#   V6GW_BENCH_WALL=0  skip the wall-clock boot
#   V6GW_BENCH_PROFILE set: profile each variant under the UDP flood instead
#                      (bench/profile.sh); summary in build/bench/profile.txt;
#                      =insn: the insn boot with per-function counts instead,
#                      diffs in build/bench/insn-profile.txt
#   V6GW_BENCH_SOAK=S  one S-second flood through v6gw instead (bench/soak.sh);
#                      summary in build/bench/soak.txt
#   V6GW_BENCH_NAT64=1 the stateful NAT64 benchmark instead (bench/nat64.sh)
#   V6GW_BENCH_RA=1    what an RA option injection rule costs forwarded
#                      traffic instead (bench/ra.sh)
# Output: the console, build/bench/insn.txt (instructions per packet) and
# build/bench/last.txt (wall clock: figures + load + version, and the
# instruction ratios).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
if [ -n "${V6GW_BENCH_NAT64:-}" ]; then
	exec bash bench/nat64.sh
fi
if [ -n "${V6GW_BENCH_RA:-}" ]; then
	exec bash bench/ra.sh
fi

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
mkdir -p "$out"
# The module is built outside the repository: "make -C KDIR M=<repo> clean"
# (make clean, make check) deletes every *.ko, *.o and *.mod under the
# repository, build/ included, and may run while the benchmark does.
wd=$(mktemp -d /var/tmp/v6gw-bench.XXXXXX)
chmod 755 "$wd"
trap 'rm -rf "$wd"' EXIT
mkdir "$wd/src"
if [ -n "${V6GW_BENCH_REV:-}" ]; then
	# a committed version instead of the working tree (before/after runs)
	git archive "$V6GW_BENCH_REV" Kbuild kmod uapi usr | tar -x -C "$wd/src"
	ver=$(git describe --always "$V6GW_BENCH_REV")
else
	cp -r Kbuild kmod uapi usr "$wd/src/"
	ver=$(git describe --always --dirty 2>/dev/null || echo unknown)
fi
echo "bench: building v6gw $ver for $kver and the v6gw tool in $wd/src"
make -s -C "/lib/modules/$kver/build" M="$wd/src" modules 2>&1 | grep -v BTF || true
[ -f "$wd/src/v6gw.ko" ] || { echo "bench: module build failed" >&2; exit 1; }
make -s -C "$wd/src/usr" clean >/dev/null 2>&1 || true
make -s -C "$wd/src/usr" VERSION="$ver"

load0=$(uptime)
echo "bench: $(date -u '+%Y-%m-%d %H:%M UTC'), v6gw $ver, kernel $kver"
echo "bench: host load before: $load0"

summary=build/bench/last.txt
[ -n "${V6GW_BENCH_SOAK:-}" ] && summary=build/bench/soak.txt
if [ -n "${V6GW_BENCH_PROFILE:-}" ] && [ "$V6GW_BENCH_PROFILE" != insn ]; then
	summary=build/bench/profile.txt
	command -v perf >/dev/null || apt-get install -y -qq linux-perf >/dev/null
fi
export V6GW_KO=$wd/src/v6gw.ko V6GW=$wd/src/usr/v6gw V6GW_BENCH_VER=$ver V6GW_BENCH_WD=$wd
# Under TCG the guest's default clock source, the HPET, costs an emulated
# MMIO read per ktime_get(), and pktgen reads the clock for every packet:
# that read took 5-9 % of all samples and varied with the host's load. The
# TSC is a plain instruction under TCG.
export V6GW_VM_APPEND=${V6GW_VM_APPEND-clocksource=tsc tsc=reliable}

# Instructions per packet first (bench/insn.sh: one boot, 1 vCPU, the insn
# plugin): the deterministic figures, then the wall-clock ones.
if [ "${V6GW_BENCH_PROFILE:-}" = insn ]; then
	V6GW_BENCH_INSN_PROFILE=1 KVER=$kver bash bench/insn.sh
	exit
fi
if [ "${V6GW_BENCH_INSN:-1}" != 0 ] && [ -z "${V6GW_BENCH_PROFILE:-}" ] &&
   [ -z "${V6GW_BENCH_SOAK:-}" ]; then
	KVER=$kver bash bench/insn.sh ||
		echo "bench: the insn run ended with status $? (see above)" >&2
fi
if [ "${V6GW_BENCH_WALL:-1}" = 0 ]; then
	exit 0
fi

echo "bench: wall clock: booting $kver in QEMU (TCG, 2 vCPUs); a few minutes"
rc=0
selftests/vm/vm-run.sh -k "$kver" -t $((1800 + ${V6GW_BENCH_SOAK:-0})) -m 1G -- bash bench/guest.sh |
	tee "$wd/console.txt" || rc=${PIPESTATUS[0]}
load1=$(uptime)
echo "bench: host load after: $load1"

{
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "v6gw: $ver; kernel: $kver; guest: QEMU TCG -smp 2 -m 1G"
	echo "host: $(nproc) CPUs; load before: ${load0##*load average: }; after: ${load1##*load average: }"
	sed -n '/^round /p; /^profile /p; /^soak: /p; /^bench: .*counters/p; /^|/p; /^median/p' "$wd/console.txt"
	# the instruction counts of the same run, ratios only (all of it in
	# build/bench/insn.txt)
	if [ -f "$wd/insn-out/insn.txt" ]; then
		sed -n '/^insn /p' "$wd/insn-out/insn.txt"
	fi
} >"$wd/summary.txt"
# copied only now: make clean (rm -rf build) may have run meanwhile
mkdir -p "$out"
cp "$wd/console.txt" "$out/console.txt"
cp "$wd/summary.txt" "$summary"
echo "bench: summary in $summary"
if [ "$rc" != 0 ]; then
	echo "bench: the guest run ended with status $rc (see above)" >&2
	exit "$rc"
fi
