#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/soak.sh [SECONDS]: one long 64-byte UDP flood (pktgen, H6 -> FAR)
# through v6gw in the benchmark's topology, default 600 s: the received
# rate every 10 s, the kernel's MemFree/Slab/SUnreclaim before and after,
# and v6gw's counters. For spotting a rate that decays or memory that
# grows with the packets translated; not a test, it never fails on them.
# V6GW_BENCH_SOAK_VARIANT=fwd soaks plain forwarding instead, as a control.
# KVER picks the kernel (default: the installed 6.1). Summary in
# build/bench/soak.txt.
export V6GW_BENCH_SOAK=${1:-600}
exec bash "$(dirname "$0")/run.sh"
