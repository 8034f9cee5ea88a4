#!/bin/sh
# test_demo.sh — `make run`'s set-up (data/demo/run.sh): a local central
# service with the sample catalog, the demo users and the centre's
# settings; a workstation registered with it that pulled them; the
# full-screen program opened on it; the central service stopped after.
. tests/cli/lib.sh

build=$(dirname "$YC")
# The script keeps its files in BUILD/demo: give it a build folder of its
# own holding links to the programs.
mkdir -p "$tmp/build"
ln -s "$YC" "$tmp/build/yichuang"
ln -s "$YCD" "$tmp/build/yichuangd"
[ -d "$build/locale" ] && ln -s "$build/locale" "$tmp/build/locale"
port=$((20000 + $$ % 20000))

demo() {
	mkdir -p "$tmp/dumps"
	sh data/demo/run.sh "$tmp/build" "$port" --script tests/cli/data/demo/approver.script \
		--dump-dir "$tmp/dumps" >"$tmp/out" 2>"$tmp/err"
	rc=$? out=$(cat "$tmp/out") errout=$(cat "$tmp/err") last="data/demo/run.sh"
}

demo
expect_rc 0 "the first run sets up central and the workstation and opens the program"
expect_out "password yichuang-demo" "and names the demo users' password"
if grep -q "approver（后台审批）" "$tmp/dumps/demo-approver-menu" 2>/dev/null; then
	ok "the approver, a user of central, logged in on the workstation"
else
	not_ok "the approver's menu was not shown: $(cat "$tmp/dumps/demo-approver-menu" 2>&1)"
fi
got=$(sqlite3 "$tmp/build/demo/yichuang.db" \
	"SELECT value FROM settings WHERE key = 'doc.centre';" 2>&1)
if [ "$got" = "云岭市安澜区政务服务中心" ]; then
	ok "the centre's settings reached the workstation"
else
	not_ok "doc.centre on the workstation is '$got'"
fi
if grep -q "已停止" "$tmp/build/demo/yichuangd.log"; then
	ok "the local central service was stopped when the program ended"
else
	not_ok "yichuangd.log does not say it stopped: $(tail -n 3 "$tmp/build/demo/yichuangd.log")"
fi

rm -rf "$tmp/dumps"
demo
expect_rc 0 "a second run reuses both databases"
case "$out" in
*"password"*) not_ok "the second run registered again" ;;
*) ok "the second run did not register again" ;;
esac
finish
