#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-arm64.sh: v6gw on arm64 (Raspberry Pi class), without arm64
# hardware and without running arm64 code on the host (check-cross.sh,
# with the arm64 table below):
#   1. cross-builds v6gw.ko against Debian's arm64 headers of the installed
#      6.1 kernel's ABI (aarch64-linux-gnu-gcc), warning-free;
#   2. cross-builds the tool (usr/Makefile's CROSS_COMPILE= and SYSROOT=,
#      libmnl from an arm64 sysroot);
#   3. boots Debian's arm64 6.1 kernel in qemu-system-aarch64 (virt,
#      cortex-a72, TCG) on an arm64 root made of unpacked Debian packages,
#      shared read-only over 9p under a tmpfs overlay (cross-cache.sh
#      makes and caches the kernel, headers, sysroot and root in
#      /var/cache/v6gw-arm64), loads the cross-built module and runs the
#      selftests of ARM64_TESTS with the cross-built tool;
#   4. counts the TAP results like check-kernels.sh, fails on any kernel
#      problem report (vm-result.sh) and on a timeout.
# Prints "check-arm64: arm64-ABI: P passed, F failed, S skipped" and appends
# "arm64-ABI P F S" to $V6GW_RESULTS when set. Exit 0 if nothing failed,
# 1 otherwise, 2 when the arm64 pieces cannot be had.
#
# Files, in build/arm64/ of the repository: src/ (module build), tool/
# (tool build), build.log, tool.log, selftests.log (the guest console),
# dmesg.log (the guest's kernel log).
# V6GW_ARM64_TIMEOUT: QEMU's hard timeout in seconds (default 400; with
# the builds, the whole check stays under 8 minutes).
# V6GW_ARM64_TESTS: the tests to run instead of ARM64_TESTS.
# V6GW_ARM64_CMD: bash code to run in the guest (in /v6gw, a copy of
# selftests/ and uapi/ with v6gw.ko and usr/v6gw) instead of the tests;
# for debugging, its results are not counted.
# V6GW_ARM64_CACHE, V6GW_ARM64_ABI: see cross-cache.sh.

# The selftests that run on arm64: those that need only what the arm64
# root ships (iproute2, ping, python3 without scapy, iperf3, socat,
# ethtool, util-linux, kmod) and fit the time: the guest runs these in
# about 4 minutes on this 2-core host when it is busy with other work (load
# 5), so that the hard timeout (400 s) leaves room. The others are not
# run, for the reasons given; the ones marked "time" can be run with
# V6GW_ARM64_TESTS (test-save, test-netlink, test-pd and
# test-nat64-lifecycle passed on arm64 when this list was made).
ARM64_TESTS="test-load.sh test-autoload.sh test-netns.sh test-perm.sh
	test-siit.sh test-txn.sh"
ARM64_NOT_RUN="test-save.sh: time (24 to 38 s in the arm64 guest)
test-netlink.sh: time (74 s in the arm64 guest)
test-pd.sh: time (134 s in the arm64 guest)
test-nat64-lifecycle.sh: time (137 s in the arm64 guest)
test-nat64.sh: time (more than its 300 s timeout in the arm64 guest)
test-netns-delete.sh: time (its 45 namespace cycles take more than 300 s)
test-pd-scale.sh: time (adding 100 000 delegations alone takes 120 s)
test-siit-packets.sh: needs scapy
test-nat64-packets.sh: needs scapy
test-siit-pmtu.sh: needs traceroute
test-ra.sh: needs radvd, rdisc6 and scapy
test-pd-snoop.sh: needs ISC dhcpd and scapy
test-ynl.sh: needs the kernel's YNL tools and python3-yaml"

# The arm64 table of check-cross.sh.
# shellcheck disable=SC2034 # used by check-cross.sh and cross-cache.sh
{
XC_ARCH=arm64
XC_KARCH=arm64
XC_CROSS=aarch64-linux-gnu-
XC_IMAGE=linux-image-%s-arm64-unsigned
XC_TESTS=$ARM64_TESTS
XC_NOT_RUN=$ARM64_NOT_RUN
XC_TIMEOUT=400
XC_QEMU=(qemu-system-aarch64 -M virt -cpu cortex-a72)
XC_CONSOLE=ttyAMA0
XC_QEMU_CONSOLE=(-serial stdio)
XC_VIRTIO_SERIAL=virtio-serial-pci
XC_VIRTIO_9P=virtio-9p-pci
XC_INITRD_MODULES="virtio_pci virtio_console 9pnet 9pnet_virtio 9p overlay"
}

# shellcheck source=selftests/vm/check-cross.sh
source "$(dirname "$0")/check-cross.sh"
