#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/ra.sh: what an RA option injection rule costs traffic that is not
# an RA. Builds v6gw (module and tool, from the working tree or
# V6GW_BENCH_REV) for KVER under /var/tmp, as bench/nat64.sh does, then
# boots that kernel under QEMU TCG twice with bench/ra-guest.sh:
#
# 1. instructions (bench/insn-vm.sh: 1 vCPU, the insn plugin from
#    ../shared/insn, deterministic mode): per 64-byte UDP packet forwarded
#    as plain IPv6 by GW, (a) with no RA rule, (b) with a rule on the
#    interface the packets leave through, (c) with the rule on GW's other
#    interface; router only = window minus the same packets dropped at
#    GW's ingress (base). Variants interleaved, rounds rotated, medians.
# 2. wall clock (selftests/vm/vm-run.sh, 2 vCPUs): the same windows timed.
#
# bench/ra-report.py prints the table, cost(b)/cost(a) against the issue's
# target (<= 1.01) and, with V6GW_BENCH_INSN_PROFILE, where the extra
# instructions go (insn-profile.py --diff a/b, a/c, c/b). A benchmark:
# never fails on speed. See bench/README.md.
#
# Environment:
#   KVER                     kernel (default: the installed 6.1.*)
#   V6GW_BENCH_REV           build v6gw from this git revision
#   V6GW_BENCH_INSN=0        skip the instruction boot
#   V6GW_BENCH_WALL=0        skip the wall-clock boot
#   V6GW_BENCH_RA_N          packets per window (100000)
#   V6GW_BENCH_RA_ROUNDS     rounds (5; medians)
#   V6GW_BENCH_RA_VARIANTS   windows ("base a b c")
#   V6GW_BENCH_INSN_DET      1 (default): -icount, fixed RTC; 0: real time
#   V6GW_BENCH_INSN_PROFILE  set: per-function counts, and the diffs
#   V6GW_BENCH_INSN_TOP      functions in each diff (30)
# Output: the console; build/bench/ra.txt (summary); raw files in
# build/bench/<kver>/ra/.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1

# shellcheck disable=SC2012 # kernel names are plain
kver=${KVER:-$(ls -d /lib/modules/6.1.*/build 2>/dev/null | sort -V | tail -n1 |
	       sed 's|/lib/modules/||; s|/build||')}
{ [ -n "$kver" ] && [ -d "/lib/modules/$kver/build" ]; } ||
	{ echo "bench: ra: no kernel headers (KVER=$kver)" >&2; exit 1; }

t_start=$(date +%s)
wd=$(mktemp -d /var/tmp/v6gw-ra.XXXXXX)
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
echo "bench: ra: building v6gw $ver for $kver and the v6gw tool in $wd/src"
make -s -C "/lib/modules/$kver/build" M="$wd/src" modules 2>&1 | grep -v BTF
[ -f "$wd/src/v6gw.ko" ] || { echo "bench: ra: module build failed" >&2; exit 1; }
make -s -C "$wd/src/usr" clean >/dev/null 2>&1
make -s -C "$wd/src/usr" VERSION="$ver" || exit 1
"$wd/src/usr/v6gw" ra help >/dev/null 2>&1 ||
	{ echo "bench: ra: this v6gw tool has no 'ra' command" >&2; exit 1; }

export V6GW_KO=$wd/src/v6gw.ko V6GW=$wd/src/usr/v6gw V6GW_BENCH_VER=$ver
export V6GW_VM_APPEND=${V6GW_VM_APPEND-clocksource=tsc tsc=reliable}
out=$wd/out
mkdir -p "$out"
load0=$(uptime)
echo "bench: ra: $(date -u '+%Y-%m-%d %H:%M UTC'), v6gw $ver, kernel $kver; host load: ${load0##*load average: }"

rc=0
ins=""
if [ "${V6GW_BENCH_INSN:-1}" != 0 ]; then
	src=${V6GW_INSN_SRC:-$top/../shared/insn}
	if [ ! -f "$src/insn.c" ]; then
		echo "bench: ra: no insn plugin sources in $src (V6GW_INSN_SRC): instructions skipped" >&2
	else
		ins=$wd/insn
		cp -r "$src" "$ins" && chmod -R u+w "$ins"
		if ! make -s -C "$ins" libinsn.so insn-mark >"$ins/build.log" 2>&1; then
			cat "$ins/build.log" >&2
			echo "bench: ra: building the insn plugin failed: instructions skipped" >&2
			ins=""
		fi
	fi
fi
det=${V6GW_BENCH_INSN_DET:-1}
if [ -n "$ins" ]; then
	args=(-k "$kver" -o "$out/insn" -t 1800 -P "$ins/libinsn.so")
	[ "$det" = 1 ] && args+=(-d)
	[ -n "${V6GW_BENCH_INSN_PROFILE:-}" ] && args+=(-p)
	echo "bench: ra: insn boot ($kver, TCG, 1 vCPU, insn plugin$([ -n "${V6GW_BENCH_INSN_PROFILE:-}" ] && echo ', profile')," \
		"$([ "$det" = 1 ] && echo deterministic || echo real-time) mode)"
	t0=$(date +%s)
	V6GW_BENCH_INSN=1 V6GW_INSN_DIR=$ins bash bench/insn-vm.sh "${args[@]}" -- \
		bash bench/ra-guest.sh 2>&1 |
		grep --line-buffered -E '^bench: |^insn-vm: |V6GW-VM-EXIT'
	r=${PIPESTATUS[0]}
	echo "bench: ra: insn boot took $(($(date +%s) - t0)) s, status $r"
	[ "$r" = 0 ] || rc=$r
fi
if [ "${V6GW_BENCH_WALL:-1}" != 0 ]; then
	echo "bench: ra: wall-clock boot ($kver, TCG, 2 vCPUs)"
	t0=$(date +%s)
	mkdir -p "$out/wall"
	selftests/vm/vm-run.sh -k "$kver" -t 1800 -- bash bench/ra-guest.sh \
		>"$out/wall/console.txt" 2>&1
	r=$?
	grep -E '^bench: |^vm-run: ' "$out/wall/console.txt"
	echo "bench: ra: wall-clock boot took $(($(date +%s) - t0)) s, status $r"
	[ "$r" = 0 ] || rc=$r
fi
load1=$(uptime)

{
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); whole command $(($(date +%s) - t_start)) s"
	echo "v6gw: $ver; kernel: $kver; packets per window: ${V6GW_BENCH_RA_N:-100000}; rounds: ${V6GW_BENCH_RA_ROUNDS:-5}"
	echo "host: $(nproc) CPUs; load before: ${load0##*load average: }; after: ${load1##*load average: }"
	echo "insn guest: QEMU TCG -smp 1 -m 1G, insn plugin (count=tb)," \
		"$([ "$det" = 1 ] && echo '-icount shift=0,sleep=off -rtc base=2024-01-01T00:00:00,clock=vm' || echo 'real time');" \
		"wall-clock guest: QEMU TCG -smp 2"
	grep -h '^bench: ra: check' "$out/insn/console.txt" "$out/wall/console.txt" 2>/dev/null | sort -u
	rargs=()
	[ -f "$out/insn/marks" ] && rargs+=(--insn "$out/insn/console.txt" --marks "$out/insn/marks")
	[ -f "$out/wall/console.txt" ] && rargs+=(--wall "$out/wall/console.txt")
	python3 bench/ra-report.py "${rargs[@]}"
	if [ -n "${V6GW_BENCH_INSN_PROFILE:-}" ] && [ -s "$out/insn/kallsyms" ]; then
		python3 bench/ra-report.py "${rargs[@]}" --profile "$out/insn/profile" \
			--kallsyms "$out/insn/kallsyms" --tool "$ins/insn-profile.py" \
			--top "${V6GW_BENCH_INSN_TOP:-30}"
	fi
} | tee "$out/ra.txt"
dest=build/bench/$kver/ra
mkdir -p "$dest"
cp -r "$out"/. "$dest"/
cp "$out/ra.txt" build/bench/ra.txt
echo "bench: ra: summary in build/bench/ra.txt; raw files in $dest"
exit "$rc"
