/*
 * app.c — the full-screen program's shell: checks the database before any
 * curses (so that a clerk or administrator reads plainly what to do), loads
 * the catalog, shows the terminal's identity in the title line, and runs the
 * login screen, which opens the main menu once a user has logged in.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yichuang/casestore.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "app.h"

/* Prints "yichuang: " and a message to stderr (the program's entry, before
 * or after curses, never during). */
static void YC_PRINTF(1, 2) app_say(const char *fmt, ...)
{
	va_list ap;

	fputs("yichuang: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Nobody can log in to a database without users: says how to add one.
 * 0 when there is a user, -1 (message printed) when not. */
static int app_has_users(struct app *app, const char *db_path)
{
	struct user_info *users = NULL;
	size_t n = 0;
	char err[YC_ERRSZ];

	if (user_list(app->st, &users, &n, err, sizeof err) != 0) {
		app_say("%s", err);
		return -1;
	}
	free(users);
	if (n > 0)
		return 0;
	app_say(_("数据库 %s 中还没有用户，无法登录。请先添加一个用户（密码从标准输入读取）：\n"
		  "  yichuang --db %s user add 用户名 --role clerk"),
		db_path, db_path);
	return -1;
}

int app_role_may(const struct app *app, unsigned roles)
{
	return app->logged_in && (roles & APP_ROLE(app->user.role)) != 0;
}

/* Opens the database and loads what the screens need; on failure says
 * which command makes the database usable.  0 or -1. */
static int app_load(struct app *app, const char *db_path)
{
	char err[YC_ERRSZ];
	struct stat sb;
	int rc;

	if (stat(db_path, &sb) != 0) {
		app_say(_("工作站数据库 %s 不存在（%s）。请先创建并导入事项目录：\n"
			  "  yichuang --db %s init --site 站点代码 --terminal 终端号\n"
			  "  yichuang --db %s catalog import 事项目录文件（如 forms/*.item forms/*.bundle）"),
			db_path, strerror(errno), db_path, db_path);
		return -1;
	}
	if (store_open(db_path, STORE_OPEN_EXISTING, &app->st, err, sizeof err) != 0) {
		app_say("%s", err);
		return -1;
	}
	rc = store_terminal(app->st, app->site, sizeof app->site, &app->terminal);
	if (rc < 0) {
		app_say(_("无法读取 %s 的终端标识"), db_path);
		return -1;
	}
	if (rc == 0) {
		app_say(_("数据库 %s 还不是工作站数据库（没有站点代码和终端号）。请先运行：\n"
			  "  yichuang --db %s init --site 站点代码 --terminal 终端号"),
			db_path, db_path);
		return -1;
	}
	if (store_catalog_current(app->st, &app->catalog_version, err, sizeof err) != 0) {
		app_say("%s", err);
		return -1;
	}
	if (app->catalog_version == 0) {
		app_say(_("数据库 %s 中没有事项目录，咨询和受理都需要它。请先导入：\n"
			  "  yichuang --db %s catalog import 事项目录文件（如 forms/*.item forms/*.bundle）"),
			db_path, db_path);
		return -1;
	}
	if (store_catalog_load(app->st, app->catalog_version, &app->cat, err, sizeof err) != 0) {
		app_say("%s", err);
		return -1;
	}
	if (app_has_users(app, db_path) != 0)
		return -1;
	snprintf(app->centre, sizeof app->centre, _("站点 %s"), app->site);
	snprintf(app->window, sizeof app->window, _("终端 %d"), app->terminal);
	return 0;
}

int tui_app_main(const char *db_path, const char *script, const char *dump_dir)
{
	struct app app;
	struct tui t;
	char err[YC_ERRSZ];
	int rc = 0;

	memset(&app, 0, sizeof app);
	catalog_init(&app.cat);
	/* The database is checked first: its message is the one to act on. */
	rc = app_load(&app, db_path);
	if (rc == 0 && !script && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		app_say("%s", _("全屏程序需要在终端中运行；命令行用法见 yichuang --help"));
		rc = -1;
	}
	if (rc != 0) {
		if (app.st)
			store_close(app.st);
		catalog_free(&app.cat);
		return 2;
	}
	memset(&t, 0, sizeof t);
	t.centre = app.centre;
	t.window = app.window;
	t.clerk = NULL;			/* no login yet: no clerk is shown */
	if (tui_open(&t, script, dump_dir, err, sizeof err) != 0) {
		tui_close(&t);
		app_say("%s", err);
		rc = 1;
	} else if (tui_push(&t, &login_screen, &app) != 0) {
		tui_close(&t);
		app_say("%s", t.message);
		rc = 1;
	} else {
		rc = tui_run(&t, err, sizeof err) == 0 ? 0 : 1;
		tui_close(&t);
		if (rc != 0)
			app_say("%s", err);
	}
	store_close(app.st);
	catalog_free(&app.cat);
	return rc;
}
