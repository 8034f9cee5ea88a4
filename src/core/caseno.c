/*
 * caseno.c — case numbers: making them, reading them back, and the mod-31
 * check character that catches typing errors (see caseno.h).
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "yichuang/caseno.h"
#include "yichuang/date.h"
#include "yichuang/util.h"

#define CASENO_MOD 31
#define CASENO_INPUT_MAX 64	/* characters read from the input at most */

/* Fixed lengths of the groups after the site code. */
#define TERM_LEN 2
#define DATE_LEN 6
#define SEQ_MIN 4
#define SEQ_MAXLEN 9
#define BODY_MIN (1 + TERM_LEN + DATE_LEN + SEQ_MIN)
#define GROUPS 5

int caseno_symbol_value(int c)
{
	const char *p;

	if (c == 0)
		return -1;
	p = strchr(CASENO_ALPHABET, c);
	return p ? (int)(p - CASENO_ALPHABET) : -1;
}

/*
 * The weighted sum runs from the right: the last body character has weight
 * 3, the one before 9, and so on (3^k mod 31); the check character, weight
 * 1, makes the total 0 mod 31.
 */
char caseno_check_char(const char *body, size_t n)
{
	int sum = 0, w = 1;

	if (n == 0 || n > CASENO_BODY_MAX)
		return 0;
	for (size_t i = n; i-- > 0;) {
		int v = caseno_symbol_value((unsigned char)body[i]);

		if (v < 0)
			return 0;
		w = w * 3 % CASENO_MOD;
		sum = (sum + v * w) % CASENO_MOD;
	}
	return CASENO_ALPHABET[(CASENO_MOD - sum) % CASENO_MOD];
}

int caseno_site_valid(const char *site, char *err, size_t errsz)
{
	size_t n = site ? strlen(site) : 0;

	if (n == 0 || n > CASENO_SITE_MAX)
		return yc_seterr(err, errsz,
				 _("站点代码应为1–%d位，实际为%zu位"),
				 CASENO_SITE_MAX, n);
	for (size_t i = 0; i < n; i++)
		if (caseno_symbol_value((unsigned char)site[i]) < 0)
			return yc_seterr(err, errsz,
					 _("站点代码“%s”第%zu个字符无效：只能用数字0–9和大写字母ABCDEFGHJKLMNPQRTUWXY"),
					 site, i + 1);
	return 0;
}

int caseno_format(const char *site, int terminal, int day, unsigned long seq,
		  char *buf, size_t bufsz, char *err, size_t errsz)
{
	char body[CASENO_BODY_MAX + 1];
	int y, m, d, n;

	if (caseno_site_valid(site, err, errsz) < 0)
		return -1;
	if (terminal < 1 || terminal > 99)
		return yc_seterr(err, errsz, _("终端号%d无效，应为1–99"), terminal);
	date_to_ymd(day, &y, &m, &d);
	if (y < 2000 || y > 2099)
		return yc_seterr(err, errsz,
				 _("日期%04d-%02d-%02d超出办件编号可表示的范围（2000–2099年）"),
				 y, m, d);
	if (seq < 1 || seq > CASENO_SEQ_MAX)
		return yc_seterr(err, errsz, _("序号%lu无效，应为1–%lu"),
				 seq, CASENO_SEQ_MAX);
	n = snprintf(body, sizeof body, "%s%02d%02d%02d%02d%04lu",
		     site, terminal, y % 100, m, d, seq);
	assert(n > 0 && (size_t)n < sizeof body);
	n = snprintf(buf, bufsz, "%s-%02d-%02d%02d%02d-%04lu-%c", site,
		     terminal, y % 100, m, d, seq,
		     caseno_check_char(body, (size_t)n));
	if (n < 0 || (size_t)n >= bufsz)
		return yc_seterr(err, errsz, _("办件编号缓冲区太小"));
	return 0;
}

/* One character of the input after normalisation. */
struct nchar {
	char c;			/* uppercase ASCII, '-' for a dash, '?' for other */
	int pos;		/* 1-based character position in the input */
	char orig[8];		/* the character as typed, for messages */
};

/*
 * Maps one code point to what it stands for: 0 to skip (white space), '-'
 * for a dash, an uppercase ASCII letter or digit, or '?' for anything else.
 * Fullwidth forms come from Chinese input methods and mean their ASCII
 * twins.
 */
static char caseno_map(unsigned cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000)
		return 0;
	if (cp == '-' || cp == 0xFF0D || (cp >= 0x2010 && cp <= 0x2015) ||
	    cp == 0x2212)
		return '-';
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return (char)('0' + (cp - 0xFF10));
	if (cp >= 0xFF21 && cp <= 0xFF3A)
		return (char)('A' + (cp - 0xFF21));
	if (cp >= 0xFF41 && cp <= 0xFF5A)
		return (char)('A' + (cp - 0xFF41));
	if (cp >= 'a' && cp <= 'z')
		return (char)(cp - 'a' + 'A');
	if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z'))
		return (char)cp;
	return '?';
}

/*
 * Normalises text into chars[]; returns how many, or (with a message) -1
 * when the input is too long, -2 when it is not UTF-8.
 */
static int caseno_normalise(const char *text, struct nchar *chars,
			    char *err, size_t errsz)
{
	size_t len = strlen(text), i = 0;
	int n = 0, pos = 0;

	while (i < len) {
		uint32_t cp;
		int k = utf8_decode(text + i, len - i, &cp);
		char c;

		pos++;
		if (k < 0) {
			yc_seterr(err, errsz,
				  _("办件编号第%d个字符不是有效的UTF-8文字"),
				  pos);
			return -2;
		}
		c = caseno_map(cp);
		if (c != 0) {
			if (n == CASENO_INPUT_MAX)
				return yc_seterr(err, errsz,
						 _("办件编号太长（超过%d个字符）"),
						 CASENO_INPUT_MAX);
			chars[n].c = c;
			chars[n].pos = pos;
			snprintf(chars[n].orig, sizeof chars[n].orig, "%.*s",
				 k, text + i);
			n++;
		}
		i += (size_t)k;
	}
	return n;
}

/* A group of symbols between dashes: chars[start .. start+len). */
struct group {
	int start;
	int len;
};

static const char *caseno_group_name(int g)
{
	static const char *const names[GROUPS] = {
		N_("站点代码"), N_("终端号"), N_("日期"), N_("序号"), N_("校验码")
	};

	assert(g >= 0 && g < GROUPS);
	return _(names[g]);
}

/* Reports the first character of group g that is not a digit; 0 if none. */
static int caseno_digits_only(const struct nchar *chars, const struct group *g,
			      int which, char *err, size_t errsz)
{
	for (int i = g->start; i < g->start + g->len; i++)
		if (chars[i].c < '0' || chars[i].c > '9')
			return yc_seterr(err, errsz,
					 _("办件编号第%d个字符“%s”无效：%s部分只能是数字"),
					 chars[i].pos, chars[i].orig,
					 caseno_group_name(which));
	return 0;
}

static int caseno_number(const struct nchar *chars, int start, int len)
{
	int v = 0;

	for (int i = start; i < start + len; i++)
		v = v * 10 + (chars[i].c - '0');
	return v;
}

/*
 * Checks and decodes the groups terminal, date, sequence (already known to
 * have the right lengths) into *out.  Returns CASENO_OK or an error.
 */
static enum caseno_status caseno_fields(const struct nchar *chars,
					const struct group *g,
					struct caseno *out,
					char *err, size_t errsz)
{
	int y, m, d;
	unsigned long seq = 0;

	for (int k = 1; k <= 3; k++)
		if (caseno_digits_only(chars, &g[k], k, err, errsz) < 0)
			return CASENO_ERR_CHAR;
	out->terminal = caseno_number(chars, g[1].start, TERM_LEN);
	if (out->terminal == 0) {
		yc_seterr(err, errsz, _("办件编号第%d个字符起的终端号“00”无效，应为01–99"),
			  chars[g[1].start].pos);
		return CASENO_ERR_FIELD;
	}
	y = 2000 + caseno_number(chars, g[2].start, 2);
	m = caseno_number(chars, g[2].start + 2, 2);
	d = caseno_number(chars, g[2].start + 4, 2);
	if (!date_valid(y, m, d)) {
		yc_seterr(err, errsz,
			  _("办件编号第%d个字符起的日期“%02d%02d%02d”不是有效日期（应为年月日YYMMDD）"),
			  chars[g[2].start].pos, y % 100, m, d);
		return CASENO_ERR_DATE;
	}
	out->day = date_from_ymd(y, m, d);
	for (int i = g[3].start; i < g[3].start + g[3].len; i++)
		seq = seq * 10 + (unsigned long)(chars[i].c - '0');
	if (seq == 0) {
		yc_seterr(err, errsz, _("办件编号第%d个字符起的序号不能为0"),
			  chars[g[3].start].pos);
		return CASENO_ERR_FIELD;
	}
	if (g[3].len > SEQ_MIN && chars[g[3].start].c == '0') {
		yc_seterr(err, errsz,
			  _("办件编号第%d个字符起的序号多于4位时不能以0开头"),
			  chars[g[3].start].pos);
		return CASENO_ERR_FIELD;
	}
	out->seq = seq;
	for (int i = 0; i < g[0].len; i++)
		out->site[i] = chars[g[0].start + i].c;
	out->site[g[0].len] = '\0';
	return CASENO_OK;
}

/* Compares the check character (the last symbol) with the body's. */
static enum caseno_status caseno_verify(const struct nchar *sym, int n,
					char *err, size_t errsz)
{
	char body[CASENO_BODY_MAX];
	char want;

	assert(n >= 2 && n - 1 <= CASENO_BODY_MAX);
	for (int i = 0; i < n - 1; i++)
		body[i] = sym[i].c;
	want = caseno_check_char(body, (size_t)(n - 1));
	assert(want != 0);
	if (sym[n - 1].c != want) {
		yc_seterr(err, errsz,
			  _("办件编号校验不符：校验码是“%c”，按前面各位应为“%c”；请逐位核对是否抄错"),
			  sym[n - 1].c, want);
		return CASENO_ERR_CHECK;
	}
	return CASENO_OK;
}

/*
 * The dash-free form: the site code and the sequence both vary in length,
 * so the symbols may be split in more than one way.  The check character is
 * verified first: it covers every symbol whatever the split.  Then the
 * shortest sequence that makes sense wins (4 digits for every number up to
 * 9999 a day); out->readings tells how many splits made sense, so that a
 * caller can warn when a 5-or-more-digit sequence might be meant.
 */
static enum caseno_status caseno_parse_plain(const struct nchar *sym, int n,
					     struct caseno *out,
					     char *err, size_t errsz)
{
	enum caseno_status st, first = CASENO_ERR_SHAPE;
	char firsterr[YC_ERRSZ] = "";
	struct caseno tmp, found;
	int nfound = 0, tried = 0;

	memset(&found, 0, sizeof found);
	if (n < BODY_MIN + 1 || n > CASENO_BODY_MAX + 1) {
		yc_seterr(err, errsz,
			  _("不带“-”的办件编号应为%d–%d个字母或数字，实际为%d个（打印格式如370102-03-261121-0007-W）"),
			  BODY_MIN + 1, CASENO_BODY_MAX + 1, n);
		return CASENO_ERR_SHAPE;
	}
	st = caseno_verify(sym, n, err, errsz);
	if (st != CASENO_OK)
		return st;
	for (int seqlen = SEQ_MIN; seqlen <= SEQ_MAXLEN; seqlen++) {
		int sitelen = n - 1 - seqlen - DATE_LEN - TERM_LEN;
		struct group g[GROUPS];

		if (sitelen < 1 || sitelen > CASENO_SITE_MAX)
			continue;
		g[0].start = 0;
		g[0].len = sitelen;
		g[1].start = sitelen;
		g[1].len = TERM_LEN;
		g[2].start = g[1].start + TERM_LEN;
		g[2].len = DATE_LEN;
		g[3].start = g[2].start + DATE_LEN;
		g[3].len = seqlen;
		g[4].start = n - 1;
		g[4].len = 1;
		memset(&tmp, 0, sizeof tmp);
		/* the message of the shortest sequence is the one reported */
		st = caseno_fields(sym, g, &tmp, tried ? NULL : firsterr,
				   tried ? 0 : sizeof firsterr);
		if (!tried)
			first = st;
		tried = 1;
		if (st == CASENO_OK) {
			if (nfound == 0)
				found = tmp;
			nfound++;
		}
	}
	if (nfound == 0) {
		assert(tried && first != CASENO_OK);
		yc_seterr(err, errsz, "%s", firsterr);
		return first;
	}
	found.check = sym[n - 1].c;
	found.readings = nfound;
	*out = found;
	return CASENO_OK;
}

/* The printed form: five groups separated by dashes. */
static enum caseno_status caseno_parse_groups(const struct nchar *chars,
					      int n, struct caseno *out,
					      char *err, size_t errsz)
{
	struct group g[GROUPS];
	struct nchar sym[CASENO_INPUT_MAX];
	int ng = 0, start = 0, nsym = 0;
	enum caseno_status st;
	static const int minlen[GROUPS] = { 1, TERM_LEN, DATE_LEN, SEQ_MIN, 1 };
	static const int maxlen[GROUPS] = {
		CASENO_SITE_MAX, TERM_LEN, DATE_LEN, SEQ_MAXLEN, 1
	};

	for (int i = 0; i <= n; i++) {
		if (i < n && chars[i].c != '-')
			continue;
		if (i == start) {
			/* a dash at the start or end, or two in a row */
			if (i == 0 || i == n) {
				yc_seterr(err, errsz,
					  _("办件编号不能以“-”开头或结尾"));
				return CASENO_ERR_SHAPE;
			}
			start = i + 1;
			continue;
		}
		if (ng == GROUPS) {
			ng++;
			break;
		}
		g[ng].start = nsym;
		g[ng].len = i - start;
		for (int k = start; k < i; k++)
			sym[nsym++] = chars[k];
		ng++;
		start = i + 1;
	}
	if (ng != GROUPS) {
		yc_seterr(err, errsz,
			  _("办件编号应为用“-”分开的5段（站点代码-终端号-日期-序号-校验码，如370102-03-261121-0007-W），实际为%s%d段"),
			  ng > GROUPS ? _("至少") : "", ng);
		return CASENO_ERR_SHAPE;
	}
	for (int k = 0; k < GROUPS; k++) {
		if (g[k].len < minlen[k] || g[k].len > maxlen[k]) {
			if (minlen[k] == maxlen[k])
				yc_seterr(err, errsz,
					  _("办件编号第%d段（%s）应为%d位，实际为%d位"),
					  k + 1, caseno_group_name(k),
					  minlen[k], g[k].len);
			else
				yc_seterr(err, errsz,
					  _("办件编号第%d段（%s）应为%d–%d位，实际为%d位"),
					  k + 1, caseno_group_name(k),
					  minlen[k], maxlen[k], g[k].len);
			return CASENO_ERR_SHAPE;
		}
	}
	st = caseno_fields(sym, g, out, err, errsz);
	if (st != CASENO_OK)
		return st;
	st = caseno_verify(sym, nsym, err, errsz);
	if (st != CASENO_OK)
		return st;
	out->check = sym[nsym - 1].c;
	out->readings = 1;
	return CASENO_OK;
}

enum caseno_status caseno_parse(const char *text, struct caseno *out,
				char *err, size_t errsz)
{
	struct nchar chars[CASENO_INPUT_MAX];
	struct nchar sym[CASENO_INPUT_MAX];
	struct caseno res;
	enum caseno_status st;
	int n, nsym = 0, dashes = 0;

	memset(&res, 0, sizeof res);
	if (!text) {
		yc_seterr(err, errsz, _("办件编号为空"));
		return CASENO_ERR_SHAPE;
	}
	n = caseno_normalise(text, chars, err, errsz);
	if (n < 0)
		return n == -1 ? CASENO_ERR_SHAPE : CASENO_ERR_CHAR;
	if (n == 0) {
		yc_seterr(err, errsz, _("办件编号为空"));
		return CASENO_ERR_SHAPE;
	}
	for (int i = 0; i < n; i++) {
		if (chars[i].c == '-') {
			dashes++;
			continue;
		}
		if (caseno_symbol_value((unsigned char)chars[i].c) < 0) {
			yc_seterr(err, errsz,
				  _("办件编号第%d个字符“%s”无效：编号只用数字0–9和字母ABCDEFGHJKLMNPQRTUWXY（没有I、O、S、V、Z）"),
				  chars[i].pos, chars[i].orig);
			return CASENO_ERR_CHAR;
		}
		sym[nsym++] = chars[i];
	}
	if (dashes == 0)
		st = caseno_parse_plain(sym, nsym, &res, err, errsz);
	else
		st = caseno_parse_groups(chars, n, &res, err, errsz);
	if (st != CASENO_OK)
		return st;
	if (caseno_format(res.site, res.terminal, res.day, res.seq, res.text,
			  sizeof res.text, err, errsz) < 0)
		return CASENO_ERR_FIELD;
	assert(res.text[strlen(res.text) - 1] == res.check);
	if (out)
		*out = res;
	return CASENO_OK;
}

int caseno_valid(const char *text)
{
	return caseno_parse(text, NULL, NULL, 0) == CASENO_OK;
}
