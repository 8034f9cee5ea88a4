/*
 * mkconflicts.c — puts three conflicts into a test database the way sync
 * makes them: cases received at this counter (case_receive,
 * case_apply_event), their events handed out as one push batch
 * (syncstore_next_batch), and central's answer recorded
 * (syncstore_mark_results) with two events refused as conflicts and one
 * as invalid.  Then the times are fixed, so that the screens show the
 * same on every run.
 *
 *   mkconflicts DB [SERVER [STATE]]
 *       (the sample catalog imported, site 370102 terminal 1); SERVER and
 *       STATE set sync.server and sync.state ("online", "offline") as a
 *       registered workstation has them, for the title line.
 *
 * Today is 2026-11-20 in the tests.  The cases, in order:
 *   A 370102-01-261119-0001  李强 残疾人证新办: received, accepted —
 *     "accepted" refused: central had it rejected already
 *   B 370102-01-261120-0001  赵敏 食品经营许可: received, withdrawn —
 *     "withdrawn" refused: central had it accepted already
 *   C 370102-01-261120-0002  孙丽 残疾人证新办: received, accepted —
 *     "accepted" refused as invalid (same event id, other content)
 * Every "received" event is accepted by central.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "yichuang/codec.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/syncstore.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"

#define SPJY "11539102MB1A2704434000101700200"
#define CJRZ "13539102MB1K2248874002001701700"

static struct store *st;
static struct calendar *cal;
static struct catalog cat;

static void die(const char *what, const char *err)
{
	fprintf(stderr, "mkconflicts: %s: %s\n", what, err);
	exit(1);
}

/* Receives a case of item `code` on day (11, d) for a person. */
static void receive(const char *code, int d, const char *name, const char *id_no,
		    char number[CASENO_TEXT_MAX])
{
	const struct catalog_item *it = catalog_find_item(&cat, code);
	struct case_intake in;
	char id[CASE_ID_MAX], err[YC_ERRSZ];

	if (!it)
		die("no such item in the catalog", code);
	memset(&in, 0, sizeof in);
	case_intake_from_item(&in, it, 1);
	in.day = date_from_ymd(2026, 11, d);
	in.applicant = (struct case_party){ 0, name, id_no, NULL };
	if (case_receive(st, cal, &in, "clerk", id, number, err, sizeof err) != 0)
		die("case_receive", err);
}

static void apply(const char *number, enum case_event_type type, int d)
{
	struct case_event e;
	char err[YC_ERRSZ];

	memset(&e, 0, sizeof e);
	e.type = type;
	e.day = date_from_ymd(2026, 11, d);
	if (type == CASE_EV_WITHDRAWN)
		e.reason = "申请人撤回申请";	/* a withdrawal has its reason */
	if (case_apply_event(st, cal, number, &e, NULL, "clerk", NULL, err, sizeof err) != 0)
		die(casefsm_event_name(type), err);
}

/* Central's answer about event ev (see the top of the file). */
static void answer(const struct codec_event *ev, long long seq, const char *b,
		   const char *c, struct codec_result *r)
{
	memset(r, 0, sizeof *r);
	snprintf(r->id, sizeof r->id, "%s", ev->id);
	r->status = CODEC_ACCEPTED;
	r->seq = seq;
	if (ev->type == CASE_EV_RECEIVED)
		return;
	r->seq = 0;
	if (strcmp(ev->case_number, b) == 0) {
		r->status = CODEC_CONFLICT;
		snprintf(r->state, sizeof r->state, "accepted");
		snprintf(r->reason, sizeof r->reason, "%s",
			 "中心的办件已由 370102-02 窗口受理，不能再撤件；请与申请人核实是否仍要撤回");
	} else if (strcmp(ev->case_number, c) == 0) {
		r->status = CODEC_INVALID;
		snprintf(r->reason, sizeof r->reason, "%s", "同一事件编号的内容不同");
	} else {
		r->status = CODEC_CONFLICT;
		snprintf(r->state, sizeof r->state, "rejected");
		snprintf(r->reason, sizeof r->reason, "%s",
			 "中心的办件已不予受理（370102-02 窗口，11-19 16:40），不能再受理");
	}
}

/* Fixed times: each event at 09:00 of its day plus 10 minutes per seq;
 * the refusals at 10:15, 10:30, 10:45 UTC.  Events are append-only (a
 * trigger refuses updates): the trigger is lifted for this one statement
 * and put back exactly as the schema wrote it. */
static void fix_times(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	char *trigger = NULL;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		die("reopening", db ? sqlite3_errmsg(db) : "out of memory");
	if (sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE type = 'trigger'"
			       " AND name = 'events_no_update'", -1, &q, NULL) != SQLITE_OK ||
	    sqlite3_step(q) != SQLITE_ROW)
		die("reading the events_no_update trigger", sqlite3_errmsg(db));
	trigger = yc_strdup((const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	if (!trigger ||
	    sqlite3_exec(db, "BEGIN; DROP TRIGGER events_no_update;"
			 " UPDATE events SET at = json_extract(body, '$.day')"
			 " || printf('T09:%02d:00+08:00', seq * 10);",
			 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, trigger, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "UPDATE sync_conflicts SET at = printf('2026-11-20T10:%02d:00Z',"
			 " 15 * (SELECT count(*) FROM sync_conflicts k WHERE k.id <= sync_conflicts.id));"
			 " UPDATE event_sync SET synced_at = '2026-11-20T10:00:00Z'; COMMIT",
			 NULL, NULL, NULL) != SQLITE_OK)
		die("fixing the times", sqlite3_errmsg(db));
	free(trigger);
	sqlite3_close(db);
}

int main(int argc, char **argv)
{
	char a[CASENO_TEXT_MAX], b[CASENO_TEXT_MAX], c[CASENO_TEXT_MAX], err[YC_ERRSZ];
	struct syncstore_batch batch;
	struct syncstore_push_stats stats;
	struct codec_result *r;

	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: mkconflicts DB [SERVER [STATE]]\n");
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

	receive(CJRZ, 19, "李强", "530102198803150618", a);
	apply(a, CASE_EV_ACCEPTED, 19);
	receive(SPJY, 20, "赵敏", "530102199107224526", b);
	apply(b, CASE_EV_WITHDRAWN, 20);
	receive(CJRZ, 20, "孙丽", "530102197512030021", c);
	apply(c, CASE_EV_ACCEPTED, 20);

	if (syncstore_next_batch(st, SYNCSTORE_BATCH_MAX, &batch, err, sizeof err) != 1)
		die("syncstore_next_batch", err);
	r = calloc(batch.n, sizeof *r);
	if (!r)
		die("answer", "out of memory");
	for (size_t i = 0; i < batch.n; i++)
		answer(&batch.ev[i], (long long)i + 1, b, c, &r[i]);
	memset(&stats, 0, sizeof stats);
	if (syncstore_mark_results(st, cal, &batch, r, batch.n, &stats, err, sizeof err) != 0)
		die("syncstore_mark_results", err);
	if (stats.accepted != 3 || stats.refused != 3)
		die("central's answer", "expected 3 accepted and 3 refused");
	free(r);
	syncstore_batch_free(&batch);
	if ((argc > 2 && store_setting_set(st, "sync.server", argv[2], err, sizeof err) != 0) ||
	    (argc > 3 && store_setting_set(st, "sync.state", argv[3], err, sizeof err) != 0))
		die("settings", err);
	store_close(st);
	catalog_free(&cat);
	calendar_free(cal);
	fix_times(argv[1]);
	printf("%s\n%s\n%s\n", a, b, c);
	return 0;
}
