#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host-side tests of the OpenWrt packaging (make check: step openwrt-uci).
# No OpenWrt needed, no kernel module, no network; a few seconds.
#
#   1. v6gw-uci2batch on each openwrt/tests/NAME.uci gives NAME.batch on
#      stdout (and NAME.err on stderr with exit status 1 when NAME.err
#      exists, otherwise nothing and 0), with tests/functions.sh, a shim
#      of OpenWrt's /lib/functions.sh, and the shipped
#      v6gw/files/v6gw.config gives tests/shipped.batch;
#   2. "v6gw-uci2batch plan" on each tests/plan-NAME.{desired,save,pd}
#      (and .devices when present) gives plan-NAME.expect;
#   3. every expected batch passes the syntax check of the real tool
#      (usr/v6gw, built when missing): "v6gw -n NS -b FILE" with NS a
#      namespace that does not exist checks the syntax of every line
#      (the dry-run pass of -b), then fails to enter NS before the first
#      command: no netlink, nothing configured anywhere;
#   4. the init script's start/reload/stop (see below), with a stub tool.
#
# 1, 2 and 4 run under dash, bash (not 4) and busybox sh (busybox's awk,
# sed and tr too, as on OpenWrt), each that is installed. The output ends
# with "N passed, N failed".
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
t=$top/openwrt/tests
conv=$top/openwrt/v6gw/files/v6gw-uci2batch.sh
v6gw=$top/usr/v6gw
ns="v6gw-dry-run-no-such-netns"

pass=0
fail=0
ok() { echo "PASS: $*"; pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The shells: NAME and a command prefix.
shells=()
command -v dash > /dev/null && shells+=(dash)
command -v bash > /dev/null && shells+=(bash)
if command -v busybox > /dev/null; then
	# busybox's applets first in PATH, as on OpenWrt
	mkdir "$tmp/bb"
	for a in sh awk sed tr cat; do
		ln -s "$(command -v busybox)" "$tmp/bb/$a"
	done
	shells+=(busybox)
fi

# run SHELL ARGS...: the converter under SHELL
run()
{
	local sh=$1
	shift
	case "$sh" in
	busybox) PATH="$tmp/bb:$PATH" sh "$conv" "$@" ;;
	*) "$sh" "$conv" "$@" ;;
	esac
}

# same NAME WANT GOT: compare two files, the difference when they differ
same()
{
	if cmp -s "$2" "$3"; then
		return 0
	fi
	echo "    $1: expected $2, got:"
	diff -u "$2" "$3" | sed 's/^/    /'
	return 1
}

# 1. UCI -> batch
uci_case()
{
	local name=$1 uci=$2 want=$3 werr=$4 sh rc okay
	for sh in "${shells[@]}"; do
		mkdir -p "$tmp/cfg"
		cp "$uci" "$tmp/cfg/v6gw"
		UCI_CONFIG_DIR=$tmp/cfg V6GW_FUNCTIONS=$t/functions.sh \
			run "$sh" > "$tmp/out" 2> "$tmp/err"
		rc=$?
		okay=1
		same stdout "$want" "$tmp/out" || okay=0
		if [ -f "$werr" ]; then
			same stderr "$werr" "$tmp/err" || okay=0
			[ "$rc" = 1 ] || { echo "    exit status $rc, not 1"; okay=0; }
		else
			same stderr /dev/null "$tmp/err" || okay=0
			[ "$rc" = 0 ] || { echo "    exit status $rc, not 0"; okay=0; }
		fi
		if [ "$okay" = 1 ]; then
			ok "uci2batch $name ($sh)"
		else
			bad "uci2batch $name ($sh)"
		fi
	done
}

for uci in "$t"/*.uci; do
	name=$(basename "$uci" .uci)
	uci_case "$name" "$uci" "$t/$name.batch" "$t/$name.err"
done
uci_case shipped "$top/openwrt/v6gw/files/v6gw.config" "$t/shipped.batch" /dev/null/none

# 2. plan
for d in "$t"/plan-*.desired; do
	name=$(basename "$d" .desired)
	dev=-
	[ -f "$t/$name.devices" ] && dev=$t/$name.devices
	for sh in "${shells[@]}"; do
		run "$sh" plan "$d" "$t/$name.save" "$t/$name.pd" "$dev" \
			> "$tmp/out" 2> "$tmp/err"
		rc=$?
		if same stdout "$t/$name.expect" "$tmp/out" &&
		   same stderr /dev/null "$tmp/err" && [ "$rc" = 0 ]; then
			ok "$name ($sh)"
		else
			[ "$rc" = 0 ] || echo "    exit status $rc"
			bad "$name ($sh)"
		fi
	done
done

# 4. the init script's start, reload and stop (v6gw_apply), with a stub
# of the tool (tests/init-stub-v6gw.sh) that prints tests/init.saved and
# init.pd and records what -b gets, and the devices of init.devices:
# what it applies (init.applied) and logs (init.log), by the rules of
# rc.common's procd scripts but without procd (no triggers).
init_case()
{
	local sh=$1 stub=$tmp/stub
	rm -rf "$stub" "$tmp/run"
	mkdir -p "$stub" "$tmp/cfg"
	cp "$t/init.saved" "$stub/saved"
	cp "$t/init.pd" "$stub/pd"
	cp "$t/full.uci" "$tmp/cfg/v6gw"
	: > "$stub/applied"
	# shellcheck disable=SC2016 # expanded by the shell that runs it
	local script='
		logger() { echo "logger $*" >> "$STUB/log"; }
		modprobe() { echo "modprobe $*" >> "$STUB/log"; }
		lock() { :; }
		. "$INIT"
		v6gw_devices() { cat "$DEVICES"; }
		echo "== reload before start" >> "$STUB/log"
		reload_service
		echo "== start" >> "$STUB/log"
		start_service
		echo "== reload, with an error in the configuration" >> "$STUB/log"
		echo "config pool4 bogus" >> "$UCI_CONFIG_DIR/v6gw"
		echo "	option enabled maybe" >> "$UCI_CONFIG_DIR/v6gw"
		reload_service
		echo "== stop, the kernel refusing a line" >> "$STUB/log"
		: > "$STUB/fail"
		stop_service
		echo "== reload after stop" >> "$STUB/log"
		reload_service
		echo "== end" >> "$STUB/log"'
	case "$sh" in
	busybox) set -- env PATH="$tmp/bb:$PATH" sh -c "$script" ;;
	*) set -- "$sh" -c "$script" ;;
	esac
	env STUB="$stub" INIT="$top/openwrt/v6gw/files/v6gw.init" \
	    DEVICES="$t/init.devices" V6GW="$t/init-stub-v6gw.sh" \
	    V6GW_UCI2BATCH="$conv" V6GW_RUN="$tmp/run" \
	    V6GW_SYSMODULE=/nonexistent/v6gw \
	    UCI_CONFIG_DIR="$tmp/cfg" V6GW_FUNCTIONS="$t/functions.sh" \
	    "$@" > "$tmp/out" 2>&1
	# the run directory is a temporary one: name it RUN
	sed -i "s|$tmp/run|RUN|g" "$stub/log"
	if same applied "$t/init.applied" "$stub/applied" &&
	   same log "$t/init.log" "$stub/log" &&
	   same output /dev/null "$tmp/out"; then
		ok "init start/reload/stop ($sh)"
	else
		bad "init start/reload/stop ($sh)"
	fi
}
for sh in "${shells[@]}"; do
	[ "$sh" = bash ] || init_case "$sh"
done

# 3. the syntax of every batch, by the tool
if [ ! -x "$v6gw" ]; then
	make -s -C "$top/usr" > "$tmp/make.log" 2>&1 || cat "$tmp/make.log"
fi
if [ -e "/run/netns/$ns" ]; then
	bad "syntax check: /run/netns/$ns exists; it must not"
elif [ ! -x "$v6gw" ]; then
	bad "syntax check: no $v6gw (make -C usr failed)"
else
	for f in "$t"/*.batch "$t"/plan-*.expect "$t"/plan-*.desired \
		 "$t"/plan-*.save "$t"/init.saved; do
		name=${f#"$t"/}
		"$v6gw" -n "$ns" -b "$f" > "$tmp/out" 2> "$tmp/err"
		rc=$?
		# no command at all, or every line parsed and the first
		# command stopped at the namespace (after notes, if any)
		if { [ "$rc" = 0 ] && [ ! -s "$tmp/err" ]; } ||
		   { [ "$rc" = 1 ] && [ ! -s "$tmp/out" ] &&
		     [ "$(grep -vc '^v6gw: note: ' "$tmp/err")" = 1 ] &&
		     grep -q "^v6gw: batch $f line [0-9]*: network namespace \"$ns\" does not exist" "$tmp/err"; }; then
			ok "syntax $name"
		else
			bad "syntax $name (exit status $rc)"
			sed 's/^/    /' "$tmp/err"
		fi
	done
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
