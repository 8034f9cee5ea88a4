/* test_sync_store.c — the workstation database's side of sync: outbox
 * batches and their idempotency keys, central's answers (accepted,
 * duplicate, conflict, invalid, unanswered), pulled pages applied with the
 * cursor in one transaction (unknown cases created, own events coming
 * back, events appended and folded in central's order), reference data
 * (catalog versions, calendars, users, settings), registration and the
 * conflicts worklist.  Real SQLite files in a temporary directory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/auth.h"
#include "yichuang/casestore.h"
#include "yichuang/codec.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/syncstore.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "testlib.h"

static char tmpdir[256];
static struct calendar *cal;

static int setup(void **state)
{
	char err[YC_ERRSZ];

	(void)state;
	cal = calendar_new();
	if (!cal || calendar_load_builtin(cal, err, sizeof err) != 0)
		return -1;
	return testlib_mkdtemp(tmpdir, sizeof tmpdir, "syncstore");
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

/* A new database initialised as site 370102, terminal 3. */
static struct store *open_station(const char *name)
{
	struct store *st = NULL;
	char err[YC_ERRSZ] = "";

	assert_int_equal(store_open(tpath(name), STORE_OPEN_CREATE, &st, err, sizeof err), 0);
	assert_int_equal(store_init_terminal(st, "370102", 3, err, sizeof err), 0);
	return st;
}

/* An integer the SQL query answers, read through a second connection. */
static long long raw_int(const char *file, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	long long v;

	assert_int_equal(sqlite3_open(tpath(file), &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return v;
}

/* A text the SQL query answers ("" for NULL), copied into buf. */
static const char *raw_text(const char *file, const char *sql)
{
	static char buf[512];
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	const unsigned char *s;

	assert_int_equal(sqlite3_open(tpath(file), &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	s = sqlite3_column_text(q, 0);
	snprintf(buf, sizeof buf, "%s", s ? (const char *)s : "");
	sqlite3_finalize(q);
	sqlite3_close(db);
	return buf;
}

/* Receives a case for 张三 on 2026-11-20 (20 working days promised). */
static void receive(struct store *st, char id[CASE_ID_MAX], char number[CASENO_TEXT_MAX])
{
	struct case_intake in;
	char err[YC_ERRSZ] = "";

	memset(&in, 0, sizeof in);
	in.day = date_from_ymd(2026, 11, 20);
	in.item_code = "370100-000-XK-001";
	in.item_name = "食品经营许可";
	in.catalog_version = 1;
	in.promised_limit = 20;
	in.promised_unit = LIMIT_WORKDAYS;
	in.applicant.name = "张三";
	assert_int_equal(case_receive(st, cal, &in, "clerk", id, number, err, sizeof err), 0);
}

/* Appends a state-changing event by the clerk on 2026-11-23. */
static void apply(struct store *st, const char *id, enum case_event_type type)
{
	struct case_event e;
	char err[YC_ERRSZ] = "";

	memset(&e, 0, sizeof e);
	e.type = type;
	e.day = date_from_ymd(2026, 11, 23);
	if (type == CASE_EV_REJECTED)
		e.reason = "不属于本机关职权范围";
	assert_int_equal(case_apply_event(st, cal, id, &e, NULL, "clerk", NULL, err, sizeof err), 0);
}

/* A pulled event: strings copied so that codec_event_clear may free them. */
static void pulled(struct codec_event *ev, const char *id, const char *case_id,
		   const char *number, enum case_event_type type, const char *body,
		   long long seq)
{
	memset(ev, 0, sizeof *ev);
	snprintf(ev->id, sizeof ev->id, "%s", id);
	snprintf(ev->case_id, sizeof ev->case_id, "%s", case_id);
	ev->case_number = yc_strdup(number);
	ev->type = type;
	ev->at = yc_strdup("2026-11-20T09:15:00+08:00");
	ev->actor = yc_strdup("wang");
	ev->body = yc_strdup(body);
	ev->seq = seq;
	ev->terminal = yc_strdup("370102-05");
}

#define OTHER_CASE "6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b"
#define OTHER_NUMBER "370102-05-261120-0001-X"
#define RECEIVED_BODY \
	"{\"day\":\"2026-11-20\",\"instant\":false,\"promised_limit\":20," \
	"\"promised_unit\":\"workdays\",\"item_code\":\"370100-000-XK-002\"," \
	"\"catalog_version\":4,\"item_name\":\"餐饮服务许可\"," \
	"\"applicant\":{\"kind\":\"org\",\"name\":\"云岭餐饮有限公司\"," \
	"\"id_no\":\"91530102MA6K000001\",\"phone\":\"0871-1234567\"}," \
	"\"fields\":{},\"situations\":[],\"materials\":[],\"channel\":\"online\"}"
#define ACCEPTED_BODY "{\"day\":\"2026-11-23\",\"deferred\":[]}"

/* The case number of a local case, for a pulled copy of its event. */
static const char *number_of(const char *file, const char *id)
{
	char sql[256];

	snprintf(sql, sizeof sql, "SELECT number FROM cases WHERE id = '%s'", id);
	return raw_text(file, sql);
}

/* ---- push ---------------------------------------------------------------- */

static void test_batch_keeps_its_key_and_events_until_answered(void **state)
{
	struct store *st = open_station("batch.db");
	struct syncstore_batch a, b, c;
	char id[CASE_ID_MAX], no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";

	(void)state;
	for (int i = 0; i < 3; i++)
		receive(st, id, no);
	assert_int_equal(syncstore_next_batch(st, 2, &a, err, sizeof err), 1);
	assert_int_equal(a.n, 2);
	assert_int_equal(a.resent, 0);
	assert_true(codec_uuid_valid(a.key));
	assert_int_equal(raw_int("batch.db", "SELECT count(*) FROM outbox WHERE batch_key IS NOT NULL"), 2);
	/* Not answered (connection cut): the same key and events again. */
	assert_int_equal(syncstore_next_batch(st, 2, &b, err, sizeof err), 1);
	assert_string_equal(b.key, a.key);
	assert_int_equal(b.resent, 1);
	assert_int_equal(b.n, 2);
	assert_string_equal(b.ev[0].id, a.ev[0].id);
	assert_string_equal(b.ev[1].id, a.ev[1].id);
	assert_string_equal(b.ev[0].body, a.ev[0].body);
	assert_int_equal(b.ev[0].type, CASE_EV_RECEIVED);
	assert_string_equal(b.ev[0].actor, "clerk");
	assert_non_null(strstr(b.ev[0].case_number, "370102-03-261120-"));
	syncstore_batch_free(&b);
	assert_int_equal(syncstore_batch_failed(st, a.key, "连接中断", err, sizeof err), 0);
	assert_int_equal(raw_int("batch.db", "SELECT sum(attempts) FROM outbox"), 2);

	{
		struct codec_result r[2];

		memset(r, 0, sizeof r);
		snprintf(r[0].id, sizeof r[0].id, "%s", a.ev[0].id);
		r[0].status = CODEC_ACCEPTED;
		r[0].seq = 11;
		snprintf(r[1].id, sizeof r[1].id, "%s", a.ev[1].id);
		r[1].status = CODEC_ACCEPTED;
		r[1].seq = 12;
		assert_int_equal(syncstore_mark_results(st, cal, &a, r, 2, NULL, err, sizeof err), 0);
	}
	assert_int_equal(syncstore_next_batch(st, 2, &c, err, sizeof err), 1);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.resent, 0);
	assert_string_not_equal(c.key, a.key);
	syncstore_batch_free(&a);
	syncstore_batch_free(&c);
	store_close(st);
}

static void test_empty_outbox_gives_no_batch(void **state)
{
	struct store *st = open_station("empty.db");
	struct syncstore_batch b;
	char err[YC_ERRSZ] = "";

	(void)state;
	assert_int_equal(syncstore_next_batch(st, 200, &b, err, sizeof err), 0);
	assert_int_equal(b.n, 0);
	store_close(st);
}

static void test_accepted_and_duplicate_leave_outbox_with_server_seq(void **state)
{
	struct store *st = open_station("accepted.db");
	struct syncstore_batch b;
	struct syncstore_push_stats s = { 0, 0, 0 };
	struct codec_result r[2];
	char id[CASE_ID_MAX], no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";
	int pending = -1;

	(void)state;
	receive(st, id, no);
	apply(st, id, CASE_EV_ACCEPTED);
	assert_int_equal(syncstore_next_batch(st, 200, &b, err, sizeof err), 1);
	assert_int_equal(b.n, 2);
	memset(r, 0, sizeof r);
	snprintf(r[0].id, sizeof r[0].id, "%s", b.ev[0].id);
	r[0].status = CODEC_ACCEPTED;
	r[0].seq = 41;
	snprintf(r[1].id, sizeof r[1].id, "%s", b.ev[1].id);
	r[1].status = CODEC_DUPLICATE;
	r[1].seq = 42;
	assert_int_equal(syncstore_mark_results(st, cal, &b, r, 2, &s, err, sizeof err), 0);
	assert_int_equal(s.accepted, 2);
	assert_int_equal(s.refused, 0);
	assert_int_equal(store_outbox_count(st, &pending, err, sizeof err), 0);
	assert_int_equal(pending, 0);
	assert_int_equal(raw_int("accepted.db",
				 "SELECT group_concat(server_seq) = '41,42' FROM (SELECT server_seq"
				 " FROM event_sync s JOIN events e ON e.id = s.event_id ORDER BY e.seq)"), 1);
	assert_int_equal(raw_int("accepted.db", "SELECT count(*) FROM sync_conflicts"), 0);
	syncstore_batch_free(&b);
	store_close(st);
}

static void test_conflict_recorded_flags_case_and_leaves_outbox(void **state)
{
	struct store *st = open_station("conflict.db");
	struct syncstore_batch b;
	struct syncstore_push_stats s = { 0, 0, 0 };
	struct syncstore_conflict *v = NULL;
	struct codec_result r[2];
	char id[CASE_ID_MAX], no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";
	size_t n = 0;
	int count = -1;

	(void)state;
	receive(st, id, no);
	apply(st, id, CASE_EV_ACCEPTED);
	assert_int_equal(syncstore_next_batch(st, 200, &b, err, sizeof err), 1);
	memset(r, 0, sizeof r);
	snprintf(r[0].id, sizeof r[0].id, "%s", b.ev[0].id);
	r[0].status = CODEC_ACCEPTED;
	r[0].seq = 7;
	snprintf(r[1].id, sizeof r[1].id, "%s", b.ev[1].id);
	r[1].status = CODEC_CONFLICT;
	snprintf(r[1].state, sizeof r[1].state, "rejected");
	snprintf(r[1].reason, sizeof r[1].reason, "状态为“不予受理”的办件不能受理");
	assert_int_equal(syncstore_mark_results(st, cal, &b, r, 2, &s, err, sizeof err), 0);
	assert_int_equal(s.accepted, 1);
	assert_int_equal(s.refused, 1);
	assert_int_equal(raw_int("conflict.db", "SELECT count(*) FROM outbox"), 0);
	assert_int_equal(raw_int("conflict.db", "SELECT conflict FROM cases"), 1);
	/* The refused 受理 no longer counts: the case is as central holds it. */
	assert_string_equal(raw_text("conflict.db", "SELECT state FROM cases"), "received");
	assert_int_equal(raw_int("conflict.db", "SELECT count(*) FROM events"), 2);

	assert_int_equal(syncstore_conflict_count(st, &count, err, sizeof err), 0);
	assert_int_equal(count, 1);
	assert_int_equal(syncstore_conflicts(st, 0, &v, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].event_id, b.ev[1].id);
	assert_string_equal(v[0].case_id, id);
	assert_string_equal(v[0].case_number, no);
	assert_string_equal(v[0].event_type, "accepted");
	assert_string_equal(v[0].status, "conflict");
	assert_string_equal(v[0].server_state, "rejected");
	assert_string_equal(v[0].reason, "状态为“不予受理”的办件不能受理");
	assert_int_equal(v[0].resolved, 0);

	assert_int_equal(syncstore_conflict_resolve(st, v[0].id, "supervisor", "已电话告知申请人",
						    err, sizeof err), 1);
	assert_int_equal(syncstore_conflict_resolve(st, v[0].id, "supervisor", "again",
						    err, sizeof err), 0);
	assert_int_equal(raw_int("conflict.db", "SELECT conflict FROM cases"), 0);
	syncstore_conflicts_free(v, n);
	assert_int_equal(syncstore_conflicts(st, 0, &v, &n, err, sizeof err), 0);
	assert_int_equal(n, 0);
	syncstore_conflicts_free(v, n);
	assert_int_equal(syncstore_conflicts(st, 1, &v, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].resolved, 1);
	assert_string_equal(v[0].resolution, "已电话告知申请人");
	syncstore_conflicts_free(v, n);
	syncstore_batch_free(&b);
	store_close(st);
}

static void test_invalid_recorded_with_reason(void **state)
{
	struct store *st = open_station("invalid.db");
	struct syncstore_batch b;
	struct codec_result r;
	char id[CASE_ID_MAX], no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";

	(void)state;
	receive(st, id, no);
	assert_int_equal(syncstore_next_batch(st, 200, &b, err, sizeof err), 1);
	memset(&r, 0, sizeof r);
	snprintf(r.id, sizeof r.id, "%s", b.ev[0].id);
	r.status = CODEC_INVALID;
	snprintf(r.reason, sizeof r.reason, "同一事件编号的内容不同");
	assert_int_equal(syncstore_mark_results(st, cal, &b, &r, 1, NULL, err, sizeof err), 0);
	assert_string_equal(raw_text("invalid.db", "SELECT status || ':' || reason ||"
				     " coalesce(server_state, '-') FROM sync_conflicts"),
			    "invalid:同一事件编号的内容不同-");
	assert_int_equal(raw_int("invalid.db", "SELECT count(*) FROM outbox"), 0);
	assert_int_equal(raw_int("invalid.db", "SELECT conflict FROM cases"), 1);
	syncstore_batch_free(&b);
	store_close(st);
}

static void test_unanswered_events_go_back_without_key(void **state)
{
	struct store *st = open_station("unanswered.db");
	struct syncstore_batch b;
	struct syncstore_push_stats s = { 0, 0, 0 };
	struct codec_result r;
	char id[CASE_ID_MAX], no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";

	(void)state;
	receive(st, id, no);
	receive(st, id, no);
	assert_int_equal(syncstore_next_batch(st, 200, &b, err, sizeof err), 1);
	memset(&r, 0, sizeof r);
	snprintf(r.id, sizeof r.id, "%s", b.ev[0].id);
	r.status = CODEC_ACCEPTED;
	r.seq = 3;
	assert_int_equal(syncstore_mark_results(st, cal, &b, &r, 1, &s, err, sizeof err), 0);
	assert_int_equal(s.unanswered, 1);
	assert_int_equal(raw_int("unanswered.db",
				 "SELECT count(*) FROM outbox WHERE batch_key IS NULL"), 1);
	syncstore_batch_free(&b);
	store_close(st);
}

/* ---- pull ---------------------------------------------------------------- */

static void test_pull_creates_unknown_case_from_received_body(void **state)
{
	struct store *st = open_station("create.db");
	struct syncstore_pull_stats s = { 0, 0, 0, 0 };
	struct codec_event ev[2];
	char err[YC_ERRSZ] = "";
	long long cursor = -1;

	(void)state;
	pulled(&ev[0], "0a1b2c3d-0000-4000-8000-000000000001", OTHER_CASE, OTHER_NUMBER,
	       CASE_EV_RECEIVED, RECEIVED_BODY, 5);
	pulled(&ev[1], "0a1b2c3d-0000-4000-8000-000000000002", OTHER_CASE, OTHER_NUMBER,
	       CASE_EV_ACCEPTED, ACCEPTED_BODY, 6);
	assert_int_equal(syncstore_apply_page(st, cal, ev, 2, 6, &s, err, sizeof err), 0);
	assert_int_equal(s.added, 2);
	assert_int_equal(s.cases_created, 1);
	assert_int_equal(s.own, 0);
	assert_string_equal(raw_text("create.db",
				     "SELECT number || '|' || item_code || '|' || item_name || '|' ||"
				     " catalog_version || '|' || applicant_kind || '|' || applicant_name"
				     " || '|' || applicant_id_no || '|' || phone || '|' || channel || '|'"
				     " || received_on || '|' || accepted_on || '|' || state || '|' ||"
				     " last_seq || '|' || conflict FROM cases"),
			    OTHER_NUMBER "|370100-000-XK-002|餐饮服务许可|4|2|云岭餐饮有限公司|"
			    "91530102MA6K000001|0871-1234567|online|2026-11-20|2026-11-23|accepted|2|0");
	assert_string_equal(raw_text("create.db", "SELECT group_concat(seq || ':' || type || ':'"
				     " || actor, ' ') FROM events"), "1:received:wang 2:accepted:wang");
	assert_int_equal(raw_int("create.db", "SELECT count(*) FROM outbox"), 0);
	assert_string_equal(raw_text("create.db", "SELECT group_concat(server_seq || terminal)"
				     " FROM event_sync"), "5370102-05,6370102-05");
	assert_int_equal(syncstore_cursor(st, &cursor, err, sizeof err), 0);
	assert_int_equal(cursor, 6);
	codec_events_free(NULL, 0);
	codec_event_clear(&ev[0]);
	codec_event_clear(&ev[1]);
	store_close(st);
}

static void test_pull_own_events_coming_back_only_record_seq(void **state)
{
	struct store *st = open_station("own.db");
	struct syncstore_pull_stats s = { 0, 0, 0, 0 };
	struct codec_event ev;
	char id[CASE_ID_MAX], no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";
	char eid[CASE_ID_MAX], body[1024];

	(void)state;
	receive(st, id, no);
	snprintf(eid, sizeof eid, "%s", raw_text("own.db", "SELECT id FROM events"));
	snprintf(body, sizeof body, "%s", raw_text("own.db", "SELECT body FROM events"));
	/* Pushed, accepted, reply lost; then the batch key is on the row. */
	pulled(&ev, eid, id, no, CASE_EV_RECEIVED, body, 77);
	assert_int_equal(syncstore_apply_page(st, cal, &ev, 1, 77, &s, err, sizeof err), 0);
	assert_int_equal(s.own, 1);
	assert_int_equal(s.added, 0);
	assert_int_equal(s.cases_created, 0);
	assert_int_equal(raw_int("own.db", "SELECT count(*) FROM events"), 1);
	assert_int_equal(raw_int("own.db", "SELECT server_seq FROM event_sync"), 77);
	/* Central holds it: it no longer waits in the outbox. */
	assert_int_equal(raw_int("own.db", "SELECT count(*) FROM outbox"), 0);
	assert_string_equal(raw_text("own.db", "SELECT state FROM cases"), "received");
	assert_string_equal(number_of("own.db", id), no);
	codec_event_clear(&ev);
	store_close(st);
}

static void test_pull_own_event_in_a_sent_batch_stays_for_the_batch(void **state)
{
	struct store *st = open_station("ownbatch.db");
	struct syncstore_batch b;
	struct codec_event ev;
	char id[CASE_ID_MAX], no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";

	(void)state;
	receive(st, id, no);
	assert_int_equal(syncstore_next_batch(st, 200, &b, err, sizeof err), 1);
	pulled(&ev, b.ev[0].id, id, no, CASE_EV_RECEIVED, b.ev[0].body, 9);
	assert_int_equal(syncstore_apply_page(st, cal, &ev, 1, 9, NULL, err, sizeof err), 0);
	/* The batch must go again unchanged under its key. */
	assert_int_equal(raw_int("ownbatch.db", "SELECT count(*) FROM outbox"), 1);
	codec_event_clear(&ev);
	syncstore_batch_free(&b);
	store_close(st);
}

static void test_pull_appends_with_next_local_seq_and_refolds(void **state)
{
	struct store *st = open_station("append.db");
	struct syncstore_batch b;
	struct codec_result r;
	struct codec_event ev;
	char id[CASE_ID_MAX], id2[CASE_ID_MAX], no[CASENO_TEXT_MAX], sql[256];
	char err[YC_ERRSZ] = "";

	(void)state;
	receive(st, id, no);
	/* The case is pushed and accepted by central... */
	assert_int_equal(syncstore_next_batch(st, 200, &b, err, sizeof err), 1);
	memset(&r, 0, sizeof r);
	snprintf(r.id, sizeof r.id, "%s", b.ev[0].id);
	r.status = CODEC_ACCEPTED;
	r.seq = 11;
	assert_int_equal(syncstore_mark_results(st, cal, &b, &r, 1, NULL, err, sizeof err), 0);
	syncstore_batch_free(&b);
	/* ...another case waits here, and another window accepts the first. */
	receive(st, id2, no);
	pulled(&ev, "0a1b2c3d-0000-4000-8000-0000000000a1", id, number_of("append.db", id),
	       CASE_EV_ACCEPTED, ACCEPTED_BODY, 12);
	assert_int_equal(syncstore_apply_page(st, cal, &ev, 1, 12, NULL, err, sizeof err), 0);
	assert_string_equal(raw_text("append.db", "SELECT seq || type FROM events WHERE id ="
				     " '0a1b2c3d-0000-4000-8000-0000000000a1'"), "2accepted");
	snprintf(sql, sizeof sql, "SELECT state || last_seq || accepted_on || conflict"
		 " FROM cases WHERE id = '%s'", id);
	assert_string_equal(raw_text("append.db", sql), "accepted22026-11-230");
	/* Only the other case's received event waits for central. */
	assert_int_equal(raw_int("append.db", "SELECT count(*) FROM outbox"), 1);
	codec_event_clear(&ev);
	store_close(st);
}

static void test_pull_folds_in_central_order_skipping_pending_misfits(void **state)
{
	struct store *st = open_station("order.db");
	struct codec_event ev[2];
	char id[CASE_ID_MAX], no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";
	char eid[CASE_ID_MAX], body[1024];

	(void)state;
	receive(st, id, no);
	snprintf(eid, sizeof eid, "%s", raw_text("order.db", "SELECT id FROM events"));
	snprintf(body, sizeof body, "%s", raw_text("order.db", "SELECT body FROM events"));
	/* Offline here: 受理 (local seq 2).  Central meanwhile took a 不予受理
	 * from another window. */
	apply(st, id, CASE_EV_ACCEPTED);
	pulled(&ev[0], eid, id, no, CASE_EV_RECEIVED, body, 20);
	pulled(&ev[1], "0a1b2c3d-0000-4000-8000-0000000000b2", id, no, CASE_EV_REJECTED,
	       "{\"day\":\"2026-11-21\",\"reason\":\"不属于本机关职权范围\"}", 21);
	assert_int_equal(syncstore_apply_page(st, cal, ev, 2, 21, NULL, err, sizeof err), 0);
	assert_string_equal(raw_text("order.db", "SELECT state || last_seq || conflict FROM cases"),
			    "rejected31");
	/* The pending 受理 stays in the outbox: central will answer it. */
	assert_int_equal(raw_int("order.db", "SELECT count(*) FROM outbox"), 1);
	codec_event_clear(&ev[0]);
	codec_event_clear(&ev[1]);
	store_close(st);
}

static void test_pull_page_and_cursor_are_one_transaction(void **state)
{
	struct store *st = open_station("atomic.db");
	struct codec_event ev[2];
	char err[YC_ERRSZ] = "";
	long long cursor = -1;

	(void)state;
	assert_int_equal(store_setting_set(st, "sync.cursor", "4", err, sizeof err), 0);
	pulled(&ev[0], "0a1b2c3d-0000-4000-8000-000000000001", OTHER_CASE, OTHER_NUMBER,
	       CASE_EV_RECEIVED, RECEIVED_BODY, 5);
	/* An event of a case nobody received: the whole page is refused. */
	pulled(&ev[1], "0a1b2c3d-0000-4000-8000-000000000002",
	       "7f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2c", "370102-05-261120-0002-X",
	       CASE_EV_ACCEPTED, ACCEPTED_BODY, 6);
	assert_int_equal(syncstore_apply_page(st, cal, ev, 2, 6, NULL, err, sizeof err),
			 SYNCSTORE_PAGE_REFUSED);
	assert_non_null(strstr(err, "370102-05-261120-0002-X"));
	assert_int_equal(syncstore_cursor(st, &cursor, err, sizeof err), 0);
	assert_int_equal(cursor, 4);
	assert_int_equal(raw_int("atomic.db", "SELECT count(*) FROM cases"), 0);
	assert_int_equal(raw_int("atomic.db", "SELECT count(*) FROM events"), 0);
	assert_int_equal(raw_int("atomic.db", "SELECT count(*) FROM event_sync"), 0);
	/* The good event alone goes through. */
	assert_int_equal(syncstore_apply_page(st, cal, ev, 1, 5, NULL, err, sizeof err), 0);
	assert_int_equal(syncstore_cursor(st, &cursor, err, sizeof err), 0);
	assert_int_equal(cursor, 5);
	codec_event_clear(&ev[0]);
	codec_event_clear(&ev[1]);
	store_close(st);
}

static void test_pull_refuses_a_case_number_held_by_another_case(void **state)
{
	struct store *st = open_station("number.db");
	struct codec_event ev;
	char id[CASE_ID_MAX], no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";

	(void)state;
	receive(st, id, no);
	pulled(&ev, "0a1b2c3d-0000-4000-8000-000000000001", OTHER_CASE, no,
	       CASE_EV_RECEIVED, RECEIVED_BODY, 5);
	assert_int_equal(syncstore_apply_page(st, cal, &ev, 1, 5, NULL, err, sizeof err),
			 SYNCSTORE_PAGE_REFUSED);
	assert_non_null(strstr(err, no));
	assert_int_equal(raw_int("number.db", "SELECT count(*) FROM cases"), 1);
	codec_event_clear(&ev);
	store_close(st);
}

/* ---- reference data ------------------------------------------------------ */

static void test_users_upsert_inserts_updates_and_keeps_local_lock(void **state)
{
	struct store *st = open_station("users.db");
	struct user_info u;
	struct codec_user cu;
	char hash[AUTH_HASH_MAX], err[YC_ERRSZ] = "";
	struct login_result res;

	(void)state;
	assert_int_equal(auth_hash("new-secret", hash, sizeof hash, err, sizeof err), 0);
	assert_int_equal(user_add(st, "li", ROLE_CLERK, NULL, "old-secret", err, sizeof err), 0);
	assert_int_equal(user_login(st, "li", "wrong", 1000, &res, err, sizeof err), 0);
	memset(&cu, 0, sizeof cu);
	cu.name = "li";
	cu.role = "approver";
	cu.department = "云岭市安澜区市场监督管理局";
	cu.pw_hash = hash;
	cu.active = 1;
	assert_int_equal(syncstore_users_upsert(st, &cu, 1, err, sizeof err), 0);
	assert_int_equal(user_get(st, "li", &u, err, sizeof err), 1);
	assert_int_equal(u.role, ROLE_APPROVER);
	assert_string_equal(u.department, "云岭市安澜区市场监督管理局");
	assert_int_equal(u.failed_logins, 1);
	cu.name = "zhao";
	cu.role = "clerk";
	cu.department = NULL;
	cu.active = 0;
	assert_int_equal(syncstore_users_upsert(st, &cu, 1, err, sizeof err), 0);
	assert_int_equal(user_get(st, "zhao", &u, err, sizeof err), 1);
	assert_int_equal(u.active, 0);
	assert_string_equal(u.department, "");
	assert_int_equal(user_login(st, "li", "new-secret", 5000, &res, err, sizeof err), 0);
	assert_int_equal(res.status, LOGIN_OK);
	/* A hash that is not argon2id is refused and nothing changes. */
	cu.name = "qian";
	cu.pw_hash = "plain";
	assert_int_equal(syncstore_users_upsert(st, &cu, 1, err, sizeof err), -1);
	assert_non_null(strstr(err, "argon2id"));
	assert_int_equal(user_get(st, "qian", &u, err, sizeof err), 0);
	store_close(st);
}

/* A reference reply with the sample catalog file forms/cjrz.item. */
static void ref_with_catalog(struct codec_ref *r, struct codec_file *f, char *text,
			     long long version, int cv)
{
	memset(r, 0, sizeof *r);
	r->version = version;
	r->changed = 1;
	r->has_catalog = 1;
	r->catalog_version = cv;
	f->name = "cjrz.item";
	f->text = text;
	r->files = f;
	r->nfiles = 1;
}

static void test_ref_catalog_is_a_new_version_only_when_central_changed_it(void **state)
{
	struct store *st = open_station("ref.db");
	struct syncstore_ref_stats s;
	struct codec_ref r;
	struct codec_file f;
	char err[YC_ERRSZ] = "";
	char *text = yc_read_file("forms/cjrz.item", NULL, err, sizeof err);
	long long v = -1;
	int current = -1;

	(void)state;
	assert_non_null(text);
	ref_with_catalog(&r, &f, text, 3, 5);
	assert_int_equal(syncstore_apply_ref(st, &r, &s, err, sizeof err), 0);
	assert_int_equal(s.catalog_version, 1);
	assert_int_equal(store_catalog_current(st, &current, err, sizeof err), 0);
	assert_int_equal(current, 1);
	assert_int_equal(syncstore_ref_version(st, &v, err, sizeof err), 0);
	assert_int_equal(v, 3);
	/* The same central version again: nothing imported. */
	ref_with_catalog(&r, &f, text, 4, 5);
	assert_int_equal(syncstore_apply_ref(st, &r, &s, err, sizeof err), 0);
	assert_int_equal(s.catalog_version, 0);
	ref_with_catalog(&r, &f, text, 5, 6);
	assert_int_equal(syncstore_apply_ref(st, &r, &s, err, sizeof err), 0);
	assert_int_equal(s.catalog_version, 2);
	assert_string_equal(raw_text("ref.db", "SELECT note FROM catalog_versions WHERE version = 2"),
			    "中心目录版本 6");
	assert_int_equal(syncstore_ref_version(st, &v, err, sizeof err), 0);
	assert_int_equal(v, 5);
	free(text);
	store_close(st);
}

static void test_ref_bad_catalog_keeps_the_version(void **state)
{
	struct store *st = open_station("refbad.db");
	struct codec_ref r;
	struct codec_file f;
	char err[YC_ERRSZ] = "";
	char text[] = "[item]\ncode = \n";
	long long v = -1;

	(void)state;
	ref_with_catalog(&r, &f, text, 8, 2);
	assert_int_equal(syncstore_apply_ref(st, &r, NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "cjrz.item"));
	assert_int_equal(syncstore_ref_version(st, &v, err, sizeof err), 0);
	assert_int_equal(v, 0);
	store_close(st);
}

static void test_ref_calendars_users_and_settings_stored(void **state)
{
	struct store *st = open_station("refall.db");
	struct syncstore_ref_stats s;
	struct codec_ref r;
	struct codec_calendar c;
	struct codec_user u;
	struct codec_setting set[2];
	char hash[AUTH_HASH_MAX], buf[128], err[YC_ERRSZ] = "";

	(void)state;
	assert_int_equal(auth_hash("pw-secret-1", hash, sizeof hash, err, sizeof err), 0);
	memset(&r, 0, sizeof r);
	r.version = 9;
	r.changed = 1;
	c.year = 2031;
	c.text = "year 2031\noff 2031-01-01\n";
	r.calendars = &c;
	r.ncalendars = 1;
	u.name = "sun";
	u.role = "issuer";
	u.department = NULL;
	u.pw_hash = hash;
	u.active = 1;
	r.users = &u;
	r.nusers = 1;
	set[0].key = "doc.centre";
	set[0].value = "安澜区政务服务中心";
	set[1].key = "doc.phone";
	set[1].value = "0871-12345";
	r.settings = set;
	r.nsettings = 2;
	assert_int_equal(syncstore_apply_ref(st, &r, &s, err, sizeof err), 0);
	assert_int_equal(s.calendars, 1);
	assert_int_equal(s.users, 1);
	assert_int_equal(s.settings, 2);
	assert_int_equal(raw_int("refall.db", "SELECT count(*) FROM calendars WHERE year = 2031"), 1);
	assert_int_equal(raw_int("refall.db", "SELECT count(*) FROM users WHERE name = 'sun'"), 1);
	assert_int_equal(store_setting_get(st, "doc.centre", buf, sizeof buf), 1);
	assert_string_equal(buf, "安澜区政务服务中心");
	/* Unchanged: only the version moves. */
	memset(&r, 0, sizeof r);
	r.version = 10;
	assert_int_equal(syncstore_apply_ref(st, &r, &s, err, sizeof err), 0);
	assert_int_equal(s.users, 0);
	assert_int_equal(store_setting_get(st, "sync.ref_version", buf, sizeof buf), 1);
	assert_string_equal(buf, "10");
	store_close(st);
}

static void test_ref_refuses_sync_settings(void **state)
{
	struct store *st = open_station("refsync.db");
	struct codec_ref r;
	struct codec_setting set;
	char buf[64], err[YC_ERRSZ] = "";

	(void)state;
	memset(&r, 0, sizeof r);
	r.version = 2;
	r.changed = 1;
	set.key = "sync.cursor";
	set.value = "0";
	r.settings = &set;
	r.nsettings = 1;
	assert_int_equal(syncstore_apply_ref(st, &r, NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "sync.cursor"));
	assert_int_equal(store_setting_get(st, "sync.ref_version", buf, sizeof buf), 0);
	store_close(st);
}

/* ---- registration -------------------------------------------------------- */

static void test_register_sets_identity_and_refuses_another(void **state)
{
	struct store *st = NULL;
	struct codec_terminal t;
	char site[32], buf[128], err[YC_ERRSZ] = "";
	int terminal = 0;

	(void)state;
	assert_int_equal(store_open(tpath("reg.db"), STORE_OPEN_CREATE, &st, err, sizeof err), 0);
	memset(&t, 0, sizeof t);
	snprintf(t.terminal_id, sizeof t.terminal_id, "9b2e6a1c-1d2e-4f3a-8b4c-5d6e7f8a9b0c");
	snprintf(t.site, sizeof t.site, "539102");
	t.terminal = 3;
	snprintf(t.name, sizeof t.name, "安澜区政务服务中心 3号窗口");
	assert_int_equal(syncstore_register(st, "http://127.0.0.1:8080", "tok", &t,
					    err, sizeof err), 0);
	assert_int_equal(store_terminal(st, site, sizeof site, &terminal), 1);
	assert_string_equal(site, "539102");
	assert_int_equal(terminal, 3);
	assert_int_equal(store_setting_get(st, "sync.token", buf, sizeof buf), 1);
	assert_string_equal(buf, "tok");
	assert_int_equal(store_setting_get(st, "sync.terminal_name", buf, sizeof buf), 1);
	assert_string_equal(buf, "安澜区政务服务中心 3号窗口");
	/* Registering again with the same answer is fine; another is not. */
	assert_int_equal(syncstore_register(st, "http://127.0.0.1:8080", "tok2", &t,
					    err, sizeof err), 0);
	t.terminal = 4;
	assert_int_equal(syncstore_register(st, "http://127.0.0.1:8080", "tok3", &t,
					    err, sizeof err), -1);
	assert_non_null(strstr(err, "539102"));
	assert_int_equal(store_setting_get(st, "sync.token", buf, sizeof buf), 1);
	assert_string_equal(buf, "tok2");
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_batch_keeps_its_key_and_events_until_answered),
		cmocka_unit_test(test_empty_outbox_gives_no_batch),
		cmocka_unit_test(test_accepted_and_duplicate_leave_outbox_with_server_seq),
		cmocka_unit_test(test_conflict_recorded_flags_case_and_leaves_outbox),
		cmocka_unit_test(test_invalid_recorded_with_reason),
		cmocka_unit_test(test_unanswered_events_go_back_without_key),
		cmocka_unit_test(test_pull_creates_unknown_case_from_received_body),
		cmocka_unit_test(test_pull_own_events_coming_back_only_record_seq),
		cmocka_unit_test(test_pull_own_event_in_a_sent_batch_stays_for_the_batch),
		cmocka_unit_test(test_pull_appends_with_next_local_seq_and_refolds),
		cmocka_unit_test(test_pull_folds_in_central_order_skipping_pending_misfits),
		cmocka_unit_test(test_pull_page_and_cursor_are_one_transaction),
		cmocka_unit_test(test_pull_refuses_a_case_number_held_by_another_case),
		cmocka_unit_test(test_users_upsert_inserts_updates_and_keeps_local_lock),
		cmocka_unit_test(test_ref_catalog_is_a_new_version_only_when_central_changed_it),
		cmocka_unit_test(test_ref_bad_catalog_keeps_the_version),
		cmocka_unit_test(test_ref_calendars_users_and_settings_stored),
		cmocka_unit_test(test_ref_refuses_sync_settings),
		cmocka_unit_test(test_register_sets_identity_and_refuses_another),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
