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

static int item_matches(const struct catalog_item *it, const char *q)
{
	if (prefix_ci(it->code, q) || prefix_ci(it->basic_code, q))
		return 1;
	if (strstr(it->name, q) || (it->short_name && strstr(it->short_name, q)))
		return 1;
	if (all_letters(q) && (pinyin_matches(q, it->name, it->pinyin) ||
			       (it->short_name && pinyin_matches(q, it->short_name, NULL))))
		return 1;
	return 0;
}

static int bundle_matches(const struct catalog_bundle *b, const char *q)
{
	if (prefix_ci(b->code, q) || strstr(b->name, q))
		return 1;
	return all_letters(q) && pinyin_matches(q, b->name, NULL);
}

size_t finder_search(const struct catalog *cat, const char *query,
		     struct finder_hit *hits, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < cat->nitems && n < max; i++)
		if (!*query || item_matches(&cat->items[i], query)) {
			hits[n].item = &cat->items[i];
			hits[n].bundle = NULL;
			n++;
		}
	for (size_t i = 0; i < cat->nbundles && n < max; i++)
		if (!*query || bundle_matches(&cat->bundles[i], query)) {
			hits[n].item = NULL;
			hits[n].bundle = &cat->bundles[i];
			n++;
		}
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
	if (h->item)
		snprintf(line, sizeof line, _("%zu/%zu  编码 %s  %s  %s  承诺 %s"), f->sel + 1,
			 f->nhits, h->item->code, catalog_type_name(h->item->type),
			 catalog_kind_name(h->item->kind),
			 promised_text(lim, sizeof lim, h->item->promised_limit,
				       h->item->promised_unit));
	else
		snprintf(line, sizeof line, _("%zu/%zu  编码 %s  一件事，含 %zu 个事项  承诺 %s"),
			 f->sel + 1, f->nhits, h->bundle->code, h->bundle->nitems,
			 promised_text(lim, sizeof lim, h->bundle->promised_limit,
				       h->bundle->promised_unit));
	tui_put(y, 1, t->cols - 2, line, 1);
}

void finder_draw(struct tui *t, struct finder *f, int y, int rows)
{
	const char *label = _("查找事项：");
	char buf[LINEEDIT_MAX * 4 + 1], name[512];
	int lw = utf8_width(label), fieldw, col, showcode = t->cols >= WIDE_COLS;
	int avail = t->cols - 4, dw = 0, nw, x;

	/* The query field, its cursor shown as a reversed cell. */
	tui_put(y, 1, lw, label, 0);
	fieldw = t->cols - 2 - lw;
	col = lineedit_view(&f->query, fieldw, buf, sizeof buf);
	attrset(A_UNDERLINE);
	tui_put(y, 1 + lw, fieldw, buf, 1);
	attrset(A_NORMAL);
	mvchgat(y, 1 + lw + col, f->query.cursor < f->query.len &&
		cp_width(f->query.text[f->query.cursor]) == 2 ? 2 : 1, A_REVERSE, 0, NULL);
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
