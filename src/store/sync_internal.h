/*
 * sync_internal.h — helpers sync_store.c and sync_ref.c share.
 */
#ifndef YICHUANG_STORE_SYNC_INTERNAL_H
#define YICHUANG_STORE_SYNC_INTERNAL_H

#include <stddef.h>
#include <sqlite3.h>

struct store;

/* Steps a statement that returns no row and finalizes it; -1 with `what`
 * in err on failure. */
int sync_step_done(struct store *st, sqlite3_stmt *q, const char *what,
		   char *err, size_t errsz);
/* Reads a setting holding a whole number; 0 when it is not set. */
int sync_setting_ll(struct store *st, const char *key, long long *v,
		    char *err, size_t errsz);
int sync_setting_set_ll(struct store *st, const char *key, long long v,
			char *err, size_t errsz);
/* Copies a text column into a fixed buffer ("" for NULL). */
void sync_col_copy(sqlite3_stmt *q, int col, char *buf, size_t bufsz);

#endif
