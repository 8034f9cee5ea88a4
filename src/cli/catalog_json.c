/*
 * catalog_json.c — the JSON of `catalog list --json` and `catalog show
 * --json` (see catalog_json.h), and the catalog format's words that the
 * text views share.
 */
#include <stdio.h>
#include <cjson/cJSON.h>

#include "yichuang/catalog.h"
#include "yichuang/util.h"
#include "catalog_json.h"

/* ---- names -------------------------------------------------------------- */

/* The catalog format's words; printed through _() for people, as they are
 * in JSON. */
const char *const catview_level_words[] = {
	NULL, N_("国家级"), N_("省级"), N_("市级"), N_("县级"), N_("乡镇级"), N_("村级")
};
const char *const catview_target_words[] = {
	N_("自然人"), N_("企业法人"), N_("事业法人"), N_("社会组织法人"), N_("行政机关"),
	N_("其他组织")
};
const char *const catview_channel_words[] = {
	N_("窗口办理"), N_("网上办理"), N_("移动端"), N_("快递申请")
};
const char *const catview_form_words[] = { N_("纸质"), N_("电子") };
static const char *const field_type_words[] = {
	[FIELD_TEXT] = "text", [FIELD_DATE] = "date", [FIELD_CHOICE] = "choice",
	[FIELD_NUMBER] = "number", [FIELD_PHONE] = "phone", [FIELD_ID] = "id",
	[FIELD_USCC] = "uscc", [FIELD_MONEY] = "money"
};
static const char *const kind_words[] = { [ITEM_INSTANT] = "即办件", [ITEM_PROMISED] = "承诺件" };
static const char *const unit_words[] = { [LIMIT_WORKDAYS] = "工作日", [LIMIT_DAYS] = "自然日" };
static const char *const need_words[] = {
	[NEED_REQUIRED] = "必要", [NEED_OPTIONAL] = "非必要", [NEED_DEFERRABLE] = "容缺后补"
};
static const char *const source_words[] = {
	[SOURCE_SELF] = "申请人自备", [SOURCE_DEPARTMENT] = "政府部门核发",
	[SOURCE_OTHER] = "其他"
};

/* The word for value v in a table of n words indexed by value; "?" for a
 * value the table has no word for. */
static const char *word_of(const char *const *words, size_t n, int v)
{
	return v >= 0 && (size_t)v < n && words[v] ? words[v] : "?";
}

const char *catview_level_word(int level)
{
	return word_of(catview_level_words,
		       sizeof catview_level_words / sizeof catview_level_words[0], level);
}

static const char *kind_word(enum item_kind k)
{
	return word_of(kind_words, sizeof kind_words / sizeof kind_words[0], k);
}

static const char *unit_word(enum limit_unit u)
{
	return word_of(unit_words, sizeof unit_words / sizeof unit_words[0], u);
}

static const char *need_word(enum material_need n)
{
	return word_of(need_words, sizeof need_words / sizeof need_words[0], n);
}

static const char *source_word(enum material_source s)
{
	return word_of(source_words, sizeof source_words / sizeof source_words[0], s);
}

static const char *field_type_word(enum field_type t)
{
	return word_of(field_type_words, sizeof field_type_words / sizeof field_type_words[0], t);
}

/* ---- JSON --------------------------------------------------------------- */

/* Builders that remember a failed allocation in j->oom. */
struct json {
	int oom;
};

static void j_add(struct json *j, cJSON *obj, const char *key, cJSON *val)
{
	if (!val || !obj) {
		cJSON_Delete(val);
		j->oom = 1;
		return;
	}
	if (key ? !cJSON_AddItemToObject(obj, key, val) : !cJSON_AddItemToArray(obj, val)) {
		cJSON_Delete(val);
		j->oom = 1;
	}
}

static void j_str(struct json *j, cJSON *obj, const char *key, const char *s)
{
	j_add(j, obj, key, s ? cJSON_CreateString(s) : cJSON_CreateNull());
}

static void j_num(struct json *j, cJSON *obj, const char *key, double v)
{
	j_add(j, obj, key, cJSON_CreateNumber(v));
}

static void j_bool(struct json *j, cJSON *obj, const char *key, int v)
{
	j_add(j, obj, key, cJSON_CreateBool(v != 0));
}

static void j_strv(struct json *j, cJSON *obj, const char *key, char **v, size_t n)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; a && i < n; i++)
		j_str(j, a, NULL, v[i]);
	j_add(j, obj, key, a);
}

/* An array of the words of the bits set. */
static void j_bits(struct json *j, cJSON *obj, const char *key, unsigned bits,
		   const char *const *words, size_t n)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; a && i < n; i++)
		if (bits & (1u << i))
			j_str(j, a, NULL, words[i]);
	j_add(j, obj, key, a);
}

static void j_limit(struct json *j, cJSON *obj, const char *key, int value,
		    enum limit_unit unit)
{
	cJSON *o = cJSON_CreateObject();

	j_num(j, o, "value", value);
	j_str(j, o, "unit", unit_word(unit));
	j_add(j, obj, key, o);
}

/* An item's summary (what `list` shows); `show` adds the rest. */
static cJSON *json_item_summary(struct json *j, const struct catalog_item *it)
{
	cJSON *o = cJSON_CreateObject();

	if (!o) {
		j->oom = 1;
		return NULL;
	}
	j_bool(j, o, "bundle", 0);
	j_str(j, o, "code", it->code);
	j_str(j, o, "name", it->name);
	j_str(j, o, "short_name", it->short_name);
	j_str(j, o, "department", it->department);
	j_num(j, o, "type", it->type);
	j_str(j, o, "type_name", catalog_type_name(it->type));
	j_str(j, o, "kind", kind_word(it->kind));
	j_limit(j, o, "legal_limit", it->legal_limit, it->legal_unit);
	j_limit(j, o, "promised_limit", it->promised_limit, it->promised_unit);
	return o;
}

static cJSON *json_field(struct json *j, const struct catalog_field *f)
{
	cJSON *o = cJSON_CreateObject();

	j_str(j, o, "key", f->key);
	j_str(j, o, "label", f->label);
	j_str(j, o, "type", field_type_word(f->type));
	j_bool(j, o, "required", f->required);
	j_strv(j, o, "choices", f->choices, f->nchoices);
	j_num(j, o, "min_len", f->min_len);
	j_num(j, o, "max_len", f->max_len);
	j_add(j, o, "min", f->has_min ? cJSON_CreateNumber(f->min) : cJSON_CreateNull());
	j_add(j, o, "max", f->has_max ? cJSON_CreateNumber(f->max) : cJSON_CreateNull());
	j_str(j, o, "help", f->help);
	return o;
}

static cJSON *json_material(struct json *j, const struct catalog_material *m)
{
	cJSON *o = cJSON_CreateObject();

	j_str(j, o, "id", m->id);
	j_str(j, o, "name", m->name);
	j_str(j, o, "issuer", m->issuer);
	j_num(j, o, "originals", m->originals);
	j_num(j, o, "copies", m->copies);
	j_bits(j, o, "form", m->form, catview_form_words, 2);
	j_str(j, o, "need", need_word(m->need));
	j_num(j, o, "deferral_days", m->deferral_days);
	j_str(j, o, "source", source_word(m->source));
	j_str(j, o, "standard", m->standard);
	j_str(j, o, "basis", m->basis);
	j_str(j, o, "blank_form", m->blank_form);
	j_str(j, o, "sample", m->sample);
	return o;
}

static cJSON *json_situation(struct json *j, const struct catalog_situation *s)
{
	cJSON *o = cJSON_CreateObject();

	j_str(j, o, "id", s->id);
	j_str(j, o, "label", s->label);
	j_strv(j, o, "enables", s->enables, s->nenables);
	j_strv(j, o, "disables", s->disables, s->ndisables);
	return o;
}

/* Everything of an item. */
static cJSON *json_item(struct json *j, const struct catalog_item *it, int version)
{
	cJSON *o = json_item_summary(j, it);
	cJSON *a;

	if (!o)
		return NULL;
	j_num(j, o, "catalog_version", version);
	j_str(j, o, "basic_code", it->basic_code);
	j_str(j, o, "pinyin", it->pinyin);
	j_num(j, o, "level", it->level);
	j_str(j, o, "level_name", catview_level_word(it->level));
	j_str(j, o, "dept_code", it->dept_code);
	j_bool(j, o, "fee", it->fee);
	j_str(j, o, "fee_desc", it->fee_desc);
	j_str(j, o, "fee_basis", it->fee_basis);
	j_bits(j, o, "targets", it->targets, catview_target_words, 6);
	j_bits(j, o, "channels", it->channels, catview_channel_words, 4);
	j_bool(j, o, "appointment", it->appointment);
	j_bool(j, o, "online_pay", it->online_pay);
	j_bool(j, o, "express", it->express);
	j_bool(j, o, "online", it->online);
	j_num(j, o, "visits", it->visits);
	j_num(j, o, "online_depth", it->online_depth);
	j_str(j, o, "result", it->result);
	j_str(j, o, "conditions", it->conditions);
	j_str(j, o, "legal_basis", it->legal_basis);
	j_str(j, o, "place", it->place);
	j_str(j, o, "hours", it->hours);
	j_str(j, o, "phone", it->phone);
	j_str(j, o, "version", it->version);
	j_str(j, o, "file", it->file);
	a = cJSON_CreateArray();
	for (size_t i = 0; a && i < it->nfields; i++)
		j_add(j, a, NULL, json_field(j, &it->fields[i]));
	j_add(j, o, "fields", a);
	a = cJSON_CreateArray();
	for (size_t i = 0; a && i < it->nmaterials; i++)
		j_add(j, a, NULL, json_material(j, &it->materials[i]));
	j_add(j, o, "materials", a);
	a = cJSON_CreateArray();
	for (size_t i = 0; a && i < it->nsituations; i++)
		j_add(j, a, NULL, json_situation(j, &it->situations[i]));
	j_add(j, o, "situations", a);
	return o;
}

static cJSON *json_bundle(struct json *j, const struct catalog_bundle *b, int full)
{
	cJSON *o = cJSON_CreateObject();

	j_bool(j, o, "bundle", 1);
	j_str(j, o, "code", b->code);
	j_str(j, o, "name", b->name);
	j_str(j, o, "department", b->lead_department);
	j_str(j, o, "lead_department", b->lead_department);
	j_strv(j, o, "items", b->items, b->nitems);
	j_limit(j, o, "promised_limit", b->promised_limit, b->promised_unit);
	if (full) {
		j_str(j, o, "description", b->description);
		j_str(j, o, "file", b->file);
	}
	return o;
}

/* Prints a JSON value and frees it; -1 when building it failed. */
static int json_print(FILE *out, struct json *j, cJSON *root)
{
	char *text = NULL;

	if (root && !j->oom)
		text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text)
		return -1;
	fprintf(out, "%s\n", text);
	cJSON_free(text);
	return 0;
}

int catview_json_list(FILE *out, const struct catalog *cat)
{
	struct json j = { 0 };
	cJSON *root = cJSON_CreateArray();

	for (size_t i = 0; root && i < cat->nitems; i++)
		j_add(&j, root, NULL, json_item_summary(&j, &cat->items[i]));
	for (size_t i = 0; root && i < cat->nbundles; i++)
		j_add(&j, root, NULL, json_bundle(&j, &cat->bundles[i], 0));
	return json_print(out, &j, root);
}

int catview_json_item(FILE *out, const struct catalog_item *it, int version)
{
	struct json j = { 0 };

	return json_print(out, &j, json_item(&j, it, version));
}

int catview_json_bundle(FILE *out, const struct catalog_bundle *b)
{
	struct json j = { 0 };

	return json_print(out, &j, json_bundle(&j, b, 1));
}
