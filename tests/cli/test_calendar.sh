# test_calendar.sh — `yichuang calendar import|list|show`: storing an
# official calendar in a workstation database (all files or none), the
# answers of `workdays` changing with it, replacement, the list of known
# years, a damaged row, and usage errors.  tests/cli/data/calendar/2027.cal
# is a made-up test calendar (not official): 2027-01-01..01-04 off, so one
# working day after 2026-12-31 is 2027-01-05 instead of the provisional
# 2027-01-01.
. tests/cli/lib.sh

# No default database: HOME and XDG_DATA_HOME point into the test's tmp.
export HOME="$tmp/home"
unset XDG_DATA_HOME
mkdir -p "$HOME"

db="$tmp/station.db"
good=tests/cli/data/calendar/2027.cal
bad="$tmp/2028.cal"
printf '# bad\nyear 2028\nsource 测试\noff 2028-02-30\n' > "$bad"

# Without a database: the built-in years.
run calendar list
expect_rc 0 "list without any database exits 0"
expect_out "年份" "list prints a header"
expect_out "2026  内置" "list shows the built-in 2026"
expect_no_out "2027" "2027 is not known yet"
expect_no_out "数据库" "no year comes from a database"

run --db "$db" calendar list
expect_rc 2 "list with a named database that does not exist exits 2"
expect_err "yichuang init" "and says to run init"

run --db "$db" calendar import "$good"
expect_rc 2 "import into a database that does not exist exits 2"

run --db "$db" init --site 370102 --terminal 1
expect_rc 0 "init"

run --db "$db" workdays add 2026-12-31 1
expect_out_eq "2027-01-01" "before the import 2027 is counted on weekdays"
expect_err "2027 年尚无官方节假日安排" "and is provisional"

# A bad file stores nothing, not even the good file of the same call.
run --db "$db" calendar import "$good" "$bad"
expect_rc 1 "import with a bad file exits 1"
expect_err "$bad:4:" "the message names FILE:LINE"
expect_err "2028-02-30" "and the bad date"
expect_err "未导入任何日历" "and says nothing was imported"
[ -z "$out" ] && ok "a failed import prints nothing on stdout" || not_ok "a failed import prints nothing on stdout"
run --db "$db" calendar list
expect_no_out "2027" "the good file of the failed call was not stored"
expect_no_out "2028" "nor the bad one"
run --db "$db" workdays add 2026-12-31 1
expect_out_eq "2027-01-01" "2027 is still provisional after the failed import"

run --db "$db" calendar import "$tmp/missing.cal" "$good"
expect_rc 1 "a missing file exits 1"
expect_err "missing.cal" "the missing file is named"
run --db "$db" calendar list
expect_no_out "2027" "and nothing was stored"

cp "$good" "$tmp/again-2027.cal"
run --db "$db" calendar import "$good" "$tmp/again-2027.cal"
expect_rc 1 "two files of the same year exit 1"
expect_err "每年只能导入一份" "the repeated year is reported"

# A good import.
run --db "$db" calendar import "$good"
expect_rc 0 "import of the test calendar exits 0"
expect_out_eq "已导入 2027 年日历（来源：测试用日历（虚构，非官方通知））" "import reports the year and its source"
run --db "$db" workdays add 2026-12-31 1
expect_rc 0 "workdays after the import exits 0"
expect_out_eq "2027-01-05" "2027 now follows the imported calendar"
[ -z "$errout" ] && ok "2027 is no longer provisional" || not_ok "2027 is no longer provisional"
run --db "$db" workdays info 2027-02-20
expect_out "调休上班" "a 调休 Saturday of the imported calendar works"

run --db "$db" calendar list
expect_rc 0 "list with a database exits 0"
expect_out "2027  数据库" "list shows 2027 from the database"
expect_out "测试用日历（虚构，非官方通知）" "with its source"
expect_out "2026  内置" "built-in years are still listed"
line=$(printf '%s\n' "$out" | grep '^2027')
counts=$(printf '%s\n' "$line" | awk '{ print $3 "/" $4 }')
[ "$counts" = 11/2 ] && ok "2027 has 11 holidays and 2 调休 days" \
	|| not_ok "2027 has 11 holidays and 2 调休 days (line: $line)"

# Replacing: the stored year and a built-in year in one call.
run --db "$db" calendar import "$good" data/calendar/2026.cal
expect_rc 0 "a second import exits 0"
expect_out "已导入 2027 年日历（来源：测试用日历（虚构，非官方通知）），替换了原有的 2027 年日历" "the replaced year is reported"
expect_out "代替内置的 2026 年日历" "a year that overrides a built-in one is reported"
run --db "$db" calendar list
expect_out "2026  数据库（代替内置）" "list says the database year overrides the built-in one"
n2026=$(printf '%s\n' "$out" | grep -c '^2026')
[ "$n2026" = 1 ] && ok "2026 is listed once" || not_ok "2026 is listed once ($n2026 lines)"

# show.
run --db "$db" calendar show 2027
expect_rc 0 "show 2027 exits 0"
expect_out "2027 年日历（数据库）" "show names the origin"
expect_out "2027-01-01..2027-01-04  4 天" "show prints holiday ranges"
expect_out "2027-02-20..2027-02-21  2 天" "show prints 调休 ranges"
run calendar show 2025
expect_rc 0 "show of a built-in year without a database exits 0"
expect_out "2025 年日历（内置）" "show names it built in"
run calendar show 2030
expect_rc 1 "show of a year without a calendar exits 1"
expect_err "2030 年没有官方日历" "and says so"

# A damaged row: year column 2029, text of 2027.
sqlite3 "$db" "INSERT INTO calendars (year, text) SELECT 2029, text FROM calendars WHERE year = 2027;"
run --db "$db" calendar list
expect_rc 2 "list with a damaged row exits 2"
expect_err "2029" "the message names the row's year"
expect_err "损坏" "and calls the row damaged"
expect_err "2027" "and the year its text declares"
run --db "$db" workdays add 2026-12-31 1
expect_rc 2 "workdays refuses a database with a damaged row"
expect_err "损坏" "with the same message"
sqlite3 "$db" "DELETE FROM calendars WHERE year = 2029;"

# Usage errors.
run --db "$db" calendar
expect_rc 2 "no subcommand exits 2"
expect_err "缺少子命令" "the missing subcommand is reported"
expect_err "用法" "with the usage"
run --db "$db" calendar frobnicate
expect_rc 2 "an unknown subcommand exits 2"
expect_err "frobnicate" "the unknown subcommand is named"
run --db "$db" calendar import
expect_rc 2 "import without files exits 2"
expect_err "缺少日历文件" "the missing files are reported"
run --db "$db" calendar import --force "$good"
expect_rc 2 "an unknown option exits 2"
expect_err "--force" "the option is named"
run --db "$db" calendar list extra
expect_rc 2 "list with an argument exits 2"
run --db "$db" calendar show 27
expect_rc 2 "show with a bad year exits 2"
expect_err "“27”" "the bad year is named"
run --db "$db" calendar show
expect_rc 2 "show without a year exits 2"
[ -z "$out" ] && ok "usage errors print nothing on stdout" || not_ok "usage errors print nothing on stdout"

run calendar --help
expect_rc 0 "calendar --help exits 0"
expect_out "yichuang calendar import" "help goes to stdout"
[ -z "$errout" ] && ok "help prints nothing on stderr" || not_ok "help prints nothing on stderr"

finish
