/*
 * pg.h — what the files of yichuangd's PostgreSQL backend share: the
 * connection, the statement runner, cell helpers and the operations each
 * file implements (backend.c: connection, schema, transactions, counters
 * and the ops table; events.c: events, conflicts, push batches, online
 * applications; admin.c: terminals, users, reference data, the admin's
 * lists).
 */
#ifndef YICHUANG_SERVER_PG_H
#define YICHUANG_SERVER_PG_H

#include <libpq-fe.h>

#include "../server.h"

#define PG_CACHE 48

struct bconn {
	PGconn *pg;
	char *where;			/* the connection string */
	const char *prepared[PG_CACHE];	/* SQL texts prepared as "s<index>" */
	int commit_unknown;		/* lost during COMMIT */
};

#define PG_EVENT_COLS "id, case_id, case_number, type, at, actor, body, terminal, seq"

/* A database error into err (the server's message, first line). */
int pg_fail(struct bconn *c, char *err, size_t errsz);
/* Runs the prepared statement of sql (prepared on first use on this
 * connection; callers pass static texts) with n text parameters; the
 * result when it succeeded, else NULL with a message. */
PGresult *pg_run(struct bconn *c, const char *sql, int n, const char *const *params,
		 char *err, size_t errsz);
/* A statement without parameters, its result discarded. */
int pg_simple(struct bconn *c, const char *sql, char *err, size_t errsz);
/* A copy of a cell (NULL for SQL NULL); *oom set on failure. */
char *pg_col(PGresult *r, int row, int col, int *oom);
/* Row `row` of r (PG_EVENT_COLS) into *ev; -1 when out of memory. */
int pg_event_row(PGresult *r, int row, struct codec_event *ev);
/* Every row of r as events (r is cleared). */
int pg_event_rows(PGresult *r, struct codec_event **out, size_t *n, char *err, size_t errsz);

int pg_counter_add(struct bconn *c, const char *name, long long delta, long long *value,
		   char *err, size_t errsz);

/* events.c */
int pg_event_find(struct bconn *c, const char *id, struct codec_event *out,
		  char *err, size_t errsz);
int pg_case_events(struct bconn *c, const char *case_id, struct codec_event **out,
		   size_t *n, char *err, size_t errsz);
int pg_events_after(struct bconn *c, long long after, int limit,
		    struct codec_event **out, size_t *n, char *err, size_t errsz);
int pg_event_append(struct bconn *c, struct codec_event *ev, const char *sender,
		    char *err, size_t errsz);
int pg_conflict_add(struct bconn *c, const struct codec_event *ev, const char *sender,
		    const char *state, const char *reason, char *err, size_t errsz);
int pg_conflict_count(struct bconn *c, long long *n, char *err, size_t errsz);
int pg_batch_find(struct bconn *c, const char *key, char **hash, char **response,
		  char *err, size_t errsz);
int pg_batch_save(struct bconn *c, const char *key, const char *hash,
		  const char *response, const char *sender, char *err, size_t errsz);
int pg_application_find(struct bconn *c, const char *id, char **number, char **hash,
			char *err, size_t errsz);
int pg_application_add(struct bconn *c, const char *id, const char *number,
		       const char *case_id, const char *hash, char *err, size_t errsz);
int pg_case_events_by_number(struct bconn *c, const char *number,
			     struct codec_event **out, size_t *n, char *err, size_t errsz);
int pg_events_find_many(struct bconn *c, const char *const *ids, size_t n,
			struct codec_event **out, size_t *nout, char *err, size_t errsz);
int pg_cases_events(struct bconn *c, const char *const *case_ids, size_t n,
		    struct codec_event **out, size_t *nout, char *err, size_t errsz);
int pg_received_by_numbers(struct bconn *c, const char *const *numbers, size_t n,
			   struct codec_event **out, size_t *nout, char *err, size_t errsz);
int pg_events_append(struct bconn *c, struct codec_event *ev, size_t n, const char *sender,
		     char *err, size_t errsz);

/* admin.c */
int pg_terminal_add(struct bconn *c, const char *site, const char *name,
		    const char *token_hash, struct codec_terminal *out, char *err, size_t errsz);
int pg_terminal_by_token(struct bconn *c, const char *token_hash,
			 struct srv_auth *out, char *err, size_t errsz);
int pg_terminal_bind(struct bconn *c, const char *terminal_id, const char *install,
		     char *err, size_t errsz);
int pg_user_add(struct bconn *c, const struct codec_user *u, char *err, size_t errsz);
int pg_users_list(struct bconn *c, struct codec_user **out, size_t *n,
		  char *err, size_t errsz);
int pg_catalog_add(struct bconn *c, const struct codec_file *files, size_t n,
		   long long ref_version, int *catalog_version, char *err, size_t errsz);
int pg_catalog_current(struct bconn *c, int *version, long long *ref_version,
		       struct codec_file **files, size_t *n, char *err, size_t errsz);
int pg_calendar_put(struct bconn *c, int year, const char *text, char *err, size_t errsz);
int pg_calendars_list(struct bconn *c, struct codec_calendar **out, size_t *n,
		      char *err, size_t errsz);
int pg_setting_put(struct bconn *c, const char *key, const char *value,
		   char *err, size_t errsz);
int pg_settings_list(struct bconn *c, struct codec_setting **out, size_t *n,
		     char *err, size_t errsz);
int pg_conflicts_list(struct bconn *c, int all, struct srv_conflict **out, size_t *n,
		      char *err, size_t errsz);
int pg_conflict_resolve(struct bconn *c, long long n, const char *note,
			char *err, size_t errsz);
int pg_terminals_list(struct bconn *c, struct srv_terminal **out, size_t *n,
		      char *err, size_t errsz);
int pg_terminal_revoke(struct bconn *c, const char *terminal_id, char *err, size_t errsz);
int pg_user_set_active(struct bconn *c, const char *name, int active, char *err,
		       size_t errsz);
int pg_batches_prune(struct bconn *c, const char *before, long long *deleted,
		     char *err, size_t errsz);

#endif
