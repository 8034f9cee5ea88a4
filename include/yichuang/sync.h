/*
 * sync.h — the workstation's sync client (notes/protocol.md): registration
 * with central, one sync round (push the outbox, pull reference data and
 * events), the background sync the TUI runs, and the status its title
 * line shows.
 *
 * Nothing is ever lost by a failed round: a push batch keeps its
 * idempotency key until central answered it, a pull page and the cursor
 * are committed together, so a connection cut at any byte only means the
 * same request is made again later.
 */
#ifndef YICHUANG_SYNC_H
#define YICHUANG_SYNC_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "yichuang/syncstore.h"

struct store;

/* What sync_round and sync_register answer (also the exit codes of
 * `yichuang sync`). */
enum sync_outcome {
	SYNC_DONE = 0,			/* everything sent and pulled */
	SYNC_REFUSED = 1,		/* central refused some events (listed in
					 * the report), or this database cannot
					 * take what central sent (report.stuck) */
	SYNC_UNREACHABLE = 2		/* central not reached or not usable: try later */
};

/* Why central could not be used (sync_report.cause). */
enum sync_cause {
	SYNC_CAUSE_NONE = 0,
	SYNC_CAUSE_NETWORK,		/* no connection, cut, stalled, 5xx, 429 */
	SYNC_CAUSE_TLS,			/* central's HTTPS certificate not trusted */
	SYNC_CAUSE_TOKEN,		/* 401: the token is unknown or revoked */
	SYNC_CAUSE_REFUSED		/* another 4xx: central refuses the request */
};

/* The largest CA file init --ca-file takes (bytes). */
#define SYNC_CA_MAX 60000

/* How a round talks to central.  Zero values take the defaults. */
struct sync_config {
	const char *server;		/* NULL: setting sync.server */
	const char *token;		/* NULL: setting sync.token */
	const char *ca_pem;		/* CA certificates (PEM) to trust besides
					 * libcurl's default bundle; NULL: the
					 * setting sync.ca_pem (init --ca-file) */
	int retries;			/* tries per request (default 4) */
	int connect_timeout;		/* seconds (default 10) */
	int stall_seconds;		/* below 1 byte/s this long is a stall (10) */
	int backoff_ms;			/* first backoff ceiling (default 500 ms) */
	int request_timeout;		/* seconds a whole request may take (default 300) */
	FILE *progress;			/* progress lines, each retry too; NULL: silent */
	atomic_int *quit;		/* when set to 1 (another thread), a
					 * transfer or a pause between tries
					 * ends within about a second and the
					 * round stops; NULL: none */
};

/* With the defaults a request central does not answer (stopped, or
 * stalled like a pulled cable) is given up after 4 tries of at most 10 s
 * each (the connect timeout, or no byte for stall_seconds) with pauses of
 * at most 0.5, 1 and 2 s between them: about 45 s, and the round stops
 * there. */
#define SYNC_GIVE_UP_SECONDS 45

/* One event central refused in this round. */
struct sync_refusal {
	char case_number[40];
	char event_type[32];		/* casefsm_event_name */
	char status[16];		/* "conflict" or "invalid" */
	char server_state[24];
	char reason[512];
};

struct sync_report {
	struct syncstore_push_stats push;
	struct syncstore_pull_stats pull;
	struct syncstore_ref_stats ref;
	int pages;
	struct sync_refusal *refused;	/* free with sync_report_free */
	size_t nrefused;
	char error[1024];		/* why central was unreachable ("" when not) */
	int cause;			/* enum sync_cause of that */
	char stuck[1024];		/* why a pulled page could not be applied
					 * here ("" when all were): the pull
					 * stopped at cursor stuck_at */
	long long stuck_at;
};

void sync_report_free(struct sync_report *rep);

/* POST /v1/register with `token` and records the identity, server and
 * token (syncstore_register); then pulls reference data and events (one
 * round).  Returns an outcome, or -1 with a message in err for a local
 * failure (database, identity mismatch). */
int sync_register(struct store *st, const char *server, const char *token,
		  const struct sync_config *cfg, struct codec_terminal *t,
		  struct sync_report *rep, char *err, size_t errsz);

/* One round: push every outbox batch (500 events), pull reference data,
 * pull event pages until central has no more.  Requests that fail for a
 * reason that may pass (connection, stall, 5xx, 429) are retried with
 * full-jitter exponential backoff, a few times; then the round stops with
 * SYNC_UNREACHABLE and rep->error says why.  Returns an outcome, or -1
 * with a message in err for a local failure.  Also records the result for
 * sync_status (settings sync.state, sync.last_ok_at, sync.last_error). */
int sync_round(struct store *st, const struct sync_config *cfg, struct sync_report *rep,
	       char *err, size_t errsz);

/* ---- status and the background sync (for the TUI) ----------------------- */

struct sync_status {
	int configured;			/* a server is set (init --server) */
	int online;			/* the last round reached central */
	int pending;			/* events waiting in the outbox */
	int conflicts;			/* open conflicts */
	char last_ok_at[32];		/* UTC of the last round that reached central */
	char last_error[1024];
};

/* Reads the status from the database (cheap: a few small queries). */
int sync_status(struct store *st, struct sync_status *s, char *err, size_t errsz);

struct sync_bg;

/* A background sync of the database at db_path: rounds run in a thread of
 * their own with their own database connection, at most one at a time,
 * each bounded (short timeouts, few retries), never printing.
 * interval: seconds between rounds while central answers (0: 60).
 * Between rounds a probe (one short try of /healthz, every 5 to 10 s)
 * marks the database offline as soon as central stops answering, and
 * runs a round at once when it answers again; a failed round is tried
 * again after 5, 10, 20 ... s (at most interval), each jittered. */
struct sync_bg *sync_bg_new(const char *db_path, int interval);
/* Call often (e.g. on every key or timer tick): starts a round or a probe
 * when none runs and one is due, reaps a finished one.  Never blocks.
 * Returns 1 when a round or probe finished since the last call (redraw
 * the title line from sync_status), else 0. */
int sync_bg_poll(struct sync_bg *bg, time_t now);
/* Asks for a round at the next poll (after the clerk saved something). */
void sync_bg_kick(struct sync_bg *bg);
/* Stops a running round or probe (its transfer is cut within about a
 * second; nothing is lost) and frees bg. */
void sync_bg_free(struct sync_bg *bg);
/* Lets a running round or probe end by itself (bounded by its timeouts),
 * then frees bg: for script mode, whose tests want the round done. */
void sync_bg_finish(struct sync_bg *bg);

#endif
