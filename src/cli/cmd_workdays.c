/*
 * cmd_workdays.c — `yichuang workdays`: time limits in working days on the
 * official calendar (built-in years plus those stored in the database).
 *
 *   yichuang workdays add DATE N         the date N working days after DATE
 *   yichuang workdays between A B        working days after A up to B
 *   yichuang workdays info DATE          the kind of the day and its source
 *
 * An answer that relied on a year without an official calendar is printed
 * as usual and a warning on stderr names the year as provisional.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "yichuang/date.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "cli.h"

/* Largest N of `add`; workdays_add refuses more. */
#define WORKDAYS_CLI_MAX_N 100000

/* The three forms of the command, one line each. */
static void workdays_synopsis(FILE *out)
{
	fputs(_("用法: yichuang workdays add 日期 N\n"
		"      yichuang workdays between 日期A 日期B\n"
		"      yichuang workdays info 日期\n"), out);
}

/* The full help of `workdays --help`. */
static void workdays_usage(FILE *out)
{
	workdays_synopsis(out);
	fputs(_("\n"
		"  add      打印日期之后第 N 个工作日（N 为 0 至 100000 的整数；N 为 0 时即该日期）\n"
		"  between  打印日期A 之后至日期B（含）的工作日数；日期B 早于日期A 时为负数\n"
		"  info     打印该日是工作日、周末、法定节假日还是调休上班，以及依据\n"
		"\n"
		"日期写作 YYYY-MM-DD。起算日不计入，法定节假日不计，调休上班的周末计入\n"
		"（行政许可法第八十二条）。尚无官方节假日安排的年份按周一至周五推算，\n"
		"结果照常打印，并在标准错误输出警告其为暂定。\n"), out);
}

/* Prints "yichuang: workdays: MESSAGE" and the synopsis on stderr; returns
 * EXIT_USAGE. */
static int workdays_usage_error(const char *fmt, ...) YC_PRINTF(1, 2);
static int workdays_usage_error(const char *fmt, ...)
{
	char msg[YC_ERRSZ];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cli_error("workdays: %s", msg);
	workdays_synopsis(stderr);
	fputs(_("详见 yichuang workdays --help。\n"), stderr);
	return EXIT_USAGE;
}

/* Parses a date argument; what names it in the message (e.g. "日期A"). */
static int workdays_arg_date(const char *s, const char *what, int *day)
{
	if (date_parse(s, day) == 0)
		return 0;
	workdays_usage_error(_("%s “%s” 无效：应为 YYYY-MM-DD 格式的真实日期（1900 至 2199 年）"),
			     what, s);
	return -1;
}

/* Parses N: decimal digits only, 0 to WORKDAYS_CLI_MAX_N. */
static int workdays_arg_count(const char *s, int *n)
{
	long v = 0;
	const char *p = s;

	if (*p == '-' && p[1] >= '0' && p[1] <= '9') {
		workdays_usage_error(_("工作日数 N “%s” 不能为负数"), s);
		return -1;
	}
	if (*p == '\0') {
		workdays_usage_error(_("工作日数 N 不能为空，应为 0 至 %d 的整数"),
				     WORKDAYS_CLI_MAX_N);
		return -1;
	}
	for (; *p; p++) {
		if (*p < '0' || *p > '9') {
			workdays_usage_error(_("工作日数 N “%s” 不是整数，应为 0 至 %d 的整数"),
					     s, WORKDAYS_CLI_MAX_N);
			return -1;
		}
		if (v <= WORKDAYS_CLI_MAX_N)
			v = v * 10 + (*p - '0');
	}
	if (v > WORKDAYS_CLI_MAX_N) {
		workdays_usage_error(_("工作日数 N “%s” 过大，最多 %d"), s, WORKDAYS_CLI_MAX_N);
		return -1;
	}
	*n = (int)v;
	return 0;
}

/* Warns on stderr when the answer relied on years without official data. */
static void workdays_warn_provisional(const struct workdays_note *note)
{
	char years[128] = "";
	size_t len = 0;

	if (note->n == 0)
		return;
	for (int i = 0; i < note->n && len < sizeof years; i++) {
		int w = snprintf(years + len, sizeof years - len, "%s%d",
				 i > 0 ? _("、") : "", note->years[i]);

		if (w < 0)
			break;
		len += (size_t)w;
	}
	if (note->n == WORKDAYS_MAX_PROVISIONAL)
		cli_warn(_("%s 等年份尚无官方节假日安排，按周一至周五推算，结果为暂定"), years);
	else
		cli_warn(_("%s 年尚无官方节假日安排，按周一至周五推算，结果为暂定"), years);
}

/* Name of a day of the week, 0 = Monday. */
static const char *workdays_weekday_name(int w)
{
	static const char *const names[] = {
		N_("星期一"), N_("星期二"), N_("星期三"), N_("星期四"),
		N_("星期五"), N_("星期六"), N_("星期日")
	};

	return _(names[w]);
}

/* What a clerk calls a kind of day. */
static const char *workdays_kind_name(enum day_kind k)
{
	switch (k) {
	case DAY_WORKDAY:
		return _("工作日");
	case DAY_WEEKEND:
		return _("周末");
	case DAY_HOLIDAY:
		return _("法定节假日");
	case DAY_MAKEUP:
		return _("调休上班");
	}
	return "?";
}

/* `info DATE`: the kind of the day and what it rests on. */
static void workdays_print_info(const struct calendar *cal, int day)
{
	char buf[16];
	int y = date_year(day);
	enum day_kind k = calendar_day_kind(cal, day);

	printf(_("日期: %s %s\n"), date_format(day, buf, sizeof buf),
	       workdays_weekday_name(date_weekday(day)));
	if (calendar_has_year(cal, y)) {
		const char *src = calendar_source(cal, y);

		printf(_("类型: %s\n"), workdays_kind_name(k));
		printf(_("依据: %d 年官方节假日安排%s%s\n"), y, *src ? _("，") : "", src);
	} else {
		struct workdays_note note = { .years = { y }, .n = 1 };

		printf(_("类型: %s（暂定）\n"), workdays_kind_name(k));
		printf(_("依据: %d 年尚无官方节假日安排，按周一至周五推算\n"), y);
		workdays_warn_provisional(&note);
	}
}

/* Checks every argument before the calendar is loaded, so that a usage
 * error never depends on the database. */
int cmd_workdays(struct cli *cli, int argc, char **argv)
{
	struct workdays_note note = { .n = 0 };
	struct calendar *cal;
	const char *sub;
	int a = 0, b = 0, n = 0, want;
	char buf[16];

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			workdays_usage(stdout);
			return EXIT_OK;
		}
	}
	if (argc < 2)
		return workdays_usage_error(_("缺少子命令：应为 add、between 或 info"));
	sub = argv[1];
	if (strcmp(sub, "add") == 0)
		want = 2;
	else if (strcmp(sub, "between") == 0)
		want = 2;
	else if (strcmp(sub, "info") == 0)
		want = 1;
	else
		return workdays_usage_error(_("未知子命令 “%s”：应为 add、between 或 info"), sub);
	if (argc - 2 < want)
		return workdays_usage_error(_("%s 缺少参数：需要 %d 个，只给了 %d 个"),
					    sub, want, argc - 2);
	if (argc - 2 > want)
		return workdays_usage_error(_("%s 参数过多：需要 %d 个，给了 %d 个（多余的 “%s”）"),
					    sub, want, argc - 2, argv[2 + want]);

	if (strcmp(sub, "add") == 0) {
		if (workdays_arg_date(argv[2], _("日期"), &a) != 0 ||
		    workdays_arg_count(argv[3], &n) != 0)
			return EXIT_USAGE;
	} else if (strcmp(sub, "between") == 0) {
		if (workdays_arg_date(argv[2], _("日期A"), &a) != 0 ||
		    workdays_arg_date(argv[3], _("日期B"), &b) != 0)
			return EXIT_USAGE;
	} else if (workdays_arg_date(argv[2], _("日期"), &a) != 0) {
		return EXIT_USAGE;
	}

	cal = cli_load_calendar(cli);
	if (!cal)
		return EXIT_USAGE;
	if (strcmp(sub, "add") == 0) {
		if (workdays_add(cal, a, n, &b, &note) != 0) {
			calendar_free(cal);
			return workdays_usage_error(_("无法计算 %s 之后第 %d 个工作日"),
						    argv[2], n);
		}
		if (date_year(b) > 2199) {
			calendar_free(cal);
			return workdays_usage_error(_("%s 之后第 %d 个工作日已超出 2199 年，超出本程序的日期范围"),
						    argv[2], n);
		}
		printf("%s\n", date_format(b, buf, sizeof buf));
		workdays_warn_provisional(&note);
	} else if (strcmp(sub, "between") == 0) {
		printf("%d\n", workdays_between(cal, a, b, &note));
		workdays_warn_provisional(&note);
	} else {
		workdays_print_info(cal, a);
	}
	calendar_free(cal);
	return EXIT_OK;
}
