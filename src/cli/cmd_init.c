/*
 * cmd_init.c — `yichuang init --site CODE --terminal N`: creates the
 * workstation database and records the terminal's identity, which every
 * case number it issues will carry.  An initialised database is never
 * re-initialised.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/store.h"
#include "yichuang/util.h"
#include "cli.h"

static void init_usage(FILE *out)
{
	fprintf(out, "%s", _("用法: yichuang [--db 路径] init --site 站点代码 --terminal 终端号\n"
			     "\n"
			     "创建工作站数据库，并记录本终端的身份（以后不能更改）。\n"
			     "  --site 站点代码      1 到 12 个字符：数字和大写字母 ABCDEFGHJKLMNPQRTUWXY\n"
			     "  --terminal 终端号    1 到 99\n"));
}

/* Parses a terminal number 1..99; -1 when it is not one. */
static int init_parse_terminal(const char *s)
{
	char *end;
	long v;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 1 || v > 99)
		return -1;
	return (int)v;
}

int cmd_init(struct cli *cli, int argc, char **argv)
{
	const char *site = NULL, *term_text = NULL;
	char err[YC_ERRSZ];
	char old_site[32];
	struct store *st;
	int terminal, old_terminal = 0, rc;

	for (int i = 1; i < argc; i++) {
		const char *val = NULL;

		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			init_usage(stdout);
			return EXIT_OK;
		}
		if (cli_option(argc, argv, &i, "--site", &val)) {
			if (!val || !*val) {
				cli_error(_("--site 需要站点代码"));
				init_usage(stderr);
				return EXIT_USAGE;
			}
			site = val;
		} else if (cli_option(argc, argv, &i, "--terminal", &val)) {
			if (!val || !*val) {
				cli_error(_("--terminal 需要终端号"));
				init_usage(stderr);
				return EXIT_USAGE;
			}
			term_text = val;
		} else {
			cli_error(_("init 不认识参数 “%s”"), argv[i]);
			init_usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (!site || !term_text) {
		cli_error(_("init 需要 --site 和 --terminal"));
		init_usage(stderr);
		return EXIT_USAGE;
	}
	if (!store_site_valid(site)) {
		cli_error(_("站点代码 “%s” 无效：应为 1 到 12 个字符，只用数字和大写字母"
			    " ABCDEFGHJKLMNPQRTUWXY"), site);
		init_usage(stderr);
		return EXIT_USAGE;
	}
	terminal = init_parse_terminal(term_text);
	if (terminal < 0) {
		cli_error(_("终端号 “%s” 无效：应为 1 到 99 的整数"), term_text);
		init_usage(stderr);
		return EXIT_USAGE;
	}

	st = cli_open_store(cli, 1);
	if (!st)
		return EXIT_USAGE;
	rc = store_terminal(st, old_site, sizeof old_site, &old_terminal);
	if (rc == 1) {
		cli_error(_("数据库 %s 已经初始化为站点 %s、终端 %d；工作站身份不能更改，"
			    "如需新身份请用 --db 指定新的数据库文件"),
			  store_path(st), old_site, old_terminal);
		store_close(st);
		return EXIT_FAIL;
	}
	if (rc < 0 || store_init_terminal(st, site, terminal, err, sizeof err) != 0) {
		if (rc < 0)
			snprintf(err, sizeof err, _("无法读取数据库 %s 的工作站身份"), store_path(st));
		cli_error("%s", err);
		store_close(st);
		return EXIT_FAIL;
	}
	printf(_("已初始化工作站数据库 %s\n"), store_path(st));
	printf(_("  站点代码：%s\n"), site);
	printf(_("  终端号：%d\n"), terminal);
	printf(_("  数据库结构版本：%d\n"), store_schema_version());
	store_close(st);
	return EXIT_OK;
}
