#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Stateful NAT64 (RFC 6146) end to end with real tools, on the topology of
# nat64_lib.sh: ping, UDP and TCP both ways, iperf3, TCP session states,
# static BIB entries, ICMP errors for IPv4 packets without state,
# hairpinning, address-dependent filtering, timeouts, the session limit,
# pool4 exhaustion and port classes, 100 000 flows and their dump, and
# coexistence with SIIT.

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/nat64_lib.sh"

v6gw_load
require_command iperf3 ethtool jq python3 ss

SELFDIR=$(cd "$(dirname "$0")" && pwd)
H6A=2001:db8:6::2		# X': the IPv6 host
H6B=2001:db8:6::3		# its second address (hairpinning)
H4A=198.51.100.2		# Y: the IPv4 host
H4B=198.51.100.3		# a second IPv4 host (filtering), on H4 too
NAT64_POOL4_AS6=64:ff9b::cb00:7101	# 203.0.113.1 under the prefix
NFLOWS=100000			# case 14

ktap_print_header
ktap_set_plan 22

TMPD=$(mktemp -d)
defer rm -rf "$TMPD"
defer kill_pidfile "$TMPD/iperf.pid"	# a one-off iperf3 server not used

# --- helpers ------------------------------------------------------------

# A test server: "udp" answers every datagram, "tcp" every connection (it
# reads until EOF), with MSG|PEERADDR|PEERPORT; "sink" (UDP) only logs.
# Datagrams containing "|" are answers already: logged, never answered.
# Every datagram or connection is logged as "PEERADDR PEERPORT MSG". With
# FIRST ("ADDR,PORT,MSG") a UDP server sends MSG there from its socket first.
# shellcheck disable=SC2016
SERVER_PY='
import socket, sys
mode, addr, port, log = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
lf = open(log, "a", buffering=1)
if mode == "tcp":
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(16)
    while True:
        c, peer = s.accept()
        c.settimeout(20)
        try:
            data = b""
            while True:
                d = c.recv(4096)
                if not d:
                    break
                data += d
            lf.write("%s %d %s\n" % (peer[0], peer[1], data.decode()))
            c.sendall(data + ("|%s|%d" % (peer[0], peer[1])).encode())
        except OSError as e:
            lf.write("error %s\n" % e)
        c.close()
s = socket.socket(fam, socket.SOCK_DGRAM)
s.bind((addr, port))
if len(sys.argv) > 5:
    a, p, m = sys.argv[5].split(",")
    s.sendto(m.encode(), (a, int(p)))
while True:
    data, peer = s.recvfrom(4096)
    lf.write("%s %d %s\n" % (peer[0], peer[1], data.decode()))
    if mode == "udp" and b"|" not in data:
        s.sendto(data + ("|%s|%d" % (peer[0], peer[1])).encode(), peer)
'

# A client: sends MSG to ADDR PORT (from BINDADDR BINDPORT when given) and
# prints "LOCALPORT ANSWER" ("udpsend": only LOCALPORT, no answer awaited).
# shellcheck disable=SC2016
CLIENT_PY='
import socket, sys
proto, addr, port, msg = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
baddr = sys.argv[5] if len(sys.argv) > 5 else ""
bport = int(sys.argv[6]) if len(sys.argv) > 6 else 0
v6 = ":" in addr
s = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET,
                  socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
if baddr or bport:
    s.bind((baddr or ("::" if v6 else "0.0.0.0"), bport))
s.settimeout(20)
if proto == "tcp":
    s.connect((addr, port))
    s.sendall(msg.encode())
    s.shutdown(socket.SHUT_WR)
    out = b""
    while True:
        d = s.recv(4096)
        if not d:
            break
        out += d
else:
    s.sendto(msg.encode(), (addr, port))
    if proto == "udpsend":
        print(s.getsockname()[1])
        sys.exit(0)
    out = s.recv(4096)
print(s.getsockname()[1], out.decode())
'

# serve NS MODE ADDR PORT LOG [FIRST]: start a server (killed on exit) and
# wait until it listens
serve()
{
	local ns=$1 mode=$2 addr=$3 port=$4 log=$5 l=-Huln
	shift 5
	ip netns exec "$ns" python3 -c "$SERVER_PY" "$mode" "$addr" "$port" \
		"$log" "$@" 2>> "$log.err" &
	defer killq $!
	[ "$mode" = tcp ] && l=-Htln
	busywait 20000 ip netns exec "$ns" sh -c \
		"ss $l 'sport = :$port' | grep -q ." > /dev/null
}

# client NS PROTO ADDR PORT MSG [BINDADDR [BINDPORT]]
client()
{
	local ns=$1
	shift
	ip netns exec "$ns" python3 -c "$CLIENT_PY" "$@"
}

# udp_flows NS BINDADDR DST DPORT SPORT...: one datagram from each SPORT
udp_flows()
{
	local ns=$1 baddr=$2 dst=$3 dport=$4
	shift 4
	ip netns exec "$ns" python3 -c '
import socket, sys
baddr, dst, dport = sys.argv[1], sys.argv[2], int(sys.argv[3])
socks = []
for p in sys.argv[4:]:
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.bind((baddr, int(p)))
    s.sendto(b"flow-%s" % p.encode(), (dst, dport))
    socks.append(s)' "$baddr" "$dst" "$dport" "$@"
}

gw() { "$V6GW" -n "$GW" "$@"; }
killq() { kill "$@" 2> /dev/null; }
# kill_pidfile FILE: kill the daemon whose pid FILE holds, if any
kill_pidfile() { [ -s "$1" ] && kill "$(cat "$1")" 2> /dev/null; }
stats() { gw -j -s stats show; }
sessions() { gw -j nat64 session show "$@"; }
bibs() { gw -j nat64 bib show "$@"; }
count() { gw -j nat64 session count; }

# delta OLD NEW NAME: how much counter NAME moved between two stats()
delta()
{
	jq -n --argjson a "$1" --argjson b "$2" --arg k "$3" '$b[$k] - $a[$k]'
}

# drops_moved OLD NEW [NAME...]: the drop counters that moved, but NAMEs
drops_moved()
{
	local a=$1 b=$2
	shift 2
	jq -rn --argjson a "$a" --argjson b "$b" --args '$ARGS.positional as $ok |
		[$b | to_entries[] | select(.key | startswith("drop-")) |
		 select(.value != $a[.key]) | select(.key | IN($ok[]) | not) |
		 "\(.key)+\(.value - $a[.key])"] | join(" ")' "$@"
}

# A case collects its failed checks in FAILED; case_end reports it.
FAILED=""
# expect "WHAT" CMD...: CMD must succeed; its output is shown if it fails
expect()
{
	local what=$1 out
	shift
	if ! out=$("$@" 2>&1); then
		echo "# check failed: $what"
		__diag "$out"
		FAILED+="$what; "
	fi
}

# case_end "DESCRIPTION": one KTAP subtest from the checks since the last
case_end()
{
	local now
	now=$(now_ms)
	echo "# ($(((now - CASE_T0) / 1000)) s)"
	CASE_T0=$now
	if [ -z "$FAILED" ]; then
		ktap_test_pass "$1"
	else
		ktap_test_fail "$1"
	fi
	FAILED=""
}

# jqe JSON FILTER: FILTER is true of JSON
jqe() { jq -e "$2" <<< "$1" > /dev/null; }
eq() { [ "$1" = "$2" ] || { echo "#   '$1' != '$2'"; false; }; }
udp_sessions() { count | jq '.udp.sessions'; }
icmp_sessions() { count | jq '.icmp.sessions'; }
total_sessions() { count | jq '.tcp.sessions + .udp.sessions + .icmp.sessions'; }
is() { [ "$("${@:2}")" = "$1" ]; }
not() { ! "$@"; }
# moved OLD NAME N: counter NAME moved by N or more since stats() OLD
moved() { [ "$(delta "$1" "$(stats)" "$2")" -ge "$3" ]; }
listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }
not_listening() { ! listening "$@"; }

now_ms() { date +%s%3N; }
# h4_udp_in: UDP datagrams that reached H4's UDP layer (delivered, to a
# closed port, or dropped there: InDatagrams + NoPorts + InErrors)
h4_udp_in()
{
	ip netns exec "$H4" awk '/^Udp: [0-9]/ { print $2 + $3 + $4 }' \
		/proc/net/snmp
}
# backlog_drops: packets the kernel dropped for a full per-CPU input
# backlog (netdev_max_backlog; a veth hands every packet to it), summed over
# the CPUs: the test's links, not v6gw, when a TCG guest stalls
backlog_drops()
{
	local n=0 d
	while read -r _ d _; do
		n=$((n + 16#$d))
	done < /proc/net/softnet_stat
	echo "$n"
}
start=$(now_ms)
CASE_T0=$start

# --- 1. topology and configuration --------------------------------------

nat64_topology || FAILED="nat64_topology failed"
cfg=$(gw -j nat64 show)
expect "prefix 64:ff9b::/96" jqe "$cfg" '.prefix == [{"prefix":"64:ff9b::/96"}]'
expect "pool4 203.0.113.1/32 for tcp, udp, icmp" jqe "$cfg" \
	'[.pool4[] | select(.prefix == "203.0.113.1/32") | .proto] | sort ==
	 ["icmp", "tcp", "udp"]'
expect "wkpf-strict off" jqe "$cfg" '."wkpf-strict" == false'
expect "tables empty" jqe "$cfg" '[.count[][]] | add == 0'
if [ -n "$FAILED" ]; then
	echo "$cfg" | sed 's/^/# /'
	case_end "topology and NAT64 configuration"
	echo "Bail out! no topology"
	exit "$ksft_fail"
fi
case_end "topology and NAT64 configuration"

# --- 2. ping --------------------------------------------------------------

s0=$(stats)
out=$(ip netns exec "$H6" ping -6 -c 3 -i 0.2 -W 5 -I "$H6A" "$NAT64_H4_AS6" 2>&1)
expect "ping answered 3 times" grep -q " 3 received" <<< "$out"
s1=$(stats)
sess=$(sessions proto icmp)
expect "ICMP session H6 -> 203.0.113.1 -> H4" jqe "$sess" \
	"any(.[]; .src6 == \"$H6A\" and .dst6 == \"$NAT64_H4_AS6\" and
	 .src4 == \"$NAT64_POOL4\" and .dst4 == \"$H4A\" and .state == null
	 and .sport4 == .dport4 and .sport6 == .dport6)"
x64=$(delta "$s0" "$s1" xlat-6to4)
x46=$(delta "$s0" "$s1" xlat-4to6)
expect "xlat-6to4 +3 ($x64)" [ "$x64" -eq 3 ]
expect "xlat-4to6 +3 ($x46)" [ "$x46" -eq 3 ]
sn=$(delta "$s0" "$s1" nat64-session-new)
bn=$(delta "$s0" "$s1" nat64-bib-new)
expect "one session and BIB entry created ($sn, $bn)" \
	[ "$sn" -eq 1 -a "$bn" -eq 1 ]
[ -n "$FAILED" ] && { echo "$out"; echo "$sess"; } | sed 's/^/# /'
case_end "ping H6 -> 64:ff9b::198.51.100.2: ICMP session, 6to4 $x64, 4to6 $x46"

# --- 3. UDP echo through a session -----------------------------------------

serve "$H4" udp "$H4A" 7007 "$TMPD/h4-7007.log"
out=$(client "$H6" udp "$NAT64_H4_AS6" 7007 hello-v4 "$H6A")
lport=${out%% *}
sess=$(sessions proto udp)
t=$(jq --argjson p "${lport:-0}" \
	".[] | select(.src6 == \"$H6A\" and .sport6 == \$p) | .sport4" <<< "$sess")
expect "one UDP session of the client's port" [ "$(wc -w <<< "$t")" -eq 1 ]
expect "echo answer" eq "${out#* }" "hello-v4|$NAT64_POOL4|$t"
expect "session addresses" jqe "$sess" \
	"any(.[]; .src6 == \"$H6A\" and .sport6 == ${lport:-0} and
	 .dst6 == \"$NAT64_H4_AS6\" and .dport6 == 7007 and
	 .src4 == \"$NAT64_POOL4\" and .dst4 == \"$H4A\" and .dport4 == 7007)"
expect "H4's server saw 203.0.113.1:$t" \
	grep -qx "$NAT64_POOL4 $t hello-v4" "$TMPD/h4-7007.log"
[ -n "$FAILED" ] && { echo "$out"; echo "$sess"; cat "$TMPD/h4-7007.log"; } |
	sed 's/^/# /'
case_end "UDP echo H6 -> H4 and back: H4 sees $NAT64_POOL4:$t"

# --- 4. HTTP ----------------------------------------------------------------

mkdir "$TMPD/www"
head -c 200000 /dev/urandom > "$TMPD/www/blob"
want=$(sha256sum < "$TMPD/www/blob")
if busybox --list 2> /dev/null | grep -qx httpd; then
	ip netns exec "$H4" busybox httpd -f -p "$H4A:8000" -h "$TMPD/www" &
else
	ip netns exec "$H4" python3 -m http.server --bind "$H4A" \
		--directory "$TMPD/www" 8000 > /dev/null 2>&1 &
fi
defer killq $!
busywait 20000 listening "$H4" 8000
url="http://[$NAT64_H4_AS6]:8000/blob"
if command -v curl > /dev/null; then
	tool=curl
	ip netns exec "$H6" curl -g -sS --max-time 60 -o "$TMPD/got" "$url"
elif command -v wget > /dev/null; then
	tool=wget
	ip netns exec "$H6" wget -q -T 60 -O "$TMPD/got" "$url"
else
	tool=urllib
	ip netns exec "$H6" python3 -c '
import sys, urllib.request
open(sys.argv[2], "wb").write(urllib.request.urlopen(sys.argv[1],
                                                     timeout=60).read())' \
		"$url" "$TMPD/got"
fi
rc=$?
got=$(sha256sum < "$TMPD/got" 2> /dev/null)
expect "$tool exit status ($rc)" [ "$rc" -eq 0 ]
expect "sha256 of 200 kB" eq "$got" "$want"
case_end "HTTP GET of 200 kB with $tool from H6 to [64:ff9b::198.51.100.2]:8000"

# --- 5./6. iperf3 TCP, session states; iperf3 UDP ---------------------------

# GRO on everywhere: GW translates GSO packets.
for ns in "$H6" "$H4"; do
	ip netns exec "$ns" ethtool -K eth0 tso on gso on > /dev/null 2>&1
done
for dev in eth6 eth4; do
	ip netns exec "$GW" ethtool -K "$dev" gro on > /dev/null 2>&1
done
for ns in "$H6" "$H4"; do
	ip netns exec "$ns" ethtool -K eth0 gro on > /dev/null 2>&1
done

iperf_mbit()
{
	jq -r '(.end.sum_received // .end.sum).bits_per_second / 1e6 | floor' \
		2> /dev/null
}

# The data connection's session: established while the transfer runs.
est_seen()
{
	sessions proto tcp | jq -e 'any(.[]; .dport4 == 5201 and
		.state == "established")' > /dev/null
}
# closed_down: every session of the transfer (control and data) is in a
# closing state
closed_down()
{
	sessions proto tcp | jq -e '[.[] | select(.dport4 == 5201)] |
		length >= 2 and all(.[]; .state == "v4-fin-v6-fin-rcv" or
				    .state == "trans")' > /dev/null
}

ip netns exec "$H4" iperf3 -s -D -1 -B "$H4A" -p 5201 -I "$TMPD/iperf.pid" \
	> /dev/null 2>&1
busywait 20000 listening "$H4" 5201
s0=$(stats)
ip netns exec "$H6" iperf3 -c "$NAT64_H4_AS6" -B "$H6A" -p 5201 -t 3 -J \
	> "$TMPD/iperf-tcp.json" 2> /dev/null &
ipid=$!
busywait 20000 est_seen
est=$?
wait "$ipid"
rc=$?
mb=$(iperf_mbit < "$TMPD/iperf-tcp.json")
s1=$(stats)
drops=$(drops_moved "$s0" "$s1")
expect "iperf3 exit status ($rc)" [ "$rc" -eq 0 ]
expect "throughput > 0" [ "${mb:-0}" -gt 0 ]
expect "no drops ($drops)" [ -z "$drops" ]
case_end "iperf3 TCP H6 -> H4, GRO on: ${mb:-0} Mbit/s, no drops"

busywait 20000 closed_down > /dev/null
fin=$?
final=$(sessions proto tcp | jq -c '[.[] | select(.dport4 == 5201) | .state]')
expect "established seen during the transfer" [ "$est" -eq 0 ]
expect "closing state after it ($final)" [ "$fin" -eq 0 ]
case_end "TCP session states: established, then $final"

busywait 20000 not_listening "$H4" 5201
ip netns exec "$H4" iperf3 -s -D -1 -B "$H4A" -p 5201 -I "$TMPD/iperf.pid" \
	> /dev/null 2>&1
busywait 20000 listening "$H4" 5201
# Loss is counted where GW's part ends: datagrams that reached H4's UDP
# layer (delivered, or dropped there for a full socket buffer) against those
# the client sent. iperf3's own loss figure also counts the receiving
# process falling behind in a TCG guest on a busy host: shown, not judged.
s0=$(stats)
u0=$(h4_udp_in)
b0=$(backlog_drops)
ip netns exec "$H6" iperf3 -c "$NAT64_H4_AS6" -B "$H6A" -p 5201 -u -b 5M \
	-l 1200 -t 3 -J > "$TMPD/iperf-udp.json" 2> /dev/null
rc=$?
u1=$(h4_udp_in)
b1=$(backlog_drops)
s1=$(stats)
mb=$(iperf_mbit < "$TMPD/iperf-udp.json")
sent=$(jq -r '.end.sum.packets // 0' "$TMPD/iperf-udp.json" 2> /dev/null)
loss=$(jq -r '.end.sum.lost_percent // 100 | floor' "$TMPD/iperf-udp.json" \
	2> /dev/null)
arrived=$((u1 - u0))
backlog=$((b1 - b0))
drops=$(drops_moved "$s0" "$s1")
expect "iperf3 exit status ($rc)" [ "$rc" -eq 0 ]
expect "throughput > 0" [ "${mb:-0}" -gt 0 ]
expect "datagrams sent (${sent:-0})" [ "${sent:-0}" -gt 1000 ]
# the client's datagrams plus its connect datagram, nothing lost but what
# a full input backlog dropped (counted by the kernel: the test's links)
expect "all reached H4 ($arrived of ${sent:-0}, $backlog backlog drops)" \
	[ $((arrived + backlog)) -ge "${sent:-0}" ]
expect "no drops ($drops)" [ -z "$drops" ]
case_end "iperf3 UDP H6 -> H4 at 5 Mbit/s: ${mb:-0} Mbit/s, $arrived of ${sent:-0} datagrams reached H4, $backlog backlog drops (iperf3 loss ${loss:-?}%), no v6gw drops"

# --- 7. static BIB entries: IPv4-initiated ----------------------------------

expect "bib add tcp" gw nat64 bib add proto tcp "[$H6A]:8080" "$NAT64_POOL4:8080"
expect "bib add udp" gw nat64 bib add proto udp "[$H6A]:8080" "$NAT64_POOL4:8080"
expect "both static in bib show" jqe "$(bibs)" \
	"[.[] | select(.ipv6 == \"$H6A\" and .port6 == 8080 and
	  .ipv4 == \"$NAT64_POOL4\" and .port4 == 8080 and .static) | .proto] |
	 sort == [\"tcp\", \"udp\"]"
serve "$H6" tcp "$H6A" 8080 "$TMPD/h6-tcp.log"
serve "$H6" udp "$H6A" 8080 "$TMPD/h6-udp.log"
out=$(client "$H4" tcp "$NAT64_POOL4" 8080 hello-tcp "$H4A")
expect "TCP answer ($out)" eq "${out#* }" "hello-tcp|$NAT64_H4_AS6|${out%% *}"
out=$(client "$H4" udp "$NAT64_POOL4" 8080 hello-udp "$H4A")
expect "UDP answer ($out)" eq "${out#* }" "hello-udp|$NAT64_H4_AS6|${out%% *}"
case_end "static BIB: H4 reaches [$H6A]:8080 at $NAT64_POOL4:8080, TCP and UDP"

# --- 8. IPv4 packet without state ---------------------------------------

s0=$(stats)
out=$(ip netns exec "$H4" python3 -c '
import socket, struct, sys
IP_RECVERR = 11
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, IP_RECVERR, 1)
s.connect((sys.argv[1], 9999))
s.send(b"nobody")
s.settimeout(20)
try:
    s.recv(100)
    print("answered")
except ConnectionRefusedError:
    _, anc, _, _ = s.recvmsg(100, 512, socket.MSG_ERRQUEUE)
    for level, typ, data in anc:
        if level == socket.IPPROTO_IP and typ == IP_RECVERR:
            _, origin, itype, icode = struct.unpack("=IBBB", data[:7])
            off = socket.inet_ntoa(data[20:24])
            print("refused origin=%d type=%d code=%d from=%s" %
                  (origin, itype, icode, off))
except socket.timeout:
    print("timeout")' "$NAT64_POOL4")
s1=$(stats)
ns=$(delta "$s0" "$s1" drop-nat64-no-state)
expect "ICMP port unreachable ($out)" \
	grep -q "^refused origin=2 type=3 code=3 " <<< "$out"
expect "drop-nat64-no-state +1 ($ns)" [ "$ns" -eq 1 ]
case_end "IPv4 UDP to $NAT64_POOL4:9999 without BIB entry: ${out:-nothing}"

# --- 9. hairpinning -----------------------------------------------------------

# 2001:db8:6::3 reaches 2001:db8:6::2 at its static BIB entry 203.0.113.1:8080
# through 64:ff9b::203.0.113.1; the server sees it at that address with its
# own BIB port.
for proto in udp tcp; do
	s0=$(stats)
	out=$(client "$H6" "$proto" "$NAT64_POOL4_AS6" 8080 "hairpin-$proto" "$H6B")
	s1=$(stats)
	lport=${out%% *}
	t=$(bibs proto "$proto" | jq --argjson p "${lport:-0}" \
		".[] | select(.ipv6 == \"$H6B\" and .port6 == \$p) | .port4")
	hp=$(delta "$s0" "$s1" hairpin)
	expect "$proto answer ($out, BIB port ${t:-none})" \
		eq "${out#* }" "hairpin-$proto|$NAT64_POOL4_AS6|$t"
	expect "hairpin moved ($hp)" [ "$hp" -ge 2 ]
	case_end "hairpinning $proto: [$H6B] -> [$NAT64_POOL4_AS6]:8080 -> [$H6A]:8080 ($hp hairpinned)"
done

# --- 10. address-dependent filtering ------------------------------------

ip -n "$H4" addr add "$H4B/24" dev eth0
expect "set filtering address" gw nat64 set filtering address
expect "filtering is address" jqe "$(gw -j nat64 show)" '.filtering == "address"'
# H6's port 40001 talks to H4:7007 first (the answer comes back to it and
# is only logged), then answers whoever reaches it.
serve "$H6" udp "$H6A" 40001 "$TMPD/h6-40001.log" "$NAT64_H4_AS6,7007,open"
busywait 20000 grep -q "^$NAT64_H4_AS6 7007 open|" "$TMPD/h6-40001.log"
t=$(bibs proto udp | jq ".[] | select(.ipv6 == \"$H6A\" and .port6 == 40001) |
	.port4")
expect "BIB entry of [$H6A]:40001 (${t:-none})" [ "$(wc -w <<< "$t")" -eq 1 ]
expect "the echo came back to it" grep -q "open|$NAT64_POOL4|$t\$" \
	"$TMPD/h6-40001.log"
t=${t:-1}
# another IPv4 host: refused
s0=$(stats)
client "$H4" udpsend "$NAT64_POOL4" "$t" from-h4b "$H4B" 7010 > /dev/null
busywait 20000 moved "$s0" drop-nat64-filtered 1
s1=$(stats)
f=$(delta "$s0" "$s1" drop-nat64-filtered)
expect "drop-nat64-filtered +1 ($f)" [ "$f" -eq 1 ]
expect "H6 did not get it" not grep -q from-h4b "$TMPD/h6-40001.log"
# the host H6 talked to, from another port: let through
out=$(client "$H4" udp "$NAT64_POOL4" "$t" from-h4a "$H4A" 7011)
expect "H4 from port 7011 answered ($out)" \
	eq "$out" "7011 from-h4a|$NAT64_H4_AS6|7011"
case_end "filtering address: $H4B refused at $NAT64_POOL4:$t, $H4A:7011 let through"

expect "set filtering endpoint" gw nat64 set filtering endpoint
s0=$(stats)
out=$(client "$H4" udp "$NAT64_POOL4" "$t" from-h4b-2 "$H4B" 7010)
s1=$(stats)
expect "$H4B answered ($out)" eq "$out" "7010 from-h4b-2|64:ff9b::c633:6403|7010"
expect "no drops" eq "$(drops_moved "$s0" "$s1")" ""
case_end "filtering endpoint: $H4B reaches $NAT64_POOL4:$t"

# --- 11. timeouts -------------------------------------------------------------

expect "set icmp 2" gw nat64 set icmp 2
gw nat64 session flush proto icmp
s0=$(stats)
ip netns exec "$H6" ping -6 -c 1 -W 5 -I "$H6A" "$NAT64_H4_AS6" > /dev/null
rc=$?
t0=$(now_ms)
n0=$(count | jq .icmp.sessions)
# 2 s and the wheel's second; the rest is room for a slow TCG guest
busywait 20000 is 0 icmp_sessions > /dev/null
gone=$?
el=$(($(now_ms) - t0))
s1=$(stats)
ex=$(delta "$s0" "$s1" nat64-session-expired)
expect "ping answered" [ "$rc" -eq 0 ]
expect "one ICMP session after the ping ($n0)" [ "$n0" -eq 1 ]
expect "gone within 20 s" [ "$gone" -eq 0 ]
expect "not before 1 s (${el} ms)" [ "$el" -ge 1000 ]
expect "nat64-session-expired +1 ($ex)" [ "$ex" -eq 1 ]
case_end "icmp timeout 2 s: the session expired after $el ms"
gw nat64 set icmp 60

# The tool refuses udp 119 itself; the kernel's policy does too.
out=$(gw nat64 set udp 119 2>&1)
rc=$?
expect "v6gw nat64 set udp 119 fails ($rc)" [ "$rc" -ne 0 ]
expect "its message names the range" grep -q "120\.\.2147483648" <<< "$out"
kout=$(ip netns exec "$GW" python3 -c '
import re, struct, sys
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[1])
import v6gw_nl
text = open(sys.argv[1] + "/../uapi/linux/v6gw.h").read()
text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
def enum(name):
    body = re.search(r"enum %s \{(.*?)\};" % name, text, re.S).group(1)
    vals, n = {}, 0
    for item in body.split(","):
        m = re.match(r"\s*(\w+)(?:\s*=\s*(\d+))?", item)
        if m:
            n = int(m.group(2)) if m.group(2) else n
            vals[m.group(1)] = n
            n += 1
    return vals
cmd, top, nat = enum("v6gw_cmd"), enum("v6gw_attr"), enum("v6gw_nat64_attr")
nl = v6gw_nl.Genl()
a = v6gw_nl.attr(top["V6GW_A_NAT64"],
                 v6gw_nl.attr(nat["V6GW_NAT64_A_UDP"], struct.pack("=I", 119)),
                 True)
err, ext, _ = nl.send(nl.family, cmd["V6GW_CMD_NAT64_SET"], a)
print(err, ext)' "$SELFDIR" 2>&1)
expect "the kernel refuses udp 119 with ERANGE and a message ($kout)" \
	grep -qi "^34 .*range" <<< "$kout"
expect "udp still 300" jqe "$(gw -j nat64 show)" '.udp == 300'
case_end "udp timeout 119 refused: '${out%%$'\n'*}', kernel: $kout"

# --- 12. the session limit -------------------------------------------------

serve "$H4" sink "$H4A" 7009 "$TMPD/h4-7009.log"
gw nat64 session flush
expect "no sessions left after flush" is 0 total_sessions
expect "set max-sessions 3" gw nat64 set max-sessions 3
s0=$(stats)
udp_flows "$H6" "$H6A" "$NAT64_H4_AS6" 7009 41001 41002 41003 41004 41005
busywait 20000 moved "$s0" drop-nat64-session-limit 2
busywait 20000 is 3 eval 'wc -l < "$TMPD/h4-7009.log"' > /dev/null
s1=$(stats)
lim=$(delta "$s0" "$s1" drop-nat64-session-limit)
n=$(udp_sessions)
got=$(wc -l < "$TMPD/h4-7009.log")
expect "exactly 3 UDP sessions ($n)" [ "$n" -eq 3 ]
expect "drop-nat64-session-limit +2 ($lim)" [ "$lim" -eq 2 ]
expect "H4 got 3 datagrams ($got)" [ "$got" -eq 3 ]
expect "no other drops" eq "$(drops_moved "$s0" "$s1" \
	drop-nat64-session-limit)" ""
gw nat64 session flush
expect "reset max-sessions" gw nat64 set max-sessions 1048576
expect "flushed" is 0 total_sessions
case_end "max-sessions 3: 5 UDP flows, $n sessions, $lim dropped"

# --- 13. pool4 exhaustion, port classes ------------------------------------

expect "pool4 del $NAT64_POOL4/32" gw nat64 pool4 del "$NAT64_POOL4/32"
expect "pool4 add udp 2000-2003" \
	gw nat64 pool4 add "$NAT64_POOL4/32" proto udp ports 2000-2003
s0=$(stats)
udp_flows "$H6" "$H6A" "$NAT64_H4_AS6" 7009 42001 42002 42003 42004 42005 42006
busywait 20000 moved "$s0" drop-nat64-pool4-full 2
s1=$(stats)
dyn=$(bibs proto udp | jq -c '[.[] | select(.static | not) | .port4] | sort')
full=$(delta "$s0" "$s1" drop-nat64-pool4-full)
expect "4 dynamic BIB entries, ports 2000-2003 ($dyn)" \
	eq "$dyn" "[2000,2001,2002,2003]"
expect "4 UDP sessions" is 4 udp_sessions
expect "drop-nat64-pool4-full +2 ($full)" [ "$full" -eq 2 ]
expect "no other drops" eq "$(drops_moved "$s0" "$s1" \
	drop-nat64-pool4-full)" ""
case_end "pool4 of 4 UDP ports: 6 flows, BIB ports $dyn, $full dropped"

# Port classes (RFC 6146 3.5.1.1): a port below 1024 maps below 1024.
expect "pool4 add udp 500-501" \
	gw nat64 pool4 add "$NAT64_POOL4/32" proto udp ports 500-501
udp_flows "$H6" "$H6A" "$NAT64_H4_AS6" 7009 53
busywait 20000 is 5 udp_sessions > /dev/null
p53=$(bibs proto udp | jq ".[] | select(.ipv6 == \"$H6A\" and .port6 == 53) |
	.port4")
expect "port 53 maps to 500 or 501 (${p53:-none})" \
	[ "${p53:-0}" -ge 500 -a "${p53:-0}" -le 501 ]
case_end "port class: [$H6A]:53 gets $NAT64_POOL4:${p53:-none}"
gw nat64 session flush
gw nat64 pool4 del "$NAT64_POOL4/32" proto udp ports 500-501
gw nat64 pool4 del "$NAT64_POOL4/32" proto udp ports 2000-2003
gw nat64 pool4 add "$NAT64_POOL4/32"

# --- 14./15. 100 000 flows, and their dump ------------------------------------

# One Ethernet frame per flow, prebuilt and written to H6's eth0 with a
# packet socket: 4 source addresses x 5 source ports (20 BIB entries) x
# NFLOWS/20 destination ports of H4 (closed: H4 counts them as NoPorts;
# its ICMP errors are rate-limited to a handful).
# shellcheck disable=SC2016
FLOOD_PY='
import socket, struct, sys, time
ifname, smac, dmac, dst = sys.argv[1:5]
srcs = sys.argv[5].split(",")
sports = [int(x) for x in sys.argv[6].split(",")]
dport0, ndports = int(sys.argv[7]), int(sys.argv[8])
payload = b"nat64-flow"
ulen = 8 + len(payload)
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((ifname, 0))
eth = bytes.fromhex(dmac.replace(":", "") + smac.replace(":", "") + "86dd")
d = socket.inet_pton(socket.AF_INET6, dst)
def words(b):
    return sum(struct.unpack("!%dH" % (len(b) // 2), b))
n = 0
t0 = time.monotonic()
send, pack = s.send, struct.pack
for src in srcs:
    a = socket.inet_pton(socket.AF_INET6, src)
    hdr = eth + pack("!IHBB", 6 << 28, ulen, 17, 64) + a + d
    base = words(a) + words(d) + 2 * ulen + 17 + words(payload)
    for sp in sports:
        for dp in range(dport0, dport0 + ndports):
            c = base + sp + dp
            c = (c & 0xffff) + (c >> 16)
            c = (c & 0xffff) + (c >> 16)
            send(hdr + pack("!HHHH", sp, dp, ulen, (~c & 0xffff) or 0xffff) +
                 payload)
            n += 1
print(n, int((time.monotonic() - t0) * 1000))
'
srcs=2001:db8:6::100,2001:db8:6::101,2001:db8:6::102,2001:db8:6::103
for a in ${srcs//,/ }; do
	ip -n "$H6" addr add "$a/64" dev eth0 nodad
done
smac=$(ip -n "$H6" -j link show eth0 | jq -r '.[0].address')
dmac=$(ip -n "$GW" -j link show eth6 | jq -r '.[0].address')
gw nat64 session flush
expect "max-sessions above $NFLOWS" gw nat64 set max-sessions $((2 * NFLOWS))
s0=$(stats)
u0=$(h4_udp_in)
t0=$(now_ms)
out=$(ip netns exec "$H6" python3 -c "$FLOOD_PY" eth0 "$smac" "$dmac" \
	"$NAT64_H4_AS6" "$srcs" 50001,50002,50003,50004,50005 20000 \
	$((NFLOWS / 20)))
busywait 60000 is "$NFLOWS" udp_sessions > /dev/null
t1=$(now_ms)
s1=$(stats)
u1=$(h4_udp_in)
sent=${out%% *}
n=$(udp_sessions)
nb=$(bibs proto udp | jq '[.[] | select(.static | not)] | length')
x=$(delta "$s0" "$s1" xlat-6to4)
sn=$(delta "$s0" "$s1" nat64-session-new)
drops=$(drops_moved "$s0" "$s1")
rate=$((NFLOWS * 1000 / (t1 - t0 + 1)))
echo "# $sent frames written in ${out#* } ms; $n sessions after $((t1 - t0)) ms ($rate flows/s); H4 received $((u1 - u0))"
expect "$NFLOWS frames sent ($sent)" [ "${sent:-0}" -eq "$NFLOWS" ]
expect "$NFLOWS UDP sessions ($n)" [ "$n" -eq "$NFLOWS" ]
expect "nat64-session-new +$NFLOWS ($sn)" [ "$sn" -eq "$NFLOWS" ]
expect "20 dynamic BIB entries ($nb)" [ "$nb" -eq 20 ]
expect "xlat-6to4 +$NFLOWS ($x)" [ "$x" -eq "$NFLOWS" ]
expect "H4 received $NFLOWS ($((u1 - u0)))" [ $((u1 - u0)) -eq "$NFLOWS" ]
expect "no drops ($drops)" [ -z "$drops" ]
case_end "$NFLOWS UDP flows: $n sessions in $((t1 - t0)) ms ($rate flows/s)"

# One JSON dump (about 20 MB), checked whole: every session once, all of
# them H6's flows to H4 through 203.0.113.1.
t0=$(now_ms)
dump=$(sessions proto udp | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(len(d), len(set((x["src6"], x["sport6"], x["dport6"]) for x in d)),
      all(x["dst4"] == sys.argv[1] and x["src4"] == sys.argv[2] and
          x["src6"].startswith("2001:db8:6::10") for x in d))' "$H4A" "$NAT64_POOL4")
rc=$?
t1=$(now_ms)
read -r len uniq good <<< "$dump"
expect "dump parsed ($rc)" [ "$rc" -eq 0 ]
expect "$NFLOWS entries (${len:-none})" [ "${len:-0}" -eq "$NFLOWS" ]
expect "all distinct (${uniq:-none})" [ "${uniq:-0}" -eq "$NFLOWS" ]
expect "all of them H6 -> 203.0.113.1 -> H4" eq "$good" True
case_end "JSON session dump of $NFLOWS sessions: ${len:-0} entries in $((t1 - t0)) ms"
t0=$(now_ms)
gw nat64 session flush
expect "flush leaves no session" is 0 total_sessions
echo "# flush of $NFLOWS sessions: $(($(now_ms) - t0)) ms"
gw nat64 set max-sessions 1048576

# --- 16. SIIT and NAT64 side by side -------------------------------------------

expect "siit prefix add 2001:db8:64::/96" gw siit prefix add 2001:db8:64::/96
expect "siit eam add" gw siit eam add "$H6A" 192.0.2.6
ip -n "$H6" route add 2001:db8:64::/96 via 2001:db8:6::1
s0=$(stats)
expect "ping through SIIT (H6 -> 2001:db8:64::198.51.100.2)" \
	ip netns exec "$H6" ping -6 -c 2 -i 0.2 -W 5 -I "$H6A" 2001:db8:64::c633:6402
expect "ping through SIIT (H4 -> 192.0.2.6)" \
	ip netns exec "$H4" ping -4 -c 2 -i 0.2 -W 5 192.0.2.6
n=$(icmp_sessions)
expect "no NAT64 session for them ($n)" [ "$n" -eq 0 ]
expect "ping through NAT64 (H6 -> 64:ff9b::198.51.100.2)" \
	ip netns exec "$H6" ping -6 -c 2 -i 0.2 -W 5 -I "$H6A" "$NAT64_H4_AS6"
expect "a NAT64 session for that one" is 1 icmp_sessions
s1=$(stats)
x=$(delta "$s0" "$s1" xlat-6to4)
expect "6 packets 6to4 ($x)" [ "$x" -eq 6 ]
expect "no drops" eq "$(drops_moved "$s0" "$s1")" ""
case_end "SIIT (2001:db8:64::/96, EAM) and NAT64 (64:ff9b::/96) in one namespace"

out=$(gw nat64 prefix add 2001:db8:64::/96 2>&1)
rc=$?
expect "nat64 prefix add 2001:db8:64::/96 fails ($rc)" [ "$rc" -ne 0 ]
expect "because it overlaps the SIIT prefix ($out)" grep -qi "overlap" <<< "$out"
gw siit prefix del 2001:db8:64::/96
for p in 64:ff9b::/96 64:ff9b::/64; do
	out2=$(gw siit prefix add "$p" 2>&1)
	rc=$?
	expect "siit prefix add $p fails ($rc)" [ "$rc" -ne 0 ]
	expect "because it overlaps the NAT64 prefix ($out2)" \
		grep -qi "overlap.*nat64" <<< "$out2"
done
expect "no SIIT prefix" eq "$(gw -j siit prefix show)" "[]"
case_end "overlapping prefixes refused: '$out', '$out2'"

echo "# total $((($(now_ms) - start) / 1000)) s"
ktap_finished
