/*
 * date.h — civil dates as day numbers.
 *
 * A date is an int: days since 1970-01-01 in the proleptic Gregorian
 * calendar.  Arithmetic on dates is then arithmetic on ints.  All dates in
 * yichuang are local (China Standard Time) calendar dates.
 */
#ifndef YICHUANG_DATE_H
#define YICHUANG_DATE_H

/* Day number of y-m-d; the caller passes a valid date (see date_valid). */
int date_from_ymd(int y, int m, int d);
void date_to_ymd(int day, int *y, int *m, int *d);
int date_valid(int y, int m, int d);
int date_days_in_month(int y, int m);
/* 0 = Monday ... 6 = Sunday. */
int date_weekday(int day);
int date_year(int day);

/* Parses exactly YYYY-MM-DD (also YYYYMMDD); 0 on success, -1 when the
 * text is not a real calendar date between years 1900 and 2199. */
int date_parse(const char *s, int *day);
/* Writes YYYY-MM-DD into buf (at least 11 bytes). */
char *date_format(int day, char *buf, size_t bufsz);

/* Today's date in China Standard Time (UTC+8), independent of TZ.
 * YICHUANG_TODAY=YYYY-MM-DD in the environment overrides it (training,
 * tests); an invalid value is ignored. */
int date_today(void);

#endif
