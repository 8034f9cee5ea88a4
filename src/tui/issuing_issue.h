/*
 * issuing_issue.h — what the two halves of the issuing window (出件, 72)
 * share: the screen (issuing_issue.c: drawing, the forms and questions,
 * the actions) and its data (issuing_issue_data.c: the cases at the
 * window read with what the screen shows of each).
 */
#ifndef YICHUANG_TUI_ISSUING_ISSUE_H
#define YICHUANG_TUI_ISSUING_ISSUE_H

#include <stddef.h>

#include "yichuang/backoffice.h"
#include "yichuang/lineedit.h"
#include "app.h"
#include "issuing.h"

#define ISSUE_NAME_MAX 40		/* code points of a name */
#define ISSUE_ID_MAX 20
#define ISSUE_TEXT_MAX 120		/* a note, an address */
#define ISSUE_FORM_ROWS 4
#define ISSUE_DETAIL_ROWS 4

enum issue_row {
	IR_TEXT,		/* index: enum issue_text */
	IR_CASE			/* index: into v */
};

enum issue_text {
	IT_READY,
	IT_READY_NONE,
	IT_INSTANT,
	IT_DELIVERED,
	IT_DELIVERED_NONE,
	IT_BLANK
};

enum issue_mode {
	IM_LIST = 0,
	IM_CHANNEL,		/* 1 2 3 */
	IM_NOTE,		/* the notice's note */
	IM_PICKUP,		/* name, ID number */
	IM_PICKUP_CONFIRM,	/* y / n: the applicant or the agent */
	IM_PICKUP_AUTH,		/* y / n: someone else, with a 委托书 */
	IM_POST,		/* waybill, address, recipient */
	IM_POST_CONFIRM,
	IM_ARCHIVE_CONFIRM,
	IM_RECEIPT		/* offer the 送达回证: y / n */
};

/* What the screen shows of one case beyond its list entry. */
struct issue_info {
	char applicant[256];	/* "张三  110105...  电话 139..." */
	char agent[256];
	char result[256];	/* "准予 食品经营许可证 JY..." */
	char notice[16];	/* channel label of the last notice, "" when none */
	char notice_text[256];
	char delivery[512];	/* delivered: how, to whom */
	char address[256];	/* the application's address, "" when none */
	int org;		/* the applicant is an organisation */
};

struct issue {
	struct app *app;
	int today;
	struct backoffice_entry *v;
	size_t n;
	struct issue_info *info;
	int ready, instant, delivered, late;	/* counts */
	struct issuing_list list;
	enum issue_mode mode;
	char number[CASENO_TEXT_MAX];	/* the case of the form or question */
	const char *channel;		/* IM_NOTE */
	struct lineedit field[3];
	int nfields, focus;
	char refusal[512];		/* the store's reason the form was refused */
	const char *relation;		/* IM_PICKUP_CONFIRM: "applicant", "agent" */
	int stale;
};

/* The notice channels, keys 1..3 (casefsm_channel_label says them). */
extern const char *const issue_channels[];
#define NCHANNELS 3

/* Who collected, in words ("代理人", "凭委托书的受托人"...). */
const char *issue_relation_label(const char *relation);
/* 1 for a 即办件 decided and not delivered (a 一件事 part completed after
 * intake): delivered here like a result handed over. */
int issue_is_instant(const struct backoffice_entry *e);
/* Working days from today to the issuing limit (negative: past it); 0
 * when the case has none. */
int issue_days_left(const struct issue *v, const struct case_fold *f);
/* Reads the cases again, the cursor kept on the same case, or put on
 * case `prefer` when given ("": the first case waiting).  0, or -1 with
 * the reason on the message line. */
int issue_load(struct tui *t, struct issue *v, const char *prefer);
void issue_free_data(struct issue *v);

#endif
