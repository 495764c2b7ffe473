#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: build the module and the tool, boot a Debian kernel in QEMU
# and run selftests/demo.sh in it (464XLAT: an IPv4 island behind v6gw's
# CLAT reaches an IPv4-only server across an IPv6-only core and v6gw's
# NAT64, and is reached back). KVER picks the kernel (default: the newest
# installed one with headers).
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"

bash selftests/vm/install-deps.sh
kver=${KVER:-$(ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n1 |
	       sed 's|/lib/modules/||; s|/build||')}
[ -n "$kver" ] || { echo "demo: no kernel headers installed" >&2; exit 1; }

out=build/demo/$kver
rm -rf "$out"
mkdir -p "$out"
cp -r Kbuild kmod uapi "$out/"
echo "demo: building v6gw for $kver and the v6gw tool"
make -s -C "/lib/modules/$kver/build" M="$top/$out" modules 2>&1 | grep -v BTF || true
make -s -C usr
echo "demo: booting $kver in QEMU (TCG)"
exec selftests/vm/vm-run.sh -k "$kver" -t 300 -- \
	V6GW_KO="$top/$out/v6gw.ko" bash selftests/demo.sh
