#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/profile.sh: where the time goes under the benchmark's 64-byte UDP
# flood (pktgen, H6 -> FAR), for every variant of bench/guest.sh (plain IPv6
# forwarding, v6gw, Jool) in one guest boot: `perf record -a -e cpu-clock`
# for 4 s each, the top kernel symbols and the packets received meanwhile.
# Comparing the fwd and v6gw lists shows what translation adds.
# V6GW_BENCH_PROFILE=tcp profiles an iperf3 TCP stream instead.
# V6GW_BENCH_PROFILE=insn counts guest instructions per kernel function
# instead (bench/insn.sh with V6GW_BENCH_INSN_PROFILE=1: one boot, 1 vCPU,
# the insn plugin's profile= and the guest's /proc/kallsyms), and prints
# insn-profile.py --diff of plain forwarding vs v6gw, per UDP packet and per
# TCP KiB, and of v6gw vs Jool (top V6GW_BENCH_INSN_TOP, 40); in
# build/bench/insn-profile.txt. Exact and repeatable, unlike the samples.
# KVER picks the kernel (default: the installed 6.1). Summary in
# build/bench/profile.txt. Like every benchmark here: figures, never a
# failure on speed.
export V6GW_BENCH_PROFILE=${V6GW_BENCH_PROFILE:-udp}
exec bash "$(dirname "$0")/run.sh" "$@"
