/*
 * issuing.c — the result hand-over screen (办理结果交接, code 71).
 *
 * An approver of a department sees the department's decided cases that
 * are not yet at the issuing window and in no register, ticks them
 * (Space; F2 with none ticked takes the case under the cursor) and F2
 * makes a 办理结果交接单 of them and signs it as sender, after y.  Below,
 * the department's registers not yet received; F2 on one still unsigned
 * signs it.
 *
 * An issuer sees the registers sent and waiting, oldest first, each with
 * its cases; F2 on a register (or on one of its cases) signs it as
 * receiver, after y: the store writes result_handed_over on every case.
 *
 * Both sides see, per case, the day of the decision and the day the
 * result is due at the window (one working day later); a case past it is
 * flagged 超时 with the working days over, and the store records the
 * hand-over as late.  Enter opens the case view.  The signer is the user
 * logged in here (no password asked again); the register's day is today.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/backoffice.h"
#include "yichuang/date.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "cases.h"
#include "issuing.h"

/* What a row shows. */
enum results_row {
	RR_TEXT,		/* index: enum results_text */
	RR_CASE,		/* index: into cases (the approver's picks) */
	RR_REG,			/* index: into regs */
	RR_REG_CASE		/* index: into regs, sub: the register's case */
};

enum results_text {
	RT_PICK,		/* heading of the approver's cases */
	RT_PICK_NONE,
	RT_REGS,		/* heading of the registers */
	RT_REGS_NONE,
	RT_BLANK
};

struct results_reg {
	struct register_info info;
	int late;		/* cases flagged late today */
};

enum results_mode {
	RM_LIST = 0,
	RM_CONFIRM		/* y / n */
};

#define RESULTS_NEW ((size_t)-1)	/* confirming a new register */

struct results {
	struct app *app;
	int issuer;			/* 1: the issuing window receives */
	int today;
	struct backoffice_entry *cases;	/* decided (and, for the issuer, ready) */
	size_t ncases;
	unsigned char *ticked;		/* per case (approver) */
	size_t npick;			/* cases the approver may hand over */
	struct results_reg *regs;
	size_t nregs;
	struct issuing_list list;
	enum results_mode mode;
	size_t confirm;			/* register being signed, or RESULTS_NEW */
	int stale;			/* read everything again before drawing */
};

static const struct tui_binding results_keys[] = {
	{ TK_SPECIAL | KEY_F(2), ACT_RESULTS_SIGN },
	{ 's', ACT_RESULTS_SIGN },
	{ ' ', ACT_TOGGLE },
	{ TK_SPECIAL | KEY_HOME, ACT_FIRST },
	{ TK_SPECIAL | KEY_END, ACT_LAST },
	{ 'q', ACT_BACK },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

/* ---- data ------------------------------------------------------------------ */

static void results_free_data(struct results *r)
{
	backoffice_entries_free(r->cases, r->ncases);
	free(r->ticked);
	for (size_t i = 0; i < r->nregs; i++)
		register_info_free(&r->regs[i].info);
	free(r->regs);
	r->cases = NULL;
	r->ticked = NULL;
	r->regs = NULL;
	r->ncases = r->nregs = r->npick = 0;
}

/* The loaded entry of case `number`, NULL when not loaded. */
static const struct backoffice_entry *results_entry(const struct results *r, const char *number)
{
	for (size_t i = 0; i < r->ncases; i++)
		if (strcmp(r->cases[i].number, number) == 0)
			return &r->cases[i];
	return NULL;
}

/* Working days the result is (or was, when it reached the window) past
 * the day it was due at the window; 0 when in time. */
static int results_late_days(const struct results *r, const struct case_fold *f)
{
	unsigned st = casefsm_deadline_status(f, r->today, 0, r->app->cal);
	int d;

	if (!(st & CASE_DL_RESULT_LATE))
		return 0;
	d = workdays_between(r->app->cal, f->result_due_on, f->ready_on ? f->ready_on : r->today,
			     NULL);
	return d > 0 ? d : 1;
}

/* 1 when case `number` is in a register loaded in r. */
static int results_in_register(const struct results *r, const char *number)
{
	for (size_t i = 0; i < r->nregs; i++)
		for (size_t k = 0; k < r->regs[i].info.ncases; k++)
			if (strcmp(r->regs[i].info.cases[k].number, number) == 0)
				return 1;
	return 0;
}

/* The identity of the cursor's row, to find it again after a reload. */
static void results_row_key(const struct results *r, char *buf, size_t bufsz)
{
	const struct issuing_row *row = issuing_list_current(&r->list);

	buf[0] = '\0';
	if (!row)
		return;
	if (row->type == RR_CASE)
		snprintf(buf, bufsz, "%s", r->cases[row->index].number);
	else if (row->type == RR_REG)
		snprintf(buf, bufsz, "%s", r->regs[row->index].info.number);
	else if (row->type == RR_REG_CASE)
		snprintf(buf, bufsz, "%s", r->regs[row->index].info.cases[row->sub].number);
}

/* 1 when row is the one results_row_key named `key`. */
static int results_row_is(const struct results *r, const struct issuing_row *row, const char *key)
{
	if (row->type == RR_CASE)
		return strcmp(r->cases[row->index].number, key) == 0;
	if (row->type == RR_REG)
		return strcmp(r->regs[row->index].info.number, key) == 0;
	if (row->type == RR_REG_CASE)
		return strcmp(r->regs[row->index].info.cases[row->sub].number, key) == 0;
	return 0;
}

/* The rows: the approver's cases, then the registers (with their cases
 * for the issuer). */
static int results_rows(struct results *r)
{
	struct issuing_list *l = &r->list;
	int rc = 0;

	issuing_list_clear(l);
	if (!r->issuer) {
		rc |= issuing_list_add(l, IROW_TEXT, RR_TEXT, RT_PICK, 0);
		for (size_t i = 0; i < r->ncases; i++)
			if (r->ticked[i] != 2)
				rc |= issuing_list_add(l, IROW_ITEM, RR_CASE, i, 0);
		if (r->npick == 0)
			rc |= issuing_list_add(l, IROW_TEXT, RR_TEXT, RT_PICK_NONE, 0);
		rc |= issuing_list_add(l, IROW_TEXT, RR_TEXT, RT_BLANK, 0);
	}
	rc |= issuing_list_add(l, IROW_TEXT, RR_TEXT, RT_REGS, 0);
	for (size_t i = 0; i < r->nregs; i++) {
		rc |= issuing_list_add(l, IROW_ITEM, RR_REG, i, 0);
		for (size_t k = 0; r->issuer && k < r->regs[i].info.ncases; k++)
			rc |= issuing_list_add(l, IROW_ITEM, RR_REG_CASE, i, k);
	}
	if (r->nregs == 0)
		rc |= issuing_list_add(l, IROW_TEXT, RR_TEXT, RT_REGS_NONE, 0);
	return rc;
}

/* Reads the cases and registers again, keeping the ticks and the cursor.
 * 0, or -1 with the reason on the message line. */
static int results_load(struct tui *t, struct results *r)
{
	struct app *app = r->app;
	const char *dept = r->issuer ? NULL : app->user.department;
	unsigned states = 1u << CASE_DECIDED | (r->issuer ? 1u << CASE_READY : 0);
	struct register_summary *sum = NULL;
	size_t nsum = 0, nticks = 0;
	char err[YC_ERRSZ], key[REGISTER_NUMBER_MAX + CASENO_TEXT_MAX];
	char (*ticks)[CASENO_TEXT_MAX] = NULL;

	r->stale = 0;
	results_row_key(r, key, sizeof key);
	for (size_t i = 0; i < r->ncases; i++)
		nticks += r->ticked[i] == 1;
	if (nticks) {
		ticks = calloc(nticks, sizeof *ticks);
		if (!ticks) {
			tui_error(t, "%s", _("内存不足，无法读取结果交接清单"));
			return -1;
		}
		nticks = 0;
		for (size_t i = 0; i < r->ncases; i++)
			if (r->ticked[i] == 1)
				snprintf(ticks[nticks++], CASENO_TEXT_MAX, "%s", r->cases[i].number);
	}
	results_free_data(r);
	issuing_list_clear(&r->list);
	if (backoffice_cases(app->st, app->cal, states, dept, &r->cases, &r->ncases,
			     err, sizeof err) != 0 ||
	    register_list(app->st, REGISTER_RESULTS, dept, &sum, &nsum, err, sizeof err) != 0) {
		tui_error(t, _("无法读取结果交接清单：%s"), err);
		results_free_data(r);
		free(ticks);
		return -1;
	}
	r->ticked = calloc(r->ncases ? r->ncases : 1, 1);
	r->regs = calloc(nsum ? nsum : 1, sizeof *r->regs);
	if (!r->ticked || !r->regs) {
		tui_error(t, "%s", _("内存不足，无法读取结果交接清单"));
		register_summaries_free(sum, nsum);
		results_free_data(r);
		free(ticks);
		return -1;
	}
	/* Registers not yet received, oldest first; the issuer signs only
	 * those the department has sent. */
	for (size_t i = nsum; i-- > 0;) {
		struct results_reg *g = &r->regs[r->nregs];

		if (sum[i].state == REGISTER_RECEIVED ||
		    (r->issuer && sum[i].state == REGISTER_OPEN))
			continue;
		if (register_load(app->st, sum[i].number, &g->info, err, sizeof err) != 1) {
			tui_error(t, _("无法读取交接单 %s：%s"), sum[i].number, err);
			continue;
		}
		g->late = 0;
		for (size_t k = 0; k < g->info.ncases; k++) {
			const struct backoffice_entry *e = results_entry(r, g->info.cases[k].number);

			if (e && e->fold.state == CASE_DECIDED && results_late_days(r, &e->fold))
				g->late++;
		}
		r->nregs++;
	}
	register_summaries_free(sum, nsum);
	/* The approver's picks: decided cases that go through the window
	 * (not 即办件) and are in no register yet; 2 marks the others. */
	for (size_t i = 0; i < r->ncases; i++) {
		const struct backoffice_entry *e = &r->cases[i];

		if (r->issuer || e->fold.state != CASE_DECIDED ||
		    !casefsm_allowed(&e->fold, CASE_EV_RESULT_HANDED_OVER) ||
		    results_in_register(r, e->number)) {
			r->ticked[i] = 2;
			continue;
		}
		r->npick++;
		for (size_t k = 0; k < nticks; k++)
			if (strcmp(ticks[k], e->number) == 0)
				r->ticked[i] = 1;
	}
	free(ticks);
	if (results_rows(r) != 0) {
		tui_error(t, "%s", _("内存不足，清单显示不全"));
		return -1;
	}
	issuing_list_select(&r->list, 0);
	for (size_t i = 0; key[0] && i < r->list.n; i++)
		if (r->list.rows[i].kind == IROW_ITEM && results_row_is(r, &r->list.rows[i], key)) {
			r->list.sel = i;
			break;
		}
	return 0;
}

/* ---- drawing ----------------------------------------------------------------- */

/* Column widths at this terminal width. */
struct results_cols {
	int lead, number, applicant, item, decision, day, due, flag;
};

/* Column widths at this terminal width (the item takes what is left). */
static struct results_cols results_columns(const struct tui *t, const struct results *r)
{
	struct results_cols w;
	int rest;

	w.lead = r->issuer ? 2 : 4;
	w.number = tui_col(ISSUING_NUMBER_COLS, _("办件编号"));
	w.applicant = tui_col(6, _("申请人"));
	w.decision = tui_col(tui_col(tui_col(4, _("决定")), _("准予")), _("不予"));
	w.day = tui_col(t->cols >= ISSUING_WIDE ? 10 : 6, _("决定日"));
	w.due = tui_col(t->cols >= ISSUING_WIDE ? 10 : 6, _("交接期"));
	w.flag = tui_col(9, _("状况"));
	rest = t->cols - 1 - 3 - w.lead - (w.number + 1) - (w.applicant + 1) - (w.decision + 1) -
	       (w.day + 1) - (w.due + 1) - w.flag - 1;
	/* the item gives way (the line below shows it whole) */
	w.item = rest < 6 ? 6 : rest;
	return w;
}

static void results_draw_header(struct tui *t, const struct results *r, int y)
{
	struct results_cols w = results_columns(t, r);
	int x = 3 + w.lead;

	attrset(A_UNDERLINE);
	tui_put(y, 1, x - 1, "", 1);
	tui_put(y, x, w.number + 1, _("办件编号"), 1);
	x += w.number + 1;
	tui_put(y, x, w.applicant + 1, _("申请人"), 1);
	x += w.applicant + 1;
	tui_put(y, x, w.item + 1, _("事项"), 1);
	x += w.item + 1;
	tui_put(y, x, w.decision + 1, _("决定"), 1);
	x += w.decision + 1;
	tui_put(y, x, w.day + 1, _("决定日"), 1);
	x += w.day + 1;
	tui_put(y, x, w.due + 1, _("交接期"), 1);
	x += w.due + 1;
	tui_put(y, x, t->cols - 1 - x, _("状况"), 1);
	attrset(A_NORMAL);
}

/* "准予" / "不予". */
static const char *results_decision(const struct case_fold *f)
{
	if (f->decision == CASE_DECISION_DENY)
		return _("不予");
	return f->decision == CASE_DECISION_APPROVE ? _("准予") : "";
}

/* One case: tick (approver; -1 for none), number, applicant, item, the
 * decision, its day, the day due at the window and the late flag. */
static void results_draw_case(struct tui *t, const struct results *r, int y, int selected,
			      int tick, const char *number, const char *applicant,
			      const char *item_code, const char *item_name,
			      const struct backoffice_entry *e)
{
	struct results_cols w = results_columns(t, r);
	char d[16], flag[64] = "";
	int x = 3, late = 0;

	if (e)
		late = results_late_days(r, &e->fold);
	if (late)
		snprintf(flag, sizeof flag, _("超时 %d 日"), late);
	if (selected)
		attrset(A_REVERSE);
	tui_put(y, 1, 2, selected ? ">" : "", 1);
	tui_put(y, x, w.lead, tick < 0 ? "" : tick ? "[x]" : "[ ]", 1);
	x += w.lead;
	tui_put(y, x, w.number + 1, number, 1);
	x += w.number + 1;
	cases_put_cut(y, x, w.applicant, applicant);
	tui_put(y, x + w.applicant, 1, "", 1);
	x += w.applicant + 1;
	cases_put_cut(y, x, w.item, cases_item_short(r->app, item_code, item_name));
	tui_put(y, x + w.item, 1, "", 1);
	x += w.item + 1;
	tui_put(y, x, w.decision + 1, e ? results_decision(&e->fold) : "", 1);
	x += w.decision + 1;
	tui_put(y, x, w.day + 1, e ? issuing_day(t, e->fold.decided_on, d, sizeof d) : "", 1);
	x += w.day + 1;
	tui_put(y, x, w.due + 1, e ? issuing_day(t, e->fold.result_due_on, d, sizeof d) : "", 1);
	x += w.due + 1;
	if (late && !selected)
		attrset(t->color ? COLOR_PAIR(3) | A_BOLD : A_BOLD);
	tui_put(y, x, t->cols - 1 - x, flag, 1);
	attrset(A_NORMAL);
}

/* "11-20 09:05" (the year too on wide terminals) of a signature's
 * moment as stored (ISO 8601); the register's day when not signed. */
static const char *results_when(const struct tui *t, const char *at, int day, char *buf,
				size_t bufsz)
{
	if (!at || strlen(at) < 16)
		return issuing_day(t, day, buf, bufsz);
	snprintf(buf, bufsz, "%.*s %.5s", t->cols >= ISSUING_WIDE ? 10 : 5,
		 at + (t->cols >= ISSUING_WIDE ? 0 : 5), at + 11);
	return buf;
}

/* One register: number, cases, state, the sender with the moment they
 * signed, and the department. */
static void results_draw_reg(struct tui *t, const struct results *r, int y, int selected,
			     const struct results_reg *g)
{
	char line[512], d[32], late[64] = "";

	if (g->late)
		snprintf(late, sizeof late, _("（超时 %d 件）"), g->late);
	if (r->issuer)
		snprintf(line, sizeof line, _("%s  %zu 件%s  %s %s 签名送交  %s"), g->info.number,
			 g->info.ncases, late, g->info.sender ? g->info.sender : "",
			 results_when(t, g->info.sent_at, g->info.day, d, sizeof d),
			 g->info.department);
	else if (g->info.sender)
		snprintf(line, sizeof line, _("%s  %zu 件%s  %s %s 签名  %s"), g->info.number,
			 g->info.ncases, late, g->info.sender,
			 results_when(t, g->info.sent_at, g->info.day, d, sizeof d),
			 register_state_label(g->info.state));
	else
		snprintf(line, sizeof line, _("%s  %zu 件%s  %s  %s"), g->info.number,
			 g->info.ncases, late, issuing_day(t, g->info.day, d, sizeof d),
			 register_state_label(g->info.state));
	if (selected)
		attrset(A_REVERSE);
	else
		attrset(A_BOLD);
	tui_put(y, 1, 2, selected ? ">" : "", 1);
	cases_put_cut(y, 3, t->cols - 4, line);
	attrset(A_NORMAL);
}

static void results_draw_row(struct tui *t, int y, const struct issuing_row *row, int selected,
			     void *arg)
{
	const struct results *r = arg;
	char line[256];

	switch (row->type) {
	case RR_TEXT:
		switch (row->index) {
		case RT_PICK:
			attrset(A_BOLD);
			tui_put(y, 1, t->cols - 2, _("本部门已决定、待交出件窗口的办件"), 0);
			break;
		case RT_PICK_NONE:
			tui_put(y, 3, t->cols - 4, _("没有待交接的办件：决定后的办件会列在这里"), 0);
			break;
		case RT_REGS:
			attrset(A_BOLD);
			if (r->issuer)
				snprintf(line, sizeof line, "%s", _("待签收的办理结果交接单（每张下列其办件）"));
			else
				snprintf(line, sizeof line, "%s", _("本部门尚未被出件窗口签收的交接单"));
			tui_put(y, 1, t->cols - 2, line, 0);
			break;
		case RT_REGS_NONE:
			tui_put(y, 3, t->cols - 4, r->issuer ? _("没有待签收的交接单") : _("没有"), 0);
			break;
		default:
			break;
		}
		break;
	case RR_CASE: {
		const struct backoffice_entry *e = &r->cases[row->index];

		results_draw_case(t, r, y, selected, r->ticked[row->index] == 1, e->number,
				  e->applicant_name, e->item_code, e->item_name, e);
		break;
	}
	case RR_REG:
		results_draw_reg(t, r, y, selected, &r->regs[row->index]);
		break;
	case RR_REG_CASE: {
		const struct register_case *c = &r->regs[row->index].info.cases[row->sub];

		results_draw_case(t, r, y, selected, -1, c->number, c->applicant_name, NULL,
				  c->item_name, results_entry(r, c->number));
		break;
	}
	default:
		break;
	}
}

/* The line under the list: what the cursor's row is. */
static void results_detail(const struct tui *t, const struct results *r, char *buf,
			   size_t bufsz)
{
	const struct issuing_row *row = issuing_list_current(&r->list);
	const struct backoffice_entry *e = NULL;
	char d1[16], d2[16];

	buf[0] = '\0';
	if (!row)
		return;
	if (row->type == RR_REG) {
		const struct register_info *g = &r->regs[row->index].info;

		snprintf(buf, bufsz, _("%s：%s %s 制作，%s"), g->number,
			 issuing_day(t, g->day, d1, sizeof d1), g->created_by, g->department);
		return;
	}
	if (row->type == RR_CASE)
		e = &r->cases[row->index];
	else if (row->type == RR_REG_CASE)
		e = results_entry(r, r->regs[row->index].info.cases[row->sub].number);
	if (!e)
		return;
	issuing_day(t, e->fold.decided_on, d1, sizeof d1);
	issuing_day(t, e->fold.result_due_on, d2, sizeof d2);
	if (e->fold.state == CASE_READY)
		snprintf(buf, bufsz, _("%s：%s，已到出件窗口"), e->number, e->item_name);
	else
		snprintf(buf, bufsz, _("%s：%s；%s 决定，应于 %s 前交到出件窗口"), e->number,
			 e->item_name, d1, d2);
}

/* How many cases the approver ticked. */
static size_t results_nticked(const struct results *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->ncases; i++)
		n += r->ticked[i] == 1;
	return n;
}

static void results_draw(struct tui *t, struct screen *s)
{
	struct results *r = s->data;
	int y0 = tui_body_top(t), rows = tui_body_rows(t);
	char line[512];
	int total = 0, late = 0;

	if (r->stale)
		results_load(t, r);
	if (r->issuer) {
		for (size_t i = 0; i < r->nregs; i++) {
			total += (int)r->regs[i].info.ncases;
			late += r->regs[i].late;
		}
		snprintf(line, sizeof line, _("待签收的办理结果交接单 %zu 张，共 %d 件，其中超时 %d 件"),
			 r->nregs, total, late);
	} else {
		snprintf(line, sizeof line, _("部门：%s   待交出件窗口 %zu 件，已勾选 %zu 件"),
			 r->app->user.department, r->npick, results_nticked(r));
	}
	tui_put(y0, 1, t->cols - 2, line, 0);
	results_draw_header(t, r, y0 + 1);
	issuing_list_draw(t, &r->list, y0 + 2, rows - 4, results_draw_row, r);

	results_detail(t, r, line, sizeof line);
	cases_put_cut(y0 + rows - 2, 1, t->cols - 2, line);
	if (r->mode == RM_CONFIRM) {
		if (r->confirm == RESULTS_NEW)
			snprintf(line, sizeof line,
				 _("将勾选的 %zu 件组成办理结果交接单，以 %s 签名送交出件窗口？y 签名送交，n 取消"),
				 results_nticked(r), r->app->user.name);
		else if (r->issuer)
			snprintf(line, sizeof line, _("以 %s 签收交接单 %s（%zu 件）？y 签收，n 取消"),
				 r->app->user.name, r->regs[r->confirm].info.number,
				 r->regs[r->confirm].info.ncases);
		else
			snprintf(line, sizeof line, _("以 %s 签名送交交接单 %s（%zu 件）？y 签名，n 取消"),
				 r->app->user.name, r->regs[r->confirm].info.number,
				 r->regs[r->confirm].info.ncases);
		issuing_draw_prompt(t, y0 + rows - 1, line, 1);
	} else {
		issuing_draw_prompt(t, y0 + rows - 1, r->issuer ?
				    _("F2 签收光标所在的交接单（记入各办件的办理过程）；Enter 办件详情") :
				    _("空格 勾选办件；F2 组单并签名送交；Enter 办件详情"), 0);
	}
}

/* ---- actions -------------------------------------------------------------------- */

/* y on a new register: makes it of the ticked cases and signs it. */
static void results_send(struct tui *t, struct results *r)
{
	struct app *app = r->app;
	const char **refs = calloc(r->ncases ? r->ncases : 1, sizeof *refs);
	char err[YC_ERRSZ], number[REGISTER_NUMBER_MAX];
	size_t n = 0;

	if (!refs) {
		tui_error(t, "%s", _("内存不足，未组单"));
		return;
	}
	for (size_t i = 0; i < r->ncases; i++)
		if (r->ticked[i] == 1)
			refs[n++] = r->cases[i].number;
	if (register_create(app->st, app->cal, REGISTER_RESULTS, app->user.department, refs, n,
			    app->user.name, r->today, number, err, sizeof err) != 0) {
		free(refs);
		tui_error(t, _("未能组成办理结果交接单：%s"), err);
		return;
	}
	free(refs);
	for (size_t i = 0; i < r->ncases; i++)
		if (r->ticked[i] == 1)
			r->ticked[i] = 0;
	if (register_sign(app->st, app->cal, number, REGISTER_SENDER, app->user.name, NULL,
			  r->today, NULL, 0, err, sizeof err) != 0) {
		results_load(t, r);
		tui_error(t, _("交接单 %s 已建立，但签名未成功：%s；选中它按 F2 再签"), number, err);
		return;
	}
	app_saved(app);
	results_load(t, r);
	tui_message(t, _("办理结果交接单 %s（%zu 件）已签名送交，待出件窗口签收"), number, n);
}

/* y on a register: signs it as sender (approver) or receiver (issuer). */
static void results_sign(struct tui *t, struct results *r, size_t k)
{
	struct app *app = r->app;
	char err[YC_ERRSZ], number[REGISTER_NUMBER_MAX];
	size_t n = r->regs[k].info.ncases;
	int late = r->regs[k].late;

	snprintf(number, sizeof number, "%s", r->regs[k].info.number);
	if (register_sign(app->st, app->cal, number, r->issuer ? REGISTER_RECEIVER : REGISTER_SENDER,
			  app->user.name, NULL, r->today, NULL, 0, err, sizeof err) != 0) {
		results_load(t, r);
		tui_error(t, _("交接单 %s 未签：%s"), number, err);
		return;
	}
	app_saved(app);
	cases_touch();
	results_load(t, r);
	if (!r->issuer)
		tui_message(t, _("交接单 %s 已签名送交，待出件窗口签收"), number);
	else if (late)
		tui_message(t, _("交接单 %s 已签收，%zu 件待出件（%d 件超时，已记录）"),
			    number, n, late);
	else
		tui_message(t, _("交接单 %s 已签收，%zu 件待出件（出件：72）"), number, n);
}

/* F2: what will be signed, then the question.  The approver's ticked
 * cases make a new register wherever the cursor is; with none ticked,
 * the case under the cursor does, or the unsigned register under it is
 * signed.  The issuer signs the register under the cursor. */
static void results_ask(struct tui *t, struct results *r)
{
	const struct issuing_row *row = issuing_list_current(&r->list);
	const struct results_reg *g;

	if (!r->issuer && results_nticked(r) > 0) {
		r->confirm = RESULTS_NEW;
		r->mode = RM_CONFIRM;
		return;
	}
	if (!row) {
		tui_error(t, "%s", r->issuer ? _("没有待签收的交接单") : _("没有可交接的办件"));
		return;
	}
	if (row->type == RR_CASE) {
		r->ticked[row->index] = 1;
		r->confirm = RESULTS_NEW;
		r->mode = RM_CONFIRM;
		return;
	}
	g = &r->regs[row->index];
	if (r->issuer || g->info.state == REGISTER_OPEN) {
		r->confirm = row->index;
		r->mode = RM_CONFIRM;
	} else {
		tui_message(t, _("交接单 %s 已签名送交，待出件窗口签收；要交接办件请先用空格勾选"),
			    g->info.number);
	}
}

static int results_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct results *r = s->data;
	const struct issuing_row *row;

	if (r->mode == RM_CONFIRM) {
		if (key == 'y' || key == 'Y') {
			r->mode = RM_LIST;
			if (r->confirm == RESULTS_NEW)
				results_send(t, r);
			else
				results_sign(t, r, r->confirm);
		} else if (key == 'n' || key == 'N' || act == ACT_BACK) {
			r->mode = RM_LIST;
			tui_message(t, "%s", _("未签名，交接单没有变化"));
		} else if (act == ACT_HELP || act == ACT_QUIT) {
			return 0;
		} else {
			tui_error(t, "%s", _("请按 y 签名，或按 n 取消"));
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (issuing_list_move(&r->list, act))
		return TUI_HANDLED | TUI_REDRAW;
	row = issuing_list_current(&r->list);
	switch (act) {
	case ACT_TOGGLE:
		if (!row || row->type != RR_CASE) {
			tui_error(t, "%s", r->issuer ?
				  _("出件窗口按整张交接单签收：选中交接单按 F2") :
				  _("只有待交接的办件可以勾选"));
			break;
		}
		r->ticked[row->index] = r->ticked[row->index] == 1 ? 0 : 1;
		issuing_list_move(&r->list, ACT_DOWN);
		break;
	case ACT_RESULTS_SIGN:
		results_ask(t, r);
		break;
	case ACT_SELECT:
		if (!row || row->type == RR_REG) {
			tui_error(t, "%s", _("请选中一个办件再按 Enter 查看"));
			break;
		}
		r->stale = 1;
		case_view_open(t, r->app, row->type == RR_CASE ? r->cases[row->index].number :
			       r->regs[row->index].info.cases[row->sub].number);
		break;
	default:
		return 0;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static void results_leave(struct tui *t, struct screen *s)
{
	struct results *r = s->data;

	(void)t;
	results_free_data(r);
	issuing_list_free(&r->list);
	free(r);
}

static const struct screen_ops results_screen = {
	.name = "results",
	.title = N_("结果交接"),
	.keys = results_keys,
	.draw = results_draw,
	.handle = results_handle,
	.leave = results_leave,
};

int results_open(struct tui *t, struct app *app)
{
	struct results *r;

	if (app->user.role == ROLE_APPROVER && !app->user.department[0]) {
		tui_error(t, _("用户 %s 没有所属部门，不能交接办理结果；请管理员为其设置部门"),
			  app->user.name);
		return -1;
	}
	if (app->user.role != ROLE_APPROVER && app->user.role != ROLE_ISSUER) {
		tui_error(t, _("结果交接：您的角色（%s）不能使用；由审批部门送交，出件窗口签收"),
			  auth_role_label(app->user.role));
		return -1;
	}
	r = calloc(1, sizeof *r);
	if (!r) {
		tui_error(t, "%s", _("内存不足，无法打开结果交接"));
		return -1;
	}
	r->app = app;
	r->issuer = app->user.role == ROLE_ISSUER;
	r->today = date_today();
	issuing_list_init(&r->list);
	if (results_load(t, r) != 0 || tui_push(t, &results_screen, r) != 0) {
		results_leave(t, &(struct screen){ .ops = &results_screen, .data = r });
		return -1;
	}
	return 0;
}
