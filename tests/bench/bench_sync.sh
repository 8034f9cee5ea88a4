#!/bin/sh
# bench_sync.sh — push and pull of 10,000 events over loopback against
# yichuangd on SQLite, gzipped both ways: time and bytes on the wire per
# event.  Prints figures; never fails on timing (goal: < 2 s each way,
# < 200 bytes per event).
#
#   YC_BUILD=build sh tests/bench/bench_sync.sh
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
build=${YC_BUILD:-build}
export YC="$top/$build/yichuang" YCD="$top/$build/yichuangd"
. tests/server/lib.sh

"$YCD" admin --db "$tmp/bench.db" terminal add --site 539102 --name bench >"$tmp/t" || exit 1
tok=$(tail -n 1 "$tmp/t")
ycd_start bench --db "$tmp/bench.db" || exit 1
mkdir "$tmp/b"
gen_batches "$tmp/b" 1 10 500		# 10 batches of 1000 events
for f in "$tmp/b"/*.json; do gzip -c "$f" >"$f.gz"; done

now_ms() { date +%s%3N; }
up=0
t0=$(now_ms)
for f in "$tmp/b"/*.json.gz; do
	curl -s -o /dev/null -H "Authorization: Bearer $tok" -H "Content-Encoding: gzip" \
		-H "Accept-Encoding: gzip" --data-binary "@$f" "$url/v1/sync/push" || exit 1
	up=$((up + $(wc -c <"$f")))
done
t1=$(now_ms)
down=0 cursor=0 more=1
while [ "$more" = 1 ]; do
	curl -s -H "Authorization: Bearer $tok" -H "Accept-Encoding: gzip" \
		"$url/v1/sync/pull?after=$cursor&limit=1000" >"$tmp/page.gz" || exit 1
	down=$((down + $(wc -c <"$tmp/page.gz")))
	gzip -dc <"$tmp/page.gz" >"$tmp/page"
	cursor=$(jget "$tmp/page" '$.next')
	more=$(jget "$tmp/page" '$.more')
done
t2=$(now_ms)
echo "bench_sync: push 10000 events: $((t1 - t0)) ms, $((up / 10000)) bytes/event (gzip)"
echo "bench_sync: pull 10000 events: $((t2 - t1)) ms, $((down / 10000)) bytes/event (gzip)"
[ "$cursor" = 10000 ] || echo "bench_sync: warning: pulled up to $cursor, not 10000"
