/*
 * backoffice.c — 材料交接 (transaction code 51): the list screen.
 *
 * A counter clerk sees the accepted cases (承诺件) not yet in a register,
 * grouped by the department that decides them, each with its promised
 * date and deadline; Space picks a case, F2 makes a materials register
 * (材料交接单) of the picked cases (one department) after a y/n
 * confirmation and opens it to be signed (backoffice_register.c).  F3
 * shows the registers instead: those not yet received, then all, then
 * the cases again.
 *
 * An approver sees the registers sent to their department and waiting
 * for receipt (F3: all the department's registers); Enter opens one to
 * check it and sign for it.
 *
 *   Space      pick or unpick the case (clerk)
 *   F2 c       make a register of the picked cases (clerk)
 *   F3 l       cases / registers waiting / all registers
 *   Enter      open the case view (a case) or the register
 *   Home End   first, last;  q Esc  back
 *
 * The list is read again whenever the screen comes back from a register
 * (it may have been signed) or after a register was made.
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

#define HO_NUMBER_COLS 23	/* 370102-01-261120-0001-X */
#define HO_MAX_PICK 256

enum ho_view {
	HO_CASES = 0,		/* the clerk's cases to hand over */
	HO_WAITING,		/* registers not yet received */
	HO_ALL			/* every register */
};

/* One row of the case list: a department's heading or a case. */
struct ho_row {
	int heading;
	size_t idx;		/* into cases (the first case of a heading) */
};

struct handover {
	struct app *app;
	int approver;		/* the approver's view: registers only */
	enum ho_view view;
	int stale;		/* read the lists again before drawing */
	int warn_days;
	struct backoffice_entry *cases;
	size_t ncases;
	unsigned char *picked;
	struct ho_row *rows;
	size_t nrows;
	struct register_summary *regs;
	size_t nregs;
	size_t sel, top;	/* sel: a row of the current list */
	int page;
	int confirm;		/* the y/n of making a register */
	char dept[256];		/* the department of the picked cases */
	size_t npicked;
};

static const struct tui_binding ho_keys[] = {
	{ ' ', ACT_TOGGLE },
	{ TK_SPECIAL | KEY_F(2), ACT_BO_CREATE },
	{ 'c', ACT_BO_CREATE },
	{ TK_SPECIAL | KEY_F(3), ACT_BO_REGISTERS },
	{ 'l', ACT_BO_REGISTERS },
	{ TK_SPECIAL | KEY_HOME, ACT_FIRST },
	{ TK_SPECIAL | KEY_END, ACT_LAST },
	{ 'q', ACT_BACK },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

/* The approver's: registers only. */
static const struct tui_binding ho_approver_keys[] = {
	{ TK_SPECIAL | KEY_F(3), ACT_BO_REGISTERS },
	{ 'l', ACT_BO_REGISTERS },
	{ TK_SPECIAL | KEY_HOME, ACT_FIRST },
	{ TK_SPECIAL | KEY_END, ACT_LAST },
	{ 'q', ACT_BACK },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

/* ---- reading ------------------------------------------------------------ */

static void ho_free_lists(struct handover *h)
{
	backoffice_entries_free(h->cases, h->ncases);
	free(h->picked);
	free(h->rows);
	register_summaries_free(h->regs, h->nregs);
	h->cases = NULL;
	h->picked = NULL;
	h->rows = NULL;
	h->regs = NULL;
	h->ncases = h->nrows = h->nregs = 0;
}

/* 1 when case `number` is listed in one of the registers not yet
 * received (numbers: the case numbers of those registers). */
static int ho_in(const char *number, char **numbers, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(numbers[i], number) == 0)
			return 1;
	return 0;
}

/* The case numbers of every materials register not yet received, into
 * *out (free each and the array).  0 or -1 with err. */
static int ho_pending_cases(struct handover *h, char ***out, size_t *n, char *err, size_t errsz)
{
	struct register_summary *v = NULL;
	size_t nv = 0, k = 0, cap = 0;
	char **numbers = NULL;
	int ret = 0;

	*out = NULL;
	*n = 0;
	if (register_list(h->app->st, REGISTER_MATERIALS, NULL, &v, &nv, err, errsz) != 0)
		return -1;
	for (size_t i = 0; i < nv && ret == 0; i++) {
		struct register_info r;

		if (v[i].state == REGISTER_RECEIVED)
			continue;
		if (register_load(h->app->st, v[i].number, &r, err, errsz) != 1) {
			ret = -1;
			break;
		}
		for (size_t c = 0; c < r.ncases && ret == 0; c++) {
			if (k == cap) {
				size_t ncap = cap ? cap * 2 : 16;
				char **nn = realloc(numbers, ncap * sizeof *nn);

				if (!nn) {
					ret = yc_seterr(err, errsz, "%s", _("内存不足"));
					break;
				}
				numbers = nn;
				cap = ncap;
			}
			numbers[k] = yc_strdup(r.cases[c].number);
			if (!numbers[k])
				ret = yc_seterr(err, errsz, "%s", _("内存不足"));
			else
				k++;
		}
		register_info_free(&r);
	}
	register_summaries_free(v, nv);
	*out = numbers;
	*n = k;
	return ret;
}

/* By department, then promised date, then number. */
static int ho_case_cmp(const void *a, const void *b)
{
	const struct backoffice_entry *x = a, *y = b;
	int c = strcmp(x->department, y->department);

	if (c)
		return c;
	if (x->fold.promised_on != y->fold.promised_on)
		return x->fold.promised_on < y->fold.promised_on ? -1 : 1;
	return strcmp(x->number, y->number);
}

/* The clerk's cases: accepted 承诺件 in no register not yet received,
 * grouped by department.  0 or -1 with the reason on the message line. */
static int ho_load_cases(struct tui *t, struct handover *h)
{
	char err[YC_ERRSZ], **pending = NULL;
	size_t npending = 0, k = 0;

	if (backoffice_cases(h->app->st, h->app->cal, 1u << CASE_ACCEPTED, NULL, &h->cases,
			     &h->ncases, err, sizeof err) != 0 ||
	    ho_pending_cases(h, &pending, &npending, err, sizeof err) != 0) {
		tui_error(t, _("读取待交接的办件失败：%s"), err);
		for (size_t i = 0; i < npending; i++)
			free(pending[i]);
		free(pending);
		return -1;
	}
	for (size_t i = 0; i < h->ncases; i++) {
		struct backoffice_entry *e = &h->cases[i];

		if (e->fold.instant || ho_in(e->number, pending, npending)) {
			free(e->item_code);
			free(e->item_name);
			free(e->applicant_name);
			free(e->department);
			continue;
		}
		h->cases[k++] = *e;
	}
	h->ncases = k;
	for (size_t i = 0; i < npending; i++)
		free(pending[i]);
	free(pending);
	if (h->ncases)
		qsort(h->cases, h->ncases, sizeof *h->cases, ho_case_cmp);
	h->picked = calloc(h->ncases ? h->ncases : 1, 1);
	h->rows = calloc(h->ncases * 2 + 1, sizeof *h->rows);
	if (!h->picked || !h->rows) {
		tui_error(t, "%s", _("内存不足，无法列出待交接的办件"));
		return -1;
	}
	for (size_t i = 0; i < h->ncases; i++) {
		if (i == 0 || strcmp(h->cases[i].department, h->cases[i - 1].department) != 0)
			h->rows[h->nrows++] = (struct ho_row){ 1, i };
		h->rows[h->nrows++] = (struct ho_row){ 0, i };
	}
	return 0;
}

/* The registers of the view: the approver's department only; waiting:
 * not yet received. */
static int ho_load_registers(struct tui *t, struct handover *h)
{
	char err[YC_ERRSZ];
	size_t k = 0;

	if (register_list(h->app->st, REGISTER_MATERIALS,
			  h->approver ? h->app->user.department : NULL, &h->regs, &h->nregs,
			  err, sizeof err) != 0) {
		tui_error(t, _("读取交接单失败：%s"), err);
		return -1;
	}
	for (size_t i = 0; i < h->nregs; i++) {
		int keep = h->view == HO_ALL ||
			   (h->approver ? h->regs[i].state == REGISTER_SENT ||
			    h->regs[i].state == REGISTER_RECEIVING
			    : h->regs[i].state != REGISTER_RECEIVED);

		if (keep) {
			h->regs[k++] = h->regs[i];
		} else {
			register_summary_clear(&h->regs[i]);
		}
	}
	h->nregs = k;
	return 0;
}

/* Reads the list of the current view; keeps the selection in range. */
static int ho_load(struct tui *t, struct handover *h)
{
	int rc;

	ho_free_lists(h);
	h->stale = 0;
	h->npicked = 0;
	h->dept[0] = '\0';
	rc = h->view == HO_CASES ? ho_load_cases(t, h) : ho_load_registers(t, h);
	if (h->view == HO_CASES) {
		if (h->sel >= h->nrows)
			h->sel = h->nrows ? h->nrows - 1 : 0;
		while (h->sel < h->nrows && h->rows[h->sel].heading)
			h->sel++;
	} else if (h->sel >= h->nregs) {
		h->sel = h->nregs ? h->nregs - 1 : 0;
	}
	return rc;
}

static size_t ho_count(const struct handover *h)
{
	return h->view == HO_CASES ? h->nrows : h->nregs;
}

/* ---- drawing ------------------------------------------------------------ */

/* "11-23" (or with the year on wide terminals); "" for none. */
static const char *ho_day(const struct tui *t, int day, char *buf, size_t bufsz)
{
	char d[16];

	if (day <= 0)
		buf[0] = '\0';
	else if (t->cols >= 100)
		snprintf(buf, bufsz, "%s", date_format(day, d, sizeof d));
	else
		snprintf(buf, bufsz, "%s", date_format(day, d, sizeof d) + 5);
	return buf;
}

/* The clerk's cases under their departments' headings, from row y0. */
static void ho_draw_cases(struct tui *t, struct handover *h, int y0, int rows)
{
	int dw = t->cols >= 100 ? 10 : 5;
	int xi = 42, wi = t->cols - 1 - xi - (dw + 1) - 14;
	char line[512], d[16], left[32];
	int today = date_today();

	attrset(A_BOLD);
	tui_put(y0, 1, t->cols - 2, "", 1);
	tui_put(y0, 7, HO_NUMBER_COLS, _("办件编号"), 1);
	tui_put(y0, 31, 10, _("申请人"), 1);
	tui_put(y0, xi, wi, _("事项"), 1);
	tui_put(y0, xi + wi + 1, dw, _("到期"), 1);
	tui_put(y0, xi + wi + 2 + dw, 13, _("时限"), 1);
	attrset(A_NORMAL);
	if (h->nrows == 0) {
		tui_put(y0 + 2, 3, t->cols - 6, _("没有待交接的办件：已受理的承诺件都已列入交接单。"), 0);
		return;
	}
	for (int r = 0; r < rows && h->top + (size_t)r < h->nrows; r++) {
		const struct ho_row *row = &h->rows[h->top + (size_t)r];
		const struct backoffice_entry *e = &h->cases[row->idx];
		int y = y0 + 1 + r, sel = h->top + (size_t)r == h->sel;
		struct bo_deadline dl;

		if (row->heading) {
			size_t n = 0;

			for (size_t i = row->idx; i < h->ncases &&
			     strcmp(h->cases[i].department, e->department) == 0; i++)
				n++;
			snprintf(line, sizeof line, _("【%s】 %zu 件"),
				 *e->department ? e->department : _("未知部门（事项不在本机目录中）"), n);
			attrset(A_BOLD);
			tui_put(y, 1, t->cols - 2, line, 1);
			attrset(A_NORMAL);
			continue;
		}
		bo_deadline(&e->fold, today, h->warn_days, h->app->cal, &dl);
		if (sel)
			attrset(A_REVERSE);
		tui_put(y, 1, 2, sel ? ">" : "", 1);
		tui_put(y, 3, 4, h->picked[row->idx] ? "[x]" : "[ ]", 1);
		tui_put(y, 7, HO_NUMBER_COLS + 1, e->number, 1);
		cases_put_cut(y, 31, 10, e->applicant_name);
		tui_put(y, 41, 1, "", 1);
		cases_put_cut(y, xi, wi, cases_item_short(h->app, e->item_code, e->item_name));
		tui_put(y, xi + wi, 1, "", 1);
		tui_put(y, xi + wi + 1, dw + 1, ho_day(t, e->fold.promised_on, d, sizeof d), 1);
		if (!sel)
			bo_level_attr(t, dl.level);
		snprintf(line, sizeof line, "%s%s%s", bo_left_text(&e->fold, &dl, left, sizeof left),
			 dl.level != SUPERVISE_OK ? " " : "",
			 dl.level != SUPERVISE_OK ? supervise_level_label(dl.level) : "");
		tui_put(y, xi + wi + 2 + dw, t->cols - 1 - (xi + wi + 2 + dw), line, 1);
		attrset(A_NORMAL);
	}
}

/* The registers of the view, one a row, from row y0. */
static void ho_draw_registers(struct tui *t, struct handover *h, int y0, int rows)
{
	char line[512], d[16];
	int dw = t->cols >= 100 ? 12 : 6;	/* ho_day: whole date when wide */

	attrset(A_BOLD);
	tui_put(y0, 1, t->cols - 2, "", 1);
	tui_put(y0, 3, 27, _("交接单编号"), 1);
	tui_put(y0, 31, 13, _("状态"), 1);
	tui_put(y0, 44, 7, _("件数"), 1);
	tui_put(y0, 51, 8, _("差异"), 1);
	tui_put(y0, 59, dw, _("日期"), 1);
	tui_put(y0, 59 + dw, t->cols - 60 - dw, _("部门"), 1);
	attrset(A_NORMAL);
	if (h->nregs == 0) {
		tui_put(y0 + 2, 3, t->cols - 6, h->approver ? _("没有待本部门签收的材料交接单。")
			: _("没有交接单。"), 0);
		return;
	}
	for (int r = 0; r < rows && h->top + (size_t)r < h->nregs; r++) {
		const struct register_summary *g = &h->regs[h->top + (size_t)r];
		int y = y0 + 1 + r, sel = h->top + (size_t)r == h->sel;

		if (sel)
			attrset(A_REVERSE);
		tui_put(y, 1, 2, sel ? ">" : "", 1);
		tui_put(y, 3, 28, g->number, 1);
		tui_put(y, 31, 13, register_state_label(g->state), 1);
		snprintf(line, sizeof line, _("%d 件"), g->ncases);
		tui_put(y, 44, 7, line, 1);
		/* a receipt that found materials missing says so here */
		if (g->ndiscrepancies) {
			snprintf(line, sizeof line, _("缺 %d 项"), g->ndiscrepancies);
			if (!sel)
				attrset(t->color ? COLOR_PAIR(3) | A_BOLD : A_BOLD);
		} else {
			line[0] = '\0';
		}
		tui_put(y, 51, 8, line, 1);
		attrset(sel ? A_REVERSE : A_NORMAL);
		tui_put(y, 59, dw, ho_day(t, g->day, d, sizeof d), 1);
		cases_put_cut(y, 59 + dw, t->cols - 60 - dw, g->department);
		attrset(A_NORMAL);
	}
}

/* The line saying what is listed, the list, and the footer or the y/n. */
static void ho_draw(struct tui *t, struct screen *s)
{
	struct handover *h = s->data;
	int y0 = tui_body_top(t), rows = tui_body_rows(t) - 3;
	char line[512];

	if (h->stale)
		ho_load(t, h);
	h->page = rows;
	/* keep the selection in view, with its department's heading */
	if (h->sel < h->top)
		h->top = h->sel > 0 && h->view == HO_CASES && h->rows[h->sel - 1].heading ?
			 h->sel - 1 : h->sel;
	if (h->sel >= h->top + (size_t)rows)
		h->top = h->sel - (size_t)rows + 1;
	if (h->view == HO_CASES)
		snprintf(line, sizeof line, "%s",
			 _("已受理、待交接到审批部门的办件（按部门）：空格勾选，F2 组单，F3 看交接单"));
	else if (h->approver)
		snprintf(line, sizeof line, "%s", h->view == HO_WAITING ?
			 _("送交本部门、待签收的材料交接单：Enter 打开核对签收；F3 列出全部") :
			 _("本部门的全部材料交接单：Enter 打开；F3 只列待签收的"));
	else
		snprintf(line, sizeof line, "%s", h->view == HO_WAITING ?
			 _("尚未签收的材料交接单：Enter 打开签名；F3 列出全部") :
			 _("全部材料交接单：Enter 打开；F3 回到待交接的办件"));
	tui_put(y0, 1, t->cols - 2, line, 0);
	if (h->view == HO_CASES)
		ho_draw_cases(t, h, y0 + 1, rows);
	else
		ho_draw_registers(t, h, y0 + 1, rows);
	if (h->confirm) {
		snprintf(line, sizeof line, _("为“%s”制作材料交接单，共 %zu 件？y 制作，n 取消"),
			 h->dept, h->npicked);
		bo_draw_question(t, line);
		return;
	}
	if (h->view == HO_CASES && h->npicked)
		snprintf(line, sizeof line, _("已勾选 %zu 件（%s）；F2 组单"), h->npicked, h->dept);
	else if (h->view == HO_CASES)
		snprintf(line, sizeof line, _("共 %zu 件待交接；上下键选择，空格勾选，Enter 查看办件"),
			 h->ncases);
	else
		snprintf(line, sizeof line, _("共 %zu 张；上下键选择，Enter 打开"), h->nregs);
	attrset(A_DIM);
	tui_put(y0 + rows + 1, 1, t->cols - 2, line, 0);
	attrset(A_NORMAL);
}

/* ---- acting ------------------------------------------------------------- */

/* Space: picks or unpicks the case of the row; the picked cases must be
 * of one department. */
static void ho_pick(struct tui *t, struct handover *h)
{
	const struct ho_row *row;
	const struct backoffice_entry *e;

	if (h->view != HO_CASES || h->nrows == 0) {
		tui_error(t, "%s", _("只有待交接的办件可以勾选：按 F3 回到办件列表"));
		return;
	}
	row = &h->rows[h->sel];
	e = &h->cases[row->idx];
	if (h->picked[row->idx]) {
		h->picked[row->idx] = 0;
		h->npicked--;
		if (h->npicked == 0)
			h->dept[0] = '\0';
	} else if (!*e->department) {
		tui_error(t, _("办件 %s 的事项不在本机目录中，无法确定审批部门，不能交接"), e->number);
		return;
	} else if (h->npicked && strcmp(h->dept, e->department) != 0) {
		tui_error(t, _("一张交接单只送一个部门：已勾选的是%s的办件"), h->dept);
		return;
	} else if (h->npicked >= HO_MAX_PICK) {
		tui_error(t, _("一张交接单最多列 %d 个办件"), HO_MAX_PICK);
		return;
	} else {
		h->picked[row->idx] = 1;
		h->npicked++;
		snprintf(h->dept, sizeof h->dept, "%s", e->department);
	}
	/* on to the next case, so a run of cases is picked key by key */
	for (size_t i = h->sel + 1; i < h->nrows; i++)
		if (!h->rows[i].heading) {
			h->sel = i;
			break;
		}
}

/* y: makes the register of the picked cases and opens it. */
static void ho_create(struct tui *t, struct handover *h)
{
	const char *refs[HO_MAX_PICK];
	char err[YC_ERRSZ], number[REGISTER_NUMBER_MAX];
	size_t n = 0;

	for (size_t i = 0; i < h->ncases && n < HO_MAX_PICK; i++)
		if (h->picked[i])
			refs[n++] = h->cases[i].number;
	if (register_create(h->app->st, h->app->cal, REGISTER_MATERIALS, h->dept, refs, n,
			    h->app->user.name, date_today(), number, err, sizeof err) != 0) {
		tui_error(t, _("未能制作交接单：%s"), err);
		return;
	}
	h->stale = 1;
	if (bo_register_open(t, h->app, number) == 0)
		tui_message(t, _("%s %s 已制作，共 %zu 件：核对后按 F8 以移交方签名"),
			    register_kind_label(REGISTER_MATERIALS), number, n);
}

/* Moves the selection by act; in the case list it never rests on a
 * department's heading. */
static void ho_move(struct handover *h, enum tui_action act)
{
	size_t n = ho_count(h), page = h->page > 1 ? (size_t)h->page - 1 : 1;
	size_t s = h->sel;

	if (n == 0)
		return;
	switch (act) {
	case ACT_UP:
		s = s > 0 ? s - 1 : 0;
		break;
	case ACT_DOWN:
		s = s + 1 < n ? s + 1 : n - 1;
		break;
	case ACT_PAGE_UP:
		s = s > page ? s - page : 0;
		break;
	case ACT_PAGE_DOWN:
		s = s + page < n ? s + page : n - 1;
		break;
	case ACT_FIRST:
		s = 0;
		break;
	default:
		s = n - 1;
		break;
	}
	if (h->view == HO_CASES && h->rows[s].heading) {
		/* never rest on a heading: past it the way the cursor moved */
		int up = act == ACT_UP || act == ACT_PAGE_UP;
		size_t k = s;

		if (up) {
			while (k > 0 && h->rows[k].heading)
				k--;
			if (h->rows[k].heading)
				up = 0;
		}
		if (!up) {
			k = s;
			while (k + 1 < n && h->rows[k].heading)
				k++;
		}
		if (!h->rows[k].heading)
			s = k;
		else
			s = h->sel;
	}
	h->sel = s;
}

/* The y/n of making a register first, then the list's keys. */
static int ho_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct handover *h = s->data;

	if (h->confirm) {
		if (key == 'y' || key == 'Y') {
			h->confirm = 0;
			ho_create(t, h);
		} else if (key == 'n' || key == 'N' || act == ACT_BACK) {
			h->confirm = 0;
			tui_message(t, "%s", _("未制作交接单，勾选保留"));
		} else if (act == ACT_HELP || act == ACT_QUIT) {
			return 0;
		} else {
			tui_error(t, "%s", _("请按 y 制作交接单，或按 n 取消"));
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	switch (act) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_FIRST:
	case ACT_LAST:
		ho_move(h, act);
		break;
	case ACT_TOGGLE:
		ho_pick(t, h);
		break;
	case ACT_BO_CREATE:
		if (h->view != HO_CASES) {
			tui_error(t, "%s", h->approver ? _("交接单由综合受理窗口制作；审批人在这里核对签收")
				  : _("请先按 F3 回到待交接的办件，勾选后再组单"));
		} else if (h->npicked == 0) {
			tui_error(t, "%s", _("请先用空格勾选要交接的办件（同一部门）"));
		} else {
			h->confirm = 1;
		}
		break;
	case ACT_BO_REGISTERS:
		if (h->approver)
			h->view = h->view == HO_WAITING ? HO_ALL : HO_WAITING;
		else
			h->view = h->view == HO_CASES ? HO_WAITING :
				  h->view == HO_WAITING ? HO_ALL : HO_CASES;
		h->sel = h->top = 0;
		ho_load(t, h);
		break;
	case ACT_SELECT:
		if (h->view == HO_CASES && h->nrows) {
			h->stale = 1;
			case_view_open(t, h->app, h->cases[h->rows[h->sel].idx].number);
		} else if (h->view != HO_CASES && h->nregs) {
			h->stale = 1;
			bo_register_open(t, h->app, h->regs[h->sel].number);
		} else {
			tui_error(t, "%s", _("列表是空的，没有可打开的"));
		}
		break;
	default:
		return 0;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static void ho_leave(struct tui *t, struct screen *s)
{
	struct handover *h = s->data;

	(void)t;
	ho_free_lists(h);
	free(h);
}

static const struct screen_ops ho_screen = {
	.name = "handover",
	.title = N_("材料交接"),
	.keys = ho_keys,
	.draw = ho_draw,
	.handle = ho_handle,
	.leave = ho_leave,
};

static const struct screen_ops ho_approver_screen = {
	.name = "handover-receive",
	.title = N_("材料交接"),
	.keys = ho_approver_keys,
	.draw = ho_draw,
	.handle = ho_handle,
	.leave = ho_leave,
};

int handover_open(struct tui *t, struct app *app)
{
	struct handover *h;

	if (app->user.role == ROLE_APPROVER && !app->user.department[0]) {
		tui_error(t, _("用户“%s”没有所属部门，不能签收材料交接单；请管理员设置部门"),
			  app->user.name);
		return -1;
	}
	h = calloc(1, sizeof *h);
	if (!h) {
		tui_error(t, "%s", _("内存不足，无法打开材料交接"));
		return -1;
	}
	h->app = app;
	h->approver = app->user.role == ROLE_APPROVER;
	h->view = h->approver ? HO_WAITING : HO_CASES;
	h->warn_days = bo_warn_days(t, app);
	if (ho_load(t, h) != 0 ||
	    tui_push(t, h->approver ? &ho_approver_screen : &ho_screen, h) != 0) {
		ho_free_lists(h);
		free(h);
		return -1;
	}
	return 0;
}
