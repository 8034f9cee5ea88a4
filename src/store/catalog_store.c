/*
 * catalog_store.c — catalog versions in the database: importing a whole
 * validated catalog as a new version (all rows or none), the current
 * version and what is recorded about a version.  Loading a version back
 * is in catalog_read.c.
 *
 * Every list keeps its order through a `seq` column; strings that may be
 * NULL stay NULL.  A version, once committed, is never changed, so cases
 * accepted under it can always be read with the rules they were accepted
 * under.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/catalog.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "store_internal.h"

/* ---- SQL ---------------------------------------------------------------- */

static const char sql_item_insert[] =
	"INSERT INTO catalog_items (version, code, seq, basic_code, name,"
	" short_name, pinyin, type, level, department, dept_code, legal_limit,"
	" legal_unit, promised_limit, promised_unit, kind, fee, fee_desc,"
	" fee_basis, targets, channels, appointment, online_pay, express,"
	" online, visits, online_depth, result, conditions, legal_basis, place,"
	" hours, phone, item_version, source_file, source_line)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
	" ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28,"
	" ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36)";

static const char sql_field_insert[] =
	"INSERT INTO item_fields (version, item_code, key, seq, label, type,"
	" required, min_len, max_len, min, max, help, source_line)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

static const char sql_choice_insert[] =
	"INSERT INTO field_choices (version, item_code, field_key, seq, choice)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";

static const char sql_material_insert[] =
	"INSERT INTO materials (version, item_code, id, seq, name, issuer,"
	" originals, copies, form, need, deferral_days, source, standard, basis,"
	" blank_form, sample, source_line)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
	" ?15, ?16, ?17)";

static const char sql_situation_insert[] =
	"INSERT INTO situations (version, item_code, id, seq, label, source_line)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

static const char sql_sitmat_insert[] =
	"INSERT INTO situation_materials (version, item_code, situation_id,"
	" effect, seq, material_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

static const char sql_bundle_insert[] =
	"INSERT INTO bundles (version, code, seq, name, lead_department,"
	" promised_limit, promised_unit, description, source_file, source_line)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

static const char sql_bitem_insert[] =
	"INSERT INTO bundle_items (version, bundle_code, seq, item_code)"
	" VALUES (?1, ?2, ?3, ?4)";

/* Prepares the INSERTs of an import. */
static int catalog_stmts_prepare(struct store *st, struct store_catalog_stmts *s,
				 char *err, size_t errsz)
{
	memset(s, 0, sizeof *s);
	if (store_prepare(st, sql_item_insert, &s->item, err, errsz) != 0 ||
	    store_prepare(st, sql_field_insert, &s->field, err, errsz) != 0 ||
	    store_prepare(st, sql_choice_insert, &s->choice, err, errsz) != 0 ||
	    store_prepare(st, sql_material_insert, &s->material, err, errsz) != 0 ||
	    store_prepare(st, sql_situation_insert, &s->situation, err, errsz) != 0 ||
	    store_prepare(st, sql_sitmat_insert, &s->sitmat, err, errsz) != 0 ||
	    store_prepare(st, sql_bundle_insert, &s->bundle, err, errsz) != 0 ||
	    store_prepare(st, sql_bitem_insert, &s->bitem, err, errsz) != 0)
		return -1;
	return 0;
}

void store_catalog_stmts_finalize(struct store_catalog_stmts *s)
{
	sqlite3_finalize(s->item);
	sqlite3_finalize(s->field);
	sqlite3_finalize(s->choice);
	sqlite3_finalize(s->material);
	sqlite3_finalize(s->situation);
	sqlite3_finalize(s->sitmat);
	sqlite3_finalize(s->bundle);
	sqlite3_finalize(s->bitem);
	memset(s, 0, sizeof *s);
}

/* ---- import ------------------------------------------------------------- */

/* Runs an INSERT and makes it ready for the next row.  On failure the
 * reason goes into err, naming `what`. */
static int catalog_insert(struct store *st, sqlite3_stmt *stmt, const char *what,
			  char *err, size_t errsz)
{
	int rc = sqlite3_step(stmt);

	if (rc != SQLITE_DONE) {
		int ext = sqlite3_extended_errcode(st->db);

		if (ext == SQLITE_CONSTRAINT_PRIMARYKEY || ext == SQLITE_CONSTRAINT_UNIQUE)
			yc_seterr(err, errsz, _("导入目录失败：%s 重复（%s）；目录未导入"),
				  what, sqlite3_errmsg(st->db));
		else
			yc_seterr(err, errsz, _("导入目录失败：%s：%s；目录未导入"),
				  what, sqlite3_errmsg(st->db));
		sqlite3_reset(stmt);
		return -1;
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return 0;
}

/* Inserts one of a situation's material lists. */
static int catalog_insert_sitmat(struct store *st, struct store_catalog_stmts *s, int version,
				 const char *item_code, const char *sit_id, int effect,
				 char **ids, size_t n, char *what, size_t whatsz,
				 char *err, size_t errsz)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_int(s->sitmat, 1, version);
		store_bind_text(s->sitmat, 2, item_code);
		store_bind_text(s->sitmat, 3, sit_id);
		sqlite3_bind_int(s->sitmat, 4, effect);
		sqlite3_bind_int64(s->sitmat, 5, (sqlite3_int64)i);
		store_bind_text(s->sitmat, 6, ids[i]);
		snprintf(what, whatsz, _("事项 %s 情形 %s 引用的材料 %s"), item_code,
			 sit_id, ids[i] ? ids[i] : "");
		if (catalog_insert(st, s->sitmat, what, err, errsz) != 0)
			return -1;
	}
	return 0;
}

/* Inserts one item with its fields, materials and situations. */
static int catalog_insert_item(struct store *st, struct store_catalog_stmts *s, int version,
			       const struct catalog_item *it, size_t seq,
			       char *err, size_t errsz)
{
	sqlite3_stmt *q = s->item;
	char what[512];
	const char *code = it->code;

	sqlite3_bind_int(q, 1, version);
	store_bind_text(q, 2, it->code);
	sqlite3_bind_int64(q, 3, (sqlite3_int64)seq);
	store_bind_text(q, 4, it->basic_code);
	store_bind_text(q, 5, it->name);
	store_bind_text(q, 6, it->short_name);
	store_bind_text(q, 7, it->pinyin);
	sqlite3_bind_int(q, 8, (int)it->type);
	sqlite3_bind_int(q, 9, it->level);
	store_bind_text(q, 10, it->department);
	store_bind_text(q, 11, it->dept_code);
	sqlite3_bind_int(q, 12, it->legal_limit);
	sqlite3_bind_int(q, 13, (int)it->legal_unit);
	sqlite3_bind_int(q, 14, it->promised_limit);
	sqlite3_bind_int(q, 15, (int)it->promised_unit);
	sqlite3_bind_int(q, 16, (int)it->kind);
	sqlite3_bind_int(q, 17, it->fee != 0);
	store_bind_text(q, 18, it->fee_desc);
	store_bind_text(q, 19, it->fee_basis);
	sqlite3_bind_int64(q, 20, (sqlite3_int64)it->targets);
	sqlite3_bind_int64(q, 21, (sqlite3_int64)it->channels);
	sqlite3_bind_int(q, 22, it->appointment != 0);
	sqlite3_bind_int(q, 23, it->online_pay != 0);
	sqlite3_bind_int(q, 24, it->express != 0);
	sqlite3_bind_int(q, 25, it->online != 0);
	sqlite3_bind_int(q, 26, it->visits);
	sqlite3_bind_int(q, 27, it->online_depth);
	store_bind_text(q, 28, it->result);
	store_bind_text(q, 29, it->conditions);
	store_bind_text(q, 30, it->legal_basis);
	store_bind_text(q, 31, it->place);
	store_bind_text(q, 32, it->hours);
	store_bind_text(q, 33, it->phone);
	store_bind_text(q, 34, it->version);
	store_bind_text(q, 35, it->file);
	sqlite3_bind_int(q, 36, it->line);
	snprintf(what, sizeof what, _("事项编码 %s"), code ? code : "");
	if (catalog_insert(st, q, what, err, errsz) != 0)
		return -1;

	for (size_t i = 0; i < it->nfields; i++) {
		const struct catalog_field *f = &it->fields[i];

		q = s->field;
		sqlite3_bind_int(q, 1, version);
		store_bind_text(q, 2, code);
		store_bind_text(q, 3, f->key);
		sqlite3_bind_int64(q, 4, (sqlite3_int64)i);
		store_bind_text(q, 5, f->label);
		sqlite3_bind_int(q, 6, (int)f->type);
		sqlite3_bind_int(q, 7, f->required != 0);
		sqlite3_bind_int(q, 8, f->min_len);
		sqlite3_bind_int(q, 9, f->max_len);
		if (f->has_min)
			sqlite3_bind_double(q, 10, f->min);
		if (f->has_max)
			sqlite3_bind_double(q, 11, f->max);
		store_bind_text(q, 12, f->help);
		sqlite3_bind_int(q, 13, f->line);
		snprintf(what, sizeof what, _("事项 %s 的表单字段 %s"), code,
			 f->key ? f->key : "");
		if (catalog_insert(st, q, what, err, errsz) != 0)
			return -1;
		for (size_t j = 0; j < f->nchoices; j++) {
			q = s->choice;
			sqlite3_bind_int(q, 1, version);
			store_bind_text(q, 2, code);
			store_bind_text(q, 3, f->key);
			sqlite3_bind_int64(q, 4, (sqlite3_int64)j);
			store_bind_text(q, 5, f->choices[j]);
			snprintf(what, sizeof what, _("事项 %s 表单字段 %s 的选项"), code,
				 f->key ? f->key : "");
			if (catalog_insert(st, q, what, err, errsz) != 0)
				return -1;
		}
	}

	for (size_t i = 0; i < it->nmaterials; i++) {
		const struct catalog_material *m = &it->materials[i];

		q = s->material;
		sqlite3_bind_int(q, 1, version);
		store_bind_text(q, 2, code);
		store_bind_text(q, 3, m->id);
		sqlite3_bind_int64(q, 4, (sqlite3_int64)i);
		store_bind_text(q, 5, m->name);
		store_bind_text(q, 6, m->issuer);
		sqlite3_bind_int(q, 7, m->originals);
		sqlite3_bind_int(q, 8, m->copies);
		sqlite3_bind_int64(q, 9, (sqlite3_int64)m->form);
		sqlite3_bind_int(q, 10, (int)m->need);
		sqlite3_bind_int(q, 11, m->deferral_days);
		sqlite3_bind_int(q, 12, (int)m->source);
		store_bind_text(q, 13, m->standard);
		store_bind_text(q, 14, m->basis);
		store_bind_text(q, 15, m->blank_form);
		store_bind_text(q, 16, m->sample);
		sqlite3_bind_int(q, 17, m->line);
		snprintf(what, sizeof what, _("事项 %s 的材料 %s"), code, m->id ? m->id : "");
		if (catalog_insert(st, q, what, err, errsz) != 0)
			return -1;
	}

	for (size_t i = 0; i < it->nsituations; i++) {
		const struct catalog_situation *sit = &it->situations[i];

		q = s->situation;
		sqlite3_bind_int(q, 1, version);
		store_bind_text(q, 2, code);
		store_bind_text(q, 3, sit->id);
		sqlite3_bind_int64(q, 4, (sqlite3_int64)i);
		store_bind_text(q, 5, sit->label);
		sqlite3_bind_int(q, 6, sit->line);
		snprintf(what, sizeof what, _("事项 %s 的情形 %s"), code, sit->id ? sit->id : "");
		if (catalog_insert(st, q, what, err, errsz) != 0)
			return -1;
		if (catalog_insert_sitmat(st, s, version, code, sit->id, EFFECT_ENABLE,
					  sit->enables, sit->nenables, what, sizeof what,
					  err, errsz) != 0 ||
		    catalog_insert_sitmat(st, s, version, code, sit->id, EFFECT_DISABLE,
					  sit->disables, sit->ndisables, what, sizeof what,
					  err, errsz) != 0)
			return -1;
	}
	return 0;
}

/* Inserts one bundle and its item list. */
static int catalog_insert_bundle(struct store *st, struct store_catalog_stmts *s, int version,
				 const struct catalog_bundle *b, size_t seq,
				 char *err, size_t errsz)
{
	sqlite3_stmt *q = s->bundle;
	char what[512];

	sqlite3_bind_int(q, 1, version);
	store_bind_text(q, 2, b->code);
	sqlite3_bind_int64(q, 3, (sqlite3_int64)seq);
	store_bind_text(q, 4, b->name);
	store_bind_text(q, 5, b->lead_department);
	sqlite3_bind_int(q, 6, b->promised_limit);
	sqlite3_bind_int(q, 7, (int)b->promised_unit);
	store_bind_text(q, 8, b->description);
	store_bind_text(q, 9, b->file);
	sqlite3_bind_int(q, 10, b->line);
	snprintf(what, sizeof what, _("一件事编码 %s"), b->code ? b->code : "");
	if (catalog_insert(st, q, what, err, errsz) != 0)
		return -1;
	for (size_t i = 0; i < b->nitems; i++) {
		q = s->bitem;
		sqlite3_bind_int(q, 1, version);
		store_bind_text(q, 2, b->code);
		sqlite3_bind_int64(q, 3, (sqlite3_int64)i);
		store_bind_text(q, 4, b->items[i]);
		snprintf(what, sizeof what, _("一件事 %s 包含的事项 %s"), b->code,
			 b->items[i] ? b->items[i] : "");
		if (catalog_insert(st, q, what, err, errsz) != 0)
			return -1;
	}
	return 0;
}

int store_catalog_import(struct store *st, const struct catalog *cat,
			 const char *note, int *version, char *err, size_t errsz)
{
	struct store_catalog_stmts s;
	sqlite3_stmt *q = NULL;
	int v = 0;

	memset(&s, 0, sizeof s);
	if (store_begin(st, err, errsz) != 0)
		return -1;
	if (store_prepare(st, "SELECT coalesce(max(version), 0) + 1 FROM catalog_versions",
			  &q, err, errsz) != 0)
		goto fail;
	if (sqlite3_step(q) != SQLITE_ROW) {
		store_dberr(st, _("读取目录版本失败"), err, errsz);
		goto fail;
	}
	v = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	q = NULL;

	if (store_prepare(st, "INSERT INTO catalog_versions (version, note, item_count,"
			  " bundle_count) VALUES (?1, ?2, ?3, ?4)", &q, err, errsz) != 0)
		goto fail;
	sqlite3_bind_int(q, 1, v);
	store_bind_text(q, 2, note);
	sqlite3_bind_int64(q, 3, (sqlite3_int64)cat->nitems);
	sqlite3_bind_int64(q, 4, (sqlite3_int64)cat->nbundles);
	if (catalog_insert(st, q, _("目录版本"), err, errsz) != 0)
		goto fail;
	sqlite3_finalize(q);
	q = NULL;

	if (catalog_stmts_prepare(st, &s, err, errsz) != 0)
		goto fail;
	for (size_t i = 0; i < cat->nitems; i++)
		if (catalog_insert_item(st, &s, v, &cat->items[i], i, err, errsz) != 0)
			goto fail;
	for (size_t i = 0; i < cat->nbundles; i++)
		if (catalog_insert_bundle(st, &s, v, &cat->bundles[i], i, err, errsz) != 0)
			goto fail;
	store_catalog_stmts_finalize(&s);
	if (store_commit(st, err, errsz) != 0)
		return -1;
	if (version)
		*version = v;
	return 0;
fail:
	sqlite3_finalize(q);
	store_catalog_stmts_finalize(&s);
	store_rollback(st);
	return -1;
}

int store_catalog_current(struct store *st, int *version, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;

	if (store_prepare(st, "SELECT coalesce(max(version), 0) FROM catalog_versions",
			  &q, err, errsz) != 0)
		return -1;
	if (sqlite3_step(q) != SQLITE_ROW) {
		store_dberr(st, _("读取目录版本失败"), err, errsz);
		sqlite3_finalize(q);
		return -1;
	}
	*version = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return 0;
}

int store_catalog_info(struct store *st, int version, struct store_catalog_info *info,
		       char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc;

	memset(info, 0, sizeof *info);
	if (store_prepare(st, "SELECT version, imported_at, note, item_count, bundle_count"
			  " FROM catalog_versions WHERE version = ?1", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_int(q, 1, version);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		const char *at = (const char *)sqlite3_column_text(q, 1);
		const char *note = (const char *)sqlite3_column_text(q, 2);

		info->version = sqlite3_column_int(q, 0);
		snprintf(info->imported_at, sizeof info->imported_at, "%s", at ? at : "");
		snprintf(info->note, sizeof info->note, "%s", note ? note : "");
		info->item_count = sqlite3_column_int(q, 3);
		info->bundle_count = sqlite3_column_int(q, 4);
		sqlite3_finalize(q);
		return 1;
	}
	if (rc != SQLITE_DONE)
		store_dberr(st, _("读取目录版本失败"), err, errsz);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

