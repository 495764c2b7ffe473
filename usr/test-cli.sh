#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host-side tests of the v6gw tool: everything that needs no kernel module
# (parsing, usage errors and exit codes, help, batch mode, -n, the "module
# not loaded" path, the man page and the bash completion).
#
#   bash usr/test-cli.sh [PATH_TO_V6GW]
#
# Prints "ok N - name" / "not ok N - name" / "ok N - name # SKIP why" and
# exits 1 if any test failed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
V6GW=${1:-$here/v6gw}
tmp=$(mktemp -d) || exit 1
ns=""
cleanup()
{
	[ -n "$ns" ] && ip netns del "$ns" 2> /dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

n=0 failed=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

# expect NAME RC STDERR_PATTERN -- ARGS...: run v6gw ARGS, check the exit
# code and that stderr contains the (grep -F) pattern ("" = anything).
expect()
{
	local name=$1 rc=$2 pat=$3 got
	shift 4
	"$V6GW" "$@" > "$tmp/out" 2> "$tmp/err"
	got=$?
	if [ "$got" -ne "$rc" ]; then
		fail "$name (exit $got, want $rc)"
		sed 's/^/#   /' "$tmp/err"
	elif [ -n "$pat" ] && ! grep -qF -- "$pat" "$tmp/err"; then
		fail "$name (stderr lacks: $pat)"
		sed 's/^/#   /' "$tmp/err"
	else
		pass "$name"
	fi
}

# stdout of the last expect contains PATTERN
expect_out()
{
	if grep -qF -- "$2" "$tmp/out"; then
		pass "$1"
	else
		fail "$1 (stdout lacks: $2)"
	fi
}

[ -x "$V6GW" ] || { echo "Bail out! no $V6GW (make -C usr)"; exit 1; }

# The module may be there (in a guest): then skip the "not loaded" checks.
"$V6GW" stats show > /dev/null 2> "$tmp/probe"
if grep -q "module is not loaded" "$tmp/probe"; then
	nomod=1
else
	nomod=0
fi
# Words that parse fine reach the kernel: exit 1 without the module.
netrc=$((nomod ? 1 : 0))

echo "# version, help"
expect "-V" 0 "" -- -V
expect_out "-V names the tool" "v6gw "
expect "--version" 0 "" -- --version
expect "help" 0 "" -- help
for cmd in "stats show" "siit prefix add" "siit prefix del" \
	   "siit prefix show" "siit eam add" "siit eam del" "siit eam show" \
	   "siit deny add" "siit deny del" "siit deny show" "siit set" \
	   "siit show"; do
	expect_out "help lists '$cmd'" "v6gw $cmd"
done
expect "-h" 0 "" -- -h
expect "--help" 0 "" -- --help
expect "h (help abbreviated)" 0 "" -- h
expect "help siit" 0 "" -- help siit
expect_out "help siit shows its commands" "siit prefix add"
expect "siit help" 0 "" -- siit help
expect "siit prefix help" 0 "" -- siit prefix help
expect "siit eam help" 0 "" -- siit eam help
expect_out "siit eam help shows eam only" "siit eam del"
expect "siit deny h" 0 "" -- siit deny h
expect_out "siit deny help shows deny" "siit deny del"
expect "siit set help" 0 "" -- siit set help
for key in rfc6791v4 rfc6791v6 lowest-ipv6-mtu amend-udp-checksum-zero \
	   tos traffic-class; do
	expect_out "siit set help lists '$key'" "      $key "
done
expect "siit set --help" 0 "" -- siit set --help
expect "stats help" 0 "" -- stats help
expect "siit -h" 0 "" -- siit -h

echo "# usage errors: exit 2"
expect "no arguments" 2 "missing object" --
expect "unknown object" 2 'unknown object "foo"' -- foo
expect "ambiguous object" 2 'ambiguous object "s": could be stats, siit' -- s
expect "unknown command" 2 'unknown "siit prefix" command "bogus"' -- siit prefix bogus
expect "unknown option" 2 'unknown option "-x"' -- -x stats show
expect "unknown long option" 2 'unknown option "--bogus"' -- --bogus
expect "-n without argument" 2 'option "-n" needs an argument' -- -n
expect "-b without argument" 2 'option "-b" needs an argument' -- -b
expect "invalid netns name" 2 'invalid network namespace name "../x"' -- -n ../x stats show
expect "stats show extra" 2 'unexpected argument "x"' -- stats show x
expect "prefix add: missing" 2 "missing PREFIX/LEN" -- siit prefix add
expect "prefix add: extra" 2 'unexpected argument "x"' -- siit prefix add 64:ff9b::/96 x
expect "prefix show: extra" 2 'unexpected argument "x"' -- siit prefix show x
expect "prefix: not an address" 2 'invalid IPv6 prefix "x"' -- siit prefix add x
expect "prefix: no length" 2 'invalid IPv6 prefix "64:ff9b::"' -- siit prefix add 64:ff9b::
expect "prefix: /129" 2 'invalid IPv6 prefix "64:ff9b::/129"' -- siit prefix add 64:ff9b::/129
expect "prefix: /-1" 2 'invalid IPv6 prefix' -- siit prefix del 64:ff9b::/-1
expect "prefix: /0x60" 2 'invalid IPv6 prefix' -- siit prefix del 64:ff9b::/0x60
expect "prefix: IPv4" 2 'invalid IPv6 prefix "192.0.2.0/24"' -- siit prefix add 192.0.2.0/24
expect "prefix: host bits" 2 "bits set beyond /96" -- siit prefix add 64:ff9b::1/96
expect "prefix: error prints usage" 2 "Usage:" -- siit prefix add x

echo "# usage errors: siit eam"
expect "eam add: missing both" 2 "missing IPV6PREFIX" -- siit eam add
expect "eam add: missing IPv4" 2 "missing IPV4PREFIX" -- siit eam add 2001:db8:3::/120
expect "eam del: missing IPv4" 2 "missing IPV4PREFIX" -- siit eam del 2001:db8:3::/120
expect "eam add: extra" 2 'unexpected argument "x"' -- siit eam add 2001:db8:3::/120 192.0.2.0/24 x
expect "eam add: bad IPv6" 2 'invalid IPv6 prefix "x" (expected ADDR[/LEN])' -- siit eam add x 192.0.2.0/24
expect "eam add: bad IPv4" 2 'invalid IPv4 prefix "x" (expected ADDR[/LEN])' -- siit eam add 2001:db8:3::/120 x
expect "eam add: swapped" 2 'invalid IPv6 prefix "192.0.2.0/24"' -- siit eam add 192.0.2.0/24 2001:db8:3::/120
expect "eam add: /129" 2 'invalid IPv6 prefix "2001:db8::/129"' -- siit eam add 2001:db8::/129 192.0.2.0/24
expect "eam add: /33" 2 'invalid IPv4 prefix "192.0.2.0/33"' -- siit eam add 2001:db8::/128 192.0.2.0/33
expect "eam add: IPv6 host bits" 2 "bits set beyond /120" -- siit eam add 2001:db8:3::1/120 192.0.2.0/24
expect "eam del: IPv4 host bits" 2 "bits set beyond /24" -- siit eam del 2001:db8:3::/120 192.0.2.1/24
expect "eam add: empty length" 2 'invalid IPv4 prefix "192.0.2.0/"' -- siit eam add 2001:db8:3::/120 192.0.2.0/
expect "eam show: extra" 2 'unexpected argument "x"' -- siit eam show x
expect "eam: unknown command" 2 'unknown "siit eam" command "x"' -- siit eam x
expect "eam: usage is eam's" 2 "v6gw siit eam add" -- siit eam add
if grep -qF "siit deny" "$tmp/err"; then
	fail "eam: usage is eam's only"
else
	pass "eam: usage is eam's only"
fi

echo "# usage errors: siit deny"
expect "deny add: missing" 2 "missing IPV4PREFIX" -- siit deny add
expect "deny del: extra" 2 'unexpected argument "x"' -- siit deny del 10.0.0.0/8 x
expect "deny add: bad" 2 'invalid IPv4 prefix "x"' -- siit deny add x
expect "deny add: IPv6" 2 'invalid IPv4 prefix "2001:db8::/32"' -- siit deny add 2001:db8::/32
expect "deny add: host bits" 2 "bits set beyond /8" -- siit deny add 10.0.0.1/8
expect "deny add: 256" 2 'invalid IPv4 prefix "10.0.0.256"' -- siit deny add 10.0.0.256
expect "deny show: extra" 2 'unexpected argument "x"' -- siit deny show x

echo "# usage errors: siit set, siit show"
expect "set: nothing" 2 "missing KEY VALUE" -- siit set
expect "set: unknown key" 2 'unknown "siit set" key "mtu"' -- siit set mtu 1500
expect "set: ambiguous key" 2 'ambiguous "siit set" key "rfc": could be rfc6791v4, rfc6791v6' -- siit set rfc 192.0.2.1
expect "set: ambiguous key t" 2 'could be tos, traffic-class' -- siit set t 1
expect "set: missing value" 2 "missing value for traffic-class (expected copy or 0..255)" -- siit set tos 1 traffic-class
expect "set: key twice" 2 "tos is given twice" -- siit set tos 1 to copy
expect "set: rfc6791v4 bad" 2 'invalid rfc6791v4 "x" (expected ADDR[/LEN] or none)' -- siit set rfc6791v4 x
expect "set: rfc6791v4 IPv6" 2 'invalid rfc6791v4 "2001:db8::1"' -- siit set rfc6791v4 2001:db8::1
expect "set: rfc6791v4 host bits" 2 'invalid rfc6791v4 "192.0.2.1/24": bits set beyond /24' -- siit set rfc6791v4 192.0.2.1/24
expect "set: rfc6791v6 bad" 2 'invalid rfc6791v6 "192.0.2.1" (expected ADDR[/LEN] or none)' -- siit set rfc6791v6 192.0.2.1
expect "set: rfc6791v6 NONE" 2 'invalid rfc6791v6 "NONE"' -- siit set rfc6791v6 NONE
expect "set: mtu 1279" 2 'invalid lowest-ipv6-mtu "1279" (expected 1280..65535)' -- siit set lowest-ipv6-mtu 1279
expect "set: mtu 65536" 2 'invalid lowest-ipv6-mtu "65536"' -- siit set low 65536
expect "set: mtu 1e3" 2 'invalid lowest-ipv6-mtu "1e3"' -- siit set low 1e3
expect "set: amend yes" 2 'invalid amend-udp-checksum-zero "yes" (expected on or off)' -- siit set amend-udp-checksum-zero yes
expect "set: amend o (values do not abbreviate)" 2 'invalid amend-udp-checksum-zero "o"' -- siit set am o
expect "set: tos 256" 2 'invalid tos "256" (expected copy or 0..255)' -- siit set tos 256
expect "set: tos 0x100" 2 'invalid tos "0x100"' -- siit set tos 0x100
expect "set: tos 0x" 2 'invalid tos "0x"' -- siit set tos 0x
expect "set: tos 0x0x1" 2 'invalid tos "0x0x1"' -- siit set tos 0x0x1
expect "set: tos -1" 2 'invalid tos "-1"' -- siit set tos -1
expect "set: tos +1" 2 'invalid tos "+1"' -- siit set tos +1
expect "set: tos ' 1'" 2 'invalid tos " 1"' -- siit set tos " 1"
expect "set: tos empty" 2 'invalid tos ""' -- siit set tos ""
expect "set: tos c (values do not abbreviate)" 2 'invalid tos "c"' -- siit set tos c
expect "set: traffic-class bad" 2 'invalid traffic-class "x" (expected copy or 0..255)' -- siit set traffic-class x
expect "set: bad value after good ones" 2 'invalid traffic-class "300"' -- siit set tos 1 rfc6791v4 none traffic-class 300
expect "set: error prints set's usage" 2 "amend-udp-checksum-zero { on | off }" -- siit set tos 256
expect "siit show: extra" 2 'unexpected argument "x"' -- siit show x
expect "siit: ambiguous s" 2 'ambiguous "siit" command "s": could be set, show' -- siit s 1

echo "# abbreviations reach the kernel"
expect "st sh" $netrc "" -- st sh
expect "stats (default show)" $netrc "" -- stats
expect "si pre a 64:ff9b::/96" $netrc "" -- si pre a 64:ff9b::/96
expect "si pre (default show)" $netrc "" -- si pre
expect "-j -p -s stats show" $netrc "" -- -j -p -s stats show
expect "siit (default show)" $netrc "" -- siit
expect "si sh" $netrc "" -- si sh
expect "-j -p si sh" $netrc "" -- -j -p si sh
# (with the module: each entry added is deleted again)
expect "si e a (EAM prefixes)" $netrc "" -- si e a 2001:db8:3::/120 192.0.2.0/24
expect "si e a (bare addresses)" $netrc "" -- si e a 2001:db8:4::1 192.0.2.1
expect "si e (default show)" $netrc "" -- si e
[ "$nomod" = 0 ] && expect_out "eam show: a bare address is a /128, a /32" \
	"2001:db8:4::1/128 192.0.2.1/32"
expect "-j si e sh" $netrc "" -- -j si e sh
[ "$nomod" = 0 ] && expect_out "eam show -j" \
	'{"ipv6":"2001:db8:3::/120","ipv4":"192.0.2.0/24"}'
expect "si e d (bare addresses)" $netrc "" -- si e d 2001:db8:4::1/128 192.0.2.1
expect "siit eam del" $netrc "" -- siit eam del 2001:db8:3::/120 192.0.2.0/24
expect "si d a" $netrc "" -- si d a 10.0.0.0/8
expect "si d a (bare address)" $netrc "" -- si d a 10.0.0.1
expect "si d (default show)" $netrc "" -- si d
[ "$nomod" = 0 ] && expect_out "deny show" "10.0.0.1/32"
expect "si den del (bare address)" $netrc "" -- si den del 10.0.0.1/32
expect "siit deny del" $netrc "" -- siit deny del 10.0.0.0/8
expect "si se: every key, abbreviated" $netrc "" -- si se rfc6791v4 192.0.2.1 \
	rfc6791v6 2001:db8:ffff::/96 l 1280 am on to 0x10 tr 255
expect "si se: none, copy, off" $netrc "" -- si se rfc6791v4 none \
	rfc6791v6 none am off tos copy traffic copy
expect "si se: decimal with a leading zero" $netrc "" -- si se tos 010
expect "si se: upper-case hex" $netrc "" -- si se tos 0XfF
expect "si se: exact key beats prefix" $netrc "" -- si se tos 1 traffic-class 2
if [ "$nomod" = 0 ]; then
	expect "-j siit show after set" 0 "" -- -j siit show
	expect_out "siit show -j: tos and traffic-class" '"tos":1,"traffic-class":2'
	expect_out "siit show -j: pools unset" '"rfc6791v4":null,"rfc6791v6":null'
	expect "siit set back to copy" 0 "" -- siit set tos copy traffic-class copy
	expect "siit show" 0 "" -- siit show
	expect_out "siit show: tos copy" "tos copy"
fi
expect "--json --pretty --stats st" $netrc "" -- --json --pretty --stats st

echo "# module not loaded"
if [ "$nomod" = 1 ]; then
	expect "not loaded: message" 1 \
		"v6gw: the v6gw kernel module is not loaded (try: modprobe v6gw)" \
		-- siit prefix show
else
	skip "not loaded: message" "the v6gw family exists here"
fi

echo "# -n"
expect "-n missing namespace" 1 \
	'network namespace "no-such-ns-'$$'" does not exist' -- \
	-n no-such-ns-$$ stats show
expect "-n: usage errors come first" 2 "invalid IPv6 prefix" -- \
	-n no-such-ns-$$ siit prefix add x
if [ "$(id -u)" = 0 ] && command -v ip > /dev/null &&
   ip netns add "v6gw-cli-$$" 2> /dev/null; then
	ns=v6gw-cli-$$
	if [ "$nomod" = 1 ]; then
		expect "-n existing namespace" 1 "module is not loaded" -- \
			-n "$ns" stats show
	else
		expect "-n existing namespace" 0 "" -- -n "$ns" siit prefix show
	fi
else
	skip "-n existing namespace" "needs root and ip netns"
fi

echo "# batch"
cat > "$tmp/b-syntax" <<'EOB'
# comment, then a blank line

siit prefix add "64:ff9b::/96"   # trailing comment
  -j stats show
st sh
siit eam add 2001:db8:3::/120 192.0.2.0/24
si d a 10.0.0.0/8
siit set tos copy am on
-j siit show
siit prefix add 64:ff9b::1/96
stats show
EOB
expect "batch: line number of a syntax error" 1 \
	'v6gw: batch '"$tmp"'/b-syntax line 10: invalid IPv6 prefix "64:ff9b::1/96"' \
	-- -b "$tmp/b-syntax"
if grep -q "not loaded" "$tmp/err"; then
	fail "batch: syntax is checked before anything runs"
else
	pass "batch: syntax is checked before anything runs"
fi
printf 'stats show\n"unterminated\n' > "$tmp/b-quote"
expect "batch: unterminated quote" 1 "line 2: unterminated quote" -- \
	-b "$tmp/b-quote"
printf 'siit eam add 2001:db8:3::/120 192.0.2.0/24\nsiit set tos 1 tos 2\n' \
	> "$tmp/b-set"
expect "batch: siit set checked first" 1 "line 2: tos is given twice" -- \
	-b "$tmp/b-set"
if grep -q "not loaded" "$tmp/err"; then
	fail "batch: siit set checked before line 1 runs"
else
	pass "batch: siit set checked before line 1 runs"
fi
printf 'siit eam add 2001:db8:3::/120\n' > "$tmp/b-eam"
expect "batch: eam add checked" 1 "line 1: missing IPV4PREFIX" -- \
	-b "$tmp/b-eam"
printf 'siit deny add 10.0.0.1/8\n' > "$tmp/b-deny"
expect "batch: deny add checked" 1 "line 1: invalid IPv4 prefix" -- \
	-b "$tmp/b-deny"
printf '\n-n foo stats show\n' > "$tmp/b-netns"
expect "batch: -n on a line" 1 "line 2: option -n is not allowed" -- \
	-b "$tmp/b-netns"
printf 's\n' > "$tmp/b-amb"
expect "batch: ambiguous word" 1 'line 1: ambiguous object "s"' -- \
	--batch "$tmp/b-amb"
printf -- '-j\n' > "$tmp/b-opt"
expect "batch: options but no command" 1 "line 1: options but no command" \
	-- -b "$tmp/b-opt"
printf '# nothing\n\n   \n' > "$tmp/b-empty"
expect "batch: only comments" 0 "" -- -b "$tmp/b-empty"
expect "batch: missing file" 1 "batch $tmp/nope: No such file" -- \
	-b "$tmp/nope"
expect "batch: extra arguments" 2 'unexpected argument "stats"' -- \
	-b "$tmp/b-empty" stats
if [ "$nomod" = 1 ]; then
	printf '\n\nstats show\n' > "$tmp/b-run"
	expect "batch: runtime error names its line" 1 \
		"batch $tmp/b-run line 3: the v6gw kernel module is not loaded" \
		-- -b "$tmp/b-run"
	printf 'help\nsiit prefix show\n' | "$V6GW" -b - > "$tmp/out" \
		2> "$tmp/err"
	if [ $? = 1 ] && grep -qF "batch <stdin> line 2:" "$tmp/err" &&
	   grep -qF "Usage:" "$tmp/out"; then
		pass "batch: stdin, runs lines in order"
	else
		fail "batch: stdin, runs lines in order"
	fi
else
	skip "batch: runtime errors" "the v6gw family exists here"
fi

echo "# man page and completion"
if command -v groff > /dev/null; then
	if [ -z "$(LC_ALL=C groff -man -Tutf8 -wall "$here/v6gw.8" 2>&1 \
		   > /dev/null)" ]; then
		pass "man page: groff -wall is quiet"
	else
		fail "man page: groff -wall is quiet"
	fi
else
	skip "man page: groff -wall" "no groff"
fi
for w in "stats show" "siit prefix add" "siit prefix del" \
	 "siit prefix show" "siit eam add" "siit eam del" "siit eam show" \
	 "siit deny add" "siit deny del" "siit deny show" "siit set" \
	 "siit show" rfc6791v4 rfc6791v6 lowest-ipv6-mtu \
	 amend-udp-checksum-zero tos traffic-class "--json" "--pretty" "--stats" "--netns" \
	 "--batch" "--version" "--help"; do
	if sed 's/\\-/-/g; s/\\f[BIRP]//g' "$here/v6gw.8" | grep -qF -- "$w"; then
		pass "man page documents '$w'"
	else
		fail "man page documents '$w'"
	fi
done
# Counter names: the enum v6gw_stat names, lowercase, '_' -> '-'. stats.c
# must have exactly these rows, and the man page must document each.
hdr=$here/../uapi/linux/v6gw.h
sed -n '/^enum v6gw_stat {/,/^}/s/^[[:space:]]*V6GW_STAT_\([A-Z0-9_]*\),.*/\1/p' \
	"$hdr" | grep -v '^UNSPEC$' > "$tmp/stat-enum"
sed -n 's/^[[:space:]]*\[V6GW_STAT_\([A-Z0-9_]*\)\][[:space:]]*= "\([^"]*\)",$/\1 \2/p' \
	"$here/stats.c" > "$tmp/stat-rows"
if [ -s "$tmp/stat-enum" ] &&
   [ "$(cut -d' ' -f1 "$tmp/stat-rows")" = "$(cat "$tmp/stat-enum")" ]; then
	pass "stats.c names every counter, in enum order"
else
	fail "stats.c names every counter, in enum order"
	diff "$tmp/stat-enum" <(cut -d' ' -f1 "$tmp/stat-rows") | sed 's/^/#   /'
fi
bad=$(while read -r id name; do
	want=$(printf '%s' "$id" | tr 'A-Z_' 'a-z-')
	[ "$name" = "$want" ] || echo "$id=$name"
done < "$tmp/stat-rows")
if [ -z "$bad" ]; then
	pass "stats.c names follow the enum"
else
	fail "stats.c names follow the enum ($bad)"
fi
missing=""
while read -r id name; do
	sed 's/\\-/-/g; s/\\f[BIRP]//g' "$here/v6gw.8" |
		grep -qx "\.B $name" || missing+=" $name"
done < "$tmp/stat-rows"
if [ -z "$missing" ]; then
	pass "man page documents every counter"
else
	fail "man page documents every counter (missing:$missing)"
fi
dup=$(while read -r id name; do
	[ "$(cat "$here"/*.c "$here"/*.h | grep -cF "\"$name\"")" = 1 ] ||
		echo "$name"
done < "$tmp/stat-rows")
if [ -z "$dup" ]; then
	pass "each counter name is spelt once in the sources"
else
	fail "each counter name is spelt once in the sources ($dup)"
fi

if bash -n "$here/v6gw.bash-completion"; then
	pass "completion: bash -n"
else
	fail "completion: bash -n"
fi
if command -v shellcheck > /dev/null; then
	if shellcheck -s bash "$here/v6gw.bash-completion" "$0"; then
		pass "shellcheck"
	else
		fail "shellcheck"
	fi
else
	skip "shellcheck" "not installed"
fi
# complete LINE: the completions bash would offer for LINE
complete_line()
{
	bash -c '
		source "$1"
		line=$2
		read -ra COMP_WORDS <<< "$line"
		[[ $line == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_v6gw
		echo "${COMPREPLY[*]}"' _ "$here/v6gw.bash-completion" "$1"
}
while IFS='|' read -r line want; do
	got=$(complete_line "$line")
	if [ "$got" = "$want" ]; then
		pass "completion: '$line' -> '$want'"
	else
		fail "completion: '$line' -> '$got', want '$want'"
	fi
done <<'EOC'
v6gw |stats siit help
v6gw s|stats siit
v6gw --js|--json
v6gw -j st |show help
v6gw si pre |add del show help
v6gw -s siit prefix d|del
v6gw help |stats siit
v6gw si |prefix eam deny set show help
v6gw siit d|deny
v6gw siit e |add del show help
v6gw siit deny a|add
v6gw siit set |rfc6791v4 rfc6791v6 lowest-ipv6-mtu amend-udp-checksum-zero tos traffic-class
v6gw siit set t|tos traffic-class
v6gw siit set tos |copy
v6gw siit set traffic-class |copy
v6gw si se rfc6791v4 |none
v6gw si se rfc6791v6 |none
v6gw si se l |1280
v6gw siit set am |on off
v6gw siit set am o|on off
v6gw siit set to 1 |rfc6791v4 rfc6791v6 lowest-ipv6-mtu amend-udp-checksum-zero traffic-class
v6gw siit set tos 1 rfc6791v4 none |rfc6791v6 lowest-ipv6-mtu amend-udp-checksum-zero traffic-class
v6gw -n x siit set |rfc6791v4 rfc6791v6 lowest-ipv6-mtu amend-udp-checksum-zero tos traffic-class
v6gw siit show |
v6gw siit eam add |
EOC

echo "1..$n"
[ "$failed" = 0 ] || { echo "# $failed of $n failed"; exit 1; }
echo "# all $n passed"
