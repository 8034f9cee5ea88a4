#!/bin/sh
# test_print.sh — `yichuang print`: for each kind of document a case made
# by mkcase (tests/print/mkcase.c, built here against the build's libyc.a)
# is printed to a PDF whose text (pdftotext) holds every required element
# and the case's own data, whose QR code (zbarimg) decodes to the case's
# progress address, and whose pages (pdftoppm, read by inkcheck.c) have no
# ink in the margins; a long 补正 list makes two pages and rare characters
# have glyphs; the 一次性告知单 of every item of forms/ prints; a failing or
# missing lp says so and records nothing; a successful print and a reprint
# are recorded on the case.
. tests/cli/lib.sh

for cmd in pdftotext pdftoppm pdfinfo zbarimg pkg-config cc; do
	if ! command -v $cmd >/dev/null 2>&1; then
		echo "# $cmd not found: skipped (make deps installs it)"
		finish
		exit
	fi
done

build=${YC_BUILD:-$(dirname "$YC")}
pkgs="ncursesw sqlite3 libcurl libcjson libsodium zlib pangocairo libqrencode"
flags="-std=c11 -D_GNU_SOURCE -Iinclude -I$build/gen $(pkg-config --cflags $pkgs)"
libs="$(pkg-config --libs $pkgs) -lm"
for h in mkcase inkcheck; do
	# the sanitizer build's library needs the sanitizers linked in too
	if ! cc $flags -o "$tmp/$h" tests/print/$h.c "$build/libyc.a" $libs 2>"$tmp/cc.err" &&
	   ! cc $flags -fsanitize=address,undefined -o "$tmp/$h" tests/print/$h.c \
		"$build/libyc.a" $libs 2>>"$tmp/cc.err"; then
		cat "$tmp/cc.err"
		not_ok "the test helper $h compiles"
		finish
		exit 1
	fi
done

# the font libraries keep caches for the life of the process (sanitizer build)
export LSAN_OPTIONS="suppressions=$(pwd)/tests/print/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export YICHUANG_TODAY=2026-11-20
db="$tmp/print.db"
run --db "$db" init --site 370102 --terminal 1
expect_rc 0 "init"
run --db "$db" catalog import forms
expect_rc 0 "catalog import"
url="https://zwfw.example.gov.cn/progress/%s"
set_setting() { "$tmp/mkcase" "$db" set "$1" "$2" || not_ok "setting $1"; }
set_setting doc.centre "云岭市安澜区政务服务中心"
set_setting doc.seal "云岭市安澜区政务服务中心综合受理专用章"
set_setting doc.phone "0870-6123400"
set_setting doc.complaint_phone "12345"
set_setting doc.review_body "云岭市安澜区人民政府"
set_setting doc.court "云岭市安澜区人民法院"
set_setting doc.progress_url "$url"

# pdf_text PDF -> $text: the PDF's text with all white space removed (so a
# phrase wrapped across lines is still found)
pdf_text() { text=$(pdftotext -enc UTF-8 "$1" - 2>/dev/null | tr -d ' \n\t\f'); }
has() { # DESC PHRASE...
	d=$1; shift
	for w in "$@"; do
		w=$(printf '%s' "$w" | tr -d ' ')
		case "$text" in *"$w"*) ;; *) not_ok "$d (the PDF lacks '$w')"; return ;; esac
	done
	ok "$d"
}
pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }
# margins PDF DESC: every page rendered at 50 dpi has ink, none outside the margins
margins() {
	rm -f "$tmp"/pg-*.png
	pdftoppm -r 50 -png "$1" "$tmp/pg" || { not_ok "$2: pdftoppm"; return; }
	for p in "$tmp"/pg-*.png; do
		if ! "$tmp/inkcheck" "$p" 50 >"$tmp/ink" 2>&1; then
			not_ok "$2: $(cat "$tmp/ink")"
			return
		fi
	done
	ok "$2"
}
# qr PDF NUMBER DESC: the QR code of page 1 decodes to the case's address
qr() {
	pdftoppm -r 150 -f 1 -l 1 -singlefile -png "$1" "$tmp/qr"
	got=$(zbarimg --raw -q "$tmp/qr.png" 2>/dev/null)
	want=$(printf '%s' "$url" | sed "s|%s|$2|")
	if [ "$got" = "$want" ]; then ok "$3"; else not_ok "$3 (decoded '$got', wanted '$want')"; fi
}
issued() { # NUMBER -> how many document_issued events the case has
	"$YC" --db "$db" case show "$1" --json | grep -c '"document_issued"'
}

common="云岭市安澜区政务服务中心综合受理专用章（印章） 2026年11月20日"
contact="咨询电话：0870-6123400 投诉电话：12345"

for kind in acceptance correction rejection onetime-notice handover result-handover \
	service-receipt extension special denial; do
	n=$("$tmp/mkcase" "$db" "$kind") || { not_ok "$kind: mkcase"; continue; }
	pdf="$tmp/$kind.pdf"
	run --db "$db" print "$kind" "$n" --out "$pdf"
	expect_rc 0 "$kind: printed to a PDF"
	expect_out "已记入办件 $n 的办理过程（出具）" "$kind: the issue is recorded on the case"
	[ "$(issued "$n")" = 1 ] && ok "$kind: one document_issued event" ||
		not_ok "$kind: $(issued "$n") document_issued events, wanted 1"
	pdf_text "$pdf"
	has "$kind: the case number" "$n"
	[ "$kind" = onetime-notice ] || has "$kind: the applicant" "安澜区老张面馆"
	case $kind in
	acceptance)
		has "$kind: every required element" "受理通知书" "受字〔2026〕$n号" \
			"申请事项：食品经营许可（新办）" "接件日期：2026年11月20日" \
			"受理日期：2026年11月20日" "承诺办结日期：2026年11月25日" \
			"食品经营许可申请书" "法定代表人（负责人）身份证明" "原件（份）" "复印件（份）" \
			"$contact" "$common" "扫码查询办理进度" ;;
	correction)
		has "$kind: every required element" "补正材料通知书" "补字〔2026〕$n号" \
			"第一联" "第二联申请人留存" "补正原因：申请材料不齐全、部分材料不符合法定形式" \
			"与食品经营相适应的主要设备设施、经营布局、操作流程等文件：未提交（需原件 1 份）" \
			"食品经营许可申请书：不符合要求（缺法定代表人签字）" "申请人（代理人）签收" \
			"送达日期" "不再要求" "$contact" "$common" ;;
	rejection)
		has "$kind: every required element" "不予受理决定书" "不受字〔2026〕$n号" \
			"接件日期：2026年11月20日" "申请经营的项目属于食品生产，不属于食品经营许可范围" \
			"法律依据：《中华人民共和国行政许可法》第三十二条第一款第（二）项" \
			"请向有权机关云岭市市场监督管理局（食品生产许可）申请" "六十日内向云岭市安澜区人民政府申请行政复议" \
			"六个月内依法向云岭市安澜区人民法院提起行政诉讼" "$common" ;;
	onetime-notice)
		has "$kind: every required element" "一次性告知单" "受理条件" "申请材料（共 6 项）" \
			"食品经营许可申请书【必要】" "法定办结时限：10 工作日" "承诺办结时限：3 工作日" \
			"不收费" "办理地点" "咨询电话：0870-6123401" "投诉电话：12345" "$common" ;;
	handover)
		has "$kind: every required element" "材料交接单" "交接批次号：JJ-370102-20261120-01" \
			"移交方：云岭市安澜区政务服务中心" "接收方：云岭市安澜区市场监督管理局" \
			"交接时间：" "食品经营许可申请书" "移交人（签名）：clerk" \
			"接收人（签名）：wang" ;;
	result-handover)
		has "$kind: every required element" "办理结果交接单" "交接批次号：CJ-370102-20261120-01" \
			"统一出件窗口" "食品经营许可证" "JY25391020012345" "移交人（签名）：wang" \
			"接收人（签名）：issuer" ;;
	service-receipt)
		has "$kind: every required element" "送达回证" "送达文书：食品经营许可证" \
			"证照编号：JY25391020012345" "受送达人：安澜区老张面馆" \
			"送达方式：直接送达（统一出件窗口领取）" "送达日期：2026年11月20日" \
			"领取人：张建国（代理人，已核验身份证件）" "受送达人（签名）" "送达人（签名）" "$common" ;;
	extension)
		has "$kind: every required element" "延长审批期限告知书" "延字〔2026〕$n号" \
			"需要核实经营场所布局与申报材料是否一致" "延长 5 个工作日" "延至2026年12月2日" \
			"第四十二条" "$common" ;;
	special)
		has "$kind: every required element" "特别程序告知书" "特别程序：检验、检测、检疫" \
			"需要对自制饮品的水质进行检验" "不计算在审批期限内" "第四十五条" "$common" ;;
	denial)
		has "$kind: every required element" "不予行政许可决定书" "不许字〔2026〕$n号" \
			"决定不予行政许可" "经现场核查，经营场所与污染源的距离不符合规定" \
			"第三十八条" "六十日内向云岭市安澜区人民政府申请行政复议" \
			"六个月内依法向云岭市安澜区人民法院提起行政诉讼" "$common" ;;
	esac
	qr "$pdf" "$n" "$kind: the QR code decodes to the case's progress address"
	margins "$pdf" "$kind: no ink outside the margins"
done

# A case with no such document yet is refused, and nothing is recorded.
n=$("$tmp/mkcase" "$db" acceptance)
run --db "$db" print rejection "$n" --out "$tmp/no.pdf"
expect_rc 1 "a document the case does not have is refused"
expect_err "没有不予受理决定书" "the refusal says which document the case lacks"
[ ! -e "$tmp/no.pdf" ] && ok "no PDF is written for it" || not_ok "a PDF was written"

# Long names, rare characters and five problems: two pages, no overflow.
n=$("$tmp/mkcase" "$db" correction long)
run --db "$db" print correction "$n" --out "$tmp/long.pdf"
expect_rc 0 "the long notice prints"
expect_no_out "方框" "every character has a glyph"
case "$errout" in *字形*) not_ok "a glyph is missing: $errout" ;; *) ok "no missing glyph reported" ;; esac
[ "$(pages "$tmp/long.pdf")" = 2 ] && ok "five problems make two pages" ||
	not_ok "the long notice has $(pages "$tmp/long.pdf") pages, wanted 2"
pdf_text "$tmp/long.pdf"
has "the rare characters and the long name are in the text" \
	"云岭市安澜区㐂𠀋滨江大道老字号餐饮管理服务有限责任公司第一百二十八分店（普通合伙）" \
	"补充材料第1项" "补充材料第5项" "第2页共2页"
margins "$tmp/long.pdf" "the long notice keeps to the margins on both pages"

# The 一次性告知单 of every item of the sample catalog.
nitems=0
bad=""
for f in forms/*.item; do
	code=$(sed -n 's/^code *= *//p' "$f" | head -n 1)
	nitems=$((nitems + 1))
	if ! "$YC" --db "$db" print onetime-notice --item "$code" --out "$tmp/item.pdf" \
		>/dev/null 2>"$tmp/item.err" ||
	   [ "$(head -c 5 "$tmp/item.pdf")" != "%PDF-" ] || [ -z "$(pages "$tmp/item.pdf")" ] ||
	   grep -q 字形 "$tmp/item.err"; then
		bad="$bad $f"
	fi
done
[ -z "$bad" ] && ok "the 一次性告知单 of all $nitems items print as valid PDFs" ||
	not_ok "the 一次性告知单 of$bad did not print"
margins "$tmp/item.pdf" "the last item's notice keeps to the margins"
run --db "$db" print onetime-notice --item NO-SUCH-ITEM --out "$tmp/x.pdf"
expect_rc 1 "an unknown item is refused"
expect_err "没有编码为“NO-SUCH-ITEM”的事项" "the message names the item code"

# Printing: a failing lp, a missing lp, then a working one and a reprint.
n=$("$tmp/mkcase" "$db" acceptance)
set_setting doc.lp_command false
run --db "$db" print acceptance "$n"
expect_rc 1 "a failing lp fails the command"
expect_err "打印失败" "the message says printing failed"
expect_err "可稍后重打" "the message says it can be printed again"
[ "$(issued "$n")" = 0 ] && ok "nothing is recorded when lp fails" ||
	not_ok "$(issued "$n") document_issued events after a failed print"
set_setting doc.lp_command no-such-lp-command
run --db "$db" print acceptance "$n"
expect_rc 1 "a missing lp command fails the command"
expect_err "找不到打印命令“no-such-lp-command”" "the message names the missing command"
expect_err "doc.lp_command" "the message names the setting"
[ "$(issued "$n")" = 0 ] && ok "nothing is recorded when lp is missing" || not_ok "recorded"

cat >"$tmp/fakelp" <<EOF
#!/bin/sh
echo "\$*" >"$tmp/lp.args"
cat >"$tmp/lp.pdf"
EOF
chmod +x "$tmp/fakelp"
set_setting doc.lp_command "$tmp/fakelp -o media=A4"
run --db "$db" print acceptance "$n" --printer Front-Desk
expect_rc 0 "printing through lp succeeds"
expect_out "已送打印机 Front-Desk" "it says where it printed"
[ "$(cat "$tmp/lp.args")" = "-o media=A4 -d Front-Desk" ] && ok "lp gets the setting's options and -d PRINTER" ||
	not_ok "lp was given '$(cat "$tmp/lp.args")'"
[ "$(head -c 5 "$tmp/lp.pdf")" = "%PDF-" ] && ok "lp receives the PDF on its standard input" ||
	not_ok "lp did not receive a PDF"
run --db "$db" print acceptance "$n" --printer Front-Desk
expect_out "（重打）" "the second print is a reprint"
json=$("$YC" --db "$db" case show "$n" --json | tr -d " \n\t")
case "$json" in *'"reprint":false,"printed":true,"printer":"Front-Desk"'*'"reprint":true,"printed":true'*)
	ok "the events record printed, printer and reprint" ;;
*) not_ok "the document_issued bodies lack printed/printer/reprint" ;; esac
case "$json" in *'"kind":"acceptance","title":"受理通知书","number":"受字〔2026〕'*)
	ok "the event records kind, title and number" ;;
*) not_ok "the event lacks kind, title or number" ;; esac

# Usage.
run --db "$db" print --list
expect_rc 0 "print --list"
expect_out "onetime-notice   一次性告知单" "the list names kinds and titles"
run --db "$db" print no-such-kind "$n"
expect_rc 2 "an unknown kind is a usage error"
run --db "$db" print acceptance
expect_rc 2 "a kind without a case number is a usage error"
finish
