/*
 * document.c — the document model (document.h): kinds, building blocks,
 * numbers and dates, the centre's settings with their defaults, the
 * 一次性告知单 of an item or a bundle (from notice.c, not written twice),
 * and the plain-text form of any document wrapped with textwrap.c for
 * previews and for the text recorded when a document is issued.
 *
 * Everything that goes on paper is Chinese (D_, never gettext); only
 * error messages are translated.  The builders of the case documents are
 * in doc_case.c, doc_decision.c and doc_register.c.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/caseno.h"
#include "yichuang/catalog.h"
#include "yichuang/date.h"
#include "yichuang/document.h"
#include "yichuang/notice.h"
#include "yichuang/textwrap.h"
#include "yichuang/util.h"

/* ---- kinds --------------------------------------------------------------- */

#define DOC_KIND_NAME(e, name, title) name,
static const char *const doc_kind_names[] = { DOC_KINDS(DOC_KIND_NAME) };
#undef DOC_KIND_NAME
#define DOC_KIND_TITLE(e, name, title) N_(title),
static const char *const doc_kind_titles[] = { DOC_KINDS(DOC_KIND_TITLE) };
#undef DOC_KIND_TITLE

/* The short word of each kind's document number (受字〔2026〕...号). */
static const char *const doc_kind_prefix[DOC_KIND_COUNT] = {
	[DOC_ACCEPTANCE] = D_("受字"),
	[DOC_CORRECTION] = D_("补字"),
	[DOC_REJECTION] = D_("不受字"),
	[DOC_ONETIME] = D_("告字"),
	[DOC_HANDOVER] = D_("交字"),
	[DOC_RESULT_HANDOVER] = D_("出字"),
	[DOC_SERVICE_RECEIPT] = D_("送字"),
	[DOC_EXTENSION] = D_("延字"),
	[DOC_SPECIAL] = D_("特字"),
	[DOC_DENIAL] = D_("不许字"),
};

const char *doc_kind_name(enum doc_kind k)
{
	return (unsigned)k < DOC_KIND_COUNT ? doc_kind_names[k] : "";
}

const char *doc_kind_title(enum doc_kind k)
{
	return (unsigned)k < DOC_KIND_COUNT ? _(doc_kind_titles[k]) : "";
}

const char *doc_kind_doc_title(enum doc_kind k)
{
	/* the msgid is the Chinese title */
	return (unsigned)k < DOC_KIND_COUNT ? doc_kind_titles[k] : "";
}

int doc_kind_from_name(const char *name)
{
	for (int k = 0; name && k < DOC_KIND_COUNT; k++)
		if (strcmp(name, doc_kind_names[k]) == 0)
			return k;
	return -1;
}

/* ---- building ------------------------------------------------------------ */

void doc_init(struct document *d, enum doc_kind kind)
{
	memset(d, 0, sizeof *d);
	d->kind = kind;
	d->title = yc_strdup(doc_kind_doc_title(kind));
	if (!d->title)
		d->oom = 1;
}

static void doc_block_free(struct doc_block *b)
{
	free(b->label);
	free(b->text);
	for (size_t i = 0; i < b->ncells; i++)
		free(b->cells[i]);
	free(b->cells);
}

void doc_free(struct document *d)
{
	for (size_t i = 0; i < d->nblocks; i++)
		doc_block_free(&d->blocks[i]);
	free(d->blocks);
	free(d->title);
	free(d->number);
	free(d->case_number);
	free(d->qr_text);
	free(d->date);
	memset(d, 0, sizeof *d);
}

/* Room for one more block, zeroed; NULL (d->oom set) when out of memory. */
static struct doc_block *doc_grow(struct document *d)
{
	struct doc_block *v;

	if (d->oom)
		return NULL;
	v = realloc(d->blocks, (d->nblocks + 1) * sizeof *v);
	if (!v) {
		d->oom = 1;
		return NULL;
	}
	d->blocks = v;
	memset(&v[d->nblocks], 0, sizeof v[d->nblocks]);
	return &v[d->nblocks];
}

struct doc_block *doc_add(struct document *d, enum doc_block_kind kind,
			  const char *label, const char *text)
{
	struct doc_block *b = doc_grow(d);

	if (!b)
		return NULL;
	b->kind = kind;
	b->label = label ? yc_strdup(label) : NULL;
	b->text = yc_strdup(text ? text : "");
	if ((label && !b->label) || !b->text) {
		doc_block_free(b);
		d->oom = 1;
		return NULL;
	}
	d->nblocks++;
	return b;
}

struct doc_block *doc_addf(struct document *d, enum doc_block_kind kind,
			   const char *label, const char *fmt, ...)
{
	struct doc_block *b = NULL;
	va_list ap;
	int len;
	char *text;

	if (d->oom)
		return NULL;
	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	text = len >= 0 ? malloc((size_t)len + 1) : NULL;
	if (!text) {
		d->oom = 1;
		return NULL;
	}
	va_start(ap, fmt);
	vsnprintf(text, (size_t)len + 1, fmt, ap);
	va_end(ap);
	b = doc_add(d, kind, label, text);
	free(text);
	return b;
}

struct doc_block *doc_add_row(struct document *d, enum doc_block_kind kind,
			      const char *const *cells, size_t n)
{
	struct doc_block *b = doc_grow(d);

	assert(kind == DOC_ROW || kind == DOC_HEADER_ROW);
	if (!b)
		return NULL;
	b->kind = kind;
	b->cells = calloc(n ? n : 1, sizeof *b->cells);
	if (!b->cells) {
		d->oom = 1;
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		b->cells[i] = yc_strdup(cells[i] ? cells[i] : "");
		if (!b->cells[i]) {
			b->ncells = i;
			doc_block_free(b);
			d->oom = 1;
			return NULL;
		}
	}
	b->ncells = n;
	d->nblocks++;
	return b;
}

/* ---- numbers, dates, settings ------------------------------------------- */

int doc_number(enum doc_kind kind, const char *case_number, char *buf, size_t bufsz,
	       char *err, size_t errsz)
{
	struct caseno no;
	char why[YC_ERRSZ];

	assert((unsigned)kind < DOC_KIND_COUNT);
	if (!case_number || caseno_parse(case_number, &no, why, sizeof why) != CASENO_OK)
		return yc_seterr(err, errsz, _("办件编号“%s”无效，无法编文书号：%s"),
				 case_number ? case_number : "", case_number ? why : "");
	snprintf(buf, bufsz, D_("%s〔%d〕%s号"), doc_kind_prefix[kind], date_year(no.day),
		 no.text);
	return 0;
}

char *doc_date_text(int day, char *buf, size_t bufsz)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, bufsz, D_("%d年%d月%d日"), y, m, d);
	return buf;
}

int doc_progress_address(const struct doc_settings *s, const char *case_number,
			 char *buf, size_t bufsz, char *err, size_t errsz)
{
	const char *url = s ? s->progress_url : NULL;
	const char *p;
	int found = 0;

	if (!url || !*url)
		return 0;
	for (p = url; (p = strchr(p, '%')) != NULL; p += 2) {
		if (p[1] != 's' || found)
			return yc_seterr(err, errsz,
					 _("设置 doc.progress_url 的值“%s”不可用：应含且只含一个 %%s"
					   "（代表办件编号），不能有其他 %% 符号；"
					   "请用 yichuang setting set doc.progress_url 地址 改正"), url);
		found = 1;
	}
	if (!found)
		return yc_seterr(err, errsz,
				 _("设置 doc.progress_url 的值“%s”不可用：应含一个 %%s（代表办件编号），"
				   "例如 https://zwfw.example.gov.cn/progress/%%s；"
				   "请用 yichuang setting set doc.progress_url 地址 改正"), url);
	p = strstr(url, "%s");
	if ((size_t)snprintf(buf, bufsz, "%.*s%s%s", (int)(p - url), url, case_number,
			     p + 2) >= bufsz)
		return yc_seterr(err, errsz, "%s",
				 _("设置 doc.progress_url 的地址太长：请用 yichuang setting set "
				   "doc.progress_url 地址 改短"));
	return 1;
}

static const char *doc_or(const char *v, const char *dflt)
{
	return v && *v ? v : dflt;
}

const char *doc_setting_centre(const struct doc_settings *s)
{
	return doc_or(s ? s->centre : NULL, D_("政务服务中心"));
}

const char *doc_setting_seal(const struct doc_settings *s)
{
	return doc_or(s ? s->seal : NULL, doc_setting_centre(s));
}

const char *doc_setting_review_body(const struct doc_settings *s)
{
	return doc_or(s ? s->review_body : NULL, D_("本级人民政府"));
}

const char *doc_setting_court(const struct doc_settings *s)
{
	return doc_or(s ? s->court : NULL, D_("有管辖权的人民法院"));
}

/* 1 when s ends with suffix. */
static int doc_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

char *doc_seal_line(const char *seal, char *buf, size_t bufsz)
{
	/* "……专用章" and "……（行政审批专用章）" name the seal already */
	if (doc_ends_with(seal, "章") || doc_ends_with(seal, "章）"))
		snprintf(buf, bufsz, "%s", seal);
	else
		snprintf(buf, bufsz, D_("%s（印章）"), seal);
	utf8_trim_partial(buf);
	return buf;
}

/* ---- the 一次性告知单 of an item or a bundle ----------------------------- */

/* The notice of notice.c as a document: its sections become headings, its
 * lines paragraphs keeping their indents; then phones, seal and date.
 * phone: the item's own consultation phone (NULL: the centre's). */
static int doc_from_notice(struct document *d, const struct notice *n, const char *phone,
			   const struct doc_settings *s, int day, char *err, size_t errsz)
{
	char date[64], seal[512];

	d->date = yc_strdup(doc_date_text(day, date, sizeof date));
	if (!d->date)
		d->oom = 1;
	doc_add(d, DOC_FIELD, D_("出具单位"), doc_setting_centre(s));
	for (size_t i = 0; i < n->nsections; i++) {
		const struct notice_section *sec = &n->sections[i];

		doc_add(d, DOC_HEADING, NULL, sec->title);
		for (size_t k = 0; k < sec->nlines; k++) {
			struct doc_block *b = doc_add(d, DOC_PARA, NULL, sec->lines[k].text);

			if (b) {
				b->indent = sec->lines[k].indent;
				b->hang = sec->lines[k].hang;
			}
		}
	}
	if (!phone && s && s->phone && *s->phone)
		doc_add(d, DOC_FIELD, D_("咨询电话"), s->phone);
	if (s && s->complaint_phone && *s->complaint_phone)
		doc_add(d, DOC_FIELD, D_("投诉电话"), s->complaint_phone);
	doc_add(d, DOC_PARA, NULL,
		D_("以上为办理本事项需要的全部材料和要求，一次告知；按本单备齐材料即可申请，"
		   "窗口不再要求本单以外的材料。"));
	doc_add(d, DOC_SIGNATURE, NULL, doc_seal_line(doc_setting_seal(s), seal, sizeof seal));
	doc_add(d, DOC_SIGNATURE, NULL, date);
	if (d->oom) {
		doc_free(d);
		return yc_seterr(err, errsz, "%s", _("内存不足，无法生成一次性告知单"));
	}
	return 0;
}

int doc_build_item(struct document *d, const struct catalog_item *it,
		   const struct doc_settings *s, int day, char *err, size_t errsz)
{
	struct notice n;
	int rc;

	doc_init(d, DOC_ONETIME);
	if (!it) {
		doc_free(d);
		return yc_seterr(err, errsz, "%s",
				 _("本终端的事项目录里没有这个事项，无法出具一次性告知单；"
				   "请先导入最新的事项目录（yichuang catalog import）"));
	}
	if (notice_build_item(&n, it, err, errsz) != 0) {
		doc_free(d);
		return -1;
	}
	rc = doc_from_notice(d, &n, it->phone, s, day, err, errsz);
	notice_free(&n);
	return rc;
}

int doc_build_bundle(struct document *d, const struct catalog *cat,
		     const struct catalog_bundle *b, const struct doc_settings *s, int day,
		     char *err, size_t errsz)
{
	struct notice n;
	int rc;

	doc_init(d, DOC_ONETIME);
	if (notice_build_bundle(&n, cat, b, err, errsz) != 0) {
		doc_free(d);
		return -1;
	}
	rc = doc_from_notice(d, &n, NULL, s, day, err, errsz);
	notice_free(&n);
	return rc;
}

/* ---- plain text ---------------------------------------------------------- */

/* Appends text wrapped to width after `indent` spaces, continuation lines
 * `hang` columns further in; align 0 left, 1 centred, 2 right. */
static void text_put(struct strbuf *out, const char *text, int width, int indent, int hang,
		     int align)
{
	struct textwrap w;

	if (indent > width / 2)
		indent = width / 2;
	if (hang > (width - indent) / 2)
		hang = 0;
	textwrap_init(&w);
	if (textwrap_append(&w, text, width - indent, hang) != 0)
		out->oom = 1;
	for (size_t i = 0; i < w.n; i++) {
		int pad = indent, lw = utf8_width(w.lines[i]);

		if (align == 1 && lw < width)
			pad = (width - lw) / 2;
		else if (align == 2 && lw < width)
			pad = width - lw;
		sb_appendf(out, "%*s%s\n", pad, "", w.lines[i]);
	}
	textwrap_free(&w);
}

/* Columns a cell needs at least: its longest run of Latin letters and
 * digits (a number or code is never broken), or one Chinese character. */
static int text_min_width(const char *s)
{
	int best = 2, run = 0;

	for (const char *p = s; *p; p++) {
		if ((unsigned char)*p > ' ' && (unsigned char)*p < 0x7f) {
			run++;
			if (run > best)
				best = run;
		} else {
			run = 0;
		}
	}
	return best;
}

/* Column widths of the table rows blocks[from..to), fitted into width
 * (two columns between cells): the widest column that can still give way
 * does, down to what its cells need at least. */
static void text_table_widths(const struct document *d, size_t from, size_t to, int width,
			      int *cw, size_t ncol)
{
	int total, min[16];

	for (size_t c = 0; c < ncol; c++)
		cw[c] = min[c] = 2;
	for (size_t i = from; i < to; i++)
		for (size_t c = 0; c < d->blocks[i].ncells && c < ncol; c++) {
			int w = utf8_width(d->blocks[i].cells[c]);
			int m = text_min_width(d->blocks[i].cells[c]);

			if (w > cw[c])
				cw[c] = w;
			if (m > min[c])
				min[c] = m;
		}
	for (;;) {
		size_t widest = ncol;

		total = 2 * ((int)ncol - 1);
		for (size_t c = 0; c < ncol; c++) {
			total += cw[c];
			if (cw[c] > min[c] && cw[c] > 4 && (widest == ncol || cw[c] > cw[widest]))
				widest = c;
		}
		if (total <= width || widest == ncol)
			break;
		cw[widest]--;
	}
	/* still too wide: codes are broken too, rather than the line */
	while (total > width) {
		size_t widest = 0;

		for (size_t c = 1; c < ncol; c++)
			if (cw[c] > cw[widest])
				widest = c;
		if (cw[widest] <= 4)
			break;
		cw[widest]--;
		total--;
	}
}

/* One table row: each cell wrapped in its column, cells side by side. */
static void text_row(struct strbuf *out, const struct doc_block *b, const int *cw, size_t ncol)
{
	struct textwrap w[16];
	size_t n = ncol < 16 ? ncol : 16, rows = 0;

	for (size_t c = 0; c < n; c++) {
		textwrap_init(&w[c]);
		if (textwrap_append(&w[c], c < b->ncells ? b->cells[c] : "", cw[c], 0) != 0)
			out->oom = 1;
		if (w[c].n > rows)
			rows = w[c].n;
	}
	for (size_t r = 0; r < rows; r++) {
		struct strbuf line;

		sb_init(&line);
		for (size_t c = 0; c < n; c++) {
			const char *s = r < w[c].n ? w[c].lines[r] : "";

			sb_appendf(&line, "%s%s", c ? "  " : "", s);
			if (c + 1 < n)
				sb_appendf(&line, "%*s", cw[c] - utf8_width(s), "");
		}
		while (line.len > 0 && line.buf[line.len - 1] == ' ')
			line.buf[--line.len] = '\0';
		sb_appendf(out, "%s\n", line.buf ? line.buf : "");
		if (line.oom)
			out->oom = 1;
		sb_free(&line);
	}
	for (size_t c = 0; c < n; c++)
		textwrap_free(&w[c]);
}

/* The tear line: dashes across the width with the part's name inside. */
static void text_cut(struct strbuf *out, const char *text, int width)
{
	int tw = text && *text ? utf8_width(text) + 2 : 0;
	int left = (width - tw) / 2, right = width - tw - left;

	for (int i = 0; i < left; i++)
		sb_append(out, i % 2 ? " " : "-");
	if (tw)
		sb_appendf(out, " %s ", text);
	for (int i = 0; i < right; i++)
		sb_append(out, (left + tw + i) % 2 ? " " : "-");
	while (out->len > 0 && out->buf[out->len - 1] == ' ')
		out->buf[--out->len] = '\0';
	sb_append(out, "\n");
}

/* The head of a document (or of one of its parts): title, the part's
 * name, number, case number and progress address. */
static void text_head(struct strbuf *out, const struct document *d, const char *part, int width)
{
	text_put(out, d->title ? d->title : "", width, 0, 0, 1);
	if (part)
		text_put(out, part, width, 0, 0, 1);
	if (d->number)
		text_put(out, d->number, width, 0, 0, 2);
	if (d->case_number) {
		char line[128];

		snprintf(line, sizeof line, D_("办件编号：%s"), d->case_number);
		text_put(out, line, width, 0, 0, 0);
	}
	if (d->qr_text) {
		struct strbuf l;

		sb_init(&l);
		sb_appendf(&l, D_("进度查询：%s"), d->qr_text);
		text_put(out, l.buf ? l.buf : "", width, 0, utf8_width(D_("进度查询：")), 0);
		if (l.oom)
			out->oom = 1;
		sb_free(&l);
	}
}

char *doc_text(const struct document *d, int width)
{
	struct strbuf out;
	int item_no = 0;
	size_t i = 0;

	if (width < 20)
		width = 20;
	sb_init(&out);
	if (d->nblocks > 0 && d->blocks[0].kind == DOC_PART)
		text_head(&out, d, d->blocks[i++].text, width);
	else
		text_head(&out, d, NULL, width);
	for (; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];

		if (b->kind != DOC_ITEM)
			item_no = 0;
		switch (b->kind) {
		case DOC_HEADING:
			sb_append(&out, "\n");
			text_put(&out, b->text, width, b->indent, 0, 0);
			break;
		case DOC_PARA:
			text_put(&out, b->text, width, b->indent, b->hang, 0);
			break;
		case DOC_FIELD: {
			struct strbuf l;

			sb_init(&l);
			sb_appendf(&l, "%s：%s", b->label ? b->label : "", b->text);
			text_put(&out, l.buf ? l.buf : "", width, b->indent,
				 utf8_width(b->label ? b->label : "") + 2, 0);
			if (l.oom)
				out.oom = 1;
			sb_free(&l);
			break;
		}
		case DOC_ITEM: {
			char num[16];
			struct strbuf l;

			snprintf(num, sizeof num, "%d. ", ++item_no);
			sb_init(&l);
			sb_appendf(&l, "%s%s", num, b->text);
			text_put(&out, l.buf ? l.buf : "", width, b->indent, (int)strlen(num), 0);
			if (l.oom)
				out.oom = 1;
			sb_free(&l);
			break;
		}
		case DOC_ROW:
		case DOC_HEADER_ROW: {
			size_t to = i, ncol = 0;
			int cw[16];

			while (to < d->nblocks && (d->blocks[to].kind == DOC_ROW ||
						   d->blocks[to].kind == DOC_HEADER_ROW)) {
				if (d->blocks[to].ncells > ncol)
					ncol = d->blocks[to].ncells;
				to++;
			}
			if (ncol > 16)
				ncol = 16;
			text_table_widths(d, i, to, width, cw, ncol);
			for (size_t r = i; r < to; r++)
				text_row(&out, &d->blocks[r], cw, ncol);
			i = to - 1;
			break;
		}
		case DOC_SIGNATURE:
			if (i == 0 || d->blocks[i - 1].kind != DOC_SIGNATURE)
				sb_append(&out, "\n");
			text_put(&out, b->text, width, 0, 0, 2);
			break;
		case DOC_PART:
			/* the parts are torn apart along this line */
			sb_append(&out, "\n");
			text_cut(&out, D_("沿此线撕开"), width);
			sb_append(&out, "\n");
			text_head(&out, d, b->text, width);
			break;
		}
	}
	if (out.oom) {
		sb_free(&out);
		return NULL;
	}
	return sb_take(&out);
}
