/*
 * cmd_calendar.c — `yichuang calendar`: the official working-day calendars.
 *
 *   yichuang calendar import FILE...   check the files; when none has an
 *                                      error, store them all in the
 *                                      database in one transaction
 *   yichuang calendar list             every year the program knows, built
 *                                      in or stored, with its counts
 *   yichuang calendar show YEAR        a year's holidays and 调休 days
 *
 * A year stored in the database replaces the built-in one (as in
 * cli_load_calendar), and both list and show say which one is in force.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "cli.h"
#include "cli_calendar.h"

/* Years date_parse and the calendar accept. */
#define CALCMD_FIRST_YEAR 1900
#define CALCMD_LAST_YEAR 2199
#define CALCMD_NYEARS (CALCMD_LAST_YEAR - CALCMD_FIRST_YEAR + 1)

/* The three forms of the command, one line each. */
static void calcmd_synopsis(FILE *out)
{
	fputs(_("用法: yichuang calendar import 文件...\n"
		"      yichuang calendar list\n"
		"      yichuang calendar show 年份\n"), out);
}

/* The full help of `calendar --help`. */
static void calcmd_usage(FILE *out)
{
	calcmd_synopsis(out);
	fputs(_("\n"
		"  import  检查日历文件；全部无误时在同一事务中存入数据库，有任何错误则一个也不存。\n"
		"          数据库中已有的年份被替换。\n"
		"  list    列出程序所知的每一年：来源（内置或数据库）、依据的通知、放假天数和调休上班天数。\n"
		"          数据库中的年份代替内置的同一年份。\n"
		"  show    列出该年的放假日期和调休上班日期\n"
		"\n"
		"日历文件的格式见 yichuang(1) 的 WORKING DAYS 一节。数据库用 --db 指定，\n"
		"须先用 yichuang init 创建；list 和 show 在没有数据库时只列内置日历。\n"), out);
}

/* Prints "yichuang: calendar: MESSAGE" and the synopsis on stderr; returns
 * EXIT_USAGE. */
static int calcmd_usage_error(const char *fmt, ...) YC_PRINTF(1, 2);
static int calcmd_usage_error(const char *fmt, ...)
{
	char msg[YC_ERRSZ];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cli_error("calendar: %s", msg);
	calcmd_synopsis(stderr);
	fputs(_("详见 yichuang calendar --help。\n"), stderr);
	return EXIT_USAGE;
}

/* The note shown for a year's source: the notice, or a word saying none. */
static const char *calcmd_source_text(const struct calendar *cal, int year)
{
	const char *src = calendar_source(cal, year);

	return *src ? src : _("未注明");
}

/* ---- import ------------------------------------------------------------- */

/* One file of an import, read and checked. */
struct calcmd_file {
	const char *path;
	char *text;
	int year;
};

/* Reads and parses one file into cal (which collects every year of the
 * import).  Returns 0, or -1 with the message printed. */
static int calcmd_read_one(struct calcmd_file *f, struct calendar *cal,
			   const struct calcmd_file *files, size_t nbefore)
{
	struct calendar *one;
	char err[YC_ERRSZ];
	size_t len = 0;
	int years[2];

	f->text = yc_read_file(f->path, &len, err, sizeof err);
	if (!f->text) {
		cli_error("%s", err);
		return -1;
	}
	if (strlen(f->text) != len) {
		cli_error(_("%s: 含有 NUL 字节，不是日历文本文件"), f->path);
		return -1;
	}
	one = calendar_new();
	if (!one) {
		cli_error(_("内存不足"));
		return -1;
	}
	if (calendar_parse(one, f->text, f->path, err, sizeof err) != 0) {
		cli_error("%s", err);
		calendar_free(one);
		return -1;
	}
	/* calendar_parse succeeds only with exactly one year line. */
	if (calendar_years(one, years, 2) != 1) {
		calendar_free(one);
		cli_error(_("%s: 应只描述一年"), f->path);
		return -1;
	}
	calendar_free(one);
	f->year = years[0];
	for (size_t j = 0; j < nbefore; j++) {
		if (files[j].text && files[j].year == f->year) {
			cli_error(_("%s: 与 %s 同为 %d 年的日历；每年只能导入一份"),
				  f->path, files[j].path, f->year);
			return -1;
		}
	}
	if (calendar_parse(cal, f->text, f->path, err, sizeof err) != 0) {
		cli_error("%s", err);
		return -1;
	}
	return 0;
}

/* Frees the texts of an import. */
static void calcmd_files_free(struct calcmd_file *files, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(files[i].text);
	free(files);
}

/* `import FILE...`: every file is checked (all errors reported) before
 * the database is opened; then all years go in one transaction. */
static int calcmd_import(struct cli *cli, int argc, char **argv)
{
	struct calcmd_file *files;
	struct store_calendar_year *rows;
	struct calendar *cal, *builtin;
	struct store *st;
	char err[YC_ERRSZ];
	size_t n = 0;
	int bad = 0, opts = 1;

	files = calloc((size_t)argc, sizeof *files);
	if (!files) {
		cli_error(_("内存不足"));
		return EXIT_FAIL;
	}
	for (int i = 2; i < argc; i++) {
		if (opts && strcmp(argv[i], "--") == 0) {
			opts = 0;
		} else if (opts && argv[i][0] == '-' && argv[i][1] != '\0') {
			free(files);
			return calcmd_usage_error(_("import 不认识选项 “%s”"), argv[i]);
		} else {
			files[n++].path = argv[i];
		}
	}
	if (n == 0) {
		free(files);
		return calcmd_usage_error(_("import 缺少日历文件：至少给出一个文件"));
	}

	cal = calendar_new();
	builtin = calendar_new();
	if (!cal || !builtin || calendar_load_builtin(builtin, err, sizeof err) != 0) {
		cli_error("%s", cal && builtin ? err : _("内存不足"));
		calendar_free(cal);
		calendar_free(builtin);
		calcmd_files_free(files, n);
		return EXIT_FAIL;
	}
	for (size_t i = 0; i < n; i++)
		if (calcmd_read_one(&files[i], cal, files, i) != 0)
			bad++;
	if (bad) {
		cli_error(_("%d 个日历文件有错误，未导入任何日历"), bad);
		calendar_free(cal);
		calendar_free(builtin);
		calcmd_files_free(files, n);
		return EXIT_FAIL;
	}

	st = cli_open_store(cli, 0);
	if (!st) {
		calendar_free(cal);
		calendar_free(builtin);
		calcmd_files_free(files, n);
		return EXIT_USAGE;
	}
	rows = calloc(n, sizeof *rows);
	if (!rows) {
		cli_error(_("内存不足"));
		store_close(st);
		calendar_free(cal);
		calendar_free(builtin);
		calcmd_files_free(files, n);
		return EXIT_FAIL;
	}
	for (size_t i = 0; i < n; i++) {
		rows[i].year = files[i].year;
		rows[i].text = files[i].text;
	}
	if (store_calendar_put_years(st, rows, n, err, sizeof err) != 0) {
		cli_error(_("%s；未导入任何日历"), err);
		free(rows);
		store_close(st);
		calendar_free(cal);
		calendar_free(builtin);
		calcmd_files_free(files, n);
		return EXIT_FAIL;
	}
	for (size_t i = 0; i < n; i++) {
		int y = rows[i].year;

		printf(_("已导入 %d 年日历（来源：%s）"), y, calcmd_source_text(cal, y));
		if (rows[i].replaced)
			printf(_("，替换了原有的 %d 年日历"), y);
		else if (calendar_has_year(builtin, y))
			printf(_("，代替内置的 %d 年日历"), y);
		putchar('\n');
	}
	free(rows);
	store_close(st);
	calendar_free(cal);
	calendar_free(builtin);
	calcmd_files_free(files, n);
	return EXIT_OK;
}

/* ---- list and show ------------------------------------------------------ */

/* The built-in calendars and those stored in the database (empty when
 * there is no database). */
struct calcmd_sources {
	struct calendar *builtin;
	struct calendar *db;
};

static void calcmd_sources_free(struct calcmd_sources *s)
{
	calendar_free(s->builtin);
	calendar_free(s->db);
}

/* Loads both sources.  A database named with --db (or YICHUANG_DB) must be
 * usable; the default one is read only when it exists.  Returns EXIT_OK,
 * or an exit code with the message printed. */
static int calcmd_sources_load(struct cli *cli, struct calcmd_sources *s)
{
	char err[YC_ERRSZ];
	struct stat sb;

	s->builtin = calendar_new();
	s->db = calendar_new();
	if (!s->builtin || !s->db) {
		cli_error(_("内存不足"));
		calcmd_sources_free(s);
		return EXIT_FAIL;
	}
	if (calendar_load_builtin(s->builtin, err, sizeof err) != 0) {
		cli_error("%s", err);
		calcmd_sources_free(s);
		return EXIT_FAIL;
	}
	if (cli->db_explicit || stat(cli->db_path, &sb) == 0) {
		struct store *st = cli_open_store(cli, 0);

		if (!st) {
			calcmd_sources_free(s);
			return EXIT_USAGE;
		}
		if (store_calendar_load(st, s->db, err, sizeof err) != 0) {
			cli_error("%s", err);
			store_close(st);
			calcmd_sources_free(s);
			return EXIT_USAGE;
		}
		store_close(st);
	}
	return EXIT_OK;
}

/* The calendar in force for a year (the database's first), or NULL. */
static const struct calendar *calcmd_in_force(const struct calcmd_sources *s, int year)
{
	if (calendar_has_year(s->db, year))
		return s->db;
	if (calendar_has_year(s->builtin, year))
		return s->builtin;
	return NULL;
}

/* Where a year's calendar comes from, as list and show name it. */
static const char *calcmd_origin(const struct calcmd_sources *s, int year)
{
	if (calendar_has_year(s->db, year))
		return calendar_has_year(s->builtin, year) ? _("数据库（代替内置）") : _("数据库");
	return _("内置");
}

/* Counts the holidays and the 调休 working days of a year. */
static void calcmd_count_year(const struct calendar *cal, int year, int *off, int *work)
{
	int end = date_from_ymd(year + 1, 1, 1);

	*off = *work = 0;
	for (int day = date_from_ymd(year, 1, 1); day < end; day++) {
		enum day_kind k = calendar_day_kind(cal, day);

		if (k == DAY_HOLIDAY)
			(*off)++;
		else if (k == DAY_MAKEUP)
			(*work)++;
	}
}

/* `list`: a table of every known year, columns aligned in display columns. */
static int calcmd_list(struct cli *cli, int argc, char **argv)
{
	const char *head[4] = { _("年份"), _("来源"), _("放假天数"), _("调休上班天数") };
	struct calcmd_sources s;
	int years[CALCMD_NYEARS];
	int width[4];
	size_t n = 0;
	int rc;

	if (argc > 2)
		return calcmd_usage_error(_("list 不接受参数（多余的 “%s”）"), argv[2]);
	rc = calcmd_sources_load(cli, &s);
	if (rc != EXIT_OK)
		return rc;
	for (int y = CALCMD_FIRST_YEAR; y <= CALCMD_LAST_YEAR; y++)
		if (calcmd_in_force(&s, y))
			years[n++] = y;
	for (int c = 0; c < 4; c++)
		width[c] = utf8_width(head[c]);
	for (size_t i = 0; i < n; i++)
		if (utf8_width(calcmd_origin(&s, years[i])) > width[1])
			width[1] = utf8_width(calcmd_origin(&s, years[i]));
	for (int c = 0; c < 4; c++)
		cli_put_padded(head[c], width[c] + 2);
	fputs(_("依据"), stdout);
	putchar('\n');
	for (size_t i = 0; i < n; i++) {
		const struct calendar *cal = calcmd_in_force(&s, years[i]);
		char num[3][16];
		int off, work;

		calcmd_count_year(cal, years[i], &off, &work);
		snprintf(num[0], sizeof num[0], "%d", years[i]);
		snprintf(num[1], sizeof num[1], "%d", off);
		snprintf(num[2], sizeof num[2], "%d", work);
		cli_put_padded(num[0], width[0] + 2);
		cli_put_padded(calcmd_origin(&s, years[i]), width[1] + 2);
		cli_put_padded(num[1], width[2] + 2);
		cli_put_padded(num[2], width[3] + 2);
		printf("%s\n", calcmd_source_text(cal, years[i]));
	}
	calcmd_sources_free(&s);
	return EXIT_OK;
}

/* Prints the runs of days of kind `kind` in a year, one range per line;
 * returns how many days there were. */
static int calcmd_show_runs(const struct calendar *cal, int year, enum day_kind kind)
{
	int end = date_from_ymd(year + 1, 1, 1);
	int total = 0;

	for (int day = date_from_ymd(year, 1, 1); day < end; day++) {
		char a[16], b[16], range[40];
		int last = day;

		if (calendar_day_kind(cal, day) != kind)
			continue;
		while (last + 1 < end && calendar_day_kind(cal, last + 1) == kind)
			last++;
		date_format(day, a, sizeof a);
		if (last == day)
			snprintf(range, sizeof range, "%s", a);
		else
			snprintf(range, sizeof range, "%s..%s", a, date_format(last, b, sizeof b));
		/* the range is ASCII: bytes are display columns */
		printf(_("  %-22s  %d 天\n"), range, last - day + 1);
		total += last - day + 1;
		day = last;
	}
	if (total == 0)
		fputs(_("  （无）\n"), stdout);
	return total;
}

/* `show YEAR`: the year's source, holidays and 调休 days. */
static int calcmd_show(struct cli *cli, int argc, char **argv)
{
	const struct calendar *cal;
	struct calcmd_sources s;
	char *end;
	long year;
	int rc;

	if (argc < 3)
		return calcmd_usage_error(_("show 缺少年份"));
	if (argc > 3)
		return calcmd_usage_error(_("show 只接受一个年份（多余的 “%s”）"), argv[3]);
	year = strtol(argv[2], &end, 10);
	if (argv[2][0] < '0' || argv[2][0] > '9' || *end != '\0' ||
	    year < CALCMD_FIRST_YEAR || year > CALCMD_LAST_YEAR)
		return calcmd_usage_error(_("年份 “%s” 无效，应为 %d 至 %d 之间的四位数"),
					  argv[2], CALCMD_FIRST_YEAR, CALCMD_LAST_YEAR);
	rc = calcmd_sources_load(cli, &s);
	if (rc != EXIT_OK)
		return rc;
	cal = calcmd_in_force(&s, (int)year);
	if (!cal) {
		cli_error(_("%ld 年没有官方日历（内置和数据库中都没有），工作日按周一至周五推算；"
			    "收到官方通知后用 yichuang calendar import 导入"), year);
		calcmd_sources_free(&s);
		return EXIT_FAIL;
	}
	printf(_("%ld 年日历（%s）\n"), year, calcmd_origin(&s, (int)year));
	printf(_("依据: %s\n"), calcmd_source_text(cal, (int)year));
	fputs(_("放假:\n"), stdout);
	calcmd_show_runs(cal, (int)year, DAY_HOLIDAY);
	fputs(_("调休上班:\n"), stdout);
	calcmd_show_runs(cal, (int)year, DAY_MAKEUP);
	calcmd_sources_free(&s);
	return EXIT_OK;
}

/* ---- dispatch ----------------------------------------------------------- */

int cmd_calendar(struct cli *cli, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			calcmd_usage(stdout);
			return EXIT_OK;
		}
	}
	if (argc < 2)
		return calcmd_usage_error(_("缺少子命令：应为 import、list 或 show"));
	if (strcmp(argv[1], "import") == 0)
		return calcmd_import(cli, argc, argv);
	if (strcmp(argv[1], "list") == 0)
		return calcmd_list(cli, argc, argv);
	if (strcmp(argv[1], "show") == 0)
		return calcmd_show(cli, argc, argv);
	return calcmd_usage_error(_("未知子命令 “%s”：应为 import、list 或 show"), argv[1]);
}
