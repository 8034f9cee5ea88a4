/*
 * notice.c — the 一次告知单 built from the catalog (see notice.h), and its
 * layout to a width in display columns.  The notice is an official
 * document: its text is Chinese (D_), whatever the interface speaks.
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

/* ---- the catalog's values as written on paper ---------------------------- */

const char *notice_type_text(enum item_type t)
{
	switch (t) {
	case ITEM_TYPE_LICENSE: return D_("行政许可");
	case ITEM_TYPE_PENALTY: return D_("行政处罚");
	case ITEM_TYPE_ENFORCEMENT: return D_("行政强制");
	case ITEM_TYPE_LEVY: return D_("行政征收");
	case ITEM_TYPE_PAYMENT: return D_("行政给付");
	case ITEM_TYPE_INSPECTION: return D_("行政检查");
	case ITEM_TYPE_CONFIRMATION: return D_("行政确认");
	case ITEM_TYPE_REWARD: return D_("行政奖励");
	case ITEM_TYPE_RULING: return D_("行政裁决");
	case ITEM_TYPE_OTHER: return D_("其他行政权力");
	case ITEM_TYPE_PUBLIC: return D_("公共服务");
	}
	return D_("未知");
}

const char *notice_kind_text(enum item_kind k)
{
	switch (k) {
	case ITEM_INSTANT: return D_("即办件");
	case ITEM_PROMISED: return D_("承诺件");
	}
	return D_("未知");
}

const char *notice_unit_text(enum limit_unit u)
{
	switch (u) {
	case LIMIT_WORKDAYS: return D_("工作日");
	case LIMIT_DAYS: return D_("自然日");
	}
	return D_("未知");
}

const char *notice_need_text(enum material_need n)
{
	switch (n) {
	case NEED_REQUIRED: return D_("必要");
	case NEED_OPTIONAL: return D_("非必要");
	case NEED_DEFERRABLE: return D_("容缺后补");
	}
	return D_("未知");
}

const char *notice_source_text(enum material_source s)
{
	switch (s) {
	case SOURCE_SELF: return D_("申请人自备");
	case SOURCE_DEPARTMENT: return D_("政府部门核发");
	case SOURCE_OTHER: return D_("其他");
	}
	return D_("未知");
}

char *notice_limit_text(char *buf, size_t bufsz, int value, enum limit_unit unit)
{
	snprintf(buf, bufsz, D_("%d 个%s"), value, notice_unit_text(unit));
	return buf;
}

/* ---- building ------------------------------------------------------------ */

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

/* "10 个工作日"; a legal limit of 0 means the law sets none, a promised
 * limit of 0 that the item is settled on the spot (as `catalog show`). */
static const char *limit_text(char *buf, size_t bufsz, int value, enum limit_unit unit, int legal)
{
	if (value == 0)
		snprintf(buf, bufsz, "%s", legal ? D_("未规定") : D_("当场办结"));
	else
		notice_limit_text(buf, bufsz, value, unit);
	return buf;
}

/* "纸质、电子". */
static const char *form_text(char *buf, size_t bufsz, unsigned form)
{
	snprintf(buf, bufsz, "%s%s%s", form & FORM_PAPER ? D_("纸质") : "",
		 (form & FORM_PAPER) && (form & FORM_ELECTRONIC) ? "、" : "",
		 form & FORM_ELECTRONIC ? D_("电子") : "");
	if (!buf[0])
		snprintf(buf, bufsz, "%s", D_("未载明"));
	return buf;
}

/* "原件 1 份，复印件 2 份"; "" when neither is asked for. */
static const char *counts_text(char *buf, size_t bufsz, int originals, int copies)
{
	char o[48] = "", c[48] = "";

	if (originals > 0)
		snprintf(o, sizeof o, D_("原件 %d 份"), originals);
	if (copies > 0)
		snprintf(c, sizeof c, D_("复印件 %d 份"), copies);
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

/* How one material is asked for: as the catalog says for one item; for
 * a bundle, once for every item that needs it (the strongest need, the
 * most originals and copies, and which items: "事项 1、3"). */
struct ask {
	const struct catalog_item *it;		/* the first item that needs it */
	const struct catalog_material *m;
	enum material_need need;
	int originals, copies;
	char used[128];				/* "" for one item */
};

/* One material: a numbered first line, then its details under it. */
static void material(struct builder *b, const struct ask *a, size_t no, int indent)
{
	const struct catalog_item *it = a->it;
	const struct catalog_material *m = a->m;
	char num[32], form[64], counts[128], sit[512];
	int sub;

	snprintf(num, sizeof num, "%zu. ", no);
	sub = indent + (int)strlen(num);
	line(b, indent, (int)strlen(num), "%s%s【%s】", num, m->name, notice_need_text(a->need));
	if (a->used[0])
		line(b, sub, 0, D_("用于：%s"), a->used);
	counts_text(counts, sizeof counts, a->originals, a->copies);
	form_text(form, sizeof form, m->form);
	if (m->source == SOURCE_DEPARTMENT) {
		line(b, sub, 0, D_("形式：%s"), form);
		if (counts[0])
			line(b, sub, 0, D_("来源：政府部门核发，窗口从电子证照库调取，申请人无需携带（无法调取时提供%s）"),
			     counts);
		else
			line(b, sub, 0, "%s", D_("来源：政府部门核发，窗口从电子证照库调取，申请人无需携带"));
	} else {
		if (counts[0])
			line(b, sub, 0, D_("形式：%s；%s"), form, counts);
		else
			line(b, sub, 0, D_("形式：%s"), form);
		line(b, sub, 0, D_("来源：%s"), notice_source_text(m->source));
	}
	if (m->issuer)
		line(b, sub, 0, D_("出具单位：%s"), m->issuer);
	if (a->need == NEED_DEFERRABLE)
		line(b, sub, 0, D_("容缺后补：可先受理，自受理之日起 %d 个工作日内补交"), m->deferral_days);
	situations_naming(it, m->id, 1, sit, sizeof sit);
	if (sit[0])
		line(b, sub, 0, D_("仅在以下情形提交：%s"), sit);
	situations_naming(it, m->id, 0, sit, sizeof sit);
	if (sit[0])
		line(b, sub, 0, D_("以下情形免交：%s"), sit);
	if (m->standard)
		line(b, sub, 0, D_("受理标准：%s"), m->standard);
	if (m->blank_form)
		line(b, sub, 0, D_("空白表格：%s"), m->blank_form);
	if (m->sample)
		line(b, sub, 0, D_("示例样表：%s"), m->sample);
	if (m->basis)
		line(b, sub, 0, D_("依据：%s"), m->basis);
}

/* The limits of an item. */
static void limits(struct builder *b, const struct catalog_item *it, int indent)
{
	char buf[64];

	line(b, indent, 0, D_("法定办结时限：%s"),
	     limit_text(buf, sizeof buf, it->legal_limit, it->legal_unit, 1));
	line(b, indent, 0, D_("承诺办结时限：%s"),
	     limit_text(buf, sizeof buf, it->promised_limit, it->promised_unit, 0));
	line(b, indent, 0, D_("办件类型：%s"), notice_kind_text(it->kind));
}

/* The fees of an item: 不收费, or the standard and its basis; `labelled`
 * when the lines stand outside a 收费 section. */
static void fees(struct builder *b, const struct catalog_item *it, int indent, int labelled)
{
	if (!it->fee) {
		line(b, indent, 0, "%s", labelled ? D_("收费：不收费") : D_("不收费"));
		return;
	}
	line(b, indent, 0, D_("收费标准：%s"), it->fee_desc ? it->fee_desc : D_("未载明，请向窗口咨询"));
	line(b, indent, 0, D_("收费依据：%s"), it->fee_basis ? it->fee_basis : D_("未载明"));
}

int notice_build_item(struct notice *n, const struct catalog_item *it,
		      char *err, size_t errsz)
{
	struct builder b = { .n = n };

	notice_init(n);
	n->title = yc_strdup(D_("一次告知单"));
	n->subject = yc_strdup(it->name);
	if (!n->title || !n->subject)
		b.oom = 1;

	section(&b, D_("事项"));
	line(&b, 0, 0, D_("事项名称：%s"), it->name);
	line(&b, 0, 0, D_("事项编码：%s"), it->code);
	line(&b, 0, 0, D_("实施主体：%s"), it->department);
	line(&b, 0, 0, D_("事项类型：%s"), notice_type_text(it->type));

	section(&b, D_("受理条件"));
	if (it->conditions && *it->conditions)
		paragraphs(&b, 0, it->conditions);
	else
		line(&b, 0, 0, "%s", D_("无特别条件"));

	{
		char title[64];

		snprintf(title, sizeof title, D_("申请材料（共 %zu 项）"), it->nmaterials);
		section(&b, title);
	}
	for (size_t i = 0; i < it->nmaterials; i++) {
		const struct catalog_material *m = &it->materials[i];
		struct ask a = { .it = it, .m = m, .need = m->need, .originals = m->originals,
				 .copies = m->copies };

		material(&b, &a, i + 1, 0);
	}
	if (it->nmaterials == 0)
		line(&b, 0, 0, "%s", D_("无需提交材料"));

	section(&b, D_("办理时限"));
	limits(&b, it, 0);

	section(&b, D_("收费"));
	fees(&b, it, 0, 0);

	if (it->place || it->hours || it->phone) {
		section(&b, D_("办理地点、时间和咨询电话"));
		if (it->place)
			line(&b, 0, 0, D_("办理地点：%s"), it->place);
		if (it->hours)
			line(&b, 0, 0, D_("办理时间：%s"), it->hours);
		if (it->phone)
			line(&b, 0, 0, D_("咨询电话：%s"), it->phone);
	}

	section(&b, D_("办理结果"));
	line(&b, 0, 0, D_("结果名称：%s"), it->result ? it->result : D_("未载明"));
	if (it->visits > 0)
		line(&b, 0, 0, D_("到办事现场次数：%d 次"), it->visits);
	if (it->express)
		line(&b, 0, 0, "%s", D_("结果可选择邮寄送达"));

	if (it->legal_basis) {
		section(&b, D_("设定依据"));
		paragraphs(&b, 0, it->legal_basis);
	}
	if (b.oom) {
		notice_free(n);
		return yc_seterr(err, errsz, "%s", _("内存不足，无法生成一次告知单"));
	}
	return 0;
}

/* 1 when need a is stronger than b: 必要 over 容缺后补 over 非必要. */
static int need_stronger(enum material_need a, enum material_need b)
{
	static const int rank[] = { [NEED_REQUIRED] = 3, [NEED_DEFERRABLE] = 2,
				    [NEED_OPTIONAL] = 1 };

	return rank[a] > rank[b];
}

/* Appends "、" and text to buf (or text alone when buf is empty). */
static void list_add(char *buf, size_t bufsz, const char *text)
{
	size_t n = strlen(buf);

	if (n < bufsz)
		snprintf(buf + n, bufsz - n, "%s%s", n ? "、" : "", text);
	utf8_trim_partial(buf);
}

/* The materials of every item of bundle bd found in cat, each once: the
 * same material (by name) asked by several items is supplied once, for
 * all of them.  *out is allocated (NULL and 0 when there are none); -1
 * when out of memory. */
static int bundle_asks(const struct catalog *cat, const struct catalog_bundle *bd,
		       struct ask **out, size_t *n)
{
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < bd->nitems; i++) {
		const struct catalog_item *it = catalog_find_item(cat, bd->items[i]);
		char no[32];

		if (!it)
			continue;
		snprintf(no, sizeof no, D_("事项 %zu"), i + 1);
		for (size_t k = 0; k < it->nmaterials; k++) {
			const struct catalog_material *m = &it->materials[k];
			struct ask *a = NULL;

			for (size_t j = 0; j < *n && !a; j++)
				if (strcmp((*out)[j].m->name, m->name) == 0)
					a = &(*out)[j];
			if (!a) {
				if (*n == cap) {
					struct ask *v = realloc(*out, (cap ? cap * 2 : 16) * sizeof *v);

					if (!v) {
						free(*out);
						*out = NULL;
						*n = 0;
						return -1;
					}
					*out = v;
					cap = cap ? cap * 2 : 16;
				}
				a = &(*out)[(*n)++];
				memset(a, 0, sizeof *a);
				a->it = it;
				a->m = m;
				a->need = m->need;
			}
			if (need_stronger(m->need, a->need))
				a->need = m->need;
			if (m->originals > a->originals)
				a->originals = m->originals;
			if (m->copies > a->copies)
				a->copies = m->copies;
			list_add(a->used, sizeof a->used, no);
		}
	}
	return 0;
}

int notice_build_bundle(struct notice *n, const struct catalog *cat,
			const struct catalog_bundle *bd, char *err, size_t errsz)
{
	struct builder b = { .n = n };
	struct ask *asks = NULL;
	size_t nasks = 0;
	char buf[64], title[256];

	notice_init(n);
	n->title = yc_strdup(D_("一次告知单"));
	n->subject = yc_strdup(bd->name);
	if (!n->title || !n->subject || bundle_asks(cat, bd, &asks, &nasks) != 0)
		b.oom = 1;

	section(&b, D_("一件事"));
	line(&b, 0, 0, D_("名称：%s"), bd->name);
	line(&b, 0, 0, D_("编码：%s"), bd->code);
	line(&b, 0, 0, D_("牵头部门：%s"), bd->lead_department);
	line(&b, 0, 0, D_("承诺办结时限：%s"),
	     limit_text(buf, sizeof buf, bd->promised_limit, bd->promised_unit, 0));
	if (bd->description)
		paragraphs(&b, 0, bd->description);

	snprintf(title, sizeof title, D_("包含事项（共 %zu 项）"), bd->nitems);
	section(&b, title);
	for (size_t i = 0; i < bd->nitems; i++) {
		const struct catalog_item *it = catalog_find_item(cat, bd->items[i]);
		char num[32];

		snprintf(num, sizeof num, "%zu. ", i + 1);
		if (it)
			line(&b, 0, (int)strlen(num), "%s%s（%s）", num, it->name, it->department);
		else
			line(&b, 0, (int)strlen(num), D_("%s%s（目录中没有这个事项，请联系管理员）"),
			     num, bd->items[i]);
	}

	/* every material once: what several items share is supplied once */
	snprintf(title, sizeof title, D_("申请材料（共 %zu 项，各事项共用的材料只需提交一份）"), nasks);
	section(&b, title);
	for (size_t i = 0; i < nasks; i++)
		material(&b, &asks[i], i + 1, 0);
	if (nasks == 0)
		line(&b, 0, 0, "%s", D_("无需提交材料"));

	for (size_t i = 0; i < bd->nitems; i++) {
		const struct catalog_item *it = catalog_find_item(cat, bd->items[i]);
		char nums[256] = "";

		if (!it)
			continue;
		snprintf(title, sizeof title, D_("事项 %zu：%s"), i + 1, it->name);
		section(&b, title);
		line(&b, 0, 0, D_("事项编码：%s"), it->code);
		line(&b, 0, 0, D_("实施主体：%s"), it->department);
		limits(&b, it, 0);
		fees(&b, it, 0, 1);
		line(&b, 0, 0, "%s", D_("受理条件："));
		if (it->conditions && *it->conditions)
			paragraphs(&b, 2, it->conditions);
		else
			line(&b, 2, 0, "%s", D_("无特别条件"));
		for (size_t k = 0; k < it->nmaterials; k++)
			for (size_t j = 0; j < nasks; j++)
				if (strcmp(asks[j].m->name, it->materials[k].name) == 0) {
					char no[32];

					snprintf(no, sizeof no, "%zu", j + 1);
					list_add(nums, sizeof nums, no);
					break;
				}
		if (nums[0])
			line(&b, 0, 0, D_("申请材料：上列第 %s 项"), nums);
		else
			line(&b, 0, 0, "%s", D_("申请材料：无需提交材料"));
		line(&b, 0, 0, D_("办理结果：%s"), it->result ? it->result : D_("未载明"));
	}
	free(asks);
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
