/*
 * cmd_user.c — `yichuang user add|list`: the workstation's users.
 *
 *   user add NAME --role ROLE [--dept DEPT]   the password is the first
 *                                             line of standard input (not
 *                                             echoed when it is a terminal)
 *   user list [--json]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "yichuang/auth.h"
#include "yichuang/casestore.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "cli.h"
#include "cli_cases.h"

static void user_usage(FILE *out)
{
	fprintf(out, "%s", _("用法: yichuang [--db 路径] user add 用户名 --role 角色 [--dept 部门]\n"
			     "       yichuang [--db 路径] user list [--json]\n"
			     "\n"
			     "add 从标准输入的第一行读取密码（至少 8 个字符）。\n"
			     "角色: clerk 综合受理、approver 后台审批、issuer 统一出件、"
			     "supervisor 监察、admin 管理员\n"));
}

/* "clerk（综合受理）、approver（后台审批）..." for messages. */
static void user_roles_text(char *buf, size_t bufsz)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int r = ROLE_CLERK; r <= ROLE_ADMIN && n < bufsz; r++) {
		int w = snprintf(buf + n, bufsz - n, "%s%s（%s）", r == ROLE_CLERK ? "" : "、",
				 auth_role_name((enum auth_role)r),
				 auth_role_label((enum auth_role)r));

		if (w < 0)
			break;
		n += (size_t)w;
	}
}

/* Reads the first line of standard input, without echo on a terminal.
 * Returns an allocated string, or NULL (message printed). */
static char *user_read_password(void)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (tty) {
		fputs(_("密码: "), stderr);
		fflush(stderr);
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
		} else {
			tty = 0;
		}
	}
	n = getline(&line, &cap, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (n < 0) {
		free(line);
		cli_error(_("没有从标准输入读到密码；请在第一行输入密码"));
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

static int user_cmd_add(struct cli *cli, int argc, char **argv)
{
	const char *name = NULL, *role_text = NULL, *dept = NULL;
	char err[YC_ERRSZ], roles[256];
	enum auth_role role;
	struct store *st;
	char *pw;
	int rc;

	for (int i = 1; i < argc; i++) {
		const char *val = NULL;

		if (cli_option(argc, argv, &i, "--role", &val)) {
			if (!val || !*val) {
				cli_error(_("--role 需要角色名"));
				return EXIT_USAGE;
			}
			role_text = val;
		} else if (cli_option(argc, argv, &i, "--dept", &val)) {
			if (!val || !*val) {
				cli_error(_("--dept 需要部门名称"));
				return EXIT_USAGE;
			}
			dept = val;
		} else if (argv[i][0] == '-') {
			cli_error(_("user add 不认识选项 “%s”"), argv[i]);
			user_usage(stderr);
			return EXIT_USAGE;
		} else if (!name) {
			name = argv[i];
		} else {
			cli_error(_("user add 多了参数 “%s”"), argv[i]);
			return EXIT_USAGE;
		}
	}
	if (!name || !role_text) {
		cli_error(_("user add 需要用户名和 --role 角色"));
		user_usage(stderr);
		return EXIT_USAGE;
	}
	if (!user_name_valid(name)) {
		cli_error(_("用户名“%s”无效：应为 1 到 %d 个字节，不含空格和控制字符"), name,
			  USER_NAME_MAX);
		return EXIT_USAGE;
	}
	role = auth_role_from_name(role_text);
	if (!role) {
		user_roles_text(roles, sizeof roles);
		cli_error(_("角色“%s”无效；可用的角色：%s"), role_text, roles);
		return EXIT_USAGE;
	}
	pw = user_read_password();
	if (!pw)
		return EXIT_USAGE;
	if (utf8_len(pw) < 8) {
		cli_error(_("密码太短：至少需要 8 个字符"));
		free(pw);
		return EXIT_USAGE;
	}
	st = cli_open_store(cli, 0);
	if (!st) {
		free(pw);
		return EXIT_USAGE;
	}
	rc = user_add(st, name, role, dept, pw, err, sizeof err);
	memset(pw, 0, strlen(pw));
	free(pw);
	store_close(st);
	if (rc != 0) {
		cli_error("%s", err);
		return EXIT_FAIL;
	}
	printf(_("已添加用户 %s：角色 %s（%s），部门 %s\n"), name, auth_role_label(role),
	       auth_role_name(role), dept ? dept : _("（未填）"));
	return EXIT_OK;
}

static int user_cmd_list(struct cli *cli, int argc, char **argv)
{
	struct user_info *v = NULL;
	struct store *st;
	char err[YC_ERRSZ];
	size_t n = 0;
	int json = 0, wname = utf8_width(_("用户名")), wrole = utf8_width(_("角色"));
	int wdept = utf8_width(_("部门"));
	time_t now = time(NULL);

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			json = 1;
		} else {
			cli_error(_("user list 不认识参数 “%s”"), argv[i]);
			return EXIT_USAGE;
		}
	}
	st = cli_open_store(cli, 0);
	if (!st)
		return EXIT_USAGE;
	if (user_list(st, &v, &n, err, sizeof err) != 0) {
		cli_error("%s", err);
		store_close(st);
		return EXIT_FAIL;
	}
	store_close(st);
	if (json) {
		cJSON *a = cJSON_CreateArray();
		char *text;

		for (size_t i = 0; a && i < n; i++) {
			cJSON *o = cJSON_CreateObject();

			if (!o || !cJSON_AddItemToArray(a, o)) {
				cJSON_Delete(o);
				break;
			}
			cJSON_AddStringToObject(o, "name", v[i].name);
			cJSON_AddStringToObject(o, "role", auth_role_name(v[i].role));
			cJSON_AddStringToObject(o, "department", v[i].department);
			cJSON_AddBoolToObject(o, "active", v[i].active);
			cJSON_AddBoolToObject(o, "locked", v[i].locked_until > now);
		}
		text = a ? cJSON_Print(a) : NULL;
		cJSON_Delete(a);
		free(v);
		if (!text) {
			cli_error(_("内存不足"));
			return EXIT_FAIL;
		}
		printf("%s\n", text);
		free(text);
		return EXIT_OK;
	}
	for (size_t i = 0; i < n; i++) {
		int w = utf8_width(v[i].name);

		wname = w > wname ? w : wname;
		w = utf8_width(auth_role_label(v[i].role));
		wrole = w > wrole ? w : wrole;
		w = utf8_width(v[i].department);
		wdept = w > wdept ? w : wdept;
	}
	cli_put_padded(_("用户名"), wname + 2);
	cli_put_padded(_("角色"), wrole + 2);
	cli_put_padded(_("部门"), wdept + 2);
	printf("%s\n", _("状态"));
	for (size_t i = 0; i < n; i++) {
		cli_put_padded(v[i].name, wname + 2);
		cli_put_padded(auth_role_label(v[i].role), wrole + 2);
		cli_put_padded(v[i].department, wdept + 2);
		printf("%s\n", !v[i].active ? _("已停用")
		       : v[i].locked_until > now ? _("已锁定") : _("正常"));
	}
	free(v);
	return EXIT_OK;
}

int cmd_user(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		user_usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (strcmp(argv[1], "add") == 0)
		return user_cmd_add(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return user_cmd_list(cli, argc - 1, argv + 1);
	cli_error(_("user 没有子命令 “%s”；可用: add、list"), argv[1]);
	return EXIT_USAGE;
}
