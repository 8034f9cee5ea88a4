/*
 * help.c — the help screen, generated from the bindings of the screen
 * beneath it and the action table: every key, its action, and the
 * transaction code where the action has one.
 */
#include <curses.h>
#include <stdio.h>

#include "yichuang/util.h"
#include "tui.h"

struct help_state {
	int top;	/* first line shown */
};

static struct help_state help_state;

static const struct tui_binding help_keys[] = {
	{ 'q', ACT_BACK },
	{ 0, ACT_NONE }
};

static int help_enter(struct tui *t, struct screen *s)
{
	(void)t;
	help_state.top = 0;
	s->data = &help_state;
	return 0;
}

/* One help line per binding: key, code, help text. */
static int draw_bindings(struct tui *t, const struct screen *under,
			 const struct tui_binding *b, int line, int skip)
{
	int y0 = tui_body_top(t), rows = tui_body_rows(t);

	for (; b && b->key; b++) {
		char name[16], code[16], text[256];

		if (under && under->ops->enabled &&
		    !under->ops->enabled(t, (struct screen *)under, b->action))
			continue;	/* not usable there: not told */

		if (line - skip >= 0 && line - skip < rows) {
			keys_name(b->key, name, sizeof name);
			if (tui_action_code(b->action))
				snprintf(code, sizeof code, "%d", tui_action_code(b->action));
			else
				code[0] = '\0';
			snprintf(text, sizeof text, "  %-8s %-5s %s", name, code,
				 tui_action_help(b->action));
			tui_put(y0 + line - skip, 0, t->cols, text, 0);
		}
		line++;
	}
	return line;
}

static void help_draw(struct tui *t, struct screen *s)
{
	struct help_state *h = s->data;
	const struct screen *under = t->depth >= 2 ? &t->stack[t->depth - 2] : NULL;
	int line = 0;

	if (under)
		line = draw_bindings(t, under, under->ops->keys, line, h->top);
	draw_bindings(t, under, tui_global_keys, line, h->top);
}

static int help_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct help_state *h = s->data;

	(void)t;
	(void)key;
	switch (act) {
	case ACT_DOWN:
		h->top++;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_UP:
		if (h->top > 0)
			h->top--;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_BACK:
	case ACT_HELP:
		return TUI_POP;
	default:
		return 0;
	}
}

const struct screen_ops help_screen = {
	.name = "help",
	.title = N_("帮助"),
	.keys = help_keys,
	.enter = help_enter,
	.draw = help_draw,
	.handle = help_handle,
};
