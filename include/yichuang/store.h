/*
 * store.h — the workstation's local SQLite database.
 *
 * The database file is the single source of truth on a terminal: WAL,
 * synchronous=FULL, foreign keys on, prepared statements only, one
 * transaction per user action.  The schema is migrated by PRAGMA
 * user_version, one transaction per step; a database written by a newer
 * yichuang is refused, never touched.
 *
 * This is the only module with SQL in it.
 */
#ifndef YICHUANG_STORE_H
#define YICHUANG_STORE_H

#include <stddef.h>

struct store;
struct catalog;
struct calendar;

/* The schema version this build writes. */
int store_schema_version(void);

enum store_open_mode {
	STORE_OPEN_EXISTING = 0,	/* the file must exist */
	STORE_OPEN_CREATE = 1		/* create it (and its directory) when missing */
};

/* Opens (and migrates) a database.  Refuses a file that is not a SQLite
 * database, one that is not a yichuang database, and one whose schema is
 * newer than this build, each with a message saying so. */
int store_open(const char *path, enum store_open_mode mode, struct store **out,
	       char *err, size_t errsz);
void store_close(struct store *st);
const char *store_path(const struct store *st);

/* Terminal settings (key/value).  store_setting_get returns 1 when found
 * (copying the value into buf), 0 when not set, -1 on error. */
int store_setting_get(struct store *st, const char *key, char *buf, size_t bufsz);
int store_setting_set(struct store *st, const char *key, const char *value,
		      char *err, size_t errsz);
/* Removes a setting: 1 when it was set, 0 when it was not, -1 on error. */
int store_setting_delete(struct store *st, const char *key, char *err, size_t errsz);
/* Every setting, by key; free with store_settings_free. */
struct store_setting {
	char *key;
	char *value;
};
int store_setting_list(struct store *st, struct store_setting **out, size_t *n,
		       char *err, size_t errsz);
void store_settings_free(struct store_setting *v, size_t n);

/* Makes the database a workstation of site `site` (digits and the letters of
 * the GB 32100 alphabet, 1-12 characters) and terminal number 1..99.  A
 * database already initialised is refused (its identity is final: numbers
 * it issued carry it). */
int store_init_terminal(struct store *st, const char *site, int terminal,
			char *err, size_t errsz);
/* 1 when `site` is a valid site code for store_init_terminal, else 0. */
int store_site_valid(const char *site);
/* 1 and the identity when initialised, 0 when not, -1 on error. */
int store_terminal(struct store *st, char *site, size_t sitesz, int *terminal);

/* Imports a whole, already validated catalog as a new version, all or
 * nothing.  Cases keep the version they were accepted under. */
int store_catalog_import(struct store *st, const struct catalog *cat,
			 const char *note, int *version, char *err, size_t errsz);
/* The newest catalog version, 0 when none was imported. */
int store_catalog_current(struct store *st, int *version, char *err, size_t errsz);
/* What the database records about one imported catalog version. */
struct store_catalog_info {
	int version;
	char imported_at[32];		/* UTC, YYYY-MM-DDTHH:MM:SSZ */
	char note[256];			/* "" when none (cut to fit) */
	int item_count;
	int bundle_count;
};
/* 1 and info when version `version` exists, 0 when not, -1 on error. */
int store_catalog_info(struct store *st, int version, struct store_catalog_info *info,
		       char *err, size_t errsz);
/* Loads catalog version `version` (0: the current one) into cat (which the
 * caller has initialised). */
int store_catalog_load(struct store *st, int version, struct catalog *cat,
		       char *err, size_t errsz);

/* Official calendar text for one year, as central distributes it. */
int store_calendar_put(struct store *st, int year, const char *text,
		       char *err, size_t errsz);
/* One year of a calendar import (store_calendar_put_years). */
struct store_calendar_year {
	int year;
	const char *text;	/* calendar text declaring exactly this year */
	int replaced;		/* out: 1 when the year was stored before */
};
/* Stores several years in one transaction, all or nothing; each text is
 * checked as store_calendar_put checks it, and a year given twice is
 * refused. */
int store_calendar_put_years(struct store *st, struct store_calendar_year *years,
			     size_t n, char *err, size_t errsz);
/* Adds every calendar year stored in the database to cal.  A row whose
 * text declares another year than its own is refused as damaged. */
int store_calendar_load(struct store *st, struct calendar *cal,
			char *err, size_t errsz);

/* Next sequence number (1, 2, ...) for case numbers of this terminal on
 * `day`; the increment is committed before it is returned, so a number is
 * never handed out twice, even after a crash. */
int store_next_case_seq(struct store *st, int day, int *seq, char *err, size_t errsz);

#endif
