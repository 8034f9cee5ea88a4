/*
 * catalog.c — the item catalog's model: releasing it, looking things up,
 * the display names of its enumerations, diagnostics, and the checks that
 * span files (catalog_validate).  The text parser is in catalog_parse.c.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/catalog.h"
#include "yichuang/util.h"
#include "catalog_int.h"

void catalog_init(struct catalog *cat)
{
	memset(cat, 0, sizeof *cat);
}

/* Frees an array of n strings and the array itself. */
static void free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void catalog_field_clear(struct catalog_field *f)
{
	free(f->key);
	free(f->label);
	free_strv(f->choices, f->nchoices);
	free(f->help);
	memset(f, 0, sizeof *f);
}

void catalog_material_clear(struct catalog_material *m)
{
	free(m->id);
	free(m->name);
	free(m->issuer);
	free(m->standard);
	free(m->basis);
	free(m->blank_form);
	free(m->sample);
	memset(m, 0, sizeof *m);
}

void catalog_situation_clear(struct catalog_situation *s)
{
	free(s->id);
	free(s->label);
	free_strv(s->enables, s->nenables);
	free_strv(s->disables, s->ndisables);
	memset(s, 0, sizeof *s);
}

void catalog_item_clear(struct catalog_item *it)
{
	char **strs[] = {
		&it->code, &it->basic_code, &it->name, &it->short_name,
		&it->pinyin, &it->department, &it->dept_code, &it->fee_desc,
		&it->fee_basis, &it->result, &it->conditions, &it->legal_basis,
		&it->place, &it->hours, &it->phone, &it->version, &it->file,
	};

	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		free(*strs[i]);
	for (size_t i = 0; i < it->nfields; i++)
		catalog_field_clear(&it->fields[i]);
	free(it->fields);
	for (size_t i = 0; i < it->nmaterials; i++)
		catalog_material_clear(&it->materials[i]);
	free(it->materials);
	for (size_t i = 0; i < it->nsituations; i++)
		catalog_situation_clear(&it->situations[i]);
	free(it->situations);
	memset(it, 0, sizeof *it);
}

void catalog_bundle_clear(struct catalog_bundle *b)
{
	free(b->code);
	free(b->name);
	free(b->lead_department);
	free_strv(b->items, b->nitems);
	free(b->description);
	free(b->file);
	memset(b, 0, sizeof *b);
}

void catalog_free(struct catalog *cat)
{
	if (!cat)
		return;
	for (size_t i = 0; i < cat->nitems; i++)
		catalog_item_clear(&cat->items[i]);
	free(cat->items);
	for (size_t i = 0; i < cat->nbundles; i++)
		catalog_bundle_clear(&cat->bundles[i]);
	free(cat->bundles);
	catalog_init(cat);
}

void catalog_diags_free(struct catalog_diags *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

int catalog_diag_add(struct catalog_diags *d, const char *file, int line,
		     int warning, const char *fmt, ...)
{
	struct catalog_diag *v;
	va_list ap;
	int n;
	char *msg, *fcopy;

	if (!warning)
		d->nerrors++;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	msg = malloc((size_t)n + 1);
	if (!msg)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	fcopy = yc_strdup(file ? file : "");
	v = realloc(d->v, (d->n + 1) * sizeof *v);
	if (!fcopy || !v) {
		free(msg);
		free(fcopy);
		if (v)
			d->v = v;
		return -1;
	}
	d->v = v;
	v[d->n].file = fcopy;
	v[d->n].line = line;
	v[d->n].warning = warning ? 1 : 0;
	v[d->n].msg = msg;
	d->n++;
	return 0;
}

char *catalog_diag_format(const struct catalog_diag *d, char *buf, size_t bufsz)
{
	const char *warn = d->warning ? _("警告: ") : "";

	assert(buf && bufsz > 0);
	if (d->line > 0)
		utf8_snprintf(buf, bufsz, "%s:%d: %s%s", d->file, d->line, warn, d->msg);
	else
		utf8_snprintf(buf, bufsz, "%s: %s%s", d->file, warn, d->msg);
	return buf;
}

const struct catalog_item *catalog_find_item(const struct catalog *cat,
					     const char *code)
{
	for (size_t i = 0; i < cat->nitems; i++)
		if (cat->items[i].code && strcmp(cat->items[i].code, code) == 0)
			return &cat->items[i];
	return NULL;
}

const struct catalog_bundle *catalog_find_bundle(const struct catalog *cat,
						 const char *code)
{
	for (size_t i = 0; i < cat->nbundles; i++)
		if (cat->bundles[i].code && strcmp(cat->bundles[i].code, code) == 0)
			return &cat->bundles[i];
	return NULL;
}

const struct catalog_material *catalog_find_material(const struct catalog_item *it,
						     const char *id)
{
	for (size_t i = 0; i < it->nmaterials; i++)
		if (it->materials[i].id && strcmp(it->materials[i].id, id) == 0)
			return &it->materials[i];
	return NULL;
}

const char *catalog_type_name(enum item_type t)
{
	switch (t) {
	case ITEM_TYPE_LICENSE: return _("行政许可");
	case ITEM_TYPE_PENALTY: return _("行政处罚");
	case ITEM_TYPE_ENFORCEMENT: return _("行政强制");
	case ITEM_TYPE_LEVY: return _("行政征收");
	case ITEM_TYPE_PAYMENT: return _("行政给付");
	case ITEM_TYPE_INSPECTION: return _("行政检查");
	case ITEM_TYPE_CONFIRMATION: return _("行政确认");
	case ITEM_TYPE_REWARD: return _("行政奖励");
	case ITEM_TYPE_RULING: return _("行政裁决");
	case ITEM_TYPE_OTHER: return _("其他行政权力");
	case ITEM_TYPE_PUBLIC: return _("公共服务");
	}
	return _("未知");
}

const char *catalog_kind_name(enum item_kind k)
{
	switch (k) {
	case ITEM_INSTANT: return _("即办件");
	case ITEM_PROMISED: return _("承诺件");
	}
	return _("未知");
}

const char *catalog_unit_name(enum limit_unit u)
{
	switch (u) {
	case LIMIT_WORKDAYS: return _("工作日");
	case LIMIT_DAYS: return _("自然日");
	}
	return _("未知");
}

const char *catalog_need_name(enum material_need n)
{
	switch (n) {
	case NEED_REQUIRED: return _("必要");
	case NEED_OPTIONAL: return _("非必要");
	case NEED_DEFERRABLE: return _("容缺后补");
	}
	return _("未知");
}

const char *catalog_source_name(enum material_source s)
{
	switch (s) {
	case SOURCE_SELF: return _("申请人自备");
	case SOURCE_DEPARTMENT: return _("政府部门核发");
	case SOURCE_OTHER: return _("其他");
	}
	return _("未知");
}

const char *catalog_field_type_name(enum field_type t)
{
	switch (t) {
	case FIELD_TEXT: return _("文本");
	case FIELD_DATE: return _("日期");
	case FIELD_CHOICE: return _("选项");
	case FIELD_NUMBER: return _("数字");
	case FIELD_PHONE: return _("电话号码");
	case FIELD_ID: return _("居民身份证号码");
	case FIELD_USCC: return _("统一社会信用代码");
	case FIELD_MONEY: return _("金额");
	}
	return _("未知");
}

/* Where a diagnostic about an item or bundle points: its file, else "?". */
static const char *origin_file(const char *file)
{
	return file ? file : "?";
}

/* Errors for codes defined twice among the items and among the bundles,
 * and for a bundle code that is also an item's (`catalog show CODE`
 * would be ambiguous).  Each duplicate is reported where it is defined
 * again, naming the first definition. */
static int validate_codes(const struct catalog *cat, struct catalog_diags *d)
{
	int nerr = 0;

	for (size_t i = 0; i < cat->nitems; i++) {
		const struct catalog_item *it = &cat->items[i];

		if (!it->code)
			continue;
		for (size_t j = 0; j < i; j++) {
			const struct catalog_item *first = &cat->items[j];

			if (first->code && strcmp(first->code, it->code) == 0) {
				catalog_diag_add(d, origin_file(it->file), it->line, 0,
						 _("事项编码 “%s” 重复：%s:%d 已定义同一编码的事项"),
						 it->code, origin_file(first->file), first->line);
				nerr++;
				break;
			}
		}
	}
	for (size_t i = 0; i < cat->nbundles; i++) {
		const struct catalog_bundle *b = &cat->bundles[i];
		const struct catalog_item *it;

		if (!b->code)
			continue;
		for (size_t j = 0; j < i; j++) {
			const struct catalog_bundle *first = &cat->bundles[j];

			if (first->code && strcmp(first->code, b->code) == 0) {
				catalog_diag_add(d, origin_file(b->file), b->line, 0,
						 _("一件事编码 “%s” 重复：%s:%d 已定义同一编码的一件事"),
						 b->code, origin_file(first->file), first->line);
				nerr++;
				break;
			}
		}
		it = catalog_find_item(cat, b->code);
		if (it) {
			catalog_diag_add(d, origin_file(b->file), b->line, 0,
					 _("一件事编码 “%s” 与 %s:%d 的事项编码相同；编码须各不相同"),
					 b->code, origin_file(it->file), it->line);
			nerr++;
		}
	}
	return nerr;
}

/* 1 when an item listed before position i of the bundle has department
 * dept (so that the list of departments names each once). */
static int dept_listed_before(const struct catalog *cat,
			      const struct catalog_bundle *b, size_t i,
			      const char *dept)
{
	for (size_t j = 0; j < i; j++) {
		const struct catalog_item *it = catalog_find_item(cat, b->items[j]);

		if (it && it->department && strcmp(it->department, dept) == 0)
			return 1;
	}
	return 0;
}

/* Errors for a bundle naming an item that is not loaded, and for a lead
 * department that is none of its items' departments. */
static int validate_bundle(const struct catalog *cat,
			   const struct catalog_bundle *b, struct catalog_diags *d)
{
	const char *file = origin_file(b->file);
	struct strbuf depts;
	int nerr = 0, found = 0, lead_ok = 0;

	sb_init(&depts);
	for (size_t i = 0; i < b->nitems; i++) {
		const struct catalog_item *it = catalog_find_item(cat, b->items[i]);

		if (!it) {
			catalog_diag_add(d, file, b->line, 0,
					 _("一件事 “%s” 的 items 中的 “%s” 不是任何已加载事项的编码"),
					 b->code ? b->code : "", b->items[i]);
			nerr++;
			continue;
		}
		found++;
		if (!it->department)
			continue;
		if (b->lead_department && strcmp(it->department, b->lead_department) == 0)
			lead_ok = 1;
		if (!dept_listed_before(cat, b, i, it->department)) {
			if (depts.len > 0)
				sb_append(&depts, _("、"));
			sb_append(&depts, it->department);
		}
	}
	if (b->lead_department && found > 0 && !lead_ok) {
		catalog_diag_add(d, file, b->line, 0,
				 _("一件事 “%s” 的 lead_department “%s” 不是其事项的实施主体；"
				   "应为以下之一：%s"),
				 b->code ? b->code : "", b->lead_department,
				 depts.buf ? depts.buf : "");
		nerr++;
	}
	sb_free(&depts);
	return nerr;
}

int catalog_validate(const struct catalog *cat, struct catalog_diags *diags)
{
	int nerr = validate_codes(cat, diags);

	for (size_t i = 0; i < cat->nbundles; i++)
		nerr += validate_bundle(cat, &cat->bundles[i], diags);
	return nerr;
}
