/*
 * intake.c — the completeness check at the counter (see intake.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/catalog.h"
#include "yichuang/intake.h"
#include "yichuang/util.h"

static int listed(char *const *ids, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return 1;
	return 0;
}

static const struct catalog_situation *find_situation(const struct catalog_item *it,
						      const char *id)
{
	for (size_t i = 0; i < it->nsituations; i++)
		if (strcmp(it->situations[i].id, id) == 0)
			return &it->situations[i];
	return NULL;
}

/* 1 when material m applies under the chosen situations. */
static int material_applies(const struct catalog_item *it,
			    const struct catalog_situation *const *chosen, size_t nchosen,
			    const struct catalog_material *m)
{
	int gated = 0, enabled = 0;

	for (size_t i = 0; i < it->nsituations; i++)
		if (listed(it->situations[i].enables, it->situations[i].nenables, m->id))
			gated = 1;
	for (size_t i = 0; i < nchosen; i++) {
		if (listed(chosen[i]->disables, chosen[i]->ndisables, m->id))
			return 0;
		if (listed(chosen[i]->enables, chosen[i]->nenables, m->id))
			enabled = 1;
	}
	return !gated || enabled;
}

int intake_active_materials(const struct catalog_item *it,
			    const char *const *situations, size_t nsituations,
			    const struct catalog_material ***out, size_t *n,
			    char *err, size_t errsz)
{
	const struct catalog_situation **chosen = NULL;
	const struct catalog_material **act = NULL;
	size_t nact = 0;

	*out = NULL;
	*n = 0;
	if (nsituations > 0) {
		chosen = calloc(nsituations, sizeof *chosen);
		if (!chosen)
			return yc_seterr(err, errsz, _("内存不足"));
	}
	for (size_t i = 0; i < nsituations; i++) {
		chosen[i] = find_situation(it, situations[i]);
		if (!chosen[i]) {
			yc_seterr(err, errsz, _("事项“%s”没有情形“%s”"), it->name, situations[i]);
			free(chosen);
			return -1;
		}
	}
	if (it->nmaterials > 0) {
		act = calloc(it->nmaterials, sizeof *act);
		if (!act) {
			free(chosen);
			return yc_seterr(err, errsz, _("内存不足"));
		}
	}
	for (size_t i = 0; i < it->nmaterials; i++)
		if (material_applies(it, chosen, nsituations, &it->materials[i]))
			act[nact++] = &it->materials[i];
	free(chosen);
	*out = act;
	*n = nact;
	return 0;
}

static const struct intake_receipt *find_receipt(const struct intake_receipt *r, size_t n,
						 const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (r[i].material_id && strcmp(r[i].material_id, id) == 0)
			return &r[i];
	return NULL;
}

static int add_problem(struct intake_result *res, size_t cap,
		       const struct catalog_material *m, enum intake_problem_kind kind,
		       int have, int want, const char *note)
{
	struct intake_problem *p;

	if (res->nproblems >= cap)
		return -1;
	p = &res->problems[res->nproblems++];
	p->material = m;
	p->kind = kind;
	p->have = have;
	p->want = want;
	p->note = note;
	return 0;
}

/* Checks one applicable material against its receipt (r may be NULL). */
static void check_material(struct intake_result *res, size_t cap,
			   const struct catalog_material *m, const struct intake_receipt *r)
{
	enum receipt_kind kind = r ? r->kind : RECEIPT_MISSING;

	switch (kind) {
	case RECEIPT_MISSING:
		/* A 容缺 material with no promise recorded is missing too. */
		if (m->need != NEED_OPTIONAL)
			add_problem(res, cap, m, PROBLEM_MISSING, 0, 0, NULL);
		return;
	case RECEIPT_DEFERRED:
		if (m->need != NEED_DEFERRABLE) {
			add_problem(res, cap, m, PROBLEM_NOT_DEFERRABLE, 0, 0, NULL);
			return;
		}
		res->deferred[res->ndeferred++] = m;
		return;
	case RECEIPT_FETCHED:
		if (m->source != SOURCE_DEPARTMENT) {
			add_problem(res, cap, m, PROBLEM_NOT_FETCHABLE, 0, 0, NULL);
			return;
		}
		break;		/* a fetched licence may be expired: 不规范 */
	case RECEIPT_ELECTRONIC:
		if (!(m->form & FORM_ELECTRONIC))
			add_problem(res, cap, m, PROBLEM_NOT_ELECTRONIC, 0, 0, NULL);
		break;
	case RECEIPT_PAPER:
		if (!(m->form & FORM_PAPER)) {
			add_problem(res, cap, m, PROBLEM_NOT_PAPER, 0, 0, NULL);
			break;
		}
		if (r->originals < m->originals)
			add_problem(res, cap, m, PROBLEM_ORIGINALS, r->originals, m->originals, NULL);
		if (r->copies < m->copies)
			add_problem(res, cap, m, PROBLEM_COPIES, r->copies, m->copies, NULL);
		break;
	}
	if (r->nonconforming)
		add_problem(res, cap, m, PROBLEM_NONCONFORMING, 0, 0, r->note);
}

enum receipt_kind intake_usual_receipt(const struct catalog_material *m)
{
	if (m->source == SOURCE_DEPARTMENT)
		return RECEIPT_FETCHED;
	if (m->form & FORM_PAPER)
		return RECEIPT_PAPER;
	return RECEIPT_ELECTRONIC;
}

enum receipt_kind intake_preset_receipt(const struct catalog_material *m)
{
	return m->source == SOURCE_DEPARTMENT ? RECEIPT_FETCHED : RECEIPT_MISSING;
}

int intake_can_be_nonconforming(enum receipt_kind kind)
{
	return kind == RECEIPT_PAPER || kind == RECEIPT_ELECTRONIC || kind == RECEIPT_FETCHED;
}

int intake_check(const struct catalog_item *it,
		 const char *const *situations, size_t nsituations,
		 const struct intake_receipt *receipts, size_t nreceipts,
		 struct intake_result *res, char *err, size_t errsz)
{
	size_t cap;

	memset(res, 0, sizeof *res);
	if (intake_active_materials(it, situations, nsituations, &res->active,
				    &res->nactive, err, errsz) != 0)
		return -1;
	for (size_t i = 0; i < nreceipts; i++) {
		int found = 0;

		for (size_t j = 0; j < res->nactive && !found; j++)
			found = receipts[i].material_id &&
				strcmp(res->active[j]->id, receipts[i].material_id) == 0;
		if (!found) {
			yc_seterr(err, errsz, _("材料“%s”不在本事项（当前情形下）的材料清单中"),
				  receipts[i].material_id ? receipts[i].material_id : "");
			intake_result_free(res);
			return -1;
		}
	}
	/* At most three problems per material (originals, copies, conformity). */
	cap = res->nactive * 3;
	if (cap > 0) {
		res->problems = calloc(cap, sizeof *res->problems);
		res->deferred = calloc(res->nactive, sizeof *res->deferred);
		if (!res->problems || !res->deferred) {
			intake_result_free(res);
			return yc_seterr(err, errsz, _("内存不足"));
		}
	}
	for (size_t j = 0; j < res->nactive; j++)
		check_material(res, cap, res->active[j],
			       find_receipt(receipts, nreceipts, res->active[j]->id));
	if (res->nproblems > 0)
		res->outcome = INTAKE_INCOMPLETE;
	else if (res->ndeferred > 0)
		res->outcome = INTAKE_COMPLETE_DEFERRED;
	else
		res->outcome = INTAKE_COMPLETE;
	return 0;
}

void intake_result_free(struct intake_result *res)
{
	free(res->problems);
	free(res->deferred);
	free(res->active);
	memset(res, 0, sizeof *res);
}

/* A msgid in the language of the screen (tr) or as it is, Chinese, for
 * the record and the notice (document.h: D_). */
#define T(s) (tr ? _(s) : (s))

/* "需原件 1 份、复印件 2 份", or the electronic form. */
static void requirement(const struct catalog_material *m, int tr, char *buf, size_t bufsz)
{
	if (m->originals > 0 && m->copies > 0)
		snprintf(buf, bufsz, T(N_("需原件 %d 份、复印件 %d 份")), m->originals, m->copies);
	else if (m->originals > 0)
		snprintf(buf, bufsz, T(N_("需原件 %d 份")), m->originals);
	else if (m->copies > 0)
		snprintf(buf, bufsz, T(N_("需复印件 %d 份")), m->copies);
	else
		snprintf(buf, bufsz, "%s", T(N_("需电子版")));
}

static char *problem_text(const struct intake_problem *p, int tr, char *buf, size_t bufsz)
{
	const struct catalog_material *m = p->material;
	char req[128];
	const char *std = m->standard ? m->standard : "";

	requirement(m, tr, req, sizeof req);
	switch (p->kind) {
	case PROBLEM_MISSING:
		utf8_snprintf(buf, bufsz, T(N_("%s：未提交（%s）%s%s")), m->name, req,
			 *std ? T(N_("；要求：")) : "", std);
		break;
	case PROBLEM_ORIGINALS:
		utf8_snprintf(buf, bufsz, T(N_("%s：原件不足，应交 %d 份，收到 %d 份")),
			 m->name, p->want, p->have);
		break;
	case PROBLEM_COPIES:
		utf8_snprintf(buf, bufsz, T(N_("%s：复印件不足，应交 %d 份，收到 %d 份")),
			 m->name, p->want, p->have);
		break;
	case PROBLEM_NONCONFORMING:
		utf8_snprintf(buf, bufsz, T(N_("%s：不符合要求（%s）%s%s")), m->name,
			 p->note && *p->note ? p->note : T(N_("未注明原因")),
			 *std ? T(N_("；要求：")) : "", std);
		break;
	case PROBLEM_NOT_ELECTRONIC:
		utf8_snprintf(buf, bufsz, T(N_("%s：须提交纸质材料（%s）")), m->name, req);
		break;
	case PROBLEM_NOT_PAPER:
		utf8_snprintf(buf, bufsz, T(N_("%s：须提交电子版材料")), m->name);
		break;
	case PROBLEM_NOT_DEFERRABLE:
		utf8_snprintf(buf, bufsz, T(N_("%s：不属于容缺后补材料，须当场提交（%s）")), m->name, req);
		break;
	case PROBLEM_NOT_FETCHABLE:
		utf8_snprintf(buf, bufsz, T(N_("%s：不能由部门核发获取，须申请人提交（%s）")), m->name, req);
		break;
	}
	return buf;
}

#undef T

char *intake_problem_text(const struct intake_problem *p, char *buf, size_t bufsz)
{
	return problem_text(p, 1, buf, bufsz);
}

char *intake_problem_record(const struct intake_problem *p, char *buf, size_t bufsz)
{
	return problem_text(p, 0, buf, bufsz);
}
