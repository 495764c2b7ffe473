#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Deleting configured namespaces, with traffic flowing, releases everything:
# no warning on the console, the module unloads afterwards, and repeated
# create/configure/delete cycles do not grow kernel memory.

source "$(dirname "$0")/lib.sh"

v6gw_load

cycle()
{
	local ns peer
	ns=v6gw-del-$$-$1
	peer=v6gw-delp-$$-$1
	ip netns add "$ns" && ip netns add "$peer" || return 1
	ip -n "$ns" link set lo up
	ip link add d0 netns "$ns" type veth peer name d1 netns "$peer"
	ip -n "$ns" link set d0 up
	ip -n "$peer" link set d1 up
	ip -n "$ns" addr add 2001:db8::1/64 dev d0 nodad
	ip -n "$peer" addr add 2001:db8::2/64 dev d1 nodad
	"$V6GW" -n "$ns" siit prefix add 64:ff9b::/96 || return 1
	# Keep packets flowing into the namespace while it is deleted.
	ip netns exec "$peer" ping -6 -q -i 0.01 -W 1 2001:db8::1 > /dev/null &
	local pid=$!
	sleep 0.2
	ip netns del "$ns"
	kill "$pid" 2> /dev/null
	wait "$pid" 2> /dev/null
	ip netns del "$peer"
}

ktap_print_header
ktap_set_plan 6

ok=1
for i in $(seq 1 5); do
	cycle "$i" || ok=0
done
if [ "$ok" = 1 ]; then
	ktap_test_pass "5 configured namespaces deleted under traffic"
else
	ktap_test_fail "5 configured namespaces deleted under traffic"
fi

# Namespaces are freed asynchronously (cleanup_net): wait for the work to
# run, then measure growth over many more cycles.
sleep 2
before=$(slab_kb)
for i in $(seq 6 45); do
	cycle "$i" > /dev/null 2>&1
done
# Those are freed asynchronously too: wait (up to 30 s) for the growth to
# fall under the bound rather than for a fixed time.
below_bound() { [ $(($(slab_kb) - before)) -lt 4096 ]; }
busywait 30000 below_bound
after=$(slab_kb)
# 40 namespaces each hold several hundred KiB while they live; a leak of
# even one per cycle would show as megabytes.
if [ $((after - before)) -lt 4096 ]; then
	ktap_test_pass "slab growth after 40 cycles: $((after - before)) KiB"
else
	ktap_test_fail "slab growth after 40 cycles: $((after - before)) KiB"
fi

if dmesg | grep -Eq 'WARNING:|BUG:|refcount_t|unregister_netdevice: waiting'; then
	dmesg | grep -E 'WARNING:|BUG:|refcount_t|unregister_netdevice' | sed 's/^/# /'
	ktap_test_fail "kernel log is clean"
else
	ktap_test_pass "kernel log is clean"
fi

check_cmd "module unloads after namespace deletion" v6gw_unload

# Unloading while configured namespaces are alive and receiving packets:
# the module tears down every namespace's hooks and configuration itself.
v6gw_load
setup_ns L LP
ip link add u0 netns "$L" type veth peer name u1 netns "$LP"
ip -n "$L" link set u0 up
ip -n "$LP" link set u1 up
ip -n "$L" addr add 2001:db8::1/64 dev u0 nodad
ip -n "$LP" addr add 2001:db8::2/64 dev u1 nodad
"$V6GW" -n "$L" siit prefix add 64:ff9b::/96
ip netns exec "$LP" ping -6 -q -i 0.01 -W 1 2001:db8::1 > /dev/null &
pid=$!
sleep 0.3
check_cmd "module unloads with a configured namespace under traffic" v6gw_unload
v6gw_load
if [ -z "$("$V6GW" -n "$L" siit prefix show)" ]; then
	ktap_test_pass "after reload the namespace starts unconfigured"
else
	ktap_test_fail "after reload the namespace starts unconfigured"
fi
kill "$pid" 2> /dev/null
wait "$pid" 2> /dev/null

ktap_finished
