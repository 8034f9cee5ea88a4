/*
 * finder.c — the item finder widget (see finder.h): matching, the list,
 * and the keys that edit the query and move the choice.
 */
#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/catalog.h"
#include "yichuang/pinyin.h"
#include "yichuang/util.h"
#include "finder.h"

#define QUERY_MAX 40		/* code points in the query */
#define DEPT_MAX_COLS 32	/* widest department column */
#define CODE_COLS 31		/* 实施编码 are 31 characters */
#define WIDE_COLS 120		/* from this width the code gets a column */

/* 1 when q is a prefix of s, ASCII letters compared without case. */
static int prefix_ci(const char *s, const char *q)
{
	if (!s)
		return 0;
	for (; *q; q++, s++)
		if (tolower((unsigned char)*s) != tolower((unsigned char)*q))
			return 0;
	return 1;
}

/* 1 when q is made of ASCII letters only (a pinyin query). */
static int all_letters(const char *q)
{
	for (; *q; q++)
		if (!isalpha((unsigned char)*q))
			return 0;
	return 1;
}

/* How well q matches: 0 the code, the start of the name or the pinyin
 * initials; 1 somewhere inside the name; -1 not at all. */
static int item_rank(const struct catalog_item *it, const char *q)
{
	if (prefix_ci(it->code, q) || prefix_ci(it->basic_code, q))
		return 0;
	if (strncmp(it->name, q, strlen(q)) == 0 ||
	    (it->short_name && strncmp(it->short_name, q, strlen(q)) == 0))
		return 0;
	if (all_letters(q) && (pinyin_matches(q, it->name, it->pinyin) ||
			       (it->short_name && pinyin_matches(q, it->short_name, NULL))))
		return 0;
	if (strstr(it->name, q) || (it->short_name && strstr(it->short_name, q)))
		return 1;
	return -1;
}

static int bundle_rank(const struct catalog_bundle *b, const char *q)
{
	if (prefix_ci(b->code, q) || strncmp(b->name, q, strlen(q)) == 0)
		return 0;
	if (all_letters(q) && pinyin_matches(q, b->name, NULL))
		return 0;
	return strstr(b->name, q) ? 1 : -1;
}

/* A hit with what it is sorted by. */
struct ranked {
	struct finder_hit h;
	int bundle, rank;
	char dept[128], name[256];	/* pinyin initials, for the order */
};

/* Best match first; then items before bundles; then by department and
 * name in pinyin order (the initials, then the text itself). */
static int ranked_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	int c;

	if (x->rank != y->rank)
		return x->rank - y->rank;
	if (x->bundle != y->bundle)
		return x->bundle - y->bundle;
	if ((c = strcmp(x->dept, y->dept)) != 0)
		return c;
	if ((c = strcmp(x->name, y->name)) != 0)
		return c;
	c = strcmp(x->h.item ? x->h.item->name : x->h.bundle->name,
		   y->h.item ? y->h.item->name : y->h.bundle->name);
	return c ? c : strcmp(x->h.item ? x->h.item->code : x->h.bundle->code,
			      y->h.item ? y->h.item->code : y->h.bundle->code);
}

static void ranked_keys(struct ranked *r)
{
	const char *dept = r->h.item ? r->h.item->department : r->h.bundle->lead_department;
	const char *name = r->h.item ? r->h.item->name : r->h.bundle->name;

	if (pinyin_initials(dept, r->dept, sizeof r->dept) < 0)
		r->dept[sizeof r->dept - 1] = '\0';
	if (pinyin_initials(name, r->name, sizeof r->name) < 0)
		r->name[sizeof r->name - 1] = '\0';
}

size_t finder_search(const struct catalog *cat, const char *query,
		     struct finder_hit *hits, size_t max)
{
	struct ranked *r = calloc(cat->nitems + cat->nbundles + 1, sizeof *r);
	size_t n = 0;

	if (!r)
		return 0;
	for (size_t i = 0; i < cat->nitems; i++) {
		int rank = *query ? item_rank(&cat->items[i], query) : 0;

		if (rank < 0)
			continue;
		r[n].h.item = &cat->items[i];
		r[n].rank = rank;
		ranked_keys(&r[n++]);
	}
	for (size_t i = 0; i < cat->nbundles; i++) {
		int rank = *query ? bundle_rank(&cat->bundles[i], query) : 0;

		if (rank < 0)
			continue;
		r[n].h.bundle = &cat->bundles[i];
		r[n].bundle = 1;
		r[n].rank = rank;
		ranked_keys(&r[n++]);
	}
	qsort(r, n, sizeof *r, ranked_cmp);
	if (n > max)
		n = max;
	for (size_t i = 0; i < n; i++)
		hits[i] = r[i].h;
	free(r);
	return n;
}

/* Runs the query again; the choice goes back to the first hit. */
static void refresh_hits(struct finder *f)
{
	char q[LINEEDIT_MAX * 4 + 1];

	lineedit_get(&f->query, q, sizeof q);
	f->nhits = finder_search(f->cat, yc_trim(q), f->hits, f->cat->nitems + f->cat->nbundles);
	f->sel = 0;
	f->top = 0;
}

int finder_init(struct finder *f, const struct catalog *cat, char *err, size_t errsz)
{
	memset(f, 0, sizeof *f);
	f->cat = cat;
	lineedit_init(&f->query, QUERY_MAX);
	f->hits = calloc(cat->nitems + cat->nbundles + 1, sizeof *f->hits);
	if (!f->hits)
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	f->page = 1;
	refresh_hits(f);
	return 0;
}

void finder_free(struct finder *f)
{
	free(f->hits);
	f->hits = NULL;
	f->nhits = 0;
}

/* Writes s in width columns at (y, x); text that does not fit ends in
 * ".." so the clerk sees it was cut.  Pads with spaces. */
static void put_cut(int y, int x, int width, const char *s)
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

/* "3 工作日", or 当场办结 for 0. */
static const char *promised_text(char *buf, size_t bufsz, int value, enum limit_unit unit)
{
	if (value == 0)
		snprintf(buf, bufsz, "%s", _("当场办结"));
	else
		snprintf(buf, bufsz, "%d %s", value, catalog_unit_name(unit));
	return buf;
}

static const char *hit_code(const struct finder_hit *h)
{
	return h->item ? h->item->code : h->bundle->code;
}

static const char *hit_department(const struct finder_hit *h)
{
	return h->item ? h->item->department : h->bundle->lead_department;
}

/* The name as listed: bundles carry the 【一件事】 mark. */
static void hit_name(const struct finder_hit *h, char *buf, size_t bufsz)
{
	if (h->item)
		snprintf(buf, bufsz, "%s", h->item->name);
	else
		snprintf(buf, bufsz, "%s%s", _("【一件事】"), h->bundle->name);
}

/* The line under the list: position, code, type and promised limit of the
 * chosen hit. */
static void draw_detail(struct tui *t, const struct finder *f, int y)
{
	char line[512], lim[64];
	const struct finder_hit *h;

	if (f->nhits == 0) {
		tui_put(y, 1, t->cols - 2, "", 1);
		return;
	}
	h = &f->hits[f->sel];
	/* The code gives way when the line does not fit (never cut). */
	for (int code = 1; code >= 0; code--) {
		char c[80] = "";

		if (code)
			snprintf(c, sizeof c, _("编码 %s  "), hit_code(h));
		if (h->item)
			snprintf(line, sizeof line, _("%zu/%zu  %s%s  %s  承诺 %s"), f->sel + 1,
				 f->nhits, c, catalog_type_name(h->item->type),
				 catalog_kind_name(h->item->kind),
				 promised_text(lim, sizeof lim, h->item->promised_limit,
					       h->item->promised_unit));
		else
			snprintf(line, sizeof line, _("%zu/%zu  %s一件事，含 %zu 个事项  承诺 %s"),
				 f->sel + 1, f->nhits, c, h->bundle->nitems,
				 promised_text(lim, sizeof lim, h->bundle->promised_limit,
					       h->bundle->promised_unit));
		if (utf8_width(line) <= t->cols - 2)
			break;
	}
	tui_put(y, 1, t->cols - 2, line, 1);
}

void finder_draw(struct tui *t, struct finder *f, int y, int rows)
{
	const char *label = _("查找事项：");
	char buf[LINEEDIT_MAX * 4 + 1], name[512];
	int lw = utf8_width(label), fieldw, col, showcode = t->cols >= WIDE_COLS;
	int avail = t->cols - 4, dw = 0, nw, x;

	/* The query field, with the terminal cursor in it. */
	tui_put(y, 1, lw, label, 0);
	fieldw = t->cols - 2 - lw;
	col = lineedit_view(&f->query, fieldw, buf, sizeof buf);
	attrset(A_UNDERLINE);
	tui_put(y, 1 + lw, fieldw, buf, 1);
	attrset(A_NORMAL);
	tui_cursor_at(y, 1 + lw + col);
	tui_put(y + 1, 1, t->cols - 2,
		_("输入事项编码、名称中的字或拼音首字母（如 spjy）；上下键选择，Enter 打开"), 0);

	/* Columns: [code] name department; the department column is as wide
	 * as the widest department listed. */
	for (size_t i = 0; i < f->nhits; i++) {
		int w = utf8_width(hit_department(&f->hits[i]));

		if (w > dw)
			dw = w;
	}
	if (dw < utf8_width(_("实施主体")))
		dw = utf8_width(_("实施主体"));
	if (dw > DEPT_MAX_COLS)
		dw = DEPT_MAX_COLS;
	nw = avail - (showcode ? CODE_COLS + 2 : 0) - 2 - dw;
	x = 3;
	attrset(A_BOLD);
	if (showcode) {
		tui_put(y + 2, x, CODE_COLS + 2, _("编码"), 1);
		x += CODE_COLS + 2;
	}
	tui_put(y + 2, x, nw + 2, _("事项名称"), 1);
	tui_put(y + 2, x + nw + 2, dw, _("实施主体"), 0);
	attrset(A_NORMAL);

	f->page = rows - 4;
	if (f->page < 1)
		f->page = 1;
	if (f->sel < f->top)
		f->top = f->sel;
	if (f->sel >= f->top + (size_t)f->page)
		f->top = f->sel - (size_t)f->page + 1;
	if (f->nhits == 0 && f->query.len > 0) {
		lineedit_get(&f->query, buf, sizeof buf);
		snprintf(name, sizeof name, _("没有找到与“%s”相符的事项或一件事。"), buf);
		tui_put(y + 3, 3, avail, name, 0);
	}
	for (int r = 0; r < f->page && f->top + (size_t)r < f->nhits; r++) {
		size_t i = f->top + (size_t)r;
		const struct finder_hit *h = &f->hits[i];
		int yy = y + 3 + r;

		if (i == f->sel)
			attrset(A_REVERSE);
		tui_put(yy, 1, 2, i == f->sel ? ">" : "", 1);
		x = 3;
		if (showcode) {
			tui_put(yy, x, CODE_COLS + 2, hit_code(h), 1);
			x += CODE_COLS + 2;
		}
		hit_name(h, name, sizeof name);
		put_cut(yy, x, nw, name);
		tui_put(yy, x + nw, 2, "", 1);
		put_cut(yy, x + nw + 2, dw, hit_department(h));
		attrset(A_NORMAL);
	}
	draw_detail(t, f, y + rows - 1);
}

/* Keys that edit the query: 2 when the text changed, 1 when only the
 * cursor moved, 0 when the key is not one of them. */
static int edit_key(struct finder *f, int key)
{
	switch (key) {
	case TK_SPECIAL | KEY_BACKSPACE:
	case TK_CTRL('h'):
		lineedit_backspace(&f->query);
		return 2;
	case TK_SPECIAL | KEY_DC:
	case TK_CTRL('d'):
		lineedit_delete(&f->query);
		return 2;
	case TK_SPECIAL | KEY_LEFT:
	case TK_CTRL('b'):
		lineedit_left(&f->query);
		return 1;
	case TK_SPECIAL | KEY_RIGHT:
	case TK_CTRL('f'):
		lineedit_right(&f->query);
		return 1;
	case TK_SPECIAL | KEY_HOME:
	case TK_CTRL('a'):
		lineedit_home(&f->query);
		return 1;
	case TK_SPECIAL | KEY_END:
	case TK_CTRL('e'):
		lineedit_end(&f->query);
		return 1;
	case TK_CTRL('k'):
		lineedit_kill_to_end(&f->query);
		return 2;
	case TK_CTRL('u'):
		lineedit_clear(&f->query);
		return 2;
	default:
		break;
	}
	if (!(key & TK_SPECIAL) && key >= 0x20 && key != 0x7F) {
		lineedit_insert(&f->query, (uint32_t)key);
		return 2;
	}
	return 0;
}

int finder_handle(struct tui *t, struct finder *f, enum tui_action act, int key,
		  const struct finder_hit **picked)
{
	size_t page = f->page > 0 ? (size_t)f->page : 1;

	*picked = NULL;
	switch (act) {
	case ACT_UP:
		if (f->sel > 0)
			f->sel--;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_DOWN:
		if (f->sel + 1 < f->nhits)
			f->sel++;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_PAGE_UP:
		f->sel = f->sel > page ? f->sel - page : 0;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_PAGE_DOWN:
		if (f->nhits > 0)
			f->sel = f->sel + page < f->nhits ? f->sel + page : f->nhits - 1;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_SELECT:
		if (f->nhits == 0) {
			tui_error(t, "%s", _("没有可选的事项：请先输入编码、名称或拼音首字母"));
			return TUI_HANDLED | TUI_REDRAW;
		}
		*picked = &f->hits[f->sel];
		return TUI_HANDLED;
	case ACT_NONE:
		switch (edit_key(f, key)) {
		case 2:
			refresh_hits(f);
			return TUI_HANDLED | TUI_REDRAW;
		case 1:
			return TUI_HANDLED | TUI_REDRAW;
		default:
			return 0;
		}
	default:
		return 0;
	}
}
