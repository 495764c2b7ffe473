#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# debug-kernel.sh [--tree]
#
# Build the v6gw debug kernel (KASAN, kmemleak, lockdep with PROVE_RCU,
# DEBUG_ATOMIC_SLEEP, UBSAN, failslab, ...) from Debian's linux-source-6.12:
# x86_64_defconfig + kvm_guest.config + selftests/vm/debug.config, every
# option of the fragment checked after "make olddefconfig".
#
# The build is cached outside the repository, so clean clones reuse it:
#   $V6GW_KDEBUG_CACHE (default /var/cache/v6gw-kdebug)/KEY/
#     linux/     the tree: arch/x86/boot/bzImage, usable for out-of-tree
#                modules (make -C .../linux M=DIR modules)
#     linux/modinst/lib/modules/KREL/   its modules_install (modules.builtin,
#                ...), which vm-run.sh -K shows the guest as /lib/modules/KREL
#     build.log  the build's output
#     complete   written last: KREL
# KEY is a hash of the fragment, this script's recipe, the linux-source-6.12
# version and the compiler: change any and a new tree is built. An
# interrupted build is resumed (make is incremental). The three newest
# trees are kept.
#
# Without arguments: build when the tree is missing or incomplete (about
# 40 minutes on 2 cores, niced), then print the tree's path. Nothing is done
# when it is complete. --tree: print the path of the complete tree, or exit
# 1 when there is none (nothing is built).
set -u

recipe=1	# bump when the steps below change what is built

here=$(cd "$(dirname "$0")" && pwd) || exit 1
frag=$here/debug.config
src=/usr/src/linux-source-6.12.tar.xz
cache=${V6GW_KDEBUG_CACHE:-/var/cache/v6gw-kdebug}

die() { echo "debug-kernel: $*" >&2; exit 1; }

[ -r "$frag" ] || die "no $frag"
ver=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null) ||
	die "linux-source-6.12 is not installed (selftests/vm/install-deps.sh)"
[ -r "$src" ] || die "no $src"
key=$({
	echo "recipe $recipe"
	echo "linux-source-6.12 $ver"
	gcc --version | head -n1
	cat "$frag"
} | sha256sum | cut -c1-16)
entry=$cache/$key
tree=$entry/linux

if [ -s "$entry/complete" ] && [ -f "$tree/arch/x86/boot/bzImage" ]; then
	echo "$tree"
	exit 0
fi
[ "${1:-}" = --tree ] && exit 1
[ $# -eq 0 ] || die "usage: $0 [--tree]"

mkdir -p "$cache" || die "cannot create $cache"
exec 9>"$cache/.lock"
flock 9 || die "cannot lock $cache/.lock"
# Another run may have built it while this one waited for the lock.
if [ -s "$entry/complete" ] && [ -f "$tree/arch/x86/boot/bzImage" ]; then
	echo "$tree"
	exit 0
fi

mkdir -p "$entry" || exit 1
log=$entry/build.log
start=$(date +%s)
say() { echo "debug-kernel: $*" >&2; echo "== $(date +%T) $*" >>"$log"; }

if [ ! -f "$entry/extracted" ]; then
	say "extracting $src ($ver) into $tree"
	rm -rf "$tree" "$entry/linux-source-6.12"
	tar -xJf "$src" -C "$entry" || die "tar failed"
	mv "$entry/linux-source-6.12" "$tree" || exit 1
	touch "$entry/extracted"
fi

mk() { make -C "$tree" "$@" >>"$log" 2>&1; }

if [ ! -f "$entry/configured" ]; then
	say "configuring: x86_64_defconfig + kvm_guest.config + $(basename "$frag")"
	mk x86_64_defconfig || die "make x86_64_defconfig failed, see $log"
	(cd "$tree" && scripts/kconfig/merge_config.sh -m .config \
		kernel/configs/kvm_guest.config "$frag") >>"$log" 2>&1 ||
		die "merge_config.sh failed, see $log"
	mk olddefconfig || die "make olddefconfig failed, see $log"
	# Every line of the fragment as asked, or stop here.
	bad=0
	while IFS= read -r line; do
		case $line in
		CONFIG_*=*)
			grep -qxF -- "$line" "$tree/.config" && continue
			got=$(grep -E "^(# )?${line%%=*}[= ]" "$tree/.config")
			;;
		"# CONFIG_"*" is not set")
			sym=${line#\# }
			sym=${sym%% *}
			grep -qE "^$sym=[ym]$" "$tree/.config" || continue
			got=$(grep -E "^$sym=" "$tree/.config")
			;;
		*) continue ;;
		esac
		echo "debug-kernel: debug.config: '$line' did not survive" \
		     "olddefconfig: ${got:-not in .config}" >&2
		bad=1
	done <"$frag"
	[ "$bad" = 0 ] || die "the configuration is not what debug.config asks"
	touch "$entry/configured"
fi

say "building bzImage and modules (nice -n 10 make -j2), log: $log"
nice -n 10 make -C "$tree" -j2 bzImage modules >>"$log" 2>&1 ||
	{ tail -n 30 "$log" >&2; die "build failed, see $log"; }
rm -rf "$tree/modinst"
mk INSTALL_MOD_PATH="$tree/modinst" modules_install ||
	die "modules_install failed, see $log"
krel=$(cat "$tree/include/config/kernel.release") || exit 1
[ -f "$tree/modinst/lib/modules/$krel/modules.builtin" ] ||
	die "no modules.builtin after modules_install"
say "built $krel in $(( $(date +%s) - start )) s"
echo "$krel" >"$entry/complete"

# Keep the three newest complete trees.
# shellcheck disable=SC2012 # the names are hex keys
ls -dt "$cache"/*/complete 2>/dev/null | tail -n +4 | while read -r old; do
	old=$(dirname "$old")
	[ "$old" = "$entry" ] || rm -rf "$old"
done
echo "$tree"
