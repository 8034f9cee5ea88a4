/*
 * casestore.h — cases, users, the local ticket queue, drafts and the
 * consultation ledger in the workstation database (the additions to
 * store.h that the counter screens use).
 *
 * Cases: a case is an append-only list of events and its state is their
 * fold (casefsm.h).  Every clerk action is one BEGIN IMMEDIATE transaction
 * that loads the case's events, folds them, applies the new event (refusing
 * with casefsm's message, writing nothing, when it is not allowed now),
 * appends the event, rewrites the case's projection row and queues the
 * event in the outbox.  An event's body is JSON holding everything the
 * event says, including every field of struct case_event the fold needs,
 * so a case can always be folded again from its stored events alone.
 *
 * Functions returning int give 0 on success and -1 with a message in err,
 * except lookups, which give 1 (found), 0 (not found) or -1 (error).
 */
#ifndef YICHUANG_CASESTORE_H
#define YICHUANG_CASESTORE_H

#include <stddef.h>
#include <time.h>

#include "yichuang/auth.h"
#include "yichuang/casefsm.h"
#include "yichuang/caseno.h"
#include "yichuang/intake.h"

struct store;
struct calendar;
struct catalog_item;

#define CASE_ID_MAX 37			/* UUID text with its NUL */

/* ---- cases --------------------------------------------------------------- */

/* The applicant or the agent (代理人) of a case. */
struct case_party {
	int org;			/* 0: person (自然人), 1: organisation */
	const char *name;
	const char *id_no;		/* 身份证号码 or 统一社会信用代码; may be NULL */
	const char *phone;		/* may be NULL */
};

/* One extra field of the item's intake form. */
struct case_field_value {
	const char *key;
	const char *value;
};

/* What happened to one material at the counter (intake.h words). */
struct case_material_receipt {
	const char *id;
	enum receipt_kind receipt;
	int originals;
	int copies;
	int nonconforming;
	const char *note;		/* may be NULL */
};

/* Everything the received event records.  Strings are borrowed. */
struct case_intake {
	int day;			/* date of receipt (date.h day number) */
	const char *item_code;
	const char *item_name;
	int catalog_version;
	int instant;			/* 即办件 */
	int promised_limit;
	enum limit_unit promised_unit;
	struct case_party applicant;
	const struct case_party *agent;	/* may be NULL */
	const struct case_field_value *fields;
	size_t nfields;
	const char *const *situations;
	size_t nsituations;
	const struct case_material_receipt *materials;
	size_t nmaterials;
	const char *channel;		/* "window" when NULL */
	/* A JSON object whose members are added to the received event's
	 * body (e.g. check_digit_overrides); NULL for none.  A member that
	 * repeats one of the body's own is refused. */
	const char *extra_json;
	/* The case's id (UUID text) when the caller chose it beforehand, so
	 * that a draft can name the case before it exists (and find it after
	 * a crash); NULL: a new one.  An id already in use is refused. */
	const char *id;
};

/* Fills the item part of an intake (code, name, kind, promised limit)
 * from a catalog item of catalog version `version`. */
void case_intake_from_item(struct case_intake *in, const struct catalog_item *it,
			   int version);

/* Receives a case: allocates its number (site and terminal of the
 * database's identity), records the received event by `actor`.  The
 * case's id (UUID) and number are written into id and number. */
int case_receive(struct store *st, const struct calendar *cal,
		 const struct case_intake *in, const char *actor,
		 char id[CASE_ID_MAX], char number[CASENO_TEXT_MAX],
		 char *err, size_t errsz);

/* Appends one event to the case `ref` (its id or its number, typed in any
 * form caseno_parse reads).  extra_json, when not NULL, is a JSON object
 * whose members are added to the body (the 补正 list's texts, the
 * rejection's basis and competent office, a document's text...); a member
 * that repeats one of the event's own fields is refused.  The new state is
 * written into *state when state is not NULL. */
int case_apply_event(struct store *st, const struct calendar *cal, const char *ref,
		     const struct case_event *e, const char *extra_json,
		     const char *actor, enum case_state *state,
		     char *err, size_t errsz);

/* One stored event, for the timeline. */
struct case_event_row {
	int seq;
	char *id;
	enum case_event_type type;
	char *at;			/* local time with offset, ISO 8601 */
	char *actor;
	char *body;			/* JSON text */
};

/* A case as the screens show it: projection, fold, events. */
struct case_record {
	char id[CASE_ID_MAX];
	char number[CASENO_TEXT_MAX];
	char *item_code;
	char *item_name;		/* "" when unknown */
	int catalog_version;
	int applicant_org;
	char *applicant_name;
	char *applicant_id_no;		/* may be NULL */
	char *phone;			/* may be NULL */
	int conflict;			/* flagged by sync */
	struct case_fold fold;		/* folded again from the events */
	struct case_event_row *events;
	size_t nevents;
};

/* Loads case `ref` (id or number).  1 found, 0 not found, -1 error. */
int case_load(struct store *st, const struct calendar *cal, const char *ref,
	      struct case_record *out, char *err, size_t errsz);
void case_record_free(struct case_record *r);

enum case_query {
	CASE_Q_ALL = 0,			/* value ignored */
	CASE_Q_NUMBER,			/* a case number, in any form caseno_parse reads */
	CASE_Q_ID_NO,			/* the applicant's ID number, exactly */
	CASE_Q_NAME_PREFIX,		/* applicant names starting with value */
	CASE_Q_ITEM_CODE,		/* the item's code, exactly */
	CASE_Q_STATE			/* casefsm_state_name */
};

/* One line of a case list. */
struct case_summary {
	char number[CASENO_TEXT_MAX];
	char *item_code;
	char *item_name;
	char *applicant_name;
	enum case_state state;
	int received_on;		/* day numbers; 0 when not yet */
	int promised_on;
};

/* Cases matching the query, newest first, at most `limit` (0: no limit).
 * *out is allocated; free it with case_summaries_free. */
int case_search(struct store *st, enum case_query kind, const char *value,
		size_t limit, struct case_summary **out, size_t *n,
		char *err, size_t errsz);
void case_summaries_free(struct case_summary *v, size_t n);

/* Events waiting in the outbox for central. */
int store_outbox_count(struct store *st, int *count, char *err, size_t errsz);

/* A new UUID version 4 (random) into buf. */
int case_uuid(char buf[CASE_ID_MAX]);

/* ---- users --------------------------------------------------------------- */

#define USER_NAME_MAX 64		/* bytes of a user name */

struct user_info {
	char name[USER_NAME_MAX + 1];
	enum auth_role role;
	char department[256];		/* "" when none */
	int active;
	int failed_logins;
	time_t locked_until;		/* 0 when not locked */
};

/* 1 when name is a valid user name: 1..64 bytes of UTF-8 without spaces
 * or control characters. */
int user_name_valid(const char *name);
/* Adds a user with an argon2id hash of password; an existing name is
 * refused.  department may be NULL. */
int user_add(struct store *st, const char *name, enum auth_role role,
	     const char *department, const char *password,
	     char *err, size_t errsz);
/* 1 found, 0 not found, -1 error. */
int user_get(struct store *st, const char *name, struct user_info *out,
	     char *err, size_t errsz);
/* Every user, by name; *out is allocated (free it). */
int user_list(struct store *st, struct user_info **out, size_t *n,
	      char *err, size_t errsz);

enum login_status {
	LOGIN_OK = 0,
	LOGIN_WRONG_PASSWORD,
	LOGIN_UNKNOWN_USER,		/* same message as a wrong password */
	LOGIN_LOCKED,			/* locked_until says until when */
	LOGIN_WAIT,			/* wait_seconds before the next try */
	LOGIN_INACTIVE			/* right password, account disabled */
};

struct login_result {
	enum login_status status;
	time_t locked_until;
	int wait_seconds;
	char message[256];		/* Chinese, for the login screen */
	struct user_info user;		/* LOGIN_OK */
};

/* One login attempt at `now`, in one transaction: refuses while the user
 * is locked or must still wait after recent failures; otherwise checks
 * the password, records a failure (locking after auth_locked) or clears
 * the failures on success.  Returns 0 with *res filled, -1 on a database
 * error. */
int user_login(struct store *st, const char *name, const char *password,
	       time_t now, struct login_result *res, char *err, size_t errsz);

/* ---- local queue (取号叫号) ------------------------------------------- */

enum queue_kind {
	QUEUE_GENERAL = 0,		/* normal class */
	QUEUE_ELDERLY,			/* the rest: priority class */
	QUEUE_DISABLED,
	QUEUE_PREGNANT,
	QUEUE_SICK
};

enum queue_class {
	QUEUE_NORMAL = 0,		/* numbers A001... */
	QUEUE_PRIORITY = 1		/* numbers P001..., called first */
};

enum queue_state {
	QUEUE_WAITING = 0,
	QUEUE_CALLED,
	QUEUE_SERVED,
	QUEUE_SKIPPED
};

struct queue_ticket {
	long long id;
	int day;
	char number[16];		/* "A001", "P012" */
	enum queue_class cls;
	enum queue_kind kind;
	enum queue_state state;
	int window;			/* 0 until called */
	char clerk[USER_NAME_MAX + 1];
	int calls;			/* times called (recalls included) */
	char case_number[CASENO_TEXT_MAX];	/* "" when none */
};

const char *queue_kind_name(enum queue_kind k);	/* "general", "elderly"... */
int queue_kind_from_name(const char *name);	/* -1 when unknown */
const char *queue_state_name(enum queue_state s);
enum queue_class queue_kind_class(enum queue_kind k);

/* Takes a ticket on `day`; numbers count per class per day. */
int queue_take(struct store *st, int day, enum queue_kind kind,
	       struct queue_ticket *out, char *err, size_t errsz);
/* Calls the next waiting ticket of `day` to `window` for `clerk`:
 * priority class first, then the oldest.  The ticket the window had
 * called before is marked served.  1 called, 0 nobody waiting, -1 error. */
int queue_call_next(struct store *st, int day, int window, const char *clerk,
		    struct queue_ticket *out, char *err, size_t errsz);
/* The ticket currently called at `window`.  1, 0 (none), -1. */
int queue_current(struct store *st, int window, struct queue_ticket *out,
		  char *err, size_t errsz);
/* Calls the window's current ticket again.  1, 0 (none called), -1. */
int queue_recall(struct store *st, int window, struct queue_ticket *out,
		 char *err, size_t errsz);
/* Marks the window's current ticket skipped (the applicant did not come).
 * 1, 0 (none called), -1. */
int queue_skip(struct store *st, int window, char *err, size_t errsz);
/* Links the window's current ticket to the case it opened. */
int queue_attach_case(struct store *st, int window, const char *case_number,
		      char *err, size_t errsz);
/* Tickets of `day` still waiting, per class (either pointer may be NULL). */
int queue_waiting_count(struct store *st, int day, int *normal, int *priority,
			char *err, size_t errsz);
/* Tickets of `day` in `state`, in the order they are called (priority
 * class first, then the oldest): at most max into out, their count in *n. */
int queue_list(struct store *st, int day, enum queue_state state, struct queue_ticket *out,
	       size_t max, size_t *n, char *err, size_t errsz);
/* Puts skipped ticket `number` of `day` (A003; any case) back in the queue,
 * in its place: the applicant came after all.  1 done (the ticket in
 * *out), 0 no such skipped ticket, -1 error. */
int queue_requeue(struct store *st, int day, const char *number, struct queue_ticket *out,
		  char *err, size_t errsz);

/* ---- drafts ------------------------------------------------------------ */

/* Saves (replacing) the draft of `kind` of `user`; body is a JSON value.
 * Each save is one committed transaction. */
int draft_save(struct store *st, const char *user, const char *kind,
	       const char *body_json, char *err, size_t errsz);
/* 1 with *body (allocated) when a draft exists, 0 when not, -1 error. */
int draft_load(struct store *st, const char *user, const char *kind,
	       char **body, char *err, size_t errsz);
int draft_delete(struct store *st, const char *user, const char *kind,
		 char *err, size_t errsz);

/* ---- consultations (咨询台账) ---------------------------------------- */

/* Records one consultation about item_code (question may be NULL) by
 * clerk at `at` (0: now). */
int consultation_record(struct store *st, const char *item_code,
			const char *question, const char *clerk, time_t at,
			char *err, size_t errsz);
/* How many consultations were recorded about item_code (NULL: all). */
int consultation_count(struct store *st, const char *item_code, int *count,
		       char *err, size_t errsz);

#endif
