/*
 * queue.c — the local queue screen (取号叫号, transaction code 11): a
 * counter clerk's view of today's tickets, working offline against the
 * workstation database.
 *
 * It shows the ticket called at this window (and that calling the next
 * marks it served), how many wait per class, the next tickets in the
 * order they are called, and today's skipped ones.  The clerk takes a
 * ticket for a walk-in (普通, or 优先 with its reason: 老年人, 残疾人, 孕妇,
 * 病患), calls the next ticket (priority class first, then the oldest; the
 * ticket called before is marked served), recalls the current ticket,
 * marks it skipped (过号) after a y/n confirmation, or puts a skipped
 * ticket back in its place when its holder comes after all (重排).  The window number is the
 * terminal setting "window" when set, else the terminal number; the clerk
 * is the logged-in user; the queue day is date_today().
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/casestore.h"
#include "yichuang/date.h"
#include "yichuang/lineedit.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "app.h"

#define QUEUE_SHOWN 12		/* tickets listed per line at most */

/* What the screen is waiting for. */
enum queue_mode {
	QMODE_NORMAL = 0,
	QMODE_TAKE,		/* the class of a new ticket: 1..5 */
	QMODE_CONFIRM_SKIP,	/* y / n */
	QMODE_REQUEUE		/* the number of a skipped ticket to put back */
};

struct queue_view {
	struct app *app;
	int window;
	int day;
	enum queue_mode mode;
	int has_current;
	struct queue_ticket current;
	int normal, priority;	/* waiting today */
	struct queue_ticket next[QUEUE_SHOWN];	/* the next ones called */
	size_t nnext;
	struct queue_ticket skipped[QUEUE_SHOWN];	/* skipped today */
	size_t nskipped;
	struct lineedit number;	/* QMODE_REQUEUE */
};

static const struct tui_binding queue_keys[] = {
	{ TK_SPECIAL | KEY_F(2), ACT_QUEUE_TAKE },
	{ 't', ACT_QUEUE_TAKE },
	{ TK_SPECIAL | KEY_F(3), ACT_QUEUE_CALL },
	{ 'n', ACT_QUEUE_CALL },
	{ TK_SPECIAL | KEY_F(4), ACT_QUEUE_RECALL },
	{ 'r', ACT_QUEUE_RECALL },
	{ TK_SPECIAL | KEY_F(5), ACT_QUEUE_SKIP },
	{ 's', ACT_QUEUE_SKIP },
	{ TK_SPECIAL | KEY_F(6), ACT_QUEUE_REQUEUE },
	{ 'u', ACT_QUEUE_REQUEUE },
	{ 'q', ACT_BACK },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

/* The kinds in the order the take prompt offers them (keys 1..5). */
static const enum queue_kind queue_take_kinds[] = {
	QUEUE_GENERAL, QUEUE_ELDERLY, QUEUE_DISABLED, QUEUE_PREGNANT, QUEUE_SICK
};
#define NKINDS (sizeof queue_take_kinds / sizeof queue_take_kinds[0])

/* The kind as the clerk says it. */
static const char *queue_kind_label(enum queue_kind k)
{
	switch (k) {
	case QUEUE_GENERAL:
		return _("普通");
	case QUEUE_ELDERLY:
		return _("老年人");
	case QUEUE_DISABLED:
		return _("残疾人");
	case QUEUE_PREGNANT:
		return _("孕妇");
	case QUEUE_SICK:
		return _("病患");
	}
	return "";
}

/* "普通" or "优先·老年人" into buf; returns buf. */
static const char *queue_class_text(const struct queue_ticket *tk, char *buf, size_t bufsz)
{
	if (tk->cls == QUEUE_PRIORITY)
		snprintf(buf, bufsz, _("优先·%s"), queue_kind_label(tk->kind));
	else
		snprintf(buf, bufsz, "%s", queue_kind_label(QUEUE_GENERAL));
	return buf;
}

/* The window this terminal calls to: the setting "window" (1..99) when
 * the store has one, else the terminal number.  A bad setting is told on
 * the message line and the terminal number is used. */
static int queue_window(struct tui *t, struct app *app)
{
	char buf[16];
	char *end;
	long w;

	if (store_setting_get(app->st, "window", buf, sizeof buf) != 1)
		return app->terminal;
	w = strtol(buf, &end, 10);
	if (end == buf || *end != '\0' || w < 1 || w > 99) {
		tui_error(t, _("终端设置 window 的值“%s”无效（应为 1-99 的窗口号），"
			       "改用终端号 %d 作为窗口号"), buf, app->terminal);
		return app->terminal;
	}
	return (int)w;
}

/* Reads the current ticket and the waiting counts again.  0 or -1 (the
 * reason on the message line). */
static int queue_refresh(struct tui *t, struct queue_view *v)
{
	char err[YC_ERRSZ];
	int rc;

	rc = queue_current(v->app->st, v->window, &v->current, err, sizeof err);
	if (rc < 0) {
		tui_error(t, _("读取本窗口当前的号失败：%s"), err);
		return -1;
	}
	v->has_current = rc == 1;
	if (queue_waiting_count(v->app->st, v->day, &v->normal, &v->priority,
				err, sizeof err) != 0 ||
	    queue_list(v->app->st, v->day, QUEUE_WAITING, v->next, QUEUE_SHOWN, &v->nnext,
		       err, sizeof err) != 0 ||
	    queue_list(v->app->st, v->day, QUEUE_SKIPPED, v->skipped, QUEUE_SHOWN, &v->nskipped,
		       err, sizeof err) != 0) {
		tui_error(t, _("统计等候人数失败：%s"), err);
		return -1;
	}
	return 0;
}

/* "P001 A002 A003 …": the numbers of tickets, as many as fit width. */
static void queue_numbers(const struct queue_ticket *tk, size_t n, int more, int width,
			  char *buf, size_t bufsz)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if ((int)(o + strlen(tk[i].number) + 3) > width) {
			more = 1;
			break;
		}
		o += (size_t)snprintf(buf + o, bufsz - o, "%s%s", o ? " " : "", tk[i].number);
		if (o >= bufsz)
			return;
	}
	if (more && o + 4 < bufsz)
		snprintf(buf + o, bufsz - o, " …");
}

static void queue_draw(struct tui *t, struct screen *s)
{
	struct queue_view *v = s->data;
	int y = tui_body_top(t) + 1, x = 2, w = t->cols - 4;
	int bottom = tui_body_top(t) + tui_body_rows(t) - 1;
	char line[512], cls[64], day[16], nums[256];

	snprintf(line, sizeof line, _("%s 排队   本窗口：%d 号窗口   经办人：%s"),
		 date_format(v->day, day, sizeof day), v->window, v->app->user.name);
	tui_put(y, x, w, line, 0);
	y += 2;
	attrset(A_BOLD);
	tui_put(y, x, 12, _("当前号"), 1);
	attrset(A_NORMAL);
	if (v->has_current) {
		attrset(A_BOLD);
		tui_put(y, x + 12, 8, v->current.number, 1);
		attrset(A_NORMAL);
		snprintf(line, sizeof line, _("%s   已呼叫 %d 次"),
			 queue_class_text(&v->current, cls, sizeof cls), v->current.calls);
		tui_put(y, x + 20, w - 20, line, 0);
		/* what the next call does to it, said before it is done */
		snprintf(line, sizeof line, _("叫下一位（F3）时 %s 号记为已办结；没到窗口的请先过号（F5）"),
			 v->current.number);
		attrset(A_DIM);
		tui_put(y + 1, x + 12, w - 12, line, 0);
		attrset(A_NORMAL);
	} else {
		tui_put(y, x + 12, w - 12, _("无（按 F3 或 n 叫下一位）"), 0);
	}
	y += 3;
	attrset(A_BOLD);
	tui_put(y, x, 12, _("等候人数"), 1);
	attrset(A_NORMAL);
	snprintf(line, sizeof line, _("优先 %d   普通 %d   合计 %d"),
		 v->priority, v->normal, v->priority + v->normal);
	tui_put(y, x + 12, w - 12, line, 0);
	y++;
	tui_put(y, x + 12, w - 12, _("优先：老年人、残疾人、孕妇、病患"), 0);
	y += 2;
	attrset(A_BOLD);
	tui_put(y, x, 12, _("叫号顺序"), 1);
	attrset(A_NORMAL);
	if (v->nnext > 0) {
		queue_numbers(v->next, v->nnext, v->priority + v->normal > (int)v->nnext, w - 12,
			      nums, sizeof nums);
		tui_put(y, x + 12, w - 12, nums, 0);
	} else {
		tui_put(y, x + 12, w - 12, _("无人等候"), 0);
	}
	y++;
	tui_put(y, x + 12, w - 12, _("优先号先叫，同类按取号先后"), 0);
	y += 2;
	attrset(A_BOLD);
	tui_put(y, x, 12, _("已过号"), 1);
	attrset(A_NORMAL);
	if (v->nskipped > 0) {
		queue_numbers(v->skipped, v->nskipped, 0, w - 12, nums, sizeof nums);
		tui_put(y, x + 12, w - 12, nums, 0);
		tui_put(y + 1, x + 12, w - 12, _("过号的人回来了：按 F6 或 u 按原位次重新排队"), 0);
	} else {
		tui_put(y, x + 12, w - 12, _("无"), 0);
	}
	y += 3;
	tui_put(y, x, w, _("F2 t 取号  F3 n 叫下一位  F4 r 重呼  F5 s 过号  F6 u 重排  Esc 返回"), 0);

	/* The question being asked, on the last body row. */
	if (v->mode == QMODE_TAKE) {
		size_t o = 0;

		o += (size_t)snprintf(line, sizeof line, "%s", _("取号类别："));
		for (size_t i = 0; i < NKINDS && o < sizeof line; i++)
			o += (size_t)snprintf(line + o, sizeof line - o, "%zu %s  ", i + 1,
					      queue_kind_label(queue_take_kinds[i]));
		if (o < sizeof line)
			snprintf(line + o, sizeof line - o, _("（2-%zu 优先）  Esc 取消"), NKINDS);
		attrset(A_REVERSE);
		tui_put(bottom, x, w, line, 0);
		attrset(A_NORMAL);
	} else if (v->mode == QMODE_CONFIRM_SKIP && v->has_current) {
		snprintf(line, sizeof line, _("确认 %s 号过号（未到窗口）？y 确认，n 取消"),
			 v->current.number);
		attrset(A_REVERSE);
		tui_put(bottom, x, w, line, 0);
		attrset(A_NORMAL);
	} else if (v->mode == QMODE_REQUEUE) {
		const char *label = _("重新排队的过号号码（Enter 确认，Esc 取消）：");
		int lw = utf8_width(label), col;

		attrset(A_REVERSE);
		tui_put(bottom, x, lw, label, 0);
		attrset(A_NORMAL);
		col = lineedit_view(&v->number, 8, nums, sizeof nums);
		attrset(A_UNDERLINE);
		tui_put(bottom, x + lw, 8, nums, 1);
		attrset(A_NORMAL);
		tui_cursor_at(bottom, x + lw + col);
	}
}

/* Takes a ticket of kind k for a walk-in and says its number and how many
 * are called before it. */
static void queue_do_take(struct tui *t, struct queue_view *v, enum queue_kind k)
{
	struct queue_ticket tk;
	char err[YC_ERRSZ], cls[64];
	int ahead;

	if (queue_take(v->app->st, v->day, k, &tk, err, sizeof err) != 0) {
		tui_error(t, _("取号失败：%s"), err);
		return;
	}
	if (queue_refresh(t, v) != 0)
		return;
	/* Priority tickets wait only for earlier priority tickets. */
	ahead = tk.cls == QUEUE_PRIORITY ? v->priority - 1 : v->priority + v->normal - 1;
	tui_message(t, _("已取号 %s（%s），前面还有 %d 人等候"), tk.number,
		    queue_class_text(&tk, cls, sizeof cls), ahead < 0 ? 0 : ahead);
}

/* Calls the next ticket; the one called before is served. */
static void queue_do_call(struct tui *t, struct queue_view *v)
{
	struct queue_ticket tk;
	char err[YC_ERRSZ], before[16] = "", cls[64];
	int rc;

	if (v->has_current)
		snprintf(before, sizeof before, "%s", v->current.number);
	rc = queue_call_next(v->app->st, v->day, v->window, v->app->user.name, &tk,
			     err, sizeof err);
	if (rc < 0) {
		tui_error(t, _("叫号失败：%s"), err);
		return;
	}
	if (queue_refresh(t, v) != 0)
		return;
	if (rc == 0) {
		if (before[0])
			tui_message(t, _("%s 号已办结；没有等候的号，无人可叫"), before);
		else
			tui_message(t, "%s", _("没有等候的号，无人可叫"));
		return;
	}
	if (before[0])
		tui_message(t, _("%s 号已办结；请 %s 号到 %d 号窗口（%s）"), before, tk.number,
			    v->window, queue_class_text(&tk, cls, sizeof cls));
	else
		tui_message(t, _("请 %s 号到 %d 号窗口（%s）"), tk.number, v->window,
			    queue_class_text(&tk, cls, sizeof cls));
}

/* Calls the current ticket again. */
static void queue_do_recall(struct tui *t, struct queue_view *v)
{
	struct queue_ticket tk;
	char err[YC_ERRSZ];
	int rc = queue_recall(v->app->st, v->window, &tk, err, sizeof err);

	if (rc < 0) {
		tui_error(t, _("重呼失败：%s"), err);
		return;
	}
	if (queue_refresh(t, v) != 0)
		return;
	if (rc == 0) {
		tui_error(t, "%s", _("本窗口当前没有叫到的号，无法重呼；按 F3 或 n 叫下一位"));
		return;
	}
	tui_message(t, _("请 %s 号到 %d 号窗口（第 %d 次呼叫）"), tk.number, v->window, tk.calls);
}

/* Marks the current ticket skipped (the clerk confirmed). */
static void queue_do_skip(struct tui *t, struct queue_view *v)
{
	char err[YC_ERRSZ], number[16];
	int rc;

	snprintf(number, sizeof number, "%s", v->current.number);
	rc = queue_skip(v->app->st, v->window, err, sizeof err);
	if (rc < 0) {
		tui_error(t, _("过号失败：%s"), err);
		return;
	}
	if (queue_refresh(t, v) != 0)
		return;
	if (rc == 0)
		tui_error(t, "%s", _("本窗口当前没有叫到的号，无需过号"));
	else
		tui_message(t, _("%s 号已过号（未到窗口）；按 F3 或 n 叫下一位"), number);
}

/* Puts the skipped ticket typed back in the queue. */
static void queue_do_requeue(struct tui *t, struct queue_view *v)
{
	struct queue_ticket tk;
	char err[YC_ERRSZ], number[32];
	int rc;

	lineedit_get(&v->number, number, sizeof number);
	rc = queue_requeue(v->app->st, v->day, yc_trim(number), &tk, err, sizeof err);
	if (rc < 0) {
		tui_error(t, _("重新排队失败：%s"), err);
		return;
	}
	if (queue_refresh(t, v) != 0)
		return;
	if (rc == 0)
		tui_error(t, _("今天没有过号的 %s 号；已过号的见“已过号”一行"), yc_trim(number));
	else
		tui_message(t, _("%s 号已按原位次重新排队"), tk.number);
}

/* A key while the number of a skipped ticket is typed. */
static int queue_handle_requeue(struct tui *t, struct queue_view *v, enum tui_action act, int key)
{
	if (key == TK_ENTER) {
		v->mode = QMODE_NORMAL;
		queue_do_requeue(t, v);
	} else if (act == ACT_BACK) {
		v->mode = QMODE_NORMAL;
		tui_message(t, "%s", _("未重新排队"));
	} else if (act == ACT_QUIT || act == ACT_HELP) {
		return 0;
	} else if (key == (TK_SPECIAL | KEY_BACKSPACE) || key == TK_CTRL('h')) {
		lineedit_backspace(&v->number);
	} else if (key == TK_CTRL('u')) {
		lineedit_clear(&v->number);
	} else if (!(key & TK_SPECIAL) && key > 0x20 && key < 0x7F) {
		lineedit_insert(&v->number, (uint32_t)key);
	} else {
		tui_error(t, "%s", _("请输入过号的号码（如 A003）后按 Enter，或按 Esc 取消"));
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* A key while the take prompt is open. */
static int queue_handle_take(struct tui *t, struct queue_view *v, enum tui_action act, int key)
{
	if (key >= '1' && key < '1' + (int)NKINDS) {
		v->mode = QMODE_NORMAL;
		queue_do_take(t, v, queue_take_kinds[key - '1']);
	} else if (act == ACT_BACK) {
		v->mode = QMODE_NORMAL;
		tui_message(t, "%s", _("已取消取号"));
	} else if (act == ACT_QUIT || act == ACT_HELP) {
		return 0;
	} else {
		tui_error(t, _("请按 1-%zu 选择取号类别，或按 Esc 取消"), NKINDS);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* A key while the skip confirmation is open. */
static int queue_handle_confirm(struct tui *t, struct queue_view *v, enum tui_action act, int key)
{
	if (key == 'y' || key == 'Y') {
		v->mode = QMODE_NORMAL;
		queue_do_skip(t, v);
	} else if (key == 'n' || key == 'N' || act == ACT_BACK) {
		v->mode = QMODE_NORMAL;
		tui_message(t, _("未过号，%s 号仍在本窗口"), v->current.number);
	} else if (act == ACT_QUIT || act == ACT_HELP) {
		return 0;
	} else {
		tui_error(t, _("请按 y 确认 %s 号过号，或按 n 取消"), v->current.number);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static int queue_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct queue_view *v = s->data;

	if (v->mode == QMODE_TAKE)
		return queue_handle_take(t, v, act, key);
	if (v->mode == QMODE_CONFIRM_SKIP)
		return queue_handle_confirm(t, v, act, key);
	if (v->mode == QMODE_REQUEUE)
		return queue_handle_requeue(t, v, act, key);
	switch (act) {
	case ACT_QUEUE_TAKE:
		v->mode = QMODE_TAKE;
		tui_message(t, "%s", _("取号：请选择类别"));
		break;
	case ACT_QUEUE_CALL:
		queue_do_call(t, v);
		break;
	case ACT_QUEUE_RECALL:
		queue_do_recall(t, v);
		break;
	case ACT_QUEUE_SKIP:
		if (queue_refresh(t, v) != 0)
			break;
		if (!v->has_current) {
			tui_error(t, "%s", _("本窗口当前没有叫到的号，无需过号"));
			break;
		}
		v->mode = QMODE_CONFIRM_SKIP;
		tui_message(t, _("过号：请确认 %s 号未到窗口"), v->current.number);
		break;
	case ACT_QUEUE_REQUEUE:
		if (queue_refresh(t, v) != 0)
			break;
		if (v->nskipped == 0) {
			tui_error(t, "%s", _("今天没有过号的号，无需重新排队"));
			break;
		}
		v->mode = QMODE_REQUEUE;
		lineedit_init(&v->number, 8);
		if (v->nskipped == 1)	/* the only one: typed already */
			lineedit_set(&v->number, v->skipped[0].number);
		tui_message(t, "%s", _("过号的人回来了：输入其号码后按 Enter"));
		break;
	default:
		return 0;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static void queue_leave(struct tui *t, struct screen *s)
{
	(void)t;
	free(s->data);
}

static const struct tui_key_help queue_help[] = {
	{ TK_ESC, N_("返回主菜单（选择类别、确认时：取消）") },
	{ 'q', N_("返回主菜单") },
	{ TK_SPECIAL | KEY_UP, TUI_KEY_UNUSED },
	{ TK_SPECIAL | KEY_DOWN, TUI_KEY_UNUSED },
	{ TK_SPECIAL | KEY_PPAGE, TUI_KEY_UNUSED },
	{ TK_SPECIAL | KEY_NPAGE, TUI_KEY_UNUSED },
	{ TK_ENTER, N_("确认输入的过号号码（重排时）") },
	{ 0, NULL }
};

static const struct screen_ops queue_screen = {
	.name = "queue",
	.title = N_("取号叫号"),
	.keys = queue_keys,
	.draw = queue_draw,
	.handle = queue_handle,
	.leave = queue_leave,
	.key_help = queue_help,
};

int queue_open(struct tui *t, struct app *app)
{
	struct queue_view *v = calloc(1, sizeof *v);

	if (!v) {
		tui_error(t, "%s", _("内存不足，无法打开取号叫号"));
		return -1;
	}
	v->app = app;
	v->day = date_today();
	v->window = queue_window(t, app);
	if (queue_refresh(t, v) != 0 || tui_push(t, &queue_screen, v) != 0) {
		free(v);
		return -1;
	}
	return 0;
}
