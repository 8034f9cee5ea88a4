/* test_case_query.c — the clerk's case search (casequery.h): what typed
 * text is taken for, and hits that carry the fold, the deadline status and
 * the state filter of the 补正收件 list.  Real SQLite files in a temporary
 * directory, dates on the official 2026 calendar. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/casequery.h"
#include "yichuang/casestore.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "testlib.h"

static char tmpdir[256];
static struct calendar *cal;

static int setup(void **state)
{
	(void)state;
	cal = testlib_calendar_2026();
	if (!cal)
		return -1;
	return testlib_mkdtemp(tmpdir, sizeof tmpdir, "casequery");
}

static int teardown(void **state)
{
	(void)state;
	calendar_free(cal);
	return testlib_rmtree(tmpdir);
}

static int D(int m, int d)
{
	return date_from_ymd(2026, m, d);
}

/* A new database initialised as site 370102, terminal 1. */
static struct store *open_station(const char *name)
{
	struct store *st = NULL;
	char path[512], err[YC_ERRSZ] = "";

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	assert_int_equal(store_open(path, STORE_OPEN_CREATE, &st, err, sizeof err), 0);
	assert_int_equal(store_init_terminal(st, "370102", 1, err, sizeof err), 0);
	return st;
}

static const struct case_material_receipt mats[] = {
	{ "sqs", RECEIPT_PAPER, 1, 0, 0, NULL },
};

/* Receives a case of a 3-workday item on `day`; its number into number. */
static void receive(struct store *st, int day, const char *name, const char *id_no,
		    const char *item, char *number)
{
	struct case_intake in;
	char id[CASE_ID_MAX], err[YC_ERRSZ] = "";

	memset(&in, 0, sizeof in);
	in.day = day;
	in.item_code = item;
	in.item_name = "食品经营许可";
	in.catalog_version = 1;
	in.promised_limit = 3;
	in.promised_unit = LIMIT_WORKDAYS;
	in.applicant.name = name;
	in.applicant.id_no = id_no;
	in.materials = mats;
	in.nmaterials = 1;
	if (case_receive(st, cal, &in, "clerk", id, number, err, sizeof err) != 0)
		fail_msg("case_receive: %s", err);
}

static void apply(struct store *st, const char *number, enum case_event_type type, int day)
{
	struct case_event e;
	char err[YC_ERRSZ] = "";

	memset(&e, 0, sizeof e);
	e.type = type;
	e.day = day;
	if (case_apply_event(st, cal, number, &e, NULL, "clerk", NULL, err, sizeof err) != 0)
		fail_msg("case_apply_event: %s", err);
}

static void test_guess_takes_a_valid_id_number_for_an_id_number(void **state)
{
	(void)state;
	assert_int_equal(case_query_guess("11010519491231002X", NULL), CASE_Q_ID_NO);
	assert_int_equal(case_query_guess(" 11010519491231002x ", NULL), CASE_Q_ID_NO);
	assert_int_equal(case_query_guess("91530102MA6N8K2Q4C", NULL), CASE_Q_ID_NO);
}

static void test_guess_reads_case_numbers_with_and_without_dashes(void **state)
{
	char number[CASENO_TEXT_MAX], err[YC_ERRSZ];
	char plain[CASENO_TEXT_MAX];
	size_t o = 0;

	(void)state;
	assert_int_equal(caseno_format("370102", 1, D(11, 18), 1, number, sizeof number, err,
				       sizeof err), 0);
	for (const char *s = number; *s; s++)
		if (*s != '-')
			plain[o++] = *s;
	plain[o] = '\0';
	assert_int_equal(case_query_guess(number, NULL), CASE_Q_NUMBER);
	assert_int_equal(case_query_guess(plain, NULL), CASE_Q_NUMBER);
}

static void test_guess_keeps_a_mistyped_case_number_a_case_number(void **state)
{
	char number[CASENO_TEXT_MAX], err[YC_ERRSZ];
	size_t n;

	(void)state;
	assert_int_equal(caseno_format("370102", 1, D(11, 18), 1, number, sizeof number, err,
				       sizeof err), 0);
	n = strlen(number);
	number[n - 1] = number[n - 1] == 'A' ? 'B' : 'A';	/* a wrong check character */
	assert_int_not_equal(caseno_parse(number, NULL, NULL, 0), CASENO_OK);
	assert_int_equal(case_query_guess(number, NULL), CASE_Q_NUMBER);
}

static void test_guess_takes_long_codes_for_item_codes_and_words_for_names(void **state)
{
	(void)state;
	assert_int_equal(case_query_guess("11539102MB1A2704434000101700200", NULL), CASE_Q_ITEM_CODE);
	assert_int_equal(case_query_guess("安澜", NULL), CASE_Q_NAME_PREFIX);
	assert_int_equal(case_query_guess("王", NULL), CASE_Q_NAME_PREFIX);
	assert_int_equal(case_query_guess("Li", NULL), CASE_Q_NAME_PREFIX);
	assert_int_equal(case_query_guess("   ", NULL), CASE_Q_ALL);
	/* 18 characters that fail the check still search the ID numbers */
	assert_int_equal(case_query_guess("110105194912310021", NULL), CASE_Q_ID_NO);
}

static void test_find_folds_each_hit_and_lists_newest_first(void **state)
{
	struct store *st = open_station("fold.db");
	char a[CASENO_TEXT_MAX], b[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";
	struct case_hit *h = NULL;
	size_t n = 0;

	(void)state;
	receive(st, D(11, 16), "安澜味道餐饮有限公司", NULL, "FOOD", a);
	apply(st, a, CASE_EV_ACCEPTED, D(11, 16));
	receive(st, D(11, 18), "安澜绿源养殖专业合作社", NULL, "FOOD", b);
	assert_int_equal(case_query_find(st, cal, CASE_Q_NAME_PREFIX, "安澜", -1, D(11, 20), 2, 0,
					 &h, &n, err, sizeof err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(h[0].s.number, b);
	assert_string_equal(h[1].s.number, a);
	assert_int_equal(h[1].fold.state, CASE_ACCEPTED);
	assert_int_equal(h[1].fold.promised_on, D(11, 19));	/* 3 working days */
	assert_int_equal(h[1].deadline, CASE_DL_OVERDUE);	/* 11-20 is past it */
	assert_int_equal(h[0].fold.state, CASE_RECEIVED);
	assert_int_equal(h[0].fold.correction_deadline, D(11, 25));
	assert_int_equal(h[0].deemed_accepted, 0);
	case_hits_free(h, n);
	store_close(st);
}

static void test_find_by_name_matches_the_distinctive_part_inside_the_name(void **state)
{
	struct store *st = open_station("inside.db");
	char a[CASENO_TEXT_MAX], b[CASENO_TEXT_MAX], c[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";
	struct case_hit *h = NULL;
	size_t n = 0;

	(void)state;
	receive(st, D(11, 16), "云岭市安澜区好味道餐饮有限公司", NULL, "FOOD", a);
	receive(st, D(11, 17), "好味道小吃店", NULL, "FOOD", b);
	receive(st, D(11, 18), "云岭市安澜区便民超市有限公司", NULL, "FOOD", c);
	/* 好味道 is inside the first name: found; the name starting with it
	 * comes first although it is not the newest */
	assert_int_equal(case_query_find(st, cal, CASE_Q_NAME_PREFIX, "好味道", -1, D(11, 20), 2, 0,
					 &h, &n, err, sizeof err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(h[0].s.number, b);
	assert_string_equal(h[1].s.number, a);
	case_hits_free(h, n);
	/* one character matches only at the start */
	assert_int_equal(case_query_find(st, cal, CASE_Q_NAME_PREFIX, "味", -1, D(11, 20), 2, 0,
					 &h, &n, err, sizeof err), 0);
	assert_int_equal(n, 0);
	case_hits_free(h, n);
	assert_int_equal(case_query_find(st, cal, CASE_Q_NAME_PREFIX, "云岭市", -1, D(11, 20), 2, 0,
					 &h, &n, err, sizeof err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(h[0].s.number, c);
	case_hits_free(h, n);
	store_close(st);
}

static void test_find_items_lists_the_cases_of_every_code_given(void **state)
{
	struct store *st = open_station("items.db");
	char a[CASENO_TEXT_MAX], b[CASENO_TEXT_MAX], c[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";
	const char *codes[] = { "FOOD", "SEAL\"" };
	struct case_hit *h = NULL;
	size_t n = 0;

	(void)state;
	receive(st, D(11, 16), "甲公司", NULL, "FOOD", a);
	receive(st, D(11, 17), "乙公司", NULL, "BIZ", b);
	receive(st, D(11, 18), "丙公司", NULL, "SEAL\"", c);
	assert_int_equal(case_query_find_items(st, cal, codes, 2, -1, D(11, 20), 2, 0,
					       &h, &n, err, sizeof err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(h[0].s.number, c);
	assert_string_equal(h[1].s.number, a);
	case_hits_free(h, n);
	assert_int_equal(case_query_find_items(st, cal, codes, 0, -1, D(11, 20), 2, 0,
					       &h, &n, err, sizeof err), 0);
	assert_int_equal(n, 0);
	case_hits_free(h, n);
	store_close(st);
}

static void test_find_flags_a_case_left_past_its_correction_deadline_as_deemed_accepted(void **state)
{
	struct store *st = open_station("deemed.db");
	char a[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";
	struct case_hit *h = NULL;
	size_t n = 0;

	(void)state;
	receive(st, D(11, 10), "王芳", "11010519491231002X", "FOOD", a);
	assert_int_equal(case_query_find(st, cal, CASE_Q_ID_NO, "11010519491231002x", -1,
					 D(11, 20), 2, 0, &h, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].deemed_accepted, 1);	/* deadline 11-17 passed */
	case_hits_free(h, n);
	store_close(st);
}

static void test_find_with_a_state_lists_only_cases_in_that_state(void **state)
{
	struct store *st = open_station("state.db");
	char a[CASENO_TEXT_MAX], b[CASENO_TEXT_MAX], c[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";
	struct case_hit *h = NULL;
	size_t n = 0;

	(void)state;
	receive(st, D(11, 16), "王芳", NULL, "FOOD", a);
	apply(st, a, CASE_EV_CORRECTION_REQUESTED, D(11, 16));
	receive(st, D(11, 17), "王建国", NULL, "FOOD", b);
	receive(st, D(11, 18), "王五", NULL, "FOOD", c);
	apply(st, c, CASE_EV_CORRECTION_REQUESTED, D(11, 18));
	assert_int_equal(case_query_find(st, cal, CASE_Q_NAME_PREFIX, "王", CASE_CORRECTION,
					 D(11, 20), 2, 0, &h, &n, err, sizeof err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(h[0].s.number, c);
	assert_string_equal(h[1].s.number, a);
	assert_int_equal(h[0].fold.state, CASE_CORRECTION);
	case_hits_free(h, n);
	/* the limit counts the hits kept, not the cases looked at */
	assert_int_equal(case_query_find(st, cal, CASE_Q_ALL, NULL, CASE_CORRECTION, D(11, 20), 2,
					 1, &h, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(h[0].s.number, c);
	case_hits_free(h, n);
	store_close(st);
}

static void test_find_by_mistyped_number_says_which_check_character_is_expected(void **state)
{
	struct store *st = open_station("typo.db");
	char a[CASENO_TEXT_MAX], bad[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";
	struct case_hit *h = NULL;
	size_t n = 0, len;

	(void)state;
	receive(st, D(11, 18), "王芳", NULL, "FOOD", a);
	snprintf(bad, sizeof bad, "%s", a);
	len = strlen(bad);
	bad[len - 1] = bad[len - 1] == 'A' ? 'B' : 'A';
	assert_int_equal(case_query_find(st, cal, CASE_Q_NUMBER, bad, -1, D(11, 20), 2, 0,
					 &h, &n, err, sizeof err), -1);
	assert_null(h);
	assert_non_null(strstr(err, "校验"));
	{
		char want[8];

		snprintf(want, sizeof want, "“%c”", a[len - 1]);
		assert_non_null(strstr(err, want));
	}
	/* the number without dashes finds the case */
	{
		char plain[CASENO_TEXT_MAX];
		size_t o = 0;

		for (const char *s = a; *s; s++)
			if (*s != '-')
				plain[o++] = *s;
		plain[o] = '\0';
		assert_int_equal(case_query_find(st, cal, CASE_Q_NUMBER, plain, -1, D(11, 20), 2, 0,
						 &h, &n, err, sizeof err), 0);
		assert_int_equal(n, 1);
		assert_string_equal(h[0].s.number, a);
		case_hits_free(h, n);
	}
	store_close(st);
}

static void test_find_refuses_an_unknown_state(void **state)
{
	struct store *st = open_station("badstate.db");
	char err[YC_ERRSZ] = "";
	struct case_hit *h = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(case_query_find(st, cal, CASE_Q_ALL, NULL, CASE_STATE_COUNT, D(11, 20), 2,
					 0, &h, &n, err, sizeof err), -1);
	assert_int_equal(n, 0);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guess_takes_a_valid_id_number_for_an_id_number),
		cmocka_unit_test(test_guess_reads_case_numbers_with_and_without_dashes),
		cmocka_unit_test(test_guess_keeps_a_mistyped_case_number_a_case_number),
		cmocka_unit_test(test_guess_takes_long_codes_for_item_codes_and_words_for_names),
		cmocka_unit_test(test_find_folds_each_hit_and_lists_newest_first),
		cmocka_unit_test(test_find_by_name_matches_the_distinctive_part_inside_the_name),
		cmocka_unit_test(test_find_items_lists_the_cases_of_every_code_given),
		cmocka_unit_test(test_find_flags_a_case_left_past_its_correction_deadline_as_deemed_accepted),
		cmocka_unit_test(test_find_with_a_state_lists_only_cases_in_that_state),
		cmocka_unit_test(test_find_by_mistyped_number_says_which_check_character_is_expected),
		cmocka_unit_test(test_find_refuses_an_unknown_state),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
