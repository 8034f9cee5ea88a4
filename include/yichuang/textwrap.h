/*
 * textwrap.h — wraps text to a width in display columns (Chinese is two
 * columns), for the screen and for printed documents alike.
 *
 * Lines break between any two Chinese characters and at spaces between
 * Latin words; a Latin word or number is kept whole unless it is longer
 * than a line.  The usual Chinese rules apply (GB/T 15834 punctuation):
 * closing punctuation such as ，。、）” never starts a line and opening
 * punctuation such as （《“ never ends one.  No character is ever cut.
 */
#ifndef YICHUANG_TEXTWRAP_H
#define YICHUANG_TEXTWRAP_H

#include <stddef.h>

/* The lines of wrapped text; owns every string. */
struct textwrap {
	char **lines;
	size_t n;
	size_t cap;
};

void textwrap_init(struct textwrap *w);
void textwrap_free(struct textwrap *w);

/* Appends the lines of UTF-8 `text` wrapped to `width` columns to w.  Each
 * '\n' in text ends a line (an empty paragraph gives an empty line).
 * Continuation lines of a paragraph begin with `hang` spaces (ignored when
 * hang leaves less than two columns).  Spaces at a break are dropped.
 * Invalid UTF-8 bytes are taken as one column each.  Returns 0, or -1 when
 * memory ran out (w then holds the lines made so far). */
int textwrap_append(struct textwrap *w, const char *text, int width, int hang);

/* Appends one line as it stands (no wrapping). */
int textwrap_push(struct textwrap *w, const char *line);

#endif
