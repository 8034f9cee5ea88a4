#!/bin/sh
# test_progress.sh — the public progress query GET /v1/progress/NUMBER (the
# QR code on every notice): no token, JSON or a plain HTML page, the state,
# dates and 补正 list of a case, a masked applicant name and never an ID
# number or phone; a mistyped or unknown number is 404 in Chinese; a token
# bucket per client address (429), behind a trusted proxy by its
# X-Forwarded-For, IPv6 by /64.
#
#   sh tests/server/test_progress.sh [sqlite|pg]     (sqlite when not given)
. tests/server/lib.sh
backend=${1:-sqlite}
if [ "$backend" = pg ]; then
	pg_require
	set -- --pg "$pg"
else
	set -- --db "$tmp/central.db"
fi
D=261120
N1=$(caseno 539102 1 $D 1) N2=$(caseno 539102 1 $D 2) N3=$(caseno 539102 1 $D 3)
C1=$(uid ca5e0000 1) C2=$(uid ca5e0000 2) C3=$(uid ca5e0000 3)
ID1=110101199003071234 PHONE1=13812345678 ID3=91530102MA6K3XXP8B PHONE3=13998765432

"$YCD" admin "$@" terminal add --site 539102 --name "1号窗口" >"$tmp/t" 2>&1
token=$(tail -n 1 "$tmp/t")
"$YCD" admin "$@" setting set doc.centre "安澜区政务服务中心" >/dev/null
"$YCD" admin "$@" setting set doc.phone "0871-12345678" >/dev/null
# the users who act on the cases (central checks them)
printf 'secret-pass\n' | "$YCD" admin "$@" user add sj --role approver --dept 市场监管局 >/dev/null
printf 'secret-pass\n' | "$YCD" admin "$@" user add fa --role issuer >/dev/null
if ycd_start main "$@" --progress-burst 1000; then ok "yichuangd starts ($backend)"; else
	not_ok "yichuangd starts ($backend)"; finish; exit 1; fi

# received BODY-MEMBERS: a received body as the counter writes it
received() {
	printf '{"day":"2026-11-20","instant":false,"promised_limit":3,"promised_unit":"workdays","item_code":"X","catalog_version":1,"channel":"window",%s}' "$1"
}
person='"item_name":"食品经营许可（新办）","applicant":{"kind":"person","name":"张三丰","id_no":"'$ID1'","phone":"'$PHONE1'"}'
person2='"item_name":"食品经营许可（新办）","applicant":{"kind":"person","name":"李四","id_no":"'$ID1'","phone":"'$PHONE1'"}'
org='"item_name":"<b>餐饮</b> & 许可","applicant":{"kind":"org","name":"云岭市安澜区好味餐饮有限公司","id_no":"'$ID3'","phone":"'$PHONE3'"}'
correction='{"day":"2026-11-20","problems":[{"material":"sqs","name":"申请书","text":"申请书：缺少申请人签名"},{"material":"yyzz","name":"营业执照","text":"营业执照：复印件不清晰，请重新复印"}],"materials":[]}'
n=0 events=""
# e CASE_ID NUMBER TYPE BODY: adds an event to the push body
e() { n=$((n + 1)); events="$events${events:+,}$(ev "$(uid eeee0000 $n)" "$@")"; }
e "$C1" "$N1" received "$(received "$person")"
e "$C1" "$N1" accepted "$day_body"
e "$C2" "$N2" received "$(received "$person2")"
e "$C2" "$N2" correction_requested "$correction"
e "$C3" "$N3" received "$(received "$org")"
e "$C3" "$N3" accepted "$day_body"
e "$C3" "$N3" review_started '{"day":"2026-11-20"}' sj
e "$C3" "$N3" decided '{"day":"2026-11-23","decision":"approve"}' sj
e "$C3" "$N3" result_handed_over '{"day":"2026-11-23"}' fa
e "$C3" "$N3" delivered '{"day":"2026-11-24","delivery":"pickup"}' fa
printf '{"key":"%s","events":[%s]}' "$(uid aaaa0000 1)" "$events" >"$tmp/push"
api POST /v1/sync/push "$tmp/push" "$token"
[ "$(sqlite3 :memory: "SELECT count(*) FROM json_each(CAST(readfile('$tmp/body') AS TEXT), '\$.results') WHERE json_extract(value, '\$.status') = 'accepted'")" = 10 ] &&
	ok "the test cases are pushed" || not_ok "the test cases are pushed ($body)"

# ---- JSON ------------------------------------------------------------------------------
j() { jget "$tmp/body" "$1"; }
api GET "/v1/progress/$N1" "" "" -D "$tmp/h"
[ "$code" = 200 ] && ok "the progress of a case needs no token" || not_ok "progress 200 (got $code: $body)"
grep -qi '^content-type: application/json' "$tmp/h" && ok "JSON by default" || not_ok "JSON by default"
grep -qi '^cache-control: no-store' "$tmp/h" && ok "and never cached" || not_ok "Cache-Control: no-store"
[ "$(j '$.number')" = "$N1" ] && [ "$(j '$.item')" = "食品经营许可（新办）" ] &&
	ok "number and item name" || not_ok "number and item name ($body)"
[ "$(j '$.state') $(j '$.state_label')" = "accepted 已受理" ] && ok "the state and its Chinese label" ||
	not_ok "state label ($body)"
[ "$(j '$.received') $(j '$.accepted') $(j '$.promised')" = "2026-11-20 2026-11-20 2026-11-25" ] &&
	ok "received, accepted and promised dates (3 working days)" || not_ok "dates ($body)"
[ -z "$(j '$.decided')" ] && [ "$(j '$.decided')" = "$(j '$.delivered')" ] &&
	sqlite3 :memory: "SELECT json_type(CAST(readfile('$tmp/body') AS TEXT), '\$.decided')" | grep -q null &&
	ok "dates not yet reached are null" || not_ok "null dates ($body)"
[ "$(j '$.applicant')" = "张*丰" ] && ok "the applicant's name masked (张*丰)" || not_ok "masked name ($(j '$.applicant'))"
case $body in *"$ID1"*|*"$PHONE1"*|*张三丰*) not_ok "no ID number, phone or full name" ;;
	*) ok "no ID number, phone or full name" ;; esac
[ -z "$(j '$.corrections')" ] && ok "no 补正 list when not in correction" || not_ok "no corrections ($body)"
[ "$(j '$.centre') $(j '$.phone')" = "安澜区政务服务中心 0871-12345678" ] &&
	ok "the centre and its phone from the settings" || not_ok "centre and phone ($body)"

api GET "/v1/progress/$N2"
[ "$(j '$.state') $(j '$.state_label')" = "correction 补正中" ] && ok "a case in correction" ||
	not_ok "correction state ($body)"
[ "$(j '$.applicant')" = "李*" ] && ok "a two-character name keeps its first character (李*)" ||
	not_ok "two-character name ($(j '$.applicant'))"
[ "$(j '$.corrections[0].text')|$(j '$.corrections[1].name')" = "申请书：缺少申请人签名|营业执照" ] &&
	ok "lists every material to bring (一次告知)" || not_ok "corrections list ($body)"

api GET "/v1/progress/$N3"
[ "$(j '$.state_label') $(j '$.decided') $(j '$.delivered')" = "已送达（准予许可） 2026-11-23 2026-11-24" ] &&
	ok "a delivered case with its decision and delivery dates" || not_ok "delivered case ($body)"
[ "$(j '$.applicant')" = "云岭***有限公司" ] && ok "an organisation's name masked in the middle" ||
	not_ok "org masked ($(j '$.applicant'))"
case $body in *"$ID3"*|*"$PHONE3"*) not_ok "no credit code or phone" ;; *) ok "no credit code or phone" ;; esac

lower=$(echo "$N1" | tr 'A-Z' 'a-z' | tr -d '-')
api GET "/v1/progress/$lower"
[ "$code" = 200 ] && [ "$(j '$.number')" = "$N1" ] &&
	ok "a number typed in lowercase without dashes is found" || not_ok "lenient number ($code $body)"

# ---- errors ------------------------------------------------------------------------------
bad=$(echo "$N1" | sed 's/.$//')
for c in 0 1 2 3 4 5 6 7 8 9 A B C D E F G H J K L M N P Q R T U W X Y; do
	[ "$bad$c" != "$N1" ] && { bad=$bad$c; break; }
done
api GET "/v1/progress/$bad"
[ "$code" = 404 ] && ok "a wrong check character is 404" || not_ok "wrong check 404 (got $code)"
expect_out "校验位" "saying the check character is wrong"
api GET "/v1/progress/$(caseno 539102 1 $D 77)"
[ "$code" = 404 ] && ok "an unknown number is 404" || not_ok "unknown 404 (got $code)"
expect_out "没有查到办件" "saying it was not found"
api GET "/v1/progress/hello"
[ "$code" = 404 ] && ok "something that is no number is 404" || not_ok "garbage 404 (got $code)"
expect_out "不是有效的办件编号" "saying so"
api GET "/v1/progress/"
[ "$code" = 404 ] && ok "no number is 404" || not_ok "no number 404 (got $code)"
expect_out "办件编号" "with an example"
curl -sI "$url/v1/progress/$N1" >"$tmp/h"
head -n 1 "$tmp/h" | grep -q ' 200' && ok "HEAD answers the headers" || not_ok "HEAD ($(head -n 1 "$tmp/h"))"
api POST "/v1/progress/$N1"
[ "$code" = 405 ] && ok "POST is 405" || not_ok "POST 405 (got $code)"
api GET "/v1/progress/$N1?format=xml"
[ "$code" = 400 ] && ok "an unknown format is 400" || not_ok "format=xml 400 (got $code)"

# ---- HTML --------------------------------------------------------------------------------
api GET "/v1/progress/$N2" "" "" -H "Accept: text/html,application/xhtml+xml;q=0.9" -D "$tmp/h"
[ "$code" = 200 ] && grep -qi '^content-type: text/html; charset=utf-8' "$tmp/h" &&
	ok "Accept: text/html gives a UTF-8 page" || not_ok "HTML page ($code)"
case $body in "<!DOCTYPE html>"*) ok "a whole HTML document" ;; *) not_ok "a whole HTML document" ;; esac
expect_out 'name="viewport"' "made for a phone screen"
expect_out '<p class="state">补正中</p>' "the state stands out"
expect_out "<li>申请书：缺少申请人签名</li>" "the 补正 list as a list"
expect_out "李*" "the masked name"
expect_out "0871-12345678" "the centre's phone"
case $body in *src=*|*href=*|*http:*|*https:*|*"@import"*) not_ok "no external assets" ;;
	*) ok "no external assets" ;; esac
grep -qi "^content-security-policy: default-src 'none'" "$tmp/h" &&
	ok "a policy that loads nothing from elsewhere" || not_ok "Content-Security-Policy"
case $body in *"$ID1"*|*"$PHONE1"*) not_ok "no ID number or phone on the page" ;;
	*) ok "no ID number or phone on the page" ;; esac
api GET "/v1/progress/$N3?format=html"
case $body in "<!DOCTYPE html>"*) ok "?format=html gives the page too" ;; *) not_ok "?format=html" ;; esac
expect_out "&lt;b&gt;餐饮&lt;/b&gt; &amp; 许可" "text is escaped"
expect_no_out "<b>餐饮" "never markup from the data"
api GET "/v1/progress/$N3?format=json" "" "" -H "Accept: text/html"
[ "$(j '$.number')" = "$N3" ] && ok "?format=json wins over Accept" || not_ok "format=json wins"
api GET "/v1/progress/$bad" "" "" -H "Accept: text/html"
[ "$code" = 404 ] && case $body in "<!DOCTYPE html>"*校验位*) true ;; *) false ;; esac &&
	ok "a 404 is a page too, in Chinese" || not_ok "HTML 404 ($body)"

api GET /metrics
expect_out 'yichuangd_requests_total{path="/v1/progress",code="200"}' "metrics count every number under one label"

# ---- rate limit --------------------------------------------------------------------------
if ycd_start strict "$@" --progress-rate 1 --progress-burst 2; then
	api GET "/v1/progress/$N1"
	c1=$code
	api GET "/v1/progress/$N1"
	c2=$code
	api GET "/v1/progress/$N1" "" "" -D "$tmp/h"
	[ "$c1 $c2 $code" = "200 200 429" ] && ok "over the burst: 429" || not_ok "429 after the burst ($c1 $c2 $code)"
	expect_out "查询太频繁" "with a Chinese message"
	ra=$(sed -n 's/^[Rr]etry-[Aa]fter: *\([0-9]*\).*/\1/p' "$tmp/h")
	[ "${ra:-0}" -ge 1 ] && [ "${ra:-0}" -le 61 ] && ok "and Retry-After ($ra s)" ||
		not_ok "Retry-After ($ra)"
	api GET "/v1/progress/$N1" "" "" -H "X-Forwarded-For: 203.0.113.9"
	[ "$code" = 429 ] && ok "X-Forwarded-For is ignored from an untrusted peer" ||
		not_ok "untrusted X-Forwarded-For ($code)"
	api GET "/v1/progress/$N1" "" "" -H "Accept: text/html"
	[ "$code" = 429 ] && case $body in "<!DOCTYPE html>"*查询太频繁*) true ;; *) false ;; esac &&
		ok "the 429 page for a browser" || not_ok "HTML 429"
	api POST /v1/register "" "$token"
	[ "$code" = 200 ] && ok "the limit is the public query's only" || not_ok "register unaffected ($code)"
	ycd_stop strict
else
	not_ok "a strict instance starts"
fi
if ycd_start proxy "$@" --progress-rate 1 --progress-burst 2 --trust-proxy "10.9.9.9, 127.0.0.1"; then
	q() { api GET "/v1/progress/$N1" "" "" -H "X-Forwarded-For: $1"; echo "$code"; }
	codes="$(q 203.0.113.5) $(q 203.0.113.5) $(q '198.51.100.7, 203.0.113.5')"
	[ "$codes" = "200 200 429" ] && ok "behind a trusted proxy, the client its X-Forwarded-For names last" ||
		not_ok "trusted proxy buckets ($codes)"
	[ "$(q 203.0.113.6)" = 200 ] && ok "another client has its own bucket" || not_ok "own bucket"
	codes="$(q 2001:db8:1:2::1) $(q 2001:db8:1:2::2) $(q 2001:db8:1:2:ffff::3)"
	[ "$codes" = "200 200 429" ] && ok "IPv6 clients count by /64" || not_ok "IPv6 /64 ($codes)"
	[ "$(q 2001:db8:1:3::1)" = 200 ] && ok "another /64 is another client" || not_ok "another /64"
	ycd_stop proxy
else
	not_ok "an instance behind a proxy starts"
fi
"$YCD" --db "$tmp/x.db" --progress-rate -1 >"$tmp/out" 2>"$tmp/err"
rc=$? out="" errout=$(cat "$tmp/err") last="yichuangd --progress-rate -1"
expect_rc 2 "a negative rate is refused"
expect_err "progress-rate" "naming the option"

ycd_stop main
[ "$rc" = 0 ] && ok "clean stop" || not_ok "clean stop (exit $rc)"
finish
