/*
 * caserules.c — time-limit rules of a case on the working-day calendar
 * (see caserules.h): pure date arithmetic over a struct case_fold.
 */
#include <assert.h>

#include "yichuang/caserules.h"
#include "yichuang/date.h"
#include "yichuang/workdays.h"

/* Days a natural-day limit may be pushed past non-working days at most
 * (the longest official break is well under this). */
#define CASERULES_ROLL_MAX 60

int caserules_correction_deadline(const struct calendar *cal, int received_on,
				  int *out, struct workdays_note *note)
{
	return workdays_add(cal, received_on, CASEFSM_CORRECTION_DAYS, out,
			    note);
}

int caserules_promised_on(const struct case_fold *f,
			  const struct calendar *cal, int extra_paused,
			  int *out, struct workdays_note *note)
{
	int base = f->deemed_accepted ? f->received_on : f->accepted_on;
	int end, more;

	assert(base > 0);
	assert(extra_paused >= 0);
	if (f->instant) {
		*out = base;
		return 0;
	}
	more = f->extension_days + f->paused_days + extra_paused;
	if (f->promised_unit == LIMIT_DAYS) {
		int i;

		int rolled_year = 0, rc;

		end = base + f->promised_limit;
		for (i = 0; i < CASERULES_ROLL_MAX && !calendar_is_workday(cal, end); i++) {
			if (!calendar_has_year(cal, date_year(end)))
				rolled_year = date_year(end);
			end++;
		}
		if (i == CASERULES_ROLL_MAX)
			return -1;
		rc = workdays_add(cal, end, more, out, note);
		/* workdays_add starts its note afresh: add the year the roll to a
		 * working day relied on, if it had no official calendar. */
		if (rc == 0 && rolled_year && note && note->n < WORKDAYS_MAX_PROVISIONAL) {
			int seen = 0;

			for (int k = 0; k < note->n; k++)
				seen |= note->years[k] == rolled_year;
			if (!seen)
				note->years[note->n++] = rolled_year;
		}
		return rc;
	}
	return workdays_add(cal, base, f->promised_limit + more, out, note);
}

int caserules_deferred_due(const struct calendar *cal, int accepted_on,
			   int days, int *out, struct workdays_note *note)
{
	return workdays_add(cal, accepted_on, days, out, note);
}

int caserules_deferred_overdue(const struct case_fold *f, int today)
{
	int n = 0;

	for (size_t i = 0; i < f->ndeferred; i++) {
		const struct case_deferred *d = &f->deferred[i];

		if (d->supplied_on ? d->supplied_on > d->due_on : today > d->due_on)
			n++;
	}
	return n;
}

int caserules_paused_days(const struct calendar *cal, int since, int until,
			  struct workdays_note *note)
{
	assert(until >= since);
	return workdays_between(cal, since, until, note);
}

int caserules_result_due(const struct calendar *cal, int decided_on, int *out,
			 struct workdays_note *note)
{
	return workdays_add(cal, decided_on, CASEFSM_RESULT_DAYS, out, note);
}

int caserules_deliver_due(const struct calendar *cal, int decided_on, int *out,
			  struct workdays_note *note)
{
	return workdays_add(cal, decided_on, CASEFSM_DELIVER_DAYS, out, note);
}
