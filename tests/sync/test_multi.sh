#!/bin/sh
# test_multi.sh — three workstations and one yichuangd: window A accepts
# (tests/fault/ycfault.c, the real store code), approver B decides and
# hands the result over (`yichuang case review|decide|result`), issuing
# window C notifies, delivers and archives (`case notify|deliver|archive`);
# each acts on what it pulled from central.  Every terminal ends with the
# same case history, in central's order, and the same projection.  A
# second case is decided on B while A, offline, withdraws it: central
# keeps the first to arrive, the other comes back as a conflict, and all
# three still agree.  A third case, on paper, goes to the back office on a
# hand-over register made and signed on A and signed for on B.
. tests/server/lib.sh
. tests/sync/fault.lib
trap 'proxy_stop; server_cleanup' EXIT

command -v sqlite3 >/dev/null 2>&1 || skip "sqlite3 is not installed"
if fault_build; then ok "the helper builds"; else not_ok "the helper builds"; finish; exit 1; fi
central_setup || { not_ok "central set up"; finish; exit 1; }
terminal_add A && terminal_add B && terminal_add C || { not_ok "terminals"; finish; exit 1; }
ycd_start main --db "$central" || { not_ok "yichuangd starts"; finish; exit 1; }

a="$tmp/a.db" b="$tmp/b.db" c="$tmp/c.db"
q() { sqlite3 "$1" "$2"; }
check() { if eval "$1"; then ok "$2"; else not_ok "$2 [$1]"; return 1; fi; }
state() { q "$1" "SELECT state FROM cases WHERE number = '$2'"; }
# history DB NUMBER: the case's events in central's order: type actor body
history() {
	q "$1" "SELECT s.server_seq || ' ' || e.type || ' ' || e.actor || ' ' || e.body
	  FROM events e JOIN cases c ON c.id = e.case_id JOIN event_sync s ON s.event_id = e.id
	  WHERE c.number = '$2' ORDER BY s.server_seq"
}

for w in A B C; do
	eval "db=\$$(echo "$w" | tr ABC abc)"
	eval "t=\$tok_$w"
	run --db "$db" init --server "$url" --token "$t"
	expect_rc 0 "workstation $w registers"
done
check '[ "$(q "$b" "SELECT department FROM users WHERE name = '"'sj'"'")" = "$SJ" ]' \
	"the approver and her department reach the workstations"

# ---- window A accepts ---------------------------------------------------------
n1=$("$ycfault" mkcases "$a" $FOOD 2026-11-20 1 张三 electronic)
n2=$("$ycfault" mkcases "$a" $FOOD 2026-11-20 1 李四 electronic)
check '[ -n "$n1" ] && [ -n "$n2" ] && [ "$(state "$a" "$n1")" = accepted ]' "A accepts two cases"
ws_sync "$a"
expect_rc 0 "A sends them"
ws_sync "$b"
expect_rc 0 "B pulls them"
check '[ "$(state "$b" "$n1")" = accepted ]' "the case is on B, accepted"

# ---- approver B decides ---------------------------------------------------------
run --db "$b" case review "$n1" --user sj <"$tmp/pw_sj"
expect_rc 0 "B starts the review (materials all electronic)"
export YICHUANG_TODAY=2026-11-23
run --db "$b" case decide "$n1" --user sj --approve --licence JY15391020000001 --valid-until 2031-11-22 <"$tmp/pw_sj"
expect_rc 0 "B approves"
run --db "$b" case result "$n1" --user sj --to fa <"$tmp/pw_result"
expect_rc 0 "B hands the result to the issuing window, both signing"
check '[ "$(state "$b" "$n1")" = ready ]' "the case is ready on B"
ws_sync "$b"
expect_rc 0 "B sends its events"

# ---- issuing window C delivers -----------------------------------------------
ws_sync "$c"
expect_rc 0 "C pulls"
check '[ "$(state "$c" "$n1")" = ready ]' "the case is ready on C"
run --db "$c" case notify "$n1" --user fa --channel phone <"$tmp/pw_fa"
expect_rc 0 "C notifies the applicant"
export YICHUANG_TODAY=2026-11-24
run --db "$c" case deliver "$n1" --user fa --post --waybill 1180123456789 --address 滨江大道1号 --recipient 张三 <"$tmp/pw_fa"
expect_rc 0 "C posts the licence"
run --db "$c" case archive "$n1" --user fa <"$tmp/pw_fa"
expect_rc 0 "C archives the case"
ws_sync "$c"
expect_rc 0 "C sends its events"

# ---- a conflict: B decides n2 while A, offline, withdraws it --------------------
run --db "$b" case review "$n2" --user sj <"$tmp/pw_sj"
expect_rc 0 "B starts reviewing the second case"
ws_sync "$b"
ws_sync "$a"
expect_rc 0 "A pulls the review"
run --db "$b" case decide "$n2" --user sj --deny --reason 经营场所不符合要求 <"$tmp/pw_sj"
expect_rc 0 "B denies the second case"
ws_sync "$b"
expect_rc 0 "B's denial reaches central first"
# A, not yet told, records the applicant withdrawing at the window.
"$ycfault" event "$a" "$n2" withdrawn 2026-11-24 申请人撤回 2>"$tmp/err"
check '[ "$(state "$a" "$n2")" = withdrawn ]' "A withdraws the second case offline"
ws_sync "$a"
expect_rc 1 "A's withdrawal is refused by central: exit 1"
expect_out "$n2" "the refusal names the case"
check '[ "$(state "$a" "$n2")" = decided ] && [ "$(q "$a" "SELECT conflict FROM cases WHERE number = '"'$n2'"'")" = 1 ]' \
	"A now shows the case decided as on central, flagged as a conflict"
run --db "$a" sync --conflicts
expect_rc 1 "A's conflicts list is open"
expect_out "$n2" "and names the case"

# ---- a paper case: the register made on A is signed for on B -------------------
export YICHUANG_TODAY=2026-11-24
n3=$("$ycfault" mkcases "$a" $FOOD 2026-11-24 1 王五 paper)
check '[ -n "$n3" ] && [ "$(state "$a" "$n3")" = accepted ]' "A accepts a case with paper materials"
run --db "$a" handover create --dept "$SJ" --user clerk "$n3"
expect_rc 0 "A makes the hand-over register for the back office"
reg=$(printf '%s\n' "$out" | grep -o 'JJ-[0-9A-Z-]*' | head -n 1)
run --db "$a" handover sign "$reg" --as sender --user clerk <"$tmp/pw_clerk"
expect_rc 0 "A's clerk signs it as sender"
ws_sync "$a"
expect_rc 0 "A sends the register with its case"
ws_sync "$b"
expect_rc 0 "B pulls it"
run --db "$b" handover list --dept "$SJ" --json
expect_out "$reg" "the register is on B's list"
check '[ "$(q "$b" "SELECT state || '"' '"' || sender FROM registers WHERE number = '"'$reg'"'")" = "sent clerk" ]' \
	"on B it waits for the receiver, signed by A's clerk"
check '[ "$(q "$b" "SELECT count(*) FROM register_materials WHERE register = '"'$reg'"'")" = \
	"$(q "$a" "SELECT count(*) FROM register_materials WHERE register = '"'$reg'"'")" ]' \
	"with the same material lines as on A"
run --db "$b" handover sign "$reg" --as receiver --user sj --missing "$n3:sqs:未见申请书原件" <"$tmp/pw_sj"
expect_rc 0 "B's approver signs for it, recording a material missing"
check '[ "$(state "$b" "$n3")" = in_review ]' "the review starts on B"
ws_sync "$b"
expect_rc 0 "B sends the receipt"
ws_sync "$a"
expect_rc 0 "A pulls it"
check '[ "$(q "$a" "SELECT state || '"' '"' || receiver FROM registers WHERE number = '"'$reg'"'")" = "received sj" ]' \
	"A's register is received, by B's approver"
check '[ "$(q "$a" "SELECT material_id FROM register_discrepancies WHERE register = '"'$reg'"'")" = sqs ]' \
	"and the missing material is on A's register too"
check '[ "$(state "$a" "$n3")" = in_review ]' "A sees the case under review"
run --db "$b" handover sign "$reg" --as receiver --user sj <"$tmp/pw_sj"
expect_rc 1 "the register cannot be signed for twice"

# ---- everybody syncs; the same history everywhere ----------------------------------
for w in "$a" "$b" "$c" "$a" "$b"; do
	ws_sync "$w"
	[ "$rc" -eq 0 ] || not_ok "final sync of $(basename "$w" .db) (exit $rc)"
done
for n in "$n3" "$n1" "$n2"; do
	history "$a" "$n" >"$tmp/h.a"
	history "$b" "$n" >"$tmp/h.b"
	history "$c" "$n" >"$tmp/h.c"
	sqlite3 "$central" "SELECT seq || ' ' || type || ' ' || actor || ' ' || body FROM events
	  WHERE case_number = '$n' ORDER BY seq" >"$tmp/h.central"
	check 'cmp -s "$tmp/h.a" "$tmp/h.central" && cmp -s "$tmp/h.b" "$tmp/h.central" &&
		cmp -s "$tmp/h.c" "$tmp/h.central"' "$n: the same history on A, B, C and central"
done
check '[ "$(cut -d" " -f2 "$tmp/h.central" | tr "\n" " ")" = "received accepted review_started decided " ]' \
	"the second case: received, accepted, review, decided"
history "$a" "$n1" | cut -d' ' -f2,3 | tr '\n' ' ' >"$tmp/h1"
check '[ "$(cat "$tmp/h1")" = "received clerk accepted clerk review_started sj decided sj register_sent sj result_handed_over fa notified fa delivered fa archived fa " ]' \
	"the first case's whole life, each step by its actor" || { cat "$tmp/h1"; echo; }
for w in "$a" "$b" "$c"; do
	"$YC" --db "$w" case show "$n1" --json | grep -v '"seq":' >"$tmp/proj.$(basename "$w" .db)"
done
check 'cmp -s "$tmp/proj.a" "$tmp/proj.b" && cmp -s "$tmp/proj.a" "$tmp/proj.c"' \
	"the same projection of the first case on A, B and C (case show --json)" ||
	diff "$tmp/proj.a" "$tmp/proj.c" | head -20
for w in "$b" "$c"; do
	"$YC" --db "$w" case show "$n2" --json | grep -v '"seq":' >"$tmp/proj.$(basename "$w" .db)"
done
check 'cmp -s "$tmp/proj.b" "$tmp/proj.c"' "the same projection of the second case on B and C" ||
	diff "$tmp/proj.b" "$tmp/proj.c" | head -20
for w in "$a" "$b" "$c"; do
	check '[ "$(state "$w" "$n1")" = archived ] && [ "$(state "$w" "$n2")" = decided ]' \
		"$(basename "$w" .db): the first case archived, the second decided"
	check '[ "$(q "$w" "SELECT count(*) FROM outbox")" -eq 0 ]' "$(basename "$w" .db): outbox empty"
done
run --db "$a" case show "$n1"
expect_out "1180123456789" "A's view of the case shows C's waybill"
finish
