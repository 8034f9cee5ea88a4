/*
 * backoffice_internal.h — what register_store.c and backoffice_store.c
 * share: checking who acts (role, department, signature password), a
 * case's department, and small JSON and text helpers.
 */
#ifndef YICHUANG_BACKOFFICE_INTERNAL_H
#define YICHUANG_BACKOFFICE_INTERNAL_H

#include <stddef.h>
#include <cjson/cJSON.h>

#include "yichuang/auth.h"
#include "yichuang/backoffice.h"

struct store;

/* The active user `name`, who must have `role`; when department is not
 * NULL (approvers), the user's department must be it.  `what` is the
 * action as a verb phrase for the message ("作出审批决定").  0 or -1. */
int bo_require(struct store *st, const char *name, enum auth_role role,
	       const char *department, const char *what, struct user_info *u,
	       char *err, size_t errsz);

/* Checks a signer's password like a login would, without recording
 * anything: unknown user, wrong password, locked or disabled account are
 * refused. */
int bo_check_password(struct store *st, const char *name, const char *password,
		      char *err, size_t errsz);

/* The department of case `case_id` into buf: 1, 0 (item unknown), -1. */
int bo_case_department_by_id(struct store *st, const char *case_id, char *buf,
			     size_t bufsz, char *err, size_t errsz);

/* The department of the item of the case row aliased c, as SQL
 * (its catalog version, else the newest that has the item). */
#define BO_DEPT_SQL \
	"coalesce((SELECT i.department FROM catalog_items i WHERE i.code = c.item_code" \
	" AND i.version = c.catalog_version), (SELECT i.department FROM catalog_items i" \
	" WHERE i.code = c.item_code ORDER BY i.version DESC LIMIT 1))"

/* Checks that `user` may act on case `ref` with `role` (approvers: in
 * the case's department), then writes e with extra_json; an approval
 * also completes the 一件事 parts held for the case, in the same
 * transaction.  `what` names the action for messages. */
int bo_act(struct store *st, const struct calendar *cal, const char *ref,
	   const char *user, enum auth_role role, const char *what,
	   const struct case_event *e, const char *extra_json,
	   char *err, size_t errsz);
/* An event of type t on `day`, every other field zero. */
struct case_event bo_event(enum case_event_type t, int day);
/* Prints a cJSON object for extra_json and frees it; NULL when out of
 * memory (message in err). */
char *bo_json_text(cJSON *o, char *err, size_t errsz);

/* 1 when s has something besides white space. */
int bo_has_text(const char *s);

/* Whether `actor` may record e on case case_id (NULL: department not
 * checked) by the rule table central also checks (caseroles.h);
 * extra_json tells a held 一件事 part's decision.  0 or -1. */
int bo_may_record(struct store *st, const char *case_id, const struct case_event *e,
		  const char *extra_json, const char *actor, char *err, size_t errsz);

/* Whether `actor` may record a withdrawal (撤件) with `reason`: the
 * applicant withdraws at the counter, so a clerk or an administrator
 * records it, always with the reason.  0 or -1 with the message. */
int bo_may_withdraw(struct store *st, const char *actor, const char *reason,
		    char *err, size_t errsz);

/* Completes the 即办件 parts of the 一件事 of case `case_id` that were held
 * at intake for this case (their catalog prerequisite) now that it is
 * approved: each is decided (准予) by `actor` on `day`, inside the
 * caller's transaction (bundle_store.c). */
int bundle_complete_held(struct store *st, const struct calendar *cal, const char *case_id,
			 const char *actor, int day, char *err, size_t errsz);

/* Brings the local copies of the hand-over registers up to the events of
 * n cases (their ids, NUL-terminated, `stride` bytes apart from ids on),
 * in register_sync.c: a register sent from another workstation appears,
 * one signed for elsewhere is received.  Inside the caller's
 * transaction; 0 or -1. */
int register_sync_cases(struct store *st, const char *ids, size_t stride, size_t n,
			char *err, size_t errsz);

#endif
