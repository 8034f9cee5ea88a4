/* test_catalog.c — the catalog text format: every rule of yichuang-forms(5)
 * is reported at the right line, and a valid file yields every value. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/catalog.h"
#include "yichuang/util.h"

/* A valid item; the tests change one line of it (line numbers kept). */
static const char base_item[] =
	"[item]\n"				/* 1 */
	"code = 370102-SPJY-001\n"		/* 2 */
	"name = 食品经营许可\n"			/* 3 */
	"type = 行政许可\n"			/* 4 */
	"level = 县级\n"			/* 5 */
	"department = 历下区市场监督管理局\n"	/* 6 */
	"legal_limit = 20 工作日\n"		/* 7 */
	"promised_limit = 5 工作日\n"		/* 8 */
	"kind = 承诺件\n"			/* 9 */
	"fee = 不收费\n"			/* 10 */
	"targets = 企业法人\n"			/* 11 */
	"channels = 窗口办理\n"			/* 12 */
	"visits = 1\n"				/* 13 */
	"result = 食品经营许可证\n"		/* 14 */
	"conditions = 有经营场所\n"		/* 15 */
	"version = 2026.1\n"			/* 16 */
	"\n"					/* 17 */
	"[material licence]\n"			/* 18 */
	"name = 营业执照\n"			/* 19 */
	"copies = 1\n"				/* 20 */
	"form = 纸质\n"				/* 21 */
	"need = 必要\n";			/* 22 */

struct res {
	struct catalog cat;
	struct catalog_diags d;
	int nerr;
	char text[8192];
};

static struct res *res_new(void)
{
	struct res *r = calloc(1, sizeof *r);

	assert_non_null(r);
	catalog_init(&r->cat);
	return r;
}

static void res_free(struct res *r)
{
	catalog_free(&r->cat);
	catalog_diags_free(&r->d);
	free(r);
}

static void parse_as(struct res *r, const char *text, const char *name)
{
	r->nerr += catalog_parse_text(&r->cat, text, strlen(text), name, &r->d);
}

static struct res *parse(const char *text)
{
	struct res *r = res_new();

	parse_as(r, text, "t.item");
	return r;
}

/* base_item with the line of `key = ...` replaced by line (NULL: made a
 * comment, so that line numbers stay), and extra appended after line 22. */
static struct res *parse_changed(const char *key, const char *line, const char *extra)
{
	struct res *r = res_new();
	const char *s = base_item;
	size_t klen = key ? strlen(key) : 0;
	int done = 0;
	struct strbuf sb;

	sb_init(&sb);
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = (size_t)(nl - s);

		if (!done && key && strncmp(s, key, klen) == 0 && s[klen] == ' ') {
			sb_append(&sb, line ? line : "# removed");
			sb_append(&sb, "\n");
			done = 1;
		} else {
			sb_appendn(&sb, s, n + 1);
		}
		s = nl + 1;
	}
	assert_true(!key || done);
	if (extra)
		sb_append(&sb, extra);
	assert_true(sb.len < sizeof r->text);
	memcpy(r->text, sb.buf, sb.len + 1);
	sb_free(&sb);
	parse_as(r, r->text, "t.item");
	return r;
}

static void dump(const struct res *r)
{
	char buf[1024];

	for (size_t i = 0; i < r->d.n; i++)
		print_message("    diag: %s\n", catalog_diag_format(&r->d.v[i], buf, sizeof buf));
}

/* The diagnostic at line whose message contains needle, or NULL. */
static const struct catalog_diag *find_diag(const struct res *r, int line, const char *needle)
{
	for (size_t i = 0; i < r->d.n; i++)
		if (r->d.v[i].line == line && strstr(r->d.v[i].msg, needle))
			return &r->d.v[i];
	return NULL;
}

static void expect_diag(const struct res *r, int line, const char *needle)
{
	if (!find_diag(r, line, needle)) {
		print_message("no diagnostic at line %d containing \"%s\"\n", line, needle);
		dump(r);
		fail();
	}
}

static void expect_errors(const struct res *r, int n)
{
	if (r->nerr != n || r->d.nerrors != (size_t)n) {
		print_message("wanted %d errors, got %d\n", n, r->nerr);
		dump(r);
		fail();
	}
}

static void test_base_fixture_is_valid(void **state)
{
	struct res *r = parse(base_item);

	(void)state;
	expect_errors(r, 0);
	assert_int_equal(r->d.n, 0);
	assert_int_equal(r->cat.nitems, 1);
	assert_string_equal(r->cat.items[0].file, "t.item");
	assert_int_equal(r->cat.items[0].line, 1);
	assert_null(r->cat.items[0].pinyin);	/* absent: derived later */
	res_free(r);
}

static void test_full_valid_item_parses_every_field(void **state)
{
	static const char text[] =
		"# 食品经营许可\n"
		"[item]\n"
		"code = 11370102MB28XXXX1X4370117001\n"
		"basic_code = 000101700200\n"
		"name = 食品经营许可（新办）\n"
		"short_name = 食品经营许可\n"
		"pinyin = spjyxk\n"
		"type = 1\n"
		"level = 4\n"
		"department = 历下区市场监督管理局\n"
		"dept_code = 91350100M000100Y43\n"
		"legal_limit = 20 工作日\n"
		"promised_limit = 20 自然日\n"
		"kind = 承诺件\n"
		"fee = 收费\n"
		"fee_desc = 工本费 10 元\n"
		"fee_basis = 某某收费标准\n"
		"targets = 自然人、企业法人，事业法人, 社会组织法人、行政机关、其他组织\n"
		"channels = 窗口办理、网上办理、移动端、快递申请\n"
		"appointment = 是\n"
		"online_pay = yes\n"
		"express = 否\n"
		"online = no\n"
		"visits = 2\n"
		"online_depth = 3\n"
		"result = 食品经营许可证\n"
		"conditions = 第一条\n"
		"  第二条\n"
		"\t第三条\n"
		"legal_basis = 食品安全法\n"
		"place = 一楼 A 区\n"
		"hours = 工作日 9:00-17:00\n"
		"phone = 0531-12345678\n"
		"version = 2026.1\n"
		"\n"
		"[field area]\n"
		"label = 经营面积\n"
		"type = money\n"
		"required = 是\n"
		"min = 0.5\n"
		"max = 1000\n"
		"help = 单位：平方米\n"
		"[field mode]\n"
		"label = 主体业态\n"
		"type = choice\n"
		"choices = 食品销售 | 餐饮服务|单位食堂\n"
		"[field addr]\n"
		"label = 地址\n"
		"type = text\n"
		"min_len = 6\n"
		"max_len = 120\n"
		"[material licence]\n"
		"name = 营业执照\n"
		"issuer = 市场监督管理部门\n"
		"originals = 1\n"
		"copies = 2\n"
		"form = 纸质，电子\n"
		"need = 容缺后补\n"
		"deferral_days = 5 工作日\n"
		"source = 政府部门核发\n"
		"standard = 在有效期内\n"
		"basis = 第三十五条\n"
		"blank_form = 空白.pdf\n"
		"sample = 样表.pdf\n"
		"[material plan]\n"
		"name = 平面图\n"
		"form = 电子\n"
		"need = 非必要\n"
		"[situation chain]\n"
		"label = 连锁经营\n"
		"enables = plan\n"
		"disables = licence\n";
	struct res *r = parse(text);
	const struct catalog_item *it;
	const struct catalog_material *m;

	(void)state;
	expect_errors(r, 0);
	assert_int_equal(r->d.n, 0);
	assert_int_equal(r->cat.nitems, 1);
	it = &r->cat.items[0];
	assert_int_equal(it->line, 2);
	assert_string_equal(it->code, "11370102MB28XXXX1X4370117001");
	assert_string_equal(it->basic_code, "000101700200");
	assert_string_equal(it->name, "食品经营许可（新办）");
	assert_string_equal(it->short_name, "食品经营许可");
	assert_string_equal(it->pinyin, "spjyxk");
	assert_int_equal(it->type, ITEM_TYPE_LICENSE);
	assert_int_equal(it->level, 4);
	assert_string_equal(it->department, "历下区市场监督管理局");
	assert_string_equal(it->dept_code, "91350100M000100Y43");
	assert_int_equal(it->legal_limit, 20);
	assert_int_equal(it->legal_unit, LIMIT_WORKDAYS);
	assert_int_equal(it->promised_limit, 20);
	assert_int_equal(it->promised_unit, LIMIT_DAYS);
	assert_int_equal(it->kind, ITEM_PROMISED);
	assert_int_equal(it->fee, 1);
	assert_string_equal(it->fee_desc, "工本费 10 元");
	assert_string_equal(it->fee_basis, "某某收费标准");
	assert_int_equal(it->targets, TARGET_PERSON | TARGET_COMPANY | TARGET_INSTITUTION |
			 TARGET_SOCIAL_ORG | TARGET_AGENCY | TARGET_OTHER_ORG);
	assert_int_equal(it->channels, CHANNEL_WINDOW | CHANNEL_WEB | CHANNEL_MOBILE |
			 CHANNEL_EXPRESS);
	assert_int_equal(it->appointment, 1);
	assert_int_equal(it->online_pay, 1);
	assert_int_equal(it->express, 0);
	assert_int_equal(it->online, 0);
	assert_int_equal(it->visits, 2);
	assert_int_equal(it->online_depth, 3);
	assert_string_equal(it->result, "食品经营许可证");
	assert_string_equal(it->conditions, "第一条\n第二条\n第三条");
	assert_string_equal(it->legal_basis, "食品安全法");
	assert_string_equal(it->place, "一楼 A 区");
	assert_string_equal(it->hours, "工作日 9:00-17:00");
	assert_string_equal(it->phone, "0531-12345678");
	assert_string_equal(it->version, "2026.1");

	assert_int_equal(it->nfields, 3);
	assert_string_equal(it->fields[0].key, "area");
	assert_string_equal(it->fields[0].label, "经营面积");
	assert_int_equal(it->fields[0].type, FIELD_MONEY);
	assert_int_equal(it->fields[0].required, 1);
	assert_true(it->fields[0].has_min && it->fields[0].has_max);
	assert_true(it->fields[0].min == 0.5);
	assert_true(it->fields[0].max == 1000.0);
	assert_string_equal(it->fields[0].help, "单位：平方米");
	assert_int_equal(it->fields[0].line, 36);
	assert_int_equal(it->fields[1].type, FIELD_CHOICE);
	assert_int_equal(it->fields[1].required, 0);
	assert_int_equal(it->fields[1].nchoices, 3);
	assert_string_equal(it->fields[1].choices[0], "食品销售");
	assert_string_equal(it->fields[1].choices[1], "餐饮服务");
	assert_string_equal(it->fields[1].choices[2], "单位食堂");
	assert_false(it->fields[1].has_min);
	assert_int_equal(it->fields[2].type, FIELD_TEXT);
	assert_int_equal(it->fields[2].min_len, 6);
	assert_int_equal(it->fields[2].max_len, 120);

	assert_int_equal(it->nmaterials, 2);
	m = &it->materials[0];
	assert_string_equal(m->id, "licence");
	assert_string_equal(m->name, "营业执照");
	assert_string_equal(m->issuer, "市场监督管理部门");
	assert_int_equal(m->originals, 1);
	assert_int_equal(m->copies, 2);
	assert_int_equal(m->form, FORM_PAPER | FORM_ELECTRONIC);
	assert_int_equal(m->need, NEED_DEFERRABLE);
	assert_int_equal(m->deferral_days, 5);
	assert_int_equal(m->source, SOURCE_DEPARTMENT);
	assert_string_equal(m->standard, "在有效期内");
	assert_string_equal(m->basis, "第三十五条");
	assert_string_equal(m->blank_form, "空白.pdf");
	assert_string_equal(m->sample, "样表.pdf");
	m = &it->materials[1];
	assert_int_equal(m->form, FORM_ELECTRONIC);
	assert_int_equal(m->need, NEED_OPTIONAL);
	assert_int_equal(m->source, SOURCE_SELF);	/* the default */
	assert_null(m->issuer);

	assert_int_equal(it->nsituations, 1);
	assert_string_equal(it->situations[0].id, "chain");
	assert_string_equal(it->situations[0].label, "连锁经营");
	assert_int_equal(it->situations[0].nenables, 1);
	assert_string_equal(it->situations[0].enables[0], "plan");
	assert_int_equal(it->situations[0].ndisables, 1);
	assert_string_equal(it->situations[0].disables[0], "licence");
	res_free(r);
}

static void test_optional_keys_take_their_defaults(void **state)
{
	struct res *r = parse(base_item);
	const struct catalog_item *it = &r->cat.items[0];

	(void)state;
	assert_int_equal(it->online_depth, 1);
	assert_int_equal(it->appointment, 0);
	assert_int_equal(it->online_pay, 0);
	assert_int_equal(it->express, 0);
	assert_int_equal(it->online, 0);
	assert_null(it->short_name);
	assert_null(it->dept_code);
	assert_null(it->legal_basis);
	assert_int_equal(it->materials[0].originals, 0);
	assert_int_equal(it->materials[0].source, SOURCE_SELF);
	res_free(r);
}

static void test_valid_bundle_parses(void **state)
{
	static const char text[] =
		"[bundle]\n"
		"code = yjs-kfdc\n"
		"name = 开办餐馆\n"
		"lead_department = 历下区市场监督管理局\n"
		"items = 370102-SPJY-001、370102-GSDJ-001\n"
		"promised_limit = 5 工作日\n"
		"description = 一次提交\n"
		"  分头办理\n";
	struct res *r = res_new();

	(void)state;
	parse_as(r, text, "t.bundle");
	expect_errors(r, 0);
	assert_int_equal(r->cat.nbundles, 1);
	assert_int_equal(r->cat.nitems, 0);
	assert_string_equal(r->cat.bundles[0].code, "yjs-kfdc");
	assert_string_equal(r->cat.bundles[0].name, "开办餐馆");
	assert_string_equal(r->cat.bundles[0].lead_department, "历下区市场监督管理局");
	assert_int_equal(r->cat.bundles[0].nitems, 2);
	assert_string_equal(r->cat.bundles[0].items[1], "370102-GSDJ-001");
	assert_int_equal(r->cat.bundles[0].promised_limit, 5);
	assert_int_equal(r->cat.bundles[0].promised_unit, LIMIT_WORKDAYS);
	assert_string_equal(r->cat.bundles[0].description, "一次提交\n分头办理");
	assert_string_equal(r->cat.bundles[0].file, "t.bundle");
	assert_int_equal(r->cat.bundles[0].line, 1);
	res_free(r);
}

static void test_missing_required_key_reported_at_section_line(void **state)
{
	struct res *r = parse_changed("department", NULL, NULL);

	(void)state;
	expect_errors(r, 1);
	expect_diag(r, 1, "[item] 缺少必填的键 department（实施主体）");
	res_free(r);
	r = parse_changed("need", NULL, NULL);
	expect_errors(r, 1);
	expect_diag(r, 18, "[material licence] 缺少必填的键 need");
	res_free(r);
}

static void test_empty_value_counts_as_absent(void **state)
{
	struct res *r = parse_changed("result", "result =", "[material x]\nname = x\nform = 电子\n"
				      "need = 必要\nissuer =\n");

	(void)state;
	expect_errors(r, 1);
	expect_diag(r, 14, "result（结果名称）的值为空；该项必填");
	assert_null(r->cat.items[0].materials[1].issuer);
	res_free(r);
}

static void test_bad_value_names_key_value_and_expected(void **state)
{
	struct res *r = parse_changed("kind", "kind = 急办件", NULL);

	(void)state;
	expect_errors(r, 1);
	assert_int_equal(r->d.n, 1);
	assert_string_equal(r->d.v[0].msg, "kind 的值 “急办件” 无效，应为 即办件 或 承诺件");
	assert_int_equal(r->d.v[0].line, 9);
	assert_string_equal(r->d.v[0].file, "t.item");
	res_free(r);
}

static void test_unknown_key_suggests_nearest_known_key(void **state)
{
	struct res *r = parse_changed("promised_limit", "promised_limt = 5 工作日", NULL);

	(void)state;
	expect_diag(r, 8, "[item] 中没有键 promised_limt；是否应为 promised_limit？");
	expect_diag(r, 1, "缺少必填的键 promised_limit");
	expect_errors(r, 2);
	res_free(r);
}

static void test_unknown_key_far_from_all_gets_no_suggestion(void **state)
{
	struct res *r = parse_changed(NULL, NULL, "colour = red\n");

	(void)state;
	expect_errors(r, 1);
	assert_string_equal(r->d.v[0].msg, "[material licence] 中没有键 colour");
	assert_int_equal(r->d.v[0].line, 23);
	res_free(r);
}

static void test_repeated_key_is_an_error(void **state)
{
	struct res *r = parse_changed(NULL, NULL, "need = 非必要\n");

	(void)state;
	expect_errors(r, 1);
	expect_diag(r, 23, "need 重复：第 22 行已经设置过 need");
	assert_int_equal(r->cat.items[0].materials[0].need, NEED_REQUIRED);
	res_free(r);
}

static void test_key_before_any_section_is_an_error(void **state)
{
	struct res *r = res_new();
	char text[4096];

	(void)state;
	snprintf(text, sizeof text, "# c\nname = x\n%s", base_item);
	parse_as(r, text, "t.item");
	expect_errors(r, 1);
	expect_diag(r, 2, "name 出现在任何节之前");
	res_free(r);
}

static void test_second_item_section_is_an_error(void **state)
{
	struct res *r = parse_changed(NULL, NULL, "[item]\ncode = other\nkind = 快办\n");

	(void)state;
	expect_diag(r, 23, "[item] 只能出现一次：第 1 行已有 [item]");
	/* its keys are still checked, not kept */
	expect_diag(r, 25, "kind 的值 “快办” 无效");
	assert_int_equal(r->cat.nitems, 1);
	assert_string_equal(r->cat.items[0].code, "370102-SPJY-001");
	res_free(r);
}

static void test_item_must_be_the_first_section(void **state)
{
	struct res *r = res_new();
	char text[4096];

	(void)state;
	snprintf(text, sizeof text, "[material a]\nname = x\nform = 电子\nneed = 必要\n%s",
		 base_item);
	parse_as(r, text, "t.item");
	expect_errors(r, 1);
	expect_diag(r, 1, "文件的第一节应为 [item]（事项）或 [bundle]（一件事），而不是 [material a]");
	res_free(r);
}

static void test_unknown_section_is_an_error(void **state)
{
	struct res *r = parse_changed(NULL, NULL, "[materal x]\nname = y\n[colour]\n");

	(void)state;
	expect_errors(r, 2);
	expect_diag(r, 23, "未知的节 [materal]；是否应为 [material]？");
	expect_diag(r, 25, "未知的节 [colour]；可用的节为");
	res_free(r);
}

static void test_section_ids_are_required_unique_and_well_formed(void **state)
{
	struct res *r = parse_changed(NULL, NULL,
				      "[material licence]\nname = x\nform = 电子\nneed = 必要\n"
				      "[material]\n"
				      "[field Bad-Key]\nlabel = x\ntype = text\n");

	(void)state;
	expect_diag(r, 23, "[material licence] 重复：第 18 行已定义");
	expect_diag(r, 27, "[material] 缺少标识");
	expect_diag(r, 28, "[field Bad-Key] 的标识 “Bad-Key” 无效");
	expect_errors(r, 3);
	assert_int_equal(r->cat.items[0].nmaterials, 1);
	assert_int_equal(r->cat.items[0].nfields, 0);
	res_free(r);
}

static void test_bundle_section_in_item_file_is_an_error(void **state)
{
	struct res *r = parse_changed(NULL, NULL, "[bundle]\n");

	(void)state;
	expect_diag(r, 23, "[bundle] 不能写在事项文件里");
	assert_int_equal(r->cat.nbundles, 0);
	res_free(r);
}

static void test_every_error_of_a_file_is_reported_in_line_order(void **state)
{
	static const char text[] =
		"[item]\n"			/* 1: lacks type, level ... */
		"code = a b\n"			/* 2 */
		"name = x\n"
		"kind = 快\n"			/* 4 */
		"visits = 10\n"			/* 5 */
		"junk line\n"			/* 6 */
		"[material m]\n"		/* 7 */
		"form = 纸张\n"			/* 8 */
		"need = 必要\n";
	struct res *r = parse(text);
	int last = 0;

	(void)state;
	expect_diag(r, 2, "code 的值 “a b” 无效");
	expect_diag(r, 4, "kind 的值 “快” 无效");
	expect_diag(r, 5, "visits 的值 “10” 无效，应为 0 到 9 之间的整数");
	expect_diag(r, 6, "无法识别的行");
	expect_diag(r, 7, "[material m] 缺少必填的键 name");
	expect_diag(r, 8, "form 中的 “纸张” 无效");
	expect_diag(r, 1, "缺少必填的键 type");
	expect_diag(r, 1, "缺少必填的键 version");
	/* 9 missing keys of [item] (type level department legal_limit
	 * promised_limit fee targets channels result conditions version = 11)
	 * plus the 6 above */
	expect_errors(r, 11 + 6);
	for (size_t i = 0; i < r->d.n; i++) {
		assert_true(r->d.v[i].line >= last);
		last = r->d.v[i].line;
	}
	res_free(r);
}

static void test_continuation_lines_join_with_newline(void **state)
{
	struct res *r = parse_changed("conditions", "conditions =\n  一、有场所\n\t二、有人员  ",
				      NULL);

	(void)state;
	expect_errors(r, 0);
	assert_string_equal(r->cat.items[0].conditions, "一、有场所\n二、有人员");
	res_free(r);
}

static void test_continuation_anywhere_else_is_an_error(void **state)
{
	struct res *r = parse_changed("conditions", "conditions = a\n\n  b", "[situation s]\n  c\n");

	(void)state;
	expect_diag(r, 17, "续行（以空格或制表符开头的行）只能紧跟在 key = value 行");
	expect_diag(r, 26, "续行");
	assert_string_equal(r->cat.items[0].conditions, "a");
	res_free(r);
}

static void test_continuation_of_single_line_key_is_an_error(void **state)
{
	struct res *r = parse_changed("name", "name = 食品\n  经营许可", NULL);

	(void)state;
	expect_errors(r, 1);
	expect_diag(r, 3, "name 的值只能写一行，不能有续行");
	res_free(r);
}

static void test_crlf_line_endings_are_accepted(void **state)
{
	struct strbuf sb;
	struct res *r = res_new();

	(void)state;
	sb_init(&sb);
	for (const char *s = base_item; *s; s++) {
		if (*s == '\n')
			sb_append(&sb, "\r");
		sb_appendn(&sb, s, 1);
	}
	sb_append(&sb, "conditions_x = 1\r\n");
	parse_as(r, sb.buf, "t.item");
	sb_free(&sb);
	expect_errors(r, 1);
	expect_diag(r, 23, "中没有键 conditions_x");
	assert_string_equal(r->cat.items[0].version, "2026.1");
	assert_int_equal(r->cat.items[0].materials[0].need, NEED_REQUIRED);
	res_free(r);
}

static void test_utf8_bom_is_accepted(void **state)
{
	struct res *r = res_new();
	char text[4096];

	(void)state;
	snprintf(text, sizeof text, "\xEF\xBB\xBF%s", base_item);
	parse_as(r, text, "t.item");
	expect_errors(r, 0);
	assert_int_equal(r->cat.items[0].line, 1);
	res_free(r);
}

static void test_invalid_utf8_is_reported_per_line(void **state)
{
	struct res *r = parse_changed("result", "result = \xe9\xa3", "issuer = \xc0\xaf\n");

	(void)state;
	expect_diag(r, 14, "此行不是有效的 UTF-8 文本");
	expect_diag(r, 23, "此行不是有效的 UTF-8 文本");
	expect_diag(r, 1, "缺少必填的键 result");
	expect_errors(r, 3);
	res_free(r);
}

static void test_lists_accept_dunhao_and_commas(void **state)
{
	struct res *r = parse_changed("targets", "targets = 自然人、企业法人，其他组织 , 行政机关、\n"
				      "  事业法人", NULL);

	(void)state;
	expect_errors(r, 0);
	assert_int_equal(r->cat.items[0].targets, TARGET_PERSON | TARGET_COMPANY |
			 TARGET_OTHER_ORG | TARGET_AGENCY | TARGET_INSTITUTION);
	res_free(r);
}

static void test_each_bad_list_member_is_named(void **state)
{
	struct res *r = parse_changed("channels", "channels = 窗口办理、电话办理、上门", NULL);

	(void)state;
	expect_errors(r, 2);
	expect_diag(r, 12, "channels 中的 “电话办理” 无效，应为 窗口办理、网上办理、移动端、快递申请");
	expect_diag(r, 12, "channels 中的 “上门” 无效");
	res_free(r);
}

static void test_limits_take_both_units_with_or_without_space(void **state)
{
	static const struct {
		const char *text;
		int n;
		enum limit_unit unit;
	} ok[] = {
		{ "legal_limit = 20工作日", 20, LIMIT_WORKDAYS },
		{ "legal_limit = 60 自然日", 60, LIMIT_DAYS },
		{ "legal_limit = 15 workdays", 15, LIMIT_WORKDAYS },
		{ "legal_limit = 30days", 30, LIMIT_DAYS },
		{ "legal_limit = 0 工作日", 0, LIMIT_WORKDAYS },
		{ "legal_limit = 3650 自然日", 3650, LIMIT_DAYS },
	};
	static const char *const bad[] = {
		"legal_limit = 20", "legal_limit = 3651 工作日", "legal_limit = 二十 工作日",
		"legal_limit = 20 天", "legal_limit = -1 工作日", "legal_limit = 工作日",
	};

	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct res *r = parse_changed("legal_limit", ok[i].text, NULL);

		expect_errors(r, 0);
		assert_int_equal(r->cat.items[0].legal_limit, ok[i].n);
		assert_int_equal(r->cat.items[0].legal_unit, ok[i].unit);
		res_free(r);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct res *r = parse_changed("legal_limit", bad[i], NULL);

		expect_errors(r, 1);
		expect_diag(r, 7, "legal_limit 的值");
		expect_diag(r, 7, "应为 “N 工作日” 或 “N 自然日”（N 为 0 到 3650）");
		res_free(r);
	}
}

static void test_instant_item_with_promised_limit_is_rejected(void **state)
{
	struct res *r = parse_changed("kind", "kind = 即办件", NULL);

	(void)state;
	expect_errors(r, 1);
	expect_diag(r, 8, "即办件当场办结，promised_limit 应为 0，现为 5 工作日");
	res_free(r);
	/* A 承诺件 promises at least one day: 0 would make the case overdue
	 * the day after acceptance. */
	r = parse_changed("promised_limit", "promised_limit = 0 工作日", "");
	expect_errors(r, 1);
	expect_diag(r, 8, "承诺件的 promised_limit 至少为 1");
	res_free(r);
}

static void test_promised_beyond_legal_is_rejected(void **state)
{
	struct res *r = parse_changed("promised_limit", "promised_limit = 21 工作日", NULL);

	(void)state;
	expect_errors(r, 1);
	expect_diag(r, 8, "promised_limit（21 工作日）超过了 legal_limit（20 工作日）");
	res_free(r);
	/* Across units: 20 working days span 28 calendar days or more, up to
	 * about 38 with a holiday week.  25 calendar days may be longer than
	 * the law allows (a warning), 39 certainly is (an error), 20 is not. */
	r = parse_changed("promised_limit", "promised_limit = 25 自然日", NULL);
	expect_errors(r, 0);
	assert_int_equal(r->d.n, 1);
	expect_diag(r, 8, "单位不同，可能长于法定时限");
	res_free(r);
	r = parse_changed("promised_limit", "promised_limit = 39 自然日", NULL);
	expect_errors(r, 1);
	expect_diag(r, 8, "promised_limit（39 自然日）超过了 legal_limit（20 工作日）");
	res_free(r);
	r = parse_changed("promised_limit", "promised_limit = 20 自然日", NULL);
	expect_errors(r, 0);
	assert_int_equal(r->d.n, 0);
	res_free(r);
	/* a legal limit of 0 means none */
	r = parse_changed("legal_limit", "legal_limit = 0 工作日", NULL);
	expect_errors(r, 0);
	res_free(r);
}

static void test_deferrable_material_needs_deferral_days(void **state)
{
	struct res *r = parse_changed("need", "need = 容缺后补", NULL);

	(void)state;
	expect_errors(r, 1);
	expect_diag(r, 18, "[material licence] 缺少 deferral_days（容缺后补期限）：need 为 容缺后补 时必填");
	res_free(r);
}

static void test_deferral_days_only_for_deferrable_material(void **state)
{
	struct res *r = parse_changed(NULL, NULL, "deferral_days = 5\n");

	(void)state;
	expect_errors(r, 1);
	expect_diag(r, 23, "deferral_days 只适用于 need 为 容缺后补 的材料，此处 need 为 必要");
	res_free(r);
}

static void test_deferral_days_between_1_and_60_workdays(void **state)
{
	static const char *const bad[] = { "0", "61", "5 自然日", "五" };

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char extra[64];
		struct res *r;

		snprintf(extra, sizeof extra, "deferral_days = %s\n", bad[i]);
		r = parse_changed("need", "need = 容缺后补", extra);
		expect_errors(r, 1);
		expect_diag(r, 23, "deferral_days 的值");
		expect_diag(r, 23, "应为 1 到 60 个工作日");
		res_free(r);
	}
	{
		struct res *r = parse_changed("need", "need = 容缺后补", "deferral_days = 60 工作日\n");

		expect_errors(r, 0);
		assert_int_equal(r->cat.items[0].materials[0].deferral_days, 60);
		res_free(r);
	}
}

static void test_paper_material_needs_an_original_or_a_copy(void **state)
{
	struct res *r = parse_changed("copies", NULL, NULL);

	(void)state;
	expect_errors(r, 1);
	expect_diag(r, 18, "[material licence] 是纸质材料，originals（原件份数）与 copies（复印件份数）之和至少为 1");
	res_free(r);
	r = parse_changed("form", "form = 电子", NULL);
	expect_errors(r, 0);
	res_free(r);
}

static void test_situation_naming_unknown_material_is_rejected(void **state)
{
	struct res *r = parse_changed(NULL, NULL,
				      "[situation agent]\nlabel = 委托代理\n"
				      "enables = licence, proxy\n"
				      "disables = photo\n");

	(void)state;
	expect_errors(r, 2);
	expect_diag(r, 25, "[situation agent] 的 enables 提到材料 “proxy”，但本事项没有 [material proxy]");
	expect_diag(r, 26, "[situation agent] 的 disables 提到材料 “photo”");
	res_free(r);
}

static void test_situation_may_name_material_defined_after_it(void **state)
{
	static const char text[] =
		"[situation agent]\nlabel = 委托代理\nenables = proxy\n"
		"[material proxy]\nname = 委托书\noriginals = 1\nform = 纸质\nneed = 必要\n";
	struct res *r;
	char buf[4096];

	(void)state;
	snprintf(buf, sizeof buf, "%s%s", base_item, text);
	r = parse(buf);
	expect_errors(r, 0);
	assert_non_null(catalog_find_material(&r->cat.items[0], "proxy"));
	res_free(r);
}

static void test_dept_code_check_digit_failure_is_a_warning(void **state)
{
	struct res *r;

	(void)state;
	r = parse_changed("department", "department = 某局\ndept_code = 91350100M000100Y44", NULL);
	assert_int_equal(r->nerr, 0);
	assert_int_equal(r->d.nerrors, 0);
	assert_int_equal(r->d.n, 1);
	assert_int_equal(r->d.v[0].warning, 1);
	assert_int_equal(r->d.v[0].line, 7);
	assert_string_equal(r->d.v[0].msg, "dept_code “91350100M000100Y44” 的校验位应为 3 而不是 4；"
			    "请核对实施主体的统一社会信用代码");
	assert_string_equal(r->cat.items[0].dept_code, "91350100M000100Y44");
	res_free(r);
}

static void test_dept_code_of_wrong_form_is_an_error(void **state)
{
	struct res *r = parse_changed("department", "department = 某局\ndept_code = 91350100I000100Y43", NULL);

	(void)state;
	expect_errors(r, 1);
	expect_diag(r, 7, "dept_code 的值 “91350100I000100Y43” 无效，应为 18 位统一社会信用代码");
	res_free(r);
}

static void test_fee_needs_description_and_basis(void **state)
{
	struct res *r = parse_changed("fee", "fee = 收费", NULL);

	(void)state;
	expect_errors(r, 2);
	expect_diag(r, 1, "[item] 缺少 fee_desc（收费标准）：fee 为 收费 时必填");
	expect_diag(r, 1, "[item] 缺少 fee_basis（收费依据）");
	res_free(r);
}

static void test_field_type_decides_which_keys_apply(void **state)
{
	struct res *r = parse_changed(NULL, NULL,
				      "[field a]\nlabel = 类别\ntype = choice\n"	/* 23 */
				      "[field b]\nlabel = 名称\ntype = text\nchoices = x|y\nmin = 1\n"
				      "[field c]\nlabel = 金额\ntype = number\nmax_len = 3\nmin = 5\nmax = 4\n");

	(void)state;
	expect_diag(r, 23, "[field a] 缺少 choices（选项）：type 为 choice 时必填");
	expect_diag(r, 29, "choices 只适用于 type 为 choice 的字段");
	expect_diag(r, 30, "min 只适用于 type 为 number 或 money 的字段");
	expect_diag(r, 34, "max_len 只适用于 type 为 text 的字段");
	expect_diag(r, 36, "max（4）小于 min（5）");
	expect_errors(r, 5);
	res_free(r);
}

static void test_texts_have_length_limits(void **state)
{
	struct res *r;
	char line[1024];
	struct strbuf sb;

	(void)state;
	sb_init(&sb);
	sb_append(&sb, "name = ");
	for (int i = 0; i < 201; i++)
		sb_append(&sb, "许");
	snprintf(line, sizeof line, "%s", sb.buf);
	sb_free(&sb);
	r = parse_changed("name", line, NULL);
	expect_errors(r, 1);
	expect_diag(r, 3, "name 过长：201 个字符，最多 200 个");
	res_free(r);
	r = parse_changed("result", "result = 许可证\nshort_name = 一二三四五六七八九十一二三", NULL);
	expect_diag(r, 15, "short_name 过长：13 个字符，最多 12 个");
	res_free(r);
}

static void test_type_and_level_take_names_or_numbers(void **state)
{
	struct res *r = parse_changed("type", "type = 20", NULL);

	(void)state;
	expect_errors(r, 0);
	assert_int_equal(r->cat.items[0].type, ITEM_TYPE_PUBLIC);
	res_free(r);
	r = parse_changed("type", "type = 公共服务", NULL);
	assert_int_equal(r->cat.items[0].type, ITEM_TYPE_PUBLIC);
	res_free(r);
	r = parse_changed("type", "type = 11", NULL);
	expect_errors(r, 1);
	expect_diag(r, 4, "type 的值 “11” 无效");
	res_free(r);
	r = parse_changed("level", "level = 6", NULL);
	assert_int_equal(r->cat.items[0].level, 6);
	res_free(r);
	r = parse_changed("level", "level = 区级", NULL);
	expect_diag(r, 5, "level 的值 “区级” 无效，应为 国家级、省级、市级、县级、乡镇级、村级之一，或 1 到 6");
	res_free(r);
}

static void test_pinyin_must_be_lowercase_initials(void **state)
{
	struct res *r = parse_changed("result", "result = x\npinyin = SPJY", NULL);

	(void)state;
	expect_errors(r, 1);
	expect_diag(r, 15, "pinyin 的值 “SPJY” 无效");
	res_free(r);
}

static void test_booleans_are_shi_fou_yes_no(void **state)
{
	struct res *r = parse_changed("result", "result = x\nexpress = 对", NULL);

	(void)state;
	expect_errors(r, 1);
	expect_diag(r, 15, "express 的值 “对” 无效，应为 是 或 否");
	res_free(r);
}

static void test_bundle_lists_at_least_two_distinct_items(void **state)
{
	struct res *r = res_new();

	(void)state;
	parse_as(r, "[bundle]\ncode = b\nname = n\nlead_department = d\n"
		 "items = a\npromised_limit = 3 工作日\n", "b.bundle");
	expect_errors(r, 1);
	expect_diag(r, 5, "items 至少应列出 2 项，现有 1 项");
	res_free(r);
	r = res_new();
	parse_as(r, "[bundle]\ncode = b\nname = n\nlead_department = d\n"
		 "items = a、b、a\npromised_limit = 3 工作日\n[material x]\n", "b.bundle");
	expect_diag(r, 5, "items 中 “a” 出现了不止一次");
	expect_diag(r, 7, "一件事文件（以 [bundle] 开头）只能有一个 [bundle] 节，不能有 [material x]");
	res_free(r);
}

static void test_empty_file_is_an_error(void **state)
{
	struct res *r = parse("# nothing\n\n");

	(void)state;
	expect_errors(r, 1);
	assert_int_equal(r->d.v[0].line, 0);
	assert_non_null(strstr(r->d.v[0].msg, "文件中没有 [item] 或 [bundle] 节"));
	res_free(r);
}

static void test_unreadable_file_is_one_error(void **state)
{
	struct res *r = res_new();

	(void)state;
	r->nerr = catalog_parse_file(&r->cat, "tests/unit/data/catalog/no-such.item", &r->d);
	assert_int_equal(r->nerr, 1);
	assert_int_equal(r->d.n, 1);
	assert_int_equal(r->d.v[0].line, 0);
	assert_string_equal(r->d.v[0].file, "tests/unit/data/catalog/no-such.item");
	res_free(r);
}

/* Item text with the given code and department. */
static void item_text(char *buf, size_t sz, const char *code, const char *dept)
{
	snprintf(buf, sz,
		 "[item]\ncode = %s\nname = 某事项\ntype = 行政确认\nlevel = 县级\n"
		 "department = %s\nlegal_limit = 10 工作日\npromised_limit = 5 工作日\n"
		 "kind = 承诺件\nfee = 不收费\ntargets = 自然人\nchannels = 窗口办理\n"
		 "visits = 1\nresult = 证明\nconditions = 无\nversion = 1\n", code, dept);
}

static void test_item_code_duplicate_across_files_is_an_error(void **state)
{
	struct res *r = res_new();
	char text[2048];
	int n;

	(void)state;
	item_text(text, sizeof text, "A-1", "甲局");
	parse_as(r, text, "forms/a.item");
	parse_as(r, text, "forms/b.item");
	expect_errors(r, 0);
	n = catalog_validate(&r->cat, &r->d);
	assert_int_equal(n, 1);
	assert_int_equal(r->d.n, 1);
	assert_string_equal(r->d.v[0].file, "forms/b.item");
	assert_int_equal(r->d.v[0].line, 1);
	assert_string_equal(r->d.v[0].msg, "事项编码 “A-1” 重复：forms/a.item:1 已定义同一编码的事项");
	res_free(r);
}

static void test_bundle_naming_unknown_item_is_an_error(void **state)
{
	struct res *r = res_new();
	char text[2048];

	(void)state;
	item_text(text, sizeof text, "A-1", "甲局");
	parse_as(r, text, "a.item");
	parse_as(r, "[bundle]\ncode = yjs\nname = 一件事\nlead_department = 甲局\n"
		 "items = A-1、B-9\npromised_limit = 5 工作日\n", "y.bundle");
	expect_errors(r, 0);
	assert_int_equal(catalog_validate(&r->cat, &r->d), 1);
	assert_string_equal(r->d.v[0].msg, "一件事 “yjs” 的 items 中的 “B-9” 不是任何已加载事项的编码");
	assert_string_equal(r->d.v[0].file, "y.bundle");
	res_free(r);
}

static void test_bundle_lead_department_must_be_one_of_its_items(void **state)
{
	struct res *r = res_new();
	char text[2048];

	(void)state;
	item_text(text, sizeof text, "A-1", "甲局");
	parse_as(r, text, "a.item");
	item_text(text, sizeof text, "B-1", "乙局");
	parse_as(r, text, "b.item");
	parse_as(r, "[bundle]\ncode = yjs\nname = 一件事\nlead_department = 丙局\n"
		 "items = A-1、B-1\npromised_limit = 5 工作日\n", "y.bundle");
	assert_int_equal(catalog_validate(&r->cat, &r->d), 1);
	assert_string_equal(r->d.v[0].msg, "一件事 “yjs” 的 lead_department “丙局” "
			    "不是其事项的实施主体；应为以下之一：甲局、乙局");
	res_free(r);
	r = res_new();
	item_text(text, sizeof text, "A-1", "甲局");
	parse_as(r, text, "a.item");
	item_text(text, sizeof text, "B-1", "乙局");
	parse_as(r, text, "b.item");
	parse_as(r, "[bundle]\ncode = yjs\nname = 一件事\nlead_department = 乙局\n"
		 "items = A-1、B-1\npromised_limit = 5 工作日\n", "y.bundle");
	assert_int_equal(catalog_validate(&r->cat, &r->d), 0);
	assert_non_null(catalog_find_bundle(&r->cat, "yjs"));
	assert_non_null(catalog_find_item(&r->cat, "B-1"));
	assert_null(catalog_find_item(&r->cat, "yjs"));
	res_free(r);
}

static void test_bundle_code_duplicate_is_an_error(void **state)
{
	struct res *r = res_new();
	static const char b[] = "[bundle]\ncode = A-1\nname = 一件事\nlead_department = 甲局\n"
				"items = A-1、A-2\npromised_limit = 5 工作日\n";
	char text[2048];

	(void)state;
	item_text(text, sizeof text, "A-1", "甲局");
	parse_as(r, text, "a.item");
	item_text(text, sizeof text, "A-2", "甲局");
	parse_as(r, text, "a2.item");
	parse_as(r, b, "x.bundle");
	parse_as(r, b, "y.bundle");
	expect_errors(r, 0);
	assert_int_equal(catalog_validate(&r->cat, &r->d), 3);
	expect_diag(r, 1, "一件事编码 “A-1” 重复：x.bundle:1 已定义同一编码的一件事");
	expect_diag(r, 1, "一件事编码 “A-1” 与 a.item:1 的事项编码相同");
	res_free(r);
}

static void test_diag_format_puts_file_line_and_warning(void **state)
{
	struct catalog_diag d = { "forms/spjy.item", 14, 0, "kind 的值无效" };
	char buf[256];

	(void)state;
	assert_string_equal(catalog_diag_format(&d, buf, sizeof buf),
			    "forms/spjy.item:14: kind 的值无效");
	d.warning = 1;
	assert_string_equal(catalog_diag_format(&d, buf, sizeof buf),
			    "forms/spjy.item:14: 警告: kind 的值无效");
	d.line = 0;
	d.warning = 0;
	assert_string_equal(catalog_diag_format(&d, buf, sizeof buf),
			    "forms/spjy.item: kind 的值无效");
}

static void test_enumeration_names(void **state)
{
	(void)state;
	assert_string_equal(catalog_type_name(ITEM_TYPE_LICENSE), "行政许可");
	assert_string_equal(catalog_type_name(ITEM_TYPE_PUBLIC), "公共服务");
	assert_string_equal(catalog_kind_name(ITEM_INSTANT), "即办件");
	assert_string_equal(catalog_unit_name(LIMIT_DAYS), "自然日");
	assert_string_equal(catalog_need_name(NEED_DEFERRABLE), "容缺后补");
	assert_string_equal(catalog_source_name(SOURCE_DEPARTMENT), "政府部门核发");
	assert_string_equal(catalog_field_type_name(FIELD_USCC), "统一社会信用代码");
}

static void test_long_value_is_cut_when_quoted(void **state)
{
	struct res *r = parse_changed("kind", "kind = 一二三四五六七八九十一二三四五六七八九十"
				      "一二三四五六七八九十一二三四五六七八九十一二三", NULL);

	(void)state;
	expect_diag(r, 9, "“一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十…”");
	res_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_base_fixture_is_valid),
		cmocka_unit_test(test_full_valid_item_parses_every_field),
		cmocka_unit_test(test_optional_keys_take_their_defaults),
		cmocka_unit_test(test_valid_bundle_parses),
		cmocka_unit_test(test_missing_required_key_reported_at_section_line),
		cmocka_unit_test(test_empty_value_counts_as_absent),
		cmocka_unit_test(test_bad_value_names_key_value_and_expected),
		cmocka_unit_test(test_unknown_key_suggests_nearest_known_key),
		cmocka_unit_test(test_unknown_key_far_from_all_gets_no_suggestion),
		cmocka_unit_test(test_repeated_key_is_an_error),
		cmocka_unit_test(test_key_before_any_section_is_an_error),
		cmocka_unit_test(test_second_item_section_is_an_error),
		cmocka_unit_test(test_item_must_be_the_first_section),
		cmocka_unit_test(test_unknown_section_is_an_error),
		cmocka_unit_test(test_section_ids_are_required_unique_and_well_formed),
		cmocka_unit_test(test_bundle_section_in_item_file_is_an_error),
		cmocka_unit_test(test_every_error_of_a_file_is_reported_in_line_order),
		cmocka_unit_test(test_continuation_lines_join_with_newline),
		cmocka_unit_test(test_continuation_anywhere_else_is_an_error),
		cmocka_unit_test(test_continuation_of_single_line_key_is_an_error),
		cmocka_unit_test(test_crlf_line_endings_are_accepted),
		cmocka_unit_test(test_utf8_bom_is_accepted),
		cmocka_unit_test(test_invalid_utf8_is_reported_per_line),
		cmocka_unit_test(test_lists_accept_dunhao_and_commas),
		cmocka_unit_test(test_each_bad_list_member_is_named),
		cmocka_unit_test(test_limits_take_both_units_with_or_without_space),
		cmocka_unit_test(test_instant_item_with_promised_limit_is_rejected),
		cmocka_unit_test(test_promised_beyond_legal_is_rejected),
		cmocka_unit_test(test_deferrable_material_needs_deferral_days),
		cmocka_unit_test(test_deferral_days_only_for_deferrable_material),
		cmocka_unit_test(test_deferral_days_between_1_and_60_workdays),
		cmocka_unit_test(test_paper_material_needs_an_original_or_a_copy),
		cmocka_unit_test(test_situation_naming_unknown_material_is_rejected),
		cmocka_unit_test(test_situation_may_name_material_defined_after_it),
		cmocka_unit_test(test_dept_code_check_digit_failure_is_a_warning),
		cmocka_unit_test(test_dept_code_of_wrong_form_is_an_error),
		cmocka_unit_test(test_fee_needs_description_and_basis),
		cmocka_unit_test(test_field_type_decides_which_keys_apply),
		cmocka_unit_test(test_texts_have_length_limits),
		cmocka_unit_test(test_type_and_level_take_names_or_numbers),
		cmocka_unit_test(test_pinyin_must_be_lowercase_initials),
		cmocka_unit_test(test_booleans_are_shi_fou_yes_no),
		cmocka_unit_test(test_bundle_lists_at_least_two_distinct_items),
		cmocka_unit_test(test_empty_file_is_an_error),
		cmocka_unit_test(test_unreadable_file_is_one_error),
		cmocka_unit_test(test_item_code_duplicate_across_files_is_an_error),
		cmocka_unit_test(test_bundle_naming_unknown_item_is_an_error),
		cmocka_unit_test(test_bundle_lead_department_must_be_one_of_its_items),
		cmocka_unit_test(test_bundle_code_duplicate_is_an_error),
		cmocka_unit_test(test_diag_format_puts_file_line_and_warning),
		cmocka_unit_test(test_enumeration_names),
		cmocka_unit_test(test_long_value_is_cut_when_quoted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
