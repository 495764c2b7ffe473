#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Per-namespace isolation: configuration, hooks and counters set in one
# network namespace are invisible in another, and `v6gw -n` picks one.

source "$(dirname "$0")/lib.sh"

v6gw_load

# Two namespaces, each with a veth pair to a peer namespace so that
# packets arrive in it (and pass its PRE_ROUTING hooks).
setup_ns A B PA PB
for pair in "A PA 1" "B PB 2"; do
	set -- $pair
	ip link add v6gw-$3 netns "${!1}" type veth peer name eth0 netns "${!2}"
	ip -n "${!1}" link set "v6gw-$3" up
	ip -n "${!2}" link set eth0 up
	ip -n "${!1}" addr add "2001:db8:$3::1/64" dev "v6gw-$3" nodad
	ip -n "${!2}" addr add "2001:db8:$3::2/64" dev eth0 nodad
done

stat_of()
{
	"$V6GW" -n "$1" -j -s stats show |
		python3 -c "import json,sys; print(json.load(sys.stdin).get('$2', -1))"
}

ktap_print_header
ktap_set_plan 9

check_cmd "prefix add in A" "$V6GW" -n "$A" siit prefix add 64:ff9b::/96
if [ "$("$V6GW" -n "$A" siit prefix show)" = "64:ff9b::/96" ]; then
	ktap_test_pass "A shows its prefix"
else
	ktap_test_fail "A shows its prefix"
fi
if [ -z "$("$V6GW" -n "$B" siit prefix show)" ]; then
	ktap_test_pass "B does not see A's prefix"
else
	ktap_test_fail "B does not see A's prefix"
fi
check_cmd "B takes its own prefix" "$V6GW" -n "$B" siit prefix add 2001:db8:64::/96
if [ "$("$V6GW" -n "$A" siit prefix show)" = "64:ff9b::/96" ]; then
	ktap_test_pass "A's prefix is unchanged by B"
else
	ktap_test_fail "A's prefix is unchanged by B"
fi

# Ten pings into A from PA, none into B: only A's counters move.
ip netns exec "$PA" ping -6 -c 10 -i 0.01 -W 1 2001:db8:1::1 > /dev/null
a=$(stat_of "$A" ipv6-in)
b=$(stat_of "$B" ipv6-in)
if [ "$a" -ge 10 ] && [ "$b" -eq 0 ]; then
	ktap_test_pass "A counts its packets ($a), B counts none ($b)"
else
	ktap_test_fail "A counts its packets ($a), B counts none ($b)"
fi
p=$(stat_of "$A" ipv6-pass)
if [ "$p" -eq "$a" ]; then
	ktap_test_pass "every inspected packet is accounted for ($p of $a passed)"
else
	ktap_test_fail "every inspected packet is accounted for ($p of $a passed)"
fi

# Deleting the prefix unregisters A's hooks: counters stop moving.
"$V6GW" -n "$A" siit prefix del 64:ff9b::/96
ip netns exec "$PA" ping -6 -c 3 -i 0.01 -W 1 2001:db8:1::1 > /dev/null
a2=$(stat_of "$A" ipv6-in)
if [ "$a2" -eq "$a" ]; then
	ktap_test_pass "no hooks once A is unconfigured ($a2 == $a)"
else
	ktap_test_fail "no hooks once A is unconfigured ($a2 != $a)"
fi

if "$V6GW" -n no-such-ns-$$ stats show > /dev/null 2>&1; then
	ktap_test_fail "-n with a missing namespace fails"
else
	ktap_test_pass "-n with a missing namespace fails"
fi

ktap_finished
