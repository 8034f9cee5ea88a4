/* test_tuitext.c — what the counter screens derive from names without a
 * terminal: the distinctive part of an applicant's name for narrow list
 * columns (cases_applicant_short), and the item finder's order (the best
 * matches first, then by department and name in pinyin order). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "yichuang/catalog.h"
#include "../../src/tui/cases.h"
#include "../../src/tui/finder.h"

static void test_short_name_drops_the_leading_regions(void **state)
{
	(void)state;
	assert_string_equal(cases_applicant_short("云岭市安澜区好味道餐饮有限公司"), "好味道餐饮有限公司");
	assert_string_equal(cases_applicant_short("云岭市安澜区政务服务中心"), "政务服务中心");
	assert_string_equal(cases_applicant_short("苏州市吴中区木渎镇好运来商店"), "好运来商店");
	assert_string_equal(cases_applicant_short("浦东新区张江路咖啡馆"), "张江路咖啡馆");
}

static void test_short_name_keeps_words_that_only_look_like_regions(void **state)
{
	(void)state;
	/* 超市 and 市场 are no regions */
	assert_string_equal(cases_applicant_short("云岭市安澜区便民超市有限公司"), "便民超市有限公司");
	assert_string_equal(cases_applicant_short("云岭市市场监督管理局"), "市场监督管理局");
	assert_string_equal(cases_applicant_short("安澜城乡建设有限公司"), "安澜城乡建设有限公司");
	assert_string_equal(cases_applicant_short("神州数码有限公司"), "神州数码有限公司");
	assert_string_equal(cases_applicant_short("品牌旗舰店"), "品牌旗舰店");
	/* a person's name stays whole */
	assert_string_equal(cases_applicant_short("王芳"), "王芳");
	assert_string_equal(cases_applicant_short("王区长青"), "王区长青");
	assert_string_equal(cases_applicant_short(""), "");
}

static struct catalog_item items[] = {
	{ .code = "C3", .name = "食品经营许可（新办）", .short_name = "食品经营许可",
	  .department = "云岭市安澜区市场监督管理局" },
	{ .code = "C1", .name = "企业设立登记", .department = "云岭市安澜区市场监督管理局" },
	{ .code = "C2", .name = "动物防疫条件合格证核发", .department = "云岭市安澜区农业农村局" },
	{ .code = "C4", .name = "特殊食品销售备案", .department = "云岭市安澜区市场监督管理局" },
};

static void test_finder_lists_by_department_then_name_in_pinyin_order(void **state)
{
	struct catalog cat;
	struct finder_hit hits[8];
	size_t n;

	(void)state;
	memset(&cat, 0, sizeof cat);
	cat.items = items;
	cat.nitems = 4;
	n = finder_search(&cat, "", hits, 8);
	assert_int_equal(n, 4);
	/* 农业农村局 (nyncj) before 市场监督管理局 (scjdglj); in it 企业 (qy),
	 * 食品 (sp), 特殊 (ts) */
	assert_string_equal(hits[0].item->code, "C2");
	assert_string_equal(hits[1].item->code, "C1");
	assert_string_equal(hits[2].item->code, "C3");
	assert_string_equal(hits[3].item->code, "C4");
}

static void test_finder_puts_the_best_match_first(void **state)
{
	struct catalog cat;
	struct finder_hit hits[8];
	size_t n;

	(void)state;
	memset(&cat, 0, sizeof cat);
	cat.items = items;
	cat.nitems = 4;
	/* 食品 starts one name and is inside another: the start first */
	n = finder_search(&cat, "食品", hits, 8);
	assert_int_equal(n, 2);
	assert_string_equal(hits[0].item->code, "C3");
	assert_string_equal(hits[1].item->code, "C4");
	n = finder_search(&cat, "spjy", hits, 8);
	assert_int_equal(n, 1);
	assert_string_equal(hits[0].item->code, "C3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short_name_drops_the_leading_regions),
		cmocka_unit_test(test_short_name_keeps_words_that_only_look_like_regions),
		cmocka_unit_test(test_finder_lists_by_department_then_name_in_pinyin_order),
		cmocka_unit_test(test_finder_puts_the_best_match_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
