/*
 * catalog.h — the item catalog (事项目录): items, their intake forms and
 * material checklists, situations (情形) and 一件事 bundles.
 *
 * Field names follow GB/T 39046-2020.  The text format of forms/NAME.item and
 * forms/NAME.bundle is documented in yichuang-forms(5); this module parses it,
 * checks it strictly and reports every problem with FILE:LINE.
 *
 * Ownership: a struct catalog owns every string and array below it;
 * catalog_free releases the lot.
 */
#ifndef YICHUANG_CATALOG_H
#define YICHUANG_CATALOG_H

#include <stddef.h>

/* 事项类型, GB/T 39046 table A.1: the numeric codes are the standard's. */
enum item_type {
	ITEM_TYPE_LICENSE = 1,		/* 行政许可 */
	ITEM_TYPE_PENALTY = 2,		/* 行政处罚 */
	ITEM_TYPE_ENFORCEMENT = 3,	/* 行政强制 */
	ITEM_TYPE_LEVY = 4,		/* 行政征收 */
	ITEM_TYPE_PAYMENT = 5,		/* 行政给付 */
	ITEM_TYPE_INSPECTION = 6,	/* 行政检查 */
	ITEM_TYPE_CONFIRMATION = 7,	/* 行政确认 */
	ITEM_TYPE_REWARD = 8,		/* 行政奖励 */
	ITEM_TYPE_RULING = 9,		/* 行政裁决 */
	ITEM_TYPE_OTHER = 10,		/* 其他行政权力 */
	ITEM_TYPE_PUBLIC = 20		/* 公共服务 */
};

/* 办件类型, table A.6. */
enum item_kind {
	ITEM_INSTANT = 1,		/* 即办件: closes at the window */
	ITEM_PROMISED = 2		/* 承诺件 */
};

enum limit_unit {
	LIMIT_WORKDAYS = 1,		/* 工作日 */
	LIMIT_DAYS = 2			/* 自然日 */
};

/* 服务对象, table A.4, as a bit set: bit (code - 1). */
enum item_target {
	TARGET_PERSON = 1 << 0,		/* 1 自然人 */
	TARGET_COMPANY = 1 << 1,	/* 2 企业法人 */
	TARGET_INSTITUTION = 1 << 2,	/* 3 事业法人 */
	TARGET_SOCIAL_ORG = 1 << 3,	/* 4 社会组织法人 */
	TARGET_AGENCY = 1 << 4,		/* 5 行政机关 */
	TARGET_OTHER_ORG = 1 << 5	/* 6 其他组织 */
};

/* 办理形式, table A.5, as a bit set: bit (code - 1). */
enum item_channel {
	CHANNEL_WINDOW = 1 << 0,	/* 1 窗口办理 */
	CHANNEL_WEB = 1 << 1,		/* 2 网上办理(电脑端) */
	CHANNEL_MOBILE = 1 << 2,	/* 3 移动端 */
	CHANNEL_EXPRESS = 1 << 3	/* 4 快递申请 */
};

/* Types of extra intake fields. */
enum field_type {
	FIELD_TEXT = 1,
	FIELD_DATE,
	FIELD_CHOICE,
	FIELD_NUMBER,
	FIELD_PHONE,
	FIELD_ID,			/* 居民身份证号码 */
	FIELD_USCC,			/* 统一社会信用代码 */
	FIELD_MONEY			/* yuan with at most two decimals */
};

/* 是否必备. */
enum material_need {
	NEED_REQUIRED = 1,		/* 必要 */
	NEED_OPTIONAL = 2,		/* 非必要 */
	NEED_DEFERRABLE = 3		/* 容缺后补: accepted now, due later */
};

/* 材料形式, a bit set. */
enum material_form {
	FORM_PAPER = 1 << 0,		/* 纸质 */
	FORM_ELECTRONIC = 1 << 1	/* 电子 */
};

/* 来源渠道. */
enum material_source {
	SOURCE_SELF = 1,		/* 申请人自备 */
	SOURCE_DEPARTMENT = 2,		/* 政府部门核发: fetched, not asked for */
	SOURCE_OTHER = 3		/* 其他 */
};

/* One extra applicant field of an item's intake form. */
struct catalog_field {
	char *key;			/* [a-z][a-z0-9_]*, unique in the item */
	char *label;
	enum field_type type;
	int required;
	char **choices;			/* FIELD_CHOICE only */
	size_t nchoices;
	int min_len, max_len;		/* in characters; 0 = no bound */
	int has_min, has_max;		/* FIELD_NUMBER / FIELD_MONEY bounds */
	double min, max;
	char *help;			/* hint shown at the counter; may be NULL */
	int line;			/* where it was defined */
};

struct catalog_material {
	char *id;			/* [a-z0-9_]+, unique in the item */
	char *name;			/* 材料名称 */
	char *issuer;			/* 出具机构; may be NULL */
	int originals;			/* 原件份数 */
	int copies;			/* 复印件份数 */
	unsigned form;			/* enum material_form bits */
	enum material_need need;
	int deferral_days;		/* NEED_DEFERRABLE: working days to supply it */
	enum material_source source;
	char *standard;			/* 受理标准: what "规范" means; may be NULL */
	char *basis;			/* 依据; may be NULL */
	char *blank_form;		/* 空白表格; may be NULL */
	char *sample;			/* 示例样表; may be NULL */
	int line;
};

/* A situation (情形) switches materials on or off when it applies.  A
 * material named in some situation's `enables` is off unless a situation
 * that enables it applies. */
struct catalog_situation {
	char *id;
	char *label;
	char **enables;			/* material ids */
	size_t nenables;
	char **disables;
	size_t ndisables;
	int line;
};

struct catalog_item {
	char *code;			/* 实施编码, opaque */
	char *basic_code;		/* 基本编码, opaque; may be NULL */
	char *name;			/* 事项名称, at most 200 characters */
	char *short_name;		/* 简称 for narrow screens; may be NULL */
	char *pinyin;			/* initials for search, e.g. "spjyxk"; may be NULL */
	enum item_type type;
	int level;			/* 行使层级 1 国家 ... 6 村 */
	char *department;		/* 实施主体 */
	char *dept_code;		/* its 统一社会信用代码; may be NULL */
	int legal_limit;		/* 法定办结时限 */
	enum limit_unit legal_unit;
	int promised_limit;		/* 承诺办结时限 */
	enum limit_unit promised_unit;
	enum item_kind kind;		/* 即办件 / 承诺件 */
	int fee;			/* 是否收费 */
	char *fee_desc;			/* amount and standard; may be NULL */
	char *fee_basis;		/* 收费依据; may be NULL */
	unsigned targets;		/* enum item_target bits */
	unsigned channels;		/* enum item_channel bits */
	int appointment;		/* 支持预约 */
	int online_pay;			/* 支持网上支付 */
	int express;			/* 支持物流快递 */
	int online;			/* 支持网办 */
	int visits;			/* 到办事现场次数 */
	int online_depth;		/* 网上办理深度 1..4 */
	char *result;			/* 结果名称 */
	char *conditions;		/* 受理条件 (multi-line) */
	char *legal_basis;		/* 设定依据; may be NULL */
	char *place;			/* 办理地点; may be NULL */
	char *hours;			/* 办理时间; may be NULL */
	char *phone;			/* 咨询电话; may be NULL */
	char *version;			/* the item's own version string */
	struct catalog_field *fields;
	size_t nfields;
	struct catalog_material *materials;
	size_t nmaterials;
	struct catalog_situation *situations;
	size_t nsituations;
	char *file;			/* where it came from */
	int line;
};

/* 一件事: several items of several departments under one intake. */
struct catalog_bundle {
	char *code;
	char *name;
	char *lead_department;
	char **items;			/* item codes, in order */
	size_t nitems;
	int promised_limit;
	enum limit_unit promised_unit;
	char *description;		/* may be NULL */
	char *file;
	int line;
};

struct catalog {
	struct catalog_item *items;
	size_t nitems;
	struct catalog_bundle *bundles;
	size_t nbundles;
};

/* One problem found while checking catalog files. */
struct catalog_diag {
	char *file;
	int line;			/* 0 when the problem is not at one line */
	int warning;			/* 1: reported, does not stop an import */
	char *msg;
};

struct catalog_diags {
	struct catalog_diag *v;
	size_t n;
	size_t nerrors;			/* diags that are not warnings */
};

void catalog_init(struct catalog *cat);
void catalog_free(struct catalog *cat);
void catalog_diags_free(struct catalog_diags *d);
/* "FILE:LINE: message" (or "FILE: message"), with "警告: " before
 * warnings.  Returns buf. */
char *catalog_diag_format(const struct catalog_diag *d, char *buf, size_t bufsz);

/* Parses one .item or .bundle file's text (the kind is told by its
 * `[item]` or `[bundle]` section) and appends what it defines to cat.
 * Every problem goes to diags; the return is the number of errors found
 * in this text (0 = it was valid). */
int catalog_parse_text(struct catalog *cat, const char *text, size_t len,
		       const char *name, struct catalog_diags *diags);
/* Reads and parses a file; a file that cannot be read is one error. */
int catalog_parse_file(struct catalog *cat, const char *path,
		       struct catalog_diags *diags);
/* Checks what spans files: unique item and bundle codes, bundles naming
 * items that exist, a lead department among the bundle's items'.  Returns
 * the number of errors added. */
int catalog_validate(const struct catalog *cat, struct catalog_diags *diags);

const struct catalog_item *catalog_find_item(const struct catalog *cat,
					     const char *code);
const struct catalog_bundle *catalog_find_bundle(const struct catalog *cat,
						 const char *code);
const struct catalog_material *catalog_find_material(const struct catalog_item *it,
						     const char *id);

/* Names of enumerated values, for display (Chinese; through gettext). */
const char *catalog_type_name(enum item_type t);
const char *catalog_kind_name(enum item_kind k);
const char *catalog_unit_name(enum limit_unit u);
const char *catalog_need_name(enum material_need n);
const char *catalog_source_name(enum material_source s);
const char *catalog_field_type_name(enum field_type t);

#endif
