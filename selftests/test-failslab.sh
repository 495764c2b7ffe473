#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Allocation failures (debug kernel: CONFIG_FAILSLAB, FAIL_PAGE_ALLOC,
# FAULT_INJECTION_DEBUG_FS and _STACKTRACE_FILTER; skipped elsewhere).
#
# 1. Configuration: "v6gw -b B" replacing configuration A, with the n-th
#    allocation through v6gw's code of the task made to fail
#    (/proc/self/fail-nth and the stack filter), for n = 1, 2, ... until
#    a run meets no fault (fail-nth read back at the tool's exit). Each run either
#    fails and leaves A exactly (configuration and PD delegations), or
#    succeeds and B is in place: never half of it.
# 2. Traffic: 10 % of the allocations whose stack goes through v6gw's code
#    fail while NAT64 creates sessions and SIIT translates: no kernel
#    report, the failures counted (drop-nomem), traffic fine afterwards.

source "$(dirname "$0")/lib.sh"

v6gw_load || exit "$ksft_fail"
require_command python3

FI=/sys/kernel/debug
mountpoint -q "$FI" || mount -t debugfs none "$FI" 2> /dev/null
[ -d "$FI/failslab" ] && [ -e /proc/self/fail-nth ] ||
	__skip_all "no failslab (a debug kernel's CONFIG_FAILSLAB)"

ktap_print_header
ktap_set_plan 7

TMPD=$(mktemp -d)
defer rm -rf "$TMPD"
for f in failslab fail_page_alloc; do
	[ -d "$FI/$f" ] || continue
	echo N > "$FI/$f/ignore-gfp-wait"
	echo 0 > "$FI/$f/verbose"
done
[ -e "$FI/fail_page_alloc/ignore-gfp-highmem" ] &&
	echo N > "$FI/fail_page_alloc/ignore-gfp-highmem"
defer_failslab_off()
{
	local f
	for f in failslab fail_page_alloc; do
		[ -d "$FI/$f" ] && echo 0 > "$FI/$f/probability"
	done
}
defer defer_failslab_off

xlat_topology || exit "$ksft_skip"

gw() { "$V6GW" -n "$GW" "$@"; }

cat > "$TMPD/A" <<'X'
flush
siit prefix add 2001:db8:46::/96
siit eam add 2001:db8:6::/120 192.0.2.0/24
nat64 prefix add 2001:db8:64::/96
nat64 pool4 add 203.0.113.1/32
nat64 bib add proto udp [2001:db8:6::53]:53 203.0.113.1:53
ra set dev eth6 rdnss 2001:db8:6::53
pd add 2001:db8:100::/56 via fe80::2 dev eth6
X
cat > "$TMPD/B" <<'X'
flush
siit prefix add 2001:db8:47::/96
siit eam add 2001:db8:6::/120 192.0.2.0/24
siit deny add 10.0.0.0/8
siit set lowest-ipv6-mtu 1400
nat64 prefix add 2001:db8:64::/96
nat64 pool4 add 203.0.113.1/32
nat64 pool4 add 203.0.113.8/30 proto tcp ports 2000-3000
nat64 bib add proto tcp [2001:db8:6::80]:80 203.0.113.9:2080
nat64 set udp 600 max-sessions 9000
ra set dev eth6 rdnss 2001:db8:6::54 dnssl example.org pref64 2001:db8:64::/96
pd snoop dev eth6 on
clat set ipv4 192.168.1.0/24 ipv6 2001:db8:c::/64 plat 2001:db8:64::/96
pd del 2001:db8:100::/56
pd add 2001:db8:200::/56 via fe80::3 dev eth6
X

# state: the configuration and the delegations, without times
state() { gw save | grep -v '^#' | sed 's/ valid-until .*//'; }
gw -b "$TMPD/A" && state > "$TMPD/stateA"
gw -b "$TMPD/B" && state > "$TMPD/stateB"
gw -b "$TMPD/A"
gw pd del 2001:db8:200::/56
if state | cmp -s - "$TMPD/stateA" && ! cmp -s "$TMPD/stateA" "$TMPD/stateB"; then
	ktap_test_pass "A and B apply, and differ"
else
	ktap_test_fail "A and B apply, and differ"
fi

# Every failure below is confined to allocations whose stack goes through
# v6gw's code (the fault filter's text range): fail-nth then counts only
# those (lib/fault-inject.c checks the filter first), and the random
# failures of part 2 hit nothing else in the guest.
read -r _ size _ _ _ base _ < <(grep '^v6gw ' /proc/modules)
# The module's text range, as the filter's u64 attributes take it (bash
# arithmetic wraps past 2^63 the way the kernel's does).
end=$(printf '0x%x' $((base + size)))
# failslab_filter F: confine F to stacks through v6gw; false if it cannot
# (then the failures would hit the whole guest: nothing is turned on)
failslab_filter()
{
	echo "$base" > "$FI/$1/require-start" &&
	echo "$end" > "$FI/$1/require-end" &&
	echo 1 > "$FI/$1/interval" &&
	echo -1 > "$FI/$1/times" &&
	echo 0 > "$FI/$1/space" &&
	echo N > "$FI/$1/task-filter"
}
filtered=()
for f in failslab fail_page_alloc; do
	[ -d "$FI/$f" ] || continue
	if ! failslab_filter "$f"; then
		ktap_test_fail "the fault filter of $f cannot be set"
		ktap_finished
	fi
	filtered+=("$f")
done
# run_nth N: B with the N-th allocation through v6gw of the task failing
# Whether a run met its fault: what /proc/thread-self/fail-nth reads at
# the tool's exit (0: injected; N > 0: N-1 allocations short of it),
# written by a destructor preloaded into the tool (faults of allocations
# with __GFP_NOWARN are not logged, so the kernel log cannot tell).
cat > "$TMPD/nth.c" <<'C'
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

__attribute__((destructor)) static void nth_report(void)
{
	const char *out = getenv("NTH_OUT");
	char buf[32];
	ssize_t n;
	int fd;

	fd = open("/proc/thread-self/fail-nth", O_RDONLY);
	if (!out || fd < 0)
		return;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0 && n > 0 && write(fd, buf, n) != n)
		n = 0;
	if (fd >= 0)
		close(fd);
}
C
cc -shared -fPIC -O2 -o "$TMPD/nth.so" "$TMPD/nth.c" ||
	__skip_all "no C compiler for the fail-nth reporter"
run_nth()
{
	rm -f "$TMPD/nth"
	ip netns exec "$GW" env LD_PRELOAD="$TMPD/nth.so" NTH_OUT="$TMPD/nth" \
		sh -c 'echo "$1" > /proc/self/fail-nth &&
		exec "$2" -b "$3"' sh "$1" "$V6GW" "$TMPD/B" > /dev/null 2>&1
}
failed=0 applied=0 bad=0 n=0 done=0
while [ "$n" -lt 600 ]; do
	n=$((n + 1))
	if run_nth "$n"; then
		applied=$((applied + 1))
		want=$TMPD/stateB
	else
		failed=$((failed + 1))
		want=$TMPD/stateA
	fi
	if ! state | cmp -s - "$want"; then
		bad=$((bad + 1))
		[ "$bad" = 1 ] && state | diff - "$want" | sed "s/^/# n=$n: /"
	fi
	if [ "$want" = "$TMPD/stateB" ]; then
		gw -b "$TMPD/A" > /dev/null 2>&1
		gw pd del 2001:db8:200::/56 > /dev/null 2>&1
	fi
	# no fault injected: the batch makes fewer than n allocations
	left=$(cat "$TMPD/nth" 2> /dev/null)
	if [ -n "$left" ] && [ "$left" -gt 0 ]; then
		done=1
		break
	fi
done
__diag "fail-nth 1..$n: $failed runs failed, $applied applied; run $n met no fault"
if [ "$bad" = 0 ] && [ "$failed" -gt 0 ] && [ "$done" = 1 ]; then
	ktap_test_pass "every batch with a failed allocation left A, every other one put B in place ($failed and $applied of $n)"
else
	ktap_test_fail "batches with failed allocations: $bad of $n left something else than A or B (all fault points reached: $done)"
fi

# 2. Traffic, the failures confined to v6gw's code.
stat() {
	gw -j -s stats show |
		python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"
}
nomem0=$(stat drop-nomem)
dmesg_lines=$(dmesg | wc -l)
for f in "${filtered[@]}"; do
	echo 10 > "$FI/$f/probability"
done
# UDP from many ports: NAT64 sessions to create; pings through SIIT
ip netns exec "$H6" python3 -c '
import socket
for p in range(30000, 32000):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.bind(("2001:db8:6::2", p))
    s.sendto(b"x", ("2001:db8:64::198.51.100.2", 9))
    s.close()' > /dev/null 2>&1
ip netns exec "$H6" ping -6 -q -c 50 -i 0.02 2001:db8:46::198.51.100.2 \
	> /dev/null 2>&1
defer_failslab_off
nomem=$(($(stat drop-nomem) - nomem0))
if [ "$nomem" -gt 0 ]; then
	ktap_test_pass "failed allocations counted: drop-nomem +$nomem"
else
	ktap_test_fail "failed allocations counted: drop-nomem +$nomem"
fi
if kernel_reports_since "$dmesg_lines" > "$TMPD/reports"; then
	ktap_test_fail "no kernel report"
	sed 's/^/# /' "$TMPD/reports"
else
	ktap_test_pass "no kernel report"
fi
check_cmd "SIIT translates afterwards" \
	ip netns exec "$H6" ping -6 -c 1 -W 5 2001:db8:46::198.51.100.2
check_cmd "NAT64 translates afterwards" \
	ip netns exec "$H6" ping -6 -c 1 -W 5 2001:db8:64::198.51.100.2
check_cmd "the module unloads" v6gw_unload

ktap_finished
