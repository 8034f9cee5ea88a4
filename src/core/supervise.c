/*
 * supervise.c — electronic supervision across cases: each case's
 * warnings and cards (casefsm_deadline_status) gathered into a list of
 * flagged cases and tallies per department and per window.
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/caserules.h"
#include "yichuang/supervise.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"

static const char *const level_names[] = { "ok", "warning", "yellow", "red" };
static const char *const level_labels[] = { N_("正常"), N_("预警"), N_("黄牌"), N_("红牌") };

#define YELLOW_BITS (CASE_DL_CORRECTION_LATE | CASE_DL_RESULT_LATE | \
		     CASE_DL_DELIVERY_LATE | CASE_DL_DEFERRED_OVERDUE)

enum supervise_level supervise_level_of(unsigned status)
{
	if (status & CASE_DL_OVERDUE)
		return SUPERVISE_RED;
	if (status & YELLOW_BITS)
		return SUPERVISE_YELLOW;
	if (status & CASE_DL_WARNING)
		return SUPERVISE_WARNING;
	return SUPERVISE_OK;
}

const char *supervise_level_name(enum supervise_level l)
{
	return (unsigned)l <= SUPERVISE_RED ? level_names[l] : "";
}

const char *supervise_level_label(enum supervise_level l)
{
	return (unsigned)l <= SUPERVISE_RED ? _(level_labels[l]) : "";
}

const char *supervise_status_text(unsigned status, char *buf, size_t bufsz)
{
	static const struct {
		unsigned bit;
		const char *text;
	} words[] = {
		{ CASE_DL_OVERDUE, N_("红牌：超过承诺办结日") },
		{ CASE_DL_CORRECTION_LATE, N_("黄牌：补正告知超过 5 个工作日") },
		{ CASE_DL_RESULT_LATE, N_("黄牌：决定后超过 1 个工作日未交出件窗口") },
		{ CASE_DL_DELIVERY_LATE, N_("黄牌：决定后超过 10 个工作日未送达") },
		{ CASE_DL_DEFERRED_OVERDUE, N_("黄牌：容缺材料逾期未补齐") },
		{ CASE_DL_WARNING, N_("预警：临近承诺办结日") },
	};
	size_t len = 0;

	assert(buf && bufsz > 0);
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		int w;

		if (!(status & words[i].bit) || len >= bufsz)
			continue;
		w = utf8_snprintf(buf + len, bufsz - len, "%s%s", len ? _("；") : "",
				  _(words[i].text));
		if (w < 0)
			break;
		len += (size_t)w;
	}
	if (len >= bufsz)
		utf8_trim_partial(buf);
	return buf;
}

const char *supervise_bit_name(unsigned bit)
{
	switch (bit) {
	case CASE_DL_WARNING:
		return "warning";
	case CASE_DL_OVERDUE:
		return "overdue";
	case CASE_DL_CORRECTION_LATE:
		return "correction_late";
	case CASE_DL_RESULT_LATE:
		return "result_late";
	case CASE_DL_DELIVERY_LATE:
		return "delivery_late";
	case CASE_DL_DEFERRED_OVERDUE:
		return "deferred_overdue";
	default:
		return "";
	}
}

int supervise_days_left(const struct case_fold *f, int today,
			const struct calendar *cal, int *out)
{
	int p = 0;

	switch (f->state) {
	case CASE_ACCEPTED:
		if (f->held)
			return 0;	/* waits for its prerequisite */
		p = f->promised_on;
		break;
	case CASE_IN_REVIEW:
		p = f->promised_on;
		break;
	case CASE_SPECIAL: {
		int extra = today > f->special_since ?
			caserules_paused_days(cal, f->special_since, today, NULL) : 0;

		if (caserules_promised_on(f, cal, extra, &p, NULL) < 0)
			p = f->promised_on;
		break;
	}
	default:
		return 0;
	}
	if (p <= 0)
		return 0;
	*out = workdays_between(cal, today, p, NULL);
	return 1;
}

int supervise_bit_raised_on(const struct case_fold *f, unsigned bit, int today, int warn_days,
			    const struct calendar *cal)
{
	int p, d, k, first = 0;

	switch (bit) {
	case CASE_DL_OVERDUE:
		if (f->overdue_since)
			return f->overdue_since;
		p = casefsm_promised_in_force(f, today, cal);
		if (p && today > p)
			return p + 1;
		return f->promised_on ? f->promised_on + 1 : 0;
	case CASE_DL_CORRECTION_LATE:
		return f->correction_deadline ? f->correction_deadline + 1 : 0;
	case CASE_DL_RESULT_LATE:
		return f->result_due_on ? f->result_due_on + 1 : 0;
	case CASE_DL_DELIVERY_LATE:
		return f->deliver_due_on ? f->deliver_due_on + 1 : 0;
	case CASE_DL_DEFERRED_OVERDUE:
		for (size_t i = 0; i < f->ndeferred; i++) {
			const struct case_deferred *x = &f->deferred[i];

			if ((x->supplied_on ? x->supplied_on > x->due_on : today > x->due_on) &&
			    (!first || x->due_on + 1 < first))
				first = x->due_on + 1;
		}
		return first;
	case CASE_DL_WARNING:
		p = casefsm_promised_in_force(f, today, cal);
		if (!p)
			return 0;
		/* back from the promised date until warn_days working days
		 * lie between the day and it */
		for (d = p, k = 0; k < warn_days && d > today - 400; d--)
			if (calendar_is_workday(cal, d))
				k++;
		/* not before the clock started */
		first = f->deemed_accepted || !f->accepted_on ? f->received_on : f->accepted_on;
		return d > first ? d : first;
	default:
		return 0;
	}
}

/* The raised day of the worst card of status. */
static int supervise_raised(const struct case_fold *f, unsigned status, int today,
			    int warn_days, const struct calendar *cal)
{
	static const unsigned yellow[] = { CASE_DL_CORRECTION_LATE, CASE_DL_RESULT_LATE,
					   CASE_DL_DELIVERY_LATE, CASE_DL_DEFERRED_OVERDUE };
	int first = 0;

	switch (supervise_level_of(status)) {
	case SUPERVISE_RED:
		return supervise_bit_raised_on(f, CASE_DL_OVERDUE, today, warn_days, cal);
	case SUPERVISE_YELLOW:
		for (size_t i = 0; i < sizeof yellow / sizeof yellow[0]; i++) {
			int d = status & yellow[i] ?
				supervise_bit_raised_on(f, yellow[i], today, warn_days, cal) : 0;

			if (d && (!first || d < first))
				first = d;
		}
		return first;
	case SUPERVISE_WARNING:
		return supervise_bit_raised_on(f, CASE_DL_WARNING, today, warn_days, cal);
	default:
		return 0;
	}
}

int supervise_warn_days_parse(const char *text, int *out, char *err, size_t errsz)
{
	char *end = NULL;
	long v;

	errno = 0;
	v = text ? strtol(text, &end, 10) : -1;
	if (!text || !*text || errno || !end || *end || v < 0 || v > SUPERVISE_WARN_DAYS_MAX)
		return yc_seterr(err, errsz,
				 _("预警天数“%s”无效：应为 0 到 %d 之间的整数（工作日）"),
				 text ? text : "", SUPERVISE_WARN_DAYS_MAX);
	*out = (int)v;
	return 0;
}

/* 1 when the case is still being worked on. */
static int supervise_open(const struct case_fold *f)
{
	switch (f->state) {
	case CASE_NONE:
	case CASE_REJECTED:
	case CASE_WITHDRAWN:
	case CASE_DELIVERED:
	case CASE_ARCHIVED:
		return 0;
	default:
		return 1;
	}
}

/* The tally of `key` in *v (added when new); NULL when out of memory. */
static struct supervise_tally *supervise_tally_for(struct supervise_tally **v, size_t *n,
						   const char *key)
{
	struct supervise_tally *nv;

	if (!key)
		key = "";
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i].key, key) == 0)
			return &(*v)[i];
	nv = realloc(*v, (*n + 1) * sizeof *nv);
	if (!nv)
		return NULL;
	*v = nv;
	memset(&nv[*n], 0, sizeof nv[*n]);
	nv[*n].key = yc_strdup(key);
	if (!nv[*n].key)
		return NULL;
	return &nv[(*n)++];
}

static void supervise_count(struct supervise_tally *t, int open, unsigned status)
{
	t->open += open;
	t->warnings += (status & CASE_DL_WARNING) != 0;
	t->yellow += (status & YELLOW_BITS) != 0;
	t->red += (status & CASE_DL_OVERDUE) != 0;
}

/* Current cases first, then the worst card, then the one raised first. */
static int flag_cmp(const void *a, const void *b)
{
	const struct supervise_flag *x = a, *y = b;

	if (x->closed != y->closed)
		return x->closed ? 1 : -1;
	if (x->level != y->level)
		return x->level > y->level ? -1 : 1;
	if (x->raised_on != y->raised_on)
		return x->raised_on < y->raised_on ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int tally_cmp(const void *a, const void *b)
{
	const struct supervise_tally *x = a, *y = b;

	return strcmp(x->key, y->key);
}

int supervise_run(const struct supervise_case *v, size_t n, int today, int warn_days,
		  const struct calendar *cal, struct supervise_report *out,
		  char *err, size_t errsz)
{
	return supervise_run_filtered(v, n, today, warn_days, cal, NULL, out, err, errsz);
}

int supervise_run_filtered(const struct supervise_case *v, size_t n, int today, int warn_days,
			   const struct calendar *cal, const struct supervise_filter *flt,
			   struct supervise_report *out, char *err, size_t errsz)
{
	assert(out && (v || n == 0) && cal);
	memset(out, 0, sizeof *out);
	if (n) {
		out->flags = calloc(n, sizeof *out->flags);
		if (!out->flags)
			return yc_seterr(err, errsz, _("内存不足"));
	}
	for (size_t i = 0; i < n; i++) {
		const struct case_fold *f = v[i].fold;
		unsigned status = casefsm_deadline_status(f, today, warn_days, cal);
		int open = supervise_open(f), closed = f->closed_on != 0;
		struct supervise_tally *d, *w;

		if (flt && flt->department &&
		    strcmp(v[i].department ? v[i].department : "", flt->department) != 0)
			continue;
		if (closed && !(flt && flt->include_closed))
			status = CASE_DL_OK;	/* history: counted, not listed */

		d = supervise_tally_for(&out->by_department, &out->ndepartments, v[i].department);
		w = d ? supervise_tally_for(&out->by_window, &out->nwindows, v[i].window) : NULL;
		if (!d || !w) {
			supervise_report_free(out);
			return yc_seterr(err, errsz, _("内存不足"));
		}
		supervise_count(d, open, status);
		supervise_count(w, open, status);
		if (status == CASE_DL_OK)
			continue;
		out->warnings += (status & CASE_DL_WARNING) != 0;
		out->yellow += (status & YELLOW_BITS) != 0;
		out->red += (status & CASE_DL_OVERDUE) != 0;
		struct supervise_flag *fl = &out->flags[out->nflags++];

		fl->index = i;
		fl->status = status;
		fl->level = supervise_level_of(status);
		fl->closed = closed;
		fl->raised_on = supervise_raised(f, status, today, warn_days, cal);
		fl->has_days_left = supervise_days_left(f, today, cal, &fl->days_left);
	}
	if (out->nflags)
		qsort(out->flags, out->nflags, sizeof *out->flags, flag_cmp);
	if (out->ndepartments)
		qsort(out->by_department, out->ndepartments, sizeof *out->by_department, tally_cmp);
	if (out->nwindows)
		qsort(out->by_window, out->nwindows, sizeof *out->by_window, tally_cmp);
	return 0;
}

void supervise_report_free(struct supervise_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->ndepartments; i++)
		free(r->by_department[i].key);
	for (size_t i = 0; i < r->nwindows; i++)
		free(r->by_window[i].key);
	free(r->by_department);
	free(r->by_window);
	free(r->flags);
	memset(r, 0, sizeof *r);
}
