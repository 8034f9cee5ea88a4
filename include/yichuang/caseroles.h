/*
 * caseroles.h — who may record which case event: the one table the
 * workstation's store and central's push both check.
 *
 * An event type either has a rule (the roles that may record it, whether
 * an approver must belong to the case's department, whether a reason is
 * required) or has none (anyone the workstation lets log in, e.g. intake
 * and 补正 at the counter, documents printed).  A rule names roles
 * exactly, as bo_require does: an administrator does not decide cases.
 *
 *   withdrawn                         clerk or admin, with a reason
 *   review_started, special_started,
 *   special_ended, extended, decided  approver of the case's department
 *   decided completing a held 一件事
 *     part ("completes_after")        approver (of the prerequisite's
 *                                     department, which the part's is not)
 *   bundle_closed                     approver (of the lead department)
 *   handed_over                       clerk (the sender of the register)
 *   result_handed_over                issuer (the receiver)
 *   notified, delivered, archived     issuer
 *   decided, notified, delivered of
 *     a 即办件 (CASEROLE_INSTANT)       also the clerk, who closes it at
 *                                     the window at intake
 */
#ifndef YICHUANG_CASEROLES_H
#define YICHUANG_CASEROLES_H

#include <stddef.h>

#include "yichuang/auth.h"
#include "yichuang/casefsm.h"

/* The acting user as the checker needs it. */
struct caserole_actor {
	const char *name;
	enum auth_role role;
	const char *department;		/* NULL or "" when none */
	int active;
};

/* 1 when events of type t are checked (a rule exists). */
int caserole_ruled(enum case_event_type t);

/* What caserole_check is told about the event and its case. */
#define CASEROLE_HELD 1		/* a decision completing a held 一件事 part */
#define CASEROLE_INSTANT 2	/* the case is a 即办件 */

/*
 * Whether `who` may record an event of type t on a case of department
 * case_dept (NULL when not known: the department is then not checked)
 * with reason (NULL when none); flags are CASEROLE_* bits.  0, or -1 with
 * a message naming the user and the rule.  who == NULL: no user `name`
 * is known (refused when t has a rule).
 */
int caserole_check(enum case_event_type t, int flags, const char *name,
		   const struct caserole_actor *who, const char *case_dept, const char *reason,
		   char *err, size_t errsz);

#endif
