/*
 * codec.c — JSON of sync protocol v1: events, push requests and answers,
 * pull pages (codec.h; registration, reference data and error bodies are
 * in codec_ref.c).
 * Shared by yichuangd and the workstation's sync client; cJSON only.
 */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "yichuang/caseno.h"
#include "yichuang/codec.h"
#include "yichuang/date.h"
#include "yichuang/util.h"
#include "codec_internal.h"

/* ---- small helpers ------------------------------------------------------- */

const char *codec_text(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

int codec_int(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? v->valueint : 0;
}

/* An integral JSON number >= 0 into *out; -1 when absent or not one. */
int codec_count(const cJSON *o, const char *key, long long *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 9.0e15 ||
	    (double)(long long)v->valuedouble != v->valuedouble)
		return -1;
	*out = (long long)v->valuedouble;
	return 0;
}

void cjb_add(struct cjb *b, cJSON *obj, const char *key, cJSON *val)
{
	if (!val || !obj) {
		cJSON_Delete(val);
		b->oom = 1;
		return;
	}
	if (key ? !cJSON_AddItemToObject(obj, key, val) : !cJSON_AddItemToArray(obj, val)) {
		cJSON_Delete(val);
		b->oom = 1;
	}
}

void cjb_str(struct cjb *b, cJSON *obj, const char *key, const char *s)
{
	cjb_add(b, obj, key, s ? cJSON_CreateString(s) : cJSON_CreateNull());
}

void cjb_num(struct cjb *b, cJSON *obj, const char *key, double v)
{
	cjb_add(b, obj, key, cJSON_CreateNumber(v));
}

/* Prints root (unformatted) and deletes it; NULL when a builder failed. */
char *cjb_finish(struct cjb *b, cJSON *root)
{
	char *s = NULL;

	if (root && !b->oom)
		s = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	return s;
}

void codec_free_str(char **p)
{
	free(*p);
	*p = NULL;
}

/* ---- events -------------------------------------------------------------- */

void codec_event_clear(struct codec_event *ev)
{
	if (!ev)
		return;
	codec_free_str(&ev->case_number);
	codec_free_str(&ev->at);
	codec_free_str(&ev->actor);
	codec_free_str(&ev->body);
	codec_free_str(&ev->terminal);
	memset(ev, 0, sizeof *ev);
}

void codec_events_free(struct codec_event *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		codec_event_clear(&v[i]);
	free(v);
}

int codec_uuid_valid(const char *s)
{
	size_t i;

	if (!s || strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!isxdigit((unsigned char)s[i])) {
			return 0;
		}
	}
	return 1;
}

/* n ASCII digits at s. */
static int codec_digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* 1 for YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM) with a real date. */
static int codec_time_valid(const char *s)
{
	char date[11];
	const char *p;
	int day;

	if (!s || strlen(s) < 20)
		return 0;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (date[4] != '-' || date[7] != '-' || date_parse(date, &day) != 0)
		return 0;
	if (s[10] != 'T' || !codec_digits(s + 11, 2) || s[13] != ':' ||
	    !codec_digits(s + 14, 2) || s[16] != ':' || !codec_digits(s + 17, 2))
		return 0;
	if (atoi(s + 11) > 23 || atoi(s + 14) > 59 || atoi(s + 17) > 60)
		return 0;
	p = s + 19;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (strcmp(p, "Z") == 0)
		return 1;
	return (*p == '+' || *p == '-') && strlen(p) == 6 && codec_digits(p + 1, 2) &&
	       p[3] == ':' && codec_digits(p + 4, 2) && atoi(p + 1) <= 14;
}

/* codec_event_check but for the body. */
static int codec_event_check_fields(const struct codec_event *ev, char *err, size_t errsz)
{
	char cerr[256];

	if (!codec_uuid_valid(ev->id))
		return yc_seterr(err, errsz, _("事件编号（id）不是 UUID"));
	if (!codec_uuid_valid(ev->case_id))
		return yc_seterr(err, errsz, _("办件标识（case_id）不是 UUID"));
	if (!ev->case_number ||
	    caseno_parse(ev->case_number, NULL, cerr, sizeof cerr) != CASENO_OK)
		return yc_seterr(err, errsz, _("办件编号（case_number）无效：%s"),
				 ev->case_number ? cerr : _("缺少"));
	if ((unsigned)ev->type >= CASE_EVENT_COUNT)
		return yc_seterr(err, errsz, _("事件类型（type）未知"));
	if (!codec_time_valid(ev->at))
		return yc_seterr(err, errsz,
				 _("事件时间（at）应为 YYYY-MM-DDTHH:MM:SS+08:00 形式"));
	if (!ev->actor || !*ev->actor)
		return yc_seterr(err, errsz, _("缺少经办人（actor）"));
	if (!ev->body)
		return yc_seterr(err, errsz, _("事件内容（body）应为 JSON 对象"));
	return 0;
}

int codec_event_check(const struct codec_event *ev, char *err, size_t errsz)
{
	cJSON *body;

	if (codec_event_check_fields(ev, err, errsz) != 0)
		return -1;
	body = cJSON_Parse(ev->body);
	if (!cJSON_IsObject(body)) {
		cJSON_Delete(body);
		return yc_seterr(err, errsz, _("事件内容（body）应为 JSON 对象"));
	}
	cJSON_Delete(body);
	return 0;
}

static int codec_streq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

int codec_event_same(const struct codec_event *a, const struct codec_event *b)
{
	cJSON *ba, *bb;
	int same;

	if (strcmp(a->id, b->id) != 0 || strcmp(a->case_id, b->case_id) != 0 ||
	    a->type != b->type || !codec_streq(a->case_number, b->case_number) ||
	    !codec_streq(a->at, b->at) || !codec_streq(a->actor, b->actor))
		return 0;
	if (codec_streq(a->body, b->body))
		return 1;
	ba = a->body ? cJSON_Parse(a->body) : NULL;
	bb = b->body ? cJSON_Parse(b->body) : NULL;
	same = ba && bb && cJSON_Compare(ba, bb, 1);
	cJSON_Delete(ba);
	cJSON_Delete(bb);
	return same;
}

/* Adds the members of ev to object o (seq and terminal only when known). */
/* 1 when text is braced like a JSON object: the bodies written here come
 * from databases that hold valid JSON only (the workstation's events
 * table checks json_valid; central stores what cJSON printed), so they go
 * into a message as they are, without being parsed and printed again. */
static int codec_braced(const char *text)
{
	size_t n;

	while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
		text++;
	n = strlen(text);
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t' || text[n - 1] == '\n' ||
			 text[n - 1] == '\r'))
		n--;
	return n >= 2 && text[0] == '{' && text[n - 1] == '}';
}

static void codec_event_members(struct cjb *b, cJSON *o, const struct codec_event *ev)
{
	cJSON *body = !ev->body ? cJSON_CreateObject()
		      : codec_braced(ev->body) ? cJSON_CreateRaw(ev->body) : cJSON_Parse(ev->body);

	cjb_str(b, o, "id", ev->id);
	cjb_str(b, o, "case_id", ev->case_id);
	cjb_str(b, o, "case_number", ev->case_number);
	cjb_str(b, o, "type", casefsm_event_name(ev->type));
	cjb_str(b, o, "at", ev->at);
	cjb_str(b, o, "actor", ev->actor);
	if (ev->seq > 0)
		cjb_num(b, o, "seq", (double)ev->seq);
	if (ev->terminal)
		cjb_str(b, o, "terminal", ev->terminal);
	cjb_add(b, o, "body", body);
}

/* Copies a string member into *dst; -1 only when out of memory. */
static int codec_dup_member(const cJSON *o, const char *key, char **dst)
{
	const char *s = codec_text(o, key);

	*dst = NULL;
	if (!s)
		return 0;
	*dst = yc_strdup(s);
	return *dst ? 0 : -1;
}

/* Reads one event object.  The id is copied first (when it is a
 * string of the right size) so that a refusal can name the event. */
static int codec_event_read(const cJSON *o, struct codec_event *ev, char *err, size_t errsz)
{
	const char *s;
	const cJSON *body;
	int t;

	memset(ev, 0, sizeof *ev);
	if (!cJSON_IsObject(o))
		return yc_seterr(err, errsz, _("事件应为 JSON 对象"));
	s = codec_text(o, "id");
	if (s && strlen(s) < CODEC_UUID_MAX)
		snprintf(ev->id, sizeof ev->id, "%s", s);
	s = codec_text(o, "case_id");
	if (s && strlen(s) < CODEC_UUID_MAX)
		snprintf(ev->case_id, sizeof ev->case_id, "%s", s);
	s = codec_text(o, "type");
	t = s ? casefsm_event_from_name(s) : -1;
	if (t < 0)
		return yc_seterr(err, errsz, _("事件类型（type）未知：%.40s"), s ? s : "");
	ev->type = (enum case_event_type)t;
	if (codec_dup_member(o, "case_number", &ev->case_number) != 0 ||
	    codec_dup_member(o, "at", &ev->at) != 0 ||
	    codec_dup_member(o, "actor", &ev->actor) != 0 ||
	    codec_dup_member(o, "terminal", &ev->terminal) != 0)
		return yc_seterr(err, errsz, _("内存不足"));
	body = cJSON_GetObjectItemCaseSensitive(o, "body");
	if (cJSON_IsObject(body)) {
		ev->body = cJSON_PrintUnformatted(body);
		if (!ev->body)
			return yc_seterr(err, errsz, _("内存不足"));
	}
	if (cJSON_GetObjectItemCaseSensitive(o, "seq") &&
	    codec_count(o, "seq", &ev->seq) != 0)
		return yc_seterr(err, errsz, _("服务器序号（seq）应为非负整数"));
	/* the body was read as an object: checking it needs no new parse */
	return codec_event_check_fields(ev, err, errsz);
}

/* ---- the fold's view of a body ------------------------------------------- */

int codec_fold_event(const char *body_json, enum case_event_type type,
		     struct case_event *e, struct case_deferral *defs,
		     void **holder, char *err, size_t errsz)
{
	cJSON *body = body_json ? cJSON_Parse(body_json) : NULL;
	const char *day, *s;
	const cJSON *a, *d;
	int v;

	memset(e, 0, sizeof *e);
	*holder = NULL;
	if (!cJSON_IsObject(body)) {
		cJSON_Delete(body);
		return yc_seterr(err, errsz, _("事件内容（body）应为 JSON 对象"));
	}
	e->type = type;
	day = codec_text(body, "day");
	if (!day || date_parse(day, &e->day) != 0) {
		cJSON_Delete(body);
		return yc_seterr(err, errsz, _("事件没有有效的日期（day，YYYY-MM-DD）"));
	}
	e->reason = codec_text(body, "reason");
	e->instant = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(body, "instant"));
	e->promised_limit = codec_int(body, "promised_limit");
	s = codec_text(body, "promised_unit");
	e->promised_unit = s && strcmp(s, "days") == 0 ? LIMIT_DAYS : LIMIT_WORKDAYS;
	e->material = codec_text(body, "material");
	e->extension_days = codec_int(body, "extension_days");
	s = codec_text(body, "decision");
	v = s ? casefsm_decision_from_name(s) : -1;
	if (v >= 0)
		e->decision = (enum case_decision)v;
	s = codec_text(body, "delivery");
	v = s ? casefsm_delivery_from_name(s) : -1;
	if (v >= 0)
		e->delivery = (enum case_delivery)v;
	a = cJSON_GetObjectItemCaseSensitive(body, "deferred");
	cJSON_ArrayForEach(d, a) {
		if (e->ndeferred > CASEFSM_MAX_DEFERRED)
			break;
		defs[e->ndeferred].material = codec_text(d, "material");
		defs[e->ndeferred].days = codec_int(d, "days");
		e->ndeferred++;
	}
	e->deferred = e->ndeferred ? defs : NULL;
	*holder = body;
	return 0;
}

void codec_fold_free(void *holder)
{
	cJSON_Delete(holder);
}

/* ---- push ---------------------------------------------------------------- */

char *codec_push_request(const char *key, const struct codec_event *ev, size_t n)
{
	struct cjb b = { 0 };
	cJSON *root = cJSON_CreateObject();
	cJSON *arr = cJSON_CreateArray();

	cjb_str(&b, root, "key", key);
	for (size_t i = 0; arr && i < n; i++) {
		cJSON *o = cJSON_CreateObject();

		codec_event_members(&b, o, &ev[i]);
		cjb_add(&b, arr, NULL, o);
	}
	cjb_add(&b, root, "events", arr);
	return cjb_finish(&b, root);
}

void codec_push_items_free(struct codec_push_item *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		codec_event_clear(&v[i].ev);
	free(v);
}

int codec_push_parse(const char *text, char key[CODEC_UUID_MAX],
		     struct codec_push_item **items, size_t *n,
		     char *err, size_t errsz)
{
	cJSON *root = text ? cJSON_Parse(text) : NULL;
	const cJSON *arr, *o;
	const char *k;
	struct codec_push_item *v;
	size_t count, i = 0;

	*items = NULL;
	*n = 0;
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return yc_seterr(err, errsz, _("请求不是有效的 JSON 对象"));
	}
	k = codec_text(root, "key");
	if (!codec_uuid_valid(k)) {
		cJSON_Delete(root);
		return yc_seterr(err, errsz, _("批次编号（key）应为 UUID"));
	}
	arr = cJSON_GetObjectItemCaseSensitive(root, "events");
	if (!cJSON_IsArray(arr)) {
		cJSON_Delete(root);
		return yc_seterr(err, errsz, _("缺少事件数组（events）"));
	}
	count = (size_t)cJSON_GetArraySize(arr);
	if (count > CODEC_MAX_EVENTS) {
		cJSON_Delete(root);
		return yc_seterr(err, errsz, _("一批最多 %d 个事件，收到 %zu 个"),
				 CODEC_MAX_EVENTS, count);
	}
	v = calloc(count ? count : 1, sizeof *v);
	if (!v) {
		cJSON_Delete(root);
		return yc_seterr(err, errsz, _("内存不足"));
	}
	cJSON_ArrayForEach(o, arr) {
		assert(i < count);
		v[i].ok = codec_event_read(o, &v[i].ev, v[i].reason, sizeof v[i].reason) == 0;
		if (!v[i].ok && strcmp(v[i].reason, _("内存不足")) == 0) {
			codec_push_items_free(v, i + 1);
			cJSON_Delete(root);
			return yc_seterr(err, errsz, _("内存不足"));
		}
		i++;
	}
	snprintf(key, CODEC_UUID_MAX, "%s", k);
	cJSON_Delete(root);
	*items = v;
	*n = count;
	return 0;
}

static const char *const codec_status_names[] = {
	"accepted", "duplicate", "conflict", "invalid"
};

const char *codec_status_name(enum codec_status s)
{
	return (unsigned)s <= CODEC_INVALID ? codec_status_names[s] : "invalid";
}

int codec_status_from_name(const char *name)
{
	for (int i = 0; name && i <= CODEC_INVALID; i++)
		if (strcmp(name, codec_status_names[i]) == 0)
			return i;
	return -1;
}

char *codec_push_response(const struct codec_result *r, size_t n)
{
	struct cjb b = { 0 };
	cJSON *root = cJSON_CreateObject();
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; arr && i < n; i++) {
		cJSON *o = cJSON_CreateObject();

		cjb_str(&b, o, "id", r[i].id);
		cjb_str(&b, o, "status", codec_status_name(r[i].status));
		switch (r[i].status) {
		case CODEC_ACCEPTED:
		case CODEC_DUPLICATE:
			cjb_num(&b, o, "seq", (double)r[i].seq);
			break;
		case CODEC_CONFLICT:
			cjb_str(&b, o, "state", r[i].state);
			cjb_str(&b, o, "reason", r[i].reason);
			break;
		case CODEC_INVALID:
			cjb_str(&b, o, "reason", r[i].reason);
			break;
		}
		cjb_add(&b, arr, NULL, o);
	}
	cjb_add(&b, root, "results", arr);
	return cjb_finish(&b, root);
}

int codec_push_response_parse(const char *text, struct codec_result **r, size_t *n,
			      char *err, size_t errsz)
{
	cJSON *root = text ? cJSON_Parse(text) : NULL;
	const cJSON *arr, *o;
	struct codec_result *v;
	size_t count, i = 0;

	*r = NULL;
	*n = 0;
	arr = cJSON_GetObjectItemCaseSensitive(root, "results");
	if (!cJSON_IsArray(arr)) {
		cJSON_Delete(root);
		return yc_seterr(err, errsz, _("服务器的应答没有结果数组（results）"));
	}
	count = (size_t)cJSON_GetArraySize(arr);
	v = calloc(count ? count : 1, sizeof *v);
	if (!v) {
		cJSON_Delete(root);
		return yc_seterr(err, errsz, _("内存不足"));
	}
	cJSON_ArrayForEach(o, arr) {
		const char *id = codec_text(o, "id");
		const char *st = codec_text(o, "status");
		int s = codec_status_from_name(st);

		if (s < 0) {
			free(v);
			cJSON_Delete(root);
			return yc_seterr(err, errsz, _("服务器的应答第 %zu 项的状态（status）未知：%.30s"),
					 i + 1, st ? st : "");
		}
		snprintf(v[i].id, sizeof v[i].id, "%s", id ? id : "");
		v[i].status = (enum codec_status)s;
		if ((s == CODEC_ACCEPTED || s == CODEC_DUPLICATE) &&
		    (codec_count(o, "seq", &v[i].seq) != 0 || v[i].seq <= 0)) {
			free(v);
			cJSON_Delete(root);
			return yc_seterr(err, errsz, _("服务器的应答第 %zu 项缺少序号（seq）"), i + 1);
		}
		snprintf(v[i].state, sizeof v[i].state, "%s",
			 codec_text(o, "state") ? codec_text(o, "state") : "");
		snprintf(v[i].reason, sizeof v[i].reason, "%s",
			 codec_text(o, "reason") ? codec_text(o, "reason") : "");
		utf8_trim_partial(v[i].reason);
		i++;
	}
	cJSON_Delete(root);
	*r = v;
	*n = count;
	return 0;
}

/* ---- pull ---------------------------------------------------------------- */

char *codec_pull_response(const struct codec_event *ev, size_t n, long long next,
			  int more)
{
	struct cjb b = { 0 };
	cJSON *root = cJSON_CreateObject();
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; arr && i < n; i++) {
		cJSON *o = cJSON_CreateObject();

		codec_event_members(&b, o, &ev[i]);
		cjb_add(&b, arr, NULL, o);
	}
	cjb_add(&b, root, "events", arr);
	cjb_num(&b, root, "next", (double)next);
	cjb_add(&b, root, "more", cJSON_CreateBool(more != 0));
	return cjb_finish(&b, root);
}

int codec_pull_parse(const char *text, struct codec_event **ev, size_t *n,
		     long long *next, int *more, char *err, size_t errsz)
{
	cJSON *root = text ? cJSON_Parse(text) : NULL;
	const cJSON *arr, *o;
	struct codec_event *v;
	size_t count, i = 0;
	long long prev = 0;
	char why[256];

	*ev = NULL;
	*n = 0;
	arr = cJSON_GetObjectItemCaseSensitive(root, "events");
	if (!cJSON_IsArray(arr) || codec_count(root, "next", next) != 0 ||
	    !cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(root, "more"))) {
		cJSON_Delete(root);
		return yc_seterr(err, errsz,
				 _("服务器的应答应含 events、next 和 more"));
	}
	*more = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "more"));
	count = (size_t)cJSON_GetArraySize(arr);
	v = calloc(count ? count : 1, sizeof *v);
	if (!v) {
		cJSON_Delete(root);
		return yc_seterr(err, errsz, _("内存不足"));
	}
	cJSON_ArrayForEach(o, arr) {
		int bad = codec_event_read(o, &v[i], why, sizeof why) != 0;

		if (!bad && v[i].seq <= prev) {
			snprintf(why, sizeof why, "%s", _("序号（seq）应逐个递增"));
			bad = 1;
		}
		if (bad) {
			codec_events_free(v, i + 1);
			cJSON_Delete(root);
			return yc_seterr(err, errsz, _("服务器的第 %zu 个事件有误：%s"), i + 1, why);
		}
		prev = v[i].seq;
		i++;
	}
	cJSON_Delete(root);
	*ev = v;
	*n = count;
	return 0;
}
