/*
 * events.c — the PostgreSQL backend's events: lookups by id, case and
 * number, pages by server sequence, appends under the "seq" lock
 * (backend.c), conflicts kept by push, push batches under their
 * idempotency keys, and online applications.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/util.h"
#include "pg.h"

/* Row `row` of r into *ev; -1 when out of memory. */
int pg_event_row(PGresult *r, int row, struct codec_event *ev)
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
int pg_event_rows(PGresult *r, struct codec_event **out, size_t *n,
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

int pg_event_find(struct bconn *c, const char *id, struct codec_event *out,
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

int pg_case_events(struct bconn *c, const char *case_id, struct codec_event **out,
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

int pg_events_after(struct bconn *c, long long after, int limit,
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

int pg_event_append(struct bconn *c, struct codec_event *ev, const char *sender,
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

int pg_conflict_add(struct bconn *c, const struct codec_event *ev,
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

int pg_conflict_count(struct bconn *c, long long *n, char *err, size_t errsz)
{
	static const char sql[] = "SELECT count(*) FROM conflicts";
	PGresult *r = pg_run(c, sql, 0, NULL, err, errsz);

	if (!r)
		return -1;
	*n = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return 0;
}

int pg_batch_find(struct bconn *c, const char *key, char **hash, char **response,
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

int pg_batch_save(struct bconn *c, const char *key, const char *hash,
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

int pg_application_find(struct bconn *c, const char *id, char **number, char **hash,
			char *err, size_t errsz)
{
	static const char sql[] = "SELECT number, hash FROM applications WHERE id = $1";
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
	*hash = pg_col(r, 0, 1, &oom);
	PQclear(r);
	return oom ? yc_seterr(err, errsz, "%s", _("内存不足")) : 1;
}

int pg_application_add(struct bconn *c, const char *id, const char *number,
		       const char *case_id, const char *hash, char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO applications (id, number, case_id, created, hash)"
		" VALUES ($1, $2, $3, $4, $5)";
	char now[40];
	const char *p[5] = { id, number, case_id, now, hash };
	PGresult *r;

	srv_now_text(now, sizeof now);
	r = pg_run(c, sql, 5, p, err, errsz);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

int pg_case_events_by_number(struct bconn *c, const char *number,
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

/* ---- many at once (push) ---------------------------------------------------- */

#define PG_IN_MAX 1000		/* values in one IN list */

/* Appends the rows of r (cleared) to *out. */
static int pg_events_add(PGresult *r, struct codec_event **out, size_t *n,
			 char *err, size_t errsz)
{
	struct codec_event *rows = NULL, *v;
	size_t nrows = 0;

	if (pg_event_rows(r, &rows, &nrows, err, errsz) != 0)
		return -1;
	if (nrows == 0) {
		free(rows);
		return 0;
	}
	v = realloc(*out, (*n + nrows) * sizeof *v);
	if (!v) {
		codec_events_free(rows, nrows);
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	}
	memcpy(v + *n, rows, nrows * sizeof *v);
	free(rows);
	*out = v;
	*n += nrows;
	return 0;
}

/* The events matching `where` followed by an IN list of the values, in
 * statements of up to PG_IN_MAX values.  The statement text is made of
 * placeholders only: the values travel as parameters. */
static int pg_events_in(struct bconn *c, const char *where, const char *const *values,
			size_t n, struct codec_event **out, size_t *nout, char *err, size_t errsz)
{
	*out = NULL;
	*nout = 0;
	for (size_t at = 0; at < n; at += PG_IN_MAX) {
		size_t m = n - at < PG_IN_MAX ? n - at : PG_IN_MAX;
		struct strbuf sql;
		PGresult *r;
		char *text;

		sb_init(&sql);
		sb_appendf(&sql, "SELECT " PG_EVENT_COLS " FROM events WHERE %s IN (", where);
		for (size_t i = 0; i < m; i++)
			sb_appendf(&sql, "%s$%zu", i ? "," : "", i + 1);
		sb_append(&sql, ")");
		text = sb_take(&sql);
		if (!text)
			goto oom;
		r = PQexecParams(c->pg, text, (int)m, NULL, (const char *const *)(values + at),
				 NULL, NULL, 0);
		free(text);
		if (PQresultStatus(r) != PGRES_TUPLES_OK) {
			PQclear(r);
			pg_fail(c, err, errsz);
			goto fail;
		}
		if (pg_events_add(r, out, nout, err, errsz) != 0)
			goto fail;
	}
	return 0;
oom:
	yc_seterr(err, errsz, "%s", _("内存不足"));
fail:
	codec_events_free(*out, *nout);
	*out = NULL;
	*nout = 0;
	return -1;
}

int pg_events_find_many(struct bconn *c, const char *const *ids, size_t n,
			struct codec_event **out, size_t *nout, char *err, size_t errsz)
{
	return pg_events_in(c, "id", ids, n, out, nout, err, errsz);
}

int pg_cases_events(struct bconn *c, const char *const *case_ids, size_t n,
		    struct codec_event **out, size_t *nout, char *err, size_t errsz)
{
	return pg_events_in(c, "case_id", case_ids, n, out, nout, err, errsz);
}

int pg_received_by_numbers(struct bconn *c, const char *const *numbers, size_t n,
			   struct codec_event **out, size_t *nout, char *err, size_t errsz)
{
	return pg_events_in(c, "type = 'received' AND case_number", numbers, n, out, nout,
			    err, errsz);
}

#define PG_APPEND_ROWS 500	/* rows of one INSERT (10 parameters each) */

int pg_events_append(struct bconn *c, struct codec_event *ev, size_t n, const char *sender,
		     char *err, size_t errsz)
{
	char (*seqs)[24] = NULL;
	const char **p = NULL;
	char now[40];
	long long last;
	int rc = -1;

	if (n == 0)
		return 0;
	/* the "seq" row is locked by the transaction already: n numbers */
	if (pg_counter_add(c, "seq", (long long)n, &last, err, errsz) != 0)
		return -1;
	seqs = calloc(n, sizeof *seqs);
	p = calloc(PG_APPEND_ROWS * 10, sizeof *p);
	if (!seqs || !p) {
		yc_seterr(err, errsz, "%s", _("内存不足"));
		goto out;
	}
	srv_now_text(now, sizeof now);
	for (size_t at = 0; at < n; at += PG_APPEND_ROWS) {
		size_t m = n - at < PG_APPEND_ROWS ? n - at : PG_APPEND_ROWS;
		struct strbuf sql;
		PGresult *r;
		char *text;

		sb_init(&sql);
		sb_append(&sql, "INSERT INTO events (seq, id, case_id, case_number, type, at, actor,"
			  " body, terminal, stored_at) VALUES ");
		for (size_t i = 0; i < m; i++) {
			struct codec_event *e = &ev[at + i];
			size_t b = i * 10;

			e->seq = last - (long long)n + 1 + (long long)(at + i);
			snprintf(seqs[at + i], sizeof seqs[at + i], "%lld", e->seq);
			p[b] = seqs[at + i];
			p[b + 1] = e->id;
			p[b + 2] = e->case_id;
			p[b + 3] = e->case_number;
			p[b + 4] = casefsm_event_name(e->type);
			p[b + 5] = e->at;
			p[b + 6] = e->actor;
			p[b + 7] = e->body;
			p[b + 8] = sender;
			p[b + 9] = now;
			sb_appendf(&sql, "%s($%zu::bigint,$%zu,$%zu,$%zu,$%zu,$%zu,$%zu,$%zu,$%zu,$%zu)",
				   i ? "," : "", b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7,
				   b + 8, b + 9, b + 10);
		}
		text = sb_take(&sql);
		if (!text) {
			yc_seterr(err, errsz, "%s", _("内存不足"));
			goto out;
		}
		r = PQexecParams(c->pg, text, (int)(m * 10), NULL, p, NULL, NULL, 0);
		free(text);
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			PQclear(r);
			pg_fail(c, err, errsz);
			goto out;
		}
		PQclear(r);
	}
	rc = 0;
out:
	free(seqs);
	free(p);
	return rc;
}
