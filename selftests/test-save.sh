#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# v6gw save: one of everything configured in a namespace GW, saved, applied
# with -b to a new namespace GW2 that has interfaces of the same names, and
# saved again: the two files must be the same but for the header line (and
# the delegations' absolute times, within 2 s).
#
#   [H6] eth0 ---- eth6 [GW] eth4 ---- eth0 [H4]
#
# A ping from H6 through GW's NAT64 makes a dynamic BIB entry and a
# session: state, which save leaves out. The pd part needs "v6gw pd"; it is
# skipped without it.

source "$(dirname "$0")/lib.sh"

v6gw_load || exit "$ksft_fail"
require_command python3

ktap_print_header
ktap_set_plan 15

TMPD=$(mktemp -d)
defer rm -rf "$TMPD"

has_pd=0
"$V6GW" help pd > /dev/null 2>&1 && has_pd=1

# gw_links GW H6 H4: GW's interfaces eth6 (to H6) and eth4 (to H4), up,
# with the same addresses in every GW.
gw_links()
{
	ip link add eth6 netns "$1" type veth peer name eth0 netns "$2" &&
	ip link add eth4 netns "$1" type veth peer name eth0 netns "$3" &&
	ip -n "$1" link set eth6 up &&
	ip -n "$1" link set eth4 up &&
	ip -n "$2" link set eth0 up &&
	ip -n "$3" link set eth0 up &&
	ip -n "$1" addr add 2001:db8:6::1/64 dev eth6 nodad &&
	ip -n "$1" addr add 198.51.100.1/24 dev eth4
}

setup_ns H6 GW H4 H6B GW2 H4B EMPTY EMPTY2 || exit "$ksft_skip"
gw_links "$GW" "$H6" "$H4" || exit "$ksft_fail"
gw_links "$GW2" "$H6B" "$H4B" || exit "$ksft_fail"
ip -n "$H6" addr add 2001:db8:6::2/64 dev eth0 nodad
ip -n "$H6" route add 2001:db8:64::/96 via 2001:db8:6::1
ip -n "$H4" addr add 198.51.100.2/24 dev eth0
ip -n "$H4" route add default via 198.51.100.1

gw() { "$V6GW" -n "$GW" "$@"; }

# The configuration, as v6gw save prints it (but for pd, added below):
# settings in full, pool4 one line per protocol (the /31 was added for all
# three), static BIB entries sorted by protocol number, then IPv4 address.
cat > "$TMPD/want" <<'EOF'
flush
siit prefix add 64:ff9b::/96
siit eam add 2001:db8:46::/124 192.0.2.0/28
siit eam add 2001:db8:46::100/124 192.0.2.16/28
siit deny add 10.0.0.0/8
siit set rfc6791v4 192.0.2.250/32
siit set rfc6791v6 2001:db8:ffff::/96
siit set lowest-ipv6-mtu 1400
siit set amend-udp-checksum-zero on
siit set tos 16
siit set traffic-class 32
nat64 prefix add 2001:db8:64::/96
nat64 pool4 add 203.0.113.0/30 proto tcp ports 1024-2047
nat64 pool4 add 203.0.113.8/31 proto tcp ports 3000-3999
nat64 pool4 add 203.0.113.8/31 proto udp ports 3000-3999
nat64 pool4 add 203.0.113.8/31 proto icmp ports 3000-3999
nat64 bib add proto tcp [2001:db8:6::80]:80 203.0.113.1:1080
nat64 bib add proto udp [2001:db8:6::53]:53 203.0.113.9:3053
nat64 set tcp-est 7500
nat64 set tcp-trans 300
nat64 set udp 600
nat64 set icmp 30
nat64 set tcp-syn 10
nat64 set filtering address
nat64 set max-sessions 5000
nat64 set wkpf-strict off
ra set dev eth6 rdnss 2001:db8:6::53,2001:db8:6::54 dnssl example.com,example.org pref64 2001:db8:64::/96 lifetime 900 mode replace
EOF

# The same, entered otherwise: abbreviated, in another order, settings in
# one line, a /31 for every protocol, a bare address.
configure()
{
	gw si se rfc6791v6 2001:db8:ffff::/96 tos 16 rfc6791v4 192.0.2.250 \
		am on l 1400 traffic-class 32 &&
	gw siit eam add 2001:db8:46::100/124 192.0.2.16/28 &&
	gw siit deny add 10.0.0.0/8 &&
	gw siit prefix add 64:ff9b::/96 &&
	gw siit eam add 2001:db8:46::/124 192.0.2.0/28 &&
	gw nat64 prefix add 2001:db8:64::/96 &&
	gw nat64 pool4 add 203.0.113.0/30 proto tcp ports 1024-2047 &&
	gw nat64 pool4 add 203.0.113.8/31 ports 3000-3999 &&
	gw nat64 bib add proto udp "[2001:db8:6::53]:53" 203.0.113.9:3053 &&
	gw nat64 bib add proto tcp "[2001:db8:6::80]:80" 203.0.113.1:1080 &&
	gw n set udp 600 tcp-est 7500 tcp-trans 300 icmp 30 tcp-syn 10 \
		filtering address max-sessions 5000 wkpf-strict off &&
	gw ra set dev eth6 rdnss 2001:db8:6::53,2001:db8:6::54 \
		dnssl example.com,example.org pref64 2001:db8:64::/96 \
		lifetime 900 mode replace || return 1
	[ "$has_pd" = 1 ] || return 0
	gw pd snoop dev eth6 on &&
	gw pd add 2001:db8:100::/56 via fe80::2 dev eth6 valid 3600 \
		preferred 1800 &&
	gw pd add 2001:db8:200::/48 via fe80::3 dev eth6
}
check_cmd "configure one of everything in GW" configure

# The ping's echo request makes the dynamic entry on its way out; the
# reply needs no check.
ip netns exec "$H6" ping -6 -c 1 -W 2 2001:db8:64::198.51.100.2 \
	> /dev/null 2>&1
if gw nat64 bib show proto icmp | grep -q ' dynamic '; then
	ktap_test_pass "a ping made a dynamic BIB entry (state)"
else
	ktap_test_fail "a ping made a dynamic BIB entry (state)"
	gw nat64 bib show | sed 's/^/#   /'
fi

# save_to NS FILE
save_to() { "$V6GW" -n "$1" save > "$2"; }
check_cmd "save GW" save_to "$GW" "$TMPD/A"
__diag "$(cat "$TMPD/A")"

hdr="^# v6gw save, [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z, kernel $(uname -r | sed 's/[.+]/\\&/g')\$"
if head -n 1 "$TMPD/A" | grep -Eq "$hdr" &&
   [ "$(grep -c '^#' "$TMPD/A")" = 1 ]; then
	ktap_test_pass "the header is one line: date and kernel"
else
	ktap_test_fail "the header is one line: date and kernel"
	head -n 3 "$TMPD/A" | sed 's/^/#   /'
fi

# body FILE: the commands, without the header
body() { grep -v '^#' "$1"; }

if diff -u "$TMPD/want" <(body "$TMPD/A" | grep -v '^pd ') \
	> "$TMPD/diff"; then
	ktap_test_pass "the saved commands, in order, without the dynamic BIB entry"
else
	ktap_test_fail "the saved commands, in order, without the dynamic BIB entry"
	sed 's/^/#   /' "$TMPD/diff"
fi

if [ "$has_pd" = 1 ]; then
	# snooping before the delegations; both delegations, with the times
	# their lifetimes end (valid-until), none as "valid SECONDS"
	pd=$(body "$TMPD/A" | grep '^pd ')
	if grep -q '^pd snoop dev eth6 on$' <<<"$pd" &&
	   [ "$(grep -c '^pd add ' <<<"$pd")" = 2 ] &&
	   grep -q '^pd add 2001:db8:100::/56 via fe80::2 dev eth6 .*valid-until ' <<<"$pd" &&
	   grep -q '^pd add 2001:db8:200::/48 via fe80::3 dev eth6' <<<"$pd" &&
	   [ "$(grep -n '^pd ' "$TMPD/A" | head -n 1 | cut -d: -f2-)" = "pd snoop dev eth6 on" ]; then
		ktap_test_pass "pd: snooping, then both delegations"
	else
		ktap_test_fail "pd: snooping, then both delegations"
		__diag "$pd"
	fi
else
	ktap_test_skip "pd: snooping, then both delegations (no v6gw pd)"
fi

check_cmd "-b applies the file to a new namespace GW2" \
	"$V6GW" -n "$GW2" -b "$TMPD/A"
check_cmd "save GW2" save_to "$GW2" "$TMPD/B"

# same A B: the same commands but for the header line; absolute times
# (pd's valid-until, preferred-until) may differ by 2 s. Delegations come
# in the kernel's hash order, which differs between namespaces: the "pd
# add" lines are compared as a set.
same()
{
	python3 - "$1" "$2" <<'EOF'
import re, sys, datetime
def load(path):
    lines = [l.rstrip("\n") for l in open(path) if not l.startswith("#")]
    pd = sorted(l for l in lines if l.startswith("pd add "))
    return [l for l in lines if not l.startswith("pd add ")] + pd
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
def when(w):
    return datetime.datetime.strptime(w, "%Y-%m-%dT%H:%M:%SZ").timestamp()
a, b = load(sys.argv[1]), load(sys.argv[2])
bad = len(a) != len(b)
for x, y in zip(a, b):
    wx, wy = x.split(), y.split()
    if len(wx) != len(wy):
        bad = True
    for u, v in zip(wx, wy):
        if u == v:
            continue
        if ISO.match(u) and ISO.match(v) and abs(when(u) - when(v)) <= 2:
            continue
        if u.startswith("@") and v.startswith("@") and \
           u[1:].isdigit() and v[1:].isdigit() and \
           abs(int(u[1:]) - int(v[1:])) <= 2:
            continue
        bad = True
    if bad:
        print("# first difference:\n#   %s\n#   %s" % (x, y))
        break
sys.exit(1 if bad else 0)
EOF
}
if same "$TMPD/A" "$TMPD/B"; then
	ktap_test_pass "GW2 saves what GW saved"
else
	ktap_test_fail "GW2 saves what GW saved"
	diff "$TMPD/A" "$TMPD/B" | sed 's/^/#   /'
fi

# What the commands show agrees too (nat64 show has the table counts,
# which differ by the dynamic entry: its settings and tables only).
shows_agree()
{
	local cmd
	for cmd in "siit show" "ra show" "nat64 prefix show" "nat64 pool4 show"; do
		# shellcheck disable=SC2086 # the words of cmd
		diff <("$V6GW" -n "$GW" $cmd) <("$V6GW" -n "$GW2" $cmd) ||
			return 1
	done
	diff <("$V6GW" -n "$GW" nat64 show | sed '/^count:/,$d') \
	     <("$V6GW" -n "$GW2" nat64 show | sed '/^count:/,$d') &&
	diff <("$V6GW" -n "$GW" nat64 bib show | grep ' static ' | sort) \
	     <("$V6GW" -n "$GW2" nat64 bib show | grep ' static ' | sort)
}
check_cmd "GW2 shows what GW shows (settings, tables, static BIB)" shows_agree

if [ "$("$V6GW" -n "$GW2" nat64 bib show | grep -c ' dynamic ')" = 0 ]; then
	ktap_test_pass "no dynamic BIB entry in GW2"
else
	ktap_test_fail "no dynamic BIB entry in GW2"
fi

# -b over a configuration: the file starts with "flush", so it replaces
# it, as one transaction; GW2 saves the same again.
"$V6GW" -n "$GW2" -b "$TMPD/A" > /dev/null 2> "$TMPD/err"
rc=$?
"$V6GW" -n "$GW2" save > "$TMPD/B2"
if [ "$rc" = 0 ] && same "$TMPD/A" "$TMPD/B2"; then
	ktap_test_pass "-b over the configuration replaces it with the same"
else
	ktap_test_fail "-b over the configuration replaces it with the same (exit $rc)"
	__diag "$(cat "$TMPD/err")"
fi

# A namespace without configuration: only the settings; they restore.
"$V6GW" -n "$EMPTY" save > "$TMPD/E" &&
	"$V6GW" -n "$EMPTY2" siit set tos 1 &&
	"$V6GW" -n "$EMPTY2" nat64 set udp 121 &&
	"$V6GW" -n "$EMPTY2" -b "$TMPD/E" &&
	"$V6GW" -n "$EMPTY2" save > "$TMPD/E2"
rc=$?
if [ "$rc" = 0 ] && same "$TMPD/E" "$TMPD/E2" &&
   ! body "$TMPD/E" | grep -qv '^flush$\|^siit set \|^nat64 set '; then
	ktap_test_pass "an empty namespace: default settings only, restored over others"
else
	ktap_test_fail "an empty namespace: default settings only, restored over others"
	sed 's/^/#   /' "$TMPD/E" "$TMPD/E2"
fi

# save as a batch line; a save that fails prints nothing
printf 'save\n' | "$V6GW" -n "$GW2" -b - > "$TMPD/C"
if same "$TMPD/B" "$TMPD/C"; then
	ktap_test_pass "save as a batch line"
else
	ktap_test_fail "save as a batch line"
fi
if ! "$V6GW" -n "no-such-ns-$$" save > "$TMPD/F" 2> /dev/null &&
   [ ! -s "$TMPD/F" ]; then
	ktap_test_pass "a save that fails (no such namespace) prints nothing"
else
	ktap_test_fail "a save that fails (no such namespace) prints nothing"
fi

ktap_finished
