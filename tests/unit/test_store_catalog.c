/* test_store_catalog.c — catalog versions in the database: an import is
 * all or nothing, a load gives back exactly what was imported (every
 * field, every list, in order), and older versions stay loadable. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/catalog.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "testlib.h"

static char tmpdir[256];
static char dbpath[512];

static int setup(void **state)
{
	(void)state;
	return testlib_mkdtemp(tmpdir, sizeof tmpdir, "storecat");
}

static int teardown(void **state)
{
	(void)state;
	return testlib_rmtree(tmpdir);
}

/* Each test gets its own database file. */
static struct store *open_db(const char *name)
{
	struct store *st = NULL;
	char err[YC_ERRSZ] = "";

	snprintf(dbpath, sizeof dbpath, "%s/%s", tmpdir, name);
	if (store_open(dbpath, STORE_OPEN_CREATE, &st, err, sizeof err) != 0)
		fail_msg("store_open: %s", err);
	return st;
}

static char *xs(const char *s)
{
	char *p = yc_strdup(s);

	assert_non_null(p);
	return p;
}

static char **xlist(size_t n, ...)
{
	char **v = calloc(n, sizeof *v);
	va_list ap;

	assert_non_null(v);
	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		v[i] = xs(va_arg(ap, const char *));
	va_end(ap);
	return v;
}

/* A full item: every optional string set (when `full`), two fields, three
 * materials, two situations.  `tag` changes names so versions differ. */
static void add_item(struct catalog *cat, const char *code, const char *tag, int full)
{
	struct catalog_item *it;
	struct catalog_item *items = realloc(cat->items, (cat->nitems + 1) * sizeof *items);
	char name[128];

	assert_non_null(items);
	cat->items = items;
	it = &items[cat->nitems++];
	memset(it, 0, sizeof *it);
	snprintf(name, sizeof name, "食品经营许可%s", tag);
	it->code = xs(code);
	it->basic_code = full ? xs("00012345600Y") : NULL;
	it->name = xs(name);
	it->short_name = full ? xs("食品经营") : NULL;
	it->pinyin = full ? xs("spjyxk") : NULL;
	it->type = ITEM_TYPE_LICENSE;
	it->level = 4;
	it->department = xs("历下区市场监督管理局");
	it->dept_code = full ? xs("11370102MB2856789X") : NULL;
	it->legal_limit = 20;
	it->legal_unit = LIMIT_WORKDAYS;
	it->promised_limit = 10;
	it->promised_unit = LIMIT_DAYS;
	it->kind = ITEM_PROMISED;
	it->fee = full;
	it->fee_desc = full ? xs("每件 10 元") : NULL;
	it->fee_basis = full ? xs("鲁价费发〔2020〕1号") : NULL;
	it->targets = TARGET_PERSON | TARGET_COMPANY | TARGET_OTHER_ORG;
	it->channels = CHANNEL_WINDOW | CHANNEL_EXPRESS;
	it->appointment = 1;
	it->online_pay = 0;
	it->express = 1;
	it->online = full;
	it->visits = 1;
	it->online_depth = 3;
	it->result = xs("食品经营许可证");
	it->conditions = xs("一、有与经营相适应的场所；\n二、有食品安全管理人员。");
	it->legal_basis = full ? xs("《中华人民共和国食品安全法》第三十五条") : NULL;
	it->place = full ? xs("政务服务中心二楼 12 号窗口") : NULL;
	it->hours = full ? xs("工作日 9:00-17:00") : NULL;
	it->phone = full ? xs("0531-12345678") : NULL;
	it->version = xs("2026.1");
	it->file = xs("forms/food.item");
	it->line = 3;

	if (!full)
		return;
	it->nfields = 2;
	it->fields = calloc(2, sizeof *it->fields);
	assert_non_null(it->fields);
	it->fields[0].key = xs("shop_area");
	it->fields[0].label = xs("经营面积（平方米）");
	it->fields[0].type = FIELD_NUMBER;
	it->fields[0].required = 1;
	it->fields[0].has_min = 1;
	it->fields[0].min = 0.5;
	it->fields[0].has_max = 0;
	it->fields[0].help = xs("按房产证填写");
	it->fields[0].line = 40;
	it->fields[1].key = xs("category");
	it->fields[1].label = xs("主体业态");
	it->fields[1].type = FIELD_CHOICE;
	it->fields[1].choices = xlist(3, "食品销售经营者", "餐饮服务经营者", "单位食堂");
	it->fields[1].nchoices = 3;
	it->fields[1].min_len = 2;
	it->fields[1].max_len = 30;
	it->fields[1].has_max = 1;
	it->fields[1].max = 99.75;
	it->fields[1].line = 45;

	it->nmaterials = 3;
	it->materials = calloc(3, sizeof *it->materials);
	assert_non_null(it->materials);
	it->materials[0].id = xs("application");
	it->materials[0].name = xs("食品经营许可申请书");
	it->materials[0].issuer = xs("申请人");
	it->materials[0].originals = 1;
	it->materials[0].copies = 0;
	it->materials[0].form = FORM_PAPER | FORM_ELECTRONIC;
	it->materials[0].need = NEED_REQUIRED;
	it->materials[0].source = SOURCE_SELF;
	it->materials[0].standard = xs("签字盖章齐全");
	it->materials[0].basis = xs("《食品经营许可管理办法》第十二条");
	it->materials[0].blank_form = xs("forms/blank/food-app.pdf");
	it->materials[0].sample = xs("forms/sample/food-app.pdf");
	it->materials[0].line = 50;
	it->materials[1].id = xs("licence");
	it->materials[1].name = xs("营业执照");
	it->materials[1].originals = 0;
	it->materials[1].copies = 2;
	it->materials[1].form = FORM_PAPER;
	it->materials[1].need = NEED_DEFERRABLE;
	it->materials[1].deferral_days = 5;
	it->materials[1].source = SOURCE_DEPARTMENT;
	it->materials[1].line = 60;
	it->materials[2].id = xs("lease");
	it->materials[2].name = xs("场所租赁合同");
	it->materials[2].copies = 1;
	it->materials[2].form = FORM_PAPER;
	it->materials[2].need = NEED_OPTIONAL;
	it->materials[2].source = SOURCE_OTHER;
	it->materials[2].line = 70;

	it->nsituations = 2;
	it->situations = calloc(2, sizeof *it->situations);
	assert_non_null(it->situations);
	it->situations[0].id = xs("rented");
	it->situations[0].label = xs("经营场所为租赁");
	it->situations[0].enables = xlist(2, "lease", "application");
	it->situations[0].nenables = 2;
	it->situations[0].line = 80;
	it->situations[1].id = xs("own");
	it->situations[1].label = xs("自有场所");
	it->situations[1].disables = xlist(1, "lease");
	it->situations[1].ndisables = 1;
	it->situations[1].line = 85;
}

static void add_bundle(struct catalog *cat, const char *code, size_t n, char **items)
{
	struct catalog_bundle *b;
	struct catalog_bundle *bundles = realloc(cat->bundles,
						 (cat->nbundles + 1) * sizeof *bundles);

	assert_non_null(bundles);
	cat->bundles = bundles;
	b = &bundles[cat->nbundles++];
	memset(b, 0, sizeof *b);
	b->code = xs(code);
	b->name = xs("开办餐馆一件事");
	b->lead_department = xs("历下区市场监督管理局");
	b->items = items;
	b->nitems = n;
	b->promised_limit = 5;
	b->promised_unit = LIMIT_WORKDAYS;
	b->description = xs("营业执照、食品经营许可\n一次办好");
	b->file = xs("forms/restaurant.bundle");
	b->line = 1;
}

/* Two items (one with every list, one with every optional NULL) and a
 * bundle of both. */
static void make_catalog(struct catalog *cat, const char *tag)
{
	catalog_init(cat);
	add_item(cat, "11370102MB2856789X4000112001", tag, 1);
	add_item(cat, "11370102MB2856789X4000112002", tag, 0);
	add_bundle(cat, "B-RESTAURANT", 2,
		   xlist(2, "11370102MB2856789X4000112002", "11370102MB2856789X4000112001"));
}

#define assert_opt_string_equal(a, b) do { \
	if ((a) == NULL || (b) == NULL) \
		assert_ptr_equal((a), (b)); \
	else \
		assert_string_equal((a), (b)); \
} while (0)

static void assert_strv_equal(char **a, size_t na, char **b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++)
		assert_string_equal(a[i], b[i]);
}

static void assert_item_equal(const struct catalog_item *a, const struct catalog_item *b)
{
	assert_string_equal(a->code, b->code);
	assert_opt_string_equal(a->basic_code, b->basic_code);
	assert_string_equal(a->name, b->name);
	assert_opt_string_equal(a->short_name, b->short_name);
	assert_opt_string_equal(a->pinyin, b->pinyin);
	assert_int_equal(a->type, b->type);
	assert_int_equal(a->level, b->level);
	assert_string_equal(a->department, b->department);
	assert_opt_string_equal(a->dept_code, b->dept_code);
	assert_int_equal(a->legal_limit, b->legal_limit);
	assert_int_equal(a->legal_unit, b->legal_unit);
	assert_int_equal(a->promised_limit, b->promised_limit);
	assert_int_equal(a->promised_unit, b->promised_unit);
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->fee, b->fee);
	assert_opt_string_equal(a->fee_desc, b->fee_desc);
	assert_opt_string_equal(a->fee_basis, b->fee_basis);
	assert_int_equal(a->targets, b->targets);
	assert_int_equal(a->channels, b->channels);
	assert_int_equal(a->appointment, b->appointment);
	assert_int_equal(a->online_pay, b->online_pay);
	assert_int_equal(a->express, b->express);
	assert_int_equal(a->online, b->online);
	assert_int_equal(a->visits, b->visits);
	assert_int_equal(a->online_depth, b->online_depth);
	assert_string_equal(a->result, b->result);
	assert_string_equal(a->conditions, b->conditions);
	assert_opt_string_equal(a->legal_basis, b->legal_basis);
	assert_opt_string_equal(a->place, b->place);
	assert_opt_string_equal(a->hours, b->hours);
	assert_opt_string_equal(a->phone, b->phone);
	assert_string_equal(a->version, b->version);
	assert_opt_string_equal(a->file, b->file);
	assert_int_equal(a->line, b->line);

	assert_int_equal(a->nfields, b->nfields);
	for (size_t i = 0; i < a->nfields; i++) {
		const struct catalog_field *f = &a->fields[i], *g = &b->fields[i];

		assert_string_equal(f->key, g->key);
		assert_string_equal(f->label, g->label);
		assert_int_equal(f->type, g->type);
		assert_int_equal(f->required, g->required);
		assert_strv_equal(f->choices, f->nchoices, g->choices, g->nchoices);
		assert_int_equal(f->min_len, g->min_len);
		assert_int_equal(f->max_len, g->max_len);
		assert_int_equal(f->has_min, g->has_min);
		assert_int_equal(f->has_max, g->has_max);
		assert_true(f->min == g->min);
		assert_true(f->max == g->max);
		assert_opt_string_equal(f->help, g->help);
		assert_int_equal(f->line, g->line);
	}
	assert_int_equal(a->nmaterials, b->nmaterials);
	for (size_t i = 0; i < a->nmaterials; i++) {
		const struct catalog_material *m = &a->materials[i], *n = &b->materials[i];

		assert_string_equal(m->id, n->id);
		assert_string_equal(m->name, n->name);
		assert_opt_string_equal(m->issuer, n->issuer);
		assert_int_equal(m->originals, n->originals);
		assert_int_equal(m->copies, n->copies);
		assert_int_equal(m->form, n->form);
		assert_int_equal(m->need, n->need);
		assert_int_equal(m->deferral_days, n->deferral_days);
		assert_int_equal(m->source, n->source);
		assert_opt_string_equal(m->standard, n->standard);
		assert_opt_string_equal(m->basis, n->basis);
		assert_opt_string_equal(m->blank_form, n->blank_form);
		assert_opt_string_equal(m->sample, n->sample);
		assert_int_equal(m->line, n->line);
	}
	assert_int_equal(a->nsituations, b->nsituations);
	for (size_t i = 0; i < a->nsituations; i++) {
		const struct catalog_situation *s = &a->situations[i], *t = &b->situations[i];

		assert_string_equal(s->id, t->id);
		assert_string_equal(s->label, t->label);
		assert_strv_equal(s->enables, s->nenables, t->enables, t->nenables);
		assert_strv_equal(s->disables, s->ndisables, t->disables, t->ndisables);
		assert_int_equal(s->line, t->line);
	}
}

static void assert_catalog_equal(const struct catalog *a, const struct catalog *b)
{
	assert_int_equal(a->nitems, b->nitems);
	for (size_t i = 0; i < a->nitems; i++)
		assert_item_equal(&a->items[i], &b->items[i]);
	assert_int_equal(a->nbundles, b->nbundles);
	for (size_t i = 0; i < a->nbundles; i++) {
		const struct catalog_bundle *x = &a->bundles[i], *y = &b->bundles[i];

		assert_string_equal(x->code, y->code);
		assert_string_equal(x->name, y->name);
		assert_string_equal(x->lead_department, y->lead_department);
		assert_strv_equal(x->items, x->nitems, y->items, y->nitems);
		assert_int_equal(x->promised_limit, y->promised_limit);
		assert_int_equal(x->promised_unit, y->promised_unit);
		assert_opt_string_equal(x->description, y->description);
		assert_opt_string_equal(x->file, y->file);
		assert_int_equal(x->line, y->line);
	}
}

/* Rows in every catalog table, through a second connection. */
static int catalog_rows(void)
{
	static const char *const tables[] = {
		"catalog_versions", "catalog_items", "item_fields", "field_choices",
		"materials", "situations", "situation_materials", "bundles", "bundle_items",
	};
	sqlite3 *db = NULL;
	int total = 0;
	char sql[128];

	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		sqlite3_stmt *q = NULL;

		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i]);
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(q), SQLITE_ROW);
		total += sqlite3_column_int(q, 0);
		sqlite3_finalize(q);
	}
	sqlite3_close(db);
	return total;
}

static void test_imported_catalog_loads_back_identical(void **state)
{
	struct store *st;
	struct catalog in, out;
	char err[YC_ERRSZ] = "";
	int version = 0;

	(void)state;
	st = open_db("roundtrip.db");
	make_catalog(&in, "");
	assert_int_equal(store_catalog_import(st, &in, "首次导入", &version, err, sizeof err), 0);
	assert_int_equal(version, 1);
	store_close(st);

	st = open_db("roundtrip.db");
	catalog_init(&out);
	if (store_catalog_load(st, 0, &out, err, sizeof err) != 0)
		fail_msg("load: %s", err);
	assert_catalog_equal(&in, &out);
	catalog_free(&out);
	catalog_free(&in);
	store_close(st);
}

static void test_load_appends_to_what_the_catalog_holds(void **state)
{
	struct store *st;
	struct catalog in, out;
	char err[YC_ERRSZ] = "";
	int version = 0;

	(void)state;
	st = open_db("append.db");
	make_catalog(&in, "");
	assert_int_equal(store_catalog_import(st, &in, NULL, &version, err, sizeof err), 0);
	catalog_init(&out);
	assert_int_equal(store_catalog_load(st, 1, &out, err, sizeof err), 0);
	assert_int_equal(store_catalog_load(st, 1, &out, err, sizeof err), 0);
	assert_int_equal(out.nitems, 4);
	assert_int_equal(out.nbundles, 2);
	assert_item_equal(&in.items[1], &out.items[3]);
	catalog_free(&out);
	catalog_free(&in);
	store_close(st);
}

static void test_duplicate_item_code_imports_nothing(void **state)
{
	struct store *st;
	struct catalog in;
	char err[YC_ERRSZ] = "";
	int version = -5, cur = -1;

	(void)state;
	st = open_db("dup.db");
	make_catalog(&in, "");
	add_item(&in, "11370102MB2856789X4000112001", "（重复）", 1);
	assert_int_equal(store_catalog_import(st, &in, NULL, &version, err, sizeof err), -1);
	assert_int_equal(version, -5);
	assert_non_null(strstr(err, "11370102MB2856789X4000112001"));
	assert_non_null(strstr(err, "重复"));
	assert_non_null(strstr(err, "目录未导入"));
	assert_int_equal(store_catalog_current(st, &cur, err, sizeof err), 0);
	assert_int_equal(cur, 0);
	assert_int_equal(catalog_rows(), 0);
	catalog_free(&in);
	store_close(st);
}

static void test_bundle_naming_a_missing_item_imports_nothing(void **state)
{
	struct store *st;
	struct catalog in;
	char err[YC_ERRSZ] = "";
	int version = 0;

	(void)state;
	st = open_db("badbundle.db");
	make_catalog(&in, "");
	add_bundle(&in, "B-OTHER", 2, xlist(2, "11370102MB2856789X4000112001", "NO-SUCH-ITEM"));
	assert_int_equal(store_catalog_import(st, &in, NULL, &version, err, sizeof err), -1);
	assert_non_null(strstr(err, "NO-SUCH-ITEM"));
	assert_int_equal(catalog_rows(), 0);
	catalog_free(&in);
	store_close(st);
}

static void test_versions_increment_and_older_versions_stay_loadable(void **state)
{
	struct store *st;
	struct catalog v1, v2, out;
	struct store_catalog_info info;
	char err[YC_ERRSZ] = "";
	int version = 0, cur = 0;

	(void)state;
	st = open_db("versions.db");
	make_catalog(&v1, "");
	make_catalog(&v2, "（2026 版）");
	assert_int_equal(store_catalog_import(st, &v1, "v1", &version, err, sizeof err), 0);
	assert_int_equal(version, 1);
	assert_int_equal(store_catalog_import(st, &v2, "v2", &version, err, sizeof err), 0);
	assert_int_equal(version, 2);
	assert_int_equal(store_catalog_current(st, &cur, err, sizeof err), 0);
	assert_int_equal(cur, 2);

	catalog_init(&out);
	assert_int_equal(store_catalog_load(st, 0, &out, err, sizeof err), 0);
	assert_catalog_equal(&v2, &out);
	catalog_free(&out);
	catalog_init(&out);
	assert_int_equal(store_catalog_load(st, 1, &out, err, sizeof err), 0);
	assert_catalog_equal(&v1, &out);
	catalog_free(&out);

	assert_int_equal(store_catalog_info(st, 1, &info, err, sizeof err), 1);
	assert_int_equal(info.version, 1);
	assert_string_equal(info.note, "v1");
	assert_int_equal(info.item_count, 2);
	assert_int_equal(info.bundle_count, 1);
	assert_int_equal(strlen(info.imported_at), 20);
	assert_int_equal(store_catalog_info(st, 3, &info, err, sizeof err), 0);

	catalog_init(&out);
	assert_int_equal(store_catalog_load(st, 3, &out, err, sizeof err), -1);
	assert_non_null(strstr(err, "没有目录版本 3"));
	assert_int_equal(out.nitems, 0);
	catalog_free(&v1);
	catalog_free(&v2);
	store_close(st);
}

static void test_loading_before_any_import_says_to_import(void **state)
{
	struct store *st;
	struct catalog out;
	char err[YC_ERRSZ] = "";
	int cur = -1;

	(void)state;
	st = open_db("empty.db");
	assert_int_equal(store_catalog_current(st, &cur, err, sizeof err), 0);
	assert_int_equal(cur, 0);
	catalog_init(&out);
	assert_int_equal(store_catalog_load(st, 0, &out, err, sizeof err), -1);
	assert_non_null(strstr(err, "catalog import"));
	assert_int_equal(out.nitems, 0);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_imported_catalog_loads_back_identical),
		cmocka_unit_test(test_load_appends_to_what_the_catalog_holds),
		cmocka_unit_test(test_duplicate_item_code_imports_nothing),
		cmocka_unit_test(test_bundle_naming_a_missing_item_imports_nothing),
		cmocka_unit_test(test_versions_increment_and_older_versions_stay_loadable),
		cmocka_unit_test(test_loading_before_any_import_says_to_import),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
