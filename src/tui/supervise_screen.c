/*
 * supervise_screen.c — electronic supervision (电子监察, code 81), for
 * supervisors and administrators.
 *
 * The first line gives today's totals of warnings (预警), yellow cards
 * (黄牌) and red cards (红牌) and the warning setting; then the tallies by
 * department and by receiving window side by side (cases open, warnings,
 * yellow, red), then every flagged case, worst first, with its level,
 * the working days left or over and the reasons (补正 notice late, result
 * late at the window, issuing late, 容缺 material overdue, past the
 * promised date) and the day each card was raised: the cases still
 * being worked on first, worst first, the oldest card first.  The cards
 * of ended cases (archived, withdrawn, rejected) are history: F5 (a)
 * lists them too, after the current ones.  F4 (f) shows one department
 * at a time (each in turn, then all again).  The tallies scroll away as
 * the cursor goes down the cases; under the list the selected case's
 * department, item, applicant and state and its reasons in full.  Enter
 * opens the case view; the report is made again when the view is left.
 *
 * The cards are supervise_run's (supervise.h) over backoffice_cases: this
 * screen only shows them.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/backoffice.h"
#include "yichuang/date.h"
#include "yichuang/supervise.h"
#include "yichuang/util.h"
#include "cases.h"
#include "issuing.h"

#define SUP_NUM_COLS 5		/* " 在办" and "%5d" */
#define SUP_WINDOW_COLS 10	/* 370102-01 and a space */
#define SUP_GAP 3

enum sup_row {
	SR_TEXT,		/* index: enum sup_text */
	SR_TALLY,		/* index: the department and window of that line */
	SR_FLAG			/* index: into rep.flags */
};

enum sup_text {
	ST_TALLY_HEAD,
	ST_BLANK,
	ST_FLAG_HEAD,
	ST_FLAG_NONE
};

struct sup_view {
	struct app *app;
	int today;
	int warn;
	struct backoffice_entry *v;
	size_t n;
	struct supervise_case *sc;
	struct supervise_report rep;
	int have_rep;
	struct issuing_list list;
	int stale;
	char **depts;			/* every department with cases, sorted */
	size_t ndepts;
	size_t dept;			/* 0: all; else depts[dept - 1] */
	int closed;			/* list the cards of ended cases too */
};

static const struct tui_binding sup_keys[] = {
	{ TK_SPECIAL | KEY_F(4), ACT_SUP_DEPT },
	{ 'f', ACT_SUP_DEPT },
	{ TK_SPECIAL | KEY_F(5), ACT_SUP_CLOSED },
	{ 'a', ACT_SUP_CLOSED },
	{ TK_SPECIAL | KEY_HOME, ACT_FIRST },
	{ TK_SPECIAL | KEY_END, ACT_LAST },
	{ 'q', ACT_BACK },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

static void sup_free_depts(struct sup_view *s)
{
	for (size_t i = 0; i < s->ndepts; i++)
		free(s->depts[i]);
	free(s->depts);
	s->depts = NULL;
	s->ndepts = 0;
}

static int sup_str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The departments of the cases read, for the filter.  0, or -1. */
static int sup_collect_depts(struct sup_view *s)
{
	char keep[256] = "";

	if (s->dept && s->dept <= s->ndepts)
		snprintf(keep, sizeof keep, "%s", s->depts[s->dept - 1]);
	sup_free_depts(s);
	s->depts = calloc(s->n ? s->n : 1, sizeof *s->depts);
	if (!s->depts)
		return -1;
	for (size_t i = 0; i < s->n; i++) {
		size_t k;

		if (!*s->v[i].department)
			continue;
		for (k = 0; k < s->ndepts && strcmp(s->depts[k], s->v[i].department) != 0; k++)
			;
		if (k < s->ndepts)
			continue;
		s->depts[s->ndepts] = yc_strdup(s->v[i].department);
		if (!s->depts[s->ndepts])
			return -1;
		s->ndepts++;
	}
	if (s->ndepts)
		qsort(s->depts, s->ndepts, sizeof *s->depts, sup_str_cmp);
	/* the same department stays chosen when it still has cases */
	s->dept = 0;
	for (size_t k = 0; keep[0] && k < s->ndepts; k++)
		if (strcmp(s->depts[k], keep) == 0)
			s->dept = k + 1;
	return 0;
}

static void sup_free_data(struct sup_view *s)
{
	if (s->have_rep)
		supervise_report_free(&s->rep);
	memset(&s->rep, 0, sizeof s->rep);
	s->have_rep = 0;
	free(s->sc);
	s->sc = NULL;
	backoffice_entries_free(s->v, s->n);
	s->v = NULL;
	s->n = 0;
}

/* The rows: tallies side by side, then the flagged cases.  0, or -1. */
static int sup_rows(struct sup_view *s)
{
	struct issuing_list *l = &s->list;
	size_t lines = s->rep.ndepartments > s->rep.nwindows ? s->rep.ndepartments : s->rep.nwindows;
	int rc = 0;

	issuing_list_clear(l);
	rc |= issuing_list_add(l, IROW_TEXT, SR_TEXT, ST_TALLY_HEAD, 0);
	for (size_t i = 0; i < lines; i++)
		rc |= issuing_list_add(l, IROW_TEXT, SR_TALLY, i, 0);
	rc |= issuing_list_add(l, IROW_TEXT, SR_TEXT, ST_BLANK, 0);
	rc |= issuing_list_add(l, IROW_TEXT, SR_TEXT, ST_FLAG_HEAD, 0);
	for (size_t i = 0; i < s->rep.nflags; i++)
		rc |= issuing_list_add(l, IROW_ITEM, SR_FLAG, i, 0);
	if (s->rep.nflags == 0)
		rc |= issuing_list_add(l, IROW_TEXT, SR_TEXT, ST_FLAG_NONE, 0);
	return rc;
}

/* Makes the report again, the cursor kept on the same case.  0, or -1
 * with the reason on the message line. */
static int sup_load(struct tui *t, struct sup_view *s)
{
	const struct issuing_row *row = issuing_list_current(&s->list);
	char keep[CASENO_TEXT_MAX] = "", err[YC_ERRSZ];
	struct supervise_filter flt;

	s->stale = 0;
	if (row)
		snprintf(keep, sizeof keep, "%s", s->v[s->rep.flags[row->index].index].number);
	sup_free_data(s);
	issuing_list_clear(&s->list);
	if (backoffice_warn_days(s->app->st, &s->warn, err, sizeof err) != 0) {
		s->warn = BACKOFFICE_WARN_DAYS_DEFAULT;
		tui_error(t, _("%s；按默认的 %d 个工作日预警"), err, s->warn);
	}
	if (backoffice_cases(s->app->st, s->app->cal, 0, NULL, &s->v, &s->n, err, sizeof err) != 0) {
		tui_error(t, _("无法读取办件：%s"), err);
		return -1;
	}
	s->sc = calloc(s->n ? s->n : 1, sizeof *s->sc);
	if (!s->sc) {
		tui_error(t, "%s", _("内存不足，无法生成监察结果"));
		return -1;
	}
	for (size_t i = 0; i < s->n; i++) {
		s->sc[i].number = s->v[i].number;
		s->sc[i].department = s->v[i].department;
		s->sc[i].window = s->v[i].window;
		s->sc[i].fold = &s->v[i].fold;
	}
	if (sup_collect_depts(s) != 0) {
		tui_error(t, "%s", _("内存不足，无法生成监察结果"));
		return -1;
	}
	flt.department = s->dept ? s->depts[s->dept - 1] : NULL;
	flt.include_closed = s->closed;
	if (supervise_run_filtered(s->sc, s->n, s->today, s->warn, s->app->cal, &flt, &s->rep,
				   err, sizeof err) != 0) {
		tui_error(t, _("无法生成监察结果：%s"), err);
		return -1;
	}
	s->have_rep = 1;
	if (sup_rows(s) != 0) {
		tui_error(t, "%s", _("内存不足，监察结果显示不全"));
		return -1;
	}
	issuing_list_select(&s->list, 0);
	for (size_t i = 0; keep[0] && i < s->list.n; i++)
		if (s->list.rows[i].kind == IROW_ITEM &&
		    strcmp(s->v[s->rep.flags[s->list.rows[i].index].index].number, keep) == 0) {
			s->list.sel = i;
			break;
		}
	return 0;
}

/* ---- drawing ------------------------------------------------------------------ */

/* Width of the department names (the windows' table takes the right). */
static int sup_name_cols(const struct tui *t)
{
	int w = t->cols - 2 - (SUP_WINDOW_COLS + 4 * SUP_NUM_COLS) - SUP_GAP - 4 * SUP_NUM_COLS;

	return w < 8 ? 8 : w;
}

/* One tally at x: name in namew columns, then the four counts. */
static void sup_put_tally(int y, int x, int namew, const struct supervise_tally *k)
{
	char nums[64];

	cases_put_cut(y, x, namew, *k->key ? k->key : _("（未知）"));
	snprintf(nums, sizeof nums, "%*d%*d%*d%*d", SUP_NUM_COLS, k->open, SUP_NUM_COLS,
		 k->warnings, SUP_NUM_COLS, k->yellow, SUP_NUM_COLS, k->red);
	tui_put(y, x + namew, 4 * SUP_NUM_COLS, nums, 1);
}

/* The heading of one tally table: title, then the counts' names. */
static void sup_put_tally_head(int y, int x, int namew, const char *title)
{
	const char *cols[] = { N_("在办"), N_("预警"), N_("黄牌"), N_("红牌") };

	tui_put(y, x, namew, title, 1);
	x += namew;
	for (int i = 0; i < 4; i++, x += SUP_NUM_COLS) {
		int w = utf8_width(_(cols[i]));

		tui_put(y, x, SUP_NUM_COLS - w, "", 1);
		tui_put(y, x + SUP_NUM_COLS - w, w, _(cols[i]), 0);
	}
}

/* "超 3 日" / "剩 1 日" / "" (the clock stopped). */
static const char *sup_days(const struct supervise_flag *f, char *buf, size_t bufsz)
{
	if (!f->has_days_left)
		snprintf(buf, bufsz, "%s", "");
	else if (f->days_left < 0)
		snprintf(buf, bufsz, _("超 %d 日"), -f->days_left);
	else
		snprintf(buf, bufsz, _("剩 %d 日"), f->days_left);
	return buf;
}

/* The attribute of a level when not selected. */
static int sup_level_attr(const struct tui *t, enum supervise_level l)
{
	if (l == SUPERVISE_RED)
		return t->color ? (int)(COLOR_PAIR(2) | A_BOLD) : (int)A_BOLD;
	if (l == SUPERVISE_YELLOW)
		return t->color ? (int)(COLOR_PAIR(3) | A_BOLD) : (int)A_NORMAL;
	return A_NORMAL;
}

/* One flagged case: level, number, days left or over, reasons. */
static void sup_draw_flag(struct tui *t, const struct sup_view *s, int y, size_t i, int selected)
{
	const struct supervise_flag *f = &s->rep.flags[i];
	const struct backoffice_entry *e = &s->v[f->index];
	char days[32], text[512], d[16];
	int x = 3, dw = t->cols >= ISSUING_WIDE ? 11 : 6;

	if (selected)
		attrset(A_REVERSE);
	tui_put(y, 1, 2, selected ? ">" : "", 1);
	if (!selected)
		attrset(sup_level_attr(t, f->level));
	tui_put(y, x, 5, supervise_level_label(f->level), 1);
	if (!selected)
		attrset(A_NORMAL);
	x += 5;
	tui_put(y, x, ISSUING_NUMBER_COLS + 1, e->number, 1);
	x += ISSUING_NUMBER_COLS + 1;
	tui_put(y, x, dw, issuing_day(t, f->raised_on, d, sizeof d), 1);
	x += dw;
	if (f->closed)
		snprintf(days, sizeof days, "%s", _("已办结"));
	else
		sup_days(f, days, sizeof days);
	tui_put(y, x, 9, days, 1);
	x += 9;
	cases_put_cut(y, x, t->cols - 1 - x, supervise_status_text(f->status, text, sizeof text));
}

static void sup_draw_row(struct tui *t, int y, const struct issuing_row *row, int selected,
			 void *arg)
{
	const struct sup_view *s = arg;
	int namew = sup_name_cols(t), right = 1 + namew + 4 * SUP_NUM_COLS + SUP_GAP;

	switch (row->type) {
	case SR_TALLY:
		if (row->index < s->rep.ndepartments)
			sup_put_tally(y, 1, namew, &s->rep.by_department[row->index]);
		if (row->index < s->rep.nwindows)
			sup_put_tally(y, right, SUP_WINDOW_COLS, &s->rep.by_window[row->index]);
		break;
	case SR_FLAG:
		sup_draw_flag(t, s, y, row->index, selected);
		break;
	default:
		switch (row->index) {
		case ST_TALLY_HEAD:
			attrset(A_UNDERLINE);
			sup_put_tally_head(y, 1, namew, _("部门"));
			tui_put(y, 1 + namew + 4 * SUP_NUM_COLS, SUP_GAP, "", 1);
			sup_put_tally_head(y, right, SUP_WINDOW_COLS, _("受理窗口"));
			break;
		case ST_FLAG_HEAD: {
			int dw = t->cols >= ISSUING_WIDE ? 11 : 6, x = 8 + ISSUING_NUMBER_COLS + 1;

			attrset(A_UNDERLINE);
			tui_put(y, 1, 2, "", 1);
			tui_put(y, 3, 5, _("等级"), 1);
			tui_put(y, 8, ISSUING_NUMBER_COLS + 1, _("办件编号"), 1);
			tui_put(y, x, dw, _("提出"), 1);
			tui_put(y, x + dw, 9, _("时限"), 1);
			tui_put(y, x + dw + 9, t->cols - 1 - (x + dw + 9), _("原因"), 1);
			break;
		}
		case ST_FLAG_NONE:
			tui_put(y, 3, t->cols - 4, s->dept ? _("该部门今天没有预警、黄牌或红牌的办件")
				: _("今天没有预警、黄牌或红牌的办件"), 0);
			break;
		default:
			break;
		}
		break;
	}
}

static void sup_draw(struct tui *t, struct screen *scr)
{
	struct sup_view *s = scr->data;
	int y0 = tui_body_top(t), rows = tui_body_rows(t);
	const struct issuing_row *row;
	char line[768], day[16], label[128];

	if (s->stale)
		sup_load(t, s);
	if (s->dept)
		snprintf(line, sizeof line, _("%s %s：预警 %d，黄牌 %d，红牌 %d%s"),
			 date_format(s->today, day, sizeof day), s->depts[s->dept - 1],
			 s->rep.warnings, s->rep.yellow, s->rep.red, s->closed ? _("（含已办结）") : "");
	else
		snprintf(line, sizeof line,
			 _("%s 电子监察：预警 %d 件，黄牌 %d 件，红牌 %d 件（预警期 %d 个工作日）%s"),
			 date_format(s->today, day, sizeof day), s->rep.warnings, s->rep.yellow,
			 s->rep.red, s->warn, s->closed ? _("，含已办结") : "");
	attrset(A_BOLD);
	cases_put_cut(y0, 1, t->cols - 2, line);
	attrset(A_NORMAL);
	issuing_list_draw(t, &s->list, y0 + 1, rows - 4, sup_draw_row, s);

	row = issuing_list_current(&s->list);
	if (row) {
		const struct supervise_flag *f = &s->rep.flags[row->index];
		const struct backoffice_entry *e = &s->v[f->index];

		utf8_snprintf(line, sizeof line, _("%s  %s  %s（%s）  受理窗口 %s"),
			      *e->department ? e->department : _("（未知部门）"),
			      cases_item_short(s->app, e->item_code, e->item_name), e->applicant_name,
			      casefsm_fold_label(&e->fold, label, sizeof label), e->window);
		cases_put_cut(y0 + rows - 3, 1, t->cols - 2, line);
		cases_put_cut(y0 + rows - 2, 1, t->cols - 2,
			      supervise_status_text(f->status, line, sizeof line));
		issuing_draw_prompt(t, y0 + rows - 1,
				    _("上下键选择；Enter 办件详情；f 按部门；a 已办结的历史牌"), 0);
	} else {
		issuing_draw_prompt(t, y0 + rows - 1, _("f 按部门；a 已办结的历史牌"), 0);
	}
}

static int sup_handle(struct tui *t, struct screen *scr, enum tui_action act, int key)
{
	struct sup_view *s = scr->data;
	const struct issuing_row *row;

	(void)key;
	if (issuing_list_move(&s->list, act))
		return TUI_HANDLED | TUI_REDRAW;
	if (act == ACT_SUP_DEPT) {
		s->dept = s->ndepts ? (s->dept + 1) % (s->ndepts + 1) : 0;
		sup_load(t, s);
		issuing_list_select(&s->list, 0);
		if (s->dept)
			tui_message(t, _("只看 %s（再按 f 换下一个部门）"), s->depts[s->dept - 1]);
		else
			tui_message(t, "%s", _("全部部门"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (act == ACT_SUP_CLOSED) {
		s->closed = !s->closed;
		sup_load(t, s);
		tui_message(t, "%s", s->closed ? _("已列出已办结办件的历史牌（在当前办件之后）")
			    : _("只列当前办件的牌"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (act != ACT_SELECT)
		return 0;
	row = issuing_list_current(&s->list);
	if (!row) {
		tui_error(t, "%s", _("没有要查看的办件"));
	} else {
		s->stale = 1;
		case_view_open(t, s->app, s->v[s->rep.flags[row->index].index].number);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static void sup_leave(struct tui *t, struct screen *scr)
{
	struct sup_view *s = scr->data;

	(void)t;
	sup_free_data(s);
	sup_free_depts(s);
	issuing_list_free(&s->list);
	free(s);
}

static const struct screen_ops supervise_screen = {
	.name = "supervise",
	.title = N_("电子监察"),
	.keys = sup_keys,
	.draw = sup_draw,
	.handle = sup_handle,
	.leave = sup_leave,
};

int supervise_open(struct tui *t, struct app *app)
{
	struct sup_view *s;

	if (!app_role_may(app, APP_ROLE(ROLE_SUPERVISOR) | APP_ROLE(ROLE_ADMIN))) {
		tui_error(t, _("电子监察：您的角色（%s）不能使用；由监察人员或管理员查看"),
			  auth_role_label(app->user.role));
		return -1;
	}
	s = calloc(1, sizeof *s);
	if (!s) {
		tui_error(t, "%s", _("内存不足，无法打开电子监察"));
		return -1;
	}
	s->app = app;
	s->today = date_today();
	issuing_list_init(&s->list);
	if (sup_load(t, s) != 0 || tui_push(t, &supervise_screen, s) != 0) {
		sup_leave(t, &(struct screen){ .ops = &supervise_screen, .data = s });
		return -1;
	}
	return 0;
}
