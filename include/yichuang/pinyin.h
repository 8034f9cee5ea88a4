/*
 * pinyin.h — pinyin initials of Chinese text, for finding items the way
 * clerks type them: "spjy" finds 食品经营许可.
 *
 * The 3755 level-1 characters of GB 2312 are ordered by pinyin, so the
 * initial of a common character follows from its GB 2312 code.  Rarer
 * characters (level 2, ordered by radical) have no initial here; a catalog
 * item may give its initials explicitly (the `pinyin` key).
 */
#ifndef YICHUANG_PINYIN_H
#define YICHUANG_PINYIN_H

#include <stddef.h>

/* Writes the initials of text into out, lowercase: each Chinese character
 * gives its initial, ASCII letters and digits are kept (lowercased), and
 * everything else is dropped.  Returns the length written, or -1 when out
 * is too small (out then holds what fitted) or text is not valid UTF-8. */
int pinyin_initials(const char *text, char *out, size_t outsz);

/* 1 when query (ASCII letters, any case) is a prefix of the initials of
 * name, or of `initials` when that is given (not NULL/empty). */
int pinyin_matches(const char *query, const char *name, const char *initials);

#endif
