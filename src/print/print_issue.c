/*
 * print_issue.c — what `yichuang print` and the preview screen share
 * around a document: the centre's settings from the store, building a
 * case's document with the catalog version the case was received under,
 * and recording the issue (document_issued event, events.md) on the case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

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

int print_build_case(struct store *st, const struct calendar *cal, const char *ref,
		     enum doc_kind kind, const struct doc_settings *s, int day,
		     struct case_record *c, struct document *d, char *err, size_t errsz)
{
	struct catalog cat;
	char why[YC_ERRSZ];
	int rc;

	memset(c, 0, sizeof *c);
	rc = case_load(st, cal, ref, c, err, errsz);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return yc_seterr(err, errsz, _("没有编号为“%s”的办件：请核对办件编号"), ref);
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
	rc = doc_build_case(d, kind, c, catalog_find_item(&cat, c->item_code), s, cal, day,
			    err, errsz);
	catalog_free(&cat);
	if (rc != 0) {
		case_record_free(c);
		return -1;
	}
	return 0;
}
