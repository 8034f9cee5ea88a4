#!/bin/sh
# test_push_rules.sh — what central refuses in a push besides the case's
# state: an actor who may not record the event (the workstation's role
# table, checked against central's users), the events of a case after one
# of its events was refused in the same batch, and a push or pull that
# does not name its workstation database.
#
#   sh tests/server/test_push_rules.sh [sqlite|pg]     (sqlite when not given)
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
SJ=云岭市安澜区市场监督管理局
ITEM=11539102MB1A2704434000101700100	# an item of $SJ in forms/
adm() {
	"$YCD" admin "$@" >"$tmp/out" 2>"$tmp/err" <"$tmp/stdin"
	rc=$?
	out=$(cat "$tmp/out")
	errout=$(cat "$tmp/err")
	last="yichuangd admin $*"
}
: >"$tmp/stdin"
adm "$@" terminal add --site 539102 --name "1号窗口"
tok=$(tail -n 1 "$tmp/out")
printf 'secret-pass\n' >"$tmp/stdin"
adm "$@" user add clerk --role clerk &&
	adm "$@" user add sj --role approver --dept "$SJ" &&
	adm "$@" user add zr --role approver --dept 云岭市安澜区自然资源局 &&
	adm "$@" user add fa --role issuer &&
	adm "$@" user add old --role clerk
expect_rc 0 "central's users are added"
: >"$tmp/stdin"
adm "$@" catalog import forms
expect_rc 0 "the sample catalog imports (the items' departments)"
adm "$@" calendar import data/calendar/2026.cal
expect_rc 0 "calendar import"
ycd_start main "$@" --site 539102 || { not_ok "yichuangd starts ($backend)"; finish; exit 1; }

rb='{"day":"2026-11-20","instant":false,"promised_limit":20,"promised_unit":"workdays","item_code":"'$ITEM'","channel":"window"}'
n=0
# push EVENTS...: one batch of the events (JSON) under a new key
push() {
	n=$((n + 1))
	printf '{"key":"%s","events":[' "$(uid bbbb0000 $n)" >"$tmp/push"
	sep=""
	for e in "$@"; do printf '%s%s' "$sep" "$e" >>"$tmp/push"; sep=,; done
	printf ']}' >>"$tmp/push"
	api POST /v1/sync/push "$tmp/push" "$tok"
}
res() { jget "$tmp/body" "\$.results[$1].$2"; }
# a case received and accepted by the clerk: sets C, N
newcase() {
	C=$(uid ca5e0000 "$1") N=$(caseno 539102 1 $D "$1")
	push "$(ev "$(uid e1000000 "$1")" "$C" "$N" received "$rb")" \
		"$(ev "$(uid e2000000 "$1")" "$C" "$N" accepted "$day_body")"
	[ "$(res 1 status)" = accepted ] || not_ok "case $1 received and accepted ($body)"
}
events_of() { central_sql "SELECT count(*) FROM events WHERE case_id = '$1'"; }

# ---- roles ------------------------------------------------------------------
newcase 1
push "$(ev "$(uid e3000000 1)" "$C" "$N" withdrawn '{"day":"2026-11-23","reason":"申请人撤回"}' sj)"
case "$(res 0 status) $(res 0 reason)" in
invalid*sj*后台审批*撤件*) ok "a withdrawal by an approver is invalid, naming user and role" ;;
*) not_ok "a withdrawal by an approver ($body)" ;;
esac
push "$(ev "$(uid e3000000 2)" "$C" "$N" withdrawn '{"day":"2026-11-23"}')"
case "$(res 0 status) $(res 0 reason)" in
invalid*理由*) ok "a withdrawal without a reason is invalid" ;;
*) not_ok "a withdrawal without a reason ($body)" ;;
esac
push "$(ev "$(uid e3000000 3)" "$C" "$N" review_started "$day_body" nobody)"
case "$(res 0 status) $(res 0 reason)" in
invalid*nobody*) ok "an event by a user central does not hold is invalid, naming the user" ;;
*) not_ok "an event by an unknown user ($body)" ;;
esac
push "$(ev "$(uid e3000000 4)" "$C" "$N" review_started "$day_body" zr)"
case "$(res 0 status) $(res 0 reason)" in
invalid*zr*自然资源局*"$SJ"*) ok "a review by an approver of another department is invalid, naming both" ;;
*) not_ok "a review by another department's approver ($body)" ;;
esac
push "$(ev "$(uid e3000000 5)" "$C" "$N" review_started "$day_body" clerk)"
[ "$(res 0 status)" = invalid ] && ok "a review by a clerk is invalid" ||
	not_ok "a review by a clerk ($body)"
[ "$(events_of "$C")" = 2 ] && ok "and none of the refused events is stored" ||
	not_ok "refused events stored ($(events_of "$C"))"
push "$(ev "$(uid e3000000 6)" "$C" "$N" review_started "$day_body" sj)" \
	"$(ev "$(uid e3000000 7)" "$C" "$N" decided '{"day":"2026-11-24","decision":"approve"}' sj)" \
	"$(ev "$(uid e3000000 8)" "$C" "$N" result_handed_over '{"day":"2026-11-24"}' fa)"
[ "$(res 0 status) $(res 1 status) $(res 2 status)" = "accepted accepted accepted" ] &&
	ok "review and decision by the case's approver, result taken by the issuer: accepted" ||
	not_ok "the rightful actors ($body)"
adm "$@" user disable fa
[ "$rc" = 0 ] || not_ok "user disable fa ($errout)"
push "$(ev "$(uid e3000000 9)" "$C" "$N" delivered '{"day":"2026-11-25","delivery":"pickup"}' fa)"
case "$(res 0 status) $(res 0 reason)" in
invalid*fa*停用*) ok "an event by a disabled user is invalid" ;;
*) not_ok "an event by a disabled user ($body)" ;;
esac
api GET "/v1/sync/pull?after=0&limit=1000" "" "$tok"
[ "$code" = 200 ] && [ "$(jget "$tmp/body" '$.events[4].actor')" = fa ] &&
	ok "the stored events of a since disabled user are still pulled" ||
	not_ok "pull after disabling ($code)"
push "$(ev "$(uid e3000000 10)" "$C" "$N" document_issued '{"day":"2026-11-25","kind":"licence"}' old)"
[ "$(res 0 status)" = accepted ] && ok "an event without a role rule is not checked" ||
	not_ok "an event without a role rule ($body)"
newcase 2
push "$(ev "$(uid e3000000 11)" "$C" "$N" withdrawn '{"day":"2026-11-23","reason":"申请人撤回"}' clerk)"
[ "$(res 0 status)" = accepted ] && ok "a withdrawal by a clerk with the reason is accepted" ||
	not_ok "a withdrawal by a clerk ($body)"

# a 即办件 is decided and handed over by the clerk at the window at intake
ib='{"day":"2026-11-20","instant":true,"item_code":"'$ITEM'","channel":"window"}'
C=$(uid ca5e0000 9) N=$(caseno 539102 1 $D 9)
push "$(ev "$(uid e5000000 1)" "$C" "$N" received "$ib")" \
	"$(ev "$(uid e5000000 2)" "$C" "$N" accepted "$day_body")" \
	"$(ev "$(uid e5000000 3)" "$C" "$N" decided '{"day":"2026-11-20","decision":"approve"}')" \
	"$(ev "$(uid e5000000 4)" "$C" "$N" delivered '{"day":"2026-11-20","delivery":"pickup"}')"
[ "$(res 2 status) $(res 3 status)" = "accepted accepted" ] &&
	ok "a 即办件's decision and delivery by the clerk at intake are accepted" ||
	not_ok "a 即办件 closed at the window ($body)"
newcase 8
push "$(ev "$(uid e5000000 5)" "$C" "$N" review_started "$day_body" sj)" \
	"$(ev "$(uid e5000000 6)" "$C" "$N" decided '{"day":"2026-11-24","decision":"approve"}' clerk)"
[ "$(res 1 status)" = invalid ] && ok "but a clerk does not decide a case that is not a 即办件" ||
	not_ok "a clerk deciding a 承诺件 ($body)"

# ---- a refused event and the events after it in the batch -------------------
newcase 3
before=$(events_of "$C")
R=$(uid e4000000 1) F=$(uid e4000000 2)
push "$(ev "$R" "$C" "$N" correction_requested '{"day":"2026-11-20"}')" \
	"$(ev "$F" "$C" "$N" document_issued '{"day":"2026-11-20","kind":"correction"}')"
[ "$(res 0 status)" = conflict ] && ok "a 补正 notice for an accepted case is a conflict" ||
	not_ok "correction_requested on an accepted case ($body)"
case "$(res 1 status) $(res 1 reason)" in
conflict*"$R"*) ok "the notice's document after it is a conflict naming the refused event" ;;
*) not_ok "the document after a refused event ($body)" ;;
esac
[ "$(events_of "$C")" = "$before" ] && ok "nothing of the case changed on central" ||
	not_ok "the case changed on central ($(events_of "$C") events, was $before)"
[ "$(central_sql "SELECT count(*) FROM conflicts WHERE reason LIKE '%$R%'")" = 1 ] &&
	ok "the dependent event is kept among central's conflicts" ||
	not_ok "the dependent conflict kept"
newcase 4
push "$(ev "$(uid e4000000 3)" "$C" "$N" withdrawn '{"day":"2026-11-23"}')" \
	"$(ev "$(uid e4000000 4)" "$C" "$N" document_issued '{"day":"2026-11-23","kind":"x"}')" \
	"$(ev "$(uid e4000000 5)" "$(uid ca5e0000 5)" "$(caseno 539102 1 $D 5)" received "$rb")"
[ "$(res 0 status) $(res 1 status) $(res 2 status)" = "invalid conflict accepted" ] &&
	ok "after an invalid event its case's later events are refused, other cases' not" ||
	not_ok "after an invalid event ($body)"

# ---- the workstation database's id -------------------------------------------
install="" api POST /v1/sync/push "$tmp/push" "$tok"
[ "$code" = 400 ] && expect_out "X-Yichuang-Install" "a push without the database's id is 400, saying what is missing" ||
	not_ok "a push without X-Yichuang-Install ($code $body)"
install="" api GET "/v1/sync/pull?after=0" "" "$tok"
[ "$code" = 400 ] && ok "so is a pull" || not_ok "a pull without X-Yichuang-Install ($code)"
install=not-a-uuid api GET "/v1/sync/pull?after=0" "" "$tok"
[ "$code" = 400 ] && ok "and one with a malformed id" || not_ok "a malformed install id ($code)"
install=1a5e0000-0000-4000-8000-0000000000bb api GET "/v1/sync/pull?after=0" "" "$tok"
[ "$code" = 409 ] && ok "another database with the bound token is 409" ||
	not_ok "another database with the token ($code)"
finish
