/* test_util.c — UTF-8 decoding, display width, string buffers, dates. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <stdlib.h>

#include "yichuang/date.h"
#include "yichuang/util.h"

static void test_chinese_is_two_columns_ascii_one(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("abc"), 3);
	assert_int_equal(utf8_width("食品经营许可"), 12);
	assert_int_equal(utf8_width("A类（甲）"), 9); /* fullwidth brackets */
	assert_int_equal(utf8_width("e\xcc\x81"), 1); /* e + combining acute */
	assert_int_equal(utf8_width("\xf0\xa0\x80\x80"), 2); /* U+20000, ext. B */
	assert_int_equal(utf8_len("食品abc"), 5);
}

static void test_invalid_utf8_is_rejected(void **state)
{
	uint32_t cp;

	(void)state;
	assert_true(utf8_valid("食品", strlen("食品")));
	assert_false(utf8_valid("\xc0\xaf", 2));	/* overlong '/' */
	assert_false(utf8_valid("\xed\xa0\x80", 3));	/* surrogate */
	assert_false(utf8_valid("\xe9\xa3", 2));	/* cut short */
	assert_int_equal(utf8_decode("\xe9\xa3\x9f", 3, &cp), 3);
	assert_int_equal(cp, 0x98DF);
}

static void test_truncation_never_leaves_half_a_character(void **state)
{
	char buf[8];
	char s[16];

	(void)state;
	/* 食品经营 is 12 bytes; 8 bytes hold 7 + NUL: 食品 and one stray byte. */
	utf8_snprintf(buf, sizeof buf, "%s", "食品经营");
	assert_string_equal(buf, "食品");
	assert_true(utf8_valid(buf, strlen(buf)));
	utf8_snprintf(buf, sizeof buf, "ab%s", "食品经营");
	assert_string_equal(buf, "ab食");
	strcpy(s, "abc\xe9\xa3");	/* 食 cut after two bytes */
	assert_string_equal(utf8_trim_partial(s), "abc");
	strcpy(s, "abc\xe9\xa3\x9f");	/* whole: kept */
	assert_string_equal(utf8_trim_partial(s), "abc食");
	strcpy(s, "\xf0\xa0\x80");	/* 4-byte sequence cut */
	assert_string_equal(utf8_trim_partial(s), "");
}

static void test_strbuf_grows_and_formats(void **state)
{
	struct strbuf sb;
	char *s;

	(void)state;
	sb_init(&sb);
	for (int i = 0; i < 1000; i++)
		sb_appendf(&sb, "%d,", i);
	assert_int_equal(sb.len, strlen(sb.buf));
	assert_true(strncmp(sb.buf, "0,1,2,", 6) == 0);
	s = sb_take(&sb);
	assert_non_null(s);
	assert_null(sb.buf);
	free(s);
}

static void test_dates_round_trip_and_weekdays(void **state)
{
	char buf[16];
	int day, y, m, d;

	(void)state;
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_parse("2026-10-01", &day), 0);
	assert_int_equal(date_weekday(day), 3); /* a Thursday */
	date_to_ymd(day, &y, &m, &d);
	assert_int_equal(y * 10000 + m * 100 + d, 20261001);
	assert_string_equal(date_format(day + 92, buf, sizeof buf), "2027-01-01");
	assert_int_equal(date_parse("20240229", &day), 0);
	assert_int_equal(date_parse("2025-02-29", &day), -1);
	assert_int_equal(date_parse("2026-13-01", &day), -1);
	assert_int_equal(date_parse("2026-1-01", &day), -1);
	assert_int_equal(date_parse("2026-01-01x", &day), -1);
}

static void test_today_can_be_fixed_for_training(void **state)
{
	int day;

	(void)state;
	setenv("YICHUANG_TODAY", "2026-02-14", 1);
	date_parse("2026-02-14", &day);
	assert_int_equal(date_today(), day);
	unsetenv("YICHUANG_TODAY");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chinese_is_two_columns_ascii_one),
		cmocka_unit_test(test_invalid_utf8_is_rejected),
		cmocka_unit_test(test_truncation_never_leaves_half_a_character),
		cmocka_unit_test(test_strbuf_grows_and_formats),
		cmocka_unit_test(test_dates_round_trip_and_weekdays),
		cmocka_unit_test(test_today_can_be_fixed_for_training),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
