#!/bin/sh
# test_fault_offline.sh — a town service point offline for "days": with
# yichuangd stopped (the fault proxy in front of it refuses every
# connection), window A keeps working for three days, 1500 cases and 3000
# events made through the real store code (tests/fault/ycfault.c); its
# syncs meanwhile exit 2 and lose nothing.  With central back, ONE sync
# sends everything (batches of 500) and a second terminal pulls it all
# (pages of 500).  Times and bytes are printed as figures, not checked.
. tests/server/lib.sh
. tests/sync/fault.lib
trap 'proxy_stop; server_cleanup' EXIT

command -v sqlite3 >/dev/null 2>&1 || skip "sqlite3 is not installed"
if fault_build; then ok "the fault proxy and the helper build"; else
	not_ok "the fault proxy and the helper build"; finish; exit 1; fi
central_setup || { not_ok "central set up"; finish; exit 1; }
terminal_add A && terminal_add B || { not_ok "terminals"; finish; exit 1; }
ycd_start main --db "$central" || { not_ok "yichuangd starts"; finish; exit 1; }
proxy_start || { not_ok "the proxy starts"; finish; exit 1; }

a="$tmp/a.db" b="$tmp/b.db"
q() { sqlite3 "$1" "$2"; }
check() { if eval "$1"; then ok "$2"; else not_ok "$2 [$1]"; return 1; fi; }
ms() { date +%s%3N; }

run --db "$a" init --server "$purl" --token "$tok_A"
expect_rc 0 "A registers"
run --db "$b" init --server "$purl" --token "$tok_B"
expect_rc 0 "B registers"

# ---- central goes away --------------------------------------------------------
ycd_stop main
t0=$(ms)
for day in 2026-11-18 2026-11-19 2026-11-20; do
	YICHUANG_TODAY=$day "$ycfault" mkcases "$a" $FOOD $day 500 "离线$day-" >>"$tmp/numbers" ||
		not_ok "cases of $day"
	ws_sync "$a" --retries 2
	check '[ "$rc" -eq 2 ] && [ "$(q "$a" "SELECT count(*) FROM outbox")" -gt 0 ]' \
		"$day: sync exits 2 with central down, the events wait"
done
t1=$(ms)
expect_err "没有丢失" "the message says nothing was lost"
check '[ "$(q "$a" "SELECT count(*) FROM outbox")" -eq 3000 ]' "3000 events wait in A's outbox"
check '[ "$(sort -u "$tmp/numbers" | wc -l)" -eq 1500 ]' "1500 case numbers, all different"
run --db "$a" sync --status
expect_out "离线" "A's status says offline"
expect_out "待上传事件：3000" "with 3000 events waiting"
echo "# 1500 cases (3000 events) made offline in $((t1 - t0)) ms"

# ---- central is back: one sync ------------------------------------------------
proxy_stop
ycd_start main --db "$central" || not_ok "yichuangd restarts"
"$proxy" -c "$ctl" -p "$tmp/proxy.port" "${purl##*:}" "${url##*:}" 2>>"$tmp/proxy.log" &
proxy_pid=$!
i=0
while ! curl -sf "$purl/healthz" >/dev/null 2>&1 && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
t0=$(ms)
run --db "$a" sync
t1=$(ms)
expect_rc 0 "one sync brings A's three days in"
expect_out "上传 3000 个事件" "3000 events sent"
check '[ "$(q "$a" "SELECT count(*) FROM outbox")" -eq 0 ]' "A's outbox is empty"
check '[ "$(q "$central" "SELECT count(*) FROM events")" -eq 3000 ]' "central holds the 3000 events"
check '[ -z "$(central_dups)" ]' "none twice"
check '[ "$(grep -c "POST /v1/sync/push" "$tmp/proxy.log")" -eq 6 ]' "in 6 batches of 500"
push_ms=$((t1 - t0))

t0=$(ms)
run --db "$b" sync
t1=$(ms)
expect_rc 0 "B pulls everything in one sync"
expect_out "下载 3000 个新事件（新办件 1500 个）" "3000 events, 1500 new cases"
check '[ "$(grep -c "GET /v1/sync/pull" "$tmp/proxy.log")" -ge 7 ]' "in pages of 500"
pull_ms=$((t1 - t0))
check '[ "$(q "$b" "SELECT count(*) FROM cases WHERE state = '"'accepted'"'")" -eq 1500 ]' \
	"all 1500 cases accepted on B"
check '[ "$(q "$b" "SELECT count(*) FROM events")" -eq 3000 ] && [ "$(q "$b" "SELECT count(*) FROM outbox")" -eq 0 ]' \
	"B stores each event once and sends none back"
# the same cases on both: projections of a sample, the list as a set
for n in $(sed -n '1p;750p;1500p' "$tmp/numbers"); do
	"$YC" --db "$a" case show "$n" --json | grep -v '"seq":' >"$tmp/pa"
	"$YC" --db "$b" case show "$n" --json | grep -v '"seq":' >"$tmp/pb"
	check 'cmp -s "$tmp/pa" "$tmp/pb"' "$n: the same on A and B"
done
"$YC" --db "$a" case list --json | jq -S 'sort_by(.number)' >"$tmp/la"
"$YC" --db "$b" case list --json | jq -S 'sort_by(.number)' >"$tmp/lb"
check 'cmp -s "$tmp/la" "$tmp/lb" && [ "$(jq length "$tmp/la")" -eq 1500 ]' \
	"the same 1500 cases in A's and B's case lists"
run --db "$a" sync
expect_rc 0 "A's next sync is clean"
expect_out "下载 0 个新事件" "its own events come back as known"
echo "# push of 3000 events: $push_ms ms; pull of 3000 events: $pull_ms ms"
finish
