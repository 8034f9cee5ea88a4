/* test_intake.c — the completeness check: what applies, what is missing,
 * what a 补正 notice must list. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/catalog.h"
#include "yichuang/intake.h"
#include "yichuang/util.h"

static char *chain_on[] = { "chain_licence" };
static char *no_lease[] = { "lease" };

static struct catalog_material mats[] = {
	{ .id = "form", .name = "申请书", .originals = 1, .form = FORM_PAPER,
	  .need = NEED_REQUIRED, .source = SOURCE_SELF, .standard = "申请人签字" },
	{ .id = "licence", .name = "营业执照", .copies = 1, .form = FORM_PAPER | FORM_ELECTRONIC,
	  .need = NEED_REQUIRED, .source = SOURCE_DEPARTMENT },
	{ .id = "id", .name = "身份证", .originals = 1, .copies = 1, .form = FORM_PAPER,
	  .need = NEED_REQUIRED, .source = SOURCE_SELF },
	{ .id = "lease", .name = "场所使用证明", .copies = 1, .form = FORM_PAPER,
	  .need = NEED_DEFERRABLE, .deferral_days = 10, .source = SOURCE_SELF },
	{ .id = "layout", .name = "平面布局图", .copies = 1, .form = FORM_PAPER,
	  .need = NEED_OPTIONAL, .source = SOURCE_SELF },
	{ .id = "chain_licence", .name = "连锁总部授权书", .copies = 1, .form = FORM_PAPER,
	  .need = NEED_REQUIRED, .source = SOURCE_SELF },
};

static struct catalog_situation sits[] = {
	{ .id = "chain", .label = "连锁门店", .enables = chain_on, .nenables = 1 },
	{ .id = "own", .label = "自有房产", .disables = no_lease, .ndisables = 1 },
};

static struct catalog_item item = {
	.code = "T1", .name = "食品经营许可", .materials = mats, .nmaterials = 6,
	.situations = sits, .nsituations = 2,
};

/* Everything required handed in properly. */
static const struct intake_receipt complete[] = {
	{ "form", RECEIPT_PAPER, 1, 0, 0, NULL },
	{ "licence", RECEIPT_FETCHED, 0, 0, 0, NULL },
	{ "id", RECEIPT_PAPER, 1, 1, 0, NULL },
	{ "lease", RECEIPT_PAPER, 0, 1, 0, NULL },
};

static void test_material_gated_by_situation_applies_only_when_chosen(void **state)
{
	const struct catalog_material **act;
	const char *chain[] = { "chain" };
	const char *own[] = { "own" };
	char err[256];
	size_t n;

	(void)state;
	assert_int_equal(intake_active_materials(&item, NULL, 0, &act, &n, err, sizeof err), 0);
	assert_int_equal(n, 5);	/* chain_licence is off */
	free(act);
	assert_int_equal(intake_active_materials(&item, chain, 1, &act, &n, err, sizeof err), 0);
	assert_int_equal(n, 6);
	assert_string_equal(act[5]->id, "chain_licence");
	free(act);
	assert_int_equal(intake_active_materials(&item, own, 1, &act, &n, err, sizeof err), 0);
	assert_int_equal(n, 4);	/* lease disabled */
	free(act);
}

static void test_unknown_situation_is_an_error(void **state)
{
	const struct catalog_material **act;
	const char *bad[] = { "nosuch" };
	char err[256];
	size_t n;

	(void)state;
	assert_int_equal(intake_active_materials(&item, bad, 1, &act, &n, err, sizeof err), -1);
	assert_non_null(strstr(err, "nosuch"));
}

static void test_complete_application_is_accepted(void **state)
{
	struct intake_result res;
	char err[256];

	(void)state;
	assert_int_equal(intake_check(&item, NULL, 0, complete, 4, &res, err, sizeof err), 0);
	assert_int_equal(res.outcome, INTAKE_COMPLETE);
	assert_int_equal(res.nproblems, 0);
	intake_result_free(&res);
}

static void test_correction_lists_every_problem_at_once(void **state)
{
	/* The applicant forgot the application form, brought one copy of the
	 * ID but no original, and the lease was found not to conform. */
	const struct intake_receipt r[] = {
		{ "licence", RECEIPT_FETCHED, 0, 0, 0, NULL },
		{ "id", RECEIPT_PAPER, 0, 1, 0, NULL },
		{ "lease", RECEIPT_PAPER, 0, 1, 1, "租赁合同已过期" },
	};
	struct intake_result res;
	char err[256], line[512];

	(void)state;
	assert_int_equal(intake_check(&item, NULL, 0, r, 3, &res, err, sizeof err), 0);
	assert_int_equal(res.outcome, INTAKE_INCOMPLETE);
	assert_int_equal(res.nproblems, 3);
	assert_int_equal(res.problems[0].kind, PROBLEM_MISSING);
	assert_string_equal(res.problems[0].material->id, "form");
	assert_string_equal(intake_problem_text(&res.problems[0], line, sizeof line),
			    "申请书：未提交（需原件 1 份）；要求：申请人签字");
	assert_int_equal(res.problems[1].kind, PROBLEM_ORIGINALS);
	assert_int_equal(res.problems[1].have, 0);
	assert_int_equal(res.problems[1].want, 1);
	assert_string_equal(intake_problem_text(&res.problems[1], line, sizeof line),
			    "身份证：原件不足，应交 1 份，收到 0 份");
	assert_int_equal(res.problems[2].kind, PROBLEM_NONCONFORMING);
	assert_string_equal(intake_problem_text(&res.problems[2], line, sizeof line),
			    "场所使用证明：不符合要求（租赁合同已过期）");
	intake_result_free(&res);
}

static void test_optional_material_missing_is_no_problem(void **state)
{
	struct intake_result res;
	char err[256];

	(void)state;
	/* "layout" (非必要) is absent from `complete`. */
	assert_int_equal(intake_check(&item, NULL, 0, complete, 4, &res, err, sizeof err), 0);
	for (size_t i = 0; i < res.nproblems; i++)
		assert_string_not_equal(res.problems[i].material->id, "layout");
	intake_result_free(&res);
}

static void test_deferrable_material_accepted_under_promise(void **state)
{
	const struct intake_receipt r[] = {
		{ "form", RECEIPT_PAPER, 1, 0, 0, NULL },
		{ "licence", RECEIPT_ELECTRONIC, 0, 0, 0, NULL },
		{ "id", RECEIPT_PAPER, 1, 1, 0, NULL },
		{ "lease", RECEIPT_DEFERRED, 0, 0, 0, NULL },
	};
	struct intake_result res;
	char err[256];

	(void)state;
	assert_int_equal(intake_check(&item, NULL, 0, r, 4, &res, err, sizeof err), 0);
	assert_int_equal(res.outcome, INTAKE_COMPLETE_DEFERRED);
	assert_int_equal(res.ndeferred, 1);
	assert_string_equal(res.deferred[0]->id, "lease");
	intake_result_free(&res);
}

static void test_only_deferrable_and_department_materials_may_be_skipped(void **state)
{
	const struct intake_receipt r[] = {
		{ "form", RECEIPT_DEFERRED, 0, 0, 0, NULL },	/* 必要: no 容缺 */
		{ "licence", RECEIPT_FETCHED, 0, 0, 0, NULL },
		{ "id", RECEIPT_FETCHED, 0, 0, 0, NULL },	/* 自备: not fetchable */
		{ "lease", RECEIPT_PAPER, 0, 1, 0, NULL },
	};
	struct intake_result res;
	char err[256];

	(void)state;
	assert_int_equal(intake_check(&item, NULL, 0, r, 4, &res, err, sizeof err), 0);
	assert_int_equal(res.outcome, INTAKE_INCOMPLETE);
	assert_int_equal(res.nproblems, 2);
	assert_int_equal(res.problems[0].kind, PROBLEM_NOT_DEFERRABLE);
	assert_int_equal(res.problems[1].kind, PROBLEM_NOT_FETCHABLE);
	intake_result_free(&res);
}

static void test_department_material_is_fetched_not_asked_of_the_applicant(void **state)
{
	(void)state;
	/* 营业执照 is issued by a department: the window fetches it, even
	 * though the catalog also accepts a paper copy. */
	assert_int_equal(intake_usual_receipt(&mats[1]), RECEIPT_FETCHED);
	assert_int_equal(intake_preset_receipt(&mats[1]), RECEIPT_FETCHED);
	assert_int_equal(intake_usual_receipt(&mats[0]), RECEIPT_PAPER);
	assert_int_equal(intake_preset_receipt(&mats[0]), RECEIPT_MISSING);
}

static void test_untouched_checklist_lists_no_department_material_as_missing(void **state)
{
	const struct catalog_material **act;
	struct intake_receipt r[6];
	struct intake_result res;
	char err[256];
	size_t n;

	(void)state;
	/* The checklist as a new intake builds it, nothing recorded yet. */
	assert_int_equal(intake_active_materials(&item, NULL, 0, &act, &n, err, sizeof err), 0);
	for (size_t i = 0; i < n; i++) {
		memset(&r[i], 0, sizeof r[i]);
		r[i].material_id = act[i]->id;
		r[i].kind = intake_preset_receipt(act[i]);
	}
	assert_int_equal(intake_check(&item, NULL, 0, r, n, &res, err, sizeof err), 0);
	free(act);
	assert_int_equal(res.outcome, INTAKE_INCOMPLETE);
	for (size_t i = 0; i < res.nproblems; i++)
		assert_string_not_equal(res.problems[i].material->id, "licence");
	intake_result_free(&res);
}

static void test_nonconforming_fetched_licence_is_a_problem(void **state)
{
	const struct intake_receipt r[] = {
		{ "form", RECEIPT_PAPER, 1, 0, 0, NULL },
		{ "licence", RECEIPT_FETCHED, 0, 0, 1, "登记状态为吊销" },
		{ "id", RECEIPT_PAPER, 1, 1, 0, NULL },
		{ "lease", RECEIPT_PAPER, 0, 1, 0, NULL },
	};
	struct intake_result res;
	char err[256];

	(void)state;
	assert_int_equal(intake_check(&item, NULL, 0, r, 4, &res, err, sizeof err), 0);
	assert_int_equal(res.nproblems, 1);
	assert_int_equal(res.problems[0].kind, PROBLEM_NONCONFORMING);
	assert_string_equal(res.problems[0].note, "登记状态为吊销");
	intake_result_free(&res);
	/* Nothing was handed in for a missing or 容缺 material: no 不规范. */
	assert_false(intake_can_be_nonconforming(RECEIPT_MISSING));
	assert_false(intake_can_be_nonconforming(RECEIPT_DEFERRED));
	assert_true(intake_can_be_nonconforming(RECEIPT_FETCHED));
}

static void test_electronic_copy_of_paper_only_material_is_refused(void **state)
{
	const struct intake_receipt r[] = {
		{ "form", RECEIPT_ELECTRONIC, 0, 0, 0, NULL },
		{ "licence", RECEIPT_ELECTRONIC, 0, 0, 0, NULL },
		{ "id", RECEIPT_PAPER, 1, 1, 0, NULL },
		{ "lease", RECEIPT_PAPER, 0, 1, 0, NULL },
	};
	struct intake_result res;
	char err[256];

	(void)state;
	assert_int_equal(intake_check(&item, NULL, 0, r, 4, &res, err, sizeof err), 0);
	assert_int_equal(res.nproblems, 1);
	assert_int_equal(res.problems[0].kind, PROBLEM_NOT_ELECTRONIC);
	assert_string_equal(res.problems[0].material->id, "form");
	intake_result_free(&res);
}

static void test_paper_copy_of_electronic_only_material_is_refused(void **state)
{
	struct catalog_material emat[] = {
		{ .id = "scan", .name = "电子签名申请表", .form = FORM_ELECTRONIC,
		  .need = NEED_REQUIRED, .source = SOURCE_SELF },
	};
	struct catalog_item eitem = { .code = "T2", .name = "网办事项",
				      .materials = emat, .nmaterials = 1 };
	const struct intake_receipt r[] = { { "scan", RECEIPT_PAPER, 1, 0, 0, NULL } };
	struct intake_result res;
	char err[256], line[256];

	(void)state;
	assert_int_equal(intake_check(&eitem, NULL, 0, r, 1, &res, err, sizeof err), 0);
	assert_int_equal(res.nproblems, 1);
	assert_int_equal(res.problems[0].kind, PROBLEM_NOT_PAPER);
	assert_string_equal(intake_problem_text(&res.problems[0], line, sizeof line),
			    "电子签名申请表：须提交电子版材料");
	intake_result_free(&res);
}

static void test_long_problem_text_is_cut_on_a_character_boundary(void **state)
{
	const struct intake_receipt r[] = { { "licence", RECEIPT_FETCHED, 0, 0, 0, NULL } };
	struct intake_result res;
	char err[256], line[40];

	(void)state;
	assert_int_equal(intake_check(&item, NULL, 0, r, 1, &res, err, sizeof err), 0);
	intake_problem_text(&res.problems[0], line, sizeof line);
	assert_true(utf8_valid(line, strlen(line)));
	assert_true(strlen(line) > 30);
	intake_result_free(&res);
}

static void test_receipt_for_material_not_on_checklist_is_an_error(void **state)
{
	const struct intake_receipt r[] = {
		{ "chain_licence", RECEIPT_PAPER, 0, 1, 0, NULL },	/* not chosen */
	};
	struct intake_result res;
	char err[256];

	(void)state;
	assert_int_equal(intake_check(&item, NULL, 0, r, 1, &res, err, sizeof err), -1);
	assert_non_null(strstr(err, "chain_licence"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_material_gated_by_situation_applies_only_when_chosen),
		cmocka_unit_test(test_unknown_situation_is_an_error),
		cmocka_unit_test(test_complete_application_is_accepted),
		cmocka_unit_test(test_correction_lists_every_problem_at_once),
		cmocka_unit_test(test_optional_material_missing_is_no_problem),
		cmocka_unit_test(test_deferrable_material_accepted_under_promise),
		cmocka_unit_test(test_only_deferrable_and_department_materials_may_be_skipped),
		cmocka_unit_test(test_department_material_is_fetched_not_asked_of_the_applicant),
		cmocka_unit_test(test_untouched_checklist_lists_no_department_material_as_missing),
		cmocka_unit_test(test_nonconforming_fetched_licence_is_a_problem),
		cmocka_unit_test(test_electronic_copy_of_paper_only_material_is_refused),
		cmocka_unit_test(test_paper_copy_of_electronic_only_material_is_refused),
		cmocka_unit_test(test_long_problem_text_is_cut_on_a_character_boundary),
		cmocka_unit_test(test_receipt_for_material_not_on_checklist_is_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
