/* test_register_store.c — the back office in the workstation database:
 * hand-over registers (numbering, contents, roles, both signatures,
 * discrepancies, refusals that write nothing, a receipt cut short),
 * approval (department scope, 特别程序, 延期, decisions), result hand-over
 * with its 1-working-day limit, issuing (ID check, post), archiving and
 * the warn-days setting (withdrawal, collectors, bundles and the rest of
 * the back office: test_backoffice_store.c).  One real SQLite file with the
 * sample catalog and users; dates on the official 2026 calendar. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/backoffice.h"
#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "testlib.h"

#define SJ "云岭市安澜区市场监督管理局"
#define GA "云岭市公安局安澜分局"
#define FOOD "11539102MB1A2704434000101700200"	/* 食品经营许可, 3 workdays */
#define HUKOU "11539102MB0C11835E4000701701600"	/* 户口迁移, 公安, 3 workdays */
#define SEAL "11539102MB0C11835E4001001700400"	/* 公章刻制, 公安, 即办件 */

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
	static const char *const files[] = { "forms/spjy.item", "forms/hkqy-tk.item",
					      "forms/gzkz.item" };
	struct catalog_diags diags = { 0 };
	char path[512], err[YC_ERRSZ] = "";

	(void)state;
	cal = testlib_calendar_2026();
	if (!cal || testlib_mkdtemp(tmpdir, sizeof tmpdir, "register") != 0)
		return -1;
	catalog_init(&cat);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		catalog_parse_file(&cat, files[i], &diags);
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
	    user_add(st, "sj", ROLE_APPROVER, SJ, "approver-pass", err, sizeof err) != 0 ||
	    user_add(st, "ga", ROLE_APPROVER, GA, "approver-pass", err, sizeof err) != 0 ||
	    user_add(st, "nodept", ROLE_APPROVER, NULL, "approver-pass", err, sizeof err) != 0 ||
	    user_add(st, "fa", ROLE_ISSUER, NULL, "issuer-pass", err, sizeof err) != 0) {
		fprintf(stderr, "setup: %s\n", err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(st);
	catalog_free(&cat);
	calendar_free(cal);
	return testlib_rmtree(tmpdir);
}

static int raw_int(const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	char path[512];
	int v;

	snprintf(path, sizeof path, "%s/station.db", tmpdir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	v = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return v;
}

static void raw_exec(const char *sql)
{
	sqlite3 *db = NULL;
	char path[512];

	snprintf(path, sizeof path, "%s/station.db", tmpdir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static const struct case_material_receipt food_mats[] = {
	{ "sqs", RECEIPT_PAPER, 1, 0, 0, NULL },
	{ "yyzz", RECEIPT_FETCHED, 0, 0, 0, NULL },
	{ "sfzm", RECEIPT_PAPER, 1, 1, 0, NULL },
	{ "bjsb", RECEIPT_ELECTRONIC, 0, 0, 0, NULL },
	{ "gzzd", RECEIPT_MISSING, 0, 0, 0, NULL },
};
static const struct case_party agent = { 0, "李四", "440524188001010014", NULL };

/* A case of item `code` received and accepted on `day` (state ACCEPTED),
 * applicant 张三 with agent 李四.  Its number goes into no. */
static void new_case(const char *code, int day, char no[CASENO_TEXT_MAX])
{
	const struct catalog_item *it = catalog_find_item(&cat, code);
	struct case_intake in;
	struct case_event e;
	char id[CASE_ID_MAX], err[YC_ERRSZ] = "";

	assert_non_null(it);
	memset(&in, 0, sizeof in);
	case_intake_from_item(&in, it, catalog_version);
	in.day = day;
	in.applicant.name = "张三";
	in.applicant.id_no = "11010519491231002X";
	in.agent = &agent;
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

static void create_ok(enum register_kind kind, const char *dept, const char *no, const char *user,
		      int day, char reg[REGISTER_NUMBER_MAX])
{
	const char *refs[1] = { no };
	char err[YC_ERRSZ] = "";

	if (register_create(st, cal, kind, dept, refs, 1, user, day, reg, err, sizeof err) != 0)
		fail_msg("register_create: %s", err);
}

static void sign_ok(const char *reg, enum register_side side, const char *user, const char *pw,
		    int day)
{
	char err[YC_ERRSZ] = "";

	if (register_sign(st, cal, reg, side, user, pw, day, NULL, 0, err, sizeof err) != 0)
		fail_msg("register_sign %s: %s", user, err);
}

/* A FOOD case accepted on `day`, handed over and received by sj. */
static void case_in_review(int day, char no[CASENO_TEXT_MAX])
{
	char reg[REGISTER_NUMBER_MAX];

	new_case(FOOD, day, no);
	create_ok(REGISTER_MATERIALS, SJ, no, "clerk1", day, reg);
	sign_ok(reg, REGISTER_SENDER, "clerk1", "clerk-pass-1", day);
	sign_ok(reg, REGISTER_RECEIVER, "sj", "approver-pass", day);
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

/* The body of the last event of case no, and its actor (both allocated). */
static char *last_body(const char *no, char **actor)
{
	struct case_record r;
	char err[YC_ERRSZ] = "", *body;

	assert_int_equal(case_load(st, cal, no, &r, err, sizeof err), 1);
	body = strdup(r.events[r.nevents - 1].body);
	if (actor)
		*actor = strdup(r.events[r.nevents - 1].actor);
	case_record_free(&r);
	return body;
}

static void expect_fail(int rc, const char *err, const char *needle)
{
	assert_int_equal(rc, -1);
	if (!strstr(err, needle))
		fail_msg("message \"%s\" lacks \"%s\"", err, needle);
}

/* ---- registers ----------------------------------------------------------- */

static void test_register_number_carries_kind_site_terminal_day_and_sequence(void **state)
{
	char a[CASENO_TEXT_MAX], b[CASENO_TEXT_MAX], r1[REGISTER_NUMBER_MAX],
	     r2[REGISTER_NUMBER_MAX], r3[REGISTER_NUMBER_MAX], x[64];

	(void)state;
	new_case(FOOD, D(1, 5), a);
	new_case(FOOD, D(1, 5), b);
	create_ok(REGISTER_MATERIALS, SJ, a, "clerk1", D(1, 5), r1);
	create_ok(REGISTER_MATERIALS, SJ, b, "clerk1", D(1, 5), r2);
	assert_int_equal(strncmp(r1, "JJ-370102-03-260105-0001-", 25), 0);
	assert_int_equal(strncmp(r2, "JJ-370102-03-260105-0002-", 25), 0);
	assert_int_equal(strlen(r1), 26);
	/* results registers count on their own */
	case_in_review(D(1, 6), a);
	{
		struct backoffice_decision d = { CASE_DECISION_APPROVE, NULL, "SP-1", 0, NULL, NULL };
		char err[YC_ERRSZ] = "";

		assert_int_equal(backoffice_decide(st, cal, a, "sj", D(1, 6), &d, err, sizeof err), 0);
	}
	create_ok(REGISTER_RESULTS, SJ, a, "sj", D(1, 5), r3);
	assert_int_equal(strncmp(r3, "JG-370102-03-260105-0001-", 25), 0);
	/* typed in lower case with spaces, it is found */
	snprintf(x, sizeof x, " jj-%s ", r1 + 3);
	for (char *p = x; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	{
		struct register_info info;
		char err[YC_ERRSZ] = "";

		assert_int_equal(register_load(st, x, &info, err, sizeof err), 1);
		assert_string_equal(info.number, r1);
		register_info_free(&info);
	}
}

static void test_materials_register_lists_each_case_materials_with_counts(void **state)
{
	struct register_info r;
	char no[CASENO_TEXT_MAX], reg[REGISTER_NUMBER_MAX], err[YC_ERRSZ] = "";

	(void)state;
	new_case(FOOD, D(3, 2), no);
	create_ok(REGISTER_MATERIALS, SJ, no, "clerk1", D(3, 2), reg);
	assert_int_equal(register_load(st, reg, &r, err, sizeof err), 1);
	assert_int_equal(r.kind, REGISTER_MATERIALS);
	assert_int_equal(r.state, REGISTER_OPEN);
	assert_string_equal(r.department, SJ);
	assert_string_equal(r.created_by, "clerk1");
	assert_null(r.sender);
	assert_int_equal(r.ncases, 1);
	assert_string_equal(r.cases[0].number, no);
	/* the missing material is not in the bundle */
	assert_int_equal(r.cases[0].nmaterials, 4);
	assert_string_equal(r.cases[0].materials[0].id, "sqs");
	assert_string_equal(r.cases[0].materials[0].name, "食品经营许可申请书");
	assert_string_equal(r.cases[0].materials[0].form, "paper");
	assert_int_equal(r.cases[0].materials[0].originals, 1);
	assert_string_equal(r.cases[0].materials[2].id, "sfzm");
	assert_int_equal(r.cases[0].materials[2].copies, 1);
	assert_string_equal(r.cases[0].materials[3].form, "electronic");
	register_info_free(&r);
}

static void test_only_a_clerk_makes_a_materials_register(void **state)
{
	const char *refs[1];
	char no[CASENO_TEXT_MAX], reg[REGISTER_NUMBER_MAX], err[YC_ERRSZ] = "";

	(void)state;
	new_case(FOOD, D(3, 2), no);
	refs[0] = no;
	expect_fail(register_create(st, cal, REGISTER_MATERIALS, SJ, refs, 1, "sj", D(3, 2), reg,
				    err, sizeof err), err, "综合受理窗口人员");
	expect_fail(register_create(st, cal, REGISTER_MATERIALS, SJ, refs, 1, "nobody", D(3, 2),
				    reg, err, sizeof err), err, "没有用户“nobody”");
	assert_string_equal(reg, "");
}

static void test_register_refuses_a_case_of_another_department(void **state)
{
	const char *refs[2];
	char a[CASENO_TEXT_MAX], b[CASENO_TEXT_MAX], reg[REGISTER_NUMBER_MAX], err[YC_ERRSZ] = "";
	int before = raw_int("SELECT count(*) FROM registers");

	(void)state;
	new_case(FOOD, D(3, 3), a);
	new_case(HUKOU, D(3, 3), b);
	refs[0] = a;
	refs[1] = b;
	expect_fail(register_create(st, cal, REGISTER_MATERIALS, SJ, refs, 2, "clerk1", D(3, 3),
				    reg, err, sizeof err), err, GA);
	/* nothing of it was written */
	assert_int_equal(raw_int("SELECT count(*) FROM registers"), before);
}

static void test_register_takes_only_accepted_promised_cases(void **state)
{
	const struct catalog_item *it = catalog_find_item(&cat, FOOD);
	const char *refs[1];
	struct case_intake in;
	char id[CASE_ID_MAX], no[CASENO_TEXT_MAX], seal[CASENO_TEXT_MAX],
	     reg[REGISTER_NUMBER_MAX], err[YC_ERRSZ] = "";

	(void)state;
	memset(&in, 0, sizeof in);
	case_intake_from_item(&in, it, catalog_version);
	in.day = D(3, 4);
	in.applicant.name = "王五";
	assert_int_equal(case_receive(st, cal, &in, "clerk1", id, no, err, sizeof err), 0);
	refs[0] = no;
	expect_fail(register_create(st, cal, REGISTER_MATERIALS, SJ, refs, 1, "clerk1", D(3, 4),
				    reg, err, sizeof err), err, "已接件");
	new_case(SEAL, D(3, 4), seal);
	refs[0] = seal;
	expect_fail(register_create(st, cal, REGISTER_MATERIALS, GA, refs, 1, "clerk1", D(3, 4),
				    reg, err, sizeof err), err, "即办件");
}

static void test_case_in_a_register_not_yet_received_cannot_be_listed_again(void **state)
{
	const char *refs[1];
	char no[CASENO_TEXT_MAX], r1[REGISTER_NUMBER_MAX], r2[REGISTER_NUMBER_MAX],
	     err[YC_ERRSZ] = "";

	(void)state;
	new_case(FOOD, D(3, 5), no);
	create_ok(REGISTER_MATERIALS, SJ, no, "clerk1", D(3, 5), r1);
	refs[0] = no;
	expect_fail(register_create(st, cal, REGISTER_MATERIALS, SJ, refs, 1, "clerk1", D(3, 5),
				    r2, err, sizeof err), err, r1);
}

static void test_receiver_cannot_sign_before_the_sender(void **state)
{
	char no[CASENO_TEXT_MAX], reg[REGISTER_NUMBER_MAX], err[YC_ERRSZ] = "";

	(void)state;
	new_case(FOOD, D(3, 6), no);
	create_ok(REGISTER_MATERIALS, SJ, no, "clerk1", D(3, 6), reg);
	expect_fail(register_sign(st, cal, reg, REGISTER_RECEIVER, "sj", "approver-pass", D(3, 6),
				  NULL, 0, err, sizeof err), err, "移交方尚未签署");
	sign_ok(reg, REGISTER_SENDER, "clerk1", "clerk-pass-1", D(3, 6));
	expect_fail(register_sign(st, cal, reg, REGISTER_SENDER, "clerk1", "clerk-pass-1", D(3, 6),
				  NULL, 0, err, sizeof err), err, "不能重复签署");
}

static void test_wrong_password_refuses_the_signature_without_counting_a_login(void **state)
{
	struct user_info u;
	struct register_info r;
	char no[CASENO_TEXT_MAX], reg[REGISTER_NUMBER_MAX], err[YC_ERRSZ] = "";

	(void)state;
	new_case(FOOD, D(3, 9), no);
	create_ok(REGISTER_MATERIALS, SJ, no, "clerk1", D(3, 9), reg);
	expect_fail(register_sign(st, cal, reg, REGISTER_SENDER, "clerk1", "wrong-pass", D(3, 9),
				  NULL, 0, err, sizeof err), err, "密码不正确");
	assert_int_equal(user_get(st, "clerk1", &u, err, sizeof err), 1);
	assert_int_equal(u.failed_logins, 0);
	assert_int_equal(register_load(st, reg, &r, err, sizeof err), 1);
	assert_int_equal(r.state, REGISTER_OPEN);
	assert_null(r.sender);
	register_info_free(&r);
}

static void test_materials_receiver_is_an_approver_of_the_department(void **state)
{
	char no[CASENO_TEXT_MAX], reg[REGISTER_NUMBER_MAX], err[YC_ERRSZ] = "";

	(void)state;
	new_case(FOOD, D(3, 10), no);
	create_ok(REGISTER_MATERIALS, SJ, no, "clerk1", D(3, 10), reg);
	sign_ok(reg, REGISTER_SENDER, "clerk1", "clerk-pass-1", D(3, 10));
	expect_fail(register_sign(st, cal, reg, REGISTER_RECEIVER, "ga", "approver-pass", D(3, 10),
				  NULL, 0, err, sizeof err), err, "只能办理本部门");
	expect_fail(register_sign(st, cal, reg, REGISTER_RECEIVER, "clerk1", "clerk-pass-1",
				  D(3, 10), NULL, 0, err, sizeof err), err, "后台审批人员");
	expect_fail(register_sign(st, cal, reg, REGISTER_RECEIVER, "nodept", "approver-pass",
				  D(3, 10), NULL, 0, err, sizeof err), err, "没有登记所属部门");
	assert_int_equal(fold_of(no).state, CASE_ACCEPTED);
}

static void test_receipt_writes_handed_over_and_review_started_with_the_register(void **state)
{
	struct register_info r;
	struct case_record c;
	char no[CASENO_TEXT_MAX], reg[REGISTER_NUMBER_MAX], err[YC_ERRSZ] = "", want[128];

	(void)state;
	new_case(FOOD, D(9, 30), no);
	create_ok(REGISTER_MATERIALS, SJ, no, "clerk1", D(9, 30), reg);
	sign_ok(reg, REGISTER_SENDER, "clerk1", "clerk-pass-1", D(9, 30));
	/* received after National Day: events dated on the receipt */
	sign_ok(reg, REGISTER_RECEIVER, "sj", "approver-pass", D(10, 8));
	assert_int_equal(register_load(st, reg, &r, err, sizeof err), 1);
	assert_int_equal(r.state, REGISTER_RECEIVED);
	assert_string_equal(r.sender, "clerk1");
	assert_string_equal(r.receiver, "sj");
	assert_non_null(r.sent_at);
	assert_non_null(r.received_at);
	assert_int_equal(r.received_on, D(10, 8));
	assert_int_equal(r.cases[0].applied, 1);
	register_info_free(&r);
	assert_int_equal(case_load(st, cal, no, &c, err, sizeof err), 1);
	assert_int_equal(c.fold.state, CASE_IN_REVIEW);
	assert_int_equal(c.fold.handed_over_on, D(10, 8));
	assert_int_equal(c.fold.review_started_on, D(10, 8));
	/* 3 working days after 9-30 across National Day: 10-8, 10-9, 10-10 (调休) */
	assert_int_equal(c.fold.promised_on, D(10, 10));
	assert_int_equal(c.nevents, 5);
	/* the sender's signature: the register travels in register_sent */
	snprintf(want, sizeof want, "\"register\":\"%s\"", reg);
	assert_int_equal(c.events[2].type, CASE_EV_REGISTER_SENT);
	assert_string_equal(c.events[2].actor, "clerk1");
	assert_non_null(strstr(c.events[2].body, want));
	assert_non_null(strstr(c.events[2].body, "\"kind\":\"materials\""));
	assert_non_null(strstr(c.events[2].body, "\"made_on\":\"2026-09-30\""));
	assert_non_null(strstr(c.events[2].body, "\"position\":1"));
	assert_non_null(strstr(c.events[2].body, "\"name\":\"食品经营许可申请书\""));
	assert_int_equal(c.events[3].type, CASE_EV_HANDED_OVER);
	assert_string_equal(c.events[3].actor, "clerk1");
	assert_non_null(strstr(c.events[3].body, want));
	assert_non_null(strstr(c.events[3].body, "\"department\":\"" SJ "\""));
	assert_non_null(strstr(c.events[3].body, "\"name\":\"食品经营许可申请书\""));
	assert_non_null(strstr(c.events[3].body, "\"sender\":\"clerk1\""));
	assert_int_equal(c.events[4].type, CASE_EV_REVIEW_STARTED);
	assert_string_equal(c.events[4].actor, "sj");
	assert_non_null(strstr(c.events[4].body, want));
	assert_non_null(strstr(c.events[4].body, "\"receiver\":\"sj\""));
	assert_null(strstr(c.events[4].body, "discrepancy"));
	case_record_free(&c);
}

static void test_missing_material_is_recorded_against_the_case_on_both_sides(void **state)
{
	struct register_missing m = { NULL, "sfzm", "复印件未随卷" };
	struct register_discrepancy *d = NULL;
	struct register_info r;
	size_t n = 0;
	char no[CASENO_TEXT_MAX], reg[REGISTER_NUMBER_MAX], err[YC_ERRSZ] = "", *body, *actor;

	(void)state;
	new_case(FOOD, D(2, 13), no);
	m.case_ref = no;
	create_ok(REGISTER_MATERIALS, SJ, no, "clerk1", D(2, 13), reg);
	sign_ok(reg, REGISTER_SENDER, "clerk1", "clerk-pass-1", D(2, 13));
	assert_int_equal(register_sign(st, cal, reg, REGISTER_RECEIVER, "sj", "approver-pass",
				       D(2, 14), &m, 1, err, sizeof err), 0);
	/* the register (sender's side) */
	assert_int_equal(register_load(st, reg, &r, err, sizeof err), 1);
	assert_int_equal(r.ndiscrepancies, 1);
	assert_string_equal(r.discrepancies[0].case_number, no);
	assert_string_equal(r.discrepancies[0].material_id, "sfzm");
	assert_string_equal(r.discrepancies[0].text,
			    "缺少“法定代表人（负责人）身份证明”（sfzm）：复印件未随卷");
	assert_string_equal(r.discrepancies[0].recorded_by, "sj");
	register_info_free(&r);
	/* the case (receiver's side and the case view) */
	assert_int_equal(register_case_discrepancies(st, no, &d, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(d[0].material_id, "sfzm");
	register_discrepancies_free(d, n);
	body = last_body(no, &actor);
	assert_string_equal(actor, "sj");
	assert_non_null(strstr(body, "\"discrepancy\":\"缺少“法定代表人（负责人）身份证明”"));
	free(body);
	free(actor);
}

static void test_missing_material_not_in_the_register_refuses_the_receipt(void **state)
{
	struct register_missing m = { NULL, "gzzd", NULL };
	struct register_info r;
	char no[CASENO_TEXT_MAX], reg[REGISTER_NUMBER_MAX], err[YC_ERRSZ] = "";

	(void)state;
	new_case(FOOD, D(2, 13), no);
	m.case_ref = no;
	create_ok(REGISTER_MATERIALS, SJ, no, "clerk1", D(2, 13), reg);
	sign_ok(reg, REGISTER_SENDER, "clerk1", "clerk-pass-1", D(2, 13));
	expect_fail(register_sign(st, cal, reg, REGISTER_RECEIVER, "sj", "approver-pass", D(2, 14),
				  &m, 1, err, sizeof err), err, "没有列出材料“gzzd”");
	assert_int_equal(register_load(st, reg, &r, err, sizeof err), 1);
	assert_int_equal(r.state, REGISTER_SENT);
	assert_null(r.receiver);
	assert_int_equal(r.ndiscrepancies, 0);
	register_info_free(&r);
	assert_int_equal(fold_of(no).state, CASE_ACCEPTED);
}

static void test_receipt_names_a_case_withdrawn_meanwhile_and_signs_nothing(void **state)
{
	const char *refs[2];
	struct case_event w;
	struct register_info r;
	char a[CASENO_TEXT_MAX], b[CASENO_TEXT_MAX], reg[REGISTER_NUMBER_MAX], err[YC_ERRSZ] = "";

	(void)state;
	new_case(FOOD, D(4, 1), a);
	new_case(FOOD, D(4, 1), b);
	refs[0] = a;
	refs[1] = b;
	assert_int_equal(register_create(st, cal, REGISTER_MATERIALS, SJ, refs, 2, "clerk1",
					 D(4, 1), reg, err, sizeof err), 0);
	sign_ok(reg, REGISTER_SENDER, "clerk1", "clerk-pass-1", D(4, 1));
	memset(&w, 0, sizeof w);
	w.type = CASE_EV_WITHDRAWN;
	w.day = D(4, 2);
	w.reason = "申请人撤回申请";
	assert_int_equal(case_apply_event(st, cal, b, &w, NULL, "clerk1", NULL, err, sizeof err), 0);
	expect_fail(register_sign(st, cal, reg, REGISTER_RECEIVER, "sj", "approver-pass", D(4, 2),
				  NULL, 0, err, sizeof err), err, b);
	assert_int_equal(register_load(st, reg, &r, err, sizeof err), 1);
	assert_int_equal(r.state, REGISTER_SENT);
	register_info_free(&r);
	assert_int_equal(fold_of(a).state, CASE_ACCEPTED);
}

static void test_receipt_cut_short_is_finished_by_signing_again_without_duplicates(void **state)
{
	struct case_event e;
	struct case_record c;
	char no[CASENO_TEXT_MAX], reg[REGISTER_NUMBER_MAX], err[YC_ERRSZ] = "", extra[256],
	     sql[512];

	(void)state;
	new_case(FOOD, D(4, 7), no);
	create_ok(REGISTER_MATERIALS, SJ, no, "clerk1", D(4, 7), reg);
	sign_ok(reg, REGISTER_SENDER, "clerk1", "clerk-pass-1", D(4, 7));
	/* as if the process died after the signature and the first event */
	snprintf(sql, sizeof sql,
		 "UPDATE registers SET receiver = 'sj', received_at = 'x', received_on = '2026-04-08',"
		 " state = 'receiving' WHERE number = '%s'", reg);
	raw_exec(sql);
	memset(&e, 0, sizeof e);
	e.type = CASE_EV_HANDED_OVER;
	e.day = D(4, 8);
	snprintf(extra, sizeof extra, "{\"register\":\"%s\",\"sender\":\"clerk1\"}", reg);
	assert_int_equal(case_apply_event(st, cal, no, &e, extra, "clerk1", NULL, err, sizeof err), 0);
	/* someone else cannot finish it */
	expect_fail(register_sign(st, cal, reg, REGISTER_RECEIVER, "ga", "approver-pass", D(4, 9),
				  NULL, 0, err, sizeof err), err, "只能办理本部门");
	sign_ok(reg, REGISTER_RECEIVER, "sj", "approver-pass", D(4, 9));
	assert_int_equal(case_load(st, cal, no, &c, err, sizeof err), 1);
	assert_int_equal(c.nevents, 5);
	assert_int_equal(c.events[2].type, CASE_EV_REGISTER_SENT);
	assert_int_equal(c.events[3].type, CASE_EV_HANDED_OVER);
	assert_int_equal(c.events[4].type, CASE_EV_REVIEW_STARTED);
	/* dated on the receipt recorded, not on the day it was finished */
	assert_int_equal(c.fold.review_started_on, D(4, 8));
	case_record_free(&c);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM registers WHERE number = '%s'"
		 " AND state = 'received'", reg);
	assert_int_equal(raw_int(sql), 1);
}

static void test_register_list_shows_newest_first_with_case_counts(void **state)
{
	struct register_summary *v = NULL;
	size_t n = 0;
	char no[CASENO_TEXT_MAX], reg[REGISTER_NUMBER_MAX], err[YC_ERRSZ] = "";

	(void)state;
	new_case(HUKOU, D(12, 30), no);
	create_ok(REGISTER_MATERIALS, GA, no, "clerk1", D(12, 30), reg);
	assert_int_equal(register_list(st, REGISTER_MATERIALS, GA, &v, &n, err, sizeof err), 0);
	assert_true(n >= 1);
	assert_string_equal(v[0].number, reg);
	assert_int_equal(v[0].ncases, 1);
	assert_string_equal(v[0].department, GA);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(v[i].department, GA);
	register_summaries_free(v, n);
}

/* ---- approval ------------------------------------------------------------ */

static void test_approver_queue_holds_only_the_own_department_by_due_date(void **state)
{
	struct backoffice_entry *v = NULL;
	size_t n = 0;
	char late[CASENO_TEXT_MAX], early[CASENO_TEXT_MAX], hukou[CASENO_TEXT_MAX],
	     err[YC_ERRSZ] = "";
	int pos_late = -1, pos_early = -1;

	(void)state;
	case_in_review(D(6, 1), late);
	case_in_review(D(5, 6), early);
	new_case(HUKOU, D(5, 6), hukou);
	assert_int_equal(backoffice_queue(st, cal, "sj", &v, &n, err, sizeof err), 0);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(v[i].department, SJ);
		assert_string_not_equal(v[i].number, hukou);
		if (i)
			assert_true(v[i - 1].fold.promised_on <= v[i].fold.promised_on ||
				    v[i].fold.promised_on == 0);
		if (strcmp(v[i].number, late) == 0)
			pos_late = (int)i;
		if (strcmp(v[i].number, early) == 0)
			pos_early = (int)i;
	}
	assert_true(pos_early >= 0 && pos_late > pos_early);
	assert_string_equal(v[pos_early].window, "370102-03");
	backoffice_entries_free(v, n);
	expect_fail(backoffice_queue(st, cal, "clerk1", &v, &n, err, sizeof err), err,
		    "后台审批人员");
	expect_fail(backoffice_queue(st, cal, "nodept", &v, &n, err, sizeof err), err,
		    "没有登记所属部门");
}

static void test_only_the_departments_approver_decides(void **state)
{
	struct backoffice_decision d = { CASE_DECISION_APPROVE, NULL, "SP-2", 0, NULL, NULL };
	char no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";

	(void)state;
	case_in_review(D(6, 2), no);
	expect_fail(backoffice_decide(st, cal, no, "clerk1", D(6, 3), &d, err, sizeof err), err,
		    "不能作出审批决定");
	expect_fail(backoffice_decide(st, cal, no, "ga", D(6, 3), &d, err, sizeof err), err,
		    "只能办理本部门");
	expect_fail(backoffice_decide(st, cal, no, "fa", D(6, 3), &d, err, sizeof err), err,
		    "角色是统一出件，不能作出审批决定");
	assert_int_equal(fold_of(no).state, CASE_IN_REVIEW);
	assert_int_equal(backoffice_decide(st, cal, no, "sj", D(6, 3), &d, err, sizeof err), 0);
	assert_int_equal(fold_of(no).state, CASE_DECIDED);
}

static void test_review_starts_without_register_for_electronic_cases(void **state)
{
	char no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "", *body;

	(void)state;
	new_case(HUKOU, D(6, 8), no);
	expect_fail(backoffice_review(st, cal, no, "sj", D(6, 8), err, sizeof err), err,
		    "只能办理本部门");
	assert_int_equal(backoffice_review(st, cal, no, "ga", D(6, 8), err, sizeof err), 0);
	assert_int_equal(fold_of(no).state, CASE_IN_REVIEW);
	body = last_body(no, NULL);
	assert_non_null(strstr(body, "\"receiver\":\"ga\""));
	free(body);
}

static void test_extension_moves_the_promised_date_across_spring_festival(void **state)
{
	struct case_fold f;
	char no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";

	(void)state;
	case_in_review(D(2, 13), no);
	/* 3 working days after 2-13: 2-14 (调休), 2-24, 2-25 */
	assert_int_equal(fold_of(no).promised_on, D(2, 25));
	assert_int_equal(backoffice_extend(st, cal, no, "sj", D(2, 24), 10, "需现场核查，经负责人批准",
					   err, sizeof err), 0);
	f = fold_of(no);
	/* 13 working days: 2-14, 24..27, 2-28 (调休), 3-2..6, 3-9, 3-10 */
	assert_int_equal(f.promised_on, D(3, 10));
	assert_int_equal(f.extension_days, 10);
	assert_int_equal(f.extended_on, D(2, 24));
}

static void test_extension_is_once_at_most_ten_days_with_a_reason(void **state)
{
	char no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";

	(void)state;
	case_in_review(D(7, 1), no);
	expect_fail(backoffice_extend(st, cal, no, "sj", D(7, 2), 11, "理由", err, sizeof err), err,
		    "1 到 10");
	expect_fail(backoffice_extend(st, cal, no, "sj", D(7, 2), 0, "理由", err, sizeof err), err,
		    "1 到 10");
	expect_fail(backoffice_extend(st, cal, no, "sj", D(7, 2), 5, "  ", err, sizeof err), err,
		    "写明理由");
	assert_int_equal(backoffice_extend(st, cal, no, "sj", D(7, 2), 5, "理由", err, sizeof err), 0);
	expect_fail(backoffice_extend(st, cal, no, "sj", D(7, 3), 5, "再延", err, sizeof err), err,
		    "只能延期一次");
	assert_int_equal(fold_of(no).extension_days, 5);
}

static void test_special_procedure_pauses_the_clock_across_spring_festival(void **state)
{
	struct case_fold f;
	char no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "", *body;

	(void)state;
	case_in_review(D(2, 13), no);
	assert_int_equal(backoffice_special(st, cal, no, "sj", D(2, 24), "inspection",
					    "现场检查", 0, err, sizeof err), 0);
	assert_int_equal(fold_of(no).state, CASE_SPECIAL);
	body = last_body(no, NULL);
	assert_non_null(strstr(body, "\"procedure\":\"inspection\""));
	assert_non_null(strstr(body, "\"reason\":\"现场检查\""));
	free(body);
	assert_int_equal(backoffice_resume(st, cal, no, "sj", D(3, 2), err, sizeof err), 0);
	f = fold_of(no);
	assert_int_equal(f.state, CASE_IN_REVIEW);
	/* paused 2-25, 26, 27, 2-28 (调休), 3-2: 5 days; 2-25 + 5 = 3-3 */
	assert_int_equal(f.paused_days, 5);
	assert_int_equal(f.promised_on, D(3, 3));
}

static void test_special_procedure_needs_a_known_kind_and_a_reason(void **state)
{
	char no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";

	(void)state;
	case_in_review(D(7, 6), no);
	expect_fail(backoffice_special(st, cal, no, "sj", D(7, 6), "party", "理由", 0, err,
				       sizeof err), err, "hearing");
	expect_fail(backoffice_special(st, cal, no, "sj", D(7, 6), "hearing", "", 0, err,
				       sizeof err), err, "写明理由");
	expect_fail(backoffice_resume(st, cal, no, "sj", D(7, 6), err, sizeof err), err, "审查中");
}

static void test_approval_needs_a_licence_number_and_takes_the_items_result_name(void **state)
{
	struct backoffice_decision d = { CASE_DECISION_APPROVE, NULL, NULL, 0, NULL, NULL };
	char no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "", *body;

	(void)state;
	case_in_review(D(7, 7), no);
	expect_fail(backoffice_decide(st, cal, no, "sj", D(7, 8), &d, err, sizeof err), err,
		    "证照编号");
	d.licence_no = "JY15301020001234";
	d.valid_until = D(7, 8);
	expect_fail(backoffice_decide(st, cal, no, "sj", D(7, 8), &d, err, sizeof err), err,
		    "有效期");
	d.valid_until = date_from_ymd(2031, 7, 7);
	assert_int_equal(backoffice_decide(st, cal, no, "sj", D(7, 8), &d, err, sizeof err), 0);
	body = last_body(no, NULL);
	assert_non_null(strstr(body, "\"decision\":\"approve\""));
	assert_non_null(strstr(body, "\"result\":\"食品经营许可证（电子证照同步生成）\""));
	assert_non_null(strstr(body, "\"licence_no\":\"JY15301020001234\""));
	assert_non_null(strstr(body, "\"valid_until\":\"2031-07-07\""));
	free(body);
	/* result to the window within 1 working day, issuing within 10 */
	assert_int_equal(fold_of(no).result_due_on, D(7, 9));
	assert_int_equal(fold_of(no).deliver_due_on, D(7, 22));
}

static void test_denial_needs_reasons_and_tells_the_remedies(void **state)
{
	struct backoffice_decision d = { CASE_DECISION_DENY, NULL, NULL, 0, NULL, NULL };
	char no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "", *body;

	(void)state;
	case_in_review(D(7, 13), no);
	expect_fail(backoffice_decide(st, cal, no, "sj", D(7, 14), &d, err, sizeof err), err,
		    "写明理由");
	d.reasons = "经营场所与有毒有害场所距离不足";
	assert_int_equal(backoffice_decide(st, cal, no, "sj", D(7, 14), &d, err, sizeof err), 0);
	body = last_body(no, NULL);
	assert_non_null(strstr(body, "\"decision\":\"deny\""));
	assert_non_null(strstr(body, "\"reason\":\"经营场所与有毒有害场所距离不足\""));
	assert_non_null(strstr(body, "六十日内依法申请行政复议"));
	assert_non_null(strstr(body, "六个月内"));
	free(body);
}

/* ---- results and issuing --------------------------------------------------- */

/* A FOOD case accepted on `acc`, approved on `dec` by sj. */
static void decided_case(int acc, int dec, char no[CASENO_TEXT_MAX])
{
	struct backoffice_decision d = { CASE_DECISION_APPROVE, NULL, "SP-9", 0, NULL, NULL };
	char err[YC_ERRSZ] = "";

	case_in_review(acc, no);
	if (backoffice_decide(st, cal, no, "sj", dec, &d, err, sizeof err) != 0)
		fail_msg("decide: %s", err);
}

static void test_result_handover_later_than_one_working_day_is_flagged(void **state)
{
	char late[CASENO_TEXT_MAX], ontime[CASENO_TEXT_MAX], reg[REGISTER_NUMBER_MAX], *body;
	struct case_fold f;

	(void)state;
	/* decided Friday 10-9: due Saturday 10-10, a 调休 working day */
	decided_case(D(9, 29), D(10, 9), late);
	assert_int_equal(fold_of(late).result_due_on, D(10, 10));
	create_ok(REGISTER_RESULTS, SJ, late, "sj", D(10, 9), reg);
	sign_ok(reg, REGISTER_SENDER, "sj", "approver-pass", D(10, 9));
	sign_ok(reg, REGISTER_RECEIVER, "fa", "issuer-pass", D(10, 12));
	f = fold_of(late);
	assert_int_equal(f.state, CASE_READY);
	assert_int_equal(f.ready_on, D(10, 12));
	assert_true(casefsm_deadline_status(&f, D(10, 12), 2, cal) & CASE_DL_RESULT_LATE);
	body = last_body(late, NULL);
	assert_non_null(strstr(body, "\"late\":true"));
	assert_non_null(strstr(body, "\"sender\":\"sj\""));
	assert_non_null(strstr(body, "\"receiver\":\"fa\""));
	free(body);

	/* decided 9-30: due 10-8, the first working day after National Day */
	decided_case(D(9, 29), D(9, 30), ontime);
	assert_int_equal(fold_of(ontime).result_due_on, D(10, 8));
	create_ok(REGISTER_RESULTS, SJ, ontime, "sj", D(9, 30), reg);
	sign_ok(reg, REGISTER_SENDER, "sj", "approver-pass", D(9, 30));
	sign_ok(reg, REGISTER_RECEIVER, "fa", "issuer-pass", D(10, 8));
	f = fold_of(ontime);
	assert_false(casefsm_deadline_status(&f, D(10, 8), 2, cal) & CASE_DL_RESULT_LATE);
	body = last_body(ontime, NULL);
	assert_non_null(strstr(body, "\"late\":false"));
	free(body);
}

static void test_results_register_goes_from_the_approver_to_the_issuer(void **state)
{
	const char *refs[1];
	char no[CASENO_TEXT_MAX], in_review[CASENO_TEXT_MAX], reg[REGISTER_NUMBER_MAX],
	     err[YC_ERRSZ] = "";

	(void)state;
	decided_case(D(8, 3), D(8, 4), no);
	case_in_review(D(8, 3), in_review);
	refs[0] = in_review;
	expect_fail(register_create(st, cal, REGISTER_RESULTS, SJ, refs, 1, "sj", D(8, 4), reg,
				    err, sizeof err), err, "已作出审批决定");
	refs[0] = no;
	expect_fail(register_create(st, cal, REGISTER_RESULTS, SJ, refs, 1, "clerk1", D(8, 4), reg,
				    err, sizeof err), err, "后台审批人员");
	create_ok(REGISTER_RESULTS, SJ, no, "sj", D(8, 4), reg);
	expect_fail(register_sign(st, cal, reg, REGISTER_SENDER, "clerk1", "clerk-pass-1", D(8, 4),
				  NULL, 0, err, sizeof err), err, "后台审批人员");
	sign_ok(reg, REGISTER_SENDER, "sj", "approver-pass", D(8, 4));
	expect_fail(register_sign(st, cal, reg, REGISTER_RECEIVER, "clerk1", "clerk-pass-1",
				  D(8, 4), NULL, 0, err, sizeof err), err, "统一出件窗口人员");
	sign_ok(reg, REGISTER_RECEIVER, "fa", NULL, D(8, 4));	/* logged in here */
	assert_int_equal(fold_of(no).state, CASE_READY);
}

/* A FOOD case READY at the issuing window. */
static void ready_case(int day, char no[CASENO_TEXT_MAX])
{
	char reg[REGISTER_NUMBER_MAX];

	decided_case(day, day, no);
	create_ok(REGISTER_RESULTS, SJ, no, "sj", day, reg);
	sign_ok(reg, REGISTER_SENDER, "sj", "approver-pass", day);
	sign_ok(reg, REGISTER_RECEIVER, "fa", "issuer-pass", day);
}

static void test_pickup_checks_the_collectors_id_against_applicant_and_agent(void **state)
{
	struct backoffice_pickup p = { "王五", "110105194912310046", 1, 0 };
	char no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "", *body;

	(void)state;
	ready_case(D(8, 10), no);
	expect_fail(backoffice_pickup(st, cal, no, "fa", D(8, 11), &p, err, sizeof err), err,
		    "委托书");
	p.id_no = "11010519491231002";		/* 17 characters */
	expect_fail(backoffice_pickup(st, cal, no, "fa", D(8, 11), &p, err, sizeof err), err,
		    "证件号码有误");
	p.id_no = "440524188001010014";		/* the agent's, but another name */
	expect_fail(backoffice_pickup(st, cal, no, "fa", D(8, 11), &p, err, sizeof err), err,
		    "代理人姓名不符");
	p.name = "李四";
	p.confirmed = 0;
	expect_fail(backoffice_pickup(st, cal, no, "fa", D(8, 11), &p, err, sizeof err), err,
		    "签字确认");
	p.confirmed = 1;
	expect_fail(backoffice_pickup(st, cal, no, "sj", D(8, 11), &p, err, sizeof err), err,
		    "统一出件窗口人员");
	assert_int_equal(fold_of(no).state, CASE_READY);
	assert_int_equal(backoffice_pickup(st, cal, no, "fa", D(8, 11), &p, err, sizeof err), 0);
	assert_int_equal(fold_of(no).state, CASE_DELIVERED);
	assert_int_equal(fold_of(no).delivery, CASE_DELIVERY_PICKUP);
	body = last_body(no, NULL);
	assert_non_null(strstr(body, "\"relation\":\"agent\""));
	assert_non_null(strstr(body, "\"id_no\":\"440524188001010014\""));
	assert_non_null(strstr(body, "\"confirmed\":true"));
	free(body);
}

static void test_applicant_collects_with_a_lower_case_x(void **state)
{
	struct backoffice_pickup p = { "张三", "11010519491231002x", 1, 0 };
	char no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "", *body;

	(void)state;
	ready_case(D(8, 12), no);
	assert_int_equal(backoffice_pickup(st, cal, no, "fa", D(8, 12), &p, err, sizeof err), 0);
	body = last_body(no, NULL);
	assert_non_null(strstr(body, "\"relation\":\"applicant\""));
	free(body);
}

static void test_post_needs_waybill_address_and_recipient(void **state)
{
	struct backoffice_post p = { "12345", "云岭市安澜区滨江大道 1 号", "张三" };
	char no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "", *body;

	(void)state;
	ready_case(D(8, 13), no);
	expect_fail(backoffice_post(st, cal, no, "fa", D(8, 14), &p, err, sizeof err), err, "运单号");
	p.waybill = "1180123456789";
	p.address = "";
	expect_fail(backoffice_post(st, cal, no, "fa", D(8, 14), &p, err, sizeof err), err, "地址");
	p.address = "云岭市安澜区滨江大道 1 号";
	p.recipient = NULL;
	expect_fail(backoffice_post(st, cal, no, "fa", D(8, 14), &p, err, sizeof err), err, "收件人");
	p.recipient = "张三";
	assert_int_equal(backoffice_post(st, cal, no, "fa", D(8, 14), &p, err, sizeof err), 0);
	assert_int_equal(fold_of(no).delivery, CASE_DELIVERY_POST);
	body = last_body(no, NULL);
	assert_non_null(strstr(body, "\"waybill\":\"1180123456789\""));
	free(body);
}

static void test_notice_is_given_by_the_issuer_once_the_result_is_ready(void **state)
{
	char no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "", *body;

	(void)state;
	decided_case(D(8, 17), D(8, 17), no);
	expect_fail(backoffice_notify(st, cal, no, "fa", D(8, 17), "sms", NULL, err, sizeof err),
		    err, "待出件");
	ready_case(D(8, 18), no);
	expect_fail(backoffice_notify(st, cal, no, "fa", D(8, 18), "pigeon", NULL, err, sizeof err),
		    err, "phone");
	expect_fail(backoffice_notify(st, cal, no, "clerk1", D(8, 18), "sms", NULL, err, sizeof err),
		    err, "统一出件窗口人员");
	assert_int_equal(backoffice_notify(st, cal, no, "fa", D(8, 18), "sms", "短信已发",
					   err, sizeof err), 0);
	body = last_body(no, NULL);
	assert_non_null(strstr(body, "\"channel\":\"sms\""));
	free(body);
	assert_int_equal(fold_of(no).state, CASE_READY);
}

static void test_archive_follows_delivery(void **state)
{
	struct backoffice_post p = { "1180123456789", "滨江大道 1 号", "张三" };
	char no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";

	(void)state;
	ready_case(D(8, 19), no);
	expect_fail(backoffice_archive(st, cal, no, "fa", D(8, 19), err, sizeof err), err, "归档");
	assert_int_equal(backoffice_post(st, cal, no, "fa", D(8, 19), &p, err, sizeof err), 0);
	assert_int_equal(backoffice_archive(st, cal, no, "fa", D(8, 20), err, sizeof err), 0);
	assert_int_equal(fold_of(no).state, CASE_ARCHIVED);
	assert_int_equal(fold_of(no).closed_on, D(8, 20));
}

/* ---- settings ----------------------------------------------------- */

static void test_warn_days_setting_defaults_to_two_and_refuses_bad_values(void **state)
{
	char err[YC_ERRSZ] = "";
	int w = -1;

	(void)state;
	assert_int_equal(backoffice_warn_days(st, &w, err, sizeof err), 0);
	assert_int_equal(w, 2);
	assert_int_equal(store_setting_set(st, "supervise.warn_days", "3", err, sizeof err), 0);
	assert_int_equal(backoffice_warn_days(st, &w, err, sizeof err), 0);
	assert_int_equal(w, 3);
	assert_int_equal(store_setting_set(st, "supervise.warn_days", "tres", err, sizeof err), 0);
	expect_fail(backoffice_warn_days(st, &w, err, sizeof err), err, "supervise.warn_days");
	assert_int_equal(w, 2);
	assert_int_equal(store_setting_set(st, "supervise.warn_days", "2", err, sizeof err), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_register_number_carries_kind_site_terminal_day_and_sequence),
		cmocka_unit_test(test_materials_register_lists_each_case_materials_with_counts),
		cmocka_unit_test(test_only_a_clerk_makes_a_materials_register),
		cmocka_unit_test(test_register_refuses_a_case_of_another_department),
		cmocka_unit_test(test_register_takes_only_accepted_promised_cases),
		cmocka_unit_test(test_case_in_a_register_not_yet_received_cannot_be_listed_again),
		cmocka_unit_test(test_receiver_cannot_sign_before_the_sender),
		cmocka_unit_test(test_wrong_password_refuses_the_signature_without_counting_a_login),
		cmocka_unit_test(test_materials_receiver_is_an_approver_of_the_department),
		cmocka_unit_test(test_receipt_writes_handed_over_and_review_started_with_the_register),
		cmocka_unit_test(test_missing_material_is_recorded_against_the_case_on_both_sides),
		cmocka_unit_test(test_missing_material_not_in_the_register_refuses_the_receipt),
		cmocka_unit_test(test_receipt_names_a_case_withdrawn_meanwhile_and_signs_nothing),
		cmocka_unit_test(test_receipt_cut_short_is_finished_by_signing_again_without_duplicates),
		cmocka_unit_test(test_register_list_shows_newest_first_with_case_counts),
		cmocka_unit_test(test_approver_queue_holds_only_the_own_department_by_due_date),
		cmocka_unit_test(test_only_the_departments_approver_decides),
		cmocka_unit_test(test_review_starts_without_register_for_electronic_cases),
		cmocka_unit_test(test_extension_moves_the_promised_date_across_spring_festival),
		cmocka_unit_test(test_extension_is_once_at_most_ten_days_with_a_reason),
		cmocka_unit_test(test_special_procedure_pauses_the_clock_across_spring_festival),
		cmocka_unit_test(test_special_procedure_needs_a_known_kind_and_a_reason),
		cmocka_unit_test(test_approval_needs_a_licence_number_and_takes_the_items_result_name),
		cmocka_unit_test(test_denial_needs_reasons_and_tells_the_remedies),
		cmocka_unit_test(test_result_handover_later_than_one_working_day_is_flagged),
		cmocka_unit_test(test_results_register_goes_from_the_approver_to_the_issuer),
		cmocka_unit_test(test_pickup_checks_the_collectors_id_against_applicant_and_agent),
		cmocka_unit_test(test_applicant_collects_with_a_lower_case_x),
		cmocka_unit_test(test_post_needs_waybill_address_and_recipient),
		cmocka_unit_test(test_notice_is_given_by_the_issuer_once_the_result_is_ready),
		cmocka_unit_test(test_archive_follows_delivery),
		cmocka_unit_test(test_warn_days_setting_defaults_to_two_and_refuses_bad_values),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
