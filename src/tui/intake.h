/*
 * intake.h — what the files of the intake (综合受理) screens share: the
 * state of one unfinished intake (the item or 一件事 bundle, applicant,
 * agent, form fields, situations, checklist), its draft, and the steps.
 *
 * One intake is one stack entry: its steps (item, applicant, form,
 * situations, checklist, check, rejection, result) are screen_ops tables
 * sharing this state; moving to another step swaps the entry's ops, so the
 * key bar and title follow the step and leaving the intake is one pop.
 *
 * intake_model.c: the state, validation, drafts (no curses).
 * intake.c: the entry, drafts offered, the item, moving between steps.
 * intake_form.c: the applicant, the form fields, the situations.
 * intake_checklist.c: the materials.
 * intake_decide.c: the check, decisions; intake_result.c: 不予受理, result.
 */
#ifndef YICHUANG_TUI_INTAKE_H
#define YICHUANG_TUI_INTAKE_H

#include <stddef.h>

#include "yichuang/casestore.h"
#include "yichuang/intake.h"
#include "yichuang/intakestore.h"
#include "yichuang/lineedit.h"
#include "finder.h"

struct app;
struct calendar;
struct tui;
struct screen;

#define INTAKE_VALUE_MAX 512	/* bytes of one typed value */
#define INTAKE_NOTE_MAX 256

/* The steps, in order; the draft names them (intake_step_name). */
enum intake_step {
	STEP_OFFER = 0,		/* the clerk's drafts: continue, discard, new */
	STEP_ITEM,		/* choose the item or bundle (finder) */
	STEP_APPLICANT,		/* applicant and agent */
	STEP_FIELDS,		/* the items' extra form fields */
	STEP_SITUATIONS,	/* 情形 */
	STEP_CHECKLIST,		/* materials */
	STEP_CHECK,		/* completeness check and decisions */
	STEP_REJECT,		/* 不予受理: reason, basis, competent office */
	STEP_RESULT,		/* what was decided */
	STEP_COUNT
};

/* One material of the checklist and what the clerk recorded for it. */
struct intake_mat {
	const struct catalog_material *m;
	enum receipt_kind kind;
	int originals, copies;
	int nonconforming;
	char note[INTAKE_NOTE_MAX];
};

/* One item of the intake (a bundle has several, one case each). */
struct intake_unit {
	const struct catalog_item *item;
	int *sit_on;			/* per catalog situation: 1 chosen */
	struct intake_mat *mats;	/* the active checklist */
	size_t nmats;
	char case_no[CASENO_TEXT_MAX];	/* "" until received */
	char case_id[CASE_ID_MAX];	/* chosen and kept in the draft before
					 * the case is received ("" until then) */
	enum case_state state;		/* after the decision */
	int promised_on;		/* accepted 承诺件: the fold's date */
	int doc;			/* enum doc_kind to issue; -1 none */
};

/* Applicant (申请人) and agent (代理人) rows, in the order shown. */
enum intake_party_row {
	PROW_KIND = 0,		/* person / organisation */
	PROW_NAME,
	PROW_ID,
	PROW_OVERRIDE,		/* reason for a USCC failing its check digit */
	PROW_PHONE,
	PROW_AGENT_NAME,
	PROW_AGENT_ID,
	PROW_AGENT_PHONE,
	PROW_COUNT
};

/* One form field (fields of several items merged by key). */
struct intake_field {
	const struct catalog_field *f;
	char value[INTAKE_VALUE_MAX];
	char override[INTAKE_VALUE_MAX];	/* USCC check-digit override reason */
};

/* A confirmation the current step waits for (y / n). */
enum intake_confirm {
	CONFIRM_NONE = 0,
	CONFIRM_ABANDON,
	CONFIRM_DISCARD_DRAFT,
	CONFIRM_QUIT,			/* F10 in the middle of an intake */
	CONFIRM_LEAVE_UNISSUED		/* leaving the result, a document not issued */
};

/* A small prompt on the checklist (counts, note). */
enum intake_prompt {
	PROMPT_NONE = 0,
	PROMPT_ORIGINALS,
	PROMPT_COPIES,
	PROMPT_NOTE,
	PROMPT_WITHDRAW			/* the check: the reason of a withdrawal */
};

struct intake {
	struct app *app;
	struct calendar *cal;
	int today;
	enum intake_step step;
	int from_login;			/* opened by intake_offer_draft */
	struct finder finder;
	char draft_kind[96];		/* this intake's draft ("intake-<uuid>");
					 * "" until it is first saved */
	int resume_row;			/* the draft's cursor row; -1 none */
	/* STEP_OFFER: the user's drafts, newest first, and the one chosen */
	struct draft_info *drafts;
	size_t ndrafts, dsel;
	/* What is being taken in. */
	const struct catalog_bundle *bundle;	/* NULL for one item */
	struct intake_unit *units;
	size_t nunits;
	int may_person, may_org;	/* from the items' targets */
	int org;
	char party[PROW_COUNT][INTAKE_VALUE_MAX];	/* PROW_KIND unused */
	struct intake_field *fields;
	size_t nfields;
	/* Cursor of the current step. */
	int row;			/* focused row of the step */
	int top;			/* first row shown (lists) */
	int page;			/* rows shown when last drawn */
	size_t nlines;			/* lines of the check report when drawn */
	struct lineedit ed;		/* the focused text field */
	int ed_row;			/* which row ed holds; -1 none */
	enum intake_confirm confirm;
	enum intake_prompt prompt;
	/* Check and decisions. */
	int checked;			/* the check step was reached */
	int problems;			/* problems found by the last check */
	int told_correction;		/* a 补正 was decided */
	char reject[3][INTAKE_VALUE_MAX];	/* reason, basis, competent office */
	char withdraw_reason[INTAKE_VALUE_MAX];	/* 撤件: why, in the applicant's words */
	char result_text[1024];		/* what the result step says */
	int decided;
};

/* ---- intake_model.c ---- */

const char *intake_step_name(enum intake_step s);
/* Sets up units for an item or a bundle (exactly one non-NULL).  0 or -1. */
int intake_model_start(struct intake *in, const struct catalog_item *it,
		       const struct catalog_bundle *b, char *err, size_t errsz);
/* Frees what intake_model_start made (the state can start again). */
void intake_model_clear(struct intake *in);
/* Rebuilds a unit's checklist after its situations changed, keeping what
 * was recorded for materials that stay.  0 or -1. */
int intake_unit_rebuild(struct intake_unit *u, char *err, size_t errsz);
/* The receipt a single key records (intake_usual_receipt): fetched for
 * 部门核发, else paper with the required counts when paper is accepted,
 * else electronic. */
void intake_mat_default(struct intake_mat *m);

/* Checks one applicant row; 0 ok, -1 error, 1 (PROW_ID of an organisation)
 * a check-digit failure: acceptable with the reason of PROW_OVERRIDE, which
 * its own check asks for.  msg names the row. */
int intake_party_check(const struct intake *in, enum intake_party_row r,
		       char *msg, size_t msgsz);
/* 1 when the row is shown (and can take the cursor). */
int intake_party_row_shown(const struct intake *in, enum intake_party_row r);
const char *intake_party_label(const struct intake *in, enum intake_party_row r);
/* First row with a problem (message in msg), or -1 when all are right. */
int intake_party_first_problem(const struct intake *in, char *msg, size_t msgsz);
/* Same for the form fields: 0 ok, -1 error, 1 warning needing a reason. */
int intake_field_check(const struct intake_field *f, char *msg, size_t msgsz);
int intake_fields_first_problem(const struct intake *in, char *msg, size_t msgsz);
/* Fills empty fields that repeat the applicant (ID, USCC, phone). */
void intake_fields_prefill(struct intake *in);
/* 1 when any unit has situations. */
int intake_has_situations(const struct intake *in);

/* Runs intake_check for unit u; res to be freed with intake_result_free. */
int intake_unit_check(const struct intake_unit *u, struct intake_result *res,
		      char *err, size_t errsz);
/* The 容缺 due date of a material deferred today (0 when not deferrable). */
int intake_due_date(const struct intake *in, const struct catalog_material *m);

/* Saves the draft (one transaction); failures go to the message line. */
void intake_draft_save(struct tui *t, struct intake *in);
void intake_draft_delete(struct tui *t, struct intake *in);
/* Restores a draft's JSON into in (item, party, fields, situations,
 * checklist, step, cursor row into resume_row).  0, or -1 with a message
 * (the draft is unusable). */
int intake_draft_restore(struct intake *in, const char *json, char *err, size_t errsz);
/* One line describing a draft, for the offer. */
void intake_draft_describe(const struct app *app, const char *json, char *buf, size_t bufsz);
/* Reads the user's intake drafts into in->drafts (newest first).
 * Returns how many, or -1 (shown). */
int intake_drafts_load(struct tui *t, struct intake *in);

/* ---- intake.c ---- */

/* Moves the intake on screen s to step `st` (swaps the ops). */
void intake_goto(struct tui *t, struct screen *s, struct intake *in, enum intake_step st);
/* Frees the intake of screen s (every step's leave). */
void intake_leave(struct tui *t, struct screen *s);
/* The item (or bundle) line at the top of a step. */
void intake_draw_head(struct tui *t, const struct intake *in);
/* Writes s in width columns, ending in ".." when cut; pads. */
void intake_put_cut(int y, int x, int width, const char *s);
/* A text field with the terminal cursor in it (tui_cursor_at). */
void intake_draw_edit(struct lineedit *le, int y, int x, int width);
/* A value of a text field not being edited; focus puts the terminal
 * cursor after it, where typing goes. */
void intake_draw_value(int y, int x, int width, const char *value, int focus);
/* Editing keys of a field: 2 text changed, 1 cursor moved, 0 not one. */
int intake_edit_key(struct lineedit *le, int key);
/* Wrapped text in rows y..y+rows-1 from column 1, later rows indented by
 * hang; the last row ends in ".." when text is left. */
void intake_draw_wrapped(struct tui *t, int y, int rows, int hang, const char *text);
/* Short name of a receipt kind, for the checklist. */
const char *intake_receipt_label(enum receipt_kind k);
/* Draws a y/n question on the last body row. */
void intake_draw_confirm(struct tui *t, const char *question);
/* Draws the question the intake waits for (abandon, quit...) on the last
 * body row; 0 when there is none (the step draws its hint there). */
int intake_draw_question(struct tui *t, const struct intake *in);
/* F10 asks first in the middle of an intake, and the answer to any y/n
 * question of the intake: the frame's flags, or -1 when the key is not
 * for this (the step handles it). */
int intake_question_key(struct tui *t, struct intake *in, enum tui_action act, int key);

/* Checks the current step and moves on to the next one; frame flags. */
int intake_go_forward(struct tui *t, struct screen *s, struct intake *in);
/* Keys every step after the item shares (abandon, previous, next);
 * -1 when the key is not one of them. */
int intake_common_handle(struct tui *t, struct screen *s, struct intake *in,
			 enum tui_action act, int key);

/* Moves to the step before the current one. */
int intake_go_back(struct tui *t, struct screen *s, struct intake *in);

/* ---- intake_form.c ---- */

extern const struct screen_ops intake_applicant_ops, intake_fields_ops, intake_situations_ops;

/* ---- intake_checklist.c ---- */

extern const struct screen_ops intake_checklist_ops;

/* ---- intake_decide.c ---- */

enum intake_decision {
	DECIDE_ACCEPT,		/* 受理 */
	DECIDE_CORRECT,		/* 补正 */
	DECIDE_REJECT,		/* 不予受理 */
	DECIDE_WITHDRAW		/* 撤件 */
};

/* Receives the cases (when not yet) and records decision d for each; on
 * success moves to the result step and opens the documents.  Returns the
 * frame's flags; problems go to the message line. */
int intake_decide(struct tui *t, struct screen *s, struct intake *in, enum intake_decision d);
/* 1 (with a message) when the intake has received cases: it can then end
 * only in a decision, not be abandoned. */
int intake_has_cases(struct tui *t, const struct intake *in);

extern const struct screen_ops intake_reject_ops, intake_result_ops;
/* Runs the check of every unit (in->problems) and gives the check step's
 * screen: with 补正 offered only when there are problems. */
const struct screen_ops *intake_check_screen(struct tui *t, struct intake *in);
/* The number of the window's queue (the setting "window", else the terminal). */
int intake_window(struct app *app);

/* ---- intake_result.c ---- */

/* The documents of the decided units not yet issued (a 补正 notice left
 * in the preview without Enter): their titles ("补正材料通知书") joined
 * into buf; returns how many.  The law wants them in writing. */
int intake_docs_pending(struct intake *in, char *buf, size_t bufsz);

#endif
