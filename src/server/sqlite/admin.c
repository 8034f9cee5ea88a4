/*
 * admin.c — the SQLite backend's terminals, users, reference data
 * (catalog versions, calendars, settings) and the administrator's lists
 * (conflicts, terminals, pruning of old push answers).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/util.h"
#include "sq.h"

int sq_terminal_add(struct bconn *c, const char *site, const char *name,
		    const char *token_hash, struct codec_terminal *out,
		    char *err, size_t errsz)
{
	static const char next_sql[] =
		"SELECT coalesce(max(number), 0) + 1 FROM terminals WHERE site = ?1 AND number < 99";
	static const char ins_sql[] =
		"INSERT INTO terminals (id, site, number, name, token_hash, created)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *q = sq_prep(c, next_sql, err, errsz);
	char now[40];
	int num;

	if (!q)
		return -1;
	sq_text(q, 1, site);
	if (sqlite3_step(q) != SQLITE_ROW) {
		sqlite3_reset(q);
		return sq_fail(c, err, errsz);
	}
	num = sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	if (num > 98)
		return yc_seterr(err, errsz, _("站点 %s 的终端号 1～98 已用完"), site);
	q = sq_prep(c, ins_sql, err, errsz);
	if (!q)
		return -1;
	srv_now_text(now, sizeof now);
	sq_text(q, 1, out->terminal_id);
	sq_text(q, 2, site);
	sqlite3_bind_int(q, 3, num);
	sq_text(q, 4, name);
	sq_text(q, 5, token_hash);
	sq_text(q, 6, now);
	if (sq_done(c, q, err, errsz) != 0)
		return -1;
	snprintf(out->site, sizeof out->site, "%s", site);
	snprintf(out->name, sizeof out->name, "%s", name);
	out->terminal = num;
	return 0;
}

int sq_terminal_by_token(struct bconn *c, const char *token_hash,
			 struct srv_auth *out, char *err, size_t errsz)
{
	static const char sql[] =
		"SELECT id, site, number, name, coalesce(install, ''),"
		" coalesce(registered_at, '') FROM terminals WHERE token_hash = ?1"
		" AND revoked_at IS NULL";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	int rc;

	if (!q)
		return -1;
	sq_text(q, 1, token_hash);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		snprintf(out->t.terminal_id, sizeof out->t.terminal_id, "%s",
			 (const char *)sqlite3_column_text(q, 0));
		snprintf(out->t.site, sizeof out->t.site, "%s",
			 (const char *)sqlite3_column_text(q, 1));
		out->t.terminal = sqlite3_column_int(q, 2);
		snprintf(out->t.name, sizeof out->t.name, "%s",
			 (const char *)sqlite3_column_text(q, 3));
		snprintf(out->install, sizeof out->install, "%s",
			 (const char *)sqlite3_column_text(q, 4));
		snprintf(out->registered_at, sizeof out->registered_at, "%s",
			 (const char *)sqlite3_column_text(q, 5));
		sqlite3_reset(q);
		return 1;
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : sq_fail(c, err, errsz);
}

int sq_terminal_bind(struct bconn *c, const char *terminal_id, const char *install,
		     char *err, size_t errsz)
{
	static const char sql[] =
		"UPDATE terminals SET install = ?2, registered_at = ?3"
		" WHERE id = ?1 AND install IS NULL";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	char now[40];

	if (!q)
		return -1;
	srv_now_text(now, sizeof now);
	sq_text(q, 1, terminal_id);
	sq_text(q, 2, install);
	sq_text(q, 3, now);
	if (sq_done(c, q, err, errsz) != 0)
		return -1;
	return sqlite3_changes(c->db) == 1;
}

int sq_user_add(struct bconn *c, const struct codec_user *u, char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO users (name, role, department, pw_hash, active)"
		" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (name) DO NOTHING";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);

	if (!q)
		return -1;
	sq_text(q, 1, u->name);
	sq_text(q, 2, u->role);
	sq_text(q, 3, u->department);
	sq_text(q, 4, u->pw_hash);
	sqlite3_bind_int(q, 5, u->active);
	if (sq_done(c, q, err, errsz) != 0)
		return -1;
	return sqlite3_changes(c->db) == 1 ? 1 : 0;
}

int sq_users_list(struct bconn *c, struct codec_user **out, size_t *n,
		  char *err, size_t errsz)
{
	static const char sql[] =
		"SELECT name, role, department, pw_hash, active FROM users ORDER BY name";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	struct codec_user *v = NULL;
	size_t cap = 0, len = 0;
	int rc, oom = 0;

	if (!q)
		return -1;
	while (!oom && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (sq_grow((void **)&v, &cap, len, sizeof *v) != 0) {
			oom = 1;
			break;
		}
		v[len].name = sq_col(q, 0, &oom);
		v[len].role = sq_col(q, 1, &oom);
		v[len].department = sq_col(q, 2, &oom);
		v[len].pw_hash = sq_col(q, 3, &oom);
		v[len].active = sqlite3_column_int(q, 4);
		len++;
	}
	sqlite3_reset(q);
	*out = v;
	*n = len;
	if (oom)
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	return rc == SQLITE_DONE ? 0 : sq_fail(c, err, errsz);
}

int sq_catalog_add(struct bconn *c, const struct codec_file *files, size_t n,
		   long long ref_version, int *catalog_version, char *err, size_t errsz)
{
	static const char ver_sql[] =
		"INSERT INTO catalog_versions (version, ref_version, created)"
		" SELECT coalesce(max(version), 0) + 1, ?1, ?2 FROM catalog_versions"
		" RETURNING version";
	static const char file_sql[] =
		"INSERT INTO catalog_files (version, name, text) VALUES (?1, ?2, ?3)";
	sqlite3_stmt *q = sq_prep(c, ver_sql, err, errsz);
	char now[40];
	int v;

	if (!q)
		return -1;
	srv_now_text(now, sizeof now);
	sqlite3_bind_int64(q, 1, ref_version);
	sq_text(q, 2, now);
	if (sqlite3_step(q) != SQLITE_ROW) {
		sqlite3_reset(q);
		return sq_fail(c, err, errsz);
	}
	v = sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	for (size_t i = 0; i < n; i++) {
		q = sq_prep(c, file_sql, err, errsz);
		if (!q)
			return -1;
		sqlite3_bind_int(q, 1, v);
		sq_text(q, 2, files[i].name);
		sq_text(q, 3, files[i].text);
		if (sq_done(c, q, err, errsz) != 0)
			return -1;
	}
	*catalog_version = v;
	return 0;
}

int sq_catalog_current(struct bconn *c, int *version, long long *ref_version,
		       struct codec_file **files, size_t *n, char *err, size_t errsz)
{
	static const char ver_sql[] =
		"SELECT version, ref_version FROM catalog_versions ORDER BY version DESC LIMIT 1";
	static const char file_sql[] =
		"SELECT name, text FROM catalog_files WHERE version = ?1 ORDER BY name";
	sqlite3_stmt *q = sq_prep(c, ver_sql, err, errsz);
	struct codec_file *v = NULL;
	size_t cap = 0, len = 0;
	int rc, oom = 0;

	if (!q)
		return -1;
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(q);
		return rc == SQLITE_DONE ? 0 : sq_fail(c, err, errsz);
	}
	*version = sqlite3_column_int(q, 0);
	*ref_version = sqlite3_column_int64(q, 1);
	sqlite3_reset(q);
	if (!files)
		return 1;
	q = sq_prep(c, file_sql, err, errsz);
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, *version);
	while (!oom && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (sq_grow((void **)&v, &cap, len, sizeof *v) != 0) {
			oom = 1;
			break;
		}
		v[len].name = sq_col(q, 0, &oom);
		v[len].text = sq_col(q, 1, &oom);
		len++;
	}
	sqlite3_reset(q);
	*files = v;
	*n = len;
	if (oom)
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	return rc == SQLITE_DONE ? 1 : sq_fail(c, err, errsz);
}

int sq_calendar_put(struct bconn *c, int year, const char *text, char *err,
		    size_t errsz)
{
	static const char sql[] =
		"INSERT INTO calendars (year, text) VALUES (?1, ?2)"
		" ON CONFLICT (year) DO UPDATE SET text = excluded.text";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);

	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, year);
	sq_text(q, 2, text);
	return sq_done(c, q, err, errsz);
}

int sq_calendars_list(struct bconn *c, struct codec_calendar **out, size_t *n,
		      char *err, size_t errsz)
{
	static const char sql[] = "SELECT year, text FROM calendars ORDER BY year";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	struct codec_calendar *v = NULL;
	size_t cap = 0, len = 0;
	int rc, oom = 0;

	if (!q)
		return -1;
	while (!oom && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (sq_grow((void **)&v, &cap, len, sizeof *v) != 0) {
			oom = 1;
			break;
		}
		v[len].year = sqlite3_column_int(q, 0);
		v[len].text = sq_col(q, 1, &oom);
		len++;
	}
	sqlite3_reset(q);
	*out = v;
	*n = len;
	if (oom)
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	return rc == SQLITE_DONE ? 0 : sq_fail(c, err, errsz);
}

int sq_setting_put(struct bconn *c, const char *key, const char *value,
		   char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO settings (key, value) VALUES (?1, ?2)"
		" ON CONFLICT (key) DO UPDATE SET value = excluded.value";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);

	if (!q)
		return -1;
	sq_text(q, 1, key);
	sq_text(q, 2, value);
	return sq_done(c, q, err, errsz);
}

int sq_settings_list(struct bconn *c, struct codec_setting **out, size_t *n,
		     char *err, size_t errsz)
{
	static const char sql[] = "SELECT key, value FROM settings ORDER BY key";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	struct codec_setting *v = NULL;
	size_t cap = 0, len = 0;
	int rc, oom = 0;

	if (!q)
		return -1;
	while (!oom && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (sq_grow((void **)&v, &cap, len, sizeof *v) != 0) {
			oom = 1;
			break;
		}
		v[len].key = sq_col(q, 0, &oom);
		v[len].value = sq_col(q, 1, &oom);
		len++;
	}
	sqlite3_reset(q);
	*out = v;
	*n = len;
	if (oom)
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	return rc == SQLITE_DONE ? 0 : sq_fail(c, err, errsz);
}

int sq_conflicts_list(struct bconn *c, int all, struct srv_conflict **out,
		      size_t *n, char *err, size_t errsz)
{
	static const char sql[] =
		"SELECT id, case_id, case_number, type, at, actor, body, terminal, n,"
		" state, reason, stored_at, resolved_at, note"
		" FROM conflicts WHERE ?1 OR resolved_at IS NULL ORDER BY n";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	struct srv_conflict *v = NULL;
	size_t cap = 0, len = 0;
	int rc = SQLITE_DONE, oom = 0;

	*out = NULL;
	*n = 0;
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, all != 0);
	while (!oom && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (sq_grow((void **)&v, &cap, len, sizeof *v) != 0) {
			oom = 1;
			break;
		}
		/* the event's columns, with the conflict's n in place of seq */
		oom = sq_event_row(q, &v[len].ev) != 0;
		v[len].n = v[len].ev.seq;
		v[len].ev.seq = 0;
		v[len].state = sq_col(q, 9, &oom);
		v[len].reason = sq_col(q, 10, &oom);
		v[len].stored_at = sq_col(q, 11, &oom);
		v[len].resolved_at = sq_col(q, 12, &oom);
		v[len].note = sq_col(q, 13, &oom);
		len++;
	}
	sqlite3_reset(q);
	if (oom) {
		srv_conflicts_free(v, len);
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	}
	if (rc != SQLITE_DONE) {
		srv_conflicts_free(v, len);
		return sq_fail(c, err, errsz);
	}
	*out = v;
	*n = len;
	return 0;
}

int sq_conflict_resolve(struct bconn *c, long long n, const char *note,
			char *err, size_t errsz)
{
	static const char upd_sql[] =
		"UPDATE conflicts SET resolved_at = ?2, note = ?3"
		" WHERE n = ?1 AND resolved_at IS NULL";
	static const char get_sql[] = "SELECT count(*) FROM conflicts WHERE n = ?1";
	sqlite3_stmt *q = sq_prep(c, upd_sql, err, errsz);
	char now[40];
	int rc;

	if (!q)
		return -1;
	srv_now_text(now, sizeof now);
	sqlite3_bind_int64(q, 1, n);
	sq_text(q, 2, now);
	sq_text(q, 3, note);
	if (sq_done(c, q, err, errsz) != 0)
		return -1;
	if (sqlite3_changes(c->db) == 1)
		return 1;
	q = sq_prep(c, get_sql, err, errsz);
	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, n);
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(q);
		return sq_fail(c, err, errsz);
	}
	rc = sqlite3_column_int(q, 0) > 0 ? 2 : 0;
	sqlite3_reset(q);
	return rc;
}

int sq_terminals_list(struct bconn *c, struct srv_terminal **out, size_t *n,
		      char *err, size_t errsz)
{
	static const char sql[] =
		"SELECT id, site, number, name, created, coalesce(revoked_at, '')"
		" FROM terminals ORDER BY site, number";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	struct srv_terminal *v = NULL;
	size_t cap = 0, len = 0;
	int rc = SQLITE_DONE;

	*out = NULL;
	*n = 0;
	if (!q)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct srv_terminal *t;

		if (sq_grow((void **)&v, &cap, len, sizeof *v) != 0) {
			sqlite3_reset(q);
			free(v);
			return yc_seterr(err, errsz, "%s", _("内存不足"));
		}
		t = &v[len++];
		snprintf(t->t.terminal_id, sizeof t->t.terminal_id, "%s",
			 (const char *)sqlite3_column_text(q, 0));
		snprintf(t->t.site, sizeof t->t.site, "%s", (const char *)sqlite3_column_text(q, 1));
		t->t.terminal = sqlite3_column_int(q, 2);
		snprintf(t->t.name, sizeof t->t.name, "%s", (const char *)sqlite3_column_text(q, 3));
		snprintf(t->created, sizeof t->created, "%s",
			 (const char *)sqlite3_column_text(q, 4));
		snprintf(t->revoked_at, sizeof t->revoked_at, "%s",
			 (const char *)sqlite3_column_text(q, 5));
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		free(v);
		return sq_fail(c, err, errsz);
	}
	*out = v;
	*n = len;
	return 0;
}

int sq_terminal_revoke(struct bconn *c, const char *terminal_id, char *err,
		       size_t errsz)
{
	static const char sql[] =
		"UPDATE terminals SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);
	char now[40];

	if (!q)
		return -1;
	srv_now_text(now, sizeof now);
	sq_text(q, 1, terminal_id);
	sq_text(q, 2, now);
	if (sq_done(c, q, err, errsz) != 0)
		return -1;
	return sqlite3_changes(c->db) == 1 ? 1 : 0;
}

int sq_user_set_active(struct bconn *c, const char *name, int active, char *err,
		       size_t errsz)
{
	static const char sql[] =
		"UPDATE users SET active = ?2 WHERE name = ?1 AND active <> ?2";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);

	if (!q)
		return -1;
	sq_text(q, 1, name);
	sqlite3_bind_int(q, 2, active != 0);
	if (sq_done(c, q, err, errsz) != 0)
		return -1;
	return sqlite3_changes(c->db) == 1 ? 1 : 0;
}

int sq_batches_prune(struct bconn *c, const char *before, long long *deleted,
		     char *err, size_t errsz)
{
	static const char sql[] = "DELETE FROM batches WHERE stored_at < ?1";
	sqlite3_stmt *q = sq_prep(c, sql, err, errsz);

	if (!q)
		return -1;
	sq_text(q, 1, before);
	if (sq_done(c, q, err, errsz) != 0)
		return -1;
	*deleted = sqlite3_changes(c->db);
	return 0;
}
