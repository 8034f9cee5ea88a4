/*
 * doccase.h — the fixture of the document tests (test_document.c,
 * test_document_decisions.c): an item of the catalog, the centre's
 * settings, and cases built in memory, folded with casefsm on the
 * official 2026 calendar, with helpers to build a document and look for
 * text in it.  Header only, as testlib.h.
 */
#ifndef YICHUANG_DOCCASE_H
#define YICHUANG_DOCCASE_H

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

static inline int setup(void **state)
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

static inline int teardown(void **state)
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

static inline void tcase_init(struct tcase *tc, const char *applicant)
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
static inline void tcase_event(struct tcase *tc, struct case_event e, const char *members)
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

static inline struct case_event ev(enum case_event_type t)
{
	struct case_event e;

	memset(&e, 0, sizeof e);
	e.type = t;
	return e;
}

static inline void received(struct tcase *tc)
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

static inline void accepted(struct tcase *tc)
{
	received(tc);
	tcase_event(tc, ev(CASE_EV_ACCEPTED), NULL);
}

static inline void in_review(struct tcase *tc)
{
	accepted(tc);
	tcase_event(tc, ev(CASE_EV_HANDED_OVER),
		    "\"register\":\"JJ-20261120-01\",\"department\":\"历下区市场监督管理局\","
		    "\"materials\":[{\"id\":\"sqs\",\"name\":\"食品经营许可申请书\",\"originals\":1,\"copies\":2}],"
		    "\"sender\":\"clerk\"");
	tcase_event(tc, ev(CASE_EV_REVIEW_STARTED), "\"register\":\"JJ-20261120-01\",\"receiver\":\"wang\"");
}

static inline void decided(struct tcase *tc, int deny)
{
	struct case_event e = ev(CASE_EV_DECIDED);

	in_review(tc);
	e.decision = deny ? CASE_DECISION_DENY : CASE_DECISION_APPROVE;
	e.reason = deny ? "经营场所与污染源距离不足二十五米" : NULL;
	tcase_event(tc, e, deny ? "\"reason\":\"经营场所与污染源距离不足二十五米\""
				: "\"result\":\"食品经营许可证\",\"licence_no\":\"JY123456\"");
}

/* ---- building and checking ----------------------------------------------- */

static inline char *build(struct tcase *tc, enum doc_kind kind, struct document *d)
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
static inline char *flat(const char *text)
{
	char *s = strdup(text), *o = s;

	assert_non_null(s);
	for (const char *p = text; *p; p++)
		if (*p != '\n' && *p != ' ')
			*o++ = *p;
	*o = '\0';
	return s;
}

static inline void has(const char *text, const char *want)
{
	char *f = flat(text), *w = flat(want);

	if (!strstr(f, w))
		fail_msg("the document lacks \"%s\":\n%s", want, text);
	free(f);
	free(w);
}

static inline void lacks(const char *text, const char *unwanted)
{
	if (strstr(text, unwanted))
		fail_msg("the document has \"%s\":\n%s", unwanted, text);
}

static inline void refused(struct tcase *tc, enum doc_kind kind, const char *why)
{
	struct document d;
	char err[YC_ERRSZ] = "";

	assert_int_equal(doc_build_case(&d, kind, &tc->r, &cat.items[0], &settings, cal, D0,
					err, sizeof err), -1);
	if (!strstr(err, why) || !strstr(err, tc->r.number))
		fail_msg("message \"%s\" should name the case and say \"%s\"", err, why);
}

static inline size_t count_blocks(const struct document *d, enum doc_block_kind k)
{
	size_t n = 0;

	for (size_t i = 0; i < d->nblocks; i++)
		n += d->blocks[i].kind == k;
	return n;
}

/* What every case document carries: number, case number, progress
 * address, the seal and the date. */
static inline void common_elements(const struct tcase *tc, const struct document *d, const char *text)
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
	/* the department's own decisions bear its seal, the rest the centre's */
	has(text, d->kind == DOC_EXTENSION || d->kind == DOC_SPECIAL || d->kind == DOC_DENIAL
		  ? "历下区市场监督管理局（印章）" : "历下区政务服务中心（受理专用章）");
	has(text, "2026年11月20日");
}


#endif
