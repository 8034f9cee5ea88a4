/*
 * backend.c — yichuangd's SQLite backend (the embedded default): the
 * service's tables in one database file, WAL mode, one connection per
 * request thread, prepared statements cached per connection.
 *
 * Writers serialise on the file itself: begin() is BEGIN IMMEDIATE, so a
 * transaction that appends events holds the write lock from its first
 * statement to its commit, and seq order is commit order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/util.h"
#include "sq.h"

static const char sq_schema[] =
	"CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, v INTEGER NOT NULL);"
	"CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
	" case_id TEXT NOT NULL, case_number TEXT NOT NULL, type TEXT NOT NULL,"
	" at TEXT NOT NULL, actor TEXT NOT NULL, body TEXT NOT NULL, terminal TEXT NOT NULL,"
	" stored_at TEXT NOT NULL);"
	"CREATE INDEX IF NOT EXISTS events_case ON events (case_id, seq);"
	"CREATE TABLE IF NOT EXISTS conflicts (n INTEGER PRIMARY KEY, id TEXT NOT NULL,"
	" case_id TEXT NOT NULL, case_number TEXT NOT NULL, type TEXT NOT NULL,"
	" at TEXT NOT NULL, actor TEXT NOT NULL, body TEXT NOT NULL, terminal TEXT NOT NULL,"
	" state TEXT NOT NULL, reason TEXT NOT NULL, stored_at TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS batches (key TEXT PRIMARY KEY, hash TEXT NOT NULL,"
	" response TEXT NOT NULL, terminal TEXT NOT NULL, stored_at TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS terminals (id TEXT PRIMARY KEY, site TEXT NOT NULL,"
	" number INTEGER NOT NULL, name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,"
	" created TEXT NOT NULL, UNIQUE (site, number));"
	"CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, role TEXT NOT NULL,"
	" department TEXT, pw_hash TEXT NOT NULL, active INTEGER NOT NULL);"
	"CREATE TABLE IF NOT EXISTS catalog_versions (version INTEGER PRIMARY KEY,"
	" ref_version INTEGER NOT NULL, created TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS catalog_files (version INTEGER NOT NULL,"
	" name TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (version, name));"
	"CREATE TABLE IF NOT EXISTS calendars (year INTEGER PRIMARY KEY, text TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS applications (id TEXT PRIMARY KEY, number TEXT NOT NULL"
	" UNIQUE, case_id TEXT NOT NULL, created TEXT NOT NULL);"
	"CREATE INDEX IF NOT EXISTS events_number ON events (case_number);"
	"INSERT OR IGNORE INTO counters VALUES ('seq', 0), ('ref', 1);";

/* Columns added after the first release: table, column, type. */
static const char *const sq_added[][3] = {
	{ "conflicts", "resolved_at", "TEXT" },
	{ "conflicts", "note", "TEXT" },
	{ "terminals", "revoked_at", "TEXT" },
	{ "applications", "hash", "TEXT" },
	{ "terminals", "install", "TEXT" },
	{ "terminals", "registered_at", "TEXT" },
};

int sq_fail(struct bconn *c, char *err, size_t errsz)
{
	return yc_seterr(err, errsz, _("中心数据库（SQLite）出错：%s"), sqlite3_errmsg(c->db));
}

/* The cached statement of sql (by pointer: callers pass literals), reset. */
sqlite3_stmt *sq_prep(struct bconn *c, const char *sql, char *err, size_t errsz)
{
	int i;

	for (i = 0; i < SQ_CACHE && c->sql[i]; i++) {
		if (c->sql[i] == sql) {
			sqlite3_reset(c->stmt[i]);
			sqlite3_clear_bindings(c->stmt[i]);
			return c->stmt[i];
		}
	}
	if (i == SQ_CACHE) {
		yc_seterr(err, errsz, "%s", _("中心数据库：语句缓存已满"));
		return NULL;
	}
	if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &c->stmt[i], NULL)
	    != SQLITE_OK) {
		sq_fail(c, err, errsz);
		return NULL;
	}
	c->sql[i] = sql;
	return c->stmt[i];
}

void sq_text(sqlite3_stmt *q, int idx, const char *s)
{
	if (s)
		sqlite3_bind_text(q, idx, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(q, idx);
}

/* Runs a statement that returns no rows. */
int sq_done(struct bconn *c, sqlite3_stmt *q, char *err, size_t errsz)
{
	int rc = sqlite3_step(q);

	sqlite3_reset(q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return sq_fail(c, err, errsz);
	return 0;
}

/* A copy of a text column (NULL stays NULL); *oom set on failure. */
char *sq_col(sqlite3_stmt *q, int col, int *oom)
{
	const unsigned char *s = sqlite3_column_text(q, col);
	char *d;

	if (!s)
		return NULL;
	d = yc_strdup((const char *)s);
	if (!d)
		*oom = 1;
	return d;
}

static struct bconn *sq_connect(const char *where, char *err, size_t errsz)
{
	struct bconn *c = calloc(1, sizeof *c);

	if (!c) {
		yc_seterr(err, errsz, "%s", _("内存不足"));
		return NULL;
	}
	if (sqlite3_open_v2(where, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		yc_seterr(err, errsz, _("无法打开中心数据库 %s：%s"), where,
			  c->db ? sqlite3_errmsg(c->db) : _("内存不足"));
		sqlite3_close(c->db);
		free(c);
		return NULL;
	}
	sqlite3_busy_timeout(c->db, 30000);
	if (sqlite3_exec(c->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
			 "PRAGMA foreign_keys=ON;", NULL, NULL, NULL) != SQLITE_OK) {
		yc_seterr(err, errsz, _("无法打开中心数据库 %s：%s"), where, sqlite3_errmsg(c->db));
		sqlite3_close(c->db);
		free(c);
		return NULL;
	}
	return c;
}

static int sq_ping(struct bconn *c, char *err, size_t errsz)
{
	if (sqlite3_exec(c->db, "SELECT 1", NULL, NULL, NULL) != SQLITE_OK)
		return sq_fail(c, err, errsz);
	return 0;
}

/* A file does not go away like a server: never lost. */
static int sq_lost(struct bconn *c)
{
	(void)c;
	return 0;
}

static int sq_reconnect(struct bconn *c, char *err, size_t errsz)
{
	(void)c;
	(void)err;
	(void)errsz;
	return 0;
}

static void sq_disconnect(struct bconn *c)
{
	if (!c)
		return;
	for (int i = 0; i < SQ_CACHE && c->sql[i]; i++)
		sqlite3_finalize(c->stmt[i]);
	sqlite3_close(c->db);
	free(c);
}

/* Adds a column to a table of an older database unless it is there. */
static int sq_add_column(struct bconn *c, const char *table, const char *column,
			 const char *type, char *err, size_t errsz)
{
	sqlite3_stmt *q;
	char sql[200];
	int rc, have;

	if (sqlite3_prepare_v2(c->db, "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2",
			       -1, &q, NULL) != SQLITE_OK)
		return sq_fail(c, err, errsz);
	sq_text(q, 1, table);
	sq_text(q, 2, column);
	rc = sqlite3_step(q);
	have = rc == SQLITE_ROW && sqlite3_column_int(q, 0) > 0;
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW)
		return sq_fail(c, err, errsz);
	if (have)
		return 0;
	snprintf(sql, sizeof sql, "ALTER TABLE %s ADD COLUMN %s %s", table, column, type);
	if (sqlite3_exec(c->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sq_fail(c, err, errsz);
	return 0;
}

static int sq_migrate(struct bconn *c, char *err, size_t errsz)
{
	if (sqlite3_exec(c->db, sq_schema, NULL, NULL, NULL) != SQLITE_OK)
		return sq_fail(c, err, errsz);
	for (size_t i = 0; i < sizeof sq_added / sizeof sq_added[0]; i++)
		if (sq_add_column(c, sq_added[i][0], sq_added[i][1], sq_added[i][2], err,
				  errsz) != 0)
			return -1;
	/* one case per number; a database that already has two is left
	 * without the index (push checks the number before every new case) */
	if (sqlite3_exec(c->db, "CREATE UNIQUE INDEX IF NOT EXISTS events_received_number"
			 " ON events (case_number) WHERE type = 'received'", NULL, NULL,
			 NULL) != SQLITE_OK &&
	    (sqlite3_errcode(c->db) & 0xff) != SQLITE_CONSTRAINT)
		return sq_fail(c, err, errsz);
	return 0;
}

static int sq_begin(struct bconn *c, char *err, size_t errsz)
{
	if (sqlite3_exec(c->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return sq_fail(c, err, errsz);
	return 0;
}

static int sq_commit(struct bconn *c, char *err, size_t errsz)
{
	if (sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		sq_fail(c, err, errsz);
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

static void sq_rollback(struct bconn *c)
{
	if (!sqlite3_get_autocommit(c->db))
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
}

int sq_counter_add(struct bconn *c, const char *name, long long delta,
		   long long *value, char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO counters (name, v) VALUES (?1, ?2) ON CONFLICT (name)"
		" DO UPDATE SET v = v + excluded.v RETURNING v";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);

	if (!q)
		return -1;
	sq_text(q, 1, name);
	sqlite3_bind_int64(q, 2, delta);
	if (sqlite3_step(q) != SQLITE_ROW) {
		sqlite3_reset(q);
		return sq_fail(c, err, errsz);
	}
	*value = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	return 0;
}

static int sq_counter_get(struct bconn *c, const char *name, long long *value,
			  char *err, size_t errsz)
{
	static const char sql[] = "SELECT v FROM counters WHERE name = ?1";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	int rc;

	if (!q)
		return -1;
	sq_text(q, 1, name);
	rc = sqlite3_step(q);
	*value = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail(c, err, errsz);
	return 0;
}

/* Grows *v (of element size sz) to hold one more; -1 when out of memory. */
int sq_grow(void **v, size_t *cap, size_t len, size_t sz)
{
	void *nv;
	size_t ncap;

	if (len < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 8;
	nv = realloc(*v, ncap * sz);
	if (!nv)
		return -1;
	memset((char *)nv + *cap * sz, 0, (ncap - *cap) * sz);
	*v = nv;
	*cap = ncap;
	return 0;
}

const struct backend_ops backend_sqlite = {
	.name = "sqlite",
	.connect = sq_connect,
	.disconnect = sq_disconnect,
	.migrate = sq_migrate,
	.ping = sq_ping,
	.lost = sq_lost,
	.reconnect = sq_reconnect,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.counter_add = sq_counter_add,
	.counter_get = sq_counter_get,
	.event_find = sq_event_find,
	.case_events = sq_case_events,
	.event_append = sq_event_append,
	.conflict_add = sq_conflict_add,
	.conflict_count = sq_conflict_count,
	.events_after = sq_events_after,
	.events_find_many = sq_events_find_many,
	.cases_events = sq_cases_events,
	.received_by_numbers = sq_received_by_numbers,
	.events_append = sq_events_append,
	.batch_find = sq_batch_find,
	.batch_save = sq_batch_save,
	.terminal_add = sq_terminal_add,
	.terminal_by_token = sq_terminal_by_token,
	.terminal_bind = sq_terminal_bind,
	.user_add = sq_user_add,
	.users_list = sq_users_list,
	.catalog_add = sq_catalog_add,
	.catalog_current = sq_catalog_current,
	.calendar_put = sq_calendar_put,
	.calendars_list = sq_calendars_list,
	.setting_put = sq_setting_put,
	.settings_list = sq_settings_list,
	.application_find = sq_application_find,
	.application_add = sq_application_add,
	.case_events_by_number = sq_case_events_by_number,
	.conflicts_list = sq_conflicts_list,
	.conflict_resolve = sq_conflict_resolve,
	.terminals_list = sq_terminals_list,
	.terminal_revoke = sq_terminal_revoke,
	.user_set_active = sq_user_set_active,
	.batches_prune = sq_batches_prune,
};
