/*
 * http.h — yichuangd's HTTP server (libmicrohttpd) around the API.
 */
#ifndef YICHUANG_SERVER_HTTP_H
#define YICHUANG_SERVER_HTTP_H

#include <stddef.h>

#include "server.h"

struct http_server;

/* Starts listening on cfg->listen with cfg->threads threads (TLS when
 * cfg->tls_cert and cfg->tls_key are set).  NULL with a message. */
struct http_server *http_start(struct api *api, const struct srv_config *cfg,
			       char *err, size_t errsz);
/* The port listened on (the one the system chose for port 0). */
int http_port(const struct http_server *s);
/* Stops accepting, lets running requests finish (at most wait_seconds),
 * then stops the threads. */
void http_stop(struct http_server *s, int wait_seconds);

#endif
