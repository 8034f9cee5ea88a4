/*
 * draft_store.c — unfinished work kept across crashes and lost sessions
 * (one draft per user and kind, each save committed on its own; several
 * unfinished intakes are several kinds, "intake-<uuid>", listed by
 * draft_list), and the consultation ledger (咨询台账).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yichuang/casestore.h"
#include "yichuang/intakestore.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "case_internal.h"
#include "store_internal.h"

/* Checks the user and kind of a draft. */
static int draft_check(const char *user, const char *kind, char *err, size_t errsz)
{
	if (!user || !*user)
		return yc_seterr(err, errsz, _("草稿没有用户名"));
	if (!kind || !*kind)
		return yc_seterr(err, errsz, _("草稿没有种类"));
	return 0;
}

int draft_save(struct store *st, const char *user, const char *kind,
	       const char *body_json, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	char id[CASE_ID_MAX];
	int rc;

	if (draft_check(user, kind, err, errsz) != 0)
		return -1;
	if (!body_json)
		return yc_seterr(err, errsz, _("草稿内容为空"));
	case_uuid(id);
	/* One statement in autocommit mode: its own durable transaction. */
	if (store_prepare(st,
			  "INSERT INTO drafts (id, user_name, kind, body) VALUES (?1, ?2, ?3, ?4)"
			  " ON CONFLICT (user_name, kind) DO UPDATE SET body = excluded.body,"
			  " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
			  &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 4, body_json, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		if ((sqlite3_errcode(st->db) & 0xff) == SQLITE_CONSTRAINT)
			return yc_seterr(err, errsz, _("草稿内容不是有效的 JSON"));
		return store_dberr(st, _("保存草稿失败"), err, errsz);
	}
	return 0;
}

int draft_load(struct store *st, const char *user, const char *kind,
	       char **body, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc, ret = -1, oom = 0;

	*body = NULL;
	if (draft_check(user, kind, err, errsz) != 0)
		return -1;
	if (store_prepare(st, "SELECT body FROM drafts WHERE user_name = ?1 AND kind = ?2",
			  &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, kind, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*body = store_column_dup(q, 0, &oom);
		if (oom || !*body)
			yc_seterr(err, errsz, _("内存不足"));
		else
			ret = 1;
	} else if (rc == SQLITE_DONE) {
		ret = 0;
	} else {
		store_dberr(st, _("读取草稿失败"), err, errsz);
	}
	sqlite3_finalize(q);
	return ret;
}

int draft_delete(struct store *st, const char *user, const char *kind,
		 char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc;

	if (draft_check(user, kind, err, errsz) != 0)
		return -1;
	if (store_prepare(st, "DELETE FROM drafts WHERE user_name = ?1 AND kind = ?2",
			  &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, kind, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_dberr(st, _("删除草稿失败"), err, errsz);
	return 0;
}

void draft_list_free(struct draft_info *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i].body);
	free(v);
}

int draft_list(struct store *st, const char *user, const char *kind, int prefix,
	       struct draft_info **out, size_t *n, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	struct draft_info *v = NULL;
	size_t cnt = 0, cap = 0;
	int rc, oom = 0;

	*out = NULL;
	*n = 0;
	if (!kind || !*kind)
		return yc_seterr(err, errsz, _("草稿没有种类"));
	if (store_prepare(st,
			  "SELECT user_name, kind, updated_at, body FROM drafts"
			  " WHERE (?1 IS NULL OR user_name = ?1)"
			  "   AND (kind = ?2 OR (?3 AND substr(kind, 1, length(?2) + 1) = ?2 || '-'))"
			  " ORDER BY updated_at DESC, rowid DESC", &q, err, errsz) != 0)
		return -1;
	store_bind_text(q, 1, user);
	sqlite3_bind_text(q, 2, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(q, 3, prefix != 0);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct draft_info *d;

		if (cnt == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			struct draft_info *nv = realloc(v, ncap * sizeof *nv);

			if (!nv) {
				oom = 1;
				break;
			}
			v = nv;
			cap = ncap;
		}
		d = &v[cnt++];
		memset(d, 0, sizeof *d);
		snprintf(d->user, sizeof d->user, "%s", (const char *)sqlite3_column_text(q, 0));
		snprintf(d->kind, sizeof d->kind, "%s", (const char *)sqlite3_column_text(q, 1));
		snprintf(d->updated_at, sizeof d->updated_at, "%s",
			 sqlite3_column_text(q, 2) ? (const char *)sqlite3_column_text(q, 2) : "");
		d->body = store_column_dup(q, 3, &oom);
		if (oom)
			break;
	}
	sqlite3_finalize(q);
	if (oom) {
		draft_list_free(v, cnt);
		return yc_seterr(err, errsz, _("内存不足"));
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		draft_list_free(v, cnt);
		return store_dberr(st, _("读取草稿失败"), err, errsz);
	}
	*out = v;
	*n = cnt;
	return 0;
}

int consultation_record(struct store *st, const char *item_code,
			const char *question, const char *clerk, time_t at,
			char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	char when[40];
	int rc;

	if (!item_code || !*item_code)
		return yc_seterr(err, errsz, _("咨询登记没有事项编码"));
	if (!clerk || !*clerk)
		return yc_seterr(err, errsz, _("咨询登记没有经办人"));
	case_time_text(at ? at : time(NULL), when, sizeof when);
	if (store_prepare(st,
			  "INSERT INTO consultations (item_code, question, clerk, at)"
			  " VALUES (?1, ?2, ?3, ?4)", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, item_code, -1, SQLITE_TRANSIENT);
	store_bind_text(q, 2, question && *question ? question : NULL);
	sqlite3_bind_text(q, 3, clerk, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 4, when, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_dberr(st, _("保存咨询登记失败"), err, errsz);
	return 0;
}

int consultation_count(struct store *st, const char *item_code, int *count,
		       char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc;

	*count = 0;
	if (store_prepare(st, "SELECT count(*) FROM consultations"
			  " WHERE ?1 IS NULL OR item_code = ?1", &q, err, errsz) != 0)
		return -1;
	store_bind_text(q, 1, item_code);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW)
		return store_dberr(st, _("统计咨询登记失败"), err, errsz);
	return 0;
}
