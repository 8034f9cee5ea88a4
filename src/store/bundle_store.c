/*
 * bundle_store.c — 一件事 bundles: which cases are the parts of one joint
 * application, and the lead department's closing of it once every
 * department has decided its part.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yichuang/backoffice.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "backoffice_internal.h"
#include "case_internal.h"
#include "store_internal.h"

/* ---- bundles ---------------------------------------------------------- */

int bundle_link(struct store *st, const char *bundle_id, const char *bundle_code,
		const char *lead_department, const char *const *refs, size_t nrefs,
		char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;

	if (!bo_has_text(bundle_id) || !bo_has_text(bundle_code) ||
	    !bo_has_text(lead_department))
		return yc_seterr(err, errsz, _("一件事须有联办编号、一件事编码和牵头部门"));
	if (nrefs < 2)
		return yc_seterr(err, errsz, _("一件事至少包括两个办件"));
	if (store_begin(st, err, errsz) != 0)
		return -1;
	if (store_prepare(st,
			  "INSERT INTO bundle_cases (case_id, bundle_id, bundle_code, lead_department)"
			  " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (case_id) DO NOTHING",
			  &q, err, errsz) != 0)
		goto fail;
	for (size_t i = 0; i < nrefs; i++) {
		char id[CASE_ID_MAX];
		int rc = case_find(st, refs[i], id, err, errsz);

		if (rc == 0)
			yc_seterr(err, errsz, _("没有编号为 %s 的办件"), refs[i] ? refs[i] : "");
		if (rc != 1)
			goto fail;
		sqlite3_reset(q);
		sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 2, bundle_id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 3, bundle_code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 4, lead_department, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(q) != SQLITE_DONE) {
			store_dberr(st, _("登记一件事失败"), err, errsz);
			goto fail;
		}
		if (sqlite3_changes(st->db) == 0) {
			yc_seterr(err, errsz, _("办件 %s 已属于另一个一件事（或重复列出）"), refs[i]);
			goto fail;
		}
	}
	sqlite3_finalize(q);
	return store_commit(st, err, errsz);
fail:
	sqlite3_finalize(q);
	store_rollback(st);
	return -1;
}

void bundle_info_free(struct bundle_info *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->nparts; i++)
		free(b->parts[i].department);
	free(b->parts);
	free(b->bundle_id);
	free(b->bundle_code);
	free(b->lead_department);
	free(b->closed_by);
	memset(b, 0, sizeof *b);
}

/* Loads bundle `bundle_id` with its parts folded again.  1, 0, -1. */
static int bundle_load(struct store *st, const struct calendar *cal, const char *bundle_id,
		       struct bundle_info *out, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc = SQLITE_DONE, oom = 0;

	memset(out, 0, sizeof *out);
	if (store_prepare(st,
			  "SELECT b.case_id, c.number, b.bundle_code, b.lead_department,"
			  " " BO_DEPT_SQL ", x.closed_on, x.closed_by"
			  " FROM bundle_cases b JOIN cases c ON c.id = b.case_id"
			  " LEFT JOIN bundle_closures x ON x.bundle_id = b.bundle_id"
			  " WHERE b.bundle_id = ?1 ORDER BY c.number", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, bundle_id, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct bundle_part *v = realloc(out->parts, (out->nparts + 1) * sizeof *v), *p;
		struct case_fold f;
		int last;

		if (!v) {
			oom = 1;
			break;
		}
		out->parts = v;
		p = &v[out->nparts++];
		memset(p, 0, sizeof *p);
		snprintf(p->number, sizeof p->number, "%s", (const char *)sqlite3_column_text(q, 1));
		p->department = yc_strdup(sqlite3_column_text(q, 4) ?
					  (const char *)sqlite3_column_text(q, 4) : "");
		oom |= !p->department;
		if (!out->bundle_id) {
			out->bundle_id = yc_strdup(bundle_id);
			out->bundle_code = store_column_dup(q, 2, &oom);
			out->lead_department = store_column_dup(q, 3, &oom);
			out->closed_on = case_column_day(q, 5);
			out->closed_by = store_column_dup(q, 6, &oom);
			oom |= !out->bundle_id;
		}
		if (case_fold_events(st, cal, (const char *)sqlite3_column_text(q, 0), &f, &last,
				     NULL, NULL, err, errsz) != 0) {
			sqlite3_finalize(q);
			bundle_info_free(out);
			return -1;
		}
		p->state = f.state;
		p->decided_on = f.decided_on;
	}
	sqlite3_finalize(q);
	if (oom) {
		bundle_info_free(out);
		return yc_seterr(err, errsz, _("内存不足"));
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		bundle_info_free(out);
		return store_dberr(st, _("读取一件事失败"), err, errsz);
	}
	return out->nparts > 0;
}

int bundle_of_case(struct store *st, const struct calendar *cal, const char *ref,
		   struct bundle_info *out, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	char id[CASE_ID_MAX], bid[256];
	int rc;

	memset(out, 0, sizeof *out);
	rc = case_find(st, ref, id, err, errsz);
	if (rc != 1)
		return rc;
	if (store_prepare(st, "SELECT bundle_id FROM bundle_cases WHERE case_id = ?1",
			  &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		snprintf(bid, sizeof bid, "%s", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return store_dberr(st, _("读取一件事失败"), err, errsz);
	return bundle_load(st, cal, bid, out, err, errsz);
}

int bundle_close(struct store *st, const struct calendar *cal, const char *bundle_id,
		 const char *user, int day, char *err, size_t errsz)
{
	struct bundle_info b;
	struct user_info u;
	struct strbuf open;
	sqlite3_stmt *q = NULL;
	char at[40];
	int rc;

	rc = bundle_load(st, cal, bundle_id ? bundle_id : "", &b, err, errsz);
	if (rc == 0)
		return yc_seterr(err, errsz, _("没有联办编号为“%s”的一件事"), bundle_id ? bundle_id : "");
	if (rc < 0)
		return -1;
	if (bo_require(st, user, ROLE_APPROVER, b.lead_department, _("办结一件事（须由牵头部门办理）"),
		       &u, err, errsz) != 0)
		goto fail;
	if (b.closed_on) {
		char d[16];

		yc_seterr(err, errsz, _("一件事“%s”已于 %s 由 %s 办结"), bundle_id,
			  date_format(b.closed_on, d, sizeof d), b.closed_by ? b.closed_by : "");
		goto fail;
	}
	sb_init(&open);
	for (size_t i = 0; i < b.nparts; i++)
		if (!b.parts[i].decided_on && b.parts[i].state != CASE_WITHDRAWN)
			sb_appendf(&open, "%s%s（%s，%s）", open.len ? _("、") : "", b.parts[i].number,
				   b.parts[i].department, casefsm_state_label(b.parts[i].state));
	if (open.oom) {
		sb_free(&open);
		yc_seterr(err, errsz, _("内存不足"));
		goto fail;
	}
	if (open.len) {
		yc_seterr(err, errsz, _("一件事“%s”还有部门尚未作出决定，不能办结：%s"), bundle_id,
			  open.buf);
		sb_free(&open);
		goto fail;
	}
	sb_free(&open);
	case_time_text(time(NULL), at, sizeof at);
	if (store_prepare(st,
			  "INSERT INTO bundle_closures (bundle_id, closed_on, closed_by, closed_at)"
			  " VALUES (?1, ?2, ?3, ?4)", &q, err, errsz) != 0)
		goto fail;
	sqlite3_bind_text(q, 1, bundle_id, -1, SQLITE_TRANSIENT);
	case_bind_day(q, 2, day);
	sqlite3_bind_text(q, 3, user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 4, at, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		store_dberr(st, _("登记一件事办结失败"), err, errsz);
		goto fail;
	}
	bundle_info_free(&b);
	return 0;
fail:
	bundle_info_free(&b);
	return -1;
}
