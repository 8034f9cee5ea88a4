#!/bin/sh
# test_online.sh — the 网上预受理 worklist (code 23): online applications
# that central received (source rule 10), in script mode.
#
# Every script of tests/tui/online/ runs on a copy of the shared test
# database (screens.lib) holding the cases tests/tui/online/mkonline.c
# writes through the store's own case_receive, as central's
# POST /v1/applications makes them: three online applications (one
# overdue, one with every material sent, one with the photos missing) and
# one window case the list must leave out.  mkonline is built here against
# the build's libyc.a.  After the scripts, the database checks read what
# the screens wrote.
#
#   YC_TUI_UPDATE=1 sh tests/tui/test_online.sh   writes this suite's dumps
#   into tests/tui/online/expected/ (read every one before keeping it).
. tests/cli/lib.sh

dir=tests/tui/online
build=$(dirname "$YC")

needs_sqlite() { # NAME
	return 1
}

build_helper mkonline "$dir/mkonline.c"

# Every script gets the same four cases (made once, then copied).
prepare_db() { # NAME DB
	if [ ! -f "$tmp/online.db" ]; then
		cp "$template" "$tmp/online.db"
		"$tmp/mkonline" "$tmp/online.db" >"$tmp/out" 2>"$tmp/err"
		rc=$? out=$(cat "$tmp/out") errout=$(cat "$tmp/err") last="mkonline $tmp/online.db"
		expect_rc 0 "mkonline writes the four test cases"
	fi
	cp "$tmp/online.db" "$2"
}
. tests/tui/screens.lib

A=370102-01-261116-0001-L
B=370102-01-261119-0001-4
C=370102-01-261120-0001-5

# want LABEL WHAT GOT WANTED
want() {
	if [ "$3" = "$4" ]; then
		ok "$1: $2"
	else
		not_ok "$1: $2: got '$3', wanted '$4'"
	fi
}

check_db() { # LABEL
	[ $have_sqlite = 1 ] || { ok "skipped: no sqlite3 to read what the screens wrote"; return; }
	# accept: B accepted today, promised 5 working days on, by the clerk.
	got=$(sql "$1" accept "SELECT state || ' ' || accepted_on || ' ' || promised_on FROM cases
		WHERE number = '$B';")
	want "$1" "受理 of B (all materials online) is recorded, promised 11-27" \
		"$got" "accepted 2026-11-20 2026-11-27"
	got=$(sql "$1" accept "SELECT e.actor FROM events e JOIN cases c ON c.id = e.case_id
		WHERE c.number = '$B' AND e.type = 'accepted';")
	want "$1" "the acceptance is the clerk's" "$got" clerk
	got=$(sql "$1" accept "SELECT json_extract(e.body, '$.kind') || ' ' || json_extract(e.body,
		'$.printed') FROM events e JOIN cases c ON c.id = e.case_id WHERE c.number = '$B'
		AND e.type = 'document_issued';")
	want "$1" "Enter issued the 受理通知书 (not printed)" "$got" "acceptance 0"
	# correct: the 补正 of C lists exactly the missing photos, once.
	got=$(sql "$1" correct "SELECT json_extract(e.body, '$.problems') FROM events e
		JOIN cases c ON c.id = e.case_id WHERE c.number = '$C'
		AND e.type = 'correction_requested';")
	want "$1" "the correction_requested body lists exactly the missing photos" "$got" \
		'[{"material":"zp","name":"近期二寸免冠白底彩色证件照","text":"近期二寸免冠白底彩色证件照：未提交（需原件 3 份）；要求：近 6 个月内拍摄，正面免冠、白色背景，面部清晰；可现场采集电子照片代替"}]'
	got=$(sql "$1" correct "SELECT json_extract(e.body, '$.materials') FROM events e
		JOIN cases c ON c.id = e.case_id WHERE c.number = '$C'
		AND e.type = 'correction_requested';")
	want "$1" "the notice's checklist: three materials online, the photos missing" "$got" \
		'[{"id":"sqb","receipt":"electronic","originals":0,"copies":0,"nonconforming":false,"note":null},{"id":"sfzm","receipt":"electronic","originals":0,"copies":0,"nonconforming":false,"note":null},{"id":"zp","receipt":"missing","originals":0,"copies":0,"nonconforming":false,"note":null},{"id":"pdb","receipt":"electronic","originals":0,"copies":0,"nonconforming":false,"note":null}]'
	got=$(sql "$1" correct "SELECT state || ' ' || (SELECT count(*) FROM events
		WHERE type IN ('accepted', 'correction_requested')) FROM cases WHERE number = '$C';")
	want "$1" "C waits for 补正; the refused 受理 wrote nothing" "$got" "correction 1"
	# list: the overdue A rejected with reason, basis and competent office.
	got=$(sql "$1" list "SELECT c.state || '|' || json_extract(e.body, '$.reason') || '|'
		|| json_extract(e.body, '$.basis') || '|' || json_extract(e.body, '$.competent_office')
		FROM events e JOIN cases c ON c.id = e.case_id WHERE c.number = '$A'
		AND e.type = 'rejected';")
	want "$1" "不予受理 of A records reason, basis and competent office" "$got" \
		"rejected|申请人户籍不在安澜区|《城乡居民基本养老保险经办规程》第十条|云岭市五华区人力资源和社会保障局"
	got=$(sql "$1" list "SELECT count(*) FROM events WHERE type NOT IN ('received', 'rejected',
		'document_issued');")
	want "$1" "the list script decided nothing else" "$got" 0
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
