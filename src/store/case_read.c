/*
 * case_read.c — reading cases: finding a case by id or number, folding its
 * stored events again (the fold is never trusted from the projection),
 * loading a case with its timeline, searching, and the outbox count.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/casestore.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "case_internal.h"
#include "store_internal.h"

int case_column_day(sqlite3_stmt *stmt, int col)
{
	const unsigned char *s = sqlite3_column_text(stmt, col);
	int day;

	if (!s || date_parse((const char *)s, &day) != 0)
		return 0;
	return day;
}

int case_find(struct store *st, const char *ref, char id[CASE_ID_MAX],
	      char *err, size_t errsz)
{
	struct caseno no;
	sqlite3_stmt *q = NULL;
	int rc, ret = -1;

	if (!ref || !*ref)
		return 0;
	if (store_prepare(st, "SELECT id FROM cases WHERE id = ?1 OR number = ?2",
			  &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, ref, -1, SQLITE_TRANSIENT);
	if (caseno_parse(ref, &no, NULL, 0) == CASENO_OK)
		sqlite3_bind_text(q, 2, no.text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_text(q, 2, ref, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		snprintf(id, CASE_ID_MAX, "%s", (const char *)sqlite3_column_text(q, 0));
		ret = 1;
	} else if (rc == SQLITE_DONE) {
		ret = 0;
	} else {
		store_dberr(st, _("查找办件失败"), err, errsz);
	}
	sqlite3_finalize(q);
	return ret;
}

/* ---- body to event ------------------------------------------------------- */

static const char *j_text(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int j_int(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? v->valueint : 0;
}

/* Reads back from a stored body every field of struct case_event the fold
 * uses.  Strings point into body; deferrals go to defs (room for
 * CASEFSM_MAX_DEFERRED + 1, so that too many is seen by casefsm). */
static int case_event_from_body(const cJSON *body, enum case_event_type type,
				struct case_event *e, struct case_deferral *defs,
				char *err, size_t errsz)
{
	const char *day = j_text(body, "day"), *s;
	const cJSON *a, *d;

	memset(e, 0, sizeof *e);
	e->type = type;
	if (!day || date_parse(day, &e->day) != 0)
		return yc_seterr(err, errsz, _("事件没有有效的日期（day）"));
	e->reason = j_text(body, "reason");
	e->instant = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(body, "instant"));
	e->promised_limit = j_int(body, "promised_limit");
	s = j_text(body, "promised_unit");
	e->promised_unit = s && strcmp(s, "days") == 0 ? LIMIT_DAYS : LIMIT_WORKDAYS;
	e->material = j_text(body, "material");
	e->extension_days = j_int(body, "extension_days");
	/* bundle_linked: the part waits for a prerequisite */
	e->waits = type == CASE_EV_BUNDLE_LINKED &&
		   cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(body, "waits_for")) > 0;
	s = j_text(body, "decision");
	if (s && casefsm_decision_from_name(s) >= 0)
		e->decision = (enum case_decision)casefsm_decision_from_name(s);
	s = j_text(body, "delivery");
	if (s && casefsm_delivery_from_name(s) >= 0)
		e->delivery = (enum case_delivery)casefsm_delivery_from_name(s);
	a = cJSON_GetObjectItemCaseSensitive(body, "deferred");
	cJSON_ArrayForEach(d, a) {
		if (e->ndeferred > CASEFSM_MAX_DEFERRED)
			break;
		defs[e->ndeferred].material = j_text(d, "material");
		defs[e->ndeferred].days = j_int(d, "days");
		e->ndeferred++;
	}
	e->deferred = e->ndeferred ? defs : NULL;
	return 0;
}

void case_event_rows_free(struct case_event_row *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++) {
		free(rows[i].id);
		free(rows[i].at);
		free(rows[i].actor);
		free(rows[i].body);
	}
	free(rows);
}

/* Copies the current row of the events query into rows[*n]. */
static int case_row_copy(sqlite3_stmt *q, struct case_event_row **rows, size_t *n,
			 size_t *cap, enum case_event_type type)
{
	struct case_event_row *r;
	int oom = 0;

	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		struct case_event_row *v = realloc(*rows, ncap * sizeof *v);

		if (!v)
			return -1;
		*rows = v;
		*cap = ncap;
	}
	r = &(*rows)[*n];
	memset(r, 0, sizeof *r);
	r->seq = sqlite3_column_int(q, 0);
	r->type = type;
	r->id = store_column_dup(q, 1, &oom);
	r->at = store_column_dup(q, 3, &oom);
	r->actor = store_column_dup(q, 4, &oom);
	r->body = store_column_dup(q, 5, &oom);
	(*n)++;
	return oom ? -1 : 0;
}

int case_fold_events(struct store *st, const struct calendar *cal,
		     const char *case_id, struct case_fold *fold, int *last_seq,
		     struct case_event_row **rows, size_t *nrows,
		     char *err, size_t errsz)
{
	struct case_deferral defs[CASEFSM_MAX_DEFERRED + 1];
	struct case_event_row *v = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *q = NULL;
	char why[YC_ERRSZ];
	int rc, central = 0;

	casefsm_init(fold);
	*last_seq = 0;
	if (store_prepare(st,
			  "SELECT e.seq, e.id, e.type, e.at, e.actor, e.body,"
			  " c.event_id IS NOT NULL, s.server_seq IS NOT NULL FROM events e"
			  " LEFT JOIN event_sync s ON s.event_id = e.id"
			  " LEFT JOIN sync_conflicts c ON c.event_id = e.id"
			  " WHERE e.case_id = ?1"
			  " ORDER BY s.server_seq IS NULL, s.server_seq, e.seq", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
	for (;;) {
		const char *type, *text;
		int t, seq;
		struct case_event e;
		cJSON *body;

		rc = sqlite3_step(q);
		if (rc != SQLITE_ROW)
			break;
		type = (const char *)sqlite3_column_text(q, 2);
		text = (const char *)sqlite3_column_text(q, 5);
		t = type ? casefsm_event_from_name(type) : -1;
		seq = sqlite3_column_int(q, 0);
		if (t < 0) {
			yc_seterr(err, errsz, _("办件 %s 的第 %d 个事件类型“%s”无法识别；"
						"请升级 yichuang"), case_id, seq, type ? type : "");
			goto fail;
		}
		body = cJSON_Parse(text ? text : "");
		if (!body || case_event_from_body(body, (enum case_event_type)t, &e, defs,
						  why, sizeof why) != 0) {
			if (!body)
				snprintf(why, sizeof why, "%s", _("内容不是 JSON"));
			cJSON_Delete(body);
			yc_seterr(err, errsz, _("办件 %s 的第 %d 个事件（%s）无法重演：%s"),
				  case_id, seq, casefsm_event_label((enum case_event_type)t), why);
			goto fail;
		}
		if (sqlite3_column_int(q, 7))
			central = 1;
		/* An event central refused is shown but is not part of the
		 * case; in central's order a pending event of this terminal
		 * may no longer fit: it is skipped (central will answer
		 * "conflict"), as syncstore_fold does.  Without central, an
		 * event that does not fit means a damaged case. */
		if (!sqlite3_column_int(q, 6) &&
		    casefsm_apply(fold, &e, cal, why, sizeof why) != 0 && !central) {
			cJSON_Delete(body);
			yc_seterr(err, errsz, _("办件 %s 的第 %d 个事件（%s）无法重演：%s"),
				  case_id, seq, casefsm_event_label((enum case_event_type)t), why);
			goto fail;
		}
		cJSON_Delete(body);
		if (seq > *last_seq)
			*last_seq = seq;
		if (rows && case_row_copy(q, &v, &n, &cap, (enum case_event_type)t) != 0) {
			yc_seterr(err, errsz, _("内存不足"));
			goto fail;
		}
	}
	if (rc != SQLITE_DONE) {
		store_dberr(st, _("读取办件事件失败"), err, errsz);
		goto fail;
	}
	sqlite3_finalize(q);
	if (rows) {
		*rows = v;
		*nrows = n;
	}
	return 0;
fail:
	sqlite3_finalize(q);
	case_event_rows_free(v, n);
	return -1;
}

/* ---- load ---------------------------------------------------------------- */

void case_record_free(struct case_record *r)
{
	if (!r)
		return;
	free(r->item_code);
	free(r->item_name);
	free(r->applicant_name);
	free(r->applicant_id_no);
	free(r->phone);
	case_event_rows_free(r->events, r->nevents);
	memset(r, 0, sizeof *r);
}

/* Reads the projection row of case id into r (strings copied). */
static int case_read_row(struct store *st, const char *id, struct case_record *r,
			 char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int oom = 0, rc;

	if (store_prepare(st,
			  "SELECT id, number, item_code, coalesce(item_name, ''), catalog_version,"
			  " applicant_kind, applicant_name, applicant_id_no, phone, conflict"
			  " FROM cases WHERE id = ?1", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(q);
		return store_dberr(st, _("读取办件失败"), err, errsz);
	}
	snprintf(r->id, sizeof r->id, "%s", (const char *)sqlite3_column_text(q, 0));
	snprintf(r->number, sizeof r->number, "%s", (const char *)sqlite3_column_text(q, 1));
	r->item_code = store_column_dup(q, 2, &oom);
	r->item_name = store_column_dup(q, 3, &oom);
	r->catalog_version = sqlite3_column_int(q, 4);
	r->applicant_org = sqlite3_column_int(q, 5) != 1;
	r->applicant_name = store_column_dup(q, 6, &oom);
	r->applicant_id_no = store_column_dup(q, 7, &oom);
	r->phone = store_column_dup(q, 8, &oom);
	r->conflict = sqlite3_column_int(q, 9);
	sqlite3_finalize(q);
	if (oom)
		return yc_seterr(err, errsz, _("内存不足"));
	return 0;
}

int case_load(struct store *st, const struct calendar *cal, const char *ref,
	      struct case_record *out, char *err, size_t errsz)
{
	char id[CASE_ID_MAX];
	int rc, last_seq;

	assert(st && cal && out);
	memset(out, 0, sizeof *out);
	/* One read transaction: the row and the events are of one moment. */
	if (store_exec(st, "BEGIN", err, errsz) != 0)
		return -1;
	rc = case_find(st, ref, id, err, errsz);
	if (rc != 1)
		goto done;
	if (case_read_row(st, id, out, err, errsz) != 0 ||
	    case_fold_events(st, cal, id, &out->fold, &last_seq, &out->events,
			     &out->nevents, err, errsz) != 0) {
		case_record_free(out);
		rc = -1;
	}
done:
	store_rollback(st);
	return rc;
}

/* ---- search -------------------------------------------------------------- */

void case_summaries_free(struct case_summary *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].item_code);
		free(v[i].item_name);
		free(v[i].applicant_name);
	}
	free(v);
}

#define CASE_SUMMARY_SELECT \
	"SELECT number, item_code, coalesce(item_name, ''), applicant_name, state," \
	" received_on, promised_on FROM cases "
#define CASE_SUMMARY_ORDER " ORDER BY received_on DESC, number DESC LIMIT ?2"

/* The query of each enum case_query; constant text, values bound. */
static const char *const case_search_sql[] = {
	[CASE_Q_ALL] = CASE_SUMMARY_SELECT "WHERE ?1 IS NULL" CASE_SUMMARY_ORDER,
	[CASE_Q_NUMBER] = CASE_SUMMARY_SELECT "WHERE number = ?1" CASE_SUMMARY_ORDER,
	[CASE_Q_ID_NO] = CASE_SUMMARY_SELECT "WHERE applicant_id_no = ?1" CASE_SUMMARY_ORDER,
	/* A range on the index: every name that starts with ?1, with no
	 * wildcard characters to escape. */
	[CASE_Q_NAME_PREFIX] = CASE_SUMMARY_SELECT
		"WHERE applicant_name >= ?1 AND applicant_name < ?1 || char(1114111)"
		CASE_SUMMARY_ORDER,
	[CASE_Q_ITEM_CODE] = CASE_SUMMARY_SELECT "WHERE item_code = ?1" CASE_SUMMARY_ORDER,
	[CASE_Q_STATE] = CASE_SUMMARY_SELECT "WHERE state = ?1" CASE_SUMMARY_ORDER,
};

/* The bound value of a query (*out, allocated): the canonical number, an
 * uppercase X in an ID number.  -1 with a message when it is not usable. */
static int case_search_value(enum case_query kind, const char *value, char **out,
			     char *err, size_t errsz)
{
	struct caseno no;

	*out = NULL;
	if (kind != CASE_Q_ALL && (!value || !*value))
		return yc_seterr(err, errsz, _("请输入要查找的内容"));
	if (kind == CASE_Q_NUMBER) {
		if (caseno_parse(value, &no, err, errsz) != CASENO_OK)
			return -1;
		value = no.text;
	}
	if (kind == CASE_Q_STATE && casefsm_state_from_name(value) < 0)
		return yc_seterr(err, errsz, _("办件状态“%s”无法识别"), value);
	*out = yc_strdup(kind == CASE_Q_ALL ? "" : value);
	if (!*out)
		return yc_seterr(err, errsz, _("内存不足"));
	if (kind == CASE_Q_ID_NO)
		for (char *c = *out; *c; c++)
			if (*c == 'x')
				*c = 'X';
	return 0;
}

int case_search(struct store *st, enum case_query kind, const char *value,
		size_t limit, struct case_summary **out, size_t *n,
		char *err, size_t errsz)
{
	struct case_summary *v = NULL;
	size_t cnt = 0, cap = 0;
	sqlite3_stmt *q = NULL;
	char *bound;
	int rc = SQLITE_DONE, oom = 0;

	*out = NULL;
	*n = 0;
	if ((unsigned)kind > CASE_Q_STATE)
		return yc_seterr(err, errsz, _("未知的查询方式 %d"), (int)kind);
	if (case_search_value(kind, value, &bound, err, errsz) != 0)
		return -1;
	if (store_prepare(st, case_search_sql[kind], &q, err, errsz) != 0) {
		free(bound);
		return -1;
	}
	if (kind == CASE_Q_ALL)
		sqlite3_bind_null(q, 1);
	else
		sqlite3_bind_text(q, 1, bound, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 2, limit ? (sqlite3_int64)limit : -1);
	free(bound);
	while (!oom) {
		struct case_summary *s;
		const char *state;
		int si;

		rc = sqlite3_step(q);
		if (rc != SQLITE_ROW)
			break;
		state = (const char *)sqlite3_column_text(q, 4);
		si = state ? casefsm_state_from_name(state) : -1;

		if (cnt == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct case_summary *nv = realloc(v, ncap * sizeof *nv);

			if (!nv) {
				oom = 1;
				break;
			}
			v = nv;
			cap = ncap;
		}
		s = &v[cnt++];
		memset(s, 0, sizeof *s);
		snprintf(s->number, sizeof s->number, "%s",
			 (const char *)sqlite3_column_text(q, 0));
		s->item_code = store_column_dup(q, 1, &oom);
		s->item_name = store_column_dup(q, 2, &oom);
		s->applicant_name = store_column_dup(q, 3, &oom);
		s->state = si < 0 ? CASE_NONE : (enum case_state)si;
		s->received_on = case_column_day(q, 5);
		s->promised_on = case_column_day(q, 6);
	}
	if (oom) {
		sqlite3_finalize(q);
		case_summaries_free(v, cnt);
		return yc_seterr(err, errsz, _("内存不足"));
	}
	if (rc != SQLITE_DONE) {
		store_dberr(st, _("查找办件失败"), err, errsz);
		sqlite3_finalize(q);
		case_summaries_free(v, cnt);
		return -1;
	}
	sqlite3_finalize(q);
	*out = v;
	*n = cnt;
	return 0;
}

int store_outbox_count(struct store *st, int *count, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;

	*count = 0;
	if (store_prepare(st, "SELECT count(*) FROM outbox", &q, err, errsz) != 0)
		return -1;
	if (sqlite3_step(q) != SQLITE_ROW) {
		sqlite3_finalize(q);
		return store_dberr(st, _("读取待上传事件数失败"), err, errsz);
	}
	*count = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return 0;
}
