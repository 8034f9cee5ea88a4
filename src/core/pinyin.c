/*
 * pinyin.c — pinyin initials from GB 2312 order (see pinyin.h).
 */
#include <ctype.h>
#include <iconv.h>
#include <string.h>

#include "yichuang/pinyin.h"
#include "yichuang/util.h"

/* First GB 2312 code (row << 8 | cell) of each initial among the level-1
 * characters, which run from 0xB0A1 to 0xD7F9 in pinyin order.  Initials
 * i, u and v begin no syllable and are absent. */
static const struct {
	unsigned code;
	char initial;
} gb_initials[] = {
	{ 0xB0A1, 'a' }, { 0xB0C5, 'b' }, { 0xB2C1, 'c' }, { 0xB4EE, 'd' },
	{ 0xB6EA, 'e' }, { 0xB7A2, 'f' }, { 0xB8C1, 'g' }, { 0xB9FE, 'h' },
	{ 0xBBF7, 'j' }, { 0xBFA6, 'k' }, { 0xC0AC, 'l' }, { 0xC2E8, 'm' },
	{ 0xC4C3, 'n' }, { 0xC5B6, 'o' }, { 0xC5BE, 'p' }, { 0xC6DA, 'q' },
	{ 0xC8BB, 'r' }, { 0xC8F6, 's' }, { 0xCBFA, 't' }, { 0xCDDA, 'w' },
	{ 0xCEF4, 'x' }, { 0xD1B9, 'y' }, { 0xD4D1, 'z' },
};
#define GB_LEVEL1_END 0xD7F9

/* Initial of one code point through its GB 2312 code; 0 when it has none. */
static char initial_of(iconv_t cd, const char *utf8, size_t len)
{
	char in[8], outb[8];
	char *ip = in, *op = outb;
	size_t il = len, ol = sizeof outb;
	unsigned code;
	size_t i;

	memcpy(in, utf8, len);
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || op - outb != 2)
		return 0;
	code = ((unsigned char)outb[0] << 8) | (unsigned char)outb[1];
	if (code < gb_initials[0].code || code > GB_LEVEL1_END)
		return 0;
	for (i = sizeof gb_initials / sizeof gb_initials[0]; i-- > 0;)
		if (code >= gb_initials[i].code)
			return gb_initials[i].initial;
	return 0;
}

int pinyin_initials(const char *text, char *out, size_t outsz)
{
	size_t n = strlen(text), i = 0, o = 0;
	iconv_t cd;
	int rc = 0;

	if (outsz == 0)
		return -1;
	out[0] = '\0';
	cd = iconv_open("GB2312", "UTF-8");
	while (i < n) {
		uint32_t cp;
		int k = utf8_decode(text + i, n - i, &cp);
		char c = 0;

		if (k < 0) {
			rc = -1;
			break;
		}
		if (cp < 0x80) {
			if (isalnum((int)cp))
				c = (char)tolower((int)cp);
		} else if (cd != (iconv_t)-1 && k <= 4) {
			c = initial_of(cd, text + i, (size_t)k);
		}
		if (c) {
			if (o + 1 >= outsz) {
				rc = -1;
				break;
			}
			out[o++] = c;
		}
		i += (size_t)k;
	}
	out[o] = '\0';
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	return rc < 0 ? -1 : (int)o;
}

int pinyin_matches(const char *query, const char *name, const char *initials)
{
	char buf[512];
	const char *have;
	size_t qn = strlen(query);

	if (qn == 0)
		return 0;
	if (initials && *initials) {
		have = initials;
	} else {
		pinyin_initials(name, buf, sizeof buf);
		have = buf;
	}
	if (strlen(have) < qn)
		return 0;
	for (size_t i = 0; i < qn; i++)
		if (tolower((unsigned char)query[i]) != have[i])
			return 0;
	return 1;
}
