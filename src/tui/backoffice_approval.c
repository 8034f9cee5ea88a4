/*
 * backoffice_approval.c — 审批 (transaction code 61): the approval panel
 * of one case, opened from the queue (backoffice_queue.c).
 *
 * The panel shows the case's dates, deadline, extension, special
 * procedures and the materials found missing on hand-over, and what may
 * be done now:
 *   F2 r  开始审查 (a case that came without a register)
 *   F4 s  特别程序: the procedure (1-4), the reason and the day it is
 *         expected to end (told to the applicant, may be empty); in
 *         特别程序: end it and resume the clock
 *   F6 e  延期: working days (1-10) and the reason, once, on or before
 *         the promised date
 *   F9 d  决定: 1 准予许可 (result name, licence number, valid until) or
 *         2 不予许可 (reasons; the remedies are the documents' settings)
 *   F3 t  the case view
 * The key bar shows only what may be done now (an extension once used
 * or too late is left out).  What the screen can check (the days of an
 * extension, a validity date in the past, a date's form) is checked
 * before the y/n question; every action then asks y/n with what will be
 * written; n goes back to the form with what was typed.  The store checks
 * role, department and state and its refusal is shown as it is.  After a 不予许可, a 特别程序 or an
 * extension the panel offers the notice to the applicant (docview.c).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/backoffice.h"
#include "yichuang/date.h"
#include "yichuang/document.h"
#include "yichuang/util.h"
#include "backoffice.h"
#include "cases.h"

#define AP_TEXT_MAX 200		/* code points of a reason */

/* ---- the panel ------------------------------------------------------------- */

/* What the panel is about to do. */
enum ap_action {
	AP_NONE = 0,
	AP_REVIEW,
	AP_SPECIAL,
	AP_RESUME,
	AP_EXTEND,
	AP_APPROVE,
	AP_DENY
};

enum ap_mode {
	AP_NORMAL = 0,
	AP_CHOOSE_PROC,		/* 1-4: which special procedure */
	AP_CHOOSE_DECISION,	/* 1 approve, 2 deny */
	AP_CONFIRM,		/* y/n of `pending` */
	AP_OFFER_DOC		/* y/n: preview the notice `doc` */
};

static const struct {
	const char *name;
	const char *label;
} ap_procs[] = {
	{ "hearing", N_("听证") },
	{ "inspection", N_("检验检测") },
	{ "expert", N_("专家评审") },
	{ "other", N_("其他") },
};
#define AP_NPROCS (sizeof ap_procs / sizeof ap_procs[0])

struct apanel {
	struct app *app;
	char number[CASENO_TEXT_MAX];
	struct case_record rec;
	int loaded;
	int stale;		/* read again before drawing (back from a view) */
	int warn_days;
	struct register_discrepancy *disc;
	size_t ndisc;
	enum ap_mode mode;
	enum ap_action pending;
	size_t proc;		/* AP_SPECIAL: index into ap_procs */
	int days;		/* AP_EXTEND */
	int valid_until;	/* AP_APPROVE: 0 for no limit */
	int expected_end;	/* AP_SPECIAL: 0 when not given */
	char question[512];	/* the AP_CONFIRM text */
	enum doc_kind doc;	/* AP_OFFER_DOC */
	struct bo_form form;	/* kept (inactive) while confirming */
};

static const struct tui_binding ap_keys[] = {
	{ TK_SPECIAL | KEY_F(2), ACT_BO_REVIEW },
	{ 'r', ACT_BO_REVIEW },
	{ TK_SPECIAL | KEY_F(3), ACT_TIMELINE },
	{ 't', ACT_TIMELINE },
	{ TK_SPECIAL | KEY_F(4), ACT_BO_SPECIAL },
	{ 's', ACT_BO_SPECIAL },
	{ TK_SPECIAL | KEY_F(6), ACT_BO_EXTEND },
	{ 'e', ACT_BO_EXTEND },
	{ TK_SPECIAL | KEY_F(9), ACT_BO_DECIDE },
	{ 'd', ACT_BO_DECIDE },
	{ 'q', ACT_BACK },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

/* (Re)reads the case and what its hand-over found missing. */
static int ap_load(struct tui *t, struct apanel *p)
{
	char err[YC_ERRSZ];
	int rc;

	if (p->loaded)
		case_record_free(&p->rec);
	register_discrepancies_free(p->disc, p->ndisc);
	p->disc = NULL;
	p->ndisc = 0;
	p->loaded = 0;
	p->stale = 0;
	rc = case_load(p->app->st, p->app->cal, p->number, &p->rec, err, sizeof err);
	if (rc <= 0) {
		if (rc == 0)
			tui_error(t, _("本工作站没有办件 %s"), p->number);
		else
			tui_error(t, _("无法读取办件 %s：%s"), p->number, err);
		return -1;
	}
	p->loaded = 1;
	snprintf(p->number, sizeof p->number, "%s", p->rec.number);
	if (register_case_discrepancies(p->app->st, p->number, &p->disc, &p->ndisc,
					err, sizeof err) != 0)
		tui_error(t, _("读取交接差异失败：%s"), err);
	return 0;
}

/* "标签  2026-11-20" pairs on one line; day 0 is left out. */
static void ap_dates(char *buf, size_t bufsz, const char *l1, int d1, const char *l2, int d2,
		     const char *l3, int d3)
{
	const char *labels[3] = { l1, l2, l3 };
	int days[3] = { d1, d2, d3 };
	size_t o = 0;

	buf[0] = '\0';
	for (int i = 0; i < 3; i++) {
		char d[16];
		int w;

		if (days[i] <= 0 || !labels[i])
			continue;
		w = snprintf(buf + o, bufsz - o, "%s%s %s", o ? "    " : "", labels[i],
			     date_format(days[i], d, sizeof d));
		if (w < 0 || (size_t)w >= bufsz - o)
			break;
		o += (size_t)w;
	}
}

/* One action line of the panel: its key and what it does. */
static int ap_action_line(struct tui *t, int y, const char *keys, const char *what)
{
	char line[512];

	snprintf(line, sizeof line, "  %-8s%s", keys, what);
	cases_put_cut(y, 1, t->cols - 2, line);
	return y + 1;
}

/* 1 when the case may be extended today: allowed by the state machine
 * (once, under review) and the promised date not yet passed. */
static int ap_can_extend(const struct case_fold *f)
{
	return casefsm_allowed(f, CASE_EV_EXTENDED) &&
	       !(f->promised_on && date_today() > f->promised_on);
}

/* The key bar and help: only the actions the case allows now. */
static int ap_enabled(struct tui *t, struct screen *s, enum tui_action act)
{
	const struct apanel *p = s->data;
	const struct case_fold *f = &p->rec.fold;

	(void)t;
	if (!p->loaded)
		return 1;
	switch (act) {
	case ACT_BO_REVIEW:
		return casefsm_allowed(f, CASE_EV_REVIEW_STARTED);
	case ACT_BO_SPECIAL:
		return casefsm_allowed(f, CASE_EV_SPECIAL_STARTED) ||
		       casefsm_allowed(f, CASE_EV_SPECIAL_ENDED);
	case ACT_BO_EXTEND:
		return ap_can_extend(f);
	case ACT_BO_DECIDE:
		return casefsm_allowed(f, CASE_EV_DECIDED);
	default:
		return 1;
	}
}

/* The case's facts, what may be done now, then the form or the question
 * over the bottom rows. */
static void ap_draw(struct tui *t, struct screen *s)
{
	struct apanel *p = s->data;
	const struct case_fold *f;
	struct bo_deadline dl;
	int y = tui_body_top(t), w = t->cols - 2, bottom = y + tui_body_rows(t) - 1;
	char line[1024], label[128], left[32], st[512], d[16];

	if (p->stale)
		ap_load(t, p);
	if (!p->loaded)
		return;
	f = &p->rec.fold;
	bo_deadline(f, date_today(), p->warn_days, p->app->cal, &dl);
	attrset(A_BOLD);
	snprintf(line, sizeof line, _("办件 %s    %s"), p->rec.number,
		 casefsm_fold_label(f, label, sizeof label));
	cases_put_cut(y++, 1, w, line);
	attrset(A_NORMAL);
	snprintf(line, sizeof line, _("事项：%s（承诺 %d %s）"),
		 *p->rec.item_name ? p->rec.item_name : p->rec.item_code, f->promised_limit,
		 catalog_unit_name(f->promised_unit));
	cases_put_cut(y++, 1, w, line);
	snprintf(line, sizeof line, _("申请人：%s"), p->rec.applicant_name);
	cases_put_cut(y++, 1, w, line);
	ap_dates(line, sizeof line, _("受理"), f->accepted_on, _("承诺办结"), f->promised_on,
		 _("交接"), f->handed_over_on);
	cases_put_cut(y++, 1, w, line);
	ap_dates(line, sizeof line, _("开始审查"), f->review_started_on, _("决定"), f->decided_on,
		 _("结果到窗口"), f->ready_on);
	if (line[0])
		cases_put_cut(y++, 1, w, line);
	bo_left_text(f, &dl, left, sizeof left);
	supervise_status_text(dl.status, st, sizeof st);
	snprintf(line, sizeof line, _("时限：%s%s%s"), left[0] ? left : "",
		 left[0] ? _("；") : "", st[0] ? st : supervise_level_label(SUPERVISE_OK));
	bo_level_attr(t, dl.level);
	cases_put_cut(y++, 1, w, line);
	attrset(A_NORMAL);
	if (f->extension_days)
		snprintf(line, sizeof line, _("延期：已延长 %d 个工作日（%s 批准），不能再延期"),
			 f->extension_days, date_format(f->extended_on, d, sizeof d));
	else if (f->promised_on && date_today() > f->promised_on && !f->decided_on)
		snprintf(line, sizeof line, _("延期：承诺办结日 %s 已过，不能再延期"),
			 date_format(f->promised_on, d, sizeof d));
	else
		snprintf(line, sizeof line, "%s", _("延期：未延期（可延长 1-10 个工作日，只能一次）"));
	cases_put_cut(y++, 1, w, line);
	if (f->special_since)
		snprintf(line, sizeof line, _("特别程序：进行中，自 %s 起，计时暂停"),
			 date_format(f->special_since, d, sizeof d));
	else if (f->specials)
		snprintf(line, sizeof line, _("特别程序：已进行 %d 次，均已结束（暂停 %d 个工作日）"),
			 f->specials, f->paused_days);
	else
		snprintf(line, sizeof line, "%s", _("特别程序：无"));
	cases_put_cut(y++, 1, w, line);
	for (size_t i = 0; i < p->ndisc && y < bottom - 6; i++) {
		snprintf(line, sizeof line, _("交接差异：%s（%s 登记）"), p->disc[i].text,
			 p->disc[i].recorded_by);
		attrset(t->color ? COLOR_PAIR(3) : A_BOLD);
		cases_put_cut(y++, 1, w, line);
		attrset(A_NORMAL);
	}
	y++;
	attrset(A_BOLD);
	tui_put(y++, 1, w, _("现在可以办理："), 0);
	attrset(A_NORMAL);
	if (casefsm_allowed(f, CASE_EV_REVIEW_STARTED))
		y = ap_action_line(t, y, "F2 r", _("开始审查（材料未经交接单送达时）"));
	if (casefsm_allowed(f, CASE_EV_SPECIAL_STARTED))
		y = ap_action_line(t, y, "F4 s", _("特别程序：听证、检验检测、专家评审（计时暂停）"));
	if (casefsm_allowed(f, CASE_EV_SPECIAL_ENDED))
		y = ap_action_line(t, y, "F4 s", _("结束特别程序，恢复计时"));
	if (ap_can_extend(f))
		y = ap_action_line(t, y, "F6 e", _("延期（1-10 个工作日，写明理由）"));
	if (casefsm_allowed(f, CASE_EV_DECIDED))
		y = ap_action_line(t, y, "F9 d", _("审批决定：准予许可或不予许可"));
	if (f->state == CASE_DECIDED)
		y = ap_action_line(t, y, "", _("已作出决定：请在结果交接（71）中把结果交出件窗口"));
	y = ap_action_line(t, y, "F3 t", _("查看办件详情、材料和办理过程"));
	(void)y;

	if (p->form.active) {
		bo_form_draw(t, &p->form);
		return;
	}
	switch (p->mode) {
	case AP_CHOOSE_PROC: {
		size_t o = (size_t)snprintf(line, sizeof line, "%s", _(" 特别程序："));

		for (size_t i = 0; i < AP_NPROCS && o < sizeof line; i++)
			o += (size_t)snprintf(line + o, sizeof line - o, "%zu %s  ", i + 1,
					      _(ap_procs[i].label));
		if (o < sizeof line)
			snprintf(line + o, sizeof line - o, "%s", _("Esc 取消"));
		bo_draw_question(t, line);
		break;
	}
	case AP_CHOOSE_DECISION:
		bo_draw_question(t, _(" 审批决定：1 准予许可  2 不予许可  Esc 取消"));
		break;
	case AP_CONFIRM:
		bo_draw_question(t, p->question);
		break;
	case AP_OFFER_DOC:
		snprintf(line, sizeof line, _(" 现在预览%s（交申请人）？y 预览，n 以后再说"),
			 doc_kind_title(p->doc));
		bo_draw_question(t, line);
		break;
	default:
		break;
	}
}

/* ---- acting ------------------------------------------------------------ */

/* Opens the form of action a (the procedure already chosen). */
static void ap_form(struct apanel *p, enum ap_action a)
{
	const struct catalog_item *it = cases_item(p->app, p->rec.item_code);
	char title[256];

	p->pending = a;
	switch (a) {
	case AP_SPECIAL:
		snprintf(title, sizeof title, _(" 特别程序（%s）：写明理由，将书面告知申请人"),
			 _(ap_procs[p->proc].label));
		bo_form_open(&p->form, a, title);
		bo_form_add(&p->form, _("理由"), AP_TEXT_MAX, NULL, 0);
		bo_form_add(&p->form, _("预计结束日期（可空）"), 10, NULL, 0);
		break;
	case AP_EXTEND:
		bo_form_open(&p->form, a, _(" 延期：经本机关负责人批准，延长审批期限"));
		bo_form_add(&p->form, _("延长工作日数（1-10）"), 2, NULL, 0);
		bo_form_add(&p->form, _("理由"), AP_TEXT_MAX, NULL, 0);
		break;
	case AP_APPROVE:
		bo_form_open(&p->form, a, _(" 准予许可：结果名称、证照编号和有效期"));
		bo_form_add(&p->form, _("结果名称"), AP_TEXT_MAX, it && it->result ? it->result : NULL, 0);
		bo_form_add(&p->form, _("证照编号"), 64, NULL, 0);
		bo_form_add(&p->form, _("有效期至（可空）"), 10, NULL, 0);
		p->form.cur = 1;
		break;
	case AP_DENY:
		bo_form_open(&p->form, a, _(" 不予许可：写明理由（救济途径按文书设置印在决定书上）"));
		bo_form_add(&p->form, _("不予许可的理由"), AP_TEXT_MAX, NULL, 0);
		break;
	default:
		break;
	}
}

/* The form was submitted: checks what the screen can, then asks y/n. */
static void ap_form_done(struct tui *t, struct apanel *p)
{
	char a[LINEEDIT_MAX * 4 + 1], b[LINEEDIT_MAX * 4 + 1], c[LINEEDIT_MAX * 4 + 1];
	char d[16], d2[16], *end;
	int today = date_today();
	long days;

	bo_form_value(&p->form, 0, a, sizeof a);
	bo_form_value(&p->form, 1, b, sizeof b);
	bo_form_value(&p->form, 2, c, sizeof c);
	switch (p->pending) {
	case AP_SPECIAL:
		p->expected_end = 0;
		if (!a[0]) {
			tui_error(t, "%s", _("启动特别程序须写明理由"));
			p->form.cur = 0;
			return;
		}
		if (b[0] && date_parse(b, &p->expected_end) != 0) {
			tui_error(t, _("预计结束日期“%s”不是有效日期：请写成 YYYY-MM-DD，或留空"), b);
			p->form.cur = 1;
			return;
		}
		if (p->expected_end && p->expected_end < today) {
			tui_error(t, _("预计结束日期 %s 早于今天 %s：请填写今后的日期"),
				  date_format(p->expected_end, d, sizeof d),
				  date_format(today, d2, sizeof d2));
			p->form.cur = 1;
			return;
		}
		if (p->expected_end)
			utf8_snprintf(p->question, sizeof p->question,
				      _(" 特别程序（%s）预计 %s 结束，计时暂停？y 确认，n 返回修改"),
				      _(ap_procs[p->proc].label),
				      date_format(p->expected_end, d, sizeof d));
		else
			utf8_snprintf(p->question, sizeof p->question,
				      _(" 启动特别程序（%s），计时暂停至程序结束？y 确认，n 返回修改"),
				      _(ap_procs[p->proc].label));
		break;
	case AP_EXTEND:
		days = strtol(a, &end, 10);
		if (!a[0] || *end || days < 1 || days > CASEFSM_EXTENSION_MAX) {
			tui_error(t, _("延长工作日数“%s”无效：经负责人批准最多延长 %d 个工作日，请填 1 到 %d"),
				  a, CASEFSM_EXTENSION_MAX, CASEFSM_EXTENSION_MAX);
			p->form.cur = 0;
			return;
		}
		if (!b[0]) {
			tui_error(t, "%s", _("延期须写明理由（经本机关负责人批准，并告知申请人）"));
			p->form.cur = 1;
			return;
		}
		p->days = (int)days;
		utf8_snprintf(p->question, sizeof p->question,
			      _(" 延期 %d 个工作日（只能延期一次）？y 确认，n 返回修改"), p->days);
		break;
	case AP_APPROVE:
		p->valid_until = 0;
		if (!b[0]) {
			tui_error(t, "%s", _("准予许可须填写证照编号（许可证号）"));
			p->form.cur = 1;
			return;
		}
		if (c[0] && date_parse(c, &p->valid_until) != 0) {
			tui_error(t, _("有效期“%s”不是有效日期：请写成 YYYY-MM-DD，或留空表示长期有效"), c);
			p->form.cur = 2;
			return;
		}
		if (p->valid_until && p->valid_until <= today) {
			tui_error(t, _("有效期至 %s 不在今天（%s）之后：请核对有效期"),
				  date_format(p->valid_until, d, sizeof d),
				  date_format(today, d2, sizeof d2));
			p->form.cur = 2;
			return;
		}
		utf8_snprintf(p->question, sizeof p->question,
			      _(" 准予许可：证号 %s，有效期至 %s？y 确认，n 返回修改"), b,
			      p->valid_until ? date_format(p->valid_until, d, sizeof d) : _("长期"));
		break;
	case AP_DENY:
		if (!a[0]) {
			tui_error(t, "%s", _("不予许可须写明理由（行政许可法第三十八条）"));
			p->form.cur = 0;
			return;
		}
		utf8_snprintf(p->question, sizeof p->question, "%s",
			      _(" 不予许可（决定后不能更改）？y 确认，n 返回修改"));
		break;
	default:
		return;
	}
	p->form.active = 0;	/* kept for n */
	p->mode = AP_CONFIRM;
}

/* After a write: the case again, the queue stale, sync told; offer: the
 * notice to the applicant that goes with it is offered for preview. */
static void ap_done(struct tui *t, struct apanel *p, int offer, enum doc_kind doc)
{
	bo_form_close(&p->form);
	p->mode = AP_NORMAL;
	p->pending = AP_NONE;
	app_saved(p->app);
	cases_touch();
	ap_load(t, p);
	if (offer) {
		p->doc = doc;
		p->mode = AP_OFFER_DOC;
	}
}

/* y: does the pending action through the store. */
static void ap_execute(struct tui *t, struct apanel *p)
{
	struct store *st = p->app->st;
	const char *user = p->app->user.name, *n = p->number;
	char a[LINEEDIT_MAX * 4 + 1], b[LINEEDIT_MAX * 4 + 1], err[YC_ERRSZ], d[16];
	int day = date_today(), rc = -1;
	struct backoffice_decision dec;

	bo_form_value(&p->form, 0, a, sizeof a);
	bo_form_value(&p->form, 1, b, sizeof b);
	memset(&dec, 0, sizeof dec);
	switch (p->pending) {
	case AP_REVIEW:
		rc = backoffice_review(st, p->app->cal, n, user, day, err, sizeof err);
		break;
	case AP_SPECIAL:
		rc = backoffice_special(st, p->app->cal, n, user, day, ap_procs[p->proc].name, a,
					p->expected_end, err, sizeof err);
		break;
	case AP_RESUME:
		rc = backoffice_resume(st, p->app->cal, n, user, day, err, sizeof err);
		break;
	case AP_EXTEND:
		rc = backoffice_extend(st, p->app->cal, n, user, day, p->days, b, err, sizeof err);
		break;
	case AP_APPROVE:
		dec.decision = CASE_DECISION_APPROVE;
		dec.result = a;
		dec.licence_no = b;
		dec.valid_until = p->valid_until;
		rc = backoffice_decide(st, p->app->cal, n, user, day, &dec, err, sizeof err);
		break;
	case AP_DENY:
		dec.decision = CASE_DECISION_DENY;
		dec.reasons = a;
		rc = backoffice_decide(st, p->app->cal, n, user, day, &dec, err, sizeof err);
		break;
	default:
		return;
	}
	if (rc != 0) {
		tui_error(t, _("未办理：%s"), err);
		/* back to the form, so the refused value can be corrected */
		if (p->form.nfields) {
			p->form.active = 1;
			p->mode = AP_NORMAL;
		} else {
			p->mode = AP_NORMAL;
			p->pending = AP_NONE;
		}
		return;
	}
	switch (p->pending) {
	case AP_REVIEW:
		ap_done(t, p, 0, DOC_ACCEPTANCE);
		tui_message(t, _("办件 %s 已开始审查"), n);
		break;
	case AP_SPECIAL:
		ap_done(t, p, 1, DOC_SPECIAL);
		tui_message(t, _("办件 %s 已启动特别程序，计时暂停；结束后按 F4 恢复计时"), n);
		break;
	case AP_RESUME:
		ap_done(t, p, 0, DOC_ACCEPTANCE);
		tui_message(t, _("办件 %s 特别程序已结束，恢复计时：承诺办结日 %s"), n,
			    date_format(p->rec.fold.promised_on, d, sizeof d));
		break;
	case AP_EXTEND:
		ap_done(t, p, 1, DOC_EXTENSION);
		tui_message(t, _("办件 %s 已延期 %d 个工作日：承诺办结日改为 %s"), n,
			    p->rec.fold.extension_days, date_format(p->rec.fold.promised_on, d, sizeof d));
		break;
	case AP_APPROVE:
		ap_done(t, p, 0, DOC_ACCEPTANCE);
		tui_message(t, _("办件 %s 已准予许可：请在结果交接（71）中把结果交出件窗口"), n);
		break;
	case AP_DENY:
		ap_done(t, p, 1, DOC_DENIAL);
		tui_message(t, _("办件 %s 已作出不予许可决定"), n);
		break;
	default:
		break;
	}
}

/* A key while a choice, a confirmation or the offer is asked. */
static int ap_handle_mode(struct tui *t, struct apanel *p, enum tui_action act, int key)
{
	if (act == ACT_HELP || act == ACT_QUIT)
		return 0;
	switch (p->mode) {
	case AP_CHOOSE_PROC:
		if (key >= '1' && key < '1' + (int)AP_NPROCS) {
			p->proc = (size_t)(key - '1');
			p->mode = AP_NORMAL;
			ap_form(p, AP_SPECIAL);
		} else if (act == ACT_BACK) {
			p->mode = AP_NORMAL;
			tui_message(t, "%s", _("未启动特别程序"));
		} else {
			tui_error(t, _("请按 1-%zu 选择特别程序，或按 Esc 取消"), AP_NPROCS);
		}
		break;
	case AP_CHOOSE_DECISION:
		if (key == '1' || key == '2') {
			p->mode = AP_NORMAL;
			ap_form(p, key == '1' ? AP_APPROVE : AP_DENY);
		} else if (act == ACT_BACK) {
			p->mode = AP_NORMAL;
			tui_message(t, "%s", _("未作出决定"));
		} else {
			tui_error(t, "%s", _("请按 1（准予许可）或 2（不予许可），或按 Esc 取消"));
		}
		break;
	case AP_CONFIRM:
		if (key == 'y' || key == 'Y') {
			ap_execute(t, p);
		} else if ((key == 'n' || key == 'N') && p->form.nfields) {
			p->mode = AP_NORMAL;
			p->form.active = 1;
			tui_message(t, "%s", _("请修改后在最后一栏按 Enter"));
		} else if (key == 'n' || key == 'N' || act == ACT_BACK) {
			bo_form_close(&p->form);
			p->mode = AP_NORMAL;
			p->pending = AP_NONE;
			tui_message(t, "%s", _("已取消，未写入"));
		} else {
			tui_error(t, "%s", _("请按 y 确认，或按 n 返回"));
		}
		break;
	case AP_OFFER_DOC:
		if (key == 'y' || key == 'Y') {
			p->mode = AP_NORMAL;
			p->stale = 1;
			docview_open(t, p->app, p->number, (int)p->doc, 1);
		} else if (key == 'n' || key == 'N' || act == ACT_BACK) {
			p->mode = AP_NORMAL;
			tui_message(t, _("%s可在办件详情（F3）中按 F5 预览、F6 打印"),
				    doc_kind_title(p->doc));
		} else {
			tui_error(t, "%s", _("请按 y 预览，或按 n 以后再说"));
		}
		break;
	default:
		break;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* 1 when event type may follow now; else says why on the message line. */
static int ap_may(struct tui *t, struct apanel *p, enum case_event_type type, const char *what)
{
	char label[128];

	if (type == CASE_EV_EXTENDED && casefsm_allowed(&p->rec.fold, type) &&
	    p->rec.fold.promised_on && date_today() > p->rec.fold.promised_on) {
		tui_error(t, _("承诺办结日 %s 已过，不能再延期（行政许可法第四十二条）：请尽快决定"),
			  date_format(p->rec.fold.promised_on, label, sizeof label));
		return 0;
	}
	if (casefsm_allowed(&p->rec.fold, type))
		return 1;
	if (type == CASE_EV_EXTENDED && p->rec.fold.extension_days)
		tui_error(t, _("已延期 %d 个工作日，只能延期一次（行政许可法第四十二条）"),
			  p->rec.fold.extension_days);
	else if (p->rec.fold.state == CASE_ACCEPTED)
		tui_error(t, _("尚未开始审查，不能%s：请先签收材料交接单（51）或按 F2 开始审查"), what);
	else
		tui_error(t, _("状态为“%s”的办件不能%s"),
			  casefsm_fold_label(&p->rec.fold, label, sizeof label), what);
	return 0;
}

/* The form first, then a pending question, then the actions. */
static int ap_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct apanel *p = s->data;

	if (p->form.active) {
		switch (bo_form_handle(&p->form, act, key)) {
		case BO_FORM_SUBMIT:
			ap_form_done(t, p);
			break;
		case BO_FORM_CANCEL:
			bo_form_close(&p->form);
			p->pending = AP_NONE;
			tui_message(t, "%s", _("已取消，未写入"));
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
	if (p->mode != AP_NORMAL)
		return ap_handle_mode(t, p, act, key);
	if (!p->loaded)
		return 0;
	switch (act) {
	case ACT_BO_REVIEW:
		if (!ap_may(t, p, CASE_EV_REVIEW_STARTED, _("开始审查")))
			break;
		p->pending = AP_REVIEW;
		snprintf(p->question, sizeof p->question, "%s",
			 _(" 不经材料交接单，直接开始审查（材料全为电子或已在本部门）？y 确认，n 取消"));
		p->mode = AP_CONFIRM;
		break;
	case ACT_BO_SPECIAL:
		if (p->rec.fold.state == CASE_SPECIAL) {
			if (!ap_may(t, p, CASE_EV_SPECIAL_ENDED, _("结束特别程序")))
				break;
			p->pending = AP_RESUME;
			snprintf(p->question, sizeof p->question, "%s",
				 _(" 特别程序已结束，恢复计时？y 确认，n 取消"));
			p->mode = AP_CONFIRM;
		} else if (ap_may(t, p, CASE_EV_SPECIAL_STARTED, _("启动特别程序"))) {
			p->mode = AP_CHOOSE_PROC;
		}
		break;
	case ACT_BO_EXTEND:
		if (ap_may(t, p, CASE_EV_EXTENDED, _("延期")))
			ap_form(p, AP_EXTEND);
		break;
	case ACT_BO_DECIDE:
		if (ap_may(t, p, CASE_EV_DECIDED, _("作出审批决定")))
			p->mode = AP_CHOOSE_DECISION;
		break;
	case ACT_TIMELINE:
		p->stale = 1;
		case_view_open(t, p->app, p->number);
		break;
	default:
		return 0;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static void ap_leave(struct tui *t, struct screen *s)
{
	struct apanel *p = s->data;

	(void)t;
	bo_form_close(&p->form);
	if (p->loaded)
		case_record_free(&p->rec);
	register_discrepancies_free(p->disc, p->ndisc);
	free(p);
}

static const struct screen_ops ap_screen = {
	.name = "approval-case",
	.title = N_("审批办理"),
	.keys = ap_keys,
	.draw = ap_draw,
	.handle = ap_handle,
	.leave = ap_leave,
	.enabled = ap_enabled,
};

int ap_panel_open(struct tui *t, struct app *app, const char *number, int warn_days)
{
	struct apanel *p = calloc(1, sizeof *p);

	if (!p) {
		tui_error(t, "%s", _("内存不足，无法打开办件"));
		return -1;
	}
	p->app = app;
	p->warn_days = warn_days;
	snprintf(p->number, sizeof p->number, "%s", number);
	if (ap_load(t, p) != 0 || tui_push(t, &ap_screen, p) != 0) {
		ap_leave(t, &(struct screen){ .ops = &ap_screen, .data = p });
		return -1;
	}
	return 0;
}
