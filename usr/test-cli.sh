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
	   "siit show" "nat64 prefix add" "nat64 prefix del" \
	   "nat64 prefix show" "nat64 pool4 add" "nat64 pool4 del" \
	   "nat64 pool4 show" "nat64 bib add" "nat64 bib del" "nat64 bib show" \
	   "nat64 session show" "nat64 session count" "nat64 session flush" \
	   "nat64 set" "nat64 show" "ra set" "ra del" "ra show" "save"; do
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
expect "help nat64" 0 "" -- help nat64
expect_out "help nat64 shows its commands" "nat64 session flush"
expect_out "help nat64 defines PROTO" "where PROTO := { tcp | udp | icmp }"
expect "nat64 help" 0 "" -- nat64 help
expect_out "nat64 help shows pool4" "nat64 pool4 add ADDR[/LEN] [proto PROTO] [ports LO-HI]"
expect "nat64 -h" 0 "" -- nat64 -h
expect "n h (abbreviated)" 0 "" -- n h
expect_out "n h shows nat64" "v6gw nat64 show"
for sub in prefix pool4 bib session; do
	expect "nat64 $sub help" 0 "" -- nat64 $sub help
	expect_out "nat64 $sub help shows $sub" "v6gw nat64 $sub show"
done
if grep -qF "nat64 pool4" "$tmp/out"; then
	fail "nat64 session help shows session only"
else
	pass "nat64 session help shows session only"
fi
expect "nat64 bib h" 0 "" -- nat64 bib h
expect_out "nat64 bib help defines PROTO" "where PROTO :="
expect "nat64 set help" 0 "" -- nat64 set help
for key in tcp-est tcp-trans udp icmp tcp-syn filtering max-sessions \
	   wkpf-strict; do
	expect_out "nat64 set help lists '$key'" "      $key "
done
expect "nat64 set --help" 0 "" -- nat64 set --help
expect "help ra" 0 "" -- help ra
expect_out "help ra shows its commands" "v6gw ra show [dev IFNAME]"
expect "ra help" 0 "" -- ra help
expect_out "ra help shows set" "v6gw ra set dev IFNAME"
expect "ra set help" 0 "" -- ra set help
expect_out "ra set help shows the keywords" "[mode { add | replace }]"
expect "ra set --help" 0 "" -- ra set --help

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

echo "# usage errors: nat64 (caught before any netlink I/O)"
# nat64_err NAME PATTERN -- ARGS: exit 2, and no netlink: not "not loaded"
nat64_err()
{
	local name=$1 pat=$2
	shift 3
	expect "$name" 2 "$pat" -- "$@"
	if grep -qF "not loaded" "$tmp/err"; then
		fail "$name: no netlink I/O"
	fi
}
nat64_err "nat64: ambiguous s" 'ambiguous "nat64" command "s": could be session, set, show' -- nat64 s
nat64_err "nat64: ambiguous p" 'ambiguous "nat64" command "p": could be prefix, pool4' -- nat64 p
nat64_err "nat64: unknown command" 'unknown "nat64" command "nat"' -- nat64 nat
nat64_err "nat64 show: extra" 'unexpected argument "x"' -- nat64 show x
nat64_err "nat64 prefix add: missing" "missing PREFIX/LEN" -- nat64 prefix add
nat64_err "nat64 prefix add: extra" 'unexpected argument "x"' -- nat64 prefix add 64:ff9b::/96 x
nat64_err "nat64 prefix add: bad" 'invalid IPv6 prefix "192.0.2.0/24"' -- nat64 prefix add 192.0.2.0/24
nat64_err "nat64 prefix del: host bits" "bits set beyond /96" -- nat64 pre d 64:ff9b::1/96
nat64_err "nat64 prefix show: extra" 'unexpected argument "x"' -- nat64 prefix show x
nat64_err "pool4 add: missing" "missing ADDR[/LEN]" -- nat64 pool4 add
nat64_err "pool4 add: keywords only" "missing ADDR[/LEN]" -- nat64 pool4 add proto tcp
nat64_err "pool4 add: bad address" 'invalid IPv4 prefix "x" (expected ADDR[/LEN])' -- nat64 pool4 add x
nat64_err "pool4 add: IPv6" 'invalid IPv4 prefix "2001:db8::1"' -- nat64 pool4 add 2001:db8::1
nat64_err "pool4 add: host bits" "bits set beyond /24" -- nat64 pool4 add 192.0.2.1/24
nat64_err "pool4 add: two addresses" 'unexpected argument "192.0.2.2"' -- nat64 pool4 add 192.0.2.1 192.0.2.2
nat64_err "pool4 add: ambiguous keyword" 'ambiguous "nat64 pool4 add" keyword "p": could be proto, ports' -- nat64 pool4 add 192.0.2.1 p tcp
nat64_err "pool4 add: bad proto" 'invalid proto "sctp" (expected tcp, udp or icmp)' -- nat64 pool4 add 192.0.2.1 proto sctp
nat64_err "pool4 add: proto 6 (names only)" 'invalid proto "6"' -- nat64 pool4 add 192.0.2.1 proto 6
nat64_err "pool4 add: proto t (values do not abbreviate)" 'invalid proto "t"' -- nat64 pool4 add 192.0.2.1 proto t
nat64_err "pool4 add: proto twice" "proto is given twice" -- nat64 pool4 add 192.0.2.1 proto tcp pr udp
nat64_err "pool4 add: missing value" "missing value for ports" -- nat64 pool4 add 192.0.2.1 ports
nat64_err "pool4 add: ports one number" 'invalid ports "80" (expected LO-HI, each 0..65535)' -- nat64 pool4 add 192.0.2.1 ports 80
nat64_err "pool4 add: ports 65536" 'invalid ports "1-65536"' -- nat64 pool4 add 192.0.2.1 ports 1-65536
nat64_err "pool4 add: ports reversed" 'invalid ports "200-100": 200 is above 100' -- nat64 pool4 add 192.0.2.1 ports 200-100
nat64_err "pool4 add: ports -1" 'invalid ports "-1-5"' -- nat64 pool4 add 192.0.2.1 ports -1-5
nat64_err "pool4 del: bad proto" 'invalid proto "all"' -- nat64 pool4 del 192.0.2.1 proto all
nat64_err "pool4 show: extra" 'unexpected argument "x"' -- nat64 pool4 show x
nat64_err "pool4: usage names PROTO" "where PROTO :=" -- nat64 pool4 add
nat64_err "bib add: missing proto" "missing proto PROTO" -- nat64 bib add "[2001:db8::1]:80" 192.0.2.1:8080
nat64_err "bib add: missing IPv4 side" "missing IPV4ADDR:PORT" -- nat64 bib add proto tcp "[2001:db8::1]:80"
nat64_err "bib add: missing IPv6 side" "missing [IPV6ADDR]:PORT" -- nat64 bib add proto tcp 192.0.2.1:8080
nat64_err "bib del: missing both sides" "missing [IPV6ADDR]:PORT or IPV4ADDR:PORT" -- nat64 bib del proto udp
nat64_err "bib add: no brackets" 'invalid IPv6 transport address "2001:db8::1:80" (expected [IPV6ADDR]:PORT)' -- nat64 bib add proto tcp 2001:db8::1:80 192.0.2.1:8080
nat64_err "bib add: no IPv6 port" 'invalid IPv6 transport address "[2001:db8::1]"' -- nat64 bib add proto tcp "[2001:db8::1]" 192.0.2.1:8080
nat64_err "bib add: IPv6 port 65536" 'invalid IPv6 transport address "[2001:db8::1]:65536"' -- nat64 bib add proto tcp "[2001:db8::1]:65536" 192.0.2.1:8080
nat64_err "bib add: IPv4 in brackets" 'invalid IPv6 transport address "[192.0.2.1]:80"' -- nat64 bib add proto tcp "[192.0.2.1]:80" 192.0.2.1:8080
nat64_err "bib add: no IPv4 port" 'invalid IPv4 transport address "192.0.2.1" (expected IPV4ADDR:PORT)' -- nat64 bib add proto tcp "[2001:db8::1]:80" 192.0.2.1
nat64_err "bib add: IPv4 port x" 'invalid IPv4 transport address "192.0.2.1:x"' -- nat64 bib add proto tcp "[2001:db8::1]:80" 192.0.2.1:x
nat64_err "bib add: a word" 'invalid IPv4 transport address "x"' -- nat64 bib add proto tcp x
nat64_err "bib add: two IPv4 sides" 'unexpected argument "192.0.2.2:80"' -- nat64 bib add proto tcp 192.0.2.1:80 192.0.2.2:80
nat64_err "bib add: bad proto" 'invalid proto "TCP"' -- nat64 bib add proto TCP "[2001:db8::1]:80" 192.0.2.1:8080
nat64_err "bib show: unknown keyword" 'unknown "nat64 bib show" keyword "x"' -- nat64 bib show x
nat64_err "bib show: address" 'unknown "nat64 bib show" keyword "192.0.2.1:80"' -- nat64 bib show 192.0.2.1:80
nat64_err "bib show: missing value" "missing value for proto" -- nat64 bib show proto
nat64_err "session show: ambiguous ipv" 'ambiguous "nat64 session show" keyword "ipv": could be ipv6, ipv4' -- nat64 session show ipv ::1
nat64_err "session show: ipv6 IPv4" 'invalid ipv6 "192.0.2.1" (expected an IPv6 address)' -- nat64 session show ipv6 192.0.2.1
nat64_err "session show: ipv4 prefix" 'invalid ipv4 "192.0.2.0/24" (expected an IPv4 address)' -- nat64 session show ipv4 192.0.2.0/24
nat64_err "session show: ipv4 twice" "ipv4 is given twice" -- nat64 ses sh ipv4 192.0.2.1 ipv4 192.0.2.2
nat64_err "session show: bad proto" 'invalid proto "icmpv6"' -- nat64 ses sh proto icmpv6
nat64_err "session count: extra" 'unexpected argument "tcp"' -- nat64 session count tcp
nat64_err "session flush: ipv4 is no flush filter" 'unknown "nat64 session flush" keyword "ipv4"' -- nat64 session flush ipv4 192.0.2.1
nat64_err "session flush: bare proto" 'unknown "nat64 session flush" keyword "tcp"' -- nat64 session flush tcp
nat64_err "session: unknown command" 'unknown "nat64 session" command "del"' -- nat64 session del
nat64_err "set: nothing" "missing KEY VALUE" -- nat64 set
nat64_err "set: ambiguous tcp" 'ambiguous "nat64 set" key "tcp": could be tcp-est, tcp-trans, tcp-syn' -- nat64 set tcp 1
nat64_err "set: unknown key" 'unknown "nat64 set" key "timeout"' -- nat64 set timeout 1
nat64_err "set: key twice" "udp is given twice" -- nat64 set udp 300 u 400
nat64_err "set: missing value" "missing value for wkpf-strict (expected on or off)" -- nat64 set udp 300 wkpf-strict
nat64_err "set: tcp-est 0" 'invalid tcp-est "0" (expected 1..2147483648)' -- nat64 set tcp-est 0
nat64_err "set: tcp-est 2^31+1" 'invalid tcp-est "2147483649"' -- nat64 set tcp-est 2147483649
nat64_err "set: tcp-trans 0" 'invalid tcp-trans "0"' -- nat64 set tcp-trans 0
nat64_err "set: udp 119" 'invalid udp "119" (expected 120..2147483648)' -- nat64 set udp 119
nat64_err "set: icmp -1" 'invalid icmp "-1"' -- nat64 set icmp -1
nat64_err "set: tcp-syn 61" 'invalid tcp-syn "61" (expected 1..60)' -- nat64 set tcp-syn 61
nat64_err "set: tcp-syn 0" 'invalid tcp-syn "0"' -- nat64 set tcp-s 0
nat64_err "set: filtering bad" 'invalid filtering "end" (expected endpoint or address)' -- nat64 set filtering end
nat64_err "set: max-sessions 0" 'invalid max-sessions "0" (expected 1..2147483648)' -- nat64 set max-sessions 0
nat64_err "set: wkpf-strict yes" 'invalid wkpf-strict "yes" (expected on or off)' -- nat64 set wkpf-strict yes
nat64_err "set: bad value after good ones" 'invalid icmp "x"' -- nat64 set udp 300 filtering address icmp x
nat64_err "set: error prints set's usage" "wkpf-strict { on | off }" -- nat64 set udp 1
nat64_err "nat64 -n: usage errors come first" "invalid tcp-syn" -- -n no-such-ns-$$ nat64 set tcp-syn 99
if [ "$nomod" = 1 ]; then
	expect "nat64: well-formed reaches netlink" 1 "module is not loaded" -- \
		nat64 set tcp-syn 60
fi

echo "# usage errors: clat"
nat64_err "clat set: nothing" "missing ipv4 PREFIX" -- clat set
nat64_err "clat set: no plat" "missing plat PREFIX" -- clat set ipv4 192.168.1.0/24 ipv6 2001:db8:c::/64
nat64_err "clat set: unknown keyword" 'unknown "clat set" keyword "mtu"' -- clat set mtu 1500
nat64_err "clat set: keyword twice" "ipv4 is given twice" -- clat set ipv4 192.168.1.0/24 ipv4 10.0.0.0/8
nat64_err "clat set: ambiguous keyword" 'ambiguous "clat set" keyword "ip"' -- clat set ip 192.168.1.0/24
nat64_err "clat set: missing value" "missing value for plat" -- clat set ipv4 192.168.1.0/24 plat
nat64_err "clat set: auto without dev" "plat auto needs dev IFNAME" -- clat set ipv4 192.168.1.0/24 ipv6 2001:db8:c::/64 plat auto
nat64_err "clat set: dev without auto" "dev goes with plat auto only" -- clat set ipv4 192.168.1.0/24 ipv6 2001:db8:c::/64 plat 64:ff9b::/96 dev lo
nat64_err "clat set: bad dev" 'invalid interface name "a/b"' -- clat set ipv4 192.168.1.0/24 ipv6 2001:db8:c::/64 plat auto dev a/b
nat64_err "clat set: IPv6 as ipv4" 'invalid IPv4 prefix "2001:db8::/64"' -- clat set ipv4 2001:db8::/64 ipv6 2001:db8:c::/64 plat 64:ff9b::/96
nat64_err "clat set: bare plat" 'invalid PLAT prefix "64:ff9b::"' -- clat set ipv4 192.168.1.0/24 ipv6 2001:db8:c::/64 plat 64:ff9b::
nat64_err "clat set: error prints usage" "v6gw clat set ipv4 PREFIX ipv6 PREFIX plat { PREFIX | auto dev IFNAME }" -- clat set x
nat64_err "clat set: bad host" 'invalid host setting "yes"' -- clat set ipv4 192.0.0.0/29 ipv6 2001:db8:c::/96 plat 64:ff9b::/96 host yes
nat64_err "clat del: extra" 'unexpected argument "x"' -- clat del x
nat64_err "clat show: extra" 'unexpected argument "x"' -- clat show x

echo "# usage errors: ra"
rdnss9=2001:db8::1,2001:db8::2,2001:db8::3,2001:db8::4,2001:db8::5
rdnss9=$rdnss9,2001:db8::6,2001:db8::7,2001:db8::8,2001:db8::9
dnssl9=a.example,b.example,c.example,d.example,e.example,f.example
dnssl9=$dnssl9,g.example,h.example,i.example
label64=$(printf 'a%.0s' {1..64})
label63=$(printf 'a%.0s' {1..63})
name255=$label63.$label63.$label63.$label63
# 253 characters (255 wire bytes), and 252 (254)
long253=$label63.$label63.$label63.$(printf 'b%.0s' {1..61})
long252=c${long253:2}
nat64_err "ra: ambiguous s" 'ambiguous "ra" command "s": could be set, show' -- ra s
nat64_err "ra: unknown command" 'unknown "ra" command "add"' -- ra add
nat64_err "ra set: nothing" "missing dev IFNAME" -- ra set
nat64_err "ra set: no dev" "missing dev IFNAME" -- ra set rdnss 2001:db8::53
nat64_err "ra set: no option" "nothing to add: give rdnss, dnssl or pref64" -- ra set dev lo
nat64_err "ra set: only lifetime and mode" "nothing to add" -- ra set dev lo lifetime 60 mode add
nat64_err "ra set: missing value" "missing value for dev" -- ra set dev
nat64_err "ra set: missing value last" "missing value for mode" -- ra set dev lo dnssl x mode
nat64_err "ra set: unknown keyword" 'unknown "ra set" keyword "rdns6"' -- ra set dev lo rdns6 2001:db8::53
nat64_err "ra set: ambiguous keyword" 'ambiguous "ra set" keyword "d": could be dev, dnssl' -- ra set d lo
nat64_err "ra set: keyword twice" "rdnss is given twice" -- ra set dev lo rdnss 2001:db8::53 rdnss 2001:db8::54
nat64_err "ra set: dev twice" "dev is given twice" -- ra set dev lo dnssl x dev lo
nat64_err "ra set: error prints set's usage" "[mode { add | replace }]" -- ra set dev lo
nat64_err "ra: dev with a slash" 'invalid interface name "a/b"' -- ra set dev a/b dnssl x
nat64_err "ra: dev of 16 bytes" 'invalid interface name "0123456789abcdef"' -- ra set dev 0123456789abcdef dnssl x
nat64_err "ra: dev empty" 'invalid interface name ""' -- ra del dev ""
nat64_err "ra: rdnss not an address" 'invalid rdnss address "x"' -- ra set dev lo rdnss x
nat64_err "ra: rdnss IPv4" 'invalid rdnss address "192.0.2.53"' -- ra set dev lo rdnss 192.0.2.53
nat64_err "ra: rdnss a prefix" 'invalid rdnss address "2001:db8::/64"' -- ra set dev lo rdnss 2001:db8::/64
nat64_err "ra: rdnss empty item" 'invalid rdnss "2001:db8::53,": an empty item' -- ra set dev lo rdnss 2001:db8::53,
nat64_err "ra: rdnss empty" 'invalid rdnss "": an empty item' -- ra set dev lo rdnss ""
nat64_err "ra: rdnss blank" 'invalid rdnss address " 2001:db8::54"' -- ra set dev lo rdnss "2001:db8::53, 2001:db8::54"
nat64_err "ra: rdnss multicast" 'invalid rdnss address "ff02::1": multicast, loopback and :: are refused' -- ra set dev lo rdnss ff02::1
nat64_err "ra: rdnss loopback" 'invalid rdnss address "::1"' -- ra set dev lo rdnss ::1
nat64_err "ra: rdnss unspecified" 'invalid rdnss address "::"' -- ra set dev lo rdnss ::
nat64_err "ra: rdnss twice" 'rdnss address "2001:db8::053" is given twice' -- ra set dev lo rdnss 2001:db8::53,2001:db8::053
nat64_err "ra: rdnss 9 addresses" "too many rdnss addresses (at most 8)" -- ra set dev lo rdnss "$rdnss9"
nat64_err "ra: dnssl empty label" 'invalid dnssl name "a..example": an empty label' -- ra set dev lo dnssl a..example
nat64_err "ra: dnssl leading dot" 'invalid dnssl name ".example"' -- ra set dev lo dnssl .example
nat64_err "ra: dnssl root only" 'invalid dnssl name "."' -- ra set dev lo dnssl .
nat64_err "ra: dnssl bad character" 'invalid dnssl name "ex ample.com": only letters' -- ra set dev lo dnssl "ex ample.com"
nat64_err "ra: dnssl empty item" 'an empty item' -- ra set dev lo dnssl example.com,,lab.example
nat64_err "ra: dnssl label of 64" "a label is longer than 63 characters" -- ra set dev lo dnssl "$label64.example"
nat64_err "ra: dnssl 255 characters" "longer than 253 characters" -- ra set dev lo dnssl "$name255"
nat64_err "ra: dnssl twice, case and dot aside" 'dnssl name "Example.COM." is given twice' -- ra set dev lo dnssl example.com,Example.COM.
nat64_err "ra: dnssl 9 names" "too many dnssl names (at most 8)" -- ra set dev lo dnssl "$dnssl9"
nat64_err "ra: dnssl over 512 bytes" "the dnssl names are too long together" -- ra set dev lo dnssl "$long253,$long252,xy"
nat64_err "ra: pref64 no length" 'invalid pref64 "64:ff9b::" (expected PREFIX/LEN)' -- ra set dev lo pref64 64:ff9b::
nat64_err "ra: pref64 /33" 'invalid pref64 "64:ff9b::/33": the length must be 32, 40, 48, 56, 64 or 96' -- ra set dev lo pref64 64:ff9b::/33
nat64_err "ra: pref64 /128" "the length must be" -- ra set dev lo pref64 64:ff9b::/128
nat64_err "ra: pref64 host bits" "bits set beyond /96" -- ra set dev lo pref64 64:ff9b::1/96
nat64_err "ra: pref64 IPv4" 'invalid pref64 "192.0.2.0/24"' -- ra set dev lo pref64 192.0.2.0/24
nat64_err "ra: lifetime word" 'invalid lifetime "forever" (expected 0..4294967295 seconds or infinity)' -- ra set dev lo dnssl x lifetime forever
nat64_err "ra: lifetime 2^32" 'invalid lifetime "4294967296"' -- ra set dev lo dnssl x lifetime 4294967296
nat64_err "ra: lifetime negative" 'invalid lifetime "-1"' -- ra set dev lo dnssl x lifetime -1
nat64_err "ra: lifetime abbreviated" 'invalid lifetime "inf"' -- ra set dev lo dnssl x lifetime inf
nat64_err "ra: mode unknown" 'invalid mode "merge" (expected add or replace)' -- ra set dev lo dnssl x mode merge
nat64_err "ra: mode abbreviated" 'invalid mode "rep"' -- ra set dev lo dnssl x mode rep
nat64_err "ra del: no dev" "missing dev IFNAME" -- ra del
nat64_err "ra del: set's keywords" 'unknown "ra del" keyword "rdnss"' -- ra del dev lo rdnss 2001:db8::53
nat64_err "ra del: error prints del's usage" "v6gw ra del dev IFNAME" -- ra del
nat64_err "ra show: extra" 'unknown "ra show" keyword "lo"' -- ra show lo
nat64_err "ra show: missing value" "missing value for dev" -- ra show dev
nat64_err "ra -n: usage errors come first" "invalid mode" -- -n no-such-ns-$$ ra set dev lo dnssl x mode x
# Names the kernel is asked about: up to 63-byte labels and 253
# characters, 8 names in 512 wire bytes, 8 addresses.
dnssl8=${dnssl9%,i.example}
rdnss8=${rdnss9%,2001:db8::9}
if [ "$nomod" = 1 ]; then
	expect "ra: well-formed reaches netlink" 1 "module is not loaded" -- \
		ra set dev lo rdnss "$rdnss8" dnssl "$dnssl8" pref64 64:ff9b::/96 \
		lifetime infinity mode replace
	expect "ra: 253 characters, one trailing dot" 1 "module is not loaded" -- \
		ra set dev lo dnssl "$long253."
	expect "ra: 512 wire bytes" 1 "module is not loaded" -- \
		ra set dev lo dnssl "$long253,$long252,x"
	expect "ra: abbreviated, lifetime 0" 1 "module is not loaded" -- \
		ra se de lo rd 2001:db8::53 dn example.com pr 64:ff9b::/96 l 0 m add
	expect "ra del" 1 "module is not loaded" -- ra del dev lo
	expect "ra (default show)" 1 "module is not loaded" -- ra
	expect "-j ra show dev" 1 "module is not loaded" -- -j ra show dev lo
else
	# the interface is resolved after the socket opens, in the namespace
	expect "ra set: no such interface" 1 \
		'interface "nosuch'$$'" does not exist' -- \
		ra set dev "nosuch$$" dnssl example.com
	expect "ra show: no such interface" 1 \
		'interface "nosuch'$$'" does not exist' -- ra show dev "nosuch$$"
	expect "ra (default show)" 0 "" -- ra
	expect "-j ra show" 0 "" -- -j ra show
	expect_out "ra show -j: an array" "["
fi

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
# nat64, abbreviated. With the module the sequence configures and undoes
# (the siit prefix above is 64:ff9b::/96, so NAT64 uses another one).
expect "n (default show)" $netrc "" -- n
expect "-j -p n sh" $netrc "" -- -j -p n sh
expect "n pre a" $netrc "" -- n pre a 2001:db8:64::/96
expect "n pre (default show)" $netrc "" -- n pre
[ "$nomod" = 0 ] && expect_out "nat64 prefix show" "2001:db8:64::/96"
expect "n po a (bare address, proto, ports)" $netrc "" -- n po a 203.0.113.1 pr tcp po 1024-65535
expect "n po a (prefix, all protocols)" $netrc "" -- n pool4 add 203.0.113.8/30
expect "n po (default show)" $netrc "" -- n po
[ "$nomod" = 0 ] && expect_out "nat64 pool4 show" "203.0.113.1/32 tcp 1024-65535"
expect "-j n po sh" $netrc "" -- -j n po sh
[ "$nomod" = 0 ] && expect_out "nat64 pool4 show -j" \
	'{"prefix":"203.0.113.1/32","proto":"tcp","port-min":1024,"port-max":65535}'
expect "n b a (keyword last)" $netrc "" -- n b a "[2001:db8::80]:80" 203.0.113.1:8080 pr tcp
expect "n b (default show)" $netrc "" -- n b
[ "$nomod" = 0 ] && expect_out "nat64 bib show" \
	"tcp [2001:db8::80]:80 203.0.113.1:8080 static 0"
expect "-j n b sh pr tcp" $netrc "" -- -j n b sh pr tcp
expect "n ses (default show)" $netrc "" -- n ses
expect "n ses sh: every filter" $netrc "" -- n ses sh pr udp ipv6 2001:db8::80 ipv4 203.0.113.1
expect "-j n ses sh pr icmp" $netrc "" -- -j n ses sh pr icmp
[ "$nomod" = 0 ] && expect_out "nat64 session show -j: an array" "["
expect "n ses c" $netrc "" -- n ses c
[ "$nomod" = 0 ] && expect_out "nat64 session count" "tcp bib 1 sessions 0"
expect "-j n ses c" $netrc "" -- -j n ses c
expect "n b d (IPv4 side only)" $netrc "" -- n b d pr tcp 203.0.113.1:8080
expect "n ses fl pr udp" $netrc "" -- n ses fl pr udp
expect "n ses fl" $netrc "" -- n ses fl
expect "n se: every key, abbreviated" $netrc "" -- n set tcp-e 7441 tcp-t 241 \
	u 0x12c i 61 tcp-s 60 f address m 2147483648 w off
expect "nat64 set: the defaults" $netrc "" -- nat64 set tcp-est 7440 \
	tcp-trans 240 udp 300 icmp 60 tcp-syn 6 filtering endpoint \
	max-sessions 1048576 wkpf-strict on
if [ "$nomod" = 0 ]; then
	expect "nat64 show" 0 "" -- nat64 show
	expect_out "nat64 show: tcp-est" "tcp-est 7440"
	expect "-j nat64 show" 0 "" -- -j nat64 show
	expect_out "nat64 show -j" '"filtering":"endpoint","max-sessions":1048576,"wkpf-strict":true'
fi
expect "n po d" $netrc "" -- n po d 203.0.113.8/30
expect "n po d pr tcp po" $netrc "" -- n po d 203.0.113.1 pr tcp po 1024-65535
expect "n pre d" $netrc "" -- n pre d 2001:db8:64::/96

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
printf 'nat64 prefix add 2001:db8:64::/96\nnat64 bib add proto tcp [2001:db8::1]:80 192.0.2.1\n' \
	> "$tmp/b-nat64"
expect "batch: nat64 checked first" 1 \
	'line 2: invalid IPv4 transport address "192.0.2.1"' -- -b "$tmp/b-nat64"
if grep -q "not loaded" "$tmp/err"; then
	fail "batch: nat64 checked before line 1 runs"
else
	pass "batch: nat64 checked before line 1 runs"
fi
printf 'nat64 set udp 300\n-j nat64 session show\nnat64 set tcp-syn 61\n' \
	> "$tmp/b-nat64-set"
expect "batch: nat64 set checked" 1 'line 3: invalid tcp-syn "61"' -- \
	-b "$tmp/b-nat64-set"
printf 'ra set dev lo dnssl example.com\nra set dev lo rdnss ::1\n' > "$tmp/b-ra"
expect "batch: ra checked first" 1 'line 2: invalid rdnss address "::1"' -- \
	-b "$tmp/b-ra"
if grep -q "not loaded\|does not exist" "$tmp/err"; then
	fail "batch: ra checked before line 1 runs"
else
	pass "batch: ra checked before line 1 runs"
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

echo "# save"
expect "save: an argument" 2 'unexpected argument "x"' -- save x
expect "save: -j" 2 "-j does not apply" -- -j save
expect "save help" 0 "" -- save help
expect_out "save help shows save" "v6gw save"
printf 'save\nsave x\n' > "$tmp/b-save"
expect "batch: save checked" 1 'line 2: unexpected argument "x"' -- \
	-b "$tmp/b-save"

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
	 "nat64 prefix add" "nat64 prefix del" "nat64 prefix show" \
	 "nat64 pool4 add" "nat64 pool4 del" "nat64 pool4 show" \
	 "nat64 bib add" "nat64 bib del" "nat64 bib show" \
	 "nat64 session show" "nat64 session count" "nat64 session flush" \
	 "nat64 set" "nat64 show" tcp-est tcp-trans ".BI udp " \
	 ".BI icmp " tcp-syn filtering max-sessions wkpf-strict \
	 v4-fin-v6-fin-rcv '"port-min"' '"expires-ms"' '"sessions"' \
	 '"static"' '"count"' '"wkpf-strict"' '"src6"' '"dport4"' \
	 amend-udp-checksum-zero tos traffic-class "ra set dev" "ra del dev" \
	 "ra show" ".BI rdnss " ".BI dnssl " ".BI pref64 " "lifetime " \
	 infinity replace NF_NETDEV_EGRESS '"ifindex"' '"dnssl"' \
	 "v6gw save" "not atomically" \
	 "--json" "--pretty" "--stats" "--netns" \
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
v6gw |stats siit nat64 ra pd clat save monitor flush help
v6gw s|stats siit save
v6gw save |
v6gw monitor |config events help
v6gw mon e|events
v6gw --js|--json
v6gw -j st |show help
v6gw si pre |add del show help
v6gw -s siit prefix d|del
v6gw help |stats siit nat64 ra pd clat save monitor flush
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
v6gw clat |set del show help
v6gw clat set |ipv4 ipv6 plat host
v6gw clat set ipv4 192.168.1.0/24 |ipv6 plat host
v6gw cl se ipv4 192.168.1.0/24 pl |64:ff9b::/96 auto
v6gw clat set ipv4 192.168.1.0/24 plat auto |ipv6 dev host
v6gw clat set ipv6 2001:db8:c::/64 plat 64:ff9b::/96 |ipv4 host
v6gw siit eam add |
v6gw n|nat64
v6gw nat64 |prefix pool4 bib session set show help
v6gw nat64 p|prefix pool4
v6gw n ses |show count flush help
v6gw nat64 pool4 |add del show help
v6gw nat64 bib d|del
v6gw nat64 prefix add |64:ff9b::/96
v6gw nat64 pool4 add 192.0.2.1 |proto ports
v6gw nat64 po a 192.0.2.1 pr |tcp udp icmp
v6gw nat64 po a 192.0.2.1 pr tcp |ports
v6gw nat64 po a 192.0.2.1 po |1-65535
v6gw nat64 bib add |proto
v6gw nat64 bib add proto udp |
v6gw nat64 bib show |proto
v6gw nat64 ses sh |proto ipv6 ipv4
v6gw nat64 ses sh ipv6 ::1 |proto ipv4
v6gw nat64 ses sh ipv4 |
v6gw nat64 ses fl |proto
v6gw nat64 ses count |
v6gw nat64 set |tcp-est tcp-trans udp icmp tcp-syn filtering max-sessions wkpf-strict
v6gw nat64 set tcp|tcp-est tcp-trans tcp-syn
v6gw nat64 set f |endpoint address
v6gw nat64 set w |on off
v6gw nat64 set tcp-s |6
v6gw nat64 set tcp-s 6 u 300 |tcp-est tcp-trans icmp filtering max-sessions wkpf-strict
v6gw nat64 show |
v6gw r|ra
v6gw ra |set del show help
v6gw ra s|set show
v6gw ra set |dev rdnss dnssl pref64 lifetime mode
v6gw ra set dev lo |rdnss dnssl pref64 lifetime mode
v6gw ra se de lo rd 2001:db8::53 |dnssl pref64 lifetime mode
v6gw ra set dev lo m|mode
v6gw ra set dev lo mode |add replace
v6gw ra set dev lo mode r|replace
v6gw ra set dev lo lifetime |infinity
v6gw ra set dev lo pref64 |64:ff9b::/96
v6gw ra set dev lo rdnss |
v6gw ra set dev lo dnssl |
v6gw ra del |dev
v6gw ra del dev lo |
v6gw ra show |dev
v6gw ra help |
EOC
# "dev" offers the interfaces of the namespace (lo is in every one)
got=" $(complete_line "v6gw ra set dev ") "
if [[ $got == *" lo "* ]]; then
	pass "completion: 'v6gw ra set dev ' offers lo"
else
	fail "completion: 'v6gw ra set dev ' offers lo (got:$got)"
fi
got=" $(complete_line "v6gw clat set plat auto dev ") "
if [[ $got == *" lo "* ]]; then
	pass "completion: 'v6gw clat set plat auto dev ' offers lo"
else
	fail "completion: 'v6gw clat set plat auto dev ' offers lo (got:$got)"
fi

echo "1..$n"
[ "$failed" = 0 ] || { echo "# $failed of $n failed"; exit 1; }
echo "# all $n passed"
