/* catalog_view.c — STUB, replaced by catalog import/list/show. */
#include "yichuang/util.h"
#include "cli.h"
int catalog_cmd_import(struct cli *cli, int argc, char **argv) { (void)cli; (void)argc; (void)argv; cli_error("%s", _("尚未实现")); return EXIT_USAGE; }
int catalog_cmd_list(struct cli *cli, int argc, char **argv) { (void)cli; (void)argc; (void)argv; cli_error("%s", _("尚未实现")); return EXIT_USAGE; }
int catalog_cmd_show(struct cli *cli, int argc, char **argv) { (void)cli; (void)argc; (void)argv; cli_error("%s", _("尚未实现")); return EXIT_USAGE; }
