# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
#
# Sourced by check-arm64.sh: Debian's arm64 pieces for the arm64 check,
# downloaded with "apt-get download" and unpacked with dpkg-deb (never
# installed, no arm64 code runs on the host), cached under
# $V6GW_ARM64_CACHE (default /var/cache/v6gw-arm64, outside the repository
# so that clean clones reuse it):
#
#   headers-ABI/       linux-headers-ABI-arm64 + -common; its scripts and
#                      tools point at the host's /usr/lib/linux-kbuild-6.1
#   sysroot-KEY/       libmnl-dev and libmnl0 for the tool's cross build
#   rootfs-ABI-KEY/    the guest's root: the packages of ARM64_ROOTFS_PKGS
#                      and their library dependencies, linux-image-ABI-arm64
#                      (/boot/vmlinuz-*, /lib/modules with depmod's files)
#
# ABI is the 6.1 kernel's ABI name (6.1.0-57), KEY a hash of the package
# list. Each directory is built under a temporary name and renamed when
# complete, under a lock, so an interrupted or concurrent run never leaves
# a half-made cache behind; a missing one is made again. Making them needs
# root and the arm64 architecture in dpkg (install-deps.sh adds it).

ARM64_CACHE=${V6GW_ARM64_CACHE:-/var/cache/v6gw-arm64}
ARM64_CROSS=aarch64-linux-gnu-

# The guest's userland: what the tests run on arm64 use (see
# check-arm64.sh), busybox for the initramfs. Library dependencies are
# added by arm64_closure.
ARM64_ROOTFS_PKGS="bash coreutils grep sed gawk findutils diffutils util-linux
	mount procps kmod hostname iproute2 iputils-ping busybox-static libmnl0
	python3 jq iperf3 socat ethtool"
# Dependencies that only matter to dpkg and maintainer scripts, never to
# the programs the tests run: left out of the closure.
ARM64_ROOTFS_SKIP='^(dpkg|debconf|cdebconf|perl|perl-base|perl-modules-.*|libperl.*|adduser|passwd|usrmerge|usr-is-merged|install-info|init-system-helpers|base-files|debianutils|libdebian-installer.*|libnewt.*|libslang.*|libtextwrap.*|lib.*-perl)$'
# Commands (found in the rootfs) whose libraries must all be there.
ARM64_ROOTFS_CMDS="bash busybox python3 ip genl ping jq iperf3 socat ethtool
	ss modprobe insmod rmmod modinfo setpriv unshare mount timeout awk sysctl"

# arm64_note TEXT: progress on stderr.
arm64_note()
{
	echo "arm64-cache: $*" >&2
}

# arm64_abi: the ABI name of the newest installed amd64 6.1 kernel
# (6.1.0-57), or $V6GW_ARM64_ABI.
arm64_abi()
{
	if [ -n "${V6GW_ARM64_ABI:-}" ]; then
		echo "$V6GW_ARM64_ABI"
		return 0
	fi
	find /lib/modules -mindepth 1 -maxdepth 1 -name '6.1.*-amd64' -printf '%f\n' |
		sort -V | tail -n1 | sed 's/-amd64$//' | grep .
}

# arm64_key WORDS...: a short hash of a package list (and of the format
# of the cache, ARM64_LAYOUT), to name a cache directory by.
ARM64_LAYOUT=2
arm64_key()
{
	echo "$ARM64_LAYOUT $*" | tr -s ' \t\n' ' ' | sha1sum | cut -c1-12
}

# arm64_download DIR PKG...: the .debs of PKG... into DIR (apt-get
# download; on failure the package lists are refreshed once and it is
# tried again).
arm64_download()
{
	local dir=$1
	shift
	(
		cd "$dir" || exit 1
		apt-get -q=2 -o APT::Sandbox::User=root download "$@" ||
		{
			arm64_note "apt-get download failed; apt-get update, then again"
			apt-get -q=2 update && apt-get -q=2 -o APT::Sandbox::User=root download "$@"
		}
	)
}

# arm64_unpack DEB... ROOT: unpack the .debs into ROOT, keeping ROOT's
# /bin, /lib, /sbin links into /usr (merged /usr, as Debian 12 installs).
arm64_unpack()
{
	local root=${*: -1} deb
	for deb in "${@:1:$#-1}"; do
		dpkg-deb --fsys-tarfile "$deb" |
			tar -x -C "$root" --keep-directory-symlink --no-same-owner ||
			{ arm64_note "cannot unpack $deb"; return 1; }
	done
}

# arm64_closure PKG...: PKG... and everything they depend on (Depends and
# Pre-Depends, recursively), as names for "apt-get download": the arm64
# ones as NAME:arm64, the architecture-independent ones as NAME; without
# ARM64_ROOTFS_SKIP.
arm64_closure()
{
	local all p plain=() arch_all
	all=$(apt-cache depends --recurse --no-recommends --no-suggests \
		--no-conflicts --no-breaks --no-replaces --no-enhances \
		"${@/%/:arm64}" | grep -v -e '^ ' -e '^<' | sort -u) || return 1
	for p in $all; do
		case $p in
		*:arm64) grep -Eqv "$ARM64_ROOTFS_SKIP" <<<"${p%:arm64}" && echo "$p" ;;
		*:*) ;;
		*) plain+=("$p") ;;
		esac
	done
	# A name without ":arm64" is the host's package, or an "all" one.
	[ ${#plain[@]} -gt 0 ] || return 0
	arch_all=$(apt-cache show --no-all-versions "${plain[@]}" 2>/dev/null |
		awk '/^Package:/ { p = $2 } /^Architecture: all$/ { print p }' | sort -u)
	for p in $arch_all; do
		grep -Eqv "$ARM64_ROOTFS_SKIP" <<<"$p" && echo "$p"
	done
	return 0
}

# arm64_lock: hold $ARM64_CACHE/.lock (fd 9) until the shell exits.
arm64_lock()
{
	mkdir -p "$ARM64_CACHE" || return 1
	exec 9>"$ARM64_CACHE/.lock" || return 1
	flock 9
}

# arm64_headers ABI: the directory of linux-headers-ABI-arm64, made when
# missing.
arm64_headers()
{
	local abi=$1 dir="$ARM64_CACHE/headers-$1" tmp h
	h=usr/src/linux-headers-$abi-arm64
	if [ ! -f "$dir/.complete" ]; then
		arm64_note "making $dir"
		tmp=$dir.tmp
		rm -rf "$tmp" && mkdir -p "$tmp/debs" || return 1
		arm64_download "$tmp/debs" "linux-headers-$abi-arm64:arm64" \
			"linux-headers-$abi-common" || return 1
		arm64_unpack "$tmp"/debs/*.deb "$tmp" || return 1
		rm -rf "$tmp/debs"
		[ -f "$tmp/$h/Module.symvers" ] || { arm64_note "no $h in the packages"; return 1; }
		rm -rf "${dir:?}" && touch "$tmp/.complete" && mv "$tmp" "$dir" || return 1
	fi
	# The headers' own links point into linux-kbuild-6.1 of an arm64
	# system; the host's (amd64 programs, same kernel version) serve.
	ln -sfn /usr/lib/linux-kbuild-6.1/scripts "$dir/$h/scripts" &&
	ln -sfn /usr/lib/linux-kbuild-6.1/tools "$dir/$h/tools" &&
	echo "$dir/$h"
}

# arm64_sysroot: the directory with arm64 libmnl-dev and libmnl0, made
# when missing.
arm64_sysroot()
{
	local pkgs="libmnl-dev:arm64 libmnl0:arm64" dir tmp
	dir=$ARM64_CACHE/sysroot-$(arm64_key "$pkgs")
	if [ ! -f "$dir/.complete" ]; then
		arm64_note "making $dir"
		tmp=$dir.tmp
		rm -rf "$tmp" && mkdir -p "$tmp/debs" || return 1
		# shellcheck disable=SC2086 # one word per package
		arm64_download "$tmp/debs" $pkgs || return 1
		arm64_unpack "$tmp"/debs/*.deb "$tmp" || return 1
		rm -rf "$tmp/debs"
		rm -rf "${dir:?}" && touch "$tmp/.complete" && mv "$tmp" "$dir" || return 1
	fi
	echo "$dir"
}

# arm64_rootfs_etc ROOT: the few files a root made without maintainer
# scripts lacks.
arm64_rootfs_etc()
{
	local root=$1 d
	for d in dev proc sys run tmp root mnt var/tmp etc/modprobe.d; do
		mkdir -p "$root/$d" || return 1
	done
	chmod 1777 "$root/tmp" "$root/var/tmp"
	ln -sfn /run "$root/var/run"
	echo 'root:x:0:0:root:/root:/bin/bash' >"$root/etc/passwd"
	echo 'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin' >>"$root/etc/passwd"
	printf 'root:x:0:\ntty:x:5:\nnogroup:x:65534:\n' >"$root/etc/group"
	printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$root/etc/hosts"
	printf 'passwd: files\ngroup: files\nhosts: files\n' >"$root/etc/nsswitch.conf"
	# What update-alternatives and dash's postinst would have linked.
	[ -e "$root/usr/bin/awk" ] || ln -s gawk "$root/usr/bin/awk"
	[ -e "$root/usr/bin/sh" ] || ln -s bash "$root/usr/bin/sh"
}

# arm64_resolve ROOT PATH: PATH (inside ROOT) with its links followed
# inside ROOT, as a host path; absolute link targets are relative to ROOT.
arm64_resolve()
{
	local root=$1 p=$1$2 t n=0
	while [ -L "$p" ] && [ $n -lt 20 ]; do
		t=$(readlink "$p")
		case $t in
		/*) p=$root$t ;;
		*) p=$(dirname "$p")/$t ;;
		esac
		n=$((n + 1))
	done
	echo "$p"
}

# arm64_rootfs_check ROOT: the commands of ARM64_ROOTFS_CMDS are in ROOT,
# and so is every shared library they need (readelf's NEEDED, recursively).
arm64_rootfs_check()
{
	local root=$1 c d f lib found todo=() seen=" " missing=""
	for c in $ARM64_ROOTFS_CMDS; do
		f=""
		for d in /usr/bin /usr/sbin; do
			[ -e "$(arm64_resolve "$root" "$d/$c")" ] && { f=$d/$c; break; }
		done
		if [ -z "$f" ]; then
			missing+=" $c"
			continue
		fi
		todo+=("$(arm64_resolve "$root" "$f")")
	done
	while [ ${#todo[@]} -gt 0 ]; do
		f=${todo[0]}
		todo=("${todo[@]:1}")
		for lib in $("${ARM64_CROSS}readelf" -d "$f" 2>/dev/null |
			sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'); do
			case $seen in *" $lib "*) continue ;; esac
			seen+="$lib "
			found=""
			for d in /usr/lib/aarch64-linux-gnu /usr/lib; do
				found=$(arm64_resolve "$root" "$d/$lib")
				[ -e "$found" ] && break
				found=""
			done
			if [ -z "$found" ]; then
				missing+=" $lib"
				continue
			fi
			todo+=("$found")
		done
	done
	if [ -n "$missing" ]; then
		arm64_note "$root lacks:$missing"
		return 1
	fi
}

# arm64_rootfs_pyc ROOT: byte-compile ROOT's Python modules, as Debian's
# maintainer scripts would (py3compile): a .pyc does not depend on the
# architecture, only on the Python version, so the host's python3.11
# writes them when it is the same version as ROOT's. Without them every
# python3 in the guest compiles what it imports again, slowly under TCG.
arm64_rootfs_pyc()
{
	local root=$1 py=/usr/bin/python3.11
	[ -x "$py" ] && [ -d "$root/usr/lib/python3.11" ] || return 0
	"$py" -m compileall -q -j0 "$root/usr/lib/python3.11" \
		"$root/usr/lib/python3/dist-packages" >/dev/null 2>&1
	return 0
}

# arm64_rootfs ABI: the guest's root directory, made when missing.
arm64_rootfs()
{
	local abi=$1 dir tmp names
	dir=$ARM64_CACHE/rootfs-$abi-$(arm64_key "$ARM64_ROOTFS_PKGS" "$ARM64_ROOTFS_SKIP")
	if [ ! -f "$dir/.complete" ]; then
		arm64_note "making $dir"
		tmp=$dir.tmp
		rm -rf "$tmp" && mkdir -p "$tmp/debs" "$tmp/root/usr/bin" \
			"$tmp/root/usr/sbin" "$tmp/root/usr/lib" || return 1
		ln -s usr/bin "$tmp/root/bin" && ln -s usr/sbin "$tmp/root/sbin" &&
			ln -s usr/lib "$tmp/root/lib" || return 1
		# shellcheck disable=SC2086 # one word per package
		names=$(arm64_closure $ARM64_ROOTFS_PKGS) || return 1
		# shellcheck disable=SC2086
		arm64_download "$tmp/debs" $names "linux-image-$abi-arm64-unsigned:arm64" ||
			return 1
		arm64_unpack "$tmp"/debs/*.deb "$tmp/root" || return 1
		ls "$tmp/debs" >"$tmp/packages"
		rm -rf "$tmp/debs"
		arm64_rootfs_etc "$tmp/root" || return 1
		depmod -b "$tmp/root" "$abi-arm64" || return 1
		arm64_rootfs_pyc "$tmp/root"
		arm64_rootfs_check "$tmp/root" || return 1
		rm -rf "${dir:?}" && touch "$tmp/.complete" && mv "$tmp" "$dir" || return 1
	fi
	echo "$dir/root"
}
