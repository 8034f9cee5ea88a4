/*
 * backend.c — yichuangd's PostgreSQL backend (libpq), for several
 * yichuangd instances behind a load balancer on one database.
 *
 * The schema is created on first start (under an advisory lock, so two
 * instances starting together do not race).  Statements are prepared once
 * per connection by name and run with PQexecPrepared; parameters travel
 * as text.
 *
 * Sequence order is commit order: a transaction that appends events first
 * runs counter_add(c, "seq", 0), an INSERT ... ON CONFLICT DO UPDATE of
 * the "seq" row of counters, which takes that row's lock and holds it to
 * COMMIT.  Writers of events therefore commit one after another, each
 * seeing every event committed before it, and a reader can never see seq
 * N + 1 committed while seq N is still open: a pull's cursor never passes
 * an event that a slower transaction has yet to commit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/util.h"
#include "pg.h"

static const char pg_schema[] =
	"SELECT pg_advisory_xact_lock(5391020001);"
	"CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, v BIGINT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS events (seq BIGINT PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
	" case_id TEXT NOT NULL, case_number TEXT NOT NULL, type TEXT NOT NULL,"
	" at TEXT NOT NULL, actor TEXT NOT NULL, body TEXT NOT NULL, terminal TEXT NOT NULL,"
	" stored_at TEXT NOT NULL);"
	"CREATE INDEX IF NOT EXISTS events_case ON events (case_id, seq);"
	"CREATE TABLE IF NOT EXISTS conflicts (n BIGSERIAL PRIMARY KEY, id TEXT NOT NULL,"
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
	" ref_version BIGINT NOT NULL, created TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS catalog_files (version INTEGER NOT NULL,"
	" name TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (version, name));"
	"CREATE TABLE IF NOT EXISTS calendars (year INTEGER PRIMARY KEY, text TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS applications (id TEXT PRIMARY KEY, number TEXT NOT NULL"
	" UNIQUE, case_id TEXT NOT NULL, created TEXT NOT NULL);"
	"CREATE INDEX IF NOT EXISTS events_number ON events (case_number);"
	"ALTER TABLE conflicts ADD COLUMN IF NOT EXISTS resolved_at TEXT;"
	"ALTER TABLE conflicts ADD COLUMN IF NOT EXISTS note TEXT;"
	"ALTER TABLE terminals ADD COLUMN IF NOT EXISTS revoked_at TEXT;"
	"ALTER TABLE applications ADD COLUMN IF NOT EXISTS hash TEXT;"
	"ALTER TABLE terminals ADD COLUMN IF NOT EXISTS install TEXT;"
	"ALTER TABLE terminals ADD COLUMN IF NOT EXISTS registered_at TEXT;"
	/* one case per number; a database that already has two is left
	 * without the index (push checks the number before every new case) */
	"DO $$ BEGIN CREATE UNIQUE INDEX IF NOT EXISTS events_received_number"
	" ON events (case_number) WHERE type = 'received';"
	" EXCEPTION WHEN unique_violation THEN NULL; END $$;"
	"INSERT INTO counters VALUES ('seq', 0), ('ref', 1) ON CONFLICT DO NOTHING;";

int pg_fail(struct bconn *c, char *err, size_t errsz)
{
	char msg[300];

	snprintf(msg, sizeof msg, "%s", PQerrorMessage(c->pg));
	msg[strcspn(msg, "\n")] = '\0';
	return yc_seterr(err, errsz, _("中心数据库（PostgreSQL）出错：%s"), msg);
}

/*
 * Runs the prepared statement of sql (preparing it on first use on this
 * connection) with n text parameters.  Returns the result when its status
 * is the expected one (tuples for a query, command otherwise), else NULL
 * with a message.
 */
PGresult *pg_run(struct bconn *c, const char *sql, int n, const char *const *params,
		 char *err, size_t errsz)
{
	char name[16];
	PGresult *r;
	int i;

	for (i = 0; i < PG_CACHE && c->prepared[i]; i++)
		if (c->prepared[i] == sql)
			break;
	if (i == PG_CACHE) {
		yc_seterr(err, errsz, "%s", _("中心数据库：语句缓存已满"));
		return NULL;
	}
	snprintf(name, sizeof name, "s%d", i);
	if (!c->prepared[i]) {
		r = PQprepare(c->pg, name, sql, n, NULL);
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			PQclear(r);
			pg_fail(c, err, errsz);
			return NULL;
		}
		PQclear(r);
		c->prepared[i] = sql;
	}
	r = PQexecPrepared(c->pg, name, n, params, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK) {
		PQclear(r);
		pg_fail(c, err, errsz);
		return NULL;
	}
	return r;
}

/* A copy of a cell (NULL for SQL NULL); *oom set on failure. */
char *pg_col(PGresult *r, int row, int col, int *oom)
{
	char *d;

	if (PQgetisnull(r, row, col))
		return NULL;
	d = yc_strdup(PQgetvalue(r, row, col));
	if (!d)
		*oom = 1;
	return d;
}

int pg_simple(struct bconn *c, const char *sql, char *err, size_t errsz)
{
	PGresult *r = PQexec(c->pg, sql);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;

	PQclear(r);
	return ok ? 0 : pg_fail(c, err, errsz);
}

/* Where a connection string points, for messages: only its host, port
 * and dbname (key=value or postgresql:// form), never a password or
 * other secrets.  Writes into buf. */
static void pg_where(const char *where, char *buf, size_t bufsz)
{
	PQconninfoOption *opts = PQconninfoParse(where, NULL);
	const char *host = NULL, *port = NULL, *db = NULL;

	if (!opts) {
		/* PQconninfoParse's own message may quote the string: not shown */
		snprintf(buf, bufsz, "%s", _("连接串无法解析，应为 host=… port=… dbname=… 或 "
					     "postgresql://主机:端口/数据库"));
		utf8_trim_partial(buf);
		return;
	}
	for (PQconninfoOption *o = opts; o->keyword; o++) {
		if (!o->val || !*o->val)
			continue;
		if (strcmp(o->keyword, "host") == 0 || (!host && strcmp(o->keyword, "hostaddr") == 0))
			host = o->val;
		else if (strcmp(o->keyword, "port") == 0)
			port = o->val;
		else if (strcmp(o->keyword, "dbname") == 0)
			db = o->val;
	}
	snprintf(buf, bufsz, "host=%s port=%s dbname=%s", host ? host : _("（默认）"),
		 port ? port : _("（默认）"), db ? db : _("（默认）"));
	utf8_trim_partial(buf);
	PQconninfoFree(opts);
}

static void pg_disconnect(struct bconn *c)
{
	if (!c)
		return;
	PQfinish(c->pg);
	free(c->where);
	free(c);
}

/* The session settings every connection starts with. */
static int pg_session(struct bconn *c, char *err, size_t errsz)
{
	return pg_simple(c, "SET client_min_messages = warning; SET client_encoding = 'UTF8'",
			 err, errsz);
}

/* The reason a connection could not be made, with where it points. */
static void pg_connect_error(struct bconn *c, char *err, size_t errsz)
{
	char msg[300], place[300];

	snprintf(msg, sizeof msg, "%s", c->pg ? PQerrorMessage(c->pg) : _("内存不足"));
	msg[strcspn(msg, "\n")] = '\0';
	pg_where(c->where, place, sizeof place);
	yc_seterr(err, errsz, _("无法连接 PostgreSQL（%s）：%s"), place, msg);
}

static struct bconn *pg_connect(const char *where, char *err, size_t errsz)
{
	/* A connection string's own connect_timeout wins over this one
	 * (keywords before the expanded dbname can be overridden by it). */
	static const char *const keys[] = { "connect_timeout", "dbname", NULL };
	const char *values[] = { "5", where, NULL };
	struct bconn *c = calloc(1, sizeof *c);

	if (!c) {
		yc_seterr(err, errsz, "%s", _("内存不足"));
		return NULL;
	}
	c->where = yc_strdup(where);
	c->pg = c->where ? PQconnectdbParams(keys, values, 1) : NULL;
	if (!c->pg || PQstatus(c->pg) != CONNECTION_OK || pg_session(c, err, errsz) != 0) {
		if (!c->where)
			yc_seterr(err, errsz, "%s", _("内存不足"));
		else if (!c->pg || PQstatus(c->pg) != CONNECTION_OK)
			pg_connect_error(c, err, errsz);
		pg_disconnect(c);
		return NULL;
	}
	return c;
}

static int pg_ping(struct bconn *c, char *err, size_t errsz)
{
	return pg_simple(c, "SELECT 1", err, errsz);
}

static int pg_lost(struct bconn *c)
{
	if (PQstatus(c->pg) != CONNECTION_BAD)
		return 0;
	return c->commit_unknown ? 2 : 1;
}

/* Connects again with the same parameters (PQreset keeps the PGconn, so
 * the pool's pointer stays valid); the statements prepared on the old
 * session are gone with it. */
static int pg_reconnect(struct bconn *c, char *err, size_t errsz)
{
	PQreset(c->pg);
	memset(c->prepared, 0, sizeof c->prepared);
	c->commit_unknown = 0;
	if (PQstatus(c->pg) != CONNECTION_OK) {
		pg_connect_error(c, err, errsz);
		return -1;
	}
	return pg_session(c, err, errsz);
}

static int pg_migrate(struct bconn *c, char *err, size_t errsz)
{
	if (pg_simple(c, "BEGIN", err, errsz) != 0)
		return -1;
	if (pg_simple(c, pg_schema, err, errsz) != 0) {
		pg_simple(c, "ROLLBACK", NULL, 0);
		return -1;
	}
	return pg_simple(c, "COMMIT", err, errsz);
}

static int pg_begin(struct bconn *c, char *err, size_t errsz)
{
	return pg_simple(c, "BEGIN", err, errsz);
}

static int pg_commit(struct bconn *c, char *err, size_t errsz)
{
	PGresult *r = PQexec(c->pg, "COMMIT");
	/* A failed transaction answers COMMIT with ROLLBACK: not a success. */
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK &&
		 strcmp(PQcmdStatus(r), "COMMIT") == 0;

	PQclear(r);
	if (!ok) {
		/* Lost while committing: whether the transaction took effect is
		 * unknown, so the request is not run again (pg_lost says 2). */
		if (PQstatus(c->pg) == CONNECTION_BAD)
			c->commit_unknown = 1;
		yc_seterr(err, errsz, "%s", _("中心数据库（PostgreSQL）未能提交事务"));
		pg_simple(c, "ROLLBACK", NULL, 0);
		return -1;
	}
	return 0;
}

static void pg_rollback(struct bconn *c)
{
	if (PQtransactionStatus(c->pg) != PQTRANS_IDLE)
		pg_simple(c, "ROLLBACK", NULL, 0);
}

int pg_counter_add(struct bconn *c, const char *name, long long delta,
		   long long *value, char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO counters (name, v) VALUES ($1, $2::bigint) ON CONFLICT (name)"
		" DO UPDATE SET v = counters.v + excluded.v RETURNING v";
	char d[24];
	const char *p[2] = { name, d };
	PGresult *r;

	snprintf(d, sizeof d, "%lld", delta);
	r = pg_run(c, sql, 2, p, err, errsz);
	if (!r)
		return -1;
	*value = PQntuples(r) == 1 ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : 0;
	PQclear(r);
	return 0;
}

static int pg_counter_get(struct bconn *c, const char *name, long long *value,
			  char *err, size_t errsz)
{
	static const char sql[] = "SELECT v FROM counters WHERE name = $1";
	const char *p[1] = { name };
	PGresult *r = pg_run(c, sql, 1, p, err, errsz);

	if (!r)
		return -1;
	*value = PQntuples(r) == 1 ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : 0;
	PQclear(r);
	return 0;
}
const struct backend_ops backend_pg = {
	.name = "postgresql",
	.connect = pg_connect,
	.disconnect = pg_disconnect,
	.migrate = pg_migrate,
	.ping = pg_ping,
	.lost = pg_lost,
	.reconnect = pg_reconnect,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.counter_add = pg_counter_add,
	.counter_get = pg_counter_get,
	.event_find = pg_event_find,
	.case_events = pg_case_events,
	.event_append = pg_event_append,
	.conflict_add = pg_conflict_add,
	.conflict_count = pg_conflict_count,
	.events_after = pg_events_after,
	.events_find_many = pg_events_find_many,
	.cases_events = pg_cases_events,
	.received_by_numbers = pg_received_by_numbers,
	.events_append = pg_events_append,
	.batch_find = pg_batch_find,
	.batch_save = pg_batch_save,
	.terminal_add = pg_terminal_add,
	.terminal_by_token = pg_terminal_by_token,
	.terminal_bind = pg_terminal_bind,
	.user_add = pg_user_add,
	.users_list = pg_users_list,
	.catalog_add = pg_catalog_add,
	.catalog_current = pg_catalog_current,
	.calendar_put = pg_calendar_put,
	.calendars_list = pg_calendars_list,
	.setting_put = pg_setting_put,
	.settings_list = pg_settings_list,
	.application_find = pg_application_find,
	.application_add = pg_application_add,
	.case_events_by_number = pg_case_events_by_number,
	.conflicts_list = pg_conflicts_list,
	.conflict_resolve = pg_conflict_resolve,
	.terminals_list = pg_terminals_list,
	.terminal_revoke = pg_terminal_revoke,
	.user_set_active = pg_user_set_active,
	.batches_prune = pg_batches_prune,
};
