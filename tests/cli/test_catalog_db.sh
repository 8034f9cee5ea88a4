#!/bin/sh
# test_catalog_db.sh — `catalog import|list|show` against a workstation
# database, with the real catalog in forms/.
. tests/cli/lib.sh

db="$tmp/station.db"
nitems=$(ls forms/*.item | wc -l | tr -d ' ')
nbundles=$(ls forms/*.bundle 2>/dev/null | wc -l | tr -d ' ')
item_file=$(ls forms/*.item | head -n 1)
code=$(sed -n 's/^code *= *//p' "$item_file" | head -n 1 | tr -d '\r')
name=$(sed -n 's/^name *= *//p' "$item_file" | head -n 1 | tr -d '\r')
bundle_file=$(ls forms/*.bundle 2>/dev/null | head -n 1)

run --db "$db" catalog list
expect_rc 2 "list without a database fails"
expect_err "yichuang init" "and says to run init"

run --db "$db" init --site 370102 --terminal 1
expect_rc 0 "init"

run --db "$db" catalog list
expect_rc 1 "list before any import fails"
expect_err "catalog import" "and says to run catalog import"
run --db "$db" catalog show "$code"
expect_rc 1 "show before any import fails"

run --db "$db" catalog import
expect_rc 2 "import without paths is a usage error"

run --db "$db" catalog import forms
expect_rc 0 "import forms/"
expect_out_eq "已导入目录版本 1：$nitems 个事项，$nbundles 个一件事" "import reports version and counts"

run --db "$db" catalog import forms/
expect_rc 0 "a second import"
expect_out "已导入目录版本 2：" "makes version 2"

# A catalog with an error imports nothing.
printf '[item]\ncode = X1\nname = 坏事项\nbogus = 1\n' > "$tmp/bad.item"
run --db "$db" catalog import forms "$tmp/bad.item"
expect_rc 1 "a catalog with errors is refused"
expect_err "bad.item:" "the diagnostics name the bad file"
expect_err "未导入" "the message says nothing was imported"
run --db "$db" catalog list
expect_out "目录版本 2：" "the current version is still 2"

run --db "$db" catalog list
expect_rc 0 "list"
expect_out "$code" "list shows an item's code"
expect_out "$name" "list shows its name"
expect_out "承诺时限" "list has the promised-limit column"
hdr=$(echo "$out" | sed -n 3p)
case "$hdr" in "编码"*"名称"*"实施主体"*"类型"*"办件类型"*"法定时限"*"承诺时限") ok "header columns in order" ;;
*) not_ok "header columns in order" ;; esac
# Columns are aligned in display columns (CJK is two wide): the text before
# the 3rd and the 4th column has one width on the header and every item
# row.  Columns are separated by at least two spaces.
if printf '食' | wc -L >/dev/null 2>&1 && [ "$(printf '食' | wc -L)" -eq 2 ]; then
	for col in 3 4; do
		echo "$out" | sed -n "3,$((nitems + 3))p" |
		awk -F '  +' -v c=$col '{ print substr($0, 1, index($0, $c) - 1) }' >"$tmp/prefix"
		widths=$(while IFS= read -r l; do printf '%s' "$l" | wc -L; done <"$tmp/prefix" | sort -u | wc -l)
		rows=$(wc -l <"$tmp/prefix")
		if [ "$widths" -eq 1 ] && [ "$rows" -eq $((nitems + 1)) ]; then
			ok "column $col starts at one display column on all $rows rows"
		else
			not_ok "column $col starts at one display column ($widths widths over $rows rows)"
		fi
	done
fi
if [ -n "$bundle_file" ]; then
	bcode=$(sed -n 's/^code *= *//p' "$bundle_file" | head -n 1 | tr -d '\r')
	expect_out "$bcode" "list shows the bundles"
fi
# A legal limit of 0 is "none set", a promised limit of 0 is "on the spot".
csdj=$(echo "$out" | grep "出生登记" | head -n 1)
case "$csdj" in *"未规定"*"当场办结"*) ok "0-day limits read as 未规定 / 当场办结" ;;
*) not_ok "0-day limits read as 未规定 / 当场办结: $csdj" ;; esac
# Items stand grouped by department: each department's rows are contiguous.
depts=$(echo "$out" | sed -n "4,$((nitems + 3))p" | grep -o '云岭市[^ ]*' | uniq | wc -l)
distinct=$(echo "$out" | sed -n "4,$((nitems + 3))p" | grep -o '云岭市[^ ]*' | sort -u | wc -l)
if [ "$depts" -eq "$distinct" ]; then ok "items are grouped by department"
else not_ok "items are grouped by department ($depts runs for $distinct departments)"; fi

run --db "$db" catalog list --json
expect_rc 0 "list --json"
case "$out" in "["*"]") ok "list --json is an array" ;; *) not_ok "list --json is an array" ;; esac
expect_out "\"code\":	\"$code\"" "list --json has the code"
expect_out "\"type_name\":" "list --json has type_name"
expect_out "\"legal_limit\":" "list --json has legal_limit"
expect_out "\"unit\":	\"工作日\"" "limits carry their unit"

run --db "$db" catalog list --wide
expect_rc 2 "an unknown list option is a usage error"

run --db "$db" catalog show "$code"
expect_rc 0 "show an item"
expect_out "事项 $code（目录版本 2）" "show names the item and version"
expect_out "$name" "show has the name"
expect_out "受理条件" "show has the conditions"
expect_out "申请材料" "show has the materials"
expect_out "情形" "show has the situations"

run --db "$db" catalog show "$code" --json
expect_rc 0 "show --json"
expect_out "\"materials\":" "show --json has materials"
expect_out "\"deferral_days\":" "materials have deferral_days"
expect_out "\"originals\":" "materials have originals"
expect_out "\"fields\":" "show --json has fields"
expect_out "\"situations\":" "show --json has situations"
expect_out "\"conditions\":" "show --json has conditions"

if [ -n "$bundle_file" ]; then
	run --db "$db" catalog show "$bcode"
	expect_rc 0 "show a bundle"
	expect_out "一件事 $bcode" "show names the bundle"
	expect_out "包含事项" "show lists its items"
	run --db "$db" catalog show --json "$bcode"
	expect_out "\"lead_department\":" "bundle JSON has lead_department"
fi

run --db "$db" catalog import --note
expect_rc 2 "--note without its text is a usage error"
expect_err "--note 需要一段说明文字" "the message says what --note needs"

run --db "$db" catalog show NO-SUCH-CODE
expect_rc 1 "an unknown code fails"
expect_err "没有编码为 “NO-SUCH-CODE” 的事项或一件事" "and says which code"

run --db "$db" catalog show
expect_rc 2 "show without a code is a usage error"
run --db "$db" catalog show a b
expect_rc 2 "show with two codes is a usage error"

finish
