#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Per-namespace isolation: configuration, hooks and counters set in one
# network namespace are invisible in another, and `v6gw -n` picks one.

source "$(dirname "$0")/lib.sh"

v6gw_load

# A gets a veth pair to a peer PA, so that packets arrive in it and pass
# its PRE_ROUTING hooks; B has only loopback, so any count there would be
# A's leaking.
setup_ns A B PA
ip link add v6gw-1 netns "$A" type veth peer name eth0 netns "$PA"
ip -n "$A" link set v6gw-1 up
ip -n "$PA" link set eth0 up
ip -n "$A" addr add 2001:db8:1::1/64 dev v6gw-1 nodad
ip -n "$PA" addr add 2001:db8:1::2/64 dev eth0 nodad

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

# Ten pings into A from PA: A's counters move, B's do not.
ip netns exec "$PA" ping -6 -c 10 -i 0.01 -W 1 2001:db8:1::1 > /dev/null
a=$(stat_of "$A" ipv6-in)
b=$(stat_of "$B" ipv6-in)
if [ "$a" -ge 10 ] && [ "$b" -eq 0 ]; then
	ktap_test_pass "A counts its packets ($a), B counts none ($b)"
else
	ktap_test_fail "A counts its packets ($a), B counts none ($b)"
fi

# Every inspected packet is passed (nothing is translated yet). Neighbour
# discovery may still be arriving, so compare once the counters settle.
settled()
{
	"$V6GW" -n "$A" -j -s stats show | python3 -c '
import json, sys
d = json.load(sys.stdin)
sys.exit(d["ipv6-in"] != d["ipv6-pass"])'
}
if busywait 30000 settled; then
	ktap_test_pass "every inspected packet is accounted for"
else
	ktap_test_fail "every inspected packet is accounted for"
fi

# Deleting the prefix unregisters A's hooks: counters stop moving.
"$V6GW" -n "$A" siit prefix del 64:ff9b::/96
a1=$(stat_of "$A" ipv6-in)
ip netns exec "$PA" ping -6 -c 5 -i 0.01 -W 1 2001:db8:1::1 > /dev/null
a2=$(stat_of "$A" ipv6-in)
if [ "$a2" -eq "$a1" ]; then
	ktap_test_pass "no hooks once A is unconfigured ($a2 == $a1)"
else
	ktap_test_fail "no hooks once A is unconfigured ($a2 != $a1)"
fi

if "$V6GW" -n no-such-ns-$$ stats show > /dev/null 2>&1; then
	ktap_test_fail "-n with a missing namespace fails"
else
	ktap_test_pass "-n with a missing namespace fails"
fi

ktap_finished
