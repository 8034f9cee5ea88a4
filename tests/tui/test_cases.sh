#!/bin/sh
# test_cases.sh — the case search (办件查询, 41), the case view with its
# timeline, and the applicant's return (补正收件, 22), in script mode.
#
# Every script of tests/tui/cases/ runs on a copy of the shared test
# database (screens.lib) holding six cases that tests/tui/cases/mkcases.c
# writes through the store's own functions (case_receive,
# case_apply_event): a case waiting for 补正, one delivered after a long
# review, a 即办件, a 不予受理, one deemed accepted, and a second 补正.
# mkcases is built here against the build's libyc.a.  After the scripts,
# the database checks read what the screens wrote.
#
#   YC_TUI_UPDATE=1 sh tests/tui/test_cases.sh   writes this suite's dumps
#   into tests/tui/cases/expected/ (read every one before keeping it).
. tests/cli/lib.sh

dir=tests/tui/cases
build=$(dirname "$YC")

needs_sqlite() { # NAME
	return 1
}

build_helper mkcases "$dir/mkcases.c"

# Every script gets the same six cases (made once, then copied).
prepare_db() { # NAME DB
	if [ ! -f "$tmp/cases.db" ]; then
		cp "$template" "$tmp/cases.db"
		"$tmp/mkcases" "$tmp/cases.db" >"$tmp/out" 2>"$tmp/err"
		rc=$? out=$(cat "$tmp/out") errout=$(cat "$tmp/err") last="mkcases $tmp/cases.db"
		expect_rc 0 "mkcases writes the six test cases"
	fi
	cp "$tmp/cases.db" "$2"
}
. tests/tui/screens.lib

check_db() { # LABEL
	[ $have_sqlite = 1 ] || { ok "skipped: no sqlite3 to read what the screens wrote"; return; }
	# A partial return records what arrived on the case (an event that
	# syncs to every window), once, and leaves no draft behind; reopened,
	# the panel ticked it from that event.
	got=$(sql "$1" return-partial "SELECT e.actor || ' ' || json_extract(e.body, '$.materials[0].id')
		|| ' ' || json_extract(e.body, '$.materials[0].by') || ' '
		|| json_array_length(e.body, '$.materials') FROM events e JOIN cases c ON c.id = e.case_id
		WHERE c.number = '370102-01-261118-0001-Y' AND e.type = 'correction_partial';")
	if [ "$got" = "clerk sqs clerk 1" ]; then
		ok "$1: the material that arrived on a partial return is recorded on the case once"
	else
		not_ok "$1: after a partial return the case records '$got', wanted 'clerk sqs clerk 1'"
	fi
	got=$(sql "$1" return-partial "SELECT count(*) FROM drafts WHERE kind LIKE 'return-%';")
	if [ "$got" = 0 ]; then
		ok "$1: leaving the panel leaves no draft: the case holds it"
	else
		not_ok "$1: after leaving the panel $got return drafts are left"
	fi
	got=$(sql "$1" return "SELECT count(*) FROM drafts;")
	if [ "$got" = 0 ]; then
		ok "$1: the acceptance of the return leaves no draft"
	else
		not_ok "$1: after the return $got drafts are left"
	fi
	got=$(sql "$1" return "SELECT count(*) FROM events e JOIN cases c ON c.id = e.case_id
		WHERE c.number = '370102-01-261118-0001-Y' AND e.type = 'document_issued'
		AND json_extract(e.body, '$.kind') = 'acceptance';")
	if [ "$got" = 1 ]; then
		ok "$1: the 受理通知书 left unissued at first is issued once from the panel (F5, Enter)"
	else
		not_ok "$1: the 受理通知书 of the return was issued $got times, wanted 1"
	fi
	# The return accepted case A: its state, and what arrived.
	got=$(sql "$1" return "SELECT state || ' ' || accepted_on || ' ' || promised_on FROM cases
		WHERE number = '370102-01-261118-0001-Y';")
	if [ "$got" = "accepted 2026-11-20 2026-11-25" ]; then
		ok "$1: the return accepted case A on 11-20, promised 11-25"
	else
		not_ok "$1: after the return case A is '$got', wanted 'accepted 2026-11-20 2026-11-25'"
	fi
	got=$(sql "$1" return "SELECT e.actor, json_extract(e.body, '$.materials') FROM events e
		JOIN cases c ON c.id = e.case_id WHERE c.number = '370102-01-261118-0001-Y'
		AND e.type = 'correction_supplied';")
	want='clerk|[{"id":"sqs","receipt":"paper","originals":1,"copies":0,"nonconforming":false,"note":null},{"id":"bjsb","receipt":"paper","originals":1,"copies":0,"nonconforming":false,"note":null}]'
	if [ "$got" = "$want" ]; then
		ok "$1: the correction_supplied event lists the two materials that arrived"
	else
		not_ok "$1: the correction_supplied event is '$got', wanted '$want'"
	fi
	got=$(sql "$1" return "SELECT json_extract(e.body, '$.deferred') FROM events e
		JOIN cases c ON c.id = e.case_id WHERE c.number = '370102-01-261118-0001-Y'
		AND e.type = 'correction_supplied';")
	want='[{"material":"gzzd","days":5,"due":"2026-11-27"},{"material":"aqry","days":5,"due":"2026-11-27"}]'
	if [ "$got" = "$want" ]; then
		ok "$1: the two 容缺 materials of the notice are carried into the acceptance"
	else
		not_ok "$1: the deferrals are '$got', wanted '$want'"
	fi
	got=$(sql "$1" return "SELECT count(*) FROM events WHERE type = 'correction_supplied';")
	if [ "$got" = 1 ]; then
		ok "$1: the refused F9 (a material still missing) wrote nothing"
	else
		not_ok "$1: $got correction_supplied events, wanted 1"
	fi
	# The view withdrew case E after y, not after n.
	got=$(sql "$1" view-withdraw "SELECT state FROM cases WHERE number = '370102-01-261110-0001-M';")
	if [ "$got" = withdrawn ]; then
		ok "$1: y in the view withdrew case E"
	else
		not_ok "$1: after withdrawing case E is '$got'"
	fi
	got=$(sql "$1" view-withdraw "SELECT json_extract(body, '$.reason') FROM events
		WHERE type = 'withdrawn';")
	if [ "$got" = 申请人决定暂不经营 ]; then
		ok "$1: the withdrawal records the applicant's reason"
	else
		not_ok "$1: the withdrawal's reason is '$got'"
	fi
	got=$(sql "$1" view-withdraw "SELECT count(*) FROM events WHERE type = 'withdrawn';")
	if [ "$got" = 1 ]; then
		ok "$1: n, and F8 on a delivered case, withdrew nothing"
	else
		not_ok "$1: $got withdrawn events, wanted 1"
	fi
}

one_term() { # LABEL
	for script in "$dir"/*.script; do
		check_script "$1" "$script"
	done
	check_db "$1"
}
for_each_term one_term
check_stale
finish
