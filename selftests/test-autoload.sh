#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The module is loaded on demand when the tool resolves the "v6gw" generic
# netlink family (MODULE_ALIAS_GENL_FAMILY), once it is installed where
# modprobe finds it. Without it, the tool says so in one line.

source "$(dirname "$0")/lib.sh"

[ -n "${V6GW_KO:-}" ] && [ -f "$V6GW_KO" ] || exit "$ksft_skip"
# Installing into /lib/modules must not touch a real system: only run in
# the throwaway test guest (root on a tmpfs overlay).
grep -q ' / overlay ' /proc/mounts || exit "$ksft_skip"

ktap_print_header
ktap_set_plan 4

v6gw_unload 2> /dev/null
out=$("$V6GW" stats show 2>&1)
if [ $? -eq 1 ] && grep -q "module is not loaded" <<< "$out"; then
	ktap_test_pass "without the module installed the tool says it is not loaded"
else
	echo "# $out"
	ktap_test_fail "without the module installed the tool says it is not loaded"
fi

# The module must carry the family alias, and the kernel must ask modprobe
# for it. A modprobe.d rule points that alias at the module under test
# (running depmod over the 9p-shared /lib/modules would take minutes).
if modinfo -F alias "$V6GW_KO" | grep -qx 'net-pf-16-proto-16-family-v6gw'; then
	ktap_test_pass "the module carries the generic netlink family alias"
else
	ktap_test_fail "the module carries the generic netlink family alias"
fi
# The install rule loads the module's dependencies first (nf_defrag_*),
# as modprobe does from depmod's data for an installed module.
conf=/etc/modprobe.d/v6gw-selftest.conf
deps=$(modinfo -F depends "$V6GW_KO" | tr ',' ' ')
printf 'alias net-pf-16-proto-16-family-v6gw v6gw\ninstall v6gw %s/sbin/insmod %s\n' \
	"${deps:+/sbin/modprobe -a $deps; }" "$V6GW_KO" > "$conf"
defer rm -f "$conf"
check_cmd "resolving the family name loads the module" "$V6GW" stats show
if grep -q '^v6gw ' /proc/modules; then
	ktap_test_pass "v6gw is in /proc/modules"
else
	ktap_test_fail "v6gw is in /proc/modules"
fi
v6gw_unload

ktap_finished
