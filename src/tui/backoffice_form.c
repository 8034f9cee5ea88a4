/*
 * backoffice_form.c — the widgets of the back-office screens (see
 * backoffice.h): a form of a few labelled one-line fields drawn over the
 * bottom rows of the body, the question line, and a case's deadline as a
 * few characters with its attribute.
 *
 * The form is small on purpose: a title line, one row per field and a row
 * of keys, so a thin 80x24 terminal keeps the screen above readable and
 * only these rows change while the user types.
 */
#include <assert.h>
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "yichuang/backoffice.h"
#include "yichuang/casefsm.h"
#include "yichuang/supervise.h"
#include "yichuang/textwrap.h"
#include "yichuang/util.h"
#include "backoffice.h"

#define BO_LABEL_COLS 22	/* the label column of a form */

/* ---- the form -------------------------------------------------------- */

void bo_form_open(struct bo_form *fm, int purpose, const char *title)
{
	bo_form_close(fm);
	fm->active = 1;
	fm->purpose = purpose;
	snprintf(fm->title, sizeof fm->title, "%s", title ? title : "");
	utf8_trim_partial(fm->title);
}

int bo_form_add(struct bo_form *fm, const char *label, size_t max, const char *init,
		int secret)
{
	struct bo_form_field *f;

	assert(fm->nfields < BO_FORM_FIELDS);
	f = &fm->f[fm->nfields];
	f->label = label;
	f->secret = secret;
	lineedit_init(&f->le, max);
	if (init)
		lineedit_set(&f->le, init);
	return fm->nfields++;
}

void bo_form_close(struct bo_form *fm)
{
	explicit_bzero(fm, sizeof *fm);
}

char *bo_form_value(const struct bo_form *fm, int i, char *buf, size_t bufsz)
{
	char *s;

	buf[0] = '\0';
	if (i < 0 || i >= fm->nfields)
		return buf;
	lineedit_get(&fm->f[i].le, buf, bufsz);
	s = yc_trim(buf);
	if (s != buf)
		memmove(buf, s, strlen(s) + 1);
	return buf;
}

void bo_form_clear(struct bo_form *fm, int i)
{
	if (i < 0 || i >= fm->nfields)
		return;
	explicit_bzero(fm->f[i].le.text, sizeof fm->f[i].le.text);
	lineedit_clear(&fm->f[i].le);
	fm->cur = i;
}

int bo_form_rows(const struct bo_form *fm)
{
	return fm->active ? fm->nfields + 2 : 0;
}

/* Title, one row per field (a password as stars) and the keys, at the
 * bottom of the body; the field being typed in is marked with ">" and
 * shows its cursor reversed. */
void bo_form_draw(struct tui *t, const struct bo_form *fm)
{
	int rows = bo_form_rows(fm);
	int y = tui_body_top(t) + tui_body_rows(t) - rows, fx = BO_LABEL_COLS + 2;
	int fw = t->cols - fx - 2;
	char buf[LINEEDIT_MAX * 4 + 1];

	if (!fm->active)
		return;
	attrset(A_REVERSE);
	tui_put(y++, 0, t->cols, fm->title, 1);
	attrset(A_NORMAL);
	for (int i = 0; i < fm->nfields; i++, y++) {
		/* lineedit_view moves the field's scroll: a copy keeps draw pure */
		struct lineedit le = fm->f[i].le;
		int col, wide = 0;

		/* the field being typed in: a mark and its label bold */
		tui_put(y, 0, fx, i == fm->cur ? ">" : "", 1);
		if (i == fm->cur)
			attrset(A_BOLD);
		tui_put(y, 1, BO_LABEL_COLS, fm->f[i].label, 1);
		attrset(A_NORMAL);
		if (fm->f[i].secret) {
			size_t first = le.cursor >= (size_t)fw ? le.cursor - (size_t)fw + 1 : 0;
			size_t shown = le.len - first < (size_t)fw ? le.len - first : (size_t)fw;

			memset(buf, '*', shown);
			buf[shown] = '\0';
			col = (int)(le.cursor - first);
		} else {
			col = lineedit_view(&le, fw, buf, sizeof buf);
			wide = le.cursor < le.len && cp_width(le.text[le.cursor]) == 2;
		}
		attrset(A_UNDERLINE);
		tui_put(y, fx, fw, buf, 1);
		attrset(A_NORMAL);
		tui_put(y, fx + fw, t->cols - fx - fw, "", 1);
		if (i == fm->cur)
			mvchgat(y, fx + col, wide ? 2 : 1, A_REVERSE, 0, NULL);
		explicit_bzero(buf, sizeof buf);
		explicit_bzero(&le, sizeof le);
	}
	attrset(A_DIM);
	tui_put(y, 0, t->cols, _(" Tab、上下键换栏；最后一栏按 Enter 确定；Esc 取消"), 1);
	attrset(A_NORMAL);
}

int bo_edit_key(struct lineedit *le, int key)
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
		break;
	}
	if (!(key & TK_SPECIAL) && key >= 0x20 && key != 0x7F) {
		lineedit_insert(le, (uint32_t)key);
		return 1;
	}
	return 0;
}

/* Text goes into the field with the cursor (even letters the screen binds
 * to actions); Tab and the cursor keys move between fields; Enter moves
 * on, and on the last field submits. */
enum bo_form_result bo_form_handle(struct bo_form *fm, enum tui_action act, int key)
{
	if (!fm->active)
		return BO_FORM_IGNORED;
	/* Text first: letters bound to actions on the screen are typed here. */
	if (!(key & TK_SPECIAL) && key >= 0x20 && key != 0x7F) {
		bo_edit_key(&fm->f[fm->cur].le, key);
		return BO_FORM_KEPT;
	}
	if (key == TK_TAB || act == ACT_DOWN || act == ACT_NEXT_FIELD) {
		fm->cur = (fm->cur + 1) % fm->nfields;
		return BO_FORM_KEPT;
	}
	if (act == ACT_UP || act == ACT_PREV_FIELD || key == (TK_SPECIAL | KEY_BTAB)) {
		fm->cur = (fm->cur + fm->nfields - 1) % fm->nfields;
		return BO_FORM_KEPT;
	}
	if (act == ACT_SELECT || key == TK_ENTER) {
		if (fm->cur + 1 < fm->nfields) {
			fm->cur++;
			return BO_FORM_KEPT;
		}
		return BO_FORM_SUBMIT;
	}
	if (key == (TK_SPECIAL | KEY_F(2)))
		return BO_FORM_SUBMIT;
	if (act == ACT_BACK)
		return BO_FORM_CANCEL;
	if (bo_edit_key(&fm->f[fm->cur].le, key))
		return BO_FORM_KEPT;
	return BO_FORM_IGNORED;
}

const char *bo_signed_text(const char *who, const char *at, char *buf, size_t bufsz)
{
	if (!who)
		snprintf(buf, bufsz, "%s", "");
	else if (at && strlen(at) >= 16)
		snprintf(buf, bufsz, "%s %.10s %.5s", who, at, at + 11);
	else
		snprintf(buf, bufsz, "%s", who);
	utf8_trim_partial(buf);
	return buf;
}

void bo_draw_question(struct tui *t, const char *text)
{
	int y = tui_body_top(t) + tui_body_rows(t) - 1;
	struct textwrap tw;

	attrset(A_REVERSE);
	/* A question wider than the terminal (a longer translation) takes
	 * the rows above its own rather than losing its end. */
	textwrap_init(&tw);
	if (utf8_width(text) > t->cols && textwrap_append(&tw, text, t->cols - 1, 1) == 0 &&
	    tw.n > 1 && (int)tw.n <= 3 && (int)tw.n < tui_body_rows(t)) {
		for (size_t i = 0; i < tw.n; i++)
			tui_put(y - (int)(tw.n - 1 - i), 0, t->cols, tw.lines[i], 1);
	} else {
		tui_put(y, 0, t->cols, text, 1);
	}
	textwrap_free(&tw);
	attrset(A_NORMAL);
}

/* ---- deadlines ------------------------------------------------------- */

void bo_deadline(const struct case_fold *f, int today, int warn_days,
		 const struct calendar *cal, struct bo_deadline *out)
{
	memset(out, 0, sizeof *out);
	out->status = casefsm_deadline_status(f, today, warn_days, cal);
	out->level = supervise_level_of(out->status);
	out->has_left = supervise_days_left(f, today, cal, &out->left);
}

/* The days left of a case in a few characters (see backoffice.h). */
const char *bo_left_text(const struct case_fold *f, const struct bo_deadline *d,
			 char *buf, size_t bufsz)
{
	buf[0] = '\0';
	if (f->state == CASE_SPECIAL)
		snprintf(buf, bufsz, "%s", _("暂停"));
	else if (d->has_left && d->left >= 0)
		snprintf(buf, bufsz, _("剩 %d 日"), d->left);
	else if (d->has_left)
		snprintf(buf, bufsz, _("超 %d 日"), -d->left);
	return buf;
}

void bo_level_attr(const struct tui *t, enum supervise_level l)
{
	switch (l) {
	case SUPERVISE_RED:
		attrset(t->color ? COLOR_PAIR(2) | A_BOLD : A_BOLD);
		break;
	case SUPERVISE_YELLOW:
	case SUPERVISE_WARNING:
		attrset(t->color ? COLOR_PAIR(3) : A_NORMAL);
		break;
	default:
		attrset(A_NORMAL);
		break;
	}
}

int bo_warn_days(struct tui *t, struct app *app)
{
	char err[YC_ERRSZ];
	int days = BACKOFFICE_WARN_DAYS_DEFAULT;

	if (backoffice_warn_days(app->st, &days, err, sizeof err) != 0)
		tui_error(t, _("%s；按默认 %d 个工作日预警"), err, BACKOFFICE_WARN_DAYS_DEFAULT);
	return days;
}
