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

#include <sqlite3.h>

#include "yichuang/util.h"
#include "../server.h"

#define SQ_CACHE 48

struct bconn {
	sqlite3 *db;
	const char *sql[SQ_CACHE];
	sqlite3_stmt *stmt[SQ_CACHE];
};

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
};

static int sq_fail(struct bconn *c, char *err, size_t errsz)
{
	return yc_seterr(err, errsz, _("中心数据库（SQLite）出错：%s"), sqlite3_errmsg(c->db));
}

/* The cached statement of sql (by pointer: callers pass literals), reset. */
static sqlite3_stmt *sq_prep(struct bconn *c, const char *sql, char *err, size_t errsz)
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

static void sq_text(sqlite3_stmt *q, int idx, const char *s)
{
	if (s)
		sqlite3_bind_text(q, idx, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(q, idx);
}

/* Runs a statement that returns no rows. */
static int sq_done(struct bconn *c, sqlite3_stmt *q, char *err, size_t errsz)
{
	int rc = sqlite3_step(q);

	sqlite3_reset(q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return sq_fail(c, err, errsz);
	return 0;
}

/* A copy of a text column (NULL stays NULL); *oom set on failure. */
static char *sq_col(sqlite3_stmt *q, int col, int *oom)
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

static int sq_counter_add(struct bconn *c, const char *name, long long delta,
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

/* Columns: id case_id case_number type at actor body terminal seq */
#define SQ_EVENT_COLS "id, case_id, case_number, type, at, actor, body, terminal, seq"

static int sq_event_row(sqlite3_stmt *q, struct codec_event *ev)
{
	int oom = 0, t;
	const char *s;

	memset(ev, 0, sizeof *ev);
	s = (const char *)sqlite3_column_text(q, 0);
	snprintf(ev->id, sizeof ev->id, "%s", s ? s : "");
	s = (const char *)sqlite3_column_text(q, 1);
	snprintf(ev->case_id, sizeof ev->case_id, "%s", s ? s : "");
	ev->case_number = sq_col(q, 2, &oom);
	s = (const char *)sqlite3_column_text(q, 3);
	t = s ? casefsm_event_from_name(s) : -1;
	ev->type = t < 0 ? CASE_EV_NOTIFIED : (enum case_event_type)t;
	ev->at = sq_col(q, 4, &oom);
	ev->actor = sq_col(q, 5, &oom);
	ev->body = sq_col(q, 6, &oom);
	ev->terminal = sq_col(q, 7, &oom);
	ev->seq = sqlite3_column_int64(q, 8);
	return oom ? -1 : 0;
}

/* Collects the rows of q into an allocated array. */
static int sq_event_rows(struct bconn *c, sqlite3_stmt *q, struct codec_event **out,
			 size_t *n, char *err, size_t errsz)
{
	struct codec_event *v = NULL;
	size_t cap = 0, len = 0;
	int rc;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (len == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct codec_event *nv = realloc(v, ncap * sizeof *nv);

			if (!nv)
				break;
			v = nv;
			cap = ncap;
		}
		if (sq_event_row(q, &v[len]) != 0) {
			len++;
			break;
		}
		len++;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		codec_events_free(v, len);
		return rc == SQLITE_ROW ? yc_seterr(err, errsz, "%s", _("内存不足"))
					: sq_fail(c, err, errsz);
	}
	*out = v;
	*n = len;
	return 0;
}

static int sq_event_find(struct bconn *c, const char *id, struct codec_event *out,
			 char *err, size_t errsz)
{
	static const char sql[] = "SELECT " SQ_EVENT_COLS " FROM events WHERE id = ?1";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	int rc;

	if (!q)
		return -1;
	sq_text(q, 1, id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		rc = sq_event_row(q, out);
		sqlite3_reset(q);
		if (rc != 0) {
			codec_event_clear(out);
			return yc_seterr(err, errsz, "%s", _("内存不足"));
		}
		return 1;
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : sq_fail(c, err, errsz);
}

static int sq_case_events(struct bconn *c, const char *case_id, struct codec_event **out,
			  size_t *n, char *err, size_t errsz)
{
	static const char sql[] = "SELECT " SQ_EVENT_COLS " FROM events WHERE case_id = ?1"
				  " ORDER BY seq";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);

	if (!q)
		return -1;
	sq_text(q, 1, case_id);
	return sq_event_rows(c, q, out, n, err, errsz);
}

static int sq_events_after(struct bconn *c, long long after, int limit,
			   struct codec_event **out, size_t *n, char *err, size_t errsz)
{
	static const char sql[] = "SELECT " SQ_EVENT_COLS " FROM events WHERE seq > ?1"
				  " ORDER BY seq LIMIT ?2";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, after);
	sqlite3_bind_int(q, 2, limit);
	return sq_event_rows(c, q, out, n, err, errsz);
}

static int sq_event_append(struct bconn *c, struct codec_event *ev, const char *sender,
			   char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO events (seq, id, case_id, case_number, type, at, actor, body,"
		" terminal, stored_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	sqlite3_stmt *q;
	long long seq;
	char now[40];

	if (sq_counter_add(c, "seq", 1, &seq, err, errsz) != 0)
		return -1;
	q = sq_prep(c, sql, err, errsz);
	if (!q)
		return -1;
	srv_now_text(now, sizeof now);
	sqlite3_bind_int64(q, 1, seq);
	sq_text(q, 2, ev->id);
	sq_text(q, 3, ev->case_id);
	sq_text(q, 4, ev->case_number);
	sq_text(q, 5, casefsm_event_name(ev->type));
	sq_text(q, 6, ev->at);
	sq_text(q, 7, ev->actor);
	sq_text(q, 8, ev->body);
	sq_text(q, 9, sender);
	sq_text(q, 10, now);
	if (sq_done(c, q, err, errsz) != 0)
		return -1;
	ev->seq = seq;
	return 0;
}

static int sq_conflict_add(struct bconn *c, const struct codec_event *ev,
			   const char *sender, const char *state, const char *reason,
			   char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO conflicts (id, case_id, case_number, type, at, actor, body,"
		" terminal, state, reason, stored_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	char now[40];

	if (!q)
		return -1;
	srv_now_text(now, sizeof now);
	sq_text(q, 1, ev->id);
	sq_text(q, 2, ev->case_id);
	sq_text(q, 3, ev->case_number);
	sq_text(q, 4, casefsm_event_name(ev->type));
	sq_text(q, 5, ev->at);
	sq_text(q, 6, ev->actor);
	sq_text(q, 7, ev->body);
	sq_text(q, 8, sender);
	sq_text(q, 9, state);
	sq_text(q, 10, reason);
	sq_text(q, 11, now);
	return sq_done(c, q, err, errsz);
}

static int sq_conflict_count(struct bconn *c, long long *n, char *err, size_t errsz)
{
	static const char sql[] = "SELECT count(*) FROM conflicts";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);

	if (!q)
		return -1;
	if (sqlite3_step(q) != SQLITE_ROW) {
		sqlite3_reset(q);
		return sq_fail(c, err, errsz);
	}
	*n = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	return 0;
}

static int sq_batch_find(struct bconn *c, const char *key, char **hash, char **response,
			 char *err, size_t errsz)
{
	static const char sql[] = "SELECT hash, response FROM batches WHERE key = ?1";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	int rc, oom = 0;

	if (!q)
		return -1;
	sq_text(q, 1, key);
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(q);
		return rc == SQLITE_DONE ? 0 : sq_fail(c, err, errsz);
	}
	*hash = sq_col(q, 0, &oom);
	*response = sq_col(q, 1, &oom);
	sqlite3_reset(q);
	if (oom) {
		free(*hash);
		free(*response);
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	}
	return 1;
}

static int sq_batch_save(struct bconn *c, const char *key, const char *hash,
			 const char *response, const char *sender, char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO batches (key, hash, response, terminal, stored_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (key) DO UPDATE SET"
		" hash = excluded.hash, response = excluded.response,"
		" terminal = excluded.terminal, stored_at = excluded.stored_at";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	char now[40];

	if (!q)
		return -1;
	srv_now_text(now, sizeof now);
	sq_text(q, 1, key);
	sq_text(q, 2, hash);
	sq_text(q, 3, response);
	sq_text(q, 4, sender);
	sq_text(q, 5, now);
	return sq_done(c, q, err, errsz);
}

static int sq_terminal_add(struct bconn *c, const char *site, const char *name,
			   const char *token_hash, struct codec_terminal *out,
			   char *err, size_t errsz)
{
	static const char next_sql[] =
		"SELECT coalesce(max(number), 0) + 1 FROM terminals WHERE site = ?1 AND number < 99";
	static const char ins_sql[] =
		"INSERT INTO terminals (id, site, number, name, token_hash, created)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *q = sq_prep(c, next_sql, err, errsz);
	char now[40];
	int num;

	if (!q)
		return -1;
	sq_text(q, 1, site);
	if (sqlite3_step(q) != SQLITE_ROW) {
		sqlite3_reset(q);
		return sq_fail(c, err, errsz);
	}
	num = sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	if (num > 98)
		return yc_seterr(err, errsz, _("站点 %s 的终端号 1～98 已用完"), site);
	q = sq_prep(c, ins_sql, err, errsz);
	if (!q)
		return -1;
	srv_now_text(now, sizeof now);
	sq_text(q, 1, out->terminal_id);
	sq_text(q, 2, site);
	sqlite3_bind_int(q, 3, num);
	sq_text(q, 4, name);
	sq_text(q, 5, token_hash);
	sq_text(q, 6, now);
	if (sq_done(c, q, err, errsz) != 0)
		return -1;
	snprintf(out->site, sizeof out->site, "%s", site);
	snprintf(out->name, sizeof out->name, "%s", name);
	out->terminal = num;
	return 0;
}

static int sq_terminal_by_token(struct bconn *c, const char *token_hash,
				struct codec_terminal *out, char *err, size_t errsz)
{
	static const char sql[] =
		"SELECT id, site, number, name FROM terminals WHERE token_hash = ?1"
		" AND revoked_at IS NULL";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	int rc;

	if (!q)
		return -1;
	sq_text(q, 1, token_hash);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		snprintf(out->terminal_id, sizeof out->terminal_id, "%s",
			 (const char *)sqlite3_column_text(q, 0));
		snprintf(out->site, sizeof out->site, "%s", (const char *)sqlite3_column_text(q, 1));
		out->terminal = sqlite3_column_int(q, 2);
		snprintf(out->name, sizeof out->name, "%s", (const char *)sqlite3_column_text(q, 3));
		sqlite3_reset(q);
		return 1;
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : sq_fail(c, err, errsz);
}

static int sq_user_add(struct bconn *c, const struct codec_user *u, char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO users (name, role, department, pw_hash, active)"
		" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (name) DO NOTHING";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);

	if (!q)
		return -1;
	sq_text(q, 1, u->name);
	sq_text(q, 2, u->role);
	sq_text(q, 3, u->department);
	sq_text(q, 4, u->pw_hash);
	sqlite3_bind_int(q, 5, u->active);
	if (sq_done(c, q, err, errsz) != 0)
		return -1;
	return sqlite3_changes(c->db) == 1 ? 1 : 0;
}

/* Grows *v (of element size sz) to hold one more; -1 when out of memory. */
static int sq_grow(void **v, size_t *cap, size_t len, size_t sz)
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

static int sq_users_list(struct bconn *c, struct codec_user **out, size_t *n,
			 char *err, size_t errsz)
{
	static const char sql[] =
		"SELECT name, role, department, pw_hash, active FROM users ORDER BY name";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	struct codec_user *v = NULL;
	size_t cap = 0, len = 0;
	int rc, oom = 0;

	if (!q)
		return -1;
	while (!oom && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (sq_grow((void **)&v, &cap, len, sizeof *v) != 0) {
			oom = 1;
			break;
		}
		v[len].name = sq_col(q, 0, &oom);
		v[len].role = sq_col(q, 1, &oom);
		v[len].department = sq_col(q, 2, &oom);
		v[len].pw_hash = sq_col(q, 3, &oom);
		v[len].active = sqlite3_column_int(q, 4);
		len++;
	}
	sqlite3_reset(q);
	*out = v;
	*n = len;
	if (oom)
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	return rc == SQLITE_DONE ? 0 : sq_fail(c, err, errsz);
}

static int sq_catalog_add(struct bconn *c, const struct codec_file *files, size_t n,
			  long long ref_version, int *catalog_version, char *err, size_t errsz)
{
	static const char ver_sql[] =
		"INSERT INTO catalog_versions (version, ref_version, created)"
		" SELECT coalesce(max(version), 0) + 1, ?1, ?2 FROM catalog_versions"
		" RETURNING version";
	static const char file_sql[] =
		"INSERT INTO catalog_files (version, name, text) VALUES (?1, ?2, ?3)";
	sqlite3_stmt *q = sq_prep(c, ver_sql, err, errsz);
	char now[40];
	int v;

	if (!q)
		return -1;
	srv_now_text(now, sizeof now);
	sqlite3_bind_int64(q, 1, ref_version);
	sq_text(q, 2, now);
	if (sqlite3_step(q) != SQLITE_ROW) {
		sqlite3_reset(q);
		return sq_fail(c, err, errsz);
	}
	v = sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	for (size_t i = 0; i < n; i++) {
		q = sq_prep(c, file_sql, err, errsz);
		if (!q)
			return -1;
		sqlite3_bind_int(q, 1, v);
		sq_text(q, 2, files[i].name);
		sq_text(q, 3, files[i].text);
		if (sq_done(c, q, err, errsz) != 0)
			return -1;
	}
	*catalog_version = v;
	return 0;
}

static int sq_catalog_current(struct bconn *c, int *version, long long *ref_version,
			      struct codec_file **files, size_t *n, char *err, size_t errsz)
{
	static const char ver_sql[] =
		"SELECT version, ref_version FROM catalog_versions ORDER BY version DESC LIMIT 1";
	static const char file_sql[] =
		"SELECT name, text FROM catalog_files WHERE version = ?1 ORDER BY name";
	sqlite3_stmt *q = sq_prep(c, ver_sql, err, errsz);
	struct codec_file *v = NULL;
	size_t cap = 0, len = 0;
	int rc, oom = 0;

	if (!q)
		return -1;
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(q);
		return rc == SQLITE_DONE ? 0 : sq_fail(c, err, errsz);
	}
	*version = sqlite3_column_int(q, 0);
	*ref_version = sqlite3_column_int64(q, 1);
	sqlite3_reset(q);
	if (!files)
		return 1;
	q = sq_prep(c, file_sql, err, errsz);
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, *version);
	while (!oom && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (sq_grow((void **)&v, &cap, len, sizeof *v) != 0) {
			oom = 1;
			break;
		}
		v[len].name = sq_col(q, 0, &oom);
		v[len].text = sq_col(q, 1, &oom);
		len++;
	}
	sqlite3_reset(q);
	*files = v;
	*n = len;
	if (oom)
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	return rc == SQLITE_DONE ? 1 : sq_fail(c, err, errsz);
}

static int sq_calendar_put(struct bconn *c, int year, const char *text, char *err,
			   size_t errsz)
{
	static const char sql[] =
		"INSERT INTO calendars (year, text) VALUES (?1, ?2)"
		" ON CONFLICT (year) DO UPDATE SET text = excluded.text";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);

	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, year);
	sq_text(q, 2, text);
	return sq_done(c, q, err, errsz);
}

static int sq_calendars_list(struct bconn *c, struct codec_calendar **out, size_t *n,
			     char *err, size_t errsz)
{
	static const char sql[] = "SELECT year, text FROM calendars ORDER BY year";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	struct codec_calendar *v = NULL;
	size_t cap = 0, len = 0;
	int rc, oom = 0;

	if (!q)
		return -1;
	while (!oom && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (sq_grow((void **)&v, &cap, len, sizeof *v) != 0) {
			oom = 1;
			break;
		}
		v[len].year = sqlite3_column_int(q, 0);
		v[len].text = sq_col(q, 1, &oom);
		len++;
	}
	sqlite3_reset(q);
	*out = v;
	*n = len;
	if (oom)
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	return rc == SQLITE_DONE ? 0 : sq_fail(c, err, errsz);
}

static int sq_setting_put(struct bconn *c, const char *key, const char *value,
			  char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO settings (key, value) VALUES (?1, ?2)"
		" ON CONFLICT (key) DO UPDATE SET value = excluded.value";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);

	if (!q)
		return -1;
	sq_text(q, 1, key);
	sq_text(q, 2, value);
	return sq_done(c, q, err, errsz);
}

static int sq_settings_list(struct bconn *c, struct codec_setting **out, size_t *n,
			    char *err, size_t errsz)
{
	static const char sql[] = "SELECT key, value FROM settings ORDER BY key";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	struct codec_setting *v = NULL;
	size_t cap = 0, len = 0;
	int rc, oom = 0;

	if (!q)
		return -1;
	while (!oom && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (sq_grow((void **)&v, &cap, len, sizeof *v) != 0) {
			oom = 1;
			break;
		}
		v[len].key = sq_col(q, 0, &oom);
		v[len].value = sq_col(q, 1, &oom);
		len++;
	}
	sqlite3_reset(q);
	*out = v;
	*n = len;
	if (oom)
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	return rc == SQLITE_DONE ? 0 : sq_fail(c, err, errsz);
}

static int sq_application_find(struct bconn *c, const char *id, char **number,
			       char *err, size_t errsz)
{
	static const char sql[] = "SELECT number FROM applications WHERE id = ?1";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	int rc, oom = 0;

	if (!q)
		return -1;
	sq_text(q, 1, id);
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(q);
		return rc == SQLITE_DONE ? 0 : sq_fail(c, err, errsz);
	}
	*number = sq_col(q, 0, &oom);
	sqlite3_reset(q);
	return oom ? yc_seterr(err, errsz, "%s", _("内存不足")) : 1;
}

static int sq_application_add(struct bconn *c, const char *id, const char *number,
			      const char *case_id, char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO applications (id, number, case_id, created) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	char now[40];

	if (!q)
		return -1;
	srv_now_text(now, sizeof now);
	sq_text(q, 1, id);
	sq_text(q, 2, number);
	sq_text(q, 3, case_id);
	sq_text(q, 4, now);
	return sq_done(c, q, err, errsz);
}

static int sq_case_events_by_number(struct bconn *c, const char *number,
				    struct codec_event **out, size_t *n, char *err, size_t errsz)
{
	static const char sql[] = "SELECT " SQ_EVENT_COLS " FROM events WHERE case_number = ?1"
				  " ORDER BY seq";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);

	if (!q)
		return -1;
	sq_text(q, 1, number);
	return sq_event_rows(c, q, out, n, err, errsz);
}

static int sq_conflicts_list(struct bconn *c, int all, struct srv_conflict **out,
			     size_t *n, char *err, size_t errsz)
{
	static const char sql[] =
		"SELECT id, case_id, case_number, type, at, actor, body, terminal, n,"
		" state, reason, stored_at, resolved_at, note"
		" FROM conflicts WHERE ?1 OR resolved_at IS NULL ORDER BY n";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	struct srv_conflict *v = NULL;
	size_t cap = 0, len = 0;
	int rc = SQLITE_DONE, oom = 0;

	*out = NULL;
	*n = 0;
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, all != 0);
	while (!oom && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (sq_grow((void **)&v, &cap, len, sizeof *v) != 0) {
			oom = 1;
			break;
		}
		/* the event's columns, with the conflict's n in place of seq */
		oom = sq_event_row(q, &v[len].ev) != 0;
		v[len].n = v[len].ev.seq;
		v[len].ev.seq = 0;
		v[len].state = sq_col(q, 9, &oom);
		v[len].reason = sq_col(q, 10, &oom);
		v[len].stored_at = sq_col(q, 11, &oom);
		v[len].resolved_at = sq_col(q, 12, &oom);
		v[len].note = sq_col(q, 13, &oom);
		len++;
	}
	sqlite3_reset(q);
	if (oom) {
		srv_conflicts_free(v, len);
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	}
	if (rc != SQLITE_DONE) {
		srv_conflicts_free(v, len);
		return sq_fail(c, err, errsz);
	}
	*out = v;
	*n = len;
	return 0;
}

static int sq_conflict_resolve(struct bconn *c, long long n, const char *note,
			       char *err, size_t errsz)
{
	static const char upd_sql[] =
		"UPDATE conflicts SET resolved_at = ?2, note = ?3"
		" WHERE n = ?1 AND resolved_at IS NULL";
	static const char get_sql[] = "SELECT count(*) FROM conflicts WHERE n = ?1";
	sqlite3_stmt *q = sq_prep(c, upd_sql, err, errsz);
	char now[40];
	int rc;

	if (!q)
		return -1;
	srv_now_text(now, sizeof now);
	sqlite3_bind_int64(q, 1, n);
	sq_text(q, 2, now);
	sq_text(q, 3, note);
	if (sq_done(c, q, err, errsz) != 0)
		return -1;
	if (sqlite3_changes(c->db) == 1)
		return 1;
	q = sq_prep(c, get_sql, err, errsz);
	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, n);
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(q);
		return sq_fail(c, err, errsz);
	}
	rc = sqlite3_column_int(q, 0) > 0 ? 2 : 0;
	sqlite3_reset(q);
	return rc;
}

static int sq_terminals_list(struct bconn *c, struct srv_terminal **out, size_t *n,
			     char *err, size_t errsz)
{
	static const char sql[] =
		"SELECT id, site, number, name, created, coalesce(revoked_at, '')"
		" FROM terminals ORDER BY site, number";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	struct srv_terminal *v = NULL;
	size_t cap = 0, len = 0;
	int rc = SQLITE_DONE;

	*out = NULL;
	*n = 0;
	if (!q)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct srv_terminal *t;

		if (sq_grow((void **)&v, &cap, len, sizeof *v) != 0) {
			sqlite3_reset(q);
			free(v);
			return yc_seterr(err, errsz, "%s", _("内存不足"));
		}
		t = &v[len++];
		snprintf(t->t.terminal_id, sizeof t->t.terminal_id, "%s",
			 (const char *)sqlite3_column_text(q, 0));
		snprintf(t->t.site, sizeof t->t.site, "%s", (const char *)sqlite3_column_text(q, 1));
		t->t.terminal = sqlite3_column_int(q, 2);
		snprintf(t->t.name, sizeof t->t.name, "%s", (const char *)sqlite3_column_text(q, 3));
		snprintf(t->created, sizeof t->created, "%s",
			 (const char *)sqlite3_column_text(q, 4));
		snprintf(t->revoked_at, sizeof t->revoked_at, "%s",
			 (const char *)sqlite3_column_text(q, 5));
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		free(v);
		return sq_fail(c, err, errsz);
	}
	*out = v;
	*n = len;
	return 0;
}

static int sq_terminal_revoke(struct bconn *c, const char *terminal_id, char *err,
			      size_t errsz)
{
	static const char sql[] =
		"UPDATE terminals SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	char now[40];

	if (!q)
		return -1;
	srv_now_text(now, sizeof now);
	sq_text(q, 1, terminal_id);
	sq_text(q, 2, now);
	if (sq_done(c, q, err, errsz) != 0)
		return -1;
	return sqlite3_changes(c->db) == 1 ? 1 : 0;
}

static int sq_user_set_active(struct bconn *c, const char *name, int active, char *err,
			      size_t errsz)
{
	static const char sql[] =
		"UPDATE users SET active = ?2 WHERE name = ?1 AND active <> ?2";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);

	if (!q)
		return -1;
	sq_text(q, 1, name);
	sqlite3_bind_int(q, 2, active != 0);
	if (sq_done(c, q, err, errsz) != 0)
		return -1;
	return sqlite3_changes(c->db) == 1 ? 1 : 0;
}

static int sq_batches_prune(struct bconn *c, const char *before, long long *deleted,
			    char *err, size_t errsz)
{
	static const char sql[] = "DELETE FROM batches WHERE stored_at < ?1";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);

	if (!q)
		return -1;
	sq_text(q, 1, before);
	if (sq_done(c, q, err, errsz) != 0)
		return -1;
	*deleted = sqlite3_changes(c->db);
	return 0;
}

const struct backend_ops backend_sqlite = {
	.name = "sqlite",
	.connect = sq_connect,
	.disconnect = sq_disconnect,
	.migrate = sq_migrate,
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
	.batch_find = sq_batch_find,
	.batch_save = sq_batch_save,
	.terminal_add = sq_terminal_add,
	.terminal_by_token = sq_terminal_by_token,
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
