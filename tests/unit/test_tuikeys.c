/* test_tuikeys.c — key lines of TUI scripts and key names. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <curses.h>
#include <string.h>

#include "../../src/tui/keys.h"

static void test_script_line_types_text_and_named_keys(void **state)
{
	int keys[16];
	char err[128];

	(void)state;
	assert_int_equal(keys_parse_line("张a<Enter><F2><C-x><lt>", keys, 16, err, sizeof err), 6);
	assert_int_equal(keys[0], 0x5F20);
	assert_int_equal(keys[1], 'a');
	assert_int_equal(keys[2], TK_ENTER);
	assert_int_equal(keys[3], TK_SPECIAL | KEY_F(2));
	assert_int_equal(keys[4], 0x18);
	assert_int_equal(keys[5], '<');
}

static void test_bad_script_lines_are_refused_with_reason(void **state)
{
	int keys[4];
	char err[128];

	(void)state;
	assert_int_equal(keys_parse_line("<Entr>", keys, 4, err, sizeof err), -1);
	assert_non_null(strstr(err, "<Entr>"));
	assert_int_equal(keys_parse_line("a<F13>", keys, 4, err, sizeof err), -1);
	assert_int_equal(keys_parse_line("<Enter", keys, 4, err, sizeof err), -1);
	assert_int_equal(keys_parse_line("abcde", keys, 4, err, sizeof err), -1);
}

static void test_key_names_for_help(void **state)
{
	char buf[16];

	(void)state;
	assert_string_equal(keys_name(TK_SPECIAL | KEY_F(10), buf, sizeof buf), "F10");
	assert_string_equal(keys_name(TK_ENTER, buf, sizeof buf), "Enter");
	assert_string_equal(keys_name(TK_CTRL('s'), buf, sizeof buf), "C-s");
	assert_string_equal(keys_name('q', buf, sizeof buf), "q");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_script_line_types_text_and_named_keys),
		cmocka_unit_test(test_bad_script_lines_are_refused_with_reason),
		cmocka_unit_test(test_key_names_for_help),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
