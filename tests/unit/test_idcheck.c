/* test_idcheck.c — 居民身份证号码 and 统一社会信用代码 checks (idcheck.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/date.h"
#include "yichuang/idcheck.h"

static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* Builds an 18-digit ID from 17 digits plus its correct check digit. */
static void make_id(const char *first17, char out[19])
{
	memcpy(out, first17, 17);
	out[17] = idcheck_id_check_char(first17);
	out[18] = '\0';
	assert_true(out[17] != '\0');
}

static int day_of(const char *ymd)
{
	int day = 0;

	assert_int_equal(date_parse(ymd, &day), 0);
	return day;
}

static int setup_today(void **state)
{
	(void)state;
	setenv("YICHUANG_TODAY", "2026-03-01", 1);
	return 0;
}

static int teardown_today(void **state)
{
	(void)state;
	unsetenv("YICHUANG_TODAY");
	return 0;
}

static void test_id18_standard_examples_are_valid(void **state)
{
	struct idcheck_result r;

	(void)state;
	assert_int_equal(idcheck_id("11010519491231002X", &r), 0);
	assert_true(r.valid);
	assert_int_equal(r.kind, IDCHECK_ID18);
	assert_int_equal(r.problem, IDCHECK_OK);
	assert_int_equal(r.birth, day_of("1949-12-31"));
	assert_int_equal(r.sex, IDCHECK_SEX_FEMALE);
	assert_int_equal(r.province, 11);
	assert_string_equal(r.norm, "11010519491231002X");
	assert_string_equal(r.msg, "");

	assert_int_equal(idcheck_id("440524188001010014", &r), 0);
	assert_int_equal(r.sex, IDCHECK_SEX_MALE);
	assert_int_equal(r.birth, date_from_ymd(1880, 1, 1));
}

static void test_id18_check_char_is_mod_11_2(void **state)
{
	(void)state;
	assert_int_equal(idcheck_id_check_char("11010519491231002"), 'X');
	assert_int_equal(idcheck_id_check_char("44052418800101001"), '4');
	assert_int_equal(idcheck_id_check_char("4405241880010100A"), '\0');
}

static void test_id18_check_char_covers_every_remainder(void **state)
{
	/* Computed independently: one number for each of the 11 check
	 * characters "10X98765432". */
	const char *ids[] = { "110105194912310003", "110105194912310011", "11010519491231002X",
			      "110105194912310038", "110105194912310046", "110105194912310054",
			      "110105194912310062", "110105194912310070", "110105194912310089",
			      "110105194912310097", "110105194912311815" };
	struct idcheck_result r;

	(void)state;
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		assert_int_equal(idcheck_id_check_char(ids[i]), ids[i][17]);
		if (idcheck_id(ids[i], &r) != 0)
			fail_msg("%s: %s", ids[i], r.msg);
	}
}

static void test_id18_lowercase_x_accepted_and_reported_upper(void **state)
{
	struct idcheck_result r;

	(void)state;
	assert_int_equal(idcheck_id("11010519491231002x", &r), 0);
	assert_string_equal(r.norm, "11010519491231002X");
	assert_int_equal(idcheck_any("11010519491231002x", &r), 0);
	assert_int_equal(r.kind, IDCHECK_ID18);
}

static void test_id18_every_single_digit_change_is_caught(void **state)
{
	const char *examples[] = { "11010519491231002X", "440524188001010014" };
	struct idcheck_result r;
	char v[19];
	int tried = 0;

	(void)state;
	for (size_t e = 0; e < 2; e++) {
		for (int pos = 0; pos < 18; pos++) {
			for (const char *c = "0123456789X"; *c; c++) {
				memcpy(v, examples[e], 19);
				if (*c == v[pos] || (*c == 'X' && pos < 17))
					continue;
				v[pos] = *c;
				tried++;
				if (idcheck_id(v, &r) == 0 || r.valid)
					fail_msg("%s (position %d changed) passed", v, pos + 1);
				if (pos == 17) {
					assert_int_equal(r.problem, IDCHECK_CHECK_DIGIT);
					assert_int_equal(r.expected, examples[e][17]);
				}
			}
		}
	}
	assert_int_equal(tried, 2 * (17 * 9 + 10));
}

static void test_id18_wrong_check_digit_names_expected_char(void **state)
{
	struct idcheck_result r;

	(void)state;
	assert_int_equal(idcheck_id("110105194912310023", &r), -1);
	assert_int_equal(r.problem, IDCHECK_CHECK_DIGIT);
	assert_int_equal(r.pos, 18);
	assert_string_equal(r.found, "3");
	assert_int_equal(r.expected, 'X');
	assert_false(r.overridable);
	assert_string_equal(r.msg, "校验码错误: 第 18 位为 3，应为 X");
	/* What was found on the way is still reported. */
	assert_true(r.has_birth);
	assert_int_equal(r.birth, day_of("1949-12-31"));
}

static void test_id18_birth_date_after_today_is_rejected(void **state)
{
	struct idcheck_result r;
	char v[19];

	(void)state;
	make_id("11010520260302001", v);	/* the day after 2026-03-01 */
	assert_int_equal(idcheck_id(v, &r), -1);
	assert_int_equal(r.problem, IDCHECK_FUTURE);
	assert_int_equal(r.pos, 7);
	assert_string_equal(r.msg,
			    "出生日期错误: 第 7–14 位出生日期 2026-03-02 晚于今天（2026-03-01）");
	make_id("11010520260301001", v);	/* born today */
	assert_int_equal(idcheck_id(v, &r), 0);
}

static void test_id18_feb_29_only_in_leap_years(void **state)
{
	struct idcheck_result r;
	char v[19];

	(void)state;
	make_id("11010520000229001", v);	/* 2000 is a leap year */
	assert_int_equal(idcheck_id(v, &r), 0);
	make_id("11010519960229001", v);
	assert_int_equal(idcheck_id(v, &r), 0);
	make_id("11010519990229001", v);
	assert_int_equal(idcheck_id(v, &r), -1);
	assert_int_equal(r.problem, IDCHECK_DATE);
	assert_int_equal(r.pos, 13);
	assert_string_equal(r.found, "29");
	assert_string_equal(r.msg, "出生日期错误: 第 13–14 位日为 29，1999 年 2 月只有 28 天");
	make_id("11010519000229001", v);	/* 1900 is not */
	assert_int_equal(idcheck_id(v, &r), -1);
	assert_int_equal(r.problem, IDCHECK_DATE);
}

static void test_id18_year_from_1800_accepted_earlier_rejected(void **state)
{
	struct idcheck_result r;
	char v[19];

	(void)state;
	make_id("11010518000101001", v);
	assert_int_equal(idcheck_id(v, &r), 0);
	assert_int_equal(r.birth, date_from_ymd(1800, 1, 1));
	make_id("11010517991231001", v);
	assert_int_equal(idcheck_id(v, &r), -1);
	assert_int_equal(r.problem, IDCHECK_DATE);
	assert_int_equal(r.pos, 7);
	assert_string_equal(r.msg, "出生日期错误: 第 7–10 位年份为 1799，早于 1800 年");
}

static void test_id18_month_and_day_must_exist(void **state)
{
	struct idcheck_result r;
	char v[19];

	(void)state;
	make_id("11010519901301001", v);
	assert_int_equal(idcheck_id(v, &r), -1);
	assert_int_equal(r.problem, IDCHECK_DATE);
	assert_int_equal(r.pos, 11);
	assert_string_equal(r.msg, "出生日期错误: 第 11–12 位月份为 13，应为 01–12");
	make_id("11010519900100001", v);
	assert_int_equal(idcheck_id(v, &r), -1);
	assert_int_equal(r.pos, 13);
	assert_string_equal(r.msg, "出生日期错误: 第 13–14 位日为 00，应为 01–31");
	make_id("11010519900431001", v);
	assert_int_equal(idcheck_id(v, &r), -1);
	assert_int_equal(r.problem, IDCHECK_DATE);
}

static void test_id18_province_code_must_exist(void **state)
{
	const char *bad[] = { "10", "16", "20", "30", "38", "47", "55", "60", "66", "72",
			      "80", "84", "91", "00" };
	const char *good[] = { "11", "15", "21", "23", "31", "37", "41", "46", "50", "54",
			       "61", "65", "71", "81", "82", "83" };
	struct idcheck_result r;
	char first17[18], v[19];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(first17, sizeof first17, "%s010519491231002", bad[i]);
		make_id(first17, v);
		assert_int_equal(idcheck_id(v, &r), -1);
		assert_int_equal(r.problem, IDCHECK_PROVINCE);
		assert_int_equal(r.pos, 1);
		assert_string_equal(r.found, bad[i]);
	}
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		snprintf(first17, sizeof first17, "%s010519491231002", good[i]);
		make_id(first17, v);
		if (idcheck_id(v, &r) != 0)
			fail_msg("%s: %s", v, r.msg);
	}
	assert_string_equal(idcheck_province_name(44), "广东省");
	assert_string_equal(idcheck_province_name(99), "");
}

static void test_id18_bad_character_names_position_and_character(void **state)
{
	struct idcheck_result r;

	(void)state;
	assert_int_equal(idcheck_id("1101051949A231002X", &r), -1);
	assert_int_equal(r.problem, IDCHECK_CHAR);
	assert_int_equal(r.pos, 11);
	assert_string_equal(r.found, "A");
	assert_string_equal(r.msg, "字符错误: 第 11 位为“A”，身份证号码前 17 位只能是数字");
	assert_int_equal(idcheck_id("11010519491231002Y", &r), -1);
	assert_int_equal(r.pos, 18);
	assert_string_equal(r.msg, "字符错误: 第 18 位为“Y”，第 18 位（校验码）应为数字或 X");
	assert_int_equal(idcheck_id("1101051949123100号X", &r), -1);
	assert_int_equal(r.pos, 17);
	assert_string_equal(r.found, "号");
}

static void test_id_fullwidth_digit_gets_input_method_advice(void **state)
{
	struct idcheck_result r;

	(void)state;
	assert_int_equal(idcheck_id("１1010519491231002X", &r), -1);
	assert_int_equal(r.problem, IDCHECK_CHAR);
	assert_int_equal(r.pos, 1);
	assert_string_equal(r.found, "１");
	assert_string_equal(r.msg, "字符错误: 第 1 位“１”是全角字符，请切换到半角输入");
}

static void test_id_space_around_ignored_inside_rejected(void **state)
{
	struct idcheck_result r;

	(void)state;
	assert_int_equal(idcheck_id("  11010519491231002X\t\n", &r), 0);
	assert_string_equal(r.norm, "11010519491231002X");
	assert_int_equal(idcheck_id("\xe3\x80\x80" "11010519491231002X", &r), 0);
	assert_int_equal(idcheck_id("110105 19491231002X", &r), -1);
	assert_int_equal(r.problem, IDCHECK_SPACE);
	assert_int_equal(r.pos, 7);
	assert_string_equal(r.msg, "字符错误: 第 7 位是空格，号码中间不能有空格");
}

static void test_id_wrong_length_says_count(void **state)
{
	struct idcheck_result r;

	(void)state;
	assert_int_equal(idcheck_id("11010519491231002", &r), -1);
	assert_int_equal(r.problem, IDCHECK_LENGTH);
	assert_string_equal(r.msg, "长度错误: 共 17 位，身份证号码应为 18 位（旧版 15 位）");
	assert_int_equal(idcheck_id("11010519491231002X1", &r), -1);
	assert_int_equal(r.problem, IDCHECK_LENGTH);
}

static void test_empty_value_is_reported(void **state)
{
	struct idcheck_result r;

	(void)state;
	assert_int_equal(idcheck_any("   ", &r), -1);
	assert_int_equal(r.problem, IDCHECK_EMPTY);
	assert_int_equal(idcheck_any(NULL, &r), -1);
	assert_int_equal(r.problem, IDCHECK_EMPTY);
	assert_int_equal(idcheck_uscc("", &r), -1);
	assert_int_equal(r.problem, IDCHECK_EMPTY);
}

static void test_id15_legacy_is_converted_to_18(void **state)
{
	struct idcheck_result r, r18;
	char out[19];

	(void)state;
	/* 110105 49 1231 002 -> 110105 19 49 1231 002 + check. */
	assert_int_equal(idcheck_id15_to_18("110105491231002", out, sizeof out), 0);
	assert_string_equal(out, "11010519491231002X");
	assert_int_equal(idcheck_id(out, &r18), 0);
	assert_int_equal(idcheck_id15_to_18("440524800101001", out, sizeof out), 0);
	assert_string_equal(out, "440524198001010013");
	assert_int_equal(idcheck_id(out, &r18), 0);

	assert_int_equal(idcheck_any("110105491231002", &r), 0);
	assert_true(r.valid);
	assert_int_equal(r.kind, IDCHECK_ID15_LEGACY);
	assert_string_equal(r.norm, "11010519491231002X");
	assert_int_equal(r.birth, day_of("1949-12-31"));
	assert_int_equal(r.sex, IDCHECK_SEX_FEMALE);
	assert_int_equal(idcheck_id("440524800101001", &r), 0);
	assert_int_equal(r.sex, IDCHECK_SEX_MALE);
	assert_int_equal(r.kind, IDCHECK_ID15_LEGACY);
}

static void test_id15_legacy_is_checked_for_date_province_digits(void **state)
{
	struct idcheck_result r;
	char out[19];

	(void)state;
	assert_int_equal(idcheck_id("110105491301002", &r), -1);
	assert_int_equal(r.problem, IDCHECK_DATE);
	assert_int_equal(r.pos, 9);
	assert_string_equal(r.msg, "出生日期错误: 第 9–10 位月份为 13，应为 01–12");
	assert_int_equal(idcheck_id("990105491231002", &r), -1);
	assert_int_equal(r.problem, IDCHECK_PROVINCE);
	assert_int_equal(idcheck_id("11010549123100X", &r), -1);
	assert_int_equal(r.problem, IDCHECK_CHAR);
	assert_int_equal(r.pos, 15);
	assert_int_equal(idcheck_id15_to_18("11010549123100X", out, sizeof out), -1);
	assert_int_equal(idcheck_id15_to_18("1101054912310021", out, sizeof out), -1);
}

static void test_uscc_standard_example_is_valid(void **state)
{
	struct idcheck_result r;

	(void)state;
	assert_int_equal(idcheck_uscc_check_char("91350100M000100Y4"), '3');
	assert_int_equal(idcheck_uscc("91350100M000100Y43", &r), 0);
	assert_true(r.valid);
	/* Σ divisible by 31: the check is 0, not the 32nd character. */
	assert_int_equal(idcheck_uscc_check_char("91350100M000100Y3"), '0');
	assert_int_equal(idcheck_uscc("91350100M000100Y30", &r), 0);
	assert_true(r.valid);
	assert_int_equal(r.kind, IDCHECK_USCC);
	assert_false(r.has_birth);
	assert_int_equal(idcheck_any("91350100m000100y43", &r), 0);
	assert_int_equal(r.kind, IDCHECK_USCC);
	assert_string_equal(r.norm, "91350100M000100Y43");
	assert_string_equal(idcheck_registry_name('9'), "工商（市场监管）");
	assert_null(idcheck_registry_name('B'));
}

static void test_uscc_letters_i_o_z_s_v_are_rejected(void **state)
{
	struct idcheck_result r;
	char v[19], found[2];

	(void)state;
	for (const char *c = "IOZSVioz"; *c; c++) {
		memcpy(v, "91350100M000100Y43", 19);
		v[8] = *c;
		assert_int_equal(idcheck_uscc(v, &r), -1);
		assert_int_equal(r.problem, IDCHECK_CHAR);
		assert_int_equal(r.pos, 9);
		found[0] = *c;
		found[1] = '\0';
		assert_string_equal(r.found, found);
		assert_non_null(strstr(r.msg, "不使用字母 I、O、Z、S、V"));
	}
	assert_int_equal(idcheck_uscc_check_char("91350100I000100Y4"), '\0');
	memcpy(v, "91350100M000100Y43", 19);
	v[10] = '-';
	assert_int_equal(idcheck_uscc(v, &r), -1);
	assert_int_equal(r.pos, 11);
	assert_string_equal(r.msg, "字符错误: 第 11 位为“-”，统一社会信用代码只能由数字和大写字母组成"
			    "（不含 I、O、Z、S、V）");
}

static void test_uscc_wrong_check_digit_is_overridable_with_expected(void **state)
{
	struct idcheck_result r;

	(void)state;
	assert_int_equal(idcheck_uscc("91350100M000100Y44", &r), -1);
	assert_false(r.valid);
	assert_true(r.overridable);
	assert_int_equal(r.problem, IDCHECK_CHECK_DIGIT);
	assert_int_equal(r.pos, 18);
	assert_int_equal(r.expected, '3');
	assert_string_equal(r.msg, "校验码错误: 第 18 位为 4，应为 3");
	assert_string_equal(r.norm, "91350100M000100Y44");
}

static void test_uscc_every_single_character_change_is_caught(void **state)
{
	struct idcheck_result r;
	const char *good = "91350100M000100Y43";
	char v[19];
	int tried = 0;

	(void)state;
	for (int pos = 0; pos < 18; pos++) {
		for (const char *c = uscc_alphabet; *c; c++) {
			if (*c == good[pos])
				continue;
			memcpy(v, good, 19);
			v[pos] = *c;
			tried++;
			if (idcheck_uscc(v, &r) == 0 || r.valid)
				fail_msg("%s (position %d changed) passed", v, pos + 1);
			if (pos == 1 || pos >= 8 || (pos >= 2 && *c <= '9'))
				assert_int_equal(r.problem, IDCHECK_CHECK_DIGIT);
			else if (pos >= 2)
				assert_int_equal(r.problem, IDCHECK_CHAR);
		}
	}
	assert_int_equal(tried, 18 * 30);
}

static void test_uscc_registry_code_and_region_digits_checked(void **state)
{
	struct idcheck_result r;

	(void)state;
	assert_int_equal(idcheck_uscc("B1350100M000100Y43", &r), -1);
	assert_int_equal(r.problem, IDCHECK_REGISTRY);
	assert_int_equal(r.pos, 1);
	assert_string_equal(r.msg, "登记管理部门代码错误: 第 1 位为“B”，应为 1–9、A、N 或 Y");
	assert_false(r.overridable);
	assert_int_equal(idcheck_uscc("913A0100M000100Y43", &r), -1);
	assert_int_equal(r.problem, IDCHECK_CHAR);
	assert_int_equal(r.pos, 4);
	assert_string_equal(r.found, "A");
	assert_string_equal(r.msg, "字符错误: 第 4 位为“A”，第 3–8 位是登记管理机关行政区划码，"
			    "只能是数字");
	assert_int_equal(idcheck_uscc("0123", &r), -1);
	assert_int_equal(r.problem, IDCHECK_LENGTH);
	assert_string_equal(r.msg, "长度错误: 共 4 位，统一社会信用代码应为 18 位");
}

static void test_any_tells_the_kind_from_the_value(void **state)
{
	struct idcheck_result r;

	(void)state;
	assert_int_equal(idcheck_any("440524188001010014", &r), 0);
	assert_int_equal(r.kind, IDCHECK_ID18);
	assert_int_equal(idcheck_any("91350100M000100Y43", &r), 0);
	assert_int_equal(r.kind, IDCHECK_USCC);
	/* All digits but a USCC check letter: a USCC. */
	assert_int_equal(idcheck_any("11100000000013127D", &r), 0);
	assert_int_equal(r.kind, IDCHECK_USCC);
	/* All digits and a wrong USCC check digit: read as an ID. */
	assert_int_equal(idcheck_any("913501000000000001", &r), -1);
	assert_int_equal(r.kind, IDCHECK_ID18);
	assert_int_equal(r.problem, IDCHECK_PROVINCE);
	assert_int_equal(idcheck_uscc("913501000000000001", &r), -1);
	assert_true(r.overridable);
	assert_int_equal(r.expected, 'H');
	/* One letter among the first 17: a mistyped ID. */
	assert_int_equal(idcheck_any("1101051949A231002X", &r), -1);
	assert_int_equal(r.kind, IDCHECK_ID18);
	assert_int_equal(r.problem, IDCHECK_CHAR);
	/* Two letters: a USCC. */
	assert_int_equal(idcheck_any("91350100M000100Y44", &r), -1);
	assert_int_equal(r.kind, IDCHECK_USCC);
	assert_int_equal(r.problem, IDCHECK_CHECK_DIGIT);
	/* An ID with a wrong check digit stays an ID. */
	assert_int_equal(idcheck_any("110105194912310023", &r), -1);
	assert_int_equal(r.kind, IDCHECK_ID18);
	assert_int_equal(r.expected, 'X');
	assert_int_equal(idcheck_any("12345", &r), -1);
	assert_int_equal(r.kind, IDCHECK_UNKNOWN);
	assert_int_equal(r.problem, IDCHECK_LENGTH);
	assert_string_equal(r.msg, "长度错误: 共 5 位；身份证号码应为 18 位（旧版 15 位），"
			    "统一社会信用代码应为 18 位");
	/* Length counts characters, not bytes. */
	assert_int_equal(idcheck_any("身份证", &r), -1);
	assert_string_equal(r.msg, "长度错误: 共 3 位；身份证号码应为 18 位（旧版 15 位），"
			    "统一社会信用代码应为 18 位");
}

static void test_invalid_utf8_and_control_characters_reported_at_position(void **state)
{
	struct idcheck_result r;

	(void)state;
	assert_int_equal(idcheck_any("1101\xff" "0519491231002X", &r), -1);
	assert_int_equal(r.problem, IDCHECK_CHAR);
	assert_int_equal(r.pos, 5);
	assert_string_equal(r.msg, "字符错误: 第 5 位不是有效的 UTF-8 文字");
	assert_int_equal(idcheck_any("11\x01", &r), -1);
	assert_int_equal(r.pos, 3);
	assert_string_equal(r.found, "\\x01");
	assert_string_equal(r.msg, "字符错误: 第 3 位是控制字符 \\x01，请重新输入");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id18_standard_examples_are_valid),
		cmocka_unit_test(test_id18_check_char_is_mod_11_2),
		cmocka_unit_test(test_id18_check_char_covers_every_remainder),
		cmocka_unit_test(test_id18_lowercase_x_accepted_and_reported_upper),
		cmocka_unit_test(test_id18_every_single_digit_change_is_caught),
		cmocka_unit_test(test_id18_wrong_check_digit_names_expected_char),
		cmocka_unit_test_setup_teardown(test_id18_birth_date_after_today_is_rejected,
						setup_today, teardown_today),
		cmocka_unit_test(test_id18_feb_29_only_in_leap_years),
		cmocka_unit_test(test_id18_year_from_1800_accepted_earlier_rejected),
		cmocka_unit_test(test_id18_month_and_day_must_exist),
		cmocka_unit_test(test_id18_province_code_must_exist),
		cmocka_unit_test(test_id18_bad_character_names_position_and_character),
		cmocka_unit_test(test_id_fullwidth_digit_gets_input_method_advice),
		cmocka_unit_test(test_id_space_around_ignored_inside_rejected),
		cmocka_unit_test(test_id_wrong_length_says_count),
		cmocka_unit_test(test_empty_value_is_reported),
		cmocka_unit_test(test_id15_legacy_is_converted_to_18),
		cmocka_unit_test(test_id15_legacy_is_checked_for_date_province_digits),
		cmocka_unit_test(test_uscc_standard_example_is_valid),
		cmocka_unit_test(test_uscc_letters_i_o_z_s_v_are_rejected),
		cmocka_unit_test(test_uscc_wrong_check_digit_is_overridable_with_expected),
		cmocka_unit_test(test_uscc_every_single_character_change_is_caught),
		cmocka_unit_test(test_uscc_registry_code_and_region_digits_checked),
		cmocka_unit_test(test_any_tells_the_kind_from_the_value),
		cmocka_unit_test(test_invalid_utf8_and_control_characters_reported_at_position),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
