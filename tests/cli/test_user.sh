#!/bin/sh
# test_user.sh — `yichuang user add|list`: adds users with the password
# from standard input (hashed with argon2id), refuses duplicates, unknown
# roles and short passwords, and lists users.
. tests/cli/lib.sh

db="$tmp/station.db"
run --db "$db" init --site 370102 --terminal 3
expect_rc 0 "init"

printf 'secret-pass\n' > "$tmp/pw"
printf 'short\n' > "$tmp/short"
: > "$tmp/empty"

run --db "$db" user add zhangsan --role clerk --dept 政务服务中心 < "$tmp/pw"
expect_rc 0 "user add succeeds"
expect_out "zhangsan" "user add prints the user"
expect_out "综合受理" "user add prints the role's name"
expect_out "政务服务中心" "user add prints the department"

run --db "$db" user add zhangsan --role admin < "$tmp/pw"
expect_rc 1 "a second user of the same name is refused"
expect_err "已经存在" "the refusal says the user exists"

run --db "$db" user add lisi --role boss < "$tmp/pw"
expect_rc 2 "an unknown role is a usage error"
expect_err "角色“boss”无效" "the message names the bad role"
expect_err "clerk" "the message lists the roles (clerk)"
expect_err "supervisor" "the message lists the roles (supervisor)"

run --db "$db" user add lisi --role clerk < "$tmp/short"
expect_rc 2 "a password under 8 characters is refused"
expect_err "8 个字符" "the message says how long a password must be"

run --db "$db" user add lisi --role clerk < "$tmp/empty"
expect_rc 2 "no password on standard input is refused"

run --db "$db" user add --role clerk < "$tmp/pw"
expect_rc 2 "user add without a name is a usage error"

run --db "$db" user add "li si" --role clerk < "$tmp/pw"
expect_rc 2 "a name with a space is refused"

run --db "$db" user add wangwu --role=approver --dept=市场监管局 < "$tmp/pw"
expect_rc 0 "the --role= and --dept= forms work"

run --db "$db" user list
expect_rc 0 "user list succeeds"
expect_out "zhangsan" "the list has zhangsan"
expect_out "后台审批" "the list shows role names"
expect_out "正常" "the list shows the account state"
expect_no_out "lisi" "refused users are not listed"

run --db "$db" user list --json
expect_rc 0 "user list --json succeeds"
expect_out '"role":	"approver"' "JSON carries the stable role name"

if command -v sqlite3 >/dev/null 2>&1; then
	n=$(sqlite3 "$db" "SELECT count(*) FROM users WHERE pw_hash LIKE '\$argon2id\$%' AND pw_hash NOT LIKE '%secret-pass%'")
	if [ "$n" = 2 ]; then ok "passwords are stored as argon2id hashes"; else not_ok "passwords are stored as argon2id hashes"; fi
fi

run --db "$db" user remove zhangsan
expect_rc 2 "an unknown subcommand is a usage error"

finish
