/*
 * consult.c — consultation (咨询): the clerk finds an item or a 一件事
 * bundle with the finder and shows its 一次告知单, laid out to the
 * terminal width and scrolled with the cursor and page keys.
 *
 * On the 一次告知单, F5 (or r) records the consultation in the ledger
 * (咨询台账): the item or bundle code, the logged-in clerk and the time;
 * F6 (or p) prints it for the applicant as the A4 document (print.h, the
 * printer of the setting doc.lp_command), a bundle as the notice of each
 * of its items.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yichuang/casestore.h"
#include "yichuang/date.h"
#include "yichuang/document.h"
#include "yichuang/notice.h"
#include "yichuang/print.h"
#include "yichuang/textwrap.h"
#include "yichuang/util.h"
#include "app.h"
#include "finder.h"

/* ---- the 一次告知单 view ------------------------------------------------- */

struct notice_view {
	struct app *app;
	const char *code;		/* the item's or bundle's code */
	const char *name;		/* and its name */
	const struct catalog_item *item;	/* exactly one of the two */
	const struct catalog_bundle *bundle;
	int recorded;			/* this consultation is in the ledger */
	struct notice n;
	struct textwrap lines;		/* n laid out to `width` */
	int width;
	size_t top;			/* first line shown */
	int page;			/* text rows when last drawn */
};

static const struct tui_binding notice_keys[] = {
	{ TK_SPECIAL | KEY_F(5), ACT_RECORD },
	{ 'r', ACT_RECORD },
	{ TK_SPECIAL | KEY_F(6), ACT_PRINT },
	{ 'p', ACT_PRINT },
	{ TK_SPECIAL | KEY_HOME, ACT_FIRST },
	{ TK_SPECIAL | KEY_END, ACT_LAST },
	{ ' ', ACT_PAGE_DOWN },
	{ 'q', ACT_BACK },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

/* Lays the notice out again when the width changed (first draw, resize). */
static void notice_view_layout(struct tui *t, struct notice_view *v)
{
	int width = t->cols - 2;

	if (width == v->width && v->lines.n > 0)
		return;
	textwrap_free(&v->lines);
	if (notice_layout(&v->n, width, &v->lines) != 0)
		tui_error(t, "%s", _("内存不足，一次告知单显示不全"));
	v->width = width;
}

/* The largest useful top line. */
static size_t notice_view_max_top(const struct notice_view *v)
{
	size_t page = v->page > 0 ? (size_t)v->page : 1;

	return v->lines.n > page ? v->lines.n - page : 0;
}

static void notice_view_draw(struct tui *t, struct screen *s)
{
	struct notice_view *v = s->data;
	int y0 = tui_body_top(t), rows = tui_body_rows(t) - 1;
	size_t last;
	char pos[256];

	notice_view_layout(t, v);
	v->page = rows;
	if (v->top > notice_view_max_top(v))
		v->top = notice_view_max_top(v);
	for (int r = 0; r < rows && v->top + (size_t)r < v->lines.n; r++) {
		const char *l = v->lines.lines[v->top + (size_t)r];

		/* Section titles stand out. */
		if (l[0] != ' ' && l[0] != '\0')
			attrset(A_BOLD);
		tui_put(y0 + r, 1, t->cols - 2, l, 0);
		attrset(A_NORMAL);
	}
	last = v->top + (size_t)rows < v->lines.n ? v->top + (size_t)rows : v->lines.n;
	snprintf(pos, sizeof pos, _("第 %zu-%zu 行，共 %zu 行；PgUp、PgDn 翻阅，F6 打印，Esc 返回，%s"),
		 v->lines.n ? v->top + 1 : 0, last, v->lines.n,
		 v->recorded ? _("咨询已记录") : _("F5 记录咨询"));
	attrset(A_DIM);
	tui_put(y0 + rows, 1, t->cols - 2, pos, 0);
	attrset(A_NORMAL);
}

/* Records the consultation shown in the ledger, once per notice shown. */
static void notice_view_record(struct tui *t, struct notice_view *v)
{
	struct app *app = v->app;
	char err[YC_ERRSZ];

	if (v->recorded) {
		tui_message(t, _("本次咨询已记录（本次登录第 %d 次），无需重复记录"),
			    app->consultations);
		return;
	}
	if (consultation_record(app->st, v->code, NULL, app->user.name, time(NULL),
				err, sizeof err) != 0) {
		tui_error(t, _("咨询未能记录：%s"), err);
		return;
	}
	v->recorded = 1;
	app->consultations++;
	tui_message(t, _("已记录咨询：%s（%s，本次登录第 %d 次）"), v->name, v->code,
		    app->consultations);
}

/* Prints the notice shown: an item's, or a bundle's (each material the
 * bundle needs once), as the command `print onetime-notice` does. */
static void notice_view_print(struct tui *t, struct notice_view *v)
{
	struct print_settings ps;
	struct document d;
	unsigned char *pdf = NULL;
	size_t len = 0;
	char err[YC_ERRSZ], title[256];
	int rc;

	print_settings_load(v->app->st, &ps);
	memset(&d, 0, sizeof d);
	if (v->item)
		rc = doc_build_item(&d, v->item, &ps.s, date_today(), err, sizeof err);
	else
		rc = doc_build_bundle(&d, &v->app->cat, v->bundle, &ps.s, date_today(), err,
				      sizeof err);
	if (rc == 0)
		rc = print_pdf_render(&d, &pdf, &len, NULL, err, sizeof err);
	if (rc == 0)
		rc = print_lp(pdf, len, ps.s.lp_command, NULL,
			      print_job_title(&d, title, sizeof title), err, sizeof err);
	free(pdf);
	doc_free(&d);
	if (rc != 0) {
		tui_error(t, _("一次告知单未打印：%s"), err);
		return;
	}
	tui_message(t, _("已打印一次告知单（%s），交申请人"), v->name);
}

static int notice_view_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct notice_view *v = s->data;
	size_t page = v->page > 1 ? (size_t)v->page - 1 : 1;	/* keep one line of context */
	size_t max = notice_view_max_top(v);

	(void)key;
	switch (act) {
	case ACT_RECORD:
		notice_view_record(t, v);
		break;
	case ACT_PRINT:
		notice_view_print(t, v);
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

static void notice_view_leave(struct tui *t, struct screen *s)
{
	struct notice_view *v = s->data;

	(void)t;
	notice_free(&v->n);
	textwrap_free(&v->lines);
	free(v);
}

static const struct tui_key_help notice_help[] = {
	{ TK_SPECIAL | KEY_F(6), N_("打印一次告知单交申请人（一件事按事项各打一份）") },
	{ 'p', N_("打印一次告知单交申请人（一件事按事项各打一份）") },
	{ TK_ESC, N_("返回查找事项") },
	{ 'q', N_("返回查找事项") },
	{ TK_ENTER, TUI_KEY_UNUSED },
	{ 0, NULL }
};

static const struct screen_ops notice_screen = {
	.name = "notice",
	.title = N_("一次告知单"),
	.keys = notice_keys,
	.draw = notice_view_draw,
	.handle = notice_view_handle,
	.leave = notice_view_leave,
	.key_help = notice_help,
};

/* Builds the notice of what the finder picked and shows it. */
static void notice_view_open(struct tui *t, struct app *app, const struct finder_hit *h)
{
	const struct catalog *cat = &app->cat;
	struct notice_view *v = calloc(1, sizeof *v);
	char err[YC_ERRSZ];
	int rc;

	if (!v) {
		tui_error(t, "%s", _("内存不足，无法显示一次告知单"));
		return;
	}
	textwrap_init(&v->lines);
	v->app = app;
	v->code = h->item ? h->item->code : h->bundle->code;
	v->name = h->item ? h->item->name : h->bundle->name;
	v->item = h->item;
	v->bundle = h->bundle;
	if (h->item)
		rc = notice_build_item(&v->n, h->item, err, sizeof err);
	else
		rc = notice_build_bundle(&v->n, cat, h->bundle, err, sizeof err);
	if (rc != 0) {
		tui_error(t, "%s", err);
		free(v);
		return;
	}
	if (tui_push(t, &notice_screen, v) != 0)
		notice_view_leave(t, &(struct screen){ .ops = &notice_screen, .data = v });
}

/* ---- the consultation screen: the finder ------------------------------- */

struct consult {
	struct app *app;
	struct finder finder;
};

static void consult_draw(struct tui *t, struct screen *s)
{
	struct consult *c = s->data;

	finder_draw(t, &c->finder, tui_body_top(t), tui_body_rows(t));
}

static int consult_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct consult *c = s->data;
	const struct finder_hit *picked;
	int fl = finder_handle(t, &c->finder, act, key, &picked);

	if (picked) {
		notice_view_open(t, c->app, picked);
		return TUI_HANDLED | TUI_REDRAW;
	}
	return fl;
}

static void consult_leave(struct tui *t, struct screen *s)
{
	struct consult *c = s->data;

	(void)t;
	finder_free(&c->finder);
	free(c);
}

static const struct screen_ops consult_screen = {
	.name = "consult",
	.title = N_("咨询"),
	.keys = NULL,
	.draw = consult_draw,
	.handle = consult_handle,
	.leave = consult_leave,
};

int consult_open(struct tui *t, struct app *app)
{
	struct consult *c = calloc(1, sizeof *c);
	char err[YC_ERRSZ];

	if (!c) {
		tui_error(t, "%s", _("内存不足，无法打开咨询"));
		return -1;
	}
	c->app = app;
	if (finder_init(&c->finder, &app->cat, err, sizeof err) != 0) {
		tui_error(t, "%s", err);
		free(c);
		return -1;
	}
	if (tui_push(t, &consult_screen, c) != 0) {
		finder_free(&c->finder);
		free(c);
		return -1;
	}
	return 0;
}
