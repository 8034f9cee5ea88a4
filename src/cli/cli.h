/*
 * cli.h — what the subcommands of yichuang share: global options, opening
 * the database, exit codes.
 */
#ifndef YICHUANG_CLI_H
#define YICHUANG_CLI_H

#include <stdio.h>

struct store;
struct calendar;

/* Exit codes of every command. */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,		/* the command ran and the answer is "no" / errors found */
	EXIT_USAGE = 2		/* bad arguments; also an unusable database */
};

struct cli {
	const char *argv0;
	const char *db_path;	/* --db, else $YICHUANG_DB, else the default */
	int db_explicit;	/* 1 when --db or YICHUANG_DB named it */
};

/* Opens the database of the command line; prints the reason and returns
 * NULL on failure. */
struct store *cli_open_store(struct cli *cli, int create);
/* A calendar with the built-in official years and the years stored in
 * the database: the named one (which must exist), else the default one
 * when it exists.  NULL (message printed) on
 * failure. */
struct calendar *cli_load_calendar(struct cli *cli);

/* Takes the value of `--name VALUE` or `--name=VALUE` at argv[*i].
 * Returns 1 when argv[*i] is that option (value in *val, NULL when it is
 * missing; *i moves past a separate value), 0 when it is not. */
int cli_option(int argc, char **argv, int *i, const char *name, const char **val);

/* Prints s to stdout padded with spaces to `width` display columns
 * (Chinese characters count two), for aligned tables. */
void cli_put_padded(const char *s, int width);

/* Prints "yichuang: message" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Subcommands: argv[0] is the command's own name. */
int cmd_init(struct cli *cli, int argc, char **argv);
int cmd_catalog(struct cli *cli, int argc, char **argv);
int cmd_workdays(struct cli *cli, int argc, char **argv);
int cmd_idcheck(struct cli *cli, int argc, char **argv);
int cmd_handover(struct cli *cli, int argc, char **argv);	/* cmd_handover.c */
int cmd_print(struct cli *cli, int argc, char **argv);		/* cmd_print.c */
int cmd_setting(struct cli *cli, int argc, char **argv);	/* cmd_setting.c */
int cmd_sync(struct cli *cli, int argc, char **argv);		/* cmd_sync.c */

/* `catalog import|list|show`, in catalog_view.c; `catalog check` and the
 * dispatch are in cmd_catalog.c.  argv[0] is the subcommand's name. */
int catalog_cmd_import(struct cli *cli, int argc, char **argv);
int catalog_cmd_list(struct cli *cli, int argc, char **argv);
int catalog_cmd_show(struct cli *cli, int argc, char **argv);

#endif
