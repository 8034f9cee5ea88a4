/*
 * sq.h — what the files of yichuangd's SQLite backend share: the
 * connection with its statement cache, cell helpers and the operations
 * each file implements (backend.c: connection, schema, transactions,
 * counters and the ops table; events.c: events, conflicts, push batches,
 * online applications; admin.c: terminals, users, reference data, the
 * admin's lists).
 */
#ifndef YICHUANG_SERVER_SQ_H
#define YICHUANG_SERVER_SQ_H

#include <sqlite3.h>

#include "../server.h"

#define SQ_CACHE 48

struct bconn {
	sqlite3 *db;
	const char *sql[SQ_CACHE];
	sqlite3_stmt *stmt[SQ_CACHE];
};

/* Columns: id case_id case_number type at actor body terminal seq */
#define SQ_EVENT_COLS "id, case_id, case_number, type, at, actor, body, terminal, seq"

/* A database error into err. */
int sq_fail(struct bconn *c, char *err, size_t errsz);
/* The cached statement of sql (by pointer: callers pass literals), reset. */
sqlite3_stmt *sq_prep(struct bconn *c, const char *sql, char *err, size_t errsz);
/* Binds a text or, for NULL, SQL NULL. */
void sq_text(sqlite3_stmt *q, int idx, const char *s);
/* Runs a statement that returns no rows. */
int sq_done(struct bconn *c, sqlite3_stmt *q, char *err, size_t errsz);
/* A copy of a text column (NULL stays NULL); *oom set on failure. */
char *sq_col(sqlite3_stmt *q, int col, int *oom);
/* Grows *v (of element size sz) to hold one more; -1 when out of memory. */
int sq_grow(void **v, size_t *cap, size_t len, size_t sz);
int sq_counter_add(struct bconn *c, const char *name, long long delta, long long *value,
		   char *err, size_t errsz);

/* events.c */
int sq_event_row(sqlite3_stmt *q, struct codec_event *ev);
int sq_event_rows(struct bconn *c, sqlite3_stmt *q, struct codec_event **out,
		  size_t *n, char *err, size_t errsz);
int sq_event_find(struct bconn *c, const char *id, struct codec_event *out,
		  char *err, size_t errsz);
int sq_case_events(struct bconn *c, const char *case_id, struct codec_event **out,
		   size_t *n, char *err, size_t errsz);
int sq_events_after(struct bconn *c, long long after, int limit,
		    struct codec_event **out, size_t *n, char *err, size_t errsz);
int sq_event_append(struct bconn *c, struct codec_event *ev, const char *sender,
		    char *err, size_t errsz);
int sq_conflict_add(struct bconn *c, const struct codec_event *ev,
		    const char *sender, const char *state, const char *reason,
		    char *err, size_t errsz);
int sq_conflict_count(struct bconn *c, long long *n, char *err, size_t errsz);
int sq_batch_find(struct bconn *c, const char *key, char **hash, char **response,
		  char *err, size_t errsz);
int sq_batch_save(struct bconn *c, const char *key, const char *hash,
		  const char *response, const char *sender, char *err, size_t errsz);
int sq_application_find(struct bconn *c, const char *id, char **number, char **hash,
			char *err, size_t errsz);
int sq_application_add(struct bconn *c, const char *id, const char *number,
		       const char *case_id, const char *hash, char *err, size_t errsz);
int sq_case_events_by_number(struct bconn *c, const char *number,
			     struct codec_event **out, size_t *n, char *err, size_t errsz);

/* admin.c */
int sq_terminal_add(struct bconn *c, const char *site, const char *name,
		    const char *token_hash, struct codec_terminal *out,
		    char *err, size_t errsz);
int sq_terminal_by_token(struct bconn *c, const char *token_hash,
			 struct srv_auth *out, char *err, size_t errsz);
int sq_terminal_bind(struct bconn *c, const char *terminal_id, const char *install,
		     char *err, size_t errsz);
int sq_user_add(struct bconn *c, const struct codec_user *u, char *err, size_t errsz);
int sq_users_list(struct bconn *c, struct codec_user **out, size_t *n,
		  char *err, size_t errsz);
int sq_catalog_add(struct bconn *c, const struct codec_file *files, size_t n,
		   long long ref_version, int *catalog_version, char *err, size_t errsz);
int sq_catalog_current(struct bconn *c, int *version, long long *ref_version,
		       struct codec_file **files, size_t *n, char *err, size_t errsz);
int sq_calendar_put(struct bconn *c, int year, const char *text, char *err,
		    size_t errsz);
int sq_calendars_list(struct bconn *c, struct codec_calendar **out, size_t *n,
		      char *err, size_t errsz);
int sq_setting_put(struct bconn *c, const char *key, const char *value,
		   char *err, size_t errsz);
int sq_settings_list(struct bconn *c, struct codec_setting **out, size_t *n,
		     char *err, size_t errsz);
int sq_conflicts_list(struct bconn *c, int all, struct srv_conflict **out,
		      size_t *n, char *err, size_t errsz);
int sq_conflict_resolve(struct bconn *c, long long n, const char *note,
			char *err, size_t errsz);
int sq_terminals_list(struct bconn *c, struct srv_terminal **out, size_t *n,
		      char *err, size_t errsz);
int sq_terminal_revoke(struct bconn *c, const char *terminal_id, char *err,
		       size_t errsz);
int sq_user_set_active(struct bconn *c, const char *name, int active, char *err,
		       size_t errsz);
int sq_batches_prune(struct bconn *c, const char *before, long long *deleted,
		     char *err, size_t errsz);
int sq_events_find_many(struct bconn *c, const char *const *ids, size_t n,
			struct codec_event **out, size_t *nout, char *err, size_t errsz);
int sq_cases_events(struct bconn *c, const char *const *case_ids, size_t n,
		    struct codec_event **out, size_t *nout, char *err, size_t errsz);
int sq_received_by_numbers(struct bconn *c, const char *const *numbers, size_t n,
			   struct codec_event **out, size_t *nout, char *err, size_t errsz);
int sq_events_append(struct bconn *c, struct codec_event *ev, size_t n, const char *sender,
		     char *err, size_t errsz);

#endif
