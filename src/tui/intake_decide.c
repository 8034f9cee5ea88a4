/*
 * intake_decide.c — the end of an intake: the completeness check (every
 * problem listed, as the 补正 notice must tell them all at once) and the
 * decisions through the store — 受理 (a 即办件 is also decided and handed
 * over at the window), 补正, 不予受理 (intake_result.c asks for the
 * reason, basis and competent office), 撤件.
 *
 * A decision first receives one case per item (case_receive, through
 * intake_receive so that a check-digit override's reason is recorded in the
 * received event), keeps the numbers in the draft at once (a crash between
 * receipt and decision never makes a second case), then appends the
 * decision's events, attaches the case to the window's called ticket,
 * deletes the draft, shows the result and opens the documents to issue.
 *
 * A 一件事 bundle's cases are linked as its parts (bundle_link: an event on
 * each); a 即办件 part whose prerequisite (an item of the lead department)
 * is not decided at the window is accepted and held: it is decided when
 * the prerequisite is approved, and delivered at the issuing window.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/casestore.h"
#include "yichuang/date.h"
#include "yichuang/document.h"
#include "yichuang/intakestore.h"
#include "yichuang/store.h"
#include "yichuang/textwrap.h"
#include "yichuang/util.h"
#include "yichuang/validate.h"
#include "app.h"
#include "intake.h"
#include "intake_bundle.h"

static void check_draw(struct tui *t, struct screen *s);
static int check_handle(struct tui *t, struct screen *s, enum tui_action act, int key);

/* With problems: 补正 is offered. */
static const struct tui_binding check_keys[] = {
	{ TK_SPECIAL | KEY_F(2), ACT_ACCEPT },
	{ 's', ACT_ACCEPT },
	{ TK_SPECIAL | KEY_F(3), ACT_CORRECT },
	{ 'b', ACT_CORRECT },
	{ TK_SPECIAL | KEY_F(4), ACT_REJECT },
	{ 'j', ACT_REJECT },
	{ TK_SPECIAL | KEY_F(6), ACT_WITHDRAW },
	{ 'c', ACT_WITHDRAW },
	{ TK_SPECIAL | KEY_F(7), ACT_INTAKE_PREV },
	{ TK_SPECIAL | KEY_F(9), ACT_INTAKE_ABANDON },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

/* Complete: no 补正. */
static const struct tui_binding check_ok_keys[] = {
	{ TK_SPECIAL | KEY_F(2), ACT_ACCEPT },
	{ 's', ACT_ACCEPT },
	{ TK_SPECIAL | KEY_F(4), ACT_REJECT },
	{ 'j', ACT_REJECT },
	{ TK_SPECIAL | KEY_F(6), ACT_WITHDRAW },
	{ 'c', ACT_WITHDRAW },
	{ TK_SPECIAL | KEY_F(7), ACT_INTAKE_PREV },
	{ TK_SPECIAL | KEY_F(9), ACT_INTAKE_ABANDON },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

static const struct tui_key_help check_help[] = {
	{ TK_SPECIAL | KEY_UP, N_("审查结果上移一行") },
	{ TK_SPECIAL | KEY_DOWN, N_("审查结果下移一行") },
	{ TK_SPECIAL | KEY_PPAGE, N_("审查结果上一页") },
	{ TK_SPECIAL | KEY_NPAGE, N_("审查结果下一页") },
	{ TK_ESC, N_("回到材料修改") },
	{ TK_ENTER, N_("提示可作的决定") },
	{ 0, NULL }
};

static const struct screen_ops check_ops = {
	.name = "intake-check", .title = N_("受理·审查"), .keys = check_keys,
	.draw = check_draw, .handle = check_handle, .leave = intake_leave,
	.key_help = check_help,
};
static const struct screen_ops check_ok_ops = {
	.name = "intake-check", .title = N_("受理·审查"), .keys = check_ok_keys,
	.draw = check_draw, .handle = check_handle, .leave = intake_leave,
	.key_help = check_help,
};

int intake_window(struct app *app)
{
	char buf[16], *end;
	long w;

	if (store_setting_get(app->st, "window", buf, sizeof buf) != 1)
		return app->terminal;
	w = strtol(buf, &end, 10);
	return end != buf && *end == '\0' && w >= 1 && w <= 99 ? (int)w : app->terminal;
}

/* ---- the check ------------------------------------------------------- */

/* "承诺 N 工作日", or 即办件. */
static void limit_text(const struct catalog_item *it, char *buf, size_t bufsz)
{
	if (it->kind == ITEM_INSTANT || it->promised_limit == 0)
		snprintf(buf, bufsz, "%s", _("即办件，受理后当场办结"));
	else
		snprintf(buf, bufsz, _("承诺 %d %s"), it->promised_limit,
			 catalog_unit_name(it->promised_unit));
}

/* The whole check report as lines of width w; counts in->problems. */
static void check_report(struct intake *in, struct textwrap *tw, int w)
{
	char line[1024], lim[64], due[16];
	int total = 0;

	for (size_t i = 0; i < in->nunits; i++) {
		struct intake_unit *u = &in->units[i];
		struct intake_result res;
		char err[YC_ERRSZ];

		memset(&res, 0, sizeof res);
		if (intake_unit_check(u, &res, err, sizeof err) != 0) {
			snprintf(line, sizeof line, _("无法审查：%s"), err);
			textwrap_append(tw, line, w, 2);
			total++;
			continue;
		}
		limit_text(u->item, lim, sizeof lim);
		if (in->bundle) {
			snprintf(line, sizeof line, _("【%s】（%s）"), u->item->short_name ?
				 u->item->short_name : u->item->name, lim);
			textwrap_push(tw, line);
		}
		if (res.outcome == INTAKE_INCOMPLETE)
			snprintf(line, sizeof line, _("审查结果：材料不齐全或不规范，共 %zu 处，须一次告知补正："),
				 res.nproblems);
		else if (res.outcome == INTAKE_COMPLETE_DEFERRED)
			snprintf(line, sizeof line, _("审查结果：材料齐全（%zu 项容缺后补），可以受理（%s）"),
				 res.ndeferred, lim);
		else
			snprintf(line, sizeof line, _("审查结果：材料齐全，可以受理（%s）"), lim);
		textwrap_append(tw, line, w, 2);
		for (size_t k = 0; k < res.nproblems; k++) {
			char text[512], item[600];

			intake_problem_text(&res.problems[k], text, sizeof text);
			snprintf(item, sizeof item, "  %zu. %s", k + 1, text);
			textwrap_append(tw, item, w, 5);
		}
		for (size_t k = 0; k < res.ndeferred; k++) {
			snprintf(line, sizeof line, _("  容缺：%s，%d 个工作日内补交（今日受理则至 %s）"),
				 res.deferred[k]->name, res.deferred[k]->deferral_days,
				 date_format(intake_due_date(in, res.deferred[k]), due, sizeof due));
			textwrap_append(tw, line, w, 4);
		}
		if (u->case_no[0]) {
			snprintf(line, sizeof line, _("  已接件：办件编号 %s（尚未作出决定）"), u->case_no);
			textwrap_append(tw, line, w, 4);
		}
		total += (int)res.nproblems;
		intake_result_free(&res);
	}
	in->problems = total;
}

const struct screen_ops *intake_check_screen(struct tui *t, struct intake *in)
{
	struct textwrap tw;

	(void)t;
	textwrap_init(&tw);
	check_report(in, &tw, 76);
	textwrap_free(&tw);
	in->checked = 1;
	return in->problems > 0 ? &check_ops : &check_ok_ops;
}

static void check_draw(struct tui *t, struct screen *s)
{
	struct intake *in = s->data;
	int y0 = tui_body_top(t) + 2, bottom = tui_body_top(t) + tui_body_rows(t) - 1;
	int room = bottom - y0 - 1;
	struct textwrap tw;

	intake_draw_head(t, in);
	textwrap_init(&tw);
	check_report(in, &tw, t->cols - 2);
	in->page = room;
	in->nlines = tw.n;
	if (in->top > 0 && (size_t)in->top + (size_t)room > tw.n)
		in->top = tw.n > (size_t)room ? (int)(tw.n - (size_t)room) : 0;
	for (int r = 0; r < room && (size_t)(in->top + r) < tw.n; r++) {
		const char *l = tw.lines[in->top + r];

		if (strncmp(l, "  ", 2) != 0)
			attrset(A_BOLD);
		tui_put(y0 + r, 1, t->cols - 2, l, 0);
		attrset(A_NORMAL);
	}
	if ((size_t)(in->top + room) < tw.n) {
		const char *more = _("（下键看更多）");

		tui_put(bottom - 1, t->cols - 1 - utf8_width(more), utf8_width(more), more, 0);
	}
	textwrap_free(&tw);
	if (intake_draw_question(t, in)) {
		/* the question asked */
	} else if (in->prompt == PROMPT_WITHDRAW) {
		const char *label = _("撤件原因：");
		int lw = utf8_width(label);

		attrset(A_BOLD);
		tui_put(bottom - 1, 1, t->cols - 2,
			_("申请人撤回申请：写明原因后按 Enter 登记接件并撤件，Esc 不撤件"), 1);
		tui_put(bottom, 1, lw, label, 0);
		attrset(A_NORMAL);
		intake_draw_edit(&in->ed, bottom, 1 + lw, t->cols - 2 - lw);
	} else if (in->problems > 0)
		tui_put(bottom, 1, t->cols - 2,
			_("F3/b 补正（一次告知）  F4/j 不予受理  F6/c 撤件  F7 回材料修改"), 0);
	else
		tui_put(bottom, 1, t->cols - 2,
			_("F2/s 受理  F4/j 不予受理  F6/c 撤件  F7 回材料修改"), 0);
}

/* ---- building the case ------------------------------------------------ */

/* A trimmed copy of a typed value (NULL when empty); *oom on failure. */
static char *value_dup(const char *s, int *oom)
{
	char buf[INTAKE_VALUE_MAX], *p;

	snprintf(buf, sizeof buf, "%s", s);
	p = yc_trim(buf);
	if (!*p)
		return NULL;
	p = yc_strdup(p);
	if (!p)
		*oom = 1;
	return p;
}

enum norm_kind { NORM_ID, NORM_USCC, NORM_PHONE };

/* The canonical form of an ID, code or phone as the validators give it. */
static void normalise(char *dst, size_t dstsz, const char *src, enum norm_kind kind)
{
	char buf[INTAKE_VALUE_MAX], msg[400], norm[64] = "";
	int rc;

	snprintf(buf, sizeof buf, "%s", src);
	if (kind == NORM_ID)
		rc = validate_id(buf, norm, sizeof norm, msg, sizeof msg);
	else if (kind == NORM_USCC)
		rc = validate_uscc(buf, norm, sizeof norm, msg, sizeof msg);
	else
		rc = validate_phone(buf, norm, sizeof norm, msg, sizeof msg);
	snprintf(dst, dstsz, "%s", rc == VALIDATE_ERROR || !norm[0] ? yc_trim(buf) : norm);
}

/* 1 when the unit's item has a field with this key. */
static int unit_has_field(const struct intake_unit *u, const char *key)
{
	for (size_t i = 0; i < u->item->nfields; i++)
		if (strcmp(u->item->fields[i].key, key) == 0)
			return 1;
	return 0;
}

/* Adds one override {field, value, reason} to array a. */
static void add_override(cJSON *a, const char *field, const char *value, const char *reason)
{
	cJSON *x = cJSON_CreateObject();

	if (!x || !cJSON_AddItemToArray(a, x)) {
		cJSON_Delete(x);
		return;
	}
	cJSON_AddStringToObject(x, "field", field);
	cJSON_AddStringToObject(x, "value", value);
	cJSON_AddStringToObject(x, "reason", reason);
}

/* The extra members of the received event: every 统一社会信用代码
 * accepted although its check digit fails, with the clerk's reason.
 * NULL when there is none. */
static char *receive_extra(const struct intake *in, const struct intake_unit *u)
{
	cJSON *o = cJSON_CreateObject(), *a = o ? cJSON_AddArrayToObject(o, "check_digit_overrides") : NULL;
	char *text = NULL;

	if (!a) {
		cJSON_Delete(o);
		return NULL;
	}
	if (in->org && intake_party_row_shown(in, PROW_OVERRIDE))
		add_override(a, "applicant.id_no", in->party[PROW_ID], in->party[PROW_OVERRIDE]);
	for (size_t i = 0; i < in->nfields; i++) {
		const struct intake_field *f = &in->fields[i];
		char key[160], msg[400];

		if (f->f->type != FIELD_USCC || !unit_has_field(u, f->f->key) ||
		    validate_field(f->f, f->value, msg, sizeof msg) != VALIDATE_WARNING)
			continue;
		snprintf(key, sizeof key, "fields.%s", f->f->key);
		add_override(a, key, f->value, f->override);
	}
	if (cJSON_GetArraySize(a) > 0)
		text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return text;
}

/* Receives unit u as a case (when not yet received).  0 or -1 (shown). */
static int receive_unit(struct tui *t, struct intake *in, struct intake_unit *u)
{
	struct app *app = in->app;
	struct case_intake ci;
	struct case_party agent;
	struct case_field_value *fv = NULL;
	struct case_material_receipt *mr = NULL;
	const char **sits = NULL;
	char id_no[64], phone[64], agent_id[64], agent_phone[64];
	char *name = NULL, *aname = NULL, *extra = NULL, **vals = NULL;
	char cid[CASE_ID_MAX], err[YC_ERRSZ];
	size_t nf = 0, ns = 0;
	int oom = 0, rc = -1;

	if (u->case_no[0])
		return 0;
	/* The case's id goes into the draft before the case exists: a
	 * crash after receiving finds the case again instead of receiving
	 * the application twice. */
	if (!u->case_id[0]) {
		case_uuid(u->case_id);
		intake_draft_save(t, in);
	} else {
		struct case_record rec;

		if (case_load(app->st, in->cal, u->case_id, &rec, err, sizeof err) == 1) {
			snprintf(u->case_no, sizeof u->case_no, "%s", rec.number);
			u->state = rec.fold.state;
			case_record_free(&rec);
			intake_draft_save(t, in);
			return 0;
		}
	}
	memset(&ci, 0, sizeof ci);
	case_intake_from_item(&ci, u->item, app->catalog_version);
	ci.day = in->today;
	ci.applicant.org = in->org;
	name = value_dup(in->party[PROW_NAME], &oom);
	ci.applicant.name = name;
	normalise(id_no, sizeof id_no, in->party[PROW_ID], in->org ? NORM_USCC : NORM_ID);
	normalise(phone, sizeof phone, in->party[PROW_PHONE], NORM_PHONE);
	ci.applicant.id_no = id_no;
	ci.applicant.phone = phone;
	if (in->party[PROW_AGENT_NAME][0]) {
		aname = value_dup(in->party[PROW_AGENT_NAME], &oom);
		normalise(agent_id, sizeof agent_id, in->party[PROW_AGENT_ID], NORM_ID);
		normalise(agent_phone, sizeof agent_phone, in->party[PROW_AGENT_PHONE], NORM_PHONE);
		agent.org = 0;
		agent.name = aname;
		agent.id_no = agent_id;
		agent.phone = agent_phone[0] ? agent_phone : NULL;
		ci.agent = &agent;
	}
	fv = calloc(in->nfields + 1, sizeof *fv);
	vals = calloc(in->nfields + 1, sizeof *vals);
	mr = calloc(u->nmats + 1, sizeof *mr);
	sits = calloc(u->item->nsituations + 1, sizeof *sits);
	if (!fv || !vals || !mr || !sits || oom) {
		tui_error(t, "%s", _("内存不足，未能接件"));
		goto out;
	}
	for (size_t i = 0; i < in->nfields; i++) {
		if (!unit_has_field(u, in->fields[i].f->key))
			continue;
		vals[nf] = value_dup(in->fields[i].value, &oom);
		fv[nf].key = in->fields[i].f->key;
		fv[nf].value = vals[nf] ? vals[nf] : "";
		nf++;
	}
	ci.fields = fv;
	ci.nfields = nf;
	for (size_t i = 0; i < u->item->nsituations; i++)
		if (u->sit_on[i])
			sits[ns++] = u->item->situations[i].id;
	ci.situations = sits;
	ci.nsituations = ns;
	for (size_t i = 0; i < u->nmats; i++) {
		mr[i].id = u->mats[i].m->id;
		mr[i].receipt = u->mats[i].kind;
		mr[i].originals = u->mats[i].originals;
		mr[i].copies = u->mats[i].copies;
		mr[i].nonconforming = u->mats[i].nonconforming;
		mr[i].note = u->mats[i].note[0] ? u->mats[i].note : NULL;
	}
	ci.materials = mr;
	ci.nmaterials = u->nmats;
	ci.id = u->case_id;
	extra = receive_extra(in, u);
	if (oom) {
		tui_error(t, "%s", _("内存不足，未能接件"));
		goto out;
	}
	if (intake_receive(app->st, in->cal, &ci, extra, app->user.name, cid, u->case_no,
			   err, sizeof err) != 0) {
		u->case_no[0] = '\0';
		tui_error(t, _("接件未能登记：%s"), err);
		goto out;
	}
	u->state = CASE_RECEIVED;
	intake_draft_save(t, in);	/* the number, before the decision */
	rc = 0;
out:
	for (size_t i = 0; vals && i < nf; i++)
		free(vals[i]);
	free(vals);
	free(fv);
	free(mr);
	free(sits);
	free(name);
	free(aname);
	free(extra);
	return rc;
}

/* The receipt objects of a unit's checklist (events.md). */
static cJSON *materials_json(const struct intake_unit *u)
{
	static const char *const words[] = { "missing", "paper", "electronic", "fetched", "deferred" };
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; a && i < u->nmats; i++) {
		const struct intake_mat *m = &u->mats[i];
		cJSON *o = cJSON_CreateObject();

		if (!o || !cJSON_AddItemToArray(a, o)) {
			cJSON_Delete(o);
			cJSON_Delete(a);
			return NULL;
		}
		cJSON_AddStringToObject(o, "id", m->m->id);
		cJSON_AddStringToObject(o, "receipt", words[m->kind]);
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

/* Appends one event to unit u's case; 0 or -1 (shown). */
static int apply(struct tui *t, struct intake *in, struct intake_unit *u,
		 const struct case_event *e, cJSON *extra)
{
	char err[YC_ERRSZ], *text = extra ? cJSON_PrintUnformatted(extra) : NULL;
	int rc;

	if (extra && !text) {
		tui_error(t, "%s", _("内存不足，决定未能登记"));
		return -1;
	}
	rc = case_apply_event(in->app->st, in->cal, u->case_no, e, text, in->app->user.name,
			      &u->state, err, sizeof err);
	free(text);
	if (rc != 0)
		tui_error(t, _("办件 %s：%s"), u->case_no, err);
	else
		app_saved(in->app);
	return rc;
}

/* The 即办件's decision (准予) and hand-over at the window. */
static int close_instant(struct tui *t, struct intake *in, struct intake_unit *u)
{
	struct case_event e;
	cJSON *x, *c;
	int agent = in->party[PROW_AGENT_NAME][0] != '\0', rc;
	char id_no[64];

	memset(&e, 0, sizeof e);
	e.type = CASE_EV_DECIDED;
	e.day = in->today;
	e.decision = CASE_DECISION_APPROVE;
	x = cJSON_CreateObject();
	cJSON_AddStringToObject(x, "result", u->item->result ? u->item->result : "");
	rc = apply(t, in, u, &e, x);
	cJSON_Delete(x);
	if (rc != 0)
		return -1;
	memset(&e, 0, sizeof e);
	e.type = CASE_EV_DELIVERED;
	e.day = in->today;
	e.delivery = CASE_DELIVERY_PICKUP;
	x = cJSON_CreateObject();
	c = cJSON_AddObjectToObject(x, "collector");
	normalise(id_no, sizeof id_no, in->party[agent ? PROW_AGENT_ID : PROW_ID],
		  agent || !in->org ? NORM_ID : NORM_USCC);
	cJSON_AddStringToObject(c, "name", in->party[agent ? PROW_AGENT_NAME : PROW_NAME]);
	cJSON_AddStringToObject(c, "id_no", id_no);
	cJSON_AddStringToObject(c, "relation", agent ? "agent" : "applicant");
	cJSON_AddBoolToObject(x, "confirmed", 1);
	rc = apply(t, in, u, &e, x);
	cJSON_Delete(x);
	return rc;
}

/* The accepted event's extra members: the promised date of this
 * acceptance (the timeline shows it; a later extension moves the case's
 * date, not this one).  NULL when there is none to say. */
static cJSON *accepted_extra(struct intake *in, const struct intake_unit *u,
			     const struct case_event *e)
{
	struct case_record rec;
	char err[YC_ERRSZ], day[16];
	cJSON *x = NULL;

	if (case_load(in->app->st, in->cal, u->case_no, &rec, err, sizeof err) != 1)
		return NULL;
	if (casefsm_apply(&rec.fold, e, in->cal, err, sizeof err) == 0 && rec.fold.promised_on &&
	    !rec.fold.instant) {
		x = cJSON_CreateObject();
		if (x)
			cJSON_AddStringToObject(x, "promised_on",
						date_format(rec.fold.promised_on, day, sizeof day));
	}
	case_record_free(&rec);
	return x;
}

/* 受理 of one unit (and, for a 即办件 not held for a prerequisite, its
 * decision and hand-over). */
static int accept_unit(struct tui *t, struct intake *in, struct intake_unit *u,
		       const struct intake_result *res, int held)
{
	struct case_deferral d[CASEFSM_MAX_DEFERRED];
	struct case_event e;
	struct case_record rec;
	char err[YC_ERRSZ];
	size_t nd = 0;
	cJSON *x;
	int rc;

	memset(&e, 0, sizeof e);
	e.type = CASE_EV_ACCEPTED;
	e.day = in->today;
	for (size_t k = 0; k < res->ndeferred && nd < CASEFSM_MAX_DEFERRED; k++) {
		d[nd].material = res->deferred[k]->id;
		d[nd].days = res->deferred[k]->deferral_days;
		nd++;
	}
	e.deferred = d;
	e.ndeferred = nd;
	x = accepted_extra(in, u, &e);
	rc = apply(t, in, u, &e, x);
	cJSON_Delete(x);
	if (rc != 0)
		return -1;
	u->doc = DOC_ACCEPTANCE;
	if (u->item->kind == ITEM_INSTANT && !held && close_instant(t, in, u) != 0)
		return -1;
	memset(&rec, 0, sizeof rec);
	if (case_load(in->app->st, in->cal, u->case_no, &rec, err, sizeof err) == 1) {
		u->promised_on = rec.fold.promised_on;
		case_record_free(&rec);
	}
	return 0;
}

/* 补正 of one unit: every problem, with the checklist at the time. */
static int correct_unit(struct tui *t, struct intake *in, struct intake_unit *u,
			const struct intake_result *res)
{
	struct case_event e;
	cJSON *x = cJSON_CreateObject(), *p = x ? cJSON_AddArrayToObject(x, "problems") : NULL;
	int rc;

	if (!p) {
		cJSON_Delete(x);
		tui_error(t, "%s", _("内存不足，补正未能登记"));
		return -1;
	}
	for (size_t k = 0; k < res->nproblems; k++) {
		cJSON *o = cJSON_CreateObject();
		char text[512];

		if (!o || !cJSON_AddItemToArray(p, o)) {
			cJSON_Delete(o);
			continue;
		}
		cJSON_AddStringToObject(o, "material", res->problems[k].material->id);
		cJSON_AddStringToObject(o, "name", res->problems[k].material->name);
		cJSON_AddStringToObject(o, "text", intake_problem_record(&res->problems[k], text,
									sizeof text));
	}
	cJSON_AddItemToObject(x, "materials", materials_json(u));
	memset(&e, 0, sizeof e);
	e.type = CASE_EV_CORRECTION_REQUESTED;
	e.day = in->today;
	rc = apply(t, in, u, &e, x);
	cJSON_Delete(x);
	if (rc == 0)
		u->doc = DOC_CORRECTION;
	return rc;
}

/* 不予受理 with the reason, basis and (when given) competent office. */
static int reject_unit(struct tui *t, struct intake *in, struct intake_unit *u)
{
	struct case_event e;
	cJSON *x = cJSON_CreateObject();
	char reason[INTAKE_VALUE_MAX], basis[INTAKE_VALUE_MAX], office[INTAKE_VALUE_MAX];
	int rc;

	snprintf(reason, sizeof reason, "%s", in->reject[0]);
	snprintf(basis, sizeof basis, "%s", in->reject[1]);
	snprintf(office, sizeof office, "%s", in->reject[2]);
	cJSON_AddStringToObject(x, "basis", yc_trim(basis));
	if (*yc_trim(office))
		cJSON_AddStringToObject(x, "competent_office", yc_trim(office));
	memset(&e, 0, sizeof e);
	e.type = CASE_EV_REJECTED;
	e.day = in->today;
	e.reason = yc_trim(reason);
	rc = apply(t, in, u, &e, x);
	cJSON_Delete(x);
	if (rc == 0)
		u->doc = DOC_REJECTION;
	return rc;
}

static int withdraw_unit(struct tui *t, struct intake *in, struct intake_unit *u)
{
	struct case_event e;

	memset(&e, 0, sizeof e);
	e.type = CASE_EV_WITHDRAWN;
	e.day = in->today;
	e.reason = in->withdraw_reason;
	u->doc = -1;
	return apply(t, in, u, &e, NULL);
}

/* The result step's text: every case with its number and state. */
static void result_compose(struct intake *in)
{
	struct strbuf sb;
	char day[16], state[64];

	sb_init(&sb);
	for (size_t i = 0; i < in->nunits; i++) {
		const struct intake_unit *u = &in->units[i];
		struct case_fold f;

		casefsm_init(&f);
		f.state = u->state;
		casefsm_fold_label(&f, state, sizeof state);
		sb_appendf(&sb, _("办件编号 %s  %s  状态：%s\n"), u->case_no,
			   u->item->short_name ? u->item->short_name : u->item->name, state);
		if (u->state == CASE_DELIVERED)
			sb_appendf(&sb, "%s\n", _("  即办件已当场办结：准予，结果已在窗口交申请人领取"));
		else if (u->state == CASE_ACCEPTED && u->item->kind == ITEM_INSTANT && in->bundle)
			sb_appendf(&sb, "%s\n", _("  一件事：前置事项准予后即办结，结果在出件窗口领取"));
		else if (u->state == CASE_ACCEPTED && u->promised_on)
			sb_appendf(&sb, _("  承诺办结日期：%s\n"), date_format(u->promised_on, day, sizeof day));
		else if (u->state == CASE_CORRECTION)
			sb_appendf(&sb, "%s\n", _("  已一次告知须补正的全部材料；申请人补齐后从“补正收件”（22）受理"));
		else if (u->state == CASE_REJECTED)
			sb_appendf(&sb, _("  不予受理理由：%s\n"), in->reject[0]);
	}
	utf8_snprintf(in->result_text, sizeof in->result_text, "%s", sb.buf ? sb.buf : "");
	sb_free(&sb);
}

/* Runs the check of every unit into res (allocated; NULL shown as an
 * error); *incomplete counts the units with problems. */
static struct intake_result *check_all(struct tui *t, struct intake *in, int *incomplete)
{
	struct intake_result *res = calloc(in->nunits, sizeof *res);
	char err[YC_ERRSZ];

	*incomplete = 0;
	if (!res) {
		tui_error(t, "%s", _("内存不足"));
		return NULL;
	}
	for (size_t i = 0; i < in->nunits; i++) {
		if (intake_unit_check(&in->units[i], &res[i], err, sizeof err) != 0) {
			tui_error(t, "%s", err);
			for (size_t k = 0; k < i; k++)
				intake_result_free(&res[k]);
			free(res);
			return NULL;
		}
		if (res[i].outcome == INTAKE_INCOMPLETE)
			(*incomplete)++;
	}
	return res;
}

/* After a decision: ticket, draft, result step, documents. */
static void decided(struct tui *t, struct screen *s, struct intake *in, enum intake_decision d)
{
	struct app *app = in->app;
	struct queue_ticket tk;
	char err[YC_ERRSZ];
	int docs_ok = 1, window = intake_window(app);

	if (queue_current(app->st, window, &tk, err, sizeof err) == 1 &&
	    queue_attach_case(app->st, window, in->units[0].case_no, err, sizeof err) != 0)
		tui_error(t, _("办件未能关联到当前的号 %s：%s"), tk.number, err);
	intake_draft_delete(t, in);
	in->decided = 1;
	if (d == DECIDE_CORRECT)
		in->told_correction = 1;
	result_compose(in);
	intake_goto(t, s, in, STEP_RESULT);
	/* The documents, the first case's on top. */
	for (size_t i = in->nunits; i-- > 0;)
		if (in->units[i].doc >= 0 &&
		    docview_open(t, app, in->units[i].case_no, in->units[i].doc, 1) != 0)
			docs_ok = 0;
	if (!docs_ok) {
		char why[sizeof t->message];

		snprintf(why, sizeof why, "%s", t->message);
		tui_error(t, _("办件 %s 已登记；文书未能打开（%s），可在办件查询中补出"),
			  in->units[0].case_no, why);
	} else if (d == DECIDE_WITHDRAW) {
		tui_message(t, _("办件 %s 已撤件"), in->units[0].case_no);
	}
}

int intake_decide(struct tui *t, struct screen *s, struct intake *in, enum intake_decision d)
{
	struct intake_result *res;
	char msg[600];
	int incomplete = 0, failed = 0;

	if (intake_party_first_problem(in, msg, sizeof msg) >= 0 ||
	    intake_fields_first_problem(in, msg, sizeof msg) >= 0) {
		tui_error(t, _("%s（按 F7 回去更正）"), msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	res = check_all(t, in, &incomplete);
	if (!res)
		return TUI_HANDLED | TUI_REDRAW;
	if (d == DECIDE_ACCEPT && incomplete) {
		tui_error(t, "%s", _("材料不齐全或不规范，不能受理：请按 F3 出具补正通知，或按 F7 回材料修改"));
		failed = 1;
	} else if (d == DECIDE_CORRECT && !incomplete) {
		tui_error(t, "%s", _("材料齐全，无需补正：请按 F2 受理"));
		failed = 1;
	}
	if (failed)
		tui_flush_typeahead(t);
	for (size_t i = 0; !failed && i < in->nunits; i++)
		if (receive_unit(t, in, &in->units[i]) != 0)
			failed = 1;
	for (size_t i = 0; !failed && i < in->nunits; i++) {
		struct intake_unit *u = &in->units[i];

		switch (d) {
		case DECIDE_ACCEPT:
			failed = accept_unit(t, in, u, &res[i], intake_unit_held(in, i, res)) != 0;
			break;
		case DECIDE_CORRECT:
			/* Items of a bundle that are complete go ahead. */
			if (res[i].outcome == INTAKE_INCOMPLETE)
				failed = correct_unit(t, in, u, &res[i]) != 0;
			else
				failed = accept_unit(t, in, u, &res[i], intake_unit_held(in, i, res)) != 0;
			break;
		case DECIDE_REJECT:
			failed = reject_unit(t, in, u) != 0;
			break;
		case DECIDE_WITHDRAW:
			failed = withdraw_unit(t, in, u) != 0;
			break;
		}
	}
	for (size_t i = 0; i < in->nunits; i++)
		intake_result_free(&res[i]);
	free(res);
	if (failed)
		return TUI_HANDLED | TUI_REDRAW;
	decided(t, s, in, d);
	if (in->bundle && (d == DECIDE_ACCEPT || d == DECIDE_CORRECT))
		intake_link_bundle(t, in);
	return TUI_HANDLED | TUI_REDRAW;
}

/* 1 (and a message) when a case of the intake is received already: the
 * intake can then only end in a decision. */
int intake_has_cases(struct tui *t, const struct intake *in)
{
	for (size_t i = 0; i < in->nunits; i++)
		if (in->units[i].case_no[0]) {
			tui_error(t, _("办件 %s 已接件，不能放弃：请作出决定（受理、补正、不予受理或撤件）"),
				  in->units[i].case_no);
			return 1;
		}
	return 0;
}

/* The withdrawal's reason being typed: Enter withdraws, Esc does not. */
static int withdraw_prompt_key(struct tui *t, struct screen *s, struct intake *in, int key)
{
	char buf[INTAKE_VALUE_MAX];

	if (key == TK_ESC) {
		in->prompt = PROMPT_NONE;
		tui_message(t, "%s", _("未撤件"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key != TK_ENTER) {
		if (intake_edit_key(&in->ed, key) == 0)
			tui_error(t, "%s", _("请写明撤件原因后按 Enter，或按 Esc 不撤件"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	lineedit_get(&in->ed, buf, sizeof buf);
	if (utf8_len(yc_trim(buf)) < 2) {
		tui_error(t, "%s", _("请写明撤件原因（至少 2 个字），记入办件的办理过程"));
		tui_flush_typeahead(t);
		return TUI_HANDLED | TUI_REDRAW;
	}
	snprintf(in->withdraw_reason, sizeof in->withdraw_reason, "%s", yc_trim(buf));
	in->prompt = PROMPT_NONE;
	return intake_decide(t, s, in, DECIDE_WITHDRAW);
}

static int check_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct intake *in = s->data;
	int fl;

	if (in->prompt == PROMPT_WITHDRAW)
		return withdraw_prompt_key(t, s, in, key);
	fl = intake_question_key(t, in, act, key);
	if (fl >= 0)
		return fl;
	switch (act) {
	case ACT_ACCEPT:
		return intake_decide(t, s, in, DECIDE_ACCEPT);
	case ACT_CORRECT:
		return intake_decide(t, s, in, DECIDE_CORRECT);
	case ACT_REJECT:
		intake_goto(t, s, in, STEP_REJECT);
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_WITHDRAW:
		in->prompt = PROMPT_WITHDRAW;
		lineedit_init(&in->ed, 100);
		tui_message(t, "%s", _("撤件：请写明申请人撤回申请的原因"));
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_INTAKE_ABANDON:
		if (!intake_has_cases(t, in))
			in->confirm = CONFIRM_ABANDON;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_INTAKE_PREV:
	case ACT_BACK:
		intake_goto(t, s, in, STEP_CHECKLIST);
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_UP:
		if (in->top > 0)
			in->top--;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_DOWN:
		if ((size_t)(in->top + in->page) < in->nlines)
			in->top++;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_PAGE_UP:
		in->top = in->top > in->page - 1 ? in->top - (in->page - 1) : 0;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_PAGE_DOWN: {
		int max = (int)in->nlines > in->page ? (int)in->nlines - in->page : 0;

		in->top = in->top + in->page - 1 < max ? in->top + in->page - 1 : max;
		return TUI_HANDLED | TUI_REDRAW;
	}
	case ACT_SELECT:
		tui_message(t, "%s", in->problems ? _("请选择：F3 补正、F4 不予受理或 F6 撤件")
			    : _("请选择：F2 受理、F4 不予受理或 F6 撤件"));
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return 0;
	}
}
