/*
 * cli_backoffice.h — the back-office subcommands (cmd_backoffice.c,
 * cmd_handover.c) and what they share.
 *
 *   case review|special|resume|extend|decide|result|notify|deliver|archive|
 *        withdraw NUMBER --user NAME ...  one action on a case (see usage),
 *                                     signed with the password on stdin
 *   case queue --user NAME [--json]   an approver's queue (cmd_supervise.c)
 *   case bundle link|show|close ...   一件事 (cmd_bundle.c)
 *   case supervise [...]              warnings and cards (= `supervise`)
 *   handover create|list|show|sign    hand-over registers
 */
#ifndef YICHUANG_CLI_BACKOFFICE_H
#define YICHUANG_CLI_BACKOFFICE_H

#include <stddef.h>
#include <cjson/cJSON.h>

struct cli;
struct store;
struct calendar;

/* One option of a subcommand: "--name" with a value, or a flag. */
struct bo_opt {
	const char *name;
	int has_value;
	const char *value;		/* NULL when not given */
	int given;
};

/* Parses argv[1..]: the options in opts and at most maxpos positional
 * arguments.  EXIT_OK, or EXIT_USAGE with the message printed. */
int bo_parse(const char *cmd, int argc, char **argv, struct bo_opt *opts,
	     size_t nopts, const char **pos, size_t maxpos, size_t *npos);

/* The open database and calendar of one command, and today. */
struct bo_ctx {
	struct store *st;
	struct calendar *cal;
	int day;
};

int bo_open(struct cli *cli, struct bo_ctx *c);
void bo_close(struct bo_ctx *c);
/* The password of `user` from standard input, checked: the user signs
 * the action.  0, or -1 with the reason in err. */
int bo_sign(struct bo_ctx *c, const char *user, char *err, size_t errsz);
/* Prints root as JSON and frees it: EXIT_OK, or EXIT_FAIL. */
int bo_print_json(cJSON *root);

/* `case queue` (cmd_supervise.c) and `case bundle` (cmd_bundle.c). */
int bo_queue_cmd(struct cli *cli, int argc, char **argv);
int bo_bundle_cmd(struct cli *cli, int argc, char **argv);

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
