#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The demo, run inside a guest by `make demo` (selftests/vm/demo.sh): an
# IPv4 island behind a 464XLAT CLAT reaches an IPv4-only server across an
# IPv6-only core, and an IPv6-only host reaches the island back (the
# topology of clat_lib.sh):
#
#   [h4] 192.168.1.10 -- [clat: v6gw CLAT] -- [core: IPv6 only] -- [plat: v6gw NAT64] -- 198.51.100.2 [srv]
#        IPv4 only        192.168.1.0/24         radvd, RA rule       2001:db8:64::/96      IPv4 only
#                         = 2001:db8:c::/64       |
#                                                [hc] 2001:db8:6::2, IPv6 only
#
# Last, hc runs a CLAT on the host itself (clat set ... host on) and its
# own IPv4 programs reach srv.
set -u

here=$(cd "$(dirname "$0")" && pwd)
: "${V6GW:=$here/../usr/v6gw}"
: "${V6GW_KO:?set V6GW_KO to the module to load}"
# shellcheck source=selftests/clat_lib.sh
source "$here/clat_lib.sh"

say() { printf '\n\033[1m# %s\033[0m\n' "$*"; }
# run CMD...: show CMD (the tool as "v6gw"), then run it
run()
{
	local a=("$@")
	[ "${a[0]}" = "$V6GW" ] && a[0]=v6gw
	printf '\033[1m$ %s\033[0m\n' "${a[*]}"
	"$@"
}
# wait_for SECONDS CMD...: retry CMD every 0.2 s until it succeeds
wait_for()
{
	local n=$(($1 * 5))
	shift
	until "$@"; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || return 1
		sleep 0.2
	done
}
listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }

TMPD=$(mktemp -d)
PIDS=()
cleanup()
{
	local p ns
	for p in "${PIDS[@]}"; do
		kill "$p" 2> /dev/null
	done
	clat_radvd_stop
	wait 2> /dev/null
	for ns in h4 clat core plat srv hc; do
		ip netns del "$ns" 2> /dev/null
	done
	rm -rf "$TMPD"
}
trap cleanup EXIT

# its dependencies first (nf_defrag_*, for NAT64), as modprobe would
for dep in $(modinfo -F depends "$V6GW_KO" | tr ',' ' '); do
	modprobe "$dep" || exit 1
done
insmod "$V6GW_KO" || exit 1

# shellcheck disable=SC2034 # for clat_lib.sh
H4=h4 CLAT=clat CORE=core PLAT=plat SRV=srv HC=hc
for ns in h4 clat core plat srv hc; do
	ip netns add "$ns"
	ip -n "$ns" link set lo up
done
clat_topology || exit 1
echo "hello from the IPv4-only server 198.51.100.2" > "$TMPD/srv.html"
echo "hello from the IPv4 island, 192.168.1.10" > "$TMPD/h4.html"
ip netns exec srv python3 -c "$CLAT_HTTP_PY" 198.51.100.2 "$TMPD" \
	> /dev/null 2>&1 &
PIDS+=($!)
ip netns exec h4 python3 -c "$CLAT_HTTP_PY" 192.168.1.10 "$TMPD" \
	> /dev/null 2>&1 &
PIDS+=($!)

say "v6gw, the tool"
run "$V6GW" -V
sed -n '/^#   \[h4\]/,/^#  *\[hc\]/p' "$0" | sed 's/^#//'
say "The core is IPv6 only: no IPv4 address, no IPv4 route"
run ip -n core -4 addr show scope global
run ip -n core -4 route show
run ip -n core -6 route show root 2001:db8::/32

say "core: radvd on the link to clat; v6gw adds RDNSS and PREF64 to its RAs"
clat_radvd_start "$TMPD"
run "$V6GW" -n core ra set dev c1 rdnss 2001:db8:6::53 pref64 2001:db8:64::/96
printf '\033[1m$ %s\033[0m\n' "ip netns exec clat rdisc6 -1 wan0"
ip netns exec clat rdisc6 -1 -r 5 wan0 | grep -E "Prefix|Recursive|from"
echo "(rdisc6 does not print PREF64; test-clat.sh checks it with ra_sniff.py)"

say "plat: the PLAT, a stateful NAT64 from 2001:db8:64::/96 to 203.0.113.1"
run "$V6GW" -n plat nat64 prefix add 2001:db8:64::/96
run "$V6GW" -n plat nat64 pool4 add 203.0.113.1/32

say "clat: the CLAT; 192.168.1.0/24 is 2001:db8:c::/64, IPv4 elsewhere is 2001:db8:64::/96"
run "$V6GW" -n clat clat set ipv4 192.168.1.0/24 ipv6 2001:db8:c::/64 \
	plat 2001:db8:64::/96
run "$V6GW" -n clat clat show

say "h4 (IPv4 only) pings srv (IPv4 only) across the IPv6-only core"
# one capture per link, each printing what crossed it
cap() { # NS IFACE LABEL
	ip netns exec "$1" tcpdump -i "$2" -n -t -l -c 2 \
		'(icmp and (icmp[0] == 8 or icmp[0] == 0)) or
		 (icmp6 and (ip6[40] == 128 or ip6[40] == 129))' \
		> "$TMPD/cap-$1" 2> "$TMPD/cap-$1.err" &
	PIDS+=($!)
	wait_for 20 grep -q "listening on" "$TMPD/cap-$1.err"
}
cap h4 eth0
cap core c1
cap srv eth0
run ip netns exec h4 ping -n -c 2 -i 0.3 198.51.100.2
wait_for 10 eval '[ "$(cat "$TMPD"/cap-h4 "$TMPD"/cap-core "$TMPD"/cap-srv | wc -l)" -ge 6 ]'
printf '\n%s\n' "What crossed each link (tcpdump):"
for l in "h4:island, h4 <-> clat, IPv4" "core:core, clat <-> core, IPv6" \
	 "srv:server side, plat <-> srv, IPv4"; do
	echo "  ${l#*:}:"
	sed 's/^/    /' "$TMPD/cap-${l%%:*}"
done

say "A web page from srv, by IPv4 literal, and traceroute"
wait_for 30 listening srv 80
run ip netns exec h4 curl -sS --max-time 30 http://198.51.100.2/srv.html
run ip netns exec h4 traceroute -n -q 1 -w 2 -m 6 198.51.100.2
echo "(hops 2 and 3, the IPv6 core and the PLAT, have no IPv4 address: 192.0.0.8, RFC 7600)"

say "TCP through both translators (iperf3, 2 s)"
ip netns exec srv iperf3 -s -D -1 -B 198.51.100.2 -I "$TMPD/iperf.pid" > /dev/null 2>&1
wait_for 20 listening srv 5201
printf '\033[1m$ %s\033[0m\n' "ip netns exec h4 iperf3 -c 198.51.100.2 -t 2"
ip netns exec h4 iperf3 -c 198.51.100.2 -t 2 -f m 2>&1 |
	grep -E "sender|receiver|error"
PIDS+=("$(cat "$TMPD/iperf.pid" 2> /dev/null)")

say "The PLAT's sessions: the island is 2001:db8:c::192.168.1.10 in IPv6, 203.0.113.1 at srv"
run "$V6GW" -n plat nat64 session show proto icmp

say "The other way: a NAT64 on the CLAT router, its pool4 the router's LAN address"
run "$V6GW" -n clat nat64 prefix add 2001:db8:46::/96
run "$V6GW" -n clat nat64 pool4 add 192.168.1.1 proto tcp ports 61001-65535
run "$V6GW" -n clat nat64 pool4 add 192.168.1.1 proto udp ports 61001-65535
wait_for 30 listening h4 80
run ip netns exec hc curl -g -sS --max-time 30 \
	"http://[2001:db8:46::192.168.1.10]/h4.html"
run "$V6GW" -n clat nat64 session show proto tcp
echo "and h4 still reaches the router itself, and srv through the CLAT:"
run ip netns exec h4 ping -n -c 1 192.168.1.1
run ip netns exec h4 ping -n -c 1 198.51.100.2

say "A CLAT on the host itself: hc (IPv6 only) runs an IPv4-only program"
# hc's island address, on its link, so that it answers Neighbor Solicitations
run ip -n hc addr add 2001:db8:6::c1a7:c000:1/128 dev eth0 nodad
run "$V6GW" -n hc clat set ipv4 192.0.0.0/29 ipv6 2001:db8:6::c1a7:0:0/96 \
	plat 2001:db8:64::/96 host on
run "$V6GW" -n hc clat show
run ip -n hc -4 addr show dev v6gw-clat
run ip -n hc -4 route
run ip netns exec hc ping -n -c 2 198.51.100.2
run ip netns exec hc curl -sS --max-time 30 -o /dev/null \
	-w "%{http_code} %{size_download} bytes from %{remote_ip}\n" \
	"http://198.51.100.2/srv.html"
run "$V6GW" -n hc clat del

say "Counters: the CLAT router, then the PLAT"
run "$V6GW" -n clat stats show
run "$V6GW" -n plat stats show

say "Errors come from the kernel, in one line"
run "$V6GW" -n clat clat del
run "$V6GW" -n clat clat del

echo
echo "demo done"
