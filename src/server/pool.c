/*
 * pool.c — a fixed set of backend connections shared by yichuangd's
 * request threads (one per thread of the HTTP pool), the configuration
 * (command line and "key = value" file), and small helpers: hashes and the
 * current time.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "yichuang/caseno.h"
#include "yichuang/util.h"
#include "server.h"

struct pool {
	const struct backend_ops *ops;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct bconn **conns;
	int *busy;
	int size;
};

struct pool *pool_open(const struct backend_ops *ops, const char *where, int size,
		       char *err, size_t errsz)
{
	struct pool *p = calloc(1, sizeof *p);

	if (!p || size < 1) {
		free(p);
		yc_seterr(err, errsz, "%s", _("内存不足"));
		return NULL;
	}
	p->ops = ops;
	p->conns = calloc((size_t)size, sizeof *p->conns);
	p->busy = calloc((size_t)size, sizeof *p->busy);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	if (!p->conns || !p->busy) {
		pool_close(p);
		yc_seterr(err, errsz, "%s", _("内存不足"));
		return NULL;
	}
	for (int i = 0; i < size; i++) {
		p->conns[i] = ops->connect(where, err, errsz);
		if (!p->conns[i]) {
			pool_close(p);
			return NULL;
		}
		p->size = i + 1;
		if (i == 0 && ops->migrate(p->conns[0], err, errsz) != 0) {
			pool_close(p);
			return NULL;
		}
	}
	return p;
}

void pool_close(struct pool *p)
{
	if (!p)
		return;
	for (int i = 0; p->conns && i < p->size; i++)
		p->ops->disconnect(p->conns[i]);
	free(p->conns);
	free(p->busy);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p);
}

const struct backend_ops *pool_ops(const struct pool *p)
{
	return p->ops;
}

/* Connects c again after its database connection was lost; logs. */
static int pool_reconnect(struct pool *p, struct bconn *c)
{
	char err[YC_ERRSZ];

	if (p->ops->reconnect(c, err, sizeof err) != 0) {
		fprintf(stderr, _("yichuangd：与数据库的连接已断开，重新连接失败：%s\n"), err);
		return -1;
	}
	fprintf(stderr, "%s", _("yichuangd：与数据库的连接曾断开，已重新连接\n"));
	return 0;
}

struct bconn *pool_get(struct pool *p)
{
	struct bconn *c = NULL;

	pthread_mutex_lock(&p->mu);
	while (!c) {
		for (int i = 0; i < p->size; i++) {
			if (!p->busy[i]) {
				p->busy[i] = 1;
				c = p->conns[i];
				break;
			}
		}
		if (!c)
			pthread_cond_wait(&p->cv, &p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	/* c is this thread's alone now */
	if (p->ops->lost(c))
		pool_reconnect(p, c);
	return c;
}

int pool_lost(const struct pool *p, struct bconn *c)
{
	return p->ops->lost(c) != 0;
}

int pool_recover(struct pool *p, struct bconn *c)
{
	int lost = p->ops->lost(c);

	if (lost == 0)
		return 0;
	if (lost == 2) {
		/* the answer to COMMIT never came: the client tries again
		 * later with the same key or id, which is safe */
		fprintf(stderr, "%s", _("yichuangd：提交事务时与数据库的连接断开，该请求不重做\n"));
		pool_reconnect(p, c);
		return 0;
	}
	return pool_reconnect(p, c) == 0;
}

void pool_put(struct pool *p, struct bconn *c)
{
	pthread_mutex_lock(&p->mu);
	for (int i = 0; i < p->size; i++)
		if (p->conns[i] == c)
			p->busy[i] = 0;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

/* ---- configuration ------------------------------------------------------- */

void srv_config_init(struct srv_config *c)
{
	memset(c, 0, sizeof *c);
	c->threads = 8;
	c->body_limit = CODEC_BODY_LIMIT;
	c->progress_rate = 30;
	c->progress_burst = 10;
}

void srv_config_free(struct srv_config *c)
{
	free(c->listen);
	free(c->db);
	free(c->pg);
	free(c->tls_cert);
	free(c->tls_key);
	free(c->site);
	free(c->trust_proxy);
	memset(c, 0, sizeof *c);
}

/* Replaces *dst with a copy of value unless keep and *dst is set. */
static int srv_config_str(char **dst, const char *value, int keep, char *err, size_t errsz)
{
	char *d;

	if (keep && *dst)
		return 0;
	d = yc_strdup(value);
	if (!d)
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	free(*dst);
	*dst = d;
	return 0;
}

int srv_config_set(struct srv_config *c, const char *key, const char *value, int keep,
		   char *err, size_t errsz)
{
	if (strcmp(key, "listen") == 0)
		return srv_config_str(&c->listen, value, keep, err, errsz);
	if (strcmp(key, "db") == 0)
		return srv_config_str(&c->db, value, keep, err, errsz);
	if (strcmp(key, "pg") == 0)
		return srv_config_str(&c->pg, value, keep, err, errsz);
	if (strcmp(key, "tls-cert") == 0)
		return srv_config_str(&c->tls_cert, value, keep, err, errsz);
	if (strcmp(key, "tls-key") == 0)
		return srv_config_str(&c->tls_key, value, keep, err, errsz);
	if (strcmp(key, "site") == 0) {
		if (caseno_site_valid(value, err, errsz) != 0)
			return -1;
		return srv_config_str(&c->site, value, keep, err, errsz);
	}
	if (strcmp(key, "trust-proxy") == 0)
		return srv_config_str(&c->trust_proxy, value, keep, err, errsz);
	if (strcmp(key, "progress-rate") == 0 || strcmp(key, "progress-burst") == 0) {
		char *end;
		long v = strtol(value, &end, 10);
		int rate = strcmp(key, "progress-rate") == 0;

		if (!*value || *end || v < (rate ? 0 : 1) || v > 100000)
			return yc_seterr(err, errsz, rate
					 ? _("progress-rate 应为 0～100000 的整数（每个地址每分钟的查询次数，0 为不限），而不是“%s”")
					 : _("progress-burst 应为 1～100000 的整数（每个地址可连续查询的次数），而不是“%s”"),
					 value);
		if (rate)
			c->progress_rate = (int)v;
		else
			c->progress_burst = (int)v;
		return 0;
	}
	if (strcmp(key, "threads") == 0 || strcmp(key, "body-limit") == 0) {
		char *end;
		long v = strtol(value, &end, 10);
		int threads = strcmp(key, "threads") == 0;

		if (*end || (threads ? (v < 1 || v > 256) : (v < 1024 || v > 1L << 30)))
			return yc_seterr(err, errsz, threads
					 ? _("threads 应为 1～256 的整数，而不是“%s”")
					 : _("body-limit 应为 1024～1073741824 字节，而不是“%s”"),
					 value);
		if (threads)
			c->threads = (int)v;
		else
			c->body_limit = (size_t)v;
		return 0;
	}
	return yc_seterr(err, errsz,
			 _("未知的配置项“%s”（可用：listen db pg tls-cert tls-key site threads body-limit"
			   " progress-rate progress-burst trust-proxy）"),
			 key);
}

int srv_config_file(struct srv_config *c, const char *path, char *err, size_t errsz)
{
	size_t len;
	char *text = yc_read_file(path, &len, err, errsz);
	char *line, *save = NULL;
	int lineno = 0;

	if (!text)
		return -1;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *eq, *key, *value, msg[YC_ERRSZ];

		lineno++;
		/* a # at the start or after a space or tab starts a comment
		 * (one inside a value, as in a conninfo password, does not) */
		for (char *h = strchr(line, '#'); h; h = strchr(h + 1, '#'))
			if (h == line || h[-1] == ' ' || h[-1] == '\t') {
				*h = '\0';
				break;
			}
		key = yc_trim(line);
		if (!*key)
			continue;
		eq = strchr(key, '=');
		if (!eq) {
			yc_seterr(err, errsz, _("%s:%d: 应为“键 = 值”"), path, lineno);
			free(text);
			return -1;
		}
		*eq = '\0';
		key = yc_trim(key);
		value = yc_trim(eq + 1);
		if (srv_config_set(c, key, value, 1, msg, sizeof msg) != 0) {
			yc_seterr(err, errsz, "%s:%d: %s", path, lineno, msg);
			free(text);
			return -1;
		}
	}
	free(text);
	return 0;
}

/* ---- helpers --------------------------------------------------------------- */

void srv_hash_hex(const void *data, size_t len, char out[65])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof h, data, len, NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
}

void srv_time_text(long long seconds, char *buf, size_t bufsz)
{
	time_t t = (time_t)seconds + 8 * 3600;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, bufsz, "%Y-%m-%dT%H:%M:%S+08:00", &tm);
}

void srv_now_text(char *buf, size_t bufsz)
{
	srv_time_text((long long)time(NULL), buf, bufsz);
}

void srv_conflicts_free(struct srv_conflict *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		codec_event_clear(&v[i].ev);
		free(v[i].state);
		free(v[i].reason);
		free(v[i].stored_at);
		free(v[i].resolved_at);
		free(v[i].note);
	}
	free(v);
}
