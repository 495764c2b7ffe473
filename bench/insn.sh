#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/insn.sh: the deterministic part of make bench, called by bench/run.sh
# (which builds v6gw and exports KVER, V6GW_KO and V6GW): guest instructions
# per packet (64-byte UDP) and per KiB (one TCP connection) for every
# variant, counted by the insn QEMU TCG plugin in one boot with one vCPU.
# See bench/README.md.
#
# The plugin is not part of this repository: it is copied at bench time
# from V6GW_INSN_SRC (default ../shared/insn next to the repository) into
# the bench's work directory (V6GW_BENCH_WD, else build/) and built there.
# Without it this part is skipped (exit 0).
#
# Environment:
#   V6GW_BENCH_INSN_N        UDP packets per window (100000)
#   V6GW_BENCH_INSN_TCP_KIB  KiB per TCP window (32768)
#   V6GW_BENCH_INSN_ROUNDS   rounds (3; the summary takes the median)
#   V6GW_BENCH_INSN_DET      1 (default): deterministic mode (-icount
#                            shift=0,sleep=off, fixed RTC); 0: real time
#   V6GW_BENCH_INSN_PROFILE  set: also count per kernel function and print
#                            insn-profile.py --diff of plain vs v6gw (UDP
#                            and TCP; plus v6gw vs Jool when Jool runs)
#   V6GW_BENCH_INSN_TOP      functions in each diff (40)
# Output: the console, build/bench/<kver>/insn/ (marks, console, profile,
# kallsyms) and build/bench/insn.txt (the summary).
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
kver=${KVER:?run through bench/run.sh}
: "${V6GW_KO:?}" "${V6GW:?}"

src=${V6GW_INSN_SRC:-$top/../shared/insn}
if [ ! -f "$src/insn.c" ] || [ ! -f "$src/demo/tcpbench.c" ]; then
	echo "bench: insn: no insn plugin sources in $src (set V6GW_INSN_SRC):" \
		"instructions per packet skipped" >&2
	exit 0
fi
# Everything this run needs or writes lives in the bench's own work
# directory (V6GW_BENCH_WD, from run.sh) and is copied to build/ at the
# end: make clean (rm -rf build) may run meanwhile in the same tree.
wd=${V6GW_BENCH_WD:-$top/build}
ins=$wd/insn
rm -rf "$ins"
mkdir -p "$wd"
cp -r "$src" "$ins" && chmod -R u+w "$ins"
if ! make -s -C "$ins" libinsn.so insn-mark demo/tcpbench >"$ins/build.log" 2>&1; then
	cat "$ins/build.log" >&2
	echo "bench: insn: building the plugin failed: instructions per packet skipped" >&2
	exit 0
fi

out=$wd/insn-out
mkdir -p "$out"
args=(-k "$kver" -o "$out" -t 2400 -P "$ins/libinsn.so")
[ "${V6GW_BENCH_INSN_DET:-1}" = 1 ] && args+=(-d)
prof=${V6GW_BENCH_INSN_PROFILE:+1}
[ -n "$prof" ] && args+=(-p)
export V6GW_BENCH_INSN=1 V6GW_INSN_DIR=$ins
export V6GW_BENCH_INSN_PROFILE=${prof:-}
echo "bench: insn: booting $kver in QEMU (TCG, 1 vCPU, insn plugin${prof:+, profile}," \
	"$([ "${V6GW_BENCH_INSN_DET:-1}" = 1 ] && echo deterministic || echo real-time) mode)"
t0=$(date +%s)
rc=0
bash bench/insn-vm.sh "${args[@]}" -- bash bench/guest.sh 2>&1 |
	grep --line-buffered -E '^bench: |^insn-vm: |V6GW-VM-EXIT'
rc=${PIPESTATUS[0]}
t1=$(date +%s)
echo "bench: insn: guest run took $((t1 - t0)) s, status $rc"

{
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "v6gw: ${V6GW_BENCH_VER:-unknown}; kernel: $kver"
	echo "guest: QEMU TCG -smp 1 -m 1G, insn plugin (count=tb)," \
		"$([ "${V6GW_BENCH_INSN_DET:-1}" = 1 ] && echo '-icount shift=0,sleep=off -rtc base=2024-01-01T00:00:00,clock=vm' || echo 'real time')"
	python3 bench/insn-report.py "$out/console.txt" "$out/marks"
} | tee "$out/insn.txt"

if [ -n "$prof" ]; then
	if [ -s "$out/kallsyms" ] && [ -s "$out/profile" ]; then
		python3 bench/insn-report.py "$out/console.txt" "$out/marks" \
			--profile "$out/profile" --kallsyms "$out/kallsyms" \
			--tool "$ins/insn-profile.py" \
			--top "${V6GW_BENCH_INSN_TOP:-40}" | tee "$out/insn-profile.txt"
	else
		echo "bench: insn: no profile or kallsyms from the guest" >&2
	fi
fi
dest=build/bench/$kver/insn
mkdir -p "$dest"
cp -r "$out"/. "$dest"/
cp "$out/insn.txt" build/bench/insn.txt
[ -f "$out/insn-profile.txt" ] && cp "$out/insn-profile.txt" build/bench/insn-profile.txt &&
	echo "bench: insn: profile diffs in build/bench/insn-profile.txt"
echo "bench: insn: summary in build/bench/insn.txt; raw files in $dest"
exit "$rc"
