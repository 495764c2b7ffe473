#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 100 000 DHCPv6 prefix delegations (a /64 each out of 2001:db8:ab00::/40)
# added with v6gw -b in the namespace S of pd_lib.sh, all via C's
# link-local on sc0: their routes, the dump, the memory they take (slab),
# and all of them expiring, their routes gone and their memory back.
#
# They are to expire 20 s after they are set. Adding 100 000 takes longer
# than that in a TCG guest (1000 to 5000 a second, as the host is loaded),
# so they are added with a valid lifetime of an hour, counted, and then
# renewed with "valid 20" in one more batch: each expires 20 s after its
# renewal (a renewal may shorten a lifetime), whatever the guest's speed.
# Both batches are timed in 10 parts, to see the rate hold as the table
# grows.
#
# V6GW_PD_SCALE_N (or PD_SCALE_N; only V6GW_* reach a vm-run.sh guest): how
# many (default 100000, at most 16777216).

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/pd_lib.sh"

v6gw_load || exit "$ksft_fail"
require_command awk
"$V6GW" help pd > /dev/null 2>&1 || __skip_all "the v6gw tool has no pd command"

N=${V6GW_PD_SCALE_N:-${PD_SCALE_N:-100000}}
PARTS=10

ktap_print_header
ktap_set_plan 4

setup_ns S C || exit "$ksft_skip"
ns_prepare "$S" "$C"
veth "$S" sc0 "$S_MAC" "$S_LL" "$C" cs0 "$C_MAC" "$C_LL" || exit "$ksft_fail"

# batch FROM TO FILE ARGS: "pd add" lines for delegations FROM..TO-1, the
# /64s 2001:db8:abXX:YYYY::/64 (24 bits of index under the /40)
batch()
{
	awk -v from="$1" -v to="$2" -v via="$C_LL" -v args="$4" \
		'BEGIN { for (i = from; i < to; i++)
			printf "pd add 2001:db8:ab%02x:%x::/64 via %s dev sc0 %s\n",
				int(i / 65536) % 256, i % 65536, via, args }' > "$3"
}

# timed_batches ARGS: all N in PARTS batch files, each timed; sets RATES
# (delegations a second, per part) and SECS (all of them)
timed_batches()
{
	local p from to a b out t0
	RATES=""
	t0=$(now)
	for ((p = 0; p < PARTS; p++)); do
		from=$((p * N / PARTS))
		to=$(((p + 1) * N / PARTS))
		batch "$from" "$to" "$TMPD/b$p" "$1"
		a=$(now)
		out=$(s -b "$TMPD/b$p" 2>&1) || {
			echo "# part $p failed:"
			__diag "$(head -n 5 <<< "$out")"
			FAILED+="part $p; "
		}
		b=$(now)
		RATES+=" $(awk -v n=$((to - from)) -v a="$a" -v b="$b" \
			'BEGIN { printf "%d", n / (b - a) }')"
	done
	SECS=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
}

dhcp_routes() { ip -n "$S" -6 route show proto dhcp | wc -l; }
slabinfo() { awk 'NR > 2 { print $1, $3 * $4 }' /proc/slabinfo; }

LAST=$(printf '2001:db8:ab%02x:%x::/64' $(((N - 1) / 65536 % 256)) \
	$(((N - 1) % 65536)))

# --- 1. add -------------------------------------------------------------------

slab0=$(slab_kb)
slabinfo > "$TMPD/slab0"
timed_batches "valid 3600"
echo "# added $N in $SECS s; delegations a second, per part of $((N / PARTS)):$RATES"
# the memory first, then the counting
slab1=$(slab_kb)
slabinfo > "$TMPD/slab1"
t0=$(now)
expect "ip -6 route show proto dhcp: $N routes" eq "$(dhcp_routes)" "$N"
t1=$(now)
s pd show > "$TMPD/show"
t2=$(now)
echo "# ip route show: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s; pd show: $(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.1f", b - a }') s"
expect "pd show: $N delegations" eq "$(wc -l < "$TMPD/show")" "$N"
expect "the last one: its route via $C_LL dev sc0" route_is "$LAST" "$C_LL" sc0
expect "pd show: the last one, valid 3600" grep -Eq \
	"^$LAST via $C_LL dev sc0 valid 3[0-9]{3}s preferred 3[0-9]{3}s until .* proto user\$" \
	"$TMPD/show"
case_end "$N delegations added with v6gw -b in $SECS s ($RATES a second per tenth), each with its route"

# --- 2. memory ----------------------------------------------------------------

per=$(((slab1 - slab0) * 1024 / N))
echo "# slab: $slab0 kB before, $slab1 kB after: $per bytes per delegation (its route included; the hash table's buckets are not slab)"
echo "# slab caches that grew most (bytes per delegation):"
awk -v n="$N" 'NR == FNR { a[$1] = $2; next }
	{ d = $2 - a[$1]; if (d > 0) printf "#   %-24s %d\n", $1, d / n }' \
	"$TMPD/slab0" "$TMPD/slab1" | sort -k3 -nr | head -n 6
# A kmemleak kernel (the debug one) keeps a kmemleak_object for every
# allocation: its bookkeeping, not the delegations' memory.
kml=$(awk -v n="$N" 'NR == FNR { a[$1] = $2; next }
	$1 == "kmemleak_object" { d = $2 - a[$1]; print (d > 0 ? int(d / n) : 0) }' \
	"$TMPD/slab0" "$TMPD/slab1")
if [ -n "$kml" ]; then
	echo "# without kmemleak's own objects: $((per - kml)) bytes per delegation"
	per=$((per - kml))
fi
expect "under 2 KiB per delegation, route included" between 1 "$per" 2048
case_end "memory: $per bytes of slab per delegation, its route included"

# --- 3. renewed with valid 20: all expire -----------------------------------

t0=$(now)
timed_batches "valid 20"
t_ren=$(now)
echo "# renewed $N with valid 20 in $SECS s;$RATES a second per tenth"
s pd show > "$TMPD/show"
expect "pd show: none with more than 20 s left" eq \
	"$(awk '$7 + 0 > 20' "$TMPD/show" | wc -l)" 0
expect "pd show: the last one, valid 20 or less" grep -Eq \
	"^$LAST via $C_LL dev sc0 valid (1?[0-9]|20)s " "$TMPD/show"
# the first renewed expire 20 s after t0, the last 20 s after t_ren
expect_within 180000 "every route gone" eval '[ "$(dhcp_routes)" = 0 ]'
t_gone=$(now)
gone_s=$(awk -v a="$t_ren" -v b="$t_gone" 'BEGIN { printf "%.1f", b - a }')
echo "# the last route went $gone_s s after the last renewal"
expect "not before the last renewal's 20 s" between 19 "$gone_s" 200
expect "pd show: empty" eq "$(s pd show | wc -l)" 0
# the kernel's own routes aside: the link's fe80::/64 and, on a kernel
# without IPV6_MULTIPLE_TABLES (the debug one), where the local table is
# the main one, ff00::/8 and the local addresses
left=$(ip -n "$S" -6 route show | grep -v ' proto kernel ')
[ -z "$left" ] || __diag "routes left in S: $(head -n 5 <<< "$left")"
expect "no route left in S but the kernel's own" eq "$(grep -c . <<< "$left")" 0
case_end "renewed with valid 20 in $SECS s, all $N expire: the last route gone $gone_s s after the last renewal"

sleep 2	# kfree_rcu
slab2=$(slab_kb)
echo "# slab: $slab2 kB after they expired ($slab0 kB before they were added)"
if [ -n "$kml" ]; then
	# KASAN's quarantine keeps freed objects in their slabs for a while:
	# the leak check there is the runner's kmemleak scan after the tests
	case_skip "their memory is freed" \
		"a KASAN kernel's quarantine holds freed objects (slab $slab2 kB, before $slab0 kB); kmemleak checks leaks"
else
	expect "the slab back within 10% of what they took" \
		between -1000000000 $(((slab2 - slab0) * 10)) $((slab1 - slab0))
	case_end "their memory is freed: slab $slab2 kB (before: $slab0 kB, with them: $slab1 kB)"
fi

ktap_finished
