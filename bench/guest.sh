#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/guest.sh: the benchmark itself, run inside the guest by bench/run.sh
# (as root, kernel 6.1, v6gw.ko given as V6GW_KO, the tool as V6GW).
#
# Three copies of the same topology, one per variant, each in its own
# namespaces, so nothing is reconfigured between measurements:
#
#   [H6] 2001:db8:6::2 --veth-- [GW] --veth-- [FAR]
#
#   fwd   GW forwards IPv6 (forwarding=1); FAR is IPv6-only and owns
#         2001:db8:64::c633:6402/64 itself (the limit)
#   v6gw  GW = v6gw SIIT as in selftests/siit_lib.sh; FAR = H4 198.51.100.2
#   jool  GW = Jool SIIT (netfilter instance, same pool6 and EAM entry);
#         FAR = H4 198.51.100.2
#
# In all three H6 sends to the same address, 2001:db8:64::c633:6402, so
# H6's traffic is identical and only GW differs.
#
# Metrics, H6 -> FAR direction:
#   UDP kpps  pktgen in H6 (one kernel thread, 64-byte UDP payload = 126-byte
#             frames, UDP checksum offloaded as a local socket would) for
#             V6GW_BENCH_UDP_S (2) seconds; received = FAR's eth0 rx_packets delta;
#             FAR drops them at tc ingress, so the receiver costs the same
#             for IPv6 and IPv4.
#   TCP Mbit/s  iperf3, one stream, V6GW_BENCH_TCP_S (3) seconds (+1 s omitted),
#             receiver's figure; veth GRO on, TSO on (defaults), so GW sees
#             GSO/GRO super-packets.
# Rounds: V6GW_BENCH_ROUNDS (default 7), variant order rotated every round.
# Benchmarks never fail on speed: the exit status is 0 unless the setup
# itself breaks (a variant that does not work is reported as such).

# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../selftests/lib.sh"

rounds=${V6GW_BENCH_ROUNDS:-7}
udp_s=${V6GW_BENCH_UDP_S:-2}
tcp_s=${V6GW_BENCH_TCP_S:-3}
dst6=2001:db8:64::c633:6402
raw=/tmp/bench-raw.txt
: >"$raw"

log() { echo "bench: $*"; }

v6gw_load || { log "cannot load $V6GW_KO"; exit 1; }
modprobe pktgen || { log "no pktgen"; exit 1; }
for m in sch_ingress cls_matchall act_gact; do modprobe "$m"; done
variants="fwd v6gw"
if modprobe jool_siit 2>/dev/null; then
	variants="$variants jool"
	log "jool_siit $(modinfo -F version jool_siit) loaded"
else
	log "jool_siit cannot be loaded: the Jool variant is skipped (bench/install-jool.sh)"
fi

declare -A H6 GW FAR GWMAC

# topo VARIANT: namespaces and addresses of one copy of the topology.
topo()
{
	local v=$1 h6 gw far
	setup_ns h6 gw far || return 1
	H6[$v]=$h6 GW[$v]=$gw FAR[$v]=$far
	ip link add eth6 netns "$gw" type veth peer name eth0 netns "$h6"
	ip link add eth4 netns "$gw" type veth peer name eth0 netns "$far"
	local ns
	for ns in "$gw:eth6" "$gw:eth4" "$h6:eth0" "$far:eth0"; do
		ip -n "${ns%%:*}" link set "${ns#*:}" up
		ip netns exec "${ns%%:*}" ethtool -K "${ns#*:}" gro on >/dev/null 2>&1
	done
	ip netns exec "$gw" sysctl -qw net.ipv6.conf.all.forwarding=1 net.ipv4.ip_forward=1
	ip -n "$gw" addr add 2001:db8:6::1/64 dev eth6 nodad
	ip -n "$h6" addr add 2001:db8:6::2/64 dev eth0 nodad
	ip -n "$h6" route add 2001:db8:64::/96 via 2001:db8:6::1
	if [ "$v" = fwd ]; then
		ip -n "$gw" addr add 2001:db8:64::1/64 dev eth4 nodad
		ip -n "$far" addr add "$dst6/64" dev eth0 nodad
		ip -n "$far" route add default via 2001:db8:64::1
	else
		ip -n "$gw" addr add 198.51.100.1/24 dev eth4
		ip -n "$far" addr add 198.51.100.2/24 dev eth0
		ip -n "$far" route add default via 198.51.100.1
	fi
	case $v in
	v6gw)
		"$V6GW" -n "$gw" siit prefix add 2001:db8:64::/96 &&
		"$V6GW" -n "$gw" siit eam add 2001:db8:6::2/128 192.0.2.6/32 || return 1
		;;
	jool)
		ip netns exec "$gw" jool_siit instance add --netfilter \
			--pool6 2001:db8:64::/96 &&
		ip netns exec "$gw" jool_siit eamt add 2001:db8:6::2 192.0.2.6 || return 1
		;;
	esac
	GWMAC[$v]=$(ip netns exec "$gw" cat /sys/class/net/eth6/address)
	# FAR drops everything at tc ingress during the flood, neighbour
	# probes included: without a permanent entry GW's entry for FAR goes
	# stale, then failed, in the middle of a measurement.
	local farmac farip=198.51.100.2
	farmac=$(ip netns exec "$far" cat /sys/class/net/eth0/address)
	[ "$v" = fwd ] && farip=$dst6
	ip -n "$gw" neigh replace "$farip" lladdr "$farmac" dev eth4 nud permanent
	ip netns exec "$far" iperf3 -s -D -p 5201 -I "/tmp/iperf3-$v.pid" >/dev/null 2>&1
	defer kill_pidfile "/tmp/iperf3-$v.pid"
	ip netns exec "$h6" ping -6 -c 2 -i 0.3 -W 3 "$dst6" >/dev/null
}

# shellcheck disable=SC2317 # called through defer and bash -c
kill_pidfile() { [ -s "$1" ] && kill "$(cat "$1")" 2>/dev/null; }

# pg FILE CMD: one pktgen command, checked.
# shellcheck disable=SC2317
pg()
{
	echo "$2" >"$1" || { log "pktgen: '$2' > $1 failed"; return 1; }
	grep -q '^Result: OK' "$1" 2>/dev/null || [ "$1" = /proc/net/pktgen/pgctrl ] ||
		{ log "pktgen: '$2': $(grep '^Result' "$1")"; return 1; }
}

# pg_setup VARIANT [COUNT]: a pktgen flood from H6 through GW to FAR, not
# started, COUNT packets (default 0: until stopped); FAR drops it at tc
# ingress.
pg_setup()
{
	local v=$1 h6=${H6[$1]} far=${FAR[$1]} count=${2:-0}
	ip netns exec "$h6" bash -c "
		$(declare -f pg log)
		d=/proc/net/pktgen
		pg \$d/kpktgend_0 rem_device_all &&
		pg \$d/kpktgend_0 'add_device eth0' &&
		for c in 'count $count' 'clone_skb 0' 'delay 0' 'pkt_size 126' \
			 'dst6 $dst6' 'src6 2001:db8:6::2' 'dst_mac ${GWMAC[$v]}' \
			 'udp_src_min 9000' 'udp_src_max 9000' \
			 'udp_dst_min 9' 'udp_dst_max 9' 'flag UDPCSUM'; do
			pg \$d/eth0 \"\$c\" || exit 1
		done" || return 1
	tc -n "$far" qdisc add dev eth0 ingress 2>/dev/null
	tc -n "$far" filter add dev eth0 ingress pref 1 matchall action drop
}

# pg_teardown VARIANT
pg_teardown()
{
	ip netns exec "${H6[$1]}" sh -c 'echo rem_device_all > /proc/net/pktgen/kpktgend_0'
	tc -n "${FAR[$1]}" filter del dev eth0 ingress pref 1
}

# udp_kpps VARIANT: received kpps at FAR (prints "rx_kpps tx_kpps").
udp_kpps()
{
	local v=$1 h6=${H6[$1]} far=${FAR[$1]} rx0 rx1 t0 t1 tx pid
	pg_setup "$v" || return 1
	ip netns exec "$h6" sh -c 'echo start > /proc/net/pktgen/pgctrl' &
	pid=$!
	sleep 0.5
	t0=$(date +%s.%N)
	rx0=$(ip netns exec "$far" cat /sys/class/net/eth0/statistics/rx_packets)
	sleep "$udp_s"
	rx1=$(ip netns exec "$far" cat /sys/class/net/eth0/statistics/rx_packets)
	t1=$(date +%s.%N)
	ip netns exec "$h6" sh -c 'echo stop > /proc/net/pktgen/pgctrl'
	wait "$pid"
	tx=$(ip netns exec "$h6" sed -n 's/.*OK: \([0-9]*\)(c.*usec, \([0-9]*\) (.*/\1 \2/p' /proc/net/pktgen/eth0)
	pg_teardown "$v"
	# tx: "usec pkts" of the whole pktgen run (includes the 0.5 s lead-in)
	python3 -c "
rx = ($rx1 - $rx0) / ($t1 - $t0) / 1e3
us, n = ('$tx'.split() + ['0', '0'])[:2]
tx = int(n) / int(us) * 1e3 if int(us) else 0
print('%.1f %.1f' % (rx, tx))"
}

# softnet_drops: packets dropped by full backlog queues, all CPUs.
softnet_drops()
{
	local n=0 a b rest
	while read -r a b rest; do
		n=$((n + 0x$b))
	done </proc/net/softnet_stat
	echo "$n"
}

# snap VARIANT: packet counters along the path, one line.
snap()
{
	local v=$1 f
	f() { ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3"; }
	echo "h6.tx $(f "${H6[$v]}" eth0 tx_packets)" \
		"gw6.rx $(f "${GW[$v]}" eth6 rx_packets)" \
		"gw6.rxdrop $(f "${GW[$v]}" eth6 rx_dropped)" \
		"gw4.tx $(f "${GW[$v]}" eth4 tx_packets)" \
		"gw4.txdrop $(f "${GW[$v]}" eth4 tx_dropped)" \
		"far.rx $(f "${FAR[$v]}" eth0 rx_packets)" \
		"softnet.drop $(softnet_drops)"
}

# profile VARIANT: system-wide cpu-clock samples during the UDP flood (or
# an iperf3 TCP stream with V6GW_BENCH_PROFILE=tcp); the top kernel
# symbols, and the packet counters along the path meanwhile.
profile()
{
	local v=$1 h6=${H6[$1]} pid s0 s1
	if [ "$V6GW_BENCH_PROFILE" = tcp ]; then
		ip netns exec "$h6" timeout 30 iperf3 -c "$dst6" -p 5201 -t 6 \
			--connect-timeout 3000 >/dev/null 2>&1 &
		pid=$!
		sleep 1
	else
		pg_setup "$v" || return 1
		ip netns exec "$h6" sh -c 'echo start > /proc/net/pktgen/pgctrl' &
		pid=$!
		sleep 0.5
	fi
	s0=$(snap "$v")
	perf record -a ${V6GW_BENCH_PROFILE_G:+-g} -e cpu-clock -F 2000 \
		-o "/tmp/perf-$v.data" -- sleep 4 >/dev/null 2>&1
	s1=$(snap "$v")
	if [ "$V6GW_BENCH_PROFILE" = tcp ]; then
		wait "$pid"
	else
		ip netns exec "$h6" sh -c 'echo stop > /proc/net/pktgen/pgctrl'
		wait "$pid"
		pg_teardown "$v"
	fi
	perf report -i "/tmp/perf-$v.data" -n --sort sym --stdio \
		${V6GW_BENCH_PROFILE_G:+--children -g none} 2>/dev/null |
		grep -v '^#' | grep -v '^$' >"/tmp/report-$v.txt"
	# per second over the 4 s: what each point of the path saw
	python3 -c "
a = '$s0'.split(); b = '$s1'.split()
print('profile $v: per second: ' + ', '.join('%s %d' % (a[i], (int(b[i + 1]) - int(a[i + 1])) // 4) for i in range(0, len(a), 2)))"
	perf report -i "/tmp/perf-$v.data" --stdio 2>/dev/null | sed -n 's/^# Samples: /profile '"$v"': samples: /p' | head -n1
	head -n "${V6GW_BENCH_PROFILE_TOP:-60}" "/tmp/report-$v.txt" | sed "s/^/profile $v: /"
	# with -g: who calls the symbols named in V6GW_BENCH_PROFILE_CALLERS
	local sym
	for sym in ${V6GW_BENCH_PROFILE_CALLERS:-}; do
		perf report -i "/tmp/perf-$v.data" --no-children -S "$sym" \
			-g caller,0.5,callee --stdio 2>/dev/null | grep -v '^#' |
			grep -v '^$' | head -n 60 | sed "s/^/profile $v: callers: /"
	done
}

# tcp_mbps VARIANT
tcp_mbps()
{
	local v=$1
	ip netns exec "${H6[$v]}" timeout $((tcp_s + 20)) iperf3 -c "$dst6" -p 5201 \
		-t "$tcp_s" -O 1 --connect-timeout 3000 -J 2>/dev/null |
		python3 -c 'import json,sys
try:
    print("%.0f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 1e6))
except Exception:
    print("fail")'
}

ok=""
for v in $variants; do
	if topo "$v"; then
		ok="$ok $v"
	else
		log "variant $v: setup or ping through GW failed, skipped"
	fi
done
read -r -a vs <<<"$ok"
[ ${#vs[@]} -gt 0 ] || { log "no variant works"; exit 1; }
log "variants:${ok}; rounds $rounds; UDP ${udp_s}s, TCP ${tcp_s}s each"

# V6GW_BENCH_INSN=1: guest instructions per packet instead (bench/insn.sh
# boots this guest with -smp 1 and the insn plugin). Every window is
# closed by a mark whose number is printed as
#   insn-window MARK KIND VARIANT ROUND UNITS
# after it (outside any window); the host divides that mark's dtotal by
# UNITS. KIND udp: pktgen sends V6GW_BENCH_INSN_N 64-byte UDP packets from
# H6 (the marks around "echo start > pgctrl", which returns when all are
# sent); variant base = the fwd topology with GW dropping them at its own
# tc ingress. KIND tcp: tcpbench moves V6GW_BENCH_INSN_TCP_KIB KiB through
# one TCP connection H6 -> FAR, marks in the program around the transfer.
if [ -n "${V6GW_BENCH_INSN:-}" ]; then
	# on tmpfs: an exec from the host's root would be a 9p read, an
	# asynchronous QEMU I/O, inside the window
	mkdir -p /run/insn
	cp "${V6GW_INSN_DIR:?}/insn-mark" "$V6GW_INSN_DIR/demo/tcpbench" /run/insn/ || exit 1
	mark=/run/insn/insn-mark tcpb=/run/insn/tcpbench
	# Now and then softirq work goes to ksoftirqd in the middle of a window
	# and pktgen, sharing the one vCPU, spins on a full queue (measured: up
	# to +41 % instructions per packet, almost all in pktgen_xmit). With the
	# default backlog (1000) such a window usually loses packets and is left
	# out; a larger backlog only hid the loss. The median of the rounds
	# takes care of the rest.
	n=${V6GW_BENCH_INSN_N:-100000}
	kib=${V6GW_BENCH_INSN_TCP_KIB:-32768}
	irounds=${V6GW_BENCH_INSN_ROUNDS:-3}
	nmarks=0
	# f NS DEV STAT
	f() { ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3"; }
	# insn_udp VARIANT ROUND: one window of n packets (ROUND 0: warm-up)
	insn_udp()
	{
		local v=$1 t=$1 r=$2 n=${3:-$n} far rx0 rx1 g0 g1 sent want
		[ "$v" = base ] && t=fwd
		far=${FAR[$t]}
		pg_setup "$t" "$n" || return 1
		if [ "$v" = base ]; then
			tc -n "${GW[$t]}" qdisc add dev eth6 ingress 2>/dev/null
			tc -n "${GW[$t]}" filter add dev eth6 ingress pref 1 matchall action drop
		fi
		rx0=$(f "$far" eth0 rx_packets) g0=$(f "${GW[$t]}" eth6 rx_packets)
		ip netns exec "${H6[$t]}" bash -c "$mark udp-$v-before;
			echo start > /proc/net/pktgen/pgctrl; $mark udp-$v-after"
		nmarks=$((nmarks + 2))
		rx1=$(f "$far" eth0 rx_packets) g1=$(f "${GW[$t]}" eth6 rx_packets)
		sent=$(ip netns exec "${H6[$t]}" sed -n 's/.*OK: [0-9]*(c.*usec, \([0-9]*\) (.*/\1/p' /proc/net/pktgen/eth0)
		[ "$v" = base ] && tc -n "${GW[$t]}" filter del dev eth6 ingress pref 1
		pg_teardown "$t"
		want=$n; [ "$v" = base ] && want=0
		echo "insn-window $nmarks udp $v $r $n sent $sent gw_rx $((g1 - g0)) far_rx $((rx1 - rx0))"
		# GW may see a stray packet of H6's own (a neighbour probe, once
		# in a while): up to 1 in 1000 extra is part of the window's cost
		if [ "$sent" != "$n" ] || [ $((g1 - g0)) -lt "$n" ] ||
		   [ $((g1 - g0)) -gt $((n + n / 1000)) ] || [ $((rx1 - rx0)) != "$want" ]; then
			log "insn: udp $v round $r: sent $sent, GW received $((g1 - g0)), FAR $((rx1 - rx0)) of $n: not counted"
			echo "insn-bad $nmarks"
		fi
	}
	# insn_tcp VARIANT ROUND [KIB]
	insn_tcp()
	{
		local v=$1 r=$2 k=${3:-$kib} rx=() o
		[ "$v" = fwd ] || rx=(-r 198.51.100.2)
		o=$(ip netns exec "${H6[$v]}" "$tcpb" -p 5301 -b $((k * 1024)) "${rx[@]}" \
			"/run/netns/${FAR[$v]}" "$dst6" 2>&1)
		if ! grep -q "^tcpbench: bytes=$((k * 1024)) received=$((k * 1024))\$" <<<"$o"; then
			# its marks may or may not have run: the count is lost
			log "insn: tcpbench $v failed ($o): mark numbers unknown from here, stopping"
			return 1
		fi
		nmarks=$((nmarks + 2))
		echo "insn-window $nmarks tcp $v $r $k"
	}
	ivs=(base "${vs[@]}")
	log "insn: variants ${ivs[*]}; $irounds rounds; UDP $n packets, TCP $kib KiB per window"
	# warm-up: neighbour entries, route caches, first-use allocations
	for v in "${ivs[@]}"; do
		insn_udp "$v" 0 $((n / 10)) || exit 1
		[ "$v" = base ] || insn_tcp "$v" 0 1024 || exit 1
	done
	for ((r = 1; r <= irounds; r++)); do
		k=${#ivs[@]}
		for ((i = 0; i < k; i++)); do
			v=${ivs[(i + r - 1) % k]}
			insn_udp "$v" "$r" || exit 1
			[ "$v" = base ] || insn_tcp "$v" "$r" || exit 1
		done
	done
	log "insn: $nmarks marks"
	if [ -n "${V6GW_BENCH_INSN_PROFILE:-}" ]; then
		# after the last mark, same boot: the profile's addresses need it
		cat /proc/kallsyms >/dev/ttyS2 && log "insn: kallsyms written to ttyS2"
	fi
	for v in $ok; do
		case $v in
		v6gw) log "v6gw counters: $("$V6GW" -n "${GW[v6gw]}" -s stats show | grep -E 'xlat|drop' | grep -v ' 0$' | tr -s ' \n' ' ')" ;;
		jool) log "jool counters: $(ip netns exec "${GW[jool]}" jool_siit stats display 2>&1 |
			grep -Ev ': 0$' | tr '\n' ' ' | cut -c1-400)" ;;
		esac
	done
	exit 0
fi

# V6GW_BENCH_SOAK=SECONDS: one long UDP flood through v6gw instead, the
# rate every 10 s and the kernel's memory before and after (bench/soak.sh).
if [ -n "${V6GW_BENCH_SOAK:-}" ]; then
	v=${V6GW_BENCH_SOAK_VARIANT:-v6gw}
	pg_setup "$v" || exit 1
	grep -E '^(MemFree|Slab|SUnreclaim):' /proc/meminfo | sed 's/^/soak: before: /'
	ip netns exec "${H6[$v]}" sh -c 'echo start > /proc/net/pktgen/pgctrl' &
	pid=$!
	sleep 1
	prev=$(ip netns exec "${FAR[$v]}" cat /sys/class/net/eth0/statistics/rx_packets)
	for ((t = 10; t <= V6GW_BENCH_SOAK; t += 10)); do
		sleep 10
		cur=$(ip netns exec "${FAR[$v]}" cat /sys/class/net/eth0/statistics/rx_packets)
		echo "soak: t=${t}s $(( (cur - prev) / 10000 )) kpps"
		prev=$cur
	done
	ip netns exec "${H6[$v]}" sh -c 'echo stop > /proc/net/pktgen/pgctrl'
	wait "$pid"
	pg_teardown "$v"
	sleep 2
	grep -E '^(MemFree|Slab|SUnreclaim):' /proc/meminfo | sed 's/^/soak: after: /'
	[ "$v" = v6gw ] && "$V6GW" -n "${GW[$v]}" stats show | sed 's/^/soak: /'
	exit 0
fi

if [ -n "${V6GW_BENCH_PROFILE:-}" ]; then
	command -v perf >/dev/null || { log "no perf in the guest"; exit 1; }
	for v in "${vs[@]}"; do
		profile "$v"
	done
	exit 0
fi

for ((r = 1; r <= rounds; r++)); do
	n=${#vs[@]}
	for ((i = 0; i < n; i++)); do
		v=${vs[(i + r - 1) % n]}
		u=$(udp_kpps "$v") || u="fail fail"
		t=$(tcp_mbps "$v")
		read -r urx utx <<<"$u"
		echo "round $r $v udp_rx_kpps $urx udp_tx_kpps $utx tcp_mbps $t" | tee -a "$raw"
	done
done

# Proof that the translators did the work (not some other path).
for v in $ok; do
	case $v in
	v6gw) log "v6gw counters: $("$V6GW" -n "${GW[v6gw]}" -j -s stats show |
		python3 -c 'import json,sys; d=json.load(sys.stdin); print({k: v for k, v in d.items() if v and ("xlat" in k or "drop" in k)})')" ;;
	jool) log "jool counters: $(ip netns exec "${GW[jool]}" jool_siit stats display 2>&1 |
		grep -Ev ': 0$' | tr '\n' ' ' | cut -c1-400)" ;;
	esac
done

python3 - "$raw" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) < 9 or f[0] != "round":
        continue
    d = rows.setdefault(f[2], {"udp": [], "tx": [], "tcp": []})
    for key, val in (("udp", f[4]), ("tx", f[6]), ("tcp", f[8])):
        try:
            d[key].append(float(val))
        except ValueError:
            pass
med = {v: {k: (statistics.median(x) if x else None) for k, x in d.items()} for v, d in rows.items()}
def fmt(x, p=0):
    return "-" if x is None else ("%.*f" % (p, x))
def ratio(a, b):
    return None if a is None or not b else a / b
base = med.get("fwd", {})
print()
print("| variant | UDP kpps (rx) | UDP kpps (sent) | TCP Mbit/s | UDP / fwd | TCP / fwd | UDP v6gw/Jool | TCP v6gw/Jool |")
print("|---|---|---|---|---|---|---|---|")
for v in ("fwd", "v6gw", "jool"):
    if v not in med:
        continue
    m = med[v]
    vj = ("-", "-")
    if v == "v6gw" and "jool" in med:
        vj = (fmt(ratio(m["udp"], med["jool"]["udp"]), 2), fmt(ratio(m["tcp"], med["jool"]["tcp"]), 2))
    print("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
        v, fmt(m["udp"], 1), fmt(m["tx"], 1), fmt(m["tcp"]),
        fmt(ratio(m["udp"], base.get("udp")), 2), fmt(ratio(m["tcp"], base.get("tcp")), 2),
        vj[0], vj[1]))
n = max(len(d["udp"]) for d in rows.values())
# Ratios within each round (the variants of a round run back to back, so
# host load drifts less between them), then their median.
per = {}
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) >= 9 and f[0] == "round":
        per.setdefault(f[1], {})[f[2]] = (f[4], f[8])
def rr(a, b, i):
    out = []
    for r in per.values():
        try:
            out.append(float(r[a][i]) / float(r[b][i]))
        except (KeyError, ValueError, ZeroDivisionError):
            pass
    return statistics.median(out) if out else None
print()
print("median of per-round ratios: UDP v6gw/fwd %s, TCP v6gw/fwd %s; UDP jool/fwd %s, TCP jool/fwd %s; UDP v6gw/jool %s, TCP v6gw/jool %s" % tuple(
    fmt(rr(a, b, i), 2) for a, b, i in (("v6gw", "fwd", 0), ("v6gw", "fwd", 1), ("jool", "fwd", 0), ("jool", "fwd", 1), ("v6gw", "jool", 0), ("v6gw", "jool", 1))))
print("medians over %d rounds; targets (information only): v6gw/fwd >= 0.85 UDP, >= 0.95 TCP; v6gw/Jool >= 1.3" % n)
EOF
exit 0
