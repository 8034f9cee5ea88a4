#!/bin/sh
# run.sh — runs every test of one build: the cmocka unit tests in
# $YC_BUILD/tests/, the command-line tests in tests/cli/*.sh, the
# full-screen tests in tests/tui/*.sh, the documents' tests in
# tests/print/*.sh, and the central service and sync tests in
# tests/server/*.sh and tests/sync/*.sh.  Prints a
# line per suite with its seconds ("ok", "FAIL", or "skip" with the reason for a suite that
# cannot run here) and a closing "N passed, N failed"; exits 1 when any
# failed.
#
#   YC_BUILD=build sh tests/run.sh [PATTERN]
set -u
build=${YC_BUILD:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
pattern=${1:-}
passed=0
failed=0
skipped=0
failed_suites=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Tests run with a fixed locale and no inherited database.
unset YICHUANG_DB YICHUANG_TODAY LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
export YC="$top/$build/yichuang" YCD="$top/$build/yichuangd" YC_TOP="$top"

count() { # FILE -> sets p f from cmocka's or lib.sh's summary lines
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p; s/^# passed \([0-9]*\)$/\1/p' "$1" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p; s/^# failed \([0-9]*\)$/\1/p' "$1" | tail -n 1)
	p=${p:-0}; f=${f:-0}
}

for t in "$top/$build"/tests/test_* "$top"/tests/cli/*.sh "$top"/tests/tui/*.sh \
	"$top"/tests/print/*.sh "$top"/tests/server/*.sh "$top"/tests/sync/*.sh; do
	[ -e "$t" ] || continue
	[ "$(basename "$t")" = lib.sh ] && continue
	name=$(basename "$t")
	case "$name" in *"$pattern"*) ;; *) continue ;; esac
	start=$(date +%s)
	if [ "${t%.sh}" != "$t" ]; then
		(cd "$top" && sh "$t") >"$log" 2>&1
	else
		(cd "$top" && "$t") >"$log" 2>&1
	fi
	rc=$?
	secs=$(($(date +%s) - start))
	count "$log"
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1 # crashed or failed outside a counted check
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ $rc -ne 0 ] || [ "$f" -ne 0 ]; then
		echo "FAIL $name ($p passed, $f failed, exit $rc, ${secs} s)"
		sed 's/^/    /' "$log" | grep -v '^    \[ \(RUN\|       OK\) ' | tail -n 40
		failed_suites="$failed_suites $name"
	elif [ "$p" -eq 0 ] && grep -q '^skipped: ' "$log"; then
		# a suite that could not run here says so, and so do we
		echo "skip $name ($(sed -n 's/^skipped: //p' "$log" | head -n 1))"
		skipped=$((skipped + 1))
	else
		echo "ok   $name ($p passed, ${secs} s)"
	fi
done
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped suites skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ] && [ -z "$failed_suites" ]
