#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/nat64.sh: the stateful NAT64 benchmark. Builds v6gw (module and
# tool, from the working tree or V6GW_BENCH_REV) for the installed 6.1
# kernel under /var/tmp, as bench/run.sh does, then boots that kernel
# under QEMU TCG twice with bench/nat64-guest.sh:
#
# 1. instructions (bench/insn-vm.sh: 1 vCPU, the insn plugin from
#    ../shared/insn, deterministic mode): per 64-byte UDP packet, router
#    only (window minus the same packets dropped at GW's ingress), for
#    plain IPv6 forwarding, v6gw NAT64 (one established flow; the same
#    with 1 000 000 sessions in the tables; packets cycling through
#    existing sessions; packets that each create a session) and Jool NAT64
#    (the same with 50 000 sessions); kernel memory per v6gw session.
# 2. wall clock (selftests/vm/vm-run.sh, 2 vCPUs): the same windows timed.
#
# Ratios to plain forwarding and the issue's targets are printed by
# bench/nat64-report.py. A benchmark: never fails on speed.
#
# Environment:
#   KVER                     kernel (default: the installed 6.1.*)
#   V6GW_BENCH_REV           build v6gw from this git revision
#   V6GW_BENCH_INSN=0        skip the instruction boot
#   V6GW_BENCH_WALL=0        skip the wall-clock boot
#   V6GW_BENCH_INSN_N        packets per one-flow window (100000)
#   V6GW_BENCH_NAT64_NSEQ    packets per port-range window (50000, at most)
#   V6GW_BENCH_NAT64_FILL    sessions in v6gw1m (1000000)
#   V6GW_BENCH_JOOL_FILL     sessions in jool50k (50000)
#   V6GW_BENCH_INSN_ROUNDS   rounds (3; medians)
#   V6GW_BENCH_INSN_PROFILE  set: per-function counts too, and the diffs of
#                            bench/nat64-report.py --profile
#   V6GW_BENCH_MEM           guest memory (2G)
# Output: the console; build/bench/nat64.txt (summary); raw files in
# build/bench/<kver>/nat64/.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1

# shellcheck disable=SC2012 # kernel names are plain
kver=${KVER:-$(ls -d /lib/modules/6.1.*/build 2>/dev/null | sort -V | tail -n1 |
	       sed 's|/lib/modules/||; s|/build||')}
{ [ -n "$kver" ] && [ -d "/lib/modules/$kver/build" ]; } ||
	{ echo "bench: no 6.1 kernel headers (KVER=$kver)" >&2; exit 1; }
modinfo -k "$kver" jool >/dev/null 2>&1 ||
	echo "bench: jool is not installed for $kver: the Jool variants will be" \
		"skipped (run bench/install-jool.sh as root)" >&2

t_start=$(date +%s)
wd=$(mktemp -d /var/tmp/v6gw-nat64.XXXXXX)
chmod 755 "$wd"
trap 'rm -rf "$wd"' EXIT
mkdir "$wd/src"
if [ -n "${V6GW_BENCH_REV:-}" ]; then
	git archive "$V6GW_BENCH_REV" Kbuild kmod uapi usr | tar -x -C "$wd/src"
	ver=$(git describe --always "$V6GW_BENCH_REV")
else
	cp -r Kbuild kmod uapi usr "$wd/src/"
	ver=${V6GW_BENCH_VER:-$(git describe --always --dirty 2>/dev/null || echo unknown)}
fi
echo "bench: building v6gw $ver for $kver and the v6gw tool in $wd/src"
make -s -C "/lib/modules/$kver/build" M="$wd/src" modules 2>&1 | grep -v BTF
[ -f "$wd/src/v6gw.ko" ] || { echo "bench: module build failed" >&2; exit 1; }
make -s -C "$wd/src/usr" clean >/dev/null 2>&1
make -s -C "$wd/src/usr" VERSION="$ver" || exit 1

export V6GW_KO=$wd/src/v6gw.ko V6GW=$wd/src/usr/v6gw V6GW_BENCH_VER=$ver
export V6GW_VM_APPEND=${V6GW_VM_APPEND-clocksource=tsc tsc=reliable}
mem=${V6GW_BENCH_MEM:-2G}
out=$wd/out
mkdir -p "$out"
load0=$(uptime)
echo "bench: nat64: $(date -u '+%Y-%m-%d %H:%M UTC'), v6gw $ver, kernel $kver; host load: ${load0##*load average: }"

rc=0
ins=""
if [ "${V6GW_BENCH_INSN:-1}" != 0 ]; then
	src=${V6GW_INSN_SRC:-$top/../shared/insn}
	if [ ! -f "$src/insn.c" ]; then
		echo "bench: nat64: no insn plugin sources in $src (V6GW_INSN_SRC): instructions skipped" >&2
	else
		ins=$wd/insn
		cp -r "$src" "$ins" && chmod -R u+w "$ins"
		if ! make -s -C "$ins" libinsn.so insn-mark >"$ins/build.log" 2>&1; then
			cat "$ins/build.log" >&2
			echo "bench: nat64: building the insn plugin failed: instructions skipped" >&2
			ins=""
		fi
	fi
fi
if [ -n "$ins" ]; then
	args=(-k "$kver" -o "$out/insn" -t 5400 -P "$ins/libinsn.so" -m "$mem")
	[ "${V6GW_BENCH_INSN_DET:-1}" = 1 ] && args+=(-d)
	[ -n "${V6GW_BENCH_INSN_PROFILE:-}" ] && args+=(-p)
	echo "bench: nat64: insn boot ($kver, TCG, 1 vCPU, -m $mem, insn plugin," \
		"$([ "${V6GW_BENCH_INSN_DET:-1}" = 1 ] && echo deterministic || echo real-time) mode)"
	t0=$(date +%s)
	V6GW_BENCH_INSN=1 V6GW_INSN_DIR=$ins bash bench/insn-vm.sh "${args[@]}" -- \
		bash bench/nat64-guest.sh 2>&1 |
		grep --line-buffered -E '^bench: |^insn-vm: |V6GW-VM-EXIT|^mem '
	r=${PIPESTATUS[0]}
	echo "bench: nat64: insn boot took $(($(date +%s) - t0)) s, status $r"
	[ "$r" = 0 ] || rc=$r
fi
if [ "${V6GW_BENCH_WALL:-1}" != 0 ]; then
	echo "bench: nat64: wall-clock boot ($kver, TCG, 2 vCPUs, -m $mem)"
	t0=$(date +%s)
	mkdir -p "$out/wall"
	selftests/vm/vm-run.sh -k "$kver" -t 3600 -m "$mem" -- bash bench/nat64-guest.sh \
		>"$out/wall/console.txt" 2>&1
	r=$?
	grep -E '^bench: |^vm-run: |^mem ' "$out/wall/console.txt"
	echo "bench: nat64: wall-clock boot took $(($(date +%s) - t0)) s, status $r"
	[ "$r" = 0 ] || rc=$r
fi
load1=$(uptime)

{
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); whole command $(($(date +%s) - t_start)) s"
	echo "v6gw: $ver; kernel: $kver; jool: $(modinfo -k "$kver" -F version jool 2>/dev/null || echo none)"
	echo "host: $(nproc) CPUs; load before: ${load0##*load average: }; after: ${load1##*load average: }"
	echo "insn guest: QEMU TCG -smp 1 -m $mem, insn plugin (count=tb)," \
		"$([ "${V6GW_BENCH_INSN_DET:-1}" = 1 ] && echo '-icount shift=0,sleep=off -rtc base=2024-01-01T00:00:00,clock=vm' || echo 'real time');" \
		"wall-clock guest: QEMU TCG -smp 2 -m $mem"
	rargs=()
	[ -f "$out/insn/marks" ] && rargs+=(--insn "$out/insn/console.txt" --marks "$out/insn/marks")
	[ -f "$out/wall/console.txt" ] && rargs+=(--wall "$out/wall/console.txt")
	python3 bench/nat64-report.py "${rargs[@]}"
	if [ -n "${V6GW_BENCH_INSN_PROFILE:-}" ] && [ -s "$out/insn/kallsyms" ]; then
		python3 bench/nat64-report.py "${rargs[@]}" --profile "$out/insn/profile" \
			--kallsyms "$out/insn/kallsyms" --tool "$ins/insn-profile.py" \
			--top "${V6GW_BENCH_INSN_TOP:-40}"
	fi
} | tee "$out/nat64.txt"
dest=build/bench/$kver/nat64
mkdir -p "$dest"
cp -r "$out"/. "$dest"/
cp "$out/nat64.txt" build/bench/nat64.txt
echo "bench: nat64: summary in build/bench/nat64.txt; raw files in $dest"
exit "$rc"
