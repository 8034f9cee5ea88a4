# test_idcheck.sh — `yichuang idcheck`: exit codes and the report lines.
. "$(dirname "$0")/lib.sh"
export YICHUANG_TODAY=2026-03-01

run idcheck 11010519491231002X
expect_rc 0 "a valid ID exits 0"
expect_out_eq "类型: 居民身份证号码
号码: 11010519491231002X
地区: 北京市
出生日期: 1949-12-31
性别: 女
结论: 有效" "a valid ID shows kind, region, birth date, sex"

run idcheck 440524188001010014
expect_rc 0 "an ID born in 1880 is valid"
expect_out "出生日期: 1880-01-01" "1880 birth date shown"
expect_out "性别: 男" "odd sequence digit is male"

run idcheck 11010519491231002x
expect_rc 0 "lowercase x accepted"
expect_out "号码: 11010519491231002X" "reported in upper case"

run idcheck "  11010519491231002X  "
expect_rc 0 "white space around the value is ignored"

run idcheck 110105194912310023
expect_rc 1 "a wrong ID check digit exits 1"
expect_out "校验码错误: 第 18 位为 3，应为 X" "names the position, the digit and the expected one"
expect_out "结论: 无效" "says invalid"
expect_no_out "出生日期" "no details for an invalid number"

run idcheck 110105491231002
expect_rc 0 "a legacy 15-digit ID exits 0"
expect_out "类型: 居民身份证号码（旧版 15 位）" "says it is the legacy form"
expect_out "18 位号码: 11010519491231002X" "gives the converted number"
expect_out "结论: 有效（旧版号码，请改用 18 位号码）" "asks to use the 18-digit form"

run idcheck 11010519991301002X
expect_rc 1 "a month 13 birth date exits 1"
expect_out "出生日期错误: 第 11–12 位月份为 13，应为 01–12" "explains the date"

run idcheck 110105202603020018
expect_rc 1 "a birth date after today exits 1"
expect_out "晚于今天（2026-03-01）" "compares with YICHUANG_TODAY"

run idcheck 1101051949A231002X
expect_rc 1 "a letter inside an ID exits 1"
expect_out "字符错误: 第 11 位为“A”" "names the position and the character"
expect_out "提示: 按号码样式视为身份证号码；如是统一社会信用代码，请加 --uscc 再校验" \
	"a guessed kind gets a hint"

run idcheck 1101051949
expect_rc 1 "a wrong length exits 1"
expect_out "类型: 无法识别" "the kind is unknown"
expect_out "长度错误: 共 10 位" "says the length"

run idcheck 91350100M000100Y43
expect_rc 0 "a valid USCC exits 0"
expect_out_eq "类型: 统一社会信用代码
号码: 91350100M000100Y43
登记管理部门: 9 工商（市场监管）
结论: 有效" "a valid USCC shows kind and registry"

run idcheck 91350100M000100Y44
expect_rc 1 "a wrong USCC check digit exits 1"
expect_out "校验码错误: 第 18 位为 4，应为 3" "gives the expected check character"
expect_out "可注明理由后继续受理" "says the clerk may override it"

run idcheck 91350100O000100Y43
expect_rc 1 "the letter O in a USCC exits 1"
expect_out "第 9 位为“O”" "names the letter and its position"

run idcheck --uscc 11010519491231002X
expect_rc 1 "--uscc forces the USCC rules"
expect_out "类型: 统一社会信用代码" "reported as a USCC"

run idcheck --id 91350100M000100Y43
expect_rc 1 "--id forces the ID rules"
expect_out "类型: 居民身份证号码" "reported as an ID"
expect_no_out "提示:" "no hint when the kind was given"

run idcheck -- 11010519491231002X
expect_rc 0 "-- ends the options"

run idcheck
expect_rc 2 "no value is a usage error"
expect_err "缺少要校验的号码" "says what is missing"
expect_err "用法: yichuang idcheck" "prints the usage on stderr"

run idcheck 11010519491231002X 91350100M000100Y43
expect_rc 2 "two values are a usage error"
expect_err "只能校验一个号码" "says only one value"

run idcheck --frobnicate 11010519491231002X
expect_rc 2 "an unknown option is a usage error"
expect_err "未知选项 “--frobnicate”" "names the option"

run idcheck --help
expect_rc 0 "--help exits 0"
expect_out "用法: yichuang idcheck" "usage on stdout"

run idcheck --id --uscc 11010519491231002X
expect_rc 2 "--id and --uscc together are a usage error"
expect_err "只能选一个" "the message says to choose one"

finish
