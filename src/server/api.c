/*
 * api.c — yichuangd's API v1 (yichuangd(8), notes/protocol.md): terminal
 * authentication, registration, push (idempotent batches, each event
 * folded with casefsm on the official calendar: accepted, duplicate,
 * conflict or invalid), pull by cursor, reference data, online
 * applications (source rule 10), health and metrics.
 *
 * Written against struct backend_ops only; the HTTP details (gzip, size
 * limits, logging) are http.c's.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "yichuang/caseno.h"
#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "yichuang/date.h"
#include "yichuang/idcheck.h"
#include "yichuang/util.h"
#include "yichuang/validate.h"
#include "yichuang/workdays.h"
#include "server.h"

/* Reference data the service itself uses, reloaded when the "ref"
 * counter moves: the official calendar (built in + imported) and the
 * current catalog. */
static pthread_rwlock_t api_ref_lock = PTHREAD_RWLOCK_INITIALIZER;
static long long api_ref_version = -1;
static struct calendar *api_cal;
static struct catalog api_cat;
static int api_cat_version;

int api_init(struct api *a, struct pool *pool, const struct srv_config *cfg,
	     char *err, size_t errsz)
{
	a->pool = pool;
	a->cfg = cfg;
	api_cal = calendar_new();
	if (!api_cal)
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	catalog_init(&api_cat);
	return calendar_load_builtin(api_cal, err, errsz);
}

void api_free(struct api *a)
{
	(void)a;
	calendar_free(api_cal);
	api_cal = NULL;
	catalog_free(&api_cat);
	api_ref_version = -1;
}

/* Reloads calendars and catalog when the reference version changed.
 * Called without the lock held. */
static int api_refresh(struct api *a, struct bconn *c, char *err, size_t errsz)
{
	const struct backend_ops *ops = pool_ops(a->pool);
	struct codec_calendar *cals = NULL;
	struct codec_file *files = NULL;
	size_t ncals = 0, nfiles = 0;
	struct calendar *cal = NULL;
	struct catalog cat;
	long long v, catref;
	int found, cv = 0, rc = -1;

	if (ops->counter_get(c, "ref", &v, err, errsz) != 0)
		return -1;
	pthread_rwlock_rdlock(&api_ref_lock);
	found = v == api_ref_version;
	pthread_rwlock_unlock(&api_ref_lock);
	if (found)
		return 0;
	catalog_init(&cat);
	cal = calendar_new();
	if (!cal || calendar_load_builtin(cal, err, errsz) != 0 ||
	    ops->calendars_list(c, &cals, &ncals, err, errsz) != 0)
		goto out;
	for (size_t i = 0; i < ncals; i++)
		if (calendar_parse(cal, cals[i].text, "calendar", err, errsz) != 0)
			goto out;
	found = ops->catalog_current(c, &cv, &catref, &files, &nfiles, err, errsz);
	if (found < 0)
		goto out;
	for (size_t i = 0; found && i < nfiles; i++) {
		struct catalog_diags d = { 0 };

		catalog_parse_text(&cat, files[i].text, strlen(files[i].text), files[i].name, &d);
		catalog_diags_free(&d);
	}
	pthread_rwlock_wrlock(&api_ref_lock);
	calendar_free(api_cal);
	api_cal = cal;
	cal = NULL;
	catalog_free(&api_cat);
	api_cat = cat;
	catalog_init(&cat);
	api_cat_version = cv;
	api_ref_version = v;
	pthread_rwlock_unlock(&api_ref_lock);
	rc = 0;
out:
	calendar_free(cal);
	catalog_free(&cat);
	{
		struct codec_ref tmp = { 0 };

		tmp.calendars = cals;
		tmp.ncalendars = ncals;
		tmp.files = files;
		tmp.nfiles = nfiles;
		codec_ref_clear(&tmp);
	}
	return rc;
}

/* ---- replies --------------------------------------------------------------- */

static void api_json(struct api_reply *r, int status, char *body)
{
	r->status = body ? status : 500;
	r->body = body ? body : yc_strdup("{\"error\":\"内存不足\"}");
	r->type = NULL;
}

static void api_error(struct api_reply *r, int status, const char *msg)
{
	api_json(r, status, codec_error(msg));
}

const char *api_route_label(const char *path)
{
	static const char *const routes[] = {
		"/v1/register", "/v1/sync/push", "/v1/sync/pull", "/v1/ref",
		"/v1/applications", "/healthz", "/metrics"
	};

	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
		if (strcmp(path, routes[i]) == 0)
			return routes[i];
	return "other";
}

/* ---- authentication -------------------------------------------------------- */

/* 1 with the terminal of token, 0 when unknown, -1 on error. */
static int api_auth(struct api *a, struct bconn *c, const char *token,
		    struct codec_terminal *t, char *err, size_t errsz)
{
	char hash[65];

	if (!token || !*token)
		return 0;
	srv_hash_hex(token, strlen(token), hash);
	return pool_ops(a->pool)->terminal_by_token(c, hash, t, err, errsz);
}

/* ---- folding ---------------------------------------------------------------- */

int api_fold_case(const struct calendar *cal, const struct codec_event *ev, size_t n,
		  struct case_fold *fold, char *err, size_t errsz)
{
	casefsm_init(fold);
	for (size_t i = 0; i < n; i++) {
		struct case_event e;
		struct case_deferral defs[CASEFSM_MAX_DEFERRED + 1];
		void *holder;

		if (codec_fold_event(ev[i].body, ev[i].type, &e, defs, &holder, err, errsz) != 0)
			continue;
		/* a stored event was allowed when it came; keep going if a
		 * later calendar change makes a date move */
		casefsm_apply(fold, &e, cal, err, errsz);
		codec_fold_free(holder);
	}
	return 0;
}

/* The case a push batch is working on, so that a batch of many events
 * of one case does not read the case again for each. */
struct api_case {
	char id[CODEC_UUID_MAX];
	char *number;			/* NULL: the case has no events */
	struct case_fold fold;
};

static int api_case_load(struct api *a, struct bconn *c, const char *case_id,
			 struct api_case *k, char *err, size_t errsz)
{
	struct codec_event *ev = NULL;
	size_t n = 0;

	if (strcmp(k->id, case_id) == 0)
		return 0;
	free(k->number);
	k->number = NULL;
	k->id[0] = '\0';
	if (pool_ops(a->pool)->case_events(c, case_id, &ev, &n, err, errsz) != 0)
		return -1;
	api_fold_case(api_cal, ev, n, &k->fold, err, errsz);
	if (n > 0) {
		k->number = ev[0].case_number;
		ev[0].case_number = NULL;
	}
	codec_events_free(ev, n);
	snprintf(k->id, sizeof k->id, "%s", case_id);
	return 0;
}

/* ---- push --------------------------------------------------------------------- */

/* Decides one event of a batch; -1 only for a database error. */
static int api_push_one(struct api *a, struct bconn *c, const char *sender,
			struct codec_push_item *it, struct api_case *k,
			struct codec_result *res, char *err, size_t errsz)
{
	const struct backend_ops *ops = pool_ops(a->pool);
	struct codec_event old;
	struct case_event e;
	struct case_deferral defs[CASEFSM_MAX_DEFERRED + 1];
	struct case_fold next;
	void *holder;
	char why[YC_ERRSZ];
	int rc;

	snprintf(res->id, sizeof res->id, "%s", it->ev.id);
	res->status = CODEC_INVALID;
	if (!it->ok) {
		snprintf(res->reason, sizeof res->reason, "%s", it->reason);
		return 0;
	}
	rc = ops->event_find(c, it->ev.id, &old, err, errsz);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		if (codec_event_same(&old, &it->ev)) {
			res->status = CODEC_DUPLICATE;
			res->seq = old.seq;
		} else {
			snprintf(res->reason, sizeof res->reason, "%s", _("同一事件编号的内容不同"));
		}
		codec_event_clear(&old);
		return 0;
	}
	if (codec_fold_event(it->ev.body, it->ev.type, &e, defs, &holder, why, sizeof why) != 0) {
		snprintf(res->reason, sizeof res->reason, "%s", why);
		return 0;
	}
	if (api_case_load(a, c, it->ev.case_id, k, err, errsz) != 0) {
		codec_fold_free(holder);
		return -1;
	}
	if (k->number && strcmp(k->number, it->ev.case_number) != 0) {
		snprintf(res->reason, sizeof res->reason,
			 _("办件编号 %s 与该办件已有的编号 %s 不同"), it->ev.case_number, k->number);
		codec_fold_free(holder);
		return 0;
	}
	if (it->ev.type == CASE_EV_RECEIVED && k->number) {
		snprintf(res->reason, sizeof res->reason,
			 _("办件 %s 已经接件，不能再次接件"), k->number);
		codec_fold_free(holder);
		return 0;
	}
	next = k->fold;
	if (casefsm_apply(&next, &e, api_cal, why, sizeof why) != 0) {
		codec_fold_free(holder);
		res->status = CODEC_CONFLICT;
		snprintf(res->state, sizeof res->state, "%s", casefsm_state_name(k->fold.state));
		snprintf(res->reason, sizeof res->reason, "%s", why);
		utf8_trim_partial(res->reason);
		return ops->conflict_add(c, &it->ev, sender, res->state, res->reason, err, errsz);
	}
	codec_fold_free(holder);
	if (ops->event_append(c, &it->ev, sender, err, errsz) != 0)
		return -1;
	k->fold = next;
	if (!k->number) {
		k->number = yc_strdup(it->ev.case_number);
		if (!k->number)
			k->id[0] = '\0';	/* read it again next time */
	}
	res->status = CODEC_ACCEPTED;
	res->seq = it->ev.seq;
	return 0;
}

static void api_push(struct api *a, struct bconn *c, const struct codec_terminal *t,
		     const char *body, size_t len, struct api_reply *r)
{
	const struct backend_ops *ops = pool_ops(a->pool);
	struct codec_push_item *items = NULL;
	struct codec_result *res = NULL;
	struct api_case k;
	char key[CODEC_UUID_MAX], hash[65], sender[32], err[YC_ERRSZ];
	char *old_hash = NULL, *old_resp = NULL, *text = NULL;
	size_t n = 0;
	long long lock;
	int found;

	if (codec_push_parse(body, key, &items, &n, err, sizeof err) != 0) {
		api_error(r, 400, err);
		return;
	}
	srv_hash_hex(body, len, hash);
	snprintf(sender, sizeof sender, "%s-%02d", t->site, t->terminal);
	memset(&k, 0, sizeof k);
	res = calloc(n ? n : 1, sizeof *res);
	if (!res)
		goto fail_mem;
	if (api_refresh(a, c, err, sizeof err) != 0)
		goto fail;
	if (ops->begin(c, err, sizeof err) != 0)
		goto fail;
	/* serialises writers of events: seq order is commit order */
	if (ops->counter_add(c, "seq", 0, &lock, err, sizeof err) != 0)
		goto fail_tx;
	found = ops->batch_find(c, key, &old_hash, &old_resp, err, sizeof err);
	if (found < 0)
		goto fail_tx;
	if (found && strcmp(old_hash, hash) == 0) {
		ops->rollback(c);
		api_json(r, 200, old_resp);
		old_resp = NULL;
		goto out;
	}
	pthread_rwlock_rdlock(&api_ref_lock);
	for (size_t i = 0; i < n; i++) {
		if (api_push_one(a, c, sender, &items[i], &k, &res[i], err, sizeof err) != 0) {
			pthread_rwlock_unlock(&api_ref_lock);
			goto fail_tx;
		}
	}
	pthread_rwlock_unlock(&api_ref_lock);
	text = codec_push_response(res, n);
	if (!text) {
		ops->rollback(c);
		goto fail_mem;
	}
	if (ops->batch_save(c, key, hash, text, sender, err, sizeof err) != 0 ||
	    ops->commit(c, err, sizeof err) != 0)
		goto fail_tx;
	for (size_t i = 0; i < n; i++)
		metrics_push(res[i].status);
	api_json(r, 200, text);
	text = NULL;
	goto out;
fail_tx:
	ops->rollback(c);
fail:
	api_error(r, 500, err);
	goto out;
fail_mem:
	api_error(r, 500, _("内存不足"));
out:
	free(text);
	free(old_hash);
	free(old_resp);
	free(k.number);
	free(res);
	codec_push_items_free(items, n);
}

/* ---- pull ----------------------------------------------------------------------- */

/* A non-negative integer parameter; def when absent; -1 when malformed. */
static long long api_param(const char *s, long long def)
{
	char *end;
	long long v;

	if (!s || !*s)
		return def;
	v = strtoll(s, &end, 10);
	return *end || v < 0 ? -1 : v;
}

static void api_pull(struct api *a, struct bconn *c,
		     const char *(*get)(void *, const char *), void *arg, struct api_reply *r)
{
	long long after = api_param(get(arg, "after"), 0);
	long long limit = api_param(get(arg, "limit"), CODEC_PULL_DEFAULT);
	struct codec_event *ev = NULL;
	size_t n = 0;
	char err[YC_ERRSZ];
	int more;

	if (after < 0 || limit < 1 || limit > CODEC_MAX_EVENTS) {
		api_error(r, 400, _("参数有误：after 应为非负整数，limit 应为 1～1000"));
		return;
	}
	if (pool_ops(a->pool)->events_after(c, after, (int)limit + 1, &ev, &n, err,
					    sizeof err) != 0) {
		api_error(r, 500, err);
		return;
	}
	more = n > (size_t)limit;
	if (more)
		n = (size_t)limit;
	metrics_pull();
	api_json(r, 200, codec_pull_response(ev, n, n ? ev[n - 1].seq : after, more));
	codec_events_free(ev, more ? n + 1 : n);
}

/* ---- reference data ------------------------------------------------------------- */

static void api_ref(struct api *a, struct bconn *c,
		    const char *(*get)(void *, const char *), void *arg, struct api_reply *r)
{
	const struct backend_ops *ops = pool_ops(a->pool);
	long long since = api_param(get(arg, "since"), 0), catref = 0;
	struct codec_ref ref;
	char err[YC_ERRSZ];
	int found;

	memset(&ref, 0, sizeof ref);
	if (since < 0) {
		api_error(r, 400, _("参数有误：since 应为非负整数"));
		return;
	}
	if (ops->counter_get(c, "ref", &ref.version, err, sizeof err) != 0)
		goto fail;
	if (since >= ref.version) {
		api_json(r, 200, codec_ref_response(&ref));
		return;
	}
	ref.changed = 1;
	found = ops->catalog_current(c, &ref.catalog_version, &catref, NULL, NULL, err,
				     sizeof err);
	if (found < 0)
		goto fail;
	if (found && catref > since) {
		ref.has_catalog = 1;
		if (ops->catalog_current(c, &ref.catalog_version, &catref, &ref.files,
					 &ref.nfiles, err, sizeof err) < 0)
			goto fail;
	}
	if (ops->calendars_list(c, &ref.calendars, &ref.ncalendars, err, sizeof err) != 0 ||
	    ops->users_list(c, &ref.users, &ref.nusers, err, sizeof err) != 0 ||
	    ops->settings_list(c, &ref.settings, &ref.nsettings, err, sizeof err) != 0)
		goto fail;
	api_json(r, 200, codec_ref_response(&ref));
	codec_ref_clear(&ref);
	return;
fail:
	codec_ref_clear(&ref);
	api_error(r, 500, err);
}

/* ---- online applications (source rule 10) ---------------------------------------- */

/* Problems of one application, all of them (422 lists every one). */
struct api_problems {
	char *msg[64];
	size_t n;
};

static void api_problem(struct api_problems *p, const char *fmt, ...) YC_PRINTF(2, 3);

static void api_problem(struct api_problems *p, const char *fmt, ...)
{
	char buf[YC_ERRSZ];
	va_list ap;

	if (p->n >= sizeof p->msg / sizeof p->msg[0])
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	utf8_trim_partial(buf);
	p->msg[p->n] = yc_strdup(buf);
	if (p->msg[p->n])
		p->n++;
}

static void api_problems_free(struct api_problems *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->msg[i]);
	p->n = 0;
}

static const char *api_jtext(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Checks the applicant and builds its JSON for the received body. */
static cJSON *api_app_applicant(const cJSON *app, const char *phone, struct api_problems *p)
{
	const cJSON *ap = cJSON_GetObjectItemCaseSensitive(app, "applicant");
	const char *kind = api_jtext(ap, "kind"), *name = api_jtext(ap, "name");
	const char *id_no = api_jtext(ap, "id_no");
	struct idcheck_result ir;
	char msg[YC_ERRSZ];
	cJSON *o = cJSON_CreateObject();
	int org;

	if (!cJSON_IsObject(ap)) {
		api_problem(p, "%s", _("applicant：缺少申请人（对象，含 kind、name、id_no）"));
		return o;
	}
	if (!kind || (strcmp(kind, "person") != 0 && strcmp(kind, "org") != 0)) {
		api_problem(p, "%s", _("applicant.kind：应为 person（自然人）或 org（法人或其他组织）"));
		kind = "person";
	}
	org = strcmp(kind, "org") == 0;
	if (!name || validate_text(name, 1, 100, msg, sizeof msg) != VALIDATE_OK)
		api_problem(p, _("applicant.name：申请人名称%s"),
			    name ? msg : _("不能为空"));
	if (!id_no || !*id_no) {
		api_problem(p, "%s", org ? _("applicant.id_no：缺少统一社会信用代码")
					  : _("applicant.id_no：缺少身份证号码"));
	} else if ((org ? idcheck_uscc(id_no, &ir) : idcheck_id(id_no, &ir)) != 0 ||
		   ir.kind == IDCHECK_ID15_LEGACY) {
		api_problem(p, "applicant.id_no：%s",
			    ir.msg[0] ? ir.msg : _("旧版 15 位身份证号码已停用，请填写 18 位号码"));
	}
	if (o) {
		cJSON_AddStringToObject(o, "kind", kind);
		cJSON_AddStringToObject(o, "name", name ? name : "");
		if (ir.norm[0] && id_no)
			cJSON_AddStringToObject(o, "id_no", ir.norm);
		else
			cJSON_AddStringToObject(o, "id_no", id_no ? id_no : "");
		if (phone)
			cJSON_AddStringToObject(o, "phone", phone);
		else
			cJSON_AddNullToObject(o, "phone");
	}
	return o;
}

/* Checks the item's form fields; builds the "fields" object. */
static cJSON *api_app_fields(const cJSON *app, const struct catalog_item *it,
			     struct api_problems *p)
{
	const cJSON *fields = cJSON_GetObjectItemCaseSensitive(app, "fields"), *f;
	cJSON *o = cJSON_CreateObject();
	char msg[YC_ERRSZ];

	if (fields && !cJSON_IsObject(fields)) {
		api_problem(p, "%s", _("fields：应为对象（字段键 → 值）"));
		fields = NULL;
	}
	cJSON_ArrayForEach(f, fields) {
		int known = 0;

		for (size_t i = 0; i < it->nfields; i++)
			known |= strcmp(it->fields[i].key, f->string) == 0;
		if (!known)
			api_problem(p, _("fields.%s：事项“%s”的申请表没有这个字段"), f->string,
				    it->name);
		else if (!cJSON_IsString(f))
			api_problem(p, _("fields.%s：值应为字符串"), f->string);
	}
	for (size_t i = 0; i < it->nfields; i++) {
		const struct catalog_field *cf = &it->fields[i];
		const char *v = api_jtext(fields, cf->key);

		if (validate_field(cf, v, msg, sizeof msg) != VALIDATE_OK)
			api_problem(p, "fields.%s：%s", cf->key, msg);
		else if (v && o)
			cJSON_AddStringToObject(o, cf->key, v);
	}
	return o;
}

/* Matches the materials sent online with the item's checklist. */
static cJSON *api_app_materials(const cJSON *app, const struct catalog_item *it,
				struct api_problems *p)
{
	const cJSON *mats = cJSON_GetObjectItemCaseSensitive(app, "materials"), *m;
	cJSON *a = cJSON_CreateArray();
	size_t i = 0;

	if (mats && !cJSON_IsArray(mats)) {
		api_problem(p, "%s", _("materials：应为数组"));
		mats = NULL;
	}
	cJSON_ArrayForEach(m, mats) {
		const char *id = api_jtext(m, "id"), *name = api_jtext(m, "name");
		const struct catalog_material *cm = NULL;
		cJSON *o;

		i++;
		for (size_t j = 0; j < it->nmaterials && !cm; j++)
			if ((id && strcmp(it->materials[j].id, id) == 0) ||
			    (name && strcmp(it->materials[j].name, name) == 0))
				cm = &it->materials[j];
		if (!cm) {
			api_problem(p, _("materials[%zu]：事项“%s”的材料清单中没有“%s”"), i, it->name,
				    name ? name : id ? id : "");
			continue;
		}
		if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "electronic"))) {
			api_problem(p, _("materials[%zu]：网上申请只能提交电子材料（electronic 应为 true）"),
				    i);
			continue;
		}
		o = cJSON_CreateObject();
		if (o && a) {
			cJSON_AddStringToObject(o, "id", cm->id);
			cJSON_AddStringToObject(o, "receipt", "electronic");
			cJSON_AddNumberToObject(o, "originals", 0);
			cJSON_AddNumberToObject(o, "copies", 0);
			cJSON_AddFalseToObject(o, "nonconforming");
			cJSON_AddNullToObject(o, "note");
			cJSON_AddItemToArray(a, o);
		} else {
			cJSON_Delete(o);
		}
	}
	return a;
}

/* Builds the received event's body of a valid application, or NULL with
 * the problems in *p. */
static char *api_app_body(const cJSON *app, const char *app_id, int day,
			  struct api_problems *p, const struct catalog_item **itp)
{
	const char *code = api_jtext(app, "item"), *phone = api_jtext(app, "phone");
	const struct catalog_item *it = code ? catalog_find_item(&api_cat, code) : NULL;
	cJSON *body = cJSON_CreateObject();
	char msg[YC_ERRSZ], norm[64], buf[16];
	int due = 0;
	char *text = NULL;

	*itp = it;
	if (!code)
		api_problem(p, "%s", _("item：缺少事项编码"));
	else if (!it)
		api_problem(p, _("item：当前事项目录（第 %d 版）中没有事项编码 %s"),
			    api_cat_version, code);
	else if (!it->online)
		api_problem(p, _("item：事项“%s”不支持网上申请"), it->name);
	if (!phone || validate_phone(phone, norm, sizeof norm, msg, sizeof msg) != VALIDATE_OK)
		api_problem(p, "phone：%s", phone ? msg : _("缺少联系电话"));
	else
		phone = norm;
	if (!body)
		return NULL;
	cJSON_AddStringToObject(body, "day", date_format(day, buf, sizeof buf));
	cJSON_AddBoolToObject(body, "instant", it && it->kind == ITEM_INSTANT);
	cJSON_AddNumberToObject(body, "promised_limit",
				it && it->kind != ITEM_INSTANT ? it->promised_limit : 0);
	cJSON_AddStringToObject(body, "promised_unit",
				it && it->promised_unit == LIMIT_DAYS ? "days" : "workdays");
	cJSON_AddStringToObject(body, "item_code", code ? code : "");
	cJSON_AddNumberToObject(body, "catalog_version", api_cat_version);
	cJSON_AddStringToObject(body, "item_name", it ? it->name : "");
	cJSON_AddItemToObject(body, "applicant", api_app_applicant(app, phone, p));
	if (it) {
		cJSON_AddItemToObject(body, "fields", api_app_fields(app, it, p));
		cJSON_AddItemToObject(body, "situations", cJSON_CreateArray());
		cJSON_AddItemToObject(body, "materials", api_app_materials(app, it, p));
	}
	cJSON_AddStringToObject(body, "channel", "online");
	cJSON_AddStringToObject(body, "application_id", app_id);
	/* 网上预受理: the window answers within 2 working days */
	workdays_add(api_cal, day, 2, &due, NULL);
	cJSON_AddStringToObject(body, "answer_due", date_format(due, buf, sizeof buf));
	if (p->n == 0)
		text = cJSON_PrintUnformatted(body);
	cJSON_Delete(body);
	return text;
}

static void api_applications(struct api *a, struct bconn *c, const char *text,
			     struct api_reply *r)
{
	const struct backend_ops *ops = pool_ops(a->pool);
	cJSON *app = cJSON_Parse(text);
	const char *id = api_jtext(app, "id");
	const struct catalog_item *it;
	struct api_problems p = { { 0 }, 0 };
	struct codec_event ev;
	char err[YC_ERRSZ], sender[32], dayname[16], counter[64], at[40];
	char *number = NULL, *body = NULL, *reply;
	long long lock, seq;
	int found, day = date_today();

	memset(&ev, 0, sizeof ev);
	if (!cJSON_IsObject(app)) {
		cJSON_Delete(app);
		api_error(r, 400, _("请求不是有效的 JSON 对象"));
		return;
	}
	if (!a->cfg->site) {
		cJSON_Delete(app);
		api_error(r, 503, _("中心未配置站点代码（site），不能受理网上申请；请在配置文件中设置 site"));
		return;
	}
	if (!codec_uuid_valid(id)) {
		const char *m = _("id：申请编号应为 UUID");

		cJSON_Delete(app);
		api_json(r, 422, codec_errors(_("网上申请有 1 处问题"), &m, 1));
		return;
	}
	if (api_refresh(a, c, err, sizeof err) != 0)
		goto fail;
	if (ops->begin(c, err, sizeof err) != 0)
		goto fail;
	if (ops->counter_add(c, "seq", 0, &lock, err, sizeof err) != 0)
		goto fail_tx;
	found = ops->application_find(c, id, &number, err, sizeof err);
	if (found < 0)
		goto fail_tx;
	if (found) {
		ops->rollback(c);
		reply = NULL;
		{
			cJSON *o = cJSON_CreateObject();

			if (o && cJSON_AddStringToObject(o, "number", number))
				reply = cJSON_PrintUnformatted(o);
			cJSON_Delete(o);
		}
		api_json(r, 200, reply);
		goto out;
	}
	pthread_rwlock_rdlock(&api_ref_lock);
	body = api_app_body(app, id, day, &p, &it);
	pthread_rwlock_unlock(&api_ref_lock);
	if (p.n > 0 || !body) {
		char summary[96];

		ops->rollback(c);
		snprintf(summary, sizeof summary, _("网上申请有 %zu 处问题"), p.n);
		api_json(r, p.n ? 422 : 500,
			 p.n ? codec_errors(summary, (const char *const *)p.msg, p.n)
			     : codec_error(_("内存不足")));
		goto out;
	}
	date_format(day, dayname, sizeof dayname);
	snprintf(counter, sizeof counter, "case:%s-99:%s", a->cfg->site, dayname);
	if (ops->counter_add(c, counter, 1, &seq, err, sizeof err) != 0)
		goto fail_tx;
	number = malloc(CASENO_TEXT_MAX);
	if (!number || caseno_format(a->cfg->site, 99, day, (unsigned long)seq, number,
				     CASENO_TEXT_MAX, err, sizeof err) != 0)
		goto fail_tx;
	case_uuid(ev.id);
	case_uuid(ev.case_id);
	srv_now_text(at, sizeof at);
	ev.type = CASE_EV_RECEIVED;
	ev.case_number = number;
	ev.at = at;
	ev.actor = (char *)"online";
	ev.body = body;
	snprintf(sender, sizeof sender, "%s-99", a->cfg->site);
	if (ops->event_append(c, &ev, sender, err, sizeof err) != 0 ||
	    ops->application_add(c, id, number, ev.case_id, err, sizeof err) != 0 ||
	    ops->commit(c, err, sizeof err) != 0)
		goto fail_tx;
	reply = NULL;
	{
		cJSON *o = cJSON_CreateObject();

		if (o && cJSON_AddStringToObject(o, "number", number))
			reply = cJSON_PrintUnformatted(o);
		cJSON_Delete(o);
	}
	api_json(r, 201, reply);
	goto out;
fail_tx:
	ops->rollback(c);
fail:
	api_error(r, 500, err);
out:
	api_problems_free(&p);
	free(body);
	free(number);
	cJSON_Delete(app);
}

/* ---- routing ----------------------------------------------------------------------- */

static void api_register(const struct codec_terminal *t, struct api_reply *r)
{
	api_json(r, 200, codec_register_response(t));
}

static void api_metrics(struct api *a, struct bconn *c, struct api_reply *r)
{
	const struct backend_ops *ops = pool_ops(a->pool);
	long long events = 0, conflicts = 0;
	char err[YC_ERRSZ];

	if (ops->counter_get(c, "seq", &events, err, sizeof err) != 0 ||
	    ops->conflict_count(c, &conflicts, err, sizeof err) != 0) {
		api_error(r, 500, err);
		return;
	}
	r->status = 200;
	r->body = metrics_text(events, conflicts);
	r->type = "text/plain; version=0.0.4; charset=utf-8";
	if (!r->body)
		api_error(r, 500, _("内存不足"));
}

void api_handle(struct api *a, const char *method, const char *path,
		const char *(*get)(void *arg, const char *name), void *arg,
		const char *token, const char *body, size_t len, struct api_reply *r)
{
	int post = strcmp(method, "POST") == 0, getm = strcmp(method, "GET") == 0;
	struct codec_terminal t;
	struct bconn *c;
	char err[YC_ERRSZ];
	int auth;

	memset(r, 0, sizeof *r);
	if (strcmp(path, "/healthz") == 0 && getm) {
		r->status = 200;
		r->body = yc_strdup("ok\n");
		r->type = "text/plain; charset=utf-8";
		if (!r->body)
			api_error(r, 500, _("内存不足"));
		return;
	}
	if (strcmp(api_route_label(path), "other") == 0) {
		api_error(r, 404, _("没有这个接口；可用的接口见 yichuangd(8)"));
		return;
	}
	if (!((post && (strcmp(path, "/v1/register") == 0 || strcmp(path, "/v1/sync/push") == 0 ||
			strcmp(path, "/v1/applications") == 0)) ||
	      (getm && (strcmp(path, "/v1/sync/pull") == 0 || strcmp(path, "/v1/ref") == 0 ||
			strcmp(path, "/metrics") == 0)))) {
		api_error(r, 405, _("该接口不支持这个请求方法"));
		return;
	}
	c = pool_get(a->pool);
	if (strcmp(path, "/metrics") == 0) {
		api_metrics(a, c, r);
		pool_put(a->pool, c);
		return;
	}
	auth = api_auth(a, c, token, &t, err, sizeof err);
	if (auth <= 0) {
		pool_put(a->pool, c);
		if (auth < 0)
			api_error(r, 500, err);
		else
			api_error(r, 401, _("终端令牌无效或缺失：请用 yichuangd admin terminal add 发放的令牌"
					    "（Authorization: Bearer 令牌）"));
		return;
	}
	if (strcmp(path, "/v1/register") == 0)
		api_register(&t, r);
	else if (strcmp(path, "/v1/sync/push") == 0)
		api_push(a, c, &t, body ? body : "", len, r);
	else if (strcmp(path, "/v1/sync/pull") == 0)
		api_pull(a, c, get, arg, r);
	else if (strcmp(path, "/v1/ref") == 0)
		api_ref(a, c, get, arg, r);
	else
		api_applications(a, c, body ? body : "", r);
	pool_put(a->pool, c);
}
