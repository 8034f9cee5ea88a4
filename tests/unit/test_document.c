/* test_document.c — the documents of a case and of an item (document.h):
 * every builder carries the elements DOMAIN.md requires and the case's
 * own data, refuses when the case has no such document yet, numbers are
 * made from the case number, remedies and the centre come from the
 * settings, the 补正 notice is two parts each complete on its own, and
 * the text form keeps to its width.  The department's decisions, the
 * registers and the language are in test_document_decisions.c. */
#include "doccase.h"
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

/* The blocks of part `part` (0-based) of a document in parts. */
static void part_range(const struct document *d, int part, size_t *from, size_t *to)
{
	int seen = -1;

	*from = *to = d->nblocks;
	for (size_t i = 0; i < d->nblocks; i++) {
		if (d->blocks[i].kind != DOC_PART)
			continue;
		if (++seen == part)
			*from = i + 1;
		else if (seen == part + 1) {
			*to = i;
			return;
		}
	}
}

/* 1 when blocks[from..to) have one of kind k whose text (or label)
 * contains want. */
static int part_has(const struct document *d, size_t from, size_t to, enum doc_block_kind k,
		    const char *want)
{
	for (size_t i = from; i < to; i++) {
		const struct doc_block *b = &d->blocks[i];

		if (b->kind == k && ((b->text && strstr(b->text, want)) ||
				     (b->label && strstr(b->label, want))))
			return 1;
	}
	return 0;
}

static void test_correction_notice_parts_are_each_complete_on_their_own(void **state)
{
	struct tcase tc;
	struct document d;
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	correction(&tc);
	text = build(&tc, DOC_CORRECTION, &d);
	assert_int_equal(count_blocks(&d, DOC_PART), 2);
	assert_int_equal(d.blocks[0].kind, DOC_PART);
	assert_non_null(strstr(d.blocks[0].text, "第一联"));
	for (int part = 0; part < 2; part++) {
		size_t from, to;

		part_range(&d, part, &from, &to);
		assert_true(from < to);
		/* the parties, the reason, the whole notice and the office's
		 * seal and date in each part */
		assert_true(part_has(&d, from, to, DOC_FIELD, "申请人"));
		assert_true(part_has(&d, from, to, DOC_FIELD, "告知日期"));
		assert_true(part_has(&d, from, to, DOC_FIELD, "补正原因"));
		assert_true(part_has(&d, from, to, DOC_PARA, "现一次告知需要补正的全部内容（共 2 项）"));
		assert_true(part_has(&d, from, to, DOC_ITEM, "经营场所布局图：未提交"));
		assert_true(part_has(&d, from, to, DOC_PARA, "不再要求"));
		assert_true(part_has(&d, from, to, DOC_SIGNATURE, "历下区政务服务中心（受理专用章）"));
		assert_true(part_has(&d, from, to, DOC_SIGNATURE, "2026年11月20日"));
		/* the stub is signed by the applicant on receipt */
		assert_int_equal(part_has(&d, from, to, DOC_SIGNATURE, "申请人（代理人）签收"), part == 0);
		assert_int_equal(part_has(&d, from, to, DOC_SIGNATURE, "送达日期"), part == 0);
	}
	has(text, "第二联 申请人留存");
	free(text);
	doc_free(&d);
}

static void test_correction_text_repeats_the_head_after_the_tear_line(void **state)
{
	struct tcase tc;
	struct document d;
	char *text, *tear, want[128];

	(void)state;
	tcase_init(&tc, "老张面馆");
	correction(&tc);
	text = build(&tc, DOC_CORRECTION, &d);
	tear = strstr(text, "沿此线撕开");
	assert_non_null(tear);
	/* the applicant's part below the line has its title, number and
	 * case number too */
	assert_non_null(strstr(tear, "补正材料通知书"));
	assert_non_null(strstr(tear, "第二联 申请人留存"));
	snprintf(want, sizeof want, "办件编号：%s", tc.r.number);
	assert_non_null(strstr(tear, want));
	assert_non_null(strstr(tear, d.number));
	free(text);
	doc_free(&d);
}

/* The walk-through's 补正: a 部门核发 material the clerk did not tick. */
static void correction_with_fetched(struct tcase *tc)
{
	received(tc);
	tcase_event(tc, ev(CASE_EV_CORRECTION_REQUESTED),
		    "\"problems\":[{\"material\":\"bjsb\",\"name\":\"经营场所布局图\","
		    "\"text\":\"经营场所布局图：未提交（需原件 1 份）\"},"
		    "{\"material\":\"yyzz\",\"name\":\"营业执照\","
		    "\"text\":\"营业执照：未提交；要求：申请人无需提交\"}],"
		    "\"materials\":[{\"id\":\"sqs\",\"receipt\":\"paper\"},"
		    "{\"id\":\"yyzz\",\"receipt\":\"missing\"},{\"id\":\"bjsb\",\"receipt\":\"missing\"}]");
}

static void test_correction_never_asks_the_applicant_for_a_department_issued_material(void **state)
{
	struct tcase tc;
	struct document d;
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	correction_with_fetched(&tc);
	text = build(&tc, DOC_CORRECTION, &d);
	lacks(text, "营业执照：未提交");
	has(text, "营业执照：窗口调取（政府部门核发，申请人无需提交）");
	/* one thing for the applicant to supply, in each part */
	has(text, "（共 1 项）");
	lacks(text, "（共 2 项）");
	has(text, "1. 经营场所布局图：未提交");
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
	has(text, "承诺办结时限：5 个工作日");
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

static void test_handover_of_a_case_without_a_local_register_comes_from_its_events(void **state)
{
	struct tcase tc;
	struct document d;
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	in_review(&tc);
	text = build(&tc, DOC_HANDOVER, &d);
	has(text, "交接单编号：JJ-20261120-01");
	has(text, "移交方：历下区政务服务中心");
	has(text, "接收方：历下区市场监督管理局");
	has(text, "交接时间：2026-11-20 10:15");
	assert_string_equal(d.blocks[8].cells[1], "食品经营许可申请书");
	assert_string_equal(d.blocks[8].cells[0], "1");
	has(text, "移交人：clerk（已电子签名）　时间：2026-11-20 10:15");
	has(text, "接收人：wang（已电子签名）　时间：2026-11-20 10:15");
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
	has(text, "交接单编号：CJ-20261120-02");
	has(text, "食品经营许可证");
	has(text, "JY123456");
	has(text, "移交人：wang（已电子签名）");
	has(text, "接收人：issuer（已电子签名）");
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
	/* the seal names itself (…专用章）): no （印章） after it */
	lacks(text, "（受理专用章）（印章）");
	seal = strstr(text, "历下区政务服务中心（受理专用章）\n");
	assert_non_null(seal);
	/* 16 characters: 32 columns, so 40 spaces before */
	assert_true(seal - text >= 41);
	assert_memory_equal(seal - 41, "\n                                        ", 41);
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
		cmocka_unit_test(test_correction_notice_parts_are_each_complete_on_their_own),
		cmocka_unit_test(test_correction_text_repeats_the_head_after_the_tear_line),
		cmocka_unit_test(test_correction_never_asks_the_applicant_for_a_department_issued_material),
		cmocka_unit_test(test_correction_reason_says_incomplete_and_not_in_legal_form),
		cmocka_unit_test(test_correction_notice_refused_without_a_correction_request),
		cmocka_unit_test(test_rejection_gives_reasons_basis_and_the_competent_office),
		cmocka_unit_test(test_rejection_states_remedies_with_the_bodies_of_the_settings),
		cmocka_unit_test(test_rejection_refused_when_the_case_was_not_rejected),
		cmocka_unit_test(test_onetime_notice_of_an_item_lists_every_material_and_the_phone),
		cmocka_unit_test(test_onetime_notice_refused_without_the_item),
		cmocka_unit_test(test_onetime_notice_for_a_case_carries_the_case_number),
		cmocka_unit_test(test_handover_of_a_case_without_a_local_register_comes_from_its_events),
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
