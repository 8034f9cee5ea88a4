/*
 * bundle_store.c — 一件事 bundles: which cases are the parts of one joint
 * application, which part waits for which (the items of the bundle's
 * lead department are the prerequisite of the others), the 即办件 parts
 * held at intake and completed once their prerequisite is approved, and
 * the lead department's closing of the application once every part is
 * decided (see backoffice.h).
 *
 * Everything is a case event: bundle_linked on every part when the
 * application is made (its body names the bundle, the lead department
 * and every part with what it waits for), bundle_closed on every part
 * when the lead department closes it.  So a bundle syncs like any case,
 * shows in each part's timeline, and is read back from the events alone.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/backoffice.h"
#include "yichuang/catalog.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "backoffice_internal.h"
#include "case_internal.h"
#include "store_internal.h"

int bundle_waits_for(const struct catalog *cat, const struct catalog_bundle *b,
		     size_t part, size_t prereq)
{
	const struct catalog_item *p, *q;

	if (part == prereq || part >= b->nitems || prereq >= b->nitems)
		return 0;
	p = catalog_find_item(cat, b->items[part]);
	q = catalog_find_item(cat, b->items[prereq]);
	if (!p || !q || !b->lead_department)
		return 0;
	return strcmp(q->department, b->lead_department) == 0 &&
	       strcmp(p->department, b->lead_department) != 0;
}

/* ---- reading ----------------------------------------------------------- */

static const char *j_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

void bundle_info_free(struct bundle_info *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->nparts; i++) {
		free(b->parts[i].item_code);
		free(b->parts[i].item_name);
		free(b->parts[i].department);
		free(b->parts[i].waits_for);
	}
	free(b->parts);
	free(b->bundle_id);
	free(b->bundle_code);
	free(b->bundle_name);
	free(b->lead_department);
	free(b->linked_by);
	free(b->closed_by);
	memset(b, 0, sizeof *b);
}

/* The body and actor of the first event of `type` naming bundle_id:
 * 1 (both allocated), 0 none, -1. */
static int bundle_event(struct store *st, enum case_event_type type, const char *bundle_id,
			cJSON **body, char **actor, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc, oom = 0;

	*body = NULL;
	*actor = NULL;
	if (store_prepare(st,
			  "SELECT body, actor FROM events WHERE type = ?1"
			  " AND json_extract(body, '$.bundle_id') = ?2 ORDER BY at, seq LIMIT 1",
			  &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, casefsm_event_name(type), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, bundle_id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(q, 0);

		*body = cJSON_Parse(text ? text : "");
		*actor = store_column_dup(q, 1, &oom);
		if (!*body || oom) {
			cJSON_Delete(*body);
			free(*actor);
			*body = NULL;
			*actor = NULL;
			sqlite3_finalize(q);
			return yc_seterr(err, errsz, _("一件事“%s”的登记记录无法读取"), bundle_id);
		}
	}
	sqlite3_finalize(q);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_dberr(st, _("读取一件事失败"), err, errsz);
}

/* The fold of case `number` (no transaction of its own: callers may be
 * inside one).  1 found, 0 not on this terminal, -1. */
static int bundle_part_fold(struct store *st, const struct calendar *cal, const char *number,
			    struct case_fold *f, char *err, size_t errsz)
{
	char id[CASE_ID_MAX];
	int rc = case_find(st, number, id, err, errsz), last;

	casefsm_init(f);
	if (rc != 1)
		return rc;
	if (case_fold_events(st, cal, id, f, &last, NULL, NULL, err, errsz) != 0)
		return -1;
	return 1;
}

/* "甲、乙": the strings of array a joined; NULL when out of memory. */
static char *bundle_join(const cJSON *a)
{
	struct strbuf sb;
	const cJSON *x;

	sb_init(&sb);
	sb_append(&sb, "");
	cJSON_ArrayForEach(x, a)
		if (cJSON_IsString(x))
			sb_appendf(&sb, "%s%s", sb.len ? _("、") : "", x->valuestring);
	if (sb.oom) {
		sb_free(&sb);
		return NULL;
	}
	return sb_take(&sb);
}

/* 1 when part p waits for a part of b not yet approved. */
static int bundle_part_waiting(const struct bundle_info *b, const cJSON *waits)
{
	const cJSON *x;

	cJSON_ArrayForEach(x, waits) {
		int found = 0;

		if (!cJSON_IsString(x))
			continue;
		for (size_t i = 0; i < b->nparts; i++)
			if (strcmp(b->parts[i].number, x->valuestring) == 0) {
				found = 1;
				if (b->parts[i].decision != CASE_DECISION_APPROVE)
					return 1;
			}
		if (!found)
			return 1;
	}
	return 0;
}

int bundle_load(struct store *st, const struct calendar *cal, const char *bundle_id,
		struct bundle_info *out, char *err, size_t errsz)
{
	cJSON *body = NULL, *closed = NULL;
	const cJSON *parts, *p;
	char *actor = NULL, *closer = NULL;
	int rc, oom = 0;
	size_t n = 0;

	memset(out, 0, sizeof *out);
	rc = bundle_event(st, CASE_EV_BUNDLE_LINKED, bundle_id ? bundle_id : "", &body, &actor,
			  err, errsz);
	if (rc != 1)
		return rc;
	parts = cJSON_GetObjectItemCaseSensitive(body, "parts");
	out->parts = calloc((size_t)cJSON_GetArraySize(parts) + 1, sizeof *out->parts);
	out->bundle_id = yc_strdup(bundle_id);
	out->bundle_code = yc_strdup(j_str(body, "bundle_code") ? j_str(body, "bundle_code") : "");
	out->bundle_name = yc_strdup(j_str(body, "bundle_name") ? j_str(body, "bundle_name") : "");
	out->lead_department = yc_strdup(j_str(body, "lead_department") ?
					 j_str(body, "lead_department") : "");
	out->linked_by = actor;
	actor = NULL;
	if (!j_str(body, "day") || date_parse(j_str(body, "day"), &out->linked_on) != 0)
		out->linked_on = 0;
	oom = !out->parts || !out->bundle_id || !out->bundle_code || !out->bundle_name ||
	      !out->lead_department;
	cJSON_ArrayForEach(p, parts) {
		struct bundle_part *x;
		struct case_fold f;

		if (oom || !j_str(p, "number"))
			continue;
		x = &out->parts[n++];
		out->nparts = n;
		snprintf(x->number, sizeof x->number, "%s", j_str(p, "number"));
		x->item_code = yc_strdup(j_str(p, "item_code") ? j_str(p, "item_code") : "");
		x->item_name = yc_strdup(j_str(p, "item_name") ? j_str(p, "item_name") : "");
		x->department = yc_strdup(j_str(p, "department") ? j_str(p, "department") : "");
		x->waits_for = bundle_join(cJSON_GetObjectItemCaseSensitive(p, "waits_for"));
		x->instant = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p, "instant"));
		oom |= !x->item_code || !x->item_name || !x->department || !x->waits_for;
		rc = bundle_part_fold(st, cal, x->number, &f, err, errsz);
		if (rc < 0)
			goto fail;
		x->state = f.state;
		x->decision = f.decision;
		x->decided_on = f.decided_on;
	}
	if (oom) {
		yc_seterr(err, errsz, _("内存不足"));
		goto fail;
	}
	/* Held: a 即办件 accepted, waiting for a prerequisite not approved. */
	n = 0;
	cJSON_ArrayForEach(p, parts) {
		struct bundle_part *x;

		if (!j_str(p, "number"))
			continue;
		x = &out->parts[n++];
		x->held = x->instant && x->state == CASE_ACCEPTED &&
			  bundle_part_waiting(out, cJSON_GetObjectItemCaseSensitive(p, "waits_for"));
	}
	rc = bundle_event(st, CASE_EV_BUNDLE_CLOSED, bundle_id, &closed, &closer, err, errsz);
	if (rc < 0)
		goto fail;
	if (rc == 1) {
		if (!j_str(closed, "day") || date_parse(j_str(closed, "day"), &out->closed_on) != 0)
			out->closed_on = 1;
		out->closed_by = closer;
		closer = NULL;
	}
	cJSON_Delete(closed);
	cJSON_Delete(body);
	return 1;
fail:
	cJSON_Delete(closed);
	free(closer);
	cJSON_Delete(body);
	free(actor);
	bundle_info_free(out);
	return -1;
}

/* The bundle id of case `case_id` into id: 1, 0 (none), -1. */
static int bundle_id_of(struct store *st, const char *case_id, char id[BUNDLE_ID_MAX],
			char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc;

	if (store_prepare(st,
			  "SELECT json_extract(body, '$.bundle_id') FROM events WHERE case_id = ?1"
			  " AND type = 'bundle_linked' ORDER BY seq LIMIT 1", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		snprintf(id, BUNDLE_ID_MAX, "%s", sqlite3_column_text(q, 0) ?
			 (const char *)sqlite3_column_text(q, 0) : "");
	sqlite3_finalize(q);
	if (rc == SQLITE_ROW)
		return id[0] ? 1 : 0;
	if (rc == SQLITE_DONE)
		return 0;
	return store_dberr(st, _("读取一件事失败"), err, errsz);
}

int bundle_of_case(struct store *st, const struct calendar *cal, const char *ref,
		   struct bundle_info *out, char *err, size_t errsz)
{
	char id[CASE_ID_MAX], bid[BUNDLE_ID_MAX];
	int rc;

	memset(out, 0, sizeof *out);
	rc = case_find(st, ref, id, err, errsz);
	if (rc != 1)
		return rc;
	rc = bundle_id_of(st, id, bid, err, errsz);
	if (rc != 1)
		return rc;
	return bundle_load(st, cal, bid, out, err, errsz);
}

int bundle_closable(const struct bundle_info *b, char *why, size_t whysz)
{
	struct strbuf open;
	int ok;

	sb_init(&open);
	for (size_t i = 0; i < b->nparts; i++) {
		const struct bundle_part *p = &b->parts[i];

		if (p->decided_on || p->state == CASE_WITHDRAWN || p->state == CASE_REJECTED)
			continue;
		sb_appendf(&open, "%s%s（%s，%s）", open.len ? _("、") : "", p->number,
			   p->department, p->state == CASE_NONE ? _("本机尚无此办件")
			   : casefsm_state_label(p->state));
	}
	ok = open.len == 0 && !open.oom;
	if (why && whysz)
		snprintf(why, whysz, "%s", open.buf ? open.buf : "");
	if (why && whysz)
		utf8_trim_partial(why);
	sb_free(&open);
	return ok;
}

/* ---- linking ----------------------------------------------------------- */

/* One case to link: its id, number, and index in the bundle's items. */
struct bundle_pick {
	char id[CASE_ID_MAX];
	char number[CASENO_TEXT_MAX];
	size_t item;
};

/* Checks that case ref may be a part of b and fills *pk.  0 or -1. */
static int bundle_pick_case(struct store *st, const struct calendar *cal,
			    const struct catalog_bundle *b, const char *ref,
			    const struct bundle_pick *picked, size_t npicked,
			    struct bundle_pick *pk, char *err, size_t errsz)
{
	struct case_fold f;
	sqlite3_stmt *q = NULL;
	char code[128] = "", other[BUNDLE_ID_MAX];
	int rc, last;

	rc = case_find(st, ref, pk->id, err, errsz);
	if (rc == 0)
		return yc_seterr(err, errsz, _("没有编号为 %s 的办件"), ref ? ref : "");
	if (rc < 0)
		return -1;
	if (store_prepare(st, "SELECT number, item_code FROM cases WHERE id = ?1", &q,
			  err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, pk->id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(q) == SQLITE_ROW) {
		snprintf(pk->number, sizeof pk->number, "%s", (const char *)sqlite3_column_text(q, 0));
		snprintf(code, sizeof code, "%s", (const char *)sqlite3_column_text(q, 1));
	}
	sqlite3_finalize(q);
	for (pk->item = 0; pk->item < b->nitems; pk->item++)
		if (strcmp(b->items[pk->item], code) == 0)
			break;
	if (pk->item == b->nitems)
		return yc_seterr(err, errsz, _("办件 %s 的事项（%s）不是一件事“%s”的事项"),
				 pk->number, code, b->name);
	for (size_t i = 0; i < npicked; i++) {
		if (strcmp(picked[i].id, pk->id) == 0)
			return yc_seterr(err, errsz, _("办件 %s 重复列出"), pk->number);
		if (picked[i].item == pk->item)
			return yc_seterr(err, errsz, _("办件 %s 与 %s 是同一事项，一件事中每个事项只有一个办件"),
					 pk->number, picked[i].number);
	}
	rc = bundle_id_of(st, pk->id, other, err, errsz);
	if (rc < 0)
		return -1;
	if (rc == 1)
		return yc_seterr(err, errsz, _("办件 %s 已属于一件事 %s"), pk->number, other);
	if (case_fold_events(st, cal, pk->id, &f, &last, NULL, NULL, err, errsz) != 0)
		return -1;
	if (f.state == CASE_REJECTED || f.state == CASE_WITHDRAWN || f.state == CASE_ARCHIVED)
		return yc_seterr(err, errsz, _("办件 %s 已终结（%s），不能列入一件事"), pk->number,
				 casefsm_state_label(f.state));
	return 0;
}

/* The body of a part's bundle_linked event. */
static char *bundle_link_body(const struct catalog *cat, const struct catalog_bundle *b,
			      const char *bundle_id, const struct bundle_pick *pk, size_t n,
			      size_t self)
{
	cJSON *o = cJSON_CreateObject(), *parts, *waits;
	char *text;

	if (!o)
		return NULL;
	cJSON_AddStringToObject(o, "bundle_id", bundle_id);
	cJSON_AddStringToObject(o, "bundle_code", b->code);
	cJSON_AddStringToObject(o, "bundle_name", b->name);
	cJSON_AddStringToObject(o, "lead_department", b->lead_department);
	parts = cJSON_AddArrayToObject(o, "parts");
	waits = cJSON_AddArrayToObject(o, "waits_for");
	for (size_t i = 0; parts && waits && i < n; i++) {
		const struct catalog_item *it = catalog_find_item(cat, b->items[pk[i].item]);
		cJSON *p = cJSON_CreateObject(), *w;

		if (!p || !cJSON_AddItemToArray(parts, p)) {
			cJSON_Delete(p);
			break;
		}
		cJSON_AddStringToObject(p, "number", pk[i].number);
		cJSON_AddStringToObject(p, "item_code", b->items[pk[i].item]);
		cJSON_AddStringToObject(p, "item_name", it ? it->name : "");
		cJSON_AddStringToObject(p, "department", it ? it->department : "");
		cJSON_AddBoolToObject(p, "instant", it && it->kind == ITEM_INSTANT);
		w = cJSON_AddArrayToObject(p, "waits_for");
		for (size_t k = 0; w && k < n; k++)
			if (bundle_waits_for(cat, b, pk[i].item, pk[k].item)) {
				cJSON_AddItemToArray(w, cJSON_CreateString(pk[k].number));
				if (i == self)
					cJSON_AddItemToArray(waits, cJSON_CreateString(pk[k].number));
			}
	}
	text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return text;
}

int bundle_link(struct store *st, const struct calendar *cal, const char *bundle_code,
		const char *lead, const char *const *refs, size_t nrefs,
		const char *user, int day, char id[BUNDLE_ID_MAX], char *err, size_t errsz)
{
	struct catalog cat;
	const struct catalog_bundle *b;
	struct bundle_pick *pk = NULL;
	struct user_info u;
	int version = 0, ret = -1;

	assert(st && cal);
	id[0] = '\0';
	if (backoffice_user(st, user, &u, err, errsz) != 0)
		return -1;
	if (u.role != ROLE_CLERK && u.role != ROLE_ADMIN)
		return yc_seterr(err, errsz,
				 _("用户“%s”的角色是%s，不能登记一件事：由综合受理窗口人员在受理时登记"),
				 user, auth_role_label(u.role));
	if (!bo_has_text(bundle_code))
		return yc_seterr(err, errsz, _("请指定一件事编码（yichuang catalog list 列出全部一件事）"));
	if (nrefs < 2)
		return yc_seterr(err, errsz, _("一件事至少包括两个办件"));
	catalog_init(&cat);
	if (store_catalog_current(st, &version, err, errsz) != 0 ||
	    (version > 0 && store_catalog_load(st, version, &cat, err, errsz) != 0))
		goto out;
	b = catalog_find_bundle(&cat, bundle_code);
	if (!b) {
		yc_seterr(err, errsz, _("当前事项目录中没有编码为“%s”的一件事；"
					"yichuang catalog list 列出全部一件事"), bundle_code);
		goto out;
	}
	if (lead && strcmp(lead, b->lead_department) != 0) {
		yc_seterr(err, errsz, _("一件事“%s”的牵头部门是“%s”，不是“%s”"), b->name,
			  b->lead_department, lead);
		goto out;
	}
	pk = calloc(nrefs, sizeof *pk);
	if (!pk) {
		yc_seterr(err, errsz, _("内存不足"));
		goto out;
	}
	if (store_begin(st, err, errsz) != 0)
		goto out;
	for (size_t i = 0; i < nrefs; i++)
		if (bundle_pick_case(st, cal, b, refs[i], pk, i, &pk[i], err, errsz) != 0)
			goto fail;
	/* Named after its first part: one case is in one bundle only. */
	snprintf(id, BUNDLE_ID_MAX, "LB-%s", pk[0].number);
	for (size_t i = 0; i < nrefs; i++) {
		struct case_event e;
		char *body = bundle_link_body(&cat, b, id, pk, nrefs, i);

		if (!body) {
			yc_seterr(err, errsz, _("内存不足"));
			goto fail;
		}
		memset(&e, 0, sizeof e);
		e.type = CASE_EV_BUNDLE_LINKED;
		e.day = day;
		for (size_t k = 0; k < nrefs; k++)
			e.waits |= bundle_waits_for(&cat, b, pk[i].item, pk[k].item);
		if (case_append_event(st, cal, pk[i].id, &e, body, user, NULL, err, errsz) != 0) {
			free(body);
			goto fail;
		}
		free(body);
	}
	if (store_commit(st, err, errsz) != 0)
		goto out;
	ret = 0;
	goto out;
fail:
	store_rollback(st);
out:
	if (ret != 0)
		id[0] = '\0';
	free(pk);
	catalog_free(&cat);
	return ret;
}

/* ---- completing held parts ------------------------------------------------ */

/* The 结果名称 of item `code` (the newest catalog version that has it). */
static void bundle_item_result(struct store *st, const char *code, char *buf, size_t bufsz)
{
	sqlite3_stmt *q = NULL;
	char why[YC_ERRSZ];

	buf[0] = '\0';
	if (store_prepare(st, "SELECT result FROM catalog_items WHERE code = ?1"
			  " ORDER BY version DESC LIMIT 1", &q, why, sizeof why) != 0)
		return;
	sqlite3_bind_text(q, 1, code, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
		snprintf(buf, bufsz, "%s", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
}

int bundle_complete_held(struct store *st, const struct calendar *cal, const char *case_id,
			 const char *actor, int day, char *err, size_t errsz)
{
	struct bundle_info b;
	char bid[BUNDLE_ID_MAX], number[CASENO_TEXT_MAX] = "";
	int rc;

	rc = bundle_id_of(st, case_id, bid, err, errsz);
	if (rc != 1)
		return rc;
	rc = bundle_load(st, cal, bid, &b, err, errsz);
	if (rc != 1)
		return rc;
	for (size_t i = 0; i < b.nparts; i++) {
		char found[CASE_ID_MAX];

		if (case_find(st, b.parts[i].number, found, err, errsz) == 1 &&
		    strcmp(found, case_id) == 0)
			snprintf(number, sizeof number, "%s", b.parts[i].number);
	}
	for (size_t i = 0; i < b.nparts; i++) {
		struct bundle_part *p = &b.parts[i];
		struct case_event e;
		cJSON *o;
		char result[512], *extra;

		/* Still held: another prerequisite is not approved yet. */
		if (!number[0] || !p->instant || p->state != CASE_ACCEPTED || p->held ||
		    !strstr(p->waits_for, number))
			continue;
		bundle_item_result(st, p->item_code, result, sizeof result);
		o = cJSON_CreateObject();
		if (o) {
			cJSON_AddStringToObject(o, "result", result);
			cJSON_AddStringToObject(o, "bundle_id", bid);
			cJSON_AddStringToObject(o, "completes_after", number);
		}
		extra = o ? cJSON_PrintUnformatted(o) : NULL;
		cJSON_Delete(o);
		if (!extra) {
			bundle_info_free(&b);
			return yc_seterr(err, errsz, _("内存不足"));
		}
		memset(&e, 0, sizeof e);
		e.type = CASE_EV_DECIDED;
		e.day = day;
		e.decision = CASE_DECISION_APPROVE;
		rc = case_append_event(st, cal, p->number, &e, extra, actor, NULL, err, errsz);
		free(extra);
		if (rc != 0) {
			bundle_info_free(&b);
			return -1;
		}
	}
	bundle_info_free(&b);
	return 0;
}

/* ---- closing -------------------------------------------------------------- */

int bundle_close(struct store *st, const struct calendar *cal, const char *bundle_id,
		 const char *user, int day, char *err, size_t errsz)
{
	struct bundle_info b;
	struct user_info u;
	char open[1024], *extra = NULL;
	cJSON *o;
	int rc;

	/* The bundle, by its id or by the number of one of its parts. */
	rc = bundle_load(st, cal, bundle_id ? bundle_id : "", &b, err, errsz);
	if (rc == 0)
		rc = bundle_of_case(st, cal, bundle_id, &b, err, errsz);
	if (rc == 0)
		return yc_seterr(err, errsz, _("没有联办编号为“%s”的一件事（也没有属于一件事的此编号办件）"),
				 bundle_id ? bundle_id : "");
	if (rc < 0)
		return -1;
	if (bo_require(st, user, ROLE_APPROVER, b.lead_department, _("办结一件事（须由牵头部门办理）"),
		       &u, err, errsz) != 0)
		goto fail;
	if (b.closed_on) {
		char d[16];

		yc_seterr(err, errsz, _("一件事“%s”已于 %s 由 %s 办结"), b.bundle_id,
			  date_format(b.closed_on, d, sizeof d), b.closed_by ? b.closed_by : "");
		goto fail;
	}
	if (!bundle_closable(&b, open, sizeof open)) {
		yc_seterr(err, errsz, _("一件事“%s”还有部门尚未作出决定，不能办结：%s"), b.bundle_id,
			  open);
		goto fail;
	}
	o = cJSON_CreateObject();
	if (o)
		cJSON_AddStringToObject(o, "bundle_id", b.bundle_id);
	extra = o ? cJSON_PrintUnformatted(o) : NULL;
	cJSON_Delete(o);
	if (!extra) {
		yc_seterr(err, errsz, _("内存不足"));
		goto fail;
	}
	if (store_begin(st, err, errsz) != 0)
		goto fail;
	for (size_t i = 0; i < b.nparts; i++) {
		struct case_event e;

		memset(&e, 0, sizeof e);
		e.type = CASE_EV_BUNDLE_CLOSED;
		e.day = day;
		if (case_append_event(st, cal, b.parts[i].number, &e, extra, user, NULL,
				      err, errsz) != 0) {
			store_rollback(st);
			goto fail;
		}
	}
	if (store_commit(st, err, errsz) != 0)
		goto fail;
	free(extra);
	bundle_info_free(&b);
	return 0;
fail:
	free(extra);
	bundle_info_free(&b);
	return -1;
}
