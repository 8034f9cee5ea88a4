/*
 * cli_backoffice.h — the back-office subcommands (cmd_backoffice.c,
 * cmd_handover.c) and what they share.
 *
 *   case review|special|resume|extend|decide|result|notify|deliver|archive
 *        NUMBER --user NAME ...       one action on a case (see usage)
 *   case queue --user NAME [--json]   an approver's queue
 *   case bundle link|close ...        一件事
 *   case supervise [--json]           warnings and cards (= `supervise`)
 *   handover create|list|show|sign    hand-over registers
 */
#ifndef YICHUANG_CLI_BACKOFFICE_H
#define YICHUANG_CLI_BACKOFFICE_H

#include <stddef.h>

struct cli;

/* 1 when `name` is a back-office subcommand of `case`. */
int backoffice_is_case_cmd(const char *name);
/* Runs `case NAME ...` (argv[0] is NAME). */
int backoffice_case_cmd(struct cli *cli, int argc, char **argv);
/* Prints the usage lines of the back-office case subcommands. */
void backoffice_case_usage(void *out);
/* `yichuang supervise [--json]` (argv[0] is the command's name). */
int cmd_supervise(struct cli *cli, int argc, char **argv);

/* Reads one password line from standard input (without echo on a
 * terminal, after printing prompt on stderr).  0, or -1 (message
 * printed) when there is none. */
int cli_read_password(const char *prompt, char *buf, size_t bufsz);

#endif
