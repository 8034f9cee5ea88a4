/*
 * case_query.c — the clerk's case search (casequery.h): recognising what
 * was typed, and hits that carry each case's fold and deadline status.
 */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/casefsm.h"
#include "yichuang/casequery.h"
#include "yichuang/caseno.h"
#include "yichuang/catalog.h"
#include "yichuang/idcheck.h"
#include "yichuang/util.h"
#include "case_internal.h"
#include "store_internal.h"

#define CASE_QUERY_TEXT_MAX 256

/* Counts of the ASCII letters, digits, dashes and other bytes of s. */
struct case_query_shape {
	size_t letters, digits, dashes, other;
};

static struct case_query_shape case_query_shape_of(const char *s)
{
	struct case_query_shape sh = { 0, 0, 0, 0 };

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (isdigit(c))
			sh.digits++;
		else if (isalpha(c))
			sh.letters++;
		else if (c == '-')
			sh.dashes++;
		else
			sh.other++;
	}
	return sh;
}

enum case_query case_query_guess(const char *text, const struct catalog *cat)
{
	char buf[CASE_QUERY_TEXT_MAX];
	struct case_query_shape sh;
	struct idcheck_result r;
	size_t alnum;
	char *q;

	if (!text)
		return CASE_Q_ALL;
	snprintf(buf, sizeof buf, "%s", text);
	q = yc_trim(buf);
	if (!*q)
		return CASE_Q_ALL;
	sh = case_query_shape_of(q);
	alnum = sh.letters + sh.digits;
	if (sh.other == 0 && sh.dashes == 0 && alnum == 18 && idcheck_any(q, &r) == 0)
		return CASE_Q_ID_NO;
	if (caseno_parse(q, NULL, NULL, 0) == CASENO_OK)
		return CASE_Q_NUMBER;
	if (cat && catalog_find_item(cat, q))
		return CASE_Q_ITEM_CODE;
	if (sh.other == 0 && sh.dashes == 0 && alnum >= 20)
		return CASE_Q_ITEM_CODE;
	if (sh.other == 0 && sh.digits >= 1 && sh.dashes >= 2)
		return CASE_Q_NUMBER;
	if (sh.other == 0 && sh.dashes == 0 && alnum >= 15 && sh.digits >= 12 && alnum != 18)
		return CASE_Q_NUMBER;
	if (sh.other == 0 && sh.dashes == 0 && alnum == 18)
		return CASE_Q_ID_NO;
	return CASE_Q_NAME_PREFIX;
}

const char *case_query_kind_label(enum case_query kind)
{
	switch (kind) {
	case CASE_Q_ALL:
		return _("全部办件");
	case CASE_Q_NUMBER:
		return _("办件编号");
	case CASE_Q_ID_NO:
		return _("证件号码");
	case CASE_Q_NAME_PREFIX:
		return _("申请人姓名（名称）");
	case CASE_Q_ITEM_CODE:
		return _("事项编码");
	case CASE_Q_STATE:
		return _("办件状态");
	}
	return "?";
}

void case_hits_free(struct case_hit *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].s.item_code);
		free(v[i].s.item_name);
		free(v[i].s.applicant_name);
	}
	free(v);
}

/* Folds the case numbered `number` into *h (fold, cards). */
static int case_query_fold(struct store *st, const struct calendar *cal,
			   struct case_hit *h, int today, int warn_days,
			   char *err, size_t errsz)
{
	char id[CASE_ID_MAX];
	int last_seq, rc;

	rc = case_find(st, h->s.number, id, err, errsz);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return yc_seterr(err, errsz, _("办件 %s 在查找过程中消失了；请重新查找"),
				 h->s.number);
	if (case_fold_events(st, cal, id, &h->fold, &last_seq, NULL, NULL, err, errsz) != 0)
		return -1;
	h->deadline = casefsm_deadline_status(&h->fold, today, warn_days, cal);
	h->deemed_accepted = casefsm_deemed_accepted(&h->fold, today);
	return 0;
}

int case_query_find(struct store *st, const struct calendar *cal,
		    enum case_query kind, const char *value, int state,
		    int today, int warn_days, size_t limit,
		    struct case_hit **out, size_t *n, char *err, size_t errsz)
{
	struct case_summary *v = NULL;
	struct case_hit *hits = NULL;
	size_t nv = 0, cnt = 0;
	int rc = -1;

	assert(st && cal && out && n);
	*out = NULL;
	*n = 0;
	if (state >= CASE_STATE_COUNT)
		return yc_seterr(err, errsz, _("未知的办件状态 %d"), state);
	/* One read transaction: the list and the folds are of one moment. */
	if (store_exec(st, "BEGIN", err, errsz) != 0)
		return -1;
	if (case_search(st, kind, value, state >= 0 ? 0 : limit, &v, &nv, err, errsz) != 0)
		goto done;
	hits = calloc(nv ? nv : 1, sizeof *hits);
	if (!hits) {
		yc_seterr(err, errsz, _("内存不足"));
		goto done;
	}
	for (size_t i = 0; i < nv; i++) {
		struct case_hit *h;

		if (limit && cnt == limit)
			break;
		if (state >= 0 && v[i].state != (enum case_state)state)
			continue;
		h = &hits[cnt];
		h->s = v[i];		/* the strings move to the hit */
		memset(&v[i], 0, sizeof v[i]);
		cnt++;
		if (case_query_fold(st, cal, h, today, warn_days, err, errsz) != 0)
			goto done;
	}
	rc = 0;
done:
	store_rollback(st);
	case_summaries_free(v, nv);
	if (rc != 0) {
		case_hits_free(hits, cnt);
		return -1;
	}
	*out = hits;
	*n = cnt;
	return 0;
}
