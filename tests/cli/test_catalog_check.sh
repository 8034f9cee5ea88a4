# test_catalog_check.sh — `yichuang catalog check`: exit codes, FILE:LINE
# diagnostics on stdout, the summary on stderr, directories, usage errors.
. tests/cli/lib.sh
d=tests/unit/data/catalog

run catalog check "$d/valid"
expect_rc 0 "a valid directory passes"
expect_out_eq "" "a valid directory prints no diagnostic"
expect_err "检查了 3 个文件：0 个错误，0 个警告" "the summary counts the files of the directory"

run catalog check "$d/valid/kfcg.item" "$d/valid/yyzz.item"
expect_rc 0 "valid files pass"
expect_err "检查了 2 个文件：0 个错误，0 个警告" "the summary counts the files named"

run catalog check "$d/valid/kbct.bundle"
expect_rc 1 "a bundle checked without its items fails"
expect_out "$d/valid/kbct.bundle:1: 一件事 “T-YJS-001” 的 items 中的 “T-GSDJ-001” 不是任何已加载事项的编码" \
	"a bundle naming items not loaded is reported"

run catalog check "$d/broken/bad.item"
expect_rc 1 "a broken item fails"
expect_out "$d/broken/bad.item:1: [item] 缺少必填的键 version（版本）" "a missing key is reported at its section"
expect_out "$d/broken/bad.item:7: 警告: dept_code “91350100M000100Y44” 的校验位应为 3 而不是 4" \
	"a failed check digit is a warning"
expect_out "$d/broken/bad.item:10: kind 的值 “急办件” 无效，应为 即办件 或 承诺件" "a bad value is reported at its line"
expect_out "$d/broken/bad.item:17: [item] 中没有键 promise_limit；是否应为 promised_limit？" \
	"an unknown key gets a suggestion"
expect_out "$d/broken/bad.item:19: [material id] 缺少 deferral_days" "容缺后补 without days is reported"
expect_out "$d/broken/bad.item:26: [situation x] 的 enables 提到材料 “proxy”" \
	"a situation naming an unknown material is reported"
expect_err "检查了 1 个文件：6 个错误，1 个警告" "the summary counts errors and warnings"
lines=$(printf '%s\n' "$out" | wc -l)
if [ "$lines" -eq 7 ]; then ok "one line per problem"; else not_ok "one line per problem (got $lines)"; fi

run catalog check "$d/broken"
expect_rc 1 "a broken directory fails"
expect_out "$d/broken/bad.bundle:1: 一件事 “T-YJS-BAD” 的 lead_department “另一个局” 不是其事项的实施主体" \
	"the lead department is checked across files"
expect_out "$d/broken/bad.bundle:1: 一件事 “T-YJS-BAD” 的 items 中的 “T-NONE-001”" \
	"an unknown bundle item is reported"
expect_err "检查了 2 个文件：8 个错误，1 个警告" "both files of the directory are checked"

run catalog check "$d/valid/" "$d/valid/yyzz.item"
expect_rc 1 "an item given twice fails"
expect_out "$d/valid/yyzz.item:1: 事项编码 “T-GSDJ-001” 重复：$d/valid/yyzz.item:1 已定义同一编码的事项" \
	"a duplicate code names the first definition"

sed 's/$/\r/' "$d/valid/kfcg.item" >"$tmp/kfcg-crlf.item"
run catalog check "$tmp/kfcg-crlf.item"
expect_rc 0 "CRLF line endings are accepted"

run catalog check "$tmp/none.item"
expect_rc 1 "a missing file fails"
expect_out "$tmp/none.item: " "a missing file is reported without a line"

mkdir "$tmp/empty"
run catalog check "$tmp/empty"
expect_rc 1 "a directory without catalog files fails"
expect_out "$tmp/empty: 目录中没有 .item 或 .bundle 文件" "an empty directory is reported"

run catalog check
expect_rc 2 "check without a path is a usage error"
expect_err "catalog check 需要至少一个文件或目录" "the usage error says what is missing"

run catalog check --strict "$d/valid"
expect_rc 2 "an unknown option is a usage error"

run catalog frobnicate
expect_rc 2 "an unknown subcommand is a usage error"
expect_err "catalog 没有子命令 “frobnicate”" "the unknown subcommand is named"

run catalog
expect_rc 2 "catalog without a subcommand is a usage error"

run catalog --help
expect_rc 0 "catalog --help succeeds"
for sub in check import list show; do
	expect_out "  $sub " "catalog --help lists $sub"
done

run catalog check --help
expect_rc 0 "catalog check --help succeeds"

finish
