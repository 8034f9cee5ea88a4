/*
 * intake_result.c — the last steps of an intake: the 不予受理 form (the
 * reason and legal basis the decision must state, and the competent office
 * when the matter is not this office's, 行政许可法 art. 32 and 38) and the
 * result of a decision (case numbers, states, the promised date, a 即办件
 * closed at the window).
 *
 * The law wants the 补正 notice, the 受理 notice and the 不予受理 decision in
 * writing: when the clerk left the preview without issuing one (Esc
 * instead of Enter), the result says so in red, F5 opens it again, and
 * leaving the result asks first, until it is issued.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "yichuang/casestore.h"
#include "yichuang/document.h"
#include "yichuang/print.h"
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
	{ TK_SPECIAL | KEY_F(5), ACT_PREVIEW },
	{ 'p', ACT_PREVIEW },
	{ 'q', ACT_BACK },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

static const struct tui_key_help reject_help[] = {
	{ TK_ENTER, N_("下一栏；在最后一栏作出不予受理决定") },
	{ TK_ESC, N_("返回审查") },
	{ TK_SPECIAL | KEY_UP, N_("上一栏") },
	{ TK_SPECIAL | KEY_DOWN, N_("下一栏") },
	{ TK_SPECIAL | KEY_PPAGE, TUI_KEY_UNUSED },
	{ TK_SPECIAL | KEY_NPAGE, TUI_KEY_UNUSED },
	{ 0, NULL }
};

static const struct tui_key_help result_help[] = {
	{ TK_SPECIAL | KEY_F(5), N_("预览并出具本次决定的文书（尚未出具的先开）") },
	{ 'p', N_("预览并出具本次决定的文书（尚未出具的先开）") },
	{ TK_ESC, N_("返回主菜单（文书尚未出具时先问）") },
	{ 'q', N_("返回主菜单（文书尚未出具时先问）") },
	{ TK_ENTER, N_("返回主菜单（文书尚未出具时先问）") },
	{ TK_SPECIAL | KEY_UP, TUI_KEY_UNUSED },
	{ TK_SPECIAL | KEY_DOWN, TUI_KEY_UNUSED },
	{ TK_SPECIAL | KEY_PPAGE, TUI_KEY_UNUSED },
	{ TK_SPECIAL | KEY_NPAGE, TUI_KEY_UNUSED },
	{ 0, NULL }
};

const struct screen_ops intake_reject_ops = {
	.name = "intake-reject", .title = N_("受理·不予受理"), .keys = reject_keys,
	.draw = reject_draw, .handle = reject_handle, .leave = intake_leave,
	.key_help = reject_help,
};
const struct screen_ops intake_result_ops = {
	.name = "intake-result", .title = N_("受理·结果"), .keys = result_keys,
	.draw = result_draw, .handle = result_handle, .leave = intake_leave,
	.key_help = result_help,
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
			intake_draw_value(y, vx, vw, in->reject[r], r == in->row);
	}
	intake_draw_wrapped(t, y, 2, 0,
			    _("事项不属于本机关职权范围的，须写明有权受理的机关（行政许可法第三十二条）；属于本机关的不填。"));
	if (!intake_draw_question(t, in))
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
			tui_flush_typeahead(t);
			return TUI_HANDLED | TUI_REDRAW;
		}
	}
	return intake_decide(t, s, in, DECIDE_REJECT);
}

static int reject_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct intake *in = s->data;
	int fl = intake_question_key(t, in, act, key);

	if (fl >= 0)
		return fl;
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

/* 1 when unit u decided with a document that its case does not show as
 * issued. */
static int unit_doc_pending(const struct intake *in, const struct intake_unit *u)
{
	struct case_record rec;
	char err[YC_ERRSZ];
	int issued;

	if (u->doc < 0 || !u->case_no[0])
		return 0;
	if (case_load(in->app->st, in->cal, u->case_no, &rec, err, sizeof err) != 1)
		return 0;
	issued = print_issued_before(&rec, (enum doc_kind)u->doc);
	case_record_free(&rec);
	return !issued;
}

int intake_docs_pending(struct intake *in, char *buf, size_t bufsz)
{
	int count[DOC_KIND_COUNT] = { 0 }, n = 0, kinds = 0;
	struct strbuf sb;

	for (size_t i = 0; i < in->nunits; i++)
		if (unit_doc_pending(in, &in->units[i])) {
			count[in->units[i].doc]++;
			n++;
		}
	/* by kind, so that a bundle's five notices still fit a line:
	 * "受理通知书 4 份" */
	sb_init(&sb);
	for (int k = 0; k < DOC_KIND_COUNT; k++) {
		if (!count[k])
			continue;
		sb_appendf(&sb, "%s%s", kinds++ ? _("、") : "", doc_kind_title((enum doc_kind)k));
		if (in->nunits > 1)
			sb_appendf(&sb, _(" %d 份"), count[k]);
	}
	utf8_snprintf(buf, bufsz, "%s", sb.buf ? sb.buf : "");
	sb_free(&sb);
	return n;
}

static void result_draw(struct tui *t, struct screen *s)
{
	struct intake *in = s->data;
	int y = tui_body_top(t) + 2, bottom = tui_body_top(t) + tui_body_rows(t) - 1;
	struct textwrap tw;
	char pending[512], line[1024];
	int npending = intake_docs_pending(in, pending, sizeof pending);

	intake_draw_head(t, in);
	textwrap_init(&tw);
	textwrap_append(&tw, in->result_text, t->cols - 4, 2);
	for (size_t i = 0; i < tw.n && y < bottom - 3; i++, y++) {
		if (tw.lines[i][0] != ' ')
			attrset(A_BOLD);
		tui_put(y, 2, t->cols - 4, tw.lines[i], 0);
		attrset(A_NORMAL);
	}
	textwrap_free(&tw);
	if (npending) {
		utf8_snprintf(line, sizeof line, _("%s尚未出具：按 F5 预览后按 Enter 出具（法律要求书面告知申请人）"),
			      pending);
		attrset(t->color ? COLOR_PAIR(2) | A_BOLD : A_BOLD);
		intake_draw_wrapped(t, bottom - 3, 2, 2, line);
		attrset(A_NORMAL);
	}
	if (in->confirm == CONFIRM_LEAVE_UNISSUED || in->confirm == CONFIRM_QUIT) {
		utf8_snprintf(line, sizeof line, in->confirm == CONFIRM_QUIT ?
			      _("%s尚未出具，仍要退出程序？y 退出 / n 留下（F5 出具）") :
			      _("%s尚未出具，仍要离开？y 离开 / n 留下（F5 出具）"), pending);
		intake_draw_confirm(t, line);
	} else {
		int docs = 0;

		for (size_t i = 0; i < in->nunits; i++)
			docs += in->units[i].doc >= 0;
		tui_put(bottom, 1, t->cols - 2, npending ? _("F5 出具文书；Esc 或 q 返回主菜单")
			: docs ? _("F5 再看文书；Esc 或 q 返回主菜单；草稿已删除")
			: _("Esc 或 q 返回主菜单；草稿已删除"), 0);
	}
}

/* Opens the first document not yet issued (else the first one) to issue. */
static void result_preview(struct tui *t, struct intake *in)
{
	size_t first = in->nunits;

	for (size_t i = 0; i < in->nunits; i++) {
		const struct intake_unit *u = &in->units[i];

		if (u->doc < 0 || !u->case_no[0])
			continue;
		if (first == in->nunits)
			first = i;
		if (unit_doc_pending(in, u)) {
			first = i;
			break;
		}
	}
	if (first == in->nunits) {
		tui_message(t, "%s", _("本次决定没有要出具的文书"));
		return;
	}
	docview_open(t, in->app, in->units[first].case_no, in->units[first].doc, 1);
}

static int result_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct intake *in = s->data;
	char pending[512];

	(void)s;
	if (in->confirm == CONFIRM_LEAVE_UNISSUED || in->confirm == CONFIRM_QUIT) {
		enum intake_confirm c = in->confirm;

		if (key == 'y' || key == 'Y') {
			in->confirm = CONFIRM_NONE;
			return c == CONFIRM_QUIT ? TUI_QUIT : TUI_POP;
		}
		if (key == 'n' || key == 'N' || key == TK_ESC) {
			in->confirm = CONFIRM_NONE;
			tui_message(t, "%s", _("按 F5 预览后按 Enter 出具文书"));
		} else if (act == ACT_PREVIEW) {
			in->confirm = CONFIRM_NONE;
			result_preview(t, in);
		} else {
			tui_error(t, "%s", _("请按 y 或 n 回答"));
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	switch (act) {
	case ACT_PREVIEW:
		result_preview(t, in);
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_SELECT:
	case ACT_BACK:
	case ACT_QUIT:
		if (intake_docs_pending(in, pending, sizeof pending) > 0) {
			in->confirm = act == ACT_QUIT ? CONFIRM_QUIT : CONFIRM_LEAVE_UNISSUED;
			return TUI_HANDLED | TUI_REDRAW;
		}
		return act == ACT_QUIT ? TUI_QUIT : TUI_POP;
	default:
		return 0;
	}
}
