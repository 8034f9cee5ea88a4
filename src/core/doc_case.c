/*
 * doc_case.c — the documents of a case (document.h doc_build_case): each
 * builder reads what the case's events recorded (the received event's
 * applicant and materials, the 补正 list, the rejection's reasons and
 * basis, the decision, the hand-over registers, the delivery) and adds the
 * elements DOMAIN.md requires of that document.  A builder refuses, with a
 * message saying why, when the case has not reached the point where its
 * document exists; it never fills in facts the case does not hold (blank
 * lines are left for what is written by hand, such as signatures).
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/casefsm.h"
#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "yichuang/date.h"
#include "yichuang/document.h"
#include "yichuang/util.h"

/* What every builder works from. */
struct dctx {
	struct document *d;
	const struct case_record *c;
	const struct catalog_item *it;
	const struct doc_settings *s;
	int day;
	cJSON *received;		/* the received event's body, or an empty object */
	char today[64];			/* day as printed */
};

/* ---- reading event bodies ----------------------------------------------- */

/* The latest event of type t, or NULL. */
static const struct case_event_row *dc_last(const struct case_record *c, enum case_event_type t)
{
	for (size_t i = c->nevents; i-- > 0;)
		if (c->events[i].type == t)
			return &c->events[i];
	return NULL;
}

/* The body of an event as JSON (an empty object when unreadable); the
 * caller deletes it.  NULL only when out of memory. */
static cJSON *dc_body(const struct case_event_row *r)
{
	cJSON *o = r && r->body ? cJSON_Parse(r->body) : NULL;

	if (o && !cJSON_IsObject(o)) {
		cJSON_Delete(o);
		o = NULL;
	}
	return o ? o : cJSON_CreateObject();
}

/* A string member, NULL when missing, not a string, or empty. */
static const char *dc_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) && v->valuestring && *v->valuestring ? v->valuestring : NULL;
}

static int dc_int(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? v->valueint : 0;
}

static int dc_true(const cJSON *o, const char *key)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, key));
}

/* "2026年11月20日" of a "YYYY-MM-DD" member or of a day number. */
static const char *dc_day_text(int day, char *buf, size_t bufsz)
{
	if (day <= 0) {
		snprintf(buf, bufsz, "%s", _("____年__月__日"));
		return buf;
	}
	return doc_date_text(day, buf, bufsz);
}

static int dc_body_day(const cJSON *o)
{
	const char *s = dc_str(o, "day");
	int day;

	return s && date_parse(s, &day) == 0 ? day : 0;
}

/* An event's time "2026-11-20 10:02" from its ISO 8601 `at`. */
static const char *dc_time_text(const struct case_event_row *r, char *buf, size_t bufsz)
{
	const char *at = r && r->at ? r->at : "";

	snprintf(buf, bufsz, "%.10s %.5s", at, strlen(at) > 11 ? at + 11 : "");
	return buf;
}

/* The name of material `id`: the catalog's, else the id itself. */
static const char *dc_material_name(const struct dctx *x, const char *id)
{
	const struct catalog_material *m = x->it && id ? catalog_find_material(x->it, id) : NULL;

	return m ? m->name : id ? id : "";
}

static const char *dc_applicant(const struct dctx *x)
{
	return x->c->applicant_name && *x->c->applicant_name ? x->c->applicant_name : _("申请人");
}

static const char *dc_item_name(const struct dctx *x)
{
	if (x->c->item_name && *x->c->item_name)
		return x->c->item_name;
	return x->it ? x->it->name : x->c->item_code;
}

static int dc_is_licence(const struct dctx *x)
{
	return !x->it || x->it->type == ITEM_TYPE_LICENSE;
}

/* ---- common parts -------------------------------------------------------- */

/* The progress address of the case, for the QR code (none when the
 * setting is not set). */
static int dc_head_qr(struct dctx *x, char *err, size_t errsz)
{
	char buf[1024];
	int rc = doc_progress_address(x->s, x->c->number, buf, sizeof buf, err, errsz);

	if (rc < 0)
		return -1;
	if (rc == 1) {
		free(x->d->qr_text);
		x->d->qr_text = yc_strdup(buf);
		if (!x->d->qr_text)
			x->d->oom = 1;
	}
	return 0;
}

/* Number, case number, progress address and date of a case document. */
static int dc_head(struct dctx *x, char *err, size_t errsz)
{
	struct document *d = x->d;
	char buf[1024];

	if (doc_number(d->kind, x->c->number, buf, sizeof buf, err, errsz) != 0)
		return -1;
	d->number = yc_strdup(buf);
	d->case_number = yc_strdup(x->c->number);
	d->date = yc_strdup(x->today);
	if (!d->number || !d->case_number || !d->date)
		d->oom = 1;
	return dc_head_qr(x, err, errsz);
}

/* Applicant (with ID number and agent when recorded) and item. */
static void dc_parties(struct dctx *x)
{
	const cJSON *agent = cJSON_GetObjectItemCaseSensitive(x->received, "agent");

	doc_add(x->d, DOC_FIELD, _("申请人"), dc_applicant(x));
	if (x->c->applicant_id_no && *x->c->applicant_id_no)
		doc_add(x->d, DOC_FIELD, x->c->applicant_org ? _("统一社会信用代码") : _("证件号码"),
			x->c->applicant_id_no);
	if (cJSON_IsObject(agent) && dc_str(agent, "name"))
		doc_add(x->d, DOC_FIELD, _("代理人"), dc_str(agent, "name"));
	doc_add(x->d, DOC_FIELD, _("申请事项"), dc_item_name(x));
}

static void dc_received_field(struct dctx *x)
{
	char buf[64];

	doc_add(x->d, DOC_FIELD, _("接件日期"),
		dc_day_text(x->c->fold.received_on, buf, sizeof buf));
}

/* Phones and the progress query. */
static void dc_contacts(struct dctx *x)
{
	const char *phone = x->s && x->s->phone && *x->s->phone ? x->s->phone
			    : x->it && x->it->phone ? x->it->phone : NULL;

	if (x->d->qr_text)
		doc_add(x->d, DOC_FIELD, _("进度查询"),
			_("扫描右上角二维码，或凭办件编号在窗口查询"));
	else
		doc_add(x->d, DOC_FIELD, _("进度查询"), _("凭办件编号到窗口或拨打咨询电话查询办理进度"));
	if (phone)
		doc_add(x->d, DOC_FIELD, _("咨询电话"), phone);
	if (x->s && x->s->complaint_phone && *x->s->complaint_phone)
		doc_add(x->d, DOC_FIELD, _("投诉电话"), x->s->complaint_phone);
}

/* The seal line and the date, bottom right. */
static void dc_seal(struct dctx *x)
{
	doc_addf(x->d, DOC_SIGNATURE, NULL, _("%s（印章）"), doc_setting_seal(x->s));
	doc_add(x->d, DOC_SIGNATURE, NULL, x->today);
}

/* 复议 within 60 days, 诉讼 within 6 months (行政许可法 art. 38). */
static void dc_remedies(struct dctx *x)
{
	doc_addf(x->d, DOC_PARA, NULL,
		 _("如不服本决定，可以自收到本决定书之日起六十日内向%s申请行政复议，"
		   "也可以自收到本决定书之日起六个月内依法向%s提起行政诉讼。"),
		 doc_setting_review_body(x->s), doc_setting_court(x->s));
}

/* "你（单位）于2026年11月20日提出的食品经营许可申请" into buf. */
static const char *dc_application(const struct dctx *x, char *buf, size_t bufsz)
{
	char day[64];

	snprintf(buf, bufsz, _("你（单位）于%s提出的%s申请（办件编号 %s）"),
		 dc_day_text(x->c->fold.received_on, day, sizeof day), dc_item_name(x),
		 x->c->number);
	return buf;
}

/* The refusal when the case has no such document yet. */
static int dc_not_yet(const struct dctx *x, char *err, size_t errsz, const char *why)
{
	return yc_seterr(err, errsz, _("办件 %s 没有%s：%s（当前状态：%s）"), x->c->number,
			 doc_kind_title(x->d->kind), why, casefsm_state_label(x->c->fold.state));
}

/* ---- materials ----------------------------------------------------------- */

/* The checklist as it stands after the events: the received list, the
 * list of the 补正 notice, what was supplied on return (by id), and the
 * accepted list when acceptance recorded one.  A new array the caller
 * deletes. */
static cJSON *dc_materials_now(const struct case_record *c)
{
	cJSON *now = cJSON_CreateArray();

	for (size_t i = 0; now && i < c->nevents; i++) {
		const struct case_event_row *r = &c->events[i];
		cJSON *b, *list, *m;

		if (r->type != CASE_EV_RECEIVED && r->type != CASE_EV_CORRECTION_REQUESTED &&
		    r->type != CASE_EV_CORRECTION_SUPPLIED && r->type != CASE_EV_ACCEPTED)
			continue;
		b = dc_body(r);
		list = b ? cJSON_GetObjectItemCaseSensitive(b, "materials") : NULL;
		if (!cJSON_IsArray(list)) {
			cJSON_Delete(b);
			continue;
		}
		if (r->type != CASE_EV_CORRECTION_SUPPLIED) {
			cJSON_Delete(now);
			now = cJSON_Duplicate(list, 1);
			cJSON_Delete(b);
			continue;
		}
		cJSON_ArrayForEach(m, list) {
			const char *id = dc_str(m, "id");
			cJSON *old, *dup = cJSON_Duplicate(m, 1);
			int at = 0, found = -1;

			if (!dup)
				continue;
			cJSON_ArrayForEach(old, now) {
				const char *oid = dc_str(old, "id");

				if (id && oid && strcmp(id, oid) == 0)
					found = at;
				at++;
			}
			if (found >= 0)
				cJSON_ReplaceItemInArray(now, found, dup);
			else
				cJSON_AddItemToArray(now, dup);
		}
		cJSON_Delete(b);
	}
	return now;
}

/* "纸质", "电子", "部门调取", "容缺后补" for a receipt word. */
static const char *dc_receipt_label(const char *w)
{
	if (!w)
		return "";
	if (strcmp(w, "paper") == 0)
		return _("纸质");
	if (strcmp(w, "electronic") == 0)
		return _("电子");
	if (strcmp(w, "fetched") == 0)
		return _("部门调取");
	if (strcmp(w, "deferred") == 0)
		return _("容缺后补");
	return _("未提交");
}

static const char *dc_count(int n, char *buf, size_t bufsz)
{
	if (n > 0)
		snprintf(buf, bufsz, "%d", n);
	else
		snprintf(buf, bufsz, "—");
	return buf;
}

/* The table of received materials with their counts. */
static void dc_material_table(struct dctx *x, const cJSON *list)
{
	const char *head[5] = { _("序号"), _("材料名称"), _("方式"), _("原件（份）"),
				_("复印件（份）") };
	const cJSON *m;
	int no = 0;

	doc_add_row(x->d, DOC_HEADER_ROW, head, 5);
	cJSON_ArrayForEach(m, list) {
		const char *w = dc_str(m, "receipt");
		char num[16], o[16], cp[16];
		const char *cells[5];

		if (!w || strcmp(w, "missing") == 0)
			continue;
		snprintf(num, sizeof num, "%d", ++no);
		cells[0] = num;
		cells[1] = dc_material_name(x, dc_str(m, "id"));
		cells[2] = dc_receipt_label(w);
		cells[3] = dc_count(dc_int(m, "originals"), o, sizeof o);
		cells[4] = dc_count(dc_int(m, "copies"), cp, sizeof cp);
		doc_add_row(x->d, DOC_ROW, cells, 5);
	}
	if (no == 0)
		doc_add(x->d, DOC_PARA, NULL, _("（未收取纸质或电子材料）"));
}

/* ---- the builders ------------------------------------------------------- */

/* 受理通知书 / 材料受理及接收凭证. */
static int dc_acceptance(struct dctx *x, char *err, size_t errsz)
{
	const struct case_fold *f = &x->c->fold;
	char buf[1024], day[64], day2[64];
	cJSON *mats;

	if (f->accepted_on <= 0)
		return dc_not_yet(x, err, errsz, _("办件尚未受理"));
	if (dc_head(x, err, errsz) != 0)
		return -1;
	dc_parties(x);
	dc_received_field(x);
	doc_add(x->d, DOC_FIELD, _("受理日期"), dc_day_text(f->accepted_on, day, sizeof day));
	if (f->instant || f->promised_limit == 0)
		doc_add(x->d, DOC_FIELD, _("承诺办结日期"), _("即办件，当场办结"));
	else
		doc_addf(x->d, DOC_FIELD, _("承诺办结日期"), _("%s（承诺时限 %d 个%s，自受理之日起计算）"),
			 dc_day_text(f->promised_on, day2, sizeof day2), f->promised_limit,
			 catalog_unit_name(f->promised_unit));
	doc_addf(x->d, DOC_PARA, NULL, _("%s："), dc_applicant(x));
	doc_addf(x->d, DOC_PARA, NULL, _("%s，经审查，申请材料齐全、符合法定形式%s，现予受理。"),
		 dc_application(x, buf, sizeof buf),
		 dc_is_licence(x) ? _("，根据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定")
				  : "");
	if (f->deemed_accepted)
		doc_add(x->d, DOC_PARA, NULL,
			_("因未在接件之日起五个工作日内一次告知补正内容，本申请自接件之日起即为受理"
			  "（《中华人民共和国行政许可法》第三十二条第一款第（四）项）。"));
	if (f->provisional)
		doc_add(x->d, DOC_PARA, NULL,
			_("注：承诺办结日期所在年份的法定节假日安排尚未公布，暂按周一至周五推算，"
			  "公布后以正式安排为准。"));
	doc_add(x->d, DOC_HEADING, NULL, _("已收取的申请材料"));
	mats = dc_materials_now(x->c);
	if (!mats)
		x->d->oom = 1;
	else
		dc_material_table(x, mats);
	cJSON_Delete(mats);
	for (size_t i = 0; i < f->ndeferred; i++) {
		if (i == 0)
			doc_add(x->d, DOC_HEADING, NULL, _("容缺后补材料（申请人已书面承诺）"));
		doc_addf(x->d, DOC_ITEM, NULL, _("%s：请于%s前补交"),
			 dc_material_name(x, f->deferred[i].material),
			 dc_day_text(f->deferred[i].due_on, day, sizeof day));
	}
	dc_contacts(x);
	dc_seal(x);
	return 0;
}

/* Why the 补正 is needed: 不齐全 (something missing), 不符合法定形式
 * (something not 规范), or both, from the checklist of the notice. */
static const char *dc_correction_reason(const cJSON *body)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(body, "materials");
	const cJSON *m;
	int missing = 0, wrong = 0;

	cJSON_ArrayForEach(m, list) {
		const char *w = dc_str(m, "receipt");

		if (!w || strcmp(w, "missing") == 0)
			missing = 1;
		if (dc_true(m, "nonconforming"))
			wrong = 1;
	}
	if (missing && !wrong)
		return _("不齐全");
	if (wrong && !missing)
		return _("不符合法定形式");
	if (wrong && missing)
		return _("不齐全、部分材料不符合法定形式");
	return _("不齐全或者不符合法定形式");
}

/* The problems of the notice as numbered items; how many. */
static int dc_problems(struct dctx *x, const cJSON *body)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(body, "problems");
	const cJSON *p;
	int n = 0;

	cJSON_ArrayForEach(p, list) {
		const char *text = dc_str(p, "text");
		const char *name = dc_str(p, "name");

		if (!name)
			name = dc_material_name(x, dc_str(p, "material"));
		if (text)
			doc_add(x->d, DOC_ITEM, NULL, text);
		else
			doc_addf(x->d, DOC_ITEM, NULL, _("%s：需补正"), name);
		n++;
	}
	return n;
}

/* 补正材料通知书, in two parts: the stub the centre keeps (with the
 * applicant's signature) and the part the applicant takes away. */
static int dc_correction(struct dctx *x, char *err, size_t errsz)
{
	const struct case_event_row *r = dc_last(x->c, CASE_EV_CORRECTION_REQUESTED);
	const cJSON *list;
	cJSON *body;
	char buf[1024], day[64];
	int n;

	if (!r)
		return dc_not_yet(x, err, errsz, _("没有发出过补正告知"));
	if (dc_head(x, err, errsz) != 0)
		return -1;
	body = dc_body(r);
	if (!body) {
		x->d->oom = 1;
		return 0;
	}
	list = cJSON_GetObjectItemCaseSensitive(body, "problems");
	if (cJSON_GetArraySize(list) == 0) {
		cJSON_Delete(body);
		return yc_seterr(err, errsz, _("办件 %s 的补正告知没有记录需补正的材料，无法出具补正材料通知书；"
					       "请在办件中重新登记补正内容"), x->c->number);
	}
	doc_add(x->d, DOC_HEADING, NULL, _("第一联 存根（本中心留存）"));
	dc_parties(x);
	dc_received_field(x);
	doc_add(x->d, DOC_FIELD, _("告知日期"), dc_day_text(dc_body_day(body), day, sizeof day));
	doc_addf(x->d, DOC_FIELD, _("补正原因"), _("申请材料%s"), dc_correction_reason(body));
	doc_add(x->d, DOC_PARA, NULL, _("一次告知需补正的全部材料："));
	n = dc_problems(x, body);
	doc_add(x->d, DOC_SIGNATURE, NULL, _("申请人（代理人）签收：________________"));
	doc_add(x->d, DOC_SIGNATURE, NULL, _("送达日期：______年____月____日"));

	doc_add(x->d, DOC_CUT, NULL, _("第二联 申请人留存"));
	doc_addf(x->d, DOC_PARA, NULL, _("%s："), dc_applicant(x));
	doc_addf(x->d, DOC_PARA, NULL,
		 _("%s，经审查，申请材料%s。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，"
		   "现一次告知需要补正的全部内容（共 %d 项）："),
		 dc_application(x, buf, sizeof buf), dc_correction_reason(body), n);
	dc_problems(x, body);
	doc_add(x->d, DOC_PARA, NULL,
		_("请按上述要求一次补齐全部材料，携本通知书到本中心窗口提交。自材料补齐之日起受理，"
		  "承诺办结时限自受理之日起计算。除本通知列明的内容外，窗口不再要求补正其他材料。"));
	dc_contacts(x);
	dc_seal(x);
	cJSON_Delete(body);
	return 0;
}

/* 不予受理决定书. */
static int dc_rejection(struct dctx *x, char *err, size_t errsz)
{
	const struct case_event_row *r = dc_last(x->c, CASE_EV_REJECTED);
	cJSON *body;
	char buf[1024];

	if (!r)
		return dc_not_yet(x, err, errsz, _("没有作出不予受理决定"));
	if (dc_head(x, err, errsz) != 0)
		return -1;
	body = dc_body(r);
	if (!body) {
		x->d->oom = 1;
		return 0;
	}
	dc_parties(x);
	dc_received_field(x);
	doc_addf(x->d, DOC_PARA, NULL, _("%s："), dc_applicant(x));
	doc_addf(x->d, DOC_PARA, NULL, _("%s，经审查，决定不予受理。理由如下："),
		 dc_application(x, buf, sizeof buf));
	doc_add(x->d, DOC_PARA, NULL, dc_str(body, "reason") ? dc_str(body, "reason")
			: _("（理由未登记）"));
	doc_add(x->d, DOC_FIELD, _("法律依据"), dc_str(body, "basis") ? dc_str(body, "basis")
			: _("《中华人民共和国行政许可法》第三十二条"));
	if (dc_str(body, "competent_office"))
		doc_addf(x->d, DOC_PARA, NULL,
			 _("该申请事项依法不属于本机关职权范围，请向有权机关%s申请。"),
			 dc_str(body, "competent_office"));
	dc_remedies(x);
	dc_contacts(x);
	dc_seal(x);
	cJSON_Delete(body);
	return 0;
}

/* 不予行政许可决定书 (行政许可法 art. 38). */
static int dc_denial(struct dctx *x, char *err, size_t errsz)
{
	const struct case_event_row *r = dc_last(x->c, CASE_EV_DECIDED);
	const struct case_fold *f = &x->c->fold;
	cJSON *body;
	char buf[1024], day[64];

	if (!r || f->decision != CASE_DECISION_DENY)
		return dc_not_yet(x, err, errsz, _("没有作出不予许可的决定"));
	if (dc_head(x, err, errsz) != 0)
		return -1;
	body = dc_body(r);
	if (!body) {
		x->d->oom = 1;
		return 0;
	}
	dc_parties(x);
	dc_received_field(x);
	doc_add(x->d, DOC_FIELD, _("受理日期"), dc_day_text(f->accepted_on, day, sizeof day));
	doc_add(x->d, DOC_FIELD, _("决定日期"), dc_day_text(f->decided_on, day, sizeof day));
	doc_addf(x->d, DOC_PARA, NULL, _("%s："), dc_applicant(x));
	doc_addf(x->d, DOC_PARA, NULL,
		 _("%s，本机关已依法受理。经审查，根据《中华人民共和国行政许可法》第三十八条第二款的规定，"
		   "决定不予行政许可。理由如下："), dc_application(x, buf, sizeof buf));
	doc_add(x->d, DOC_PARA, NULL, dc_str(body, "reason") ? dc_str(body, "reason")
			: _("（理由未登记）"));
	dc_remedies(x);
	dc_contacts(x);
	dc_seal(x);
	cJSON_Delete(body);
	return 0;
}

/* 延长审批期限告知书 (行政许可法 art. 42). */
static int dc_extension(struct dctx *x, char *err, size_t errsz)
{
	const struct case_event_row *r = dc_last(x->c, CASE_EV_EXTENDED);
	const struct case_fold *f = &x->c->fold;
	cJSON *body;
	char buf[1024], day[64];

	if (!r)
		return dc_not_yet(x, err, errsz, _("审批期限没有延长"));
	if (dc_head(x, err, errsz) != 0)
		return -1;
	body = dc_body(r);
	if (!body) {
		x->d->oom = 1;
		return 0;
	}
	dc_parties(x);
	doc_add(x->d, DOC_FIELD, _("受理日期"), dc_day_text(f->accepted_on, day, sizeof day));
	doc_addf(x->d, DOC_PARA, NULL, _("%s："), dc_applicant(x));
	doc_addf(x->d, DOC_PARA, NULL,
		 _("%s，本机关已依法受理。因%s，不能在原定期限内作出决定。根据《中华人民共和国行政许可法》"
		   "第四十二条第一款的规定，经本行政机关负责人批准，审批期限延长 %d 个工作日，"
		   "承诺办结日期延至%s。"),
		 dc_application(x, buf, sizeof buf),
		 dc_str(body, "reason") ? dc_str(body, "reason") : _("情况复杂"),
		 dc_int(body, "extension_days") > 0 ? dc_int(body, "extension_days") : f->extension_days,
		 dc_day_text(f->promised_on, day, sizeof day));
	doc_add(x->d, DOC_FIELD, _("延期决定日期"),
		dc_day_text(dc_body_day(body), day, sizeof day));
	dc_contacts(x);
	dc_seal(x);
	cJSON_Delete(body);
	return 0;
}

/* The name of a 特别程序 procedure word. */
static const char *dc_procedure(const char *w)
{
	if (w && strcmp(w, "hearing") == 0)
		return _("听证");
	if (w && strcmp(w, "inspection") == 0)
		return _("检验、检测、检疫");
	if (w && strcmp(w, "expert") == 0)
		return _("鉴定和专家评审");
	return _("特别程序");
}

/* 特别程序告知书 (行政许可法 art. 45). */
static int dc_special(struct dctx *x, char *err, size_t errsz)
{
	const struct case_event_row *r = dc_last(x->c, CASE_EV_SPECIAL_STARTED);
	cJSON *body;
	char buf[1024], day[64];
	int start;

	if (!r)
		return dc_not_yet(x, err, errsz, _("没有启动特别程序"));
	if (dc_head(x, err, errsz) != 0)
		return -1;
	body = dc_body(r);
	if (!body) {
		x->d->oom = 1;
		return 0;
	}
	start = dc_body_day(body);
	dc_parties(x);
	doc_add(x->d, DOC_FIELD, _("特别程序"), dc_procedure(dc_str(body, "procedure")));
	doc_add(x->d, DOC_FIELD, _("开始日期"), dc_day_text(start, day, sizeof day));
	doc_addf(x->d, DOC_PARA, NULL, _("%s："), dc_applicant(x));
	doc_addf(x->d, DOC_PARA, NULL,
		 _("%s，因%s，需要进行%s，自%s起进入特别程序。根据《中华人民共和国行政许可法》第四十五条的规定，"
		   "特别程序所需时间不计算在审批期限内；特别程序结束后，本机关将继续审查并告知办理结果。"),
		 dc_application(x, buf, sizeof buf),
		 dc_str(body, "reason") ? dc_str(body, "reason") : _("审查需要"),
		 dc_procedure(dc_str(body, "procedure")), dc_day_text(start, day, sizeof day));
	dc_contacts(x);
	dc_seal(x);
	cJSON_Delete(body);
	return 0;
}

/* 送达回证: what is served, to whom, where, how and when, with the
 * signatures of the receiver and the server. */
static int dc_service_receipt(struct dctx *x, char *err, size_t errsz)
{
	const struct case_fold *f = &x->c->fold;
	const struct case_event_row *dec = dc_last(x->c, CASE_EV_DECIDED);
	const struct case_event_row *del = dc_last(x->c, CASE_EV_DELIVERED);
	cJSON *db, *vb;
	const cJSON *collector;
	char day[64], no[512];

	if (!dec || f->decided_on <= 0)
		return dc_not_yet(x, err, errsz, _("尚未作出审批决定，没有需要送达的文书"));
	if (dc_head(x, err, errsz) != 0)
		return -1;
	db = dc_body(dec);
	vb = dc_body(del);
	if (!db || !vb) {
		cJSON_Delete(db);
		cJSON_Delete(vb);
		x->d->oom = 1;
		return 0;
	}
	if (f->decision == CASE_DECISION_DENY) {
		if (doc_number(DOC_DENIAL, x->c->number, no, sizeof no, err, errsz) != 0)
			no[0] = '\0';
		doc_add(x->d, DOC_FIELD, _("送达文书"), doc_kind_title(DOC_DENIAL));
		doc_add(x->d, DOC_FIELD, _("文书编号"), no);
	} else {
		const char *result = dc_str(db, "result") ? dc_str(db, "result")
				     : x->it && x->it->result ? x->it->result : _("办理结果");

		doc_add(x->d, DOC_FIELD, _("送达文书"), result);
		if (dc_str(db, "licence_no"))
			doc_add(x->d, DOC_FIELD, _("证照编号"), dc_str(db, "licence_no"));
		if (dc_str(db, "valid_until"))
			doc_add(x->d, DOC_FIELD, _("有效期至"), dc_str(db, "valid_until"));
	}
	doc_add(x->d, DOC_FIELD, _("受送达人"), dc_applicant(x));
	doc_add(x->d, DOC_FIELD, _("申请事项"), dc_item_name(x));
	doc_add(x->d, DOC_FIELD, _("决定日期"), dc_day_text(f->decided_on, day, sizeof day));
	if (f->delivery == CASE_DELIVERY_POST) {
		doc_add(x->d, DOC_FIELD, _("送达方式"), _("邮寄送达（EMS）"));
		if (dc_str(vb, "waybill"))
			doc_add(x->d, DOC_FIELD, _("邮件运单号"), dc_str(vb, "waybill"));
		if (dc_str(vb, "address"))
			doc_add(x->d, DOC_FIELD, _("送达地址"), dc_str(vb, "address"));
		if (dc_str(vb, "recipient"))
			doc_add(x->d, DOC_FIELD, _("收件人"), dc_str(vb, "recipient"));
	} else {
		doc_add(x->d, DOC_FIELD, _("送达方式"), f->delivery == CASE_DELIVERY_PICKUP
			? _("直接送达（统一出件窗口领取）") : _("直接送达 / 邮寄送达（勾选）"));
		doc_add(x->d, DOC_FIELD, _("送达地点"), doc_setting_centre(x->s));
	}
	doc_add(x->d, DOC_FIELD, _("送达日期"), dc_day_text(f->delivered_on, day, sizeof day));
	collector = cJSON_GetObjectItemCaseSensitive(vb, "collector");
	if (cJSON_IsObject(collector) && dc_str(collector, "name"))
		doc_addf(x->d, DOC_FIELD, _("领取人"), _("%s（%s，已核验身份证件）"),
			 dc_str(collector, "name"),
			 dc_str(collector, "relation") && strcmp(dc_str(collector, "relation"), "agent") == 0
			 ? _("代理人") : _("申请人本人"));
	doc_add(x->d, DOC_SIGNATURE, NULL, _("受送达人（签名）：________________"));
	doc_add(x->d, DOC_SIGNATURE, NULL, _("送达人（签名）：________________"));
	dc_seal(x);
	cJSON_Delete(db);
	cJSON_Delete(vb);
	return 0;
}

/* 材料交接单: the register of the paper hand-over to the back office. */
static int dc_handover(struct dctx *x, char *err, size_t errsz)
{
	const struct case_event_row *r = dc_last(x->c, CASE_EV_HANDED_OVER);
	const struct case_event_row *rv = dc_last(x->c, CASE_EV_REVIEW_STARTED);
	const char *head[4] = { _("序号"), _("材料名称"), _("原件（份）"), _("复印件（份）") };
	const cJSON *m;
	cJSON *body, *rb;
	char tm[64], o[16], cp[16];
	int no = 0;

	if (!r)
		return dc_not_yet(x, err, errsz, _("材料尚未交接到审批部门"));
	if (dc_head(x, err, errsz) != 0)
		return -1;
	body = dc_body(r);
	rb = dc_body(rv);
	if (!body || !rb) {
		cJSON_Delete(body);
		cJSON_Delete(rb);
		x->d->oom = 1;
		return 0;
	}
	doc_add(x->d, DOC_FIELD, _("交接批次号"), dc_str(body, "register") ? dc_str(body, "register")
			: x->d->number);
	doc_add(x->d, DOC_FIELD, _("移交方"), doc_setting_centre(x->s));
	doc_add(x->d, DOC_FIELD, _("接收方"), dc_str(body, "department") ? dc_str(body, "department")
			: x->it ? x->it->department : _("审批部门"));
	doc_add(x->d, DOC_FIELD, _("交接时间"), dc_time_text(r, tm, sizeof tm));
	doc_add(x->d, DOC_FIELD, _("申请人"), dc_applicant(x));
	doc_add(x->d, DOC_FIELD, _("申请事项"), dc_item_name(x));
	doc_add(x->d, DOC_HEADING, NULL, _("交接的材料"));
	doc_add_row(x->d, DOC_HEADER_ROW, head, 4);
	cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(body, "materials")) {
		const char *cells[4];
		char num[16];

		snprintf(num, sizeof num, "%d", ++no);
		cells[0] = num;
		cells[1] = dc_str(m, "name") ? dc_str(m, "name") : dc_material_name(x, dc_str(m, "id"));
		cells[2] = dc_count(dc_int(m, "originals"), o, sizeof o);
		cells[3] = dc_count(dc_int(m, "copies"), cp, sizeof cp);
		doc_add_row(x->d, DOC_ROW, cells, 4);
	}
	if (rv && dc_str(rb, "discrepancy"))
		doc_add(x->d, DOC_FIELD, _("接收时发现的差异"), dc_str(rb, "discrepancy"));
	doc_addf(x->d, DOC_SIGNATURE, NULL, _("移交人（签名）：%s"),
		 dc_str(body, "sender") ? dc_str(body, "sender") : "________________");
	if (rv)
		doc_addf(x->d, DOC_SIGNATURE, NULL, _("接收人（签名）：%s　接收时间：%s"),
			 dc_str(rb, "receiver") ? dc_str(rb, "receiver") : rv->actor,
			 dc_time_text(rv, tm, sizeof tm));
	else
		doc_add(x->d, DOC_SIGNATURE, NULL,
			_("接收人（签名）：________________　接收时间：____年__月__日__时__分"));
	doc_add(x->d, DOC_SIGNATURE, NULL, x->today);
	cJSON_Delete(body);
	cJSON_Delete(rb);
	return 0;
}

/* 办理结果交接单: the result handed from the department to the issuing
 * window; for post, the waybill. */
static int dc_result_handover(struct dctx *x, char *err, size_t errsz)
{
	const struct case_event_row *r = dc_last(x->c, CASE_EV_RESULT_HANDED_OVER);
	const struct case_event_row *dec = dc_last(x->c, CASE_EV_DECIDED);
	const struct case_event_row *del = dc_last(x->c, CASE_EV_DELIVERED);
	const struct case_fold *f = &x->c->fold;
	cJSON *body, *db, *vb;
	char tm[64];

	if (!r)
		return dc_not_yet(x, err, errsz, _("办理结果尚未交到统一出件窗口"));
	if (dc_head(x, err, errsz) != 0)
		return -1;
	body = dc_body(r);
	db = dc_body(dec);
	vb = dc_body(del);
	if (!body || !db || !vb) {
		cJSON_Delete(body);
		cJSON_Delete(db);
		cJSON_Delete(vb);
		x->d->oom = 1;
		return 0;
	}
	doc_add(x->d, DOC_FIELD, _("交接批次号"), dc_str(body, "register") ? dc_str(body, "register")
			: x->d->number);
	doc_add(x->d, DOC_FIELD, _("移交方"), x->it ? x->it->department : _("审批部门"));
	doc_addf(x->d, DOC_FIELD, _("接收方"), _("%s统一出件窗口"), doc_setting_centre(x->s));
	doc_add(x->d, DOC_FIELD, _("交接时间"), dc_time_text(r, tm, sizeof tm));
	if (dc_true(body, "late"))
		doc_add(x->d, DOC_FIELD, _("时限"), _("超过决定后 1 个工作日的移交时限"));
	doc_add(x->d, DOC_FIELD, _("申请人"), dc_applicant(x));
	doc_add(x->d, DOC_FIELD, _("申请事项"), dc_item_name(x));
	if (f->decision == CASE_DECISION_DENY)
		doc_add(x->d, DOC_FIELD, _("办理结果"), doc_kind_title(DOC_DENIAL));
	else
		doc_add(x->d, DOC_FIELD, _("办理结果"), dc_str(db, "result") ? dc_str(db, "result")
			: x->it && x->it->result ? x->it->result : _("办理结果"));
	if (dc_str(db, "licence_no"))
		doc_add(x->d, DOC_FIELD, _("证照编号"), dc_str(db, "licence_no"));
	if (f->delivery == CASE_DELIVERY_POST && dc_str(vb, "waybill"))
		doc_add(x->d, DOC_FIELD, _("邮寄运单号（EMS）"), dc_str(vb, "waybill"));
	doc_addf(x->d, DOC_SIGNATURE, NULL, _("移交人（签名）：%s"),
		 dc_str(body, "sender") ? dc_str(body, "sender") : "________________");
	doc_addf(x->d, DOC_SIGNATURE, NULL, _("接收人（签名）：%s"),
		 dc_str(body, "receiver") ? dc_str(body, "receiver") : "________________");
	doc_add(x->d, DOC_SIGNATURE, NULL, x->today);
	cJSON_Delete(body);
	cJSON_Delete(db);
	cJSON_Delete(vb);
	return 0;
}

/* The 一次性告知单 given at a counter for a case: the item's notice with
 * the case number on it. */
static int dc_onetime(struct dctx *x, char *err, size_t errsz)
{
	struct document tmp;

	if (doc_build_item(&tmp, x->it, x->s, x->day, err, errsz) != 0)
		return -1;
	doc_free(x->d);
	*x->d = tmp;
	x->d->case_number = yc_strdup(x->c->number);
	if (!x->d->case_number)
		x->d->oom = 1;
	if (dc_head_qr(x, err, errsz) != 0)
		return -1;
	return 0;
}

int doc_build_case(struct document *d, enum doc_kind kind,
		   const struct case_record *c, const struct catalog_item *it,
		   const struct doc_settings *s, const struct calendar *cal,
		   int day, char *err, size_t errsz)
{
	struct dctx x = { .d = d, .c = c, .it = it, .s = s, .day = day };
	int rc;

	(void)cal;
	assert(c);
	if ((unsigned)kind >= DOC_KIND_COUNT)
		return yc_seterr(err, errsz, _("未知的文书种类 %d"), (int)kind);
	doc_init(d, kind);
	doc_date_text(day, x.today, sizeof x.today);
	x.received = dc_body(dc_last(c, CASE_EV_RECEIVED));
	if (!x.received)
		d->oom = 1;
	switch (kind) {
	case DOC_ACCEPTANCE: rc = dc_acceptance(&x, err, errsz); break;
	case DOC_CORRECTION: rc = dc_correction(&x, err, errsz); break;
	case DOC_REJECTION: rc = dc_rejection(&x, err, errsz); break;
	case DOC_ONETIME: rc = dc_onetime(&x, err, errsz); break;
	case DOC_HANDOVER: rc = dc_handover(&x, err, errsz); break;
	case DOC_RESULT_HANDOVER: rc = dc_result_handover(&x, err, errsz); break;
	case DOC_SERVICE_RECEIPT: rc = dc_service_receipt(&x, err, errsz); break;
	case DOC_EXTENSION: rc = dc_extension(&x, err, errsz); break;
	case DOC_SPECIAL: rc = dc_special(&x, err, errsz); break;
	case DOC_DENIAL: rc = dc_denial(&x, err, errsz); break;
	default: rc = yc_seterr(err, errsz, _("未知的文书种类 %d"), (int)kind); break;
	}
	cJSON_Delete(x.received);
	if (rc == 0 && d->oom)
		rc = yc_seterr(err, errsz, _("内存不足，无法生成%s"), doc_kind_title(kind));
	if (rc != 0)
		doc_free(d);
	return rc;
}
