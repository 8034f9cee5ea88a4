/*
 * case_query.c — the clerk's case search (casequery.h): recognising what
 * was typed, and hits that carry each case's fold and deadline status.
 * Names are found by their start or, for two characters or more,
 * anywhere inside (好味道 finds 云岭市安澜区好味道餐饮有限公司); items by a
 * list of codes (the screen turns a name or pinyin into codes).
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

/* The summaries a prepared query gives (columns as case_search's);
 * *out allocated.  Finalizes q. */
static int case_query_rows(struct store *st, sqlite3_stmt *q, struct case_summary **out,
			   size_t *n, char *err, size_t errsz)
{
	struct case_summary *v = NULL;
	size_t cnt = 0, cap = 0;
	int rc, oom = 0;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct case_summary *s;
		const char *state = (const char *)sqlite3_column_text(q, 4);
		int si = state ? casefsm_state_from_name(state) : -1;

		if (cnt == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct case_summary *nv = realloc(v, ncap * sizeof *nv);

			if (!nv) {
				oom = 1;
				break;
			}
			v = nv;
			cap = ncap;
		}
		s = &v[cnt++];
		memset(s, 0, sizeof *s);
		snprintf(s->number, sizeof s->number, "%s", (const char *)sqlite3_column_text(q, 0));
		s->item_code = store_column_dup(q, 1, &oom);
		s->item_name = store_column_dup(q, 2, &oom);
		s->applicant_name = store_column_dup(q, 3, &oom);
		s->state = si < 0 ? CASE_NONE : (enum case_state)si;
		s->received_on = case_column_day(q, 5);
		s->promised_on = case_column_day(q, 6);
		if (oom)
			break;
	}
	sqlite3_finalize(q);
	if (oom) {
		case_summaries_free(v, cnt);
		return yc_seterr(err, errsz, _("内存不足"));
	}
	if (rc != SQLITE_DONE) {
		case_summaries_free(v, cnt);
		return store_dberr(st, _("查找办件失败"), err, errsz);
	}
	*out = v;
	*n = cnt;
	return 0;
}

#define CASE_QUERY_SELECT \
	"SELECT number, item_code, coalesce(item_name, ''), applicant_name, state," \
	" received_on, promised_on FROM cases "

/* Names starting with value first (the index range), then, for two
 * characters or more, names holding it anywhere; newest first in each. */
static int case_query_names(struct store *st, const char *value, size_t limit,
			    struct case_summary **out, size_t *n, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;

	if (!value || !*value)
		return yc_seterr(err, errsz, _("请输入要查找的内容"));
	if (store_prepare(st, CASE_QUERY_SELECT
			  "WHERE (applicant_name >= ?1 AND applicant_name < ?1 || char(1114111))"
			  "   OR (length(?1) >= 2 AND instr(applicant_name, ?1) > 0)"
			  " ORDER BY applicant_name >= ?1 AND applicant_name < ?1 || char(1114111) DESC,"
			  " received_on DESC, number DESC LIMIT ?2", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, value, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 2, limit ? (sqlite3_int64)limit : -1);
	return case_query_rows(st, q, out, n, err, errsz);
}

/* Cases of any of the item codes (a JSON array bound to the query). */
static int case_query_codes(struct store *st, const char *const *codes, size_t ncodes,
			    size_t limit, struct case_summary **out, size_t *n,
			    char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	struct strbuf sb;
	int rc;

	sb_init(&sb);
	sb_append(&sb, "[");
	for (size_t i = 0; i < ncodes; i++) {
		sb_append(&sb, i ? ",\"" : "\"");
		for (const char *c = codes[i]; *c; c++)
			if (*c == '"' || *c == '\\')
				sb_appendf(&sb, "\\%c", *c);
			else if ((unsigned char)*c >= 0x20)
				sb_appendf(&sb, "%c", *c);
		sb_append(&sb, "\"");
	}
	sb_append(&sb, "]");
	if (!sb.buf) {
		sb_free(&sb);
		return yc_seterr(err, errsz, _("内存不足"));
	}
	if (store_prepare(st, CASE_QUERY_SELECT
			  "WHERE item_code IN (SELECT value FROM json_each(?1))"
			  " ORDER BY received_on DESC, number DESC LIMIT ?2", &q, err, errsz) != 0) {
		sb_free(&sb);
		return -1;
	}
	sqlite3_bind_text(q, 1, sb.buf, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 2, limit ? (sqlite3_int64)limit : -1);
	sb_free(&sb);
	rc = case_query_rows(st, q, out, n, err, errsz);
	return rc;
}

/* The hits of summaries v (their strings move to the hits), in state
 * `state` when state >= 0, at most limit; each folded. */
static int case_query_hits(struct store *st, const struct calendar *cal,
			   struct case_summary *v, size_t nv, int state, int today,
			   int warn_days, size_t limit, struct case_hit **out, size_t *n,
			   char *err, size_t errsz)
{
	struct case_hit *hits = calloc(nv ? nv : 1, sizeof *hits);
	size_t cnt = 0;

	if (!hits)
		return yc_seterr(err, errsz, _("内存不足"));
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
		if (case_query_fold(st, cal, h, today, warn_days, err, errsz) != 0) {
			case_hits_free(hits, cnt);
			return -1;
		}
	}
	*out = hits;
	*n = cnt;
	return 0;
}

int case_query_find_items(struct store *st, const struct calendar *cal,
			  const char *const *codes, size_t ncodes, int state,
			  int today, int warn_days, size_t limit,
			  struct case_hit **out, size_t *n, char *err, size_t errsz)
{
	struct case_summary *v = NULL;
	size_t nv = 0;
	int rc = -1;

	assert(st && cal && out && n);
	*out = NULL;
	*n = 0;
	if (state >= CASE_STATE_COUNT)
		return yc_seterr(err, errsz, _("未知的办件状态 %d"), state);
	if (ncodes == 0)
		return 0;
	if (store_exec(st, "BEGIN", err, errsz) != 0)
		return -1;
	if (case_query_codes(st, codes, ncodes, state >= 0 ? 0 : limit, &v, &nv, err, errsz) == 0)
		rc = case_query_hits(st, cal, v, nv, state, today, warn_days, limit, out, n,
				     err, errsz);
	store_rollback(st);
	case_summaries_free(v, nv);
	return rc;
}

int case_query_find(struct store *st, const struct calendar *cal,
		    enum case_query kind, const char *value, int state,
		    int today, int warn_days, size_t limit,
		    struct case_hit **out, size_t *n, char *err, size_t errsz)
{
	struct case_summary *v = NULL;
	size_t nv = 0;
	int rc;

	assert(st && cal && out && n);
	*out = NULL;
	*n = 0;
	if (state >= CASE_STATE_COUNT)
		return yc_seterr(err, errsz, _("未知的办件状态 %d"), state);
	/* One read transaction: the list and the folds are of one moment. */
	if (store_exec(st, "BEGIN", err, errsz) != 0)
		return -1;
	if (kind == CASE_Q_NAME_PREFIX)
		rc = case_query_names(st, value, state >= 0 ? 0 : limit, &v, &nv, err, errsz);
	else
		rc = case_search(st, kind, value, state >= 0 ? 0 : limit, &v, &nv, err, errsz);
	if (rc == 0)
		rc = case_query_hits(st, cal, v, nv, state, today, warn_days, limit, out, n,
				     err, errsz);
	store_rollback(st);
	case_summaries_free(v, nv);
	return rc;
}
