#!/bin/sh
# test_issuing_tui.sh — the result hand-over (结果交接, 71), the issuing
# window (出件, 72) and electronic supervision (监察, 81) in script mode.
#
# Every script of tests/tui/issuing/ runs on a copy of one database made
# here from the shared test database (screens.lib): an approver of the
# market regulator (sj), an issuer (fa) and a supervisor (jian), and
# cases brought through the store's own code to the states the screens
# need: tests/cli/mkcase.c receives and accepts them, and the `handover`
# and `case` commands, each on a fixed YICHUANG_TODAY, hand them over,
# decide them and hand results to the window.  The screens run on
# 2026-11-20 (a Friday):
#
#   E  张三, agent 李四   accepted 11-02, decided 11-04, at the window 11-04:
#                        ready, past its issuing limit (11-18)
#   F  赵六              accepted 11-16, decided 11-17, at the window 11-17
#   G  孙七              accepted 11-02, decided 11-04, collected 11-05
#   R  周八              accepted 11-02, under review: past its promised day
#   A  钱一              accepted 11-16, decided 11-19: not yet at the window
#   B  吴二              accepted 11-16, decided 11-17: result late
#   C, D                decided 11-18 and 11-19, in a results register sj
#                        signed on 11-19 (C late when received on 11-20)
#   Z  郑九 (农业农村局)  accepted 11-16, promised 11-20: a warning
#   K  李十一            accepted 11-02, decided 11-09 (past its promised
#                        11-05), delivered and archived 11-10: a red card
#                        in its history
#   H  王十              accepted 11-02, denied 11-04, at the window 11-04:
#                        the 不予许可 to serve, past its limit (11-18)
#   L, S                 a 企业开办 一件事 of 新开餐饮: 企业设立 (L, the lead)
#                        approved 11-19 and at the window; 公章刻制 (S, a
#                        即办件) held at intake, decided with L's approval
#   L2, S2               the same bundle of 好味道餐饮, L2 under review: S2
#                        still held
#
# Every action is signed with its user's password; events and signatures
# are dated on the preparation's day at 09:30 (YICHUANG_TIME).
#
# After the scripts the database checks read what the screens wrote.
#
#   YC_TUI_UPDATE=1 sh tests/tui/test_issuing_tui.sh   writes this suite's
#   dumps into tests/tui/issuing/expected/ (read every one before keeping it).
. tests/cli/lib.sh

dir=tests/tui/issuing
build=$(dirname "$YC")
needs_sqlite() { # NAME
	return 1
}

build_helper mkcase tests/cli/mkcase.c

. tests/tui/issuing-db.lib

prepare_db() { # NAME DB
	[ -f "$tmp/issuing.db" ] || make_db
	cp "$tmp/issuing.db" "$2"
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

# Checks the body member PATH of case NUMBER's events of TYPE (one line
# per event, oldest first).  check_ev LABEL NAME TYPE NUMBER PATH WANT MESSAGE
check_ev() {
	check_sql "$1" "$2" "SELECT json_extract(e.body, '$5') FROM events e
		JOIN cases c ON c.id = e.case_id WHERE c.number = '$4' AND e.type = '$3'
		ORDER BY e.seq;" "$6" "$7"
}

check_db() { # LABEL
	[ $have_sqlite = 1 ] || { ok "skipped: no sqlite3 to read what the screens wrote"; return; }
	l=$1
	# 71, approver: A and B in a new register, signed by sj.
	check_sql "$l" results-approver "SELECT r.state || ' ' || r.sender || ' ' || r.day || ' ' ||
		(SELECT group_concat(case_number, ' ') FROM (SELECT case_number FROM register_cases
		 WHERE register = r.number ORDER BY seq)) FROM registers r
		WHERE r.kind = 'results' AND r.day = '2026-11-20';" "sent sj 2026-11-20 $A $B" \
		"the approver's register holds A and B, signed as sender"
	check_sql "$l" results-approver "SELECT group_concat(state, ' ') FROM cases
		WHERE number IN ('$A', '$B');" "decided decided" \
		"the cases stay decided until the window signs"
	# 71, issuer: the register of C and D received; C late, D in time.
	check_sql "$l" results-issuer "SELECT state || ' ' || receiver || ' ' || received_on
		FROM registers WHERE number = '$jg';" "received fa 2026-11-20" \
		"the issuer's signature receives the register"
	check_ev "$l" results-issuer result_handed_over "$C" '$.late' 1 "C is recorded late"
	check_ev "$l" results-issuer result_handed_over "$D" '$.late' 0 "D is recorded in time"
	check_ev "$l" results-issuer result_handed_over "$C" '$.receiver' fa \
		"the receiver is named in the event"
	check_sql "$l" results-issuer "SELECT group_concat(state, ' ') FROM cases
		WHERE number IN ('$C', '$D');" "ready ready" "both cases are ready at the window"
	# 72: E notified, refused once, collected by the agent; F posted; G archived.
	check_ev "$l" issue notified "$E" '$.channel' sms "E's notice is by SMS"
	check_ev "$l" issue notified "$E" '$.note' "请携带身份证件到三楼出件窗口领取" "with the note"
	check_ev "$l" issue delivered "$E" '$.collector' \
		'{"name":"李四","id_no":"440524188001010014","relation":"agent"}' \
		"E was collected once (the refused wrong ID wrote nothing), by the agent"
	check_ev "$l" issue delivered "$E" '$.confirmed' 1 "with the collector's confirmation"
	check_ev "$l" issue delivered "$E" '$.delivery' pickup "as a pickup"
	check_ev "$l" issue document_issued "$E" '$.kind' service-receipt "the 送达回证 of E is issued"
	check_ev "$l" issue delivered "$F" '$.waybill' 1180123456789 "F was posted with its waybill"
	check_ev "$l" issue delivered "$F" '$.address' 云岭市安澜区滨江大道1号 "to the address typed"
	check_ev "$l" issue delivered "$F" '$.recipient' 赵六 "to the recipient offered"
	check_sql "$l" issue "SELECT group_concat(x, ',') FROM (SELECT number || ' ' || state AS x
		FROM cases WHERE number IN ('$E', '$F', '$G') ORDER BY number);" \
		"$E delivered,$G archived,$F delivered" "E and F delivered, G archived"
	check_ev "$l" issue delivered "$H" '$.collector.relation' applicant \
		"H's 不予许可 was served on the applicant, recorded as such"
	check_sql "$l" issue "SELECT count(*) FROM events WHERE type = 'delivered'
		AND json_extract(body, '$.collector.relation') = 'authorised';" 0 \
		"the stranger, declined at the authorisation question, wrote nothing"
	# 41: the lead department closed the bundle; nobody else could
	check_sql "$l" view-bundle "SELECT count(*) || ' ' || group_concat(DISTINCT actor) FROM events
		WHERE type = 'bundle_closed' AND json_extract(body, '$.bundle_id') = 'LB-$L';" "2 sj" \
		"sj closed the 企业开办 bundle: an event on both parts"
	check_sql "$l" view-department "SELECT count(*) FROM events WHERE type IN
		('bundle_closed', 'withdrawn');" 0 "ga closed and withdrew nothing"
	# 21: the bundle's five cases, linked; the 即办件 held, not decided
	check_sql "$l" intake-bundle "SELECT count(*) || ' ' || count(DISTINCT
		json_extract(e.body, '$.bundle_id')) FROM events e JOIN cases c ON c.id = e.case_id
		WHERE e.type = 'bundle_linked' AND c.received_on = '2026-11-20';" "5 1" \
		"the intake links its five cases as one 一件事 (an event on each)"
	check_sql "$l" intake-bundle "SELECT group_concat(c.state || ':' ||
		json_array_length(e.body, '$.waits_for'), ' ') FROM events e JOIN cases c
		ON c.id = e.case_id WHERE e.type = 'bundle_linked' AND c.received_on = '2026-11-20'
		ORDER BY c.number;" "accepted:0 accepted:1 accepted:1 accepted:1 accepted:1" \
		"企业设立 waits for nothing; the others wait for it, the 即办件 held accepted"
	check_sql "$l" intake-bundle "SELECT count(*) FROM events e JOIN cases c ON c.id = e.case_id
		WHERE e.type IN ('decided', 'delivered') AND c.received_on = '2026-11-20';" 0 \
		"no part is decided at the window before 企业设立"
	# the seal held at intake was completed with 企业设立's approval
	check_sql "$l" supervise "SELECT state || ' ' || json_extract((SELECT body FROM events e
		WHERE e.case_id = c.id AND e.type = 'decided'), '$.completes_after') FROM cases c
		WHERE number = '$S';" "decided $L" "the held seal was decided when 企业设立 was approved"
	check_sql "$l" supervise "SELECT state FROM cases WHERE number = '$S2';" accepted \
		"the other seal still waits for its 企业设立"
	# 81 only reads.
	check_sql "$l" supervise "SELECT count(*) FROM events;" \
		"$(sqlite3 "$tmp/issuing.db" 'SELECT count(*) FROM events;')" "supervision writes nothing"
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
