# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
#
# Sourced by check-cross.sh (for check-arm64.sh and check-s390x.sh):
# Debian's pieces for a foreign architecture's check, downloaded with
# "apt-get download" and unpacked with dpkg-deb (never installed, no
# foreign code runs on the host), cached under $V6GW_<ARCH>_CACHE (default
# /var/cache/v6gw-<arch>, outside the repository so that clean clones
# reuse it):
#
#   headers-ABI/       linux-headers-ABI-<flavour> + -common; its scripts
#                      and tools point at the host's /usr/lib/linux-kbuild-6.1
#                      when that is the headers' version, else at kbuild-VER/
#   kbuild-VER/        the host's architecture's linux-kbuild-6.1 of the
#                      headers' version VER, when the host has another one
#   sysroot-KEY/       libmnl-dev and libmnl0 for the tool's cross build
#   rootfs-ABI-KEY/    the guest's root: the packages of XC_ROOTFS_PKGS and
#                      their library dependencies, the kernel image package
#                      (/boot/vmlinuz-*, /lib/modules with depmod's files)
#
# ABI is the 6.1 kernel's ABI name (6.1.0-57), KEY a hash of the package
# list. Each directory is built under a temporary name and renamed when
# complete, under a lock, so an interrupted or concurrent run never leaves
# a half-made cache behind; a missing one is made again. Making them needs
# root and the architecture in dpkg (install-deps.sh adds it).
#
# The per-architecture table, set by the sourcing script:
#   XC_ARCH    Debian's architecture name, also the kernel flavour (arm64,
#              s390x)
#   XC_CROSS   the cross toolchain's prefix (aarch64-linux-gnu-); without
#              the "-" it is the multiarch triplet
#   XC_IMAGE   the kernel image package, %s standing for the ABI
#              (linux-image-%s-arm64-unsigned)

XC_TRIPLET=${XC_CROSS%-}
XC_ENV=V6GW_$(echo "$XC_ARCH" | tr '[:lower:]' '[:upper:]')
# xc_env NAME: $V6GW_<ARCH>_NAME (empty when unset).
xc_env()
{
	local v=${XC_ENV}_$1
	echo "${!v:-}"
}
XC_CACHE=$(xc_env CACHE)
XC_CACHE=${XC_CACHE:-/var/cache/v6gw-$XC_ARCH}

# The guest's userland: what the tests run in the guest use (see
# check-arm64.sh), busybox for the initramfs. Library dependencies are
# added by xc_closure.
XC_ROOTFS_PKGS="bash coreutils grep sed gawk findutils diffutils util-linux
	mount procps kmod hostname iproute2 iputils-ping busybox-static libmnl0
	python3 jq iperf3 socat ethtool"
# Dependencies that only matter to dpkg and maintainer scripts, never to
# the programs the tests run: left out of the closure.
XC_ROOTFS_SKIP='^(dpkg|debconf|cdebconf|perl|perl-base|perl-modules-.*|libperl.*|adduser|passwd|usrmerge|usr-is-merged|install-info|init-system-helpers|base-files|debianutils|libdebian-installer.*|libnewt.*|libslang.*|libtextwrap.*|lib.*-perl)$'
# Commands (found in the rootfs) whose libraries must all be there.
XC_ROOTFS_CMDS="bash busybox python3 ip genl ping jq iperf3 socat ethtool
	ss modprobe insmod rmmod modinfo setpriv unshare mount timeout awk sysctl"

# xc_note TEXT: progress on stderr.
xc_note()
{
	echo "$XC_ARCH-cache: $*" >&2
}

# xc_image ABI: the name of the kernel image package of ABI.
xc_image()
{
	# shellcheck disable=SC2059 # XC_IMAGE is the format
	printf "$XC_IMAGE" "$1"
}

# xc_abi: the ABI name (6.1.0-57) of the newest installed amd64 6.1 kernel
# when Debian has the architecture's kernel of that ABI, else of the
# newest 6.1 kernel Debian has for the architecture; or $V6GW_<ARCH>_ABI.
# (The architectures' kernels of one 6.1 stable update do not always
# reach the archive together: s390x lagged behind amd64 and arm64.)
xc_abi()
{
	local abi re
	abi=$(xc_env ABI)
	if [ -n "$abi" ]; then
		echo "$abi"
		return 0
	fi
	abi=$(find /lib/modules -mindepth 1 -maxdepth 1 -name '6.1.*-amd64' -printf '%f\n' |
		sort -V | tail -n1 | sed 's/-amd64$//')
	if [ -n "$abi" ] && apt-cache show --no-all-versions \
		"$(xc_image "$abi"):$XC_ARCH" >/dev/null 2>&1; then
		echo "$abi"
		return 0
	fi
	re=$(xc_image '6\.1\.0-[0-9]+')
	apt-cache search --names-only "^$re\$" | awk '{ print $1 }' |
		sed -n 's/^.*-\(6\.1\.0-[0-9]\+\)-.*$/\1/p' | sort -V | tail -n1 | grep .
}

# xc_key WORDS...: a short hash of a package list (and of the format of
# the cache, XC_LAYOUT), to name a cache directory by. (Layout 2 is
# arm64-cache.sh's, which this file replaced: its caches are still good.)
XC_LAYOUT=2
xc_key()
{
	echo "$XC_LAYOUT $*" | tr -s ' \t\n' ' ' | sha1sum | cut -c1-12
}

# xc_download DIR PKG...: the .debs of PKG... into DIR (apt-get download;
# on failure the package lists are refreshed once and it is tried again).
xc_download()
{
	local dir=$1
	shift
	(
		cd "$dir" || exit 1
		apt-get -q=2 -o APT::Sandbox::User=root download "$@" ||
		{
			xc_note "apt-get download failed; apt-get update, then again"
			apt-get -q=2 update && apt-get -q=2 -o APT::Sandbox::User=root download "$@"
		}
	)
}

# xc_unpack DEB... ROOT: unpack the .debs into ROOT, keeping ROOT's /bin,
# /lib, /sbin links into /usr (merged /usr, as Debian 12 installs).
xc_unpack()
{
	local root=${*: -1} deb
	for deb in "${@:1:$#-1}"; do
		dpkg-deb --fsys-tarfile "$deb" |
			tar -x -C "$root" --keep-directory-symlink --no-same-owner ||
			{ xc_note "cannot unpack $deb"; return 1; }
	done
}

# xc_closure PKG...: PKG... and everything they depend on (Depends and
# Pre-Depends, recursively), as names for "apt-get download": the
# architecture's ones as NAME:ARCH, the architecture-independent ones as
# NAME; without XC_ROOTFS_SKIP.
xc_closure()
{
	local all p plain=() arch_all
	all=$(apt-cache depends --recurse --no-recommends --no-suggests \
		--no-conflicts --no-breaks --no-replaces --no-enhances \
		"${@/%/:$XC_ARCH}" | grep -v -e '^ ' -e '^<' | sort -u) || return 1
	for p in $all; do
		case $p in
		*:"$XC_ARCH") grep -Eqv "$XC_ROOTFS_SKIP" <<<"${p%:"$XC_ARCH"}" && echo "$p" ;;
		*:*) ;;
		*) plain+=("$p") ;;
		esac
	done
	# A name without ":ARCH" is the host's package, or an "all" one.
	[ ${#plain[@]} -gt 0 ] || return 0
	arch_all=$(apt-cache show --no-all-versions "${plain[@]}" 2>/dev/null |
		awk '/^Package:/ { p = $2 } /^Architecture: all$/ { print p }' | sort -u)
	for p in $arch_all; do
		grep -Eqv "$XC_ROOTFS_SKIP" <<<"$p" && echo "$p"
	done
	return 0
}

# xc_lock: hold $XC_CACHE/.lock (fd 9) until the shell exits.
xc_lock()
{
	mkdir -p "$XC_CACHE" || return 1
	exec 9>"$XC_CACHE/.lock" || return 1
	flock 9
}

# xc_kbuild VER: the linux-kbuild-6.1 directory (scripts, tools) for
# headers of package version VER: the host's when it is that version (or
# VER is unknown), else the host architecture's package of VER, unpacked
# into $XC_CACHE/kbuild-VER when missing. Mixing the headers of one 6.1
# update with the kbuild programs of another may build a module that
# does not load (modpost's and the headers' ideas can differ).
xc_kbuild()
{
	local ver=$1 host dir tmp
	host=$(dpkg-query -W -f='${Version}' linux-kbuild-6.1 2>/dev/null)
	if [ -z "$ver" ] || [ "$ver" = "$host" ]; then
		echo /usr/lib/linux-kbuild-6.1
		return 0
	fi
	dir=$XC_CACHE/kbuild-$ver
	if [ ! -f "$dir/.complete" ]; then
		xc_note "making $dir (the host has linux-kbuild-6.1 ${host:-none})"
		tmp=$dir.tmp
		rm -rf "$tmp" && mkdir -p "$tmp/debs" || return 1
		xc_download "$tmp/debs" "linux-kbuild-6.1:$(dpkg --print-architecture)=$ver" ||
			return 1
		xc_unpack "$tmp"/debs/*.deb "$tmp" || return 1
		rm -rf "$tmp/debs"
		[ -d "$tmp/usr/lib/linux-kbuild-6.1/scripts" ] ||
			{ xc_note "no linux-kbuild-6.1 in the package"; return 1; }
		rm -rf "${dir:?}" && touch "$tmp/.complete" && mv "$tmp" "$dir" || return 1
	fi
	echo "$dir/usr/lib/linux-kbuild-6.1"
}

# xc_headers ABI: the directory of linux-headers-ABI-ARCH, made when
# missing.
xc_headers()
{
	local abi=$1 dir="$XC_CACHE/headers-$1" tmp h kb d
	h=usr/src/linux-headers-$abi-$XC_ARCH
	if [ ! -f "$dir/.complete" ]; then
		xc_note "making $dir"
		tmp=$dir.tmp
		rm -rf "$tmp" && mkdir -p "$tmp/debs" || return 1
		xc_download "$tmp/debs" "linux-headers-$abi-$XC_ARCH:$XC_ARCH" \
			"linux-headers-$abi-common" || return 1
		# The packages' version, for xc_kbuild.
		dpkg-deb -f "$(ls "$tmp"/debs/linux-headers-"$abi"-common_*.deb)" Version \
			>"$tmp/.version" || return 1
		xc_unpack "$tmp"/debs/*.deb "$tmp" || return 1
		rm -rf "$tmp/debs"
		[ -f "$tmp/$h/Module.symvers" ] || { xc_note "no $h in the packages"; return 1; }
		rm -rf "${dir:?}" && touch "$tmp/.complete" && mv "$tmp" "$dir" || return 1
	fi
	# The headers' own links point into linux-kbuild-6.1 of a system of
	# the architecture; the host's programs of the same version serve.
	# Their Makefile includes the -common one from /usr/src, which is
	# the host's only when the host has that ABI's headers: it is made to
	# include the one in the cache.
	kb=$(xc_kbuild "$(cat "$dir/.version" 2>/dev/null)") || return 1
	for d in "$h" "usr/src/linux-headers-$abi-common"; do
		ln -sfn "$kb/scripts" "$dir/$d/scripts" &&
		ln -sfn "$kb/tools" "$dir/$d/tools" || return 1
	done
	sed -i "s|^include /usr/src/linux-headers-$abi-common/Makefile\$|include $dir/usr/src/linux-headers-$abi-common/Makefile|" \
		"$dir/$h/Makefile" || return 1
	if ! grep -qx "include $dir/usr/src/linux-headers-$abi-common/Makefile" "$dir/$h/Makefile"; then
		xc_note "$dir/$h/Makefile: not the expected include"
		return 1
	fi
	echo "$dir/$h"
}

# xc_sysroot: the directory with the architecture's libmnl-dev and
# libmnl0, made when missing.
xc_sysroot()
{
	local pkgs="libmnl-dev:$XC_ARCH libmnl0:$XC_ARCH" dir tmp
	dir=$XC_CACHE/sysroot-$(xc_key "$pkgs")
	if [ ! -f "$dir/.complete" ]; then
		xc_note "making $dir"
		tmp=$dir.tmp
		rm -rf "$tmp" && mkdir -p "$tmp/debs" || return 1
		# shellcheck disable=SC2086 # one word per package
		xc_download "$tmp/debs" $pkgs || return 1
		xc_unpack "$tmp"/debs/*.deb "$tmp" || return 1
		rm -rf "$tmp/debs"
		rm -rf "${dir:?}" && touch "$tmp/.complete" && mv "$tmp" "$dir" || return 1
	fi
	echo "$dir"
}

# xc_rootfs_etc ROOT: the few files a root made without maintainer
# scripts lacks.
xc_rootfs_etc()
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

# xc_resolve ROOT PATH: PATH (inside ROOT) with its links followed inside
# ROOT, as a host path; absolute link targets are relative to ROOT.
xc_resolve()
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

# xc_rootfs_check ROOT: the commands of XC_ROOTFS_CMDS are in ROOT, and so
# is every shared library they need (readelf's NEEDED, recursively) and
# their program interpreter (the dynamic loader).
xc_rootfs_check()
{
	local root=$1 c d f lib found todo=() seen=" " missing="" interp=""
	for c in $XC_ROOTFS_CMDS; do
		f=""
		for d in /usr/bin /usr/sbin; do
			[ -e "$(xc_resolve "$root" "$d/$c")" ] && { f=$d/$c; break; }
		done
		if [ -z "$f" ]; then
			missing+=" $c"
			continue
		fi
		todo+=("$(xc_resolve "$root" "$f")")
	done
	[ ${#todo[@]} -gt 0 ] &&
		interp=$("${XC_CROSS}readelf" -l "${todo[0]}" 2>/dev/null |
			sed -n 's/.*\[Requesting program interpreter: \(.*\)\]$/\1/p')
	if [ -z "$interp" ] || [ ! -e "$(xc_resolve "$root" "$interp")" ]; then
		missing+=" ${interp:-the program interpreter}"
	fi
	while [ ${#todo[@]} -gt 0 ]; do
		f=${todo[0]}
		todo=("${todo[@]:1}")
		for lib in $("${XC_CROSS}readelf" -d "$f" 2>/dev/null |
			sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'); do
			case $seen in *" $lib "*) continue ;; esac
			seen+="$lib "
			found=""
			for d in "/usr/lib/$XC_TRIPLET" /usr/lib; do
				found=$(xc_resolve "$root" "$d/$lib")
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
		xc_note "$root lacks:$missing"
		return 1
	fi
}

# xc_rootfs_pyc ROOT: byte-compile ROOT's Python modules, as Debian's
# maintainer scripts would (py3compile): a .pyc depends neither on the
# architecture nor on its byte order, only on the Python version, so the
# host's python3.11 writes them when it is the same version as ROOT's.
# Without them every python3 in the guest compiles what it imports again,
# slowly under TCG.
xc_rootfs_pyc()
{
	local root=$1 py=/usr/bin/python3.11
	[ -x "$py" ] && [ -d "$root/usr/lib/python3.11" ] || return 0
	"$py" -m compileall -q -j0 "$root/usr/lib/python3.11" \
		"$root/usr/lib/python3/dist-packages" >/dev/null 2>&1
	return 0
}

# xc_rootfs ABI: the guest's root directory, made when missing.
xc_rootfs()
{
	local abi=$1 dir tmp names
	dir=$XC_CACHE/rootfs-$abi-$(xc_key "$XC_ROOTFS_PKGS" "$XC_ROOTFS_SKIP")
	if [ ! -f "$dir/.complete" ]; then
		xc_note "making $dir"
		tmp=$dir.tmp
		rm -rf "$tmp" && mkdir -p "$tmp/debs" "$tmp/root/usr/bin" \
			"$tmp/root/usr/sbin" "$tmp/root/usr/lib" || return 1
		ln -s usr/bin "$tmp/root/bin" && ln -s usr/sbin "$tmp/root/sbin" &&
			ln -s usr/lib "$tmp/root/lib" || return 1
		# shellcheck disable=SC2086 # one word per package
		names=$(xc_closure $XC_ROOTFS_PKGS) || return 1
		# shellcheck disable=SC2086
		xc_download "$tmp/debs" $names "$(xc_image "$abi"):$XC_ARCH" || return 1
		xc_unpack "$tmp"/debs/*.deb "$tmp/root" || return 1
		ls "$tmp/debs" >"$tmp/packages"
		rm -rf "$tmp/debs"
		xc_rootfs_etc "$tmp/root" || return 1
		depmod -b "$tmp/root" "$abi-$XC_ARCH" || return 1
		xc_rootfs_pyc "$tmp/root"
		xc_rootfs_check "$tmp/root" || return 1
		rm -rf "${dir:?}" && touch "$tmp/.complete" && mv "$tmp" "$dir" || return 1
	fi
	echo "$dir/root"
}
