/*
 * codec_ref.c — JSON of sync protocol v1, continued: registration,
 * reference data (catalog, calendars, users, settings) and error bodies
 * (codec.h).  Shared by yichuangd and the workstation's sync client.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "yichuang/caseno.h"
#include "yichuang/codec.h"
#include "yichuang/util.h"
#include "codec_internal.h"

/* ---- registration -------------------------------------------------------- */

char *codec_register_response(const struct codec_terminal *t)
{
	struct cjb b = { 0 };
	cJSON *root = cJSON_CreateObject();

	cjb_str(&b, root, "terminal_id", t->terminal_id);
	cjb_str(&b, root, "site", t->site);
	cjb_num(&b, root, "terminal", t->terminal);
	cjb_str(&b, root, "name", t->name);
	return cjb_finish(&b, root);
}

int codec_register_parse(const char *text, struct codec_terminal *t,
			 char *err, size_t errsz)
{
	cJSON *root = text ? cJSON_Parse(text) : NULL;
	const char *id = codec_text(root, "terminal_id");
	const char *site = codec_text(root, "site");
	const char *name = codec_text(root, "name");
	long long num = 0;

	memset(t, 0, sizeof *t);
	if (!codec_uuid_valid(id) || !site || caseno_site_valid(site, NULL, 0) != 0 ||
	    codec_count(root, "terminal", &num) != 0 || num < 1 || num > 99) {
		cJSON_Delete(root);
		return yc_seterr(err, errsz,
				 _("服务器的注册应答应含 terminal_id、site 和 1～99 的 terminal"));
	}
	snprintf(t->terminal_id, sizeof t->terminal_id, "%s", id);
	snprintf(t->site, sizeof t->site, "%s", site);
	t->terminal = (int)num;
	snprintf(t->name, sizeof t->name, "%s", name ? name : "");
	utf8_trim_partial(t->name);
	cJSON_Delete(root);
	return 0;
}

/* ---- reference data ------------------------------------------------------ */

char *codec_ref_response(const struct codec_ref *r)
{
	struct cjb b = { 0 };
	cJSON *root = cJSON_CreateObject();
	cJSON *cat, *files, *cals, *users, *set;

	cjb_num(&b, root, "version", (double)r->version);
	if (!r->changed)
		return cjb_finish(&b, root);
	if (r->has_catalog) {
		cat = cJSON_CreateObject();
		files = cJSON_CreateArray();
		cjb_num(&b, cat, "version", r->catalog_version);
		for (size_t i = 0; files && i < r->nfiles; i++) {
			cJSON *f = cJSON_CreateObject();

			cjb_str(&b, f, "name", r->files[i].name);
			cjb_str(&b, f, "text", r->files[i].text);
			cjb_add(&b, files, NULL, f);
		}
		cjb_add(&b, cat, "files", files);
		cjb_add(&b, root, "catalog", cat);
	}
	cals = cJSON_CreateArray();
	for (size_t i = 0; cals && i < r->ncalendars; i++) {
		cJSON *c = cJSON_CreateObject();

		cjb_num(&b, c, "year", r->calendars[i].year);
		cjb_str(&b, c, "text", r->calendars[i].text);
		cjb_add(&b, cals, NULL, c);
	}
	cjb_add(&b, root, "calendars", cals);
	users = cJSON_CreateArray();
	for (size_t i = 0; users && i < r->nusers; i++) {
		cJSON *u = cJSON_CreateObject();

		cjb_str(&b, u, "name", r->users[i].name);
		cjb_str(&b, u, "role", r->users[i].role);
		cjb_str(&b, u, "department", r->users[i].department);
		cjb_str(&b, u, "pw_hash", r->users[i].pw_hash);
		cjb_add(&b, u, "active", cJSON_CreateBool(r->users[i].active != 0));
		cjb_add(&b, users, NULL, u);
	}
	cjb_add(&b, root, "users", users);
	set = cJSON_CreateObject();
	for (size_t i = 0; set && i < r->nsettings; i++)
		cjb_str(&b, set, r->settings[i].key, r->settings[i].value);
	cjb_add(&b, root, "settings", set);
	return cjb_finish(&b, root);
}

void codec_ref_clear(struct codec_ref *r)
{
	for (size_t i = 0; r->files && i < r->nfiles; i++) {
		free(r->files[i].name);
		free(r->files[i].text);
	}
	for (size_t i = 0; r->calendars && i < r->ncalendars; i++)
		free(r->calendars[i].text);
	for (size_t i = 0; r->users && i < r->nusers; i++) {
		free(r->users[i].name);
		free(r->users[i].role);
		free(r->users[i].department);
		free(r->users[i].pw_hash);
	}
	for (size_t i = 0; r->settings && i < r->nsettings; i++) {
		free(r->settings[i].key);
		free(r->settings[i].value);
	}
	free(r->files);
	free(r->calendars);
	free(r->users);
	free(r->settings);
	memset(r, 0, sizeof *r);
}

/* Allocates an array of n elements of size sz (at least one, zeroed). */
static void *codec_array(size_t n, size_t sz)
{
	return calloc(n ? n : 1, sz);
}

/* Reads the members after "version" of a changed ref answer. */
static int codec_ref_read(const cJSON *root, struct codec_ref *r, char *err, size_t errsz)
{
	const cJSON *cat = cJSON_GetObjectItemCaseSensitive(root, "catalog");
	const cJSON *a, *o;
	size_t i;
	long long v;

	if (cat) {
		a = cJSON_GetObjectItemCaseSensitive(cat, "files");
		if (codec_count(cat, "version", &v) != 0 || !cJSON_IsArray(a))
			return yc_seterr(err, errsz, _("参考数据的目录（catalog）应含 version 和 files"));
		r->has_catalog = 1;
		r->catalog_version = (int)v;
		r->nfiles = (size_t)cJSON_GetArraySize(a);
		r->files = codec_array(r->nfiles, sizeof *r->files);
		if (!r->files)
			return yc_seterr(err, errsz, _("内存不足"));
		i = 0;
		cJSON_ArrayForEach(o, a) {
			if (!codec_text(o, "name") || !codec_text(o, "text"))
				return yc_seterr(err, errsz, _("目录文件第 %zu 项应含 name 和 text"), i + 1);
			r->files[i].name = yc_strdup(codec_text(o, "name"));
			r->files[i].text = yc_strdup(codec_text(o, "text"));
			if (!r->files[i].name || !r->files[i].text)
				return yc_seterr(err, errsz, _("内存不足"));
			i++;
		}
	}
	a = cJSON_GetObjectItemCaseSensitive(root, "calendars");
	r->ncalendars = (size_t)cJSON_GetArraySize(a);
	r->calendars = codec_array(r->ncalendars, sizeof *r->calendars);
	if (!r->calendars)
		return yc_seterr(err, errsz, _("内存不足"));
	i = 0;
	cJSON_ArrayForEach(o, a) {
		if (codec_count(o, "year", &v) != 0 || !codec_text(o, "text"))
			return yc_seterr(err, errsz, _("日历第 %zu 项应含 year 和 text"), i + 1);
		r->calendars[i].year = (int)v;
		r->calendars[i].text = yc_strdup(codec_text(o, "text"));
		if (!r->calendars[i].text)
			return yc_seterr(err, errsz, _("内存不足"));
		i++;
	}
	a = cJSON_GetObjectItemCaseSensitive(root, "users");
	r->nusers = (size_t)cJSON_GetArraySize(a);
	r->users = codec_array(r->nusers, sizeof *r->users);
	if (!r->users)
		return yc_seterr(err, errsz, _("内存不足"));
	i = 0;
	cJSON_ArrayForEach(o, a) {
		struct codec_user *u = &r->users[i];

		if (!codec_text(o, "name") || !codec_text(o, "role") || !codec_text(o, "pw_hash"))
			return yc_seterr(err, errsz, _("用户第 %zu 项应含 name、role 和 pw_hash"), i + 1);
		u->name = yc_strdup(codec_text(o, "name"));
		u->role = yc_strdup(codec_text(o, "role"));
		u->pw_hash = yc_strdup(codec_text(o, "pw_hash"));
		u->department = codec_text(o, "department")
			? yc_strdup(codec_text(o, "department")) : NULL;
		u->active = !cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(o, "active"));
		if (!u->name || !u->role || !u->pw_hash ||
		    (codec_text(o, "department") && !u->department))
			return yc_seterr(err, errsz, _("内存不足"));
		i++;
	}
	a = cJSON_GetObjectItemCaseSensitive(root, "settings");
	r->nsettings = (size_t)cJSON_GetArraySize(a);
	r->settings = codec_array(r->nsettings, sizeof *r->settings);
	if (!r->settings)
		return yc_seterr(err, errsz, _("内存不足"));
	i = 0;
	cJSON_ArrayForEach(o, a) {
		if (!cJSON_IsString(o))
			return yc_seterr(err, errsz, _("设置 %.40s 的值应为字符串"), o->string);
		r->settings[i].key = yc_strdup(o->string);
		r->settings[i].value = yc_strdup(o->valuestring);
		if (!r->settings[i].key || !r->settings[i].value)
			return yc_seterr(err, errsz, _("内存不足"));
		i++;
	}
	return 0;
}

int codec_ref_parse(const char *text, struct codec_ref *r, char *err, size_t errsz)
{
	cJSON *root = text ? cJSON_Parse(text) : NULL;
	int rc;

	memset(r, 0, sizeof *r);
	if (!cJSON_IsObject(root) || codec_count(root, "version", &r->version) != 0) {
		cJSON_Delete(root);
		return yc_seterr(err, errsz, _("参考数据应答应含版本号（version）"));
	}
	r->changed = cJSON_GetObjectItemCaseSensitive(root, "users") != NULL ||
		     cJSON_GetObjectItemCaseSensitive(root, "catalog") != NULL ||
		     cJSON_GetObjectItemCaseSensitive(root, "calendars") != NULL;
	rc = r->changed ? codec_ref_read(root, r, err, errsz) : 0;
	cJSON_Delete(root);
	if (rc != 0)
		codec_ref_clear(r);
	return rc;
}

/* ---- errors -------------------------------------------------------------- */

char *codec_error(const char *msg)
{
	struct cjb b = { 0 };
	cJSON *root = cJSON_CreateObject();

	cjb_str(&b, root, "error", msg);
	return cjb_finish(&b, root);
}

char *codec_errors(const char *summary, const char *const *msgs, size_t n)
{
	struct cjb b = { 0 };
	cJSON *root = cJSON_CreateObject();
	cJSON *arr = cJSON_CreateArray();

	cjb_str(&b, root, "error", summary);
	for (size_t i = 0; arr && i < n; i++)
		cjb_str(&b, arr, NULL, msgs[i]);
	cjb_add(&b, root, "errors", arr);
	return cjb_finish(&b, root);
}

void codec_error_parse(const char *text, char *buf, size_t bufsz)
{
	cJSON *root = text ? cJSON_Parse(text) : NULL;
	const char *s = codec_text(root, "error");

	snprintf(buf, bufsz, "%s", s ? s : "");
	utf8_trim_partial(buf);
	cJSON_Delete(root);
}
