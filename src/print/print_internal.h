/*
 * print_internal.h — what the two halves of the PDF renderer share: the
 * state of a pass (print_pdf.c: passes, pages, the head of each part,
 * output) and the flowing of blocks onto pages (print_flow.c: text line
 * by line, tables row by row and line by line, signature blocks kept
 * together with what comes before them).
 *
 * Lines are placed on a fixed pitch per font (not the fonts' own, very
 * tall, CJK line heights), so that heights can be measured before
 * drawing and a normal notice fits on one A4 page.
 */
#ifndef YICHUANG_PRINT_INTERNAL_H
#define YICHUANG_PRINT_INTERNAL_H

#include <stddef.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "yichuang/document.h"
#include "yichuang/print.h"

#define PT(mm) ((mm) * 72.0 / 25.4)

/* Fonts and the pitch of their lines (points from one baseline to the
 * next). */
#define FONT_TITLE PRINT_FONT_SERIF " Bold 22"
#define FONT_PART PRINT_FONT_SANS " Bold 12"
#define FONT_BODY PRINT_FONT_SERIF " 12"
#define FONT_BODY_BOLD PRINT_FONT_SERIF " Bold 12"
#define FONT_HEAD PRINT_FONT_SANS " Bold 12.5"
#define FONT_SMALL PRINT_FONT_SANS " 10.5"
#define FONT_TABLE PRINT_FONT_SANS " 10.5"
#define FONT_TABLE_BOLD PRINT_FONT_SANS " Bold 10.5"
#define FONT_TINY PRINT_FONT_SANS " 8"
#define BODY_PT 12.0			/* one display column is half of it */
#define TABLE_PT 10.5
#define PITCH_BODY 18.5
#define PITCH_HEAD 20.0
#define PITCH_TABLE 15.0
#define PITCH_SMALL 15.0
#define PITCH_TINY 11.0
#define PITCH_TITLE 30.0
#define QR_MM 24.0
#define FOOTER_PT 22.0			/* band for the page number */
#define CELL_PAD 3.0
#define PR_MAX_COLS 16
#define PR_MAX_PARTS 8

/* The state of one pass. */
struct pr {
	cairo_t *cr;
	const struct document *d;
	double x0, w;			/* text area: left, width */
	double top, bottom;		/* text area: top, bottom of the flowing text */
	double y;			/* where the next line goes */
	double page_top;		/* where the flowing text starts on this page */
	int page;			/* 1-based, within the part */
	int part;			/* 0-based */
	const char *part_name;		/* NULL when the document has one part */
	int *part_pages;		/* pages of each part, known in the second
					 * pass (NULL in the first) */
	int counted[PR_MAX_PARTS];	/* pages of each part, counted */
	int total_pages;
	int unknown;			/* characters without a glyph */
	int oom;
};

/* ---- print_pdf.c ---------------------------------------------------------- */

/* Ends the page and starts the next one of the same part (running head). */
void pr_new_page(struct pr *p);
/* 1 when nothing has been placed on this page yet. */
int pr_page_empty(const struct pr *p);

/* ---- print_flow.c --------------------------------------------------------- */

/* A layout of text in font, wrapped to width points (0: no wrapping).
 * NULL only when out of memory (p->oom is then set). */
PangoLayout *pr_layout(struct pr *p, const char *font, const char *text, double width);
/* Counts the characters of l no font has (for the warning). */
void pr_count_unknown(struct pr *p, PangoLayout *l);
double pr_layout_width(PangoLayout *l);
/* Draws line k of l with the top of its line box at y (pitch points
 * high) and the layout's left edge at x. */
void pr_draw_line(struct pr *p, PangoLayout *l, int k, double x, double y, double pitch);
/* Draws all of l from y on, line by line, without page breaks. */
void pr_draw_lines(struct pr *p, PangoLayout *l, double x, double y, double pitch);

/* Draws blocks[from..to) of the document, breaking pages where needed;
 * stops at the end or before a DOC_PART.  Returns the index it stopped
 * at. */
size_t pr_blocks(struct pr *p, size_t from);

#endif
