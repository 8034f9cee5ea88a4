#!/bin/sh
# test_concurrent_pg.sh — two yichuangd instances on one PostgreSQL
# server, many terminals pushing at once through both (many curl
# processes in parallel), and a terminal pulling while they push: every
# pull sees every event exactly once, in seq order, and no cursor ever
# passes an event that was still being committed.
. tests/server/lib.sh
pg_require
TERMS=8 BATCHES=8 CASES=15
total=$((TERMS * BATCHES * CASES * 2))

: >"$tmp/tokens"
t=1
while [ $t -le $TERMS ]; do
	"$YCD" admin --pg "$pg" terminal add --site 539102 --name "窗口 $t" | tail -n 1 >>"$tmp/tokens"
	t=$((t + 1))
done
[ "$(wc -l <"$tmp/tokens")" -eq $TERMS ] && ok "$TERMS terminals added" || not_ok "$TERMS terminals added"
readtok="$(head -n 1 "$tmp/tokens")"

ycd_start a --pg "$pg" --threads 4 && ok "instance a starts" || not_ok "instance a starts"
ycd_start b --pg "$pg" --threads 4 && ok "instance b starts" || not_ok "instance b starts"

mkdir "$tmp/batches" "$tmp/answers"
t=1
while [ $t -le $TERMS ]; do
	gen_batches "$tmp/batches" $t $BATCHES $CASES
	t=$((t + 1))
done

# the puller: follows the cursor through instance a until told to stop
# and nothing more is coming
puller() {
	cursor=0
	: >"$tmp/pulled"
	while :; do
		stop=0
		[ -f "$tmp/pushes-done" ] && stop=1
		curl -s -H "Authorization: Bearer $readtok" -H "X-Yichuang-Install: $install" \
			"$url_a/v1/sync/pull?after=$cursor&limit=37" >"$tmp/page" || continue
		sqlite3 :memory: "SELECT json_extract(value, '\$.seq') || ' ' || json_extract(value, '\$.id')
			FROM json_each(CAST(readfile('$tmp/page') AS TEXT), '\$.events')" >>"$tmp/pulled"
		next=$(jget "$tmp/page" '$.next')
		more=$(jget "$tmp/page" '$.more')
		[ -n "$next" ] && cursor=$next
		[ $stop = 1 ] && [ "$more" = 0 ] && break
	done
}
puller &
puller_pid=$!

# every terminal pushes its batches, alternating instances, all at once
t=1
pids=""
while [ $t -le $TERMS ]; do
	tok=$(sed -n "${t}p" "$tmp/tokens")
	(
		b=1
		while [ $b -le $BATCHES ]; do
			if [ $(((b + t) % 2)) = 0 ]; then u=$url_a; else u=$url_b; fi
			f=$(printf '%02d-%d' $t $b)
			curl -s -H "Authorization: Bearer $tok" -H "X-Yichuang-Install: $install" --data-binary "@$tmp/batches/$f.json" \
				"$u/v1/sync/push" >"$tmp/answers/$f.json"
			b=$((b + 1))
		done
		# the first batch again, through the other instance: stored answer
		if [ $((t % 2)) = 0 ]; then u=$url_b; else u=$url_a; fi
		curl -s -H "Authorization: Bearer $tok" -H "X-Yichuang-Install: $install" --data-binary "@$tmp/batches/$(printf '%02d' $t)-1.json" \
			"$u/v1/sync/push" >"$tmp/answers/$(printf '%02d' $t)-again.json"
	) &
	pids="$pids $!"
	t=$((t + 1))
done
for p in $pids; do wait "$p"; done
touch "$tmp/pushes-done"
wait $puller_pid

accepted=$(cat "$tmp/answers"/*-[0-9]*.json | grep -o '"status":"accepted"' | wc -l)
[ "$accepted" -eq $total ] && ok "all $total pushed events accepted" ||
	not_ok "all $total pushed events accepted ($accepted)"
same=0
t=1
while [ $t -le $TERMS ]; do
	f=$(printf '%02d' $t)
	cmp -s "$tmp/answers/$f-1.json" "$tmp/answers/$f-again.json" && same=$((same + 1))
	t=$((t + 1))
done
[ $same -eq $TERMS ] && ok "a batch resent through the other instance gets the stored answer" ||
	not_ok "a batch resent through the other instance gets the stored answer ($same)"

n=$(wc -l <"$tmp/pulled")
u=$(cut -d' ' -f2 "$tmp/pulled" | sort -u | wc -l)
[ "$n" -eq $total ] && ok "the concurrent puller saw $total events" ||
	not_ok "the concurrent puller saw $total events ($n)"
[ "$u" -eq "$n" ] && ok "each exactly once" || not_ok "each exactly once ($u distinct of $n)"
cut -d' ' -f1 "$tmp/pulled" >"$tmp/seqs"
sort -n -u "$tmp/seqs" | cmp -s - "$tmp/seqs" && ok "in strictly ascending seq order" ||
	not_ok "in strictly ascending seq order"
[ "$(head -n 1 "$tmp/seqs") $(tail -n 1 "$tmp/seqs")" = "1 $total" ] &&
	ok "seq runs from 1 to $total without gaps" || not_ok "seq runs from 1 to $total without gaps"

# a fresh terminal pulls everything through instance b
cursor=0
more=1
: >"$tmp/all"
while [ "$more" = 1 ]; do
	url=$url_b
	api GET "/v1/sync/pull?after=$cursor&limit=1000" "" "$readtok"
	sqlite3 :memory: "SELECT json_extract(value, '\$.id') FROM json_each(CAST(readfile('$tmp/body') AS TEXT), '\$.events')" >>"$tmp/all"
	cursor=$(jget "$tmp/body" '$.next')
	more=$(jget "$tmp/body" '$.more')
done
[ "$(sort -u "$tmp/all" | wc -l)" -eq $total ] && [ "$(wc -l <"$tmp/all")" -eq $total ] &&
	ok "a pull through the other instance sees the same $total events" ||
	not_ok "a pull through the other instance sees the same $total events"
ycd_stop a
[ "$rc" = 0 ] && ok "instance a stops cleanly" || not_ok "instance a stops cleanly"
ycd_stop b
[ "$rc" = 0 ] && ok "instance b stops cleanly" || not_ok "instance b stops cleanly"
finish
