/*
 * cmd_catalog.c — `yichuang catalog`: dispatches its subcommands and
 * implements `catalog check PATH...`.  import, list and show are in
 * catalog_view.c.
 */
#include <stdio.h>
#include <string.h>

#include "yichuang/catalog.h"
#include "yichuang/util.h"
#include "catalog_load.h"
#include "cli.h"

static void catalog_usage(FILE *out)
{
	fprintf(out, "%s", _("用法: yichuang catalog 子命令 [参数...]\n"
			     "\n子命令:\n"
			     "  check 路径...        检查事项目录文件（.item、.bundle 或目录），列出每个问题\n"
			     "  import 路径...       检查无误后导入为新的目录版本\n"
			     "  list [--json]        列出当前目录版本的事项和一件事\n"
			     "  show 编码 [--json]   显示一个事项或一件事的全部内容\n"
			     "\n文件格式见 yichuang-forms(5)。\n"));
}

/* `catalog check PATH...`: every problem on stdout, a summary on stderr;
 * exit 0 without errors (warnings allowed), 1 with errors. */
static int catalog_check(int argc, char **argv)
{
	struct catalog cat;
	struct catalog_diags d;
	size_t nfiles = 0;
	int first = 1, nerr;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("%s", _("用法: yichuang catalog check 路径...\n"
			       "路径为 .item 或 .bundle 文件，或含有这些文件的目录。\n"
			       "每个问题输出一行 “文件:行号: 说明”；有错误时退出码为 1。\n"));
		return EXIT_OK;
	}
	if (argc >= 2 && strcmp(argv[1], "--") == 0) {
		first = 2;
	} else {
		for (int i = 1; i < argc; i++) {
			if (argv[i][0] == '-' && argv[i][1] != '\0') {
				cli_error(_("catalog check 不认识选项 “%s”"), argv[i]);
				return EXIT_USAGE;
			}
		}
	}
	if (argc <= first) {
		cli_error(_("catalog check 需要至少一个文件或目录；用法: yichuang catalog check 路径..."));
		return EXIT_USAGE;
	}
	catalog_init(&cat);
	memset(&d, 0, sizeof d);
	nerr = catalog_load_paths_count(argc - first, argv + first, &cat, &d, &nfiles);
	catalog_print_diags(stdout, &d);
	fflush(stdout);
	fprintf(stderr, _("检查了 %zu 个文件：%zu 个错误，%zu 个警告\n"), nfiles,
		d.nerrors, d.n - (d.n >= d.nerrors ? d.nerrors : d.n));
	catalog_diags_free(&d);
	catalog_free(&cat);
	return nerr > 0 ? EXIT_FAIL : EXIT_OK;
}

int cmd_catalog(struct cli *cli, int argc, char **argv)
{
	const char *sub;

	if (argc < 2) {
		catalog_usage(stderr);
		return EXIT_USAGE;
	}
	sub = argv[1];
	if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 || strcmp(sub, "help") == 0) {
		catalog_usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(sub, "check") == 0)
		return catalog_check(argc - 1, argv + 1);
	if (strcmp(sub, "import") == 0)
		return catalog_cmd_import(cli, argc - 1, argv + 1);
	if (strcmp(sub, "list") == 0)
		return catalog_cmd_list(cli, argc - 1, argv + 1);
	if (strcmp(sub, "show") == 0)
		return catalog_cmd_show(cli, argc - 1, argv + 1);
	cli_error(_("catalog 没有子命令 “%s”；可用的有 check、import、list、show"), sub);
	return EXIT_USAGE;
}
