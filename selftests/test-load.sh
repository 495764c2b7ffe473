#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Module load/unload: insmod registers the "v6gw" generic netlink family,
# rmmod removes it, and unloading works with network namespaces alive.
# shellcheck disable=SC2317 # functions called through check_cmd
set -u

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

v6gw_require
require_command genl rmmod insmod

# The family list is a dump: unlike "genl ctrl get name v6gw" it never
# autoloads an installed v6gw module.
family_registered()
{
	genl ctrl list | grep -q '^Name: v6gw$'
}

family_registered_in()
{
	ip netns exec "$1" genl ctrl list | grep -q '^Name: v6gw$'
}

ns_exists()
{
	local ns
	for ns in "$@"; do
		ip netns list | awk '{print $1}' | grep -qxF -- "$ns" && return 0
	done
	return 1
}

not_loaded()
{
	! v6gw_loaded && ! family_registered
}

v6gw_unload
defer v6gw_unload

ktap_print_header
ktap_set_plan 14

check_cmd "insmod v6gw.ko" v6gw_load
check_cmd "v6gw is in /proc/modules" v6gw_loaded
check_cmd "generic netlink family v6gw is registered" family_registered
check_fail "a second insmod fails" insmod "$V6GW_KO"
check_cmd "rmmod v6gw" rmmod v6gw
check_cmd "unloaded: not in /proc/modules, family gone" not_loaded
check_cmd "reload" v6gw_load
check_cmd "family registered after reload" family_registered
# Not through check_cmd: setup_ns must set A B C and NS_LIST in this shell.
A=""
if setup_ns A B C; then
	ktap_test_pass "create 3 network namespaces"
else
	ktap_test_fail "create 3 network namespaces"
fi
check_cmd "family visible inside a namespace" family_registered_in "$A"
check_cmd "rmmod with 3 namespaces alive" rmmod v6gw
check_cmd "reload with 3 namespaces alive" v6gw_load
all_ns="${NS_LIST[*]}"
cleanup_all_ns
# shellcheck disable=SC2086 # one word per namespace
check_fail "namespaces deleted with the module loaded" ns_exists $all_ns
check_cmd "final rmmod" rmmod v6gw

ktap_finished
