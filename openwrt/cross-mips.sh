#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The v6gw tool cross-built for big-endian 32-bit MIPS (mips-linux-gnu,
# as on many OpenWrt routers), checked with file(1) and, when qemu-user
# is installed, run under qemu-mips: -V, help, and -b's syntax pass on
# sample batches (the same output as the host's build), then the
# tool's host-side tests (usr/test-cli.sh) against the MIPS binary.
#
#   bash openwrt/cross-mips.sh [-q]      (-q: no test-cli.sh run)
#
# Needs gcc-mips-linux-gnu (Debian; installed when missing and root);
# qemu-user (qemu-mips) for the runs. Builds in build/cross-mips/ (kept:
# a second run recompiles only what changed). Not in make check: see
# openwrt/README.md.
#
# libmnl: Debian 12 has no big-endian MIPS port, so no libmnl for it, and
# its source packages could not be fetched here. The tool is linked
# statically with openwrt/cross/mnl.c instead, a build-test shim of the
# libmnl functions the tool calls, checked first on the host: the
# host's tool built with it must pass usr/test-cli.sh as with the real
# library. OpenWrt's package links the real libmnl. glibc, not musl.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/cross-mips
cross=mips-linux-gnu
ns="v6gw-dry-run-no-such-netns"
quick=0
[ "${1:-}" = -q ] && quick=1

pass=0
fail=0
ok() { echo "PASS: $*"; pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
die() { echo "cross-mips: $*" >&2; exit 1; }

if ! command -v $cross-gcc > /dev/null; then
	if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends gcc-mips-linux-gnu \
			libc6-dev-mips-cross > /dev/null ||
			die "cannot install gcc-mips-linux-gnu"
	else
		die "no $cross-gcc: apt-get install gcc-mips-linux-gnu"
	fi
fi
[ -r /usr/include/libmnl/libmnl.h ] ||
	die "no libmnl.h: apt-get install libmnl-dev (its header serves every architecture)"

mkdir -p "$out/include" "$out/host"
ln -sfn /usr/include/libmnl "$out/include/libmnl"

# copy_src DIR: usr/ and uapi/ into DIR, without the host's objects (tar
# keeps the times: make rebuilds only what changed since the last run;
# files gone from the tree go from the copy)
copy_src()
{
	[ -d "$1/usr" ] && find "$1/usr" "$1/uapi" -type f ! -name '*.o' -delete
	tar -C "$top" -cf - --exclude='*.o' --exclude='usr/v6gw' usr uapi |
		tar -C "$1" -xf -
}

# fake_pkgconfig FILE OBJ: a pkg-config for usr/Makefile that gives the
# shim's header directory and object for libmnl
fake_pkgconfig()
{
	cat > "$1" <<EOF
#!/bin/sh
case "\$1" in
--cflags) echo "-I$out/include" ;;
--libs) echo "$2" ;;
esac
EOF
	chmod +x "$1"
}

version=$(cd "$top" && git describe --always --dirty 2> /dev/null || echo unknown)

# 1. The shim against the real libmnl, on the host: same test-cli.sh.
if [ "$quick" = 0 ]; then
	copy_src "$out/host"
	gcc -O2 -Wall -Wextra -Werror -I"$out/include" -c \
		-o "$out/host/mnl.o" "$top/openwrt/cross/mnl.c" ||
		die "the shim does not compile on the host"
	fake_pkgconfig "$out/host/pkg-config" "$out/host/mnl.o"
	if make -s -C "$out/host/usr" PKG_CONFIG="$out/host/pkg-config" \
		VERSION="$version" > "$out/host.log" 2>&1 &&
	   bash "$top/usr/test-cli.sh" "$out/host/usr/v6gw" \
		> "$out/host-test-cli.log" 2>&1; then
		ok "host tool with the libmnl shim: usr/test-cli.sh ($(grep -c '^ok' "$out/host-test-cli.log") tests)"
	else
		bad "host tool with the libmnl shim (logs: $out/host.log, $out/host-test-cli.log)"
		grep '^not ok' "$out/host-test-cli.log" | head -n 20 | sed 's/^/    /'
	fi
fi

# 2. The MIPS build: usr/Makefile's own flags (-Werror included)
mkdir -p "$out/mips"
copy_src "$out/mips"
$cross-gcc -O2 -Wall -Wextra -Werror -I"$out/include" -c \
	-o "$out/mips/mnl.o" "$top/openwrt/cross/mnl.c" ||
	die "the shim does not compile for $cross"
fake_pkgconfig "$out/mips/pkg-config" "$out/mips/mnl.o"
if make -s -C "$out/mips/usr" CC=$cross-gcc LDFLAGS=-static \
	PKG_CONFIG="$out/mips/pkg-config" VERSION="$version" \
	> "$out/mips.log" 2>&1; then
	ok "build for $cross (-Werror)"
else
	bad "build for $cross (log: $out/mips.log)"
	tail -n 30 "$out/mips.log" | sed 's/^/    /'
	echo "$pass passed, $fail failed"
	exit 1
fi
bin=$out/mips/usr/v6gw
what=$(file -b "$bin")
if echo "$what" | grep -q '^ELF 32-bit MSB executable, MIPS'; then
	ok "file: $what"
else
	bad "file: $what (not ELF 32-bit MSB MIPS)"
fi

# 3. Under qemu-user: the same output as the host's tool
qemu=$(command -v qemu-mips-static || command -v qemu-mips || true)
if [ -z "$qemu" ]; then
	echo "SKIP: no qemu-mips (qemu-user): nothing run"
	echo "$pass passed, $fail failed"
	[ "$fail" = 0 ]
	exit
fi
host=$out/host/usr/v6gw
[ -x "$host" ] || { make -s -C "$top/usr" > /dev/null 2>&1; host=$top/usr/v6gw; }

# same_run NAME ARGS...: exit code, stdout and stderr of the MIPS tool
# and of the host's, the version line aside
same_run()
{
	local name=$1
	shift
	"$qemu" "$bin" "$@" > "$out/m.out" 2> "$out/m.err"
	echo "rc=$?" >> "$out/m.out"
	"$host" "$@" > "$out/h.out" 2> "$out/h.err"
	echo "rc=$?" >> "$out/h.out"
	if cmp -s "$out/m.out" "$out/h.out" && cmp -s "$out/m.err" "$out/h.err"; then
		ok "qemu-mips: $name: as on the host"
	else
		bad "qemu-mips: $name: not as on the host"
		diff "$out/h.out" "$out/m.out" | head -n 10 | sed 's/^/    /'
		diff "$out/h.err" "$out/m.err" | head -n 10 | sed 's/^/    /'
	fi
}

if "$qemu" "$bin" -V > "$out/m.out" 2>&1 &&
   grep -q '^v6gw .* (generic netlink family v6gw version [0-9]*)$' "$out/m.out"; then
	ok "qemu-mips: v6gw -V: $(cat "$out/m.out")"
else
	bad "qemu-mips: v6gw -V"
	sed 's/^/    /' "$out/m.out"
fi
same_run "v6gw help" help
for f in "$top"/openwrt/tests/full.batch "$top"/openwrt/tests/plan-change.expect \
	 "$top"/openwrt/tests/errors.uci; do
	same_run "v6gw -n $ns -b ${f#"$top"/}" -n "$ns" -b "$f"
done

# 4. The tool's host-side tests, on the MIPS binary
if [ "$quick" = 0 ]; then
	# qemu-user opens no NETLINK_GENERIC socket ("Protocol not
	# supported"): reported as the tool reports a missing module, the
	# same exit status 1, so that test-cli.sh takes its no-module branch
	cat > "$out/v6gw-qemu" <<EOF
#!/bin/sh
err=\$(mktemp)
"$qemu" "$bin" "\$@" 2> "\$err"
rc=\$?
sed 's/cannot open a generic netlink socket: Protocol not supported\$/the v6gw kernel module is not loaded (try: modprobe v6gw)/' "\$err" >&2
rm -f "\$err"
exit \$rc
EOF
	chmod +x "$out/v6gw-qemu"
	if bash "$top/usr/test-cli.sh" "$out/v6gw-qemu" > "$out/mips-test-cli.log" 2>&1; then
		ok "qemu-mips: usr/test-cli.sh ($(grep -c '^ok' "$out/mips-test-cli.log") tests)"
	else
		bad "qemu-mips: usr/test-cli.sh (log: $out/mips-test-cli.log)"
		grep '^not ok' "$out/mips-test-cli.log" | head -n 20 | sed 's/^/    /'
	fi
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
