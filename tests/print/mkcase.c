/*
 * mkcase.c — test helper of test_print.sh: the counter's part of a case,
 * through the real code the intake screens run: case_receive with the
 * item's checklist, intake_check and intake_problem_text for a 补正 (the
 * event body made as the intake screen makes it), case_apply_event for
 * 受理 and 不予受理.  The back office is left to the command line
 * (yichuang handover / case ...).  Prints the case number.
 *
 *   mkcase DB ITEM KIND [VARIANT]
 *
 * KIND: received, accepted, correction or rejection.  VARIANT:
 *   long     a long applicant name with rare characters (㐂, 𠀋) and,
 *            for a correction, every material found wanting (a long list)
 *   fetched  a correction where a 部门核发 material was not ticked too
 *   pua      an applicant name with a Private Use Area character (no
 *            font has a glyph for it)
 *
 *   mkcase tallrow OUT.pdf     a document whose one table row is taller
 *                              than a page, rendered by print_pdf_write
 *   mkcase closing OUT.pdf     a notice just long enough that its seal
 *                              and date no longer fit on the first page
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "yichuang/date.h"
#include "yichuang/document.h"
#include "yichuang/intake.h"
#include "yichuang/print.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"

static struct store *st;
static struct calendar *cal;
static char number[CASENO_TEXT_MAX];
static int day;

static void die(const char *what, const char *err)
{
	fprintf(stderr, "mkcase: %s: %s\n", what, err);
	exit(1);
}

/* Appends one event to the case as the clerk; dies when refused. */
static void apply(enum case_event_type t, const char *reason, cJSON *extra)
{
	struct case_event e;
	char err[YC_ERRSZ], *text = extra ? cJSON_PrintUnformatted(extra) : NULL;

	memset(&e, 0, sizeof e);
	e.type = t;
	e.day = day;
	e.reason = reason;
	if (case_apply_event(st, cal, number, &e, text, "clerk", NULL, err, sizeof err) != 0)
		die(casefsm_event_name(t), err);
	free(text);
}

/* A document with a table row taller than an A4 page. */
static int tallrow(const char *out)
{
	const char *head[3] = { "序号", "材料名称", "要求" };
	struct document d;
	struct strbuf sb;
	struct print_result res;
	char err[YC_ERRSZ];
	const char *cells[3];

	doc_init(&d, DOC_ACCEPTANCE);
	doc_add(&d, DOC_PARA, NULL, "表格的一行比一页还高时，跨页续排，不丢内容。");
	doc_add_row(&d, DOC_HEADER_ROW, head, 3);
	sb_init(&sb);
	for (int i = 1; i <= 120; i++)
		sb_appendf(&sb, "第%03d段要求：材料须加盖公章并与原件一致。", i);
	cells[0] = "1";
	cells[1] = "很长的材料";
	cells[2] = sb.buf;
	doc_add_row(&d, DOC_ROW, cells, 3);
	cells[0] = "2";
	cells[1] = "其后的材料";
	cells[2] = "表格之后的最后一行";
	doc_add_row(&d, DOC_ROW, cells, 3);
	doc_add(&d, DOC_SIGNATURE, NULL, "表格之后的落款");
	sb_free(&sb);
	if (d.oom || print_pdf_write(&d, out, &res, err, sizeof err) != 0)
		die("tallrow", d.oom ? "out of memory" : err);
	printf("%d\n", res.pages);
	doc_free(&d);
	return 0;
}

/* The shortest notice of one-line paragraphs whose closing block (seal
 * and date) does not fit on page 1: where a seal would be left alone. */
static int closing(const char *out)
{
	for (int n = 1; n < 80; n++) {
		struct document d;
		struct print_result res;
		unsigned char *pdf;
		size_t len;
		char err[YC_ERRSZ];

		doc_init(&d, DOC_ACCEPTANCE);
		doc_add(&d, DOC_HEADING, NULL, "填充的段落");
		for (int i = 1; i <= n; i++)
			doc_addf(&d, DOC_PARA, NULL, "第%02d段：一行就排得下的短段落。", i);
		doc_add(&d, DOC_FIELD, "咨询电话", "0870-6123400");
		doc_add(&d, DOC_FIELD, "投诉电话", "12345");
		doc_add(&d, DOC_SIGNATURE, NULL, "云岭市安澜区政务服务中心（印章）");
		doc_add(&d, DOC_SIGNATURE, NULL, "2026年11月20日");
		if (d.oom || print_pdf_render(&d, &pdf, &len, &res, err, sizeof err) != 0)
			die("closing", d.oom ? "out of memory" : err);
		free(pdf);
		if (res.pages > 1) {
			if (print_pdf_write(&d, out, &res, err, sizeof err) != 0)
				die("closing", err);
			printf("%d\n", n);
			doc_free(&d);
			return 0;
		}
		doc_free(&d);
	}
	die("closing", "never reached a second page");
	return 1;
}

/* The 补正 body the intake screen records: every problem with its text,
 * and the checklist at the time. */
static cJSON *correction_body(const struct catalog_item *it, const struct intake_receipt *r,
			      size_t n)
{
	static const char *const words[] = { "missing", "paper", "electronic", "fetched", "deferred" };
	struct intake_result res;
	cJSON *x = cJSON_CreateObject(), *p, *m;
	char err[YC_ERRSZ];

	if (intake_check(it, NULL, 0, r, n, &res, err, sizeof err) != 0)
		die("intake_check", err);
	if (res.outcome != INTAKE_INCOMPLETE)
		die("intake_check", "the application is complete");
	p = cJSON_AddArrayToObject(x, "problems");
	for (size_t k = 0; k < res.nproblems; k++) {
		cJSON *o = cJSON_CreateObject();
		char text[512];

		cJSON_AddItemToArray(p, o);
		cJSON_AddStringToObject(o, "material", res.problems[k].material->id);
		cJSON_AddStringToObject(o, "name", res.problems[k].material->name);
		cJSON_AddStringToObject(o, "text", intake_problem_text(&res.problems[k], text,
								       sizeof text));
	}
	m = cJSON_AddArrayToObject(x, "materials");
	for (size_t k = 0; k < n; k++) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddItemToArray(m, o);
		cJSON_AddStringToObject(o, "id", r[k].material_id);
		cJSON_AddStringToObject(o, "receipt", words[r[k].kind]);
		cJSON_AddNumberToObject(o, "originals", r[k].originals);
		cJSON_AddNumberToObject(o, "copies", r[k].copies);
		cJSON_AddBoolToObject(o, "nonconforming", r[k].nonconforming);
		if (r[k].note)
			cJSON_AddStringToObject(o, "note", r[k].note);
		else
			cJSON_AddNullToObject(o, "note");
	}
	intake_result_free(&res);
	return x;
}

int main(int argc, char **argv)
{
	struct case_material_receipt mats[64];
	struct intake_receipt rec[64];
	struct catalog cat;
	struct case_intake in;
	const struct catalog_item *it;
	char err[YC_ERRSZ], id[CASE_ID_MAX];
	const char *kind, *variant;
	size_t n = 0;
	int version;

	if (argc == 3 && strcmp(argv[1], "tallrow") == 0)
		return tallrow(argv[2]);
	if (argc == 3 && strcmp(argv[1], "closing") == 0)
		return closing(argv[2]);
	if (argc < 4) {
		fprintf(stderr, "usage: mkcase DB ITEM KIND [long|fetched|pua]\n");
		return 2;
	}
	kind = argv[3];
	variant = argc > 4 ? argv[4] : "";
	day = date_today();
	cal = calendar_new();
	if (!cal || calendar_load_builtin(cal, err, sizeof err) != 0)
		die("calendar", err);
	if (store_open(argv[1], STORE_OPEN_EXISTING, &st, err, sizeof err) != 0)
		die(argv[1], err);
	catalog_init(&cat);
	if (store_catalog_load(st, 0, &cat, err, sizeof err) != 0 ||
	    store_catalog_current(st, &version, err, sizeof err) != 0)
		die("catalog", err);
	it = catalog_find_item(&cat, argv[2]);
	if (!it)
		die("catalog", "no such item");

	/* the checklist as the clerk ticks it: every material the usual way
	 * (paper with the catalog's counts, 部门核发 fetched) ... */
	for (size_t i = 0; i < it->nmaterials && n < 64; i++, n++) {
		const struct catalog_material *m = &it->materials[i];
		int fetched = m->source == SOURCE_DEPARTMENT;

		memset(&rec[n], 0, sizeof rec[n]);
		rec[n].material_id = m->id;
		rec[n].kind = fetched ? RECEIPT_FETCHED : m->form & FORM_PAPER ? RECEIPT_PAPER
			      : RECEIPT_ELECTRONIC;
		rec[n].originals = fetched ? 0 : m->originals;
		rec[n].copies = fetched ? 0 : m->copies;
	}
	/* ... but for a 补正: the third self-supplied material missing, the
	 * first not 规范; or (long) every material wanting; or (fetched) a
	 * 部门核发 one not ticked as well */
	if (strcmp(kind, "correction") == 0) {
		int self = 0;

		for (size_t i = 0; i < n; i++) {
			const struct catalog_material *m = &it->materials[i];

			if (strcmp(variant, "long") == 0) {
				rec[i].kind = RECEIPT_PAPER;
				rec[i].originals = m->originals;
				rec[i].copies = m->copies;
				rec[i].nonconforming = 1;
				rec[i].note = "材料内容与营业执照登记事项不一致，且缺少法定代表人签字和单位公章，"
					      "复印件字迹不清，需重新打印后加盖骑缝章";
			} else if (m->source != SOURCE_DEPARTMENT && ++self == 1) {
				rec[i].nonconforming = 1;
				rec[i].note = "缺法定代表人签字";
			} else if (m->source != SOURCE_DEPARTMENT && self == 3) {
				rec[i].kind = RECEIPT_MISSING;
				rec[i].originals = rec[i].copies = 0;
			} else if (m->source == SOURCE_DEPARTMENT && m->copies == 0 && m->originals == 0 &&
				   strcmp(variant, "fetched") == 0) {
				rec[i].kind = RECEIPT_MISSING;
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		mats[i].id = rec[i].material_id;
		mats[i].receipt = rec[i].kind;
		mats[i].originals = rec[i].originals;
		mats[i].copies = rec[i].copies;
		mats[i].nonconforming = rec[i].nonconforming;
		mats[i].note = rec[i].note;
	}
	memset(&in, 0, sizeof in);
	case_intake_from_item(&in, it, version);
	in.day = day;
	in.applicant.org = 1;
	in.applicant.name = strcmp(variant, "long") == 0
		? "云岭市安澜区㐂𠀋滨江大道老字号餐饮管理服务有限责任公司第一百二十八分店（普通合伙）"
		: strcmp(variant, "pua") == 0 ? "安澜区\xee\x80\x80记面馆" : "安澜区老张面馆";
	in.applicant.id_no = "91350100M000100Y43";
	in.applicant.phone = "13800000000";
	in.materials = mats;
	in.nmaterials = n;
	if (case_receive(st, cal, &in, "clerk", id, number, err, sizeof err) != 0)
		die("receive", err);

	if (strcmp(kind, "correction") == 0) {
		cJSON *x = correction_body(it, rec, n);

		apply(CASE_EV_CORRECTION_REQUESTED, NULL, x);
		cJSON_Delete(x);
	} else if (strcmp(kind, "rejection") == 0) {
		cJSON *x = cJSON_CreateObject();

		cJSON_AddStringToObject(x, "basis", "《中华人民共和国行政许可法》第三十二条第一款第（二）项");
		cJSON_AddStringToObject(x, "competent_office", "云岭市市场监督管理局（食品生产许可）");
		apply(CASE_EV_REJECTED, "申请经营的项目属于食品生产，不属于食品经营许可范围", x);
		cJSON_Delete(x);
	} else if (strcmp(kind, "accepted") == 0) {
		apply(CASE_EV_ACCEPTED, NULL, NULL);
	} else if (strcmp(kind, "received") != 0) {
		die(kind, "unknown kind");
	}
	printf("%s\n", number);
	catalog_free(&cat);
	store_close(st);
	calendar_free(cal);
	return 0;
}
