#!/bin/sh
# test_intake.sh — the counter intake (综合受理) in script mode: every
# tests/tui/intake/NAME.script runs on a copy of the test database (with
# the sample catalog and the test users) and its dumps must equal
# tests/tui/intake/expected/; then the database each left is checked: the
# case's state and the events' bodies (events.md).  Drafts: draft1-start
# ends the program mid-intake and draft2-continue, on that database, gets
# the draft offered; the same keys are also cut off with kill -9 and
# SIGTERM from a real process (keys through a FIFO), and the next login
# still gets the draft.
#
#   YC_TUI_UPDATE=1 sh tests/tui/test_intake.sh   rewrites expected/ from
#   the first terminal type (read every dump before keeping it).
. tests/cli/lib.sh

dir=tests/tui/intake
needs_sqlite() { return 1; }
# draft2-continue works on the database draft1-start left.
# draft3-new adds a second draft to it, draft4-list lists both.
prepare_db() { # NAME DB
	case "$1" in
	draft2-continue | draft3-new) cp "$(dirname "$2")/draft1-start.db" "$2" ;;
	draft4-list) cp "$(dirname "$2")/draft3-new.db" "$2" ;;
	esac
}
. tests/tui/screens.lib

# Checks one SQL answer.  check_sql LABEL NAME SQL WANT MESSAGE
check_sql() {
	got=$(sql "$1" "$2" "$3")
	if [ "$got" = "$4" ]; then
		ok "$1: $5"
	else
		not_ok "$1: $5: got '$got', wanted '$4'"
	fi
}

check_db() { # LABEL
	[ $have_sqlite = 1 ] || { ok "skipped: no sqlite3 to read the cases"; return; }
	check_sql "$1" correction "SELECT state FROM cases;" correction \
		"补正: the case waits for the applicant (state correction)"
	check_sql "$1" correction "SELECT group_concat(json_extract(p.value, '$.material'))
		FROM events, json_each(events.body, '$.problems') AS p
		WHERE events.type = 'correction_requested';" bjsb \
		"the 补正 event lists exactly the missing material"
	check_sql "$1" correction "SELECT json_extract(body, '$.materials[3].receipt')
		FROM events WHERE type = 'correction_requested';" missing \
		"and records the checklist at the time"
	check_sql "$1" instant "SELECT state || ' ' || (SELECT group_concat(type, ',') FROM events)
		FROM cases;" "delivered received,accepted,decided,delivered" \
		"a 即办件 is accepted, decided and handed over at the window"
	check_sql "$1" instant "SELECT json_extract(body, '$.decision') || ' ' ||
		json_extract(body, '$.result') FROM events WHERE type = 'decided';" \
		"approve 待遇领取资格认证结果" "the 即办件 decision approves with the item's result"
	check_sql "$1" reject "SELECT state FROM cases;" rejected "不予受理 ends the case"
	check_sql "$1" reject "SELECT json_extract(body, '$.reason') || '|' ||
		json_extract(body, '$.basis') || '|' || json_extract(body, '$.competent_office')
		FROM events WHERE type = 'rejected';" \
		"仅销售预包装食品，应办理食品经营备案，不适用食品经营许可|《食品经营许可和备案管理办法》第二条、第五十二条|云岭市安澜区市场监督管理局（食品经营备案窗口）" \
		"the rejection records reason, basis and competent office"
	check_sql "$1" idcheck "SELECT json_extract(body, '$.check_digit_overrides[0].field') || '|' ||
		json_extract(body, '$.check_digit_overrides[0].reason') || '|' ||
		json_extract(body, '$.applicant.id_no') FROM events WHERE type = 'received';" \
		"applicant.id_no|已核对营业执照原件，系登记机关赋码|91350100M000100Y44" \
		"the check-digit override's reason is in the received event"
	check_sql "$1" idcheck "SELECT json_extract(body, '$.agent.id_no') FROM events
		WHERE type = 'received';" 11010519491231002X \
		"the agent's ID number is recorded as corrected"
	check_sql "$1" draft1-start "SELECT count(*) || ' ' || json_extract(body, '$.step') || ' ' ||
		json_extract(body, '$.row') FROM drafts WHERE user_name = 'clerk'
		AND kind LIKE 'intake-%';" "1 checklist 3" \
		"quitting mid-intake leaves the draft at its step and row"
	check_sql "$1" draft3-new "SELECT group_concat(json_extract(body, '$.item'), ' ') FROM
		(SELECT body FROM drafts WHERE user_name = 'clerk' AND kind LIKE 'intake-%'
		 ORDER BY rowid);" \
		"11539102MB1A2704434000101700200 11539102MB1A55192G4002001701400" \
		"a new intake beside a draft keeps both drafts"
	check_sql "$1" draft4-list "SELECT count(*) FROM drafts;" 2 \
		"continuing one of two drafts keeps both"
	check_sql "$1" withdraw "SELECT state || '|' || (SELECT json_extract(body, '$.reason')
		FROM events WHERE type = 'withdrawn') FROM cases;" \
		"withdrawn|经营场所租赁尚未落实，申请人决定暂不申请" \
		"the withdrawal records the applicant's reason"
	check_sql "$1" correction "SELECT count(*) FROM events WHERE type = 'document_issued'
		AND json_extract(body, '$.kind') = 'correction';" 1 \
		"the 补正 notice left unissued is issued from the result screen (F5, Enter)"
	check_sql "$1" readme-walkthrough "SELECT group_concat(json_extract(p.value, '$.material'))
		FROM events, json_each(events.body, '$.problems') AS p
		WHERE events.type = 'correction_requested';" bjsb \
		"README step 1: the 补正 lists the one material missing (部门核发 ones are fetched)"
	check_sql "$1" readme-walkthrough "SELECT group_concat(json_extract(body, '$.kind'), ' ')
		FROM events WHERE type = 'document_issued';" "correction acceptance acceptance rejection" \
		"README steps 1-4: the 补正 notice, the 受理 notices and the 不予受理 decision are issued"
	check_sql "$1" readme-walkthrough "SELECT state || ' ' || promised_on || ' ' ||
		(SELECT json_extract(body, '$.promised_on') FROM events
		 WHERE type = 'correction_supplied') FROM cases WHERE number LIKE '%-0001-%';" \
		"accepted 2026-11-25 2026-11-25" \
		"README step 2: the return accepts the case, promised in 3 working days"
	check_sql "$1" readme-walkthrough "SELECT group_concat(state, ' ') FROM
		(SELECT state FROM cases ORDER BY number);" "accepted delivered rejected" \
		"README steps 1-4: accepted after the return, the 即办件 delivered, the 不予受理"
	check_sql "$1" readme-walkthrough "SELECT count(*) FROM drafts;" 0 \
		"README: nothing is left as a draft"
	check_sql "$1" draft2-continue "SELECT count(*) FROM drafts;" 0 \
		"abandoning the continued intake deletes the draft"
	for n in correction instant reject idcheck withdraw; do
		check_sql "$1" $n "SELECT count(*) FROM drafts;" 0 "$n: the decision deleted the draft"
	done
}

one_term() { # LABEL
	for script in "$dir"/*.script; do
		check_script "$1" "$script"
	done
	check_db "$1"
}
for_each_term one_term

# A real process stopped mid-intake by a signal: the keys of draft1-start
# (without its F10) reach it through a FIFO; once it has dumped the
# checklist it is killed; the next login is offered the draft.
export TERM=xterm-256color
unset NO_COLOR
cut_off() { # SIGNAL
	sig=$1 work="$tmp/sig-$1"
	mkdir -p "$work/dumps" "$work/after"
	cp "$template" "$work/yc.db"
	mkfifo "$work/keys"
	"$YC" --db "$work/yc.db" --script "$work/keys" --dump-dir "$work/dumps" \
		>"$work/out" 2>&1 &
	pid=$!
	exec 3>"$work/keys"
	grep -v '^<F10>' "$dir/draft1-start.script" >&3
	i=0
	while [ ! -s "$work/dumps/draft-before-quit" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if [ -s "$work/dumps/draft-before-quit" ]; then
		ok "$sig: the program reached the checklist"
	else
		not_ok "$sig: the program did not reach the checklist"
	fi
	kill -"$sig" $pid
	exec 3>&-
	wait $pid
	rc=$?
	case "$sig" in
	KILL) [ $rc -ne 0 ] && ok "KILL: the program was killed (exit $rc)" ||
		not_ok "KILL: the program ended normally" ;;
	*) [ $rc -eq 0 ] && ok "$sig: the program ended cleanly" ||
		not_ok "$sig: the program exited $rc: $(cat "$work/out")" ;;
	esac
	run --db "$work/yc.db" --script "$dir/draft2-continue.script" --dump-dir "$work/after"
	expect_rc 0 "$sig: a second run logs in"
	for d in draft-offered draft-continued; do
		if diff -u "$dir/expected/$d" "$work/after/$d" >"$tmp/diff"; then
			ok "$sig: after the signal, $d is as after quitting"
		else
			not_ok "$sig: $d differs after the signal"
			head -n 30 "$tmp/diff" | sed 's/^/    /'
		fi
	done
}
if command -v mkfifo >/dev/null 2>&1; then
	cut_off KILL
	cut_off TERM
	cut_off HUP
else
	ok "skipped: no mkfifo"
fi

check_stale
finish
