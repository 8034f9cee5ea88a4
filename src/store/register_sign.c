/*
 * register_sign.c — signing hand-over registers (交接单): the sender's
 * signature, then the receiver's, which records the materials found
 * missing and writes every case's hand-over events through
 * case_apply_event, marking each case done as it goes so that a receipt
 * cut short is finished by signing again (see backoffice.h).
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cjson/cJSON.h>

#include "yichuang/backoffice.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "backoffice_internal.h"
#include "case_internal.h"
#include "store_internal.h"

/* ---- sign ---------------------------------------------------------------- */

/* The id of the register's case `ref` (a number or id) into id: 1, 0
 * (not in the register), -1. */
static int register_case_id(struct store *st, const char *number, const char *ref,
			    char id[CASE_ID_MAX], char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc = case_find(st, ref, id, err, errsz);

	if (rc != 1)
		return rc;
	if (store_prepare(st, "SELECT 1 FROM register_cases WHERE register = ?1 AND case_id = ?2",
			  &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Records the missing materials (inside the caller's transaction). */
static int register_record_missing(struct store *st, const struct register_info *r,
				   const char *user, const struct register_missing *missing,
				   size_t nmissing, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL, *ins = NULL;
	char at[40], id[CASE_ID_MAX];
	int ret = -1;

	if (nmissing && r->kind != REGISTER_MATERIALS)
		return yc_seterr(err, errsz, _("办理结果交接单不登记缺少的材料"));
	case_time_now(at, sizeof at);
	if (store_prepare(st,
			  "SELECT name FROM register_materials WHERE register = ?1 AND case_id = ?2"
			  " AND material_id = ?3", &q, err, errsz) != 0 ||
	    store_prepare(st,
			  "INSERT INTO register_discrepancies (register, case_id, material_id, text,"
			  " recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			  &ins, err, errsz) != 0)
		goto done;
	for (size_t i = 0; i < nmissing; i++) {
		const struct register_missing *m = &missing[i];
		char text[768];
		int rc = register_case_id(st, r->number, m->case_ref, id, err, errsz);

		if (rc == 0)
			yc_seterr(err, errsz, _("办件 %s 不在交接单 %s 中"),
				  m->case_ref ? m->case_ref : "", r->number);
		if (rc != 1)
			goto done;
		sqlite3_reset(q);
		sqlite3_bind_text(q, 1, r->number, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 2, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 3, m->material ? m->material : "", -1, SQLITE_TRANSIENT);
		if (sqlite3_step(q) != SQLITE_ROW) {
			yc_seterr(err, errsz, _("交接单 %s 中办件 %s 没有列出材料“%s”；"
						"请用 handover show 查看所列材料的编号"),
				  r->number, m->case_ref, m->material ? m->material : "");
			goto done;
		}
		utf8_snprintf(text, sizeof text, bo_has_text(m->note) ? _("缺少“%s”（%s）：%s")
			      : _("缺少“%s”（%s）%s"), (const char *)sqlite3_column_text(q, 0),
			      m->material, bo_has_text(m->note) ? m->note : "");
		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 1, r->number, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 2, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 3, m->material, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 4, text, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 5, user, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 6, at, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			store_dberr(st, _("登记交接差异失败"), err, errsz);
			goto done;
		}
	}
	ret = 0;
done:
	sqlite3_finalize(q);
	sqlite3_finalize(ins);
	return ret;
}

/* The events a case of register r gets on receipt, on `day`. */
static void register_events(const struct register_info *r, int day, struct case_event *a,
			    struct case_event *b)
{
	memset(a, 0, sizeof *a);
	memset(b, 0, sizeof *b);
	a->day = b->day = day;
	if (r->kind == REGISTER_MATERIALS) {
		a->type = CASE_EV_HANDED_OVER;
		b->type = CASE_EV_REVIEW_STARTED;
	} else {
		a->type = CASE_EV_RESULT_HANDED_OVER;
	}
}

/* Checks that every case not yet done can take its events on `day`;
 * names the first that cannot. */
static int register_precheck(struct store *st, const struct calendar *cal,
			     const struct register_info *r, int day, char *err, size_t errsz)
{
	struct case_event a, b;
	char why[YC_ERRSZ];

	register_events(r, day, &a, &b);
	for (size_t i = 0; i < r->ncases; i++) {
		struct case_record c;
		int rc;

		if (r->cases[i].applied)
			continue;
		rc = case_load(st, cal, r->cases[i].number, &c, err, errsz);
		if (rc == 0)
			return yc_seterr(err, errsz, _("交接单中的办件 %s 已不在数据库中"),
					 r->cases[i].number);
		if (rc < 0)
			return -1;
		rc = casefsm_apply(&c.fold, &a, cal, why, sizeof why);
		if (rc == 0 && b.type)
			rc = casefsm_apply(&c.fold, &b, cal, why, sizeof why);
		case_record_free(&c);
		if (rc != 0)
			return yc_seterr(err, errsz,
					 _("交接单 %s 不能签收：办件 %s %s；请把该办件退回窗口处理后另行交接"),
					 r->number, r->cases[i].number, why);
	}
	return 0;
}

/* 1 when case `case_number` already has an event of type t that names
 * register `number` (a receipt cut short after writing it). */
static int register_event_written(struct store *st, const char *case_number,
				  enum case_event_type t, const char *number)
{
	sqlite3_stmt *q = NULL;
	char why[YC_ERRSZ];
	int rc;

	if (store_prepare(st,
			  "SELECT 1 FROM events e JOIN cases c ON c.id = e.case_id WHERE c.number = ?1"
			  " AND e.type = ?2 AND json_extract(e.body, '$.register') = ?3",
			  &q, why, sizeof why) != 0)
		return 0;
	sqlite3_bind_text(q, 1, case_number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, casefsm_event_name(t), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, number, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	return rc == SQLITE_ROW;
}

/* The extra JSON of case c's events on receipt of r: *first for the
 * first event (handed_over or result_handed_over), *second for
 * review_started.  late: the result reached the window late. */
static int register_bodies(const struct register_info *r, const struct register_case *c,
			   int late, char **first, char **second)
{
	cJSON *a = cJSON_CreateObject(), *b = cJSON_CreateObject(), *mats;
	struct strbuf disc;

	*first = *second = NULL;
	sb_init(&disc);
	if (!a || !b)
		goto oom;
	cJSON_AddStringToObject(a, "register", r->number);
	if (r->kind == REGISTER_MATERIALS) {
		cJSON_AddStringToObject(a, "department", r->department);
		mats = cJSON_AddArrayToObject(a, "materials");
		for (size_t i = 0; mats && i < c->nmaterials; i++) {
			cJSON *m = cJSON_CreateObject();

			if (!m || !cJSON_AddItemToArray(mats, m)) {
				cJSON_Delete(m);
				goto oom;
			}
			cJSON_AddStringToObject(m, "id", c->materials[i].id);
			cJSON_AddStringToObject(m, "name", c->materials[i].name);
			cJSON_AddStringToObject(m, "form", c->materials[i].form);
			cJSON_AddNumberToObject(m, "originals", c->materials[i].originals);
			cJSON_AddNumberToObject(m, "copies", c->materials[i].copies);
		}
		cJSON_AddStringToObject(a, "sender", r->sender);
		cJSON_AddStringToObject(b, "register", r->number);
		cJSON_AddStringToObject(b, "receiver", r->receiver);
		for (size_t i = 0; i < r->ndiscrepancies; i++)
			if (strcmp(r->discrepancies[i].case_number, c->number) == 0)
				sb_appendf(&disc, "%s%s", disc.len ? _("；") : "",
					   r->discrepancies[i].text);
		if (disc.oom)
			goto oom;
		if (disc.len) {
			cJSON *miss = cJSON_AddArrayToObject(b, "missing");

			cJSON_AddStringToObject(b, "discrepancy", disc.buf);
			/* each material found missing, for the sender's copy of
			 * the register on another workstation (register_sync.c) */
			for (size_t i = 0; miss && i < r->ndiscrepancies; i++) {
				const struct register_discrepancy *d = &r->discrepancies[i];
				cJSON *m;

				if (strcmp(d->case_number, c->number) != 0)
					continue;
				m = cJSON_CreateObject();
				if (!m || !cJSON_AddItemToArray(miss, m)) {
					cJSON_Delete(m);
					goto oom;
				}
				if (!cJSON_AddStringToObject(m, "material", d->material_id) ||
				    !cJSON_AddStringToObject(m, "text", d->text))
					goto oom;
			}
		}
		*second = cJSON_PrintUnformatted(b);
		if (!*second)
			goto oom;
	} else {
		cJSON_AddStringToObject(a, "sender", r->sender);
		cJSON_AddStringToObject(a, "receiver", r->receiver);
		cJSON_AddBoolToObject(a, "late", late);
		/* what went to the window: the licence or the refusal */
		mats = cJSON_AddArrayToObject(a, "results");
		for (size_t i = 0; mats && i < c->nmaterials; i++) {
			cJSON *m = cJSON_CreateObject();

			if (!m || !cJSON_AddItemToArray(mats, m)) {
				cJSON_Delete(m);
				goto oom;
			}
			cJSON_AddStringToObject(m, "id", c->materials[i].id);
			cJSON_AddStringToObject(m, "name", c->materials[i].name);
		}
	}
	*first = cJSON_PrintUnformatted(a);
	if (!*first)
		goto oom;
	cJSON_Delete(a);
	cJSON_Delete(b);
	sb_free(&disc);
	return 0;
oom:
	free(*first);
	free(*second);
	*first = *second = NULL;
	cJSON_Delete(a);
	cJSON_Delete(b);
	sb_free(&disc);
	return -1;
}

/* Writes the events of every case not yet done, then marks r received. */
static int register_finish(struct store *st, const struct calendar *cal,
			   struct register_info *r, char *err, size_t errsz)
{
	struct case_event a, b;
	sqlite3_stmt *q = NULL;
	char why[YC_ERRSZ];
	int rc;

	register_events(r, r->received_on, &a, &b);
	for (size_t i = 0; i < r->ncases; i++) {
		struct register_case *c = &r->cases[i];
		char *first = NULL, *second = NULL;
		int late = 0;

		if (c->applied)
			continue;
		if (r->kind == REGISTER_RESULTS) {
			struct case_record cr;

			if (case_load(st, cal, c->number, &cr, err, errsz) != 1)
				return -1;
			late = cr.fold.result_due_on && r->received_on > cr.fold.result_due_on;
			case_record_free(&cr);
		}
		if (register_bodies(r, c, late, &first, &second) != 0)
			return yc_seterr(err, errsz, _("内存不足"));
		rc = 0;
		if (!register_event_written(st, c->number, a.type, r->number))
			rc = case_apply_event(st, cal, c->number, &a, first,
					      r->kind == REGISTER_MATERIALS ? r->sender : r->receiver,
					      NULL, why, sizeof why);
		if (rc == 0 && b.type && !register_event_written(st, c->number, b.type, r->number))
			rc = case_apply_event(st, cal, c->number, &b, second, r->receiver, NULL,
					      why, sizeof why);
		free(first);
		free(second);
		if (rc != 0)
			return yc_seterr(err, errsz,
					 _("交接单 %s 已签收，但办件 %s 的交接记录未能写入：%s；"
					   "处理后请重新签收以完成交接"), r->number, c->number, why);
		if (store_prepare(st, "UPDATE register_cases SET applied = 1 WHERE register = ?1"
				  " AND case_number = ?2", &q, err, errsz) != 0)
			return -1;
		sqlite3_bind_text(q, 1, r->number, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 2, c->number, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		if (rc != SQLITE_DONE)
			return store_dberr(st, _("记录交接进度失败"), err, errsz);
		c->applied = 1;
	}
	if (store_prepare(st, "UPDATE registers SET state = 'received' WHERE number = ?1",
			  &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, r->number, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_dberr(st, _("记录交接单签收失败"), err, errsz);
	r->state = REGISTER_RECEIVED;
	return 0;
}

/* Checks that `user` may sign register r as `side`. */
static int register_may_sign(struct store *st, const struct register_info *r,
			     enum register_side side, const char *user, char *err, size_t errsz)
{
	struct user_info u;

	if (r->kind == REGISTER_MATERIALS)
		return side == REGISTER_SENDER
			? bo_require(st, user, ROLE_CLERK, NULL, _("作为移交方签署材料交接单"), &u,
				     err, errsz)
			: bo_require(st, user, ROLE_APPROVER, r->department,
				     _("签收材料交接单"), &u, err, errsz);
	return side == REGISTER_SENDER
		? bo_require(st, user, ROLE_APPROVER, r->department,
			     _("作为移交方签署办理结果交接单"), &u, err, errsz)
		: bo_require(st, user, ROLE_ISSUER, NULL, _("签收办理结果交接单"), &u, err, errsz);
}

/* Writes the signature of side into the register row (inside the
 * caller's transaction); the time of the signature into at. */
static int register_write_signature(struct store *st, const struct register_info *r,
				    enum register_side side, const char *user, int day,
				    char at[40], char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc;

	case_time_now(at, 40);
	if (store_prepare(st, side == REGISTER_SENDER
			  ? "UPDATE registers SET sender = ?2, sent_at = ?3, state = 'sent'"
			    " WHERE number = ?1 AND state = 'open'"
			  : "UPDATE registers SET receiver = ?2, received_at = ?3, received_on = ?4,"
			    " state = 'receiving' WHERE number = ?1 AND state = 'sent'",
			  &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, r->number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, at, -1, SQLITE_TRANSIENT);
	if (side == REGISTER_RECEIVER)
		case_bind_day(q, 4, day);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_dberr(st, _("保存签名失败"), err, errsz);
	if (sqlite3_changes(st->db) != 1)
		return yc_seterr(err, errsz, _("交接单 %s 刚被别人签过，请重新查看后再签"),
				 r->number);
	return 0;
}

/* The body of case i's register_sent event: the register as its sender
 * signed it (number, kind, department, made on, by, the sender and time,
 * this case's place on it) and this case's own lines, so that the receiving
 * workstation can rebuild the register from the events (register_sync.c).
 * Allocated; NULL when out of memory. */
static char *register_sent_body(const struct register_info *r, size_t i, const char *sender,
				const char *sent_at)
{
	const struct register_case *c = &r->cases[i];
	cJSON *o = cJSON_CreateObject(), *a, *m;
	char day[16];
	char *text = NULL;
	int ok;

	if (!o)
		return NULL;
	ok = cJSON_AddStringToObject(o, "register", r->number) &&
	     cJSON_AddStringToObject(o, "kind", register_kind_name(r->kind)) &&
	     cJSON_AddStringToObject(o, "department", r->department) &&
	     cJSON_AddStringToObject(o, "made_on", date_format(r->day, day, sizeof day)) &&
	     cJSON_AddStringToObject(o, "created_by", r->created_by) &&
	     cJSON_AddStringToObject(o, "created_at", r->created_at) &&
	     cJSON_AddStringToObject(o, "sender", sender) &&
	     cJSON_AddStringToObject(o, "sent_at", sent_at) &&
	     cJSON_AddNumberToObject(o, "position", (double)(i + 1));
	a = ok ? cJSON_AddArrayToObject(o, "lines") : NULL;
	for (size_t k = 0; a && k < c->nmaterials; k++) {
		const struct register_material *x = &c->materials[k];

		m = cJSON_CreateObject();
		if (!m || !cJSON_AddItemToArray(a, m)) {
			cJSON_Delete(m);
			a = NULL;
		} else if (!cJSON_AddStringToObject(m, "id", x->id) ||
			   !cJSON_AddStringToObject(m, "name", x->name) ||
			   !cJSON_AddStringToObject(m, "form", x->form) ||
			   !cJSON_AddNumberToObject(m, "originals", x->originals) ||
			   !cJSON_AddNumberToObject(m, "copies", x->copies)) {
			a = NULL;
		}
	}
	if (a)
		text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return text;
}

/* The sender signed: a register_sent event on every case of r (inside
 * the caller's transaction), so that the register reaches the receiving
 * side through central like any case event. */
static int register_sent_events(struct store *st, const struct calendar *cal,
				const struct register_info *r, const char *sender,
				const char *sent_at, int day, char *err, size_t errsz)
{
	struct case_event e;
	char why[YC_ERRSZ];

	memset(&e, 0, sizeof e);
	e.type = CASE_EV_REGISTER_SENT;
	e.day = day;
	for (size_t i = 0; i < r->ncases; i++) {
		char *body = register_sent_body(r, i, sender, sent_at);
		int rc;

		if (!body)
			return yc_seterr(err, errsz, _("内存不足"));
		rc = case_append_event(st, cal, r->cases[i].number, &e, body, sender, NULL,
				       why, sizeof why);
		free(body);
		if (rc != 0)
			return yc_seterr(err, errsz, _("交接单 %s 未能签署：办件 %s %s"), r->number,
					 r->cases[i].number, why);
	}
	return 0;
}

int register_sign(struct store *st, const struct calendar *cal, const char *number,
		  enum register_side side, const char *user, const char *password,
		  int day, const struct register_missing *missing, size_t nmissing,
		  char *err, size_t errsz)
{
	struct register_info r;
	char d1[16], d2[16], at[40];
	int rc;

	assert(st && cal);
	if (side != REGISTER_SENDER && side != REGISTER_RECEIVER)
		return yc_seterr(err, errsz, _("签名一方无效：应为移交方（sender）或接收方（receiver）"));
	rc = register_load(st, number, &r, err, errsz);
	if (rc == 0)
		return yc_seterr(err, errsz, _("没有编号为 %s 的交接单"), number ? number : "");
	if (rc < 0)
		return -1;
	if (register_may_sign(st, &r, side, user, err, errsz) != 0 ||
	    (password && bo_check_password(st, user, password, err, errsz) != 0))
		goto fail;
	if (side == REGISTER_SENDER) {
		if (r.state != REGISTER_OPEN) {
			yc_seterr(err, errsz, _("交接单 %s 已由 %s 签署（移交方），不能重复签署"),
				  r.number, r.sender ? r.sender : "");
			goto fail;
		}
		if (nmissing) {
			yc_seterr(err, errsz, _("缺少的材料由接收方签收时登记"));
			goto fail;
		}
		if (store_begin(st, err, errsz) != 0)
			goto fail;
		if (register_write_signature(st, &r, side, user, day, at, err, errsz) != 0 ||
		    register_sent_events(st, cal, &r, user, at, day, err, errsz) != 0) {
			store_rollback(st);
			goto fail;
		}
		register_info_free(&r);
		return store_commit(st, err, errsz);
	}

	switch (r.state) {
	case REGISTER_OPEN:
		yc_seterr(err, errsz, _("交接单 %s 移交方尚未签署，接收方不能先签收"), r.number);
		goto fail;
	case REGISTER_RECEIVED:
		yc_seterr(err, errsz, _("交接单 %s 已于 %s 由 %s 签收"), r.number,
			  r.received_at ? r.received_at : "", r.receiver ? r.receiver : "");
		goto fail;
	case REGISTER_RECEIVING:
		/* finishing a receipt that was cut short: same signer */
		if (!r.receiver || strcmp(r.receiver, user) != 0) {
			yc_seterr(err, errsz, _("交接单 %s 已由 %s 签收，尚未完成；请由 %s 重新签收以完成"),
				  r.number, r.receiver ? r.receiver : "", r.receiver ? r.receiver : "");
			goto fail;
		}
		if (nmissing) {
			yc_seterr(err, errsz, _("交接单 %s 已签收，缺少的材料不能再补登"), r.number);
			goto fail;
		}
		break;
	case REGISTER_SENT:
		if (day < r.day) {
			yc_seterr(err, errsz, _("签收日期 %s 早于交接单制作日期 %s"),
				  date_format(day, d1, sizeof d1), date_format(r.day, d2, sizeof d2));
			goto fail;
		}
		if (register_precheck(st, cal, &r, day, err, errsz) != 0)
			goto fail;
		if (store_begin(st, err, errsz) != 0)
			goto fail;
		if (register_write_signature(st, &r, side, user, day, at, err, errsz) != 0 ||
		    register_record_missing(st, &r, user, missing, nmissing, err, errsz) != 0) {
			store_rollback(st);
			goto fail;
		}
		if (store_commit(st, err, errsz) != 0)
			goto fail;
		register_info_free(&r);
		rc = register_load(st, number, &r, err, errsz);
		if (rc != 1)
			return rc == 0 ? yc_seterr(err, errsz, _("交接单 %s 不见了"), number) : -1;
		break;
	}
	rc = register_finish(st, cal, &r, err, errsz);
	register_info_free(&r);
	return rc;
fail:
	register_info_free(&r);
	return -1;
}
