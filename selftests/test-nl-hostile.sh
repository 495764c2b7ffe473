#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Hostile netlink, generated from the YNL spec (nl_hostile.py): in a
# namespace configured with one of everything, every malformed request of
# every operation is refused with EINVAL or ERANGE and an extack message,
# no configuration notification is sent, and "v6gw save" prints the same
# before and after; without CAP_NET_ADMIN every do and dump operation is
# refused with EPERM.

source "$(dirname "$0")/lib.sh"

v6gw_load || exit "$ksft_fail"
require_command python3 setpriv
/usr/bin/python3 -c 'import yaml' 2> /dev/null ||
	__skip_all "python3-yaml is not installed"

ktap_print_header
ktap_set_plan 5

HERE=$(cd "$(dirname "$0")" && pwd)
setup_ns GW || exit "$ksft_skip"
ip -n "$GW" link add eth6 type dummy && ip -n "$GW" link set eth6 up

gw() { "$V6GW" -n "$GW" "$@"; }
configure()
{
	gw siit prefix add 64:ff9b::/96 &&
	gw siit eam add 2001:db8:46::/124 192.0.2.0/28 &&
	gw siit deny add 10.0.0.0/8 &&
	gw nat64 prefix add 2001:db8:64::/96 &&
	gw nat64 pool4 add 203.0.113.0/30 &&
	gw nat64 bib add proto tcp "[2001:db8:6::80]:80" 203.0.113.1:8080 &&
	gw ra set dev eth6 rdnss 2001:db8:6::53 &&
	gw pd snoop dev eth6 on &&
	gw pd add 2001:db8:100::/56 via fe80::2 dev eth6
}
check_cmd "configure one of everything" configure

TMPD=$(mktemp -d)
defer rm -rf "$TMPD"
gw save | grep -v '^#' > "$TMPD/before"

if ip netns exec "$GW" /usr/bin/python3 "$HERE/nl_hostile.py" invalid \
	> "$TMPD/invalid" 2>&1; then
	ktap_test_pass "every malformed request refused with an extack, no notification ($(tail -n 1 "$TMPD/invalid" | sed 's/^# //'))"
else
	ktap_test_fail "every malformed request refused with an extack, no notification"
	grep -v '^ok' "$TMPD/invalid" | head -n 40 | sed 's/^/# /'
fi

gw save | grep -v '^#' > "$TMPD/after"
if diff -u "$TMPD/before" "$TMPD/after" > "$TMPD/diff"; then
	ktap_test_pass "the configuration is unchanged"
else
	ktap_test_fail "the configuration is unchanged"
	sed 's/^/# /' "$TMPD/diff"
fi

# As user 65534, from a copy every user can read (the checkout may be
# private): the scripts, the spec and the header they read.
NOBODY_DIR=$(mktemp -d /tmp/v6gw-hostile.XXXXXX) || exit "$ksft_fail"
defer rm -rf "$NOBODY_DIR"
mkdir -p "$NOBODY_DIR/selftests" "$NOBODY_DIR/uapi/linux"
cp "$HERE/nl_hostile.py" "$HERE/v6gw_nl.py" "$NOBODY_DIR/selftests/"
cp "$HERE/../uapi/v6gw.yaml" "$NOBODY_DIR/uapi/"
cp "$HERE/../uapi/linux/v6gw.h" "$NOBODY_DIR/uapi/linux/"
chmod -R a+rX "$NOBODY_DIR"
if ip netns exec "$GW" setpriv --reuid=65534 --regid=65534 --clear-groups \
	/usr/bin/python3 "$NOBODY_DIR/selftests/nl_hostile.py" perm \
	> "$TMPD/perm" 2>&1; then
	ktap_test_pass "without CAP_NET_ADMIN every operation is refused with EPERM ($(tail -n 1 "$TMPD/perm" | sed 's/^# //'))"
else
	ktap_test_fail "without CAP_NET_ADMIN every operation is refused with EPERM"
	grep -v '^ok' "$TMPD/perm" | head -n 40 | sed 's/^/# /'
fi
gw save | grep -v '^#' > "$TMPD/after2"
if diff -u "$TMPD/before" "$TMPD/after2" > "$TMPD/diff"; then
	ktap_test_pass "the configuration is still unchanged"
else
	ktap_test_fail "the configuration is still unchanged"
	sed 's/^/# /' "$TMPD/diff"
fi

ktap_finished
