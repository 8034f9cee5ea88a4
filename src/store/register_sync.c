/*
 * register_sync.c — hand-over registers across workstations.  A register
 * is made and signed by its sender on one workstation and signed for on
 * another (the back office's own terminal, the issuing window's); the
 * two meet only through central, which carries case events.  So the
 * sender's signature writes a register_sent event on every case of the
 * register (register_sign.c) with the register's header and that case's
 * lines, and the receipt writes handed_over, review_started or
 * result_handed_over naming the register.
 *
 * When a sync pull brings such events, register_sync_case rebuilds the
 * local copy of the register from them: a register sent from elsewhere
 * appears here as waiting for this side's signature, and a register sent
 * from here and signed for elsewhere becomes received, with the
 * receiver, the time and the materials found missing.  It only ever adds
 * what the events say and is idempotent: pulling a page again, or a
 * register made on this very workstation, changes nothing.  A body that
 * does not read as a register is passed over (the case's timeline still
 * shows the event); it never stops a sync.
 */
#include <stdio.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/backoffice.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "backoffice_internal.h"
#include "store_internal.h"

/* A string member of o, NULL when absent or not a string. */
static const char *rs_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

/* 1 when form is one a materials register keeps per line. */
static int rs_line_form(const char *form)
{
	return form && (strcmp(form, "paper") == 0 || strcmp(form, "electronic") == 0 ||
			strcmp(form, "fetched") == 0 || strcmp(form, "deferred") == 0);
}

/* Runs q to the end; 0, or -1 with the message. */
static int rs_step(struct store *st, sqlite3_stmt *q, const char *what, char *err,
		   size_t errsz)
{
	int rc = sqlite3_step(q);

	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : store_dberr(st, what, err, errsz);
}

/* The register_sent body b of case case_id: adds the register (when it
 * is new here), the case and its lines.  0 (also for a body passed over)
 * or -1. */
static int rs_sent(struct store *st, const char *case_id, const cJSON *b, char *err,
		   size_t errsz)
{
	const char *number = rs_str(b, "register"), *kind = rs_str(b, "kind");
	const char *dept = rs_str(b, "department"), *made = rs_str(b, "made_on");
	const char *by = rs_str(b, "created_by"), *at = rs_str(b, "created_at");
	const char *sender = rs_str(b, "sender"), *sent_at = rs_str(b, "sent_at");
	const cJSON *pos = cJSON_GetObjectItemCaseSensitive(b, "position");
	const cJSON *lines = cJSON_GetObjectItemCaseSensitive(b, "lines"), *l;
	sqlite3_stmt *q = NULL;
	int day, ret = -1, k = 0;

	if (!number || register_kind_from_name(kind) < 0 || !dept || !made ||
	    date_parse(made, &day) != 0 || !by || !at || !sender || !sent_at ||
	    !cJSON_IsNumber(pos) || pos->valuedouble < 1 || pos->valuedouble > 100000)
		return 0;
	if (store_prepare(st,
			  "INSERT INTO registers (number, kind, department, day, created_by, created_at,"
			  " sender, sent_at, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'sent')"
			  " ON CONFLICT (number) DO NOTHING", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, dept, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 4, made, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 5, by, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 6, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 7, sender, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 8, sent_at, -1, SQLITE_TRANSIENT);
	if (rs_step(st, q, _("保存交接单失败"), err, errsz) != 0)
		goto done;
	sqlite3_finalize(q);
	/* a case already on the register (made here, or pulled before) keeps
	 * its lines as they are */
	if (store_prepare(st,
			  "INSERT INTO register_cases (register, seq, case_id, case_number)"
			  " SELECT ?1, ?2, id, number FROM cases WHERE id = ?3 ON CONFLICT DO NOTHING",
			  &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(q, 2, (int)pos->valuedouble);
	sqlite3_bind_text(q, 3, case_id, -1, SQLITE_TRANSIENT);
	if (rs_step(st, q, _("保存交接单失败"), err, errsz) != 0)
		goto done;
	if (sqlite3_changes(st->db) == 0 || strcmp(kind, "materials") != 0) {
		ret = 0;
		goto done;
	}
	sqlite3_finalize(q);
	if (store_prepare(st,
			  "INSERT INTO register_materials (register, case_id, seq, material_id, name,"
			  " form, originals, copies) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
			  " ON CONFLICT DO NOTHING", &q, err, errsz) != 0)
		return -1;
	cJSON_ArrayForEach(l, lines) {
		const char *id = rs_str(l, "id"), *name = rs_str(l, "name"), *form = rs_str(l, "form");
		const cJSON *o = cJSON_GetObjectItemCaseSensitive(l, "originals");
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(l, "copies");

		if (!id || !name || !rs_line_form(form))
			continue;
		sqlite3_bind_text(q, 1, number, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 2, case_id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(q, 3, ++k);
		sqlite3_bind_text(q, 4, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 5, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 6, form, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(q, 7, cJSON_IsNumber(o) && o->valueint > 0 ? o->valueint : 0);
		sqlite3_bind_int(q, 8, cJSON_IsNumber(c) && c->valueint > 0 ? c->valueint : 0);
		if (rs_step(st, q, _("保存交接材料失败"), err, errsz) != 0)
			goto done;
	}
	ret = 0;
done:
	sqlite3_finalize(q);
	return ret;
}

/* A receipt event (handed_over, review_started, result_handed_over) of
 * case case_id naming a register: its case done, the receiver, the time
 * and what was found missing; the register received once every case is.
 * 0 or -1. */
static int rs_received(struct store *st, const char *case_id, const char *type,
		       const char *at, const cJSON *b, char *err, size_t errsz)
{
	const char *number = rs_str(b, "register"), *receiver = rs_str(b, "receiver");
	const char *day = rs_str(b, "day");
	const cJSON *miss = cJSON_GetObjectItemCaseSensitive(b, "missing"), *m;
	sqlite3_stmt *q = NULL;
	int ret = -1;

	if (!number)
		return 0;
	if (strcmp(type, "review_started") != 0) {
		/* the case's hand-over is written: it is done on the register */
		if (store_prepare(st, "UPDATE register_cases SET applied = 1 WHERE register = ?1"
				  " AND case_id = ?2 AND applied = 0", &q, err, errsz) != 0)
			return -1;
		sqlite3_bind_text(q, 1, number, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 2, case_id, -1, SQLITE_TRANSIENT);
		if (rs_step(st, q, _("记录交接进度失败"), err, errsz) != 0)
			goto done;
		sqlite3_finalize(q);
		q = NULL;
	}
	if (receiver) {
		if (store_prepare(st,
				  "UPDATE registers SET receiver = coalesce(receiver, ?2),"
				  " received_at = coalesce(received_at, ?3),"
				  " received_on = coalesce(received_on, ?4)"
				  " WHERE number = ?1 AND state <> 'open'", &q, err, errsz) != 0)
			return -1;
		sqlite3_bind_text(q, 1, number, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 2, receiver, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 3, at, -1, SQLITE_TRANSIENT);
		store_bind_text(q, 4, day);
		if (rs_step(st, q, _("记录交接单签收失败"), err, errsz) != 0)
			goto done;
		sqlite3_finalize(q);
		q = NULL;
	}
	if (cJSON_IsArray(miss)) {
		if (store_prepare(st,
				  "INSERT INTO register_discrepancies (register, case_id, material_id,"
				  " text, recorded_by, recorded_at) SELECT ?1, ?2, ?3, ?4, ?5, ?6"
				  " WHERE EXISTS (SELECT 1 FROM register_cases WHERE register = ?1"
				  " AND case_id = ?2) AND NOT EXISTS (SELECT 1 FROM register_discrepancies"
				  " WHERE register = ?1 AND case_id = ?2 AND material_id = ?3)",
				  &q, err, errsz) != 0)
			return -1;
		cJSON_ArrayForEach(m, miss) {
			const char *mat = rs_str(m, "material"), *text = rs_str(m, "text");

			if (!mat || !text)
				continue;
			sqlite3_bind_text(q, 1, number, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(q, 2, case_id, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(q, 3, mat, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(q, 4, text, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(q, 5, receiver ? receiver : "", -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(q, 6, at, -1, SQLITE_TRANSIENT);
			if (rs_step(st, q, _("登记交接差异失败"), err, errsz) != 0)
				goto done;
		}
		sqlite3_finalize(q);
		q = NULL;
	}
	if (store_prepare(st,
			  "UPDATE registers SET state = 'received' WHERE number = ?1"
			  " AND state IN ('sent', 'receiving') AND receiver IS NOT NULL"
			  " AND NOT EXISTS (SELECT 1 FROM register_cases WHERE register = ?1"
			  " AND applied = 0)", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_TRANSIENT);
	ret = rs_step(st, q, _("记录交接单签收失败"), err, errsz);
done:
	sqlite3_finalize(q);
	return ret;
}

int register_sync_case(struct store *st, const char *case_id, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc = SQLITE_DONE, ret = 0;

	if (store_prepare(st,
			  "SELECT type, at, body FROM events WHERE case_id = ?1 AND type IN"
			  " ('register_sent', 'handed_over', 'review_started', 'result_handed_over')"
			  " ORDER BY seq", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
	while (ret == 0 && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(q, 0);
		const char *at = (const char *)sqlite3_column_text(q, 1);
		cJSON *b = cJSON_Parse((const char *)sqlite3_column_text(q, 2));

		if (!b) {
			/* valid JSON (a CHECK of the table): out of memory */
			ret = yc_seterr(err, errsz, _("内存不足"));
			break;
		}
		if (strcmp(type, "register_sent") == 0)
			ret = rs_sent(st, case_id, b, err, errsz);
		else
			ret = rs_received(st, case_id, type, at ? at : "", b, err, errsz);
		cJSON_Delete(b);
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = store_dberr(st, _("读取交接单失败"), err, errsz);
	sqlite3_finalize(q);
	return ret;
}
