/*
 * app.c — the full-screen program's shell: checks the database before any
 * curses (so that a clerk or administrator reads plainly what to do), loads
 * the catalog and the official calendar, shows the terminal's identity in
 * the title line, and runs the login screen, which opens the main menu once
 * a user has logged in.
 *
 * Sync with central runs in the background (sync.h) when the database has
 * a server: the loop's tick polls it on every key and about once a second,
 * a round never blocks typing, and after each round the title line shows
 * 在线 or 离线 and the events waiting (单机 when no server is configured).
 * In script mode the background sync starts only when
 * YICHUANG_SYNC_IN_SCRIPT=1, so that scripts stay deterministic;
 * YICHUANG_SYNC_INTERVAL sets the seconds between rounds (default 60).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "yichuang/casestore.h"
#include "yichuang/store.h"
#include "yichuang/sync.h"
#include "yichuang/syncstore.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "app.h"
#include "cases.h"

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

/* The title line's names: the centre (setting doc.centre, else the site
 * code) and the window (the name central registered the terminal under,
 * else the terminal number), each with a short form for narrow
 * terminals. */
static void app_title_names(struct app *app)
{
	char *sp;

	if (store_setting_get(app->st, "doc.centre", app->centre, sizeof app->centre) != 1 ||
	    !*yc_trim(app->centre))
		snprintf(app->centre, sizeof app->centre, _("站点 %s"), app->site);
	utf8_trim_partial(app->centre);
	if (store_setting_get(app->st, "sync.terminal_name", app->window, sizeof app->window) != 1 ||
	    !*yc_trim(app->window))
		snprintf(app->window, sizeof app->window, _("终端 %d"), app->terminal);
	utf8_trim_partial(app->window);
	sp = strrchr(app->window, ' ');
	snprintf(app->window_short, sizeof app->window_short, "%s", sp ? sp + 1 : app->window);
	utf8_trim_partial(app->window_short);
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
	app->cal = calendar_new();
	if (!app->cal) {
		app_say("%s", _("内存不足，无法载入工作日日历"));
		return -1;
	}
	if (calendar_load_builtin(app->cal, err, sizeof err) != 0 ||
	    store_calendar_load(app->st, app->cal, err, sizeof err) != 0) {
		app_say(_("无法载入工作日日历：%s"), err);
		return -1;
	}
	if (syncstore_ref_version(app->st, &app->ref_version, err, sizeof err) != 0) {
		app_say("%s", err);
		return -1;
	}
	if (app_has_users(app, db_path) != 0)
		return -1;
	app_title_names(app);
	return 0;
}

/* ---- sync ------------------------------------------------------------------ */

/* Reads the sync status into the title line facts.  round: a background
 * round just ended (reference data may have changed; new conflicts are
 * announced).  Returns 1 when the title line changed. */
static int app_sync_show(struct app *app, struct tui *t, int round)
{
	struct sync_status s;
	char err[YC_ERRSZ];
	int online, changed;

	if (sync_status(app->st, &s, err, sizeof err) != 0)
		return 0;		/* the title keeps what it showed */
	online = !s.configured ? -1 : s.online ? 1 : 0;
	changed = online != t->online || s.pending != t->pending;
	t->online = online;
	t->pending = s.pending;
	if (round) {
		long long v = app->ref_version;

		/* New calendars come with new reference data: refresh the
		 * shared calendar in place (stored years replace built-in ones). */
		if (syncstore_ref_version(app->st, &v, err, sizeof err) == 0 &&
		    v != app->ref_version) {
			app->ref_version = v;
			if (store_calendar_load(app->st, app->cal, err, sizeof err) != 0) {
				tui_error(t, _("中心发来的工作日日历无法载入：%s"), err);
				changed = 1;
			}
		}
		if (s.conflicts > app->conflicts) {
			tui_error(t, _("中心拒收了 %d 个事件：请主管或管理员到冲突处理（91）处理"),
				  s.conflicts - app->conflicts);
			changed = 1;
		}
	}
	app->conflicts = s.conflicts;
	return changed;
}

/* The loop's tick: polls the background sync (never blocks); after a
 * round, and after every key (a screen may have saved events), the title
 * line is brought up to date. */
static int app_tick(struct tui *t, void *arg, int key)
{
	struct app *app = arg;

	if (app->sync && sync_bg_poll(app->sync, time(NULL)))
		return app_sync_show(app, t, 1);
	if (key != 0)
		return app_sync_show(app, t, 0);
	return 0;
}

void app_saved(struct app *app)
{
	sync_bg_kick(app->sync);
	if (app->tui)
		app_sync_show(app, app->tui, 0);
}

/* The background sync, when the database has a server (and, in script
 * mode, only when YICHUANG_SYNC_IN_SCRIPT=1).  NULL when none runs. */
static struct sync_bg *app_sync_start(struct app *app, const char *db_path, int script)
{
	struct sync_status s;
	char err[YC_ERRSZ];
	const char *env;
	int interval = 0;

	if (sync_status(app->st, &s, err, sizeof err) != 0 || !s.configured)
		return NULL;
	env = getenv("YICHUANG_SYNC_IN_SCRIPT");
	if (script && (!env || strcmp(env, "1") != 0))
		return NULL;
	env = getenv("YICHUANG_SYNC_INTERVAL");
	if (env && *env) {
		interval = atoi(env);
		if (interval < 1 || interval > 86400)
			interval = 0;	/* the default */
	}
	return sync_bg_new(db_path, interval);
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
		calendar_free(app.cal);
		catalog_free(&app.cat);
		return 2;
	}
	memset(&t, 0, sizeof t);
	t.centre = app.centre;
	t.centre_short = cases_applicant_short(app.centre);
	t.window = app.window;
	t.window_short = app.window_short;
	t.clerk = NULL;			/* no login yet: no clerk is shown */
	app.tui = &t;
	app_sync_show(&app, &t, 0);
	app.sync = app_sync_start(&app, db_path, script != NULL);
	tui_set_tick(app_tick, &app);
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
	tui_set_tick(NULL, NULL);
	/* Quitting never waits for a round hanging on central: it is cut
	 * (nothing is lost).  A script lets it end, for its tests. */
	if (script)
		sync_bg_finish(app.sync);
	else
		sync_bg_free(app.sync);
	app.tui = NULL;
	store_close(app.st);
	calendar_free(app.cal);
	catalog_free(&app.cat);
	return rc;
}
