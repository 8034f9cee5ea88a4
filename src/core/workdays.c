/* workdays.c — STUB, replaced by the working-day implementation. */
#include <stdlib.h>
#include "yichuang/util.h"
#include "yichuang/workdays.h"
struct calendar { int dummy; };
struct calendar *calendar_new(void) { return calloc(1, sizeof(struct calendar)); }
void calendar_free(struct calendar *cal) { free(cal); }
int calendar_load_builtin(struct calendar *cal, char *err, size_t errsz) { (void)cal; (void)err; (void)errsz; return 0; }
