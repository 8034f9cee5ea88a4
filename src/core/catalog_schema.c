/*
 * catalog_schema.c — the keys of each section of the catalog text format
 * (yichuang-forms(5)) as tables: name, required, parser, where the value
 * goes; the parsers of the value forms (text, codes, enumerations, lists,
 * time limits, ...); and the rules that relate several keys of a section
 * (即办件 and its promise, a fee and its basis, 容缺后补 and its days ...).
 * catalog_parse.c feeds it the sections.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/catalog.h"
#include "yichuang/util.h"
#include "catalog_int.h"

/* ---- messages -------------------------------------------------------- */

/* Copies val into buf for quoting in a message: its first line, cut at
 * 40 characters, with "…" when something was left out. */
const char *catalog_quote(char *buf, size_t bufsz, const char *val)
{
	size_t i = 0, nchars = 0, n = strlen(val);
	uint32_t cp;

	assert(bufsz > 8);
	while (i < n && val[i] != '\n' && nchars < 40) {
		int k = utf8_decode(val + i, n - i, &cp);

		if (k < 0)
			k = 1;
		if (i + (size_t)k + 4 > bufsz)
			break;
		i += (size_t)k;
		nchars++;
	}
	memcpy(buf, val, i);
	buf[i] = '\0';
	if (i < n)
		strcat(buf, "…");
	return buf;
}

/* Reports a value that is not one of the valid forms; returns -1. */
static int bad_value(struct catalog_parser *p, int line, const struct catalog_keydef *kd,
		     const char *val, const char *expect)
{
	char q[CATALOG_QUOTE_SZ];

	catalog_perr(p, line, _("%s 的值 “%s” 无效，应为 %s"), kd->key,
		     catalog_quote(q, sizeof q, val), expect);
	return -1;
}

/* ---- small lexical helpers ------------------------------------------ */

/* 1 when s starts with U+3000 IDEOGRAPHIC SPACE (全角空格). */
static int is_ideo_space(const char *s)
{
	return (unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
	       (unsigned char)s[2] == 0x80;
}

/* Trims ASCII white space and U+3000 at both ends, in place. */
char *catalog_trim(char *s)
{
	char *e;

	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if (is_ideo_space(s))
			s += 3;
		else
			break;
	}
	e = s + strlen(s);
	for (;;) {
		if (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
			e--;
		else if (e - s >= 3 && is_ideo_space(e - 3))
			e -= 3;
		else
			break;
	}
	*e = '\0';
	return s;
}

/* 1 when s contains white space (ASCII or U+3000). */
static int has_space(const char *s)
{
	for (; *s; s++)
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || is_ideo_space(s))
			return 1;
	return 0;
}

/* [a-z0-9_]+ : section ids and material ids. */
int catalog_valid_id(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* A decimal number of digits only, at most max; 0 or -1. */
static int parse_uint(const char *s, int max, int *out)
{
	long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > max)
			return -1;
	}
	*out = (int)v;
	return 0;
}

/* Splits a list into its trimmed, non-empty parts, stored in *out (NULL
 * for an empty list) and *n.  Separators are ASCII ',', fullwidth '，',
 * '、' and line breaks; with pipe, '|' and line breaks.  0, or -1 when out
 * of memory. */
static int split_list(struct catalog_parser *p, const char *val, int pipe,
		      char ***out, size_t *n)
{
	char **v = NULL;
	size_t nv = 0;
	const char *s = val, *start = val;

	*out = NULL;
	*n = 0;
	for (;;) {
		size_t seplen = 0;

		if (*s == '\0' || *s == '\n')
			seplen = 1;
		else if (pipe && *s == '|')
			seplen = 1;
		else if (!pipe && *s == ',')
			seplen = 1;
		else if (!pipe && (strncmp(s, "，", 3) == 0 || strncmp(s, "、", 3) == 0))
			seplen = 3;
		if (seplen) {
			char *part = yc_strndup(start, (size_t)(s - start));
			char *t;

			if (!part)
				goto oom;
			t = catalog_trim(part);
			if (*t) {
				char **nvv = realloc(v, (nv + 1) * sizeof *v);
				char *copy = yc_strdup(t);

				if (!nvv || !copy) {
					free(copy);
					free(part);
					if (nvv)
						v = nvv;
					goto oom;
				}
				v = nvv;
				v[nv++] = copy;
			}
			free(part);
			if (*s == '\0')
				break;
			s += seplen;
			start = s;
		} else {
			s++;
		}
	}
	*out = v;
	*n = nv;
	return 0;
oom:
	for (size_t i = 0; i < nv; i++)
		free(v[i]);
	free(v);
	catalog_parser_oom(p);
	return -1;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ---- value parsers (the parse member of a keydef) ---------------- */

#define MEMBER(base, off, type) ((type *)(void *)((char *)(base) + (off)))

/* Stores a copy of val into the char * member at kd->off. */
static int store_str(struct catalog_parser *p, const struct catalog_keydef *kd, const char *val, void *base)
{
	char **dst = MEMBER(base, kd->off, char *);
	char *copy = yc_strdup(val);

	if (!copy) {
		catalog_parser_oom(p);
		return -1;
	}
	free(*dst);
	*dst = copy;
	return 0;
}

/* Free text of at most kd->hi characters (0: no bound). */
static int parse_text(struct catalog_parser *p, const struct catalog_keydef *kd, const char *val,
		      void *base, int line)
{
	size_t n = utf8_len(val);

	if (kd->hi > 0 && n > (size_t)kd->hi) {
		catalog_perr(p, line, _("%s 过长：%zu 个字符，最多 %d 个"), kd->key, n, kd->hi);
		return -1;
	}
	return store_str(p, kd, val, base);
}

/* An opaque code: 1..64 characters, no white space. */
static int parse_code(struct catalog_parser *p, const struct catalog_keydef *kd, const char *val,
		      void *base, int line)
{
	if (has_space(val) || utf8_len(val) > 64)
		return bad_value(p, line, kd, val, _("1 到 64 个字符、不含空白的编码"));
	return store_str(p, kd, val, base);
}

/* Pinyin initials: lowercase a-z only. */
static int parse_pinyin(struct catalog_parser *p, const struct catalog_keydef *kd, const char *val,
			void *base, int line)
{
	const char *s;

	for (s = val; *s; s++)
		if (*s < 'a' || *s > 'z')
			break;
	if (*s || s - val > 64)
		return bad_value(p, line, kd, val, _("拼音首字母，只用小写字母 a–z（如 spjyxk）"));
	return store_str(p, kd, val, base);
}

/* One name of kd->names (or, with KEY_NUMERIC, its number); stored by
 * kd->set. */
static int parse_enum(struct catalog_parser *p, const struct catalog_keydef *kd, const char *val,
		      void *base, int line)
{
	const struct catalog_name_value *nv;
	int num;

	for (nv = kd->names; nv->name; nv++) {
		if (strcmp(val, nv->name) == 0) {
			kd->set(base, nv->value);
			return 0;
		}
	}
	if ((kd->flags & KEY_NUMERIC) && parse_uint(val, 99, &num) == 0) {
		for (nv = kd->names; nv->name; nv++) {
			if (nv->value == num) {
				kd->set(base, num);
				return 0;
			}
		}
	}
	return bad_value(p, line, kd, val, _(kd->expect));
}

/* 是/否, yes/no into the int at kd->off. */
static int parse_bool(struct catalog_parser *p, const struct catalog_keydef *kd, const char *val,
		      void *base, int line)
{
	int *dst = MEMBER(base, kd->off, int);

	if (strcmp(val, "是") == 0 || strcmp(val, "yes") == 0)
		*dst = 1;
	else if (strcmp(val, "否") == 0 || strcmp(val, "no") == 0)
		*dst = 0;
	else
		return bad_value(p, line, kd, val, _("是 或 否"));
	return 0;
}

/* An integer in kd->lo..kd->hi into the int at kd->off. */
static int parse_int(struct catalog_parser *p, const struct catalog_keydef *kd, const char *val,
		     void *base, int line)
{
	char expect[96];
	int v;

	if (parse_uint(val, kd->hi, &v) != 0 || v < kd->lo) {
		snprintf(expect, sizeof expect, _("%d 到 %d 之间的整数"), kd->lo, kd->hi);
		return bad_value(p, line, kd, val, expect);
	}
	*MEMBER(base, kd->off, int) = v;
	return 0;
}

/* "N 工作日" / "N 自然日" (or workdays / days), N 0..3650, the space
 * optional.  With workdays_only, a bare "N" is also taken (as workdays)
 * and natural days are refused.  0 or -1. */
static int limit_value(const char *val, int workdays_only, int *n, enum limit_unit *unit)
{
	static const struct catalog_name_value units[] = {
		{ "工作日", LIMIT_WORKDAYS }, { "workdays", LIMIT_WORKDAYS },
		{ "workday", LIMIT_WORKDAYS }, { "自然日", LIMIT_DAYS },
		{ "days", LIMIT_DAYS }, { "day", LIMIT_DAYS }, { NULL, 0 },
	};
	char digits[8];
	size_t i = 0;
	const char *s = val;

	while (*s >= '0' && *s <= '9') {
		if (i + 1 >= sizeof digits)
			return -1;
		digits[i++] = *s++;
	}
	digits[i] = '\0';
	if (parse_uint(digits, 3650, n) != 0)
		return -1;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' && workdays_only) {
		*unit = LIMIT_WORKDAYS;
		return 0;
	}
	for (const struct catalog_name_value *u = units; u->name; u++) {
		if (strcmp(s, u->name) == 0) {
			*unit = (enum limit_unit)u->value;
			return (workdays_only && *unit != LIMIT_WORKDAYS) ? -1 : 0;
		}
	}
	return -1;
}

/* A time limit: the number into the int at kd->off, the unit by kd->set. */
static int parse_limit(struct catalog_parser *p, const struct catalog_keydef *kd, const char *val,
		       void *base, int line)
{
	enum limit_unit unit;
	int n;

	if (limit_value(val, 0, &n, &unit) != 0)
		return bad_value(p, line, kd, val,
				 _("“N 工作日” 或 “N 自然日”（N 为 0 到 3650）"));
	*MEMBER(base, kd->off, int) = n;
	kd->set(base, (int)unit);
	return 0;
}

/* Working days to supply a deferred material: "N" or "N 工作日",
 * kd->lo..kd->hi. */
static int parse_deferral(struct catalog_parser *p, const struct catalog_keydef *kd, const char *val,
			  void *base, int line)
{
	enum limit_unit unit;
	char expect[96];
	int n;

	if (limit_value(val, 1, &n, &unit) != 0 || n < kd->lo || n > kd->hi) {
		snprintf(expect, sizeof expect, _("%d 到 %d 个工作日（如 “5” 或 “5 工作日”）"),
			 kd->lo, kd->hi);
		return bad_value(p, line, kd, val, expect);
	}
	*MEMBER(base, kd->off, int) = n;
	return 0;
}

/* A list of names of kd->names, OR'ed into the unsigned at kd->off.
 * Every unknown name is reported. */
static int parse_bits(struct catalog_parser *p, const struct catalog_keydef *kd, const char *val,
		      void *base, int line)
{
	char q[CATALOG_QUOTE_SZ];
	unsigned bits = 0;
	size_t n;
	char **v;
	int bad = 0;

	if (split_list(p, val, 0, &v, &n) != 0)
		return -1;
	if (n == 0)
		return bad_value(p, line, kd, val, _(kd->expect));
	for (size_t i = 0; i < n; i++) {
		const struct catalog_name_value *nv;

		for (nv = kd->names; nv->name; nv++)
			if (strcmp(v[i], nv->name) == 0)
				break;
		if (nv->name) {
			bits |= (unsigned)nv->value;
		} else {
			catalog_perr(p, line, _("%s 中的 “%s” 无效，应为 %s"), kd->key,
				     catalog_quote(q, sizeof q, v[i]), _(kd->expect));
			bad = 1;
		}
	}
	free_list(v, n);
	if (bad)
		return -1;
	*MEMBER(base, kd->off, unsigned) = bits;
	return 0;
}

/* Stores a list at kd->off (char **) and its length at kd->off2 (size_t). */
static void store_list(const struct catalog_keydef *kd, void *base, char **v, size_t n)
{
	char ***dst = MEMBER(base, kd->off, char **);
	size_t *cnt = MEMBER(base, kd->off2, size_t);

	free_list(*dst, *cnt);
	*dst = v;
	*cnt = n;
}

/* A list of distinct words, at least kd->lo of them.  With ids, each must
 * be an id ([a-z0-9_]+); otherwise an opaque code (no white space).
 * pipe: separated by '|' (choices) instead of commas. */
static int parse_words(struct catalog_parser *p, const struct catalog_keydef *kd, const char *val,
		       void *base, int line, int ids, int pipe)
{
	char q[CATALOG_QUOTE_SZ];
	size_t n;
	char **v;
	int bad = 0;

	if (split_list(p, val, pipe, &v, &n) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (ids && !catalog_valid_id(v[i])) {
			catalog_perr(p, line, _("%s 中的 “%s” 无效，应为材料标识（小写字母、数字、下划线）"),
				     kd->key, catalog_quote(q, sizeof q, v[i]));
			bad = 1;
		} else if (!ids && !pipe && has_space(v[i])) {
			catalog_perr(p, line, _("%s 中的 “%s” 无效，应为不含空白的事项编码"),
				     kd->key, catalog_quote(q, sizeof q, v[i]));
			bad = 1;
		}
		for (size_t j = 0; j < i; j++) {
			if (strcmp(v[i], v[j]) == 0) {
				catalog_perr(p, line, _("%s 中 “%s” 出现了不止一次"), kd->key,
					     catalog_quote(q, sizeof q, v[i]));
				bad = 1;
				break;
			}
		}
	}
	if (!bad && n < (size_t)kd->lo) {
		catalog_perr(p, line, _("%s 至少应列出 %d 项，现有 %zu 项"), kd->key, kd->lo, n);
		bad = 1;
	}
	if (bad) {
		free_list(v, n);
		return -1;
	}
	store_list(kd, base, v, n);
	return 0;
}

static int parse_ids(struct catalog_parser *p, const struct catalog_keydef *kd, const char *val,
		     void *base, int line)
{
	return parse_words(p, kd, val, base, line, 1, 0);
}

static int parse_codes(struct catalog_parser *p, const struct catalog_keydef *kd, const char *val,
		       void *base, int line)
{
	return parse_words(p, kd, val, base, line, 0, 0);
}

static int parse_choices(struct catalog_parser *p, const struct catalog_keydef *kd, const char *val,
			 void *base, int line)
{
	return parse_words(p, kd, val, base, line, 0, 1);
}

/* A decimal number ("-12", "0.5") into the double at kd->off, and 1 into
 * the int flag at kd->off2.  Parsed by hand: independent of the locale. */
static int parse_number(struct catalog_parser *p, const struct catalog_keydef *kd, const char *val,
			void *base, int line)
{
	const char *s = val;
	double v = 0, scale = 1;
	int neg = 0, ndigits = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++, ndigits++)
		v = v * 10 + (*s - '0');
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, ndigits++) {
			scale /= 10;
			v += (*s - '0') * scale;
		}
	}
	if (*s || ndigits == 0 || ndigits > 15)
		return bad_value(p, line, kd, val, _("十进制数（如 100 或 0.5）"));
	*MEMBER(base, kd->off, double) = neg ? -v : v;
	*MEMBER(base, kd->off2, int) = 1;
	return 0;
}

static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* The check character a 统一社会信用代码 should end with (GB 32100), or
 * '\0' when the code is not 18 characters of the code alphabet. */
static char uscc_check_char(const char *code)
{
	static const int w[17] = {
		1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
	};
	int sum = 0;

	if (strlen(code) != 18)
		return '\0';
	for (int i = 0; i < 18; i++) {
		const char *q = strchr(uscc_alphabet, code[i]);

		if (!q || code[i] == '\0')
			return '\0';
		if (i < 17)
			sum += (int)(q - uscc_alphabet) * w[i];
	}
	return uscc_alphabet[(31 - sum % 31) % 31];
}

/* The department's 统一社会信用代码: the form is checked (an error), the
 * check digit only warned about (some real codes fail it). */
static int parse_dept_code(struct catalog_parser *p, const struct catalog_keydef *kd, const char *val,
			   void *base, int line)
{
	char check = uscc_check_char(val);

	if (!check)
		return bad_value(p, line, kd, val,
				 _("18 位统一社会信用代码（数字和大写字母，不含 I、O、S、V、Z）"));
	if (check != val[17])
		catalog_pwarn(p, line, _("dept_code “%s” 的校验位应为 %c 而不是 %c；"
					 "请核对实施主体的统一社会信用代码"),
			      val, check, val[17]);
	return store_str(p, kd, val, base);
}

/* ---- the schema ----------------------------------------------------- */

static void set_type(void *b, int v) { ((struct catalog_item *)b)->type = (enum item_type)v; }
static void set_level(void *b, int v) { ((struct catalog_item *)b)->level = v; }
static void set_kind(void *b, int v) { ((struct catalog_item *)b)->kind = (enum item_kind)v; }
static void set_fee(void *b, int v) { ((struct catalog_item *)b)->fee = v; }
static void set_legal_unit(void *b, int v) { ((struct catalog_item *)b)->legal_unit = (enum limit_unit)v; }
static void set_promised_unit(void *b, int v)
{
	((struct catalog_item *)b)->promised_unit = (enum limit_unit)v;
}
static void set_bundle_unit(void *b, int v)
{
	((struct catalog_bundle *)b)->promised_unit = (enum limit_unit)v;
}
static void set_field_type(void *b, int v) { ((struct catalog_field *)b)->type = (enum field_type)v; }
static void set_need(void *b, int v) { ((struct catalog_material *)b)->need = (enum material_need)v; }
static void set_source(void *b, int v) { ((struct catalog_material *)b)->source = (enum material_source)v; }

static const struct catalog_name_value type_names[] = {
	{ "行政许可", ITEM_TYPE_LICENSE }, { "行政处罚", ITEM_TYPE_PENALTY },
	{ "行政强制", ITEM_TYPE_ENFORCEMENT }, { "行政征收", ITEM_TYPE_LEVY },
	{ "行政给付", ITEM_TYPE_PAYMENT }, { "行政检查", ITEM_TYPE_INSPECTION },
	{ "行政确认", ITEM_TYPE_CONFIRMATION }, { "行政奖励", ITEM_TYPE_REWARD },
	{ "行政裁决", ITEM_TYPE_RULING }, { "其他行政权力", ITEM_TYPE_OTHER },
	{ "公共服务", ITEM_TYPE_PUBLIC }, { NULL, 0 },
};
static const struct catalog_name_value level_names[] = {
	{ "国家级", 1 }, { "省级", 2 }, { "市级", 3 }, { "县级", 4 },
	{ "乡镇级", 5 }, { "村级", 6 }, { NULL, 0 },
};
static const struct catalog_name_value kind_names[] = {
	{ "即办件", ITEM_INSTANT }, { "承诺件", ITEM_PROMISED }, { NULL, 0 },
};
static const struct catalog_name_value fee_names[] = {
	{ "收费", 1 }, { "不收费", 0 }, { NULL, 0 },
};
static const struct catalog_name_value target_names[] = {
	{ "自然人", TARGET_PERSON }, { "企业法人", TARGET_COMPANY },
	{ "事业法人", TARGET_INSTITUTION }, { "社会组织法人", TARGET_SOCIAL_ORG },
	{ "行政机关", TARGET_AGENCY }, { "其他组织", TARGET_OTHER_ORG }, { NULL, 0 },
};
static const struct catalog_name_value channel_names[] = {
	{ "窗口办理", CHANNEL_WINDOW }, { "网上办理", CHANNEL_WEB },
	{ "移动端", CHANNEL_MOBILE }, { "快递申请", CHANNEL_EXPRESS }, { NULL, 0 },
};
static const struct catalog_name_value field_type_names[] = {
	{ "text", FIELD_TEXT }, { "date", FIELD_DATE }, { "choice", FIELD_CHOICE },
	{ "number", FIELD_NUMBER }, { "phone", FIELD_PHONE }, { "id", FIELD_ID },
	{ "uscc", FIELD_USCC }, { "money", FIELD_MONEY }, { NULL, 0 },
};
static const struct catalog_name_value form_names[] = {
	{ "纸质", FORM_PAPER }, { "电子", FORM_ELECTRONIC }, { NULL, 0 },
};
static const struct catalog_name_value need_names[] = {
	{ "必要", NEED_REQUIRED }, { "非必要", NEED_OPTIONAL },
	{ "容缺后补", NEED_DEFERRABLE }, { NULL, 0 },
};
static const struct catalog_name_value source_names[] = {
	{ "申请人自备", SOURCE_SELF }, { "政府部门核发", SOURCE_DEPARTMENT },
	{ "其他", SOURCE_OTHER }, { NULL, 0 },
};

#define R KEY_REQUIRED
#define M KEY_MULTILINE
#define IT(m) offsetof(struct catalog_item, m)
#define FL(m) offsetof(struct catalog_field, m)
#define MA(m) offsetof(struct catalog_material, m)
#define SI(m) offsetof(struct catalog_situation, m)
#define BU(m) offsetof(struct catalog_bundle, m)

static const struct catalog_keydef item_keys[] = {
	{ .key = "code", .desc = N_("实施编码"), .flags = R, .parse = parse_code,
	  .off = IT(code) },
	{ .key = "basic_code", .desc = N_("基本编码"), .flags = 0, .parse = parse_code,
	  .off = IT(basic_code) },
	{ .key = "name", .desc = N_("事项名称"), .flags = R, .parse = parse_text,
	  .off = IT(name), .hi = 200 },
	{ .key = "short_name", .desc = N_("简称"), .flags = 0, .parse = parse_text,
	  .off = IT(short_name), .hi = 12 },
	{ .key = "pinyin", .desc = N_("拼音首字母"), .flags = 0, .parse = parse_pinyin,
	  .off = IT(pinyin) },
	{ .key = "type", .desc = N_("事项类型"), .flags = R | KEY_NUMERIC,
	  .parse = parse_enum, .names = type_names, .set = set_type,
	  .expect = N_("行政许可、行政处罚、行政强制、行政征收、行政给付、行政检查、"
		       "行政确认、行政奖励、行政裁决、其他行政权力、公共服务之一，"
		       "或其编号 1 到 10、20") },
	{ .key = "level", .desc = N_("行使层级"), .flags = R | KEY_NUMERIC,
	  .parse = parse_enum, .names = level_names, .set = set_level,
	  .expect = N_("国家级、省级、市级、县级、乡镇级、村级之一，或 1 到 6") },
	{ .key = "department", .desc = N_("实施主体"), .flags = R, .parse = parse_text,
	  .off = IT(department), .hi = 200 },
	{ .key = "dept_code", .desc = N_("实施主体编码"), .flags = 0,
	  .parse = parse_dept_code, .off = IT(dept_code) },
	{ .key = "legal_limit", .desc = N_("法定办结时限"), .flags = R, .parse = parse_limit,
	  .off = IT(legal_limit), .set = set_legal_unit },
	{ .key = "promised_limit", .desc = N_("承诺办结时限"), .flags = R,
	  .parse = parse_limit, .off = IT(promised_limit), .set = set_promised_unit },
	{ .key = "kind", .desc = N_("办件类型"), .flags = R, .parse = parse_enum,
	  .names = kind_names, .set = set_kind, .expect = N_("即办件 或 承诺件") },
	{ .key = "fee", .desc = N_("是否收费"), .flags = R, .parse = parse_enum,
	  .names = fee_names, .set = set_fee, .expect = N_("收费 或 不收费") },
	{ .key = "fee_desc", .desc = N_("收费标准"), .flags = M, .parse = parse_text,
	  .off = IT(fee_desc) },
	{ .key = "fee_basis", .desc = N_("收费依据"), .flags = M, .parse = parse_text,
	  .off = IT(fee_basis) },
	{ .key = "targets", .desc = N_("服务对象"), .flags = R | M, .parse = parse_bits,
	  .off = IT(targets), .names = target_names,
	  .expect = N_("自然人、企业法人、事业法人、社会组织法人、行政机关、其他组织中的一个或几个") },
	{ .key = "channels", .desc = N_("办理形式"), .flags = R | M, .parse = parse_bits,
	  .off = IT(channels), .names = channel_names,
	  .expect = N_("窗口办理、网上办理、移动端、快递申请中的一个或几个") },
	{ .key = "appointment", .desc = N_("是否支持预约办理"), .flags = 0, .parse = parse_bool,
	  .off = IT(appointment) },
	{ .key = "online_pay", .desc = N_("是否支持网上支付"), .flags = 0, .parse = parse_bool,
	  .off = IT(online_pay) },
	{ .key = "express", .desc = N_("是否支持物流快递"), .flags = 0, .parse = parse_bool,
	  .off = IT(express) },
	{ .key = "online", .desc = N_("是否网办"), .flags = 0, .parse = parse_bool,
	  .off = IT(online) },
	{ .key = "visits", .desc = N_("到办事现场次数"), .flags = R, .parse = parse_int,
	  .off = IT(visits), .lo = 0, .hi = 9 },
	{ .key = "online_depth", .desc = N_("网上办理深度"), .flags = 0, .parse = parse_int,
	  .off = IT(online_depth), .lo = 1, .hi = 4 },
	{ .key = "result", .desc = N_("结果名称"), .flags = R, .parse = parse_text,
	  .off = IT(result), .hi = 200 },
	{ .key = "conditions", .desc = N_("受理条件"), .flags = R | M, .parse = parse_text,
	  .off = IT(conditions) },
	{ .key = "legal_basis", .desc = N_("设定依据"), .flags = M, .parse = parse_text,
	  .off = IT(legal_basis) },
	{ .key = "place", .desc = N_("办理地点"), .flags = M, .parse = parse_text,
	  .off = IT(place) },
	{ .key = "hours", .desc = N_("办理时间"), .flags = M, .parse = parse_text,
	  .off = IT(hours) },
	{ .key = "phone", .desc = N_("咨询电话"), .flags = 0, .parse = parse_text,
	  .off = IT(phone), .hi = 100 },
	{ .key = "version", .desc = N_("版本"), .flags = R, .parse = parse_text,
	  .off = IT(version), .hi = 64 },
};

static const struct catalog_keydef field_keys[] = {
	{ .key = "label", .desc = N_("名称"), .flags = R, .parse = parse_text,
	  .off = FL(label), .hi = 100 },
	{ .key = "type", .desc = N_("类型"), .flags = R, .parse = parse_enum,
	  .names = field_type_names, .set = set_field_type,
	  .expect = N_("text、date、choice、number、phone、id、uscc、money 之一") },
	{ .key = "required", .desc = N_("是否必填"), .flags = 0, .parse = parse_bool,
	  .off = FL(required) },
	{ .key = "choices", .desc = N_("选项"), .flags = M, .parse = parse_choices,
	  .off = FL(choices), .off2 = FL(nchoices), .lo = 1 },
	{ .key = "min_len", .desc = N_("最少字数"), .flags = 0, .parse = parse_int,
	  .off = FL(min_len), .lo = 0, .hi = 10000 },
	{ .key = "max_len", .desc = N_("最多字数"), .flags = 0, .parse = parse_int,
	  .off = FL(max_len), .lo = 0, .hi = 10000 },
	{ .key = "min", .desc = N_("最小值"), .flags = 0, .parse = parse_number,
	  .off = FL(min), .off2 = FL(has_min) },
	{ .key = "max", .desc = N_("最大值"), .flags = 0, .parse = parse_number,
	  .off = FL(max), .off2 = FL(has_max) },
	{ .key = "help", .desc = N_("填写提示"), .flags = M, .parse = parse_text,
	  .off = FL(help) },
};

static const struct catalog_keydef material_keys[] = {
	{ .key = "name", .desc = N_("材料名称"), .flags = R, .parse = parse_text,
	  .off = MA(name), .hi = 200 },
	{ .key = "issuer", .desc = N_("出具机构"), .flags = 0, .parse = parse_text,
	  .off = MA(issuer), .hi = 200 },
	{ .key = "originals", .desc = N_("原件份数"), .flags = 0, .parse = parse_int,
	  .off = MA(originals), .lo = 0, .hi = 99 },
	{ .key = "copies", .desc = N_("复印件份数"), .flags = 0, .parse = parse_int,
	  .off = MA(copies), .lo = 0, .hi = 99 },
	{ .key = "form", .desc = N_("材料形式"), .flags = R, .parse = parse_bits,
	  .off = MA(form), .names = form_names, .expect = N_("纸质、电子，或 纸质,电子") },
	{ .key = "need", .desc = N_("是否必备"), .flags = R, .parse = parse_enum,
	  .names = need_names, .set = set_need, .expect = N_("必要、非必要 或 容缺后补") },
	{ .key = "deferral_days", .desc = N_("容缺后补期限"), .flags = 0,
	  .parse = parse_deferral, .off = MA(deferral_days), .lo = 1, .hi = 60 },
	{ .key = "source", .desc = N_("来源渠道"), .flags = 0, .parse = parse_enum,
	  .names = source_names, .set = set_source, .expect = N_("申请人自备、政府部门核发 或 其他") },
	{ .key = "standard", .desc = N_("受理标准"), .flags = M, .parse = parse_text,
	  .off = MA(standard) },
	{ .key = "basis", .desc = N_("依据"), .flags = M, .parse = parse_text,
	  .off = MA(basis) },
	{ .key = "blank_form", .desc = N_("空白表格"), .flags = 0, .parse = parse_text,
	  .off = MA(blank_form) },
	{ .key = "sample", .desc = N_("示例样表"), .flags = 0, .parse = parse_text,
	  .off = MA(sample) },
};

static const struct catalog_keydef situation_keys[] = {
	{ .key = "label", .desc = N_("情形名称"), .flags = R, .parse = parse_text,
	  .off = SI(label), .hi = 200 },
	{ .key = "enables", .desc = N_("启用的材料"), .flags = M, .parse = parse_ids,
	  .off = SI(enables), .off2 = SI(nenables) },
	{ .key = "disables", .desc = N_("免交的材料"), .flags = M, .parse = parse_ids,
	  .off = SI(disables), .off2 = SI(ndisables) },
};

static const struct catalog_keydef bundle_keys[] = {
	{ .key = "code", .desc = N_("一件事编码"), .flags = R, .parse = parse_code,
	  .off = BU(code) },
	{ .key = "name", .desc = N_("一件事名称"), .flags = R, .parse = parse_text,
	  .off = BU(name), .hi = 200 },
	{ .key = "lead_department", .desc = N_("牵头部门"), .flags = R, .parse = parse_text,
	  .off = BU(lead_department), .hi = 200 },
	{ .key = "items", .desc = N_("包含的事项"), .flags = R | M, .parse = parse_codes,
	  .off = BU(items), .off2 = BU(nitems), .lo = 2 },
	{ .key = "promised_limit", .desc = N_("承诺办结时限"), .flags = R,
	  .parse = parse_limit, .off = BU(promised_limit), .set = set_bundle_unit },
	{ .key = "description", .desc = N_("说明"), .flags = M, .parse = parse_text,
	  .off = BU(description) },
};

#undef R
#undef M

static void item_finish(struct catalog_parser *p, const struct catalog_section_state *st, void *base);
static void field_finish(struct catalog_parser *p, const struct catalog_section_state *st, void *base);
static void material_finish(struct catalog_parser *p, const struct catalog_section_state *st, void *base);

#define NKEYS(a) (sizeof (a) / sizeof (a)[0])

const struct catalog_schema catalog_schemas[] = {
	{ "item", SECT_ITEM, 0, item_keys, NKEYS(item_keys), item_finish },
	{ "field", SECT_FIELD, 1, field_keys, NKEYS(field_keys), field_finish },
	{ "material", SECT_MATERIAL, 1, material_keys, NKEYS(material_keys), material_finish },
	{ "situation", SECT_SITUATION, 1, situation_keys, NKEYS(situation_keys), NULL },
	{ "bundle", SECT_BUNDLE, 0, bundle_keys, NKEYS(bundle_keys), NULL },
};

const size_t catalog_nschemas = NKEYS(catalog_schemas);

/* ---- rules relating several keys --------------------------------------------- */

/* Index of key in the section's schema, or -1. */
int catalog_schema_key(const struct catalog_schema *ss, const char *key)
{
	for (size_t i = 0; i < ss->nkeys; i++)
		if (strcmp(ss->keys[i].key, key) == 0)
			return (int)i;
	return -1;
}

/* Index of a key the code knows to be in the schema. */
static int st_idx(const struct catalog_section_state *st, const char *key)
{
	int i = catalog_schema_key(st->ss, key);

	assert(i >= 0);
	return i;
}

static int st_given(const struct catalog_section_state *st, const char *key)
{
	return st->given[st_idx(st, key)];
}

static int st_ok(const struct catalog_section_state *st, const char *key)
{
	return st->ok[st_idx(st, key)];
}

int catalog_state_line(const struct catalog_section_state *st, const char *key)
{
	int line = st->line[st_idx(st, key)];

	return line ? line : st->sect_line;
}

/* Reports a key required only because of another key's value. */
static void missing_because(struct catalog_parser *p, const struct catalog_section_state *st,
			    const char *key, const char *because)
{
	const struct catalog_keydef *kd = &st->ss->keys[st_idx(st, key)];

	catalog_perr(p, st->sect_line, _("%s 缺少 %s（%s）：%s"), st->label, key, _(kd->desc), because);
}

/* The promise must not be longer than the legal limit.  Same units compare
 * directly.  Across units, N working days span at least N and at most about
 * N * 7 / 5 + 10 calendar days (weekends, and a holiday week): a promise
 * certainly longer is an error, one that may be longer a warning. */
static void check_promise_within_law(struct catalog_parser *p,
				     const struct catalog_section_state *st,
				     const struct catalog_item *it)
{
	int line = catalog_state_line(st, "promised_limit");
	int promised = it->promised_limit, legal = it->legal_limit;
	int longer, maybe;

	if (it->legal_unit == it->promised_unit) {
		longer = promised > legal;
		maybe = 0;
	} else if (it->legal_unit == LIMIT_WORKDAYS) {
		/* promised in calendar days, legal in working days */
		longer = promised > legal * 7 / 5 + 10;
		maybe = promised > legal;
	} else {
		/* promised in working days, legal in calendar days */
		longer = promised > legal;
		maybe = promised * 7 / 5 > legal;
	}
	if (longer)
		catalog_perr(p, line, _("promised_limit（%d %s）超过了 legal_limit（%d %s）；"
					"承诺时限不得长于法定时限"),
			     promised, catalog_unit_name(it->promised_unit),
			     legal, catalog_unit_name(it->legal_unit));
	else if (maybe)
		catalog_pwarn(p, line, _("promised_limit（%d %s）与 legal_limit（%d %s）单位不同，"
					 "可能长于法定时限；请核对，或改用相同单位"),
			      promised, catalog_unit_name(it->promised_unit),
			      legal, catalog_unit_name(it->legal_unit));
}

/* [item]: 即办件 closes at once; the promise is within the legal limit;
 * a fee needs its standard and basis. */
static void item_finish(struct catalog_parser *p, const struct catalog_section_state *st, void *base)
{
	const struct catalog_item *it = base;

	if (st_ok(st, "kind") && st_ok(st, "promised_limit") &&
	    it->kind == ITEM_INSTANT && it->promised_limit > 0)
		catalog_perr(p, catalog_state_line(st, "promised_limit"),
			     _("即办件当场办结，promised_limit 应为 0，现为 %d %s；否则 kind 应为 承诺件"),
			     it->promised_limit, catalog_unit_name(it->promised_unit));
	if (st_ok(st, "kind") && st_ok(st, "promised_limit") &&
	    it->kind == ITEM_PROMISED && it->promised_limit == 0)
		catalog_perr(p, catalog_state_line(st, "promised_limit"),
			     _("承诺件的 promised_limit 至少为 1；当场办结的事项 kind 应为 即办件"));
	if (st_ok(st, "legal_limit") && st_ok(st, "promised_limit") && it->legal_limit > 0)
		check_promise_within_law(p, st, it);
	if (st_ok(st, "fee") && it->fee) {
		if (!st_given(st, "fee_desc"))
			missing_because(p, st, "fee_desc", _("fee 为 收费 时必填"));
		if (!st_given(st, "fee_basis"))
			missing_because(p, st, "fee_basis", _("fee 为 收费 时必填"));
	}
}

/* [field KEY]: the keys that only some types take. */
static void field_finish(struct catalog_parser *p, const struct catalog_section_state *st, void *base)
{
	const struct catalog_field *f = base;
	static const char *const text_keys[] = { "min_len", "max_len" };
	static const char *const num_keys[] = { "min", "max" };

	if (!st_ok(st, "type"))
		return;
	if (f->type == FIELD_CHOICE && !st_given(st, "choices"))
		missing_because(p, st, "choices", _("type 为 choice 时必填，选项之间用 | 分隔"));
	if (f->type != FIELD_CHOICE && st_given(st, "choices"))
		catalog_perr(p, catalog_state_line(st, "choices"),
			     _("choices 只适用于 type 为 choice 的字段"));
	for (size_t i = 0; i < 2; i++) {
		if (f->type != FIELD_TEXT && st_given(st, text_keys[i]))
			catalog_perr(p, catalog_state_line(st, text_keys[i]),
				     _("%s 只适用于 type 为 text 的字段"), text_keys[i]);
		if (f->type != FIELD_NUMBER && f->type != FIELD_MONEY && st_given(st, num_keys[i]))
			catalog_perr(p, catalog_state_line(st, num_keys[i]),
				     _("%s 只适用于 type 为 number 或 money 的字段"), num_keys[i]);
	}
	if (st_ok(st, "min_len") && st_ok(st, "max_len") && f->max_len > 0 &&
	    f->min_len > f->max_len)
		catalog_perr(p, catalog_state_line(st, "max_len"), _("max_len（%d）小于 min_len（%d）"),
			     f->max_len, f->min_len);
	if (st_ok(st, "min") && st_ok(st, "max") && f->min > f->max)
		catalog_perr(p, catalog_state_line(st, "max"), _("max（%g）小于 min（%g）"), f->max, f->min);
}

/* [material ID]: deferral days exactly for 容缺后补; paper means at least
 * one sheet. */
static void material_finish(struct catalog_parser *p, const struct catalog_section_state *st, void *base)
{
	const struct catalog_material *m = base;

	if (st_ok(st, "need")) {
		if (m->need == NEED_DEFERRABLE && !st_given(st, "deferral_days"))
			missing_because(p, st, "deferral_days",
					_("need 为 容缺后补 时必填，即几个工作日内补交（1 到 60）"));
		if (m->need != NEED_DEFERRABLE && st_given(st, "deferral_days"))
			catalog_perr(p, catalog_state_line(st, "deferral_days"),
				     _("deferral_days 只适用于 need 为 容缺后补 的材料，此处 need 为 %s"),
				     catalog_need_name(m->need));
	}
	if (st_ok(st, "form") && (m->form & FORM_PAPER) &&
	    (st_ok(st, "originals") || !st_given(st, "originals")) &&
	    (st_ok(st, "copies") || !st_given(st, "copies")) &&
	    m->originals + m->copies < 1)
		catalog_perr(p, st->sect_line,
			     _("%s 是纸质材料，originals（原件份数）与 copies（复印件份数）之和至少为 1"),
			     st->label);
}

