/*
 * doc_case.c — the documents of a case (document.h doc_build_case): each
 * builder reads what the case's events recorded (the received event's
 * applicant and materials, the 补正 list, the rejection's reasons and
 * basis, the delivery) and adds the elements DOMAIN.md requires of that
 * document.  A builder refuses, with a message saying why, when the case
 * has not reached the point where its document exists; it never fills in
 * facts the case does not hold (blank lines are left for what is written
 * by hand, such as signatures).
 *
 * Here: the helpers every builder shares (doc_internal.h), the papers of
 * the counter (受理通知书, 补正材料通知书, 不予受理决定书, 一次性告知单,
 * 送达回证) and the dispatch.  The department's decisions are in
 * doc_decision.c, the hand-over registers in doc_register.c.
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
#include "yichuang/notice.h"
#include "yichuang/util.h"
#include "doc_internal.h"

/* ---- reading event bodies ----------------------------------------------- */

const struct case_event_row *dc_last(const struct case_record *c, enum case_event_type t)
{
	for (size_t i = c->nevents; i-- > 0;)
		if (c->events[i].type == t)
			return &c->events[i];
	return NULL;
}

cJSON *dc_body(const struct case_event_row *r)
{
	cJSON *o = r && r->body ? cJSON_Parse(r->body) : NULL;

	if (o && !cJSON_IsObject(o)) {
		cJSON_Delete(o);
		o = NULL;
	}
	return o ? o : cJSON_CreateObject();
}

const char *dc_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) && v->valuestring && *v->valuestring ? v->valuestring : NULL;
}

int dc_int(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? v->valueint : 0;
}

int dc_true(const cJSON *o, const char *key)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, key));
}

int dc_body_date(const cJSON *o, const char *key)
{
	const char *s = dc_str(o, key);
	int day;

	return s && date_parse(s, &day) == 0 ? day : 0;
}

const char *dc_day_text(int day, char *buf, size_t bufsz)
{
	if (day <= 0) {
		snprintf(buf, bufsz, "%s", D_("____年__月__日"));
		return buf;
	}
	return doc_date_text(day, buf, bufsz);
}

const char *dc_time_text(const char *at, char *buf, size_t bufsz)
{
	if (!at)
		at = "";
	snprintf(buf, bufsz, "%.10s %.5s", at, strlen(at) > 11 ? at + 11 : "");
	return buf;
}

const char *dc_count(int n, char *buf, size_t bufsz)
{
	if (n > 0)
		snprintf(buf, bufsz, "%d", n);
	else
		snprintf(buf, bufsz, "—");
	return buf;
}

const char *dc_receipt_label(const char *w)
{
	if (!w)
		return "";
	if (strcmp(w, "paper") == 0)
		return D_("纸质");
	if (strcmp(w, "electronic") == 0)
		return D_("电子");
	if (strcmp(w, "fetched") == 0)
		return D_("部门调取");
	if (strcmp(w, "deferred") == 0)
		return D_("容缺后补");
	return D_("未提交");
}

/* ---- the case ------------------------------------------------------------ */

const char *dc_material_name(const struct dctx *x, const char *id)
{
	const struct catalog_material *m = x->it && id ? catalog_find_material(x->it, id) : NULL;

	return m ? m->name : id ? id : "";
}

const char *dc_applicant(const struct dctx *x)
{
	return x->c->applicant_name && *x->c->applicant_name ? x->c->applicant_name : D_("申请人");
}

const char *dc_item_name(const struct dctx *x)
{
	if (x->c->item_name && *x->c->item_name)
		return x->c->item_name;
	return x->it ? x->it->name : x->c->item_code;
}

const char *dc_department(const struct dctx *x)
{
	return x->it && x->it->department && *x->it->department ? x->it->department : NULL;
}

const char *dc_authority(const struct dctx *x)
{
	return dc_department(x) ? dc_department(x) : D_("审批机关");
}

static int dc_is_licence(const struct dctx *x)
{
	return !x->it || x->it->type == ITEM_TYPE_LICENSE;
}

const char *dc_application(const struct dctx *x, char *buf, size_t bufsz)
{
	char day[64];

	snprintf(buf, bufsz, D_("你（单位）于%s提出的%s申请（办件编号 %s）"),
		 dc_day_text(x->c->fold.received_on, day, sizeof day), dc_item_name(x),
		 x->c->number);
	return buf;
}

/* ---- common parts -------------------------------------------------------- */

int dc_head_qr(struct dctx *x, char *err, size_t errsz)
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

int dc_head(struct dctx *x, char *err, size_t errsz)
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

void dc_parties(struct dctx *x)
{
	const cJSON *agent = cJSON_GetObjectItemCaseSensitive(x->received, "agent");

	doc_add(x->d, DOC_FIELD, D_("申请人"), dc_applicant(x));
	if (x->c->applicant_id_no && *x->c->applicant_id_no)
		doc_add(x->d, DOC_FIELD, x->c->applicant_org ? D_("统一社会信用代码") : D_("证件号码"),
			x->c->applicant_id_no);
	if (cJSON_IsObject(agent) && dc_str(agent, "name"))
		doc_add(x->d, DOC_FIELD, D_("代理人"), dc_str(agent, "name"));
	doc_add(x->d, DOC_FIELD, D_("申请事项"), dc_item_name(x));
}

void dc_received_field(struct dctx *x)
{
	char buf[64];

	doc_add(x->d, DOC_FIELD, D_("接件日期"),
		dc_day_text(x->c->fold.received_on, buf, sizeof buf));
}

void dc_addressee(struct dctx *x)
{
	doc_addf(x->d, DOC_PARA, NULL, D_("%s："), dc_applicant(x));
}

void dc_contacts(struct dctx *x)
{
	const char *phone = x->s && x->s->phone && *x->s->phone ? x->s->phone
			    : x->it && x->it->phone ? x->it->phone : NULL;

	if (x->d->qr_text)
		doc_add(x->d, DOC_FIELD, D_("进度查询"),
			D_("扫描右上角二维码，或凭办件编号在窗口查询"));
	else
		doc_add(x->d, DOC_FIELD, D_("进度查询"), D_("凭办件编号到窗口或拨打咨询电话查询办理进度"));
	/* both phones on one line */
	if (phone && x->s && x->s->complaint_phone && *x->s->complaint_phone)
		doc_addf(x->d, DOC_FIELD, D_("咨询电话"), D_("%s　　投诉电话：%s"), phone,
			 x->s->complaint_phone);
	else if (phone)
		doc_add(x->d, DOC_FIELD, D_("咨询电话"), phone);
	else if (x->s && x->s->complaint_phone && *x->s->complaint_phone)
		doc_add(x->d, DOC_FIELD, D_("投诉电话"), x->s->complaint_phone);
}

void dc_seal(struct dctx *x)
{
	char seal[512];

	doc_add(x->d, DOC_SIGNATURE, NULL, doc_seal_line(doc_setting_seal(x->s), seal, sizeof seal));
	doc_add(x->d, DOC_SIGNATURE, NULL, x->today);
}

void dc_department_seal(struct dctx *x)
{
	const char *text = x->s && x->s->department_seal && *x->s->department_seal
			   ? x->s->department_seal : dc_authority(x);
	char seal[512];

	doc_add(x->d, DOC_SIGNATURE, NULL, doc_seal_line(text, seal, sizeof seal));
	doc_add(x->d, DOC_SIGNATURE, NULL, x->today);
}

void dc_remedies(struct dctx *x)
{
	doc_addf(x->d, DOC_PARA, NULL,
		 D_("如不服本决定，可以自收到本决定书之日起六十日内向%s申请行政复议，"
		    "也可以自收到本决定书之日起六个月内依法向%s提起行政诉讼。"),
		 doc_setting_review_body(x->s), doc_setting_court(x->s));
}

int dc_not_yet(const struct dctx *x, char *err, size_t errsz, const char *why)
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

/* The table of received materials with their counts. */
static void dc_material_table(struct dctx *x, const cJSON *list)
{
	const char *head[5] = { D_("序号"), D_("材料名称"), D_("方式"), D_("原件（份）"),
				D_("复印件（份）") };
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
		doc_add(x->d, DOC_PARA, NULL, D_("（未收取纸质或电子材料）"));
}

/* ---- the builders ------------------------------------------------------- */

/* 受理通知书 / 材料受理及接收凭证. */
static int dc_acceptance(struct dctx *x, char *err, size_t errsz)
{
	const struct case_fold *f = &x->c->fold;
	char buf[1024], day[64], day2[64], limit[64];
	cJSON *mats;

	if (f->accepted_on <= 0)
		return dc_not_yet(x, err, errsz, _("办件尚未受理"));
	if (dc_head(x, err, errsz) != 0)
		return -1;
	dc_parties(x);
	dc_received_field(x);
	doc_add(x->d, DOC_FIELD, D_("受理日期"), dc_day_text(f->accepted_on, day, sizeof day));
	if (f->instant || f->promised_limit == 0)
		doc_add(x->d, DOC_FIELD, D_("承诺办结日期"), D_("即办件，当场办结"));
	else
		doc_addf(x->d, DOC_FIELD, D_("承诺办结日期"), D_("%s（承诺时限 %s，自受理之日起计算）"),
			 dc_day_text(f->promised_on, day2, sizeof day2),
			 notice_limit_text(limit, sizeof limit, f->promised_limit, f->promised_unit));
	dc_addressee(x);
	doc_addf(x->d, DOC_PARA, NULL, D_("%s，经审查，申请材料齐全、符合法定形式%s，现予受理。"),
		 dc_application(x, buf, sizeof buf),
		 dc_is_licence(x) ? D_("，根据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定")
				  : "");
	if (f->deemed_accepted)
		doc_add(x->d, DOC_PARA, NULL,
			D_("因未在接件之日起五个工作日内一次告知补正内容，本申请自接件之日起即为受理"
			   "（《中华人民共和国行政许可法》第三十二条第一款第（四）项）。"));
	if (f->provisional)
		doc_add(x->d, DOC_PARA, NULL,
			D_("注：承诺办结日期所在年份的法定节假日安排尚未公布，暂按周一至周五推算，"
			   "公布后以正式安排为准。"));
	doc_add(x->d, DOC_HEADING, NULL, D_("已收取的申请材料"));
	mats = dc_materials_now(x->c);
	if (!mats)
		x->d->oom = 1;
	else
		dc_material_table(x, mats);
	cJSON_Delete(mats);
	for (size_t i = 0; i < f->ndeferred; i++) {
		if (i == 0)
			doc_add(x->d, DOC_HEADING, NULL, D_("容缺后补材料（申请人已书面承诺）"));
		doc_addf(x->d, DOC_ITEM, NULL, D_("%s：请于%s前补交"),
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
		return D_("不齐全");
	if (wrong && !missing)
		return D_("不符合法定形式");
	if (wrong && missing)
		return D_("不齐全、部分材料不符合法定形式");
	return D_("不齐全或者不符合法定形式");
}

/* 1 when problem p of a 补正 notice is about a material a government
 * department issues: the window fetches it (from the electronic licence
 * library or the issuing department), it is never asked of the
 * applicant. */
static int dc_problem_fetched(const struct dctx *x, const cJSON *p)
{
	const char *id = dc_str(p, "material");
	const struct catalog_material *m = x->it && id ? catalog_find_material(x->it, id) : NULL;

	return m && m->source == SOURCE_DEPARTMENT;
}

/* The problems of the notice the applicant must fix (fetched 0), or the
 * materials the window fetches itself (fetched 1), as numbered items;
 * how many. */
static int dc_problems(struct dctx *x, const cJSON *body, int fetched)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(body, "problems");
	const cJSON *p;
	int n = 0;

	cJSON_ArrayForEach(p, list) {
		const char *text = dc_str(p, "text");
		const char *name = dc_str(p, "name");
		const cJSON *q;
		int seen = 0;

		if (dc_problem_fetched(x, p) != fetched)
			continue;
		/* a fetched material is named once, whatever was found of it */
		for (q = list->child; fetched && q != p; q = q->next)
			seen |= dc_problem_fetched(x, q) && dc_str(q, "material") &&
				strcmp(dc_str(q, "material"), dc_str(p, "material")) == 0;
		if (seen)
			continue;
		if (!name)
			name = dc_material_name(x, dc_str(p, "material"));
		if (fetched)
			doc_addf(x->d, DOC_ITEM, NULL,
				 D_("%s：窗口调取（政府部门核发，申请人无需提交）"), name);
		else if (text)
			doc_add(x->d, DOC_ITEM, NULL, text);
		else
			doc_addf(x->d, DOC_ITEM, NULL, D_("%s：需补正"), name);
		n++;
	}
	return n;
}

/* The whole of one part of the 补正材料通知书: the parties, the dates and
 * the reason, the notice itself with everything to supply at once, what
 * the window fetches itself, the phones, the seal and the date. */
static void dc_correction_part(struct dctx *x, const cJSON *body, const char *part, int asked)
{
	char buf[1024], day[64];

	doc_add(x->d, DOC_PART, NULL, part);
	dc_parties(x);
	dc_received_field(x);
	doc_add(x->d, DOC_FIELD, D_("告知日期"),
		dc_day_text(dc_body_date(body, "day"), day, sizeof day));
	doc_addf(x->d, DOC_FIELD, D_("补正原因"), D_("申请材料%s"), dc_correction_reason(body));
	dc_addressee(x);
	if (asked > 0) {
		doc_addf(x->d, DOC_PARA, NULL,
			 D_("%s，经审查，申请材料%s。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，"
			    "现一次告知需要补正的全部内容（共 %d 项）："),
			 dc_application(x, buf, sizeof buf), dc_correction_reason(body), asked);
		dc_problems(x, body, 0);
	} else {
		doc_addf(x->d, DOC_PARA, NULL,
			 D_("%s，经审查，申请材料%s；所缺材料均由政府部门核发，由窗口调取，"
			    "申请人无需补正。"),
			 dc_application(x, buf, sizeof buf), dc_correction_reason(body));
	}
	if (asked < cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(body, "problems"))) {
		doc_add(x->d, DOC_PARA, NULL, D_("以下材料由窗口调取，申请人无需提交："));
		dc_problems(x, body, 1);
	}
	if (asked > 0)
		doc_add(x->d, DOC_PARA, NULL,
			D_("请按上述要求一次补齐全部材料，携本通知书到本中心窗口提交。自材料补齐之日起受理，"
			   "承诺办结时限自受理之日起计算。除本通知列明的内容外，窗口不再要求补正其他材料。"));
	dc_contacts(x);
	dc_seal(x);
}

/* 补正材料通知书, in two parts each complete on its own (and on its own
 * sheet): the stub the centre keeps, which the applicant signs on
 * receipt, and the part the applicant takes away. */
static int dc_correction(struct dctx *x, char *err, size_t errsz)
{
	const struct case_event_row *r = dc_last(x->c, CASE_EV_CORRECTION_REQUESTED);
	const cJSON *list, *p;
	cJSON *body;
	int asked = 0;

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
	cJSON_ArrayForEach(p, list)
		asked += !dc_problem_fetched(x, p);
	dc_correction_part(x, body, D_("第一联 存根（本中心留存）"), asked);
	doc_add(x->d, DOC_SIGNATURE, NULL, D_("申请人（代理人）签收：________________"));
	doc_add(x->d, DOC_SIGNATURE, NULL, D_("送达日期：______年____月____日"));
	dc_correction_part(x, body, D_("第二联 申请人留存"), asked);
	cJSON_Delete(body);
	return 0;
}

/* 不予受理决定书: the centre refuses at the counter (行政许可法 art. 32). */
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
	dc_addressee(x);
	doc_addf(x->d, DOC_PARA, NULL, D_("%s，经审查，决定不予受理。理由如下："),
		 dc_application(x, buf, sizeof buf));
	doc_add(x->d, DOC_PARA, NULL, dc_str(body, "reason") ? dc_str(body, "reason")
			: D_("（理由未登记）"));
	doc_add(x->d, DOC_FIELD, D_("法律依据"), dc_str(body, "basis") ? dc_str(body, "basis")
			: D_("《中华人民共和国行政许可法》第三十二条"));
	if (dc_str(body, "competent_office"))
		doc_addf(x->d, DOC_PARA, NULL,
			 D_("该申请事项依法不属于%s受理范围，请向有权机关%s申请。"),
			 doc_setting_centre(x->s), dc_str(body, "competent_office"));
	dc_remedies(x);
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
		doc_add(x->d, DOC_FIELD, D_("送达文书"), doc_kind_doc_title(DOC_DENIAL));
		doc_add(x->d, DOC_FIELD, D_("文书编号"), no);
	} else {
		const char *result = dc_str(db, "result") ? dc_str(db, "result")
				     : x->it && x->it->result ? x->it->result : D_("办理结果");

		doc_add(x->d, DOC_FIELD, D_("送达文书"), result);
		if (dc_str(db, "licence_no"))
			doc_add(x->d, DOC_FIELD, D_("证照编号"), dc_str(db, "licence_no"));
		if (dc_str(db, "valid_until"))
			doc_add(x->d, DOC_FIELD, D_("有效期至"), dc_str(db, "valid_until"));
	}
	doc_add(x->d, DOC_FIELD, D_("受送达人"), dc_applicant(x));
	doc_add(x->d, DOC_FIELD, D_("申请事项"), dc_item_name(x));
	doc_add(x->d, DOC_FIELD, D_("决定日期"), dc_day_text(f->decided_on, day, sizeof day));
	if (f->delivery == CASE_DELIVERY_POST) {
		doc_add(x->d, DOC_FIELD, D_("送达方式"), D_("邮寄送达（EMS）"));
		if (dc_str(vb, "waybill"))
			doc_add(x->d, DOC_FIELD, D_("邮件运单号"), dc_str(vb, "waybill"));
		if (dc_str(vb, "address"))
			doc_add(x->d, DOC_FIELD, D_("送达地址"), dc_str(vb, "address"));
		if (dc_str(vb, "recipient"))
			doc_add(x->d, DOC_FIELD, D_("收件人"), dc_str(vb, "recipient"));
	} else {
		doc_add(x->d, DOC_FIELD, D_("送达方式"), f->delivery == CASE_DELIVERY_PICKUP
			? D_("直接送达（统一出件窗口领取）") : D_("直接送达 / 邮寄送达（勾选）"));
		doc_add(x->d, DOC_FIELD, D_("送达地点"), doc_setting_centre(x->s));
	}
	doc_add(x->d, DOC_FIELD, D_("送达日期"), dc_day_text(f->delivered_on, day, sizeof day));
	collector = cJSON_GetObjectItemCaseSensitive(vb, "collector");
	if (cJSON_IsObject(collector) && dc_str(collector, "name"))
		doc_addf(x->d, DOC_FIELD, D_("领取人"), D_("%s（%s，已核验身份证件）"),
			 dc_str(collector, "name"),
			 dc_str(collector, "relation") && strcmp(dc_str(collector, "relation"), "agent") == 0
			 ? D_("代理人") : dc_str(collector, "relation") &&
			   strcmp(dc_str(collector, "relation"), "authorised") == 0
			 ? D_("受委托人") : D_("申请人本人"));
	doc_add(x->d, DOC_SIGNATURE, NULL, D_("受送达人（签名）：________________"));
	doc_add(x->d, DOC_SIGNATURE, NULL, D_("送达人（签名）：________________"));
	dc_seal(x);
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
