#!/bin/sh
# test_backoffice.sh — a case's whole life on one workstation database:
# intake (tests/cli/mkcase.c, through the real store code) → 材料交接单
# signed by both sides (with a discrepancy) → approval (roles, 延期,
# decisions) → 办理结果交接单 signed by both sides (late, across National
# Day) → notice → pickup on an ID check, or post → archive, checking the
# dates, cards, supervision and the JSON of case list/show.
. tests/cli/lib.sh

build=$(dirname "$YC")
lib="$build/libyc.a"
pkgs="ncursesw sqlite3 libcurl libcjson libsodium zlib pangocairo libqrencode"
san=""
if nm "$lib" 2>/dev/null | grep -q __asan_init; then
	san="-fsanitize=address,undefined"
fi
# shellcheck disable=SC2046
if ! ${CC:-cc} -std=c11 -D_GNU_SOURCE -Iinclude $san -o "$tmp/mkcase" tests/cli/mkcase.c \
	"$lib" $(pkg-config --libs $pkgs) -lm 2>"$tmp/cc.err"; then
	cat "$tmp/cc.err"
	not_ok "the mkcase helper compiles"
	finish
	exit 1
fi

# jc: the last output's JSON with white space removed, for matching.
jc() { out=$(printf '%s' "$out" | tr -d '\t\n '); }

db="$tmp/station.db"
SJ=云岭市安澜区市场监督管理局
FOOD=11539102MB1A2704434000101700200

run --db "$db" init --site 370102 --terminal 1
expect_rc 0 "init"
run --db "$db" catalog import forms
expect_rc 0 "catalog import"
printf 'clerk-pass-1\n' >"$tmp/pw_clerk"
printf 'approver-pass\n' >"$tmp/pw_sj"
printf 'issuer-pass-1\n' >"$tmp/pw_fa"
printf 'approver-pass\nissuer-pass-1\n' >"$tmp/pw_result"
run --db "$db" user add clerk1 --role clerk <"$tmp/pw_clerk"
run --db "$db" user add sj --role approver --dept "$SJ" <"$tmp/pw_sj"
run --db "$db" user add fa --role issuer <"$tmp/pw_fa"
expect_rc 0 "users added"

export YICHUANG_TODAY=2026-09-30
n1=$("$tmp/mkcase" "$db" $FOOD 2026-09-30 张三 11010519491231002X 李四 440524188001010014)
n2=$("$tmp/mkcase" "$db" $FOOD 2026-09-30 王五 440524188001010014)
case "$n1$n2" in 370102-01-260930-0001-?370102-01-260930-0002-?) ok "two cases accepted" ;;
	*) not_ok "two cases accepted ($n1 $n2)" ;; esac

# ---- 材料交接 --------------------------------------------------------------
run --db "$db" handover create --dept "$SJ" --user sj "$n1"
expect_rc 1 "an approver cannot make a materials register"
expect_err "综合受理窗口人员" "and is told who can"
run --db "$db" handover create --dept "$SJ" --user clerk1 "$n1" "$n2"
expect_rc 0 "the clerk makes a materials register"
reg=$(echo "$out" | grep -o 'JJ-370102-01-260930-0001-[0-9A-Z]')
[ -n "$reg" ] && ok "numbered by site, terminal, day and sequence" || not_ok "register number ($out)"

run --db "$db" handover sign "$reg" --as receiver --user sj <"$tmp/pw_sj"
expect_rc 1 "the receiver cannot sign first"
expect_err "移交方尚未签署" "says the sender signs first"
run --db "$db" handover sign "$reg" --as sender --user clerk1 <"$tmp/pw_sj"
expect_rc 1 "a wrong password is refused"
expect_err "密码不正确" "says so"
run --db "$db" handover sign "$reg" --as sender --user clerk1 <"$tmp/pw_clerk"
expect_rc 0 "the clerk signs as sender"

export YICHUANG_TODAY=2026-10-08
run --db "$db" handover sign "$reg" --as receiver --user sj --missing "$n2:sfzm:复印件未随卷" <"$tmp/pw_sj"
expect_rc 0 "the approver signs for it after National Day"
expect_out "已签收" "the register is received"
expect_out "缺少“法定代表人（负责人）身份证明”" "the discrepancy is shown to the receiver"
run --db "$db" handover show "$reg" --json
jc
expect_out '"receiver":"sj"' "both signatures are recorded"
expect_out '"sender":"clerk1"' "the sender's too"
expect_out '"received_on":"2026-10-08"' "with the day of receipt"
expect_out '"material":"sfzm"' "the sender's side sees the discrepancy"
run --db "$db" handover show "$reg"
expect_out "原件 1 份" "the text lists paper counts"

run --db "$db" case show "$n1" --json
jc
expect_out '"state":"in_review"' "the case is under review"
expect_out '"promised_on":"2026-10-10"' "promised 3 working days after 9-30 (10-10 is a 调休 day)"
expect_out '"level":"warning"' "two working days before: a warning"
expect_out '"days_left":2' "two days left"
run --db "$db" case show "$n2"
expect_out "交接差异：缺少“法定代表人（负责人）身份证明”" "the case view shows the discrepancy"
expect_out "交接单 $reg" "the timeline names the register"

# ---- approval ---------------------------------------------------------------
run --db "$db" case queue --user sj
expect_rc 0 "the approver's queue"
expect_out "$n1" "holds the first case"
expect_out "剩 2 个工作日" "with working days left"
run --db "$db" case decide "$n1" --user clerk1 --approve --licence JY1 <"$tmp/pw_clerk"
expect_rc 1 "a clerk cannot decide"
expect_err "不能作出审批决定" "and is told so"
run --db "$db" case decide "$n1" --user sj --approve <"$tmp/pw_sj"
expect_rc 1 "approval needs a licence number"
expect_err "证照编号" "and says which"
run --db "$db" case extend "$n2" --user sj --days 11 --reason 现场核查 <"$tmp/pw_sj"
expect_rc 1 "an extension over 10 days is refused"
run --db "$db" case extend "$n2" --user sj --days 5 --reason 现场核查 <"$tmp/pw_sj"
expect_rc 0 "an extension of 5 days"
expect_out "承诺办结日 2026-10-16" "moves the promised date by 5 working days"
run --db "$db" case extend "$n2" --user sj --days 1 --reason 再延 <"$tmp/pw_sj"
expect_rc 1 "only once"

export YICHUANG_TODAY=2026-10-09
run --db "$db" case decide "$n1" --user sj --approve --licence JY15301020001234 --valid-until 2031-10-08 <"$tmp/pw_sj"
expect_rc 0 "the approver decides"
expect_out "已决定" "the case is decided"

export YICHUANG_TODAY=2026-10-12
run --db "$db" supervise --json
jc
if [ "$rc" -eq 2 ]; then run --db "$db" case supervise --json; jc; fi
expect_rc 0 "supervision"
expect_out '"result_late"' "a result not at the window after one working day is a yellow card"
expect_out "\"department\":\"$SJ\"" "tallied by department"
expect_out '"window":"370102-01"' "and by window"

# ---- 结果交接 --------------------------------------------------------------
run --db "$db" case result "$n1" --user sj --to fa <"$tmp/pw_result"
expect_rc 0 "the result is handed to the issuing window, both signing"
res=$(echo "$out" | grep -o 'JG-370102-01-261012-0001-[0-9A-Z]')
[ -n "$res" ] && ok "the results register is numbered" || not_ok "results register ($out)"
run --db "$db" case show "$n1" --json
jc
expect_out '"state":"ready"' "the case is ready"
expect_out '"late":true' "the hand-over is marked late"
expect_out '"result_late"' "and keeps its yellow card"

# ---- 出件 ----------------------------------------------------------------
run --db "$db" case notify "$n1" --user fa --channel sms --note 短信通知领取 <"$tmp/pw_fa"
expect_rc 0 "the applicant is notified"
run --db "$db" case deliver "$n1" --user fa --pickup --name 王五 --id-no 110105194912310046 --confirmed <"$tmp/pw_fa"
expect_rc 1 "a stranger cannot collect"
expect_err "既不是办件" "the ID matching neither the applicant nor the agent is explained"
expect_err "委托书" "and the written authorisation is asked for"
run --db "$db" case deliver "$n1" --user fa --pickup --name 李四 --id-no 440524188001010014 <"$tmp/pw_fa"
expect_rc 1 "the collector must confirm"
run --db "$db" case deliver "$n1" --user fa --pickup --name 李四 --id-no 440524188001010014 --confirmed <"$tmp/pw_fa"
expect_rc 0 "the agent collects"
expect_out "已送达" "the case is delivered"
# An organisation's result is collected by a person it authorised in
# writing: refused until the issuer says they checked the authorisation.
n3=$("$tmp/mkcase" "$db" $FOOD 2026-09-30 云岭市安澜区好味道餐饮有限公司 91350100M000100Y43)
printf 'clerk-pass-1\n' >"$tmp/pw1"
"$YC" --db "$db" case review "$n3" --user sj <"$tmp/pw_sj" >/dev/null 2>&1
"$YC" --db "$db" case decide "$n3" --user sj --approve --licence JY1539102000003 <"$tmp/pw_sj" >/dev/null 2>&1
"$YC" --db "$db" case result "$n3" --user sj --to fa <"$tmp/pw_result" >/dev/null 2>&1
run --db "$db" case deliver "$n3" --user fa --pickup --name 赵六 --id-no 110105194912310046 --confirmed <"$tmp/pw_fa"
expect_rc 1 "an organisation's result is not handed to a person without an authorisation"
expect_err "授权委托书" "and the issuer is told to check the written authorisation"
run --db "$db" case deliver "$n3" --user fa --pickup --name 赵六 --id-no 110105194912310046 --confirmed --authorised <"$tmp/pw_fa"
expect_rc 0 "with the authorisation checked, the authorised person collects"
run --db "$db" case show "$n3" --json
jc
expect_out '"relation":"authorised"' "and the collector is recorded as authorised"
run --db "$db" case archive "$n1" --user sj <"$tmp/pw_sj"
expect_rc 1 "an approver does not archive at the window"
run --db "$db" case archive "$n1" --user fa <"$tmp/pw_fa"
expect_rc 0 "archived"

# the second case: denied, results register by hand, posted
export YICHUANG_TODAY=2026-10-13
run --db "$db" case decide "$n2" --user sj --deny <"$tmp/pw_sj"
expect_rc 1 "a denial needs reasons"
run --db "$db" case decide "$n2" --user sj --deny --reason 经营场所不符合要求 <"$tmp/pw_sj"
expect_rc 0 "denied"
run --db "$db" handover create --kind results --dept "$SJ" --user sj "$n2"
expect_rc 0 "results register"
res2=$(echo "$out" | grep -o 'JG-370102-01-261013-0001-[0-9A-Z]')
run --db "$db" handover sign "$res2" --as sender --user sj <"$tmp/pw_sj"
expect_rc 0 "the approver signs it"
run --db "$db" handover sign "$res2" --as receiver --user clerk1 <"$tmp/pw_clerk"
expect_rc 1 "a counter clerk is not the issuing window"
run --db "$db" handover sign "$res2" --as receiver --user fa <"$tmp/pw_fa"
expect_rc 0 "the issuer signs for it"
run --db "$db" case deliver "$n2" --user fa --post --waybill 12 --address 滨江大道1号 --recipient 王五 <"$tmp/pw_fa"
expect_rc 1 "a bad waybill is refused"
expect_err "运单号" "and named"
run --db "$db" case deliver "$n2" --user fa --post --waybill 1180123456789 --address 滨江大道1号 --recipient 王五 <"$tmp/pw_fa"
expect_rc 0 "posted by EMS"
run --db "$db" case archive "$n2" --user fa <"$tmp/pw_fa"
expect_rc 0 "archived"

run --db "$db" case list --state archived --json
jc
expect_rc 0 "list archived cases"
expect_out "\"number\":\"$n1\"" "with the first case"
expect_out "\"number\":\"$n2\"" "and the second"
expect_out '"item":{' "each with its item"
expect_out '"applicant":{' "its applicant"
expect_out '"state":"archived"' "and its state"
run --db "$db" case show "$n2" --json
jc
expect_out '"delivered_on":"2026-10-13"' "delivery date"
expect_out '"closed_on":"2026-10-13"' "archive date"
expect_out '"waybill":"1180123456789"' "the waybill is recorded"
run --db "$db" handover list
expect_out "$reg" "the register list has the materials register"
expect_out "已签收" "received"

run --db "$db" case review "$n1"
expect_rc 2 "an action without --user is a usage error"
expect_err "--user" "naming the option"
run --db "$db" case decide "$n1" --user sj --approve --licence X --waybill 1 <"$tmp/pw_sj"
expect_rc 2 "an option of another action is refused"

# ---- every action is signed with the user's password ---------------------------
export YICHUANG_TODAY=2026-11-02
n4=$("$tmp/mkcase" "$db" $FOOD 2026-11-02 孙八 110105194912310046)
run --db "$db" case review "$n4" --user sj </dev/null
expect_rc 1 "an action without the user's password is refused"
expect_err "密码" "saying the password is wanted"
run --db "$db" case review "$n4" --user sj <"$tmp/pw_fa"
expect_rc 1 "an action with another's password is refused"
expect_err "密码不正确" "as a wrong password"
run --db "$db" case show "$n4" --json
jc
expect_out '"state":"accepted"' "and nothing was written"
run --db "$db" case review "$n4" --user sj <"$tmp/pw_sj"
expect_rc 0 "with the right password the review starts"
run --db "$db" case show "$n4" --json
jc
expect_out '"at":"2026-11-02T' "the event is dated on YICHUANG_TODAY, not the machine's day"

# ---- withdrawal is the counter's, with a reason ----------------------------------
run --db "$db" case withdraw "$n4" --user sj --reason 申请人撤回 <"$tmp/pw_sj"
expect_rc 1 "an approver cannot withdraw a case under review"
expect_err "不能撤件" "and is told withdrawal is the counter's"
run --db "$db" case withdraw "$n4" --user fa --reason 申请人撤回 <"$tmp/pw_fa"
expect_rc 1 "nor can the issuing window"
run --db "$db" case withdraw "$n4" --user clerk1 <"$tmp/pw_clerk"
expect_rc 1 "a withdrawal without a reason is refused"
expect_err "写明理由" "asking for the reason"
run --db "$db" case withdraw "$n4" --user clerk1 --reason 申请人不再经营 <"$tmp/pw_clerk"
expect_rc 0 "the clerk records the withdrawal with the reason"
expect_out "已撤件" "the case is withdrawn"
run --db "$db" case withdraw "$n1" --user clerk1 --reason 申请人撤回 <"$tmp/pw_clerk"
expect_rc 1 "a decided (archived) case cannot be withdrawn"

# ---- no extension once the promised date has passed --------------------------------
# accepted 11-02, promised 11-05 (3 working days); an extension on 11-06 is late
n5=$("$tmp/mkcase" "$db" $FOOD 2026-11-02 周九 110105194912310046)
"$YC" --db "$db" case review "$n5" --user sj <"$tmp/pw_sj" >/dev/null 2>&1
export YICHUANG_TODAY=2026-11-06
run --db "$db" case extend "$n5" --user sj --days 5 --reason 现场核查 <"$tmp/pw_sj"
expect_rc 1 "an extension after the promised date is refused"
expect_err "承诺办结日 2026-11-05 已过" "naming the promised date"
run --db "$db" supervise --json
jc
expect_out "\"number\":\"$n5\",\"item\"" "the late case stays on supervision"
expect_out '"raised_on":"2026-11-06"' "with the day its red card was raised"

# ---- special procedure with its expected end (art. 45) -----------------------------
run --db "$db" case special "$n5" --user sj --procedure inspection --reason 现场核查 --until 2026-11-01 <"$tmp/pw_sj"
expect_rc 1 "an expected end in the past is refused"
run --db "$db" case special "$n5" --user sj --procedure inspection --reason 现场核查 --until 2026-11-20 <"$tmp/pw_sj"
expect_rc 0 "a special procedure with its expected end"
run --db "$db" case show "$n5" --json
jc
expect_out '"expected_end":"2026-11-20"' "the expected end is in the event"

# ---- a denial is served within 10 working days ---------------------------------------
run --db "$db" case show "$n2" --json
jc
expect_out '"deliver_due_on":"2026-10-27"' "the denial of 10-13 is served by 10-27"
run --db "$db" handover show "$res2" --json
jc
expect_out '"name":"不予行政许可决定书"' "its results register lists the 不予行政许可决定书"
run --db "$db" handover show "$res" --json
jc
expect_out '（证号JY15301020001234）' "a licence's register lists the licence with its number"

# ---- supervision by department, history only when asked ------------------------------
run --db "$db" supervise --json
jc
expect_no_out "\"number\":\"$n1\"" "an archived case's card is not on today's list"
run --db "$db" supervise --all --json
jc
expect_out "\"number\":\"$n1\"" "but is with --all"
expect_out '"closed":true' "marked closed"
run --db "$db" supervise --dept 云岭市公安局安澜分局 --json
jc
expect_no_out "\"number\":\"$n5\"" "another department's filter leaves the case out"

# ---- 一件事 -------------------------------------------------------------------------
SETUP=11539102MB1A2704434000101700100
SEAL=11539102MB0C11835E4001001700400
export YICHUANG_TODAY=2026-11-09
b1=$("$tmp/mkcase" "$db" $SETUP 2026-11-09 云岭市安澜区新开餐饮有限公司 91350100M000100Y43)
b2=$("$tmp/mkcase" "$db" $SEAL 2026-11-09 云岭市安澜区新开餐饮有限公司 91350100M000100Y43)
run --db "$db" case bundle link --code 539102YJS9999 --user clerk1 "$b1" "$b2" <"$tmp/pw_clerk"
expect_rc 1 "a bundle code that is not in the catalog is refused"
expect_err "539102YJS9999" "and named"
run --db "$db" case bundle link --code 539102YJS0001 --lead 云岭市公安局安澜分局 --user clerk1 "$b1" "$b2" <"$tmp/pw_clerk"
expect_rc 1 "a lead department other than the catalog's is refused"
run --db "$db" case bundle link --code 539102YJS0001 --user sj "$b1" "$b2" <"$tmp/pw_sj"
expect_rc 1 "an approver does not link a bundle"
run --db "$db" case bundle link --code 539102YJS0001 --user clerk1 "$b1" "$b2" <"$tmp/pw_clerk"
expect_rc 0 "the clerk links the two cases"
expect_out "LB-$b1" "the bundle is named after its first part"
run --db "$db" case bundle show "$b2"
expect_rc 0 "the bundle is shown from a part"
expect_out "云岭市公安局安澜分局" "with each part's department"
run --db "$db" case show "$b2" --json
jc
expect_out '"type":"bundle_linked"' "the link is an event in the timeline"
run --db "$db" case bundle close "$b1" --user sj <"$tmp/pw_sj"
expect_rc 1 "the bundle cannot be closed while a part is open"
"$YC" --db "$db" case review "$b1" --user sj <"$tmp/pw_sj" >/dev/null 2>&1
"$YC" --db "$db" case decide "$b1" --user sj --approve --licence 91539102MA0000001X <"$tmp/pw_sj" >/dev/null 2>&1
run --db "$db" case bundle show "$b1" --json
jc
expect_out '"held":false' "the held seal part is completed when the lead approves"
run --db "$db" case bundle close "$b1" --user sj <"$tmp/pw_sj"
expect_rc 0 "the lead department closes the bundle"
run --db "$db" case bundle close "$b1" --user sj <"$tmp/pw_sj"
expect_rc 1 "only once"

finish
