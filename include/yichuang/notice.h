/*
 * notice.h — the content of the 一次告知单 (one-time notice of everything
 * an application needs), built from the catalog alone: the item, its
 * department, acceptance conditions, every material (form, originals and
 * copies, necessity, source, acceptance standard), the legal and promised
 * time limits, fees with their basis, place, hours, phone and result.
 *
 * The notice is a title and a list of titled sections of text lines, not
 * yet wrapped: the full-screen program lays it out to the terminal width
 * (notice_layout), the print module to paper.  It is an official document
 * given to the applicant: its text is Chinese whatever language the
 * interface speaks (only error messages are translated).
 *
 * Ownership: a struct notice owns every string below it; notice_free
 * releases the lot.
 */
#ifndef YICHUANG_NOTICE_H
#define YICHUANG_NOTICE_H

#include <stddef.h>

#include "yichuang/catalog.h"

#ifndef D_
#define D_(s) (s)		/* text of an official document (document.h) */
#endif

struct textwrap;

/* One line of text: a paragraph that may wrap.  Continuation lines are
 * indented by `hang` columns more than the line's own indent (so that a
 * numbered entry's text lines up under its first word). */
struct notice_line {
	char *text;
	int indent;		/* columns before the line */
	int hang;		/* extra columns before its continuation lines */
};

struct notice_section {
	char *title;		/* 受理条件, 申请材料, ... */
	struct notice_line *lines;
	size_t nlines;
};

struct notice {
	char *title;		/* 一次告知单 */
	char *subject;		/* the item's or the bundle's name */
	struct notice_section *sections;
	size_t nsections;
};

void notice_init(struct notice *n);
void notice_free(struct notice *n);

/* Builds the notice of one item.  0, or -1 with a message (out of memory). */
int notice_build_item(struct notice *n, const struct catalog_item *it,
		      char *err, size_t errsz);
/* Builds the notice of a 一件事 bundle: the bundle (lead department,
 * promised limit, description, its items), every material the bundle
 * needs once (a material several items ask for, by name, is supplied
 * once: the strongest need, the most originals and copies, and the items
 * it serves), then for each item its department, limits, fees,
 * conditions, which of those materials and its result.  Items of the
 * bundle that are missing from cat are listed as such.  0, or -1 with a
 * message. */
int notice_build_bundle(struct notice *n, const struct catalog *cat,
			const struct catalog_bundle *b, char *err, size_t errsz);

/* Lays the notice out as lines of at most `width` columns: the title and
 * subject, then each section as "【title】" followed by its lines indented
 * by two columns, with an empty line between sections.  Appends to out.
 * 0, or -1 when memory ran out. */
int notice_layout(const struct notice *n, int width, struct textwrap *out);

/* The catalog's values as written on documents: Chinese always (the
 * catalog_*_name of catalog.h are the interface's, translated). */
const char *notice_type_text(enum item_type t);
const char *notice_kind_text(enum item_kind k);
const char *notice_unit_text(enum limit_unit u);	/* 工作日, 自然日 */
const char *notice_need_text(enum material_need n);
const char *notice_source_text(enum material_source s);
/* "10 个工作日" into buf; returns buf. */
char *notice_limit_text(char *buf, size_t bufsz, int value, enum limit_unit unit);

#endif
