/*
 * events.c — the SQLite backend's events: lookups by id, case and number,
 * pages by server sequence, appends inside the writer's BEGIN IMMEDIATE,
 * conflicts kept by push, push batches under their idempotency keys, and
 * online applications.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/util.h"
#include "sq.h"

int sq_event_row(sqlite3_stmt *q, struct codec_event *ev)
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
int sq_event_rows(struct bconn *c, sqlite3_stmt *q, struct codec_event **out,
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

int sq_event_find(struct bconn *c, const char *id, struct codec_event *out,
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

int sq_case_events(struct bconn *c, const char *case_id, struct codec_event **out,
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

int sq_events_after(struct bconn *c, long long after, int limit,
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

/* Inserts ev with server sequence seq. */
static int sq_event_insert(struct bconn *c, struct codec_event *ev, long long seq,
			   const char *sender, const char *now, char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO events (seq, id, case_id, case_number, type, at, actor, body,"
		" terminal, stored_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);

	if (!q)
		return -1;
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

int sq_event_append(struct bconn *c, struct codec_event *ev, const char *sender,
		    char *err, size_t errsz)
{
	long long seq;
	char now[40];

	if (sq_counter_add(c, "seq", 1, &seq, err, errsz) != 0)
		return -1;
	srv_now_text(now, sizeof now);
	return sq_event_insert(c, ev, seq, sender, now, err, errsz);
}

int sq_conflict_add(struct bconn *c, const struct codec_event *ev,
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

int sq_conflict_count(struct bconn *c, long long *n, char *err, size_t errsz)
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

int sq_batch_find(struct bconn *c, const char *key, char **hash, char **response,
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

int sq_batch_save(struct bconn *c, const char *key, const char *hash,
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

int sq_application_find(struct bconn *c, const char *id, char **number, char **hash,
			char *err, size_t errsz)
{
	static const char sql[] = "SELECT number, hash FROM applications WHERE id = ?1";
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
	*hash = sq_col(q, 1, &oom);
	sqlite3_reset(q);
	return oom ? yc_seterr(err, errsz, "%s", _("内存不足")) : 1;
}

int sq_application_add(struct bconn *c, const char *id, const char *number,
		       const char *case_id, const char *hash, char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO applications (id, number, case_id, created, hash)"
		" VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	char now[40];

	if (!q)
		return -1;
	srv_now_text(now, sizeof now);
	sq_text(q, 1, id);
	sq_text(q, 2, number);
	sq_text(q, 3, case_id);
	sq_text(q, 4, now);
	sq_text(q, 5, hash);
	return sq_done(c, q, err, errsz);
}

int sq_case_events_by_number(struct bconn *c, const char *number,
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

/* ---- many at once (push) ------------------------------------------------------ */

/* The rows of the cached statement sql for each of the n values (?1),
 * all in one array.  SQLite runs in this process: a statement per value
 * costs no round trip. */
static int sq_events_each(struct bconn *c, const char *sql, const char *const *values,
			  size_t n, struct codec_event **out, size_t *nout,
			  char *err, size_t errsz)
{
	*out = NULL;
	*nout = 0;
	for (size_t i = 0; i < n; i++) {
		struct codec_event *rows = NULL, *v;
		size_t nrows = 0;
		sqlite3_stmt *q = sq_prep(c, sql, err, errsz);

		if (!q)
			goto fail;
		sq_text(q, 1, values[i]);
		if (sq_event_rows(c, q, &rows, &nrows, err, errsz) != 0)
			goto fail;
		if (nrows == 0) {
			free(rows);
			continue;
		}
		v = realloc(*out, (*nout + nrows) * sizeof *v);
		if (!v) {
			codec_events_free(rows, nrows);
			yc_seterr(err, errsz, "%s", _("内存不足"));
			goto fail;
		}
		memcpy(v + *nout, rows, nrows * sizeof *v);
		free(rows);
		*out = v;
		*nout += nrows;
	}
	return 0;
fail:
	codec_events_free(*out, *nout);
	*out = NULL;
	*nout = 0;
	return -1;
}

int sq_events_find_many(struct bconn *c, const char *const *ids, size_t n,
			struct codec_event **out, size_t *nout, char *err, size_t errsz)
{
	static const char sql[] = "SELECT " SQ_EVENT_COLS " FROM events WHERE id = ?1";

	return sq_events_each(c, sql, ids, n, out, nout, err, errsz);
}

int sq_cases_events(struct bconn *c, const char *const *case_ids, size_t n,
		    struct codec_event **out, size_t *nout, char *err, size_t errsz)
{
	static const char sql[] = "SELECT " SQ_EVENT_COLS " FROM events WHERE case_id = ?1";

	return sq_events_each(c, sql, case_ids, n, out, nout, err, errsz);
}

int sq_received_by_numbers(struct bconn *c, const char *const *numbers, size_t n,
			   struct codec_event **out, size_t *nout, char *err, size_t errsz)
{
	static const char sql[] = "SELECT " SQ_EVENT_COLS " FROM events"
				  " WHERE case_number = ?1 AND type = 'received'";

	return sq_events_each(c, sql, numbers, n, out, nout, err, errsz);
}

int sq_events_append(struct bconn *c, struct codec_event *ev, size_t n, const char *sender,
		     char *err, size_t errsz)
{
	long long last;
	char now[40];

	if (n == 0)
		return 0;
	if (sq_counter_add(c, "seq", (long long)n, &last, err, errsz) != 0)
		return -1;
	srv_now_text(now, sizeof now);
	for (size_t i = 0; i < n; i++)
		if (sq_event_insert(c, &ev[i], last - (long long)n + 1 + (long long)i, sender, now,
				    err, errsz) != 0)
			return -1;
	return 0;
}
