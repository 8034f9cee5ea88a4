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

#include <libpq-fe.h>

#include "yichuang/util.h"
#include "../server.h"

#define PG_CACHE 48

struct bconn {
	PGconn *pg;
	const char *prepared[PG_CACHE];	/* SQL texts prepared as "s<index>" */
};

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
	/* one case per number; a database that already has two is left
	 * without the index (push checks the number before every new case) */
	"DO $$ BEGIN CREATE UNIQUE INDEX IF NOT EXISTS events_received_number"
	" ON events (case_number) WHERE type = 'received';"
	" EXCEPTION WHEN unique_violation THEN NULL; END $$;"
	"INSERT INTO counters VALUES ('seq', 0), ('ref', 1) ON CONFLICT DO NOTHING;";

static int pg_fail(struct bconn *c, char *err, size_t errsz)
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
static PGresult *pg_run(struct bconn *c, const char *sql, int n, const char *const *params,
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
static char *pg_col(PGresult *r, int row, int col, int *oom)
{
	char *d;

	if (PQgetisnull(r, row, col))
		return NULL;
	d = yc_strdup(PQgetvalue(r, row, col));
	if (!d)
		*oom = 1;
	return d;
}

static int pg_simple(struct bconn *c, const char *sql, char *err, size_t errsz)
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

static struct bconn *pg_connect(const char *where, char *err, size_t errsz)
{
	struct bconn *c = calloc(1, sizeof *c);

	if (!c) {
		yc_seterr(err, errsz, "%s", _("内存不足"));
		return NULL;
	}
	c->pg = PQconnectdb(where);
	if (!c->pg || PQstatus(c->pg) != CONNECTION_OK) {
		char msg[300];

		snprintf(msg, sizeof msg, "%s", c->pg ? PQerrorMessage(c->pg) : _("内存不足"));
		msg[strcspn(msg, "\n")] = '\0';
		char place[300];

		pg_where(where, place, sizeof place);
		yc_seterr(err, errsz, _("无法连接 PostgreSQL（%s）：%s"), place, msg);
		PQfinish(c->pg);
		free(c);
		return NULL;
	}
	if (pg_simple(c, "SET client_min_messages = warning; SET client_encoding = 'UTF8'",
		      err, errsz) != 0) {
		PQfinish(c->pg);
		free(c);
		return NULL;
	}
	return c;
}

static void pg_disconnect(struct bconn *c)
{
	if (!c)
		return;
	PQfinish(c->pg);
	free(c);
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

static int pg_counter_add(struct bconn *c, const char *name, long long delta,
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

#define PG_EVENT_COLS "id, case_id, case_number, type, at, actor, body, terminal, seq"

/* Row `row` of r into *ev; -1 when out of memory. */
static int pg_event_row(PGresult *r, int row, struct codec_event *ev)
{
	int oom = 0, t;

	memset(ev, 0, sizeof *ev);
	snprintf(ev->id, sizeof ev->id, "%s", PQgetvalue(r, row, 0));
	snprintf(ev->case_id, sizeof ev->case_id, "%s", PQgetvalue(r, row, 1));
	ev->case_number = pg_col(r, row, 2, &oom);
	t = casefsm_event_from_name(PQgetvalue(r, row, 3));
	ev->type = t < 0 ? CASE_EV_NOTIFIED : (enum case_event_type)t;
	ev->at = pg_col(r, row, 4, &oom);
	ev->actor = pg_col(r, row, 5, &oom);
	ev->body = pg_col(r, row, 6, &oom);
	ev->terminal = pg_col(r, row, 7, &oom);
	ev->seq = strtoll(PQgetvalue(r, row, 8), NULL, 10);
	return oom ? -1 : 0;
}

/* Every row of r as events (r is cleared). */
static int pg_event_rows(PGresult *r, struct codec_event **out, size_t *n,
			 char *err, size_t errsz)
{
	int rows = PQntuples(r);
	struct codec_event *v = calloc(rows ? (size_t)rows : 1, sizeof *v);

	*out = NULL;
	*n = 0;
	if (!v) {
		PQclear(r);
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	}
	for (int i = 0; i < rows; i++) {
		if (pg_event_row(r, i, &v[i]) != 0) {
			codec_events_free(v, (size_t)i + 1);
			PQclear(r);
			return yc_seterr(err, errsz, "%s", _("内存不足"));
		}
	}
	PQclear(r);
	*out = v;
	*n = (size_t)rows;
	return 0;
}

static int pg_event_find(struct bconn *c, const char *id, struct codec_event *out,
			 char *err, size_t errsz)
{
	static const char sql[] = "SELECT " PG_EVENT_COLS " FROM events WHERE id = $1";
	const char *p[1] = { id };
	PGresult *r = pg_run(c, sql, 1, p, err, errsz);
	int rc;

	if (!r)
		return -1;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return 0;
	}
	rc = pg_event_row(r, 0, out);
	PQclear(r);
	if (rc != 0) {
		codec_event_clear(out);
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	}
	return 1;
}

static int pg_case_events(struct bconn *c, const char *case_id, struct codec_event **out,
			  size_t *n, char *err, size_t errsz)
{
	static const char sql[] = "SELECT " PG_EVENT_COLS " FROM events WHERE case_id = $1"
				  " ORDER BY seq";
	const char *p[1] = { case_id };
	PGresult *r = pg_run(c, sql, 1, p, err, errsz);

	if (!r)
		return -1;
	return pg_event_rows(r, out, n, err, errsz);
}

static int pg_events_after(struct bconn *c, long long after, int limit,
			   struct codec_event **out, size_t *n, char *err, size_t errsz)
{
	static const char sql[] = "SELECT " PG_EVENT_COLS " FROM events WHERE seq > $1::bigint"
				  " ORDER BY seq LIMIT $2::integer";
	char a[24], l[16];
	const char *p[2] = { a, l };
	PGresult *r;

	snprintf(a, sizeof a, "%lld", after);
	snprintf(l, sizeof l, "%d", limit);
	r = pg_run(c, sql, 2, p, err, errsz);
	if (!r)
		return -1;
	return pg_event_rows(r, out, n, err, errsz);
}

static int pg_event_append(struct bconn *c, struct codec_event *ev, const char *sender,
			   char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO events (seq, id, case_id, case_number, type, at, actor, body,"
		" terminal, stored_at) VALUES ($1::bigint, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
	long long seq;
	char s[24], now[40];
	const char *p[10];
	PGresult *r;

	if (pg_counter_add(c, "seq", 1, &seq, err, errsz) != 0)
		return -1;
	snprintf(s, sizeof s, "%lld", seq);
	srv_now_text(now, sizeof now);
	p[0] = s;
	p[1] = ev->id;
	p[2] = ev->case_id;
	p[3] = ev->case_number;
	p[4] = casefsm_event_name(ev->type);
	p[5] = ev->at;
	p[6] = ev->actor;
	p[7] = ev->body;
	p[8] = sender;
	p[9] = now;
	r = pg_run(c, sql, 10, p, err, errsz);
	if (!r)
		return -1;
	PQclear(r);
	ev->seq = seq;
	return 0;
}

static int pg_conflict_add(struct bconn *c, const struct codec_event *ev,
			   const char *sender, const char *state, const char *reason,
			   char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO conflicts (id, case_id, case_number, type, at, actor, body,"
		" terminal, state, reason, stored_at)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
	char now[40];
	const char *p[11];
	PGresult *r;

	srv_now_text(now, sizeof now);
	p[0] = ev->id;
	p[1] = ev->case_id;
	p[2] = ev->case_number;
	p[3] = casefsm_event_name(ev->type);
	p[4] = ev->at;
	p[5] = ev->actor;
	p[6] = ev->body;
	p[7] = sender;
	p[8] = state;
	p[9] = reason;
	p[10] = now;
	r = pg_run(c, sql, 11, p, err, errsz);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

static int pg_conflict_count(struct bconn *c, long long *n, char *err, size_t errsz)
{
	static const char sql[] = "SELECT count(*) FROM conflicts";
	PGresult *r = pg_run(c, sql, 0, NULL, err, errsz);

	if (!r)
		return -1;
	*n = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return 0;
}

static int pg_batch_find(struct bconn *c, const char *key, char **hash, char **response,
			 char *err, size_t errsz)
{
	static const char sql[] = "SELECT hash, response FROM batches WHERE key = $1";
	const char *p[1] = { key };
	PGresult *r = pg_run(c, sql, 1, p, err, errsz);
	int oom = 0;

	if (!r)
		return -1;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return 0;
	}
	*hash = pg_col(r, 0, 0, &oom);
	*response = pg_col(r, 0, 1, &oom);
	PQclear(r);
	if (oom) {
		free(*hash);
		free(*response);
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	}
	return 1;
}

static int pg_batch_save(struct bconn *c, const char *key, const char *hash,
			 const char *response, const char *sender, char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO batches (key, hash, response, terminal, stored_at)"
		" VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO UPDATE SET"
		" hash = excluded.hash, response = excluded.response,"
		" terminal = excluded.terminal, stored_at = excluded.stored_at";
	char now[40];
	const char *p[5] = { key, hash, response, sender, now };
	PGresult *r;

	srv_now_text(now, sizeof now);
	r = pg_run(c, sql, 5, p, err, errsz);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

static int pg_terminal_add(struct bconn *c, const char *site, const char *name,
			   const char *token_hash, struct codec_terminal *out,
			   char *err, size_t errsz)
{
	static const char next_sql[] =
		"SELECT coalesce(max(number), 0) + 1 FROM terminals WHERE site = $1 AND number < 99";
	static const char ins_sql[] =
		"INSERT INTO terminals (id, site, number, name, token_hash, created)"
		" VALUES ($1, $2, $3::integer, $4, $5, $6)";
	const char *p1[1] = { site };
	char num[16], now[40];
	const char *p2[6] = { out->terminal_id, site, num, name, token_hash, now };
	PGresult *r = pg_run(c, next_sql, 1, p1, err, errsz);
	int n;

	if (!r)
		return -1;
	n = atoi(PQgetvalue(r, 0, 0));
	PQclear(r);
	if (n > 98)
		return yc_seterr(err, errsz, _("站点 %s 的终端号 1～98 已用完"), site);
	snprintf(num, sizeof num, "%d", n);
	srv_now_text(now, sizeof now);
	r = pg_run(c, ins_sql, 6, p2, err, errsz);
	if (!r)
		return -1;
	PQclear(r);
	snprintf(out->site, sizeof out->site, "%s", site);
	snprintf(out->name, sizeof out->name, "%s", name);
	out->terminal = n;
	return 0;
}

static int pg_terminal_by_token(struct bconn *c, const char *token_hash,
				struct codec_terminal *out, char *err, size_t errsz)
{
	static const char sql[] =
		"SELECT id, site, number, name FROM terminals WHERE token_hash = $1"
		" AND revoked_at IS NULL";
	const char *p[1] = { token_hash };
	PGresult *r = pg_run(c, sql, 1, p, err, errsz);

	if (!r)
		return -1;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return 0;
	}
	memset(out, 0, sizeof *out);
	snprintf(out->terminal_id, sizeof out->terminal_id, "%s", PQgetvalue(r, 0, 0));
	snprintf(out->site, sizeof out->site, "%s", PQgetvalue(r, 0, 1));
	out->terminal = atoi(PQgetvalue(r, 0, 2));
	snprintf(out->name, sizeof out->name, "%s", PQgetvalue(r, 0, 3));
	PQclear(r);
	return 1;
}

static int pg_user_add(struct bconn *c, const struct codec_user *u, char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO users (name, role, department, pw_hash, active)"
		" VALUES ($1, $2, $3, $4, $5::integer) ON CONFLICT (name) DO NOTHING";
	const char *p[5] = { u->name, u->role, u->department, u->pw_hash,
			     u->active ? "1" : "0" };
	PGresult *r = pg_run(c, sql, 5, p, err, errsz);
	int added;

	if (!r)
		return -1;
	added = strcmp(PQcmdTuples(r), "1") == 0;
	PQclear(r);
	return added;
}

static int pg_users_list(struct bconn *c, struct codec_user **out, size_t *n,
			 char *err, size_t errsz)
{
	static const char sql[] =
		"SELECT name, role, department, pw_hash, active FROM users ORDER BY name";
	PGresult *r = pg_run(c, sql, 0, NULL, err, errsz);
	struct codec_user *v;
	int rows, oom = 0;

	if (!r)
		return -1;
	rows = PQntuples(r);
	v = calloc(rows ? (size_t)rows : 1, sizeof *v);
	for (int i = 0; v && i < rows; i++) {
		v[i].name = pg_col(r, i, 0, &oom);
		v[i].role = pg_col(r, i, 1, &oom);
		v[i].department = pg_col(r, i, 2, &oom);
		v[i].pw_hash = pg_col(r, i, 3, &oom);
		v[i].active = atoi(PQgetvalue(r, i, 4));
	}
	PQclear(r);
	*out = v;
	*n = v ? (size_t)rows : 0;
	return !v || oom ? yc_seterr(err, errsz, "%s", _("内存不足")) : 0;
}

static int pg_catalog_add(struct bconn *c, const struct codec_file *files, size_t n,
			  long long ref_version, int *catalog_version, char *err, size_t errsz)
{
	static const char ver_sql[] =
		"INSERT INTO catalog_versions (version, ref_version, created)"
		" SELECT coalesce(max(version), 0) + 1, $1::bigint, $2 FROM catalog_versions"
		" RETURNING version";
	static const char file_sql[] =
		"INSERT INTO catalog_files (version, name, text) VALUES ($1::integer, $2, $3)";
	char rv[24], now[40], ver[16];
	const char *p1[2] = { rv, now };
	PGresult *r;

	snprintf(rv, sizeof rv, "%lld", ref_version);
	srv_now_text(now, sizeof now);
	r = pg_run(c, ver_sql, 2, p1, err, errsz);
	if (!r)
		return -1;
	*catalog_version = atoi(PQgetvalue(r, 0, 0));
	PQclear(r);
	snprintf(ver, sizeof ver, "%d", *catalog_version);
	for (size_t i = 0; i < n; i++) {
		const char *p2[3] = { ver, files[i].name, files[i].text };

		r = pg_run(c, file_sql, 3, p2, err, errsz);
		if (!r)
			return -1;
		PQclear(r);
	}
	return 0;
}

static int pg_catalog_current(struct bconn *c, int *version, long long *ref_version,
			      struct codec_file **files, size_t *n, char *err, size_t errsz)
{
	static const char ver_sql[] =
		"SELECT version, ref_version FROM catalog_versions ORDER BY version DESC LIMIT 1";
	static const char file_sql[] =
		"SELECT name, text FROM catalog_files WHERE version = $1::integer ORDER BY name";
	char ver[16];
	const char *p[1] = { ver };
	PGresult *r = pg_run(c, ver_sql, 0, NULL, err, errsz);
	struct codec_file *v;
	int rows, oom = 0;

	if (!r)
		return -1;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return 0;
	}
	*version = atoi(PQgetvalue(r, 0, 0));
	*ref_version = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
	PQclear(r);
	if (!files)
		return 1;
	snprintf(ver, sizeof ver, "%d", *version);
	r = pg_run(c, file_sql, 1, p, err, errsz);
	if (!r)
		return -1;
	rows = PQntuples(r);
	v = calloc(rows ? (size_t)rows : 1, sizeof *v);
	for (int i = 0; v && i < rows; i++) {
		v[i].name = pg_col(r, i, 0, &oom);
		v[i].text = pg_col(r, i, 1, &oom);
	}
	PQclear(r);
	*files = v;
	*n = v ? (size_t)rows : 0;
	return !v || oom ? yc_seterr(err, errsz, "%s", _("内存不足")) : 1;
}

static int pg_calendar_put(struct bconn *c, int year, const char *text, char *err,
			   size_t errsz)
{
	static const char sql[] =
		"INSERT INTO calendars (year, text) VALUES ($1::integer, $2)"
		" ON CONFLICT (year) DO UPDATE SET text = excluded.text";
	char y[16];
	const char *p[2] = { y, text };
	PGresult *r;

	snprintf(y, sizeof y, "%d", year);
	r = pg_run(c, sql, 2, p, err, errsz);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

static int pg_calendars_list(struct bconn *c, struct codec_calendar **out, size_t *n,
			     char *err, size_t errsz)
{
	static const char sql[] = "SELECT year, text FROM calendars ORDER BY year";
	PGresult *r = pg_run(c, sql, 0, NULL, err, errsz);
	struct codec_calendar *v;
	int rows, oom = 0;

	if (!r)
		return -1;
	rows = PQntuples(r);
	v = calloc(rows ? (size_t)rows : 1, sizeof *v);
	for (int i = 0; v && i < rows; i++) {
		v[i].year = atoi(PQgetvalue(r, i, 0));
		v[i].text = pg_col(r, i, 1, &oom);
	}
	PQclear(r);
	*out = v;
	*n = v ? (size_t)rows : 0;
	return !v || oom ? yc_seterr(err, errsz, "%s", _("内存不足")) : 0;
}

static int pg_setting_put(struct bconn *c, const char *key, const char *value,
			  char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO settings (key, value) VALUES ($1, $2)"
		" ON CONFLICT (key) DO UPDATE SET value = excluded.value";
	const char *p[2] = { key, value };
	PGresult *r = pg_run(c, sql, 2, p, err, errsz);

	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

static int pg_settings_list(struct bconn *c, struct codec_setting **out, size_t *n,
			    char *err, size_t errsz)
{
	static const char sql[] = "SELECT key, value FROM settings ORDER BY key";
	PGresult *r = pg_run(c, sql, 0, NULL, err, errsz);
	struct codec_setting *v;
	int rows, oom = 0;

	if (!r)
		return -1;
	rows = PQntuples(r);
	v = calloc(rows ? (size_t)rows : 1, sizeof *v);
	for (int i = 0; v && i < rows; i++) {
		v[i].key = pg_col(r, i, 0, &oom);
		v[i].value = pg_col(r, i, 1, &oom);
	}
	PQclear(r);
	*out = v;
	*n = v ? (size_t)rows : 0;
	return !v || oom ? yc_seterr(err, errsz, "%s", _("内存不足")) : 0;
}

static int pg_application_find(struct bconn *c, const char *id, char **number,
			       char *err, size_t errsz)
{
	static const char sql[] = "SELECT number FROM applications WHERE id = $1";
	const char *p[1] = { id };
	PGresult *r = pg_run(c, sql, 1, p, err, errsz);
	int oom = 0;

	if (!r)
		return -1;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return 0;
	}
	*number = pg_col(r, 0, 0, &oom);
	PQclear(r);
	return oom ? yc_seterr(err, errsz, "%s", _("内存不足")) : 1;
}

static int pg_application_add(struct bconn *c, const char *id, const char *number,
			      const char *case_id, char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO applications (id, number, case_id, created) VALUES ($1, $2, $3, $4)";
	char now[40];
	const char *p[4] = { id, number, case_id, now };
	PGresult *r;

	srv_now_text(now, sizeof now);
	r = pg_run(c, sql, 4, p, err, errsz);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

static int pg_case_events_by_number(struct bconn *c, const char *number,
				    struct codec_event **out, size_t *n, char *err, size_t errsz)
{
	static const char sql[] = "SELECT " PG_EVENT_COLS " FROM events WHERE case_number = $1"
				  " ORDER BY seq";
	const char *p[1] = { number };
	PGresult *r = pg_run(c, sql, 1, p, err, errsz);

	if (!r)
		return -1;
	return pg_event_rows(r, out, n, err, errsz);
}

static int pg_conflicts_list(struct bconn *c, int all, struct srv_conflict **out,
			     size_t *n, char *err, size_t errsz)
{
	static const char sql[] =
		"SELECT id, case_id, case_number, type, at, actor, body, terminal, n,"
		" state, reason, stored_at, resolved_at, note"
		" FROM conflicts WHERE $1::boolean OR resolved_at IS NULL ORDER BY n";
	const char *p[1] = { all ? "true" : "false" };
	PGresult *r = pg_run(c, sql, 1, p, err, errsz);
	struct srv_conflict *v;
	int rows, oom = 0;

	*out = NULL;
	*n = 0;
	if (!r)
		return -1;
	rows = PQntuples(r);
	v = calloc(rows ? (size_t)rows : 1, sizeof *v);
	for (int i = 0; v && i < rows; i++) {
		/* the event's columns, with the conflict's n in place of seq */
		if (pg_event_row(r, i, &v[i].ev) != 0)
			oom = 1;
		v[i].n = v[i].ev.seq;
		v[i].ev.seq = 0;
		v[i].state = pg_col(r, i, 9, &oom);
		v[i].reason = pg_col(r, i, 10, &oom);
		v[i].stored_at = pg_col(r, i, 11, &oom);
		v[i].resolved_at = pg_col(r, i, 12, &oom);
		v[i].note = pg_col(r, i, 13, &oom);
	}
	PQclear(r);
	if (!v || oom) {
		srv_conflicts_free(v, v ? (size_t)rows : 0);
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	}
	*out = v;
	*n = (size_t)rows;
	return 0;
}

static int pg_conflict_resolve(struct bconn *c, long long n, const char *note,
			       char *err, size_t errsz)
{
	static const char upd_sql[] =
		"UPDATE conflicts SET resolved_at = $2, note = $3"
		" WHERE n = $1::bigint AND resolved_at IS NULL";
	static const char get_sql[] = "SELECT count(*) FROM conflicts WHERE n = $1::bigint";
	char num[24], now[40];
	const char *p[3] = { num, now, note };
	PGresult *r;
	int rc;

	snprintf(num, sizeof num, "%lld", n);
	srv_now_text(now, sizeof now);
	r = pg_run(c, upd_sql, 3, p, err, errsz);
	if (!r)
		return -1;
	rc = strcmp(PQcmdTuples(r), "1") == 0;
	PQclear(r);
	if (rc)
		return 1;
	r = pg_run(c, get_sql, 1, p, err, errsz);
	if (!r)
		return -1;
	rc = atoi(PQgetvalue(r, 0, 0)) > 0 ? 2 : 0;
	PQclear(r);
	return rc;
}

static int pg_terminals_list(struct bconn *c, struct srv_terminal **out, size_t *n,
			     char *err, size_t errsz)
{
	static const char sql[] =
		"SELECT id, site, number, name, created, coalesce(revoked_at, '')"
		" FROM terminals ORDER BY site, number";
	PGresult *r = pg_run(c, sql, 0, NULL, err, errsz);
	struct srv_terminal *v;
	int rows;

	*out = NULL;
	*n = 0;
	if (!r)
		return -1;
	rows = PQntuples(r);
	v = calloc(rows ? (size_t)rows : 1, sizeof *v);
	if (!v) {
		PQclear(r);
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	}
	for (int i = 0; i < rows; i++) {
		struct srv_terminal *t = &v[i];

		snprintf(t->t.terminal_id, sizeof t->t.terminal_id, "%s", PQgetvalue(r, i, 0));
		snprintf(t->t.site, sizeof t->t.site, "%s", PQgetvalue(r, i, 1));
		t->t.terminal = atoi(PQgetvalue(r, i, 2));
		snprintf(t->t.name, sizeof t->t.name, "%s", PQgetvalue(r, i, 3));
		snprintf(t->created, sizeof t->created, "%s", PQgetvalue(r, i, 4));
		snprintf(t->revoked_at, sizeof t->revoked_at, "%s", PQgetvalue(r, i, 5));
	}
	PQclear(r);
	*out = v;
	*n = (size_t)rows;
	return 0;
}

static int pg_terminal_revoke(struct bconn *c, const char *terminal_id, char *err,
			      size_t errsz)
{
	static const char sql[] =
		"UPDATE terminals SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";
	char now[40];
	const char *p[2] = { terminal_id, now };
	PGresult *r;
	int done;

	srv_now_text(now, sizeof now);
	r = pg_run(c, sql, 2, p, err, errsz);
	if (!r)
		return -1;
	done = strcmp(PQcmdTuples(r), "1") == 0;
	PQclear(r);
	return done;
}

static int pg_user_set_active(struct bconn *c, const char *name, int active, char *err,
			      size_t errsz)
{
	static const char sql[] =
		"UPDATE users SET active = $2::integer WHERE name = $1 AND active <> $2::integer";
	const char *p[2] = { name, active ? "1" : "0" };
	PGresult *r = pg_run(c, sql, 2, p, err, errsz);
	int done;

	if (!r)
		return -1;
	done = strcmp(PQcmdTuples(r), "1") == 0;
	PQclear(r);
	return done;
}

static int pg_batches_prune(struct bconn *c, const char *before, long long *deleted,
			    char *err, size_t errsz)
{
	static const char sql[] = "DELETE FROM batches WHERE stored_at < $1";
	const char *p[1] = { before };
	PGresult *r = pg_run(c, sql, 1, p, err, errsz);

	if (!r)
		return -1;
	*deleted = strtoll(PQcmdTuples(r), NULL, 10);
	PQclear(r);
	return 0;
}

const struct backend_ops backend_pg = {
	.name = "postgresql",
	.connect = pg_connect,
	.disconnect = pg_disconnect,
	.migrate = pg_migrate,
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
	.batch_find = pg_batch_find,
	.batch_save = pg_batch_save,
	.terminal_add = pg_terminal_add,
	.terminal_by_token = pg_terminal_by_token,
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
