# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
#
# Sourced by check-arm64.sh and check-s390x.sh, after they set their
# architecture's table (below): v6gw on a foreign architecture, without
# its hardware and without running its code on the host:
#   1. cross-builds v6gw.ko against Debian's headers of that architecture
#      (6.1, the installed amd64 6.1 kernel's ABI when Debian has it for the
#      architecture, see xc_abi in cross-cache.sh), warning-free;
#   2. cross-builds the tool (usr/Makefile's CROSS_COMPILE= and SYSROOT=,
#      libmnl from a sysroot of the architecture);
#   3. boots Debian's kernel of the architecture in QEMU (TCG) on a root
#      made of unpacked Debian packages, shared read-only over 9p under a
#      tmpfs overlay (cross-cache.sh makes and caches the kernel, headers,
#      sysroot and root), loads the cross-built module and runs the
#      selftests of XC_TESTS with the cross-built tool;
#   4. counts the TAP results like check-kernels.sh, fails on any kernel
#      problem report (vm-result.sh) and on a timeout.
# Prints "check-ARCH: ARCH-ABI: P passed, F failed, S skipped" and appends
# "ARCH-ABI P F S" to $V6GW_RESULTS when set. Exit 0 if nothing failed,
# 1 otherwise, 2 when the architecture's pieces cannot be had.
#
# Files, in build/ARCH/ of the repository: src/ (module build), tool/
# (tool build), build.log, tool.log, selftests.log (the guest console),
# dmesg.log (the guest's kernel log).
# V6GW_<ARCH>_TIMEOUT: QEMU's hard timeout in seconds (default XC_TIMEOUT).
# V6GW_<ARCH>_TESTS: the tests to run instead of XC_TESTS.
# V6GW_<ARCH>_CMD: bash code to run in the guest (in /v6gw, a copy of
# selftests/ and uapi/ with v6gw.ko and usr/v6gw) instead of the tests;
# for debugging, its results are not counted.
# V6GW_<ARCH>_CACHE, V6GW_<ARCH>_ABI: see cross-cache.sh.
# (<ARCH> is ARM64 or S390X.)
#
# The table, set by the sourcing script:
#   XC_ARCH, XC_CROSS, XC_IMAGE    Debian's architecture, the cross
#                                  toolchain's prefix, the kernel image
#                                  package (see cross-cache.sh)
#   XC_KARCH                       the kernel's ARCH= (arm64, s390)
#   XC_TESTS, XC_NOT_RUN           the selftests run, and "TEST: why" lines
#                                  for those that are not
#   XC_TIMEOUT                     the default of V6GW_<ARCH>_TIMEOUT
#   XC_QEMU                        array: QEMU and its machine and CPU
#   XC_QEMU_CONSOLE                array: the options that put the console
#                                  (XC_CONSOLE) on QEMU's stdio
#   XC_CONSOLE                     the kernel's console= device
#   XC_VIRTIO_SERIAL               the virtio-serial device for the side
#                                  channel (hvc0)
#   XC_VIRTIO_9P                   the virtio-9p device for the root
#   XC_INITRD_MODULES              the modules the initramfs loads, by name
#                                  (built-in ones are skipped)
set -u

here=$(cd "$(dirname "$0")" && pwd) || exit 2
top=$(cd "$here/../.." && pwd) || exit 2
cd "$top" || exit 2
# shellcheck source=selftests/vm/vm-result.sh
source "$here/vm-result.sh"
# shellcheck source=selftests/vm/cross-cache.sh
source "$here/cross-cache.sh"

tag=check-$XC_ARCH
out=build/$XC_ARCH
timeout_s=$(xc_env TIMEOUT)
timeout_s=${timeout_s:-$XC_TIMEOUT}

die()
{
	echo "$tag: $*" >&2
	exit 2
}

# build_module HEADERS: $out/src/v6gw.ko, without warnings.
build_module()
{
	local hdr=$1
	rm -rf "$out/src"
	mkdir -p "$out/src" || return 1
	cp -r Kbuild kmod uapi "$out/src/" || return 1
	make -C "$hdr" M="$top/$out/src" ARCH="$XC_KARCH" CROSS_COMPILE="$XC_CROSS" \
		-j"$(nproc)" modules >"$out/build.log" 2>&1
	local rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "$tag: module build failed (exit $rc), see $out/build.log" >&2
		tail -n 20 "$out/build.log" >&2
		return 1
	fi
	if grep -q 'warning:' "$out/build.log"; then
		echo "$tag: module build warnings, see $out/build.log" >&2
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
	if ! make -C "$out/tool/usr" -j"$(nproc)" CROSS_COMPILE="$XC_CROSS" \
		SYSROOT="$sysroot" VERSION="$(git describe --always --dirty 2>/dev/null || echo unknown)" \
		v6gw >"$out/tool.log" 2>&1; then
		echo "$tag: tool build failed, see $out/tool.log" >&2
		tail -n 20 "$out/tool.log" >&2
		return 1
	fi
	if grep -q 'warning:' "$out/tool.log"; then
		echo "$tag: tool build warnings, see $out/tool.log" >&2
		return 1
	fi
}

# mkinitramfs ROOT KVER STAGE OUTFILE: a busybox initramfs (ROOT's
# busybox) that loads XC_INITRD_MODULES of ROOT, mounts ROOT (9p tag
# "root") read-only under a tmpfs overlay, copies STAGE into it as /v6gw
# and switch_roots to "/bin/bash /v6gw/init" (guest-init.sh).
mkinitramfs()
{
	local root=$1 kver=$2 stage=$3 outfile=$4 tmp mod deps verb path name
	tmp=$(mktemp -d "/var/tmp/v6gw-$XC_ARCH-initramfs.XXXXXX") || return 1
	mkdir -p "$tmp"/{bin,dev,proc,sys,lower,rw,newroot,modules} || return 1
	cp "$(xc_resolve "$root" /usr/bin/busybox)" "$tmp/bin/busybox" || return 1
	ln -s busybox "$tmp/bin/sh"
	cp -r "$stage" "$tmp/v6gw" || return 1
	# Modules in load order, dependencies first; built-in ones have no
	# insmod line.
	: >"$tmp/modules/order"
	for mod in $XC_INITRD_MODULES; do
		deps=$(modprobe -d "$root" -S "$kver" --show-depends "$mod") || {
			echo "$tag: cannot resolve $mod in $root" >&2
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
	sed "s/@ARCH@/$XC_ARCH/" >"$tmp/init" <<'EOF'
#!/bin/sh
# v6gw check-@ARCH@ stage 1 (busybox): the @ARCH@ root over 9p + tmpfs overlay.
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
# The 9p device may appear after the module is loaded (s390x probes its
# channel subsystem's devices asynchronously): wait for its tag, 10 s at most.
$bb mount -t sysfs sys /sys
n=0
until $bb grep -qsx root /sys/bus/virtio/drivers/9pnet_virtio/*/mount_tag ||
	[ $n -ge 100 ]; do
	$bb sleep 0.1
	n=$((n + 1))
done
$bb umount /sys
# cache=loose: the root does not change while a guest runs (it is a
# finished cache directory), so the guest may keep what it read.
$bb mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose root /lower ||
	fail "cannot mount the @ARCH@ root over 9p"
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
	sidefile=$(mktemp "/var/tmp/v6gw-$XC_ARCH-side.XXXXXX") || return 1
	timeout -k 5 "$timeout_s" nice -n 5 "${XC_QEMU[@]}" \
		-accel tcg -nographic -nodefaults -no-user-config -no-reboot \
		-smp "${V6GW_VM_SMP:-2}" -m 1G -kernel "$kernel" -initrd "$initrd" \
		-append "console=$XC_CONSOLE panic=-1 quiet loglevel=4 printk.time=1" \
		"${XC_QEMU_CONSOLE[@]}" \
		-device "$XC_VIRTIO_SERIAL" -chardev "file,id=side,path=$sidefile" \
		-device virtconsole,chardev=side \
		-fsdev "local,id=fsroot,path=$root,security_model=none,readonly=on,multidevs=remap" \
		-device "$XC_VIRTIO_9P,fsdev=fsroot,mount_tag=root" \
		</dev/null 2>&1 | sed -u 's/\r//g' | tee "$out/selftests.log"
	qrc=${PIPESTATUS[0]}
	side=$(tr -d '\r' <"$sidefile")
	rm -f "$sidefile"
	klog=$(vm_klog "$side" "$out/selftests.log")
}

# report P F S NOTES: the result line, and the results file's.
report()
{
	echo "$tag: $XC_ARCH-$abi: $1 passed, $2 failed, $3 skipped$4"
	[ -n "${V6GW_RESULTS:-}" ] && echo "$XC_ARCH-$abi $1 $2 $3" >>"$V6GW_RESULTS"
	[ "$2" -eq 0 ]
}

abi=$(xc_abi) || die "no Debian 6.1 kernel for $XC_ARCH (apt-get update? install-deps.sh adds the architecture)"
mkdir -p "$out" || exit 2
tests=$(xc_env TESTS)
tests=$(echo "${tests:-$XC_TESTS}" | tr -s ' \t\n' '   ' | sed 's/ $//')
echo "$tag: Debian $abi-$XC_ARCH, tests: $tests"
# Every other test, and why it is not run here.
for t in $(bash selftests/run_tests.sh -l); do
	case " $tests " in *" $t "*) continue ;; esac
	why=$(grep "^$t: " <<<"$XC_NOT_RUN" | cut -d' ' -f2-)
	echo "$tag: not run on $XC_ARCH: $t: ${why:-not in the test list of $0}"
done

# The cache, made or checked under its lock.
{
	xc_lock &&
	hdr=$(xc_headers "$abi") &&
	sysroot=$(xc_sysroot) &&
	root=$(xc_rootfs "$abi")
} || { report 0 1 0 " (the $XC_ARCH packages could not be had)"; exit 1; }
exec 9>&-

build_module "$hdr" || { report 0 1 0 " (module build failed)"; exit 1; }
build_tool "$sysroot" || { report 0 1 0 " (tool build failed)"; exit 1; }

stage=$(mktemp -d "/var/tmp/v6gw-$XC_ARCH-stage.XXXXXX") || exit 2
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/usr" || exit 2
cp -r selftests uapi "$stage/" && cp "$here/guest-init.sh" "$stage/init" &&
	cp "$out/src/v6gw.ko" "$stage/" && cp "$out/tool/usr/v6gw" "$stage/usr/" || exit 2
cmd=$(xc_env CMD)
printf 'cd /v6gw || exit 125\nexport V6GW_KO=/v6gw/v6gw.ko V6GW=/v6gw/usr/v6gw\n%s\n' \
	"${cmd:-bash selftests/run_tests.sh $tests}" >"$stage/cmd"
mkinitramfs "$root" "$abi-$XC_ARCH" "$stage" "$out/initramfs.cpio.gz" ||
	{ report 0 1 0 " (initramfs failed)"; exit 1; }

start=$(date +%s)
boot "$root" "$root/boot/vmlinuz-$abi-$XC_ARCH" "$out/initramfs.cpio.gz"
printf '%s\n' "$klog" >"$out/dmesg.log"
(vm_exit "$tag" "$side" "$klog" "$qrc" "$timeout_s")
vrc=$?
echo "$tag: the guest ran $(($(date +%s) - start)) s (QEMU exit $qrc)"

vm_count_tap "$out/selftests.log"
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
grep -E '^not ok |^ok .*# SKIP' "$out/selftests.log" | sed "s/^/$tag: /"
grep -E '^# +(1\.\.0 # SKIP|# SKIP)' "$out/selftests.log" | sed "s/^/$tag: /"
report "$pass" "$fail" "$skip" "$notes"
