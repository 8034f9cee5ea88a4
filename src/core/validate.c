/*
 * validate.c — intake form field values: text, date, choice, number,
 * phone, 身份证号码, 统一社会信用代码, money.  See validate.h.
 */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/catalog.h"
#include "yichuang/date.h"
#include "yichuang/idcheck.h"
#include "yichuang/util.h"
#include "yichuang/validate.h"

#define MSGSZ 512

/* The UTF-8 of U+8F6C 转, which introduces an extension number. */
#define ZHUAN "\xe8\xbd\xac"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Writes a message and returns VALIDATE_ERROR. */
#define verr(msg, msgsz, ...) yc_seterr((msg), (msgsz), __VA_ARGS__)

/* A copy of value without white space around it (ASCII and the
 * full-width space U+3000); NULL when out of memory.  The caller frees. */
static char *trimmed_copy(const char *value)
{
	const char *b = value ? value : "";
	const char *e;

	for (;;) {
		if (*b == ' ' || (*b >= '\t' && *b <= '\r'))
			b++;
		else if (strncmp(b, "\xe3\x80\x80", 3) == 0)
			b += 3;
		else
			break;
	}
	e = b + strlen(b);
	for (;;) {
		if (e > b && (e[-1] == ' ' || (e[-1] >= '\t' && e[-1] <= '\r')))
			e--;
		else if (e - b >= 3 && strncmp(e - 3, "\xe3\x80\x80", 3) == 0)
			e -= 3;
		else
			break;
	}
	return yc_strndup(b, (size_t)(e - b));
}

/* Bytes for quoting a value in a message: 24 characters and an ellipsis. */
#define QSZ 112

/* A value as quoted in a message: at most 24 characters, never cut inside
 * one, control characters and invalid bytes shown as '?'.  Returns buf. */
static const char *quoted(const char *s, char *buf)
{
	size_t o = 0, n = strlen(s);
	int count = 0;

	for (size_t i = 0; i < n && o + 8 < QSZ; count++) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);

		if (count == 24) {
			memcpy(buf + o, "\xe2\x80\xa6", 3);	/* … */
			o += 3;
			break;
		}
		if (k <= 0 || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
			buf[o++] = '?';
			i += k <= 0 ? 1 : (size_t)k;
		} else {
			memcpy(buf + o, s + i, (size_t)k);
			o += (size_t)k;
			i += (size_t)k;
		}
	}
	buf[o] = '\0';
	return buf;
}

static int out_of_memory(char *msg, size_t msgsz)
{
	return verr(msg, msgsz, "%s", _("内存不足，请重试"));
}

/* When s starts with a full-width digit, letter or sign (U+FF01..U+FF5E,
 * typed through a Chinese input method), its length in bytes; else 0. */
static int fullwidth_at(const char *s)
{
	uint32_t cp;
	int k = utf8_decode(s, strlen(s), &cp);

	return k > 0 && cp >= 0xFF01 && cp <= 0xFF5E ? k : 0;
}

/* Explains the first character of s that is not in allowed (ASCII); the
 * rule for what is allowed is in what.  Returns VALIDATE_ERROR, or
 * VALIDATE_OK when every character is allowed. */
static int check_chars(const char *s, const char *allowed, const char *what,
		       char *msg, size_t msgsz)
{
	size_t pos = 0;

	for (const char *p = s; *p; pos++) {
		uint32_t cp;
		int k = utf8_decode(p, strlen(p), &cp);

		if (k <= 0)
			return verr(msg, msgsz, _("第 %zu 个字符不是有效的 UTF-8 文字，请重新输入"),
				    pos + 1);
		if (fullwidth_at(p))
			return verr(msg, msgsz, _("第 %zu 个字符“%.*s”是全角字符，请切换到半角输入"),
				    pos + 1, k, p);
		if (cp >= 0x80 || !strchr(allowed, *p))
			return verr(msg, msgsz, _("第 %zu 个字符“%.*s”不能出现，%s"),
				    pos + 1, k, p, what);
		p += k;
	}
	return VALIDATE_OK;
}

int validate_text(const char *value, int min_len, int max_len, char *msg, size_t msgsz)
{
	char *s = trimmed_copy(value);
	size_t n, pos = 0;
	int rc = VALIDATE_OK;

	if (!s)
		return out_of_memory(msg, msgsz);
	n = strlen(s);
	for (const char *p = s; *p && rc == VALIDATE_OK; pos++) {
		uint32_t cp;
		int k = utf8_decode(p, (size_t)(s + n - p), &cp);

		if (k <= 0)
			rc = verr(msg, msgsz, _("第 %zu 个字符不是有效的 UTF-8 文字，请重新输入"),
				  pos + 1);
		else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
			rc = verr(msg, msgsz,
				  _("第 %zu 个字符是控制字符（如换行、制表符），请删除"), pos + 1);
		else
			p += k;
	}
	if (rc == VALIDATE_OK) {
		size_t len = utf8_len(s);

		if (min_len > 0 && len < (size_t)min_len)
			rc = verr(msg, msgsz, _("至少要 %d 个字，现在只有 %zu 个字"), min_len, len);
		else if (max_len > 0 && len > (size_t)max_len)
			rc = verr(msg, msgsz, _("最多 %d 个字，现在有 %zu 个字"), max_len, len);
	}
	free(s);
	return rc;
}

/* Value of n ASCII digits at s, or -1 when one is not a digit. */
static int digits_value(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int validate_date(const char *value, int *day, char *msg, size_t msgsz)
{
	char q[QSZ];
	char *s = trimmed_copy(value);
	int y = -1, m = -1, d = -1, rc = VALIDATE_OK;
	size_t n;

	if (!s)
		return out_of_memory(msg, msgsz);
	n = strlen(s);
	if (n == 10 && s[4] == '-' && s[7] == '-') {
		y = digits_value(s, 4);
		m = digits_value(s + 5, 2);
		d = digits_value(s + 8, 2);
	}
	if (y < 0 || m < 0 || d < 0)
		rc = verr(msg, msgsz, _("“%s”不是日期，应写成 YYYY-MM-DD，如 2026-03-01"),
			  quoted(s, q));
	else if (y < 1900 || y > 2199)
		rc = verr(msg, msgsz, _("年份 %04d 超出范围，应在 1900–2199 之间"), y);
	else if (m < 1 || m > 12)
		rc = verr(msg, msgsz, _("月份 %02d 无效，应为 01–12"), m);
	else if (d < 1 || d > date_days_in_month(y, m))
		rc = verr(msg, msgsz, _("日 %02d 无效，%d 年 %d 月只有 %d 天"), d, y, m,
			  date_days_in_month(y, m));
	else if (day)
		*day = date_from_ymd(y, m, d);
	free(s);
	return rc;
}

int validate_choice(const char *value, char *const *choices, size_t nchoices,
		    char *msg, size_t msgsz)
{
	char q[QSZ];
	char *s = trimmed_copy(value);
	struct strbuf sb;
	int rc;

	if (!s)
		return out_of_memory(msg, msgsz);
	for (size_t i = 0; i < nchoices; i++) {
		if (strcmp(s, choices[i]) == 0) {
			free(s);
			return VALIDATE_OK;
		}
	}
	sb_init(&sb);
	for (size_t i = 0; i < nchoices; i++) {
		if (i > 0)
			sb_append(&sb, _("、"));
		sb_append(&sb, choices[i]);
	}
	if (sb.oom)
		rc = out_of_memory(msg, msgsz);
	else
		rc = verr(msg, msgsz, _("“%s”不是可选的值，应为以下之一: %s"), quoted(s, q),
			  sb.buf ? sb.buf : "");
	sb_free(&sb);
	free(s);
	return rc;
}

/* Explains why s is not a plain decimal number, for number and money. */
static int number_syntax_error(const char *s, int money, char *msg, size_t msgsz)
{
	char q[QSZ];
	assert(s[0] != '\0');
	if (strchr(s, ',') || strstr(s, "\xef\xbc\x8c"))
		return verr(msg, msgsz, _("“%s”中有逗号: 请不要使用千位分隔符，如 12500"),
			    quoted(s, q));
	if (money && (strstr(s, "\xe5\x85\x83") || strstr(s, "\xc2\xa5") ||
		      strstr(s, "\xef\xbf\xa5")))
		return verr(msg, msgsz, _("“%s”: 只填数字，单位是元，不要带“元”或“¥”"),
			    quoted(s, q));
	if (s[0] == '.')
		return verr(msg, msgsz, _("“%s”: 小数点前要有数字，如 0.5"), quoted(s, q));
	if (s[strlen(s) - 1] == '.')
		return verr(msg, msgsz, _("“%s”: 小数点后要有数字，或删去小数点"), quoted(s, q));
	if (strchr(s, '.') != strrchr(s, '.'))
		return verr(msg, msgsz, _("“%s”: 只能有一个小数点"), quoted(s, q));
	if (check_chars(s, money ? "0123456789." : "0123456789.+-",
			money ? _("金额只能由数字和小数点组成，如 1250.50") :
				_("数字只能由数字、小数点和正负号组成，如 12.5"),
			msg, msgsz) != VALIDATE_OK)
		return VALIDATE_ERROR;
	if (money)
		return verr(msg, msgsz, _("“%s”不是金额，应写成如 1250 或 1250.50"), quoted(s, q));
	return verr(msg, msgsz, _("“%s”不是数字，应写成如 12 或 12.5"), quoted(s, q));
}

/* Splits a plain decimal ("[+-]digits[.digits]") into its parts: sign,
 * digits before the point, digits after.  -1 when s is not one. */
static int decimal_split(const char *s, int *neg, const char **ip, size_t *ilen,
			 const char **fp, size_t *flen)
{
	const char *p = s;

	*neg = 0;
	if (*p == '+' || *p == '-') {
		*neg = *p == '-';
		p++;
	}
	*ip = p;
	while (is_digit(*p))
		p++;
	*ilen = (size_t)(p - *ip);
	*fp = p;
	*flen = 0;
	if (*p == '.') {
		*fp = ++p;
		while (is_digit(*p))
			p++;
		*flen = (size_t)(p - *fp);
		if (*flen == 0)
			return -1;
	}
	return *ilen > 0 && *p == '\0' ? 0 : -1;
}

/* Formats a bound for a message without trailing zeros ("1000000", "0.5"). */
static const char *bound_text(double v, char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "%.15g", v);
	return buf;
}

int validate_number_parse(const char *value, double *out, char *msg, size_t msgsz)
{
	char q[QSZ];
	char *s = trimmed_copy(value);
	const char *ip, *fp;
	size_t ilen, flen;
	unsigned long long mant = 0;
	double v, scale = 1;
	int neg, rc = VALIDATE_OK;

	if (!s)
		return out_of_memory(msg, msgsz);
	if (*s == '\0')
		rc = verr(msg, msgsz, "%s", _("请填写一个数字"));
	else if (decimal_split(s, &neg, &ip, &ilen, &fp, &flen) != 0)
		rc = number_syntax_error(s, 0, msg, msgsz);
	else if (ilen + flen > 15)
		rc = verr(msg, msgsz, _("“%s”位数太多: 最多 15 位数字"), quoted(s, q));
	if (rc == VALIDATE_OK) {
		for (size_t i = 0; i < ilen; i++)
			mant = mant * 10 + (unsigned long long)(ip[i] - '0');
		for (size_t i = 0; i < flen; i++) {
			mant = mant * 10 + (unsigned long long)(fp[i] - '0');
			scale *= 10;
		}
		/* Both are exact in a double, so the quotient is correctly
		 * rounded, as strtod would give. */
		v = (double)mant / scale;
		if (out)
			*out = neg ? -v : v;
	}
	free(s);
	return rc;
}

int validate_money_parse(const char *value, long long *fen, char *msg, size_t msgsz)
{
	char q[QSZ];
	char *s = trimmed_copy(value);
	const char *ip, *fp;
	size_t ilen, flen;
	long long v = 0;
	int neg, rc = VALIDATE_OK;

	if (!s)
		return out_of_memory(msg, msgsz);
	if (*s == '\0')
		rc = verr(msg, msgsz, "%s", _("请填写金额（元），如 1250.50"));
	else if (*s == '-')
		rc = verr(msg, msgsz, _("“%s”: 金额不能为负数"), quoted(s, q));
	else if (*s == '+' || decimal_split(s, &neg, &ip, &ilen, &fp, &flen) != 0)
		rc = number_syntax_error(s, 1, msg, msgsz);
	else if (flen > 2)
		rc = verr(msg, msgsz, _("“%s”: 金额最多两位小数（到分）"), quoted(s, q));
	else if (ilen > 13)
		rc = verr(msg, msgsz, _("“%s”: 金额过大，整数部分最多 13 位"), quoted(s, q));
	if (rc == VALIDATE_OK) {
		for (size_t i = 0; i < ilen; i++)
			v = v * 10 + (ip[i] - '0');
		v *= 100;
		if (flen >= 1)
			v += (fp[0] - '0') * 10;
		if (flen == 2)
			v += fp[1] - '0';
		if (fen)
			*fen = v;
	}
	free(s);
	return rc;
}

/* A phone number's digit groups, as split by spaces, dashes and brackets. */
struct phone_groups {
	size_t n;
	size_t len[8];
	char digits[40];		/* all digits, concatenated */
	size_t ndigits;
};

/* Splits s into digit groups.  -1 with a message when s has a character
 * other than digits, spaces, dashes, brackets and a leading '+', or too
 * many digits or groups. */
static int phone_split(const char *s, struct phone_groups *g, char *msg, size_t msgsz)
{
	char q[QSZ];
	const char *what = _("电话号码只能由数字、空格、短横线和括号组成");
	const char *p = s;
	size_t cur = 0;

	memset(g, 0, sizeof *g);
	if (*p == '+')
		p++;
	if (check_chars(p, "0123456789 -()", what, msg, msgsz) != VALIDATE_OK)
		return -1;
	for (;; p++) {
		if (is_digit(*p)) {
			if (g->ndigits + 1 >= sizeof g->digits)
				return verr(msg, msgsz, _("“%s”位数太多，不像电话号码"), quoted(s, q));
			g->digits[g->ndigits++] = *p;
			cur++;
			continue;
		}
		if (cur > 0) {
			if (g->n >= sizeof g->len / sizeof g->len[0])
				return verr(msg, msgsz,
					    _("“%s”分段太多，请按 010-62345678 的样子填写"),
					    quoted(s, q));
			g->len[g->n++] = cur;
			cur = 0;
		}
		if (*p == '\0')
			break;
	}
	g->digits[g->ndigits] = '\0';
	return 0;
}

/* Finds an extension marker ("转", "ext", "#"): cuts s there and returns
 * the rest, or NULL when there is none. */
static char *phone_cut_extension(char *s)
{
	char *p = strstr(s, ZHUAN);
	size_t mlen = 3;

	if (!p) {
		for (char *q = s; *q; q++) {
			if ((q[0] == 'e' || q[0] == 'E') && (q[1] == 'x' || q[1] == 'X') &&
			    (q[2] == 't' || q[2] == 'T')) {
				p = q;
				mlen = 3;
				break;
			}
			if (*q == '#') {
				p = q;
				mlen = 1;
				break;
			}
		}
	}
	if (!p)
		return NULL;
	*p = '\0';
	p += mlen;
	while (*p == '.' || *p == ':' || *p == ' ' || *p == '-')
		p++;
	return p;
}

/* A mobile number of 11 digits at d. */
static int phone_mobile(const char *d, size_t n, int has_ext, char *norm, size_t normsz,
			char *msg, size_t msgsz)
{
	if (n != 11)
		return verr(msg, msgsz, _("手机号码应为 11 位，现在是 %zu 位"), n);
	if (d[1] < '3')
		return verr(msg, msgsz, _("手机号码第 2 位应为 3–9，现在是 %c"), d[1]);
	if (has_ext)
		return verr(msg, msgsz, "%s", _("手机号码不能带分机号"));
	if (norm)
		snprintf(norm, normsz, "%s", d);
	return VALIDATE_OK;
}

/* A fixed line whose digits d start with the area code's 0.  ext is the
 * extension cut off by a marker (may be NULL); otherwise a last group of
 * 1-6 digits after area code and number is the extension. */
static int phone_fixed(const struct phone_groups *g, const char *ext, char *norm,
		       size_t normsz, char *msg, size_t msgsz)
{
	char q[QSZ];
	const char *d = g->digits;
	size_t area = d[1] == '1' || d[1] == '2' ? 3 : 4;
	size_t local;
	char extbuf[16] = "";

	if (g->ndigits <= area)
		return verr(msg, msgsz, _("“%s”太短: 固定电话应写成 区号-号码，如 010-62345678"), d);
	if (d[1] == '1' && d[2] != '0')
		return verr(msg, msgsz, _("区号 %.3s 不存在: 区号应为 010、02X 或 0XXX 四位"), d);
	local = g->ndigits - area;
	if (!ext && g->n == 3 && g->len[0] == area && g->len[1] >= 7 && g->len[1] <= 8) {
		local = g->len[1];
		snprintf(extbuf, sizeof extbuf, "%s", d + area + local);
		ext = extbuf;
	}
	if (ext) {
		size_t elen = strlen(ext);

		if (elen < 1 || elen > 6 || strspn(ext, "0123456789") != elen)
			return verr(msg, msgsz, _("分机号“%s”应为 1–6 位数字"), quoted(ext, q));
	}
	if (area == 3 && local != 8)
		return verr(msg, msgsz, _("区号 %.3s 后的号码应为 8 位，现在是 %zu 位"), d, local);
	if (area == 4 && (local < 7 || local > 8))
		return verr(msg, msgsz, _("区号 %.4s 后的号码应为 7 或 8 位，现在是 %zu 位"), d,
			    local);
	if (d[area] == '0' || d[area] == '1')
		return verr(msg, msgsz, _("区号后的号码不能以 %c 开头，请核对区号和号码"), d[area]);
	if (norm) {
		if (ext)
			snprintf(norm, normsz, "%.*s-%.*s-%s", (int)area, d, (int)local, d + area,
				 ext);
		else
			snprintf(norm, normsz, "%.*s-%.*s", (int)area, d, (int)local, d + area);
	}
	return VALIDATE_OK;
}

/* Tries the number's kinds in turn: international prefix, mobile, 400/800
 * service number, fixed line. */
static int phone_check(char *s, char *norm, size_t normsz, char *msg, size_t msgsz)
{
	struct phone_groups g;
	char *ext = phone_cut_extension(s);
	const char *d;
	size_t n;
	int intl = s[0] == '+';

	if (phone_split(s, &g, msg, msgsz) != 0)
		return VALIDATE_ERROR;
	if (g.ndigits == 0)
		return verr(msg, msgsz, "%s", _("请填写电话号码，如 13812345678 或 010-62345678"));
	d = g.digits;
	n = g.ndigits;
	if ((intl && strncmp(d, "86", 2) == 0) || strncmp(d, "0086", 4) == 0 ||
	    (n == 13 && strncmp(d, "861", 3) == 0)) {
		size_t skip = d[0] == '0' ? 4 : 2;

		if (n - skip == 11 && d[skip] == '1')
			return phone_mobile(d + skip, n - skip, ext != NULL, norm, normsz, msg,
					    msgsz);
		/* +86 10 12345678: a fixed line without its trunk 0. */
		memmove(g.digits + 1, g.digits + skip, n - skip + 1);
		g.digits[0] = '0';
		g.ndigits = n - skip + 1;
		if (g.n > 0 && g.len[0] >= skip)
			g.len[0] -= skip;
		if (g.n > 0 && g.len[0] == 0) {
			memmove(g.len, g.len + 1, (g.n - 1) * sizeof g.len[0]);
			g.n--;
		}
		if (g.n > 0)
			g.len[0]++;
		return phone_fixed(&g, ext, norm, normsz, msg, msgsz);
	}
	if (intl)
		return verr(msg, msgsz, "%s", _("只接受中国大陆号码（+86）"));
	if (d[0] == '1')
		return phone_mobile(d, n, ext != NULL, norm, normsz, msg, msgsz);
	if (strncmp(d, "400", 3) == 0 || strncmp(d, "800", 3) == 0) {
		if (n != 10)
			return verr(msg, msgsz, _("%.3s 服务电话应为 10 位，现在是 %zu 位"), d, n);
		if (ext)
			return verr(msg, msgsz, _("%.3s 服务电话不能带分机号"), d);
		if (norm)
			snprintf(norm, normsz, "%.3s-%.3s-%.4s", d, d + 3, d + 6);
		return VALIDATE_OK;
	}
	if (d[0] == '0')
		return phone_fixed(&g, ext, norm, normsz, msg, msgsz);
	if (n == 7 || n == 8)
		return verr(msg, msgsz, _("固定电话“%s”缺少区号，请写成如 010-62345678"), d);
	return verr(msg, msgsz, _("“%s”不是电话号码: 手机号码为 1 开头的 11 位数字，"
				  "固定电话应带区号，如 010-62345678"), d);
}

int validate_phone(const char *value, char *norm, size_t normsz, char *msg, size_t msgsz)
{
	char *s = trimmed_copy(value);
	int rc;

	if (!s)
		return out_of_memory(msg, msgsz);
	if (norm && normsz > 0)
		norm[0] = '\0';
	rc = phone_check(s, norm, normsz, msg, msgsz);
	free(s);
	return rc;
}

int validate_id(const char *value, char *norm, size_t normsz, char *msg, size_t msgsz)
{
	struct idcheck_result r;

	if (norm && normsz > 0)
		norm[0] = '\0';
	if (idcheck_id(value, &r) != 0)
		return verr(msg, msgsz, "%s", r.msg);
	if (r.kind == IDCHECK_ID15_LEGACY)
		return verr(msg, msgsz,
			    _("这是旧版 15 位号码，请填写现行 18 位身份证号码（换算结果 %s，"
			      "请与身份证原件核对）"), r.norm);
	if (norm)
		snprintf(norm, normsz, "%s", r.norm);
	return VALIDATE_OK;
}

int validate_uscc(const char *value, char *norm, size_t normsz, char *msg, size_t msgsz)
{
	struct idcheck_result r;

	if (norm && normsz > 0)
		norm[0] = '\0';
	if (idcheck_uscc(value, &r) == 0) {
		if (norm)
			snprintf(norm, normsz, "%s", r.norm);
		return VALIDATE_OK;
	}
	if (!r.overridable)
		return verr(msg, msgsz, "%s", r.msg);
	if (norm)
		snprintf(norm, normsz, "%s", r.norm);
	verr(msg, msgsz, _("%s；如与证照上的代码一致，可注明理由后继续受理"), r.msg);
	return VALIDATE_WARNING;
}

/* A number or money bound check against the field's min and max. */
static int check_number_bounds(const struct catalog_field *f, double v, char *msg,
			       size_t msgsz)
{
	char b[40];

	if (f->has_min && v < f->min)
		return verr(msg, msgsz, _("不能小于 %s"), bound_text(f->min, b, sizeof b));
	if (f->has_max && v > f->max)
		return verr(msg, msgsz, _("不能大于 %s"), bound_text(f->max, b, sizeof b));
	return VALIDATE_OK;
}

/* Yuan and fen of an amount in fen, for messages. */
static const char *fen_text(long long fen, char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "%lld.%02lld", fen / 100, fen % 100);
	return buf;
}

static int check_money_bounds(const struct catalog_field *f, long long fen, char *msg,
			      size_t msgsz)
{
	char b[40];

	if (f->has_min && fen < llround(f->min * 100))
		return verr(msg, msgsz, _("金额不能少于 %s 元"),
			    fen_text(llround(f->min * 100), b, sizeof b));
	if (f->has_max && fen > llround(f->max * 100))
		return verr(msg, msgsz, _("金额不能超过 %s 元"),
			    fen_text(llround(f->max * 100), b, sizeof b));
	return VALIDATE_OK;
}

/* Dispatches on the field's type; the message names no field. */
static int validate_value(const struct catalog_field *f, const char *s, char *msg,
			  size_t msgsz)
{
	double v;
	long long fen;

	switch (f->type) {
	case FIELD_TEXT:
		return validate_text(s, f->min_len, f->max_len, msg, msgsz);
	case FIELD_DATE:
		return validate_date(s, NULL, msg, msgsz);
	case FIELD_CHOICE:
		return validate_choice(s, f->choices, f->nchoices, msg, msgsz);
	case FIELD_NUMBER:
		if (validate_number_parse(s, &v, msg, msgsz) != VALIDATE_OK)
			return VALIDATE_ERROR;
		return check_number_bounds(f, v, msg, msgsz);
	case FIELD_PHONE:
		return validate_phone(s, NULL, 0, msg, msgsz);
	case FIELD_ID:
		return validate_id(s, NULL, 0, msg, msgsz);
	case FIELD_USCC:
		return validate_uscc(s, NULL, 0, msg, msgsz);
	case FIELD_MONEY:
		if (validate_money_parse(s, &fen, msg, msgsz) != VALIDATE_OK)
			return VALIDATE_ERROR;
		return check_money_bounds(f, fen, msg, msgsz);
	}
	return verr(msg, msgsz, _("字段类型 %d 未知，请检查事项目录"), (int)f->type);
}

int validate_field(const struct catalog_field *f, const char *value, char *msg,
		   size_t msgsz)
{
	char inner[MSGSZ];
	const char *label;
	char *s;
	int rc;

	assert(f);
	label = f->label ? f->label : f->key ? f->key : "";
	if (msg && msgsz > 0)
		msg[0] = '\0';
	s = trimmed_copy(value);
	if (!s)
		return out_of_memory(msg, msgsz);
	if (*s == '\0') {
		free(s);
		if (f->required)
			return verr(msg, msgsz, _("%s: 必填，请填写"), label);
		return VALIDATE_OK;
	}
	inner[0] = '\0';
	rc = validate_value(f, s, inner, sizeof inner);
	free(s);
	if (rc != VALIDATE_OK && msg && msgsz > 0)
		snprintf(msg, msgsz, "%s: %s", label, inner);
	return rc;
}
