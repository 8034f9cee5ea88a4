/*
 * transport.h — HTTP for the sync client (libcurl lives only in src/sync):
 * gzip request bodies, compressed answers, a bearer token, connection
 * timeouts and stall detection, and retries with full-jitter exponential
 * backoff for failures that may pass.
 */
#ifndef YICHUANG_SYNC_TRANSPORT_H
#define YICHUANG_SYNC_TRANSPORT_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>

#include "yichuang/util.h"

struct sync_config;

struct transport {
	void *curl;			/* CURL * */
	char *base;			/* server URL without a trailing slash */
	char *auth;			/* "Authorization: Bearer TOKEN" */
	char install[80];		/* "X-Yichuang-Install: UUID" of the
					 * workstation database; "" none */
	int retries;
	int connect_timeout;
	int stall_seconds;
	int backoff_ms;
	int request_timeout;
	unsigned long long rng;		/* jitter */
	unsigned long long bytes_sent;	/* on the wire (compressed) */
	unsigned long long bytes_received;
	char *ca;			/* CA certificates (PEM) trusted besides
					 * libcurl's default bundle; NULL: none */
	size_t calen;
	int cause;			/* enum sync_cause of the last failure */
	FILE *progress;			/* a line per retry; NULL: silent */
	atomic_int *quit;		/* set: give up now (sync_config.quit) */
};

/* libcurl's process-wide set-up; call once before threads use it. */
void transport_global_init(void);

/* Prepares a transport to `server` with `token` (settings of cfg; zero
 * values take the defaults of sync.h).  ca_pem (may be NULL): CA
 * certificates to trust for HTTPS besides libcurl's default bundle. */
int transport_init(struct transport *t, const struct sync_config *cfg, const char *server,
		   const char *token, const char *ca_pem, char *err, size_t errsz);
void transport_cleanup(struct transport *t);

/* Sends one request (json: the body for POST, NULL for GET) to base +
 * path and reads the answer into resp.  Retries connection failures,
 * stalls, 429 and 5xx answers up to t->retries tries in all, sleeping a
 * random time below an exponentially growing ceiling between tries.
 * 0 with a 2xx answer in resp; -1 with the reason in err otherwise (the
 * server's own {"error": ...} message when it gave one) and its kind in
 * t->cause.  A certificate central's cannot be trusted with is not
 * retried. */
int transport_request(struct transport *t, const char *path, const char *json,
		      struct strbuf *resp, char *err, size_t errsz);

/* One try of GET /healthz (no token): 0 when central and its database
 * answer, -1 with the reason. */
int transport_probe(struct transport *t, char *err, size_t errsz);

/* 1 when the transport was told to give up (t->quit). */
int transport_quitting(const struct transport *t);

/* Compresses n bytes into a gzip stream (allocated, length in *outlen). */
unsigned char *transport_gzip(const char *data, size_t n, size_t *outlen);

#endif
