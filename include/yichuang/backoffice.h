/*
 * backoffice.h — the back office and the issuing window in the
 * workstation database: hand-over registers (材料交接单, 办理结果交接单),
 * the approver's actions on a case, issuing (notice, pickup on an ID
 * check, post by EMS), archiving, 一件事 bundles, and the case lists that
 * queues and supervision are drawn from.
 *
 * Roles are enforced here, not only in screens: every action names the
 * user who acts, the store reads that user's role and department and
 * refuses what the role may not do.
 *
 *   register materials   create, sign as sender: clerk
 *                        sign as receiver: approver of the department
 *   register results     create, sign as sender: approver of the department
 *                        sign as receiver: issuer
 *   review, special, extend, decide, bundle close: approver of the case's
 *                        department (the department of the case's item;
 *                        for a bundle, of its lead department)
 *   notify, deliver, archive: issuer
 *   withdraw (撤件), bundle link: clerk (or administrator), at the
 *                        counter, before a decision, with the reason
 *
 * Signing needs the signer's password (checked like a login, but neither
 * counted as one nor clearing or adding failures; a locked or disabled
 * account cannot sign), unless the caller passes NULL because the signer
 * is the user logged in on this terminal.
 *
 * On receipt of a materials register every case gets handed_over (actor:
 * the sender) and review_started (actor: the receiver); of a results
 * register, result_handed_over (actor: the receiver, "late" when past the
 * case's result_due_on).  Each through case_apply_event, with the bodies
 * of notes/events.md.  Before anything is written the receipt checks that
 * every case can take its events; a case that cannot is named and nothing
 * is signed.  A receipt interrupted half-way (a killed process) is
 * finished by signing again: cases whose events are written are skipped.
 *
 * Functions return 0 or -1 with a message in err; lookups 1 (found),
 * 0 (not found) or -1.  `day` is the date of the action (date_today()).
 */
#ifndef YICHUANG_BACKOFFICE_H
#define YICHUANG_BACKOFFICE_H

#include <stddef.h>

#include "yichuang/casefsm.h"
#include "yichuang/casestore.h"

struct store;
struct catalog;
struct catalog_bundle;
struct calendar;

/* ---- registers (交接单) --------------------------------------------- */

enum register_kind {
	REGISTER_MATERIALS = 1,		/* 材料交接单: window → department */
	REGISTER_RESULTS = 2		/* 办理结果交接单: department → issuing window */
};

enum register_state {
	REGISTER_OPEN = 0,		/* made, not signed */
	REGISTER_SENT,			/* signed by the sender */
	REGISTER_RECEIVING,		/* receiver signed, events being written */
	REGISTER_RECEIVED		/* both signed, every case's events written */
};

enum register_side {
	REGISTER_SENDER = 1,
	REGISTER_RECEIVER = 2
};

/* "JJ-370102-01-261120-0001-W": JJ materials, JG results, then the
 * case-number form of site, terminal, day and the terminal's sequence of
 * that kind and day, with its check character. */
#define REGISTER_NUMBER_MAX 40

const char *register_kind_name(enum register_kind k);	/* "materials" */
const char *register_kind_label(enum register_kind k);	/* "材料交接单" */
int register_kind_from_name(const char *name);		/* -1 unknown */
const char *register_state_name(enum register_state s);	/* "open" ... */
const char *register_state_label(enum register_state s);

/* One material of a case in a materials register; in a results
 * register, the result handed over (id "result": the licence or the
 * 不予行政许可决定书, form "result", no counts). */
struct register_material {
	char *id;
	char *name;
	char *form;			/* paper, electronic, fetched, deferred,
					 * result */
	int originals;
	int copies;
};

struct register_case {
	char number[CASENO_TEXT_MAX];
	char *item_name;
	char *applicant_name;
	int applied;			/* its events are written */
	struct register_material *materials;
	size_t nmaterials;
};

/* A material found missing from the bundle on receipt. */
struct register_discrepancy {
	char case_number[CASENO_TEXT_MAX];
	char *material_id;
	char *text;
	char *recorded_by;
	char *recorded_at;
};

struct register_info {
	char number[REGISTER_NUMBER_MAX];
	enum register_kind kind;
	enum register_state state;
	char *department;
	int day;			/* made on */
	char *created_by;
	char *created_at;
	char *sender;			/* NULL until signed */
	char *sent_at;
	char *receiver;
	char *received_at;
	int received_on;
	struct register_case *cases;
	size_t ncases;
	struct register_discrepancy *discrepancies;
	size_t ndiscrepancies;
};

/* One line of a register list. */
struct register_summary {
	char number[REGISTER_NUMBER_MAX];
	enum register_kind kind;
	enum register_state state;
	char *department;
	int day;
	int ncases;
	int ndiscrepancies;		/* materials found missing on receipt */
	char *sender;			/* may be NULL */
	char *sent_at;			/* when the sender signed; may be NULL */
	char *receiver;			/* may be NULL */
	char *received_at;		/* may be NULL */
};

/*
 * Makes a register of `kind` for `department` holding the cases named in
 * refs (numbers or ids) on `day`, by `user`.  Materials: every case
 * ACCEPTED, 承诺件, of the department, in no other register not yet
 * received; its materials (paper with counts, electronic, fetched) are
 * copied from the case's latest checklist.  Results: every case DECIDED,
 * of the department, in no other results register.  The number is
 * written into number.
 */
int register_create(struct store *st, const struct calendar *cal,
		    enum register_kind kind, const char *department,
		    const char *const *refs, size_t nrefs, const char *user, int day,
		    char number[REGISTER_NUMBER_MAX], char *err, size_t errsz);

/* What the receiver found missing: material `material` of case `case_ref`,
 * with a note (may be NULL). */
struct register_missing {
	const char *case_ref;
	const char *material;
	const char *note;
};

/*
 * Signs register `number` as `side`.  The sender signs first; the
 * receiver's signature records the missing materials (materials
 * registers only; each must be one listed for that case) and writes the
 * cases' events.  password NULL: the signer is logged in here.
 */
int register_sign(struct store *st, const struct calendar *cal, const char *number,
		  enum register_side side, const char *user, const char *password,
		  int day, const struct register_missing *missing, size_t nmissing,
		  char *err, size_t errsz);

/* The register `number` (as typed; lowercase accepted).  1, 0, -1. */
int register_load(struct store *st, const char *number, struct register_info *out,
		  char *err, size_t errsz);
void register_info_free(struct register_info *r);

/* The register of `kind` case `ref` (number or id) was last put in, into
 * number.  1, 0 (the case is in none, or unknown), -1. */
int register_find_for_case(struct store *st, const char *ref, enum register_kind kind,
			   char number[REGISTER_NUMBER_MAX], char *err, size_t errsz);

/* Registers, newest first; kind 0 for both kinds; department NULL for
 * all.  Free with register_summaries_free. */
int register_list(struct store *st, int kind, const char *department,
		  struct register_summary **out, size_t *n, char *err, size_t errsz);
void register_summaries_free(struct register_summary *v, size_t n);
/* Frees the strings of one summary (a list filtered in place). */
void register_summary_clear(struct register_summary *s);

/* Discrepancies recorded against a case (its number or id), oldest
 * first; free with register_discrepancies_free. */
int register_case_discrepancies(struct store *st, const char *ref,
				struct register_discrepancy **out, size_t *n,
				char *err, size_t errsz);
void register_discrepancies_free(struct register_discrepancy *v, size_t n);

/* ---- who may act ------------------------------------------------------ */

/* The active user `name` into *out; unknown and disabled users are
 * refused with a message. */
int backoffice_user(struct store *st, const char *name, struct user_info *out,
		    char *err, size_t errsz);
/* Checks the password of `user` like a login would, without counting a
 * failure: an action on the command line is signed by its user.  0, or
 * -1 with the reason (wrong password, locked or disabled account). */
int backoffice_check_password(struct store *st, const char *user, const char *password,
			      char *err, size_t errsz);

/* The department of case `ref` (its item's 实施主体 in the catalog version
 * it was received under, else the newest version that has the item).
 * 1, 0 (case or item unknown), -1. */
int backoffice_case_department(struct store *st, const char *ref, char *buf,
			       size_t bufsz, char *err, size_t errsz);

/* Whether user u may see case `ref` (search hits, the case view): an
 * approver only the cases of their own department (the item's), every
 * other role all of them.  1 yes, 0 no (with the reason), -1 error. */
int backoffice_may_see(struct store *st, const struct user_info *u, const char *ref,
		       char *err, size_t errsz);

/* ---- approval (审批) ---------------------------------------------------- */

/* Starts review of an ACCEPTED case without a register (materials all
 * electronic). */
int backoffice_review(struct store *st, const struct calendar *cal, const char *ref,
		      const char *user, int day, char *err, size_t errsz);

/* 特别程序: procedure "hearing", "inspection", "expert" or "other"; a
 * reason is required; expected_end (0: not given) is the day the
 * procedure is expected to end, told to the applicant in writing (行政
 * 许可法 art. 45), not before `day`; it goes into the event's body as
 * "expected_end".  The clock stops until backoffice_resume. */
int backoffice_special(struct store *st, const struct calendar *cal, const char *ref,
		       const char *user, int day, const char *procedure,
		       const char *reason, int expected_end, char *err, size_t errsz);
int backoffice_resume(struct store *st, const struct calendar *cal, const char *ref,
		      const char *user, int day, char *err, size_t errsz);

/* 延期: +days (1..10) working days, once, with a reason, on or before
 * the promised date (art. 42). */
int backoffice_extend(struct store *st, const struct calendar *cal, const char *ref,
		      const char *user, int day, int days, const char *reason,
		      char *err, size_t errsz);

struct backoffice_decision {
	enum case_decision decision;
	/* approve: the result's name (default: the item's result), the
	 * licence number and the last day it is valid (0: no limit) */
	const char *result;
	const char *licence_no;
	int valid_until;
	/* deny: the reasons and the remedies (复议, 诉讼) told */
	const char *reasons;
	const char *remedies;
};

/* 审批决定.  Approve needs a licence number; deny needs reasons and
 * remedies; valid_until, when given, must be after the decision.  An
 * approval completes, in the same transaction, the 即办件 parts of its
 * 一件事 held at intake until this prerequisite was decided. */
int backoffice_decide(struct store *st, const struct calendar *cal, const char *ref,
		      const char *user, int day, const struct backoffice_decision *d,
		      char *err, size_t errsz);

/* 撤件: the applicant withdraws the application, recorded at the counter
 * by a clerk (or an administrator) with the reason, before a decision. */
int backoffice_withdraw(struct store *st, const struct calendar *cal, const char *ref,
			const char *user, int day, const char *reason,
			char *err, size_t errsz);

/* ---- issuing (统一出件) ------------------------------------------------ */

/* The cases the issuing window delivers: READY (a result handed over), or
 * a 即办件 DECIDED and not yet delivered (a 一件事 part completed after
 * intake).  The notice, pickup and post below take either. */

/* Records that the applicant was told the result is ready: channel
 * "phone", "sms" or "other"; note may be NULL. */
int backoffice_notify(struct store *st, const struct calendar *cal, const char *ref,
		      const char *user, int day, const char *channel, const char *note,
		      char *err, size_t errsz);

struct backoffice_pickup {
	const char *name;		/* the collector as on the ID card */
	const char *id_no;
	int confirmed;			/* the collector signed for it */
	int authorised;			/* the collector is neither the
					 * applicant nor the agent on file: the
					 * issuer checked the written
					 * authorisation (委托书) they hold */
};

/* Who the collector is for case `ref`, before anything is written: the
 * ID number (checked, canonical form) compared with the applicant's and
 * the agent's on file.  1 with *relation "applicant" or "agent" (the
 * name must be that person's, else -1 saying so); 0 when it is neither,
 * so that only a written authorisation lets the person collect (-1 when
 * the number is no personal identity number); -1 with the reason (a bad
 * check digit, a case not waiting at the window...). */
int backoffice_collector(struct store *st, const struct calendar *cal, const char *ref,
			 const char *name, const char *id_no, const char **relation,
			 char *err, size_t errsz);

/* 窗口领取: backoffice_collector decides the relation; a collector who is
 * neither the applicant nor the agent collects only with `authorised`.
 * The event records "collector": {"name", "id_no", "relation":
 * "applicant" | "agent" | "authorised"}.  Refused with the reason
 * otherwise. */
int backoffice_pickup(struct store *st, const struct calendar *cal, const char *ref,
		      const char *user, int day, const struct backoffice_pickup *p,
		      char *err, size_t errsz);

struct backoffice_post {
	const char *waybill;		/* EMS 运单号 */
	const char *address;
	const char *recipient;
};

/* 邮寄送达: waybill (10..20 letters and digits), address, recipient. */
int backoffice_post(struct store *st, const struct calendar *cal, const char *ref,
		    const char *user, int day, const struct backoffice_post *p,
		    char *err, size_t errsz);

/* 归档 of a DELIVERED case. */
int backoffice_archive(struct store *st, const struct calendar *cal, const char *ref,
		       const char *user, int day, char *err, size_t errsz);

/* ---- 一件事 bundles ----------------------------------------------------- */

/*
 * The parts of a 一件事 joint application are cases, one per item of a
 * catalog bundle, linked by a bundle_linked event on each (so that they
 * sync and show in the timelines) and closed by a bundle_closed event on
 * each.  Within a bundle the items of its lead department are the
 * prerequisite of the others (the lead registers, the others follow on
 * its result: the catalog's 企业开办 and 出生 bundles): a part that waits
 * for one is recorded with "waits_for", and a 即办件 part is not decided
 * at intake until its prerequisite is (DOMAIN.md rule 9: a step may
 * start before a prerequisite decision arrives and finish when it does).
 */

#define BUNDLE_ID_MAX 48

/* 1 when, in bundle b of catalog cat, item b->items[part] waits for item
 * b->items[prereq]: the prerequisite is of the lead department and the
 * part is not. */
int bundle_waits_for(const struct catalog *cat, const struct catalog_bundle *b,
		     size_t part, size_t prereq);

/* Links the cases refs (numbers or ids) as the parts of one application
 * of catalog bundle `bundle_code` (the current catalog's), by `user` (a
 * clerk or an administrator) on `day`, in one transaction.  lead, when
 * not NULL, must be the bundle's lead department.  Each case must be of
 * one of the bundle's items (each item at most once), in no other
 * bundle, and not closed.  The new bundle's id is written into id. */
int bundle_link(struct store *st, const struct calendar *cal, const char *bundle_code,
		const char *lead, const char *const *refs, size_t nrefs,
		const char *user, int day, char id[BUNDLE_ID_MAX], char *err, size_t errsz);

struct bundle_part {
	char number[CASENO_TEXT_MAX];
	char *item_code;
	char *item_name;
	char *department;
	enum case_state state;
	enum case_decision decision;
	int decided_on;
	int instant;
	char *waits_for;		/* the prerequisite parts' numbers,
					 * "、" between; "" when none */
	int held;			/* a 即办件 waiting for its prerequisite */
};

struct bundle_info {
	char *bundle_id;
	char *bundle_code;
	char *bundle_name;
	char *lead_department;
	int linked_on;
	char *linked_by;
	struct bundle_part *parts;
	size_t nparts;
	int closed_on;			/* 0 while open */
	char *closed_by;
};

/* The bundle of case `ref`.  1, 0 (not in a bundle), -1. */
int bundle_of_case(struct store *st, const struct calendar *cal, const char *ref,
		   struct bundle_info *out, char *err, size_t errsz);
/* The bundle `bundle_id`.  1, 0 (none), -1. */
int bundle_load(struct store *st, const struct calendar *cal, const char *bundle_id,
		struct bundle_info *out, char *err, size_t errsz);
void bundle_info_free(struct bundle_info *b);

/* 1 when every part of b is decided or ended (withdrawn, rejected), so
 * that the lead department may close it; else 0 with the open parts
 * named in why. */
int bundle_closable(const struct bundle_info *b, char *why, size_t whysz);

/* The lead department's approver closes the bundle once every part is
 * decided; refused, naming the parts still open, before. */
int bundle_close(struct store *st, const struct calendar *cal, const char *bundle_id,
		 const char *user, int day, char *err, size_t errsz);

/* ---- lists for queues and supervision -------------------------------- */

struct backoffice_entry {
	char number[CASENO_TEXT_MAX];
	char *item_code;
	char *item_name;
	char *applicant_name;
	char *department;		/* "" when the item is unknown */
	char window[CASENO_SITE_MAX + 4];	/* "370102-01": where it was received */
	struct case_fold fold;
};

/* Cases in `states` (a bit set of 1u << enum case_state; 0: all) of
 * `department` (NULL: all), ordered by promised date (cases with none
 * last), then number. */
int backoffice_cases(struct store *st, const struct calendar *cal, unsigned states,
		     const char *department, struct backoffice_entry **out, size_t *n,
		     char *err, size_t errsz);
void backoffice_entries_free(struct backoffice_entry *v, size_t n);

/* The approver's queue: their department's 承诺件 accepted and waiting
 * for (or in) a hand-over, under review (IN_REVIEW, SPECIAL), and decided
 * but not yet at the issuing window, by promised date.  Other roles and
 * approvers without a department are refused. */
int backoffice_queue(struct store *st, const struct calendar *cal, const char *user,
		     struct backoffice_entry **out, size_t *n, char *err, size_t errsz);

/* The warning setting "supervise.warn_days" (0..30, default 2). */
#define BACKOFFICE_WARN_DAYS_DEFAULT 2
int backoffice_warn_days(struct store *st, int *out, char *err, size_t errsz);

#endif
