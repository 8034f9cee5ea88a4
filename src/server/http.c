/*
 * http.c — yichuangd's HTTP layer on libmicrohttpd: an internal thread
 * pool, request bodies collected up to the size limit and inflated when
 * sent with Content-Encoding: gzip, responses gzipped when the client
 * accepts it, one log line per request on stderr (method path status ms),
 * request metrics, the client address that rate limits count (through a
 * trusted proxy's X-Forwarded-For), and a clean shutdown that lets running
 * requests finish.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>
#include <zlib.h>

#include "yichuang/util.h"
#include "http.h"

/* One request in flight. */
struct http_req {
	struct timespec start;
	char *body;
	size_t len, cap;
	int too_large;
	int status;
	char method[12];
	char *path;
};

struct http_server {
	struct MHD_Daemon *d;
	struct api *api;
	const char *trust_proxy;	/* comma list of proxy addresses, or NULL */
	size_t limit;
	atomic_int active;
	atomic_int draining;
	char *cert, *key;
	int port;			/* the port bound (useful with port 0) */
};

static double http_ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) * 1000.0 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Inflates a gzip body; NULL when it is not gzip or larger than limit
 * (*too_large set then). */
static char *http_gunzip(const char *in, size_t inlen, size_t limit, size_t *outlen,
			 int *too_large)
{
	z_stream z;
	size_t cap = inlen * 4 + 1024, len = 0;
	char *out = malloc(cap + 1);
	int rc = Z_OK;

	*too_large = 0;
	if (!out)
		return NULL;
	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) {
		free(out);
		return NULL;
	}
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)inlen;
	while (rc == Z_OK) {
		if (len == cap) {
			char *n;

			if (cap >= limit) {
				*too_large = 1;
				break;
			}
			cap = cap * 2 > limit ? limit : cap * 2;
			n = realloc(out, cap + 1);
			if (!n)
				break;
			out = n;
		}
		z.next_out = (Bytef *)out + len;
		z.avail_out = (uInt)(cap - len);
		rc = inflate(&z, Z_NO_FLUSH);
		len = cap - z.avail_out;
		if (rc == Z_BUF_ERROR && z.avail_in == 0)
			break;
		if (rc == Z_BUF_ERROR)
			rc = Z_OK;
	}
	inflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(out);
		return NULL;
	}
	out[len] = '\0';
	*outlen = len;
	return out;
}

/* Gzips a response body; NULL on failure (the caller sends it plain). */
static char *http_gzip(const char *in, size_t inlen, size_t *outlen)
{
	z_stream z;
	size_t cap;
	char *out;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	cap = deflateBound(&z, (uLong)inlen) + 32;
	out = malloc(cap);
	if (!out) {
		deflateEnd(&z);
		return NULL;
	}
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)inlen;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&z);
		free(out);
		return NULL;
	}
	*outlen = cap - z.avail_out;
	deflateEnd(&z);
	return out;
}

static const char *http_get_arg(void *arg, const char *name)
{
	return MHD_lookup_connection_value(arg, MHD_GET_ARGUMENT_KIND, name);
}

/* 1 when addr is one of the comma-separated addresses of list. */
static int http_listed(const char *list, const char *addr)
{
	size_t n = strlen(addr);

	while (list && *list) {
		const char *end = strchr(list, ',');
		size_t len = end ? (size_t)(end - list) : strlen(list);

		while (len > 0 && (*list == ' ' || *list == '\t')) {
			list++;
			len--;
		}
		while (len > 0 && (list[len - 1] == ' ' || list[len - 1] == '\t'))
			len--;
		if (len == n && strncmp(list, addr, n) == 0)
			return 1;
		list = end ? end + 1 : NULL;
	}
	return 0;
}

/* Writes the rate-limit key of an address text: IPv4 as it is, IPv6 by
 * its /64 (one subscriber's network), an IPv4-mapped IPv6 address as
 * IPv4.  0, or -1 when text is not an address. */
static int http_addr_key(const char *text, char *buf, size_t bufsz)
{
	struct in_addr a4;
	struct in6_addr a6;
	char out[INET6_ADDRSTRLEN];

	if (inet_pton(AF_INET, text, &a4) == 1) {
		snprintf(buf, bufsz, "%s", text);
		return 0;
	}
	if (inet_pton(AF_INET6, text, &a6) != 1)
		return -1;
	if (IN6_IS_ADDR_V4MAPPED(&a6)) {
		memcpy(&a4, a6.s6_addr + 12, 4);
		inet_ntop(AF_INET, &a4, out, sizeof out);
		snprintf(buf, bufsz, "%s", out);
		return 0;
	}
	memset(a6.s6_addr + 8, 0, 8);
	inet_ntop(AF_INET6, &a6, out, sizeof out);
	snprintf(buf, bufsz, "%s/64", out);
	return 0;
}

/* The client a rate limit counts: the peer, or, when the peer is a
 * trusted proxy, the address its X-Forwarded-For names last (the one the
 * proxy itself added; earlier entries are the client's word). */
static void http_client(const struct http_server *s, struct MHD_Connection *conn,
			char *buf, size_t bufsz)
{
	const union MHD_ConnectionInfo *info =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = info ? info->client_addr : NULL;
	char peer[64] = "", last[128];
	const char *xff;

	snprintf(buf, bufsz, "?");
	if (!sa || getnameinfo(sa, sa->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
							     : sizeof(struct sockaddr_in),
			       peer, sizeof peer, NULL, 0, NI_NUMERICHOST) != 0)
		return;
	xff = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For");
	if (xff && s->trust_proxy && http_listed(s->trust_proxy, peer)) {
		const char *comma = strrchr(xff, ',');
		char *t;

		snprintf(last, sizeof last, "%s", comma ? comma + 1 : xff);
		t = yc_trim(last);
		if (http_addr_key(t, buf, bufsz) == 0)
			return;
	}
	if (http_addr_key(peer, buf, bufsz) != 0)
		snprintf(buf, bufsz, "%s", peer);
}

/* Queues body (taken over) with status; gzipped when accepted.  rep (may
 * be NULL) adds Retry-After and Cache-Control. */
static enum MHD_Result http_send(struct MHD_Connection *conn, struct http_req *q,
				 int status, char *body, const char *type,
				 const struct api_reply *rep)
{
	const char *ae = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						     MHD_HTTP_HEADER_ACCEPT_ENCODING);
	size_t len = body ? strlen(body) : 0, zlen;
	struct MHD_Response *resp;
	enum MHD_Result ret;
	int gz = 0;

	if (ae && strstr(ae, "gzip") && body) {
		char *z = http_gzip(body, len, &zlen);

		if (z) {
			free(body);
			body = z;
			len = zlen;
			gz = 1;
		}
	}
	resp = MHD_create_response_from_buffer(len, body ? body : (char *)"",
					       body ? MHD_RESPMEM_MUST_FREE
						    : MHD_RESPMEM_PERSISTENT);
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
				type ? type : "application/json; charset=utf-8");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, "Accept-Encoding, Accept");
	if (rep && rep->retry_after > 0) {
		char ra[16];

		snprintf(ra, sizeof ra, "%d", rep->retry_after);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, ra);
	}
	if (rep && rep->no_store)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	if (type && strncmp(type, "text/html", 9) == 0) {
		/* the public pages load nothing from anywhere */
		MHD_add_response_header(resp, "Content-Security-Policy",
					"default-src 'none'; style-src 'unsafe-inline'");
		MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	}
	if (gz)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	q->status = status;
	ret = MHD_queue_response(conn, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result http_error(struct MHD_Connection *conn, struct http_req *q,
				  int status, const char *msg)
{
	char *body = codec_error(msg);

	return http_send(conn, q, status, body, NULL, NULL);
}

/* The access handler: called first with the headers, then with each
 * piece of the body, then once more with nothing to answer. */
static enum MHD_Result http_handler(void *cls, struct MHD_Connection *conn, const char *url,
				    const char *method, const char *version,
				    const char *upload, size_t *upload_size, void **con_cls)
{
	struct http_server *s = cls;
	struct http_req *q = *con_cls;
	const char *enc, *auth, *token = NULL;
	char client[80];
	struct api_reply r;
	char *body;
	size_t len;

	(void)version;
	if (!q) {
		const char *cl;

		q = calloc(1, sizeof *q);
		if (!q)
			return MHD_NO;
		clock_gettime(CLOCK_MONOTONIC, &q->start);
		snprintf(q->method, sizeof q->method, "%s", method);
		q->path = yc_strdup(url);
		*con_cls = q;
		atomic_fetch_add(&s->active, 1);
		cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						 MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > s->limit)
			q->too_large = 1;
		return MHD_YES;
	}
	if (*upload_size) {
		if (!q->too_large) {
			if (q->len + *upload_size > s->limit) {
				q->too_large = 1;
			} else {
				if (q->len + *upload_size + 1 > q->cap) {
					size_t ncap = (q->len + *upload_size + 1) * 2;
					char *n;

					if (ncap > s->limit + 1)
						ncap = s->limit + 1;
					n = realloc(q->body, ncap);
					if (!n)
						return MHD_NO;
					q->body = n;
					q->cap = ncap;
				}
				memcpy(q->body + q->len, upload, *upload_size);
				q->len += *upload_size;
				q->body[q->len] = '\0';
			}
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (atomic_load(&s->draining))
		return http_error(conn, q, 503, _("服务正在停止，请稍后重试"));
	if (q->too_large) {
		char msg[160];

		snprintf(msg, sizeof msg, _("请求体太大：最多 %zu 字节（解压后）"), s->limit);
		return http_error(conn, q, 413, msg);
	}
	body = q->body;
	len = q->len;
	enc = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_ENCODING);
	if (enc && strcasecmp(enc, "gzip") == 0 && len > 0) {
		int big;
		char *plain = http_gunzip(q->body, q->len, s->limit, &len, &big);

		if (!plain) {
			char msg[160];

			if (big) {
				snprintf(msg, sizeof msg, _("请求体太大：最多 %zu 字节（解压后）"),
					 s->limit);
				return http_error(conn, q, 413, msg);
			}
			return http_error(conn, q, 400, _("请求体声明为 gzip，但无法解压"));
		}
		free(q->body);
		q->body = body = plain;
		q->cap = len + 1;
		q->len = len;
	} else if (enc && strcasecmp(enc, "identity") != 0 && len > 0) {
		return http_error(conn, q, 415, _("不支持的请求体编码：只接受 gzip"));
	}
	auth = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
	if (auth && strncasecmp(auth, "Bearer ", 7) == 0)
		token = auth + 7;
	http_client(s, conn, client, sizeof client);
	api_handle(s->api, method, url, http_get_arg, conn, token,
		   MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Yichuang-Install"),
		   MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT),
		   client, body ? body : "", len, &r);
	return http_send(conn, q, r.status, r.body, r.type, &r);
}

/* Called when a request is over: log line, metrics, bookkeeping. */
static void http_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			   enum MHD_RequestTerminationCode toe)
{
	struct http_server *s = cls;
	struct http_req *q = *con_cls;
	double ms;

	(void)conn;
	if (!q)
		return;
	ms = http_ms_since(&q->start);
	if (!q->status)
		q->status = toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? 200 : 499;
	fprintf(stderr, "%s %s %d %.1fms\n", q->method, q->path ? q->path : "?", q->status, ms);
	metrics_request(api_route_label(q->path ? q->path : ""), q->status, ms);
	free(q->body);
	free(q->path);
	free(q);
	*con_cls = NULL;
	atomic_fetch_sub(&s->active, 1);
}

static void http_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	fputs("yichuangd: libmicrohttpd: ", stderr);
	vfprintf(stderr, fmt, ap);
}

struct http_server *http_start(struct api *api, const struct srv_config *cfg,
			       char *err, size_t errsz)
{
	struct http_server *s = calloc(1, sizeof *s);
	struct addrinfo hints, *ai = NULL;
	char host[256];
	const char *colon, *port;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	int rc;

	if (!s) {
		yc_seterr(err, errsz, "%s", _("内存不足"));
		return NULL;
	}
	s->api = api;
	s->limit = cfg->body_limit;
	s->trust_proxy = cfg->trust_proxy;
	colon = strrchr(cfg->listen, ':');
	if (!colon || colon == cfg->listen || !colon[1] ||
	    (size_t)(colon - cfg->listen) >= sizeof host) {
		yc_seterr(err, errsz, _("监听地址“%s”应为 主机:端口，例如 127.0.0.1:8080"),
			  cfg->listen);
		free(s);
		return NULL;
	}
	memcpy(host, cfg->listen, (size_t)(colon - cfg->listen));
	host[colon - cfg->listen] = '\0';
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		memmove(host, host + 1, strlen(host));
		host[strlen(host) - 1] = '\0';
	}
	port = colon + 1;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	rc = getaddrinfo(host[0] ? host : NULL, port, &hints, &ai);
	if (rc != 0) {
		yc_seterr(err, errsz, _("无法解析监听地址“%s”：%s"), cfg->listen, gai_strerror(rc));
		free(s);
		return NULL;
	}
	if (ai->ai_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	if (cfg->tls_cert || cfg->tls_key) {
		size_t n;

		if (!cfg->tls_cert || !cfg->tls_key) {
			yc_seterr(err, errsz, "%s", _("--tls-cert 和 --tls-key 要同时给出"));
			goto fail;
		}
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
			yc_seterr(err, errsz, "%s",
				  _("本机的 libmicrohttpd 不支持 TLS：请去掉 --tls-cert/--tls-key，"
				    "在前面用反向代理提供 HTTPS"));
			goto fail;
		}
		s->cert = yc_read_file(cfg->tls_cert, &n, err, errsz);
		if (!s->cert)
			goto fail;
		s->key = yc_read_file(cfg->tls_key, &n, err, errsz);
		if (!s->key)
			goto fail;
		flags |= MHD_USE_TLS;
	}
	if (s->cert)
		s->d = MHD_start_daemon(flags, 0, NULL, NULL, http_handler, s,
					MHD_OPTION_EXTERNAL_LOGGER, http_log, NULL,
					MHD_OPTION_SOCK_ADDR, ai->ai_addr,
					MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
					MHD_OPTION_NOTIFY_COMPLETED, http_completed, s,
					MHD_OPTION_CONNECTION_TIMEOUT, 120u,
					MHD_OPTION_HTTPS_MEM_CERT, s->cert,
					MHD_OPTION_HTTPS_MEM_KEY, s->key,
					MHD_OPTION_END);
	else
		s->d = MHD_start_daemon(flags, 0, NULL, NULL, http_handler, s,
					MHD_OPTION_EXTERNAL_LOGGER, http_log, NULL,
					MHD_OPTION_SOCK_ADDR, ai->ai_addr,
					MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
					MHD_OPTION_NOTIFY_COMPLETED, http_completed, s,
					MHD_OPTION_CONNECTION_TIMEOUT, 120u,
					MHD_OPTION_END);
	if (!s->d) {
		yc_seterr(err, errsz, _("无法在 %s 上监听（端口被占用或没有权限？）"), cfg->listen);
		goto fail;
	}
	{
		const union MHD_DaemonInfo *info =
			MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);

		s->port = info ? info->port : 0;
	}
	freeaddrinfo(ai);
	return s;
fail:
	freeaddrinfo(ai);
	free(s->cert);
	free(s->key);
	free(s);
	return NULL;
}

void http_stop(struct http_server *s, int wait_seconds)
{
	MHD_socket fd;
	int waited = 0;

	if (!s)
		return;
	atomic_store(&s->draining, 1);
	fd = MHD_quiesce_daemon(s->d);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	while (atomic_load(&s->active) > 0 && waited < wait_seconds * 100) {
		usleep(10000);
		waited++;
	}
	MHD_stop_daemon(s->d);
	free(s->cert);
	free(s->key);
	free(s);
}

int http_port(const struct http_server *s)
{
	return s->port;
}
