/*
 * testlib.h — fixtures shared by the unit tests: the official 2026
 * calendar that the time-limit tests work their dates out on, and a
 * temporary directory for the tests that need real files (the store
 * tests).  Header only: each test program is one file, and a test uses
 * what it needs of these.
 */
#ifndef YICHUANG_TESTLIB_H
#define YICHUANG_TESTLIB_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "yichuang/util.h"
#include "yichuang/workdays.h"

/* The State Council's 2026 calendar (国办发明电〔2025〕7号):
 * off 01-01..01-03, 02-15..02-23, 04-04..04-06, 05-01..05-05, 06-19..06-21,
 * 09-25..09-27, 10-01..10-07; working weekends 01-04, 02-14, 02-28, 05-09,
 * 09-20, 10-10.  Returns it parsed, or NULL (saying why on stderr). */
static inline struct calendar *testlib_calendar_2026(void)
{
	static const char text[] =
		"year 2026\n"
		"off 2026-01-01..2026-01-03\n"
		"off 2026-02-15..2026-02-23\n"
		"off 2026-04-04..2026-04-06\n"
		"off 2026-05-01..2026-05-05\n"
		"off 2026-06-19..2026-06-21\n"
		"off 2026-09-25..2026-09-27\n"
		"off 2026-10-01..2026-10-07\n"
		"work 2026-01-04\n"
		"work 2026-02-14\n"
		"work 2026-02-28\n"
		"work 2026-05-09\n"
		"work 2026-09-20\n"
		"work 2026-10-10\n";
	char err[YC_ERRSZ];
	struct calendar *cal = calendar_new();

	if (!cal || calendar_parse(cal, text, "2026.cal", err, sizeof err) < 0) {
		fprintf(stderr, "calendar: %s\n", cal ? err : "out of memory");
		calendar_free(cal);
		return NULL;
	}
	return cal;
}

/* Makes a new, empty directory "$TMPDIR/yc-NAME-XXXXXX" (/tmp when TMPDIR
 * is not set) and writes its path into dir.  Returns 0, or -1. */
static inline int testlib_mkdtemp(char *dir, size_t dirsz, const char *name)
{
	const char *base = getenv("TMPDIR");

	snprintf(dir, dirsz, "%s/yc-%s-XXXXXX", base && *base ? base : "/tmp", name);
	return mkdtemp(dir) ? 0 : -1;
}

/* nftw callback of testlib_rmtree: removes one file or (emptied) directory. */
static inline int testlib_remove_entry(const char *path, const struct stat *sb, int flag,
				       struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Removes dir and everything below it.  Returns 0, or -1. */
static inline int testlib_rmtree(const char *dir)
{
	return nftw(dir, testlib_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
