#!/bin/sh
# test_init.sh — `yichuang init`: creates the workstation database with its
# identity, refuses a second init, checks its options, finds the default
# path, and refuses files that are not workstation databases.
. tests/cli/lib.sh

db="$tmp/a/b/station.db"

run init
expect_rc 2 "init without options is a usage error"
expect_err "--site" "the usage names --site"

run --db "$db" init --site 370102
expect_rc 2 "init without --terminal is a usage error"

run --db "$db" init --site 37O102 --terminal 1
expect_rc 2 "a site code with the letter O is refused"
expect_err "站点代码 “37O102” 无效" "the message names the bad site code"
if [ -e "$db" ]; then not_ok "a refused init creates no file"; else ok "a refused init creates no file"; fi

run --db "$db" init --site 370102 --terminal 0
expect_rc 2 "terminal 0 is refused"
expect_err "终端号 “0” 无效" "the message names the bad terminal number"
run --db "$db" init --site 370102 --terminal 100
expect_rc 2 "terminal 100 is refused"
run --db "$db" init --site 370102 --terminal 3x
expect_rc 2 "a terminal number with letters is refused"
run --db "$db" init --site 370102 --terminal 1 --colour red
expect_rc 2 "an unknown option is refused"

run --db "$db" init --site 370102 --terminal 7
expect_rc 0 "init creates the database and its directories"
expect_out "$db" "init prints the path"
expect_out "站点代码：370102" "init prints the site"
expect_out "终端号：7" "init prints the terminal"
expect_out "数据库结构版本：" "init prints the schema version"
if [ -f "$db" ]; then ok "the database file exists"; else not_ok "the database file exists"; fi

run --db "$db" init --site 370103 --terminal 8
expect_rc 1 "a second init is refused"
expect_err "已经初始化为站点 370102、终端 7" "the refusal names the identity kept"

run init --site=3701ABCD --terminal=12 --db="$tmp/eq.db"
expect_rc 0 "--site=, --terminal= and --db= forms work"
expect_out "终端号：12" "the = form's terminal is used"

# Without --db: $YICHUANG_DB, else $XDG_DATA_HOME, else ~/.local/share.
YICHUANG_DB="$tmp/env.db"; export YICHUANG_DB
run init --site 1 --terminal 1
unset YICHUANG_DB
expect_rc 0 "YICHUANG_DB names the database"
if [ -f "$tmp/env.db" ]; then ok "YICHUANG_DB file created"; else not_ok "YICHUANG_DB file created"; fi
XDG_DATA_HOME="$tmp/xdg"; export XDG_DATA_HOME
run init --site 2 --terminal 2
unset XDG_DATA_HOME
expect_rc 0 "init without --db uses XDG_DATA_HOME"
if [ -f "$tmp/xdg/yichuang/yichuang.db" ]; then ok "default path under XDG_DATA_HOME";
else not_ok "default path under XDG_DATA_HOME"; fi
(unset XDG_DATA_HOME; HOME="$tmp/home" "$YC" init --site 3 --terminal 3 >/dev/null 2>&1)
if [ -f "$tmp/home/.local/share/yichuang/yichuang.db" ]; then ok "default path under HOME";
else not_ok "default path under HOME"; fi

# Files that are not workstation databases are refused and left alone.
printf '这不是数据库\n' > "$tmp/notes.txt"
cp "$tmp/notes.txt" "$tmp/notes.orig"
run --db "$tmp/notes.txt" init --site 370102 --terminal 1
expect_rc 2 "a text file is refused"
expect_err "不是 SQLite 数据库" "the message says it is not a SQLite database"
if cmp -s "$tmp/notes.txt" "$tmp/notes.orig"; then ok "the text file is unchanged";
else not_ok "the text file is unchanged"; fi

mkdir "$tmp/dir.db"
run --db "$tmp/dir.db" init --site 370102 --terminal 1
expect_rc 2 "a directory is refused"
expect_err "是目录" "the message says it is a directory"

finish
