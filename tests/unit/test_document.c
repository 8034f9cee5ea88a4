/* test_document.c — the documents of a case and of an item (document.h):
 * every builder carries the elements DOMAIN.md requires and the case's
 * own data, refuses when the case has no such document yet, numbers are
 * made from the case number, remedies and the centre come from the
 * settings, and the text form keeps to its width.  Cases are built in
 * memory, folded with casefsm on the official 2026 calendar. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/casefsm.h"
#include "yichuang/caseno.h"
#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "yichuang/date.h"
#include "yichuang/document.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "testlib.h"

static const char item_text[] =
	"[item]\n"
	"code = 370102-SPJY-001\n"
	"name = 食品经营许可\n"
	"type = 行政许可\n"
	"level = 县级\n"
	"department = 历下区市场监督管理局\n"
	"legal_limit = 20 工作日\n"
	"promised_limit = 5 工作日\n"
	"kind = 承诺件\n"
	"fee = 不收费\n"
	"targets = 企业法人\n"
	"channels = 窗口办理\n"
	"visits = 1\n"
	"result = 食品经营许可证\n"
	"conditions = 有经营场所\n"
	"phone = 0531-1234567\n"
	"version = 2026.1\n"
	"\n"
	"[material sqs]\n"
	"name = 食品经营许可申请书\n"
	"originals = 1\n"
	"copies = 2\n"
	"form = 纸质\n"
	"need = 必要\n"
	"standard = 法定代表人签字并盖章\n"
	"\n"
	"[material yyzz]\n"
	"name = 营业执照\n"
	"form = 电子\n"
	"need = 必要\n"
	"source = 政府部门核发\n"
	"\n"
	"[material bjsb]\n"
	"name = 经营场所布局图\n"
	"originals = 1\n"
	"form = 纸质\n"
	"need = 必要\n";

static struct catalog cat;
static struct calendar *cal;

/* The centre's settings every test uses. */
static const struct doc_settings settings = {
	.centre = "历下区政务服务中心",
	.seal = "历下区政务服务中心（受理专用章）",
	.phone = "0531-8888001",
	.complaint_phone = "12345",
	.review_body = "历下区人民政府",
	.court = "历下区人民法院",
	.progress_url = "https://zwfw.example.gov.cn/progress/%s",
};

/* Received 2026-11-20 (a Friday); the documents are issued then too. */
static int D0;

static int setup(void **state)
{
	struct catalog_diags d = { 0 };
	int nerr;

	(void)state;
	D0 = date_from_ymd(2026, 11, 20);
	catalog_init(&cat);
	nerr = catalog_parse_text(&cat, item_text, strlen(item_text), "t.item", &d);
	for (size_t i = 0; i < d.n; i++)
		print_message("diag: %s:%d: %s\n", d.v[i].file, d.v[i].line, d.v[i].msg);
	catalog_diags_free(&d);
	cal = testlib_calendar_2026();
	return nerr == 0 && cal ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	catalog_free(&cat);
	calendar_free(cal);
	return 0;
}

/* ---- a case in memory ---------------------------------------------------- */

#define MAX_EVENTS 16

struct tcase {
	struct case_record r;
	struct case_event_row rows[MAX_EVENTS];
	char bodies[MAX_EVENTS][2048];
};

static void tcase_init(struct tcase *tc, const char *applicant)
{
	char err[YC_ERRSZ];

	memset(tc, 0, sizeof *tc);
	assert_int_equal(caseno_format("370102", 1, D0, 7, tc->r.number, sizeof tc->r.number,
				       err, sizeof err), 0);
	snprintf(tc->r.id, sizeof tc->r.id, "00000000-0000-4000-8000-000000000001");
	tc->r.item_code = "370102-SPJY-001";
	tc->r.item_name = "食品经营许可";
	tc->r.catalog_version = 1;
	tc->r.applicant_org = 1;
	tc->r.applicant_name = (char *)applicant;
	tc->r.applicant_id_no = "91350100M000100Y43";
	tc->r.events = tc->rows;
	casefsm_init(&tc->r.fold);
}

/* Appends an event on day D0 with body {"day": ..., extra members}. */
static void tcase_event(struct tcase *tc, struct case_event e, const char *members)
{
	char err[YC_ERRSZ], day[16];
	size_t i = tc->r.nevents;

	assert_true(i < MAX_EVENTS);
	e.day = D0;
	if (casefsm_apply(&tc->r.fold, &e, cal, err, sizeof err) != 0)
		fail_msg("%s: %s", casefsm_event_name(e.type), err);
	snprintf(tc->bodies[i], sizeof tc->bodies[i], "{\"day\":\"%s\"%s%s}",
		 date_format(D0, day, sizeof day), members ? "," : "", members ? members : "");
	tc->rows[i].seq = (int)i + 1;
	tc->rows[i].type = e.type;
	tc->rows[i].at = "2026-11-20T10:15:00+08:00";
	tc->rows[i].actor = "clerk";
	tc->rows[i].body = tc->bodies[i];
	tc->r.nevents++;
}

static struct case_event ev(enum case_event_type t)
{
	struct case_event e;

	memset(&e, 0, sizeof e);
	e.type = t;
	return e;
}

static void received(struct tcase *tc)
{
	struct case_event e = ev(CASE_EV_RECEIVED);

	e.promised_limit = 5;
	e.promised_unit = LIMIT_WORKDAYS;
	tcase_event(tc, e,
		    "\"item_code\":\"370102-SPJY-001\",\"item_name\":\"食品经营许可\","
		    "\"applicant\":{\"kind\":\"org\",\"name\":\"老张面馆\"},"
		    "\"agent\":{\"kind\":\"person\",\"name\":\"李代办\"},"
		    "\"materials\":[{\"id\":\"sqs\",\"receipt\":\"paper\",\"originals\":1,\"copies\":2},"
		    "{\"id\":\"yyzz\",\"receipt\":\"fetched\",\"originals\":0,\"copies\":0},"
		    "{\"id\":\"bjsb\",\"receipt\":\"missing\",\"originals\":0,\"copies\":0}]");
}

static void accepted(struct tcase *tc)
{
	received(tc);
	tcase_event(tc, ev(CASE_EV_ACCEPTED), NULL);
}

static void in_review(struct tcase *tc)
{
	accepted(tc);
	tcase_event(tc, ev(CASE_EV_HANDED_OVER),
		    "\"register\":\"JJ-20261120-01\",\"department\":\"历下区市场监督管理局\","
		    "\"materials\":[{\"id\":\"sqs\",\"name\":\"食品经营许可申请书\",\"originals\":1,\"copies\":2}],"
		    "\"sender\":\"clerk\"");
	tcase_event(tc, ev(CASE_EV_REVIEW_STARTED), "\"register\":\"JJ-20261120-01\",\"receiver\":\"wang\"");
}

static void decided(struct tcase *tc, int deny)
{
	struct case_event e = ev(CASE_EV_DECIDED);

	in_review(tc);
	e.decision = deny ? CASE_DECISION_DENY : CASE_DECISION_APPROVE;
	e.reason = deny ? "经营场所与污染源距离不足二十五米" : NULL;
	tcase_event(tc, e, deny ? "\"reason\":\"经营场所与污染源距离不足二十五米\""
				: "\"result\":\"食品经营许可证\",\"licence_no\":\"JY123456\"");
}

/* ---- building and checking ----------------------------------------------- */

static char *build(struct tcase *tc, enum doc_kind kind, struct document *d)
{
	char err[YC_ERRSZ] = "";
	char *text;

	if (doc_build_case(d, kind, &tc->r, &cat.items[0], &settings, cal, D0, err, sizeof err) != 0)
		fail_msg("%s: %s", doc_kind_name(kind), err);
	text = doc_text(d, 72);
	assert_non_null(text);
	return text;
}

/* The text with line breaks and the spaces of wrapping removed. */
static char *flat(const char *text)
{
	char *s = strdup(text), *o = s;

	assert_non_null(s);
	for (const char *p = text; *p; p++)
		if (*p != '\n' && *p != ' ')
			*o++ = *p;
	*o = '\0';
	return s;
}

static void has(const char *text, const char *want)
{
	char *f = flat(text), *w = flat(want);

	if (!strstr(f, w))
		fail_msg("the document lacks \"%s\":\n%s", want, text);
	free(f);
	free(w);
}

static void lacks(const char *text, const char *unwanted)
{
	if (strstr(text, unwanted))
		fail_msg("the document has \"%s\":\n%s", unwanted, text);
}

static void refused(struct tcase *tc, enum doc_kind kind, const char *why)
{
	struct document d;
	char err[YC_ERRSZ] = "";

	assert_int_equal(doc_build_case(&d, kind, &tc->r, &cat.items[0], &settings, cal, D0,
					err, sizeof err), -1);
	if (!strstr(err, why) || !strstr(err, tc->r.number))
		fail_msg("message \"%s\" should name the case and say \"%s\"", err, why);
}

static size_t count_blocks(const struct document *d, enum doc_block_kind k)
{
	size_t n = 0;

	for (size_t i = 0; i < d->nblocks; i++)
		n += d->blocks[i].kind == k;
	return n;
}

/* What every case document carries: number, case number, progress
 * address, centre's seal and the date. */
static void common_elements(const struct tcase *tc, const struct document *d, const char *text)
{
	char want[256];

	snprintf(want, sizeof want, "〔2026〕%s号", tc->r.number);
	assert_non_null(d->number);
	assert_non_null(strstr(d->number, want));
	assert_string_equal(d->case_number, tc->r.number);
	snprintf(want, sizeof want, "https://zwfw.example.gov.cn/progress/%s", tc->r.number);
	assert_string_equal(d->qr_text, want);
	assert_string_equal(d->date, "2026年11月20日");
	has(text, tc->r.number);
	has(text, "历下区政务服务中心（受理专用章）");
	has(text, "2026年11月20日");
}

/* ---- kinds, numbers, settings ------------------------------------------- */

static void test_kind_names_and_titles_round_trip(void **state)
{
	(void)state;
	for (int k = 0; k < DOC_KIND_COUNT; k++)
		assert_int_equal(doc_kind_from_name(doc_kind_name((enum doc_kind)k)), k);
	assert_int_equal(doc_kind_from_name("no-such"), -1);
	assert_string_equal(doc_kind_name(DOC_ONETIME), "onetime-notice");
	assert_string_equal(doc_kind_title(DOC_CORRECTION), "补正材料通知书");
}

static void test_document_number_is_made_from_the_case_number_alone(void **state)
{
	char a[128], b[128], err[YC_ERRSZ];

	(void)state;
	assert_int_equal(doc_number(DOC_ACCEPTANCE, "370102-03-261121-0007-W", a, sizeof a,
				    err, sizeof err), 0);
	assert_string_equal(a, "受字〔2026〕370102-03-261121-0007-W号");
	/* the same number for a reprint, and for the number typed without dashes */
	assert_int_equal(doc_number(DOC_ACCEPTANCE, "370102032611210007w", b, sizeof b,
				    err, sizeof err), 0);
	assert_string_equal(a, b);
	assert_int_equal(doc_number(DOC_REJECTION, "370102-03-261121-0007-W", b, sizeof b,
				    err, sizeof err), 0);
	assert_string_equal(b, "不受字〔2026〕370102-03-261121-0007-W号");
}

static void test_document_number_refuses_an_invalid_case_number(void **state)
{
	char buf[128], err[YC_ERRSZ] = "";

	(void)state;
	assert_int_equal(doc_number(DOC_ACCEPTANCE, "370102-03-261121-0007-X", buf, sizeof buf,
				    err, sizeof err), -1);
	assert_non_null(strstr(err, "370102-03-261121-0007-X"));
}

static void test_progress_address_puts_the_case_number_in_place(void **state)
{
	struct doc_settings s = { .progress_url = "https://a.example/q?no=%s&from=qr" };
	char buf[256], err[YC_ERRSZ];

	(void)state;
	assert_int_equal(doc_progress_address(&s, "N-1", buf, sizeof buf, err, sizeof err), 1);
	assert_string_equal(buf, "https://a.example/q?no=N-1&from=qr");
	s.progress_url = "";
	assert_int_equal(doc_progress_address(&s, "N-1", buf, sizeof buf, err, sizeof err), 0);
}

static void test_progress_address_refuses_other_format_directives(void **state)
{
	struct doc_settings s = { .progress_url = "https://a.example/%d/%s" };
	char buf[256], err[YC_ERRSZ] = "";

	(void)state;
	assert_int_equal(doc_progress_address(&s, "N-1", buf, sizeof buf, err, sizeof err), -1);
	assert_non_null(strstr(err, "doc.progress_url"));
	s.progress_url = "https://a.example/progress";
	assert_int_equal(doc_progress_address(&s, "N-1", buf, sizeof buf, err, sizeof err), -1);
	s.progress_url = "https://a.example/%s/%s";
	assert_int_equal(doc_progress_address(&s, "N-1", buf, sizeof buf, err, sizeof err), -1);
}

static void test_settings_have_defaults_when_not_set(void **state)
{
	struct doc_settings s = { 0 };

	(void)state;
	assert_string_equal(doc_setting_centre(&s), "政务服务中心");
	assert_string_equal(doc_setting_seal(&s), "政务服务中心");
	assert_string_equal(doc_setting_review_body(&s), "本级人民政府");
	assert_string_equal(doc_setting_court(&s), "有管辖权的人民法院");
	s.centre = "甲中心";
	assert_string_equal(doc_setting_seal(&s), "甲中心");
}

/* ---- 受理通知书 ---------------------------------------------------------- */

static void test_acceptance_notice_carries_every_required_element(void **state)
{
	struct tcase tc;
	struct document d;
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	accepted(&tc);
	text = build(&tc, DOC_ACCEPTANCE, &d);
	assert_string_equal(d.title, "受理通知书");
	common_elements(&tc, &d, text);
	has(text, "申请人：老张面馆");
	has(text, "统一社会信用代码：91350100M000100Y43");
	has(text, "代理人：李代办");
	has(text, "申请事项：食品经营许可");
	has(text, "接件日期：2026年11月20日");
	has(text, "受理日期：2026年11月20日");
	/* 5 working days after Friday 2026-11-20: Friday 2026-11-27 */
	has(text, "承诺办结日期：2026年11月27日");
	has(text, "咨询电话：0531-8888001");
	has(text, "投诉电话：12345");
	has(text, "第三十二条");
	free(text);
	doc_free(&d);
}

static void test_acceptance_notice_lists_received_materials_with_counts(void **state)
{
	struct tcase tc;
	struct document d;
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	accepted(&tc);
	text = build(&tc, DOC_ACCEPTANCE, &d);
	has(text, "原件（份）");
	has(text, "复印件（份）");
	has(text, "1  食品经营许可申请书  纸质");
	has(text, "2  营业执照");
	has(text, "部门调取");
	/* the missing material was not received and is not listed */
	lacks(text, "经营场所布局图");
	assert_int_equal(count_blocks(&d, DOC_ROW), 2);
	assert_string_equal(d.blocks[0].kind == DOC_FIELD ? d.blocks[0].label : "", "申请人");
	free(text);
	doc_free(&d);
}

static void test_acceptance_notice_refused_before_acceptance(void **state)
{
	struct tcase tc;

	(void)state;
	tcase_init(&tc, "老张面馆");
	received(&tc);
	refused(&tc, DOC_ACCEPTANCE, "尚未受理");
}

/* ---- 补正材料通知书 ------------------------------------------------------ */

static void correction(struct tcase *tc)
{
	received(tc);
	tcase_event(tc, ev(CASE_EV_CORRECTION_REQUESTED),
		    "\"problems\":[{\"material\":\"bjsb\",\"name\":\"经营场所布局图\","
		    "\"text\":\"经营场所布局图：未提交（需原件 1 份）\"},"
		    "{\"material\":\"sqs\",\"name\":\"食品经营许可申请书\","
		    "\"text\":\"食品经营许可申请书：不符合要求（缺签字）；要求：法定代表人签字并盖章\"}],"
		    "\"materials\":[{\"id\":\"sqs\",\"receipt\":\"paper\",\"nonconforming\":true},"
		    "{\"id\":\"bjsb\",\"receipt\":\"missing\"}]");
}

static void test_correction_notice_lists_every_problem_once_in_each_part(void **state)
{
	struct tcase tc;
	struct document d;
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	correction(&tc);
	text = build(&tc, DOC_CORRECTION, &d);
	common_elements(&tc, &d, text);
	has(text, "1. 经营场所布局图：未提交（需原件 1 份）");
	has(text, "2. 食品经营许可申请书：不符合要求（缺签字）；要求：法定代表人签字并盖章");
	/* the stub and the applicant's part each list both problems */
	assert_int_equal(count_blocks(&d, DOC_ITEM), 4);
	has(text, "共 2 项");
	free(text);
	doc_free(&d);
}

static void test_correction_notice_has_two_parts_and_a_signature_for_service(void **state)
{
	struct tcase tc;
	struct document d;
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	correction(&tc);
	text = build(&tc, DOC_CORRECTION, &d);
	assert_int_equal(count_blocks(&d, DOC_CUT), 1);
	has(text, "第一联");
	has(text, "第二联");
	has(text, "申请人（代理人）签收");
	has(text, "送达日期");
	has(text, "告知日期：2026年11月20日");
	has(text, "不再要求");
	free(text);
	doc_free(&d);
}

static void test_correction_reason_says_incomplete_and_not_in_legal_form(void **state)
{
	struct tcase tc;
	struct document d;
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	correction(&tc);
	text = build(&tc, DOC_CORRECTION, &d);
	has(text, "补正原因：申请材料不齐全、部分材料不符合法定形式");
	free(text);
	doc_free(&d);
}

static void test_correction_notice_refused_without_a_correction_request(void **state)
{
	struct tcase tc;

	(void)state;
	tcase_init(&tc, "老张面馆");
	accepted(&tc);
	refused(&tc, DOC_CORRECTION, "没有发出过补正告知");
}

/* ---- 不予受理决定书 ------------------------------------------------------ */

static void rejected(struct tcase *tc)
{
	struct case_event e = ev(CASE_EV_REJECTED);

	received(tc);
	e.reason = "申请事项属于食品生产许可";
	tcase_event(tc, e, "\"reason\":\"申请事项属于食品生产许可\","
		    "\"basis\":\"《中华人民共和国行政许可法》第三十二条第一款第（二）项\","
		    "\"competent_office\":\"济南市市场监督管理局\"");
}

static void test_rejection_gives_reasons_basis_and_the_competent_office(void **state)
{
	struct tcase tc;
	struct document d;
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	rejected(&tc);
	text = build(&tc, DOC_REJECTION, &d);
	common_elements(&tc, &d, text);
	has(text, "申请事项属于食品生产许可");
	has(text, "法律依据：《中华人民共和国行政许可法》第三十二条第一款第（二）项");
	has(text, "请向有权机关济南市市场监督管理局申请");
	has(text, "接件日期：2026年11月20日");
	free(text);
	doc_free(&d);
}

static void test_rejection_states_remedies_with_the_bodies_of_the_settings(void **state)
{
	struct tcase tc;
	struct document d;
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	rejected(&tc);
	text = build(&tc, DOC_REJECTION, &d);
	has(text, "六十日内向历下区人民政府申请行政复议");
	has(text, "六个月内依法向历下区人民法院提起行政诉讼");
	free(text);
	doc_free(&d);
}

static void test_rejection_refused_when_the_case_was_not_rejected(void **state)
{
	struct tcase tc;

	(void)state;
	tcase_init(&tc, "老张面馆");
	accepted(&tc);
	refused(&tc, DOC_REJECTION, "没有作出不予受理决定");
}

/* ---- 一次性告知单 ---------------------------------------------------------- */

static void test_onetime_notice_of_an_item_lists_every_material_and_the_phone(void **state)
{
	struct document d;
	char err[YC_ERRSZ], *text;

	(void)state;
	assert_int_equal(doc_build_item(&d, &cat.items[0], &settings, D0, err, sizeof err), 0);
	text = doc_text(&d, 72);
	assert_non_null(text);
	assert_string_equal(d.title, "一次性告知单");
	assert_null(d.case_number);
	assert_null(d.number);
	has(text, "食品经营许可申请书【必要】");
	has(text, "营业执照【必要】");
	has(text, "经营场所布局图【必要】");
	has(text, "原件 1 份，复印件 2 份");
	has(text, "受理条件");
	has(text, "承诺办结时限：5 工作日");
	has(text, "不收费");
	has(text, "咨询电话：0531-1234567");
	has(text, "投诉电话：12345");
	has(text, "历下区政务服务中心（受理专用章）");
	free(text);
	doc_free(&d);
}

static void test_onetime_notice_refused_without_the_item(void **state)
{
	struct document d;
	char err[YC_ERRSZ] = "";

	(void)state;
	assert_int_equal(doc_build_item(&d, NULL, &settings, D0, err, sizeof err), -1);
	assert_non_null(strstr(err, "catalog import"));
}

static void test_onetime_notice_for_a_case_carries_the_case_number(void **state)
{
	struct tcase tc;
	struct document d;
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	received(&tc);
	text = build(&tc, DOC_ONETIME, &d);
	assert_string_equal(d.case_number, tc.r.number);
	has(text, tc.r.number);
	free(text);
	doc_free(&d);
}

/* ---- registers ------------------------------------------------------------ */

static void test_handover_register_names_batch_sides_materials_and_signatures(void **state)
{
	struct tcase tc;
	struct document d;
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	in_review(&tc);
	text = build(&tc, DOC_HANDOVER, &d);
	has(text, "交接批次号：JJ-20261120-01");
	has(text, "移交方：历下区政务服务中心");
	has(text, "接收方：历下区市场监督管理局");
	has(text, "交接时间：2026-11-20 10:15");
	assert_string_equal(d.blocks[8].cells[1], "食品经营许可申请书");
	assert_string_equal(d.blocks[8].cells[0], "1");
	has(text, "移交人（签名）：clerk");
	has(text, "接收人（签名）：wang");
	assert_int_equal(count_blocks(&d, DOC_ROW), 1);
	free(text);
	doc_free(&d);
}

static void test_handover_register_refused_before_the_hand_over(void **state)
{
	struct tcase tc;

	(void)state;
	tcase_init(&tc, "老张面馆");
	accepted(&tc);
	refused(&tc, DOC_HANDOVER, "尚未交接");
}

static void test_result_handover_register_names_the_result_and_both_sides(void **state)
{
	struct tcase tc;
	struct document d;
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	decided(&tc, 0);
	tcase_event(&tc, ev(CASE_EV_RESULT_HANDED_OVER),
		    "\"register\":\"CJ-20261120-02\",\"sender\":\"wang\",\"receiver\":\"issuer\","
		    "\"late\":true");
	text = build(&tc, DOC_RESULT_HANDOVER, &d);
	has(text, "交接批次号：CJ-20261120-02");
	has(text, "食品经营许可证");
	has(text, "JY123456");
	has(text, "移交人（签名）：wang");
	has(text, "接收人（签名）：issuer");
	has(text, "超过决定后 1 个工作日");
	free(text);
	doc_free(&d);
}

/* ---- 送达回证 ------------------------------------------------------------ */

static void test_service_receipt_records_what_was_served_to_whom_and_how(void **state)
{
	struct tcase tc;
	struct document d;
	struct case_event e = ev(CASE_EV_DELIVERED);
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	decided(&tc, 0);
	tcase_event(&tc, ev(CASE_EV_RESULT_HANDED_OVER), "\"register\":\"CJ-1\"");
	e.delivery = CASE_DELIVERY_POST;
	tcase_event(&tc, e, "\"waybill\":\"EA123456789CN\",\"address\":\"历下区泉城路 1 号\","
		    "\"recipient\":\"张三\"");
	text = build(&tc, DOC_SERVICE_RECEIPT, &d);
	common_elements(&tc, &d, text);
	has(text, "送达文书：食品经营许可证");
	has(text, "证照编号：JY123456");
	has(text, "受送达人：老张面馆");
	has(text, "送达方式：邮寄送达（EMS）");
	has(text, "邮件运单号：EA123456789CN");
	has(text, "送达日期：2026年11月20日");
	has(text, "受送达人（签名）");
	free(text);
	doc_free(&d);
}

static void test_service_receipt_refused_before_a_decision(void **state)
{
	struct tcase tc;

	(void)state;
	tcase_init(&tc, "老张面馆");
	in_review(&tc);
	refused(&tc, DOC_SERVICE_RECEIPT, "尚未作出审批决定");
}

/* ---- 延期, 特别程序, 不予许可 --------------------------------------------- */

static void test_extension_notice_states_the_days_the_reason_and_the_new_date(void **state)
{
	struct tcase tc;
	struct document d;
	struct case_event e = ev(CASE_EV_EXTENDED);
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	in_review(&tc);
	e.reason = "需要现场核查";
	e.extension_days = 10;
	tcase_event(&tc, e, "\"reason\":\"需要现场核查\",\"extension_days\":10");
	text = build(&tc, DOC_EXTENSION, &d);
	common_elements(&tc, &d, text);
	has(text, "因需要现场核查");
	has(text, "延长 10 个工作日");
	/* 2026-11-27 + 10 working days: 2026-12-11 */
	has(text, "延至2026年12月11日");
	has(text, "第四十二条");
	free(text);
	doc_free(&d);
}

static void test_extension_notice_refused_without_an_extension(void **state)
{
	struct tcase tc;

	(void)state;
	tcase_init(&tc, "老张面馆");
	in_review(&tc);
	refused(&tc, DOC_EXTENSION, "审批期限没有延长");
}

static void test_special_procedure_notice_says_the_time_does_not_count(void **state)
{
	struct tcase tc;
	struct document d;
	struct case_event e = ev(CASE_EV_SPECIAL_STARTED);
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	in_review(&tc);
	e.reason = "水质需要检验";
	tcase_event(&tc, e, "\"reason\":\"水质需要检验\",\"procedure\":\"inspection\"");
	text = build(&tc, DOC_SPECIAL, &d);
	common_elements(&tc, &d, text);
	has(text, "特别程序：检验、检测、检疫");
	has(text, "水质需要检验");
	has(text, "不计算在审批期限内");
	has(text, "第四十五条");
	free(text);
	doc_free(&d);
}

static void test_denial_gives_the_reasons_and_the_remedies(void **state)
{
	struct tcase tc;
	struct document d;
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	decided(&tc, 1);
	text = build(&tc, DOC_DENIAL, &d);
	common_elements(&tc, &d, text);
	has(text, "决定不予行政许可");
	has(text, "经营场所与污染源距离不足二十五米");
	has(text, "六十日内向历下区人民政府申请行政复议");
	has(text, "六个月内依法向历下区人民法院提起行政诉讼");
	has(text, "第三十八条");
	free(text);
	doc_free(&d);
}

static void test_denial_refused_when_the_licence_was_granted(void **state)
{
	struct tcase tc;

	(void)state;
	tcase_init(&tc, "老张面馆");
	decided(&tc, 0);
	refused(&tc, DOC_DENIAL, "没有作出不予许可的决定");
}

/* ---- text --------------------------------------------------------------- */

static void test_text_keeps_every_line_within_the_width(void **state)
{
	static const char name[] =
		"云岭市安澜区㐂𠀋滨江大道老字号餐饮管理服务有限责任公司第一百二十八分店（普通合伙）";
	struct tcase tc;
	struct document d;
	char err[YC_ERRSZ];

	(void)state;
	tcase_init(&tc, name);
	correction(&tc);
	for (int width = 30; width <= 100; width += 7) {
		char *text, *line, *save = NULL;

		assert_int_equal(doc_build_case(&d, DOC_CORRECTION, &tc.r, &cat.items[0], &settings,
						cal, D0, err, sizeof err), 0);
		text = doc_text(&d, width);
		assert_non_null(text);
		has(text, name);
		for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			if (utf8_width(line) > width)
				fail_msg("width %d: line of %d columns: %s", width, utf8_width(line), line);
		free(text);
		doc_free(&d);
	}
}

static void test_text_centres_the_title_and_right_aligns_the_seal(void **state)
{
	struct tcase tc;
	struct document d;
	char *text, *seal;

	(void)state;
	tcase_init(&tc, "老张面馆");
	accepted(&tc);
	text = build(&tc, DOC_ACCEPTANCE, &d);
	/* 受理通知书 is 10 columns: (72 - 10) / 2 = 31 spaces before it */
	assert_int_equal(strncmp(text, "                               受理通知书\n", 31 + 16), 0);
	seal = strstr(text, "历下区政务服务中心（受理专用章）（印章）");
	assert_non_null(seal);
	/* 16 + 4 characters: 40 columns, so 32 spaces before */
	assert_true(seal - text >= 33);
	assert_memory_equal(seal - 33, "\n                                ", 33);
	free(text);
	doc_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_names_and_titles_round_trip),
		cmocka_unit_test(test_document_number_is_made_from_the_case_number_alone),
		cmocka_unit_test(test_document_number_refuses_an_invalid_case_number),
		cmocka_unit_test(test_progress_address_puts_the_case_number_in_place),
		cmocka_unit_test(test_progress_address_refuses_other_format_directives),
		cmocka_unit_test(test_settings_have_defaults_when_not_set),
		cmocka_unit_test(test_acceptance_notice_carries_every_required_element),
		cmocka_unit_test(test_acceptance_notice_lists_received_materials_with_counts),
		cmocka_unit_test(test_acceptance_notice_refused_before_acceptance),
		cmocka_unit_test(test_correction_notice_lists_every_problem_once_in_each_part),
		cmocka_unit_test(test_correction_notice_has_two_parts_and_a_signature_for_service),
		cmocka_unit_test(test_correction_reason_says_incomplete_and_not_in_legal_form),
		cmocka_unit_test(test_correction_notice_refused_without_a_correction_request),
		cmocka_unit_test(test_rejection_gives_reasons_basis_and_the_competent_office),
		cmocka_unit_test(test_rejection_states_remedies_with_the_bodies_of_the_settings),
		cmocka_unit_test(test_rejection_refused_when_the_case_was_not_rejected),
		cmocka_unit_test(test_onetime_notice_of_an_item_lists_every_material_and_the_phone),
		cmocka_unit_test(test_onetime_notice_refused_without_the_item),
		cmocka_unit_test(test_onetime_notice_for_a_case_carries_the_case_number),
		cmocka_unit_test(test_handover_register_names_batch_sides_materials_and_signatures),
		cmocka_unit_test(test_handover_register_refused_before_the_hand_over),
		cmocka_unit_test(test_result_handover_register_names_the_result_and_both_sides),
		cmocka_unit_test(test_service_receipt_records_what_was_served_to_whom_and_how),
		cmocka_unit_test(test_service_receipt_refused_before_a_decision),
		cmocka_unit_test(test_extension_notice_states_the_days_the_reason_and_the_new_date),
		cmocka_unit_test(test_extension_notice_refused_without_an_extension),
		cmocka_unit_test(test_special_procedure_notice_says_the_time_does_not_count),
		cmocka_unit_test(test_denial_gives_the_reasons_and_the_remedies),
		cmocka_unit_test(test_denial_refused_when_the_licence_was_granted),
		cmocka_unit_test(test_text_keeps_every_line_within_the_width),
		cmocka_unit_test(test_text_centres_the_title_and_right_aligns_the_seal),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
