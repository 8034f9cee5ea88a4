/*
 * backoffice_register.c — one materials register (材料交接单) on screen:
 * its number, department, state and signatures, then each case with its
 * materials (paper with the counts of originals and copies, electronic,
 * fetched), and what was found missing.
 *
 * Signing follows the register's state (F8):
 *   待发送方签名  the clerk logged in here signs as sender (y/n);
 *   待接收方签收  every material is first checked: Space ticks it present
 *                 (on a case: all its materials), F6 records it missing
 *                 with a note (F6 again takes that back); then the
 *                 approver of the department signs as receiver — on their
 *                 own terminal as the user logged in (y/n), or at the
 *                 clerk's window by typing their user name and password
 *                 here.  The receipt writes every case's handed_over and
 *                 review_started events (the store does, backoffice.h).
 *
 *   Space  tick    F6 x  missing    F8 s  sign    Enter  case view
 *   Home End, PgUp PgDn             q Esc  back
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

#define RV_NOTE_MAX 100		/* code points of a missing material's note */
#define RV_HEAD_ROWS 5		/* the fixed lines above the list */
#define RV_FORM_COLS 18		/* the column of a material's form */

/* What a material was found to be on receipt. */
enum rv_tick {
	RV_UNCHECKED = 0,
	RV_PRESENT,
	RV_MISSING
};

struct rv_mat {
	enum rv_tick tick;
	int recorded;			/* note is the register's text */
	char note[RV_NOTE_MAX * 4 + 1];	/* missing: typed here, or recorded */
};

/* One line of the list: a case, one of its materials, or the note under
 * a missing material (not a stop for the cursor). */
enum rv_line_kind {
	RV_LINE_CASE = 0,
	RV_LINE_MAT,
	RV_LINE_NOTE
};

struct rv_line {
	enum rv_line_kind kind;
	size_t c, m;
};

enum rv_mode {
	RV_NORMAL = 0,
	RV_CONFIRM_SEND,	/* y/n: sign as sender */
	RV_CONFIRM_RECEIVE	/* y/n: sign as receiver (logged in) */
};

/* What the form is open for. */
enum { RV_FORM_MISSING = 1, RV_FORM_WINDOW };

struct regview {
	struct app *app;
	char number[REGISTER_NUMBER_MAX];
	struct register_info r;
	int loaded;
	struct rv_mat *mats;		/* every case's materials, in order */
	size_t *base;			/* case c's first material in mats */
	size_t nmats;
	struct rv_line *lines;
	size_t nlines;
	size_t sel, top;
	int page;
	enum rv_mode mode;
	struct bo_form form;
	size_t form_mat;		/* RV_FORM_MISSING: the material */
};

static const struct tui_binding rv_keys[] = {
	{ ' ', ACT_TOGGLE },
	{ TK_SPECIAL | KEY_F(6), ACT_BO_MISSING },
	{ 'x', ACT_BO_MISSING },
	{ TK_SPECIAL | KEY_F(8), ACT_BO_SIGN },
	{ 's', ACT_BO_SIGN },
	{ TK_SPECIAL | KEY_HOME, ACT_FIRST },
	{ TK_SPECIAL | KEY_END, ACT_LAST },
	{ 'q', ACT_BACK },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

/* ---- the register and its lines ------------------------------------------ */

static void rv_free(struct regview *v)
{
	if (v->loaded)
		register_info_free(&v->r);
	v->loaded = 0;
	free(v->mats);
	free(v->base);
	free(v->lines);
	v->mats = NULL;
	v->base = NULL;
	v->lines = NULL;
	v->nmats = v->nlines = 0;
}

/* The recorded discrepancy of material m of case c, or NULL. */
static const struct register_discrepancy *rv_recorded(const struct register_info *r,
						      size_t c, size_t m)
{
	for (size_t i = 0; i < r->ndiscrepancies; i++)
		if (strcmp(r->discrepancies[i].case_number, r->cases[c].number) == 0 &&
		    strcmp(r->discrepancies[i].material_id, r->cases[c].materials[m].id) == 0)
			return &r->discrepancies[i];
	return NULL;
}

/* Lays the lines out again (a note appears under a missing material). */
static int rv_lines(struct regview *v)
{
	size_t n = 0, cap = v->r.ncases + v->nmats * 2;

	free(v->lines);
	v->lines = calloc(cap ? cap : 1, sizeof *v->lines);
	v->nlines = 0;
	if (!v->lines)
		return -1;
	for (size_t c = 0; c < v->r.ncases; c++) {
		v->lines[n++] = (struct rv_line){ RV_LINE_CASE, c, 0 };
		for (size_t m = 0; m < v->r.cases[c].nmaterials; m++) {
			v->lines[n++] = (struct rv_line){ RV_LINE_MAT, c, m };
			if (v->mats[v->base[c] + m].tick == RV_MISSING)
				v->lines[n++] = (struct rv_line){ RV_LINE_NOTE, c, m };
		}
	}
	v->nlines = n;
	if (v->sel >= n)
		v->sel = n ? n - 1 : 0;
	while (v->sel > 0 && v->lines[v->sel].kind == RV_LINE_NOTE)
		v->sel--;
	return 0;
}

/* (Re)reads the register; once received (or receiving) the ticks are
 * what was recorded.  0 or -1 with the reason on the message line. */
static int rv_load(struct tui *t, struct regview *v)
{
	char err[YC_ERRSZ];
	int rc;
	size_t k = 0;

	rv_free(v);
	rc = register_load(v->app->st, v->number, &v->r, err, sizeof err);
	if (rc <= 0) {
		if (rc == 0)
			tui_error(t, _("没有编号为 %s 的交接单"), v->number);
		else
			tui_error(t, _("读取交接单 %s 失败：%s"), v->number, err);
		return -1;
	}
	v->loaded = 1;
	snprintf(v->number, sizeof v->number, "%s", v->r.number);
	for (size_t c = 0; c < v->r.ncases; c++)
		v->nmats += v->r.cases[c].nmaterials;
	v->mats = calloc(v->nmats ? v->nmats : 1, sizeof *v->mats);
	v->base = calloc(v->r.ncases ? v->r.ncases : 1, sizeof *v->base);
	if (!v->mats || !v->base) {
		tui_error(t, "%s", _("内存不足，无法显示交接单"));
		return -1;
	}
	for (size_t c = 0; c < v->r.ncases; c++) {
		v->base[c] = k;
		for (size_t m = 0; m < v->r.cases[c].nmaterials; m++, k++) {
			const struct register_discrepancy *d = rv_recorded(&v->r, c, m);

			if (v->r.state < REGISTER_RECEIVING)
				continue;
			v->mats[k].tick = d ? RV_MISSING : RV_PRESENT;
			v->mats[k].recorded = d != NULL;
			if (d)
				snprintf(v->mats[k].note, sizeof v->mats[k].note, "%s", d->text);
		}
	}
	if (rv_lines(v) != 0) {
		tui_error(t, "%s", _("内存不足，无法显示交接单"));
		return -1;
	}
	return 0;
}

/* Counts of the register: materials, paper originals and copies; ticks. */
static void rv_counts(const struct regview *v, int *originals, int *copies,
		      size_t *unchecked, size_t *missing)
{
	*originals = *copies = 0;
	*unchecked = *missing = 0;
	for (size_t c = 0; c < v->r.ncases; c++)
		for (size_t m = 0; m < v->r.cases[c].nmaterials; m++) {
			const struct register_material *x = &v->r.cases[c].materials[m];
			enum rv_tick tk = v->mats[v->base[c] + m].tick;

			if (strcmp(x->form, "paper") == 0) {
				*originals += x->originals;
				*copies += x->copies;
			}
			*unchecked += tk == RV_UNCHECKED;
			*missing += tk == RV_MISSING;
		}
}

/* ---- drawing -------------------------------------------------------------- */

/* A material's form as the bundle has it. */
static void rv_form_text(const struct register_material *m, char *buf, size_t bufsz)
{
	if (strcmp(m->form, "paper") == 0)
		snprintf(buf, bufsz, _("原件 %d，复印件 %d"), m->originals, m->copies);
	else if (strcmp(m->form, "electronic") == 0)
		snprintf(buf, bufsz, "%s", _("电子材料"));
	else if (strcmp(m->form, "fetched") == 0)
		snprintf(buf, bufsz, "%s", _("共享调取"));
	else
		snprintf(buf, bufsz, "%s", _("容缺后补"));
}

/* The fixed lines: number and state, department, counts, signatures and
 * what to do next. */
static void rv_draw_head(struct tui *t, struct regview *v, int y)
{
	const struct register_info *r = &v->r;
	char line[512], d[128], d2[128];
	int originals, copies, w = t->cols - 2;
	size_t unchecked, missing;

	rv_counts(v, &originals, &copies, &unchecked, &missing);
	attrset(A_BOLD);
	snprintf(line, sizeof line, _("%s %s    状态：%s"), register_kind_label(r->kind),
		 r->number, register_state_label(r->state));
	tui_put(y++, 1, w, line, 0);
	attrset(A_NORMAL);
	snprintf(line, sizeof line, _("接收部门：%s"), r->department);
	cases_put_cut(y++, 1, w, line);
	snprintf(line, sizeof line, _("共 %zu 件，材料 %zu 项（纸质原件 %d 份、复印件 %d 份）；%s 制作于 %s"),
		 r->ncases, v->nmats, originals, copies, r->created_by,
		 date_format(r->day, d, sizeof d));
	cases_put_cut(y++, 1, w, line);
	/* each signature with its moment */
	bo_signed_text(r->sender, r->sent_at, d, sizeof d);
	bo_signed_text(r->receiver, r->received_at, d2, sizeof d2);
	snprintf(line, sizeof line, _("移交方签名：%s    接收方签名：%s"),
		 r->sender ? d : _("（未签）"), r->receiver ? d2 : _("（未签收）"));
	cases_put_cut(y++, 1, w, line);
	if (r->state == REGISTER_OPEN)
		snprintf(line, sizeof line, "%s", _("移交方核对件数、份数无误后按 F8 签名，连同材料送交审批部门"));
	else if (r->state == REGISTER_SENT)
		snprintf(line, sizeof line, "%s",
			 _("接收方核对：空格勾选在场的材料（办件行为整件），F6 登记缺少的，F8 签收"));
	else if (r->state == REGISTER_RECEIVING)
		snprintf(line, sizeof line, "%s", _("签收未完成（中断）：请签收人再按 F8 签收以完成交接"));
	else
		snprintf(line, sizeof line, _("已签收：%zu 件已开始审查%s"), r->ncases,
			 missing ? _("；缺少的材料已登记，移交方和接收方都能看到") : "");
	attrset(A_DIM);
	cases_put_cut(y, 1, w, line);
	attrset(A_NORMAL);
}

/* One line of the list: a case, a material with its mark and form, or the
 * note under a missing material. */
static void rv_draw_line(struct tui *t, struct regview *v, const struct rv_line *l, int y,
			 int sel)
{
	const struct register_case *c = &v->r.cases[l->c];
	const struct rv_mat *mk = l->kind == RV_LINE_CASE ? NULL : &v->mats[v->base[l->c] + l->m];
	int wn = t->cols - 1 - 9 - RV_FORM_COLS - 1;
	char line[512];

	if (sel)
		attrset(A_REVERSE);
	tui_put(y, 1, 2, sel ? ">" : "", 1);
	if (l->kind == RV_LINE_CASE) {
		attrset(sel ? A_REVERSE | A_BOLD : A_BOLD);
		snprintf(line, sizeof line, _("%zu. %s  %s  %s（%zu 项材料）"), l->c + 1, c->number,
			 c->applicant_name, c->item_name, c->nmaterials);
		cases_put_cut(y, 3, t->cols - 4, line);
	} else if (l->kind == RV_LINE_MAT) {
		const struct register_material *m = &c->materials[l->m];
		int checking = v->r.state != REGISTER_OPEN;

		tui_put(y, 3, 2, "", 1);
		tui_put(y, 5, 4, !checking ? "" : mk->tick == RV_PRESENT ? "[x]" :
			mk->tick == RV_MISSING ? "[!]" : "[ ]", 1);
		cases_put_cut(y, 9, wn, m->name);
		tui_put(y, 9 + wn, 1, "", 1);
		rv_form_text(m, line, sizeof line);
		tui_put(y, 10 + wn, RV_FORM_COLS, line, 1);
	} else {
		attrset(t->color ? COLOR_PAIR(3) : A_BOLD);
		if (mk->recorded)
			snprintf(line, sizeof line, "%s", mk->note);
		else
			snprintf(line, sizeof line, _("缺少：%s"), mk->note[0] ? mk->note : _("（无说明）"));
		tui_put(y, 3, 6, "", 1);
		cases_put_cut(y, 9, t->cols - 10, line);
	}
	attrset(A_NORMAL);
}

/* The head, the visible lines, then the form, the question or the
 * footer. */
static void rv_draw(struct tui *t, struct screen *s)
{
	struct regview *v = s->data;
	int y0 = tui_body_top(t), rows = tui_body_rows(t) - RV_HEAD_ROWS - 1;
	int originals, copies;
	size_t unchecked, missing;
	char line[512];

	if (!v->loaded)
		return;
	rv_draw_head(t, v, y0);
	v->page = rows;
	if (v->sel < v->top)
		v->top = v->sel;
	if (v->sel >= v->top + (size_t)rows)
		v->top = v->sel - (size_t)rows + 1;
	/* a missing material's note shows with it */
	if (v->sel + 1 < v->nlines && v->lines[v->sel + 1].kind == RV_LINE_NOTE &&
	    v->sel + 1 >= v->top + (size_t)rows)
		v->top++;
	for (int r = 0; r < rows && v->top + (size_t)r < v->nlines; r++)
		rv_draw_line(t, v, &v->lines[v->top + (size_t)r], y0 + RV_HEAD_ROWS + r,
			     v->top + (size_t)r == v->sel);
	if (v->form.active) {
		bo_form_draw(t, &v->form);
		return;
	}
	rv_counts(v, &originals, &copies, &unchecked, &missing);
	if (v->mode == RV_CONFIRM_SEND) {
		snprintf(line, sizeof line, _("以移交方 %s 签名交接单 %s（%zu 件）？y 签名，n 取消"),
			 v->app->user.name, v->r.number, v->r.ncases);
		bo_draw_question(t, line);
		return;
	}
	if (v->mode == RV_CONFIRM_RECEIVE) {
		snprintf(line, sizeof line, _("以接收方 %s 签收 %zu 件，缺少 %zu 项材料？y 签收，n 取消"),
			 v->app->user.name, v->r.ncases, missing);
		bo_draw_question(t, line);
		return;
	}
	if (v->r.state == REGISTER_SENT)
		snprintf(line, sizeof line, _("已核对 %zu/%zu 项，其中缺少 %zu 项%s"),
			 v->nmats - unchecked, v->nmats, missing,
			 unchecked ? "" : _("；按 F8 签收"));
	else
		snprintf(line, sizeof line, _("第 %zu 行，共 %zu 行；Enter 查看办件，Esc 返回"),
			 v->nlines ? v->sel + 1 : 0, v->nlines);
	attrset(A_DIM);
	tui_put(y0 + tui_body_rows(t) - 1, 1, t->cols - 2, line, 0);
	attrset(A_NORMAL);
}

/* ---- checking ------------------------------------------------------------ */

/* Moves the cursor by one stop (case or material line). */
static void rv_step(struct regview *v, int down)
{
	size_t s = v->sel;

	for (;;) {
		if (down && s + 1 < v->nlines)
			s++;
		else if (!down && s > 0)
			s--;
		else
			return;
		if (v->lines[s].kind != RV_LINE_NOTE)
			break;
	}
	v->sel = s;
}

/* 1 when the register may be checked now; else says why. */
static int rv_checking(struct tui *t, const struct regview *v)
{
	if (v->r.state == REGISTER_SENT)
		return 1;
	if (v->r.state == REGISTER_OPEN)
		tui_error(t, "%s", _("移交方尚未签名：签名送出后，由接收方逐项核对"));
	else
		tui_error(t, _("交接单 %s 已签收，核对结果不能再改"), v->r.number);
	return 0;
}

/* Space: a material present (or not yet checked again); on a case, every
 * material of it not found missing. */
static void rv_tick(struct tui *t, struct regview *v)
{
	const struct rv_line *l;

	if (!rv_checking(t, v) || v->nlines == 0)
		return;
	l = &v->lines[v->sel];
	if (l->kind == RV_LINE_CASE) {
		size_t n = v->r.cases[l->c].nmaterials, all = 1;
		struct rv_mat *mk = &v->mats[v->base[l->c]];

		for (size_t m = 0; m < n; m++)
			all &= mk[m].tick != RV_UNCHECKED;
		for (size_t m = 0; m < n; m++)
			if (mk[m].tick != RV_MISSING)
				mk[m].tick = all ? RV_UNCHECKED : RV_PRESENT;
		/* on to the next case */
		while (v->sel + 1 < v->nlines) {
			v->sel++;
			if (v->lines[v->sel].kind == RV_LINE_CASE)
				break;
		}
		if (v->lines[v->sel].kind != RV_LINE_CASE)
			v->sel = (size_t)(l - v->lines);
	} else {
		struct rv_mat *mk = &v->mats[v->base[l->c] + l->m];

		mk->tick = mk->tick == RV_PRESENT ? RV_UNCHECKED : RV_PRESENT;
		mk->note[0] = '\0';
		if (rv_lines(v) != 0) {
			tui_error(t, "%s", _("内存不足"));
			return;
		}
		rv_step(v, 1);
	}
}

/* F6: records the material under the cursor missing (asks for a note),
 * or takes a missing mark back. */
static void rv_missing(struct tui *t, struct regview *v)
{
	const struct rv_line *l;
	struct rv_mat *mk;
	char title[512];

	if (!rv_checking(t, v) || v->nlines == 0)
		return;
	l = &v->lines[v->sel];
	if (l->kind == RV_LINE_CASE) {
		tui_error(t, "%s", _("请把光标移到缺少的那项材料上再按 F6"));
		return;
	}
	mk = &v->mats[v->base[l->c] + l->m];
	if (mk->tick == RV_MISSING) {
		mk->tick = RV_UNCHECKED;
		mk->note[0] = '\0';
		if (rv_lines(v) != 0)
			tui_error(t, "%s", _("内存不足"));
		else
			tui_message(t, _("已取消“%s”的缺少登记，请重新核对"),
				    v->r.cases[l->c].materials[l->m].name);
		return;
	}
	snprintf(title, sizeof title, _(" 登记缺少：%s（办件 %s）"),
		 v->r.cases[l->c].materials[l->m].name, v->r.cases[l->c].number);
	bo_form_open(&v->form, RV_FORM_MISSING, title);
	bo_form_add(&v->form, _("说明（可不填）"), RV_NOTE_MAX, NULL, 0);
	v->form_mat = v->base[l->c] + l->m;
}

/* The missing materials for register_sign (pointers into v); returns how
 * many (at most max). */
static size_t rv_missing_list(const struct regview *v, struct register_missing *out, size_t max)
{
	size_t n = 0;

	for (size_t c = 0; c < v->r.ncases; c++)
		for (size_t m = 0; m < v->r.cases[c].nmaterials && n < max; m++) {
			const struct rv_mat *mk = &v->mats[v->base[c] + m];

			if (mk->tick != RV_MISSING)
				continue;
			out[n].case_ref = v->r.cases[c].number;
			out[n].material = v->r.cases[c].materials[m].id;
			out[n].note = mk->note[0] ? mk->note : NULL;
			n++;
		}
	return n;
}

/* ---- signing ---------------------------------------------------------------- */

/* After a signature: the register again, the lists elsewhere stale. */
static void rv_signed(struct tui *t, struct regview *v, enum register_side side, const char *who)
{
	size_t missing = 0;

	app_saved(v->app);
	cases_touch();
	if (rv_load(t, v) != 0)
		return;
	for (size_t i = 0; i < v->nmats; i++)
		missing += v->mats[i].tick == RV_MISSING;
	if (side == REGISTER_SENDER)
		tui_message(t, _("%s 已签名移交：请连同材料送交%s"), who, v->r.department);
	else if (missing)
		tui_message(t, _("%s 已签收：%zu 件开始审查，缺少 %zu 项材料已登记"),
			    who, v->r.ncases, missing);
	else
		tui_message(t, _("%s 已签收：%zu 件开始审查，材料齐全"), who, v->r.ncases);
}

/* Signs as `side` for `user` (password NULL: the user logged in).
 * 0, or -1 with the store's reason on the message line. */
static int rv_sign(struct tui *t, struct regview *v, enum register_side side, const char *user,
		   const char *password)
{
	struct register_missing *missing = NULL;
	char err[YC_ERRSZ];
	size_t n = 0;
	int rc;

	if (side == REGISTER_RECEIVER && v->r.state == REGISTER_SENT && v->nmats) {
		missing = calloc(v->nmats, sizeof *missing);
		if (!missing) {
			tui_error(t, "%s", _("内存不足，未签收"));
			return -1;
		}
		n = rv_missing_list(v, missing, v->nmats);
	}
	rc = register_sign(v->app->st, v->app->cal, v->r.number, side, user, password,
			   date_today(), missing, n, err, sizeof err);
	free(missing);
	if (rc != 0) {
		tui_error(t, side == REGISTER_SENDER ? _("未签名：%s") : _("未签收：%s"), err);
		return -1;
	}
	rv_signed(t, v, side, user);
	return 0;
}

/* F8: the signature the register waits for. */
static void rv_ask_sign(struct tui *t, struct regview *v)
{
	int originals, copies;
	size_t unchecked, missing;
	char title[256];

	switch (v->r.state) {
	case REGISTER_OPEN:
		if (v->app->user.role != ROLE_CLERK) {
			tui_error(t, "%s", _("这张交接单还待移交方（综合受理窗口人员）签名送出，送出后才能签收"));
			return;
		}
		v->mode = RV_CONFIRM_SEND;
		return;
	case REGISTER_RECEIVED:
		tui_error(t, _("交接单 %s 已由 %s 签收，无需再签"), v->r.number,
			  v->r.receiver ? v->r.receiver : "");
		return;
	case REGISTER_SENT:
		rv_counts(v, &originals, &copies, &unchecked, &missing);
		if (unchecked) {
			tui_error(t, _("还有 %zu 项材料未核对：在场的按空格勾选，缺少的按 F6 登记，然后再签收"),
				  unchecked);
			return;
		}
		break;
	case REGISTER_RECEIVING:
		break;
	}
	if (v->app->user.role == ROLE_APPROVER) {
		v->mode = RV_CONFIRM_RECEIVE;
		return;
	}
	/* at the clerk's window: the approver signs with their password */
	snprintf(title, sizeof title, _(" 审批人在窗口签收交接单 %s：请审批人输入用户名和密码"),
		 v->r.number);
	bo_form_open(&v->form, RV_FORM_WINDOW, title);
	bo_form_add(&v->form, _("审批人用户名"), USER_NAME_MAX, NULL, 0);
	bo_form_add(&v->form, _("密码"), 128, NULL, 1);
}

/* The form was submitted. */
static void rv_form_done(struct tui *t, struct regview *v)
{
	char a[LINEEDIT_MAX * 4 + 1], b[LINEEDIT_MAX * 4 + 1];

	if (v->form.purpose == RV_FORM_MISSING) {
		struct rv_mat *mk = &v->mats[v->form_mat];

		bo_form_value(&v->form, 0, mk->note, sizeof mk->note);
		mk->tick = RV_MISSING;
		bo_form_close(&v->form);
		if (rv_lines(v) != 0) {
			tui_error(t, "%s", _("内存不足"));
			return;
		}
		tui_message(t, "%s", _("已登记缺少；签收时记入交接单，移交方也能看到"));
		rv_step(v, 1);
		return;
	}
	bo_form_value(&v->form, 0, a, sizeof a);
	lineedit_get(&v->form.f[1].le, b, sizeof b);
	if (!a[0]) {
		tui_error(t, "%s", _("请输入审批人的用户名"));
		v->form.cur = 0;
	} else if (!b[0]) {
		tui_error(t, "%s", _("请审批人输入密码"));
		v->form.cur = 1;
	} else if (rv_sign(t, v, REGISTER_RECEIVER, a, b) == 0) {
		bo_form_close(&v->form);
	} else {
		bo_form_clear(&v->form, 1);
	}
	explicit_bzero(b, sizeof b);
}

/* A key while a signature waits for y/n. */
static int rv_handle_mode(struct tui *t, struct regview *v, enum tui_action act, int key)
{
	enum rv_mode mode = v->mode;

	if (key == 'y' || key == 'Y') {
		v->mode = RV_NORMAL;
		rv_sign(t, v, mode == RV_CONFIRM_SEND ? REGISTER_SENDER : REGISTER_RECEIVER,
			v->app->user.name, NULL);
	} else if (key == 'n' || key == 'N' || act == ACT_BACK) {
		v->mode = RV_NORMAL;
		tui_message(t, "%s", mode == RV_CONFIRM_SEND ? _("未签名") : _("未签收，核对结果保留"));
	} else if (act == ACT_HELP || act == ACT_QUIT) {
		return 0;
	} else {
		tui_error(t, "%s", mode == RV_CONFIRM_SEND ? _("请按 y 签名，或按 n 取消")
			  : _("请按 y 签收，或按 n 取消"));
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* The form first, then a pending y/n, then the register's keys. */
static int rv_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct regview *v = s->data;
	size_t page = v->page > 1 ? (size_t)v->page - 1 : 1;

	if (v->form.active) {
		switch (bo_form_handle(&v->form, act, key)) {
		case BO_FORM_SUBMIT:
			rv_form_done(t, v);
			break;
		case BO_FORM_CANCEL:
			bo_form_close(&v->form);
			tui_message(t, "%s", _("已取消"));
			break;
		case BO_FORM_KEPT:
			break;
		case BO_FORM_IGNORED:
			if (act == ACT_HELP || act == ACT_QUIT)
				return 0;
			break;
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (v->mode != RV_NORMAL)
		return rv_handle_mode(t, v, act, key);
	if (!v->loaded)
		return 0;
	switch (act) {
	case ACT_UP:
	case ACT_DOWN:
		rv_step(v, act == ACT_DOWN);
		break;
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		for (size_t i = 0; i < page; i++)
			rv_step(v, act == ACT_PAGE_DOWN);
		break;
	case ACT_FIRST:
		v->sel = 0;
		break;
	case ACT_LAST:
		v->sel = v->nlines ? v->nlines - 1 : 0;
		while (v->sel > 0 && v->lines[v->sel].kind == RV_LINE_NOTE)
			v->sel--;
		break;
	case ACT_TOGGLE:
		rv_tick(t, v);
		break;
	case ACT_BO_MISSING:
		rv_missing(t, v);
		break;
	case ACT_BO_SIGN:
		rv_ask_sign(t, v);
		break;
	case ACT_SELECT:
		if (v->nlines)
			case_view_open(t, v->app, v->r.cases[v->lines[v->sel].c].number);
		break;
	default:
		return 0;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static void rv_leave(struct tui *t, struct screen *s)
{
	struct regview *v = s->data;

	(void)t;
	bo_form_close(&v->form);
	rv_free(v);
	free(v);
}

static const struct screen_ops rv_screen = {
	.name = "register",
	.title = N_("材料交接单"),
	.keys = rv_keys,
	.draw = rv_draw,
	.handle = rv_handle,
	.leave = rv_leave,
};

int bo_register_open(struct tui *t, struct app *app, const char *number)
{
	struct regview *v = calloc(1, sizeof *v);

	if (!v) {
		tui_error(t, "%s", _("内存不足，无法打开交接单"));
		return -1;
	}
	v->app = app;
	snprintf(v->number, sizeof v->number, "%s", number);
	if (rv_load(t, v) != 0) {
		rv_free(v);
		free(v);
		return -1;
	}
	if (v->r.kind != REGISTER_MATERIALS) {
		tui_error(t, _("%s 是办理结果交接单，请在结果交接（71）中办理"), v->r.number);
		rv_free(v);
		free(v);
		return -1;
	}
	if (tui_push(t, &rv_screen, v) != 0) {
		rv_free(v);
		free(v);
		return -1;
	}
	return 0;
}
