/*
 * cases_view.h — what the two halves of the case view share: the screen
 * (cases_view.c: loading, scrolling, documents, withdrawal, closing a
 * 一件事) and the layout (cases_view_layout.c: the case laid out as lines
 * of text at the terminal's width, from its record, its events' bodies
 * and its 一件事).
 */
#ifndef YICHUANG_TUI_CASES_VIEW_H
#define YICHUANG_TUI_CASES_VIEW_H

#include <stddef.h>

#include "yichuang/backoffice.h"
#include "yichuang/casestore.h"
#include "yichuang/document.h"
#include "yichuang/lineedit.h"
#include "app.h"

#define VIEW_MAX_DOCS 10

/* How a line is drawn. */
enum view_line_kind {
	VL_PLAIN = 0,
	VL_HEAD,		/* a section heading: bold */
	VL_CARD,		/* a red card: red (bold when monochrome) */
	VL_WARN,		/* a yellow card or a warning: yellow */
	VL_EVENT		/* the first line of an event: bold */
};

struct view_lines {
	char **text;
	enum view_line_kind *kind;
	size_t n, cap;
};

enum view_mode {
	VMODE_NORMAL = 0,
	VMODE_DOC,		/* which document: 1..ndocs */
	VMODE_WITHDRAW_REASON,	/* the applicant's reason, typed */
	VMODE_WITHDRAW,		/* y / n */
	VMODE_BUNDLE_CLOSE	/* y / n */
};

struct case_view {
	struct app *app;
	struct calendar *cal;
	char number[CASENO_TEXT_MAX];
	struct case_record rec;
	int loaded;
	struct bundle_info bundle;	/* when in_bundle */
	int in_bundle;
	int stale;		/* reload before drawing (a document was issued) */
	struct view_lines lines;
	int width;		/* the width lines were laid out for */
	size_t timeline;	/* the line where the timeline starts */
	size_t top;
	int page;
	enum view_mode mode;
	int doc_issue;		/* VMODE_DOC: print (1) or preview (0) */
	enum doc_kind docs[VIEW_MAX_DOCS];
	size_t ndocs;
	struct lineedit reason;	/* VMODE_WITHDRAW_REASON */
};

/* Lays the whole case out at `width` columns into v->lines (and sets
 * v->timeline). */
void view_layout(struct case_view *v, int width);
void view_lines_free(struct view_lines *l);

/* 1 when the user logged in may close the case's 一件事 now: an approver
 * of its lead department, the bundle open and every part decided. */
int view_bundle_closable(const struct case_view *v);

#endif
