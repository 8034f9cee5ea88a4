/*
 * finder.h — the item finder: a widget that any screen choosing an item
 * embeds (consultation now, intake later).  The clerk types an item code
 * (prefix), part of a name, or pinyin initials ("spjy" finds 食品经营许可);
 * matching items and 一件事 bundles are listed; up and down choose, Enter
 * picks.
 */
#ifndef YICHUANG_TUI_FINDER_H
#define YICHUANG_TUI_FINDER_H

#include <stddef.h>

#include "yichuang/lineedit.h"
#include "tui.h"

struct catalog;
struct catalog_item;
struct catalog_bundle;

/* One entry of the result list: an item or a bundle. */
struct finder_hit {
	const struct catalog_item *item;	/* exactly one of the two is set */
	const struct catalog_bundle *bundle;
};

struct finder {
	const struct catalog *cat;
	struct lineedit query;
	struct finder_hit *hits;		/* room for every item and bundle */
	size_t nhits;
	size_t sel;				/* the chosen row */
	size_t top;				/* first row shown */
	int page;				/* list rows when last drawn */
};

/* Fills hits (room for max) with what matches query (an empty query
 * matches everything), in order: the best matches first (the code, the
 * start of the name or the pinyin initials before a part inside the
 * name), items before bundles, then by department and name in pinyin
 * order.  Returns the number of hits.  Needs no terminal. */
size_t finder_search(const struct catalog *cat, const char *query,
		     struct finder_hit *hits, size_t max);

/* 0, or -1 with a message (out of memory). */
int finder_init(struct finder *f, const struct catalog *cat, char *err, size_t errsz);
void finder_free(struct finder *f);

/* Draws the finder in rows y .. y+rows-1 of the screen (at least 6). */
void finder_draw(struct tui *t, struct finder *f, int y, int rows);

/* Handles a key: text and editing keys edit the query, up/down/page keys
 * move the choice.  On Enter with a hit chosen, sets *picked and returns
 * TUI_HANDLED; otherwise returns the frame's flags (0 when the key is not
 * the finder's). */
int finder_handle(struct tui *t, struct finder *f, enum tui_action act, int key,
		  const struct finder_hit **picked);

#endif
