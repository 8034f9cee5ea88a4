#!/bin/sh
# test_tmux.sh — a smoke test in a real terminal: yichuang starts in a
# detached tmux session of 100x30 on its login screen, the clerk logs in
# (the password never shows), the main menu appears with the clerk in the
# title line, redraws when the window becomes 80x24, and ends on F10.  Waits by polling the pane (a
# bounded loop of short sleeps), never by one long sleep.  Skipped (and
# counted as passed) when tmux is not installed.
. tests/cli/lib.sh

if ! command -v tmux >/dev/null 2>&1; then
	ok "skipped: no tmux"
	finish
	exit $?
fi

db="$tmp/yc.db"
sock="$tmp/tmux.sock"
session=yc-smoke
run --db "$db" init --site 370102 --terminal 1
expect_rc 0 "a test database is created"
run --db "$db" catalog import forms/*.item forms/*.bundle
expect_rc 0 "the sample catalog is imported"
printf 'secret-pass\n' | "$YC" --db "$db" user add clerk --role clerk >"$tmp/out" 2>&1
rc=$? out=$(cat "$tmp/out") errout="" last="yichuang user add clerk --role clerk"
expect_rc 0 "a test user is added"

tm() { tmux -S "$sock" "$@"; }

# Polls the pane until it shows TEXT (up to about 10 s); 0 when it did.
wait_for() { # TEXT
	i=0
	while [ $i -lt 100 ]; do
		if tm capture-pane -p -t "$session" 2>/dev/null | grep -q "$1"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# Polls until the program has ended (the pane's process is gone).
wait_for_exit() {
	i=0
	while [ $i -lt 100 ]; do
		if [ "$(tm display-message -p -t "$session" '#{pane_dead}' 2>/dev/null)" = 1 ] ||
		   ! tm has-session -t "$session" 2>/dev/null; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

trap 'tm kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
tm -f /dev/null new-session -d -s "$session" -x 100 -y 30 \
	"env TERM=tmux-256color LANG=C.UTF-8 YICHUANG_TODAY=2026-11-20 '$YC' --db '$db'"
tm set-option -t "$session" remain-on-exit on >/dev/null 2>&1

if wait_for "请登录"; then
	ok "the login screen appears first"
else
	not_ok "the login screen did not appear"
	tm capture-pane -p -t "$session" | sed 's/^/    /'
fi
tm send-keys -t "$session" -l clerk
tm send-keys -t "$session" Tab
tm send-keys -t "$session" -l secret-pass
if wait_for '\*\*\*\*\*\*\*\*\*\*\*'; then
	ok "the password is shown as one * per character"
else
	not_ok "the password field does not show its stars"
	tm capture-pane -p -t "$session" | sed 's/^/    /'
fi
if tm capture-pane -p -t "$session" | grep -q "secret-pass"; then
	not_ok "the password is visible on the screen"
else
	ok "the password itself is not on the screen"
fi
tm send-keys -t "$session" Enter

if wait_for "输入交易码后按 Enter"; then
	ok "the main menu appears in a real terminal"
else
	not_ok "the main menu did not appear"
	tm capture-pane -p -t "$session" | sed 's/^/    /'
fi
if tm capture-pane -p -t "$session" | head -n 1 | grep -q "站点 370102.*clerk（综合受理）.*2026-11-20"; then
	ok "the title line shows the terminal's identity, the clerk with the role and the date"
else
	not_ok "the title line lacks the identity, the clerk or the date"
	tm capture-pane -p -t "$session" | head -n 1 | sed 's/^/    /'
fi

tm resize-window -t "$session" -x 80 -y 24 2>/dev/null ||
	tm resize-pane -t "$session" -x 80 -y 24
i=0
while [ $i -lt 100 ]; do
	# Redrawn at 24 rows: the key bar is on row 23 (it was on row 29).
	tm capture-pane -p -t "$session" | sed -n 23p | grep -q "F10退出" && break
	sleep 0.1
	i=$((i + 1))
done
if [ "$(tm display-message -p -t "$session" '#{pane_width}x#{pane_height}')" = 80x24 ] &&
   tm capture-pane -p -t "$session" | sed -n 23p | grep -q "F10退出" &&
   tm capture-pane -p -t "$session" | grep -q "输入交易码后按 Enter"; then
	ok "after resizing to 80x24 the screen is redrawn with its key bar"
else
	not_ok "the screen was not redrawn at 80x24"
	tm capture-pane -p -t "$session" | sed 's/^/    /'
fi

tm send-keys -t "$session" F10
if wait_for_exit; then
	ok "F10 ends the program"
else
	not_ok "the program is still running after F10"
fi
finish
