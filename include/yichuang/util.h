/*
 * util.h — small helpers every module uses: error buffers, a growable
 * string buffer, UTF-8 decoding and display-column width.
 *
 * Convention of the whole code base: a function that can fail returns 0 on
 * success and -1 on failure, and writes a message a clerk or administrator
 * can act on into the caller's buffer `err` of size `errsz`.  Library code
 * never prints and never exits.
 */
#ifndef YICHUANG_UTIL_H
#define YICHUANG_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define YC_ERRSZ 512

/* Marks a string for translation.  Chinese is the source language. */
#include <libintl.h>
#define _(s) gettext(s)
#define N_(s) (s)

#if defined(__GNUC__)
#define YC_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define YC_PRINTF(a, b)
#endif

/* Formats into err (when err is not NULL); always returns -1, so that
 * `return yc_seterr(err, errsz, ...)` reads naturally. */
int yc_seterr(char *err, size_t errsz, const char *fmt, ...) YC_PRINTF(3, 4);

/* A growable, always NUL-terminated string. */
struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
	int oom;		/* set once an allocation failed; appends then do nothing */
};

void sb_init(struct strbuf *sb);
void sb_free(struct strbuf *sb);
int sb_append(struct strbuf *sb, const char *s);
int sb_appendn(struct strbuf *sb, const char *s, size_t n);
int sb_appendf(struct strbuf *sb, const char *fmt, ...) YC_PRINTF(2, 3);
/* Gives the buffer to the caller (never NULL unless out of memory). */
char *sb_take(struct strbuf *sb);

/* strdup that may return NULL; callers check. */
char *yc_strdup(const char *s);
char *yc_strndup(const char *s, size_t n);

/* Reads a whole file; NUL-terminated, length in *len.  NULL on error. */
char *yc_read_file(const char *path, size_t *len, char *err, size_t errsz);

/* Decodes one UTF-8 sequence at s (n bytes available).  Stores the code
 * point and returns the sequence length, or -1 for invalid UTF-8. */
int utf8_decode(const char *s, size_t n, uint32_t *cp);
/* 1 when the whole string is valid UTF-8. */
int utf8_valid(const char *s, size_t n);
/* Display columns of one code point: 0 (combining), 1, or 2 (East Asian
 * wide and fullwidth).  Independent of the process locale. */
int cp_width(uint32_t cp);
/* Display columns of a UTF-8 string; invalid bytes count as one column. */
int utf8_width(const char *s);
/* Cuts a UTF-8 sequence left incomplete at the end of s (as snprintf
 * truncation leaves one), so no character is ever shown in half.
 * Returns s. */
char *utf8_trim_partial(char *s);
/* snprintf that never leaves half a character when it truncates. */
int utf8_snprintf(char *buf, size_t bufsz, const char *fmt, ...) YC_PRINTF(3, 4);
/* Number of code points. */
size_t utf8_len(const char *s);

/* Trims ASCII white space at both ends in place; returns the first
 * character that is not white space. */
char *yc_trim(char *s);

#endif
