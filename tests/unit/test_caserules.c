/* test_caserules.c — the time-limit rules one by one, on the official 2026
 * calendar, with every expected date worked out by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "yichuang/caserules.h"
#include "yichuang/date.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "testlib.h"

static struct calendar *cal;	/* the 2026 calendar (testlib.h) */

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

/* A fold accepted on `day` with a promised limit. */
static struct case_fold accepted(int day, int limit, enum limit_unit unit)
{
	struct case_fold f;

	casefsm_init(&f);
	f.state = CASE_ACCEPTED;
	f.received_on = day;
	f.accepted_on = day;
	f.promised_limit = limit;
	f.promised_unit = unit;
	return f;
}

/* Asserts that f's promised date, with `paused` working days of a running
 * pause, is worked out without error and is `want`. */
static void assert_promised_on(const struct case_fold *f, int paused, int want)
{
	int out;

	assert_int_equal(caserules_promised_on(f, cal, paused, &out, NULL), 0);
	assert_int_equal(out, want);
}

/* Received Wed 09-30: Thu 10-01..Wed 10-07 off, Thu 10-08 (1), Fri 10-09
 * (2), Sat 10-10 make-up (3), Mon 10-12 (4), Tue 10-13 (5). */
static void test_correction_deadline_skips_national_day(void **state)
{
	int out;
	struct workdays_note note = { { 0 }, 0 };

	(void)state;
	assert_int_equal(caserules_correction_deadline(cal, D(9, 30), &out, &note), 0);
	assert_int_equal(out, D(10, 13));
	assert_int_equal(note.n, 0);
}

/* Natural-day limits ending on a day off run to the next working day:
 * Fri 06-12 + 7 days = Fri 06-19, Dragon Boat holiday to Sun 06-21, so Mon
 * 06-22; Mon 03-02 + 5 = Sat 03-07, so Mon 03-09.  An extension of 10
 * working days on 06-22: 06-23..26 (4), 06-29, 30 (6), 07-01..03 (9), Mon
 * 07-06 (10). */
static void test_natural_day_limit_ending_on_a_day_off_moves_on(void **state)
{
	struct case_fold f;

	(void)state;
	f = accepted(D(6, 12), 7, LIMIT_DAYS);
	assert_promised_on(&f, 0, D(6, 22));
	f.extension_days = 10;
	assert_promised_on(&f, 0, D(7, 6));
	f = accepted(D(3, 2), 5, LIMIT_DAYS);
	assert_promised_on(&f, 0, D(3, 9));
}

/* Workday limit, deemed acceptance and instant cases: accepted Thu 09-24
 * with 10 working days gives 10-15 (09-28..30: 3, 10-08, 09, 10: 6,
 * 10-12..15: 10); deemed accepted from receipt Fri 09-18, the make-up
 * Sunday 09-20 counts: 09-20 (1), 09-21..24 (5), 09-28..30 (8), 10-08 (9),
 * 10-09 (10).  An instant case is promised on its acceptance day. */
static void test_promised_date_workdays_deemed_and_instant(void **state)
{
	struct case_fold f;

	(void)state;
	f = accepted(D(9, 24), 10, LIMIT_WORKDAYS);
	assert_promised_on(&f, 0, D(10, 15));
	/* 3 working days of a running pause: 10-16, 10-19, 10-20 */
	assert_promised_on(&f, 3, D(10, 20));
	f.received_on = D(9, 18);
	f.deemed_accepted = 1;
	assert_promised_on(&f, 0, D(10, 9));
	f = accepted(D(9, 24), 0, LIMIT_WORKDAYS);
	f.instant = 1;
	assert_promised_on(&f, 0, D(9, 24));
}

/* Paused 09-24 .. 10-09: 09-28, 29, 30, 10-08, 10-09 = 5; Fri 09-18 ..
 * Mon 09-21: the make-up Sunday 09-20 and Monday 09-21 = 2; a pause that
 * ends the day it starts: 0. */
static void test_paused_days_count_working_days_of_the_pause(void **state)
{
	(void)state;
	assert_int_equal(caserules_paused_days(cal, D(9, 24), D(10, 9), NULL), 5);
	assert_int_equal(caserules_paused_days(cal, D(9, 18), D(9, 21), NULL), 2);
	assert_int_equal(caserules_paused_days(cal, D(10, 12), D(10, 12), NULL), 0);
}

/* Decided Thu 09-24: result due at the issuing window the next working
 * day, Mon 09-28 (09-25..27 off); issued within 10 working days: 09-28,
 * 29, 30, 10-08, 09, 10, 12, 13, 14, 15: 10-15. */
static void test_result_and_issuing_limits_from_the_decision(void **state)
{
	int out;

	(void)state;
	assert_int_equal(caserules_result_due(cal, D(9, 24), &out, NULL), 0);
	assert_int_equal(out, D(9, 28));
	assert_int_equal(caserules_deliver_due(cal, D(9, 24), &out, NULL), 0);
	assert_int_equal(out, D(10, 15));
}

/* Overdue 容缺 materials: outstanding past due, or supplied after it. */
static void test_deferred_overdue_counts_late_and_outstanding(void **state)
{
	struct case_fold f = accepted(D(4, 30), 20, LIMIT_WORKDAYS);

	(void)state;
	f.ndeferred = 3;
	f.deferred[0].due_on = D(5, 11);			/* outstanding */
	f.deferred[1].due_on = D(5, 11);
	f.deferred[1].supplied_on = D(5, 11);			/* in time */
	f.deferred[2].due_on = D(5, 6);
	f.deferred[2].supplied_on = D(5, 7);			/* late */
	assert_int_equal(caserules_deferred_overdue(&f, D(5, 11)), 1);
	assert_int_equal(caserules_deferred_overdue(&f, D(5, 12)), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_correction_deadline_skips_national_day),
		cmocka_unit_test(test_natural_day_limit_ending_on_a_day_off_moves_on),
		cmocka_unit_test(test_promised_date_workdays_deemed_and_instant),
		cmocka_unit_test(test_paused_days_count_working_days_of_the_pause),
		cmocka_unit_test(test_result_and_issuing_limits_from_the_decision),
		cmocka_unit_test(test_deferred_overdue_counts_late_and_outstanding),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
