#!/bin/sh
# test_tui_sync.sh — sync in the full-screen program.
#
# 1. Script mode (tests/tui/sync/*.script): the conflicts worklist
#    (冲突处理, 91) on copies of the shared test database holding three
#    events central refused, put there by tests/tui/sync/mkconflicts.c
#    through the sync store's own functions (built here against the
#    build's libyc.a); a supervisor "zhu" is added.  The title line says
#    离线 on a registered workstation whose last round failed and 单机 on
#    one without central; no background sync runs in script mode.
# 2. A real terminal (tmux) and a real yichuangd (tests/server/lib.sh): a
#    workstation registered with `init --server --token` shows 在线 once a
#    background round reached central; while a round hangs (yichuangd
#    stopped with SIGSTOP) keys typed still echo at once; after yichuangd
#    is gone and a round failed, the title line says 离线.  Skipped when
#    tmux, sqlite3 or yichuangd is missing.
#
#   YC_TUI_UPDATE=1 sh tests/tui/test_tui_sync.sh   writes this suite's dumps
#   into tests/tui/sync/expected/ (read every one before keeping it).
. tests/server/lib.sh

dir=tests/tui/sync
build=$(dirname "$YC")

needs_sqlite() { # NAME
	return 1
}

build_helper mkconflicts "$dir/mkconflicts.c"

# make_base NAME MKCONFLICTS-ARGS...: the template with the supervisor zhu
# and the three conflicts, made once.
make_base() {
	base="$tmp/base-$1.db"
	shift
	[ -f "$base" ] && return
	cp "$template" "$base"
	printf 'boss-pass\n' | "$YC" --db "$base" user add zhu --role supervisor >"$tmp/out" 2>&1
	rc=$? out=$(cat "$tmp/out") errout="" last="yichuang user add zhu --role supervisor"
	expect_rc 0 "the supervisor zhu is added"
	"$tmp/mkconflicts" "$base" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$? out=$(cat "$tmp/out") errout=$(cat "$tmp/err") last="mkconflicts $*"
	expect_rc 0 "mkconflicts writes three refused events"
}

# conflicts: a registered workstation, offline; the others standalone.
prepare_db() { # NAME DB
	case "$1" in
	conflicts) make_base offline http://127.0.0.1:9 offline ;;
	*) make_base standalone ;;
	esac
	cp "$base" "$2"
}
. tests/tui/screens.lib
passwords="$passwords boss-pass"

check_db() { # LABEL
	[ $have_sqlite = 1 ] || { ok "skipped: no sqlite3 to read what the screens wrote"; return; }
	got=$(sql "$1" resolve "SELECT id || '|' || resolved_by || '|' || resolution
		FROM sync_conflicts WHERE resolved_at IS NOT NULL;")
	want="1|zhu|已电话告知申请人：中心已不予受理，本窗口不再受理"
	if [ "$got" = "$want" ]; then
		ok "$1: the supervisor resolved the first conflict with the note"
	else
		not_ok "$1: resolved conflicts are '$got', wanted '$want'"
	fi
	got=$(sql "$1" resolve "SELECT group_concat(conflict, ' ') FROM
		(SELECT conflict FROM cases ORDER BY number);")
	if [ "$got" = "0 1 1" ]; then
		ok "$1: case A's conflict flag is cleared, B and C keep theirs"
	else
		not_ok "$1: the cases' conflict flags are '$got', wanted '0 1 1'"
	fi
	got=$(sql "$1" conflicts "SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NOT NULL;")
	if [ "$got" = 0 ]; then
		ok "$1: a clerk's F4 resolved nothing"
	else
		not_ok "$1: $got conflicts resolved by the clerk"
	fi
	got=$(sql "$1" conflicts "SELECT e.type FROM outbox o JOIN events e ON e.id = o.event_id;")
	if [ "$got" = withdrawn ]; then
		ok "$1: the withdrawal saved from the case view waits in the outbox"
	else
		not_ok "$1: the outbox holds '$got', wanted 'withdrawn'"
	fi
}

one_term() { # LABEL
	for script in "$dir"/*.script; do
		check_script "$1" "$script"
	done
	check_db "$1"
	leaked=""
	for pw in $passwords; do
		if grep -rl -- "$pw" "$tmp/$1" 2>/dev/null | grep -v '\.db' >/dev/null; then
			leaked="$leaked $pw"
		fi
	done
	if [ -z "$leaked" ]; then
		ok "$1: no password appears in any dump"
	else
		not_ok "$1: passwords on screen:$leaked"
	fi
}
for_each_term one_term
check_stale

# ---- a real terminal and a real yichuangd ----------------------------------

sock="$tmp/tmux.sock"
session=yc-sync
tm() { tmux -S "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null; server_cleanup' EXIT

# Polls the pane (or its first line with -1) until it shows TEXT, up to
# N tenths of a second; 0 when it did.
wait_for() { # [-1] TEXT N
	first=""
	if [ "$1" = -1 ]; then first=1; shift; fi
	i=0
	while [ "$i" -lt "$2" ]; do
		if [ -n "$first" ]; then
			tm capture-pane -p -t "$session" 2>/dev/null | head -n 1 | grep -q "$1" && return 0
		else
			tm capture-pane -p -t "$session" 2>/dev/null | grep -q "$1" && return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
show_pane() {
	tm capture-pane -p -t "$session" 2>/dev/null | sed 's/^/    /'
}

tmux_test() {
	if ! command -v tmux >/dev/null 2>&1 || ! command -v sqlite3 >/dev/null 2>&1 ||
	   [ ! -x "$YCD" ]; then
		ok "skipped: the terminal test needs tmux, sqlite3 and yichuangd"
		return
	fi
	central="$tmp/central.db"
	ws="$tmp/ws.db"
	"$YCD" admin --db "$central" catalog import forms >"$tmp/admin.out" 2>&1 &&
		printf 'secret-pass\n' | "$YCD" admin --db "$central" user add clerk --role clerk \
			>>"$tmp/admin.out" 2>&1 &&
		"$YCD" admin --db "$central" terminal add --site 370102 --name "测试中心 1号窗口" \
			>"$tmp/token" 2>>"$tmp/admin.out"
	rc=$? out="" errout=$(cat "$tmp/admin.out") last="yichuangd admin ..."
	expect_rc 0 "central gets the catalog, the clerk and a terminal"
	tok=$(tail -n 1 "$tmp/token")
	if ! ycd_start central --db "$central"; then
		not_ok "yichuangd starts"
		return
	fi
	run --db "$ws" init --server "$url" --token "$tok"
	expect_rc 0 "the workstation registers with central"
	# Script mode runs no round unless YICHUANG_SYNC_IN_SCRIPT=1 says so
	# (a round under way is waited for when the program ends).
	sqlite3 "$ws" "UPDATE settings SET value = 'offline' WHERE key = 'sync.state';"
	printf ':size 80 24\nclerk<Tab>secret-pass<Enter>\n' >"$tmp/login.script"
	mkdir -p "$tmp/login"
	run --db "$ws" --script "$tmp/login.script" --dump-dir "$tmp/login"
	expect_rc 0 "script mode on a registered workstation runs"
	got=$(sqlite3 "$ws" "SELECT value FROM settings WHERE key = 'sync.state';")
	if [ "$got" = offline ]; then
		ok "script mode starts no background sync by itself"
	else
		not_ok "after a script without YICHUANG_SYNC_IN_SCRIPT sync.state is '$got'"
	fi
	export YICHUANG_SYNC_IN_SCRIPT=1
	run --db "$ws" --script "$tmp/login.script" --dump-dir "$tmp/login"
	unset YICHUANG_SYNC_IN_SCRIPT
	expect_rc 0 "script mode with YICHUANG_SYNC_IN_SCRIPT=1 runs"
	got=$(sqlite3 "$ws" "SELECT value FROM settings WHERE key = 'sync.state';")
	if [ "$got" = online ]; then
		ok "with YICHUANG_SYNC_IN_SCRIPT=1 a background round reaches central"
	else
		not_ok "after a script with YICHUANG_SYNC_IN_SCRIPT=1 sync.state is '$got'"
	fi
	# The title must learn 在线 from the program's own round.
	sqlite3 "$ws" "UPDATE settings SET value = 'offline' WHERE key = 'sync.state';"

	tm -f /dev/null new-session -d -s "$session" -x 100 -y 30 \
		"env TERM=tmux-256color LANG=C.UTF-8 TZ=UTC YICHUANG_TODAY=2026-11-20 YICHUANG_SYNC_INTERVAL=1 '$YC' --db '$ws'"
	tm set-option -t "$session" remain-on-exit on >/dev/null 2>&1
	if wait_for "请登录" 100; then
		ok "the login screen appears"
	else
		not_ok "the login screen did not appear"
		show_pane
		return
	fi
	tm send-keys -t "$session" -l clerk
	tm send-keys -t "$session" Tab
	tm send-keys -t "$session" -l secret-pass
	tm send-keys -t "$session" Enter
	if wait_for "输入交易码后按 Enter" 100; then
		ok "the clerk logs in (a user central sent)"
	else
		not_ok "the main menu did not appear"
		show_pane
	fi
	if wait_for -1 "在线 待同步 0" 100; then
		ok "after a background round the title line says 在线 待同步 0"
	else
		not_ok "the title line does not say 在线"
		show_pane
	fi

	# Central hangs: the next round waits for an answer that does not
	# come.  Typing is not blocked.
	kill -STOP "$(cat "$tmp/central.pid")"
	sleep 2
	tm send-keys -t "$session" -l 41
	if wait_for "交易码：41" 10; then
		ok "while a round hangs on central, keys typed echo at once"
	else
		not_ok "keys typed did not echo within a second while a round hangs"
		show_pane
	fi
	kill -CONT "$(cat "$tmp/central.pid")"
	ycd_stop central
	if wait_for -1 "离线 待同步 0" 200; then
		ok "with yichuangd gone, after a failed round the title line says 离线"
	else
		not_ok "the title line does not say 离线 after yichuangd stopped"
		show_pane
	fi
	tm send-keys -t "$session" BSpace BSpace
	tm send-keys -t "$session" -l 9
	if wait_for "交易码：9" 10; then
		ok "offline, keys typed still echo at once"
	else
		not_ok "keys typed did not echo within a second while offline"
		show_pane
	fi
	tm send-keys -t "$session" F10
	i=0
	while [ $i -lt 100 ]; do
		[ "$(tm display-message -p -t "$session" '#{pane_dead}' 2>/dev/null)" = 1 ] && break
		sleep 0.1
		i=$((i + 1))
	done
	if [ "$(tm display-message -p -t "$session" '#{pane_dead}' 2>/dev/null)" = 1 ]; then
		ok "F10 ends the program (a round under way ends first)"
	else
		not_ok "the program is still running 10 s after F10"
	fi
}
if [ "${YC_TUI_UPDATE:-}" != 1 ]; then
	tmux_test
fi
finish
