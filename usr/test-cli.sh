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
	   "siit prefix show"; do
	expect_out "help lists '$cmd'" "v6gw $cmd"
done
expect "-h" 0 "" -- -h
expect "--help" 0 "" -- --help
expect "h (help abbreviated)" 0 "" -- h
expect "help siit" 0 "" -- help siit
expect_out "help siit shows its commands" "siit prefix add"
expect "siit help" 0 "" -- siit help
expect "siit prefix help" 0 "" -- siit prefix help
expect "stats help" 0 "" -- stats help
expect "siit -h" 0 "" -- siit -h

echo "# usage errors: exit 2"
expect "no arguments" 2 "missing object" --
expect "unknown object" 2 'unknown object "foo"' -- foo
expect "ambiguous object" 2 'ambiguous object "s": could be stats, siit' -- s
expect "unknown command" 2 'unknown "siit prefix" command "bogus"' -- siit prefix bogus
expect "missing siit command" 2 'missing "siit" command' -- siit
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

echo "# abbreviations reach the kernel"
expect "st sh" $netrc "" -- st sh
expect "stats (default show)" $netrc "" -- stats
expect "si pre a 64:ff9b::/96" $netrc "" -- si pre a 64:ff9b::/96
expect "si pre (default show)" $netrc "" -- si pre
expect "-j -p -s stats show" $netrc "" -- -j -p -s stats show
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
siit prefix add 64:ff9b::1/96
stats show
EOB
expect "batch: line number of a syntax error" 1 \
	'v6gw: batch '"$tmp"'/b-syntax line 6: invalid IPv6 prefix "64:ff9b::1/96"' \
	-- -b "$tmp/b-syntax"
if grep -q "not loaded" "$tmp/err"; then
	fail "batch: syntax is checked before anything runs"
else
	pass "batch: syntax is checked before anything runs"
fi
printf 'stats show\n"unterminated\n' > "$tmp/b-quote"
expect "batch: unterminated quote" 1 "line 2: unterminated quote" -- \
	-b "$tmp/b-quote"
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
	 "siit prefix show" "--json" "--pretty" "--stats" "--netns" \
	 "--batch" "--version" "--help"; do
	if sed 's/\\-/-/g; s/\\f[BIRP]//g' "$here/v6gw.8" | grep -qF -- "$w"; then
		pass "man page documents '$w'"
	else
		fail "man page documents '$w'"
	fi
done
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
EOC

echo "1..$n"
[ "$failed" = 0 ] || { echo "# $failed of $n failed"; exit 1; }
echo "# all $n passed"
