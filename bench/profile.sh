#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/profile.sh: where the time goes while v6gw translates a 64-byte UDP
# flood (pktgen, IPv6 -> IPv4, the benchmark's direction), sampled with
# `perf record -a -e cpu-clock` inside one guest boot. Prints the top
# kernel symbols and v6gw's share. KVER picks the kernel (default: 6.1).
# Like every benchmark here: figures, never a failure on speed.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
kver=${KVER:-$(ls -d /lib/modules/6.1.*/build 2>/dev/null | sort -V | tail -n1 |
	       sed 's|/lib/modules/||; s|/build||')}
command -v perf > /dev/null || apt-get install -y -qq linux-perf > /dev/null

out=build/bench/profile/$kver
rm -rf "$out"
mkdir -p "$out"
cp -r Kbuild kmod uapi "$out/"
make -s -C "/lib/modules/$kver/build" M="$top/$out" modules 2>&1 | grep -v BTF || true
make -s -C usr

exec selftests/vm/vm-run.sh -k "$kver" -t 300 -- \
	V6GW_KO="$top/$out/v6gw.ko" bash bench/profile-guest.sh
