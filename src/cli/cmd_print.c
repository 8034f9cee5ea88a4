/* cmd_print.c — placeholder until `yichuang print` lands. */
#include "yichuang/util.h"
#include "cli.h"

int cmd_print(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	(void)argc;
	(void)argv;
	cli_error("%s", _("打印文书功能尚未启用"));
	return 2;
}
