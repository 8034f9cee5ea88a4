/*
 * catalog_int.h — what the catalog module's files share and nobody else
 * needs.  catalog.c holds the model and the cross-file checks;
 * catalog_parse.c the tokenizer and the sections; catalog_schema.c the
 * table of keys of each section, their value parsers and the rules that
 * relate several keys.
 */
#ifndef YICHUANG_CATALOG_INT_H
#define YICHUANG_CATALOG_INT_H

#include <stddef.h>

#include "yichuang/catalog.h"
#include "yichuang/util.h"

/* Appends a diagnostic (formatted message) to d.  Returns 0, or -1 when
 * out of memory (the diagnostic is then lost, but d->nerrors still counts
 * an error). */
int catalog_diag_add(struct catalog_diags *d, const char *file, int line,
		     int warning, const char *fmt, ...) YC_PRINTF(5, 6);

/* Release what one element owns and zero it. */
void catalog_item_clear(struct catalog_item *it);
void catalog_field_clear(struct catalog_field *f);
void catalog_material_clear(struct catalog_material *m);
void catalog_situation_clear(struct catalog_situation *s);
void catalog_bundle_clear(struct catalog_bundle *b);

/* ---- between the parser and the schema ---- */

/* The state of parsing one file (catalog_parse.c). */
struct catalog_parser;

/* An error or a warning at a line of the file being parsed. */
void catalog_perr(struct catalog_parser *p, int line, const char *fmt, ...) YC_PRINTF(3, 4);
void catalog_pwarn(struct catalog_parser *p, int line, const char *fmt, ...) YC_PRINTF(3, 4);
/* Notes that memory ran out (reported once, at the end of the file). */
void catalog_parser_oom(struct catalog_parser *p);

enum catalog_sect {
	SECT_NONE = 0,
	SECT_ITEM,
	SECT_FIELD,
	SECT_MATERIAL,
	SECT_SITUATION,
	SECT_BUNDLE
};

#define KEY_REQUIRED	1u	/* must be given (non-empty) */
#define KEY_MULTILINE	2u	/* may have continuation lines */
#define KEY_NUMERIC	4u	/* enumeration that also takes its number */

#define CATALOG_MAX_KEYS 40	/* keys of the largest section, [item] */
#define CATALOG_QUOTE_SZ 168	/* buffer for catalog_quote */

/* One name of an enumeration (or one bit of a set) and its value. */
struct catalog_name_value {
	const char *name;
	int value;
};

/* One key of a section: a section's schema is a table of these. */
struct catalog_keydef {
	const char *key;		/* first: catalog_suggest() reads it */
	const char *desc;		/* its GB/T 39046 name, for messages */
	unsigned flags;			/* KEY_* */
	/* Parses a value and stores it into the struct at base.  Reports its
	 * own diagnostics; returns 0 when the value was valid, -1 otherwise. */
	int (*parse)(struct catalog_parser *p, const struct catalog_keydef *kd,
		     const char *val, void *base, int line);
	size_t off;			/* where the value goes */
	size_t off2;			/* second member: a count, a flag */
	int lo, hi;			/* integer range; text: hi = max chars */
	const struct catalog_name_value *names;	/* enumerations, bit sets */
	void (*set)(void *base, int v);	/* stores an enum (or a limit's unit) */
	const char *expect;		/* what a valid value looks like */
};

struct catalog_section_state;

/* A kind of section: its name, its keys and its rules. */
struct catalog_schema {
	const char *name;		/* first: catalog_suggest() reads it */
	enum catalog_sect kind;
	int needs_id;			/* written [name ID] */
	const struct catalog_keydef *keys;
	size_t nkeys;
	/* The rules that relate several keys, run after every key. */
	void (*finish)(struct catalog_parser *p,
		       const struct catalog_section_state *st, void *base);
};

/* What applying one section found, key by key (in the schema's order). */
struct catalog_section_state {
	const struct catalog_schema *ss;
	const char *label;		/* "[material id_card]" */
	int sect_line;
	int line[CATALOG_MAX_KEYS];	/* where the key was set; 0 = not at all */
	unsigned char given[CATALOG_MAX_KEYS];	/* to a non-empty value */
	unsigned char ok[CATALOG_MAX_KEYS];	/* ... which was valid */
};

extern const struct catalog_schema catalog_schemas[];
extern const size_t catalog_nschemas;

/* Index of key in the schema, or -1. */
int catalog_schema_key(const struct catalog_schema *ss, const char *key);
/* The line where key was set, else the section's line. */
int catalog_state_line(const struct catalog_section_state *st, const char *key);

/* Trims ASCII white space and U+3000 at both ends, in place. */
char *catalog_trim(char *s);
/* 1 when s is an id: [a-z0-9_]+. */
int catalog_valid_id(const char *s);
/* val's first line, cut to 40 characters with "…", into buf (at least
 * CATALOG_QUOTE_SZ bytes), for quoting in a message. */
const char *catalog_quote(char *buf, size_t bufsz, const char *val);

#endif
