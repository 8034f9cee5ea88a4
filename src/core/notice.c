/*
 * notice.c — the 一次告知单 built from the catalog (see notice.h), and its
 * layout to a width in display columns.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/catalog.h"
#include "yichuang/notice.h"
#include "yichuang/textwrap.h"
#include "yichuang/util.h"

/* A notice being built; `oom` is set once an allocation failed, after
 * which nothing more is added. */
struct builder {
	struct notice *n;
	struct notice_section *sec;	/* the section lines go to */
	int oom;
};

void notice_init(struct notice *n)
{
	memset(n, 0, sizeof *n);
}

void notice_free(struct notice *n)
{
	for (size_t i = 0; i < n->nsections; i++) {
		struct notice_section *s = &n->sections[i];

		for (size_t k = 0; k < s->nlines; k++)
			free(s->lines[k].text);
		free(s->lines);
		free(s->title);
	}
	free(n->sections);
	free(n->title);
	free(n->subject);
	notice_init(n);
}

/* Starts a section; later lines go to it. */
static void section(struct builder *b, const char *title)
{
	struct notice_section *v;

	if (b->oom)
		return;
	v = realloc(b->n->sections, (b->n->nsections + 1) * sizeof *v);
	if (!v) {
		b->oom = 1;
		return;
	}
	b->n->sections = v;
	b->sec = &v[b->n->nsections];
	memset(b->sec, 0, sizeof *b->sec);
	b->sec->title = yc_strdup(title);
	b->n->nsections++;
	if (!b->sec->title)
		b->oom = 1;
}

/* Columns of a leading "标签：" (at most eight characters before the
 * colon), so that a wrapped value lines up after its label; 0 if none. */
static int label_width(const char *s)
{
	const char *colon = strstr(s, "：");
	char *label;
	int w;

	if (!colon || colon - s > 8 * 3)
		return 0;
	label = yc_strndup(s, (size_t)(colon - s) + strlen("："));
	if (!label)
		return 0;
	w = utf8_width(label);
	free(label);
	return w;
}

/* Adds a line to the current section.  A line with no hang of its own
 * that starts with a label hangs under the label's value. */
static void YC_PRINTF(4, 5) line(struct builder *b, int indent, int hang, const char *fmt, ...)
{
	struct notice_line *v;
	va_list ap, ap2;
	char *text = NULL;
	int len;

	if (b->oom)
		return;
	assert(b->sec);
	va_start(ap, fmt);
	va_copy(ap2, ap);
	len = vsnprintf(NULL, 0, fmt, ap);
	if (len >= 0) {
		text = malloc((size_t)len + 1);
		if (text)
			vsnprintf(text, (size_t)len + 1, fmt, ap2);
	}
	va_end(ap2);
	va_end(ap);
	v = text ? realloc(b->sec->lines, (b->sec->nlines + 1) * sizeof *v) : NULL;
	if (!v) {
		free(text);
		b->oom = 1;
		return;
	}
	b->sec->lines = v;
	if (hang == 0)
		hang = label_width(text);
	v[b->sec->nlines].text = text;
	v[b->sec->nlines].indent = indent;
	v[b->sec->nlines].hang = hang;
	b->sec->nlines++;
}

/* Columns of a leading list marker such as "1. ", "2、" or "（3）", so that
 * a wrapped entry lines up under its text; 0 when there is none. */
static int marker_width(const char *s)
{
	const char *p = s;

	while (*p >= '0' && *p <= '9')
		p++;
	if (p == s)
		return 0;
	if (p[0] == '.' && p[1] == ' ')
		return (int)(p - s) + 2;
	if (p[0] == '.')
		return (int)(p - s) + 1;
	if (strncmp(p, "、", strlen("、")) == 0)
		return (int)(p - s) + 2;
	return 0;
}

/* Adds multi-line text, one notice line per line of text. */
static void paragraphs(struct builder *b, int indent, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *one = yc_strndup(p, len);

		if (!one) {
			b->oom = 1;
			return;
		}
		if (*yc_trim(one))
			line(b, indent, marker_width(yc_trim(one)), "%s", yc_trim(one));
		free(one);
		if (!nl)
			break;
		p = nl + 1;
	}
}

/* "10 工作日"; a legal limit of 0 means the law sets none, a promised
 * limit of 0 that the item is settled on the spot (as `catalog show`). */
static const char *limit_text(char *buf, size_t bufsz, int value, enum limit_unit unit, int legal)
{
	if (value == 0)
		snprintf(buf, bufsz, "%s", legal ? _("未规定") : _("当场办结"));
	else
		snprintf(buf, bufsz, "%d %s", value, catalog_unit_name(unit));
	return buf;
}

/* "纸质、电子". */
static const char *form_text(char *buf, size_t bufsz, unsigned form)
{
	snprintf(buf, bufsz, "%s%s%s", form & FORM_PAPER ? _("纸质") : "",
		 (form & FORM_PAPER) && (form & FORM_ELECTRONIC) ? "、" : "",
		 form & FORM_ELECTRONIC ? _("电子") : "");
	if (!buf[0])
		snprintf(buf, bufsz, "%s", _("未载明"));
	return buf;
}

/* "原件 1 份，复印件 2 份"; "" when neither is asked for. */
static const char *counts_text(char *buf, size_t bufsz, const struct catalog_material *m)
{
	char o[48] = "", c[48] = "";

	if (m->originals > 0)
		snprintf(o, sizeof o, _("原件 %d 份"), m->originals);
	if (m->copies > 0)
		snprintf(c, sizeof c, _("复印件 %d 份"), m->copies);
	snprintf(buf, bufsz, "%s%s%s", o, o[0] && c[0] ? "，" : "", c);
	return buf;
}

/* The situations of an item that name material id in enables (want=1) or
 * disables (want=0), as "甲、乙"; "" when none. */
static void situations_naming(const struct catalog_item *it, const char *id, int want,
			      char *buf, size_t bufsz)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < it->nsituations; i++) {
		const struct catalog_situation *s = &it->situations[i];
		char **v = want ? s->enables : s->disables;
		size_t nv = want ? s->nenables : s->ndisables;

		for (size_t k = 0; k < nv; k++)
			if (strcmp(v[k], id) == 0) {
				int w = snprintf(buf + o, bufsz - o, "%s%s", o ? "、" : "", s->label);

				if (w > 0 && (size_t)w < bufsz - o)
					o += (size_t)w;
				break;
			}
	}
}

/* One material: a numbered first line, then its details under it. */
static void material(struct builder *b, const struct catalog_item *it,
		     const struct catalog_material *m, size_t no, int indent)
{
	char num[32], form[64], counts[128], sit[512];
	int sub;

	snprintf(num, sizeof num, "%zu. ", no);
	sub = indent + (int)strlen(num);
	line(b, indent, (int)strlen(num), "%s%s【%s】", num, m->name, catalog_need_name(m->need));
	counts_text(counts, sizeof counts, m);
	form_text(form, sizeof form, m->form);
	if (m->source == SOURCE_DEPARTMENT) {
		line(b, sub, 0, _("形式：%s"), form);
		if (counts[0])
			line(b, sub, 0, _("来源：政府部门核发，窗口从电子证照库调取，申请人无需携带（无法调取时提供%s）"),
			     counts);
		else
			line(b, sub, 0, "%s", _("来源：政府部门核发，窗口从电子证照库调取，申请人无需携带"));
	} else {
		if (counts[0])
			line(b, sub, 0, _("形式：%s；%s"), form, counts);
		else
			line(b, sub, 0, _("形式：%s"), form);
		line(b, sub, 0, _("来源：%s"), catalog_source_name(m->source));
	}
	if (m->issuer)
		line(b, sub, 0, _("出具单位：%s"), m->issuer);
	if (m->need == NEED_DEFERRABLE)
		line(b, sub, 0, _("容缺后补：可先受理，自受理之日起 %d 个工作日内补交"), m->deferral_days);
	situations_naming(it, m->id, 1, sit, sizeof sit);
	if (sit[0])
		line(b, sub, 0, _("仅在以下情形提交：%s"), sit);
	situations_naming(it, m->id, 0, sit, sizeof sit);
	if (sit[0])
		line(b, sub, 0, _("以下情形免交：%s"), sit);
	if (m->standard)
		line(b, sub, 0, _("受理标准：%s"), m->standard);
	if (m->blank_form)
		line(b, sub, 0, _("空白表格：%s"), m->blank_form);
	if (m->sample)
		line(b, sub, 0, _("示例样表：%s"), m->sample);
	if (m->basis)
		line(b, sub, 0, _("依据：%s"), m->basis);
}

/* The limits of an item. */
static void limits(struct builder *b, const struct catalog_item *it, int indent)
{
	char buf[64];

	line(b, indent, 0, _("法定办结时限：%s"),
	     limit_text(buf, sizeof buf, it->legal_limit, it->legal_unit, 1));
	line(b, indent, 0, _("承诺办结时限：%s"),
	     limit_text(buf, sizeof buf, it->promised_limit, it->promised_unit, 0));
	line(b, indent, 0, _("办件类型：%s"), catalog_kind_name(it->kind));
}

/* The fees of an item: 不收费, or the standard and its basis; `labelled`
 * when the lines stand outside a 收费 section. */
static void fees(struct builder *b, const struct catalog_item *it, int indent, int labelled)
{
	if (!it->fee) {
		line(b, indent, 0, "%s", labelled ? _("收费：不收费") : _("不收费"));
		return;
	}
	line(b, indent, 0, _("收费标准：%s"), it->fee_desc ? it->fee_desc : _("未载明，请向窗口咨询"));
	line(b, indent, 0, _("收费依据：%s"), it->fee_basis ? it->fee_basis : _("未载明"));
}

int notice_build_item(struct notice *n, const struct catalog_item *it,
		      char *err, size_t errsz)
{
	struct builder b = { .n = n };

	notice_init(n);
	n->title = yc_strdup(_("一次告知单"));
	n->subject = yc_strdup(it->name);
	if (!n->title || !n->subject)
		b.oom = 1;

	section(&b, _("事项"));
	line(&b, 0, 0, _("事项名称：%s"), it->name);
	line(&b, 0, 0, _("事项编码：%s"), it->code);
	line(&b, 0, 0, _("实施主体：%s"), it->department);
	line(&b, 0, 0, _("事项类型：%s"), catalog_type_name(it->type));

	section(&b, _("受理条件"));
	if (it->conditions && *it->conditions)
		paragraphs(&b, 0, it->conditions);
	else
		line(&b, 0, 0, "%s", _("无特别条件"));

	{
		char title[64];

		snprintf(title, sizeof title, _("申请材料（共 %zu 项）"), it->nmaterials);
		section(&b, title);
	}
	for (size_t i = 0; i < it->nmaterials; i++)
		material(&b, it, &it->materials[i], i + 1, 0);
	if (it->nmaterials == 0)
		line(&b, 0, 0, "%s", _("无需提交材料"));

	section(&b, _("办理时限"));
	limits(&b, it, 0);

	section(&b, _("收费"));
	fees(&b, it, 0, 0);

	if (it->place || it->hours || it->phone) {
		section(&b, _("办理地点、时间和咨询电话"));
		if (it->place)
			line(&b, 0, 0, _("办理地点：%s"), it->place);
		if (it->hours)
			line(&b, 0, 0, _("办理时间：%s"), it->hours);
		if (it->phone)
			line(&b, 0, 0, _("咨询电话：%s"), it->phone);
	}

	section(&b, _("办理结果"));
	line(&b, 0, 0, _("结果名称：%s"), it->result ? it->result : _("未载明"));
	if (it->visits > 0)
		line(&b, 0, 0, _("到办事现场次数：%d 次"), it->visits);
	if (it->express)
		line(&b, 0, 0, "%s", _("结果可选择邮寄送达"));

	if (it->legal_basis) {
		section(&b, _("设定依据"));
		paragraphs(&b, 0, it->legal_basis);
	}
	if (b.oom) {
		notice_free(n);
		return yc_seterr(err, errsz, "%s", _("内存不足，无法生成一次告知单"));
	}
	return 0;
}

int notice_build_bundle(struct notice *n, const struct catalog *cat,
			const struct catalog_bundle *bd, char *err, size_t errsz)
{
	struct builder b = { .n = n };
	char buf[64], title[256];

	notice_init(n);
	n->title = yc_strdup(_("一次告知单"));
	n->subject = yc_strdup(bd->name);
	if (!n->title || !n->subject)
		b.oom = 1;

	section(&b, _("一件事"));
	line(&b, 0, 0, _("名称：%s"), bd->name);
	line(&b, 0, 0, _("编码：%s"), bd->code);
	line(&b, 0, 0, _("牵头部门：%s"), bd->lead_department);
	line(&b, 0, 0, _("承诺办结时限：%s"),
	     limit_text(buf, sizeof buf, bd->promised_limit, bd->promised_unit, 0));
	if (bd->description)
		paragraphs(&b, 0, bd->description);

	snprintf(title, sizeof title, _("包含事项（共 %zu 项）"), bd->nitems);
	section(&b, title);
	for (size_t i = 0; i < bd->nitems; i++) {
		const struct catalog_item *it = catalog_find_item(cat, bd->items[i]);
		char num[32];

		snprintf(num, sizeof num, "%zu. ", i + 1);
		if (it)
			line(&b, 0, (int)strlen(num), "%s%s（%s）", num, it->name, it->department);
		else
			line(&b, 0, (int)strlen(num), _("%s%s（目录中没有这个事项，请联系管理员）"),
			     num, bd->items[i]);
	}

	for (size_t i = 0; i < bd->nitems; i++) {
		const struct catalog_item *it = catalog_find_item(cat, bd->items[i]);

		if (!it)
			continue;
		snprintf(title, sizeof title, _("事项 %zu：%s"), i + 1, it->name);
		section(&b, title);
		line(&b, 0, 0, _("事项编码：%s"), it->code);
		line(&b, 0, 0, _("实施主体：%s"), it->department);
		limits(&b, it, 0);
		fees(&b, it, 0, 1);
		line(&b, 0, 0, "%s", _("受理条件："));
		if (it->conditions && *it->conditions)
			paragraphs(&b, 2, it->conditions);
		else
			line(&b, 2, 0, "%s", _("无特别条件"));
		line(&b, 0, 0, _("申请材料（共 %zu 项）："), it->nmaterials);
		for (size_t k = 0; k < it->nmaterials; k++)
			material(&b, it, &it->materials[k], k + 1, 2);
		line(&b, 0, 0, _("办理结果：%s"), it->result ? it->result : _("未载明"));
	}
	if (b.oom) {
		notice_free(n);
		return yc_seterr(err, errsz, "%s", _("内存不足，无法生成一次告知单"));
	}
	return 0;
}

/* Appends `s` wrapped to width after `indent` spaces, continuation lines
 * indented by indent + hang. */
static int put_wrapped(struct textwrap *out, const char *s, int width, int indent, int hang)
{
	struct textwrap w;
	int rc;

	if (indent >= width - 2)
		indent = 0;
	textwrap_init(&w);
	rc = textwrap_append(&w, s, width - indent, hang);
	for (size_t i = 0; rc == 0 && i < w.n; i++) {
		struct strbuf sb;

		sb_init(&sb);
		sb_appendf(&sb, "%*s%s", indent, "", w.lines[i]);
		if (sb.oom)
			rc = -1;
		else
			rc = textwrap_push(out, sb.buf);
		sb_free(&sb);
	}
	textwrap_free(&w);
	return rc;
}

int notice_layout(const struct notice *n, int width, struct textwrap *out)
{
	char head[512];

	snprintf(head, sizeof head, "%s：%s", n->title ? n->title : "", n->subject ? n->subject : "");
	if (put_wrapped(out, head, width, 0, 0) != 0)
		return -1;
	for (size_t i = 0; i < n->nsections; i++) {
		const struct notice_section *s = &n->sections[i];

		snprintf(head, sizeof head, "【%s】", s->title);
		if (textwrap_push(out, "") != 0 || put_wrapped(out, head, width, 0, 0) != 0)
			return -1;
		for (size_t k = 0; k < s->nlines; k++) {
			const struct notice_line *l = &s->lines[k];

			if (put_wrapped(out, l->text, width, 2 + l->indent, l->hang) != 0)
				return -1;
		}
	}
	return 0;
}
