/*
 * cases.c — the case search (办件查询, code 41) and the list half of the
 * applicant's return (补正收件, code 22).
 *
 * One input: the clerk types a case number (dashes optional, its check
 * character verified), an ID number or credit code, the applicant's name
 * or any part of it of two characters or more (好味道 finds 云岭市安澜区好味道
 * 餐饮有限公司), or the item by its code, a part of its name or its pinyin
 * initials (spjy) as in the item finder; the screen recognises which
 * (casequery.h) and F2 forces a kind.  The list shows the distinctive part
 * of each applicant's name (cases_applicant_short).  Enter searches; Enter again (or
 * Enter on a number that found its case) opens the case view, or in the
 * return the 补正收件 panel.  The return lists only cases waiting for
 * 补正 and starts with all of them listed.
 *
 * Also the helpers the case screens share (cases.h).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/backoffice.h"
#include "yichuang/caseno.h"
#include "yichuang/date.h"
#include "yichuang/idcheck.h"
#include "yichuang/lineedit.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "cases.h"
#include "finder.h"

#define CASES_QUERY_MAX 60	/* code points in the query */
#define CASES_LIMIT 500		/* hits listed at most */
#define CASES_NUMBER_COLS 23	/* 370102-01-261120-0001-X */
#define CASES_WIDE 100		/* from this width dates carry their year */

/* ---- shared helpers ------------------------------------------------------ */

/* Bumped by cases_touch; each list remembers the value it was made at. */
static unsigned cases_generation;

void cases_touch(void)
{
	cases_generation++;
}

struct calendar *cases_calendar(struct tui *t, struct app *app)
{
	struct calendar *cal = calendar_new();
	char err[YC_ERRSZ];

	if (!cal) {
		tui_error(t, "%s", _("内存不足，无法载入工作日日历"));
		return NULL;
	}
	if (calendar_load_builtin(cal, err, sizeof err) != 0 ||
	    store_calendar_load(app->st, cal, err, sizeof err) != 0) {
		tui_error(t, _("无法载入工作日日历：%s"), err);
		calendar_free(cal);
		return NULL;
	}
	return cal;
}

const struct catalog_item *cases_item(const struct app *app, const char *code)
{
	return code ? catalog_find_item(&app->cat, code) : NULL;
}

const char *cases_material_name(const struct catalog_item *it, const char *id)
{
	const struct catalog_material *m = it && id ? catalog_find_material(it, id) : NULL;

	return m ? m->name : id ? id : "";
}

const char *cases_item_short(const struct app *app, const char *code, const char *name)
{
	const struct catalog_item *it = cases_item(app, code);

	if (it && it->short_name)
		return it->short_name;
	if (name && *name)
		return name;
	return code ? code : "";
}

/* The words that end an administrative region's name. */
static const char *const region_ends[] = {
	"街道", "省", "市", "区", "县", "州", "盟", "旗", "镇", "乡"
};

/* Common words that end in one of those characters but are no region
 * (便民超市, 城乡, 神州...), and what follows a region character when it is
 * the start of a word (市场, 区块链, 旗舰): a region is never cut there. */
static const char *const region_not_before[] = {
	"超市", "城市", "都市", "门市", "夜市", "菜市", "街市", "社区", "小区", "园区",
	"景区", "校区", "厂区", "营区", "城乡", "家乡", "故乡", "水乡", "红旗", "国旗",
	"神州", "九州"
};
static const char *const region_not_after[] = { "场", "块", "域", "舰", "下", "城" };

/* The bytes of the region word at s (0 when none). */
static size_t region_end_at(const char *s)
{
	for (size_t i = 0; i < sizeof region_ends / sizeof region_ends[0]; i++)
		if (strncmp(s, region_ends[i], strlen(region_ends[i])) == 0)
			return strlen(region_ends[i]);
	return 0;
}

/* 1 when the region word at q (start is the name's start) is part of a
 * common word instead. */
static int region_is_word(const char *start, const char *q, size_t len)
{
	for (size_t i = 0; i < sizeof region_not_after / sizeof region_not_after[0]; i++)
		if (strncmp(q + len, region_not_after[i], strlen(region_not_after[i])) == 0)
			return 1;
	for (size_t i = 0; i < sizeof region_not_before / sizeof region_not_before[0]; i++) {
		size_t n = strlen(region_not_before[i]);

		if ((size_t)(q + len - start) >= n && strncmp(q + len - n, region_not_before[i], n) == 0)
			return 1;
	}
	return 0;
}

#define REGION_NAME_MAX 8	/* characters of one region's name, suffix included */
#define SHORT_REST_MIN 3	/* characters left after the prefix at least */

const char *cases_applicant_short(const char *name)
{
	const char *p = name;

	if (!name)
		return "";
	/* One region at a time: 云岭市 then 安澜区; each at least two
	 * characters (市场监督管理局 keeps its 市), a run of region words
	 * taken together (苏州市), never a common word (便民超市), and never
	 * so much that fewer than SHORT_REST_MIN characters are left (a
	 * person's name). */
	for (;;) {
		const char *q = p;
		size_t chars = 0, len = 0;

		while (*q && chars < REGION_NAME_MAX) {
			uint32_t cp;
			int k = utf8_decode(q, strlen(q), &cp);

			if (k <= 0)
				return p;
			if (chars >= 1 && (len = region_end_at(q)) > 0 && !region_is_word(p, q, len))
				break;
			len = 0;
			q += k;
			chars++;
		}
		if (!len)
			return p;
		q += len;
		while ((len = region_end_at(q)) > 0 && !region_is_word(p, q, len))
			q += len;
		if (utf8_len(q) < SHORT_REST_MIN)
			return p;
		p = q;
	}
}

const char *cases_deadline_short(const struct case_fold *f, unsigned dl, int deemed)
{
	switch (f->state) {
	case CASE_REJECTED:
	case CASE_WITHDRAWN:
	case CASE_DELIVERED:
	case CASE_ARCHIVED:
		return "";
	default:
		break;
	}
	if (dl & CASE_DL_OVERDUE)
		return _("红牌超期");
	if (dl & (CASE_DL_CORRECTION_LATE | CASE_DL_RESULT_LATE | CASE_DL_DELIVERY_LATE |
		  CASE_DL_DEFERRED_OVERDUE))
		return _("黄牌");
	if (deemed && f->state == CASE_RECEIVED)
		return _("视为受理");
	if (dl & CASE_DL_WARNING)
		return _("临近");
	if (f->state == CASE_CORRECTION)
		return _("待补正");
	return _("正常");
}

/* ---- the search screen --------------------------------------------------- */

struct cases_search {
	struct app *app;
	int ret;			/* the 补正收件 list: cases in correction only */
	struct calendar *cal;
	struct lineedit query;
	enum case_query forced;		/* CASE_Q_ALL: recognise the kind */
	char last[CASES_QUERY_MAX * 4 + 1];	/* the text last searched */
	enum case_query last_kind;
	int searched;			/* a search has run since the last edit */
	struct case_hit *hits;
	size_t nhits;
	size_t sel, top;
	int page;			/* list rows when last drawn */
	unsigned generation;		/* cases_generation of the list */
};

static const struct tui_binding cases_keys[] = {
	{ TK_SPECIAL | KEY_F(2), ACT_CASE_KIND },
	{ TK_SPECIAL | KEY_HOME, ACT_FIRST },
	{ TK_SPECIAL | KEY_END, ACT_LAST },
	{ 0, ACT_NONE }
};

/* The kinds F2 steps through; CASE_Q_ALL is "recognise it". */
static const enum case_query cases_kinds[] = {
	CASE_Q_ALL, CASE_Q_NUMBER, CASE_Q_ID_NO, CASE_Q_NAME_PREFIX, CASE_Q_ITEM_CODE
};
#define NKINDS (sizeof cases_kinds / sizeof cases_kinds[0])

/* The query as typed, spaces around it removed. */
static char *cases_query_text(const struct cases_search *c, char *buf, size_t bufsz)
{
	char tmp[CASES_QUERY_MAX * 4 + 1];

	lineedit_get(&c->query, tmp, sizeof tmp);
	snprintf(buf, bufsz, "%s", yc_trim(tmp));
	return buf;
}

/* The kind the query is searched as. */
static enum case_query cases_kind(const struct cases_search *c)
{
	char q[CASES_QUERY_MAX * 4 + 1];

	if (c->forced != CASE_Q_ALL)
		return c->forced;
	return case_query_guess(cases_query_text(c, q, sizeof q), &c->app->cat);
}

/* "MM-DD" at 80 columns, "YYYY-MM-DD" when wide; "" for 0. */
static const char *cases_day(const struct tui *t, int day, char *buf, size_t bufsz)
{
	char full[16];

	if (day <= 0)
		return "";
	date_format(day, full, sizeof full);
	snprintf(buf, bufsz, "%s", t->cols >= CASES_WIDE ? full : full + 5);
	return buf;
}

void cases_put_cut(int y, int x, int width, const char *s)
{
	int used;

	if (width <= 0)
		return;
	if (utf8_width(s) <= width || width < 4) {
		tui_put(y, x, width, s, 1);
		return;
	}
	used = tui_put(y, x, width - 2, s, 0);
	tui_put(y, x + used, width - used, "..", 1);
}

/* Opens what the chosen hit leads to: the case view, or the return panel. */
static void cases_open_hit(struct tui *t, struct cases_search *c)
{
	const char *number;

	if (c->nhits == 0) {
		tui_error(t, "%s", c->ret ? _("没有可选的办件：请输入办件编号、证件号码或申请人姓名后按 Enter 查找")
			  : _("没有可选的办件：请先输入查找内容并按 Enter"));
		return;
	}
	number = c->hits[c->sel].s.number;
	if (c->ret)
		cases_return_panel_open(t, c->app, number);
	else
		case_view_open(t, c->app, number);
}

/* Says why a search found nothing, in terms the clerk can act on. */
static void cases_say_none(struct tui *t, const struct cases_search *c, enum case_query kind,
			   const char *q)
{
	struct caseno no;
	struct idcheck_result r;

	switch (kind) {
	case CASE_Q_NUMBER:
		if (caseno_parse(q, &no, NULL, 0) == CASENO_OK && no.readings > 1)
			tui_error(t, _("没有找到办件 %s。不带“-”的编号有 %d 种读法，请按打印的样子带“-”输入"),
				  no.text, no.readings);
		else
			tui_error(t, _("本工作站没有办件 %s；请核对编号，或按证件号码、姓名查找"), q);
		break;
	case CASE_Q_ID_NO:
		if (strlen(q) != 18)
			tui_error(t, _("没有证件号码为 %s 的办件；身份证号码和统一社会信用代码都是 18 位"), q);
		else if (idcheck_any(q, &r) != 0)
			tui_error(t, _("没有证件号码为 %s 的办件；该号码的校验位不对，请逐位核对"), q);
		else
			tui_error(t, _("没有证件号码为 %s 的办件%s"), q,
				  c->ret ? _("处于补正中") : "");
		break;
	case CASE_Q_NAME_PREFIX:
		tui_error(t, _("没有申请人姓名（名称）以“%s”开头或含有“%s”的%s办件，"
			       "也没有名称或拼音首字母相符的事项的%s办件"), q, q,
			  c->ret ? _("补正中的") : "", c->ret ? _("补正中的") : "");
		break;
	case CASE_Q_ITEM_CODE:
		tui_error(t, _("没有编码、名称或拼音首字母为“%s”的事项的%s办件；事项可在咨询（31）中查到"), q,
			  c->ret ? _("补正中的") : "");
		break;
	default:
		tui_message(t, "%s", c->ret ? _("目前没有补正中的办件") : _("本工作站还没有办件"));
		break;
	}
}

/* An approver sees only the own department's cases: the others are
 * dropped from the hits (backoffice_may_see).  Returns how many were. */
static size_t cases_keep_visible(struct cases_search *c)
{
	char err[YC_ERRSZ];
	size_t k = 0, n = c->nhits;

	if (c->app->user.role != ROLE_APPROVER)
		return 0;
	for (size_t i = 0; i < c->nhits; i++) {
		if (backoffice_may_see(c->app->st, &c->app->user, c->hits[i].s.number,
				       err, sizeof err) == 1) {
			c->hits[k++] = c->hits[i];
			continue;
		}
		free(c->hits[i].s.item_code);
		free(c->hits[i].s.item_name);
		free(c->hits[i].s.applicant_name);
	}
	c->nhits = k;
	return n - k;
}

/* Newest first, as the store lists them. */
static int cases_hit_cmp(const void *a, const void *b)
{
	const struct case_hit *x = a, *y = b;

	if (x->s.received_on != y->s.received_on)
		return x->s.received_on > y->s.received_on ? -1 : 1;
	return -strcmp(x->s.number, y->s.number);
}

/* The cases of the items whose code, name or pinyin initials match q (as
 * the item finder matches them), appended to *hits without repeating a
 * case listed already.  The hits added are counted in *added.  0 or -1. */
static int cases_add_item_hits(struct cases_search *c, const char *q, int state, int today,
			       struct case_hit **hits, size_t *n, size_t *added,
			       char *err, size_t errsz)
{
	const struct catalog *cat = &c->app->cat;
	struct finder_hit *fh = calloc(cat->nitems + cat->nbundles + 1, sizeof *fh);
	const char **codes = calloc(cat->nitems + 1, sizeof *codes);
	struct case_hit *more = NULL, *all;
	size_t nf, ncodes = 0, nmore = 0;
	int rc = -1;

	*added = 0;
	if (!fh || !codes) {
		yc_seterr(err, errsz, "%s", _("内存不足"));
		goto out;
	}
	nf = finder_search(cat, q, fh, cat->nitems + cat->nbundles);
	for (size_t i = 0; i < nf; i++)
		if (fh[i].item)
			codes[ncodes++] = fh[i].item->code;
	if (case_query_find_items(c->app->st, c->cal, codes, ncodes, state, today, CASES_WARN_DAYS,
				  CASES_LIMIT, &more, &nmore, err, errsz) != 0)
		goto out;
	all = realloc(*hits, (*n + nmore + 1) * sizeof *all);
	if (!all) {
		yc_seterr(err, errsz, "%s", _("内存不足"));
		goto out;
	}
	*hits = all;
	for (size_t i = 0; i < nmore; i++) {
		size_t k;

		for (k = 0; k < *n && strcmp(all[k].s.number, more[i].s.number) != 0; k++)
			;
		if (k < *n)
			continue;
		all[(*n)++] = more[i];
		memset(&more[i], 0, sizeof more[i]);
		(*added)++;
	}
	qsort(all, *n, sizeof *all, cases_hit_cmp);
	rc = 0;
out:
	case_hits_free(more, nmore);
	free(codes);
	free(fh);
	return rc;
}

/* Runs the search the query asks for.  In the return, a case found that
 * is not waiting for 补正 is named with its state. */
static void cases_run(struct tui *t, struct cases_search *c)
{
	char q[CASES_QUERY_MAX * 4 + 1], err[YC_ERRSZ];
	enum case_query kind = cases_kind(c);
	struct case_hit *all = NULL;
	size_t nall = 0, byname, byitem = 0;
	int today = date_today(), by_items, rc;

	cases_query_text(c, q, sizeof q);
	c->generation = cases_generation;
	case_hits_free(c->hits, c->nhits);
	c->hits = NULL;
	c->nhits = c->sel = c->top = 0;
	snprintf(c->last, sizeof c->last, "%s", q);
	c->last_kind = kind;
	c->searched = 1;
	/* A name, or an item by its name or pinyin (not its exact code):
	 * both the applicants' names and the items are looked in. */
	by_items = *q && utf8_len(q) >= 2 &&
		   (kind == CASE_Q_NAME_PREFIX ||
		    (kind == CASE_Q_ITEM_CODE && !catalog_find_item(&c->app->cat, q)));
	if (by_items && kind == CASE_Q_ITEM_CODE)
		rc = 0;		/* the items alone */
	else
		rc = case_query_find(c->app->st, c->cal, *q ? kind : CASE_Q_ALL, q,
				     c->ret ? (int)CASE_CORRECTION : -1, today, CASES_WARN_DAYS,
				     CASES_LIMIT, &c->hits, &c->nhits, err, sizeof err);
	byname = c->nhits;
	if (rc == 0 && by_items)
		rc = cases_add_item_hits(c, q, c->ret ? (int)CASE_CORRECTION : -1, today,
					 &c->hits, &c->nhits, &byitem, err, sizeof err);
	if (rc != 0) {
		tui_error(t, "%s", err);
		return;
	}
	if (cases_keep_visible(c) > 0 && c->nhits == 0) {
		tui_error(t, _("找到的办件都不属于本部门（%s）：审批人员只能查看本部门的办件"),
			  c->app->user.department);
		return;
	}
	if (c->nhits > 0) {
		if (c->nhits >= CASES_LIMIT)
			tui_message(t, _("只列出最近的 %d 件；请输入更多内容缩小范围"), CASES_LIMIT);
		else if (by_items && byname && byitem)
			tui_message(t, _("按申请人名称找到 %zu 件，按事项找到 %zu 件；上下键选择，Enter 打开"),
				    byname, byitem);
		else if (by_items && byitem)
			tui_message(t, _("按事项（名称、拼音）找到 %zu 件；上下键选择，Enter 打开"), byitem);
		else if (*q)
			tui_message(t, _("按%s找到 %zu 件；上下键选择，Enter 打开"),
				    case_query_kind_label(kind), c->nhits);
		else
			tui_message(t, _("共 %zu 件；上下键选择，Enter 打开"), c->nhits);
		return;
	}
	/* In the return: is the case there, only not waiting for 补正? */
	if (c->ret && *q &&
	    case_query_find(c->app->st, c->cal, kind, q, -1, today, CASES_WARN_DAYS, 1,
			    &all, &nall, err, sizeof err) == 0 && nall > 0) {
		tui_error(t, _("办件 %s 是“%s”，不在补正中；到办件查询（41）查看"),
			  all[0].s.number, casefsm_state_label(all[0].fold.state));
		case_hits_free(all, nall);
		return;
	}
	case_hits_free(all, nall);
	cases_say_none(t, c, *q ? kind : CASE_Q_ALL, q);
}

static void cases_draw_header(struct tui *t, struct cases_search *c, int y)
{
	const char *label = _("查找办件：");
	char buf[CASES_QUERY_MAX * 4 + 1], line[512], q[CASES_QUERY_MAX * 4 + 1];
	int lw = utf8_width(label), fieldw, col;
	enum case_query kind = cases_kind(c);

	tui_put(y, 1, lw, label, 0);
	fieldw = t->cols - 2 - lw;
	col = lineedit_view(&c->query, fieldw, buf, sizeof buf);
	attrset(A_UNDERLINE);
	tui_put(y, 1 + lw, fieldw, buf, 1);
	attrset(A_NORMAL);
	tui_cursor_at(y, 1 + lw + col);
	cases_query_text(c, q, sizeof q);
	if (c->forced != CASE_Q_ALL)
		snprintf(line, sizeof line, _("查找方式：按%s（F2 切换）"),
			 case_query_kind_label(c->forced));
	else if (*q && kind == CASE_Q_NAME_PREFIX && utf8_len(q) >= 2)
		snprintf(line, sizeof line, "%s",
			 _("查找方式：自动识别，现按申请人名称和事项（名称、拼音）查找（F2 指定方式）"));
	else if (*q)
		snprintf(line, sizeof line, _("查找方式：自动识别，现按%s查找（F2 指定方式）"),
			 case_query_kind_label(kind));
	else
		snprintf(line, sizeof line, "%s", _("查找方式：自动识别（F2 指定方式）"));
	tui_put(y + 1, 1, t->cols - 2, line, 0);
	attrset(A_DIM);
	tui_put(y + 2, 1, t->cols - 2, c->ret ?
		_("办件编号（可不带“-”）、证件号码、名称中的字；只列补正中的办件") :
		_("办件编号（可不带“-”）、证件号码、名称中的字或事项（编码、名称、拼音）"), 0);
	attrset(A_NORMAL);
}

/* Column widths of the list at this terminal width. */
struct cases_cols {
	int number, item, applicant, state, day, deadline;
};

static struct cases_cols cases_columns(const struct tui *t, const struct cases_search *c)
{
	struct cases_cols w;
	int rest;

	w.number = tui_col(CASES_NUMBER_COLS, _("办件编号"));
	w.day = tui_col(tui_col(t->cols >= CASES_WIDE ? 10 : 5, _("接件")), _("承诺"));
	w.deadline = tui_col(8, _("时限"));
	w.state = utf8_width(_("状态"));
	for (size_t i = 0; i < c->nhits; i++) {
		int sw = utf8_width(casefsm_state_label(c->hits[i].fold.state));

		if (sw > w.state)
			w.state = sw;
	}
	/* marker 2, then each column and a space */
	rest = t->cols - 2 - 2 - (w.number + 1) - (w.state + 1) - 2 * (w.day + 1) - w.deadline - 2;
	if (rest < 8)
		rest = 8;
	w.item = rest / 2;
	w.applicant = rest - w.item;
	/* neither heading cut: the other column gives way */
	if (w.applicant < utf8_width(_("申请人"))) {
		w.applicant = utf8_width(_("申请人"));
		w.item = rest - w.applicant;
	}
	if (w.item < utf8_width(_("事项"))) {
		w.item = utf8_width(_("事项"));
		w.applicant = rest - w.item;
	}
	return w;
}

static void cases_draw(struct tui *t, struct screen *s)
{
	struct cases_search *c = s->data;
	int y0 = tui_body_top(t), rows = tui_body_rows(t), y = y0 + 4, x;
	struct cases_cols w = cases_columns(t, c);
	char d1[16], d2[16], line[256];

	/* A case changed on a screen above this one: the list again, with
	 * the same query, the message line kept. */
	if (c->searched && c->generation != cases_generation) {
		char msg[sizeof t->message];
		int is_error = t->message_is_error;
		size_t sel = c->sel;

		snprintf(msg, sizeof msg, "%s", t->message);
		lineedit_set(&c->query, c->last);
		cases_run(t, c);
		c->sel = sel < c->nhits ? sel : c->nhits ? c->nhits - 1 : 0;
		snprintf(t->message, sizeof t->message, "%s", msg);
		t->message_is_error = is_error;
		w = cases_columns(t, c);
	}
	cases_draw_header(t, c, y0);
	attrset(A_BOLD);
	x = 3;
	tui_put(y0 + 3, x, w.number + 1, _("办件编号"), 1);
	x += w.number + 1;
	tui_put(y0 + 3, x, w.item + 1, _("事项"), 1);
	x += w.item + 1;
	tui_put(y0 + 3, x, w.applicant + 1, _("申请人"), 1);
	x += w.applicant + 1;
	tui_put(y0 + 3, x, w.state + 1, _("状态"), 1);
	x += w.state + 1;
	tui_put(y0 + 3, x, w.day + 1, _("接件"), 1);
	x += w.day + 1;
	tui_put(y0 + 3, x, w.day + 1, _("承诺"), 1);
	x += w.day + 1;
	tui_put(y0 + 3, x, w.deadline, _("时限"), 0);
	attrset(A_NORMAL);

	c->page = rows - 5;
	if (c->page < 1)
		c->page = 1;
	if (c->sel < c->top)
		c->top = c->sel;
	if (c->sel >= c->top + (size_t)c->page)
		c->top = c->sel - (size_t)c->page + 1;
	for (int r = 0; r < c->page && c->top + (size_t)r < c->nhits; r++, y++) {
		size_t i = c->top + (size_t)r;
		const struct case_hit *h = &c->hits[i];
		const char *dl = cases_deadline_short(&h->fold, h->deadline, h->deemed_accepted);
		int card = (h->deadline & CASE_DL_OVERDUE) != 0;

		if (i == c->sel)
			attrset(A_REVERSE);
		tui_put(y, 1, 2, i == c->sel ? ">" : "", 1);
		x = 3;
		tui_put(y, x, w.number + 1, h->s.number, 1);
		x += w.number + 1;
		cases_put_cut(y, x, w.item, cases_item_short(c->app, h->s.item_code, h->s.item_name));
		tui_put(y, x + w.item, 1, "", 1);
		x += w.item + 1;
		cases_put_cut(y, x, w.applicant, cases_applicant_short(h->s.applicant_name));
		tui_put(y, x + w.applicant, 1, "", 1);
		x += w.applicant + 1;
		tui_put(y, x, w.state + 1, casefsm_state_label(h->fold.state), 1);
		x += w.state + 1;
		tui_put(y, x, w.day + 1, cases_day(t, h->s.received_on, d1, sizeof d1), 1);
		x += w.day + 1;
		tui_put(y, x, w.day + 1, cases_day(t, h->fold.promised_on, d2, sizeof d2), 1);
		x += w.day + 1;
		if (card && i != c->sel && t->color)
			attrset(COLOR_PAIR(2) | A_BOLD);
		else if (card && i != c->sel)
			attrset(A_BOLD);
		tui_put(y, x, t->cols - 1 - x, dl, 1);
		attrset(A_NORMAL);
	}
	if (c->nhits > 0)
		snprintf(line, sizeof line, _("第 %zu 件，共 %zu 件；上下键、PgUp、PgDn 选择，Enter %s"),
			 c->sel + 1, c->nhits, c->ret ? _("补正收件") : _("打开办件"));
	else if (c->searched)
		snprintf(line, sizeof line, "%s", _("没有符合的办件；改一改查找内容再按 Enter"));
	else
		snprintf(line, sizeof line, "%s", _("不输入内容直接按 Enter：列出最近的办件"));
	attrset(A_DIM);
	tui_put(y0 + rows - 1, 1, t->cols - 2, line, 0);
	attrset(A_NORMAL);
}

/* Keys that edit the query: 1 when handled. */
static int cases_edit_key(struct cases_search *c, int key)
{
	switch (key) {
	case TK_SPECIAL | KEY_BACKSPACE:
	case TK_CTRL('h'):
		lineedit_backspace(&c->query);
		break;
	case TK_SPECIAL | KEY_DC:
	case TK_CTRL('d'):
		lineedit_delete(&c->query);
		break;
	case TK_SPECIAL | KEY_LEFT:
	case TK_CTRL('b'):
		lineedit_left(&c->query);
		return 1;
	case TK_SPECIAL | KEY_RIGHT:
	case TK_CTRL('f'):
		lineedit_right(&c->query);
		return 1;
	case TK_CTRL('a'):
		lineedit_home(&c->query);
		return 1;
	case TK_CTRL('e'):
		lineedit_end(&c->query);
		return 1;
	case TK_CTRL('k'):
		lineedit_kill_to_end(&c->query);
		break;
	case TK_CTRL('u'):
		lineedit_clear(&c->query);
		break;
	default:
		if ((key & TK_SPECIAL) || key < 0x20 || key == 0x7F)
			return 0;
		lineedit_insert(&c->query, (uint32_t)key);
		break;
	}
	c->searched = 0;
	return 1;
}

/* 1 when the query (and its kind) is what the list shows. */
static int cases_list_current(const struct cases_search *c)
{
	char q[CASES_QUERY_MAX * 4 + 1];

	return c->searched && strcmp(cases_query_text(c, q, sizeof q), c->last) == 0 &&
	       cases_kind(c) == c->last_kind;
}

static int cases_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct cases_search *c = s->data;
	size_t page = c->page > 0 ? (size_t)c->page : 1;

	switch (act) {
	case ACT_UP:
		if (c->sel > 0)
			c->sel--;
		break;
	case ACT_DOWN:
		if (c->sel + 1 < c->nhits)
			c->sel++;
		break;
	case ACT_PAGE_UP:
		c->sel = c->sel > page ? c->sel - page : 0;
		break;
	case ACT_PAGE_DOWN:
		if (c->nhits > 0)
			c->sel = c->sel + page < c->nhits ? c->sel + page : c->nhits - 1;
		break;
	case ACT_FIRST:
		c->sel = 0;
		break;
	case ACT_LAST:
		c->sel = c->nhits ? c->nhits - 1 : 0;
		break;
	case ACT_CASE_KIND:
		for (size_t i = 0; i < NKINDS; i++)
			if (cases_kinds[i] == c->forced) {
				c->forced = cases_kinds[(i + 1) % NKINDS];
				break;
			}
		c->searched = 0;
		tui_message(t, _("查找方式：%s"), c->forced == CASE_Q_ALL ? _("自动识别")
			    : case_query_kind_label(c->forced));
		break;
	case ACT_SELECT:
		if (cases_list_current(c)) {
			cases_open_hit(t, c);
			break;
		}
		cases_run(t, c);
		/* A number names one case: open it at once. */
		if (c->nhits == 1 && c->last_kind == CASE_Q_NUMBER) {
			t->message[0] = '\0';
			cases_open_hit(t, c);
		}
		break;
	case ACT_NONE:
		if (!cases_edit_key(c, key))
			return 0;
		break;
	default:
		return 0;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static void cases_leave(struct tui *t, struct screen *s)
{
	struct cases_search *c = s->data;

	(void)t;
	case_hits_free(c->hits, c->nhits);
	calendar_free(c->cal);
	free(c);
}

static const struct tui_key_help cases_help[] = {
	{ TK_ENTER, N_("查找；列表已是所查的，打开选中的办件") },
	{ TK_SPECIAL | KEY_UP, N_("上一件") },
	{ TK_SPECIAL | KEY_DOWN, N_("下一件") },
	{ 0, NULL }
};

static const struct screen_ops cases_screen = {
	.name = "cases",
	.title = N_("办件查询"),
	.keys = cases_keys,
	.draw = cases_draw,
	.handle = cases_handle,
	.leave = cases_leave,
	.key_help = cases_help,
};

static const struct screen_ops return_screen = {
	.name = "return",
	.title = N_("补正收件"),
	.keys = cases_keys,
	.draw = cases_draw,
	.handle = cases_handle,
	.leave = cases_leave,
	.key_help = cases_help,
};

static int cases_open_mode(struct tui *t, struct app *app, int ret)
{
	struct cases_search *c = calloc(1, sizeof *c);

	if (!c) {
		tui_error(t, "%s", _("内存不足，无法打开办件查询"));
		return -1;
	}
	c->app = app;
	c->ret = ret;
	c->forced = CASE_Q_ALL;
	lineedit_init(&c->query, CASES_QUERY_MAX);
	c->cal = cases_calendar(t, app);
	if (!c->cal) {
		free(c);
		return -1;
	}
	if (tui_push(t, ret ? &return_screen : &cases_screen, c) != 0) {
		calendar_free(c->cal);
		free(c);
		return -1;
	}
	/* The return starts with every case waiting for 补正. */
	if (ret)
		cases_run(t, c);
	return 0;
}

int cases_open(struct tui *t, struct app *app)
{
	return cases_open_mode(t, app, 0);
}

int return_open(struct tui *t, struct app *app)
{
	return cases_open_mode(t, app, 1);
}
