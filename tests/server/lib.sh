# lib.sh — helpers for the central service tests (tests/server/*.sh), on
# top of tests/cli/lib.sh.  Sourced from the top of the tree with $YCD
# naming yichuangd.  Every process started here is stopped on exit.
#
#   ycd_start NAME ARGS...     starts yichuangd --listen 127.0.0.1:0 ARGS in
#                              the background (log in $tmp/NAME.log), waits
#                              for /healthz; sets $url (and NAME's pid file)
#                              ($ycd_scheme=https: for a TLS instance)
#   ycd_stop NAME              SIGTERM; waits for the exit; sets $rc
#   api METHOD URLPATH [FILE] [TOKEN] [CURL-ARGS...]
#                              request to $url; sets $code, $body ($tmp/body);
#                              with a token it says X-Yichuang-Install:
#                              $install (push and pull require it; a
#                              token is bound to the first one; set
#                              install= to send none)
#   jget JSONFILE PATH         json_extract of a file (sqlite3), e.g. '$.next'
#   caseno SITE TT YYMMDD SEQ  a case number with its check character
#   pg_start                   starts a private PostgreSQL server (initdb in
#                              a temp dir, unix socket only); sets $pg
#                              (conninfo); returns 1 when PostgreSQL is not
#                              installed, 2 when it is but did not start
#   pg_require                 pg_start for a suite that needs it: skips the
#                              suite (visibly) when PostgreSQL is not
#                              installed, fails it when it is installed but
#                              does not start
#   pg_halt / pg_resume / pg_restart
#                              stops, starts again, restarts that server
#                              (pg_ctl -m fast), as an administrator would
#   pg_stop
. tests/cli/lib.sh
: "${YCD:?YCD must name the yichuangd binary}"
export YICHUANG_TODAY=2026-11-20
ycd_names=""
# the workstation database api() speaks for (X-Yichuang-Install)
install=${install-1a5e0000-0000-4000-8000-00000000000a}
pg_dir=""
pg_bin=""
pg_user=""

server_cleanup() {
	for n in $ycd_names; do
		if [ -f "$tmp/$n.pid" ]; then
			kill -TERM "$(cat "$tmp/$n.pid")" 2>/dev/null
		fi
	done
	for n in $ycd_names; do
		if [ -f "$tmp/$n.pid" ]; then
			p=$(cat "$tmp/$n.pid")
			i=0
			while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
			kill -KILL "$p" 2>/dev/null
			rm -f "$tmp/$n.pid"
		fi
	done
	pg_stop
	rm -rf "$tmp"
}
trap server_cleanup EXIT
trap 'exit 1' INT TERM

ycd_start() {
	name=$1
	shift
	: >"$tmp/$name.log"
	"$YCD" --listen 127.0.0.1:0 "$@" 2>"$tmp/$name.log" &
	echo $! >"$tmp/$name.pid"
	ycd_names="$ycd_names $name"
	i=0
	port=""
	while [ $i -lt 100 ]; do
		port=$(sed -n 's/.*127\.0\.0\.1:\([0-9][0-9]*\) 上服务.*/\1/p' "$tmp/$name.log" | head -n 1)
		[ -n "$port" ] && break
		kill -0 "$(cat "$tmp/$name.pid")" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	if [ -z "$port" ]; then
		echo "yichuangd $name did not start:"
		sed 's/^/    /' "$tmp/$name.log"
		rm -f "$tmp/$name.pid"
		return 1
	fi
	url="${ycd_scheme:-http}://127.0.0.1:$port"
	eval "url_$name=\$url"
	i=0
	while [ $i -lt 50 ]; do
		[ "$(curl -sk "$url/healthz")" = "ok" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

ycd_stop() {
	p=$(cat "$tmp/$1.pid")
	kill -TERM "$p"
	i=0
	while kill -0 "$p" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	if kill -0 "$p" 2>/dev/null; then
		kill -KILL "$p"
		rc=137
	else
		wait "$p" 2>/dev/null
		rc=$?
	fi
	rm -f "$tmp/$1.pid"
}

api() {
	m=$1 path=$2 file=${3:-} tok=${4:-}
	if [ $# -ge 4 ]; then shift 4; else shift $#; fi
	if [ -n "$file" ]; then set -- "$@" --data-binary "@$file"; fi
	if [ -n "$tok" ]; then set -- "$@" -H "Authorization: Bearer $tok"; fi
	if [ -n "$tok" ] && [ -n "$install" ]; then set -- "$@" -H "X-Yichuang-Install: $install"; fi
	code=$(curl -s -o "$tmp/body" -w '%{http_code}' -X "$m" "$@" "$url$path")
	body=$(cat "$tmp/body")
	last="curl -X $m $path"
	out=$body
	errout=""
	rc=0
}

jget() {
	sqlite3 :memory: "SELECT json_extract(CAST(readfile('$1') AS TEXT), '$2')"
}

# uid PREFIX N: a UUID made of an 8-hex-digit prefix and a number.
uid() { printf '%s-0000-4000-8000-%012d' "$1" "$2"; }

# ev ID CASE_ID NUMBER TYPE BODY [ACTOR]: one event as JSON.
ev() {
	printf '{"id":"%s","case_id":"%s","case_number":"%s","type":"%s","at":"2026-11-20T09:15:00+08:00","actor":"%s","body":%s}' \
		"$1" "$2" "$3" "$4" "${6:-clerk}" "$5"
}

# The bodies the fold needs (notes/events.md).
received_body='{"day":"2026-11-20","instant":false,"promised_limit":3,"promised_unit":"workdays","item_code":"X","channel":"window"}'
day_body='{"day":"2026-11-20"}'
rejected_body='{"day":"2026-11-20","reason":"不属于本机关职权范围"}'

# ISO 7064 pure system over the 31 symbols (caseno.h).
caseno() {
	awk -v site="$1" -v tt="$2" -v d="$3" -v seq="$4" 'BEGIN {
		a = "0123456789ABCDEFGHJKLMNPQRTUWXY"
		body = sprintf("%s%02d%s%04d", site, tt, d, seq)
		sum = 0; w = 1
		for (i = length(body); i >= 1; i--) {
			w = (w * 3) % 31
			sum = (sum + (index(a, substr(body, i, 1)) - 1) * w) % 31
		}
		c = (31 - sum) % 31
		printf "%s-%02d-%s-%04d-%s\n", site, tt, d, seq, substr(a, c + 1, 1)
	}'
}

# uscc FIRST17: the 统一社会信用代码 with its GB 32100 check character.
uscc() {
	awk -v b="$1" 'BEGIN {
		a = "0123456789ABCDEFGHJKLMNPQRTUWXY"
		split("1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28", w, " ")
		sum = 0
		for (i = 1; i <= 17; i++)
			sum += (index(a, substr(b, i, 1)) - 1) * w[i]
		c = (31 - sum % 31) % 31
		printf "%s%s\n", b, substr(a, c + 1, 1)
	}'
}

# gen_batches DIR TERMINAL NBATCHES NCASES: push bodies DIR/TT-B.json, each
# with NCASES new cases of terminal TT (site 539102), received + accepted.
gen_batches() {
	awk -v dir="$1" -v tt="$2" -v nb="$3" -v nc="$4" '
	function check(body,   a, sum, w, i) {
		a = "0123456789ABCDEFGHJKLMNPQRTUWXY"; sum = 0; w = 1
		for (i = length(body); i >= 1; i--) {
			w = (w * 3) % 31
			sum = (sum + (index(a, substr(body, i, 1)) - 1) * w) % 31
		}
		return substr(a, (31 - sum) % 31 + 1, 1)
	}
	function ev(id, cid, num, type, body) {
		return sprintf("{\"id\":\"%s\",\"case_id\":\"%s\",\"case_number\":\"%s\",\"type\":\"%s\",\"at\":\"2026-11-20T09:15:00+08:00\",\"actor\":\"clerk\",\"body\":%s}", id, cid, num, type, body)
	}
	BEGIN {
		rb = "{\"day\":\"2026-11-20\",\"instant\":false,\"promised_limit\":3,\"promised_unit\":\"workdays\"}"
		ab = "{\"day\":\"2026-11-20\"}"
		n = 0
		for (b = 1; b <= nb; b++) {
			f = sprintf("%s/%02d-%d.json", dir, tt, b)
			printf "{\"key\":\"%08d-0000-4000-8000-%012d\",\"events\":[", tt, b > f
			for (c = 1; c <= nc; c++) {
				n++
				body = sprintf("539102%02d261120%04d", tt, n)
				num = sprintf("539102-%02d-261120-%04d-%s", tt, n, check(body))
				cid = sprintf("ca5e%04d-0000-4000-8000-%012d", tt, n)
				printf "%s%s,%s", (c > 1 ? "," : ""), \
					ev(sprintf("e1%06d-0000-4000-8000-%012d", tt, n), cid, num, "received", rb), \
					ev(sprintf("e2%06d-0000-4000-8000-%012d", tt, n), cid, num, "accepted", ab) > f
			}
			printf "]}" > f
			close(f)
		}
	}'
}

pg_run() {
	if [ -n "$pg_user" ]; then
		runuser -u "$pg_user" -- "$@"
	else
		"$@"
	fi
}

pg_start() {
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] && pg_bin=$d
	done
	[ -n "$pg_bin" ] || return 1
	pg_dir=$(mktemp -d)
	if [ "$(id -u)" -eq 0 ]; then
		if id postgres >/dev/null 2>&1; then pg_user=postgres; else pg_user=nobody; fi
		chown "$pg_user" "$pg_dir"
		chmod 755 "$pg_dir"
	fi
	pg_run "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U yc -E UTF8 --locale=C.UTF-8 \
		--no-sync >"$pg_dir/initdb.log" 2>&1 ||
		pg_run "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U yc -E UTF8 --locale=C \
			--no-sync >"$pg_dir/initdb.log" 2>&1 || { cat "$pg_dir/initdb.log"; return 2; }
	pg_resume || { cat "$pg_dir/server.log"; return 2; }
	pg="host=$pg_dir port=5432 user=yc dbname=postgres"
	return 0
}

pg_require() {
	pg_start
	case $? in
	0) ;;
	1) skip "PostgreSQL is not installed (make deps installs it)" ;;
	*)
		echo "not ok - PostgreSQL is installed ($pg_bin) but did not start"
		echo "# passed 0"
		echo "# failed 1"
		exit 1
		;;
	esac
}

pg_resume() {
	pg_run "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 \
		-o "-k $pg_dir -c listen_addresses= -p 5432 -c fsync=off -c max_connections=100" \
		start >/dev/null 2>&1
}

pg_halt() {
	pg_run "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1
}

pg_restart() {
	pg_run "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -m fast -w -t 30 \
		restart >/dev/null 2>&1
}

pg_stop() {
	if [ -n "$pg_dir" ] && [ -d "$pg_dir/data" ]; then
		pg_run "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1
	fi
	[ -n "$pg_dir" ] && rm -rf "$pg_dir"
	pg_dir=""
}

# skip MESSAGE: the suite cannot run here; says so (tests/run.sh prints
# the suite as "skip") and passes nothing.
skip() {
	echo "skipped: $1"
	echo "# passed 0"
	echo "# failed 0"
	exit 0
}
