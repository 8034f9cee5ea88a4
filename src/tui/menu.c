/*
 * menu.c — the main menu: the functions the logged-in user's role may use,
 * each with its keys and transaction code.  A trained clerk types the
 * digits of a code and Enter without looking; keys typed ahead reach the
 * screen that opens.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/util.h"
#include "app.h"

#define CODE_DIGITS 4

/* The functions, in the order listed, each with the roles that may use
 * it.  Their names, codes and help come from the action table. */
static const struct menu_entry {
	enum tui_action act;
	unsigned roles;			/* APP_ROLE bits */
	int (*open)(struct tui *t, struct app *app);	/* NULL: help, quit */
} all_entries[] = {
	{ ACT_QUEUE, APP_ROLE(ROLE_CLERK) | APP_ROLE(ROLE_ISSUER), queue_open },
	{ ACT_INTAKE, APP_ROLE(ROLE_CLERK), intake_open },
	{ ACT_RETURN, APP_ROLE(ROLE_CLERK), return_open },
	{ ACT_ONLINE, APP_ROLE(ROLE_CLERK), online_open },
	{ ACT_CONSULT, APP_ALL_ROLES, consult_open },
	{ ACT_CASES, APP_ALL_ROLES, cases_open },
	{ ACT_HANDOVER, APP_ROLE(ROLE_CLERK) | APP_ROLE(ROLE_APPROVER), handover_open },
	{ ACT_APPROVAL, APP_ROLE(ROLE_APPROVER), approval_open },
	{ ACT_RESULTS, APP_ROLE(ROLE_APPROVER) | APP_ROLE(ROLE_ISSUER), results_open },
	{ ACT_ISSUE, APP_ROLE(ROLE_ISSUER), issue_open },
	{ ACT_SUPERVISE, APP_ROLE(ROLE_SUPERVISOR) | APP_ROLE(ROLE_ADMIN), supervise_open },
	{ ACT_CONFLICTS, APP_ROLE(ROLE_CLERK) | APP_ROLE(ROLE_SUPERVISOR) | APP_ROLE(ROLE_ADMIN),
	  conflicts_open },
	{ ACT_HELP, APP_ALL_ROLES, NULL },
	{ ACT_LOGOUT, APP_ALL_ROLES, NULL },
	{ ACT_QUIT, APP_ALL_ROLES, NULL },
};
#define NALL (sizeof all_entries / sizeof all_entries[0])

static const struct tui_binding menu_keys[] = {
	{ TK_SPECIAL | KEY_F(2), ACT_CONSULT },
	{ 'z', ACT_CONSULT },
	{ TK_SPECIAL | KEY_F(3), ACT_QUEUE },
	{ 'j', ACT_QUEUE },
	{ TK_SPECIAL | KEY_F(4), ACT_INTAKE },
	{ 's', ACT_INTAKE },
	{ TK_SPECIAL | KEY_F(5), ACT_RETURN },
	{ 'b', ACT_RETURN },
	{ TK_SPECIAL | KEY_F(6), ACT_CASES },
	{ 'c', ACT_CASES },
	{ TK_SPECIAL | KEY_F(7), ACT_HANDOVER },
	{ 'h', ACT_HANDOVER },
	{ TK_SPECIAL | KEY_F(8), ACT_APPROVAL },
	{ 'a', ACT_APPROVAL },
	{ TK_SPECIAL | KEY_F(9), ACT_RESULTS },
	{ 'r', ACT_RESULTS },
	{ TK_SPECIAL | KEY_F(11), ACT_ISSUE },
	{ 'i', ACT_ISSUE },
	{ TK_SPECIAL | KEY_F(12), ACT_SUPERVISE },
	{ 'm', ACT_SUPERVISE },
	{ 'w', ACT_ONLINE },		/* no F-key left: 网上 (wang shang) */
	{ 't', ACT_CONFLICTS },		/* no F-key left: 冲突 (chong tu) */
	{ '?', ACT_HELP },
	{ 'x', ACT_LOGOUT },
	{ 0, ACT_NONE }
};

struct menu_state {
	size_t sel;
	char code[CODE_DIGITS + 1];	/* digits typed so far */
	enum tui_action shown[NALL];	/* the functions this user may use */
	size_t nshown;
};

static struct menu_state menu_state;

/* 1 when the menu function act exists and the user's role may use it. */
static int menu_allowed(const struct app *app, enum tui_action act)
{
	for (size_t i = 0; i < NALL; i++)
		if (all_entries[i].act == act)
			return app_role_may(app, all_entries[i].roles);
	return 0;
}

static int menu_enter(struct tui *t, struct screen *s)
{
	const struct app *app = s->data;

	(void)t;
	memset(&menu_state, 0, sizeof menu_state);
	for (size_t i = 0; i < NALL; i++)
		if (app_role_may(app, all_entries[i].roles))
			menu_state.shown[menu_state.nshown++] = all_entries[i].act;
	return 0;
}

/* The names of every key bound to act here and globally: "F2 z". */
static void keys_of(enum tui_action act, char *buf, size_t bufsz)
{
	const struct tui_binding *tables[] = { menu_keys, tui_global_keys };
	size_t o = 0;

	buf[0] = '\0';
	/* Function keys first, then letters. */
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < 2; k++)
			for (const struct tui_binding *b = tables[k]; b->key; b++) {
				char name[16];
				int w;

				if (b->action != act || (!(b->key & TK_SPECIAL)) != pass)
					continue;
				w = snprintf(buf + o, bufsz - o, "%s%s", o ? " " : "",
					     keys_name(b->key, name, sizeof name));
				if (w < 0 || (size_t)w >= bufsz - o)
					return;
				o += (size_t)w;
			}
}

static void menu_draw(struct tui *t, struct screen *s)
{
	int y = tui_body_top(t) + 1, bottom = tui_body_top(t) + tui_body_rows(t) - 1;
	char line[256];

	(void)s;
	tui_put(y, 2, t->cols - 4,
		_("输入交易码后按 Enter，或按功能键，或用上下键选择后按 Enter。"), 0);
	y += 2;
	attrset(A_BOLD);
	tui_put(y, 4, 8, _("交易码"), 1);
	tui_put(y, 12, 10, _("按键"), 1);
	tui_put(y, 22, t->cols - 24, _("功能"), 0);
	attrset(A_NORMAL);
	y++;
	for (size_t i = 0; i < menu_state.nshown; i++, y++) {
		enum tui_action act = menu_state.shown[i];
		char code[16] = "", keys[64];

		if (tui_action_code(act))
			snprintf(code, sizeof code, "%d", tui_action_code(act));
		keys_of(act, keys, sizeof keys);
		if (i == menu_state.sel)
			attrset(A_REVERSE);
		tui_put(y, 2, 2, i == menu_state.sel ? ">" : "", 1);
		tui_put(y, 4, 8, code, 1);
		tui_put(y, 12, 10, keys, 1);
		tui_put(y, 22, t->cols - 24, tui_action_help(act), 1);
		attrset(A_NORMAL);
	}
	snprintf(line, sizeof line, _("交易码：%s"), menu_state.code);
	tui_put(bottom, 2, t->cols - 4, line, 0);
}

/* Carries out one function of the menu. */
static int menu_run(struct tui *t, struct app *app, enum tui_action act)
{
	menu_state.code[0] = '\0';
	if (!menu_allowed(app, act)) {
		tui_error(t, _("%s：您的角色（%s）不能使用此功能"), tui_action_label(act),
			  auth_role_label(app->user.role));
		return TUI_HANDLED | TUI_REDRAW;
	}
	for (size_t i = 0; i < NALL; i++)
		if (all_entries[i].act == act && all_entries[i].open) {
			all_entries[i].open(t, app);
			return TUI_HANDLED | TUI_REDRAW;
		}
	switch (act) {
	case ACT_HELP:
		tui_push(t, &help_screen, NULL);
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_LOGOUT:
		/* back to the login screen beneath the menu */
		app->logged_in = 0;
		t->clerk = NULL;
		t->clerk_short = NULL;
		tui_message(t, _("%s 已注销"), app->user.name);
		return TUI_POP | TUI_REDRAW;
	case ACT_QUIT:
		return TUI_QUIT;
	default:
		return 0;
	}
}

/* Enter after digits: the function with that transaction code. */
static int menu_run_code(struct tui *t, struct app *app)
{
	int code = atoi(menu_state.code);
	char codes[64] = "";
	size_t o = 0;

	for (size_t i = 0; i < menu_state.nshown; i++)
		if (tui_action_code(menu_state.shown[i]) == code)
			return menu_run(t, app, menu_state.shown[i]);
	for (size_t i = 0; i < NALL; i++)	/* exists, but not for this role */
		if (tui_action_code(all_entries[i].act) == code)
			return menu_run(t, app, all_entries[i].act);
	for (size_t i = 0; i < menu_state.nshown; i++)
		if (tui_action_code(menu_state.shown[i])) {
			int w = snprintf(codes + o, sizeof codes - o, "%s%d", o ? "、" : "",
					 tui_action_code(menu_state.shown[i]));

			if (w > 0 && (size_t)w < sizeof codes - o)
				o += (size_t)w;
		}
	tui_error(t, _("没有交易码为 %s 的功能；本菜单的交易码：%s"), menu_state.code, codes);
	menu_state.code[0] = '\0';
	return TUI_HANDLED | TUI_REDRAW;
}

static int menu_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct app *app = s->data;
	size_t n = strlen(menu_state.code);

	switch (act) {
	case ACT_UP:
		if (menu_state.sel > 0)
			menu_state.sel--;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_DOWN:
		if (menu_state.sel + 1 < menu_state.nshown)
			menu_state.sel++;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_SELECT:
		if (n > 0)
			return menu_run_code(t, app);
		if (menu_state.nshown == 0)
			return TUI_HANDLED | TUI_REDRAW;
		return menu_run(t, app, menu_state.shown[menu_state.sel]);
	case ACT_HELP:
	case ACT_LOGOUT:
		return menu_run(t, app, act);
	case ACT_BACK:
		menu_state.code[0] = '\0';
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_NONE:
		break;
	default:
		for (size_t i = 0; i < NALL; i++)
			if (all_entries[i].act == act && all_entries[i].open)
				return menu_run(t, app, act);
		return 0;
	}
	if (key >= '0' && key <= '9') {
		if (n < CODE_DIGITS) {
			menu_state.code[n] = (char)key;
			menu_state.code[n + 1] = '\0';
		} else {
			tui_error(t, _("交易码最多 %d 位"), CODE_DIGITS);
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key == (TK_SPECIAL | KEY_BACKSPACE) || key == TK_CTRL('h')) {
		if (n > 0)
			menu_state.code[n - 1] = '\0';
		return TUI_HANDLED | TUI_REDRAW;
	}
	return 0;
}

/* The key bar and help show only the functions this user may use. */
static int menu_enabled(struct tui *t, struct screen *s, enum tui_action act)
{
	(void)t;
	for (size_t i = 0; i < NALL; i++)
		if (all_entries[i].act == act)
			return app_role_may(s->data, all_entries[i].roles);
	return 1;
}

static const struct tui_key_help menu_help[] = {
	{ TK_ENTER, N_("执行输入的交易码，或选中的功能") },
	{ TK_ESC, N_("清除已输入的交易码") },
	{ TK_SPECIAL | KEY_UP, N_("上一项功能") },
	{ TK_SPECIAL | KEY_DOWN, N_("下一项功能") },
	{ TK_SPECIAL | KEY_PPAGE, TUI_KEY_UNUSED },
	{ TK_SPECIAL | KEY_NPAGE, TUI_KEY_UNUSED },
	{ 0, NULL }
};

const struct screen_ops menu_screen = {
	.name = "menu",
	.title = N_("主菜单"),
	.keys = menu_keys,
	.enter = menu_enter,
	.draw = menu_draw,
	.handle = menu_handle,
	.enabled = menu_enabled,
	.key_help = menu_help,
};
