/*
 * print_flow.c — the blocks of a document flowed onto A4 pages (the half
 * of the renderer print_pdf.c calls for the body of each part).
 *
 * Every line is placed by itself on the fixed pitch of its font, so a
 * paragraph or a list continues on the next page where the text area
 * ends (never leaving one line alone at the foot or the top of a page
 * when it can be helped); a table row moves to the next page whole,
 * under the table's heading row drawn again, and a row taller than a
 * page is split between its lines; a heading never stands alone at the
 * foot of a page; the closing block (seal, date, signatures) is kept on
 * one page together with what comes just before it (the contacts or the
 * last paragraph).  Nothing is clipped: every line is placed inside the
 * text area, which the tests check on rendered pages.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "yichuang/document.h"
#include "yichuang/print.h"
#include "yichuang/util.h"
#include "print_internal.h"

/* ---- layouts ------------------------------------------------------------- */

PangoLayout *pr_layout(struct pr *p, const char *font, const char *text, double width)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd;

	if (!l) {
		p->oom = 1;
		return NULL;
	}
	/* Chinese (Simplified) glyph forms, whatever the process locale; and
	 * a point is a point (pango-cairo assumes 96 dpi otherwise, which
	 * makes every font a third larger than asked) */
	pango_context_set_language(pango_layout_get_context(l), pango_language_from_string("zh-cn"));
	pango_cairo_context_set_resolution(pango_layout_get_context(l), 72.0);
	pango_layout_context_changed(l);
	fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

void pr_count_unknown(struct pr *p, PangoLayout *l)
{
	if (l)
		p->unknown += pango_layout_get_unknown_glyphs_count(l);
}

double pr_layout_width(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)w / PANGO_SCALE;
}

/* The size of l's font in points. */
static double pr_em(PangoLayout *l)
{
	const PangoFontDescription *fd = pango_layout_get_font_description(l);

	return fd ? (double)pango_font_description_get_size(fd) / PANGO_SCALE : BODY_PT;
}

void pr_draw_line(struct pr *p, PangoLayout *l, int k, double x, double y, double pitch)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	PangoRectangle lg;

	for (int i = 0; i < k && pango_layout_iter_next_line(it); i++)
		;
	pango_layout_iter_get_line_extents(it, NULL, &lg);
	/* the ink of Chinese and of digits is centred about 0.37 em above
	 * the baseline: centre it in the line box */
	cairo_move_to(p->cr, x + (double)lg.x / PANGO_SCALE, y + pitch / 2 + 0.37 * pr_em(l));
	pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
	pango_layout_iter_free(it);
}

void pr_draw_lines(struct pr *p, PangoLayout *l, double x, double y, double pitch)
{
	int n = pango_layout_get_line_count(l);

	pr_count_unknown(p, l);
	for (int k = 0; k < n; k++)
		pr_draw_line(p, l, k, x, y + k * pitch, pitch);
}

/* Makes the first `bytes` bytes of l's text bold. */
static void pr_bold_prefix(PangoLayout *l, size_t bytes)
{
	PangoAttrList *al = pango_attr_list_new();
	PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);

	a->start_index = 0;
	a->end_index = (guint)bytes;
	pango_attr_list_insert(al, a);
	pango_layout_set_attributes(l, al);
	pango_attr_list_unref(al);
}

/* Points of text in font set on one line. */
static double pr_measure(struct pr *p, const char *font, const char *text)
{
	PangoLayout *l = pr_layout(p, font, text, 0);
	double w;

	if (!l)
		return 0;
	w = pr_layout_width(l);
	g_object_unref(l);
	return w;
}

/* Lines that still fit on this page at `pitch`. */
static int pr_fit(const struct pr *p, double pitch)
{
	return (int)floor((p->bottom - p->y) / pitch + 1e-6);
}

/* Where the flowing text of a continuation page starts. */
static double pr_fresh_top(const struct pr *p)
{
	return p->top + PITCH_TINY + 6;
}

/* ---- text blocks ---------------------------------------------------------- */

/* A text block ready to flow: its layout, left edge, pitch and the
 * space before and after it. */
struct piece {
	PangoLayout *l;
	double x, pitch, before, after;
};

static void piece_free(struct piece *pc)
{
	if (pc->l)
		g_object_unref(pc->l);
	pc->l = NULL;
}

/* Lays out a heading, paragraph, field or numbered item (item_no is its
 * number); 0, or -1 when out of memory. */
static int pr_piece(struct pr *p, const struct doc_block *b, int item_no, struct piece *pc)
{
	double indent = b->indent * BODY_PT / 2;
	struct strbuf sb;

	memset(pc, 0, sizeof *pc);
	pc->x = p->x0 + indent;
	pc->pitch = PITCH_BODY;
	sb_init(&sb);
	switch (b->kind) {
	case DOC_HEADING:
		pc->l = pr_layout(p, FONT_HEAD, b->text, p->w - indent);
		pc->pitch = PITCH_HEAD;
		pc->before = 5;
		pc->after = 1;
		break;
	case DOC_PARA: {
		size_t n = strlen(b->text);
		int addressee = n >= 3 && strcmp(b->text + n - 3, "：") == 0 &&
				!strstr(b->text, "，") && !strstr(b->text, "。");
		double hang = b->hang * BODY_PT / 2;

		pc->l = pr_layout(p, FONT_BODY, b->text, p->w - indent);
		if (!pc->l)
			break;
		if (hang > 0 && hang < (p->w - indent) / 2)
			pango_layout_set_indent(pc->l, (int)(-hang * PANGO_SCALE));
		else if (b->indent == 0 && !addressee)
			pango_layout_set_indent(pc->l, (int)(2 * BODY_PT * PANGO_SCALE));
		pango_layout_set_justify(pc->l, hang <= 0);
		pc->after = 2;
		break;
	}
	case DOC_FIELD: {
		size_t bold;
		double lw;

		sb_appendf(&sb, "%s：", b->label ? b->label : "");
		bold = sb.len;
		lw = pr_measure(p, FONT_BODY_BOLD, sb.buf ? sb.buf : "");
		sb_append(&sb, b->text);
		if (sb.oom)
			break;
		pc->l = pr_layout(p, FONT_BODY, sb.buf, p->w - indent);
		if (!pc->l)
			break;
		pr_bold_prefix(pc->l, bold);
		if (lw < (p->w - indent) / 2)
			pango_layout_set_indent(pc->l, (int)(-lw * PANGO_SCALE));
		pc->after = 1;
		break;
	}
	case DOC_ITEM: {
		char num[16];
		double nw;

		snprintf(num, sizeof num, "%d. ", item_no);
		nw = pr_measure(p, FONT_BODY, num);
		sb_appendf(&sb, "%s%s", num, b->text);
		if (sb.oom)
			break;
		indent += BODY_PT;
		pc->x = p->x0 + indent;
		pc->l = pr_layout(p, FONT_BODY, sb.buf, p->w - indent);
		if (pc->l)
			pango_layout_set_indent(pc->l, (int)(-nw * PANGO_SCALE));
		pc->after = 1;
		break;
	}
	default:
		break;
	}
	sb_free(&sb);
	if (!pc->l) {
		p->oom = 1;
		return -1;
	}
	return 0;
}

static double piece_height(const struct piece *pc)
{
	return pc->before + pango_layout_get_line_count(pc->l) * pc->pitch + pc->after;
}

/* Flows a piece line by line, going on to the next page where the text
 * area ends: a paragraph of several lines does not leave its first line
 * alone at the foot of a page, nor its last alone at the top of the
 * next, when it can be helped. */
static void pr_flow(struct pr *p, const struct piece *pc)
{
	int n = pango_layout_get_line_count(pc->l), k = 0;

	pr_count_unknown(p, pc->l);
	p->y += pc->before;
	while (k < n) {
		int fit = pr_fit(p, pc->pitch), rest = n - k, take;

		if (rest <= fit) {
			take = rest;
		} else if (fit <= 0 || (fit == 1 && k == 0 && n > 1)) {
			if (!pr_page_empty(p)) {
				pr_new_page(p);
				continue;
			}
			take = fit > 0 ? fit : 1;	/* nowhere better to go */
		} else {
			take = fit;
			if (rest - take == 1 && take >= 2)
				take--;
		}
		for (int i = 0; i < take; i++) {
			pr_draw_line(p, pc->l, k + i, pc->x, p->y, pc->pitch);
			p->y += pc->pitch;
		}
		k += take;
		if (k < n)
			pr_new_page(p);
	}
	p->y += pc->after;
}

/* ---- tables -------------------------------------------------------------- */

/* Points a cell needs at least: all of it when it is short (a heading
 * such as 复印件（份） is not broken), else its longest run of Latin
 * letters and digits (numbers and codes are not broken) or four Chinese
 * characters, whichever is wider.  *natural: its widest line unbroken. */
static double pr_min_width(struct pr *p, const char *font, const char *s, double *natural)
{
	PangoLayout *l = pr_layout(p, font, s, 0);
	double best = 4 * TABLE_PT, w = l ? pr_layout_width(l) : 0;
	const char *run = NULL;

	if (l)
		g_object_unref(l);
	*natural = w + 2 * CELL_PAD + 1;
	if (w <= 6 * TABLE_PT)
		return *natural;
	for (const char *q = s;; q++) {
		int word = *q && (unsigned char)*q > ' ' && (unsigned char)*q < 0x7f;

		if (word && !run)
			run = q;
		if (!word && run) {
			char buf[128];
			double rw;

			snprintf(buf, sizeof buf, "%.*s", (int)(q - run), run);
			rw = pr_measure(p, font, buf);
			if (rw > best)
				best = rw;
			run = NULL;
		}
		if (!*q)
			break;
	}
	return best + 2 * CELL_PAD + 1;
}

/* The widths of the columns of the table rows blocks[from..to), fitted to
 * the text width: each column its natural width when they all fit; else
 * each what it needs at least, and the room left shared in proportion to
 * how much more each would take; when even the least is too wide, all
 * of them in proportion. */
static void pr_table_widths(struct pr *p, size_t from, size_t to, double *cw, size_t ncol)
{
	double min[PR_MAX_COLS], max[PR_MAX_COLS], smin = 0, smax = 0;

	for (size_t c = 0; c < ncol; c++)
		min[c] = max[c] = 2 * CELL_PAD + 20;
	for (size_t i = from; i < to; i++) {
		const struct doc_block *b = &p->d->blocks[i];

		for (size_t c = 0; c < b->ncells && c < ncol; c++) {
			double natural, m = pr_min_width(p, b->kind == DOC_HEADER_ROW ? FONT_TABLE_BOLD
							 : FONT_TABLE, b->cells[c], &natural);

			if (natural > max[c])
				max[c] = natural;
			if (m > min[c])
				min[c] = m;
		}
	}
	for (size_t c = 0; c < ncol; c++) {
		if (max[c] < min[c])
			max[c] = min[c];
		smin += min[c];
		smax += max[c];
	}
	for (size_t c = 0; c < ncol; c++) {
		if (smax <= p->w)
			cw[c] = max[c] * p->w / smax;
		else if (smin <= p->w)
			cw[c] = min[c] + (p->w - smin) * (max[c] - min[c]) / (smax - smin);
		else
			cw[c] = min[c] * p->w / smin;
		if (getenv("PRDEBUG")) fprintf(stderr, "col %zu min %.1f max %.1f cw %.1f (w %.1f)\n", c, min[c], max[c], cw[c], p->w);
	}
}

/* A table: blocks[from..to), its columns. */
struct table {
	size_t from, to, ncol;
	double cw[PR_MAX_COLS];
	const struct doc_block *header;		/* the heading row drawn last */
};

/* The cells of row b laid out in their columns; the number of lines of
 * its tallest cell.  0 when out of memory. */
static int pr_row_layouts(struct pr *p, const struct table *t, const struct doc_block *b,
			  PangoLayout **l)
{
	int lines = 1;

	for (size_t c = 0; c < t->ncol; c++) {
		const char *text = c < b->ncells ? b->cells[c] : "";

		l[c] = pr_layout(p, FONT_TABLE, text, t->cw[c] - 2 * CELL_PAD);
		if (!l[c]) {
			for (size_t k = 0; k < c; k++)
				g_object_unref(l[k]);
			return 0;
		}
		if (b->kind == DOC_HEADER_ROW)
			pr_bold_prefix(l[c], strlen(text));
		if (pango_layout_get_line_count(l[c]) > lines)
			lines = pango_layout_get_line_count(l[c]);
	}
	return lines;
}

static void pr_row_free(const struct table *t, PangoLayout **l)
{
	for (size_t c = 0; c < t->ncol; c++)
		if (l[c])
			g_object_unref(l[c]);
}

static double pr_row_height(int lines)
{
	return lines * PITCH_TABLE + 2 * CELL_PAD;
}

/* Draws lines [k0, k1) of a row's cells at p->y, framed. */
static void pr_row_chunk(struct pr *p, const struct table *t, const struct doc_block *b,
			 PangoLayout **l, int k0, int k1)
{
	double h = pr_row_height(k1 - k0), x = p->x0;

	if (b->kind == DOC_HEADER_ROW) {
		cairo_set_source_rgb(p->cr, 0.9, 0.9, 0.9);
		cairo_rectangle(p->cr, p->x0, p->y, p->w, h);
		cairo_fill(p->cr);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
	}
	cairo_set_line_width(p->cr, 0.6);
	for (size_t c = 0; c < t->ncol; c++) {
		int n = pango_layout_get_line_count(l[c]);

		if (k0 == 0)
			pr_count_unknown(p, l[c]);
		for (int k = k0; k < k1 && k < n; k++)
			pr_draw_line(p, l[c], k, x + CELL_PAD, p->y + CELL_PAD + (k - k0) * PITCH_TABLE,
				     PITCH_TABLE);
		cairo_rectangle(p->cr, x + 0.3, p->y + 0.3, t->cw[c] - 0.6, h - 0.6);
		x += t->cw[c];
	}
	cairo_stroke(p->cr);
	p->y += h - 0.6;
}

/* The heading row again at the top of a continuation page. */
static void pr_table_header(struct pr *p, const struct table *t)
{
	PangoLayout *l[PR_MAX_COLS] = { 0 };
	int lines;

	if (!t->header)
		return;
	lines = pr_row_layouts(p, t, t->header, l);
	if (lines == 0) {
		p->oom = 1;
		return;
	}
	pr_row_chunk(p, t, t->header, l, 0, lines);
	pr_row_free(t, l);
}

/* One row: whole on this page, else whole on the next (under the heading
 * row), else, taller than a page, split between its lines. */
static void pr_table_row(struct pr *p, struct table *t, size_t i)
{
	const struct doc_block *b = &p->d->blocks[i];
	PangoLayout *l[PR_MAX_COLS] = { 0 };
	int lines = pr_row_layouts(p, t, b, l), k = 0, moved = 0;
	double head = 0;

	if (lines == 0) {
		p->oom = 1;
		return;
	}
	if (b->kind == DOC_HEADER_ROW) {
		t->header = b;
		/* a heading row never stands alone at the foot of a page */
		if (i + 1 < t->to) {
			PangoLayout *n[PR_MAX_COLS] = { 0 };
			int next = pr_row_layouts(p, t, &p->d->blocks[i + 1], n);

			head = pr_row_height(next < 2 ? next : 2);
			pr_row_free(t, n);
		}
		if (p->y + pr_row_height(lines) + head > p->bottom && !pr_page_empty(p))
			pr_new_page(p);
		pr_row_chunk(p, t, b, l, 0, lines);
		pr_row_free(t, l);
		return;
	}
	while (k < lines) {
		int fit = (int)floor((p->bottom - p->y - 2 * CELL_PAD) / PITCH_TABLE + 1e-6);
		int rest = lines - k;
		double fresh = p->bottom - pr_fresh_top(p) - (t->header ? pr_row_height(1) : 0);

		if (rest <= fit) {
			pr_row_chunk(p, t, b, l, k, lines);
			break;
		}
		if (k == 0 && !moved && !pr_page_empty(p) &&
		    (pr_row_height(rest) <= fresh || fit < 2)) {
			/* the whole row on the next page, or at least not a sliver
			 * here; once moved, it is split where it does not fit */
			pr_new_page(p);
			pr_table_header(p, t);
			moved = 1;
			continue;
		}
		if (fit < 1)
			fit = 1;
		pr_row_chunk(p, t, b, l, k, k + fit);
		k += fit;
		pr_new_page(p);
		pr_table_header(p, t);
	}
	pr_row_free(t, l);
}

/* The table of rows blocks[from..to). */
static void pr_table(struct pr *p, size_t from, size_t to)
{
	struct table t = { .from = from, .to = to };

	for (size_t i = from; i < to; i++)
		if (p->d->blocks[i].ncells > t.ncol)
			t.ncol = p->d->blocks[i].ncells;
	if (t.ncol > PR_MAX_COLS)
		t.ncol = PR_MAX_COLS;
	if (t.ncol == 0)
		return;
	pr_table_widths(p, from, to, t.cw, t.ncol);
	p->y += 3;
	for (size_t i = from; i < to && !p->oom; i++)
		pr_table_row(p, &t, i);
	p->y += 6;
}

/* ---- signatures ------------------------------------------------------------ */

#define SIG_BEFORE 10.0
#define SIG_GAP 3.0

/* Height of the run of signature lines blocks[from..to). */
static double pr_signatures_height(struct pr *p, size_t from, size_t to)
{
	double h = SIG_BEFORE;

	for (size_t i = from; i < to; i++) {
		PangoLayout *l = pr_layout(p, FONT_BODY, p->d->blocks[i].text, p->w);

		if (!l)
			continue;
		h += pango_layout_get_line_count(l) * PITCH_BODY + SIG_GAP;
		g_object_unref(l);
	}
	return h;
}

/* The run of signature lines blocks[from..to), right-aligned, on one
 * page. */
static void pr_signatures(struct pr *p, size_t from, size_t to)
{
	if (p->y + pr_signatures_height(p, from, to) > p->bottom && !pr_page_empty(p))
		pr_new_page(p);
	p->y += SIG_BEFORE;
	for (size_t i = from; i < to; i++) {
		PangoLayout *l = pr_layout(p, FONT_BODY, p->d->blocks[i].text, p->w);

		if (!l)
			continue;
		pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
		pr_draw_lines(p, l, p->x0, p->y, PITCH_BODY);
		p->y += pango_layout_get_line_count(l) * PITCH_BODY + SIG_GAP;
		g_object_unref(l);
	}
}

/* ---- keeping the closing block together ------------------------------------ */

static int pr_is_text(const struct doc_block *b)
{
	return b->kind == DOC_PARA || b->kind == DOC_FIELD || b->kind == DOC_ITEM;
}

/* The end of the run of kind k starting at i. */
static size_t pr_run_end(const struct document *d, size_t i, int table)
{
	size_t to = i;

	while (to < d->nblocks &&
	       (table ? d->blocks[to].kind == DOC_ROW || d->blocks[to].kind == DOC_HEADER_ROW
		      : d->blocks[to].kind == d->blocks[i].kind))
		to++;
	return to;
}

/* Height of the text blocks [from, to) (item numbers from item_no). */
static double pr_text_height(struct pr *p, size_t from, size_t to, int item_no)
{
	double h = 0;

	for (size_t i = from; i < to; i++) {
		const struct doc_block *b = &p->d->blocks[i];
		struct piece pc;

		item_no = b->kind == DOC_ITEM ? item_no + 1 : 0;
		if (pr_piece(p, b, item_no, &pc) != 0)
			return h;
		h += piece_height(&pc);
		piece_free(&pc);
	}
	return h;
}

/* When text block i begins what must stay with the closing block that
 * follows (the signature run after the text blocks from i on): the
 * contacts before the seal and the paragraph before them, or at the
 * least the one block before the seal.  Moves to a new page when that
 * does not fit here but does on a page of its own. */
static void pr_keep_closing(struct pr *p, size_t i, int item_no)
{
	const struct document *d = p->d;
	size_t j = i, g;

	while (j < d->nblocks && pr_is_text(&d->blocks[j]))
		j++;
	if (j >= d->nblocks || d->blocks[j].kind != DOC_SIGNATURE || j == i)
		return;
	/* the whole group: the fields before the seal, and the paragraph
	 * before them */
	g = j - 1;
	while (g > 0 && d->blocks[g].kind == DOC_FIELD && d->blocks[g - 1].kind == DOC_FIELD)
		g--;
	if (d->blocks[g].kind == DOC_FIELD && g > 0 && d->blocks[g - 1].kind == DOC_PARA)
		g--;
	if (i == g || i == j - 1) {
		size_t end = pr_run_end(d, j, 0);
		double h = pr_text_height(p, i, j, item_no) + pr_signatures_height(p, j, end);

		if (p->y + h > p->bottom && !pr_page_empty(p) && pr_fresh_top(p) + h <= p->bottom)
			pr_new_page(p);
	}
}

/* ---- the blocks ------------------------------------------------------------ */

size_t pr_blocks(struct pr *p, size_t from)
{
	const struct document *d = p->d;
	int item_no = 0;
	size_t i;

	for (i = from; i < d->nblocks && !p->oom; i++) {
		const struct doc_block *b = &d->blocks[i];

		if (b->kind == DOC_PART)
			break;
		if (b->kind == DOC_ITEM)
			item_no++;
		else
			item_no = 0;
		switch (b->kind) {
		case DOC_HEADING: {
			struct piece pc;
			double need;

			if (pr_piece(p, b, 0, &pc) != 0)
				break;
			/* never alone at the foot of a page: with the start of
			 * what it heads */
			need = piece_height(&pc);
			if (i + 1 < d->nblocks && (d->blocks[i + 1].kind == DOC_ROW ||
						   d->blocks[i + 1].kind == DOC_HEADER_ROW))
				need += 3 + pr_row_height(1) * 2;
			else if (i + 1 < d->nblocks && pr_is_text(&d->blocks[i + 1]))
				need += 2 * PITCH_BODY;
			if (p->y + need > p->bottom && !pr_page_empty(p))
				pr_new_page(p);
			pr_flow(p, &pc);
			piece_free(&pc);
			break;
		}
		case DOC_PARA:
		case DOC_FIELD:
		case DOC_ITEM: {
			struct piece pc;
			size_t n = strlen(b->text);

			pr_keep_closing(p, i, item_no - (b->kind == DOC_ITEM));
			if (pr_piece(p, b, item_no, &pc) != 0)
				break;
			/* a paragraph that introduces a list ("…：") goes with the
			 * start of the list */
			if (b->kind == DOC_PARA && n >= 3 && strcmp(b->text + n - 3, "：") == 0 &&
			    i + 1 < d->nblocks && d->blocks[i + 1].kind == DOC_ITEM &&
			    p->y + piece_height(&pc) + 2 * PITCH_BODY > p->bottom && !pr_page_empty(p))
				pr_new_page(p);
			pr_flow(p, &pc);
			piece_free(&pc);
			break;
		}
		case DOC_ROW:
		case DOC_HEADER_ROW: {
			size_t to = pr_run_end(d, i, 1);

			pr_table(p, i, to);
			i = to - 1;
			break;
		}
		case DOC_SIGNATURE: {
			size_t to = pr_run_end(d, i, 0);

			pr_signatures(p, i, to);
			i = to - 1;
			break;
		}
		case DOC_PART:
			break;
		}
	}
	return i;
}
