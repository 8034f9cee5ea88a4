# test_workdays.sh — `yichuang workdays add|between|info` on the built-in
# official calendars: answers, provisional-year warnings, usage errors and
# exit codes.
. tests/cli/lib.sh

# add: National Day 2026 (10-01..10-07 off, Saturday 10-10 works).
run workdays add 2026-09-30 1
expect_rc 0 "add exits 0"
expect_out_eq "2026-10-08" "add 1 from 2026-09-30 skips the National Day holiday"
run workdays add 2026-09-30 3
expect_out_eq "2026-10-10" "add 3 from 2026-09-30 lands on the working Saturday 10-10"
run workdays add 2026-09-30 4
expect_out_eq "2026-10-12" "add 4 from 2026-09-30 skips Sunday 10-11"

# add: Spring Festival 2026 (02-14 works, 02-15..02-23 off, 02-28 works).
run workdays add 2026-02-13 2
expect_out_eq "2026-02-24" "add 2 from 2026-02-13 counts 02-14 and skips 02-15..02-23"
run workdays add 2026-02-24 4
expect_out_eq "2026-02-28" "add 4 from 2026-02-24 lands on the working Saturday 02-28"
[ -z "$errout" ] && ok "an official answer prints no warning" || not_ok "an official answer prints no warning"

# add: the year boundary 2025 -> 2026 (01-01..01-03 off, Sunday 01-04 works).
run workdays add 2025-12-31 1
expect_out_eq "2026-01-04" "add 1 from 2025-12-31 lands on the working Sunday 2026-01-04"

# add: N = 0 gives the date itself; YYYYMMDD is accepted too.
run workdays add 2026-10-01 0
expect_rc 0 "add 0 exits 0"
expect_out_eq "2026-10-01" "add 0 prints the start date, even on a holiday"
run workdays add 20260930 1
expect_out_eq "2026-10-08" "add accepts YYYYMMDD"

# add: large N is fast and answers.
run workdays add 2026-01-01 40000
expect_rc 0 "add 40000 exits 0"
expect_out "-" "add 40000 prints a date"

# A year without an official calendar: same output, warning naming the year.
run workdays add 2026-12-31 1
expect_rc 0 "provisional add exits 0"
expect_out_eq "2027-01-01" "provisional add counts 2027 on weekdays"
expect_err "警告: 2027 年尚无官方节假日安排" "provisional add warns naming 2027"
expect_err "暂定" "provisional add calls the result provisional"
run workdays add 2026-12-30 1
expect_out_eq "2026-12-31" "add ending in 2026 stays official"
[ -z "$errout" ] && ok "no warning when 2027 is not touched" || not_ok "no warning when 2027 is not touched"

# between.
run workdays between 2026-02-13 2026-02-28
expect_rc 0 "between exits 0"
expect_out_eq "6" "between 2026-02-13 and 02-28 counts 02-14, 02-24..02-28"
run workdays between 2026-02-28 2026-02-13
expect_out_eq "-6" "between is negative when B is before A"
run workdays between 2026-03-02 2026-03-02
expect_out_eq "0" "between a day and itself is 0"
run workdays between 2024-12-31 2025-12-31
expect_out_eq "248" "2025 has 248 working days"
[ -z "$errout" ] && ok "counting after 2024-12-31 touches only 2025: no warning" || not_ok "counting after 2024-12-31 touches only 2025: no warning"
run workdays between 2025-12-31 2026-12-31
expect_out_eq "248" "2026 has 248 working days"
[ -z "$errout" ] && ok "a whole official year prints no warning" || not_ok "a whole official year prints no warning"
run workdays between 2026-12-31 2027-01-08
expect_rc 0 "provisional between exits 0"
expect_out_eq "6" "between into 2027 counts weekdays"
expect_err "2027 年尚无官方节假日安排" "provisional between warns naming 2027"

# info.
run workdays info 2026-10-10
expect_rc 0 "info exits 0"
expect_out "调休上班" "info names a working Saturday 调休上班"
expect_out "星期六" "info names the day of the week"
expect_out "2026 年官方节假日安排" "info says the year is official"
run workdays info 2026-10-01
expect_out "法定节假日" "info names a holiday 法定节假日"
run workdays info 2026-03-07
expect_out "周末" "info names a plain weekend day 周末"
run workdays info 2026-03-02
expect_out "工作日" "info names a plain weekday 工作日"
run workdays info 2027-01-01
expect_rc 0 "provisional info exits 0"
expect_out "暂定" "info marks a year without data provisional"
expect_err "2027 年尚无官方节假日安排" "provisional info warns naming 2027"

# Usage errors: exit 2, message on stderr naming what is wrong.
run workdays add 2026-02-30 1
expect_rc 2 "an impossible date exits 2"
expect_err "2026-02-30" "the bad date is named"
expect_err "用法" "a usage message follows"
run workdays add 2026/01/01 1
expect_rc 2 "a date in the wrong form exits 2"
expect_err "YYYY-MM-DD" "the expected form is named"
run workdays add 2026-01-01 -1
expect_rc 2 "a negative N exits 2"
expect_err "负数" "the negative N is named"
run workdays add 2026-01-01 abc
expect_rc 2 "a non-numeric N exits 2"
expect_err "“abc” 不是整数" "the non-numeric N is named"
run workdays add 2026-01-01 100001
expect_rc 2 "an N above 100000 exits 2"
expect_err "100000" "the limit is named"
run workdays add 2026-01-01
expect_rc 2 "a missing argument exits 2"
expect_err "缺少参数" "the missing argument is reported"
run workdays add 2026-01-01 1 2
expect_rc 2 "an extra argument exits 2"
expect_err "参数过多" "the extra argument is reported"
run workdays between 2026-01-01
expect_rc 2 "between with one date exits 2"
run workdays between 2026-01-01 2026-13-01
expect_rc 2 "between with a bad second date exits 2"
expect_err "日期B" "the bad date of between is named"
run workdays info
expect_rc 2 "info without a date exits 2"
run workdays frobnicate
expect_rc 2 "an unknown subcommand exits 2"
expect_err "frobnicate" "the unknown subcommand is named"
run workdays
expect_rc 2 "no subcommand exits 2"
expect_err "缺少子命令" "the missing subcommand is reported"
[ -z "$out" ] && ok "usage errors print nothing on stdout" || not_ok "usage errors print nothing on stdout"

# Help.
run workdays --help
expect_rc 0 "workdays --help exits 0"
expect_out "yichuang workdays add" "help goes to stdout"
expect_out "between" "help lists between"
[ -z "$errout" ] && ok "help prints nothing on stderr" || not_ok "help prints nothing on stderr"

run workdays add 2199-12-31 100000
expect_rc 2 "an answer past 2199 is refused"
expect_err "超出 2199 年" "the message names the limit"

run --db "$tmp/no-such.db" workdays add 2026-09-30 10
expect_rc 2 "a named database that does not exist is refused"
expect_err "不存在" "the message says the database does not exist"

finish
