/*
 * idcheck.c — 居民身份证号码 (GB 11643-1999) and 统一社会信用代码
 * (GB 32100-2015) checks: structure, birth date, province, check digit.
 * See idcheck.h.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "yichuang/date.h"
#include "yichuang/idcheck.h"
#include "yichuang/util.h"

/* Characters kept of a value; longer values are only counted. */
#define IDCHECK_MAXCH 32

/* GB 11643-1999 weights of positions 1-17 and the check characters by
 * S mod 11. */
static const int id_weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
static const char id_checks[] = "10X98765432";

/* GB 32100-2015: the code's alphabet (the index is the value) and the
 * weights of positions 1-17. */
static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int uscc_weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8,
				      24, 10, 30, 28 };

/* A value after trimming: each character's code point and where its bytes
 * are in the caller's string, plus an upper-cased ASCII copy ('?' stands
 * for anything not ASCII). */
struct idtext {
	const char *src;
	size_t n;			/* characters, all of them */
	uint32_t cp[IDCHECK_MAXCH];
	size_t off[IDCHECK_MAXCH];
	int len[IDCHECK_MAXCH];
	char up[IDCHECK_MAXCH + 1];
};

static int is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' ||
	       cp == '\f' || cp == 0x3000;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Decodes one character at s (n bytes left); an invalid byte counts as one
 * character with code point 0xFFFFFFFF. */
static int next_char(const char *s, size_t n, uint32_t *cp)
{
	int k = utf8_decode(s, n, cp);

	if (k <= 0) {
		*cp = 0xFFFFFFFFu;
		return 1;
	}
	return k;
}

static void result_init(struct idcheck_result *r)
{
	memset(r, 0, sizeof *r);
}

/* Records a problem with its position and Chinese message; returns -1. */
static int fail(struct idcheck_result *r, enum idcheck_problem p, int pos,
		const char *found, const char *fmt, ...) YC_PRINTF(5, 6);
static int fail(struct idcheck_result *r, enum idcheck_problem p, int pos,
		const char *found, const char *fmt, ...)
{
	va_list ap;

	r->valid = 0;
	r->problem = p;
	r->pos = pos;
	snprintf(r->found, sizeof r->found, "%s", found ? found : "");
	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof r->msg, fmt, ap);
	va_end(ap);
	return -1;
}

/* The character i of t as typed, for messages. */
static void char_text(const struct idtext *t, size_t i, char *buf, size_t bufsz)
{
	assert(i < t->n && i < IDCHECK_MAXCH);
	if (t->cp[i] == 0xFFFFFFFFu || t->cp[i] < 0x20 || t->cp[i] == 0x7F)
		snprintf(buf, bufsz, "\\x%02X", (unsigned char)t->src[t->off[i]]);
	else
		snprintf(buf, bufsz, "%.*s", t->len[i], t->src + t->off[i]);
}

/* A character that is not allowed at position i: names it and says what is
 * expected there.  Full-width characters from a Chinese input method get
 * their own advice. */
static int fail_char(struct idcheck_result *r, const struct idtext *t, size_t i,
		     const char *expect)
{
	char ch[12];
	uint32_t cp = t->cp[i];

	char_text(t, i, ch, sizeof ch);
	if (cp == 0xFFFFFFFFu)
		return fail(r, IDCHECK_CHAR, (int)i + 1, ch,
			    _("字符错误: 第 %d 位不是有效的 UTF-8 文字"), (int)i + 1);
	if (cp < 0x20 || cp == 0x7F)
		return fail(r, IDCHECK_CHAR, (int)i + 1, ch,
			    _("字符错误: 第 %d 位是控制字符 %s，请重新输入"), (int)i + 1, ch);
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return fail(r, IDCHECK_CHAR, (int)i + 1, ch,
			    _("字符错误: 第 %d 位“%s”是全角字符，请切换到半角输入"),
			    (int)i + 1, ch);
	return fail(r, IDCHECK_CHAR, (int)i + 1, ch, _("字符错误: 第 %d 位为“%s”，%s"),
		    (int)i + 1, ch, expect);
}

/* Trims white space around value and splits it into characters.  White
 * space inside, or nothing at all, is a problem (-1, r filled). */
static int idtext_scan(const char *value, struct idtext *t, struct idcheck_result *r)
{
	size_t total = value ? strlen(value) : 0;
	size_t b = 0, e = 0, i;
	uint32_t cp;
	int k;

	memset(t, 0, sizeof *t);
	t->src = value;
	/* Leading white space. */
	while (b < total) {
		k = next_char(value + b, total - b, &cp);
		if (!is_space_cp(cp))
			break;
		b += (size_t)k;
	}
	/* End of the last character that is not white space. */
	for (i = b; i < total; i += (size_t)k) {
		k = next_char(value + i, total - i, &cp);
		if (!is_space_cp(cp))
			e = i + (size_t)k;
	}
	if (e <= b)
		return fail(r, IDCHECK_EMPTY, 0, NULL,
			    _("号码为空: 请输入 18 位身份证号码或统一社会信用代码"));
	for (i = b; i < e; i += (size_t)k) {
		k = next_char(value + i, e - i, &cp);
		if (t->n < IDCHECK_MAXCH) {
			t->cp[t->n] = cp;
			t->off[t->n] = i;
			t->len[t->n] = k;
			if (cp >= 'a' && cp <= 'z')
				t->up[t->n] = (char)(cp - 'a' + 'A');
			else if (cp < 0x80)
				t->up[t->n] = (char)cp;
			else
				t->up[t->n] = '?';
			if (is_space_cp(cp))
				return fail(r, IDCHECK_SPACE, (int)t->n + 1, " ",
					    cp == 0x3000 ?
					    _("字符错误: 第 %d 位是全角空格，号码中间不能有空格") :
					    _("字符错误: 第 %d 位是空格，号码中间不能有空格"),
					    (int)t->n + 1);
			if (cp == 0xFFFFFFFFu || cp < 0x20 || cp == 0x7F) {
				t->n++;
				return fail_char(r, t, t->n - 1, "");
			}
		} else if (is_space_cp(cp)) {
			return fail(r, IDCHECK_SPACE, (int)t->n + 1, " ",
				    _("字符错误: 第 %d 位是空格，号码中间不能有空格"),
				    (int)t->n + 1);
		}
		t->n++;
	}
	return 0;
}

char idcheck_id_check_char(const char *first17)
{
	int s = 0;

	for (int i = 0; i < 17; i++) {
		if (!is_digit(first17[i]))
			return '\0';
		s += (first17[i] - '0') * id_weights[i];
	}
	return id_checks[s % 11];
}

/* The value 0..30 of a USCC character (either case), or -1. */
static int uscc_value(char c)
{
	const char *p;

	if (c >= 'a' && c <= 'z')
		c = (char)(c - 'a' + 'A');
	if (c == '\0')
		return -1;
	p = strchr(uscc_alphabet, c);
	return p ? (int)(p - uscc_alphabet) : -1;
}

char idcheck_uscc_check_char(const char *first17)
{
	int s = 0;

	for (int i = 0; i < 17; i++) {
		int v = uscc_value(first17[i]);

		if (v < 0)
			return '\0';
		s += v * uscc_weights[i];
	}
	return uscc_alphabet[(31 - s % 31) % 31];
}

int idcheck_id15_to_18(const char *id15, char *out, size_t outsz)
{
	char c;

	if (!id15 || strlen(id15) != 15 || outsz < 19)
		return -1;
	for (int i = 0; i < 15; i++)
		if (!is_digit(id15[i]))
			return -1;
	memcpy(out, id15, 6);
	out[6] = '1';
	out[7] = '9';
	memcpy(out + 8, id15 + 6, 9);
	c = idcheck_id_check_char(out);
	assert(c != '\0');
	out[17] = c;
	out[18] = '\0';
	return 0;
}

int idcheck_province_valid(int code)
{
	return (code >= 11 && code <= 15) || (code >= 21 && code <= 23) ||
	       (code >= 31 && code <= 37) || (code >= 41 && code <= 46) ||
	       (code >= 50 && code <= 54) || (code >= 61 && code <= 65) ||
	       code == 71 || code == 81 || code == 82 || code == 83;
}

const char *idcheck_province_name(int code)
{
	static const struct {
		int code;
		const char *name;
	} names[] = {
		{ 11, N_("北京市") }, { 12, N_("天津市") }, { 13, N_("河北省") },
		{ 14, N_("山西省") }, { 15, N_("内蒙古自治区") }, { 21, N_("辽宁省") },
		{ 22, N_("吉林省") }, { 23, N_("黑龙江省") }, { 31, N_("上海市") },
		{ 32, N_("江苏省") }, { 33, N_("浙江省") }, { 34, N_("安徽省") },
		{ 35, N_("福建省") }, { 36, N_("江西省") }, { 37, N_("山东省") },
		{ 41, N_("河南省") }, { 42, N_("湖北省") }, { 43, N_("湖南省") },
		{ 44, N_("广东省") }, { 45, N_("广西壮族自治区") }, { 46, N_("海南省") },
		{ 50, N_("重庆市") }, { 51, N_("四川省") }, { 52, N_("贵州省") },
		{ 53, N_("云南省") }, { 54, N_("西藏自治区") }, { 61, N_("陕西省") },
		{ 62, N_("甘肃省") }, { 63, N_("青海省") }, { 64, N_("宁夏回族自治区") },
		{ 65, N_("新疆维吾尔自治区") }, { 71, N_("台湾省") },
		{ 81, N_("香港特别行政区") }, { 82, N_("澳门特别行政区") },
		{ 83, N_("台湾地区（居住证）") },
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].code == code)
			return _(names[i].name);
	return "";
}

const char *idcheck_kind_name(enum idcheck_kind k)
{
	switch (k) {
	case IDCHECK_ID18:
		return _("居民身份证号码");
	case IDCHECK_ID15_LEGACY:
		return _("居民身份证号码（旧版 15 位）");
	case IDCHECK_USCC:
		return _("统一社会信用代码");
	case IDCHECK_UNKNOWN:
		break;
	}
	return _("无法识别");
}

const char *idcheck_sex_name(enum idcheck_sex s)
{
	switch (s) {
	case IDCHECK_SEX_MALE:
		return _("男");
	case IDCHECK_SEX_FEMALE:
		return _("女");
	case IDCHECK_SEX_UNKNOWN:
		break;
	}
	return _("未知");
}

const char *idcheck_registry_name(char c)
{
	switch (c) {
	case '1': return _("机构编制");
	case '2': return _("外交");
	case '3': return _("司法行政");
	case '4': return _("文化");
	case '5': return _("民政");
	case '6': return _("旅游");
	case '7': return _("宗教");
	case '8': return _("工会");
	case '9': return _("工商（市场监管）");
	case 'A': return _("中央军委改革和编制办公室");
	case 'N': return _("农业");
	case 'Y': return _("其他");
	default: return NULL;
	}
}

/* Value of n ASCII digits at s (the caller has checked they are digits). */
static int digits_value(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Checks a birth date written at 1-based position pos of the value (year
 * digits ylen: 4, or 2 for the legacy form whose century is 19): a real
 * Gregorian date from 1800 on, not after today.  Sets r->birth. */
static int check_birth(struct idcheck_result *r, const char *ymd, int ylen, int pos)
{
	int y = digits_value(ymd, ylen) + (ylen == 2 ? 1900 : 0);
	int m = digits_value(ymd + ylen, 2);
	int d = digits_value(ymd + ylen + 2, 2);
	int mpos = pos + ylen, dpos = mpos + 2, end = dpos + 1;
	int dim, today;
	char found[12], buf[16], tbuf[16];

	if (y < 1800) {
		snprintf(found, sizeof found, "%.*s", ylen, ymd);
		return fail(r, IDCHECK_DATE, pos, found,
			    _("出生日期错误: 第 %d–%d 位年份为 %04d，早于 1800 年"),
			    pos, mpos - 1, y);
	}
	if (m < 1 || m > 12) {
		snprintf(found, sizeof found, "%.2s", ymd + ylen);
		return fail(r, IDCHECK_DATE, mpos, found,
			    _("出生日期错误: 第 %d–%d 位月份为 %02d，应为 01–12"),
			    mpos, mpos + 1, m);
	}
	dim = date_days_in_month(y, m);
	snprintf(found, sizeof found, "%.2s", ymd + ylen + 2);
	if (d < 1)
		return fail(r, IDCHECK_DATE, dpos, found,
			    _("出生日期错误: 第 %d–%d 位日为 00，应为 01–%02d"),
			    dpos, dpos + 1, dim);
	if (d > dim)
		return fail(r, IDCHECK_DATE, dpos, found,
			    _("出生日期错误: 第 %d–%d 位日为 %02d，%d 年 %d 月只有 %d 天"),
			    dpos, dpos + 1, d, y, m, dim);
	r->birth = date_from_ymd(y, m, d);
	r->has_birth = 1;
	today = date_today();
	if (r->birth > today) {
		snprintf(found, sizeof found, "%.*s", ylen + 4, ymd);
		return fail(r, IDCHECK_FUTURE, pos, found,
			    _("出生日期错误: 第 %d–%d 位出生日期 %s 晚于今天（%s）"),
			    pos, end, date_format(r->birth, buf, sizeof buf),
			    date_format(today, tbuf, sizeof tbuf));
	}
	return 0;
}

/* Positions 1-2: a province-level code. */
static int check_province(struct idcheck_result *r, const char *up)
{
	char found[4];

	r->province = digits_value(up, 2);
	if (idcheck_province_valid(r->province))
		return 0;
	snprintf(found, sizeof found, "%.2s", up);
	return fail(r, IDCHECK_PROVINCE, 1, found,
		    _("地区代码错误: 第 1–2 位为 %s，不是省级行政区划代码"), found);
}

/* An 18-character 身份证号码. */
static int check_id18(const struct idtext *t, struct idcheck_result *r)
{
	char check, found[4];

	assert(t->n == 18);
	r->kind = IDCHECK_ID18;
	for (size_t i = 0; i < 17; i++)
		if (!is_digit(t->up[i]))
			return fail_char(r, t, i, _("身份证号码前 17 位只能是数字"));
	if (!is_digit(t->up[17]) && t->up[17] != 'X')
		return fail_char(r, t, 17, _("第 18 位（校验码）应为数字或 X"));
	memcpy(r->norm, t->up, 18);
	r->norm[18] = '\0';
	if (check_province(r, t->up) != 0)
		return -1;
	r->sex = (t->up[16] - '0') % 2 ? IDCHECK_SEX_MALE : IDCHECK_SEX_FEMALE;
	if (check_birth(r, t->up + 6, 4, 7) != 0)
		return -1;
	check = idcheck_id_check_char(t->up);
	if (check != t->up[17]) {
		snprintf(found, sizeof found, "%c", t->up[17]);
		r->expected = check;
		return fail(r, IDCHECK_CHECK_DIGIT, 18, found,
			    _("校验码错误: 第 18 位为 %c，应为 %c"), t->up[17], check);
	}
	r->valid = 1;
	return 0;
}

/* A legacy 15-digit 身份证号码: 6 region digits, YYMMDD of 19YY, 3
 * sequence digits, no check digit.  Valid ones are converted. */
static int check_id15(const struct idtext *t, struct idcheck_result *r)
{
	assert(t->n == 15);
	r->kind = IDCHECK_ID15_LEGACY;
	for (size_t i = 0; i < 15; i++)
		if (!is_digit(t->up[i]))
			return fail_char(r, t, i, _("旧版 15 位身份证号码只能是数字"));
	if (check_province(r, t->up) != 0)
		return -1;
	r->sex = (t->up[14] - '0') % 2 ? IDCHECK_SEX_MALE : IDCHECK_SEX_FEMALE;
	if (check_birth(r, t->up + 6, 2, 7) != 0)
		return -1;
	if (idcheck_id15_to_18(t->up, r->norm, sizeof r->norm) != 0)
		return fail(r, IDCHECK_CHAR, 0, NULL, _("字符错误: 旧版身份证号码无法换算"));
	r->valid = 1;
	return 0;
}

/* An 18-character 统一社会信用代码. */
static int check_uscc(const struct idtext *t, struct idcheck_result *r)
{
	char check, found[4];

	assert(t->n == 18);
	r->kind = IDCHECK_USCC;
	for (size_t i = 0; i < 18; i++) {
		if (uscc_value(t->up[i]) >= 0)
			continue;
		if (t->up[i] != '\0' && strchr("IOZSV", t->up[i]))
			return fail_char(r, t, i,
					 _("统一社会信用代码不使用字母 I、O、Z、S、V"));
		return fail_char(r, t, i,
				 _("统一社会信用代码只能由数字和大写字母组成（不含 I、O、Z、S、V）"));
	}
	memcpy(r->norm, t->up, 18);
	r->norm[18] = '\0';
	if (!idcheck_registry_name(t->up[0])) {
		char ch[12];

		char_text(t, 0, ch, sizeof ch);
		return fail(r, IDCHECK_REGISTRY, 1, ch,
			    _("登记管理部门代码错误: 第 1 位为“%s”，应为 1–9、A、N 或 Y"), ch);
	}
	for (size_t i = 2; i < 8; i++)
		if (!is_digit(t->up[i]))
			return fail_char(r, t, i,
					 _("第 3–8 位是登记管理机关行政区划码，只能是数字"));
	check = idcheck_uscc_check_char(t->up);
	assert(check != '\0');
	if (check != t->up[17]) {
		snprintf(found, sizeof found, "%c", t->up[17]);
		r->expected = check;
		r->overridable = 1;
		return fail(r, IDCHECK_CHECK_DIGIT, 18, found,
			    _("校验码错误: 第 18 位为 %c，应为 %c"), t->up[17], check);
	}
	r->valid = 1;
	return 0;
}

int idcheck_id(const char *value, struct idcheck_result *r)
{
	struct idtext t;

	result_init(r);
	r->kind = IDCHECK_ID18;
	if (idtext_scan(value, &t, r) != 0)
		return -1;
	if (t.n == 18)
		return check_id18(&t, r);
	if (t.n == 15)
		return check_id15(&t, r);
	return fail(r, IDCHECK_LENGTH, 0, NULL,
		    _("长度错误: 共 %zu 位，身份证号码应为 18 位（旧版 15 位）"), t.n);
}

int idcheck_uscc(const char *value, struct idcheck_result *r)
{
	struct idtext t;

	result_init(r);
	r->kind = IDCHECK_USCC;
	if (idtext_scan(value, &t, r) != 0)
		return -1;
	if (t.n == 18)
		return check_uscc(&t, r);
	return fail(r, IDCHECK_LENGTH, 0, NULL,
		    _("长度错误: 共 %zu 位，统一社会信用代码应为 18 位"), t.n);
}

/* Which kind an 18-character value is: two or more letters among the first
 * 17 characters make it a USCC.  Otherwise it is read as an ID (a letter
 * there is then a typing error), unless it fails as an ID and passes as a
 * USCC in full: the USCC check digit is the only real evidence for an
 * all-digit code, since digits pass its other structural checks. */
int idcheck_any(const char *value, struct idcheck_result *r)
{
	struct idtext t;
	struct idcheck_result alt;
	int letters = 0;

	result_init(r);
	if (idtext_scan(value, &t, r) != 0)
		return -1;
	if (t.n == 15)
		return check_id15(&t, r);
	if (t.n != 18)
		return fail(r, IDCHECK_LENGTH, 0, NULL,
			    _("长度错误: 共 %zu 位；身份证号码应为 18 位（旧版 15 位），"
			      "统一社会信用代码应为 18 位"), t.n);
	for (size_t i = 0; i < 17; i++)
		if (t.up[i] >= 'A' && t.up[i] <= 'Z')
			letters++;
	if (letters >= 2)
		return check_uscc(&t, r);
	if (check_id18(&t, r) == 0)
		return 0;
	result_init(&alt);
	if (check_uscc(&t, &alt) == 0) {
		*r = alt;
		return 0;
	}
	return -1;
}
