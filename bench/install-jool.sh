#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/install-jool.sh: install Debian's Jool (jool-dkms, jool-tools) for the
# benchmarks, built only for the 6.1 kernel. Idempotent; run as root.
#
# Jool 4.1.9 (bookworm) does not build on 6.12 (generic netlink split-ops
# change). A plain "apt-get install jool-dkms" builds it for every kernel in
# /lib/modules, fails on 6.12 and leaves the package half-configured; later
# kernel installs would fail in DKMS autoinstall too. So the package is
# unpacked first (dpkg --unpack), its /usr/src/jool-dkms-VER/dkms.conf gets
#   BUILD_EXCLUSIVE_KERNEL="^6\.1\."   (dkms build exits 77 = "skipped"
#                                        elsewhere; the postinst accepts that)
# and only then configured (postinst: builds for 6.1, skips 6.12).
#
# No AUTOINSTALL line, on purpose, and an existing one is removed: Debian
# 12's dkms 3.0.10 tests it with [[ $AUTOINSTALL ]], so AUTOINSTALL="no" is
# a non-empty string and means YES. With it, "dkms autoinstall -k 6.12..."
# (run by a 6.12 kernel's postinst through /etc/kernel/postinst.d/dkms)
# tries Jool, hits BUILD_EXCLUSIVE and exits 11, failing the kernel install.
# Without the line Jool is never autoinstalled (checked by hand:
# "dkms autoinstall -k 6.12.117+deb12-amd64" exits 0 then).
# An upgrade of jool-dkms restores Debian's dkms.conf: run this again then.
#
# KVER61 selects the 6.1 kernel (default: the installed 6.1.* with headers).
set -eu

die() { echo "install-jool: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root"

# shellcheck disable=SC2012 # kernel names are plain
kver=${KVER61:-$(ls -d /lib/modules/6.1.*/build 2>/dev/null | sort -V | tail -n1 |
		  sed 's|/lib/modules/||; s|/build||')}
[ -n "$kver" ] || die "no 6.1 kernel headers in /lib/modules (install linux-headers-amd64)"

export DEBIAN_FRONTEND=noninteractive
apt_opts=(-y -q -o DPkg::Lock::Timeout=300)

installed() { dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -q "install ok installed"; }
unpacked() { dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -qE "install ok (unpacked|half-configured|installed)"; }

# dkms.conf edit: set BUILD_EXCLUSIVE_KERNEL, drop AUTOINSTALL (see above).
fix_conf() {
	local conf=$1
	sed -i -e '/^BUILD_EXCLUSIVE_KERNEL=/d' -e '/^AUTOINSTALL=/d' "$conf"
	printf '%s\n' 'BUILD_EXCLUSIVE_KERNEL="^6\.1\."' >>"$conf"
}

if ! unpacked jool-dkms; then
	apt-get "${apt_opts[@]}" update -qq || true
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	(cd "$tmp" && apt-get -q download jool-dkms)
	# dpkg --unpack: files in place, postinst (the DKMS build) not run yet.
	dpkg --unpack "$tmp"/jool-dkms_*.deb
fi

# shellcheck disable=SC2012
conf=$(ls /usr/src/jool-*/dkms.conf 2>/dev/null | sort -V | tail -n1)
[ -n "$conf" ] || die "no /usr/src/jool-*/dkms.conf after unpacking jool-dkms"
# Debian names the DKMS module "jool-dkms" (source in /usr/src/jool-dkms-VER).
name=$(sed -n 's/^PACKAGE_NAME="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$conf")
ver=$(sed -n 's/^PACKAGE_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$conf")
{ [ -n "$name" ] && [ -n "$ver" ]; } || die "no PACKAGE_NAME/PACKAGE_VERSION in $conf"
fix_conf "$conf"
# DKMS keeps its own reference to the source tree (a symlink), so the edit
# applies to an already added module too.
source_conf=/var/lib/dkms/$name/$ver/source/dkms.conf

# Configure jool-dkms (its postinst builds for 6.1 and skips 6.12) and
# install the tools; -f repairs a half-configured state from an older run.
apt-get "${apt_opts[@]}" -f install
installed jool-tools || apt-get "${apt_opts[@]}" install jool-tools
installed jool-dkms || apt-get "${apt_opts[@]}" install jool-dkms

if ! dkms status -m "$name" -v "$ver" -k "$kver" | grep -q ': installed'; then
	dkms build -m "$name" -v "$ver" -k "$kver"
	dkms install -m "$name" -v "$ver" -k "$kver"
fi

# Checks: the 6.1 module is there, apt is consistent, other kernels skip.
modinfo -k "$kver" -F version jool_siit >/dev/null ||
	die "modinfo -k $kver jool_siit failed"
apt-get "${apt_opts[@]}" -f install >/dev/null || die "apt-get -f install is not clean"
dpkg --audit | grep -q . && die "dpkg --audit reports problems: $(dpkg --audit)"
# Not "dkms autoinstall" here: it would also build other registered modules.
grep -q '^AUTOINSTALL=' "$source_conf" && die "$source_conf has an AUTOINSTALL line"
grep -qx 'BUILD_EXCLUSIVE_KERNEL="^6\\.1\\."' "$source_conf" ||
	die "$source_conf lacks BUILD_EXCLUSIVE_KERNEL"
echo "install-jool: jool $ver installed for $kver:" \
	"jool_siit $(modinfo -k "$kver" -F version jool_siit)," \
	"$(jool_siit --version 2>/dev/null | head -n1)"
dkms status -m "$name"
