#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2034 # the constants are for the tests and the demo
#
# The 464XLAT "IPv4 island" (RFC 6877), shared by test-clat.sh and demo.sh
# (source it; it needs only $V6GW, and lib.sh's helpers are not used):
#
#   [H4] eth0 ------- lan0 [CLAT] wan0 ------- c1 [CORE] c2 ------- wan0 [PLAT] lan0 ------- eth0 [SRV]
#   192.168.1.10/24   192.168.1.1/24  |        2001:db8:1::1/64        |  198.51.100.1/24    198.51.100.2/24
#   IPv4 only         2001:db8:1::2/64|        2001:db8:2::1/64 2001:db8:2::2/64             IPv4 only
#                     v6gw CLAT       |        radvd on c1       v6gw stateful NAT64 (PLAT)
#                                     |        c6 2001:db8:6::1/64
#                                     |         |
#                                     |        eth0 2001:db8:6::2/64 [HC] IPv6 only
#
# CORE is an IPv6-only router: no IPv4 address (but lo's) and no IPv4
# route. It routes the island's IPv6 range 2001:db8:c::/64 (the CLAT's
# prefix) and 2001:db8:46::/96 (the CLAT router's own NAT64 prefix, for
# the reverse direction) to CLAT, and the PLAT's prefix 2001:db8:64::/96 to
# PLAT. The island host 192.168.1.10 is 2001:db8:c::192.168.1.10 on the
# IPv6 side; SRV 198.51.100.2 is 2001:db8:64::198.51.100.2; PLAT's pool4 is
# 203.0.113.1, so SRV sees the island (and HC) as 203.0.113.1.
#
# Set H4 CLAT CORE PLAT SRV HC to existing namespaces (lo up), then
# clat_topology builds the links, addresses, routes and sysctls. Nothing of
# v6gw's is configured by it: clat_plat_config is PLAT's NAT64,
# clat_ra_config CORE's RA rule, clat_radvd_start CORE's radvd.

CLAT_H4=192.168.1.10
CLAT_GW4=192.168.1.1
CLAT_PREFIX4=192.168.1.0/24
CLAT_PREFIX6=2001:db8:c::/64
CLAT_PLAT=2001:db8:64::/96
CLAT_H4_AS6=2001:db8:c::c0a8:10a	# 2001:db8:c::192.168.1.10
CLAT_SRV=198.51.100.2
CLAT_SRV_AS6=2001:db8:64::c633:6402	# 2001:db8:64::198.51.100.2
CLAT_PLAT4=198.51.100.1			# PLAT's own IPv4 address
CLAT_POOL4=203.0.113.1			# PLAT's NAT64 pool4
CLAT_HC=2001:db8:6::2
CLAT_RDNSS=2001:db8:6::53		# announced to CLAT in CORE's RAs
CLAT_REV_PREFIX=2001:db8:46::/96	# CLAT router's own NAT64 (reverse)
CLAT_H4_REV6=2001:db8:46::c0a8:10a	# 2001:db8:46::192.168.1.10

# A web server: python3 -c "$CLAT_HTTP_PY" ADDR DIR serves DIR on ADDR:80
# (Python's http.server, logging to stderr). Not "python3 -m
# http.server": that one looks its own address up in the DNS
# (socket.getfqdn()) as it starts, queries that would cross the
# translators towards the resolver of the host and move their counters.
CLAT_HTTP_PY='
import http.server, os, socketserver, sys
os.chdir(sys.argv[2])
class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    allow_reuse_address = True
    daemon_threads = True
Server((sys.argv[1], 80), http.server.SimpleHTTPRequestHandler).serve_forever()
'

# clat_veth NS1 IF1 NS2 IF2: a veth pair, both ends up
clat_veth()
{
	ip link add "$2" netns "$1" type veth peer name "$4" netns "$3" &&
	ip -n "$1" link set "$2" up &&
	ip -n "$3" link set "$4" up
}

clat_topology()
{
	local ns
	# DAD off (addresses usable at once), before the links exist so
	# that they inherit it
	for ns in "$H4" "$CLAT" "$CORE" "$PLAT" "$SRV" "$HC"; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
			net.ipv6.conf.default.accept_dad=0 || return 1
	done
	ip netns exec "$CLAT" sysctl -qw net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=1 || return 1
	ip netns exec "$CORE" sysctl -qw net.ipv6.conf.all.forwarding=1 || return 1
	ip netns exec "$PLAT" sysctl -qw net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=1 || return 1

	clat_veth "$H4" eth0 "$CLAT" lan0 &&
	clat_veth "$CLAT" wan0 "$CORE" c1 &&
	clat_veth "$CORE" c2 "$PLAT" wan0 &&
	clat_veth "$PLAT" lan0 "$SRV" eth0 &&
	clat_veth "$CORE" c6 "$HC" eth0 || return 1

	ip -n "$H4" addr add "$CLAT_H4/24" dev eth0 &&
	ip -n "$H4" route add default via "$CLAT_GW4" &&
	ip -n "$CLAT" addr add "$CLAT_GW4/24" dev lan0 &&
	ip -n "$CLAT" addr add 2001:db8:1::2/64 dev wan0 nodad &&
	ip -n "$CLAT" -6 route add default via 2001:db8:1::1 &&
	ip -n "$CORE" addr add 2001:db8:1::1/64 dev c1 nodad &&
	ip -n "$CORE" addr add 2001:db8:2::1/64 dev c2 nodad &&
	ip -n "$CORE" addr add 2001:db8:6::1/64 dev c6 nodad &&
	ip -n "$CORE" route add "$CLAT_PREFIX6" via 2001:db8:1::2 &&
	ip -n "$CORE" route add "$CLAT_REV_PREFIX" via 2001:db8:1::2 &&
	ip -n "$CORE" route add "$CLAT_PLAT" via 2001:db8:2::2 &&
	ip -n "$PLAT" addr add 2001:db8:2::2/64 dev wan0 nodad &&
	ip -n "$PLAT" -6 route add default via 2001:db8:2::1 &&
	ip -n "$PLAT" addr add "$CLAT_PLAT4/24" dev lan0 &&
	ip -n "$SRV" addr add "$CLAT_SRV/24" dev eth0 &&
	ip -n "$SRV" route add default via "$CLAT_PLAT4" &&
	ip -n "$HC" addr add "$CLAT_HC/64" dev eth0 nodad &&
	ip -n "$HC" -6 route add default via 2001:db8:6::1
}

# clat_plat_config: PLAT's stateful NAT64, 2001:db8:64::/96 (not the
# well-known prefix: documentation addresses are translated) to pool4
# 203.0.113.1 (every protocol, every port)
clat_plat_config()
{
	"$V6GW" -n "$PLAT" nat64 prefix add "$CLAT_PLAT" &&
	"$V6GW" -n "$PLAT" nat64 pool4 add "$CLAT_POOL4/32"
}

# clat_ra_config: CORE adds RDNSS and PREF64 (the PLAT's prefix) to the
# RAs it sends CLAT
clat_ra_config()
{
	"$V6GW" -n "$CORE" ra set dev c1 rdnss "$CLAT_RDNSS" pref64 "$CLAT_PLAT"
}

# clat_radvd_start DIR: radvd in CORE on c1 (an RA every 3 to 4 s,
# announcing 2001:db8:1::/64), its files in DIR; its pid in CLAT_RADVD_PID
CLAT_RADVD_PID=""
clat_radvd_start()
{
	cat > "$1/radvd.conf" <<-EOF
	interface c1 {
		AdvSendAdvert on;
		MinRtrAdvInterval 3;
		MaxRtrAdvInterval 4;
		AdvDefaultLifetime 1800;
		prefix 2001:db8:1::/64 { AdvAutonomous off; };
	};
	EOF
	ip netns exec "$CORE" radvd -n -C "$1/radvd.conf" -p "$1/radvd.pid" \
		-m logfile -l "$1/radvd.log" &
	CLAT_RADVD_PID=$!
}

clat_radvd_stop()
{
	[ -n "$CLAT_RADVD_PID" ] || return 0
	kill "$CLAT_RADVD_PID" 2> /dev/null
	wait "$CLAT_RADVD_PID" 2> /dev/null
	CLAT_RADVD_PID=""
}
