/*
 * online.h — the 网上预受理 screens (code 23), private to src/tui: the
 * worklist (cases_online.c) and the pre-check of one application
 * (online_check.c) share how an online case's received event is read and
 * when its answer is due.
 */
#ifndef YC_TUI_ONLINE_H
#define YC_TUI_ONLINE_H

#include <stddef.h>
#include <cjson/cJSON.h>

#include "app.h"

#define ONLINE_ANSWER_DAYS 2	/* DOMAIN.md rule 10: answer within 2 working days */

struct case_record;

/* The received event's body of a loaded case (NULL when unreadable);
 * the caller deletes it. */
cJSON *online_received_body(const struct case_record *r);
/* A string member of o, NULL when missing or not a string. */
const char *online_jtext(const cJSON *o, const char *key);
/* The answer deadline: the body's answer_due, else ONLINE_ANSWER_DAYS
 * working days after receipt on the official calendar. */
int online_answer_due(const struct app *app, const cJSON *body, int received_on);
/* "剩 2 工作日", "今日到期", "超期 1 工作日" into buf; 1 when overdue. */
int online_left_text(const struct app *app, int due, char *buf, size_t bufsz);

/* Opens the pre-check of case `number`; *stale is set when the case was
 * decided (or found decided), so the worklist reads itself again.
 * 0, or -1 (shown). */
int online_check_open(struct tui *t, struct app *app, int *stale, const char *number);

#endif
