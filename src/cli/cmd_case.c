/*
 * cmd_case.c — `yichuang case list|show`: cases as the database holds
 * them, for administrators, scripts and tests; the back-office actions
 * (`case review|special|...`) are in cmd_backoffice.c.
 *
 *   case list [--state STATE] [--limit N] [--json]   newest first
 *   case show NUMBER [--json]                        the case with its dates
 *                                                    and its timeline
 *
 * The state and dates shown come from folding the case's events again
 * (casefsm), not from the projection row.  JSON uses the stable English
 * names of states and events (casefsm_state_name) plus `*_label` fields
 * for display.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/backoffice.h"
#include "yichuang/casestore.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/supervise.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "cli.h"
#include "cli_backoffice.h"
#include "cli_cases.h"

static void case_usage(FILE *out)
{
	fprintf(out, "%s", _("用法: yichuang [--db 路径] case list [--state 状态] [--limit 条数] [--json]\n"
			     "       yichuang [--db 路径] case show 办件编号 [--json]\n"));
	backoffice_case_usage(out);
}

/* "received（已接件）、accepted（已受理）..." for messages. */
static void case_states_text(char *buf, size_t bufsz)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int s = CASE_RECEIVED; s < CASE_STATE_COUNT && n < bufsz; s++) {
		int w = snprintf(buf + n, bufsz - n, "%s%s（%s）", s == CASE_RECEIVED ? "" : "、",
				 casefsm_state_name((enum case_state)s),
				 casefsm_state_label((enum case_state)s));

		if (w < 0)
			break;
		n += (size_t)w;
	}
}

static const char *case_day(int day, char *buf, size_t bufsz)
{
	if (day <= 0)
		return "";
	return date_format(day, buf, bufsz);
}

/* Adds "key": "YYYY-MM-DD" (or null) to o. */
static void case_json_day(cJSON *o, const char *key, int day)
{
	char buf[16];

	if (day > 0)
		cJSON_AddStringToObject(o, key, date_format(day, buf, sizeof buf));
	else
		cJSON_AddNullToObject(o, key);
}

/* Prints JSON and frees it; EXIT_FAIL when it could not be made. */
static int case_print_json(cJSON *root)
{
	char *text = root ? cJSON_Print(root) : NULL;

	cJSON_Delete(root);
	if (!text) {
		cli_error(_("内存不足"));
		return EXIT_FAIL;
	}
	printf("%s\n", text);
	free(text);
	return EXIT_OK;
}

/* ---- list ---------------------------------------------------------------- */

static int case_list_json(const struct case_summary *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; a && i < n; i++) {
		cJSON *o = cJSON_CreateObject();

		if (!o || !cJSON_AddItemToArray(a, o)) {
			cJSON_Delete(o);
			cJSON_Delete(a);
			a = NULL;
			break;
		}
		cJSON *x;

		cJSON_AddStringToObject(o, "number", v[i].number);
		x = cJSON_AddObjectToObject(o, "item");
		if (x) {
			cJSON_AddStringToObject(x, "code", v[i].item_code);
			cJSON_AddStringToObject(x, "name", v[i].item_name);
		}
		x = cJSON_AddObjectToObject(o, "applicant");
		if (x)
			cJSON_AddStringToObject(x, "name", v[i].applicant_name);
		cJSON_AddStringToObject(o, "item_code", v[i].item_code);
		cJSON_AddStringToObject(o, "item_name", v[i].item_name);
		cJSON_AddStringToObject(o, "applicant_name", v[i].applicant_name);
		cJSON_AddStringToObject(o, "state", casefsm_state_name(v[i].state));
		cJSON_AddStringToObject(o, "state_label", casefsm_state_label(v[i].state));
		case_json_day(o, "received_on", v[i].received_on);
		case_json_day(o, "promised_on", v[i].promised_on);
	}
	return case_print_json(a);
}

static void case_list_text(const struct case_summary *v, size_t n)
{
	const char *head[6] = { N_("办件编号"), N_("状态"), N_("接件日期"), N_("承诺办结"),
				N_("申请人"), N_("事项") };
	int w[6];
	char d1[16], d2[16];

	if (n == 0) {
		printf("%s\n", _("没有符合条件的办件"));
		return;
	}
	for (int c = 0; c < 6; c++)
		w[c] = utf8_width(_(head[c]));
	for (size_t i = 0; i < n; i++) {
		int x[5] = { utf8_width(v[i].number), utf8_width(casefsm_state_label(v[i].state)),
			     10, 10, utf8_width(v[i].applicant_name) };

		for (int c = 0; c < 5; c++)
			w[c] = x[c] > w[c] ? x[c] : w[c];
	}
	for (int c = 0; c < 5; c++)
		cli_put_padded(_(head[c]), w[c] + 2);
	printf("%s\n", _(head[5]));
	for (size_t i = 0; i < n; i++) {
		cli_put_padded(v[i].number, w[0] + 2);
		cli_put_padded(casefsm_state_label(v[i].state), w[1] + 2);
		cli_put_padded(case_day(v[i].received_on, d1, sizeof d1), w[2] + 2);
		cli_put_padded(case_day(v[i].promised_on, d2, sizeof d2), w[3] + 2);
		cli_put_padded(v[i].applicant_name, w[4] + 2);
		printf("%s\n", *v[i].item_name ? v[i].item_name : v[i].item_code);
	}
}

static int case_cmd_list(struct cli *cli, int argc, char **argv)
{
	const char *state = NULL;
	struct case_summary *v = NULL;
	struct store *st;
	char err[YC_ERRSZ], states[512];
	size_t n = 0;
	long limit = 0;
	int json = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--json") == 0) {
			json = 1;
		} else if (strcmp(a, "--state") == 0 || strncmp(a, "--state=", 8) == 0) {
			state = a[7] == '=' ? a + 8 : i + 1 < argc ? argv[++i] : NULL;
			if (!state || casefsm_state_from_name(state) <= CASE_NONE) {
				case_states_text(states, sizeof states);
				cli_error(_("办件状态“%s”无效；可用的状态：%s"), state ? state : "",
					  states);
				return EXIT_USAGE;
			}
		} else if (strcmp(a, "--limit") == 0 || strncmp(a, "--limit=", 8) == 0) {
			const char *val = a[7] == '=' ? a + 8 : i + 1 < argc ? argv[++i] : NULL;
			char *end = NULL;

			errno = 0;
			limit = val ? strtol(val, &end, 10) : -1;
			if (!val || errno || !end || *end || end == val || limit < 1) {
				cli_error(_("--limit 需要一个正整数"));
				return EXIT_USAGE;
			}
		} else {
			cli_error(_("case list 不认识参数 “%s”"), a);
			case_usage(stderr);
			return EXIT_USAGE;
		}
	}
	st = cli_open_store(cli, 0);
	if (!st)
		return EXIT_USAGE;
	if (case_search(st, state ? CASE_Q_STATE : CASE_Q_ALL, state, (size_t)limit, &v, &n,
			err, sizeof err) != 0) {
		cli_error("%s", err);
		store_close(st);
		return EXIT_FAIL;
	}
	store_close(st);
	if (json) {
		int rc = case_list_json(v, n);

		case_summaries_free(v, n);
		return rc;
	}
	case_list_text(v, n);
	case_summaries_free(v, n);
	return EXIT_OK;
}

/* ---- show ---------------------------------------------------------------- */

/* The dates of a case worth showing, in the order of its life. */
struct case_date {
	const char *label;
	const char *key;
	int day;
};

static size_t case_dates(const struct case_fold *f, struct case_date *d)
{
	size_t n = 0;

#define DATE(l, k, v) do { d[n].label = l; d[n].key = k; d[n].day = v; n++; } while (0)
	DATE(N_("接件日期"), "received_on", f->received_on);
	DATE(N_("补正告知期限"), "correction_deadline", f->correction_deadline);
	DATE(N_("补正告知日期"), "correction_notice_on", f->correction_notice_on);
	DATE(N_("受理日期"), "accepted_on", f->accepted_on);
	DATE(N_("承诺办结日"), "promised_on", f->promised_on);
	DATE(N_("材料交接日期"), "handed_over_on", f->handed_over_on);
	DATE(N_("开始审查日期"), "review_started_on", f->review_started_on);
	DATE(N_("延期日期"), "extended_on", f->extended_on);
	DATE(N_("特别程序开始"), "special_since", f->special_since);
	DATE(N_("决定日期"), "decided_on", f->decided_on);
	DATE(N_("结果交接期限"), "result_due_on", f->result_due_on);
	DATE(N_("结果到出件窗口"), "ready_on", f->ready_on);
	DATE(N_("送达期限"), "deliver_due_on", f->deliver_due_on);
	DATE(N_("送达日期"), "delivered_on", f->delivered_on);
	DATE(N_("办结日期"), "closed_on", f->closed_on);
#undef DATE
	return n;
}

/* What `case show` tells beyond the fold: today's warnings and cards,
 * the hand-over discrepancies and the 一件事 the case is part of. */
struct case_extra {
	int today;
	int warn_days;
	unsigned status;		/* enum case_deadline bits */
	int has_left;
	int days_left;
	struct register_discrepancy *disc;
	size_t ndisc;
	int has_bundle;
	struct bundle_info bundle;
};

static void case_extra_load(struct store *st, const struct calendar *cal,
			    const struct case_record *r, struct case_extra *x)
{
	char err[YC_ERRSZ];

	memset(x, 0, sizeof *x);
	x->today = date_today();
	if (backoffice_warn_days(st, &x->warn_days, err, sizeof err) != 0)
		cli_warn("%s", err);
	x->status = casefsm_deadline_status(&r->fold, x->today, x->warn_days, cal);
	x->has_left = supervise_days_left(&r->fold, x->today, cal, &x->days_left);
	if (register_case_discrepancies(st, r->number, &x->disc, &x->ndisc, err, sizeof err) != 0)
		cli_warn("%s", err);
	x->has_bundle = bundle_of_case(st, cal, r->number, &x->bundle, err, sizeof err) == 1;
}

static void case_extra_free(struct case_extra *x)
{
	register_discrepancies_free(x->disc, x->ndisc);
	if (x->has_bundle)
		bundle_info_free(&x->bundle);
}

static void case_extra_json(cJSON *root, const struct case_extra *x)
{
	cJSON *o = cJSON_AddObjectToObject(root, "cards"), *a;
	char d[16];

	if (o) {
		case_json_day(o, "today", x->today);
		cJSON_AddNumberToObject(o, "warn_days", x->warn_days);
		cJSON_AddStringToObject(o, "level", supervise_level_name(supervise_level_of(x->status)));
		a = cJSON_AddArrayToObject(o, "status");
		for (unsigned bit = 1; a && bit <= CASE_DL_DEFERRED_OVERDUE; bit <<= 1)
			if (x->status & bit)
				cJSON_AddItemToArray(a, cJSON_CreateString(supervise_bit_name(bit)));
		if (x->has_left)
			cJSON_AddNumberToObject(o, "days_left", x->days_left);
		else
			cJSON_AddNullToObject(o, "days_left");
	}
	a = cJSON_AddArrayToObject(root, "discrepancies");
	for (size_t i = 0; a && i < x->ndisc; i++) {
		o = cJSON_CreateObject();
		if (!o || !cJSON_AddItemToArray(a, o)) {
			cJSON_Delete(o);
			break;
		}
		cJSON_AddStringToObject(o, "material", x->disc[i].material_id);
		cJSON_AddStringToObject(o, "text", x->disc[i].text);
		cJSON_AddStringToObject(o, "recorded_by", x->disc[i].recorded_by);
		cJSON_AddStringToObject(o, "recorded_at", x->disc[i].recorded_at);
	}
	if (!x->has_bundle) {
		cJSON_AddNullToObject(root, "bundle");
		return;
	}
	o = cJSON_AddObjectToObject(root, "bundle");
	if (!o)
		return;
	cJSON_AddStringToObject(o, "id", x->bundle.bundle_id);
	cJSON_AddStringToObject(o, "code", x->bundle.bundle_code);
	cJSON_AddStringToObject(o, "name", x->bundle.bundle_name);
	cJSON_AddStringToObject(o, "lead_department", x->bundle.lead_department);
	if (x->bundle.closed_on)
		cJSON_AddStringToObject(o, "closed_on", date_format(x->bundle.closed_on, d, sizeof d));
	else
		cJSON_AddNullToObject(o, "closed_on");
	a = cJSON_AddArrayToObject(o, "parts");
	for (size_t i = 0; a && i < x->bundle.nparts; i++) {
		cJSON *p = cJSON_CreateObject();

		if (!p || !cJSON_AddItemToArray(a, p)) {
			cJSON_Delete(p);
			break;
		}
		cJSON_AddStringToObject(p, "number", x->bundle.parts[i].number);
		cJSON_AddStringToObject(p, "department", x->bundle.parts[i].department);
		cJSON_AddStringToObject(p, "state", casefsm_state_name(x->bundle.parts[i].state));
		if (*x->bundle.parts[i].waits_for)
			cJSON_AddStringToObject(p, "waits_for", x->bundle.parts[i].waits_for);
		cJSON_AddBoolToObject(p, "held", x->bundle.parts[i].held);
	}
}

static void case_extra_text(const struct case_extra *x)
{
	char text[512], d[16];

	printf(_("期限（%s）：%s"), date_format(x->today, d, sizeof d),
	       x->status ? supervise_status_text(x->status, text, sizeof text) : _("正常"));
	if (x->has_left) {
		if (x->days_left >= 0)
			printf(_("，距承诺办结日还有 %d 个工作日"), x->days_left);
		else
			printf(_("，已超过承诺办结日 %d 个工作日"), -x->days_left);
	}
	putchar('\n');
	for (size_t i = 0; i < x->ndisc; i++)
		printf(_("交接差异：%s（%s 登记于 %s）\n"), x->disc[i].text, x->disc[i].recorded_by,
		       x->disc[i].recorded_at);
	if (x->has_bundle) {
		printf(_("一件事：%s（%s，牵头部门 %s）%s\n"), x->bundle.bundle_id,
		       x->bundle.bundle_code, x->bundle.lead_department,
		       x->bundle.closed_on ? _("，已办结") : "");
		for (size_t i = 0; i < x->bundle.nparts; i++)
			printf("  %s  %s  %s\n", x->bundle.parts[i].number, x->bundle.parts[i].department,
			       casefsm_state_label(x->bundle.parts[i].state));
	}
}

static int case_show_json(const struct case_record *r, const struct case_extra *x)
{
	const struct case_fold *f = &r->fold;
	struct case_date d[16];
	size_t nd = case_dates(f, d);
	cJSON *root = cJSON_CreateObject(), *o, *a;
	char label[128];

	if (!root)
		return case_print_json(NULL);
	cJSON_AddStringToObject(root, "number", r->number);
	cJSON_AddStringToObject(root, "id", r->id);
	o = cJSON_AddObjectToObject(root, "item");
	if (o) {
		cJSON_AddStringToObject(o, "code", r->item_code);
		cJSON_AddStringToObject(o, "name", r->item_name);
		cJSON_AddNumberToObject(o, "catalog_version", r->catalog_version);
	}
	cJSON_AddStringToObject(root, "state", casefsm_state_name(f->state));
	cJSON_AddStringToObject(root, "state_label", casefsm_fold_label(f, label, sizeof label));
	cJSON_AddNumberToObject(root, "exchange_code", casefsm_exchange_code(f));
	o = cJSON_AddObjectToObject(root, "applicant");
	if (o) {
		cJSON_AddStringToObject(o, "kind", r->applicant_org ? "org" : "person");
		cJSON_AddStringToObject(o, "name", r->applicant_name);
		if (r->applicant_id_no)
			cJSON_AddStringToObject(o, "id_no", r->applicant_id_no);
		else
			cJSON_AddNullToObject(o, "id_no");
		if (r->phone)
			cJSON_AddStringToObject(o, "phone", r->phone);
		else
			cJSON_AddNullToObject(o, "phone");
	}
	cJSON_AddBoolToObject(root, "instant", f->instant);
	cJSON_AddBoolToObject(root, "deemed_accepted", f->deemed_accepted);
	cJSON_AddBoolToObject(root, "provisional", f->provisional);
	cJSON_AddNumberToObject(root, "extension_days", f->extension_days);
	o = cJSON_AddObjectToObject(root, "dates");
	for (size_t i = 0; o && i < nd; i++)
		case_json_day(o, d[i].key, d[i].day);
	a = cJSON_AddArrayToObject(root, "deferred");
	for (size_t i = 0; a && i < f->ndeferred; i++) {
		o = cJSON_CreateObject();
		if (!o || !cJSON_AddItemToArray(a, o)) {
			cJSON_Delete(o);
			break;
		}
		cJSON_AddStringToObject(o, "material", f->deferred[i].material);
		case_json_day(o, "due_on", f->deferred[i].due_on);
		case_json_day(o, "supplied_on", f->deferred[i].supplied_on);
	}
	case_extra_json(root, x);
	a = cJSON_AddArrayToObject(root, "events");
	for (size_t i = 0; a && i < r->nevents; i++) {
		const struct case_event_row *e = &r->events[i];
		cJSON *body = cJSON_Parse(e->body ? e->body : "{}");

		o = cJSON_CreateObject();
		if (!o || !cJSON_AddItemToArray(a, o)) {
			cJSON_Delete(o);
			cJSON_Delete(body);
			break;
		}
		cJSON_AddNumberToObject(o, "seq", e->seq);
		cJSON_AddStringToObject(o, "id", e->id);
		cJSON_AddStringToObject(o, "type", casefsm_event_name(e->type));
		cJSON_AddStringToObject(o, "label", casefsm_event_label(e->type));
		cJSON_AddStringToObject(o, "at", e->at);
		cJSON_AddStringToObject(o, "actor", e->actor);
		if (!body || !cJSON_AddItemToObject(o, "body", body))
			cJSON_Delete(body);
	}
	return case_print_json(root);
}

/* One line of the timeline: what the body says worth reading. */
static void case_event_note(const char *body_text)
{
	cJSON *body = cJSON_Parse(body_text ? body_text : "");
	const cJSON *v;

	if (!body)
		return;
	v = cJSON_GetObjectItemCaseSensitive(body, "reason");
	if (cJSON_IsString(v) && *v->valuestring)
		printf(_("  理由：%s"), v->valuestring);
	v = cJSON_GetObjectItemCaseSensitive(body, "decision");
	if (cJSON_IsString(v))
		printf("  %s", strcmp(v->valuestring, "approve") == 0 ? _("准予许可") : _("不予许可"));
	v = cJSON_GetObjectItemCaseSensitive(body, "extension_days");
	if (cJSON_IsNumber(v))
		printf(_("  延长 %d 个工作日"), v->valueint);
	v = cJSON_GetObjectItemCaseSensitive(body, "material");
	if (cJSON_IsString(v))
		printf(_("  材料：%s"), v->valuestring);
	v = cJSON_GetObjectItemCaseSensitive(body, "register");
	if (cJSON_IsString(v))
		printf(_("  交接单 %s"), v->valuestring);
	v = cJSON_GetObjectItemCaseSensitive(body, "discrepancy");
	if (cJSON_IsString(v))
		printf(_("  交接差异：%s"), v->valuestring);
	v = cJSON_GetObjectItemCaseSensitive(body, "late");
	if (cJSON_IsTrue(v))
		printf("%s", _("  超过 1 个工作日"));
	v = cJSON_GetObjectItemCaseSensitive(body, "licence_no");
	if (cJSON_IsString(v))
		printf(_("  证号 %s"), v->valuestring);
	v = cJSON_GetObjectItemCaseSensitive(body, "valid_until");
	if (cJSON_IsString(v))
		printf(_("  有效期至 %s"), v->valuestring);
	v = cJSON_GetObjectItemCaseSensitive(body, "channel");
	if (cJSON_IsString(v))
		printf(_("  方式：%s"), casefsm_channel_label(v->valuestring));
	v = cJSON_GetObjectItemCaseSensitive(body, "waybill");
	if (cJSON_IsString(v))
		printf(_("  EMS 运单 %s"), v->valuestring);
	v = cJSON_GetObjectItemCaseSensitive(body, "collector");
	if (cJSON_IsObject(v) && cJSON_IsString(cJSON_GetObjectItemCaseSensitive(v, "name")))
		printf(_("  领取人：%s"), cJSON_GetObjectItemCaseSensitive(v, "name")->valuestring);
	cJSON_Delete(body);
}

static void case_show_text(const struct case_record *r, const struct case_extra *x)
{
	const struct case_fold *f = &r->fold;
	struct case_date d[16];
	size_t nd = case_dates(f, d);
	char label[128], buf[16];
	int wl = 0, wa = 0;

	printf(_("办件编号：%s\n"), r->number);
	printf(_("事项：%s（%s，目录版本 %d）%s\n"), *r->item_name ? r->item_name : r->item_code,
	       r->item_code, r->catalog_version, f->instant ? _("，即办件") : "");
	printf(_("申请人：%s"), r->applicant_name);
	if (r->applicant_id_no)
		printf(_("，证件号码 %s"), r->applicant_id_no);
	if (r->phone)
		printf(_("，电话 %s"), r->phone);
	putchar('\n');
	printf(_("状态：%s\n"), casefsm_fold_label(f, label, sizeof label));
	if (f->deemed_accepted)
		printf("%s\n", _("注意：未在 5 个工作日内告知补正，自收到申请之日起即为受理"));
	if (r->conflict)
		printf("%s\n", _("注意：本办件与中心的记录有冲突，请在冲突清单中处理"));
	for (size_t i = 0; i < nd; i++)
		if (d[i].day > 0) {
			int w = utf8_width(_(d[i].label));

			wl = w > wl ? w : wl;
		}
	for (size_t i = 0; i < nd; i++) {
		if (d[i].day <= 0)
			continue;
		cli_put_padded(_(d[i].label), wl);
		printf("  %s\n", date_format(d[i].day, buf, sizeof buf));
	}
	if (f->extension_days)
		printf(_("延期：%d 个工作日\n"), f->extension_days);
	if (f->provisional)
		printf("%s\n", _("注意：有的日期用到了尚未公布官方日历的年份，只按周一至周五推算，"
				 "日历公布后会重新计算"));
	for (size_t i = 0; i < f->ndeferred; i++)
		printf(_("容缺材料 %s：应于 %s 前补齐%s\n"), f->deferred[i].material,
		       date_format(f->deferred[i].due_on, buf, sizeof buf),
		       f->deferred[i].supplied_on ? _("（已补齐）") : "");
	case_extra_text(x);
	printf("%s\n", _("办理过程："));
	for (size_t i = 0; i < r->nevents; i++) {
		int w = utf8_width(casefsm_event_label(r->events[i].type));

		wa = w > wa ? w : wa;
	}
	for (size_t i = 0; i < r->nevents; i++) {
		const struct case_event_row *e = &r->events[i];

		printf("  %2d  %s  ", e->seq, e->at);
		cli_put_padded(casefsm_event_label(e->type), wa);
		printf("  %s", e->actor);
		case_event_note(e->body);
		putchar('\n');
	}
}

static int case_cmd_show(struct cli *cli, int argc, char **argv)
{
	const char *number = NULL;
	struct case_record r;
	struct case_extra x;
	struct calendar *cal;
	struct store *st;
	char err[YC_ERRSZ];
	int json = 0, rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			json = 1;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cli_error(_("case show 不认识选项 “%s”"), argv[i]);
			return EXIT_USAGE;
		} else if (!number) {
			number = argv[i];
		} else {
			cli_error(_("case show 多了参数 “%s”"), argv[i]);
			return EXIT_USAGE;
		}
	}
	if (!number) {
		cli_error(_("case show 需要办件编号"));
		case_usage(stderr);
		return EXIT_USAGE;
	}
	if (caseno_parse(number, NULL, err, sizeof err) != CASENO_OK) {
		cli_error(_("办件编号“%s”有误：%s"), number, err);
		return EXIT_FAIL;
	}
	cal = cli_load_calendar(cli);
	if (!cal)
		return EXIT_USAGE;
	st = cli_open_store(cli, 0);
	if (!st) {
		calendar_free(cal);
		return EXIT_USAGE;
	}
	rc = case_load(st, cal, number, &r, err, sizeof err);
	if (rc == 1)
		case_extra_load(st, cal, &r, &x);
	store_close(st);
	calendar_free(cal);
	if (rc < 0) {
		cli_error("%s", err);
		return EXIT_FAIL;
	}
	if (rc == 0) {
		cli_error(_("没有编号为 %s 的办件"), number);
		return EXIT_FAIL;
	}
	if (json) {
		rc = case_show_json(&r, &x);
	} else {
		case_show_text(&r, &x);
		rc = EXIT_OK;
	}
	case_extra_free(&x);
	case_record_free(&r);
	return rc;
}

int cmd_case(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		case_usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (strcmp(argv[1], "list") == 0)
		return case_cmd_list(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0)
		return case_cmd_show(cli, argc - 1, argv + 1);
	if (backoffice_is_case_cmd(argv[1]))
		return backoffice_case_cmd(cli, argc - 1, argv + 1);
	cli_error(_("case 没有子命令 “%s”；可用: list、show、review、special、resume、extend、"
		    "decide、result、notify、deliver、archive、queue、bundle、supervise"), argv[1]);
	return EXIT_USAGE;
}
