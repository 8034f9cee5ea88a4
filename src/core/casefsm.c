/*
 * casefsm.c — the case state machine: which event may follow which state,
 * folding events into the case's projection, and the deadline status with
 * its yellow and red cards (see casefsm.h; the date rules are caserules.c).
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "yichuang/casefsm.h"
#include "yichuang/caserules.h"
#include "yichuang/date.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"

#define STATE_NAME(e, name, label) name,
static const char *const state_names[] = { CASE_STATES(STATE_NAME) };
#undef STATE_NAME
#define STATE_LABEL(e, name, label) N_(label),
static const char *const state_labels[] = { CASE_STATES(STATE_LABEL) };
#undef STATE_LABEL
#define EVENT_NAME(e, name, label, verb) name,
static const char *const event_names[] = { CASE_EVENTS(EVENT_NAME) };
#undef EVENT_NAME
#define EVENT_LABEL(e, name, label, verb) N_(label),
static const char *const event_labels[] = { CASE_EVENTS(EVENT_LABEL) };
#undef EVENT_LABEL
#define EVENT_VERB(e, name, label, verb) N_(verb),
static const char *const event_verbs[] = { CASE_EVENTS(EVENT_VERB) };
#undef EVENT_VERB

static const char *const decision_names[] = { "", "approve", "deny" };
static const char *const delivery_names[] = { "", "pickup", "post" };

/* Which kind of case a transition is for. */
enum for_kind {
	FOR_ANY = 1,
	FOR_INSTANT,		/* 即办件 only: closes at the window */
	FOR_PROMISED		/* 承诺件 only: goes through the back office */
};

/* The transition table: every allowed (state, event) pair. */
static const struct {
	enum case_state state;
	enum case_event_type event;
	enum for_kind kind;
} transitions[] = {
	{ CASE_NONE, CASE_EV_RECEIVED, FOR_ANY },

	{ CASE_RECEIVED, CASE_EV_ACCEPTED, FOR_ANY },
	{ CASE_RECEIVED, CASE_EV_CORRECTION_REQUESTED, FOR_ANY },
	{ CASE_RECEIVED, CASE_EV_REJECTED, FOR_ANY },
	{ CASE_RECEIVED, CASE_EV_WITHDRAWN, FOR_ANY },

	{ CASE_CORRECTION, CASE_EV_CORRECTION_SUPPLIED, FOR_ANY },
	{ CASE_CORRECTION, CASE_EV_REJECTED, FOR_ANY },
	{ CASE_CORRECTION, CASE_EV_WITHDRAWN, FOR_ANY },

	{ CASE_ACCEPTED, CASE_EV_HANDED_OVER, FOR_PROMISED },
	{ CASE_ACCEPTED, CASE_EV_REVIEW_STARTED, FOR_PROMISED },
	{ CASE_ACCEPTED, CASE_EV_DECIDED, FOR_INSTANT },
	{ CASE_ACCEPTED, CASE_EV_WITHDRAWN, FOR_ANY },
	{ CASE_ACCEPTED, CASE_EV_DEFERRED_SUPPLIED, FOR_ANY },

	{ CASE_IN_REVIEW, CASE_EV_SPECIAL_STARTED, FOR_ANY },
	{ CASE_IN_REVIEW, CASE_EV_EXTENDED, FOR_ANY },
	{ CASE_IN_REVIEW, CASE_EV_DECIDED, FOR_ANY },
	{ CASE_IN_REVIEW, CASE_EV_WITHDRAWN, FOR_ANY },
	{ CASE_IN_REVIEW, CASE_EV_DEFERRED_SUPPLIED, FOR_ANY },

	{ CASE_SPECIAL, CASE_EV_SPECIAL_ENDED, FOR_ANY },
	{ CASE_SPECIAL, CASE_EV_WITHDRAWN, FOR_ANY },
	{ CASE_SPECIAL, CASE_EV_DEFERRED_SUPPLIED, FOR_ANY },

	{ CASE_DECIDED, CASE_EV_RESULT_HANDED_OVER, FOR_PROMISED },
	{ CASE_DECIDED, CASE_EV_DELIVERED, FOR_INSTANT },
	{ CASE_DECIDED, CASE_EV_DEFERRED_SUPPLIED, FOR_ANY },

	{ CASE_READY, CASE_EV_DELIVERED, FOR_ANY },
	{ CASE_READY, CASE_EV_DEFERRED_SUPPLIED, FOR_ANY },

	{ CASE_DELIVERED, CASE_EV_ARCHIVED, FOR_ANY },
	{ CASE_DELIVERED, CASE_EV_DEFERRED_SUPPLIED, FOR_ANY },
};

#define NTRANSITIONS (sizeof transitions / sizeof transitions[0])

static int valid_state(int s)
{
	return s >= 0 && s < CASE_STATE_COUNT;
}

static int valid_event(int t)
{
	return t >= 0 && t < CASE_EVENT_COUNT;
}

static int name_index(const char *const *names, int n, const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < n; i++)
		if (names[i][0] && strcmp(names[i], name) == 0)
			return i;
	return -1;
}

const char *casefsm_state_name(enum case_state s)
{
	return valid_state((int)s) ? state_names[s] : "";
}

int casefsm_state_from_name(const char *name)
{
	return name_index(state_names, CASE_STATE_COUNT, name);
}

const char *casefsm_event_name(enum case_event_type t)
{
	return valid_event((int)t) ? event_names[t] : "";
}

int casefsm_event_from_name(const char *name)
{
	return name_index(event_names, CASE_EVENT_COUNT, name);
}

const char *casefsm_decision_name(enum case_decision d)
{
	return d == CASE_DECISION_APPROVE || d == CASE_DECISION_DENY ?
	       decision_names[d] : "";
}

int casefsm_decision_from_name(const char *name)
{
	return name_index(decision_names, 3, name);
}

const char *casefsm_delivery_name(enum case_delivery d)
{
	return d == CASE_DELIVERY_PICKUP || d == CASE_DELIVERY_POST ?
	       delivery_names[d] : "";
}

int casefsm_delivery_from_name(const char *name)
{
	return name_index(delivery_names, 3, name);
}

const char *casefsm_state_label(enum case_state s)
{
	return valid_state((int)s) ? _(state_labels[s]) : "";
}

const char *casefsm_event_label(enum case_event_type t)
{
	return valid_event((int)t) ? _(event_labels[t]) : "";
}

const char *casefsm_channel_label(const char *channel)
{
	static const struct {
		const char *code, *label;
	} channels[] = {
		{ "phone", N_("电话") },
		{ "sms", N_("短信") },
		{ "other", N_("其他") },
		{ "window", N_("窗口") },
		{ "online", N_("网上申请") },
	};

	for (size_t i = 0; channel && i < sizeof channels / sizeof channels[0]; i++)
		if (strcmp(channel, channels[i].code) == 0)
			return _(channels[i].label);
	return channel ? channel : "";
}

const char *casefsm_fold_label(const struct case_fold *f, char *buf,
			       size_t bufsz)
{
	const char *extra = NULL;

	if ((f->state == CASE_IN_REVIEW || f->state == CASE_SPECIAL) &&
	    f->extension_days > 0)
		extra = _("已延期");
	else if (f->decided_on && f->decision == CASE_DECISION_APPROVE)
		extra = _("准予许可");
	else if (f->decided_on && f->decision == CASE_DECISION_DENY)
		extra = _("不予许可");
	if (extra)
		snprintf(buf, bufsz, _("%s（%s）"), casefsm_state_label(f->state),
			 extra);
	else
		snprintf(buf, bufsz, "%s", casefsm_state_label(f->state));
	return buf;
}

int casefsm_exchange_code(const struct case_fold *f)
{
	switch (f->state) {
	case CASE_NONE:
		return 0;
	case CASE_RECEIVED:
		return 1;
	case CASE_WITHDRAWN:
		return f->accepted_on || f->deemed_accepted ? 14 : 2;
	case CASE_ACCEPTED:
		return 3;
	case CASE_REJECTED:
		return 5;
	case CASE_CORRECTION:
		return 6;
	case CASE_IN_REVIEW:
		return 8;
	case CASE_SPECIAL:
		return 9;
	case CASE_DECIDED:
	case CASE_READY:
	case CASE_DELIVERED:
	case CASE_ARCHIVED:
		if (f->decision == CASE_DECISION_DENY)
			return 13;
		return f->ndeferred > 0 ? 12 : 11;
	case CASE_STATE_COUNT:
		break;
	}
	return 0;
}

/* The kind a transition is for, or 0 when it is not in the table. */
static enum for_kind transition_kind(enum case_state s, enum case_event_type t)
{
	for (size_t i = 0; i < NTRANSITIONS; i++)
		if (transitions[i].state == s && transitions[i].event == t)
			return transitions[i].kind;
	return 0;
}

int casefsm_is_record(enum case_event_type t)
{
	return t == CASE_EV_DOCUMENT_ISSUED || t == CASE_EV_NOTIFIED ||
	       t == CASE_EV_BUNDLE_LINKED || t == CASE_EV_BUNDLE_CLOSED ||
	       t == CASE_EV_REGISTER_SENT || t == CASE_EV_CORRECTION_PARTIAL;
}

int casefsm_can(enum case_state s, enum case_event_type t)
{
	if (casefsm_is_record(t))
		return s != CASE_NONE;
	return transition_kind(s, t) != 0;
}

static int outstanding_deferred(const struct case_fold *f)
{
	int n = 0;

	for (size_t i = 0; i < f->ndeferred; i++)
		if (!f->deferred[i].supplied_on)
			n++;
	return n;
}

int casefsm_allowed(const struct case_fold *f, enum case_event_type t)
{
	enum for_kind k = transition_kind(f->state, t);

	if (casefsm_is_record(t))
		return f->state != CASE_NONE;
	if (k == 0)
		return 0;
	if (k == FOR_INSTANT && !f->instant)
		return 0;
	if (k == FOR_PROMISED && f->instant)
		return 0;
	if (t == CASE_EV_EXTENDED && f->extension_days > 0)
		return 0;
	if (t == CASE_EV_DEFERRED_SUPPLIED && outstanding_deferred(f) == 0)
		return 0;
	return 1;
}

void casefsm_init(struct case_fold *f)
{
	memset(f, 0, sizeof *f);
	f->state = CASE_NONE;
}

/* Writes "2026-10-09" for messages. */
static const char *fmt_day(int day, char *buf, size_t bufsz)
{
	return date_format(day, buf, bufsz);
}

/*
 * Explains why event t is not allowed for *f, and what is: the specific
 * rule when the table allows t in this state for some case, else the
 * general "状态为“…”的办件不能…" with the actions possible now.
 */
static int casefsm_refuse(const struct case_fold *f, enum case_event_type t,
			  char *err, size_t errsz)
{
	enum for_kind k = transition_kind(f->state, t);
	char allowed[256] = "", day[16];
	size_t len = 0;

	if (k == FOR_INSTANT)
		return yc_seterr(err, errsz,
				 _("承诺件不能在窗口直接%s：须先交后台审查（开始审查），决定后交接办理结果到出件窗口"),
				 _(event_verbs[t]));
	if (k == FOR_PROMISED)
		return yc_seterr(err, errsz,
				 _("即办件在窗口当场办结，不能%s；请直接作出审批决定并当场送达"),
				 _(event_verbs[t]));
	if (k && t == CASE_EV_EXTENDED)
		return yc_seterr(err, errsz,
				 _("本办件已于%s延期%d个工作日，依法只能延期一次，不能再延期"),
				 fmt_day(f->extended_on, day, sizeof day),
				 f->extension_days);
	if (k && t == CASE_EV_DEFERRED_SUPPLIED)
		return yc_seterr(err, errsz,
				 _("本办件没有待补齐的容缺材料"));
	if (f->state == CASE_NONE)
		return yc_seterr(err, errsz, _("办件尚未接件，不能%s；请先接件"),
				 _(event_verbs[t]));
	for (int i = 0; i < CASE_EVENT_COUNT; i++) {
		if (casefsm_is_record((enum case_event_type)i) ||
		    !casefsm_allowed(f, (enum case_event_type)i))
			continue;
		len += (size_t)snprintf(allowed + len, sizeof allowed - len,
					"%s%s", len ? _("、") : "",
					casefsm_event_label((enum case_event_type)i));
		if (len >= sizeof allowed)
			break;
	}
	if (len == 0)
		return yc_seterr(err, errsz,
				 _("状态为“%s”的办件不能%s：办件已结束"),
				 casefsm_state_label(f->state), _(event_verbs[t]));
	return yc_seterr(err, errsz, _("状态为“%s”的办件不能%s；现在可以：%s"),
			 casefsm_state_label(f->state), _(event_verbs[t]),
			 allowed);
}

/* 1 when text has something besides white space (ASCII or U+3000). */
static int has_text(const char *s)
{
	if (!s)
		return 0;
	while (*s) {
		if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else
			return 1;
	}
	return 0;
}

/* Notes the calendar's provisional years, if any, on the fold. */
static void note_provisional(struct case_fold *f, const struct workdays_note *note)
{
	if (note->n > 0)
		f->provisional = 1;
}

static int date_error(char *err, size_t errsz)
{
	return yc_seterr(err, errsz, _("期限计算超出日历范围，请检查事件日期"));
}

/* Recomputes promised_on once the clock runs (accepted or deemed). */
static int recompute_promised(struct case_fold *f, const struct calendar *cal,
			      char *err, size_t errsz)
{
	struct workdays_note note = { { 0 }, 0 };

	if (!f->accepted_on && !f->deemed_accepted)
		return 0;
	if (caserules_promised_on(f, cal, 0, &f->promised_on, &note) < 0)
		return date_error(err, errsz);
	note_provisional(f, &note);
	return 0;
}

/* Records the 容缺 materials accepted with the case (accepted_on set). */
static int add_deferred(struct case_fold *f, const struct case_event *e,
			const struct calendar *cal, char *err, size_t errsz)
{
	struct workdays_note note = { { 0 }, 0 };

	if (e->ndeferred > CASEFSM_MAX_DEFERRED)
		return yc_seterr(err, errsz,
				 _("容缺材料有%zu项，一个办件最多%d项"),
				 e->ndeferred, CASEFSM_MAX_DEFERRED);
	for (size_t i = 0; i < e->ndeferred; i++) {
		const struct case_deferral *d = &e->deferred[i];
		struct case_deferred *out = &f->deferred[f->ndeferred];
		size_t len = d->material ? strlen(d->material) : 0;

		if (len == 0 || len >= CASEFSM_MATERIAL_MAX)
			return yc_seterr(err, errsz,
					 _("第%zu项容缺材料的编号为空或太长（最多%d个字节）"),
					 i + 1, CASEFSM_MATERIAL_MAX - 1);
		if (d->days < 1 || d->days > 60)
			return yc_seterr(err, errsz,
					 _("容缺材料“%s”的补齐期限%d无效，应为1–60个工作日"),
					 d->material, d->days);
		for (size_t j = 0; j < f->ndeferred; j++)
			if (strcmp(f->deferred[j].material, d->material) == 0)
				return yc_seterr(err, errsz,
						 _("容缺材料“%s”重复登记"),
						 d->material);
		if (f->ndeferred == CASEFSM_MAX_DEFERRED)
			return yc_seterr(err, errsz,
					 _("一个办件最多%d项容缺材料"),
					 CASEFSM_MAX_DEFERRED);
		memset(out, 0, sizeof *out);
		memcpy(out->material, d->material, len + 1);
		if (caserules_deferred_due(cal, f->accepted_on, d->days,
					   &out->due_on, &note) < 0)
			return date_error(err, errsz);
		/* Each calculation clears the note: keep what this one said. */
		note_provisional(f, &note);
		f->ndeferred++;
	}
	note_provisional(f, &note);
	return 0;
}

/* The case becomes ACCEPTED on e->day (accepted, correction_supplied). */
static int do_accept(struct case_fold *f, const struct case_event *e,
		     const struct calendar *cal, char *err, size_t errsz)
{
	f->accepted_on = e->day;
	/* Accepted straight from RECEIVED after the 补正 deadline: no notice
	 * was given in time, so it counts from receipt (art. 32).  After a
	 * timely notice the clock starts when the materials are complete. */
	if (e->type == CASE_EV_ACCEPTED && e->day > f->correction_deadline)
		f->deemed_accepted = 1;
	if (add_deferred(f, e, cal, err, errsz) < 0)
		return -1;
	f->state = CASE_ACCEPTED;
	return recompute_promised(f, cal, err, errsz);
}

static int do_received(struct case_fold *f, const struct case_event *e,
		       const struct calendar *cal, char *err, size_t errsz)
{
	struct workdays_note note = { { 0 }, 0 };

	if (!e->instant) {
		if (e->promised_limit < 0 || e->promised_limit > 3650)
			return yc_seterr(err, errsz,
					 _("承诺办结时限%d无效，应为0–3650"),
					 e->promised_limit);
		if (e->promised_unit != LIMIT_WORKDAYS &&
		    e->promised_unit != LIMIT_DAYS)
			return yc_seterr(err, errsz,
					 _("承诺办结时限的单位无效，应为工作日或自然日"));
	}
	f->instant = e->instant ? 1 : 0;
	f->promised_limit = f->instant ? 0 : e->promised_limit;
	f->promised_unit = f->instant ? LIMIT_WORKDAYS : e->promised_unit;
	f->received_on = e->day;
	if (caserules_correction_deadline(cal, e->day, &f->correction_deadline,
					  &note) < 0)
		return date_error(err, errsz);
	note_provisional(f, &note);
	f->state = CASE_RECEIVED;
	return 0;
}

static int do_decided(struct case_fold *f, const struct case_event *e,
		      const struct calendar *cal, char *err, size_t errsz)
{
	struct workdays_note note = { { 0 }, 0 };

	/* A held part completes with its prerequisite: in time. */
	if (f->held)
		f->promised_on = e->day;
	f->held = 0;

	if (e->decision != CASE_DECISION_APPROVE &&
	    e->decision != CASE_DECISION_DENY)
		return yc_seterr(err, errsz,
				 _("审批决定须为准予许可（approve）或不予许可（deny）"));
	if (e->decision == CASE_DECISION_DENY && !has_text(e->reason))
		return yc_seterr(err, errsz,
				 _("不予许可须写明理由，并告知申请人申请行政复议或提起行政诉讼的权利"));
	f->decided_on = e->day;
	f->decision = e->decision;
	if (!f->instant &&
	    caserules_result_due(cal, e->day, &f->result_due_on, &note) < 0)
		return date_error(err, errsz);
	/* Art. 44: a licence is issued, a refusal served, within 10
	 * working days of the decision either way. */
	if (caserules_deliver_due(cal, e->day, &f->deliver_due_on, &note) < 0)
		return date_error(err, errsz);
	note_provisional(f, &note);
	f->state = CASE_DECIDED;
	return 0;
}

static int do_deferred_supplied(struct case_fold *f, const struct case_event *e,
				char *err, size_t errsz)
{
	for (size_t i = 0; i < f->ndeferred; i++) {
		struct case_deferred *d = &f->deferred[i];

		if (e->material && strcmp(d->material, e->material) == 0) {
			if (d->supplied_on)
				return yc_seterr(err, errsz,
						 _("容缺材料“%s”已登记补齐"),
						 d->material);
			d->supplied_on = e->day;
			return 0;
		}
	}
	return yc_seterr(err, errsz, _("“%s”不是本办件的容缺材料"),
			 e->material ? e->material : "");
}

/* Folds e into f (a scratch copy): the transition is already allowed. */
static int casefsm_fold(struct case_fold *f, const struct case_event *e,
			const struct calendar *cal, char *err, size_t errsz)
{
	struct workdays_note note = { { 0 }, 0 };

	switch (e->type) {
	case CASE_EV_RECEIVED:
		return do_received(f, e, cal, err, errsz);
	case CASE_EV_ACCEPTED:
	case CASE_EV_CORRECTION_SUPPLIED:
		return do_accept(f, e, cal, err, errsz);
	case CASE_EV_CORRECTION_REQUESTED:
		f->correction_notice_on = e->day;
		/* Notice given late: the case counts as accepted from
		 * receipt (art. 32), and the clock has been running. */
		if (e->day > f->correction_deadline) {
			f->deemed_accepted = 1;
			if (recompute_promised(f, cal, err, errsz) < 0)
				return -1;
		}
		f->state = CASE_CORRECTION;
		return 0;
	case CASE_EV_REJECTED:
		/* 行政许可法 art. 32: past the 5-working-day deadline with no
		 * timely notice, the application counts as accepted from receipt;
		 * it can then only be refused by a decision after review. */
		if ((f->state == CASE_RECEIVED && e->day > f->correction_deadline) ||
		    (f->state == CASE_CORRECTION && f->deemed_accepted)) {
			char due[16];

			return yc_seterr(err, errsz,
					 _("收件后 5 个工作日内（至 %s）未作出补正告知或不予受理决定，依行政许可法第三十二条自收到申请之日起即为受理，不能再不予受理；请受理后由审批部门审查决定"),
					 date_format(f->correction_deadline, due, sizeof due));
		}
		if (!has_text(e->reason))
			return yc_seterr(err, errsz,
					 _("不予受理须写明具体理由和依据（不属于本机关职权的，还须告知向哪个机关申请）"));
		f->closed_on = e->day;
		f->state = CASE_REJECTED;
		return 0;
	case CASE_EV_WITHDRAWN:
		f->closed_on = e->day;
		f->state = CASE_WITHDRAWN;
		return 0;
	case CASE_EV_HANDED_OVER:
		if (!f->handed_over_on)
			f->handed_over_on = e->day;
		return 0;
	case CASE_EV_REVIEW_STARTED:
		f->review_started_on = e->day;
		f->state = CASE_IN_REVIEW;
		return 0;
	case CASE_EV_SPECIAL_STARTED:
		if (!has_text(e->reason))
			return yc_seterr(err, errsz,
					 _("启动特别程序须写明理由（听证、招标、拍卖、检验、检测、检疫、鉴定或专家评审），并书面告知申请人"));
		f->special_since = e->day;
		f->specials++;
		f->state = CASE_SPECIAL;
		return 0;
	case CASE_EV_SPECIAL_ENDED:
		f->paused_days += caserules_paused_days(cal, f->special_since,
							e->day, &note);
		note_provisional(f, &note);
		f->special_since = 0;
		f->state = CASE_IN_REVIEW;
		return recompute_promised(f, cal, err, errsz);
	case CASE_EV_EXTENDED:
		/* Art. 42: the extension is decided within the limit, never
		 * after the promised date has passed. */
		if (f->promised_on && e->day > f->promised_on) {
			char due[16], on[16];

			return yc_seterr(err, errsz,
					 _("承诺办结日 %s 已过（延期日期 %s），不能再延期：延期须在办理期限内决定（行政许可法第四十二条）；请尽快作出审批决定"),
					 fmt_day(f->promised_on, due, sizeof due),
					 fmt_day(e->day, on, sizeof on));
		}
		if (!has_text(e->reason))
			return yc_seterr(err, errsz,
					 _("延期须写明理由（经本机关负责人批准，并告知申请人）"));
		if (e->extension_days < 1 || e->extension_days > CASEFSM_EXTENSION_MAX)
			return yc_seterr(err, errsz,
					 _("延期天数%d无效，经负责人批准最多延长%d个工作日（行政许可法第四十二条）"),
					 e->extension_days, CASEFSM_EXTENSION_MAX);
		f->extension_days = e->extension_days;
		f->extended_on = e->day;
		return recompute_promised(f, cal, err, errsz);
	case CASE_EV_DECIDED:
		return do_decided(f, e, cal, err, errsz);
	case CASE_EV_RESULT_HANDED_OVER:
		f->ready_on = e->day;
		f->state = CASE_READY;
		return 0;
	case CASE_EV_DELIVERED:
		if (e->delivery != CASE_DELIVERY_PICKUP &&
		    e->delivery != CASE_DELIVERY_POST)
			return yc_seterr(err, errsz,
					 _("送达方式须为窗口领取（pickup）或邮寄（post）"));
		f->delivered_on = e->day;
		f->delivery = e->delivery;
		f->state = CASE_DELIVERED;
		return 0;
	case CASE_EV_ARCHIVED:
		f->closed_on = e->day;
		f->state = CASE_ARCHIVED;
		return 0;
	case CASE_EV_DEFERRED_SUPPLIED:
		return do_deferred_supplied(f, e, err, errsz);
	case CASE_EV_BUNDLE_LINKED:
		/* a 即办件 waiting for its prerequisite: held, no clock */
		if (e->waits && f->instant && f->state == CASE_ACCEPTED)
			f->held = 1;
		return 0;
	case CASE_EV_DOCUMENT_ISSUED:
	case CASE_EV_NOTIFIED:
	case CASE_EV_BUNDLE_CLOSED:
	case CASE_EV_REGISTER_SENT:
	case CASE_EV_CORRECTION_PARTIAL:
		return 0;
	case CASE_EVENT_COUNT:
		break;
	}
	return yc_seterr(err, errsz, _("未知的办件事件类型%d"), (int)e->type);
}

int casefsm_apply(struct case_fold *f, const struct case_event *e,
		  const struct calendar *cal, char *err, size_t errsz)
{
	struct case_fold next;
	char d1[16], d2[16];

	assert(f && e && cal);
	if (!valid_event((int)e->type))
		return yc_seterr(err, errsz, _("未知的办件事件类型%d"),
				 (int)e->type);
	if (e->day <= 0)
		return yc_seterr(err, errsz, _("事件“%s”没有日期"),
				 casefsm_event_label(e->type));
	if (f->state != CASE_NONE && e->day < f->last_day)
		return yc_seterr(err, errsz,
				 _("事件“%s”的日期%s早于本办件上一事件的日期%s；事件须按时间先后登记"),
				 casefsm_event_label(e->type),
				 fmt_day(e->day, d1, sizeof d1),
				 fmt_day(f->last_day, d2, sizeof d2));
	if (!casefsm_allowed(f, e->type))
		return casefsm_refuse(f, e->type, err, errsz);
	next = *f;
	if (casefsm_fold(&next, e, cal, err, errsz) < 0)
		return -1;
	/* An event after the promised date in force shows the case past
	 * it: the red card is raised, and no later event takes it away. */
	if (!next.overdue_since) {
		int p = casefsm_promised_in_force(f, e->day, cal);

		if (p && e->day > p)
			next.overdue_since = p + 1;
	}
	next.last_day = e->day;
	*f = next;
	return 0;
}

int casefsm_deemed_accepted(const struct case_fold *f, int today)
{
	if (f->deemed_accepted)
		return 1;
	return f->state == CASE_RECEIVED && today > f->correction_deadline;
}

int casefsm_promised_in_force(const struct case_fold *f, int today,
			      const struct calendar *cal)
{
	struct case_fold tmp;
	int p = 0, extra;

	switch (f->state) {
	case CASE_RECEIVED:
		if (!casefsm_deemed_accepted(f, today))
			return 0;
		tmp = *f;
		tmp.deemed_accepted = 1;
		if (caserules_promised_on(&tmp, cal, 0, &p, NULL) < 0)
			return 0;
		return p;
	case CASE_ACCEPTED:
		return f->held ? 0 : f->promised_on;
	case CASE_CORRECTION:
	case CASE_IN_REVIEW:
		return f->promised_on;
	case CASE_SPECIAL:
		/* the clock stands still: the pause so far moves the date */
		extra = today > f->special_since ?
			caserules_paused_days(cal, f->special_since, today, NULL) : 0;
		if (caserules_promised_on(f, cal, extra, &p, NULL) < 0)
			return f->promised_on;
		return p;
	default:
		return 0;
	}
}

unsigned casefsm_deadline_status(const struct case_fold *f, int today,
				 int warn_days, const struct calendar *cal)
{
	unsigned st = CASE_DL_OK;
	int p;

	if (f->correction_notice_on &&
	    f->correction_notice_on > f->correction_deadline)
		st |= CASE_DL_CORRECTION_LATE;

	p = casefsm_promised_in_force(f, today, cal);
	if (f->overdue_since)
		st |= CASE_DL_OVERDUE;	/* raised once: the red card stays */
	if (p) {
		if (today > p)
			st |= CASE_DL_OVERDUE;
		else if (!(st & CASE_DL_OVERDUE) &&
			 workdays_between(cal, today, p, NULL) <= warn_days)
			st |= CASE_DL_WARNING;
	} else if (f->decided_on && f->promised_on &&
		   f->decided_on > f->promised_on) {
		st |= CASE_DL_OVERDUE;	/* decided late: the red card stays */
	}

	if (f->result_due_on) {
		if (f->ready_on ? f->ready_on > f->result_due_on :
		    f->state == CASE_DECIDED && today > f->result_due_on)
			st |= CASE_DL_RESULT_LATE;
	}
	if (f->deliver_due_on) {
		if (f->delivered_on ? f->delivered_on > f->deliver_due_on :
		    (f->state == CASE_DECIDED || f->state == CASE_READY) &&
		    today > f->deliver_due_on)
			st |= CASE_DL_DELIVERY_LATE;
	}
	if (f->state != CASE_WITHDRAWN && f->state != CASE_REJECTED &&
	    caserules_deferred_overdue(f, today) > 0)
		st |= CASE_DL_DEFERRED_OVERDUE;
	return st;
}
