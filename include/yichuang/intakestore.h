/*
 * intakestore.h — what the counter intake needs from the store beyond
 * casestore.h: receiving a case whose received event carries extra
 * members (the written reason for accepting a 统一社会信用代码 that fails
 * its check digit, DOMAIN.md "Check digits"); and the drafts of several
 * unfinished intakes at once, each its own kind ("intake-<uuid>").
 */
#ifndef YICHUANG_INTAKESTORE_H
#define YICHUANG_INTAKESTORE_H

#include <stddef.h>

#include "yichuang/casestore.h"

struct store;
struct calendar;

/* case_receive, with the members of extra_json (a JSON object, or NULL
 * for none) added to the received event's body in the same transaction.
 * A member that repeats one of the body's own members is refused. */
int intake_receive(struct store *st, const struct calendar *cal,
		   const struct case_intake *in, const char *extra_json,
		   const char *actor, char id[CASE_ID_MAX],
		   char number[CASENO_TEXT_MAX], char *err, size_t errsz);

/* One stored draft. */
struct draft_info {
	char user[USER_NAME_MAX + 1];
	char kind[96];
	char updated_at[32];		/* UTC, 2026-11-20T09:15:00Z */
	char *body;			/* JSON text */
};

/* The drafts of `user` (NULL: of every user) whose kind is `kind` or,
 * when prefix is set, begins with "kind-" as well ("intake" lists
 * "intake" and "intake-…"), newest first.  *out is allocated (free with
 * draft_list_free). */
int draft_list(struct store *st, const char *user, const char *kind, int prefix,
	       struct draft_info **out, size_t *n, char *err, size_t errsz);
void draft_list_free(struct draft_info *v, size_t n);

#endif
