/*
 * test_workdays.c — the working-day calendar and time-limit arithmetic on
 * the official 2025 and 2026 calendars (国办发明电〔2024〕12号 and the 2026
 * notice of 2025-11-04).  Every expected value was worked out by hand from
 * the notices; the week days are noted beside the dates.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/date.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"

/* ---- helpers -------------------------------------------------------- */

static int D(const char *s)
{
	int day = 0;

	if (date_parse(s, &day) != 0)
		fail_msg("bad date in test: %s", s);
	return day;
}

static const char *fmt(int day)
{
	static char buf[4][16];
	static int i;

	i = (i + 1) % 4;
	return date_format(day, buf[i], sizeof buf[i]);
}

/* The date n working days after from, as text; the note must be empty. */
static const char *add_official(const struct calendar *cal, const char *from, int n)
{
	struct workdays_note note;
	int out = 0;

	assert_int_equal(workdays_add(cal, D(from), n, &out, &note), 0);
	assert_int_equal(note.n, 0);
	return fmt(out);
}

static int setup_builtin(void **state)
{
	struct calendar *cal = calendar_new();
	char err[YC_ERRSZ];

	if (!cal)
		return -1;
	if (calendar_load_builtin(cal, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		calendar_free(cal);
		return -1;
	}
	*state = cal;
	return 0;
}

static int teardown_builtin(void **state)
{
	calendar_free(*state);
	return 0;
}

/* Parses text into a fresh calendar; expects failure with a message that
 * starts with prefix and contains word. */
static void expect_parse_error(const char *text, const char *prefix, const char *word)
{
	struct calendar *cal = calendar_new();
	char err[YC_ERRSZ] = "";

	assert_non_null(cal);
	assert_int_equal(calendar_parse(cal, text, "t.cal", err, sizeof err), -1);
	if (strncmp(err, prefix, strlen(prefix)) != 0 || !strstr(err, word))
		fail_msg("message \"%s\" lacks \"%s\" ... \"%s\"", err, prefix, word);
	calendar_free(cal);
}

/* ---- the built-in calendars ----------------------------------------- */

static void test_builtin_calendars_hold_2025_and_2026_with_sources(void **state)
{
	const struct calendar *cal = *state;
	int years[8];

	assert_int_equal(calendar_years(cal, years, 8), 2);
	assert_int_equal(years[0], 2025);
	assert_int_equal(years[1], 2026);
	assert_true(calendar_has_year(cal, 2025));
	assert_true(calendar_has_year(cal, 2026));
	assert_false(calendar_has_year(cal, 2027));
	assert_non_null(strstr(calendar_source(cal, 2025), "国办发明电〔2024〕12号"));
	assert_non_null(strstr(calendar_source(cal, 2026), "2026年部分节假日安排"));
	assert_string_equal(calendar_source(cal, 2027), "");
	assert_int_equal(calendar_years(cal, years, 1), 1);
}

/* ---- kinds of day --------------------------------------------------- */

static void test_plain_weekday_is_workday(void **state)
{
	const struct calendar *cal = *state;

	assert_int_equal(calendar_day_kind(cal, D("2026-03-02")), DAY_WORKDAY); /* Mon */
	assert_int_equal(calendar_day_kind(cal, D("2025-12-31")), DAY_WORKDAY); /* Wed */
	assert_true(calendar_is_workday(cal, D("2026-03-06")));			/* Fri */
}

static void test_plain_weekend_is_not_workday(void **state)
{
	const struct calendar *cal = *state;

	assert_int_equal(calendar_day_kind(cal, D("2026-03-07")), DAY_WEEKEND); /* Sat */
	assert_int_equal(calendar_day_kind(cal, D("2026-03-08")), DAY_WEEKEND); /* Sun */
	assert_false(calendar_is_workday(cal, D("2026-03-07")));
}

static void test_statutory_holiday_is_off_also_on_weekend(void **state)
{
	const struct calendar *cal = *state;

	assert_int_equal(calendar_day_kind(cal, D("2026-10-01")), DAY_HOLIDAY); /* Thu */
	assert_int_equal(calendar_day_kind(cal, D("2026-10-03")), DAY_HOLIDAY); /* Sat */
	assert_int_equal(calendar_day_kind(cal, D("2026-10-07")), DAY_HOLIDAY); /* Wed */
	assert_int_equal(calendar_day_kind(cal, D("2026-10-08")), DAY_WORKDAY); /* Thu */
	assert_int_equal(calendar_day_kind(cal, D("2025-01-01")), DAY_HOLIDAY); /* Wed */
	assert_int_equal(calendar_day_kind(cal, D("2025-10-08")), DAY_HOLIDAY); /* Wed */
	assert_false(calendar_is_workday(cal, D("2026-02-23")));		/* Mon */
}

static void test_makeup_weekend_is_workday(void **state)
{
	const struct calendar *cal = *state;

	assert_int_equal(calendar_day_kind(cal, D("2026-10-10")), DAY_MAKEUP); /* Sat */
	assert_int_equal(calendar_day_kind(cal, D("2026-02-14")), DAY_MAKEUP); /* Sat */
	assert_int_equal(calendar_day_kind(cal, D("2026-01-04")), DAY_MAKEUP); /* Sun */
	assert_int_equal(calendar_day_kind(cal, D("2025-01-26")), DAY_MAKEUP); /* Sun */
	assert_true(calendar_is_workday(cal, D("2026-02-28")));		/* Sat */
	assert_int_equal(calendar_day_kind(cal, D("2026-10-11")), DAY_WEEKEND); /* Sun */
}

static void test_year_without_data_follows_the_week(void **state)
{
	const struct calendar *cal = *state;

	assert_int_equal(calendar_day_kind(cal, D("2027-01-01")), DAY_WORKDAY); /* Fri */
	assert_int_equal(calendar_day_kind(cal, D("2027-01-02")), DAY_WEEKEND); /* Sat */
	assert_int_equal(calendar_day_kind(cal, D("2024-10-01")), DAY_WORKDAY); /* Tue */
	assert_int_equal(calendar_day_kind(NULL, D("2026-10-01")), DAY_WORKDAY);
}

/* ---- workdays_add ---------------------------------------------------- */

static void test_first_day_is_not_counted(void **state)
{
	const struct calendar *cal = *state;

	assert_string_equal(add_official(cal, "2026-03-02", 1), "2026-03-03");
	assert_string_equal(add_official(cal, "2026-03-02", 5), "2026-03-09");
	/* Starting on a holiday or a weekend: counting starts the next day. */
	assert_string_equal(add_official(cal, "2026-03-07", 1), "2026-03-09");
}

static void test_zero_workdays_is_the_start_date(void **state)
{
	const struct calendar *cal = *state;

	assert_string_equal(add_official(cal, "2026-03-02", 0), "2026-03-02");
	assert_string_equal(add_official(cal, "2026-10-01", 0), "2026-10-01");
	assert_string_equal(add_official(cal, "2027-06-05", 0), "2027-06-05");
}

static void test_national_day_2026_skips_holiday_and_counts_working_saturday(void **state)
{
	const struct calendar *cal = *state;

	/* 09-30 Wed; 10-01..10-07 off; 10-08 Thu, 10-09 Fri, 10-10 Sat (调休). */
	assert_string_equal(add_official(cal, "2026-09-30", 1), "2026-10-08");
	assert_string_equal(add_official(cal, "2026-09-30", 2), "2026-10-09");
	assert_string_equal(add_official(cal, "2026-09-30", 3), "2026-10-10");
	assert_string_equal(add_official(cal, "2026-09-30", 4), "2026-10-12");
	/* 20 working days (行政许可法 art. 42) from 2026-09-21 (Mon): 09-22..09-24
	 * (3), 09-28..09-30 (6), 10-08..10-10 (9), 10-12..10-16 (14),
	 * 10-19..10-23 (19), 10-26 (20). */
	assert_string_equal(add_official(cal, "2026-09-21", 20), "2026-10-26");
	/* Mid-Autumn 09-25..09-27 just before; 09-20 is a working Sunday. */
	assert_string_equal(add_official(cal, "2026-09-24", 1), "2026-09-28");
	assert_string_equal(add_official(cal, "2026-09-19", 1), "2026-09-20");
}

static void test_spring_festival_2026(void **state)
{
	const struct calendar *cal = *state;

	/* 02-13 Fri; 02-14 Sat works; 02-15..02-23 off; 02-28 Sat works. */
	assert_string_equal(add_official(cal, "2026-02-13", 1), "2026-02-14");
	assert_string_equal(add_official(cal, "2026-02-13", 2), "2026-02-24");
	assert_string_equal(add_official(cal, "2026-02-14", 1), "2026-02-24");
	assert_string_equal(add_official(cal, "2026-02-24", 4), "2026-02-28");
	assert_string_equal(add_official(cal, "2026-02-24", 5), "2026-03-02");
	/* 补正 notice within 5 working days of receipt on 02-12 (Thu):
	 * 02-13, 02-14, 02-24, 02-25, 02-26. */
	assert_string_equal(add_official(cal, "2026-02-12", 5), "2026-02-26");
}

static void test_spring_festival_2025(void **state)
{
	const struct calendar *cal = *state;

	/* 01-24 Fri; 01-25 Sat off; 01-26 Sun works; 01-27 Mon; 01-28..02-04
	 * off; 02-05 Wed; 02-08 Sat works. */
	assert_string_equal(add_official(cal, "2025-01-24", 1), "2025-01-26");
	assert_string_equal(add_official(cal, "2025-01-24", 3), "2025-02-05");
	assert_string_equal(add_official(cal, "2025-02-05", 3), "2025-02-08");
}

static void test_year_boundary_2025_to_2026_uses_both_calendars(void **state)
{
	const struct calendar *cal = *state;

	/* 2025-12-31 Wed; 2026-01-01..01-03 off; 01-04 Sun works. */
	assert_string_equal(add_official(cal, "2025-12-31", 1), "2026-01-04");
	assert_string_equal(add_official(cal, "2025-12-31", 2), "2026-01-05");
	assert_string_equal(add_official(cal, "2025-12-30", 1), "2025-12-31");
}

static void test_year_boundary_2026_to_2027_is_noted_provisional(void **state)
{
	const struct calendar *cal = *state;
	struct workdays_note note;
	int out;

	/* 2026-12-31 Thu; 2027-01-01 Fri has no official data: a weekday. */
	assert_int_equal(workdays_add(cal, D("2026-12-31"), 1, &out, &note), 0);
	assert_string_equal(fmt(out), "2027-01-01");
	assert_int_equal(note.n, 1);
	assert_int_equal(note.years[0], 2027);
	/* Ending on 12-31 touches no day of 2027. */
	assert_int_equal(workdays_add(cal, D("2026-12-30"), 1, &out, &note), 0);
	assert_string_equal(fmt(out), "2026-12-31");
	assert_int_equal(note.n, 0);
	/* A NULL note is allowed. */
	assert_int_equal(workdays_add(cal, D("2026-12-31"), 2, &out, NULL), 0);
	assert_string_equal(fmt(out), "2027-01-04");
}

static void test_provisional_years_before_the_data_are_noted(void **state)
{
	const struct calendar *cal = *state;
	struct workdays_note note;
	int out;

	/* 2024-12-30 Mon -> 12-31 Tue (2024, no data) -> 2025-01-02 Thu. */
	assert_int_equal(workdays_add(cal, D("2024-12-30"), 2, &out, &note), 0);
	assert_string_equal(fmt(out), "2025-01-02");
	assert_int_equal(note.n, 1);
	assert_int_equal(note.years[0], 2024);
}

static void test_large_counts_are_fast_and_consistent(void **state)
{
	const struct calendar *cal = *state;
	struct workdays_note note;
	int out;

	assert_int_equal(workdays_add(cal, D("2025-01-01"), 10000, &out, &note), 0);
	assert_int_equal(workdays_between(cal, D("2025-01-01"), out, NULL), 10000);
	assert_true(calendar_is_workday(cal, out));
	assert_int_equal(note.n, WORKDAYS_MAX_PROVISIONAL);	/* 2027.. at most 8 */
	assert_int_equal(note.years[0], 2027);
	assert_int_equal(note.years[7], 2034);
	assert_int_equal(workdays_add(cal, D("2026-01-01"), 100000, &out, NULL), 0);
	assert_int_equal(workdays_between(cal, D("2026-01-01"), out, NULL), 100000);
}

static void test_negative_or_huge_counts_are_refused(void **state)
{
	const struct calendar *cal = *state;
	int out = 12345;

	assert_int_equal(workdays_add(cal, D("2026-01-01"), -1, &out, NULL), -1);
	assert_int_equal(workdays_add(cal, D("2026-01-01"), 100001, &out, NULL), -1);
	assert_int_equal(out, 12345);
}

/* ---- workdays_between ------------------------------------------------ */

static void test_between_counts_after_a_up_to_and_including_b(void **state)
{
	const struct calendar *cal = *state;
	struct workdays_note note;

	/* 02-14, 02-24..02-27, 02-28. */
	assert_int_equal(workdays_between(cal, D("2026-02-13"), D("2026-02-28"), &note), 6);
	assert_int_equal(note.n, 0);
	assert_int_equal(workdays_between(cal, D("2026-09-30"), D("2026-10-10"), NULL), 3);
	assert_int_equal(workdays_between(cal, D("2026-03-02"), D("2026-03-03"), NULL), 1);
	assert_int_equal(workdays_between(cal, D("2026-10-01"), D("2026-10-07"), NULL), 0);
}

static void test_between_same_day_is_zero(void **state)
{
	const struct calendar *cal = *state;

	assert_int_equal(workdays_between(cal, D("2026-03-02"), D("2026-03-02"), NULL), 0);
}

static void test_between_is_negative_when_b_before_a(void **state)
{
	const struct calendar *cal = *state;

	assert_int_equal(workdays_between(cal, D("2026-02-28"), D("2026-02-13"), NULL), -6);
	assert_int_equal(workdays_between(cal, D("2026-10-10"), D("2026-09-30"), NULL), -3);
}

static void test_official_years_have_248_working_days(void **state)
{
	const struct calendar *cal = *state;
	struct workdays_note note;

	/* 2025: 261 weekdays - 18 weekday holidays + 5 working weekends. */
	assert_int_equal(workdays_between(cal, D("2024-12-31"), D("2025-12-31"), &note), 248);
	assert_int_equal(note.n, 0);
	/* 2026: 261 weekdays - 19 weekday holidays + 6 working weekends. */
	assert_int_equal(workdays_between(cal, D("2025-12-31"), D("2026-12-31"), &note), 248);
	assert_int_equal(note.n, 0);
}

static void test_between_into_2027_is_noted_provisional(void **state)
{
	const struct calendar *cal = *state;
	struct workdays_note note;

	/* 2027-01-01 Fri, 01-04..01-08 Mon..Fri. */
	assert_int_equal(workdays_between(cal, D("2026-12-31"), D("2027-01-08"), &note), 6);
	assert_int_equal(note.n, 1);
	assert_int_equal(note.years[0], 2027);
	assert_int_equal(workdays_between(cal, D("2027-01-08"), D("2026-12-31"), &note), -6);
	assert_int_equal(note.n, 1);
	/* 2027 is a whole year of weekdays: 2027-01-01 is a Friday, 365 days. */
	assert_int_equal(workdays_between(cal, D("2026-12-31"), D("2027-12-31"), NULL), 261);
}

/* ---- the calendar file ----------------------------------------------- */

static void test_parse_reads_every_directive(void **state)
{
	struct calendar *cal = calendar_new();
	char err[YC_ERRSZ] = "";
	const char *text =
		"# a test calendar\r\n"
		"\n"
		"year 2030   # a comment\n"
		"source  某某通知 # with a hash  \n"
		"off 2030-01-01\n"
		"off 2030-02-02..2030-02-08\t# Sat..Fri\n"
		"work 2030-01-05..2030-01-06\n";

	(void)state;
	assert_non_null(cal);
	assert_int_equal(calendar_parse(cal, text, "t.cal", err, sizeof err), 0);
	assert_string_equal(err, "");
	assert_true(calendar_has_year(cal, 2030));
	assert_string_equal(calendar_source(cal, 2030), "某某通知 # with a hash");
	assert_int_equal(calendar_day_kind(cal, D("2030-01-01")), DAY_HOLIDAY);	/* Tue */
	assert_int_equal(calendar_day_kind(cal, D("2030-02-02")), DAY_HOLIDAY);	/* Sat */
	assert_int_equal(calendar_day_kind(cal, D("2030-02-08")), DAY_HOLIDAY);	/* Fri */
	assert_int_equal(calendar_day_kind(cal, D("2030-01-05")), DAY_MAKEUP);	/* Sat */
	assert_int_equal(calendar_day_kind(cal, D("2030-01-06")), DAY_MAKEUP);	/* Sun */
	assert_int_equal(calendar_day_kind(cal, D("2030-01-12")), DAY_WEEKEND);	/* Sat */
	calendar_free(cal);
}

static void test_parse_replaces_a_year_already_present(void **state)
{
	struct calendar *cal = calendar_new();
	char err[YC_ERRSZ];

	(void)state;
	assert_non_null(cal);
	assert_int_equal(calendar_parse(cal, "year 2030\noff 2030-03-01\n", "a.cal",
					err, sizeof err), 0);
	assert_int_equal(calendar_parse(cal, "year 2030\nsource 新\noff 2030-03-04\n",
					"b.cal", err, sizeof err), 0);
	assert_int_equal(calendar_day_kind(cal, D("2030-03-01")), DAY_WORKDAY);	/* Fri */
	assert_int_equal(calendar_day_kind(cal, D("2030-03-04")), DAY_HOLIDAY);	/* Mon */
	assert_string_equal(calendar_source(cal, 2030), "新");
	calendar_free(cal);
}

static void test_parse_error_leaves_the_calendar_unchanged(void **state)
{
	struct calendar *cal = calendar_new();
	char err[YC_ERRSZ];

	(void)state;
	assert_non_null(cal);
	assert_int_equal(calendar_parse(cal, "year 2030\noff 2030-03-01\n", "a.cal",
					err, sizeof err), 0);
	assert_int_equal(calendar_parse(cal, "year 2030\noff 2030-03-04\nbogus\n",
					"b.cal", err, sizeof err), -1);
	assert_int_equal(calendar_day_kind(cal, D("2030-03-01")), DAY_HOLIDAY);
	assert_int_equal(calendar_day_kind(cal, D("2030-03-04")), DAY_WORKDAY);
	calendar_free(cal);
}

static void test_parse_rejects_unknown_directive(void **state)
{
	(void)state;
	expect_parse_error("year 2030\n\nholiday 2030-01-01\n", "t.cal:3: ", "holiday");
}

static void test_parse_rejects_bad_date(void **state)
{
	(void)state;
	expect_parse_error("year 2030\noff 2030-02-30\n", "t.cal:2: ", "2030-02-30");
	expect_parse_error("year 2030\noff 2030-1-5\n", "t.cal:2: ", "2030-1-5");
	expect_parse_error("year 2030\noff 2030-01-01..\n", "t.cal:2: ", "无效");
	expect_parse_error("year 2030\nwork\n", "t.cal:2: ", "缺少参数");
	expect_parse_error("year 2030\noff 2030-01-01 2030-01-02\n", "t.cal:2: ", "一个参数");
}

static void test_parse_rejects_date_outside_declared_year(void **state)
{
	(void)state;
	expect_parse_error("year 2030\noff 2031-01-01\n", "t.cal:2: ", "2030");
	expect_parse_error("year 2030\noff 2030-12-31..2031-01-01\n", "t.cal:2: ", "2031-01-01");
}

static void test_parse_rejects_range_ending_before_start(void **state)
{
	(void)state;
	expect_parse_error("year 2030\n# x\noff 2030-05-05..2030-05-01\n", "t.cal:3: ", "早于");
}

static void test_parse_rejects_work_on_a_weekday(void **state)
{
	(void)state;
	/* 2030-01-07 is a Monday. */
	expect_parse_error("year 2030\nwork 2030-01-07\n", "t.cal:2: ", "2030-01-07");
	expect_parse_error("year 2030\nwork 2030-01-05..2030-01-07\n", "t.cal:2: ", "周六或周日");
}

static void test_parse_rejects_date_both_off_and_work(void **state)
{
	(void)state;
	expect_parse_error("year 2030\noff 2030-01-05\nwork 2030-01-05\n", "t.cal:3: ", "第 2 行");
	expect_parse_error("year 2030\nwork 2030-01-05\noff 2030-01-01..2030-01-06\n",
			   "t.cal:3: ", "调休上班");
	expect_parse_error("year 2030\noff 2030-01-01\noff 2030-01-01\n", "t.cal:3: ", "只能列一次");
}

static void test_parse_rejects_missing_year(void **state)
{
	(void)state;
	expect_parse_error("# nothing\nsource x\n", "t.cal:2: ", "year");
	expect_parse_error("", "t.cal:1: ", "year");
	expect_parse_error("off 2030-01-01\nyear 2030\n", "t.cal:1: ", "year");
	expect_parse_error("year 2030\nyear 2030\n", "t.cal:2: ", "重复");
	expect_parse_error("year 30\n", "t.cal:1: ", "30");
	expect_parse_error("year 2030\nsource a\nsource b\n", "t.cal:3: ", "重复");
	expect_parse_error("year 2030\nsource\n", "t.cal:2: ", "source");
}

static void test_parse_rejects_invalid_utf8(void **state)
{
	(void)state;
	expect_parse_error("year 2030\nsource \xe9\xa3\n", "t.cal:2: ", "UTF-8");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_calendars_hold_2025_and_2026_with_sources),
		cmocka_unit_test(test_plain_weekday_is_workday),
		cmocka_unit_test(test_plain_weekend_is_not_workday),
		cmocka_unit_test(test_statutory_holiday_is_off_also_on_weekend),
		cmocka_unit_test(test_makeup_weekend_is_workday),
		cmocka_unit_test(test_year_without_data_follows_the_week),
		cmocka_unit_test(test_first_day_is_not_counted),
		cmocka_unit_test(test_zero_workdays_is_the_start_date),
		cmocka_unit_test(test_national_day_2026_skips_holiday_and_counts_working_saturday),
		cmocka_unit_test(test_spring_festival_2026),
		cmocka_unit_test(test_spring_festival_2025),
		cmocka_unit_test(test_year_boundary_2025_to_2026_uses_both_calendars),
		cmocka_unit_test(test_year_boundary_2026_to_2027_is_noted_provisional),
		cmocka_unit_test(test_provisional_years_before_the_data_are_noted),
		cmocka_unit_test(test_large_counts_are_fast_and_consistent),
		cmocka_unit_test(test_negative_or_huge_counts_are_refused),
		cmocka_unit_test(test_between_counts_after_a_up_to_and_including_b),
		cmocka_unit_test(test_between_same_day_is_zero),
		cmocka_unit_test(test_between_is_negative_when_b_before_a),
		cmocka_unit_test(test_official_years_have_248_working_days),
		cmocka_unit_test(test_between_into_2027_is_noted_provisional),
		cmocka_unit_test(test_parse_reads_every_directive),
		cmocka_unit_test(test_parse_replaces_a_year_already_present),
		cmocka_unit_test(test_parse_error_leaves_the_calendar_unchanged),
		cmocka_unit_test(test_parse_rejects_unknown_directive),
		cmocka_unit_test(test_parse_rejects_bad_date),
		cmocka_unit_test(test_parse_rejects_date_outside_declared_year),
		cmocka_unit_test(test_parse_rejects_range_ending_before_start),
		cmocka_unit_test(test_parse_rejects_work_on_a_weekday),
		cmocka_unit_test(test_parse_rejects_date_both_off_and_work),
		cmocka_unit_test(test_parse_rejects_missing_year),
		cmocka_unit_test(test_parse_rejects_invalid_utf8),
	};

	return cmocka_run_group_tests(tests, setup_builtin, teardown_builtin);
}
