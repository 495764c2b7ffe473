#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mkinitramfs.sh KVER [OUTFILE [MODROOT]]
#
# Build the tiny busybox initramfs that vm-run.sh boots: it loads the virtio,
# 9p and overlay modules of kernel KVER, mounts the host's root (9p tag
# "root", read-only) under a tmpfs overlay and switch_roots into it, running
# "/bin/bash $v6gw_dir/init" (v6gw_dir= comes from the kernel command line).
#
# OUTFILE defaults to build/vm/initramfs-KVER.cpio.gz in the repository. It
# is rebuilt only when missing or older than this script or the kernel's
# modules.dep. MODROOT: the modules are in MODROOT/lib/modules/KVER
# (a kernel tree's modules_install, vm-run.sh -K), not /lib/modules/KVER.
set -u

die() { echo "mkinitramfs: $*" >&2; exit 1; }

if [ $# -lt 1 ] || [ $# -gt 3 ]; then
	die "usage: $0 KVER [OUTFILE [MODROOT]]"
fi
kver=$1
repo=$(cd "$(dirname "$0")/../.." && pwd) || exit 1
out=${2:-$repo/build/vm/initramfs-$kver.cpio.gz}
modroot=${3:-}
moddir=$modroot/lib/modules/$kver
busybox=/bin/busybox

[ -f "$moddir/modules.dep" ] || die "no $moddir/modules.dep"
if [ -s "$out" ] && [ "$out" -nt "$0" ] && [ "$out" -nt "$moddir/modules.dep" ]; then
	exit 0
fi
ldd "$busybox" 2>&1 | grep -q 'not a dynamic' ||
	die "$busybox missing or not static (install busybox-static)"

stage=$(mktemp -d /var/tmp/v6gw-initramfs.XXXXXX) || exit 1
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,dev,proc,sys,mnt,lower,rw,newroot,modules}
cp "$busybox" "$stage/bin/busybox"
ln -s busybox "$stage/bin/sh"

# Modules in load order (dependencies first), decompressed: busybox's
# insmod does not reliably take .ko.xz/.ko.zst. Built-in ones are skipped;
# fscache is a separate module on 6.1 only.
: >"$stage/modules/order"
for mod in virtio_pci 9pnet 9pnet_virtio 9p overlay; do
	deps=$(modprobe -d "${modroot:-/}" -S "$kver" --show-depends "$mod") ||
		die "cannot resolve $mod for $kver"
	while read -r verb path _; do
		[ "$verb" = insmod ] || continue
		name=$(basename "$path")
		name=${name%.xz}; name=${name%.zst}; name=${name%.gz}
		[ -e "$stage/modules/$name" ] && continue
		case $path in
		*.xz)  xz -dc "$path" ;;
		*.zst) zstd -qdc "$path" ;;
		*.gz)  gzip -dc "$path" ;;
		*)     cat "$path" ;;
		esac >"$stage/modules/$name" || die "cannot copy $path"
		echo "$name" >>"$stage/modules/order"
	done <<<"$deps"
done

cat >"$stage/init" <<'EOF'
#!/bin/sh
# v6gw vm-run stage 1 (busybox): host root over 9p + tmpfs overlay.
export PATH=/bin
bb=/bin/busybox
fail() { echo "v6gw-initramfs: $*"; $bb sleep 1; echo o >/proc/sysrq-trigger; }
$bb mount -t proc proc /proc
$bb mount -t devtmpfs dev /dev
for m in $($bb cat /modules/order); do
	$bb insmod "/modules/$m" || fail "insmod $m failed"
done
dir=
for arg in $($bb cat /proc/cmdline); do
	case $arg in v6gw_dir=*) dir=${arg#v6gw_dir=} ;; esac
done
[ -n "$dir" ] || fail "no v6gw_dir= on the kernel command line"
$bb mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose root /lower ||
	fail "cannot mount the host root over 9p"
$bb mount -t tmpfs -o mode=0755 rw /rw
$bb mkdir -p /rw/upper /rw/work
$bb mount -t overlay -o lowerdir=/lower,upperdir=/rw/upper,workdir=/rw/work \
	overlay /newroot || fail "cannot mount the overlay"
[ -f "/newroot$dir/init" ] || fail "no $dir/init in the host root"
$bb umount /dev
$bb umount /proc
exec $bb switch_root /newroot /bin/bash "$dir/init"
EOF
chmod 755 "$stage/init"

mkdir -p "$(dirname "$out")" || exit 1
tmp=$(mktemp "$out.XXXXXX") || exit 1
if ! (cd "$stage" && find . | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) |
	gzip -9 >"$tmp"; then
	rm -f "$tmp"
	die "cpio failed"
fi
chmod 644 "$tmp"
mv -f "$tmp" "$out"
