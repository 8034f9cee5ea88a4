/* test_backoffice_store.c — the back office's rules in the workstation
 * database beyond the registers (test_register_store.c): who may withdraw
 * a case, who sees which case, the collector at the issuing window and
 * the relation recorded, a denial served like a licence, the result listed
 * in the results register, the 特别程序's expected end, an extension after
 * the promised date, signature times on "today", and 一件事 bundles (link,
 * held 即办件 parts completed by their prerequisite's approval, close).
 * One real SQLite file with the whole sample catalog; dates on the
 * official 2026 calendar. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <glob.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/backoffice.h"
#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/supervise.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "testlib.h"

#define SJ "云岭市安澜区市场监督管理局"
#define GA "云岭市公安局安澜分局"
#define FOOD "11539102MB1A2704434000101700200"	/* 食品经营许可, 3 workdays */
#define SETUP "11539102MB1A2704434000101700100"	/* 企业设立, 市场监管, 1 workday */
#define SEAL "11539102MB0C11835E4001001700400"	/* 公章刻制, 公安, 即办件 */
#define HUKOU "11539102MB0C11835E4000701701600"	/* 户口迁移, 公安 */
#define QYKB "539102YJS0001"			/* 企业开办, led by 市场监管 */

static char tmpdir[256];
static struct calendar *cal;
static struct catalog cat;
static struct store *st;
static int catalog_version;

static int D(int m, int d)
{
	return date_from_ymd(2026, m, d);
}

static int setup(void **state)
{
	struct catalog_diags diags = { 0 };
	char path[512], err[YC_ERRSZ] = "";
	glob_t g;

	(void)state;
	unsetenv("YICHUANG_TODAY");
	cal = testlib_calendar_2026();
	if (!cal || testlib_mkdtemp(tmpdir, sizeof tmpdir, "backoffice") != 0)
		return -1;
	catalog_init(&cat);
	if (glob("forms/*.item", 0, NULL, &g) != 0 ||
	    glob("forms/*.bundle", GLOB_APPEND, NULL, &g) != 0)
		return -1;
	for (size_t i = 0; i < g.gl_pathc; i++)
		catalog_parse_file(&cat, g.gl_pathv[i], &diags);
	globfree(&g);
	catalog_validate(&cat, &diags);
	if (diags.nerrors) {
		fprintf(stderr, "catalog: %s\n", diags.v[0].msg);
		return -1;
	}
	catalog_diags_free(&diags);
	snprintf(path, sizeof path, "%s/station.db", tmpdir);
	if (store_open(path, STORE_OPEN_CREATE, &st, err, sizeof err) != 0 ||
	    store_init_terminal(st, "370102", 3, err, sizeof err) != 0 ||
	    store_catalog_import(st, &cat, "test", &catalog_version, err, sizeof err) != 0 ||
	    user_add(st, "clerk1", ROLE_CLERK, NULL, "clerk-pass-1", err, sizeof err) != 0 ||
	    user_add(st, "adm", ROLE_ADMIN, NULL, "admin-pass-1", err, sizeof err) != 0 ||
	    user_add(st, "sj", ROLE_APPROVER, SJ, "approver-pass", err, sizeof err) != 0 ||
	    user_add(st, "ga", ROLE_APPROVER, GA, "approver-pass", err, sizeof err) != 0 ||
	    user_add(st, "fa", ROLE_ISSUER, NULL, "issuer-pass", err, sizeof err) != 0 ||
	    user_add(st, "jc", ROLE_SUPERVISOR, NULL, "super-pass-1", err, sizeof err) != 0) {
		fprintf(stderr, "setup: %s\n", err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unsetenv("YICHUANG_TODAY");
	store_close(st);
	catalog_free(&cat);
	calendar_free(cal);
	return testlib_rmtree(tmpdir);
}

static const struct case_party agent = { 0, "李四", "440524188001010014", NULL };
static const struct case_material_receipt food_mats[] = {
	{ "sqs", RECEIPT_PAPER, 1, 0, 0, NULL },
	{ "yyzz", RECEIPT_FETCHED, 0, 0, 0, NULL },
	{ "sfzm", RECEIPT_PAPER, 1, 1, 0, NULL },
};
static const struct case_party company = { 1, "云岭市安澜区好味道餐饮有限公司",
					   "91350100M000100Y43", NULL };

/* A case of item `code` received and accepted on `day` (state ACCEPTED),
 * applicant 张三 with agent 李四, or the company when org is set. */
static void new_case_of(const char *code, int day, int org, char no[CASENO_TEXT_MAX])
{
	const struct catalog_item *it = catalog_find_item(&cat, code);
	struct case_intake in;
	struct case_event e;
	char id[CASE_ID_MAX], err[YC_ERRSZ] = "";

	assert_non_null(it);
	memset(&in, 0, sizeof in);
	case_intake_from_item(&in, it, catalog_version);
	in.day = day;
	if (org) {
		in.applicant = company;
	} else {
		in.applicant.name = "张三";
		in.applicant.id_no = "11010519491231002X";
		in.agent = &agent;
	}
	if (strcmp(code, FOOD) == 0) {
		in.materials = food_mats;
		in.nmaterials = sizeof food_mats / sizeof food_mats[0];
	}
	if (case_receive(st, cal, &in, "clerk1", id, no, err, sizeof err) != 0)
		fail_msg("case_receive: %s", err);
	memset(&e, 0, sizeof e);
	e.type = CASE_EV_ACCEPTED;
	e.day = day;
	if (case_apply_event(st, cal, no, &e, NULL, "clerk1", NULL, err, sizeof err) != 0)
		fail_msg("accept: %s", err);
}

static void new_case(const char *code, int day, char no[CASENO_TEXT_MAX])
{
	new_case_of(code, day, 0, no);
}

static void ok(int rc, const char *err)
{
	if (rc != 0)
		fail_msg("%s", err);
}

static void expect_fail(int rc, const char *err, const char *needle)
{
	assert_int_equal(rc, -1);
	if (!strstr(err, needle))
		fail_msg("message \"%s\" lacks \"%s\"", err, needle);
}

/* A FOOD case accepted on `day` and under review (no register). */
static void case_in_review(int day, char no[CASENO_TEXT_MAX])
{
	char err[YC_ERRSZ] = "";

	new_case(FOOD, day, no);
	ok(backoffice_review(st, cal, no, "sj", day, err, sizeof err), err);
}

static struct case_fold fold_of(const char *no)
{
	struct case_record r;
	struct case_fold f;
	char err[YC_ERRSZ] = "";

	if (case_load(st, cal, no, &r, err, sizeof err) != 1)
		fail_msg("case_load: %s", err);
	f = r.fold;
	case_record_free(&r);
	return f;
}

/* The body (and time) of the last event of case no, allocated. */
static char *last_body(const char *no, char **at)
{
	struct case_record r;
	char err[YC_ERRSZ] = "", *body;

	assert_int_equal(case_load(st, cal, no, &r, err, sizeof err), 1);
	body = strdup(r.events[r.nevents - 1].body);
	if (at)
		*at = strdup(r.events[r.nevents - 1].at);
	case_record_free(&r);
	return body;
}

/* A case of item code decided (approve, or deny) on `day` and handed to
 * the issuing window: READY.  The results register into reg. */
static void ready_case(const char *code, int day, int deny, char no[CASENO_TEXT_MAX],
		       char reg[REGISTER_NUMBER_MAX])
{
	struct backoffice_decision d = { CASE_DECISION_APPROVE, NULL, "SP-9", 0, NULL, NULL };
	const char *refs[1];
	char err[YC_ERRSZ] = "";

	new_case(code, day, no);
	ok(backoffice_review(st, cal, no, "sj", day, err, sizeof err), err);
	if (deny) {
		d.decision = CASE_DECISION_DENY;
		d.reasons = "经营场所不符合要求";
	}
	ok(backoffice_decide(st, cal, no, "sj", day, &d, err, sizeof err), err);
	refs[0] = no;
	ok(register_create(st, cal, REGISTER_RESULTS, SJ, refs, 1, "sj", day, reg, err,
			   sizeof err), err);
	ok(register_sign(st, cal, reg, REGISTER_SENDER, "sj", NULL, day, NULL, 0, err, sizeof err),
	   err);
	ok(register_sign(st, cal, reg, REGISTER_RECEIVER, "fa", NULL, day, NULL, 0, err,
			 sizeof err), err);
}

/* ---- withdrawal and visibility ------------------------------------------ */

static void test_withdrawal_is_a_counter_action_with_a_reason_before_a_decision(void **state)
{
	struct backoffice_decision d = { CASE_DECISION_APPROVE, NULL, "SP-1", 0, NULL, NULL };
	struct case_event e;
	char a[CASENO_TEXT_MAX], b[CASENO_TEXT_MAX], c[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";
	char *body;

	(void)state;
	case_in_review(D(3, 2), a);
	/* no back office, issuing or supervising user withdraws, not even of
	 * the case's own department, and not through case_apply_event either */
	expect_fail(backoffice_withdraw(st, cal, a, "sj", D(3, 3), "申请人撤回", err, sizeof err),
		    err, "不能撤件");
	expect_fail(backoffice_withdraw(st, cal, a, "ga", D(3, 3), "申请人撤回", err, sizeof err),
		    err, "综合受理窗口人员");
	expect_fail(backoffice_withdraw(st, cal, a, "fa", D(3, 3), "申请人撤回", err, sizeof err),
		    err, "不能撤件");
	expect_fail(backoffice_withdraw(st, cal, a, "jc", D(3, 3), "申请人撤回", err, sizeof err),
		    err, "不能撤件");
	memset(&e, 0, sizeof e);
	e.type = CASE_EV_WITHDRAWN;
	e.day = D(3, 3);
	e.reason = "申请人撤回";
	expect_fail(case_apply_event(st, cal, a, &e, NULL, "sj", NULL, err, sizeof err), err,
		    "不能撤件");
	/* the clerk, with a reason */
	expect_fail(backoffice_withdraw(st, cal, a, "clerk1", D(3, 3), "  ", err, sizeof err), err,
		    "写明理由");
	e.reason = NULL;
	expect_fail(case_apply_event(st, cal, a, &e, NULL, "clerk1", NULL, err, sizeof err), err,
		    "写明理由");
	assert_int_equal(fold_of(a).state, CASE_IN_REVIEW);
	ok(backoffice_withdraw(st, cal, a, "clerk1", D(3, 3), "申请人不再经营", err, sizeof err), err);
	assert_int_equal(fold_of(a).state, CASE_WITHDRAWN);
	body = last_body(a, NULL);
	assert_non_null(strstr(body, "\"reason\":\"申请人不再经营\""));
	free(body);
	/* an administrator may record it too */
	new_case(FOOD, D(3, 2), b);
	ok(backoffice_withdraw(st, cal, b, "adm", D(3, 3), "申请人撤回", err, sizeof err), err);
	/* never after a decision */
	case_in_review(D(3, 2), c);
	ok(backoffice_decide(st, cal, c, "sj", D(3, 4), &d, err, sizeof err), err);
	expect_fail(backoffice_withdraw(st, cal, c, "clerk1", D(3, 5), "申请人撤回", err,
					sizeof err), err, "已决定");
}

static void test_approver_sees_only_the_own_departments_cases(void **state)
{
	struct user_info u;
	char no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";

	(void)state;
	new_case(FOOD, D(3, 9), no);
	assert_int_equal(user_get(st, "ga", &u, err, sizeof err), 1);
	assert_int_equal(backoffice_may_see(st, &u, no, err, sizeof err), 0);
	assert_non_null(strstr(err, SJ));
	assert_int_equal(user_get(st, "sj", &u, err, sizeof err), 1);
	assert_int_equal(backoffice_may_see(st, &u, no, err, sizeof err), 1);
	assert_int_equal(user_get(st, "clerk1", &u, err, sizeof err), 1);
	assert_int_equal(backoffice_may_see(st, &u, no, err, sizeof err), 1);
	assert_int_equal(user_get(st, "jc", &u, err, sizeof err), 1);
	assert_int_equal(backoffice_may_see(st, &u, no, err, sizeof err), 1);
}

/* ---- approval ----------------------------------------------------------------- */

/*
 * FOOD accepted Fri 10-09, promised 3 working days later: Sat 10-10 (调休),
 * Mon 10-12, Tue 10-13.  An extension on 10-13 is in time; on Wed 10-14
 * it is refused and nothing is written; the red card stays.
 */
static void test_extension_after_the_promised_date_is_refused(void **state)
{
	char a[CASENO_TEXT_MAX], b[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";
	struct case_fold f;

	(void)state;
	case_in_review(D(10, 9), a);
	case_in_review(D(10, 9), b);
	assert_int_equal(fold_of(a).promised_on, D(10, 13));
	ok(backoffice_extend(st, cal, a, "sj", D(10, 13), 5, "需现场核查", err, sizeof err), err);
	assert_int_equal(fold_of(a).promised_on, D(10, 20));
	expect_fail(backoffice_extend(st, cal, b, "sj", D(10, 14), 5, "需现场核查", err,
				      sizeof err), err, "已过");
	f = fold_of(b);
	assert_int_equal(f.extension_days, 0);
	assert_int_equal(f.promised_on, D(10, 13));
	assert_true(casefsm_deadline_status(&f, D(10, 14), 2, cal) & CASE_DL_OVERDUE);
}

/* Art. 45: the applicant is told how long the procedure takes. */
static void test_special_procedure_records_its_expected_end(void **state)
{
	char no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "", *body;

	(void)state;
	case_in_review(D(9, 29), no);
	expect_fail(backoffice_special(st, cal, no, "sj", D(9, 30), "inspection", "现场检查",
				       D(9, 29), err, sizeof err), err, "早于今天");
	assert_int_equal(fold_of(no).state, CASE_IN_REVIEW);
	ok(backoffice_special(st, cal, no, "sj", D(9, 30), "inspection", "现场检查", D(10, 9),
			      err, sizeof err), err);
	body = last_body(no, NULL);
	assert_non_null(strstr(body, "\"expected_end\":\"2026-10-09\""));
	free(body);
	ok(backoffice_resume(st, cal, no, "sj", D(10, 9), err, sizeof err), err);
	/* without an end date nothing is recorded about it */
	ok(backoffice_special(st, cal, no, "sj", D(10, 9), "expert", "专家评审", 0, err,
			      sizeof err), err);
	body = last_body(no, NULL);
	assert_null(strstr(body, "expected_end"));
	free(body);
}

/* ---- issuing ------------------------------------------------------------------ */

static void test_collector_is_the_applicant_the_agent_or_authorised_in_writing(void **state)
{
	struct backoffice_pickup p = { "王五", "110105194912310046", 1, 0 };
	char no[CASENO_TEXT_MAX], reg[REGISTER_NUMBER_MAX], err[YC_ERRSZ] = "", *body;
	const char *rel = NULL;

	(void)state;
	ready_case(FOOD, D(8, 10), 0, no, reg);
	assert_int_equal(backoffice_collector(st, cal, no, "张三", "11010519491231002x", &rel,
					      err, sizeof err), 1);
	assert_string_equal(rel, "applicant");
	assert_int_equal(backoffice_collector(st, cal, no, "李四", "440524188001010014", &rel,
					      err, sizeof err), 1);
	assert_string_equal(rel, "agent");
	assert_int_equal(backoffice_collector(st, cal, no, "王五", "110105194912310046", &rel,
					      err, sizeof err), 0);
	assert_null(rel);
	/* a wrong check digit, an organisation's code, a name not on file */
	assert_int_equal(backoffice_collector(st, cal, no, "王五", "110105194912310047", &rel,
					      err, sizeof err), -1);
	assert_non_null(strstr(err, "有误"));
	assert_int_equal(backoffice_collector(st, cal, no, "王五", "91350100M000100Y43", &rel,
					      err, sizeof err), -1);
	assert_non_null(strstr(err, "个人身份证"));
	assert_int_equal(backoffice_collector(st, cal, no, "张四", "11010519491231002X", &rel,
					      err, sizeof err), -1);
	assert_non_null(strstr(err, "申请人姓名不符"));
	/* someone else only with the written authorisation checked */
	expect_fail(backoffice_pickup(st, cal, no, "fa", D(8, 11), &p, err, sizeof err), err,
		    "委托书");
	assert_int_equal(fold_of(no).state, CASE_READY);
	p.authorised = 1;
	ok(backoffice_pickup(st, cal, no, "fa", D(8, 11), &p, err, sizeof err), err);
	body = last_body(no, NULL);
	assert_non_null(strstr(body, "\"relation\":\"authorised\""));
	assert_non_null(strstr(body, "\"id_no\":\"110105194912310046\""));
	free(body);
}

/* Whoever collects, the relation recorded is who they are: the applicant
 * stays "applicant" even when the issuer ticked the authorisation. */
static void test_collector_relation_is_never_mislabelled(void **state)
{
	struct backoffice_pickup p = { "张三", "11010519491231002X", 1, 1 };
	char no[CASENO_TEXT_MAX], reg[REGISTER_NUMBER_MAX], err[YC_ERRSZ] = "", *body;

	(void)state;
	ready_case(FOOD, D(8, 12), 0, no, reg);
	ok(backoffice_pickup(st, cal, no, "fa", D(8, 12), &p, err, sizeof err), err);
	body = last_body(no, NULL);
	assert_non_null(strstr(body, "\"relation\":\"applicant\""));
	free(body);
}

/*
 * Art. 44: a 不予许可 is served too, within 10 working days: decided Fri
 * 02-13, due 03-05 across the Spring Festival (02-14 and 02-28 worked).
 * It goes to the window in a results register that lists the 不予行政许可
 * 决定书, and is delivered like a licence.
 */
static void test_denial_is_served_through_the_issuing_window(void **state)
{
	struct backoffice_pickup p = { "张三", "11010519491231002X", 1, 0 };
	struct register_info r;
	char no[CASENO_TEXT_MAX], reg[REGISTER_NUMBER_MAX], err[YC_ERRSZ] = "", *body;
	struct case_fold f;

	(void)state;
	ready_case(FOOD, D(2, 13), 1, no, reg);
	f = fold_of(no);
	assert_int_equal(f.decision, CASE_DECISION_DENY);
	assert_int_equal(f.deliver_due_on, D(3, 5));
	assert_false(casefsm_deadline_status(&f, D(3, 5), 2, cal) & CASE_DL_DELIVERY_LATE);
	assert_true(casefsm_deadline_status(&f, D(3, 6), 2, cal) & CASE_DL_DELIVERY_LATE);
	assert_int_equal(register_load(st, reg, &r, err, sizeof err), 1);
	assert_int_equal(r.cases[0].nmaterials, 1);
	assert_string_equal(r.cases[0].materials[0].name, "不予行政许可决定书");
	assert_string_equal(r.cases[0].materials[0].form, "result");
	register_info_free(&r);
	body = last_body(no, NULL);
	assert_non_null(strstr(body, "不予行政许可决定书"));
	free(body);
	ok(backoffice_pickup(st, cal, no, "fa", D(3, 2), &p, err, sizeof err), err);
	assert_int_equal(fold_of(no).state, CASE_DELIVERED);
}

static void test_results_register_lists_the_licence_handed_over(void **state)
{
	struct register_info r;
	char no[CASENO_TEXT_MAX], reg[REGISTER_NUMBER_MAX], err[YC_ERRSZ] = "";

	(void)state;
	ready_case(FOOD, D(8, 17), 0, no, reg);
	assert_int_equal(register_load(st, reg, &r, err, sizeof err), 1);
	assert_int_equal(r.ncases, 1);
	assert_int_equal(r.cases[0].nmaterials, 1);
	assert_string_equal(r.cases[0].materials[0].id, "result");
	assert_string_equal(r.cases[0].materials[0].name,
			    "食品经营许可证（电子证照同步生成）（证号 SP-9）");
	register_info_free(&r);
}

/* ---- registers and times --------------------------------------------------------- */

static void test_register_list_counts_discrepancies_and_dates_signatures_on_today(void **state)
{
	struct register_missing m = { NULL, "sfzm", "复印件未随卷" };
	struct register_summary *v = NULL;
	const char *refs[1];
	char no[CASENO_TEXT_MAX], reg[REGISTER_NUMBER_MAX], err[YC_ERRSZ] = "", *at = NULL, *body;
	size_t n = 0, k;

	(void)state;
	setenv("YICHUANG_TODAY", "2026-12-10", 1);
	new_case(FOOD, D(12, 10), no);
	body = last_body(no, &at);
	assert_true(strncmp(at, "2026-12-10T", 11) == 0);
	free(body);
	free(at);
	refs[0] = no;
	m.case_ref = no;
	ok(register_create(st, cal, REGISTER_MATERIALS, SJ, refs, 1, "clerk1", D(12, 10), reg,
			   err, sizeof err), err);
	ok(register_sign(st, cal, reg, REGISTER_SENDER, "clerk1", NULL, D(12, 10), NULL, 0, err,
			 sizeof err), err);
	ok(register_sign(st, cal, reg, REGISTER_RECEIVER, "sj", NULL, D(12, 10), &m, 1, err,
			 sizeof err), err);
	unsetenv("YICHUANG_TODAY");
	ok(register_list(st, REGISTER_MATERIALS, SJ, &v, &n, err, sizeof err), err);
	for (k = 0; k < n && strcmp(v[k].number, reg) != 0; k++)
		;
	assert_true(k < n);
	assert_int_equal(v[k].ndiscrepancies, 1);
	assert_non_null(v[k].sent_at);
	assert_non_null(v[k].received_at);
	assert_true(strncmp(v[k].sent_at, "2026-12-10T", 11) == 0);
	assert_true(strncmp(v[k].received_at, "2026-12-10T", 11) == 0);
	register_summaries_free(v, n);
}

/* ---- bundles ---------------------------------------------------------------------- */

static int count_events(const char *type, const char *bundle_id)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	char path[512];
	int v;

	snprintf(path, sizeof path, "%s/station.db", tmpdir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM events WHERE type = ?1"
					    " AND json_extract(body, '$.bundle_id') = ?2", -1, &q,
					    NULL), SQLITE_OK);
	sqlite3_bind_text(q, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, bundle_id, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	v = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return v;
}

static void test_bundle_link_checks_code_lead_user_and_parts(void **state)
{
	const char *refs[3];
	char lead[CASENO_TEXT_MAX], seal[CASENO_TEXT_MAX], seal2[CASENO_TEXT_MAX],
	     food[CASENO_TEXT_MAX], id[BUNDLE_ID_MAX], want[BUNDLE_ID_MAX], err[YC_ERRSZ] = "";

	(void)state;
	new_case_of(SETUP, D(4, 7), 1, lead);
	new_case_of(SEAL, D(4, 7), 1, seal);
	new_case_of(SEAL, D(4, 7), 1, seal2);
	new_case_of(FOOD, D(4, 7), 1, food);
	refs[0] = lead;
	refs[1] = seal;
	expect_fail(bundle_link(st, cal, "539102YJS9999", NULL, refs, 2, "clerk1", D(4, 7), id, err,
				sizeof err), err, "没有编码为“539102YJS9999”的一件事");
	expect_fail(bundle_link(st, cal, QYKB, GA, refs, 2, "clerk1", D(4, 7), id, err, sizeof err),
		    err, "牵头部门是“" SJ "”");
	expect_fail(bundle_link(st, cal, QYKB, SJ, refs, 2, "sj", D(4, 7), id, err, sizeof err),
		    err, "不能登记一件事");
	expect_fail(bundle_link(st, cal, QYKB, SJ, refs, 1, "clerk1", D(4, 7), id, err, sizeof err),
		    err, "至少包括两个");
	refs[1] = food;
	expect_fail(bundle_link(st, cal, QYKB, SJ, refs, 2, "clerk1", D(4, 7), id, err, sizeof err),
		    err, "不是一件事");
	refs[1] = seal;
	refs[2] = seal2;
	expect_fail(bundle_link(st, cal, QYKB, SJ, refs, 3, "clerk1", D(4, 7), id, err, sizeof err),
		    err, "同一事项");
	assert_int_equal(id[0], '\0');
	ok(bundle_link(st, cal, QYKB, SJ, refs, 2, "clerk1", D(4, 7), id, err, sizeof err), err);
	snprintf(want, sizeof want, "LB-%s", lead);
	assert_string_equal(id, want);
	/* an event on each part: it syncs and shows in the timelines */
	assert_int_equal(count_events("bundle_linked", id), 2);
	refs[0] = seal2;
	refs[1] = lead;
	expect_fail(bundle_link(st, cal, QYKB, NULL, refs, 2, "clerk1", D(4, 7), id, err,
				sizeof err), err, "已属于一件事");
}

/*
 * 企业开办: 企业设立 (市场监管, the lead) is a 承诺件; 公章刻制 (公安) a 即办件
 * that waits for it.  Accepted together, the seal is held (accepted, not
 * decided); the lead department cannot close the bundle; once 企业设立 is
 * approved the seal is decided at once, the issuing window delivers it,
 * and the lead department (only) closes the bundle.
 */
static void test_bundle_holds_an_instant_part_until_its_prerequisite_is_approved(void **state)
{
	struct backoffice_decision d = { CASE_DECISION_APPROVE, NULL, "91539102MA0000001X", 0,
					 NULL, NULL };
	struct backoffice_pickup p = { "张三", "11010519491231002X", 1, 0 };
	struct bundle_info b;
	struct case_fold f;
	const char *refs[2];
	char lead[CASENO_TEXT_MAX], seal[CASENO_TEXT_MAX], id[BUNDLE_ID_MAX], err[YC_ERRSZ] = "";
	char *body;

	(void)state;
	new_case(SETUP, D(9, 30), lead);
	new_case(SEAL, D(9, 30), seal);
	refs[0] = lead;
	refs[1] = seal;
	ok(bundle_link(st, cal, QYKB, NULL, refs, 2, "clerk1", D(9, 30), id, err, sizeof err), err);
	assert_int_equal(bundle_of_case(st, cal, seal, &b, err, sizeof err), 1);
	assert_string_equal(b.lead_department, SJ);
	assert_int_equal(b.nparts, 2);
	assert_string_equal(b.parts[0].number, lead);
	assert_string_equal(b.parts[1].waits_for, lead);
	assert_string_equal(b.parts[0].waits_for, "");
	assert_true(b.parts[1].held);
	assert_false(bundle_closable(&b, err, sizeof err));
	bundle_info_free(&b);
	/* held: no clock of its own, no red card while it waits */
	f = fold_of(seal);
	assert_true(f.held);
	assert_int_equal(casefsm_deadline_status(&f, D(10, 9), 2, cal), CASE_DL_OK);
	expect_fail(bundle_close(st, cal, id, "sj", D(9, 30), err, sizeof err), err, lead);

	/* approved after National Day: the seal completes the same moment */
	ok(backoffice_review(st, cal, lead, "sj", D(10, 8), err, sizeof err), err);
	ok(backoffice_decide(st, cal, lead, "sj", D(10, 8), &d, err, sizeof err), err);
	assert_int_equal(fold_of(seal).state, CASE_DECIDED);
	assert_int_equal(fold_of(seal).decision, CASE_DECISION_APPROVE);
	assert_int_equal(fold_of(seal).deliver_due_on, D(10, 21));	/* 10-10 worked */
	body = last_body(seal, NULL);
	assert_non_null(strstr(body, "\"completes_after\""));
	free(body);
	/* the issuing window delivers the completed part */
	ok(backoffice_pickup(st, cal, seal, "fa", D(10, 9), &p, err, sizeof err), err);
	assert_int_equal(fold_of(seal).state, CASE_DELIVERED);

	expect_fail(bundle_close(st, cal, id, "ga", D(10, 9), err, sizeof err), err,
		    "只能办理本部门");
	/* closed by the number of a part as well as by the bundle's id */
	ok(bundle_close(st, cal, seal, "sj", D(10, 9), err, sizeof err), err);
	assert_int_equal(count_events("bundle_closed", id), 2);
	assert_int_equal(bundle_load(st, cal, id, &b, err, sizeof err), 1);
	assert_int_equal(b.closed_on, D(10, 9));
	assert_string_equal(b.closed_by, "sj");
	bundle_info_free(&b);
	expect_fail(bundle_close(st, cal, id, "sj", D(10, 9), err, sizeof err), err, "已于");
}

/* A denied prerequisite completes nothing: the held part waits (the
 * counter withdraws it with the applicant). */
static void test_bundle_part_stays_held_when_the_prerequisite_is_denied(void **state)
{
	struct backoffice_decision d = { CASE_DECISION_DENY, NULL, NULL, 0, "名称与他人重复", NULL };
	struct bundle_info b;
	const char *refs[2];
	char lead[CASENO_TEXT_MAX], seal[CASENO_TEXT_MAX], id[BUNDLE_ID_MAX], err[YC_ERRSZ] = "";

	(void)state;
	new_case(SETUP, D(11, 2), lead);
	new_case(SEAL, D(11, 2), seal);
	refs[0] = lead;
	refs[1] = seal;
	ok(bundle_link(st, cal, QYKB, NULL, refs, 2, "clerk1", D(11, 2), id, err, sizeof err), err);
	ok(backoffice_review(st, cal, lead, "sj", D(11, 3), err, sizeof err), err);
	ok(backoffice_decide(st, cal, lead, "sj", D(11, 3), &d, err, sizeof err), err);
	assert_int_equal(fold_of(seal).state, CASE_ACCEPTED);
	assert_int_equal(bundle_load(st, cal, id, &b, err, sizeof err), 1);
	assert_true(b.parts[1].held);
	bundle_info_free(&b);
	ok(backoffice_withdraw(st, cal, seal, "clerk1", D(11, 4), "设立登记未获准予", err,
			       sizeof err), err);
	ok(bundle_close(st, cal, id, "sj", D(11, 4), err, sizeof err), err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_withdrawal_is_a_counter_action_with_a_reason_before_a_decision),
		cmocka_unit_test(test_approver_sees_only_the_own_departments_cases),
		cmocka_unit_test(test_extension_after_the_promised_date_is_refused),
		cmocka_unit_test(test_special_procedure_records_its_expected_end),
		cmocka_unit_test(test_collector_is_the_applicant_the_agent_or_authorised_in_writing),
		cmocka_unit_test(test_collector_relation_is_never_mislabelled),
		cmocka_unit_test(test_denial_is_served_through_the_issuing_window),
		cmocka_unit_test(test_results_register_lists_the_licence_handed_over),
		cmocka_unit_test(test_register_list_counts_discrepancies_and_dates_signatures_on_today),
		cmocka_unit_test(test_bundle_link_checks_code_lead_user_and_parts),
		cmocka_unit_test(test_bundle_holds_an_instant_part_until_its_prerequisite_is_approved),
		cmocka_unit_test(test_bundle_part_stays_held_when_the_prerequisite_is_denied),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
