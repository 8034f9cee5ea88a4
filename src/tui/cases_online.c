/*
 * cases_online.c — the 网上预受理 worklist (code 23): online applications
 * (source rule 10) that central received and sync brought here, in state
 * received, oldest first, each with its answer deadline (2 working days
 * after receipt) and the working days left or overdue.
 *
 * Opening one shows the applicant, the item, the form and the item's
 * active checklist: what arrived electronically online (never asked for
 * again) and what is missing.  The clerk may mark an online material not
 * 规范 with a note, then decides: 受理 when the completeness check finds
 * the application complete, 补正 telling every missing or non-conforming
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

#define ONL_NUMBER_COLS 23	/* 370102-01-261120-0001-X */
#define ONL_ANSWER_DAYS 2	/* DOMAIN.md rule 10: answer within 2 working days */
#define ONL_NOTE_MAX 100	/* code points of a non-conformity note */
#define ONL_REJECT_MAX 200	/* code points of a rejection field */

/* ---- shared: the received event ------------------------------------------ */

/* The received event's body of a loaded case (NULL when unreadable). */
static cJSON *onl_received_body(const struct case_record *r)
{
	for (size_t i = 0; i < r->nevents; i++)
		if (r->events[i].type == CASE_EV_RECEIVED)
			return cJSON_Parse(r->events[i].body ? r->events[i].body : "");
	return NULL;
}

static const char *onl_jtext(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The answer deadline: the body's answer_due, else 2 working days after
 * receipt on the official calendar. */
static int onl_answer_due(const struct app *app, const cJSON *body, int received_on)
{
	const char *s = onl_jtext(body, "answer_due");
	int due = 0;

	if (s && date_parse(s, &due) == 0)
		return due;
	if (workdays_add(app->cal, received_on, ONL_ANSWER_DAYS, &due, NULL) != 0)
		due = received_on;
	return due;
}

/* "剩 2 工作日", "今日到期", "超期 1 工作日"; 1 when overdue. */
static int onl_left_text(const struct app *app, int due, char *buf, size_t bufsz)
{
	int today = date_today(), left = workdays_between(app->cal, today, due, NULL);

	if (due < today) {
		if (left < 0)
			snprintf(buf, bufsz, _("超期 %d 工作日"), -left);
		else
			snprintf(buf, bufsz, "%s", _("已超期"));
		return 1;
	}
	if (due == today)
		snprintf(buf, bufsz, "%s", _("今日到期"));
	else
		snprintf(buf, bufsz, _("剩 %d 工作日"), left);
	return 0;
}

/* ---- the worklist --------------------------------------------------------- */

struct onl_row {
	char number[CASENO_TEXT_MAX];
	char *applicant;
	char *item_code;
	char *item_name;
	int received_on;
	int due;
};

struct onl_list {
	struct app *app;
	struct onl_row *rows;
	size_t n, sel, top;
	int page;
	int stale;			/* a case was decided: read the list again */
};

static const struct tui_binding onl_list_keys[] = {
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

static void onl_rows_free(struct onl_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->rows[i].applicant);
		free(l->rows[i].item_code);
		free(l->rows[i].item_name);
	}
	free(l->rows);
	l->rows = NULL;
	l->n = 0;
}

/* Oldest first; on one day by number. */
static int onl_row_cmp(const void *a, const void *b)
{
	const struct onl_row *x = a, *y = b;

	if (x->received_on != y->received_on)
		return x->received_on < y->received_on ? -1 : 1;
	return strcmp(x->number, y->number);
}

/* Reads the online cases in state received.  0, or -1 (shown). */
static int onl_load(struct tui *t, struct onl_list *l)
{
	struct case_summary *s = NULL;
	size_t ns = 0;
	char err[YC_ERRSZ];
	int rc = 0;

	onl_rows_free(l);
	l->stale = 0;
	if (case_search(l->app->st, CASE_Q_STATE, casefsm_state_name(CASE_RECEIVED), 0, &s, &ns,
			err, sizeof err) != 0) {
		tui_error(t, _("无法读取待预审的办件：%s"), err);
		return -1;
	}
	l->rows = calloc(ns + 1, sizeof *l->rows);
	if (!l->rows) {
		case_summaries_free(s, ns);
		tui_error(t, "%s", _("内存不足，无法列出网上预受理办件"));
		return -1;
	}
	for (size_t i = 0; i < ns && rc == 0; i++) {
		struct case_record r;
		struct onl_row *w;
		cJSON *body;
		const char *ch;

		memset(&r, 0, sizeof r);
		if (case_load(l->app->st, l->app->cal, s[i].number, &r, err, sizeof err) != 1)
			continue;
		body = onl_received_body(&r);
		ch = onl_jtext(body, "channel");
		if (ch && strcmp(ch, "online") == 0 && r.fold.state == CASE_RECEIVED) {
			w = &l->rows[l->n];
			snprintf(w->number, sizeof w->number, "%s", r.number);
			w->received_on = r.fold.received_on;
			w->due = onl_answer_due(l->app, body, w->received_on);
			w->applicant = yc_strdup(r.applicant_name ? r.applicant_name : "");
			w->item_code = yc_strdup(r.item_code ? r.item_code : "");
			w->item_name = yc_strdup(r.item_name ? r.item_name : "");
			l->n++;
			if (!w->applicant || !w->item_code || !w->item_name) {
				tui_error(t, "%s", _("内存不足，无法列出网上预受理办件"));
				rc = -1;
			}
		}
		cJSON_Delete(body);
		case_record_free(&r);
	}
	case_summaries_free(s, ns);
	qsort(l->rows, l->n, sizeof *l->rows, onl_row_cmp);
	if (l->sel >= l->n)
		l->sel = l->n ? l->n - 1 : 0;
	return rc;
}

static void onl_list_draw(struct tui *t, struct screen *s)
{
	struct onl_list *l = s->data;
	int y0 = tui_body_top(t), rows = tui_body_rows(t), y = y0 + 3, x;
	int wide = t->cols >= 100, dayw = wide ? 10 : 5, leftw = 13, rest, itemw, appw;
	char line[256], d1[16], d2[16], left[64];
	size_t overdue = 0;

	if (l->stale) {
		char msg[sizeof t->message];
		int is_error = t->message_is_error;

		snprintf(msg, sizeof msg, "%s", t->message);
		onl_load(t, l);
		snprintf(t->message, sizeof t->message, "%s", msg);
		t->message_is_error = is_error;
	}
	for (size_t i = 0; i < l->n; i++)
		overdue += l->rows[i].due < date_today();
	snprintf(line, sizeof line, _("网上申请待预审 %zu 件，其中超期 %zu 件；收到后 %d 个工作日内答复申请人"),
		 l->n, overdue, ONL_ANSWER_DAYS);
	tui_put(y0, 1, t->cols - 2, line, 0);
	attrset(A_DIM);
	tui_put(y0 + 1, 1, t->cols - 2, _("网上已收的材料不再要求申请人提交；最早收到的在前"), 0);
	attrset(A_NORMAL);
	rest = t->cols - 2 - 2 - (ONL_NUMBER_COLS + 1) - 2 * (dayw + 1) - leftw - 1;
	if (rest < 8)
		rest = 8;
	appw = rest / 2;
	itemw = rest - appw - 1;
	attrset(A_BOLD);
	x = 3;
	tui_put(y0 + 2, x, ONL_NUMBER_COLS + 1, _("办件编号"), 1);
	x += ONL_NUMBER_COLS + 1;
	tui_put(y0 + 2, x, appw + 1, _("申请人"), 1);
	x += appw + 1;
	tui_put(y0 + 2, x, itemw + 1, _("事项"), 1);
	x += itemw + 1;
	tui_put(y0 + 2, x, dayw + 1, _("收到"), 1);
	x += dayw + 1;
	tui_put(y0 + 2, x, dayw + 1, wide ? _("答复期限") : _("期限"), 1);
	x += dayw + 1;
	tui_put(y0 + 2, x, leftw, _("剩余"), 0);
	attrset(A_NORMAL);
	l->page = rows - 4;
	if (l->page < 1)
		l->page = 1;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + (size_t)l->page)
		l->top = l->sel - (size_t)l->page + 1;
	for (int r = 0; r < l->page && l->top + (size_t)r < l->n; r++, y++) {
		size_t i = l->top + (size_t)r;
		const struct onl_row *w = &l->rows[i];
		int late = onl_left_text(l->app, w->due, left, sizeof left);

		date_format(w->received_on, d1, sizeof d1);
		date_format(w->due, d2, sizeof d2);
		if (i == l->sel)
			attrset(A_REVERSE);
		tui_put(y, 1, 2, i == l->sel ? ">" : "", 1);
		x = 3;
		tui_put(y, x, ONL_NUMBER_COLS + 1, w->number, 1);
		x += ONL_NUMBER_COLS + 1;
		cases_put_cut(y, x, appw, w->applicant);
		tui_put(y, x + appw, 1, "", 1);
		x += appw + 1;
		cases_put_cut(y, x, itemw, cases_item_short(l->app, w->item_code, w->item_name));
		tui_put(y, x + itemw, 1, "", 1);
		x += itemw + 1;
		tui_put(y, x, dayw + 1, wide ? d1 : d1 + 5, 1);
		x += dayw + 1;
		tui_put(y, x, dayw + 1, wide ? d2 : d2 + 5, 1);
		x += dayw + 1;
		if (late)
			attrset(i == l->sel ? A_REVERSE | A_BOLD : A_BOLD);
		tui_put(y, x, t->cols - 1 - x, left, 1);
		attrset(A_NORMAL);
	}
	if (l->n > 0)
		snprintf(line, sizeof line, _("第 %zu 件，共 %zu 件；上下键选择，Enter 打开预审"),
			 l->sel + 1, l->n);
	else
		snprintf(line, sizeof line, "%s", _("没有待预审的网上申请；同步后新的申请会列在这里"));
	attrset(A_DIM);
	tui_put(y0 + rows - 1, 1, t->cols - 2, line, 0);
	attrset(A_NORMAL);
}

static int onl_panel_open(struct tui *t, struct onl_list *l, const char *number);

static int onl_list_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct onl_list *l = s->data;

	(void)key;
	switch (act) {
	case ACT_UP:
		if (l->sel > 0)
			l->sel--;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_DOWN:
		if (l->sel + 1 < l->n)
			l->sel++;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_PAGE_UP:
		l->sel = l->sel > (size_t)l->page ? l->sel - (size_t)l->page : 0;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_PAGE_DOWN:
		l->sel += (size_t)l->page;
		if (l->sel >= l->n)
			l->sel = l->n ? l->n - 1 : 0;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_SELECT:
		if (l->n == 0)
			tui_error(t, "%s", _("没有待预审的网上申请"));
		else
			onl_panel_open(t, l, l->rows[l->sel].number);
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return 0;
	}
}

static void onl_list_leave(struct tui *t, struct screen *s)
{
	struct onl_list *l = s->data;

	(void)t;
	onl_rows_free(l);
	free(l);
}

static const struct screen_ops onl_list_screen = {
	.name = "online-list",
	.title = N_("网上预受理"),
	.keys = onl_list_keys,
	.draw = onl_list_draw,
	.handle = onl_list_handle,
	.leave = onl_list_leave,
};

int online_open(struct tui *t, struct app *app)
{
	struct onl_list *l = calloc(1, sizeof *l);

	if (!l) {
		tui_error(t, "%s", _("内存不足，无法打开网上预受理"));
		return -1;
	}
	l->app = app;
	if (onl_load(t, l) != 0 || tui_push(t, &onl_list_screen, l) != 0) {
		onl_rows_free(l);
		free(l);
		return -1;
	}
	if (l->n > 0)
		tui_message(t, _("待预审 %zu 件；上下键选择，Enter 打开"), l->n);
	return 0;
}

/* ---- one application ------------------------------------------------------ */

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
	struct onl_list *list;
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
			const char *id = onl_jtext(o, "id"), *note = onl_jtext(o, "note");
			const cJSON *v;

			if (!id || strcmp(id, m->m->id) != 0)
				continue;
			m->kind = onl_receipt_kind(onl_jtext(o, "receipt"));
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
		const char *v = onl_jtext(f, p->item->fields[i].key);

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
	const char *id_no = onl_jtext(ap, "id_no"), *phone = onl_jtext(ap, "phone");
	char line[2048], d1[16], d2[16], left[64], why[YC_ERRSZ];
	struct intake_result res;
	int late, detail, room;

	snprintf(line, sizeof line, _("申请人：%s  %s：%s  电话：%s"), p->rec.applicant_name,
		 p->rec.applicant_org ? _("统一社会信用代码") : _("身份证号码"),
		 id_no && *id_no ? id_no : _("（无）"), phone ? phone : _("（无）"));
	tui_put(y++, 1, t->cols - 2, line, 0);
	if (cJSON_IsObject(ag) && onl_jtext(ag, "name")) {
		snprintf(line, sizeof line, _("代理人：%s  身份证号码：%s"), onl_jtext(ag, "name"),
			 onl_jtext(ag, "id_no") ? onl_jtext(ag, "id_no") : _("（无）"));
		tui_put(y++, 1, t->cols - 2, line, 0);
	}
	late = onl_left_text(p->app, p->due, left, sizeof left);
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
	p->list->stale = 1;
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
		cJSON_AddStringToObject(o, "text", intake_problem_text(&res.problems[k], text,
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

/* Opens the 预审 panel of case `number` from the list l.  0 or -1 (shown). */
static int onl_panel_open(struct tui *t, struct onl_list *l, const char *number)
{
	struct onl_panel *p = calloc(1, sizeof *p);
	char err[YC_ERRSZ], label[128];
	int rc;

	if (!p) {
		tui_error(t, "%s", _("内存不足，无法打开网上预审"));
		return -1;
	}
	p->app = l->app;
	p->list = l;
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
		l->stale = 1;
		onl_panel_free(p);
		return -1;
	}
	p->body = onl_received_body(&p->rec);
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
	p->due = onl_answer_due(p->app, p->body, p->rec.fold.received_on);
	if (tui_push(t, &onl_look_screen, p) != 0) {
		onl_panel_free(p);
		return -1;
	}
	return 0;
}
