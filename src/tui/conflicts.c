/*
 * conflicts.c — the conflicts worklist (冲突处理, code 91): the events
 * central refused (syncstore_conflicts), because the case had meanwhile
 * moved on central (conflict, with central's state) or the event was not
 * acceptable (invalid).  Sync never decides them by clocks: a person looks
 * at the case (Enter or F3 opens the case view with its whole timeline)
 * and, as supervisor or administrator, marks the conflict resolved with a
 * note saying what was done (F4, the note, Enter, then y).  Clerks may
 * look.  F2 switches between the open conflicts and all of them.
 *
 * The list takes the top of the body; below it the selected conflict's
 * reason in full, its resolution (or the note being written), and a hint.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yichuang/casefsm.h"
#include "yichuang/lineedit.h"
#include "yichuang/store.h"
#include "yichuang/syncstore.h"
#include "yichuang/textwrap.h"
#include "yichuang/util.h"
#include "cases.h"

#define CONFLICTS_NOTE_MAX 200		/* code points in a resolution note */
#define CONFLICTS_REASON_ROWS 3		/* rows of the reason below the list */
#define CONFLICTS_DETAIL_ROWS (CONFLICTS_REASON_ROWS + 3)
#define CONFLICTS_NUMBER_COLS 23	/* 370102-01-261120-0001-X */
#define CONFLICTS_WIDE 100		/* from this width times carry their year */

/* Who may mark a conflict resolved. */
#define CONFLICTS_RESOLVERS (APP_ROLE(ROLE_SUPERVISOR) | APP_ROLE(ROLE_ADMIN))

enum conflicts_mode {
	CM_LIST = 0,
	CM_NOTE,		/* writing the resolution note */
	CM_CONFIRM		/* y / n */
};

struct conflicts {
	struct app *app;
	struct syncstore_conflict *v;
	size_t n;
	int all;		/* 1: resolved ones listed too */
	int open;		/* open conflicts among them */
	size_t sel, top;
	int rows;		/* list rows at the last draw */
	int stale;		/* read the list again before drawing */
	enum conflicts_mode mode;
	struct lineedit note;
};

static const struct tui_binding conflicts_keys[] = {
	{ TK_SPECIAL | KEY_F(2), ACT_CONFLICT_ALL },
	{ 'a', ACT_CONFLICT_ALL },
	{ TK_SPECIAL | KEY_F(3), ACT_CONFLICT_CASE },
	{ 'o', ACT_CONFLICT_CASE },
	{ TK_SPECIAL | KEY_F(4), ACT_CONFLICT_RESOLVE },
	{ 'r', ACT_CONFLICT_RESOLVE },
	{ TK_SPECIAL | KEY_HOME, ACT_FIRST },
	{ TK_SPECIAL | KEY_END, ACT_LAST },
	{ 'q', ACT_BACK },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

/* Reads the list again, keeping the selection on the same conflict when
 * it is still listed.  0, or -1 with the reason on the message line. */
static int conflicts_load(struct tui *t, struct conflicts *c)
{
	struct syncstore_conflict *v = NULL;
	size_t n = 0;
	long long keep = c->sel < c->n ? c->v[c->sel].id : -1;
	char err[YC_ERRSZ];

	c->stale = 0;
	if (syncstore_conflicts(c->app->st, c->all, &v, &n, err, sizeof err) != 0) {
		tui_error(t, _("无法读取冲突清单：%s"), err);
		return -1;
	}
	syncstore_conflicts_free(c->v, c->n);
	c->v = v;
	c->n = n;
	c->open = 0;
	for (size_t i = 0; i < n; i++)
		if (!v[i].resolved)
			c->open++;
	if (c->sel >= n)
		c->sel = n ? n - 1 : 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].id == keep)
			c->sel = i;
	return 0;
}

/* The event's name as the clerk knows it ("受理"). */
static const char *conflicts_event_label(const struct syncstore_conflict *k)
{
	int e = casefsm_event_from_name(k->event_type);

	return e >= 0 ? casefsm_event_label((enum case_event_type)e) : k->event_type;
}

/* Central's state of the case, or "—" when central gave none (invalid). */
static const char *conflicts_state_label(const struct syncstore_conflict *k)
{
	int s = k->server_state[0] ? casefsm_state_from_name(k->server_state) : -1;

	if (s >= 0)
		return casefsm_state_label((enum case_state)s);
	return k->server_state[0] ? k->server_state : "—";
}

/* When central refused it, in local time ("11-20 09:15"); the stored
 * text when it cannot be read. */
static void conflicts_when(const char *utc, int year, char *buf, size_t bufsz)
{
	struct tm tm;
	time_t when;

	memset(&tm, 0, sizeof tm);
	if (sscanf(utc, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		   &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
		snprintf(buf, bufsz, "%s", utc);
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	when = timegm(&tm);
	localtime_r(&when, &tm);
	strftime(buf, bufsz, year ? "%Y-%m-%d %H:%M" : "%m-%d %H:%M", &tm);
}

/* The status column: 冲突, 无效, or 已处理. */
static const char *conflicts_status_label(const struct syncstore_conflict *k)
{
	if (k->resolved)
		return _("已处理");
	return strcmp(k->status, "conflict") == 0 ? _("冲突") : _("无效");
}

/* Column widths at this terminal width. */
struct conflicts_cols {
	int number, event, state, when, status, reason;
};

static struct conflicts_cols conflicts_columns(const struct tui *t)
{
	struct conflicts_cols w;

	w.number = CONFLICTS_NUMBER_COLS;
	w.event = 12;
	w.state = 10;
	w.when = t->cols >= CONFLICTS_WIDE ? 16 : 11;
	w.status = 6;
	/* x 3 .. cols-1, a space between columns. */
	w.reason = t->cols - 3 - 1 - (w.number + w.event + w.state + w.when + w.status + 5);
	if (w.reason < 12)
		w.reason = 0;	/* too narrow to help: the detail shows it */
	return w;
}

static void conflicts_draw_list(struct tui *t, struct conflicts *c, int y0, int rows)
{
	struct conflicts_cols w = conflicts_columns(t);
	char line[256];
	int x;

	attrset(A_BOLD);
	if (c->all)
		snprintf(line, sizeof line, _("全部冲突 %zu 件，其中未处理 %d 件（F2 只列未处理的）"),
			 c->n, c->open);
	else
		snprintf(line, sizeof line, _("中心拒收的事件：未处理 %d 件（F2 列出全部）"), c->open);
	tui_put(y0, 1, t->cols - 2, line, 0);
	attrset(A_NORMAL);
	attrset(A_UNDERLINE);
	x = 3;
	tui_put(y0 + 1, 1, 2, "", 1);
	tui_put(y0 + 1, x, w.number + 1, _("办件编号"), 1);
	x += w.number + 1;
	tui_put(y0 + 1, x, w.event + 1, _("被拒收的事件"), 1);
	x += w.event + 1;
	tui_put(y0 + 1, x, w.state + 1, _("中心状态"), 1);
	x += w.state + 1;
	tui_put(y0 + 1, x, w.when + 1, _("拒收时间"), 1);
	x += w.when + 1;
	tui_put(y0 + 1, x, w.status + 1, _("状况"), 1);
	x += w.status + 1;
	tui_put(y0 + 1, x, t->cols - 1 - x, w.reason ? _("原因") : "", 1);
	attrset(A_NORMAL);

	c->rows = rows;
	if (c->sel < c->top)
		c->top = c->sel;
	if (rows > 0 && c->sel >= c->top + (size_t)rows)
		c->top = c->sel - (size_t)rows + 1;
	if (c->n == 0) {
		tui_put(y0 + 2, 3, t->cols - 4, c->all ? _("还没有冲突：中心从未拒收本工作站的事件。") :
			_("没有未处理的冲突。中心拒收的事件会列在这里。"), 0);
		return;
	}
	for (int r = 0; r < rows && c->top + (size_t)r < c->n; r++) {
		size_t i = c->top + (size_t)r;
		const struct syncstore_conflict *k = &c->v[i];
		char when[32];
		int y = y0 + 2 + r;

		conflicts_when(k->at, t->cols >= CONFLICTS_WIDE, when, sizeof when);
		if (i == c->sel)
			attrset(A_REVERSE);
		else if (!k->resolved)
			attrset(t->color ? COLOR_PAIR(3) : A_NORMAL);
		x = 3;
		tui_put(y, 1, 2, i == c->sel ? ">" : "", 1);
		cases_put_cut(y, x, w.number + 1, k->case_number);
		x += w.number + 1;
		cases_put_cut(y, x, w.event, conflicts_event_label(k));
		tui_put(y, x + w.event, 1, "", 1);
		x += w.event + 1;
		cases_put_cut(y, x, w.state, conflicts_state_label(k));
		tui_put(y, x + w.state, 1, "", 1);
		x += w.state + 1;
		tui_put(y, x, w.when + 1, when, 1);
		x += w.when + 1;
		tui_put(y, x, w.status + 1, conflicts_status_label(k), 1);
		x += w.status + 1;
		if (w.reason)
			cases_put_cut(y, x, t->cols - 1 - x, k->reason ? k->reason : "");
		attrset(A_NORMAL);
	}
}

/* Below the list: the selected conflict's reason in full, then its
 * resolution or the note being written, then the hint line. */
static void conflicts_draw_detail(struct tui *t, struct conflicts *c, int y)
{
	const struct syncstore_conflict *k = c->n ? &c->v[c->sel] : NULL;
	struct textwrap w;
	char line[512];
	int width = t->cols - 2;

	attrset(A_BOLD);
	tui_put(y, 1, width, k ? _("【拒收原因】") : "", 1);
	attrset(A_NORMAL);
	textwrap_init(&w);
	if (k && textwrap_append(&w, k->reason ? k->reason : "", width - 2, 0) != 0)
		textwrap_free(&w);
	for (int r = 0; r < CONFLICTS_REASON_ROWS; r++) {
		const char *s = (size_t)r < w.n ? w.lines[r] : "";

		if (r == CONFLICTS_REASON_ROWS - 1 && w.n > CONFLICTS_REASON_ROWS)
			cases_put_cut(y + 1 + r, 3, width - 2, s);
		else
			tui_put(y + 1 + r, 3, width - 2, s, 1);
	}
	textwrap_free(&w);
	y += 1 + CONFLICTS_REASON_ROWS;
	if (c->mode != CM_LIST) {
		const char *label = _("处理说明：");
		char buf[CONFLICTS_NOTE_MAX * 4 + 1];
		int lw = utf8_width(label), fieldw = width - lw, col;

		attrset(A_BOLD);
		tui_put(y, 1, lw, label, 0);
		attrset(A_NORMAL);
		col = lineedit_view(&c->note, fieldw, buf, sizeof buf);
		attrset(A_UNDERLINE);
		tui_put(y, 1 + lw, fieldw, buf, 1);
		attrset(A_NORMAL);
		if (c->mode == CM_NOTE)
			mvchgat(y, 1 + lw + col, c->note.cursor < c->note.len &&
				cp_width(c->note.text[c->note.cursor]) == 2 ? 2 : 1, A_REVERSE, 0, NULL);
	} else if (k && k->resolved) {
		snprintf(line, sizeof line, _("已处理：%s"), k->resolution ? k->resolution : "");
		cases_put_cut(y, 1, width, line);
	} else {
		tui_put(y, 1, width, "", 1);
	}
	y++;
	if (c->mode == CM_NOTE) {
		snprintf(line, sizeof line, "%s",
			 _("写明怎样处理的（如：已与申请人联系，按中心的状态办理），Enter 完成，Esc 取消"));
		attrset(A_BOLD);
	} else if (c->mode == CM_CONFIRM) {
		snprintf(line, sizeof line, _("确认办件 %s 的这个冲突已处理？y 确认，n 取消"),
			 k ? k->case_number : "");
		attrset(A_BOLD);
	} else if (c->n) {
		snprintf(line, sizeof line, _("第 %zu 件，共 %zu 件；Enter 打开办件，F4 处理"),
			 c->sel + 1, c->n);
		attrset(A_DIM);
	} else {
		line[0] = '\0';
	}
	tui_put(y, 1, width, line, 0);
	attrset(A_NORMAL);
}

static void conflicts_draw(struct tui *t, struct screen *s)
{
	struct conflicts *c = s->data;
	int y0 = tui_body_top(t), rows = tui_body_rows(t);
	int list = rows - 2 - CONFLICTS_DETAIL_ROWS;

	if (c->stale)
		conflicts_load(t, c);
	conflicts_draw_list(t, c, y0, list);
	conflicts_draw_detail(t, c, y0 + 2 + list);
}

/* Keys that edit the note: 1 when used. */
static int conflicts_edit_key(struct conflicts *c, int key)
{
	switch (key) {
	case TK_SPECIAL | KEY_BACKSPACE:
	case TK_CTRL('h'):
		lineedit_backspace(&c->note);
		return 1;
	case TK_SPECIAL | KEY_DC:
	case TK_CTRL('d'):
		lineedit_delete(&c->note);
		return 1;
	case TK_SPECIAL | KEY_LEFT:
	case TK_CTRL('b'):
		lineedit_left(&c->note);
		return 1;
	case TK_SPECIAL | KEY_RIGHT:
	case TK_CTRL('f'):
		lineedit_right(&c->note);
		return 1;
	case TK_SPECIAL | KEY_HOME:
	case TK_CTRL('a'):
		lineedit_home(&c->note);
		return 1;
	case TK_SPECIAL | KEY_END:
	case TK_CTRL('e'):
		lineedit_end(&c->note);
		return 1;
	case TK_CTRL('k'):
		lineedit_kill_to_end(&c->note);
		return 1;
	case TK_CTRL('u'):
		lineedit_clear(&c->note);
		return 1;
	default:
		if ((key & TK_SPECIAL) || key < 0x20 || key == 0x7F)
			return 0;
		lineedit_insert(&c->note, (uint32_t)key);
		return 1;
	}
}

/* y: marks the selected conflict resolved with the note. */
static void conflicts_resolve(struct tui *t, struct conflicts *c)
{
	const struct syncstore_conflict *k = &c->v[c->sel];
	char note[CONFLICTS_NOTE_MAX * 4 + 1], number[40], err[YC_ERRSZ];
	int rc;

	lineedit_get(&c->note, note, sizeof note);
	snprintf(number, sizeof number, "%s", k->case_number);
	rc = syncstore_conflict_resolve(c->app->st, k->id, c->app->user.name, note,
					err, sizeof err);
	if (rc < 0) {
		tui_error(t, _("未能标记为已处理：%s"), err);
		return;
	}
	lineedit_clear(&c->note);
	conflicts_load(t, c);
	if (rc == 0)
		tui_error(t, _("办件 %s 的这个冲突已经处理过了（可能在另一个窗口）"), number);
	else
		tui_message(t, _("办件 %s 的冲突已处理，说明已记录"), number);
}

/* Keys while the note is written or confirmed. */
static int conflicts_handle_mode(struct tui *t, struct conflicts *c, enum tui_action act,
				 int key)
{
	char note[CONFLICTS_NOTE_MAX * 4 + 1];

	if (c->mode == CM_CONFIRM) {
		if (key == 'y' || key == 'Y') {
			c->mode = CM_LIST;
			conflicts_resolve(t, c);
		} else if (key == 'n' || key == 'N' || act == ACT_BACK) {
			c->mode = CM_NOTE;
			tui_message(t, "%s", _("未标记；可以修改处理说明，或按 Esc 放弃"));
		} else {
			tui_error(t, "%s", _("请按 y 确认冲突已处理，或按 n 取消"));
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key == TK_ESC) {
		c->mode = CM_LIST;
		lineedit_clear(&c->note);
		tui_message(t, "%s", _("未处理"));
	} else if (key == TK_ENTER) {
		lineedit_get(&c->note, note, sizeof note);
		if (!*yc_trim(note))
			tui_error(t, "%s", _("请写明处理说明：怎样处理的、结果如何"));
		else
			c->mode = CM_CONFIRM;
	} else if (act == ACT_HELP || act == ACT_QUIT) {
		return 0;
	} else if (!conflicts_edit_key(c, key)) {
		return 0;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static int conflicts_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct conflicts *c = s->data;
	size_t page = c->rows > 1 ? (size_t)c->rows - 1 : 1;
	const struct syncstore_conflict *k = c->n ? &c->v[c->sel] : NULL;

	if (c->mode != CM_LIST)
		return conflicts_handle_mode(t, c, act, key);
	switch (act) {
	case ACT_UP:
		if (c->sel > 0)
			c->sel--;
		break;
	case ACT_DOWN:
		if (c->sel + 1 < c->n)
			c->sel++;
		break;
	case ACT_PAGE_UP:
		c->sel = c->sel > page ? c->sel - page : 0;
		break;
	case ACT_PAGE_DOWN:
		if (c->n)
			c->sel = c->sel + page < c->n ? c->sel + page : c->n - 1;
		break;
	case ACT_FIRST:
		c->sel = 0;
		break;
	case ACT_LAST:
		c->sel = c->n ? c->n - 1 : 0;
		break;
	case ACT_CONFLICT_ALL:
		c->all = !c->all;
		conflicts_load(t, c);
		break;
	case ACT_SELECT:
	case ACT_CONFLICT_CASE:
		if (!k) {
			tui_error(t, "%s", _("没有冲突，无办件可打开"));
			break;
		}
		/* The view may change the case: read the list again after it. */
		c->stale = 1;
		case_view_open(t, c->app, k->case_number);
		break;
	case ACT_CONFLICT_RESOLVE:
		if (!k) {
			tui_error(t, "%s", _("没有要处理的冲突"));
		} else if (!app_role_may(c->app, CONFLICTS_RESOLVERS)) {
			tui_error(t, _("您的角色（%s）只能查看冲突；请主管或管理员登录后处理"),
				  auth_role_label(c->app->user.role));
		} else if (k->resolved) {
			tui_error(t, _("办件 %s 的这个冲突已经处理过了"), k->case_number);
		} else {
			lineedit_clear(&c->note);
			c->mode = CM_NOTE;
		}
		break;
	default:
		return 0;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static void conflicts_leave(struct tui *t, struct screen *s)
{
	struct conflicts *c = s->data;

	(void)t;
	syncstore_conflicts_free(c->v, c->n);
	free(c);
}

static const struct screen_ops conflicts_screen = {
	.name = "conflicts",
	.title = N_("冲突处理"),
	.keys = conflicts_keys,
	.draw = conflicts_draw,
	.handle = conflicts_handle,
	.leave = conflicts_leave,
};

int conflicts_open(struct tui *t, struct app *app)
{
	struct conflicts *c = calloc(1, sizeof *c);

	if (!c) {
		tui_error(t, "%s", _("内存不足，无法打开冲突清单"));
		return -1;
	}
	c->app = app;
	lineedit_init(&c->note, CONFLICTS_NOTE_MAX);
	if (conflicts_load(t, c) != 0) {
		free(c);
		return -1;
	}
	if (tui_push(t, &conflicts_screen, c) != 0) {
		conflicts_leave(t, &(struct screen){ .ops = &conflicts_screen, .data = c });
		return -1;
	}
	return 0;
}
