/*
 * doc_decision.c — the papers of the department's own decisions on a
 * case: 延长审批期限告知书 (行政许可法 art. 42), 特别程序告知书 (art. 45)
 * and 不予行政许可决定书 (art. 38).  They are the deciding department's
 * acts, not the centre's: the department (the case's item's 实施主体) is
 * named where the law says "本机关" and seals them (doc.seal.DEPARTMENT,
 * else "DEPARTMENT（印章）").
 */
#include <stdio.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/casefsm.h"
#include "yichuang/casestore.h"
#include "yichuang/document.h"
#include "yichuang/util.h"
#include "doc_internal.h"

/* The remedies backoffice_decide records when the approver gives none
 * (its BO_DEFAULT_REMEDIES, as stored in Chinese or in the language of
 * the interface): the document then states them with the bodies of the
 * settings instead, which is more precise. */
#define DC_DEFAULT_REMEDIES \
	"如不服本决定，可以自收到本决定之日起六十日内依法申请行政复议，" \
	"或者六个月内依法向人民法院提起行政诉讼。"

/* The field naming the deciding department. */
static void dc_authority_field(struct dctx *x)
{
	doc_add(x->d, DOC_FIELD, D_("决定机关"), dc_authority(x));
}

/* 延长审批期限告知书 (行政许可法 art. 42). */
int dc_extension(struct dctx *x, char *err, size_t errsz)
{
	const struct case_event_row *r = dc_last(x->c, CASE_EV_EXTENDED);
	const struct case_fold *f = &x->c->fold;
	cJSON *body;
	char buf[1024], day[64], day2[64];

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
	dc_authority_field(x);
	doc_add(x->d, DOC_FIELD, D_("受理日期"), dc_day_text(f->accepted_on, day, sizeof day));
	doc_add(x->d, DOC_FIELD, D_("延期决定日期"),
		dc_day_text(dc_body_date(body, "day"), day, sizeof day));
	dc_addressee(x);
	doc_addf(x->d, DOC_PARA, NULL,
		 D_("%s，%s已依法受理。因%s，不能在原定期限内作出决定。根据《中华人民共和国行政许可法》"
		    "第四十二条第一款的规定，经%s负责人批准，审批期限延长 %d 个工作日，"
		    "承诺办结日期延至%s。"),
		 dc_application(x, buf, sizeof buf), dc_authority(x),
		 dc_str(body, "reason") ? dc_str(body, "reason") : D_("情况复杂"), dc_authority(x),
		 dc_int(body, "extension_days") > 0 ? dc_int(body, "extension_days") : f->extension_days,
		 dc_day_text(f->promised_on, day2, sizeof day2));
	dc_contacts(x);
	dc_department_seal(x);
	cJSON_Delete(body);
	return 0;
}

/* The name of a 特别程序 procedure word. */
static const char *dc_procedure(const char *w)
{
	if (w && strcmp(w, "hearing") == 0)
		return D_("听证");
	if (w && strcmp(w, "inspection") == 0)
		return D_("检验、检测、检疫");
	if (w && strcmp(w, "expert") == 0)
		return D_("鉴定和专家评审");
	return D_("特别程序");
}

/* 特别程序告知书 (行政许可法 art. 45): the procedure, why, from when,
 * and how long it is expected to take (the body's expected_end, when the
 * approver gave one; otherwise the time will be told in writing). */
int dc_special(struct dctx *x, char *err, size_t errsz)
{
	const struct case_event_row *r = dc_last(x->c, CASE_EV_SPECIAL_STARTED);
	cJSON *body;
	char buf[1024], day[64], end[64], until[256];
	int start, expected;

	if (!r)
		return dc_not_yet(x, err, errsz, _("没有启动特别程序"));
	if (dc_head(x, err, errsz) != 0)
		return -1;
	body = dc_body(r);
	if (!body) {
		x->d->oom = 1;
		return 0;
	}
	start = dc_body_date(body, "day");
	expected = dc_body_date(body, "expected_end");
	if (expected > 0)
		snprintf(until, sizeof until, D_("预计于%s前结束"),
			 dc_day_text(expected, end, sizeof end));
	else
		snprintf(until, sizeof until, "%s", D_("所需时间另行书面告知"));
	dc_parties(x);
	dc_authority_field(x);
	doc_add(x->d, DOC_FIELD, D_("特别程序"), dc_procedure(dc_str(body, "procedure")));
	doc_add(x->d, DOC_FIELD, D_("开始日期"), dc_day_text(start, day, sizeof day));
	doc_add(x->d, DOC_FIELD, D_("预计结束日期"),
		expected > 0 ? end : D_("另行书面告知"));
	dc_addressee(x);
	doc_addf(x->d, DOC_PARA, NULL,
		 D_("%s，因%s，需要进行%s，自%s起进入特别程序，%s。根据《中华人民共和国行政许可法》"
		    "第四十五条的规定，特别程序所需时间不计算在审批期限内；特别程序结束后，"
		    "%s将继续审查并告知办理结果。"),
		 dc_application(x, buf, sizeof buf),
		 dc_str(body, "reason") ? dc_str(body, "reason") : D_("审查需要"),
		 dc_procedure(dc_str(body, "procedure")), dc_day_text(start, day, sizeof day), until,
		 dc_authority(x));
	dc_contacts(x);
	dc_department_seal(x);
	cJSON_Delete(body);
	return 0;
}

/* 1 when the remedies text of a decision is backoffice_decide's default. */
static int dc_default_remedies(const char *text)
{
	return strcmp(text, DC_DEFAULT_REMEDIES) == 0 ||
	       strcmp(text, gettext(DC_DEFAULT_REMEDIES)) == 0;
}

/* 不予行政许可决定书 (行政许可法 art. 38): the reasons and the remedies
 * the department decided to tell (case decide --remedies), else those of
 * the law with the bodies of the settings. */
int dc_denial(struct dctx *x, char *err, size_t errsz)
{
	const struct case_event_row *r = dc_last(x->c, CASE_EV_DECIDED);
	const struct case_fold *f = &x->c->fold;
	const char *remedies;
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
	dc_authority_field(x);
	dc_received_field(x);
	doc_add(x->d, DOC_FIELD, D_("受理日期"), dc_day_text(f->accepted_on, day, sizeof day));
	doc_add(x->d, DOC_FIELD, D_("决定日期"), dc_day_text(f->decided_on, day, sizeof day));
	dc_addressee(x);
	doc_addf(x->d, DOC_PARA, NULL,
		 D_("%s，%s已依法受理。经审查，根据《中华人民共和国行政许可法》第三十八条第二款的规定，"
		    "决定不予行政许可。理由如下："), dc_application(x, buf, sizeof buf), dc_authority(x));
	doc_add(x->d, DOC_PARA, NULL, dc_str(body, "reason") ? dc_str(body, "reason")
			: D_("（理由未登记）"));
	remedies = dc_str(body, "remedies");
	if (remedies && !dc_default_remedies(remedies))
		doc_add(x->d, DOC_PARA, NULL, remedies);
	else
		dc_remedies(x);
	dc_contacts(x);
	dc_department_seal(x);
	cJSON_Delete(body);
	return 0;
}
