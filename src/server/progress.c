/*
 * progress.c — the public progress query of yichuangd
 * (GET /v1/progress/CASE-NUMBER, the address in the QR code of every
 * notice): what an applicant may see of their case without logging in,
 * as JSON or as a small self-contained HTML page for a phone.
 *
 * Only the item, the state, the dates and (while in 补正) the list of
 * materials to bring are shown; the applicant's name is masked and no ID
 * number, phone or address ever leaves this file.  A token bucket per
 * client address (the caller applies it) keeps the query from being used
 * to walk through the case numbers.
 */
#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "yichuang/caseno.h"
#include "yichuang/date.h"
#include "yichuang/util.h"
#include "api_ref.h"

/* ---- rate limit ------------------------------------------------------------ */

#define RL_SLOTS 4096			/* clients remembered */
#define RL_PROBE 8			/* slots looked at per client */
#define RL_KEY 64

struct rl_slot {
	char key[RL_KEY];		/* "" when free */
	double tokens;
	double last;			/* monotonic seconds of the last refill */
};

struct ratelimit {
	pthread_mutex_t mu;
	double per_second;
	double burst;
	struct rl_slot *slot;
};

struct ratelimit *ratelimit_new(int per_minute, int burst)
{
	struct ratelimit *rl;

	assert(per_minute > 0 && burst > 0);
	rl = calloc(1, sizeof *rl);
	if (!rl)
		return NULL;
	rl->slot = calloc(RL_SLOTS, sizeof *rl->slot);
	if (!rl->slot) {
		free(rl);
		return NULL;
	}
	pthread_mutex_init(&rl->mu, NULL);
	rl->per_second = per_minute / 60.0;
	rl->burst = burst;
	return rl;
}

void ratelimit_free(struct ratelimit *rl)
{
	if (!rl)
		return;
	pthread_mutex_destroy(&rl->mu);
	free(rl->slot);
	free(rl);
}

static double rl_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* FNV-1a */
static uint32_t rl_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

/*
 * A client's slot is one of RL_PROBE neighbours of its hash.  A new
 * client takes a free one or, when all are used, the one idle longest
 * (which has refilled anyway unless the table is under a flood of
 * addresses, where forgetting someone only lets them through).
 */
int ratelimit_take(struct ratelimit *rl, const char *client, int *retry_after)
{
	char key[RL_KEY];
	struct rl_slot *s = NULL, *victim = NULL;
	double now = rl_now();
	uint32_t h;
	int ok;

	snprintf(key, sizeof key, "%s", client);
	h = rl_hash(key);
	pthread_mutex_lock(&rl->mu);
	for (int i = 0; i < RL_PROBE; i++) {
		struct rl_slot *e = &rl->slot[(h + (uint32_t)i) % RL_SLOTS];

		if (e->key[0] && strcmp(e->key, key) == 0) {
			s = e;
			break;
		}
		if (!victim || (victim->key[0] && (!e->key[0] || e->last < victim->last)))
			victim = e;
	}
	if (!s) {
		s = victim;
		snprintf(s->key, sizeof s->key, "%s", key);
		s->tokens = rl->burst;
		s->last = now;
	}
	s->tokens += (now - s->last) * rl->per_second;
	if (s->tokens > rl->burst)
		s->tokens = rl->burst;
	s->last = now;
	ok = s->tokens >= 1.0;
	if (ok)
		s->tokens -= 1.0;
	else
		*retry_after = (int)((1.0 - s->tokens) / rl->per_second) + 1;
	pthread_mutex_unlock(&rl->mu);
	return ok;
}

/* ---- masking ------------------------------------------------------------------ */

const char *progress_mask_name(const char *name, int org, char *buf, size_t bufsz)
{
	size_t off[256], len[256], n = 0, stars, keep_head, keep_tail, at = 0;
	size_t total = name ? strlen(name) : 0;

	assert(bufsz > 0);
	buf[0] = '\0';
	for (size_t i = 0; i < total && n < sizeof off / sizeof off[0];) {
		uint32_t cp;
		int l = utf8_decode(name + i, total - i, &cp);

		if (l <= 0) {
			snprintf(buf, bufsz, "*");
			return buf;
		}
		off[n] = i;
		len[n++] = (size_t)l;
		i += (size_t)l;
	}
	if (n == 0)
		return buf;
	keep_head = 1;
	keep_tail = n >= 3 ? 1 : 0;
	if (org && n > 8) {
		keep_head = 2;		/* 云岭***有限公司 */
		keep_tail = 4;
	}
	stars = n - keep_head - keep_tail;
	if (stars == 0)
		stars = 1;
	if (stars > 3)
		stars = 3;
	for (size_t i = 0; i < keep_head && at + len[i] < bufsz; i++) {
		memcpy(buf + at, name + off[i], len[i]);
		at += len[i];
	}
	for (size_t i = 0; i < stars && at + 1 < bufsz; i++)
		buf[at++] = '*';
	for (size_t i = n - keep_tail; i < n && at + len[i] < bufsz; i++) {
		memcpy(buf + at, name + off[i], len[i]);
		at += len[i];
	}
	buf[at] = '\0';
	return buf;
}

/* ---- pages ------------------------------------------------------------------------ */

/* Appends s with the five HTML special characters escaped. */
static void progress_html_text(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			sb_append(sb, "&amp;");
			break;
		case '<':
			sb_append(sb, "&lt;");
			break;
		case '>':
			sb_append(sb, "&gt;");
			break;
		case '"':
			sb_append(sb, "&quot;");
			break;
		case '\'':
			sb_append(sb, "&#39;");
			break;
		default:
			sb_appendn(sb, s, 1);
		}
	}
}

/* The head of every page, up to and with the <h1>. */
static void progress_html_head(struct strbuf *sb)
{
	sb_append(sb, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
		  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		  "<meta name=\"robots\" content=\"noindex\">\n<title>");
	progress_html_text(sb, _("办件进度查询"));
	sb_append(sb, "</title>\n<style>\n"
		  "body{font-family:sans-serif;max-width:36em;margin:0 auto;padding:1em;"
		  "line-height:1.6;color:#222;background:#fff}\n"
		  "h1{font-size:1.3em;margin:.2em 0 .6em}h2{font-size:1.1em;margin-top:1.2em}\n"
		  ".state{font-size:1.5em;font-weight:bold;color:#0b5394;margin:.3em 0}\n"
		  "table{border-collapse:collapse;width:100%}\n"
		  "th,td{text-align:left;vertical-align:top;padding:.35em .2em;"
		  "border-bottom:1px solid #ddd}\n"
		  "th{font-weight:normal;color:#555;width:7.5em}\n"
		  ".note{color:#666;font-size:.9em}.error{color:#a00;font-weight:bold}\n"
		  "</style>\n</head>\n<body>\n<h1>");
	progress_html_text(sb, _("办件进度查询"));
	sb_append(sb, "</h1>\n");
}

void progress_error(struct api_reply *r, int status, const char *msg, int html)
{
	struct strbuf sb;

	r->status = status;
	r->no_store = 1;
	if (!html) {
		r->type = NULL;
		r->body = codec_error(msg);
	} else {
		sb_init(&sb);
		progress_html_head(&sb);
		sb_append(&sb, "<p class=\"error\">");
		progress_html_text(&sb, msg);
		sb_append(&sb, "</p>\n</body>\n</html>\n");
		r->type = "text/html; charset=utf-8";
		r->body = sb_take(&sb);
	}
	if (!r->body) {
		r->status = 500;
		r->type = NULL;
		r->body = yc_strdup("{\"error\":\"内存不足\"}");
	}
}

/* What the public sees of a case. */
struct progress_view {
	const char *number;
	const char *item;
	char applicant[192];		/* masked */
	enum case_state state;
	char label[64];
	int received, accepted, promised, decided, delivered, closed;
	const cJSON *problems;		/* 补正 list while in correction, or NULL */
	const char *centre, *phone;	/* settings doc.centre, doc.phone */
};

static const char *progress_jtext(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The line of one problem of a 补正 notice: its text, else the
 * material's name. */
static const char *progress_problem_text(const cJSON *p)
{
	const char *t = progress_jtext(p, "text");

	return t && *t ? t : progress_jtext(p, "name");
}

static void progress_json_date(cJSON *o, const char *key, int day)
{
	char buf[16];

	if (day > 0)
		cJSON_AddStringToObject(o, key, date_format(day, buf, sizeof buf));
	else
		cJSON_AddNullToObject(o, key);
}

static char *progress_json(const struct progress_view *v)
{
	cJSON *o = cJSON_CreateObject(), *a, *p;
	char *text;

	if (!o)
		return NULL;
	cJSON_AddStringToObject(o, "number", v->number);
	cJSON_AddStringToObject(o, "item", v->item ? v->item : "");
	cJSON_AddStringToObject(o, "state", casefsm_state_name(v->state));
	cJSON_AddStringToObject(o, "state_label", v->label);
	cJSON_AddStringToObject(o, "applicant", v->applicant);
	progress_json_date(o, "received", v->received);
	progress_json_date(o, "accepted", v->accepted);
	progress_json_date(o, "promised", v->promised);
	progress_json_date(o, "decided", v->decided);
	progress_json_date(o, "delivered", v->delivered);
	progress_json_date(o, "closed", v->closed);
	if (v->state == CASE_CORRECTION) {
		a = cJSON_AddArrayToObject(o, "corrections");
		cJSON_ArrayForEach(p, v->problems) {
			cJSON *e = cJSON_CreateObject();
			const char *name = progress_jtext(p, "name");
			const char *t = progress_problem_text(p);

			if (!e)
				continue;
			cJSON_AddStringToObject(e, "name", name ? name : "");
			cJSON_AddStringToObject(e, "text", t ? t : "");
			cJSON_AddItemToArray(a, e);
		}
	}
	if (v->centre)
		cJSON_AddStringToObject(o, "centre", v->centre);
	if (v->phone)
		cJSON_AddStringToObject(o, "phone", v->phone);
	text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return text;
}

static void progress_html_row(struct strbuf *sb, const char *label, const char *value)
{
	sb_append(sb, "<tr><th>");
	progress_html_text(sb, label);
	sb_append(sb, "</th><td>");
	progress_html_text(sb, value);
	sb_append(sb, "</td></tr>\n");
}

static void progress_html_date(struct strbuf *sb, const char *label, int day)
{
	char buf[16];

	progress_html_row(sb, label, day > 0 ? date_format(day, buf, sizeof buf) : "—");
}

static char *progress_html(const struct progress_view *v)
{
	struct strbuf sb;
	const cJSON *p;

	sb_init(&sb);
	progress_html_head(&sb);
	sb_append(&sb, "<p class=\"state\">");
	progress_html_text(&sb, v->label);
	sb_append(&sb, "</p>\n<table>\n");
	progress_html_row(&sb, _("办件编号"), v->number);
	progress_html_row(&sb, _("事项"), v->item ? v->item : "");
	progress_html_row(&sb, _("申请人"), v->applicant);
	progress_html_date(&sb, _("收件日期"), v->received);
	progress_html_date(&sb, _("受理日期"), v->accepted);
	progress_html_date(&sb, _("承诺办结日期"), v->promised);
	progress_html_date(&sb, _("审批决定日期"), v->decided);
	progress_html_date(&sb, _("送达日期"), v->delivered);
	if (v->closed > 0 && !v->delivered)
		progress_html_date(&sb, _("办结日期"), v->closed);
	sb_append(&sb, "</table>\n");
	if (v->state == CASE_CORRECTION) {
		sb_append(&sb, "<h2>");
		progress_html_text(&sb, _("需要补正的材料"));
		sb_append(&sb, "</h2>\n<p>");
		progress_html_text(&sb, _("请按下列清单一次性补齐，带上收件回执交回窗口："));
		sb_append(&sb, "</p>\n<ol>\n");
		cJSON_ArrayForEach(p, v->problems) {
			sb_append(&sb, "<li>");
			progress_html_text(&sb, progress_problem_text(p));
			sb_append(&sb, "</li>\n");
		}
		sb_append(&sb, "</ol>\n");
	}
	sb_append(&sb, "<p class=\"note\">");
	progress_html_text(&sb, _("以上为政务服务中心已汇总的信息；窗口刚办理的业务可能稍后才显示。"));
	sb_append(&sb, "</p>\n");
	if (v->centre || v->phone) {
		sb_append(&sb, "<p class=\"note\">");
		progress_html_text(&sb, v->centre ? v->centre : "");
		if (v->phone) {
			if (v->centre)
				sb_append(&sb, " ");
			progress_html_text(&sb, _("咨询电话："));
			progress_html_text(&sb, v->phone);
		}
		sb_append(&sb, "</p>\n");
	}
	sb_append(&sb, "</body>\n</html>\n");
	return sb_take(&sb);
}

/* ---- the query -------------------------------------------------------------------- */

/* The problems of the newest 补正 notice (in parsed bodies[]), or NULL. */
static const cJSON *progress_problems(const struct codec_event *ev, cJSON **bodies, size_t n)
{
	for (size_t i = n; i-- > 0;)
		if (ev[i].type == CASE_EV_CORRECTION_REQUESTED)
			return cJSON_GetObjectItemCaseSensitive(bodies[i], "problems");
	return NULL;
}

void progress_handle(struct api *a, struct bconn *c, const char *number, int html,
		     struct api_reply *r)
{
	const struct backend_ops *ops = pool_ops(a->pool);
	struct codec_event *ev = NULL;
	struct codec_setting *set = NULL;
	struct progress_view v;
	struct case_fold fold;
	struct caseno cn;
	cJSON **bodies = NULL;
	const cJSON *appl;
	char err[YC_ERRSZ], why[YC_ERRSZ], shown[80], msg[YC_ERRSZ + 128];
	size_t n = 0, nset = 0;
	enum caseno_status st;

	memset(&v, 0, sizeof v);
	utf8_snprintf(shown, sizeof shown, "%s", number);
	if (!*number) {
		progress_error(r, 404, _("请在地址末尾给出办件编号，例如 /v1/progress/539102-01-261120-0001-X"),
			       html);
		return;
	}
	st = caseno_parse(number, &cn, why, sizeof why);
	if (st == CASENO_ERR_CHECK) {
		snprintf(msg, sizeof msg,
			 _("办件编号“%s”的校验位不对，可能抄错了一个字符；请对照回执上的编号重新输入"),
			 shown);
		progress_error(r, 404, msg, html);
		return;
	}
	if (st != CASENO_OK) {
		snprintf(msg, sizeof msg, _("“%s”不是有效的办件编号：%s；请对照回执上的编号重新输入"),
			 shown, why);
		utf8_trim_partial(msg);
		progress_error(r, 404, msg, html);
		return;
	}
	if (ops->case_events_by_number(c, cn.text, &ev, &n, err, sizeof err) != 0)
		goto fail;
	if (n == 0) {
		snprintf(msg, sizeof msg,
			 _("没有查到办件 %s：请核对编号；刚在窗口办理的办件可能要稍后才能查到"), cn.text);
		progress_error(r, 404, msg, html);
		goto out;
	}
	if (api_fold_current(a, c, ev, n, &fold, err, sizeof err) != 0)
		goto fail;
	bodies = calloc(n, sizeof *bodies);
	if (!bodies)
		goto oom;
	for (size_t i = 0; i < n; i++)
		bodies[i] = cJSON_Parse(ev[i].body ? ev[i].body : "{}");
	if (ops->settings_list(c, &set, &nset, err, sizeof err) != 0)
		goto fail;
	for (size_t i = 0; i < nset; i++) {
		if (strcmp(set[i].key, "doc.centre") == 0 && set[i].value[0])
			v.centre = set[i].value;
		else if (strcmp(set[i].key, "doc.phone") == 0 && set[i].value[0])
			v.phone = set[i].value;
	}
	v.number = cn.text;
	v.item = progress_jtext(bodies[0], "item_name");
	appl = cJSON_GetObjectItemCaseSensitive(bodies[0], "applicant");
	{
		const char *kind = progress_jtext(appl, "kind");

		progress_mask_name(progress_jtext(appl, "name"), kind && strcmp(kind, "org") == 0,
				   v.applicant, sizeof v.applicant);
	}
	v.state = fold.state;
	casefsm_fold_label(&fold, v.label, sizeof v.label);
	v.received = fold.received_on;
	v.accepted = fold.accepted_on;
	v.promised = fold.promised_on;
	v.decided = fold.decided_on;
	v.delivered = fold.delivered_on;
	v.closed = fold.closed_on;
	v.problems = progress_problems(ev, bodies, n);
	r->status = 200;
	r->no_store = 1;
	r->type = html ? "text/html; charset=utf-8" : NULL;
	r->body = html ? progress_html(&v) : progress_json(&v);
	if (!r->body)
		goto oom;
	goto out;
oom:
	snprintf(err, sizeof err, "%s", _("内存不足"));
fail:
	fprintf(stderr, _("yichuangd：进度查询失败：%s\n"), err);
	progress_error(r, 500, API_FAIL_MSG, html);
out:
	if (bodies)
		for (size_t i = 0; i < n; i++)
			cJSON_Delete(bodies[i]);
	free(bodies);
	if (set) {
		struct codec_ref tmp;

		memset(&tmp, 0, sizeof tmp);
		tmp.settings = set;
		tmp.nsettings = nset;
		codec_ref_clear(&tmp);
	}
	codec_events_free(ev, n);
}
