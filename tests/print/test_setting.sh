#!/bin/sh
# test_setting.sh — `yichuang setting`: the workstation sets the settings
# its documents carry.  Known keys only (an unknown one is refused with the
# list of those there are; sync.* belong to init and sync), values checked
# (doc.progress_url by the rules of doc_progress_address, the warning days,
# the window), list shows values and defaults (the sync token never),
# unset returns to the default, and the documents follow.  On a workstation
# registered with a central service, setting a key central distributes
# (doc.* but doc.lp_command, supervise.*) is done but said, and a sync
# indeed brings central's value; doc.lp_command is the workstation's own.
. tests/server/lib.sh

ws="$tmp/ws.db"
run --db "$ws" init --site 370102 --terminal 1
expect_rc 0 "init"
run --db "$ws" catalog import forms
expect_rc 0 "catalog import"
# line KEY TEXT DESC: list printed KEY, then TEXT after the padding
line() {
	if printf '%s\n' "$out" | grep -q "^$1  *$2"; then ok "$3"; else not_ok "$3 (no line '$1 ... $2')"; fi
}

run --db "$ws" setting set doc.centre 云岭市安澜区政务服务中心
expect_rc 0 "setting set doc.centre"
expect_out "已设置 doc.centre = 云岭市安澜区政务服务中心" "and says so"
run --db "$ws" setting set doc.centr 云岭
expect_rc 1 "an unknown key is refused"
expect_err "没有“doc.centr”这个设置" "the message names the key"
expect_err "doc.centre、doc.seal、doc.seal.部门全称" "and lists the keys there are"
run --db "$ws" setting set sync.server http://example.org
expect_rc 1 "sync.* cannot be set by hand"
expect_err "yichuang init --server" "the message says what sets it"
run --db "$ws" setting set doc.progress_url https://zwfw.example.gov.cn/progress
expect_rc 1 "a progress address without %s is refused"
expect_err "%s" "the message says where the case number goes"
run --db "$ws" setting set doc.progress_url 'https://a.example/%d/%s'
expect_rc 1 "a progress address with another % directive is refused"
run --db "$ws" setting set doc.progress_url 'zwfw.example.gov.cn/%s'
expect_rc 1 "a progress address that is no web address is refused"
run --db "$ws" setting set doc.progress_url 'https://zwfw.example.gov.cn/progress/%s'
expect_rc 0 "a good progress address is taken"
run --db "$ws" setting set supervise.warn_days 31
expect_rc 1 "supervise.warn_days beyond 30 is refused"
run --db "$ws" setting set window 100
expect_rc 1 "a window beyond 99 is refused"
run --db "$ws" setting set doc.phone ""
expect_rc 1 "an empty value is refused"
expect_err "yichuang setting unset doc.phone" "pointing to unset"
run --db "$ws" setting set doc.lp_command "lp -o media=A4"
expect_rc 0 "doc.lp_command is set on the workstation"
run --db "$ws" setting set doc.seal.云岭市安澜区不存在局 某局专用章
expect_rc 0 "a department's seal is set"
expect_err "事项目录里没有实施主体为“云岭市安澜区不存在局”的事项" \
	"a department no item has is warned of (a typing error)"

run --db "$ws" setting list
expect_rc 0 "setting list"
line doc.centre "云岭市安澜区政务服务中心" "list shows a value set"
line doc.court "（未设置，默认：有管辖权的人民法院）" "and a default"
expect_out "doc.seal.云岭市安澜区不存在局" "and the department seals"
run --db "$ws" setting list --json
expect_out '"key":	"doc.lp_command",
		"value":	"lp -o media=A4"' "list --json gives the values"
run --db "$ws" setting unset doc.lp_command
expect_rc 0 "setting unset"
run --db "$ws" setting list --json
expect_out '"key":	"doc.lp_command",
		"value":	null,
		"set":	false,
		"default":	"lp"' "unset returns to the default"
run --db "$ws" setting unset doc.lp_command
expect_out "本来就没有设置" "unsetting again says there was nothing"
run --db "$ws" setting
expect_rc 2 "setting without a subcommand is a usage error"

# ---- a workstation registered with central ------------------------------
central="$tmp/central.db"
"$YCD" admin --db "$central" catalog import forms >/dev/null 2>&1
"$YCD" admin --db "$central" setting set doc.centre 云岭市中心统一名称 >/dev/null 2>&1
tok=$("$YCD" admin --db "$central" terminal add --site 539102 --name "1号窗口" 2>/dev/null | tail -n 1)
if ! ycd_start central --db "$central" --site 539102; then
	not_ok "yichuangd starts on a loopback port"
	finish
	exit
fi
reg="$tmp/reg.db"
run --db "$reg" init --server "$url" --token "$tok"
expect_rc 0 "a workstation registers with central"
run --db "$reg" setting set doc.centre 本地名称
expect_rc 0 "a distributed key is still set"
expect_err "由中心统一下发" "but the workstation is told central distributes it"
expect_err "yichuangd admin setting set doc.centre" "and where to set it for every workstation"
run --db "$reg" setting set doc.lp_command "lp -o media=A4"
expect_rc 0 "doc.lp_command is the workstation's own"
case "$errout" in *中心*) not_ok "doc.lp_command is said to come from central" ;;
	*) ok "and nothing is said about central" ;; esac
"$YCD" admin --db "$central" setting set doc.phone 0870-6000000 >/dev/null 2>&1
run --db "$reg" sync
run --db "$reg" setting list --json
expect_out '"value":	"云岭市中心统一名称"' "a sync brings central's value back, as told"
expect_out '"value":	"lp -o media=A4"' "and keeps the workstation's print command"
run --db "$reg" setting list
expect_out "sync.token" "list shows the sync settings"
expect_out "（已设置，不显示）" "but never the token"
case "$out" in *"$tok"*) not_ok "the token is shown" ;; *) ok "the token's value is not shown" ;; esac
finish
