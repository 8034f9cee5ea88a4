/* test_store.c — the workstation database: opening, refusing files that are
 * not ours or are newer, migrations, append-only events, settings, the
 * terminal identity, case sequences and calendars.  Every test works on
 * real SQLite files in a temporary directory.  The catalog tables are
 * tested in test_store_catalog.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "testlib.h"

static char tmpdir[256];

static int setup(void **state)
{
	(void)state;
	return testlib_mkdtemp(tmpdir, sizeof tmpdir, "store");
}

static int teardown(void **state)
{
	(void)state;
	return testlib_rmtree(tmpdir);
}

/* A path inside this test's directory. */
static const char *tpath(const char *name)
{
	static char buf[512];

	snprintf(buf, sizeof buf, "%s/%s", tmpdir, name);
	return buf;
}

/* Opens a file with plain SQLite, for looking behind the store's back. */
static sqlite3 *raw_open(const char *path)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	return db;
}

static int raw_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *q = NULL;
	int v;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	v = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return v;
}

static void raw_exec(sqlite3 *db, const char *sql)
{
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
}

/* The whole content of a file (never NULL here). */
static char *slurp(const char *path, size_t *len)
{
	char err[YC_ERRSZ];
	char *s = yc_read_file(path, len, err, sizeof err);

	assert_non_null(s);
	return s;
}

static struct store *open_new(const char *name)
{
	struct store *st = NULL;
	char err[YC_ERRSZ] = "";

	if (store_open(tpath(name), STORE_OPEN_CREATE, &st, err, sizeof err) != 0)
		fail_msg("store_open: %s", err);
	return st;
}

/* Checks that opening `path` is refused with a message containing `want`
 * and that the file is byte for byte and time for time what it was. */
static void expect_refused_untouched_mode(const char *path, enum store_open_mode mode,
					 const char *want)
{
	struct store *st = NULL;
	char err[YC_ERRSZ] = "";
	struct stat before, after;
	size_t len1, len2;
	char *bytes1, *bytes2;

	assert_int_equal(stat(path, &before), 0);
	bytes1 = slurp(path, &len1);
	assert_int_equal(store_open(path, mode, &st, err, sizeof err), -1);
	assert_null(st);
	if (!strstr(err, want))
		fail_msg("message '%s' lacks '%s'", err, want);
	assert_int_equal(stat(path, &after), 0);
	bytes2 = slurp(path, &len2);
	assert_int_equal(len1, len2);
	assert_memory_equal(bytes1, bytes2, len1);
	assert_int_equal(before.st_mtim.tv_sec, after.st_mtim.tv_sec);
	assert_int_equal(before.st_mtim.tv_nsec, after.st_mtim.tv_nsec);
	free(bytes1);
	free(bytes2);
}

static void test_fresh_database_has_current_schema_wal_and_marker(void **state)
{
	struct store *st;
	sqlite3 *db;

	(void)state;
	st = open_new("a/b/fresh.db");	/* parent directories are made */
	assert_string_equal(store_path(st), tpath("a/b/fresh.db"));
	store_close(st);
	db = raw_open(tpath("a/b/fresh.db"));
	assert_int_equal(raw_int(db, "PRAGMA user_version"), store_schema_version());
	assert_true(store_schema_version() >= 1);
	assert_int_equal(raw_int(db, "PRAGMA application_id"), 0x59434831);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM pragma_journal_mode"
				 " WHERE journal_mode = 'wal'"), 1);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
				 " AND name IN ('settings', 'terminal', 'catalog_versions',"
				 " 'catalog_items', 'item_fields', 'materials', 'situations',"
				 " 'bundles', 'bundle_items', 'calendars', 'case_seq', 'cases',"
				 " 'events', 'outbox', 'drafts', 'users')"), 16);
	sqlite3_close(db);
}

static void test_reopening_is_idempotent(void **state)
{
	struct store *st;
	char buf[64];
	char err[YC_ERRSZ];
	sqlite3 *db;

	(void)state;
	st = open_new("reopen.db");
	assert_int_equal(store_setting_set(st, "centre", "历下区政务服务中心", err, sizeof err), 0);
	store_close(st);
	st = open_new("reopen.db");
	assert_int_equal(store_setting_get(st, "centre", buf, sizeof buf), 1);
	assert_string_equal(buf, "历下区政务服务中心");
	store_close(st);
	assert_int_equal(store_open(tpath("reopen.db"), STORE_OPEN_EXISTING, &st, err,
				    sizeof err), 0);
	store_close(st);
	db = raw_open(tpath("reopen.db"));
	assert_int_equal(raw_int(db, "PRAGMA user_version"), store_schema_version());
	sqlite3_close(db);
}

static void test_missing_database_is_not_created_and_names_init(void **state)
{
	struct store *st = NULL;
	char err[YC_ERRSZ] = "";
	struct stat sb;

	(void)state;
	assert_int_equal(store_open(tpath("nope/missing.db"), STORE_OPEN_EXISTING, &st,
				    err, sizeof err), -1);
	assert_null(st);
	assert_non_null(strstr(err, "不存在"));
	assert_non_null(strstr(err, "yichuang init"));
	assert_int_equal(stat(tpath("nope"), &sb), -1);
}

static void expect_refused_untouched(const char *path, const char *want)
{
	expect_refused_untouched_mode(path, STORE_OPEN_CREATE, want);
}

static void test_newer_schema_is_refused_and_left_unmodified(void **state)
{
	char want[64], sql[64];
	sqlite3 *db;

	(void)state;
	store_close(open_new("newer.db"));
	db = raw_open(tpath("newer.db"));
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", store_schema_version() + 1);
	raw_exec(db, sql);
	sqlite3_close(db);
	snprintf(want, sizeof want, "结构版本是 %d", store_schema_version() + 1);
	expect_refused_untouched(tpath("newer.db"), want);
	snprintf(want, sizeof want, "只支持到版本 %d", store_schema_version());
	expect_refused_untouched(tpath("newer.db"), want);
	expect_refused_untouched(tpath("newer.db"), "请升级 yichuang");
}

static void test_file_that_is_not_sqlite_is_refused_and_left_unmodified(void **state)
{
	FILE *f;

	(void)state;
	f = fopen(tpath("notes.txt"), "w");
	assert_non_null(f);
	for (int i = 0; i < 200; i++)
		fputs("这不是数据库 this is not a database\n", f);
	fclose(f);
	expect_refused_untouched(tpath("notes.txt"), "不是 SQLite 数据库");
}

static void test_foreign_sqlite_database_is_refused_and_left_unmodified(void **state)
{
	sqlite3 *db;

	(void)state;
	db = raw_open(tpath("foreign.db"));
	raw_exec(db, "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT);"
		 "INSERT INTO photos (name) VALUES ('x');");
	sqlite3_close(db);
	expect_refused_untouched(tpath("foreign.db"), "不是 yichuang 的工作站数据库");

	/* another program's application_id, even without tables */
	db = raw_open(tpath("other-app.db"));
	raw_exec(db, "PRAGMA application_id = 1234");
	sqlite3_close(db);
	expect_refused_untouched(tpath("other-app.db"), "不是 yichuang 的工作站数据库");

	/* a user_version of another program */
	db = raw_open(tpath("other-version.db"));
	raw_exec(db, "PRAGMA user_version = 7");
	sqlite3_close(db);
	expect_refused_untouched(tpath("other-version.db"), "不是 yichuang 的工作站数据库");
}

/* A negative version, or version 0 with tables in it, is a damaged
 * database: refused, never migrated (a negative version once indexed the
 * migration table out of bounds). */
static void test_damaged_schema_version_is_refused_and_left_unmodified(void **state)
{
	sqlite3 *db;

	(void)state;
	store_close(open_new("negative.db"));
	db = raw_open(tpath("negative.db"));
	raw_exec(db, "PRAGMA user_version = -1");
	sqlite3_close(db);
	expect_refused_untouched(tpath("negative.db"), "已损坏");
	expect_refused_untouched_mode(tpath("negative.db"), STORE_OPEN_EXISTING, "已损坏");

	store_close(open_new("zero.db"));
	db = raw_open(tpath("zero.db"));
	raw_exec(db, "PRAGMA user_version = 0");
	sqlite3_close(db);
	expect_refused_untouched(tpath("zero.db"), "已损坏");
}

/* Opening for use (not init) never writes to an empty file or an empty
 * SQLite database: a mistyped --db must not become a workstation. */
static void test_existing_mode_does_not_touch_an_uninitialised_file(void **state)
{
	FILE *f;
	sqlite3 *db;

	(void)state;
	f = fopen(tpath("empty.db"), "w");
	assert_non_null(f);
	fclose(f);
	expect_refused_untouched_mode(tpath("empty.db"), STORE_OPEN_EXISTING, "yichuang init");
	db = raw_open(tpath("blank.db"));
	raw_exec(db, "PRAGMA page_size = 4096; VACUUM");
	sqlite3_close(db);
	expect_refused_untouched_mode(tpath("blank.db"), STORE_OPEN_EXISTING, "未初始化");
}

static void test_marked_database_at_version_0_is_migrated(void **state)
{
	struct store *st = NULL;
	char err[YC_ERRSZ] = "";
	sqlite3 *db;

	(void)state;
	db = raw_open(tpath("v0.db"));
	raw_exec(db, "PRAGMA application_id = 1497581617");
	sqlite3_close(db);
	assert_int_equal(store_open(tpath("v0.db"), STORE_OPEN_EXISTING, &st, err, sizeof err), 0);
	store_close(st);
	db = raw_open(tpath("v0.db"));
	assert_int_equal(raw_int(db, "PRAGMA user_version"), store_schema_version());
	sqlite3_close(db);
}

static void test_version_0_with_tables_is_refused_and_keeps_them(void **state)
{
	struct store *st = NULL;
	char err[YC_ERRSZ] = "";
	sqlite3 *db;

	(void)state;
	/* Ours at version 0, but with a table in the way of step 1: refused as
	 * damaged before any step runs, leaving nothing behind. */
	db = raw_open(tpath("half.db"));
	raw_exec(db, "PRAGMA application_id = 1497581617;"
		 "CREATE TABLE cases (x);");
	sqlite3_close(db);
	assert_int_equal(store_open(tpath("half.db"), STORE_OPEN_EXISTING, &st, err,
				    sizeof err), -1);
	assert_null(st);
	assert_non_null(strstr(err, "已损坏"));
	db = raw_open(tpath("half.db"));
	assert_int_equal(raw_int(db, "PRAGMA user_version"), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master"
				 " WHERE name IN ('settings', 'terminal', 'catalog_items')"), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'cases'"), 1);
	sqlite3_close(db);
}

static void test_events_cannot_be_updated_or_deleted(void **state)
{
	sqlite3 *db;

	(void)state;
	store_close(open_new("events.db"));
	db = raw_open(tpath("events.db"));
	raw_exec(db, "PRAGMA foreign_keys = ON;"
		 "INSERT INTO cases (id, number, item_code, catalog_version, state,"
		 " applicant_name, received_on) VALUES ('c1', 'N1', 'I1', 1, 'RECEIVED',"
		 " '张三', '2026-03-02');"
		 "INSERT INTO events (id, case_id, seq, type, at, actor, body) VALUES"
		 " ('e1', 'c1', 1, 'received', '2026-03-02T01:00:00Z', 'clerk1', '{\"a\":1}');");
	assert_int_not_equal(sqlite3_exec(db, "UPDATE events SET type = 'accepted'",
					  NULL, NULL, NULL), SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "只能追加"));
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM events", NULL, NULL, NULL),
			     SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "只能追加"));
	assert_int_equal(raw_int(db, "SELECT count(*) FROM events WHERE type = 'received'"), 1);
	/* an event needs its case, and a body that is JSON */
	assert_int_not_equal(sqlite3_exec(db, "INSERT INTO events (id, case_id, seq, type,"
					  " at, actor) VALUES ('e2', 'nope', 1, 't', 'x', 'y')",
					  NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "INSERT INTO events (id, case_id, seq, type,"
					  " at, actor, body) VALUES ('e3', 'c1', 2, 't', 'x', 'y',"
					  " 'not json')", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void test_users_have_one_of_the_five_roles(void **state)
{
	sqlite3 *db;

	(void)state;
	store_close(open_new("users.db"));
	db = raw_open(tpath("users.db"));
	raw_exec(db, "INSERT INTO users (name, role, pw_hash) VALUES ('li', 'approver', 'h')");
	assert_int_not_equal(sqlite3_exec(db, "INSERT INTO users (name, role, pw_hash)"
					  " VALUES ('wang', 'boss', 'h')", NULL, NULL, NULL),
			     SQLITE_OK);
	sqlite3_close(db);
}

static void test_settings_are_set_replaced_and_read_back(void **state)
{
	struct store *st;
	char buf[16];
	char err[YC_ERRSZ];

	(void)state;
	st = open_new("settings.db");
	assert_int_equal(store_setting_get(st, "server", buf, sizeof buf), 0);
	assert_int_equal(store_setting_set(st, "server", "http://a", err, sizeof err), 0);
	assert_int_equal(store_setting_get(st, "server", buf, sizeof buf), 1);
	assert_string_equal(buf, "http://a");
	assert_int_equal(store_setting_set(st, "server", "http://b", err, sizeof err), 0);
	assert_int_equal(store_setting_get(st, "server", buf, sizeof buf), 1);
	assert_string_equal(buf, "http://b");
	/* a value that does not fit is an error, not a cut value */
	assert_int_equal(store_setting_set(st, "long", "0123456789abcdefXYZ", err, sizeof err), 0);
	assert_int_equal(store_setting_get(st, "long", buf, sizeof buf), -1);
	store_close(st);
}

static void test_site_code_uses_the_gb32100_alphabet(void **state)
{
	(void)state;
	assert_true(store_site_valid("370102"));
	assert_true(store_site_valid("91ABCDEFGHJK"));
	assert_false(store_site_valid(""));
	assert_false(store_site_valid("3701020000000"));	/* 13 characters */
	assert_false(store_site_valid("3701I2"));		/* I is not in it */
	assert_false(store_site_valid("3701O2"));
	assert_false(store_site_valid("abc"));			/* capitals only */
	assert_false(store_site_valid("37 01"));
}

static void test_terminal_identity_is_recorded_once(void **state)
{
	struct store *st;
	char site[16];
	char err[YC_ERRSZ] = "";
	int term = 0;

	(void)state;
	st = open_new("terminal.db");
	assert_int_equal(store_terminal(st, site, sizeof site, &term), 0);
	assert_int_equal(store_init_terminal(st, "3701S2", 1, err, sizeof err), -1);
	assert_non_null(strstr(err, "站点代码"));
	assert_int_equal(store_init_terminal(st, "370102", 0, err, sizeof err), -1);
	assert_non_null(strstr(err, "终端号"));
	assert_int_equal(store_init_terminal(st, "370102", 100, err, sizeof err), -1);
	assert_int_equal(store_terminal(st, site, sizeof site, &term), 0);
	assert_int_equal(store_init_terminal(st, "370102", 7, err, sizeof err), 0);
	assert_int_equal(store_terminal(st, site, sizeof site, &term), 1);
	assert_string_equal(site, "370102");
	assert_int_equal(term, 7);
	store_close(st);

	st = open_new("terminal.db");
	assert_int_equal(store_init_terminal(st, "370103", 8, err, sizeof err), -1);
	assert_non_null(strstr(err, "已经初始化为站点 370102、终端 7"));
	assert_int_equal(store_terminal(st, site, sizeof site, &term), 1);
	assert_string_equal(site, "370102");
	assert_int_equal(term, 7);
	store_close(st);
}

static void test_case_sequence_counts_per_day_and_survives_reopen(void **state)
{
	struct store *st;
	char err[YC_ERRSZ];
	int seq = 0;

	(void)state;
	st = open_new("seq.db");
	assert_int_equal(store_next_case_seq(st, 20500, &seq, err, sizeof err), 0);
	assert_int_equal(seq, 1);
	assert_int_equal(store_next_case_seq(st, 20500, &seq, err, sizeof err), 0);
	assert_int_equal(seq, 2);
	assert_int_equal(store_next_case_seq(st, 20501, &seq, err, sizeof err), 0);
	assert_int_equal(seq, 1);
	store_close(st);
	st = open_new("seq.db");
	assert_int_equal(store_next_case_seq(st, 20500, &seq, err, sizeof err), 0);
	assert_int_equal(seq, 3);
	store_close(st);
}

static void test_two_connections_never_get_the_same_sequence(void **state)
{
	struct store *a, *b;
	char err[YC_ERRSZ];
	int seen[41] = { 0 };
	int seq = 0;

	(void)state;
	a = open_new("seq2.db");
	b = open_new("seq2.db");
	for (int i = 0; i < 20; i++) {
		assert_int_equal(store_next_case_seq(i % 2 ? a : b, 9, &seq, err, sizeof err), 0);
		assert_true(seq >= 1 && seq <= 40);
		assert_int_equal(seen[seq], 0);
		seen[seq] = 1;
		assert_int_equal(store_next_case_seq(i % 2 ? b : a, 9, &seq, err, sizeof err), 0);
		assert_int_equal(seen[seq], 0);
		seen[seq] = 1;
	}
	assert_int_equal(seq, 40);
	store_close(a);
	store_close(b);
}

static const char cal2030[] =
	"# test calendar\n"
	"year 2030\n"
	"source 测试通知〔2029〕1号\n"
	"off 2030-01-01\n"
	"work 2030-01-05\n";

static void test_calendar_years_are_stored_checked_and_loaded(void **state)
{
	struct store *st;
	struct calendar *cal;
	char err[YC_ERRSZ] = "";
	int day;

	(void)state;
	st = open_new("cal.db");
	assert_int_equal(store_calendar_put(st, 2030, cal2030, err, sizeof err), 0);
	/* text of another year, or bad text, is refused where it enters */
	assert_int_equal(store_calendar_put(st, 2031, cal2030, err, sizeof err), -1);
	assert_non_null(strstr(err, "2031"));
	assert_int_equal(store_calendar_put(st, 2031, "year 2031\noff tomorrow\n", err,
					    sizeof err), -1);
	cal = calendar_new();
	assert_non_null(cal);
	assert_int_equal(store_calendar_load(st, cal, err, sizeof err), 0);
	assert_true(calendar_has_year(cal, 2030));
	assert_false(calendar_has_year(cal, 2031));
	assert_string_equal(calendar_source(cal, 2030), "测试通知〔2029〕1号");
	day = date_from_ymd(2030, 1, 1);
	assert_int_equal(calendar_day_kind(cal, day), DAY_HOLIDAY);
	assert_int_equal(calendar_day_kind(cal, day + 4), DAY_MAKEUP);
	calendar_free(cal);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fresh_database_has_current_schema_wal_and_marker),
		cmocka_unit_test(test_reopening_is_idempotent),
		cmocka_unit_test(test_missing_database_is_not_created_and_names_init),
		cmocka_unit_test(test_newer_schema_is_refused_and_left_unmodified),
		cmocka_unit_test(test_file_that_is_not_sqlite_is_refused_and_left_unmodified),
		cmocka_unit_test(test_foreign_sqlite_database_is_refused_and_left_unmodified),
		cmocka_unit_test(test_damaged_schema_version_is_refused_and_left_unmodified),
		cmocka_unit_test(test_existing_mode_does_not_touch_an_uninitialised_file),
		cmocka_unit_test(test_marked_database_at_version_0_is_migrated),
		cmocka_unit_test(test_version_0_with_tables_is_refused_and_keeps_them),
		cmocka_unit_test(test_events_cannot_be_updated_or_deleted),
		cmocka_unit_test(test_users_have_one_of_the_five_roles),
		cmocka_unit_test(test_settings_are_set_replaced_and_read_back),
		cmocka_unit_test(test_site_code_uses_the_gb32100_alphabet),
		cmocka_unit_test(test_terminal_identity_is_recorded_once),
		cmocka_unit_test(test_case_sequence_counts_per_day_and_survives_reopen),
		cmocka_unit_test(test_two_connections_never_get_the_same_sequence),
		cmocka_unit_test(test_calendar_years_are_stored_checked_and_loaded),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
