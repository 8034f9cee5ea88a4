/*
 * queue_store.c — the local ticket queue (取号叫号): taking a ticket,
 * calling the next one to a window (priority class first: the elderly,
 * disabled, pregnant and sick, DOMAIN.md rule 4), calling again, skipping
 * and putting a skipped ticket back in the queue (the applicant came after
 * all), counting who waits and listing the tickets in the order they will
 * be called.  Numbers count per class per day: A001, A002 ...
 * for the normal class, P001 ... for the priority class.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/casestore.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "case_internal.h"
#include "store_internal.h"

static const char *const queue_kind_names[] = {
	[QUEUE_GENERAL] = "general",
	[QUEUE_ELDERLY] = "elderly",
	[QUEUE_DISABLED] = "disabled",
	[QUEUE_PREGNANT] = "pregnant",
	[QUEUE_SICK] = "sick",
};

static const char *const queue_state_names[] = {
	[QUEUE_WAITING] = "waiting",
	[QUEUE_CALLED] = "called",
	[QUEUE_SERVED] = "served",
	[QUEUE_SKIPPED] = "skipped",
};

#define QUEUE_NKINDS (sizeof queue_kind_names / sizeof queue_kind_names[0])
#define QUEUE_NSTATES (sizeof queue_state_names / sizeof queue_state_names[0])

const char *queue_kind_name(enum queue_kind k)
{
	return (unsigned)k < QUEUE_NKINDS ? queue_kind_names[k] : "";
}

int queue_kind_from_name(const char *name)
{
	for (size_t i = 0; name && i < QUEUE_NKINDS; i++)
		if (strcmp(queue_kind_names[i], name) == 0)
			return (int)i;
	return -1;
}

const char *queue_state_name(enum queue_state s)
{
	return (unsigned)s < QUEUE_NSTATES ? queue_state_names[s] : "";
}

static int queue_state_from_name(const char *name)
{
	for (size_t i = 0; name && i < QUEUE_NSTATES; i++)
		if (strcmp(queue_state_names[i], name) == 0)
			return (int)i;
	return 0;
}

enum queue_class queue_kind_class(enum queue_kind k)
{
	return k == QUEUE_GENERAL ? QUEUE_NORMAL : QUEUE_PRIORITY;
}

#define QUEUE_COLUMNS \
	"id, day, class, kind, number, state, coalesce(window_no, 0)," \
	" coalesce(clerk, ''), calls, coalesce(case_number, '')"

/* Fills t from a row of QUEUE_COLUMNS. */
static void queue_from_row(sqlite3_stmt *q, struct queue_ticket *t)
{
	const char *cls = (const char *)sqlite3_column_text(q, 2);
	int kind = queue_kind_from_name((const char *)sqlite3_column_text(q, 3));

	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(q, 0);
	t->day = case_column_day(q, 1);
	t->cls = cls && strcmp(cls, "priority") == 0 ? QUEUE_PRIORITY : QUEUE_NORMAL;
	t->kind = kind < 0 ? QUEUE_GENERAL : (enum queue_kind)kind;
	snprintf(t->number, sizeof t->number, "%s", (const char *)sqlite3_column_text(q, 4));
	t->state = (enum queue_state)queue_state_from_name((const char *)sqlite3_column_text(q, 5));
	t->window = sqlite3_column_int(q, 6);
	snprintf(t->clerk, sizeof t->clerk, "%s", (const char *)sqlite3_column_text(q, 7));
	t->calls = sqlite3_column_int(q, 8);
	snprintf(t->case_number, sizeof t->case_number, "%s",
		 (const char *)sqlite3_column_text(q, 9));
}

/* Runs a one-ticket query with ?1 bound to an integer: 1 row (in *t), 0
 * none, -1 error. */
static int queue_one(struct store *st, const char *sql, sqlite3_int64 v1,
		     struct queue_ticket *t, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc, ret = -1;

	if (store_prepare(st, sql, &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_int64(q, 1, v1);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		queue_from_row(q, t);
		ret = 1;
	} else if (rc == SQLITE_DONE) {
		ret = 0;
	} else {
		store_dberr(st, _("读取排队号失败"), err, errsz);
	}
	sqlite3_finalize(q);
	return ret;
}

int queue_take(struct store *st, int day, enum queue_kind kind,
	       struct queue_ticket *out, char *err, size_t errsz)
{
	enum queue_class cls = queue_kind_class(kind);
	sqlite3_stmt *q = NULL;
	sqlite3_int64 id;
	int rc;

	if ((unsigned)kind >= QUEUE_NKINDS)
		return yc_seterr(err, errsz, _("取号类别 %d 无效"), (int)kind);
	if (day <= 0)
		return yc_seterr(err, errsz, _("取号没有日期"));
	if (store_begin(st, err, errsz) != 0)
		return -1;
	if (store_prepare(st,
			  "INSERT INTO queue_tickets (day, class, kind, seq, number)"
			  " SELECT ?1, ?2, ?3, s, ?4 || printf('%03d', s)"
			  " FROM (SELECT coalesce(max(seq), 0) + 1 AS s FROM queue_tickets"
			  "       WHERE day = ?1 AND class = ?2)"
			  " RETURNING id", &q, err, errsz) != 0)
		goto fail;
	case_bind_day(q, 1, day);
	sqlite3_bind_text(q, 2, cls == QUEUE_PRIORITY ? "priority" : "normal", -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, queue_kind_name(kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, cls == QUEUE_PRIORITY ? "P" : "A", -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		store_dberr(st, _("取号失败"), err, errsz);
		goto fail;
	}
	id = sqlite3_column_int64(q, 0);
	sqlite3_step(q);
	sqlite3_finalize(q);
	q = NULL;
	if (queue_one(st, "SELECT " QUEUE_COLUMNS " FROM queue_tickets WHERE id = ?1",
		      id, out, err, errsz) != 1)
		goto fail;
	return store_commit(st, err, errsz);
fail:
	sqlite3_finalize(q);
	store_rollback(st);
	return -1;
}

/* Sets the state of the ticket called at `window` (if any) to `state`. */
static int queue_finish_current(struct store *st, int window, const char *state,
				char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc;

	if (store_prepare(st,
			  "UPDATE queue_tickets SET state = ?2,"
			  " done_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
			  " WHERE window_no = ?1 AND state = 'called'", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_int(q, 1, window);
	sqlite3_bind_text(q, 2, state, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_dberr(st, _("更新排队号失败"), err, errsz);
	return sqlite3_changes(st->db);
}

int queue_call_next(struct store *st, int day, int window, const char *clerk,
		    struct queue_ticket *out, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	sqlite3_int64 id;
	char dtext[16];
	int rc;

	if (window < 1)
		return yc_seterr(err, errsz, _("窗口号 %d 无效"), window);
	if (day <= 0)
		return yc_seterr(err, errsz, _("叫号没有日期"));
	date_format(day, dtext, sizeof dtext);
	if (store_begin(st, err, errsz) != 0)
		return -1;
	if (queue_finish_current(st, window, "served", err, errsz) < 0)
		goto fail;
	if (store_prepare(st,
			  "SELECT id FROM queue_tickets WHERE day = ?1 AND state = 'waiting'"
			  " ORDER BY class = 'priority' DESC, id LIMIT 1", &q, err, errsz) != 0)
		goto fail;
	sqlite3_bind_text(q, 1, dtext, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(q);
		return store_commit(st, err, errsz) == 0 ? 0 : -1;
	}
	if (rc != SQLITE_ROW) {
		store_dberr(st, _("叫号失败"), err, errsz);
		goto fail;
	}
	id = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	if (store_prepare(st,
			  "UPDATE queue_tickets SET state = 'called', window_no = ?2, clerk = ?3,"
			  " calls = calls + 1, called_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
			  " WHERE id = ?1", &q, err, errsz) != 0)
		goto fail;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int(q, 2, window);
	store_bind_text(q, 3, clerk);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	q = NULL;
	if (rc != SQLITE_DONE) {
		store_dberr(st, _("叫号失败"), err, errsz);
		goto fail;
	}
	if (queue_one(st, "SELECT " QUEUE_COLUMNS " FROM queue_tickets WHERE id = ?1",
		      id, out, err, errsz) != 1)
		goto fail;
	return store_commit(st, err, errsz) == 0 ? 1 : -1;
fail:
	sqlite3_finalize(q);
	store_rollback(st);
	return -1;
}

int queue_current(struct store *st, int window, struct queue_ticket *out,
		  char *err, size_t errsz)
{
	return queue_one(st, "SELECT " QUEUE_COLUMNS " FROM queue_tickets"
			 " WHERE window_no = ?1 AND state = 'called' ORDER BY id DESC LIMIT 1",
			 window, out, err, errsz);
}

int queue_recall(struct store *st, int window, struct queue_ticket *out,
		 char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc;

	if (store_begin(st, err, errsz) != 0)
		return -1;
	if (store_prepare(st,
			  "UPDATE queue_tickets SET calls = calls + 1,"
			  " called_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
			  " WHERE window_no = ?1 AND state = 'called'", &q, err, errsz) != 0)
		goto fail;
	sqlite3_bind_int(q, 1, window);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		store_dberr(st, _("重呼失败"), err, errsz);
		goto fail;
	}
	rc = queue_current(st, window, out, err, errsz);
	if (rc < 0)
		goto fail;
	return store_commit(st, err, errsz) == 0 ? rc : -1;
fail:
	store_rollback(st);
	return -1;
}

int queue_skip(struct store *st, int window, char *err, size_t errsz)
{
	int n;

	if (store_begin(st, err, errsz) != 0)
		return -1;
	n = queue_finish_current(st, window, "skipped", err, errsz);
	if (n < 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err, errsz) == 0 ? (n > 0) : -1;
}

int queue_attach_case(struct store *st, int window, const char *case_number,
		      char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc;

	if (store_prepare(st,
			  "UPDATE queue_tickets SET case_number = ?2"
			  " WHERE window_no = ?1 AND state = 'called'", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_int(q, 1, window);
	store_bind_text(q, 2, case_number);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_dberr(st, _("登记排队号的办件失败"), err, errsz);
	if (sqlite3_changes(st->db) == 0)
		return yc_seterr(err, errsz, _("窗口 %d 当前没有叫到的号"), window);
	return 0;
}

int queue_waiting_count(struct store *st, int day, int *normal, int *priority,
			char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc;

	if (normal)
		*normal = 0;
	if (priority)
		*priority = 0;
	if (store_prepare(st,
			  "SELECT coalesce(sum(class = 'normal'), 0), coalesce(sum(class = 'priority'), 0)"
			  " FROM queue_tickets WHERE day = ?1 AND state = 'waiting'",
			  &q, err, errsz) != 0)
		return -1;
	case_bind_day(q, 1, day);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		if (normal)
			*normal = sqlite3_column_int(q, 0);
		if (priority)
			*priority = sqlite3_column_int(q, 1);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW)
		return store_dberr(st, _("统计等候人数失败"), err, errsz);
	return 0;
}

int queue_list(struct store *st, int day, enum queue_state state, struct queue_ticket *out,
	       size_t max, size_t *n, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc;

	*n = 0;
	if ((unsigned)state >= QUEUE_NSTATES)
		return yc_seterr(err, errsz, _("排队号状态 %d 无效"), (int)state);
	/* the order queue_call_next calls them in */
	if (store_prepare(st, "SELECT " QUEUE_COLUMNS " FROM queue_tickets"
			  " WHERE day = ?1 AND state = ?2"
			  " ORDER BY class = 'priority' DESC, id LIMIT ?3", &q, err, errsz) != 0)
		return -1;
	case_bind_day(q, 1, day);
	sqlite3_bind_text(q, 2, queue_state_name(state), -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, (sqlite3_int64)max);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && *n < max)
		queue_from_row(q, &out[(*n)++]);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_dberr(st, _("读取排队号失败"), err, errsz);
	return 0;
}

int queue_requeue(struct store *st, int day, const char *number, struct queue_ticket *out,
		  char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	char up[16];
	int rc;

	if (!number || !*number || strlen(number) >= sizeof up)
		return yc_seterr(err, errsz, _("请输入过号的号码（如 A003）"));
	for (size_t i = 0; number[i]; i++)
		up[i] = (char)(number[i] >= 'a' && number[i] <= 'z' ? number[i] - 32 : number[i]);
	up[strlen(number)] = '\0';
	if (store_begin(st, err, errsz) != 0)
		return -1;
	/* Back to waiting, in its place: it keeps its number and order. */
	if (store_prepare(st, "UPDATE queue_tickets SET state = 'waiting', window_no = NULL,"
			  " done_at = NULL WHERE day = ?1 AND number = ?2 AND state = 'skipped'",
			  &q, err, errsz) != 0)
		goto fail;
	case_bind_day(q, 1, day);
	sqlite3_bind_text(q, 2, up, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	q = NULL;
	if (rc != SQLITE_DONE) {
		store_dberr(st, _("重新排队失败"), err, errsz);
		goto fail;
	}
	if (sqlite3_changes(st->db) == 0) {
		store_rollback(st);
		return 0;
	}
	if (store_prepare(st, "SELECT " QUEUE_COLUMNS " FROM queue_tickets"
			  " WHERE day = ?1 AND number = ?2", &q, err, errsz) != 0)
		goto fail;
	case_bind_day(q, 1, day);
	sqlite3_bind_text(q, 2, up, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(q) != SQLITE_ROW) {
		store_dberr(st, _("重新排队失败"), err, errsz);
		goto fail;
	}
	queue_from_row(q, out);
	sqlite3_finalize(q);
	return store_commit(st, err, errsz) == 0 ? 1 : -1;
fail:
	sqlite3_finalize(q);
	store_rollback(st);
	return -1;
}
