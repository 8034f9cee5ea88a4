#!/bin/sh
# run.sh — `make run`: the program on its embedded default.  A local central
# service (yichuangd on 127.0.0.1) holds the sample catalog, the demo users
# and the centre's settings; a workstation database registered with it
# pulls them; then the full-screen program opens on the workstation.  When
# it ends, the local central service is stopped.  Everything lives in
# BUILD/demo/ and is reused on the next run (delete the folder to start
# afresh).
#
#   sh data/demo/run.sh BUILD [PORT [OPTION...]]
#
# PORT defaults to YICHUANG_DEMO_PORT or 8707; OPTIONs go to yichuang
# (the tests pass --script FILE --dump-dir DIR).
set -eu
build=$1
port=${2:-${YICHUANG_DEMO_PORT:-8707}}
shift $(($# < 2 ? $# : 2))
yc=$build/yichuang
ycd=$build/yichuangd
dir=$build/demo
password=yichuang-demo
url=http://127.0.0.1:$port
mkdir -p "$dir"

# NAME:ROLE[:DEPARTMENT], one per role.
users="clerk:clerk issuer:issuer supervisor:supervisor admin:admin
approver:approver:云岭市安澜区市场监督管理局"

# A set-up cut short is started again from the beginning.
if [ ! -f "$dir/token" ]; then
	rm -f "$dir/central.db" "$dir/central.db-wal" "$dir/central.db-shm"
	echo "demo: setting up the local central service in $dir/central.db"
	"$ycd" admin --db "$dir/central.db" catalog import forms >/dev/null
	for u in $users; do
		name=${u%%:*} rest=${u#*:}
		role=${rest%%:*} dept=""
		[ "$rest" != "$role" ] && dept=${rest#*:}
		printf '%s\n' "$password" | "$ycd" admin --db "$dir/central.db" \
			user add "$name" --role "$role" ${dept:+--dept "$dept"} >/dev/null
	done
	for kv in "doc.centre=云岭市安澜区政务服务中心" \
		  "doc.seal=云岭市安澜区政务服务中心（行政审批专用章）" \
		  "doc.phone=0870-12345" "doc.complaint_phone=12345" \
		  "doc.review_body=云岭市安澜区人民政府" "doc.court=云岭市安澜区人民法院" \
		  "doc.progress_url=$url/v1/progress/%s"; do
		"$ycd" admin --db "$dir/central.db" setting set "${kv%%=*}" "${kv#*=}" >/dev/null
	done
	"$ycd" admin --db "$dir/central.db" terminal add --site 539102 \
		--name "安澜区政务服务中心 1号窗口" | tail -n 1 >"$dir/token.new"
	rm -f "$dir/yichuang.db" "$dir/registered"
	mv "$dir/token.new" "$dir/token"
fi

"$ycd" --listen "127.0.0.1:$port" --db "$dir/central.db" --site 539102 \
	2>>"$dir/yichuangd.log" &
ycd_pid=$!
trap 'kill "$ycd_pid" 2>/dev/null; wait "$ycd_pid" 2>/dev/null || true' EXIT INT TERM HUP
tries=0
until curl -fsS "$url/healthz" >/dev/null 2>&1; do
	tries=$((tries + 1))
	if [ $tries -gt 50 ] || ! kill -0 "$ycd_pid" 2>/dev/null; then
		echo "demo: the local central service did not start on port $port;" \
		     "see $dir/yichuangd.log (another program on the port? try" \
		     "YICHUANG_DEMO_PORT=8708 make run)" >&2
		exit 1
	fi
	sleep 0.1
done

if [ ! -f "$dir/registered" ]; then
	rm -f "$dir/yichuang.db" "$dir/yichuang.db-wal" "$dir/yichuang.db-shm"
	"$yc" --db "$dir/yichuang.db" init --server "$url" --token "$(cat "$dir/token")"
	touch "$dir/registered"
	echo "demo: users clerk, approver, issuer, supervisor, admin; password $password"
fi
"$yc" --db "$dir/yichuang.db" "$@"
