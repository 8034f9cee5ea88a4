/*
 * textwrap.c — wrapping text to a width in display columns (see
 * textwrap.h).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/textwrap.h"
#include "yichuang/util.h"

/* One character of a paragraph: where it is and how wide. */
struct wchar_pos {
	size_t off;		/* byte offset in the paragraph */
	size_t len;		/* bytes */
	uint32_t cp;
	int width;
};

/* Closing punctuation: never at the start of a line. */
static const uint32_t no_start[] = {
	0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0xFF09, 0x300D,
	0x300F, 0x3011, 0x300B, 0x3009, 0x201D, 0x2019, 0xFF0E, 0x2026, 0xFF05,
	0x3015, 0xFF3D, 0xFF5D, 0x00B7, 0x30FB,
	',', '.', ';', ':', '!', '?', ')', ']', '}', '%',
};

/* Opening punctuation: never at the end of a line. */
static const uint32_t no_end[] = {
	0xFF08, 0x300C, 0x300E, 0x3010, 0x300A, 0x3008, 0x201C, 0x2018, 0x3014,
	0xFF3B, 0xFF5B, '(', '[', '{',
};

static int in_set(uint32_t cp, const uint32_t *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (set[i] == cp)
			return 1;
	return 0;
}

/* A Latin "word" character: printable ASCII other than space. */
static int is_word(uint32_t cp)
{
	return cp > 0x20 && cp < 0x7F;
}

void textwrap_init(struct textwrap *w)
{
	memset(w, 0, sizeof *w);
}

void textwrap_free(struct textwrap *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->lines[i]);
	free(w->lines);
	textwrap_init(w);
}

/* Takes ownership of line (NULL means out of memory). */
static int add_line(struct textwrap *w, char *line)
{
	if (!line)
		return -1;
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 16;
		char **v = realloc(w->lines, cap * sizeof *v);

		if (!v) {
			free(line);
			return -1;
		}
		w->lines = v;
		w->cap = cap;
	}
	w->lines[w->n++] = line;
	return 0;
}

int textwrap_push(struct textwrap *w, const char *line)
{
	return add_line(w, yc_strdup(line));
}

/* 1 when a line may break before character i (0 < i < n). */
static int may_break(const struct wchar_pos *c, size_t i)
{
	uint32_t a = c[i - 1].cp, b = c[i].cp;

	if (b == ' ')
		return 1;
	if (a == ' ')
		return !in_set(b, no_start, sizeof no_start / sizeof no_start[0]);
	if (is_word(a) && is_word(b))
		return 0;
	if (in_set(b, no_start, sizeof no_start / sizeof no_start[0]))
		return 0;
	if (in_set(a, no_end, sizeof no_end / sizeof no_end[0]))
		return 0;
	return 1;
}

/* Emits characters [from, to) of paragraph p as one line, after `indent`
 * spaces, without trailing spaces. */
static int emit(struct textwrap *w, const char *p, const struct wchar_pos *c,
		size_t from, size_t to, int indent)
{
	struct strbuf sb;

	while (to > from && c[to - 1].cp == ' ')
		to--;
	sb_init(&sb);
	for (int k = 0; k < indent; k++)
		sb_append(&sb, " ");
	if (to > from)
		sb_appendn(&sb, p + c[from].off, c[to - 1].off + c[to - 1].len - c[from].off);
	else
		sb_append(&sb, "");
	if (sb.oom) {
		sb_free(&sb);
		return -1;
	}
	return add_line(w, sb_take(&sb));
}

/* Wraps one paragraph (no '\n' in it) of plen bytes. */
static int wrap_paragraph(struct textwrap *w, const char *p, size_t plen, int width, int hang)
{
	struct wchar_pos *c = malloc((plen + 1) * sizeof *c);
	size_t n = 0, i = 0, start = 0;
	int indent = 0, rc = 0;

	if (!c)
		return -1;
	while (i < plen) {
		uint32_t cp;
		int k = utf8_decode(p + i, plen - i, &cp);

		if (k < 0) {
			cp = 0xFFFD;
			k = 1;
			c[n].width = 1;
		} else {
			c[n].width = cp == '\t' ? 1 : cp_width(cp);
		}
		c[n].off = i;
		c[n].len = (size_t)k;
		c[n].cp = cp == '\t' ? ' ' : cp;
		n++;
		i += (size_t)k;
	}
	if (n == 0) {
		rc = emit(w, p, c, 0, 0, 0);
		free(c);
		return rc;
	}
	while (start < n && rc == 0) {
		int avail = width - indent, used = 0;
		size_t j = start, b;

		while (j < n && used + c[j].width <= avail) {
			used += c[j].width;
			j++;
		}
		if (j >= n) {
			rc = emit(w, p, c, start, n, indent);
			break;
		}
		/* c[j] does not fit: break at the last place allowed. */
		for (b = j; b > start; b--)
			if (may_break(c, b))
				break;
		if (b == start)
			b = j > start ? j : start + 1;	/* no place allowed: cut */
		rc = emit(w, p, c, start, b, indent);
		start = b;
		while (start < n && c[start].cp == ' ')
			start++;
		indent = hang;
	}
	free(c);
	return rc;
}

int textwrap_append(struct textwrap *w, const char *text, int width, int hang)
{
	const char *p = text;

	if (width < 1)
		width = 1;
	if (hang < 0 || width - hang < 2)
		hang = 0;
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (wrap_paragraph(w, p, len, width, hang) != 0)
			return -1;
		if (!nl)
			break;
		p = nl + 1;
	}
	assert(w->n > 0);
	return 0;
}
