/*
 * syncstore.h — the workstation database's side of sync with central
 * (notes/protocol.md): outbox batches with their idempotency keys, the
 * server's answers, pulled pages applied together with the cursor, the
 * reference data central distributes, and the conflicts worklist.
 *
 * Events are append-only (a trigger forbids UPDATE), so what sync learns
 * about an event lives beside it: its server sequence in event_sync, a
 * refusal in sync_conflicts.  Settings used: sync.server, sync.token,
 * sync.cursor, sync.ref_version, sync.catalog_version, sync.terminal_id,
 * sync.terminal_name, and the background sync's sync.state,
 * sync.last_ok_at, sync.last_error.
 *
 * Functions return 0, or -1 with a message in err, unless said otherwise.
 */
#ifndef YICHUANG_SYNCSTORE_H
#define YICHUANG_SYNCSTORE_H

#include <stddef.h>

#include "yichuang/casefsm.h"
#include "yichuang/codec.h"

struct store;
struct calendar;

#define SYNCSTORE_BATCH_MAX 500		/* events per push batch */

/* ---- push ---------------------------------------------------------------- */

/* A batch of outbox events under one idempotency key. */
struct syncstore_batch {
	char key[CODEC_UUID_MAX];
	struct codec_event *ev;		/* in outbox order */
	size_t n;
	int resent;			/* 1: this key was handed out before */
};

/* The next batch to push: the oldest batch that was handed out but never
 * answered (same key, same events, same order: a retry is harmless), else
 * a new key given to at most `max` unbatched outbox events and committed
 * before it is returned.  1 with *b filled, 0 when the outbox is empty,
 * -1 on error. */
int syncstore_next_batch(struct store *st, size_t max, struct syncstore_batch *b,
			 char *err, size_t errsz);
void syncstore_batch_free(struct syncstore_batch *b);

/* Counts of what central answered about the events of a batch. */
struct syncstore_push_stats {
	int accepted;			/* accepted or duplicate: left the outbox */
	int refused;			/* conflict or invalid: in sync_conflicts */
	int unanswered;			/* not named in the answer: batched again */
};

/* Records central's answer to batch b in one transaction: accepted and
 * duplicate events leave the outbox with their server sequence; conflict
 * and invalid events leave it for sync_conflicts (with the reason and the
 * case's state on central), their case is flagged conflict = 1 and its
 * projection folded again without them; events the answer does not name
 * go back to the outbox without a key.  stats may be NULL. */
int syncstore_mark_results(struct store *st, const struct calendar *cal,
			   const struct syncstore_batch *b, const struct codec_result *r, size_t n,
			   struct syncstore_push_stats *stats, char *err, size_t errsz);

/* Notes a failed attempt to send batch `key` (attempts + 1, last_error). */
int syncstore_batch_failed(struct store *st, const char *key, const char *why,
			   char *err, size_t errsz);

/* ---- pull ---------------------------------------------------------------- */

/* The event cursor (0 before the first pull). */
int syncstore_cursor(struct store *st, long long *cursor, char *err, size_t errsz);

struct syncstore_pull_stats {
	int added;			/* events of other terminals appended */
	int own;			/* this terminal's events coming back */
	int cases_created;		/* cases first seen in this page */
	int conflicts;			/* cases whose fold skipped an event */
};

#define SYNCSTORE_PAGE_REFUSED 1	/* syncstore_apply_page: see there */

/* Applies one pull page and moves the cursor to `next`, in ONE
 * transaction: an event already stored just gets its server sequence; a
 * new event is appended with its case's next local seq (creating the case
 * from its received event's body when the case is unknown here) and never
 * enters the outbox; each touched case is folded again (syncstore_fold).
 * An event of an unknown case that is not a received event, a received
 * event without what a case needs, or a case number held by another case
 * here refuses the whole page: SYNCSTORE_PAGE_REFUSED with the reason in
 * err and nothing written (the database is fine; the page does not fit
 * it).  0 when applied, -1 on a database error.  stats may be NULL
 * (counts are added to it). */
int syncstore_apply_page(struct store *st, const struct calendar *cal,
			 const struct codec_event *ev, size_t n, long long next,
			 struct syncstore_pull_stats *stats, char *err, size_t errsz);

/* Folds case_id the way central orders it: events with a server sequence
 * in server order, then this terminal's pending events in local order;
 * events central refused are left out, and a pending event that no longer
 * fits the state is skipped and counted in *skipped.  *last_seq gets the
 * highest local seq. */
int syncstore_fold(struct store *st, const struct calendar *cal, const char *case_id,
		   struct case_fold *fold, int *last_seq, int *skipped,
		   char *err, size_t errsz);

/* ---- reference data ------------------------------------------------------ */

/* The reference data version held (0 before the first pull). */
int syncstore_ref_version(struct store *st, long long *version, char *err, size_t errsz);

struct syncstore_ref_stats {
	int catalog_version;		/* local catalog version imported; 0: unchanged */
	int calendars;			/* years stored */
	int users;			/* users inserted or updated */
	int settings;			/* settings written */
};

/* Applies reference data: the catalog's files parsed and validated, then
 * imported as a new local catalog version when central's catalog version
 * differs from the one imported last; the calendar years (all or
 * nothing); users with their password hashes upserted (failed logins and
 * locks are local and kept); settings (keys starting with "sync." are
 * central's business on the terminal and are refused); the version last,
 * so that a failure half-way is simply pulled again.  A reply with
 * changed == 0 only records the version. */
int syncstore_apply_ref(struct store *st, const struct codec_ref *ref,
			struct syncstore_ref_stats *stats, char *err, size_t errsz);

/* Inserts or updates users as central lists them (one transaction). */
int syncstore_users_upsert(struct store *st, const struct codec_user *u, size_t n,
			   char *err, size_t errsz);

/* ---- registration -------------------------------------------------------- */

/* Records the registration answer: the identity (store_init_terminal when
 * the database has none; an existing different identity is refused), the
 * server's address, the token, the terminal id and name. */
int syncstore_register(struct store *st, const char *server, const char *token,
		       const struct codec_terminal *t, char *err, size_t errsz);

/* ---- conflicts worklist -------------------------------------------------- */

struct syncstore_conflict {
	long long id;
	char event_id[CODEC_UUID_MAX];
	char case_id[CODEC_UUID_MAX];
	char case_number[40];
	char event_type[32];		/* casefsm_event_name */
	char status[16];		/* "conflict" or "invalid" */
	char server_state[24];		/* conflict: casefsm_state_name; else "" */
	char *reason;
	char at[32];			/* UTC, when it was refused */
	int resolved;
	char *resolution;		/* NULL while open */
};

/* Conflicts, oldest first: the open ones only, or all when all != 0.
 * *out is allocated; free with syncstore_conflicts_free. */
int syncstore_conflicts(struct store *st, int all, struct syncstore_conflict **out,
			size_t *n, char *err, size_t errsz);
void syncstore_conflicts_free(struct syncstore_conflict *v, size_t n);
/* Open conflicts. */
int syncstore_conflict_count(struct store *st, int *count, char *err, size_t errsz);
/* Marks conflict `id` resolved by `user` with a note; the case's conflict
 * flag is cleared when it has no open conflict left.  1 done, 0 no such
 * open conflict, -1 error. */
int syncstore_conflict_resolve(struct store *st, long long id, const char *user,
			       const char *note, char *err, size_t errsz);

#endif
