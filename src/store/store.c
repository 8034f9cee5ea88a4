/*
 * store.c — opening the workstation database: refusing files that are not
 * ours, setting the pragmas, migrating the schema step by step; then the
 * small shared helpers, settings and the terminal identity.
 *
 * Opening never writes to a file it is going to refuse: the identity
 * checks (application_id, user_version, existing tables) only read, and
 * only after they pass are WAL and the migrations applied.
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "yichuang/store.h"
#include "yichuang/util.h"
#include "store_internal.h"

/* How long a statement waits for another process's write lock. */
#define STORE_BUSY_TIMEOUT_MS 5000

int store_dberr(struct store *st, const char *what, char *err, size_t errsz)
{
	int code = sqlite3_errcode(st->db) & 0xff;

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return yc_seterr(err, errsz,
				 _("%s：数据库 %s 正被另一个程序占用，请稍后重试"),
				 what, st->path);
	if (code == SQLITE_FULL)
		return yc_seterr(err, errsz, _("%s：磁盘已满（数据库 %s）"), what, st->path);
	if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM)
		return yc_seterr(err, errsz, _("%s：无法写入数据库 %s（%s）；请检查文件权限"),
				 what, st->path, sqlite3_errmsg(st->db));
	return yc_seterr(err, errsz, _("%s：%s（数据库 %s）"), what,
			 sqlite3_errmsg(st->db), st->path);
}

int store_exec(struct store *st, const char *sql, char *err, size_t errsz)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_dberr(st, _("数据库操作失败"), err, errsz);
	return 0;
}

int store_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt,
		  char *err, size_t errsz)
{
	*stmt = NULL;
	if (sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL) != SQLITE_OK) {
		*stmt = NULL;
		return store_dberr(st, _("数据库查询准备失败"), err, errsz);
	}
	return 0;
}

int store_begin(struct store *st, char *err, size_t errsz)
{
	if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return store_dberr(st, _("无法开始数据库事务"), err, errsz);
	return 0;
}

int store_commit(struct store *st, char *err, size_t errsz)
{
	if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		store_dberr(st, _("无法提交数据库事务"), err, errsz);
		store_rollback(st);
		return -1;
	}
	return 0;
}

void store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_bind_text(sqlite3_stmt *stmt, int idx, const char *s)
{
	if (!s)
		return sqlite3_bind_null(stmt, idx);
	return sqlite3_bind_text(stmt, idx, s, -1, SQLITE_TRANSIENT);
}

char *store_column_dup(sqlite3_stmt *stmt, int col, int *oom)
{
	const unsigned char *s = sqlite3_column_text(stmt, col);
	char *p;

	if (!s)
		return NULL;
	p = yc_strdup((const char *)s);
	if (!p)
		*oom = 1;
	return p;
}

/* Creates the directories above `path` that are missing. */
static int store_make_parent(const char *path, char *err, size_t errsz)
{
	char *dir = yc_strdup(path);
	char *p;

	if (!dir)
		return yc_seterr(err, errsz, _("内存不足"));
	p = strrchr(dir, '/');
	if (!p || p == dir) {
		free(dir);
		return 0;
	}
	*p = '\0';
	for (p = dir + 1; ; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
			yc_seterr(err, errsz, _("无法创建目录 %s：%s"), dir, strerror(errno));
			free(dir);
			return -1;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(dir);
	return 0;
}

/* 1 when SQLite's last error says the file is not a database. */
static int store_not_a_db(struct store *st)
{
	return (sqlite3_errcode(st->db) & 0xff) == SQLITE_NOTADB;
}

/* Runs a one-row, one-integer query (a PRAGMA or a count). */
static int store_query_int(struct store *st, const char *sql, int *out,
			   char *err, size_t errsz)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		goto fail;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		goto fail;
	*out = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return 0;
fail:
	if (store_not_a_db(st))
		yc_seterr(err, errsz,
			  _("%s 不是 SQLite 数据库文件；请用 --db 指定 yichuang init 创建的工作站数据库"),
			  st->path);
	else
		store_dberr(st, _("无法读取数据库"), err, errsz);
	sqlite3_finalize(stmt);
	return -1;
}

/* Refuses a database that is not yichuang's or is newer than this build.
 * Reads only. */
static int store_check_identity(struct store *st, enum store_open_mode mode,
				char *err, size_t errsz)
{
	int appid, version, ntables;

	if (store_query_int(st, "PRAGMA application_id", &appid, err, errsz) != 0 ||
	    store_query_int(st, "PRAGMA user_version", &version, err, errsz) != 0 ||
	    store_query_int(st, "SELECT count(*) FROM sqlite_master"
			    " WHERE name NOT LIKE 'sqlite!_%' ESCAPE '!'",
			    &ntables, err, errsz) != 0)
		return -1;
	if (appid != STORE_APPLICATION_ID &&
	    (appid != 0 || version != 0 || ntables != 0))
		return yc_seterr(err, errsz,
				 _("%s 是 SQLite 数据库，但不是 yichuang 的工作站数据库，未作任何改动；"
				   "请用 --db 指定工作站数据库，或用 yichuang init 新建一个"),
				 st->path);
	/* An empty file (or an empty SQLite database) becomes a workstation
	 * only through init; opening it for use must not write to it. */
	if (appid == 0 && mode != STORE_OPEN_CREATE)
		return yc_seterr(err, errsz,
				 _("%s 不是工作站数据库（文件为空或未初始化），未作任何改动；"
				   "请先运行 yichuang init 创建工作站数据库"),
				 st->path);
	if (version < 0 || (version == 0 && ntables > 0))
		return yc_seterr(err, errsz,
				 _("数据库 %s 已损坏：结构版本 %d 与其中的 %d 张表不符，未作任何改动；"
				   "请从备份恢复，或联系管理员"),
				 st->path, version, ntables);
	if (version > store_schema_version())
		return yc_seterr(err, errsz,
				 _("数据库 %s 的结构版本是 %d，本程序只支持到版本 %d：它由更新的 yichuang 写入；"
				   "请升级 yichuang 后再使用，数据库未作任何改动"),
				 st->path, version, store_schema_version());
	return 0;
}

/* WAL, full sync, foreign keys. */
static int store_set_pragmas(struct store *st, char *err, size_t errsz)
{
	sqlite3_stmt *stmt = NULL;
	const unsigned char *mode;

	if (store_prepare(st, "PRAGMA journal_mode = WAL", &stmt, err, errsz) != 0)
		return -1;
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		store_dberr(st, _("无法设置数据库日志模式"), err, errsz);
		sqlite3_finalize(stmt);
		return -1;
	}
	mode = sqlite3_column_text(stmt, 0);
	if (!mode || strcmp((const char *)mode, "wal") != 0) {
		yc_seterr(err, errsz,
			  _("数据库 %s 无法使用 WAL 日志模式（得到 %s）；请把数据库放在本地磁盘上"),
			  st->path, mode ? (const char *)mode : "?");
		sqlite3_finalize(stmt);
		return -1;
	}
	sqlite3_finalize(stmt);
	return store_exec(st, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
			  err, errsz);
}

/* Applies the missing migration steps, each in its own transaction.  The
 * version is read again inside the transaction, so two programs opening
 * the same old database at once do not both run a step. */
static int store_migrate(struct store *st, char *err, size_t errsz)
{
	for (;;) {
		int version;
		char why[YC_ERRSZ];

		if (store_begin(st, err, errsz) != 0)
			return -1;
		if (store_query_int(st, "PRAGMA user_version", &version, err, errsz) != 0) {
			store_rollback(st);
			return -1;
		}
		if (version >= store_nmigrations) {
			store_rollback(st);
			return 0;
		}
		/* store_check_identity refused negative versions; another
		 * process cannot have set one since (we hold the write lock). */
		if (version < 0) {
			store_rollback(st);
			return yc_seterr(err, errsz, _("数据库 %s 的结构版本 %d 无效"), st->path, version);
		}
		if (sqlite3_exec(st->db, store_migrations[version], NULL, NULL, NULL)
		    != SQLITE_OK) {
			store_dberr(st, _("数据库操作失败"), why, sizeof why);
			store_rollback(st);
			return yc_seterr(err, errsz,
					 _("数据库 %s 从结构版本 %d 升级到 %d 失败，仍保持版本 %d：%s"),
					 st->path, version, version + 1, version, why);
		}
		if (store_commit(st, err, errsz) != 0)
			return -1;
	}
}

int store_open(const char *path, enum store_open_mode mode, struct store **out,
	       char *err, size_t errsz)
{
	struct store *st;
	struct stat sb;
	int flags = SQLITE_OPEN_READWRITE;

	*out = NULL;
	if (!path || !*path)
		return yc_seterr(err, errsz, _("没有指定数据库文件"));
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT)
			return yc_seterr(err, errsz, _("无法访问数据库 %s：%s"), path,
					 strerror(errno));
		if (mode != STORE_OPEN_CREATE)
			return yc_seterr(err, errsz,
					 _("数据库 %s 不存在；请先运行 yichuang init 创建工作站数据库"),
					 path);
		if (store_make_parent(path, err, errsz) != 0)
			return -1;
		flags |= SQLITE_OPEN_CREATE;
	} else if (S_ISDIR(sb.st_mode)) {
		return yc_seterr(err, errsz, _("%s 是目录，不是数据库文件"), path);
	}

	st = calloc(1, sizeof *st);
	if (!st)
		return yc_seterr(err, errsz, _("内存不足"));
	st->path = yc_strdup(path);
	if (!st->path) {
		free(st);
		return yc_seterr(err, errsz, _("内存不足"));
	}
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		if (st->db)
			store_dberr(st, _("无法打开数据库"), err, errsz);
		else
			yc_seterr(err, errsz, _("无法打开数据库 %s：内存不足"), path);
		store_close(st);
		return -1;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);

	if (store_check_identity(st, mode, err, errsz) != 0 ||
	    store_set_pragmas(st, err, errsz) != 0 ||
	    store_migrate(st, err, errsz) != 0) {
		store_close(st);
		return -1;
	}
	*out = st;
	return 0;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	if (st->db)
		sqlite3_close_v2(st->db);
	free(st->path);
	free(st);
}

const char *store_path(const struct store *st)
{
	return st->path;
}

int store_setting_get(struct store *st, const char *key, char *buf, size_t bufsz)
{
	sqlite3_stmt *stmt = NULL;
	int rc, found = -1;

	if (store_prepare(st, "SELECT value FROM settings WHERE key = ?1", &stmt,
			  NULL, 0) != 0)
		return -1;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_DONE) {
		found = 0;
	} else if (rc == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(stmt, 0);
		size_t n = v ? strlen(v) : 0;

		if (buf && n < bufsz) {
			memcpy(buf, v ? v : "", n + 1);
			found = 1;
		}
	}
	sqlite3_finalize(stmt);
	return found;
}

int store_setting_set(struct store *st, const char *key, const char *value,
		      char *err, size_t errsz)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if (!key || !*key || !value)
		return yc_seterr(err, errsz, _("设置项的名称和值不能为空"));
	if (store_prepare(st,
			  "INSERT INTO settings (key, value) VALUES (?1, ?2)"
			  " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
			  &stmt, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, value, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_dberr(st, _("保存设置失败"), err, errsz);
	return 0;
}

int store_setting_delete(struct store *st, const char *key, char *err, size_t errsz)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if (store_prepare(st, "DELETE FROM settings WHERE key = ?1", &stmt, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(stmt, 1, key ? key : "", -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_dberr(st, _("删除设置失败"), err, errsz);
	return sqlite3_changes(st->db) > 0 ? 1 : 0;
}

void store_settings_free(struct store_setting *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].key);
		free(v[i].value);
	}
	free(v);
}

int store_setting_list(struct store *st, struct store_setting **out, size_t *n,
		       char *err, size_t errsz)
{
	sqlite3_stmt *stmt = NULL;
	int rc = SQLITE_DONE, oom = 0;

	*out = NULL;
	*n = 0;
	if (store_prepare(st, "SELECT key, value FROM settings ORDER BY key", &stmt, err,
			  errsz) != 0)
		return -1;
	while (!oom && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_setting *v = realloc(*out, (*n + 1) * sizeof *v);

		if (!v) {
			oom = 1;
			break;
		}
		*out = v;
		v[*n].key = store_column_dup(stmt, 0, &oom);
		v[*n].value = store_column_dup(stmt, 1, &oom);
		(*n)++;
	}
	sqlite3_finalize(stmt);
	if (oom || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
		store_settings_free(*out, *n);
		*out = NULL;
		*n = 0;
		return oom ? yc_seterr(err, errsz, _("内存不足"))
			   : store_dberr(st, _("读取设置失败"), err, errsz);
	}
	return 0;
}

/* The GB 32100 alphabet: digits and capitals without I O S V Z. */
static const char store_site_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

int store_site_valid(const char *site)
{
	size_t n;

	if (!site)
		return 0;
	n = strlen(site);
	if (n < 1 || n > 12)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strchr(store_site_alphabet, site[i]))
			return 0;
	return 1;
}

/* Ends a write transaction with its last statement: steps stmt to the end,
 * finalizes it and commits.  On failure says `what` failed, rolls back and
 * returns -1. */
static int store_step_commit(struct store *st, sqlite3_stmt *stmt, const char *what,
			     char *err, size_t errsz)
{
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		store_dberr(st, what, err, errsz);
		sqlite3_finalize(stmt);
		store_rollback(st);
		return -1;
	}
	sqlite3_finalize(stmt);
	return store_commit(st, err, errsz);
}

int store_init_terminal(struct store *st, const char *site, int terminal,
			char *err, size_t errsz)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if (!store_site_valid(site))
		return yc_seterr(err, errsz,
				 _("站点代码 “%s” 无效：应为 1 到 12 个字符，只用数字和大写字母"
				   " ABCDEFGHJKLMNPQRTUWXY"), site ? site : "");
	if (terminal < 1 || terminal > 99)
		return yc_seterr(err, errsz, _("终端号 %d 无效：应为 1 到 99"), terminal);
	if (store_begin(st, err, errsz) != 0)
		return -1;
	if (store_prepare(st, "SELECT site, number FROM terminal WHERE id = 1",
			  &stmt, err, errsz) != 0)
		goto fail;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		yc_seterr(err, errsz,
			  _("数据库 %s 已经初始化为站点 %s、终端 %d；工作站身份不能更改"
			    "（已发出的编号带有它），如需新身份请另建数据库"),
			  st->path, (const char *)sqlite3_column_text(stmt, 0),
			  sqlite3_column_int(stmt, 1));
		goto fail;
	}
	if (rc != SQLITE_DONE) {
		store_dberr(st, _("读取工作站身份失败"), err, errsz);
		goto fail;
	}
	sqlite3_finalize(stmt);
	if (store_prepare(st, "INSERT INTO terminal (id, site, number) VALUES (1, ?1, ?2)",
			  &stmt, err, errsz) != 0)
		goto fail;
	sqlite3_bind_text(stmt, 1, site, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(stmt, 2, terminal);
	return store_step_commit(st, stmt, _("保存工作站身份失败"), err, errsz);
fail:
	sqlite3_finalize(stmt);
	store_rollback(st);
	return -1;
}

int store_terminal(struct store *st, char *site, size_t sitesz, int *terminal)
{
	sqlite3_stmt *stmt = NULL;
	int rc, ret = -1;

	if (store_prepare(st, "SELECT site, number FROM terminal WHERE id = 1",
			  &stmt, NULL, 0) != 0)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_DONE) {
		ret = 0;
	} else if (rc == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(stmt, 0);

		assert(s != NULL);
		if (site && sitesz > 0)
			snprintf(site, sitesz, "%s", s ? s : "");
		if (terminal)
			*terminal = sqlite3_column_int(stmt, 1);
		ret = 1;
	}
	sqlite3_finalize(stmt);
	return ret;
}

int store_next_case_seq(struct store *st, int day, int *seq, char *err, size_t errsz)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if (store_begin(st, err, errsz) != 0)
		return -1;
	if (store_prepare(st,
			  "INSERT INTO case_seq (day, seq) VALUES (?1, 1)"
			  " ON CONFLICT (day) DO UPDATE SET seq = seq + 1"
			  " RETURNING seq",
			  &stmt, err, errsz) != 0)
		goto fail;
	sqlite3_bind_int(stmt, 1, day);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		store_dberr(st, _("分配办件流水号失败"), err, errsz);
		goto fail;
	}
	*seq = sqlite3_column_int(stmt, 0);
	return store_step_commit(st, stmt, _("分配办件流水号失败"), err, errsz);
fail:
	sqlite3_finalize(stmt);
	store_rollback(st);
	return -1;
}
