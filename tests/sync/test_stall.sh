#!/bin/sh
# test_stall.sh — central stalls (yichuangd stopped with SIGSTOP, like a
# pulled cable): `yichuang sync` says on stderr that it retries, each time,
# and gives up within its bound (exit 2); the background sync of the
# full-screen program (tests/sync/bgsync.c against the real sync_bg_*)
# finds central gone between rounds and says offline within ~15 s, finds
# it back within ~15 s, and quitting with a round hanging on a stalled
# central takes at most a second or two, not the round's timeouts.
. tests/server/lib.sh
central="$tmp/central.db"
ws="$tmp/ws.db"
build_helper bgsync tests/sync/bgsync.c

"$YCD" admin --db "$central" catalog import forms >"$tmp/adm.out" 2>&1 &&
	"$YCD" admin --db "$central" terminal add --site 539102 --name "1号窗口" >"$tmp/tok" 2>&1
rc=$? out="" errout=$(cat "$tmp/adm.out") last="yichuangd admin ..."
expect_rc 0 "central gets the catalog and a terminal"
if ycd_start main --db "$central"; then ok "yichuangd starts"
else not_ok "yichuangd starts"; finish; exit 1; fi
run --db "$ws" init --server "$url" --token "$(tail -n 1 "$tmp/tok")"
expect_rc 0 "the workstation registers"
pid=$(cat "$tmp/main.pid")

# ---- yichuang sync on a stalled central --------------------------------------
kill -STOP "$pid"
t0=$(date +%s)
run --db "$ws" sync --retries 2
t1=$(date +%s)
kill -CONT "$pid"
expect_rc 2 "sync on a stalled central exits 2"
expect_err "中心无应答，第 1 次重试" "and says on stderr that it retries"
expect_err "没有丢失" "and that nothing is lost"
[ $((t1 - t0)) -le 30 ] && ok "it gives up within its bound ($((t1 - t0)) s for 2 tries)" ||
	not_ok "it took $((t1 - t0)) s for 2 tries"
run --db "$ws" sync --quiet
expect_rc 0 "central continued: sync succeeds"

# ---- the background sync ------------------------------------------------------
"$tmp/bgsync" "$ws" "$pid" >"$tmp/bg.out" 2>"$tmp/bg.err"
rc=$? out=$(cat "$tmp/bg.out") errout=$(cat "$tmp/bg.err") last="bgsync"
kill -CONT "$pid" 2>/dev/null
expect_rc 0 "bgsync ran every step"
ms() { sed -n "s/^$1 \([0-9]*\)$/\1/p" "$tmp/bg.out"; }
v=$(ms online)
[ -n "$v" ] && [ "$v" -le 10000 ] && ok "the first round says online ($v ms)" ||
	not_ok "the first round: '$v' ms"
v=$(ms offline)
[ -n "$v" ] && [ "$v" -le 20000 ] && ok "central stalled: offline within 20 s, not at the next round ($v ms)" ||
	not_ok "central stalled: offline after '$v' ms"
v=$(ms online-again)
[ -n "$v" ] && [ "$v" -le 20000 ] && ok "central back: online within 20 s ($v ms)" ||
	not_ok "central back: online after '$v' ms"
v=$(ms quit)
[ -n "$v" ] && [ "$v" -le 2500 ] && ok "quitting with a round hanging takes $v ms" ||
	not_ok "quitting with a round hanging took '$v' ms"
[ "$(sqlite3 "$ws" "SELECT value FROM settings WHERE key = 'sync.state'")" = online ] &&
	ok "the round cut short by quitting did not mark the workstation offline" ||
	not_ok "after quitting sync.state is $(sqlite3 "$ws" "SELECT value FROM settings WHERE key = 'sync.state'")"

ycd_stop main
finish
