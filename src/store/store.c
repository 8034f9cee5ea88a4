/* store.c — STUB, replaced by the SQLite store. */
#include "yichuang/util.h"
#include "yichuang/store.h"
int store_open(const char *path, enum store_open_mode mode, struct store **out, char *err, size_t errsz) { (void)path; (void)mode; *out = NULL; return yc_seterr(err, errsz, "not yet"); }
void store_close(struct store *st) { (void)st; }
int store_calendar_load(struct store *st, struct calendar *cal, char *err, size_t errsz) { (void)st; (void)cal; return yc_seterr(err, errsz, "not yet"); }
