/*
 * cases_view_layout.c — the case view's text (cases_view.h): everything a
 * case records laid out to the terminal width: number and state, item,
 * applicant and agent, dates with the working days left on the official
 * calendar, the deadline cards, the 一件事 it is a part of (every part
 * with its department and state, and what a part waits for), the form
 * fields, the materials with their receipt state (as received, then as
 * the 补正 notice, the return and the acceptance changed them: a hand-over
 * moves paper, it does not change what was received), and the whole
 * timeline of events with the facts of each event's body.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/casefsm.h"
#include "yichuang/caserules.h"
#include "yichuang/date.h"
#include "yichuang/textwrap.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "cases.h"
#include "cases_view.h"

#define VIEW_LABEL_COLS 14	/* the label column of the dates */

/* ---- lines --------------------------------------------------------------- */

void view_lines_free(struct view_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->text[i]);
	free(l->text);
	free(l->kind);
	memset(l, 0, sizeof *l);
}

/* Appends text wrapped to width, continuation lines indented by hang more
 * than the first.  -1 when memory ran out. */
static int view_add(struct view_lines *l, enum view_line_kind kind, int width, int hang,
		    const char *text)
{
	struct textwrap w;
	int rc;

	textwrap_init(&w);
	rc = textwrap_append(&w, text, width, hang);
	for (size_t i = 0; rc == 0 && i < w.n; i++) {
		if (l->n == l->cap) {
			size_t ncap = l->cap ? l->cap * 2 : 64;
			char **nt = realloc(l->text, ncap * sizeof *nt);
			enum view_line_kind *nk;

			if (!nt) {
				rc = -1;
				break;
			}
			l->text = nt;
			nk = realloc(l->kind, ncap * sizeof *nk);
			if (!nk) {
				rc = -1;
				break;
			}
			l->kind = nk;
			l->cap = ncap;
		}
		l->text[l->n] = w.lines[i];
		w.lines[i] = NULL;
		l->kind[l->n] = kind;
		l->n++;
	}
	textwrap_free(&w);
	return rc;
}

/* view_add with printf formatting (a line of at most 4 KiB). */
static int YC_PRINTF(5, 6) view_addf(struct view_lines *l, enum view_line_kind kind,
				     int width, int hang, const char *fmt, ...)
{
	char buf[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	utf8_trim_partial(buf);
	return view_add(l, kind, width, hang, buf);
}

/* "理由：…" when value is set and not empty. */
static void view_fact(struct view_lines *l, int width, const char *label, const char *value)
{
	if (value && *value)
		view_addf(l, VL_PLAIN, width, 2, "%s：%s", label, value);
}

/* ---- reading bodies ------------------------------------------------------ */

static const char *j_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int j_num(const cJSON *o, const char *key, int dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? v->valueint : dflt;
}

/* The receipt of one material as the clerk reads it. */
static void view_receipt_text(const cJSON *m, char *buf, size_t bufsz)
{
	const char *r = j_str(m, "receipt"), *note = j_str(m, "note");
	const cJSON *nc = cJSON_GetObjectItemCaseSensitive(m, "nonconforming");
	char base[128];

	if (!r || strcmp(r, "missing") == 0)
		snprintf(base, sizeof base, "%s", _("未提交"));
	else if (strcmp(r, "paper") == 0)
		snprintf(base, sizeof base, _("纸质 原件 %d 份、复印件 %d 份"),
			 j_num(m, "originals", 0), j_num(m, "copies", 0));
	else if (strcmp(r, "electronic") == 0)
		snprintf(base, sizeof base, "%s", _("电子文件"));
	else if (strcmp(r, "fetched") == 0)
		snprintf(base, sizeof base, "%s", _("部门核发，已调取"));
	else if (strcmp(r, "deferred") == 0)
		snprintf(base, sizeof base, "%s", _("容缺后补"));
	else
		snprintf(base, sizeof base, "%s", r);
	if (cJSON_IsTrue(nc))
		snprintf(buf, bufsz, _("%s；不规范%s%s"), base, note && *note ? _("：") : "",
			 note && *note ? note : "");
	else if (note && *note)
		snprintf(buf, bufsz, _("%s（%s）"), base, note);
	else
		snprintf(buf, bufsz, "%s", base);
}

/* "甲、乙、丙": the names of the materials of array a. */
static void view_material_names(const cJSON *a, const struct catalog_item *it,
				char *buf, size_t bufsz)
{
	const cJSON *m;
	size_t o = 0;

	buf[0] = '\0';
	cJSON_ArrayForEach(m, a) {
		const char *id = cJSON_IsString(m) ? m->valuestring : j_str(m, "id");
		int w;

		if (!id)
			continue;
		w = snprintf(buf + o, bufsz - o, "%s%s", o ? "、" : "", cases_material_name(it, id));
		if (w < 0 || (size_t)w >= bufsz - o)
			break;
		o += (size_t)w;
	}
}

/* Who collected, as the issuer records it. */
static const char *view_relation_label(const char *relation)
{
	if (relation && strcmp(relation, "agent") == 0)
		return _("代理人");
	if (relation && strcmp(relation, "authorised") == 0)
		return _("凭书面委托书的受托人");
	if (relation && strcmp(relation, "applicant") == 0)
		return _("申请人");
	return _("关系未登记");
}

/* The facts of one event's body worth reading, one paragraph each. */
static void view_event_facts(struct view_lines *l, int width, const struct catalog_item *it,
			     enum case_event_type type, const cJSON *b)
{
	const cJSON *a, *o;
	const char *s, *s2;
	char names[1024];
	int w = width - 8;

	switch (type) {
	case CASE_EV_RECEIVED:
		o = cJSON_GetObjectItemCaseSensitive(b, "applicant");
		s = j_str(o, "name");
		s2 = j_str(b, "channel");
		view_addf(l, VL_PLAIN, w, 2, _("申请人 %s；收件渠道：%s"), s ? s : "",
			  casefsm_channel_label(s2 ? s2 : "window"));
		break;
	case CASE_EV_CORRECTION_REQUESTED:
		a = cJSON_GetObjectItemCaseSensitive(b, "problems");
		cJSON_ArrayForEach(o, a) {
			s = j_str(o, "text");
			view_addf(l, VL_PLAIN, w, 2, _("补正：%s"), s ? s :
				  cases_material_name(it, j_str(o, "material")));
		}
		break;
	case CASE_EV_CORRECTION_PARTIAL:
		a = cJSON_GetObjectItemCaseSensitive(b, "materials");
		view_material_names(a, it, names, sizeof names);
		view_addf(l, VL_PLAIN, w, 2, _("至今已收到：%s"),
			  cJSON_GetArraySize(a) > 0 ? names : _("（无）"));
		break;
	case CASE_EV_CORRECTION_SUPPLIED:
	case CASE_EV_ACCEPTED:
		a = cJSON_GetObjectItemCaseSensitive(b, "materials");
		if (cJSON_GetArraySize(a) > 0) {
			view_material_names(a, it, names, sizeof names);
			view_addf(l, VL_PLAIN, w, 2, type == CASE_EV_ACCEPTED ? _("收件：%s") :
				  _("补交：%s"), names);
		}
		a = cJSON_GetObjectItemCaseSensitive(b, "deferred");
		cJSON_ArrayForEach(o, a)
			view_addf(l, VL_PLAIN, w, 2, _("容缺：%s，%d 个工作日内补齐"),
				  cases_material_name(it, j_str(o, "material")), j_num(o, "days", 0));
		view_fact(l, w, _("承诺办结日"), j_str(b, "promised_on"));
		break;
	case CASE_EV_REJECTED:
		view_fact(l, w, _("理由"), j_str(b, "reason"));
		view_fact(l, w, _("依据"), j_str(b, "basis"));
		view_fact(l, w, _("有权机关"), j_str(b, "competent_office"));
		break;
	case CASE_EV_DOCUMENT_ISSUED:
		s = j_str(b, "title");
		s2 = j_str(b, "number");
		view_addf(l, VL_PLAIN, w, 2, _("文书：%s%s%s%s%s"), s ? s : j_str(b, "kind") ? j_str(b, "kind") : "",
			  s2 ? _("，文号 ") : "", s2 ? s2 : "",
			  cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(b, "reprint")) ? _("（重打）") : "",
			  cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(b, "printed")) ? _("，已打印") : _("，未打印"));
		break;
	case CASE_EV_NOTIFIED:
		s = j_str(b, "channel");
		s2 = j_str(b, "note");
		view_addf(l, VL_PLAIN, w, 2, _("通知方式：%s%s%s"),
			  casefsm_channel_label(s),
			  s2 && *s2 ? _("；") : "", s2 && *s2 ? s2 : "");
		break;
	case CASE_EV_HANDED_OVER:
		view_addf(l, VL_PLAIN, w, 2, _("交接单 %s，交 %s，送件人 %s"),
			  j_str(b, "register") ? j_str(b, "register") : "",
			  j_str(b, "department") ? j_str(b, "department") : "",
			  j_str(b, "sender") ? j_str(b, "sender") : "");
		break;
	case CASE_EV_REGISTER_SENT:
		view_addf(l, VL_PLAIN, w, 2, _("交接单 %s 已由 %s 签署发出，送 %s，待接收方签收"),
			  j_str(b, "register") ? j_str(b, "register") : "",
			  j_str(b, "sender") ? j_str(b, "sender") : "",
			  j_str(b, "department") ? j_str(b, "department") : "");
		break;
	case CASE_EV_REVIEW_STARTED:
		view_addf(l, VL_PLAIN, w, 2, _("交接单 %s，接收人 %s"),
			  j_str(b, "register") ? j_str(b, "register") : "",
			  j_str(b, "receiver") ? j_str(b, "receiver") : "");
		view_fact(l, w, _("交接不符"), j_str(b, "discrepancy"));
		break;
	case CASE_EV_DECIDED:
		s = j_str(b, "decision");
		view_addf(l, VL_PLAIN, w, 2, "%s%s%s", s && strcmp(s, "deny") == 0 ? _("不予许可") :
			  _("准予许可"), j_str(b, "result") ? _("：") : "",
			  j_str(b, "result") ? j_str(b, "result") : "");
		s = j_str(b, "licence_no");
		if (s && j_str(b, "valid_until"))
			view_addf(l, VL_PLAIN, w, 2, _("证号 %s，有效期至 %s"), s, j_str(b, "valid_until"));
		else
			view_fact(l, w, _("证号"), s);
		view_fact(l, w, _("理由"), j_str(b, "reason"));
		view_fact(l, w, _("救济途径"), j_str(b, "remedies"));
		view_fact(l, w, _("一件事前置办件已准予，随之办结"), j_str(b, "completes_after"));
		break;
	case CASE_EV_RESULT_HANDED_OVER:
		view_addf(l, VL_PLAIN, w, 2, _("交接单 %s，%s 交 %s%s"),
			  j_str(b, "register") ? j_str(b, "register") : "",
			  j_str(b, "sender") ? j_str(b, "sender") : "",
			  j_str(b, "receiver") ? j_str(b, "receiver") : "",
			  cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(b, "late")) ? _("（超时）") : "");
		break;
	case CASE_EV_DELIVERED:
		s = j_str(b, "delivery");
		o = cJSON_GetObjectItemCaseSensitive(b, "collector");
		if (s && strcmp(s, "post") == 0)
			view_addf(l, VL_PLAIN, w, 2, _("邮寄，运单号 %s，收件人 %s"),
				  j_str(b, "waybill") ? j_str(b, "waybill") : "",
				  j_str(b, "recipient") ? j_str(b, "recipient") : "");
		else
			view_addf(l, VL_PLAIN, w, 2, _("窗口领取，领取人 %s（%s）"),
				  j_str(o, "name") ? j_str(o, "name") : "",
				  view_relation_label(j_str(o, "relation")));
		break;
	case CASE_EV_BUNDLE_LINKED:
		view_addf(l, VL_PLAIN, w, 2, _("一件事：%s，牵头部门 %s，联办编号 %s"),
			  j_str(b, "bundle_name") ? j_str(b, "bundle_name") : "",
			  j_str(b, "lead_department") ? j_str(b, "lead_department") : "",
			  j_str(b, "bundle_id") ? j_str(b, "bundle_id") : "");
		a = cJSON_GetObjectItemCaseSensitive(b, "waits_for");
		if (cJSON_GetArraySize(a) > 0) {
			size_t o2 = 0;

			names[0] = '\0';
			cJSON_ArrayForEach(o, a)
				if (cJSON_IsString(o) && o2 < sizeof names)
					o2 += (size_t)snprintf(names + o2, sizeof names - o2, "%s%s",
							       o2 ? _("、") : "", o->valuestring);
			view_addf(l, VL_PLAIN, w, 2, _("前置办件：%s（其决定后本件办结）"), names);
		}
		break;
	case CASE_EV_BUNDLE_CLOSED:
		view_fact(l, w, _("一件事办结，联办编号"), j_str(b, "bundle_id"));
		break;
	case CASE_EV_SPECIAL_STARTED:
	case CASE_EV_EXTENDED:
	case CASE_EV_WITHDRAWN:
	case CASE_EV_SPECIAL_ENDED:
	case CASE_EV_ARCHIVED:
		if (type == CASE_EV_EXTENDED)
			view_addf(l, VL_PLAIN, w, 2, _("延长 %d 个工作日"), j_num(b, "extension_days", 0));
		s = j_str(b, "procedure");
		if (type == CASE_EV_SPECIAL_STARTED && s)
			view_addf(l, VL_PLAIN, w, 2, _("程序：%s"),
				  strcmp(s, "hearing") == 0 ? _("听证") :
				  strcmp(s, "inspection") == 0 ? _("现场核查") :
				  strcmp(s, "expert") == 0 ? _("专家评审") : _("其他"));
		if (type == CASE_EV_SPECIAL_STARTED)
			view_fact(l, w, _("预计结束"), j_str(b, "expected_end"));
		view_fact(l, w, _("理由"), j_str(b, "reason"));
		break;
	case CASE_EV_DEFERRED_SUPPLIED:
		view_addf(l, VL_PLAIN, w, 2, _("补齐：%s"),
			  cases_material_name(it, j_str(b, "material")));
		break;
	default:
		break;
	}
}

/* ---- layout ------------------------------------------------------------- */

/* The materials with their latest receipt state: as received, then as
 * each later event with a "materials" list of receipts recorded them (the
 * 补正 notice's checklist, what arrived on return, the acceptance).  A
 * hand-over's list (材料交接: what went in the bundle, with its "form")
 * says nothing about receipt and is left out. */
static void view_materials(struct view_lines *l, int width, const struct case_record *r,
			   const struct catalog_item *it, cJSON **bodies)
{
	const cJSON *list[128];
	size_t n = 0;
	int nw = width / 2;

	for (size_t e = 0; e < r->nevents; e++) {
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(bodies[e], "materials"), *m;

		if (!bodies[e])
			continue;
		cJSON_ArrayForEach(m, a) {
			const char *id = j_str(m, "id");
			size_t k;

			if (!id || !j_str(m, "receipt"))
				continue;
			for (k = 0; k < n; k++)
				if (strcmp(j_str(list[k], "id"), id) == 0)
					break;
			if (k < n)
				list[k] = m;
			else if (n < sizeof list / sizeof list[0])
				list[n++] = m;
		}
	}
	if (n == 0) {
		view_add(l, VL_PLAIN, width - 2, 0, _("  （办件没有记录材料）"));
		return;
	}
	for (size_t k = 0; k < n; k++) {
		char state[512];
		const char *nm = cases_material_name(it, j_str(list[k], "id"));
		int pad;

		view_receipt_text(list[k], state, sizeof state);
		pad = nw - utf8_width(nm);
		view_addf(l, strcmp(state, _("未提交")) == 0 ? VL_WARN : VL_PLAIN, width, nw + 4,
			  "  %s%*s  %s", nm, pad > 0 ? pad : 0, "", state);
	}
}

/* "接件日期      2026-11-18" with the label padded in display columns. */
static void view_date(struct view_lines *l, int width, const char *label, int day,
		      const char *extra)
{
	char d[16];
	int pad = VIEW_LABEL_COLS - utf8_width(label);

	if (day <= 0)
		return;
	view_addf(l, VL_PLAIN, width, VIEW_LABEL_COLS + 4, "  %s%*s%s%s", label, pad > 0 ? pad : 1, "",
		  date_format(day, d, sizeof d), extra ? extra : "");
}

/* The dates and the cards. */
static void view_dates(struct case_view *v, int width)
{
	const struct case_fold *f = &v->rec.fold;
	struct view_lines *l = &v->lines;
	int today = date_today();
	unsigned dl = casefsm_deadline_status(f, today, CASES_WARN_DAYS, v->cal);
	char left[128] = "", d[16];
	int promised = f->promised_on, deemed = casefsm_deemed_accepted(f, today);

	/* Deemed accepted (no 补正 notice in time): the clock runs from receipt. */
	if (!promised && deemed) {
		struct case_fold tmp = *f;

		tmp.deemed_accepted = 1;
		if (caserules_promised_on(&tmp, v->cal, 0, &promised, NULL) != 0)
			promised = 0;
	}
	if (f->held) {
		snprintf(left, sizeof left, "%s", _("（一件事：前置事项准予后即办结，不另计时）"));
	} else if (promised && (f->state == CASE_ACCEPTED || f->state == CASE_IN_REVIEW ||
				f->state == CASE_SPECIAL || deemed)) {
		int n = workdays_between(v->cal, today, promised, NULL);

		if (n >= 0)
			snprintf(left, sizeof left, _("，还有 %d 个工作日"), n);
		else
			snprintf(left, sizeof left, _("，已超过 %d 个工作日"), -n);
	}
	view_add(l, VL_HEAD, width, 0, _("【日期】"));
	view_date(l, width, _("接件日期"), f->received_on, NULL);
	if (f->state == CASE_RECEIVED || f->correction_notice_on)
		view_date(l, width, _("补正告知期限"), f->correction_deadline, NULL);
	view_date(l, width, _("补正告知日期"), f->correction_notice_on, NULL);
	view_date(l, width, _("受理日期"), f->accepted_on, f->deemed_accepted ? _("（视为受理）") : NULL);
	view_date(l, width, deemed && !f->promised_on ? _("承诺办结日*") : _("承诺办结日"),
		  promised, left);
	if (deemed && !f->promised_on)
		view_add(l, VL_PLAIN, width, 4, _("  * 视为受理：从接件之日起算"));
	view_date(l, width, _("材料交接日期"), f->handed_over_on, NULL);
	view_date(l, width, _("开始审查日期"), f->review_started_on, NULL);
	view_date(l, width, _("延期日期"), f->extended_on, NULL);
	view_date(l, width, _("特别程序开始"), f->special_since, NULL);
	view_date(l, width, _("决定日期"), f->decided_on, NULL);
	view_date(l, width, _("结果到窗口"), f->ready_on, NULL);
	view_date(l, width, _("送达日期"), f->delivered_on, NULL);
	view_date(l, width, _("办结日期"), f->closed_on, NULL);
	if (f->provisional)
		view_add(l, VL_WARN, width, 2, _("  注意：有的日期用到了尚未公布官方日历的年份，按周一至周五推算"));

	view_add(l, VL_HEAD, width, 0, _("【时限】"));
	if (dl & CASE_DL_OVERDUE)
		view_addf(l, VL_CARD, width, 2, _("  红牌：已超过承诺办结日 %s"),
			  date_format(f->overdue_since ? f->overdue_since - 1 :
				      promised ? promised : f->promised_on, d, sizeof d));
	if (dl & CASE_DL_CORRECTION_LATE)
		view_add(l, VL_WARN, width, 2, _("  黄牌：补正告知晚于接件后 5 个工作日"));
	if (dl & CASE_DL_RESULT_LATE)
		view_add(l, VL_WARN, width, 2, _("  黄牌：办理结果未在决定后 1 个工作日内交到出件窗口"));
	if (dl & CASE_DL_DELIVERY_LATE)
		view_add(l, VL_WARN, width, 2, _("  黄牌：未在决定后 10 个工作日内送达"));
	if (dl & CASE_DL_DEFERRED_OVERDUE)
		view_add(l, VL_WARN, width, 2, _("  黄牌：容缺材料逾期未补齐"));
	if (dl & CASE_DL_WARNING)
		view_addf(l, VL_WARN, width, 2, _("  预警：距承诺办结日不足 %d 个工作日"), CASES_WARN_DAYS + 1);
	if (f->state == CASE_RECEIVED && casefsm_deemed_accepted(f, today))
		view_add(l, VL_WARN, width, 2,
			 _("  已过补正告知期限仍未告知：依法自收到申请之日起即为受理，请尽快受理"));
	else if (f->state == CASE_RECEIVED)
		view_addf(l, VL_PLAIN, width, 2, _("  须在 %s 前受理、告知补正或不予受理"),
			  date_format(f->correction_deadline, d, sizeof d));
	if (f->state == CASE_CORRECTION)
		view_add(l, VL_PLAIN, width, 2, _("  等待申请人补正；材料补齐后在补正收件（22）中受理"));
	if (f->state == CASE_REJECTED || f->state == CASE_WITHDRAWN || f->state == CASE_ARCHIVED)
		view_addf(l, VL_PLAIN, width, 2, _("  办件已终结（%s），不再计时"),
			  casefsm_state_label(f->state));
	else if (dl == CASE_DL_OK && f->state != CASE_RECEIVED && f->state != CASE_CORRECTION)
		view_add(l, VL_PLAIN, width, 2, _("  正常"));
	for (size_t i = 0; i < f->ndeferred; i++) {
		char due[16], sup[16];

		if (f->deferred[i].supplied_on)
			view_addf(l, VL_PLAIN, width, 4, _("  容缺：%s，应于 %s 前补齐，%s 已补齐"),
				  cases_material_name(cases_item(v->app, v->rec.item_code), f->deferred[i].material),
				  date_format(f->deferred[i].due_on, due, sizeof due),
				  date_format(f->deferred[i].supplied_on, sup, sizeof sup));
		else
			view_addf(l, VL_PLAIN, width, 4, _("  容缺：%s，应于 %s 前补齐，尚未补齐"),
				  cases_material_name(cases_item(v->app, v->rec.item_code), f->deferred[i].material),
				  date_format(f->deferred[i].due_on, due, sizeof due));
	}
}

int view_bundle_closable(const struct case_view *v)
{
	const struct user_info *u = &v->app->user;

	return v->in_bundle && !v->bundle.closed_on && u->role == ROLE_APPROVER &&
	       strcmp(u->department, v->bundle.lead_department) == 0 &&
	       bundle_closable(&v->bundle, NULL, 0);
}

/* The 一件事 the case is a part of: every part with its department and
 * state, what a held part waits for, and whether it can be closed. */
static void view_bundle(struct case_view *v, int width)
{
	const struct bundle_info *b = &v->bundle;
	struct view_lines *l = &v->lines;
	char d[16], open[1024];

	view_addf(l, VL_HEAD, width, 2, _("【一件事】%s"), b->bundle_name);
	view_addf(l, VL_PLAIN, width, 4, _("  牵头部门 %s，联办编号 %s"), b->lead_department,
		  b->bundle_id);
	for (size_t i = 0; i < b->nparts; i++) {
		const struct bundle_part *p = &b->parts[i];
		struct case_fold f;
		char state[128];

		casefsm_init(&f);
		f.state = p->state;
		f.decided_on = p->decided_on;
		f.decision = p->decision;
		if (p->state == CASE_NONE)
			snprintf(state, sizeof state, "%s", _("本机尚无此办件"));
		else
			casefsm_fold_label(&f, state, sizeof state);
		view_addf(l, strcmp(p->number, v->rec.number) == 0 ? VL_EVENT : VL_PLAIN, width, 6,
			  "  %s  %s  %s", p->number,
			  cases_item_short(v->app, p->item_code, p->item_name), state);
		view_addf(l, VL_PLAIN, width, 6, "      %s", p->department);
		if (p->held)
			view_addf(l, VL_PLAIN, width, 6, _("      等待 %s 作出准予决定后办结"),
				  p->waits_for);
	}
	if (b->closed_on)
		view_addf(l, VL_PLAIN, width, 4, _("  已于 %s 由 %s 办结"),
			  date_format(b->closed_on, d, sizeof d), b->closed_by ? b->closed_by : "");
	else if (!bundle_closable(b, open, sizeof open))
		view_addf(l, VL_PLAIN, width, 4, _("  尚未办结：%s 未作出决定"), open);
	else if (view_bundle_closable(v))
		view_add(l, VL_WARN, width, 4, _("  各部门均已作出决定：按 F7 办结一件事"));
	else
		view_add(l, VL_PLAIN, width, 4, _("  各部门均已作出决定，待牵头部门办结"));
}

/* The fields of the received body, labelled from the catalog. */
static void view_fields(struct view_lines *l, int width, const struct catalog_item *it,
			const cJSON *received)
{
	const cJSON *fields = cJSON_GetObjectItemCaseSensitive(received, "fields"), *f;
	int any = 0;

	view_add(l, VL_HEAD, width, 0, _("【申请表】"));
	cJSON_ArrayForEach(f, fields) {
		const char *label = f->string;

		if (!cJSON_IsString(f) || !f->string)
			continue;
		for (size_t i = 0; it && i < it->nfields; i++)
			if (strcmp(it->fields[i].key, f->string) == 0)
				label = it->fields[i].label;
		view_addf(l, VL_PLAIN, width, 4, "  %s：%s", label, f->valuestring);
		any = 1;
	}
	if (!any)
		view_add(l, VL_PLAIN, width, 0, _("  （没有填写申请表）"));
}

/* "2026-11-18 09:05" from ISO 8601 text. */
static void view_time(const char *at, char *buf, size_t bufsz)
{
	if (at && strlen(at) >= 16)
		snprintf(buf, bufsz, "%.10s %.5s", at, at + 11);
	else
		snprintf(buf, bufsz, "%s", at ? at : "");
}

void view_layout(struct case_view *v, int width)
{
	const struct case_record *r = &v->rec;
	const struct catalog_item *it = cases_item(v->app, r->item_code);
	struct view_lines *l = &v->lines;
	cJSON **bodies;
	const cJSON *received = NULL, *agent;
	char label[128], lim[64];

	view_lines_free(l);
	v->width = width;
	bodies = calloc(r->nevents ? r->nevents : 1, sizeof *bodies);
	if (!bodies)
		return;
	for (size_t i = 0; i < r->nevents; i++) {
		bodies[i] = cJSON_Parse(r->events[i].body ? r->events[i].body : "{}");
		if (r->events[i].type == CASE_EV_RECEIVED && !received)
			received = bodies[i];
	}
	view_addf(l, VL_HEAD, width, 2, _("办件编号 %s    状态：%s"), r->number,
		  casefsm_fold_label(&r->fold, label, sizeof label));
	if (r->fold.instant)
		snprintf(lim, sizeof lim, "%s", _("即办件"));
	else
		snprintf(lim, sizeof lim, _("承诺件，%d %s"), r->fold.promised_limit,
			 catalog_unit_name(r->fold.promised_unit));
	view_addf(l, VL_PLAIN, width, 6, _("事项：%s（%s）"), *r->item_name ? r->item_name : r->item_code,
		  lim);
	view_addf(l, VL_PLAIN, width, 6, _("      编码 %s，目录版本 %d%s"), r->item_code,
		  r->catalog_version, it ? "" : _("（本工作站的目录中没有此事项）"));
	view_addf(l, VL_PLAIN, width, 8, _("申请人：%s（%s）"), r->applicant_name,
		  r->applicant_org ? _("单位") : _("个人"));
	if (r->applicant_id_no || r->phone)
		view_addf(l, VL_PLAIN, width, 8, "        %s%s%s%s",
			  r->applicant_id_no ? (r->applicant_org ? _("统一社会信用代码 ") : _("证件号码 ")) : "",
			  r->applicant_id_no ? r->applicant_id_no : "",
			  r->phone ? _("  电话 ") : "", r->phone ? r->phone : "");
	agent = cJSON_GetObjectItemCaseSensitive(received, "agent");
	if (cJSON_IsObject(agent) && j_str(agent, "name")) {
		view_addf(l, VL_PLAIN, width, 8, _("代理人：%s"), j_str(agent, "name"));
		if (j_str(agent, "id_no") || j_str(agent, "phone"))
			view_addf(l, VL_PLAIN, width, 8, "        %s%s%s%s",
				  j_str(agent, "id_no") ? _("证件号码 ") : "",
				  j_str(agent, "id_no") ? j_str(agent, "id_no") : "",
				  j_str(agent, "phone") ? _("  电话 ") : "",
				  j_str(agent, "phone") ? j_str(agent, "phone") : "");
	} else {
		view_add(l, VL_PLAIN, width, 8, _("代理人：无"));
	}
	if (r->conflict)
		view_add(l, VL_CARD, width, 2, _("注意：本办件与中心的记录有冲突，请在冲突清单中处理"));
	view_dates(v, width);
	if (v->in_bundle)
		view_bundle(v, width);
	view_fields(l, width, it, received);
	view_add(l, VL_HEAD, width, 0, _("【材料】"));
	view_materials(l, width, r, it, bodies);
	v->timeline = l->n;
	view_addf(l, VL_HEAD, width, 0, _("【办理过程】共 %zu 条"), r->nevents);
	for (size_t i = 0; i < r->nevents; i++) {
		const struct case_event_row *e = &r->events[i];
		char when[32];
		int pad = 12 - utf8_width(casefsm_event_label(e->type));

		view_time(e->at, when, sizeof when);
		view_addf(l, VL_EVENT, width, 6, "  %s  %s%*s  %s", when,
			  casefsm_event_label(e->type), pad > 0 ? pad : 0, "", e->actor ? e->actor : "");
		if (bodies[i]) {
			size_t before = l->n;

			view_event_facts(l, width, it, e->type, bodies[i]);
			/* facts are indented under the event */
			for (size_t k = before; k < l->n; k++) {
				size_t len = strlen(l->text[k]);
				char *nt = malloc(len + 7);

				if (!nt)
					continue;
				snprintf(nt, len + 7, "      %s", l->text[k]);
				free(l->text[k]);
				l->text[k] = nt;
			}
		}
	}
	for (size_t i = 0; i < r->nevents; i++)
		cJSON_Delete(bodies[i]);
	free(bodies);
}

