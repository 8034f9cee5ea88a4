/*
 * transport.c — HTTP for the sync client: one libcurl handle per round
 * (connections are kept alive between requests), request bodies gzipped
 * with zlib, answers decompressed by libcurl (Accept-Encoding), the bearer
 * token, a connect timeout, stall detection (less than 1 byte/s for
 * stall_seconds) and a whole-request timeout.  Failures that may pass
 * (no connection, cut connection, stall, 429, 5xx) are retried with
 * full-jitter exponential backoff: before try k the client sleeps a
 * uniformly random time in [0, min(8 s, backoff * 2^k)).  Retrying is
 * always safe: pushes carry an idempotency key and pulls only read.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <curl/curl.h>
#include <cjson/cJSON.h>
#include <zlib.h>

#include "yichuang/codec.h"
#include "yichuang/sync.h"
#include "yichuang/util.h"
#include "transport.h"

#define TRANSPORT_MAX_ANSWER (256u << 20)	/* refuse absurd answers */
#define TRANSPORT_BACKOFF_CAP_MS 8000

unsigned char *transport_gzip(const char *data, size_t n, size_t *outlen)
{
	z_stream zs;
	unsigned char *out;
	uLong cap;

	memset(&zs, 0, sizeof zs);
	if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	cap = deflateBound(&zs, (uLong)n) + 32;
	out = malloc(cap);
	if (!out) {
		deflateEnd(&zs);
		return NULL;
	}
	zs.next_in = (Bytef *)(uintptr_t)data;
	zs.avail_in = (uInt)n;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	if (deflate(&zs, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&zs);
		free(out);
		return NULL;
	}
	*outlen = zs.total_out;
	deflateEnd(&zs);
	return out;
}

void transport_global_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* The CA certificates a transport trusts besides the default: ca_pem
 * followed by libcurl's default bundle (a CA given with init --ca-file is
 * added to the public ones, not put in their place). */
static int transport_ca(struct transport *t, const char *ca_pem, char *err, size_t errsz)
{
	const curl_version_info_data *v = curl_version_info(CURLVERSION_NOW);
	struct strbuf sb;
	char *def = NULL;
	size_t deflen = 0;

	if (v && v->cainfo)
		def = yc_read_file(v->cainfo, &deflen, NULL, 0);
	sb_init(&sb);
	sb_append(&sb, ca_pem);
	sb_append(&sb, "\n");
	if (def)
		sb_appendn(&sb, def, deflen);
	free(def);
	t->calen = sb.len;
	t->ca = sb_take(&sb);
	if (!t->ca)
		return yc_seterr(err, errsz, _("内存不足"));
	return 0;
}

int transport_init(struct transport *t, const struct sync_config *cfg, const char *server,
		   const char *token, const char *ca_pem, char *err, size_t errsz)
{
	struct strbuf sb;
	size_t n;

	memset(t, 0, sizeof *t);
	if (!server || (strncmp(server, "http://", 7) != 0 && strncmp(server, "https://", 8) != 0))
		return yc_seterr(err, errsz, _("中心地址“%s”无效：应以 http:// 或 https:// 开头"),
				 server ? server : "");
	if (!token || !*token)
		return yc_seterr(err, errsz, _("没有终端令牌：请用 yichuang init --server 地址"
					       " --token 令牌 登记本工作站"));
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return yc_seterr(err, errsz, _("无法初始化网络库 libcurl"));
	t->retries = cfg && cfg->retries > 0 ? cfg->retries : 4;
	t->connect_timeout = cfg && cfg->connect_timeout > 0 ? cfg->connect_timeout : 10;
	t->stall_seconds = cfg && cfg->stall_seconds > 0 ? cfg->stall_seconds : 10;
	t->backoff_ms = cfg && cfg->backoff_ms > 0 ? cfg->backoff_ms : 500;
	t->request_timeout = cfg && cfg->request_timeout > 0 ? cfg->request_timeout : 300;
	t->progress = cfg ? cfg->progress : NULL;
	t->quit = cfg ? cfg->quit : NULL;
	t->rng = (unsigned long long)time(NULL) * 6364136223846793005ULL ^
		 (unsigned long long)getpid() ^ (unsigned long long)(uintptr_t)t;
	t->base = yc_strdup(server);
	sb_init(&sb);
	sb_appendf(&sb, "Authorization: Bearer %s", token);
	t->auth = sb_take(&sb);
	t->curl = curl_easy_init();
	if (!t->base || !t->auth || !t->curl) {
		transport_cleanup(t);
		return yc_seterr(err, errsz, _("内存不足"));
	}
	n = strlen(t->base);
	while (n > 0 && t->base[n - 1] == '/')
		t->base[--n] = '\0';
	if (ca_pem && *ca_pem && transport_ca(t, ca_pem, err, errsz) != 0) {
		transport_cleanup(t);
		return -1;
	}
	return 0;
}

void transport_cleanup(struct transport *t)
{
	if (t->curl)
		curl_easy_cleanup(t->curl);
	free(t->base);
	free(t->auth);
	free(t->ca);
	memset(t, 0, sizeof *t);
}

/* libcurl write callback: appends to a strbuf, refusing absurd sizes. */
static size_t transport_write(char *p, size_t size, size_t nmemb, void *arg)
{
	struct strbuf *sb = arg;
	size_t n = size * nmemb;

	if (sb->len + n > TRANSPORT_MAX_ANSWER || sb_appendn(sb, p, n) != 0)
		return 0;
	return n;
}

/* A pseudo-random number below `below` (xorshift; jitter only). */
static unsigned long transport_random(struct transport *t, unsigned long below)
{
	t->rng ^= t->rng << 13;
	t->rng ^= t->rng >> 7;
	t->rng ^= t->rng << 17;
	return below ? (unsigned long)(t->rng % below) : 0;
}

int transport_quitting(const struct transport *t)
{
	return t->quit && atomic_load(t->quit) != 0;
}

/* Sleeps ms milliseconds, in steps of at most 100 ms so that a quit is
 * seen soon. */
static void transport_sleep_ms(struct transport *t, unsigned long ms)
{
	while (ms > 0 && !transport_quitting(t)) {
		unsigned long step = ms < 100 ? ms : 100;
		struct timespec ts = { 0, (long)step * 1000000L };

		while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
			;
		ms -= step;
	}
}

/* libcurl calls this about once a second at the least, also while no
 * byte moves: a non-zero answer aborts the transfer. */
static int transport_xferinfo(void *arg, curl_off_t dltotal, curl_off_t dlnow,
			      curl_off_t ultotal, curl_off_t ulnow)
{
	const struct transport *t = arg;

	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	(void)ulnow;
	return transport_quitting(t);
}

/* One try.  Returns 0 with the HTTP status in *status, or -1 with the
 * transfer error in err (*status 0). */
static int transport_once(struct transport *t, const char *url, const unsigned char *body,
			  size_t bodylen, struct strbuf *resp, long *status,
			  char *err, size_t errsz)
{
	CURL *c = t->curl;
	struct curl_slist *h = NULL, *nh;
	static const char *const fixed[] = {
		"Accept: application/json", "Content-Type: application/json", "Expect:",
	};
	CURLcode rc;
	curl_off_t up = 0, down = 0;

	*status = 0;
	curl_easy_reset(c);
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		nh = curl_slist_append(h, fixed[i]);
		if (!nh)
			goto oom;
		h = nh;
	}
	nh = curl_slist_append(h, t->auth);
	if (!nh)
		goto oom;
	h = nh;
	if (t->install[0]) {
		nh = curl_slist_append(h, t->install);
		if (!nh)
			goto oom;
		h = nh;
	}
	if (body) {
		nh = curl_slist_append(h, "Content-Encoding: gzip");
		if (!nh)
			goto oom;
		h = nh;
		curl_easy_setopt(c, CURLOPT_POST, 1L);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, (const char *)body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)bodylen);
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)t->connect_timeout);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, (long)t->stall_seconds);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)t->request_timeout);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, transport_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, resp);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "yichuang/" YC_VERSION);
	if (t->ca) {
		struct curl_blob blob = { t->ca, t->calen, CURL_BLOB_NOCOPY };

		curl_easy_setopt(c, CURLOPT_CAINFO_BLOB, &blob);
	}
	if (t->quit) {
		curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
		curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, transport_xferinfo);
		curl_easy_setopt(c, CURLOPT_XFERINFODATA, t);
	}
	rc = curl_easy_perform(c);
	curl_slist_free_all(h);
	if (curl_easy_getinfo(c, CURLINFO_SIZE_UPLOAD_T, &up) == CURLE_OK && up > 0)
		t->bytes_sent += (unsigned long long)up;
	if (curl_easy_getinfo(c, CURLINFO_SIZE_DOWNLOAD_T, &down) == CURLE_OK && down > 0)
		t->bytes_received += (unsigned long long)down;
	if (rc != CURLE_OK) {
		t->cause = SYNC_CAUSE_NETWORK;
		if (rc == CURLE_ABORTED_BY_CALLBACK)
			return yc_seterr(err, errsz, "%s", _("同步已中止（程序正在退出）"));
		if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_ISSUER_ERROR ||
		    rc == CURLE_SSL_CACERT_BADFILE) {
			t->cause = SYNC_CAUSE_TLS;
			return yc_seterr(err, errsz,
					 _("中心 %s 的 HTTPS 证书无法验证（%s）。中心使用自签名证书或单位内部 CA"
					   " 签发的证书时，请向管理员索取该 CA 证书（PEM 文件），用 yichuang init"
					   " --server 地址 --token 令牌 --ca-file CA证书.pem 登记；"
					   "地址中的主机名须与证书上的一致"),
					 t->base, curl_easy_strerror(rc));
		}
		if (rc == CURLE_SSL_CONNECT_ERROR)
			return yc_seterr(err, errsz,
					 _("无法与中心 %s 建立 HTTPS 连接（%s）；中心是否只提供 http://？"),
					 t->base, curl_easy_strerror(rc));
		if (rc == CURLE_OPERATION_TIMEDOUT)
			return yc_seterr(err, errsz, _("连接中心 %s 超时或传输停滞"), t->base);
		return yc_seterr(err, errsz, _("无法连接中心 %s：%s"), t->base,
				 curl_easy_strerror(rc));
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	return 0;
oom:
	curl_slist_free_all(h);
	return yc_seterr(err, errsz, _("内存不足"));
}

int transport_request(struct transport *t, const char *path, const char *json,
		      struct strbuf *resp, char *err, size_t errsz)
{
	unsigned char *body = NULL;
	size_t bodylen = 0;
	struct strbuf url;
	char *u;
	long last = 0;			/* the last try's HTTP status, 0: none */
	int ret = -1;

	sb_init(&url);
	sb_appendf(&url, "%s%s", t->base, path);
	u = sb_take(&url);
	if (!u)
		return yc_seterr(err, errsz, _("内存不足"));
	if (json) {
		body = transport_gzip(json, strlen(json), &bodylen);
		if (!body) {
			free(u);
			return yc_seterr(err, errsz, _("压缩请求失败（内存不足）"));
		}
	}
	for (int try = 0; try < t->retries && !transport_quitting(t); try++) {
		long status = 0;
		unsigned long ceiling;

		if (try > 0) {
			/* say so: a silent wait looks like a hang */
			if (t->progress) {
				fprintf(t->progress, last ? _("中心暂时无法处理，第 %d 次重试（最多 %d 次）…（%s）\n")
						     : _("中心无应答，第 %d 次重试（最多 %d 次）…（%s）\n"),
					try, t->retries - 1, err);
				fflush(t->progress);
			}
			ceiling = (unsigned long)t->backoff_ms << (try - 1 < 10 ? try - 1 : 10);
			if (ceiling > TRANSPORT_BACKOFF_CAP_MS)
				ceiling = TRANSPORT_BACKOFF_CAP_MS;
			transport_sleep_ms(t, transport_random(t, ceiling));
			if (transport_quitting(t))
				break;
		}
		sb_free(resp);
		sb_init(resp);
		last = 0;
		if (transport_once(t, u, body, bodylen, resp, &status, err, errsz) != 0) {
			if (t->cause == SYNC_CAUSE_TLS)
				break;	/* the certificate will not change */
			continue;	/* connection trouble: try again */
		}
		if (status >= 200 && status < 300) {
			/* A reply cut inside its headers can reach us as a
			 * complete 2xx with no body: every answer of central is
			 * a JSON document, so anything else was cut short. */
			cJSON *doc = cJSON_Parse(resp->buf ? resp->buf : "");

			if (!doc) {
				yc_seterr(err, errsz, _("中心 %s 的应答不完整（连接中途断开），重试"),
					  t->base);
				t->cause = SYNC_CAUSE_NETWORK;
				continue;
			}
			cJSON_Delete(doc);
			if (errsz)
				err[0] = '\0';
			t->cause = SYNC_CAUSE_NONE;
			ret = 0;
			break;
		}
		{
			char msg[768];

			codec_error_parse(resp->buf ? resp->buf : "", msg, sizeof msg);
			if (status == 401)
				yc_seterr(err, errsz, _("中心 %s 不接受本终端的令牌（401）：%s；"
							"请向管理员确认令牌后重新登记"),
					  t->base, msg[0] ? msg : _("令牌无效"));
			else
				yc_seterr(err, errsz, _("中心 %s 回答 HTTP %ld：%s"), t->base, status,
					  msg[0] ? msg : _("没有说明"));
			t->cause = status == 401 ? SYNC_CAUSE_TOKEN
				   : status == 429 || status >= 500 ? SYNC_CAUSE_NETWORK
				   : SYNC_CAUSE_REFUSED;
		}
		if (status != 429 && status < 500)
			break;		/* our request is wrong: retrying will not help */
		last = status;
	}
	if (ret != 0 && transport_quitting(t)) {
		t->cause = SYNC_CAUSE_NETWORK;
		yc_seterr(err, errsz, "%s", _("同步已中止（程序正在退出）"));
	}
	free(u);
	free(body);
	return ret;
}

int transport_probe(struct transport *t, char *err, size_t errsz)
{
	struct strbuf url, resp;
	long status = 0;
	char *u;
	int rc;

	sb_init(&url);
	sb_appendf(&url, "%s/healthz", t->base);
	u = sb_take(&url);
	if (!u)
		return yc_seterr(err, errsz, _("内存不足"));
	sb_init(&resp);
	rc = transport_once(t, u, NULL, 0, &resp, &status, err, errsz);
	free(u);
	if (rc == 0 && status != 200) {
		char msg[256];

		codec_error_parse(resp.buf ? resp.buf : "", msg, sizeof msg);
		yc_seterr(err, errsz, _("中心 %s 回答 HTTP %ld：%s"), t->base, status,
			  msg[0] ? msg : _("没有说明"));
		rc = -1;
	}
	sb_free(&resp);
	return rc;
}
