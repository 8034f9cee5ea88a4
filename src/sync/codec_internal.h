/*
 * codec_internal.h — helpers codec.c and codec_ref.c share: reading
 * members of a cJSON object and building objects that remember a failed
 * allocation.
 */
#ifndef YICHUANG_SYNC_CODEC_INTERNAL_H
#define YICHUANG_SYNC_CODEC_INTERNAL_H

#include <cjson/cJSON.h>

/* The string member key of o, NULL when absent or not a string. */
const char *codec_text(const cJSON *o, const char *key);
/* The number member key of o as an int, 0 when absent. */
int codec_int(const cJSON *o, const char *key);
/* An integral JSON number >= 0 into *out; -1 when absent or not one. */
int codec_count(const cJSON *o, const char *key, long long *out);

/* cJSON builders that remember a failed allocation. */
struct cjb {
	int oom;
};

/* Adds val to obj under key (to an array when key is NULL). */
void cjb_add(struct cjb *b, cJSON *obj, const char *key, cJSON *val);
/* A string, or null for NULL. */
void cjb_str(struct cjb *b, cJSON *obj, const char *key, const char *s);
void cjb_num(struct cjb *b, cJSON *obj, const char *key, double v);
/* Prints root (unformatted) and deletes it; NULL when a builder failed. */
char *cjb_finish(struct cjb *b, cJSON *root);
/* Frees *p and sets it NULL. */
void codec_free_str(char **p);

#endif
