/* test_lineedit.c — the field editor: editing, limits, display columns. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "yichuang/lineedit.h"
#include "yichuang/util.h"

static void test_typing_and_moving_edits_at_the_cursor(void **state)
{
	struct lineedit le;
	char buf[64];

	(void)state;
	lineedit_init(&le, 20);
	lineedit_insert(&le, 0x5F20);	/* 张 */
	lineedit_insert(&le, 0x4E09);	/* 三 */
	lineedit_left(&le);
	lineedit_insert(&le, 0x5C0F);	/* 小 */
	assert_string_equal(lineedit_get(&le, buf, sizeof buf), "张小三");
	lineedit_home(&le);
	assert_int_equal(lineedit_backspace(&le), -1);
	assert_int_equal(lineedit_delete(&le), 0);
	assert_string_equal(lineedit_get(&le, buf, sizeof buf), "小三");
	lineedit_end(&le);
	assert_int_equal(lineedit_right(&le), -1);
	lineedit_backspace(&le);
	assert_string_equal(lineedit_get(&le, buf, sizeof buf), "小");
}

static void test_field_limit_and_control_characters_are_refused(void **state)
{
	struct lineedit le;
	char buf[64];

	(void)state;
	lineedit_init(&le, 3);
	assert_int_equal(lineedit_set(&le, "abcdef"), 0);
	assert_string_equal(lineedit_get(&le, buf, sizeof buf), "abc");
	assert_int_equal(lineedit_insert(&le, 'x'), -1);
	lineedit_clear(&le);
	assert_int_equal(lineedit_insert(&le, '\t'), -1);
	assert_int_equal(lineedit_insert(&le, 0x1B), -1);
	assert_int_equal(lineedit_insert(&le, 0x85), -1);
	assert_int_equal(le.len, 0);
	assert_int_equal(lineedit_set(&le, "\xff"), -1);
}

static void test_kill_to_end_keeps_text_before_cursor(void **state)
{
	struct lineedit le;
	char buf[64];

	(void)state;
	lineedit_init(&le, 0);
	lineedit_set(&le, "440524188001010014");
	le.cursor = 6;
	lineedit_kill_to_end(&le);
	assert_string_equal(lineedit_get(&le, buf, sizeof buf), "440524");
}

static void test_view_scrolls_to_keep_cursor_and_never_cuts_a_character(void **state)
{
	struct lineedit le;
	char buf[64];
	int col;

	(void)state;
	lineedit_init(&le, 0);
	lineedit_set(&le, "食品经营许可证");	/* 14 columns */
	col = lineedit_view(&le, 8, buf, sizeof buf);
	/* Cursor at the end needs one free cell: 3 characters (6 columns) show. */
	assert_string_equal(buf, "许可证");
	assert_int_equal(col, 6);
	lineedit_home(&le);
	col = lineedit_view(&le, 7, buf, sizeof buf);
	assert_int_equal(col, 0);
	assert_string_equal(buf, "食品经");	/* 6 of 7 columns: no half 营 */
	assert_int_equal(utf8_width(buf), 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typing_and_moving_edits_at_the_cursor),
		cmocka_unit_test(test_field_limit_and_control_characters_are_refused),
		cmocka_unit_test(test_kill_to_end_keeps_text_before_cursor),
		cmocka_unit_test(test_view_scrolls_to_keep_cursor_and_never_cuts_a_character),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
