/*
 * intake_result.c — the last steps of an intake: the 不予受理 form (the
 * reason and legal basis the decision must state, and the competent office
 * when the matter is not this office's, 行政许可法 art. 32 and 38) and the
 * result of a decision (case numbers, states, the promised date, a 即办件
 * closed at the window).
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "yichuang/textwrap.h"
#include "yichuang/util.h"
#include "app.h"
#include "intake.h"

static void reject_draw(struct tui *t, struct screen *s);
static int reject_handle(struct tui *t, struct screen *s, enum tui_action act, int key);
static void result_draw(struct tui *t, struct screen *s);
static int result_handle(struct tui *t, struct screen *s, enum tui_action act, int key);

static const struct tui_binding reject_keys[] = {
	{ TK_SPECIAL | KEY_F(2), ACT_REJECT },
	{ TK_TAB, ACT_NEXT_FIELD },
	{ TK_SPECIAL | KEY_BTAB, ACT_PREV_FIELD },
	{ 0, ACT_NONE }
};

static const struct tui_binding result_keys[] = {
	{ 'q', ACT_BACK },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

const struct screen_ops intake_reject_ops = {
	.name = "intake-reject", .title = N_("受理·不予受理"), .keys = reject_keys,
	.draw = reject_draw, .handle = reject_handle, .leave = intake_leave,
};
const struct screen_ops intake_result_ops = {
	.name = "intake-result", .title = N_("受理·结果"), .keys = result_keys,
	.draw = result_draw, .handle = result_handle, .leave = intake_leave,
};

/* ---- 不予受理 ---------------------------------------------------------- */

static const char *reject_label(int r)
{
	switch (r) {
	case 0:
		return _("不予受理理由 *");
	case 1:
		return _("法律依据 *");
	default:
		return _("有权机关");
	}
}

static void reject_draw(struct tui *t, struct screen *s)
{
	struct intake *in = s->data;
	int y = tui_body_top(t) + 2, vx = 18, vw = t->cols - vx - 2;
	int bottom = tui_body_top(t) + tui_body_rows(t) - 1;

	intake_draw_head(t, in);
	intake_draw_wrapped(t, y, 2, 0,
			    _("不予受理决定书写明理由、法律依据和救济途径（行政复议 60 日、行政诉讼 6 个月）。"));
	y += 3;
	for (int r = 0; r < 3; r++, y += 2) {
		tui_put(y, 1, 1, r == in->row ? ">" : " ", 0);
		tui_put(y, 2, vx - 3, reject_label(r), 1);
		if (r == in->row && in->ed_row == r)
			intake_draw_edit(&in->ed, y, vx, vw);
		else
			intake_put_cut(y, vx, vw, in->reject[r]);
	}
	intake_draw_wrapped(t, y, 2, 0,
			    _("事项不属于本机关职权范围的，须写明有权受理的机关（行政许可法第三十二条）；属于本机关的不填。"));
	tui_put(bottom, 1, t->cols - 2, _("Enter/Tab 下一栏；F2 作出不予受理决定；Esc 返回审查"), 0);
}

/* Decides 不予受理 once reason and basis are written. */
static int reject_submit(struct tui *t, struct screen *s, struct intake *in)
{
	char v[INTAKE_VALUE_MAX];

	for (int r = 0; r < 2; r++) {
		snprintf(v, sizeof v, "%s", in->reject[r]);
		if (utf8_len(yc_trim(v)) < 4) {
			in->row = r;
			in->ed_row = -1;
			tui_error(t, _("%s：请写明（至少 4 个字），决定书要告知申请人"),
				  r == 0 ? _("不予受理理由") : _("法律依据"));
			return TUI_HANDLED | TUI_REDRAW;
		}
	}
	return intake_decide(t, s, in, DECIDE_REJECT);
}

static int reject_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct intake *in = s->data;

	switch (act) {
	case ACT_BACK:
		intake_goto(t, s, in, STEP_CHECK);
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_UP:
	case ACT_PREV_FIELD:
		if (in->row > 0)
			in->row--;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_DOWN:
	case ACT_NEXT_FIELD:
		if (in->row < 2)
			in->row++;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_SELECT:
		if (in->row < 2) {
			in->row++;
			return TUI_HANDLED | TUI_REDRAW;
		}
		return reject_submit(t, s, in);
	case ACT_REJECT:
		return reject_submit(t, s, in);
	default:
		break;
	}
	if (in->ed_row != in->row) {
		lineedit_init(&in->ed, 200);
		if (lineedit_set(&in->ed, in->reject[in->row]) != 0)
			lineedit_clear(&in->ed);
		in->ed_row = in->row;
	}
	switch (intake_edit_key(&in->ed, key)) {
	case 2:
		break;
	case 1:
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return 0;
	}
	lineedit_get(&in->ed, in->reject[in->row], INTAKE_VALUE_MAX);
	intake_draft_save(t, in);
	return TUI_HANDLED | TUI_REDRAW;
}

/* ---- the result -------------------------------------------------------- */

static void result_draw(struct tui *t, struct screen *s)
{
	struct intake *in = s->data;
	int y = tui_body_top(t) + 2, bottom = tui_body_top(t) + tui_body_rows(t) - 1;
	struct textwrap tw;

	intake_draw_head(t, in);
	textwrap_init(&tw);
	textwrap_append(&tw, in->result_text, t->cols - 4, 2);
	for (size_t i = 0; i < tw.n && y < bottom - 1; i++, y++) {
		if (tw.lines[i][0] != ' ')
			attrset(A_BOLD);
		tui_put(y, 2, t->cols - 4, tw.lines[i], 0);
		attrset(A_NORMAL);
	}
	textwrap_free(&tw);
	tui_put(bottom, 1, t->cols - 2, _("Esc 或 q 返回主菜单；草稿已删除"), 0);
}

static int result_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	(void)t;
	(void)s;
	(void)key;
	if (act == ACT_SELECT)
		return TUI_POP;
	return 0;
}
