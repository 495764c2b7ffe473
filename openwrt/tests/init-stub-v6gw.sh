#!/bin/sh
# TEST STUB of /usr/sbin/v6gw for the init script test (test-uci2batch.sh):
# "save" and "pd show" print the files $STUB/saved and $STUB/pd, "-b FILE"
# appends FILE to $STUB/applied (and fails when $STUB/fail exists).
case "$*" in
save) cat "$STUB/saved" ;;
"pd show") cat "$STUB/pd" ;;
"-b "*)
	cat "$2" >> "$STUB/applied"
	echo "-- end of -b" >> "$STUB/applied"
	if [ -e "$STUB/fail" ]; then
		echo "v6gw: batch $2 line 1: File exists" >&2
		exit 1
	fi
	;;
*) echo "init-stub-v6gw: unexpected: $*" >&2; exit 2 ;;
esac
