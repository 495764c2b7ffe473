#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Router Advertisement option injection (RFC 8106 RDNSS and DNSSL, RFC 8781
# PREF64) end to end, with real peers:
#
#   [R] radvd, r0 ---------------- eth0 [H] rdisc6, the kernel's RA
#       v6gw ra rules on r0             handling, a packet sniffer
#
#   [RB] radvd, rb0 ---- p1 [B: br0] p2 ---- eth0 [HA]
#                                    p3 ---- eth0 [HC]
#       v6gw ra rules on the bridge ports, without br_netfilter
#
# radvd's own RAs, rewritten on their way out; lifetimes; modes add and
# replace; rules replaced and deleted; the rule of an interface that goes
# away; the MTU; malformed RAs and other ICMPv6 sent on unchanged (crafted
# with a packet socket in R); the netlink contract (v6gw_nl.py ra); the
# limit of rules per namespace; the module unloaded with a rule. Sniffing,
# crafting and checking are done by one ra_sniff.py server (ra_lib.sh): a
# TCG guest starts Python, or jq, slowly.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/ra_lib.sh"

v6gw_load || exit "$ksft_fail"
require_command radvd rdisc6 python3

D1=2001:db8::53
D2=2001:db8::54
D3=2001:db8::55
NAT64=64:ff9b::/96

ktap_print_header
ktap_set_plan 26
start=$(date +%s)

setup_ns R H || exit "$ksft_skip"
ns_prepare "$R" "$H"
ip netns exec "$R" sysctl -qw net.ipv6.conf.all.forwarding=1
ip link add r0 netns "$R" type veth peer name eth0 netns "$H"
ip -n "$R" link set r0 up
ip -n "$H" link set eth0 up
CAP=$TMPD/h.cap
UO=$TMPD/h.uo
ra_srv_start
sniff_start "$H" eth0 "$CAP"
useropt_start "$H" "$UO"

# The config notifications of R and H (v6gw_nl.py's monitor, run by the
# server), and v6gw's own monitor, when the tool has one.
srv "$R" genl_monitor config "$TMPD/mon-r"
srv "$H" genl_monitor config "$TMPD/mon-h"
CLI_MON=""
if "$V6GW" help 2>&1 | grep -q "v6gw monitor"; then
	"$V6GW" -n "$R" -j monitor config > "$TMPD/cli-mon-r" 2>&1 &
	RA_BG_PIDS+=($!)
	CLI_MON=$TMPD/cli-mon-r
fi
# The netlink contract, in a namespace of its own: Python starts now, in
# the background, for case 9.
setup_ns N || exit "$ksft_fail"
ip -n "$N" link add dum0 type dummy
ip netns exec "$N" python3 "$RA_NL" ra dum0 > "$TMPD/nl.log" 2>&1 &
NL_PID=$!
RA_BG_PIDS+=("$NL_PID")

r() { "$V6GW" -n "$R" "$@"; }
# h_next SINCE [WHERE]: H's first RA after SINCE, soliciting
h_next() { ra_next "$H" eth0 "$CAP" "$@"; }
# ifindex NS IFNAME
ifindex() { ip -n "$1" -o link show "$2" | cut -d: -f1; }

# --- 1. radvd's RAs, rewritten ------------------------------------------

# Most RAs below are radvd's answers to H's solicitations: unicast to H,
# at once (periodic ones come every 3 to 4 s).
radvd_conf "$TMPD/r1.conf" r0 1234 "prefix 2001:db8:1::/64 { };"
t=$(now)
radvd_start "$R" "$TMPD/r1.conf"
ra0=$(h_next "$t" 'd.dst != "ff02::1"')
H_LL=$(val "$ra0" d.dst)	# the solicited RA's destination
R_LL=$(val "$ra0" d.src)
# h_uni SINCE [WHERE]: the first solicited RA after SINCE
h_uni() { h_next "$1" "d.dst == '$H_LL' and (${2:-True})"; }
expect "an RA from radvd without a rule" chk "$ra0" \
	"d.types == [3, 1] and d.src.startswith('fe80:')"
s0=$(ra_stats "$R")
expect "the ra- counters, all 0 without a rule" chk "$s0" \
	"[d[k] for k in ('ra-rewritten', 'ra-unchanged', 'ra-malformed',
	 'ra-too-big', 'ra-nomem')] == [0, 0, 0, 0, 0]"

expect "ra set" r ra set dev r0 rdnss "$D1,$D2" \
	dnssl example.com,lab.example pref64 "$NAT64"
t=$(now)
ra1=$(h_uni "$t")
s1=$(ra_stats "$R")
# scapy takes long to start: it reads ra1 meanwhile, checked in the end
# (the server has one client: the shell, not a background job)
if [ -d /usr/lib/python3/dist-packages/scapy ]; then
	hex1=$(val "$ra1" d.hex)
	/usr/bin/python3 "$RA_SNIFF" scapy "$hex1" > "$TMPD/scapy" 2>&1 &
	SCAPY_PID=$!
	RA_BG_PIDS+=("$SCAPY_PID")
fi
expect "RDNSS, DNSSL, PREF64 after radvd's prefix and SLLA" \
	chk "$ra1" "d.types == [3, 1, 25, 31, 38]"
expect "RDNSS $D1 $D2" chk "$ra1" "d.rdnss == ['$D1', '$D2']"
expect "DNSSL example.com lab.example" \
	chk "$ra1" "d.dnssl == ['example.com', 'lab.example']"
expect "PREF64 $NAT64, PLC 0" chk "$ra1" \
	"[(p.prefix, p.plc) for p in d.pref64] == [('$NAT64', 0)]"
expect "still an RA: hop limit 255, from R, valid checksum" chk "$ra1" \
	"d.hlim == 255 and d.src == '$R_LL' and d.csum_ok and d.opts_ok and
	 d.paylen == d.len - 40 and d.router_lifetime == 1234"
expect "radvd's RA with the options appended, its own bytes kept" \
	appended "$ra0" "$ra1"
expect "ra-rewritten moved" chk "$(delta "$s0" "$s1" ra-rewritten)" "d >= 1"
case_end "radvd's RAs leave r0 with RDNSS, DNSSL and PREF64 appended"

# rdisc6 solicits and prints the RA it gets.
out=$(ip netns exec "$H" rdisc6 -1 -r 5 eth0 2>&1)
expect "rdisc6: recursive DNS server $D1" \
	grep -Eq "Recursive DNS server +: $D1\$" <<< "$out"
expect "rdisc6: recursive DNS server $D2" \
	grep -Eq "Recursive DNS server +: $D2\$" <<< "$out"
expect "rdisc6: DNS servers lifetime 1234" \
	grep -Eq "DNS servers lifetime +: +1234 " <<< "$out"
expect "rdisc6: DNS search list" \
	grep -Eq "DNS search list +: example.com lab.example *\$" <<< "$out"
expect "rdisc6: the prefix" grep -q "Prefix *: 2001:db8:1::/64" <<< "$out"
[ -n "$FAILED" ] && __diag "$out"
case_end "rdisc6 in H: recursive DNS servers and search list"

# H's IPv6 stack took the RA: ND user options to user space (what
# systemd-networkd, NetworkManager or rdnssd listen to), an address from the
# prefix and a default route.
uo=$(ra_py useropts "$UO" "$t")
ifx=$(ifindex "$H" eth0)
expect "nduseropt RDNSS" chk "$uo" "any(o.type == 25 and o.ifindex == $ifx
	and o.addrs == ['$D1', '$D2'] and o.lifetime == 1234 for o in d)"
expect "nduseropt DNSSL" chk "$uo" "any(o.type == 31 and
	o.names == ['example.com', 'lab.example'] and o.lifetime == 1234
	for o in d)"
expect "nduseropt PREF64" chk "$uo" "any(o.type == 38 and
	o.prefix == '$NAT64' and o.scaled == 155 for o in d)"
expect "SLAAC address in 2001:db8:1::/64" \
	grep -q "inet6 2001:db8:1:" <<< "$(ip -n "$H" -6 addr show dev eth0)"
expect "default route via R" grep -q "default via $R_LL dev eth0 proto ra" \
	<<< "$(ip -n "$H" -6 route show default)"
case_end "H's kernel: RDNSS, DNSSL, PREF64 as ND user options; SLAAC and default route"

# --- 2. lifetimes -----------------------------------------------------------

# PREF64: 8 s units, rounded up (1234 s -> 155), at most 8191 (65528 s).
expect "RDNSS and DNSSL: the router lifetime 1234" \
	chk "$ra1" "lifetimes(d, 25, 31) == [1234, 1234]"
expect "PREF64: 155 (1240 s)" chk "$ra1" "d.pref64[0].scaled == 155"
case_end "lifetime by default: radvd's router lifetime (1234 s, PREF64 155 x 8 s)"

got=""
for lt in 600:600:75 601:601:76 infinity:4294967295:8191 0:0:0 \
	70000:70000:8191; do
	IFS=: read -r arg want scaled <<< "$lt"
	expect "ra set lifetime $arg" r ra set dev r0 rdnss "$D1" \
		dnssl example.com pref64 "$NAT64" lifetime "$arg"
	t=$(now)
	ra=$(h_next "$t")
	expect "lifetime $arg: RDNSS, DNSSL $want, PREF64 $scaled" chk "$ra" \
		"lifetimes(d, 25, 31) == [$want, $want] and
		 d.pref64[0].scaled == $scaled and d.router_lifetime == 1234"
	got+=" $arg:$(val "$ra" "'%s/%s' % (lifetimes(d, 25)[0],
		d.pref64[0].scaled)")"
done
expect "ra show: lifetime infinity" grep -q "lifetime infinity" \
	<<< "$(r ra set dev r0 rdnss "$D1" lifetime infinity && r ra show)"
case_end "lifetime 600, 601, infinity, 0, 70000:$got"

radvd_conf "$TMPD/r0.conf" r0 0 "prefix 2001:db8:1::/64 { };"
expect "ra set without lifetime" r ra set dev r0 rdnss "$D1" \
	dnssl example.com pref64 "$NAT64"
radvd_stop "$R"
t=$(now)
radvd_start "$R" "$TMPD/r0.conf"
ra=$(h_next "$t" "d.router_lifetime == 0")
expect "router lifetime 0: 1800 s, PREF64 225" chk "$ra" \
	"lifetimes(d, 25, 31) == [1800, 1800] and d.pref64[0].scaled == 225"
expect "ra set lifetime 600" r ra set dev r0 rdnss "$D1" pref64 "$NAT64" \
	lifetime 600
t=$(now)
ra=$(h_next "$t")
expect "router lifetime 0, lifetime 600: 600 s, PREF64 75" chk "$ra" \
	"d.router_lifetime == 0 and lifetimes(d, 25) == [600] and
	 d.pref64[0].scaled == 75"
case_end "router lifetime 0: the options get 1800 s (PREF64 225), or the rule's lifetime"

# --- 3. mode add and replace against radvd's own RDNSS and DNSSL -------------

expect "ra del" r ra del dev r0
radvd_conf "$TMPD/r3.conf" r0 1234 "prefix 2001:db8:1::/64 { };" \
	"RDNSS $D1 { };" "DNSSL example.com { };"
radvd_stop "$R"
t=$(now)
radvd_start "$R" "$TMPD/r3.conf"
ra3=$(h_uni "$t" '25 in d.types')
expect "radvd's RA: RDNSS $D1, DNSSL example.com" chk "$ra3" \
	"d.rdnss == ['$D1'] and d.dnssl == ['example.com'] and
	 d.types == [3, 25, 31, 1]"
rdl=$(val "$ra3" "lifetimes(d, 25)[0]")

expect "ra set (mode add)" r ra set dev r0 rdnss "$D1,$D2" \
	dnssl EXAMPLE.com,lab.example
t=$(now)
ra=$(h_uni "$t")
expect "$D1 once, $D2 added; example.com once, lab.example added" chk "$ra" \
	"d.rdnss == ['$D1', '$D2'] and d.dnssl == ['example.com', 'lab.example']
	 and d.types == [3, 25, 31, 1, 25, 31]"
expect "radvd's options as they were, the added ones with 1234 s" chk "$ra" \
	"lifetimes(d, 25) == [$rdl, 1234]"
expect "appended to radvd's RA" appended "$ra3" "$ra"
case_end "mode add: radvd's $D1 and example.com kept, not repeated (case ignored); $D2 and lab.example added"

expect "ra set (everything there already)" r ra set dev r0 rdnss "$D1" \
	dnssl Example.Com
s0=$(ra_stats "$R")
t=$(now)
ra=$(h_next "$t")
s1=$(ra_stats "$R")
expect "the RA as radvd sent it" chk "$ra" \
	"d.rdnss == ['$D1'] and d.dnssl == ['example.com'] and
	 d.types == [3, 25, 31, 1]"
expect "ra-unchanged moved, ra-rewritten did not ($(ra_moved "$s0" "$s1"))" \
	chk "$s0" "e['ra-unchanged'] > d['ra-unchanged'] and
	 e['ra-rewritten'] == d['ra-rewritten']" "$s1"
case_end "mode add, everything announced already: the RA leaves unchanged, counted in ra-unchanged"

expect "ra set mode replace" r ra set dev r0 rdnss "$D2,$D3" mode replace
t=$(now)
ra=$(h_next "$t")
expect "one RDNSS option: $D2 $D3 (radvd's $D1 gone), 1234 s" chk "$ra" \
	"[(o.addrs, o.lifetime) for o in d.opts if o.type == 25] ==
	 [(['$D2', '$D3'], 1234)]"
expect "radvd's DNSSL kept (the rule sets none)" \
	chk "$ra" "d.dnssl == ['example.com']"
expect "ra set dnssl mode replace" r ra set dev r0 dnssl lab.example \
	mode replace
t=$(now)
ra=$(h_next "$t")
expect "DNSSL lab.example only, radvd's RDNSS kept" chk "$ra" \
	"d.dnssl == ['lab.example'] and d.rdnss == ['$D1'] and
	 d.types == [3, 25, 1, 31]"
# An RA that shrinks: 3 addresses (56 bytes) replaced by 1 (24 bytes).
expect "ra set rdnss mode replace" r ra set dev r0 rdnss "$D1" mode replace
t=$(now)
sent=$(ra_send "$R" r0 ra --id 1000 --rdnss "$D2,$D3,$D1" | cut -d' ' -f3)
ra=$(ra_id "$CAP" "$t" 1000)
expect "a crafted RA of 3 RDNSS addresses leaves with the rule's 1, 32 bytes shorter" \
	chk "$ra" "d.rdnss == ['$D1'] and d.types == [1, 3, 25] and
	 d.len == $((${#sent} / 2 - 32)) and d.csum_ok and d.opts_ok and
	 d.paylen == d.len - 40 and d.hex[:8] == '$sent'[:8] and
	 d.hex[12:84] == '$sent'[12:84] and d.hex[88:192] == '$sent'[88:192]"
case_end "mode replace: radvd's options of the rule's types removed, the others kept; an RA shrinks too"

# radvd 2.19 has no PREF64: a crafted RA from R carries one.
expect "ra set pref64 $NAT64" r ra set dev r0 pref64 "$NAT64"
t=$(now)
sent=$(ra_send "$R" r0 ra --id 1001 --pref64 "$NAT64" | cut -d' ' -f3)
ra=$(ra_id "$CAP" "$t" 1001)
expect "the same PREF64: unchanged" eq "$(val "$ra" d.hex)" "$sent"
expect "ra set pref64 2001:db8:64::/64" r ra set dev r0 pref64 2001:db8:64::/64
ra_send "$R" r0 ra --id 1002 --pref64 "$NAT64" > /dev/null
ra=$(ra_id "$CAP" "$t" 1002)
expect "another prefix: added" chk "$ra" \
	"[(p.prefix, p.plc) for p in d.pref64] ==
	 [('$NAT64', 0), ('2001:db8:64::/64', 1)]"
expect "ra set pref64 mode replace" r ra set dev r0 pref64 2001:db8:64::/64 \
	mode replace
ra_send "$R" r0 ra --id 1003 --pref64 "$NAT64" > /dev/null
ra=$(ra_id "$CAP" "$t" 1003)
expect "mode replace: the rule's PREF64 only" chk "$ra" \
	"[(p.prefix, p.scaled) for p in d.pref64] == [('2001:db8:64::/64', 225)]"
case_end "PREF64: the same prefix not repeated, another one added, replaced in mode replace"

# --- 4. many items, rules replaced and removed, ra show -----------------------

RD8=$(printf '2001:db8:a::%d,' 1 2 3 4 5 6 7 8)
RD8=${RD8%,}
DN8=""
for i in 1 2 3 4 5 6 7 8; do
	DN8+="site$i.a-rather-long-label-for-the-search-list.example,"
done
DN8=${DN8%,}
expect "ra set with 8 addresses, 8 names" r ra set dev r0 rdnss "$RD8" \
	dnssl "$DN8" pref64 2001:db8:64::/64 lifetime 900
t=$(now)
ra=$(h_next "$t")
expect "radvd's $D1 and the 8 addresses" chk "$ra" \
	"d.rdnss == ['$D1'] + '$RD8'.split(',')"
expect "radvd's example.com and the 8 names" chk "$ra" \
	"d.dnssl == ['example.com'] + '$DN8'.split(',')"
expect "PREF64 2001:db8:64::/64 PLC 1, 900 s: 113" chk "$ra" \
	"[(p.prefix, p.plc, p.scaled) for p in d.pref64] ==
	 [('2001:db8:64::/64', 1, 113)]"
expect "added with 900 s" chk "$ra" "lifetimes(d, 25, 31)[2:] == [900, 900]"
expect "valid RA" chk "$ra" "d.csum_ok and d.opts_ok and d.paylen == d.len - 40"
case_end "8 RDNSS addresses, 8 DNSSL names, PREF64 /64: $(val "$ra" d.len) bytes"

line="dev r0 rdnss $RD8 dnssl $DN8 pref64 2001:db8:64::/64 lifetime 900 mode add"
expect "ra show" eq "$(r ra show)" "$line"
expect "ra show dev r0" eq "$(r ra show dev r0)" "$line"
expect "ra show dev lo: nothing" eq "$(r ra show dev lo)" ""
rix=$(ifindex "$R" r0)
expect "ra show -j" chk "$(r -j ra show)" "d == [{'dev': 'r0',
	'ifindex': $rix, 'rdnss': '$RD8'.split(','),
	'dnssl': '$DN8'.split(','), 'pref64': '2001:db8:64::/64',
	'lifetime': 900, 'mode': 'add'}]"
# the line of ra show is an ra set command line
# shellcheck disable=SC2086 # its words are the arguments
expect "ra show's line given back to ra set" r ra set $line
expect "the same rule" eq "$(r ra show)" "$line"
case_end "ra show, ra show dev, ra show -j"

expect "ra set again" r ra set dev r0 rdnss 2001:db8::99
t=$(now)
ra=$(h_next "$t")
expect "the new rule on the next RA: $D1 + 2001:db8::99, nothing else" \
	chk "$ra" "d.rdnss == ['$D1', '2001:db8::99'] and
	 d.dnssl == ['example.com'] and d.pref64 == [] and
	 lifetimes(d, 25)[1] == 1234"
expect "ra show" eq "$(r ra show)" "dev r0 rdnss 2001:db8::99 mode add"
case_end "ra set again replaces the rule: the next RA carries the new one only"

expect "ra del" r ra del dev r0
s0=$(ra_stats "$R")
t=$(now)
ra=$(h_uni "$t")
s1=$(ra_stats "$R")
expect "RAs as radvd sends them" eq "$(val "$ra" d.hex)" "$(val "$ra3" d.hex)"
expect "no ra- counter moved" eq "$(ra_moved "$s0" "$s1")" ""
expect "ra show: nothing" eq "$(r ra show)" ""
expect "ra show -j: []" eq "$(r -j ra show)" "[]"
out=$(r ra del dev r0 2>&1)
expect "ra del again: exit 1 ($out)" [ $? -eq 1 ]
expect "the kernel's reason" grep -q "no RA rule" <<< "$out"
out=$(r ra set dev r0 2>&1)
expect "ra set without options: usage error ($out)" [ $? -eq 2 ]
out=$(r ra set dev nosuch0 rdnss "$D1" 2>&1)
expect "ra set on a missing interface: exit 1 ($out)" [ $? -eq 1 ]
expect "it says so" grep -q "does not exist" <<< "$out"
case_end "ra del: RAs leave unchanged and uncounted; ra show empty; errors"

# --- 5. the interface goes away ------------------------------------------------

# ra_del_note IFNAME: the notifications of R naming IFNAME (RA_DEL only:
# requests carry no name), compact
# shellcheck disable=SC2317 # called through busywait
ra_del_note()
{
	local l
	grep -E "\"ifname\": *\"$1\"" "$TMPD/mon-r" | while read -r l; do
		val "$l" "'%s %s %s %s' % (d.cmd, d.ra.ifindex, d.ra.ifname,
			len(d.attrs))"
	done | grep .
}
# cli_mon_del IFNAME: "v6gw -j monitor" printed the RA_DEL naming IFNAME
# (the command as "RA_DEL", or "ra-del" as it once was)
# shellcheck disable=SC2317 # called through busywait
cli_mon_del()
{
	local l
	grep -E "\"dev\": *\"$1\"" "$CLI_MON" | while read -r l; do
		chk "$l" "d.cmd.upper().replace('-', '_').endswith('RA_DEL') and
			d.ra.dev == '$1'" > /dev/null &&
			echo "$l"
	done | grep -q .
}

expect "R's monitor listens" busywait 60000 grep -qx listening "$TMPD/mon-r"
expect "H's monitor listens" busywait 60000 grep -qx listening "$TMPD/mon-h"
expect "rule on r0" r ra set dev r0 rdnss "$D1"
ip -n "$R" link add x0 type veth peer name x1
expect "rule on x0" r ra set dev x0 rdnss "$D2" dnssl example.com
xi=$(ifindex "$R" x0)
ip -n "$R" link del x0
note=$(busywait 10000 ra_del_note x0)
expect "one RA_DEL for x0 (its index, its name) on the config group" \
	eq "$note" "V6GW_CMD_RA_DEL $xi x0 1"
if [ -n "$CLI_MON" ]; then
	echo "# v6gw monitor too"
	expect "v6gw monitor: ra-del dev x0" busywait 10000 cli_mon_del x0
fi
expect "ra show: r0 only" eq "$(r ra show)" "dev r0 rdnss $D1 mode add"
ip -n "$R" link add x0 type dummy
expect "a new x0 has no rule" eq "$(r ra show dev x0)" ""
# a rule follows its interface's index, whatever its name
ip -n "$R" link add z0 type dummy
expect "rule on z0" r ra set dev z0 pref64 "$NAT64"
ip -n "$R" link set z0 name z9
expect "renamed z9: the rule shows under its new name" \
	eq "$(r ra show dev z9)" "dev z9 pref64 $NAT64 mode add"
ip -n "$R" link del z9
case_end "interface deleted: its rule is gone, RA_DEL notified: $note"

ip -n "$R" link add y0 type dummy
expect "rule on y0" r ra set dev y0 pref64 "$NAT64"
yi=$(ifindex "$R" y0)
ip -n "$R" link set y0 netns "$H"
note=$(busywait 10000 ra_del_note y0)
expect "one RA_DEL for y0 in R" eq "$note" "V6GW_CMD_RA_DEL $yi y0 1"
expect "nothing in H" eq "$(grep -vx listening "$TMPD/mon-h")" ""
if [ -n "$CLI_MON" ]; then
	expect "v6gw monitor: ra-del dev y0" busywait 10000 cli_mon_del y0
fi
expect "ra show in R: r0 only" eq "$(r ra show)" "dev r0 rdnss $D1 mode add"
expect "ra show in H: nothing" eq "$("$V6GW" -n "$H" ra show)" ""
case_end "interface moved to another namespace: its rule is gone, RA_DEL notified in R only"

# --- 6. a bridge port ------------------------------------------------------------

radvd_stop "$R"
setup_ns RB B HA HC || exit "$ksft_fail"
ns_prepare "$RB" "$B" "$HA" "$HC"
ip netns exec "$RB" sysctl -qw net.ipv6.conf.all.forwarding=1
ip link add rb0 netns "$RB" type veth peer name p1 netns "$B"
ip link add p2 netns "$B" type veth peer name eth0 netns "$HA"
ip link add p3 netns "$B" type veth peer name eth0 netns "$HC"
ip -n "$B" link add br0 type bridge
for p in p1 p2 p3; do
	ip -n "$B" link set "$p" master br0
	ip -n "$B" link set "$p" up
done
ip -n "$B" link set br0 up
ip -n "$RB" link set rb0 up
ip -n "$HA" link set eth0 up
ip -n "$HC" link set eth0 up
sniff_start "$B" p1 "$TMPD/p1.cap"
sniff_start "$HA" eth0 "$TMPD/ha.cap"
sniff_start "$HC" eth0 "$TMPD/hc.cap"
radvd_conf "$TMPD/rb.conf" rb0 1500 "prefix 2001:db8:6::/64 { };" \
	"RDNSS $D1 { };"
# shellcheck disable=SC2317 # called through expect
b() { "$V6GW" -n "$B" "$@"; }

expect "br_netfilter is not loaded" not_loaded br_netfilter
expect "no /proc/sys/net/bridge" [ ! -e /proc/sys/net/bridge ]
expect "ra set dev p2 (a bridge port)" b ra set dev p2 rdnss "$D1,$D2" \
	dnssl example.com pref64 "$NAT64"
s0=$(ra_stats "$B")
t=$(now)
radvd_start "$RB" "$TMPD/rb.conf"
# One multicast RA, flooded to p2 and p3 (radvd's are all alike).
rc=$(ra_mcast "$TMPD/hc.cap" "$t")
ra_p1=$(ra_mcast "$TMPD/p1.cap" "$t")
ra_a=$(ra_mcast "$TMPD/ha.cap" "$t")
s1=$(ra_stats "$B")
expect "HA: RDNSS ($D2 only: radvd sends $D1), DNSSL, PREF64 added" \
	chk "$ra_a" "d.rdnss == ['$D1', '$D2'] and d.dnssl == ['example.com']
	 and d.pref64[0].prefix == '$NAT64' and
	 d.types == [3, 25, 1, 25, 31, 38]"
expect "HA: the RA that entered the bridge with options appended" \
	appended "$ra_p1" "$ra_a"
expect "HC (port without a rule): byte for byte what entered the bridge" \
	chk "$rc" "d.hex == e.hex and d.rdnss == ['$D1'] and
	 d.types == [3, 25, 1]" "$ra_p1"
expect "ra-rewritten moved in B" chk "$(delta "$s0" "$s1" ra-rewritten)" \
	"d >= 1"
out=$(ip netns exec "$HA" rdisc6 -1 -r 5 eth0 2>&1)
expect "rdisc6 in HA: $D2" grep -Eq "Recursive DNS server +: $D2\$" <<< "$out"
expect "rdisc6 in HA: example.com" \
	grep -Eq "DNS search list +: example.com *\$" <<< "$out"
expect "still no br_netfilter" not_loaded br_netfilter
case_end "bridge port p2: HA gets the options (rdisc6 too), p3 forwards the RA unchanged; no br_netfilter"

# The other port: the frame's clones go out in the other order. radvd's
# RDNSS option replaced by one as long: the RA does not grow, it is
# rewritten where it is, in data the clones share unless it is unshared.
expect "ra del dev p2" b ra del dev p2
expect "ra set dev p3" b ra set dev p3 rdnss "$D3" mode replace
t=$(now)
rc=$(ra_mcast "$TMPD/hc.cap" "$t")
ra_p1=$(ra_mcast "$TMPD/p1.cap" "$t")
ra_a=$(ra_mcast "$TMPD/ha.cap" "$t")
expect "HC: RDNSS $D3 instead of $D1, as long" chk "$rc" \
	"d.rdnss == ['$D3'] and d.types == [3, 1, 25] and d.len == e.len and
	 d.csum_ok and d.hex[:80] == e.hex[:80]" "$ra_p1"
# (a shared buffer written to would show in every copy, the sniffers'
# included: what radvd sent is known)
expect "HA: radvd's RDNSS $D1, unchanged" chk "$ra_a" \
	"d.rdnss == ['$D1'] and d.types == [3, 25, 1] and d.hex == e.hex" \
	"$ra_p1"
expect "p1: radvd's RDNSS $D1" chk "$ra_p1" "d.rdnss == ['$D1']"
case_end "bridge port p3 instead, mode replace: HC gets $D3 in place of $D1, HA the RA unchanged"
radvd_stop "$RB"

# --- 7. the MTU ------------------------------------------------------------------

# The rule adds 40 + 40 + 16 = 96 bytes to an RA without those options.
ip -n "$R" link set r0 mtu 1280
expect "ra set" r ra set dev r0 rdnss "$D1,$D2" \
	dnssl example.com,lab.example pref64 "$NAT64"
s0=$(ra_stats "$R")
t=$(now)
fit=$(ra_send "$R" r0 big --size 1184 --id 2001 | cut -d' ' -f3)
big=$(ra_send "$R" r0 big --size 1192 --id 2002 | cut -d' ' -f3)
ra_fit=$(ra_id "$CAP" "$t" 2001)
ra_big=$(ra_id "$CAP" "$t" 2002)
s1=$(ra_stats "$R")
expect "1184 bytes: rewritten to 1280" chk "$ra_fit" \
	"d.len == 1280 and d.types[-3:] == [25, 31, 38]"
expect "... its own bytes kept" appended "{\"hex\": \"$fit\"}" "$ra_fit"
expect "1192 bytes: sent on unchanged" eq "$(val "$ra_big" d.hex)" "$big"
expect "ra-too-big +1, ra-rewritten +1" \
	eq "$(ra_moved "$s0" "$s1")" "ra-rewritten+1 ra-too-big+1"
case_end "MTU 1280: an RA that grows to 1280 bytes is rewritten, one that would grow to 1288 leaves unchanged (ra-too-big)"

# radvd announcing 37 prefixes: 1248 bytes.
pfx=()
for i in $(seq 256 292); do
	pfx+=("prefix 2001:db8:$(printf %x "$i")::/64 { };")
done
radvd_conf "$TMPD/r7.conf" r0 1234 "${pfx[@]}"
s0=$(ra_stats "$R")
t=$(now)
radvd_start "$R" "$TMPD/r7.conf"
ra=$(h_next "$t")
s1=$(ra_stats "$R")
radvd_stop "$R"
expect "radvd's RA of 1248 bytes arrives unchanged, 37 prefixes" chk "$ra" \
	"d.len == 1248 and d.types.count(3) == 37 and d.rdnss == [] and
	 d.pref64 == []"
expect "ra-too-big moved, ra-rewritten did not ($(ra_moved "$s0" "$s1"))" \
	chk "$s0" "e['ra-too-big'] > d['ra-too-big'] and
	 e['ra-rewritten'] == d['ra-rewritten']" "$s1"
ip -n "$R" link set r0 mtu 1500
case_end "MTU 1280: radvd's RA with 37 prefixes leaves unchanged (ra-too-big)"

# --- 8. malformed RAs and other ICMPv6 -------------------------------------------

kinds=badsum,optlen0,truncated,hop64,code1,global-src,paylen
s0=$(ra_stats "$R")
t=$(now)
ra_send "$R" r0 "$kinds" --id 3001 > "$TMPD/malformed"
ok=$(ra_send "$R" r0 ra --id 3100 | cut -d' ' -f3)
ra_ok=$(ra_id "$CAP" "$t" 3100)
s1=$(ra_stats "$R")
got=$(ra_py all "$CAP" "$t")
while read -r kind id hex; do
	expect "$kind: arrives unchanged, once" chk "$got" \
		"[x.hex for x in d if x.get('reachable') == $id] == ['$hex']"
done < "$TMPD/malformed"
expect "a valid one between them is rewritten" \
	appended "{\"hex\": \"$ok\"}" "$ra_ok"
expect "ra-malformed +7, ra-rewritten +1" \
	eq "$(ra_moved "$s0" "$s1")" "ra-rewritten+1 ra-malformed+7"
case_end "malformed RAs ($kinds) leave unchanged, counted in ra-malformed"

s0=$(ra_stats "$R")
t=$(now)
ra_send "$R" r0 echo,hbh --id 4001 > "$TMPD/other"
ra_id "$CAP" "$t" 4002 > /dev/null
s1=$(ra_stats "$R")
echo_sent=$(awk '$1 == "echo" { print $3 }' "$TMPD/other")
hbh_sent=$(awk '$1 == "hbh" { print $3 }' "$TMPD/other")
expect "echo request unchanged" chk "$(ra_py all "$CAP" "$t" --icmp 128)" \
	"[x.hex for x in d if x.get('id') == 4001] == ['$echo_sent']"
expect "RA behind a Hop-by-Hop header unchanged" chk "$(ra_py all "$CAP" \
	"$t")" "[x.hex for x in d if x.get('reachable') == 4002] == ['$hbh_sent']"
expect "no ra- counter moved ($(ra_moved "$s0" "$s1"))" \
	eq "$(ra_moved "$s0" "$s1")" ""
case_end "other ICMPv6 (an echo request, an RA behind extension headers): untouched, not counted"

# scapy, another decoder, has read the RA of case 1 meanwhile.
if [ -n "${SCAPY_PID:-}" ]; then
	wait "$SCAPY_PID"
	sc=$(cat "$TMPD/scapy")
	expect "scapy: the checksum is the one it computes" \
		chk "$sc" "d.cksum == d.cksum_scapy"
	expect "scapy: RDNSS and DNSSL" chk "$sc" \
		"d.rdnss == ['$D1', '$D2'] and d.rdnss_lifetimes == [1234] and
		 d.dnssl == ['example.com', 'lab.example'] and
		 d.dnssl_lifetimes == [1234]"
	# type 38, 2 x 8 bytes, 155 << 3 | PLC 0, the first 96 bits of the prefix
	expect "scapy: the PREF64 option's bytes" chk "$sc" \
		"d.opt38 == ['2602' '04d8' '0064ff9b0000000000000000']"
	case_end "scapy reads the rewritten RA of radvd: checksum, RDNSS, DNSSL, PREF64's bytes"
else
	ktap_test_skip "scapy reads the rewritten RA of radvd (no python3-scapy)"
fi

# --- 9. netlink contract, the limit of rules --------------------------------------

# v6gw_nl.py ra has run in the background since the start.
if wait "$NL_PID"; then
	ktap_test_pass "netlink: RA_SET/RA_DEL/RA_GET refusals with extack, dump, notifications (v6gw_nl.py ra)"
else
	ktap_test_fail "netlink: RA_SET/RA_DEL/RA_GET refusals with extack, dump, notifications (v6gw_nl.py ra)"
fi
sed 's/^/# /' "$TMPD/nl.log"
CASE_T0=$(date +%s%3N)

for i in $(seq 0 256); do echo "link add d$i type dummy"; done > "$TMPD/links"
ip -n "$N" -b "$TMPD/links"
for i in $(seq 0 256); do echo "ra set dev d$i rdnss $D1"; done > "$TMPD/rules"
out=$("$V6GW" -n "$N" -b "$TMPD/rules" 2>&1)
rc=$?
expect "the 257th rule refused ($rc)" [ "$rc" -eq 1 ]
expect "at line 257, too many rules ($out)" \
	grep -Eq "line 257.*too many RA rules|too many RA rules.*line 257" <<< "$out"
expect "the batch is all or nothing: no rule" eq \
	"$("$V6GW" -n "$N" ra show | wc -l)" 0
head -n 256 "$TMPD/rules" > "$TMPD/rules256"
expect "256 rules in one batch" "$V6GW" -n "$N" -b "$TMPD/rules256"
expect "256 rules" eq "$("$V6GW" -n "$N" ra show | wc -l)" 256
out=$("$V6GW" -n "$N" ra set dev d256 rdnss "$D1" 2>&1)
expect "the 257th, alone, refused too ($out)" \
	grep -q "too many RA rules" <<< "$out"
expect "d256 has none" eq "$("$V6GW" -n "$N" ra show dev d256)" ""
cleanup_ns "$N"
case_end "256 rules per namespace; the namespace deleted with its rules"

# --- 10. the module goes with rules in place ----------------------------------

expect "ra set" r ra set dev r0 rdnss "$D1" dnssl example.com
t=$(now)
ok=$(ra_send "$R" r0 ra --id 5001 | cut -d' ' -f3)
expect "rewritten before" appended "{\"hex\": \"$ok\"}" "$(ra_id "$CAP" "$t" 5001)"
expect "rmmod v6gw with the rule" rmmod v6gw
sent=$(ra_send "$R" r0 ra --id 5002 | cut -d' ' -f3)
expect "RAs leave unchanged after" eq "$(val "$(ra_id "$CAP" "$t" 5002)" d.hex)" \
	"$sent"
expect "loaded again" v6gw_load
expect "no rule then" eq "$(r ra show)" ""
case_end "module unloaded with a rule in place: its hook goes, RAs leave unchanged"

echo "# total $(($(date +%s) - start)) s"
ktap_finished
