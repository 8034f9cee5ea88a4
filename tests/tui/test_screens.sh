#!/bin/sh
# test_screens.sh — the full-screen program in script mode: every
# tests/tui/NAME.script runs against a fresh copy of a database holding the
# sample catalog (forms/) and the test users, and every screen it dumps
# must equal tests/tui/expected/DUMP.  The whole suite runs under several
# terminal types, and once more with NO_COLOR: the text on screen is the
# same.  Every script logs in first (clerk / secret-pass).
#
#   YC_TUI_UPDATE=1 sh tests/tui/test_screens.sh   writes the dumps of the
#   first terminal type into expected/ (then read every one before keeping
#   it: an expected file is what a clerk should see).
. tests/cli/lib.sh

dir=tests/tui
# Scripts whose users need the sqlite3 command to be set up.
needs_sqlite() { # NAME
	case "$1" in login-inactive | login-locked | login-lock) return 0 ;; esac
	return 1
}

# Per-script set-up of the script's own copy of the database.
prepare_db() { # NAME DB
	case "$1" in
	consult-print)	# a printer that takes the PDF and says nothing
		printf '#!/bin/sh\ncat >/dev/null\n' >"$tmp/lp" && chmod +x "$tmp/lp"
		"$YC" --db "$2" setting set doc.lp_command "$tmp/lp" >/dev/null ;;
	login-lock)	# nine failures long ago: the next one is the tenth
		sqlite3 "$2" "UPDATE users SET failed_logins = 9,
			last_failed_at = '2026-01-01T00:00:00Z' WHERE name = 'clerk';" ;;
	esac
}
all_terms=1	# this suite is the terminal matrix (screens.lib)
. tests/tui/screens.lib

# consult-print renders a PDF: under the sanitizer build, the font caches
# cairo and fontconfig keep for the process are not leaks of ours.
export LSAN_OPTIONS="suppressions=$(pwd)/tests/print/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

check_db() { # LABEL
	[ $have_sqlite = 1 ] || { ok "skipped: no sqlite3 to read the ledger"; return; }
	got=$(sql "$1" consult-record "SELECT item_code || ' ' || clerk FROM consultations ORDER BY id;")
	want="11539102MB1A2704434000101700200 clerk
539102YJS0001 clerk"
	if [ "$got" = "$want" ]; then
		ok "$1: F5 and r recorded two consultations by clerk (not three)"
	else
		not_ok "$1: the ledger holds '$got', wanted '$want'"
	fi
	got=$(sql "$1" login-many "SELECT failed_logins FROM users WHERE name = 'clerk';")
	if [ "$got" = 3 ]; then
		ok "$1: of ten fast attempts only three reached the user store"
	else
		not_ok "$1: clerk has $got failures recorded, wanted 3"
	fi
	got=$(sql "$1" login-lock "SELECT failed_logins, locked_until IS NOT NULL FROM users WHERE name = 'clerk';")
	if [ "$got" = "10|1" ]; then
		ok "$1: the tenth failure locks the user and the right password is refused"
	else
		not_ok "$1: after the tenth failure clerk is '$got', wanted '10|1'"
	fi
	# The queue screens wrote their tickets (number state window clerk calls).
	got=$(sql "$1" queue-take "SELECT number || ' ' || kind || ' ' || state FROM queue_tickets ORDER BY id;")
	want="A001 general waiting
P001 elderly waiting"
	if [ "$got" = "$want" ]; then
		ok "$1: the queue screen took a normal and an elderly ticket, both waiting"
	else
		not_ok "$1: after taking tickets the queue holds '$got', wanted '$want'"
	fi
	got=$(sql "$1" queue-call "SELECT number || ' ' || state || ' ' || window_no || ' ' || clerk || ' ' || calls FROM queue_tickets ORDER BY id;")
	want="A001 served 1 clerk 1
A002 served 1 clerk 1
P001 served 1 clerk 2"
	if [ "$got" = "$want" ]; then
		ok "$1: A001, A002 and P001 (called twice) were called at window 1 by clerk; all served"
	else
		not_ok "$1: after calling the queue holds '$got', wanted '$want'"
	fi
	got=$(sql "$1" queue-skip "SELECT number || ' ' || state || ' ' || calls FROM queue_tickets ORDER BY id;")
	want="A001 waiting 0
P001 skipped 1"
	if [ "$got" = "$want" ]; then
		ok "$1: n kept P001 at the window and y marked it skipped; A001 still waits"
	else
		not_ok "$1: after skipping the queue holds '$got', wanted '$want'"
	fi
	got=$(sql "$1" queue-requeue "SELECT number || ' ' || state || ' ' || calls FROM queue_tickets ORDER BY id;")
	want="A001 called 2
A002 waiting 0"
	if [ "$got" = "$want" ]; then
		ok "$1: the skipped A001 put back in its place is called before A002"
	else
		not_ok "$1: after putting back the queue holds '$got', wanted '$want'"
	fi
	got=$(sql "$1" login "SELECT failed_logins FROM users WHERE name = 'clerk';")
	if [ "$got" = 0 ]; then
		ok "$1: a successful login leaves no failures recorded"
	else
		not_ok "$1: after logging in clerk has $got failures recorded"
	fi
}

one_term() { # LABEL
	for script in "$dir"/*.script; do
		check_script "$1" "$script"
	done
	check_db "$1"
	# No password is ever drawn, in no dump of any script.
	leaked=""
	for pw in $passwords wrong-pass inactive-wrong; do
		if grep -rl -- "$pw" "$tmp/$1" 2>/dev/null | grep -v '\.db$' >/dev/null; then
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

# A wrong password and an unknown user get exactly the same message line.
msg_wrong=$(tail -n 1 "$dir/expected/login-wrong-password")
msg_unknown=$(tail -n 1 "$dir/expected/login-unknown-user")
if [ "$msg_wrong" = "$msg_unknown" ] && [ "$msg_wrong" = "用户名或密码不正确" ]; then
	ok "a wrong password and an unknown user are told the same"
else
	not_ok "wrong password: '$msg_wrong'; unknown user: '$msg_unknown'"
fi

check_stale

# The program refuses clearly, before curses, when it cannot work.
run --db "$tmp/missing.db" --script "$dir/menu.script" --dump-dir "$tmp"
expect_rc 2 "a missing database is refused"
expect_err "yichuang --db $tmp/missing.db init --site" "and the message names the init command"
run --db "$tmp/empty.db" init --site 370102 --terminal 2
run --db "$tmp/empty.db" --script "$dir/menu.script" --dump-dir "$tmp"
expect_rc 2 "a database without a catalog is refused"
expect_err "catalog import" "and the message names the import command"
run --db "$tmp/empty.db" catalog import forms/*.item forms/*.bundle
run --db "$tmp/empty.db" --script "$dir/menu.script" --dump-dir "$tmp"
expect_rc 2 "a database without users is refused"
expect_err "yichuang --db $tmp/empty.db user add 用户名 --role clerk" \
	"and the message names the command that adds one"
run --db "$template"
expect_rc 2 "without a terminal the full-screen program does not start"
expect_err "需要在终端中运行" "and says why"
run --db "$template" --lang fr
expect_rc 2 "--lang accepts only zh and en"
run --db "$template" --script "$dir/menu.script" catalog list
expect_rc 2 "--script is refused with a command"
finish
