/*
 * issuing_issue_data.c — the issuing window's data (issuing_issue.h): the
 * cases at the window (READY; 即办件 parts decided after intake) and the
 * delivered ones, each with what the screen shows beyond its list entry:
 * who may collect, the result (a licence, or the 不予行政许可决定书 to
 * serve), the notice, the delivery with the collector's relation, and the
 * application's address for an EMS post.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/backoffice.h"
#include "yichuang/date.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "cases.h"
#include "issuing_issue.h"

const char *const issue_channels[NCHANNELS] = { "phone", "sms", "other" };

/* ---- data --------------------------------------------------------------------- */

/* A string member of a JSON object, NULL when absent. */
static const char *j_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* "MM-DD" of an event body's "day" into buf ("" when absent). */
static const char *issue_body_day(const struct tui *t, const cJSON *b, char *buf, size_t bufsz)
{
	const char *s = j_str(b, "day");
	int day = 0;

	if (s && date_parse(s, &day) != 0)
		day = 0;
	return issuing_day(t, day, buf, bufsz);
}

/* Who collected, in words. */
const char *issue_relation_label(const char *relation)
{
	if (relation && strcmp(relation, "agent") == 0)
		return _("代理人");
	if (relation && strcmp(relation, "authorised") == 0)
		return _("凭委托书的受托人");
	if (relation && strcmp(relation, "applicant") == 0)
		return _("申请人");
	return _("关系未登记");
}

/* The application's address for an EMS post: the form field labelled as
 * a mailing address, else the first field whose label names an address. */
static void issue_address(const struct app *app, const struct case_record *c, const cJSON *b,
			  char *buf, size_t bufsz)
{
	const struct catalog_item *it = cases_item(app, c->item_code);
	const cJSON *fields = cJSON_GetObjectItemCaseSensitive(b, "fields");
	static const char *const words[] = { N_("邮寄地址"), N_("送达地址"), N_("地址") };

	buf[0] = '\0';
	for (size_t w = 0; it && w < sizeof words / sizeof words[0] && !buf[0]; w++)
		for (size_t i = 0; i < it->nfields && !buf[0]; i++) {
			const char *v = j_str(fields, it->fields[i].key);

			if (it->fields[i].type == FIELD_TEXT && v && *v &&
			    strstr(it->fields[i].label, _(words[w])))
				utf8_snprintf(buf, bufsz, "%s", v);
		}
}

/* Fills info from the case's record: parties, result, notice, delivery. */
static void issue_fill(struct tui *t, const struct app *app, const struct case_record *c,
		       struct issue_info *in)
{
	char d[16];

	memset(in, 0, sizeof *in);
	in->org = c->applicant_org;
	utf8_snprintf(in->applicant, sizeof in->applicant, _("申请人：%s  %s%s%s"), c->applicant_name,
		      c->applicant_id_no ? c->applicant_id_no : _("（无证件号码）"),
		      c->phone ? _("  电话 ") : "", c->phone ? c->phone : "");
	snprintf(in->agent, sizeof in->agent, "%s", _("代理人：无"));
	for (size_t i = 0; i < c->nevents; i++) {
		const struct case_event_row *ev = &c->events[i];
		cJSON *b = cJSON_Parse(ev->body ? ev->body : "");
		const cJSON *o;
		const char *s;

		if (!b)
			continue;
		switch (ev->type) {
		case CASE_EV_RECEIVED:
			o = cJSON_GetObjectItemCaseSensitive(b, "agent");
			if (cJSON_IsObject(o) && j_str(o, "name"))
				utf8_snprintf(in->agent, sizeof in->agent, _("代理人：%s  %s"),
					      j_str(o, "name"), j_str(o, "id_no") ? j_str(o, "id_no") : "");
			issue_address(app, c, b, in->address, sizeof in->address);
			break;
		case CASE_EV_DECIDED:
			s = j_str(b, "decision");
			if (s && strcmp(s, "deny") == 0)
				utf8_snprintf(in->result, sizeof in->result, "%s",
					      _("结果：不予许可，送达《不予行政许可决定书》"));
			else
				utf8_snprintf(in->result, sizeof in->result, _("结果：%s %s %s"),
					      _("准予许可"),
					      j_str(b, "result") ? j_str(b, "result") : "",
					      j_str(b, "licence_no") ? j_str(b, "licence_no") : "");
			break;
		case CASE_EV_NOTIFIED:
			snprintf(in->notice, sizeof in->notice, "%s",
				 casefsm_channel_label(j_str(b, "channel")));
			utf8_snprintf(in->notice_text, sizeof in->notice_text, _("已通知：%s %s %s%s%s"),
				      issue_body_day(t, b, d, sizeof d), in->notice, ev->actor,
				      j_str(b, "note") ? _("，") : "",
				      j_str(b, "note") ? j_str(b, "note") : "");
			break;
		case CASE_EV_DELIVERED:
			o = cJSON_GetObjectItemCaseSensitive(b, "collector");
			if (cJSON_IsObject(o)) {
				utf8_snprintf(in->delivery, sizeof in->delivery,
					      _("送达：%s 窗口领取，领取人 %s（%s）"),
					      issue_body_day(t, b, d, sizeof d),
					      j_str(o, "name") ? j_str(o, "name") : "",
					      issue_relation_label(j_str(o, "relation")));
			} else {
				utf8_snprintf(in->delivery, sizeof in->delivery,
					      _("送达：%s 邮寄 EMS %s，收件人 %s，%s"),
					      issue_body_day(t, b, d, sizeof d),
					      j_str(b, "waybill") ? j_str(b, "waybill") : "",
					      j_str(b, "recipient") ? j_str(b, "recipient") : "",
					      j_str(b, "address") ? j_str(b, "address") : "");
			}
			break;
		default:
			break;
		}
		cJSON_Delete(b);
	}
}

int issue_is_instant(const struct backoffice_entry *e)
{
	return e->fold.state == CASE_DECIDED && e->fold.instant;
}

/* Working days from today to the issuing limit (negative: past it); 0
 * when the case has none (never for a decided case). */
int issue_days_left(const struct issue *v, const struct case_fold *f)
{
	if (!f->deliver_due_on)
		return 0;
	return workdays_between(v->app->cal, v->today, f->deliver_due_on, NULL);
}

/* The rows: waiting cases, 即办件 left decided (when any), delivered
 * cases.  0, or -1 (out of memory). */
static int issue_rows(struct issue *v)
{
	struct issuing_list *l = &v->list;
	int rc = 0;

	issuing_list_clear(l);
	rc |= issuing_list_add(l, IROW_TEXT, IR_TEXT, IT_READY, 0);
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i].fold.state == CASE_READY)
			rc |= issuing_list_add(l, IROW_ITEM, IR_CASE, i, 0);
	if (!v->ready)
		rc |= issuing_list_add(l, IROW_TEXT, IR_TEXT, IT_READY_NONE, 0);
	if (v->instant) {
		rc |= issuing_list_add(l, IROW_TEXT, IR_TEXT, IT_BLANK, 0);
		rc |= issuing_list_add(l, IROW_TEXT, IR_TEXT, IT_INSTANT, 0);
		for (size_t i = 0; i < v->n; i++)
			if (issue_is_instant(&v->v[i]))
				rc |= issuing_list_add(l, IROW_ITEM, IR_CASE, i, 0);
	}
	rc |= issuing_list_add(l, IROW_TEXT, IR_TEXT, IT_BLANK, 0);
	rc |= issuing_list_add(l, IROW_TEXT, IR_TEXT, IT_DELIVERED, 0);
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i].fold.state == CASE_DELIVERED)
			rc |= issuing_list_add(l, IROW_ITEM, IR_CASE, i, 0);
	if (!v->delivered)
		rc |= issuing_list_add(l, IROW_TEXT, IR_TEXT, IT_DELIVERED_NONE, 0);
	return rc;
}

void issue_free_data(struct issue *v)
{
	backoffice_entries_free(v->v, v->n);
	free(v->info);
	v->v = NULL;
	v->info = NULL;
	v->n = 0;
}

/* Reads the cases again, the cursor kept on the same case, or put on
 * case `prefer` when given ("": the first case waiting).  0, or -1 with
 * the reason on the message line. */
int issue_load(struct tui *t, struct issue *v, const char *prefer)
{
	unsigned states = 1u << CASE_READY | 1u << CASE_DECIDED | 1u << CASE_DELIVERED;
	const struct issuing_row *row = issuing_list_current(&v->list);
	char keep[CASENO_TEXT_MAX] = "", err[YC_ERRSZ];
	struct backoffice_entry *all = NULL;
	size_t nall = 0;

	v->stale = 0;
	if (prefer)
		snprintf(keep, sizeof keep, "%s", prefer);
	else if (row)
		snprintf(keep, sizeof keep, "%s", v->v[row->index].number);
	issue_free_data(v);
	v->ready = v->instant = v->delivered = v->late = 0;
	if (backoffice_cases(v->app->st, v->app->cal, states, NULL, &all, &nall,
			     err, sizeof err) != 0) {
		tui_error(t, _("无法读取待出件的办件：%s"), err);
		issuing_list_clear(&v->list);
		return -1;
	}
	v->v = all;
	v->n = nall;
	v->info = calloc(v->n ? v->n : 1, sizeof *v->info);
	if (!v->info) {
		tui_error(t, "%s", _("内存不足，无法读取待出件的办件"));
		issuing_list_clear(&v->list);
		return -1;
	}
	for (size_t i = 0; i < v->n; i++) {
		struct case_record c;
		const struct case_fold *f = &v->v[i].fold;

		/* Decided cases wait here only when they are 即办件 (the
		 * others go through the result hand-over first). */
		if (f->state == CASE_DECIDED && !f->instant)
			continue;
		if (f->state == CASE_READY) {
			v->ready++;
			if (issue_days_left(v, f) < 0)
				v->late++;
		} else if (f->state == CASE_DELIVERED) {
			v->delivered++;
		} else {
			v->instant++;
			if (issue_days_left(v, f) < 0)
				v->late++;
		}
		if (case_load(v->app->st, v->app->cal, v->v[i].number, &c, err, sizeof err) == 1) {
			issue_fill(t, v->app, &c, &v->info[i]);
			case_record_free(&c);
		}
	}
	if (issue_rows(v) != 0) {
		tui_error(t, "%s", _("内存不足，清单显示不全"));
		return -1;
	}
	issuing_list_select(&v->list, 0);
	for (size_t i = 0; keep[0] && i < v->list.n; i++)
		if (v->list.rows[i].kind == IROW_ITEM &&
		    strcmp(v->v[v->list.rows[i].index].number, keep) == 0) {
			v->list.sel = i;
			break;
		}
	return 0;
}
