/*
 * wirecount.c — helper of tests/bench/bench_sync.sh: a TCP relay on the
 * loopback that counts what crosses it, so the benchmark measures the
 * bytes the real client and server exchange without touching either.
 *
 *   wirecount PORTFILE UPSTREAM_PORT LOGFILE
 *
 * Listens on 127.0.0.1 (a free port, written to PORTFILE), relays every
 * connection to 127.0.0.1:UPSTREAM_PORT, and reads the HTTP/1.1 messages
 * going by (headers up to the blank line, then Content-Length bytes of
 * body; no pipelining, which libcurl does not do).  After each answer it
 * appends one line to LOGFILE:
 *
 *   METHOD PATH REQ_HEADER REQ_BODY RESP_HEADER RESP_BODY T_START T_END
 *
 * (byte counts as on the wire, so bodies still gzipped; times in
 * microseconds of CLOCK_MONOTONIC: first byte of the request, last byte
 * of the answer).  A body sent chunked is counted as body up to the
 * chunk terminator.  Runs until SIGTERM.
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define WC_CONNS 32
#define WC_HDR 16384

/* One direction's parser: headers, then a body of known length. */
struct wc_dir {
	char hdr[WC_HDR];
	size_t hlen;			/* header bytes so far */
	int in_body;
	long long body_left;		/* -1: chunked */
	long long hbytes, bbytes;	/* of the current message */
	char tail[8];			/* chunked: last bytes seen */
};

struct wc_conn {
	int a, b;			/* client, upstream; -1 when unused */
	struct wc_dir up, down;
	char method[16], path[256];
	long long t0;
	long long req_h, req_b;
};

static volatile sig_atomic_t wc_stop;
static FILE *wc_log;

static void wc_on_term(int sig)
{
	(void)sig;
	wc_stop = 1;
}

static long long wc_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

/* Content-Length of a header block; -1 for chunked, 0 when absent. */
static long long wc_length(const char *h)
{
	const char *p = h;

	while (p && *p) {
		const char *eol = strstr(p, "\r\n");

		if (strncasecmp(p, "content-length:", 15) == 0)
			return atoll(p + 15);
		if (strncasecmp(p, "transfer-encoding:", 18) == 0 && eol &&
		    strstr(p, "chunked") && strstr(p, "chunked") < eol)
			return -1;
		p = eol ? eol + 2 : NULL;
	}
	return 0;
}

/* Feeds n bytes of one direction; calls back (returns 1) each time a
 * message ends.  *used is how many bytes were consumed up to that end. */
static int wc_feed(struct wc_dir *d, const char *p, size_t n, size_t *used)
{
	size_t i = 0;

	while (i < n) {
		if (!d->in_body) {
			char c = p[i++];

			if (d->hlen < WC_HDR - 1)
				d->hdr[d->hlen] = c;
			d->hlen++;
			d->hbytes++;
			if (d->hlen >= 4 && d->hlen < WC_HDR &&
			    memcmp(d->hdr + d->hlen - 4, "\r\n\r\n", 4) == 0) {
				d->hdr[d->hlen] = '\0';
				d->body_left = wc_length(d->hdr);
				d->in_body = 1;
				memset(d->tail, 0, sizeof d->tail);
				if (d->body_left == 0) {
					*used = i;
					return 1;
				}
			}
		} else if (d->body_left > 0) {
			size_t k = n - i;

			if ((long long)k > d->body_left)
				k = (size_t)d->body_left;
			d->bbytes += (long long)k;
			d->body_left -= (long long)k;
			i += k;
			if (d->body_left == 0) {
				*used = i;
				return 1;
			}
		} else {
			/* chunked: ends with "0\r\n\r\n" */
			memmove(d->tail, d->tail + 1, sizeof d->tail - 1);
			d->tail[sizeof d->tail - 1] = p[i++];
			d->bbytes++;
			if (memcmp(d->tail + 3, "0\r\n\r\n", 5) == 0 &&
			    (d->tail[2] == '\n' || d->bbytes == 5)) {
				*used = i;
				return 1;
			}
		}
	}
	*used = n;
	return 0;
}

static void wc_reset(struct wc_dir *d)
{
	d->hlen = 0;
	d->in_body = 0;
	d->body_left = 0;
	d->hbytes = d->bbytes = 0;
}

/* Client → server bytes: notes the request line, counts the request. */
static void wc_up(struct wc_conn *c, const char *p, size_t n)
{
	while (n > 0) {
		size_t used = 0;

		if (c->up.hlen == 0 && !c->up.in_body)
			c->t0 = wc_now();
		if (wc_feed(&c->up, p, n, &used)) {
			char *sp = strchr(c->up.hdr, ' '), *sp2 = sp ? strchr(sp + 1, ' ') : NULL;

			c->method[0] = c->path[0] = '\0';
			if (sp && sp2) {
				snprintf(c->method, sizeof c->method, "%.*s", (int)(sp - c->up.hdr),
					 c->up.hdr);
				snprintf(c->path, sizeof c->path, "%.*s", (int)(sp2 - sp - 1), sp + 1);
			}
			c->req_h = c->up.hbytes;
			c->req_b = c->up.bbytes;
			wc_reset(&c->up);
		}
		p += used;
		n -= used;
	}
}

/* Server → client bytes: one log line per complete answer. */
static void wc_down(struct wc_conn *c, const char *p, size_t n)
{
	while (n > 0) {
		size_t used = 0;

		if (wc_feed(&c->down, p, n, &used)) {
			fprintf(wc_log, "%s %s %lld %lld %lld %lld %lld %lld\n",
				c->method[0] ? c->method : "-", c->path[0] ? c->path : "-", c->req_h,
				c->req_b, c->down.hbytes, c->down.bbytes, c->t0, wc_now());
			fflush(wc_log);
			wc_reset(&c->down);
		}
		p += used;
		n -= used;
	}
}

static void wc_close(struct wc_conn *c)
{
	if (c->a >= 0)
		close(c->a);
	if (c->b >= 0)
		close(c->b);
	memset(c, 0, sizeof *c);
	c->a = c->b = -1;
}

/* Writes all of buf; -1 when the peer is gone. */
static int wc_write(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct wc_conn conns[WC_CONNS];
	static char buf[65536];
	struct sockaddr_in sa;
	socklen_t sl = sizeof sa;
	struct sigaction act;
	int ls, one = 1, upstream;
	FILE *pf;

	if (argc != 4) {
		fprintf(stderr, "usage: wirecount PORTFILE UPSTREAM_PORT LOGFILE\n");
		return 2;
	}
	upstream = atoi(argv[2]);
	wc_log = fopen(argv[3], "a");
	if (!wc_log) {
		perror(argv[3]);
		return 1;
	}
	memset(&act, 0, sizeof act);
	act.sa_handler = wc_on_term;
	sigaction(SIGTERM, &act, NULL);
	sigaction(SIGINT, &act, NULL);
	signal(SIGPIPE, SIG_IGN);
	for (int i = 0; i < WC_CONNS; i++) {
		conns[i].a = conns[i].b = -1;
	}
	ls = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (ls < 0 || bind(ls, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(ls, 16) != 0 ||
	    getsockname(ls, (struct sockaddr *)&sa, &sl) != 0) {
		perror("wirecount: listen");
		return 1;
	}
	pf = fopen(argv[1], "w");
	if (!pf) {
		perror(argv[1]);
		return 1;
	}
	fprintf(pf, "%d\n", ntohs(sa.sin_port));
	fclose(pf);
	while (!wc_stop) {
		struct pollfd pfd[1 + 2 * WC_CONNS];
		int np = 1, r;

		pfd[0].fd = ls;
		pfd[0].events = POLLIN;
		for (int i = 0; i < WC_CONNS; i++) {
			pfd[1 + 2 * i].fd = conns[i].a;
			pfd[2 + 2 * i].fd = conns[i].b;
			pfd[1 + 2 * i].events = pfd[2 + 2 * i].events = POLLIN;
			pfd[1 + 2 * i].revents = pfd[2 + 2 * i].revents = 0;
			np += 2;
		}
		r = poll(pfd, (nfds_t)np, 500);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		if (pfd[0].revents & POLLIN) {
			int a = accept(ls, NULL, NULL), slot = -1;

			for (int i = 0; a >= 0 && i < WC_CONNS; i++)
				if (conns[i].a < 0) {
					slot = i;
					break;
				}
			if (a >= 0 && slot < 0) {
				close(a);
			} else if (a >= 0) {
				struct sockaddr_in ua;
				int b = socket(AF_INET, SOCK_STREAM, 0);

				memset(&ua, 0, sizeof ua);
				ua.sin_family = AF_INET;
				ua.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
				ua.sin_port = htons((unsigned short)upstream);
				if (b < 0 || connect(b, (struct sockaddr *)&ua, sizeof ua) != 0) {
					close(a);
					if (b >= 0)
						close(b);
				} else {
					setsockopt(a, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
					setsockopt(b, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
					memset(&conns[slot], 0, sizeof conns[slot]);
					conns[slot].a = a;
					conns[slot].b = b;
				}
			}
		}
		for (int i = 0; i < WC_CONNS; i++) {
			struct wc_conn *c = &conns[i];

			for (int side = 0; side < 2 && c->a >= 0; side++) {
				struct pollfd *p = &pfd[1 + 2 * i + side];
				ssize_t n;

				if (p->fd < 0 || !(p->revents & (POLLIN | POLLHUP | POLLERR)))
					continue;
				n = read(p->fd, buf, sizeof buf);
				if (n <= 0) {
					wc_close(c);
					break;
				}
				if (side == 0)
					wc_up(c, buf, (size_t)n);
				else
					wc_down(c, buf, (size_t)n);
				if (wc_write(side == 0 ? c->b : c->a, buf, (size_t)n) != 0) {
					wc_close(c);
					break;
				}
			}
		}
	}
	for (int i = 0; i < WC_CONNS; i++)
		if (conns[i].a >= 0)
			wc_close(&conns[i]);
	close(ls);
	fclose(wc_log);
	return 0;
}
