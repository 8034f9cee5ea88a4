/* test_document_decisions.c — the department's decisions on paper (延期,
 * 特别程序, 不予行政许可: named and sealed by the deciding department, the
 * remedies the department gave, the expected end of a special
 * procedure), the hand-over registers (every case, materials and counts,
 * discrepancies, signatures signed or blank), seal lines, and documents
 * that stay Chinese when the interface speaks English. */
#include <limits.h>
#include <locale.h>
#include <unistd.h>

#include "yichuang/backoffice.h"
#include "yichuang/intake.h"
#include "doccase.h"

/* The item's department (the fixture's catalog). */
#define DEPT "历下区市场监督管理局"
#define CENTRE_SEAL "历下区政务服务中心（受理专用章）"

static char *build_with(struct tcase *tc, enum doc_kind kind, const struct doc_settings *s,
			struct document *d)
{
	char err[YC_ERRSZ] = "";
	char *text;

	if (doc_build_case(d, kind, &tc->r, &cat.items[0], s, cal, D0, err, sizeof err) != 0)
		fail_msg("%s: %s", doc_kind_name(kind), err);
	text = doc_text(d, 72);
	assert_non_null(text);
	return text;
}

static void extended(struct tcase *tc)
{
	struct case_event e = ev(CASE_EV_EXTENDED);

	in_review(tc);
	e.reason = "需要现场核查";
	e.extension_days = 10;
	tcase_event(tc, e, "\"reason\":\"需要现场核查\",\"extension_days\":10");
}

static void special(struct tcase *tc, const char *members)
{
	struct case_event e = ev(CASE_EV_SPECIAL_STARTED);

	in_review(tc);
	e.reason = "水质需要检验";
	tcase_event(tc, e, members);
}

/* The closing block of a department's decision: its seal, not the
 * centre's, and the department named instead of "本机关". */
static void sealed_by_the_department(const char *text, const char *seal)
{
	has(text, seal);
	lacks(text, CENTRE_SEAL);
	lacks(text, "本机关");
	lacks(text, "本行政机关");
	has(text, "决定机关：" DEPT);
}

static void test_department_decisions_are_sealed_and_named_by_the_department(void **state)
{
	enum doc_kind kinds[3] = { DOC_EXTENSION, DOC_SPECIAL, DOC_DENIAL };

	(void)state;
	for (int k = 0; k < 3; k++) {
		struct tcase tc;
		struct document d;
		char *text;

		tcase_init(&tc, "老张面馆");
		if (kinds[k] == DOC_EXTENSION)
			extended(&tc);
		else if (kinds[k] == DOC_SPECIAL)
			special(&tc, "\"procedure\":\"inspection\"");
		else
			decided(&tc, 1);
		text = build(&tc, kinds[k], &d);
		sealed_by_the_department(text, DEPT "（印章）");
		free(text);
		doc_free(&d);
	}
}

static void test_department_seal_setting_replaces_the_default_seal(void **state)
{
	struct doc_settings s = settings;
	struct tcase tc;
	struct document d;
	char *text;

	(void)state;
	s.department_seal = DEPT "行政许可专用章";
	tcase_init(&tc, "老张面馆");
	decided(&tc, 1);
	text = build_with(&tc, DOC_DENIAL, &s, &d);
	sealed_by_the_department(text, DEPT "行政许可专用章");
	lacks(text, "专用章（印章）");
	free(text);
	doc_free(&d);
}

static void test_centre_documents_keep_the_centre_seal(void **state)
{
	struct doc_settings s = settings;
	struct tcase tc;
	struct document d;
	char *text;

	(void)state;
	s.department_seal = DEPT "行政许可专用章";
	tcase_init(&tc, "老张面馆");
	accepted(&tc);
	text = build_with(&tc, DOC_ACCEPTANCE, &s, &d);
	has(text, CENTRE_SEAL);
	lacks(text, "行政许可专用章");
	free(text);
	doc_free(&d);
}

static void test_denial_states_the_remedies_the_department_gave(void **state)
{
	struct tcase tc;
	struct document d;
	struct case_event e = ev(CASE_EV_DECIDED);
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	in_review(&tc);
	e.decision = CASE_DECISION_DENY;
	e.reason = "场所不符合要求";
	tcase_event(&tc, e, "\"reason\":\"场所不符合要求\","
		    "\"remedies\":\"可于六十日内向济南市市场监督管理局申请行政复议。\"");
	text = build(&tc, DOC_DENIAL, &d);
	has(text, "可于六十日内向济南市市场监督管理局申请行政复议。");
	/* the department's own words replace the general ones */
	lacks(text, "向历下区人民政府申请行政复议");
	free(text);
	doc_free(&d);
}

static void test_denial_with_the_default_remedies_names_the_bodies_of_the_settings(void **state)
{
	struct tcase tc;
	struct document d;
	struct case_event e = ev(CASE_EV_DECIDED);
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	in_review(&tc);
	e.decision = CASE_DECISION_DENY;
	e.reason = "场所不符合要求";
	/* what backoffice_decide records when --remedies is not given */
	tcase_event(&tc, e, "\"reason\":\"场所不符合要求\",\"remedies\":"
		    "\"如不服本决定，可以自收到本决定之日起六十日内依法申请行政复议，"
		    "或者六个月内依法向人民法院提起行政诉讼。\"");
	text = build(&tc, DOC_DENIAL, &d);
	has(text, "六十日内向历下区人民政府申请行政复议");
	has(text, "六个月内依法向历下区人民法院提起行政诉讼");
	free(text);
	doc_free(&d);
}

static void test_special_procedure_says_when_it_is_expected_to_end(void **state)
{
	struct tcase tc;
	struct document d;
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	special(&tc, "\"procedure\":\"expert\",\"expected_end\":\"2026-12-18\"");
	text = build(&tc, DOC_SPECIAL, &d);
	has(text, "预计于2026年12月18日前结束");
	has(text, "鉴定和专家评审");
	lacks(text, "另行书面告知");
	free(text);
	doc_free(&d);
}

static void test_special_procedure_without_an_end_says_it_will_be_told(void **state)
{
	struct tcase tc;
	struct document d;
	char *text;

	(void)state;
	tcase_init(&tc, "老张面馆");
	special(&tc, "\"procedure\":\"hearing\"");
	text = build(&tc, DOC_SPECIAL, &d);
	has(text, "所需时间另行书面告知");
	lacks(text, "预计于");
	free(text);
	doc_free(&d);
}

static void test_seal_line_names_a_seal_only_once(void **state)
{
	char buf[256];

	(void)state;
	assert_string_equal(doc_seal_line("政务服务中心", buf, sizeof buf), "政务服务中心（印章）");
	assert_string_equal(doc_seal_line("甲中心（行政审批专用章）", buf, sizeof buf),
			    "甲中心（行政审批专用章）");
	assert_string_equal(doc_seal_line("甲局行政许可专用章", buf, sizeof buf), "甲局行政许可专用章");
	assert_string_equal(doc_seal_line("甲局（章程办）", buf, sizeof buf), "甲局（章程办）（印章）");
}

/* ---- registers -------------------------------------------------------------- */

static struct register_material mats1[] = {
	{ "sqs", "食品经营许可申请书", "paper", 1, 2 },
	{ "yyzz", "营业执照", "fetched", 0, 0 },
};
static struct register_material mats2[] = {
	{ "sqs", "食品经营许可申请书", "paper", 1, 0 },
	{ "bjsb", "经营场所布局图", "paper", 1, 1 },
};

static void two_case_register(struct register_info *r, int signed_by_both)
{
	static struct register_discrepancy disc = {
		"370102-01-261120-0002-2", "bjsb", "缺少“经营场所布局图”：复印件未随卷", "wang",
		"2026-11-21T09:30:00+08:00"
	};

	memset(r, 0, sizeof *r);
	snprintf(r->number, sizeof r->number, "JJ-370102-01-261120-0001-5");
	r->kind = REGISTER_MATERIALS;
	r->department = DEPT;
	r->created_by = "clerk";
	r->created_at = "2026-11-20T16:00:00+08:00";
	r->ncases = 2;
	r->cases = calloc(2, sizeof *r->cases);
	assert_non_null(r->cases);
	snprintf(r->cases[0].number, sizeof r->cases[0].number, "370102-01-261120-0001-5");
	r->cases[0].applicant_name = "老张面馆";
	r->cases[0].item_name = "食品经营许可";
	r->cases[0].materials = mats1;
	r->cases[0].nmaterials = 2;
	snprintf(r->cases[1].number, sizeof r->cases[1].number, "370102-01-261120-0002-2");
	r->cases[1].applicant_name = "王记小吃";
	r->cases[1].item_name = "食品经营许可";
	r->cases[1].materials = mats2;
	r->cases[1].nmaterials = 2;
	if (signed_by_both) {
		r->sender = "clerk";
		r->sent_at = "2026-11-20T16:05:00+08:00";
		r->receiver = "wang";
		r->received_at = "2026-11-21T09:30:00+08:00";
		r->discrepancies = &disc;
		r->ndiscrepancies = 1;
	}
}

static void test_register_lists_every_case_with_its_materials_and_both_signatures(void **state)
{
	struct register_info r;
	struct document d;
	char err[YC_ERRSZ], *text;

	(void)state;
	two_case_register(&r, 1);
	assert_int_equal(doc_build_register(&d, &r, NULL, &settings, D0, err, sizeof err), 0);
	text = doc_text(&d, 100);
	assert_non_null(text);
	assert_string_equal(d.title, "材料交接单");
	assert_string_equal(d.number, "JJ-370102-01-261120-0001-5");
	has(text, "JJ-370102-01-261120-0001-5");
	has(text, "移交方：历下区政务服务中心");
	has(text, "接收方：" DEPT);
	has(text, "交接时间：2026-11-20 16:05");
	has(text, "370102-01-261120-0001-5");
	has(text, "老张面馆");
	has(text, "370102-01-261120-0002-2");
	has(text, "王记小吃");
	has(text, "经营场所布局图");
	has(text, "部门调取");
	/* four materials, with their counts */
	assert_int_equal(count_blocks(&d, DOC_ROW), 4);
	has(text, "共 2 件办件，材料 4 项（原件 3 份，复印件 3 份）");
	has(text, "办件 370102-01-261120-0002-2：缺少“经营场所布局图”：复印件未随卷");
	has(text, "移交人：clerk（已电子签名）　时间：2026-11-20 16:05");
	has(text, "接收人：wang（已电子签名）　时间：2026-11-21 09:30");
	free(text);
	doc_free(&d);
	free(r.cases);
}

static void test_register_before_signing_leaves_lines_to_sign_by_hand(void **state)
{
	struct register_info r;
	struct document d;
	char err[YC_ERRSZ], *text;

	(void)state;
	two_case_register(&r, 0);
	assert_int_equal(doc_build_register(&d, &r, NULL, &settings, D0, err, sizeof err), 0);
	text = doc_text(&d, 100);
	assert_non_null(text);
	has(text, "移交人（签名）：____________");
	has(text, "接收人（签名）：____________");
	has(text, "时间：____年__月__日__时__分");
	lacks(text, "已电子签名");
	has(text, "交接时间：（移交人尚未签名）");
	free(text);
	doc_free(&d);
	free(r.cases);
}

static void test_results_register_lists_each_result_and_licence(void **state)
{
	struct register_info r;
	struct tcase a, b;
	const struct case_record *recs[2];
	struct document d;
	char err[YC_ERRSZ], *text;

	(void)state;
	two_case_register(&r, 1);
	r.kind = REGISTER_RESULTS;
	snprintf(r.number, sizeof r.number, "JG-370102-01-261121-0001-X");
	tcase_init(&a, "老张面馆");
	decided(&a, 0);
	tcase_init(&b, "王记小吃");
	decided(&b, 1);
	recs[0] = &a.r;
	recs[1] = &b.r;
	assert_int_equal(doc_build_register(&d, &r, recs, &settings, D0, err, sizeof err), 0);
	text = doc_text(&d, 100);
	assert_non_null(text);
	assert_string_equal(d.title, "办理结果交接单");
	has(text, "移交方：" DEPT);
	has(text, "接收方：历下区政务服务中心统一出件窗口");
	has(text, "JY123456");
	has(text, "不予行政许可决定书");
	assert_int_equal(count_blocks(&d, DOC_ROW), 2);
	free(text);
	doc_free(&d);
	free(r.cases);
}

/* ---- the language ------------------------------------------------------------ */

/* Switches the messages to English with the build's catalog ($O/locale
 * beside $O/tests/); 0 when it is not there. */
static int english(void)
{
	char exe[PATH_MAX], dir[PATH_MAX + 16];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;

	if (n <= 0)
		return 0;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return 0;
	*slash = '\0';
	snprintf(dir, sizeof dir, "%s/../locale", exe);
	setenv("LANGUAGE", "en", 1);
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 0;
	bindtextdomain("yichuang", dir);
	bind_textdomain_codeset("yichuang", "UTF-8");
	textdomain("yichuang");
	return strcmp(gettext("受理通知书"), "受理通知书") != 0;
}

static void test_documents_are_chinese_when_the_interface_is_english(void **state)
{
	struct tcase tc;
	struct document d;
	char *text, err[YC_ERRSZ] = "";

	(void)state;
	if (!english()) {
		print_message("skipped: no English catalog beside the test program\n");
		return;
	}
	/* the interface's name of the kind is English ... */
	assert_string_not_equal(doc_kind_title(DOC_ACCEPTANCE), "受理通知书");
	/* ... the paper is Chinese */
	tcase_init(&tc, "老张面馆");
	accepted(&tc);
	text = build(&tc, DOC_ACCEPTANCE, &d);
	assert_string_equal(d.title, "受理通知书");
	assert_non_null(strstr(d.number, "受字〔2026〕"));
	has(text, "办件编号：");
	has(text, "申请人：老张面馆");
	has(text, "承诺时限 5 个工作日");
	has(text, "原件（份）");
	lacks(text, "ACC");
	lacks(text, "acceptance");
	free(text);
	doc_free(&d);
	/* and a refusal is told in the interface's language */
	tcase_init(&tc, "老张面馆");
	received(&tc);
	assert_int_equal(doc_build_case(&d, DOC_ACCEPTANCE, &tc.r, &cat.items[0], &settings, cal,
					D0, err, sizeof err), -1);
	assert_null(strstr(err, "没有"));
	setenv("LANGUAGE", "zh_CN", 1);
	textdomain("yichuang-none");
}

static void test_correction_lines_are_recorded_in_chinese_when_the_interface_is_english(void **state)
{
	struct catalog_material m = { .name = "营业执照", .originals = 1, .copies = 1,
				       .standard = "在有效期内" };
	struct intake_problem p = { .material = &m, .kind = PROBLEM_MISSING };
	char line[512];

	(void)state;
	if (!english()) {
		print_message("skipped: no English catalog beside the test program\n");
		return;
	}
	/* the clerk reads the problem in English ... */
	assert_null(strstr(intake_problem_text(&p, line, sizeof line), "未提交"));
	/* ... the 补正 event and its notice say it in Chinese */
	assert_string_equal(intake_problem_record(&p, line, sizeof line),
			    "营业执照：未提交（需原件 1 份、复印件 1 份）；要求：在有效期内");
	p.kind = PROBLEM_NONCONFORMING;
	assert_string_equal(intake_problem_record(&p, line, sizeof line),
			    "营业执照：不符合要求（未注明原因）；要求：在有效期内");
	setenv("LANGUAGE", "zh_CN", 1);
	textdomain("yichuang-none");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_department_decisions_are_sealed_and_named_by_the_department),
		cmocka_unit_test(test_department_seal_setting_replaces_the_default_seal),
		cmocka_unit_test(test_centre_documents_keep_the_centre_seal),
		cmocka_unit_test(test_denial_states_the_remedies_the_department_gave),
		cmocka_unit_test(test_denial_with_the_default_remedies_names_the_bodies_of_the_settings),
		cmocka_unit_test(test_special_procedure_says_when_it_is_expected_to_end),
		cmocka_unit_test(test_special_procedure_without_an_end_says_it_will_be_told),
		cmocka_unit_test(test_seal_line_names_a_seal_only_once),
		cmocka_unit_test(test_register_lists_every_case_with_its_materials_and_both_signatures),
		cmocka_unit_test(test_register_before_signing_leaves_lines_to_sign_by_hand),
		cmocka_unit_test(test_results_register_lists_each_result_and_licence),
		cmocka_unit_test(test_documents_are_chinese_when_the_interface_is_english),
		cmocka_unit_test(test_correction_lines_are_recorded_in_chinese_when_the_interface_is_english),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
