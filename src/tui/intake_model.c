/*
 * intake_model.c — the state of one unfinished intake without the
 * terminal: units (one per item; a 一件事 bundle has several sharing
 * applicant and form), the checklist as situations switch materials on and
 * off, the checks of the applicant and form fields, and the draft that
 * keeps all of it across quitting, lost sessions and kill -9.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/catalog.h"
#include "yichuang/casestore.h"
#include "yichuang/date.h"
#include "yichuang/util.h"
#include "yichuang/validate.h"
#include "yichuang/workdays.h"
#include "app.h"
#include "intake.h"

#define DRAFT_KIND "intake"	/* drafts are "intake-<uuid>" (older: "intake") */
#define DRAFT_VERSION 1

static const char *const step_names[STEP_COUNT] = {
	"offer", "item", "applicant", "fields", "situations", "checklist",
	"check", "reject", "result",
};

static const char *const receipt_names[] = {
	[RECEIPT_MISSING] = "missing",
	[RECEIPT_PAPER] = "paper",
	[RECEIPT_ELECTRONIC] = "electronic",
	[RECEIPT_FETCHED] = "fetched",
	[RECEIPT_DEFERRED] = "deferred",
};

const char *intake_step_name(enum intake_step s)
{
	return (unsigned)s < STEP_COUNT ? step_names[s] : "item";
}

/* The step as the clerk calls it. */
static const char *step_label(enum intake_step s)
{
	switch (s) {
	case STEP_APPLICANT:
		return _("申请人");
	case STEP_FIELDS:
		return _("申请表");
	case STEP_SITUATIONS:
		return _("情形");
	case STEP_CHECKLIST:
		return _("材料");
	case STEP_CHECK:
	case STEP_RESULT:
		return _("审查");
	case STEP_REJECT:
		return _("不予受理");
	default:
		return _("选择事项");
	}
}

static void unit_free(struct intake_unit *u)
{
	free(u->sit_on);
	free(u->mats);
	memset(u, 0, sizeof *u);
}

void intake_model_clear(struct intake *in)
{
	for (size_t i = 0; i < in->nunits; i++)
		unit_free(&in->units[i]);
	free(in->units);
	free(in->fields);
	in->units = NULL;
	in->nunits = 0;
	in->fields = NULL;
	in->nfields = 0;
	in->bundle = NULL;
	memset(in->party, 0, sizeof in->party);
	memset(in->reject, 0, sizeof in->reject);
	in->checked = in->problems = in->told_correction = in->decided = 0;
	in->result_text[0] = '\0';
}

void intake_mat_default(struct intake_mat *m)
{
	const struct catalog_material *c = m->m;

	m->kind = intake_usual_receipt(c);
	m->originals = m->kind == RECEIPT_PAPER ? c->originals : 0;
	m->copies = m->kind == RECEIPT_PAPER ? c->copies : 0;
}

/* The ids of the situations chosen in u; *out allocated (may be empty). */
static int unit_situations(const struct intake_unit *u, const char ***out, size_t *n)
{
	const struct catalog_item *it = u->item;

	*n = 0;
	*out = calloc(it->nsituations + 1, sizeof **out);
	if (!*out)
		return -1;
	for (size_t i = 0; i < it->nsituations; i++)
		if (u->sit_on[i])
			(*out)[(*n)++] = it->situations[i].id;
	return 0;
}

int intake_unit_rebuild(struct intake_unit *u, char *err, size_t errsz)
{
	const struct catalog_material **act = NULL;
	const char **sits = NULL;
	struct intake_mat *mats;
	size_t nact = 0, nsits = 0;

	if (unit_situations(u, &sits, &nsits) != 0)
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	if (intake_active_materials(u->item, sits, nsits, &act, &nact, err, errsz) != 0) {
		free(sits);
		return -1;
	}
	free(sits);
	mats = calloc(nact + 1, sizeof *mats);
	if (!mats) {
		free(act);
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	}
	for (size_t i = 0; i < nact; i++) {
		mats[i].m = act[i];
		/* 部门核发: fetched by the window, never asked of the applicant */
		mats[i].kind = intake_preset_receipt(act[i]);
		for (size_t j = 0; j < u->nmats; j++)
			if (u->mats[j].m == act[i])
				mats[i] = u->mats[j];
	}
	free(act);
	free(u->mats);
	u->mats = mats;
	u->nmats = nact;
	return 0;
}

/* Adds the fields of `it` not yet in the merged form (by key). */
static int add_fields(struct intake *in, const struct catalog_item *it)
{
	for (size_t i = 0; i < it->nfields; i++) {
		size_t j;
		struct intake_field *v;

		for (j = 0; j < in->nfields; j++)
			if (strcmp(in->fields[j].f->key, it->fields[i].key) == 0)
				break;
		if (j < in->nfields)
			continue;
		v = realloc(in->fields, (in->nfields + 1) * sizeof *v);
		if (!v)
			return -1;
		in->fields = v;
		memset(&v[in->nfields], 0, sizeof *v);
		v[in->nfields++].f = &it->fields[i];
	}
	return 0;
}

int intake_model_start(struct intake *in, const struct catalog_item *it,
		       const struct catalog_bundle *b, char *err, size_t errsz)
{
	const struct catalog *cat = &in->app->cat;
	size_t n = b ? b->nitems : 1;
	unsigned targets = 0;

	intake_model_clear(in);
	in->bundle = b;
	in->units = calloc(n, sizeof *in->units);
	if (!in->units)
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	for (size_t i = 0; i < n; i++) {
		struct intake_unit *u = &in->units[i];

		u->item = b ? catalog_find_item(cat, b->items[i]) : it;
		if (!u->item) {
			intake_model_clear(in);
			return yc_seterr(err, errsz, _("一件事“%s”的事项 %s 不在事项目录中"),
					 b->name, b->items[i]);
		}
		in->nunits++;
		u->doc = -1;
		u->sit_on = calloc(u->item->nsituations + 1, sizeof *u->sit_on);
		if (!u->sit_on || add_fields(in, u->item) != 0) {
			intake_model_clear(in);
			return yc_seterr(err, errsz, "%s", _("内存不足"));
		}
		if (intake_unit_rebuild(u, err, errsz) != 0) {
			intake_model_clear(in);
			return -1;
		}
		targets |= u->item->targets;
	}
	in->may_person = (targets & TARGET_PERSON) != 0;
	in->may_org = (targets & ~(unsigned)TARGET_PERSON) != 0;
	if (!in->may_person && !in->may_org)
		in->may_person = 1;
	in->org = !in->may_person;
	return 0;
}

int intake_has_situations(const struct intake *in)
{
	for (size_t i = 0; i < in->nunits; i++)
		if (in->units[i].item->nsituations > 0)
			return 1;
	return 0;
}

/* ---- applicant and agent ------------------------------------------------ */

const char *intake_party_label(const struct intake *in, enum intake_party_row r)
{
	switch (r) {
	case PROW_KIND:
		return _("申请人类型");
	case PROW_NAME:
		return in->org ? _("单位名称") : _("申请人姓名");
	case PROW_ID:
		return in->org ? _("统一社会信用代码") : _("身份证号码");
	case PROW_OVERRIDE:
		return _("校验位不符的理由");
	case PROW_PHONE:
		return _("联系电话");
	case PROW_AGENT_NAME:
		return _("代理人姓名");
	case PROW_AGENT_ID:
		return _("代理人身份证号码");
	case PROW_AGENT_PHONE:
		return _("代理人电话");
	default:
		return "";
	}
}

static int has_agent(const struct intake *in)
{
	return in->party[PROW_AGENT_NAME][0] || in->party[PROW_AGENT_ID][0] ||
	       in->party[PROW_AGENT_PHONE][0];
}

/* 1 when the organisation's code fails only its check digit. */
static int uscc_needs_reason(const struct intake *in)
{
	char msg[320], buf[INTAKE_VALUE_MAX];

	if (!in->org)
		return 0;
	snprintf(buf, sizeof buf, "%s", in->party[PROW_ID]);
	return validate_uscc(buf, NULL, 0, msg, sizeof msg) == VALIDATE_WARNING;
}

int intake_party_row_shown(const struct intake *in, enum intake_party_row r)
{
	if (r == PROW_KIND)
		return in->may_person && in->may_org;
	if (r == PROW_OVERRIDE)
		return uscc_needs_reason(in);
	return r < PROW_COUNT;
}

/* "LABEL：what" into msg; returns -1 (or rc). */
static int party_msg(const struct intake *in, enum intake_party_row r, int rc,
		     char *msg, size_t msgsz, const char *what)
{
	utf8_snprintf(msg, msgsz, "%s：%s", intake_party_label(in, r), what);
	return rc;
}

int intake_party_check(const struct intake *in, enum intake_party_row r,
		       char *msg, size_t msgsz)
{
	char v[INTAKE_VALUE_MAX], m[400];
	int rc;

	msg[0] = '\0';
	snprintf(v, sizeof v, "%s", in->party[r]);
	yc_trim(v);
	switch (r) {
	case PROW_NAME:
		if (!*v)
			return party_msg(in, r, -1, msg, msgsz, in->org ? _("请填写单位全称（与营业执照一致）")
					 : _("请填写申请人姓名（与身份证一致）"));
		if (validate_text(v, 2, 100, m, sizeof m) != VALIDATE_OK)
			return party_msg(in, r, -1, msg, msgsz, m);
		return 0;
	case PROW_ID:
		if (!*v)
			return party_msg(in, r, -1, msg, msgsz, in->org ? _("请填写 18 位统一社会信用代码")
					 : _("请填写 18 位身份证号码"));
		rc = in->org ? validate_uscc(v, NULL, 0, m, sizeof m) : validate_id(v, NULL, 0, m, sizeof m);
		if (rc == VALIDATE_OK)
			return 0;
		if (rc == VALIDATE_WARNING)
			return party_msg(in, r, 1, msg, msgsz, m);
		return party_msg(in, r, -1, msg, msgsz, m);
	case PROW_OVERRIDE:
		if (!uscc_needs_reason(in))
			return 0;
		if (validate_text(v, 4, 200, m, sizeof m) != VALIDATE_OK || !*v)
			return party_msg(in, r, -1, msg, msgsz,
					 _("请写明为何接受校验位不符的代码（至少 4 个字）"));
		return 0;
	case PROW_PHONE:
		if (!*v)
			return party_msg(in, r, -1, msg, msgsz, _("请填写手机或固定电话（含区号）"));
		if (validate_phone(v, NULL, 0, m, sizeof m) != VALIDATE_OK)
			return party_msg(in, r, -1, msg, msgsz, m);
		return 0;
	case PROW_AGENT_NAME:
		if (!has_agent(in))
			return 0;
		if (!*v)
			return party_msg(in, r, -1, msg, msgsz,
					 _("填了代理人信息就须填代理人姓名；无代理人请清空这三栏"));
		if (validate_text(v, 2, 50, m, sizeof m) != VALIDATE_OK)
			return party_msg(in, r, -1, msg, msgsz, m);
		return 0;
	case PROW_AGENT_ID:
		if (!has_agent(in))
			return 0;
		if (!*v)
			return party_msg(in, r, -1, msg, msgsz, _("请填写代理人的 18 位身份证号码"));
		if (validate_id(v, NULL, 0, m, sizeof m) != VALIDATE_OK)
			return party_msg(in, r, -1, msg, msgsz, m);
		return 0;
	case PROW_AGENT_PHONE:
		if (!*v)
			return 0;
		if (validate_phone(v, NULL, 0, m, sizeof m) != VALIDATE_OK)
			return party_msg(in, r, -1, msg, msgsz, m);
		return 0;
	default:
		return 0;
	}
}

int intake_party_first_problem(const struct intake *in, char *msg, size_t msgsz)
{
	for (int r = PROW_NAME; r < PROW_COUNT; r++)
		if (intake_party_row_shown(in, (enum intake_party_row)r) &&
		    intake_party_check(in, (enum intake_party_row)r, msg, msgsz) < 0)
			return r;
	return -1;
}

/* ---- form fields ------------------------------------------------------- */

int intake_field_check(const struct intake_field *f, char *msg, size_t msgsz)
{
	char v[INTAKE_VALUE_MAX];
	int rc;

	snprintf(v, sizeof v, "%s", f->value);
	rc = validate_field(f->f, v, msg, msgsz);
	if (rc == VALIDATE_WARNING) {
		if (utf8_len(f->override) >= 4)
			return 0;
		return 1;
	}
	return rc == VALIDATE_OK ? 0 : -1;
}

int intake_fields_first_problem(const struct intake *in, char *msg, size_t msgsz)
{
	for (size_t i = 0; i < in->nfields; i++)
		if (intake_field_check(&in->fields[i], msg, msgsz) != 0)
			return (int)i;
	return -1;
}

void intake_fields_prefill(struct intake *in)
{
	for (size_t i = 0; i < in->nfields; i++) {
		struct intake_field *f = &in->fields[i];
		const char *src = NULL;

		if (f->value[0])
			continue;
		if (f->f->type == FIELD_PHONE)
			src = in->party[PROW_PHONE];
		else if (f->f->type == FIELD_USCC && in->org)
			src = in->party[PROW_ID];
		else if (f->f->type == FIELD_ID && !in->org)
			src = in->party[PROW_ID];
		if (!src)
			continue;
		snprintf(f->value, sizeof f->value, "%s", src);
		if (f->f->type == FIELD_USCC)
			snprintf(f->override, sizeof f->override, "%s", in->party[PROW_OVERRIDE]);
	}
}

/* ---- the check ----------------------------------------------------------- */

int intake_unit_check(const struct intake_unit *u, struct intake_result *res,
		      char *err, size_t errsz)
{
	const char **sits = NULL;
	struct intake_receipt *r;
	size_t nsits = 0;
	int rc;

	if (unit_situations(u, &sits, &nsits) != 0)
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	r = calloc(u->nmats + 1, sizeof *r);
	if (!r) {
		free(sits);
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	}
	for (size_t i = 0; i < u->nmats; i++) {
		r[i].material_id = u->mats[i].m->id;
		r[i].kind = u->mats[i].kind;
		r[i].originals = u->mats[i].originals;
		r[i].copies = u->mats[i].copies;
		r[i].nonconforming = u->mats[i].nonconforming;
		r[i].note = u->mats[i].note[0] ? u->mats[i].note : NULL;
	}
	rc = intake_check(u->item, sits, nsits, r, u->nmats, res, err, errsz);
	free(r);
	free(sits);
	return rc;
}

int intake_due_date(const struct intake *in, const struct catalog_material *m)
{
	int due = 0;

	if (m->need != NEED_DEFERRABLE || !in->cal)
		return 0;
	if (workdays_add(in->cal, in->today, m->deferral_days, &due, NULL) != 0)
		return 0;
	return due;
}

/* ---- drafts -------------------------------------------------------------- */

/* cJSON additions that remember a failure. */
static void jadd(int *oom, cJSON *o, const char *key, cJSON *v)
{
	if (!v || !o || (key ? !cJSON_AddItemToObject(o, key, v) : !cJSON_AddItemToArray(o, v))) {
		cJSON_Delete(v);
		*oom = 1;
	}
}

static void jstr(int *oom, cJSON *o, const char *key, const char *s)
{
	jadd(oom, o, key, cJSON_CreateString(s ? s : ""));
}

/* The whole unfinished intake as JSON text (allocated), NULL when out of
 * memory. */
static char *draft_json(const struct intake *in)
{
	cJSON *o = cJSON_CreateObject(), *a, *p, *f, *fo, *units, *rj;
	int oom = 0;
	char *text;

	if (!o)
		return NULL;
	jadd(&oom, o, "v", cJSON_CreateNumber(DRAFT_VERSION));
	jstr(&oom, o, "step", intake_step_name(in->step));
	jadd(&oom, o, "row", cJSON_CreateNumber(in->row));
	{
		char day[16];

		jstr(&oom, o, "day", date_format(in->today, day, sizeof day));
	}
	if (in->bundle)
		jstr(&oom, o, "bundle", in->bundle->code);
	else
		jstr(&oom, o, "item", in->units[0].item->code);
	jadd(&oom, o, "org", cJSON_CreateBool(in->org));
	p = cJSON_CreateObject();
	jstr(&oom, p, "name", in->party[PROW_NAME]);
	jstr(&oom, p, "id_no", in->party[PROW_ID]);
	jstr(&oom, p, "phone", in->party[PROW_PHONE]);
	jstr(&oom, p, "override_reason", in->party[PROW_OVERRIDE]);
	jadd(&oom, o, "applicant", p);
	a = cJSON_CreateObject();
	jstr(&oom, a, "name", in->party[PROW_AGENT_NAME]);
	jstr(&oom, a, "id_no", in->party[PROW_AGENT_ID]);
	jstr(&oom, a, "phone", in->party[PROW_AGENT_PHONE]);
	jadd(&oom, o, "agent", a);
	f = cJSON_CreateObject();
	fo = cJSON_CreateObject();
	for (size_t i = 0; f && fo && i < in->nfields; i++) {
		jstr(&oom, f, in->fields[i].f->key, in->fields[i].value);
		if (in->fields[i].override[0])
			jstr(&oom, fo, in->fields[i].f->key, in->fields[i].override);
	}
	jadd(&oom, o, "fields", f);
	jadd(&oom, o, "field_overrides", fo);
	units = cJSON_CreateArray();
	for (size_t i = 0; units && i < in->nunits; i++) {
		const struct intake_unit *u = &in->units[i];
		cJSON *uo = cJSON_CreateObject(), *s = cJSON_CreateArray(), *m = cJSON_CreateArray();

		jstr(&oom, uo, "item", u->item->code);
		for (size_t k = 0; s && k < u->item->nsituations; k++)
			if (u->sit_on[k])
				jstr(&oom, s, NULL, u->item->situations[k].id);
		jadd(&oom, uo, "situations", s);
		for (size_t k = 0; m && k < u->nmats; k++) {
			const struct intake_mat *x = &u->mats[k];
			cJSON *mo = cJSON_CreateObject();

			jstr(&oom, mo, "id", x->m->id);
			jstr(&oom, mo, "receipt", receipt_names[x->kind]);
			jadd(&oom, mo, "originals", cJSON_CreateNumber(x->originals));
			jadd(&oom, mo, "copies", cJSON_CreateNumber(x->copies));
			jadd(&oom, mo, "nonconforming", cJSON_CreateBool(x->nonconforming));
			jstr(&oom, mo, "note", x->note);
			jadd(&oom, m, NULL, mo);
		}
		jadd(&oom, uo, "materials", m);
		if (u->case_no[0])
			jstr(&oom, uo, "case", u->case_no);
		if (u->case_id[0])
			jstr(&oom, uo, "case_id", u->case_id);
		jadd(&oom, units, NULL, uo);
	}
	jadd(&oom, o, "units", units);
	rj = cJSON_CreateObject();
	jstr(&oom, rj, "reason", in->reject[0]);
	jstr(&oom, rj, "basis", in->reject[1]);
	jstr(&oom, rj, "competent_office", in->reject[2]);
	jadd(&oom, o, "reject", rj);
	text = oom ? NULL : cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return text;
}

void intake_draft_save(struct tui *t, struct intake *in)
{
	char err[YC_ERRSZ], *text;

	if (in->nunits == 0 || in->decided)
		return;
	if (!in->draft_kind[0]) {
		char id[CASE_ID_MAX];

		case_uuid(id);
		snprintf(in->draft_kind, sizeof in->draft_kind, "%s-%s", DRAFT_KIND, id);
	}
	text = draft_json(in);
	if (!text) {
		tui_error(t, "%s", _("内存不足：草稿未能保存"));
		return;
	}
	if (draft_save(in->app->st, in->app->user.name, in->draft_kind, text, err, sizeof err) != 0)
		tui_error(t, _("草稿未能保存（退出后本次录入可能丢失）：%s"), err);
	free(text);
}

void intake_draft_delete(struct tui *t, struct intake *in)
{
	char err[YC_ERRSZ];

	if (!in->draft_kind[0])
		return;
	if (draft_delete(in->app->st, in->app->user.name, in->draft_kind, err, sizeof err) != 0)
		tui_error(t, _("草稿未能删除：%s"), err);
}

int intake_drafts_load(struct tui *t, struct intake *in)
{
	char err[YC_ERRSZ];

	draft_list_free(in->drafts, in->ndrafts);
	in->drafts = NULL;
	in->ndrafts = 0;
	in->dsel = 0;
	if (draft_list(in->app->st, in->app->user.name, DRAFT_KIND, 1, &in->drafts, &in->ndrafts,
		       err, sizeof err) != 0) {
		tui_error(t, _("读取受理草稿失败：%s"), err);
		return -1;
	}
	return (int)in->ndrafts;
}

/* A string member, "" when absent or not a string. */
static const char *jget(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) && v->valuestring ? v->valuestring : "";
}

static int jint(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble < 100 ? v->valueint : 0;
}

static void restore_unit(struct intake_unit *u, const cJSON *uo)
{
	const cJSON *s, *m;
	char err[YC_ERRSZ];

	cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(uo, "situations")) {
		for (size_t k = 0; cJSON_IsString(s) && k < u->item->nsituations; k++)
			if (strcmp(u->item->situations[k].id, s->valuestring) == 0)
				u->sit_on[k] = 1;
	}
	if (intake_unit_rebuild(u, err, sizeof err) != 0)
		return;
	cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(uo, "materials")) {
		const char *id = jget(m, "id"), *kind = jget(m, "receipt");

		for (size_t k = 0; k < u->nmats; k++) {
			struct intake_mat *x = &u->mats[k];

			if (strcmp(x->m->id, id) != 0)
				continue;
			for (int r = RECEIPT_MISSING; r <= RECEIPT_DEFERRED; r++)
				if (strcmp(receipt_names[r], kind) == 0)
					x->kind = (enum receipt_kind)r;
			x->originals = jint(m, "originals");
			x->copies = jint(m, "copies");
			x->nonconforming = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "nonconforming"));
			snprintf(x->note, sizeof x->note, "%s", jget(m, "note"));
			utf8_trim_partial(x->note);
		}
	}
	snprintf(u->case_no, sizeof u->case_no, "%s", jget(uo, "case"));
	snprintf(u->case_id, sizeof u->case_id, "%s", jget(uo, "case_id"));
}

/* Copies a draft string into a fixed buffer without a half character. */
static void put_value(char *dst, size_t dstsz, const char *src)
{
	snprintf(dst, dstsz, "%s", src);
	utf8_trim_partial(dst);
}

int intake_draft_restore(struct intake *in, const char *json, char *err, size_t errsz)
{
	const struct catalog *cat = &in->app->cat;
	cJSON *o = cJSON_Parse(json);
	const cJSON *p, *a, *f, *fo, *u, *rj;
	const struct catalog_item *it = NULL;
	const struct catalog_bundle *b = NULL;
	const char *step;

	if (!o)
		return yc_seterr(err, errsz, "%s", _("草稿已损坏（不是有效的 JSON）"));
	if (*jget(o, "bundle"))
		b = catalog_find_bundle(cat, jget(o, "bundle"));
	else
		it = catalog_find_item(cat, jget(o, "item"));
	if (!it && !b) {
		yc_seterr(err, errsz, _("草稿中的事项 %s%s 已不在当前事项目录中"),
			  jget(o, "item"), jget(o, "bundle"));
		cJSON_Delete(o);
		return -1;
	}
	if (intake_model_start(in, it, b, err, errsz) != 0) {
		cJSON_Delete(o);
		return -1;
	}
	if (in->may_person && in->may_org)
		in->org = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "org"));
	p = cJSON_GetObjectItemCaseSensitive(o, "applicant");
	a = cJSON_GetObjectItemCaseSensitive(o, "agent");
	put_value(in->party[PROW_NAME], INTAKE_VALUE_MAX, jget(p, "name"));
	put_value(in->party[PROW_ID], INTAKE_VALUE_MAX, jget(p, "id_no"));
	put_value(in->party[PROW_PHONE], INTAKE_VALUE_MAX, jget(p, "phone"));
	put_value(in->party[PROW_OVERRIDE], INTAKE_VALUE_MAX, jget(p, "override_reason"));
	put_value(in->party[PROW_AGENT_NAME], INTAKE_VALUE_MAX, jget(a, "name"));
	put_value(in->party[PROW_AGENT_ID], INTAKE_VALUE_MAX, jget(a, "id_no"));
	put_value(in->party[PROW_AGENT_PHONE], INTAKE_VALUE_MAX, jget(a, "phone"));
	f = cJSON_GetObjectItemCaseSensitive(o, "fields");
	fo = cJSON_GetObjectItemCaseSensitive(o, "field_overrides");
	for (size_t i = 0; i < in->nfields; i++) {
		put_value(in->fields[i].value, INTAKE_VALUE_MAX, jget(f, in->fields[i].f->key));
		put_value(in->fields[i].override, INTAKE_VALUE_MAX, jget(fo, in->fields[i].f->key));
	}
	cJSON_ArrayForEach(u, cJSON_GetObjectItemCaseSensitive(o, "units")) {
		for (size_t i = 0; i < in->nunits; i++)
			if (strcmp(in->units[i].item->code, jget(u, "item")) == 0)
				restore_unit(&in->units[i], u);
	}
	rj = cJSON_GetObjectItemCaseSensitive(o, "reject");
	put_value(in->reject[0], INTAKE_VALUE_MAX, jget(rj, "reason"));
	put_value(in->reject[1], INTAKE_VALUE_MAX, jget(rj, "basis"));
	put_value(in->reject[2], INTAKE_VALUE_MAX, jget(rj, "competent_office"));
	step = jget(o, "step");
	in->step = STEP_APPLICANT;
	for (int s = STEP_APPLICANT; s <= STEP_REJECT; s++)
		if (strcmp(step, step_names[s]) == 0)
			in->step = (enum intake_step)s;
	{
		const cJSON *r = cJSON_GetObjectItemCaseSensitive(o, "row");

		in->resume_row = cJSON_IsNumber(r) && r->valuedouble >= 0 &&
				 r->valuedouble < 10000 ? r->valueint : -1;
	}
	cJSON_Delete(o);
	return 0;
}

void intake_draft_describe(const struct app *app, const char *json, char *buf, size_t bufsz)
{
	cJSON *o = cJSON_Parse(json);
	const char *name = "", *who, *step;
	const struct catalog_item *it;
	const struct catalog_bundle *b;

	if (!o) {
		utf8_snprintf(buf, bufsz, "%s", _("（草稿已损坏）"));
		return;
	}
	it = catalog_find_item(&app->cat, jget(o, "item"));
	b = catalog_find_bundle(&app->cat, jget(o, "bundle"));
	if (it)
		name = it->name;
	else if (b)
		name = b->name;
	who = jget(cJSON_GetObjectItemCaseSensitive(o, "applicant"), "name");
	step = jget(o, "step");
	for (int s = 0; s < STEP_COUNT; s++)
		if (strcmp(step, step_names[s]) == 0)
			step = step_label((enum intake_step)s);
	{
		int day = 0;
		char when[64] = "", d[16];

		/* a draft of an earlier day says so */
		if (date_parse(jget(o, "day"), &day) == 0 && day != date_today())
			snprintf(when, sizeof when, _("，%s 的草稿"), date_format(day, d, sizeof d));
		utf8_snprintf(buf, bufsz, _("%s，申请人：%s，停在“%s”%s"),
			      *name ? name : _("（未知事项）"), *who ? who : _("（未填）"), step, when);
	}
	cJSON_Delete(o);
}
