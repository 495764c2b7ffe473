#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/ra-guest.sh: the RA option injection benchmark inside the guest,
# run by bench/ra.sh (as root, v6gw.ko as V6GW_KO, the tool as V6GW).
#
# What it measures: the cost of an RA rule (a netfilter egress hook,
# NFPROTO_NETDEV / NF_NETDEV_EGRESS, on the rule's interface) for traffic
# that is not an RA: plain IPv6 forwarding of 64-byte UDP through a router.
# One copy of the topology of bench/guest.sh's fwd variant:
#
#   [H6] 2001:db8:6::2 --veth-- eth6 [GW] eth4 --veth-- [FAR]
#
# H6's pktgen sends 64-byte UDP (126-byte frames, checksum offloaded) to
# 2001:db8:64::c633:6402 (FAR); GW forwards it out of eth4; FAR drops it at
# tc ingress; GW has a permanent neighbour entry for FAR. v6gw is loaded
# all along (with nothing configured it registers no hook). Windows, the
# same packets each time, only GW's RA rules differ:
#
#   base   no rule; GW drops the packets at its own tc ingress (eth6): the
#          sender's and the veths' share, subtracted to get the router's
#   a      no rule anywhere (no egress hook registered on the box)
#   b      v6gw ra set dev eth4 rdnss 2001:db8::53 dnssl example.com
#          pref64 64:ff9b::/96: the rule on the interface the forwarded
#          packets leave through, so each of them meets v6gw_ra_hook()
#   c      the same rule on eth6 instead (GW's other interface, which the
#          forwarded packets do not leave through)
#
# The rules are set and removed between windows (outside the marks), so
# "a" and "base" run with no egress hook registered anywhere: the
# kernel's egress static keys are global, which is why "c" is measured at
# all rather than assumed to equal "a".
#
# Before the windows, a check that the rule's hook is where it should be:
# an RA sent by GW out of eth4 (raw socket, from fe80::1) must be counted
# as ra-rewritten with the rule on eth4, and not with it on eth6.
#
# Modes: V6GW_BENCH_INSN=1 (bench/insn-vm.sh, one vCPU, insn plugin):
# "insn-window MARK udp NAME ROUND COUNT sent S gw_rx G far_rx F
# pktgen_errors E softnet_drops D" after the mark closing each window;
# otherwise (wall clock, 2 vCPUs): "wall-window udp NAME ROUND COUNT sent S
# usec U gw_rx G far_rx F pktgen_errors E softnet_drops D secs T".
# A window whose packets did not all go where they should is followed by
# "insn-bad MARK" / "wall-bad NAME ROUND" and left out by the report.
#
# Environment: V6GW_BENCH_RA_N (packets per window, 100000),
# V6GW_BENCH_RA_ROUNDS (5), V6GW_BENCH_RA_VARIANTS ("base a b c"),
# V6GW_BENCH_INSN_PROFILE (kallsyms to ttyS2 after the last mark).
# A benchmark: exit status 0 unless the setup itself breaks.

# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../selftests/lib.sh"

dst6=2001:db8:64::c633:6402
n=${V6GW_BENCH_RA_N:-100000}
rounds=${V6GW_BENCH_RA_ROUNDS:-5}
read -r -a vs <<<"${V6GW_BENCH_RA_VARIANTS:-base a b c}"
insn=""; [ "${V6GW_BENCH_INSN:-}" = 1 ] && insn=1
rule=(rdnss 2001:db8::53 dnssl example.com pref64 64:ff9b::/96)

log() { echo "bench: $*"; }

v6gw_load || { log "cannot load $V6GW_KO"; exit 1; }
modprobe pktgen || { log "no pktgen"; exit 1; }
for m in sch_ingress cls_matchall act_gact; do modprobe "$m"; done
log "ra: kernel $(uname -r), v6gw ${V6GW_BENCH_VER:-?}, $n packets per window, $rounds rounds, variants ${vs[*]}"

h6="" gw="" far=""
setup_ns h6 gw far || exit 1
ip link add eth6 netns "$gw" type veth peer name eth0 netns "$h6"
ip link add eth4 netns "$gw" type veth peer name eth0 netns "$far"
for x in "$gw:eth6" "$gw:eth4" "$h6:eth0" "$far:eth0"; do
	ip -n "${x%%:*}" link set "${x#*:}" up
	ip netns exec "${x%%:*}" ethtool -K "${x#*:}" gro on >/dev/null 2>&1
done
ip netns exec "$gw" sysctl -qw net.ipv6.conf.all.forwarding=1
ip -n "$gw" addr add 2001:db8:6::1/64 dev eth6 nodad
ip -n "$gw" addr add 2001:db8:64::1/64 dev eth4 nodad
ip -n "$gw" addr add fe80::1/64 dev eth4 nodad
ip -n "$h6" addr add 2001:db8:6::2/64 dev eth0 nodad
ip -n "$h6" route add 2001:db8:64::/96 via 2001:db8:6::1
ip -n "$far" addr add "$dst6/64" dev eth0 nodad
ip -n "$far" route add default via 2001:db8:64::1
gwmac=$(ip netns exec "$gw" cat /sys/class/net/eth6/address)
farmac=$(ip netns exec "$far" cat /sys/class/net/eth0/address)
ip -n "$gw" neigh replace "$dst6" lladdr "$farmac" dev eth4 nud permanent
ip netns exec "$h6" ping -6 -c 2 -i 0.3 -W 3 "$dst6" >/dev/null ||
	{ log "ra: no ping through GW"; exit 1; }

# ra_rule none|IFNAME: GW's RA rules become exactly that one (or none)
ra_rule()
{
	local d
	for d in eth4 eth6; do
		"$V6GW" -n "$gw" ra del dev "$d" >/dev/null 2>&1
	done
	[ "$1" = none ] && return 0
	"$V6GW" -n "$gw" ra set dev "$1" "${rule[@]}" ||
		{ log "ra: 'v6gw ra set dev $1 ${rule[*]}' failed"; return 1; }
}

# ra_stat NAME: one of GW's v6gw counters
ra_stat()
{
	"$V6GW" -n "$gw" -s stats show | awk -v k="$1" '$1 == k { print $2; f = 1 } END { if (!f) print "?" }'
}

# send_ra: one RA out of GW's eth4 (hop limit 255, link-local source)
send_ra()
{
	ip netns exec "$gw" python3 -c '
import socket, struct
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
i = socket.if_nametoindex("eth4")
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 255)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, i)
s.bind(("fe80::1", 0, 0, i))
# type 134, code 0, checksum (the kernel), hop limit 64, flags 0,
# router lifetime 1800 s, reachable 0, retrans 0
s.sendto(struct.pack("!BBHBBHII", 134, 0, 0, 64, 0, 1800, 0, 0), ("ff02::1", 0, 0, i))'
}

# the check: the hook is on eth4 with rule b, not with rule c
check=ok
ra_rule eth4 || exit 1
"$V6GW" -n "$gw" ra show | sed 's/^/bench: ra: rule b: /'
r0=$(ra_stat ra-rewritten)
send_ra && sleep 0.2
r1=$(ra_stat ra-rewritten)
ra_rule eth6 || exit 1
send_ra && sleep 0.2
r2=$(ra_stat ra-rewritten)
ra_rule none
log "ra: check: an RA out of eth4: ra-rewritten $r0 -> $r1 with the rule on eth4 (want +1)," \
	"-> $r2 with it on eth6 (want +0)"
{ [ "$r1" = $((r0 + 1)) ] && [ "$r2" = "$r1" ]; } 2>/dev/null || check=failed
log "ra: check $check"

# shellcheck disable=SC2317 # run through bash -c
pg()
{
	echo "$2" >"$1" || { log "pktgen: '$2' > $1 failed"; return 1; }
	grep -q '^Result: OK' "$1" 2>/dev/null || [ "$1" = /proc/net/pktgen/pgctrl ] ||
		{ log "pktgen: '$2': $(grep '^Result' "$1")"; return 1; }
}

# pg_setup COUNT: COUNT packets H6 -> FAR, not started
pg_setup()
{
	ip netns exec "$h6" bash -c "
		$(declare -f pg log)
		d=/proc/net/pktgen
		pg \$d/kpktgend_0 rem_device_all &&
		pg \$d/kpktgend_0 'add_device eth0' &&
		for c in 'count $1' 'clone_skb 0' 'delay 0' 'pkt_size 126' \
			 'dst6 $dst6' 'src6 2001:db8:6::2' 'dst_mac $gwmac' \
			 'udp_src_min 9000' 'udp_src_max 9000' \
			 'udp_dst_min 9' 'udp_dst_max 9' 'flag UDPCSUM'; do
			pg \$d/eth0 \"\$c\" || exit 1
		done"
}

# f NS DEV STAT
f() { ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3"; }

# softnet_drops: packets dropped by full backlog queues, all CPUs
softnet_drops()
{
	local d=0 b
	while read -r _ b _; do d=$((d + 0x$b)); done </proc/net/softnet_stat
	echo "$d"
}

tc -n "$far" qdisc add dev eth0 ingress
tc -n "$far" filter add dev eth0 ingress pref 1 matchall action drop

mark=""
if [ -n "$insn" ]; then
	# on tmpfs: an exec from the host's root (9p) would be asynchronous
	# QEMU I/O inside the window
	mkdir -p /run/insn
	cp "${V6GW_INSN_DIR:?}/insn-mark" /run/insn/ || exit 1
	mark=/run/insn/insn-mark
fi
nmarks=0

# window NAME ROUND COUNT
window()
{
	local v=$1 r=$2 cnt=$3 rx0 rx1 g0 g1 us sent want t0 t1 sd0 sd1 err
	case $v in
	a | base) ra_rule none ;;
	b) ra_rule eth4 ;;
	c) ra_rule eth6 ;;
	esac || return 1
	pg_setup "$cnt" || return 1
	if [ "$v" = base ]; then
		tc -n "$gw" qdisc add dev eth6 ingress &&
		tc -n "$gw" filter add dev eth6 ingress pref 1 matchall action drop || return 1
	fi
	# let RCU callbacks of the rule change run before the window
	sleep 0.3
	rx0=$(f "$far" eth0 rx_packets) g0=$(f "$gw" eth6 rx_packets) sd0=$(softnet_drops)
	if [ -n "$insn" ]; then
		ip netns exec "$h6" bash -c "$mark ra-$v-before;
			echo start > /proc/net/pktgen/pgctrl; $mark ra-$v-after"
		nmarks=$((nmarks + 2))
	else
		t0=$(date +%s.%N)
		ip netns exec "$h6" sh -c 'echo start > /proc/net/pktgen/pgctrl'
		t1=$(date +%s.%N)
	fi
	rx1=$(f "$far" eth0 rx_packets) g1=$(f "$gw" eth6 rx_packets) sd1=$(softnet_drops)
	# "Result: OK: U(c..+d..) usec, N (126byte,0frags)\n  ...pps ... errors: E"
	read -r us sent err <<<"$(ip netns exec "$h6" cat /proc/net/pktgen/eth0 | tr '\n' ' ' |
		sed -n 's/.*Result: OK: \([0-9]*\)(c.*usec, \([0-9]*\) (.*errors: \([0-9]*\).*/\1 \2 \3/p')"
	[ "$v" = base ] && tc -n "$gw" qdisc del dev eth6 ingress
	ip netns exec "$h6" sh -c 'echo rem_device_all > /proc/net/pktgen/kpktgend_0'
	want=$cnt; [ "$v" = base ] && want=0
	if [ -n "$insn" ]; then
		echo "insn-window $nmarks udp $v $r $cnt sent $sent gw_rx $((g1 - g0)) far_rx $((rx1 - rx0)) pktgen_errors $err softnet_drops $((sd1 - sd0))"
	else
		echo "wall-window udp $v $r $cnt sent $sent usec $us gw_rx $((g1 - g0)) far_rx $((rx1 - rx0)) pktgen_errors $err softnet_drops $((sd1 - sd0)) secs $(python3 -c "print('%.6f' % ($t1 - $t0))")"
	fi
	# GW may see a stray packet of H6's (a neighbour probe): up to 1 in
	# 1000 extra is part of the window's cost
	if [ "$sent" != "$cnt" ] || [ $((g1 - g0)) -lt "$cnt" ] ||
	   [ $((g1 - g0)) -gt $((cnt + cnt / 1000)) ] || [ $((rx1 - rx0)) != "$want" ]; then
		log "ra: window $v round $r: sent $sent, GW received $((g1 - g0)), FAR $((rx1 - rx0)) of $cnt (want $want): not counted"
		if [ -n "$insn" ]; then echo "insn-bad $nmarks"; else echo "wall-bad $v $r"; fi
	fi
	return 0
}

# warm-up (round 0, N/10 packets), then the rounds, the order rotated
for v in "${vs[@]}"; do
	window "$v" 0 $((n / 10)) || exit 1
done
k=${#vs[@]}
for ((r = 1; r <= rounds; r++)); do
	for ((i = 0; i < k; i++)); do
		window "${vs[(i + r - 1) % k]}" "$r" "$n" || exit 1
	done
done
ra_rule none
[ -n "$insn" ] && log "ra: insn: $nmarks marks"
if [ -n "$insn" ] && [ -n "${V6GW_BENCH_INSN_PROFILE:-}" ]; then
	cat /proc/kallsyms >/dev/ttyS2 && log "ra: insn: kallsyms written to ttyS2"
fi
log "ra: v6gw counters: $("$V6GW" -n "$gw" stats show | tr -s ' \n' ' ')"
log "ra: softnet drops: $(softnet_drops)"
exit 0
