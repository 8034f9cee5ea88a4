/*
 * app.h — the full-screen program as a whole: what its screens share (the
 * database, the catalog, the terminal's identity) and its entry point,
 * which `yichuang` with no command calls.
 */
#ifndef YICHUANG_TUI_APP_H
#define YICHUANG_TUI_APP_H

#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "tui.h"

struct store;
struct calendar;
struct sync_bg;

/* What every screen of the program may use. */
struct app {
	struct store *st;
	struct catalog cat;		/* the current catalog version */
	int catalog_version;
	char site[32];			/* the terminal's identity (store_terminal) */
	int terminal;
	char centre[256];		/* shown in the title line: doc.centre, */
	char window[256];		/* the terminal's registered name */
	char window_short[256];		/* its last word ("1号窗口") */
	/* The logged-in user (set by the login screen). */
	int logged_in;
	struct user_info user;
	char clerk[USER_NAME_MAX + 64];	/* "name（role label）", the title line */
	int consultations;		/* recorded since this login */
	/* Shared by every screen (app.c): the official calendar, built-in
	 * years replaced by those the database holds; loaded once at start
	 * and refreshed in place when sync brings new reference data (the
	 * pointer never changes while the program runs). */
	struct calendar *cal;
	/* Sync with central (app.c): the background sync (NULL when the
	 * database has no server, or in script mode without
	 * YICHUANG_SYNC_IN_SCRIPT=1), the frame whose title line shows the
	 * status, and what the title line showed last. */
	struct sync_bg *sync;
	struct tui *tui;
	long long ref_version;
	int conflicts;			/* open conflicts at the last look */
};

/* Roles as bits, for the functions that declare who may use them. */
#define APP_ROLE(r) (1u << (unsigned)(r))
#define APP_ALL_ROLES (APP_ROLE(ROLE_CLERK) | APP_ROLE(ROLE_APPROVER) | \
		       APP_ROLE(ROLE_ISSUER) | APP_ROLE(ROLE_SUPERVISOR) | \
		       APP_ROLE(ROLE_ADMIN))
/* 1 when the logged-in user's role is one of `roles`. */
int app_role_may(const struct app *app, unsigned roles);

/* Opens the database at db_path, checks that it is initialised and has a
 * catalog and at least one user (else says on stderr which command to run,
 * before any curses), then runs the login screen and, once a user has
 * logged in, the main menu: on the terminal, or in script mode when
 * script is not NULL (keys from that file, dumps into dump_dir).
 * Returns the exit code: 0, 1 (the program failed, message on stderr) or
 * 2 (the database cannot be used, or there is no terminal). */
int tui_app_main(const char *db_path, const char *script, const char *dump_dir);

/* The screens. */
extern const struct screen_ops login_screen;	/* data: struct app * */
extern const struct screen_ops menu_screen;	/* data: struct app * */
/* Opens the consultation screen (the finder; Enter shows the 一次告知单).
 * 0, or -1 with the reason on the message line. */
int consult_open(struct tui *t, struct app *app);
/* Opens the local queue screen (取号叫号) of this window.
 * 0, or -1 with the reason on the message line. */
int queue_open(struct tui *t, struct app *app);

/* intake.c: opens the intake (综合受理) screens: item, applicant, form,
 * checklist, decision.  0, or -1 with the reason on the message line. */
int intake_open(struct tui *t, struct app *app);
/* intake.c: after login, offers the user's unfinished intake draft (if
 * any) to continue or discard; does nothing when there is none. */
void intake_offer_draft(struct tui *t, struct app *app);

/* cases.c: the case search (查询) and the applicant's return (补正收件). */
int cases_open(struct tui *t, struct app *app);
int return_open(struct tui *t, struct app *app);
int online_open(struct tui *t, struct app *app);	/* cases_online.c: 23 网上预受理 */
/* cases.c: the case view (details and timeline) of case `ref`. */
int case_view_open(struct tui *t, struct app *app, const char *ref);

/* The back office and issuing (backoffice*.c, issuing*.c): each opens
 * its screen; 0, or -1 with the reason on the message line. */
int handover_open(struct tui *t, struct app *app);	/* 51 材料交接 */
int approval_open(struct tui *t, struct app *app);	/* 61 审批 */
int results_open(struct tui *t, struct app *app);	/* 71 结果交接 */
int issue_open(struct tui *t, struct app *app);		/* 72 出件 */
int supervise_open(struct tui *t, struct app *app);	/* 81 监察 */

/* app.c: a screen saved a case event (or anything else central should
 * get): asks the background sync for a round soon and shows the new
 * number of events waiting in the title line.  Never blocks. */
void app_saved(struct app *app);

/* conflicts.c: the conflicts worklist (冲突处理, 91): events central
 * refused, each with its case, reason and central's state; the case view
 * opens from it, and a supervisor or administrator marks a conflict
 * resolved with a note (clerks may look).  0, or -1 with the reason on
 * the message line. */
int conflicts_open(struct tui *t, struct app *app);

/* tui.c: a function the loop calls after every key (key) and about once
 * a second while no key comes (key 0; terminal only, never in script
 * mode), before it draws; it returns 1 when the screen must be drawn
 * again (the title line changed).  The frame stays free of the
 * application: app.c sets this to poll the background sync.  (It belongs
 * in tui.h; declared here because tui.h is shared.)  The title line reads
 * tui.online as 1 在线, 0 离线, -1 单机 (no central configured). */
void tui_set_tick(int (*fn)(struct tui *t, void *arg, int key), void *arg);

/* docview.c: previews document `kind` of case `ref` as text; when issue
 * is set, confirming records it as issued (document_issued event) and
 * prints it.  0, or -1 with the reason on the message line. */
int docview_open(struct tui *t, struct app *app, const char *ref, int kind, int issue);

#endif
