/* test_auth.c — argon2id password hashes and the login slow-down. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "yichuang/auth.h"

static void test_hash_verifies_the_right_password_only(void **state)
{
	char hash[AUTH_HASH_MAX], err[256];

	(void)state;
	assert_int_equal(auth_hash("窗口密码2026", hash, sizeof hash, err, sizeof err), 0);
	assert_int_equal(strncmp(hash, "$argon2id$", 10), 0);
	assert_true(auth_verify(hash, "窗口密码2026"));
	assert_false(auth_verify(hash, "窗口密码2027"));
	assert_false(auth_verify(hash, ""));
	assert_false(auth_verify("not-a-hash", "窗口密码2026"));
}

static void test_same_password_hashes_differently(void **state)
{
	char a[AUTH_HASH_MAX], b[AUTH_HASH_MAX], err[256];

	(void)state;
	assert_int_equal(auth_hash("counter-pass", a, sizeof a, err, sizeof err), 0);
	assert_int_equal(auth_hash("counter-pass", b, sizeof b, err, sizeof err), 0);
	assert_string_not_equal(a, b);	/* salted */
}

static void test_short_password_is_refused(void **state)
{
	char hash[AUTH_HASH_MAX], err[256];

	(void)state;
	assert_int_equal(auth_hash("1234567", hash, sizeof hash, err, sizeof err), -1);
	assert_non_null(strstr(err, "8"));
	/* Eight Chinese characters are eight characters, not 24 bytes. */
	assert_int_equal(auth_hash("一二三四五六七", hash, sizeof hash, err, sizeof err), -1);
	assert_int_equal(auth_hash("一二三四五六七八", hash, sizeof hash, err, sizeof err), 0);
}

static void test_repeated_failures_slow_down_then_lock(void **state)
{
	(void)state;
	assert_int_equal(auth_delay_seconds(0), 0);
	assert_int_equal(auth_delay_seconds(2), 0);
	assert_int_equal(auth_delay_seconds(3), 1);
	assert_int_equal(auth_delay_seconds(4), 2);
	assert_int_equal(auth_delay_seconds(6), 8);
	assert_int_equal(auth_delay_seconds(9), 30);
	assert_int_equal(auth_delay_seconds(50), 30);
	assert_false(auth_locked(9));
	assert_true(auth_locked(10));
	assert_int_equal(auth_lock_seconds(), 900);
}

static void test_roles_by_name(void **state)
{
	(void)state;
	assert_int_equal(auth_role_from_name("approver"), ROLE_APPROVER);
	assert_int_equal(auth_role_from_name("root"), 0);
	assert_string_equal(auth_role_name(ROLE_ISSUER), "issuer");
	assert_string_equal(auth_role_label(ROLE_CLERK), "综合受理");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_verifies_the_right_password_only),
		cmocka_unit_test(test_same_password_hashes_differently),
		cmocka_unit_test(test_short_password_is_refused),
		cmocka_unit_test(test_repeated_failures_slow_down_then_lock),
		cmocka_unit_test(test_roles_by_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
