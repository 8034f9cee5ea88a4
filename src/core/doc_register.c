/*
 * doc_register.c — the hand-over registers on paper: the 材料交接单 that
 * takes accepted cases' materials from the window to a department, and
 * the 办理结果交接单 that takes decided cases' results from the department
 * to the issuing window.  A register is one sheet for all its cases
 * (doc_build_register, from the register store of backoffice.h): number,
 * both sides, the times, every case with its materials and counts (or its
 * result), the discrepancies recorded on receipt, and both signature
 * blocks, filled in with the signer and the time once signed
 * electronically and left blank to be signed by hand before.
 *
 * A case handed over on another workstation has no register here: its
 * register is then rebuilt from the case's own events (dc_handover,
 * dc_result_handover), with that case alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/backoffice.h"
#include "yichuang/casefsm.h"
#include "yichuang/casestore.h"
#include "yichuang/document.h"
#include "yichuang/util.h"
#include "doc_internal.h"

/* A signature line: the signer and the time once signed, else blanks to
 * sign by hand.  role: "移交人" or "接收人". */
static void dr_signature(struct document *d, const char *role, const char *who, const char *at)
{
	char tm[64];

	if (who && *who)
		doc_addf(d, DOC_SIGNATURE, NULL, D_("%s：%s（已电子签名）　时间：%s"), role, who,
			 dc_time_text(at, tm, sizeof tm));
	else
		doc_addf(d, DOC_SIGNATURE, NULL,
			 D_("%s（签名）：____________　时间：____年__月__日__时__分"), role);
}

/* The result of a decided case as the register lists it: the licence
 * (with its number) or the 不予行政许可决定书 (whose number is the case
 * number's, printed on it). */
static void dr_result(const struct case_record *c, char *result, size_t rsz, char *no,
		      size_t nsz)
{
	cJSON *b;

	snprintf(result, rsz, "—");
	snprintf(no, nsz, "—");
	if (!c)
		return;
	if (c->fold.decision == CASE_DECISION_DENY) {
		snprintf(result, rsz, "%s", doc_kind_doc_title(DOC_DENIAL));
		return;
	}
	b = dc_body(dc_last(c, CASE_EV_DECIDED));
	if (dc_str(b, "result"))
		snprintf(result, rsz, "%s", dc_str(b, "result"));
	if (dc_str(b, "licence_no"))
		snprintf(no, nsz, "%s", dc_str(b, "licence_no"));
	cJSON_Delete(b);
}

/* The table of a materials register: each case's first row names it. */
static void dr_materials_table(struct document *d, const struct register_info *r,
			       int *nmat, int *originals, int *copies)
{
	const char *head[6] = { D_("序号"), D_("办件编号、申请人、事项"), D_("材料名称"),
				D_("方式"), D_("原件"), D_("复印件") };

	doc_add_row(d, DOC_HEADER_ROW, head, 6);
	for (size_t i = 0; i < r->ncases; i++) {
		const struct register_case *c = &r->cases[i];
		char num[32], who[1024], o[16], cp[16];
		const char *cells[6];

		snprintf(num, sizeof num, "%zu", i + 1);
		snprintf(who, sizeof who, "%s\n%s\n%s", c->number,
			 c->applicant_name ? c->applicant_name : "", c->item_name ? c->item_name : "");
		utf8_trim_partial(who);
		cells[0] = num;
		cells[1] = who;
		if (c->nmaterials == 0) {
			cells[2] = D_("（无纸质材料）");
			cells[3] = cells[4] = cells[5] = "—";
			doc_add_row(d, DOC_ROW, cells, 6);
			continue;
		}
		for (size_t k = 0; k < c->nmaterials; k++) {
			const struct register_material *m = &c->materials[k];

			cells[2] = m->name ? m->name : m->id;
			cells[3] = dc_receipt_label(m->form);
			cells[4] = dc_count(m->originals, o, sizeof o);
			cells[5] = dc_count(m->copies, cp, sizeof cp);
			doc_add_row(d, DOC_ROW, cells, 6);
			cells[0] = cells[1] = "";
			++*nmat;
			*originals += m->originals;
			*copies += m->copies;
		}
	}
}

/* The table of a results register: one row a case. */
static void dr_results_table(struct document *d, const struct register_info *r,
			     const struct case_record *const *cases)
{
	const char *head[4] = { D_("序号"), D_("办件编号"), D_("申请人、申请事项"),
				D_("办理结果、证照编号") };

	doc_add_row(d, DOC_HEADER_ROW, head, 4);
	for (size_t i = 0; i < r->ncases; i++) {
		const struct register_case *c = &r->cases[i];
		char num[32], result[512], no[512], who[1024], what[1100];
		const char *cells[4];

		snprintf(num, sizeof num, "%zu", i + 1);
		dr_result(cases ? cases[i] : NULL, result, sizeof result, no, sizeof no);
		snprintf(who, sizeof who, "%s\n%s", c->applicant_name ? c->applicant_name : "",
			 c->item_name ? c->item_name : "");
		utf8_trim_partial(who);
		if (strcmp(no, "—") != 0)
			snprintf(what, sizeof what, "%s\n%s", result, no);
		else
			snprintf(what, sizeof what, "%s", result);
		utf8_trim_partial(what);
		cells[0] = num;
		cells[1] = c->number;
		cells[2] = who;
		cells[3] = what;
		doc_add_row(d, DOC_ROW, cells, 4);
	}
}

int doc_build_register(struct document *d, const struct register_info *r,
		       const struct case_record *const *cases, const struct doc_settings *s,
		       int day, char *err, size_t errsz)
{
	int materials = r->kind == REGISTER_MATERIALS, nmat = 0, originals = 0, copies = 0;
	char tm[64], date[64];

	doc_init(d, materials ? DOC_HANDOVER : DOC_RESULT_HANDOVER);
	/* the register's own number is the document's */
	d->number = yc_strdup(r->number);
	d->date = yc_strdup(doc_date_text(day, date, sizeof date));
	if (!d->number || !d->date)
		d->oom = 1;
	if (materials) {
		doc_add(d, DOC_FIELD, D_("移交方"), doc_setting_centre(s));
		doc_add(d, DOC_FIELD, D_("接收方"), r->department ? r->department : "");
	} else {
		doc_add(d, DOC_FIELD, D_("移交方"), r->department ? r->department : "");
		doc_addf(d, DOC_FIELD, D_("接收方"), D_("%s统一出件窗口"), doc_setting_centre(s));
	}
	doc_addf(d, DOC_FIELD, D_("制单"), D_("%s　%s"), r->created_by ? r->created_by : "",
		 dc_time_text(r->created_at, tm, sizeof tm));
	doc_add(d, DOC_FIELD, D_("交接时间"), r->sent_at ? dc_time_text(r->sent_at, tm, sizeof tm)
		: D_("（移交人尚未签名）"));
	doc_add(d, DOC_HEADING, NULL, materials ? D_("交接的办件和材料") : D_("交接的办理结果"));
	if (materials)
		dr_materials_table(d, r, &nmat, &originals, &copies);
	else
		dr_results_table(d, r, cases);
	if (materials)
		doc_addf(d, DOC_PARA, NULL, D_("共 %zu 件办件，材料 %d 项（原件 %d 份，复印件 %d 份）。"),
			 r->ncases, nmat, originals, copies);
	else
		doc_addf(d, DOC_PARA, NULL, D_("共 %zu 件办件的办理结果。"), r->ncases);
	if (r->ndiscrepancies > 0) {
		doc_add(d, DOC_HEADING, NULL, D_("接收时发现的差异"));
		for (size_t i = 0; i < r->ndiscrepancies; i++) {
			const struct register_discrepancy *x = &r->discrepancies[i];

			doc_addf(d, DOC_ITEM, NULL, D_("办件 %s：%s（%s 记录于 %s）"), x->case_number,
				 x->text ? x->text : "", x->recorded_by ? x->recorded_by : "",
				 dc_time_text(x->recorded_at, tm, sizeof tm));
		}
	}
	dr_signature(d, D_("移交人"), r->sender, r->sent_at);
	dr_signature(d, D_("接收人"), r->receiver, r->received_at);
	if (d->oom) {
		doc_free(d);
		return yc_seterr(err, errsz, _("内存不足，无法生成%s"), register_kind_label(r->kind));
	}
	return 0;
}

/* ---- a register rebuilt from one case's events --------------------------- */

/* 材料交接单 of the case's last hand-over, from its handed_over and
 * review_started events. */
int dc_handover(struct dctx *x, char *err, size_t errsz)
{
	const struct case_event_row *r = dc_last(x->c, CASE_EV_HANDED_OVER);
	const struct case_event_row *rv = dc_last(x->c, CASE_EV_REVIEW_STARTED);
	const char *head[4] = { D_("序号"), D_("材料名称"), D_("原件（份）"), D_("复印件（份）") };
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
	doc_add(x->d, DOC_FIELD, D_("交接单编号"), dc_str(body, "register") ? dc_str(body, "register")
			: x->d->number);
	doc_add(x->d, DOC_FIELD, D_("移交方"), doc_setting_centre(x->s));
	doc_add(x->d, DOC_FIELD, D_("接收方"), dc_str(body, "department") ? dc_str(body, "department")
			: dc_authority(x));
	doc_add(x->d, DOC_FIELD, D_("交接时间"), dc_time_text(r->at, tm, sizeof tm));
	doc_add(x->d, DOC_FIELD, D_("申请人"), dc_applicant(x));
	doc_add(x->d, DOC_FIELD, D_("申请事项"), dc_item_name(x));
	doc_add(x->d, DOC_HEADING, NULL, D_("交接的材料"));
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
		doc_add(x->d, DOC_FIELD, D_("接收时发现的差异"), dc_str(rb, "discrepancy"));
	dr_signature(x->d, D_("移交人"), dc_str(body, "sender"), r->at);
	dr_signature(x->d, D_("接收人"), rv ? dc_str(rb, "receiver") ? dc_str(rb, "receiver")
		     : rv->actor : NULL, rv ? rv->at : NULL);
	cJSON_Delete(body);
	cJSON_Delete(rb);
	return 0;
}

/* 办理结果交接单 of the case, from its result_handed_over event; for
 * post, the waybill. */
int dc_result_handover(struct dctx *x, char *err, size_t errsz)
{
	const struct case_event_row *r = dc_last(x->c, CASE_EV_RESULT_HANDED_OVER);
	const struct case_event_row *del = dc_last(x->c, CASE_EV_DELIVERED);
	const struct case_fold *f = &x->c->fold;
	cJSON *body, *vb;
	char tm[64], result[512], no[512];

	if (!r)
		return dc_not_yet(x, err, errsz, _("办理结果尚未交到统一出件窗口"));
	if (dc_head(x, err, errsz) != 0)
		return -1;
	body = dc_body(r);
	vb = dc_body(del);
	if (!body || !vb) {
		cJSON_Delete(body);
		cJSON_Delete(vb);
		x->d->oom = 1;
		return 0;
	}
	dr_result(x->c, result, sizeof result, no, sizeof no);
	if (f->decision != CASE_DECISION_DENY && strcmp(result, "—") == 0 && x->it && x->it->result)
		snprintf(result, sizeof result, "%s", x->it->result);
	doc_add(x->d, DOC_FIELD, D_("交接单编号"), dc_str(body, "register") ? dc_str(body, "register")
			: x->d->number);
	doc_add(x->d, DOC_FIELD, D_("移交方"), dc_authority(x));
	doc_addf(x->d, DOC_FIELD, D_("接收方"), D_("%s统一出件窗口"), doc_setting_centre(x->s));
	doc_add(x->d, DOC_FIELD, D_("交接时间"), dc_time_text(r->at, tm, sizeof tm));
	if (dc_true(body, "late"))
		doc_add(x->d, DOC_FIELD, D_("时限"), D_("超过决定后 1 个工作日的移交时限"));
	doc_add(x->d, DOC_FIELD, D_("申请人"), dc_applicant(x));
	doc_add(x->d, DOC_FIELD, D_("申请事项"), dc_item_name(x));
	doc_add(x->d, DOC_FIELD, D_("办理结果"), result);
	if (strcmp(no, "—") != 0)
		doc_add(x->d, DOC_FIELD, D_("证照编号"), no);
	if (f->delivery == CASE_DELIVERY_POST && dc_str(vb, "waybill"))
		doc_add(x->d, DOC_FIELD, D_("邮寄运单号（EMS）"), dc_str(vb, "waybill"));
	dr_signature(x->d, D_("移交人"), dc_str(body, "sender"), r->at);
	dr_signature(x->d, D_("接收人"), dc_str(body, "receiver"), r->at);
	cJSON_Delete(body);
	cJSON_Delete(vb);
	return 0;
}
