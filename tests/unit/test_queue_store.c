/* test_queue_store.c — the counter's local state: the ticket queue
 * (priority class first, numbering per class per day, recall, skip,
 * waiting counts), drafts (one per user and kind, surviving a reopen) and
 * the consultation ledger.  Real SQLite files in a temporary directory. */
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
#include "yichuang/intakestore.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "testlib.h"

static char tmpdir[256];

static int setup(void **state)
{
	(void)state;
	return testlib_mkdtemp(tmpdir, sizeof tmpdir, "queuestore");
}

static int teardown(void **state)
{
	(void)state;
	return testlib_rmtree(tmpdir);
}

static struct store *open_db(const char *name)
{
	struct store *st = NULL;
	char path[512], err[YC_ERRSZ] = "";

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	if (store_open(path, STORE_OPEN_CREATE, &st, err, sizeof err) != 0)
		fail_msg("store_open: %s", err);
	return st;
}

static int raw_int(const char *name, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	char path[512];
	int v;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	v = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return v;
}

static const char *take(struct store *st, int day, enum queue_kind kind)
{
	static char number[16];
	struct queue_ticket t;
	char err[YC_ERRSZ] = "";

	if (queue_take(st, day, kind, &t, err, sizeof err) != 0)
		fail_msg("queue_take: %s", err);
	assert_int_equal(t.state, QUEUE_WAITING);
	snprintf(number, sizeof number, "%s", t.number);
	return number;
}

/* Calls the next ticket to window; returns its number or "" when none. */
static const char *call(struct store *st, int day, int window)
{
	static char number[16];
	struct queue_ticket t;
	char err[YC_ERRSZ] = "";
	int rc = queue_call_next(st, day, window, "clerk1", &t, err, sizeof err);

	if (rc < 0)
		fail_msg("queue_call_next: %s", err);
	snprintf(number, sizeof number, "%s", rc ? t.number : "");
	if (rc) {
		assert_int_equal(t.state, QUEUE_CALLED);
		assert_int_equal(t.window, window);
		assert_string_equal(t.clerk, "clerk1");
	}
	return number;
}

static void test_numbers_count_per_class_and_start_again_each_day(void **state)
{
	struct store *st = open_db("numbers.db");
	int d = date_from_ymd(2026, 3, 2);

	(void)state;
	assert_string_equal(take(st, d, QUEUE_GENERAL), "A001");
	assert_string_equal(take(st, d, QUEUE_GENERAL), "A002");
	assert_string_equal(take(st, d, QUEUE_ELDERLY), "P001");
	assert_string_equal(take(st, d, QUEUE_PREGNANT), "P002");
	assert_string_equal(take(st, d, QUEUE_GENERAL), "A003");
	assert_string_equal(take(st, d + 1, QUEUE_GENERAL), "A001");
	assert_string_equal(take(st, d + 1, QUEUE_DISABLED), "P001");
	store_close(st);
}

static void test_priority_tickets_are_called_first_then_the_oldest(void **state)
{
	struct store *st = open_db("order.db");
	int d = date_from_ymd(2026, 3, 2), normal = -1, priority = -1;
	char err[YC_ERRSZ] = "";

	(void)state;
	take(st, d, QUEUE_GENERAL);		/* A001 */
	take(st, d, QUEUE_GENERAL);		/* A002 */
	take(st, d, QUEUE_SICK);		/* P001 */
	take(st, d, QUEUE_ELDERLY);		/* P002 */
	take(st, d + 1, QUEUE_ELDERLY);		/* tomorrow's: never today */
	assert_int_equal(queue_waiting_count(st, d, &normal, &priority, err, sizeof err), 0);
	assert_int_equal(normal, 2);
	assert_int_equal(priority, 2);
	assert_string_equal(call(st, d, 1), "P001");
	assert_string_equal(call(st, d, 2), "P002");
	assert_string_equal(call(st, d, 1), "A001");
	assert_string_equal(call(st, d, 1), "A002");
	assert_string_equal(call(st, d, 1), "");
	assert_int_equal(queue_waiting_count(st, d, &normal, &priority, err, sizeof err), 0);
	assert_int_equal(normal + priority, 0);
	store_close(st);
}

static void test_calling_next_marks_the_windows_previous_ticket_served(void **state)
{
	struct store *st = open_db("served.db");
	int d = date_from_ymd(2026, 3, 2);
	struct queue_ticket t;
	char err[YC_ERRSZ] = "";

	(void)state;
	take(st, d, QUEUE_GENERAL);
	take(st, d, QUEUE_GENERAL);
	call(st, d, 5);
	assert_int_equal(queue_attach_case(st, 5, "370102-03-260302-0001-X", err, sizeof err), 0);
	call(st, d, 5);
	assert_int_equal(queue_current(st, 5, &t, err, sizeof err), 1);
	assert_string_equal(t.number, "A002");
	store_close(st);
	assert_int_equal(raw_int("served.db", "SELECT count(*) FROM queue_tickets WHERE"
				 " number = 'A001' AND state = 'served'"
				 " AND case_number = '370102-03-260302-0001-X'"), 1);
	assert_int_equal(raw_int("served.db", "SELECT count(*) FROM queue_tickets WHERE"
				 " state = 'called'"), 1);
}

static void test_recall_calls_the_same_ticket_again(void **state)
{
	struct store *st = open_db("recall.db");
	int d = date_from_ymd(2026, 3, 2);
	struct queue_ticket t;
	char err[YC_ERRSZ] = "";

	(void)state;
	assert_int_equal(queue_recall(st, 3, &t, err, sizeof err), 0);	/* nobody called */
	take(st, d, QUEUE_GENERAL);
	take(st, d, QUEUE_GENERAL);
	call(st, d, 3);
	assert_int_equal(queue_recall(st, 3, &t, err, sizeof err), 1);
	assert_string_equal(t.number, "A001");
	assert_int_equal(t.calls, 2);
	assert_int_equal(t.state, QUEUE_CALLED);
	assert_int_equal(queue_recall(st, 3, &t, err, sizeof err), 1);
	assert_int_equal(t.calls, 3);
	store_close(st);
}

static void test_skipped_ticket_is_not_served_and_not_called_again(void **state)
{
	struct store *st = open_db("skip.db");
	int d = date_from_ymd(2026, 3, 2), normal = -1;
	struct queue_ticket t;
	char err[YC_ERRSZ] = "";

	(void)state;
	take(st, d, QUEUE_GENERAL);
	take(st, d, QUEUE_GENERAL);
	assert_string_equal(call(st, d, 1), "A001");
	assert_int_equal(queue_skip(st, 1, err, sizeof err), 1);
	assert_int_equal(queue_current(st, 1, &t, err, sizeof err), 0);
	assert_int_equal(queue_skip(st, 1, err, sizeof err), 0);
	assert_int_equal(queue_waiting_count(st, d, &normal, NULL, err, sizeof err), 0);
	assert_int_equal(normal, 1);
	assert_string_equal(call(st, d, 1), "A002");
	assert_string_equal(call(st, d, 1), "");
	store_close(st);
}

static void test_waiting_tickets_are_listed_in_the_order_they_are_called(void **state)
{
	struct store *st = open_db("list.db");
	int d = date_from_ymd(2026, 3, 2);
	struct queue_ticket t[8];
	char err[YC_ERRSZ] = "";
	size_t n = 0;

	(void)state;
	take(st, d, QUEUE_GENERAL);		/* A001 */
	take(st, d, QUEUE_GENERAL);		/* A002 */
	take(st, d, QUEUE_ELDERLY);		/* P001 */
	take(st, d, QUEUE_GENERAL);		/* A003 */
	assert_int_equal(queue_list(st, d, QUEUE_WAITING, t, 3, &n, err, sizeof err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(t[0].number, "P001");
	assert_string_equal(t[1].number, "A001");
	assert_string_equal(t[2].number, "A002");
	assert_string_equal(call(st, d, 1), "P001");
	assert_int_equal(queue_list(st, d, QUEUE_WAITING, t, 8, &n, err, sizeof err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(t[0].number, "A001");
	store_close(st);
}

static void test_a_skipped_ticket_put_back_is_called_in_its_place(void **state)
{
	struct store *st = open_db("requeue.db");
	int d = date_from_ymd(2026, 3, 2);
	struct queue_ticket t[4];
	char err[YC_ERRSZ] = "";
	size_t n = 0;

	(void)state;
	take(st, d, QUEUE_GENERAL);		/* A001 */
	take(st, d, QUEUE_GENERAL);		/* A002 */
	take(st, d, QUEUE_GENERAL);		/* A003 */
	assert_string_equal(call(st, d, 1), "A001");
	assert_int_equal(queue_skip(st, 1, err, sizeof err), 1);
	assert_string_equal(call(st, d, 1), "A002");
	assert_int_equal(queue_list(st, d, QUEUE_SKIPPED, t, 4, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(t[0].number, "A001");
	/* the applicant of A001 came after all: back in its place, before A003 */
	assert_int_equal(queue_requeue(st, d, "a001", &t[0], err, sizeof err), 1);
	assert_string_equal(t[0].number, "A001");
	assert_int_equal(t[0].state, QUEUE_WAITING);
	assert_int_equal(t[0].window, 0);
	assert_int_equal(queue_requeue(st, d, "A001", &t[0], err, sizeof err), 0);	/* not skipped now */
	assert_int_equal(queue_requeue(st, d, "A002", &t[0], err, sizeof err), 0);	/* being served */
	assert_int_equal(queue_requeue(st, d, "", &t[0], err, sizeof err), -1);
	assert_string_equal(call(st, d, 1), "A001");
	assert_string_equal(call(st, d, 1), "A003");
	store_close(st);
}

static void test_drafts_are_one_per_user_and_kind_and_survive_a_reopen(void **state)
{
	struct store *st = open_db("drafts.db");
	char err[YC_ERRSZ] = "", *body = NULL;

	(void)state;
	assert_int_equal(draft_save(st, "clerk1", "intake", "{\"step\":1}", err, sizeof err), 0);
	assert_int_equal(draft_save(st, "clerk1", "intake", "{\"step\":2}", err, sizeof err), 0);
	assert_int_equal(draft_save(st, "clerk1", "consult", "{\"q\":\"x\"}", err, sizeof err), 0);
	assert_int_equal(draft_save(st, "clerk2", "intake", "{\"step\":9}", err, sizeof err), 0);
	assert_int_equal(draft_save(st, "clerk1", "intake", "{not json", err, sizeof err), -1);
	assert_non_null(strstr(err, "JSON"));
	store_close(st);		/* as if the process had been killed */

	st = open_db("drafts.db");
	assert_int_equal(draft_load(st, "clerk1", "intake", &body, err, sizeof err), 1);
	assert_string_equal(body, "{\"step\":2}");
	free(body);
	assert_int_equal(draft_load(st, "clerk2", "intake", &body, err, sizeof err), 1);
	assert_string_equal(body, "{\"step\":9}");
	free(body);
	assert_int_equal(draft_delete(st, "clerk1", "intake", err, sizeof err), 0);
	assert_int_equal(draft_load(st, "clerk1", "intake", &body, err, sizeof err), 0);
	assert_null(body);
	assert_int_equal(draft_load(st, "clerk1", "consult", &body, err, sizeof err), 1);
	free(body);
	store_close(st);
}

static void test_a_clerk_keeps_several_intake_drafts_listed_newest_first(void **state)
{
	struct store *st = open_db("drafts2.db");
	char err[YC_ERRSZ] = "";
	struct draft_info *v = NULL;
	size_t n = 0;

	(void)state;
	/* an old single draft, two new ones, another kind, another clerk */
	assert_int_equal(draft_save(st, "clerk1", "intake", "{\"n\":0}", err, sizeof err), 0);
	assert_int_equal(draft_save(st, "clerk1", "intake-a", "{\"n\":1}", err, sizeof err), 0);
	assert_int_equal(draft_save(st, "clerk1", "intake-b", "{\"n\":2}", err, sizeof err), 0);
	assert_int_equal(draft_save(st, "clerk1", "intakex", "{\"n\":3}", err, sizeof err), 0);
	assert_int_equal(draft_save(st, "clerk1", "return-X", "{\"n\":4}", err, sizeof err), 0);
	assert_int_equal(draft_save(st, "clerk2", "intake-c", "{\"n\":5}", err, sizeof err), 0);
	assert_int_equal(draft_list(st, "clerk1", "intake", 1, &v, &n, err, sizeof err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].kind, "intake-b");
	assert_string_equal(v[0].body, "{\"n\":2}");
	assert_string_equal(v[1].kind, "intake-a");
	assert_string_equal(v[2].kind, "intake");
	assert_string_equal(v[2].user, "clerk1");
	draft_list_free(v, n);
	/* exactly one kind, of any user */
	assert_int_equal(draft_list(st, NULL, "return-X", 0, &v, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].user, "clerk1");
	draft_list_free(v, n);
	assert_int_equal(draft_list(st, NULL, "intake", 1, &v, &n, err, sizeof err), 0);
	assert_int_equal(n, 4);
	draft_list_free(v, n);
	/* deleting one leaves the others */
	assert_int_equal(draft_delete(st, "clerk1", "intake-a", err, sizeof err), 0);
	assert_int_equal(draft_list(st, "clerk1", "intake", 1, &v, &n, err, sizeof err), 0);
	assert_int_equal(n, 2);
	draft_list_free(v, n);
	store_close(st);
}

static void test_consultations_are_recorded_per_item(void **state)
{
	struct store *st = open_db("consult.db");
	char err[YC_ERRSZ] = "";
	int n = -1;

	(void)state;
	assert_int_equal(consultation_record(st, "FOOD", "要带什么材料？", "clerk1", 0, err,
					     sizeof err), 0);
	assert_int_equal(consultation_record(st, "FOOD", NULL, "clerk1", 0, err, sizeof err), 0);
	assert_int_equal(consultation_record(st, "BIZ", NULL, "clerk2", 0, err, sizeof err), 0);
	assert_int_equal(consultation_record(st, "", NULL, "clerk2", 0, err, sizeof err), -1);
	assert_int_equal(consultation_count(st, "FOOD", &n, err, sizeof err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(consultation_count(st, NULL, &n, err, sizeof err), 0);
	assert_int_equal(n, 3);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers_count_per_class_and_start_again_each_day),
		cmocka_unit_test(test_priority_tickets_are_called_first_then_the_oldest),
		cmocka_unit_test(test_calling_next_marks_the_windows_previous_ticket_served),
		cmocka_unit_test(test_recall_calls_the_same_ticket_again),
		cmocka_unit_test(test_skipped_ticket_is_not_served_and_not_called_again),
		cmocka_unit_test(test_waiting_tickets_are_listed_in_the_order_they_are_called),
		cmocka_unit_test(test_a_skipped_ticket_put_back_is_called_in_its_place),
		cmocka_unit_test(test_drafts_are_one_per_user_and_kind_and_survive_a_reopen),
		cmocka_unit_test(test_a_clerk_keeps_several_intake_drafts_listed_newest_first),
		cmocka_unit_test(test_consultations_are_recorded_per_item),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
