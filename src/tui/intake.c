/*
 * intake.c — the counter intake (综合受理, transaction code 21): choosing
 * the item or 一件事 bundle with the finder, the applicant (person or
 * organisation, ID number or 统一社会信用代码, phone) and optional agent,
 * the items' extra form fields, the situations (情形) and the material
 * checklist; and the unfinished intake's draft, offered again after login.
 *
 * Every change is saved as the user's "intake" draft at once (one small
 * transaction), so quitting, a dropped session (SIGHUP), SIGTERM or kill -9
 * lose nothing the clerk typed.  The check and the decisions are in
 * intake_decide.c.
 *
 * The checklist is built for a trained clerk: space records the usual
 * receipt (paper with the required counts, or fetched, or electronic) and
 * moves to the next material, so a typical material costs one key.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/casestore.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/textwrap.h"
#include "yichuang/util.h"
#include "yichuang/validate.h"
#include "yichuang/workdays.h"
#include "app.h"
#include "intake.h"

#define LABEL_COLS 20		/* label column of the applicant form */
#define FIELD_LABEL_COLS 26	/* label column of the item's form */
#define FIELD_ROWS_MAX 64

/* ---- key tables -------------------------------------------------------- */

static const struct tui_binding offer_keys[] = {
	{ TK_SPECIAL | KEY_F(2), ACT_INTAKE_CONTINUE },
	{ 'c', ACT_INTAKE_CONTINUE },
	{ TK_ENTER, ACT_INTAKE_CONTINUE },
	{ TK_SPECIAL | KEY_F(3), ACT_INTAKE_DISCARD },
	{ 'd', ACT_INTAKE_DISCARD },
	{ TK_SPECIAL | KEY_F(4), ACT_INTAKE_NEW },
	{ 'n', ACT_INTAKE_NEW },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

static const struct tui_binding item_keys[] = {
	{ TK_SPECIAL | KEY_F(6), ACT_INTAKE_DRAFTS },
	{ TK_SPECIAL | KEY_F(8), ACT_INTAKE_NEXT },
	{ 0, ACT_NONE }
};

static const struct tui_key_help offer_help[] = {
	{ TK_ESC, N_("暂不处理：草稿都留着，可从“受理”（21）按 F6 继续") },
	{ TK_SPECIAL | KEY_UP, N_("上一份草稿") },
	{ TK_SPECIAL | KEY_DOWN, N_("下一份草稿") },
	{ TK_SPECIAL | KEY_PPAGE, TUI_KEY_UNUSED },
	{ TK_SPECIAL | KEY_NPAGE, TUI_KEY_UNUSED },
	{ 0, NULL }
};

static const struct tui_key_help item_help[] = {
	{ TK_ENTER, N_("选定事项，开始录入申请人") },
	{ TK_SPECIAL | KEY_UP, N_("上一个事项") },
	{ TK_SPECIAL | KEY_DOWN, N_("下一个事项") },
	{ TK_ESC, N_("返回主菜单") },
	{ 0, NULL }
};

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

static void intake_draw(struct tui *t, struct screen *s);
static int intake_handle(struct tui *t, struct screen *s, enum tui_action act, int key);

static int item_enabled(struct tui *t, struct screen *s, enum tui_action act);

static const struct screen_ops offer_ops = {
	.name = "intake-offer", .title = N_("受理·草稿"), .keys = offer_keys,
	.draw = intake_draw, .handle = intake_handle, .leave = intake_leave,
	.key_help = offer_help,
};
static const struct screen_ops item_ops = {
	.name = "intake-item", .title = N_("受理·选择事项"), .keys = item_keys,
	.draw = intake_draw, .handle = intake_handle, .leave = intake_leave,
	.enabled = item_enabled, .key_help = item_help,
};
static const struct screen_ops applicant_ops = {
	.name = "intake-applicant", .title = N_("受理·申请人"), .keys = form_keys,
	.draw = intake_draw, .handle = intake_handle, .leave = intake_leave,
	.key_help = form_help,
};
static const struct screen_ops fields_ops = {
	.name = "intake-fields", .title = N_("受理·申请表"), .keys = form_keys,
	.draw = intake_draw, .handle = intake_handle, .leave = intake_leave,
	.key_help = form_help,
};
static const struct screen_ops situations_ops = {
	.name = "intake-situations", .title = N_("受理·情形"), .keys = situation_keys,
	.draw = intake_draw, .handle = intake_handle, .leave = intake_leave,
	.key_help = situation_help,
};
static const struct screen_ops *step_ops(struct tui *t, struct intake *in, enum intake_step st)
{
	switch (st) {
	case STEP_OFFER:
		return &offer_ops;
	case STEP_APPLICANT:
		return &applicant_ops;
	case STEP_FIELDS:
		return &fields_ops;
	case STEP_SITUATIONS:
		return &situations_ops;
	case STEP_CHECKLIST:
		return &intake_checklist_ops;
	case STEP_CHECK:
		return intake_check_screen(t, in);
	case STEP_REJECT:
		return &intake_reject_ops;
	case STEP_RESULT:
		return &intake_result_ops;
	default:
		return &item_ops;
	}
}

void intake_goto(struct tui *t, struct screen *s, struct intake *in, enum intake_step st)
{
	in->step = st;
	s->ops = step_ops(t, in, st);
	in->row = 0;
	in->top = 0;
	in->ed_row = -1;
	in->confirm = CONFIRM_NONE;
	in->prompt = PROMPT_NONE;
	if (st == STEP_FIELDS)
		intake_fields_prefill(in);
	if (st == STEP_APPLICANT && !intake_party_row_shown(in, PROW_KIND))
		in->row = PROW_NAME;
	if (st >= STEP_APPLICANT && st <= STEP_REJECT)
		intake_draft_save(t, in);
}

void intake_leave(struct tui *t, struct screen *s)
{
	struct intake *in = s->data;

	(void)t;
	finder_free(&in->finder);
	intake_model_clear(in);
	if (in->cal)
		calendar_free(in->cal);
	draft_list_free(in->drafts, in->ndrafts);
	free(in);
}

/* ---- drawing helpers --------------------------------------------------- */

void intake_draw_confirm(struct tui *t, const char *question)
{
	int y = tui_body_top(t) + tui_body_rows(t) - 1;

	attrset(A_BOLD | A_REVERSE);
	tui_put(y, 0, t->cols, question, 1);
	attrset(A_NORMAL);
}

void intake_put_cut(int y, int x, int width, const char *s)
{
	int used;

	if (width <= 0)
		return;
	if (utf8_width(s) <= width || width < 4) {
		tui_put(y, x, width, s, 1);
		return;
	}
	used = tui_put(y, x, width - 2, s, 0);
	tui_put(y, x + used, width - used, "..", 1);
}

/* The item line at the top of every step. */
void intake_draw_head(struct tui *t, const struct intake *in)
{
	char line[512], lim[64];
	const struct catalog_item *it = in->units[0].item;

	if (in->bundle)
		snprintf(line, sizeof line, _("一件事：%s（%zu 个事项，牵头：%s）"), in->bundle->name,
			 in->nunits, in->bundle->lead_department);
	else {
		if (it->kind == ITEM_INSTANT)
			snprintf(lim, sizeof lim, "%s", _("即办件，当场办结"));
		else
			snprintf(lim, sizeof lim, _("承诺件，%d %s"), it->promised_limit,
				 catalog_unit_name(it->promised_unit));
		snprintf(line, sizeof line, _("事项：%s（%s）"), it->name, lim);
	}
	attrset(A_BOLD);
	intake_put_cut(tui_body_top(t), 1, t->cols - 2, line);
	attrset(A_NORMAL);
}

/* Draws a text field with the terminal cursor in it. */
void intake_draw_edit(struct lineedit *le, int y, int x, int width)
{
	char buf[LINEEDIT_MAX * 4 + 1];
	int col = lineedit_view(le, width, buf, sizeof buf);

	attrset(A_UNDERLINE);
	tui_put(y, x, width, buf, 1);
	attrset(A_NORMAL);
	tui_cursor_at(y, x + col);
}

void intake_draw_value(int y, int x, int width, const char *value, int focus)
{
	int w = utf8_width(value);

	intake_put_cut(y, x, width, value);
	if (focus)
		tui_cursor_at(y, x + (w < width ? w : width - 1));
}

/* Keys that edit a field: 2 when the text changed, 1 when only the cursor
 * moved, 0 when the key is not one of them. */
int intake_edit_key(struct lineedit *le, int key)
{
	switch (key) {
	case TK_SPECIAL | KEY_BACKSPACE:
	case TK_CTRL('h'):
		return lineedit_backspace(le) == 0 ? 2 : 1;
	case TK_SPECIAL | KEY_DC:
	case TK_CTRL('d'):
		return lineedit_delete(le) == 0 ? 2 : 1;
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
		return 2;
	case TK_CTRL('u'):
		lineedit_clear(le);
		return 2;
	default:
		break;
	}
	if (!(key & TK_SPECIAL) && key >= 0x20 && key != 0x7F && key != TK_ESC)
		return lineedit_insert(le, (uint32_t)key) == 0 ? 2 : 1;
	return 0;
}

/* Wrapped text in rows y..y+rows-1 (textwrap's line breaking); the last
 * row ends in ".." when text is left over. */
void intake_draw_wrapped(struct tui *t, int y, int rows, int hang, const char *text)
{
	struct textwrap tw;

	textwrap_init(&tw);
	textwrap_append(&tw, text, t->cols - 2, hang);
	for (int r = 0; r < rows && (size_t)r < tw.n; r++) {
		if (r == rows - 1 && (size_t)rows < tw.n) {
			char line[2048];

			/* The rest of the text on one row, cut visibly. */
			snprintf(line, sizeof line, "%s%s", tw.lines[r], tw.lines[r + 1] + hang);
			intake_put_cut(y + r, 1, t->cols - 2, line);
		} else {
			tui_put(y + r, 1, t->cols - 2, tw.lines[r], 0);
		}
	}
	textwrap_free(&tw);
}

/* ---- the drafts -------------------------------------------------------- */

static void offer_draw(struct tui *t, struct intake *in)
{
	int y = tui_body_top(t) + 1, bottom = tui_body_top(t) + tui_body_rows(t) - 1;
	int room = bottom - y - 10;
	char line[1024], summary[512];

	attrset(A_BOLD);
	snprintf(line, sizeof line, _("有 %zu 份未完成的受理（草稿，已自动保存）："), in->ndrafts);
	tui_put(y, 2, t->cols - 4, line, 0);
	attrset(A_NORMAL);
	y += 2;
	if (room < 1)
		room = 1;
	if (in->dsel < (size_t)in->top)
		in->top = (int)in->dsel;
	if (in->dsel >= (size_t)(in->top + room))
		in->top = (int)in->dsel - room + 1;
	for (int r = 0; r < room && (size_t)(in->top + r) < in->ndrafts; r++, y++) {
		size_t i = (size_t)(in->top + r);

		intake_draft_describe(in->app, in->drafts[i].body, summary, sizeof summary);
		snprintf(line, sizeof line, "%zu. %s", i + 1, summary);
		if (i == in->dsel)
			attrset(A_REVERSE);
		tui_put(y, 1, 2, i == in->dsel ? ">" : "", 1);
		intake_put_cut(y, 3, t->cols - 4, line);
		attrset(A_NORMAL);
	}
	/* The chosen draft whole, when its line had to be cut. */
	if (in->ndrafts > 0) {
		intake_draft_describe(in->app, in->drafts[in->dsel].body, summary, sizeof summary);
		snprintf(line, sizeof line, "%zu. %s", in->dsel + 1, summary);
		attrset(A_DIM);
		if (utf8_width(line) > t->cols - 4)
			intake_draw_wrapped(t, bottom - 7, 2, 2, summary);
		attrset(A_NORMAL);
	}
	tui_put(bottom - 4, 2, t->cols - 4, _("Enter 或 F2 继续选中的草稿：回到它停下的步骤"), 0);
	tui_put(bottom - 3, 2, t->cols - 4, _("F3 或 d 丢弃选中的草稿（按 y 确认）"), 0);
	tui_put(bottom - 2, 2, t->cols - 4, _("F4 或 n 草稿留着，开始新的受理"), 0);
	tui_put(bottom - 1, 2, t->cols - 4, _("Esc 暂不处理：草稿都留着，可从“受理”（21）按 F6 继续"), 0);
	if (in->confirm == CONFIRM_DISCARD_DRAFT)
		intake_draw_confirm(t, _("丢弃选中的草稿？已录入的内容将删除。y 丢弃 / n 保留"));
}

/* The cursor row a resumed step may take (the draft may be from another
 * catalog version): 1 when row exists on step st. */
static int row_exists(const struct intake *in, enum intake_step st, int row)
{
	int n = 0;

	switch (st) {
	case STEP_APPLICANT:
		return row < PROW_COUNT && intake_party_row_shown(in, (enum intake_party_row)row);
	case STEP_FIELDS:
		return row / 2 < (int)in->nfields && row % 2 == 0;
	case STEP_SITUATIONS:
		for (size_t u = 0; u < in->nunits; u++)
			n += (int)in->units[u].item->nsituations;
		return row < n;
	case STEP_CHECKLIST:
		for (size_t u = 0; u < in->nunits; u++)
			n += (int)in->units[u].nmats;
		return row < n;
	default:
		return row == 0;
	}
}

/* Reopens the chosen draft at the step and row it was left on. */
static int offer_continue(struct tui *t, struct screen *s, struct intake *in)
{
	char err[YC_ERRSZ];
	enum intake_step st;
	const struct draft_info *d;

	if (in->ndrafts == 0) {
		intake_goto(t, s, in, STEP_ITEM);
		return TUI_HANDLED | TUI_REDRAW;
	}
	d = &in->drafts[in->dsel];
	if (intake_draft_restore(in, d->body, err, sizeof err) != 0) {
		tui_error(t, _("草稿无法继续：%s。可按 d 丢弃"), err);
		return TUI_HANDLED | TUI_REDRAW;
	}
	snprintf(in->draft_kind, sizeof in->draft_kind, "%s", d->kind);
	st = in->step;
	if (st == STEP_FIELDS && in->nfields == 0)
		st = STEP_APPLICANT;
	if (st == STEP_SITUATIONS && !intake_has_situations(in))
		st = STEP_CHECKLIST;
	intake_goto(t, s, in, st);
	if (in->resume_row >= 0 && row_exists(in, st, in->resume_row))
		in->row = in->resume_row;
	tui_message(t, "%s", _("已继续未完成的受理，回到草稿停下的步骤和位置"));
	return TUI_HANDLED | TUI_REDRAW;
}

/* A new intake from the drafts' screen; the drafts stay. */
static int offer_new(struct tui *t, struct screen *s, struct intake *in)
{
	intake_model_clear(in);
	in->draft_kind[0] = '\0';
	in->from_login = 0;
	intake_goto(t, s, in, STEP_ITEM);
	tui_message(t, _("草稿都留着（共 %zu 份）；请选择事项开始新的受理"), in->ndrafts);
	return TUI_HANDLED | TUI_REDRAW;
}

static int offer_handle(struct tui *t, struct screen *s, struct intake *in,
			enum tui_action act, int key)
{
	if (in->confirm == CONFIRM_DISCARD_DRAFT) {
		if (key == 'y' || key == 'Y') {
			snprintf(in->draft_kind, sizeof in->draft_kind, "%s",
				 in->drafts[in->dsel].kind);
			intake_draft_delete(t, in);
			in->draft_kind[0] = '\0';
			in->confirm = CONFIRM_NONE;
			if (intake_drafts_load(t, in) > 0) {
				tui_message(t, _("草稿已丢弃；还有 %zu 份"), in->ndrafts);
			} else if (in->from_login) {
				tui_message(t, "%s", _("草稿已丢弃"));
				return TUI_POP;
			} else {
				intake_goto(t, s, in, STEP_ITEM);
				tui_message(t, "%s", _("草稿已丢弃，请选择事项开始新的受理"));
			}
		} else if (key == 'n' || key == 'N' || key == TK_ESC) {
			in->confirm = CONFIRM_NONE;
			tui_message(t, "%s", _("草稿保留"));
		} else {
			tui_error(t, "%s", _("请按 y 或 n 回答"));
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	switch (act) {
	case ACT_UP:
		if (in->dsel > 0)
			in->dsel--;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_DOWN:
		if (in->dsel + 1 < in->ndrafts)
			in->dsel++;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_INTAKE_CONTINUE:
		return offer_continue(t, s, in);
	case ACT_INTAKE_DISCARD:
		if (in->ndrafts > 0)
			in->confirm = CONFIRM_DISCARD_DRAFT;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_INTAKE_NEW:
		return offer_new(t, s, in);
	case ACT_BACK:
		if (!in->from_login) {
			intake_goto(t, s, in, STEP_ITEM);
			return TUI_HANDLED | TUI_REDRAW;
		}
		tui_message(t, "%s", _("草稿都留着：可从“受理”（21）按 F6 继续"));
		return TUI_POP;
	default:
		return 0;
	}
}

/* ---- choosing the item ------------------------------------------------ */

static void item_draw(struct tui *t, struct intake *in)
{
	int rows = tui_body_rows(t);
	char line[256];

	if (in->ndrafts > 0 && in->nunits == 0) {
		rows--;
		snprintf(line, sizeof line, _("另有 %zu 份未完成的受理（草稿）：按 F6 列出，选一份继续"),
			 in->ndrafts);
		attrset(A_BOLD);
		tui_put(tui_body_top(t) + rows, 1, t->cols - 2, line, 0);
		attrset(A_NORMAL);
	}
	finder_draw(t, &in->finder, tui_body_top(t), rows);
}

/* F6 only when there are drafts to list. */
static int item_enabled(struct tui *t, struct screen *s, enum tui_action act)
{
	const struct intake *in = s->data;

	(void)t;
	return act != ACT_INTAKE_DRAFTS || (in->ndrafts > 0 && in->nunits == 0);
}

static int item_handle(struct tui *t, struct screen *s, struct intake *in,
		       enum tui_action act, int key)
{
	const struct finder_hit *picked = NULL;
	char err[YC_ERRSZ];
	int fl;

	if (act == ACT_INTAKE_NEXT && in->nunits > 0) {
		intake_goto(t, s, in, STEP_APPLICANT);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (act == ACT_INTAKE_DRAFTS) {
		if (in->nunits > 0 || intake_drafts_load(t, in) <= 0) {
			tui_message(t, "%s", in->nunits > 0 ? _("本次受理已有草稿，录入中不能换草稿")
				    : _("没有未完成的受理草稿"));
			return TUI_HANDLED | TUI_REDRAW;
		}
		intake_goto(t, s, in, STEP_OFFER);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (act == ACT_BACK && in->nunits > 0)
		tui_message(t, "%s", _("受理未完成，草稿已保存：再次进入“受理”（21）按 F6 可继续"));
	fl = finder_handle(t, &in->finder, act, key, &picked);
	if (!picked)
		return fl;
	if (intake_model_start(in, picked->item, picked->bundle, err, sizeof err) != 0) {
		tui_error(t, "%s", err);
		return TUI_HANDLED | TUI_REDRAW;
	}
	intake_goto(t, s, in, STEP_APPLICANT);
	return TUI_HANDLED | TUI_REDRAW;
}

/* ---- moving between steps ------------------------------------------- */

/* The step after (dir 1) or before (dir -1) the current one, skipping
 * empty ones. */
static enum intake_step step_next(const struct intake *in, enum intake_step st, int dir)
{
	for (;;) {
		st = (enum intake_step)((int)st + dir);
		if (st == STEP_FIELDS && in->nfields == 0)
			continue;
		if (st == STEP_SITUATIONS && !intake_has_situations(in))
			continue;
		return st;
	}
}

/* Checks the applicant and form before leaving them forwards; on a problem
 * moves the cursor to it and says what is wrong.  1 when all is right. */
static int step_complete(struct tui *t, struct intake *in, enum intake_step st)
{
	char msg[600];
	int r;

	if (st == STEP_APPLICANT || st == STEP_CHECK) {
		r = intake_party_first_problem(in, msg, sizeof msg);
		if (r >= 0) {
			if (in->step == STEP_APPLICANT) {
				in->row = r;
				in->ed_row = -1;
			}
			tui_error(t, "%s", msg);
			tui_flush_typeahead(t);
			return 0;
		}
	}
	if (st == STEP_FIELDS || st == STEP_CHECK) {
		r = intake_fields_first_problem(in, msg, sizeof msg);
		if (r >= 0) {
			if (in->step == STEP_FIELDS) {
				in->row = r;
				in->ed_row = -1;
			}
			tui_error(t, "%s", msg);
			tui_flush_typeahead(t);
			return 0;
		}
	}
	return 1;
}

int intake_go_forward(struct tui *t, struct screen *s, struct intake *in)
{
	if (!step_complete(t, in, in->step))
		return TUI_HANDLED | TUI_REDRAW;
	if (in->step == STEP_CHECKLIST && !step_complete(t, in, STEP_CHECK)) {
		tui_error(t, "%s", _("申请人或申请表还有错误，请按 F7 回去更正后再审查"));
		tui_flush_typeahead(t);
		return TUI_HANDLED | TUI_REDRAW;
	}
	intake_goto(t, s, in, step_next(in, in->step, 1));
	return TUI_HANDLED | TUI_REDRAW;
}

static int go_back(struct tui *t, struct screen *s, struct intake *in)
{
	intake_goto(t, s, in, step_next(in, in->step, -1));
	return TUI_HANDLED | TUI_REDRAW;
}

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

/* 1 when the intake has something the clerk would lose sight of by
 * quitting: an item chosen and no decision yet. */
static int intake_in_progress(const struct intake *in)
{
	return in->nunits > 0 && !in->decided && in->step >= STEP_APPLICANT &&
	       in->step <= STEP_REJECT;
}

int intake_draw_question(struct tui *t, const struct intake *in)
{
	switch (in->confirm) {
	case CONFIRM_ABANDON:
		intake_draw_confirm(t, _("放弃本次受理并删除草稿？y 放弃 / n 继续录入"));
		return 1;
	case CONFIRM_QUIT:
		intake_draw_confirm(t, _("退出程序？本次受理已存为草稿，下次登录可继续。y 退出 / n 继续录入"));
		return 1;
	default:
		return 0;
	}
}

int intake_question_key(struct tui *t, struct intake *in, enum tui_action act, int key)
{
	if (in->confirm == CONFIRM_ABANDON || in->confirm == CONFIRM_QUIT) {
		enum intake_confirm c = in->confirm;

		if (key == 'y' || key == 'Y') {
			in->confirm = CONFIRM_NONE;
			if (c == CONFIRM_QUIT)
				return TUI_QUIT;
			intake_draft_delete(t, in);
			tui_message(t, "%s", _("已放弃本次受理，草稿已删除"));
			return TUI_POP;
		}
		if (key == 'n' || key == 'N' || key == TK_ESC) {
			in->confirm = CONFIRM_NONE;
			tui_message(t, "%s", _("继续录入"));
		} else {
			tui_error(t, "%s", _("请按 y 或 n 回答"));
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (act == ACT_QUIT && intake_in_progress(in)) {
		intake_draft_save(t, in);
		in->confirm = CONFIRM_QUIT;
		return TUI_HANDLED | TUI_REDRAW;
	}
	return -1;
}

/* Keys common to the form steps; -1 when the key was not one of them. */
int intake_common_handle(struct tui *t, struct screen *s, struct intake *in,
			 enum tui_action act, int key)
{
	int fl = intake_question_key(t, in, act, key);

	if (fl >= 0)
		return fl;
	switch (act) {
	case ACT_INTAKE_ABANDON:
		if (!intake_has_cases(t, in))
			in->confirm = CONFIRM_ABANDON;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_INTAKE_PREV:
	case ACT_BACK:
		return go_back(t, s, in);
	case ACT_INTAKE_NEXT:
	case ACT_CHECK:
		return intake_go_forward(t, s, in);
	default:
		return -1;
	}
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

/* ---- the screen -------------------------------------------------------- */

static void intake_draw(struct tui *t, struct screen *s)
{
	struct intake *in = s->data;

	switch (in->step) {
	case STEP_OFFER:
		offer_draw(t, in);
		break;
	case STEP_ITEM:
		item_draw(t, in);
		break;
	case STEP_APPLICANT:
		applicant_draw(t, in);
		break;
	case STEP_FIELDS:
		fields_draw(t, in);
		break;
	case STEP_SITUATIONS:
		situations_draw(t, in);
		break;
	default:
		break;
	}
}

static int intake_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct intake *in = s->data;
	int fl;

	switch (in->step) {
	case STEP_OFFER:
		return offer_handle(t, s, in, act, key);
	case STEP_ITEM:
		return item_handle(t, s, in, act, key);
	default:
		break;
	}
	if (in->prompt == PROMPT_NONE) {
		fl = intake_common_handle(t, s, in, act, key);
		if (fl >= 0)
			return fl;
	}
	switch (in->step) {
	case STEP_APPLICANT:
		return applicant_handle(t, s, in, act, key);
	case STEP_FIELDS:
		return fields_handle(t, s, in, act, key);
	case STEP_SITUATIONS:
		return situations_handle(t, s, in, act, key);
	default:
		return 0;
	}
}

/* A new intake state with its calendar; NULL with the reason shown. */
static struct intake *intake_new(struct tui *t, struct app *app)
{
	struct intake *in = calloc(1, sizeof *in);
	char err[YC_ERRSZ];

	if (!in) {
		tui_error(t, "%s", _("内存不足，无法打开受理"));
		return NULL;
	}
	in->app = app;
	in->today = date_today();
	in->ed_row = -1;
	in->resume_row = -1;
	in->cal = calendar_new();
	if (!in->cal || calendar_load_builtin(in->cal, err, sizeof err) != 0 ||
	    store_calendar_load(app->st, in->cal, err, sizeof err) != 0 ||
	    finder_init(&in->finder, &app->cat, err, sizeof err) != 0) {
		tui_error(t, _("无法打开受理：%s"), in->cal ? err : _("内存不足"));
		if (in->cal)
			calendar_free(in->cal);
		finder_free(&in->finder);
		free(in);
		return NULL;
	}
	return in;
}

/* Pushes the intake at `step`; 0 or -1. */
static int intake_push(struct tui *t, struct intake *in, enum intake_step step)
{
	in->step = step;
	if (tui_push(t, step_ops(t, in, step), in) != 0) {
		intake_leave(t, &(struct screen){ .ops = &item_ops, .data = in });
		return -1;
	}
	return 0;
}

int intake_open(struct tui *t, struct app *app)
{
	struct intake *in = intake_new(t, app);

	if (!in)
		return -1;
	/* The item finder at once (keys typed ahead find the item); the
	 * drafts are one key away. */
	if (intake_drafts_load(t, in) > 0)
		tui_message(t, _("有 %zu 份未完成的受理草稿：按 F6 列出，选一份继续"), in->ndrafts);
	return intake_push(t, in, STEP_ITEM);
}

void intake_offer_draft(struct tui *t, struct app *app)
{
	struct intake *in;
	char msg[sizeof t->message];

	if (!app_role_may(app, APP_ROLE(ROLE_CLERK)))
		return;
	snprintf(msg, sizeof msg, "%s", t->message);
	in = intake_new(t, app);
	if (!in)
		return;
	if (intake_drafts_load(t, in) <= 0) {
		intake_leave(t, &(struct screen){ .ops = &item_ops, .data = in });
		return;
	}
	in->from_login = 1;
	if (intake_push(t, in, STEP_OFFER) == 0)
		tui_message(t, "%s", msg);
}
