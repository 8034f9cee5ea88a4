/*
 * doc_internal.h — what the builders of a case's documents share
 * (doc_case.c: the counter's papers and the dispatch; doc_decision.c: the
 * department's decisions; doc_register.c: the hand-over registers):
 * reading the events' bodies and the parts every document carries.
 *
 * Everything a builder puts on paper is Chinese (D_); only the messages
 * of a refusal are translated.
 */
#ifndef YICHUANG_DOC_INTERNAL_H
#define YICHUANG_DOC_INTERNAL_H

#include <stddef.h>
#include <cjson/cJSON.h>

#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "yichuang/document.h"

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
const struct case_event_row *dc_last(const struct case_record *c, enum case_event_type t);
/* The body of an event as JSON (an empty object when unreadable or r is
 * NULL); the caller deletes it.  NULL only when out of memory. */
cJSON *dc_body(const struct case_event_row *r);
/* A string member, NULL when missing, not a string, or empty. */
const char *dc_str(const cJSON *o, const char *key);
int dc_int(const cJSON *o, const char *key);
int dc_true(const cJSON *o, const char *key);
/* The day of a "YYYY-MM-DD" member key of o; 0 when missing or invalid. */
int dc_body_date(const cJSON *o, const char *key);
/* "2026年11月20日", or blanks to fill in by hand when day is 0. */
const char *dc_day_text(int day, char *buf, size_t bufsz);
/* "2026-11-20 10:02" of an ISO 8601 time (an event's `at`, a register's
 * signing time); "" for NULL. */
const char *dc_time_text(const char *at, char *buf, size_t bufsz);
/* "5" or "—" for a count of copies. */
const char *dc_count(int n, char *buf, size_t bufsz);
/* "纸质", "电子", "部门调取", "容缺后补" for a receipt word. */
const char *dc_receipt_label(const char *w);

/* ---- the case ------------------------------------------------------------ */

const char *dc_material_name(const struct dctx *x, const char *id);
const char *dc_applicant(const struct dctx *x);
const char *dc_item_name(const struct dctx *x);
/* The department that decides the case (its item's 实施主体), or NULL. */
const char *dc_department(const struct dctx *x);
/* The department, or "审批机关" when the terminal lacks the item. */
const char *dc_authority(const struct dctx *x);
/* "你（单位）于2026年11月20日提出的食品经营许可申请（办件编号 ...）". */
const char *dc_application(const struct dctx *x, char *buf, size_t bufsz);

/* ---- parts every document carries ---------------------------------------- */

/* Number, case number, progress address and date of a case document. */
int dc_head(struct dctx *x, char *err, size_t errsz);
/* The progress address of the case for the QR code (none when the
 * setting is not set). */
int dc_head_qr(struct dctx *x, char *err, size_t errsz);
/* Applicant (with ID number and agent when recorded) and item. */
void dc_parties(struct dctx *x);
void dc_received_field(struct dctx *x);
/* The addressee line "申请人名称：". */
void dc_addressee(struct dctx *x);
/* Phones and the progress query. */
void dc_contacts(struct dctx *x);
/* The centre's seal line and the date, bottom right. */
void dc_seal(struct dctx *x);
/* The deciding department's seal line and the date. */
void dc_department_seal(struct dctx *x);
/* 复议 within 60 days, 诉讼 within 6 months (行政许可法 art. 38), with
 * the bodies of the settings. */
void dc_remedies(struct dctx *x);
/* The refusal when the case has no such document yet. */
int dc_not_yet(const struct dctx *x, char *err, size_t errsz, const char *why);

/* ---- builders ------------------------------------------------------------ */

int dc_extension(struct dctx *x, char *err, size_t errsz);	/* doc_decision.c */
int dc_special(struct dctx *x, char *err, size_t errsz);
int dc_denial(struct dctx *x, char *err, size_t errsz);
int dc_handover(struct dctx *x, char *err, size_t errsz);	/* doc_register.c */
int dc_result_handover(struct dctx *x, char *err, size_t errsz);

#endif
