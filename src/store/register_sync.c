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
 * When a sync pull brings such events, register_sync_cases rebuilds the
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

/* The statements of one page, prepared once. */
enum rs_q {
	RS_EVENTS, RS_REGISTER, RS_CASE, RS_LINE, RS_APPLIED, RS_RECEIVER, RS_MISSING,
	RS_RECEIVED, RS_NQ
};

static const char *const rs_sql[RS_NQ] = {
	[RS_EVENTS] = "SELECT type, at, body FROM events WHERE case_id = ?1 AND type IN"
		      " ('register_sent', 'handed_over', 'review_started', 'result_handed_over')"
		      " ORDER BY seq",
	[RS_REGISTER] = "INSERT INTO registers (number, kind, department, day, created_by,"
			" created_at, sender, sent_at, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
			" ?8, 'sent') ON CONFLICT (number) DO NOTHING",
	/* a case already on the register (made here, or pulled before)
	 * keeps its lines as they are */
	[RS_CASE] = "INSERT INTO register_cases (register, seq, case_id, case_number)"
		    " SELECT ?1, ?2, id, number FROM cases WHERE id = ?3 ON CONFLICT DO NOTHING",
	[RS_LINE] = "INSERT INTO register_materials (register, case_id, seq, material_id, name,"
		    " form, originals, copies) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
		    " ON CONFLICT DO NOTHING",
	[RS_APPLIED] = "UPDATE register_cases SET applied = 1 WHERE register = ?1"
		       " AND case_id = ?2 AND applied = 0",
	[RS_RECEIVER] = "UPDATE registers SET receiver = coalesce(receiver, ?2),"
			" received_at = coalesce(received_at, ?3),"
			" received_on = coalesce(received_on, ?4)"
			" WHERE number = ?1 AND state <> 'open'",
	[RS_MISSING] = "INSERT INTO register_discrepancies (register, case_id, material_id,"
		       " text, recorded_by, recorded_at) SELECT ?1, ?2, ?3, ?4, ?5, ?6"
		       " WHERE EXISTS (SELECT 1 FROM register_cases WHERE register = ?1"
		       " AND case_id = ?2) AND NOT EXISTS (SELECT 1 FROM register_discrepancies"
		       " WHERE register = ?1 AND case_id = ?2 AND material_id = ?3)",
	[RS_RECEIVED] = "UPDATE registers SET state = 'received' WHERE number = ?1"
			" AND state IN ('sent', 'receiving') AND receiver IS NOT NULL"
			" AND NOT EXISTS (SELECT 1 FROM register_cases WHERE register = ?1"
			" AND applied = 0)",
};

struct rs_ctx {
	struct store *st;
	sqlite3_stmt *q[RS_NQ];
	char *err;
	size_t errsz;
};

/* Runs statement k to the end and resets it; 0, or -1 with the message. */
static int rs_run(struct rs_ctx *c, enum rs_q k, const char *what)
{
	int rc = sqlite3_step(c->q[k]);

	sqlite3_reset(c->q[k]);
	sqlite3_clear_bindings(c->q[k]);
	return rc == SQLITE_DONE ? 0 : store_dberr(c->st, what, c->err, c->errsz);
}

static void rs_text(struct rs_ctx *c, enum rs_q k, int i, const char *v)
{
	sqlite3_bind_text(c->q[k], i, v, -1, SQLITE_TRANSIENT);
}

/* The register_sent body b of case case_id: adds the register (when it
 * is new here), the case and its lines.  0 (also for a body passed over)
 * or -1. */
static int rs_sent(struct rs_ctx *c, const char *case_id, const cJSON *b)
{
	const char *number = rs_str(b, "register"), *kind = rs_str(b, "kind");
	const char *dept = rs_str(b, "department"), *made = rs_str(b, "made_on");
	const char *by = rs_str(b, "created_by"), *at = rs_str(b, "created_at");
	const char *sender = rs_str(b, "sender"), *sent_at = rs_str(b, "sent_at");
	const cJSON *pos = cJSON_GetObjectItemCaseSensitive(b, "position");
	const cJSON *lines = cJSON_GetObjectItemCaseSensitive(b, "lines"), *l;
	int day, k = 0;

	if (!number || register_kind_from_name(kind) < 0 || !dept || !made ||
	    date_parse(made, &day) != 0 || !by || !at || !sender || !sent_at ||
	    !cJSON_IsNumber(pos) || pos->valuedouble < 1 || pos->valuedouble > 100000)
		return 0;
	rs_text(c, RS_REGISTER, 1, number);
	rs_text(c, RS_REGISTER, 2, kind);
	rs_text(c, RS_REGISTER, 3, dept);
	rs_text(c, RS_REGISTER, 4, made);
	rs_text(c, RS_REGISTER, 5, by);
	rs_text(c, RS_REGISTER, 6, at);
	rs_text(c, RS_REGISTER, 7, sender);
	rs_text(c, RS_REGISTER, 8, sent_at);
	if (rs_run(c, RS_REGISTER, _("保存交接单失败")) != 0)
		return -1;
	rs_text(c, RS_CASE, 1, number);
	sqlite3_bind_int(c->q[RS_CASE], 2, (int)pos->valuedouble);
	rs_text(c, RS_CASE, 3, case_id);
	if (rs_run(c, RS_CASE, _("保存交接单失败")) != 0)
		return -1;
	if (sqlite3_changes(c->st->db) == 0 || strcmp(kind, "materials") != 0)
		return 0;
	cJSON_ArrayForEach(l, lines) {
		const char *id = rs_str(l, "id"), *name = rs_str(l, "name"), *form = rs_str(l, "form");
		const cJSON *o = cJSON_GetObjectItemCaseSensitive(l, "originals");
		const cJSON *n = cJSON_GetObjectItemCaseSensitive(l, "copies");

		if (!id || !name || !rs_line_form(form))
			continue;
		rs_text(c, RS_LINE, 1, number);
		rs_text(c, RS_LINE, 2, case_id);
		sqlite3_bind_int(c->q[RS_LINE], 3, ++k);
		rs_text(c, RS_LINE, 4, id);
		rs_text(c, RS_LINE, 5, name);
		rs_text(c, RS_LINE, 6, form);
		sqlite3_bind_int(c->q[RS_LINE], 7, cJSON_IsNumber(o) && o->valueint > 0 ? o->valueint : 0);
		sqlite3_bind_int(c->q[RS_LINE], 8, cJSON_IsNumber(n) && n->valueint > 0 ? n->valueint : 0);
		if (rs_run(c, RS_LINE, _("保存交接材料失败")) != 0)
			return -1;
	}
	return 0;
}

/* A receipt event (handed_over, review_started, result_handed_over) of
 * case case_id naming a register: its case done, the receiver, the time
 * and what was found missing; the register received once every case is.
 * 0 or -1. */
static int rs_received(struct rs_ctx *c, const char *case_id, const char *type,
		       const char *at, const cJSON *b)
{
	const char *number = rs_str(b, "register"), *receiver = rs_str(b, "receiver");
	const char *day = rs_str(b, "day");
	const cJSON *miss = cJSON_GetObjectItemCaseSensitive(b, "missing"), *m;

	if (!number)
		return 0;
	if (strcmp(type, "review_started") != 0) {
		/* the case's hand-over is written: it is done on the register */
		rs_text(c, RS_APPLIED, 1, number);
		rs_text(c, RS_APPLIED, 2, case_id);
		if (rs_run(c, RS_APPLIED, _("记录交接进度失败")) != 0)
			return -1;
	}
	if (receiver) {
		rs_text(c, RS_RECEIVER, 1, number);
		rs_text(c, RS_RECEIVER, 2, receiver);
		rs_text(c, RS_RECEIVER, 3, at);
		store_bind_text(c->q[RS_RECEIVER], 4, day);
		if (rs_run(c, RS_RECEIVER, _("记录交接单签收失败")) != 0)
			return -1;
	}
	cJSON_ArrayForEach(m, miss) {
		const char *mat = rs_str(m, "material"), *text = rs_str(m, "text");

		if (!mat || !text)
			continue;
		rs_text(c, RS_MISSING, 1, number);
		rs_text(c, RS_MISSING, 2, case_id);
		rs_text(c, RS_MISSING, 3, mat);
		rs_text(c, RS_MISSING, 4, text);
		rs_text(c, RS_MISSING, 5, receiver ? receiver : "");
		rs_text(c, RS_MISSING, 6, at);
		if (rs_run(c, RS_MISSING, _("登记交接差异失败")) != 0)
			return -1;
	}
	rs_text(c, RS_RECEIVED, 1, number);
	return rs_run(c, RS_RECEIVED, _("记录交接单签收失败"));
}

/* The register events of one case, in order. */
static int rs_case(struct rs_ctx *c, const char *case_id)
{
	sqlite3_stmt *q = c->q[RS_EVENTS];
	int rc = SQLITE_DONE, ret = 0;

	sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
	while (ret == 0 && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(q, 0);
		const char *at = (const char *)sqlite3_column_text(q, 1);
		cJSON *b = cJSON_Parse((const char *)sqlite3_column_text(q, 2));

		if (!b) {
			/* valid JSON (a CHECK of the table): out of memory */
			ret = yc_seterr(c->err, c->errsz, _("内存不足"));
			break;
		}
		if (strcmp(type, "register_sent") == 0)
			ret = rs_sent(c, case_id, b);
		else
			ret = rs_received(c, case_id, type, at ? at : "", b);
		cJSON_Delete(b);
	}
	if (ret == 0 && rc != SQLITE_DONE && rc != SQLITE_ROW)
		ret = store_dberr(c->st, _("读取交接单失败"), c->err, c->errsz);
	sqlite3_reset(q);
	return ret;
}

int register_sync_cases(struct store *st, const char *ids, size_t stride, size_t n,
			char *err, size_t errsz)
{
	struct rs_ctx c = { st, { NULL }, err, errsz };
	int ret = 0;

	if (n == 0)
		return 0;
	for (int k = 0; k < RS_NQ && ret == 0; k++)
		ret = store_prepare(st, rs_sql[k], &c.q[k], err, errsz);
	for (size_t i = 0; ret == 0 && i < n; i++)
		ret = rs_case(&c, ids + i * stride);
	for (int k = 0; k < RS_NQ; k++)
		sqlite3_finalize(c.q[k]);
	return ret;
}
