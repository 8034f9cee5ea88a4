/*
 * issuing_issue.c — the issuing window (统一出件, code 72), for the
 * issuer.
 *
 * The list: cases waiting at the window (待出件: a licence, or a 不予许可
 * to serve), each with the day its result arrived, the working days it
 * has waited, the issuing limit (10 working days after the decision,
 * either way: 行政许可法 art. 44) and the days left or over, and whether
 * the applicant was told; 即办件 decided and not yet delivered (a 一件事
 * part completed when its prerequisite was approved), delivered here
 * too; and the delivered cases waiting to be archived.  Under the list, the
 * selected case's applicant and agent (who may collect), its result and
 * the notice or the delivery.
 *
 *   F2 n   notify: 1 phone, 2 SMS, 3 other, then a note, Enter
 *   F3 l   pickup: the collector's name and ID number, Enter: the ID's
 *          check digit is checked and the collector compared with the
 *          applicant and the agent on file (backoffice_collector) before
 *          anything is asked; the applicant or the agent: y once they
 *          signed; anyone else: y only once the issuer checked the
 *          written authorisation (委托书) they hold, recorded as such; a
 *          refusal is shown under the fields, kept to correct
 *   F4 e   post by EMS: waybill, address (the application's address
 *          filled in), recipient, Enter, y
 *   F5 g   archive a delivered case, y
 *   F6 d   the service receipt (送达回证) of a delivered case
 *   Enter  the case view
 *
 * After a delivery the screen offers the 送达回证 (y opens docview to
 * issue it).  Every action is the store's (backoffice.h), by the user
 * logged in, dated today.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/backoffice.h"
#include "yichuang/date.h"
#include "yichuang/document.h"
#include "yichuang/idcheck.h"
#include "yichuang/textwrap.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "cases.h"
#include "issuing.h"

#include "issuing_issue.h"

static const struct tui_binding issue_keys[] = {
	{ TK_SPECIAL | KEY_F(2), ACT_ISSUE_NOTIFY },
	{ 'n', ACT_ISSUE_NOTIFY },
	{ TK_SPECIAL | KEY_F(3), ACT_ISSUE_PICKUP },
	{ 'l', ACT_ISSUE_PICKUP },
	{ TK_SPECIAL | KEY_F(4), ACT_ISSUE_POST },
	{ 'e', ACT_ISSUE_POST },
	{ TK_SPECIAL | KEY_F(5), ACT_ISSUE_ARCHIVE },
	{ 'g', ACT_ISSUE_ARCHIVE },
	{ TK_SPECIAL | KEY_F(6), ACT_PREVIEW },
	{ 'd', ACT_PREVIEW },
	{ TK_SPECIAL | KEY_HOME, ACT_FIRST },
	{ TK_SPECIAL | KEY_END, ACT_LAST },
	{ 'q', ACT_BACK },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

/* ---- drawing ---------------------------------------------------------------------- */

struct issue_cols {
	int number, applicant, item, day, waited, left, notice;
};

/* Column widths at this terminal width (the item takes what is left). */
static struct issue_cols issue_columns(const struct tui *t)
{
	struct issue_cols w;
	int rest;

	w.number = tui_col(ISSUING_NUMBER_COLS, _("办件编号"));
	w.applicant = tui_col(6, _("申请人"));
	w.day = tui_col(tui_col(t->cols >= ISSUING_WIDE ? 10 : 5, _("到窗")), _("期限"));
	w.waited = tui_col(4, _("已等"));
	w.left = tui_col(8, _("时限"));
	w.notice = tui_col(6, _("通知"));
	rest = t->cols - 1 - 3 - (w.number + 1) - (w.applicant + 1) - 2 * (w.day + 1) -
	       (w.waited + 1) - (w.left + 1) - w.notice - 1;
	w.item = rest < 8 ? 8 : rest;
	return w;
}

static void issue_draw_header(struct tui *t, int y)
{
	struct issue_cols w = issue_columns(t);
	int x = 3;

	attrset(A_UNDERLINE);
	tui_put(y, 1, 2, "", 1);
	tui_put(y, x, w.number + 1, _("办件编号"), 1);
	x += w.number + 1;
	tui_put(y, x, w.applicant + 1, _("申请人"), 1);
	x += w.applicant + 1;
	tui_put(y, x, w.item + 1, _("事项"), 1);
	x += w.item + 1;
	tui_put(y, x, w.day + 1, _("到窗"), 1);
	x += w.day + 1;
	tui_put(y, x, w.waited + 1, _("已等"), 1);
	x += w.waited + 1;
	tui_put(y, x, w.day + 1, _("期限"), 1);
	x += w.day + 1;
	tui_put(y, x, w.left + 1, _("时限"), 1);
	x += w.left + 1;
	tui_put(y, x, t->cols - 1 - x, _("通知"), 1);
	attrset(A_NORMAL);
}

/* One case: number, applicant, item, then for a waiting case the day it
 * arrived, the days waited, the issuing limit, the days left or over
 * and the notice; for a delivered case the day and the way. */
static void issue_draw_case(struct tui *t, const struct issue *v, int y, size_t i, int selected)
{
	const struct backoffice_entry *e = &v->v[i];
	const struct case_fold *f = &e->fold;
	struct issue_cols w = issue_columns(t);
	char d[16], buf[128];
	int x = 3, left, arrived;

	if (selected)
		attrset(A_REVERSE);
	tui_put(y, 1, 2, selected ? ">" : "", 1);
	tui_put(y, x, w.number + 1, e->number, 1);
	x += w.number + 1;
	cases_put_cut(y, x, w.applicant, e->applicant_name);
	tui_put(y, x + w.applicant, 1, "", 1);
	x += w.applicant + 1;
	cases_put_cut(y, x, w.item, cases_item_short(v->app, e->item_code, e->item_name));
	tui_put(y, x + w.item, 1, "", 1);
	x += w.item + 1;
	if (f->state == CASE_DELIVERED) {
		tui_put(y, x, w.day + 1, issuing_day(t, f->ready_on, d, sizeof d), 1);
		x += w.day + 1;
		snprintf(buf, sizeof buf, _("%s 送达（%s）"), issuing_day(t, f->delivered_on, d, sizeof d),
			 f->delivery == CASE_DELIVERY_POST ? _("邮寄") : _("窗口领取"));
		tui_put(y, x, t->cols - 1 - x, buf, 1);
		return;
	}
	/* A 即办件 is at the window from its decision. */
	arrived = f->state == CASE_READY ? f->ready_on : f->decided_on;
	tui_put(y, x, w.day + 1, issuing_day(t, arrived, d, sizeof d), 1);
	x += w.day + 1;
	snprintf(buf, sizeof buf, _("%d日"), workdays_between(v->app->cal, arrived, v->today, NULL));
	tui_put(y, x, w.waited + 1, buf, 1);
	x += w.waited + 1;
	tui_put(y, x, w.day + 1, issuing_day(t, f->deliver_due_on, d, sizeof d), 1);
	x += w.day + 1;
	left = issue_days_left(v, f);
	if (left < 0)
		snprintf(buf, sizeof buf, _("超 %d 日"), -left);
	else
		snprintf(buf, sizeof buf, _("剩 %d 日"), left);
	if (left < 0 && !selected)
		attrset(t->color ? COLOR_PAIR(3) | A_BOLD : A_BOLD);
	tui_put(y, x, w.left + 1, buf, 1);
	attrset(selected ? A_REVERSE : A_NORMAL);
	x += w.left + 1;
	tui_put(y, x, t->cols - 1 - x, v->info[i].notice[0] ? v->info[i].notice : _("未通知"), 1);
}

static void issue_draw_row(struct tui *t, int y, const struct issuing_row *row, int selected,
			   void *arg)
{
	const struct issue *v = arg;
	char line[256];

	if (row->type == IR_CASE) {
		issue_draw_case(t, v, y, row->index, selected);
		return;
	}
	line[0] = '\0';
	switch (row->index) {
	case IT_READY:
		snprintf(line, sizeof line, _("待出件 %d 件（出件期限：决定后 10 个工作日）"), v->ready);
		break;
	case IT_INSTANT:
		snprintf(line, sizeof line, _("即办件（一件事前置办件准予后办结）：待送达 %d 件"), v->instant);
		break;
	case IT_DELIVERED:
		snprintf(line, sizeof line, _("已送达、待归档 %d 件"), v->delivered);
		break;
	case IT_READY_NONE:
		tui_put(y, 3, t->cols - 4, _("没有待出件的办件：签收办理结果交接单后办件列在这里"), 0);
		return;
	case IT_DELIVERED_NONE:
		tui_put(y, 3, t->cols - 4, _("没有"), 0);
		return;
	default:
		return;
	}
	attrset(A_BOLD);
	tui_put(y, 1, t->cols - 2, line, 0);
}

/* The selected case: who may collect, the result, notice or delivery. */
static void issue_draw_detail(struct tui *t, const struct issue *v, int y)
{
	const struct issuing_row *row = issuing_list_current(&v->list);
	const struct issue_info *in;

	if (!row)
		return;
	in = &v->info[row->index];
	cases_put_cut(y, 1, t->cols - 2, in->applicant);
	cases_put_cut(y + 1, 1, t->cols - 2, in->agent);
	cases_put_cut(y + 2, 1, t->cols - 2, in->result);
	if (v->v[row->index].fold.state == CASE_DELIVERED)
		cases_put_cut(y + 3, 1, t->cols - 2, in->delivery);
	else if (v->v[row->index].fold.state != CASE_READY)
		cases_put_cut(y + 3, 1, t->cols - 2, "");
	else if (in->notice_text[0])
		cases_put_cut(y + 3, 1, t->cols - 2, in->notice_text);
	else
		cases_put_cut(y + 3, 1, t->cols - 2, _("尚未通知申请人（按 n 记录通知）"));
}

/* Why the store refused the form, wrapped into `rows` rows from y (the
 * message line is too short for it). */
static void issue_draw_refusal(struct tui *t, const struct issue *v, int y, int rows)
{
	struct textwrap w;
	int width = t->cols - 2;

	textwrap_init(&w);
	if (textwrap_append(&w, v->refusal, width, 0) != 0 && w.n == 0) {
		textwrap_free(&w);
		cases_put_cut(y, 1, width, v->refusal);
		return;
	}
	attrset(A_BOLD);
	for (int r = 0; r < rows; r++) {
		const char *line = (size_t)r < w.n ? w.lines[r] : "";

		/* More lines than rows: the last row ends in ".." */
		if (r == rows - 1 && w.n > (size_t)rows) {
			int used = tui_put(y + r, 1, width - 2, line, 0);

			tui_put(y + r, 1 + used, width - used, "..", 1);
		} else {
			tui_put(y + r, 1, width, line, 1);
		}
	}
	attrset(A_NORMAL);
	textwrap_free(&w);
}

/* The form or question at the bottom, or the hint. */
static void issue_draw_form(struct tui *t, struct issue *v, int y)
{
	static const char *const pickup[] = { N_("领取人姓名："), N_("证件号码："), NULL };
	static const char *const post[] = { N_("EMS 运单号："), N_("收件地址："), N_("收件人：") };
	const char *const *labels = v->mode == IM_POST || v->mode == IM_POST_CONFIRM ? post : pickup;
	char line[512], a[ISSUE_TEXT_MAX * 4 + 1], b[ISSUE_TEXT_MAX * 4 + 1];
	int lw = 0, editing = v->mode == IM_PICKUP || v->mode == IM_POST || v->mode == IM_NOTE;

	if (v->mode == IM_PICKUP || v->mode == IM_PICKUP_CONFIRM || v->mode == IM_PICKUP_AUTH ||
	    v->mode == IM_POST || v->mode == IM_POST_CONFIRM) {
		for (int i = 0; i < v->nfields; i++)
			if (utf8_width(_(labels[i])) > lw)
				lw = utf8_width(_(labels[i]));
		for (int i = 0; i < v->nfields; i++)
			issuing_draw_field(y + i, 1, t->cols - 2, _(labels[i]), lw, &v->field[i],
					   editing && v->focus == i);
		if (v->refusal[0] && editing) {
			issue_draw_refusal(t, v, y + v->nfields, ISSUE_FORM_ROWS - v->nfields);
			return;
		}
		if (v->mode == IM_PICKUP)
			issuing_draw_prompt(t, y + 2, _("领取人须为申请人、代理人本人，或持书面委托书的受托人：核对身份证件原件"), 0);
	} else if (v->mode == IM_NOTE) {
		lw = utf8_width(_("说明："));
		snprintf(line, sizeof line, _("通知方式：%s"), v->channel ? casefsm_channel_label(v->channel)
			 : "");
		tui_put(y, 1, t->cols - 2, line, 0);
		issuing_draw_field(y + 1, 1, t->cols - 2, _("说明："), lw, &v->field[0], 1);
	}
	y += ISSUE_FORM_ROWS - 1;
	switch (v->mode) {
	case IM_LIST:
		issuing_draw_prompt(t, y, _("n 通知  l 领取  e 邮寄  g 归档  d 送达回证  Enter 办件详情"), 0);
		break;
	case IM_CHANNEL:
		snprintf(line, sizeof line, _("办件 %s 通知申请人的方式：1 电话  2 短信  3 其他；Esc 取消"),
			 v->number);
		issuing_draw_prompt(t, y, line, 1);
		break;
	case IM_NOTE:
		issuing_draw_prompt(t, y, _("说明可不填；Enter 记录通知，Esc 取消"), 1);
		break;
	case IM_PICKUP:
	case IM_POST:
		issuing_draw_prompt(t, y, _("Tab 或上下键换栏，Enter 完成，Esc 取消"), 1);
		break;
	case IM_PICKUP_CONFIRM:
		issuing_field_text(&v->field[0], a, sizeof a);
		utf8_snprintf(line, sizeof line, _("领取人 %s 是本办件的%s：证件号码与登记的一致"), a,
			      issue_relation_label(v->relation));
		issuing_draw_prompt(t, y - 1, line, 0);
		utf8_snprintf(line, sizeof line,
			      _("领取人 %s（%s）已核对证件并签字确认领取？y 确认，n 返回修改"), a,
			      issue_relation_label(v->relation));
		issuing_draw_prompt(t, y, line, 1);
		break;
	case IM_PICKUP_AUTH:
		issuing_field_text(&v->field[0], a, sizeof a);
		issuing_field_text(&v->field[1], b, sizeof b);
		utf8_snprintf(line, sizeof line, _("%s（%s）既不是申请人，也不是登记的代理人"), a, b);
		attrset(A_BOLD);
		tui_put(y - 1, 1, t->cols - 2, line, 1);
		attrset(A_NORMAL);
		issuing_draw_prompt(t, y, _("已核对其持有的书面委托书（委托书）并签字？y 已核对，n 返回修改"), 1);
		break;
	case IM_POST_CONFIRM:
		issuing_field_text(&v->field[0], a, sizeof a);
		utf8_snprintf(line, sizeof line, _("办件 %s 以 EMS %s 邮寄送达？y 确认，n 返回修改"),
			      v->number, a);
		issuing_draw_prompt(t, y, line, 1);
		break;
	case IM_ARCHIVE_CONFIRM:
		snprintf(line, sizeof line, _("办件 %s 归档（办结，不能再改）？y 归档，n 取消"), v->number);
		issuing_draw_prompt(t, y, line, 1);
		break;
	case IM_RECEIPT:
		snprintf(line, sizeof line, _("办件 %s 已送达。出具送达回证？y 预览并出具，n 不出具"),
			 v->number);
		issuing_draw_prompt(t, y, line, 1);
		break;
	}
}

static void issue_draw(struct tui *t, struct screen *s)
{
	struct issue *v = s->data;
	int y0 = tui_body_top(t), rows = tui_body_rows(t);
	int list = rows - 2 - ISSUE_DETAIL_ROWS - ISSUE_FORM_ROWS;
	char line[256], day[16];

	if (v->stale)
		issue_load(t, v, NULL);
	snprintf(line, sizeof line, _("%s 出件窗口：待出件 %d 件（超过出件期限 %d 件），已送达待归档 %d 件"),
		 date_format(v->today, day, sizeof day), v->ready, v->late, v->delivered);
	tui_put(y0, 1, t->cols - 2, line, 0);
	issue_draw_header(t, y0 + 1);
	issuing_list_draw(t, &v->list, y0 + 2, list, issue_draw_row, v);
	issue_draw_detail(t, v, y0 + 2 + list);
	issue_draw_form(t, v, y0 + 2 + list + ISSUE_DETAIL_ROWS);
}

/* ---- actions ------------------------------------------------------------------------ */

/* The selected case, or NULL with the reason told. */
static const struct backoffice_entry *issue_current(struct tui *t, struct issue *v)
{
	const struct issuing_row *row = issuing_list_current(&v->list);

	if (!row) {
		tui_error(t, "%s", _("没有可办理的办件"));
		return NULL;
	}
	return &v->v[row->index];
}

/* 1 when the selected case e may be notified or delivered; else says why. */
static int issue_may_deliver(struct tui *t, const struct backoffice_entry *e)
{
	if (e->fold.state == CASE_READY || issue_is_instant(e))
		return 1;
	if (e->fold.state == CASE_DELIVERED)
		tui_error(t, _("办件 %s 已送达；按 g 归档，按 d 出具送达回证"), e->number);
	else
		tui_error(t, _("办件 %s 的结果尚未交到出件窗口"), e->number);
	return 0;
}

/* Opens a form of nfields empty fields on case e. */
static void issue_form(struct issue *v, const struct backoffice_entry *e, enum issue_mode mode,
		       int nfields)
{
	static const size_t max[2][3] = {
		{ ISSUE_NAME_MAX, ISSUE_ID_MAX, 0 },
		{ ISSUE_ID_MAX, ISSUE_TEXT_MAX, ISSUE_NAME_MAX },
	};

	snprintf(v->number, sizeof v->number, "%s", e->number);
	v->refusal[0] = '\0';
	v->mode = mode;
	v->nfields = nfields;
	v->focus = 0;
	for (int i = 0; i < 3; i++)
		lineedit_init(&v->field[i], mode == IM_NOTE ? ISSUE_TEXT_MAX
			      : max[mode == IM_POST][i] ? max[mode == IM_POST][i] : 1);
	/* The recipient of a post is the applicant, at the application's
	 * address, unless changed. */
	if (mode == IM_POST) {
		lineedit_set(&v->field[2], e->applicant_name);
		for (size_t i = 0; i < v->n; i++)
			if (&v->v[i] == e && v->info[i].address[0])
				lineedit_set(&v->field[1], v->info[i].address);
	}
}

/* Enter on the note: records the notice. */
static void issue_notify(struct tui *t, struct issue *v)
{
	char note[ISSUE_TEXT_MAX * 4 + 1], err[YC_ERRSZ];

	issuing_field_text(&v->field[0], note, sizeof note);
	if (backoffice_notify(v->app->st, v->app->cal, v->number, v->app->user.name, v->today,
			      v->channel, *note ? note : NULL, err, sizeof err) != 0) {
		tui_error(t, _("通知未记录：%s"), err);
		return;
	}
	v->mode = IM_LIST;
	app_saved(v->app);
	cases_touch();
	issue_load(t, v, v->number);
	tui_message(t, _("已记录：%s 通知申请人领取办件 %s"), casefsm_channel_label(v->channel), v->number);
}

/* The store refused a delivery: its reason under the fields, the form
 * kept to correct. */
static void issue_refused(struct tui *t, struct issue *v, const char *err)
{
	utf8_snprintf(v->refusal, sizeof v->refusal, "%s", err);
	tui_error(t, "%s", _("未登记送达，原因见上；改正后按 Enter，或按 Esc 取消"));
}

/* y after the collector signed: the store checks the ID and records the
 * delivery; a refusal leaves the form to correct. */
static void issue_pickup(struct tui *t, struct issue *v)
{
	char name[ISSUE_NAME_MAX * 4 + 1], id[ISSUE_ID_MAX * 4 + 1], err[YC_ERRSZ];
	struct backoffice_pickup p;

	issuing_field_text(&v->field[0], name, sizeof name);
	issuing_field_text(&v->field[1], id, sizeof id);
	p.name = name;
	p.id_no = id;
	p.confirmed = 1;
	/* only asked, and only so, when the collector is neither the
	 * applicant nor the agent on file */
	p.authorised = v->mode == IM_PICKUP_AUTH;
	if (backoffice_pickup(v->app->st, v->app->cal, v->number, v->app->user.name, v->today, &p,
			      err, sizeof err) != 0) {
		v->mode = IM_PICKUP;
		issue_refused(t, v, err);
		return;
	}
	v->mode = IM_RECEIPT;
	app_saved(v->app);
	cases_touch();
	issue_load(t, v, "");
	tui_message(t, _("办件 %s 已由 %s 窗口领取，送达已登记"), v->number, name);
}

/* y on the post: the store checks the waybill and records the delivery. */
static void issue_post(struct tui *t, struct issue *v)
{
	char waybill[ISSUE_ID_MAX * 4 + 1], address[ISSUE_TEXT_MAX * 4 + 1];
	char recipient[ISSUE_NAME_MAX * 4 + 1], err[YC_ERRSZ];
	struct backoffice_post p;

	issuing_field_text(&v->field[0], waybill, sizeof waybill);
	issuing_field_text(&v->field[1], address, sizeof address);
	issuing_field_text(&v->field[2], recipient, sizeof recipient);
	p.waybill = waybill;
	p.address = address;
	p.recipient = recipient;
	if (backoffice_post(v->app->st, v->app->cal, v->number, v->app->user.name, v->today, &p,
			    err, sizeof err) != 0) {
		v->mode = IM_POST;
		issue_refused(t, v, err);
		return;
	}
	v->mode = IM_RECEIPT;
	app_saved(v->app);
	cases_touch();
	issue_load(t, v, "");
	tui_message(t, _("办件 %s 已交 EMS 邮寄（运单号 %s），送达已登记"), v->number, waybill);
}

/* y on the archive question. */
static void issue_archive(struct tui *t, struct issue *v)
{
	char err[YC_ERRSZ];

	v->mode = IM_LIST;
	if (backoffice_archive(v->app->st, v->app->cal, v->number, v->app->user.name, v->today,
			       err, sizeof err) != 0) {
		tui_error(t, _("未归档：%s"), err);
		return;
	}
	app_saved(v->app);
	cases_touch();
	issue_load(t, v, NULL);
	tui_message(t, _("办件 %s 已归档"), v->number);
}

/* The collector typed: the ID's check digit, then who they are for this
 * case, before any question is asked.  The applicant or the agent: the
 * signature question; someone else: the written authorisation's; a bad
 * number or a name that is not the one on file: the reason under the
 * fields, to correct. */
static void issue_pickup_check(struct tui *t, struct issue *v)
{
	char name[ISSUE_NAME_MAX * 4 + 1], id[ISSUE_ID_MAX * 4 + 1], err[YC_ERRSZ];
	struct idcheck_result idr;
	int rc;

	issuing_field_text(&v->field[0], name, sizeof name);
	issuing_field_text(&v->field[1], id, sizeof id);
	if (idcheck_any(id, &idr) != 0 && idr.kind != IDCHECK_ID15_LEGACY) {
		v->focus = 1;
		tui_error(t, _("证件号码有误：%s"), idr.msg);
		return;
	}
	rc = backoffice_collector(v->app->st, v->app->cal, v->number, name, id, &v->relation,
				  err, sizeof err);
	if (rc < 0) {
		issue_refused(t, v, err);
		return;
	}
	v->refusal[0] = '\0';
	v->mode = rc == 1 ? IM_PICKUP_CONFIRM : IM_PICKUP_AUTH;
}

/* Enter in a form: every field filled (the note may be empty), then the
 * question (or, for the note, the record). */
static void issue_form_done(struct tui *t, struct issue *v)
{
	static const char *const pickup[] = { N_("领取人姓名"), N_("证件号码") };
	static const char *const post[] = { N_("EMS 运单号"), N_("收件地址"), N_("收件人") };
	char buf[ISSUE_TEXT_MAX * 4 + 1];

	if (v->mode == IM_NOTE) {
		issue_notify(t, v);
		return;
	}
	for (int i = 0; i < v->nfields; i++)
		if (!*issuing_field_text(&v->field[i], buf, sizeof buf)) {
			v->focus = i;
			tui_error(t, _("请填写%s"), _(v->mode == IM_POST ? post[i] : pickup[i]));
			return;
		}
	if (v->mode == IM_POST) {
		v->mode = IM_POST_CONFIRM;
		return;
	}
	issue_pickup_check(t, v);
}

/* Keys while a form is open. */
static int issue_handle_form(struct tui *t, struct issue *v, enum tui_action act, int key)
{
	if (key == TK_ESC) {
		v->mode = IM_LIST;
		tui_message(t, "%s", _("已取消，没有登记"));
	} else if (key == TK_ENTER) {
		issue_form_done(t, v);
	} else if (key == TK_TAB || key == (TK_SPECIAL | KEY_DOWN)) {
		if (v->nfields > 0)
			v->focus = (v->focus + 1) % v->nfields;
	} else if (key == (TK_SPECIAL | KEY_BTAB) || key == (TK_SPECIAL | KEY_UP)) {
		if (v->nfields > 0)
			v->focus = (v->focus + v->nfields - 1) % v->nfields;
	} else if (act == ACT_HELP || act == ACT_QUIT) {
		return 0;
	} else if (!issuing_edit_key(&v->field[v->mode == IM_NOTE ? 0 : v->focus], key)) {
		return 0;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* Keys while a question waits for y or n (or the channel's digit). */
static int issue_handle_question(struct tui *t, struct issue *v, enum tui_action act, int key)
{
	int yes = key == 'y' || key == 'Y', no = key == 'n' || key == 'N' || act == ACT_BACK;

	if (act == ACT_HELP || act == ACT_QUIT)
		return 0;
	switch (v->mode) {
	case IM_CHANNEL:
		if (key >= '1' && key < '1' + (int)NCHANNELS) {
			v->channel = issue_channels[key - '1'];
			v->mode = IM_NOTE;
		} else if (act == ACT_BACK) {
			v->mode = IM_LIST;
			tui_message(t, "%s", _("已取消，没有记录通知"));
		} else {
			tui_error(t, "%s", _("请按 1 电话、2 短信或 3 其他，或按 Esc 取消"));
		}
		break;
	case IM_PICKUP_CONFIRM:
	case IM_PICKUP_AUTH:
	case IM_POST_CONFIRM:
		if (yes && v->mode != IM_POST_CONFIRM)
			issue_pickup(t, v);
		else if (yes)
			issue_post(t, v);
		else if (no)
			v->mode = v->mode == IM_POST_CONFIRM ? IM_POST : IM_PICKUP;
		else if (v->mode == IM_PICKUP_AUTH)
			tui_error(t, "%s", _("请按 y（已核对委托书），或按 n 返回修改"));
		else
			tui_error(t, "%s", _("请按 y 确认，或按 n 返回修改"));
		break;
	case IM_ARCHIVE_CONFIRM:
		if (yes) {
			issue_archive(t, v);
		} else if (no) {
			v->mode = IM_LIST;
			tui_message(t, _("办件 %s 未归档"), v->number);
		} else {
			tui_error(t, "%s", _("请按 y 归档，或按 n 取消"));
		}
		break;
	case IM_RECEIPT:
		if (yes) {
			v->mode = IM_LIST;
			v->stale = 1;
			docview_open(t, v->app, v->number, DOC_SERVICE_RECEIPT, 1);
		} else if (no) {
			v->mode = IM_LIST;
			tui_message(t, _("未出具送达回证；需要时选中办件 %s 按 d"), v->number);
		} else {
			tui_error(t, "%s", _("请按 y 出具送达回证，或按 n 不出具"));
		}
		break;
	default:
		break;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static int issue_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct issue *v = s->data;
	const struct backoffice_entry *e;

	switch (v->mode) {
	case IM_NOTE:
	case IM_PICKUP:
	case IM_POST:
		return issue_handle_form(t, v, act, key);
	case IM_LIST:
		break;
	default:
		return issue_handle_question(t, v, act, key);
	}
	if (issuing_list_move(&v->list, act))
		return TUI_HANDLED | TUI_REDRAW;
	switch (act) {
	case ACT_ISSUE_NOTIFY:
		e = issue_current(t, v);
		if (e && issue_may_deliver(t, e)) {
			snprintf(v->number, sizeof v->number, "%s", e->number);
			issue_form(v, e, IM_NOTE, 1);
			v->mode = IM_CHANNEL;
		}
		break;
	case ACT_ISSUE_PICKUP:
		e = issue_current(t, v);
		if (e && issue_may_deliver(t, e))
			issue_form(v, e, IM_PICKUP, 2);
		break;
	case ACT_ISSUE_POST:
		e = issue_current(t, v);
		if (e && issue_may_deliver(t, e))
			issue_form(v, e, IM_POST, 3);
		break;
	case ACT_ISSUE_ARCHIVE:
		e = issue_current(t, v);
		if (!e)
			break;
		if (e->fold.state != CASE_DELIVERED) {
			tui_error(t, _("办件 %s 尚未送达，送达后才能归档"), e->number);
			break;
		}
		snprintf(v->number, sizeof v->number, "%s", e->number);
		v->mode = IM_ARCHIVE_CONFIRM;
		break;
	case ACT_PREVIEW:
		e = issue_current(t, v);
		if (!e)
			break;
		if (e->fold.state != CASE_DELIVERED) {
			tui_error(t, _("办件 %s 尚未送达：送达回证在领取或邮寄后出具"), e->number);
			break;
		}
		v->stale = 1;
		docview_open(t, v->app, e->number, DOC_SERVICE_RECEIPT, 1);
		break;
	case ACT_SELECT:
		e = issue_current(t, v);
		if (!e)
			break;
		v->stale = 1;
		case_view_open(t, v->app, e->number);
		break;
	default:
		return 0;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static void issue_leave(struct tui *t, struct screen *s)
{
	struct issue *v = s->data;

	(void)t;
	issue_free_data(v);
	issuing_list_free(&v->list);
	free(v);
}

static const struct screen_ops issue_screen = {
	.name = "issue",
	.title = N_("统一出件"),
	.keys = issue_keys,
	.draw = issue_draw,
	.handle = issue_handle,
	.leave = issue_leave,
};

int issue_open(struct tui *t, struct app *app)
{
	struct issue *v;

	if (app->user.role != ROLE_ISSUER) {
		tui_error(t, _("出件：您的角色（%s）不能使用；由统一出件窗口人员办理"),
			  auth_role_label(app->user.role));
		return -1;
	}
	v = calloc(1, sizeof *v);
	if (!v) {
		tui_error(t, "%s", _("内存不足，无法打开出件"));
		return -1;
	}
	v->app = app;
	v->today = date_today();
	issuing_list_init(&v->list);
	if (issue_load(t, v, NULL) != 0 || tui_push(t, &issue_screen, v) != 0) {
		issue_leave(t, &(struct screen){ .ops = &issue_screen, .data = v });
		return -1;
	}
	return 0;
}
