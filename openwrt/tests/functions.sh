# SPDX-License-Identifier: GPL-2.0
#
# TEST SHIM, for openwrt/test-uci2batch.sh on a host without OpenWrt: the
# part of OpenWrt's /lib/functions.sh (base-files) that
# v6gw-uci2batch uses, written for this test, with the same calling
# conventions:
#
#   config_load PACKAGE                    read ${UCI_CONFIG_DIR:-/etc/config}/PACKAGE
#   config_get VAR SECTION OPTION [DEFAULT]
#   config_get SECTION OPTION              (prints the value)
#   config_get_bool VAR SECTION OPTION [DEFAULT]
#   config_foreach FUNCTION [TYPE] [ARGS...]
#   config_list_foreach SECTION OPTION FUNCTION [ARGS...]
#
# Values live in CONFIG_<section>_<option> variables, a list's items in
# <option>_ITEM<n> and its length in <option>_LENGTH, and a list's plain
# value is its items joined by blanks, as in OpenWrt. Differences, none of
# which v6gw-uci2batch depends on:
#   - OpenWrt's config_load runs "uci export" (which names anonymous
#     sections like cfg02a4c8 and quotes every value); this one evaluates
#     the file itself as shell (the UCI syntax of the test files:
#     config/option/list lines, single or double quotes, # comments), and
#     names the Nth section, when it is anonymous, cfgN;
#   - no callbacks (config_cb, option_cb, list_cb), no /var/state;
#   - plain assignments instead of "export -n", so dash and bash run it.
# Not installed on OpenWrt: the package uses the real one.
# shellcheck shell=sh disable=SC3043

CONFIG_SECTIONS=
CONFIG_NUM_SECTIONS=0
CONFIG_SECTION=

config_set()
{
	eval "CONFIG_${1}_${2}=\$3"
}

config()
{
	local name="$2"

	CONFIG_NUM_SECTIONS=$((CONFIG_NUM_SECTIONS + 1))
	name=${name:-cfg$CONFIG_NUM_SECTIONS}
	case "$name" in
	*[!A-Za-z0-9_]*)
		echo "functions.sh (test shim): bad section name \"$name\"" >&2
		return 1
		;;
	esac
	CONFIG_SECTIONS="$CONFIG_SECTIONS${CONFIG_SECTIONS:+ }$name"
	CONFIG_SECTION=$name
	config_set "$name" TYPE "$1"
}

option()
{
	local name="$1"
	shift
	config_set "$CONFIG_SECTION" "$name" "$*"
}

list()
{
	local name="$1" len cur
	shift
	config_get len "$CONFIG_SECTION" "${name}_LENGTH" 0
	len=$((len + 1))
	config_set "$CONFIG_SECTION" "${name}_ITEM$len" "$*"
	config_set "$CONFIG_SECTION" "${name}_LENGTH" "$len"
	config_get cur "$CONFIG_SECTION" "$name"
	config_set "$CONFIG_SECTION" "$name" "$cur${cur:+ }$*"
}

package() { :; }

# Forget what a previous config_load read.
config_reset()
{
	local s v
	for s in $CONFIG_SECTIONS; do
		for v in $(set | sed -n "s/^\(CONFIG_${s}_[A-Za-z0-9_]*\)=.*/\1/p"); do
			unset "$v"
		done
	done
	CONFIG_SECTIONS=
	CONFIG_NUM_SECTIONS=0
	CONFIG_SECTION=
}

config_load()
{
	local file="${UCI_CONFIG_DIR:-/etc/config}/$1"

	config_reset
	[ -r "$file" ] || return 1
	# shellcheck disable=SC1090
	. "$file"
}

config_get()
{
	case "$2${3:-$1}" in
	*[!A-Za-z0-9_]*)
		return 0
		;;
	esac
	if [ $# -le 2 ]; then
		eval "printf '%s\n' \"\${CONFIG_${1}_${2}}\""
		return 0
	fi
	eval "$1=\${CONFIG_${2}_${3}:-\$4}"
}

config_get_bool()
{
	local _b
	config_get _b "$2" "$3" "$4"
	case "$_b" in
	1 | on | true | yes | enabled) _b=1 ;;
	0 | off | false | no | disabled) _b=0 ;;
	*) _b=$4 ;;
	esac
	eval "$1=\$_b"
}

config_foreach()
{
	local fn="$1" type="$2" section cfgtype
	[ $# -ge 1 ] && shift
	[ $# -ge 1 ] && shift
	for section in $CONFIG_SECTIONS; do
		config_get cfgtype "$section" TYPE
		[ -n "$type" ] && [ "$cfgtype" != "$type" ] && continue
		"$fn" "$section" "$@"
	done
}

config_list_foreach()
{
	[ $# -ge 3 ] || return 0
	local section="$1" opt="$2" fn="$3" len val c=1
	shift 3
	config_get len "$section" "${opt}_LENGTH"
	[ -n "$len" ] || return 0
	while [ "$c" -le "$len" ]; do
		config_get val "$section" "${opt}_ITEM$c"
		"$fn" "$val" "$@"
		c=$((c + 1))
	done
}
