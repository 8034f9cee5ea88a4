/*
 * docview.c — the text preview of a case's document (受理通知书, 补正材料
 * 通知书...) before it is issued or printed: the document built by
 * doc_build_case, laid out by doc_text to the terminal width, scrolled
 * with the cursor and page keys.
 *
 *   F5 (p)        print: the PDF to the printer through lp (doc.lp_command);
 *                 a failure is told on the message line and nothing is
 *                 recorded, so the clerk can print again
 *   F6, Enter     issue: records document_issued with the document's text
 *                 (only when the screen was opened to issue)
 *   Esc           back
 *
 * Every print is recorded on the case as well (a reprint when one of that
 * kind was issued before), so the timeline shows each paper given out.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/casestore.h"
#include "yichuang/date.h"
#include "yichuang/document.h"
#include "yichuang/print.h"
#include "yichuang/store.h"
#include "yichuang/textwrap.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "app.h"

struct docview {
	struct app *app;
	struct calendar *cal;
	struct print_settings ps;
	char ref[CASENO_TEXT_MAX + CASE_ID_MAX];
	enum doc_kind kind;
	int issue;			/* opened to issue (0: reprint view) */
	int issued;			/* recorded in this view */
	struct case_record c;
	struct document d;
	struct textwrap lines;		/* doc_text at `width`, one per line */
	int width;
	size_t top;
	int page;
};

static const struct tui_binding docview_keys[] = {
	{ TK_SPECIAL | KEY_F(5), ACT_PRINT },
	{ 'p', ACT_PRINT },
	{ TK_SPECIAL | KEY_F(6), ACT_DOC_ISSUE },
	{ TK_ENTER, ACT_DOC_ISSUE },
	{ TK_SPECIAL | KEY_HOME, ACT_FIRST },
	{ TK_SPECIAL | KEY_END, ACT_LAST },
	{ ' ', ACT_PAGE_DOWN },
	{ 'q', ACT_BACK },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

/* Lays the text out again when the width changed. */
static void docview_layout(struct tui *t, struct docview *v)
{
	int width = t->cols - 2;
	char *text, *p;

	if (width == v->width && v->lines.n > 0)
		return;
	textwrap_free(&v->lines);
	v->width = width;
	text = doc_text(&v->d, width);
	if (!text) {
		tui_error(t, "%s", _("内存不足，文书显示不全"));
		return;
	}
	for (p = text; *p;) {
		char *nl = strchr(p, '\n');

		if (nl)
			*nl = '\0';
		if (textwrap_push(&v->lines, p) != 0) {
			tui_error(t, "%s", _("内存不足，文书显示不全"));
			break;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	free(text);
}

static size_t docview_max_top(const struct docview *v)
{
	size_t page = v->page > 0 ? (size_t)v->page : 1;

	return v->lines.n > page ? v->lines.n - page : 0;
}

static void docview_draw(struct tui *t, struct screen *s)
{
	struct docview *v = s->data;
	int y0 = tui_body_top(t), rows = tui_body_rows(t) - 1;
	size_t last;
	char pos[256];

	docview_layout(t, v);
	v->page = rows;
	if (v->top > docview_max_top(v))
		v->top = docview_max_top(v);
	for (int r = 0; r < rows && v->top + (size_t)r < v->lines.n; r++)
		tui_put(y0 + r, 1, t->cols - 2, v->lines.lines[v->top + (size_t)r], 0);
	last = v->top + (size_t)rows < v->lines.n ? v->top + (size_t)rows : v->lines.n;
	snprintf(pos, sizeof pos, _("第 %zu-%zu 行，共 %zu 行；F5 打印，%s，Esc 返回"),
		 v->lines.n ? v->top + 1 : 0, last, v->lines.n,
		 !v->issue ? _("重打预览") : v->issued ? _("已出具") : _("F6 或 Enter 出具"));
	attrset(A_DIM);
	tui_put(y0 + rows, 1, t->cols - 2, pos, 0);
	attrset(A_NORMAL);
}

/* Reads the case again after an event, so that a later print knows it is
 * a reprint. */
static void docview_reload(struct tui *t, struct docview *v)
{
	struct case_record c;
	char err[YC_ERRSZ];

	if (case_load(v->app->st, v->cal, v->c.id, &c, err, sizeof err) != 1)
		return;
	(void)t;
	case_record_free(&v->c);
	v->c = c;
}

/* Records the document as issued (printed or handed over as is). */
static int docview_record(struct tui *t, struct docview *v, int printed, const char *what)
{
	char err[YC_ERRSZ];
	int reprint = print_issued_before(&v->c, v->kind);

	if (print_record_issue(v->app->st, v->cal, &v->c, &v->d, printed, NULL,
			       v->app->user.name, date_today(), err, sizeof err) != 0) {
		tui_error(t, _("%s未能记入办理过程：%s"), v->d.title, err);
		return -1;
	}
	app_saved(v->app);
	docview_reload(t, v);
	tui_message(t, _("%s%s，已记入办件 %s 的办理过程%s"), v->d.title, what, v->c.number,
		    reprint ? _("（重打）") : "");
	return 0;
}

static void docview_print(struct tui *t, struct docview *v)
{
	unsigned char *pdf;
	size_t len;
	char err[YC_ERRSZ], title[256];
	int rc;

	if (print_pdf_render(&v->d, &pdf, &len, NULL, err, sizeof err) != 0) {
		tui_error(t, _("文书未打印：%s"), err);
		return;
	}
	rc = print_lp(pdf, len, v->ps.s.lp_command, NULL, print_job_title(&v->d, title, sizeof title),
		      err, sizeof err);
	free(pdf);
	if (rc != 0) {
		tui_error(t, "%s", err);
		return;
	}
	if (docview_record(t, v, 1, _("已打印")) == 0)
		v->issued = 1;
}

static void docview_issue(struct tui *t, struct docview *v)
{
	if (!v->issue) {
		tui_message(t, "%s", _("这是重打预览：按 F5 打印（重打记入办理过程）"));
		return;
	}
	if (v->issued) {
		tui_message(t, "%s", _("本文书已出具，无需重复出具；需要再打一份请按 F5"));
		return;
	}
	if (docview_record(t, v, 0, _("已出具")) == 0)
		v->issued = 1;
}

static int docview_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct docview *v = s->data;
	size_t page = v->page > 1 ? (size_t)v->page - 1 : 1;
	size_t max = docview_max_top(v);

	(void)key;
	switch (act) {
	case ACT_PRINT:
		docview_print(t, v);
		break;
	case ACT_DOC_ISSUE:
		docview_issue(t, v);
		break;
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
	default:
		return 0;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static void docview_free(struct docview *v)
{
	doc_free(&v->d);
	case_record_free(&v->c);
	textwrap_free(&v->lines);
	calendar_free(v->cal);
	free(v);
}

static void docview_leave(struct tui *t, struct screen *s)
{
	(void)t;
	docview_free(s->data);
}

static const struct screen_ops docview_screen = {
	.name = "docview",
	.title = N_("文书预览"),
	.keys = docview_keys,
	.draw = docview_draw,
	.handle = docview_handle,
	.leave = docview_leave,
};

/* The official calendars, built in and stored, for case_load's fold. */
static struct calendar *docview_calendar(struct app *app, char *err, size_t errsz)
{
	struct calendar *cal = calendar_new();

	if (!cal) {
		yc_seterr(err, errsz, "%s", _("内存不足"));
		return NULL;
	}
	if (calendar_load_builtin(cal, err, errsz) != 0 ||
	    store_calendar_load(app->st, cal, err, errsz) != 0) {
		calendar_free(cal);
		return NULL;
	}
	return cal;
}

int docview_open(struct tui *t, struct app *app, const char *ref, int kind, int issue)
{
	struct docview *v;
	char err[YC_ERRSZ];

	if (kind < 0 || kind >= DOC_KIND_COUNT) {
		tui_error(t, _("未知的文书种类 %d"), kind);
		return -1;
	}
	v = calloc(1, sizeof *v);
	if (!v) {
		tui_error(t, "%s", _("内存不足，无法预览文书"));
		return -1;
	}
	v->app = app;
	v->kind = (enum doc_kind)kind;
	v->issue = issue;
	snprintf(v->ref, sizeof v->ref, "%s", ref ? ref : "");
	textwrap_init(&v->lines);
	print_settings_load(app->st, &v->ps);
	v->cal = docview_calendar(app, err, sizeof err);
	if (!v->cal) {
		tui_error(t, _("无法读取工作日历：%s"), err);
		free(v);
		return -1;
	}
	if (print_build_case(app->st, v->cal, v->ref, v->kind, &v->ps.s, date_today(), &v->c,
			     &v->d, err, sizeof err) != 0) {
		tui_error(t, "%s", err);
		calendar_free(v->cal);
		free(v);
		return -1;
	}
	if (tui_push(t, &docview_screen, v) != 0) {
		docview_free(v);
		return -1;
	}
	return 0;
}
