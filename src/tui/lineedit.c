/*
 * lineedit.c — the one-line editor (see lineedit.h).
 */
#include <string.h>

#include "yichuang/lineedit.h"
#include "yichuang/util.h"

void lineedit_init(struct lineedit *le, size_t max)
{
	memset(le, 0, sizeof *le);
	le->max = max == 0 || max > LINEEDIT_MAX ? LINEEDIT_MAX : max;
}

int lineedit_set(struct lineedit *le, const char *s)
{
	size_t n = strlen(s), i = 0;

	lineedit_clear(le);
	while (i < n && le->len < le->max) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);

		if (k < 0) {
			lineedit_clear(le);
			return -1;
		}
		le->text[le->len++] = cp;
		i += (size_t)k;
	}
	le->cursor = le->len;
	return 0;
}

/* Encodes one code point as UTF-8 into out (4 bytes); returns its length. */
static size_t encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Appends code points [from, to) to buf as UTF-8, stopping before a
 * character that would not fit whole. */
static char *encode_range(const struct lineedit *le, size_t from, size_t to,
			  char *buf, size_t bufsz)
{
	size_t o = 0;

	if (bufsz == 0)
		return buf;
	for (size_t i = from; i < to; i++) {
		char tmp[4];
		size_t k = encode(le->text[i], tmp);

		if (o + k >= bufsz)
			break;
		memcpy(buf + o, tmp, k);
		o += k;
	}
	buf[o] = '\0';
	return buf;
}

char *lineedit_get(const struct lineedit *le, char *buf, size_t bufsz)
{
	return encode_range(le, 0, le->len, buf, bufsz);
}

int lineedit_insert(struct lineedit *le, uint32_t cp)
{
	/* Control characters never enter a field. */
	if (le->len >= le->max || cp < 0x20 || cp == 0x7F || cp > 0x10FFFF ||
	    (cp >= 0x80 && cp < 0xA0))
		return -1;
	memmove(&le->text[le->cursor + 1], &le->text[le->cursor],
		(le->len - le->cursor) * sizeof le->text[0]);
	le->text[le->cursor++] = cp;
	le->len++;
	return 0;
}

int lineedit_backspace(struct lineedit *le)
{
	if (le->cursor == 0)
		return -1;
	le->cursor--;
	return lineedit_delete(le);
}

int lineedit_delete(struct lineedit *le)
{
	if (le->cursor >= le->len)
		return -1;
	memmove(&le->text[le->cursor], &le->text[le->cursor + 1],
		(le->len - le->cursor - 1) * sizeof le->text[0]);
	le->len--;
	return 0;
}

int lineedit_left(struct lineedit *le)
{
	if (le->cursor == 0)
		return -1;
	le->cursor--;
	return 0;
}

int lineedit_right(struct lineedit *le)
{
	if (le->cursor >= le->len)
		return -1;
	le->cursor++;
	return 0;
}

void lineedit_home(struct lineedit *le)
{
	le->cursor = 0;
}

void lineedit_end(struct lineedit *le)
{
	le->cursor = le->len;
}

void lineedit_kill_to_end(struct lineedit *le)
{
	le->len = le->cursor;
}

void lineedit_clear(struct lineedit *le)
{
	le->len = 0;
	le->cursor = 0;
	le->scroll = 0;
}

int lineedit_view(struct lineedit *le, int width, char *buf, size_t bufsz)
{
	int col = 0, used = 0;
	size_t end;

	if (width < 2) {
		if (bufsz)
			buf[0] = '\0';
		return 0;
	}
	if (le->scroll > le->cursor)
		le->scroll = le->cursor;
	/* Scroll right until the cursor, and one cell after it, fit. */
	for (;;) {
		col = 0;
		for (size_t i = le->scroll; i < le->cursor; i++)
			col += cp_width(le->text[i]);
		if (col + 1 < width || le->scroll >= le->cursor)
			break;
		le->scroll++;
	}
	end = le->scroll;
	while (end < le->len && used + cp_width(le->text[end]) <= width) {
		used += cp_width(le->text[end]);
		end++;
	}
	encode_range(le, le->scroll, end, buf, bufsz);
	return col;
}
