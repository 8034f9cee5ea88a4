/*
 * casefsm.h — the case (办件) state machine.
 *
 * A case is an append-only list of events; its state is their fold.  This
 * module knows which event may follow which state, folds events into a
 * struct case_fold (the projection the store keeps beside the events), and
 * computes the time limits and the yellow and red cards of the law and the
 * service-centre rules (DOMAIN.md), on the official working-day calendar.
 *
 *   NONE ─received─▶ RECEIVED ─accepted─▶ ACCEPTED ─review_started─▶ IN_REVIEW
 *   RECEIVED ─correction_requested─▶ CORRECTION ─correction_supplied─▶ ACCEPTED
 *   RECEIVED | CORRECTION ─rejected─▶ REJECTED (不予受理, end)
 *   any state before a decision ─withdrawn─▶ WITHDRAWN (end)
 *   IN_REVIEW ─special_started─▶ SPECIAL ─special_ended─▶ IN_REVIEW
 *   IN_REVIEW ─extended─▶ IN_REVIEW (once; the fold's extension_days)
 *   IN_REVIEW ─decided─▶ DECIDED ─result_handed_over─▶ READY ─delivered─▶
 *   DELIVERED ─archived─▶ ARCHIVED
 *   即办件: ACCEPTED ─decided─▶ DECIDED ─delivered─▶ DELIVERED, at the window
 *
 * 延期 (extension) is a flag of IN_REVIEW, not a state: an extended case can
 * do exactly what any case under review can (pause, decide, be withdrawn)
 * except extend again, and a state for it would need a twin of SPECIAL too.
 * Screens show it with casefsm_fold_label ("审查中（已延期）").
 *
 * handed_over (材料交接) records the paper hand-over to the back office and
 * leaves the case ACCEPTED (it may happen in several batches, one per
 * department of a 一件事); review_started (部门开始办理, national code 8) is
 * the back office signing for it.
 *
 * document_issued (a notice, decision or register printed or reprinted,
 * its text in the body), notified (the applicant told by phone, SMS...),
 * bundle_linked (the case made a part of a 一件事 joint application),
 * bundle_closed (the lead department closed that application) and
 * register_sent (the case put on a hand-over register its sender signed:
 * the register travels to the receiving workstation in these events) and
 * correction_partial (what an applicant in 补正 has brought so far, all
 * of it, so that any window finds it on the next visit) record what
 * happened without changing the state; they are allowed in every state
 * once the case exists.  A 即办件 accepted and linked as waiting for a
 * prerequisite part is held: its clock does not run until it is decided
 * (DOMAIN.md rule 9).
 *
 * Rules of the law the fold enforces beyond the table: an extension is
 * decided within the limit (行政许可法 art. 42), so it is refused once the
 * promised date has passed; a red card, once an event shows the case past
 * its promised date, stays in the fold (overdue_since) whatever comes
 * after; a decision of either kind is served within 10 working days
 * (art. 44: a 不予许可 too).
 *
 * Dates are date.h day numbers; 0 means "not yet".
 */
#ifndef YICHUANG_CASEFSM_H
#define YICHUANG_CASEFSM_H

#include <stddef.h>

#ifndef N_
#define N_(s) (s)		/* a msgid (util.h) */
#endif

#include "yichuang/catalog.h"	/* enum limit_unit */

struct calendar;

/*
 * States: enum, stable storage name, Chinese display name.  The national
 * exchange code depends on more than the state: see casefsm_exchange_code.
 */
#define CASE_STATES(X) \
	X(CASE_NONE, "none", N_("未接件")) \
	X(CASE_RECEIVED, "received", N_("已接件")) \
	X(CASE_ACCEPTED, "accepted", N_("已受理")) \
	X(CASE_CORRECTION, "correction", N_("补正中")) \
	X(CASE_REJECTED, "rejected", N_("不予受理")) \
	X(CASE_WITHDRAWN, "withdrawn", N_("已撤件")) \
	X(CASE_IN_REVIEW, "in_review", N_("审查中")) \
	X(CASE_SPECIAL, "special", N_("特别程序中")) \
	X(CASE_DECIDED, "decided", N_("已决定")) \
	X(CASE_READY, "ready", N_("待出件")) \
	X(CASE_DELIVERED, "delivered", N_("已送达")) \
	X(CASE_ARCHIVED, "archived", N_("已归档"))

#define CASE_STATE_ENUM(e, name, label) e,
enum case_state {
	CASE_STATES(CASE_STATE_ENUM)
	CASE_STATE_COUNT
};
#undef CASE_STATE_ENUM

/*
 * Events: enum, stable storage name, Chinese display name, and the verb
 * phrase used in "状态为“…”的办件不能…" messages.
 */
#define CASE_EVENTS(X) \
	X(CASE_EV_RECEIVED, "received", N_("接件"), N_("重复接件")) \
	X(CASE_EV_ACCEPTED, "accepted", N_("受理"), N_("受理")) \
	X(CASE_EV_CORRECTION_REQUESTED, "correction_requested", N_("补正告知"), N_("再发补正通知")) \
	X(CASE_EV_CORRECTION_SUPPLIED, "correction_supplied", N_("补正收齐，受理"), N_("登记补正材料收齐")) \
	X(CASE_EV_REJECTED, "rejected", N_("不予受理"), N_("作出不予受理决定")) \
	X(CASE_EV_WITHDRAWN, "withdrawn", N_("撤件"), N_("撤件")) \
	X(CASE_EV_HANDED_OVER, "handed_over", N_("材料交接"), N_("交接材料")) \
	X(CASE_EV_REVIEW_STARTED, "review_started", N_("开始审查"), N_("开始审查")) \
	X(CASE_EV_SPECIAL_STARTED, "special_started", N_("特别程序开始"), N_("启动特别程序")) \
	X(CASE_EV_SPECIAL_ENDED, "special_ended", N_("特别程序结束"), N_("结束特别程序")) \
	X(CASE_EV_EXTENDED, "extended", N_("延期"), N_("延期")) \
	X(CASE_EV_DECIDED, "decided", N_("审批决定"), N_("作出审批决定")) \
	X(CASE_EV_RESULT_HANDED_OVER, "result_handed_over", N_("结果交接"), N_("交接办理结果")) \
	X(CASE_EV_DELIVERED, "delivered", N_("送达"), N_("登记送达")) \
	X(CASE_EV_ARCHIVED, "archived", N_("归档"), N_("归档")) \
	X(CASE_EV_DEFERRED_SUPPLIED, "deferred_supplied", N_("容缺材料补齐"), N_("登记容缺材料补齐")) \
	X(CASE_EV_DOCUMENT_ISSUED, "document_issued", N_("出具文书"), N_("出具文书")) \
	X(CASE_EV_NOTIFIED, "notified", N_("通知申请人"), N_("通知申请人")) \
	X(CASE_EV_BUNDLE_LINKED, "bundle_linked", N_("一件事联办"), N_("登记一件事联办")) \
	X(CASE_EV_BUNDLE_CLOSED, "bundle_closed", N_("一件事办结"), N_("办结一件事")) \
	X(CASE_EV_REGISTER_SENT, "register_sent", N_("交接单发出"), N_("发出交接单")) \
	X(CASE_EV_CORRECTION_PARTIAL, "correction_partial", N_("收到部分补正材料"), \
	  N_("登记收到的部分补正材料"))

#define CASE_EVENT_ENUM(e, name, label, verb) e,
enum case_event_type {
	CASE_EVENTS(CASE_EVENT_ENUM)
	CASE_EVENT_COUNT
};
#undef CASE_EVENT_ENUM

enum case_decision {
	CASE_DECISION_NONE = 0,
	CASE_DECISION_APPROVE = 1,	/* "approve" 准予许可 */
	CASE_DECISION_DENY = 2		/* "deny" 不予许可: reasons required */
};

enum case_delivery {
	CASE_DELIVERY_NONE = 0,
	CASE_DELIVERY_PICKUP = 1,	/* "pickup" 窗口领取, signature on ID check */
	CASE_DELIVERY_POST = 2		/* "post" 邮寄 (EMS waybill) */
};

/* Limits of the law and of the centre, in working days. */
#define CASEFSM_CORRECTION_DAYS 5	/* 行政许可法 art. 32 */
#define CASEFSM_EXTENSION_DAYS 10	/* art. 42 */
#define CASEFSM_EXTENSION_MAX 10	/* art. 42: +10 with the head's approval */
#define CASEFSM_RESULT_DAYS 1		/* result to the issuing window */
#define CASEFSM_DELIVER_DAYS 10		/* art. 44 */

#define CASEFSM_MAX_DEFERRED 8		/* 容缺 materials per case */
#define CASEFSM_MATERIAL_MAX 64		/* bytes of a material id, with NUL */

/* A 容缺后补 material accepted without it: its id in the item's checklist
 * and the working days the applicant has to supply it. */
struct case_deferral {
	const char *material;
	int days;			/* 1..60 */
};

/*
 * One event, as the rules need it.  The event's full body (applicant,
 * materials, the notice's list, signatures ...) is JSON the store keeps as
 * text; this struct borrows only what the fold depends on.  Pointers are
 * borrowed for the duration of casefsm_apply.
 */
struct case_event {
	enum case_event_type type;
	int day;				/* date of the event */
	const char *reason;			/* rejected, special_started,
						 * extended, decided (deny),
						 * withdrawn (optional) */
	/* received: the item's kind and promised limit at intake */
	int instant;				/* 即办件 */
	int promised_limit;			/* 0..3650 */
	enum limit_unit promised_unit;
	/* accepted, correction_supplied: materials accepted as 容缺 */
	const struct case_deferral *deferred;
	size_t ndeferred;
	/* deferred_supplied: which material */
	const char *material;
	int extension_days;			/* extended: 1..10 (art. 42) */
	int waits;				/* bundle_linked: the case waits
						 * for a prerequisite part */
	enum case_decision decision;		/* decided */
	enum case_delivery delivery;		/* delivered */
};

/* A 容缺 material in the fold. */
struct case_deferred {
	char material[CASEFSM_MATERIAL_MAX];
	int due_on;			/* workdays_add(accepted_on, days) */
	int supplied_on;		/* 0 while outstanding */
};

/* The projection of a case's events. */
struct case_fold {
	enum case_state state;
	int last_day;			/* day of the latest event */
	int instant;			/* 即办件 */
	int promised_limit;		/* from the item, at intake */
	enum limit_unit promised_unit;
	int received_on;
	int correction_deadline;	/* received_on + 5 working days */
	int correction_notice_on;
	int accepted_on;		/* acceptance, or materials supplied */
	int deemed_accepted;		/* 1: counts as accepted from receipt
					 * (notice late, or accepted late) */
	int promised_on;		/* 承诺办结日; 0 until accepted */
	int handed_over_on;		/* first material hand-over */
	int review_started_on;
	int extension_days;		/* 0, or the one extension granted */
	int extended_on;
	int paused_days;		/* working days of ended 特别程序 */
	int special_since;		/* start of the running 特别程序, or 0 */
	int specials;			/* how many 特别程序 were started */
	int decided_on;
	enum case_decision decision;
	int result_due_on;		/* decided_on + 1 working day */
	int ready_on;			/* result at the issuing window */
	int deliver_due_on;		/* decided_on + 10 working days, for
					 * an approval and a denial alike */
	int delivered_on;
	enum case_delivery delivery;
	int closed_on;			/* rejected, withdrawn or archived */
	int held;			/* a 即办件 part of a 一件事 accepted
					 * and waiting for its prerequisite
					 * to be decided: no clock of its
					 * own until it is */
	int overdue_since;		/* the day after the promised date
					 * that an event found passed: the
					 * red card, kept for good; 0 none */
	int provisional;		/* a date above used a year without an
					 * official calendar */
	struct case_deferred deferred[CASEFSM_MAX_DEFERRED];
	size_t ndeferred;
};

/* Deadline status: a bit set; 0 is OK. */
enum case_deadline {
	CASE_DL_OK = 0,
	CASE_DL_WARNING = 1 << 0,		/* within warn_days of promised_on */
	CASE_DL_OVERDUE = 1 << 1,		/* red card: past promised_on */
	CASE_DL_CORRECTION_LATE = 1 << 2,	/* yellow: 补正 notice after 5 days */
	CASE_DL_RESULT_LATE = 1 << 3,		/* yellow: result hand-over late */
	CASE_DL_DELIVERY_LATE = 1 << 4,		/* yellow: issuing after 10 days */
	CASE_DL_DEFERRED_OVERDUE = 1 << 5	/* yellow: 容缺 material overdue */
};

/* Stable lowercase names, for storage and JSON; _from_name returns -1 for
 * an unknown name. */
const char *casefsm_state_name(enum case_state s);
int casefsm_state_from_name(const char *name);
const char *casefsm_event_name(enum case_event_type t);
int casefsm_event_from_name(const char *name);
const char *casefsm_decision_name(enum case_decision d);
int casefsm_decision_from_name(const char *name);
const char *casefsm_delivery_name(enum case_delivery d);
int casefsm_delivery_from_name(const char *name);

/* Translated display names. */
const char *casefsm_state_label(enum case_state s);
const char *casefsm_event_label(enum case_event_type t);
/* A "channel" of an event as staff say it: how the applicant was told
 * the result is ready (notified: phone, sms, other → "短信") or how the
 * application came in (received: window, online); an unknown code as it
 * is, "" for NULL. */
const char *casefsm_channel_label(const char *channel);
/* The state as a screen shows it: "审查中（已延期）" for an extended case,
 * "已决定（不予许可）" ...  Writes into buf and returns it. */
const char *casefsm_fold_label(const struct case_fold *f, char *buf,
			       size_t bufsz);

/* National exchange code (DOMAIN.md: 1 已接件 ... 13 办结(不通过)) of the
 * case's state: 2 for a withdrawal before acceptance, 14 after; 11, 12 (with
 * 容缺 materials) or 13 once decided.  0 for CASE_NONE. */
int casefsm_exchange_code(const struct case_fold *f);

/* 1 when `t` may follow state `s` for some case (the table screens use to
 * offer actions); casefsm_allowed answers for one case exactly (即办件 or
 * not, extension used, 容缺 materials outstanding). */
/* 1 for the events that only record something (document_issued,
 * notified): allowed in every state but CASE_NONE, the state unchanged. */
int casefsm_is_record(enum case_event_type t);
int casefsm_can(enum case_state s, enum case_event_type t);
int casefsm_allowed(const struct case_fold *f, enum case_event_type t);

/* An empty case (state CASE_NONE). */
void casefsm_init(struct case_fold *f);

/* Folds one event into *f.  Returns 0, or -1 leaving *f unchanged with a
 * Chinese message saying why the event is not allowed now and what is. */
int casefsm_apply(struct case_fold *f, const struct case_event *e,
		  const struct calendar *cal, char *err, size_t errsz);

/* The promised date in force on `day` for a case whose clock runs (a
 * running 特别程序 moves it on by the pause so far; a case still RECEIVED
 * past the 补正 deadline counts from receipt); 0 when the clock does not
 * run (not accepted, decided, closed). */
int casefsm_promised_in_force(const struct case_fold *f, int day,
			      const struct calendar *cal);

/* 1 when the case counts as accepted from receipt (行政许可法 art. 32):
 * already marked so, or still RECEIVED with no 补正 notice and `today`
 * past the correction deadline. */
int casefsm_deemed_accepted(const struct case_fold *f, int today);

/* Warnings and cards of a case on `today` (enum case_deadline bits).
 * A case in 特别程序 does not run out while paused: its promised date moves
 * on by the working days of the pause so far.  A red card, once raised
 * (overdue_since), stays: a case decided, extended or closed after its
 * promised date keeps it. */
unsigned casefsm_deadline_status(const struct case_fold *f, int today,
				 int warn_days, const struct calendar *cal);

#endif
