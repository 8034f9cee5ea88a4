/* cmd_handover.c — placeholder until `yichuang handover` lands. */
#include "yichuang/util.h"
#include "cli.h"

int cmd_handover(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	(void)argc;
	(void)argv;
	cli_error("%s", _("交接单功能尚未启用"));
	return 2;
}
