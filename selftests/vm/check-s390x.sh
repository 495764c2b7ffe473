#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-s390x.sh: v6gw on a big-endian CPU (many OpenWrt routers are
# big-endian MIPS; s390x is the big-endian architecture Debian ships a
# kernel and a userland for), without running s390x code on the host
# (check-cross.sh, with the s390x table below):
#   1. cross-builds v6gw.ko against Debian's s390x 6.1 headers
#      (s390x-linux-gnu-gcc, ARCH=s390), warning-free;
#   2. cross-builds the tool (libmnl from an s390x sysroot);
#   3. boots Debian's s390x 6.1 kernel in qemu-system-s390x (TCG) on an
#      s390x root made of unpacked Debian packages, shared read-only over
#      9p under a tmpfs overlay (cross-cache.sh makes and caches the
#      kernel, headers, sysroot and root in /var/cache/v6gw-s390x), loads
#      the cross-built module and runs the selftests of S390X_TESTS with
#      the cross-built tool;
#   4. counts the TAP results, fails on any kernel problem report and on
#      a timeout.
# Prints "check-s390x: s390x-ABI: P passed, F failed, S skipped" and appends
# "s390x-ABI P F S" to $V6GW_RESULTS when set. Exit 0 if nothing failed,
# 1 otherwise, 2 when the s390x pieces cannot be had. Not part of
# "make check"; "make check-s390x" runs it.
#
# The ABI: the installed amd64 6.1 kernel's when Debian has an s390x
# kernel of it, else the newest s390x 6.1 kernel Debian has (s390x's
# builds of the 6.1 stable updates lag: 6.1.0-50 when amd64 and arm64 had
# 6.1.0-57). The headers of another 6.1 update than the host's
# linux-kbuild-6.1 get the amd64 linux-kbuild-6.1 of their own version
# (cross-cache.sh, xc_kbuild).
#
# The machine, as found to work with QEMU 7.2 (Debian 12's
# qemu-system-misc) and Debian's 6.1.0-50-s390x kernel:
#   -M s390-ccw-virtio -cpu max -accel tcg: "max" gives the kernel (built
#     for z10) vx, vxe and vxe2; it boots a busybox initramfs and powers
#     off (sysrq o) in about 5 s. The kernel says "KASLR disabled: CPU has
#     no PRNG", harmless.
#   console=ttysclp0 with "-chardev stdio,id=con0 -device
#     sclpconsole,chardev=con0" (-nodefaults drops the default console).
#   virtio_ccw is built into the kernel (CONFIG_S390_GUEST=y), so the
#     initramfs loads only virtio_console (the side channel: the
#     virtio-serial-ccw device's virtconsole, hvc0) and the 9p and overlay
#     modules. The 9p device must be named: "-device virtio-9p-ccw" (with
#     -fsdev); -virtfs makes no device the guest sees on this machine
#     ("9pnet_virtio: no channels available for device root").
#   No network device: the tests use veth pairs in network namespaces.
#
# Files, in build/s390x/ of the repository: src/ (module build), tool/
# (tool build), build.log, tool.log, selftests.log (the guest console),
# dmesg.log (the guest's kernel log).
# V6GW_S390X_TIMEOUT: QEMU's hard timeout in seconds (default 1200).
# V6GW_S390X_TESTS: the tests to run instead of S390X_TESTS.
# V6GW_S390X_CMD: bash code to run in the guest (in /v6gw, a copy of
# selftests/ and uapi/ with v6gw.ko and usr/v6gw) instead of the tests;
# for debugging, its results are not counted.
# V6GW_S390X_CACHE, V6GW_S390X_ABI: see cross-cache.sh.

# The selftests run on s390x: check-arm64.sh's list (the root is the same
# list of packages, so the same tests can run). The s390x guest is several
# times slower than the arm64 one (TCG, host load 5): test-load 43 to
# 84 s, test-autoload 12 to 29 s, test-netns 42 to 84 s, test-perm 49 to
# 66 s, test-siit 302 to 346 s, test-txn 173 s; the guest ran 776 s, the
# whole check 835 s: hence the 1200 s timeout. Failures seen in the first
# runs (6.1.0-50-s390x), each in one run and not in another, all timing
# in the slow guest, none of byte order:
#   test-siit "UDP IPv6 -> IPv4 and back" (2 of 3 runs): the datagram is
#     translated (xlat-6to4 counted, no drops) and reaches H4's UDP socket
#     (H4's UdpInDatagrams), but socat in H4, started a few seconds
#     before, does not answer the first datagram (a second one is answered
#     in 0.4 s). The other 18 cases pass (ping, TCP and UDP streams with
#     GRO off, on and as fraglist, hairpinning).
#   test-txn "the TCP session survives a restore..." (before=0 now=1,
#     "s0 ok", "s1 ok"): the session was counted before cli.py (python3,
#     slow to start here) had made it, after the 5 s busywait.
#   test-txn "a change while another transaction is open" (rc=0): the
#     holder's 3 s transaction was over before the tool's change came.
S390X_TESTS="test-load.sh test-autoload.sh test-netns.sh test-perm.sh
	test-siit.sh test-txn.sh"
S390X_NOT_RUN="test-save.sh: time
test-netlink.sh: time
test-pd.sh: time
test-nat64-lifecycle.sh: time
test-nat64.sh: time
test-netns-delete.sh: time
test-pd-scale.sh: time
test-siit-packets.sh: needs scapy
test-nat64-packets.sh: needs scapy
test-siit-pmtu.sh: needs traceroute
test-ra.sh: needs radvd, rdisc6 and scapy
test-pd-snoop.sh: needs ISC dhcpd and scapy
test-ynl.sh: needs the kernel's YNL tools and python3-yaml"

# The s390x table of check-cross.sh.
# shellcheck disable=SC2034 # used by check-cross.sh and cross-cache.sh
{
XC_ARCH=s390x
XC_KARCH=s390
XC_CROSS=s390x-linux-gnu-
XC_IMAGE=linux-image-%s-s390x
XC_TESTS=$S390X_TESTS
XC_NOT_RUN=$S390X_NOT_RUN
XC_TIMEOUT=1200
XC_QEMU=(qemu-system-s390x -M s390-ccw-virtio -cpu max)
XC_CONSOLE=ttysclp0
XC_QEMU_CONSOLE=(-chardev "stdio,id=con0" -device "sclpconsole,chardev=con0")
XC_VIRTIO_SERIAL=virtio-serial-ccw
XC_VIRTIO_9P=virtio-9p-ccw
XC_INITRD_MODULES="virtio_console 9pnet 9pnet_virtio 9p overlay"
}

# shellcheck source=selftests/vm/check-cross.sh
source "$(dirname "$0")/check-cross.sh"
