#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm-run.sh stage 2: PID 1 of the guest, started by the initramfs after
# switch_root (root = host root read-only over 9p + tmpfs overlay).
# vm-run.sh copies this file to $dir/init next to the command file $dir/cmd.
#
# The command's output goes to the console (ttyS0). The side channel ttyS1
# (a file on the host) receives the kernel log and the exit status:
#   V6GW-VM-DMESG-BEGIN / dmesg [/ kmemleak report] / V6GW-VM-DMESG-END
#   V6GW-VM-EXIT=<rc>
# so nothing the command prints can fake either. The exit line is also
# printed on the console for the human reader.
set -u
dir=$(dirname "$0")
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb LANG=C.UTF-8

mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mkdir -p /dev/pts /dev/shm
ln -s /proc/self/fd /dev/fd
ln -s fd/0 /dev/stdin
ln -s fd/1 /dev/stdout
ln -s fd/2 /dev/stderr
mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts /dev/pts
mount -t tmpfs -o mode=1777 shm /dev/shm
# No tmpfs on /tmp: the overlay's upper layer is already a tmpfs (writes
# never reach the host), and a checkout under the host's /tmp (a CI clone)
# must stay visible to the guest.
mount -t tmpfs -o mode=755 run /run
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
hostname v6gw-vm
ip link set lo up
# Boot ran with "quiet" (console loglevel 4); from now on let warnings
# (KERN_WARNING, e.g. WARN_ON) reach the console live as well.
dmesg -n 5

# kmemleak (the debug kernel): what boot left unreferenced is marked as
# seen ("clear"), so the report at the end is about what the command did.
kml=/sys/kernel/debug/kmemleak
# The automatic scans (every 10 minutes) are turned off: each takes a
# vCPU for a minute or more under TCG, and the scans at the end report
# every leak they would have.
if [ -w "$kml" ]; then
	echo scan >"$kml"
	echo clear >"$kml"
	echo scan=off >"$kml"
fi

# The command starts now: a crash before this line is a boot failure.
echo V6GW-VM-START >/dev/ttyS1
bash "$dir/cmd" </dev/null
rc=$?

{
	echo V6GW-VM-DMESG-BEGIN
	dmesg
	# Two scans a few seconds apart, as Documentation/dev-tools/kmemleak.rst
	# advises: an object only a CPU register or an RCU callback still held
	# at the first one is not reported.
	if [ -w "$kml" ]; then
		echo scan >"$kml"
		sleep 5
		echo scan >"$kml"
		cat "$kml"
	fi
	echo V6GW-VM-DMESG-END
	echo "V6GW-VM-EXIT=$rc"
} >/dev/ttyS1
echo "V6GW-VM-EXIT=$rc"
echo o >/proc/sysrq-trigger
sleep 60
