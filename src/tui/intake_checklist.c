/*
 * intake_checklist.c — the material checklist of an intake, built for a
 * trained clerk: 部门核发 materials start as fetched (the window obtains
 * them from the issuing department; the applicant is not asked); space
 * records the usual receipt of the material under the cursor (paper with
 * the required originals and copies, or 部门核发 fetched, or electronic)
 * and moves to the next material still to record, so a typical material
 * costs one key and the fetched ones none; p e f d m
 * choose the receipt (部门核发 only for materials the catalog says a
 * department issues, 容缺 only where allowed, with its due date), o and c
 * change the counts, n marks a material handed in (or fetched) not 规范
 * with the reason the 补正 notice will give.  Enter (or F8) runs the
 * check.  Every change is saved in the draft.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/catalog.h"
#include "yichuang/date.h"
#include "yichuang/util.h"
#include "app.h"
#include "intake.h"

#define NAME_X 28		/* column of the material names */

static void checklist_draw(struct tui *t, struct screen *s);
static int checklist_handle(struct tui *t, struct screen *s, enum tui_action act, int key);

static const struct tui_binding checklist_keys[] = {
	{ ' ', ACT_RECEIVE },
	{ TK_ENTER, ACT_CHECK },
	{ TK_SPECIAL | KEY_F(2), ACT_RECEIPT_PAPER },
	{ 'p', ACT_RECEIPT_PAPER },
	{ TK_SPECIAL | KEY_F(3), ACT_RECEIPT_ELECTRONIC },
	{ 'e', ACT_RECEIPT_ELECTRONIC },
	{ TK_SPECIAL | KEY_F(4), ACT_RECEIPT_FETCHED },
	{ 'f', ACT_RECEIPT_FETCHED },
	{ TK_SPECIAL | KEY_F(5), ACT_RECEIPT_DEFERRED },
	{ 'd', ACT_RECEIPT_DEFERRED },
	{ 'm', ACT_RECEIPT_MISSING },
	{ TK_SPECIAL | KEY_F(6), ACT_NONCONFORMING },
	{ 'n', ACT_NONCONFORMING },
	{ 'o', ACT_ORIGINALS },
	{ 'c', ACT_COPIES },
	{ TK_SPECIAL | KEY_F(7), ACT_INTAKE_PREV },
	{ TK_SPECIAL | KEY_F(8), ACT_CHECK },
	{ TK_SPECIAL | KEY_F(9), ACT_INTAKE_ABANDON },
	{ '?', ACT_HELP },
	{ 0, ACT_NONE }
};

static const struct tui_key_help checklist_help[] = {
	{ TK_ESC, N_("回到上一步（已填内容保留）") },
	{ TK_SPECIAL | KEY_UP, N_("上一项材料") },
	{ TK_SPECIAL | KEY_DOWN, N_("下一项材料") },
	{ 0, NULL }
};

const struct screen_ops intake_checklist_ops = {
	.name = "intake-checklist", .title = N_("受理·材料"), .keys = checklist_keys,
	.draw = checklist_draw, .handle = checklist_handle, .leave = intake_leave,
	.key_help = checklist_help,
};

/* Row r of the checklist as (unit, material); 0 past the end. */
static int mat_at(const struct intake *in, int r, size_t *ui, size_t *mi)
{
	for (size_t u = 0; u < in->nunits; u++) {
		if ((size_t)r < in->units[u].nmats) {
			*ui = u;
			*mi = (size_t)r;
			return 1;
		}
		r -= (int)in->units[u].nmats;
	}
	return 0;
}

static int mat_count(const struct intake *in)
{
	int n = 0;

	for (size_t u = 0; u < in->nunits; u++)
		n += (int)in->units[u].nmats;
	return n;
}

/* What was recorded, in the status column. */
const char *intake_receipt_label(enum receipt_kind k)
{
	switch (k) {
	case RECEIPT_PAPER:
		return _("纸质");
	case RECEIPT_ELECTRONIC:
		return _("电子");
	case RECEIPT_FETCHED:
		return _("核发");
	case RECEIPT_DEFERRED:
		return _("容缺");
	default:
		return _("未交");
	}
}

/* The requirement line of a material. */
static void mat_requirement(const struct intake *in, const struct catalog_material *m,
			    char *buf, size_t bufsz)
{
	char form[64], due[16];
	int d;

	if ((m->form & FORM_PAPER) && (m->form & FORM_ELECTRONIC))
		snprintf(form, sizeof form, "%s", _("纸质或电子"));
	else
		snprintf(form, sizeof form, "%s", m->form & FORM_PAPER ? _("纸质") : _("电子"));
	d = intake_due_date(in, m);
	if (d)
		utf8_snprintf(buf, bufsz, _("要求：原件 %d 份，复印件 %d 份；%s；%s，%d 个工作日内补交（至 %s）；%s"),
			      m->originals, m->copies, form, catalog_need_name(m->need),
			      m->deferral_days, date_format(d, due, sizeof due),
			      catalog_source_name(m->source));
	else
		utf8_snprintf(buf, bufsz, _("要求：原件 %d 份，复印件 %d 份；%s；%s；%s"), m->originals,
			      m->copies, form, catalog_need_name(m->need),
			      catalog_source_name(m->source));
}

static void checklist_draw(struct tui *t, struct screen *s)
{
	struct intake *in = s->data;
	int y0 = tui_body_top(t) + 1, bottom = tui_body_top(t) + tui_body_rows(t) - 1;
	int detail = bottom - 5, n = mat_count(in), room, line = 0, cur_line = 0;
	int namew = t->cols - NAME_X - 7 - 1;
	size_t ui, mi;
	char buf[1024];

	intake_draw_head(t, in);
	attrset(A_BOLD);
	tui_put(y0, 3, 7, _("收取"), 1);
	tui_put(y0, 10, 8, _("原/复"), 1);
	tui_put(y0, 18, NAME_X - 18, _("是否必备"), 1);
	tui_put(y0, NAME_X, namew, _("材料名称"), 1);
	attrset(A_NORMAL);
	/* Lines: a heading per unit of a bundle, then its materials. */
	for (size_t u = 0, r = 0; u < in->nunits; u++) {
		if (in->bundle)
			line++;
		for (size_t k = 0; k < in->units[u].nmats; k++, r++, line++)
			if ((int)r == in->row)
				cur_line = line;
	}
	room = detail - y0 - 1;
	if (cur_line < in->top)
		in->top = cur_line;
	if (cur_line >= in->top + room)
		in->top = cur_line - room + 1;
	if (in->bundle && in->top == 1 && cur_line == 1)
		in->top = 0;
	in->page = room;
	line = 0;
	for (size_t u = 0, r = 0; u < in->nunits; u++) {
		const struct intake_unit *un = &in->units[u];

		if (in->bundle) {
			if (line >= in->top && line < in->top + room) {
				snprintf(buf, sizeof buf, _("【%s】%s"), un->item->short_name ?
					 un->item->short_name : un->item->name, un->item->department);
				attrset(A_BOLD);
				intake_put_cut(y0 + 1 + line - in->top, 1, t->cols - 2, buf);
				attrset(A_NORMAL);
			}
			line++;
		}
		for (size_t k = 0; k < un->nmats; k++, r++, line++) {
			const struct intake_mat *m = &un->mats[k];
			int y = y0 + 1 + line - in->top;

			if (line < in->top || line >= in->top + room)
				continue;
			/* Only the marker and the receipt cell stand out: moving
			 * the cursor rewrites two short cells, not two rows. */
			if ((int)r == in->row)
				attrset(A_REVERSE);
			tui_put(y, 1, 2, (int)r == in->row ? ">" : "", 1);
			snprintf(buf, sizeof buf, "[%s]", intake_receipt_label(m->kind));
			tui_put(y, 3, 7, buf, 1);
			attrset(A_NORMAL);
			if (m->kind == RECEIPT_PAPER)
				snprintf(buf, sizeof buf, "%d/%d", m->originals, m->copies);
			else
				buf[0] = '\0';
			tui_put(y, 10, 8, buf, 1);
			tui_put(y, 18, NAME_X - 18, catalog_need_name(m->m->need), 1);
			intake_put_cut(y, NAME_X, namew, m->m->name);
			tui_put(y, NAME_X + namew, 7, m->nonconforming ? _(" 不规范") : "", 1);
		}
	}
	if (n > 0 && mat_at(in, in->row, &ui, &mi)) {
		const struct intake_mat *m = &in->units[ui].mats[mi];

		mat_requirement(in, m->m, buf, sizeof buf);
		intake_draw_wrapped(t, detail, 2, 2, buf);
		utf8_snprintf(buf, sizeof buf, _("受理标准：%s"), m->m->standard ? m->m->standard : _("（目录未写）"));
		attrset(A_DIM);
		intake_draw_wrapped(t, detail + 2, 2, 2, buf);
		attrset(A_NORMAL);
		if (m->nonconforming) {
			utf8_snprintf(buf, sizeof buf, _("不规范：%s"), m->note);
			attrset(t->color ? COLOR_PAIR(2) : A_BOLD);
			intake_put_cut(detail + 4, 1, t->cols - 2, buf);
			attrset(A_NORMAL);
		}
	} else if (n == 0) {
		tui_put(y0 + 1, 3, t->cols - 4, _("按所选情形，本事项无需提交材料"), 0);
	}
	if (intake_draw_question(t, in)) {
		/* the question asked */
	} else if (in->prompt != PROMPT_NONE) {
		const char *label = in->prompt == PROMPT_ORIGINALS ? _("原件份数：")
			: in->prompt == PROMPT_COPIES ? _("复印件份数：")
			: _("不规范之处（告知申请人的原因）：");
		int lw = utf8_width(label);

		attrset(A_BOLD);
		tui_put(bottom, 1, lw, label, 0);
		attrset(A_NORMAL);
		intake_draw_edit(&in->ed, bottom, 1 + lw, t->cols - 2 - lw);
	} else {
		tui_put(bottom, 1, t->cols - 2,
			_("空格 收到并下移  p纸质 e电子 f核发 d容缺 m未交 n不规范 o/c份数  Enter审查"), 0);
	}
}

/* Nothing is handed in for a missing or 容缺 material: a 不规范 mark it
 * had goes, and the message line says so. */
static void mat_drop_nonconforming(struct tui *t, struct intake_mat *m)
{
	if (!m->nonconforming || intake_can_be_nonconforming(m->kind))
		return;
	m->nonconforming = 0;
	m->note[0] = '\0';
	tui_message(t, _("“%s”为%s，已取消其不规范标记"), m->m->name,
		    intake_receipt_label(m->kind));
}

/* Records kind for material m, refusing what the catalog does not allow. */
static int mat_set(struct tui *t, struct intake *in, struct intake_mat *m, enum receipt_kind k)
{
	char due[16];

	switch (k) {
	case RECEIPT_FETCHED:
		if (m->m->source != SOURCE_DEPARTMENT) {
			tui_error(t, _("“%s”来源为%s，不能标为部门核发：请申请人提交"), m->m->name,
				  catalog_source_name(m->m->source));
			tui_flush_typeahead(t);
			return 0;
		}
		break;
	case RECEIPT_DEFERRED:
		if (m->m->need != NEED_DEFERRABLE) {
			tui_error(t, _("“%s”为%s材料，目录不允许容缺后补"), m->m->name,
				  catalog_need_name(m->m->need));
			tui_flush_typeahead(t);
			return 0;
		}
		tui_message(t, _("“%s”容缺后补：%d 个工作日内补交，受理后至 %s"), m->m->name,
			    m->m->deferral_days, date_format(intake_due_date(in, m->m), due, sizeof due));
		break;
	case RECEIPT_ELECTRONIC:
		if (!(m->m->form & FORM_ELECTRONIC))
			tui_message(t, _("注意：“%s”目录只收纸质材料"), m->m->name);
		break;
	case RECEIPT_PAPER:
		if (!(m->m->form & FORM_PAPER))
			tui_message(t, _("注意：“%s”目录只收电子材料"), m->m->name);
		break;
	default:
		break;
	}
	if (k == RECEIPT_PAPER) {
		m->kind = RECEIPT_PAPER;
		m->originals = m->m->originals;
		m->copies = m->m->copies;
	} else {
		m->kind = k;
		m->originals = 0;
		m->copies = 0;
	}
	mat_drop_nonconforming(t, m);
	return 1;
}

/* Ends a checklist prompt: Enter stores, Esc drops. */
static int prompt_handle(struct tui *t, struct intake *in, struct intake_mat *m, int key)
{
	char buf[INTAKE_NOTE_MAX];

	if (key == TK_ESC) {
		in->prompt = PROMPT_NONE;
		if (m->nonconforming && !m->note[0])
			m->nonconforming = 0;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key != TK_ENTER) {
		if (intake_edit_key(&in->ed, key) == 0)
			return TUI_HANDLED;
		return TUI_HANDLED | TUI_REDRAW;
	}
	lineedit_get(&in->ed, buf, sizeof buf);
	yc_trim(buf);
	if (in->prompt == PROMPT_NOTE) {
		if (utf8_len(buf) < 2) {
			tui_error(t, "%s", _("请写明不规范之处（至少 2 个字），补正通知书要告知申请人"));
			tui_flush_typeahead(t);
			return TUI_HANDLED | TUI_REDRAW;
		}
		snprintf(m->note, sizeof m->note, "%s", buf);
		m->nonconforming = 1;
		tui_message(t, _("已标记“%s”不规范"), m->m->name);
	} else {
		char *end;
		long v = strtol(buf, &end, 10);

		if (end == buf || *end || v < 0 || v > 99) {
			tui_error(t, "%s", _("份数应为 0-99 的整数"));
			tui_flush_typeahead(t);
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (m->kind != RECEIPT_PAPER)
			m->kind = RECEIPT_PAPER;
		if (in->prompt == PROMPT_ORIGINALS)
			m->originals = (int)v;
		else
			m->copies = (int)v;
	}
	in->prompt = PROMPT_NONE;
	intake_draft_save(t, in);
	return TUI_HANDLED | TUI_REDRAW;
}

static void start_prompt(struct intake *in, enum intake_prompt p, const char *text)
{
	in->prompt = p;
	lineedit_init(&in->ed, p == PROMPT_NOTE ? 100 : 2);
	if (text && lineedit_set(&in->ed, text) != 0)
		lineedit_clear(&in->ed);
	in->ed_row = -1;
}

/* The row after `row` of the next material not recorded yet; the next
 * row when none is left (the last row stays). */
static int next_to_record(const struct intake *in, int row, int n)
{
	size_t ui, mi;

	for (int r = row + 1; r < n; r++)
		if (mat_at(in, r, &ui, &mi) && in->units[ui].mats[mi].kind == RECEIPT_MISSING)
			return r;
	return row + 1 < n ? row + 1 : row;
}

static int checklist_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct intake *in = s->data;
	int n = mat_count(in), changed = 0;
	size_t ui = 0, mi = 0;
	struct intake_mat *m = NULL;
	char num[8];

	if (n > 0 && mat_at(in, in->row, &ui, &mi))
		m = &in->units[ui].mats[mi];
	if (in->prompt != PROMPT_NONE && m)
		return prompt_handle(t, in, m, key);
	changed = intake_common_handle(t, s, in, act, key);
	if (changed >= 0)
		return changed;
	changed = 0;
	switch (act) {
	case ACT_UP:
		if (in->row > 0)
			in->row--;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_DOWN:
		if (in->row + 1 < n)
			in->row++;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_PAGE_UP:
		in->row = in->row > in->page ? in->row - in->page : 0;
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_PAGE_DOWN:
		in->row = in->row + in->page < n ? in->row + in->page : (n > 0 ? n - 1 : 0);
		return TUI_HANDLED | TUI_REDRAW;
	case ACT_SELECT:
		return intake_go_forward(t, s, in);
	default:
		break;
	}
	if (!m)
		return 0;
	switch (act) {
	case ACT_RECEIVE:
		/* The usual receipt; a material already recorded another way
		 * (a count changed, 容缺) keeps what was recorded.  The cursor
		 * goes to the next material still to record (past the 部门核发
		 * ones, fetched already), else to the next row. */
		if (m->kind == RECEIPT_MISSING)
			intake_mat_default(m);
		in->row = next_to_record(in, in->row, n);
		changed = 1;	/* the draft keeps the row too */
		break;
	case ACT_RECEIPT_PAPER:
		changed = mat_set(t, in, m, RECEIPT_PAPER);
		break;
	case ACT_RECEIPT_ELECTRONIC:
		changed = mat_set(t, in, m, RECEIPT_ELECTRONIC);
		break;
	case ACT_RECEIPT_FETCHED:
		changed = mat_set(t, in, m, RECEIPT_FETCHED);
		break;
	case ACT_RECEIPT_DEFERRED:
		changed = mat_set(t, in, m, RECEIPT_DEFERRED);
		break;
	case ACT_RECEIPT_MISSING:
		changed = mat_set(t, in, m, RECEIPT_MISSING);
		break;
	case ACT_NONCONFORMING:
		if (!m->nonconforming && !intake_can_be_nonconforming(m->kind)) {
			tui_error(t, _("“%s”%s，没有交来的材料无从判断是否规范；收到后再标记"),
				  m->m->name, m->kind == RECEIPT_DEFERRED ? _("容缺后补") : _("未交"));
			tui_flush_typeahead(t);
			break;
		}
		if (m->nonconforming) {
			m->nonconforming = 0;
			m->note[0] = '\0';
			tui_message(t, _("已取消“%s”的不规范标记"), m->m->name);
			changed = 1;
		} else {
			start_prompt(in, PROMPT_NOTE, m->note);
		}
		break;
	case ACT_ORIGINALS:
		snprintf(num, sizeof num, "%d", m->originals);
		start_prompt(in, PROMPT_ORIGINALS, num);
		break;
	case ACT_COPIES:
		snprintf(num, sizeof num, "%d", m->copies);
		start_prompt(in, PROMPT_COPIES, num);
		break;
	default:
		return 0;
	}
	if (changed)
		intake_draft_save(t, in);
	return TUI_HANDLED | TUI_REDRAW;
}
