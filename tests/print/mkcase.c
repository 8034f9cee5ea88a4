/*
 * mkcase.c — test helper of test_print.sh: makes a case of 食品经营许可
 * (the sample catalog's spjy item) in an initialised workstation database
 * and takes it, through case_receive and case_apply_event with the event
 * bodies of events.md, to the point where document KIND exists.  Prints
 * the case number.
 *
 *   mkcase DB KIND [long]
 *   mkcase DB set KEY VALUE      (a terminal setting, such as doc.centre)
 *
 * With "long" the applicant has a long name with rare characters (㐂, 𠀋)
 * and a 补正 notice lists five problems (two pages of paper).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"

#define ITEM "11539102MB1A2704434000101700200"

static struct store *st;
static struct calendar *cal;
static char number[CASENO_TEXT_MAX];
static int day;

static void die(const char *what, const char *err)
{
	fprintf(stderr, "mkcase: %s: %s\n", what, err);
	exit(1);
}

/* Appends one event to the case; dies when refused. */
static void apply(enum case_event_type t, const char *reason, const char *extra)
{
	struct case_event e;
	char err[YC_ERRSZ];

	memset(&e, 0, sizeof e);
	e.type = t;
	e.day = day;
	e.reason = reason;
	if (t == CASE_EV_EXTENDED)
		e.extension_days = 5;
	if (t == CASE_EV_DECIDED)
		e.decision = reason ? CASE_DECISION_DENY : CASE_DECISION_APPROVE;
	if (t == CASE_EV_DELIVERED)
		e.delivery = CASE_DELIVERY_PICKUP;
	if (case_apply_event(st, cal, number, &e, extra, "clerk", NULL, err, sizeof err) != 0)
		die(casefsm_event_name(t), err);
}

/* The 补正 notice: the applicant's missing materials, or forty of them. */
static char *correction_extra(int many)
{
	struct strbuf sb;

	sb_init(&sb);
	sb_append(&sb, "{\"problems\":[");
	if (!many) {
		sb_append(&sb, "{\"material\":\"bjsb\",\"name\":\"与食品经营相适应的主要设备设施、经营布局、操作流程等文件\","
			  "\"text\":\"与食品经营相适应的主要设备设施、经营布局、操作流程等文件：未提交（需原件 1 份）\"},"
			  "{\"material\":\"sqs\",\"name\":\"食品经营许可申请书\","
			  "\"text\":\"食品经营许可申请书：不符合要求（缺法定代表人签字）\"}");
	} else {
		for (int i = 1; i <= 5; i++)
			sb_appendf(&sb, "%s{\"material\":\"m%d\",\"name\":\"补充材料第%d项\","
				   "\"text\":\"补充材料第%d项：未提交（需原件 1 份，复印件 2 份）；要求：加盖公章，"
				   "与原件一致，字迹清楚\"}", i > 1 ? "," : "", i, i, i);
	}
	sb_append(&sb, "],\"materials\":[{\"id\":\"sqs\",\"receipt\":\"paper\",\"originals\":1,"
		  "\"copies\":0,\"nonconforming\":true,\"note\":\"缺法定代表人签字\"},"
		  "{\"id\":\"bjsb\",\"receipt\":\"missing\",\"originals\":0,\"copies\":0,"
		  "\"nonconforming\":false,\"note\":null}]}");
	if (sb.oom)
		die("extra", "out of memory");
	return sb_take(&sb);
}

int main(int argc, char **argv)
{
	static const struct case_material_receipt mats[] = {
		{ "sqs", RECEIPT_PAPER, 1, 0, 0, NULL },
		{ "yyzz", RECEIPT_FETCHED, 0, 0, 0, NULL },
		{ "sfzm", RECEIPT_PAPER, 1, 1, 0, NULL },
		{ "bjsb", RECEIPT_PAPER, 1, 0, 0, NULL },
	};
	struct catalog cat;
	struct case_intake in;
	const struct catalog_item *it;
	char err[YC_ERRSZ], id[CASE_ID_MAX];
	const char *kind;
	int version, lng;

	if (argc < 3) {
		fprintf(stderr, "usage: mkcase DB KIND [long]\n");
		return 2;
	}
	kind = argv[2];
	lng = argc > 3 && strcmp(argv[3], "long") == 0;
	day = date_today();
	cal = calendar_new();
	if (!cal || calendar_load_builtin(cal, err, sizeof err) != 0)
		die("calendar", err);
	if (store_open(argv[1], STORE_OPEN_EXISTING, &st, err, sizeof err) != 0)
		die(argv[1], err);
	if (strcmp(kind, "set") == 0) {
		if (argc != 5 || store_setting_set(st, argv[3], argv[4], err, sizeof err) != 0)
			die("set", argc != 5 ? "usage: mkcase DB set KEY VALUE" : err);
		store_close(st);
		calendar_free(cal);
		return 0;
	}
	catalog_init(&cat);
	if (store_catalog_load(st, 0, &cat, err, sizeof err) != 0 ||
	    store_catalog_current(st, &version, err, sizeof err) != 0)
		die("catalog", err);
	it = catalog_find_item(&cat, ITEM);
	if (!it)
		die("catalog", "no spjy item");
	memset(&in, 0, sizeof in);
	case_intake_from_item(&in, it, version);
	in.day = day;
	in.applicant.org = 1;
	in.applicant.name = lng ? "云岭市安澜区㐂𠀋滨江大道老字号餐饮管理服务有限责任公司第一百二十八分店（普通合伙）"
				: "安澜区老张面馆";
	in.applicant.id_no = "91350100M000100Y43";
	in.applicant.phone = "13800000000";
	in.materials = mats;
	in.nmaterials = sizeof mats / sizeof mats[0];
	if (case_receive(st, cal, &in, "clerk", id, number, err, sizeof err) != 0)
		die("receive", err);

	if (strcmp(kind, "correction") == 0) {
		char *extra = correction_extra(lng);

		apply(CASE_EV_CORRECTION_REQUESTED, NULL, extra);
		free(extra);
	} else if (strcmp(kind, "rejection") == 0) {
		apply(CASE_EV_REJECTED, "申请经营的项目属于食品生产，不属于食品经营许可范围",
		      "{\"basis\":\"《中华人民共和国行政许可法》第三十二条第一款第（二）项\","
		      "\"competent_office\":\"云岭市市场监督管理局（食品生产许可）\"}");
	} else if (strcmp(kind, "onetime-notice") != 0) {
		apply(CASE_EV_ACCEPTED, NULL, NULL);
	}
	if (strcmp(kind, "handover") == 0 || strcmp(kind, "result-handover") == 0 ||
	    strcmp(kind, "service-receipt") == 0 || strcmp(kind, "extension") == 0 ||
	    strcmp(kind, "special") == 0 || strcmp(kind, "denial") == 0) {
		apply(CASE_EV_HANDED_OVER, NULL,
		      "{\"register\":\"JJ-370102-20261120-01\",\"department\":\"云岭市安澜区市场监督管理局\","
		      "\"materials\":[{\"id\":\"sqs\",\"name\":\"食品经营许可申请书\",\"originals\":1,\"copies\":0},"
		      "{\"id\":\"sfzm\",\"name\":\"法定代表人（负责人）身份证明\",\"originals\":1,\"copies\":1}],"
		      "\"sender\":\"clerk\"}");
		apply(CASE_EV_REVIEW_STARTED, NULL,
		      "{\"register\":\"JJ-370102-20261120-01\",\"receiver\":\"wang\"}");
	}
	if (strcmp(kind, "extension") == 0)
		apply(CASE_EV_EXTENDED, "需要核实经营场所布局与申报材料是否一致", NULL);
	if (strcmp(kind, "special") == 0)
		apply(CASE_EV_SPECIAL_STARTED, "需要对自制饮品的水质进行检验",
		      "{\"procedure\":\"inspection\"}");
	if (strcmp(kind, "denial") == 0)
		apply(CASE_EV_DECIDED, "经现场核查，经营场所与污染源的距离不符合规定",
		      "{\"remedies\":\"复议六十日，诉讼六个月\"}");
	if (strcmp(kind, "result-handover") == 0 || strcmp(kind, "service-receipt") == 0) {
		apply(CASE_EV_DECIDED, NULL,
		      "{\"result\":\"食品经营许可证\",\"licence_no\":\"JY25391020012345\","
		      "\"valid_until\":\"2031-11-19\"}");
		apply(CASE_EV_RESULT_HANDED_OVER, NULL,
		      "{\"register\":\"CJ-370102-20261120-01\",\"sender\":\"wang\",\"receiver\":\"issuer\","
		      "\"late\":false}");
	}
	if (strcmp(kind, "service-receipt") == 0)
		apply(CASE_EV_DELIVERED, NULL,
		      "{\"collector\":{\"name\":\"张建国\",\"id_no\":\"11010519491231002X\","
		      "\"relation\":\"agent\"},\"confirmed\":true}");
	printf("%s\n", number);
	catalog_free(&cat);
	store_close(st);
	calendar_free(cal);
	return 0;
}
