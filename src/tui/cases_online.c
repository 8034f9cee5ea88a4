/*
 * cases_online.c — the 网上预受理 worklist (code 23): online applications
 * (source rule 10) that central received and sync brought here, in state
 * received, oldest first, each with its answer deadline (2 working days
 * after receipt) and the working days left or overdue.  Enter opens the
 * pre-check of one (online_check.c).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/casefsm.h"
#include "yichuang/date.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "cases.h"
#include "online.h"

#define ONL_NUMBER_COLS 23	/* 370102-01-261120-0001-X */

/* ---- shared: the received event ------------------------------------------ */

/* The received event's body of a loaded case (NULL when unreadable). */
cJSON *online_received_body(const struct case_record *r)
{
	for (size_t i = 0; i < r->nevents; i++)
		if (r->events[i].type == CASE_EV_RECEIVED)
			return cJSON_Parse(r->events[i].body ? r->events[i].body : "");
	return NULL;
}

const char *online_jtext(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The answer deadline: the body's answer_due, else 2 working days after
 * receipt on the official calendar. */
int online_answer_due(const struct app *app, const cJSON *body, int received_on)
{
	const char *s = online_jtext(body, "answer_due");
	int due = 0;

	if (s && date_parse(s, &due) == 0)
		return due;
	if (workdays_add(app->cal, received_on, ONLINE_ANSWER_DAYS, &due, NULL) != 0)
		due = received_on;
	return due;
}

/* "剩 2 工作日", "今日到期", "超期 1 工作日"; 1 when overdue. */
int online_left_text(const struct app *app, int due, char *buf, size_t bufsz)
{
	int today = date_today(), left = workdays_between(app->cal, today, due, NULL);

	if (due < today) {
		if (left < 0)
			snprintf(buf, bufsz, _("超期 %d 工作日"), -left);
		else
			snprintf(buf, bufsz, "%s", _("已超期"));
		return 1;
	}
	if (due == today)
		snprintf(buf, bufsz, "%s", _("今日到期"));
	else
		snprintf(buf, bufsz, _("剩 %d 工作日"), left);
	return 0;
}

/* ---- the worklist --------------------------------------------------------- */

struct onl_row {
	char number[CASENO_TEXT_MAX];
	char *applicant;
	char *item_code;
	char *item_name;
	int received_on;
	int due;
};

struct onl_list {
	struct app *app;
	struct onl_row *rows;
	size_t n, sel, top;
	int page;
	int stale;			/* a case was decided: read the list again */
};

static const struct tui_binding onl_list_keys[] = {
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

static void onl_rows_free(struct onl_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->rows[i].applicant);
		free(l->rows[i].item_code);
		free(l->rows[i].item_name);
	}
	free(l->rows);
	l->rows = NULL;
	l->n = 0;
}

/* Oldest first; on one day by number. */
static int onl_row_cmp(const void *a, const void *b)
{
	const struct onl_row *x = a, *y = b;

	if (x->received_on != y->received_on)
		return x->received_on < y->received_on ? -1 : 1;
	return strcmp(x->number, y->number);
}

/* Reads the online cases in state received.  0, or -1 (shown). */
static int onl_load(struct tui *t, struct onl_list *l)
{
	struct case_summary *s = NULL;
	size_t ns = 0;
	char err[YC_ERRSZ];
	int rc = 0;

	onl_rows_free(l);
	l->stale = 0;
	if (case_search(l->app->st, CASE_Q_STATE, casefsm_state_name(CASE_RECEIVED), 0, &s, &ns,
			err, sizeof err) != 0) {
		tui_error(t, _("无法读取待预审的办件：%s"), err);
		return -1;
	}
	l->rows = calloc(ns + 1, sizeof *l->rows);
	if (!l->rows) {
		case_summaries_free(s, ns);
		tui_error(t, "%s", _("内存不足，无法列出网上预受理办件"));
		return -1;
	}
	for (size_t i = 0; i < ns && rc == 0; i++) {
		struct case_record r;
		struct onl_row *w;
		cJSON *body;
		const char *ch;

		memset(&r, 0, sizeof r);
		if (case_load(l->app->st, l->app->cal, s[i].number, &r, err, sizeof err) != 1)
			continue;
		body = online_received_body(&r);
		ch = online_jtext(body, "channel");
		if (ch && strcmp(ch, "online") == 0 && r.fold.state == CASE_RECEIVED) {
			w = &l->rows[l->n];
			snprintf(w->number, sizeof w->number, "%s", r.number);
			w->received_on = r.fold.received_on;
			w->due = online_answer_due(l->app, body, w->received_on);
			w->applicant = yc_strdup(r.applicant_name ? r.applicant_name : "");
			w->item_code = yc_strdup(r.item_code ? r.item_code : "");
			w->item_name = yc_strdup(r.item_name ? r.item_name : "");
			l->n++;
			if (!w->applicant || !w->item_code || !w->item_name) {
				tui_error(t, "%s", _("内存不足，无法列出网上预受理办件"));
				rc = -1;
			}
		}
		cJSON_Delete(body);
		case_record_free(&r);
	}
	case_summaries_free(s, ns);
	qsort(l->rows, l->n, sizeof *l->rows, onl_row_cmp);
	if (l->sel >= l->n)
		l->sel = l->n ? l->n - 1 : 0;
	return rc;
}

static void onl_list_draw(struct tui *t, struct screen *s)
{
	struct onl_list *l = s->data;
	int y0 = tui_body_top(t), rows = tui_body_rows(t), y = y0 + 3, x;
	int wide = t->cols >= 100, dayw = wide ? 10 : 5, leftw = 13, rest, itemw, appw;
	char line[256], d1[16], d2[16], left[64];
	size_t overdue = 0;

	if (l->stale) {
		char msg[sizeof t->message];
		int is_error = t->message_is_error;

		snprintf(msg, sizeof msg, "%s", t->message);
		onl_load(t, l);
		snprintf(t->message, sizeof t->message, "%s", msg);
		t->message_is_error = is_error;
	}
	for (size_t i = 0; i < l->n; i++)
		overdue += l->rows[i].due < date_today();
	snprintf(line, sizeof line, _("网上申请待预审 %zu 件，其中超期 %zu 件；收到后 %d 个工作日内答复申请人"),
		 l->n, overdue, ONLINE_ANSWER_DAYS);
	tui_put(y0, 1, t->cols - 2, line, 0);
	attrset(A_DIM);
	tui_put(y0 + 1, 1, t->cols - 2, _("网上已收的材料不再要求申请人提交；最早收到的在前"), 0);
	attrset(A_NORMAL);
	rest = t->cols - 2 - 2 - (ONL_NUMBER_COLS + 1) - 2 * (dayw + 1) - leftw - 1;
	if (rest < 8)
		rest = 8;
	appw = rest / 2;
	itemw = rest - appw - 1;
	attrset(A_BOLD);
	x = 3;
	tui_put(y0 + 2, x, ONL_NUMBER_COLS + 1, _("办件编号"), 1);
	x += ONL_NUMBER_COLS + 1;
	tui_put(y0 + 2, x, appw + 1, _("申请人"), 1);
	x += appw + 1;
	tui_put(y0 + 2, x, itemw + 1, _("事项"), 1);
	x += itemw + 1;
	tui_put(y0 + 2, x, dayw + 1, _("收到"), 1);
	x += dayw + 1;
	tui_put(y0 + 2, x, dayw + 1, wide ? _("答复期限") : _("期限"), 1);
	x += dayw + 1;
	tui_put(y0 + 2, x, leftw, _("剩余"), 0);
	attrset(A_NORMAL);
	l->page = rows - 4;
	if (l->page < 1)
		l->page = 1;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + (size_t)l->page)
		l->top = l->sel - (size_t)l->page + 1;
	for (int r = 0; r < l->page && l->top + (size_t)r < l->n; r++, y++) {
		size_t i = l->top + (size_t)r;
		const struct onl_row *w = &l->rows[i];
		int late = online_left_text(l->app, w->due, left, sizeof left);

		date_format(w->received_on, d1, sizeof d1);
		date_format(w->due, d2, sizeof d2);
		if (i == l->sel)
			attrset(A_REVERSE);
		tui_put(y, 1, 2, i == l->sel ? ">" : "", 1);
		x = 3;
		tui_put(y, x, ONL_NUMBER_COLS + 1, w->number, 1);
		x += ONL_NUMBER_COLS + 1;
		cases_put_cut(y, x, appw, w->applicant);
		tui_put(y, x + appw, 1, "", 1);
		x += appw + 1;
		cases_put_cut(y, x, itemw, cases_item_short(l->app, w->item_code, w->item_name));
		tui_put(y, x + itemw, 1, "", 1);
		x += itemw + 1;
		tui_put(y, x, dayw + 1, wide ? d1 : d1 + 5, 1);
		x += dayw + 1;
		tui_put(y, x, dayw + 1, wide ? d2 : d2 + 5, 1);
		x += dayw + 1;
		if (late)
			attrset(i == l->sel ? A_REVERSE | A_BOLD : A_BOLD);
		tui_put(y, x, t->cols - 1 - x, left, 1);
		attrset(A_NORMAL);
	}
	if (l->n > 0)
		snprintf(line, sizeof line, _("第 %zu 件，共 %zu 件；上下键选择，Enter 打开预审"),
			 l->sel + 1, l->n);
	else
		snprintf(line, sizeof line, "%s", _("没有待预审的网上申请；同步后新的申请会列在这里"));
	attrset(A_DIM);
	tui_put(y0 + rows - 1, 1, t->cols - 2, line, 0);
	attrset(A_NORMAL);
}

static int onl_list_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct onl_list *l = s->data;

	(void)key;
	switch (act) {
	case ACT_UP:
		if (l->sel > 0)
			l->sel--;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_DOWN:
		if (l->sel + 1 < l->n)
			l->sel++;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_PAGE_UP:
		l->sel = l->sel > (size_t)l->page ? l->sel - (size_t)l->page : 0;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_PAGE_DOWN:
		l->sel += (size_t)l->page;
		if (l->sel >= l->n)
			l->sel = l->n ? l->n - 1 : 0;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_SELECT:
		if (l->n == 0)
			tui_error(t, "%s", _("没有待预审的网上申请"));
		else
			online_check_open(t, l->app, &l->stale, l->rows[l->sel].number);
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return 0;
	}
}

static void onl_list_leave(struct tui *t, struct screen *s)
{
	struct onl_list *l = s->data;

	(void)t;
	onl_rows_free(l);
	free(l);
}

static const struct screen_ops onl_list_screen = {
	.name = "online-list",
	.title = N_("网上预受理"),
	.keys = onl_list_keys,
	.draw = onl_list_draw,
	.handle = onl_list_handle,
	.leave = onl_list_leave,
};

int online_open(struct tui *t, struct app *app)
{
	struct onl_list *l = calloc(1, sizeof *l);

	if (!l) {
		tui_error(t, "%s", _("内存不足，无法打开网上预受理"));
		return -1;
	}
	l->app = app;
	if (onl_load(t, l) != 0 || tui_push(t, &onl_list_screen, l) != 0) {
		onl_rows_free(l);
		free(l);
		return -1;
	}
	if (l->n > 0)
		tui_message(t, _("待预审 %zu 件；上下键选择，Enter 打开"), l->n);
	return 0;
}
