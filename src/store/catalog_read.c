/*
 * catalog_read.c — loading a catalog version from the database into a
 * struct catalog identical to the one imported (catalog_store.c): every
 * field, every list in its `seq` order, NULL strings still NULL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/catalog.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "store_internal.h"

/* The columns of catalog_items after version, in the order the import
 * binds them; catalog_read_item reads them by position. */
static const char sql_item_select[] =
	"SELECT code, seq, basic_code, name,"
	" short_name, pinyin, type, level, department, dept_code, legal_limit,"
	" legal_unit, promised_limit, promised_unit, kind, fee, fee_desc,"
	" fee_basis, targets, channels, appointment, online_pay, express,"
	" online, visits, online_depth, result, conditions, legal_basis, place,"
	" hours, phone, item_version, source_file, source_line"
	" FROM catalog_items WHERE version = ?1 ORDER BY seq";
static const char sql_field_select[] =
	"SELECT key, label, type, required, min_len, max_len, min, max, help,"
	" source_line FROM item_fields WHERE version = ?1 AND item_code = ?2"
	" ORDER BY seq";
static const char sql_choice_select[] =
	"SELECT choice FROM field_choices"
	" WHERE version = ?1 AND item_code = ?2 AND field_key = ?3 ORDER BY seq";
static const char sql_material_select[] =
	"SELECT id, name, issuer, originals, copies, form, need, deferral_days,"
	" source, standard, basis, blank_form, sample, source_line"
	" FROM materials WHERE version = ?1 AND item_code = ?2 ORDER BY seq";
static const char sql_situation_select[] =
	"SELECT id, label, source_line FROM situations"
	" WHERE version = ?1 AND item_code = ?2 ORDER BY seq";
static const char sql_sitmat_select[] =
	"SELECT material_id FROM situation_materials WHERE version = ?1"
	" AND item_code = ?2 AND situation_id = ?3 AND effect = ?4 ORDER BY seq";
static const char sql_bundle_select[] =
	"SELECT code, name, lead_department, promised_limit, promised_unit,"
	" description, source_file, source_line"
	" FROM bundles WHERE version = ?1 ORDER BY seq";
static const char sql_bitem_select[] =
	"SELECT item_code FROM bundle_items WHERE version = ?1 AND bundle_code = ?2"
	" ORDER BY seq";

/* Prepares the SELECTs of a load. */
static int catalog_read_prepare(struct store *st, struct store_catalog_stmts *s,
				char *err, size_t errsz)
{
	memset(s, 0, sizeof *s);
	if (store_prepare(st, sql_item_select, &s->item, err, errsz) != 0 ||
	    store_prepare(st, sql_field_select, &s->field, err, errsz) != 0 ||
	    store_prepare(st, sql_choice_select, &s->choice, err, errsz) != 0 ||
	    store_prepare(st, sql_material_select, &s->material, err, errsz) != 0 ||
	    store_prepare(st, sql_situation_select, &s->situation, err, errsz) != 0 ||
	    store_prepare(st, sql_sitmat_select, &s->sitmat, err, errsz) != 0 ||
	    store_prepare(st, sql_bundle_select, &s->bundle, err, errsz) != 0 ||
	    store_prepare(st, sql_bitem_select, &s->bitem, err, errsz) != 0)
		return -1;
	return 0;
}

/* Makes room for one more element of size `size` after the n in use at
 * v; the new element is zeroed.  Returns the (moved) array, or NULL when
 * out of memory (v is then untouched). */
static void *catalog_grow(void *v, size_t n, size_t size)
{
	char *p;

	if (n > ((size_t)-1) / size - 1)
		return NULL;
	p = realloc(v, (n + 1) * size);
	if (!p)
		return NULL;
	memset(p + n * size, 0, size);
	return p;
}

/* What a row reader needs besides the row: the statements and version of
 * the load, and the object whose list the row is appended to (one of
 * these is set, by who starts the query). */
struct catalog_load {
	struct store_catalog_stmts *s;
	int version;
	struct catalog *cat;
	struct catalog_item *it;
	char ***list;			/* a string list and its length */
	size_t *n;
};

/* Steps through every row of q, handing each to `row`; q is reset at the
 * end whatever happens.  `row` appends the row to its list and returns 0,
 * or -1 with err set.  A failed step is reported as a database error. */
static int catalog_load_rows(struct store *st, sqlite3_stmt *q,
			     int (*row)(struct store *st, sqlite3_stmt *q,
					struct catalog_load *ld, char *err, size_t errsz),
			     struct catalog_load *ld, char *err, size_t errsz)
{
	int rc;

	for (;;) {
		rc = sqlite3_step(q);
		if (rc != SQLITE_ROW)
			break;
		if (row(st, q, ld, err, errsz) != 0) {
			sqlite3_reset(q);
			return -1;
		}
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_dberr(st, _("读取事项目录失败"), err, errsz);
	return 0;
}

/* Row reader of a one-text-column query: appends to ld->list. */
static int catalog_row_string(struct store *st, sqlite3_stmt *q,
			      struct catalog_load *ld, char *err, size_t errsz)
{
	char **grown = catalog_grow(*ld->list, *ld->n, sizeof **ld->list);
	int oom = 0;

	(void)st;
	if (!grown)
		return yc_seterr(err, errsz, _("内存不足"));
	*ld->list = grown;
	grown[*ld->n] = store_column_dup(q, 0, &oom);
	if (oom || !grown[*ld->n])
		return yc_seterr(err, errsz, _("内存不足"));
	(*ld->n)++;
	return 0;
}

/* Reads a one-text-column query (already bound) into a string list. */
static int catalog_load_strings(struct store *st, sqlite3_stmt *q, char ***list,
				size_t *n, char *err, size_t errsz)
{
	struct catalog_load ld = { .list = list, .n = n };

	return catalog_load_rows(st, q, catalog_row_string, &ld, err, errsz);
}

/* Row reader of sql_field_select: appends a field (with its choices) to
 * ld->it. */
static int catalog_row_field(struct store *st, sqlite3_stmt *q,
			     struct catalog_load *ld, char *err, size_t errsz)
{
	struct catalog_item *it = ld->it;
	struct catalog_field *grown = catalog_grow(it->fields, it->nfields, sizeof *grown);
	struct catalog_field *f;
	int oom = 0;

	if (!grown)
		return yc_seterr(err, errsz, _("内存不足"));
	it->fields = grown;
	f = &grown[it->nfields];
	it->nfields++;
	f->key = store_column_dup(q, 0, &oom);
	f->label = store_column_dup(q, 1, &oom);
	f->type = (enum field_type)sqlite3_column_int(q, 2);
	f->required = sqlite3_column_int(q, 3);
	f->min_len = sqlite3_column_int(q, 4);
	f->max_len = sqlite3_column_int(q, 5);
	f->has_min = sqlite3_column_type(q, 6) != SQLITE_NULL;
	f->min = f->has_min ? sqlite3_column_double(q, 6) : 0;
	f->has_max = sqlite3_column_type(q, 7) != SQLITE_NULL;
	f->max = f->has_max ? sqlite3_column_double(q, 7) : 0;
	f->help = store_column_dup(q, 8, &oom);
	f->line = sqlite3_column_int(q, 9);
	if (oom)
		return yc_seterr(err, errsz, _("内存不足"));
	sqlite3_bind_int(ld->s->choice, 1, ld->version);
	store_bind_text(ld->s->choice, 2, it->code);
	store_bind_text(ld->s->choice, 3, f->key);
	return catalog_load_strings(st, ld->s->choice, &f->choices, &f->nchoices,
				    err, errsz);
}

/* Row reader of sql_material_select: appends a material to ld->it. */
static int catalog_row_material(struct store *st, sqlite3_stmt *q,
				struct catalog_load *ld, char *err, size_t errsz)
{
	struct catalog_item *it = ld->it;
	struct catalog_material *grown = catalog_grow(it->materials, it->nmaterials, sizeof *grown);
	struct catalog_material *m;
	int oom = 0;

	(void)st;
	if (!grown)
		return yc_seterr(err, errsz, _("内存不足"));
	it->materials = grown;
	m = &grown[it->nmaterials];
	it->nmaterials++;
	m->id = store_column_dup(q, 0, &oom);
	m->name = store_column_dup(q, 1, &oom);
	m->issuer = store_column_dup(q, 2, &oom);
	m->originals = sqlite3_column_int(q, 3);
	m->copies = sqlite3_column_int(q, 4);
	m->form = (unsigned)sqlite3_column_int(q, 5);
	m->need = (enum material_need)sqlite3_column_int(q, 6);
	m->deferral_days = sqlite3_column_int(q, 7);
	m->source = (enum material_source)sqlite3_column_int(q, 8);
	m->standard = store_column_dup(q, 9, &oom);
	m->basis = store_column_dup(q, 10, &oom);
	m->blank_form = store_column_dup(q, 11, &oom);
	m->sample = store_column_dup(q, 12, &oom);
	m->line = sqlite3_column_int(q, 13);
	if (oom)
		return yc_seterr(err, errsz, _("内存不足"));
	return 0;
}

/* Row reader of sql_situation_select: appends a situation, with what it
 * enables and disables, to ld->it. */
static int catalog_row_situation(struct store *st, sqlite3_stmt *q,
				 struct catalog_load *ld, char *err, size_t errsz)
{
	struct catalog_item *it = ld->it;
	struct catalog_situation *grown = catalog_grow(it->situations, it->nsituations, sizeof *grown);
	struct catalog_situation *sit;
	int oom = 0;

	if (!grown)
		return yc_seterr(err, errsz, _("内存不足"));
	it->situations = grown;
	sit = &grown[it->nsituations];
	it->nsituations++;
	sit->id = store_column_dup(q, 0, &oom);
	sit->label = store_column_dup(q, 1, &oom);
	sit->line = sqlite3_column_int(q, 2);
	if (oom)
		return yc_seterr(err, errsz, _("内存不足"));
	for (int effect = EFFECT_ENABLE; effect <= EFFECT_DISABLE; effect++) {
		sqlite3_bind_int(ld->s->sitmat, 1, ld->version);
		store_bind_text(ld->s->sitmat, 2, it->code);
		store_bind_text(ld->s->sitmat, 3, sit->id);
		sqlite3_bind_int(ld->s->sitmat, 4, effect);
		if (catalog_load_strings(st, ld->s->sitmat,
					 effect == EFFECT_ENABLE ? &sit->enables : &sit->disables,
					 effect == EFFECT_ENABLE ? &sit->nenables : &sit->ndisables,
					 err, errsz) != 0)
			return -1;
	}
	return 0;
}

/* Reads one item row (sql_item_select) into it. */
static int catalog_read_item(sqlite3_stmt *q, struct catalog_item *it)
{
	int oom = 0;

	it->code = store_column_dup(q, 0, &oom);
	/* column 1 is seq: the order of the query */
	it->basic_code = store_column_dup(q, 2, &oom);
	it->name = store_column_dup(q, 3, &oom);
	it->short_name = store_column_dup(q, 4, &oom);
	it->pinyin = store_column_dup(q, 5, &oom);
	it->type = (enum item_type)sqlite3_column_int(q, 6);
	it->level = sqlite3_column_int(q, 7);
	it->department = store_column_dup(q, 8, &oom);
	it->dept_code = store_column_dup(q, 9, &oom);
	it->legal_limit = sqlite3_column_int(q, 10);
	it->legal_unit = (enum limit_unit)sqlite3_column_int(q, 11);
	it->promised_limit = sqlite3_column_int(q, 12);
	it->promised_unit = (enum limit_unit)sqlite3_column_int(q, 13);
	it->kind = (enum item_kind)sqlite3_column_int(q, 14);
	it->fee = sqlite3_column_int(q, 15);
	it->fee_desc = store_column_dup(q, 16, &oom);
	it->fee_basis = store_column_dup(q, 17, &oom);
	it->targets = (unsigned)sqlite3_column_int64(q, 18);
	it->channels = (unsigned)sqlite3_column_int64(q, 19);
	it->appointment = sqlite3_column_int(q, 20);
	it->online_pay = sqlite3_column_int(q, 21);
	it->express = sqlite3_column_int(q, 22);
	it->online = sqlite3_column_int(q, 23);
	it->visits = sqlite3_column_int(q, 24);
	it->online_depth = sqlite3_column_int(q, 25);
	it->result = store_column_dup(q, 26, &oom);
	it->conditions = store_column_dup(q, 27, &oom);
	it->legal_basis = store_column_dup(q, 28, &oom);
	it->place = store_column_dup(q, 29, &oom);
	it->hours = store_column_dup(q, 30, &oom);
	it->phone = store_column_dup(q, 31, &oom);
	it->version = store_column_dup(q, 32, &oom);
	it->file = store_column_dup(q, 33, &oom);
	it->line = sqlite3_column_int(q, 34);
	return oom ? -1 : 0;
}

/* Row reader of sql_item_select: appends an item, with its fields,
 * materials and situations, to ld->cat. */
static int catalog_row_item(struct store *st, sqlite3_stmt *q,
			    struct catalog_load *ld, char *err, size_t errsz)
{
	struct catalog *cat = ld->cat;
	struct catalog_item *grown = catalog_grow(cat->items, cat->nitems, sizeof *grown);
	struct catalog_load sub = { .s = ld->s, .version = ld->version };

	if (!grown)
		return yc_seterr(err, errsz, _("内存不足"));
	cat->items = grown;
	sub.it = &grown[cat->nitems];
	cat->nitems++;
	if (catalog_read_item(q, sub.it) != 0)
		return yc_seterr(err, errsz, _("内存不足"));
	sqlite3_bind_int(ld->s->field, 1, ld->version);
	store_bind_text(ld->s->field, 2, sub.it->code);
	if (catalog_load_rows(st, ld->s->field, catalog_row_field, &sub, err, errsz) != 0)
		return -1;
	sqlite3_bind_int(ld->s->material, 1, ld->version);
	store_bind_text(ld->s->material, 2, sub.it->code);
	if (catalog_load_rows(st, ld->s->material, catalog_row_material, &sub, err, errsz) != 0)
		return -1;
	sqlite3_bind_int(ld->s->situation, 1, ld->version);
	store_bind_text(ld->s->situation, 2, sub.it->code);
	return catalog_load_rows(st, ld->s->situation, catalog_row_situation, &sub, err, errsz);
}

/* Row reader of sql_bundle_select: appends a bundle, with its item list,
 * to ld->cat. */
static int catalog_row_bundle(struct store *st, sqlite3_stmt *q,
			      struct catalog_load *ld, char *err, size_t errsz)
{
	struct catalog *cat = ld->cat;
	struct catalog_bundle *grown = catalog_grow(cat->bundles, cat->nbundles, sizeof *grown);
	struct catalog_bundle *b;
	int oom = 0;

	if (!grown)
		return yc_seterr(err, errsz, _("内存不足"));
	cat->bundles = grown;
	b = &grown[cat->nbundles];
	cat->nbundles++;
	b->code = store_column_dup(q, 0, &oom);
	b->name = store_column_dup(q, 1, &oom);
	b->lead_department = store_column_dup(q, 2, &oom);
	b->promised_limit = sqlite3_column_int(q, 3);
	b->promised_unit = (enum limit_unit)sqlite3_column_int(q, 4);
	b->description = store_column_dup(q, 5, &oom);
	b->file = store_column_dup(q, 6, &oom);
	b->line = sqlite3_column_int(q, 7);
	if (oom)
		return yc_seterr(err, errsz, _("内存不足"));
	sqlite3_bind_int(ld->s->bitem, 1, ld->version);
	store_bind_text(ld->s->bitem, 2, b->code);
	return catalog_load_strings(st, ld->s->bitem, &b->items, &b->nitems, err, errsz);
}

/* Reads every item, then every bundle, of a version. */
static int catalog_load_all(struct store *st, struct store_catalog_stmts *s, int version,
			    struct catalog *cat, char *err, size_t errsz)
{
	struct catalog_load ld = { .s = s, .version = version, .cat = cat };

	sqlite3_bind_int(s->item, 1, version);
	if (catalog_load_rows(st, s->item, catalog_row_item, &ld, err, errsz) != 0)
		return -1;
	sqlite3_bind_int(s->bundle, 1, version);
	return catalog_load_rows(st, s->bundle, catalog_row_bundle, &ld, err, errsz);
}

/* Moves everything of src to the end of dst; src is left empty. */
static int catalog_append(struct catalog *dst, struct catalog *src)
{
	struct catalog_item *items;
	struct catalog_bundle *bundles;

	if (!dst->items && !dst->bundles && dst->nitems == 0 && dst->nbundles == 0) {
		*dst = *src;
		memset(src, 0, sizeof *src);
		return 0;
	}
	items = realloc(dst->items, (dst->nitems + src->nitems + 1) * sizeof *items);
	if (!items)
		return -1;
	dst->items = items;
	bundles = realloc(dst->bundles, (dst->nbundles + src->nbundles + 1) * sizeof *bundles);
	if (!bundles)
		return -1;
	dst->bundles = bundles;
	if (src->nitems)
		memcpy(dst->items + dst->nitems, src->items, src->nitems * sizeof *items);
	if (src->nbundles)
		memcpy(dst->bundles + dst->nbundles, src->bundles,
		       src->nbundles * sizeof *bundles);
	dst->nitems += src->nitems;
	dst->nbundles += src->nbundles;
	free(src->items);
	free(src->bundles);
	memset(src, 0, sizeof *src);
	return 0;
}

int store_catalog_load(struct store *st, int version, struct catalog *cat,
		       char *err, size_t errsz)
{
	struct store_catalog_info info;
	struct store_catalog_stmts s;
	struct catalog tmp;
	int rc;

	if (version == 0) {
		if (store_catalog_current(st, &version, err, errsz) != 0)
			return -1;
		if (version == 0)
			return yc_seterr(err, errsz,
					 _("数据库 %s 中还没有事项目录；请先运行 yichuang catalog import 导入"),
					 st->path);
	}
	rc = store_catalog_info(st, version, &info, err, errsz);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return yc_seterr(err, errsz, _("数据库 %s 中没有目录版本 %d"), st->path, version);

	catalog_init(&tmp);
	/* A read transaction: one consistent view of the version. */
	if (sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return store_dberr(st, _("读取事项目录失败"), err, errsz);
	if (catalog_read_prepare(st, &s, err, errsz) != 0 ||
	    catalog_load_all(st, &s, version, &tmp, err, errsz) != 0)
		goto fail;
	store_catalog_stmts_finalize(&s);
	store_rollback(st);
	if (tmp.nitems != (size_t)info.item_count || tmp.nbundles != (size_t)info.bundle_count) {
		yc_seterr(err, errsz,
			  _("数据库 %s 中目录版本 %d 不完整：应有 %d 个事项、%d 个一件事，"
			    "实有 %zu 个、%zu 个"), st->path, version, info.item_count,
			  info.bundle_count, tmp.nitems, tmp.nbundles);
		catalog_free(&tmp);
		return -1;
	}
	if (catalog_append(cat, &tmp) != 0) {
		catalog_free(&tmp);
		return yc_seterr(err, errsz, _("内存不足"));
	}
	return 0;
fail:
	store_catalog_stmts_finalize(&s);
	store_rollback(st);
	catalog_free(&tmp);
	return -1;
}
