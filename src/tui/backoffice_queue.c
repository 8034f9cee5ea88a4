/*
 * backoffice_queue.c — 审批 (transaction code 61): the approver's queue.
 *
 * The queue (backoffice_queue: the approver's department only) lists the
 * cases accepted and waiting for hand-over, under review, in 特别程序 and
 * decided but not yet at the issuing window, by promised date, each with
 * its working days left and its deadline state (预警, 黄牌, 红牌 as
 * supervise.h has them; red in colour, bold without).  Enter opens the
 * approval panel (backoffice_approval.c), F3 the case view (cases_view.c).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/backoffice.h"
#include "yichuang/date.h"
#include "yichuang/util.h"
#include "backoffice.h"
#include "cases.h"

#define AP_NUMBER_COLS 23

/* ---- the queue ------------------------------------------------------------ */

struct approval {
	struct app *app;
	struct backoffice_entry *v;
	size_t n;
	size_t sel, top;
	int page;
	int warn_days;
	int stale;		/* read again before drawing (back from a case) */
};

static const struct tui_binding aq_keys[] = {
	{ TK_SPECIAL | KEY_F(3), ACT_TIMELINE },
	{ 't', ACT_TIMELINE },
	{ TK_SPECIAL | KEY_HOME, ACT_FIRST },
	{ TK_SPECIAL | KEY_END, ACT_LAST },
	{ 'q', ACT_BACK },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

/* Reads the queue; the selection stays on the same case when it can. */
static int aq_load(struct tui *t, struct approval *q)
{
	char err[YC_ERRSZ], keep[CASENO_TEXT_MAX] = "";

	if (q->n && q->sel < q->n)
		snprintf(keep, sizeof keep, "%s", q->v[q->sel].number);
	backoffice_entries_free(q->v, q->n);
	q->v = NULL;
	q->n = 0;
	q->stale = 0;
	if (backoffice_queue(q->app->st, q->app->cal, q->app->user.name, &q->v, &q->n,
			     err, sizeof err) != 0) {
		tui_error(t, "%s", err);
		return -1;
	}
	for (size_t i = 0; keep[0] && i < q->n; i++)
		if (strcmp(q->v[i].number, keep) == 0)
			q->sel = i;
	if (q->sel >= q->n)
		q->sel = q->n ? q->n - 1 : 0;
	return 0;
}

/* The department's counts, the column heads, the cases and the footer;
 * each case's days left and card in its level's attribute. */
static void aq_draw(struct tui *t, struct screen *s)
{
	struct approval *q = s->data;
	int y0 = tui_body_top(t), rows = tui_body_rows(t) - 3, today = date_today();
	int dw = tui_col(t->cols >= 100 ? 10 : 5, _("到期")), xa = 3 + AP_NUMBER_COLS + 1;
	int wa = tui_col(8, _("申请人")), xi = xa + wa + 1, ws = tui_col(10, _("状态"));
	int wl = 7, wv = 4;
	int wi = t->cols - 1 - xi - 1 - ws - 1 - dw - 1 - wl - 1 - wv;
	int red = 0, yellow = 0, warn = 0;
	char line[512], d[16], left[32];

	if (q->stale)
		aq_load(t, q);
	q->page = rows;
	if (q->sel < q->top)
		q->top = q->sel;
	if (q->sel >= q->top + (size_t)rows)
		q->top = q->sel - (size_t)rows + 1;
	for (size_t i = 0; i < q->n; i++) {
		struct bo_deadline dl;

		bo_deadline(&q->v[i].fold, today, q->warn_days, q->app->cal, &dl);
		/* "11d over" and its card stay apart */
		if (utf8_width(bo_left_text(&q->v[i].fold, &dl, left, sizeof left)) > wl)
			wl = utf8_width(left);
		red += dl.level == SUPERVISE_RED;
		yellow += dl.level == SUPERVISE_YELLOW;
		warn += dl.level == SUPERVISE_WARNING;
	}
	wi = t->cols - 1 - xi - 1 - ws - 1 - dw - 1 - wl - 1 - wv;
	snprintf(line, sizeof line, _("%s：%zu 件待办，红牌 %d、黄牌 %d、预警 %d"),
		 q->app->user.department, q->n, red, yellow, warn);
	cases_put_cut(y0, 1, t->cols - 2, line);
	attrset(A_BOLD);
	tui_put(y0 + 1, 1, t->cols - 2, "", 1);
	tui_put(y0 + 1, 3, AP_NUMBER_COLS, _("办件编号"), 1);
	tui_put(y0 + 1, xa, wa, _("申请人"), 1);
	tui_put(y0 + 1, xi, wi, _("事项"), 1);
	tui_put(y0 + 1, xi + wi + 1, ws, _("状态"), 1);
	tui_put(y0 + 1, xi + wi + ws + 2, dw, _("到期"), 1);
	tui_put(y0 + 1, xi + wi + ws + dw + 3, wl + 1 + wv, _("时限"), 1);
	attrset(A_NORMAL);
	if (q->n == 0)
		tui_put(y0 + 3, 3, t->cols - 6, _("本部门没有待审批的办件。"), 0);
	for (int r = 0; r < rows && q->top + (size_t)r < q->n; r++) {
		const struct backoffice_entry *e = &q->v[q->top + (size_t)r];
		int y = y0 + 2 + r, sel = q->top + (size_t)r == q->sel, x;
		struct bo_deadline dl;

		bo_deadline(&e->fold, today, q->warn_days, q->app->cal, &dl);
		if (sel)
			attrset(A_REVERSE);
		tui_put(y, 1, 2, sel ? ">" : "", 1);
		tui_put(y, 3, AP_NUMBER_COLS + 1, e->number, 1);
		cases_put_cut(y, xa, wa, e->applicant_name);
		tui_put(y, xa + wa, 1, "", 1);
		cases_put_cut(y, xi, wi, cases_item_short(q->app, e->item_code, e->item_name));
		x = xi + wi;
		tui_put(y, x, 1, "", 1);
		cases_put_cut(y, x + 1, ws, casefsm_state_label(e->fold.state));
		x += ws + 1;
		tui_put(y, x, 1, "", 1);
		if (e->fold.promised_on)
			snprintf(d, sizeof d, "%s", date_format(e->fold.promised_on, line, sizeof line) +
				 (dw == 5 ? 5 : 0));
		else
			d[0] = '\0';
		tui_put(y, x + 1, dw + 1, d, 1);
		x += dw + 2;
		if (!sel)
			bo_level_attr(t, dl.level);
		tui_put(y, x, wl + 1, bo_left_text(&e->fold, &dl, left, sizeof left), 1);
		tui_put(y, x + wl + 1, t->cols - 1 - (x + wl + 1),
			dl.level != SUPERVISE_OK ? supervise_level_label(dl.level) : "", 1);
		attrset(A_NORMAL);
	}
	if (q->n)
		snprintf(line, sizeof line, _("第 %zu 件，共 %zu 件；Enter 审批办理，F3 查看办件，Esc 返回"),
			 q->sel + 1, q->n);
	else
		snprintf(line, sizeof line, "%s", _("材料交接（51）签收后的办件会列在这里"));
	attrset(A_DIM);
	tui_put(y0 + rows + 2, 1, t->cols - 2, line, 0);
	attrset(A_NORMAL);
}

/* Moving, Enter (the panel) and F3 (the case view). */
static int aq_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct approval *q = s->data;
	size_t page = q->page > 1 ? (size_t)q->page - 1 : 1;

	(void)key;
	switch (act) {
	case ACT_UP:
		if (q->sel > 0)
			q->sel--;
		break;
	case ACT_DOWN:
		if (q->sel + 1 < q->n)
			q->sel++;
		break;
	case ACT_PAGE_UP:
		q->sel = q->sel > page ? q->sel - page : 0;
		break;
	case ACT_PAGE_DOWN:
		q->sel = q->sel + page < q->n ? q->sel + page : q->n ? q->n - 1 : 0;
		break;
	case ACT_FIRST:
		q->sel = 0;
		break;
	case ACT_LAST:
		q->sel = q->n ? q->n - 1 : 0;
		break;
	case ACT_SELECT:
	case ACT_TIMELINE:
		if (q->n == 0) {
			tui_error(t, "%s", _("队列是空的：本部门没有待审批的办件"));
			break;
		}
		q->stale = 1;
		if (act == ACT_SELECT)
			ap_panel_open(t, q->app, q->v[q->sel].number, q->warn_days);
		else
			case_view_open(t, q->app, q->v[q->sel].number);
		break;
	default:
		return 0;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static void aq_leave(struct tui *t, struct screen *s)
{
	struct approval *q = s->data;

	(void)t;
	backoffice_entries_free(q->v, q->n);
	free(q);
}

static const struct screen_ops aq_screen = {
	.name = "approval",
	.title = N_("审批"),
	.keys = aq_keys,
	.draw = aq_draw,
	.handle = aq_handle,
	.leave = aq_leave,
};

int approval_open(struct tui *t, struct app *app)
{
	struct approval *q = calloc(1, sizeof *q);

	if (!q) {
		tui_error(t, "%s", _("内存不足，无法打开审批"));
		return -1;
	}
	q->app = app;
	q->warn_days = bo_warn_days(t, app);
	if (aq_load(t, q) != 0 || tui_push(t, &aq_screen, q) != 0) {
		backoffice_entries_free(q->v, q->n);
		free(q);
		return -1;
	}
	return 0;
}
