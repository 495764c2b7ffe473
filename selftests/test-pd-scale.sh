#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 100 000 DHCPv6 prefix delegations (a /64 each out of 2001:db8:ab00::/40)
# added with v6gw -b in the namespace S of pd_lib.sh, all via C's
# link-local on sc0: their routes, the dump, the memory they take (slab),
# and all of them expiring together.
#
# They are to last about 20 s once added. Adding them takes longer than
# that in a TCG guest (about 1000 a second), so they are given one
# absolute valid-until (v6gw pd add ... valid-until @T) instead of "valid
# 20": T is 20 s after they are added and counted, as a first batch of
# 5000 others (then flushed) predicts it, with some room. The adds are timed
# in 10 batches, to see the rate hold as the table grows.
#
# PD_SCALE_N: how many (default 100000, at most 16777216).

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/pd_lib.sh"

v6gw_load || exit "$ksft_fail"
require_command jq awk
"$V6GW" help pd > /dev/null 2>&1 || __skip_all "the v6gw tool has no pd command"

N=${PD_SCALE_N:-100000}
CHUNKS=10

ktap_print_header
ktap_set_plan 4

setup_ns S C || exit "$ksft_skip"
ns_prepare "$S" "$C"
veth "$S" sc0 "$S_MAC" "$S_LL" "$C" cs0 "$C_MAC" "$C_LL" || exit "$ksft_fail"

# batch FROM TO FILE BASE ARGS: "pd add" lines for delegations FROM..TO-1,
# the /64s BASEXX:YYYY::/64 (BASE 2001:db8:ab: a /40, 24 bits of index)
batch()
{
	awk -v from="$1" -v to="$2" -v base="$4" -v via="$C_LL" -v args="$5" \
		'BEGIN { for (i = from; i < to; i++)
			printf "pd add %s%02x:%x::/64 via %s dev sc0 %s\n",
				base, int(i / 65536) % 256, i % 65536, via,
				args }' > "$3"
}

dhcp_routes() { ip -n "$S" -6 route show proto dhcp | wc -l; }
slabinfo() { awk 'NR > 2 { print $1, $3 * $4 }' /proc/slabinfo; }

# --- the rate, from 5000 others ---------------------------------------------

batch 0 5000 "$TMPD/cal" 2001:db8:cd "valid 600"
t0=$(now)
s -b "$TMPD/cal" || echo "# the first batch failed"
t1=$(now)
rate=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", 5000 / (b - a) }')
s pd flush
# T: when the last would be added at 80% of that rate (1.25 n / r), plus
# the time to count them (ip route and pd show: about 0.45 n / r), plus
# 20 s
T=$(awk -v n="$N" -v r="$rate" -v now="$(date +%s)" \
	'BEGIN { printf "%d", now + 1.7 * n / r + 20 }')
echo "# $rate delegations a second at first: valid-until @$T ($((T - $(date +%s))) s from now)"

# --- 1. add -------------------------------------------------------------------

sleep 2	# the flushed entries freed (RCU)
slab0=$(slab_kb)
slabinfo > "$TMPD/slab0"
rates=""
t_start=$(now)
step=$((N / CHUNKS))
for ((c = 0; c < CHUNKS; c++)); do
	from=$((c * step))
	to=$(((c + 1) * step))
	[ "$c" = $((CHUNKS - 1)) ] && to=$N
	batch "$from" "$to" "$TMPD/b$c" 2001:db8:ab "valid-until @$T"
	a=$(now)
	out=$(s -b "$TMPD/b$c" 2>&1) || {
		echo "# batch $c failed:"
		__diag "$(head -n 5 <<< "$out")"
		FAILED+="batch $c; "
	}
	b=$(now)
	rates+=" $(awk -v n=$((to - from)) -v a="$a" -v b="$b" \
		'BEGIN { printf "%d", n / (b - a) }')"
done
t_end=$(now)
add_s=$(awk -v a="$t_start" -v b="$t_end" 'BEGIN { printf "%.1f", b - a }')
echo "# added $N in $add_s s; per batch of $step, delegations a second:$rates"
echo "# $(awk -v t="$T" -v n="$t_end" 'BEGIN { printf "%d", t - n }') s left before they expire"
expect "still before valid-until" between 0 "$t_end" "$T"
# The memory first, then the counting (slow: it must end before T).
slab1=$(slab_kb)
slabinfo > "$TMPD/slab1"
cnt=$(dhcp_routes)
expect "ip -6 route show proto dhcp: $N routes" eq "$cnt" "$N"
t_cnt=$(now)
s pd show > "$TMPD/show"
t_show=$(now)
echo "# ip route show: $(awk -v a="$t_end" -v b="$t_cnt" 'BEGIN { printf "%.1f", b - a }') s; pd show: $(awk -v a="$t_cnt" -v b="$t_show" 'BEGIN { printf "%.1f", b - a }') s"
expect "pd show: $N delegations" eq "$(wc -l < "$TMPD/show")" "$N"
expect "counted before valid-until" between 0 "$t_show" "$T"
last=$(printf '2001:db8:ab%02x:%x::/64' $(((N - 1) / 65536 % 256)) \
	$(((N - 1) % 65536)))
expect "the last one: route via $C_LL dev sc0" route_is "$last" "$C_LL" sc0
until=$(date -u -d "@$T" +%Y-%m-%dT%H:%M:%SZ)
expect "pd show: the last one, valid until $until (1 s)" grep -Eq \
	"^$last via $C_LL dev sc0 valid [0-9]+s preferred [0-9]+s until ($until|$(date -u -d "@$((T - 1))" +%Y-%m-%dT%H:%M:%SZ)|$(date -u -d "@$((T + 1))" +%Y-%m-%dT%H:%M:%SZ)) proto user\$" \
	"$TMPD/show"
case_end "$N delegations added with v6gw -b in $add_s s (batches of $step:$rates a second), each with its route"

# --- 2. memory ----------------------------------------------------------------

per=$(( (slab1 - slab0) * 1024 / N ))
echo "# slab: $slab0 kB before, $slab1 kB after: $per bytes per delegation (its route included; the hash table's buckets are not slab)"
echo "# slab caches that grew most (bytes per delegation):"
awk -v n="$N" 'NR == FNR { a[$1] = $2; next }
	{ d = $2 - a[$1]; if (d > 0) printf "#   %-24s %d\n", $1, d / n }' \
	"$TMPD/slab0" "$TMPD/slab1" | sort -k3 -nr | head -n 6
expect "under 2 KiB per delegation, route included" between 1 "$per" 2048
case_end "memory: $per bytes of slab per delegation, its route included"

# --- 3. expiry ----------------------------------------------------------------

wait_s=$(awk -v t="$T" -v n="$(now)" 'BEGIN { d = t - n; print (d > 0 ? d : 0) }')
echo "# waiting $wait_s s for valid-until"
sleep "$wait_s"
expect_within 180000 "every route gone" eval '[ "$(dhcp_routes)" = 0 ]'
t_gone=$(now)
gone_s=$(awk -v a="$T" -v b="$t_gone" 'BEGIN { printf "%.1f", b - a }')
echo "# the last route went $gone_s s after valid-until"
expect "pd show: empty" eq "$(s pd show | wc -l)" 0
expect "no route left in S but the link's" eq \
	"$(ip -n "$S" -6 route show | grep -vc '^fe80::/64 dev sc0')" 0
case_end "all $N expire together: the last route gone $gone_s s after their valid-until"

sleep 2	# kfree_rcu
slab2=$(slab_kb)
echo "# slab: $slab2 kB after they expired ($slab0 kB before they were added)"
expect "the slab back within 10% of what they took" \
	between -1000000000 $(((slab2 - slab0) * 10)) $((slab1 - slab0))
case_end "their memory is freed: slab $slab2 kB (before: $slab0 kB, with them: $slab1 kB)"

ktap_finished
