/* test_validate.c — intake form field values (validate.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "yichuang/catalog.h"
#include "yichuang/date.h"
#include "yichuang/validate.h"

/* A field of the given type with a label and nothing else set. */
static struct catalog_field field(enum field_type t, const char *label)
{
	struct catalog_field f;

	memset(&f, 0, sizeof f);
	f.key = (char *)"k";
	f.label = (char *)label;
	f.type = t;
	return f;
}

/* A field of the given type accepting values from min to max. */
static struct catalog_field bounded_field(enum field_type t, const char *label,
					  double min, double max)
{
	struct catalog_field f = field(t, label);

	f.has_min = 1;
	f.min = min;
	f.has_max = 1;
	f.max = max;
	return f;
}

/* validate_field's result, with the message checked to be set on error. */
static int check(const struct catalog_field *f, const char *value, char *msg, size_t msgsz)
{
	int rc;

	msg[0] = '\0';
	rc = validate_field(f, value, msg, msgsz);
	if (rc != 0 && msg[0] == '\0')
		fail_msg("no message for '%s'", value ? value : "(null)");
	return rc;
}

static void test_empty_value_is_an_error_only_when_required(void **state)
{
	struct catalog_field f = field(FIELD_PHONE, "联系电话");
	char msg[512];

	(void)state;
	assert_int_equal(check(&f, "", msg, sizeof msg), 0);
	assert_int_equal(check(&f, NULL, msg, sizeof msg), 0);
	assert_int_equal(check(&f, "  \t", msg, sizeof msg), 0);
	f.required = 1;
	assert_int_equal(check(&f, "", msg, sizeof msg), -1);
	assert_string_equal(msg, "联系电话: 必填，请填写");
	assert_int_equal(check(&f, "   ", msg, sizeof msg), -1);
	assert_int_equal(check(&f, NULL, msg, sizeof msg), -1);
}

static void test_field_message_starts_with_label(void **state)
{
	struct catalog_field f = field(FIELD_MONEY, "注册资本");
	char msg[512];

	(void)state;
	assert_int_equal(check(&f, "-5", msg, sizeof msg), -1);
	assert_string_equal(msg, "注册资本: “-5”: 金额不能为负数");
}

static void test_text_length_counts_characters_not_bytes(void **state)
{
	struct catalog_field f = field(FIELD_TEXT, "企业名称");
	char msg[512];

	(void)state;
	f.min_len = 2;
	f.max_len = 4;
	assert_int_equal(check(&f, "一窗受理", msg, sizeof msg), 0);	/* 12 bytes, 4 characters */
	assert_int_equal(check(&f, "一窗", msg, sizeof msg), 0);
	assert_int_equal(check(&f, "一", msg, sizeof msg), -1);
	assert_string_equal(msg, "企业名称: 至少要 2 个字，现在只有 1 个字");
	assert_int_equal(check(&f, "一窗受理集成", msg, sizeof msg), -1);
	assert_string_equal(msg, "企业名称: 最多 4 个字，现在有 6 个字");
	assert_int_equal(check(&f, "  一窗  ", msg, sizeof msg), 0); /* trimmed */
}

static void test_text_rejects_control_characters_and_bad_utf8(void **state)
{
	char msg[512];

	(void)state;
	assert_int_equal(validate_text("第一行\n第二行", 0, 0, msg, sizeof msg), -1);
	assert_string_equal(msg, "第 4 个字符是控制字符（如换行、制表符），请删除");
	assert_int_equal(validate_text("a\tb", 0, 0, msg, sizeof msg), -1);
	assert_int_equal(validate_text("a\x7f", 0, 0, msg, sizeof msg), -1);
	assert_int_equal(validate_text("a\xc2\x85", 0, 0, msg, sizeof msg), -1); /* C1 NEL */
	assert_int_equal(validate_text("ab\xe9\xa3", 0, 0, msg, sizeof msg), -1);
	assert_string_equal(msg, "第 3 个字符不是有效的 UTF-8 文字，请重新输入");
	assert_int_equal(validate_text("张三（代理人）", 0, 0, msg, sizeof msg), 0);
}

static void test_date_must_be_a_real_yyyy_mm_dd(void **state)
{
	struct catalog_field f = field(FIELD_DATE, "成立日期");
	char msg[512];
	int day = 0;

	(void)state;
	assert_int_equal(validate_date("2026-03-01", &day, msg, sizeof msg), 0);
	assert_int_equal(day, date_from_ymd(2026, 3, 1));
	assert_int_equal(validate_date("2024-02-29", &day, msg, sizeof msg), 0);
	assert_int_equal(check(&f, "2025-02-29", msg, sizeof msg), -1);
	assert_string_equal(msg, "成立日期: 日 29 无效，2025 年 2 月只有 28 天");
	assert_int_equal(check(&f, "2026-13-01", msg, sizeof msg), -1);
	assert_string_equal(msg, "成立日期: 月份 13 无效，应为 01–12");
	assert_int_equal(check(&f, "2026/03/01", msg, sizeof msg), -1);
	assert_string_equal(msg, "成立日期: “2026/03/01”不是日期，应写成 YYYY-MM-DD，如 2026-03-01");
	assert_int_equal(check(&f, "1899-12-31", msg, sizeof msg), -1);
	assert_string_equal(msg, "成立日期: 年份 1899 超出范围，应在 1900–2199 之间");
	assert_int_equal(check(&f, "2026-3-1", msg, sizeof msg), -1);
	assert_int_equal(check(&f, "20260301", msg, sizeof msg), -1);	/* stored values stay canonical */
}

static void test_choice_must_be_one_of_the_list(void **state)
{
	char *choices[] = { (char *)"有限责任公司", (char *)"股份有限公司", (char *)"个人独资企业" };
	struct catalog_field f = field(FIELD_CHOICE, "企业类型");
	char msg[512];

	(void)state;
	f.choices = choices;
	f.nchoices = 3;
	assert_int_equal(check(&f, "股份有限公司", msg, sizeof msg), 0);
	assert_int_equal(check(&f, " 股份有限公司 ", msg, sizeof msg), 0);
	assert_int_equal(check(&f, "合伙企业", msg, sizeof msg), -1);
	assert_string_equal(msg, "企业类型: “合伙企业”不是可选的值，应为以下之一: "
			    "有限责任公司、股份有限公司、个人独资企业");
	assert_int_equal(check(&f, "股份", msg, sizeof msg), -1);
	/* A long value is quoted short, never cut inside a character. */
	assert_int_equal(check(&f, "一二三四五六七八九十一二三四五六七八九十一二三四五六", msg, sizeof msg),
			 -1);
	assert_non_null(strstr(msg, "“一二三四五六七八九十一二三四五六七八九十一二三四…”"));
}

static void test_number_accepts_plain_decimals_only(void **state)
{
	char msg[512];
	double v = 0;

	(void)state;
	assert_int_equal(validate_number_parse("12", &v, msg, sizeof msg), 0);
	assert_true(v == 12.0);
	assert_int_equal(validate_number_parse("-3", &v, msg, sizeof msg), 0);
	assert_true(v == -3.0);
	assert_int_equal(validate_number_parse("0.75", &v, msg, sizeof msg), 0);
	assert_true(v == 0.75);
	assert_int_equal(validate_number_parse("+1.5", &v, msg, sizeof msg), 0);
	assert_true(v == 1.5);
	assert_int_equal(validate_number_parse("1e3", &v, msg, sizeof msg), -1);
	assert_string_equal(msg, "第 2 个字符“e”不能出现，数字只能由数字、小数点和正负号组成，如 12.5");
	assert_int_equal(validate_number_parse(".5", &v, msg, sizeof msg), -1);
	assert_string_equal(msg, "“.5”: 小数点前要有数字，如 0.5");
	assert_int_equal(validate_number_parse("5.", &v, msg, sizeof msg), -1);
	assert_int_equal(validate_number_parse("1,000", &v, msg, sizeof msg), -1);
	assert_string_equal(msg, "“1,000”中有逗号: 请不要使用千位分隔符，如 12500");
	assert_int_equal(validate_number_parse("1.2.3", &v, msg, sizeof msg), -1);
	assert_int_equal(validate_number_parse("１２", &v, msg, sizeof msg), -1);
	assert_string_equal(msg, "第 1 个字符“１”是全角字符，请切换到半角输入");
	assert_int_equal(validate_number_parse("-", &v, msg, sizeof msg), -1);
	assert_int_equal(validate_number_parse("1234567890123456", &v, msg, sizeof msg), -1);
}

static void test_number_bounds_are_inclusive(void **state)
{
	struct catalog_field f = bounded_field(FIELD_NUMBER, "从业人数", 1, 1000000);
	char msg[512];

	(void)state;
	assert_int_equal(check(&f, "1", msg, sizeof msg), 0);
	assert_int_equal(check(&f, "1000000", msg, sizeof msg), 0);
	assert_int_equal(check(&f, "0.5", msg, sizeof msg), -1);
	assert_string_equal(msg, "从业人数: 不能小于 1");
	assert_int_equal(check(&f, "1000001", msg, sizeof msg), -1);
	assert_string_equal(msg, "从业人数: 不能大于 1000000");
	assert_int_equal(check(&f, "abc", msg, sizeof msg), -1);
}

static void test_phone_mobile_numbers(void **state)
{
	char msg[512], norm[32];

	(void)state;
	assert_int_equal(validate_phone("13812345678", norm, sizeof norm, msg, sizeof msg), 0);
	assert_string_equal(norm, "13812345678");
	assert_int_equal(validate_phone("138 1234 5678", norm, sizeof norm, msg, sizeof msg), 0);
	assert_string_equal(norm, "13812345678");
	assert_int_equal(validate_phone("138-1234-5678", norm, sizeof norm, msg, sizeof msg), 0);
	assert_string_equal(norm, "13812345678");
	assert_int_equal(validate_phone("+86 199 1234 5678", norm, sizeof norm, msg, sizeof msg), 0);
	assert_string_equal(norm, "19912345678");
	assert_int_equal(validate_phone("008613812345678", norm, sizeof norm, msg, sizeof msg), 0);
	assert_string_equal(norm, "13812345678");
	assert_int_equal(validate_phone("12812345678", norm, sizeof norm, msg, sizeof msg), -1);
	assert_string_equal(msg, "手机号码第 2 位应为 3–9，现在是 2");
	assert_int_equal(validate_phone("1381234567", norm, sizeof norm, msg, sizeof msg), -1);
	assert_string_equal(msg, "手机号码应为 11 位，现在是 10 位");
	assert_string_equal(norm, "");
	assert_int_equal(validate_phone("138123456789", norm, sizeof norm, msg, sizeof msg), -1);
	assert_int_equal(validate_phone("13812345678转1", norm, sizeof norm, msg, sizeof msg), -1);
	assert_string_equal(msg, "手机号码不能带分机号");
}

static void test_phone_fixed_lines_need_area_code(void **state)
{
	char msg[512], norm[32];

	(void)state;
	assert_int_equal(validate_phone("010-62345678", norm, sizeof norm, msg, sizeof msg), 0);
	assert_string_equal(norm, "010-62345678");
	assert_int_equal(validate_phone("01062345678", norm, sizeof norm, msg, sizeof msg), 0);
	assert_string_equal(norm, "010-62345678");
	assert_int_equal(validate_phone("021 6123 4567", norm, sizeof norm, msg, sizeof msg), 0);
	assert_string_equal(norm, "021-61234567");
	assert_int_equal(validate_phone("(0755)2345678", norm, sizeof norm, msg, sizeof msg), 0);
	assert_string_equal(norm, "0755-2345678");
	assert_int_equal(validate_phone("0951-5012345", norm, sizeof norm, msg, sizeof msg), 0);
	assert_string_equal(norm, "0951-5012345");
	assert_int_equal(validate_phone("+86 10 62345678", norm, sizeof norm, msg, sizeof msg), 0);
	assert_string_equal(norm, "010-62345678");
	assert_int_equal(validate_phone("62345678", norm, sizeof norm, msg, sizeof msg), -1);
	assert_string_equal(msg, "固定电话“62345678”缺少区号，请写成如 010-62345678");
	assert_int_equal(validate_phone("010-1234567", norm, sizeof norm, msg, sizeof msg), -1);
	assert_string_equal(msg, "区号 010 后的号码应为 8 位，现在是 7 位");
	assert_int_equal(validate_phone("0755-123456", norm, sizeof norm, msg, sizeof msg), -1);
	assert_string_equal(msg, "区号 0755 后的号码应为 7 或 8 位，现在是 6 位");
	assert_int_equal(validate_phone("021-01234567", norm, sizeof norm, msg, sizeof msg), -1);
	assert_string_equal(msg, "区号后的号码不能以 0 开头，请核对区号和号码");
	assert_int_equal(validate_phone("010-12345678", norm, sizeof norm, msg, sizeof msg), -1);
	assert_string_equal(msg, "区号后的号码不能以 1 开头，请核对区号和号码");
	assert_int_equal(validate_phone("011-12345678", norm, sizeof norm, msg, sizeof msg), -1);
	assert_int_equal(validate_phone("010", norm, sizeof norm, msg, sizeof msg), -1);
}

static void test_phone_extensions(void **state)
{
	char msg[512], norm[32];

	(void)state;
	assert_int_equal(validate_phone("0755-2345678-123", norm, sizeof norm, msg, sizeof msg), 0);
	assert_string_equal(norm, "0755-2345678-123");
	assert_int_equal(validate_phone("010-62345678转8001", norm, sizeof norm, msg, sizeof msg), 0);
	assert_string_equal(norm, "010-62345678-8001");
	assert_int_equal(validate_phone("010-62345678 ext. 42", norm, sizeof norm, msg, sizeof msg), 0);
	assert_string_equal(norm, "010-62345678-42");
	assert_int_equal(validate_phone("010-6234-5678", norm, sizeof norm, msg, sizeof msg), 0);
	assert_string_equal(norm, "010-62345678");	/* groups, not an extension */
	assert_int_equal(validate_phone("010-62345678转12345678", norm, sizeof norm, msg, sizeof msg),
			 -1);
	assert_string_equal(msg, "分机号“12345678”应为 1–6 位数字");
}

static void test_phone_service_numbers_400_800(void **state)
{
	char msg[512], norm[32];

	(void)state;
	assert_int_equal(validate_phone("400-123-4567", norm, sizeof norm, msg, sizeof msg), 0);
	assert_string_equal(norm, "400-123-4567");
	assert_int_equal(validate_phone("8008101234", norm, sizeof norm, msg, sizeof msg), 0);
	assert_string_equal(norm, "800-810-1234");
	assert_int_equal(validate_phone("400-123-456", norm, sizeof norm, msg, sizeof msg), -1);
	assert_string_equal(msg, "400 服务电话应为 10 位，现在是 9 位");
}

static void test_phone_rejects_letters_and_explains(void **state)
{
	struct catalog_field f = field(FIELD_PHONE, "联系电话");
	char msg[512];

	(void)state;
	assert_int_equal(check(&f, "138abc45678", msg, sizeof msg), -1);
	assert_string_equal(msg, "联系电话: 第 4 个字符“a”不能出现，电话号码只能由数字、空格、短横线和括号组成");
	assert_int_equal(check(&f, "１３８12345678", msg, sizeof msg), -1);
	assert_int_equal(check(&f, "+1 212 555 0100", msg, sizeof msg), -1);
	assert_string_equal(msg, "联系电话: 只接受中国大陆号码（+86）");
	assert_int_equal(check(&f, "13812345678", msg, sizeof msg), 0);
}

static void test_id_field_accepts_18_digit_ids_only(void **state)
{
	struct catalog_field f = field(FIELD_ID, "申请人身份证号码");
	char msg[512], norm[19];

	(void)state;
	assert_int_equal(check(&f, "11010519491231002X", msg, sizeof msg), 0);
	assert_int_equal(validate_id("11010519491231002x", norm, sizeof norm, msg, sizeof msg), 0);
	assert_string_equal(norm, "11010519491231002X");
	assert_int_equal(check(&f, "110105194912310023", msg, sizeof msg), -1);
	assert_string_equal(msg, "申请人身份证号码: 校验码错误: 第 18 位为 3，应为 X");
	/* The legacy form is refused, with the number to enter instead. */
	assert_int_equal(check(&f, "110105491231002", msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "11010519491231002X"));
	assert_non_null(strstr(msg, "旧版 15 位"));
	assert_int_equal(check(&f, "91350100M000100Y43", msg, sizeof msg), -1);
}

static void test_uscc_field_check_digit_is_an_overridable_warning(void **state)
{
	struct catalog_field f = field(FIELD_USCC, "统一社会信用代码");
	char msg[512], norm[19];

	(void)state;
	assert_int_equal(check(&f, "91350100M000100Y43", msg, sizeof msg), VALIDATE_OK);
	assert_int_equal(check(&f, "91350100M000100Y44", msg, sizeof msg), VALIDATE_WARNING);
	assert_string_equal(msg, "统一社会信用代码: 校验码错误: 第 18 位为 4，应为 3；"
			    "如与证照上的代码一致，可注明理由后继续受理");
	assert_int_equal(validate_uscc("91350100m000100y44", norm, sizeof norm, msg, sizeof msg),
			 VALIDATE_WARNING);
	assert_string_equal(norm, "91350100M000100Y44");
	assert_int_equal(check(&f, "91350100I000100Y43", msg, sizeof msg), VALIDATE_ERROR);
	assert_int_equal(check(&f, "9135010", msg, sizeof msg), VALIDATE_ERROR);
	assert_string_equal(msg, "统一社会信用代码: 长度错误: 共 7 位，统一社会信用代码应为 18 位");
}

static void test_money_is_parsed_to_fen(void **state)
{
	char msg[512];
	long long fen = -1;

	(void)state;
	assert_int_equal(validate_money_parse("12", &fen, msg, sizeof msg), 0);
	assert_int_equal(fen, 1200);
	assert_int_equal(validate_money_parse("12.5", &fen, msg, sizeof msg), 0);
	assert_int_equal(fen, 1250);
	assert_int_equal(validate_money_parse("0.05", &fen, msg, sizeof msg), 0);
	assert_int_equal(fen, 5);
	assert_int_equal(validate_money_parse("9999999999999.99", &fen, msg, sizeof msg), 0);
	assert_true(fen == 999999999999999LL);
	assert_int_equal(validate_money_parse("0", &fen, msg, sizeof msg), 0);
	assert_int_equal(fen, 0);
}

static void test_money_rejects_sign_extra_decimals_and_units(void **state)
{
	char msg[512];
	long long fen;

	(void)state;
	assert_int_equal(validate_money_parse("12.345", &fen, msg, sizeof msg), -1);
	assert_string_equal(msg, "“12.345”: 金额最多两位小数（到分）");
	assert_int_equal(validate_money_parse("-1", &fen, msg, sizeof msg), -1);
	assert_int_equal(validate_money_parse("+1", &fen, msg, sizeof msg), -1);
	assert_int_equal(validate_money_parse("1,000", &fen, msg, sizeof msg), -1);
	assert_int_equal(validate_money_parse("12元", &fen, msg, sizeof msg), -1);
	assert_string_equal(msg, "“12元”: 只填数字，单位是元，不要带“元”或“¥”");
	assert_int_equal(validate_money_parse("¥12", &fen, msg, sizeof msg), -1);
	assert_int_equal(validate_money_parse("12345678901234", &fen, msg, sizeof msg), -1);
	assert_string_equal(msg, "“12345678901234”: 金额过大，整数部分最多 13 位");
	assert_int_equal(validate_money_parse(".5", &fen, msg, sizeof msg), -1);
}

static void test_money_bounds_are_in_yuan(void **state)
{
	struct catalog_field f = bounded_field(FIELD_MONEY, "注册资本", 0.01, 100);
	char msg[512];

	(void)state;
	assert_int_equal(check(&f, "100.00", msg, sizeof msg), 0);
	assert_int_equal(check(&f, "0.01", msg, sizeof msg), 0);
	assert_int_equal(check(&f, "100.01", msg, sizeof msg), -1);
	assert_string_equal(msg, "注册资本: 金额不能超过 100.00 元");
	assert_int_equal(check(&f, "0", msg, sizeof msg), -1);
	assert_string_equal(msg, "注册资本: 金额不能少于 0.01 元");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_value_is_an_error_only_when_required),
		cmocka_unit_test(test_field_message_starts_with_label),
		cmocka_unit_test(test_text_length_counts_characters_not_bytes),
		cmocka_unit_test(test_text_rejects_control_characters_and_bad_utf8),
		cmocka_unit_test(test_date_must_be_a_real_yyyy_mm_dd),
		cmocka_unit_test(test_choice_must_be_one_of_the_list),
		cmocka_unit_test(test_number_accepts_plain_decimals_only),
		cmocka_unit_test(test_number_bounds_are_inclusive),
		cmocka_unit_test(test_phone_mobile_numbers),
		cmocka_unit_test(test_phone_fixed_lines_need_area_code),
		cmocka_unit_test(test_phone_extensions),
		cmocka_unit_test(test_phone_service_numbers_400_800),
		cmocka_unit_test(test_phone_rejects_letters_and_explains),
		cmocka_unit_test(test_id_field_accepts_18_digit_ids_only),
		cmocka_unit_test(test_uscc_field_check_digit_is_an_overridable_warning),
		cmocka_unit_test(test_money_is_parsed_to_fen),
		cmocka_unit_test(test_money_rejects_sign_extra_decimals_and_units),
		cmocka_unit_test(test_money_bounds_are_in_yuan),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
