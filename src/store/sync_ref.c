/*
 * sync_ref.c — the workstation database's side of sync, continued: the
 * reference data central distributes (catalog, calendars, users with
 * their password hashes, settings), the registration answer, and the
 * conflicts worklist (the events central refused, until a person has
 * dealt with them).
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/auth.h"
#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "yichuang/codec.h"
#include "yichuang/store.h"
#include "yichuang/syncstore.h"
#include "yichuang/util.h"
#include "store_internal.h"
#include "sync_internal.h"

/* ---- reference data ------------------------------------------------------ */

int syncstore_ref_version(struct store *st, long long *version, char *err, size_t errsz)
{
	return sync_setting_ll(st, "sync.ref_version", version, err, errsz);
}

/* One user as central lists it; fails on a bad name, role or hash. */
static int sync_user_upsert_one(struct store *st, const struct codec_user *u,
				char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;

	if (!user_name_valid(u->name))
		return yc_seterr(err, errsz, _("中心发来的用户名“%s”无效"), u->name ? u->name : "");
	if (!u->role || auth_role_from_name(u->role) == 0)
		return yc_seterr(err, errsz, _("中心发来的用户“%s”的角色“%s”无法识别；请升级 yichuang"),
				 u->name, u->role ? u->role : "");
	if (!u->pw_hash || strncmp(u->pw_hash, "$argon2id$", 10) != 0 ||
	    strlen(u->pw_hash) >= AUTH_HASH_MAX)
		return yc_seterr(err, errsz, _("中心发来的用户“%s”的密码散列不是 argon2id 格式"),
				 u->name);
	if (store_prepare(st,
			  "INSERT INTO users (name, role, department, pw_hash, active)"
			  " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (name) DO UPDATE SET"
			  " role = excluded.role, department = excluded.department,"
			  " pw_hash = excluded.pw_hash, active = excluded.active",
			  &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, u->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, u->role, -1, SQLITE_TRANSIENT);
	store_bind_text(q, 3, u->department && *u->department ? u->department : NULL);
	sqlite3_bind_text(q, 4, u->pw_hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(q, 5, u->active ? 1 : 0);
	return sync_step_done(st, q, _("保存中心发来的用户失败"), err, errsz);
}

int syncstore_users_upsert(struct store *st, const struct codec_user *u, size_t n,
			   char *err, size_t errsz)
{
	if (store_begin(st, err, errsz) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (sync_user_upsert_one(st, &u[i], err, errsz) != 0) {
			store_rollback(st);
			return -1;
		}
	return store_commit(st, err, errsz);
}

/* Parses and validates central's catalog files; the first error found
 * goes to err. */
static int sync_catalog_parse(const struct codec_ref *ref, struct catalog *cat,
			      char *err, size_t errsz)
{
	struct catalog_diags d;
	int nerr = 0;

	memset(&d, 0, sizeof d);
	for (size_t i = 0; i < ref->nfiles; i++) {
		const char *text = ref->files[i].text ? ref->files[i].text : "";

		nerr += catalog_parse_text(cat, text, strlen(text),
					   ref->files[i].name ? ref->files[i].name : "?", &d);
	}
	if (nerr == 0)
		nerr = catalog_validate(cat, &d);
	if (nerr > 0) {
		char line[YC_ERRSZ] = "";

		for (size_t i = 0; i < d.n; i++)
			if (!d.v[i].warning) {
				catalog_diag_format(&d.v[i], line, sizeof line);
				break;
			}
		yc_seterr(err, errsz, _("中心发来的事项目录有 %d 处错误，未导入：%s"), nerr, line);
	}
	catalog_diags_free(&d);
	return nerr > 0 ? -1 : 0;
}

/* Imports central's catalog as a new local version unless catalog
 * version cv of central was the last one imported. */
static int sync_catalog_apply(struct store *st, const struct codec_ref *ref, int *imported,
			      char *err, size_t errsz)
{
	struct catalog cat;
	long long have = 0;
	char note[128];
	int version = 0, rc;

	*imported = 0;
	if (sync_setting_ll(st, "sync.catalog_version", &have, err, errsz) != 0)
		return -1;
	if (have == ref->catalog_version && have > 0)
		return 0;
	catalog_init(&cat);
	if (sync_catalog_parse(ref, &cat, err, errsz) != 0) {
		catalog_free(&cat);
		return -1;
	}
	snprintf(note, sizeof note, _("中心目录版本 %d"), ref->catalog_version);
	rc = store_catalog_import(st, &cat, note, &version, err, errsz);
	catalog_free(&cat);
	if (rc != 0 ||
	    sync_setting_set_ll(st, "sync.catalog_version", ref->catalog_version, err, errsz) != 0)
		return -1;
	*imported = version;
	return 0;
}

int syncstore_apply_ref(struct store *st, const struct codec_ref *ref,
			struct syncstore_ref_stats *stats, char *err, size_t errsz)
{
	struct syncstore_ref_stats s = { 0, 0, 0, 0 };

	assert(st && ref);
	if (ref->version < 0)
		return yc_seterr(err, errsz, _("中心给的基础数据版本 %lld 无效"), ref->version);
	for (size_t i = 0; i < ref->nsettings; i++)
		if (!ref->settings[i].key || !*ref->settings[i].key ||
		    strncmp(ref->settings[i].key, "sync.", 5) == 0 || !ref->settings[i].value)
			return yc_seterr(err, errsz,
					 _("中心发来的设置项“%s”不能由中心下发（sync. 开头或为空）"),
					 ref->settings[i].key ? ref->settings[i].key : "");
	if (ref->changed && ref->has_catalog &&
	    sync_catalog_apply(st, ref, &s.catalog_version, err, errsz) != 0)
		return -1;
	if (ref->changed && ref->ncalendars > 0) {
		struct store_calendar_year *y = calloc(ref->ncalendars, sizeof *y);

		if (!y)
			return yc_seterr(err, errsz, _("内存不足"));
		for (size_t i = 0; i < ref->ncalendars; i++) {
			y[i].year = ref->calendars[i].year;
			y[i].text = ref->calendars[i].text ? ref->calendars[i].text : "";
		}
		if (store_calendar_put_years(st, y, ref->ncalendars, err, errsz) != 0) {
			free(y);
			return -1;
		}
		free(y);
		s.calendars = (int)ref->ncalendars;
	}
	/* Users, settings and the version together. */
	if (store_begin(st, err, errsz) != 0)
		return -1;
	for (size_t i = 0; ref->changed && i < ref->nusers; i++) {
		if (sync_user_upsert_one(st, &ref->users[i], err, errsz) != 0)
			goto fail;
		s.users++;
	}
	for (size_t i = 0; ref->changed && i < ref->nsettings; i++) {
		if (store_setting_set(st, ref->settings[i].key, ref->settings[i].value,
				      err, errsz) != 0)
			goto fail;
		s.settings++;
	}
	if (sync_setting_set_ll(st, "sync.ref_version", ref->version, err, errsz) != 0 ||
	    store_commit(st, err, errsz) != 0)
		goto fail;
	if (stats)
		*stats = s;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

/* ---- registration -------------------------------------------------------- */

int syncstore_register(struct store *st, const char *server, const char *token,
		       const struct codec_terminal *t, char *err, size_t errsz)
{
	char site[32];
	int terminal = 0;
	int rc = store_terminal(st, site, sizeof site, &terminal);

	assert(st && server && token && t);
	if (rc < 0)
		return store_dberr(st, _("读取工作站身份失败"), err, errsz);
	if (rc == 1 && (strcmp(site, t->site) != 0 || terminal != t->terminal))
		return yc_seterr(err, errsz,
				 _("数据库 %s 已是站点 %s、终端 %d，而中心登记的是站点 %s、终端 %d；"
				   "工作站身份不能更改，请用新的数据库文件登记"),
				 st->path, site, terminal, t->site, t->terminal);
	if (rc == 0 && store_init_terminal(st, t->site, t->terminal, err, errsz) != 0)
		return -1;
	if (store_begin(st, err, errsz) != 0)
		return -1;
	if (store_setting_set(st, "sync.server", server, err, errsz) != 0 ||
	    store_setting_set(st, "sync.token", token, err, errsz) != 0 ||
	    store_setting_set(st, "sync.terminal_id", t->terminal_id, err, errsz) != 0 ||
	    store_setting_set(st, "sync.terminal_name", t->name, err, errsz) != 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err, errsz);
}

/* ---- conflicts worklist -------------------------------------------------- */

void syncstore_conflicts_free(struct syncstore_conflict *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].reason);
		free(v[i].resolution);
	}
	free(v);
}

int syncstore_conflicts(struct store *st, int all, struct syncstore_conflict **out,
			size_t *n, char *err, size_t errsz)
{
	struct syncstore_conflict *v = NULL;
	size_t cnt = 0, cap = 0;
	sqlite3_stmt *q = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	if (store_prepare(st,
			  "SELECT k.id, k.event_id, k.case_id, c.number, e.type, k.status,"
			  " k.server_state, k.reason, k.at, k.resolved_at IS NOT NULL, k.resolution"
			  " FROM sync_conflicts k JOIN events e ON e.id = k.event_id"
			  " JOIN cases c ON c.id = k.case_id"
			  " WHERE ?1 OR k.resolved_at IS NULL ORDER BY k.id", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_int(q, 1, all ? 1 : 0);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct syncstore_conflict *c;
		int oom = 0;

		if (cnt == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			struct syncstore_conflict *nv = realloc(v, ncap * sizeof *nv);

			if (!nv)
				goto oom;
			v = nv;
			cap = ncap;
		}
		c = &v[cnt++];
		memset(c, 0, sizeof *c);
		c->id = sqlite3_column_int64(q, 0);
		sync_col_copy(q, 1, c->event_id, sizeof c->event_id);
		sync_col_copy(q, 2, c->case_id, sizeof c->case_id);
		sync_col_copy(q, 3, c->case_number, sizeof c->case_number);
		sync_col_copy(q, 4, c->event_type, sizeof c->event_type);
		sync_col_copy(q, 5, c->status, sizeof c->status);
		sync_col_copy(q, 6, c->server_state, sizeof c->server_state);
		c->reason = store_column_dup(q, 7, &oom);
		sync_col_copy(q, 8, c->at, sizeof c->at);
		c->resolved = sqlite3_column_int(q, 9);
		c->resolution = store_column_dup(q, 10, &oom);
		if (oom)
			goto oom;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		syncstore_conflicts_free(v, cnt);
		return store_dberr(st, _("读取冲突清单失败"), err, errsz);
	}
	*out = v;
	*n = cnt;
	return 0;
oom:
	sqlite3_finalize(q);
	syncstore_conflicts_free(v, cnt);
	return yc_seterr(err, errsz, _("内存不足"));
}

int syncstore_conflict_count(struct store *st, int *count, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;

	*count = 0;
	if (store_prepare(st, "SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL",
			  &q, err, errsz) != 0)
		return -1;
	if (sqlite3_step(q) != SQLITE_ROW) {
		sqlite3_finalize(q);
		return store_dberr(st, _("读取冲突清单失败"), err, errsz);
	}
	*count = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return 0;
}

int syncstore_conflict_resolve(struct store *st, long long id, const char *user,
			       const char *note, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int changed;

	if (!user || !*user)
		return yc_seterr(err, errsz, _("处理冲突须登记处理人"));
	if (store_begin(st, err, errsz) != 0)
		return -1;
	if (store_prepare(st,
			  "UPDATE sync_conflicts SET resolved_at = strftime('%Y-%m-%dT%H:%M:%SZ',"
			  " 'now'), resolved_by = ?2, resolution = ?3"
			  " WHERE id = ?1 AND resolved_at IS NULL", &q, err, errsz) != 0)
		goto fail;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, note ? note : "", -1, SQLITE_TRANSIENT);
	if (sync_step_done(st, q, _("保存冲突处理结果失败"), err, errsz) != 0)
		goto fail;
	changed = sqlite3_changes(st->db);
	if (changed == 0) {
		store_rollback(st);
		return 0;
	}
	if (store_prepare(st,
			  "UPDATE cases SET conflict = 0 WHERE id = (SELECT case_id FROM"
			  " sync_conflicts WHERE id = ?1) AND NOT EXISTS (SELECT 1 FROM"
			  " sync_conflicts WHERE case_id = cases.id AND resolved_at IS NULL)",
			  &q, err, errsz) != 0)
		goto fail;
	sqlite3_bind_int64(q, 1, id);
	if (sync_step_done(st, q, _("更新办件冲突标记失败"), err, errsz) != 0 ||
	    store_commit(st, err, errsz) != 0)
		goto fail;
	return 1;
fail:
	store_rollback(st);
	return -1;
}
