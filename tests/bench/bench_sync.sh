#!/bin/sh
# bench_sync.sh — push and pull of 10,000 realistic events over loopback
# with the real client, against yichuangd on SQLite and (when PostgreSQL
# is installed) on PostgreSQL.  Prints figures; never fails on timing
# (goal, issue 5: < 2 s each way, < 200 bytes per event on the wire).
#
#   make bench       (or: YC_BUILD=build sh tests/bench/bench_sync.sh)
#
# The events are made by tests/bench/benchgen.c through the workstation's
# own code (case_receive, case_apply_event, print_record_issue, registers,
# backoffice_*): about 2,400 cases of the sample catalog's items with
# distinct applicants, valid ID numbers and credit codes, phones, form
# fields and checklists, taken through acceptance, the printed 受理通知书,
# hand-over, review, decision, results register, notice, delivery and
# archiving in a day's mix.  Workstation A (registered with `yichuang
# init`) sends them with `yichuang sync`; workstation B, registered after,
# receives them all with its `yichuang init`.  Both talk to yichuangd
# through tests/bench/wirecount.c, a relay that counts the bytes of every
# request and answer (headers and bodies apart; bodies gzipped as sent)
# and times each request.
#
# Columns: "wall" is the whole command (A: push, reference data, then the
# pull of its own 10,000 events back, which the protocol sends too; B:
# register, reference data, pull).  "push"/"pull" is the span from the
# first byte of the first such request to the last byte of the last
# answer; "in req" the part of it spent inside those requests (central
# working, and the bytes travelling), the rest is the workstation's own
# work between them.  Bytes per event: request + answer bodies of those requests,
# divided by 10,000; "+hdr" adds the HTTP headers.  "raw" is the same
# JSON uncompressed (pull pages fetched again with curl without gzip;
# push measured as the pull page minus the seq and terminal members).
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
build=${YC_BUILD:-build}
export YC="$top/$build/yichuang" YCD="$top/$build/yichuangd"
. tests/server/lib.sh
N=${BENCH_EVENTS:-10000}
relay_pid=""

relay_stop() {
	if [ -n "$relay_pid" ]; then
		kill -TERM "$relay_pid" 2>/dev/null
		wait "$relay_pid" 2>/dev/null
		relay_pid=""
	fi
}
trap 'relay_stop; server_cleanup' EXIT

say() { echo "bench_sync: $*"; }
fail() { say "$*"; exit 1; }

command -v sqlite3 >/dev/null 2>&1 || { say "skipped: sqlite3 is not installed"; exit 0; }

# ---- helpers, built against this build's libyc.a --------------------------
mkdir -p "$build/tests"
san=""
if nm "$build/libyc.a" 2>/dev/null | grep -q __asan_init; then
	san="-fsanitize=address,undefined"
fi
warn="-std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes"
# shellcheck disable=SC2086
${CC:-cc} $warn -O2 -o "$build/tests/wirecount" tests/bench/wirecount.c ||
	fail "tests/bench/wirecount.c does not build"
# shellcheck disable=SC2046,SC2086
${CC:-cc} $warn -D_GNU_SOURCE -O2 -Iinclude $san -o "$build/tests/benchgen" \
	tests/bench/benchgen.c "$build/libyc.a" \
	$(pkg-config --libs ncursesw sqlite3 libcurl libcjson libsodium zlib pangocairo \
		libqrencode) -lm || fail "tests/bench/benchgen.c does not build"

now_ms() { date +%s%3N; }

# adm ARGS...: yichuangd admin on the central database of this round.
adm() {
	"$YCD" admin "$bopt" "$bval" "$@" >"$tmp/adm.out" 2>"$tmp/adm.err" <"${adm_in:-/dev/null}" ||
		{ sed 's/^/    /' "$tmp/adm.err"; return 1; }
}

# sums LOG FROM PATTERN: "count req_body resp_body req_hdr resp_hdr span_ms
# in_ms" of the requests matching PATTERN in LOG from line FROM on (in_ms:
# the time spent inside those requests, first byte sent to last byte
# answered, summed: central's share of the span; the rest is the
# workstation's).
sums() {
	tail -n +"$2" "$1" | awk -v pat="$3" '
	$2 ~ pat { n++; qb += $4; ab += $6; qh += $3; ah += $5; in_us += $8 - $7
		if (t0 == "" || $7 < t0) t0 = $7
		if ($8 > t1) t1 = $8 }
	END { printf "%d %d %d %d %d %d %d\n", n, qb, ab, qh, ah, (t1 - t0) / 1000, in_us / 1000 }'
}

# one_round LABEL: central on "$bopt" "$bval", two workstations.
one_round() {
	label=$1
	w="$tmp/$label"
	mkdir -p "$w"
	adm catalog import forms && adm calendar import data/calendar/2026.cal || return 1
	printf 'clerk-pass-1\n' >"$tmp/pw"
	adm_in="$tmp/pw" adm user add clerk --role clerk || return 1
	adm_in="$tmp/pw" adm user add fa --role issuer || return 1
	adm terminal add --site 539102 --name "安澜区政务服务中心 1号窗口" || return 1
	tok_a=$(tail -n 1 "$tmp/adm.out")
	adm terminal add --site 539102 --name "安澜区政务服务中心 2号窗口" || return 1
	tok_b=$(tail -n 1 "$tmp/adm.out")
	ycd_start "ycd_$label" "$bopt" "$bval" || return 1
	: >"$w/wire.log"
	rm -f "$w/port"
	"$build/tests/wirecount" "$w/port" "${url##*:}" "$w/wire.log" &
	relay_pid=$!
	i=0
	while [ ! -s "$w/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$w/port" ] || { say "the relay did not start"; return 1; }
	rurl="http://127.0.0.1:$(cat "$w/port")"

	"$YC" --db "$w/a.db" init --server "$rurl" --token "$tok_a" >"$w/init_a.out" 2>&1 ||
		{ cat "$w/init_a.out"; return 1; }
	t0=$(now_ms)
	"$build/tests/benchgen" "$w/a.db" "$N" 1 >"$w/gen.out" || return 1
	t1=$(now_ms)
	gen_ms=$((t1 - t0))
	read -r _ ncases _ nev <"$w/gen.out"
	# the approvers benchgen added on A are central's users too: central
	# checks every event's actor against its own users
	sqlite3 -separator '|' "$w/a.db" "SELECT name, department FROM users WHERE role = 'approver'" \
		>"$w/approvers" || return 1
	while IFS='|' read -r name dept; do
		adm_in="$tmp/pw" adm user add "$name" --role approver --dept "$dept" || return 1
	done <"$w/approvers"

	mark=$(($(wc -l <"$w/wire.log") + 1))
	t0=$(now_ms)
	"$YC" --db "$w/a.db" sync --quiet >"$w/sync_a.out" 2>&1
	rc_a=$?
	t1=$(now_ms)
	wall_a=$((t1 - t0))
	[ $rc_a -eq 0 ] || { say "$label: yichuang sync on A exits $rc_a:"; head "$w/sync_a.out"; }
	set -- $(sums "$w/wire.log" "$mark" '^/v1/sync/push$')
	push_n=$1 push_qb=$2 push_ab=$3 push_qh=$4 push_ah=$5 push_ms=$6 push_in=$7

	mark=$(($(wc -l <"$w/wire.log") + 1))
	t0=$(now_ms)
	"$YC" --db "$w/b.db" init --server "$rurl" --token "$tok_b" >"$w/init_b.out" 2>&1
	rc_b=$?
	t1=$(now_ms)
	wall_b=$((t1 - t0))
	[ $rc_b -eq 0 ] || { say "$label: yichuang init on B exits $rc_b:"; head "$w/init_b.out"; }
	set -- $(sums "$w/wire.log" "$mark" '^/v1/sync/pull')
	pull_n=$1 pull_qb=$2 pull_ab=$3 pull_qh=$4 pull_ah=$5 pull_ms=$6 pull_in=$7

	got_b=$(sqlite3 "$w/b.db" 'SELECT count(*) FROM events')
	left_a=$(sqlite3 "$w/a.db" 'SELECT count(*) FROM outbox')

	# the same pages uncompressed, straight from yichuangd
	# b's own database id: the token serves that one only
	inst_b=$(sqlite3 "$w/b.db" "SELECT value FROM settings WHERE key = 'sync.install_id'")
	raw=0 rawx=0 cursor=0 more=1
	while [ "$more" = 1 ]; do
		curl -s -H "Authorization: Bearer $tok_b" -H "X-Yichuang-Install: $inst_b" \
			"$url/v1/sync/pull?after=$cursor&limit=500" \
			>"$w/page" || break
		raw=$((raw + $(wc -c <"$w/page")))
		# what a pushed event lacks: ,"seq":N and ,"terminal":"539102-01"
		rawx=$((rawx + $(grep -o ',"seq":[0-9]*\|,"terminal":"[^"]*"\|"seq":[0-9]*,\|"terminal":"[^"]*",' \
			"$w/page" | wc -c) - $(grep -o ',"seq":[0-9]*\|,"terminal":"[^"]*"\|"seq":[0-9]*,\|"terminal":"[^"]*",' "$w/page" | wc -l)))
		cursor=$(jget "$w/page" '$.next')
		more=$(jget "$w/page" '$.more')
	done
	relay_stop
	ycd_stop "ycd_$label"

	dn=${nev:-$N}
	[ "$dn" -gt 0 ] || dn=1
	per() { awk -v a="$1" -v n="$dn" 'BEGIN { printf "%.0f", a / n }'; }
	printf '%-10s %-5s %7s %7s %7s %9s %9s %9s %7s %7s\n' "$label" push "$wall_a" "$push_ms" \
		"$push_in" \
		"$(per "$push_qb")+$(per "$push_ab")" "$(per $((push_qb + push_ab)))" \
		"$(per $((push_qb + push_ab + push_qh + push_ah)))" "$(per $((raw - rawx)))" \
		"$push_n" >>"$tmp/table"
	printf '%-10s %-5s %7s %7s %7s %9s %9s %9s %7s %7s\n' "$label" pull "$wall_b" "$pull_ms" \
		"$pull_in" \
		"$(per "$pull_qb")+$(per "$pull_ab")" "$(per $((pull_qb + pull_ab)))" \
		"$(per $((pull_qb + pull_ab + pull_qh + pull_ah)))" "$(per "$raw")" \
		"$pull_n" >>"$tmp/table"
	echo "$label: $ncases cases, $nev events made in $gen_ms ms; A exit $rc_a (outbox left $left_a)," \
		"B exit $rc_b (holds $got_b events)" >>"$tmp/notes"
	[ "$rc_a" -eq 0 ] && [ "$rc_b" -eq 0 ] && [ "$got_b" = "$nev" ] && [ "$left_a" = 0 ] ||
		echo "$label: WARNING: the round did not complete cleanly" >>"$tmp/notes"
	cp "$w/a.db" "$tmp/sample.db"
}

: >"$tmp/table"
: >"$tmp/notes"
bopt=--db bval="$tmp/central.db"
one_round sqlite || fail "the SQLite round failed"
pg_note=""
if pg_start; then
	bopt=--pg bval=$pg
	one_round postgresql || fail "the PostgreSQL round failed"
else
	pg_note="PostgreSQL: not installed here, round skipped"
fi

echo
say "$N events over loopback through the real client (goal: < 2000 ms each way, < 200 B/event)"
printf '%-10s %-5s %7s %7s %7s %9s %9s %9s %7s %7s\n' central dir "wall ms" "span ms" "in req" "req+resp" \
	"B/event" "+hdr" "raw" requests
cat "$tmp/table"
echo "  B/event: gzip request + answer bodies per event; raw: the events' JSON uncompressed"
sed 's/^/  /' "$tmp/notes"
[ -n "$pg_note" ] && echo "  $pg_note"
echo "  the events by type (count, average body bytes uncompressed):"
sqlite3 "$tmp/sample.db" "SELECT '    ' || printf('%-20s %5d %6d', type, count(*),
	avg(length(CAST(body AS BLOB)))) FROM events GROUP BY type ORDER BY min(rowid)"
exit 0
