/*
 * mkcases.c — puts the cases the case-screen scripts work on into a test
 * database, through the store's own code paths (case_receive,
 * case_apply_event) and the completeness check's own problem texts
 * (intake_check, intake_problem_text), as the counter would.  Then it sets
 * each event's recorded time to a fixed time of its day, so that the
 * timeline on the screen is the same on every run.
 *
 *   mkcases DB        (the sample catalog imported, site 370102 terminal 1)
 *
 * The cases (today is 2026-11-20 in the tests):
 *   A 370102-01-261118-0001  安澜味道餐饮有限公司 食品经营许可, 补正中
 *   B 370102-01-261102-0001  安澜绿源养殖专业合作社 动物防疫合格证, 已送达,
 *                            a long timeline
 *   C 370102-01-261119-0001  王芳 出生登记 (即办件), 已送达
 *   D 370102-01-261119-0002  王建国 投靠落户, 不予受理
 *   E 370102-01-261110-0001  王芳 不动产买卖过户, 已接件, deemed accepted
 *   F 370102-01-261120-0001  李娜 残疾人证新办, 补正中
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "yichuang/date.h"
#include "yichuang/intake.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"

#define SPJY "11539102MB1A2704434000101700200"
#define DWFY "11539102MB1A6631854000101700300"
#define CSDJ "11539102MB0C11835E4000701701500"
#define HKQY "11539102MB0C11835E4000701701600"
#define BDC "11539102MB1B0917014000701700800"
#define CJRZ "13539102MB1K2248874002001701700"

static struct store *st;
static struct calendar *cal;
static struct catalog cat;

static void die(const char *what, const char *err)
{
	fprintf(stderr, "mkcases: %s: %s\n", what, err);
	exit(1);
}

static int D(int m, int d)
{
	return date_from_ymd(2026, m, d);
}

/* A receipt of every material on the item's checklist (no situation
 * chosen): paper as the catalog asks, fetched when a department issues
 * it, deferred when it may be and defer is set; then the overrides.  rs has room for 32. */
static size_t receipts(const struct catalog_item *it, struct case_material_receipt *rs,
		       int defer, const char *missing, const char *bad, const char *bad_note)
{
	const struct catalog_material **active = NULL;
	size_t n = 0;
	char err[YC_ERRSZ];

	if (intake_active_materials(it, NULL, 0, &active, &n, err, sizeof err) != 0)
		die("intake_active_materials", err);
	if (n > 32)
		die("too many materials", it->code);
	for (size_t i = 0; i < n; i++) {
		const struct catalog_material *m = active[i];
		struct case_material_receipt *r = &rs[i];

		memset(r, 0, sizeof *r);
		r->id = m->id;
		r->receipt = m->source == SOURCE_DEPARTMENT ? RECEIPT_FETCHED :
			     m->need == NEED_DEFERRABLE && defer ? RECEIPT_DEFERRED :
			     (m->form & FORM_PAPER) ? RECEIPT_PAPER : RECEIPT_ELECTRONIC;
		if (r->receipt == RECEIPT_PAPER) {
			r->originals = m->originals;
			r->copies = m->copies;
		}
		if (missing && strcmp(m->id, missing) == 0) {
			r->receipt = RECEIPT_MISSING;
			r->originals = r->copies = 0;
		}
		if (bad && strcmp(m->id, bad) == 0) {
			r->nonconforming = 1;
			r->note = bad_note;
		}
	}
	free(active);
	return n;
}

static const struct catalog_item *item(const char *code)
{
	const struct catalog_item *it = catalog_find_item(&cat, code);

	if (!it)
		die("no such item in the catalog", code);
	return it;
}

static void receive(const char *code, int day, struct case_party app, const struct case_party *agent,
		    const struct case_field_value *fields, size_t nfields,
		    const struct case_material_receipt *rs, size_t nrs, char *number)
{
	struct case_intake in;
	char id[CASE_ID_MAX], err[YC_ERRSZ];

	memset(&in, 0, sizeof in);
	case_intake_from_item(&in, item(code), 1);
	in.day = day;
	in.applicant = app;
	in.agent = agent;
	in.fields = fields;
	in.nfields = nfields;
	in.materials = rs;
	in.nmaterials = nrs;
	if (case_receive(st, cal, &in, "clerk", id, number, err, sizeof err) != 0)
		die("case_receive", err);
}

static void apply(const char *number, enum case_event_type type, int day, const char *reason,
		  const char *extra, const char *actor)
{
	struct case_event e;
	char err[YC_ERRSZ];

	memset(&e, 0, sizeof e);
	e.type = type;
	e.day = day;
	e.reason = reason;
	if (type == CASE_EV_DECIDED)
		e.decision = CASE_DECISION_APPROVE;
	if (type == CASE_EV_DELIVERED)
		e.delivery = CASE_DELIVERY_PICKUP;
	if (type == CASE_EV_EXTENDED)
		e.extension_days = 5;
	if (case_apply_event(st, cal, number, &e, extra, actor, NULL, err, sizeof err) != 0)
		die(casefsm_event_name(type), err);
}

/* The 补正 notice of a case received with receipts rs: the problems the
 * completeness check finds, in its own words, and the checklist. */
static void request_correction(const char *number, const char *code, int day,
			       const struct case_material_receipt *rs, size_t n)
{
	const struct catalog_item *it = item(code);
	struct intake_receipt ir[32];
	struct intake_result res;
	struct strbuf sb;
	char err[YC_ERRSZ], line[512];

	for (size_t i = 0; i < n; i++) {
		ir[i].material_id = rs[i].id;
		ir[i].kind = rs[i].receipt;
		ir[i].originals = rs[i].originals;
		ir[i].copies = rs[i].copies;
		ir[i].nonconforming = rs[i].nonconforming;
		ir[i].note = rs[i].note;
	}
	if (intake_check(it, NULL, 0, ir, n, &res, err, sizeof err) != 0)
		die("intake_check", err);
	sb_init(&sb);
	sb_append(&sb, "{\"problems\": [");
	for (size_t i = 0; i < res.nproblems; i++)
		sb_appendf(&sb, "%s{\"material\": \"%s\", \"name\": \"%s\", \"text\": \"%s\"}",
			   i ? ", " : "", res.problems[i].material->id, res.problems[i].material->name,
			   intake_problem_text(&res.problems[i], line, sizeof line));
	sb_append(&sb, "], \"materials\": [");
	for (size_t i = 0; i < n; i++)
		sb_appendf(&sb, "%s{\"id\": \"%s\", \"receipt\": \"%s\", \"originals\": %d, \"copies\": %d,"
			   " \"nonconforming\": %s, \"note\": %s%s%s}", i ? ", " : "", rs[i].id,
			   (const char *[]){ "missing", "paper", "electronic", "fetched", "deferred" }[rs[i].receipt],
			   rs[i].originals, rs[i].copies, rs[i].nonconforming ? "true" : "false",
			   rs[i].note ? "\"" : "", rs[i].note ? rs[i].note : "null", rs[i].note ? "\"" : "");
	sb_append(&sb, "]}");
	intake_result_free(&res);
	apply(number, CASE_EV_CORRECTION_REQUESTED, day, NULL, sb.buf, "clerk");
	sb_free(&sb);
}

int main(int argc, char **argv)
{
	struct case_material_receipt rs[32];
	char a[CASENO_TEXT_MAX], b[CASENO_TEXT_MAX], c[CASENO_TEXT_MAX], d[CASENO_TEXT_MAX],
	     e[CASENO_TEXT_MAX], f[CASENO_TEXT_MAX], err[YC_ERRSZ];
	sqlite3 *db = NULL;
	size_t n;

	if (argc != 2) {
		fprintf(stderr, "usage: mkcases DB\n");
		return 2;
	}
	catalog_init(&cat);
	cal = calendar_new();
	if (!cal || calendar_load_builtin(cal, err, sizeof err) != 0)
		die("calendar", cal ? err : "out of memory");
	if (store_open(argv[1], STORE_OPEN_EXISTING, &st, err, sizeof err) != 0)
		die(argv[1], err);
	if (store_catalog_load(st, 0, &cat, err, sizeof err) != 0)
		die("catalog", err);

	/* A: a restaurant's food licence, one material missing, one not 规范. */
	{
		static const struct case_field_value fields[] = {
			{ "ztyt", "餐饮服务经营者" }, { "jyxm", "热食类食品制售" },
			{ "csdz", "安澜区滨江大道 126 号一楼" }, { "csmj", "86" },
			{ "aqgly", "周敏" }, { "lxdh", "13987100021" },
		};
		struct case_party agent = { 0, "张伟", "53010219850315123X", "13987100022" };

		n = receipts(item(SPJY), rs, 1, "bjsb", "sqs", "未加盖公章");
		receive(SPJY, D(11, 18), (struct case_party){ 1, "安澜味道餐饮有限公司",
			"91530102MA6N8K2Q4C", "0870-6123888" }, &agent, fields, 6, rs, n, a);
		request_correction(a, SPJY, D(11, 18), rs, n);
	}
	/* B: an animal-health certificate from receipt to delivery. */
	n = receipts(item(DWFY), rs, 0, NULL, NULL, NULL);
	receive(DWFY, D(11, 2), (struct case_party){ 1, "安澜绿源养殖专业合作社",
		"93530102MA6P3T7R1Q", "13987100031" }, NULL, NULL, 0, rs, n, b);
	apply(b, CASE_EV_ACCEPTED, D(11, 2), NULL, NULL, "clerk");
	apply(b, CASE_EV_DOCUMENT_ISSUED, D(11, 2), NULL,
	      "{\"kind\": \"acceptance\", \"title\": \"受理通知书\", \"number\": \"安政服受〔2026〕0002号\","
	      " \"text\": \"受理通知书\", \"reprint\": false, \"printed\": true, \"printer\": \"counter1\"}",
	      "clerk");
	apply(b, CASE_EV_HANDED_OVER, D(11, 2), NULL,
	      "{\"register\": \"JJ-370102-01-20261102-01\", \"department\": \"云岭市安澜区农业农村局\","
	      " \"materials\": [], \"sender\": \"clerk\"}", "clerk");
	apply(b, CASE_EV_REVIEW_STARTED, D(11, 3), NULL,
	      "{\"register\": \"JJ-370102-01-20261102-01\", \"receiver\": \"liu\"}", "liu");
	apply(b, CASE_EV_SPECIAL_STARTED, D(11, 4), "现场核查养殖场的防疫条件",
	      "{\"procedure\": \"inspection\"}", "liu");
	apply(b, CASE_EV_SPECIAL_ENDED, D(11, 6), NULL, NULL, "liu");
	apply(b, CASE_EV_EXTENDED, D(11, 9), "需补充核对隔离区设置，经负责人批准延长", NULL, "liu");
	apply(b, CASE_EV_DECIDED, D(11, 12), NULL,
	      "{\"result\": \"动物防疫条件合格证\", \"licence_no\": \"（2026）安动防合字第0031号\"}", "liu");
	apply(b, CASE_EV_RESULT_HANDED_OVER, D(11, 13), NULL,
	      "{\"register\": \"JG-370102-01-20261113-01\", \"sender\": \"liu\", \"receiver\": \"clerk\","
	      " \"late\": false}", "clerk");
	apply(b, CASE_EV_NOTIFIED, D(11, 13), NULL,
	      "{\"channel\": \"phone\", \"note\": \"已电话通知申请人来窗口领证\"}", "clerk");
	apply(b, CASE_EV_DELIVERED, D(11, 16), NULL,
	      "{\"collector\": {\"name\": \"赵强\", \"id_no\": \"530102199207084524\","
	      " \"relation\": \"agent\"}, \"confirmed\": true}", "clerk");
	/* C: a birth registration closed at the window. */
	n = receipts(item(CSDJ), rs, 0, NULL, NULL, NULL);
	receive(CSDJ, D(11, 19), (struct case_party){ 0, "王芳", "11010519491231002X",
		"13987100041" }, NULL, NULL, 0, rs, n, c);
	apply(c, CASE_EV_ACCEPTED, D(11, 19), NULL, NULL, "clerk");
	apply(c, CASE_EV_DECIDED, D(11, 19), NULL, "{\"result\": \"户口登记\"}", "clerk");
	apply(c, CASE_EV_DELIVERED, D(11, 19), NULL,
	      "{\"collector\": {\"name\": \"王芳\", \"relation\": \"applicant\"}, \"confirmed\": true}",
	      "clerk");
	/* D: refused: not this office's to decide. */
	n = receipts(item(HKQY), rs, 0, NULL, NULL, NULL);
	receive(HKQY, D(11, 19), (struct case_party){ 0, "王建国", "530102199207084524",
		"13987100051" }, NULL, NULL, 0, rs, n, d);
	apply(d, CASE_EV_REJECTED, D(11, 19), "被投靠人户籍不在安澜区，不属于本机关职权范围",
	      "{\"basis\": \"《中华人民共和国行政许可法》第三十二条第一款第（二）项\","
	      " \"competent_office\": \"云岭市公安局五华分局\"}", "clerk");
	/* E: received and left: deemed accepted once the 补正 deadline passed. */
	n = receipts(item(BDC), rs, 0, NULL, NULL, NULL);
	receive(BDC, D(11, 10), (struct case_party){ 0, "王芳", "11010519491231002X",
		"13987100041" }, NULL, NULL, 0, rs, n, e);
	/* F: a second case waiting for 补正. */
	n = receipts(item(CJRZ), rs, 0, item(CJRZ)->materials[0].id, NULL, NULL);
	receive(CJRZ, D(11, 20), (struct case_party){ 0, "李娜", NULL, "13987100061" },
		NULL, NULL, 0, rs, n, f);
	request_correction(f, CJRZ, D(11, 20), rs, n);

	store_close(st);
	catalog_free(&cat);
	calendar_free(cal);
	/* Fixed times: 09:07 for the first event of a case, 7 minutes apart.
	 * Events are append-only (a trigger refuses updates): the fixture
	 * lifts the trigger for this one statement and puts it back exactly
	 * as the schema wrote it. */
	if (sqlite3_open(argv[1], &db) != SQLITE_OK)
		die("reopening", db ? sqlite3_errmsg(db) : "out of memory");
	{
		sqlite3_stmt *q = NULL;
		char *trigger = NULL;

		if (sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE type = 'trigger'"
				       " AND name = 'events_no_update'", -1, &q, NULL) != SQLITE_OK ||
		    sqlite3_step(q) != SQLITE_ROW)
			die("reading the events_no_update trigger", sqlite3_errmsg(db));
		trigger = yc_strdup((const char *)sqlite3_column_text(q, 0));
		sqlite3_finalize(q);
		if (!trigger ||
		    sqlite3_exec(db, "BEGIN; DROP TRIGGER events_no_update;"
				 " UPDATE events SET at = json_extract(body, '$.day')"
				 " || printf('T%02d:%02d:00+08:00', 9 + seq * 7 / 60, seq * 7 % 60);",
				 NULL, NULL, NULL) != SQLITE_OK ||
		    sqlite3_exec(db, trigger, NULL, NULL, NULL) != SQLITE_OK ||
		    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			die("fixing the event times", sqlite3_errmsg(db));
		free(trigger);
	}
	sqlite3_close(db);
	printf("%s\n%s\n%s\n%s\n%s\n%s\n", a, b, c, d, e, f);
	return 0;
}
