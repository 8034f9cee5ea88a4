/*
 * push.c — POST /v1/sync/push: a batch of events under an idempotency
 * key, each event decided (accepted, duplicate, conflict, invalid) by
 * folding its case with casefsm on the official calendar, a new case only
 * with the pushing terminal's own numbers.
 *
 * A batch costs a handful of statements, not several per event: what its
 * events need from the database (the events already stored under their
 * ids, every event of their cases, the received events holding their new
 * numbers) is read with one statement each, the events are decided in
 * memory in the order sent (an event sees the ones before it in the
 * batch), and the accepted ones are appended with one statement at the
 * end.  All of it inside one transaction holding the "seq" lock.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "yichuang/caseno.h"
#include "yichuang/caseroles.h"
#include "yichuang/util.h"
#include "api_ref.h"

/* A case a batch works on: its number and its state with the events
 * stored and the ones accepted so far in this batch. */
struct push_case {
	const char *id;
	const char *number;		/* NULL: no event yet (borrowed) */
	struct case_fold fold;
	char item[64];			/* its item's code ("" when not known) */
	const char *refused;		/* the id of its event refused earlier in
					 * the batch (borrowed); NULL while none */
};

/* What one batch reads and decides. */
struct push_batch {
	struct codec_push_item *items;
	size_t n;
	struct codec_result *res;
	struct codec_event *known;	/* stored events among the batch's ids */
	size_t nknown;
	struct codec_event *hist;	/* every stored event of the batch's cases */
	size_t nhist;
	struct codec_event *taken;	/* stored received events with the batch's new numbers */
	size_t ntaken;
	struct push_case *cases;
	size_t ncases;
	size_t *acc;			/* items accepted, in order */
	size_t nacc;
	size_t *dup_of;			/* item i repeats accepted item dup_of[i] - 1 */
	struct codec_user *users;	/* central's users, when an event needs them */
	size_t nusers;
};

static void push_batch_free(struct push_batch *b)
{
	codec_events_free(b->known, b->nknown);
	codec_events_free(b->hist, b->nhist);
	codec_events_free(b->taken, b->ntaken);
	free(b->cases);
	free(b->acc);
	free(b->dup_of);
	if (b->users) {
		struct codec_ref tmp;

		memset(&tmp, 0, sizeof tmp);
		tmp.users = b->users;
		tmp.nusers = b->nusers;
		codec_ref_clear(&tmp);
	}
}

static int push_hist_cmp(const void *pa, const void *pb)
{
	const struct codec_event *a = pa, *b = pb;
	int c = strcmp(a->case_id, b->case_id);

	if (c != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The case of id in the batch's list, NULL when it is not there. */
static struct push_case *push_case_of(struct push_batch *b, const char *id)
{
	for (size_t i = 0; i < b->ncases; i++)
		if (strcmp(b->cases[i].id, id) == 0)
			return &b->cases[i];
	return NULL;
}

/* Reads what the batch's events need, in three statements. */
static int push_prefetch(struct api *a, struct bconn *c, struct push_batch *b,
			 char *err, size_t errsz)
{
	const struct backend_ops *ops = pool_ops(a->pool);
	const char **ids = calloc(b->n ? b->n : 1, sizeof *ids);
	const char **cases = calloc(b->n ? b->n : 1, sizeof *cases);
	const char **numbers = calloc(b->n ? b->n : 1, sizeof *numbers);
	size_t nids = 0, nnum = 0;
	int rc = -1, ruled = 0;

	b->cases = calloc(b->n ? b->n : 1, sizeof *b->cases);
	b->acc = calloc(b->n ? b->n : 1, sizeof *b->acc);
	b->dup_of = calloc(b->n ? b->n : 1, sizeof *b->dup_of);
	if (!ids || !cases || !numbers || !b->cases || !b->acc || !b->dup_of) {
		yc_seterr(err, errsz, "%s", _("内存不足"));
		goto out;
	}
	for (size_t i = 0; i < b->n; i++) {
		const struct codec_event *ev = &b->items[i].ev;

		if (!b->items[i].ok)
			continue;
		ids[nids++] = ev->id;
		if (!push_case_of(b, ev->case_id)) {
			cases[b->ncases] = ev->case_id;
			b->cases[b->ncases++].id = ev->case_id;
		}
		if (ev->type == CASE_EV_RECEIVED && ev->case_number)
			numbers[nnum++] = ev->case_number;
		ruled |= caserole_ruled(ev->type);
	}
	if (ruled && ops->users_list(c, &b->users, &b->nusers, err, errsz) != 0)
		goto out;
	if (ops->events_find_many(c, ids, nids, &b->known, &b->nknown, err, errsz) != 0 ||
	    ops->cases_events(c, cases, b->ncases, &b->hist, &b->nhist, err, errsz) != 0 ||
	    ops->received_by_numbers(c, numbers, nnum, &b->taken, &b->ntaken, err, errsz) != 0)
		goto out;
	if (b->nhist > 1)
		qsort(b->hist, b->nhist, sizeof *b->hist, push_hist_cmp);
	rc = 0;
out:
	free(ids);
	free(cases);
	free(numbers);
	return rc;
}

/* The item code of a received event's body into buf ("" when none). */
static void push_item_code(const char *body, char *buf, size_t bufsz)
{
	cJSON *o = cJSON_Parse(body ? body : "");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "item_code");

	buf[0] = '\0';
	if (cJSON_IsString(v))
		snprintf(buf, bufsz, "%s", v->valuestring);
	cJSON_Delete(o);
}

/* Whether the pushed event ev (fold view e) of case k may be recorded by
 * its actor, by the table the workstation checks (caseroles.h), against
 * central's users and the department of the case's item in central's
 * catalog (api_ref_lock read-held).  0, or -1 with the reason. */
static int push_actor_may(const struct push_batch *b, const struct push_case *k,
			  const struct codec_event *ev, const struct case_event *e,
			  char *reason, size_t reasonsz)
{
	const struct codec_user *u = NULL;
	struct caserole_actor a;
	const struct catalog_item *it = NULL;
	char why[YC_ERRSZ];
	int flags;

	if (!caserole_ruled(e->type))
		return 0;
	for (size_t i = 0; i < b->nusers && !u; i++)
		if (strcmp(b->users[i].name, ev->actor) == 0)
			u = &b->users[i];
	if (u) {
		a.name = u->name;
		a.role = auth_role_from_name(u->role);
		a.department = u->department;
		a.active = u->active;
	}
	if (k->item[0])
		it = catalog_find_item(&api_cat, k->item);
	flags = (strstr(ev->body, "\"completes_after\"") ? CASEROLE_HELD : 0) |
		(k->fold.instant ? CASEROLE_INSTANT : 0);
	if (caserole_check(e->type, flags, ev->actor, u ? &a : NULL,
			   it && it->department ? it->department : NULL, e->reason,
			   why, sizeof why) == 0)
		return 0;
	snprintf(reason, reasonsz, _("中心拒绝：%s（按中心登记的用户核对经办人）"), why);
	utf8_trim_partial(reason);
	return -1;
}

/* Folds every case of the batch on its stored events (api_ref_lock
 * read-held). */
static void push_fold_cases(struct push_batch *b)
{
	size_t h = 0;
	char err[YC_ERRSZ];

	for (size_t i = 0; i < b->ncases; i++)
		casefsm_init(&b->cases[i].fold);
	while (h < b->nhist) {
		size_t end = h + 1;
		struct push_case *k;

		while (end < b->nhist && strcmp(b->hist[end].case_id, b->hist[h].case_id) == 0)
			end++;
		k = push_case_of(b, b->hist[h].case_id);
		if (k) {
			api_fold_case(api_cal, &b->hist[h], end - h, &k->fold, err, sizeof err);
			k->number = b->hist[h].case_number;
			for (size_t j = h; j < end; j++)
				if (b->hist[j].type == CASE_EV_RECEIVED)
					push_item_code(b->hist[j].body, k->item, sizeof k->item);
		}
		h = end;
	}
}

/* 1 when number was not made by terminal t (another site or terminal
 * number), with the reason; a terminal creates cases only with its own
 * numbers, and central's online applications (terminal 99) never come by
 * push. */
static int push_number_foreign(const char *number, const struct codec_terminal *t,
			       char *reason, size_t reasonsz)
{
	struct caseno cn;
	char why[YC_ERRSZ];

	if (caseno_parse(number, &cn, why, sizeof why) != CASENO_OK) {
		snprintf(reason, reasonsz, _("办件编号 %s 无效：%s"), number, why);
		utf8_trim_partial(reason);
		return 1;
	}
	if (strcmp(cn.text, number) != 0) {
		/* one spelling per case: the progress query looks it up so */
		snprintf(reason, reasonsz, _("办件编号 %s 应按规范写作 %s"), number, cn.text);
		utf8_trim_partial(reason);
		return 1;
	}
	if (strcmp(cn.site, t->site) == 0 && cn.terminal == t->terminal)
		return 0;
	snprintf(reason, reasonsz,
		 _("办件编号 %s 是终端 %s-%02d 的编号，本终端是 %s-%02d：终端只能用自己的编号接件新建办件"
		   "（网上申请由中心以终端号 99 编号）；请检查该工作站的站点代码和终端号（yichuang init）"),
		 number, cn.site, cn.terminal, t->site, t->terminal);
	utf8_trim_partial(reason);
	return 1;
}

/* 1 when number already belongs to another case, stored or accepted
 * earlier in this batch, with the reason.  One number, one case: every
 * workstation's cases.number is unique, so a second case with a number
 * would stop every pull.  Push holds the "seq" lock, so nobody adds the
 * number between the read and the append (the unique index on the
 * received events' numbers is the backends' second line). */
static int push_number_taken(const struct push_batch *b, const char *case_id,
			     const char *number, const char *sender, char *reason,
			     size_t reasonsz)
{
	const char *other = NULL, *term = "?";

	for (size_t i = 0; i < b->ntaken && !other; i++)
		if (strcmp(b->taken[i].case_number, number) == 0) {
			other = b->taken[i].case_id;
			term = b->taken[i].terminal ? b->taken[i].terminal : "?";
		}
	for (size_t i = 0; i < b->ncases && !other; i++)
		if (b->cases[i].number && strcmp(b->cases[i].number, number) == 0 &&
		    strcmp(b->cases[i].id, case_id) != 0) {
			other = b->cases[i].id;
			term = sender;
		}
	if (!other)
		return 0;
	snprintf(reason, reasonsz,
		 _("办件编号 %s 已被另一办件使用（办件 %s，由终端 %s 接件）：同一编号不能用于"
		   "两个办件；请检查该工作站的站点代码、终端号和办件序号（数据库是否被恢复或复制过）"),
		 number, other, term);
	utf8_trim_partial(reason);
	return 1;
}

/* Notes that ev was refused before its case's event was folded: the
 * later events of its case in the batch follow it. */
static void push_refused(struct push_batch *b, const struct codec_event *ev)
{
	struct push_case *k = push_case_of(b, ev->case_id);

	if (k && !k->refused && ev->id[0])
		k->refused = ev->id;
}

/* Decides item i (api_ref_lock read-held); -1 only for a database error
 * (conflicts are written as they come). */
static int push_decide(struct api *a, struct bconn *c, const struct codec_terminal *t,
		       const char *sender, struct push_batch *b, size_t i,
		       char *err, size_t errsz)
{
	const struct backend_ops *ops = pool_ops(a->pool);
	struct codec_push_item *it = &b->items[i];
	struct codec_result *res = &b->res[i];
	struct case_event e;
	struct case_deferral defs[CASEFSM_MAX_DEFERRED + 1];
	struct case_fold next;
	struct push_case *k;
	void *holder;
	char why[YC_ERRSZ];

	snprintf(res->id, sizeof res->id, "%s", it->ev.id);
	res->status = CODEC_INVALID;
	if (!it->ok) {
		snprintf(res->reason, sizeof res->reason, "%s", it->reason);
		push_refused(b, &it->ev);
		return 0;
	}
	for (size_t j = 0; j < b->nknown; j++) {
		if (strcmp(b->known[j].id, it->ev.id) != 0)
			continue;
		if (codec_event_same(&b->known[j], &it->ev)) {
			res->status = CODEC_DUPLICATE;
			res->seq = b->known[j].seq;
		} else {
			snprintf(res->reason, sizeof res->reason, "%s", _("同一事件编号的内容不同"));
			push_refused(b, &it->ev);
		}
		return 0;
	}
	for (size_t j = 0; j < b->nacc; j++) {
		const struct codec_event *prev = &b->items[b->acc[j]].ev;

		if (strcmp(prev->id, it->ev.id) != 0)
			continue;
		if (codec_event_same(prev, &it->ev)) {
			res->status = CODEC_DUPLICATE;
			b->dup_of[i] = b->acc[j] + 1;	/* its seq once appended */
		} else {
			snprintf(res->reason, sizeof res->reason, "%s", _("同一事件编号的内容不同"));
			push_refused(b, &it->ev);
		}
		return 0;
	}
	k = push_case_of(b, it->ev.case_id);
	if (!k)		/* every ok item's case was listed by push_prefetch */
		return yc_seterr(err, errsz, "%s", _("内部错误：批次中的办件未载入"));
	if (k->refused) {
		/* its cause was refused: the case's history on central never
		 * holds an event without the ones before it */
		res->status = CODEC_CONFLICT;
		snprintf(res->state, sizeof res->state, "%s", casefsm_state_name(k->fold.state));
		snprintf(res->reason, sizeof res->reason,
			 _("本批次中该办件的前一事件 %s 未被中心接受，其后的事件一并退回"),
			 k->refused);
		utf8_trim_partial(res->reason);
		return ops->conflict_add(c, &it->ev, sender, res->state, res->reason, err, errsz);
	}
	k->refused = it->ev.id;		/* cleared below when accepted */
	if (codec_fold_event(it->ev.body, it->ev.type, &e, defs, &holder, why, sizeof why) != 0) {
		snprintf(res->reason, sizeof res->reason, "%s", why);
		return 0;
	}
	if (k->number && strcmp(k->number, it->ev.case_number) != 0) {
		snprintf(res->reason, sizeof res->reason,
			 _("办件编号 %s 与该办件已有的编号 %s 不同"), it->ev.case_number, k->number);
	} else if (it->ev.type == CASE_EV_RECEIVED && k->number) {
		snprintf(res->reason, sizeof res->reason,
			 _("办件 %s 已经接件，不能再次接件"), k->number);
	} else if (it->ev.type == CASE_EV_RECEIVED &&
		   (push_number_foreign(it->ev.case_number, t, res->reason, sizeof res->reason) ||
		    push_number_taken(b, k->id, it->ev.case_number, sender, res->reason,
				      sizeof res->reason))) {
		/* the reason is written */
	} else if (push_actor_may(b, k, &it->ev, &e, res->reason, sizeof res->reason) != 0) {
		/* the reason is written: the actor may not do it */
	} else {
		next = k->fold;
		if (casefsm_apply(&next, &e, api_cal, why, sizeof why) != 0) {
			codec_fold_free(holder);
			res->status = CODEC_CONFLICT;
			snprintf(res->state, sizeof res->state, "%s",
				 casefsm_state_name(k->fold.state));
			snprintf(res->reason, sizeof res->reason, "%s", why);
			utf8_trim_partial(res->reason);
			return ops->conflict_add(c, &it->ev, sender, res->state, res->reason,
						 err, errsz);
		}
		k->fold = next;
		if (!k->number)
			k->number = it->ev.case_number;
		if (it->ev.type == CASE_EV_RECEIVED)
			push_item_code(it->ev.body, k->item, sizeof k->item);
		k->refused = NULL;
		res->status = CODEC_ACCEPTED;
		b->acc[b->nacc++] = i;
	}
	codec_fold_free(holder);
	return 0;
}

/* Appends the accepted events with one statement and gives every
 * accepted (and repeated) event its seq. */
static int push_append(struct api *a, struct bconn *c, const char *sender,
		       struct push_batch *b, char *err, size_t errsz)
{
	struct codec_event *v;
	int rc;

	if (b->nacc == 0)
		return 0;
	v = calloc(b->nacc, sizeof *v);
	if (!v)
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	for (size_t j = 0; j < b->nacc; j++)
		v[j] = b->items[b->acc[j]].ev;	/* shallow: the items own the texts */
	rc = pool_ops(a->pool)->events_append(c, v, b->nacc, sender, err, errsz);
	for (size_t j = 0; rc == 0 && j < b->nacc; j++)
		b->res[b->acc[j]].seq = v[j].seq;
	for (size_t i = 0; rc == 0 && i < b->n; i++)
		if (b->dup_of[i])
			b->res[i].seq = b->res[b->dup_of[i] - 1].seq;
	free(v);
	return rc;
}

void api_push(struct api *a, struct bconn *c, const struct codec_terminal *t,
	      const char *body, size_t len, struct api_reply *r)
{
	const struct backend_ops *ops = pool_ops(a->pool);
	struct push_batch b;
	char key[CODEC_UUID_MAX], hash[65], sender[32], err[YC_ERRSZ];
	char *old_hash = NULL, *old_resp = NULL, *text = NULL;
	long long lock;
	int found;

	memset(&b, 0, sizeof b);
	if (codec_push_parse(body, key, &b.items, &b.n, err, sizeof err) != 0) {
		api_error(r, 400, err);
		return;
	}
	srv_hash_hex(body, len, hash);
	snprintf(sender, sizeof sender, "%s-%02d", t->site, t->terminal);
	b.res = calloc(b.n ? b.n : 1, sizeof *b.res);
	if (!b.res)
		goto fail_mem;
	if (api_refresh(a, c, err, sizeof err) != 0)
		goto fail;
	if (ops->begin(c, err, sizeof err) != 0)
		goto fail;
	/* serialises writers of events: seq order is commit order */
	if (ops->counter_add(c, "seq", 0, &lock, err, sizeof err) != 0)
		goto fail_tx;
	found = ops->batch_find(c, key, &old_hash, &old_resp, err, sizeof err);
	if (found < 0)
		goto fail_tx;
	if (found && strcmp(old_hash, hash) == 0) {
		ops->rollback(c);
		api_json(r, 200, old_resp);
		old_resp = NULL;
		goto out;
	}
	if (found) {
		/* a key names one batch: its stored answer stays */
		ops->rollback(c);
		api_error(r, 422, _("同一批次编号（key）的内容不同"));
		goto out;
	}
	if (push_prefetch(a, c, &b, err, sizeof err) != 0)
		goto fail_tx;
	pthread_rwlock_rdlock(&api_ref_lock);
	push_fold_cases(&b);
	for (size_t i = 0; i < b.n; i++) {
		if (push_decide(a, c, t, sender, &b, i, err, sizeof err) != 0) {
			pthread_rwlock_unlock(&api_ref_lock);
			goto fail_tx;
		}
	}
	pthread_rwlock_unlock(&api_ref_lock);
	if (push_append(a, c, sender, &b, err, sizeof err) != 0)
		goto fail_tx;
	text = codec_push_response(b.res, b.n);
	if (!text) {
		ops->rollback(c);
		goto fail_mem;
	}
	if (ops->batch_save(c, key, hash, text, sender, err, sizeof err) != 0 ||
	    ops->commit(c, err, sizeof err) != 0)
		goto fail_tx;
	for (size_t i = 0; i < b.n; i++)
		metrics_push(b.res[i].status);
	api_json(r, 200, text);
	text = NULL;
	goto out;
fail_tx:
	ops->rollback(c);
fail:
	api_fail(r, err);
	goto out;
fail_mem:
	api_error(r, 500, _("内存不足"));
out:
	free(text);
	free(old_hash);
	free(old_resp);
	push_batch_free(&b);
	free(b.res);
	codec_push_items_free(b.items, b.n);
}
