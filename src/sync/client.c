/*
 * client.c — the workstation's sync client: registration, one round (push
 * the outbox in batches of 500, pull reference data, pull event pages
 * until central has no more), the status the title line shows, and the
 * background sync the TUI polls.
 *
 * A round never loses anything: a batch keeps its idempotency key in the
 * database until central's answer is recorded (syncstore_next_batch), and
 * a page is applied with the cursor in one transaction, so a round cut at
 * any byte is simply done again.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yichuang/casestore.h"
#include "yichuang/codec.h"
#include "yichuang/store.h"
#include "yichuang/sync.h"
#include "yichuang/syncstore.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "transport.h"

#define SYNC_PULL_LIMIT 1000	/* events per pull page (the most central gives) */

void sync_report_free(struct sync_report *rep)
{
	if (!rep)
		return;
	free(rep->refused);
	rep->refused = NULL;
	rep->nrefused = 0;
}

/* The official calendars: built in, replaced year by year by the ones
 * central distributed into the database. */
static struct calendar *sync_calendar(struct store *st, char *err, size_t errsz)
{
	struct calendar *cal = calendar_new();

	if (!cal) {
		yc_seterr(err, errsz, _("内存不足"));
		return NULL;
	}
	if (calendar_load_builtin(cal, err, errsz) != 0 ||
	    store_calendar_load(st, cal, err, errsz) != 0) {
		calendar_free(cal);
		return NULL;
	}
	return cal;
}

static void sync_progress(const struct sync_config *cfg, const char *fmt, ...)
	YC_PRINTF(2, 3);

/* One progress line on cfg->progress, when the caller asked for them. */
static void sync_progress(const struct sync_config *cfg, const char *fmt, ...)
{
	va_list ap;

	if (!cfg || !cfg->progress)
		return;
	va_start(ap, fmt);
	vfprintf(cfg->progress, fmt, ap);
	va_end(ap);
	fputc('\n', cfg->progress);
	fflush(cfg->progress);
}

/* Adds the refusals of one answered batch to the report. */
static int sync_note_refusals(struct sync_report *rep, const struct syncstore_batch *b,
			      const struct codec_result *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct sync_refusal *v, *f;

		if (r[i].status != CODEC_CONFLICT && r[i].status != CODEC_INVALID)
			continue;
		v = realloc(rep->refused, (rep->nrefused + 1) * sizeof *v);
		if (!v)
			return -1;
		rep->refused = v;
		f = &v[rep->nrefused++];
		memset(f, 0, sizeof *f);
		for (size_t j = 0; j < b->n; j++)
			if (strcmp(b->ev[j].id, r[i].id) == 0) {
				snprintf(f->case_number, sizeof f->case_number, "%s",
					 b->ev[j].case_number ? b->ev[j].case_number : "");
				snprintf(f->event_type, sizeof f->event_type, "%s",
					 casefsm_event_name(b->ev[j].type));
			}
		snprintf(f->status, sizeof f->status, "%s", codec_status_name(r[i].status));
		snprintf(f->server_state, sizeof f->server_state, "%s", r[i].state);
		snprintf(f->reason, sizeof f->reason, "%s", r[i].reason);
	}
	return 0;
}

/* Pushes every outbox batch.  SYNC_DONE, SYNC_UNREACHABLE (rep->error),
 * or -1 on a local failure. */
static int sync_push(struct store *st, const struct calendar *cal, struct transport *t,
		     const struct sync_config *cfg, struct sync_report *rep,
		     char *err, size_t errsz)
{
	int total = 0, sent = 0;

	if (store_outbox_count(st, &total, err, errsz) != 0)
		return -1;
	if (total > 0)
		sync_progress(cfg, _("上传：%d 个事件待上传"), total);
	for (;;) {
		struct syncstore_batch b;
		struct codec_result *r = NULL;
		struct syncstore_push_stats before = rep->push;
		struct strbuf resp;
		char *json;
		size_t n = 0;
		int rc = syncstore_next_batch(st, SYNCSTORE_BATCH_MAX, &b, err, errsz);

		if (rc <= 0)
			return rc < 0 ? -1 : SYNC_DONE;
		json = codec_push_request(b.key, b.ev, b.n);
		if (!json) {
			syncstore_batch_free(&b);
			return yc_seterr(err, errsz, _("内存不足"));
		}
		sb_init(&resp);
		rc = transport_request(t, "/v1/sync/push", json, &resp, rep->error,
				       sizeof rep->error);
		free(json);
		if (rc == 0 && codec_push_response_parse(resp.buf ? resp.buf : "", &r, &n,
							 rep->error, sizeof rep->error) != 0)
			rc = -1;
		sb_free(&resp);
		if (rc != 0) {
			char why[YC_ERRSZ];

			/* The batch keeps its key; nothing is lost. */
			syncstore_batch_failed(st, b.key, rep->error, why, sizeof why);
			syncstore_batch_free(&b);
			return SYNC_UNREACHABLE;
		}
		if (syncstore_mark_results(st, cal, &b, r, n, &rep->push, err, errsz) != 0 ||
		    sync_note_refusals(rep, &b, r, n) != 0) {
			if (!err[0])
				yc_seterr(err, errsz, _("内存不足"));
			free(r);
			syncstore_batch_free(&b);
			return -1;
		}
		free(r);
		syncstore_batch_free(&b);
		if (rep->push.accepted + rep->push.refused == before.accepted + before.refused) {
			snprintf(rep->error, sizeof rep->error, "%s",
				 _("中心没有回答所发送的任何事件；请稍后重试或联系管理员"));
			return SYNC_UNREACHABLE;
		}
		sent = rep->push.accepted + rep->push.refused;
		sync_progress(cfg, _("上传：%d/%d 个事件已处理"), sent, total);
	}
}

/* Pulls reference data.  SYNC_DONE, SYNC_UNREACHABLE or -1. */
static int sync_ref(struct store *st, struct transport *t, const struct sync_config *cfg,
		    struct sync_report *rep, char *err, size_t errsz)
{
	struct codec_ref ref;
	struct strbuf resp;
	char path[64];
	long long since = 0;
	int rc;

	if (syncstore_ref_version(st, &since, err, errsz) != 0)
		return -1;
	snprintf(path, sizeof path, "/v1/ref?since=%lld", since);
	sb_init(&resp);
	memset(&ref, 0, sizeof ref);
	rc = transport_request(t, path, NULL, &resp, rep->error, sizeof rep->error);
	if (rc == 0 && codec_ref_parse(resp.buf ? resp.buf : "", &ref, rep->error,
				       sizeof rep->error) != 0)
		rc = -1;
	sb_free(&resp);
	if (rc != 0) {
		codec_ref_clear(&ref);
		return SYNC_UNREACHABLE;
	}
	rc = syncstore_apply_ref(st, &ref, &rep->ref, err, errsz);
	if (rc == 0 && ref.changed)
		sync_progress(cfg, _("基础数据：更新到版本 %lld（%d 个用户，%d 年日历%s）"),
			      ref.version, rep->ref.users, rep->ref.calendars,
			      rep->ref.catalog_version ? _("，新事项目录") : "");
	codec_ref_clear(&ref);
	return rc == 0 ? SYNC_DONE : -1;
}

/* Pulls event pages until central has no more.  SYNC_DONE,
 * SYNC_UNREACHABLE or -1. */
static int sync_pull(struct store *st, const struct calendar *cal, struct transport *t,
		     const struct sync_config *cfg, struct sync_report *rep,
		     char *err, size_t errsz)
{
	long long cursor = 0;

	if (syncstore_cursor(st, &cursor, err, errsz) != 0)
		return -1;
	for (;;) {
		struct codec_event *ev = NULL;
		struct strbuf resp;
		char path[96];
		long long next = 0;
		size_t n = 0;
		int more = 0, rc;

		snprintf(path, sizeof path, "/v1/sync/pull?after=%lld&limit=%d", cursor,
			 SYNC_PULL_LIMIT);
		sb_init(&resp);
		rc = transport_request(t, path, NULL, &resp, rep->error, sizeof rep->error);
		if (rc == 0 && codec_pull_parse(resp.buf ? resp.buf : "", &ev, &n, &next, &more,
						rep->error, sizeof rep->error) != 0)
			rc = -1;
		sb_free(&resp);
		if (rc != 0) {
			codec_events_free(ev, n);
			return SYNC_UNREACHABLE;
		}
		rc = syncstore_apply_page(st, cal, ev, n, next, &rep->pull, err, errsz);
		codec_events_free(ev, n);
		if (rc == SYNCSTORE_PAGE_REFUSED) {
			/* central answered; this database cannot take the page:
			 * the pull stops before it, for a person to look at */
			snprintf(rep->stuck, sizeof rep->stuck, "%s", err);
			utf8_trim_partial(rep->stuck);
			rep->stuck_at = cursor;
			err[0] = '\0';
			return SYNC_REFUSED;
		}
		if (rc != 0)
			return -1;
		rep->pages++;
		if (n > 0)
			sync_progress(cfg, _("下载：已收到 %d 个事件（位置 %lld）"),
				      rep->pull.added + rep->pull.own, next);
		if (!more)
			return SYNC_DONE;
		if (next <= cursor) {
			snprintf(rep->error, sizeof rep->error,
				 _("中心的同步位置没有前进（%lld）；请联系管理员"), next);
			return SYNC_UNREACHABLE;
		}
		cursor = next;
	}
}

/* Records the round's result for sync_status. */
static void sync_record_state(struct store *st, int outcome, const struct sync_report *rep)
{
	char now[32], why[YC_ERRSZ];
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (outcome == SYNC_UNREACHABLE) {
		store_setting_set(st, "sync.state", "offline", why, sizeof why);
		store_setting_set(st, "sync.last_error", rep->error, why, sizeof why);
	} else {
		/* reached; a page this database cannot take is still an error */
		store_setting_set(st, "sync.state", "online", why, sizeof why);
		store_setting_set(st, "sync.last_ok_at", now, why, sizeof why);
		store_setting_set(st, "sync.last_error", rep->stuck, why, sizeof why);
	}
}

/* Reads a setting into buf, or takes `given` when it is not NULL. */
static const char *sync_setting(struct store *st, const char *given, const char *key,
				char *buf, size_t bufsz)
{
	if (given)
		return given;
	return store_setting_get(st, key, buf, bufsz) == 1 && buf[0] ? buf : NULL;
}

/* The round itself, on an initialised transport. */
static int sync_round_on(struct store *st, struct transport *t, const struct sync_config *cfg,
			 struct sync_report *rep, char *err, size_t errsz)
{
	struct calendar *cal = sync_calendar(st, err, errsz);
	int rc;

	if (!cal)
		return -1;
	rc = sync_push(st, cal, t, cfg, rep, err, errsz);
	if (rc == SYNC_DONE)
		rc = sync_ref(st, t, cfg, rep, err, errsz);
	if (rc == SYNC_DONE && rep->ref.calendars > 0) {
		/* Fold what is pulled on the calendars just received. */
		calendar_free(cal);
		cal = sync_calendar(st, err, errsz);
		if (!cal)
			return -1;
	}
	if (rc == SYNC_DONE)
		rc = sync_pull(st, cal, t, cfg, rep, err, errsz);
	calendar_free(cal);
	if (rc < 0)
		return -1;
	/* a round cut short because the program quits says nothing of central */
	if (!transport_quitting(t))
		sync_record_state(st, rc, rep);
	/* events central refused make the round's answer no (1), even when
	 * central could not be reached afterwards */
	if (rep->nrefused > 0)
		rc = SYNC_REFUSED;
	return rc;
}

/* The workstation database's own id, sent with every request so that a
 * token serves one database only (central refuses a second one); made
 * and kept the first time.  Written into t->install. */
static int sync_install_id(struct store *st, struct transport *t, char *err, size_t errsz)
{
	char id[CODEC_UUID_MAX];

	if (store_setting_get(st, "sync.install_id", id, sizeof id) != 1 || !codec_uuid_valid(id)) {
		case_uuid(id);
		if (store_setting_set(st, "sync.install_id", id, err, errsz) != 0)
			return -1;
	}
	snprintf(t->install, sizeof t->install, "X-Yichuang-Install: %s", id);
	return 0;
}

/* The CA certificates stored by init --ca-file (allocated), NULL when
 * none; *failed set when the database could not be read. */
static char *sync_ca_stored(struct store *st, int *failed)
{
	char *buf = malloc(SYNC_CA_MAX + 1);
	int rc;

	*failed = 0;
	if (!buf) {
		*failed = 1;
		return NULL;
	}
	rc = store_setting_get(st, "sync.ca_pem", buf, SYNC_CA_MAX + 1);
	if (rc != 1 || !buf[0]) {
		*failed = rc < 0;
		free(buf);
		return NULL;
	}
	return buf;
}

int sync_round(struct store *st, const struct sync_config *cfg, struct sync_report *rep,
	       char *err, size_t errsz)
{
	struct transport t;
	char server[512], token[512];
	const char *srv, *tok;
	char *ca = NULL;
	int rc, failed = 0;

	memset(rep, 0, sizeof *rep);
	srv = sync_setting(st, cfg ? cfg->server : NULL, "sync.server", server, sizeof server);
	tok = sync_setting(st, cfg ? cfg->token : NULL, "sync.token", token, sizeof token);
	if (!srv)
		return yc_seterr(err, errsz, _("数据库 %s 没有登记中心地址：请先运行 yichuang init"
					       " --server 地址 --token 令牌"), store_path(st));
	if (!cfg || !cfg->ca_pem) {
		ca = sync_ca_stored(st, &failed);
		if (failed)
			return yc_seterr(err, errsz, _("无法读取数据库 %s 中登记的 CA 证书"),
					 store_path(st));
	}
	rc = transport_init(&t, cfg, srv, tok, ca ? ca : cfg ? cfg->ca_pem : NULL, err, errsz);
	free(ca);
	if (rc != 0)
		return -1;
	if (sync_install_id(st, &t, err, errsz) != 0) {
		transport_cleanup(&t);
		return -1;
	}
	rc = sync_round_on(st, &t, cfg, rep, err, errsz);
	if (rc == SYNC_UNREACHABLE)
		rep->cause = t.cause ? t.cause : SYNC_CAUSE_NETWORK;
	transport_cleanup(&t);
	return rc;
}

int sync_register(struct store *st, const char *server, const char *token,
		  const struct sync_config *cfg, struct codec_terminal *term,
		  struct sync_report *rep, char *err, size_t errsz)
{
	struct transport t;
	struct strbuf resp;
	const char *ca = cfg ? cfg->ca_pem : NULL;
	int rc;

	memset(rep, 0, sizeof *rep);
	memset(term, 0, sizeof *term);
	if (transport_init(&t, cfg, server, token, ca, err, errsz) != 0)
		return -1;
	if (sync_install_id(st, &t, err, errsz) != 0) {
		transport_cleanup(&t);
		return -1;
	}
	sb_init(&resp);
	rc = transport_request(&t, "/v1/register", "{}", &resp, rep->error, sizeof rep->error);
	if (rc == 0 && codec_register_parse(resp.buf ? resp.buf : "", term, rep->error,
					    sizeof rep->error) != 0)
		rc = -1;
	sb_free(&resp);
	if (rc != 0) {
		rep->cause = t.cause ? t.cause : SYNC_CAUSE_NETWORK;
		transport_cleanup(&t);
		return SYNC_UNREACHABLE;
	}
	sync_progress(cfg, _("登记：站点 %s，终端 %d（%s）"), term->site, term->terminal,
		      term->name);
	if (syncstore_register(st, t.base, token, term, err, errsz) != 0 ||
	    (ca && store_setting_set(st, "sync.ca_pem", ca, err, errsz) != 0)) {
		transport_cleanup(&t);
		return -1;
	}
	rc = sync_round_on(st, &t, cfg, rep, err, errsz);
	if (rc == SYNC_UNREACHABLE)
		rep->cause = t.cause ? t.cause : SYNC_CAUSE_NETWORK;
	transport_cleanup(&t);
	return rc;
}

/* ---- status ---------------------------------------------------------------- */

int sync_status(struct store *st, struct sync_status *s, char *err, size_t errsz)
{
	char buf[32];

	memset(s, 0, sizeof *s);
	{
		char server[512];

		s->configured = store_setting_get(st, "sync.server", server, sizeof server) == 1 &&
				server[0];
	}
	s->online = store_setting_get(st, "sync.state", buf, sizeof buf) == 1 &&
		    strcmp(buf, "online") == 0;
	if (store_setting_get(st, "sync.last_ok_at", s->last_ok_at, sizeof s->last_ok_at) != 1)
		s->last_ok_at[0] = '\0';
	if (store_setting_get(st, "sync.last_error", s->last_error, sizeof s->last_error) != 1)
		s->last_error[0] = '\0';
	if (store_outbox_count(st, &s->pending, err, errsz) != 0 ||
	    syncstore_conflict_count(st, &s->conflicts, err, errsz) != 0)
		return -1;
	return 0;
}

/* ---- background sync -------------------------------------------------------- */

/* What the thread does: a whole round, or a probe between rounds. */
enum sync_bg_job { SYNC_BG_ROUND, SYNC_BG_PROBE };

#define SYNC_BG_PROBE_SECONDS 10	/* between probes */
#define SYNC_BG_RETRY_FIRST 5		/* seconds before the first retry of a failed round */

struct sync_bg {
	char *path;
	int interval;			/* seconds between rounds while online */
	pthread_t thread;
	int running;
	enum sync_bg_job job;		/* the running (or last) job */
	int kick;
	int online;			/* as the last job found central */
	int failures;			/* rounds failed in a row */
	time_t next_round, next_probe;
	unsigned long long rng;		/* jitter */
	atomic_int done;
	atomic_int reached;		/* the finished job reached central */
	atomic_int quit;		/* sync_bg_free: give up now */
};

/* Opens the database and a transport to its server (the thread's own).
 * 0, or -1 when there is nothing to talk to. */
static int sync_bg_open(struct sync_bg *bg, const struct sync_config *cfg, struct store **st,
			struct transport *t, char *err, size_t errsz)
{
	char server[512], token[512];
	char *ca;
	int failed = 0, rc;

	*st = NULL;
	if (store_open(bg->path, STORE_OPEN_EXISTING, st, err, errsz) != 0)
		return -1;
	if (store_setting_get(*st, "sync.server", server, sizeof server) != 1 || !server[0] ||
	    store_setting_get(*st, "sync.token", token, sizeof token) != 1) {
		store_close(*st);
		*st = NULL;
		return -1;
	}
	ca = sync_ca_stored(*st, &failed);
	rc = transport_init(t, cfg, server, token, ca, err, errsz);
	free(ca);
	if (rc == 0 && sync_install_id(*st, t, err, errsz) != 0) {
		transport_cleanup(t);
		rc = -1;
	}
	if (rc != 0) {
		store_close(*st);
		*st = NULL;
	}
	return rc;
}

/* A probe: one short try of /healthz.  When central does not answer
 * while the database says online, it says offline now (the title line
 * follows) rather than at the next round. */
static int sync_bg_probe(struct sync_bg *bg)
{
	struct sync_config cfg;
	struct transport t;
	struct store *st;
	char err[YC_ERRSZ], why[YC_ERRSZ];
	int ok;

	memset(&cfg, 0, sizeof cfg);
	cfg.retries = 1;
	cfg.connect_timeout = 3;
	cfg.stall_seconds = 5;
	cfg.request_timeout = 10;
	cfg.quit = &bg->quit;
	if (sync_bg_open(bg, &cfg, &st, &t, err, sizeof err) != 0)
		return 0;
	ok = transport_probe(&t, err, sizeof err) == 0;
	if (!ok && !transport_quitting(&t)) {
		store_setting_set(st, "sync.state", "offline", why, sizeof why);
		store_setting_set(st, "sync.last_error", err, why, sizeof why);
	}
	transport_cleanup(&t);
	store_close(st);
	return ok;
}

/* A round, bounded: few tries, short timeouts. */
static int sync_bg_round(struct sync_bg *bg)
{
	struct sync_config cfg;
	struct sync_report rep;
	struct store *st = NULL;
	char err[YC_ERRSZ];
	int rc = -1;

	memset(&cfg, 0, sizeof cfg);
	memset(&rep, 0, sizeof rep);
	cfg.retries = 2;
	cfg.connect_timeout = 5;
	cfg.stall_seconds = 10;
	cfg.request_timeout = 60;
	cfg.quit = &bg->quit;
	if (store_open(bg->path, STORE_OPEN_EXISTING, &st, err, sizeof err) == 0) {
		char server[512];

		if (store_setting_get(st, "sync.server", server, sizeof server) == 1 && server[0]) {
			rc = sync_round(st, &cfg, &rep, err, sizeof err);
			if (rc < 0)
				store_setting_set(st, "sync.last_error", err, err, sizeof err);
		}
		sync_report_free(&rep);
		store_close(st);
	}
	/* reached: central answered, whatever it said */
	return rc >= 0 && (rc != SYNC_UNREACHABLE || rep.cause != SYNC_CAUSE_NETWORK);
}

/* The thread: one job on a database connection of its own. */
static void *sync_bg_main(void *arg)
{
	struct sync_bg *bg = arg;
	int reached = bg->job == SYNC_BG_PROBE ? sync_bg_probe(bg) : sync_bg_round(bg);

	atomic_store(&bg->reached, reached);
	atomic_store(&bg->done, 1);
	return NULL;
}

/* A number of seconds in [s/2, s] (jitter: the workstations of a centre
 * that lost central together do not come back in step). */
static time_t sync_bg_jitter(struct sync_bg *bg, int s)
{
	bg->rng ^= bg->rng << 13;
	bg->rng ^= bg->rng >> 7;
	bg->rng ^= bg->rng << 17;
	return (time_t)(s / 2 + (int)(bg->rng % (unsigned long long)(s - s / 2 + 1)));
}

struct sync_bg *sync_bg_new(const char *db_path, int interval)
{
	struct sync_bg *bg = calloc(1, sizeof *bg);

	if (!bg)
		return NULL;
	bg->path = yc_strdup(db_path);
	if (!bg->path) {
		free(bg);
		return NULL;
	}
	bg->interval = interval > 0 ? interval : 60;
	bg->kick = 1;			/* a first round soon after start */
	bg->online = 1;
	bg->rng = (unsigned long long)time(NULL) * 6364136223846793005ULL ^
		  (unsigned long long)(uintptr_t)bg;
	if (!bg->rng)
		bg->rng = 1;
	atomic_init(&bg->done, 0);
	atomic_init(&bg->reached, 0);
	atomic_init(&bg->quit, 0);
	/* libcurl's global set-up, once, on the main thread. */
	transport_global_init();
	return bg;
}

/* Plans the next round and probe after a job that ended at now. */
static void sync_bg_plan(struct sync_bg *bg, time_t now, int reached)
{
	int probe = bg->interval < SYNC_BG_PROBE_SECONDS ? bg->interval : SYNC_BG_PROBE_SECONDS;

	if (bg->job == SYNC_BG_ROUND) {
		if (reached) {
			bg->failures = 0;
			bg->next_round = now + bg->interval;
		} else {
			/* sooner than the interval: 5, 10, 20 ... s, jittered */
			int wait = SYNC_BG_RETRY_FIRST << (bg->failures < 6 ? bg->failures : 6);

			bg->failures++;
			if (wait > bg->interval)
				wait = bg->interval;
			bg->next_round = now + sync_bg_jitter(bg, wait);
		}
		bg->online = reached;
	} else if (reached && !bg->online) {
		bg->next_round = now;	/* central is back: a round at once */
	} else if (!reached && bg->online) {
		bg->online = 0;		/* the probe marked the database offline */
		bg->failures = 1;
		bg->next_round = now + sync_bg_jitter(bg, SYNC_BG_RETRY_FIRST);
	}
	bg->next_probe = now + sync_bg_jitter(bg, probe);
}

int sync_bg_poll(struct sync_bg *bg, time_t now)
{
	int finished = 0;

	if (!bg)
		return 0;
	if (bg->running && atomic_load(&bg->done)) {
		pthread_join(bg->thread, NULL);
		bg->running = 0;
		finished = 1;
		sync_bg_plan(bg, now, atomic_load(&bg->reached));
	}
	if (!bg->running && (bg->kick || now >= bg->next_round || now >= bg->next_probe)) {
		bg->job = bg->kick || now >= bg->next_round ? SYNC_BG_ROUND : SYNC_BG_PROBE;
		bg->kick = 0;
		atomic_store(&bg->done, 0);
		if (pthread_create(&bg->thread, NULL, sync_bg_main, bg) == 0)
			bg->running = 1;
		else
			sync_bg_plan(bg, now, 0);
	}
	return finished;
}

void sync_bg_kick(struct sync_bg *bg)
{
	if (bg)
		bg->kick = 1;
}

void sync_bg_finish(struct sync_bg *bg)
{
	if (!bg)
		return;
	if (bg->running) {
		pthread_join(bg->thread, NULL);
		bg->running = 0;
	}
	sync_bg_free(bg);
}

void sync_bg_free(struct sync_bg *bg)
{
	if (!bg)
		return;
	if (bg->running) {
		/* a round hanging on central ends within about a second */
		atomic_store(&bg->quit, 1);
		pthread_join(bg->thread, NULL);
	}
	free(bg->path);
	free(bg);
}
