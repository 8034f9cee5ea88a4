#!/bin/sh
# bench_keys.sh — what the full-screen program writes to the terminal per
# keystroke at 80x24 (xterm-256color): the consultation finder and notice
# (tests/tui/measure-bytes.script) and the intake checklist
# (tests/tui/intake/measure-checklist.script).  Prints figures; never
# fails on size.
#
#   YC_BUILD=build sh tests/bench/bench_keys.sh
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
build=${YC_BUILD:-build}
yc="$top/$build/yichuang"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 TERM=xterm-256color YICHUANG_TODAY=2026-11-20 TZ=UTC
unset NO_COLOR YICHUANG_DB

"$yc" --db "$tmp/db" init --site 370102 --terminal 1 >/dev/null || exit 1
"$yc" --db "$tmp/db" catalog import forms >/dev/null || exit 1
printf 'secret-pass\n' | "$yc" --db "$tmp/db" user add clerk --role clerk >/dev/null || exit 1

# Runs a measuring script; prints each step's key and its byte count.
measure() { # TITLE SCRIPT
	mkdir -p "$tmp/d"
	"$yc" --db "$tmp/db" --script "$2" --dump-dir "$tmp/d" 2>"$tmp/err" >/dev/null
	echo "$1"
	# the key sent before each :bytes line, paired with the count printed
	awk '/^:bytes/ { print prev; next } !/^#/ && !/^:/ { prev = $0 }' "$2" >"$tmp/keys"
	grep '^bytes ' "$tmp/err" | sed 's/^bytes //' >"$tmp/counts"
	paste "$tmp/keys" "$tmp/counts" | awk -F '\t' '{ printf "  %-40s %6d bytes\n", $1, $2 }'
}
measure "consultation (code 31): finder, then the one-time notice" tests/tui/measure-bytes.script
measure "intake checklist (食品经营许可, six materials)" tests/tui/intake/measure-checklist.script
