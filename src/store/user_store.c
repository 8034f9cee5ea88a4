/*
 * user_store.c — users and logins on the workstation: adding users with
 * argon2id hashes, reading them, and the login attempt that applies the
 * slow-down and lock policy of auth.h in one transaction.
 *
 * Moments (locked_until, last_failed_at) are stored as UTC text
 * 'YYYY-MM-DDTHH:MM:SSZ', like every moment of the schema.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yichuang/auth.h"
#include "yichuang/casestore.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "store_internal.h"

/* 'YYYY-MM-DDTHH:MM:SSZ' of t. */
static void user_utc_text(time_t t, char *buf, size_t bufsz)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, bufsz, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The moment of a UTC text column; 0 for NULL or bad text. */
static time_t user_column_time(sqlite3_stmt *q, int col)
{
	const char *s = (const char *)sqlite3_column_text(q, col);
	struct tm tm;
	char *end;

	if (!s)
		return 0;
	memset(&tm, 0, sizeof tm);
	end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!end || *end)
		return 0;
	return timegm(&tm);
}

int user_name_valid(const char *name)
{
	size_t n;

	if (!name)
		return 0;
	n = strlen(name);
	if (n < 1 || n > USER_NAME_MAX || !utf8_valid(name, n))
		return 0;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			return 0;
	return 1;
}

int user_add(struct store *st, const char *name, enum auth_role role,
	     const char *department, const char *password,
	     char *err, size_t errsz)
{
	char hash[AUTH_HASH_MAX];
	sqlite3_stmt *q = NULL;
	int rc;

	if (!user_name_valid(name))
		return yc_seterr(err, errsz,
				 _("用户名“%s”无效：应为 1 到 %d 个字节，不含空格和控制字符"),
				 name ? name : "", USER_NAME_MAX);
	if (!*auth_role_name(role))
		return yc_seterr(err, errsz, _("角色无效"));
	if (auth_hash(password ? password : "", hash, sizeof hash, err, errsz) != 0)
		return -1;
	if (store_prepare(st,
			  "INSERT INTO users (name, role, department, pw_hash) VALUES (?1, ?2, ?3, ?4)"
			  " ON CONFLICT (name) DO NOTHING", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, auth_role_name(role), -1, SQLITE_STATIC);
	store_bind_text(q, 3, department && *department ? department : NULL);
	sqlite3_bind_text(q, 4, hash, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_dberr(st, _("保存用户失败"), err, errsz);
	if (sqlite3_changes(st->db) == 0)
		return yc_seterr(err, errsz, _("用户“%s”已经存在"), name);
	return 0;
}

#define USER_COLUMNS "name, role, coalesce(department, ''), active, failed_logins, locked_until"

/* Fills u from a row of USER_COLUMNS. */
static void user_from_row(sqlite3_stmt *q, struct user_info *u)
{
	const char *role = (const char *)sqlite3_column_text(q, 1);

	memset(u, 0, sizeof *u);
	snprintf(u->name, sizeof u->name, "%s", (const char *)sqlite3_column_text(q, 0));
	u->role = role ? auth_role_from_name(role) : 0;
	snprintf(u->department, sizeof u->department, "%s",
		 (const char *)sqlite3_column_text(q, 2));
	u->active = sqlite3_column_int(q, 3);
	u->failed_logins = sqlite3_column_int(q, 4);
	u->locked_until = user_column_time(q, 5);
}

int user_get(struct store *st, const char *name, struct user_info *out,
	     char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc, ret = -1;

	if (store_prepare(st, "SELECT " USER_COLUMNS " FROM users WHERE name = ?1",
			  &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, name ? name : "", -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		user_from_row(q, out);
		ret = 1;
	} else if (rc == SQLITE_DONE) {
		ret = 0;
	} else {
		store_dberr(st, _("读取用户失败"), err, errsz);
	}
	sqlite3_finalize(q);
	return ret;
}

int user_list(struct store *st, struct user_info **out, size_t *n,
	      char *err, size_t errsz)
{
	struct user_info *v = NULL;
	size_t cnt = 0, cap = 0;
	sqlite3_stmt *q = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	if (store_prepare(st, "SELECT " USER_COLUMNS " FROM users ORDER BY name",
			  &q, err, errsz) != 0)
		return -1;
	for (;;) {
		rc = sqlite3_step(q);
		if (rc != SQLITE_ROW)
			break;
		if (cnt == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct user_info *nv = realloc(v, ncap * sizeof *nv);

			if (!nv) {
				free(v);
				sqlite3_finalize(q);
				return yc_seterr(err, errsz, _("内存不足"));
			}
			v = nv;
			cap = ncap;
		}
		user_from_row(q, &v[cnt++]);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_dberr(st, _("读取用户失败"), err, errsz);
	}
	*out = v;
	*n = cnt;
	return 0;
}

/* A valid argon2id hash of a password nobody knows, so that an unknown
 * user costs the same time as a wrong password. */
static const char *user_dummy_hash(void)
{
	static char hash[AUTH_HASH_MAX];
	char err[YC_ERRSZ];

	if (!hash[0] && auth_hash("yichuang-no-such-user", hash, sizeof hash, err,
				  sizeof err) != 0)
		hash[0] = '\0';
	return hash;
}

/* Records the attempt's effect on the user row: failures, lock, reset. */
static int user_record(struct store *st, const char *name, int failures,
		       time_t locked_until, time_t last_failed, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	char lock[32], last[32];
	int rc;

	if (store_prepare(st,
			  "UPDATE users SET failed_logins = ?2, locked_until = ?3,"
			  " last_failed_at = ?4 WHERE name = ?1", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(q, 2, failures);
	if (locked_until) {
		user_utc_text(locked_until, lock, sizeof lock);
		sqlite3_bind_text(q, 3, lock, -1, SQLITE_TRANSIENT);
	}
	if (last_failed) {
		user_utc_text(last_failed, last, sizeof last);
		sqlite3_bind_text(q, 4, last, -1, SQLITE_TRANSIENT);
	}
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_dberr(st, _("记录登录结果失败"), err, errsz);
	return 0;
}

/* The message of a failed password check (unknown user or wrong
 * password: the same words, so that names cannot be probed). */
static void user_wrong(struct login_result *res, enum login_status status)
{
	res->status = status;
	snprintf(res->message, sizeof res->message, "%s",
		 _("用户名或密码不正确；连续输错多次将被暂时锁定"));
}

/* The local clock time of t, "HH:MM" (for the lock message). */
static void user_clock_text(time_t t, char *buf, size_t bufsz)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, bufsz, "%Y-%m-%d %H:%M", &tm);
}

int user_login(struct store *st, const char *name, const char *password,
	       time_t now, struct login_result *res, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	char *hash = NULL;
	struct user_info u;
	time_t last_failed;
	int rc, failures, wait;
	char when[32];

	assert(st && res);
	memset(res, 0, sizeof *res);
	if (store_begin(st, err, errsz) != 0)
		return -1;
	if (store_prepare(st, "SELECT " USER_COLUMNS ", last_failed_at, pw_hash"
			  " FROM users WHERE name = ?1", &q, err, errsz) != 0)
		goto fail;
	sqlite3_bind_text(q, 1, name ? name : "", -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(q);
		store_rollback(st);
		(void)auth_verify(user_dummy_hash(), password ? password : "");
		user_wrong(res, LOGIN_UNKNOWN_USER);
		return 0;
	}
	if (rc != SQLITE_ROW) {
		store_dberr(st, _("读取用户失败"), err, errsz);
		goto fail;
	}
	user_from_row(q, &u);
	last_failed = user_column_time(q, 6);
	hash = yc_strdup((const char *)sqlite3_column_text(q, 7));
	sqlite3_finalize(q);
	q = NULL;
	if (!hash) {
		yc_seterr(err, errsz, _("内存不足"));
		goto fail;
	}

	failures = u.failed_logins;
	if (u.locked_until && now < u.locked_until) {
		res->status = LOGIN_LOCKED;
		res->locked_until = u.locked_until;
		user_clock_text(u.locked_until, when, sizeof when);
		snprintf(res->message, sizeof res->message,
			 _("密码连续输错次数过多，账号已锁定到 %s；请稍后再试或联系管理员"), when);
		goto done_readonly;
	}
	if (u.locked_until)		/* the lock has run out: start afresh */
		failures = 0;
	wait = auth_delay_seconds(failures);
	if (wait > 0 && last_failed && now < last_failed + wait) {
		res->status = LOGIN_WAIT;
		res->wait_seconds = (int)(last_failed + wait - now);
		snprintf(res->message, sizeof res->message,
			 _("密码已连续输错 %d 次，请等 %d 秒后再试"), failures,
			 res->wait_seconds);
		goto done_readonly;
	}
	if (!auth_verify(hash, password ? password : "")) {
		failures++;
		if (user_record(st, u.name, failures,
				auth_locked(failures) ? now + auth_lock_seconds() : 0,
				now, err, errsz) != 0)
			goto fail;
		user_wrong(res, LOGIN_WRONG_PASSWORD);
		if (auth_locked(failures)) {
			res->status = LOGIN_LOCKED;
			res->locked_until = now + auth_lock_seconds();
			user_clock_text(res->locked_until, when, sizeof when);
			snprintf(res->message, sizeof res->message,
				 _("密码连续输错次数过多，账号已锁定到 %s；请稍后再试或联系管理员"),
				 when);
		}
	} else if (!u.active) {
		res->status = LOGIN_INACTIVE;
		snprintf(res->message, sizeof res->message, "%s",
			 _("该账号已停用；请联系管理员"));
		goto done_readonly;
	} else {
		if (user_record(st, u.name, 0, 0, 0, err, errsz) != 0)
			goto fail;
		res->status = LOGIN_OK;
		u.failed_logins = 0;
		u.locked_until = 0;
		res->user = u;
	}
	free(hash);
	return store_commit(st, err, errsz);
done_readonly:
	free(hash);
	store_rollback(st);
	return 0;
fail:
	sqlite3_finalize(q);
	free(hash);
	store_rollback(st);
	return -1;
}
