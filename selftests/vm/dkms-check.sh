#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# dkms-check.sh KVER: the real dkms accepts dkms.conf and builds v6gw for
# KVER from a copy of this tree; everything is removed again afterwards.
set -eu

kver=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/dkms.conf")
src=/usr/src/v6gw-$ver

cleanup()
{
	dkms remove "v6gw/$ver" --all > /dev/null 2>&1 || true
	rm -rf "$src"
}
trap cleanup EXIT
cleanup

mkdir -p "$src"
cp -r "$top/Kbuild" "$top/dkms.conf" "$top/kmod" "$top/uapi" "$src/"
dkms add "v6gw/$ver"
dkms build "v6gw/$ver" -k "$kver"
dkms status "v6gw/$ver" -k "$kver" | grep -q built
find "/var/lib/dkms/v6gw/$ver/$kver" -name 'v6gw.ko*' | grep -q .
modinfo -F vermagic "$(find "/var/lib/dkms/v6gw/$ver/$kver" -name 'v6gw.ko*' | head -n1)" |
	grep -q "^$kver "
echo "dkms built v6gw $ver for $kver"
