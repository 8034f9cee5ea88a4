/*
 * cases_return.c — the applicant's return (补正收件): the panel of one
 * case in state correction.  It lists every problem of the 补正 notice
 * (the correction_requested event's "problems"), grouped by material; the
 * clerk ticks each material that arrived (its digit or letter key, or
 * Space on the chosen row) and F9 accepts: a correction_supplied event
 * with {"materials": [receipt objects]} (events.md), the 容缺 materials of
 * the notice's checklist carried on as deferrals.  While a material is not
 * ticked the case is not accepted and the panel says which are missing.
 * Once accepted it shows the promised date and opens the 受理通知书 to
 * print (docview.c).
 *
 * What arrived is never lost: every tick is kept at once in a draft of
 * kind "return-NUMBER" (the day and the clerk of each material), and on
 * leaving the panel it is recorded on the case as a correction_partial
 * event listing everything received so far, which syncs like any event:
 * an applicant who brings part of the materials, leaves and comes back
 * finds them ticked ("11-20 已收") at any window, by any clerk.  A draft
 * left behind (the program killed with the panel open) is taken first on
 * its terminal.  The acceptance removes the draft.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/casefsm.h"
#include "yichuang/date.h"
#include "yichuang/document.h"
#include "yichuang/intakestore.h"
#include "yichuang/print.h"
#include "yichuang/textwrap.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "cases.h"

#define RET_MAX 35		/* materials one panel can tick (keys 1-9, a-z) */

/* One material the notice asked for, with its problem lines. */
struct ret_material {
	char id[CASEFSM_MATERIAL_MAX];
	char *problems;		/* the notice's lines, '\n' between them */
	int ticked;
	int day;		/* when it arrived (kept in the draft); 0 not yet */
	char by[USER_NAME_MAX + 1];	/* the clerk who ticked it */
};

struct ret_panel {
	struct app *app;
	struct calendar *cal;
	struct case_record rec;
	const struct catalog_item *item;
	int notice_day;		/* the 补正 notice */
	char *notice_actor;
	cJSON *notice;		/* the correction_requested body */
	struct ret_material mats[RET_MAX];
	size_t nmats;
	size_t sel;
	size_t top;		/* first material shown */
	int accepted;		/* done: the case is accepted */
	int promised_on;
	int notice_row;		/* index of the notice in rec.events */
	char recorded[RET_MAX];	/* ticked in the latest correction_partial */
	char clerk[USER_NAME_MAX + 1];	/* who has the panel open */
};

static const struct tui_binding ret_keys[] = {
	{ TK_SPECIAL | KEY_F(9), ACT_ACCEPT },
	{ ' ', ACT_TOGGLE },
	{ TK_SPECIAL | KEY_F(5), ACT_PREVIEW },
	{ 0, ACT_NONE }
};

/* The key of material i: 1-9, then a-z. */
static int ret_key(size_t i)
{
	return i < 9 ? '1' + (int)i : 'a' + (int)(i - 9);
}

/* The index of the material of key, or -1. */
static int ret_index(const struct ret_panel *p, int key)
{
	int i = -1;

	if (key >= '1' && key <= '9')
		i = key - '1';
	else if (key >= 'a' && key <= 'z')
		i = 9 + key - 'a';
	return i >= 0 && (size_t)i < p->nmats ? i : -1;
}

static void ret_free(struct ret_panel *p)
{
	for (size_t i = 0; i < p->nmats; i++)
		free(p->mats[i].problems);
	cJSON_Delete(p->notice);
	free(p->notice_actor);
	case_record_free(&p->rec);
	calendar_free(p->cal);
	free(p);
}

/* Appends line to the problems of material id (a new entry when new). */
static int ret_add_problem(struct ret_panel *p, const char *id, const char *line)
{
	struct ret_material *m = NULL;
	size_t len;
	char *np;

	for (size_t i = 0; i < p->nmats; i++)
		if (strcmp(p->mats[i].id, id) == 0)
			m = &p->mats[i];
	if (!m) {
		if (p->nmats == RET_MAX)
			return 0;
		m = &p->mats[p->nmats++];
		snprintf(m->id, sizeof m->id, "%s", id);
	}
	len = m->problems ? strlen(m->problems) : 0;
	np = realloc(m->problems, len + strlen(line) + 2);
	if (!np)
		return -1;
	if (len)
		np[len++] = '\n';
	strcpy(np + len, line);
	m->problems = np;
	return 0;
}

/* Reads the latest 补正 notice of the case into the panel. */
static int ret_read_notice(struct tui *t, struct ret_panel *p)
{
	const struct case_event_row *row = NULL;
	const cJSON *a, *o;

	for (size_t i = 0; i < p->rec.nevents; i++)
		if (p->rec.events[i].type == CASE_EV_CORRECTION_REQUESTED) {
			row = &p->rec.events[i];
			p->notice_row = (int)i;
		}
	if (!row) {
		tui_error(t, _("办件 %s 没有补正告知记录，无法补正收件"), p->rec.number);
		return -1;
	}
	p->notice = cJSON_Parse(row->body ? row->body : "");
	if (!p->notice) {
		tui_error(t, _("办件 %s 的补正告知内容无法读取"), p->rec.number);
		return -1;
	}
	p->notice_actor = yc_strdup(row->actor ? row->actor : "");
	if (!p->notice_actor) {
		tui_error(t, "%s", _("内存不足"));
		return -1;
	}
	{
		const cJSON *d = cJSON_GetObjectItemCaseSensitive(p->notice, "day");

		if (!cJSON_IsString(d) || date_parse(d->valuestring, &p->notice_day) != 0)
			p->notice_day = p->rec.fold.correction_notice_on;
	}
	a = cJSON_GetObjectItemCaseSensitive(p->notice, "problems");
	cJSON_ArrayForEach(o, a) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "material");
		const cJSON *text = cJSON_GetObjectItemCaseSensitive(o, "text");

		if (!cJSON_IsString(id))
			continue;
		if (ret_add_problem(p, id->valuestring, cJSON_IsString(text) ? text->valuestring :
				    cases_material_name(p->item, id->valuestring)) != 0) {
			tui_error(t, "%s", _("内存不足"));
			return -1;
		}
	}
	if (p->nmats == 0) {
		tui_error(t, _("办件 %s 的补正告知没有列出材料，无法逐项收件"), p->rec.number);
		return -1;
	}
	return 0;
}

/* The draft's kind for this case. */
static void ret_kind(const struct ret_panel *p, char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "return-%s", p->rec.number);
}

/* What has arrived, {"materials": [{id, day, by}]} plus "case" when
 * case_no is not NULL, as JSON text (allocated; NULL when out of
 * memory); *any, when any is not NULL, says whether anything is ticked. */
static char *ret_ticked_json(const struct ret_panel *p, const char *case_no, int *any)
{
	cJSON *o = cJSON_CreateObject(), *a = o ? cJSON_AddArrayToObject(o, "materials") : NULL;
	char day[16], *text;
	int ticked = 0;

	for (size_t i = 0; a && i < p->nmats; i++) {
		cJSON *m;

		if (!p->mats[i].ticked)
			continue;
		m = cJSON_CreateObject();
		if (!m || !cJSON_AddItemToArray(a, m)) {
			cJSON_Delete(m);
			a = NULL;
		} else if (!cJSON_AddStringToObject(m, "id", p->mats[i].id) ||
			   !cJSON_AddStringToObject(m, "day",
						    date_format(p->mats[i].day, day, sizeof day)) ||
			   !cJSON_AddStringToObject(m, "by", p->mats[i].by)) {
			a = NULL;
		}
		ticked = 1;
	}
	if (any)
		*any = ticked;
	if (a && case_no && !cJSON_AddStringToObject(o, "case", case_no))
		a = NULL;
	text = a ? cJSON_PrintUnformatted(o) : NULL;
	cJSON_Delete(o);
	return text;
}

/* Keeps what arrived (the ticks, with day and clerk) in the draft; on
 * failure the message line says so. */
static void ret_save(struct tui *t, struct ret_panel *p)
{
	char kind[96], err[YC_ERRSZ];
	int any;
	char *text = ret_ticked_json(p, p->rec.number, &any);

	ret_kind(p, kind, sizeof kind);
	if (!text) {
		tui_error(t, "%s", _("内存不足：已收到的材料未能保存"));
		return;
	}
	/* One draft holds the whole panel: another clerk's earlier one (read
	 * into this panel when it opened) goes; none when nothing is ticked. */
	{
		struct draft_info *v = NULL;
		size_t n = 0;

		if (draft_list(p->app->st, NULL, kind, 0, &v, &n, err, sizeof err) == 0)
			for (size_t i = 0; i < n; i++)
				if (!any || strcmp(v[i].user, p->app->user.name) != 0)
					draft_delete(p->app->st, v[i].user, kind, err, sizeof err);
		draft_list_free(v, n);
	}
	if (any && draft_save(p->app->st, p->app->user.name, kind, text, err, sizeof err) != 0)
		tui_error(t, _("已收到的材料未能保存：%s"), err);
	free(text);
}

/* The materials of the list o ({"materials": [{id, day, by}]}): marked
 * in mark when it is not NULL, ticked when tick. */
static void ret_tick_from(struct ret_panel *p, const cJSON *o, char *mark, int tick)
{
	const cJSON *m;

	cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(o, "materials")) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(m, "id");
		const cJSON *day = cJSON_GetObjectItemCaseSensitive(m, "day");
		const cJSON *by = cJSON_GetObjectItemCaseSensitive(m, "by");

		for (size_t i = 0; cJSON_IsString(id) && i < p->nmats; i++) {
			struct ret_material *r = &p->mats[i];

			if (strcmp(r->id, id->valuestring) != 0)
				continue;
			if (mark)
				mark[i] = 1;
			if (!tick || r->ticked)
				continue;
			r->ticked = 1;
			if (!cJSON_IsString(day) || date_parse(day->valuestring, &r->day) != 0)
				r->day = date_today();
			snprintf(r->by, sizeof r->by, "%s", cJSON_IsString(by) ? by->valuestring : "");
			utf8_trim_partial(r->by);
		}
	}
}

/* What earlier visits brought, as recorded on the case: the latest
 * correction_partial after the notice (it lists all of it). */
static void ret_recorded(struct ret_panel *p, int tick)
{
	const struct case_event_row *row = NULL;
	cJSON *o;

	for (size_t i = (size_t)p->notice_row + 1; i < p->rec.nevents; i++)
		if (p->rec.events[i].type == CASE_EV_CORRECTION_PARTIAL)
			row = &p->rec.events[i];
	if (!row || !(o = cJSON_Parse(row->body ? row->body : "")))
		return;
	ret_tick_from(p, o, p->recorded, tick);
	cJSON_Delete(o);
}

/* Ticks what earlier visits brought: this terminal's draft when a visit
 * was cut short (the program killed with the panel open), else what is
 * recorded on the case, from any window. */
static void ret_restore(struct tui *t, struct ret_panel *p)
{
	struct draft_info *v = NULL;
	size_t n = 0;
	char kind[96], err[YC_ERRSZ];

	ret_kind(p, kind, sizeof kind);
	if (draft_list(p->app->st, NULL, kind, 0, &v, &n, err, sizeof err) != 0) {
		tui_error(t, _("读取上次已收到的材料失败：%s"), err);
		return;
	}
	ret_recorded(p, n == 0);
	for (size_t k = 0; k < n; k++) {
		cJSON *o = cJSON_Parse(v[k].body);

		ret_tick_from(p, o, NULL, 1);
		cJSON_Delete(o);
	}
	draft_list_free(v, n);
}

/* Ticks or unticks material i (today, by this clerk) and keeps it. */
static void ret_toggle(struct tui *t, struct ret_panel *p, size_t i)
{
	struct ret_material *m = &p->mats[i];

	m->ticked = !m->ticked;
	m->day = m->ticked ? date_today() : 0;
	snprintf(m->by, sizeof m->by, "%s", m->ticked ? p->app->user.name : "");
	ret_save(t, p);
}

/* The problem lines of material i wrapped to width (each begins
 * "补正："), into w (initialised by the caller). */
static void ret_wrap(const struct ret_panel *p, size_t i, int width, struct textwrap *w)
{
	const char *s0 = p->mats[i].problems ? p->mats[i].problems : "";

	while (*s0) {
		const char *nl = strchr(s0, '\n');
		size_t n = nl ? (size_t)(nl - s0) : strlen(s0);
		char line[2048];

		snprintf(line, sizeof line, _("补正：%.*s"), (int)n, s0);
		utf8_trim_partial(line);
		textwrap_append(w, line, width, 6);
		s0 += n + (nl ? 1 : 0);
	}
}

/* Rows material i takes: its tick line and its problem lines. */
static int ret_rows_of(const struct ret_panel *p, size_t i, int width)
{
	struct textwrap w;
	int n;

	textwrap_init(&w);
	ret_wrap(p, i, width, &w);
	n = 1 + (int)w.n;
	textwrap_free(&w);
	return n;
}

/* 1 once the accepted case's 受理通知书 is issued (on this visit or by
 * anyone since). */
static int ret_notice_issued(const struct ret_panel *p)
{
	struct case_record rec;
	char err[YC_ERRSZ];
	int issued;

	if (case_load(p->app->st, p->cal, p->rec.number, &rec, err, sizeof err) != 1)
		return 0;
	issued = print_issued_before(&rec, DOC_ACCEPTANCE);
	case_record_free(&rec);
	return issued;
}

static void ret_draw(struct tui *t, struct screen *s)
{
	struct ret_panel *p = s->data;
	int y = tui_body_top(t), bottom = tui_body_top(t) + tui_body_rows(t) - 1;
	const struct case_record *r = &p->rec;
	char line[1024], d[16], label[128];
	size_t ticked = 0;

	snprintf(line, sizeof line, _("办件 %s  %s  %s"), r->number, r->applicant_name,
		 cases_item_short(p->app, r->item_code, r->item_name));
	attrset(A_BOLD);
	tui_put(y++, 1, t->cols - 2, line, 0);
	attrset(A_NORMAL);
	if (p->accepted) {
		int left = workdays_between(p->cal, date_today(), p->promised_on, NULL);

		snprintf(line, sizeof line, _("状态：%s"), casefsm_fold_label(&r->fold, label, sizeof label));
		tui_put(y + 1, 3, t->cols - 4, line, 0);
		if (r->fold.instant)
			snprintf(line, sizeof line, "%s", _("即办件：当场办结"));
		else
			snprintf(line, sizeof line, _("承诺办结日：%s（还有 %d 个工作日）"),
				 date_format(p->promised_on, d, sizeof d), left);
		attrset(A_BOLD);
		tui_put(y + 2, 3, t->cols - 4, line, 0);
		attrset(A_NORMAL);
		tui_put(y + 4, 3, t->cols - 4, _("补交的材料已登记，办件已受理。"), 0);
		if (ret_notice_issued(p)) {
			tui_put(y + 5, 3, t->cols - 4, _("受理通知书已出具。F5 再看或补打，Esc 返回补正收件列表"), 0);
		} else {
			attrset(t->color ? COLOR_PAIR(2) | A_BOLD : A_BOLD);
			tui_put(y + 5, 3, t->cols - 4,
				_("受理通知书尚未出具：按 F5 预览后按 Enter 出具，交申请人"), 0);
			attrset(A_NORMAL);
		}
		return;
	}
	snprintf(line, sizeof line, _("补正告知：%s（%s），共 %zu 项材料须补正"),
		 date_format(p->notice_day, d, sizeof d), p->notice_actor, p->nmats);
	tui_put(y++, 1, t->cols - 2, line, 0);
	attrset(A_DIM);
	tui_put(y++, 1, t->cols - 2, _("申请人带来的材料：按它前面的键勾选（空格勾选当前行），都齐了按 F9 受理"), 0);
	attrset(A_NORMAL);
	y++;
	/* keep the chosen material in view */
	if (p->sel < p->top)
		p->top = p->sel;
	for (;;) {
		int need = 0;

		for (size_t i = p->top; i <= p->sel; i++)
			need += ret_rows_of(p, i, t->cols - 11);
		if (need <= bottom - 1 - y || p->top == p->sel)
			break;
		p->top++;
	}
	for (size_t i = p->top; i < p->nmats && y < bottom - 1; i++) {
		const struct ret_material *m = &p->mats[i];
		struct textwrap w;

		if (m->ticked && m->day && m->day != date_today()) {
			char when[16];

			/* brought on an earlier visit */
			snprintf(line, sizeof line, _("[x] %c  %s（%s 已收）"), ret_key(i),
				 cases_material_name(p->item, m->id),
				 date_format(m->day, when, sizeof when) + 5);
		} else {
			snprintf(line, sizeof line, "[%s] %c  %s", m->ticked ? "x" : " ", ret_key(i),
				 cases_material_name(p->item, m->id));
		}
		if (i == p->sel)
			attrset(A_REVERSE);
		tui_put(y, 1, 2, i == p->sel ? ">" : "", 1);
		tui_put(y++, 3, t->cols - 4, line, i == p->sel);
		attrset(A_NORMAL);
		textwrap_init(&w);
		ret_wrap(p, i, t->cols - 11, &w);
		for (size_t k = 0; k < w.n && y < bottom - 1; k++)
			tui_put(y++, 10, t->cols - 11, w.lines[k], 0);
		textwrap_free(&w);
	}
	for (size_t i = 0; i < p->nmats; i++)
		ticked += p->mats[i].ticked != 0;
	if (ticked == p->nmats) {
		snprintf(line, sizeof line, _("已勾选全部 %zu 项；按 F9 受理"), p->nmats);
	} else {
		struct strbuf sb;

		sb_init(&sb);
		sb_appendf(&sb, _("还缺 %zu 项："), p->nmats - ticked);
		for (size_t i = 0, k = 0; i < p->nmats; i++)
			if (!p->mats[i].ticked)
				sb_appendf(&sb, "%s%s", k++ ? "、" : "",
					   cases_material_name(p->item, p->mats[i].id));
		snprintf(line, sizeof line, "%s", sb.buf ? sb.buf : "");
		utf8_trim_partial(line);
		sb_free(&sb);
	}
	attrset(A_BOLD);
	cases_put_cut(bottom, 1, t->cols - 2, line);
	attrset(A_NORMAL);
}

/* A receipt object for material id as it arrived on return: the counts the
 * catalog asks for, electronic when the item takes it electronically only. */
static cJSON *ret_receipt(const struct ret_panel *p, const char *id)
{
	const struct catalog_material *m = p->item ? catalog_find_material(p->item, id) : NULL;
	cJSON *o = cJSON_CreateObject();
	int electronic = m && !(m->form & FORM_PAPER) && (m->form & FORM_ELECTRONIC);

	if (!o)
		return NULL;
	if (!cJSON_AddStringToObject(o, "id", id) ||
	    !cJSON_AddStringToObject(o, "receipt", electronic ? "electronic" : "paper") ||
	    !cJSON_AddNumberToObject(o, "originals", electronic || !m ? 0 : m->originals) ||
	    !cJSON_AddNumberToObject(o, "copies", electronic || !m ? 0 : m->copies) ||
	    !cJSON_AddFalseToObject(o, "nonconforming") ||
	    !cJSON_AddNullToObject(o, "note")) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* The 容缺 materials of the notice's checklist, carried into the
 * acceptance (their days from the catalog).  Returns how many. */
static size_t ret_deferrals(const struct ret_panel *p, struct case_deferral *defs, size_t max)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(p->notice, "materials"), *o;
	size_t n = 0;

	cJSON_ArrayForEach(o, a) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
		const cJSON *r = cJSON_GetObjectItemCaseSensitive(o, "receipt");
		const struct catalog_material *m;

		if (!cJSON_IsString(id) || !cJSON_IsString(r) || strcmp(r->valuestring, "deferred") != 0)
			continue;
		m = p->item ? catalog_find_material(p->item, id->valuestring) : NULL;
		if (n < max) {
			defs[n].material = id->valuestring;
			defs[n].days = m && m->deferral_days > 0 ? m->deferral_days : 5;
			n++;
		}
	}
	return n;
}

/* F9: accepts when every material has arrived. */
static void ret_accept(struct tui *t, struct ret_panel *p)
{
	struct case_deferral defs[CASEFSM_MAX_DEFERRED];
	struct case_event e;
	cJSON *extra, *arr;
	char *json = NULL, err[YC_ERRSZ];
	size_t nmissing = 0;
	int rc;

	for (size_t i = 0; i < p->nmats; i++)
		nmissing += !p->mats[i].ticked;
	if (nmissing) {
		if (nmissing < p->nmats)
			tui_error(t, _("材料未补齐，不能受理：还缺 %zu 项（见最下一行）；已收到的 %zu 项已登记，"
				       "申请人补齐后再来时仍在"), nmissing, p->nmats - nmissing);
		else
			tui_error(t, _("材料未补齐，不能受理：还缺 %zu 项（见最下一行）；请申请人补齐后再来"),
				  nmissing);
		return;
	}
	extra = cJSON_CreateObject();
	arr = extra ? cJSON_AddArrayToObject(extra, "materials") : NULL;
	for (size_t i = 0; arr && i < p->nmats; i++) {
		cJSON *o = ret_receipt(p, p->mats[i].id);

		if (!o || !cJSON_AddItemToArray(arr, o)) {
			cJSON_Delete(o);
			arr = NULL;
		}
	}
	memset(&e, 0, sizeof e);
	e.type = CASE_EV_CORRECTION_SUPPLIED;
	e.day = date_today();
	e.ndeferred = ret_deferrals(p, defs, CASEFSM_MAX_DEFERRED);
	e.deferred = e.ndeferred ? defs : NULL;
	/* The promised date of this acceptance goes into the event, so the
	 * timeline says when it was promised (a later extension moves the
	 * case's date, not this one). */
	{
		struct case_fold f = p->rec.fold;
		char day[16];

		if (arr && casefsm_apply(&f, &e, p->cal, err, sizeof err) == 0 && f.promised_on)
			cJSON_AddStringToObject(extra, "promised_on",
						date_format(f.promised_on, day, sizeof day));
	}
	json = arr ? cJSON_PrintUnformatted(extra) : NULL;
	cJSON_Delete(extra);
	if (!json) {
		tui_error(t, "%s", _("内存不足，未能受理"));
		return;
	}
	rc = case_apply_event(p->app->st, p->cal, p->rec.number, &e, json, p->app->user.name,
			      NULL, err, sizeof err);
	free(json);
	if (rc != 0) {
		tui_error(t, _("未能受理：%s"), err);
		return;
	}
	app_saved(p->app);
	/* accepted: the materials are in the event; the draft goes */
	for (size_t i = 0; i < p->nmats; i++)
		p->mats[i].ticked = 0;
	ret_save(t, p);
	{
		char number[CASENO_TEXT_MAX];

		snprintf(number, sizeof number, "%s", p->rec.number);
		case_record_free(&p->rec);
		if (case_load(p->app->st, p->cal, number, &p->rec, err, sizeof err) != 1) {
			tui_error(t, _("已受理，但重新读取办件 %s 失败：%s"), number, err);
			return;
		}
	}
	p->accepted = 1;
	p->promised_on = p->rec.fold.promised_on;
	cases_touch();
	tui_message(t, _("办件 %s 已受理，承诺办结日 %s"), p->rec.number,
		    date_format(p->promised_on, err, sizeof err));
	docview_open(t, p->app, p->rec.number, DOC_ACCEPTANCE, 1);
}

static int ret_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct ret_panel *p = s->data;
	int i;

	if (p->accepted) {
		if (act == ACT_PREVIEW) {
			docview_open(t, p->app, p->rec.number, DOC_ACCEPTANCE, 1);
			return TUI_HANDLED | TUI_REDRAW;
		}
		return 0;
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
	case ACT_TOGGLE:
		ret_toggle(t, p, p->sel);
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_ACCEPT:
		ret_accept(t, p);
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_SELECT:
		tui_message(t, "%s", _("勾选材料用它前面的键或空格；材料齐了按 F9 受理"));
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_PREVIEW:
		tui_error(t, "%s", _("受理之后才有受理通知书"));
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_NONE:
		i = ret_index(p, key);
		if (i < 0)
			return 0;
		p->sel = (size_t)i;
		ret_toggle(t, p, (size_t)i);
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return 0;
	}
}

/* Once accepted only the notice is left to do: no ticking, no F9. */
static int ret_enabled(struct tui *t, struct screen *s, enum tui_action act)
{
	const struct ret_panel *p = s->data;

	(void)t;
	if (!p->accepted)
		return 1;
	return act != ACT_ACCEPT && act != ACT_TOGGLE;
}

/* Leaving the panel of a case not accepted: what has arrived by now is
 * recorded on the case (a correction_partial listing all of it), so the
 * applicant's next visit finds it at any window, and this terminal's
 * draft goes.  Nothing is written when nothing changed; when the event
 * cannot be written the draft stays and the message line says so. */
static void ret_record(struct tui *t, struct ret_panel *p)
{
	struct case_event e;
	char err[YC_ERRSZ], *text;
	int changed = 0;

	for (size_t i = 0; i < p->nmats; i++)
		changed |= !p->mats[i].ticked != !p->recorded[i];
	if (!changed)
		return;
	text = ret_ticked_json(p, NULL, NULL);
	memset(&e, 0, sizeof e);
	e.type = CASE_EV_CORRECTION_PARTIAL;
	e.day = date_today();
	if (!text || case_apply_event(p->app->st, p->cal, p->rec.number, &e, text, p->clerk,
				      NULL, err, sizeof err) != 0) {
		tui_error(t, _("办件 %s 已收到的补正材料未能记入办件（本机草稿仍保留）：%s"),
			  p->rec.number, text ? err : _("内存不足"));
		free(text);
		return;
	}
	free(text);
	app_saved(p->app);
	cases_touch();
	memset(p->recorded, 0, sizeof p->recorded);
	for (size_t i = 0; i < p->nmats; i++) {
		p->recorded[i] = (char)(p->mats[i].ticked != 0);
		p->mats[i].ticked = 0;
	}
	ret_save(t, p);		/* nothing ticked: the draft goes */
}

static void ret_leave(struct tui *t, struct screen *s)
{
	struct ret_panel *p = s->data;

	if (!p->accepted)
		ret_record(t, p);
	ret_free(p);
}

static const struct tui_key_help ret_help[] = {
	{ ' ', N_("勾选或取消当前材料（申请人带来了它）；也可按材料前面的数字或字母") },
	{ TK_SPECIAL | KEY_UP, N_("上一项材料") },
	{ TK_SPECIAL | KEY_DOWN, N_("下一项材料") },
	{ TK_SPECIAL | KEY_PPAGE, TUI_KEY_UNUSED },
	{ TK_SPECIAL | KEY_NPAGE, TUI_KEY_UNUSED },
	{ TK_ENTER, N_("提示怎样勾选和受理") },
	{ TK_ESC, N_("返回补正收件列表（已勾选的材料保留）") },
	{ 0, NULL }
};

static const struct screen_ops ret_screen = {
	.name = "return-panel",
	.title = N_("补正收件"),
	.keys = ret_keys,
	.draw = ret_draw,
	.handle = ret_handle,
	.leave = ret_leave,
	.enabled = ret_enabled,
	.key_help = ret_help,
};

int cases_return_panel_open(struct tui *t, struct app *app, const char *number)
{
	struct ret_panel *p = calloc(1, sizeof *p);
	char err[YC_ERRSZ], label[128];
	int rc;

	if (!p) {
		tui_error(t, "%s", _("内存不足，无法打开补正收件"));
		return -1;
	}
	p->app = app;
	p->cal = cases_calendar(t, app);
	if (!p->cal) {
		free(p);
		return -1;
	}
	rc = case_load(app->st, p->cal, number, &p->rec, err, sizeof err);
	if (rc != 1) {
		if (rc < 0)
			tui_error(t, _("无法读取办件 %s：%s"), number, err);
		else
			tui_error(t, _("本工作站没有办件 %s"), number);
		calendar_free(p->cal);
		free(p);
		return -1;
	}
	if (p->rec.fold.state != CASE_CORRECTION) {
		tui_error(t, _("办件 %s 的状态是“%s”，不在补正中，不能补正收件"), number,
			  casefsm_fold_label(&p->rec.fold, label, sizeof label));
		ret_free(p);
		return -1;
	}
	snprintf(p->clerk, sizeof p->clerk, "%s", app->user.name);
	p->item = cases_item(app, p->rec.item_code);
	if (ret_read_notice(t, p) != 0) {
		ret_free(p);
		return -1;
	}
	ret_restore(t, p);
	if (tui_push(t, &ret_screen, p) != 0) {
		ret_free(p);
		return -1;
	}
	return 0;
}
