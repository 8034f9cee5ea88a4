/*
 * print_pdf.c — a document (document.h) as an A4 PDF: cairo draws, pango
 * lays the text out (wrapping, Chinese line breaking, font fallback for
 * rare characters) in the Noto CJK fonts, libqrencode makes the QR code of
 * the progress address at the top right.
 *
 * The document is laid out twice: the first pass (on a PDF surface that
 * writes nowhere) counts the pages, the second draws them with "第 N 页
 * 共 M 页" in the footer.  A document in several parts (联, DOC_PART) has
 * each part start on a new sheet with its whole head (title, part, number,
 * case number, QR code), its pages numbered on their own; the body is
 * flowed by print_flow.c.  Nothing is clipped: everything is placed
 * inside the margins of print.h.
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
#include "print_internal.h"

/* ---- pages --------------------------------------------------------------- */

int pr_page_empty(const struct pr *p)
{
	return p->y <= p->page_top + 0.5;
}

static void pr_footer(struct pr *p)
{
	char buf[512];
	PangoLayout *l;
	int pages = p->part_pages && p->part < PR_MAX_PARTS ? p->part_pages[p->part] : 0;

	if (pages > 0)
		snprintf(buf, sizeof buf, D_("%s%s第 %d 页 共 %d 页"), p->part_name ? p->part_name : "",
			 p->part_name ? "　" : "", p->page, pages);
	else
		snprintf(buf, sizeof buf, D_("%s%s第 %d 页"), p->part_name ? p->part_name : "",
			 p->part_name ? "　" : "", p->page);
	l = pr_layout(p, FONT_TINY, buf, p->w);
	if (!l)
		return;
	pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	pr_draw_lines(p, l, p->x0, p->bottom + FOOTER_PT - PITCH_TINY, PITCH_TINY);
	g_object_unref(l);
}

/* The running head of a continuation page. */
static void pr_running_head(struct pr *p)
{
	struct strbuf sb;
	PangoLayout *l;

	sb_init(&sb);
	sb_appendf(&sb, D_("%s（续）"), p->d->title ? p->d->title : "");
	if (p->part_name)
		sb_appendf(&sb, "　%s", p->part_name);
	if (p->d->case_number)
		sb_appendf(&sb, D_("　办件编号：%s"), p->d->case_number);
	else if (p->d->number)
		sb_appendf(&sb, "　%s", p->d->number);
	l = sb.oom ? NULL : pr_layout(p, FONT_TINY, sb.buf, p->w);
	sb_free(&sb);
	if (!l)
		return;
	cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.3);
	pr_draw_line(p, l, 0, p->x0, p->y, PITCH_TINY);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	g_object_unref(l);
	p->y += PITCH_TINY + 6;
}

/* Ends the page (footer) and shows it. */
static void pr_end_page(struct pr *p)
{
	pr_footer(p);
	cairo_show_page(p->cr);
	p->total_pages++;
	if (p->part < PR_MAX_PARTS)
		p->counted[p->part] = p->page;
}

void pr_new_page(struct pr *p)
{
	pr_end_page(p);
	p->page++;
	p->y = p->top;
	pr_running_head(p);
	p->page_top = p->y;
}

/* ---- the head of each part ------------------------------------------------- */

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

/* One line of text in font, centred (align 1) or left (0) in the width
 * w from x, at p->y; moves p->y down by its lines. */
static void pr_head_line(struct pr *p, const char *font, const char *text, double x, double w,
			 int centre, double pitch)
{
	PangoLayout *l = pr_layout(p, font, text, w);

	if (!l)
		return;
	if (centre)
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	pr_draw_lines(p, l, x, p->y, pitch);
	p->y += pango_layout_get_line_count(l) * pitch;
	g_object_unref(l);
}

/* The head of a part's first page: the QR code at the top right, the
 * title, the part's name, the number and the case number. */
static int pr_head(struct pr *p, char *err, size_t errsz)
{
	const struct document *d = p->d;
	double qr = d->qr_text ? PT(QR_MM) : 0, side = qr ? qr + 4 : 0, qr_bottom = p->top;

	p->y = p->top;
	if (d->qr_text) {
		double x = p->x0 + p->w - qr;
		PangoLayout *l;

		if (pr_qr(p, d->qr_text, x, p->top, qr) != 0)
			return yc_seterr(err, errsz, _("无法把进度查询地址“%s”编成二维码（地址太长？）"),
					 d->qr_text);
		l = pr_layout(p, FONT_TINY, D_("扫码查询办理进度"), 0);
		if (l) {
			double cw = pr_layout_width(l), cx = x + (qr - cw) / 2;

			if (cx + cw > p->x0 + p->w)
				cx = p->x0 + p->w - cw;
			pr_draw_lines(p, l, cx, p->top + qr - 3, PITCH_TINY);
			qr_bottom = p->top + qr - 3 + PITCH_TINY;
			g_object_unref(l);
		}
		p->y += 6;
	}
	pr_head_line(p, FONT_TITLE, d->title, p->x0 + side, p->w - 2 * side, 1, PITCH_TITLE);
	if (p->part_name)
		pr_head_line(p, FONT_PART, p->part_name, p->x0 + side, p->w - 2 * side, 1,
			     PITCH_SMALL);
	if (d->number)
		pr_head_line(p, FONT_SMALL, d->number, p->x0 + side, p->w - 2 * side, 1, PITCH_SMALL);
	if (d->case_number) {
		char buf[128];

		snprintf(buf, sizeof buf, D_("办件编号：%s"), d->case_number);
		pr_head_line(p, FONT_SMALL, buf, p->x0, p->w - side, 0, PITCH_SMALL);
	}
	if (p->y < qr_bottom)
		p->y = qr_bottom;
	p->y += 4;
	p->page_top = p->y;
	return 0;
}

/* One pass over the whole document, part by part. */
static int pr_document(struct pr *p, char *err, size_t errsz)
{
	const struct document *d = p->d;
	size_t i = 0;

	cairo_set_source_rgb(p->cr, 0, 0, 0);
	if (d->nblocks > 0 && d->blocks[0].kind == DOC_PART)
		p->part_name = d->blocks[i++].text;
	for (;;) {
		if (pr_head(p, err, errsz) != 0)
			return -1;
		i = pr_blocks(p, i);
		pr_end_page(p);
		if (p->oom || i >= d->nblocks)
			break;
		/* the next part: a sheet of its own */
		assert(d->blocks[i].kind == DOC_PART);
		p->part_name = d->blocks[i++].text;
		p->part++;
		p->page = 1;
	}
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
static int pr_pass(const struct document *d, struct pr_sink *sink, int *part_pages,
		   struct print_result *res, int *counted, char *err, size_t errsz)
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
	p.part_pages = part_pages;
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
		res->pages = p.total_pages;
		res->unknown_glyphs = p.unknown;
	}
	if (rc == 0 && counted)
		memcpy(counted, p.counted, sizeof p.counted);
	return rc;
}

int print_pdf_render(const struct document *d, unsigned char **pdf, size_t *len,
		     struct print_result *res, char *err, size_t errsz)
{
	struct print_result first;
	struct pr_sink sink = { 0 };
	int part_pages[PR_MAX_PARTS] = { 0 };

	*pdf = NULL;
	*len = 0;
	if (pr_pass(d, NULL, NULL, &first, part_pages, err, errsz) != 0)
		return -1;
	if (pr_pass(d, &sink, part_pages, res, NULL, err, errsz) != 0) {
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
