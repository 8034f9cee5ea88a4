/* test_user_store.c — users on the workstation: adding with a hash, reading
 * back, and the login attempt: success, wrong password and unknown user
 * with the same message, the slow-down after 3 failures, the lock after 10
 * and its end, failures recorded in the database.  Real SQLite files in a
 * temporary directory; time is passed in, never slept. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/auth.h"
#include "yichuang/casestore.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "testlib.h"

static char tmpdir[256];
static struct store *st;

#define T0 ((time_t)1772409600)		/* 2026-03-02T00:00:00Z */

static int setup(void **state)
{
	char path[512], err[YC_ERRSZ];

	(void)state;
	if (testlib_mkdtemp(tmpdir, sizeof tmpdir, "userstore") != 0)
		return -1;
	snprintf(path, sizeof path, "%s/users.db", tmpdir);
	if (store_open(path, STORE_OPEN_CREATE, &st, err, sizeof err) != 0)
		return -1;
	if (user_add(st, "zhangsan", ROLE_CLERK, "政务服务中心", "correct-horse", err,
		     sizeof err) != 0)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(st);
	return testlib_rmtree(tmpdir);
}

/* Sets the user's failures back to none between tests. */
static void reset(const char *name, time_t now)
{
	struct login_result res;
	char err[YC_ERRSZ];

	assert_int_equal(user_login(st, name, "correct-horse", now, &res, err, sizeof err), 0);
	assert_int_equal(res.status, LOGIN_OK);
}

static struct login_result login(const char *name, const char *pw, time_t now)
{
	struct login_result res;
	char err[YC_ERRSZ] = "";

	if (user_login(st, name, pw, now, &res, err, sizeof err) != 0)
		fail_msg("user_login: %s", err);
	return res;
}

static void test_added_user_reads_back_with_role_and_department(void **state)
{
	struct user_info u;
	char err[YC_ERRSZ] = "";

	(void)state;
	assert_int_equal(user_get(st, "zhangsan", &u, err, sizeof err), 1);
	assert_string_equal(u.name, "zhangsan");
	assert_int_equal(u.role, ROLE_CLERK);
	assert_string_equal(u.department, "政务服务中心");
	assert_int_equal(u.active, 1);
	assert_int_equal(u.locked_until, 0);
	assert_int_equal(user_get(st, "nobody", &u, err, sizeof err), 0);
}

static void test_duplicate_bad_name_and_short_password_are_refused(void **state)
{
	struct user_info *v = NULL;
	char err[YC_ERRSZ] = "";
	size_t n = 0;

	(void)state;
	assert_int_equal(user_add(st, "zhangsan", ROLE_ADMIN, NULL, "another-pass", err,
				  sizeof err), -1);
	assert_non_null(strstr(err, "已经存在"));
	assert_int_equal(user_add(st, "li si", ROLE_CLERK, NULL, "another-pass", err,
				  sizeof err), -1);
	assert_non_null(strstr(err, "用户名"));
	assert_int_equal(user_add(st, "lisi", ROLE_CLERK, NULL, "short", err, sizeof err), -1);
	assert_non_null(strstr(err, "8"));
	assert_int_equal(user_list(st, &v, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].role, ROLE_CLERK);
	free(v);
}

static void test_right_password_logs_in(void **state)
{
	struct login_result res = login("zhangsan", "correct-horse", T0);

	(void)state;
	assert_int_equal(res.status, LOGIN_OK);
	assert_string_equal(res.user.name, "zhangsan");
	assert_int_equal(res.user.role, ROLE_CLERK);
}

static void test_wrong_password_and_unknown_user_get_the_same_message(void **state)
{
	struct login_result wrong = login("zhangsan", "wrong-horse", T0);
	struct login_result unknown = login("nobody", "wrong-horse", T0);
	struct user_info u;
	char err[YC_ERRSZ];

	(void)state;
	assert_int_equal(wrong.status, LOGIN_WRONG_PASSWORD);
	assert_int_equal(unknown.status, LOGIN_UNKNOWN_USER);
	assert_string_equal(wrong.message, unknown.message);
	assert_int_equal(user_get(st, "zhangsan", &u, err, sizeof err), 1);
	assert_int_equal(u.failed_logins, 1);
	reset("zhangsan", T0 + 1);
	assert_int_equal(user_get(st, "zhangsan", &u, err, sizeof err), 1);
	assert_int_equal(u.failed_logins, 0);
}

static void test_third_failure_makes_the_next_attempt_wait(void **state)
{
	struct login_result res;

	(void)state;
	for (int i = 0; i < 3; i++)
		assert_int_equal(login("zhangsan", "bad-password", T0 + i).status,
				 LOGIN_WRONG_PASSWORD);
	/* after 3 failures: wait auth_delay_seconds(3) = 1 s from the last */
	res = login("zhangsan", "correct-horse", T0 + 2);
	assert_int_equal(res.status, LOGIN_WAIT);
	assert_int_equal(res.wait_seconds, auth_delay_seconds(3));
	assert_non_null(strstr(res.message, "秒"));
	/* the refused attempt was not checked, so it is no failure either */
	res = login("zhangsan", "correct-horse", T0 + 2 + auth_delay_seconds(3));
	assert_int_equal(res.status, LOGIN_OK);
}

static void test_tenth_failure_locks_until_the_lock_runs_out(void **state)
{
	struct login_result res;
	struct user_info u;
	char err[YC_ERRSZ];
	time_t now = T0 + 100;

	(void)state;
	for (int i = 1; i <= 10; i++) {
		now += auth_delay_seconds(i - 1);
		res = login("zhangsan", "bad-password", now);
		assert_int_equal(res.status, i < 10 ? LOGIN_WRONG_PASSWORD : LOGIN_LOCKED);
	}
	assert_int_equal(res.locked_until, now + auth_lock_seconds());
	assert_int_equal(user_get(st, "zhangsan", &u, err, sizeof err), 1);
	assert_int_equal(u.failed_logins, 10);
	assert_int_equal(u.locked_until, now + auth_lock_seconds());
	/* even the right password is refused while locked */
	res = login("zhangsan", "correct-horse", now + auth_lock_seconds() - 1);
	assert_int_equal(res.status, LOGIN_LOCKED);
	assert_non_null(strstr(res.message, "锁定"));
	/* when the lock has run out, the right password works and clears it */
	res = login("zhangsan", "correct-horse", now + auth_lock_seconds());
	assert_int_equal(res.status, LOGIN_OK);
	assert_int_equal(user_get(st, "zhangsan", &u, err, sizeof err), 1);
	assert_int_equal(u.failed_logins, 0);
	assert_int_equal(u.locked_until, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_added_user_reads_back_with_role_and_department),
		cmocka_unit_test(test_duplicate_bad_name_and_short_password_are_refused),
		cmocka_unit_test(test_right_password_logs_in),
		cmocka_unit_test(test_wrong_password_and_unknown_user_get_the_same_message),
		cmocka_unit_test(test_third_failure_makes_the_next_attempt_wait),
		cmocka_unit_test(test_tenth_failure_locks_until_the_lock_runs_out),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
