#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/nat64-guest.sh: the NAT64 benchmark inside the guest, run by
# bench/nat64.sh (as root, kernel 6.1, v6gw.ko as V6GW_KO, the tool as V6GW).
#
# One copy of the topology per measured instance, each in its own
# namespaces, so nothing is reconfigured between measurements:
#
#   [H6] --veth-- [GW] --veth-- [FAR]
#
# H6 always sends 64-byte UDP (pktgen, 126-byte frames, checksum offloaded)
# to 64:ff9b::c633:6402; FAR drops everything at tc ingress; GW has a
# permanent neighbour entry for FAR.
#
#   fwd      GW forwards IPv6; FAR owns 64:ff9b::c633:6402/64
#   v6gw     GW = v6gw NAT64: prefix 64:ff9b::/96 (wkpf-strict off),
#            pool4 203.0.113.0/30 (all ports; v6gw1m: /24), max-sessions
#            2000000, udp 7200; FAR = 198.51.100.2. One flow.
#   v6gw1m   the same, its tables filled with V6GW_BENCH_NAT64_FILL
#            (1 000 000) UDP sessions first (pktgen: FILL/50 000 source
#            addresses 2001:db8:6::1:K x source ports 10000-59999)
#   v6gwc    the same, for the windows whose every packet creates a session
#   jool     GW = Jool NAT64 (jool, netfilter instance, pool6
#            64:ff9b::/96, pool4 203.0.113.0/30 UDP 1-65535, udp-timeout
#            2 h); jool50k: filled with V6GW_BENCH_JOOL_FILL (50 000)
#            sessions first; joolc: for the creating windows
#
# Windows (V6GW_BENCH_INSN=1: instructions between two insn marks, see
# bench/insn.sh; otherwise wall clock):
#   base     the fwd topology, GW drops the packets at its own tc ingress
#            (one flow, N packets): the sender's and the veths' share
#   bseq     the same with pktgen's source port counting 10000..59999
#            (NSEQ packets): the share of the windows below
#   fwd, v6gw, v6gw1m, jool, jool50k: one established flow (port 9000),
#            N packets
#   v6gw1mc, jool50kc: NSEQ packets cycling through NSEQ existing
#            sessions of the filled table (source 2001:db8:6::1:0)
#   v6gwc, joolc: NSEQ packets from a fresh source address each window,
#            ports 10000..59999 sequential: every packet creates a BIB
#            entry and a session
# Memory: /proc/meminfo and /sys/kernel/slab before and after v6gw1m's fill.
# A benchmark: exit status 0 unless the setup itself breaks.

# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../selftests/lib.sh"

dst6=64:ff9b::c633:6402
n=${V6GW_BENCH_INSN_N:-100000}
nseq=${V6GW_BENCH_NAT64_NSEQ:-50000}
fill=${V6GW_BENCH_NAT64_FILL:-1000000}
jfill=${V6GW_BENCH_JOOL_FILL:-50000}
rounds=${V6GW_BENCH_INSN_ROUNDS:-3}
insn=""; [ "${V6GW_BENCH_INSN:-}" = 1 ] && insn=1
[ "$nseq" -le 50000 ] || nseq=50000
seq_lo=10000

log() { echo "bench: $*"; }

v6gw_load || { log "cannot load $V6GW_KO"; exit 1; }
modprobe pktgen || { log "no pktgen"; exit 1; }
for m in sch_ingress cls_matchall act_gact; do modprobe "$m"; done
jool=""
if modprobe jool 2>/dev/null; then
	jool=1
	log "jool $(modinfo -F version jool) loaded"
else
	log "jool cannot be loaded: the Jool variants are skipped (bench/install-jool.sh)"
fi

declare -A H6 GW FAR GWMAC KIND

# pool4 NAME: 203.0.113.0/24 (256 x 65535 ports) for v6gw1m, whose million
# sessions need more than 4 addresses; /30 (4 addresses, 262 140 ports:
# enough for the creating windows) for the others, v6gw and Jool alike
# (Jool's cost per packet grows with the size of pool4)
pool4() { [ "$1" = v6gw1m ] && echo 203.0.113.0/24 || echo "${V6GW_BENCH_NAT64_POOL4:-203.0.113.0/30}"; }

# topo NAME KIND: one copy of the topology (KIND fwd, v6gw or jool)
topo()
{
	local v=$1 k=$2 h6 gw far ns
	setup_ns h6 gw far || return 1
	H6[$v]=$h6 GW[$v]=$gw FAR[$v]=$far KIND[$v]=$k
	ip link add eth6 netns "$gw" type veth peer name eth0 netns "$h6"
	ip link add eth4 netns "$gw" type veth peer name eth0 netns "$far"
	for ns in "$gw:eth6" "$gw:eth4" "$h6:eth0" "$far:eth0"; do
		ip -n "${ns%%:*}" link set "${ns#*:}" up
		ip netns exec "${ns%%:*}" ethtool -K "${ns#*:}" gro on >/dev/null 2>&1
	done
	ip netns exec "$gw" sysctl -qw net.ipv6.conf.all.forwarding=1 net.ipv4.ip_forward=1
	ip -n "$gw" addr add 2001:db8:6::1/64 dev eth6 nodad
	ip -n "$h6" addr add 2001:db8:6::2/64 dev eth0 nodad
	ip -n "$h6" route add 64:ff9b::/96 via 2001:db8:6::1
	if [ "$k" = fwd ]; then
		ip -n "$gw" addr add 64:ff9b::1/64 dev eth4 nodad
		ip -n "$far" addr add "$dst6/64" dev eth0 nodad
		ip -n "$far" route add default via 64:ff9b::1
	else
		ip -n "$gw" addr add 198.51.100.1/24 dev eth4
		ip -n "$far" addr add 198.51.100.2/24 dev eth0
		ip -n "$far" route add default via 198.51.100.1
	fi
	case $k in
	v6gw)
		"$V6GW" -n "$gw" nat64 prefix add 64:ff9b::/96 &&
		"$V6GW" -n "$gw" nat64 set wkpf-strict off max-sessions 2000000 udp 7200 &&
		"$V6GW" -n "$gw" nat64 pool4 add "$(pool4 "$v")" || return 1
		;;
	jool)
		ip netns exec "$gw" jool instance add --netfilter --pool6 64:ff9b::/96 &&
		ip netns exec "$gw" jool pool4 add --udp "$(pool4 "$v")" 1-65535 &&
		ip netns exec "$gw" jool pool4 add --icmp "$(pool4 "$v")" 0-65535 &&
		ip netns exec "$gw" jool global update udp-timeout 2:00:00 || return 1
		;;
	esac
	GWMAC[$v]=$(ip netns exec "$gw" cat /sys/class/net/eth6/address)
	local farmac farip=198.51.100.2
	farmac=$(ip netns exec "$far" cat /sys/class/net/eth0/address)
	[ "$k" = fwd ] && farip=$dst6
	ip -n "$gw" neigh replace "$farip" lladdr "$farmac" dev eth4 nud permanent
	ip netns exec "$h6" ping -6 -c 2 -i 0.3 -W 3 "$dst6" >/dev/null
}

# pg FILE CMD: one pktgen command, checked.
# shellcheck disable=SC2317
pg()
{
	echo "$2" >"$1" || { log "pktgen: '$2' > $1 failed"; return 1; }
	grep -q '^Result: OK' "$1" 2>/dev/null || [ "$1" = /proc/net/pktgen/pgctrl ] ||
		{ log "pktgen: '$2': $(grep '^Result' "$1")"; return 1; }
}

# pg_setup NAME COUNT SRC6 PORT_MIN PORT_END: COUNT packets from SRC6,
# source port PORT_MIN (PORT_END = PORT_MIN + 1) or counting from PORT_MIN
# up to PORT_END - 1 (pktgen wraps at udp_src_max itself); not started.
pg_setup()
{
	local v=$1 count=$2 src=$3 lo=$4 hi=$5 h6=${H6[$1]} far=${FAR[$1]}
	ip netns exec "$h6" bash -c "
		$(declare -f pg log)
		d=/proc/net/pktgen
		pg \$d/kpktgend_0 rem_device_all &&
		pg \$d/kpktgend_0 'add_device eth0' &&
		for c in 'count $count' 'clone_skb 0' 'delay 0' 'pkt_size 126' \
			 'dst6 $dst6' 'src6 $src' 'dst_mac ${GWMAC[$v]}' \
			 'udp_src_min $lo' 'udp_src_max $hi' \
			 'udp_dst_min 9' 'udp_dst_max 9' 'flag UDPCSUM'; do
			pg \$d/eth0 \"\$c\" || exit 1
		done" || return 1
	tc -n "$far" qdisc add dev eth0 ingress 2>/dev/null
	tc -n "$far" filter add dev eth0 ingress pref 1 matchall action drop 2>/dev/null
	return 0
}

pg_teardown()
{
	ip netns exec "${H6[$1]}" sh -c 'echo rem_device_all > /proc/net/pktgen/kpktgend_0'
}

pg_sent()
{
	ip netns exec "${H6[$1]}" sed -n 's/.*OK: \([0-9]*\)(c.*usec, \([0-9]*\) (.*/\1 \2/p' /proc/net/pktgen/eth0
}

# f NS DEV STAT
f() { ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3"; }

# sessions NAME: UDP sessions in GW's tables
sessions()
{
	case ${KIND[$1]} in
	v6gw) "$V6GW" -n "${GW[$1]}" -j nat64 session count |
		python3 -c "import json,sys; print(json.load(sys.stdin)['udp']['sessions'])" ;;
	# all protocols: the ping of topo() may leave an ICMP session to
	# expire meanwhile (run() allows for it)
	jool) ip netns exec "${GW[$1]}" jool stats display 2>/dev/null |
		awk -F': ' '$1 == "JSTAT_SESSIONS" { n = $2 } END { print n + 0 }' ;;
	*) echo 0 ;;
	esac
}

mark=""
if [ -n "$insn" ]; then
	mkdir -p /run/insn
	cp "${V6GW_INSN_DIR:?}/insn-mark" /run/insn/ || exit 1
	mark=/run/insn/insn-mark
fi
nmarks=0

# run NAME KIND ROUND COUNT SRC6 PORT_MIN PORT_END [GWDROP]: one window.
# insn mode: marks around "echo start > pgctrl" (returns when all are
# sent), "insn-window MARK KIND NAME ROUND COUNT ..." after it; wall clock:
# the time pktgen took and what reached FAR. Checks that pktgen sent
# COUNT, GW received COUNT (up to 0.1 % more: a stray probe of H6's), FAR
# received COUNT (0 with GWDROP) and, for KIND create, that COUNT sessions
# appeared; otherwise "insn-bad MARK".
run()
{
	local v=$1 kind=$2 r=$3 cnt=$4 src=$5 lo=$6 hi=$7 drop=${8:-} far gw rx0 rx1 g0 g1 s0 s1 sent us want t0 t1 ok=1
	far=${FAR[$v]} gw=${GW[$v]}
	pg_setup "$v" "$cnt" "$src" "$lo" "$hi" || return 1
	if [ -n "$drop" ]; then
		tc -n "$gw" qdisc add dev eth6 ingress 2>/dev/null
		tc -n "$gw" filter add dev eth6 ingress pref 1 matchall action drop
	fi
	s0=- s1=-
	case $kind in create | fill) s0=$(sessions "$v") ;; esac
	rx0=$(f "$far" eth0 rx_packets) g0=$(f "$gw" eth6 rx_packets)
	if [ -n "$insn" ]; then
		ip netns exec "${H6[$v]}" bash -c "$mark $kind-$v-before;
			echo start > /proc/net/pktgen/pgctrl; $mark $kind-$v-after"
		nmarks=$((nmarks + 2))
	else
		t0=$(date +%s.%N)
		ip netns exec "${H6[$v]}" sh -c 'echo start > /proc/net/pktgen/pgctrl'
		t1=$(date +%s.%N)
	fi
	rx1=$(f "$far" eth0 rx_packets) g1=$(f "$gw" eth6 rx_packets)
	read -r us sent <<<"$(pg_sent "$v")"
	[ -n "$drop" ] && tc -n "$gw" filter del dev eth6 ingress pref 1
	pg_teardown "$v"
	case $kind in create | fill) s1=$(sessions "$v") ;; esac
	want=$cnt; [ -n "$drop" ] && want=0
	if [ -n "$insn" ]; then
		echo "insn-window $nmarks $kind $v $r $cnt sent $sent gw_rx $((g1 - g0)) far_rx $((rx1 - rx0)) sessions $s0 $s1"
	else
		echo "wall-window $kind $v $r $cnt sent $sent usec $us gw_rx $((g1 - g0)) far_rx $((rx1 - rx0)) sessions $s0 $s1 secs $(python3 -c "print('%.6f' % ($t1 - $t0))")"
	fi
	if [ "$sent" != "$cnt" ] || [ $((g1 - g0)) -lt "$cnt" ] ||
	   [ $((g1 - g0)) -gt $((cnt + cnt / 1000)) ] || [ $((rx1 - rx0)) != "$want" ]; then
		ok=""
	fi
	if [ "$s0" != - ] && [ $((s1 - s0)) != "$cnt" ] &&
	   { [ "${KIND[$v]}" != jool ] || [ $((s1 - s0)) != $((cnt - 1)) ]; }; then
		ok=""
	fi
	if [ -z "$ok" ]; then
		log "window $kind $v round $r: sent $sent, GW received $((g1 - g0)), FAR $((rx1 - rx0)) of $cnt (want $want), sessions $s0 -> $s1: not counted"
		[ -n "$insn" ] && echo "insn-bad $nmarks"
	fi
	return 0
}

# meminfo LABEL: the kernel's memory and v6gw's slab caches
meminfo()
{
	local c
	grep -E '^(MemFree|MemAvailable|Slab|SReclaimable|SUnreclaim|VmallocUsed|PageTables|Percpu):' /proc/meminfo |
		tr -s ' ' | sed "s/^/mem $1 /"
	for c in v6gw_sess v6gw_bib; do
		if [ -d "/sys/kernel/slab/$c" ]; then
			echo "mem $1 slab $c $(readlink /sys/kernel/slab/$c 2>/dev/null || echo -)" \
				"object_size $(cat /sys/kernel/slab/$c/object_size)" \
				"slab_size $(cat /sys/kernel/slab/$c/slab_size)" \
				"objs_per_slab $(cat /sys/kernel/slab/$c/objs_per_slab)" \
				"order $(cat /sys/kernel/slab/$c/order)" \
				"objects $(cut -d' ' -f1 /sys/kernel/slab/$c/objects)" \
				"slabs $(cut -d' ' -f1 /sys/kernel/slab/$c/slabs)"
		fi
	done
	# every cache's bytes (slabs x pages), for the diff of two labels
	awk 'NR > 2 { print $1, $15 * $6 * 4096 }' /proc/slabinfo >"/tmp/slab-$1"
	cat /proc/vmallocinfo >"/tmp/vmalloc-$1" 2>/dev/null
}

# memdiff A B: the caches and vmalloc callers that grew most from A to B
memdiff()
{
	awk 'NR == FNR { a[$1] = $2; next } { d = $2 - a[$1]; if (d > 262144) printf "mem %s-%s grew %s %d kB\n", A, B, $1, d / 1024 }' \
		A="$1" B="$2" "/tmp/slab-$1" "/tmp/slab-$2" | sort -k5 -n -r | head -n 12
	for f in "$1" "$2"; do
		awk '{ split($3, c, "+"); s[c[1]] += $2 } END { for (k in s) print k, s[k] }' "/tmp/vmalloc-$f" >"/tmp/vmc-$f"
	done
	awk 'NR == FNR { a[$1] = $2; next } { d = $2 - a[$1]; if (d > 262144) printf "mem %s-%s vmalloc %s %d kB\n", A, B, $1, d / 1024 }' \
		A="$1" B="$2" "/tmp/vmc-$1" "/tmp/vmc-$2"
}

# fill NAME TOTAL: TOTAL sessions, 50 000 per source address 2001:db8:6::1:K.
# The kernel's backlog is raised meanwhile: with the default 1000, packets
# are lost in the backlog queue (softnet drops, before GW's hooks) while a
# table resize runs on the one vCPU. Batches that lost packets are topped
# up from further source addresses until the table holds TOTAL.
fill()
{
	local v=$1 total=$2 k=0 left=$2 c bl have
	bl=$(sysctl -n net.core.netdev_max_backlog)
	sysctl -qw net.core.netdev_max_backlog=100000
	while [ "$left" -gt 0 ] && [ "$k" -lt $((total / 50000 + 10)) ]; do
		c=$((left < 50000 ? left : 50000))
		run "$v" fill "$k" "$c" "2001:db8:6::1:$(printf %x "$k")" "$seq_lo" $((seq_lo + c))
		k=$((k + 1))
		have=$(sessions "$v")
		[ "${KIND[$v]}" = jool ] && have=$((have - 1))	# the ping's ICMP session
		left=$((total - have))
	done
	sysctl -qw net.core.netdev_max_backlog="$bl"
}

vs=(fwd v6gw v6gw1m v6gwc)
kinds=(fwd v6gw v6gw v6gw)
if [ -n "$jool" ]; then
	vs+=(jool jool50k joolc)
	kinds+=(jool jool jool)
fi
ok=()
for i in "${!vs[@]}"; do
	if topo "${vs[i]}" "${kinds[i]}"; then
		ok+=("${vs[i]}")
	else
		log "variant ${vs[i]}: setup or ping through GW failed, skipped"
	fi
done
log "instances: ${ok[*]}; $rounds rounds; N $n (one flow), NSEQ $nseq (port ranges); fill $fill (v6gw), $jfill (jool)"
has() { [[ " ${ok[*]} " == *" $1 "* ]]; }

# The ping of topo() created a session (ICMP) in each translator; the
# flows' own sessions come from the warm-up windows.
# udp_count NAME: "SESSIONS BIB" of v6gw's UDP tables
udp_count()
{
	"$V6GW" -n "${GW[$1]}" -j nat64 session count |
		python3 -c "import json,sys; d=json.load(sys.stdin)['udp']; print(d['sessions'], d['bib'])"
}
if has v6gw1m; then
	sleep 1
	read -r cs0 cb0 <<<"$(udp_count v6gw1m)"
	meminfo before
	fill v6gw1m "$fill"
	# deferred rhashtable resizes and RCU frees
	sleep 3
	meminfo after
	memdiff before after
	read -r cs1 cb1 <<<"$(udp_count v6gw1m)"
	echo "mem count udp-sessions $cs1 udp-bib $cb1 udp-sessions-before $cs0 udp-bib-before $cb0"
	log "v6gw1m: $(sessions v6gw1m) UDP sessions; $("$V6GW" -n "${GW[v6gw1m]}" nat64 session count | tr '\n' ' ')"
fi
if has jool50k; then
	sleep 1
	meminfo jool-before
	fill jool50k "$jfill"
	sleep 3
	meminfo jool-after
	memdiff jool-before jool-after
	log "jool50k: $(sessions jool50k) UDP sessions"
fi

# windows: NAME KIND SRC6 PORT_MIN PORT_END COUNT [GWDROP]
declare -a W
W+=("base|est|fwd|2001:db8:6::2|9000|9001|$n|drop")
W+=("bseq|seq|fwd|2001:db8:6::2|$seq_lo|$((seq_lo + nseq))|$nseq|drop")
W+=("fwd|est|fwd|2001:db8:6::2|9000|9001|$n")
for v in v6gw v6gw1m jool jool50k; do
	has "$v" && W+=("$v|est|$v|2001:db8:6::2|9000|9001|$n")
done
has v6gw1m && W+=("v6gw1mc|cycle|v6gw1m|2001:db8:6::1:0|$seq_lo|$((seq_lo + nseq))|$nseq")
has jool50k && W+=("jool50kc|cycle|jool50k|2001:db8:6::1:0|$seq_lo|$((seq_lo + nseq))|$nseq")
has v6gwc && W+=("v6gwc|create|v6gwc|fresh|$seq_lo|$((seq_lo + nseq))|$nseq")
has joolc && W+=("joolc|create|joolc|fresh|$seq_lo|$((seq_lo + nseq))|$nseq")

fresh=0
# window SPEC ROUND [COUNT]
window()
{
	local name kind inst src lo hi cnt drop
	IFS='|' read -r name kind inst src lo hi cnt drop <<<"$1"
	[ -n "${3:-}" ] && cnt=$3
	if [ "$src" = fresh ]; then
		fresh=$((fresh + 1))
		src=2001:db8:6::2:$(printf %x "$fresh")
	fi
	if [ "$kind" = est ]; then hi=$((lo + 1)); else hi=$((lo + cnt)); fi
	# the window's name is the measured variant; its instance is "inst"
	KIND[$name]=${KIND[$inst]} H6[$name]=${H6[$inst]} GW[$name]=${GW[$inst]}
	FAR[$name]=${FAR[$inst]} GWMAC[$name]=${GWMAC[$inst]}
	run "$name" "$kind" "$2" "$cnt" "$src" "$lo" "$hi" "$drop"
}

log "windows: $(for w in "${W[@]}"; do printf '%s ' "${w%%|*}"; done)"
# warm-up: neighbour entries, route caches, the flows' sessions
for w in "${W[@]}"; do
	IFS='|' read -r _ _ _ _ _ _ cnt _ <<<"$w"
	window "$w" 0 $((cnt / 10))
done
for ((r = 1; r <= rounds; r++)); do
	k=${#W[@]}
	for ((i = 0; i < k; i++)); do
		window "${W[(i + r - 1) % k]}" "$r"
	done
done
[ -n "$insn" ] && log "insn: $nmarks marks"
if [ -n "$insn" ] && [ -n "${V6GW_BENCH_INSN_PROFILE:-}" ]; then
	cat /proc/kallsyms >/dev/ttyS2 && log "insn: kallsyms written to ttyS2"
fi

for v in v6gw v6gw1m v6gwc; do
	has "$v" && log "$v counters: $("$V6GW" -n "${GW[$v]}" stats show | tr -s ' \n' ' ')"
	has "$v" && log "$v tables: $("$V6GW" -n "${GW[$v]}" nat64 session count | tr '\n' ' ')"
done
for v in jool jool50k joolc; do
	has "$v" && log "$v counters: $(ip netns exec "${GW[$v]}" jool stats display 2>&1 |
		grep -Ev ': 0$' | tr '\n' ' ' | cut -c1-600)"
done
sd=0
while read -r _ b _; do sd=$((sd + 0x$b)); done </proc/net/softnet_stat
log "softnet drops: $sd"
exit 0
