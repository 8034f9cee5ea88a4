/*
 * help.c — the help screen, generated from the bindings of the screen
 * beneath it and the action table: one line per action with all its keys
 * ("F2 t"), its transaction code where it has one, and what it does on
 * that screen (the screen's own words for a key, else the action's help
 * text), wrapped to the terminal width; scrolled with the cursor and page
 * keys.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "yichuang/textwrap.h"
#include "yichuang/util.h"
#include "tui.h"

#define HELP_KEYS_MAX 24	/* widest key column */

struct help_state {
	int top;	/* first line shown */
	int page;	/* lines shown when last drawn */
	int nlines;	/* lines when last drawn */
};

static struct help_state help_state;

static const struct tui_binding help_keys[] = {
	{ 'q', ACT_BACK },
	{ '?', ACT_HELP },
	{ TK_SPECIAL | KEY_HOME, ACT_FIRST },
	{ TK_SPECIAL | KEY_END, ACT_LAST },
	{ ' ', ACT_PAGE_DOWN },
	{ 0, ACT_NONE }
};

static int help_enter(struct tui *t, struct screen *s)
{
	(void)t;
	memset(&help_state, 0, sizeof help_state);
	s->data = &help_state;
	return 0;
}

/* One line of help: an action (with the screen's words, when it has
 * some) and its keys. */
struct help_entry {
	enum tui_action act;
	const char *text;	/* translated */
	char keys[96];
};

/* The screen's own words for key, or NULL. */
static const char *key_note(const struct screen *under, int key)
{
	const struct tui_key_help *h = under ? under->ops->key_help : NULL;

	for (; h && h->key; h++)
		if (h->key == key)
			return *h->help ? _(h->help) : h->help;
	return NULL;
}

/* 1 when the screen binds key itself (a global binding of it is hidden). */
static int screen_binds(const struct screen *under, int key)
{
	for (const struct tui_binding *b = under ? under->ops->keys : NULL; b && b->key; b++)
		if (b->key == key)
			return 1;
	return 0;
}

/* Adds key (bound to act) to the entries: to the entry of the same action
 * and text, or a new one.  Returns the new count. */
static size_t add_key(struct help_entry *e, size_t n, size_t max, enum tui_action act,
		      const char *text, int key)
{
	char name[16];
	size_t i;

	keys_name(key, name, sizeof name);
	for (i = 0; i < n; i++)
		if (e[i].act == act && strcmp(e[i].text, text) == 0)
			break;
	if (i == n) {
		if (n == max)
			return n;
		e[n].act = act;
		e[n].text = text;
		e[n].keys[0] = '\0';
		n++;
	}
	if (strlen(e[i].keys) + strlen(name) + 2 < sizeof e[i].keys)
		snprintf(e[i].keys + strlen(e[i].keys), sizeof e[i].keys - strlen(e[i].keys),
			 "%s%s", e[i].keys[0] ? " " : "", name);
	return n;
}

/* The entries of the screen beneath: its bindings, then the global ones
 * it does not override; function keys before the others of an action. */
static size_t help_entries(struct tui *t, const struct screen *under,
			   struct help_entry *e, size_t max)
{
	const struct tui_binding *tables[2] = { under ? under->ops->keys : NULL, tui_global_keys };
	size_t n = 0;

	for (int pass = 0; pass < 2; pass++)
		for (int k = 0; k < 2; k++)
			for (const struct tui_binding *b = tables[k]; b && b->key; b++) {
				const char *text;

				if ((!(b->key & TK_SPECIAL)) != pass || b->action == ACT_NONE)
					continue;
				if (k == 1 && screen_binds(under, b->key))
					continue;
				if (under && under->ops->enabled &&
				    !under->ops->enabled(t, (struct screen *)under, b->action))
					continue;	/* not usable there: not told */
				text = key_note(under, b->key);
				if (text && !*text)
					continue;	/* not used there */
				n = add_key(e, n, max, b->action, text ? text : tui_action_help(b->action),
					    b->key);
			}
	return n;
}

/* The help as lines at width columns. */
static void help_lines(struct tui *t, const struct screen *under, int width, struct textwrap *tw)
{
	struct help_entry e[64];
	size_t n = help_entries(t, under, e, sizeof e / sizeof e[0]);
	int kw = 4;
	char line[1024];

	for (size_t i = 0; i < n; i++) {
		int w = utf8_width(e[i].keys);

		if (w > kw)
			kw = w > HELP_KEYS_MAX ? HELP_KEYS_MAX : w;
	}
	line[0] = ' ';		/* one column in, like the lines of the body */
	snprintf(line + 1, sizeof line - 1, _("“%s”的按键："), under && under->ops->title ?
		 _(under->ops->title) : _("本屏"));
	textwrap_push(tw, line);
	for (size_t i = 0; i < n; i++) {
		char code[48] = "";
		int pad = kw - utf8_width(e[i].keys);

		if (tui_action_code(e[i].act))
			snprintf(code, sizeof code, _("（交易码 %d）"), tui_action_code(e[i].act));
		snprintf(line, sizeof line, "  %s%*s  %s%s", e[i].keys, pad > 0 ? pad : 0, "",
			 e[i].text, code);
		textwrap_append(tw, line, width, kw + 4);
	}
}

static void help_draw(struct tui *t, struct screen *s)
{
	struct help_state *h = s->data;
	const struct screen *under = t->depth >= 2 ? &t->stack[t->depth - 2] : NULL;
	int y0 = tui_body_top(t), rows = tui_body_rows(t) - 1;
	struct textwrap tw;
	char pos[256];

	textwrap_init(&tw);
	help_lines(t, under, t->cols - 1, &tw);
	h->page = rows;
	h->nlines = (int)tw.n;
	if (h->top > h->nlines - rows)
		h->top = h->nlines > rows ? h->nlines - rows : 0;
	for (int r = 0; r < rows && (size_t)(h->top + r) < tw.n; r++) {
		if (h->top + r == 0)
			attrset(A_BOLD);
		tui_put(y0 + r, 0, t->cols, tw.lines[h->top + r], 0);
		attrset(A_NORMAL);
	}
	snprintf(pos, sizeof pos, _("第 %d-%d 行，共 %d 行；上下键、PgUp、PgDn 翻阅；Esc、q 或 F1 关闭帮助"),
		 tw.n ? h->top + 1 : 0, h->top + rows < h->nlines ? h->top + rows : h->nlines,
		 h->nlines);
	attrset(A_DIM);
	tui_put(y0 + rows, 1, t->cols - 2, pos, 0);
	attrset(A_NORMAL);
	textwrap_free(&tw);
}

static int help_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct help_state *h = s->data;
	int page = h->page > 1 ? h->page - 1 : 1, max = h->nlines > h->page ? h->nlines - h->page : 0;

	(void)t;
	(void)key;
	switch (act) {
	case ACT_DOWN:
		if (h->top < max)
			h->top++;
		break;
	case ACT_UP:
		if (h->top > 0)
			h->top--;
		break;
	case ACT_PAGE_DOWN:
		h->top = h->top + page < max ? h->top + page : max;
		break;
	case ACT_PAGE_UP:
		h->top = h->top > page ? h->top - page : 0;
		break;
	case ACT_FIRST:
		h->top = 0;
		break;
	case ACT_LAST:
		h->top = max;
		break;
	case ACT_BACK:
	case ACT_HELP:
		return TUI_POP;
	default:
		return 0;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

const struct screen_ops help_screen = {
	.name = "help",
	.title = N_("帮助"),
	.keys = help_keys,
	.enter = help_enter,
	.draw = help_draw,
	.handle = help_handle,
};
