/*
 * api.c — yichuangd's API v1 (yichuangd(8), notes/protocol.md): terminal
 * authentication, registration, push (idempotent batches, each event
 * folded with casefsm on the official calendar: accepted, duplicate,
 * conflict or invalid; a new case only with the pushing terminal's own
 * numbers), pull by cursor, reference data, health and metrics; online
 * applications (applications.c) and the public progress query
 * (progress.c) are routed from here.
 *
 * Written against struct backend_ops only; the HTTP details (gzip, size
 * limits, logging) are http.c's.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "yichuang/caseno.h"
#include "yichuang/catalog.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "api_ref.h"

/* Reference data the service itself uses, reloaded when the "ref"
 * counter moves: the official calendar (built in + imported) and the
 * current catalog. */
pthread_rwlock_t api_ref_lock = PTHREAD_RWLOCK_INITIALIZER;
static long long api_ref_version = -1;
struct calendar *api_cal;
struct catalog api_cat;
int api_cat_version;

int api_init(struct api *a, struct pool *pool, const struct srv_config *cfg,
	     char *err, size_t errsz)
{
	a->pool = pool;
	a->cfg = cfg;
	a->progress_limit = NULL;
	if (cfg->progress_rate > 0) {
		a->progress_limit = ratelimit_new(cfg->progress_rate, cfg->progress_burst);
		if (!a->progress_limit)
			return yc_seterr(err, errsz, "%s", _("内存不足"));
	}
	api_cal = calendar_new();
	if (!api_cal)
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	catalog_init(&api_cat);
	return calendar_load_builtin(api_cal, err, errsz);
}

void api_free(struct api *a)
{
	ratelimit_free(a->progress_limit);
	a->progress_limit = NULL;
	calendar_free(api_cal);
	api_cal = NULL;
	catalog_free(&api_cat);
	api_ref_version = -1;
}

int api_refresh(struct api *a, struct bconn *c, char *err, size_t errsz)
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

void api_json(struct api_reply *r, int status, char *body)
{
	r->status = body ? status : 500;
	r->body = body ? body : yc_strdup("{\"error\":\"内存不足\"}");
	r->type = NULL;
}

void api_error(struct api_reply *r, int status, const char *msg)
{
	api_json(r, status, codec_error(msg));
}

void api_fail(struct api_reply *r, const char *err)
{
	/* the details (the database's own words) are the administrator's */
	fprintf(stderr, _("yichuangd：请求失败：%s\n"), err);
	api_error(r, 500, API_FAIL_MSG);
}

/* Frees what a reply holds and empties it. */
static void api_reply_clear(struct api_reply *r)
{
	free(r->body);
	memset(r, 0, sizeof *r);
}

/* The prefix of the public progress addresses. */
#define API_PROGRESS "/v1/progress/"
/* The route of a progress query inside api_run (compared by address). */
static const char api_progress_route[] = "/v1/progress";
#define API_PROGRESS_ROUTE api_progress_route

const char *api_route_label(const char *path)
{
	static const char *const routes[] = {
		"/v1/register", "/v1/sync/push", "/v1/sync/pull", "/v1/ref",
		"/v1/applications", "/healthz", "/metrics"
	};

	if (strncmp(path, API_PROGRESS, strlen(API_PROGRESS)) == 0)
		return "/v1/progress";
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
		if (strcmp(path, routes[i]) == 0)
			return routes[i];
	return "other";
}

/* ---- authentication -------------------------------------------------------- */

/* 1 with the terminal of token, 0 when unknown, -1 on error. */
static int api_auth(struct api *a, struct bconn *c, const char *token,
		    struct srv_auth *t, char *err, size_t errsz)
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

int api_fold_current(struct api *a, struct bconn *c, const struct codec_event *ev,
		     size_t n, struct case_fold *fold, char *err, size_t errsz)
{
	if (api_refresh(a, c, err, errsz) != 0)
		return -1;
	pthread_rwlock_rdlock(&api_ref_lock);
	api_fold_case(api_cal, ev, n, fold, err, errsz);
	pthread_rwlock_unlock(&api_ref_lock);
	return 0;
}

/* ---- pull ----------------------------------------------------------------------- */

/* A non-negative integer parameter; def when absent; -1 when malformed,
 * -2 when too large for a 64-bit integer. */
static long long api_param(const char *s, long long def)
{
	char *end;
	long long v;

	if (!s || !*s)
		return def;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end || v < 0)
		return -1;
	return errno == ERANGE ? -2 : v;
}

/* Answers 400 for a parameter api_param found too large. */
static void api_param_range(struct api_reply *r, const char *name)
{
	char msg[160];

	snprintf(msg, sizeof msg, _("参数有误：%s 超出范围（应为不大于 %lld 的非负整数）"), name,
		 (long long)LLONG_MAX);
	api_error(r, 400, msg);
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

	if (after == -2) {
		api_param_range(r, "after");
		return;
	}
	if (after < 0 || limit < 1 || limit > CODEC_MAX_EVENTS) {
		api_error(r, 400, _("参数有误：after 应为非负整数，limit 应为 1～1000"));
		return;
	}
	if (pool_ops(a->pool)->events_after(c, after, (int)limit + 1, &ev, &n, err,
					    sizeof err) != 0) {
		api_fail(r, err);
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

/* The settings central distributes (server.h): doc.* but doc.lp_command,
 * and supervise.*; admin's `setting set` and /v1/ref both ask here. */
int srv_setting_allowed(const char *key)
{
	if (!key)
		return 0;
	if (strncmp(key, "doc.", 4) == 0)
		return key[4] != '\0' && strcmp(key, "doc.lp_command") != 0;
	return strncmp(key, "supervise.", 10) == 0 && key[10] != '\0';
}

/* Drops the settings central may not distribute (stored before
 * `setting set` checked the key, or written into the database by hand). */
static void api_settings_filter(struct codec_ref *ref)
{
	size_t j = 0;

	for (size_t i = 0; i < ref->nsettings; i++) {
		if (srv_setting_allowed(ref->settings[i].key)) {
			ref->settings[j++] = ref->settings[i];
		} else {
			free(ref->settings[i].key);
			free(ref->settings[i].value);
		}
	}
	ref->nsettings = j;
}

static void api_ref(struct api *a, struct bconn *c,
		    const char *(*get)(void *, const char *), void *arg, struct api_reply *r)
{
	const struct backend_ops *ops = pool_ops(a->pool);
	long long since = api_param(get(arg, "since"), 0), catref = 0;
	struct codec_ref ref;
	char err[YC_ERRSZ];
	int found;

	memset(&ref, 0, sizeof ref);
	if (since == -2) {
		api_param_range(r, "since");
		return;
	}
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
	api_settings_filter(&ref);
	api_json(r, 200, codec_ref_response(&ref));
	codec_ref_clear(&ref);
	return;
fail:
	codec_ref_clear(&ref);
	api_fail(r, err);
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
		api_fail(r, err);
		return;
	}
	r->status = 200;
	r->body = metrics_text(events, conflicts);
	r->type = "text/plain; version=0.0.4; charset=utf-8";
	if (!r->body)
		api_error(r, 500, _("内存不足"));
}

/* One request past routing: what api_route needs to answer it. */
struct api_req {
	const char *route;		/* api_route_label, or API_PROGRESS_ROUTE */
	const char *(*get)(void *arg, const char *name);
	void *arg;
	const char *token;
	const char *body;
	size_t len;
	const char *install;		/* X-Yichuang-Install: the workstation
					 * database sending; NULL when not said */
	const char *number;		/* progress: the case number */
	int html;			/* progress: answer a page */
};

/* GET /healthz: the service answers and its database too (one cheap
 * round trip); 503 when the database cannot be reached. */
static void api_healthz(struct api *a, struct bconn *c, struct api_reply *r)
{
	char err[YC_ERRSZ];

	if (pool_ops(a->pool)->ping(c, err, sizeof err) != 0) {
		fprintf(stderr, _("yichuangd：健康检查：数据库无法访问：%s\n"), err);
		api_error(r, 503, API_DB_DOWN_MSG);
		r->retry_after = 5;
		return;
	}
	r->status = 200;
	r->body = yc_strdup("ok\n");
	r->type = "text/plain; charset=utf-8";
	if (!r->body)
		api_error(r, 500, _("内存不足"));
}

/* Answers q on connection c. */
/* 1 when the request may go on as terminal t: a token serves one
 * workstation database, the first that named itself with it (a second
 * database registered with the same token would issue the same case
 * numbers).  0 with r filled (409) when another database holds it. */
static int api_installation(struct api *a, struct bconn *c, struct srv_auth *t,
			    const char *token, const char *install, struct api_reply *r)
{
	char err[YC_ERRSZ], msg[1024];
	int rc;

	if (!install || !codec_uuid_valid(install))
		return 1;	/* not said (register, ref): not bound; push and
				 * pull require it (api_route) */
	if (!t->install[0]) {
		rc = pool_ops(a->pool)->terminal_bind(c, t->t.terminal_id, install, err,
						      sizeof err);
		if (rc < 0) {
			api_fail(r, err);
			return 0;
		}
		if (rc == 1)
			return 1;
		/* bound by another request in the meantime: read who */
		if (api_auth(a, c, token, t, err, sizeof err) != 1) {
			api_fail(r, err[0] ? err : _("终端在登记时被吊销"));
			return 0;
		}
	}
	if (strcasecmp(t->install, install) == 0)
		return 1;
	snprintf(msg, sizeof msg,
		 _("终端 %s-%02d（%s）的令牌已于 %s 登记给另一个工作站数据库；一个令牌只能登记一个"
		   "（否则两台工作站会编出相同的办件编号）。请管理员为本工作站另发令牌（yichuangd admin"
		   " terminal add）；原工作站已停用的，先吊销原终端（yichuangd admin terminal revoke"
		   " %s-%02d）"),
		 t->t.site, t->t.terminal, t->t.name, t->registered_at[0] ? t->registered_at : "?",
		 t->t.site, t->t.terminal);
	utf8_trim_partial(msg);
	api_error(r, 409, msg);
	return 0;
}

static void api_route(struct api *a, struct bconn *c, const struct api_req *q,
		      struct api_reply *r)
{
	struct srv_auth t;
	char err[YC_ERRSZ];
	int auth;

	if (q->route == API_PROGRESS_ROUTE) {
		progress_handle(a, c, q->number, q->html, r);
		return;
	}
	if (strcmp(q->route, "/healthz") == 0) {
		api_healthz(a, c, r);
		return;
	}
	if (strcmp(q->route, "/metrics") == 0) {
		api_metrics(a, c, r);
		return;
	}
	auth = api_auth(a, c, q->token, &t, err, sizeof err);
	if (auth < 0) {
		api_fail(r, err);
		return;
	}
	if (auth == 0) {
		api_error(r, 401, _("终端令牌无效或缺失：请用 yichuangd admin terminal add 发放的令牌"
				    "（Authorization: Bearer 令牌）"));
		return;
	}
	if ((strcmp(q->route, "/v1/sync/push") == 0 || strcmp(q->route, "/v1/sync/pull") == 0) &&
	    (!q->install || !codec_uuid_valid(q->install))) {
		/* without it the token would not be bound (api_installation) */
		api_error(r, 400, _("推送和拉取须带 X-Yichuang-Install 头（工作站数据库的编号，UUID）："
				    "一个令牌只服务一个工作站数据库；请用 yichuang sync 同步"));
		return;
	}
	if (!api_installation(a, c, &t, q->token, q->install, r))
		return;
	if (strcmp(q->route, "/v1/register") == 0)
		api_register(&t.t, r);
	else if (strcmp(q->route, "/v1/sync/push") == 0)
		api_push(a, c, &t.t, q->body, q->len, r);
	else if (strcmp(q->route, "/v1/sync/pull") == 0)
		api_pull(a, c, q->get, q->arg, r);
	else if (strcmp(q->route, "/v1/ref") == 0)
		api_ref(a, c, q->get, q->arg, r);
	else
		api_applications(a, c, q->body, r);
}

/* Runs q on a pooled connection.  When the database connection turns out
 * to be lost (the server restarted), it is made again and q runs once
 * more, provided nothing of it can have been committed; a database that
 * stays out of reach answers 503, never its own error text. */
static void api_run(struct api *a, const struct api_req *q, struct api_reply *r)
{
	struct bconn *c = pool_get(a->pool);

	api_route(a, c, q, r);
	if (r->status >= 500 && pool_recover(a->pool, c)) {
		api_reply_clear(r);
		api_route(a, c, q, r);
	}
	if (r->status >= 500 && pool_lost(a->pool, c)) {
		api_reply_clear(r);
		if (q->route == API_PROGRESS_ROUTE)
			progress_error(r, 503, API_DB_DOWN_MSG, q->html);
		else
			api_error(r, 503, API_DB_DOWN_MSG);
		r->retry_after = 5;
	}
	pool_put(a->pool, c);
}

/* GET /v1/progress/NUMBER: public, no token, rate-limited per client
 * before it takes a database connection. */
static void api_progress(struct api *a, const char *method, const char *path,
			 const char *(*get)(void *arg, const char *name), void *arg,
			 const char *accept, const char *client, struct api_reply *r)
{
	const char *fmt = get(arg, "format");
	const char *number = path + strlen("/v1/progress");
	int html = accept && strstr(accept, "text/html") != NULL;
	struct api_req q;
	char msg[160];

	memset(&q, 0, sizeof q);
	q.route = API_PROGRESS_ROUTE;
	if (fmt && strcmp(fmt, "html") != 0 && strcmp(fmt, "json") != 0) {
		progress_error(r, 400, _("参数有误：format 应为 html 或 json"), html);
		return;
	}
	if (fmt)
		html = strcmp(fmt, "html") == 0;
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		progress_error(r, 405, _("进度查询只支持 GET 请求"), html);
		return;
	}
	if (a->progress_limit &&
	    !ratelimit_take(a->progress_limit, client ? client : "?", &r->retry_after)) {
		snprintf(msg, sizeof msg, _("查询太频繁，请 %d 秒后再试"), r->retry_after);
		progress_error(r, 429, msg, html);
		return;
	}
	if (*number == '/')
		number++;
	q.number = number;
	q.html = html;
	api_run(a, &q, r);
}

void api_handle(struct api *a, const char *method, const char *path,
		const char *(*get)(void *arg, const char *name), void *arg,
		const char *token, const char *install, const char *accept, const char *client,
		const char *body, size_t len, struct api_reply *r)
{
	int post = strcmp(method, "POST") == 0;
	/* HEAD is GET without the body (libmicrohttpd leaves it out) */
	int getm = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	struct api_req q;

	memset(r, 0, sizeof *r);
	memset(&q, 0, sizeof q);
	if (strcmp(path, "/v1/progress") == 0 ||
	    strncmp(path, API_PROGRESS, strlen(API_PROGRESS)) == 0) {
		api_progress(a, method, path, get, arg, accept, client, r);
		return;
	}
	if (strcmp(api_route_label(path), "other") == 0) {
		api_error(r, 404, _("没有这个接口；可用的接口见 yichuangd(8)"));
		return;
	}
	if (!((post && (strcmp(path, "/v1/register") == 0 || strcmp(path, "/v1/sync/push") == 0 ||
			strcmp(path, "/v1/applications") == 0)) ||
	      (getm && (strcmp(path, "/v1/sync/pull") == 0 || strcmp(path, "/v1/ref") == 0 ||
			strcmp(path, "/metrics") == 0 || strcmp(path, "/healthz") == 0)))) {
		api_error(r, 405, _("该接口不支持这个请求方法"));
		return;
	}
	q.route = api_route_label(path);
	q.get = get;
	q.arg = arg;
	q.token = token;
	q.install = install;
	q.body = body ? body : "";
	q.len = len;
	api_run(a, &q, r);
}
