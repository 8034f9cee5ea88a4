/*
 * issuing_list.c — the helpers the result hand-over, issuing and
 * supervision screens share (issuing.h): a list whose headings and
 * tallies scroll with the rows the cursor can stand on, one-line input
 * fields, prompts and short dates.
 */
#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/date.h"
#include "yichuang/util.h"
#include "issuing.h"

void issuing_list_init(struct issuing_list *l)
{
	memset(l, 0, sizeof *l);
}

void issuing_list_free(struct issuing_list *l)
{
	free(l->rows);
	memset(l, 0, sizeof *l);
}

void issuing_list_clear(struct issuing_list *l)
{
	l->n = 0;
	l->sel = 0;
}

int issuing_list_add(struct issuing_list *l, enum issuing_row_kind kind, int type,
		     size_t index, size_t sub)
{
	struct issuing_row *r;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		struct issuing_row *v = realloc(l->rows, cap * sizeof *v);

		if (!v)
			return -1;
		l->rows = v;
		l->cap = cap;
	}
	r = &l->rows[l->n++];
	r->kind = kind;
	r->type = type;
	r->index = index;
	r->sub = sub;
	return 0;
}

const struct issuing_row *issuing_list_current(const struct issuing_list *l)
{
	if (l->sel < l->n && l->rows[l->sel].kind == IROW_ITEM)
		return &l->rows[l->sel];
	return NULL;
}

void issuing_list_select(struct issuing_list *l, size_t pos)
{
	for (size_t i = pos; i < l->n; i++)
		if (l->rows[i].kind == IROW_ITEM) {
			l->sel = i;
			return;
		}
	for (size_t i = pos < l->n ? pos : l->n; i-- > 0;)
		if (l->rows[i].kind == IROW_ITEM) {
			l->sel = i;
			return;
		}
	l->sel = 0;
}

/* The item `steps` items away from row `from` in direction dir (-1, 1),
 * or the farthest item there is. */
static size_t issuing_step(const struct issuing_list *l, size_t from, int dir, size_t steps)
{
	size_t at = from, i = from;

	while (steps > 0) {
		if (dir < 0) {
			if (i == 0)
				break;
			i--;
		} else {
			if (i + 1 >= l->n)
				break;
			i++;
		}
		if (l->rows[i].kind == IROW_ITEM) {
			at = i;
			steps--;
		}
	}
	return at;
}

int issuing_list_move(struct issuing_list *l, enum tui_action act)
{
	size_t page = l->page > 1 ? (size_t)l->page - 1 : 1;
	int has = issuing_list_current(l) != NULL;

	switch (act) {
	case ACT_UP:
		if (has)
			l->sel = issuing_step(l, l->sel, -1, 1);
		break;
	case ACT_DOWN:
		if (has)
			l->sel = issuing_step(l, l->sel, 1, 1);
		break;
	case ACT_PAGE_UP:
		if (has)
			l->sel = issuing_step(l, l->sel, -1, page);
		break;
	case ACT_PAGE_DOWN:
		if (has)
			l->sel = issuing_step(l, l->sel, 1, page);
		break;
	case ACT_FIRST:
		issuing_list_select(l, 0);
		break;
	case ACT_LAST:
		if (has)
			l->sel = issuing_step(l, l->sel, 1, SIZE_MAX);
		break;
	default:
		return 0;
	}
	return 1;
}

void issuing_list_draw(struct tui *t, struct issuing_list *l, int y, int rows,
		       issuing_draw_row *draw, void *arg)
{
	size_t page;
	int has = issuing_list_current(l) != NULL;

	if (rows < 1)
		rows = 1;
	page = (size_t)rows;
	l->page = rows;
	if (l->top >= l->n)
		l->top = 0;
	if (has) {
		if (l->sel < l->top)
			l->top = l->sel;
		if (l->sel >= l->top + page)
			l->top = l->sel - page + 1;
		/* The headings just above the cursor's row, room permitting. */
		while (l->top > 0 && l->rows[l->top - 1].kind == IROW_TEXT &&
		       l->sel - (l->top - 1) < page)
			l->top--;
	}
	/* No empty rows at the bottom while rows above are hidden. */
	while (l->top > 0 && l->n - (l->top - 1) <= page)
		l->top--;
	for (size_t r = 0; r < page && l->top + r < l->n; r++) {
		size_t i = l->top + r;

		draw(t, y + (int)r, &l->rows[i], has && i == l->sel, arg);
		attrset(A_NORMAL);
	}
}

int issuing_edit_key(struct lineedit *le, int key)
{
	switch (key) {
	case TK_SPECIAL | KEY_BACKSPACE:
	case TK_CTRL('h'):
		lineedit_backspace(le);
		return 1;
	case TK_SPECIAL | KEY_DC:
	case TK_CTRL('d'):
		lineedit_delete(le);
		return 1;
	case TK_SPECIAL | KEY_LEFT:
	case TK_CTRL('b'):
		lineedit_left(le);
		return 1;
	case TK_SPECIAL | KEY_RIGHT:
	case TK_CTRL('f'):
		lineedit_right(le);
		return 1;
	case TK_SPECIAL | KEY_HOME:
	case TK_CTRL('a'):
		lineedit_home(le);
		return 1;
	case TK_SPECIAL | KEY_END:
	case TK_CTRL('e'):
		lineedit_end(le);
		return 1;
	case TK_CTRL('k'):
		lineedit_kill_to_end(le);
		return 1;
	case TK_CTRL('u'):
		lineedit_clear(le);
		return 1;
	default:
		if ((key & TK_SPECIAL) || key < 0x20 || key == 0x7F)
			return 0;
		lineedit_insert(le, (uint32_t)key);
		return 1;
	}
}

void issuing_draw_field(int y, int x, int width, const char *label, int labelw,
			struct lineedit *le, int focus)
{
	char buf[LINEEDIT_MAX * 4 + 1];
	int fieldw = width - labelw, col;

	tui_put(y, x, labelw, label, 1);
	if (fieldw < 2)
		return;
	col = lineedit_view(le, fieldw, buf, sizeof buf);
	attrset(A_UNDERLINE);
	tui_put(y, x + labelw, fieldw, buf, 1);
	attrset(A_NORMAL);
	if (focus)
		mvchgat(y, x + labelw + col, le->cursor < le->len &&
			cp_width(le->text[le->cursor]) == 2 ? 2 : 1, A_REVERSE, 0, NULL);
}

char *issuing_field_text(const struct lineedit *le, char *buf, size_t bufsz)
{
	char tmp[LINEEDIT_MAX * 4 + 1];

	lineedit_get(le, tmp, sizeof tmp);
	snprintf(buf, bufsz, "%s", yc_trim(tmp));
	return buf;
}

void issuing_draw_prompt(struct tui *t, int y, const char *text, int strong)
{
	attrset(strong ? A_BOLD : A_DIM);
	tui_put(y, 1, t->cols - 2, text, 1);
	attrset(A_NORMAL);
}

const char *issuing_day(const struct tui *t, int day, char *buf, size_t bufsz)
{
	char full[16];

	if (day <= 0) {
		snprintf(buf, bufsz, "%s", "");
		return buf;
	}
	date_format(day, full, sizeof full);
	snprintf(buf, bufsz, "%s", t->cols >= ISSUING_WIDE ? full : full + 5);
	return buf;
}
