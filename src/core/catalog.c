/* catalog.c — STUB, replaced by the catalog parser. */
#include "yichuang/catalog.h"
