/*
 * applications.c — POST /v1/applications, online applications (source
 * rule 10): each is checked like an application at the counter (item in
 * the current catalog and open to online application, applicant's ID
 * number or credit code, the form's fields, materials sent electronically)
 * and becomes a case numbered by central (terminal 99) with a "received"
 * event that reaches the workstations by pull.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "yichuang/caseno.h"
#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "yichuang/date.h"
#include "yichuang/idcheck.h"
#include "yichuang/util.h"
#include "yichuang/validate.h"
#include "yichuang/workdays.h"
#include "api_ref.h"

/* ---- online applications (source rule 10) ---------------------------------------- */

/* Problems of one application, all of them (422 lists every one). */
struct api_problems {
	char *msg[64];
	size_t n;
};

static void api_problem(struct api_problems *p, const char *fmt, ...) YC_PRINTF(2, 3);

static void api_problem(struct api_problems *p, const char *fmt, ...)
{
	char buf[YC_ERRSZ];
	va_list ap;

	if (p->n >= sizeof p->msg / sizeof p->msg[0])
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	utf8_trim_partial(buf);
	p->msg[p->n] = yc_strdup(buf);
	if (p->msg[p->n])
		p->n++;
}

static void api_problems_free(struct api_problems *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->msg[i]);
	p->n = 0;
}

static const char *api_jtext(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Checks the applicant (against the kinds of applicant item `it` serves,
 * when known) and builds its JSON for the received body. */
static cJSON *api_app_applicant(const cJSON *app, const struct catalog_item *it,
				const char *phone, struct api_problems *p)
{
	const cJSON *ap = cJSON_GetObjectItemCaseSensitive(app, "applicant");
	const char *kind = api_jtext(ap, "kind"), *name = api_jtext(ap, "name");
	const char *id_no = api_jtext(ap, "id_no");
	struct idcheck_result ir;
	char msg[YC_ERRSZ];
	cJSON *o = cJSON_CreateObject();
	int org, checked = 0;

	memset(&ir, 0, sizeof ir);

	if (!cJSON_IsObject(ap)) {
		api_problem(p, "%s", _("applicant：缺少申请人（对象，含 kind、name、id_no）"));
		return o;
	}
	if (!kind || (strcmp(kind, "person") != 0 && strcmp(kind, "org") != 0)) {
		api_problem(p, "%s", _("applicant.kind：应为 person（自然人）或 org（法人或其他组织）"));
		kind = "person";
	}
	org = strcmp(kind, "org") == 0;
	if (it) {
		/* the counter's rule (intake): 服务对象 自然人 lets persons
		 * apply, any other target organisations; none listed, persons */
		int may_org = (it->targets & ~(unsigned)TARGET_PERSON) != 0;
		int may_person = (it->targets & TARGET_PERSON) != 0 || !may_org;

		if (org && !may_org)
			api_problem(p, _("applicant.kind：事项“%s”只受理个人申请（服务对象为自然人），"
					 "不受理单位申请"), it->name);
		else if (!org && !may_person)
			api_problem(p, _("applicant.kind：事项“%s”只受理单位申请（服务对象不含自然人），"
					 "不受理个人申请"), it->name);
	}
	if (!name || validate_text(name, 1, 100, msg, sizeof msg) != VALIDATE_OK)
		api_problem(p, _("applicant.name：申请人名称%s"),
			    name ? msg : _("不能为空"));
	if (!id_no || !*id_no) {
		api_problem(p, "%s", org ? _("applicant.id_no：缺少统一社会信用代码")
					  : _("applicant.id_no：缺少身份证号码"));
	} else if ((org ? idcheck_uscc(id_no, &ir) : idcheck_id(id_no, &ir)) != 0 ||
		   ir.kind == IDCHECK_ID15_LEGACY) {
		api_problem(p, "applicant.id_no：%s",
			    ir.msg[0] ? ir.msg : _("旧版 15 位身份证号码已停用，请填写 18 位号码"));
	} else {
		checked = 1;
	}
	if (o) {
		cJSON_AddStringToObject(o, "kind", kind);
		cJSON_AddStringToObject(o, "name", name ? name : "");
		/* the normalised form only of a number that was checked */
		if (checked && ir.norm[0])
			cJSON_AddStringToObject(o, "id_no", ir.norm);
		else
			cJSON_AddStringToObject(o, "id_no", id_no ? id_no : "");
		if (phone)
			cJSON_AddStringToObject(o, "phone", phone);
		else
			cJSON_AddNullToObject(o, "phone");
	}
	return o;
}

/* Checks the item's form fields; builds the "fields" object. */
static cJSON *api_app_fields(const cJSON *app, const struct catalog_item *it,
			     struct api_problems *p)
{
	const cJSON *fields = cJSON_GetObjectItemCaseSensitive(app, "fields"), *f;
	cJSON *o = cJSON_CreateObject();
	char msg[YC_ERRSZ];

	if (fields && !cJSON_IsObject(fields)) {
		api_problem(p, "%s", _("fields：应为对象（字段键 → 值）"));
		fields = NULL;
	}
	cJSON_ArrayForEach(f, fields) {
		int known = 0;

		for (size_t i = 0; i < it->nfields; i++)
			known |= strcmp(it->fields[i].key, f->string) == 0;
		if (!known)
			api_problem(p, _("fields.%s：事项“%s”的申请表没有这个字段"), f->string,
				    it->name);
		else if (!cJSON_IsString(f))
			api_problem(p, _("fields.%s：值应为字符串"), f->string);
	}
	for (size_t i = 0; i < it->nfields; i++) {
		const struct catalog_field *cf = &it->fields[i];
		const char *v = api_jtext(fields, cf->key);

		if (validate_field(cf, v, msg, sizeof msg) != VALIDATE_OK)
			api_problem(p, "fields.%s：%s", cf->key, msg);
		else if (v && o)
			cJSON_AddStringToObject(o, cf->key, v);
	}
	return o;
}

/* Matches the materials sent online with the item's checklist. */
static cJSON *api_app_materials(const cJSON *app, const struct catalog_item *it,
				struct api_problems *p)
{
	const cJSON *mats = cJSON_GetObjectItemCaseSensitive(app, "materials"), *m;
	cJSON *a = cJSON_CreateArray();
	const struct catalog_material *seen[64];
	size_t seen_at[64];
	size_t i = 0, nseen = 0;

	if (mats && !cJSON_IsArray(mats)) {
		api_problem(p, "%s", _("materials：应为数组"));
		mats = NULL;
	}
	cJSON_ArrayForEach(m, mats) {
		const char *id = api_jtext(m, "id"), *name = api_jtext(m, "name");
		const struct catalog_material *cm = NULL;
		cJSON *o;

		i++;
		for (size_t j = 0; j < it->nmaterials && !cm; j++)
			if ((id && strcmp(it->materials[j].id, id) == 0) ||
			    (name && strcmp(it->materials[j].name, name) == 0))
				cm = &it->materials[j];
		if (!cm) {
			api_problem(p, _("materials[%zu]：事项“%s”的材料清单中没有“%s”"), i, it->name,
				    name ? name : id ? id : "");
			continue;
		}
		{
			size_t dup = 0;

			for (size_t j = 0; j < nseen && !dup; j++)
				if (seen[j] == cm)
					dup = seen_at[j];
			if (dup) {
				api_problem(p, _("materials[%zu]：重复，与 materials[%zu] 是同一份材料“%s”；"
						 "每份材料只列一次"), i, dup, cm->name);
				continue;
			}
			if (nseen < sizeof seen / sizeof seen[0]) {
				seen[nseen] = cm;
				seen_at[nseen++] = i;
			}
		}
		if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "electronic"))) {
			api_problem(p, _("materials[%zu]：网上申请只能提交电子材料（electronic 应为 true）"),
				    i);
			continue;
		}
		o = cJSON_CreateObject();
		if (o && a) {
			cJSON_AddStringToObject(o, "id", cm->id);
			cJSON_AddStringToObject(o, "receipt", "electronic");
			cJSON_AddNumberToObject(o, "originals", 0);
			cJSON_AddNumberToObject(o, "copies", 0);
			cJSON_AddFalseToObject(o, "nonconforming");
			cJSON_AddNullToObject(o, "note");
			cJSON_AddItemToArray(a, o);
		} else {
			cJSON_Delete(o);
		}
	}
	return a;
}

/* Builds the received event's body of a valid application, or NULL with
 * the problems in *p. */
static char *api_app_body(const cJSON *app, const char *app_id, int day,
			  struct api_problems *p, const struct catalog_item **itp)
{
	const char *code = api_jtext(app, "item"), *phone = api_jtext(app, "phone");
	const struct catalog_item *it = code ? catalog_find_item(&api_cat, code) : NULL;
	cJSON *body = cJSON_CreateObject();
	char msg[YC_ERRSZ], norm[64], buf[16];
	int due = 0;
	char *text = NULL;

	*itp = it;
	if (!code)
		api_problem(p, "%s", _("item：缺少事项编码"));
	else if (!it)
		api_problem(p, _("item：当前事项目录（第 %d 版）中没有事项编码 %s"),
			    api_cat_version, code);
	else if (!it->online)
		api_problem(p, _("item：事项“%s”不支持网上申请"), it->name);
	if (!phone || validate_phone(phone, norm, sizeof norm, msg, sizeof msg) != VALIDATE_OK)
		api_problem(p, "phone：%s", phone ? msg : _("缺少联系电话"));
	else
		phone = norm;
	if (!body)
		return NULL;
	cJSON_AddStringToObject(body, "day", date_format(day, buf, sizeof buf));
	cJSON_AddBoolToObject(body, "instant", it && it->kind == ITEM_INSTANT);
	cJSON_AddNumberToObject(body, "promised_limit",
				it && it->kind != ITEM_INSTANT ? it->promised_limit : 0);
	cJSON_AddStringToObject(body, "promised_unit",
				it && it->promised_unit == LIMIT_DAYS ? "days" : "workdays");
	cJSON_AddStringToObject(body, "item_code", code ? code : "");
	cJSON_AddNumberToObject(body, "catalog_version", api_cat_version);
	cJSON_AddStringToObject(body, "item_name", it ? it->name : "");
	cJSON_AddItemToObject(body, "applicant", api_app_applicant(app, it, phone, p));
	if (it) {
		cJSON_AddItemToObject(body, "fields", api_app_fields(app, it, p));
		cJSON_AddItemToObject(body, "situations", cJSON_CreateArray());
		cJSON_AddItemToObject(body, "materials", api_app_materials(app, it, p));
	}
	cJSON_AddStringToObject(body, "channel", "online");
	cJSON_AddStringToObject(body, "application_id", app_id ? app_id : "");
	/* 网上预受理: the window answers within 2 working days */
	workdays_add(api_cal, day, 2, &due, NULL);
	cJSON_AddStringToObject(body, "answer_due", date_format(due, buf, sizeof buf));
	if (p->n == 0)
		text = cJSON_PrintUnformatted(body);
	cJSON_Delete(body);
	return text;
}

void api_applications(struct api *a, struct bconn *c, const char *text,
		      struct api_reply *r)
{
	const struct backend_ops *ops = pool_ops(a->pool);
	cJSON *app = cJSON_Parse(text);
	const char *id = api_jtext(app, "id");
	const struct catalog_item *it;
	struct api_problems p = { { 0 }, 0 };
	struct codec_event ev;
	char err[YC_ERRSZ], sender[32], dayname[16], counter[64], at[40], hash[65];
	char *number = NULL, *body = NULL, *reply, *canon = NULL, *old_hash = NULL;
	long long lock, seq;
	int found = 0, begun = 0, id_ok, day = date_today();

	memset(&ev, 0, sizeof ev);
	if (!cJSON_IsObject(app)) {
		cJSON_Delete(app);
		api_error(r, 400, _("请求不是有效的 JSON 对象"));
		return;
	}
	if (!a->cfg->site) {
		cJSON_Delete(app);
		api_error(r, 503, _("中心未配置站点代码（site），不能受理网上申请；请在配置文件中设置 site"));
		return;
	}
	/* one application, one content: the hash of its JSON (spacing aside) */
	canon = cJSON_PrintUnformatted(app);
	if (!canon) {
		cJSON_Delete(app);
		api_error(r, 500, _("内存不足"));
		return;
	}
	srv_hash_hex(canon, strlen(canon), hash);
	free(canon);
	/* a bad id is one problem among the others: all are listed */
	id_ok = codec_uuid_valid(id);
	if (!id_ok)
		api_problem(&p, "%s", id ? _("id：申请编号应为 UUID") : _("id：缺少申请编号（UUID）"));
	if (api_refresh(a, c, err, sizeof err) != 0)
		goto fail;
	if (id_ok) {
		if (ops->begin(c, err, sizeof err) != 0)
			goto fail;
		begun = 1;
		if (ops->counter_add(c, "seq", 0, &lock, err, sizeof err) != 0)
			goto fail_tx;
		found = ops->application_find(c, id, &number, &old_hash, err, sizeof err);
		if (found < 0)
			goto fail_tx;
	}
	if (found && old_hash && strcmp(old_hash, hash) != 0) {
		ops->rollback(c);
		api_problem(&p, _("id：申请编号 %s 已用于另一份内容不同的申请（办件编号 %s）；"
				  "新的申请请用新的申请编号"), id, number);
		api_json(r, 422, codec_errors(_("网上申请有 1 处问题"),
					      (const char *const *)p.msg, p.n));
		goto out;
	}
	if (found) {
		ops->rollback(c);
		reply = NULL;
		{
			cJSON *o = cJSON_CreateObject();

			if (o && cJSON_AddStringToObject(o, "number", number))
				reply = cJSON_PrintUnformatted(o);
			cJSON_Delete(o);
		}
		api_json(r, 200, reply);
		goto out;
	}
	pthread_rwlock_rdlock(&api_ref_lock);
	body = api_app_body(app, id, day, &p, &it);
	pthread_rwlock_unlock(&api_ref_lock);
	if (p.n > 0 || !body) {
		char summary[96];

		if (begun)
			ops->rollback(c);
		snprintf(summary, sizeof summary, _("网上申请有 %zu 处问题"), p.n);
		api_json(r, p.n ? 422 : 500,
			 p.n ? codec_errors(summary, (const char *const *)p.msg, p.n)
			     : codec_error(_("内存不足")));
		goto out;
	}
	date_format(day, dayname, sizeof dayname);
	snprintf(counter, sizeof counter, "case:%s-99:%s", a->cfg->site, dayname);
	if (ops->counter_add(c, counter, 1, &seq, err, sizeof err) != 0)
		goto fail_tx;
	number = malloc(CASENO_TEXT_MAX);
	if (!number || caseno_format(a->cfg->site, 99, day, (unsigned long)seq, number,
				     CASENO_TEXT_MAX, err, sizeof err) != 0)
		goto fail_tx;
	case_uuid(ev.id);
	case_uuid(ev.case_id);
	srv_now_text(at, sizeof at);
	ev.type = CASE_EV_RECEIVED;
	ev.case_number = number;
	ev.at = at;
	ev.actor = (char *)"online";
	ev.body = body;
	snprintf(sender, sizeof sender, "%s-99", a->cfg->site);
	if (ops->event_append(c, &ev, sender, err, sizeof err) != 0 ||
	    ops->application_add(c, id, number, ev.case_id, hash, err, sizeof err) != 0 ||
	    ops->commit(c, err, sizeof err) != 0)
		goto fail_tx;
	reply = NULL;
	{
		cJSON *o = cJSON_CreateObject();

		if (o && cJSON_AddStringToObject(o, "number", number))
			reply = cJSON_PrintUnformatted(o);
		cJSON_Delete(o);
	}
	api_json(r, 201, reply);
	goto out;
fail_tx:
	ops->rollback(c);
fail:
	api_fail(r, err);
out:
	free(old_hash);
	api_problems_free(&p);
	free(body);
	free(number);
	cJSON_Delete(app);
}
