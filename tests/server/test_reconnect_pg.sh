#!/bin/sh
# test_reconnect_pg.sh — yichuangd outlives its PostgreSQL server: after
# `pg_ctl restart` every request succeeds again (each pooled connection is
# made anew and the request run once more); while the server is down
# /healthz answers 503 and the API 503 with a Chinese message, never
# PostgreSQL's own words, which go to the log; when it is back, pushes and
# pulls go on and no event is lost or doubled.
. tests/server/lib.sh
pg_require

adm() {
	"$YCD" admin --pg "$pg" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$? out=$(cat "$tmp/out") errout=$(cat "$tmp/err") last="yichuangd admin $*"
}
adm terminal add --site 539102 --name "1号窗口"
expect_rc 0 "a terminal is added"
token1=$(tail -n 1 "$tmp/out")
mkdir "$tmp/b"
gen_batches "$tmp/b" 1 4 5		# 4 batches of 5 cases: 10 events each

# three request threads: four pooled connections, every one of which the
# restart cuts
if ycd_start main --pg "$pg" --threads 3; then ok "yichuangd starts on PostgreSQL"
else not_ok "yichuangd starts on PostgreSQL"; finish; exit 1; fi

api POST /v1/sync/push "$tmp/b/01-1.json" "$token1"
[ "$code" = 200 ] && ok "a push before the restart is answered 200" ||
	not_ok "a push before the restart answers $code: $body"

pg_restart && ok "pg_ctl restart" || not_ok "pg_ctl restart"
api POST /v1/sync/push "$tmp/b/01-2.json" "$token1"
[ "$code" = 200 ] && ok "the first push after the restart is answered 200" ||
	not_ok "the first push after the restart answers $code: $body"
bad=""
for i in 1 2 3 4 5 6 7 8; do
	api GET "/v1/sync/pull?after=0&limit=1000" "" "$token1"
	[ "$code" = 200 ] || bad="$bad pull:$code"
	api GET "/v1/ref?since=0" "" "$token1"
	[ "$code" = 200 ] || bad="$bad ref:$code"
	api GET /healthz
	[ "$code" = 200 ] || bad="$bad healthz:$code"
done
[ -z "$bad" ] && ok "after the restart every request on every connection succeeds" ||
	not_ok "after the restart some requests failed:$bad"
grep -q "已重新连接" "$tmp/main.log" && ok "the log says the connections were made again" ||
	not_ok "the log does not mention the reconnection"

pg_halt && ok "PostgreSQL stopped" || not_ok "PostgreSQL stopped"
api GET /healthz
[ "$code" = 503 ] && ok "/healthz answers 503 while the database is down" ||
	not_ok "/healthz answers $code while the database is down: $body"
api HEAD /healthz "" "" -I
[ "$code" = 503 ] && ok "HEAD /healthz answers 503 too" || not_ok "HEAD /healthz answers $code"
api POST /v1/sync/push "$tmp/b/01-3.json" "$token1"
[ "$code" = 503 ] && ok "a push while the database is down answers 503" ||
	not_ok "a push while the database is down answers $code: $body"
case $body in
*中心数据库暂时不可用*) ok "with a message in Chinese: $body" ;;
*) not_ok "the 503 body is: $body" ;;
esac
case $body in
*[Cc]onnect* | *server* | *socket* | *PostgreSQL* | *FATAL* | *"$tmp"*)
	not_ok "the answer passes the database's own words to the client: $body" ;;
*) ok "the answer does not pass PostgreSQL's words to the client" ;;
esac
api GET "/v1/sync/pull?after=0" "" "$token1"
[ "$code" = 503 ] && ok "a pull while the database is down answers 503" ||
	not_ok "a pull while the database is down answers $code: $body"
grep -q "重新连接失败" "$tmp/main.log" && ok "the log has why the database was out of reach" ||
	not_ok "the log does not say why the database was out of reach"

pg_resume && ok "PostgreSQL started again" || not_ok "PostgreSQL started again"
api GET /healthz
[ "$code" = 200 ] && ok "/healthz answers 200 again" || not_ok "/healthz answers $code: $body"
for b in 3 4; do
	api POST /v1/sync/push "$tmp/b/01-$b.json" "$token1"
	[ "$code" = 200 ] && ok "push $b after the database came back is answered 200" ||
		not_ok "push $b after the database came back answers $code: $body"
done
api GET "/v1/sync/pull?after=0&limit=1000" "" "$token1"
n=$(jget "$tmp/body" '$.events' | jq length 2>/dev/null)
[ "$code" = 200 ] && [ "$n" = 40 ] && ok "a pull gives all 40 events pushed, once each" ||
	not_ok "the pull answers $code with $n events, wanted 40"
dups=$(pg_run "$pg_bin/psql" "$pg" -Atqc "SELECT count(*) - count(DISTINCT id) FROM events")
[ "$dups" = 0 ] && ok "no event is stored twice" || not_ok "$dups events stored twice"

ycd_stop main
[ "$rc" = 0 ] && ok "yichuangd stops cleanly" || not_ok "yichuangd exits $rc"
finish
