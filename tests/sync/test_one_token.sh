#!/bin/sh
# test_one_token.sh — one terminal token, one workstation database:
# `init` with a token registered by another database is refused (exit 1)
# with a message telling the administrator to add a terminal (and revoke
# the old one if it is gone); the first database registers again freely;
# a database that has the token without having registered with it (set by
# hand, as an older version allowed) is refused by central on sync, exit
# 1, not 2.  And when central refuses events, `sync` exits 1 with the
# reasons, never 2: a copy of a database (same identity) whose case
# numbers clash with the original's gets its events refused and cannot
# take the original's cases: exit 1 every time, the reasons listed, while
# `sync --status` names the problem.
. tests/server/lib.sh
central="$tmp/central.db"
a="$tmp/a.db" b="$tmp/b.db" c="$tmp/c.db" d="$tmp/d.db" a2="$tmp/a2.db"
adm() {
	"$YCD" admin --db "$central" "$@" >"$tmp/adm.out" 2>"$tmp/adm.err" </dev/null
	rc=$? out=$(cat "$tmp/adm.out") errout=$(cat "$tmp/adm.err") last="yichuangd admin $*"
}
adm catalog import forms
adm terminal add --site 539102 --name "1号窗口"
expect_rc 0 "a terminal is added"
token1=$(tail -n 1 "$tmp/adm.out")
if ycd_start main --db "$central"; then ok "yichuangd starts"
else not_ok "yichuangd starts"; finish; exit 1; fi

run --db "$a" init --server "$url" --token "$token1"
expect_rc 0 "A registers with the token"
run --db "$b" init --server "$url" --token "$token1"
expect_rc 1 "B's init with the same token is refused: exit 1"
expect_err "另一个工作站数据库" "the message says another database holds the token"
expect_err "terminal add" "and tells the administrator to add a terminal"
expect_err "terminal revoke 539102-01" "or to revoke the old one"
[ ! -e "$b" ] && [ ! -e "$b-wal" ] &&
	ok "B's refused init leaves no database file behind" ||
	not_ok "B's refused init left $(ls "$b"* 2>/dev/null | wc -l) file(s)"
# a database that was there before the refused init stays
run --db "$a2" init --site 539102 --terminal 7
run --db "$a2" init --server "$url" --token "$token1"
expect_rc 1 "an init with the token over a database made before is refused too"
[ "$(sqlite3 "$a2" "SELECT count(*) FROM terminal" 2>/dev/null)" = 1 ] &&
	ok "and that database is left as it was" || not_ok "the database made before went"
run --db "$a" init --server "$url" --token "$token1"
expect_rc 0 "A may register again with its own token"
run --db "$a" sync --quiet
expect_rc 0 "A syncs"

# a database given the token by hand, never registered with it
run --db "$c" init --site 539102 --terminal 1
expect_rc 0 "C is made for the same site and terminal by hand"
sqlite3 "$c" "INSERT INTO settings (key, value) VALUES ('sync.server', '$url'),
	('sync.token', '$token1')"
run --db "$c" sync --quiet
expect_rc 1 "C's sync is refused by central: exit 1, not 2"
expect_err "中心拒绝同步" "saying central refused it"
expect_err "另一个工作站数据库" "and why"
case $errout in *请稍后再运行*) not_ok "the message says to try later" ;;
*) ok "the message does not say to try later" ;; esac

# ---- central refuses events: exit 1 with the reasons, never 2 --------------
cp "$a" "$d"			# a copy: the same identity and install id
D=261120
N1=$(caseno 539102 1 $D 1)
# newcase DB CASE_ID EVENT_ID NAME: a case numbered N1, received, in the outbox
newcase() {
	sqlite3 "$1" "INSERT INTO cases (id, number, item_code, item_name, catalog_version, state,
	  applicant_name, received_on) VALUES ('$2', '$N1', '13539102MB1K2248874002001701700',
	  '残疾人证新办', 1, 'received', '$4', '2026-11-20');
	  INSERT INTO events (id, case_id, seq, type, at, actor, body) VALUES ('$3', '$2', 1,
	  'received', '2026-11-20T10:00:00+08:00', 'clerk',
	  '{\"day\":\"2026-11-20\",\"instant\":false,\"promised_limit\":5,\"promised_unit\":\"workdays\",\"item_code\":\"13539102MB1K2248874002001701700\",\"item_name\":\"残疾人证新办\",\"catalog_version\":1,\"applicant\":{\"kind\":\"person\",\"name\":\"$4\",\"id_no\":null,\"phone\":null},\"fields\":{},\"situations\":[],\"materials\":[],\"channel\":\"window\"}');
	  INSERT INTO outbox (event_id) VALUES ('$3'); UPDATE cases SET last_seq = 1 WHERE id = '$2';"
}
newcase "$a" "$(uid ca5e000a 1)" "$(uid e000000a 1)" 张三
newcase "$d" "$(uid ca5e000d 1)" "$(uid e000000d 1)" 李四
run --db "$a" sync --quiet
expect_rc 0 "A sends its case $N1"
run --db "$d" sync --quiet
expect_rc 1 "the copy's sync exits 1 when central refuses its event"
expect_out "$N1" "the refused event is listed with its case number"
expect_out "已被另一办件使用" "and the reason central gave"
expect_err "无法写入本机" "the case it cannot take from central is named too"
run --db "$d" sync --status
expect_out "在线" "sync --status says central answers (在线)"
expect_out "上次错误" "and shows the last problem"
run --db "$d" sync --quiet
expect_rc 1 "the next round exits 1 again, never 2"
expect_err "无法写入本机" "naming the same problem"

ycd_stop main
finish
