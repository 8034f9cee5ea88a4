/*
 * proxy.c — the fault proxy of the sync tests: a loopback TCP proxy in
 * front of yichuangd that breaks chosen HTTP requests the ways a bad
 * network does, so that tests/sync/test_fault.sh can show that a
 * connection cut at any byte loses nothing and doubles nothing.  Plain
 * C11 and POSIX (libc only), one thread, one poll() loop.
 *
 *   proxy [-c CONTROL] [-s SCHEDULE] [-p PORTFILE] LISTEN_PORT TARGET_PORT
 *
 * Listens on 127.0.0.1:LISTEN_PORT (0: the system chooses; the port is
 * written to PORTFILE and in the first line on stderr) and forwards every
 * connection to 127.0.0.1:TARGET_PORT.  When the target refuses, the
 * client's connection is closed at once (like a server that is down).
 *
 * Rules.  The proxy reads the head of every HTTP request (up to the empty
 * line, holding it back) and picks a rule for that request; requests on
 * one keep-alive connection get a rule each.  Rules are the lines of the
 * CONTROL file, re-read at every request, or else the SCHEDULE argument
 * (rules separated by ';').  Request k since the rules last changed (new
 * content or mtime of the file) takes rule k; once the rules are used up,
 * the last one applies to every further request.  No rules: pass.
 * A rule may end with "@PREFIX": it then applies only to a request whose
 * path starts with PREFIX; other requests pass without using it up.
 * Blank lines and lines starting with '#' are ignored.
 *
 *   pass                 forward both ways untouched
 *   cut-request N        forward N bytes of the request, then close both
 *                        sides (N = 0: close before any byte)
 *   cut-reply N          forward the request and N bytes of the reply,
 *                        then close both sides
 *   drop-reply           forward the whole request, wait for the first
 *                        byte of the reply (the server has done the work),
 *                        close both sides without passing it on
 *   status CODE          answer the request itself (after reading its
 *                        body) with HTTP CODE, a JSON error and
 *                        "Connection: close"; the server never sees it
 *                        (503 also gets "Retry-After: 1")
 *   stall SECONDS [N]    forward the request and N bytes of the reply
 *                        (default 0), then forward nothing more; after
 *                        SECONDS (0: never) close both sides
 *
 * Every request and every fault done is logged on stderr as one line
 * "proxy: #K METHOD PATH: RULE" / "proxy: #K what happened", which the
 * tests read to know a fault really happened; a request that passed gets
 * "proxy: #K passed: request N bytes, reply N bytes" when the next one
 * on its connection begins or the connection closes.  SIGTERM or SIGINT
 * stops the proxy.  Requests are framed by Content-Length (chunked
 * request bodies are not understood: they count as having no body).
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PROXY_MAX_CONN 64
#define PROXY_HEAD_MAX 16384
#define PROXY_BUF 65536
#define PROXY_SLACK (PROXY_HEAD_MAX + 1024)
#define PROXY_RULES_MAX 64
#define PROXY_CONTROL_MAX 8192

enum proxy_mode { M_PASS, M_CUT_REQUEST, M_CUT_REPLY, M_DROP_REPLY, M_STATUS, M_STALL };

struct proxy_rule {
	enum proxy_mode mode;
	long n;			/* bytes (cut-*, stall), status code */
	long seconds;		/* stall */
	char prefix[128];	/* "" matches every path */
};

/* A buffer of bytes waiting to be written to one side. */
struct proxy_buf {
	char data[PROXY_BUF];
	size_t len, off;
};

enum req_state { R_HEAD, R_BODY, R_DONE };

/* One client connection and its connection to the target. */
struct proxy_conn {
	int used;
	int cfd, sfd;
	struct proxy_buf to_server, to_client;
	/* the request being read from the client */
	enum req_state rs;
	char head[PROXY_HEAD_MAX];
	size_t headlen;
	long long body_left;
	long long req_sent;	/* bytes of this request put towards the server */
	long long rep_sent;	/* bytes of its reply put towards the client */
	unsigned long reqno;
	struct proxy_rule rule;
	int discard;		/* status: the body is read and thrown away */
	int closing;		/* close both sides once to_client/to_server drain */
	int stalled;
	struct timespec stall_until;
};

static struct proxy_conn conns[PROXY_MAX_CONN];
static struct proxy_rule sched[PROXY_RULES_MAX];
static size_t nsched;
static struct proxy_rule rules[PROXY_RULES_MAX];
static size_t nrules, rule_next;
static char control_text[PROXY_CONTROL_MAX];
static struct timespec control_mtime;
static const char *control_path;
static unsigned long requests;
static volatile sig_atomic_t stop;

static void proxy_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* One line on stderr, "proxy: ..." */
static void proxy_log(const char *fmt, ...)
{
	va_list ap;

	fputs("proxy: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}

static void proxy_on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* Parses one rule ("stall 5 100 @/v1/sync/push"); -1 when malformed. */
static int proxy_parse_rule(const char *text, struct proxy_rule *r)
{
	char word[32] = "", rest[256], *at;
	long a = -1, b = -1;
	int k;

	memset(r, 0, sizeof *r);
	snprintf(rest, sizeof rest, "%s", text);
	at = strchr(rest, '@');
	if (at) {
		snprintf(r->prefix, sizeof r->prefix, "%s", at + 1);
		r->prefix[strcspn(r->prefix, " \t\r\n")] = '\0';
		*at = '\0';
	}
	k = sscanf(rest, "%31s %ld %ld", word, &a, &b);
	if (k < 1)
		return -1;
	if (strcmp(word, "pass") == 0 && k == 1) {
		r->mode = M_PASS;
	} else if (strcmp(word, "cut-request") == 0 && k == 2 && a >= 0) {
		r->mode = M_CUT_REQUEST;
		r->n = a;
	} else if (strcmp(word, "cut-reply") == 0 && k == 2 && a >= 0) {
		r->mode = M_CUT_REPLY;
		r->n = a;
	} else if (strcmp(word, "drop-reply") == 0 && k == 1) {
		r->mode = M_DROP_REPLY;
	} else if (strcmp(word, "status") == 0 && k == 2 && a >= 100 && a <= 599) {
		r->mode = M_STATUS;
		r->n = a;
	} else if (strcmp(word, "stall") == 0 && k >= 2 && a >= 0) {
		r->mode = M_STALL;
		r->seconds = a;
		r->n = k == 3 && b >= 0 ? b : 0;
	} else {
		return -1;
	}
	return 0;
}

/* Parses rules separated by `sep` characters into v; returns the count,
 * or -1 (after logging) when a rule is malformed. */
static long proxy_parse_rules(const char *text, const char *sep, struct proxy_rule *v)
{
	char copy[PROXY_CONTROL_MAX], *save = NULL, *tok;
	size_t n = 0;

	snprintf(copy, sizeof copy, "%s", text);
	for (tok = strtok_r(copy, sep, &save); tok; tok = strtok_r(NULL, sep, &save)) {
		while (*tok == ' ' || *tok == '\t')
			tok++;
		if (!*tok || *tok == '#' || *tok == '\r')
			continue;
		if (n == PROXY_RULES_MAX) {
			proxy_log("too many rules (at most %d)", PROXY_RULES_MAX);
			return -1;
		}
		if (proxy_parse_rule(tok, &v[n]) != 0) {
			proxy_log("bad rule \"%s\"", tok);
			return -1;
		}
		n++;
	}
	return (long)n;
}

/* Re-reads the control file; a change of content or mtime starts its
 * rules from the first again.  An unreadable file leaves the schedule. */
static void proxy_reload(void)
{
	char text[PROXY_CONTROL_MAX];
	struct stat sb;
	FILE *f;
	size_t len;
	long n;

	if (!control_path || stat(control_path, &sb) != 0) {
		if (control_text[0] || control_mtime.tv_sec) {
			/* the file went away: back to the schedule */
			memcpy(rules, sched, sizeof rules);
			nrules = nsched;
			rule_next = 0;
			control_text[0] = '\0';
			memset(&control_mtime, 0, sizeof control_mtime);
		}
		return;
	}
	f = fopen(control_path, "r");
	if (!f)
		return;
	len = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[len] = '\0';
	if (strcmp(text, control_text) == 0 && sb.st_mtim.tv_sec == control_mtime.tv_sec &&
	    sb.st_mtim.tv_nsec == control_mtime.tv_nsec)
		return;
	memcpy(control_text, text, len + 1);
	control_mtime = sb.st_mtim;
	n = proxy_parse_rules(text, "\n", rules);
	nrules = n < 0 ? 0 : (size_t)n;
	rule_next = 0;
	proxy_log("rules reloaded from %s: %zu rule(s)", control_path, nrules);
}

/* The rule of a request for `path` (and uses it up). */
static struct proxy_rule proxy_pick(const char *path)
{
	struct proxy_rule pass;
	size_t i;

	memset(&pass, 0, sizeof pass);
	proxy_reload();
	if (nrules == 0)
		return pass;
	i = rule_next < nrules ? rule_next : nrules - 1;
	if (rules[i].prefix[0] && strncmp(path, rules[i].prefix, strlen(rules[i].prefix)) != 0)
		return pass;
	if (rule_next < nrules)
		rule_next++;
	return rules[i];
}

static const char *proxy_mode_name(enum proxy_mode m)
{
	switch (m) {
	case M_PASS: return "pass";
	case M_CUT_REQUEST: return "cut-request";
	case M_CUT_REPLY: return "cut-reply";
	case M_DROP_REPLY: return "drop-reply";
	case M_STATUS: return "status";
	case M_STALL: return "stall";
	}
	return "?";
}

static void proxy_now(struct timespec *ts)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
}

/* Logs the sizes of the connection's last request and reply. */
static void proxy_log_sizes(const struct proxy_conn *c)
{
	if (c->reqno > 0 && c->rule.mode == M_PASS)
		proxy_log("#%lu passed: request %lld bytes, reply %lld bytes", c->reqno,
			  c->req_sent, c->rep_sent);
}

static void proxy_close(struct proxy_conn *c, const char *why)
{
	proxy_log_sizes(c);
	if (why)
		proxy_log("#%lu %s", c->reqno, why);
	if (c->cfd >= 0)
		close(c->cfd);
	if (c->sfd >= 0)
		close(c->sfd);
	c->used = 0;
	c->cfd = c->sfd = -1;
}

/* Appends n bytes to a buffer.  Reads are sized so that they always fit
 * (see proxy_room and PROXY_SLACK); anything beyond is dropped, logged. */
static void proxy_put(struct proxy_buf *b, const char *p, size_t n)
{
	if (b->off > 0) {
		memmove(b->data, b->data + b->off, b->len - b->off);
		b->len -= b->off;
		b->off = 0;
	}
	if (n > sizeof b->data - b->len) {
		proxy_log("buffer full: %zu byte(s) lost", n - (sizeof b->data - b->len));
		n = sizeof b->data - b->len;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

/* How many bytes one read may take to end up in b: what is free, less a
 * reserve for a held request head or a canned answer. */
static size_t proxy_room(const struct proxy_buf *b)
{
	size_t free_ = sizeof b->data - (b->len - b->off);

	return free_ > PROXY_SLACK ? free_ - PROXY_SLACK : 0;
}

/* Content-Length of a request head; 0 when absent. */
static long long proxy_content_length(const char *head)
{
	const char *p = head;

	while ((p = strchr(p, '\n')) != NULL) {
		p++;
		if (strncasecmp(p, "Content-Length:", 15) == 0)
			return atoll(p + 15);
	}
	return 0;
}

/* The request head is complete: picks its rule, forwards what the rule
 * lets through.  Returns -1 when the connection was closed. */
static int proxy_head_done(struct proxy_conn *c)
{
	char method[16] = "", path[256] = "";
	size_t fwd;

	proxy_log_sizes(c);
	c->reqno = ++requests;
	sscanf(c->head, "%15s %255s", method, path);
	c->body_left = proxy_content_length(c->head);
	c->rule = proxy_pick(path);
	c->req_sent = c->rep_sent = 0;
	c->discard = 0;
	c->stalled = 0;
	if (c->rule.mode == M_STALL || c->rule.mode == M_CUT_REQUEST ||
	    c->rule.mode == M_CUT_REPLY || c->rule.mode == M_STATUS)
		proxy_log("#%lu %s %s: %s %ld", c->reqno, method, path,
			  proxy_mode_name(c->rule.mode), c->rule.n);
	else
		proxy_log("#%lu %s %s: %s", c->reqno, method, path, proxy_mode_name(c->rule.mode));
	c->rs = c->body_left > 0 ? R_BODY : R_DONE;
	if (c->rule.mode == M_STATUS) {
		c->discard = 1;
		return 0;
	}
	fwd = c->headlen;
	if (c->rule.mode == M_CUT_REQUEST && (long long)fwd > c->rule.n)
		fwd = (size_t)c->rule.n;
	proxy_put(&c->to_server, c->head, fwd);
	c->req_sent = (long long)fwd;
	if (c->rule.mode == M_CUT_REQUEST && c->req_sent >= c->rule.n) {
		proxy_log("#%lu cut the request after %lld bytes", c->reqno, c->req_sent);
		c->closing = 1;
	}
	return 0;
}

/* The canned answer of a status rule. */
static void proxy_answer_status(struct proxy_conn *c)
{
	char body[128], msg[512];
	int n;

	snprintf(body, sizeof body, "{\"error\":\"故障代理的模拟回答 %ld\"}", c->rule.n);
	n = snprintf(msg, sizeof msg,
		     "HTTP/1.1 %ld Fault\r\nContent-Type: application/json\r\n"
		     "Content-Length: %zu\r\n%sConnection: close\r\n\r\n%s",
		     c->rule.n, strlen(body), c->rule.n == 503 ? "Retry-After: 1\r\n" : "", body);
	proxy_put(&c->to_client, msg, (size_t)n);
	proxy_log("#%lu answered %ld itself", c->reqno, c->rule.n);
	c->closing = 1;
}

/* Bytes read from the client: frames them into requests and forwards
 * what each one's rule lets through. */
static void proxy_from_client(struct proxy_conn *c, const char *p, size_t n)
{
	while (n > 0 && !c->closing) {
		if (c->rs == R_DONE) {		/* the next request begins */
			c->rs = R_HEAD;
			c->headlen = 0;
		}
		if (c->rs == R_HEAD) {
			char *end;
			size_t take = n < PROXY_HEAD_MAX - 1 - c->headlen ? n
				      : PROXY_HEAD_MAX - 1 - c->headlen;
			size_t before = c->headlen;

			memcpy(c->head + c->headlen, p, take);
			c->headlen += take;
			c->head[c->headlen] = '\0';
			end = strstr(c->head, "\r\n\r\n");
			if (!end) {
				if (c->headlen == PROXY_HEAD_MAX - 1) {
					proxy_close(c, "request head too long: closed");
					return;
				}
				return;
			}
			/* only the head's bytes belong to it */
			c->headlen = (size_t)(end + 4 - c->head);
			c->head[c->headlen] = '\0';
			p += c->headlen - before;
			n -= c->headlen - before;
			if (proxy_head_done(c) != 0)
				return;
			if (c->rs == R_DONE && c->discard)
				proxy_answer_status(c);
			continue;
		}
		/* R_BODY */
		{
			size_t take = (long long)n < c->body_left ? n : (size_t)c->body_left;

			c->body_left -= (long long)take;
			if (!c->discard) {
				size_t fwd = take;

				if (c->rule.mode == M_CUT_REQUEST &&
				    c->req_sent + (long long)fwd > c->rule.n)
					fwd = (size_t)(c->rule.n - c->req_sent);
				proxy_put(&c->to_server, p, fwd);
				c->req_sent += (long long)fwd;
				if (c->rule.mode == M_CUT_REQUEST && c->req_sent >= c->rule.n) {
					proxy_log("#%lu cut the request after %lld bytes", c->reqno,
						  c->req_sent);
					c->closing = 1;
				}
			}
			p += take;
			n -= take;
			if (c->body_left == 0) {
				c->rs = R_DONE;
				if (c->discard)
					proxy_answer_status(c);
			}
		}
	}
}

/* Bytes read from the server: forwards what the rule lets through. */
static void proxy_from_server(struct proxy_conn *c, const char *p, size_t n)
{
	size_t fwd = n;

	if (c->closing || c->stalled)
		return;
	switch (c->rule.mode) {
	case M_DROP_REPLY:
		proxy_close(c, "dropped the reply (the server had answered)");
		return;
	case M_CUT_REPLY:
	case M_STALL:
		if (c->rep_sent + (long long)fwd > c->rule.n)
			fwd = (size_t)(c->rule.n - c->rep_sent);
		break;
	default:
		break;
	}
	proxy_put(&c->to_client, p, fwd);
	c->rep_sent += (long long)fwd;
	if (c->rule.mode == M_CUT_REPLY && c->rep_sent >= c->rule.n) {
		proxy_log("#%lu cut the reply after %lld bytes", c->reqno, c->rep_sent);
		c->closing = 1;
	} else if (c->rule.mode == M_STALL && c->rep_sent >= c->rule.n) {
		proxy_log("#%lu stalled the reply after %lld bytes", c->reqno, c->rep_sent);
		c->stalled = 1;
		proxy_now(&c->stall_until);
		c->stall_until.tv_sec += c->rule.seconds;
	}
}

/* Writes what a buffer holds to fd; -1 when the peer is gone. */
static int proxy_flush(int fd, struct proxy_buf *b)
{
	while (b->off < b->len) {
		ssize_t w = write(fd, b->data + b->off, b->len - b->off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 0;
			return -1;
		}
		b->off += (size_t)w;
	}
	b->off = b->len = 0;
	return 0;
}

static void proxy_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl >= 0)
		fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/* Accepts a client and connects it to the target. */
static void proxy_accept(int lfd, int target_port)
{
	struct sockaddr_in sa;
	struct proxy_conn *c = NULL;
	int cfd = accept(lfd, NULL, NULL), sfd, one = 1;

	if (cfd < 0)
		return;
	for (int i = 0; i < PROXY_MAX_CONN; i++)
		if (!conns[i].used) {
			c = &conns[i];
			break;
		}
	if (!c) {
		proxy_log("too many connections: one refused");
		close(cfd);
		return;
	}
	sfd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)target_port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (sfd < 0 || connect(sfd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		proxy_log("target 127.0.0.1:%d refused: client closed", target_port);
		if (sfd >= 0)
			close(sfd);
		close(cfd);
		return;
	}
	setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	setsockopt(sfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	proxy_nonblock(cfd);
	proxy_nonblock(sfd);
	memset(c, 0, sizeof *c);
	c->used = 1;
	c->cfd = cfd;
	c->sfd = sfd;
	c->rs = R_DONE;
}

/* Milliseconds from now to ts (at least 0). */
static int proxy_ms_until(const struct timespec *ts)
{
	struct timespec now;
	long long ms;

	proxy_now(&now);
	ms = (long long)(ts->tv_sec - now.tv_sec) * 1000 + (ts->tv_nsec - now.tv_nsec) / 1000000;
	return ms < 0 ? 0 : ms > 1000 ? 1000 : (int)ms;
}

/* One connection's turn after poll: reads, writes, closes. */
static void proxy_service(struct proxy_conn *c, short crev, short srev)
{
	char buf[PROXY_BUF / 2];
	size_t want;
	ssize_t r;

	if (crev & POLLOUT) {
		if (proxy_flush(c->cfd, &c->to_client) != 0) {
			proxy_close(c, NULL);
			return;
		}
	}
	if (srev & POLLOUT) {
		if (proxy_flush(c->sfd, &c->to_server) != 0) {
			proxy_close(c, NULL);
			return;
		}
	}
	want = proxy_room(&c->to_server) < sizeof buf ? proxy_room(&c->to_server) : sizeof buf;
	if ((crev & (POLLIN | POLLHUP | POLLERR)) && want > 0) {
		r = read(c->cfd, buf, want);
		if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
			proxy_close(c, NULL);	/* the client went away */
			return;
		}
		if (r > 0)
			proxy_from_client(c, buf, (size_t)r);
		if (!c->used)
			return;
	}
	want = proxy_room(&c->to_client) < sizeof buf ? proxy_room(&c->to_client) : sizeof buf;
	if (!c->stalled && (srev & (POLLIN | POLLHUP | POLLERR)) && want > 0) {
		r = read(c->sfd, buf, want);
		if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
			/* the server closed: pass on what is left, then close */
			if (c->rule.mode == M_DROP_REPLY && c->rs == R_DONE) {
				proxy_close(c, "dropped the reply (the server closed)");
				return;
			}
			proxy_flush(c->cfd, &c->to_client);
			proxy_close(c, NULL);
			return;
		}
		if (r > 0)
			proxy_from_server(c, buf, (size_t)r);
		if (!c->used)
			return;
	}
	if (c->closing) {
		proxy_flush(c->sfd, &c->to_server);
		proxy_flush(c->cfd, &c->to_client);
		if (c->to_server.off == c->to_server.len && c->to_client.off == c->to_client.len)
			proxy_close(c, NULL);
	}
}

/* Parses a port number (0..65535); -1 when it is not one. */
static int proxy_port(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return end == s || *end || v < 0 || v > 65535 ? -1 : (int)v;
}

int main(int argc, char **argv)
{
	const char *schedule = NULL, *portfile = NULL;
	struct sockaddr_in sa;
	socklen_t salen = sizeof sa;
	int opt, lfd, one = 1, listen_port, target_port;
	long n;

	while ((opt = getopt(argc, argv, "c:s:p:")) != -1) {
		switch (opt) {
		case 'c': control_path = optarg; break;
		case 's': schedule = optarg; break;
		case 'p': portfile = optarg; break;
		default: goto usage;
		}
	}
	if (argc - optind != 2)
		goto usage;
	listen_port = proxy_port(argv[optind]);
	target_port = proxy_port(argv[optind + 1]);
	if (listen_port < 0 || target_port <= 0)
		goto usage;
	if (schedule) {
		n = proxy_parse_rules(schedule, ";", sched);
		if (n < 0)
			return 2;
		nsched = (size_t)n;
		memcpy(rules, sched, sizeof rules);
		nrules = nsched;
	}
	signal(SIGPIPE, SIG_IGN);
	signal(SIGTERM, proxy_on_signal);
	signal(SIGINT, proxy_on_signal);
	for (int i = 0; i < PROXY_MAX_CONN; i++)
		conns[i].cfd = conns[i].sfd = -1;

	lfd = socket(AF_INET, SOCK_STREAM, 0);
	if (lfd < 0) {
		perror("proxy: socket");
		return 1;
	}
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)listen_port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(lfd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(lfd, 64) != 0 ||
	    getsockname(lfd, (struct sockaddr *)&sa, &salen) != 0) {
		perror("proxy: listen");
		return 1;
	}
	proxy_log("listening on 127.0.0.1:%d, forwarding to 127.0.0.1:%d",
		  ntohs(sa.sin_port), target_port);
	if (portfile) {
		char tmpname[4096];
		FILE *f;

		/* written whole, then renamed: a reader never sees half */
		snprintf(tmpname, sizeof tmpname, "%s.tmp", portfile);
		f = fopen(tmpname, "w");
		if (!f || fprintf(f, "%d\n", ntohs(sa.sin_port)) < 0 || fclose(f) != 0 ||
		    rename(tmpname, portfile) != 0) {
			perror("proxy: port file");
			return 1;
		}
	}

	while (!stop) {
		struct pollfd pf[1 + 2 * PROXY_MAX_CONN];
		int idx[PROXY_MAX_CONN], np = 1, timeout = -1;

		pf[0].fd = lfd;
		pf[0].events = POLLIN;
		for (int i = 0; i < PROXY_MAX_CONN; i++) {
			struct proxy_conn *c = &conns[i];

			idx[i] = -1;
			if (!c->used)
				continue;
			if (c->stalled) {
				if (c->rule.seconds > 0) {
					int ms = proxy_ms_until(&c->stall_until);

					if (ms == 0) {
						proxy_close(c, "stall over: closed");
						continue;
					}
					if (timeout < 0 || ms < timeout)
						timeout = ms;
				}
			}
			idx[i] = np;
			pf[np].fd = c->cfd;
			/* read from the client only when its bytes can be kept;
			 * a stalled connection still notices the client leaving */
			pf[np].events = (short)((proxy_room(&c->to_server) > 0 ? POLLIN : 0) |
						(c->to_client.off < c->to_client.len ? POLLOUT : 0));
			/* a stalled reply is not read at all */
			pf[np + 1].fd = c->stalled ? -1 : c->sfd;
			pf[np + 1].events = (short)((!c->stalled && proxy_room(&c->to_client) > 0
						     ? POLLIN : 0) |
						    (c->to_server.off < c->to_server.len ? POLLOUT : 0));
			np += 2;
		}
		if (poll(pf, (nfds_t)np, timeout) < 0) {
			if (errno == EINTR)
				continue;
			perror("proxy: poll");
			return 1;
		}
		for (int i = 0; i < PROXY_MAX_CONN; i++)
			if (conns[i].used && idx[i] >= 0)
				proxy_service(&conns[i], pf[idx[i]].revents, pf[idx[i] + 1].revents);
		if (pf[0].revents & POLLIN)
			proxy_accept(lfd, target_port);
	}
	for (int i = 0; i < PROXY_MAX_CONN; i++)
		if (conns[i].used)
			proxy_close(&conns[i], NULL);
	close(lfd);
	proxy_log("stopped after %lu request(s)", requests);
	return 0;

usage:
	fprintf(stderr, "usage: proxy [-c CONTROL] [-s SCHEDULE] [-p PORTFILE] LISTEN_PORT"
		" TARGET_PORT\n");
	return 2;
}
