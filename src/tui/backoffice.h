/*
 * backoffice.h — what the back-office screens share: the 材料交接 screens
 * (backoffice.c: the clerk's cases to hand over and the registers; the
 * register itself in backoffice_register.c) and the 审批 screens
 * (backoffice_approval.c: the department's queue and the approval panel
 * of one case), and the small widgets they draw with
 * (backoffice_form.c): a form of a few labelled one-line fields over the
 * bottom of the screen, the question line, and a case's deadline in a
 * few characters.
 *
 * Every write goes through the back-office store (backoffice.h of the
 * library), which checks the user's role and department; the screens
 * show its refusals on the message line as they are.
 */
#ifndef YICHUANG_TUI_BACKOFFICE_H
#define YICHUANG_TUI_BACKOFFICE_H

#include <stddef.h>

#include "yichuang/casefsm.h"
#include "yichuang/lineedit.h"
#include "yichuang/supervise.h"
#include "app.h"

struct calendar;

/* ---- the form (backoffice_form.c) ------------------------------------- */

#define BO_FORM_FIELDS 4

/* What bo_form_handle did with a key. */
enum bo_form_result {
	BO_FORM_IGNORED = 0,	/* not the form's key */
	BO_FORM_KEPT,		/* edited or moved: draw again */
	BO_FORM_SUBMIT,		/* Enter on the last field (or F2) */
	BO_FORM_CANCEL		/* Esc */
};

struct bo_form_field {
	const char *label;	/* translated */
	struct lineedit le;
	int secret;		/* shown as one * per character */
};

/* A few fields drawn over the bottom rows of the body, with a title line
 * and a line of keys.  Open while `active`. */
struct bo_form {
	int active;
	int purpose;		/* what the screen opened it for */
	char title[256];
	struct bo_form_field f[BO_FORM_FIELDS];
	int nfields;
	int cur;		/* the field with the cursor */
};

/* Starts an empty form for `purpose` (the screen's own code). */
void bo_form_open(struct bo_form *fm, int purpose, const char *title);
/* Adds a field of at most max code points, starting with init (may be
 * NULL).  Returns its index. */
int bo_form_add(struct bo_form *fm, const char *label, size_t max, const char *init,
		int secret);
/* Closes the form and wipes every field (passwords leave no copy). */
void bo_form_close(struct bo_form *fm);
/* Field i's text, trimmed, into buf; returns buf. */
char *bo_form_value(const struct bo_form *fm, int i, char *buf, size_t bufsz);
/* Empties field i (a refused password) and puts the cursor there. */
void bo_form_clear(struct bo_form *fm, int i);
/* Rows the form takes at the bottom of the body. */
int bo_form_rows(const struct bo_form *fm);
void bo_form_draw(struct tui *t, const struct bo_form *fm);
enum bo_form_result bo_form_handle(struct bo_form *fm, enum tui_action act, int key);

/* The editing keys of a one-line field; 1 when key was one. */
int bo_edit_key(struct lineedit *le, int key);

/* "张三 2026-11-20 09:05": who signed and when (at as stored, ISO 8601),
 * into buf; "" when who is NULL.  Returns buf. */
const char *bo_signed_text(const char *who, const char *at, char *buf, size_t bufsz);

/* A question (y/n, or a choice by digit) on the last body row, reversed. */
void bo_draw_question(struct tui *t, const char *text);

/* ---- deadlines -------------------------------------------------------- */

/* A case's deadline as the back office shows it. */
struct bo_deadline {
	unsigned status;		/* enum case_deadline bits */
	enum supervise_level level;
	int has_left;			/* the clock runs */
	int left;			/* working days to the promised date */
};

void bo_deadline(const struct case_fold *f, int today, int warn_days,
		 const struct calendar *cal, struct bo_deadline *out);
/* "剩 2 日", "超 3 日", "暂停" (特别程序), "" (no clock); returns buf. */
const char *bo_left_text(const struct case_fold *f, const struct bo_deadline *d,
			 char *buf, size_t bufsz);
/* Sets the attribute a level is drawn with: red card red (bold without
 * colour), yellow card and warning yellow (plain without colour: the
 * word says it), normal plain. */
void bo_level_attr(const struct tui *t, enum supervise_level l);
/* The warning days setting (supervise.warn_days); a bad setting is told
 * on the message line and the default used. */
int bo_warn_days(struct tui *t, struct app *app);

/* ---- the screens ------------------------------------------------------ */

/* backoffice_approval.c: opens the approval panel of case `number` from
 * the queue.  0, or -1 with the reason on the message line. */
int ap_panel_open(struct tui *t, struct app *app, const char *number, int warn_days);

/* backoffice_register.c: opens register `number` (a materials register)
 * on top of the stack.  0, or -1 with the reason on the message line. */
int bo_register_open(struct tui *t, struct app *app, const char *number);

#endif
