/*
 * supervise.h — electronic supervision (电子监察) across cases: which
 * cases carry a warning, a yellow card or a red card today, and how many
 * per department and per window.
 *
 * The status of one case is casefsm_deadline_status (warning N working
 * days before the promised date, red card past it, yellow cards when a
 * step overran its own limit: 补正 notice 5, result to the window 1,
 * issuing 10 working days).  This module only gathers: it reads folds the
 * caller loaded and never touches the database.
 */
#ifndef YICHUANG_SUPERVISE_H
#define YICHUANG_SUPERVISE_H

#include <stddef.h>

#include "yichuang/casefsm.h"

struct calendar;

#define SUPERVISE_WARN_DAYS_MAX 30

/* The worst of a case's bits, for sorting and colour. */
enum supervise_level {
	SUPERVISE_OK = 0,
	SUPERVISE_WARNING = 1,		/* 预警 */
	SUPERVISE_YELLOW = 2,		/* 黄牌 */
	SUPERVISE_RED = 3		/* 红牌 */
};

/* One case as supervision needs it; pointers are borrowed. */
struct supervise_case {
	const char *number;
	const char *department;		/* "" or NULL: unknown */
	const char *window;		/* where it was received, "370102-01" */
	const struct case_fold *fold;
};

/* A case with something to show. */
struct supervise_flag {
	size_t index;			/* into the caller's array */
	unsigned status;		/* enum case_deadline bits */
	enum supervise_level level;
	int raised_on;			/* the day its worst card (or the
					 * warning) was raised */
	int closed;			/* the case has ended (archived,
					 * withdrawn, rejected): the card is
					 * history, listed only when asked */
	int has_days_left;		/* the clock runs: days_left is set */
	int days_left;			/* working days to the promised date,
					 * negative when past it */
};

/* Counts of one department or window. */
struct supervise_tally {
	char *key;
	int open;			/* cases not yet closed */
	int warnings;
	int yellow;
	int red;
};

/* What supervise_run lists. */
struct supervise_filter {
	const char *department;		/* NULL: every department */
	int include_closed;		/* also the cards of ended cases */
};

struct supervise_report {
	struct supervise_flag *flags;	/* current cases first, then worst
					 * first, then raised first, then by
					 * index */
	size_t nflags;
	struct supervise_tally *by_department;	/* by name */
	size_t ndepartments;
	struct supervise_tally *by_window;
	size_t nwindows;
	int warnings, yellow, red;	/* totals (cases) */
};

enum supervise_level supervise_level_of(unsigned status);
const char *supervise_level_name(enum supervise_level l);	/* "ok", "warning", "yellow", "red" */
const char *supervise_level_label(enum supervise_level l);	/* "正常", "预警", "黄牌", "红牌" */

/* The bits as Chinese words, "红牌：超过承诺办结日；黄牌：结果交接超时", into
 * buf (empty for 0).  Returns buf. */
const char *supervise_status_text(unsigned status, char *buf, size_t bufsz);

/* Stable name of one enum case_deadline bit ("warning", "overdue",
 * "correction_late", "result_late", "delivery_late", "deferred_overdue"),
 * "" for anything else. */
const char *supervise_bit_name(unsigned bit);

/* The day card `bit` (one enum case_deadline bit, set on `today`) was
 * raised: the red card the day after the promised date (or when an event
 * first found it passed), a yellow card the day after the step's own
 * limit, the warning the first day within warn_days working days of the
 * promised date.  0 when unknown. */
int supervise_bit_raised_on(const struct case_fold *f, unsigned bit, int today, int warn_days,
			    const struct calendar *cal);

/* Working days from today to the promised date in force (moved on by a
 * running 特别程序); 1 with *out when the case's clock runs, 0 when not. */
int supervise_days_left(const struct case_fold *f, int today,
			const struct calendar *cal, int *out);

/* Reads a warn-days setting: an integer 0..SUPERVISE_WARN_DAYS_MAX. */
int supervise_warn_days_parse(const char *text, int *out, char *err, size_t errsz);

/* Builds the report of n cases on `today` as flt asks (NULL: every
 * department, the cards of ended cases left out): the flags, the totals
 * and the tallies of the cases it lists.  0, or -1 (out of memory). */
int supervise_run_filtered(const struct supervise_case *v, size_t n, int today, int warn_days,
			   const struct calendar *cal, const struct supervise_filter *flt,
			   struct supervise_report *out, char *err, size_t errsz);
/* supervise_run_filtered with no filter. */
int supervise_run(const struct supervise_case *v, size_t n, int today, int warn_days,
		  const struct calendar *cal, struct supervise_report *out,
		  char *err, size_t errsz);
void supervise_report_free(struct supervise_report *r);

#endif
