#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Permissions: CAP_NET_ADMIN over the target namespace is required for
# every command. An unprivileged caller is refused with a one-line
# explanation; a user namespace's root may configure its own namespace
# only.

source "$(dirname "$0")/lib.sh"

v6gw_load
require_command setpriv unshare

# User 65534 runs a copy of the tool in a directory every user can enter:
# $V6GW may lie where nobody cannot reach it (a checkout under a mode-700
# directory, a home directory). Under /tmp, not $TMPDIR, which may be
# private too.
NOBODY_DIR=$(mktemp -d /tmp/v6gw-perm.XXXXXX) || exit "$ksft_fail"
defer rm -rf "$NOBODY_DIR"
chmod 0755 "$NOBODY_DIR" &&
	install -m 0755 "$V6GW" "$NOBODY_DIR/v6gw" || exit "$ksft_fail"
NOBODY_V6GW=$NOBODY_DIR/v6gw

# nobody CMD...: CMD as user and group 65534, without supplementary
# groups, from a working directory it can enter.
nobody()
{
	(cd "$NOBODY_DIR" &&
		exec setpriv --reuid=65534 --regid=65534 --clear-groups "$@")
}

# Through sh: setpriv itself looks the program up before its capabilities
# are gone, the shells and unshare below do not.
if ! out=$(nobody sh -c 'exec "$1" -V' sh "$NOBODY_V6GW" 2>&1); then
	echo "# user 65534 cannot run $NOBODY_V6GW: $out"
	exit "$ksft_fail"
fi

# refused "desc" CMD...: exit 1 and the permission message
refused()
{
	local desc=$1 out rc
	shift
	out=$(nobody "$NOBODY_V6GW" "$@" 2>&1)
	rc=$?
	if [ "$rc" -eq 1 ] && grep -q "permission denied" <<< "$out"; then
		ktap_test_pass "$desc"
	else
		echo "# rc=$rc: $out"
		ktap_test_fail "$desc"
	fi
}

ktap_print_header
ktap_set_plan 6

refused "unprivileged prefix add is refused" siit prefix add 64:ff9b::/96
refused "unprivileged stats show is refused" stats show
refused "unprivileged prefix show is refused" siit prefix show
if [ -z "$("$V6GW" siit prefix show)" ]; then
	ktap_test_pass "nothing was configured by the refused calls"
else
	ktap_test_fail "nothing was configured by the refused calls"
fi

# A user namespace owning a new network namespace: its root is admin there.
if nobody unshare -U -r -n true 2> /dev/null; then
	out=$(nobody unshare -U -r -n sh -c \
		'"$1" siit prefix add 64:ff9b::/96 && "$1" siit prefix show' \
		sh "$NOBODY_V6GW" 2>&1)
	if [ "$out" = "64:ff9b::/96" ]; then
		ktap_test_pass "user-namespace root configures its own namespace"
	else
		echo "# $out"
		ktap_test_fail "user-namespace root configures its own namespace"
	fi
	# Root of a new user namespace, still in the initial network
	# namespace, which that user namespace does not own.
	out=$(nobody unshare -U -r \
		"$NOBODY_V6GW" siit prefix add 64:ff9b::/96 2>&1)
	if grep -q "permission denied" <<< "$out"; then
		ktap_test_pass "user-namespace root cannot configure a namespace it does not own"
	else
		echo "# $out"
		ktap_test_fail "user-namespace root cannot configure a namespace it does not own"
	fi
else
	ktap_test_skip "user-namespace root configures its own namespace"
	ktap_test_skip "user-namespace root cannot configure a namespace it does not own"
fi

ktap_finished
