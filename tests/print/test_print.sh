#!/bin/sh
# test_print.sh — `yichuang print`, on cases made by the real code: the
# counter's steps through the store as the intake screens do them
# (tests/print/mkcase.c), the back office through the command line
# (handover create/sign, case extend/special/decide/deliver).  For each
# kind of document the PDF's text (pdftotext, page by page where it
# matters) holds every required element and the case's own data; the QR
# code (zbarimg) of every part's first page decodes to the case's progress
# address; no ink falls outside the margins (pdftoppm, inkcheck.c) and,
# the renderer clipping nothing, no text is lost either (a table row taller
# than a page goes on); the seal and the date never stand alone on a
# page; the 补正 notice is two parts, each on its own sheet with its
# whole head; a register prints with all its cases, before and after
# signing; documents stay Chinese under --lang en; a workstation with no
# settings prints without QR code and says how to set one; every item's
# and bundle's 一次告知单 lists its materials; lp gets a job title;
# misuse is refused with a message that says what to do.
. tests/cli/lib.sh

for cmd in pdftotext pdftoppm pdfinfo zbarimg pkg-config cc; do
	if ! command -v $cmd >/dev/null 2>&1; then
		echo "# $cmd not found: skipped (make deps installs it)"
		finish
		exit
	fi
done

build_helper mkcase tests/print/mkcase.c
build_helper inkcheck tests/print/inkcheck.c

# the font libraries keep caches for the life of the process (sanitizer build)
export LSAN_OPTIONS="suppressions=$(pwd)/tests/print/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export YICHUANG_TODAY=2026-11-20
db="$tmp/print.db"
SJ=云岭市安澜区市场监督管理局
FOOD=11539102MB1A2704434000101700200
run --db "$db" init --site 370102 --terminal 1
expect_rc 0 "init"
run --db "$db" catalog import forms
expect_rc 0 "catalog import"
printf 'clerk-pass-1\n' >"$tmp/pw_clerk"
printf 'approver-pass\n' >"$tmp/pw_sj"
printf 'issuer-pass-1\n' >"$tmp/pw_fa"
run --db "$db" user add clerk --role clerk <"$tmp/pw_clerk"
run --db "$db" user add wang --role approver --dept "$SJ" <"$tmp/pw_sj"
run --db "$db" user add issuer --role issuer <"$tmp/pw_fa"
expect_rc 0 "users added"

url="https://zwfw.example.gov.cn/progress/%s"
set_setting() {
	run --db "$db" setting set "$1" "$2"
	[ "$rc" -eq 0 ] || not_ok "setting set $1"
}
set_setting doc.centre "云岭市安澜区政务服务中心"
set_setting doc.seal "云岭市安澜区政务服务中心（综合受理专用章）"
set_setting doc.phone "0870-6123400"
set_setting doc.complaint_phone "12345"
set_setting doc.review_body "云岭市安澜区人民政府"
set_setting doc.court "云岭市安澜区人民法院"
set_setting doc.progress_url "$url"

# pdf_text PDF [PAGE] -> $text: the PDF's (or one page's) text with all
# white space removed (so a phrase wrapped across lines is still found)
pdf_text() {
	if [ $# -gt 1 ]; then
		text=$(pdftotext -enc UTF-8 -f "$2" -l "$2" "$1" - 2>/dev/null | tr -d ' \n\t\f')
	else
		text=$(pdftotext -enc UTF-8 "$1" - 2>/dev/null | tr -d ' \n\t\f')
	fi
}
has() { # DESC PHRASE...
	d=$1; shift
	for w in "$@"; do
		w=$(printf '%s' "$w" | tr -d ' ')
		case "$text" in *"$w"*) ;; *) not_ok "$d (the text lacks '$w')"; return ;; esac
	done
	ok "$d"
}
lacks() { # DESC PHRASE...
	d=$1; shift
	for w in "$@"; do
		w=$(printf '%s' "$w" | tr -d ' ')
		case "$text" in *"$w"*) not_ok "$d (the text has '$w')"; return ;; esac
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
# qr_of PDF PAGE -> $got: what the QR code of that page decodes to ("" none)
qr_of() {
	rm -f "$tmp/qr.png"
	pdftoppm -r 150 -f "$2" -l "$2" -singlefile -png "$1" "$tmp/qr"
	got=$(zbarimg --raw -q "$tmp/qr.png" 2>/dev/null)
}
# qr PDF PAGE NUMBER DESC: the QR code of that page decodes to the case's address
qr() {
	qr_of "$1" "$2"
	want=$(printf '%s' "$url" | sed "s|%s|$3|")
	if [ "$got" = "$want" ]; then ok "$4"; else not_ok "$4 (decoded '$got', wanted '$want')"; fi
}
# closing PDF SEAL BEFORE DESC: the page that has the seal also has the
# text just before the closing block (the seal never stands alone)
closing() {
	n=$(pages "$1")
	p=1
	found=0
	while [ "$p" -le "${n:-0}" ]; do
		pdf_text "$1" "$p"
		case "$text" in *"$2"*)
			found=1
			case "$text" in *"$3"*) ;; *)
				not_ok "$4 (page $p has the seal without '$3')"; return ;;
			esac ;;
		esac
		p=$((p + 1))
	done
	[ $found = 1 ] && ok "$4" || not_ok "$4 (no page has '$2')"
}
issued() { # NUMBER -> how many document_issued events the case has
	"$YC" --db "$db" case show "$1" --json | grep -c '"document_issued"'
}
# print_doc KIND REF PDF: prints and checks that it worked
print_doc() {
	run --db "$db" print "$1" "$2" --out "$3"
	expect_rc 0 "$1 $2: printed to a PDF"
}

SEAL="云岭市安澜区政务服务中心（综合受理专用章）"
DSEAL="${SJ}（印章）"
contact="咨询电话：0870-6123400 投诉电话：12345"

# ---- the counter's documents ---------------------------------------------

n1=$("$tmp/mkcase" "$db" $FOOD accepted) || not_ok "mkcase accepted"
n2=$("$tmp/mkcase" "$db" $FOOD accepted) || not_ok "mkcase accepted"

print_doc acceptance "$n1" "$tmp/acceptance.pdf"
expect_out "已记入办件 $n1 的办理过程（出具）" "acceptance: the issue is recorded on the case"
[ "$(issued "$n1")" = 1 ] && ok "acceptance: one document_issued event" ||
	not_ok "acceptance: $(issued "$n1") document_issued events, wanted 1"
[ "$(pages "$tmp/acceptance.pdf")" = 1 ] && ok "a 受理通知书 of six materials is one page" ||
	not_ok "the 受理通知书 has $(pages "$tmp/acceptance.pdf") pages, wanted 1"
pdf_text "$tmp/acceptance.pdf" 1
has "acceptance: every required element" "受理通知书" "受字〔2026〕$n1号" "办件编号：$n1" \
	"申请人：安澜区老张面馆" "申请事项：食品经营许可（新办）" "接件日期：2026年11月20日" \
	"受理日期：2026年11月20日" "承诺办结日期：2026年11月25日（承诺时限 3 个工作日" \
	"食品经营许可申请书" "与食品经营相适应的主要设备设施" "部门调取" "原件（份）" "复印件（份）" \
	"$contact" "$SEAL" "2026年11月20日" "扫码查询办理进度"
lacks "acceptance: a seal text naming a seal gets no （印章）" "专用章）（印章）"
qr "$tmp/acceptance.pdf" 1 "$n1" "acceptance: the QR code decodes to the case's progress address"
margins "$tmp/acceptance.pdf" "acceptance: no ink outside the margins"

nc=$("$tmp/mkcase" "$db" $FOOD correction fetched) || not_ok "mkcase correction"
print_doc correction "$nc" "$tmp/correction.pdf"
[ "$(pages "$tmp/correction.pdf")" = 2 ] && ok "correction: two parts, a sheet each" ||
	not_ok "correction: $(pages "$tmp/correction.pdf") pages, wanted 2"
for p in 1 2; do
	pdf_text "$tmp/correction.pdf" $p
	[ $p = 1 ] && part="第一联存根（本中心留存）" || part="第二联申请人留存"
	has "correction part $p: complete on its own" "补正材料通知书" "$part" "补字〔2026〕$nc号" \
		"办件编号：$nc" "申请人：安澜区老张面馆" "补正原因：申请材料不齐全、部分材料不符合法定形式" \
		"现一次告知需要补正的全部内容（共 2 项）" "食品经营许可申请书：不符合要求（缺法定代表人签字）" \
		"保证食品安全的规章制度目录清单：未提交" "不再要求" "$contact" "$SEAL" "2026年11月20日" \
		"扫码查询办理进度"
	# the walk-through's 营业执照 (部门核发, not ticked) is fetched, never asked
	has "correction part $p: a 部门核发 material is fetched by the window" \
		"营业执照或其他主体资格证明文件：窗口调取（政府部门核发，申请人无需提交）"
	lacks "correction part $p: a 部门核发 material is not asked of the applicant" \
		"营业执照或其他主体资格证明文件：未提交"
	qr "$tmp/correction.pdf" $p "$nc" "correction part $p: its own QR code"
done
pdf_text "$tmp/correction.pdf" 1
has "correction: the stub is signed by the applicant on receipt" "申请人（代理人）签收" "送达日期"
pdf_text "$tmp/correction.pdf" 2
lacks "correction: the applicant's part has no receipt line" "签收"
margins "$tmp/correction.pdf" "correction: no ink outside the margins"

nl=$("$tmp/mkcase" "$db" $FOOD correction long) || not_ok "mkcase correction long"
run --db "$db" print correction "$nl" --out "$tmp/long.pdf"
expect_rc 0 "the long notice prints"
case "$errout" in *字形*) not_ok "a glyph is missing: $errout" ;; *) ok "the rare characters have glyphs" ;; esac
np=$(pages "$tmp/long.pdf")
[ "$np" = 4 ] && ok "every material wanting: each part takes two pages" ||
	not_ok "the long notice has $np pages, wanted 4"
pdf_text "$tmp/long.pdf"
has "the rare characters and the long name are in the text" \
	"云岭市安澜区㐂𠀋滨江大道老字号餐饮管理服务有限责任公司第一百二十八分店（普通合伙）" \
	"食品安全管理人员配备及培训考核情况说明：不符合要求" "第一联存根（本中心留存）第2页共2页" \
	"第二联申请人留存第2页共2页"
qr "$tmp/long.pdf" 1 "$nl" "the long notice: the QR code on the stub's first page"
qr "$tmp/long.pdf" 3 "$nl" "the long notice: the QR code on the applicant's part's first page"
pdf_text "$tmp/long.pdf" 3
has "the long notice: the applicant's part starts a sheet with its whole head" \
	"补正材料通知书" "第二联申请人留存" "补字〔2026〕$nl号" "办件编号：$nl"
closing "$tmp/long.pdf" "$SEAL" "投诉电话：12345" "the long notice: the seal stays with the contacts before it"
margins "$tmp/long.pdf" "the long notice keeps to the margins on every page"

nr=$("$tmp/mkcase" "$db" $FOOD rejection) || not_ok "mkcase rejection"
print_doc rejection "$nr" "$tmp/rejection.pdf"
pdf_text "$tmp/rejection.pdf"
has "rejection: every required element" "不予受理决定书" "不受字〔2026〕$nr号" \
	"接件日期：2026年11月20日" "申请经营的项目属于食品生产，不属于食品经营许可范围" \
	"法律依据：《中华人民共和国行政许可法》第三十二条第一款第（二）项" \
	"请向有权机关云岭市市场监督管理局（食品生产许可）申请" "六十日内向云岭市安澜区人民政府申请行政复议" \
	"六个月内依法向云岭市安澜区人民法院提起行政诉讼" "$SEAL"
qr "$tmp/rejection.pdf" 1 "$nr" "rejection: the QR code"
margins "$tmp/rejection.pdf" "rejection: no ink outside the margins"

print_doc onetime-notice "$n2" "$tmp/onetime.pdf"
pdf_text "$tmp/onetime.pdf"
has "onetime-notice of a case: every required element" "一次性告知单" "办件编号：$n2" "受理条件" \
	"申请材料（共 6 项）" "食品经营许可申请书【必要】" "法定办结时限：10 个工作日" \
	"承诺办结时限：3 个工作日" "不收费" "办理地点" "咨询电话：0870-6123401" "投诉电话：12345" "$SEAL"
qr "$tmp/onetime.pdf" 1 "$n2" "onetime-notice: the QR code"
closing "$tmp/onetime.pdf" "$SEAL" "以上为办理本事项需要的全部材料" \
	"onetime-notice: the seal stays with the closing paragraph"

# ---- a register of two cases, before and after signing ------------------

run --db "$db" handover create --dept "$SJ" --user clerk "$n1" "$n2"
expect_rc 0 "a materials register of two cases"
reg=$(echo "$out" | grep -o 'JJ-[0-9A-Z-]*' | head -n 1)
print_doc handover "$reg" "$tmp/reg-open.pdf"
expect_out "已记入办件 $n1 的办理过程" "the register's paper is recorded on its first case"
expect_out "已记入办件 $n2 的办理过程" "and on its second"
pdf_text "$tmp/reg-open.pdf"
has "the register prints before signing, with lines to sign by hand" "材料交接单" "$reg" \
	"移交方：云岭市安澜区政务服务中心" "接收方：$SJ" "$n1" "$n2" \
	"移交人（签名）：____________时间：____年__月__日__时__分" "接收人（签名）：____________"
lacks "an unsigned register claims no signature" "已电子签名"
run --db "$db" handover sign "$reg" --as sender --user clerk <"$tmp/pw_clerk"
expect_rc 0 "the clerk signs as sender"
run --db "$db" handover sign "$reg" --as receiver --user wang --missing "$n2:bjsb:复印件未随卷" <"$tmp/pw_sj"
expect_rc 0 "the approver signs for it, recording a discrepancy"
print_doc handover "$reg" "$tmp/reg.pdf"
pdf_text "$tmp/reg.pdf"
has "the register: both cases with their materials and counts" "$n1" "$n2" "安澜区老张面馆" \
	"食品经营许可申请书" "与食品经营相适应的主要设备设施" "部门调取" "原件" "复印件" \
	"共2件办件，材料12项（原件8份，复印件0份）"
has "the register: the discrepancy recorded on receipt" "办件$n2：" "复印件未随卷"
has "the register: both signatures with name and time" "移交人：clerk（已电子签名）时间：" \
	"接收人：wang（已电子签名）时间："
margins "$tmp/reg.pdf" "the register keeps to the margins"
run --db "$db" print handover "$n2" --out "$tmp/reg-by-case.pdf"
expect_rc 0 "print handover CASE-NUMBER still works"
pdf_text "$tmp/reg-by-case.pdf"
has "by case number: the whole register the case was handed over in" "$reg" "$n1" "$n2"
run --db "$db" print result-handover "$reg" --out "$tmp/x.pdf"
expect_rc 1 "a materials register is not a results register"
expect_err "print handover $reg" "the message says how to print it"

# ---- the department's decisions ------------------------------------------

run --db "$db" case extend "$n1" --user wang --days 5 --reason 需要核实经营场所布局与申报材料是否一致 <"$tmp/pw_sj"
expect_rc 0 "case extend"
print_doc extension "$n1" "$tmp/extension.pdf"
pdf_text "$tmp/extension.pdf"
has "extension: the department decides, names itself and seals it" "延长审批期限告知书" \
	"延字〔2026〕$n1号" "决定机关：$SJ" "${SJ}已依法受理" "需要核实经营场所布局与申报材料是否一致" \
	"延长 5 个工作日" "延至2026年12月2日" "第四十二条" "经${SJ}负责人批准" "$DSEAL"
lacks "extension: no 本机关, not the centre's seal" "本机关" "本行政机关" "$SEAL"
qr "$tmp/extension.pdf" 1 "$n1" "extension: the QR code"

if "$YC" --db "$db" case special --help 2>&1 | grep -q -- --until; then until="--until 2026-12-04"; else until=""; fi
run --db "$db" case special "$n2" --user wang --procedure inspection --reason 需要对自制饮品的水质进行检验 $until <"$tmp/pw_sj"
expect_rc 0 "case special"
print_doc special "$n2" "$tmp/special.pdf"
pdf_text "$tmp/special.pdf"
has "special: every element, sealed by the department" "特别程序告知书" "特别程序：检验、检测、检疫" \
	"需要对自制饮品的水质进行检验" "不计算在审批期限内" "第四十五条" "$SJ将继续审查" "$DSEAL"
if [ -n "$until" ]; then
	has "special: when the procedure is expected to end (case special --until)" "预计于2026年12月4日前结束"
else
	has "special: without an expected end, the time is told later in writing" "所需时间另行书面告知"
fi
lacks "special: no 本机关, not the centre's seal" "本机关" "$SEAL"
run --db "$db" case resume "$n2" --user wang <"$tmp/pw_sj"
expect_rc 0 "case resume"

remedies="如不服本决定，可以自收到本决定书之日起六十日内向云岭市市场监督管理局申请行政复议。"
run --db "$db" case decide "$n1" --user wang --deny --reason 经现场核查，经营场所与污染源的距离不符合规定 \
	--remedies "$remedies" <"$tmp/pw_sj"
expect_rc 0 "case decide --deny --remedies"
set_setting "doc.seal.$SJ" "${SJ}行政许可专用章"
print_doc denial "$n1" "$tmp/denial.pdf"
pdf_text "$tmp/denial.pdf"
has "denial: reasons, the remedies the department gave, its own seal" "不予行政许可决定书" \
	"不许字〔2026〕$n1号" "决定不予行政许可" "经现场核查，经营场所与污染源的距离不符合规定" \
	"第三十八条" "$remedies" "${SJ}行政许可专用章"
lacks "denial: the setting's seal text as is, no 本机关, not the centre's seal" "专用章（印章）" \
	"本机关" "$SEAL"
qr "$tmp/denial.pdf" 1 "$n1" "denial: the QR code"
margins "$tmp/denial.pdf" "denial: no ink outside the margins"

run --db "$db" case decide "$n2" --user wang --approve --licence JY25391020012345 <"$tmp/pw_sj"
expect_rc 0 "case decide --approve"
run --db "$db" handover create --kind results --dept "$SJ" --user wang "$n1" "$n2"
expect_rc 0 "a results register of both cases"
res=$(echo "$out" | grep -o 'JG-[0-9A-Z-]*' | head -n 1)
run --db "$db" handover sign "$res" --as sender --user wang <"$tmp/pw_sj"
run --db "$db" handover sign "$res" --as receiver --user issuer <"$tmp/pw_fa"
expect_rc 0 "the issuing window signs for the results"
print_doc result-handover "$res" "$tmp/result-handover.pdf"
pdf_text "$tmp/result-handover.pdf"
has "result-handover: the whole register with each result" "办理结果交接单" "$res" \
	"移交方：$SJ" "统一出件窗口" "$n1" "$n2" "不予行政许可决定书" "JY25391020012345" \
	"移交人：wang（已电子签名）" "接收人：issuer（已电子签名）"
margins "$tmp/result-handover.pdf" "result-handover: no ink outside the margins"

run --db "$db" case deliver "$n2" --user issuer --pickup --name 张建国 --id-no 11010519491231002X \
	--confirmed --authorised <"$tmp/pw_fa"
expect_rc 0 "case deliver"
print_doc service-receipt "$n2" "$tmp/service-receipt.pdf"
pdf_text "$tmp/service-receipt.pdf"
has "service-receipt: every required element" "送达回证" "送达文书：食品经营许可证" \
	"证照编号：JY25391020012345" "受送达人：安澜区老张面馆" "送达方式：直接送达（统一出件窗口领取）" \
	"送达日期：2026年11月20日" "领取人：张建国" "受送达人（签名）" "送达人（签名）" "$SEAL"
qr "$tmp/service-receipt.pdf" 1 "$n2" "service-receipt: the QR code"

# ---- rendering --------------------------------------------------------------

"$tmp/mkcase" tallrow "$tmp/tall.pdf" >/dev/null || not_ok "mkcase tallrow"
pdf_text "$tmp/tall.pdf"
lost=""
for i in 001 040 059 060 061 090 119 120; do
	case "$text" in *"第${i}段要求"*) ;; *) lost="$lost $i" ;; esac
done
[ -z "$lost" ] && [ "$(pages "$tmp/tall.pdf")" -ge 2 ] &&
	ok "a table row taller than a page goes on to the next page, nothing lost" ||
	not_ok "the tall row lost:$lost ($(pages "$tmp/tall.pdf") pages)"
has "what follows the tall row is there too" "表格之后的最后一行" "表格之后的落款"
margins "$tmp/tall.pdf" "the tall row keeps to the margins on every page"

"$tmp/mkcase" closing "$tmp/closing.pdf" >/dev/null || not_ok "mkcase closing"
pdf_text "$tmp/closing.pdf" 2
has "a seal that no longer fits takes the lines before it to the next page" \
	"投诉电话：12345" "云岭市安澜区政务服务中心（印章）" "2026年11月20日"
margins "$tmp/closing.pdf" "and keeps to the margins"

np=$("$tmp/mkcase" "$db" $FOOD accepted pua) || not_ok "mkcase pua"
run --db "$db" print acceptance "$np" --out "$tmp/pua.pdf"
expect_rc 0 "a name with a character no font has still prints"
expect_err "没有字形" "the missing glyph is reported (on standard error)"

# ---- the language and the settings ----------------------------------------

run --db "$db" --lang en print acceptance "$n2" --out "$tmp/en.pdf"
expect_rc 0 "print under --lang en"
pdf_text "$tmp/en.pdf"
has "under --lang en the document is still Chinese" "受理通知书" "受字〔2026〕$n2号" "申请人：" \
	"承诺办结日期：" "原件（份）" "$SEAL"
lacks "and has no English in it" "ACC" "Acceptance" "acceptance" "Applicant"
json=$("$YC" --db "$db" case show "$n2" --json | tr -d " \n\t")
case "$json" in *'"title":"受理通知书","number":"受字〔2026〕'*) ok "the case records the Chinese document" ;;
*) not_ok "the event of the English session records a non-Chinese title or number" ;; esac

bare="$tmp/bare.db"
run --db "$bare" init --site 370102 --terminal 2
run --db "$bare" catalog import forms
nb=$("$tmp/mkcase" "$bare" $FOOD accepted) || not_ok "mkcase on a bare workstation"
run --db "$bare" print acceptance "$nb" --out "$tmp/bare.pdf"
expect_rc 0 "a workstation without settings prints"
expect_err "yichuang setting set doc.progress_url" "and says how to set the progress address"
expect_err "yichuang setting set doc.centre" "and how to set the centre's name"
qr_of "$tmp/bare.pdf" 1
[ -z "$got" ] && ok "without a progress address there is no QR code" ||
	not_ok "a QR code ('$got') without a progress address"
pdf_text "$tmp/bare.pdf"
has "the defaults: the generic centre and its seal line" "政务服务中心（印章）"

# ---- the 一次告知单 of every item and bundle of the sample catalog --------

nitems=0
bad=""
for f in forms/*.item; do
	code=$(sed -n 's/^code *= *//p' "$f" | head -n 1)
	name=$(sed -n 's/^name *= *//p' "$f" | head -n 1)
	nitems=$((nitems + 1))
	if ! "$YC" --db "$db" print onetime-notice --item "$code" --out "$tmp/item.pdf" \
		>/dev/null 2>"$tmp/item.err" || grep -q 字形 "$tmp/item.err"; then
		bad="$bad $f(print)"
		continue
	fi
	pdf_text "$tmp/item.pdf"
	nmat=$(grep -c '^\[material ' "$f")
	case "$text" in *"一次性告知单"*"$name"*"申请材料（共${nmat}项）"*) ;; *) bad="$bad $f(head)" ;; esac
	# every material of the item, with its need
	for m in $(awk '/^\[material /{m=1; next} /^\[/{m=0} m && /^name *=/{sub(/^name *= */, ""); gsub(/ /, ""); print}' "$f"); do
		case "$text" in *"$m【"*) ;; *) bad="$bad $f($m)" ;; esac
	done
	case "$text" in *法定办结时限：*个工作日*|*法定办结时限：*个自然日*|*法定办结时限：未规定*) ;;
		*) bad="$bad $f(limit)" ;; esac
	case "$text" in *"$SEAL"*) ;; *) bad="$bad $f(seal)" ;; esac
done
[ -z "$bad" ] && ok "the 一次告知单 of all $nitems items list every material, limit and seal" ||
	not_ok "the 一次告知单 of$bad"
margins "$tmp/item.pdf" "the last item's notice keeps to the margins"
for f in forms/*.bundle; do
	code=$(sed -n 's/^code *= *//p' "$f" | head -n 1)
	run --db "$db" print onetime-notice --item "$code" --out "$tmp/bundle.pdf"
	expect_rc 0 "the bundle $code prints its 一次告知单"
	pdf_text "$tmp/bundle.pdf"
	has "the bundle $code lists its items and its materials once" "包含事项" "各事项共用的材料只需提交一份"
	for it in $(sed -n 's/^items *= *//p' "$f" | tr '、' ' '); do
		iname=$(grep -l "^code *= *$it\$" forms/*.item | head -n 1 | xargs sed -n 's/^name *= *//p' | head -n 1)
		case "$text" in *"$iname"*) ;; *) not_ok "the bundle $code lacks its item $iname" ;; esac
	done
done
# 出生“一件事”: 出生医学证明 is needed by 出生登记 and by 医保参保
"$YC" --db "$db" print onetime-notice --item 539102YJS0002 --out "$tmp/bundle.pdf" >/dev/null 2>&1
pdf_text "$tmp/bundle.pdf"
count=$(printf '%s' "$text" | grep -o '出生医学证明【' | wc -l)
[ "$count" = 1 ] && ok "a material two items of a bundle need is listed once" ||
	not_ok "出生医学证明 is listed $count times in the bundle's notice"
run --db "$db" print onetime-notice --item NO-SUCH-ITEM --out "$tmp/x.pdf"
expect_rc 1 "an unknown item is refused"
expect_err "没有编码为“NO-SUCH-ITEM”的事项或一件事" "the message names the code"

# ---- printing, users and mistakes -------------------------------------------

n=$("$tmp/mkcase" "$db" $FOOD accepted)
set_setting doc.lp_command false
run --db "$db" print acceptance "$n" --printer Nope
expect_rc 1 "a failing lp fails the command"
expect_err "打印失败" "the message says printing failed"
expect_err "请检查打印机 Nope 是否连接" "and names the printer"
expect_err "可稍后重打" "the message says it can be printed again"
[ "$(issued "$n")" = 0 ] && ok "nothing is recorded when lp fails" ||
	not_ok "$(issued "$n") document_issued events after a failed print"
set_setting doc.lp_command no-such-lp-command
run --db "$db" print acceptance "$n"
expect_rc 1 "a missing lp command fails the command"
expect_err "找不到打印命令“no-such-lp-command”" "the message names the missing command"
expect_err "yichuang setting set doc.lp_command" "the message names the command that sets it"
[ "$(issued "$n")" = 0 ] && ok "nothing is recorded when lp is missing" || not_ok "recorded"

cat >"$tmp/fakelp" <<EOF
#!/bin/sh
for a in "\$@"; do printf '%s|' "\$a"; done >"$tmp/lp.args"
cat >"$tmp/lp.pdf"
EOF
chmod +x "$tmp/fakelp"
set_setting doc.lp_command "$tmp/fakelp -o media=A4"
run --db "$db" print acceptance "$n" --printer Front-Desk --user clerk
expect_rc 0 "printing through lp succeeds"
expect_out "已送打印机 Front-Desk" "it says where it printed"
[ "$(cat "$tmp/lp.args")" = "-o|media=A4|-t|受理通知书 $n|-d|Front-Desk|" ] &&
	ok "lp gets the setting's options, the job's title and -d PRINTER" ||
	not_ok "lp was given '$(cat "$tmp/lp.args")'"
[ "$(head -c 5 "$tmp/lp.pdf")" = "%PDF-" ] && ok "lp receives the PDF on its standard input" ||
	not_ok "lp did not receive a PDF"
run --db "$db" print acceptance "$n" --printer Front-Desk
expect_out "（重打）" "the second print is a reprint"
json=$("$YC" --db "$db" case show "$n" --json | tr -d " \n\t")
case "$json" in *'"actor":"clerk"'*'"reprint":false,"printed":true,"printer":"Front-Desk"'*'"reprint":true,"printed":true'*)
	ok "the events record the user of --user, printed, printer and reprint" ;;
*) not_ok "the document_issued events lack the user, printed, printer or reprint" ;; esac
run --db "$db" print acceptance "$n" --out "$tmp/x.pdf" --user nobody
expect_rc 1 "an unknown --user is refused"
[ ! -e "$tmp/x.pdf" ] && ok "and nothing is printed for it" || not_ok "a PDF was written for an unknown user"

wrong=$(printf '%s' "$n" | sed 's/.$/0/')
[ "$wrong" = "$n" ] && wrong=$(printf '%s' "$n" | sed 's/.$/1/')
run --db "$db" print acceptance "$wrong" --out "$tmp/x.pdf"
expect_rc 1 "a number with a wrong check character is refused"
expect_err "校验" "and the message says the check character is wrong"
run --db "$db" print acceptance "$n" --out "$tmp/x.pdf" --printer Front-Desk
expect_rc 2 "--out and --printer together are refused"
expect_err "--out 和 --printer 不能同时用" "the message says why"
run --db "$db" print rejection "$n" --out "$tmp/no.pdf"
expect_rc 1 "a document the case does not have is refused"
expect_err "没有不予受理决定书" "the refusal says which document the case lacks"
[ ! -e "$tmp/no.pdf" ] && ok "no PDF is written for it" || not_ok "a PDF was written"

run --db "$db" print --list
expect_rc 0 "print --list"
expect_out "onetime-notice   一次性告知单" "the list names kinds and titles"
run --db "$db" print no-such-kind "$n"
expect_rc 2 "an unknown kind is a usage error"
run --db "$db" print acceptance
expect_rc 2 "a kind without a case number is a usage error"
finish
