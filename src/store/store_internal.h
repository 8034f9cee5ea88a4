/*
 * store_internal.h — what the files of src/store share and nobody else
 * sees: the handle, the migration steps, and small wrappers around the
 * SQLite calls that turn a failure into a message.
 */
#ifndef YICHUANG_STORE_INTERNAL_H
#define YICHUANG_STORE_INTERNAL_H

#include <stddef.h>
#include <sqlite3.h>

struct store {
	sqlite3 *db;
	char *path;
};

/* PRAGMA application_id of every yichuang database: "YCH1". */
#define STORE_APPLICATION_ID 0x59434831

/* The migration steps (schema.c): step i brings user_version i to i + 1
 * and sets the new user_version itself, as the last statement of its
 * constant text. */
extern const char *const store_migrations[];
extern const int store_nmigrations;

/* Runs constant SQL text (never text made from data). */
int store_exec(struct store *st, const char *sql, char *err, size_t errsz);
/* Prepares one statement; on failure writes the reason into err. */
int store_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt,
		  char *err, size_t errsz);
/* BEGIN IMMEDIATE / COMMIT / ROLLBACK.  store_rollback never fails the
 * caller: it is only used on a path that already failed. */
int store_begin(struct store *st, char *err, size_t errsz);
int store_commit(struct store *st, char *err, size_t errsz);
void store_rollback(struct store *st);
/* Writes "what: SQLite's reason" into err and returns -1. */
int store_dberr(struct store *st, const char *what, char *err, size_t errsz);

/* Binds a string that may be NULL (as SQL NULL). */
int store_bind_text(sqlite3_stmt *stmt, int idx, const char *s);
/* A copy of a text column; NULL stays NULL.  *oom is set to 1 when a copy
 * could not be made. */
char *store_column_dup(sqlite3_stmt *stmt, int col, int *oom);

/* The prepared statements of one catalog import or load, one per table
 * (catalog_store.c, catalog_read.c). */
struct store_catalog_stmts {
	sqlite3_stmt *item, *field, *choice, *material, *situation, *sitmat,
		*bundle, *bitem;
};
void store_catalog_stmts_finalize(struct store_catalog_stmts *s);

/* situation_materials.effect */
enum { EFFECT_ENABLE = 1, EFFECT_DISABLE = 2 };

#endif
