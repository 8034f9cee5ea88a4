/*
 * calendar_store.c — official calendars kept in the database, one row per
 * year, as the text central distributes (the format of workdays.h).  A
 * year stored here replaces the built-in one when the calendar is loaded.
 *
 * Text is checked with calendar_parse before it is stored, so a bad
 * calendar is refused where it enters, not when a deadline is computed.
 */
#include <stdio.h>

#include "yichuang/store.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "store_internal.h"

/* The name calendar text from the database carries in messages. */
static void calendar_store_name(const struct store *st, int year, char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, _("%s 中的 %d 年日历"), st->path, year);
}

int store_calendar_put(struct store *st, int year, const char *text,
		       char *err, size_t errsz)
{
	struct calendar *cal;
	sqlite3_stmt *q = NULL;
	char name[512];
	int years[2];
	size_t n;
	int rc;

	if (!text)
		return yc_seterr(err, errsz, _("%d 年日历内容为空"), year);
	cal = calendar_new();
	if (!cal)
		return yc_seterr(err, errsz, _("内存不足"));
	snprintf(name, sizeof name, _("%d 年日历"), year);
	if (calendar_parse(cal, text, name, err, errsz) != 0) {
		calendar_free(cal);
		return -1;
	}
	n = calendar_years(cal, years, 2);
	if (n != 1 || years[0] != year) {
		calendar_free(cal);
		return yc_seterr(err, errsz,
				 _("日历内容应只含 %d 年（用 “year %d” 开头），实际不是；未保存"),
				 year, year);
	}
	if (store_prepare(st,
			  "INSERT INTO calendars (year, text, source) VALUES (?1, ?2, ?3)"
			  " ON CONFLICT (year) DO UPDATE SET text = excluded.text,"
			  " source = excluded.source,"
			  " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
			  &q, err, errsz) != 0) {
		calendar_free(cal);
		return -1;
	}
	sqlite3_bind_int(q, 1, year);
	sqlite3_bind_text(q, 2, text, -1, SQLITE_TRANSIENT);
	store_bind_text(q, 3, *calendar_source(cal, year) ? calendar_source(cal, year) : NULL);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	calendar_free(cal);
	if (rc != SQLITE_DONE)
		return store_dberr(st, _("保存日历失败"), err, errsz);
	return 0;
}

int store_calendar_load(struct store *st, struct calendar *cal,
			char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc;

	if (store_prepare(st, "SELECT year, text FROM calendars ORDER BY year",
			  &q, err, errsz) != 0)
		return -1;
	for (;;) {
		char name[512];
		const char *text;

		rc = sqlite3_step(q);
		if (rc != SQLITE_ROW)
			break;
		text = (const char *)sqlite3_column_text(q, 1);
		calendar_store_name(st, sqlite3_column_int(q, 0), name, sizeof name);
		if (calendar_parse(cal, text ? text : "", name, err, errsz) != 0) {
			sqlite3_finalize(q);
			return -1;
		}
	}
	if (rc != SQLITE_DONE) {
		store_dberr(st, _("读取日历失败"), err, errsz);
		sqlite3_finalize(q);
		return -1;
	}
	sqlite3_finalize(q);
	return 0;
}
