#!/bin/sh
# test_sync.sh — two workstations and one yichuangd on loopback: both
# register with `init --server --token` and receive users and the catalog;
# a case accepted on A appears on B after a sync on each; with yichuangd
# stopped `sync` exits 2 and nothing waiting is lost; restarted, everything
# converges; events that no longer fit central's state come back as
# conflicts (exit 1), listed by `sync --conflicts`.
#
# Cases are written into A's database with sqlite3, as the counter would
# have written them (case, event, outbox row), so that this test does not
# depend on the full-screen intake.
. tests/cli/lib.sh

if [ ! -x "${YCD:-}" ] || ! command -v sqlite3 >/dev/null 2>&1 ||
   ! command -v curl >/dev/null 2>&1; then
	echo "# yichuangd, sqlite3 or curl missing: skipped"
	finish
	exit
fi

central="$tmp/central.db"
a="$tmp/a.db"
b="$tmp/b.db"
ycd_pid=""

# admin ARGS...: yichuangd admin on the central database; output in $aout.
admin() {
	aout=$("$YCD" admin --db "$central" "$@" 2>"$tmp/admin.err")
	arc=$?
	[ $arc -eq 0 ] || { echo "# yichuangd admin $*: exit $arc"; sed 's/^/#   /' "$tmp/admin.err"; }
}

# start_ycd: starts yichuangd on $port (a free one is looked for the first
# time) and waits for /healthz.
port=""
start_ycd() {
	tries=0
	[ -n "$port" ] || port=$((20000 + $$ % 20000))
	while [ $tries -lt 20 ]; do
		"$YCD" --listen "127.0.0.1:$port" --db "$central" 2>>"$tmp/ycd.log" &
		ycd_pid=$!
		i=0
		while [ $i -lt 50 ]; do
			if curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
				return 0
			fi
			kill -0 "$ycd_pid" 2>/dev/null || break
			sleep 0.1
			i=$((i + 1))
		done
		kill "$ycd_pid" 2>/dev/null
		wait "$ycd_pid" 2>/dev/null
		ycd_pid=""
		port=$((port + 1))
		tries=$((tries + 1))
	done
	return 1
}

stop_ycd() {
	if [ -n "$ycd_pid" ]; then
		kill "$ycd_pid" 2>/dev/null
		wait "$ycd_pid" 2>/dev/null
		ycd_pid=""
	fi
}
trap 'stop_ycd; rm -rf "$tmp"' EXIT

# caseno_check BODY -> the check character of a case number (ISO 7064).
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

# add_event DB CASE_ID EVENT_ID SEQ TYPE BODY [ACTOR]: an event (by clerk
# unless ACTOR) and its outbox row.
add_event() {
	sqlite3 "$1" "INSERT INTO events (id, case_id, seq, type, at, actor, body)
	  VALUES ('$3', '$2', $4, '$5', '2026-11-20T10:0$4:00+08:00', '${7:-clerk}', '$6');
	  INSERT INTO outbox (event_id) VALUES ('$3');
	  UPDATE cases SET last_seq = $4 WHERE id = '$2';"
}

q() { sqlite3 "$1" "$2"; }

# ---- central ------------------------------------------------------------
admin catalog import forms
printf 'secret-pass\n' | admin user add clerk --role clerk
printf 'secret-pass\n' | admin user add sj --role approver --dept 云岭市安澜区残疾人联合会
admin terminal add --site 539102 --name "安澜区政务服务中心 A窗口"
tok_a=$(echo "$aout" | tail -n 1)
admin terminal add --site 539102 --name "安澜区政务服务中心 B窗口"
tok_b=$(echo "$aout" | tail -n 1)
[ -n "$tok_a" ] && [ -n "$tok_b" ] && [ "$tok_a" != "$tok_b" ] &&
	ok "two terminals added with their own tokens" || not_ok "terminal tokens"

if ! start_ycd; then
	not_ok "yichuangd starts on a loopback port"
	sed 's/^/#   /' "$tmp/ycd.log"
	finish
	exit
fi
url="http://127.0.0.1:$port"

# ---- registration -------------------------------------------------------
run --db "$a" init --server "$url" --token "$tok_a"
expect_rc 0 "A registers with central"
expect_out "站点代码：539102" "A gets its site from central"
run --db "$b" init --server "$url" --token "$tok_b"
expect_rc 0 "B registers with central"
[ "$(q "$a" 'SELECT number FROM terminal')" != "$(q "$b" 'SELECT number FROM terminal')" ] &&
	ok "A and B have different terminal numbers" || not_ok "terminal numbers differ"
[ "$(q "$b" "SELECT count(*) FROM users WHERE name = 'clerk' AND pw_hash LIKE '\$argon2id\$%'")" = 1 ] &&
	ok "users and their hashes reach the workstation" || not_ok "users pulled"
[ "$(q "$b" 'SELECT count(*) FROM catalog_versions')" = 1 ] &&
	ok "the catalog reaches the workstation" || not_ok "catalog pulled"
run --db "$a" init --server "$url" --token "wrong-token"
[ "$rc" -ne 0 ] && ok "a wrong token is refused" || not_ok "a wrong token is refused"

# ---- a case accepted on A appears on B ---------------------------------
term_a=$(printf '%02d' "$(q "$a" 'SELECT number FROM terminal')")
body="539102${term_a}2611200001"
no="539102-$term_a-261120-0001-$(caseno_check "$body")"
cid="3a7f1e2c-0d4b-4c6e-9f8a-1b2c3d4e5f60"
sqlite3 "$a" "INSERT INTO cases (id, number, item_code, item_name, catalog_version, state,
  applicant_name, received_on) VALUES ('$cid', '$no', '13539102MB1K2248874002001701700',
  '残疾人证新办', 1, 'received', '张三', '2026-11-20');"
add_event "$a" "$cid" "3a7f1e2c-0d4b-4c6e-9f8a-000000000001" 1 received \
  '{"day":"2026-11-20","instant":false,"promised_limit":5,"promised_unit":"workdays","item_code":"13539102MB1K2248874002001701700","item_name":"残疾人证新办","catalog_version":1,"applicant":{"kind":"person","name":"张三","id_no":null,"phone":null},"fields":{},"situations":[],"materials":[],"channel":"window"}'
add_event "$a" "$cid" "3a7f1e2c-0d4b-4c6e-9f8a-000000000002" 2 accepted \
  '{"day":"2026-11-20","deferred":[]}'

run --db "$a" sync
expect_rc 0 "A's sync sends its events"
expect_out "上传 2 个事件" "A's summary counts the events sent"
expect_err "上传" "progress goes to stderr"
[ "$(q "$a" 'SELECT count(*) FROM outbox')" = 0 ] && ok "A's outbox is empty" || not_ok "A outbox empty"
[ "$(q "$a" 'SELECT count(*) FROM event_sync')" = 2 ] &&
	ok "A records central's sequence of its events" || not_ok "A event_sync"

run --db "$b" sync
expect_rc 0 "B's sync succeeds"
run --db "$b" case show "$no"
expect_rc 0 "the case exists on B"
expect_out "张三" "B shows the applicant"
[ "$(q "$b" "SELECT state FROM cases WHERE number = '$no'")" = accepted ] &&
	ok "B folds the case to accepted" || not_ok "B state accepted"
[ "$(q "$b" 'SELECT count(*) FROM outbox')" = 0 ] &&
	ok "pulled events do not enter B's outbox" || not_ok "B outbox empty"

run --db "$a" sync
expect_rc 0 "A syncs again (its own events come back)"
[ "$(q "$a" 'SELECT count(*) FROM events')" = 2 ] &&
	ok "own events coming back are not stored twice" || not_ok "A events not doubled"

# ---- central stopped: exit 2, nothing lost ------------------------------
stop_ycd
add_event "$a" "$cid" "3a7f1e2c-0d4b-4c6e-9f8a-000000000003" 3 handed_over '{"day":"2026-11-20"}'
run --db "$a" sync --retries 1
expect_rc 2 "sync with central down exits 2"
expect_err "没有丢失" "the message says nothing was lost"
[ "$(q "$a" 'SELECT count(*) FROM outbox')" = 1 ] &&
	ok "the waiting event stays in the outbox" || not_ok "outbox kept"
run --db "$a" sync --status
expect_out "离线" "the status says offline"
expect_out "待上传事件：1" "the status counts the waiting event"

# ---- restarted: converges -----------------------------------------------
if start_ycd; then
	ok "yichuangd restarts on the same database"
else
	not_ok "yichuangd restarts"
fi
run --db "$a" sync
expect_rc 0 "A's sync after the restart succeeds"
[ "$(q "$a" 'SELECT count(*) FROM outbox')" = 0 ] && ok "A's outbox drains" || not_ok "A drains"
run --db "$b" sync
expect_rc 0 "B's sync after the restart succeeds"
[ "$(q "$b" "SELECT count(*) FROM events e JOIN cases c ON c.id = e.case_id WHERE c.number = '$no'")" = 3 ] &&
	ok "B holds the whole history of the case" || not_ok "B has 3 events"

# ---- a conflict: withdrawn on A, then a late 补交 on B ---------------------
add_event "$a" "$cid" "3a7f1e2c-0d4b-4c6e-9f8a-000000000004" 4 withdrawn '{"day":"2026-11-21","reason":"申请人撤回"}'
add_event "$b" "$cid" "3a7f1e2c-0d4b-4c6e-9f8a-000000000005" 4 review_started '{"day":"2026-11-21"}' sj
run --db "$a" sync
expect_rc 0 "A's withdrawal is accepted"
run --db "$b" sync
expect_rc 1 "B's late event is refused: exit 1"
expect_out "$no" "the refusal names the case"
expect_out "冲突" "the refusal says conflict"
[ "$(q "$b" "SELECT state || conflict FROM cases WHERE number = '$no'")" = withdrawn1 ] &&
	ok "B's case is withdrawn as on central, flagged" || not_ok "B withdrawn and flagged"
run --db "$b" sync --conflicts
expect_rc 1 "sync --conflicts exits 1 while a conflict is open"
expect_out "$no" "the conflicts list names the case"
run --db "$b" sync
expect_rc 0 "the next round is clean"

stop_ycd
finish
