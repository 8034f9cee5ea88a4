/*
 * benchgen.c — helper of tests/bench/bench_sync.sh: fills a registered
 * workstation database with realistic case traffic through the real
 * store code (libyc.a), so that the sync benchmark pushes and pulls what
 * a service centre really sends:
 *
 *   benchgen DB NEVENTS SEED
 *
 * Cases of the sample catalog's items (every item but the bundles),
 * applicants with distinct names, valid ID numbers and credit codes,
 * phones, the item's form fields, the item's checklist (at most 8
 * materials, paper with counts or electronic).  Each case goes through
 * its life as far as a random stage: received (case_receive), accepted,
 * the 受理通知书 printed (print_record_issue), hand-over register to the
 * department signed by both sides (handed_over, review_started), decided
 * (approve or deny), results register (result_handed_over), applicant
 * notified, delivered (pickup on ID check or EMS), archived.  Approvers
 * of each department are added to the workstation (user_add).  Stops at
 * exactly NEVENTS events in the outbox and prints "cases N events M".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/backoffice.h"
#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "yichuang/date.h"
#include "yichuang/document.h"
#include "yichuang/idcheck.h"
#include "yichuang/print.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"

#define BG_MATS 8
#define BG_FIELDS 32
#define BG_DEPTS 32
#define BG_VAL 160

static unsigned long long bg_rng = 88172645463325252ULL;

/* xorshift64: a reproducible stream for a given seed. */
static unsigned bg_rand(unsigned below)
{
	bg_rng ^= bg_rng << 13;
	bg_rng ^= bg_rng >> 7;
	bg_rng ^= bg_rng << 17;
	return below ? (unsigned)(bg_rng % below) : 0;
}

static const char *bg_pick(const char *const *v, size_t n)
{
	return v[bg_rand((unsigned)n)];
}

#define BG_PICK(v) bg_pick((v), sizeof(v) / sizeof((v)[0]))

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
	"胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
	"邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜",
	"叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "段", "欧阳", "司马",
};
static const char *const given[] = {
	"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
	"娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "文", "华", "红",
	"玉兰", "志强", "海燕", "晓东", "雪梅", "国庆", "春花", "子涵", "浩然", "思远", "雨桐",
	"佳怡", "梓轩", "一鸣", "欣怡", "宇航", "嘉怡", "俊杰", "丽萍", "云", "兴", "福",
};
static const char *const orgwords[] = {
	"滨江", "安澜", "云岭", "鑫源", "宏达", "兴隆", "汇丰", "恒信", "金穗", "绿源", "永盛",
	"德润", "嘉禾", "华茂", "顺丰", "瑞丰", "荣昌", "鼎盛", "佳美", "同仁",
};
static const char *const orgtrades[] = {
	"餐饮管理", "食品销售", "商贸", "建筑工程", "物业服务", "信息技术", "农业开发",
	"医药连锁", "文化传媒", "旅游开发", "运输", "装饰工程",
};
static const char *const orgforms[] = { "有限公司", "有限责任公司", "个体工商户", "合作社" };
static const char *const roads[] = {
	"滨江大道", "人民路", "解放路", "中山路", "建设路", "文化巷", "新华街", "翠湖路",
	"金碧路", "青年路", "环城南路", "北京路",
};
static const char *const areas[] = {
	"539102", "539103", "539111", "539112", "530102", "530103", "530111", "530112",
	"532301", "532502", "510104", "440106", "370102", "110105",
};
static const char *const phone_heads[] = {
	"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
	"157", "158", "159", "177", "180", "181", "186", "187", "188", "189", "199",
};
static const char *const texts[] = {
	"按申请书所列内容办理", "经营场所为自有房产", "租赁期限五年", "原件已核对",
	"申请人现场签字确认", "材料齐全", "与营业执照登记一致", "申请变更后首次办理",
};

/* A name of 2-4 characters; distinct enough with the counter appended
 * rarely (real names repeat too). */
static void bg_name(char *buf, size_t n)
{
	if (bg_rand(2))
		snprintf(buf, n, "%s%s", BG_PICK(surnames), BG_PICK(given));
	else
		snprintf(buf, n, "%s%s%s", BG_PICK(surnames), BG_PICK(given), BG_PICK(given));
}

/* A 身份证号码 with a valid birth date and check character. */
static void bg_id(char *buf, size_t n)
{
	char first[18];
	int y = 1950 + (int)bg_rand(55), m = 1 + (int)bg_rand(12), d = 1 + (int)bg_rand(28);

	snprintf(first, sizeof first, "%s%04d%02d%02d%03u", BG_PICK(areas), y, m, d,
		 bg_rand(1000));
	snprintf(buf, n, "%s%c", first, idcheck_id_check_char(first));
}

/* A 统一社会信用代码 that idcheck_uscc accepts. */
static int bg_uscc(char *buf, size_t n)
{
	static const char alnum[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	struct idcheck_result r;

	for (int tries = 0; tries < 200; tries++) {
		char first[18];

		snprintf(first, sizeof first, "91%s", BG_PICK(areas));
		for (int i = 8; i < 17; i++)
			first[i] = alnum[bg_rand(i == 8 ? 31 : 10)];
		first[17] = '\0';
		snprintf(buf, n, "%s%c", first, idcheck_uscc_check_char(first));
		if (idcheck_uscc(buf, &r) == 0)
			return 0;
	}
	return -1;
}

static void bg_phone(char *buf, size_t n)
{
	snprintf(buf, n, "%s%08u", BG_PICK(phone_heads), bg_rand(100000000));
}

/* One value of a form field, by its type and bounds. */
static void bg_field(const struct catalog_field *f, char *buf, size_t n)
{
	switch (f->type) {
	case FIELD_DATE:
		snprintf(buf, n, "2026-%02u-%02u", 1 + bg_rand(10), 1 + bg_rand(28));
		break;
	case FIELD_CHOICE:
		snprintf(buf, n, "%s", f->nchoices ? f->choices[bg_rand((unsigned)f->nchoices)] : "");
		break;
	case FIELD_NUMBER: {
		int lo = f->has_min ? (int)f->min : 1, hi = f->has_max ? (int)f->max : 500;

		snprintf(buf, n, "%d", lo + (int)bg_rand((unsigned)(hi > lo ? hi - lo + 1 : 1)));
		break;
	}
	case FIELD_MONEY:
		snprintf(buf, n, "%u.%02u", 100 + bg_rand(500000), bg_rand(100));
		break;
	case FIELD_PHONE:
		bg_phone(buf, n);
		break;
	case FIELD_ID:
		bg_id(buf, n);
		break;
	case FIELD_USCC:
		if (bg_uscc(buf, n) != 0)
			snprintf(buf, n, "%s", "");
		break;
	default:
		if (strstr(f->key, "dz") || strstr(f->label, "地址") || strstr(f->label, "场所"))
			snprintf(buf, n, "云岭市安澜区%s%u号%u栋%u室", BG_PICK(roads), 1 + bg_rand(300),
				 1 + bg_rand(12), 101 + bg_rand(1500));
		else if (strstr(f->label, "名称"))
			snprintf(buf, n, "云岭市%s%s%s", BG_PICK(orgwords), BG_PICK(orgtrades),
				 BG_PICK(orgforms));
		else
			snprintf(buf, n, "%s", BG_PICK(texts));
		break;
	}
}

struct bg_ctx {
	struct store *st;
	struct calendar *cal;
	struct print_settings ps;
	char depts[BG_DEPTS][256];
	size_t ndepts;
	int count;			/* events in the outbox */
	int target;
	int cases;
	char err[YC_ERRSZ];
};

/* The approver of department d: "sp01"... (added when missing). */
static int bg_approver(struct bg_ctx *c, const char *dept, char *name, size_t n)
{
	size_t i;
	struct user_info u;

	for (i = 0; i < c->ndepts; i++)
		if (strcmp(c->depts[i], dept) == 0)
			break;
	if (i == c->ndepts) {
		if (i == BG_DEPTS)
			return yc_seterr(c->err, sizeof c->err, "too many departments");
		snprintf(c->depts[i], sizeof c->depts[i], "%s", dept);
		c->ndepts++;
	}
	snprintf(name, n, "sp%02d", (int)i + 1);
	if (user_get(c->st, name, &u, c->err, sizeof c->err) == 1)
		return 0;
	return user_add(c->st, name, ROLE_APPROVER, dept, "bench-approver-pass", c->err,
			sizeof c->err);
}

/* Counts the outbox again; 1 when `need` more events still fit. */
static int bg_fits(struct bg_ctx *c, int need)
{
	return c->count + need <= c->target;
}

static int bg_recount(struct bg_ctx *c)
{
	return store_outbox_count(c->st, &c->count, c->err, sizeof c->err);
}

/* One case of item `it` taken as far as stage `last` (1..10) allows and
 * the event budget fits. */
static int bg_case(struct bg_ctx *c, const struct catalog_item *it, int version, int day,
		   int last)
{
	struct case_material_receipt mats[BG_MATS];
	struct case_field_value fv[BG_FIELDS];
	char vals[BG_FIELDS][BG_VAL];
	struct case_party agent;
	struct case_intake in;
	struct case_event e;
	char id[CASE_ID_MAX], no[CASENO_TEXT_MAX], name[64], idno[24], phone[16];
	char aname[64], aid[24], aphone[16], approver[32], reg[REGISTER_NUMBER_MAX];
	const char *refs[1];
	int org = !(it->targets & TARGET_PERSON) || ((it->targets & ~TARGET_PERSON) && bg_rand(3) == 0);
	int d = day;

	memset(&in, 0, sizeof in);
	case_intake_from_item(&in, it, version);
	in.day = day;
	if (org) {
		snprintf(name, sizeof name, "云岭市%s%s%s", BG_PICK(orgwords), BG_PICK(orgtrades),
			 BG_PICK(orgforms));
		if (bg_uscc(idno, sizeof idno) != 0)
			return yc_seterr(c->err, sizeof c->err, "no credit code");
	} else {
		bg_name(name, sizeof name);
		bg_id(idno, sizeof idno);
	}
	bg_phone(phone, sizeof phone);
	in.applicant.org = org;
	in.applicant.name = name;
	in.applicant.id_no = idno;
	in.applicant.phone = phone;
	if (org || bg_rand(5) == 0) {
		bg_name(aname, sizeof aname);
		bg_id(aid, sizeof aid);
		bg_phone(aphone, sizeof aphone);
		memset(&agent, 0, sizeof agent);
		agent.name = aname;
		agent.id_no = aid;
		agent.phone = aphone;
		in.agent = &agent;
	}
	for (size_t i = 0; i < it->nfields && i < BG_FIELDS; i++) {
		bg_field(&it->fields[i], vals[i], sizeof vals[i]);
		fv[i].key = it->fields[i].key;
		fv[i].value = vals[i];
		in.nfields = i + 1;
	}
	in.fields = fv;
	for (size_t i = 0; i < it->nmaterials && i < BG_MATS; i++) {
		int electronic = bg_rand(4) == 0;

		memset(&mats[i], 0, sizeof mats[i]);
		mats[i].id = it->materials[i].id;
		mats[i].receipt = electronic ? RECEIPT_ELECTRONIC : RECEIPT_PAPER;
		mats[i].originals = electronic ? 0 : it->materials[i].originals;
		mats[i].copies = electronic ? 0 : it->materials[i].copies;
		in.nmaterials = i + 1;
	}
	in.materials = mats;
	if (case_receive(c->st, c->cal, &in, "clerk", id, no, c->err, sizeof c->err) != 0)
		return -1;
	c->cases++;
	c->count++;
	if (last < 2 || !bg_fits(c, 1))
		return 0;
	memset(&e, 0, sizeof e);
	e.type = CASE_EV_ACCEPTED;
	e.day = d;
	if (case_apply_event(c->st, c->cal, no, &e, NULL, "clerk", NULL, c->err, sizeof c->err) != 0)
		return -1;
	c->count++;
	if (last < 3 || !bg_fits(c, 1))
		return 0;
	{
		struct case_record rec;
		struct document doc;

		if (print_build_case(c->st, c->cal, no, DOC_ACCEPTANCE, &c->ps.s, d, &rec, &doc,
				     c->err, sizeof c->err) != 0)
			return -1;
		if (print_record_issue(c->st, c->cal, &rec, &doc, 1, "window-1", "clerk", d, c->err,
				       sizeof c->err) != 0) {
			doc_free(&doc);
			case_record_free(&rec);
			return -1;
		}
		doc_free(&doc);
		case_record_free(&rec);
		c->count++;
	}
	/* The rest belongs to the department: 承诺件 only. */
	if (last < 5 || it->kind == ITEM_INSTANT || !bg_fits(c, 2))
		return 0;
	refs[0] = no;
	if (bg_approver(c, it->department, approver, sizeof approver) != 0 ||
	    workdays_add(c->cal, d, 1, &d, NULL) != 0 ||
	    register_create(c->st, c->cal, REGISTER_MATERIALS, it->department, refs, 1, "clerk", d,
			    reg, c->err, sizeof c->err) != 0 ||
	    register_sign(c->st, c->cal, reg, REGISTER_SENDER, "clerk", NULL, d, NULL, 0, c->err,
			  sizeof c->err) != 0 ||
	    register_sign(c->st, c->cal, reg, REGISTER_RECEIVER, approver, NULL, d, NULL, 0,
			  c->err, sizeof c->err) != 0)
		return -1;
	if (bg_recount(c) != 0 || last < 6 || !bg_fits(c, 1))
		return 0;
	{
		struct backoffice_decision dec;
		char lic[32];

		memset(&dec, 0, sizeof dec);
		workdays_add(c->cal, d, 1 + (int)bg_rand(2), &d, NULL);
		if (bg_rand(10) == 0) {
			dec.decision = CASE_DECISION_DENY;
			dec.reasons = "经现场核查，经营场所与申请材料所述不符，不符合法定条件";
			dec.remedies = "如不服本决定，可自收到之日起六十日内向云岭市人民政府申请行政复议，"
				       "或者六个月内向安澜区人民法院提起行政诉讼";
		} else {
			snprintf(lic, sizeof lic, "JY1539102%07u", bg_rand(10000000));
			dec.decision = CASE_DECISION_APPROVE;
			dec.licence_no = lic;
			dec.valid_until = d + 5 * 365;
		}
		if (backoffice_decide(c->st, c->cal, no, approver, d, &dec, c->err,
				      sizeof c->err) != 0)
			return -1;
		c->count++;
	}
	if (last < 7 || !bg_fits(c, 1))
		return 0;
	if (register_create(c->st, c->cal, REGISTER_RESULTS, it->department, refs, 1, approver,
			    d, reg, c->err, sizeof c->err) != 0 ||
	    register_sign(c->st, c->cal, reg, REGISTER_SENDER, approver, NULL, d, NULL, 0, c->err,
			  sizeof c->err) != 0 ||
	    register_sign(c->st, c->cal, reg, REGISTER_RECEIVER, "fa", NULL, d, NULL, 0, c->err,
			  sizeof c->err) != 0 ||
	    bg_recount(c) != 0)
		return -1;
	if (last < 8 || !bg_fits(c, 1))
		return 0;
	if (backoffice_notify(c->st, c->cal, no, "fa", d, bg_rand(2) ? "sms" : "phone",
			      bg_rand(2) ? "已告知携带身份证原件到窗口领取" : NULL, c->err,
			      sizeof c->err) != 0)
		return -1;
	c->count++;
	if (last < 9 || !bg_fits(c, 1))
		return 0;
	workdays_add(c->cal, d, 1 + (int)bg_rand(3), &d, NULL);
	if (bg_rand(3) == 0) {
		struct backoffice_post p;
		char waybill[24], addr[160];

		snprintf(waybill, sizeof waybill, "11%011u", bg_rand(2000000000u));
		snprintf(addr, sizeof addr, "云岭市安澜区%s%u号", BG_PICK(roads), 1 + bg_rand(300));
		p.waybill = waybill;
		p.address = addr;
		p.recipient = in.agent ? aname : name;
		if (backoffice_post(c->st, c->cal, no, "fa", d, &p, c->err, sizeof c->err) != 0)
			return -1;
	} else {
		struct backoffice_pickup p;

		memset(&p, 0, sizeof p);
		p.name = in.agent ? aname : name;
		p.id_no = in.agent ? aid : idno;
		p.confirmed = 1;
		if (backoffice_pickup(c->st, c->cal, no, "fa", d, &p, c->err, sizeof c->err) != 0)
			return -1;
	}
	c->count++;
	if (last < 10 || !bg_fits(c, 1))
		return 0;
	if (backoffice_archive(c->st, c->cal, no, "fa", d, c->err, sizeof c->err) != 0)
		return -1;
	c->count++;
	return 0;
}

int main(int argc, char **argv)
{
	/* how far cases go: a service centre's mix of the day */
	static const int stages[] = { 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 5, 5, 5, 5, 5, 6, 7, 9, 10, 10 };
	struct bg_ctx c;
	struct catalog cat;
	const struct catalog_item *items[256];
	size_t nitems = 0;
	int version = 0, first, rc = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: benchgen DB NEVENTS SEED\n");
		return 2;
	}
	memset(&c, 0, sizeof c);
	c.target = atoi(argv[2]);
	bg_rng ^= (unsigned long long)strtoull(argv[3], NULL, 10) * 0x9E3779B97F4A7C15ULL;
	catalog_init(&cat);
	c.cal = calendar_new();
	if (!c.cal || c.target < 1 || date_parse("2026-09-01", &first) != 0) {
		fprintf(stderr, "benchgen: bad arguments or out of memory\n");
		return 2;
	}
	if (calendar_load_builtin(c.cal, c.err, sizeof c.err) != 0 ||
	    store_open(argv[1], STORE_OPEN_EXISTING, &c.st, c.err, sizeof c.err) != 0 ||
	    store_calendar_load(c.st, c.cal, c.err, sizeof c.err) != 0 ||
	    store_catalog_current(c.st, &version, c.err, sizeof c.err) != 0 ||
	    store_catalog_load(c.st, version, &cat, c.err, sizeof c.err) != 0)
		goto out;
	print_settings_load(c.st, &c.ps);
	for (size_t i = 0; i < cat.nitems && nitems < 256; i++)
		if (cat.items[i].nmaterials > 0)
			items[nitems++] = &cat.items[i];
	if (nitems == 0) {
		snprintf(c.err, sizeof c.err, "the catalog has no items with materials");
		goto out;
	}
	if (bg_recount(&c) != 0)
		goto out;
	while (c.count < c.target) {
		int day = first;

		/* receipts spread over the working days from September on */
		workdays_add(c.cal, first, c.cases * 55 / (c.target / 4 + 1), &day, NULL);
		if (bg_case(&c, items[bg_rand((unsigned)nitems)], version, day,
			    stages[bg_rand(sizeof stages / sizeof stages[0])]) != 0)
			goto out;
		if (bg_recount(&c) != 0)
			goto out;
	}
	printf("cases %d events %d\n", c.cases, c.count);
	rc = 0;
out:
	if (rc != 0)
		fprintf(stderr, "benchgen: %s\n", c.err);
	if (c.st)
		store_close(c.st);
	catalog_free(&cat);
	calendar_free(c.cal);
	return rc;
}
