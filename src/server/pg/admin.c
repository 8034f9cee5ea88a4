/*
 * admin.c — the PostgreSQL backend's terminals, users, reference data
 * (catalog versions, calendars, settings) and the administrator's lists
 * (conflicts, terminals, pruning of old push answers).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/util.h"
#include "pg.h"

int pg_terminal_add(struct bconn *c, const char *site, const char *name,
		    const char *token_hash, struct codec_terminal *out,
		    char *err, size_t errsz)
{
	static const char next_sql[] =
		"SELECT coalesce(max(number), 0) + 1 FROM terminals WHERE site = $1 AND number < 99";
	static const char ins_sql[] =
		"INSERT INTO terminals (id, site, number, name, token_hash, created)"
		" VALUES ($1, $2, $3::integer, $4, $5, $6)";
	const char *p1[1] = { site };
	char num[16], now[40];
	const char *p2[6] = { out->terminal_id, site, num, name, token_hash, now };
	PGresult *r = pg_run(c, next_sql, 1, p1, err, errsz);
	int n;

	if (!r)
		return -1;
	n = atoi(PQgetvalue(r, 0, 0));
	PQclear(r);
	if (n > 98)
		return yc_seterr(err, errsz, _("站点 %s 的终端号 1～98 已用完"), site);
	snprintf(num, sizeof num, "%d", n);
	srv_now_text(now, sizeof now);
	r = pg_run(c, ins_sql, 6, p2, err, errsz);
	if (!r)
		return -1;
	PQclear(r);
	snprintf(out->site, sizeof out->site, "%s", site);
	snprintf(out->name, sizeof out->name, "%s", name);
	out->terminal = n;
	return 0;
}

int pg_terminal_by_token(struct bconn *c, const char *token_hash,
			 struct srv_auth *out, char *err, size_t errsz)
{
	static const char sql[] =
		"SELECT id, site, number, name, coalesce(install, ''),"
		" coalesce(registered_at, '') FROM terminals WHERE token_hash = $1"
		" AND revoked_at IS NULL";
	const char *p[1] = { token_hash };
	PGresult *r = pg_run(c, sql, 1, p, err, errsz);

	if (!r)
		return -1;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return 0;
	}
	memset(out, 0, sizeof *out);
	snprintf(out->t.terminal_id, sizeof out->t.terminal_id, "%s", PQgetvalue(r, 0, 0));
	snprintf(out->t.site, sizeof out->t.site, "%s", PQgetvalue(r, 0, 1));
	out->t.terminal = atoi(PQgetvalue(r, 0, 2));
	snprintf(out->t.name, sizeof out->t.name, "%s", PQgetvalue(r, 0, 3));
	snprintf(out->install, sizeof out->install, "%s", PQgetvalue(r, 0, 4));
	snprintf(out->registered_at, sizeof out->registered_at, "%s", PQgetvalue(r, 0, 5));
	PQclear(r);
	return 1;
}

int pg_terminal_bind(struct bconn *c, const char *terminal_id, const char *install,
		     char *err, size_t errsz)
{
	static const char sql[] =
		"UPDATE terminals SET install = $2, registered_at = $3"
		" WHERE id = $1 AND install IS NULL";
	char now[40];
	const char *p[3] = { terminal_id, install, now };
	PGresult *r;
	int done;

	srv_now_text(now, sizeof now);
	r = pg_run(c, sql, 3, p, err, errsz);
	if (!r)
		return -1;
	done = strcmp(PQcmdTuples(r), "1") == 0;
	PQclear(r);
	return done;
}

int pg_user_add(struct bconn *c, const struct codec_user *u, char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO users (name, role, department, pw_hash, active)"
		" VALUES ($1, $2, $3, $4, $5::integer) ON CONFLICT (name) DO NOTHING";
	const char *p[5] = { u->name, u->role, u->department, u->pw_hash,
			     u->active ? "1" : "0" };
	PGresult *r = pg_run(c, sql, 5, p, err, errsz);
	int added;

	if (!r)
		return -1;
	added = strcmp(PQcmdTuples(r), "1") == 0;
	PQclear(r);
	return added;
}

int pg_users_list(struct bconn *c, struct codec_user **out, size_t *n,
		  char *err, size_t errsz)
{
	static const char sql[] =
		"SELECT name, role, department, pw_hash, active FROM users ORDER BY name";
	PGresult *r = pg_run(c, sql, 0, NULL, err, errsz);
	struct codec_user *v;
	int rows, oom = 0;

	if (!r)
		return -1;
	rows = PQntuples(r);
	v = calloc(rows ? (size_t)rows : 1, sizeof *v);
	for (int i = 0; v && i < rows; i++) {
		v[i].name = pg_col(r, i, 0, &oom);
		v[i].role = pg_col(r, i, 1, &oom);
		v[i].department = pg_col(r, i, 2, &oom);
		v[i].pw_hash = pg_col(r, i, 3, &oom);
		v[i].active = atoi(PQgetvalue(r, i, 4));
	}
	PQclear(r);
	*out = v;
	*n = v ? (size_t)rows : 0;
	return !v || oom ? yc_seterr(err, errsz, "%s", _("内存不足")) : 0;
}

int pg_catalog_add(struct bconn *c, const struct codec_file *files, size_t n,
		   long long ref_version, int *catalog_version, char *err, size_t errsz)
{
	static const char ver_sql[] =
		"INSERT INTO catalog_versions (version, ref_version, created)"
		" SELECT coalesce(max(version), 0) + 1, $1::bigint, $2 FROM catalog_versions"
		" RETURNING version";
	static const char file_sql[] =
		"INSERT INTO catalog_files (version, name, text) VALUES ($1::integer, $2, $3)";
	char rv[24], now[40], ver[16];
	const char *p1[2] = { rv, now };
	PGresult *r;

	snprintf(rv, sizeof rv, "%lld", ref_version);
	srv_now_text(now, sizeof now);
	r = pg_run(c, ver_sql, 2, p1, err, errsz);
	if (!r)
		return -1;
	*catalog_version = atoi(PQgetvalue(r, 0, 0));
	PQclear(r);
	snprintf(ver, sizeof ver, "%d", *catalog_version);
	for (size_t i = 0; i < n; i++) {
		const char *p2[3] = { ver, files[i].name, files[i].text };

		r = pg_run(c, file_sql, 3, p2, err, errsz);
		if (!r)
			return -1;
		PQclear(r);
	}
	return 0;
}

int pg_catalog_current(struct bconn *c, int *version, long long *ref_version,
		       struct codec_file **files, size_t *n, char *err, size_t errsz)
{
	static const char ver_sql[] =
		"SELECT version, ref_version FROM catalog_versions ORDER BY version DESC LIMIT 1";
	static const char file_sql[] =
		"SELECT name, text FROM catalog_files WHERE version = $1::integer ORDER BY name";
	char ver[16];
	const char *p[1] = { ver };
	PGresult *r = pg_run(c, ver_sql, 0, NULL, err, errsz);
	struct codec_file *v;
	int rows, oom = 0;

	if (!r)
		return -1;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return 0;
	}
	*version = atoi(PQgetvalue(r, 0, 0));
	*ref_version = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
	PQclear(r);
	if (!files)
		return 1;
	snprintf(ver, sizeof ver, "%d", *version);
	r = pg_run(c, file_sql, 1, p, err, errsz);
	if (!r)
		return -1;
	rows = PQntuples(r);
	v = calloc(rows ? (size_t)rows : 1, sizeof *v);
	for (int i = 0; v && i < rows; i++) {
		v[i].name = pg_col(r, i, 0, &oom);
		v[i].text = pg_col(r, i, 1, &oom);
	}
	PQclear(r);
	*files = v;
	*n = v ? (size_t)rows : 0;
	return !v || oom ? yc_seterr(err, errsz, "%s", _("内存不足")) : 1;
}

int pg_calendar_put(struct bconn *c, int year, const char *text, char *err,
		    size_t errsz)
{
	static const char sql[] =
		"INSERT INTO calendars (year, text) VALUES ($1::integer, $2)"
		" ON CONFLICT (year) DO UPDATE SET text = excluded.text";
	char y[16];
	const char *p[2] = { y, text };
	PGresult *r;

	snprintf(y, sizeof y, "%d", year);
	r = pg_run(c, sql, 2, p, err, errsz);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

int pg_calendars_list(struct bconn *c, struct codec_calendar **out, size_t *n,
		      char *err, size_t errsz)
{
	static const char sql[] = "SELECT year, text FROM calendars ORDER BY year";
	PGresult *r = pg_run(c, sql, 0, NULL, err, errsz);
	struct codec_calendar *v;
	int rows, oom = 0;

	if (!r)
		return -1;
	rows = PQntuples(r);
	v = calloc(rows ? (size_t)rows : 1, sizeof *v);
	for (int i = 0; v && i < rows; i++) {
		v[i].year = atoi(PQgetvalue(r, i, 0));
		v[i].text = pg_col(r, i, 1, &oom);
	}
	PQclear(r);
	*out = v;
	*n = v ? (size_t)rows : 0;
	return !v || oom ? yc_seterr(err, errsz, "%s", _("内存不足")) : 0;
}

int pg_setting_put(struct bconn *c, const char *key, const char *value,
		   char *err, size_t errsz)
{
	static const char sql[] =
		"INSERT INTO settings (key, value) VALUES ($1, $2)"
		" ON CONFLICT (key) DO UPDATE SET value = excluded.value";
	const char *p[2] = { key, value };
	PGresult *r = pg_run(c, sql, 2, p, err, errsz);

	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

int pg_settings_list(struct bconn *c, struct codec_setting **out, size_t *n,
		     char *err, size_t errsz)
{
	static const char sql[] = "SELECT key, value FROM settings ORDER BY key";
	PGresult *r = pg_run(c, sql, 0, NULL, err, errsz);
	struct codec_setting *v;
	int rows, oom = 0;

	if (!r)
		return -1;
	rows = PQntuples(r);
	v = calloc(rows ? (size_t)rows : 1, sizeof *v);
	for (int i = 0; v && i < rows; i++) {
		v[i].key = pg_col(r, i, 0, &oom);
		v[i].value = pg_col(r, i, 1, &oom);
	}
	PQclear(r);
	*out = v;
	*n = v ? (size_t)rows : 0;
	return !v || oom ? yc_seterr(err, errsz, "%s", _("内存不足")) : 0;
}

int pg_conflicts_list(struct bconn *c, int all, struct srv_conflict **out,
		      size_t *n, char *err, size_t errsz)
{
	static const char sql[] =
		"SELECT id, case_id, case_number, type, at, actor, body, terminal, n,"
		" state, reason, stored_at, resolved_at, note"
		" FROM conflicts WHERE $1::boolean OR resolved_at IS NULL ORDER BY n";
	const char *p[1] = { all ? "true" : "false" };
	PGresult *r = pg_run(c, sql, 1, p, err, errsz);
	struct srv_conflict *v;
	int rows, oom = 0;

	*out = NULL;
	*n = 0;
	if (!r)
		return -1;
	rows = PQntuples(r);
	v = calloc(rows ? (size_t)rows : 1, sizeof *v);
	for (int i = 0; v && i < rows; i++) {
		/* the event's columns, with the conflict's n in place of seq */
		if (pg_event_row(r, i, &v[i].ev) != 0)
			oom = 1;
		v[i].n = v[i].ev.seq;
		v[i].ev.seq = 0;
		v[i].state = pg_col(r, i, 9, &oom);
		v[i].reason = pg_col(r, i, 10, &oom);
		v[i].stored_at = pg_col(r, i, 11, &oom);
		v[i].resolved_at = pg_col(r, i, 12, &oom);
		v[i].note = pg_col(r, i, 13, &oom);
	}
	PQclear(r);
	if (!v || oom) {
		srv_conflicts_free(v, v ? (size_t)rows : 0);
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	}
	*out = v;
	*n = (size_t)rows;
	return 0;
}

int pg_conflict_resolve(struct bconn *c, long long n, const char *note,
			char *err, size_t errsz)
{
	static const char upd_sql[] =
		"UPDATE conflicts SET resolved_at = $2, note = $3"
		" WHERE n = $1::bigint AND resolved_at IS NULL";
	static const char get_sql[] = "SELECT count(*) FROM conflicts WHERE n = $1::bigint";
	char num[24], now[40];
	const char *p[3] = { num, now, note };
	PGresult *r;
	int rc;

	snprintf(num, sizeof num, "%lld", n);
	srv_now_text(now, sizeof now);
	r = pg_run(c, upd_sql, 3, p, err, errsz);
	if (!r)
		return -1;
	rc = strcmp(PQcmdTuples(r), "1") == 0;
	PQclear(r);
	if (rc)
		return 1;
	r = pg_run(c, get_sql, 1, p, err, errsz);
	if (!r)
		return -1;
	rc = atoi(PQgetvalue(r, 0, 0)) > 0 ? 2 : 0;
	PQclear(r);
	return rc;
}

int pg_terminals_list(struct bconn *c, struct srv_terminal **out, size_t *n,
		      char *err, size_t errsz)
{
	static const char sql[] =
		"SELECT id, site, number, name, created, coalesce(revoked_at, '')"
		" FROM terminals ORDER BY site, number";
	PGresult *r = pg_run(c, sql, 0, NULL, err, errsz);
	struct srv_terminal *v;
	int rows;

	*out = NULL;
	*n = 0;
	if (!r)
		return -1;
	rows = PQntuples(r);
	v = calloc(rows ? (size_t)rows : 1, sizeof *v);
	if (!v) {
		PQclear(r);
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	}
	for (int i = 0; i < rows; i++) {
		struct srv_terminal *t = &v[i];

		snprintf(t->t.terminal_id, sizeof t->t.terminal_id, "%s", PQgetvalue(r, i, 0));
		snprintf(t->t.site, sizeof t->t.site, "%s", PQgetvalue(r, i, 1));
		t->t.terminal = atoi(PQgetvalue(r, i, 2));
		snprintf(t->t.name, sizeof t->t.name, "%s", PQgetvalue(r, i, 3));
		snprintf(t->created, sizeof t->created, "%s", PQgetvalue(r, i, 4));
		snprintf(t->revoked_at, sizeof t->revoked_at, "%s", PQgetvalue(r, i, 5));
	}
	PQclear(r);
	*out = v;
	*n = (size_t)rows;
	return 0;
}

int pg_terminal_revoke(struct bconn *c, const char *terminal_id, char *err,
		       size_t errsz)
{
	static const char sql[] =
		"UPDATE terminals SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";
	char now[40];
	const char *p[2] = { terminal_id, now };
	PGresult *r;
	int done;

	srv_now_text(now, sizeof now);
	r = pg_run(c, sql, 2, p, err, errsz);
	if (!r)
		return -1;
	done = strcmp(PQcmdTuples(r), "1") == 0;
	PQclear(r);
	return done;
}

int pg_user_set_active(struct bconn *c, const char *name, int active, char *err,
		       size_t errsz)
{
	static const char sql[] =
		"UPDATE users SET active = $2::integer WHERE name = $1 AND active <> $2::integer";
	const char *p[2] = { name, active ? "1" : "0" };
	PGresult *r = pg_run(c, sql, 2, p, err, errsz);
	int done;

	if (!r)
		return -1;
	done = strcmp(PQcmdTuples(r), "1") == 0;
	PQclear(r);
	return done;
}

int pg_batches_prune(struct bconn *c, const char *before, long long *deleted,
		     char *err, size_t errsz)
{
	static const char sql[] = "DELETE FROM batches WHERE stored_at < $1";
	const char *p[1] = { before };
	PGresult *r = pg_run(c, sql, 1, p, err, errsz);

	if (!r)
		return -1;
	*deleted = strtoll(PQcmdTuples(r), NULL, 10);
	PQclear(r);
	return 0;
}
