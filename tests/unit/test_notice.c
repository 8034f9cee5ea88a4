/* test_notice.c — the 一次告知单 built from the catalog: every material
 * with form, counts, necessity and source; department-issued materials are
 * not asked for; limits, fees with basis, place, hours, phone and result;
 * bundles list their items and every material once; limits say 个工作日;
 * the layout keeps to the width. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "yichuang/catalog.h"
#include "yichuang/notice.h"
#include "yichuang/textwrap.h"
#include "yichuang/util.h"

static const char item_text[] =
	"[item]\n"
	"code = 370102-SPJY-001\n"
	"name = 食品经营许可\n"
	"type = 行政许可\n"
	"level = 县级\n"
	"department = 历下区市场监督管理局\n"
	"legal_limit = 20 工作日\n"
	"promised_limit = 5 工作日\n"
	"kind = 承诺件\n"
	"fee = 收费\n"
	"fee_desc = 每证 10 元\n"
	"fee_basis = 某价费字〔2020〕1 号\n"
	"targets = 企业法人\n"
	"channels = 窗口办理\n"
	"visits = 1\n"
	"result = 食品经营许可证\n"
	"conditions = 1. 有经营场所；\n 2. 有安全管理制度。\n"
	"place = 政务服务中心一楼\n"
	"hours = 工作日 9:00-17:00\n"
	"phone = 0531-1234567\n"
	"version = 2026.1\n"
	"\n"
	"[material sqs]\n"
	"name = 申请书\n"
	"originals = 1\n"
	"copies = 2\n"
	"form = 纸质,电子\n"
	"need = 必要\n"
	"standard = 签字并盖章\n"
	"\n"
	"[material yyzz]\n"
	"name = 营业执照\n"
	"form = 电子\n"
	"need = 必要\n"
	"source = 政府部门核发\n"
	"\n"
	"[material zd]\n"
	"name = 规章制度\n"
	"originals = 1\n"
	"form = 纸质\n"
	"need = 容缺后补\n"
	"deferral_days = 5\n"
	"\n"
	"[situation chain]\n"
	"label = 连锁经营\n"
	"enables = zd\n";

static const char item2_text[] =
	"[item]\n"
	"code = 370102-XZF-001\n"
	"name = 食品小作坊登记\n"
	"type = 行政许可\n"
	"level = 县级\n"
	"department = 历下区市场监督管理局\n"
	"legal_limit = 10 工作日\n"
	"promised_limit = 3 工作日\n"
	"kind = 承诺件\n"
	"fee = 不收费\n"
	"targets = 自然人\n"
	"conditions = 有生产场所\n"
	"channels = 窗口办理\n"
	"visits = 1\n"
	"result = 小作坊登记证\n"
	"version = 2026.1\n"
	"\n"
	"[material yyzz]\n"
	"name = 营业执照\n"
	"copies = 1\n"
	"form = 电子\n"
	"need = 必要\n"
	"source = 政府部门核发\n"
	"\n"
	"[material gy]\n"
	"name = 生产工艺流程\n"
	"originals = 1\n"
	"form = 纸质\n"
	"need = 必要\n";

static const char bundle_text[] =
	"[bundle]\n"
	"code = YJS-1\n"
	"name = 开店一件事\n"
	"lead_department = 历下区市场监督管理局\n"
	"items = 370102-SPJY-001、370102-XZF-001、NO-SUCH-ITEM\n"
	"promised_limit = 3 工作日\n";

static struct catalog cat;

static int setup(void **state)
{
	struct catalog_diags d = { 0 };
	int nerr;

	(void)state;
	catalog_init(&cat);
	nerr = catalog_parse_text(&cat, item_text, strlen(item_text), "t.item", &d);
	nerr += catalog_parse_text(&cat, item2_text, strlen(item2_text), "t2.item", &d);
	nerr += catalog_parse_text(&cat, bundle_text, strlen(bundle_text), "t.bundle", &d);
	for (size_t i = 0; i < d.n; i++)
		print_message("diag: %s:%d: %s\n", d.v[i].file, d.v[i].line, d.v[i].msg);
	catalog_diags_free(&d);
	return nerr == 0 && cat.nitems == 2 && cat.nbundles == 1 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	catalog_free(&cat);
	return 0;
}

static const struct notice_section *section(const struct notice *n, const char *title)
{
	for (size_t i = 0; i < n->nsections; i++)
		if (strcmp(n->sections[i].title, title) == 0)
			return &n->sections[i];
	fail_msg("no section %s", title);
	return NULL;
}

static const char *text(const struct notice_section *s, size_t i)
{
	assert_true(i < s->nlines);
	return s->lines[i].text;
}

static void build(struct notice *n)
{
	char err[YC_ERRSZ];

	assert_int_equal(notice_build_item(n, &cat.items[0], err, sizeof err), 0);
}

static void test_notice_names_the_item_and_its_department(void **state)
{
	struct notice n;
	const struct notice_section *s;

	(void)state;
	build(&n);
	assert_string_equal(n.title, "一次告知单");
	assert_string_equal(n.subject, "食品经营许可");
	s = section(&n, "事项");
	assert_string_equal(text(s, 0), "事项名称：食品经营许可");
	assert_string_equal(text(s, 1), "事项编码：370102-SPJY-001");
	assert_string_equal(text(s, 2), "实施主体：历下区市场监督管理局");
	notice_free(&n);
}

static void test_conditions_are_listed_line_by_line_hanging_under_the_number(void **state)
{
	struct notice n;
	const struct notice_section *s;

	(void)state;
	build(&n);
	s = section(&n, "受理条件");
	assert_int_equal(s->nlines, 2);
	assert_string_equal(text(s, 0), "1. 有经营场所；");
	assert_int_equal(s->lines[0].hang, 3);
	assert_string_equal(text(s, 1), "2. 有安全管理制度。");
	notice_free(&n);
}

static void test_every_material_has_form_counts_necessity_and_source(void **state)
{
	struct notice n;
	const struct notice_section *s;

	(void)state;
	build(&n);
	s = section(&n, "申请材料（共 3 项）");
	assert_string_equal(text(s, 0), "1. 申请书【必要】");
	assert_string_equal(text(s, 1), "形式：纸质、电子；原件 1 份，复印件 2 份");
	assert_int_equal(s->lines[1].indent, 3);
	assert_string_equal(text(s, 2), "来源：申请人自备");
	assert_string_equal(text(s, 3), "受理标准：签字并盖章");
	/* A wrapped standard lines up after its label. */
	assert_int_equal(s->lines[3].hang, utf8_width("受理标准："));
	notice_free(&n);
}

static void test_department_issued_material_is_not_asked_for(void **state)
{
	struct notice n;
	const struct notice_section *s;

	(void)state;
	build(&n);
	s = section(&n, "申请材料（共 3 项）");
	assert_string_equal(text(s, 4), "2. 营业执照【必要】");
	assert_string_equal(text(s, 5), "形式：电子");
	assert_string_equal(text(s, 6), "来源：政府部门核发，窗口从电子证照库调取，申请人无需携带");
	notice_free(&n);
}

static void test_deferrable_material_says_when_it_is_due_and_its_situation(void **state)
{
	struct notice n;
	const struct notice_section *s;

	(void)state;
	build(&n);
	s = section(&n, "申请材料（共 3 项）");
	assert_string_equal(text(s, 7), "3. 规章制度【容缺后补】");
	assert_string_equal(text(s, 8), "形式：纸质；原件 1 份");
	assert_string_equal(text(s, 9), "来源：申请人自备");
	assert_string_equal(text(s, 10), "容缺后补：可先受理，自受理之日起 5 个工作日内补交");
	assert_string_equal(text(s, 11), "仅在以下情形提交：连锁经营");
	assert_int_equal(s->nlines, 12);
	notice_free(&n);
}

static void test_limits_fees_place_and_result_are_stated(void **state)
{
	struct notice n;
	const struct notice_section *s;

	(void)state;
	build(&n);
	s = section(&n, "办理时限");
	assert_string_equal(text(s, 0), "法定办结时限：20 个工作日");
	assert_string_equal(text(s, 1), "承诺办结时限：5 个工作日");
	assert_string_equal(text(s, 2), "办件类型：承诺件");
	s = section(&n, "收费");
	assert_string_equal(text(s, 0), "收费标准：每证 10 元");
	assert_string_equal(text(s, 1), "收费依据：某价费字〔2020〕1 号");
	s = section(&n, "办理地点、时间和咨询电话");
	assert_string_equal(text(s, 0), "办理地点：政务服务中心一楼");
	assert_string_equal(text(s, 1), "办理时间：工作日 9:00-17:00");
	assert_string_equal(text(s, 2), "咨询电话：0531-1234567");
	s = section(&n, "办理结果");
	assert_string_equal(text(s, 0), "结果名称：食品经营许可证");
	notice_free(&n);
}

static void test_bundle_lists_its_items_and_every_material_once(void **state)
{
	struct notice n;
	const struct notice_section *s;
	char err[YC_ERRSZ];

	(void)state;
	assert_int_equal(notice_build_bundle(&n, &cat, &cat.bundles[0], err, sizeof err), 0);
	assert_string_equal(n.subject, "开店一件事");
	s = section(&n, "一件事");
	assert_string_equal(text(s, 2), "牵头部门：历下区市场监督管理局");
	assert_string_equal(text(s, 3), "承诺办结时限：3 个工作日");
	s = section(&n, "包含事项（共 3 项）");
	assert_string_equal(text(s, 0), "1. 食品经营许可（历下区市场监督管理局）");
	assert_string_equal(text(s, 1), "2. 食品小作坊登记（历下区市场监督管理局）");
	assert_string_equal(text(s, 2), "3. NO-SUCH-ITEM（目录中没有这个事项，请联系管理员）");
	/* 营业执照 is asked by both items: once, for both, with the most
	 * copies either asks; 申请书 and 规章制度 once each */
	s = section(&n, "申请材料（共 4 项，各事项共用的材料只需提交一份）");
	assert_string_equal(text(s, 0), "1. 申请书【必要】");
	assert_string_equal(text(s, 1), "用于：事项 1");
	for (size_t i = 0; i < s->nlines; i++)
		if (strcmp(s->lines[i].text, "2. 营业执照【必要】") == 0) {
			assert_string_equal(text(s, i + 1), "用于：事项 1、事项 2");
			break;
		} else if (i + 1 == s->nlines) {
			fail_msg("营业执照 is not listed once for both items");
		}
	s = section(&n, "事项 1：食品经营许可");
	assert_string_equal(text(s, 0), "事项编码：370102-SPJY-001");
	assert_string_equal(text(s, s->nlines - 2), "申请材料：上列第 1、2、3 项");
	s = section(&n, "事项 2：食品小作坊登记");
	assert_string_equal(text(s, s->nlines - 2), "申请材料：上列第 2、4 项");
	notice_free(&n);
}

static void test_layout_keeps_every_line_within_the_width(void **state)
{
	struct notice n;
	struct textwrap w;

	(void)state;
	build(&n);
	for (int width = 20; width <= 120; width += 7) {
		textwrap_init(&w);
		assert_int_equal(notice_layout(&n, width, &w), 0);
		if (width >= 30) {
			assert_string_equal(w.lines[0], "一次告知单：食品经营许可");
			assert_string_equal(w.lines[1], "");
			assert_string_equal(w.lines[2], "【事项】");
			assert_string_equal(w.lines[3], "  事项名称：食品经营许可");
		}
		for (size_t i = 0; i < w.n; i++)
			assert_true(utf8_width(w.lines[i]) <= width);
		textwrap_free(&w);
	}
	notice_free(&n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_notice_names_the_item_and_its_department),
		cmocka_unit_test(test_conditions_are_listed_line_by_line_hanging_under_the_number),
		cmocka_unit_test(test_every_material_has_form_counts_necessity_and_source),
		cmocka_unit_test(test_department_issued_material_is_not_asked_for),
		cmocka_unit_test(test_deferrable_material_says_when_it_is_due_and_its_situation),
		cmocka_unit_test(test_limits_fees_place_and_result_are_stated),
		cmocka_unit_test(test_bundle_lists_its_items_and_every_material_once),
		cmocka_unit_test(test_layout_keeps_every_line_within_the_width),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
