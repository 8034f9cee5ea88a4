/*
 * casequery.h — finding cases the way a counter clerk asks for them: one
 * typed text recognised as a case number, an ID number or credit code, an
 * item code or an applicant's name, and a search whose hits carry the
 * case's fold (folded again from its events) and its deadline status, so
 * that a list can show the state and the cards without loading each case.
 */
#ifndef YICHUANG_CASEQUERY_H
#define YICHUANG_CASEQUERY_H

#include <stddef.h>

#include "yichuang/casestore.h"

struct store;
struct calendar;
struct catalog;

/*
 * What `text` most likely is, in this order:
 *   an 18-character ID number or credit code whose check character is
 *     right                                   CASE_Q_ID_NO
 *   a case number caseno_parse accepts        CASE_Q_NUMBER
 *   the code of an item of `cat` (may be NULL), or 20 or more letters and
 *     digits (item codes are 31)              CASE_Q_ITEM_CODE
 *   something shaped like a case number whose check character or a part is
 *     wrong (dashes, or 15 or more letters and digits with 12 or more
 *     digits, but not 18 characters)          CASE_Q_NUMBER (the search
 *                                             then says what is wrong)
 *   18 letters and digits (an ID or credit code with a wrong check
 *     character still finds what was recorded) CASE_Q_ID_NO
 *   anything else                             CASE_Q_NAME_PREFIX
 * Spaces around text are ignored.  An empty text gives CASE_Q_ALL.
 */
enum case_query case_query_guess(const char *text, const struct catalog *cat);

/* The translated name of a kind of query, for the screen ("办件编号"). */
const char *case_query_kind_label(enum case_query kind);

/* One hit of case_query_find. */
struct case_hit {
	struct case_summary s;		/* as case_search gives it */
	struct case_fold fold;		/* folded again from the events */
	unsigned deadline;		/* casefsm_deadline_status on `today` */
	int deemed_accepted;		/* casefsm_deemed_accepted on `today` */
};

/* Cases matching the query (case_search's kinds and rules, except that a
 * name is found by its start or, for a text of two characters or more,
 * anywhere inside it: names starting with it come first), newest first;
 * when state >= 0 only cases in that state; at most `limit` (0: all).
 * Each hit is folded from its stored events; its deadline status is taken
 * on `today` with a warning `warn_days` working days ahead.  *out is
 * allocated (free with case_hits_free). */
int case_query_find(struct store *st, const struct calendar *cal,
		    enum case_query kind, const char *value, int state,
		    int today, int warn_days, size_t limit,
		    struct case_hit **out, size_t *n, char *err, size_t errsz);
void case_hits_free(struct case_hit *v, size_t n);

/* Cases received under any of the item codes, newest first; state, limit
 * and the rest as case_query_find.  No codes: no hits. */
int case_query_find_items(struct store *st, const struct calendar *cal,
			  const char *const *codes, size_t ncodes, int state,
			  int today, int warn_days, size_t limit,
			  struct case_hit **out, size_t *n, char *err, size_t errsz);

#endif
