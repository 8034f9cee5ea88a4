/*
 * app.h — the full-screen program as a whole: what its screens share (the
 * database, the catalog, the terminal's identity) and its entry point,
 * which `yichuang` with no command calls.
 */
#ifndef YICHUANG_TUI_APP_H
#define YICHUANG_TUI_APP_H

#include "yichuang/catalog.h"
#include "tui.h"

struct store;

/* What every screen of the program may use. */
struct app {
	struct store *st;
	struct catalog cat;		/* the current catalog version */
	int catalog_version;
	char site[32];			/* the terminal's identity (store_terminal) */
	int terminal;
	char centre[64];		/* shown in the title line */
	char window[32];
};

/* Opens the database at db_path, checks that it is initialised and has a
 * catalog (else says on stderr which command to run, before any curses),
 * then runs the program on the terminal, or in script mode when script is
 * not NULL (keys from that file, dumps into dump_dir).  Returns the exit
 * code: 0, 1 (the program failed, message on stderr) or 2 (the database
 * cannot be used, or there is no terminal). */
int tui_app_main(const char *db_path, const char *script, const char *dump_dir);

/* The screens. */
extern const struct screen_ops menu_screen;	/* data: struct app * */
/* Opens the consultation screen (the finder; Enter shows the 一次告知单).
 * 0, or -1 with the reason on the message line. */
int consult_open(struct tui *t, struct app *app);

#endif
