/* test_supervise.c — electronic supervision across cases: the worst card
 * of a case, warnings N working days before the promised date, red and
 * yellow cards, working days left while a 特别程序 runs, and the tallies
 * per department and window; dates on the official 2026 calendar. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "yichuang/casefsm.h"
#include "yichuang/date.h"
#include "yichuang/supervise.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "testlib.h"

static struct calendar *cal;

static int setup(void **state)
{
	(void)state;
	cal = testlib_calendar_2026();
	return cal ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	calendar_free(cal);
	return 0;
}

static int D(int m, int d)
{
	return date_from_ymd(2026, m, d);
}

static void step(struct case_fold *f, enum case_event_type t, int day)
{
	struct case_event e;
	char err[YC_ERRSZ] = "";

	memset(&e, 0, sizeof e);
	e.type = t;
	e.day = day;
	e.promised_limit = 3;
	e.promised_unit = LIMIT_WORKDAYS;
	e.reason = "理由";
	e.decision = CASE_DECISION_APPROVE;
	e.delivery = CASE_DELIVERY_PICKUP;
	if (casefsm_apply(f, &e, cal, err, sizeof err) != 0)
		fail_msg("%s: %s", casefsm_event_name(t), err);
}

/* A 3-working-day case received and accepted on `acc`, in review. */
static struct case_fold in_review(int acc)
{
	struct case_fold f;

	casefsm_init(&f);
	step(&f, CASE_EV_RECEIVED, acc);
	step(&f, CASE_EV_ACCEPTED, acc);
	step(&f, CASE_EV_REVIEW_STARTED, acc);
	return f;
}

static void test_level_is_the_worst_card_of_a_case(void **state)
{
	(void)state;
	assert_int_equal(supervise_level_of(0), SUPERVISE_OK);
	assert_int_equal(supervise_level_of(CASE_DL_WARNING), SUPERVISE_WARNING);
	assert_int_equal(supervise_level_of(CASE_DL_WARNING | CASE_DL_RESULT_LATE), SUPERVISE_YELLOW);
	assert_int_equal(supervise_level_of(CASE_DL_DEFERRED_OVERDUE), SUPERVISE_YELLOW);
	assert_int_equal(supervise_level_of(CASE_DL_OVERDUE | CASE_DL_CORRECTION_LATE),
			 SUPERVISE_RED);
	assert_string_equal(supervise_level_name(SUPERVISE_RED), "red");
	assert_string_equal(supervise_level_label(SUPERVISE_YELLOW), "黄牌");
	assert_string_equal(supervise_bit_name(CASE_DL_RESULT_LATE), "result_late");
	assert_string_equal(supervise_bit_name(3), "");
}

static void test_warning_two_working_days_before_the_promised_date_across_national_day(void **state)
{
	struct case_fold f = in_review(D(9, 30));
	struct supervise_case c = { "N1", "市场监管局", "370102-03", &f };
	struct supervise_report r;
	char err[YC_ERRSZ] = "";

	(void)state;
	/* 3 working days after 9-30: 10-8, 10-9, 10-10 (调休) */
	assert_int_equal(f.promised_on, D(10, 10));
	assert_int_equal(supervise_run(&c, 1, D(9, 30), 2, cal, &r, err, sizeof err), 0);
	assert_int_equal(r.nflags, 0);
	assert_int_equal(r.warnings, 0);
	supervise_report_free(&r);
	/* on the last day of the holiday three are left: 10-8, 10-9, 10-10 */
	assert_int_equal(supervise_run(&c, 1, D(10, 7), 2, cal, &r, err, sizeof err), 0);
	assert_int_equal(r.nflags, 0);
	supervise_report_free(&r);
	assert_int_equal(supervise_run(&c, 1, D(10, 8), 2, cal, &r, err, sizeof err), 0);
	assert_int_equal(r.nflags, 1);
	assert_int_equal(r.flags[0].status, CASE_DL_WARNING);
	assert_int_equal(r.flags[0].level, SUPERVISE_WARNING);
	assert_true(r.flags[0].has_days_left);
	assert_int_equal(r.flags[0].days_left, 2);
	assert_int_equal(r.warnings, 1);
	supervise_report_free(&r);
	/* a setting of 3 warns a working day earlier */
	assert_int_equal(supervise_run(&c, 1, D(10, 7), 3, cal, &r, err, sizeof err), 0);
	assert_int_equal(r.nflags, 1);
	supervise_report_free(&r);
}

static void test_red_card_past_the_promised_date_counts_per_department_and_window(void **state)
{
	struct case_fold a = in_review(D(2, 13)), b = in_review(D(2, 13)), c = in_review(D(3, 2));
	struct supervise_case v[3] = {
		{ "A", "市场监管局", "370102-03", &a },
		{ "B", "公安分局", "370102-01", &b },
		{ "C", "市场监管局", "370102-03", &c },
	};
	struct supervise_report r;
	char err[YC_ERRSZ] = "";

	(void)state;
	/* 2-13 + 3: 2-14 (调休), 2-24, 2-25; on 2-26 both are late */
	assert_int_equal(a.promised_on, D(2, 25));
	assert_int_equal(supervise_run(v, 3, D(2, 26), 2, cal, &r, err, sizeof err), 0);
	assert_int_equal(r.red, 2);
	assert_int_equal(r.nflags, 2);
	assert_int_equal(r.flags[0].index, 0);
	assert_int_equal(r.flags[0].level, SUPERVISE_RED);
	assert_int_equal(r.flags[0].days_left, -1);
	assert_int_equal(r.flags[1].index, 1);
	assert_int_equal(r.ndepartments, 2);
	assert_string_equal(r.by_department[0].key, "公安分局");
	assert_int_equal(r.by_department[0].red, 1);
	assert_int_equal(r.by_department[1].open, 2);
	assert_int_equal(r.by_department[1].red, 1);
	assert_int_equal(r.nwindows, 2);
	assert_string_equal(r.by_window[0].key, "370102-01");
	assert_string_equal(r.by_window[1].key, "370102-03");
	assert_int_equal(r.by_window[1].open, 2);
	supervise_report_free(&r);
}

static void test_yellow_card_when_the_result_is_not_at_the_window_in_one_working_day(void **state)
{
	struct case_fold f = in_review(D(9, 29));
	struct supervise_case c = { "N", "", "", &f };
	struct supervise_report r;
	char err[YC_ERRSZ] = "", text[256];

	(void)state;
	step(&f, CASE_EV_DECIDED, D(10, 9));
	/* due Saturday 10-10, a 调休 working day */
	assert_int_equal(f.result_due_on, D(10, 10));
	assert_int_equal(supervise_run(&c, 1, D(10, 10), 2, cal, &r, err, sizeof err), 0);
	assert_int_equal(r.nflags, 0);
	supervise_report_free(&r);
	assert_int_equal(supervise_run(&c, 1, D(10, 12), 2, cal, &r, err, sizeof err), 0);
	assert_int_equal(r.yellow, 1);
	assert_int_equal(r.flags[0].status, CASE_DL_RESULT_LATE);
	assert_false(r.flags[0].has_days_left);
	assert_string_equal(supervise_status_text(r.flags[0].status, text, sizeof text),
			    "黄牌：决定后超过 1 个工作日未交出件窗口");
	/* an unknown department is tallied under "" */
	assert_string_equal(r.by_department[0].key, "");
	supervise_report_free(&r);
}

static void test_days_left_stand_still_during_a_special_procedure(void **state)
{
	struct case_fold f = in_review(D(2, 13));
	int left = 99;

	(void)state;
	step(&f, CASE_EV_SPECIAL_STARTED, D(2, 24));
	/* paused 2-25..2-27, 2-28 (调休), 3-2: the date moves from 2-25 to 3-3 */
	assert_int_equal(supervise_days_left(&f, D(3, 2), cal, &left), 1);
	assert_int_equal(left, 1);
	assert_int_equal(supervise_days_left(&f, D(2, 27), cal, &left), 1);
	assert_int_equal(left, 1);
	step(&f, CASE_EV_SPECIAL_ENDED, D(3, 2));
	assert_int_equal(f.promised_on, D(3, 3));
	assert_int_equal(supervise_days_left(&f, D(3, 2), cal, &left), 1);
	assert_int_equal(left, 1);
}

static void test_closed_cases_keep_their_red_card_listed_only_when_asked(void **state)
{
	struct case_fold f = in_review(D(2, 13));
	struct supervise_case c = { "N", "部门", "W", &f };
	struct supervise_filter all = { NULL, 1 };
	struct supervise_report r;
	char err[YC_ERRSZ] = "";
	int left;

	(void)state;
	step(&f, CASE_EV_DECIDED, D(2, 26));		/* a day late */
	step(&f, CASE_EV_RESULT_HANDED_OVER, D(2, 26));
	step(&f, CASE_EV_DELIVERED, D(2, 27));
	step(&f, CASE_EV_ARCHIVED, D(2, 27));
	assert_int_equal(supervise_days_left(&f, D(3, 2), cal, &left), 0);
	assert_true(casefsm_deadline_status(&f, D(3, 2), 2, cal) & CASE_DL_OVERDUE);
	/* archived: its card is history, not on today's list */
	assert_int_equal(supervise_run(&c, 1, D(3, 2), 2, cal, &r, err, sizeof err), 0);
	assert_int_equal(r.nflags, 0);
	assert_int_equal(r.red, 0);
	assert_int_equal(r.by_department[0].open, 0);
	assert_int_equal(r.by_department[0].red, 0);
	supervise_report_free(&r);
	/* asked for: listed, marked closed, with the day it was raised */
	assert_int_equal(supervise_run_filtered(&c, 1, D(3, 2), 2, cal, &all, &r, err,
						sizeof err), 0);
	assert_int_equal(r.nflags, 1);
	assert_int_equal(r.flags[0].level, SUPERVISE_RED);
	assert_true(r.flags[0].closed);
	assert_int_equal(r.flags[0].raised_on, D(2, 26));
	assert_int_equal(r.by_department[0].red, 1);
	supervise_report_free(&r);
}

/*
 * Current cards first with the day each was raised, worst first and, at
 * one level, the oldest first; a department filter lists only its cases.
 * Promised 2-25 (accepted 2-13): red from 2-26.  Decided 2-24, its result
 * due 2-25: yellow from 2-26.  Accepted 2-24: promised 2-27, warned from
 * 2-25 (2 working days before).  An archived late case comes last, and
 * only when asked.
 */
static void test_cards_listed_current_first_with_the_day_raised_and_by_department(void **state)
{
	struct case_fold red = in_review(D(2, 13)), yel = in_review(D(2, 13)),
			 warn = in_review(D(2, 24)), old = in_review(D(2, 13));
	struct supervise_case v[4] = {
		{ "OLD", "市场监管局", "W", &old },
		{ "WARN", "公安分局", "W", &warn },
		{ "YEL", "市场监管局", "W", &yel },
		{ "RED", "市场监管局", "W", &red },
	};
	struct supervise_filter all = { NULL, 1 }, sj = { "市场监管局", 0 };
	struct supervise_report r;
	char err[YC_ERRSZ] = "";

	(void)state;
	step(&yel, CASE_EV_DECIDED, D(2, 24));
	step(&old, CASE_EV_DECIDED, D(2, 26));
	step(&old, CASE_EV_RESULT_HANDED_OVER, D(2, 26));
	step(&old, CASE_EV_DELIVERED, D(2, 26));
	step(&old, CASE_EV_ARCHIVED, D(2, 26));
	assert_int_equal(warn.promised_on, D(2, 27));
	assert_int_equal(supervise_run_filtered(v, 4, D(2, 26), 2, cal, &all, &r, err,
						sizeof err), 0);
	assert_int_equal(r.nflags, 4);
	assert_int_equal(r.flags[0].index, 3);		/* RED, current */
	assert_int_equal(r.flags[0].raised_on, D(2, 26));
	assert_int_equal(r.flags[1].index, 2);		/* YEL */
	assert_int_equal(r.flags[1].raised_on, D(2, 26));
	assert_int_equal(r.flags[2].index, 1);		/* WARN */
	assert_int_equal(r.flags[2].raised_on, D(2, 25));
	assert_int_equal(r.flags[3].index, 0);		/* OLD, closed, last */
	assert_true(r.flags[3].closed);
	supervise_report_free(&r);

	assert_int_equal(supervise_run_filtered(v, 4, D(2, 26), 2, cal, &sj, &r, err,
						sizeof err), 0);
	assert_int_equal(r.nflags, 2);
	assert_int_equal(r.flags[0].index, 3);
	assert_int_equal(r.flags[1].index, 2);
	assert_int_equal(r.warnings, 0);
	assert_int_equal(r.ndepartments, 1);
	supervise_report_free(&r);
}

/* A warning raised over a holiday: promised Sat 10-10 (调休), 2 working
 * days before is from Thu 10-8 (10-9 and 10-10 ahead). */
static void test_warning_raised_two_working_days_before_across_national_day(void **state)
{
	struct case_fold f = in_review(D(9, 30));

	(void)state;
	assert_int_equal(supervise_bit_raised_on(&f, CASE_DL_WARNING, D(10, 9), 2, cal), D(10, 8));
}

static void test_status_text_names_every_card(void **state)
{
	char buf[512], small[40];

	(void)state;
	assert_string_equal(supervise_status_text(0, buf, sizeof buf), "");
	supervise_status_text(CASE_DL_OVERDUE | CASE_DL_WARNING, buf, sizeof buf);
	assert_string_equal(buf, "红牌：超过承诺办结日；预警：临近承诺办结日");
	supervise_status_text(CASE_DL_CORRECTION_LATE | CASE_DL_DELIVERY_LATE |
			      CASE_DL_DEFERRED_OVERDUE, buf, sizeof buf);
	assert_non_null(strstr(buf, "补正告知超过 5 个工作日"));
	assert_non_null(strstr(buf, "10 个工作日未送达"));
	assert_non_null(strstr(buf, "容缺材料逾期"));
	/* cut short, never in the middle of a character */
	supervise_status_text(CASE_DL_OVERDUE | CASE_DL_RESULT_LATE, small, sizeof small);
	assert_true(utf8_valid(small, strlen(small)));
}

static void test_warn_days_setting_is_zero_to_thirty_working_days(void **state)
{
	char err[YC_ERRSZ] = "";
	int v = -1;

	(void)state;
	assert_int_equal(supervise_warn_days_parse("2", &v, err, sizeof err), 0);
	assert_int_equal(v, 2);
	assert_int_equal(supervise_warn_days_parse("0", &v, err, sizeof err), 0);
	assert_int_equal(v, 0);
	assert_int_equal(supervise_warn_days_parse("30", &v, err, sizeof err), 0);
	assert_int_equal(supervise_warn_days_parse("31", &v, err, sizeof err), -1);
	assert_non_null(strstr(err, "0 到 30"));
	assert_int_equal(supervise_warn_days_parse("-1", &v, err, sizeof err), -1);
	assert_int_equal(supervise_warn_days_parse("2d", &v, err, sizeof err), -1);
	assert_int_equal(supervise_warn_days_parse("", &v, err, sizeof err), -1);
	assert_int_equal(v, 30);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_level_is_the_worst_card_of_a_case),
		cmocka_unit_test(test_warning_two_working_days_before_the_promised_date_across_national_day),
		cmocka_unit_test(test_red_card_past_the_promised_date_counts_per_department_and_window),
		cmocka_unit_test(test_yellow_card_when_the_result_is_not_at_the_window_in_one_working_day),
		cmocka_unit_test(test_days_left_stand_still_during_a_special_procedure),
		cmocka_unit_test(test_closed_cases_keep_their_red_card_listed_only_when_asked),
		cmocka_unit_test(test_cards_listed_current_first_with_the_day_raised_and_by_department),
		cmocka_unit_test(test_warning_raised_two_working_days_before_across_national_day),
		cmocka_unit_test(test_status_text_names_every_card),
		cmocka_unit_test(test_warn_days_setting_is_zero_to_thirty_working_days),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
