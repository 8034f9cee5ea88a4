#!/bin/sh
# test_screens.sh — the full-screen program in script mode: every
# tests/tui/NAME.script runs against a fresh database holding the sample
# catalog (forms/), and every screen it dumps must equal
# tests/tui/expected/DUMP.  The whole suite runs under several terminal
# types, and once more with NO_COLOR: the text on screen is the same.
#
#   YC_TUI_UPDATE=1 sh tests/tui/test_screens.sh   writes the dumps of the
#   first terminal type into expected/ (then read every one before keeping
#   it: an expected file is what a clerk should see).
. tests/cli/lib.sh

dir=tests/tui
db="$tmp/yc.db"
export YICHUANG_TODAY=2026-11-20
unset NO_COLOR

run --db "$db" init --site 370102 --terminal 1
expect_rc 0 "a test database is created"
run --db "$db" catalog import forms/*.item forms/*.bundle
expect_rc 0 "the sample catalog is imported"

# The dumps of one script under one terminal type against expected/.
check_script() { # TERM-LABEL SCRIPT
	label=$1 script=$2
	name=$(basename "$script" .script)
	dumps="$tmp/$label/$name"
	mkdir -p "$dumps"
	run --db "$db" --script "$script" --dump-dir "$dumps"
	expect_rc 0 "$label: $name runs to its end"
	for dump in "$dumps"/*; do
		[ -e "$dump" ] || continue
		base=$(basename "$dump")
		if [ "${YC_TUI_UPDATE:-}" = 1 ]; then
			cp "$dump" "$dir/expected/$base"
		fi
		if [ ! -f "$dir/expected/$base" ]; then
			not_ok "$label: $name: no expected/$base"
		elif diff -u "$dir/expected/$base" "$dump" >"$tmp/diff"; then
			ok "$label: $name: $base"
		else
			not_ok "$label: $name: $base differs from expected/$base"
			head -n 60 "$tmp/diff" | sed 's/^/    /'
		fi
		echo "$base" >>"$tmp/seen"
	done
}

for term in xterm-256color screen tmux-256color linux vt220 NO_COLOR; do
	if [ "$term" = NO_COLOR ]; then
		export TERM=xterm-256color NO_COLOR=1
	else
		export TERM="$term"
	fi
	if ! infocmp "$TERM" >/dev/null 2>&1 && [ ! -x "$(command -v infocmp)" ]; then
		: # no infocmp to ask: let the program say whether it knows TERM
	elif ! infocmp "$TERM" >/dev/null 2>&1; then
		ok "skipped: no terminfo entry for $TERM"
		continue
	fi
	for script in "$dir"/*.script; do
		check_script "$term" "$script"
	done
	unset NO_COLOR
	[ "${YC_TUI_UPDATE:-}" = 1 ] && break
done

# Every expected file is still made by some script.
for f in "$dir"/expected/*; do
	[ -e "$f" ] || continue
	if grep -qx "$(basename "$f")" "$tmp/seen" 2>/dev/null; then
		ok "expected/$(basename "$f") is made by a script"
	else
		not_ok "expected/$(basename "$f") is made by no script (stale?)"
	fi
done

# The program refuses clearly, before curses, when it cannot work.
run --db "$tmp/missing.db" --script "$dir/menu.script" --dump-dir "$tmp"
expect_rc 2 "a missing database is refused"
expect_err "yichuang --db $tmp/missing.db init --site" "and the message names the init command"
run --db "$tmp/empty.db" init --site 370102 --terminal 2
run --db "$tmp/empty.db" --script "$dir/menu.script" --dump-dir "$tmp"
expect_rc 2 "a database without a catalog is refused"
expect_err "catalog import" "and the message names the import command"
run --db "$db"
expect_rc 2 "without a terminal the full-screen program does not start"
expect_err "需要在终端中运行" "and says why"
run --db "$db" --lang fr
expect_rc 2 "--lang accepts only zh and en"
run --db "$db" --script "$dir/menu.script" catalog list
expect_rc 2 "--script is refused with a command"
finish
