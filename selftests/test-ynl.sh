#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The YNL spec uapi/v6gw.yaml with the kernel's own generic netlink tool
# (tools/net/ynl/cli.py of linux-source-6.12, extracted into build/ynl by
# selftests/vm/install-deps.sh, or V6GW_YNL=DIR): objects added through
# ynl are read back through ynl and the v6gw tool and compared, objects
# added by v6gw are read through ynl, NAT64 settings are set and got,
# the kernel's policy refuses what the spec says it refuses, the config and
# events multicast groups are decoded with the spec, ynl deletes it all.
# Skips (4) without the tool or python3-yaml.

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

v6gw_load
require_command python3

SELFDIR=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$SELFDIR/.." && pwd)
YNL_TREE=${V6GW_YNL:-$REPO/build/ynl}
CLI_DIR=$YNL_TREE/tools/net/ynl
SPEC=$REPO/uapi/v6gw.yaml

if [ ! -f "$CLI_DIR/cli.py" ] || [ ! -f "$CLI_DIR/lib/ynl.py" ]; then
	__skip_all "no ynl tool in $YNL_TREE (selftests/vm/install-deps.sh extracts it)"
fi
python3 -c 'import yaml' 2> /dev/null || __skip_all "python3-yaml is missing"

ktap_print_header
ktap_set_plan 20

TMPD=$(mktemp -d)
defer rm -rf "$TMPD"

setup_ns NS || exit "$ksft_skip"
ip -n "$NS" link add d0 type dummy
ip -n "$NS" link set d0 up
IFX=$(ip netns exec "$NS" cat /sys/class/net/d0/ifindex)

# ynl ARG...: the kernel's tool with the spec, in $NS, JSON out. Without
# the schema check: selftests/ynl/check-spec.py does it on the host, and
# jsonschema takes long to load in a TCG guest.
ynl()
{
	ip netns exec "$NS" python3 "$CLI_DIR/cli.py" --spec "$SPEC" \
		--no-schema --output-json "$@"
}

v6() { ip netns exec "$NS" "$V6GW" -j "$@"; }

# Addresses in --json are hex (cli.py encodes binary attributes from hex);
# replies show them as text (the spec's display hints).
HEX_POOL6=20010db8006400000000000000000000	# 2001:db8:64::/96
HEX_POOL4=cb007100				# 203.0.113.0/30
HEX_DNS1=20010db8000000000000000000000053	# 2001:db8::53
HEX_DNS2=20010db8000000000000000000005353	# 2001:db8::5353
HEX_NAT64=0064ff9b000000000000000000000000	# 64:ff9b::/96
HEX_PD=20010db800aa00000000000000000000		# 2001:db8:aa::/48
HEX_VIA=fe800000000000000000000000000001	# fe80::1

# jcheck "desc" KIND YNL_JSON V6GW_JSON: compare what ynl and v6gw print
# for one kind of object (see CMP_PY); a subtest.
# shellcheck disable=SC2016
CMP_PY='
import ipaddress, json, sys
kind, y, v = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
PROTO = {1: "icmp", 6: "tcp", 17: "udp", None: None}

def p(n):
    return str(ipaddress.ip_network("%s/%d" % (n["addr"], n["len"])))

def net(s):
    return str(ipaddress.ip_network(s)) if s else None

if kind == "prefix":
    a = [p(m["prefix"]) for m in y]
    b = [net(m["prefix"]) for m in v]
elif kind == "eam":
    a = [(p(m["eam"]["prefix6"]), p(m["eam"]["prefix4"])) for m in y]
    b = [(net(m["ipv6"]), net(m["ipv4"])) for m in v]
elif kind == "pool4":
    a = [(p(m["pool4"]["prefix4"]), PROTO[m["pool4"].get("proto")],
          m["pool4"]["port-min"], m["pool4"]["port-max"]) for m in y]
    b = [(net(m["prefix"]), m["proto"], m["port-min"], m["port-max"])
         for m in v]
elif kind == "ra":
    def rdnss(h):
        return [str(ipaddress.ip_address(bytes.fromhex(h[i:i + 32])))
                for i in range(0, len(h or ""), 32)]
    a = [(r["ifname"], r["ifindex"], rdnss(r.get("rdnss")),
          r.get("dnssl", {}).get("name", []),
          p(r["pref64"]) if "pref64" in r else None, r.get("lifetime"),
          r["mode"]) for r in (m["ra"] for m in y)]
    b = [(r["dev"], r["ifindex"], r["rdnss"], r["dnssl"], net(r["pref64"]),
          r["lifetime"], r["mode"]) for r in v]
elif kind == "pd":
    import datetime
    def iso(t):
        return datetime.datetime.fromtimestamp(t, datetime.timezone.utc) \
            .strftime("%Y-%m-%dT%H:%M:%SZ") if t else None
    a = [(p(r["prefix"]), r["via"], r.get("ifname"), r["ifindex"],
          r["origin"], iso(r.get("valid-until")),
          iso(r.get("preferred-until"))) for r in (m["pd"] for m in y)]
    b = [(net(r["prefix"]), r["via"], r["dev"], r["ifindex"], r["origin"],
          r.get("valid_until"), r.get("preferred_until")) for r in v]
    # Seconds left: the two dumps may run seconds apart.
    for r, s in zip((m["pd"] for m in y), v):
        for k in ("valid", "preferred"):
            if abs(r[k] - s[k]) > 120:
                a.append((k, r[k]))
                b.append((k, s[k]))
elif kind == "nat64":
    y = y["nat64"]
    a = {k: y[k] for k in ("tcp-est", "tcp-trans", "udp", "icmp", "tcp-syn",
                           "filtering", "max-sessions")}
    a["wkpf-strict"] = bool(y["wkpf-strict"])
    a["count"] = {pr: {"bib": y["bib-" + pr], "sessions": y["sessions-" + pr]}
                  for pr in ("tcp", "udp", "icmp")}
    b = {k: v[k] for k in a}
elif kind == "stats":
    a = sorted(y["stats"].items())
    b = sorted(v.items())
else:
    sys.exit("unknown kind " + kind)
if a != b:
    print("ynl:  %s" % (a,))
    print("v6gw: %s" % (b,))
    sys.exit(1)
'

jcheck()
{
	local desc=$1 out
	shift
	if out=$(python3 -c "$CMP_PY" "$@" 2>&1); then
		ktap_test_pass "$desc"
	else
		echo "# $desc:"
		__diag "$out"
		ktap_test_fail "$desc"
	fi
}

# ydo "desc" OP JSON: a do through ynl that must succeed (a subtest).
ydo()
{
	check_cmd "$1" ynl --do "$2" --json "$3"
}

# Two listeners from the start. cli.py --subscribe config --sleep 10: the
# tool subscribes, sleeps, then prints what came (it has no "wait until",
# and 6.12's crashes when a --do it runs is notified itself). And one with
# the tool's library, on the config and events groups: it subscribes, says
# so, and prints every message it got once the last change of this test
# (ra-del-ntf) has come, or after TIMEOUT seconds.
ynl --subscribe config --sleep 10 > "$TMPD/cli-ntf" 2>&1 &
cpid=$!
# shellcheck disable=SC2016
LISTEN_PY='
import json, select, sys, time
cli_dir, spec, last, timeout = sys.argv[1:5]
sys.path.insert(0, cli_dir)
from lib import YnlFamily, Netlink
ynl = YnlFamily(spec, "")
groups = sys.argv[5:]
ynl.ntf_subscribe(groups[0])
for g in groups[1:]:
    ynl.sock.setsockopt(Netlink.SOL_NETLINK, Netlink.NETLINK_ADD_MEMBERSHIP,
                        ynl.nlproto.get_mcast_id(g, ynl.mcast_groups))
print("subscribed", flush=True)
end = time.time() + float(timeout)
while time.time() < end and \
        not any(m["name"] == last for m in ynl.async_msg_queue):
    if select.select([ynl.sock], [], [], 0.2)[0]:
        ynl.check_ntf()
print(json.dumps(ynl.async_msg_queue,
                 default=lambda o: o.hex() if isinstance(o, bytes) else list(o)))
'
ip netns exec "$NS" python3 -c "$LISTEN_PY" "$CLI_DIR" "$SPEC" ra-del-ntf 200 \
	config events > "$TMPD/ntf" 2>&1 &
lpid=$!
# shellcheck disable=SC2317 # called through defer
stop_listener() { kill "$lpid" "$cpid" 2> /dev/null; }
defer stop_listener

# cli_asleep: cli.py --subscribe is in its --sleep (clock_nanosleep, 230),
# so it has subscribed.
# shellcheck disable=SC2317 # called through busywait
cli_asleep()
{
	local f nr args
	for f in /proc/[0-9]*/cmdline; do
		mapfile -d '' args < "$f" 2> /dev/null || continue
		[ "${args[0]:-}" = python3 ] || continue
		[ "${args[1]:-}" = "$CLI_DIR/cli.py" ] || continue
		[[ " ${args[*]} " == *" --subscribe "* ]] || continue
		read -r nr _ < "${f%cmdline}syscall" 2> /dev/null &&
			[ "$nr" = 230 ] && return 0
	done
	return 1
}

# --- the tool reads the spec ------------------------------------------------

msgs=$(ynl --list-msgs 2>&1)
if grep -q '^stats-get  \[ do \]' <<< "$msgs" &&
   grep -q '^pd-snoop-get  \[ dump \]' <<< "$msgs" &&
   grep -q '^txn-commit  \[ do \]' <<< "$msgs" &&
   [ "$(grep -Ec '\[ (do|dump) \]$' <<< "$msgs")" -eq 41 ] &&
   [ "$(grep -c -- '-ntf  \[ event \]$' <<< "$msgs")" -eq 24 ] &&
   grep -q '^nat64-event  \[ event \]' <<< "$msgs" &&
   grep -q '^pd-event  \[ event \]' <<< "$msgs" &&
   grep -q '^clat-event  \[ event \]' <<< "$msgs"; then
	ktap_test_pass "ynl lists 41 commands, 3 events, 24 notifications"
else
	__diag "$msgs"
	ktap_test_fail "ynl lists 41 commands, 3 events, 24 notifications"
fi

if ! busywait 120000 grep -q subscribed "$TMPD/ntf" > /dev/null; then
	echo "# the listener did not subscribe:"
	__diag "$(cat "$TMPD/ntf")"
fi

# --- cli.py --subscribe, asleep, is sent a change made by v6gw -------------

if busywait 120000 cli_asleep; then
	v6 siit deny add 198.51.100.0/24 > /dev/null
fi

# --- added through ynl, read through ynl and v6gw ----------------------

# bg NAME CMD...: CMD in the background, its output in $TMPD/NAME (the
# reads overlap the next change: each cli.py run takes seconds in a TCG
# guest); bg_wait: wait for them all. Only changes notify, and they stay
# in the foreground, one at a time, so the listeners see them in order.
BG=()
bg()
{
	local name=$1
	shift
	"$@" > "$TMPD/$name" 2>&1 &
	BG+=($!)
}
bg_wait()
{
	wait "${BG[@]}"
	BG=()
}

ydo "ynl siit-prefix-new" siit-prefix-new \
	"{\"prefix\": {\"addr\": \"$HEX_POOL6\", \"len\": 96}}"
bg prefix ynl --dump siit-prefix-get
v6 siit prefix show > "$TMPD/prefix.v6"

ydo "ynl nat64-pool4-new" nat64-pool4-new \
	"{\"pool4\": {\"prefix4\": {\"addr\": \"$HEX_POOL4\", \"len\": 30},
	  \"proto\": 6, \"port-min\": 1000, \"port-max\": 2000}}"
bg pool4 ynl --dump nat64-pool4-get
v6 nat64 pool4 show > "$TMPD/pool4.v6"

ydo "ynl ra-set (rdnss, dnssl names as multi-attr, pref64, mode)" ra-set \
	"{\"ra\": {\"ifindex\": $IFX, \"rdnss\": \"$HEX_DNS1$HEX_DNS2\",
	  \"dnssl\": {\"name\": [\"example.com\", \"corp.example\"]},
	  \"pref64\": {\"addr\": \"$HEX_NAT64\", \"len\": 96},
	  \"lifetime\": 600, \"mode\": \"replace\"}}"
bg ra ynl --dump ra-get
v6 ra show > "$TMPD/ra.v6"

ydo "ynl pd-new" pd-new \
	"{\"pd\": {\"prefix\": {\"addr\": \"$HEX_PD\", \"len\": 48},
	  \"via\": \"$HEX_VIA\", \"ifindex\": $IFX,
	  \"valid\": 3600, \"preferred\": 1800}}"
bg pd ynl --dump pd-get
v6 pd show > "$TMPD/pd.v6"

# Added through v6gw, read through ynl.
v6 siit eam add 2001:db8:1::/120 192.0.2.0/24 > /dev/null
bg eam ynl --dump siit-eam-get
v6 siit eam show > "$TMPD/eam.v6"

# nat64-set and nat64-get in one netlink payload; what the kernel refuses;
# the counters.
bg nat64 ynl --multi nat64-set '{"nat64": {"udp": 600, "tcp-syn": 10,
	  "filtering": "address", "wkpf-strict": 0}}' --multi nat64-get '{}'
bg udp ynl --do nat64-set --json '{"nat64": {"udp": 119}}'
bg bibtcp ynl --do nat64-set --json '{"nat64": {"bib-tcp": 1}}'
bg stats ynl --do stats-get
v6 stats show > "$TMPD/stats.v6"
bg_wait
r() { cat "$TMPD/$1"; }	# the output of bg NAME

jcheck "siit prefix: ynl siit-prefix-get = v6gw siit prefix show" prefix \
	"$(r prefix)" "$(r prefix.v6)"
jcheck "pool4: ynl nat64-pool4-get = v6gw nat64 pool4 show" pool4 \
	"$(r pool4)" "$(r pool4.v6)"
jcheck "RA rule: ynl ra-get = v6gw ra show" ra "$(r ra)" "$(r ra.v6)"
jcheck "delegation: ynl pd-get = v6gw pd show" pd "$(r pd)" "$(r pd.v6)"
jcheck "EAM added by v6gw: ynl siit-eam-get = v6gw siit eam show" eam \
	"$(r eam)" "$(r eam.v6)"

# --- settings, the policy, counters ----------------------------------------

if y=$(python3 -c '
import json, sys
r = json.loads(sys.argv[1])
n = r[1]["nat64"]
print(json.dumps(r[1]))
sys.exit(not (r[0] is None and n["udp"] == 600 and n["tcp-syn"] == 10 and
              n["filtering"] == "address" and n["wkpf-strict"] == 0))' \
	"$(r nat64)")
then
	ktap_test_pass "ynl nat64-set (enum by name), nat64-get: what was set"
else
	__diag "$(r nat64)"
	ktap_test_fail "ynl nat64-set (enum by name), nat64-get: what was set"
fi
jcheck "NAT64 settings: ynl nat64-get = v6gw nat64 show" nat64 \
	"$y" "$(v6 nat64 show)"

# The checks of the spec are the kernel's: udp below 120 is out of range,
# a reply-only attribute in a request is refused.
out=$(r udp)
if grep -q "error: -34" <<< "$out" && grep -q "'min-value': 120" <<< "$out" &&
   grep -q "'bad-attr': '.nat64.udp'" <<< "$out"; then
	ktap_test_pass "nat64.udp 119 refused: -ERANGE, min 120, bad-attr .nat64.udp"
else
	__diag "$out"
	ktap_test_fail "nat64.udp 119 refused: -ERANGE, min 120, bad-attr .nat64.udp"
fi
out=$(r bibtcp)
if grep -q "error: -22" <<< "$out" &&
   grep -q "'bad-attr': '.nat64.bib-tcp'" <<< "$out"; then
	ktap_test_pass "reply-only nat64.bib-tcp refused in a request: -EINVAL"
else
	__diag "$out"
	ktap_test_fail "reply-only nat64.bib-tcp refused in a request: -EINVAL"
fi

jcheck "counters: ynl stats-get = v6gw stats show (names and values)" \
	stats "$(r stats)" "$(r stats.v6)"

# --- what cli.py --subscribe saw (it has slept its 10 s by now) ----------

wait "$cpid"
if python3 -c '
import json, sys
msgs = json.loads(sys.argv[1])
sys.exit({"name": "siit-deny-new-ntf",
          "msg": {"prefix4": {"addr": "198.51.100.0", "len": 24}}}
         not in msgs)' "$(tail -n 1 "$TMPD/cli-ntf")" 2> /dev/null; then
	ktap_test_pass "cli.py --subscribe config: v6gw siit deny add seen as siit-deny-new-ntf"
else
	__diag "$(cat "$TMPD/cli-ntf")"
	ktap_test_fail "cli.py --subscribe config: v6gw siit deny add seen as siit-deny-new-ntf"
fi

# --- what the library listener saw ---------------------------------------

v6 pd add 2001:db8:bb::/48 via fe80::2 dev d0 valid 600 > /dev/null
v6 ra del dev d0 > /dev/null
wait "$lpid"
ntf=$(tail -n 1 "$TMPD/ntf")
# check_ntf GROUP: the messages of GROUP, in order, are those of the
# changes above (the two refused nat64-set sent nothing).
check_ntf()
{
	python3 -c '
import json, sys
msgs = json.loads(sys.argv[1])
cfg = [m for m in msgs if m["name"].endswith("-ntf")]
ev = [m["msg"]["pd"] for m in msgs if m["name"] == "pd-event"]
names = [m["name"] for m in cfg]
want = ["siit-deny-new-ntf", "siit-prefix-new-ntf", "nat64-pool4-new-ntf", "ra-set-ntf",
        "pd-new-ntf", "siit-eam-new-ntf", "nat64-set-ntf", "pd-new-ntf",
        "ra-del-ntf"]
P = lambda a, n: {"addr": a, "len": n}
if sys.argv[2] == "config":
    ok = names == want and len(msgs) == len(cfg) + len(ev) and \
        cfg[0]["msg"] == {"prefix4": P("198.51.100.0", 24)} and \
        cfg[1]["msg"] == {"prefix": P("2001:db8:64::", 96)} and \
        cfg[3]["msg"]["ra"]["dnssl"] == {"name": ["example.com",
                                                  "corp.example"]} and \
        cfg[5]["msg"] == {"eam": {"prefix6": P("2001:db8:1::", 120),
                                  "prefix4": P("192.0.2.0", 24)}} and \
        cfg[6]["msg"]["nat64"]["filtering"] == "address" and \
        cfg[7]["msg"] == {"pd": {"prefix": P("2001:db8:bb::", 48),
                                 "via": "fe80::2", "ifindex": int(sys.argv[3]),
                                 "valid": 600}} and \
        cfg[8]["msg"] == {"ra": {"ifindex": int(sys.argv[3])}}
else:
    ok = [(e["event"], e["prefix"], e["origin"], e["ifname"]) for e in ev] == \
        [("added", P("2001:db8:aa::", 48), "user", "d0"),
         ("added", P("2001:db8:bb::", 48), "user", "d0")]
if not ok:
    print(names)
sys.exit(not ok)' "$ntf" "$1" "$IFX"
}
if out=$(check_ntf config 2>&1); then
	ktap_test_pass "config group: the 9 changes by ynl and v6gw, decoded with the spec"
else
	__diag "$out"
	__diag "$(cat "$TMPD/ntf")"
	ktap_test_fail "config group: the 9 changes by ynl and v6gw, decoded with the spec"
fi
if out=$(check_ntf events 2>&1); then
	ktap_test_pass "events group: pd-event added, by ynl and by v6gw"
else
	__diag "$out"
	ktap_test_fail "events group: pd-event added, by ynl and by v6gw"
fi

# --- ynl deletes it all (one netlink payload), v6gw sees nothing --------

check_cmd "ynl --multi: pd-flush, pool4, EAM, deny and prefix deleted" \
	ynl --multi pd-flush '{}' \
	--multi nat64-pool4-del \
	"{\"pool4\": {\"prefix4\": {\"addr\": \"$HEX_POOL4\", \"len\": 30},
	  \"proto\": 6, \"port-min\": 1000, \"port-max\": 2000}}" \
	--multi siit-eam-del \
	'{"eam": {"prefix6": {"addr": "20010db8000100000000000000000000", "len": 120},
	  "prefix4": {"addr": "c0000200", "len": 24}}}' \
	--multi siit-deny-del \
	'{"prefix4": {"addr": "c6336400", "len": 24}}' \
	--multi siit-prefix-del \
	"{\"prefix\": {\"addr\": \"$HEX_POOL6\", \"len\": 96}}"
left=$(v6 siit prefix show; v6 siit eam show; v6 siit deny show;
       v6 nat64 pool4 show; v6 pd show; v6 ra show)
if [ "$(tr -d ' \n' <<< "$left")" = "[][][][][][]" ] &&
   [ -z "$(ip -n "$NS" -6 route show proto dhcp)" ]; then
	ktap_test_pass "v6gw shows nothing left, no delegation route left"
else
	__diag "$left"
	ktap_test_fail "v6gw shows nothing left, no delegation route left"
fi

echo "# $SECONDS s in all"
ktap_finished
