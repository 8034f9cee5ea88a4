/*
 * tui.h — the full-screen program's frame: the action table, screens on a
 * stack, the terminal, script mode.
 *
 * Screens are static ops tables (enter, draw, handle, leave).  A handler
 * gets an action (already looked up from the key through the screen's
 * bindings) or, for input fields, the raw key, and returns flags; it never
 * reads keys itself.  Every action is defined once in TUI_ACTIONS: its
 * enum, its name, its transaction code and its help text come from there,
 * and the help screen is generated from it.
 */
#ifndef YICHUANG_TUI_H
#define YICHUANG_TUI_H

#include <signal.h>
#include <stdio.h>

#include "keys.h"

/* A(ID, name, transaction code (0 = none), key-bar label, help text) */
#define TUI_ACTIONS(A) \
	A(NONE, "none", 0, N_("无"), N_("无")) \
	A(HELP, "help", 0, N_("帮助"), N_("帮助：本屏幕的按键")) \
	A(QUIT, "quit", 0, N_("退出"), N_("退出程序")) \
	A(LOGOUT, "logout", 0, N_("注销"), N_("注销：退出登录，回到登录屏，换人使用本终端")) \
	A(BACK, "back", 0, N_("返回"), N_("返回上一屏")) \
	A(UP, "up", 0, N_("上移"), N_("上移一行")) \
	A(DOWN, "down", 0, N_("下移"), N_("下移一行")) \
	A(PAGE_UP, "page-up", 0, N_("上页"), N_("上一页")) \
	A(PAGE_DOWN, "page-down", 0, N_("下页"), N_("下一页")) \
	A(SELECT, "select", 0, N_("选定"), N_("选定当前行")) \
	A(NEXT_FIELD, "next-field", 0, N_("下栏"), N_("下一栏")) \
	A(PREV_FIELD, "prev-field", 0, N_("上栏"), N_("上一栏")) \
	A(SEARCH, "search", 0, N_("查找"), N_("查找")) \
	A(FIRST, "first", 0, N_("开头"), N_("到开头")) \
	A(LAST, "last", 0, N_("末尾"), N_("到末尾")) \
	A(CONSULT, "consult", 31, N_("咨询"), N_("咨询：一次告知单")) \
	A(RECORD, "record", 0, N_("记录"), N_("记录本次咨询（写入咨询台账）")) \
	A(QUEUE, "queue", 11, N_("取号叫号"), N_("取号叫号：现场取号、叫号、重呼、过号")) \
	A(QUEUE_TAKE, "queue-take", 0, N_("取号"), N_("为现场来人取号（选普通或优先类别）")) \
	A(QUEUE_CALL, "queue-call", 0, N_("叫号"), N_("叫下一位（优先号先叫）；本窗口当前的号记为已办结")) \
	A(QUEUE_RECALL, "queue-recall", 0, N_("重呼"), N_("重呼本窗口当前的号")) \
	A(QUEUE_SKIP, "queue-skip", 0, N_("过号"), N_("过号：当前的号未到窗口（按 y 确认）")) \
	A(QUEUE_REQUEUE, "queue-requeue", 0, N_("重排"), N_("过号的人回来了：把过号的号按原位次重新排队")) \
	A(INTAKE, "intake", 21, N_("受理"), N_("综合受理：登记申请，核对材料，受理、补正或不予受理")) \
	A(RETURN, "return", 22, N_("补正收件"), N_("申请人补正回来：找到办件，勾选补交的材料，受理")) \
	A(CASES, "cases", 41, N_("查询"), N_("办件查询：按编号、证件号码、姓名或事项查找，看办理过程")) \
	A(ACCEPT, "accept", 0, N_("受理"), N_("受理：材料齐全（容缺材料写明补交期限）")) \
	A(CORRECT, "correct", 0, N_("补正"), N_("补正：一次告知所有缺少或不规范的材料")) \
	A(REJECT, "reject", 0, N_("不予受理"), N_("不予受理：写明理由、依据和有权机关")) \
	A(WITHDRAW, "withdraw", 0, N_("撤件"), N_("撤件：申请人撤回申请（按 y 确认）")) \
	A(CHECK, "check", 0, N_("审查"), N_("齐全性审查：列出缺少或不规范的材料")) \
	A(TOGGLE, "toggle", 0, N_("勾选"), N_("勾选或取消当前行")) \
	A(EDIT, "edit", 0, N_("修改"), N_("修改当前项")) \
	A(SAVE, "save", 0, N_("保存"), N_("保存")) \
	A(PREVIEW, "preview", 0, N_("预览"), N_("预览文书")) \
	A(PRINT, "print", 0, N_("打印"), N_("打印文书（重打也记入办理过程）")) \
	A(TIMELINE, "timeline", 0, N_("过程"), N_("查看办件的全部办理过程")) \
	/* intake screens (intake*.c) add their actions below this line */ \
	A(INTAKE_NEXT, "intake-next", 0, N_("下一步"), N_("受理：检查本页后到下一步")) \
	A(RECEIVE, "receive", 0, N_("收到"), N_("材料：按通常方式登记收到（纸质按要求的份数；部门核发的为已调取），移到下一项待登记的材料")) \
	A(INTAKE_PREV, "intake-prev", 0, N_("上一步"), N_("受理：回到上一步（已填内容保留）")) \
	A(INTAKE_ABANDON, "intake-abandon", 0, N_("放弃"), N_("放弃本次受理并删除草稿（按 y 确认）")) \
	A(INTAKE_CONTINUE, "draft-continue", 0, N_("继续"), N_("继续未完成的受理：回到草稿停下的步骤")) \
	A(INTAKE_DISCARD, "draft-discard", 0, N_("丢弃"), N_("丢弃未完成的受理草稿（按 y 确认）")) \
	A(INTAKE_NEW, "intake-new", 0, N_("新受理"), N_("草稿留着，开始新的受理")) \
	A(INTAKE_DRAFTS, "intake-drafts", 0, N_("草稿"), N_("未完成的受理草稿：列出、选一份继续或丢弃")) \
	A(RECEIPT_PAPER, "receipt-paper", 0, N_("纸质"), N_("材料：收到纸质材料，原件、复印件按要求份数")) \
	A(RECEIPT_ELECTRONIC, "receipt-electronic", 0, N_("电子"), N_("材料：收到电子材料")) \
	A(RECEIPT_FETCHED, "receipt-fetched", 0, N_("核发"), N_("材料：部门核发，向发证部门共享调取（仅限来源为政府部门核发的材料）")) \
	A(RECEIPT_DEFERRED, "receipt-deferred", 0, N_("容缺"), N_("材料：容缺后补（仅限目录允许容缺的材料），显示补交期限")) \
	A(RECEIPT_MISSING, "receipt-missing", 0, N_("未交"), N_("材料：未提交")) \
	A(NONCONFORMING, "nonconforming", 0, N_("不规范"), N_("材料：标记不规范并写明原因；再按一次取消标记")) \
	A(ORIGINALS, "originals", 0, N_("原件数"), N_("材料：修改收到的原件份数")) \
	A(COPIES, "copies", 0, N_("复印件数"), N_("材料：修改收到的复印件份数")) \
	/* case search and view (cases.c) add theirs below this line */ \
	A(ONLINE, "online", 23, N_("网上预受理"), N_("网上申请预审：2 个工作日内答复，受理、补正或不予受理")) \
	A(CASE_KIND, "case-kind", 0, N_("方式"), N_("切换查找方式：自动识别、办件编号、证件号码、申请人姓名、事项编码")) \
	/* documents (docview.c) add theirs below this line */ \
	A(DOC_ISSUE, "doc-issue", 0, N_("出具"), N_("出具文书：交给申请人，记入办件的办理过程")) \
	/* back office (handover, approval, issuing) add theirs below this line */ \
	A(HANDOVER, "handover", 51, N_("材料交接"), N_("材料交接：前台组单送交，后台核对签收")) \
	A(APPROVAL, "approval", 61, N_("审批"), N_("审批：本部门待办，按到期日排序")) \
	A(RESULTS, "results", 71, N_("结果交接"), N_("办理结果交接：审批部门送交，出件窗口签收")) \
	A(ISSUE, "issue", 72, N_("出件"), N_("统一出件：通知申请人，窗口领取或邮寄送达，归档")) \
	A(SUPERVISE, "supervise", 81, N_("监察"), N_("电子监察：预警、黄牌、红牌，按部门和窗口")) \
	A(BO_REGISTERS, "bo-registers", 0, N_("交接单"), N_("材料交接：切换办件列表、待签收交接单和全部交接单")) \
	A(BO_CREATE, "bo-create", 0, N_("组单"), N_("材料交接：把勾选的办件（同一部门）组成一张材料交接单")) \
	A(BO_SIGN, "bo-sign", 0, N_("签名"), N_("交接单：移交方签名；接收方核对后签收（或在窗口输入密码）")) \
	A(BO_MISSING, "bo-missing", 0, N_("缺少"), N_("交接单：登记当前这项材料缺少，写明说明；再按一次取消")) \
	A(BO_REVIEW, "bo-review", 0, N_("开始审查"), N_("审批：开始审查（材料不经交接单送达时，如全为电子材料）")) \
	A(BO_SPECIAL, "bo-special", 0, N_("特别程序"), N_("审批：启动特别程序并写明理由，计时暂停；程序中再按一次则结束")) \
	A(BO_EXTEND, "bo-extend", 0, N_("延期"), N_("审批：延长审批期限（最多 10 个工作日，只能一次），写明理由")) \
	A(BO_DECIDE, "bo-decide", 0, N_("决定"), N_("审批决定：准予许可（证照编号、有效期）或不予许可（理由）")) \
	A(RESULTS_SIGN, "results-sign", 0, N_("签名"), N_("结果交接签名：审批人组单送交，出件窗口签收（按 y 确认）")) \
	A(ISSUE_NOTIFY, "issue-notify", 0, N_("通知"), N_("通知申请人领取：电话、短信或其他，可写说明")) \
	A(ISSUE_PICKUP, "issue-pickup", 0, N_("领取"), N_("窗口领取：登记领取人姓名和证件号码，领取人签字后按 y")) \
	A(ISSUE_POST, "issue-post", 0, N_("邮寄"), N_("邮寄送达：登记 EMS 运单号、收件地址和收件人（按 y 确认）")) \
	A(ISSUE_ARCHIVE, "issue-archive", 0, N_("归档"), N_("归档：已送达的办件办结归档（按 y 确认）")) \
	A(BUNDLE_CLOSE, "bundle-close", 0, N_("办结联办"), N_("一件事：各部门都已作出决定后，由牵头部门的审批人员办结（按 y 确认）")) \
	A(SUP_DEPT, "sup-dept", 0, N_("部门"), N_("监察：只看一个部门（依次切换各部门，再按回到全部）")) \
	A(SUP_CLOSED, "sup-closed", 0, N_("已结"), N_("监察：显示或隐藏已办结（归档、撤件、不予受理）办件的历史牌")) \
	/* sync (app.c, conflicts.c) add theirs below this line */ \
	A(CONFLICTS, "conflicts", 91, N_("冲突处理"), N_("冲突处理：中心拒收的事件，逐件查看办件并写明处理说明")) \
	A(CONFLICT_CASE, "conflict-case", 0, N_("办件"), N_("打开冲突所在办件：详情和全部办理过程")) \
	A(CONFLICT_RESOLVE, "conflict-resolve", 0, N_("处理"), N_("写明处理说明，标记冲突已处理（主管、管理员；按 y 确认）")) \
	A(CONFLICT_ALL, "conflict-all", 0, N_("全部"), N_("切换：只列未处理的冲突，或列出全部（含已处理的）"))

enum tui_action {
#define A(id, name, code, label, help) ACT_##id,
	TUI_ACTIONS(A)
#undef A
	ACT_COUNT
};

const char *tui_action_name(enum tui_action a);
const char *tui_action_help(enum tui_action a);	/* translated */
const char *tui_action_label(enum tui_action a);	/* short, for the key bar */
int tui_action_code(enum tui_action a);

/* A key bound to an action on one screen; a table ends with key 0. */
struct tui_binding {
	int key;
	enum tui_action action;
};

/* What a key does on one screen, for its help, where the action's own
 * help text would not say it (Enter moving to the next field of a form);
 * a table ends with key 0.  help is a msgid; "" (TUI_KEY_UNUSED) leaves
 * out a global key the screen does not use. */
#define TUI_KEY_UNUSED ""
struct tui_key_help {
	int key;
	const char *help;
};

/* Bindings every screen has unless it binds the key itself: F1 help,
 * F10 quit, Esc back, cursor keys, Enter select. */
extern const struct tui_binding tui_global_keys[];

/* What a handler asks of the loop. */
enum {
	TUI_HANDLED = 1 << 0,	/* the key was used */
	TUI_REDRAW = 1 << 1,	/* draw the screen again */
	TUI_POP = 1 << 2,	/* leave this screen */
	TUI_QUIT = 1 << 3	/* end the program */
};

struct tui;
struct screen;

struct screen_ops {
	const char *name;
	const char *title;		/* msgid, shown in the title line */
	const struct tui_binding *keys;	/* this screen's bindings */
	int (*enter)(struct tui *t, struct screen *s);
	void (*draw)(struct tui *t, struct screen *s);
	/* act is ACT_NONE when the key has no binding here; key is the raw key. */
	int (*handle)(struct tui *t, struct screen *s, enum tui_action act, int key);
	void (*leave)(struct tui *t, struct screen *s);
	/* Optional: 0 when act cannot be used here now (e.g. the user's
	 * role may not), so the key bar and help leave it out. */
	int (*enabled)(struct tui *t, struct screen *s, enum tui_action act);
	/* Optional: the screen's own words for some keys in its help. */
	const struct tui_key_help *key_help;
};

struct screen {
	const struct screen_ops *ops;
	void *data;			/* the screen's own state */
};

#define TUI_MAX_DEPTH 16

struct tui {
	struct screen stack[TUI_MAX_DEPTH];
	int depth;
	int rows, cols;
	int color;			/* 0: monochrome (no colours, or NO_COLOR) */
	char message[512];		/* the message line (wrapped onto the rows
					 * above it when longer than one) */
	int message_is_error;
	/* Script mode (no terminal): keys from a file, dumps to a directory. */
	FILE *script;
	const char *script_name;
	int script_line;
	const char *dump_dir;
	FILE *term_out;			/* where ncurses writes in script mode */
	long bytes_mark;
	int flush_keys;			/* tui_flush_typeahead was asked */
	/* Title line facts; the short forms (may be NULL) are used when the
	 * long ones do not fit (tui_title_text). */
	const char *centre;
	const char *centre_short;
	const char *window;
	const char *window_short;
	const char *clerk;		/* "name（role）" */
	const char *clerk_short;	/* "name" */
	int online;
	int pending;
};

/* Signals only set these; the loop acts on them. */
extern volatile sig_atomic_t tui_got_resize;
extern volatile sig_atomic_t tui_got_quit;

/* Starts curses on the terminal, or in script mode (script != NULL) on a
 * virtual terminal of the size the script sets.  0, or -1 with a message. */
int tui_open(struct tui *t, const char *script, const char *dump_dir,
	     char *err, size_t errsz);
void tui_close(struct tui *t);

/* Puts a screen on the stack (calls its enter); -1 when it refused. */
int tui_push(struct tui *t, const struct screen_ops *ops, void *data);
/* Runs until a screen quits, the stack empties, a quit signal arrives, or
 * the script ends.  Returns 0, or -1 with a message (script errors). */
int tui_run(struct tui *t, char *err, size_t errsz);

/* The message line. */
void tui_message(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tui_error(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Drawing helpers (stdscr), all measured in display columns. */
/* Writes s at (y, x) in at most `width` columns, never cutting a
 * character; pads with spaces to width when pad is set.  Returns the
 * columns used. */
int tui_put(int y, int x, int width, const char *s, int pad);
/* The width of a table column: `width`, or the width of its (translated)
 * heading when that is wider, so that the heading is never cut and runs
 * into the next one. */
int tui_col(int width, const char *heading);
/* Draws title line, function-key bar and message line around the body. */
void tui_draw_frame(struct tui *t);
/* The body area: rows 1 .. rows-3. */
int tui_body_top(const struct tui *t);
int tui_body_rows(const struct tui *t);

/* The title line of screen title `title` in `cols` columns: left and right
 * parts (centre, title, window; clerk, date, connection and events
 * waiting).  When everything does not fit, parts give way in a fixed
 * order (the clerk's role, the centre's short name, the year of the
 * date, the centre, the window's short name, the date), each shown whole or
 * not at all: nothing is cut in the middle.  Needs no terminal. */
void tui_title_text(const struct tui *t, const char *title, int cols,
		    char *left, size_t leftsz, char *right, size_t rightsz);

/* Called while drawing: the terminal cursor goes to (y, x) when the
 * screen is shown (an input field being edited); without a call the
 * cursor is hidden. */
void tui_cursor_at(int y, int x);

/* After a refused entry (a value that failed its check): keys typed ahead
 * are dropped so that they do not land in the wrong field.  On a terminal
 * the input queue is flushed; in script mode the rest of the current
 * script line is dropped (a script line stands for keys typed in one
 * burst). */
void tui_flush_typeahead(struct tui *t);

/* Writes the screen as UTF-8 text, one line per row, trailing spaces cut. */
int tui_dump(struct tui *t, const char *path, char *err, size_t errsz);

/* The generated help screen for the screen below it. */
extern const struct screen_ops help_screen;

#endif
