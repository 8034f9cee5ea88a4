/*
 * print_pdf.c — a document (document.h) as an A4 PDF: cairo draws, pango
 * lays the text out (wrapping, Chinese line breaking, font fallback for
 * rare characters) in the Noto CJK fonts, libqrencode makes the QR code of
 * the progress address at the top right of the first page.
 *
 * The document is laid out twice: the first pass (on a PDF surface that
 * writes nowhere) counts the pages, the second draws them with "第 N 页
 * 共 M 页" in the footer.  Every line is placed by itself, so paragraphs
 * and lists continue on the next page where the text area ends; table
 * rows move whole, repeating the table's heading row; signature lines are
 * kept together.  Drawing is clipped to the text area, so nothing can fall
 * into the margins.
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "yichuang/document.h"
#include "yichuang/print.h"
#include "yichuang/util.h"

#define PT(mm) ((mm) * 72.0 / 25.4)

#define FONT_TITLE PRINT_FONT_SERIF " Bold 18"
#define FONT_BODY PRINT_FONT_SERIF " 11"
#define FONT_BODY_BOLD PRINT_FONT_SERIF " Bold 11"
#define FONT_HEAD PRINT_FONT_SANS " Bold 12"
#define FONT_SMALL PRINT_FONT_SANS " 10"
#define FONT_TABLE PRINT_FONT_SANS " 9.5"
#define FONT_TINY PRINT_FONT_SANS " 7.5"
#define BODY_PT 11.0			/* one display column is half of it */
#define QR_MM 26.0
#define FOOTER_PT 16.0			/* band for the page number */

/* The state of one pass. */
struct pr {
	cairo_t *cr;
	const struct document *d;
	double x0, w;			/* text area: left, width */
	double top, bottom;		/* text area: top, bottom of the flowing text */
	double y;			/* where the next line goes */
	int page;			/* 1-based */
	int pages;			/* total, known in the second pass (0 in the first) */
	int unknown;			/* unknown glyphs */
	int oom;
};

/* ---- layouts ------------------------------------------------------------- */

/* A layout of text in font, wrapped to width points.  Never NULL unless
 * out of memory (p->oom is then set). */
static PangoLayout *pr_layout(struct pr *p, const char *font, const char *text, double width)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd;

	if (!l) {
		p->oom = 1;
		return NULL;
	}
	/* Chinese (Simplified) glyph forms, whatever the process locale */
	pango_context_set_language(pango_layout_get_context(l), pango_language_from_string("zh-cn"));
	pango_layout_context_changed(l);
	fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_line_spacing(l, 0.9f);
	pango_layout_set_text(l, text ? text : "", -1);
	p->unknown += pango_layout_get_unknown_glyphs_count(l);
	return l;
}

static double pr_height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double pr_width(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)w / PANGO_SCALE;
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

/* Draws l at (x, y) without page breaks. */
static void pr_draw_at(struct pr *p, PangoLayout *l, double x, double y)
{
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

/* ---- pages --------------------------------------------------------------- */

static void pr_footer(struct pr *p)
{
	char buf[64];
	PangoLayout *l;

	if (p->pages > 0)
		snprintf(buf, sizeof buf, _("第 %d 页 共 %d 页"), p->page, p->pages);
	else
		snprintf(buf, sizeof buf, _("第 %d 页"), p->page);
	l = pr_layout(p, FONT_TINY, buf, p->w);
	if (!l)
		return;
	pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	pr_draw_at(p, l, p->x0, p->bottom + FOOTER_PT - pr_height(l));
	g_object_unref(l);
}

/* The running head of a continuation page. */
static void pr_running_head(struct pr *p)
{
	struct strbuf sb;
	PangoLayout *l;

	sb_init(&sb);
	sb_appendf(&sb, _("%s（续）"), p->d->title ? p->d->title : "");
	if (p->d->case_number)
		sb_appendf(&sb, _("　办件编号：%s"), p->d->case_number);
	l = sb.oom ? NULL : pr_layout(p, FONT_TINY, sb.buf, p->w);
	sb_free(&sb);
	if (!l)
		return;
	cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.3);
	pr_draw_at(p, l, p->x0, p->y);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	p->y += pr_height(l) + 8;
	g_object_unref(l);
}

/* Ends the page and starts the next one. */
static void pr_new_page(struct pr *p)
{
	pr_footer(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = p->top;
	pr_running_head(p);
}

/* Makes room for h points: a new page when they do not fit (and the
 * page is not empty already). */
static void pr_need(struct pr *p, double h)
{
	if (p->y + h > p->bottom && p->y > p->top + 30)
		pr_new_page(p);
}

/* Draws l with its left edge at x from p->y on, line by line, going on
 * to the next page where the text area ends. */
static void pr_flow(struct pr *p, PangoLayout *l, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double base = p->y, shift = 0, end = 0;

	do {
		PangoRectangle lg;
		double top, h, baseline;

		pango_layout_iter_get_line_extents(it, NULL, &lg);
		top = (double)lg.y / PANGO_SCALE;
		h = (double)lg.height / PANGO_SCALE;
		baseline = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		/* a line that does not fit goes over, unless it would stand first
		 * on a page that is still empty anyway */
		if (base + (top - shift) + h > p->bottom &&
		    (top - shift > 0.5 || p->y > p->top + 30)) {
			pr_new_page(p);
			base = p->y;
			shift = top;
		}
		cairo_move_to(p->cr, x + (double)lg.x / PANGO_SCALE, base + baseline - shift);
		pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		end = base + top - shift + h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	p->y = end;
}

/* ---- the head of the first page ----------------------------------------- */

/* The QR code of text, size points square with its quiet zone, at (x, y). */
static int pr_qr(struct pr *p, const char *text, double x, double y, double size)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	double m;

	if (!q)
		return -1;
	m = size / (q->width + 8);
	cairo_save(p->cr);
	cairo_set_antialias(p->cr, CAIRO_ANTIALIAS_NONE);
	for (int r = 0; r < q->width; r++)
		for (int c = 0; c < q->width; c++)
			if (q->data[r * q->width + c] & 1)
				cairo_rectangle(p->cr, x + (c + 4) * m, y + (r + 4) * m, m, m);
	cairo_fill(p->cr);
	cairo_restore(p->cr);
	QRcode_free(q);
	return 0;
}

static int pr_head(struct pr *p, char *err, size_t errsz)
{
	const struct document *d = p->d;
	double qr = d->qr_text ? PT(QR_MM) : 0, side = qr ? qr + 6 : 0, qr_bottom = p->top;
	PangoLayout *l;

	if (d->qr_text) {
		double x = p->x0 + p->w - qr;

		if (pr_qr(p, d->qr_text, x, p->top, qr) != 0)
			return yc_seterr(err, errsz, _("无法把进度查询地址“%s”编成二维码（地址太长？）"),
					 d->qr_text);
		l = pr_layout(p, FONT_TINY, _("扫码查询办理进度"), 0);
		if (l) {
			double cw = pr_width(l), cx = x + (qr - cw) / 2;

			if (cx + cw > p->x0 + p->w)
				cx = p->x0 + p->w - cw;
			pr_draw_at(p, l, cx, p->top + qr - 2);
			qr_bottom = p->top + qr - 2 + pr_height(l);
			g_object_unref(l);
		}
	}
	p->y = p->top + (qr ? 8 : 0);
	l = pr_layout(p, FONT_TITLE, d->title, p->w - 2 * side);
	if (l) {
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
		pr_draw_at(p, l, p->x0 + side, p->y);
		p->y += pr_height(l) + 6;
		g_object_unref(l);
	}
	if (d->number) {
		l = pr_layout(p, FONT_SMALL, d->number, p->w - 2 * side);
		if (l) {
			pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
			pr_draw_at(p, l, p->x0 + side, p->y);
			p->y += pr_height(l) + 4;
			g_object_unref(l);
		}
	}
	if (d->case_number) {
		char buf[128];

		snprintf(buf, sizeof buf, _("办件编号：%s"), d->case_number);
		l = pr_layout(p, FONT_SMALL, buf, p->w - side);
		if (l) {
			pr_draw_at(p, l, p->x0, p->y);
			p->y += pr_height(l);
			g_object_unref(l);
		}
	}
	if (p->y < qr_bottom)
		p->y = qr_bottom;
	p->y += 6;
	return 0;
}

/* ---- blocks -------------------------------------------------------------- */

/* A paragraph, a field or a list entry: text with its indents. */
static void pr_text(struct pr *p, const char *font, const char *text, size_t bold,
		    int indent_cols, double hang, double first_indent, double after)
{
	double x = p->x0 + indent_cols * BODY_PT / 2, w = p->w - indent_cols * BODY_PT / 2;
	PangoLayout *l;

	if (hang > w / 2)
		hang = BODY_PT * 2;
	l = pr_layout(p, font, text, w);
	if (!l)
		return;
	if (bold)
		pr_bold_prefix(l, bold);
	if (hang > 0)
		pango_layout_set_indent(l, (int)(-hang * PANGO_SCALE));
	else if (first_indent > 0)
		pango_layout_set_indent(l, (int)(first_indent * PANGO_SCALE));
	pango_layout_set_justify(l, hang <= 0);
	pr_flow(p, l, x);
	p->y += after;
	g_object_unref(l);
}

/* Points of text in font set on one line. */
static double pr_measure(struct pr *p, const char *font, const char *text)
{
	PangoLayout *l = pr_layout(p, font, text, 0);
	double w;

	if (!l)
		return 0;
	w = pr_width(l);
	g_object_unref(l);
	return w;
}

#define PR_MAX_COLS 16
#define CELL_PAD 3.0

/* Points a cell needs at least: its longest run of Latin letters and
 * digits (numbers and codes are not broken), or two Chinese characters. */
static double pr_min_width(struct pr *p, const char *s)
{
	double best = 2 * BODY_PT;
	const char *run = NULL;

	for (const char *q = s;; q++) {
		int word = *q && (unsigned char)*q > ' ' && (unsigned char)*q < 0x7f;

		if (word && !run)
			run = q;
		if (!word && run) {
			char buf[128];
			double w;

			snprintf(buf, sizeof buf, "%.*s", (int)(q - run), run);
			w = pr_measure(p, FONT_TABLE, buf);
			if (w > best)
				best = w;
			run = NULL;
		}
		if (!*q)
			break;
	}
	return best + 2 * CELL_PAD + 1;
}

/* The widths of the columns of the table rows blocks[from..to), fitted to
 * the text width: the widest column that can still give way does, down to
 * what its cells need at least; then all of them, in proportion. */
static void pr_table_widths(struct pr *p, size_t from, size_t to, double *cw, size_t ncol)
{
	double total, min[PR_MAX_COLS];

	for (size_t c = 0; c < ncol; c++)
		cw[c] = min[c] = 2 * CELL_PAD + 20;
	for (size_t i = from; i < to; i++) {
		const struct doc_block *b = &p->d->blocks[i];

		for (size_t c = 0; c < b->ncells && c < ncol; c++) {
			double w = pr_measure(p, FONT_TABLE, b->cells[c]) + 2 * CELL_PAD + 1;
			double m = pr_min_width(p, b->cells[c]);

			if (w > cw[c])
				cw[c] = w;
			if (m > min[c])
				min[c] = m;
		}
	}
	for (;;) {
		size_t widest = ncol;

		total = 0;
		for (size_t c = 0; c < ncol; c++) {
			total += cw[c];
			if (cw[c] > min[c] && (widest == ncol || cw[c] > cw[widest]))
				widest = c;
		}
		if (total <= p->w || widest == ncol)
			break;
		cw[widest] -= 1;
	}
	if (total > p->w)
		for (size_t c = 0; c < ncol; c++)
			cw[c] *= p->w / total;
}

/* One table row: cells wrapped in their columns, framed. */
static void pr_row(struct pr *p, const struct doc_block *b, const double *cw, size_t ncol)
{
	PangoLayout *l[PR_MAX_COLS] = { 0 };
	double h = 0, x = p->x0;

	for (size_t c = 0; c < ncol; c++) {
		l[c] = pr_layout(p, FONT_TABLE, c < b->ncells ? b->cells[c] : "", cw[c] - 2 * CELL_PAD);
		if (l[c] && b->kind == DOC_HEADER_ROW)
			pr_bold_prefix(l[c], strlen(c < b->ncells ? b->cells[c] : ""));
		if (l[c] && pr_height(l[c]) > h)
			h = pr_height(l[c]);
	}
	h += 2 * CELL_PAD;
	if (b->kind == DOC_HEADER_ROW) {
		cairo_set_source_rgb(p->cr, 0.9, 0.9, 0.9);
		for (size_t c = 0; c < ncol; c++) {
			cairo_rectangle(p->cr, x, p->y, cw[c], h);
			x += cw[c];
		}
		cairo_fill(p->cr);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		x = p->x0;
	}
	cairo_set_line_width(p->cr, 0.6);
	for (size_t c = 0; c < ncol; c++) {
		cairo_rectangle(p->cr, x + 0.3, p->y + 0.3, cw[c] - 0.6, h - 0.6);
		if (l[c]) {
			pr_draw_at(p, l[c], x + CELL_PAD, p->y + CELL_PAD);
			g_object_unref(l[c]);
		}
		x += cw[c];
	}
	cairo_stroke(p->cr);
	p->y += h - 0.6;
}

/* Height a row will take (for page breaks). */
static double pr_row_height(struct pr *p, const struct doc_block *b, const double *cw, size_t ncol)
{
	double h = 0;

	for (size_t c = 0; c < ncol; c++) {
		PangoLayout *l = pr_layout(p, FONT_TABLE, c < b->ncells ? b->cells[c] : "",
					   cw[c] - 2 * CELL_PAD);

		if (!l)
			continue;
		if (pr_height(l) > h)
			h = pr_height(l);
		g_object_unref(l);
	}
	return h + 2 * CELL_PAD;
}

/* The table made of blocks[from..to): rows move to the next page whole,
 * the heading row drawn again above them. */
static void pr_table(struct pr *p, size_t from, size_t to)
{
	const struct doc_block *header = NULL;
	double cw[PR_MAX_COLS];
	size_t ncol = 0;

	for (size_t i = from; i < to; i++)
		if (p->d->blocks[i].ncells > ncol)
			ncol = p->d->blocks[i].ncells;
	if (ncol > PR_MAX_COLS)
		ncol = PR_MAX_COLS;
	if (ncol == 0)
		return;
	pr_table_widths(p, from, to, cw, ncol);
	p->y += 2;
	for (size_t i = from; i < to; i++) {
		const struct doc_block *b = &p->d->blocks[i];
		double h = pr_row_height(p, b, cw, ncol);

		if (b->kind == DOC_HEADER_ROW) {
			header = b;
			/* a heading row never stands alone at the foot of a page */
			if (i + 1 < to)
				h += pr_row_height(p, &p->d->blocks[i + 1], cw, ncol);
			pr_need(p, h);
		} else if (p->y + h > p->bottom && p->y > p->top + 30) {
			pr_new_page(p);
			if (header)
				pr_row(p, header, cw, ncol);
		}
		pr_row(p, b, cw, ncol);
	}
	p->y += 8;
}

/* The tear line with the name of the part below. */
static void pr_cut(struct pr *p, const char *text)
{
	PangoLayout *l = pr_layout(p, FONT_TINY, text, 0);
	double tw = l ? pr_width(l) + 12 : 0, h = l ? pr_height(l) : 10, mid;
	double dash[2] = { 4, 3 };

	pr_need(p, h + 60);
	p->y += 10;
	mid = p->y + h / 2;
	cairo_save(p->cr);
	cairo_set_line_width(p->cr, 0.6);
	cairo_set_dash(p->cr, dash, 2, 0);
	cairo_move_to(p->cr, p->x0, mid);
	cairo_line_to(p->cr, p->x0 + (p->w - tw) / 2, mid);
	cairo_move_to(p->cr, p->x0 + (p->w + tw) / 2, mid);
	cairo_line_to(p->cr, p->x0 + p->w, mid);
	cairo_stroke(p->cr);
	cairo_restore(p->cr);
	if (l) {
		pr_draw_at(p, l, p->x0 + (p->w - tw) / 2 + 6, p->y);
		g_object_unref(l);
	}
	p->y += h + 12;
}

/* A run of signature lines blocks[from..to), right-aligned, kept together. */
static void pr_signatures(struct pr *p, size_t from, size_t to)
{
	double h = 0;

	for (size_t i = from; i < to; i++) {
		PangoLayout *l = pr_layout(p, FONT_BODY, p->d->blocks[i].text, p->w);

		if (!l)
			continue;
		h += pr_height(l) + 6;
		g_object_unref(l);
	}
	p->y += 10;
	pr_need(p, h);
	for (size_t i = from; i < to; i++) {
		PangoLayout *l = pr_layout(p, FONT_BODY, p->d->blocks[i].text, p->w);

		if (!l)
			continue;
		pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
		pr_flow(p, l, p->x0);
		p->y += 6;
		g_object_unref(l);
	}
}

/* "标签：" prefix of a field as text and its byte length. */
static void pr_field(struct pr *p, const struct doc_block *b)
{
	struct strbuf sb;
	double lw;

	sb_init(&sb);
	sb_appendf(&sb, "%s：", b->label ? b->label : "");
	lw = pr_measure(p, FONT_BODY_BOLD, sb.buf ? sb.buf : "");
	{
		size_t bold = sb.len;

		sb_append(&sb, b->text);
		if (!sb.oom)
			pr_text(p, FONT_BODY, sb.buf, bold, b->indent, lw, 0, 3);
		else
			p->oom = 1;
	}
	sb_free(&sb);
}

/* One pass over the whole document. */
static int pr_document(struct pr *p, char *err, size_t errsz)
{
	const struct document *d = p->d;
	int item_no = 0;

	cairo_save(p->cr);
	cairo_rectangle(p->cr, p->x0, p->top, p->w, p->bottom + FOOTER_PT - p->top);
	cairo_clip(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	if (pr_head(p, err, errsz) != 0) {
		cairo_restore(p->cr);
		return -1;
	}
	for (size_t i = 0; i < d->nblocks && !p->oom; i++) {
		const struct doc_block *b = &d->blocks[i];

		if (b->kind != DOC_ITEM)
			item_no = 0;
		switch (b->kind) {
		case DOC_HEADING: {
			p->y += 8;
			pr_need(p, 60);
			pr_text(p, FONT_HEAD, b->text, 0, b->indent, 0, 0, 4);
			break;
		}
		case DOC_PARA: {
			size_t n = strlen(b->text);
			int addressee = n >= 3 && strcmp(b->text + n - 3, "：") == 0 &&
					!strstr(b->text, "，") && !strstr(b->text, "。");
			double hang = b->hang * BODY_PT / 2;

			pr_text(p, FONT_BODY, b->text, 0, b->indent, hang,
				b->indent == 0 && hang == 0 && !addressee ? 2 * BODY_PT : 0, 4);
			break;
		}
		case DOC_FIELD:
			pr_field(p, b);
			break;
		case DOC_ITEM: {
			struct strbuf sb;
			char num[16];

			snprintf(num, sizeof num, "%d. ", ++item_no);
			sb_init(&sb);
			sb_appendf(&sb, "%s%s", num, b->text);
			if (!sb.oom)
				pr_text(p, FONT_BODY, sb.buf, 0, b->indent + 2,
					pr_measure(p, FONT_BODY, num), 0, 3);
			else
				p->oom = 1;
			sb_free(&sb);
			break;
		}
		case DOC_ROW:
		case DOC_HEADER_ROW: {
			size_t to = i;

			while (to < d->nblocks && (d->blocks[to].kind == DOC_ROW ||
						   d->blocks[to].kind == DOC_HEADER_ROW))
				to++;
			pr_table(p, i, to);
			i = to - 1;
			break;
		}
		case DOC_SIGNATURE: {
			size_t to = i;

			while (to < d->nblocks && d->blocks[to].kind == DOC_SIGNATURE)
				to++;
			pr_signatures(p, i, to);
			i = to - 1;
			break;
		}
		case DOC_CUT:
			pr_cut(p, b->text);
			break;
		}
	}
	pr_footer(p);
	cairo_restore(p->cr);
	cairo_show_page(p->cr);
	if (p->oom)
		return yc_seterr(err, errsz, "%s", _("内存不足，无法排版文书"));
	return 0;
}

/* ---- output -------------------------------------------------------------- */

/* Where the second pass writes the PDF. */
struct pr_sink {
	unsigned char *buf;
	size_t len, cap;
	int oom;
};

static cairo_status_t pr_sink_write(void *closure, const unsigned char *data, unsigned int n)
{
	struct pr_sink *s = closure;

	if (!s)
		return CAIRO_STATUS_SUCCESS;	/* the counting pass */
	if (s->len + n > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 65536;
		unsigned char *b;

		while (cap < s->len + n)
			cap *= 2;
		b = realloc(s->buf, cap);
		if (!b) {
			s->oom = 1;
			return CAIRO_STATUS_NO_MEMORY;
		}
		s->buf = b;
		s->cap = cap;
	}
	memcpy(s->buf + s->len, data, n);
	s->len += n;
	return CAIRO_STATUS_SUCCESS;
}

/* 0 when fontconfig gives the family asked for, else -1 with a message
 * saying which package to install. */
static int pr_check_font(cairo_t *cr, const char *family, char *err, size_t errsz)
{
	PangoContext *ctx = pango_cairo_create_context(cr);
	PangoFontDescription *fd = pango_font_description_from_string(family);
	PangoFont *f = ctx ? pango_context_load_font(ctx, fd) : NULL;
	PangoFontDescription *got = f ? pango_font_describe(f) : NULL;
	const char *name = got ? pango_font_description_get_family(got) : NULL;
	int ok = name && g_ascii_strcasecmp(name, family) == 0;

	if (got)
		pango_font_description_free(got);
	if (f)
		g_object_unref(f);
	pango_font_description_free(fd);
	if (ctx)
		g_object_unref(ctx);
	if (!ok)
		return yc_seterr(err, errsz,
				 _("找不到字体“%s”（找到的是“%s”）：文书需要 Noto CJK 字体，"
				   "请安装 fonts-noto-cjk（sudo apt-get install fonts-noto-cjk）"),
				 family, name ? name : "");
	return 0;
}

/* One pass: onto a PDF surface writing into sink (NULL: nowhere). */
static int pr_pass(const struct document *d, struct pr_sink *sink, int pages,
		   struct print_result *res, char *err, size_t errsz)
{
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(pr_sink_write, sink,
								  PT(PRINT_PAGE_W_MM),
								  PT(PRINT_PAGE_H_MM));
	struct pr p = { 0 };
	int rc = 0;

	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(sf);
		return yc_seterr(err, errsz, "%s", _("无法创建 PDF（cairo）"));
	}
	cairo_pdf_surface_restrict_to_version(sf, CAIRO_PDF_VERSION_1_5);
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, d->title ? d->title : "");
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "yichuang");
#endif
	p.cr = cairo_create(sf);
	p.d = d;
	p.x0 = PT(PRINT_MARGIN_LEFT_MM);
	p.w = PT(PRINT_PAGE_W_MM - PRINT_MARGIN_LEFT_MM - PRINT_MARGIN_RIGHT_MM);
	p.top = PT(PRINT_MARGIN_TOP_MM);
	p.bottom = PT(PRINT_PAGE_H_MM - PRINT_MARGIN_BOTTOM_MM) - FOOTER_PT;
	p.page = 1;
	p.pages = pages;
	if (!sink && (pr_check_font(p.cr, PRINT_FONT_SERIF, err, errsz) != 0 ||
		      pr_check_font(p.cr, PRINT_FONT_SANS, err, errsz) != 0))
		rc = -1;
	if (rc == 0)
		rc = pr_document(&p, err, errsz);
	cairo_destroy(p.cr);
	cairo_surface_finish(sf);
	if (rc == 0 && cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS)
		rc = yc_seterr(err, errsz, _("生成 PDF 失败：%s"),
			       cairo_status_to_string(cairo_surface_status(sf)));
	cairo_surface_destroy(sf);
	if (rc == 0 && sink && sink->oom)
		rc = yc_seterr(err, errsz, "%s", _("内存不足，无法生成 PDF"));
	if (rc == 0 && res) {
		res->pages = p.page;
		res->unknown_glyphs = p.unknown;
	}
	return rc;
}

int print_pdf_render(const struct document *d, unsigned char **pdf, size_t *len,
		     struct print_result *res, char *err, size_t errsz)
{
	struct print_result first;
	struct pr_sink sink = { 0 };

	*pdf = NULL;
	*len = 0;
	if (pr_pass(d, NULL, 0, &first, err, errsz) != 0)
		return -1;
	if (pr_pass(d, &sink, first.pages, res, err, errsz) != 0) {
		free(sink.buf);
		return -1;
	}
	*pdf = sink.buf;
	*len = sink.len;
	return 0;
}

int print_pdf_write(const struct document *d, const char *path,
		    struct print_result *res, char *err, size_t errsz)
{
	unsigned char *pdf;
	size_t len;
	char tmp[4096];
	FILE *f;
	int ok;

	if (print_pdf_render(d, &pdf, &len, res, err, errsz) != 0)
		return -1;
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp) {
		free(pdf);
		return yc_seterr(err, errsz, "%s", _("输出文件的路径太长"));
	}
	f = fopen(tmp, "wb");
	if (!f) {
		yc_seterr(err, errsz, _("无法写入 %s：%s"), tmp, strerror(errno));
		free(pdf);
		return -1;
	}
	ok = fwrite(pdf, 1, len, f) == len;
	ok = fflush(f) == 0 && ok;
	ok = fsync(fileno(f)) == 0 && ok;
	ok = fclose(f) == 0 && ok;
	free(pdf);
	if (!ok || rename(tmp, path) != 0) {
		yc_seterr(err, errsz, _("无法写入 %s：%s"), path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}
