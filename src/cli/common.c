/*
 * common.c — helpers the subcommands share: messages, opening the store,
 * loading the calendar.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "yichuang/store.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "cli.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("yichuang: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;

	fputs(_("yichuang: 警告: "), stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_option(int argc, char **argv, int *i, const char *name, const char **val)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	if (strncmp(a, name, n) != 0)
		return 0;
	if (a[n] == '=') {
		*val = a + n + 1;
		return 1;
	}
	if (a[n] != '\0')
		return 0;
	*val = *i + 1 < argc ? argv[++*i] : NULL;
	return 1;
}

void cli_put_padded(const char *s, int width)
{
	fputs(s, stdout);
	for (int w = utf8_width(s); w < width; w++)
		putchar(' ');
}

struct store *cli_open_store(struct cli *cli, int create)
{
	struct store *st = NULL;
	char err[YC_ERRSZ];

	if (store_open(cli->db_path, create ? STORE_OPEN_CREATE : STORE_OPEN_EXISTING,
		       &st, err, sizeof err) != 0) {
		cli_error("%s", err);
		return NULL;
	}
	return st;
}

struct calendar *cli_load_calendar(struct cli *cli)
{
	struct calendar *cal = calendar_new();
	char err[YC_ERRSZ];
	struct stat sb;

	if (!cal) {
		cli_error(_("内存不足"));
		return NULL;
	}
	if (calendar_load_builtin(cal, err, sizeof err) != 0) {
		cli_error("%s", err);
		calendar_free(cal);
		return NULL;
	}
	/* Calendars distributed by central and stored in the database replace
	 * the built-in ones year by year, whether the database was named or is
	 * the default one.  A named database that does not exist is a mistake
	 * worth saying (cli_open_store says it), not a reason to answer from
	 * the built-in calendars alone. */
	if (cli->db_explicit || stat(cli->db_path, &sb) == 0) {
		struct store *st = cli_open_store(cli, 0);

		if (!st) {
			calendar_free(cal);
			return NULL;
		}
		if (store_calendar_load(st, cal, err, sizeof err) != 0) {
			cli_error("%s", err);
			store_close(st);
			calendar_free(cal);
			return NULL;
		}
		store_close(st);
	}
	return cal;
}
