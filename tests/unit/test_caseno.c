/* test_caseno.c — case numbers: the check character's claims proved by
 * trying every substitution and every neighbour swap, and reading back. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "yichuang/caseno.h"
#include "yichuang/date.h"
#include "yichuang/util.h"

/* Sample numbers: the shortest, a typical one, a long sequence, the longest
 * site and sequence (29-symbol body), letters in the site. */
struct sample {
	const char *site;
	int terminal;
	int y, m, d;
	unsigned long seq;
	const char *text;
};

static const struct sample samples[] = {
	{ "370102", 3, 2026, 11, 21, 7, "370102-03-261121-0007-W" },
	{ "A", 1, 2026, 1, 1, 1, NULL },
	{ "370102", 3, 2026, 9, 30, 12345, NULL },
	{ "ABCDEFGHJKLM", 99, 2099, 12, 31, 123456789, NULL },
	{ "4403Y5", 12, 2026, 2, 14, 9999, NULL },
};

#define NSAMPLES (sizeof samples / sizeof samples[0])

static void sample_text(const struct sample *s, char *buf, size_t bufsz)
{
	char err[YC_ERRSZ];

	assert_int_equal(caseno_format(s->site, s->terminal,
				       date_from_ymd(s->y, s->m, s->d), s->seq,
				       buf, bufsz, err, sizeof err), 0);
	if (s->text)
		assert_string_equal(buf, s->text);
}

/* Removes the dashes of a printed number. */
static void strip_dashes(const char *in, char *out)
{
	for (; *in; in++)
		if (*in != '-')
			*out++ = *in;
	*out = '\0';
}

/* The algebra behind the claims: the weights 3^0..3^29 mod 31 are 30
 * distinct units, and each differs from its neighbour by a unit. */
static void test_weights_are_distinct_units_mod_31(void **state)
{
	int w[30], seen[31] = { 0 };

	(void)state;
	w[0] = 1;
	for (int k = 1; k < 30; k++)
		w[k] = w[k - 1] * 3 % 31;
	for (int k = 0; k < 30; k++) {
		assert_true(w[k] != 0);
		assert_int_equal(seen[w[k]], 0);
		seen[w[k]] = 1;
		for (int a = 0; a < 31; a++)
			for (int b = 0; b < 31; b++) {
				if (a == b)
					continue;
				assert_true((a - b + 31) * w[k] % 31 != 0);
				if (k + 1 < 30)
					assert_true(((a - b + 31) * ((w[k] - w[k + 1] + 31) % 31)) % 31 != 0);
			}
	}
	assert_int_equal(w[29] * 3 % 31, 1);	/* order exactly 30 */
}

static void test_check_character_of_known_bodies(void **state)
{
	(void)state;
	/* 370102032611210007 from the right, symbol x weight (3^k mod 31):
	 * 7*3 + 0*9 + 0*27 + 0*19 + 1*26 + 2*16 + 1*17 + 1*20 + 6*29 + 2*25 +
	 * 3*13 + 0*8 + 2*24 + 0*10 + 1*30 + 0*28 + 7*22 + 3*4 = 623
	 * = 20*31 + 3, so the check value is 31 - 3 = 28, the symbol W
	 * (0-9, A10 B11 C12 D13 E14 F15 G16 H17 J18 K19 L20 M21 N22 P23 Q24
	 * R25 T26 U27 W28 X29 Y30).  The others come from the same sum. */
	assert_int_equal(caseno_check_char("370102032611210007", 18), 'W');
	assert_int_equal(caseno_check_char("1011000", 7), '0');
	assert_int_equal(caseno_check_char("370102032602140001", 18), 'J');
	assert_int_equal(caseno_check_char("ABCDEFGHJKLM99991231123456789", 29), 'E');
	assert_int_equal(caseno_check_char("37O1", 4), 0);	/* O is no symbol */
	assert_int_equal(caseno_check_char("", 0), 0);
	assert_int_equal(caseno_symbol_value('Y'), 30);
	assert_int_equal(caseno_symbol_value('H'), 17);
	assert_int_equal(caseno_symbol_value('I'), -1);
	assert_int_equal(caseno_symbol_value('a'), -1);
}

/* Every position x every other symbol: in the printed form and without
 * dashes.  Dash positions get every symbol too (and lose their dash). */
static void test_every_single_substitution_is_rejected(void **state)
{
	char text[CASENO_TEXT_MAX], plain[CASENO_TEXT_MAX], mut[CASENO_TEXT_MAX];
	long tried = 0;

	(void)state;
	for (size_t s = 0; s < NSAMPLES; s++) {
		sample_text(&samples[s], text, sizeof text);
		strip_dashes(text, plain);
		assert_true(caseno_valid(text));
		assert_true(caseno_valid(plain));
		for (int form = 0; form < 2; form++) {
			const char *base = form ? plain : text;
			size_t n = strlen(base);

			for (size_t i = 0; i < n; i++)
				for (const char *a = CASENO_ALPHABET "-"; *a; a++) {
					if (*a == base[i])
						continue;
					memcpy(mut, base, n + 1);
					mut[i] = *a;
					if (caseno_valid(mut))
						fail_msg("accepted %s (from %s)", mut, base);
					tried++;
				}
		}
	}
	assert_true(tried > 5000);
}

/* Every swap of two neighbouring different characters, dashes included. */
static void test_every_adjacent_transposition_is_rejected(void **state)
{
	char text[CASENO_TEXT_MAX], plain[CASENO_TEXT_MAX], mut[CASENO_TEXT_MAX];
	int tried = 0;

	(void)state;
	for (size_t s = 0; s < NSAMPLES; s++) {
		sample_text(&samples[s], text, sizeof text);
		strip_dashes(text, plain);
		for (int form = 0; form < 2; form++) {
			const char *base = form ? plain : text;
			size_t n = strlen(base);

			for (size_t i = 0; i + 1 < n; i++) {
				if (base[i] == base[i + 1])
					continue;
				memcpy(mut, base, n + 1);
				mut[i] = base[i + 1];
				mut[i + 1] = base[i];
				if (caseno_valid(mut))
					fail_msg("accepted %s (from %s)", mut, base);
				tried++;
			}
		}
	}
	assert_true(tried > 100);
}

static void test_format_then_parse_round_trips(void **state)
{
	char text[CASENO_TEXT_MAX], plain[CASENO_TEXT_MAX], err[YC_ERRSZ];
	struct caseno cn;

	(void)state;
	for (size_t s = 0; s < NSAMPLES; s++) {
		const struct sample *sm = &samples[s];

		sample_text(sm, text, sizeof text);
		strip_dashes(text, plain);
		for (int form = 0; form < 2; form++) {
			memset(&cn, 0, sizeof cn);
			if (caseno_parse(form ? plain : text, &cn, err, sizeof err) != CASENO_OK)
				fail_msg("%s: %s", form ? plain : text, err);
			assert_string_equal(cn.site, sm->site);
			assert_int_equal(cn.terminal, sm->terminal);
			assert_int_equal(cn.day, date_from_ymd(sm->y, sm->m, sm->d));
			assert_int_equal(cn.seq, sm->seq);
			assert_int_equal(cn.check, text[strlen(text) - 1]);
			assert_string_equal(cn.text, text);
		}
	}
}

static void test_typed_forms_are_normalised(void **state)
{
	struct caseno cn;
	char err[YC_ERRSZ];
	static const char *const typed[] = {
		"370102-03-261121-0007-w",
		" 370102 - 03 - 261121 - 0007 - W ",
		"370102 03 261121 0007 W",
		"370102032611210007w",
		"３７０１０２－０３－２６１１２１－０００７－ｗ",	/* fullwidth */
		"370102—03—261121—0007—W",	/* em dashes */
		"370102　03　261121　0007　W",	/* ideographic spaces */
	};

	(void)state;
	for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		if (caseno_parse(typed[i], &cn, err, sizeof err) != CASENO_OK)
			fail_msg("%s: %s", typed[i], err);
		assert_string_equal(cn.text, "370102-03-261121-0007-W");
	}
	/* a site code in lowercase letters comes back uppercase */
	assert_int_equal(caseno_format("4403Y5", 12, date_from_ymd(2026, 2, 14), 9999,
				       err, sizeof err, NULL, 0), 0);
	for (char *p = err; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	assert_int_equal(caseno_parse(err, &cn, NULL, 0), CASENO_OK);
	assert_string_equal(cn.site, "4403Y5");
}

static void test_wrong_shape_is_reported_as_shape(void **state)
{
	char err[YC_ERRSZ];

	(void)state;
	assert_int_equal(caseno_parse("", NULL, err, sizeof err), CASENO_ERR_SHAPE);
	assert_non_null(strstr(err, "为空"));
	assert_int_equal(caseno_parse("370102-03-261121-0007", NULL, err, sizeof err),
			 CASENO_ERR_SHAPE);
	assert_non_null(strstr(err, "实际为4段"));
	assert_int_equal(caseno_parse("370102-3-261121-0007-W", NULL, err, sizeof err),
			 CASENO_ERR_SHAPE);
	assert_non_null(strstr(err, "第2段（终端号）应为2位，实际为1位"));
	assert_int_equal(caseno_parse("370102-03-261121-007-W", NULL, err, sizeof err),
			 CASENO_ERR_SHAPE);
	assert_non_null(strstr(err, "第4段（序号）应为4–9位，实际为3位"));
	assert_int_equal(caseno_parse("-370102-03-261121-0007-W", NULL, err, sizeof err),
			 CASENO_ERR_SHAPE);
	assert_int_equal(caseno_parse("3701020326112", NULL, err, sizeof err),
			 CASENO_ERR_SHAPE);
	assert_non_null(strstr(err, "实际为13个"));
	/* too short to be a number at all */
	assert_int_equal(caseno_parse("12345", NULL, err, sizeof err), CASENO_ERR_SHAPE);
}

static void test_bad_character_names_its_position(void **state)
{
	char err[YC_ERRSZ];

	(void)state;
	/* letter O typed for digit 0 at the 3rd character */
	assert_int_equal(caseno_parse("37O102-03-261121-0007-W", NULL, err, sizeof err),
			 CASENO_ERR_CHAR);
	assert_non_null(strstr(err, "第3个字符“O”"));
	/* a Chinese character: position counts characters, not bytes */
	assert_int_equal(caseno_parse("号370102-03-261121-0007-W", NULL, err, sizeof err),
			 CASENO_ERR_CHAR);
	assert_non_null(strstr(err, "第1个字符“号”"));
	/* a symbol that is no digit inside the date: 13th character */
	assert_int_equal(caseno_parse("370102-03-26112A-0007-W", NULL, err, sizeof err),
			 CASENO_ERR_CHAR);
	assert_non_null(strstr(err, "第16个字符“A”"));
	assert_non_null(strstr(err, "日期部分只能是数字"));
	assert_int_equal(caseno_parse("370102-03-261121-0007-\xff", NULL, err, sizeof err),
			 CASENO_ERR_CHAR);
}

static void test_impossible_date_is_reported_as_date(void **state)
{
	char err[YC_ERRSZ];

	(void)state;
	/* month 13; also 2026-02-29 does not exist */
	assert_int_equal(caseno_parse("370102-03-261321-0007-W", NULL, err, sizeof err),
			 CASENO_ERR_DATE);
	assert_non_null(strstr(err, "“261321”不是有效日期"));
	assert_int_equal(caseno_parse("370102-03-260229-0007-W", NULL, err, sizeof err),
			 CASENO_ERR_DATE);
	assert_int_equal(caseno_parse("370102-00-261121-0007-W", NULL, err, sizeof err),
			 CASENO_ERR_FIELD);
	assert_int_equal(caseno_parse("370102-03-261121-0000-W", NULL, err, sizeof err),
			 CASENO_ERR_FIELD);
	/* more than 4 digits with a leading zero is a second spelling: refused */
	assert_int_equal(caseno_parse("370102-03-261121-00007-W", NULL, err, sizeof err),
			 CASENO_ERR_FIELD);
}

static void test_wrong_check_character_names_the_expected_one(void **state)
{
	char err[YC_ERRSZ];

	(void)state;
	assert_int_equal(caseno_parse("370102-03-261121-0007-K", NULL, err, sizeof err),
			 CASENO_ERR_CHECK);
	assert_non_null(strstr(err, "校验码是“K”，按前面各位应为“W”"));
	/* one digit mistyped in the sequence */
	assert_int_equal(caseno_parse("370102-03-261121-0008-W", NULL, err, sizeof err),
			 CASENO_ERR_CHECK);
	assert_int_equal(caseno_parse("370102032611210008W", NULL, err, sizeof err),
			 CASENO_ERR_CHECK);
}

/* Without dashes the shortest sequence that makes sense is taken, and the
 * number of readings is reported. */
static void test_dash_free_form_takes_the_shortest_sequence(void **state)
{
	char text[CASENO_TEXT_MAX], plain[CASENO_TEXT_MAX], err[YC_ERRSZ];
	struct caseno cn;

	(void)state;
	/* 370102032611210007W: the 4-digit reading is 370102-03-261121-0007;
	 * an 8-digit sequence gives site 37, terminal 01, 2002-03-26, sequence
	 * 11210007 too.  5, 6 and 7 digits give months 61, 26 and 32. */
	assert_int_equal(caseno_parse("370102032611210007W", &cn, err, sizeof err), CASENO_OK);
	assert_string_equal(cn.text, "370102-03-261121-0007-W");
	assert_int_equal(cn.readings, 2);
	assert_int_equal(caseno_parse("370102-03-261121-0007-W", &cn, err, sizeof err), CASENO_OK);
	assert_int_equal(cn.readings, 1);
	/* Site 37010, terminal 20, 2010-10-11, sequence 0001 gives the symbols
	 * 37010201010110001 + check.  They also read as site 3701, terminal 02,
	 * 2001-01-01, sequence 10001, and as site 370, terminal 10, 2020-10-10,
	 * sequence 110001.  7 digits would start with 0; 8 give month 20. */
	assert_int_equal(caseno_format("37010", 20, date_from_ymd(2010, 10, 11), 1,
				       text, sizeof text, err, sizeof err), 0);
	strip_dashes(text, plain);
	assert_int_equal(caseno_parse(plain, &cn, err, sizeof err), CASENO_OK);
	assert_string_equal(cn.text, text);
	assert_int_equal(cn.readings, 3);
	/* 370102-03-260930-12345: the 4-digit reading has month 93, so the
	 * 5-digit one is taken even without dashes. */
	assert_int_equal(caseno_format("370102", 3, date_from_ymd(2026, 9, 30), 12345,
				       text, sizeof text, err, sizeof err), 0);
	strip_dashes(text, plain);
	assert_int_equal(caseno_parse(plain, &cn, err, sizeof err), CASENO_OK);
	assert_string_equal(cn.text, text);
}

static void test_format_refuses_what_cannot_be_printed(void **state)
{
	char buf[CASENO_TEXT_MAX], err[YC_ERRSZ];
	int day = date_from_ymd(2026, 11, 21);

	(void)state;
	assert_int_equal(caseno_format("", 1, day, 1, buf, sizeof buf, err, sizeof err), -1);
	assert_int_equal(caseno_format("ABCDEFGHJKLMN", 1, day, 1, buf, sizeof buf, err, sizeof err), -1);
	assert_int_equal(caseno_format("37O102", 1, day, 1, buf, sizeof buf, err, sizeof err), -1);
	assert_non_null(strstr(err, "第3个字符"));
	assert_int_equal(caseno_format("370102", 0, day, 1, buf, sizeof buf, err, sizeof err), -1);
	assert_int_equal(caseno_format("370102", 100, day, 1, buf, sizeof buf, err, sizeof err), -1);
	assert_int_equal(caseno_format("370102", 1, date_from_ymd(1999, 12, 31), 1,
				       buf, sizeof buf, err, sizeof err), -1);
	assert_int_equal(caseno_format("370102", 1, day, 0, buf, sizeof buf, err, sizeof err), -1);
	assert_int_equal(caseno_format("370102", 1, day, CASENO_SEQ_MAX + 1,
				       buf, sizeof buf, err, sizeof err), -1);
	assert_int_equal(caseno_format("370102", 1, day, 1, buf, 10, err, sizeof err), -1);
	assert_int_equal(caseno_format("370102", 1, day, 10000, buf, sizeof buf, err, sizeof err), 0);
	assert_non_null(strstr(buf, "-261121-10000-"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weights_are_distinct_units_mod_31),
		cmocka_unit_test(test_check_character_of_known_bodies),
		cmocka_unit_test(test_every_single_substitution_is_rejected),
		cmocka_unit_test(test_every_adjacent_transposition_is_rejected),
		cmocka_unit_test(test_format_then_parse_round_trips),
		cmocka_unit_test(test_typed_forms_are_normalised),
		cmocka_unit_test(test_wrong_shape_is_reported_as_shape),
		cmocka_unit_test(test_bad_character_names_its_position),
		cmocka_unit_test(test_impossible_date_is_reported_as_date),
		cmocka_unit_test(test_wrong_check_character_names_the_expected_one),
		cmocka_unit_test(test_dash_free_form_takes_the_shortest_sequence),
		cmocka_unit_test(test_format_refuses_what_cannot_be_printed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
