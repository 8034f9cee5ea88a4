/*
 * intakestore.h — what the counter intake needs from the store beyond
 * casestore.h: receiving a case whose received event carries extra
 * members (the written reason for accepting a 统一社会信用代码 that fails
 * its check digit, DOMAIN.md "Check digits").
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

#endif
