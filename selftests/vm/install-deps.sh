#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the Debian packages v6gw needs to build and test (idempotent).
# Kernels: Debian's 6.1 (linux-image-amd64) and the newest 6.12 unsigned image,
# each with its headers, so the module can be built and booted against both.
# linux-source-6.12 and bc..libssl-dev: the debug kernel (debug-kernel.sh).
set -eu

pkgs="build-essential pkg-config libmnl-dev sparse dkms kmod
      qemu-system-x86 busybox-static cpio xz-utils zstd
      iproute2 iputils-ping iputils-tracepath traceroute ethtool socat
      iperf3 tcpdump python3 python3-scapy jq radvd ndisc6 curl
      isc-dhcp-server isc-dhcp-client
      clang llvm libclang-rt-14-dev bash-completion shellcheck
      gcc-s390x-linux-gnu libc6-dev-s390x-cross qemu-user
      linux-image-amd64 linux-headers-amd64
      python3-yaml python3-jsonschema linux-source-6.12
      bc flex bison libelf-dev libssl-dev
      gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm
      qemu-system-misc"

need=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "ok installed" ||
		need="$need $p"
done

# The kernel's YNL tools (tools/net/ynl, Documentation/netlink) from
# linux-source-6.12, for selftests/ynl/check-spec.py and test-ynl.sh:
# extracted into build/ynl once per version of the package.
ynl_tree()
{
	local top src ver dst tmp
	top=$(cd "$(dirname "$0")/../.." && pwd) || return 1
	src=/usr/src/linux-source-6.12.tar.xz
	dst=$top/build/ynl
	ver=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null) || return 1
	[ -r "$src" ] || return 1
	if [ "$(cat "$dst/.version" 2>/dev/null)" = "$ver" ] &&
	   [ -f "$dst/tools/net/ynl/cli.py" ]; then
		return 0
	fi
	tmp=$top/build/ynl.tmp
	rm -rf "$tmp" && mkdir -p "$tmp" || return 1
	tar -xJf "$src" -C "$tmp" --strip-components=1 \
		linux-source-6.12/tools/net/ynl \
		linux-source-6.12/Documentation/netlink || return 1
	echo "$ver" > "$tmp/.version"
	rm -rf "$dst" && mv "$tmp" "$dst"
}

k612=$(ls -d /lib/modules/6.12.*/build 2>/dev/null | head -n1 || true)
if [ -z "$k612" ]; then
	[ -n "$need" ] || need=" "
fi

# check-arm64.sh and check-s390x.sh download Debian's arm64 and s390x
# packages (never install them; qemu-system-misc has qemu-system-s390x):
# dpkg must know the architectures, apt must have their package lists.
foreign=""
for a in arm64 s390x; do
	dpkg --print-foreign-architectures | grep -qx "$a" || foreign="$foreign $a"
done
if [ -n "$foreign" ]; then
	[ -n "$need" ] || need=" "
fi

if [ -z "$need" ]; then
	ynl_tree
	exit
fi

if [ "$(id -u)" != 0 ]; then
	echo "install-deps: missing packages:$need (run as root)" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
for a in $foreign; do
	dpkg --add-architecture "$a"
done
apt-get update -qq
if [ -z "$k612" ]; then
	img=$(apt-cache search --names-only '^linux-image-6\.12\.[0-9]+\+deb12-amd64-unsigned$' |
	      awk '{print $1}' | sort -V | tail -n1)
	if [ -n "$img" ]; then
		ver=${img#linux-image-}
		ver=${ver%-unsigned}
		need="$need $img linux-headers-$ver"
	fi
fi
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $need
ynl_tree
