#!/bin/sh
# test_api.sh — yichuangd's whole API v1 over loopback HTTP: admin
# commands, registration, push (idempotency, duplicates, conflicts,
# invalid events), pull paging, reference data, online applications,
# gzip both ways, limits, metrics and a clean shutdown.
#
#   sh tests/server/test_api.sh [sqlite|pg]     (sqlite when not given)
. tests/server/lib.sh
backend=${1:-sqlite}
if [ "$backend" = pg ]; then
	pg_require
	set -- --pg "$pg"
	central_sql() { pg_run "$pg_bin/psql" "$pg" -Atqc "$1"; }
else
	set -- --db "$tmp/central.db"
	central_sql() { sqlite3 "$tmp/central.db" "$1"; }
fi
D=261120
N1=$(caseno 539102 1 $D 1)
N2=$(caseno 539102 1 $D 2)
N3=$(caseno 539102 1 $D 3)

# ---- admin -----------------------------------------------------------------
adm() {
	"$YCD" admin "$@" >"$tmp/out" 2>"$tmp/err" <"$tmp/stdin"
	rc=$?
	out=$(cat "$tmp/out")
	errout=$(cat "$tmp/err")
	last="yichuangd admin $*"
}
: >"$tmp/stdin"
adm "$@" terminal add --site 539102 --name "安澜区政务服务中心 1号窗口"
expect_rc 0 "terminal add succeeds"
expect_out "539102-01" "the first terminal of a site is number 01"
tok1=$(tail -n 1 "$tmp/out")
[ ${#tok1} -eq 64 ] && ok "the token is the last line" || not_ok "the token is the last line"
adm "$@" terminal add --site 539102 --name "安澜区政务服务中心 2号窗口"
expect_out "539102-02" "the next terminal of the site is 02"
tok2=$(tail -n 1 "$tmp/out")
adm "$@" terminal add --site 53910I --name "x"
expect_rc 2 "a site code with I is refused"
printf 'secret-pass\n' >"$tmp/stdin"
adm "$@" user add clerk --role clerk
expect_rc 0 "user add reads the password from stdin"
adm "$@" user add clerk --role clerk
expect_rc 1 "the same user twice is refused"
expect_err "已存在" "and says it exists"
adm "$@" user add wang --role boss
expect_rc 2 "an unknown role is refused"
: >"$tmp/stdin"
mkdir "$tmp/badforms"
printf '[item]\ncode = X\n' >"$tmp/badforms/bad.item"
adm "$@" catalog import "$tmp/badforms"
expect_rc 1 "a catalog with errors is not imported"
expect_err "bad.item:" "every problem is reported with its file"
adm "$@" catalog import forms
expect_rc 0 "the sample catalog imports"
expect_out "第 1 版" "as catalog version 1"
adm "$@" calendar import data/calendar/2026.cal
expect_rc 0 "calendar import"
printf 'year 2027\noff 2027-02-30\n' >"$tmp/bad.cal"
adm "$@" calendar import "$tmp/bad.cal"
expect_rc 1 "a calendar with a bad date is refused"
adm "$@" setting set doc.centre "安澜区政务服务中心"
expect_rc 0 "setting set"
adm "$@" setting set supervise.warn_days 3
expect_rc 0 "setting set supervise.*"
adm "$@" setting set doc.lp_command "rm -rf /"
expect_rc 2 "doc.lp_command is never set by central"
expect_err "doc.lp_command 除外" "and the message says so"
adm "$@" setting set sync.server "http://192.0.2.1:8080"
expect_rc 2 "a key central does not distribute is refused"
expect_err "只允许 doc.*" "the message lists what is allowed (doc.*)"
expect_err "supervise.*" "and supervise.*"
[ "$(central_sql "SELECT count(*) FROM settings")" = 2 ] &&
	ok "refused keys are not stored" || not_ok "refused keys are not stored"

# ---- start -------------------------------------------------------------------
printf '# test configuration\nsite = 539102   # 安澜区政务服务中心\nbody-limit = 200000\nthreads = 4\t# request threads\n' >"$tmp/ycd.conf"
if ycd_start main "$@" --config "$tmp/ycd.conf"; then ok "yichuangd starts ($backend)"; else
	not_ok "yichuangd starts ($backend)"; finish; exit 1; fi

api GET /healthz
[ "$code" = 200 ] && [ "$body" = ok ] && ok "healthz answers ok" || not_ok "healthz answers ok"
api POST /v1/register "" "$tok1"
[ "$code" = 200 ] && ok "register 200" || not_ok "register 200 (got $code)"
[ "$(jget "$tmp/body" '$.site')-$(jget "$tmp/body" '$.terminal')" = 539102-1 ] &&
	ok "register gives site and terminal" || not_ok "register gives site and terminal"
api POST /v1/register "" "$tok1"
[ "$(jget "$tmp/body" '$.terminal')" = 1 ] && ok "register again answers the same" ||
	not_ok "register again answers the same"
api POST /v1/register "" "0000"
[ "$code" = 401 ] && ok "a bad token is 401" || not_ok "a bad token is 401 (got $code)"
expect_out "令牌" "with a Chinese message"
api GET "/v1/sync/pull?after=0"
[ "$code" = 401 ] && ok "no token is 401" || not_ok "no token is 401 (got $code)"
api GET /v1/nothing
[ "$code" = 404 ] && ok "unknown path 404" || not_ok "unknown path 404"
api GET /v1/sync/push "" "$tok1"
[ "$code" = 405 ] && ok "wrong method 405" || not_ok "wrong method 405"

# ---- push ---------------------------------------------------------------------
K1=$(uid aaaa0000 1)
E1=$(uid eeee0000 1) E2=$(uid eeee0000 2) E3=$(uid eeee0000 3)
C1=$(uid ca5e0000 1) C2=$(uid ca5e0000 2) C3=$(uid ca5e0000 3)
printf '{"key":"%s","events":[%s,%s,%s]}' "$K1" \
	"$(ev "$E1" "$C1" "$N1" received "$received_body")" \
	"$(ev "$E2" "$C1" "$N1" accepted "$day_body")" \
	"$(ev "$E3" "$C2" "$N2" received "$received_body")" >"$tmp/push1"
api POST /v1/sync/push "$tmp/push1" "$tok1"
[ "$code" = 200 ] && ok "push 200" || not_ok "push 200 (got $code)"
[ "$(jget "$tmp/body" '$.results[0].status') $(jget "$tmp/body" '$.results[0].seq')" = "accepted 1" ] &&
	ok "first event accepted with seq 1" || not_ok "first event accepted with seq 1"
[ "$(jget "$tmp/body" '$.results[2].status') $(jget "$tmp/body" '$.results[2].seq')" = "accepted 3" ] &&
	ok "results in the order sent" || not_ok "results in the order sent"
first=$body
api POST /v1/sync/push "$tmp/push1" "$tok1"
[ "$body" = "$first" ] && ok "same key, same body: the stored answer again" ||
	not_ok "same key, same body: the stored answer again"
printf '{"key":"%s","events":[%s]}' "$K1" \
	"$(ev "$(uid eeee0000 50)" "$(uid ca5e0000 50)" "$(caseno 539102 1 $D 50)" received "$received_body")" \
	>"$tmp/push1b"
api POST /v1/sync/push "$tmp/push1b" "$tok1"
[ "$code" = 422 ] && [ "$(jget "$tmp/body" '$.error')" = "同一批次编号（key）的内容不同" ] &&
	ok "same key, different body: 422" || not_ok "same key, different body: 422 (got $code: $body)"
api POST /v1/sync/push "$tmp/push1" "$tok1"
[ "$body" = "$first" ] && ok "and the stored answer stays" || not_ok "and the stored answer stays ($body)"
[ "$(central_sql "SELECT count(*) FROM events WHERE case_id = '$(uid ca5e0000 50)'")" = 0 ] &&
	ok "and its events are not added" || not_ok "and its events are not added"

K2=$(uid aaaa0000 2)
printf '{"key":"%s","events":[%s,%s]}' "$K2" \
	"$(ev "$E1" "$C1" "$N1" received "$received_body")" \
	"$(ev "$E2" "$C1" "$N1" accepted '{"day":"2026-11-21"}')" >"$tmp/push2"
api POST /v1/sync/push "$tmp/push2" "$tok2"
[ "$(jget "$tmp/body" '$.results[0].status') $(jget "$tmp/body" '$.results[0].seq')" = "duplicate 1" ] &&
	ok "a resent event is a duplicate with its seq" || not_ok "a resent event is a duplicate"
[ "$(jget "$tmp/body" '$.results[1].status')" = invalid ] &&
	[ "$(jget "$tmp/body" '$.results[1].reason')" = "同一事件编号的内容不同" ] &&
	ok "same id, different body: invalid" || not_ok "same id, different body: invalid"

# conflict: terminal 1 rejects case 3, terminal 2 (offline) accepted it
K3=$(uid aaaa0000 3) K4=$(uid aaaa0000 4)
E4=$(uid eeee0000 4) E5=$(uid eeee0000 5) E6=$(uid eeee0000 6) E7=$(uid eeee0000 7)
printf '{"key":"%s","events":[%s,%s]}' "$K3" \
	"$(ev "$E4" "$C3" "$N3" received "$received_body")" \
	"$(ev "$E5" "$C3" "$N3" rejected "$rejected_body")" >"$tmp/push3"
api POST /v1/sync/push "$tmp/push3" "$tok1"
[ "$(jget "$tmp/body" '$.results[1].status')" = accepted ] && ok "rejection accepted" ||
	not_ok "rejection accepted"
printf '{"key":"%s","events":[%s,{"id":"%s","type":"accepted"},%s]}' "$K4" \
	"$(ev "$E6" "$C3" "$N3" accepted "$day_body")" "$(uid eeee0000 99)" \
	"$(ev "$E7" "$C2" "$N2" accepted "$day_body")" >"$tmp/push4"
api POST /v1/sync/push "$tmp/push4" "$tok2"
[ "$(jget "$tmp/body" '$.results[0].status') $(jget "$tmp/body" '$.results[0].state')" = \
	"conflict rejected" ] && ok "accepting a rejected case is a conflict with the state" ||
	not_ok "accepting a rejected case is a conflict"
[ -n "$(jget "$tmp/body" '$.results[0].reason')" ] && ok "the conflict has a reason" ||
	not_ok "the conflict has a reason"
[ "$(jget "$tmp/body" '$.results[1].status')" = invalid ] &&
	[ "$(jget "$tmp/body" '$.results[1].id')" = "$(uid eeee0000 99)" ] &&
	ok "a malformed event is invalid, named by its id" || not_ok "a malformed event is invalid"
[ "$(jget "$tmp/body" '$.results[2].status') $(jget "$tmp/body" '$.results[2].seq')" = "accepted 6" ] &&
	ok "one bad event never blocks the rest" || not_ok "one bad event never blocks the rest"
K5=$(uid aaaa0000 5)
printf '{"key":"%s","events":[%s]}' "$K5" \
	"$(ev "$(uid eeee0000 8)" "$C3" "$N3" received "$received_body")" >"$tmp/push5"
api POST /v1/sync/push "$tmp/push5" "$tok2"
[ "$(jget "$tmp/body" '$.results[0].status')" = invalid ] &&
	ok "a second received for a case is invalid" || not_ok "a second received for a case is invalid"
K5b=$(uid aaaa0000 55) C9=$(uid ca5e0000 9)
printf '{"key":"%s","events":[%s]}' "$K5b" \
	"$(ev "$(uid eeee0000 60)" "$C9" "$N1" received "$received_body")" >"$tmp/push5b"
api POST /v1/sync/push "$tmp/push5b" "$tok1"
[ "$(jget "$tmp/body" '$.results[0].status')" = invalid ] &&
	ok "a received for a new case with another case's number is invalid" ||
	not_ok "a received for a new case with another case's number is invalid ($body)"
case $(jget "$tmp/body" '$.results[0].reason') in
*"$N1"*"$C1"*) ok "the reason names the number and the case that has it" ;;
*) not_ok "the reason names the number and the case that has it ($body)" ;;
esac
[ "$(central_sql "SELECT count(DISTINCT case_id) FROM events WHERE case_number = '$N1'")" = 1 ] &&
	ok "central keeps one case per number" || not_ok "central keeps one case per number"

printf '{"key": nope' >"$tmp/bad.json"
api POST /v1/sync/push "$tmp/bad.json" "$tok1"
[ "$code" = 400 ] && ok "bad JSON is 400" || not_ok "bad JSON is 400 (got $code)"
expect_out "JSON" "with a message"
head -c 300000 /dev/zero | tr '\0' ' ' >"$tmp/big"
api POST /v1/sync/push "$tmp/big" "$tok1"
[ "$code" = 413 ] && ok "a body over the limit is 413" || not_ok "a body over the limit is 413 (got $code)"

# ---- gzip ------------------------------------------------------------------------
K6=$(uid aaaa0000 6)
N4=$(caseno 539102 2 $D 1)
printf '{"key":"%s","events":[%s]}' "$K6" \
	"$(ev "$(uid eeee0000 9)" "$(uid ca5e0000 4)" "$N4" received "$received_body")" |
	gzip -c >"$tmp/push6.gz"
api POST /v1/sync/push "$tmp/push6.gz" "$tok2" -H "Content-Encoding: gzip" \
	-H "Accept-Encoding: gzip" -D "$tmp/headers"
grep -qi '^content-encoding: gzip' "$tmp/headers" && ok "the answer is gzipped when asked" ||
	not_ok "the answer is gzipped when asked"
gzip -dc <"$tmp/body" >"$tmp/plain" 2>/dev/null
[ "$(jget "$tmp/plain" '$.results[0].status') $(jget "$tmp/plain" '$.results[0].seq')" = "accepted 7" ] &&
	ok "a gzipped push is read" || not_ok "a gzipped push is read"
printf 'not gzip' >"$tmp/notgz"
api POST /v1/sync/push "$tmp/notgz" "$tok2" -H "Content-Encoding: gzip"
[ "$code" = 400 ] && ok "a broken gzip body is 400" || not_ok "a broken gzip body is 400"

# ---- pull ---------------------------------------------------------------------------
api GET "/v1/sync/pull?after=0&limit=3" "" "$tok2"
[ "$code" = 200 ] && [ "$(jget "$tmp/body" '$.next') $(jget "$tmp/body" '$.more')" = "3 1" ] &&
	ok "a page of 3: next 3, more" || not_ok "a page of 3: next 3, more ($body)"
[ "$(jget "$tmp/body" '$.events[0].id') $(jget "$tmp/body" '$.events[0].terminal')" = \
	"$E1 539102-01" ] && ok "events carry id and sending terminal" || not_ok "events carry id and terminal"
[ "$(jget "$tmp/body" '$.events[0].body.promised_limit')" = 3 ] && ok "and their body" ||
	not_ok "and their body"
seen="" cursor=0 more=1 pages=0
while [ "$more" = 1 ] && [ $pages -lt 20 ]; do
	api GET "/v1/sync/pull?after=$cursor&limit=2" "" "$tok1"
	seen="$seen $(sqlite3 :memory: "SELECT group_concat(json_extract(value, '\$.seq'), ' ') FROM json_each(CAST(readfile('$tmp/body') AS TEXT), '\$.events')")"
	cursor=$(jget "$tmp/body" '$.next')
	more=$(jget "$tmp/body" '$.more')
	pages=$((pages + 1))
done
[ "$(echo $seen)" = "1 2 3 4 5 6 7" ] && ok "paging sees every event once, in seq order" ||
	not_ok "paging sees every event once ($seen)"
api GET "/v1/sync/pull?after=7" "" "$tok1"
[ "$(jget "$tmp/body" '$.next') $(jget "$tmp/body" '$.more')" = "7 0" ] &&
	ok "at the end: same cursor, no more" || not_ok "at the end: same cursor, no more"
api GET "/v1/sync/pull?after=-1" "" "$tok1"
[ "$code" = 400 ] && ok "a bad cursor is 400" || not_ok "a bad cursor is 400"
api GET "/v1/sync/pull?after=99999999999999999999999" "" "$tok1"
[ "$code" = 400 ] && ok "a cursor beyond 64 bits is 400" || not_ok "a cursor beyond 64 bits is 400 (got $code: $body)"
expect_out "after 超出范围" "with a message naming the parameter"
api GET "/v1/ref?since=99999999999999999999999" "" "$tok1"
[ "$code" = 400 ] && ok "a ref version beyond 64 bits is 400" ||
	not_ok "a ref version beyond 64 bits is 400 (got $code: $body)"
expect_out "since 超出范围" "with a message naming the parameter"


# ---- reference data ------------------------------------------------------------------
api GET "/v1/ref?since=0" "" "$tok1"
v=$(jget "$tmp/body" '$.version')
[ "$(jget "$tmp/body" '$.catalog.version')" = 1 ] && ok "ref gives the catalog" || not_ok "ref gives the catalog"
[ "$(jget "$tmp/body" '$.users[0].name') $(jget "$tmp/body" '$.users[0].role')" = "clerk clerk" ] &&
	ok "ref gives users" || not_ok "ref gives users"
case $(jget "$tmp/body" '$.users[0].pw_hash') in '$argon2id$'*) ok "with argon2id hashes" ;;
	*) not_ok "with argon2id hashes" ;; esac
[ "$(jget "$tmp/body" '$.calendars[0].year')" = 2026 ] && ok "ref gives calendars" || not_ok "ref gives calendars"
[ "$(jget "$tmp/body" '$.settings."doc.centre"')" = "安澜区政务服务中心" ] && ok "ref gives settings" ||
	not_ok "ref gives settings"
[ "$(jget "$tmp/body" '$.settings."supervise.warn_days"')" = 3 ] && ok "and supervise.* settings" ||
	not_ok "and supervise.* settings"
central_sql "INSERT INTO settings VALUES ('doc.lp_command', 'rm -rf /'), ('sync.token', 'x')"
adm "$@" setting set doc.phone "0871-12345678"
api GET "/v1/ref?since=0" "" "$tok1"
[ "$(jget "$tmp/body" '$.settings."doc.phone"')" = "0871-12345678" ] &&
	[ -z "$(jget "$tmp/body" '$.settings."doc.lp_command"')" ] &&
	[ -z "$(jget "$tmp/body" '$.settings."sync.token"')" ] &&
	ok "ref never sends a stored key central may not distribute" ||
	not_ok "ref never sends a stored key central may not distribute ($body)"
v=$(jget "$tmp/body" '$.version')
api GET "/v1/ref?since=$v" "" "$tok1"
[ "$body" = "{\"version\":$v}" ] && ok "unchanged: the version alone" || not_ok "unchanged: the version alone ($body)"
printf 'pass-word-2\n' >"$tmp/stdin"
adm "$@" user add wang --role approver --dept "区市场监督管理局"
: >"$tmp/stdin"
api GET "/v1/ref?since=$v" "" "$tok1"
[ "$(jget "$tmp/body" '$.version')" -gt "$v" ] && [ -z "$(jget "$tmp/body" '$.catalog')" ] &&
	[ "$(jget "$tmp/body" '$.users[1].department')" = "区市场监督管理局" ] &&
	ok "a user added: new version, users, no catalog" || not_ok "a user added: new version ($body)"

# ---- online applications --------------------------------------------------------------
ITEM=11539102MB1A2704434000101700200
A1=$(uid a0000000 1)
cat >"$tmp/app1" <<EOF
{"id":"$A1","item":"$ITEM","applicant":{"kind":"org","name":"云岭市安澜区好味餐饮有限公司",
 "id_no":"91530102MA6K3XXP8B"},"phone":"13812345678",
 "fields":{"ztyt":"餐饮服务经营者","jyxm":"热食类食品制售","csdz":"安澜区滨江大道 88 号",
  "csmj":"120","aqgly":"李明","lxdh":"13812345678"},
 "materials":[{"id":"sqs","electronic":true}]}
EOF
sed -i "s/91530102MA6K3XXP8B/$(uscc 91530102MA6K3XXP8)/" "$tmp/app1"
api POST /v1/applications "$tmp/app1" "$tok1"
[ "$code" = 201 ] && ok "an application is 201" || not_ok "an application is 201 (got $code: $body)"
num=$(jget "$tmp/body" '$.number')
case $num in 539102-99-261120-0001-?) ok "numbered by central, terminal 99" ;;
	*) not_ok "numbered by central, terminal 99 ($num)" ;; esac
api POST /v1/applications "$tmp/app1" "$tok1"
[ "$code" = 200 ] && [ "$(jget "$tmp/body" '$.number')" = "$num" ] &&
	ok "the same id again: 200, same number" || not_ok "the same id again: 200, same number"
cat >"$tmp/app2" <<EOF
{"id":"$(uid a0000000 2)","item":"$ITEM","applicant":{"kind":"person","name":"",
 "id_no":"110101199003071234"},"phone":"12345",
 "fields":{"ztyt":"卖菜","zzz":"1"},"materials":[{"name":"不存在的材料","electronic":true}]}
EOF
api POST /v1/applications "$tmp/app2" "$tok1"
[ "$code" = 422 ] && ok "an invalid application is 422" || not_ok "an invalid application is 422 (got $code)"
nerr=$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile('$tmp/body') AS TEXT), '\$.errors')")
[ "${nerr:-0}" -ge 7 ] && ok "every problem listed ($nerr)" || not_ok "every problem listed ($nerr: $body)"
expect_out "applicant.id_no" "the ID number problem is named"
expect_out "fields.jyxm" "a missing required field is named"
sed -e "s/$A1/$(uid a0000000 3)/" -e 's/"materials":\[{"id":"sqs","electronic":true}\]/"materials":[{"id":"sqs","electronic":true},{"name":"食品经营许可申请书","electronic":true}]/' \
	"$tmp/app1" >"$tmp/app3"
grep -q '食品经营许可申请书' "$tmp/app3" || echo "# app3 not made"
api POST /v1/applications "$tmp/app3" "$tok1"
[ "$code" = 422 ] && ok "the same material twice is 422" || not_ok "the same material twice is 422 (got $code: $body)"
expect_out "materials[2]：重复" "the second listing is named as a repeat"
sed -e "s/$A1/$(uid a0000000 4)/" -e 's/"id_no":"[^"]*"/"id_no":""/' "$tmp/app1" >"$tmp/app4"
api POST /v1/applications "$tmp/app4" "$tok1"
[ "$code" = 422 ] && ok "an empty id_no is 422" || not_ok "an empty id_no is 422 (got $code)"
expect_out "applicant.id_no：缺少统一社会信用代码" "saying the credit code is missing"
# the same under valgrind: no decision may rest on memory never written
if [ "$backend" = sqlite ] && command -v valgrind >/dev/null 2>&1 &&
	! ldd "$YCD" 2>/dev/null | grep -q 'lib[at]san'; then
	printf '#!/bin/sh\nexec valgrind -q --log-file="%s" "%s" "$@"\n' "$tmp/vg.log" "$YCD" >"$tmp/vgycd"
	chmod +x "$tmp/vgycd"
	ycd_real=$YCD url_keep=$url
	YCD=$tmp/vgycd
	if ycd_start vg "$@" --site 539102; then
		api POST /v1/applications "$tmp/app4" "$tok1"
		ycd_stop vg
		[ "$code" = 422 ] && ! grep -q "uninitialised" "$tmp/vg.log" &&
			ok "an empty id_no reads no uninitialised memory (valgrind)" ||
			not_ok "an empty id_no reads no uninitialised memory (valgrind): $(grep -m 3 -A 4 uninitialised "$tmp/vg.log")"
	else
		not_ok "yichuangd starts under valgrind"
	fi
	YCD=$ycd_real url=$url_keep
fi
# a bad or missing id is one problem among all the others
sed -e "s/$(uid a0000000 2)/not-a-uuid/" "$tmp/app2" >"$tmp/app5"
api POST /v1/applications "$tmp/app5" "$tok1"
n5=$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile('$tmp/body') AS TEXT), '\$.errors')")
[ "$code" = 422 ] && [ "${n5:-0}" -gt "${nerr:-0}" ] &&
	ok "a bad id with $nerr other problems: 422 lists all $n5" ||
	not_ok "a bad id with $nerr other problems: 422 lists $n5 ($body)"
expect_out "id：申请编号应为 UUID" "the id problem is listed"
expect_out "applicant.id_no" "and so is the ID number's"
printf '{}' >"$tmp/app6"
api POST /v1/applications "$tmp/app6" "$tok1"
[ "$code" = 422 ] && ok "{} is 422" || not_ok "{} is 422 (got $code)"
for k in "id：" "item：" "phone：" "applicant："; do
	expect_out "$k" "{} lists the problem of $k"
done
# the item's kinds of applicant, as at the counter
sed -e "s/$A1/$(uid a0000000 7)/" -e 's/"kind":"org","name":"[^"]*"/"kind":"person","name":"张三"/' \
	-e 's/"id_no":"[^"]*"/"id_no":"11010519491231002X"/' "$tmp/app1" >"$tmp/app7"
api POST /v1/applications "$tmp/app7" "$tok1"
[ "$code" = 422 ] && ok "a person applying for an item only organisations may: 422" ||
	not_ok "a person applying for an item only organisations may is $code: $body"
expect_out "只受理单位申请" "saying the item takes organisations only"
CJRZ=$(sed -n 's/^code *= *//p' forms/cjrz.item)
printf '{"id":"%s","item":"%s","applicant":{"kind":"org","name":"云岭市安澜区好味餐饮有限公司","id_no":"%s"},"phone":"13812345678","fields":{},"materials":[]}' \
	"$(uid a0000000 8)" "$CJRZ" "$(uscc 91530102MA6K3XXP8)" >"$tmp/app8"
api POST /v1/applications "$tmp/app8" "$tok1"
[ "$code" = 422 ] && ok "an organisation applying for an item only persons may: 422" ||
	not_ok "an organisation applying for an item only persons may is $code: $body"
expect_out "只受理个人申请" "saying the item takes persons only"
# one id, one application
sed -e 's/"csmj":"120"/"csmj":"150"/' "$tmp/app1" >"$tmp/app9"
api POST /v1/applications "$tmp/app9" "$tok1"
[ "$code" = 422 ] && ok "the same id with another body: 422" ||
	not_ok "the same id with another body is $code: $body"
expect_out "已用于另一份内容不同的申请（办件编号 $num）" "naming the case the id made"
tr -d '\n' <"$tmp/app1" | sed 's/, */,/g' >"$tmp/app1b"
api POST /v1/applications "$tmp/app1b" "$tok1"
[ "$code" = 200 ] && [ "$(jget "$tmp/body" '$.number')" = "$num" ] &&
	ok "the same id and content spaced otherwise: 200, same number" ||
	not_ok "the same id and content spaced otherwise is $code: $body"
api POST /v1/applications "$tmp/app1"
[ "$code" = 401 ] && ok "applications need a token" || not_ok "applications need a token"
api GET "/v1/sync/pull?after=7" "" "$tok2"
[ "$(jget "$tmp/body" '$.events[0].case_number')" = "$num" ] &&
	[ "$(jget "$tmp/body" '$.events[0].body.channel') $(jget "$tmp/body" '$.events[0].actor')" = \
		"online online" ] && ok "the online case reaches terminals by pull" ||
	not_ok "the online case reaches terminals by pull ($body)"
[ "$(jget "$tmp/body" '$.events[0].body.answer_due')" = 2026-11-24 ] &&
	ok "with its 2-working-day answer date" || not_ok "with its 2-working-day answer date"
[ "$(jget "$tmp/body" '$.events[0].body.materials[0].id') $(jget "$tmp/body" '$.events[0].body.materials[0].receipt')" = \
	"sqs electronic" ] && ok "materials sent online are recorded as received electronically" ||
	not_ok "materials sent online are recorded as received electronically"

# ---- metrics and shutdown ----------------------------------------------------------------
# ---- one batch: later events see the earlier ones ----------------------------------
K8=$(uid aaaa0000 8) N10=$(caseno 539102 1 $D 10)
C10=$(uid ca5e0000 10) C11=$(uid ca5e0000 11) E10=$(uid eeee0000 10)
printf '{"key":"%s","events":[%s,%s,%s,%s]}' "$K8" \
	"$(ev "$E10" "$C10" "$N10" received "$received_body")" \
	"$(ev "$E10" "$C10" "$N10" received "$received_body")" \
	"$(ev "$E10" "$C10" "$N10" accepted "$day_body")" \
	"$(ev "$(uid eeee0000 11)" "$C11" "$N10" received "$received_body")" >"$tmp/push8"
api POST /v1/sync/push "$tmp/push8" "$tok1"
s0=$(jget "$tmp/body" '$.results[0].seq')
[ "$(jget "$tmp/body" '$.results[0].status')" = accepted ] && [ -n "$s0" ] &&
	[ "$(jget "$tmp/body" '$.results[1].status') $(jget "$tmp/body" '$.results[1].seq')" = \
	  "duplicate $s0" ] && ok "an event sent twice in one batch: the second is a duplicate with its seq" ||
	not_ok "an event sent twice in one batch ($body)"
[ "$(jget "$tmp/body" '$.results[2].status')" = invalid ] &&
	ok "the same id with another body later in the batch is invalid" ||
	not_ok "the same id with another body later in the batch ($body)"
case "$(jget "$tmp/body" '$.results[3].status') $(jget "$tmp/body" '$.results[3].reason')" in
invalid*"$N10"*"$C10"*) ok "a second case with a number taken earlier in the batch is invalid, naming it" ;;
*) not_ok "a second case with a number taken earlier in the batch ($body)" ;;
esac
[ "$(central_sql "SELECT count(*) FROM events WHERE case_number = '$N10'")" = 1 ] &&
	ok "central stored the batch's one good event once" || not_ok "central stored the batch's events wrongly"

api GET /metrics
expect_out 'yichuangd_requests_total{path="/v1/sync/push",code="200"}' "metrics count requests"
expect_out 'yichuangd_push_events_total{status="conflict"} 1' "metrics count conflicts"
expect_out 'yichuangd_events_total 9' "metrics give the stored events"
expect_out '# TYPE yichuangd_events_total counter' "a _total that only grows is a counter"
expect_out '# TYPE yichuangd_conflicts_total counter' "the conflicts kept too"
case $out in *" gauge"*) not_ok "no metric is a gauge ($(echo "$out" | grep gauge))" ;;
*) ok "no metric is a gauge" ;; esac
api HEAD /metrics "" "" -I
[ "$code" = 200 ] && ok "HEAD /metrics answers 200" || not_ok "HEAD /metrics answers $code"
api HEAD /healthz "" "" -I
[ "$code" = 200 ] && ok "HEAD /healthz answers 200" || not_ok "HEAD /healthz answers $code"
grep -q '^POST /v1/sync/push 200 [0-9.]*ms$' "$tmp/main.log" && ok "one log line per request" ||
	not_ok "one log line per request"
ycd_stop main
[ "$rc" = 0 ] && ok "SIGTERM: clean exit" || not_ok "SIGTERM: clean exit (exit $rc)"
grep -q "已停止" "$tmp/main.log" && ok "and says so" || not_ok "and says so"
if ycd_start again "$@" --site 539102; then
	api GET "/v1/sync/pull?after=0&limit=1000" "" "$tok1"
	[ "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile('$tmp/body') AS TEXT), '\$.events')")" = 9 ] &&
		ok "after a restart every event is still there" || not_ok "after a restart every event is still there"
	ycd_stop again
else
	not_ok "restarts"
fi

# ---- TLS ------------------------------------------------------------------------------------
if [ "$backend" = sqlite ] && command -v openssl >/dev/null 2>&1 &&
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
		-keyout "$tmp/key.pem" -out "$tmp/cert.pem" >/dev/null 2>&1; then
	"$YCD" --listen 127.0.0.1:0 "$@" --tls-cert "$tmp/cert.pem" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out="" errout=$(cat "$tmp/err") last="yichuangd --tls-cert only"
	expect_rc 1 "--tls-cert without --tls-key is refused"
	expect_err "--tls-key" "and says what is missing"
	if ycd_scheme=https ycd_start tls "$@" --tls-cert "$tmp/cert.pem" --tls-key "$tmp/key.pem"; then
		[ "$(curl -sk "$url/healthz")" = ok ] && ok "HTTPS with --tls-cert/--tls-key" ||
			not_ok "HTTPS with --tls-cert/--tls-key"
		ycd_stop tls
	else
		not_ok "starts with TLS"
	fi
fi
finish
