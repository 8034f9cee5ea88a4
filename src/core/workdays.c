/*
 * workdays.c — the official working-day calendar (parsing the calendar
 * files, the kind of each day) and time-limit arithmetic in working days
 * (行政许可法 art. 82: the first day is not counted, statutory holidays are
 * skipped, 调休 weekend working days count).
 *
 * A calendar keeps, per year with official data, the kind of every day of
 * the year and a running count of working days, so that the kind of a day
 * and the number of working days in any part of a year are O(1).  Years
 * without data follow the week (Monday to Friday work) and are reported in
 * a struct workdays_note, so that a provisional answer is never taken for
 * an official one.
 */
#include <assert.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendars.h"
#include "yichuang/date.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"

/* Years a calendar can hold: those date_parse accepts. */
#define CAL_FIRST_YEAR 1900
#define CAL_LAST_YEAR 2199
#define CAL_NYEARS (CAL_LAST_YEAR - CAL_FIRST_YEAR + 1)

/* Largest n workdays_add accepts (about 380 years). */
#define WORKDAYS_MAX_ADD 100000

/* Longest line of a calendar file. */
#define CAL_LINE_MAX 1024

/* One year of official data. */
struct cal_year {
	int year;
	int first;			/* day number of January 1st */
	int ndays;			/* 365 or 366 */
	unsigned char kind[366];	/* enum day_kind of each day of the year */
	unsigned short cum[367];	/* working days among days [0, i) */
	char *source;			/* the notice; never NULL */
};

struct calendar {
	struct cal_year *years[CAL_NYEARS];	/* indexed by year - CAL_FIRST_YEAR */
};

struct calendar *calendar_new(void)
{
	return calloc(1, sizeof(struct calendar));
}

static void cal_year_free(struct cal_year *cy)
{
	if (!cy)
		return;
	free(cy->source);
	free(cy);
}

void calendar_free(struct calendar *cal)
{
	if (!cal)
		return;
	for (int i = 0; i < CAL_NYEARS; i++)
		cal_year_free(cal->years[i]);
	free(cal);
}

/* The official data of a year, or NULL. */
static const struct cal_year *calendar_year(const struct calendar *cal, int year)
{
	if (!cal || year < CAL_FIRST_YEAR || year > CAL_LAST_YEAR)
		return NULL;
	return cal->years[year - CAL_FIRST_YEAR];
}

/* What a day is by the week alone. */
static enum day_kind workdays_week_kind(int day)
{
	return date_weekday(day) < 5 ? DAY_WORKDAY : DAY_WEEKEND;
}

/* ---- parsing -------------------------------------------------------- */

/* What a calendar text has said so far about its year. */
struct cal_parse {
	const char *name;
	int lineno;
	int year;			/* 0 until the year line */
	int year_line;
	int source_line;
	struct cal_year *cy;
	unsigned short set_line[366];	/* line that set the day, 0 if none */
};

/* Parses "DATE" or "DATE..DATE" into an inclusive range of days of the
 * year being read.  0, or -1 with the message in err. */
static int cal_parse_range(struct cal_parse *p, const char *tok, int *lo, int *hi,
			   char *err, size_t errsz)
{
	const char *dots = strstr(tok, "..");
	char a[32], b[32];
	size_t alen;
	int y, m, d;

	if (dots) {
		alen = (size_t)(dots - tok);
		if (alen >= sizeof a || strlen(dots + 2) >= sizeof b)
			return yc_seterr(err, errsz, _("%s:%d: 日期范围 “%s” 无效，应为 YYYY-MM-DD..YYYY-MM-DD"),
					 p->name, p->lineno, tok);
		memcpy(a, tok, alen);
		a[alen] = '\0';
		snprintf(b, sizeof b, "%s", dots + 2);
	} else {
		if (strlen(tok) >= sizeof a)
			return yc_seterr(err, errsz, _("%s:%d: 日期 “%s” 无效，应为 YYYY-MM-DD"),
					 p->name, p->lineno, tok);
		snprintf(a, sizeof a, "%s", tok);
		snprintf(b, sizeof b, "%s", tok);
	}
	if (date_parse(a, lo) != 0)
		return yc_seterr(err, errsz, _("%s:%d: 日期 “%s” 无效，应为 YYYY-MM-DD 格式的真实日期"),
				 p->name, p->lineno, a);
	if (date_parse(b, hi) != 0)
		return yc_seterr(err, errsz, _("%s:%d: 日期 “%s” 无效，应为 YYYY-MM-DD 格式的真实日期"),
				 p->name, p->lineno, b);
	date_to_ymd(*lo, &y, &m, &d);
	if (y != p->year)
		return yc_seterr(err, errsz, _("%s:%d: 日期 %s 不在本文件声明的 %d 年内"),
				 p->name, p->lineno, a, p->year);
	date_to_ymd(*hi, &y, &m, &d);
	if (y != p->year)
		return yc_seterr(err, errsz, _("%s:%d: 日期 %s 不在本文件声明的 %d 年内"),
				 p->name, p->lineno, b, p->year);
	if (*hi < *lo)
		return yc_seterr(err, errsz, _("%s:%d: 日期范围 %s..%s 的结束日期早于开始日期"),
				 p->name, p->lineno, a, b);
	return 0;
}

/* Applies `off` (kind DAY_HOLIDAY) or `work` (DAY_MAKEUP) to the days of
 * the argument token. */
static int cal_parse_days(struct cal_parse *p, enum day_kind kind, const char *tok,
			  char *err, size_t errsz)
{
	char buf[16];
	int lo, hi;

	if (cal_parse_range(p, tok, &lo, &hi, err, errsz) != 0)
		return -1;
	for (int day = lo; day <= hi; day++) {
		int i = day - p->cy->first;

		assert(i >= 0 && i < p->cy->ndays);
		if (p->set_line[i] != 0) {
			if (p->cy->kind[i] != kind)
				return yc_seterr(err, errsz,
						 _("%s:%d: %s 在第 %d 行已定为%s，不能同时为%s"),
						 p->name, p->lineno, date_format(day, buf, sizeof buf),
						 p->set_line[i],
						 p->cy->kind[i] == DAY_HOLIDAY ? _("放假") : _("调休上班"),
						 kind == DAY_HOLIDAY ? _("放假") : _("调休上班"));
			return yc_seterr(err, errsz, _("%s:%d: %s 已在第 %d 行列出，每个日期只能列一次"),
					 p->name, p->lineno, date_format(day, buf, sizeof buf),
					 p->set_line[i]);
		}
		if (kind == DAY_MAKEUP && date_weekday(day) < 5)
			return yc_seterr(err, errsz,
					 _("%s:%d: %s 不是周六或周日；work 只用于调休上班的周末，"
					   "周一至周五本来就是工作日"),
					 p->name, p->lineno, date_format(day, buf, sizeof buf));
		p->cy->kind[i] = (unsigned char)kind;
		p->set_line[i] = (unsigned short)(p->lineno > USHRT_MAX ? USHRT_MAX : p->lineno);
	}
	return 0;
}

/* Parses the `year` argument and sets up the year's days by the week. */
static int cal_parse_year(struct cal_parse *p, const char *tok, char *err, size_t errsz)
{
	char *end;
	long y;

	if (p->year != 0)
		return yc_seterr(err, errsz, _("%s:%d: year 重复（第 %d 行已声明），一个文件只描述一年"),
				 p->name, p->lineno, p->year_line);
	y = strtol(tok, &end, 10);
	if (*tok < '0' || *tok > '9' || *end != '\0' || y < CAL_FIRST_YEAR || y > CAL_LAST_YEAR)
		return yc_seterr(err, errsz, _("%s:%d: 年份 “%s” 无效，应为 %d 至 %d 之间的四位数"),
				 p->name, p->lineno, tok, CAL_FIRST_YEAR, CAL_LAST_YEAR);
	p->year = (int)y;
	p->year_line = p->lineno;
	p->cy->year = (int)y;
	p->cy->first = date_from_ymd((int)y, 1, 1);
	p->cy->ndays = date_from_ymd((int)y + 1, 1, 1) - p->cy->first;
	for (int i = 0; i < p->cy->ndays; i++)
		p->cy->kind[i] = (unsigned char)workdays_week_kind(p->cy->first + i);
	return 0;
}

/* Splits the line into its directive, its argument and what follows.  A
 * "#" after the argument starts a comment.  Returns the number of words
 * (0, 1, 2, or 3 when there is more than one argument). */
static int cal_split(char *line, char **word, char **arg)
{
	char *s = line, *extra;

	*word = *arg = NULL;
	s += strspn(s, " \t");
	if (*s == '\0' || *s == '#')
		return 0;
	*word = s;
	s += strcspn(s, " \t");
	if (*s == '\0')
		return 1;
	*s++ = '\0';
	s += strspn(s, " \t");
	if (*s == '\0' || *s == '#')
		return 1;
	*arg = s;
	s += strcspn(s, " \t");
	if (*s == '\0')
		return 2;
	*s++ = '\0';
	extra = s + strspn(s, " \t");
	if (*extra == '\0' || *extra == '#')
		return 2;
	return 3;
}

/* Takes `source TEXT`: the notice's text is kept whole, "#" included. */
static int cal_parse_source(struct cal_parse *p, char *text, char *err, size_t errsz)
{
	text = yc_trim(text);
	if (p->source_line != 0)
		return yc_seterr(err, errsz, _("%s:%d: source 重复（第 %d 行已给出）"),
				 p->name, p->lineno, p->source_line);
	if (*text == '\0')
		return yc_seterr(err, errsz, _("%s:%d: source 后应写明依据的通知（文号或标题）"),
				 p->name, p->lineno);
	p->cy->source = yc_strdup(text);
	if (!p->cy->source)
		return yc_seterr(err, errsz, _("%s:%d: 内存不足"), p->name, p->lineno);
	p->source_line = p->lineno;
	return 0;
}

/* Handles one line (NUL-terminated, without its newline). */
static int cal_parse_line(struct cal_parse *p, char *line, char *err, size_t errsz)
{
	char *start = line + strspn(line, " \t");
	size_t wlen = strcspn(start, " \t");
	char *word, *arg;
	int n;

	if (wlen == 6 && strncmp(start, "source", 6) == 0)
		return cal_parse_source(p, start + 6, err, errsz);
	n = cal_split(line, &word, &arg);
	if (n == 0)
		return 0;
	if (strcmp(word, "year") != 0 && strcmp(word, "off") != 0 && strcmp(word, "work") != 0)
		return yc_seterr(err, errsz, _("%s:%d: 未知指令 “%s”；应为 year、source、off 或 work"),
				 p->name, p->lineno, word);
	if (n == 1)
		return yc_seterr(err, errsz, _("%s:%d: %s 后缺少参数"), p->name, p->lineno, word);
	if (n == 3)
		return yc_seterr(err, errsz,
				 _("%s:%d: %s 只接受一个参数（日期或日期范围），说明请写在 # 之后"),
				 p->name, p->lineno, word);
	if (strcmp(word, "year") == 0)
		return cal_parse_year(p, arg, err, errsz);
	if (p->year == 0)
		return yc_seterr(err, errsz, _("%s:%d: %s 出现在 year 之前；文件须先用 year 声明年份"),
				 p->name, p->lineno, word);
	return cal_parse_days(p, strcmp(word, "off") == 0 ? DAY_HOLIDAY : DAY_MAKEUP, arg,
			      err, errsz);
}

/* Walks the text line by line; on success the year is complete. */
static int cal_parse_text(struct cal_parse *p, const char *text, char *err, size_t errsz)
{
	char line[CAL_LINE_MAX];
	const char *s = text;

	while (*s != '\0') {
		size_t len = strcspn(s, "\n");

		p->lineno++;
		if (len >= sizeof line)
			return yc_seterr(err, errsz, _("%s:%d: 行太长（最多 %d 字节）"),
					 p->name, p->lineno, CAL_LINE_MAX - 1);
		memcpy(line, s, len);
		line[len] = '\0';
		if (len > 0 && line[len - 1] == '\r')
			line[len - 1] = '\0';	/* a file saved with CRLF line ends */
		if (!utf8_valid(line, strlen(line)))
			return yc_seterr(err, errsz, _("%s:%d: 不是有效的 UTF-8 文本"),
					 p->name, p->lineno);
		if (cal_parse_line(p, line, err, errsz) != 0)
			return -1;
		s += len;
		if (*s == '\n')
			s++;
	}
	if (p->year == 0)
		return yc_seterr(err, errsz, _("%s:%d: 缺少 year 行；文件须用 “year YYYY” 声明所描述的年份"),
				 p->name, p->lineno > 0 ? p->lineno : 1);
	return 0;
}

/* Parses one year into a new structure and, only when the whole text is
 * valid, puts it in place of that year's data (if any). */
int calendar_parse(struct calendar *cal, const char *text, const char *name,
		   char *err, size_t errsz)
{
	struct cal_parse *p;
	struct cal_year *cy;
	int idx;

	assert(cal && text);
	if (!name)
		name = "calendar";
	p = calloc(1, sizeof *p);
	cy = calloc(1, sizeof *cy);
	if (!p || !cy) {
		free(p);
		free(cy);
		return yc_seterr(err, errsz, _("%s: 内存不足"), name);
	}
	p->name = name;
	p->cy = cy;
	if (cal_parse_text(p, text, err, errsz) != 0) {
		free(p);
		cal_year_free(cy);
		return -1;
	}
	free(p);
	if (!cy->source) {
		cy->source = yc_strdup("");
		if (!cy->source) {
			cal_year_free(cy);
			return yc_seterr(err, errsz, _("%s: 内存不足"), name);
		}
	}
	cy->cum[0] = 0;
	for (int i = 0; i < cy->ndays; i++)
		cy->cum[i + 1] = (unsigned short)(cy->cum[i] +
			(cy->kind[i] == DAY_WORKDAY || cy->kind[i] == DAY_MAKEUP));
	idx = cy->year - CAL_FIRST_YEAR;
	cal_year_free(cal->years[idx]);
	cal->years[idx] = cy;
	return 0;
}

/* Loads data/calendar/YEAR.cal as compiled in; each file must declare the
 * year its name says, so that a copied file left unedited is caught. */
int calendar_load_builtin(struct calendar *cal, char *err, size_t errsz)
{
	for (const struct embedded_file *f = builtin_calendars; f->name; f++) {
		int year = atoi(f->name);

		if (calendar_parse(cal, f->text, f->name, err, errsz) != 0)
			return -1;
		if (year != 0 && !calendar_has_year(cal, year))
			return yc_seterr(err, errsz, _("%s: 文件名表明是 %d 年，但文件中的 year 行不是 %d"),
					 f->name, year, year);
	}
	return 0;
}

/* ---- queries -------------------------------------------------------- */

int calendar_has_year(const struct calendar *cal, int year)
{
	return calendar_year(cal, year) != NULL;
}

const char *calendar_source(const struct calendar *cal, int year)
{
	const struct cal_year *cy = calendar_year(cal, year);

	return cy ? cy->source : "";
}

size_t calendar_years(const struct calendar *cal, int *years, size_t max)
{
	size_t n = 0;

	for (int i = 0; cal && i < CAL_NYEARS && n < max; i++)
		if (cal->years[i])
			years[n++] = CAL_FIRST_YEAR + i;
	return n;
}

enum day_kind calendar_day_kind(const struct calendar *cal, int day)
{
	const struct cal_year *cy = calendar_year(cal, date_year(day));

	if (!cy)
		return workdays_week_kind(day);
	assert(day - cy->first >= 0 && day - cy->first < cy->ndays);
	return (enum day_kind)cy->kind[day - cy->first];
}

int calendar_is_workday(const struct calendar *cal, int day)
{
	enum day_kind k = calendar_day_kind(cal, day);

	return k == DAY_WORKDAY || k == DAY_MAKEUP;
}

/* ---- arithmetic ----------------------------------------------------- */

/* Records that an answer relied on year y, which has no official data. */
static void workdays_note_year(struct workdays_note *note, int y)
{
	if (!note)
		return;
	for (int i = 0; i < note->n; i++)
		if (note->years[i] == y)
			return;
	if (note->n < WORKDAYS_MAX_PROVISIONAL)
		note->years[note->n++] = y;
}

/* Monday-to-Friday days in [lo, hi] (lo <= hi). */
static long workdays_weekdays_in(int lo, int hi)
{
	long len = (long)hi - lo + 1;
	long count = len / 7 * 5;
	int rest = (int)(len % 7);
	int w = date_weekday(lo);

	for (int i = 0; i < rest; i++)
		if ((w + i) % 7 < 5)
			count++;
	return count;
}

/* Working days in [lo, hi], both in year y; notes y when provisional. */
static long workdays_in_year(const struct calendar *cal, int y, int lo, int hi,
			     struct workdays_note *note)
{
	const struct cal_year *cy = calendar_year(cal, y);

	assert(lo <= hi);
	if (!cy) {
		workdays_note_year(note, y);
		return workdays_weekdays_in(lo, hi);
	}
	return cy->cum[hi - cy->first + 1] - cy->cum[lo - cy->first];
}

/* Working days in (lo, hi], lo < hi, year by year. */
static long workdays_count(const struct calendar *cal, int lo, int hi,
			   struct workdays_note *note)
{
	long total = 0;
	int day = lo + 1;

	assert(lo < hi);
	while (day <= hi) {
		int y = date_year(day);
		int last = date_from_ymd(y + 1, 1, 1) - 1;

		if (last > hi)
			last = hi;
		total += workdays_in_year(cal, y, day, last, note);
		day = last + 1;
	}
	return total;
}

int workdays_add(const struct calendar *cal, int from, int n, int *out,
		 struct workdays_note *note)
{
	int day = from;
	int left = n;

	if (note)
		memset(note, 0, sizeof *note);
	if (n < 0 || n > WORKDAYS_MAX_ADD || from > INT_MAX / 2 || from < INT_MIN / 2)
		return -1;
	/* Whole years (or the rest of the first one) are skipped with the
	 * running counts; the year where the count ends is walked day by day. */
	while (left > 0) {
		int y = date_year(day + 1);
		int last = date_from_ymd(y + 1, 1, 1) - 1;
		long in = workdays_in_year(cal, y, day + 1, last, note);

		if (in < left) {
			left -= (int)in;
			day = last;
			continue;
		}
		while (left > 0) {
			day++;
			assert(day <= last);
			if (calendar_is_workday(cal, day))
				left--;
		}
	}
	*out = day;
	return 0;
}

int workdays_between(const struct calendar *cal, int a, int b,
		     struct workdays_note *note)
{
	long count;

	if (note)
		memset(note, 0, sizeof *note);
	/* Day numbers of real dates; far from int's limits. */
	assert(a > INT_MIN / 2 && a < INT_MAX / 2 && b > INT_MIN / 2 && b < INT_MAX / 2);
	if (a == b)
		return 0;
	if (a < b)
		count = workdays_count(cal, a, b, note);
	else
		count = -workdays_count(cal, b, a, note);
	if (count > INT_MAX)
		return INT_MAX;
	if (count < -INT_MAX)
		return -INT_MAX;
	return (int)count;
}
