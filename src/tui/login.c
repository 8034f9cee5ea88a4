/*
 * login.c — the login screen, the first screen of the program: user name
 * and password (shown as one * per character, never drawn), checked by
 * user_login against the workstation's users at the real current time.
 *
 * A wrong password and an unknown user get one and the same message.
 * After repeated failures the screen itself refuses attempts until the
 * auth policy's delay has passed (it never sleeps) and says how long is
 * left; the store enforces the same policy per user and locks the user
 * after too many failures.  On success the main menu opens on top of this
 * screen with the clerk shown in the title line.
 */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "yichuang/auth.h"
#include "yichuang/casestore.h"
#include "yichuang/lineedit.h"
#include "yichuang/util.h"
#include "app.h"

#define PASSWORD_MAX 128	/* code points */
#define FIELD_COLS 32
#define LABEL_X 6
#define FIELD_X 16

enum { FIELD_NAME = 0, FIELD_PASSWORD = 1 };

struct login_state {
	struct lineedit name;
	struct lineedit password;
	int field;		/* FIELD_NAME or FIELD_PASSWORD */
	int failures;		/* failed attempts in a row at this screen */
	double retry_at;	/* monotonic seconds; no attempt before it */
};

static struct login_state login_state;

/* Up and Down (global bindings) also move between the two fields. */
static const struct tui_binding login_keys[] = {
	{ TK_TAB, ACT_NEXT_FIELD },
	{ 0, ACT_NONE }
};

/* Seconds on a clock that never jumps (for the wait between attempts). */
static double login_clock(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return (double)time(NULL);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Empties the password field so that no copy of the password stays in
 * memory. */
static void login_wipe_password(struct login_state *ls)
{
	explicit_bzero(ls->password.text, sizeof ls->password.text);
	lineedit_init(&ls->password, PASSWORD_MAX);
}

static int login_enter(struct tui *t, struct screen *s)
{
	(void)t;
	(void)s;
	memset(&login_state, 0, sizeof login_state);
	lineedit_init(&login_state.name, USER_NAME_MAX);
	login_wipe_password(&login_state);
	login_state.field = FIELD_NAME;
	return 0;
}

static void login_leave(struct tui *t, struct screen *s)
{
	(void)t;
	(void)s;
	login_wipe_password(&login_state);
}

/* Draws a field's frame (underlined) and, when it has the focus, puts
 * the terminal cursor in it.  text is what is shown, col the cursor's
 * column in it. */
static void login_draw_field(int y, const char *text, int col, int focus)
{
	attrset(A_UNDERLINE);
	tui_put(y, FIELD_X, FIELD_COLS, text, 1);
	attrset(A_NORMAL);
	if (focus)
		tui_cursor_at(y, FIELD_X + col);
}

static void login_draw(struct tui *t, struct screen *s)
{
	struct login_state *ls = &login_state;
	int y = tui_body_top(t) + 1;
	char buf[LINEEDIT_MAX * 4 + 1], stars[FIELD_COLS + 1];
	size_t first, shown;
	int col;

	(void)s;
	tui_put(y, 2, t->cols - 4, _("请登录。用户名和密码由管理员发放。"), 0);
	y += 2;
	tui_put(y, LABEL_X, FIELD_X - LABEL_X, _("用户名"), 1);
	col = lineedit_view(&ls->name, FIELD_COLS, buf, sizeof buf);
	login_draw_field(y, buf, col, ls->field == FIELD_NAME);
	y += 2;
	/* The password: one * per character, scrolled so the cursor shows. */
	tui_put(y, LABEL_X, FIELD_X - LABEL_X, _("密  码"), 1);
	first = ls->password.cursor >= FIELD_COLS ? ls->password.cursor - FIELD_COLS + 1 : 0;
	shown = ls->password.len - first < FIELD_COLS ? ls->password.len - first : FIELD_COLS;
	memset(stars, '*', shown);
	stars[shown] = '\0';
	login_draw_field(y, stars, (int)(ls->password.cursor - first), ls->field == FIELD_PASSWORD);
	y += 2;
	tui_put(y, 2, t->cols - 4,
		_("Tab、上下键或 Enter 换栏；在密码栏按 Enter 登录；F10 退出。"), 0);
}

/* Keys that edit the field with the focus; 1 when the key was one. */
static int login_edit_key(struct lineedit *le, int key)
{
	switch (key) {
	case TK_SPECIAL | KEY_BACKSPACE:
	case TK_CTRL('h'):
		lineedit_backspace(le);
		return 1;
	case TK_SPECIAL | KEY_DC:
	case TK_CTRL('d'):
		lineedit_delete(le);
		return 1;
	case TK_SPECIAL | KEY_LEFT:
	case TK_CTRL('b'):
		lineedit_left(le);
		return 1;
	case TK_SPECIAL | KEY_RIGHT:
	case TK_CTRL('f'):
		lineedit_right(le);
		return 1;
	case TK_SPECIAL | KEY_HOME:
	case TK_CTRL('a'):
		lineedit_home(le);
		return 1;
	case TK_SPECIAL | KEY_END:
	case TK_CTRL('e'):
		lineedit_end(le);
		return 1;
	case TK_CTRL('k'):
		lineedit_kill_to_end(le);
		return 1;
	case TK_CTRL('u'):
		lineedit_clear(le);
		return 1;
	default:
		break;
	}
	if (!(key & TK_SPECIAL) && key >= 0x20 && key != 0x7F) {
		lineedit_insert(le, (uint32_t)key);
		return 1;
	}
	return 0;
}

/* The user has logged in: remembers who, shows the clerk in the title
 * line, clears the form and opens the main menu. */
static void login_succeeded(struct tui *t, struct app *app, const struct user_info *u)
{
	struct login_state *ls = &login_state;

	app->logged_in = 1;
	app->user = *u;
	app->consultations = 0;
	snprintf(app->clerk, sizeof app->clerk, _("%s（%s）"), u->name, auth_role_label(u->role));
	utf8_trim_partial(app->clerk);
	t->clerk = app->clerk;
	t->clerk_short = app->user.name;
	ls->failures = 0;
	ls->retry_at = 0;
	lineedit_clear(&ls->name);
	ls->field = FIELD_NAME;
	if (tui_push(t, &menu_screen, app) == 0) {
		tui_message(t, _("已登录：%s"), app->clerk);
		intake_offer_draft(t, app);
	}
}

/* Refuses an attempt while the delay after failures runs; 1 when it did
 * (the message says how long is left).  The password typed is dropped, so
 * that text typed after the refusal does not add to it unseen. */
static int login_must_wait(struct tui *t)
{
	double left = login_state.retry_at - login_clock();

	if (left <= 0)
		return 0;
	login_wipe_password(&login_state);
	tui_error(t, _("登录失败次数过多，请等 %d 秒后再试"), (int)ceil(left));
	return 1;
}

/* One login attempt with what the form holds. */
static void login_attempt(struct tui *t, struct app *app)
{
	struct login_state *ls = &login_state;
	char name[USER_NAME_MAX * 4 + 1], password[PASSWORD_MAX * 4 + 1], err[YC_ERRSZ];
	struct login_result res;
	int rc, delay;

	if (login_must_wait(t))
		return;
	lineedit_get(&ls->name, name, sizeof name);
	if (*yc_trim(name) == '\0') {
		tui_error(t, "%s", _("请输入用户名"));
		ls->field = FIELD_NAME;
		return;
	}
	if (ls->password.len == 0) {
		tui_error(t, "%s", _("请输入密码"));
		return;
	}
	lineedit_get(&ls->password, password, sizeof password);
	login_wipe_password(ls);
	rc = user_login(app->st, yc_trim(name), password, time(NULL), &res, err, sizeof err);
	explicit_bzero(password, sizeof password);
	if (rc != 0) {
		tui_error(t, "%s", err);
		return;
	}
	switch (res.status) {
	case LOGIN_OK:
		login_succeeded(t, app, &res.user);
		break;
	case LOGIN_WRONG_PASSWORD:
	case LOGIN_UNKNOWN_USER:
		/* One message for both: the screen never tells which names exist. */
		ls->failures++;
		delay = auth_delay_seconds(ls->failures);
		if (delay > 0) {
			ls->retry_at = login_clock() + delay;
			tui_error(t, _("用户名或密码不正确（已连续 %d 次）；请等 %d 秒后再试"),
				  ls->failures, delay);
		} else {
			tui_error(t, "%s", _("用户名或密码不正确"));
		}
		break;
	case LOGIN_WAIT:
		ls->retry_at = login_clock() + res.wait_seconds;
		tui_error(t, _("登录失败次数过多，请等 %d 秒后再试"), res.wait_seconds);
		break;
	case LOGIN_LOCKED:
	case LOGIN_INACTIVE:
		/* The store's message says until when, or whom to ask. */
		tui_error(t, "%s", res.message);
		break;
	}
	explicit_bzero(&res, sizeof res);
}

static int login_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct app *app = s->data;
	struct login_state *ls = &login_state;

	switch (act) {
	case ACT_NEXT_FIELD:
	case ACT_PREV_FIELD:
	case ACT_UP:
	case ACT_DOWN:
		ls->field = ls->field == FIELD_NAME ? FIELD_PASSWORD : FIELD_NAME;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_SELECT:
		if (ls->field == FIELD_NAME)
			ls->field = FIELD_PASSWORD;
		else
			login_attempt(t, app);
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_NONE:
		if (login_edit_key(ls->field == FIELD_NAME ? &ls->name : &ls->password, key))
			return TUI_HANDLED | TUI_REDRAW;
		return 0;
	default:
		return 0;
	}
}

static const struct tui_key_help login_help[] = {
	{ TK_TAB, N_("换栏：用户名、密码") },
	{ TK_SPECIAL | KEY_UP, N_("换栏：用户名、密码") },
	{ TK_SPECIAL | KEY_DOWN, N_("换栏：用户名、密码") },
	{ TK_ENTER, N_("在用户名栏：到密码栏；在密码栏：登录") },
	{ TK_SPECIAL | KEY_PPAGE, TUI_KEY_UNUSED },
	{ TK_SPECIAL | KEY_NPAGE, TUI_KEY_UNUSED },
	{ TK_ESC, TUI_KEY_UNUSED },
	{ 0, NULL }
};

const struct screen_ops login_screen = {
	.name = "login",
	.title = N_("登录"),
	.keys = login_keys,
	.enter = login_enter,
	.draw = login_draw,
	.handle = login_handle,
	.leave = login_leave,
	.key_help = login_help,
};
