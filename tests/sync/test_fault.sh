#!/bin/sh
# test_fault.sh — sync through a bad network: three workstations talk to
# one yichuangd through the project's fault proxy (tests/fault/proxy.c),
# which cuts requests and replies at chosen bytes, drops replies after
# central committed, answers 503 and 429 itself and stalls replies; one
# client is killed with SIGKILL between sending a batch and recording
# central's answer, another while pulling.  Cases are made through the
# real store code (tests/fault/ycfault.c: case_receive, case_apply_event).
# After the faults stop, sync converges: central holds the union of all
# outboxes, no event twice, every workstation the same events in central's
# order and the same projections (`case show --json`).
. tests/server/lib.sh
. tests/sync/fault.lib
trap 'proxy_stop; server_cleanup' EXIT

command -v sqlite3 >/dev/null 2>&1 || skip "sqlite3 is not installed"
if fault_build; then ok "the fault proxy and the helper build"; else
	not_ok "the fault proxy and the helper build"; finish; exit 1; fi
central_setup || { not_ok "central set up"; finish; exit 1; }
terminal_add A && terminal_add B && terminal_add C || { not_ok "terminals"; finish; exit 1; }
ycd_start main --db "$central" || { not_ok "yichuangd starts"; finish; exit 1; }
proxy_start || { not_ok "the proxy starts"; finish; exit 1; }

a="$tmp/a.db" b="$tmp/b.db" c="$tmp/c.db"
made=0		# events made on the workstations so far

q() { sqlite3 "$1" "$2"; }
outbox() { q "$1" 'SELECT count(*) FROM outbox'; }
# mk DB N: N cases received and accepted on DB (2 events each).
mk() {
	"$ycfault" mkcases "$1" $FOOD 2026-11-20 "$2" "申请人$(basename "$1" .db)" >>"$tmp/numbers" ||
		not_ok "ycfault mkcases $1 $2"
	made=$((made + 2 * $2))
}
# check COND DESC: ok when the shell test COND holds.
check() { if eval "$1"; then ok "$2"; else not_ok "$2 [$1]"; return 1; fi; }

# ---- registration through the proxy, with a 503 on the way ----------------
rules "status 503" "pass"
run --db "$a" init --server "$purl" --token "$tok_A"
expect_rc 0 "A registers through the proxy although the first answer is 503"
proxy_saw "answered 503 itself" && ok "the proxy did answer 503" || not_ok "the proxy answered 503"
rules "pass"
run --db "$b" init --server "$purl" --token "$tok_B"
expect_rc 0 "B registers"
run --db "$c" init --server "$purl" --token "$tok_C"
expect_rc 0 "C registers"

# ---- push: cut in the request: central never has the batch -------------------
mk "$a" 3
ev0=$(central_events)
for n in 0 1 60 200 330; do
	rules "cut-request $n @/v1/sync/push"
	ws_sync "$a" --retries 1
	[ "$rc" -eq 2 ] && proxy_saw "cut the request after $n bytes" &&
		[ "$(outbox "$a")" -eq 6 ] && [ "$(central_events)" -eq "$ev0" ] &&
		ok "push cut after $n request bytes: exit 2, outbox kept, nothing on central" ||
		not_ok "push cut after $n request bytes (exit $rc, outbox $(outbox "$a"), central $(central_events))"
done
expect_err "没有丢失" "the message says nothing was lost"
run --db "$a" sync --status
expect_out "离线" "A's status says offline"
expect_out "待上传事件：6" "and counts the 6 waiting events"
rules "pass"
ws_sync "$a"
check '[ "$rc" -eq 0 ] && [ "$(outbox "$a")" -eq 0 ] && [ "$(central_events)" -eq $((ev0 + 6)) ]' \
	"after the cuts the batch goes through once"

# ---- push: cut in the reply, reply dropped: central committed, A not told ----
# Central's stored answer for the batch's idempotency key settles it later.
for fault in "cut-reply 0" "cut-reply 12" "cut-reply 100" "cut-reply 190" "cut-reply 260" \
	"drop-reply"; do
	mk "$b" 2
	ev0=$(central_events)
	rules "$fault @/v1/sync/push"
	ws_sync "$b" --retries 1
	r1=$rc
	o1=$(outbox "$b")
	ev1=$(central_events)
	rules "pass"
	ws_sync "$b"
	[ "$r1" -eq 2 ] && [ "$o1" -eq 4 ] && [ "$ev1" -eq $((ev0 + 4)) ] &&
		[ "$rc" -eq 0 ] && [ "$(outbox "$b")" -eq 0 ] && [ "$(central_events)" -eq "$ev1" ] &&
		ok "push $fault: exit 2 with central committed; the resend adds nothing" ||
		not_ok "push $fault (first exit $r1, outbox $o1, central $ev0→$ev1→$(central_events), then exit $rc)"
done
check '[ "$(q "$central" "SELECT count(*) FROM batches")" -ge 7 ]' \
	"central keeps the answered batches by key"

# ---- 503 and 429 from the network: retried with backoff in the same round ----
mk "$c" 2
rules "status 503 @/v1/sync/push" "status 429 @/v1/sync/push" "pass"
ws_sync "$c"
check '[ "$rc" -eq 0 ] && [ "$(outbox "$c")" -eq 0 ] && proxy_saw "answered 429 itself"' \
	"503 then 429 on push: retried, the round succeeds"
rules "status 503 @/v1/sync/pull" "pass"
ws_sync "$c"
check '[ "$rc" -eq 0 ] && proxy_saw "answered 503 itself"' "503 on pull: retried"
mk "$c" 1
rules "status 503"
ws_sync "$c" --retries 2
check '[ "$rc" -eq 2 ] && [ "$(outbox "$c")" -eq 2 ]' "503 every time: exit 2, outbox kept"
expect_err "503" "the message gives central's status"
rules "status 500"
ws_sync "$c" --retries 1
check '[ "$rc" -eq 2 ] && [ "$(outbox "$c")" -eq 2 ]' "500: exit 2, outbox kept"
rules "pass"

# ---- pull: cut and dropped replies; the cursor moves with a whole page only --
mk "$a" 20
ws_sync "$a"
for fault in "cut-reply 60" "cut-reply 400" "cut-reply 1500" "drop-reply" "cut-request 30"; do
	cur0=$(q "$c" "SELECT coalesce((SELECT value FROM settings WHERE key = 'sync.cursor'), 0)")
	n0=$(q "$c" 'SELECT count(*) FROM events')
	rules "$fault @/v1/sync/pull"
	ws_sync "$c" --retries 1
	[ "$rc" -eq 2 ] &&
		[ "$(q "$c" "SELECT coalesce((SELECT value FROM settings WHERE key = 'sync.cursor'), 0)")" = "$cur0" ] &&
		[ "$(q "$c" 'SELECT count(*) FROM events')" -eq "$n0" ] &&
		{ proxy_saw "cut the" || proxy_saw "dropped"; } && ok "pull $fault: exit 2, cursor and events untouched" ||
		not_ok "pull $fault (exit $rc, cursor $cur0→$(q "$c" "SELECT value FROM settings WHERE key = 'sync.cursor'"))"
done
rules "pass"

# ---- a cut at any byte -----------------------------------------------------------
# Every 96th byte of a push request and every 32nd of its reply (replies are about 360
# bytes: head, then gzipped results).  Harmless: the round ends 0, or 2 and
# the next round sends the rest, and central never gets an event twice.
retried=0 gave_up=0
n=0
while [ $n -le 1200 ]; do
	mk "$b" 1
	rules "cut-request $n @/v1/sync/push" "pass"
	ws_sync "$b" --retries 1
	r1=$rc
	proxy_saw "cut the request" && cut=1 || cut=0
	ws_sync "$b"
	[ "$rc" -eq 0 ] && [ "$(outbox "$b")" -eq 0 ] && { [ "$r1" -eq 2 ] || [ $cut -eq 0 ]; } ||
		not_ok "push request cut at byte $n (exit $r1, then $rc)"
	[ $cut -eq 1 ] || break		# past the request's end
	n=$((n + 96))
done
echo "# push requests cut at every 96th byte up to byte $n"
check '[ "$(central_events)" -eq "$made" ] && [ -z "$(central_dups)" ]' \
	"push requests cut every 96 bytes: central has each event once"
n=0
while [ $n -le 400 ]; do
	mk "$b" 1
	rules "cut-reply $n @/v1/sync/push" "pass"
	ws_sync "$b"
	if [ "$rc" -eq 0 ]; then retried=$((retried + 1)); else
		gave_up=$((gave_up + 1))
		echo "# cut-reply $n: the round gave up ($errout)"
		ws_sync "$b"
	fi
	[ "$rc" -eq 0 ] && [ "$(outbox "$b")" -eq 0 ] || not_ok "push reply cut at byte $n (exit $rc)"
	proxy_saw "cut the reply" || break		# past the reply's end
	n=$((n + 32))
done
echo "# push replies cut at every 32nd byte up to byte $n"
check '[ "$(central_events)" -eq "$made" ] && [ -z "$(central_dups)" ]' \
	"push replies cut every 32 bytes: central has each event once, B's outbox drains"
echo "# push replies cut: $retried retried within the round, $gave_up gave up (exit 2)"
# libcurl takes a head cut short for a complete answer with an empty
# body; the client knows central always answers JSON and tries again.
check '[ "$gave_up" -eq 0 ]' "every push reply cut at any byte is retried within the round"

# ---- stalls --------------------------------------------------------------------
# A reply that stops and is then cut: the command line's sync retries.
mk "$a" 1
rules "stall 1 250 @/v1/sync/push" "pass"
ws_sync "$a"
check '[ "$rc" -eq 0 ] && [ "$(outbox "$a")" -eq 0 ] && proxy_saw "stalled the reply after 250 bytes"' \
	"a push reply stalled 1 s then cut: retried, done"
# A reply that never ends: the client's own stall detection (1 s here,
# through sync_round; the command line has the 20 s default).  A pull
# sends no body: a push's upload keeps libcurl's speed window (about 5 s)
# above the limit, so its detection takes that much longer.
mk "$a" 1
rules "stall 0 0 @/v1/sync/pull" "pass"
t0=$(date +%s)
"$ycfault" sync "$a" 1 3 >"$tmp/out" 2>"$tmp/err"
rc=$?
t1=$(date +%s)
check '[ $rc -eq 0 ] && proxy_saw "stalled the reply after 0 bytes" && [ $((t1 - t0)) -le 6 ]' \
	"a pull that never answers: detected, retried ($((t1 - t0)) s)"

# ---- SIGKILL between send and acknowledgement ----------------------------------
# The push reaches central and is committed; its answer is held back by the
# proxy, and the client is killed.  The batch keeps its key in A's outbox.
mk "$a" 4
ev0=$(central_events)
rules "stall 0 0 @/v1/sync/push"
"$YC" --db "$a" sync --quiet >/dev/null 2>&1 &
kpid=$!
i=0
while ! proxy_saw "stalled the reply" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
kill -KILL "$kpid" 2>/dev/null
wait "$kpid" 2>/dev/null
check '[ "$(central_events)" -eq $((ev0 + 8)) ]' "central committed the batch of the killed client"
check '[ "$(q "$a" "SELECT count(*) FROM outbox WHERE batch_key IS NOT NULL")" -eq 8 ]' \
	"the killed client's batch is still in its outbox under its key"
mk "$a" 1		# work goes on after the restart
rules "pass"
ws_sync "$a"
check '[ "$rc" -eq 0 ] && [ "$(outbox "$a")" -eq 0 ] && [ "$(central_events)" -eq $((ev0 + 10)) ]' \
	"after the restart the batch is settled by its key, nothing doubled"
check '[ -z "$(central_dups)" ]' "no event twice on central"

# killed while pulling: nothing half applied.  B's state before the round:
# its cursor, and what it holds of events, their server sequences and cases.
bstate() {
	q "$b" "SELECT (SELECT value FROM settings WHERE key = 'sync.cursor') || ' ' ||
	  (SELECT count(*) FROM events) || ' ' || (SELECT count(*) FROM event_sync) || ' ' ||
	  (SELECT count(*) FROM cases) || ' ' || (SELECT coalesce(max(server_seq), 0) FROM event_sync)"
}
before=$(bstate)
behind=$(($(central_events) - $(q "$b" "SELECT value FROM settings WHERE key = 'sync.cursor'")))
check '[ "$behind" -gt 0 ]' "central holds $behind events B has not pulled yet"
rules "stall 0 300 @/v1/sync/pull"
"$YC" --db "$b" sync --quiet >/dev/null 2>&1 &
kpid=$!
i=0
while ! proxy_saw "stalled the reply" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
kill -KILL "$kpid" 2>/dev/null
wait "$kpid" 2>/dev/null
check 'proxy_saw "stalled the reply after 300 bytes"' "B killed in the middle of a pull page"
after=$(bstate)
check '[ "$after" = "$before" ]' \
	"killed mid-page, B's cursor, events, sequences and cases are as before ($before / $after)"
check '[ "$(q "$b" "SELECT value FROM settings WHERE key = '"'"'sync.cursor'"'"'")" = \
	"$(q "$b" "SELECT coalesce(max(server_seq), 0) FROM event_sync")" ]' \
	"B's cursor is the last server sequence it holds: no page half applied"
check '[ "$(q "$b" "PRAGMA integrity_check")" = ok ]' "B's database is intact"
rules "pass"
ws_sync "$b"
check '[ "$rc" -eq 0 ] && [ "$(q "$b" "SELECT value FROM settings WHERE key = '"'"'sync.cursor'"'"'")" -eq "$(central_events)" ]' \
	"B's next round pulls what it missed, up to central's last event"

# ---- central down behind the proxy ------------------------------------------------
mk "$b" 1
ycd_stop main
ws_sync "$b" --retries 2
check '[ "$rc" -eq 2 ] && [ "$(outbox "$b")" -eq 2 ]' "central down: exit 2, outbox kept"
proxy_stop
ycd_start main --db "$central" || not_ok "yichuangd restarts"
lport=${purl##*:}
"$proxy" -c "$ctl" -p "$tmp/proxy.port" "$lport" "${url##*:}" 2>>"$tmp/proxy.log" &
proxy_pid=$!
i=0
while ! curl -sf "$purl/healthz" >/dev/null 2>&1 && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done

# ---- convergence ------------------------------------------------------------------
for w in "$a" "$b" "$c" "$a" "$b"; do
	ws_sync "$w"
	[ "$rc" -eq 0 ] || not_ok "sync of $(basename "$w") after the faults (exit $rc)"
done
check '[ "$(outbox "$a")$(outbox "$b")$(outbox "$c")" = 000 ]' "every outbox is empty"
check '[ "$(central_events)" -eq "$made" ]' "central holds every event made ($made)"
check '[ -z "$(central_dups)" ]' "no event twice on central"
sqlite3 "$central" 'SELECT seq || " " || id FROM events ORDER BY seq' >"$tmp/central.order"
same=1
for w in "$a" "$b" "$c"; do
	q "$w" "SELECT s.server_seq || ' ' || e.id FROM events e JOIN event_sync s ON s.event_id = e.id
	  ORDER BY s.server_seq" >"$tmp/ws.order"
	cmp -s "$tmp/central.order" "$tmp/ws.order" || { same=0; diff "$tmp/central.order" "$tmp/ws.order" | head -5; }
	check '[ "$(q "$w" "SELECT count(*) FROM events")" -eq "$made" ]' \
		"$(basename "$w" .db) holds every event once"
done
check '[ $same -eq 1 ]' "every workstation knows every event at central's sequence number"
# every projection row; `case show --json` of the first, a middle and the
# last case of each workstation (all of them would take long under ASan)
sample=$(sort "$tmp/numbers" | awk 'NR == 1 || NR % 25 == 0' | tr '\n' ' ')
sample="$sample $(tail -n 1 "$tmp/numbers")"
for w in "$a" "$b" "$c"; do
	projection_rows "$w" >"$tmp/rows.$(basename "$w" .db)"
	# shellcheck disable=SC2086
	projection "$w" $sample >"$tmp/proj.$(basename "$w" .db)"
	# the list's order among cases of one day is local: compared as a set
	"$YC" --db "$w" case list --json | jq -S 'sort_by(.number)' >"$tmp/list.$(basename "$w" .db)"
done
check '[ "$(wc -l <"$tmp/rows.a")" -eq $((made / 2)) ]' "A has every case"
check 'cmp -s "$tmp/rows.a" "$tmp/rows.b" && cmp -s "$tmp/rows.a" "$tmp/rows.c"' \
	"the same projection rows on A, B and C (every case)"
check '[ "$(grep -c "\"number\":" "$tmp/proj.a")" -ge 4 ] &&
	cmp -s "$tmp/proj.a" "$tmp/proj.b" && cmp -s "$tmp/proj.a" "$tmp/proj.c"' \
	"the same case show --json on A, B and C ($(echo $sample | wc -w) cases)"
check 'cmp -s "$tmp/list.a" "$tmp/list.b" && cmp -s "$tmp/list.a" "$tmp/list.c"' \
	"the same case lists on A, B and C (case list --json)"
check '[ "$(sort -u "$tmp/numbers" | wc -l)" -eq $((made / 2)) ]' "every case number is unique"
for w in "$a" "$b" "$c"; do
	run --db "$w" sync --conflicts
	expect_out "没有待处理的冲突" "no conflicts on $(basename "$w" .db)"
done
echo "# proxy requests: $(grep -c '^proxy: #[0-9]* [A-Z]' "$tmp/proxy.log"), faults done: $(grep -c 'cut the\|dropped\|answered\|stalled' "$tmp/proxy.log")"
finish
