#!/bin/sh
# run.sh — runs every test of one build: the cmocka unit tests in
# $YC_BUILD/tests/, the command-line tests in tests/cli/*.sh, the
# full-screen tests in tests/tui/*.sh, the documents' tests in
# tests/print/*.sh, and the central service and sync tests in
# tests/server/*.sh and tests/sync/*.sh.
#
# Suites run side by side, YC_JOBS at a time (default: twice the number of
# processors; many suites wait on a server, a pty or a timeout rather than
# on the processor).  Each suite has its own temporary directory, loopback
# ports the kernel picks and, for PostgreSQL, a server of its own on a
# socket in its own directory, so they never meet.  A line is printed per
# suite as it ends, with its seconds ("ok", "FAIL" with the end of its
# output, or "skip" with the reason for a suite that cannot run here),
# then a closing "N passed, N failed"; exits 1 when any failed.
#
#   YC_BUILD=build sh tests/run.sh [PATTERN]
#   YC_JOBS=1 YC_BUILD=build sh tests/run.sh      one suite at a time
set -u
build=${YC_BUILD:-build}
top=$(cd "$(dirname "$0")/.." && pwd)

# Tests run with a fixed locale and no inherited database.
unset YICHUANG_DB YICHUANG_TODAY LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
export YC="$top/$build/yichuang" YCD="$top/$build/yichuangd" YC_TOP="$top"

# One suite: `run.sh --one SUITE RESULTS-DIR`.  Writes NAME.result ("p f
# status") and NAME.report (the line to print, and the failing output),
# then prints the report in one piece.
if [ "${1:-}" = --one ]; then
	t=$2 out=$3
	name=$(basename "$t")
	log="$out/$name.log"
	start=$(date +%s)
	if [ "${t%.sh}" != "$t" ]; then
		(cd "$top" && sh "$t") >"$log" 2>&1
	else
		(cd "$top" && "$t") >"$log" 2>&1
	fi
	rc=$?
	secs=$(($(date +%s) - start))
	# cmocka's or lib.sh's summary lines
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p; s/^# passed \([0-9]*\)$/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p; s/^# failed \([0-9]*\)$/\1/p' "$log" | tail -n 1)
	p=${p:-0} f=${f:-0}
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1 # crashed or failed outside a counted check
	fi
	if [ $rc -ne 0 ] || [ "$f" -ne 0 ]; then
		status=fail
		{
			echo "FAIL $name ($p passed, $f failed, exit $rc, ${secs} s)"
			# the failed checks with what they say, then the end
			grep -A 12 '^not ok\|^\[  FAILED  \]\|^\[  ERROR   \]' "$log" |
				head -n 80 | sed 's/^/    /'
			echo "    ..."
			sed 's/^/    /' "$log" | grep -v '^    \(ok \|\[ \(RUN\|       OK\) \)' | tail -n 20
		} >"$out/$name.report"
	elif [ "$p" -eq 0 ] && grep -q '^skipped: ' "$log"; then
		# a suite that could not run here says so, and so do we
		status=skip
		echo "skip $name ($(sed -n 's/^skipped: //p' "$log" | head -n 1))" >"$out/$name.report"
	else
		status=ok
		echo "ok   $name ($p passed, ${secs} s)" >"$out/$name.report"
	fi
	echo "$p $f $status" >"$out/$name.result"
	cat "$out/$name.report"
	exit 0
fi

pattern=${1:-}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if [ -z "${YC_JOBS:-}" ]; then
	YC_JOBS=$(($(nproc 2>/dev/null || echo 1) * 2))
fi

# The suites, the long full-screen, document and sync suites first so that
# the short ones fill in around them.
for t in "$top"/tests/tui/*.sh "$top"/tests/print/*.sh "$top"/tests/sync/*.sh \
	"$top"/tests/server/*.sh "$top"/tests/cli/*.sh "$top/$build"/tests/test_*; do
	[ -e "$t" ] || continue
	name=$(basename "$t")
	[ "$name" = lib.sh ] && continue
	case "$name" in *"$pattern"*) ;; *) continue ;; esac
	echo "$t"
done >"$out/list"

start=$(date +%s)
xargs -P "$YC_JOBS" -I '{}' sh "$top/tests/run.sh" --one '{}' "$out" <"$out/list"

passed=0 failed=0 skipped=0 bad=""
while read -r t; do
	name=$(basename "$t")
	if [ ! -f "$out/$name.result" ]; then
		echo "FAIL $name (did not finish)"
		bad="$bad $name" failed=$((failed + 1))
		continue
	fi
	read -r p f status <"$out/$name.result"
	passed=$((passed + p)) failed=$((failed + f))
	case $status in
	fail) bad="$bad $name" ;;
	skip) skipped=$((skipped + 1)) ;;
	esac
done <"$out/list"
secs=$(($(date +%s) - start))
[ -n "$bad" ] && echo "failed:$bad"
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped suites skipped ($secs s, $YC_JOBS at a time)"
else
	echo "$passed passed, $failed failed ($secs s, $YC_JOBS at a time)"
fi
[ "$failed" -eq 0 ] && [ -z "$bad" ]
