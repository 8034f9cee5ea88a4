/* cmd_sync.c — placeholder until `yichuang sync` lands. */
#include "yichuang/util.h"
#include "cli.h"

int cmd_sync(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	(void)argc;
	(void)argv;
	cli_error("%s", _("同步功能尚未启用"));
	return 2;
}
