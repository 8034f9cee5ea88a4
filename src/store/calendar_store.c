/*
 * calendar_store.c — official calendars kept in the database, one row per
 * year, as the text central distributes (the format of workdays.h).  A
 * year stored here replaces the built-in one when the calendar is loaded.
 *
 * Text is checked with calendar_parse before it is stored, so a bad
 * calendar is refused where it enters, not when a deadline is computed;
 * and checked again when it is loaded, so that a row changed behind the
 * program's back (its year column not the year its text declares) is
 * reported as damaged rather than taken for another year.
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

/* Parses text into a calendar of its own and checks that it declares
 * exactly `year`.  Returns the calendar, or NULL with the message in err;
 * `name` names the text in messages. */
static struct calendar *calendar_store_check(int year, const char *text, const char *name,
					     char *err, size_t errsz)
{
	struct calendar *cal = calendar_new();
	int years[2];

	if (!cal) {
		yc_seterr(err, errsz, _("内存不足"));
		return NULL;
	}
	if (calendar_parse(cal, text, name, err, errsz) != 0) {
		calendar_free(cal);
		return NULL;
	}
	if (calendar_years(cal, years, 2) != 1 || years[0] != year) {
		calendar_free(cal);
		yc_seterr(err, errsz,
			  _("日历内容应只含 %d 年（用 “year %d” 开头），实际不是；未保存"),
			  year, year);
		return NULL;
	}
	return cal;
}

/* Writes one checked year (insert or replace); no transaction of its own.
 * *replaced (may be NULL) tells whether the year was stored before. */
static int calendar_store_write(struct store *st, int year, const char *text,
				int *replaced, char *err, size_t errsz)
{
	struct calendar *cal;
	sqlite3_stmt *q = NULL;
	char name[512];
	const char *source;
	int rc;

	if (!text)
		return yc_seterr(err, errsz, _("%d 年日历内容为空"), year);
	snprintf(name, sizeof name, _("%d 年日历"), year);
	cal = calendar_store_check(year, text, name, err, errsz);
	if (!cal)
		return -1;
	if (replaced) {
		if (store_prepare(st, "SELECT 1 FROM calendars WHERE year = ?1",
				  &q, err, errsz) != 0) {
			calendar_free(cal);
			return -1;
		}
		sqlite3_bind_int(q, 1, year);
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		q = NULL;
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			calendar_free(cal);
			return store_dberr(st, _("读取日历失败"), err, errsz);
		}
		*replaced = rc == SQLITE_ROW;
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
	source = calendar_source(cal, year);
	sqlite3_bind_int(q, 1, year);
	sqlite3_bind_text(q, 2, text, -1, SQLITE_TRANSIENT);
	store_bind_text(q, 3, *source ? source : NULL);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	calendar_free(cal);
	if (rc != SQLITE_DONE)
		return store_dberr(st, _("保存日历失败"), err, errsz);
	return 0;
}

int store_calendar_put(struct store *st, int year, const char *text,
		       char *err, size_t errsz)
{
	return calendar_store_write(st, year, text, NULL, err, errsz);
}

/* All the years or none: any bad text, repeated year or database failure
 * rolls the whole transaction back. */
int store_calendar_put_years(struct store *st, struct store_calendar_year *years,
			     size_t n, char *err, size_t errsz)
{
	for (size_t i = 0; i < n; i++) {
		years[i].replaced = 0;
		for (size_t j = 0; j < i; j++)
			if (years[j].year == years[i].year)
				return yc_seterr(err, errsz,
						 _("%d 年日历给了不止一份；每年只能导入一份，未保存任何日历"),
						 years[i].year);
	}
	if (store_begin(st, err, errsz) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (calendar_store_write(st, years[i].year, years[i].text, &years[i].replaced,
					 err, errsz) != 0) {
			store_rollback(st);
			for (size_t j = 0; j < n; j++)
				years[j].replaced = 0;
			return -1;
		}
	}
	if (store_commit(st, err, errsz) != 0) {
		for (size_t j = 0; j < n; j++)
			years[j].replaced = 0;
		return -1;
	}
	return 0;
}

/* Each row is checked on its own before it goes into cal, so that a row
 * whose text declares another year never replaces that other year. */
int store_calendar_load(struct store *st, struct calendar *cal,
			char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc;

	if (store_prepare(st, "SELECT year, text FROM calendars ORDER BY year",
			  &q, err, errsz) != 0)
		return -1;
	for (;;) {
		struct calendar *one;
		char name[512];
		const char *text;
		int year, declared[2];
		size_t n;

		rc = sqlite3_step(q);
		if (rc != SQLITE_ROW)
			break;
		year = sqlite3_column_int(q, 0);
		text = (const char *)sqlite3_column_text(q, 1);
		calendar_store_name(st, year, name, sizeof name);
		one = calendar_new();
		if (!one) {
			sqlite3_finalize(q);
			return yc_seterr(err, errsz, _("内存不足"));
		}
		if (calendar_parse(one, text ? text : "", name, err, errsz) != 0) {
			calendar_free(one);
			sqlite3_finalize(q);
			return -1;
		}
		n = calendar_years(one, declared, 2);
		calendar_free(one);
		if (n != 1 || declared[0] != year) {
			sqlite3_finalize(q);
			return yc_seterr(err, errsz,
					 _("%s 损坏：该行登记为 %d 年，内容却是 %d 年的日历；"
					   "请用 yichuang calendar import 重新导入 %d 年的官方日历"),
					 name, year, n == 1 ? declared[0] : 0, year);
		}
		if (calendar_parse(cal, text, name, err, errsz) != 0) {
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
