/*
 * print_issue.c — what `yichuang print` and the preview screen share
 * around a document: the centre's settings from the store, building a
 * case's document with the catalog version the case was received under
 * (and the seal of its deciding department), a hand-over register's
 * document with every case in it, and recording the issue
 * (document_issued event, events.md) on the case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/backoffice.h"
#include "yichuang/caseno.h"
#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "yichuang/document.h"
#include "yichuang/print.h"
#include "yichuang/store.h"
#include "yichuang/util.h"

/* Text wrapped to this width is what the event records. */
#define ISSUE_TEXT_WIDTH 72

/* Reads one setting into buf ("" when not set). */
static const char *print_setting(struct store *st, const char *key, char *buf, size_t bufsz)
{
	if (store_setting_get(st, key, buf, bufsz) != 1)
		buf[0] = '\0';
	return buf;
}

void print_settings_load(struct store *st, struct print_settings *ps)
{
	struct doc_settings *s = &ps->s;

	memset(ps, 0, sizeof *ps);
	s->centre = print_setting(st, "doc.centre", ps->centre, sizeof ps->centre);
	s->seal = print_setting(st, "doc.seal", ps->seal, sizeof ps->seal);
	s->phone = print_setting(st, "doc.phone", ps->phone, sizeof ps->phone);
	s->complaint_phone = print_setting(st, "doc.complaint_phone", ps->complaint_phone,
					   sizeof ps->complaint_phone);
	s->review_body = print_setting(st, "doc.review_body", ps->review_body,
				       sizeof ps->review_body);
	s->court = print_setting(st, "doc.court", ps->court, sizeof ps->court);
	s->progress_url = print_setting(st, "doc.progress_url", ps->progress_url,
					sizeof ps->progress_url);
	s->lp_command = print_setting(st, "doc.lp_command", ps->lp_command,
				      sizeof ps->lp_command);
	if (!ps->progress_url[0]) {
		char server[400];

		/* the central service answers the progress query itself */
		if (store_setting_get(st, "sync.server", server, sizeof server) == 1 && server[0]) {
			size_t n = strlen(server);

			while (n > 0 && server[n - 1] == '/')
				server[--n] = '\0';
			if (!strchr(server, '%'))
				snprintf(ps->progress_url, sizeof ps->progress_url,
					 "%s/v1/progress/%%s", server);
		}
	}
	if (!ps->lp_command[0])
		snprintf(ps->lp_command, sizeof ps->lp_command, "lp");
}

int print_issued_before(const struct case_record *c, enum doc_kind kind)
{
	for (size_t i = 0; i < c->nevents; i++) {
		cJSON *b, *k;
		int same;

		if (c->events[i].type != CASE_EV_DOCUMENT_ISSUED || !c->events[i].body)
			continue;
		b = cJSON_Parse(c->events[i].body);
		k = b ? cJSON_GetObjectItemCaseSensitive(b, "kind") : NULL;
		same = cJSON_IsString(k) && strcmp(k->valuestring, doc_kind_name(kind)) == 0;
		cJSON_Delete(b);
		if (same)
			return 1;
	}
	return 0;
}

int print_record_issue(struct store *st, const struct calendar *cal,
		       const struct case_record *c, const struct document *d,
		       int printed, const char *printer, const char *actor, int day,
		       char *err, size_t errsz)
{
	struct case_event e;
	cJSON *o = cJSON_CreateObject();
	char *text = doc_text(d, ISSUE_TEXT_WIDTH), *json = NULL;
	int ok = o && text, rc;

	if (ok) {
		ok = cJSON_AddStringToObject(o, "kind", doc_kind_name(d->kind)) &&
		     cJSON_AddStringToObject(o, "title", d->title ? d->title : "") &&
		     (d->number ? cJSON_AddStringToObject(o, "number", d->number)
				: cJSON_AddNullToObject(o, "number")) &&
		     cJSON_AddStringToObject(o, "text", text) &&
		     cJSON_AddBoolToObject(o, "reprint", print_issued_before(c, d->kind)) &&
		     cJSON_AddBoolToObject(o, "printed", printed != 0);
		if (ok && printed && printer && *printer)
			ok = cJSON_AddStringToObject(o, "printer", printer) != NULL;
	}
	json = ok ? cJSON_PrintUnformatted(o) : NULL;
	cJSON_Delete(o);
	free(text);
	if (!json)
		return yc_seterr(err, errsz, "%s", _("内存不足，无法记录文书出具"));
	memset(&e, 0, sizeof e);
	e.type = CASE_EV_DOCUMENT_ISSUED;
	e.day = day;
	rc = case_apply_event(st, cal, c->id, &e, json, actor, NULL, err, errsz);
	free(json);
	return rc;
}

/* The seal text of department dept (setting doc.seal.DEPARTMENT) into
 * buf; NULL when not set. */
static const char *print_department_seal(struct store *st, const char *dept, char *buf,
					 size_t bufsz)
{
	char key[512];

	if (!dept || !*dept)
		return NULL;
	if ((size_t)snprintf(key, sizeof key, "doc.seal.%s", dept) >= sizeof key)
		return NULL;
	return store_setting_get(st, key, buf, bufsz) == 1 && buf[0] ? buf : NULL;
}

int print_is_register_number(const char *ref)
{
	while (ref && (*ref == ' ' || *ref == '\t'))
		ref++;
	/* a site code may begin with JJ or JG too, but has no dash */
	return ref && (ref[0] == 'J' || ref[0] == 'j') &&
	       (ref[1] == 'J' || ref[1] == 'j' || ref[1] == 'G' || ref[1] == 'g') && ref[2] == '-';
}

int print_build_register(struct store *st, const struct calendar *cal, const char *number,
			 enum doc_kind kind, const struct doc_settings *s, int day,
			 struct register_info *r, struct document *d, char *err, size_t errsz)
{
	struct case_record *recs = NULL;
	const struct case_record **ptrs = NULL;
	int rc = register_load(st, number, r, err, errsz);
	enum register_kind want = kind == DOC_HANDOVER ? REGISTER_MATERIALS : REGISTER_RESULTS;

	if (rc < 0)
		return -1;
	if (rc == 0)
		return yc_seterr(err, errsz, _("没有编号为“%s”的交接单：请核对编号（yichuang handover list）"),
				 number);
	if (r->kind != want) {
		yc_seterr(err, errsz, _("%s 是%s，请用 yichuang print %s %s 打印"), r->number,
			  register_kind_label(r->kind),
			  r->kind == REGISTER_MATERIALS ? doc_kind_name(DOC_HANDOVER)
							: doc_kind_name(DOC_RESULT_HANDOVER), r->number);
		register_info_free(r);
		return -1;
	}
	/* a results register lists each case's result: read the cases */
	if (r->kind == REGISTER_RESULTS && r->ncases > 0) {
		recs = calloc(r->ncases, sizeof *recs);
		ptrs = calloc(r->ncases, sizeof *ptrs);
		if (!recs || !ptrs) {
			free(recs);
			free(ptrs);
			register_info_free(r);
			return yc_seterr(err, errsz, "%s", _("内存不足"));
		}
		for (size_t i = 0; i < r->ncases; i++)
			if (case_load(st, cal, r->cases[i].number, &recs[i], err, errsz) == 1)
				ptrs[i] = &recs[i];
	}
	rc = doc_build_register(d, r, ptrs, s, day, err, errsz);
	for (size_t i = 0; recs && i < r->ncases; i++)
		if (ptrs[i])
			case_record_free(&recs[i]);
	free(recs);
	free(ptrs);
	if (rc != 0)
		register_info_free(r);
	return rc;
}

int print_build_case(struct store *st, const struct calendar *cal, const char *ref,
		     enum doc_kind kind, const struct doc_settings *s, int day,
		     struct case_record *c, struct document *d, char *err, size_t errsz)
{
	struct doc_settings ds = *s;
	struct catalog cat;
	const struct catalog_item *it;
	char why[YC_ERRSZ], seal[256];
	int rc;

	memset(c, 0, sizeof *c);
	rc = case_load(st, cal, ref, c, err, errsz);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		/* a mistyped number is caught by its check character */
		if (caseno_parse(ref, NULL, why, sizeof why) != CASENO_OK)
			return yc_seterr(err, errsz, _("办件编号“%s”有误：%s"), ref, why);
		return yc_seterr(err, errsz, _("没有编号为“%s”的办件：请核对办件编号"), ref);
	}
	if (kind == DOC_HANDOVER || kind == DOC_RESULT_HANDOVER) {
		char number[REGISTER_NUMBER_MAX];

		rc = register_find_for_case(st, c->id, kind == DOC_HANDOVER ? REGISTER_MATERIALS
					    : REGISTER_RESULTS, number, err, errsz);
		if (rc < 0) {
			case_record_free(c);
			return -1;
		}
		if (rc == 1) {
			struct register_info r;

			if (print_build_register(st, cal, number, kind, s, day, &r, d, err, errsz) != 0) {
				case_record_free(c);
				return -1;
			}
			register_info_free(&r);
			return 0;
		}
		/* handed over elsewhere: the register from the case's events */
	}
	catalog_init(&cat);
	/* the case keeps the catalog version it was received under */
	if (store_catalog_load(st, c->catalog_version, &cat, why, sizeof why) != 0) {
		catalog_free(&cat);
		catalog_init(&cat);
		if (store_catalog_load(st, 0, &cat, why, sizeof why) != 0) {
			catalog_free(&cat);
			catalog_init(&cat);
		}
	}
	it = catalog_find_item(&cat, c->item_code);
	ds.department_seal = print_department_seal(st, it ? it->department : NULL, seal,
						   sizeof seal);
	rc = doc_build_case(d, kind, c, it, &ds, cal, day, err, errsz);
	catalog_free(&cat);
	if (rc != 0) {
		case_record_free(c);
		return -1;
	}
	return 0;
}
