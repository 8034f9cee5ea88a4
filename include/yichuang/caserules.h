/*
 * caserules.h — the time-limit rules of a case, on the working-day
 * calendar: the 补正 deadline, the promised completion date with extension
 * and 特别程序 pauses, 容缺 due dates, result hand-over and issuing limits.
 *
 * casefsm.c applies them while folding events; they are public so that the
 * rules can be tested one by one and screens can show "what if" dates.
 * Each function that computes a date notes years without an official
 * calendar in *note (which may be NULL) and returns 0, or -1 when the
 * arithmetic is out of range.
 */
#ifndef YICHUANG_CASERULES_H
#define YICHUANG_CASERULES_H

#include "yichuang/casefsm.h"
#include "yichuang/workdays.h"

/* Rule 1: the 补正 notice is due within 5 working days of receipt. */
int caserules_correction_deadline(const struct calendar *cal, int received_on,
				  int *out, struct workdays_note *note);

/*
 * Rule 4 (with 2, 5 and 6): the promised completion date.  The clock starts
 * at acceptance, or at receipt when the case is deemed accepted.  A 即办件
 * is promised for that day.  A limit in working days is counted with
 * workdays_add; a limit in natural days is added as days and, when the last
 * day is not a working day, moves to the next working day (民法典 art. 203);
 * then the extension, the working days of ended 特别程序 (f->paused_days)
 * and extra_paused (a running one) are added as working days.
 */
int caserules_promised_on(const struct case_fold *f,
			  const struct calendar *cal, int extra_paused,
			  int *out, struct workdays_note *note);

/* Rule 3: a 容缺 material is due `days` working days after acceptance. */
int caserules_deferred_due(const struct calendar *cal, int accepted_on,
			   int days, int *out, struct workdays_note *note);
/* How many 容缺 materials are overdue on `today`: outstanding past their
 * due date, or supplied after it. */
int caserules_deferred_overdue(const struct case_fold *f, int today);

/* Rule 6: working days a 特别程序 from `since` to `until` paused the clock
 * (the start day not counted, as in every limit). */
int caserules_paused_days(const struct calendar *cal, int since, int until,
			  struct workdays_note *note);

/* Rule 7: the result reaches the issuing window within 1 working day. */
int caserules_result_due(const struct calendar *cal, int decided_on, int *out,
			 struct workdays_note *note);
/* Rule 8: issuing within 10 working days after approval (art. 44). */
int caserules_deliver_due(const struct calendar *cal, int decided_on, int *out,
			  struct workdays_note *note);

#endif
