/*
 * catalog_load.c — turns the paths of a `catalog check` or `catalog
 * import` command line into a parsed, validated catalog and its list of
 * problems; prints that list.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "yichuang/catalog.h"
#include "yichuang/util.h"
#include "catalog_load.h"

/* Adds an error about a whole path (no line) to d. */
static void load_error(struct catalog_diags *d, const char *path, const char *msg)
{
	struct catalog_diag *v = realloc(d->v, (d->n + 1) * sizeof *v);
	char *f = yc_strdup(path), *m = yc_strdup(msg);

	d->nerrors++;
	if (!v || !f || !m) {
		if (v)
			d->v = v;
		free(f);
		free(m);
		return;
	}
	d->v = v;
	v[d->n].file = f;
	v[d->n].line = 0;
	v[d->n].warning = 0;
	v[d->n].msg = m;
	d->n++;
}

/* 1 when name is a catalog file's: *.item or *.bundle, not hidden. */
static int catalog_file_name(const char *name)
{
	size_t n = strlen(name);

	if (name[0] == '.')
		return 0;
	return (n > 5 && strcmp(name + n - 5, ".item") == 0) ||
	       (n > 7 && strcmp(name + n - 7, ".bundle") == 0);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Parses the catalog files of directory dir in name order.  Returns the
 * number of errors; adds the files read to *nfiles. */
static int load_dir(const char *dir, struct catalog *cat, struct catalog_diags *d,
		    size_t *nfiles)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	int nerr = 0;
	char msg[YC_ERRSZ];
	size_t dlen = strlen(dir);
	int slash = dlen > 0 && dir[dlen - 1] == '/';

	if (!dp) {
		snprintf(msg, sizeof msg, _("无法打开目录: %s"), strerror(errno));
		load_error(d, dir, msg);
		return 1;
	}
	while ((de = readdir(dp)) != NULL) {
		char **nv;
		char *path;
		size_t sz;

		if (!catalog_file_name(de->d_name))
			continue;
		sz = dlen + strlen(de->d_name) + 2;
		path = malloc(sz);
		nv = realloc(names, (n + 1) * sizeof *names);
		if (!path || !nv) {
			free(path);
			if (nv)
				names = nv;
			load_error(d, dir, _("内存不足"));
			nerr++;
			break;
		}
		names = nv;
		snprintf(path, sz, "%s%s%s", dir, slash ? "" : "/", de->d_name);
		names[n++] = path;
	}
	closedir(dp);
	if (n == 0 && nerr == 0) {
		load_error(d, dir, _("目录中没有 .item 或 .bundle 文件"));
		nerr++;
	}
	if (n > 0)
		qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n; i++) {
		nerr += catalog_parse_file(cat, names[i], d);
		free(names[i]);
	}
	*nfiles += n;
	free(names);
	return nerr;
}

int catalog_load_paths_count(int npaths, char **paths, struct catalog *cat,
			     struct catalog_diags *d, size_t *nfiles)
{
	size_t files = 0;
	int nerr = 0;

	for (int i = 0; i < npaths; i++) {
		struct stat sb;

		if (stat(paths[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			nerr += load_dir(paths[i], cat, d, &files);
		} else {
			nerr += catalog_parse_file(cat, paths[i], d);
			files++;
		}
	}
	nerr += catalog_validate(cat, d);
	if (nfiles)
		*nfiles = files;
	return nerr;
}

int catalog_load_paths(int npaths, char **paths, struct catalog *cat,
		       struct catalog_diags *d)
{
	return catalog_load_paths_count(npaths, paths, cat, d, NULL);
}

void catalog_print_diags(FILE *out, const struct catalog_diags *d)
{
	char buf[4096];

	for (size_t i = 0; i < d->n; i++)
		fprintf(out, "%s\n", catalog_diag_format(&d->v[i], buf, sizeof buf));
}
