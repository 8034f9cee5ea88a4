/* test_pinyin.c — pinyin initials for finding items by what clerks type. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "yichuang/pinyin.h"

static void check(const char *text, const char *want)
{
	char buf[64];

	assert_int_equal(pinyin_initials(text, buf, sizeof buf), (int)strlen(want));
	assert_string_equal(buf, want);
}

static void test_initials_of_item_names(void **state)
{
	(void)state;
	check("食品经营许可", "spjyxk");
	check("不动产登记", "bdcdj");
	check("残疾人证新办", "cjrzxb");
	check("动物防疫条件合格证", "dwfytjhgz");
	check("养老金待遇资格认证", "yljdyzgrz");
	check("户口迁移", "hkqy");
}

static void test_boundaries_of_the_gb2312_table(void **state)
{
	(void)state;
	check("啊", "a");	/* 0xB0A1, the first level-1 character */
	check("芭", "b");	/* 0xB0C5, first of b */
	check("座", "z");	/* 0xD7F9, the last level-1 character */
	check("擦", "c");	/* 0xB2C1 */
}

static void test_ascii_kept_punctuation_dropped(void **state)
{
	(void)state;
	check("A类（甲）证明2026", "aljzm2026");
	check("企业开办·一件事", "qykbyjs");
	check("", "");
}

static void test_query_matches_prefix_of_initials(void **state)
{
	(void)state;
	assert_true(pinyin_matches("spjy", "食品经营许可", NULL));
	assert_true(pinyin_matches("SPJY", "食品经营许可", NULL));
	assert_false(pinyin_matches("pjy", "食品经营许可", NULL));
	assert_false(pinyin_matches("spjyxkz", "食品经营许可", NULL));
	assert_false(pinyin_matches("", "食品经营许可", NULL));
	/* An explicit override wins over the derived initials. */
	assert_true(pinyin_matches("xzxk", "行政许可", "xzxk"));
}

static void test_short_buffer_and_bad_utf8_fail(void **state)
{
	char buf[4];

	(void)state;
	assert_int_equal(pinyin_initials("食品经营许可", buf, sizeof buf), -1);
	assert_string_equal(buf, "spj");
	assert_int_equal(pinyin_initials("\xe9\xa3", buf, sizeof buf), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_initials_of_item_names),
		cmocka_unit_test(test_boundaries_of_the_gb2312_table),
		cmocka_unit_test(test_ascii_kept_punctuation_dropped),
		cmocka_unit_test(test_query_matches_prefix_of_initials),
		cmocka_unit_test(test_short_buffer_and_bad_utf8_fail),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
