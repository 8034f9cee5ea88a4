/*
 * case_internal.h — what the case files of src/store share: reading a
 * case's stored events back into a fold, and the day-text helpers.
 */
#ifndef YICHUANG_CASE_INTERNAL_H
#define YICHUANG_CASE_INTERNAL_H

#include <stddef.h>
#include <sqlite3.h>

#include "yichuang/casestore.h"

struct store;

/* Folds the stored events of case `case_id` (in seq order) into *fold
 * (initialised here); *last_seq gets the highest seq (0 when none).  When
 * rows is not NULL, the events are also copied out (free with
 * case_event_rows_free). */
int case_fold_events(struct store *st, const struct calendar *cal,
		     const char *case_id, struct case_fold *fold, int *last_seq,
		     struct case_event_row **rows, size_t *nrows,
		     char *err, size_t errsz);
void case_event_rows_free(struct case_event_row *rows, size_t n);

/* Rewrites the projection row of case_id from the fold (case_store.c;
 * also used by sync_store.c for events pulled from central). */
int case_project(struct store *st, const char *case_id, const struct case_fold *f,
		 int last_seq, char *err, size_t errsz);

/* case_apply_event inside the caller's transaction (several events
 * written together, all or none). */
int case_append_event(struct store *st, const struct calendar *cal, const char *ref,
		      const struct case_event *e, const char *extra_json,
		      const char *actor, enum case_state *state,
		      char *err, size_t errsz);

/* Finds a case by id or number: 1 with its id copied, 0 not found, -1. */
int case_find(struct store *st, const char *ref, char id[CASE_ID_MAX],
	      char *err, size_t errsz);

/* Binds a day as 'YYYY-MM-DD', or NULL for 0. */
int case_bind_day(sqlite3_stmt *stmt, int idx, int day);
/* A 'YYYY-MM-DD' column as a day number, 0 for NULL or bad text. */
int case_column_day(sqlite3_stmt *stmt, int col);

/* The current local time as ISO 8601 with its offset, e.g.
 * 2026-03-02T09:15:00+08:00 (buf of at least 32 bytes). */
void case_time_text(time_t t, char *buf, size_t bufsz);
/* The moment of an action now: case_time_text of the clock, on the date
 * YICHUANG_TODAY names when it is set (date_today), so that events and
 * signatures of a training or test day carry that day. */
void case_time_now(char *buf, size_t bufsz);

#endif
