/*
 * workdays.h — the official working-day calendar and time-limit arithmetic.
 *
 * Administrative time limits are counted in working days (行政许可法 art. 82):
 * the first day (acceptance or receipt) is not counted, statutory holidays
 * are skipped, and weekend days declared working days (调休) count.
 *
 * A calendar holds official data for some years.  A year without official
 * data is computed on weekdays only and every answer touching it is marked
 * provisional, so that it is never silently wrong.
 *
 * Calendar file format (data/calendar/YEAR.cal, documented in yichuang(1)):
 *
 *   # comment
 *   year 2026
 *   source 国办发明电〔2025〕7号
 *   off 2026-01-01..2026-01-03      holidays (a single date or a range)
 *   work 2026-01-04                 weekend days that are working days
 */
#ifndef YICHUANG_WORKDAYS_H
#define YICHUANG_WORKDAYS_H

#include <stddef.h>

struct calendar;

enum day_kind {
	DAY_WORKDAY,		/* Monday to Friday, not a holiday */
	DAY_WEEKEND,		/* Saturday or Sunday, not a make-up day */
	DAY_HOLIDAY,		/* statutory holiday (off) */
	DAY_MAKEUP		/* weekend day declared a working day (调休) */
};

/* Years without official data that an answer relied on. */
#define WORKDAYS_MAX_PROVISIONAL 8
struct workdays_note {
	int years[WORKDAYS_MAX_PROVISIONAL];
	int n;
};

struct calendar *calendar_new(void);
void calendar_free(struct calendar *cal);

/* Adds one year's official data from calendar text.  `name` is used in
 * messages (FILE:LINE: ...).  A year already present is replaced. */
int calendar_parse(struct calendar *cal, const char *text, const char *name,
		   char *err, size_t errsz);
/* Adds the calendars compiled into the program (data/calendar/). */
int calendar_load_builtin(struct calendar *cal, char *err, size_t errsz);

int calendar_has_year(const struct calendar *cal, int year);
/* Source note of a year ("" when none or not present). */
const char *calendar_source(const struct calendar *cal, int year);
/* Years present, ascending; returns how many (at most max). */
size_t calendar_years(const struct calendar *cal, int *years, size_t max);

enum day_kind calendar_day_kind(const struct calendar *cal, int day);
int calendar_is_workday(const struct calendar *cal, int day);

/* The date n >= 0 working days after `from` (from itself not counted;
 * n == 0 gives from).  Years without official data are noted in *note
 * (which may be NULL).  Returns 0, or -1 when n is negative or too large. */
int workdays_add(const struct calendar *cal, int from, int n, int *out,
		 struct workdays_note *note);
/* Working days after a up to and including b; negative when b < a
 * (the count from b to a, negated). */
int workdays_between(const struct calendar *cal, int a, int b,
		     struct workdays_note *note);

#endif
