/*
 * intake.h — the completeness check at the counter (齐全性、规范性审查).
 *
 * Given an item, the situations (情形) that apply and what the clerk
 * recorded for each material, it says whether the application is complete,
 * complete with 容缺 promises, or incomplete — and in that case lists every
 * problem at once, which is what the 补正 notice must tell (一次告知).
 */
#ifndef YICHUANG_INTAKE_H
#define YICHUANG_INTAKE_H

#include <stddef.h>

struct catalog_item;
struct catalog_material;

/* What happened to one material at the counter. */
enum receipt_kind {
	RECEIPT_MISSING = 0,	/* not handed in */
	RECEIPT_PAPER,		/* paper, originals and copies counted */
	RECEIPT_ELECTRONIC,	/* electronic file received (uploaded or online) */
	RECEIPT_FETCHED,	/* 部门核发: obtained from the issuing department */
	RECEIPT_DEFERRED	/* 容缺后补: accepted now, to be supplied later */
};

struct intake_receipt {
	const char *material_id;
	enum receipt_kind kind;
	int originals;
	int copies;
	int nonconforming;	/* 1 when the clerk found it not 规范 */
	const char *note;	/* what is wrong with it; may be NULL */
};

enum intake_problem_kind {
	PROBLEM_MISSING = 1,	/* a required material was not handed in */
	PROBLEM_ORIGINALS,	/* fewer originals than required */
	PROBLEM_COPIES,		/* fewer copies than required */
	PROBLEM_NONCONFORMING,	/* handed in but not 规范 */
	PROBLEM_NOT_ELECTRONIC,	/* electronic given, the item accepts paper only */
	PROBLEM_NOT_PAPER,	/* paper given, the item takes it electronically only */
	PROBLEM_NOT_DEFERRABLE,	/* marked 容缺 but the catalog does not allow it */
	PROBLEM_NOT_FETCHABLE	/* marked 部门核发 but no department issues it */
};

struct intake_problem {
	const struct catalog_material *material;
	enum intake_problem_kind kind;
	int have, want;		/* counts for PROBLEM_ORIGINALS / _COPIES */
	const char *note;	/* the clerk's note, for PROBLEM_NONCONFORMING */
};

enum intake_outcome {
	INTAKE_COMPLETE = 1,	/* accept */
	INTAKE_COMPLETE_DEFERRED, /* accept; some 容缺 materials are due later */
	INTAKE_INCOMPLETE	/* 补正: every problem is listed */
};

struct intake_result {
	enum intake_outcome outcome;
	struct intake_problem *problems;
	size_t nproblems;
	const struct catalog_material **deferred;	/* accepted under promise */
	size_t ndeferred;
	const struct catalog_material **active;	/* the checklist that applied */
	size_t nactive;
};

/* The materials that apply when the given situations (ids) hold, in catalog
 * order: a material some situation enables applies only when one of the
 * chosen situations enables it; a chosen situation's `disables` removes it.
 * *out is allocated (free it); unknown situation ids are an error. */
int intake_active_materials(const struct catalog_item *it,
			    const char *const *situations, size_t nsituations,
			    const struct catalog_material ***out, size_t *n,
			    char *err, size_t errsz);

/* How a material is received the usual way: 部门核发 materials (source
 * 政府部门核发) are fetched by the window from the issuing department, not
 * asked of the applicant; others on paper (with the counts the catalog
 * asks) when paper is accepted, else electronically. */
enum receipt_kind intake_usual_receipt(const struct catalog_material *m);
/* What a new checklist holds for m before the clerk records anything:
 * fetched for a 部门核发 material (so an untouched checklist never asks
 * the applicant for it), missing for the rest. */
enum receipt_kind intake_preset_receipt(const struct catalog_material *m);
/* 1 when a receipt of `kind` can be marked not 规范: something was handed
 * in or fetched (not a missing or 容缺 material). */
int intake_can_be_nonconforming(enum receipt_kind kind);

/* Runs the check.  Receipts for materials not on the active checklist, or
 * unknown material ids, are an error (the screen should not offer them). */
int intake_check(const struct catalog_item *it,
		 const char *const *situations, size_t nsituations,
		 const struct intake_receipt *receipts, size_t nreceipts,
		 struct intake_result *res, char *err, size_t errsz);
void intake_result_free(struct intake_result *res);

/* One line for the screen, e.g. "营业执照：未提交（需原件 1 份）", in
 * the language of the screen (gettext). */
char *intake_problem_text(const struct intake_problem *p, char *buf, size_t bufsz);
/* The same line always in Chinese: what the 补正 event records and the
 * notice prints, whatever language the clerk's screen speaks. */
char *intake_problem_record(const struct intake_problem *p, char *buf, size_t bufsz);

#endif
