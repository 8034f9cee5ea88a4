/*
 * main.c — entry point of yichuang: global options and the table of
 * subcommands.  With no command it opens the full-screen program.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yichuang/util.h"
#include "../tui/app.h"
#include "cli.h"
#include "cli_calendar.h"
#include "cli_cases.h"
#include "cli_backoffice.h"

struct command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "init", cmd_init, N_("创建工作站数据库（站点代码、终端号）") },
	{ "catalog", cmd_catalog, N_("事项目录：check 检查、import 导入、list 列表、show 详情") },
	{ "workdays", cmd_workdays, N_("工作日计算：add 加工作日、between 区间工作日数") },
	{ "calendar", cmd_calendar, N_("日历：import 导入、list 列表、show 详情") },
	{ "idcheck", cmd_idcheck, N_("校验身份证号码或统一社会信用代码") },
	{ "user", cmd_user, N_("用户：add 添加、list 列表") },
	{ "case", cmd_case, N_("办件：list 列表、show 详情、review/decide 审批、deliver 送达……") },
	{ "handover", cmd_handover, N_("交接单：材料交接、结果交接的登记、签收、查看") },
	{ "print", cmd_print, N_("打印文书：受理通知书、补正通知书、一次性告知单……") },
	{ "setting", cmd_setting, N_("工作站设置：list 列表、set 设置、unset 取消") },
	{ "supervise", cmd_supervise, N_("电子监察：预警、黄牌、红牌") },
	{ "sync", cmd_sync, N_("与中心同步一轮：上传待同步事件，下载新事件和基础数据") },
};

static void usage(FILE *out)
{
	fprintf(out, _("用法: yichuang [--db 路径] [--lang zh|en] [命令 [参数...]]\n"
		       "不带命令时打开全屏程序。\n"));
	fprintf(out, _("\n命令:\n"));
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
	fprintf(out, _("\n选项:\n"
		       "  --db 路径     工作站数据库（也可用环境变量 YICHUANG_DB）\n"
		       "  --lang zh|en  界面语言（默认按 locale，未设置时为中文）\n"
		       "  --script 文件 --dump-dir 目录\n"
		       "               （供测试）全屏程序从文件读取按键，把屏幕写入目录\n"
		       "  --help       显示本帮助\n"
		       "  --version    显示版本\n"
		       "\n详见 yichuang(1)。\n"));
}

/* The database when neither --db nor YICHUANG_DB names one:
 * $XDG_DATA_HOME/yichuang/yichuang.db, else ~/.local/share/yichuang/. */
static const char *default_db_path(void)
{
	static char path[4096];
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (xdg && *xdg)
		snprintf(path, sizeof path, "%s/yichuang/yichuang.db", xdg);
	else if (home && *home)
		snprintf(path, sizeof path, "%s/.local/share/yichuang/yichuang.db", home);
	else
		snprintf(path, sizeof path, "yichuang.db");
	return path;
}

/* Takes every `--db PATH` / `--db=PATH` out of argv (up to a `--`), so that
 * the option works before or after the command.  Returns the new argc, or
 * -1 when --db lacks its argument. */
static int take_db_option(struct cli *cli, int argc, char **argv)
{
	int out = 0;
	int i;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--db") == 0) {
			if (i + 1 >= argc || argv[i + 1][0] == '\0')
				return -1;
			cli->db_path = argv[++i];
			cli->db_explicit = 1;
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			if (argv[i][5] == '\0')
				return -1;
			cli->db_path = argv[i] + 5;
			cli->db_explicit = 1;
		} else {
			argv[out++] = argv[i];
		}
	}
	for (; i < argc; i++)
		argv[out++] = argv[i];
	argv[out] = NULL;
	return out;
}

/* 1 when the locale name is the plain C one, where gettext translates
 * nothing. */
static int yc_locale_is_c(const char *name)
{
	return !name || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0;
}

/* Takes the leading `--lang L`, `--script FILE` and `--dump-dir DIR`
 * options (before the command).  Returns how many argv entries they used,
 * or -1 with the message printed. */
static int take_ui_options(int argc, char **argv, const char **script, const char **dump_dir)
{
	int i = 0;

	while (i < argc && (strcmp(argv[i], "--lang") == 0 || strcmp(argv[i], "--script") == 0 ||
			    strcmp(argv[i], "--dump-dir") == 0)) {
		if (i + 1 >= argc || argv[i + 1][0] == '\0') {
			cli_error(_("%s 需要一个参数"), argv[i]);
			return -1;
		}
		if (strcmp(argv[i], "--lang") == 0) {
			if (strcmp(argv[i + 1], "zh") != 0 && strcmp(argv[i + 1], "en") != 0) {
				cli_error(_("--lang 只能是 zh（中文）或 en（英文），不是 “%s”"), argv[i + 1]);
				return -1;
			}
			/* gettext picks the catalog from LANGUAGE; Chinese is the
			 * source language, so zh needs no catalog at all. */
			setenv("LANGUAGE", strcmp(argv[i + 1], "zh") == 0 ? "zh_CN" : "en", 1);
			setlocale(LC_MESSAGES, "");
			/* gettext ignores LANGUAGE in the C locale: use its
			 * UTF-8 twin, which every glibc system has. */
			if (yc_locale_is_c(setlocale(LC_MESSAGES, NULL)))
				setlocale(LC_MESSAGES, "C.UTF-8");
		} else if (strcmp(argv[i], "--script") == 0) {
			*script = argv[i + 1];
		} else {
			*dump_dir = argv[i + 1];
		}
		i += 2;
	}
	return i;
}

/* Where the message catalogs are: $(O)/locale beside the program when it
 * runs from its build directory (make builds them there), else the
 * installed ones. */
static const char *locale_dir(void)
{
	static char dir[4096];
	struct stat sb;
	ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - sizeof "/locale");
	char *slash;

	if (n <= 0)
		return YC_LOCALEDIR;
	dir[n] = '\0';
	slash = strrchr(dir, '/');
	if (!slash)
		return YC_LOCALEDIR;
	memcpy(slash, "/locale", sizeof "/locale");
	if (stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode))
		return dir;
	return YC_LOCALEDIR;
}

int main(int argc, char **argv)
{
	const char *script = NULL, *dump_dir = NULL;
	int used;
	struct cli cli = { .argv0 = "yichuang" };
	const char *env;

	setlocale(LC_ALL, "");
	bindtextdomain("yichuang", locale_dir());
	bind_textdomain_codeset("yichuang", "UTF-8");
	textdomain("yichuang");

	env = getenv("YICHUANG_DB");
	if (env && *env) {
		cli.db_path = env;
		cli.db_explicit = 1;
	} else {
		cli.db_path = default_db_path();
	}

	argc = take_db_option(&cli, argc - 1, argv + 1);
	argv++;
	if (argc < 0) {
		cli_error(_("--db 需要一个数据库文件路径"));
		return EXIT_USAGE;
	}
	used = take_ui_options(argc, argv, &script, &dump_dir);
	if (used < 0)
		return EXIT_USAGE;
	argc -= used;
	argv += used;
	if (argc == 0)
		return tui_app_main(cli.db_path, script, dump_dir);
	if (script || dump_dir) {
		cli_error(_("--script 和 --dump-dir 只用于全屏程序（不带命令时）"));
		return EXIT_USAGE;
	}
	if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0 ||
	    strcmp(argv[0], "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[0], "--version") == 0) {
		printf("yichuang %s\n", YC_VERSION);
		return EXIT_OK;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[0], commands[i].name) == 0)
			return commands[i].run(&cli, argc, argv);

	cli_error(_("未知命令 “%s”；用 yichuang --help 查看命令列表"), argv[0]);
	return EXIT_USAGE;
}
