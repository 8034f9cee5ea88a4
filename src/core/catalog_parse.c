/*
 * catalog_parse.c — the parser of the catalog text format: forms/NAME.item
 * and forms/NAME.bundle, documented in yichuang-forms(5).
 *
 * Two layers.  The tokenizer turns lines into sections ([item],
 * [material ID], ...) holding `key = value` entries, with continuation
 * lines merged into their value and line numbers kept.  When a section is
 * complete it is applied to its struct through its table of keys (in
 * catalog_schema.c: name, required, parser, where the value goes), then
 * the section's rules that relate several keys are checked.  Every problem
 * becomes a diagnostic with FILE:LINE and the parse goes on, so that one
 * run reports them all.
 */
#include <assert.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/catalog.h"
#include "yichuang/util.h"
#include "catalog_int.h"

/* A `key = value` line of the section being collected. */
struct entry {
	char *key;
	struct strbuf val;
	int line;
};

/* Lines of a situation's list keys, to point at unknown material ids. */
struct situation_lines {
	int enables;
	int disables;
};

/* The state of parsing one file. */
struct catalog_parser {
	struct catalog *cat;
	struct catalog_diags *diags;
	const char *file;
	int nerr;
	int oom;

	enum catalog_sect file_kind;	/* told by the first section */
	int seen_section;
	int order_reported;		/* "the first section must be [item]" said */

	/* The section being collected. */
	const struct catalog_schema *cur;	/* NULL: none, or its header was bad */
	int cur_scratch;		/* checked, then dropped (a duplicate ...) */
	char *cur_id;
	int cur_line;
	char label[160];
	struct entry *ents;
	size_t nents, capents;
	int cont_ok;			/* the previous line was a key line or a continuation */
	long cont;			/* entry continued by the next line; -1 none */

	/* What the file defines. */
	struct catalog_item item;
	int have_item;
	struct catalog_bundle bundle;
	int have_bundle;
	struct situation_lines *sitlines;	/* parallel to item.situations */
};

/* ---- diagnostics ---------------------------------------------------- */

/* Adds a diagnostic at line of the file being parsed. */
static void pdiag(struct catalog_parser *p, int line, int warning, const char *fmt, va_list ap)
{
	char small[512];
	char *msg = small;
	va_list ap2;
	int n;

	if (!warning)
		p->nerr++;
	va_copy(ap2, ap);
	n = vsnprintf(small, sizeof small, fmt, ap);
	if (n >= (int)sizeof small) {
		msg = malloc((size_t)n + 1);
		if (msg)
			vsnprintf(msg, (size_t)n + 1, fmt, ap2);
	}
	va_end(ap2);
	if (n < 0 || !msg) {
		p->oom = 1;
		if (!warning)
			p->diags->nerrors++;
		return;
	}
	if (catalog_diag_add(p->diags, p->file, line, warning, "%s", msg) != 0)
		p->oom = 1;
	if (msg != small)
		free(msg);
}

void catalog_perr(struct catalog_parser *p, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pdiag(p, line, 0, fmt, ap);
	va_end(ap);
}

void catalog_pwarn(struct catalog_parser *p, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pdiag(p, line, 1, fmt, ap);
	va_end(ap);
}

void catalog_parser_oom(struct catalog_parser *p)
{
	p->oom = 1;
}

/* Orders the diagnostics from index start on by line, keeping the order
 * of those on one line (insertion sort: a file has few). */
static void sort_diags(struct catalog_diags *d, size_t start)
{
	for (size_t i = start + 1; i < d->n; i++) {
		struct catalog_diag x = d->v[i];
		size_t j = i;

		while (j > start && d->v[j - 1].line > x.line) {
			d->v[j] = d->v[j - 1];
			j--;
		}
		d->v[j] = x;
	}
}

/* ---- lexical helpers of the tokenizer ----------------------------- */

/* [a-z_][a-z0-9_]* */
static int valid_key(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* Levenshtein distance of two short ASCII strings (longer: a big number). */
static int edit_distance(const char *a, const char *b)
{
	int row[65], la = (int)strlen(a), lb = (int)strlen(b);

	if (la > 64 || lb > 64)
		return 99;
	for (int j = 0; j <= lb; j++)
		row[j] = j;
	for (int i = 1; i <= la; i++) {
		int diag = row[0], v;

		row[0] = i;
		for (int j = 1; j <= lb; j++) {
			int up = row[j];

			v = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
		}
	}
	return row[lb];
}

/* The closest of n names (stride apart, as in a table of structs whose
 * first member is the name) within edit distance 2 of word, or NULL. */
static const char *suggest(const char *word, const void *table, size_t n, size_t stride)
{
	const char *best = NULL;
	int bestd = 3;

	for (size_t i = 0; i < n; i++) {
		const char *name = *(const char *const *)((const char *)table + i * stride);
		int d = edit_distance(word, name);

		if (d < bestd && d < (int)strlen(name)) {
			best = name;
			bestd = d;
		}
	}
	return best;
}

/* ---- applying a section --------------------------------------------- */

/* Applies the collected entries to the struct at base through the
 * section's schema; st receives what was found. */
static void section_apply(struct catalog_parser *p, const struct catalog_schema *ss,
			  void *base, struct catalog_section_state *st)
{
	assert(ss->nkeys <= CATALOG_MAX_KEYS);
	memset(st, 0, sizeof *st);
	st->ss = ss;
	st->label = p->label;
	st->sect_line = p->cur_line;
	for (size_t i = 0; i < p->nents; i++) {
		const struct entry *e = &p->ents[i];
		const char *val = e->val.buf ? e->val.buf : "";
		int k = catalog_schema_key(ss, e->key);
		const struct catalog_keydef *kd;

		if (k < 0) {
			const char *s = suggest(e->key, ss->keys, ss->nkeys, sizeof ss->keys[0]);

			if (s)
				catalog_perr(p, e->line, _("%s 中没有键 %s；是否应为 %s？"),
					     p->label, e->key, s);
			else
				catalog_perr(p, e->line, _("%s 中没有键 %s"), p->label, e->key);
			continue;
		}
		kd = &ss->keys[k];
		if (st->line[k]) {
			catalog_perr(p, e->line, _("%s 重复：第 %d 行已经设置过 %s"), e->key,
				     st->line[k], e->key);
			continue;
		}
		st->line[k] = e->line;
		if (*val == '\0') {
			if (kd->flags & KEY_REQUIRED)
				catalog_perr(p, e->line, _("%s（%s）的值为空；该项必填"), e->key, _(kd->desc));
			continue;
		}
		st->given[k] = 1;
		if (strchr(val, '\n') && !(kd->flags & KEY_MULTILINE)) {
			catalog_perr(p, e->line, _("%s 的值只能写一行，不能有续行"), e->key);
			continue;
		}
		st->ok[k] = kd->parse(p, kd, val, base, e->line) == 0;
	}
	for (size_t k = 0; k < ss->nkeys; k++)
		if ((ss->keys[k].flags & KEY_REQUIRED) && !st->line[k])
			catalog_perr(p, st->sect_line, _("%s 缺少必填的键 %s（%s）"), p->label,
				     ss->keys[k].key, _(ss->keys[k].desc));
	if (ss->finish)
		ss->finish(p, st, base);
}

/* ---- sections ------------------------------------------------------- */

/* Returns the array v of *n elements of size sz grown by elem (and *n
 * incremented), or NULL when out of memory (v then unchanged). */
static void *push(struct catalog_parser *p, void *v, size_t *n, const void *elem, size_t sz)
{
	char *nv = realloc(v, (*n + 1) * sz);

	if (!nv) {
		p->oom = 1;
		return NULL;
	}
	memcpy(nv + *n * sz, elem, sz);
	(*n)++;
	return nv;
}

/* Applies the section collected so far (if any) and forgets its entries. */
static void flush_section(struct catalog_parser *p)
{
	const struct catalog_schema *ss = p->cur;
	struct catalog_section_state st;

	if (ss) {
		switch (ss->kind) {
		case SECT_ITEM:
			if (p->cur_scratch) {
				struct catalog_item tmp;

				memset(&tmp, 0, sizeof tmp);
				section_apply(p, ss, &tmp, &st);
				catalog_item_clear(&tmp);
			} else {
				p->item.online_depth = 1;
				section_apply(p, ss, &p->item, &st);
			}
			break;
		case SECT_FIELD: {
			struct catalog_field f, *v = NULL;

			memset(&f, 0, sizeof f);
			f.line = p->cur_line;
			f.key = yc_strdup(p->cur_id);
			if (!f.key)
				p->oom = 1;
			section_apply(p, ss, &f, &st);
			if (!p->cur_scratch && f.key)
				v = push(p, p->item.fields, &p->item.nfields, &f, sizeof f);
			if (v)
				p->item.fields = v;
			else
				catalog_field_clear(&f);
			break;
		}
		case SECT_MATERIAL: {
			struct catalog_material m, *v = NULL;

			memset(&m, 0, sizeof m);
			m.line = p->cur_line;
			m.source = SOURCE_SELF;
			m.id = yc_strdup(p->cur_id);
			if (!m.id)
				p->oom = 1;
			section_apply(p, ss, &m, &st);
			if (!p->cur_scratch && m.id)
				v = push(p, p->item.materials, &p->item.nmaterials, &m, sizeof m);
			if (v)
				p->item.materials = v;
			else
				catalog_material_clear(&m);
			break;
		}
		case SECT_SITUATION: {
			struct catalog_situation s, *v = NULL;
			struct situation_lines sl, *lv = NULL;
			size_t nlines = p->item.nsituations;

			memset(&s, 0, sizeof s);
			s.line = p->cur_line;
			s.id = yc_strdup(p->cur_id);
			if (!s.id)
				p->oom = 1;
			section_apply(p, ss, &s, &st);
			sl.enables = catalog_state_line(&st, "enables");
			sl.disables = catalog_state_line(&st, "disables");
			/* sitlines stays parallel to the situations: it grows first */
			if (!p->cur_scratch && s.id)
				lv = push(p, p->sitlines, &nlines, &sl, sizeof sl);
			if (lv) {
				p->sitlines = lv;
				v = push(p, p->item.situations, &p->item.nsituations, &s, sizeof s);
			}
			if (v)
				p->item.situations = v;
			else
				catalog_situation_clear(&s);
			break;
		}
		case SECT_BUNDLE:
			if (p->cur_scratch) {
				struct catalog_bundle tmp;

				memset(&tmp, 0, sizeof tmp);
				section_apply(p, ss, &tmp, &st);
				catalog_bundle_clear(&tmp);
			} else {
				section_apply(p, ss, &p->bundle, &st);
			}
			break;
		case SECT_NONE:
			assert(0);
			break;
		}
	}
	for (size_t i = 0; i < p->nents; i++) {
		free(p->ents[i].key);
		sb_free(&p->ents[i].val);
	}
	p->nents = 0;
	p->cur = NULL;
	p->cur_scratch = 0;
	free(p->cur_id);
	p->cur_id = NULL;
	p->cont = -1;
}

/* Line of the earlier section of this kind with this id, or 0. */
static int id_defined_at(const struct catalog_parser *p, enum catalog_sect kind, const char *id)
{
	size_t i;

	switch (kind) {
	case SECT_FIELD:
		for (i = 0; i < p->item.nfields; i++)
			if (strcmp(p->item.fields[i].key, id) == 0)
				return p->item.fields[i].line;
		break;
	case SECT_MATERIAL:
		for (i = 0; i < p->item.nmaterials; i++)
			if (strcmp(p->item.materials[i].id, id) == 0)
				return p->item.materials[i].line;
		break;
	case SECT_SITUATION:
		for (i = 0; i < p->item.nsituations; i++)
			if (strcmp(p->item.situations[i].id, id) == 0)
				return p->item.situations[i].line;
		break;
	default:
		break;
	}
	return 0;
}

/* Where a section may stand: [item] first and once in an item file with
 * its [field]/[material]/[situation]; [bundle] alone in a bundle file.
 * Returns 1 when the section is to be kept, 0 when it is only checked. */
static int section_placement(struct catalog_parser *p, const struct catalog_schema *ss, int line)
{
	if (p->file_kind == SECT_NONE) {
		if (ss->kind == SECT_ITEM || ss->kind == SECT_BUNDLE) {
			p->file_kind = ss->kind;
			return 1;
		}
		catalog_perr(p, line, _("文件的第一节应为 [item]（事项）或 [bundle]（一件事），而不是 %s"),
			     p->label);
		p->file_kind = SECT_ITEM;
		p->order_reported = 1;
		return 1;
	}
	if (p->file_kind == SECT_ITEM) {
		if (ss->kind == SECT_BUNDLE) {
			catalog_perr(p, line, _("[bundle] 不能写在事项文件里；"
						"一件事请写在单独的 .bundle 文件中"));
			return 0;
		}
		if (ss->kind == SECT_ITEM && p->have_item) {
			catalog_perr(p, line, _("[item] 只能出现一次：第 %d 行已有 [item]"), p->item.line);
			return 0;
		}
		if (ss->kind == SECT_ITEM && !p->order_reported)
			catalog_perr(p, line, _("[item] 必须是文件的第一节"));
		return 1;
	}
	if (ss->kind == SECT_BUNDLE) {
		if (p->have_bundle) {
			catalog_perr(p, line, _("[bundle] 只能出现一次：第 %d 行已有 [bundle]"),
				     p->bundle.line);
			return 0;
		}
		return 1;
	}
	catalog_perr(p, line, _("一件事文件（以 [bundle] 开头）只能有一个 [bundle] 节，不能有 %s"), p->label);
	return 0;
}

/* A `[name]` or `[name id]` line: completes the previous section and
 * starts the next. */
static void open_section(struct catalog_parser *p, char *line, int lineno)
{
	const struct catalog_schema *ss = NULL;
	char *t = catalog_trim(line), *name, *id, *sp;
	size_t len = strlen(t);
	int keep;

	flush_section(p);
	p->seen_section = 1;
	p->cur_line = lineno;
	if (len < 2 || t[len - 1] != ']') {
		catalog_perr(p, lineno, _("节标题应写作 [名称] 或 [名称 标识]，以 ] 结尾"));
		return;
	}
	t[len - 1] = '\0';
	name = catalog_trim(t + 1);
	sp = name + strcspn(name, " \t");
	id = sp;
	if (*sp) {
		*sp = '\0';
		id = catalog_trim(sp + 1);
	}
	for (size_t i = 0; i < catalog_nschemas; i++)
		if (strcmp(catalog_schemas[i].name, name) == 0)
			ss = &catalog_schemas[i];
	if (!ss) {
		const char *s = suggest(name, catalog_schemas, catalog_nschemas, sizeof catalog_schemas[0]);

		if (s)
			catalog_perr(p, lineno, _("未知的节 [%s]；是否应为 [%s]？"), name, s);
		else
			catalog_perr(p, lineno, _("未知的节 [%s]；可用的节为 [item]、[field 键名]、"
					  "[material 标识]、[situation 标识] 和 [bundle]"), name);
		return;
	}
	if (*id)
		utf8_snprintf(p->label, sizeof p->label, "[%s %s]", name, id);
	else
		snprintf(p->label, sizeof p->label, "[%s]", name);
	if (ss->needs_id && !*id) {
		catalog_perr(p, lineno, _("[%s] 缺少标识：应写作 [%s 标识]，标识由小写字母、数字和下划线组成"),
			     name, name);
		return;
	}
	keep = 1;
	if (!ss->needs_id && *id) {
		catalog_perr(p, lineno, _("[%s] 后面不应有标识 “%s”"), name, id);
		snprintf(p->label, sizeof p->label, "[%s]", name);
	}
	if (ss->needs_id && !catalog_valid_id(id)) {
		catalog_perr(p, lineno, _("%s 的标识 “%s” 无效：只能由小写字母、数字和下划线组成"),
			     p->label, id);
		keep = 0;
	}
	if (!section_placement(p, ss, lineno))
		keep = 0;
	if (keep && ss->needs_id) {
		int first = id_defined_at(p, ss->kind, id);

		if (first) {
			catalog_perr(p, lineno, _("%s 重复：第 %d 行已定义"), p->label, first);
			keep = 0;
		}
	}
	p->cur = ss;
	p->cur_scratch = !keep;
	if (ss->needs_id) {
		p->cur_id = yc_strdup(id);
		if (!p->cur_id) {
			p->oom = 1;
			p->cur = NULL;
			return;
		}
	}
	if (keep && ss->kind == SECT_ITEM) {
		p->have_item = 1;
		p->item.line = lineno;
	} else if (keep && ss->kind == SECT_BUNDLE) {
		p->have_bundle = 1;
		p->bundle.line = lineno;
	}
}

/* A `key = value` line. */
static void key_line(struct catalog_parser *p, char *line, int lineno)
{
	char *eq = strchr(line, '='), *key, *val;
	struct entry *e;

	if (!eq) {
		catalog_perr(p, lineno, _("无法识别的行：应为 [节]、key = value、以 # 开头的注释，"
				  "或以空格开头的续行"));
		return;
	}
	*eq = '\0';
	key = catalog_trim(line);
	val = catalog_trim(eq + 1);
	p->cont_ok = 1;
	p->cont = -1;
	if (!valid_key(key)) {
		char q[CATALOG_QUOTE_SZ];

		catalog_perr(p, lineno, _("键名 “%s” 无效：只能由小写英文字母、数字和下划线组成，"
					  "且不以数字开头"),
			     catalog_quote(q, sizeof q, key));
		return;
	}
	if (!p->seen_section) {
		catalog_perr(p, lineno, _("%s 出现在任何节之前；文件应以 [item] 或 [bundle] 开头"), key);
		return;
	}
	if (!p->cur)
		return;		/* its section's header was reported */
	if (p->nents == p->capents) {
		size_t cap = p->capents ? p->capents * 2 : 16;
		struct entry *v = realloc(p->ents, cap * sizeof *v);

		if (!v) {
			p->oom = 1;
			return;
		}
		p->ents = v;
		p->capents = cap;
	}
	e = &p->ents[p->nents];
	e->line = lineno;
	e->key = yc_strdup(key);
	sb_init(&e->val);
	sb_append(&e->val, val);
	if (!e->key || e->val.oom) {
		free(e->key);
		sb_free(&e->val);
		p->oom = 1;
		return;
	}
	p->cont = (long)p->nents++;
}

/* One line of the text (without its line break). */
static void parse_line(struct catalog_parser *p, const char *s, size_t n, int lineno)
{
	char *line, *t;

	if (memchr(s, '\0', n) || !utf8_valid(s, n)) {
		catalog_perr(p, lineno, _("此行不是有效的 UTF-8 文本；请把文件存为 UTF-8 编码"));
		return;
	}
	line = yc_strndup(s, n);
	if (!line) {
		p->oom = 1;
		return;
	}
	t = catalog_trim(line);
	if (*t == '\0' || *t == '#') {
		p->cont_ok = 0;
		p->cont = -1;
	} else if (line[0] == ' ' || line[0] == '\t') {
		if (!p->cont_ok) {
			catalog_perr(p, lineno, _("续行（以空格或制表符开头的行）只能紧跟在 key = value 行"
					  "或另一续行之后"));
		} else if (p->cont >= 0) {
			struct strbuf *sb = &p->ents[p->cont].val;

			if (sb->len > 0)
				sb_append(sb, "\n");
			sb_append(sb, t);
			if (sb->oom)
				p->oom = 1;
		}
	} else {
		p->cont_ok = 0;
		p->cont = -1;
		if (line[0] == '[')
			open_section(p, line, lineno);
		else
			key_line(p, line, lineno);
	}
	free(line);
}

/* Every id in v (from a situation at line) must be a material of the item. */
static void check_material_refs(struct catalog_parser *p, const struct catalog_situation *s,
				const char *key, char **v, size_t n, int line)
{
	for (size_t i = 0; i < n; i++)
		if (!catalog_find_material(&p->item, v[i]))
			catalog_perr(p, line, _("[situation %s] 的 %s 提到材料 “%s”，"
						"但本事项没有 [material %s]"),
				     s->id, key, v[i], v[i]);
}

/* After the last line: what spans sections, then hand the result over. */
static void finish_file(struct catalog_parser *p)
{
	if (p->file_kind == SECT_NONE && !p->seen_section)
		catalog_perr(p, 0, _("文件中没有 [item] 或 [bundle] 节：事项文件以 [item] 开头，"
				     "一件事文件以 [bundle] 开头"));
	if (p->file_kind == SECT_ITEM && !p->have_item)
		catalog_perr(p, 0, _("文件中没有 [item] 节"));
	for (size_t i = 0; i < p->item.nsituations; i++) {
		const struct catalog_situation *s = &p->item.situations[i];

		check_material_refs(p, s, "enables", s->enables, s->nenables,
				    p->sitlines[i].enables);
		check_material_refs(p, s, "disables", s->disables, s->ndisables,
				    p->sitlines[i].disables);
	}
	/* Kept even with errors, so that the checks across files see it;
	 * nothing is imported from a catalog with errors. */
	if (p->have_item) {
		struct catalog_item *v = NULL;

		p->item.file = yc_strdup(p->file);
		if (p->item.file)
			v = push(p, p->cat->items, &p->cat->nitems, &p->item, sizeof p->item);
		if (v) {
			p->cat->items = v;
			memset(&p->item, 0, sizeof p->item);
		}
	}
	catalog_item_clear(&p->item);
	if (p->have_bundle) {
		struct catalog_bundle *v = NULL;

		p->bundle.file = yc_strdup(p->file);
		if (p->bundle.file)
			v = push(p, p->cat->bundles, &p->cat->nbundles, &p->bundle, sizeof p->bundle);
		if (v) {
			p->cat->bundles = v;
			memset(&p->bundle, 0, sizeof p->bundle);
		}
	}
	catalog_bundle_clear(&p->bundle);
	if (p->oom)
		catalog_perr(p, 0, _("内存不足，未能完整检查此文件"));
}

int catalog_parse_text(struct catalog *cat, const char *text, size_t len,
		       const char *name, struct catalog_diags *diags)
{
	struct catalog_parser p;
	size_t pos = 0, start = diags->n;
	int lineno = 0;

	memset(&p, 0, sizeof p);
	p.cat = cat;
	p.diags = diags;
	p.file = name;
	p.cont = -1;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t n = end - pos;

		lineno++;
		if (n > 0 && text[pos + n - 1] == '\r')
			n--;
		parse_line(&p, text + pos, n, lineno);
		pos = nl ? end + 1 : len;
	}
	flush_section(&p);
	finish_file(&p);
	free(p.ents);
	free(p.sitlines);
	sort_diags(diags, start);
	return p.nerr;
}

int catalog_parse_file(struct catalog *cat, const char *path,
		       struct catalog_diags *diags)
{
	char err[YC_ERRSZ];
	size_t len;
	char *text = yc_read_file(path, &len, err, sizeof err);
	int n;

	if (!text) {
		catalog_diag_add(diags, path, 0, 0, "%s", err);
		return 1;
	}
	n = catalog_parse_text(cat, text, len, path, diags);
	free(text);
	return n;
}
