/* cmd_idcheck.c — STUB, replaced by the real command. */
#include "yichuang/util.h"
#include "cli.h"
int cmd_idcheck(struct cli *cli, int argc, char **argv) { (void)cli; (void)argc; (void)argv; cli_error("%s", _("尚未实现")); return EXIT_USAGE; }
