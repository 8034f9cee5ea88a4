/*
 * intake_form.c — the form steps of an intake: the applicant (person or
 * organisation, ID number or 统一社会信用代码 with the reason when its
 * check digit fails, phone) and optional agent, the items' extra form
 * fields (choices by digit or space, hints wrapped whole), and the
 * situations (情形) that switch materials on and off.  Down and Enter
 * check the field before leaving it (a refusal drops the keys typed
 * ahead); Up leaves any field.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/textwrap.h"
#include "yichuang/util.h"
#include "yichuang/validate.h"
#include "app.h"
#include "intake.h"

#define LABEL_COLS 20		/* label column of the applicant form */
#define FIELD_LABEL_COLS 26	/* label column of the item's form */
#define FIELD_ROWS_MAX 64

static void form_draw(struct tui *t, struct screen *s);
static int form_handle(struct tui *t, struct screen *s, enum tui_action act, int key);

static const struct tui_key_help form_help[] = {
	{ TK_ENTER, N_("下一栏；在最后一栏检查本页后到下一步") },
	{ TK_ESC, N_("回到上一步（已填内容保留）") },
	{ TK_SPECIAL | KEY_UP, N_("上一栏（填错的栏也可离开）") },
	{ TK_SPECIAL | KEY_DOWN, N_("下一栏（先检查本栏）") },
	{ TK_SPECIAL | KEY_PPAGE, TUI_KEY_UNUSED },
	{ TK_SPECIAL | KEY_NPAGE, TUI_KEY_UNUSED },
	{ 0, NULL }
};

static const struct tui_key_help situation_help[] = {
	{ TK_ENTER, N_("下一步：材料") },
	{ TK_ESC, N_("回到上一步（已填内容保留）") },
	{ ' ', N_("选或不选当前情形（决定需要哪些材料）") },
	{ TK_SPECIAL | KEY_PPAGE, TUI_KEY_UNUSED },
	{ TK_SPECIAL | KEY_NPAGE, TUI_KEY_UNUSED },
	{ 0, NULL }
};

static const struct tui_binding form_keys[] = {
	{ TK_SPECIAL | KEY_F(7), ACT_INTAKE_PREV },
	{ TK_SPECIAL | KEY_F(8), ACT_INTAKE_NEXT },
	{ TK_SPECIAL | KEY_F(9), ACT_INTAKE_ABANDON },
	{ TK_TAB, ACT_NEXT_FIELD },
	{ TK_SPECIAL | KEY_BTAB, ACT_PREV_FIELD },
	{ 0, ACT_NONE }
};

static const struct tui_binding situation_keys[] = {
	{ ' ', ACT_TOGGLE },
	{ TK_SPECIAL | KEY_F(7), ACT_INTAKE_PREV },
	{ TK_SPECIAL | KEY_F(8), ACT_INTAKE_NEXT },
	{ TK_SPECIAL | KEY_F(9), ACT_INTAKE_ABANDON },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

const struct screen_ops intake_applicant_ops = {
	.name = "intake-applicant", .title = N_("受理·申请人"), .keys = form_keys,
	.draw = form_draw, .handle = form_handle, .leave = intake_leave,
	.key_help = form_help,
};
const struct screen_ops intake_fields_ops = {
	.name = "intake-fields", .title = N_("受理·申请表"), .keys = form_keys,
	.draw = form_draw, .handle = form_handle, .leave = intake_leave,
	.key_help = form_help,
};
const struct screen_ops intake_situations_ops = {
	.name = "intake-situations", .title = N_("受理·情形"), .keys = situation_keys,
	.draw = form_draw, .handle = form_handle, .leave = intake_leave,
	.key_help = situation_help,
};

/* ---- applicant -------------------------------------------------------- */

/* The rows the cursor can take on the applicant step, in order. */
static int party_rows(const struct intake *in, int *rows)
{
	int n = 0;

	for (int r = 0; r < PROW_COUNT; r++)
		if (intake_party_row_shown(in, (enum intake_party_row)r))
			rows[n++] = r;
	return n;
}

static void applicant_draw(struct tui *t, struct intake *in)
{
	int y = tui_body_top(t) + 2, vx = 2 + LABEL_COLS, vw = t->cols - vx - 2;
	int bottom = tui_body_top(t) + tui_body_rows(t) - 1;
	char msg[600];

	intake_draw_head(t, in);
	for (int r = 0; r < PROW_COUNT; r++) {
		char label[128];

		if (r == PROW_AGENT_NAME) {
			attrset(A_BOLD);
			tui_put(++y, 2, t->cols - 4, _("代理人（申请人本人办理的不填）"), 0);
			attrset(A_NORMAL);
			y++;
		}
		if (r == PROW_KIND && !intake_party_row_shown(in, PROW_KIND)) {
			snprintf(label, sizeof label, "%s", intake_party_label(in, PROW_KIND));
			tui_put(y, 2, LABEL_COLS, label, 1);
			tui_put(y, vx, vw, in->org ? _("单位（本事项只受理单位申请）")
				: _("个人（本事项只受理个人申请）"), 0);
			y++;
			continue;
		}
		if (!intake_party_row_shown(in, (enum intake_party_row)r))
			continue;
		tui_put(y, 1, 1, r == in->row ? ">" : " ", 0);
		tui_put(y, 2, LABEL_COLS, intake_party_label(in, (enum intake_party_row)r), 1);
		if (r == PROW_KIND) {
			snprintf(label, sizeof label, "%s %s  %s", in->org ? "( )" : "(*)", _("个人"),
				 in->org ? _("(*) 单位") : _("( ) 单位"));
			tui_put(y, vx, vw, label, 0);
			if (r == in->row)
				tui_put(y, vx + utf8_width(label) + 2, vw - utf8_width(label) - 2,
					_("空格切换"), 0);
		} else if (r == in->row && in->ed_row == r) {
			intake_draw_edit(&in->ed, y, vx, vw);
		} else {
			intake_draw_value(y, vx, vw, in->party[r], r == in->row);
		}
		y++;
	}
	/* The focused row's problem, at the field; on the reason row, the
	 * check-digit warning it answers. */
	if (in->row == PROW_OVERRIDE) {
		intake_party_check(in, PROW_ID, msg, sizeof msg);
		attrset(t->color ? COLOR_PAIR(3) : A_BOLD);
		intake_draw_wrapped(t, y + 1, 3, 2, msg);
		attrset(A_NORMAL);
	} else if (in->row != PROW_KIND && in->party[in->row][0] &&
		   intake_party_check(in, (enum intake_party_row)in->row, msg, sizeof msg) != 0) {
		attrset(t->color ? COLOR_PAIR(2) : A_BOLD);
		intake_draw_wrapped(t, y + 1, 3, 2, msg);
		attrset(A_NORMAL);
	}
	if (!intake_draw_question(t, in))
		tui_put(bottom, 1, t->cols - 2,
			_("Enter/Tab 下一栏，上下键移动；填完按 F8 下一步，F9 放弃"), 0);
}

/* Loads the focused text row into the editor when it is not there yet. */
static void ensure_ed(struct intake *in, char *value)
{
	if (in->ed_row == in->row)
		return;
	lineedit_init(&in->ed, 120);
	if (lineedit_set(&in->ed, value) != 0)
		lineedit_clear(&in->ed);
	in->ed_row = in->row;
}

/* Moves the cursor among n rows; dir 1 checks the row left (forward
 * moves stay on a wrong value and say why).  1 when it moved. */
static int move_row(struct tui *t, struct intake *in, const int *rows, int n, int dir,
		    int (*check)(struct intake *, int, char *, size_t))
{
	int i;
	char msg[600];

	for (i = 0; i < n && rows[i] != in->row; i++)
		;
	if (dir > 0 && check) {
		int rc = check(in, in->row, msg, sizeof msg);

		if (rc < 0) {
			tui_error(t, "%s", msg);
			tui_flush_typeahead(t);
			return 0;
		}
		/* a check-digit warning: said, and the reason row is next */
		if (rc > 0)
			tui_error(t, "%s", msg);
	}
	if (i + dir < 0 || i + dir >= n)
		return 0;
	in->row = rows[i + dir];
	in->ed_row = -1;
	return 1;
}

/* -1 an error, 1 a check-digit warning whose reason is not written yet
 * (the reason row comes next), 0 fine; msg says what. */
static int party_row_check(struct intake *in, int row, char *msg, size_t msgsz)
{
	char m[600];
	int rc = intake_party_check(in, (enum intake_party_row)row, msg, msgsz);

	if (rc > 0 && in->party[PROW_OVERRIDE][0] &&
	    intake_party_check(in, PROW_OVERRIDE, m, sizeof m) == 0)
		return 0;
	return rc;
}

static int applicant_handle(struct tui *t, struct screen *s, struct intake *in,
			    enum tui_action act, int key)
{
	int rows[PROW_COUNT], n = party_rows(in, rows), last = rows[n - 1];

	switch (act) {
	case ACT_UP:
	case ACT_PREV_FIELD:
		move_row(t, in, rows, n, -1, NULL);
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_DOWN:
	case ACT_NEXT_FIELD:
		move_row(t, in, rows, n, 1, party_row_check);
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_SELECT:
		if (in->row == last)
			return intake_go_forward(t, s, in);
		move_row(t, in, rows, n, 1, party_row_check);
		return TUI_HANDLED | TUI_REDRAW;
	default:
		break;
	}
	if (in->row == PROW_KIND) {
		if (key == ' ' || key == (TK_SPECIAL | KEY_LEFT) || key == (TK_SPECIAL | KEY_RIGHT)) {
			in->org = !in->org;
			intake_draft_save(t, in);
			tui_message(t, "%s", in->org ? _("申请人类型：单位") : _("申请人类型：个人"));
			return TUI_HANDLED | TUI_REDRAW;
		}
		return 0;
	}
	ensure_ed(in, in->party[in->row]);
	switch (intake_edit_key(&in->ed, key)) {
	case 2:
		lineedit_get(&in->ed, in->party[in->row], INTAKE_VALUE_MAX);
		intake_draft_save(t, in);
		return TUI_HANDLED | TUI_REDRAW;
	case 1:
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return 0;
	}
}

/* ---- form fields ------------------------------------------------------ */

/* Rows of the fields step: field i is row 2i, its override reason 2i+1
 * (only when the value needs one). */
static int field_rows(const struct intake *in, int *rows, int max)
{
	int n = 0;

	for (size_t i = 0; i < in->nfields && n + 2 <= max; i++) {
		char msg[400];
		const struct intake_field *f = &in->fields[i];

		rows[n++] = (int)(2 * i);
		if (f->f->type == FIELD_USCC &&
		    validate_field(f->f, f->value, msg, sizeof msg) == VALIDATE_WARNING)
			rows[n++] = (int)(2 * i + 1);
	}
	return n;
}

static int field_row_check(struct intake *in, int row, char *msg, size_t msgsz)
{
	struct intake_field *f = &in->fields[row / 2];
	char why[600];
	int rc = intake_field_check(f, why, sizeof why);

	/* A warning on the value says what failed; the reason row next
	 * asks for the reason. */
	if (rc == 0)
		return 0;
	if (row % 2 == 0)
		utf8_snprintf(msg, msgsz, "%s", why);
	else
		utf8_snprintf(msg, msgsz, _("%s（%s）：须写明接受的理由（至少 4 个字）"),
			      f->f->label, why);
	return rc;
}

/* The hint under a field, wrapped to width: for a choice, how to choose
 * and the choices packed whole ("4.热食类食品制售" never split across
 * lines); then the field's help.  Nothing is cut. */
static void field_hint(const struct intake_field *f, int width, struct textwrap *tw)
{
	char line[1024];

	if (f->f->type == FIELD_CHOICE) {
		size_t o = 0;

		textwrap_append(tw, _("空格切换，或按数字选择："), width, 2);
		line[0] = '\0';
		for (size_t k = 0; k < f->f->nchoices; k++) {
			char one[512];
			int lw = utf8_width(line), ow;

			snprintf(one, sizeof one, "%zu.%s", k + 1, f->f->choices[k]);
			ow = utf8_width(one);
			if (o > 0 && lw + 2 + ow > width) {
				textwrap_append(tw, line, width, 4);
				line[0] = '\0';
				o = 0;
			}
			o += (size_t)snprintf(line + o, sizeof line - o, "%s%s", o ? "  " : "  ", one);
			if (o >= sizeof line)
				o = sizeof line - 1;
		}
		if (o > 0)
			textwrap_append(tw, line, width, 4);
	}
	if (f->f->help)
		textwrap_append(tw, f->f->help, width, 2);
}

static void fields_draw(struct tui *t, struct intake *in)
{
	int rows[FIELD_ROWS_MAX], n = field_rows(in, rows, FIELD_ROWS_MAX);
	int y0 = tui_body_top(t) + 2, vx = 2 + FIELD_LABEL_COLS + 1, vw = t->cols - vx - 2;
	int bottom = tui_body_top(t) + tui_body_rows(t) - 1, room;
	int y = y0, focus = 0;
	char msg[600];
	struct textwrap hint, problem;

	intake_draw_head(t, in);
	textwrap_init(&hint);
	textwrap_init(&problem);
	if (n > 0) {
		const struct intake_field *f = &in->fields[in->row / 2];

		field_hint(f, t->cols - 3, &hint);
		if ((f->value[0] || in->row % 2) && field_row_check(in, in->row, msg, sizeof msg) != 0)
			textwrap_append(&problem, msg, t->cols - 3, 2);
	}
	/* The fields get what the hint and the problem leave (at least 4). */
	room = bottom - y0 - 1 - (int)hint.n - (int)problem.n - (problem.n ? 1 : 0);
	if (room < 4)
		room = 4;
	for (int i = 0; i < n; i++)
		if (rows[i] == in->row)
			focus = i;
	if (focus < in->top)
		in->top = focus;
	if (focus >= in->top + room)
		in->top = focus - room + 1;
	for (int i = in->top; i < n && y < y0 + room; i++, y++) {
		const struct intake_field *f = &in->fields[rows[i] / 2];
		int ov = rows[i] % 2;
		char label[256];

		snprintf(label, sizeof label, "%s%s", ov ? _("  校验位不符的理由") : f->f->label,
			 !ov && f->f->required ? " *" : "");
		tui_put(y, 1, 1, rows[i] == in->row ? ">" : " ", 0);
		intake_put_cut(y, 2, FIELD_LABEL_COLS, label);
		if (rows[i] == in->row && in->ed_row == in->row && f->f->type != FIELD_CHOICE)
			intake_draw_edit(&in->ed, y, vx, vw);
		else
			intake_draw_value(y, vx, vw, ov ? f->override : f->value,
					  rows[i] == in->row && (ov || f->f->type != FIELD_CHOICE));
	}
	y = y0 + room;
	attrset(A_DIM);
	for (size_t i = 0; i < hint.n && y < bottom; i++)
		tui_put(y++, 1, t->cols - 2, hint.lines[i], 0);
	attrset(A_NORMAL);
	if (problem.n)
		y++;
	attrset(t->color ? COLOR_PAIR(2) : A_BOLD);
	for (size_t i = 0; i < problem.n && y < bottom; i++)
		tui_put(y++, 1, t->cols - 2, problem.lines[i], 0);
	attrset(A_NORMAL);
	textwrap_free(&hint);
	textwrap_free(&problem);
	if (!intake_draw_question(t, in))
		tui_put(bottom, 1, t->cols - 2,
			_("Enter/Tab 下一栏；* 为必填；F7 上一步，F8 下一步，F9 放弃"), 0);
}

/* Chooses choice k (0-based) of a choice field, or the next one (k < 0). */
static void field_choose(struct intake_field *f, int k)
{
	const struct catalog_field *c = f->f;
	size_t cur = c->nchoices;

	if (c->nchoices == 0)
		return;
	for (size_t i = 0; i < c->nchoices; i++)
		if (strcmp(f->value, c->choices[i]) == 0)
			cur = i;
	if (k < 0)
		k = cur >= c->nchoices ? 0 : (int)((cur + 1) % c->nchoices);
	snprintf(f->value, sizeof f->value, "%s", c->choices[k]);
}

static int fields_handle(struct tui *t, struct screen *s, struct intake *in,
			 enum tui_action act, int key)
{
	int rows[FIELD_ROWS_MAX], n = field_rows(in, rows, FIELD_ROWS_MAX);
	struct intake_field *f;
	char *value, msg[600];

	if (n == 0)
		return 0;
	switch (act) {
	case ACT_UP:
	case ACT_PREV_FIELD:
		move_row(t, in, rows, n, -1, NULL);
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_DOWN:
	case ACT_NEXT_FIELD:
		move_row(t, in, rows, n, 1, field_row_check);
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_SELECT:
		n = field_rows(in, rows, FIELD_ROWS_MAX);
		if (in->row == rows[n - 1] && field_row_check(in, in->row, msg, sizeof msg) == 0)
			return intake_go_forward(t, s, in);
		move_row(t, in, rows, n, 1, field_row_check);
		return TUI_HANDLED | TUI_REDRAW;
	default:
		break;
	}
	f = &in->fields[in->row / 2];
	if (f->f->type == FIELD_CHOICE && in->row % 2 == 0) {
		if (key == ' ' || key == (TK_SPECIAL | KEY_RIGHT)) {
			field_choose(f, -1);
		} else if (key >= '1' && key <= '9' && (size_t)(key - '1') < f->f->nchoices) {
			field_choose(f, key - '1');
		} else if (key == (TK_SPECIAL | KEY_BACKSPACE) || key == TK_CTRL('u')) {
			f->value[0] = '\0';
		} else {
			return 0;
		}
		intake_draft_save(t, in);
		return TUI_HANDLED | TUI_REDRAW;
	}
	value = in->row % 2 ? f->override : f->value;
	ensure_ed(in, value);
	switch (intake_edit_key(&in->ed, key)) {
	case 2:
		lineedit_get(&in->ed, value, INTAKE_VALUE_MAX);
		intake_draft_save(t, in);
		return TUI_HANDLED | TUI_REDRAW;
	case 1:
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return 0;
	}
}

/* ---- situations ------------------------------------------------------- */

/* Row r of the situations step as (unit, situation); 0 when r is past the
 * end. */
static int situation_at(const struct intake *in, int r, size_t *ui, size_t *si)
{
	for (size_t u = 0; u < in->nunits; u++) {
		size_t n = in->units[u].item->nsituations;

		if ((size_t)r < n) {
			*ui = u;
			*si = (size_t)r;
			return 1;
		}
		r -= (int)n;
	}
	return 0;
}

static int situation_count(const struct intake *in)
{
	int n = 0;

	for (size_t u = 0; u < in->nunits; u++)
		n += (int)in->units[u].item->nsituations;
	return n;
}

static void situations_draw(struct tui *t, struct intake *in)
{
	int y0 = tui_body_top(t) + 2, bottom = tui_body_top(t) + tui_body_rows(t) - 1;
	int n = situation_count(in), room = bottom - y0 - 4;
	size_t ui = 0, si = 0;
	char line[512];

	intake_draw_head(t, in);
	tui_put(y0, 2, t->cols - 4, _("申请人符合哪些情形？（情形决定需要哪些材料）"), 0);
	if (in->row < in->top)
		in->top = in->row;
	if (in->row >= in->top + room)
		in->top = in->row - room + 1;
	for (int r = in->top; r < n && r - in->top < room; r++) {
		const struct intake_unit *u;

		situation_at(in, r, &ui, &si);
		u = &in->units[ui];
		if (in->bundle)
			snprintf(line, sizeof line, "[%s] %s：%s", u->sit_on[si] ? "x" : " ",
				 u->item->short_name ? u->item->short_name : u->item->name,
				 u->item->situations[si].label);
		else
			snprintf(line, sizeof line, "[%s] %s", u->sit_on[si] ? "x" : " ",
				 u->item->situations[si].label);
		if (r == in->row)
			attrset(A_REVERSE);
		tui_put(y0 + 2 + r - in->top, 1, 2, r == in->row ? ">" : "", 1);
		intake_put_cut(y0 + 2 + r - in->top, 3, t->cols - 4, line);
		attrset(A_NORMAL);
	}
	if (situation_at(in, in->row, &ui, &si)) {
		const struct catalog_situation *sit = &in->units[ui].item->situations[si];
		struct strbuf sb;

		sb_init(&sb);
		for (size_t k = 0; k < sit->nenables; k++) {
			const struct catalog_material *m = catalog_find_material(in->units[ui].item,
										  sit->enables[k]);

			sb_appendf(&sb, "%s%s", k ? "、" : _("选中时需要："), m ? m->name : sit->enables[k]);
		}
		for (size_t k = 0; k < sit->ndisables; k++) {
			const struct catalog_material *m = catalog_find_material(in->units[ui].item,
										  sit->disables[k]);

			sb_appendf(&sb, "%s%s", k ? "、" : (sb.buf && *sb.buf ? _("；免交：") : _("选中时免交：")),
				   m ? m->name : sit->disables[k]);
		}
		attrset(A_DIM);
		intake_draw_wrapped(t, bottom - 3, 2, 2, sb.buf ? sb.buf : "");
		attrset(A_NORMAL);
		sb_free(&sb);
	}
	if (!intake_draw_question(t, in))
		tui_put(bottom, 1, t->cols - 2, _("空格 选/不选；Enter 或 F8 下一步：材料；F7 上一步"), 0);
}

static int situations_handle(struct tui *t, struct screen *s, struct intake *in,
			     enum tui_action act, int key)
{
	int n = situation_count(in);
	size_t ui = 0, si = 0;
	char err[YC_ERRSZ];

	(void)key;
	switch (act) {
	case ACT_UP:
		if (in->row > 0)
			in->row--;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_DOWN:
		if (in->row + 1 < n)
			in->row++;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_SELECT:
		return intake_go_forward(t, s, in);
	case ACT_TOGGLE:
		if (!situation_at(in, in->row, &ui, &si))
			return TUI_HANDLED;
		in->units[ui].sit_on[si] = !in->units[ui].sit_on[si];
		if (intake_unit_rebuild(&in->units[ui], err, sizeof err) != 0) {
			in->units[ui].sit_on[si] = !in->units[ui].sit_on[si];
			tui_error(t, "%s", err);
		} else {
			intake_draft_save(t, in);
		}
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return 0;
	}
}

/* ---- the steps' screen ------------------------------------------------- */

static void form_draw(struct tui *t, struct screen *s)
{
	struct intake *in = s->data;

	switch (in->step) {
	case STEP_APPLICANT:
		applicant_draw(t, in);
		break;
	case STEP_FIELDS:
		fields_draw(t, in);
		break;
	default:
		situations_draw(t, in);
		break;
	}
}

static int form_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct intake *in = s->data;
	int fl = intake_common_handle(t, s, in, act, key);

	if (fl >= 0)
		return fl;
	switch (in->step) {
	case STEP_APPLICANT:
		return applicant_handle(t, s, in, act, key);
	case STEP_FIELDS:
		return fields_handle(t, s, in, act, key);
	default:
		return situations_handle(t, s, in, act, key);
	}
}
