#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The guest side of bench/profile.sh: the SIIT topology of the selftests,
# a pktgen flood from H6 to H4 (dropped at H4's tc ingress), 5 s of
# system-wide cpu-clock samples.
source "$(dirname "$0")/../selftests/lib.sh"
source "$(dirname "$0")/../selftests/siit_lib.sh"

v6gw_load
modprobe pktgen
siit_topology || exit 1
tc -n "$H4" qdisc add dev eth0 ingress
tc -n "$H4" filter add dev eth0 ingress pref 1 matchall action drop
ip netns exec "$H6" ping -6 -c 2 -i 0.2 "$SIIT_H4_AS6" > /dev/null
gwmac=$(ip -n "$GW" link show eth6 | awk '/ether/ {print $2}')

ip netns exec "$H6" bash -c "
	d=/proc/net/pktgen
	echo rem_device_all > \$d/kpktgend_0
	echo 'add_device eth0' > \$d/kpktgend_0
	for c in 'count 0' 'clone_skb 0' 'delay 0' 'pkt_size 126' \
		 'dst6 $SIIT_H4_AS6' 'src6 2001:db8:6::2' 'dst_mac $gwmac' \
		 'udp_src_min 9000' 'udp_src_max 9000' \
		 'udp_dst_min 9' 'udp_dst_max 9' 'flag UDPCSUM'; do
		echo \"\$c\" > \$d/eth0
	done
	echo start > \$d/pgctrl" &
sleep 1
perf record -a -e cpu-clock -F 2000 -o /tmp/perf.data -- sleep 5 > /dev/null 2>&1
ip netns exec "$H6" sh -c 'echo stop > /proc/net/pktgen/pgctrl'
wait

perf report -i /tmp/perf.data --sort sym --stdio 2> /dev/null |
	grep -v '^#' | grep -v '^$' > /tmp/report.txt
echo "top kernel symbols (share of all samples, idle included):"
head -n 40 /tmp/report.txt
awk '/v6gw_|write4|write6|parse6|parse4|csum_move|sum4|sum6/ {
	gsub("%", "", $1); s += $1 } END { printf "v6gw functions: %.2f%%\n", s }' \
	/tmp/report.txt
"$V6GW" -n "$GW" stats show
