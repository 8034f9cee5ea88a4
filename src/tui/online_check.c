/*
 * online_check.c — the pre-check of one online application (网上预受理,
 * code 23, opened from the worklist in cases_online.c).
 *
 * It shows the applicant, the item, the form and the item's active
 * checklist: what arrived electronically online (never asked for again)
 * and what is missing.  The clerk may mark an online material not 规范
 * with a note, then decides: 受理 when the completeness check finds the
 * application complete, 补正 telling every missing or non-conforming
 * material at once (the body intake_decide.c writes), or 不予受理 with
 * reason, legal basis and competent office.  The document of the decision
 * then opens to issue (docview.c).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/casefsm.h"
#include "yichuang/date.h"
#include "yichuang/document.h"
#include "yichuang/intake.h"
#include "yichuang/lineedit.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "cases.h"
#include "intake.h"
#include "online.h"

#define ONL_NOTE_MAX 100	/* code points of a non-conformity note */
#define ONL_REJECT_MAX 200	/* code points of a rejection field */

/* One material of the item's active checklist. */
struct onl_mat {
	const struct catalog_material *m;
	enum receipt_kind kind;		/* as received: electronic online, or missing */
	int originals, copies;
	int nonconforming;
	char note[INTAKE_NOTE_MAX];
};

enum onl_mode {
	ONL_LOOK = 0,			/* the application and its checklist */
	ONL_NOTE,			/* typing a non-conformity note */
	ONL_REJECT,			/* the 不予受理 form */
	ONL_DONE			/* decided */
};

struct onl_panel {
	struct app *app;
	int *list_stale;		/* the worklist reads itself again when set */
	struct case_record rec;
	cJSON *body;			/* the received event's body */
	const struct catalog_item *item;
	const char **sits;		/* the case's situations (into body) */
	size_t nsits;
	struct onl_mat *mats;
	size_t nmats;
	int due;
	size_t sel, top;
	enum onl_mode mode;
	struct lineedit ed;
	int row;			/* ONL_REJECT: the field being typed */
	char reject[3][INTAKE_VALUE_MAX];	/* reason, basis, competent office */
	enum case_state state;		/* ONL_DONE: the state reached */
	int promised_on;
	int doc;			/* ONL_DONE: the document to issue */
};

static void onl_panel_draw(struct tui *t, struct screen *s);
static int onl_panel_handle(struct tui *t, struct screen *s, enum tui_action act, int key);
static void onl_panel_leave(struct tui *t, struct screen *s);

static const struct tui_binding onl_look_keys[] = {
	{ TK_SPECIAL | KEY_F(2), ACT_ACCEPT },
	{ 's', ACT_ACCEPT },
	{ TK_SPECIAL | KEY_F(3), ACT_CORRECT },
	{ 'b', ACT_CORRECT },
	{ TK_SPECIAL | KEY_F(4), ACT_REJECT },
	{ 'j', ACT_REJECT },
	{ TK_SPECIAL | KEY_F(6), ACT_NONCONFORMING },
	{ 'n', ACT_NONCONFORMING },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

static const struct tui_binding onl_note_keys[] = {
	{ 0, ACT_NONE }
};

static const struct tui_binding onl_reject_keys[] = {
	{ TK_SPECIAL | KEY_F(2), ACT_REJECT },
	{ TK_TAB, ACT_NEXT_FIELD },
	{ TK_SPECIAL | KEY_BTAB, ACT_PREV_FIELD },
	{ 0, ACT_NONE }
};

static const struct tui_binding onl_done_keys[] = {
	{ TK_SPECIAL | KEY_F(5), ACT_PREVIEW },
	{ 0, ACT_NONE }
};

static const struct screen_ops onl_look_screen = {
	.name = "online-case", .title = N_("网上预受理·预审"), .keys = onl_look_keys,
	.draw = onl_panel_draw, .handle = onl_panel_handle, .leave = onl_panel_leave,
};
static const struct screen_ops onl_note_screen = {
	.name = "online-case", .title = N_("网上预受理·不规范"), .keys = onl_note_keys,
	.draw = onl_panel_draw, .handle = onl_panel_handle, .leave = onl_panel_leave,
};
static const struct screen_ops onl_reject_screen = {
	.name = "online-case", .title = N_("网上预受理·不予受理"), .keys = onl_reject_keys,
	.draw = onl_panel_draw, .handle = onl_panel_handle, .leave = onl_panel_leave,
};
static const struct screen_ops onl_done_screen = {
	.name = "online-case", .title = N_("网上预受理·结果"), .keys = onl_done_keys,
	.draw = onl_panel_draw, .handle = onl_panel_handle, .leave = onl_panel_leave,
};

static void onl_panel_free(struct onl_panel *p)
{
	free(p->mats);
	free(p->sits);
	cJSON_Delete(p->body);
	case_record_free(&p->rec);
	free(p);
}

/* Moves the panel on screen s to mode m (its keys and title follow). */
static void onl_goto(struct screen *s, struct onl_panel *p, enum onl_mode m)
{
	static const struct screen_ops *const ops[] = {
		&onl_look_screen, &onl_note_screen, &onl_reject_screen, &onl_done_screen
	};

	p->mode = m;
	s->ops = ops[m];
}

/* The receipt words of events.md. */
static const char *onl_receipt_word(enum receipt_kind k)
{
	static const char *const words[] = { "missing", "paper", "electronic", "fetched", "deferred" };

	return (size_t)k < sizeof words / sizeof words[0] ? words[k] : "missing";
}

static enum receipt_kind onl_receipt_kind(const char *w)
{
	for (int k = RECEIPT_MISSING; k <= RECEIPT_DEFERRED; k++)
		if (w && strcmp(w, onl_receipt_word((enum receipt_kind)k)) == 0)
			return (enum receipt_kind)k;
	return RECEIPT_MISSING;
}

/* Builds the checklist: the item's active materials for the case's
 * situations, each with what the received event recorded.  0 or -1. */
static int onl_checklist(struct onl_panel *p, char *err, size_t errsz)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(p->body, "situations"), *o;
	const struct catalog_material **active = NULL;
	size_t n = 0, k = 0;

	p->sits = calloc((size_t)cJSON_GetArraySize(a) + 1, sizeof *p->sits);
	if (!p->sits)
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	cJSON_ArrayForEach(o, a)
		if (cJSON_IsString(o))
			p->sits[k++] = o->valuestring;
	p->nsits = k;
	if (intake_active_materials(p->item, p->sits, p->nsits, &active, &n, err, errsz) != 0)
		return -1;
	p->mats = calloc(n + 1, sizeof *p->mats);
	if (!p->mats) {
		free(active);
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	}
	p->nmats = n;
	a = cJSON_GetObjectItemCaseSensitive(p->body, "materials");
	for (size_t i = 0; i < n; i++) {
		struct onl_mat *m = &p->mats[i];

		m->m = active[i];
		m->kind = RECEIPT_MISSING;
		cJSON_ArrayForEach(o, a) {
			const char *id = online_jtext(o, "id"), *note = online_jtext(o, "note");
			const cJSON *v;

			if (!id || strcmp(id, m->m->id) != 0)
				continue;
			m->kind = onl_receipt_kind(online_jtext(o, "receipt"));
			v = cJSON_GetObjectItemCaseSensitive(o, "originals");
			m->originals = cJSON_IsNumber(v) ? v->valueint : 0;
			v = cJSON_GetObjectItemCaseSensitive(o, "copies");
			m->copies = cJSON_IsNumber(v) ? v->valueint : 0;
			m->nonconforming = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "nonconforming"));
			snprintf(m->note, sizeof m->note, "%s", note ? note : "");
			utf8_trim_partial(m->note);
		}
	}
	free(active);
	return 0;
}

/* Runs the completeness check on the checklist as it stands. */
static int onl_check(const struct onl_panel *p, struct intake_result *res, char *err, size_t errsz)
{
	struct intake_receipt *ir = calloc(p->nmats + 1, sizeof *ir);
	int rc;

	if (!ir)
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	for (size_t i = 0; i < p->nmats; i++) {
		ir[i].material_id = p->mats[i].m->id;
		ir[i].kind = p->mats[i].kind;
		ir[i].originals = p->mats[i].originals;
		ir[i].copies = p->mats[i].copies;
		ir[i].nonconforming = p->mats[i].nonconforming;
		ir[i].note = p->mats[i].note[0] ? p->mats[i].note : NULL;
	}
	memset(res, 0, sizeof *res);
	rc = intake_check(p->item, p->sits, p->nsits, ir, p->nmats, res, err, errsz);
	free(ir);
	return rc;
}

/* What the material's row says it is. */
static const char *onl_mat_label(const struct onl_mat *m)
{
	if (m->kind == RECEIPT_ELECTRONIC)
		return _("网上已收");
	if (m->kind == RECEIPT_MISSING)
		return m->m->need == NEED_OPTIONAL ? _("未交(非必)") : _("未交");
	return intake_receipt_label(m->kind);
}

/* The form's fields as "标签：值；..." in the catalog's order. */
static void onl_fields_text(const struct onl_panel *p, char *buf, size_t bufsz)
{
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(p->body, "fields");
	struct strbuf sb;
	size_t k = 0;

	sb_init(&sb);
	sb_append(&sb, _("申请表："));
	for (size_t i = 0; i < p->item->nfields; i++) {
		const char *v = online_jtext(f, p->item->fields[i].key);

		if (!v || !*v)
			continue;
		sb_appendf(&sb, "%s%s：%s", k++ ? "；" : "", p->item->fields[i].label, v);
	}
	if (!k)
		sb_append(&sb, _("（无）"));
	utf8_snprintf(buf, bufsz, "%s", sb.buf ? sb.buf : "");
	sb_free(&sb);
}

/* Draws the application and its checklist (ONL_LOOK, ONL_NOTE). */
static void onl_draw_look(struct tui *t, struct onl_panel *p, int y, int bottom)
{
	const cJSON *ap = cJSON_GetObjectItemCaseSensitive(p->body, "applicant");
	const cJSON *ag = cJSON_GetObjectItemCaseSensitive(p->body, "agent");
	const char *id_no = online_jtext(ap, "id_no"), *phone = online_jtext(ap, "phone");
	char line[2048], d1[16], d2[16], left[64], why[YC_ERRSZ];
	struct intake_result res;
	int late, detail, room;

	snprintf(line, sizeof line, _("申请人：%s  %s：%s  电话：%s"), p->rec.applicant_name,
		 p->rec.applicant_org ? _("统一社会信用代码") : _("身份证号码"),
		 id_no && *id_no ? id_no : _("（无）"), phone ? phone : _("（无）"));
	tui_put(y++, 1, t->cols - 2, line, 0);
	if (cJSON_IsObject(ag) && online_jtext(ag, "name")) {
		snprintf(line, sizeof line, _("代理人：%s  身份证号码：%s"), online_jtext(ag, "name"),
			 online_jtext(ag, "id_no") ? online_jtext(ag, "id_no") : _("（无）"));
		tui_put(y++, 1, t->cols - 2, line, 0);
	}
	late = online_left_text(p->app, p->due, left, sizeof left);
	snprintf(line, sizeof line, _("网上申请 %s 收到，答复期限 %s（%s）"),
		 date_format(p->rec.fold.received_on, d1, sizeof d1),
		 date_format(p->due, d2, sizeof d2), left);
	if (late)
		attrset(A_BOLD);
	tui_put(y++, 1, t->cols - 2, line, 0);
	attrset(A_NORMAL);
	onl_fields_text(p, line, sizeof line);
	intake_draw_wrapped(t, y, 2, 2, line);
	y += 3;
	attrset(A_BOLD);
	tui_put(y, 3, 11, _("收取"), 1);
	tui_put(y, 14, 9, _("是否必备"), 1);
	tui_put(y++, 23, t->cols - 24, _("材料名称"), 0);
	attrset(A_NORMAL);
	detail = bottom - 5;
	room = detail - y;
	if (room < 1)
		room = 1;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + (size_t)room)
		p->top = p->sel - (size_t)room + 1;
	for (size_t i = p->top; i < p->nmats && y < detail; i++, y++) {
		const struct onl_mat *m = &p->mats[i];
		int namew = t->cols - 23 - 8 - 1;

		if (i == p->sel)
			attrset(A_REVERSE);
		tui_put(y, 1, 2, i == p->sel ? ">" : "", 1);
		snprintf(line, sizeof line, "[%s]", onl_mat_label(m));
		tui_put(y, 3, 11, line, 1);
		tui_put(y, 14, 9, catalog_need_name(m->m->need), 1);
		cases_put_cut(y, 23, namew, m->m->name);
		tui_put(y, 23 + namew, 8, m->nonconforming ? _(" 不规范") : "", 1);
		attrset(A_NORMAL);
	}
	/* The chosen material: its note, or the standard it is checked by. */
	if (p->nmats > 0) {
		const struct onl_mat *m = &p->mats[p->sel];

		if (m->nonconforming) {
			utf8_snprintf(line, sizeof line, _("不规范：%s"), m->note);
			attrset(A_BOLD);
		} else {
			utf8_snprintf(line, sizeof line, _("受理标准：%s"),
				      m->m->standard ? m->m->standard : _("（目录未写）"));
			attrset(A_DIM);
		}
		intake_draw_wrapped(t, detail, 2, 2, line);
		attrset(A_NORMAL);
	} else {
		tui_put(detail, 1, t->cols - 2, _("按所选情形，本事项无需提交材料"), 0);
	}
	/* The check as it stands. */
	if (onl_check(p, &res, why, sizeof why) != 0) {
		utf8_snprintf(line, sizeof line, _("无法审查：%s"), why);
	} else if (res.outcome == INTAKE_INCOMPLETE) {
		struct strbuf sb;

		sb_init(&sb);
		sb_appendf(&sb, _("审查：%zu 处须补正："), res.nproblems);
		for (size_t k = 0; k < res.nproblems; k++) {
			char text[512];

			sb_appendf(&sb, "%s%s", k ? "；" : "",
				   intake_problem_text(&res.problems[k], text, sizeof text));
		}
		utf8_snprintf(line, sizeof line, "%s", sb.buf ? sb.buf : "");
		sb_free(&sb);
		intake_result_free(&res);
	} else {
		snprintf(line, sizeof line, "%s", _("审查：材料齐全，可以受理"));
		intake_result_free(&res);
	}
	attrset(A_BOLD);
	intake_draw_wrapped(t, bottom - 3, 3, 2, line);
	attrset(A_NORMAL);
	if (p->mode == ONL_NOTE) {
		const char *label = _("不规范之处（告知申请人的原因）：");
		int lw = utf8_width(label);

		attrset(A_BOLD);
		tui_put(bottom, 1, lw, label, 0);
		attrset(A_NORMAL);
		intake_draw_edit(&p->ed, bottom, 1 + lw, t->cols - 2 - lw);
	} else {
		tui_put(bottom, 1, t->cols - 2,
			_("F2/s 受理  F3/b 补正（一次告知）  F4/j 不予受理  n 不规范  Esc 返回"), 0);
	}
}

static const char *onl_reject_label(int r)
{
	switch (r) {
	case 0:
		return _("不予受理理由 *");
	case 1:
		return _("法律依据 *");
	default:
		return _("有权机关");
	}
}

/* Draws the 不予受理 form. */
static void onl_draw_reject(struct tui *t, struct onl_panel *p, int y, int bottom)
{
	int vx = 18, vw = t->cols - vx - 2;

	intake_draw_wrapped(t, y, 2, 0,
			    _("不予受理决定书写明理由、法律依据和救济途径（行政复议 60 日、行政诉讼 6 个月），经网上办事大厅告知申请人。"));
	y += 3;
	for (int r = 0; r < 3; r++, y += 2) {
		tui_put(y, 1, 1, r == p->row ? ">" : " ", 0);
		tui_put(y, 2, vx - 3, onl_reject_label(r), 1);
		if (r == p->row)
			intake_draw_edit(&p->ed, y, vx, vw);
		else
			cases_put_cut(y, vx, vw, p->reject[r]);
	}
	intake_draw_wrapped(t, y, 2, 0,
			    _("事项不属于本机关职权范围的，须写明有权受理的机关（行政许可法第三十二条）；属于本机关的不填。"));
	tui_put(bottom, 1, t->cols - 2, _("Enter/Tab 下一栏；F2 作出不予受理决定；Esc 返回预审"), 0);
}

/* Draws what was decided. */
static void onl_draw_done(struct tui *t, struct onl_panel *p, int y)
{
	char line[1024], d[16], label[128];

	snprintf(line, sizeof line, _("状态：%s"), casefsm_fold_label(&p->rec.fold, label, sizeof label));
	tui_put(y + 1, 3, t->cols - 4, line, 0);
	attrset(A_BOLD);
	if (p->state == CASE_ACCEPTED && p->rec.fold.instant) {
		tui_put(y + 2, 3, t->cols - 4, _("即办件：已受理"), 0);
	} else if (p->state == CASE_ACCEPTED) {
		snprintf(line, sizeof line, _("承诺办结日：%s（还有 %d 个工作日）"),
			 date_format(p->promised_on, d, sizeof d),
			 workdays_between(p->app->cal, date_today(), p->promised_on, NULL));
		tui_put(y + 2, 3, t->cols - 4, line, 0);
	} else if (p->state == CASE_CORRECTION) {
		tui_put(y + 2, 3, t->cols - 4, _("已一次告知须补正的全部材料；申请人补齐后从“补正收件”（22）受理"), 0);
	} else {
		snprintf(line, sizeof line, _("不予受理理由：%s"), p->reject[0]);
		cases_put_cut(y + 2, 3, t->cols - 4, line);
	}
	attrset(A_NORMAL);
	tui_put(y + 4, 3, t->cols - 4, _("请在答复期限内经网上办事大厅告知申请人预审结果；网上已收的材料不再要求提交。"), 0);
	tui_put(y + 5, 3, t->cols - 4, _("F5 再次打开文书，Esc 返回网上预受理列表"), 0);
}

static void onl_panel_draw(struct tui *t, struct screen *s)
{
	struct onl_panel *p = s->data;
	int y = tui_body_top(t), bottom = tui_body_top(t) + tui_body_rows(t) - 1;
	char line[1024];

	snprintf(line, sizeof line, _("办件 %s  %s  %s"), p->rec.number, p->rec.applicant_name,
		 cases_item_short(p->app, p->rec.item_code, p->rec.item_name));
	attrset(A_BOLD);
	cases_put_cut(y++, 1, t->cols - 2, line);
	attrset(A_NORMAL);
	if (p->mode == ONL_REJECT)
		onl_draw_reject(t, p, y + 1, bottom);
	else if (p->mode == ONL_DONE)
		onl_draw_done(t, p, y);
	else
		onl_draw_look(t, p, y, bottom);
}

/* The receipt objects of the checklist (events.md). */
static cJSON *onl_materials_json(const struct onl_panel *p)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; a && i < p->nmats; i++) {
		const struct onl_mat *m = &p->mats[i];
		cJSON *o = cJSON_CreateObject();

		if (!o || !cJSON_AddItemToArray(a, o)) {
			cJSON_Delete(o);
			cJSON_Delete(a);
			return NULL;
		}
		cJSON_AddStringToObject(o, "id", m->m->id);
		cJSON_AddStringToObject(o, "receipt", onl_receipt_word(m->kind));
		cJSON_AddNumberToObject(o, "originals", m->originals);
		cJSON_AddNumberToObject(o, "copies", m->copies);
		cJSON_AddBoolToObject(o, "nonconforming", m->nonconforming);
		if (m->note[0])
			cJSON_AddStringToObject(o, "note", m->note);
		else
			cJSON_AddNullToObject(o, "note");
	}
	return a;
}

/* Appends event e (extra may be NULL) and, on success, reads the case
 * again, moves to the result and opens document doc to issue. */
static void onl_apply(struct tui *t, struct screen *s, struct onl_panel *p,
		      const struct case_event *e, const cJSON *extra, int doc)
{
	char err[YC_ERRSZ], number[CASENO_TEXT_MAX], *text = NULL;
	enum case_state state;
	int rc;

	if (extra) {
		text = cJSON_PrintUnformatted(extra);
		if (!text) {
			tui_error(t, "%s", _("内存不足，决定未能登记"));
			return;
		}
	}
	snprintf(number, sizeof number, "%s", p->rec.number);
	rc = case_apply_event(p->app->st, p->app->cal, number, e, text, p->app->user.name,
			      &state, err, sizeof err);
	free(text);
	if (rc != 0) {
		tui_error(t, _("办件 %s：%s"), number, err);
		return;
	}
	app_saved(p->app);
	cases_touch();
	*p->list_stale = 1;
	p->state = state;
	p->doc = doc;
	onl_goto(s, p, ONL_DONE);
	case_record_free(&p->rec);
	if (case_load(p->app->st, p->app->cal, number, &p->rec, err, sizeof err) != 1) {
		snprintf(p->rec.number, sizeof p->rec.number, "%s", number);
		tui_error(t, _("已登记，但重新读取办件 %s 失败：%s"), number, err);
		return;
	}
	p->promised_on = p->rec.fold.promised_on;
	if (docview_open(t, p->app, number, doc, 1) != 0) {
		char why[sizeof t->message];

		snprintf(why, sizeof why, "%s", t->message);
		tui_error(t, _("办件 %s 已登记；文书未能打开（%s），可按 F5 再试"), number, why);
	}
}

/* F2: 受理 when the check finds the application complete. */
static void onl_accept(struct tui *t, struct screen *s, struct onl_panel *p)
{
	struct case_deferral d[CASEFSM_MAX_DEFERRED];
	struct intake_result res;
	struct case_event e;
	char err[YC_ERRSZ];
	size_t nd = 0;

	if (onl_check(p, &res, err, sizeof err) != 0) {
		tui_error(t, _("无法审查：%s"), err);
		return;
	}
	if (res.outcome == INTAKE_INCOMPLETE) {
		tui_error(t, _("材料不齐全或不规范（%zu 处），不能受理：请按 F3 一次告知补正"),
			  res.nproblems);
		intake_result_free(&res);
		return;
	}
	memset(&e, 0, sizeof e);
	e.type = CASE_EV_ACCEPTED;
	e.day = date_today();
	for (size_t k = 0; k < res.ndeferred && nd < CASEFSM_MAX_DEFERRED; k++) {
		d[nd].material = res.deferred[k]->id;
		d[nd].days = res.deferred[k]->deferral_days;
		nd++;
	}
	e.deferred = nd ? d : NULL;
	e.ndeferred = nd;
	onl_apply(t, s, p, &e, NULL, DOC_ACCEPTANCE);
	intake_result_free(&res);
	if (p->mode == ONL_DONE && p->state == CASE_ACCEPTED) {
		char day[16];

		if (p->rec.fold.instant)
			tui_message(t, _("办件 %s 已受理"), p->rec.number);
		else
			tui_message(t, _("办件 %s 已受理，承诺办结日 %s"), p->rec.number,
				    date_format(p->promised_on, day, sizeof day));
	}
}

/* F3: 补正, every missing or non-conforming material told at once. */
static void onl_correct(struct tui *t, struct screen *s, struct onl_panel *p)
{
	struct intake_result res;
	struct case_event e;
	cJSON *x, *a, *mats;
	char err[YC_ERRSZ];

	if (onl_check(p, &res, err, sizeof err) != 0) {
		tui_error(t, _("无法审查：%s"), err);
		return;
	}
	if (res.outcome != INTAKE_INCOMPLETE) {
		tui_error(t, "%s", _("材料齐全，无需补正：请按 F2 受理"));
		intake_result_free(&res);
		return;
	}
	x = cJSON_CreateObject();
	a = x ? cJSON_AddArrayToObject(x, "problems") : NULL;
	for (size_t k = 0; a && k < res.nproblems; k++) {
		cJSON *o = cJSON_CreateObject();
		char text[512];

		if (!o || !cJSON_AddItemToArray(a, o)) {
			cJSON_Delete(o);
			a = NULL;
			break;
		}
		cJSON_AddStringToObject(o, "material", res.problems[k].material->id);
		cJSON_AddStringToObject(o, "name", res.problems[k].material->name);
		cJSON_AddStringToObject(o, "text", intake_problem_record(&res.problems[k], text,
									sizeof text));
	}
	mats = a ? onl_materials_json(p) : NULL;
	if (!mats || !cJSON_AddItemToObject(x, "materials", mats)) {
		cJSON_Delete(mats);
		cJSON_Delete(x);
		intake_result_free(&res);
		tui_error(t, "%s", _("内存不足，补正未能登记"));
		return;
	}
	memset(&e, 0, sizeof e);
	e.type = CASE_EV_CORRECTION_REQUESTED;
	e.day = date_today();
	onl_apply(t, s, p, &e, x, DOC_CORRECTION);
	if (p->mode == ONL_DONE)
		tui_message(t, _("办件 %s：已一次告知补正 %zu 处"), p->rec.number, res.nproblems);
	cJSON_Delete(x);
	intake_result_free(&res);
}

/* F2 on the form: 不予受理 once reason and basis are written. */
static void onl_reject(struct tui *t, struct screen *s, struct onl_panel *p)
{
	char v[3][INTAKE_VALUE_MAX];
	struct case_event e;
	cJSON *x;

	lineedit_get(&p->ed, p->reject[p->row], sizeof p->reject[p->row]);
	for (int r = 0; r < 3; r++) {
		snprintf(v[r], sizeof v[r], "%s", p->reject[r]);
		yc_trim(v[r]);
	}
	for (int r = 0; r < 2; r++)
		if (utf8_len(yc_trim(v[r])) < 4) {
			p->row = r;
			lineedit_init(&p->ed, ONL_REJECT_MAX);
			if (lineedit_set(&p->ed, p->reject[r]) != 0)
				lineedit_clear(&p->ed);
			tui_error(t, _("%s：请写明（至少 4 个字），决定书要告知申请人"),
				  r == 0 ? _("不予受理理由") : _("法律依据"));
			return;
		}
	x = cJSON_CreateObject();
	if (!x || !cJSON_AddStringToObject(x, "basis", yc_trim(v[1])) ||
	    (*yc_trim(v[2]) && !cJSON_AddStringToObject(x, "competent_office", yc_trim(v[2])))) {
		cJSON_Delete(x);
		tui_error(t, "%s", _("内存不足，决定未能登记"));
		return;
	}
	memset(&e, 0, sizeof e);
	e.type = CASE_EV_REJECTED;
	e.day = date_today();
	e.reason = yc_trim(v[0]);
	onl_apply(t, s, p, &e, x, DOC_REJECTION);
	if (p->mode == ONL_DONE)
		tui_message(t, _("办件 %s 不予受理"), p->rec.number);
	cJSON_Delete(x);
}

/* Moves the rejection form to field r, keeping what was typed. */
static void onl_reject_row(struct onl_panel *p, int r)
{
	lineedit_get(&p->ed, p->reject[p->row], sizeof p->reject[p->row]);
	p->row = r;
	lineedit_init(&p->ed, ONL_REJECT_MAX);
	if (lineedit_set(&p->ed, p->reject[r]) != 0)
		lineedit_clear(&p->ed);
}

/* Keys of the note prompt: Enter records, Esc drops. */
static int onl_note_key(struct tui *t, struct screen *s, struct onl_panel *p, int key)
{
	struct onl_mat *m = &p->mats[p->sel];
	char buf[INTAKE_NOTE_MAX];

	if (key == TK_ESC) {
		onl_goto(s, p, ONL_LOOK);
		tui_message(t, "%s", _("未标记不规范"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key != TK_ENTER)
		return intake_edit_key(&p->ed, key) ? TUI_HANDLED | TUI_REDRAW : TUI_HANDLED;
	lineedit_get(&p->ed, buf, sizeof buf);
	yc_trim(buf);
	if (utf8_len(buf) < 2) {
		tui_error(t, "%s", _("请写明不规范之处（至少 2 个字），补正通知书要告知申请人"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	snprintf(m->note, sizeof m->note, "%s", buf);
	m->nonconforming = 1;
	onl_goto(s, p, ONL_LOOK);
	tui_message(t, _("已标记“%s”不规范"), m->m->name);
	return TUI_HANDLED | TUI_REDRAW;
}

/* Keys of the 不予受理 form. */
static int onl_reject_key(struct tui *t, struct screen *s, struct onl_panel *p,
			  enum tui_action act, int key)
{
	if (key == TK_ESC) {
		lineedit_get(&p->ed, p->reject[p->row], sizeof p->reject[p->row]);
		onl_goto(s, p, ONL_LOOK);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (act == ACT_REJECT) {
		onl_reject(t, s, p);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key == TK_ENTER || act == ACT_NEXT_FIELD || act == ACT_DOWN) {
		if (p->row < 2)
			onl_reject_row(p, p->row + 1);
		else if (key == TK_ENTER)
			onl_reject(t, s, p);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (act == ACT_PREV_FIELD || act == ACT_UP) {
		if (p->row > 0)
			onl_reject_row(p, p->row - 1);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (intake_edit_key(&p->ed, key))
		return TUI_HANDLED | TUI_REDRAW;
	return act == ACT_HELP || act == ACT_QUIT ? 0 : TUI_HANDLED;
}

static int onl_panel_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct onl_panel *p = s->data;

	switch (p->mode) {
	case ONL_NOTE:
		if (act == ACT_HELP || act == ACT_QUIT)
			return 0;
		return onl_note_key(t, s, p, key);
	case ONL_REJECT:
		return onl_reject_key(t, s, p, act, key);
	case ONL_DONE:
		if (act == ACT_PREVIEW) {
			docview_open(t, p->app, p->rec.number, p->doc, 1);
			return TUI_HANDLED | TUI_REDRAW;
		}
		return 0;
	case ONL_LOOK:
		break;
	}
	switch (act) {
	case ACT_UP:
		if (p->sel > 0)
			p->sel--;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_DOWN:
		if (p->sel + 1 < p->nmats)
			p->sel++;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_NONCONFORMING: {
		struct onl_mat *m = p->nmats ? &p->mats[p->sel] : NULL;

		if (!m)
			return TUI_HANDLED;
		if (m->nonconforming) {
			m->nonconforming = 0;
			m->note[0] = '\0';
			tui_message(t, _("已取消“%s”的不规范标记"), m->m->name);
		} else if (m->kind == RECEIPT_MISSING) {
			tui_error(t, _("“%s”未提交，审查时已列为缺少；不规范只标记已收到的材料"),
				  m->m->name);
		} else {
			lineedit_init(&p->ed, ONL_NOTE_MAX);
			onl_goto(s, p, ONL_NOTE);
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	case ACT_ACCEPT:
		onl_accept(t, s, p);
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_CORRECT:
		onl_correct(t, s, p);
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_REJECT:
		p->row = 0;
		lineedit_init(&p->ed, ONL_REJECT_MAX);
		if (lineedit_set(&p->ed, p->reject[0]) != 0)
			lineedit_clear(&p->ed);
		onl_goto(s, p, ONL_REJECT);
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_SELECT:
		tui_message(t, "%s", _("请选择：F2 受理、F3 补正或 F4 不予受理；n 标记当前材料不规范"));
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return 0;
	}
}

static void onl_panel_leave(struct tui *t, struct screen *s)
{
	(void)t;
	onl_panel_free(s->data);
}

int online_check_open(struct tui *t, struct app *app, int *stale, const char *number)
{
	struct onl_panel *p = calloc(1, sizeof *p);
	char err[YC_ERRSZ], label[128];
	int rc;

	if (!p) {
		tui_error(t, "%s", _("内存不足，无法打开网上预审"));
		return -1;
	}
	p->app = app;
	p->list_stale = stale;
	rc = case_load(p->app->st, p->app->cal, number, &p->rec, err, sizeof err);
	if (rc != 1) {
		if (rc < 0)
			tui_error(t, _("无法读取办件 %s：%s"), number, err);
		else
			tui_error(t, _("本工作站没有办件 %s"), number);
		free(p);
		return -1;
	}
	if (p->rec.fold.state != CASE_RECEIVED) {
		tui_error(t, _("办件 %s 的状态是“%s”，已作出预审决定"), number,
			  casefsm_fold_label(&p->rec.fold, label, sizeof label));
		*stale = 1;
		onl_panel_free(p);
		return -1;
	}
	p->body = online_received_body(&p->rec);
	p->item = cases_item(p->app, p->rec.item_code);
	if (!p->body) {
		tui_error(t, _("办件 %s 的接件内容无法读取"), number);
		onl_panel_free(p);
		return -1;
	}
	if (!p->item) {
		tui_error(t, _("本工作站的事项目录中没有事项 %s（办件 %s），无法审查：请先同步参考数据"),
			  p->rec.item_code, number);
		onl_panel_free(p);
		return -1;
	}
	if (onl_checklist(p, err, sizeof err) != 0) {
		tui_error(t, _("办件 %s 的材料清单无法建立：%s"), number, err);
		onl_panel_free(p);
		return -1;
	}
	p->due = online_answer_due(p->app, p->body, p->rec.fold.received_on);
	if (tui_push(t, &onl_look_screen, p) != 0) {
		onl_panel_free(p);
		return -1;
	}
	return 0;
}
