#!/bin/sh
# test_case.sh — `yichuang case list|show`: cases written into a workstation
# database (with sqlite3, as the counter would have written them) are
# listed newest first, filtered by state, and shown with their dates and
# timeline, folded again from their events; numbers are checked.
. tests/cli/lib.sh

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "# sqlite3 command not found: skipped"
	finish
	exit
fi

# caseno_check BODY -> the check character of a case number's body (dashes
# removed): ISO 7064 pure system over 0-9 ABCDEFGHJKLMNPQRTUWXY.
caseno_check() {
	echo "$1" | awk '{
		a = "0123456789ABCDEFGHJKLMNPQRTUWXY"; s = 0; w = 1
		for (i = length($0); i >= 1; i--) {
			w = (w * 3) % 31
			s = (s + (index(a, substr($0, i, 1)) - 1) * w) % 31
		}
		print substr(a, ((31 - s) % 31) + 1, 1)
	}'
}

db="$tmp/station.db"
run --db "$db" init --site 370102 --terminal 3
expect_rc 0 "init"

n1="370102-03-260302-0001-$(caseno_check 370102032603020001)"
n2="370102-03-260303-0001-$(caseno_check 370102032603030001)"
unknown="370102-03-260303-0009-$(caseno_check 370102032603030009)"

sqlite3 "$db" <<SQL
INSERT INTO cases (id, number, item_code, item_name, catalog_version, state,
  applicant_name, applicant_id_no, phone, received_on, last_seq)
VALUES ('c1', '$n1', 'FOOD', '食品经营许可', 1, 'accepted', '张三',
  '11010519491231002X', '13800000000', '2026-03-02', 2),
  ('c2', '$n2', 'BIZ', '个体工商户登记', 1, 'received', '李四', NULL, NULL,
  '2026-03-03', 1);
INSERT INTO events (id, case_id, seq, type, at, actor, body) VALUES
 ('e1', 'c1', 1, 'received', '2026-03-02T09:00:00+08:00', 'clerk1',
  '{"day":"2026-03-02","instant":false,"promised_limit":20,"promised_unit":"workdays","item_code":"FOOD"}'),
 ('e2', 'c1', 2, 'accepted', '2026-03-02T09:20:00+08:00', 'clerk1',
  '{"day":"2026-03-02","deferred":[{"material":"licence","days":5}]}'),
 ('e3', 'c2', 1, 'received', '2026-03-03T10:00:00+08:00', 'clerk2',
  '{"day":"2026-03-03","instant":false,"promised_limit":5,"promised_unit":"workdays"}');
SQL

run --db "$db" case list
expect_rc 0 "case list succeeds"
expect_out "$n1" "the list has the first case"
expect_out "$n2" "the list has the second case"
expect_out "已受理" "the list shows state names"
expect_out "食品经营许可" "the list shows item names"
first=$(echo "$out" | sed -n 2p)
case "$first" in *"$n2"*) ok "newest first" ;; *) not_ok "newest first" ;; esac

run --db "$db" case list --state accepted
expect_rc 0 "case list --state succeeds"
expect_out "$n1" "the accepted case is listed"
expect_no_out "$n2" "the received case is not"

run --db "$db" case list --state finished
expect_rc 2 "an unknown state is a usage error"
expect_err "finished" "the message names the bad state"
expect_err "in_review" "the message lists the states"

run --db "$db" case list --state rejected
expect_rc 0 "an empty list is no error"
expect_out "没有符合条件的办件" "an empty list says so"

run --db "$db" case list --json
expect_rc 0 "case list --json succeeds"
expect_out "\"number\":	\"$n2\"" "JSON carries the numbers"
expect_out '"state":	"accepted"' "JSON carries the stable state name"

run --db "$db" case show "$n1"
expect_rc 0 "case show succeeds"
expect_out "办件编号：$n1" "show prints the number"
expect_out "状态：已受理" "show prints the state"
expect_out "张三" "show prints the applicant"
expect_out "2026-03-02" "show prints the dates received and accepted"
line=$(echo "$out" | grep '^承诺办结日')
case "$line" in *" 2026-03-30") ok "show prints the promised date (20 working days)" ;;
*) not_ok "show prints the promised date (20 working days)" ;; esac
line=$(echo "$out" | grep '^补正告知期限')
case "$line" in *" 2026-03-09") ok "show prints the correction deadline" ;;
*) not_ok "show prints the correction deadline" ;; esac
expect_out "容缺材料 licence：应于 2026-03-09 前补齐" "show prints the deferred material's due date"
expect_out "接件" "the timeline has the received event"
expect_out "受理" "the timeline has the accepted event"
expect_out "clerk1" "the timeline names the clerk"

lower=$(echo "$n2" | tr -d '-' | tr 'A-Z' 'a-z')
run --db "$db" case show "$lower"
expect_rc 0 "a number typed without dashes in lowercase is found"
expect_out "李四" "it is the right case"

run --db "$db" case show "$n1" --json
expect_rc 0 "case show --json succeeds"
expect_out "\"number\":	\"$n1\"" "JSON has the number"
expect_out '"code":	"FOOD"' "JSON has the item"
expect_out '"state":	"accepted"' "JSON has the state"
expect_out '"id_no":	"11010519491231002X"' "JSON has the applicant's id_no"
expect_out '"events":	[' "JSON has the events"
expect_out '"promised_on":	"2026-03-30"' "JSON has the promised date"

run --db "$db" case show "$unknown"
expect_rc 1 "an unknown number fails"
expect_err "没有编号为 $unknown 的办件" "the message names the number"

last=$(printf '%s' "$n1" | tail -c 1)
if [ "$last" = 0 ]; then bad="${n1%?}1"; else bad="${n1%?}0"; fi
run --db "$db" case show "$bad"
expect_rc 1 "a number with a wrong check character fails"
expect_err "校验" "the message says the check character is wrong"

run --db "$db" case show
expect_rc 2 "case show without a number is a usage error"

run --db "$db" case frobnicate
expect_rc 2 "an unknown subcommand is a usage error"

finish
