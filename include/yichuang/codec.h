/*
 * codec.h — the JSON codec of sync protocol v1 (notes/protocol.md,
 * yichuangd(8)), shared by the central service (src/server) and the
 * workstation's sync client (src/sync).
 *
 * Pure: cJSON and core only, no network and no SQL.  Every builder returns
 * a newly allocated, unformatted JSON text (free() it) or NULL when out of
 * memory; every parser returns 0, or -1 with a Chinese message in err that
 * names the member that is wrong.
 *
 * Events travel as
 *   {"id": UUID, "case_id": UUID, "case_number": "539102-01-261120-0001-X",
 *    "type": "received", "at": "2026-11-20T09:15:00+08:00", "actor": "clerk",
 *    "body": {...}}
 * and, in pull pages, with "seq": N and "terminal": "539102-03" as well.
 * The body is carried as JSON text (struct codec_event.body) so that a
 * store can keep it as it is.
 */
#ifndef YICHUANG_CODEC_H
#define YICHUANG_CODEC_H

#include <stddef.h>

#include "yichuang/casefsm.h"

#define CODEC_UUID_MAX 37		/* UUID text with its NUL */
#define CODEC_MAX_EVENTS 1000		/* events per push and per pull page */
#define CODEC_PULL_DEFAULT 500		/* pull page size when none is asked */
#define CODEC_BODY_LIMIT (16u << 20)	/* largest request body, uncompressed */

/* One event.  Strings are owned (codec_event_clear frees them). */
struct codec_event {
	char id[CODEC_UUID_MAX];
	char case_id[CODEC_UUID_MAX];
	char *case_number;
	enum case_event_type type;
	char *at;			/* ISO 8601 local time with offset */
	char *actor;
	char *body;			/* JSON text of an object */
	long long seq;			/* server order; 0 when not known */
	char *terminal;			/* "SITE-TT" of the sender; NULL if unknown */
};

void codec_event_clear(struct codec_event *ev);
void codec_events_free(struct codec_event *v, size_t n);

/* 1 when s is a UUID in text form (8-4-4-4-12 hex digits, any case). */
int codec_uuid_valid(const char *s);

/* Checks an event's members (UUIDs, a valid case number, a timestamp
 * YYYY-MM-DDTHH:MM:SS followed by Z or an offset, a non-empty actor, a
 * body that is a JSON object).  0, or -1 with the first problem. */
int codec_event_check(const struct codec_event *ev, char *err, size_t errsz);

/* 1 when a and b say the same thing: same ids, number, type, time, actor
 * and a body equal as JSON (member order does not matter).  seq and
 * terminal are not compared. */
int codec_event_same(const struct codec_event *a, const struct codec_event *b);

/* Reads from an event body every field of struct case_event the fold
 * uses ("day", "reason", "instant", "promised_limit", "promised_unit",
 * "deferred", "material", "extension_days", "decision", "delivery";
 * notes/events.md).  body_json is the body's text; the strings of *e point
 * into *holder, a parsed copy the caller frees with codec_fold_free.  defs
 * needs room for CASEFSM_MAX_DEFERRED + 1 entries (so that too many reach
 * casefsm and are refused there).  0, or -1 (no valid "day", bad JSON). */
int codec_fold_event(const char *body_json, enum case_event_type type,
		     struct case_event *e, struct case_deferral *defs,
		     void **holder, char *err, size_t errsz);
void codec_fold_free(void *holder);

/* ---- push ---------------------------------------------------------------- */

/* POST /v1/sync/push {"key": UUID, "events": [EVENT...]} */
char *codec_push_request(const char *key, const struct codec_event *ev, size_t n);

/* One event of a push request as the server read it: `ok` 0 means the
 * event was malformed and `reason` says why (its id is kept when it was a
 * string, so the answer can name it). */
struct codec_push_item {
	struct codec_event ev;
	int ok;
	char reason[256];
};

/* Reads a push request.  A malformed request as a whole (not JSON, no key,
 * no events array, more than CODEC_MAX_EVENTS) is -1; a malformed event is
 * an item with ok = 0 and does not fail the rest.  *items is allocated:
 * free with codec_push_items_free. */
int codec_push_parse(const char *text, char key[CODEC_UUID_MAX],
		     struct codec_push_item **items, size_t *n,
		     char *err, size_t errsz);
void codec_push_items_free(struct codec_push_item *v, size_t n);

enum codec_status {
	CODEC_ACCEPTED = 0,
	CODEC_DUPLICATE,
	CODEC_CONFLICT,
	CODEC_INVALID
};

/* "accepted", "duplicate", "conflict", "invalid"; from_name gives -1 for
 * any other name. */
const char *codec_status_name(enum codec_status s);
int codec_status_from_name(const char *name);

/* The server's answer about one event. */
struct codec_result {
	char id[CODEC_UUID_MAX];
	enum codec_status status;
	long long seq;			/* accepted, duplicate */
	char state[24];			/* conflict: casefsm_state_name */
	char reason[512];		/* conflict, invalid */
};

/* 200 {"results": [...]} */
char *codec_push_response(const struct codec_result *r, size_t n);
int codec_push_response_parse(const char *text, struct codec_result **r, size_t *n,
			      char *err, size_t errsz);

/* ---- pull ---------------------------------------------------------------- */

/* 200 {"events": [EVENT + seq + terminal...], "next": CURSOR, "more": bool} */
char *codec_pull_response(const struct codec_event *ev, size_t n, long long next,
			  int more);
/* Reads a pull page; every event is checked (codec_event_check) and must
 * carry a seq above the previous one. *ev is allocated: free with
 * codec_events_free. */
int codec_pull_parse(const char *text, struct codec_event **ev, size_t *n,
		     long long *next, int *more, char *err, size_t errsz);

/* ---- registration -------------------------------------------------------- */

struct codec_terminal {
	char terminal_id[CODEC_UUID_MAX];
	char site[16];
	int terminal;			/* 1..99 */
	char name[256];
};

char *codec_register_response(const struct codec_terminal *t);
int codec_register_parse(const char *text, struct codec_terminal *t,
			 char *err, size_t errsz);

/* ---- reference data ------------------------------------------------------ */

struct codec_file {
	char *name;			/* "spjy.item" */
	char *text;
};

struct codec_calendar {
	int year;
	char *text;			/* workdays.h calendar format */
};

struct codec_user {
	char *name;
	char *role;			/* auth_role_name */
	char *department;		/* NULL when none */
	char *pw_hash;			/* argon2id string */
	int active;
};

struct codec_setting {
	char *key;
	char *value;
};

/* GET /v1/ref?since=V.  With changed == 0 only the version travels (the
 * terminal is up to date).  has_catalog 0: no "catalog" member (the
 * catalog did not change since V). */
struct codec_ref {
	long long version;
	int changed;
	int has_catalog;
	int catalog_version;
	struct codec_file *files;
	size_t nfiles;
	struct codec_calendar *calendars;
	size_t ncalendars;
	struct codec_user *users;
	size_t nusers;
	struct codec_setting *settings;
	size_t nsettings;
};

char *codec_ref_response(const struct codec_ref *r);
int codec_ref_parse(const char *text, struct codec_ref *r, char *err, size_t errsz);
void codec_ref_clear(struct codec_ref *r);

/* ---- errors -------------------------------------------------------------- */

/* {"error": msg} */
char *codec_error(const char *msg);
/* {"error": summary, "errors": [msgs...]} (422) */
char *codec_errors(const char *summary, const char *const *msgs, size_t n);
/* The "error" member of an error body, copied into buf ("" when none). */
void codec_error_parse(const char *text, char *buf, size_t bufsz);

#endif
