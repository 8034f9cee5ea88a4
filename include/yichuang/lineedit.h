/*
 * lineedit.h — the one-line text editor of every input field: a buffer of
 * code points plus a cursor, with pure functions that need no terminal and
 * are tested on their own.  Widths are display columns (Chinese is two).
 */
#ifndef YICHUANG_LINEEDIT_H
#define YICHUANG_LINEEDIT_H

#include <stddef.h>
#include <stdint.h>

#define LINEEDIT_MAX 256	/* code points; field limits are smaller */

struct lineedit {
	uint32_t text[LINEEDIT_MAX];
	size_t len;		/* code points in text */
	size_t cursor;		/* 0..len */
	size_t max;		/* the field's limit, <= LINEEDIT_MAX */
	size_t scroll;		/* first code point shown */
};

void lineedit_init(struct lineedit *le, size_t max);
/* Replaces the text with UTF-8 s (cut at max); cursor at the end.
 * -1 when s is not valid UTF-8 (the editor is then left empty). */
int lineedit_set(struct lineedit *le, const char *s);
/* The text as UTF-8; returns buf. */
char *lineedit_get(const struct lineedit *le, char *buf, size_t bufsz);

/* Editing; each returns 0, or -1 when nothing changed (full, at an end). */
int lineedit_insert(struct lineedit *le, uint32_t cp);
int lineedit_backspace(struct lineedit *le);
int lineedit_delete(struct lineedit *le);
int lineedit_left(struct lineedit *le);
int lineedit_right(struct lineedit *le);
void lineedit_home(struct lineedit *le);
void lineedit_end(struct lineedit *le);
void lineedit_kill_to_end(struct lineedit *le);
void lineedit_clear(struct lineedit *le);

/* Fits the text into a field `width` columns wide: moves le->scroll so the
 * cursor is visible, writes the visible part as UTF-8 into buf (never a
 * character cut in half) and returns the cursor's column in the field. */
int lineedit_view(struct lineedit *le, int width, char *buf, size_t bufsz);

#endif
