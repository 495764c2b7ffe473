#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/insn-vm.sh -k KVER -o OUTDIR [-P PLUGIN] [-t TIMEOUT_S] [-m MEM] [-p] [-d] -- COMMAND...
#
# Boot KVER once under QEMU TCG with one vCPU and the insn plugin
# (-P, default build/insn/libinsn.so; see bench/insn.sh) and run COMMAND in it, the
# way selftests/vm/vm-run.sh does (same initramfs, same guest init: host
# root over 9p under a tmpfs overlay, V6GW* variables passed on). The
# differences, all needed by the plugin: -smp 1 (its counters are not per
# vCPU), -plugin ...,out=OUTDIR/marks, and
#   -p  also profile=OUTDIR/profile, and a third serial port whose output
#       lands in OUTDIR/kallsyms (the guest writes /proc/kallsyms to
#       /dev/ttyS2 after its last mark: KASLR differs at every boot)
#   -d  deterministic mode: -icount shift=0,sleep=off and a fixed RTC
#   -m  guest memory (default 1G)
# Console in OUTDIR/console.txt (and stdout). Exit status: COMMAND's, 3 if
# the guest kernel reported a problem, 124 on timeout, 125 if the guest
# gave no exit status.
set -u

here=$(cd "$(dirname "$0")" && pwd) || exit 125
# shellcheck source=selftests/vm/vm-result.sh
source "$here/../selftests/vm/vm-result.sh"
repo=$(cd "$here/.." && pwd) || exit 125
vm=$repo/selftests/vm

usage() {
	echo "usage: $0 -k KVER -o OUTDIR [-P PLUGIN] [-t TIMEOUT_S] [-m MEM] [-p] [-d] -- COMMAND..." >&2
	exit 2
}

kver="" out="" timeout_s=1800 prof="" det="" mem=1G plugin=$repo/build/insn/libinsn.so
while getopts "k:o:P:t:m:pdh" opt; do
	case $opt in
	k) kver=$OPTARG ;;
	o) out=$OPTARG ;;
	P) plugin=$OPTARG ;;
	t) timeout_s=$OPTARG ;;
	m) mem=$OPTARG ;;
	p) prof=1 ;;
	d) det=1 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
{ [ -n "$kver" ] && [ -n "$out" ] && [ $# -gt 0 ]; } || usage
[ -f "$plugin" ] || { echo "insn-vm: no $plugin (bench/insn.sh builds it)" >&2; exit 2; }
kernel=/boot/vmlinuz-$kver
[ -r "$kernel" ] || { echo "insn-vm: no $kernel" >&2; exit 2; }

initrd=$repo/build/vm/initramfs-$kver.cpio.gz
"$vm/mkinitramfs.sh" "$kver" "$initrd" || exit 125
mkdir -p "$out" || exit 125
out=$(cd "$out" && pwd)
rm -f "$out/marks" "$out/profile" "$out/kallsyms" "$out/console.txt"

tmp=$(mktemp -d /var/tmp/v6gw-insn.XXXXXX) || exit 125
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT
cp "$vm/guest-init.sh" "$tmp/init"
{
	printf 'cd -- %q || exit 125\n' "$PWD"
	for var in $(compgen -e); do
		case $var in V6GW*) printf 'export %s=%q\n' "$var" "${!var}" ;; esac
	done
	printf '%s\n' "$*"
} >"$tmp/cmd"

pargs=out=$out/marks
serial3=()
if [ -n "$prof" ]; then
	pargs+=,profile=$out/profile
	serial3=(-serial "file:$tmp/ttyS2")
fi
detargs=()
# shellcheck disable=SC2054 # the commas are QEMU's
[ -n "$det" ] && detargs=(-icount shift=0,sleep=off -rtc base=2024-01-01T00:00:00,clock=vm)

timeout -k 5 "$timeout_s" qemu-system-x86_64 -accel tcg -nographic \
	-nodefaults -no-user-config -no-reboot -smp 1 -m "$mem" "${detargs[@]}" \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyS0 panic=-1 quiet loglevel=4 printk.time=1 v6gw_dir=$tmp${V6GW_VM_APPEND:+ $V6GW_VM_APPEND}" \
	-serial stdio -serial "file:$tmp/ttyS1" "${serial3[@]}" \
	-virtfs local,path=/,mount_tag=root,security_model=none,readonly=on,multidevs=remap \
	-plugin "$plugin,$pargs" </dev/null 2>&1 |
	sed -u -e 's/\r//g; s/\x1b\[[0-9;?]*[A-Za-z]//g; s/\x1bc//g' \
		-e '/^SeaBIOS (version/d; /^Booting from ROM\.*$/d; s/^Booting from ROM\.*//' |
	tee "$out/console.txt"
qrc=${PIPESTATUS[0]}

[ -n "$prof" ] && [ -f "$tmp/ttyS2" ] && tr -d '\r' <"$tmp/ttyS2" >"$out/kallsyms"
side=$(tr -d '\r' <"$tmp/ttyS1" 2>/dev/null)
vm_exit insn-vm "$side" "$(vm_klog "$side" "$out/console.txt")" "$qrc" "$timeout_s"
