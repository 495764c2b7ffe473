#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-arm64.sh: v6gw on arm64 (Raspberry Pi class), without arm64
# hardware and without running arm64 code on the host:
#   1. cross-builds v6gw.ko against Debian's arm64 headers of the installed
#      6.1 kernel's ABI (aarch64-linux-gnu-gcc), warning-free;
#   2. cross-builds the tool (usr/Makefile's CROSS_COMPILE= and SYSROOT=,
#      libmnl from an arm64 sysroot);
#   3. boots Debian's arm64 6.1 kernel in qemu-system-aarch64 (virt,
#      cortex-a72, TCG) on an arm64 root made of unpacked Debian packages,
#      shared read-only over 9p under a tmpfs overlay (arm64-cache.sh
#      makes and caches the kernel, headers, sysroot and root), loads the
#      cross-built module and runs the selftests of ARM64_TESTS with the
#      cross-built tool;
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
set -u

here=$(cd "$(dirname "$0")" && pwd) || exit 2
top=$(cd "$here/../.." && pwd) || exit 2
cd "$top" || exit 2
# shellcheck source=selftests/vm/vm-result.sh
source "$here/vm-result.sh"
# shellcheck source=selftests/vm/arm64-cache.sh
source "$here/arm64-cache.sh"

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

out=build/arm64
timeout_s=${V6GW_ARM64_TIMEOUT:-400}

die()
{
	echo "check-arm64: $*" >&2
	exit 2
}

# build_module HEADERS: $out/src/v6gw.ko, without warnings.
build_module()
{
	local hdr=$1
	rm -rf "$out/src"
	mkdir -p "$out/src" || return 1
	cp -r Kbuild kmod uapi "$out/src/" || return 1
	make -C "$hdr" M="$top/$out/src" ARCH=arm64 CROSS_COMPILE="$ARM64_CROSS" \
		-j"$(nproc)" modules >"$out/build.log" 2>&1
	local rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "check-arm64: module build failed (exit $rc), see $out/build.log" >&2
		tail -n 20 "$out/build.log" >&2
		return 1
	fi
	if grep -q 'warning:' "$out/build.log"; then
		echo "check-arm64: module build warnings, see $out/build.log" >&2
		grep 'warning:' "$out/build.log" >&2
		return 1
	fi
}

# build_tool SYSROOT: $out/tool/usr/v6gw, built in a copy of usr/ and uapi/
# (the host's objects in usr/ stay as they are), without warnings.
build_tool()
{
	local sysroot=$1
	rm -rf "$out/tool"
	mkdir -p "$out/tool/usr" || return 1
	cp -r uapi "$out/tool/" || return 1
	cp usr/Makefile usr/*.[ch] "$out/tool/usr/" || return 1
	if ! make -C "$out/tool/usr" -j"$(nproc)" CROSS_COMPILE="$ARM64_CROSS" \
		SYSROOT="$sysroot" VERSION="$(git describe --always --dirty 2>/dev/null || echo unknown)" \
		v6gw >"$out/tool.log" 2>&1; then
		echo "check-arm64: tool build failed, see $out/tool.log" >&2
		tail -n 20 "$out/tool.log" >&2
		return 1
	fi
	if grep -q 'warning:' "$out/tool.log"; then
		echo "check-arm64: tool build warnings, see $out/tool.log" >&2
		return 1
	fi
}

# mkinitramfs ROOT KVER STAGE OUTFILE: a busybox initramfs (ROOT's arm64
# busybox) that loads the virtio, 9p and overlay modules of ROOT, mounts
# ROOT (9p tag "root") read-only under a tmpfs overlay, copies STAGE into
# it as /v6gw and switch_roots to "/bin/bash /v6gw/init" (guest-init.sh).
mkinitramfs()
{
	local root=$1 kver=$2 stage=$3 outfile=$4 tmp mod deps verb path name
	tmp=$(mktemp -d /var/tmp/v6gw-arm64-initramfs.XXXXXX) || return 1
	mkdir -p "$tmp"/{bin,dev,proc,sys,lower,rw,newroot,modules} || return 1
	cp "$root/usr/bin/busybox" "$tmp/bin/busybox" || return 1
	ln -s busybox "$tmp/bin/sh"
	cp -r "$stage" "$tmp/v6gw" || return 1
	# Modules in load order, dependencies first; built-in ones have no
	# insmod line.
	: >"$tmp/modules/order"
	for mod in virtio_pci virtio_console 9pnet 9pnet_virtio 9p overlay; do
		deps=$(modprobe -d "$root" -S "$kver" --show-depends "$mod") || {
			echo "check-arm64: cannot resolve $mod in $root" >&2
			rm -rf "$tmp"
			return 1
		}
		while read -r verb path _; do
			[ "$verb" = insmod ] || continue
			name=$(basename "$path")
			[ -e "$tmp/modules/$name" ] && continue
			cp "$path" "$tmp/modules/$name" || return 1
			echo "$name" >>"$tmp/modules/order"
		done <<<"$deps"
	done
	cat >"$tmp/init" <<'EOF'
#!/bin/sh
# v6gw check-arm64 stage 1 (busybox): the arm64 root over 9p + tmpfs overlay.
export PATH=/bin
bb=/bin/busybox
fail() { echo "v6gw-initramfs: $*"; $bb sleep 1; echo o >/proc/sysrq-trigger; }
$bb mount -t proc proc /proc
$bb mount -t devtmpfs dev /dev
for m in $($bb cat /modules/order); do
	$bb insmod "/modules/$m" || fail "insmod $m failed"
done
# guest-init.sh writes its side channel to /dev/ttyS1; here that is the
# virtio console hvc0. devtmpfs is one file system however often it is
# mounted, so the link is still there after switch_root.
$bb rm -f /dev/ttyS1
$bb ln -s hvc0 /dev/ttyS1
# cache=loose: the root does not change while a guest runs (it is a
# finished cache directory), so the guest may keep what it read.
$bb mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose root /lower ||
	fail "cannot mount the arm64 root over 9p"
$bb mount -t tmpfs -o mode=0755 rw /rw
$bb mkdir -p /rw/upper /rw/work
$bb mount -t overlay -o lowerdir=/lower,upperdir=/rw/upper,workdir=/rw/work \
	overlay /newroot || fail "cannot mount the overlay"
$bb cp -a /v6gw /newroot/v6gw || fail "cannot copy /v6gw"
$bb umount /dev
$bb umount /proc
exec $bb switch_root /newroot /bin/bash /v6gw/init
EOF
	chmod 755 "$tmp/init"
	if ! (cd "$tmp" && find . | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) |
		gzip -1 >"$outfile"; then
		rm -rf "$tmp"
		return 1
	fi
	rm -rf "$tmp"
}

# boot ROOT KERNEL INITRD: one QEMU run with a hard timeout; the console to
# stdout and $out/selftests.log; sets qrc, side (the hvc0 side channel) and
# klog.
boot()
{
	local root=$1 kernel=$2 initrd=$3 sidefile
	sidefile=$(mktemp /var/tmp/v6gw-arm64-side.XXXXXX) || return 1
	timeout -k 5 "$timeout_s" nice -n 5 qemu-system-aarch64 -M virt -cpu cortex-a72 \
		-accel tcg -nographic -nodefaults -no-user-config -no-reboot \
		-smp 2 -m 1G -kernel "$kernel" -initrd "$initrd" \
		-append "console=ttyAMA0 panic=-1 quiet loglevel=4 printk.time=1" \
		-serial stdio \
		-device virtio-serial-pci -chardev "file,id=side,path=$sidefile" \
		-device virtconsole,chardev=side \
		-virtfs "local,path=$root,mount_tag=root,security_model=none,readonly=on,multidevs=remap" \
		</dev/null 2>&1 | sed -u 's/\r//g' | tee "$out/selftests.log"
	qrc=${PIPESTATUS[0]}
	side=$(tr -d '\r' <"$sidefile")
	rm -f "$sidefile"
	klog=$(vm_klog "$side" "$out/selftests.log")
}

# count LOG: sets pass, fail, skip, ran and plan from run_tests.sh's TAP.
count()
{
	local okl
	okl=$(grep -c '^ok ' "$1")
	skip=$(grep -c '^ok .*# SKIP' "$1")
	pass=$((okl - skip))
	fail=$(grep -c '^not ok ' "$1")
	ran=$((okl + fail))
	plan=$(sed -n 's/^1\.\.\([0-9]\+\)$/\1/p' "$1" | head -n1)
}

# report P F S NOTES: the result line, and the results file's.
report()
{
	echo "check-arm64: arm64-$abi: $1 passed, $2 failed, $3 skipped$4"
	[ -n "${V6GW_RESULTS:-}" ] && echo "arm64-$abi $1 $2 $3" >>"$V6GW_RESULTS"
	[ "$2" -eq 0 ]
}

abi=$(arm64_abi) || die "no amd64 6.1 kernel in /lib/modules to take the ABI from"
mkdir -p "$out" || exit 2
tests=$(echo "${V6GW_ARM64_TESTS:-$ARM64_TESTS}" | tr -s ' \t\n' '   ' | sed 's/ $//')
echo "check-arm64: Debian $abi-arm64, tests: $tests"
# Every other test, and why it is not run here.
for t in $(bash selftests/run_tests.sh -l); do
	case " $tests " in *" $t "*) continue ;; esac
	why=$(grep "^$t: " <<<"$ARM64_NOT_RUN" | cut -d' ' -f2-)
	echo "check-arm64: not run on arm64: $t: ${why:-not in ARM64_TESTS of $0}"
done

# The cache, made or checked under its lock.
{
	arm64_lock &&
	hdr=$(arm64_headers "$abi") &&
	sysroot=$(arm64_sysroot) &&
	root=$(arm64_rootfs "$abi")
} || { report 0 1 0 " (the arm64 packages could not be had)"; exit 1; }
exec 9>&-

build_module "$hdr" || { report 0 1 0 " (module build failed)"; exit 1; }
build_tool "$sysroot" || { report 0 1 0 " (tool build failed)"; exit 1; }

stage=$(mktemp -d /var/tmp/v6gw-arm64-stage.XXXXXX) || exit 2
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/usr" || exit 2
cp -r selftests uapi "$stage/" && cp "$here/guest-init.sh" "$stage/init" &&
	cp "$out/src/v6gw.ko" "$stage/" && cp "$out/tool/usr/v6gw" "$stage/usr/" || exit 2
printf 'cd /v6gw || exit 125\nexport V6GW_KO=/v6gw/v6gw.ko V6GW=/v6gw/usr/v6gw\n%s\n' \
	"${V6GW_ARM64_CMD:-bash selftests/run_tests.sh $tests}" >"$stage/cmd"
mkinitramfs "$root" "$abi-arm64" "$stage" "$out/initramfs.cpio.gz" ||
	{ report 0 1 0 " (initramfs failed)"; exit 1; }

start=$(date +%s)
boot "$root" "$root/boot/vmlinuz-$abi-arm64" "$out/initramfs.cpio.gz"
printf '%s\n' "$klog" >"$out/dmesg.log"
(vm_exit check-arm64 "$side" "$klog" "$qrc" "$timeout_s")
vrc=$?
echo "check-arm64: the guest ran $(($(date +%s) - start)) s (QEMU exit $qrc)"

count "$out/selftests.log"
notes=""
case $vrc in
0 | 1) ;;
3) fail=$((fail + 1)) notes+=" (kernel problem report, see $out/selftests.log)" ;;
124) fail=$((fail + 1)) notes+=" (VM timeout after $timeout_s s)" ;;
125) fail=$((fail + 1)) notes+=" (VM failed)" ;;
*) fail=$((fail + 1)) notes+=" (guest exit $vrc)" ;;
esac
if [ "$vrc" != 124 ] && [ "$vrc" != 125 ] &&
	{ [ -z "$plan" ] || [ "$ran" -lt "$plan" ]; }; then
	fail=$((fail + 1))
	notes+=" (incomplete: $ran of ${plan:-?} results)"
fi
# What failed or was skipped, with the test's own reason for a skip.
grep -E '^not ok |^ok .*# SKIP' "$out/selftests.log" | sed 's/^/check-arm64: /'
grep -E '^# +(1\.\.0 # SKIP|# SKIP)' "$out/selftests.log" | sed 's/^/check-arm64: /'
report "$pass" "$fail" "$skip" "$notes"
