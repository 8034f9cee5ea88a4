/*
 * cases_view.c — the case view: everything a case records (laid out by
 * cases_view_layout.c), scrolled; F3 jumps to the timeline.
 *
 * An approver sees only the cases of their own department (the view
 * refuses the others, as the search leaves them out).  From here F5
 * previews and F6 prints a document of the case (docview.c); F8
 * withdraws the case (撤件) for the clerk at the counter (or an
 * administrator): the applicant's reason is typed, then y/n, while its
 * state allows it; F7 closes the case's 一件事 for an approver of its
 * lead department once every part is decided, after y/n.  The key bar
 * shows only what the user may do now.
 */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/casefsm.h"
#include "yichuang/caserules.h"
#include "yichuang/date.h"
#include "yichuang/document.h"
#include "yichuang/textwrap.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "backoffice.h"
#include "cases.h"
#include "cases_view.h"
#include "issuing.h"

#define VIEW_REASON_MAX 100	/* code points of a withdrawal's reason */

#define VIEW_LABEL_COLS 14	/* the label column of the dates */
#define VIEW_MAX_DOCS 10

static const struct tui_binding view_keys[] = {
	{ TK_SPECIAL | KEY_F(3), ACT_TIMELINE },
	{ 't', ACT_TIMELINE },
	{ TK_SPECIAL | KEY_F(5), ACT_PREVIEW },
	{ 'v', ACT_PREVIEW },
	{ TK_SPECIAL | KEY_F(6), ACT_PRINT },
	{ 'p', ACT_PRINT },
	{ TK_SPECIAL | KEY_F(7), ACT_BUNDLE_CLOSE },
	{ 'b', ACT_BUNDLE_CLOSE },
	{ TK_SPECIAL | KEY_F(8), ACT_WITHDRAW },
	{ 'w', ACT_WITHDRAW },
	{ TK_SPECIAL | KEY_HOME, ACT_FIRST },
	{ TK_SPECIAL | KEY_END, ACT_LAST },
	{ ' ', ACT_PAGE_DOWN },
	{ 'q', ACT_BACK },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

/* The title of each kind of document (document.h's msgids; the view
 * names them without needing the document builders). */
#define VIEW_DOC_TITLE(e, name, title) [e] = title,
static const char *const view_doc_titles[DOC_KIND_COUNT] = { DOC_KINDS(VIEW_DOC_TITLE) };
#undef VIEW_DOC_TITLE

/* ---- the screen --------------------------------------------------------- */

/* (Re)loads the case; 0 or -1 with the reason on the message line. */
static int view_load(struct tui *t, struct case_view *v)
{
	char err[YC_ERRSZ];
	int rc;

	if (v->loaded)
		case_record_free(&v->rec);
	if (v->in_bundle)
		bundle_info_free(&v->bundle);
	v->in_bundle = 0;
	v->loaded = 0;
	v->width = 0;
	rc = case_load(v->app->st, v->cal, v->number, &v->rec, err, sizeof err);
	if (rc < 0) {
		tui_error(t, _("无法读取办件 %s：%s"), v->number, err);
		return -1;
	}
	if (rc == 0) {
		tui_error(t, _("本工作站没有办件 %s"), v->number);
		return -1;
	}
	v->loaded = 1;
	rc = bundle_of_case(v->app->st, v->cal, v->rec.number, &v->bundle, err, sizeof err);
	if (rc < 0)
		tui_error(t, _("无法读取办件 %s 所属的一件事：%s"), v->rec.number, err);
	v->in_bundle = rc == 1;
	return 0;
}

/* 1 when the user logged in records withdrawals: the counter (a clerk)
 * or an administrator. */
static int view_may_withdraw(const struct case_view *v)
{
	return v->app->user.role == ROLE_CLERK || v->app->user.role == ROLE_ADMIN;
}

static size_t view_max_top(const struct case_view *v)
{
	size_t page = v->page > 0 ? (size_t)v->page : 1;

	return v->lines.n > page ? v->lines.n - page : 0;
}

/* The documents this case has reached, for F5 and F6. */
static void view_docs(struct case_view *v)
{
	const struct case_fold *f = &v->rec.fold;

	v->ndocs = 0;
	if (f->correction_notice_on)
		v->docs[v->ndocs++] = DOC_CORRECTION;
	if (f->accepted_on)
		v->docs[v->ndocs++] = DOC_ACCEPTANCE;
	if (f->state == CASE_REJECTED)
		v->docs[v->ndocs++] = DOC_REJECTION;
	if (f->handed_over_on)
		v->docs[v->ndocs++] = DOC_HANDOVER;
	if (f->extended_on)
		v->docs[v->ndocs++] = DOC_EXTENSION;
	if (f->specials)
		v->docs[v->ndocs++] = DOC_SPECIAL;
	if (f->decision == CASE_DECISION_DENY)
		v->docs[v->ndocs++] = DOC_DENIAL;
	if (f->ready_on)
		v->docs[v->ndocs++] = DOC_RESULT_HANDOVER;
	if (f->delivered_on)
		v->docs[v->ndocs++] = DOC_SERVICE_RECEIPT;
}

static void view_draw(struct tui *t, struct screen *s)
{
	struct case_view *v = s->data;
	int y0 = tui_body_top(t), rows = tui_body_rows(t) - 1;
	char pos[512];

	if (v->stale) {
		v->stale = 0;
		view_load(t, v);
	}
	if (!v->loaded)
		return;
	if (v->width != t->cols - 2)
		view_layout(v, t->cols - 2);
	v->page = rows;
	if (v->top > view_max_top(v))
		v->top = view_max_top(v);
	for (int r = 0; r < rows && v->top + (size_t)r < v->lines.n; r++) {
		size_t i = v->top + (size_t)r;

		switch (v->lines.kind[i]) {
		case VL_HEAD:
		case VL_EVENT:
			attrset(A_BOLD);
			break;
		case VL_CARD:
			attrset(t->color ? COLOR_PAIR(2) | A_BOLD : A_BOLD);
			break;
		case VL_WARN:
			attrset(t->color ? COLOR_PAIR(3) : A_NORMAL);
			break;
		default:
			break;
		}
		tui_put(y0 + r, 1, t->cols - 2, v->lines.text[i], 0);
		attrset(A_NORMAL);
	}
	if (v->mode == VMODE_DOC) {
		/* The choice covers the bottom of the text, one document a row. */
		int y = y0 + rows - (int)v->ndocs - 1;

		attrset(A_BOLD);
		tui_put(y++, 1, t->cols - 2, v->doc_issue ? _("打印哪份文书？按它前面的数字：") :
			_("预览哪份文书？按它前面的数字："), 1);
		attrset(A_NORMAL);
		for (size_t i = 0; i < v->ndocs; i++, y++) {
			snprintf(pos, sizeof pos, "  %zu  %s", i + 1, _(view_doc_titles[v->docs[i]]));
			tui_put(y, 1, t->cols - 2, pos, 1);
		}
		snprintf(pos, sizeof pos, "%s", _("Esc 取消"));
		attrset(A_BOLD);
	} else if (v->mode == VMODE_WITHDRAW_REASON) {
		attrset(A_BOLD);
		tui_put(y0 + rows - 1, 1, t->cols - 2,
			_("撤件：申请人撤回申请。写明理由后按 Enter，Esc 取消"), 1);
		attrset(A_NORMAL);
		issuing_draw_field(y0 + rows, 1, t->cols - 2, _("撤回理由："),
				   utf8_width(_("撤回理由：")), &v->reason, 1);
		return;
	} else if (v->mode == VMODE_WITHDRAW) {
		snprintf(pos, sizeof pos, _("确认撤件？办件 %s 将终结，不能恢复。y 撤件，n 不撤"), v->number);
		attrset(A_BOLD);
	} else if (v->mode == VMODE_BUNDLE_CLOSE) {
		snprintf(pos, sizeof pos, _("办结一件事 %s（各部门均已作出决定）？y 办结，n 取消"),
			 v->bundle.bundle_id);
		attrset(A_BOLD);
	} else {
		size_t last = v->top + (size_t)rows < v->lines.n ? v->top + (size_t)rows : v->lines.n;

		snprintf(pos, sizeof pos, _("第 %zu-%zu 行，共 %zu 行；F3 办理过程，F5 预览，F6 打印，Esc 返回"),
			 v->lines.n ? v->top + 1 : 0, last, v->lines.n);
		attrset(A_DIM);
	}
	tui_put(y0 + rows, 1, t->cols - 2, pos, 0);
	attrset(A_NORMAL);
}

/* Withdraws the case (撤件) with the reason typed: the clerk confirmed. */
static void view_withdraw(struct tui *t, struct case_view *v)
{
	char err[YC_ERRSZ], reason[VIEW_REASON_MAX * 4 + 1];

	issuing_field_text(&v->reason, reason, sizeof reason);
	if (backoffice_withdraw(v->app->st, v->cal, v->number, v->app->user.name, date_today(),
				reason, err, sizeof err) != 0) {
		tui_error(t, _("撤件未能办理：%s"), err);
		return;
	}
	app_saved(v->app);
	cases_touch();
	view_load(t, v);
	tui_message(t, _("办件 %s 已撤件"), v->number);
}

/* F5 / F6: the documents of the case; one is opened at once. */
static void view_ask_doc(struct tui *t, struct case_view *v, int issue)
{
	view_docs(v);
	if (v->ndocs == 0) {
		tui_error(t, _("办件 %s 还没有可出具的文书（状态：%s）"), v->number,
			  casefsm_state_label(v->rec.fold.state));
		return;
	}
	v->doc_issue = issue;
	if (v->ndocs == 1) {
		v->stale = 1;
		docview_open(t, v->app, v->number, (int)v->docs[0], issue);
		return;
	}
	v->mode = VMODE_DOC;
}

/* Closes the case's 一件事: the lead department's approver confirmed. */
static void view_bundle_close(struct tui *t, struct case_view *v)
{
	char err[YC_ERRSZ], id[BUNDLE_ID_MAX];

	snprintf(id, sizeof id, "%s", v->bundle.bundle_id);
	if (bundle_close(v->app->st, v->cal, id, v->app->user.name, date_today(), err,
			 sizeof err) != 0) {
		tui_error(t, _("一件事未能办结：%s"), err);
		return;
	}
	app_saved(v->app);
	cases_touch();
	view_load(t, v);
	tui_message(t, _("一件事 %s 已办结"), id);
}

/* Keys while the withdrawal's reason is typed. */
static int view_handle_reason(struct tui *t, struct case_view *v, enum tui_action act, int key)
{
	char reason[VIEW_REASON_MAX * 4 + 1];

	(void)act;
	if (key == TK_ESC) {
		v->mode = VMODE_NORMAL;
		tui_message(t, "%s", _("未撤件"));
	} else if (key == TK_ENTER) {
		if (!*issuing_field_text(&v->reason, reason, sizeof reason))
			tui_error(t, "%s", _("请写明申请人撤回申请的理由"));
		else
			v->mode = VMODE_WITHDRAW;
	} else if (!issuing_edit_key(&v->reason, key)) {
		return TUI_HANDLED;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static int view_handle_mode(struct tui *t, struct case_view *v, enum tui_action act, int key)
{
	if (v->mode == VMODE_WITHDRAW_REASON)
		return view_handle_reason(t, v, act, key);
	if (v->mode == VMODE_BUNDLE_CLOSE) {
		if (key == 'y' || key == 'Y') {
			v->mode = VMODE_NORMAL;
			view_bundle_close(t, v);
		} else if (key == 'n' || key == 'N' || act == ACT_BACK) {
			v->mode = VMODE_NORMAL;
			tui_message(t, "%s", _("一件事未办结"));
		} else {
			tui_error(t, "%s", _("请按 y 办结一件事，或按 n 取消"));
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (v->mode == VMODE_WITHDRAW) {
		if (key == 'y' || key == 'Y') {
			v->mode = VMODE_NORMAL;
			view_withdraw(t, v);
		} else if (key == 'n' || key == 'N' || act == ACT_BACK) {
			v->mode = VMODE_NORMAL;
			tui_message(t, "%s", _("未撤件"));
		} else {
			tui_error(t, "%s", _("请按 y 确认撤件，或按 n 取消"));
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key >= '1' && key <= '9' && (size_t)(key - '0') <= v->ndocs) {
		v->mode = VMODE_NORMAL;
		v->stale = 1;
		docview_open(t, v->app, v->number, (int)v->docs[key - '1'], v->doc_issue);
	} else if (act == ACT_BACK) {
		v->mode = VMODE_NORMAL;
	} else {
		tui_error(t, _("请按 1 到 %zu 选择文书，或按 Esc 取消"), v->ndocs);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static int view_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct case_view *v = s->data;
	size_t page = v->page > 1 ? (size_t)v->page - 1 : 1;
	size_t max = view_max_top(v);
	char label[128];

	if (v->mode == VMODE_WITHDRAW_REASON && act != ACT_QUIT)
		return view_handle_mode(t, v, act, key);
	if (v->mode != VMODE_NORMAL && act != ACT_HELP && act != ACT_QUIT)
		return view_handle_mode(t, v, act, key);
	switch (act) {
	case ACT_UP:
		if (v->top > 0)
			v->top--;
		break;
	case ACT_DOWN:
		if (v->top < max)
			v->top++;
		break;
	case ACT_PAGE_UP:
		v->top = v->top > page ? v->top - page : 0;
		break;
	case ACT_PAGE_DOWN:
		v->top = v->top + page < max ? v->top + page : max;
		break;
	case ACT_FIRST:
		v->top = 0;
		break;
	case ACT_LAST:
		v->top = max;
		break;
	case ACT_TIMELINE:
		v->top = v->timeline < max ? v->timeline : max;
		break;
	case ACT_PREVIEW:
	case ACT_PRINT:
		if (v->loaded)
			view_ask_doc(t, v, act == ACT_PRINT);
		break;
	case ACT_WITHDRAW:
		if (!v->loaded)
			break;
		if (!view_may_withdraw(v)) {
			tui_error(t, _("撤件是申请人在窗口撤回申请，由综合受理窗口人员登记；您的角色（%s）不能撤件"),
				  auth_role_label(v->app->user.role));
			break;
		}
		if (!casefsm_allowed(&v->rec.fold, CASE_EV_WITHDRAWN)) {
			tui_error(t, _("状态为“%s”的办件不能撤件（已作出决定或已办结）"),
				  casefsm_fold_label(&v->rec.fold, label, sizeof label));
			break;
		}
		lineedit_init(&v->reason, VIEW_REASON_MAX);
		v->mode = VMODE_WITHDRAW_REASON;
		break;
	case ACT_BUNDLE_CLOSE:
		if (!v->loaded)
			break;
		if (!v->in_bundle)
			tui_error(t, _("办件 %s 不属于一件事"), v->number);
		else if (v->bundle.closed_on)
			tui_error(t, _("一件事 %s 已办结"), v->bundle.bundle_id);
		else if (v->app->user.role != ROLE_APPROVER ||
			 strcmp(v->app->user.department, v->bundle.lead_department) != 0)
			tui_error(t, _("一件事由牵头部门（%s）的审批人员办结"), v->bundle.lead_department);
		else if (!bundle_closable(&v->bundle, label, sizeof label))
			tui_error(t, _("还有部门尚未作出决定，不能办结：%s"), label);
		else
			v->mode = VMODE_BUNDLE_CLOSE;
		break;
	default:
		return 0;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* The key bar: withdrawal for the counter while the state allows it,
 * closing the 一件事 for its lead department once it can be closed. */
static int view_enabled(struct tui *t, struct screen *s, enum tui_action act)
{
	const struct case_view *v = s->data;

	(void)t;
	if (act == ACT_WITHDRAW)
		return v->loaded && view_may_withdraw(v) &&
		       casefsm_allowed(&v->rec.fold, CASE_EV_WITHDRAWN);
	if (act == ACT_BUNDLE_CLOSE)
		return v->loaded && view_bundle_closable(v);
	return 1;
}

static void view_leave(struct tui *t, struct screen *s)
{
	struct case_view *v = s->data;

	(void)t;
	if (v->loaded)
		case_record_free(&v->rec);
	if (v->in_bundle)
		bundle_info_free(&v->bundle);
	view_lines_free(&v->lines);
	calendar_free(v->cal);
	free(v);
}

/* Enter selects nothing here (it confirms only the withdrawal's reason). */
static const struct tui_key_help view_help[] = {
	{ TK_ENTER, TUI_KEY_UNUSED },
	{ 0, NULL }
};

static const struct screen_ops view_screen = {
	.name = "case-view",
	.title = N_("办件详情"),
	.keys = view_keys,
	.draw = view_draw,
	.handle = view_handle,
	.leave = view_leave,
	.enabled = view_enabled,
	.key_help = view_help,
};

int case_view_open(struct tui *t, struct app *app, const char *ref)
{
	struct case_view *v;
	char err[YC_ERRSZ];
	int rc;

	/* An approver sees the cases of their own department only. */
	rc = backoffice_may_see(app->st, &app->user, ref, err, sizeof err);
	if (rc != 1) {
		tui_error(t, "%s", err);
		return -1;
	}
	v = calloc(1, sizeof *v);
	if (!v) {
		tui_error(t, "%s", _("内存不足，无法打开办件"));
		return -1;
	}
	v->app = app;
	snprintf(v->number, sizeof v->number, "%s", ref);
	v->cal = cases_calendar(t, app);
	if (!v->cal || view_load(t, v) != 0) {
		calendar_free(v->cal);
		free(v);
		return -1;
	}
	/* The number as the case has it (ref may be typed without dashes). */
	snprintf(v->number, sizeof v->number, "%s", v->rec.number);
	if (tui_push(t, &view_screen, v) != 0) {
		view_leave(t, &(struct screen){ .ops = &view_screen, .data = v });
		return -1;
	}
	return 0;
}
