#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Netlink round trip through the v6gw tool and raw generic netlink: every
# command, its output formats, the kernel's error messages, batch mode.

source "$(dirname "$0")/lib.sh"

v6gw_load

# expect_err "desc" REGEX CMD...: CMD fails with exit 1 and prints REGEX
expect_err()
{
	local desc=$1 re=$2 out rc
	shift 2
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" -eq 1 ] && grep -Eq -- "$re" <<< "$out"; then
		ktap_test_pass "$desc"
	else
		echo "# rc=$rc output: $out"
		ktap_test_fail "$desc"
	fi
}

# expect_out "desc" EXPECTED CMD...: CMD succeeds and prints exactly EXPECTED
expect_out()
{
	local desc=$1 want=$2 out
	shift 2
	out=$("$@" 2>&1)
	if [ $? -eq 0 ] && [ "$out" = "$want" ]; then
		ktap_test_pass "$desc"
	else
		echo "# got: '$out' want: '$want'"
		ktap_test_fail "$desc"
	fi
}

setup_ns NS
run() { ip netns exec "$NS" "$V6GW" "$@"; }

ktap_print_header
ktap_set_plan 32

expect_out "prefix show is empty at first" "" run siit prefix show
check_cmd "prefix add 64:ff9b::/96" run siit prefix add 64:ff9b::/96
expect_out "prefix show lists it" "64:ff9b::/96" run siit prefix show
expect_out "prefix show -j" '[{"prefix":"64:ff9b::/96"}]' \
	run -j siit prefix show
expect_out "abbreviated: v6gw si pre sh" "64:ff9b::/96" run si pre sh
expect_err "a second prefix is refused with the kernel's reason" \
	"configured already" run siit prefix add 2001:db8::/32
expect_err "deleting another prefix: no such prefix" "no such prefix" \
	run siit prefix del 2001:db8::/32
expect_err "length 33 refused with the kernel's reason" "prefix length" \
	run siit prefix add 2001:db8::/33
run siit prefix add 2001:db8::1/96 > /dev/null 2>&1
if [ $? -eq 2 ]; then
	ktap_test_pass "host bits are a usage error, caught by the tool"
else
	ktap_test_fail "host bits are a usage error, caught by the tool"
fi
check_cmd "prefix del 64:ff9b::/96" run siit prefix del 64:ff9b::/96
expect_out "prefix show is empty again" "" run siit prefix show

out=$(run -s stats show)
if grep -Eq '^ipv6-in[[:space:]]+0$' <<< "$out" &&
   grep -Eq '^ipv4-pass[[:space:]]+0$' <<< "$out"; then
	ktap_test_pass "stats show -s lists zero counters"
else
	echo "# $out"
	ktap_test_fail "stats show -s lists zero counters"
fi
expect_out "stats show hides zero counters" "" run stats show
if run -j stats show | python3 -c \
	'import json,sys; d=json.load(sys.stdin); sys.exit(d.get("ipv6-in") != 0)'; then
	ktap_test_pass "stats show -j is JSON with every counter"
else
	ktap_test_fail "stats show -j is JSON with every counter"
fi

batch=$(mktemp)
defer rm -f "$batch"
cat > "$batch" <<'EOB'
# a comment, then a blank line

siit prefix add 2001:db8:100::/40
siit prefix add 2001:db8:200::/40
siit prefix del 2001:db8:100::/40
EOB
expect_err "batch stops at the failing line and names it" "line 4" \
	run -b "$batch"
expect_out "a batch is all or nothing: the line before it not applied" "" \
	run siit prefix show
run siit prefix add 2001:db8:100::/40
check_cmd "batch from stdin" bash -c \
	"echo 'siit prefix del 2001:db8:100::/40' | ip netns exec $NS $V6GW -b -"
run siit prefix add bogus > /dev/null 2>&1
if [ $? -eq 2 ]; then
	ktap_test_pass "a usage error exits 2"
else
	ktap_test_fail "a usage error exits 2"
fi

# The tables: EAM and denylist edits, refusals with the kernel's reason,
# and dumps longer than one netlink message.
check_cmd "eam add 2001:db8:3::/120 1.0.0.0/24" \
	run siit eam add 2001:db8:3::/120 1.0.0.0/24
expect_out "eam show lists it" "2001:db8:3::/120 1.0.0.0/24" \
	run siit eam show
expect_err "an EAM entry with the same IPv4 prefix is refused" \
	"same IPv4 prefix" run siit eam add 2001:db8:4::/120 1.0.0.0/24
expect_err "deleting a missing EAM entry: no such entry" "no such EAM entry" \
	run siit eam del 2001:db8:4::/120 1.0.0.0/24
check_cmd "deny add 198.51.100.0/24" run siit deny add 198.51.100.0/24
expect_err "the same denylist prefix again is refused" "already" \
	run siit deny add 198.51.100.0/24
expect_out "deny show lists it" "198.51.100.0/24" run siit deny show
check_cmd "deny del 198.51.100.0/24" run siit deny del 198.51.100.0/24
expect_err "deleting it again: not in the denylist" "not in the denylist" \
	run siit deny del 198.51.100.0/24

# 600 entries: the dump takes several netlink messages and must resume
# where it stopped, with nothing lost or repeated.
for i in $(seq 0 599); do
	echo "siit eam add 2001:db8:a:$(printf %x "$i")::/128 10.$((i / 250)).$((i % 250)).1"
	echo "siit deny add 100.$((i / 250)).$((i % 250)).0/24"
done > "$batch"
check_cmd "600 EAM entries and 600 denylist prefixes added by batch" \
	run -b "$batch"
all=$(run siit eam show)
n=$(wc -l <<< "$all")
u=$(sort -u <<< "$all" | wc -l)
d=$(run -j siit deny show | python3 -c 'import json,sys; d = json.load(sys.stdin); print(len(d), len({json.dumps(x) for x in d}))')
if [ "$n $u" = "601 601" ] && [ "$d" = "600 600" ]; then
	ktap_test_pass "multi-part dumps: 601 distinct EAM entries, 600 denylist prefixes"
else
	ktap_test_fail "multi-part dumps: 601 distinct EAM entries, 600 denylist prefixes (got $n/$u, $d)"
fi
check_cmd "one of them deleted" run siit eam del 2001:db8:a:12b::/128 10.1.49.1
n=$(run siit eam show | grep -c '^2001:db8:a:')
if [ "$n" = 599 ]; then
	ktap_test_pass "599 left after the delete"
else
	ktap_test_fail "599 left after the delete (got $n)"
fi

# Raw netlink: strict validation and extack, independent of the tool.
nl_log=$(mktemp)
defer rm -f "$nl_log"
if ip netns exec "$NS" python3 "$(dirname "$0")/v6gw_nl.py" > "$nl_log" 2>&1; then
	ktap_test_pass "raw netlink: strict validation with extack messages"
else
	ktap_test_fail "raw netlink: strict validation with extack messages"
fi
sed 's/^/# /' "$nl_log"

ktap_finished
