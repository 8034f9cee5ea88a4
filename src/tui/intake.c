/*
 * intake.c — the counter intake (综合受理, transaction code 21): its entry
 * (the item finder at once, keys typed ahead find the item), the clerk's
 * unfinished intakes (drafts: listed after login and with F6, continued at
 * their step and row, discarded, or kept while a new intake starts),
 * choosing the item or 一件事 bundle, moving between the steps and what
 * the steps share (drawing helpers, the questions y/n, F10 asking first).
 *
 * Every change is saved as the intake's draft at once (one small
 * transaction, kind intake-<uuid>), so quitting, a dropped session
 * (SIGHUP), SIGTERM or kill -9 lose nothing the clerk typed.  The
 * applicant, form and situations are in intake_form.c, the checklist in
 * intake_checklist.c, the check and the decisions in intake_decide.c.
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
static const struct screen_ops *step_ops(struct tui *t, struct intake *in, enum intake_step st)
{
	switch (st) {
	case STEP_OFFER:
		return &offer_ops;
	case STEP_APPLICANT:
		return &intake_applicant_ops;
	case STEP_FIELDS:
		return &intake_fields_ops;
	case STEP_SITUATIONS:
		return &intake_situations_ops;
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

int intake_go_back(struct tui *t, struct screen *s, struct intake *in)
{
	intake_goto(t, s, in, step_next(in, in->step, -1));
	return TUI_HANDLED | TUI_REDRAW;
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
		return intake_go_back(t, s, in);
	case ACT_INTAKE_NEXT:
	case ACT_CHECK:
		return intake_go_forward(t, s, in);
	default:
		return -1;
	}
}

/* ---- the screen: the drafts and the item ------------------------------ */

static void intake_draw(struct tui *t, struct screen *s)
{
	struct intake *in = s->data;

	switch (in->step) {
	case STEP_OFFER:
		offer_draw(t, in);
		break;
	default:
		item_draw(t, in);
		break;
	}
}

static int intake_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct intake *in = s->data;
	int fl;

	if (in->step == STEP_OFFER)
		return offer_handle(t, s, in, act, key);
	fl = intake_question_key(t, in, act, key);
	if (fl >= 0)
		return fl;
	return item_handle(t, s, in, act, key);
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
