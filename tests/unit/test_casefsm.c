/* test_casefsm.c — the case state machine: every state x event pair against
 * the transition table, and each time-limit rule with dates worked out by
 * hand on the official 2026 calendar. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "yichuang/casefsm.h"
#include "yichuang/caserules.h"
#include "yichuang/date.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "testlib.h"

static struct calendar *cal;	/* the 2026 calendar (testlib.h) */

static int setup(void **state)
{
	(void)state;
	cal = testlib_calendar_2026();
	return cal ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	calendar_free(cal);
	return 0;
}

static int D(int m, int d)
{
	return date_from_ymd(2026, m, d);
}

static const struct case_deferral one_deferred[] = { { "licence_copy", 5 } };

/* A well-formed event of each type: every field an event may need is set
 * (no 容缺 materials: see accept_deferring). */
static struct case_event ev(enum case_event_type t, int day)
{
	struct case_event e;

	memset(&e, 0, sizeof e);
	e.type = t;
	e.day = day;
	e.reason = "理由";
	e.promised_limit = 10;
	e.promised_unit = LIMIT_WORKDAYS;
	e.extension_days = CASEFSM_EXTENSION_DAYS;
	e.decision = CASE_DECISION_APPROVE;
	e.delivery = CASE_DELIVERY_PICKUP;
	e.material = "licence_copy";
	return e;
}

static void apply_ok(struct case_fold *f, struct case_event e)
{
	char err[YC_ERRSZ] = "";

	if (casefsm_apply(f, &e, cal, err, sizeof err) != 0)
		fail_msg("%s on %d: %s", casefsm_event_name(e.type), e.day, err);
}

/* Applies e expecting a refusal; the fold must not change and the message
 * must contain `want`. */
static void apply_refused(struct case_fold *f, struct case_event e,
			  const char *want)
{
	struct case_fold before = *f;
	char err[YC_ERRSZ] = "";

	assert_int_equal(casefsm_apply(f, &e, cal, err, sizeof err), -1);
	assert_memory_equal(&before, f, sizeof before);
	if (!strstr(err, want))
		fail_msg("message \"%s\" lacks \"%s\"", err, want);
}

/* An acceptance on `day` deferring one material for 5 working days. */
static struct case_event accept_deferring(int day)
{
	struct case_event e = ev(CASE_EV_ACCEPTED, day);

	e.deferred = one_deferred;
	e.ndeferred = 1;
	return e;
}

/* A case received on `day`: instant or promised for `limit` of `unit`. */
static void receive(struct case_fold *f, int day, int instant, int limit,
		    enum limit_unit unit)
{
	struct case_event e = ev(CASE_EV_RECEIVED, day);

	casefsm_init(f);
	e.instant = instant;
	e.promised_limit = limit;
	e.promised_unit = unit;
	apply_ok(f, e);
}

/*
 * Brings a case to state s along the usual path, every event on `day`,
 * with one 容缺 material outstanding once accepted.
 * Returns 0 when s cannot be reached by that kind of case.
 */
static int reach(struct case_fold *f, enum case_state s, int instant, int day)
{
	casefsm_init(f);
	if (s == CASE_NONE)
		return 1;
	if (instant && (s == CASE_IN_REVIEW || s == CASE_SPECIAL || s == CASE_READY))
		return 0;
	receive(f, day, instant, instant ? 0 : 10, LIMIT_WORKDAYS);
	switch (s) {
	case CASE_RECEIVED:
		return 1;
	case CASE_CORRECTION:
		apply_ok(f, ev(CASE_EV_CORRECTION_REQUESTED, day));
		return 1;
	case CASE_REJECTED:
		apply_ok(f, ev(CASE_EV_REJECTED, day));
		return 1;
	case CASE_WITHDRAWN:
		apply_ok(f, ev(CASE_EV_WITHDRAWN, day));
		return 1;
	default:
		break;
	}
	apply_ok(f, accept_deferring(day));
	if (s == CASE_ACCEPTED)
		return 1;
	if (!instant) {
		apply_ok(f, ev(CASE_EV_REVIEW_STARTED, day));
		if (s == CASE_IN_REVIEW)
			return 1;
		if (s == CASE_SPECIAL) {
			apply_ok(f, ev(CASE_EV_SPECIAL_STARTED, day));
			return 1;
		}
	}
	apply_ok(f, ev(CASE_EV_DECIDED, day));
	if (s == CASE_DECIDED)
		return 1;
	if (!instant) {
		apply_ok(f, ev(CASE_EV_RESULT_HANDED_OVER, day));
		if (s == CASE_READY)
			return 1;
	}
	apply_ok(f, ev(CASE_EV_DELIVERED, day));
	if (s == CASE_DELIVERED)
		return 1;
	apply_ok(f, ev(CASE_EV_ARCHIVED, day));
	assert_int_equal(s, CASE_ARCHIVED);
	return 1;
}

/*
 * Every allowed transition, written out independently of the table in
 * casefsm.c: per state, "event>new state" in event order.  Empty: an end
 * state.  NULL: the kind of case never reaches that state.
 */
static const char *const expect_promised[CASE_STATE_COUNT] = {
	[CASE_NONE] = "received>received",
	[CASE_RECEIVED] = "accepted>accepted correction_requested>correction "
			  "rejected>rejected withdrawn>withdrawn",
	[CASE_ACCEPTED] = "withdrawn>withdrawn handed_over>accepted "
			  "review_started>in_review deferred_supplied>accepted",
	[CASE_CORRECTION] = "correction_supplied>accepted rejected>rejected "
			    "withdrawn>withdrawn",
	[CASE_REJECTED] = "",
	[CASE_WITHDRAWN] = "",
	[CASE_IN_REVIEW] = "withdrawn>withdrawn special_started>special "
			   "extended>in_review decided>decided "
			   "deferred_supplied>in_review",
	[CASE_SPECIAL] = "withdrawn>withdrawn special_ended>in_review "
			 "deferred_supplied>special",
	[CASE_DECIDED] = "result_handed_over>ready deferred_supplied>decided",
	[CASE_READY] = "delivered>delivered deferred_supplied>ready",
	[CASE_DELIVERED] = "archived>archived deferred_supplied>delivered",
	[CASE_ARCHIVED] = "",
};

static const char *const expect_instant[CASE_STATE_COUNT] = {
	[CASE_NONE] = "received>received",
	[CASE_RECEIVED] = "accepted>accepted correction_requested>correction "
			  "rejected>rejected withdrawn>withdrawn",
	[CASE_ACCEPTED] = "withdrawn>withdrawn decided>decided "
			  "deferred_supplied>accepted",
	[CASE_CORRECTION] = "correction_supplied>accepted rejected>rejected "
			    "withdrawn>withdrawn",
	[CASE_REJECTED] = "",
	[CASE_WITHDRAWN] = "",
	[CASE_IN_REVIEW] = NULL,
	[CASE_SPECIAL] = NULL,
	[CASE_DECIDED] = "delivered>delivered deferred_supplied>decided",
	[CASE_READY] = NULL,
	[CASE_DELIVERED] = "archived>archived deferred_supplied>delivered",
	[CASE_ARCHIVED] = "",
};

/* All 12 x 16 pairs, for both kinds of case: apply succeeds exactly when
 * casefsm_allowed says so, casefsm_allowed implies casefsm_can, a refusal
 * leaves the fold untouched with a message, and the outcome matches the
 * hand-written list above. */
static void test_every_state_event_pair_agrees_with_the_table(void **state)
{
	int day = D(3, 2), allowed_total = 0;

	(void)state;
	for (int instant = 0; instant <= 1; instant++) {
		const char *const *expect = instant ? expect_instant : expect_promised;

		for (int s = 0; s < CASE_STATE_COUNT; s++) {
			struct case_fold f;
			char got[512] = "";
			size_t len = 0;

			if (!reach(&f, (enum case_state)s, instant, day)) {
				assert_null(expect[s]);
				continue;
			}
			assert_int_equal(f.state, s);
			assert_non_null(expect[s]);
			for (int t = 0; t < CASE_EVENT_COUNT; t++) {
				struct case_fold g = f;

				if (casefsm_is_record((enum case_event_type)t))
					continue;	/* test_record_events_keep_the_state */
				struct case_event e = ev((enum case_event_type)t, day);
				char err[YC_ERRSZ] = "";
				int rc = casefsm_apply(&g, &e, cal, err, sizeof err);
				int allowed = casefsm_allowed(&f, (enum case_event_type)t);

				if ((rc == 0) != allowed)
					fail_msg("%s/%s: apply %d, allowed %d: %s",
						 casefsm_state_name((enum case_state)s),
						 casefsm_event_name((enum case_event_type)t),
						 rc, allowed, err);
				if (allowed) {
					assert_true(casefsm_can((enum case_state)s, (enum case_event_type)t));
					len += (size_t)snprintf(got + len, sizeof got - len, "%s%s>%s",
								len ? " " : "",
								casefsm_event_name((enum case_event_type)t),
								casefsm_state_name(g.state));
					allowed_total++;
				} else {
					assert_memory_equal(&g, &f, sizeof f);
					assert_true(strlen(err) > 0);
				}
			}
			if (strcmp(got, expect[s]) != 0)
				fail_msg("%s %s: got \"%s\", want \"%s\"",
					 instant ? "instant" : "promised",
					 casefsm_state_name((enum case_state)s), got, expect[s]);
		}
	}
	assert_int_equal(allowed_total, 26 + 15);
}

/* A sample of refusals and their messages. */
static void test_refusals_say_why_and_what_is_possible(void **state)
{
	struct case_fold f;

	(void)state;
	reach(&f, CASE_ACCEPTED, 0, D(3, 2));
	apply_refused(&f, ev(CASE_EV_CORRECTION_REQUESTED, D(3, 2)),
		      "状态为“已受理”的办件不能再发补正通知；现在可以：撤件、材料交接、开始审查、容缺材料补齐");
	reach(&f, CASE_NONE, 0, D(3, 2));
	apply_refused(&f, ev(CASE_EV_ACCEPTED, D(3, 2)), "办件尚未接件，不能受理");
	reach(&f, CASE_REJECTED, 0, D(3, 2));
	apply_refused(&f, ev(CASE_EV_WITHDRAWN, D(3, 2)),
		      "状态为“不予受理”的办件不能撤件：办件已结束");
	reach(&f, CASE_IN_REVIEW, 0, D(3, 2));
	apply_refused(&f, ev(CASE_EV_DELIVERED, D(3, 2)),
		      "状态为“审查中”的办件不能登记送达");
	/* events must come in date order */
	apply_refused(&f, ev(CASE_EV_DECIDED, D(2, 27)), "早于本办件上一事件的日期2026-03-02");
	/* a bad event body: no decision, unknown delivery method */
	{
		struct case_event e = ev(CASE_EV_DECIDED, D(3, 3));

		e.decision = CASE_DECISION_NONE;
		apply_refused(&f, e, "审批决定须为准予许可");
	}
}

/*
 * Rule 1.  Received Thu 2026-02-12.  Working days after it: Fri 02-13 (1),
 * Sat 02-14 is a make-up working day (2), Sun 02-15..Mon 02-23 Spring
 * Festival off, Tue 02-24 (3), Wed 02-25 (4), Thu 02-26 (5): the 补正
 * notice is due by 2026-02-26.
 */
static void test_correction_notice_due_within_five_workdays(void **state)
{
	struct case_fold f, g;

	(void)state;
	receive(&f, D(2, 12), 0, 20, LIMIT_WORKDAYS);
	assert_int_equal(f.correction_deadline, D(2, 26));
	assert_int_equal(casefsm_deemed_accepted(&f, D(2, 26)), 0);
	assert_int_equal(casefsm_deemed_accepted(&f, D(2, 27)), 1);

	/* notice on the last day: in time, the clock waits for the applicant */
	g = f;
	apply_ok(&g, ev(CASE_EV_CORRECTION_REQUESTED, D(2, 26)));
	assert_int_equal(g.deemed_accepted, 0);
	assert_int_equal(g.promised_on, 0);
	assert_int_equal(casefsm_deadline_status(&g, D(3, 30), 2, cal) &
			 CASE_DL_CORRECTION_LATE, 0);
	/* supplied Mon 03-02: accepted that day; 20 working days after it
	 * (03-03..03-06: 4, 03-09..13: 9, 16..20: 14, 23..27: 19, 03-30: 20)
	 * give 2026-03-30 */
	apply_ok(&g, ev(CASE_EV_CORRECTION_SUPPLIED, D(3, 2)));
	assert_int_equal(g.accepted_on, D(3, 2));
	assert_int_equal(g.promised_on, D(3, 30));

	/* notice on Fri 02-27, one day late: recorded, but the case counts as
	 * accepted from receipt.  20 working days after Thu 02-12: 02-13 (1),
	 * 02-14 (2), 02-24..02-27 (6), Sat 02-28 make-up (7), 03-02..06 (12),
	 * 03-09..13 (17), 03-16, 17, 18 (20): 2026-03-18, and it stays so when
	 * the materials arrive later. */
	g = f;
	apply_ok(&g, ev(CASE_EV_CORRECTION_REQUESTED, D(2, 27)));
	assert_int_equal(g.state, CASE_CORRECTION);
	assert_int_equal(g.deemed_accepted, 1);
	assert_int_equal(g.promised_on, D(3, 18));
	assert_true(casefsm_deadline_status(&g, D(3, 2), 2, cal) & CASE_DL_CORRECTION_LATE);
	apply_ok(&g, ev(CASE_EV_CORRECTION_SUPPLIED, D(3, 5)));
	assert_int_equal(g.promised_on, D(3, 18));
	assert_int_equal(casefsm_exchange_code(&g), 3);

	/* accepted without notice after the deadline: also from receipt */
	g = f;
	apply_ok(&g, ev(CASE_EV_ACCEPTED, D(2, 27)));
	assert_int_equal(g.deemed_accepted, 1);
	assert_int_equal(g.promised_on, D(3, 18));

	/* still RECEIVED on 03-19, past the date promised from receipt: red */
	assert_int_equal(casefsm_deadline_status(&f, D(3, 18), 0, cal), CASE_DL_WARNING);
	assert_int_equal(casefsm_deadline_status(&f, D(3, 19), 2, cal), CASE_DL_OVERDUE);
	assert_int_equal(casefsm_deadline_status(&f, D(2, 26), 2, cal), CASE_DL_OK);
}

/* Rule 2.  An instant case, Fri 2026-10-09: accepted, decided and
 * delivered at the window on the same day; promised for that day. */
static void test_instant_case_closes_at_the_window(void **state)
{
	struct case_fold f;
	struct case_event e;

	(void)state;
	receive(&f, D(10, 9), 1, 0, LIMIT_WORKDAYS);
	apply_ok(&f, ev(CASE_EV_ACCEPTED, D(10, 9)));
	assert_int_equal(f.promised_on, D(10, 9));
	apply_refused(&f, ev(CASE_EV_HANDED_OVER, D(10, 9)),
		      "即办件在窗口当场办结，不能交接材料");
	apply_refused(&f, ev(CASE_EV_REVIEW_STARTED, D(10, 9)), "即办件");
	apply_ok(&f, ev(CASE_EV_DECIDED, D(10, 9)));
	assert_int_equal(f.result_due_on, 0);	/* nothing to hand over */
	apply_refused(&f, ev(CASE_EV_RESULT_HANDED_OVER, D(10, 9)), "即办件");
	e = ev(CASE_EV_DELIVERED, D(10, 9));
	apply_ok(&f, e);
	assert_int_equal(f.state, CASE_DELIVERED);
	assert_int_equal(casefsm_deadline_status(&f, D(10, 9), 2, cal), CASE_DL_OK);
	/* an instant case decided the next working day (Sat 10-10, make-up)
	 * is late: red card */
	receive(&f, D(10, 9), 1, 0, LIMIT_WORKDAYS);
	apply_ok(&f, ev(CASE_EV_ACCEPTED, D(10, 9)));
	assert_int_equal(casefsm_deadline_status(&f, D(10, 9), 2, cal), CASE_DL_WARNING);
	apply_ok(&f, ev(CASE_EV_DECIDED, D(10, 10)));
	assert_int_equal(casefsm_deadline_status(&f, D(10, 10), 2, cal), CASE_DL_OVERDUE);
	/* and a promised case may not be decided at the window */
	reach(&f, CASE_ACCEPTED, 0, D(10, 9));
	apply_refused(&f, ev(CASE_EV_DECIDED, D(10, 9)), "承诺件不能在窗口直接作出审批决定");
}

/*
 * Rule 3.  Accepted Thu 2026-04-30 with a material due in 5 working days:
 * 05-01..05-05 off, Wed 05-06 (1), Thu 05-07 (2), Fri 05-08 (3), Sat 05-09
 * make-up (4), Sun 05-10 off, Mon 05-11 (5): due 2026-05-11.
 */
static void test_deferred_material_due_in_workdays_then_overdue(void **state)
{
	struct case_fold f, g;
	struct case_event e;
	int due;

	(void)state;
	assert_int_equal(caserules_deferred_due(cal, D(4, 30), 5, &due, NULL), 0);
	assert_int_equal(due, D(5, 11));
	receive(&f, D(4, 30), 0, 20, LIMIT_WORKDAYS);
	apply_ok(&f, accept_deferring(D(4, 30)));
	assert_int_equal(f.ndeferred, 1);
	assert_string_equal(f.deferred[0].material, "licence_copy");
	assert_int_equal(f.deferred[0].due_on, D(5, 11));
	assert_int_equal(caserules_deferred_overdue(&f, D(5, 11)), 0);
	assert_int_equal(caserules_deferred_overdue(&f, D(5, 12)), 1);
	assert_int_equal(casefsm_deadline_status(&f, D(5, 11), 2, cal) & CASE_DL_DEFERRED_OVERDUE, 0);
	assert_true(casefsm_deadline_status(&f, D(5, 12), 2, cal) & CASE_DL_DEFERRED_OVERDUE);
	/* supplied on the due date: fine; a second time: refused */
	g = f;
	apply_ok(&g, ev(CASE_EV_DEFERRED_SUPPLIED, D(5, 11)));
	assert_int_equal(g.deferred[0].supplied_on, D(5, 11));
	assert_int_equal(casefsm_deadline_status(&g, D(6, 1), 2, cal) & CASE_DL_DEFERRED_OVERDUE, 0);
	apply_refused(&g, ev(CASE_EV_DEFERRED_SUPPLIED, D(5, 12)), "没有待补齐的容缺材料");
	/* supplied late (05-12): the yellow card stays on the record */
	g = f;
	apply_ok(&g, ev(CASE_EV_DEFERRED_SUPPLIED, D(5, 12)));
	assert_true(casefsm_deadline_status(&g, D(5, 12), 2, cal) & CASE_DL_DEFERRED_OVERDUE);
	/* a material the case did not defer */
	e = ev(CASE_EV_DEFERRED_SUPPLIED, D(5, 6));
	e.material = "id_card";
	apply_refused(&f, e, "“id_card”不是本办件的容缺材料");
	/* a bad deferral period is refused at acceptance */
	{
		static const struct case_deferral bad[] = { { "x", 61 } };

		receive(&g, D(4, 30), 0, 20, LIMIT_WORKDAYS);
		e = ev(CASE_EV_ACCEPTED, D(4, 30));
		e.deferred = bad;
		e.ndeferred = 1;
		apply_refused(&g, e, "应为1–60个工作日");
	}
}

/*
 * Rule 4.  Accepted Thu 2026-09-24 with 10 working days: 09-25..27 off,
 * Mon 09-28 (1), 09-29 (2), 09-30 (3), 10-01..07 off, Thu 10-08 (4), Fri
 * 10-09 (5), Sat 10-10 make-up (6), Sun 10-11 off, 10-12 (7), 10-13 (8),
 * 10-14 (9), Thu 10-15 (10): promised 2026-10-15.
 * With 7 natural days: 09-24 + 7 = 10-01, a holiday, so the limit runs to
 * the next working day, Thu 10-08.  With 6: 09-30, a working day.
 */
static void test_promised_date_counts_from_acceptance(void **state)
{
	struct case_fold f;

	(void)state;
	receive(&f, D(9, 24), 0, 10, LIMIT_WORKDAYS);
	apply_ok(&f, ev(CASE_EV_ACCEPTED, D(9, 24)));
	assert_int_equal(f.promised_on, D(10, 15));
	assert_int_equal(f.provisional, 0);

	receive(&f, D(9, 24), 0, 7, LIMIT_DAYS);
	apply_ok(&f, ev(CASE_EV_ACCEPTED, D(9, 24)));
	assert_int_equal(f.promised_on, D(10, 8));
	receive(&f, D(9, 24), 0, 6, LIMIT_DAYS);
	apply_ok(&f, ev(CASE_EV_ACCEPTED, D(9, 24)));
	assert_int_equal(f.promised_on, D(9, 30));

	/* Received Fri 12-25, accepted Thu 12-31, 5 working days: 2027 has no
	 * official calendar here, so the answer is marked provisional. */
	receive(&f, D(12, 25), 0, 5, LIMIT_WORKDAYS);
	apply_ok(&f, ev(CASE_EV_ACCEPTED, D(12, 31)));
	assert_int_equal(f.provisional, 1);
}

/*
 * Rule 5.  The case of rule 4 (promised 10-15) extended by 10 working
 * days: 10-16 (1), 10-19..23 (6), 10-26..29 (10): 2026-10-29.  Once only,
 * with a reason, only while under review.
 */
static void test_extension_adds_ten_workdays_once(void **state)
{
	struct case_fold f;
	struct case_event e;
	char label[64];

	(void)state;
	receive(&f, D(9, 24), 0, 10, LIMIT_WORKDAYS);
	apply_ok(&f, ev(CASE_EV_ACCEPTED, D(9, 24)));
	apply_refused(&f, ev(CASE_EV_EXTENDED, D(9, 28)), "状态为“已受理”的办件不能延期");
	apply_ok(&f, ev(CASE_EV_REVIEW_STARTED, D(9, 28)));
	e = ev(CASE_EV_EXTENDED, D(10, 12));
	e.reason = " 　";	/* blanks only */
	apply_refused(&f, e, "延期须写明理由");
	e = ev(CASE_EV_EXTENDED, D(10, 12));
	e.extension_days = 11;	/* art. 42 allows ten */
	apply_refused(&f, e, "最多延长10个工作日");
	apply_ok(&f, ev(CASE_EV_EXTENDED, D(10, 12)));
	assert_int_equal(f.extension_days, 10);
	assert_int_equal(f.promised_on, D(10, 29));
	assert_int_equal(f.state, CASE_IN_REVIEW);
	assert_string_equal(casefsm_fold_label(&f, label, sizeof label), "审查中（已延期）");
	apply_refused(&f, ev(CASE_EV_EXTENDED, D(10, 13)),
		      "本办件已于2026-10-12延期10个工作日，依法只能延期一次");
	/* not during a special procedure either */
	receive(&f, D(9, 24), 0, 10, LIMIT_WORKDAYS);
	apply_ok(&f, ev(CASE_EV_ACCEPTED, D(9, 24)));
	apply_ok(&f, ev(CASE_EV_REVIEW_STARTED, D(9, 28)));
	apply_ok(&f, ev(CASE_EV_SPECIAL_STARTED, D(9, 29)));
	apply_refused(&f, ev(CASE_EV_EXTENDED, D(9, 30)), "状态为“特别程序中”的办件不能延期");
}

/*
 * Rule 6.  The case of rule 4 (promised 10-15).  A hearing from Wed 09-30
 * to Fri 10-09: the working days after 09-30 up to 10-09 are 10-08 and
 * 10-09 (10-01..07 off): 2, so promised moves to 10-15 + 2 working days =
 * Fri 10-16, Mon 10-19: 2026-10-19.  A second pause Mon 10-12 .. Wed 10-14
 * (10-13, 10-14: 2) moves it to 10-20, 10-21: 2026-10-21.
 */
static void test_special_procedure_pauses_the_clock(void **state)
{
	struct case_fold f, g;

	(void)state;
	receive(&f, D(9, 24), 0, 10, LIMIT_WORKDAYS);
	apply_ok(&f, ev(CASE_EV_ACCEPTED, D(9, 24)));
	apply_ok(&f, ev(CASE_EV_REVIEW_STARTED, D(9, 28)));
	{
		struct case_event e = ev(CASE_EV_SPECIAL_STARTED, D(9, 30));

		e.reason = NULL;
		apply_refused(&f, e, "启动特别程序须写明理由");
	}
	apply_ok(&f, ev(CASE_EV_SPECIAL_STARTED, D(9, 30)));
	assert_int_equal(f.state, CASE_SPECIAL);
	assert_int_equal(casefsm_exchange_code(&f), 9);
	apply_ok(&f, ev(CASE_EV_SPECIAL_ENDED, D(10, 9)));
	assert_int_equal(f.paused_days, 2);
	assert_int_equal(f.promised_on, D(10, 19));

	/* Paused from 10-12: on Tue 10-20, past 10-19, the case is not
	 * overdue, because the 6 working days 10-13..10-16, 10-19, 10-20 of the
	 * running pause move the date to 10-19 + 6 = 10-27 (10-20, 21, 22, 23,
	 * 26, 27).  While paused the date moves on day by day: still OK on
	 * 10-30. */
	apply_ok(&f, ev(CASE_EV_SPECIAL_STARTED, D(10, 12)));
	assert_int_equal(casefsm_deadline_status(&f, D(10, 20), 2, cal), CASE_DL_OK);
	assert_int_equal(casefsm_deadline_status(&f, D(10, 30), 2, cal), CASE_DL_OK);
	g = f;
	apply_ok(&g, ev(CASE_EV_SPECIAL_ENDED, D(10, 14)));
	assert_int_equal(g.paused_days, 4);
	assert_int_equal(g.promised_on, D(10, 21));
	assert_int_equal(g.specials, 2);
	assert_int_equal(casefsm_deadline_status(&g, D(10, 20), 2, cal), CASE_DL_WARNING);
	assert_int_equal(casefsm_deadline_status(&g, D(10, 22), 2, cal), CASE_DL_OVERDUE);
	/* a case paused after it ran out stays overdue */
	receive(&f, D(9, 24), 0, 10, LIMIT_WORKDAYS);
	apply_ok(&f, ev(CASE_EV_ACCEPTED, D(9, 24)));
	apply_ok(&f, ev(CASE_EV_REVIEW_STARTED, D(9, 28)));
	apply_ok(&f, ev(CASE_EV_SPECIAL_STARTED, D(10, 16)));
	assert_int_equal(casefsm_deadline_status(&f, D(10, 20), 2, cal), CASE_DL_OVERDUE);
}

/*
 * Rule 7.  Decided Fri 2026-10-09: the next working day is Sat 10-10, a
 * make-up day, so the result is due at the issuing window on 2026-10-10.
 * Handed over Mon 10-12: late, a yellow card.
 */
static void test_result_reaches_issuing_window_within_one_workday(void **state)
{
	struct case_fold f, g;

	(void)state;
	receive(&f, D(9, 24), 0, 10, LIMIT_WORKDAYS);
	apply_ok(&f, ev(CASE_EV_ACCEPTED, D(9, 24)));
	apply_ok(&f, ev(CASE_EV_REVIEW_STARTED, D(9, 28)));
	apply_ok(&f, ev(CASE_EV_DECIDED, D(10, 9)));
	assert_int_equal(f.result_due_on, D(10, 10));
	assert_int_equal(casefsm_deadline_status(&f, D(10, 10), 2, cal), CASE_DL_OK);
	assert_int_equal(casefsm_deadline_status(&f, D(10, 11), 2, cal), CASE_DL_RESULT_LATE);
	g = f;
	apply_ok(&g, ev(CASE_EV_RESULT_HANDED_OVER, D(10, 10)));
	assert_int_equal(casefsm_deadline_status(&g, D(10, 12), 2, cal), CASE_DL_OK);
	g = f;
	apply_ok(&g, ev(CASE_EV_RESULT_HANDED_OVER, D(10, 12)));
	assert_int_equal(g.state, CASE_READY);
	assert_int_equal(casefsm_deadline_status(&g, D(10, 12), 2, cal), CASE_DL_RESULT_LATE);
}

/*
 * Rule 8.  Approved Fri 2026-02-13: Sat 02-14 make-up (1), 02-15..23 off,
 * 02-24..27 (5), Sat 02-28 make-up (6), 03-01 Sunday off, 03-02..05 (10):
 * to be issued by 2026-03-05.  Delivered 03-06: late.
 */
static void test_issuing_within_ten_workdays_after_either_decision(void **state)
{
	struct case_fold f, g;
	struct case_event e;

	(void)state;
	receive(&f, D(2, 2), 0, 10, LIMIT_WORKDAYS);
	apply_ok(&f, ev(CASE_EV_ACCEPTED, D(2, 2)));
	apply_ok(&f, ev(CASE_EV_REVIEW_STARTED, D(2, 3)));
	apply_ok(&f, ev(CASE_EV_DECIDED, D(2, 13)));
	assert_int_equal(f.deliver_due_on, D(3, 5));
	apply_ok(&f, ev(CASE_EV_RESULT_HANDED_OVER, D(2, 14)));
	assert_int_equal(casefsm_deadline_status(&f, D(3, 5), 2, cal), CASE_DL_OK);
	assert_int_equal(casefsm_deadline_status(&f, D(3, 6), 2, cal), CASE_DL_DELIVERY_LATE);
	g = f;
	e = ev(CASE_EV_DELIVERED, D(3, 5));
	e.delivery = CASE_DELIVERY_POST;
	apply_ok(&g, e);
	assert_int_equal(g.delivery, CASE_DELIVERY_POST);
	assert_int_equal(casefsm_deadline_status(&g, D(3, 20), 2, cal), CASE_DL_OK);
	g = f;
	apply_ok(&g, ev(CASE_EV_DELIVERED, D(3, 6)));
	assert_int_equal(casefsm_deadline_status(&g, D(3, 6), 2, cal), CASE_DL_DELIVERY_LATE);
	/* a denial needs reasons, and is served within the same 10 working
	 * days (art. 44): across the Spring Festival, 2-13 gives 3-5 */
	receive(&f, D(2, 2), 0, 10, LIMIT_WORKDAYS);
	apply_ok(&f, ev(CASE_EV_ACCEPTED, D(2, 2)));
	apply_ok(&f, ev(CASE_EV_REVIEW_STARTED, D(2, 3)));
	e = ev(CASE_EV_DECIDED, D(2, 13));
	e.decision = CASE_DECISION_DENY;
	e.reason = "";
	apply_refused(&f, e, "不予许可须写明理由");
	e.reason = "不符合条件";
	apply_ok(&f, e);
	assert_int_equal(f.deliver_due_on, D(3, 5));
	assert_int_equal(casefsm_exchange_code(&f), 13);
	apply_ok(&f, ev(CASE_EV_RESULT_HANDED_OVER, D(2, 14)));
	assert_int_equal(casefsm_deadline_status(&f, D(3, 5), 2, cal), CASE_DL_OK);
	assert_int_equal(casefsm_deadline_status(&f, D(3, 6), 2, cal), CASE_DL_DELIVERY_LATE);
}

/*
 * Art. 42: an extension is decided within the limit.  Accepted Thu 09-24,
 * promised 10-15 (09-25..27 and 10-01..07 off, Sat 10-10 worked).  On the
 * promised date itself it may still be extended (10 working days: 10-29);
 * from Fri 10-16 it is refused, saying why, and the fold is unchanged.
 * Across the Spring Festival: accepted Fri 01-30, promised Fri 02-13;
 * Sat 02-14 is a working day, but past the promised date.
 */
static void test_extension_refused_once_the_promised_date_passed(void **state)
{
	struct case_fold f, g;

	(void)state;
	receive(&f, D(9, 24), 0, 10, LIMIT_WORKDAYS);
	apply_ok(&f, ev(CASE_EV_ACCEPTED, D(9, 24)));
	apply_ok(&f, ev(CASE_EV_REVIEW_STARTED, D(9, 28)));
	assert_int_equal(f.promised_on, D(10, 15));
	g = f;
	apply_ok(&g, ev(CASE_EV_EXTENDED, D(10, 15)));
	assert_int_equal(g.promised_on, D(10, 29));
	assert_int_equal(g.overdue_since, 0);
	apply_refused(&f, ev(CASE_EV_EXTENDED, D(10, 16)), "承诺办结日 2026-10-15 已过");
	apply_refused(&f, ev(CASE_EV_EXTENDED, D(10, 16)), "行政许可法第四十二条");

	receive(&f, D(1, 30), 0, 10, LIMIT_WORKDAYS);
	apply_ok(&f, ev(CASE_EV_ACCEPTED, D(1, 30)));
	apply_ok(&f, ev(CASE_EV_REVIEW_STARTED, D(2, 2)));
	assert_int_equal(f.promised_on, D(2, 13));
	apply_refused(&f, ev(CASE_EV_EXTENDED, D(2, 14)), "已过");
	apply_ok(&f, ev(CASE_EV_EXTENDED, D(2, 13)));
	assert_int_equal(f.promised_on, D(3, 5));
}

/*
 * A red card, once an event shows the case past its promised date, stays:
 * promised 10-15, a 特别程序 started late on 10-16 raises it (from 10-16),
 * and neither the pause (10 working days, to 10-30) nor its end nor the
 * decision takes it away.  A case paused on its promised date and decided
 * within the moved limit never gets one.
 */
static void test_red_card_once_raised_stays(void **state)
{
	struct case_fold f, g;

	(void)state;
	receive(&f, D(9, 24), 0, 10, LIMIT_WORKDAYS);
	apply_ok(&f, ev(CASE_EV_ACCEPTED, D(9, 24)));
	apply_ok(&f, ev(CASE_EV_REVIEW_STARTED, D(9, 28)));
	g = f;
	apply_ok(&f, ev(CASE_EV_SPECIAL_STARTED, D(10, 16)));
	assert_int_equal(f.overdue_since, D(10, 16));
	assert_true(casefsm_deadline_status(&f, D(10, 20), 2, cal) & CASE_DL_OVERDUE);
	apply_ok(&f, ev(CASE_EV_SPECIAL_ENDED, D(10, 30)));
	assert_int_equal(f.promised_on, D(10, 29));	/* +10 days paused */
	assert_true(casefsm_deadline_status(&f, D(10, 30), 2, cal) & CASE_DL_OVERDUE);
	apply_ok(&f, ev(CASE_EV_DECIDED, D(10, 30)));
	assert_true(casefsm_deadline_status(&f, D(11, 30), 2, cal) & CASE_DL_OVERDUE);
	assert_int_equal(f.overdue_since, D(10, 16));

	/* in time: paused on the promised date, resumed and decided in the
	 * moved limit, no red card at any point */
	apply_ok(&g, ev(CASE_EV_SPECIAL_STARTED, D(10, 15)));
	apply_ok(&g, ev(CASE_EV_SPECIAL_ENDED, D(10, 20)));
	assert_int_equal(g.promised_on, D(10, 20));
	apply_ok(&g, ev(CASE_EV_DECIDED, D(10, 20)));
	assert_int_equal(g.overdue_since, 0);
	assert_false(casefsm_deadline_status(&g, D(11, 30), 2, cal) & CASE_DL_OVERDUE);
}

/* A 一件事 link and its closing are records: any state of an existing
 * case, the state and dates unchanged. */
static void test_bundle_events_are_records(void **state)
{
	struct case_fold f, before;

	(void)state;
	casefsm_init(&f);
	apply_refused(&f, ev(CASE_EV_BUNDLE_LINKED, D(3, 2)), "请先接件");
	reach(&f, CASE_DELIVERED, 1, D(3, 2));
	before = f;
	apply_ok(&f, ev(CASE_EV_BUNDLE_LINKED, D(3, 2)));
	apply_ok(&f, ev(CASE_EV_BUNDLE_CLOSED, D(3, 3)));
	assert_int_equal(f.state, before.state);
	assert_int_equal(f.delivered_on, before.delivered_on);
	assert_true(casefsm_is_record(CASE_EV_BUNDLE_LINKED));
	assert_true(casefsm_can(CASE_ARCHIVED, CASE_EV_BUNDLE_CLOSED));
}

/*
 * Rule 9.  Promised 10-15 (rule 4).  With 2 days' warning: Sat 10-10 (a
 * working day) has 10-12..10-15 = 4 ahead: OK; Mon 10-12: 3 ahead: OK;
 * Tue 10-13: 2 ahead: warning; 10-15 itself: warning; Fri 10-16: overdue
 * (red).  Decided on 10-16, the red card stays.
 */
static void test_deadline_status_warns_then_overdue(void **state)
{
	struct case_fold f;

	(void)state;
	receive(&f, D(9, 24), 0, 10, LIMIT_WORKDAYS);
	apply_ok(&f, ev(CASE_EV_ACCEPTED, D(9, 24)));
	apply_ok(&f, ev(CASE_EV_REVIEW_STARTED, D(9, 28)));
	assert_int_equal(casefsm_deadline_status(&f, D(10, 3), 2, cal), CASE_DL_OK);
	assert_int_equal(casefsm_deadline_status(&f, D(10, 10), 2, cal), CASE_DL_OK);
	assert_int_equal(casefsm_deadline_status(&f, D(10, 12), 2, cal), CASE_DL_OK);
	assert_int_equal(casefsm_deadline_status(&f, D(10, 12), 3, cal), CASE_DL_WARNING);
	assert_int_equal(casefsm_deadline_status(&f, D(10, 13), 2, cal), CASE_DL_WARNING);
	assert_int_equal(casefsm_deadline_status(&f, D(10, 15), 2, cal), CASE_DL_WARNING);
	assert_int_equal(casefsm_deadline_status(&f, D(10, 16), 2, cal), CASE_DL_OVERDUE);
	apply_ok(&f, ev(CASE_EV_DECIDED, D(10, 16)));
	assert_int_equal(casefsm_deadline_status(&f, D(10, 16), 2, cal), CASE_DL_OVERDUE);
	/* a case in correction (notice in time) has no running clock */
	receive(&f, D(9, 24), 0, 10, LIMIT_WORKDAYS);
	apply_ok(&f, ev(CASE_EV_CORRECTION_REQUESTED, D(9, 24)));
	assert_int_equal(casefsm_deadline_status(&f, D(12, 1), 2, cal), CASE_DL_OK);
}

/* Withdrawal before a decision only; rejection only from RECEIVED or
 * CORRECTION and with reasons; archive only after delivery. */
static void test_withdraw_reject_archive_limits(void **state)
{
	struct case_fold f;
	struct case_event e;

	(void)state;
	reach(&f, CASE_SPECIAL, 0, D(3, 2));
	apply_ok(&f, ev(CASE_EV_WITHDRAWN, D(3, 3)));
	assert_int_equal(casefsm_exchange_code(&f), 14);
	reach(&f, CASE_RECEIVED, 0, D(3, 2));
	apply_ok(&f, ev(CASE_EV_WITHDRAWN, D(3, 3)));
	assert_int_equal(casefsm_exchange_code(&f), 2);
	reach(&f, CASE_DECIDED, 0, D(3, 2));
	apply_refused(&f, ev(CASE_EV_WITHDRAWN, D(3, 3)), "状态为“已决定”的办件不能撤件");

	reach(&f, CASE_CORRECTION, 0, D(3, 2));
	e = ev(CASE_EV_REJECTED, D(3, 3));
	e.reason = NULL;
	apply_refused(&f, e, "不予受理须写明具体理由和依据");
	apply_ok(&f, ev(CASE_EV_REJECTED, D(3, 3)));
	assert_int_equal(casefsm_exchange_code(&f), 5);
	reach(&f, CASE_ACCEPTED, 0, D(3, 2));
	apply_refused(&f, ev(CASE_EV_REJECTED, D(3, 3)), "状态为“已受理”的办件不能作出不予受理决定");

	reach(&f, CASE_READY, 0, D(3, 2));
	apply_refused(&f, ev(CASE_EV_ARCHIVED, D(3, 3)),
		      "状态为“待出件”的办件不能归档；现在可以：送达、容缺材料补齐");
	reach(&f, CASE_DELIVERED, 0, D(3, 2));
	apply_ok(&f, ev(CASE_EV_ARCHIVED, D(3, 3)));
	assert_int_equal(f.closed_on, D(3, 3));
	assert_int_equal(casefsm_exchange_code(&f), 12);	/* approved, 容缺 */
}

/*
 * 行政许可法 art. 32: received Mon 2026-03-02, the 补正/不予受理 deadline is
 * 5 working days later, Mon 03-09.  On 03-09 a 不予受理 is still in time;
 * from 03-10 the application counts as accepted from receipt and can no
 * longer be refused at the window.  The same holds in CORRECTION when the
 * notice itself came late.
 */
static void test_no_rejection_after_deemed_acceptance(void **state)
{
	struct case_fold f;

	(void)state;
	receive(&f, D(3, 2), 0, 10, LIMIT_WORKDAYS);
	assert_int_equal(f.correction_deadline, D(3, 9));
	apply_ok(&f, ev(CASE_EV_REJECTED, D(3, 9)));

	receive(&f, D(3, 2), 0, 10, LIMIT_WORKDAYS);
	apply_refused(&f, ev(CASE_EV_REJECTED, D(3, 10)), "自收到申请之日起即为受理");
	assert_int_equal(f.state, CASE_RECEIVED);

	receive(&f, D(3, 2), 0, 10, LIMIT_WORKDAYS);
	apply_ok(&f, ev(CASE_EV_CORRECTION_REQUESTED, D(3, 12)));	/* late notice */
	assert_true(f.deemed_accepted);
	apply_refused(&f, ev(CASE_EV_REJECTED, D(3, 13)), "至 2026-03-09");
}

/*
 * Accepted Fri 2026-11-20 with two 容缺 materials: "a" due in 60 working
 * days (in 2027, which has no official calendar) and "b" in 1 (Mon 11-23).
 * The fold is provisional whichever order they come in.
 */
static void test_provisional_kept_for_every_deferral(void **state)
{
	struct case_deferral both[2][2] = {
		{ { .material = "a", .days = 60 }, { .material = "b", .days = 1 } },
		{ { .material = "b", .days = 1 }, { .material = "a", .days = 60 } },
	};

	(void)state;
	for (int order = 0; order < 2; order++) {
		struct case_fold f;
		struct case_event e;

		receive(&f, D(11, 20), 0, 10, LIMIT_WORKDAYS);
		e = ev(CASE_EV_ACCEPTED, D(11, 20));
		e.deferred = both[order];
		e.ndeferred = 2;
		apply_ok(&f, e);
		assert_true(f.provisional);
	}
}

/* Storage names are stable, unique and read back. */
static void test_names_round_trip(void **state)
{
	(void)state;
	for (int s = 0; s < CASE_STATE_COUNT; s++) {
		assert_int_equal(casefsm_state_from_name(casefsm_state_name((enum case_state)s)), s);
		assert_true(strlen(casefsm_state_label((enum case_state)s)) > 0);
	}
	for (int t = 0; t < CASE_EVENT_COUNT; t++) {
		assert_int_equal(casefsm_event_from_name(casefsm_event_name((enum case_event_type)t)), t);
		assert_true(strlen(casefsm_event_label((enum case_event_type)t)) > 0);
	}
	assert_string_equal(casefsm_state_name(CASE_IN_REVIEW), "in_review");
	assert_string_equal(casefsm_event_name(CASE_EV_CORRECTION_REQUESTED), "correction_requested");
	assert_string_equal(casefsm_state_label(CASE_ACCEPTED), "已受理");
	assert_int_equal(casefsm_state_from_name("extended"), -1);
	assert_int_equal(casefsm_event_from_name(""), -1);
	assert_int_equal(casefsm_event_from_name(NULL), -1);
	assert_int_equal(casefsm_decision_from_name("deny"), CASE_DECISION_DENY);
	assert_int_equal(casefsm_decision_from_name(""), -1);
	assert_string_equal(casefsm_delivery_name(CASE_DELIVERY_POST), "post");
	assert_int_equal(casefsm_delivery_from_name("pickup"), CASE_DELIVERY_PICKUP);
}

/* Issuing a document or telling the applicant records the fact and
 * changes nothing else; before a case exists there is nothing to record. */
static void test_record_events_keep_the_state(void **state)
{
	struct case_fold f, before;

	(void)state;
	casefsm_init(&f);
	apply_refused(&f, ev(CASE_EV_DOCUMENT_ISSUED, D(3, 2)), "请先接件");
	apply_ok(&f, ev(CASE_EV_RECEIVED, D(3, 2)));
	apply_ok(&f, ev(CASE_EV_REJECTED, D(3, 3)));
	before = f;
	apply_ok(&f, ev(CASE_EV_DOCUMENT_ISSUED, D(3, 4)));
	apply_ok(&f, ev(CASE_EV_NOTIFIED, D(3, 5)));
	assert_int_equal(f.state, CASE_REJECTED);
	assert_int_equal(f.closed_on, before.closed_on);
	assert_int_equal(f.last_day, D(3, 5));
	assert_true(casefsm_can(CASE_ARCHIVED, CASE_EV_DOCUMENT_ISSUED));
	assert_false(casefsm_can(CASE_NONE, CASE_EV_NOTIFIED));
}

/*
 * A 即办件 part of a 一件事 accepted Fri 02-13 and linked as waiting for its
 * prerequisite is held: no clock of its own (no red card on 02-24 after
 * the Spring Festival); decided with its prerequisite on 02-26, it is to
 * be delivered within 10 working days (03-11, 02-28 worked).  A link
 * without a prerequisite holds nothing.
 */
static void test_instant_part_waiting_for_its_prerequisite_is_held(void **state)
{
	struct case_fold f;
	struct case_event e;

	(void)state;
	receive(&f, D(2, 13), 1, 0, LIMIT_WORKDAYS);
	apply_ok(&f, ev(CASE_EV_ACCEPTED, D(2, 13)));
	e = ev(CASE_EV_BUNDLE_LINKED, D(2, 13));
	e.waits = 1;
	apply_ok(&f, e);
	assert_true(f.held);
	assert_int_equal(casefsm_promised_in_force(&f, D(2, 24), cal), 0);
	assert_int_equal(casefsm_deadline_status(&f, D(2, 24), 2, cal), CASE_DL_OK);
	apply_ok(&f, ev(CASE_EV_DECIDED, D(2, 26)));
	assert_false(f.held);
	assert_int_equal(f.overdue_since, 0);
	assert_false(casefsm_deadline_status(&f, D(2, 26), 2, cal) & CASE_DL_OVERDUE);
	assert_int_equal(f.deliver_due_on, D(3, 11));

	receive(&f, D(2, 13), 1, 0, LIMIT_WORKDAYS);
	apply_ok(&f, ev(CASE_EV_ACCEPTED, D(2, 13)));
	apply_ok(&f, ev(CASE_EV_BUNDLE_LINKED, D(2, 13)));
	assert_false(f.held);
	assert_true(casefsm_deadline_status(&f, D(2, 24), 2, cal) & CASE_DL_OVERDUE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_state_event_pair_agrees_with_the_table),
		cmocka_unit_test(test_refusals_say_why_and_what_is_possible),
		cmocka_unit_test(test_correction_notice_due_within_five_workdays),
		cmocka_unit_test(test_instant_case_closes_at_the_window),
		cmocka_unit_test(test_deferred_material_due_in_workdays_then_overdue),
		cmocka_unit_test(test_promised_date_counts_from_acceptance),
		cmocka_unit_test(test_extension_adds_ten_workdays_once),
		cmocka_unit_test(test_special_procedure_pauses_the_clock),
		cmocka_unit_test(test_result_reaches_issuing_window_within_one_workday),
		cmocka_unit_test(test_issuing_within_ten_workdays_after_either_decision),
		cmocka_unit_test(test_deadline_status_warns_then_overdue),
		cmocka_unit_test(test_extension_refused_once_the_promised_date_passed),
		cmocka_unit_test(test_red_card_once_raised_stays),
		cmocka_unit_test(test_bundle_events_are_records),
		cmocka_unit_test(test_instant_part_waiting_for_its_prerequisite_is_held),
		cmocka_unit_test(test_withdraw_reject_archive_limits),
		cmocka_unit_test(test_no_rejection_after_deemed_acceptance),
		cmocka_unit_test(test_provisional_kept_for_every_deferral),
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_record_events_keep_the_state),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
