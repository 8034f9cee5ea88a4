/*
 * keys.c — key names and the key lines of scripts (see keys.h).
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "yichuang/util.h"
#include "keys.h"

static const struct {
	const char *name;
	int key;
} named[] = {
	{ "Enter", TK_ENTER }, { "Tab", TK_TAB }, { "S-Tab", TK_SPECIAL | KEY_BTAB },
	{ "Esc", TK_ESC },
	{ "BS", TK_SPECIAL | KEY_BACKSPACE }, { "Del", TK_SPECIAL | KEY_DC },
	{ "Up", TK_SPECIAL | KEY_UP }, { "Down", TK_SPECIAL | KEY_DOWN },
	{ "Left", TK_SPECIAL | KEY_LEFT }, { "Right", TK_SPECIAL | KEY_RIGHT },
	{ "Home", TK_SPECIAL | KEY_HOME }, { "End", TK_SPECIAL | KEY_END },
	{ "PgUp", TK_SPECIAL | KEY_PPAGE }, { "PgDn", TK_SPECIAL | KEY_NPAGE },
	{ "Space", ' ' }, { "lt", '<' },
};

char *keys_name(int key, char *buf, size_t bufsz)
{
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (named[i].key == key) {
			snprintf(buf, bufsz, "%s", named[i].name);
			return buf;
		}
	if (key & TK_SPECIAL) {
		int code = key & ~TK_SPECIAL;

		if (code >= KEY_F(1) && code <= KEY_F(12))
			snprintf(buf, bufsz, "F%d", code - KEY_F0);
		else
			snprintf(buf, bufsz, "key%d", code);
	} else if (key > 0 && key < 0x20) {
		snprintf(buf, bufsz, "C-%c", key + 'a' - 1);
	} else {
		char tmp[8] = { 0 };
		uint32_t cp = (uint32_t)key;

		/* Printable: the character itself, as UTF-8. */
		if (cp < 0x80) {
			tmp[0] = (char)cp;
		} else if (cp < 0x800) {
			tmp[0] = (char)(0xC0 | (cp >> 6));
			tmp[1] = (char)(0x80 | (cp & 0x3F));
		} else {
			tmp[0] = (char)(0xE0 | (cp >> 12));
			tmp[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
			tmp[2] = (char)(0x80 | (cp & 0x3F));
		}
		snprintf(buf, bufsz, "%s", tmp);
	}
	return buf;
}

/* The key named by <name> (name without brackets, length n); -1 if none. */
static int key_by_name(const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strlen(named[i].name) == n && strncmp(named[i].name, name, n) == 0)
			return named[i].key;
	if (n >= 2 && n <= 3 && name[0] == 'F') {
		int f = 0;

		for (size_t i = 1; i < n; i++) {
			if (name[i] < '0' || name[i] > '9')
				return -1;
			f = f * 10 + (name[i] - '0');
		}
		if (f >= 1 && f <= 12)
			return TK_SPECIAL | KEY_F(f);
	}
	if (n == 3 && name[0] == 'C' && name[1] == '-' && name[2] >= 'a' && name[2] <= 'z')
		return TK_CTRL(name[2]);
	return -1;
}

int keys_parse_line(const char *line, int *keys, size_t max, char *err, size_t errsz)
{
	size_t n = strlen(line), i = 0, k = 0;

	while (i < n) {
		int key;

		if (line[i] == '<') {
			const char *close = strchr(line + i + 1, '>');

			if (!close)
				return yc_seterr(err, errsz, _("“<”没有对应的“>”（字面的 < 写作 <lt>）"));
			key = key_by_name(line + i + 1, (size_t)(close - line - i - 1));
			if (key < 0)
				return yc_seterr(err, errsz, _("未知的按键名 “%.*s”"),
						 (int)(close - line - i + 1), line + i);
			i = (size_t)(close - line) + 1;
		} else {
			uint32_t cp;
			int len = utf8_decode(line + i, n - i, &cp);

			if (len < 0)
				return yc_seterr(err, errsz, _("脚本行不是有效的 UTF-8"));
			key = (int)cp;
			i += (size_t)len;
		}
		if (k >= max)
			return yc_seterr(err, errsz, _("一行的按键太多（最多 %zu 个）"), max);
		keys[k++] = key;
	}
	return (int)k;
}
