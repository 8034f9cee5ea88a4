/* test_calendar_store.c — official calendars in the workstation database:
 * several years stored in one transaction or none, replacement of a year
 * already stored, and a row whose year column disagrees with its text
 * refused as damaged.  Every test works on a real SQLite file in a
 * temporary directory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "testlib.h"

static char tmpdir[256];
static char dbpath[512];

static const char cal2030[] =
	"year 2030\n"
	"source 测试通知〔2029〕1号\n"
	"off 2030-01-01\n"
	"work 2030-01-05\n";
static const char cal2031[] =
	"year 2031\n"
	"source 测试通知〔2030〕1号\n"
	"off 2031-01-01..2031-01-03\n";
static const char cal2031_new[] =
	"year 2031\n"
	"source 测试通知〔2030〕2号\n"
	"off 2031-01-01\n";

/* A new database in a fresh temporary directory. */
static int setup(void **state)
{
	struct store *st = NULL;
	char err[YC_ERRSZ];

	if (testlib_mkdtemp(tmpdir, sizeof tmpdir, "calstore") != 0)
		return -1;
	snprintf(dbpath, sizeof dbpath, "%s/cal.db", tmpdir);
	if (store_open(dbpath, STORE_OPEN_CREATE, &st, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	*state = st;
	return 0;
}

static int teardown(void **state)
{
	store_close(*state);
	return testlib_rmtree(tmpdir);
}

/* Runs SQL on the file behind the store's back. */
static void raw_exec(const char *sql)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* The calendar stored in the database (built-in years not included). */
static struct calendar *load(struct store *st)
{
	struct calendar *cal = calendar_new();
	char err[YC_ERRSZ] = "";

	assert_non_null(cal);
	if (store_calendar_load(st, cal, err, sizeof err) != 0)
		fail_msg("load: %s", err);
	return cal;
}

static void test_several_years_are_stored_together(void **state)
{
	struct store *st = *state;
	struct store_calendar_year rows[2] = {
		{ .year = 2030, .text = cal2030, .replaced = 7 },
		{ .year = 2031, .text = cal2031, .replaced = 7 },
	};
	struct calendar *cal;
	char err[YC_ERRSZ] = "";

	assert_int_equal(store_calendar_put_years(st, rows, 2, err, sizeof err), 0);
	assert_int_equal(rows[0].replaced, 0);
	assert_int_equal(rows[1].replaced, 0);
	cal = load(st);
	assert_string_equal(calendar_source(cal, 2030), "测试通知〔2029〕1号");
	assert_string_equal(calendar_source(cal, 2031), "测试通知〔2030〕1号");
	assert_int_equal(calendar_day_kind(cal, date_from_ymd(2031, 1, 3)), DAY_HOLIDAY);
	calendar_free(cal);
}

static void test_one_bad_year_stores_none_of_the_import(void **state)
{
	struct store *st = *state;
	struct store_calendar_year rows[2] = {
		{ .year = 2030, .text = cal2030 },
		{ .year = 2031, .text = "year 2031\noff 2031-02-30\n" },
	};
	struct calendar *cal;
	char err[YC_ERRSZ] = "";
	int years[4];

	assert_int_equal(store_calendar_put_years(st, rows, 2, err, sizeof err), -1);
	assert_non_null(strstr(err, "2031-02-30"));
	cal = load(st);
	assert_int_equal(calendar_years(cal, years, 4), 0);
	calendar_free(cal);
}

static void test_text_of_another_year_stores_none_of_the_import(void **state)
{
	struct store *st = *state;
	struct store_calendar_year rows[2] = {
		{ .year = 2030, .text = cal2030 },
		{ .year = 2032, .text = cal2031 },
	};
	struct calendar *cal;
	char err[YC_ERRSZ] = "";
	int years[4];

	assert_int_equal(store_calendar_put_years(st, rows, 2, err, sizeof err), -1);
	assert_non_null(strstr(err, "2032"));
	cal = load(st);
	assert_int_equal(calendar_years(cal, years, 4), 0);
	calendar_free(cal);
}

static void test_a_year_given_twice_is_refused(void **state)
{
	struct store *st = *state;
	struct store_calendar_year rows[2] = {
		{ .year = 2031, .text = cal2031 },
		{ .year = 2031, .text = cal2031_new },
	};
	struct calendar *cal;
	char err[YC_ERRSZ] = "";
	int years[4];

	assert_int_equal(store_calendar_put_years(st, rows, 2, err, sizeof err), -1);
	assert_non_null(strstr(err, "2031"));
	cal = load(st);
	assert_int_equal(calendar_years(cal, years, 4), 0);
	calendar_free(cal);
}

static void test_a_stored_year_is_replaced_and_reported(void **state)
{
	struct store *st = *state;
	struct store_calendar_year first[1] = { { .year = 2031, .text = cal2031 } };
	struct store_calendar_year again[2] = {
		{ .year = 2030, .text = cal2030 },
		{ .year = 2031, .text = cal2031_new },
	};
	struct calendar *cal;
	char err[YC_ERRSZ] = "";

	assert_int_equal(store_calendar_put_years(st, first, 1, err, sizeof err), 0);
	assert_int_equal(store_calendar_put_years(st, again, 2, err, sizeof err), 0);
	assert_int_equal(again[0].replaced, 0);
	assert_int_equal(again[1].replaced, 1);
	cal = load(st);
	assert_string_equal(calendar_source(cal, 2031), "测试通知〔2030〕2号");
	assert_int_equal(calendar_day_kind(cal, date_from_ymd(2031, 1, 2)), DAY_WORKDAY);
	calendar_free(cal);
}

static void test_row_whose_text_declares_another_year_is_damaged(void **state)
{
	struct store *st = *state;
	struct calendar *cal = calendar_new();
	char err[YC_ERRSZ] = "";

	assert_non_null(cal);
	assert_int_equal(store_calendar_put(st, 2030, cal2030, err, sizeof err), 0);
	raw_exec("INSERT INTO calendars (year, text) VALUES (2033,"
		 " 'year 2031' || char(10) || 'off 2031-01-01' || char(10))");
	assert_int_equal(store_calendar_load(st, cal, err, sizeof err), -1);
	assert_non_null(strstr(err, "损坏"));
	assert_non_null(strstr(err, "2033"));
	assert_non_null(strstr(err, "2031"));
	/* the other year was never taken for the damaged row's */
	assert_false(calendar_has_year(cal, 2031));
	calendar_free(cal);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_several_years_are_stored_together,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_bad_year_stores_none_of_the_import,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_of_another_year_stores_none_of_the_import,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_year_given_twice_is_refused,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_stored_year_is_replaced_and_reported,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_row_whose_text_declares_another_year_is_damaged,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
