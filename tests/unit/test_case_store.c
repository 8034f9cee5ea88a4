/* test_case_store.c — cases in the workstation database: receiving,
 * appending events in one transaction each, refusals that write nothing,
 * the outbox, folding again from the stored events, case numbers, search,
 * and the migration of a version 1 database to version 2.  Real SQLite
 * files in a temporary directory, dates on the official 2026 calendar. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/casestore.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "testlib.h"

/* The schema steps of the store (schema.c), to build a version 1 file the
 * way version 1 of yichuang did. */
extern const char *const store_migrations[];

static char tmpdir[256];
static struct calendar *cal;

static int setup(void **state)
{
	char err[YC_ERRSZ];

	(void)state;
	cal = calendar_new();
	if (!cal || calendar_load_builtin(cal, err, sizeof err) != 0)
		return -1;
	return testlib_mkdtemp(tmpdir, sizeof tmpdir, "casestore");
}

static int teardown(void **state)
{
	(void)state;
	calendar_free(cal);
	return testlib_rmtree(tmpdir);
}

static const char *tpath(const char *name)
{
	static char buf[512];

	snprintf(buf, sizeof buf, "%s/%s", tmpdir, name);
	return buf;
}

static int D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

/* A new database initialised as site 370102, terminal 3. */
static struct store *open_station(const char *name)
{
	struct store *st = NULL;
	char err[YC_ERRSZ] = "";

	assert_int_equal(store_open(tpath(name), STORE_OPEN_CREATE, &st, err, sizeof err), 0);
	assert_int_equal(store_init_terminal(st, "370102", 3, err, sizeof err), 0);
	return st;
}

static int raw_int(const char *file, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	int v;

	assert_int_equal(sqlite3_open(tpath(file), &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	v = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return v;
}

static const struct case_material_receipt mats[] = {
	{ "id_card", RECEIPT_PAPER, 1, 1, 0, NULL },
	{ "licence", RECEIPT_DEFERRED, 0, 0, 0, "申请人承诺五日内补齐" },
};
static const struct case_field_value fields[] = {
	{ "shop_name", "老张面馆" },
};

/* An intake of a 20-workday item received on `day`. */
static struct case_intake intake(int day, const char *name, const char *id_no,
				 const char *item)
{
	struct case_intake in;

	memset(&in, 0, sizeof in);
	in.day = day;
	in.item_code = item;
	in.item_name = "食品经营许可";
	in.catalog_version = 1;
	in.promised_limit = 20;
	in.promised_unit = LIMIT_WORKDAYS;
	in.applicant.name = name;
	in.applicant.id_no = id_no;
	in.applicant.phone = "13800000000";
	in.fields = fields;
	in.nfields = 1;
	in.materials = mats;
	in.nmaterials = 2;
	return in;
}

static void receive(struct store *st, struct case_intake in, char *id, char *number)
{
	char err[YC_ERRSZ] = "";

	if (case_receive(st, cal, &in, "clerk1", id, number, err, sizeof err) != 0)
		fail_msg("case_receive: %s", err);
}

static void apply(struct store *st, const char *ref, struct case_event e, const char *extra)
{
	char err[YC_ERRSZ] = "";

	if (case_apply_event(st, cal, ref, &e, extra, "clerk1", NULL, err, sizeof err) != 0)
		fail_msg("case_apply_event %s: %s", casefsm_event_name(e.type), err);
}

static struct case_event ev(enum case_event_type t, int day)
{
	struct case_event e;

	memset(&e, 0, sizeof e);
	e.type = t;
	e.day = day;
	return e;
}

static void test_accepted_case_gets_state_and_promised_date_over_the_holiday(void **state)
{
	struct store *st = open_station("accept.db");
	struct case_record r;
	char id[CASE_ID_MAX], no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";
	struct case_intake in = intake(D(2026, 9, 24), "张三", "11010519491231002x", "FOOD");

	(void)state;
	in.promised_limit = 5;
	receive(st, in, id, no);
	apply(st, no, ev(CASE_EV_ACCEPTED, D(2026, 9, 24)), NULL);
	assert_int_equal(case_load(st, cal, no, &r, err, sizeof err), 1);
	assert_int_equal(r.fold.state, CASE_ACCEPTED);
	assert_int_equal(r.fold.received_on, D(2026, 9, 24));
	assert_int_equal(r.fold.accepted_on, D(2026, 9, 24));
	/* 9-25..27 and 10-01..07 are off: 28, 29, 30, 8, 9 */
	assert_int_equal(r.fold.promised_on, D(2026, 10, 9));
	assert_string_equal(r.applicant_name, "张三");
	assert_string_equal(r.applicant_id_no, "11010519491231002X");
	assert_string_equal(r.item_code, "FOOD");
	assert_string_equal(r.item_name, "食品经营许可");
	assert_int_equal(r.nevents, 2);
	assert_int_equal(r.events[0].type, CASE_EV_RECEIVED);
	assert_int_equal(r.events[1].type, CASE_EV_ACCEPTED);
	assert_string_equal(r.events[1].actor, "clerk1");
	case_record_free(&r);
	store_close(st);
	/* the projection row says the same */
	assert_int_equal(raw_int("accept.db", "SELECT count(*) FROM cases WHERE state = 'accepted'"
				 " AND promised_on = '2026-10-09' AND accepted_on = '2026-09-24'"
				 " AND received_on = '2026-09-24' AND correction_due_on = '2026-10-09'"),
			 1);
}

static void test_received_body_records_the_whole_intake(void **state)
{
	struct store *st = open_station("body.db");
	char id[CASE_ID_MAX], no[CASENO_TEXT_MAX];
	struct case_party agent = { 0, "李四", "440524188001010014", NULL };
	struct case_intake in = intake(D(2026, 3, 2), "张三", NULL, "FOOD");
	const char *sits[] = { "chain" };

	(void)state;
	in.agent = &agent;
	in.situations = sits;
	in.nsituations = 1;
	receive(st, in, id, no);
	store_close(st);
	assert_int_equal(raw_int("body.db",
				 "SELECT count(*) FROM events WHERE type = 'received'"
				 " AND json_extract(body, '$.day') = '2026-03-02'"
				 " AND json_extract(body, '$.instant') = 0"
				 " AND json_extract(body, '$.promised_limit') = 20"
				 " AND json_extract(body, '$.promised_unit') = 'workdays'"
				 " AND json_extract(body, '$.item_code') = 'FOOD'"
				 " AND json_extract(body, '$.catalog_version') = 1"
				 " AND json_extract(body, '$.applicant.kind') = 'person'"
				 " AND json_extract(body, '$.applicant.name') = '张三'"
				 " AND json_extract(body, '$.agent.name') = '李四'"
				 " AND json_extract(body, '$.fields.shop_name') = '老张面馆'"
				 " AND json_extract(body, '$.situations[0]') = 'chain'"
				 " AND json_extract(body, '$.materials[1].receipt') = 'deferred'"
				 " AND json_extract(body, '$.materials[0].originals') = 1"
				 " AND json_extract(body, '$.channel') = 'window'"), 1);
}

static void test_refused_transition_writes_nothing(void **state)
{
	struct store *st = open_station("refuse.db");
	char id[CASE_ID_MAX], no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";
	struct case_event e = ev(CASE_EV_DECIDED, D(2026, 3, 3));
	enum case_state s = CASE_NONE;

	(void)state;
	receive(st, intake(D(2026, 3, 2), "张三", NULL, "FOOD"), id, no);
	e.decision = CASE_DECISION_APPROVE;
	assert_int_equal(case_apply_event(st, cal, no, &e, NULL, "clerk1", &s, err,
					  sizeof err), -1);
	assert_non_null(strstr(err, "已接件"));	/* casefsm's message names the state */
	/* a rejection without reasons is refused by the fold too */
	e = ev(CASE_EV_REJECTED, D(2026, 3, 3));
	assert_int_equal(case_apply_event(st, cal, no, &e, NULL, "clerk1", &s, err,
					  sizeof err), -1);
	assert_non_null(strstr(err, "理由"));
	/* an unknown case */
	e = ev(CASE_EV_ACCEPTED, D(2026, 3, 3));
	assert_int_equal(case_apply_event(st, cal, "370102-03-260302-0099-0", &e, NULL,
					  "clerk1", &s, err, sizeof err), -1);
	store_close(st);
	assert_int_equal(raw_int("refuse.db", "SELECT count(*) FROM events"), 1);
	assert_int_equal(raw_int("refuse.db", "SELECT count(*) FROM outbox"), 1);
	assert_int_equal(raw_int("refuse.db", "SELECT count(*) FROM cases WHERE state = 'received'"
				 " AND last_seq = 1"), 1);
}

static void test_every_event_lands_in_the_outbox(void **state)
{
	struct store *st = open_station("outbox.db");
	char id[CASE_ID_MAX], no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";
	int n = -1;

	(void)state;
	receive(st, intake(D(2026, 3, 2), "张三", NULL, "FOOD"), id, no);
	apply(st, id, ev(CASE_EV_CORRECTION_REQUESTED, D(2026, 3, 2)),
	      "{\"problems\":[\"营业执照：未提交\"]}");
	apply(st, no, ev(CASE_EV_CORRECTION_SUPPLIED, D(2026, 3, 5)), NULL);
	assert_int_equal(store_outbox_count(st, &n, err, sizeof err), 0);
	assert_int_equal(n, 3);
	store_close(st);
	assert_int_equal(raw_int("outbox.db", "SELECT count(*) FROM events e JOIN outbox o"
				 " ON o.event_id = e.id"), 3);
	assert_int_equal(raw_int("outbox.db", "SELECT count(DISTINCT seq) FROM events"
				 " WHERE seq BETWEEN 1 AND 3"), 3);
	/* ids are version 4 UUIDs */
	assert_int_equal(raw_int("outbox.db", "SELECT count(*) FROM events WHERE length(id) = 36"
				 " AND substr(id, 15, 1) = '4'"
				 " AND substr(id, 20, 1) IN ('8', '9', 'a', 'b')"), 3);
	assert_int_equal(raw_int("outbox.db", "SELECT count(*) FROM events WHERE type ="
				 " 'correction_requested' AND json_extract(body, '$.problems[0]')"
				 " = '营业执照：未提交'"), 1);
}

static void test_events_fold_again_to_the_same_fold(void **state)
{
	struct store *st = open_station("refold.db");
	char id[CASE_ID_MAX], no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";
	struct case_deferral def[] = { { "licence", 5 } };
	struct case_event e[8];
	struct case_intake in = intake(D(2026, 3, 2), "张三", NULL, "FOOD");
	struct case_fold mem;
	struct case_record r;
	size_t ne = 0;

	(void)state;
	e[ne] = ev(CASE_EV_RECEIVED, D(2026, 3, 2));
	e[ne].promised_limit = 20;
	e[ne++].promised_unit = LIMIT_WORKDAYS;
	e[ne] = ev(CASE_EV_ACCEPTED, D(2026, 3, 2));
	e[ne].deferred = def;
	e[ne++].ndeferred = 1;
	e[ne++] = ev(CASE_EV_REVIEW_STARTED, D(2026, 3, 3));
	e[ne] = ev(CASE_EV_SPECIAL_STARTED, D(2026, 3, 4));
	e[ne++].reason = "专家评审";
	e[ne++] = ev(CASE_EV_SPECIAL_ENDED, D(2026, 3, 10));
	e[ne] = ev(CASE_EV_EXTENDED, D(2026, 3, 11));
	e[ne].reason = "情况复杂，经负责人批准";
	e[ne++].extension_days = 10;
	e[ne] = ev(CASE_EV_DEFERRED_SUPPLIED, D(2026, 3, 12));
	e[ne++].material = "licence";
	e[ne] = ev(CASE_EV_DECIDED, D(2026, 3, 20));
	e[ne++].decision = CASE_DECISION_APPROVE;

	casefsm_init(&mem);
	for (size_t i = 0; i < ne; i++)
		assert_int_equal(casefsm_apply(&mem, &e[i], cal, err, sizeof err), 0);
	receive(st, in, id, no);
	for (size_t i = 1; i < ne; i++)
		apply(st, no, e[i], NULL);
	store_close(st);

	/* reopened: the fold comes from the stored events alone */
	assert_int_equal(store_open(tpath("refold.db"), STORE_OPEN_EXISTING, &st, err,
				    sizeof err), 0);
	assert_int_equal(case_load(st, cal, id, &r, err, sizeof err), 1);
	assert_int_equal(r.nevents, ne);
	assert_memory_equal(&r.fold, &mem, sizeof mem);
	assert_int_equal(r.fold.state, CASE_DECIDED);
	assert_int_equal(r.fold.extension_days, 10);
	assert_int_equal(r.fold.ndeferred, 1);
	assert_int_equal(r.fold.deferred[0].supplied_on, D(2026, 3, 12));
	case_record_free(&r);
	store_close(st);
	assert_int_equal(raw_int("refold.db", "SELECT count(*) FROM cases WHERE state = 'decided'"
				 " AND decided_on = '2026-03-20' AND last_seq = 8"), 1);
	assert_int_equal(raw_int("refold.db", "SELECT count(*) FROM events WHERE type = 'accepted'"
				 " AND json_extract(body, '$.deferred[0].material') = 'licence'"
				 " AND json_extract(body, '$.deferred[0].days') = 5"
				 " AND json_extract(body, '$.deferred[0].due') = '2026-03-09'"), 1);
}

static void test_case_numbers_are_unique_and_valid(void **state)
{
	struct store *st = open_station("numbers.db");
	char id[5][CASE_ID_MAX], no[5][CASENO_TEXT_MAX];
	struct caseno parsed;

	(void)state;
	for (int i = 0; i < 5; i++)
		receive(st, intake(D(2026, 3, 2), "张三", NULL, "FOOD"), id[i], no[i]);
	for (int i = 0; i < 5; i++) {
		assert_int_equal(caseno_parse(no[i], &parsed, NULL, 0), CASENO_OK);
		assert_string_equal(parsed.site, "370102");
		assert_int_equal(parsed.terminal, 3);
		assert_int_equal(parsed.day, D(2026, 3, 2));
		assert_int_equal(parsed.seq, (unsigned long)i + 1);
		for (int j = 0; j < i; j++) {
			assert_string_not_equal(no[i], no[j]);
			assert_string_not_equal(id[i], id[j]);
		}
	}
	store_close(st);
}

/* A case id chosen beforehand (the intake draft keeps it) is the case's
 * id; receiving a second case under it is refused and writes nothing. */
static void test_receive_uses_an_id_chosen_beforehand(void **state)
{
	struct store *st = open_station("chosen.db");
	struct case_intake in = intake(D(2026, 3, 2), "张三", NULL, "FOOD");
	char want[CASE_ID_MAX], id[CASE_ID_MAX], no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";
	struct case_record r;

	(void)state;
	assert_int_equal(case_uuid(want), 0);
	in.id = want;
	assert_int_equal(case_receive(st, cal, &in, "clerk", id, no, err, sizeof err), 0);
	assert_string_equal(id, want);
	assert_int_equal(case_load(st, cal, want, &r, err, sizeof err), 1);
	assert_string_equal(r.number, no);
	case_record_free(&r);
	assert_int_equal(case_receive(st, cal, &in, "clerk", id, no, err, sizeof err), -1);
	assert_int_equal(raw_int("chosen.db", "SELECT count(*) FROM cases"), 1);
	assert_int_equal(raw_int("chosen.db", "SELECT count(*) FROM events"), 1);
	store_close(st);
}

static void test_receive_needs_the_terminal_identity(void **state)
{
	struct store *st = NULL;
	char id[CASE_ID_MAX], no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";
	struct case_intake in = intake(D(2026, 3, 2), "张三", NULL, "FOOD");

	(void)state;
	assert_int_equal(store_open(tpath("noid.db"), STORE_OPEN_CREATE, &st, err, sizeof err), 0);
	assert_int_equal(case_receive(st, cal, &in, "clerk1", id, no, err, sizeof err), -1);
	assert_non_null(strstr(err, "yichuang init"));
	store_close(st);
	assert_int_equal(raw_int("noid.db", "SELECT count(*) FROM cases"), 0);
}

/* Runs a search and returns how many it found; names[i] get the
 * applicants' names. */
static size_t search(struct store *st, enum case_query k, const char *v,
		     const char **names, size_t max)
{
	struct case_summary *s = NULL;
	char err[YC_ERRSZ] = "";
	size_t n = 0;
	static char keep[16][64];

	if (case_search(st, k, v, 0, &s, &n, err, sizeof err) != 0)
		fail_msg("case_search: %s", err);
	for (size_t i = 0; i < n && i < max && i < 16; i++) {
		snprintf(keep[i], sizeof keep[i], "%s", s[i].applicant_name);
		names[i] = keep[i];
	}
	case_summaries_free(s, n);
	return n;
}

static void test_search_by_number_id_name_prefix_and_item(void **state)
{
	struct store *st = open_station("search.db");
	char id[4][CASE_ID_MAX], no[4][CASENO_TEXT_MAX], typed[64], err[YC_ERRSZ] = "";
	const char *names[8];
	struct case_summary *s = NULL;
	size_t n;

	(void)state;
	receive(st, intake(D(2026, 3, 2), "张三", "11010519491231002X", "FOOD"), id[0], no[0]);
	receive(st, intake(D(2026, 3, 3), "张三丰", NULL, "FOOD"), id[1], no[1]);
	receive(st, intake(D(2026, 3, 4), "李张", "440524188001010014", "BIZ"), id[2], no[2]);
	receive(st, intake(D(2026, 3, 5), "王五", NULL, "BIZ"), id[3], no[3]);

	/* by number, typed without dashes and in lowercase */
	n = 0;
	for (const char *p = no[2]; *p; p++)
		if (*p != '-')
			typed[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	typed[n] = '\0';
	assert_int_equal(search(st, CASE_Q_NUMBER, typed, names, 8), 1);
	assert_string_equal(names[0], "李张");
	/* by ID number; a lowercase x finds the uppercase one */
	assert_int_equal(search(st, CASE_Q_ID_NO, "11010519491231002x", names, 8), 1);
	assert_string_equal(names[0], "张三");
	/* by name prefix: newest first, 李张 not found */
	assert_int_equal(search(st, CASE_Q_NAME_PREFIX, "张", names, 8), 2);
	assert_string_equal(names[0], "张三丰");
	assert_string_equal(names[1], "张三");
	assert_int_equal(search(st, CASE_Q_NAME_PREFIX, "张三丰", names, 8), 1);
	/* by item, newest first */
	assert_int_equal(search(st, CASE_Q_ITEM_CODE, "BIZ", names, 8), 2);
	assert_string_equal(names[0], "王五");
	assert_int_equal(search(st, CASE_Q_STATE, "received", names, 8), 4);
	assert_int_equal(search(st, CASE_Q_ALL, NULL, names, 8), 4);
	/* the limit */
	assert_int_equal(case_search(st, CASE_Q_ALL, NULL, 3, &s, &n, err, sizeof err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(s[0].number, no[3]);
	assert_int_equal(s[0].state, CASE_RECEIVED);
	assert_int_equal(s[0].received_on, D(2026, 3, 5));
	assert_int_equal(s[0].promised_on, 0);
	assert_string_equal(s[0].item_name, "食品经营许可");
	case_summaries_free(s, n);
	/* a mistyped number is refused with caseno's message */
	snprintf(typed, sizeof typed, "%s", no[0]);
	typed[strlen(typed) - 1] = typed[strlen(typed) - 1] == '0' ? '1' : '0';
	assert_int_equal(case_search(st, CASE_Q_NUMBER, typed, 0, &s, &n, err, sizeof err), -1);
	assert_non_null(strstr(err, "校验"));
	store_close(st);
}

static void test_like_wildcards_in_names_are_literal(void **state)
{
	struct store *st = open_station("wild.db");
	char id[CASE_ID_MAX], no[CASENO_TEXT_MAX];
	const char *names[8];

	(void)state;
	receive(st, intake(D(2026, 3, 2), "张三", NULL, "FOOD"), id, no);
	receive(st, intake(D(2026, 3, 2), "100%公司", NULL, "FOOD"), id, no);
	receive(st, intake(D(2026, 3, 2), "a_b", NULL, "FOOD"), id, no);
	assert_int_equal(search(st, CASE_Q_NAME_PREFIX, "%", names, 8), 0);
	assert_int_equal(search(st, CASE_Q_NAME_PREFIX, "_", names, 8), 0);
	assert_int_equal(search(st, CASE_Q_NAME_PREFIX, "张_", names, 8), 0);
	assert_int_equal(search(st, CASE_Q_NAME_PREFIX, "100%", names, 8), 1);
	assert_string_equal(names[0], "100%公司");
	assert_int_equal(search(st, CASE_Q_NAME_PREFIX, "a_", names, 8), 1);
	assert_int_equal(search(st, CASE_Q_NAME_PREFIX, "A", names, 8), 0);
	store_close(st);
}

static void test_extra_body_cannot_override_the_events_own_fields(void **state)
{
	struct store *st = open_station("extra.db");
	char id[CASE_ID_MAX], no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";
	struct case_event e = ev(CASE_EV_REJECTED, D(2026, 3, 2));

	(void)state;
	receive(st, intake(D(2026, 3, 2), "张三", NULL, "FOOD"), id, no);
	e.reason = "不属于本机关职权范围";
	assert_int_equal(case_apply_event(st, cal, no, &e, "{\"day\":\"2026-01-01\"}", "clerk1",
					  NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "day"));
	assert_int_equal(case_apply_event(st, cal, no, &e, "[1, 2]", "clerk1", NULL, err,
					  sizeof err), -1);
	assert_non_null(strstr(err, "JSON"));
	apply(st, no, e, "{\"basis\":\"行政许可法第三十二条\",\"competent_office\":\"市场监管局\"}");
	store_close(st);
	assert_int_equal(raw_int("extra.db", "SELECT count(*) FROM events WHERE type = 'rejected'"
				 " AND json_extract(body, '$.reason') = '不属于本机关职权范围'"
				 " AND json_extract(body, '$.competent_office') = '市场监管局'"), 1);
	assert_int_equal(raw_int("extra.db", "SELECT count(*) FROM cases WHERE state = 'rejected'"
				 " AND closed_on = '2026-03-02'"), 1);
}

static void test_version_1_database_migrates_keeping_its_data(void **state)
{
	struct store *st = NULL;
	struct case_record r;
	char err[YC_ERRSZ] = "", *body = NULL;
	sqlite3 *db = NULL;

	(void)state;
	assert_int_equal(sqlite3_open(tpath("v1.db"), &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, store_migrations[0], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
		"INSERT INTO terminal (id, site, number) VALUES (1, '370102', 3);"
		"INSERT INTO cases (id, number, item_code, catalog_version, state, applicant_name,"
		" received_on, last_seq) VALUES ('c1', '370102-03-260302-0001-X', 'FOOD', 1,"
		" 'received', '张三', '2026-03-02', 1);"
		"INSERT INTO events (id, case_id, seq, type, at, actor, body) VALUES ('e1', 'c1', 1,"
		" 'received', '2026-03-02T09:00:00+08:00', 'clerk1', '{\"day\":\"2026-03-02\","
		"\"instant\":false,\"promised_limit\":20,\"promised_unit\":\"workdays\"}');"
		"INSERT INTO outbox (event_id) VALUES ('e1');"
		"INSERT INTO drafts (id, user_name, body) VALUES ('d1', 'clerk1', '{\"a\":1}');"
		"INSERT INTO drafts (id, user_name, body) VALUES ('d2', 'clerk1', '{\"a\":2}');"
		"INSERT INTO users (name, role, pw_hash) VALUES ('clerk1', 'clerk', 'x');",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(raw_int("v1.db", "PRAGMA user_version"), 1);

	assert_int_equal(store_open(tpath("v1.db"), STORE_OPEN_EXISTING, &st, err, sizeof err), 0);
	assert_int_equal(case_load(st, cal, "c1", &r, err, sizeof err), 1);
	assert_int_equal(r.fold.state, CASE_RECEIVED);
	assert_int_equal(r.fold.correction_deadline, D(2026, 3, 9));
	case_record_free(&r);
	/* the newest v1 draft is the user's intake draft; the older is kept */
	assert_int_equal(draft_load(st, "clerk1", "intake", &body, err, sizeof err), 1);
	assert_string_equal(body, "{\"a\":2}");
	free(body);
	assert_int_equal(draft_load(st, "clerk1", "intake-d1", &body, err, sizeof err), 1);
	free(body);
	store_close(st);
	assert_int_equal(raw_int("v1.db", "PRAGMA user_version"), store_schema_version());
	assert_int_equal(raw_int("v1.db", "SELECT count(*) FROM outbox"), 1);
	assert_int_equal(raw_int("v1.db", "SELECT count(*) FROM users WHERE name = 'clerk1'"
				 " AND failed_logins = 0 AND last_failed_at IS NULL"), 1);
	assert_int_equal(raw_int("v1.db", "SELECT count(*) FROM queue_tickets"), 0);
	assert_int_equal(raw_int("v1.db", "SELECT count(*) FROM consultations"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted_case_gets_state_and_promised_date_over_the_holiday),
		cmocka_unit_test(test_received_body_records_the_whole_intake),
		cmocka_unit_test(test_refused_transition_writes_nothing),
		cmocka_unit_test(test_every_event_lands_in_the_outbox),
		cmocka_unit_test(test_events_fold_again_to_the_same_fold),
		cmocka_unit_test(test_case_numbers_are_unique_and_valid),
		cmocka_unit_test(test_receive_uses_an_id_chosen_beforehand),
		cmocka_unit_test(test_receive_needs_the_terminal_identity),
		cmocka_unit_test(test_search_by_number_id_name_prefix_and_item),
		cmocka_unit_test(test_like_wildcards_in_names_are_literal),
		cmocka_unit_test(test_extra_body_cannot_override_the_events_own_fields),
		cmocka_unit_test(test_version_1_database_migrates_keeping_its_data),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
