#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Atomic batches: "v6gw -b FILE" is one transaction (uapi "Transactions").
#
#   [H6] eth0 ---- eth6 [GW] eth4 ---- eth0 [H4]        (nat64_lib.sh)
#
# A file with a bad line, or whose commit fails (a PD route the routing
# code refuses), leaves the running configuration as it was and names the
# line; a saved file applied over a running configuration replaces it
# (save, -b, save: the same); a TCP connection through NAT64 survives a
# restore that keeps its pool4 address and goes with one that does not;
# another socket's changes wait (EBUSY) while a transaction is open; the
# raw netlink cases are txn_nl.py's.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/nat64_lib.sh"

v6gw_load || exit "$ksft_fail"
require_command python3

ktap_print_header
ktap_set_plan 13

TMPD=$(mktemp -d)
defer rm -rf "$TMPD"
HERE=$(cd "$(dirname "$0")" && pwd)

nat64_topology || exit "$ksft_fail"
setup_ns RAW GW2 EMPTY || exit "$ksft_skip"
ip link add eth6 netns "$GW2" type dummy && ip -n "$GW2" link set eth6 up

gw() { "$V6GW" -n "$GW" "$@"; }
body() { grep -v '^#' "$1"; }

# raw netlink: in a namespace of its own, nothing configured there
if ip netns exec "$RAW" python3 "$HERE/txn_nl.py" > "$TMPD/raw" 2>&1; then
	ktap_test_pass "raw netlink: begin, staging, EBUSY, commit, abort, socket close, flush"
else
	ktap_test_fail "raw netlink: begin, staging, EBUSY, commit, abort, socket close, flush"
fi
__diag "$(grep -v '^ok' "$TMPD/raw")"

configure()
{
	gw siit eam add 2001:db8:46::/124 192.0.2.0/28 &&
	gw nat64 bib add proto tcp "[2001:db8:6::80]:80" "$NAT64_POOL4:8080" &&
	gw nat64 set udp 600 &&
	gw ra set dev eth6 rdnss 2001:db8:6::53 pref64 "$NAT64_PREFIX" &&
	gw pd add 2001:db8:100::/56 via fe80::2 dev eth6
}
check_cmd "configure GW" configure
gw save > "$TMPD/A"

# same_as_A: GW's configuration is still the one in A
same_as_A()
{
	gw save > "$TMPD/now" &&
	diff -u <(body "$TMPD/A") <(body "$TMPD/now") > "$TMPD/diff"
}

# 1. A line the kernel refuses: nothing of the file is applied.
cat > "$TMPD/bad" <<'X'
siit eam add 2001:db8:47::/124 192.0.2.32/28
nat64 pool4 add 203.0.113.7/32
nat64 bib add proto udp [2001:db8:6::53]:53 192.0.2.99:53
ra del dev eth6
X
gw -b "$TMPD/bad" > "$TMPD/out" 2>&1
rc=$?
if [ "$rc" = 1 ] && grep -q "line 3: .*not in pool4" "$TMPD/out" &&
   grep -q "nothing applied" "$TMPD/out" && same_as_A; then
	ktap_test_pass "a refused line 3: exit 1, the line named, nothing applied"
else
	ktap_test_fail "a refused line 3: exit 1, the line named, nothing applied"
	__diag "rc=$rc $(cat "$TMPD/out" "$TMPD/diff" 2>/dev/null)"
fi

# 2. The commit fails: a route to the prefix is there already (the PD
# step runs first); the SIIT change of line 1 must not stay.
ip -n "$GW" route add 2001:db8:300::/56 via fe80::9 dev eth6 metric 1024
cat > "$TMPD/clash" <<'X'
siit eam add 2001:db8:47::/124 192.0.2.32/28
# a comment, then the delegation whose route is refused
pd add 2001:db8:300::/56 via fe80::2 dev eth6
pd del 2001:db8:100::/56
X
gw -b "$TMPD/clash" > "$TMPD/out" 2>&1
rc=$?
if [ "$rc" = 1 ] && grep -q "line 3: another route" "$TMPD/out" &&
   same_as_A && gw pd show | grep -q '2001:db8:100::/56'; then
	ktap_test_pass "a failed commit: the line named, the running configuration and delegations untouched"
else
	ktap_test_fail "a failed commit: the line named, the running configuration and delegations untouched"
	__diag "rc=$rc $(cat "$TMPD/out" "$TMPD/diff" 2>/dev/null)"
fi
ip -n "$GW" route del 2001:db8:300::/56 via fe80::9 dev eth6 metric 1024

# 3. A TCP connection through NAT64 across restores.
cat > "$TMPD/srv.py" <<'X'
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("198.51.100.2", 7000))
s.listen(1)
open(sys.argv[1], "w").close()
c, _ = s.accept()
while True:
    d = c.recv(100)
    if not d:
        break
    c.sendall(d)
X
cat > "$TMPD/cli.py" <<'X'
import os, socket, sys, time
c = socket.create_connection(("64:ff9b::198.51.100.2", 7000), timeout=5)
for step in sys.argv[1:]:
    while not os.path.exists(step):
        time.sleep(0.1)
    try:
        c.sendall(b"x")
        ok = c.recv(1) == b"x"
    except OSError:
        ok = False
    print(step, "ok" if ok else "failed", flush=True)
X
ip netns exec "$H4" python3 "$TMPD/srv.py" "$TMPD/listening" &
srv=$!
defer kill "$srv"
# generous waits: a debug-kernel or s390x guest starts python slowly (more
# than 30 s from start to the first echo, seen on the debug kernel with one
# vCPU beside another guest); each ends as soon as its step is seen
busywait 120000 test -e "$TMPD/listening"
touch "$TMPD/s0"
ip netns exec "$H6" timeout 300 python3 "$TMPD/cli.py" "$TMPD/s0" \
	"$TMPD/s1" "$TMPD/s2" > "$TMPD/cli.out" 2>&1 &
cli=$!
busywait 120000 grep -q s0 "$TMPD/cli.out"
tcp_before=$(nat64_count tcp sessions)

# the saved file (flush, then everything) applied back, as one batch
check_cmd "save applied over the running configuration (-b)" gw -b "$TMPD/A"
touch "$TMPD/s1"
busywait 120000 grep -q s1 "$TMPD/cli.out"
if grep -q "s1 ok" "$TMPD/cli.out" && [ "$tcp_before" = 1 ] &&
   [ "$(nat64_count tcp sessions)" = 1 ] && same_as_A; then
	ktap_test_pass "the TCP session survives a restore that keeps its pool4 address"
else
	ktap_test_fail "the TCP session survives a restore that keeps its pool4 address"
	__diag "before=$tcp_before now=$(nat64_count tcp sessions) $(cat "$TMPD/cli.out" "$TMPD/diff")"
fi

# another pool4 address: the session has no place in it
sed "s|pool4 add $NAT64_POOL4/32|pool4 add 203.0.113.9/32|; s|$NAT64_POOL4:8080|203.0.113.9:8080|" \
	"$TMPD/A" > "$TMPD/B"
check_cmd "a file with another pool4 address (-b)" gw -b "$TMPD/B"
if [ "$(nat64_count tcp sessions)" = 0 ] &&
   gw nat64 pool4 show | grep -q 203.0.113.9 &&
   ! gw nat64 pool4 show | grep -q "$NAT64_POOL4"; then
	ktap_test_pass "... and the session goes with its pool4 address"
else
	ktap_test_fail "... and the session goes with its pool4 address"
	gw nat64 session show | sed 's/^/#   /'
fi
touch "$TMPD/s2"
wait "$cli" 2> /dev/null

# 4. Round trip over another configuration: save, -b, save.
"$V6GW" -n "$GW2" siit prefix add 2001:db8:99::/96
"$V6GW" -n "$GW2" ra set dev eth6 dnssl example.net
check_cmd "GW's file applied to GW2, configured otherwise" \
	"$V6GW" -n "$GW2" -b "$TMPD/A"
"$V6GW" -n "$GW2" save > "$TMPD/A2"
if diff -u <(body "$TMPD/A" | grep -v '^pd add') \
	<(body "$TMPD/A2" | grep -v '^pd add') > "$TMPD/diff" &&
   grep -q '^pd add 2001:db8:100::/56' "$TMPD/A2"; then
	ktap_test_pass "GW2 saves what GW saved (its own configuration gone)"
else
	ktap_test_fail "GW2 saves what GW saved (its own configuration gone)"
	__diag "$(cat "$TMPD/diff")"
fi

# 5. Another socket's transaction open: the tool's change waits, and says so.
# The holder keeps it open up to 60 s (a slow guest: python's start, the
# tool's) and is stopped once the tool has answered: its socket closes,
# the transaction with it.
ip netns exec "$GW" python3 "$HERE/txn_nl.py" hold 60 > "$TMPD/hold" &
holder=$!
busywait 30000 grep -q open "$TMPD/hold"
gw siit eam add 2001:db8:48::/124 192.0.2.48/28 > "$TMPD/out" 2>&1
rc=$?
kill "$holder" 2> /dev/null
wait "$holder"
if [ "$rc" = 1 ] && grep -q "transaction (v6gw -b) is open" "$TMPD/out" &&
   gw siit eam add 2001:db8:48::/124 192.0.2.48/28; then
	ktap_test_pass "a change while another transaction is open: refused with a message; fine after"
else
	ktap_test_fail "a change while another transaction is open: refused with a message; fine after"
	__diag "rc=$rc $(cat "$TMPD/out" "$TMPD/hold")"
fi

# 6. v6gw flush: the configuration goes (what save prints then is what
# it prints for a namespace never configured: settings, their defaults),
# delegations stay.
check_cmd "v6gw flush" gw flush
if diff <(body <(gw save) | grep -v '^pd ') \
	<(body <("$V6GW" -n "$EMPTY" save)) > "$TMPD/diff" &&
   gw pd show | grep -q '2001:db8:100::/56'; then
	ktap_test_pass "after flush, save prints what it prints for an empty namespace; the delegation stays"
else
	ktap_test_fail "after flush, save prints what it prints for an empty namespace; the delegation stays"
	__diag "$(cat "$TMPD/diff")"
fi

ktap_finished
