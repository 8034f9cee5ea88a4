/* test_codec.c — the JSON codec of sync protocol v1 (codec.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/caseno.h"
#include "yichuang/codec.h"
#include "yichuang/date.h"
#include "yichuang/util.h"

#define ID1 "0b9d1c1e-6f0a-4c53-9d3c-6a1f2b3c4d5e"
#define ID2 "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
#define CASE1 "2d3e4f5a-6b7c-4d8e-9fa0-b1c2d3e4f5a6"
#define KEY "3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7"

/* A valid case number of site 539102, terminal 1, 2026-11-20, seq 1. */
static char *case_number(void)
{
	static char buf[CASENO_TEXT_MAX];

	assert_int_equal(caseno_format("539102", 1, date_from_ymd(2026, 11, 20), 1,
				       buf, sizeof buf, NULL, 0), 0);
	return buf;
}

/* Fills ev with a received event (strings allocated). */
static void make_event(struct codec_event *ev, const char *id, const char *body)
{
	memset(ev, 0, sizeof *ev);
	snprintf(ev->id, sizeof ev->id, "%s", id);
	snprintf(ev->case_id, sizeof ev->case_id, "%s", CASE1);
	ev->case_number = strdup(case_number());
	ev->type = CASE_EV_RECEIVED;
	ev->at = strdup("2026-11-20T09:15:00+08:00");
	ev->actor = strdup("clerk");
	ev->body = strdup(body);
	assert_non_null(ev->body);
}

static void test_push_request_round_trips_every_member(void **state)
{
	struct codec_event ev[2];
	struct codec_push_item *items;
	size_t n;
	char key[CODEC_UUID_MAX], err[256];
	char *text;

	(void)state;
	make_event(&ev[0], ID1, "{\"day\":\"2026-11-20\",\"item_code\":\"SPJY\",\"名称\":\"食品\"}");
	make_event(&ev[1], ID2, "{\"day\":\"2026-11-20\"}");
	ev[1].type = CASE_EV_ACCEPTED;
	text = codec_push_request(KEY, ev, 2);
	assert_non_null(text);
	assert_int_equal(codec_push_parse(text, key, &items, &n, err, sizeof err), 0);
	assert_string_equal(key, KEY);
	assert_int_equal(n, 2);
	assert_true(items[0].ok);
	assert_true(items[1].ok);
	assert_string_equal(items[0].ev.id, ID1);
	assert_string_equal(items[0].ev.case_id, CASE1);
	assert_string_equal(items[0].ev.case_number, case_number());
	assert_int_equal(items[0].ev.type, CASE_EV_RECEIVED);
	assert_string_equal(items[0].ev.at, "2026-11-20T09:15:00+08:00");
	assert_string_equal(items[0].ev.actor, "clerk");
	assert_string_equal(items[0].ev.body,
			    "{\"day\":\"2026-11-20\",\"item_code\":\"SPJY\",\"名称\":\"食品\"}");
	assert_int_equal(items[1].ev.type, CASE_EV_ACCEPTED);
	assert_true(codec_event_same(&items[0].ev, &ev[0]));
	assert_false(codec_event_same(&items[1].ev, &ev[0]));
	codec_push_items_free(items, n);
	free(text);
	codec_event_clear(&ev[0]);
	codec_event_clear(&ev[1]);
}

static void test_one_bad_event_does_not_fail_the_batch(void **state)
{
	struct codec_push_item *items;
	size_t n;
	char key[CODEC_UUID_MAX], err[256];
	char text[1024];

	(void)state;
	snprintf(text, sizeof text,
		 "{\"key\":\"%s\",\"events\":["
		 "{\"id\":\"%s\",\"case_id\":\"%s\",\"case_number\":\"%s\",\"type\":\"received\","
		 "\"at\":\"2026-11-20T09:15:00+08:00\",\"actor\":\"clerk\",\"body\":{}},"
		 "{\"id\":\"%s\",\"case_id\":\"%s\",\"case_number\":\"539102-01-261120-0001-A\","
		 "\"type\":\"received\",\"at\":\"2026-11-20T09:15:00+08:00\",\"actor\":\"clerk\","
		 "\"body\":{}},"
		 "{\"id\":\"%s\",\"type\":\"flying\"}]}",
		 KEY, ID1, CASE1, case_number(), ID2, CASE1, ID2);
	assert_int_equal(codec_push_parse(text, key, &items, &n, err, sizeof err), 0);
	assert_int_equal(n, 3);
	assert_true(items[0].ok);
	assert_false(items[1].ok);
	assert_string_equal(items[1].ev.id, ID2);
	assert_non_null(strstr(items[1].reason, "case_number"));
	assert_false(items[2].ok);
	assert_non_null(strstr(items[2].reason, "flying"));
	codec_push_items_free(items, n);
}

static void test_push_without_key_or_not_json_is_refused(void **state)
{
	struct codec_push_item *items;
	size_t n;
	char key[CODEC_UUID_MAX], err[256];

	(void)state;
	assert_int_equal(codec_push_parse("{\"events\":[]}", key, &items, &n, err, sizeof err), -1);
	assert_non_null(strstr(err, "key"));
	assert_int_equal(codec_push_parse("{not json", key, &items, &n, err, sizeof err), -1);
	assert_string_equal(err, "请求不是有效的 JSON 对象");
	assert_int_equal(codec_push_parse("{\"key\":\"" KEY "\"}", key, &items, &n, err,
					  sizeof err), -1);
	assert_non_null(strstr(err, "events"));
}

static void test_event_time_must_carry_an_offset(void **state)
{
	struct codec_event ev;
	char err[256];

	(void)state;
	make_event(&ev, ID1, "{}");
	assert_int_equal(codec_event_check(&ev, err, sizeof err), 0);
	free(ev.at);
	ev.at = strdup("2026-11-20T09:15:00");
	assert_int_equal(codec_event_check(&ev, err, sizeof err), -1);
	assert_non_null(strstr(err, "at"));
	free(ev.at);
	ev.at = strdup("2026-02-30T09:15:00Z");
	assert_int_equal(codec_event_check(&ev, err, sizeof err), -1);
	free(ev.at);
	ev.at = strdup("2026-11-20T09:15:00.125Z");
	assert_int_equal(codec_event_check(&ev, err, sizeof err), 0);
	free(ev.body);
	ev.body = strdup("[1]");
	assert_int_equal(codec_event_check(&ev, err, sizeof err), -1);
	assert_non_null(strstr(err, "body"));
	codec_event_clear(&ev);
}

static void test_same_event_ignores_member_order_of_the_body(void **state)
{
	struct codec_event a, b;

	(void)state;
	make_event(&a, ID1, "{\"day\":\"2026-11-20\",\"reason\":\"x\"}");
	make_event(&b, ID1, "{\"reason\":\"x\",\"day\":\"2026-11-20\"}");
	assert_true(codec_event_same(&a, &b));
	free(b.body);
	b.body = strdup("{\"reason\":\"y\",\"day\":\"2026-11-20\"}");
	assert_false(codec_event_same(&a, &b));
	free(b.body);
	b.body = strdup("{\"reason\":\"x\",\"day\":\"2026-11-20\"}");
	free(b.actor);
	b.actor = strdup("wang");
	assert_false(codec_event_same(&a, &b));
	codec_event_clear(&a);
	codec_event_clear(&b);
}

static void test_push_response_round_trips_each_status(void **state)
{
	struct codec_result r[4], *back;
	size_t n;
	char err[256], *text;

	(void)state;
	memset(r, 0, sizeof r);
	snprintf(r[0].id, sizeof r[0].id, "%s", ID1);
	r[0].status = CODEC_ACCEPTED;
	r[0].seq = 41;
	snprintf(r[1].id, sizeof r[1].id, "%s", ID2);
	r[1].status = CODEC_DUPLICATE;
	r[1].seq = 7;
	snprintf(r[2].id, sizeof r[2].id, "%s", ID1);
	r[2].status = CODEC_CONFLICT;
	snprintf(r[2].state, sizeof r[2].state, "rejected");
	snprintf(r[2].reason, sizeof r[2].reason, "状态为“不予受理”的办件不能受理");
	r[3].status = CODEC_INVALID;
	snprintf(r[3].reason, sizeof r[3].reason, "同一事件编号的内容不同");
	text = codec_push_response(r, 4);
	assert_non_null(text);
	assert_non_null(strstr(text, "\"status\":\"conflict\",\"state\":\"rejected\""));
	assert_int_equal(codec_push_response_parse(text, &back, &n, err, sizeof err), 0);
	assert_int_equal(n, 4);
	assert_int_equal(back[0].status, CODEC_ACCEPTED);
	assert_int_equal(back[0].seq, 41);
	assert_int_equal(back[1].status, CODEC_DUPLICATE);
	assert_int_equal(back[1].seq, 7);
	assert_int_equal(back[2].status, CODEC_CONFLICT);
	assert_string_equal(back[2].state, "rejected");
	assert_string_equal(back[2].reason, "状态为“不予受理”的办件不能受理");
	assert_int_equal(back[3].status, CODEC_INVALID);
	assert_string_equal(back[3].reason, "同一事件编号的内容不同");
	free(back);
	free(text);
	assert_int_equal(codec_push_response_parse("{\"results\":[{\"id\":\"x\",\"status\":\"accepted\"}]}",
						   &back, &n, err, sizeof err), -1);
	assert_non_null(strstr(err, "seq"));
}

static void test_pull_page_carries_seq_terminal_and_cursor(void **state)
{
	struct codec_event ev[2], *back;
	size_t n;
	long long next;
	int more;
	char err[256], *text;

	(void)state;
	make_event(&ev[0], ID1, "{\"day\":\"2026-11-20\"}");
	make_event(&ev[1], ID2, "{\"day\":\"2026-11-21\"}");
	ev[0].seq = 5;
	ev[1].seq = 9;
	ev[0].terminal = strdup("539102-01");
	text = codec_pull_response(ev, 2, 9, 1);
	assert_non_null(text);
	assert_int_equal(codec_pull_parse(text, &back, &n, &next, &more, err, sizeof err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(next, 9);
	assert_int_equal(more, 1);
	assert_int_equal(back[0].seq, 5);
	assert_string_equal(back[0].terminal, "539102-01");
	assert_null(back[1].terminal);
	assert_int_equal(back[1].seq, 9);
	assert_string_equal(back[1].body, "{\"day\":\"2026-11-21\"}");
	codec_events_free(back, n);
	free(text);
	/* seq going backwards is the server's error, not applied */
	ev[1].seq = 3;
	text = codec_pull_response(ev, 2, 9, 0);
	assert_int_equal(codec_pull_parse(text, &back, &n, &next, &more, err, sizeof err), -1);
	assert_non_null(strstr(err, "第 2 个事件"));
	free(text);
	codec_event_clear(&ev[0]);
	codec_event_clear(&ev[1]);
}

static void test_fold_reads_the_fields_casefsm_needs(void **state)
{
	struct case_event e;
	struct case_deferral defs[CASEFSM_MAX_DEFERRED + 1];
	void *holder;
	char err[256];

	(void)state;
	assert_int_equal(codec_fold_event("{\"day\":\"2026-11-20\",\"instant\":false,"
					  "\"promised_limit\":15,\"promised_unit\":\"days\","
					  "\"deferred\":[{\"material\":\"m3\",\"days\":5}],"
					  "\"reason\":\"材料不齐\",\"decision\":\"deny\"}",
					  CASE_EV_ACCEPTED, &e, defs, &holder, err, sizeof err), 0);
	assert_int_equal(e.type, CASE_EV_ACCEPTED);
	assert_int_equal(e.day, date_from_ymd(2026, 11, 20));
	assert_int_equal(e.promised_limit, 15);
	assert_int_equal(e.promised_unit, LIMIT_DAYS);
	assert_int_equal(e.ndeferred, 1);
	assert_string_equal(e.deferred[0].material, "m3");
	assert_int_equal(e.deferred[0].days, 5);
	assert_string_equal(e.reason, "材料不齐");
	assert_int_equal(e.decision, CASE_DECISION_DENY);
	codec_fold_free(holder);
	assert_int_equal(codec_fold_event("{\"reason\":\"x\"}", CASE_EV_REJECTED, &e, defs,
					  &holder, err, sizeof err), -1);
	assert_non_null(strstr(err, "day"));
}

static void test_register_answer_needs_site_and_terminal(void **state)
{
	struct codec_terminal t, back;
	char err[256], *text;

	(void)state;
	memset(&t, 0, sizeof t);
	snprintf(t.terminal_id, sizeof t.terminal_id, "%s", ID1);
	snprintf(t.site, sizeof t.site, "539102");
	t.terminal = 3;
	snprintf(t.name, sizeof t.name, "安澜区政务服务中心 3号窗口");
	text = codec_register_response(&t);
	assert_int_equal(codec_register_parse(text, &back, err, sizeof err), 0);
	assert_string_equal(back.terminal_id, ID1);
	assert_string_equal(back.site, "539102");
	assert_int_equal(back.terminal, 3);
	assert_string_equal(back.name, "安澜区政务服务中心 3号窗口");
	free(text);
	assert_int_equal(codec_register_parse("{\"terminal_id\":\"" ID1 "\",\"site\":\"539102\","
					      "\"terminal\":100}", &back, err, sizeof err), -1);
}

static void test_ref_unchanged_carries_version_only(void **state)
{
	struct codec_ref r, back;
	struct codec_file f = { "spjy.item", "item SPJY\n" };
	struct codec_calendar c = { 2026, "year 2026\n" };
	struct codec_user u = { "clerk", "clerk", NULL, "$argon2id$x", 1 };
	struct codec_setting s = { "doc.centre", "安澜区政务服务中心" };
	char err[256], *text;

	(void)state;
	memset(&r, 0, sizeof r);
	r.version = 4;
	text = codec_ref_response(&r);
	assert_string_equal(text, "{\"version\":4}");
	assert_int_equal(codec_ref_parse(text, &back, err, sizeof err), 0);
	assert_int_equal(back.version, 4);
	assert_int_equal(back.changed, 0);
	codec_ref_clear(&back);
	free(text);

	r.changed = 1;
	r.has_catalog = 1;
	r.catalog_version = 2;
	r.files = &f;
	r.nfiles = 1;
	r.calendars = &c;
	r.ncalendars = 1;
	r.users = &u;
	r.nusers = 1;
	r.settings = &s;
	r.nsettings = 1;
	text = codec_ref_response(&r);
	assert_int_equal(codec_ref_parse(text, &back, err, sizeof err), 0);
	assert_int_equal(back.changed, 1);
	assert_int_equal(back.has_catalog, 1);
	assert_int_equal(back.catalog_version, 2);
	assert_string_equal(back.files[0].text, "item SPJY\n");
	assert_int_equal(back.calendars[0].year, 2026);
	assert_string_equal(back.users[0].pw_hash, "$argon2id$x");
	assert_null(back.users[0].department);
	assert_int_equal(back.users[0].active, 1);
	assert_string_equal(back.settings[0].key, "doc.centre");
	assert_string_equal(back.settings[0].value, "安澜区政务服务中心");
	codec_ref_clear(&back);
	free(text);
}

static void test_error_bodies_list_every_problem(void **state)
{
	const char *msgs[] = { "事项编码未知", "身份证号码第 18 位应为 X" };
	char buf[64], *text;

	(void)state;
	text = codec_errors("申请有 2 处问题", msgs, 2);
	assert_string_equal(text, "{\"error\":\"申请有 2 处问题\",\"errors\":"
			    "[\"事项编码未知\",\"身份证号码第 18 位应为 X\"]}");
	codec_error_parse(text, buf, sizeof buf);
	assert_string_equal(buf, "申请有 2 处问题");
	free(text);
	codec_error_parse("<html>", buf, sizeof buf);
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_push_request_round_trips_every_member),
		cmocka_unit_test(test_one_bad_event_does_not_fail_the_batch),
		cmocka_unit_test(test_push_without_key_or_not_json_is_refused),
		cmocka_unit_test(test_event_time_must_carry_an_offset),
		cmocka_unit_test(test_same_event_ignores_member_order_of_the_body),
		cmocka_unit_test(test_push_response_round_trips_each_status),
		cmocka_unit_test(test_pull_page_carries_seq_terminal_and_cursor),
		cmocka_unit_test(test_fold_reads_the_fields_casefsm_needs),
		cmocka_unit_test(test_register_answer_needs_site_and_terminal),
		cmocka_unit_test(test_ref_unchanged_carries_version_only),
		cmocka_unit_test(test_error_bodies_list_every_problem),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
