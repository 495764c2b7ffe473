#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The delegation table at its limit, on the topology of pd_lib.sh: the
# module loaded with max_delegations=32 (the default, 262 144, is the same
# code path with more routes than a TCG guest adds in a test's time).
# A new delegation past the limit, from the CLI or snooped, is refused,
# counted (pd-table-full) and reported (a "refused" event); renewals go
# on, and traffic through the existing delegations is unaffected.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/pd_lib.sh"

require_command jq
dmesg_lines=$(dmesg | wc -l)
v6gw_unload || exit "$ksft_fail"
# the test's limit must not outlive it
defer v6gw_unload

ktap_print_header
ktap_set_plan 8

# 1. the parameter's range
if ! v6gw_load max_delegations=0 2> /dev/null &&
   ! v6gw_load max_delegations=16777217 2> /dev/null &&
   v6gw_load max_delegations=32 &&
   [ "$(cat /sys/module/v6gw/parameters/max_delegations)" = 32 ]; then
	ktap_test_pass "max_delegations: 0 and 16777217 refused, 32 taken"
else
	ktap_test_fail "max_delegations: 0 and 16777217 refused, 32 taken"
	ktap_finished
fi

pd_topology || exit "$ksft_skip"
events_start || echo "# the event listener did not start"
FRAMES=$TMPD/frames
bg "$PY" "$PD_NL" craft "$FRAMES" \
	--from "$S_MAC,$S_LL" --to "$C_MAC,$C_LL" \
	snooped=reply:2001:db8:30::/56,60,30 > "$TMPD/craft.log" 2>&1
CRAFT=$BG

# 2. 32 delegations fill the table
for i in $(seq 0 31); do
	printf 'pd add 2001:db8:100:%x::/64 via %s dev sc0\n' "$i" "$C_LL"
done > "$TMPD/fill"
s -b "$TMPD/fill"
if [ "$(pd_count)" = 32 ] &&
   [ "$(ip -n "$S" -6 route show proto dhcp | wc -l)" = 32 ]; then
	ktap_test_pass "32 delegations, 32 routes"
else
	ktap_test_fail "32 delegations, 32 routes ($(pd_count))"
fi

# 3. the 33rd from the CLI: refused, counted, reported, no route
st0=$(pd_stats)
t0=$(now)
s pd add 2001:db8:200::/56 via "$C_LL" dev sc0 > /dev/null 2> "$TMPD/err"
rc=$?
st1=$(pd_stats)
if [ "$rc" = 1 ] && grep -q "the delegation table is full" "$TMPD/err" &&
   [ "$(delta "$st0" "$st1" pd-table-full)" = 1 ] &&
   [ "$(delta "$st0" "$st1" pd-route-fail)" = 0 ] &&
   busywait 30000 event_seen "$t0" '.event == "refused" and .prefix == "2001:db8:200::/56" and .origin == "user"' &&
   gone_route 2001:db8:200::/56 && [ "$(pd_count)" = 32 ]; then
	ktap_test_pass "a 33rd: refused (\"the delegation table is full\"), pd-table-full +1, a refused event, no route"
else
	ktap_test_fail "a 33rd: refused, counted, reported (rc $rc: $(cat "$TMPD/err"))"
fi

# 4. a renewal of one that is there goes on
check_cmd "a renewal at the limit" s pd add 2001:db8:100::/64 via "$C_LL" dev sc0 valid 600

# 5. traffic through an existing delegation: H in 2001:db8:100::/64
lan 2001:db8:100::
check_cmd "S reaches H through the delegated 2001:db8:100::/64" \
	ping_ok "$S" 2001:db8:100::2

# 6. a snooped one: refused the same way
wait "$CRAFT"
s pd snoop dev sc0 on
st0=$(pd_stats)
t0=$(now)
send "$S:sc0:snooped" > /dev/null 2>&1
if busywait 10000 event_seen "$t0" '.event == "refused" and .prefix == "2001:db8:30::/56" and .origin == "snoop"' &&
   [ "$(delta "$st0" "$(pd_stats)" pd-table-full)" = 1 ] &&
   [ "$(delta "$st0" "$(pd_stats)" pd-snooped)" = 1 ] &&
   gone_route 2001:db8:30::/56 && [ "$(pd_count)" = 32 ]; then
	ktap_test_pass "a snooped one at the limit: refused, pd-table-full +1, a refused event"
else
	ktap_test_fail "a snooped one at the limit: refused, counted, reported"
	__diag "$(cat "$TMPD/craft.log"; events 0)"
fi

# 7. one goes, the next fits
s pd del 2001:db8:100:1f::/64
check_cmd "after a delete the 33rd fits" \
	s pd add 2001:db8:200::/56 via "$C_LL" dev sc0

events_stop
pd_bg_stop
cleanup_all_ns
v6gw_unload
rc=$?
if [ "$rc" = 0 ] && ! kernel_reports_since "$dmesg_lines"; then
	ktap_test_pass "the module unloads; no kernel report"
else
	ktap_test_fail "the module unloads (rmmod $rc); no kernel report"
fi

ktap_finished
