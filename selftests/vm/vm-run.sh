#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm-run.sh -k KVER|-K TREE [-t TIMEOUT_S] [-m MEM] [-D DMESG_FILE] -- COMMAND...
#
# Boot /boot/vmlinuz-KVER (or with -K the debug kernel built in TREE by
# debug-kernel.sh: TREE/arch/x86/boot/bzImage, its modules installed in
# TREE/modinst/lib/modules/KREL, which the guest sees as /lib/modules/KREL;
# on the command line panic_on_warn=1 kmemleak=on, 2G of memory by
# default) under QEMU (TCG) with the host's root as the
# guest's root (9p, read-only, under a tmpfs overlay) and run COMMAND as root
# with bash in the directory vm-run.sh was started from. COMMAND's words are
# joined with spaces and run as bash code (like ssh), so
#   vm-run.sh -k K -- 'ip netns add a && ip netns list'
#   vm-run.sh -k K -- V6GW_KO=x.ko bash selftests/run_tests.sh
# both work. Exported host variables named V6GW* are passed to the guest.
# V6GW_VM_APPEND adds kernel command-line arguments (the benchmarks use it
# for a cheaper clock source). V6GW_VM_SMP: the guest's vCPUs (default 2;
# make check's two lanes run one each: two guests of two vCPUs on two cores
# spin on each other's preempted locks).
# The guest console is streamed to stdout.
#
# Exit status: COMMAND's, or
#   2    usage error
#   3    the kernel reported a problem (WARNING, BUG, Oops, ...), even if
#        COMMAND succeeded; the lines are printed as "vm-run: kernel problem:"
#   124  no exit status within TIMEOUT_S (default 600): QEMU was killed
#   125  QEMU or the guest failed before reporting an exit status
#
# Kernel problem scan: the guest sends its full dmesg (and the kmemleak
# report, when kmemleak exists) over a second serial port into a host file,
# and that is what is scanned, so COMMAND's own output can never trigger
# it. If the guest dies before sending it (panic, hang), the console is
# scanned instead, only lines carrying a printk timestamp "[ 12.345678]".
# -D DMESG_FILE saves that guest dmesg.
set -u

here=$(cd "$(dirname "$0")" && pwd) || exit 125
# shellcheck source=selftests/vm/vm-result.sh
source "$here/vm-result.sh"
repo=$(cd "$here/../.." && pwd) || exit 125

usage() {
	echo "usage: $0 -k KVER|-K TREE [-t TIMEOUT_S] [-m MEM] [-D DMESG_FILE] -- COMMAND..." >&2
	exit 2
}

kver="" tree="" timeout_s=600 mem="" dmesg_file=""
while getopts "k:K:t:m:D:h" opt; do
	case $opt in
	k) kver=$OPTARG ;;
	K) tree=$(cd "$OPTARG" && pwd) || exit 2 ;;
	t) timeout_s=$OPTARG ;;
	m) mem=$OPTARG ;;
	D) dmesg_file=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
if [ -z "$kver$tree" ] || { [ -n "$kver" ] && [ -n "$tree" ]; } || [ $# -eq 0 ]; then
	usage
fi
[[ $timeout_s =~ ^[0-9]+$ ]] || usage
modroot="" append=""
if [ -n "$tree" ]; then
	kver=$(cat "$tree/include/config/kernel.release" 2>/dev/null)
	kernel=$tree/arch/x86/boot/bzImage
	modroot=$tree/modinst
	append=" panic_on_warn=1 kmemleak=on"
	mem=${mem:-2G}
else
	kernel=/boot/vmlinuz-$kver
fi
mem=${mem:-1G}
if [ -z "$kver" ] || [ ! -r "$kernel" ] || [ ! -d "$modroot/lib/modules/$kver" ]; then
	echo "vm-run: no $kernel or $modroot/lib/modules/$kver" >&2
	exit 2
fi

initrd=$repo/build/vm/initramfs-$kver${tree:+-$(cksum <<<"$tree" | cut -d' ' -f1)}.cpio.gz
"$here/mkinitramfs.sh" "$kver" "$initrd" "$modroot" || exit 125

# The guest sees the host's files (through 9p), this directory included.
tmp=$(mktemp -d /var/tmp/v6gw-vm.XXXXXX) || exit 125
chmod 755 "$tmp"
qpid=""
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	[ -n "$qpid" ] && kill "$qpid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cp "$here/guest-init.sh" "$tmp/init"
{
	if [ -n "$modroot" ]; then
		printf 'mkdir -p /lib/modules/%s && mount --bind %q /lib/modules/%s || exit 125\n' \
			"$kver" "$modroot/lib/modules/$kver" "$kver"
	fi
	printf 'cd -- %q || exit 125\n' "$PWD"
	for var in $(compgen -e); do
		case $var in V6GW*) printf 'export %s=%q\n' "$var" "${!var}" ;; esac
	done
	printf '%s\n' "$*"
} >"$tmp/cmd"

# boot: one QEMU run; sets qrc, side (the ttyS1 side channel) and klog.
boot()
{
	rm -f "$tmp/fifo" "$tmp/ttyS1" "$tmp/console"
	mkfifo "$tmp/fifo"
	# Strip the serial console's \r and SeaBIOS's banner and escapes.
	sed -u -e 's/\r//g; s/\x1b\[[0-9;?]*[A-Za-z]//g; s/\x1bc//g' \
		-e '/^SeaBIOS (version/d; /^Booting from ROM\.*$/d; s/^Booting from ROM\.*//' \
		<"$tmp/fifo" | tee "$tmp/console" &
	local streampid=$!
	timeout -k 5 "$timeout_s" qemu-system-x86_64 -accel tcg -nographic \
		-nodefaults -no-user-config -no-reboot -smp "${V6GW_VM_SMP:-2}" -m "$mem" \
		-kernel "$kernel" -initrd "$initrd" \
		-append "console=ttyS0 panic=-1 quiet loglevel=4 printk.time=1 v6gw_dir=$tmp$append${V6GW_VM_APPEND:+ $V6GW_VM_APPEND}" \
		-serial stdio -serial "file:$tmp/ttyS1" \
		-virtfs local,path=/,mount_tag=root,security_model=none,readonly=on,multidevs=remap \
		</dev/null >"$tmp/fifo" 2>&1 &
	qpid=$!
	wait "$qpid"
	qrc=$?
	qpid=""
	wait "$streampid"

	side=$(tr -d '\r' <"$tmp/ttyS1" 2>/dev/null)
	klog=$(vm_klog "$side" "$tmp/console")
}

# Debian's kernels occasionally die under TCG in live text patching (a
# static key flipped, e.g. by the first socket asking for timestamps): the
# other vCPU still runs the int3 that text_poke_bp() placed, after it is
# gone, and the kernel dies of an "int3" Oops. Seen on 6.12, while booting
# and once in the middle of the selftests. Any static key flip can set it
# off (a socket's timestamps, a netfilter hook registered, v6gw's too);
# the race is taken to be the emulation's (text_poke_bp() relies on
# cross-CPU instruction fetch ordering that TCG's translated blocks do not
# give; not verified on hardware). The guest marks the start of the
# command on the side channel. A guest that died before that mark is
# booted again; one whose first kernel problem is such an int3 Oops runs
# the command again in a new guest, after a line V6GW-VM-RETRY on stdout
# (log readers count only what follows the last one). Three boots at most,
# each retry said on stderr.
for attempt in 1 2 3; do
	boot
	if ! grep -q '^V6GW-VM-START$' <<<"$side"; then
		[ "$qrc" = 124 ] || [ "$qrc" = 137 ] && break
		[ "$attempt" = 3 ] && break
		echo "vm-run: the guest died while booting, before the command ran" \
		     "(QEMU exit $qrc); booting again" >&2
		grep -E 'Oops|panic|BUG' <<<"$klog" | head -n 3 | sed 's/^/vm-run:   /' >&2
		continue
	fi
	first=$(grep -E "$V6GW_KERNEL_PROBLEMS" <<<"$klog" | head -n 1)
	if [ "$attempt" != 3 ] && grep -Eq 'int3: [0-9a-f]{4} \[#' <<<"$first"; then
		echo "V6GW-VM-RETRY"
		echo "vm-run: the guest kernel died of an int3 Oops (TCG text" \
		     "patching) while the command ran; running it again in a new guest:" >&2
		grep -E 'int3: |RIP: |Kernel panic' <<<"$klog" | head -n 3 | sed 's/^/vm-run:   /' >&2
		continue
	fi
	break
done

[ -n "$dmesg_file" ] && printf '%s\n' "$klog" >"$dmesg_file"
vm_exit vm-run "$side" "$klog" "$qrc" "$timeout_s"
