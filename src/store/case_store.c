/*
 * case_store.c — writing cases: receiving a case and appending events.
 *
 * Every clerk action is one BEGIN IMMEDIATE transaction: the case's stored
 * events are folded again, the new event is applied with casefsm_apply
 * (nothing is written when it is refused), then the event row, the
 * projection row and the outbox row are written together.  The event's
 * body (JSON) holds every field of struct case_event its type uses, so the
 * fold can always be rebuilt from the events alone (case_read.c).
 */
#include <assert.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "yichuang/catalog.h"
#include "yichuang/casestore.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "backoffice_internal.h"
#include "case_internal.h"
#include "store_internal.h"

/* Body members the fold reads; extra JSON may not repeat them. */
static const char *const case_reserved_keys[] = {
	"day", "reason", "instant", "promised_limit", "promised_unit", "deferred",
	"material", "extension_days", "decision", "delivery",
};

static const char *const receipt_words[] = {
	[RECEIPT_MISSING] = "missing",
	[RECEIPT_PAPER] = "paper",
	[RECEIPT_ELECTRONIC] = "electronic",
	[RECEIPT_FETCHED] = "fetched",
	[RECEIPT_DEFERRED] = "deferred",
};

int case_uuid(char buf[CASE_ID_MAX])
{
	unsigned char b[16];
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	size_t got = 0;

	while (fd >= 0 && got < sizeof b) {
		ssize_t r = read(fd, b + got, sizeof b - got);

		if (r <= 0)
			break;
		got += (size_t)r;
	}
	if (fd >= 0)
		close(fd);
	if (got < sizeof b)
		sqlite3_randomness((int)sizeof b, b);
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);	/* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);	/* RFC 4122 variant */
	snprintf(buf, CASE_ID_MAX,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
		 b[11], b[12], b[13], b[14], b[15]);
	return 0;
}

void case_time_text(time_t t, char *buf, size_t bufsz)
{
	struct tm tm;
	char zone[8] = "";
	size_t n;

	localtime_r(&t, &tm);
	n = strftime(buf, bufsz, "%Y-%m-%dT%H:%M:%S", &tm);
	if (strftime(zone, sizeof zone, "%z", &tm) == 5 && n + 7 <= bufsz)
		snprintf(buf + n, bufsz - n, "%.3s:%.2s", zone, zone + 3);
}

void case_time_now(char *buf, size_t bufsz)
{
	const char *clock = getenv("YICHUANG_TIME");
	char fake[16];
	int day, h, m, sec = 0, n = 0;

	case_time_text(time(NULL), buf, bufsz);
	/* YICHUANG_TODAY (training, tests) moves the date, not the clock:
	 * an event of "today" is dated today at the time it happened. */
	day = date_today();
	if (getenv("YICHUANG_TODAY") && bufsz > 10 && strlen(buf) >= 10) {
		date_format(day, fake, sizeof fake);
		memcpy(buf, fake, 10);
	}
	/* YICHUANG_TIME=HH:MM[:SS] (tests) fixes the time of day too. */
	if (clock && strlen(buf) >= 19 &&
	    (sscanf(clock, "%2d:%2d:%2d%n", &h, &m, &sec, &n) == 3 ||
	     sscanf(clock, "%2d:%2d%n", &h, &m, &n) == 2) &&
	    clock[n] == '\0' && h >= 0 && h < 24 && m >= 0 && m < 60 && sec >= 0 && sec < 60) {
		char hms[16];

		snprintf(hms, sizeof hms, "%02d:%02d:%02d", h, m, sec);
		memcpy(buf + 11, hms, 8);
	}
}

int case_bind_day(sqlite3_stmt *stmt, int idx, int day)
{
	char buf[16];

	if (day <= 0)
		return sqlite3_bind_null(stmt, idx);
	date_format(day, buf, sizeof buf);
	return sqlite3_bind_text(stmt, idx, buf, -1, SQLITE_TRANSIENT);
}

void case_intake_from_item(struct case_intake *in, const struct catalog_item *it,
			   int version)
{
	in->item_code = it->code;
	in->item_name = it->name;
	in->catalog_version = version;
	in->instant = it->kind == ITEM_INSTANT;
	in->promised_limit = it->promised_limit;
	in->promised_unit = it->promised_unit;
}

/* ---- building bodies ----------------------------------------------------- */

/* cJSON builders that remember a failed allocation. */
struct cbuild {
	int oom;
};

static void cb_add(struct cbuild *b, cJSON *obj, const char *key, cJSON *val)
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

static void cb_str(struct cbuild *b, cJSON *obj, const char *key, const char *s)
{
	cb_add(b, obj, key, s ? cJSON_CreateString(s) : cJSON_CreateNull());
}

static void cb_num(struct cbuild *b, cJSON *obj, const char *key, double v)
{
	cb_add(b, obj, key, cJSON_CreateNumber(v));
}

static void cb_day(struct cbuild *b, cJSON *obj, const char *key, int day)
{
	char buf[16];

	cb_str(b, obj, key, day > 0 ? date_format(day, buf, sizeof buf) : NULL);
}

/* Adds the members the fold needs, for e's type; `after` is the fold
 * with e applied (for the 容缺 due dates). */
static void case_body_fold_fields(struct cbuild *b, cJSON *o, const struct case_event *e,
				  const struct case_fold *after)
{
	cb_day(b, o, "day", e->day);
	switch (e->type) {
	case CASE_EV_RECEIVED:
		cb_add(b, o, "instant", cJSON_CreateBool(e->instant != 0));
		cb_num(b, o, "promised_limit", e->instant ? 0 : e->promised_limit);
		cb_str(b, o, "promised_unit",
		       e->promised_unit == LIMIT_DAYS ? "days" : "workdays");
		break;
	case CASE_EV_ACCEPTED:
	case CASE_EV_CORRECTION_SUPPLIED: {
		cJSON *a = cJSON_CreateArray();

		for (size_t i = 0; a && i < e->ndeferred; i++) {
			cJSON *d = cJSON_CreateObject();
			int due = 0;

			for (size_t j = 0; j < after->ndeferred; j++)
				if (strcmp(after->deferred[j].material, e->deferred[i].material) == 0)
					due = after->deferred[j].due_on;
			cb_str(b, d, "material", e->deferred[i].material);
			cb_num(b, d, "days", e->deferred[i].days);
			cb_day(b, d, "due", due);
			cb_add(b, a, NULL, d);
		}
		cb_add(b, o, "deferred", a);
		break;
	}
	case CASE_EV_DEFERRED_SUPPLIED:
		cb_str(b, o, "material", e->material);
		break;
	case CASE_EV_EXTENDED:
		cb_num(b, o, "extension_days", e->extension_days);
		break;
	case CASE_EV_DECIDED:
		cb_str(b, o, "decision", casefsm_decision_name(e->decision));
		break;
	case CASE_EV_DELIVERED:
		cb_str(b, o, "delivery", casefsm_delivery_name(e->delivery));
		break;
	default:
		break;
	}
	if (e->reason)
		cb_str(b, o, "reason", e->reason);
}

/* Moves the members of extra_json (an object) into o.  -1 with a message
 * when it is not an object or repeats a reserved member. */
static int case_body_merge(cJSON *o, const char *extra_json, char *err, size_t errsz)
{
	cJSON *extra, *m;

	if (!extra_json || !*extra_json)
		return 0;
	extra = cJSON_Parse(extra_json);
	if (!extra || !cJSON_IsObject(extra)) {
		cJSON_Delete(extra);
		return yc_seterr(err, errsz, _("事件的附加内容不是 JSON 对象：%.60s"), extra_json);
	}
	for (m = extra->child; m; m = m->next) {
		for (size_t i = 0; i < sizeof case_reserved_keys / sizeof case_reserved_keys[0]; i++)
			if (m->string && strcmp(m->string, case_reserved_keys[i]) == 0) {
				yc_seterr(err, errsz,
					  _("事件的附加内容不能含有字段“%s”：它由事件本身给出"),
					  m->string);
				cJSON_Delete(extra);
				return -1;
			}
		if (cJSON_GetObjectItemCaseSensitive(o, m->string)) {
			yc_seterr(err, errsz, _("事件的附加内容与事件字段“%s”重复"), m->string);
			cJSON_Delete(extra);
			return -1;
		}
	}
	while (extra->child) {
		cJSON *item = extra->child;
		char *key = yc_strdup(item->string);

		cJSON_DetachItemViaPointer(extra, item);
		if (!key || !cJSON_AddItemToObject(o, key, item)) {
			free(key);
			cJSON_Delete(item);
			cJSON_Delete(extra);
			return yc_seterr(err, errsz, _("内存不足"));
		}
		free(key);
	}
	cJSON_Delete(extra);
	return 0;
}

static cJSON *case_party_json(struct cbuild *b, const struct case_party *p)
{
	cJSON *o = cJSON_CreateObject();

	cb_str(b, o, "kind", p->org ? "org" : "person");
	cb_str(b, o, "name", p->name);
	cb_str(b, o, "id_no", p->id_no);
	cb_str(b, o, "phone", p->phone);
	return o;
}

/* The intake part of a received event's body. */
static void case_body_intake(struct cbuild *b, cJSON *o, const struct case_intake *in)
{
	cJSON *fields = cJSON_CreateObject();
	cJSON *sits = cJSON_CreateArray();
	cJSON *mats = cJSON_CreateArray();

	cb_str(b, o, "item_code", in->item_code);
	cb_num(b, o, "catalog_version", in->catalog_version);
	cb_str(b, o, "item_name", in->item_name ? in->item_name : "");
	cb_add(b, o, "applicant", case_party_json(b, &in->applicant));
	if (in->agent)
		cb_add(b, o, "agent", case_party_json(b, in->agent));
	for (size_t i = 0; fields && i < in->nfields; i++)
		cb_str(b, fields, in->fields[i].key, in->fields[i].value);
	cb_add(b, o, "fields", fields);
	for (size_t i = 0; sits && i < in->nsituations; i++)
		cb_str(b, sits, NULL, in->situations[i]);
	cb_add(b, o, "situations", sits);
	for (size_t i = 0; mats && i < in->nmaterials; i++) {
		const struct case_material_receipt *r = &in->materials[i];
		cJSON *m = cJSON_CreateObject();

		cb_str(b, m, "id", r->id);
		cb_str(b, m, "receipt", (unsigned)r->receipt <= RECEIPT_DEFERRED
		       ? receipt_words[r->receipt] : "missing");
		cb_num(b, m, "originals", r->originals);
		cb_num(b, m, "copies", r->copies);
		cb_add(b, m, "nonconforming", cJSON_CreateBool(r->nonconforming != 0));
		cb_str(b, m, "note", r->note);
		cb_add(b, mats, NULL, m);
	}
	cb_add(b, o, "materials", mats);
	cb_str(b, o, "channel", in->channel ? in->channel : "window");
}

/* ---- writing ------------------------------------------------------------- */

/* Rewrites the projection row of case_id from the fold. */
int case_project(struct store *st, const char *case_id, const struct case_fold *f,
		 int last_seq, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc;

	if (store_prepare(st,
			  "UPDATE cases SET state = ?2, accepted_on = ?3, promised_on = ?4,"
			  " decided_on = ?5, delivered_on = ?6, provisional = ?7, last_seq = ?8,"
			  " correction_due_on = ?9, result_due_on = ?10, deliver_due_on = ?11,"
			  " closed_on = ?12, deemed_accepted = ?13, received_on = ?14,"
			  " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
			  " WHERE id = ?1", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, casefsm_state_name(f->state), -1, SQLITE_STATIC);
	case_bind_day(q, 3, f->accepted_on);
	case_bind_day(q, 4, f->promised_on);
	case_bind_day(q, 5, f->decided_on);
	case_bind_day(q, 6, f->delivered_on);
	sqlite3_bind_int(q, 7, f->provisional ? 1 : 0);
	sqlite3_bind_int(q, 8, last_seq);
	case_bind_day(q, 9, f->correction_deadline);
	case_bind_day(q, 10, f->result_due_on);
	case_bind_day(q, 11, f->deliver_due_on);
	case_bind_day(q, 12, f->closed_on);
	sqlite3_bind_int(q, 13, f->deemed_accepted ? 1 : 0);
	case_bind_day(q, 14, f->received_on);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE || sqlite3_changes(st->db) != 1)
		return store_dberr(st, _("更新办件状态失败"), err, errsz);
	return 0;
}

/* Inserts the event row and its outbox row. */
static int case_insert_event(struct store *st, const char *case_id, int seq,
			     enum case_event_type type, const char *actor,
			     const char *body, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	char id[CASE_ID_MAX], at[40];
	int rc;

	case_uuid(id);
	case_time_now(at, sizeof at);
	if (store_prepare(st,
			  "INSERT INTO events (id, case_id, seq, type, at, actor, body)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, case_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(q, 3, seq);
	sqlite3_bind_text(q, 4, casefsm_event_name(type), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 6, actor, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 7, body, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_dberr(st, _("保存办件事件失败"), err, errsz);
	if (store_prepare(st, "INSERT INTO outbox (event_id) VALUES (?1)", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_dberr(st, _("把事件放入待上传队列失败"), err, errsz);
	return 0;
}

/* The body text of e (with intake or extra members); NULL with a message. */
static char *case_body_text(const struct case_event *e, const struct case_fold *after,
			    const struct case_intake *in, const char *extra_json,
			    char *err, size_t errsz)
{
	struct cbuild b = { 0 };
	cJSON *o = cJSON_CreateObject();
	char *text;

	if (!o) {
		yc_seterr(err, errsz, _("内存不足"));
		return NULL;
	}
	case_body_fold_fields(&b, o, e, after);
	if (in)
		case_body_intake(&b, o, in);
	if (b.oom) {
		cJSON_Delete(o);
		yc_seterr(err, errsz, _("内存不足"));
		return NULL;
	}
	if (case_body_merge(o, extra_json, err, errsz) != 0) {
		cJSON_Delete(o);
		return NULL;
	}
	text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!text)
		yc_seterr(err, errsz, _("内存不足"));
	return text;
}

static int has_text(const char *s)
{
	return s && *s;
}

/* Checks what the received event needs beyond the state machine. */
static int case_intake_check(const struct case_intake *in, const char *actor,
			     char *err, size_t errsz)
{
	if (!has_text(actor))
		return yc_seterr(err, errsz, _("没有登记经办人（用户名）"));
	if (!has_text(in->item_code))
		return yc_seterr(err, errsz, _("接件没有指定事项编码"));
	if (in->catalog_version < 1)
		return yc_seterr(err, errsz, _("接件没有指定事项目录版本"));
	if (!has_text(in->applicant.name))
		return yc_seterr(err, errsz, _("接件须登记申请人姓名或名称"));
	if (in->agent && !has_text(in->agent->name))
		return yc_seterr(err, errsz, _("登记了代理人，但没有代理人姓名"));
	for (size_t i = 0; i < in->nfields; i++)
		if (!has_text(in->fields[i].key))
			return yc_seterr(err, errsz, _("第 %zu 个表单字段没有字段名"), i + 1);
	for (size_t i = 0; i < in->nmaterials; i++)
		if (!has_text(in->materials[i].id) ||
		    (unsigned)in->materials[i].receipt > RECEIPT_DEFERRED)
			return yc_seterr(err, errsz, _("第 %zu 项材料没有编号或收取方式无效"), i + 1);
	return 0;
}

/* Copies an ID number with a lowercase x made uppercase (GB 11643). */
static char *case_id_no_copy(const char *s)
{
	char *p = s ? yc_strdup(s) : NULL;

	for (char *c = p; c && *c; c++)
		if (*c == 'x')
			*c = 'X';
	return p;
}

int case_receive(struct store *st, const struct calendar *cal,
		 const struct case_intake *in, const char *actor,
		 char id[CASE_ID_MAX], char number[CASENO_TEXT_MAX],
		 char *err, size_t errsz)
{
	struct case_event e;
	struct case_fold f;
	sqlite3_stmt *q = NULL;
	char site[32], *body = NULL, *id_no = NULL;
	int terminal = 0, seq = 0, rc;

	assert(st && cal && in);
	if (case_intake_check(in, actor, err, errsz) != 0)
		return -1;
	memset(&e, 0, sizeof e);
	e.type = CASE_EV_RECEIVED;
	e.day = in->day;
	e.instant = in->instant;
	e.promised_limit = in->promised_limit;
	e.promised_unit = in->promised_unit;
	casefsm_init(&f);
	if (casefsm_apply(&f, &e, cal, err, errsz) != 0)
		return -1;
	body = case_body_text(&e, &f, in, in->extra_json, err, errsz);
	if (!body)
		return -1;
	id_no = case_id_no_copy(in->applicant.id_no);
	if (in->applicant.id_no && !id_no) {
		free(body);
		return yc_seterr(err, errsz, _("内存不足"));
	}

	rc = store_terminal(st, site, sizeof site, &terminal);
	if (rc != 1) {
		if (rc == 0)
			yc_seterr(err, errsz,
				  _("数据库 %s 尚未初始化工作站身份，不能编办件号；"
				    "请先运行 yichuang init --site 站点代码 --terminal 终端号"),
				  st->path);
		else
			store_dberr(st, _("读取工作站身份失败"), err, errsz);
		goto fail_free;
	}
	/* The number is taken (and committed) first: a number is never
	 * handed out twice, at worst one is skipped. */
	if (store_next_case_seq(st, in->day, &seq, err, errsz) != 0 ||
	    caseno_format(site, terminal, in->day, (unsigned long)seq, number,
			  CASENO_TEXT_MAX, err, errsz) != 0)
		goto fail_free;
	if (in->id)
		snprintf(id, CASE_ID_MAX, "%s", in->id);
	else
		case_uuid(id);

	if (store_begin(st, err, errsz) != 0)
		goto fail_free;
	if (store_prepare(st,
			  "INSERT INTO cases (id, number, item_code, item_name, catalog_version,"
			  " state, applicant_kind, applicant_name, applicant_id_no, phone,"
			  " received_on, channel) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
			  " ?10, ?11, ?12)", &q, err, errsz) != 0)
		goto fail;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, in->item_code, -1, SQLITE_TRANSIENT);
	store_bind_text(q, 4, in->item_name);
	sqlite3_bind_int(q, 5, in->catalog_version);
	sqlite3_bind_text(q, 6, casefsm_state_name(f.state), -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 7, in->applicant.org ? 2 : 1);	/* enum item_target */
	sqlite3_bind_text(q, 8, in->applicant.name, -1, SQLITE_TRANSIENT);
	store_bind_text(q, 9, id_no);
	store_bind_text(q, 10, in->applicant.phone);
	case_bind_day(q, 11, in->day);
	sqlite3_bind_text(q, 12, in->channel ? in->channel : "window", -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		store_dberr(st, _("保存办件失败"), err, errsz);
		goto fail;
	}
	if (case_insert_event(st, id, 1, CASE_EV_RECEIVED, actor, body, err, errsz) != 0 ||
	    case_project(st, id, &f, 1, err, errsz) != 0)
		goto fail;
	free(body);
	free(id_no);
	return store_commit(st, err, errsz);
fail:
	store_rollback(st);
fail_free:
	free(body);
	free(id_no);
	return -1;
}

int case_append_event(struct store *st, const struct calendar *cal, const char *ref,
		      const struct case_event *e, const char *extra_json,
		      const char *actor, enum case_state *state,
		      char *err, size_t errsz)
{
	struct case_fold f;
	char id[CASE_ID_MAX], *body = NULL;
	int last_seq = 0, rc;

	assert(st && cal && e);
	if (!has_text(actor))
		return yc_seterr(err, errsz, _("没有登记经办人（用户名）"));
	if (e->type == CASE_EV_RECEIVED)
		return yc_seterr(err, errsz, _("接件须通过接件登记（case_receive）办理"));
	rc = case_find(st, ref, id, err, errsz);
	if (rc == 0)
		return yc_seterr(err, errsz, _("没有编号为 %s 的办件"), ref ? ref : "");
	if (rc != 1)
		return -1;
	/* 撤件 is the applicant's, at the counter: a clerk (or an
	 * administrator) records it with the reason, whatever screen or
	 * command asks. */
	if (e->type == CASE_EV_WITHDRAWN && bo_may_withdraw(st, actor, e->reason, err, errsz) != 0)
		return -1;
	if (case_fold_events(st, cal, id, &f, &last_seq, NULL, NULL, err, errsz) != 0 ||
	    casefsm_apply(&f, e, cal, err, errsz) != 0)
		return -1;
	body = case_body_text(e, &f, NULL, extra_json, err, errsz);
	if (!body ||
	    case_insert_event(st, id, last_seq + 1, e->type, actor, body, err, errsz) != 0 ||
	    case_project(st, id, &f, last_seq + 1, err, errsz) != 0) {
		free(body);
		return -1;
	}
	free(body);
	if (state)
		*state = f.state;
	return 0;
}

int case_apply_event(struct store *st, const struct calendar *cal, const char *ref,
		     const struct case_event *e, const char *extra_json,
		     const char *actor, enum case_state *state,
		     char *err, size_t errsz)
{
	enum case_state s;

	assert(st && cal && e);
	if (store_begin(st, err, errsz) != 0)
		return -1;
	if (case_append_event(st, cal, ref, e, extra_json, actor, &s, err, errsz) != 0) {
		store_rollback(st);
		return -1;
	}
	if (store_commit(st, err, errsz) != 0)
		return -1;
	if (state)
		*state = s;
	return 0;
}
