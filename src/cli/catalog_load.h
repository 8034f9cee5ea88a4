/*
 * catalog_load.h — loading catalog files named on the command line, shared
 * by `catalog check` (cmd_catalog.c) and `catalog import` (catalog_view.c).
 */
#ifndef YICHUANG_CATALOG_LOAD_H
#define YICHUANG_CATALOG_LOAD_H

#include <stddef.h>
#include <stdio.h>

#include "yichuang/catalog.h"

/* Parses every path (a file, or a directory standing for each *.item and
 * *.bundle file in it, in name order) into cat, then runs
 * catalog_validate.  Every problem goes to d; the return is the number of
 * errors (warnings not counted).  cat and d must be initialised (zeroed);
 * the caller frees both. */
int catalog_load_paths(int npaths, char **paths, struct catalog *cat,
		       struct catalog_diags *d);
/* The same, also storing in *nfiles how many files were read (may be
 * NULL). */
int catalog_load_paths_count(int npaths, char **paths, struct catalog *cat,
			     struct catalog_diags *d, size_t *nfiles);

/* Prints each diagnostic on its own line: "FILE:LINE: message". */
void catalog_print_diags(FILE *out, const struct catalog_diags *d);

#endif
