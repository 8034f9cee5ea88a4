/*
 * issuing.h — what the result hand-over (结果交接, issuing.c), issuing
 * (出件, issuing_issue.c) and supervision (监察, supervise_screen.c)
 * screens share: a list of rows where only some rows can be selected
 * (headings and tallies scroll with them), one-line input fields, and
 * short dates.
 */
#ifndef YICHUANG_TUI_ISSUING_H
#define YICHUANG_TUI_ISSUING_H

#include <stddef.h>

#include "yichuang/lineedit.h"
#include "app.h"

#define ISSUING_NUMBER_COLS 23	/* 370102-01-261120-0001-X */
#define ISSUING_WIDE 100	/* from this width dates carry their year */

/* A row of a list: text (a heading, a tally: never selected) or an item
 * the cursor can stand on.  type and index are the screen's own (what
 * the row shows, and where in the screen's arrays). */
enum issuing_row_kind {
	IROW_TEXT = 0,
	IROW_ITEM
};

struct issuing_row {
	enum issuing_row_kind kind;
	int type;
	size_t index;
	size_t sub;			/* a second index (a case in a register) */
};

struct issuing_list {
	struct issuing_row *rows;
	size_t n, cap;
	size_t sel;			/* an IROW_ITEM row, or 0 when none */
	size_t top;			/* first row shown */
	int page;			/* rows shown at the last draw */
};

/* Draws one row at y; selected is set for the cursor's row. */
typedef void issuing_draw_row(struct tui *t, int y, const struct issuing_row *r,
			      int selected, void *arg);

void issuing_list_init(struct issuing_list *l);
void issuing_list_free(struct issuing_list *l);
/* Empties the list (the cursor is placed again by issuing_list_select). */
void issuing_list_clear(struct issuing_list *l);
/* Appends a row.  0, or -1 (out of memory). */
int issuing_list_add(struct issuing_list *l, enum issuing_row_kind kind, int type,
		     size_t index, size_t sub);
/* The row under the cursor, NULL when the list has no item. */
const struct issuing_row *issuing_list_current(const struct issuing_list *l);
/* Puts the cursor on the first item at or after row `pos` (else the last
 * item before it). */
void issuing_list_select(struct issuing_list *l, size_t pos);
/* Cursor movement for ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN,
 * ACT_FIRST, ACT_LAST (items only).  1 when act was one of them. */
int issuing_list_move(struct issuing_list *l, enum tui_action act);
/* Draws `rows` rows from y, scrolled so that the cursor's row and, room
 * permitting, the headings just above it are visible. */
void issuing_list_draw(struct tui *t, struct issuing_list *l, int y, int rows,
		       issuing_draw_row *draw, void *arg);

/* Keys that edit a field (letters, Backspace, Delete, Left, Right, Home,
 * End, C-a C-e C-k C-u): 1 when used. */
int issuing_edit_key(struct lineedit *le, int key);
/* The label in labelw columns, then the field's text underlined, at
 * (y, x) in width columns in all; the cursor shown when focus is set. */
void issuing_draw_field(int y, int x, int width, const char *label, int labelw,
			struct lineedit *le, int focus);
/* The field's text, spaces around it removed, into buf; returns buf. */
char *issuing_field_text(const struct lineedit *le, char *buf, size_t bufsz);
/* A question or hint on row y: bold when strong (a question waiting for
 * an answer), dim otherwise. */
void issuing_draw_prompt(struct tui *t, int y, const char *text, int strong);

/* "MM-DD", or "YYYY-MM-DD" on wide terminals; "" for 0.  Returns buf. */
const char *issuing_day(const struct tui *t, int day, char *buf, size_t bufsz);

#endif
