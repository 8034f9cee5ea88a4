/* test_textwrap.c — wrapping to display columns: Chinese is two columns,
 * no character is cut, closing punctuation never starts a line, opening
 * punctuation never ends one, Latin words stay whole. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "yichuang/textwrap.h"
#include "yichuang/util.h"

/* Wraps text and checks the lines are exactly the expected ones. */
static void expect_wrap(const char *text, int width, int hang, const char *const *want, size_t n)
{
	struct textwrap w;

	textwrap_init(&w);
	assert_int_equal(textwrap_append(&w, text, width, hang), 0);
	for (size_t i = 0; i < w.n && i < n; i++)
		assert_string_equal(w.lines[i], want[i]);
	assert_int_equal(w.n, n);
	textwrap_free(&w);
}

static void test_chinese_breaks_between_characters_within_the_width(void **state)
{
	/* Five columns hold two characters, never two and a half. */
	const char *want[] = { "食品", "经营", "许可" };

	(void)state;
	expect_wrap("食品经营许可", 5, 0, want, 3);
}

static void test_closing_punctuation_never_starts_a_line(void **state)
{
	/* 一二三 fills six columns; "，" may not begin the next line, so 三
	 * goes down with it. */
	const char *want[] = { "一二", "三，四" };

	(void)state;
	expect_wrap("一二三，四", 6, 0, want, 2);
}

static void test_opening_punctuation_never_ends_a_line(void **state)
{
	/* "一二（" would fit in six columns but must not end the line. */
	const char *want[] = { "一二", "（三）" };

	(void)state;
	expect_wrap("一二（三）", 6, 0, want, 2);
}

static void test_latin_words_and_numbers_stay_whole(void **state)
{
	const char *want[] = { "电话", "0870-6123401", "转 8" };

	(void)state;
	expect_wrap("电话 0870-6123401 转 8", 12, 0, want, 3);
}

static void test_word_longer_than_a_line_is_cut_at_the_width(void **state)
{
	const char *want[] = { "abcd", "efgh", "ij" };

	(void)state;
	expect_wrap("abcdefghij", 4, 0, want, 3);
}

static void test_continuation_lines_hang_under_the_text(void **state)
{
	const char *want[] = { "1. 甲乙", "   丙丁", "   戊" };

	(void)state;
	expect_wrap("1. 甲乙丙丁戊", 8, 3, want, 3);
}

static void test_newlines_end_lines_and_empty_lines_stay(void **state)
{
	const char *want[] = { "甲", "", "乙" };

	(void)state;
	expect_wrap("甲\n\n乙", 10, 0, want, 3);
}

static void test_spaces_at_a_break_are_dropped(void **state)
{
	const char *want[] = { "ab cd", "ef" };

	(void)state;
	expect_wrap("ab cd   ef", 6, 0, want, 2);
}

static void test_no_line_is_wider_than_the_width_and_no_text_is_lost(void **state)
{
	const char *text = "申请人通过企业开办“一网通办”平台或企业开办专区综合窗口一次填报、"
		"一次提交，营业执照、法定代表人和股东身份信息在各部门间共享（见 GB/T 39046-2020），"
		"全流程 0.5 个工作日办结。";

	(void)state;
	for (int width = 4; width <= 60; width++) {
		struct textwrap w;
		struct strbuf all;
		char want[1024];
		size_t o = 0;

		textwrap_init(&w);
		sb_init(&all);
		assert_int_equal(textwrap_append(&w, text, width, 2), 0);
		for (size_t i = 0; i < w.n; i++) {
			assert_true(utf8_width(w.lines[i]) <= width);
			assert_true(utf8_valid(w.lines[i], strlen(w.lines[i])));
			for (const char *p = w.lines[i]; *p; p++)
				if (*p != ' ')
					sb_appendn(&all, p, 1);
		}
		for (const char *p = text; *p; p++)
			if (*p != ' ')
				want[o++] = *p;
		want[o] = '\0';
		assert_string_equal(all.buf, want);
		sb_free(&all);
		textwrap_free(&w);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chinese_breaks_between_characters_within_the_width),
		cmocka_unit_test(test_closing_punctuation_never_starts_a_line),
		cmocka_unit_test(test_opening_punctuation_never_ends_a_line),
		cmocka_unit_test(test_latin_words_and_numbers_stay_whole),
		cmocka_unit_test(test_word_longer_than_a_line_is_cut_at_the_width),
		cmocka_unit_test(test_continuation_lines_hang_under_the_text),
		cmocka_unit_test(test_newlines_end_lines_and_empty_lines_stay),
		cmocka_unit_test(test_spaces_at_a_break_are_dropped),
		cmocka_unit_test(test_no_line_is_wider_than_the_width_and_no_text_is_lost),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
