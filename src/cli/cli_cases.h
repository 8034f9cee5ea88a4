/*
 * cli_cases.h — the subcommands over cases and users (cmd_case.c,
 * cmd_user.c).  main.c lists them in its command table:
 *
 *   user add NAME --role ROLE [--dept DEPT]   password on standard input
 *   user list [--json]
 *   case list [--state STATE] [--limit N] [--json]
 *   case show NUMBER [--json]
 */
#ifndef YICHUANG_CLI_CASES_H
#define YICHUANG_CLI_CASES_H

struct cli;

int cmd_user(struct cli *cli, int argc, char **argv);
int cmd_case(struct cli *cli, int argc, char **argv);

#endif
