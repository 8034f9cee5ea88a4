#!/bin/sh
# test_backoffice_tui.sh — the back-office screens in script mode: 材料交接
# (51: the clerk makes and signs a register; the approver checks it, records
# a missing material and signs for it; the approver signs at the clerk's
# window) and 审批 (61: the queue by due date with its cards, 开始审查,
# 特别程序 and its end, 延期, 准予许可, 不予许可 with its notice).
#
# The cases are made by tests/cli/mkcase.c (built here against the build's
# libyc.a) through the store's own code, on the shared test database
# (screens.lib) plus an approver of 市场监督管理局 (zhao).  Three starting
# databases, each made once and copied for every script:
#   base    five accepted cases: A (11-10, past its promised date), E
#           (11-19), B (11-18), C (11-20) of 市场监督管理局 and D (11-19) of
#           自然资源局 — handover-*.script
#   sent    base plus a register of B and C signed by the clerk —
#           receive-*.script, window-*.script
#   review  base plus a register of A, B and C received by zhao (E stays
#           accepted) — approval-*.script
# After the scripts, the database checks read what the screens wrote.
#
#   YC_TUI_UPDATE=1 sh tests/tui/test_backoffice_tui.sh   writes this
#   suite's dumps into tests/tui/backoffice/expected/ (read each one).
. tests/cli/lib.sh

dir=tests/tui/backoffice
build=$(dirname "$YC")
# Signatures and events are dated on YICHUANG_TODAY; their time of day is
# fixed too, so that the registers' signature times are the same each run.
export YICHUANG_TIME=09:30
SJ=云岭市安澜区市场监督管理局
FOOD=11539102MB1A2704434000101700200
HOUSE=11539102MB1B0917014000701700800

needs_sqlite() { # NAME
	return 1
}

build_helper mkcase tests/cli/mkcase.c

# yc DB ARGS... [< input]: a command of the preparation, which must work.
yc() {
	"$YC" --db "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$? out=$(cat "$tmp/out") errout=$(cat "$tmp/err") last="yichuang --db $*"
	[ $rc -eq 0 ] || not_ok "preparing: $last"
}

# mk DB DAY ITEM NAME ID: a case received and accepted on DAY.
mk() {
	YICHUANG_TODAY=$2 "$tmp/mkcase" "$1" "$3" "$2" "$4" "$5" >"$tmp/no" 2>"$tmp/err"
	rc=$? out=$(cat "$tmp/no") errout=$(cat "$tmp/err") last="mkcase $1 $3 $2 $4"
	[ $rc -eq 0 ] || not_ok "preparing: $last"
	cat "$tmp/no"
}

# The three starting databases (see the top).
make_dbs() {
	b="$tmp/base.db"
	cp "$template" "$b"
	printf 'zhao-pass-1\n' | "$YC" --db "$b" user add zhao --role approver --dept "$SJ" \
		>"$tmp/out" 2>&1 || not_ok "preparing: the approver zhao of $SJ"
	A=$(mk "$b" 2026-11-10 $FOOD 张三 11010519491231002X)
	B=$(mk "$b" 2026-11-18 $FOOD 王五 440524188001010014)
	D=$(mk "$b" 2026-11-19 $HOUSE 赵六 110105194912310046)
	E=$(mk "$b" 2026-11-19 $FOOD 钱七 11010519491231002X)
	C=$(mk "$b" 2026-11-20 $FOOD 李四 110105194912310046)
	case "$A $B $C $D $E" in
	"370102-01-261110-0001-"?" 370102-01-261118-0001-"?" 370102-01-261120-0001-"?" 370102-01-261119-0001-"?" 370102-01-261119-0002-"?)
		ok "five accepted cases for the scripts" ;;
	*) not_ok "five accepted cases for the scripts ($A $B $C $D $E)" ;;
	esac

	cp "$b" "$tmp/sent.db"
	yc "$tmp/sent.db" handover create --dept "$SJ" --user clerk "$B" "$C"
	reg=$(echo "$out" | grep -o 'JJ-[0-9A-Z-]*')
	printf 'secret-pass\n' >"$tmp/pw"
	yc "$tmp/sent.db" handover sign "$reg" --as sender --user clerk <"$tmp/pw"

	cp "$b" "$tmp/review.db"
	yc "$tmp/review.db" handover create --dept "$SJ" --user clerk "$A" "$B" "$C"
	reg=$(echo "$out" | grep -o 'JJ-[0-9A-Z-]*')
	yc "$tmp/review.db" handover sign "$reg" --as sender --user clerk <"$tmp/pw"
	printf 'zhao-pass-1\n' >"$tmp/pw"
	yc "$tmp/review.db" handover sign "$reg" --as receiver --user zhao <"$tmp/pw"
}

prepare_db() { # NAME DB
	[ -f "$tmp/base.db" ] || make_dbs
	case "$1" in
	receive-* | window-*) cp "$tmp/sent.db" "$2" ;;
	approval-*) cp "$tmp/review.db" "$2" ;;
	*) cp "$tmp/base.db" "$2" ;;
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

# The state of case number NUMBER (its day and sequence, e.g. 261118-0001).
st() { echo "SELECT state FROM cases WHERE number LIKE '370102-01-$1-%';"; }

check_db() { # LABEL
	[ $have_sqlite = 1 ] || { ok "skipped: no sqlite3 to read what the screens wrote"; return; }
	# the clerk's register: B and C, signed by the clerk only
	check_sql "$1" handover-clerk "SELECT state || ' ' || department || ' ' || created_by || ' ' ||
		sender || ' ' || coalesce(receiver, '-') FROM registers;" \
		"sent $SJ clerk clerk -" "the clerk made a register for $SJ and signed it as sender"
	check_sql "$1" handover-clerk "SELECT group_concat(case_number, ' ') FROM
		(SELECT case_number FROM register_cases ORDER BY seq);" \
		"$(sql "$1" handover-clerk "SELECT number FROM cases WHERE number LIKE '%261118-0001%'") $(sql "$1" handover-clerk "SELECT number FROM cases WHERE number LIKE '%261120-0001%'")" \
		"it lists the two cases picked, B then C"
	check_sql "$1" handover-clerk "SELECT count(*) FROM register_materials;" 12 \
		"with the six materials of each case"
	check_sql "$1" handover-clerk "SELECT count(*) FROM events WHERE type = 'handed_over';" 0 \
		"nothing is handed over before the receiver signs"
	# the approver's receipt with one material missing
	check_sql "$1" receive-missing "SELECT state || ' ' || receiver || ' ' || received_on
		FROM registers;" "received zhao 2026-11-20" "zhao signed for the register on 11-20"
	check_sql "$1" receive-missing "$(st 261118-0001) $(st 261120-0001)" "in_review
in_review" "both cases are under review"
	check_sql "$1" receive-missing "SELECT group_concat(e.actor || ':' || e.type, ' ') FROM
		(SELECT actor, type FROM events WHERE type IN ('handed_over', 'review_started')
		 ORDER BY case_id, seq) e;" \
		"$(sql "$1" receive-missing "SELECT group_concat(x, ' ') FROM (SELECT 'clerk:handed_over zhao:review_started' AS x FROM cases WHERE number LIKE '%261118-0001%' OR number LIKE '%261120-0001%')")" \
		"each case got handed_over (the sender) and review_started (the receiver)"
	check_sql "$1" receive-missing "SELECT (c.number LIKE '%261120-0001%') || ' ' || d.material_id
		|| ' ' || d.recorded_by FROM register_discrepancies d JOIN cases c ON c.id = d.case_id;" \
		"1 sfzm zhao" "one material of C is recorded missing, by zhao"
	check_sql "$1" receive-missing "SELECT json_extract(e.body, '$.discrepancy') FROM events e
		JOIN cases c ON c.id = e.case_id WHERE e.type = 'review_started'
		AND c.number LIKE '%261120-0001%';" \
		"缺少“法定代表人（负责人）身份证明”（sfzm）：复印件未随卷" \
		"C's review_started event carries the discrepancy with the note"
	check_sql "$1" receive-missing "SELECT count(*) FROM events WHERE type = 'review_started'
		AND json_extract(body, '$.discrepancy') IS NULL;" 1 "B's has none"
	# the approver at the clerk's window
	check_sql "$1" window-sign "SELECT state || ' ' || sender || ' ' || receiver FROM registers;" \
		"received clerk zhao" "at the window zhao signed with the password"
	check_sql "$1" window-sign "SELECT count(*) FROM register_discrepancies;" 0 \
		"nothing missing"
	check_sql "$1" window-sign "SELECT count(*) FROM events WHERE type = 'review_started'
		AND actor = 'zhao';" 2 "both cases under review by zhao"
	# approval: review without a register, special procedure and its end
	check_sql "$1" approval-queue "$(st 261119-0002)" in_review "E is under review"
	check_sql "$1" approval-queue "SELECT group_concat(type || ':' || coalesce(json_extract(body,
		'$.procedure'), '') || ':' || coalesce(json_extract(body, '$.reason'), ''), ' ')
		FROM (SELECT e.type, e.body FROM events e JOIN cases c ON c.id = e.case_id
		WHERE c.number LIKE '%261119-0002%' AND e.seq > 2 ORDER BY e.seq);" \
		"review_started:: special_started:inspection:现场核查经营场所 special_ended::" \
		"E: review started, inspection with its reason, ended"
	check_sql "$1" approval-queue "SELECT json_extract(e.body, '$.expected_end') FROM events e
		JOIN cases c ON c.id = e.case_id WHERE c.number LIKE '%261119-0002%'
		AND e.type = 'special_started';" 2026-12-04 \
		"the special procedure records the day it is expected to end (art. 45)"
	check_sql "$1" approval-decide "SELECT count(*) FROM events WHERE type = 'extended';" 0 \
		"the late extension refused on the screen wrote nothing"
	# extension: refused over 10 days, then 5, then refused again
	check_sql "$1" approval-extend "SELECT count(*) || ' ' || json_extract(body, '$.extension_days')
		|| ' ' || json_extract(body, '$.reason') FROM events WHERE type = 'extended';" \
		"1 5 需现场核查经营场所" "one extension of 5 working days with its reason"
	check_sql "$1" approval-extend "SELECT promised_on FROM cases WHERE number LIKE '%261118-0001%';" \
		2026-11-30 "B's promised date moves from 11-23 to 11-30"
	check_sql "$1" approval-extend "SELECT count(*) FROM events WHERE type = 'document_issued'
		AND json_extract(body, '$.kind') = 'extension';" 1 "the extension notice is issued"
	# decisions
	check_sql "$1" approval-decide "SELECT json_extract(body, '$.decision') || '|' ||
		json_extract(body, '$.result') || '|' || json_extract(body, '$.licence_no') || '|' ||
		json_extract(body, '$.valid_until') FROM events e JOIN cases c ON c.id = e.case_id
		WHERE e.type = 'decided' AND c.number LIKE '%261110-0001%';" \
		"approve|食品经营许可证（电子证照同步生成）|JY15301020001234|2031-11-19" \
		"A is approved with the item's result, the licence number and its validity"
	check_sql "$1" approval-decide "SELECT json_extract(body, '$.decision') || '|' ||
		json_extract(body, '$.reason') || '|' || (json_extract(body, '$.remedies') LIKE '%行政复议%')
		FROM events e JOIN cases c ON c.id = e.case_id
		WHERE e.type = 'decided' AND c.number LIKE '%261120-0001%';" \
		"deny|经营场所与营业执照登记地址不一致|1" "C is denied with the reasons and the remedies"
	check_sql "$1" approval-decide "$(st 261110-0001) $(st 261120-0001) $(st 261118-0001)" \
		"decided
decided
in_review" "A and C decided, B untouched"
	check_sql "$1" approval-decide "SELECT count(*) FROM events WHERE type = 'decided';" 2 \
		"the refused approval (no licence number) wrote nothing"
}

# No password of the test users on any screen.
check_passwords() { # LABEL
	leaked=""
	for pw in $passwords zhao-pass-1 wrong-pass-9; do
		if grep -rq -- "$pw" "$tmp/$1" 2>/dev/null; then
			leaked="$leaked $pw"
		fi
	done
	if [ -z "$leaked" ]; then
		ok "$1: no password on any screen"
	else
		not_ok "$1: passwords on screen:$leaked"
	fi
}

one_term() { # LABEL
	for script in "$dir"/*.script; do
		check_script "$1" "$script"
	done
	check_db "$1"
	check_passwords "$1"
}
for_each_term one_term
check_stale
finish
