#!/bin/sh
# test_admin.sh — yichuangd's administration of a running central: the
# conflicts list and their resolution, terminal list and revoke (the token
# stops working), user list, disable and enable (reaching a workstation
# through /v1/ref and `yichuang sync`), pruning old idempotency answers;
# and push refusing a new case numbered by another terminal.
#
#   sh tests/server/test_admin.sh [sqlite|pg]     (sqlite when not given)
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

adm() {
	"$YCD" admin "$@" >"$tmp/out" 2>"$tmp/err" <"$tmp/stdin"
	rc=$?
	out=$(cat "$tmp/out")
	errout=$(cat "$tmp/err")
	last="yichuangd admin $*"
}
st() { jget "$tmp/body" "\$.results[$1].status"; }
reason() { jget "$tmp/body" "\$.results[$1].reason"; }

: >"$tmp/stdin"
for n in 1 2 3; do
	adm "$@" terminal add --site 539102 --name "安澜区政务服务中心 ${n}号窗口"
	eval "tok$n=\$(tail -n 1 \"\$tmp/out\")"
done
adm "$@" catalog import forms
printf 'secret-pass\n' >"$tmp/stdin"
adm "$@" user add clerk --role clerk
printf 'approver-pass\n' >"$tmp/stdin"
adm "$@" user add wang --role approver --dept "区市场监督管理局"
: >"$tmp/stdin"
if ycd_start main "$@" --site 539102; then ok "yichuangd starts ($backend)"; else
	not_ok "yichuangd starts ($backend)"; finish; exit 1; fi

# ---- users (first: the workstation below gets no events with test bodies) -----------------
# (the reference requests say no database: tok1 is bound to the workstation's)
adm "$@" user list
expect_rc 0 "user list"
expect_out "wang    后台审批" "lists name and role"
expect_out "区市场监督管理局" "and department"
install= api GET "/v1/ref?since=0" "" "$tok1"
v1=$(jget "$tmp/body" '$.version')
adm "$@" user disable wang
expect_rc 0 "user disable"
expect_out "已停用用户 wang" "says so"
install= api GET "/v1/ref?since=$v1" "" "$tok1"
v2=$(jget "$tmp/body" '$.version')
[ "$v2" -gt "$v1" ] && ok "disabling moves the reference version" || not_ok "ref version moves ($v1 $v2)"
[ "$(sqlite3 :memory: "SELECT json_extract(value, '\$.active') FROM json_each(CAST(readfile('$tmp/body') AS TEXT), '\$.users') WHERE json_extract(value, '\$.name') = 'wang'")" = 0 ] &&
	ok "/v1/ref gives the user as active: false" || not_ok "ref active false ($body)"
adm "$@" user disable wang
expect_rc 0 "disabling twice is no error"
expect_out "未改动" "and changes nothing"
install= api GET "/v1/ref?since=$v2" "" "$tok1"
[ "$body" = "{\"version\":$v2}" ] && ok "nor the reference version" || not_ok "no new version ($body)"
adm "$@" user disable nobody
expect_rc 1 "an unknown user fails"
expect_err "user list" "pointing at user list"
adm "$@" user list
expect_out "已停用" "the list shows the user disabled"

if [ "$backend" = sqlite ]; then
	# the workstation applies it: a user disabled on central cannot log in
	ws="$tmp/ws.db"
	adm "$@" user enable wang
	run --db "$ws" init --server "$url" --token "$tok1"
	expect_rc 0 "a workstation registers"
	# tok1 now serves that database only: the requests below speak for it
	install=$(sqlite3 "$ws" "SELECT value FROM settings WHERE key = 'sync.install_id'")
	[ "$(sqlite3 "$ws" "SELECT active FROM users WHERE name = 'wang'")" = 1 ] &&
		ok "it has the user active" || not_ok "workstation has wang active"
	adm "$@" user disable wang
	run --db "$ws" sync
	expect_rc 0 "yichuang sync"
	[ "$(sqlite3 "$ws" "SELECT active FROM users WHERE name = 'wang'")" = 0 ] &&
		ok "after a sync the workstation has the user inactive" ||
		not_ok "workstation applies active: false"
	run --db "$ws" user list
	case $(echo "$out" | grep wang) in *停用*) ok "yichuang user list shows it" ;;
		*) not_ok "yichuang user list shows wang disabled ($out)" ;; esac
	adm "$@" user enable wang
	expect_out "已启用用户 wang" "user enable"
	run --db "$ws" sync
	[ "$(sqlite3 "$ws" "SELECT active FROM users WHERE name = 'wang'")" = 1 ] &&
		ok "enabled again, it reaches the workstation" || not_ok "enable reaches the workstation"
fi

# ---- a terminal creates cases with its own numbers only -----------------------------
N1=$(caseno 539102 1 $D 1) N2=$(caseno 539102 1 $D 2)
OTHER=$(caseno 539102 2 $D 1) SITE=$(caseno 539103 1 $D 1) ONLINE=$(caseno 539102 99 $D 1)
C1=$(uid ca5e0000 1) C2=$(uid ca5e0000 2)
lower=$(echo "$N2" | tr 'A-Z' 'a-z')
printf '{"key":"%s","events":[%s,%s,%s,%s,%s,%s]}' "$(uid aaaa0000 1)" \
	"$(ev "$(uid eeee0000 1)" "$C1" "$N1" received "$received_body")" \
	"$(ev "$(uid eeee0000 2)" "$(uid ca5e0000 9)" "$OTHER" received "$received_body")" \
	"$(ev "$(uid eeee0000 3)" "$(uid ca5e0000 8)" "$SITE" received "$received_body")" \
	"$(ev "$(uid eeee0000 4)" "$(uid ca5e0000 7)" "$ONLINE" received "$received_body")" \
	"$(ev "$(uid eeee0000 5)" "$C1" "$N1" rejected "$rejected_body")" \
	"$(ev "$(uid eeee0000 6)" "$C2" "$lower" received "$received_body")" >"$tmp/push1"
api POST /v1/sync/push "$tmp/push1" "$tok1"
[ "$(st 0)" = accepted ] && ok "a received event with the terminal's own number is accepted" ||
	not_ok "own number accepted ($body)"
[ "$(st 1)" = invalid ] && ok "another terminal's number for a new case is invalid" ||
	not_ok "another terminal's number is invalid ($(st 1))"
case $(reason 1) in *"是终端 539102-02 的编号，本终端是 539102-01"*"只能用自己的编号"*)
	ok "the reason names both terminals" ;;
	*) not_ok "the reason names both terminals ($(reason 1))" ;; esac
[ "$(st 2)" = invalid ] && case $(reason 2) in *539103-01*) true ;; *) false ;; esac &&
	ok "another site's number is invalid too" || not_ok "another site's number ($(reason 2))"
[ "$(st 3)" = invalid ] && case $(reason 3) in *"终端号 99"*) true ;; *) false ;; esac &&
	ok "central's online numbers (terminal 99) never come by push" ||
	not_ok "terminal 99 number refused ($(reason 3))"
[ "$(st 4)" = accepted ] && ok "the rest of the batch goes on" || not_ok "the rest of the batch goes on"
[ "$(st 5)" = invalid ] && case $(reason 5) in *"应按规范写作 $N2"*) true ;; *) false ;; esac &&
	ok "a number not in its printed form is refused, naming the form" ||
	not_ok "non-canonical number refused ($(reason 5))"
# the same case again, in a batch of its own: after its refused received,
# the rest of that batch's events of the case would follow it
printf '{"key":"%s","events":[%s]}' "$(uid aaaa0000 5)" \
	"$(ev "$(uid eeee0000 7)" "$C2" "$N2" received "$received_body")" >"$tmp/push1b"
api POST /v1/sync/push "$tmp/push1b" "$tok1"
[ "$(st 0)" = accepted ] && ok "the same case in its printed form is accepted" ||
	not_ok "printed form accepted ($body)"
printf '{"key":"%s","events":[%s]}' "$(uid aaaa0000 2)" \
	"$(ev "$(uid eeee0000 8)" "$C2" "$N2" accepted "$day_body")" >"$tmp/push2"
api POST /v1/sync/push "$tmp/push2" "$tok2"
[ "$(st 0)" = accepted ] && ok "another terminal may carry on an existing case" ||
	not_ok "another terminal carries on a case ($body)"
printf '{"key":"%s","events":[%s]}' "$(uid aaaa0000 4)" \
	"$(ev "$(uid eeee0000 1)" "$C1" "$N1" received "$received_body")" >"$tmp/push4"
api POST /v1/sync/push "$tmp/push4" "$tok2"
[ "$(st 0)" = duplicate ] && ok "and may resend a known received event (duplicate)" ||
	not_ok "resent received is a duplicate ($(st 0))"

# ---- conflicts ----------------------------------------------------------------------
printf '{"key":"%s","events":[%s]}' "$(uid aaaa0000 3)" \
	"$(ev "$(uid eeee0000 9)" "$C1" "$N1" accepted "$day_body" li)" >"$tmp/push3"
api POST /v1/sync/push "$tmp/push3" "$tok3"
[ "$(st 0)" = conflict ] && ok "accepting a rejected case is a conflict" || not_ok "conflict ($body)"
adm "$@" conflicts
expect_rc 0 "conflicts lists the open conflicts"
expect_out "#1  " "numbered"
expect_out "终端 539102-03  办件 $N1" "with the sending terminal and the case number"
expect_out "事件：受理（$(uid eeee0000 9)，经办人 li）" "the event, its id and actor"
expect_out "中心的办件状态：不予受理" "the case's state on central"
expect_out "原因：" "and the reason"
expect_out "共 1 条未处理的冲突" "and counts them"
adm "$@" conflicts resolve 1
expect_rc 2 "resolve without --note is a usage error"
adm "$@" conflicts resolve 1 --note "  "
expect_rc 2 "an empty note is refused"
expect_err "--note" "saying a note is needed"
adm "$@" conflicts resolve 1 --note "已电话通知3号窗口：该件已不予受理"
expect_rc 0 "conflicts resolve"
expect_out "冲突 #1 已标记为已处理" "says so"
adm "$@" conflicts
expect_out "没有未处理的冲突" "a resolved conflict leaves the open list"
adm "$@" conflicts --all
expect_out "已处理（" "--all shows it resolved"
expect_out "已电话通知3号窗口" "with its note"
expect_out "共 1 条冲突，其中 0 条未处理" "and counts"
adm "$@" conflicts resolve 1 --note "again"
expect_rc 1 "resolving twice is refused"
expect_err "已经处理过" "saying it was resolved before"
adm "$@" conflicts resolve 42 --note "x"
expect_rc 1 "an unknown conflict number fails"
expect_err "没有冲突 #42" "and names it"
adm "$@" conflicts resolve abc --note "x"
expect_rc 2 "a conflict number that is no number is a usage error"

# ---- terminals -----------------------------------------------------------------------
adm "$@" terminal list
expect_rc 0 "terminal list"
expect_out "539102-02  安澜区政务服务中心 2号窗口  在用" "lists number, name and state"
# columns line up in display columns: the state column starts at the same place
cols=$(echo "$out" | awk 'NR > 1 { print index($0, "在用") }' | sort -u | wc -l)
[ "$cols" = 1 ] && ok "columns are aligned" || not_ok "columns are aligned ($out)"
id3=$(echo "$out" | awk '/539102-03/ { print $NF }')
adm "$@" terminal revoke "安澜区政务服务中心 2号窗口"
expect_rc 0 "terminal revoke by name"
expect_out "已吊销终端 539102-02" "names the terminal revoked"
api POST /v1/register "" "$tok2"
[ "$code" = 401 ] && ok "a revoked terminal's token is 401" || not_ok "revoked token is 401 (got $code)"
api GET "/v1/sync/pull?after=0" "" "$tok2"
[ "$code" = 401 ] && ok "for pull too" || not_ok "revoked token pull 401 (got $code)"
api POST /v1/register "" "$tok1"
[ "$code" = 200 ] && ok "the other terminals go on" || not_ok "other terminals go on"
adm "$@" terminal revoke 539102-02
expect_rc 0 "revoking again is no error"
expect_out "未改动" "and changes nothing"
adm "$@" terminal revoke "$id3"
expect_rc 0 "terminal revoke by terminal id"
api POST /v1/register "" "$tok3"
[ "$code" = 401 ] && ok "its token is 401" || not_ok "revoked by id: 401 (got $code)"
adm "$@" terminal revoke "没有这个窗口"
expect_rc 1 "an unknown terminal fails"
expect_err "terminal list" "pointing at terminal list"
adm "$@" terminal add --site 539102 --name "重名窗口"
adm "$@" terminal add --site 539102 --name "重名窗口"
tok5=$(tail -n 1 "$tmp/out")
expect_out "539102-05" "a revoked terminal's number is not given again"
adm "$@" terminal revoke "重名窗口"
expect_rc 1 "an ambiguous name is refused"
expect_err "有 2 个终端叫“重名窗口”" "listing the candidates"
expect_err "539102-05" "by number"
adm "$@" terminal list
expect_out "已吊销 " "the list shows revoked terminals"
[ "$(echo "$out" | grep -c '已吊销')" = 2 ] && ok "both of them" || not_ok "two revoked in the list"

# ---- batches prune ------------------------------------------------------------------------
central_sql "UPDATE batches SET stored_at = '2026-01-02T03:04:05+08:00' WHERE key = '$(uid aaaa0000 1)'"
adm "$@" batches prune --older-than 0
expect_rc 2 "--older-than 0 is refused"
adm "$@" batches prune
expect_rc 2 "--older-than is required"
adm "$@" batches prune --older-than 7
expect_rc 0 "batches prune"
expect_out "已删除 1 个 7 天前" "deletes the old answer only"
[ "$(central_sql "SELECT count(*) FROM batches")" = 4 ] && ok "the recent ones stay" ||
	not_ok "recent batches stay"
api POST /v1/sync/push "$tmp/push1" "$tok1"
[ "$(st 0) $(jget "$tmp/body" '$.results[0].seq')" = "duplicate 1" ] &&
	ok "a pruned batch sent again only finds duplicates" || not_ok "pruned batch resent ($body)"
api GET "/v1/sync/pull?after=0&limit=1000" "" "$tok1"
[ "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile('$tmp/body') AS TEXT), '\$.events')")" = 4 ] &&
	ok "and adds nothing" || not_ok "nothing added ($body)"

ycd_stop main
[ "$rc" = 0 ] && ok "clean stop" || not_ok "clean stop (exit $rc)"
if [ "$backend" = sqlite ]; then
	# a central database made before conflicts could be resolved and
	# terminals revoked gets the new columns on first use
	sqlite3 "$tmp/old.db" "CREATE TABLE terminals (id TEXT PRIMARY KEY, site TEXT NOT NULL,
	  number INTEGER NOT NULL, name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
	  created TEXT NOT NULL, UNIQUE (site, number));
	  INSERT INTO terminals VALUES ('$(uid 7e000000 1)', '539102', 1, '旧窗口', 'x',
	  '2026-01-01T08:00:00+08:00');
	  CREATE TABLE conflicts (n INTEGER PRIMARY KEY, id TEXT NOT NULL,
	  case_id TEXT NOT NULL, case_number TEXT NOT NULL, type TEXT NOT NULL,
	  at TEXT NOT NULL, actor TEXT NOT NULL, body TEXT NOT NULL, terminal TEXT NOT NULL,
	  state TEXT NOT NULL, reason TEXT NOT NULL, stored_at TEXT NOT NULL);"
	adm --db "$tmp/old.db" terminal revoke 539102-01
	expect_rc 0 "an older central database is migrated (terminal revoke)"
	adm --db "$tmp/old.db" conflicts --all
	expect_out "没有冲突" "and conflicts work on it"
fi
# ---- one case per number, also in the database -------------------------------------------
N=$(caseno 539102 1 $D 1)
central_sql "INSERT INTO events (seq, id, case_id, case_number, type, at, actor, body, terminal,
  stored_at) VALUES (999, '$(uid eeee0000 999)', '$(uid ca5e0000 999)', '$N', 'received',
  '2026-11-20T09:15:00+08:00', 'clerk', '{}', '539102-01', '2026-11-20T09:15:00+08:00')" \
	>/dev/null 2>&1
[ "$(central_sql "SELECT count(DISTINCT case_id) FROM events WHERE case_number = '$N'")" = 1 ] &&
	ok "the database refuses a second case's received with the same number" ||
	not_ok "the database refuses a second case's received with the same number"

# ---- a PostgreSQL password never shows in a message -----------------------------------------
for ci in "host=127.0.0.1 port=1 dbname=nodb user=yc password=s3cret-pw" \
	"postgresql://yc:s3cret-pw@127.0.0.1:1/nodb?sslmode=disable"; do
	adm --pg "$ci" user list
	expect_rc 1 "an unreachable PostgreSQL fails (${ci%%:*})"
	case $errout in *s3cret-pw*) not_ok "the password is not shown (${ci%%:*}): $errout" ;;
	*) ok "the password is not shown (${ci%%:*})" ;; esac
	expect_err "host=127.0.0.1 port=1 dbname=nodb" "host, port and dbname are (${ci%%:*})"
done
"$YCD" --listen 127.0.0.1:0 --pg "host=127.0.0.1 port=1 dbname=nodb password=s3cret-pw" \
	>"$tmp/out" 2>"$tmp/err"
rc=$? errout=$(cat "$tmp/err") out="" last="yichuangd --pg (unreachable)"
expect_rc 1 "the service does not start without its database"
case $errout in *s3cret-pw*) not_ok "nor does the service show the password: $errout" ;;
*) ok "nor does the service show the password" ;; esac

# ---- an import is the whole catalog: dropping items needs --replace --------------------------
cv=$(central_sql "SELECT count(*) FROM catalog_versions")
adm "$@" catalog import forms/spjy.item
expect_rc 1 "importing one item file over the whole catalog is refused"
expect_err "事项 13539102MB1K2248874002001701700 残疾人证新办" "listing the items it would remove"
expect_err "一件事 " "and the bundles"
expect_err "--replace" "naming --replace"
[ "$(central_sql "SELECT count(*) FROM catalog_versions")" = "$cv" ] &&
	ok "and no catalog version is added" || not_ok "a catalog version was added"
adm "$@" catalog import forms
expect_rc 0 "the whole catalog again imports (nothing removed)"
adm "$@" catalog import --replace forms/spjy.item
expect_rc 0 "with --replace the one file becomes the catalog"
expect_out "1 个事项" "of one item"

adm "$@" nothing
expect_rc 2 "an unknown command is a usage error"
expect_err "conflicts resolve" "the usage lists the new commands"
finish
