/*
 * sync_store.c — the workstation database's side of sync with central:
 * outbox batches under idempotency keys, central's answers, pulled pages
 * applied in one transaction with the cursor, folding a case in central's
 * order (reference data, registration and the conflicts worklist are in
 * sync_ref.c).
 *
 * Events are append-only: what sync learns about one is written beside it
 * (event_sync: server sequence; sync_conflicts: refusal), never into it.
 */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/auth.h"
#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "yichuang/codec.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/syncstore.h"
#include "yichuang/util.h"
#include "backoffice_internal.h"
#include "case_internal.h"
#include "store_internal.h"
#include "sync_internal.h"

/* ---- small helpers ------------------------------------------------------- */

/* Steps a statement that returns no row and finalizes it; -1 with `what`
 * in err on failure. */
int sync_step_done(struct store *st, sqlite3_stmt *q, const char *what,
		   char *err, size_t errsz)
{
	int rc = sqlite3_step(q);

	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_dberr(st, what, err, errsz);
	return 0;
}

/* Reads a setting holding a whole number; 0 when it is not set. */
int sync_setting_ll(struct store *st, const char *key, long long *v,
		    char *err, size_t errsz)
{
	char buf[32];
	char *end;
	int rc = store_setting_get(st, key, buf, sizeof buf);

	*v = 0;
	if (rc < 0)
		return store_dberr(st, _("读取设置失败"), err, errsz);
	if (rc == 0)
		return 0;
	*v = strtoll(buf, &end, 10);
	if (end == buf || *end || *v < 0)
		return yc_seterr(err, errsz, _("设置 %s 的值“%s”不是非负整数；数据库 %s 可能已损坏"),
				 key, buf, st->path);
	return 0;
}

int sync_setting_set_ll(struct store *st, const char *key, long long v,
			char *err, size_t errsz)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", v);
	return store_setting_set(st, key, buf, err, errsz);
}

/* Copies a text column into a fixed buffer ("" for NULL). */
void sync_col_copy(sqlite3_stmt *q, int col, char *buf, size_t bufsz)
{
	const char *s = (const char *)sqlite3_column_text(q, col);

	snprintf(buf, bufsz, "%s", s ? s : "");
}

/* ---- statements kept for a whole transaction ----------------------------- */

/* The statements an answer or a page runs once per event or case,
 * prepared on first use and kept to the end of its transaction:
 * preparing them anew each time was a third of a pull's time. */
enum sync_qk {
	SYNC_Q_RECORD_SEQ, SYNC_Q_OUTBOX_REMOVE, SYNC_Q_OUTBOX_DROP_FREE,
	SYNC_Q_EVENT_EXISTS, SYNC_Q_CASE_EXISTS, SYNC_Q_APPEND, SYNC_Q_FOLD,
	SYNC_Q_CONFLICT_FLAG, SYNC_Q_CASE_CREATE, SYNC_Q_N
};

struct sync_qs {
	sqlite3_stmt *q[SYNC_Q_N];
};

/* Statement k of sql, reset and ready to bind; NULL with a message. */
static sqlite3_stmt *sync_q(struct store *st, struct sync_qs *qs, enum sync_qk k,
			    const char *sql, char *err, size_t errsz)
{
	if (qs->q[k]) {
		sqlite3_reset(qs->q[k]);
		sqlite3_clear_bindings(qs->q[k]);
		return qs->q[k];
	}
	if (store_prepare(st, sql, &qs->q[k], err, errsz) != 0)
		return NULL;
	return qs->q[k];
}

/* Steps a kept statement that returns no row, and resets it. */
static int sync_q_done(struct store *st, sqlite3_stmt *q, const char *what,
		       char *err, size_t errsz)
{
	int rc = sqlite3_step(q);

	if (rc != SQLITE_DONE)
		store_dberr(st, what, err, errsz);
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

static void sync_qs_free(struct sync_qs *qs)
{
	for (int i = 0; i < SYNC_Q_N; i++)
		sqlite3_finalize(qs->q[i]);
	memset(qs, 0, sizeof *qs);
}

/* ---- push ---------------------------------------------------------------- */

void syncstore_batch_free(struct syncstore_batch *b)
{
	if (!b)
		return;
	codec_events_free(b->ev, b->n);
	b->ev = NULL;
	b->n = 0;
}

/* Loads the events of batch b->key, in outbox order. */
static int sync_batch_load(struct store *st, struct syncstore_batch *b,
			   char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	size_t cap = 0;
	int rc;

	if (store_prepare(st,
			  "SELECT e.id, e.case_id, c.number, e.type, e.at, e.actor, e.body"
			  " FROM outbox o JOIN events e ON e.id = o.event_id"
			  " JOIN cases c ON c.id = e.case_id"
			  " WHERE o.batch_key = ?1 ORDER BY o.rowid", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, b->key, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct codec_event *ev;
		const char *type = (const char *)sqlite3_column_text(q, 3);
		int t = type ? casefsm_event_from_name(type) : -1;
		int oom = 0;

		if (b->n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct codec_event *v = realloc(b->ev, ncap * sizeof *v);

			if (!v)
				goto oom;
			b->ev = v;
			cap = ncap;
		}
		ev = &b->ev[b->n];
		memset(ev, 0, sizeof *ev);
		b->n++;
		sync_col_copy(q, 0, ev->id, sizeof ev->id);
		sync_col_copy(q, 1, ev->case_id, sizeof ev->case_id);
		if (t < 0) {
			sqlite3_finalize(q);
			return yc_seterr(err, errsz, _("待上传事件 %s 的类型“%s”无法识别；请升级 yichuang"),
					 ev->id, type ? type : "");
		}
		ev->type = (enum case_event_type)t;
		ev->case_number = store_column_dup(q, 2, &oom);
		ev->at = store_column_dup(q, 4, &oom);
		ev->actor = store_column_dup(q, 5, &oom);
		ev->body = store_column_dup(q, 6, &oom);
		if (oom)
			goto oom;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_dberr(st, _("读取待上传事件失败"), err, errsz);
	return 0;
oom:
	sqlite3_finalize(q);
	return yc_seterr(err, errsz, _("内存不足"));
}

int syncstore_next_batch(struct store *st, size_t max, struct syncstore_batch *b,
			 char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc;

	assert(st && b && max > 0);
	memset(b, 0, sizeof *b);
	/* A batch handed out before and never answered goes again as it was. */
	if (store_prepare(st,
			  "SELECT batch_key FROM outbox WHERE batch_key IS NOT NULL"
			  " ORDER BY rowid LIMIT 1", &q, err, errsz) != 0)
		return -1;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		sync_col_copy(q, 0, b->key, sizeof b->key);
		b->resent = 1;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_dberr(st, _("读取待上传队列失败"), err, errsz);

	if (!b->resent) {
		int changed;

		case_uuid(b->key);
		if (store_begin(st, err, errsz) != 0)
			return -1;
		if (store_prepare(st,
				  "UPDATE outbox SET batch_key = ?1 WHERE rowid IN"
				  " (SELECT rowid FROM outbox WHERE batch_key IS NULL"
				  " ORDER BY rowid LIMIT ?2)", &q, err, errsz) != 0) {
			store_rollback(st);
			return -1;
		}
		sqlite3_bind_text(q, 1, b->key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(q, 2, (sqlite3_int64)max);
		if (sync_step_done(st, q, _("分配上传批次失败"), err, errsz) != 0) {
			store_rollback(st);
			return -1;
		}
		changed = sqlite3_changes(st->db);
		if (store_commit(st, err, errsz) != 0)
			return -1;
		if (changed == 0) {
			b->key[0] = '\0';
			return 0;
		}
	}
	if (sync_batch_load(st, b, err, errsz) != 0) {
		syncstore_batch_free(b);
		return -1;
	}
	return 1;
}

int syncstore_batch_failed(struct store *st, const char *key, const char *why,
			   char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;

	if (store_prepare(st,
			  "UPDATE outbox SET attempts = attempts + 1, last_error = ?2"
			  " WHERE batch_key = ?1", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
	store_bind_text(q, 2, why);
	return sync_step_done(st, q, _("记录上传失败原因失败"), err, errsz);
}

/* Records server sequence `seq` (and the sender, when known) of an event. */
static int sync_record_seq(struct store *st, struct sync_qs *qs, const char *event_id,
			   long long seq, const char *terminal, char *err, size_t errsz)
{
	sqlite3_stmt *q;

	if (seq < 1)
		return yc_seterr(err, errsz, _("中心给事件 %s 的序号 %lld 无效"), event_id, seq);
	q = sync_q(st, qs, SYNC_Q_RECORD_SEQ,
		   "INSERT INTO event_sync (event_id, server_seq, terminal) VALUES (?1, ?2, ?3)"
		   " ON CONFLICT (event_id) DO UPDATE SET server_seq = excluded.server_seq,"
		   " terminal = coalesce(excluded.terminal, terminal)", err, errsz);
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, event_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 2, seq);
	store_bind_text(q, 3, terminal);
	return sync_q_done(st, q, _("记录事件的中心序号失败"), err, errsz);
}

static int sync_outbox_remove(struct store *st, struct sync_qs *qs, const char *event_id,
			      char *err, size_t errsz)
{
	sqlite3_stmt *q = sync_q(st, qs, SYNC_Q_OUTBOX_REMOVE,
				 "DELETE FROM outbox WHERE event_id = ?1", err, errsz);

	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, event_id, -1, SQLITE_TRANSIENT);
	return sync_q_done(st, q, _("从待上传队列移出事件失败"), err, errsz);
}

/* Moves a refused event to sync_conflicts and flags its case. */
static int sync_record_refusal(struct store *st, struct sync_qs *qs,
			       const struct codec_result *r, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;

	if (store_prepare(st,
			  "INSERT INTO sync_conflicts (event_id, case_id, status, server_state, reason)"
			  " SELECT id, case_id, ?2, ?3, ?4 FROM events WHERE id = ?1"
			  " ON CONFLICT (event_id) DO UPDATE SET status = excluded.status,"
			  " server_state = excluded.server_state, reason = excluded.reason,"
			  " at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), resolved_at = NULL,"
			  " resolved_by = NULL, resolution = NULL", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, r->id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, r->status == CODEC_CONFLICT ? "conflict" : "invalid", -1,
			  SQLITE_STATIC);
	store_bind_text(q, 3, r->status == CODEC_CONFLICT && r->state[0] ? r->state : NULL);
	sqlite3_bind_text(q, 4, r->reason[0] ? r->reason : _("中心未说明原因"), -1,
			  SQLITE_TRANSIENT);
	if (sync_step_done(st, q, _("记录冲突失败"), err, errsz) != 0 ||
	    sync_outbox_remove(st, qs, r->id, err, errsz) != 0)
		return -1;
	if (store_prepare(st,
			  "UPDATE cases SET conflict = 1 WHERE id = (SELECT case_id FROM events"
			  " WHERE id = ?1)", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, r->id, -1, SQLITE_TRANSIENT);
	return sync_step_done(st, q, _("标记冲突办件失败"), err, errsz);
}

/* A list of case ids touched in one transaction (few; linear search). */
struct sync_cases {
	char (*id)[CODEC_UUID_MAX];
	size_t n, cap;
};

static int sync_cases_add(struct sync_cases *c, const char *id)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->id[i], id) == 0)
			return 0;
	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 16;
		char (*v)[CODEC_UUID_MAX] = realloc(c->id, ncap * sizeof *v);

		if (!v)
			return -1;
		c->id = v;
		c->cap = ncap;
	}
	snprintf(c->id[c->n++], CODEC_UUID_MAX, "%s", id);
	return 0;
}

/* Folds a case again and rewrites its projection and conflict flag.
 * Returns 1 when the fold skipped an event or the case has an open
 * conflict, 0 when not, -1 on error. */
static int sync_fold_q(struct store *st, struct sync_qs *qs, const struct calendar *cal,
		       const char *case_id, struct case_fold *fold, int *last_seq, int *skipped,
		       char *err, size_t errsz);

static int sync_refold(struct store *st, struct sync_qs *qs, const struct calendar *cal,
		       const char *case_id, char *err, size_t errsz)
{
	struct case_fold f;
	sqlite3_stmt *q;
	int last_seq = 0, skipped = 0, flag;

	if (sync_fold_q(st, qs, cal, case_id, &f, &last_seq, &skipped, err, errsz) != 0)
		return -1;
	/* Nothing central accepts is left (its received event was refused):
	 * the projection stays as it was, flagged, for a person to decide. */
	if (f.state == CASE_NONE)
		skipped++;
	else if (case_project(st, case_id, &f, last_seq, err, errsz) != 0)
		return -1;
	q = sync_q(st, qs, SYNC_Q_CONFLICT_FLAG,
		   "UPDATE cases SET conflict = (?2 OR EXISTS (SELECT 1 FROM sync_conflicts"
		   " WHERE case_id = ?1 AND resolved_at IS NULL)) WHERE id = ?1"
		   " RETURNING conflict", err, errsz);
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(q, 2, skipped > 0);
	if (sqlite3_step(q) != SQLITE_ROW) {
		store_dberr(st, _("标记冲突办件失败"), err, errsz);
		sqlite3_reset(q);
		return -1;
	}
	flag = sqlite3_column_int(q, 0);
	/* RETURNING: the row is written when the statement is run out */
	if (sqlite3_step(q) != SQLITE_DONE) {
		store_dberr(st, _("标记冲突办件失败"), err, errsz);
		sqlite3_reset(q);
		return -1;
	}
	sqlite3_reset(q);
	return flag ? 1 : 0;
}

int syncstore_mark_results(struct store *st, const struct calendar *cal,
			   const struct syncstore_batch *b, const struct codec_result *r, size_t n,
			   struct syncstore_push_stats *stats, char *err, size_t errsz)
{
	struct syncstore_push_stats s = { 0, 0, 0 };
	struct sync_cases refused = { NULL, 0, 0 };
	struct sync_qs qs;
	sqlite3_stmt *q = NULL;

	assert(st && cal && b);
	memset(&qs, 0, sizeof qs);
	if (store_begin(st, err, errsz) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct codec_event *ev = NULL;

		for (size_t j = 0; j < b->n && !ev; j++)
			if (strcmp(b->ev[j].id, r[i].id) == 0)
				ev = &b->ev[j];
		if (!ev)
			continue;	/* an answer about an event not sent: ignored */
		switch (r[i].status) {
		case CODEC_ACCEPTED:
		case CODEC_DUPLICATE:
			if (sync_record_seq(st, &qs, ev->id, r[i].seq, NULL, err, errsz) != 0 ||
			    sync_outbox_remove(st, &qs, ev->id, err, errsz) != 0)
				goto fail;
			s.accepted++;
			break;
		case CODEC_CONFLICT:
		case CODEC_INVALID:
			if (sync_record_refusal(st, &qs, &r[i], err, errsz) != 0)
				goto fail;
			if (sync_cases_add(&refused, ev->case_id) != 0) {
				yc_seterr(err, errsz, _("内存不足"));
				goto fail;
			}
			s.refused++;
			break;
		}
	}
	/* What the answer did not name goes out again, in a new batch. */
	if (store_prepare(st, "UPDATE outbox SET batch_key = NULL WHERE batch_key = ?1",
			  &q, err, errsz) != 0)
		goto fail;
	sqlite3_bind_text(q, 1, b->key, -1, SQLITE_TRANSIENT);
	if (sync_step_done(st, q, _("更新待上传队列失败"), err, errsz) != 0)
		goto fail;
	s.unanswered = sqlite3_changes(st->db);
	/* A refused event no longer counts in its case's fold. */
	for (size_t i = 0; i < refused.n; i++)
		if (sync_refold(st, &qs, cal, refused.id[i], err, errsz) < 0)
			goto fail;
	free(refused.id);
	sync_qs_free(&qs);
	if (store_commit(st, err, errsz) != 0)
		return -1;
	if (stats) {
		stats->accepted += s.accepted;
		stats->refused += s.refused;
		stats->unanswered += s.unanswered;
	}
	return 0;
fail:
	free(refused.id);
	sync_qs_free(&qs);
	store_rollback(st);
	return -1;
}

/* ---- folding in central's order ------------------------------------------ */

int syncstore_fold(struct store *st, const struct calendar *cal, const char *case_id,
		   struct case_fold *fold, int *last_seq, int *skipped,
		   char *err, size_t errsz)
{
	struct sync_qs qs;
	int rc;

	memset(&qs, 0, sizeof qs);
	rc = sync_fold_q(st, &qs, cal, case_id, fold, last_seq, skipped, err, errsz);
	sync_qs_free(&qs);
	return rc;
}

static int sync_fold_q(struct store *st, struct sync_qs *qs, const struct calendar *cal,
		       const char *case_id, struct case_fold *fold, int *last_seq, int *skipped,
		       char *err, size_t errsz)
{
	struct case_deferral defs[CASEFSM_MAX_DEFERRED + 1];
	sqlite3_stmt *q;
	int rc;

	casefsm_init(fold);
	*last_seq = 0;
	*skipped = 0;
	q = sync_q(st, qs, SYNC_Q_FOLD,
		   "SELECT e.seq, e.type, e.body, c.event_id IS NOT NULL"
		   " FROM events e LEFT JOIN event_sync s ON s.event_id = e.id"
		   " LEFT JOIN sync_conflicts c ON c.event_id = e.id"
		   " WHERE e.case_id = ?1"
		   " ORDER BY s.server_seq IS NULL, s.server_seq, e.seq", err, errsz);
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(q, 1);
		const char *body = (const char *)sqlite3_column_text(q, 2);
		int seq = sqlite3_column_int(q, 0);
		int t = type ? casefsm_event_from_name(type) : -1;
		struct case_event e;
		struct case_fold next;
		void *holder = NULL;
		char why[YC_ERRSZ];

		if (seq > *last_seq)
			*last_seq = seq;
		if (sqlite3_column_int(q, 3))
			continue;	/* refused by central: not part of the case */
		if (t < 0) {
			sqlite3_reset(q);
			return yc_seterr(err, errsz, _("办件 %s 的第 %d 个事件类型“%s”无法识别；"
						       "请升级 yichuang"), case_id, seq,
					 type ? type : "");
		}
		if (codec_fold_event(body ? body : "", (enum case_event_type)t, &e, defs,
				     &holder, why, sizeof why) != 0) {
			codec_fold_free(holder);
			sqlite3_reset(q);
			return yc_seterr(err, errsz, _("办件 %s 的第 %d 个事件无法重演：%s"),
					 case_id, seq, why);
		}
		/* An event that does not fit is skipped, never forced: a pending
		 * one will be answered "conflict" by central; one central holds
		 * can only fail on a calendar that differs from central's.
		 * Either way the case is flagged for a person to look at. */
		next = *fold;
		if (casefsm_apply(&next, &e, cal, why, sizeof why) == 0)
			*fold = next;
		else
			(*skipped)++;
		codec_fold_free(holder);
	}
	if (rc != SQLITE_DONE)
		store_dberr(st, _("读取办件事件失败"), err, errsz);
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- pull ---------------------------------------------------------------- */

int syncstore_cursor(struct store *st, long long *cursor, char *err, size_t errsz)
{
	return sync_setting_ll(st, "sync.cursor", cursor, err, errsz);
}

static const char *j_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Creates the case of a received event pulled from central, from what
 * its body says (events.md: item_code, item_name, catalog_version,
 * applicant, channel, day). */
static int sync_case_create(struct store *st, struct sync_qs *qs, const struct codec_event *ev,
			    char *err, size_t errsz)
{
	cJSON *body = cJSON_Parse(ev->body ? ev->body : "");
	const cJSON *app, *cv;
	const char *item, *name, *day, *kind;
	sqlite3_stmt *q = NULL;
	int d, rc;

	if (!body || !cJSON_IsObject(body)) {
		cJSON_Delete(body);
		yc_seterr(err, errsz, _("中心发来的接件事件 %s 的内容不是 JSON 对象"), ev->id);
		return SYNCSTORE_PAGE_REFUSED;
	}
	app = cJSON_GetObjectItemCaseSensitive(body, "applicant");
	cv = cJSON_GetObjectItemCaseSensitive(body, "catalog_version");
	item = j_str(body, "item_code");
	name = j_str(app, "name");
	day = j_str(body, "day");
	kind = j_str(app, "kind");
	if (!item || !*item || !name || !*name || !day || date_parse(day, &d) != 0) {
		cJSON_Delete(body);
		yc_seterr(err, errsz, _("中心发来的接件事件 %s（办件 %s）缺少事项编码、申请人或日期"),
			  ev->id, ev->case_number ? ev->case_number : "");
		return SYNCSTORE_PAGE_REFUSED;
	}
	q = sync_q(st, qs, SYNC_Q_CASE_CREATE,
		   "INSERT INTO cases (id, number, item_code, item_name, catalog_version,"
		   " state, applicant_kind, applicant_name, applicant_id_no, phone,"
		   " received_on, channel) VALUES (?1, ?2, ?3, ?4, ?5, 'received', ?6, ?7,"
		   " ?8, ?9, ?10, ?11)", err, errsz);
	if (!q) {
		cJSON_Delete(body);
		return -1;
	}
	sqlite3_bind_text(q, 1, ev->case_id, -1, SQLITE_TRANSIENT);
	store_bind_text(q, 2, ev->case_number);
	sqlite3_bind_text(q, 3, item, -1, SQLITE_TRANSIENT);
	store_bind_text(q, 4, j_str(body, "item_name"));
	sqlite3_bind_int(q, 5, cJSON_IsNumber(cv) ? cv->valueint : 0);
	sqlite3_bind_int(q, 6, kind && strcmp(kind, "org") == 0 ? 2 : 1);
	sqlite3_bind_text(q, 7, name, -1, SQLITE_TRANSIENT);
	store_bind_text(q, 8, j_str(app, "id_no"));
	store_bind_text(q, 9, j_str(app, "phone"));
	sqlite3_bind_text(q, 10, day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 11, j_str(body, "channel") ? j_str(body, "channel") : "window",
			  -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	if (rc != SQLITE_DONE && (rc & 0xff) != SQLITE_CONSTRAINT)
		store_dberr(st, _("保存中心发来的办件失败"), err, errsz);
	sqlite3_reset(q);
	cJSON_Delete(body);
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		yc_seterr(err, errsz,
			  _("中心发来的办件 %s（由终端 %s 接件）的编号已被本机另一办件使用：本工作站与该终端"
			    "用了同一站点代码和终端号（同一令牌登记了两个数据库，或数据库被复制过）。"
			    "请联系管理员核对两台终端的站点代码和终端号"),
			  ev->case_number ? ev->case_number : "", ev->terminal ? ev->terminal : "?");
		return SYNCSTORE_PAGE_REFUSED;
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Appends a pulled event to its case (known to exist) with the next
 * local seq, without an outbox row. */
static int sync_append_pulled(struct store *st, struct sync_qs *qs,
			      const struct codec_event *ev, char *err, size_t errsz)
{
	sqlite3_stmt *q = sync_q(st, qs, SYNC_Q_APPEND,
				 "INSERT INTO events (id, case_id, seq, type, at, actor, body)"
				 " SELECT ?1, ?2, coalesce(max(seq), 0) + 1, ?3, ?4, ?5, ?6"
				 " FROM events WHERE case_id = ?2", err, errsz);

	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, ev->id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, ev->case_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, casefsm_event_name(ev->type), -1, SQLITE_STATIC);
	store_bind_text(q, 4, ev->at);
	store_bind_text(q, 5, ev->actor);
	sqlite3_bind_text(q, 6, ev->body ? ev->body : "{}", -1, SQLITE_TRANSIENT);
	if (sync_q_done(st, q, _("保存中心发来的事件失败"), err, errsz) != 0)
		return -1;
	return sync_record_seq(st, qs, ev->id, ev->seq, ev->terminal, err, errsz);
}

/* 1 when a row matches `sql` (kept as statement k) with ?1 = key, 0 when
 * not, -1 on error. */
static int sync_exists(struct store *st, struct sync_qs *qs, enum sync_qk k, const char *sql,
		       const char *key, char *err, size_t errsz)
{
	sqlite3_stmt *q = sync_q(st, qs, k, sql, err, errsz);
	int rc;

	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		store_dberr(st, _("查询数据库失败"), err, errsz);
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* One event of a page, inside the page's transaction. */
static int sync_apply_one(struct store *st, struct sync_qs *qs, const struct codec_event *ev,
			  struct sync_cases *touched, struct sync_cases *fresh,
			  struct syncstore_pull_stats *s, char *err, size_t errsz)
{
	int rc = sync_exists(st, qs, SYNC_Q_EVENT_EXISTS, "SELECT 1 FROM events WHERE id = ?1",
			     ev->id, err, errsz);

	if (rc < 0)
		return -1;
	if (rc == 1) {
		/* Already here (this terminal's own event coming back, or one
		 * pulled before): only its server sequence is new.  If it still
		 * waits in the outbox outside a batch, central has it: done. */
		sqlite3_stmt *q;

		if (sync_record_seq(st, qs, ev->id, ev->seq, ev->terminal, err, errsz) != 0)
			return -1;
		q = sync_q(st, qs, SYNC_Q_OUTBOX_DROP_FREE,
			   "DELETE FROM outbox WHERE event_id = ?1 AND batch_key IS NULL",
			   err, errsz);
		if (!q)
			return -1;
		sqlite3_bind_text(q, 1, ev->id, -1, SQLITE_TRANSIENT);
		if (sync_q_done(st, q, _("更新待上传队列失败"), err, errsz) != 0)
			return -1;
		s->own++;
		return sync_cases_add(touched, ev->case_id) == 0 ? 0
			: yc_seterr(err, errsz, _("内存不足"));
	}
	rc = sync_exists(st, qs, SYNC_Q_CASE_EXISTS, "SELECT 1 FROM cases WHERE id = ?1",
			 ev->case_id, err, errsz);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		if (ev->type != CASE_EV_RECEIVED) {
			yc_seterr(err, errsz,
				  _("中心发来的事件 %s（%s）属于本机没有的办件 %s，"
				    "而该办件的接件事件没有先到；请联系管理员检查中心数据"),
				  ev->id, casefsm_event_label(ev->type),
				  ev->case_number ? ev->case_number : ev->case_id);
			return SYNCSTORE_PAGE_REFUSED;
		}
		rc = sync_case_create(st, qs, ev, err, errsz);
		if (rc != 0)
			return rc;
		s->cases_created++;
	}
	if (sync_append_pulled(st, qs, ev, err, errsz) != 0)
		return -1;
	s->added++;
	return sync_cases_add(touched, ev->case_id) == 0 && sync_cases_add(fresh, ev->case_id) == 0
		? 0 : yc_seterr(err, errsz, _("内存不足"));
}

int syncstore_apply_page(struct store *st, const struct calendar *cal,
			 const struct codec_event *ev, size_t n, long long next,
			 struct syncstore_pull_stats *stats, char *err, size_t errsz)
{
	struct syncstore_pull_stats s = { 0, 0, 0, 0 };
	struct sync_cases touched = { NULL, 0, 0 }, fresh = { NULL, 0, 0 };
	struct sync_qs qs;
	int ret = -1;

	assert(st);
	memset(&qs, 0, sizeof qs);
	if (next < 0)
		return yc_seterr(err, errsz, _("中心给的同步位置 %lld 无效"), next);
	if (store_begin(st, err, errsz) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		ret = sync_apply_one(st, &qs, &ev[i], &touched, &fresh, &s, err, errsz);
		if (ret != 0)
			goto fail;
	}
	for (size_t i = 0; i < touched.n; i++) {
		int rc = sync_refold(st, &qs, cal, touched.id[i], err, errsz);

		if (rc < 0)
			goto fail;
		s.conflicts += rc;
	}
	/* registers come only with events new here, never with this
	 * terminal's own coming back */
	if (register_sync_cases(st, fresh.n ? fresh.id[0] : NULL, sizeof fresh.id[0], fresh.n,
				err, errsz) != 0)
		goto fail;
	sync_qs_free(&qs);
	if (sync_setting_set_ll(st, "sync.cursor", next, err, errsz) != 0 ||
	    store_commit(st, err, errsz) != 0)
		goto fail;
	free(touched.id);
	free(fresh.id);
	if (stats) {
		stats->added += s.added;
		stats->own += s.own;
		stats->cases_created += s.cases_created;
		stats->conflicts += s.conflicts;
	}
	return 0;
fail:
	free(touched.id);
	free(fresh.id);
	sync_qs_free(&qs);
	store_rollback(st);
	return ret == SYNCSTORE_PAGE_REFUSED ? ret : -1;
}
