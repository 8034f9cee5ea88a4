/*
 * server.h — what the files of yichuangd share: the backend interface
 * (one struct of function pointers, implemented by sqlite/ and pg/), the
 * connection pool over it, the configuration, the API handlers the HTTP
 * layer calls, the metrics, and the admin commands.
 *
 * SQL lives only in the backends.  Everything above them is written
 * against struct backend_ops and never knows which database it talks to.
 */
#ifndef YICHUANG_SERVER_H
#define YICHUANG_SERVER_H

#include <stddef.h>

#include "yichuang/codec.h"

struct calendar;

/* A conflict kept by push (the event central refused), for the admin. */
struct srv_conflict {
	long long n;			/* its number: `conflicts resolve N` */
	struct codec_event ev;		/* ev.terminal: the sender SITE-TT */
	char *state;			/* casefsm_state_name of the case then */
	char *reason;
	char *stored_at;
	char *resolved_at;		/* NULL while open */
	char *note;			/* the resolution's note */
};

void srv_conflicts_free(struct srv_conflict *v, size_t n);

/* A terminal as a request's token finds it. */
struct srv_auth {
	struct codec_terminal t;
	char install[CODEC_UUID_MAX];	/* the workstation database the token is
					 * bound to; "" while none */
	char registered_at[40];		/* when it was bound */
};

/* A terminal as the admin lists it. */
struct srv_terminal {
	struct codec_terminal t;
	char created[40];
	char revoked_at[40];		/* "" while its token works */
};

/* ---- backend interface --------------------------------------------------- */

/* One database connection of a backend (opaque; the backend's own). */
struct bconn;

/*
 * Every function returns 0 on success and -1 with a message in err,
 * except lookups, which return 1 (found), 0 (not found) or -1.
 *
 * Transactions: begin() opens one; every write of the service happens
 * inside one.  Writers of events serialise on the "seq" counter:
 * counter_add(c, "seq", 0, ...) at the start of the transaction takes the
 * counter's row lock (PostgreSQL) and holds it to commit, so that server
 * sequence order is commit order and a pull never passes over a seq that
 * a slower transaction has yet to commit.  SQLite's BEGIN IMMEDIATE gives
 * the same on one file.
 */
struct backend_ops {
	const char *name;			/* "sqlite", "postgresql" */
	struct bconn *(*connect)(const char *where, char *err, size_t errsz);
	void (*disconnect)(struct bconn *c);
	/* Creates the schema when missing (first start). */
	int (*migrate)(struct bconn *c, char *err, size_t errsz);
	/* One cheap round trip to the database (/healthz). */
	int (*ping)(struct bconn *c, char *err, size_t errsz);
	/* 0 while the connection works; 1 when it was lost (the database
	 * server restarted, stopped or was cut off); 2 when it was lost
	 * during a COMMIT, so that whether that took effect is unknown. */
	int (*lost)(struct bconn *c);
	/* Connects a lost connection again (same parameters). */
	int (*reconnect)(struct bconn *c, char *err, size_t errsz);

	int (*begin)(struct bconn *c, char *err, size_t errsz);
	int (*commit)(struct bconn *c, char *err, size_t errsz);
	void (*rollback)(struct bconn *c);

	/* Adds delta to the named counter (created at 0) and gives the new
	 * value; the counter's row stays locked to the end of the transaction. */
	int (*counter_add)(struct bconn *c, const char *name, long long delta,
			   long long *value, char *err, size_t errsz);
	/* The counter's value, 0 when it does not exist; takes no lock. */
	int (*counter_get)(struct bconn *c, const char *name, long long *value,
			   char *err, size_t errsz);

	/* events */
	int (*event_find)(struct bconn *c, const char *id, struct codec_event *out,
			  char *err, size_t errsz);
	int (*case_events)(struct bconn *c, const char *case_id,
			   struct codec_event **out, size_t *n, char *err, size_t errsz);
	/* Appends ev with the next seq (written into ev->seq) from "sender"
	 * ("SITE-TT"). */
	int (*event_append)(struct bconn *c, struct codec_event *ev, const char *sender,
			    char *err, size_t errsz);
	int (*conflict_add)(struct bconn *c, const struct codec_event *ev,
			    const char *sender, const char *state, const char *reason,
			    char *err, size_t errsz);
	int (*conflict_count)(struct bconn *c, long long *n, char *err, size_t errsz);
	/* The same for many at once (push reads a batch with one statement
	 * each): the stored events with one of the n ids (any order); every
	 * event of the n cases (any order); the received events carrying one
	 * of the n numbers.  The arrays are allocated (codec_events_free). */
	int (*events_find_many)(struct bconn *c, const char *const *ids, size_t n,
				struct codec_event **out, size_t *nout, char *err, size_t errsz);
	int (*cases_events)(struct bconn *c, const char *const *case_ids, size_t n,
			    struct codec_event **out, size_t *nout, char *err, size_t errsz);
	int (*received_by_numbers)(struct bconn *c, const char *const *numbers, size_t n,
				   struct codec_event **out, size_t *nout,
				   char *err, size_t errsz);
	/* Appends n events with the next n seqs, in order (written into
	 * ev[i].seq), from "sender". */
	int (*events_append)(struct bconn *c, struct codec_event *ev, size_t n,
			     const char *sender, char *err, size_t errsz);
	/* Events with seq > after, ascending, at most limit. */
	int (*events_after)(struct bconn *c, long long after, int limit,
			    struct codec_event **out, size_t *n, char *err, size_t errsz);

	/* push batches (idempotency keys): hash is hex text */
	int (*batch_find)(struct bconn *c, const char *key, char **hash, char **response,
			  char *err, size_t errsz);
	int (*batch_save)(struct bconn *c, const char *key, const char *hash,
			  const char *response, const char *sender, char *err, size_t errsz);

	/* terminals: the number is the next free one of the site (1..98) */
	int (*terminal_add)(struct bconn *c, const char *site, const char *name,
			    const char *token_hash, struct codec_terminal *out,
			    char *err, size_t errsz);
	int (*terminal_by_token)(struct bconn *c, const char *token_hash,
				 struct srv_auth *out, char *err, size_t errsz);
	/* Binds the terminal's token to the workstation database `install`
	 * unless it is bound already: 1 bound now, 0 it was bound before. */
	int (*terminal_bind)(struct bconn *c, const char *terminal_id, const char *install,
			     char *err, size_t errsz);

	/* users: 1 added, 0 exists already */
	int (*user_add)(struct bconn *c, const struct codec_user *u, char *err, size_t errsz);
	int (*users_list)(struct bconn *c, struct codec_user **out, size_t *n,
			  char *err, size_t errsz);

	/* reference data; ref_version is the "ref" counter value of the change */
	int (*catalog_add)(struct bconn *c, const struct codec_file *files, size_t n,
			   long long ref_version, int *catalog_version, char *err, size_t errsz);
	/* The newest catalog: 1 with its version, the ref version that made
	 * it and (when files is not NULL) its files; 0 when none. */
	int (*catalog_current)(struct bconn *c, int *version, long long *ref_version,
			       struct codec_file **files, size_t *n, char *err, size_t errsz);
	int (*calendar_put)(struct bconn *c, int year, const char *text, char *err,
			    size_t errsz);
	int (*calendars_list)(struct bconn *c, struct codec_calendar **out, size_t *n,
			      char *err, size_t errsz);
	int (*setting_put)(struct bconn *c, const char *key, const char *value,
			   char *err, size_t errsz);
	int (*settings_list)(struct bconn *c, struct codec_setting **out, size_t *n,
			     char *err, size_t errsz);

	/* online applications: 1 with the number and the hash of its content
	 * (NULL for one stored before hashes were kept) when id is known */
	int (*application_find)(struct bconn *c, const char *id, char **number,
				char **hash, char *err, size_t errsz);
	int (*application_add)(struct bconn *c, const char *id, const char *number,
			       const char *case_id, const char *hash, char *err, size_t errsz);

	/* The events of the case with this (canonical) number, in seq order. */
	int (*case_events_by_number)(struct bconn *c, const char *number,
				     struct codec_event **out, size_t *n,
				     char *err, size_t errsz);

	/* conflicts, oldest first; only the open ones unless all */
	int (*conflicts_list)(struct bconn *c, int all, struct srv_conflict **out,
			      size_t *n, char *err, size_t errsz);
	/* 1 resolved now, 2 resolved before, 0 no such conflict */
	int (*conflict_resolve)(struct bconn *c, long long n, const char *note,
				char *err, size_t errsz);

	/* terminals in site and number order; revoke: 1 done, 0 unknown or
	 * revoked before.  A revoked terminal's token no longer authenticates. */
	int (*terminals_list)(struct bconn *c, struct srv_terminal **out, size_t *n,
			      char *err, size_t errsz);
	int (*terminal_revoke)(struct bconn *c, const char *terminal_id,
			       char *err, size_t errsz);

	/* 1 changed, 0 unknown user or already so */
	int (*user_set_active)(struct bconn *c, const char *name, int active,
			       char *err, size_t errsz);

	/* Deletes the idempotency answers stored before `before` (srv_now_text
	 * form); the count in *deleted. */
	int (*batches_prune)(struct bconn *c, const char *before, long long *deleted,
			     char *err, size_t errsz);
};

extern const struct backend_ops backend_sqlite;
extern const struct backend_ops backend_pg;

/* A fixed set of connections shared by the request threads. */
struct pool;

struct pool *pool_open(const struct backend_ops *ops, const char *where, int size,
		       char *err, size_t errsz);
void pool_close(struct pool *p);
const struct backend_ops *pool_ops(const struct pool *p);
/* Waits for a free connection.  One whose database connection was lost
 * is connected again first (a failure is logged on stderr; the request
 * then fails and answers 503). */
struct bconn *pool_get(struct pool *p);
void pool_put(struct pool *p, struct bconn *c);
/* After a request on c failed: 1 when c's database connection had been
 * lost and is connected again, and nothing of the request can have been
 * committed (the request may run again); 0 otherwise.  Logs on stderr. */
int pool_recover(struct pool *p, struct bconn *c);
/* 1 when c's database connection is lost. */
int pool_lost(const struct pool *p, struct bconn *c);

/* ---- configuration ------------------------------------------------------- */

struct srv_config {
	char *listen;			/* HOST:PORT */
	char *db;			/* SQLite file */
	char *pg;			/* PostgreSQL conninfo */
	char *tls_cert;
	char *tls_key;
	char *site;			/* central's site code (online applications) */
	int threads;			/* request threads */
	size_t body_limit;		/* bytes, uncompressed */
	int progress_rate;		/* progress queries per minute and client;
					 * 0: no limit */
	int progress_burst;		/* bucket size */
	char *trust_proxy;		/* peer addresses whose X-Forwarded-For
					 * names the client (comma list) */
};

void srv_config_init(struct srv_config *c);
void srv_config_free(struct srv_config *c);
/* Sets one key ("listen", "db", "pg", "tls-cert", "tls-key", "site",
 * "threads", "body-limit", "progress-rate", "progress-burst",
 * "trust-proxy") unless it is already set and `keep` is 1
 * (the command line wins over the file). */
int srv_config_set(struct srv_config *c, const char *key, const char *value, int keep,
		   char *err, size_t errsz);
/* Reads "key = value" lines of a file; a # at the start of a line or
 * after a space or tab starts a comment. */
int srv_config_file(struct srv_config *c, const char *path, char *err, size_t errsz);

/* ---- the API ------------------------------------------------------------- */

/* What a handler answers: status, JSON body (allocated) or plain text. */
struct api_reply {
	int status;
	char *body;
	const char *type;		/* Content-Type; JSON when NULL */
	int retry_after;		/* seconds for Retry-After (429); 0: none */
	int no_store;			/* Cache-Control: no-store */
};

struct ratelimit;

/* The service's shared state. */
struct api {
	struct pool *pool;
	const struct srv_config *cfg;
	struct ratelimit *progress_limit;	/* NULL: no limit */
};

int api_init(struct api *a, struct pool *pool, const struct srv_config *cfg,
	     char *err, size_t errsz);
void api_free(struct api *a);

/* Routes one request: method, path (without query), query parameters
 * (through get(arg, name)), bearer token (NULL when none), the
 * X-Yichuang-Install header (the workstation database sending; NULL when
 * none), the Accept header (NULL when none), the client's address (rate
 * limits) and the uncompressed body.  Fills *r. */
void api_handle(struct api *a, const char *method, const char *path,
		const char *(*get)(void *arg, const char *name), void *arg,
		const char *token, const char *install, const char *accept, const char *client,
		const char *body, size_t len, struct api_reply *r);

/* The metrics label of a path ("/v1/sync/push" ... or "other"); every
 * /v1/progress/NUMBER is "/v1/progress". */
const char *api_route_label(const char *path);

/* Folds the stored events of a case: state in *fold. */
int api_fold_case(const struct calendar *cal, const struct codec_event *ev, size_t n,
		  struct case_fold *fold, char *err, size_t errsz);

/* The same on central's current official calendar (reloaded first when
 * the reference data moved). */
int api_fold_current(struct api *a, struct bconn *c, const struct codec_event *ev,
		     size_t n, struct case_fold *fold, char *err, size_t errsz);

/* ---- public progress query (progress.c) ------------------------------------ */

/* Fills r with an error of the progress query, as JSON or (html) as a
 * small page. */
void progress_error(struct api_reply *r, int status, const char *msg, int html);

/* A token bucket per client address: `per_minute` requests a minute,
 * at most `burst` at once. */
struct ratelimit *ratelimit_new(int per_minute, int burst);
void ratelimit_free(struct ratelimit *rl);
/* 1 when the client may go on (a token taken); 0 when over the limit,
 * with the seconds until the next token in *retry_after. */
int ratelimit_take(struct ratelimit *rl, const char *client, int *retry_after);

/* Masks a name for the public: "张三丰" -> "张*丰", "张三" -> "张*";
 * organisations keep their first two and last four characters when
 * long.  Writes into buf and returns it. */
const char *progress_mask_name(const char *name, int org, char *buf, size_t bufsz);

/* GET /v1/progress/NUMBER (no token): the case's public progress, JSON or
 * (html) a page.  The rate limit is the caller's. */
void progress_handle(struct api *a, struct bconn *c, const char *number, int html,
		     struct api_reply *r);

/* ---- metrics ------------------------------------------------------------- */

void metrics_request(const char *route, int code, double ms);
void metrics_push(enum codec_status s);
void metrics_pull(void);
/* Prometheus text; events and conflicts are stored totals. */
char *metrics_text(long long events, long long conflicts);

/* ---- admin --------------------------------------------------------------- */

/* `yichuangd admin ...` (argv starts after "admin"); prints, returns the
 * exit status. */
int admin_main(int argc, char **argv);

/* 1 when central may send setting key to the terminals: doc.* but
 * doc.lp_command (a local command, never from central) and supervise.*. */
int srv_setting_allowed(const char *key);

/* Hex of the BLAKE2b (crypto_generichash) hash of data: 64 characters. */
void srv_hash_hex(const void *data, size_t len, char out[65]);

/* The current time as ISO 8601 with the China Standard Time offset. */
void srv_now_text(char *buf, size_t bufsz);
/* The same for `seconds` since the epoch.  These texts sort as times. */
void srv_time_text(long long seconds, char *buf, size_t bufsz);

#endif
