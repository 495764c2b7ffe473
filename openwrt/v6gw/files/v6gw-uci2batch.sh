#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# v6gw-uci2batch: the UCI configuration /etc/config/v6gw as v6gw batch
# commands (v6gw -b FILE), and the plan that turns the running
# configuration into them. /etc/init.d/v6gw uses both; the host-side test
# (openwrt/test-uci2batch.sh) runs them on sample configurations.
#
#   v6gw-uci2batch [batch]
#	Print the batch for the UCI package v6gw: every command, in the
#	order of "v6gw save" and in its words (pool4 one line per
#	protocol, every setting on its own "set" line, defaults for the
#	settings the configuration leaves out). Errors in the
#	configuration are printed on stderr, all of them, and the exit
#	status is then 1.
#
#   v6gw-uci2batch plan DESIRED SAVED PDSHOW [DEVICES]
#	Print the batch that turns the running configuration into DESIRED
#	(a batch from above, or an empty file for "stop"): SAVED is the
#	output of "v6gw save", PDSHOW that of "v6gw pd show", DEVICES
#	lines "NAME up|down" for the interfaces that exist (absent or "-":
#	every interface exists and is up). First the removals, then the
#	additions, so that one "v6gw -b" checks the syntax of all of them
#	before it changes anything:
#	  - a command of SAVED that DESIRED has too is left alone (compared
#	    word by word, IPv6 addresses in full, so "64:ff9b::/96" and
#	    "64:FF9B:0::/96" are the same);
#	  - an "add" of SAVED that DESIRED lacks becomes its "del"; an
#	    "ra set" becomes "ra del" unless DESIRED sets a rule on that
#	    interface (a set replaces the rule whole); "pd snoop ... on"
#	    becomes "off";
#	  - delegations: those of PDSHOW added by hand (proto user) whose
#	    prefix DESIRED does not delegate are deleted; snooped ones are
#	    state, never touched; every "pd add" of DESIRED is applied (for
#	    a delegation in place, a renewal);
#	  - settings: the keys whose values differ, in one "set" line per
#	    object, which the kernel applies entirely or not at all;
#	  - a command of DESIRED naming an interface that does not exist
#	    (pd add: that is not up) is left out, as a "# skipped" comment.
#
# Environment: V6GW_FUNCTIONS, the file that defines config_load and the
# others (default /lib/functions.sh, OpenWrt's); V6GW_UCI_PACKAGE, the
# UCI package (default v6gw); UCI_CONFIG_DIR as for uci(1).
#
# Interfaces are Linux devices (br-lan, eth0.2, wlan0), not OpenWrt's
# logical interfaces (lan, wan): see openwrt/README.md.
#
# POSIX sh with "local" (busybox ash, dash, bash), POSIX awk.
# shellcheck disable=SC3043

V6GW_UCI_PACKAGE=${V6GW_UCI_PACKAGE:-v6gw}

errors=0

err()
{
	echo "v6gw-uci2batch: $*" >&2
	errors=$((errors + 1))
}

out()
{
	printf '%s\n' "$*"
}

# ok_word SECTION OPTION VALUE: VALUE is one word of a batch line (the
# v6gw tool checks the rest); else an error, false.
ok_word()
{
	case "$3" in
	*' '* | *'	'* | *'"'* | *\\* | '#'* | *'
'*)
		err "$1.$2: \"$3\" is not one word (blank, quote, backslash, or # first)"
		return 1
		;;
	esac
	return 0
}

# get VAR SECTION OPTION [DEFAULT]: config_get, then ok_word; an invalid
# value is an error and VAR gets DEFAULT.
get()
{
	local _v
	config_get _v "$2" "$3"
	if [ -n "$_v" ] && ! ok_word "$2" "$3" "$_v"; then
		_v=
	fi
	eval "$1=\${_v:-\$4}"
}

# enabled SECTION: its "enabled" option (default 1) as a boolean.
enabled()
{
	local _e
	config_get _e "$1" enabled 1
	case "$_e" in
	1 | on | true | yes | enabled) return 0 ;;
	0 | off | false | no | disabled) return 1 ;;
	esac
	err "$1.enabled: \"$_e\" is not a boolean (1/0, on/off, yes/no, true/false)"
	return 1
}

# onoff VAR SECTION OPTION DEFAULT: a UCI boolean as on/off.
onoff()
{
	local _b
	config_get _b "$2" "$3"
	case "$_b" in
	'') _b=$4 ;;
	1 | on | true | yes | enabled) _b=on ;;
	0 | off | false | no | disabled) _b=off ;;
	*)
		err "$2.$3: \"$_b\" is not a boolean (1/0, on/off, yes/no, true/false)"
		_b=$4
		;;
	esac
	eval "$1=\$_b"
}

# A bare address as a prefix: /128, /32 (as "v6gw save" prints them).
pfx6() { case "$1" in */*) echo "$1" ;; *) echo "$1/128" ;; esac; }
pfx4() { case "$1" in */*) echo "$1" ;; *) echo "$1/32" ;; esac; }

# The first enabled section of TYPE, in $first; more than one is an error.
first=
first_of()
{
	enabled "$1" || return 0
	if [ -n "$first" ]; then
		err "$1: a second enabled $2 section ($first is the first): ignored"
		return 0
	fi
	first=$1
}

# words VAR SECTION OPTION: a list (or an option of blank-separated
# words), each checked, blank-separated in VAR.
words()
{
	local _l _w _r=
	config_get _l "$2" "$3"
	set -f
	for _w in $_l; do
		ok_word "$2" "$3" "$_w" && _r="$_r${_r:+ }$_w"
	done
	set +f
	eval "$1=\$_r"
}

# SIIT

siit_eam()
{
	local v6 v4
	set -f
	# shellcheck disable=SC2086 # split the pair into words
	set -- $1
	set +f
	if [ $# -ne 2 ]; then
		err "$siit.eam: \"$*\" is not \"IPV6PREFIX IPV4PREFIX\""
		return
	fi
	v6=$1 v4=$2
	ok_word "$siit" eam "$v6" && ok_word "$siit" eam "$v4" &&
		out "siit eam add $(pfx6 "$v6") $(pfx4 "$v4")"
}

emit_siit()
{
	local prefix deny d v4 v6 mtu amend tos tc

	first=
	config_foreach first_of siit siit
	siit=$first
	if [ -n "$siit" ]; then
		get prefix "$siit" prefix
		[ -n "$prefix" ] && out "siit prefix add $(pfx6 "$prefix")"
		config_list_foreach "$siit" eam siit_eam
		words deny "$siit" deny
		set -f
		for d in $deny; do
			out "siit deny add $(pfx4 "$d")"
		done
		set +f
	fi
	# every setting, the defaults of v6gw(8) for those left out
	get v4 "$siit" rfc6791v4 none
	get v6 "$siit" rfc6791v6 none
	get mtu "$siit" lowest_ipv6_mtu 1280
	onoff amend "$siit" amend_udp_checksum_zero off
	get tos "$siit" tos copy
	get tc "$siit" traffic_class copy
	[ "$v4" = none ] || v4=$(pfx4 "$v4")
	[ "$v6" = none ] || v6=$(pfx6 "$v6")
	out "siit set rfc6791v4 $v4"
	out "siit set rfc6791v6 $v6"
	out "siit set lowest-ipv6-mtu $mtu"
	out "siit set amend-udp-checksum-zero $amend"
	out "siit set tos $tos"
	out "siit set traffic-class $tc"
}

# NAT64

pool4()
{
	local prefix protos ports p

	enabled "$1" || return 0
	get prefix "$1" prefix
	words protos "$1" proto
	get ports "$1" ports
	if [ -z "$prefix" ]; then
		err "$1: pool4 without a prefix: ignored"
		return
	fi
	for p in ${protos:-tcp udp icmp}; do
		case "$p" in
		tcp | udp) out "nat64 pool4 add $(pfx4 "$prefix") proto $p ports ${ports:-1-65535}" ;;
		icmp) out "nat64 pool4 add $(pfx4 "$prefix") proto $p ports ${ports:-0-65535}" ;;
		*) err "$1.proto: \"$p\" is not tcp, udp or icmp" ;;
		esac
	done
}

bib()
{
	local proto ipv6 port6 ipv4 port4 o

	enabled "$1" || return 0
	get proto "$1" proto
	get ipv6 "$1" ipv6
	get port6 "$1" port6
	get ipv4 "$1" ipv4
	get port4 "$1" port4
	for o in proto ipv6 port6 ipv4 port4; do
		if eval "[ -z \"\$$o\" ]"; then
			err "$1: static BIB entry without $o: ignored"
			return
		fi
	done
	out "nat64 bib add proto $proto [$ipv6]:$port6 $ipv4:$port4"
}

emit_nat64()
{
	local nat64 prefixes p est trans udp icmp syn filt max wkpf

	first=
	config_foreach first_of nat64 nat64
	nat64=$first
	# no nat64 section: pool4 and bib sections still apply; one with
	# enabled 0 turns them all off
	if [ -n "$nat64" ] || ! has_disabled nat64; then
		if [ -n "$nat64" ]; then
			words prefixes "$nat64" prefix
			set -f
			for p in $prefixes; do
				out "nat64 prefix add $(pfx6 "$p")"
			done
			set +f
		fi
		config_foreach pool4 pool4
		config_foreach bib bib
	fi
	get est "$nat64" tcp_est 7440
	get trans "$nat64" tcp_trans 240
	get udp "$nat64" udp 300
	get icmp "$nat64" icmp 60
	get syn "$nat64" tcp_syn 6
	get filt "$nat64" filtering endpoint
	get max "$nat64" max_sessions 1048576
	onoff wkpf "$nat64" wkpf_strict on
	out "nat64 set tcp-est $est"
	out "nat64 set tcp-trans $trans"
	out "nat64 set udp $udp"
	out "nat64 set icmp $icmp"
	out "nat64 set tcp-syn $syn"
	out "nat64 set filtering $filt"
	out "nat64 set max-sessions $max"
	out "nat64 set wkpf-strict $wkpf"
}

# has_disabled TYPE: a section of TYPE exists (and none is enabled).
has_disabled()
{
	found=
	config_foreach _mark "$1"
	[ -n "$found" ]
}
_mark() { found=$1; }

# RA

ra_devs=" "
ra()
{
	local dev rdnss dnssl pref64 lifetime mode line a n

	enabled "$1" || return 0
	get dev "$1" device
	words rdnss "$1" rdnss
	words dnssl "$1" dnssl
	get pref64 "$1" pref64
	get lifetime "$1" lifetime
	get mode "$1" mode add
	if [ -z "$dev" ]; then
		err "$1: RA rule without a device: ignored"
		return
	fi
	if [ -z "$rdnss$dnssl$pref64" ]; then
		err "$1: RA rule for $dev without rdnss, dnssl or pref64: ignored"
		return
	fi
	case "$ra_devs" in
	*" $dev "*)
		err "$1: a second RA rule for $dev: ignored"
		return
		;;
	esac
	ra_devs="$ra_devs$dev "
	line="ra set dev $dev"
	if [ -n "$rdnss" ]; then
		line="$line rdnss $(echo "$rdnss" | tr ' ' ,)"
	fi
	if [ -n "$dnssl" ]; then
		# one trailing dot is dropped by the tool; drop it here too
		n=
		set -f
		for a in $dnssl; do
			n="$n${n:+,}${a%.}"
		done
		set +f
		line="$line dnssl $n"
	fi
	[ -n "$pref64" ] && line="$line pref64 $pref64"
	case "$lifetime" in
	'') ;;
	4294967295) line="$line lifetime infinity" ;;
	*) line="$line lifetime $lifetime" ;;
	esac
	out "$line mode $mode"
}

# PD

delegation()
{
	local prefix via dev valid pref line

	enabled "$1" || return 0
	get prefix "$1" prefix
	get via "$1" via
	get dev "$1" device
	get valid "$1" valid
	get pref "$1" preferred
	if [ -z "$prefix" ] || [ -z "$via" ] || [ -z "$dev" ]; then
		err "$1: delegation without prefix, via or device: ignored"
		return
	fi
	line="pd add $(pfx6 "$prefix") via $via dev $dev"
	[ -n "$valid" ] && line="$line valid $valid"
	[ -n "$pref" ] && line="$line preferred $pref"
	out "$line"
}

emit_pd()
{
	local pd snoop d

	first=
	config_foreach first_of pd pd
	pd=$first
	if [ -n "$pd" ]; then
		words snoop "$pd" snoop
		set -f
		for d in $snoop; do
			out "pd snoop dev $d on"
		done
		set +f
	fi
	if [ -n "$pd" ] || ! has_disabled pd; then
		config_foreach delegation delegation
	fi
}

uci2batch()
{
	# shellcheck disable=SC1090 # OpenWrt's, or the test's shim
	. "${V6GW_FUNCTIONS:-/lib/functions.sh}" || return 1
	config_load "$V6GW_UCI_PACKAGE" || {
		err "cannot load the UCI package $V6GW_UCI_PACKAGE"
		return 1
	}
	emit_siit
	emit_nat64
	config_foreach ra ra
	emit_pd
	[ "$errors" -eq 0 ]
}

plan()
{
	local f
	if [ $# -lt 3 ] || [ $# -gt 4 ]; then
		echo "usage: v6gw-uci2batch plan DESIRED SAVED PDSHOW [DEVICES]" >&2
		return 2
	fi
	for f in "$1" "$2" "$3"; do
		[ -r "$f" ] || { err "plan: cannot read $f"; return 1; }
	done
	awk -v desired="$1" -v saved="$2" -v pdshow="$3" -v devices="${4:--}" '
# An IPv6 address in full (8 groups of 4 lower-case digits), or s itself
# when it is not one.
function expand6(s,    n, g, h, t, nh, nt, i, d, out, q, hx) {
	s = tolower(s)
	if (s !~ /^[0-9a-f:.]+$/ || index(s, ":") == 0)
		return s
	if (index(s, ".")) {
		n = split(s, g, ":")
		if (split(g[n], q, ".") != 4)
			return s
		for (i = 1; i <= 4; i++)
			if (q[i] !~ /^[0-9]+$/ || q[i] + 0 > 255)
				return s
		hx = sprintf("%x:%x", q[1] * 256 + q[2], q[3] * 256 + q[4])
		s = substr(s, 1, length(s) - length(g[n])) hx
	}
	i = index(s, "::")
	if (i) {
		h = substr(s, 1, i - 1)
		t = substr(s, i + 2)
		if (index(t, "::"))
			return s
		nh = h == "" ? 0 : split(h, g, ":")
		nt = t == "" ? 0 : split(t, q, ":")
		if (nh + nt > 7)
			return s
		n = 0
		for (i = 1; i <= nh; i++)
			d[++n] = g[i]
		for (i = 0; i < 8 - nh - nt; i++)
			d[++n] = "0"
		for (i = 1; i <= nt; i++)
			d[++n] = q[i]
	} else {
		if (split(s, d, ":") != 8)
			return s
	}
	out = ""
	for (i = 1; i <= 8; i++) {
		if (d[i] !~ /^[0-9a-f]+$/ || length(d[i]) > 4)
			return s
		out = out (i > 1 ? ":" : "") substr("0000", 1, 4 - length(d[i])) d[i]
	}
	return out
}

# A word for comparing: addresses in full, in [ADDR]:PORT, ADDR/LEN and
# comma lists too.
function cword(w,    n, p, i, r, a) {
	if (w ~ /^\[.*\]:[0-9]+$/) {
		i = index(w, "]")
		return "[" expand6(substr(w, 2, i - 2)) substr(w, i)
	}
	if (index(w, ",")) {
		n = split(w, p, ",")
		r = ""
		for (i = 1; i <= n; i++)
			r = r (i > 1 ? "," : "") cword(p[i])
		return r
	}
	i = index(w, "/")
	if (i)
		return expand6(substr(w, 1, i - 1)) substr(w, i)
	return expand6(w)
}

function key(line,    n, w, i, r) {
	n = split(line, w)
	r = ""
	for (i = 1; i <= n; i++)
		r = r (i > 1 ? " " : "") cword(w[i])
	return r
}

# The commands of a batch file, comments and blank lines left out.
function load(file, a,    n, line) {
	n = 0
	while ((getline line < file) > 0) {
		sub(/^[ \t]+/, "", line)
		if (line == "" || substr(line, 1, 1) == "#")
			continue
		a[++n] = line
	}
	close(file)
	return n
}

function present(dev) { return !filter || (dev in devstate) }
function up(dev) { return !filter || devstate[dev] == "up" }

# "OBJ set KEY VALUE" lines of the desired file are gathered until the
# next line of another kind, then printed as one line with the changes.
function flush_set() {
	if (setobj != "" && setpairs != "")
		print setobj " set" setpairs
	setobj = ""
	setpairs = ""
}

BEGIN {
	filter = 0
	if (devices != "-") {
		filter = 1
		while ((getline line < devices) > 0) {
			split(line, w)
			if (w[1] != "")
				devstate[w[1]] = w[2]
		}
		close(devices)
	}

	nd = load(desired, D)
	for (i = 1; i <= nd; i++) {
		k = key(D[i])
		want[k] = 1
		n = split(D[i], w)
		if (w[1] == "ra" && w[2] == "set" && w[3] == "dev")
			rawant[w[4]] = 1
		if (w[1] == "pd" && w[2] == "add")
			pdwant[cword(w[3])] = 1
	}

	ns = load(saved, S)
	for (i = 1; i <= ns; i++) {
		k = key(S[i])
		have[k] = 1
		n = split(S[i], w)
		if (w[2] == "set" && n == 4)
			cur[w[1] " " w[3]] = cword(w[4])
	}

	# removals: delegations by hand first, then the saved lines in
	# reverse order (static BIB entries before their pool4, ...)
	while ((getline line < pdshow) > 0) {
		n = split(line, w)
		if (n >= 2 && w[n - 1] == "proto" && w[n] == "user" &&
		    !(cword(w[1]) in pdwant))
			print "pd del " w[1]
	}
	close(pdshow)
	for (i = ns; i >= 1; i--) {
		if (key(S[i]) in want)
			continue
		n = split(S[i], w)
		if ((w[1] == "siit" || w[1] == "nat64") && w[3] == "add") {
			line = w[1] " " w[2] " del"
			for (j = 4; j <= n; j++)
				line = line " " w[j]
			print line
		} else if (w[1] == "ra" && w[2] == "set" && w[3] == "dev") {
			if (!(w[4] in rawant))
				print "ra del dev " w[4]
		} else if (w[1] == "pd" && w[2] == "snoop" && w[5] == "on") {
			print "pd snoop dev " w[4] " off"
		}
		# "OBJ set": the desired settings follow; "pd add": above
	}

	# additions, in the desired order
	setobj = ""
	for (i = 1; i <= nd; i++) {
		n = split(D[i], w)
		if (w[2] == "set" && (w[1] == "siit" || w[1] == "nat64")) {
			if (setobj != w[1])
				flush_set()
			setobj = w[1]
			for (j = 3; j + 1 <= n; j += 2)
				if (cur[w[1] " " w[j]] != cword(w[j + 1]))
					setpairs = setpairs " " w[j] " " w[j + 1]
			continue
		}
		flush_set()
		if (w[1] == "pd" && w[2] == "add") {
			dev = ""
			for (j = 4; j < n; j++)
				if (w[j] == "dev")
					dev = w[j + 1]
			if (!up(dev)) {
				print "# skipped, " dev " is not up: " D[i]
				continue
			}
			print D[i]
			continue
		}
		if (key(D[i]) in have)
			continue
		if (((w[1] == "ra" && w[2] == "set") || (w[1] == "pd" && w[2] == "snoop")) &&
		    w[3] == "dev" && !present(w[4])) {
			print "# skipped, no interface " w[4] ": " D[i]
			continue
		}
		print D[i]
	}
	flush_set()
}'
}

case "${1:-batch}" in
batch)
	uci2batch
	;;
plan)
	shift
	plan "$@"
	;;
*)
	echo "usage: v6gw-uci2batch [batch] | plan DESIRED SAVED PDSHOW [DEVICES]" >&2
	exit 2
	;;
esac
