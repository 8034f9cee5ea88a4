/*
 * catalog_json.h — the JSON shapes of `catalog list --json` and
 * `catalog show --json` (catalog_view.c), and the catalog format's words
 * for bit sets and levels that the text views print through _().
 *
 * JSON values of enumerations are the catalog format's own words (承诺件,
 * 工作日, 纸质, text, ...), untranslated, so scripts can rely on them;
 * `type` is the GB/T 39046 number, `*_name` fields are for display.
 */
#ifndef YICHUANG_CATALOG_JSON_H
#define YICHUANG_CATALOG_JSON_H

#include <stdio.h>

#include "yichuang/catalog.h"

/* Indexed by bit number (code - 1), or by level for the levels (0 unused). */
extern const char *const catview_level_words[7];
extern const char *const catview_target_words[6];
extern const char *const catview_channel_words[4];
extern const char *const catview_form_words[2];
/* The word of a level 1..6, "?" for another number. */
const char *catview_level_word(int level);

/* Each prints one JSON document and a newline; -1 when out of memory. */
/* An array: every item's summary, then every bundle ("bundle": true). */
int catview_json_list(FILE *out, const struct catalog *cat);
/* One item whole: fields, materials and situations included. */
int catview_json_item(FILE *out, const struct catalog_item *it, int version);
int catview_json_bundle(FILE *out, const struct catalog_bundle *b);

#endif
