/*
 * issuing_store.c — the unified issuing window (统一出件): telling the
 * applicant, delivery at the window to the applicant, the agent or a
 * person with the written authorisation (the collector's identity number
 * checked and compared with those on file, the relation recorded), post
 * by EMS, and archiving (see backoffice.h).  A licence and a 不予许可 are
 * delivered alike (行政许可法 art. 44), and so is a 一件事's 即办件 part
 * decided after intake.
 */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/backoffice.h"
#include "yichuang/idcheck.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "backoffice_internal.h"
#include "case_internal.h"
#include "store_internal.h"

/* ---- issuing ---------------------------------------------------------- */

/* 1 when the issuing window delivers a case in this state: its result
 * handed over (READY), or a 即办件 decided and not delivered (a 一件事 part
 * completed after intake). */
static int bo_deliverable(const struct case_fold *f)
{
	return f->state == CASE_READY || (f->state == CASE_DECIDED && f->instant);
}

/* Loads case ref and checks the issuing window may deliver it now (for
 * issuing steps that the state machine alone would allow elsewhere).
 * 0 or -1. */
static int bo_expect_deliverable(struct store *st, const struct calendar *cal, const char *ref,
				 const char *what, struct case_record *r, char *err, size_t errsz)
{
	int rc = case_load(st, cal, ref, r, err, errsz);

	if (rc == 0)
		return yc_seterr(err, errsz, _("没有编号为 %s 的办件"), ref ? ref : "");
	if (rc < 0)
		return -1;
	if (!bo_deliverable(&r->fold)) {
		yc_seterr(err, errsz, _("办件 %s 的状态是“%s”，不能%s：须为“%s”"), r->number,
			  casefsm_state_label(r->fold.state), what, casefsm_state_label(CASE_READY));
		case_record_free(r);
		return -1;
	}
	return 0;
}

int backoffice_notify(struct store *st, const struct calendar *cal, const char *ref,
		      const char *user, int day, const char *channel, const char *note,
		      char *err, size_t errsz)
{
	struct case_event e = bo_event(CASE_EV_NOTIFIED, day);
	struct case_record r;
	cJSON *o;
	char *extra;
	int rc;

	if (!channel || (strcmp(channel, "phone") != 0 && strcmp(channel, "sms") != 0 &&
			 strcmp(channel, "other") != 0))
		return yc_seterr(err, errsz,
				 _("通知方式“%s”无法识别：应为 phone（电话）、sms（短信）或 other（其他）"),
				 channel ? channel : "");
	if (bo_expect_deliverable(st, cal, ref, _("通知申请人领取"), &r, err, errsz) != 0)
		return -1;
	case_record_free(&r);
	o = cJSON_CreateObject();
	if (o) {
		cJSON_AddStringToObject(o, "channel", channel);
		if (bo_has_text(note))
			cJSON_AddStringToObject(o, "note", note);
	}
	extra = bo_json_text(o, err, errsz);
	if (!extra)
		return -1;
	rc = bo_act(st, cal, ref, user, ROLE_ISSUER, _("通知申请人"), &e, extra, err, errsz);
	free(extra);
	return rc;
}

/* The canonical form of an ID number (idcheck's norm), or the trimmed
 * text in upper case when it is no ID the check understands. */
static void bo_id_norm(const char *s, char *buf, size_t bufsz)
{
	struct idcheck_result r;
	size_t n = 0;

	if (idcheck_any(s, &r) == 0 && r.norm[0]) {
		snprintf(buf, bufsz, "%s", r.norm);
		return;
	}
	for (; s && *s && n + 1 < bufsz; s++)
		if (!isspace((unsigned char)*s))
			buf[n++] = (char)toupper((unsigned char)*s);
	buf[n] = '\0';
}

/* 1 when party p (an applicant or agent object of the received body) is
 * the collector: same ID number; *name_ok says whether names agree. */
static int bo_party_matches(const cJSON *p, const char *id_norm, const char *name,
			    int *name_ok)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(p, "id_no");
	const cJSON *nm = cJSON_GetObjectItemCaseSensitive(p, "name");
	char norm[64];

	if (!cJSON_IsString(id))
		return 0;
	bo_id_norm(id->valuestring, norm, sizeof norm);
	if (!norm[0] || strcmp(norm, id_norm) != 0)
		return 0;
	*name_ok = cJSON_IsString(nm) && strcmp(nm->valuestring, name) == 0;
	return 1;
}

/* backoffice_collector on a loaded case r; the canonical ID into norm. */
static int bo_collector(const struct case_record *r, const char *name, const char *id_no,
			const char **relation, char *norm, size_t normsz,
			char *err, size_t errsz)
{
	struct idcheck_result idr;
	cJSON *body = NULL;
	char nm[256];
	int name_ok = 0, person;

	*relation = NULL;
	if (!bo_has_text(name))
		return yc_seterr(err, errsz, _("请登记领取人姓名（与身份证件一致）"));
	if (idcheck_any(id_no ? id_no : "", &idr) != 0 && idr.kind != IDCHECK_ID15_LEGACY)
		return yc_seterr(err, errsz, _("领取人证件号码有误：%s"), idr.msg);
	snprintf(norm, normsz, "%s", idr.norm);
	snprintf(nm, sizeof nm, "%s", name);
	yc_trim(nm);
	person = idr.kind == IDCHECK_ID18 || idr.kind == IDCHECK_ID15_LEGACY;
	if (r->nevents > 0)
		body = cJSON_Parse(r->events[0].body ? r->events[0].body : "");
	if (body) {
		int ok = 0;

		if (bo_party_matches(cJSON_GetObjectItemCaseSensitive(body, "applicant"),
				     idr.norm, nm, &ok)) {
			*relation = "applicant";
			name_ok = ok;
		}
		ok = 0;
		if ((!*relation || !name_ok) &&
		    bo_party_matches(cJSON_GetObjectItemCaseSensitive(body, "agent"),
				     idr.norm, nm, &ok)) {
			*relation = "agent";
			name_ok = ok;
		}
	}
	cJSON_Delete(body);
	if (*relation && !name_ok) {
		yc_seterr(err, errsz,
			  _("领取人姓名“%s”与办件 %s 登记的%s姓名不符，不能领取；请核对身份证件"),
			  nm, r->number, strcmp(*relation, "agent") == 0 ? _("代理人") : _("申请人"));
		*relation = NULL;
		return -1;
	}
	if (*relation)
		return 1;
	if (!person)
		return yc_seterr(err, errsz,
				 _("领取人须持本人居民身份证领取：%s 不是个人身份证号码"), idr.norm);
	return 0;
}

int backoffice_collector(struct store *st, const struct calendar *cal, const char *ref,
			 const char *name, const char *id_no, const char **relation,
			 char *err, size_t errsz)
{
	struct case_record r;
	char norm[64];
	int rc;

	*relation = NULL;
	if (bo_expect_deliverable(st, cal, ref, _("窗口领取"), &r, err, errsz) != 0)
		return -1;
	rc = bo_collector(&r, name, id_no, relation, norm, sizeof norm, err, errsz);
	case_record_free(&r);
	return rc;
}

int backoffice_pickup(struct store *st, const struct calendar *cal, const char *ref,
		      const char *user, int day, const struct backoffice_pickup *p,
		      char *err, size_t errsz)
{
	struct case_event e = bo_event(CASE_EV_DELIVERED, day);
	struct case_record r;
	const char *relation = NULL;
	cJSON *o, *c;
	char *extra, name[256], norm[64];
	int rc;

	assert(p);
	if (!bo_has_text(p->name))
		return yc_seterr(err, errsz, _("请登记领取人姓名（与身份证件一致）"));
	if (!p->confirmed)
		return yc_seterr(err, errsz,
				 _("领取人尚未签字确认领取；确认后再登记送达"));
	if (bo_expect_deliverable(st, cal, ref, _("窗口领取"), &r, err, errsz) != 0)
		return -1;
	snprintf(name, sizeof name, "%s", p->name);
	yc_trim(name);
	rc = bo_collector(&r, name, p->id_no, &relation, norm, sizeof norm, err, errsz);
	if (rc == 0 && p->authorised)
		relation = "authorised";
	else if (rc == 0)
		yc_seterr(err, errsz,
			  _("领取人 %s（%s）既不是办件 %s 的申请人（%s），也不是登记的代理人；"
			    "须核对其持有的书面授权委托书（委托书）后确认，才能领取，或改为邮寄送达"),
			  name, norm, r.number, r.applicant_name);
	case_record_free(&r);
	if (!relation)
		return -1;
	e.delivery = CASE_DELIVERY_PICKUP;
	o = cJSON_CreateObject();
	c = o ? cJSON_AddObjectToObject(o, "collector") : NULL;
	if (c) {
		cJSON_AddStringToObject(c, "name", name);
		cJSON_AddStringToObject(c, "id_no", norm);
		cJSON_AddStringToObject(c, "relation", relation);
		cJSON_AddBoolToObject(o, "confirmed", 1);
	}
	extra = bo_json_text(o, err, errsz);
	if (!extra)
		return -1;
	rc = bo_act(st, cal, ref, user, ROLE_ISSUER, _("登记窗口领取"), &e, extra, err, errsz);
	free(extra);
	return rc;
}

/* 1 when w is an EMS waybill number as typed: 10..20 ASCII letters and
 * digits. */
static int bo_waybill_valid(const char *w)
{
	size_t n = w ? strlen(w) : 0;

	if (n < 10 || n > 20)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)w[i]))
			return 0;
	return 1;
}

int backoffice_post(struct store *st, const struct calendar *cal, const char *ref,
		    const char *user, int day, const struct backoffice_post *p,
		    char *err, size_t errsz)
{
	struct case_event e = bo_event(CASE_EV_DELIVERED, day);
	struct case_record r;
	cJSON *o;
	char *extra;
	int rc;

	assert(p);
	if (!bo_waybill_valid(p->waybill))
		return yc_seterr(err, errsz,
				 _("EMS 运单号“%s”无效：应为 10 到 20 位字母或数字，请照运单填写"),
				 p->waybill ? p->waybill : "");
	if (!bo_has_text(p->address))
		return yc_seterr(err, errsz, _("邮寄送达须登记收件地址"));
	if (!bo_has_text(p->recipient))
		return yc_seterr(err, errsz, _("邮寄送达须登记收件人"));
	if (bo_expect_deliverable(st, cal, ref, _("邮寄送达"), &r, err, errsz) != 0)
		return -1;
	case_record_free(&r);
	e.delivery = CASE_DELIVERY_POST;
	o = cJSON_CreateObject();
	if (o) {
		cJSON_AddStringToObject(o, "waybill", p->waybill);
		cJSON_AddStringToObject(o, "address", p->address);
		cJSON_AddStringToObject(o, "recipient", p->recipient);
	}
	extra = bo_json_text(o, err, errsz);
	if (!extra)
		return -1;
	rc = bo_act(st, cal, ref, user, ROLE_ISSUER, _("登记邮寄送达"), &e, extra, err, errsz);
	free(extra);
	return rc;
}

int backoffice_archive(struct store *st, const struct calendar *cal, const char *ref,
		       const char *user, int day, char *err, size_t errsz)
{
	struct case_event e = bo_event(CASE_EV_ARCHIVED, day);

	return bo_act(st, cal, ref, user, ROLE_ISSUER, _("归档"), &e, NULL, err, errsz);
}
