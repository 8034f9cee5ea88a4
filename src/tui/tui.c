/*
 * tui.c — the frame of the full-screen program: actions, terminal set-up
 * (colour with a monochrome fallback), the screen stack and its loop,
 * script mode and screen dumps.  The only file that starts curses.
 *
 * On a terminal the loop wakes about once a second without a key (getch
 * with a timeout) and calls the tick function the application set (the
 * background sync's poll); it is called after every key as well, in
 * script mode too, so that a script stays deterministic: the tick itself
 * decides what may happen there.
 */
#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "yichuang/date.h"
#include "yichuang/textwrap.h"
#include "yichuang/util.h"
#include "tui.h"
#include "app.h"		/* tui_set_tick is declared there for now */

#define MIN_COLS 80
#define MIN_ROWS 24
#define SCRIPT_KEYS_MAX 512
#define TICK_MS 1000		/* the loop wakes this often without a key */
#define MESSAGE_ROWS 3		/* a long message takes at most this many rows */

volatile sig_atomic_t tui_got_resize;
volatile sig_atomic_t tui_got_quit;

/* Where the terminal cursor goes after drawing (tui_cursor_at); -1: hidden. */
static int cursor_y = -1, cursor_x = -1;

/* The application's tick (tui_set_tick); one frame per process. */
static int (*tick_fn)(struct tui *t, void *arg, int key);
static void *tick_arg;

void tui_set_tick(int (*fn)(struct tui *t, void *arg, int key), void *arg)
{
	tick_fn = fn;
	tick_arg = arg;
}

/* Calls the tick; 1 when the screen must be drawn again. */
static int tick(struct tui *t, int key)
{
	return tick_fn ? tick_fn(t, tick_arg, key) : 0;
}

static const struct {
	const char *name;
	int code;
	const char *label;
	const char *help;
} actions[] = {
#define A(id, name, code, label, help) { name, code, label, help },
	TUI_ACTIONS(A)
#undef A
};

const char *tui_action_name(enum tui_action a)
{
	return a < ACT_COUNT ? actions[a].name : "?";
}

const char *tui_action_help(enum tui_action a)
{
	return a < ACT_COUNT ? _(actions[a].help) : "?";
}

const char *tui_action_label(enum tui_action a)
{
	return a < ACT_COUNT ? _(actions[a].label) : "?";
}

int tui_action_code(enum tui_action a)
{
	return a < ACT_COUNT ? actions[a].code : 0;
}

/* Bindings every screen has unless it binds the key itself. */
const struct tui_binding tui_global_keys[] = {
	{ TK_SPECIAL | KEY_F(1), ACT_HELP },
	{ TK_SPECIAL | KEY_F(10), ACT_QUIT },
	{ TK_ESC, ACT_BACK },
	{ TK_SPECIAL | KEY_UP, ACT_UP },
	{ TK_SPECIAL | KEY_DOWN, ACT_DOWN },
	{ TK_SPECIAL | KEY_PPAGE, ACT_PAGE_UP },
	{ TK_SPECIAL | KEY_NPAGE, ACT_PAGE_DOWN },
	{ TK_ENTER, ACT_SELECT },
	{ 0, ACT_NONE }
};

static enum tui_action lookup(const struct tui_binding *b, int key)
{
	for (; b && b->key; b++)
		if (b->key == key)
			return b->action;
	return ACT_NONE;
}

static void on_quit_signal(int sig)
{
	(void)sig;
	tui_got_quit = 1;
}

/* The program draws Chinese: it needs a UTF-8 LC_CTYPE even when the
 * environment has none (LANG unset on a server). */
static void ensure_utf8_ctype(void)
{
	const char *cs = nl_langinfo(CODESET);

	if (cs && strcmp(cs, "UTF-8") == 0)
		return;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
}

static void setup_colors(struct tui *t)
{
	const char *nc = getenv("NO_COLOR");

	t->color = 0;
	if (nc && *nc)
		return;
	if (!has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);		/* title and key bar */
	init_pair(2, COLOR_RED, -1);			/* errors */
	init_pair(3, COLOR_YELLOW, -1);			/* warnings */
	init_pair(4, COLOR_GREEN, -1);			/* confirmations */
	t->color = 1;
}

int tui_open(struct tui *t, const char *script, const char *dump_dir,
	     char *err, size_t errsz)
{
	struct sigaction sa;
	SCREEN *scr;
	const char *term = getenv("TERM");

	ensure_utf8_ctype();
	if (script) {
		FILE *in;

		t->script = fopen(script, "r");
		if (!t->script)
			return yc_seterr(err, errsz, _("无法打开脚本 %s: %s"), script, strerror(errno));
		t->script_name = script;
		t->dump_dir = dump_dir ? dump_dir : ".";
		/* ncurses writes to a scratch file: the bytes a terminal would get. */
		t->term_out = tmpfile();
		in = fopen("/dev/null", "r");
		if (!t->term_out || !in) {
			if (in)
				fclose(in);
			return yc_seterr(err, errsz, _("无法为脚本模式创建虚拟终端"));
		}
		scr = newterm(term && *term ? term : "xterm-256color", t->term_out, in);
	} else {
		if (!term || !*term)
			return yc_seterr(err, errsz, _("未设置 TERM，无法确定终端类型"));
		scr = newterm(NULL, stdout, stdin);
	}
	if (!scr)
		return yc_seterr(err, errsz, _("终端类型 “%s” 无法使用（terminfo 中没有它？）"),
				 term && *term ? term : "xterm-256color");
	set_term(scr);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	/* Wake without a key now and then (the tick); never in script mode,
	 * where keys come from the file. */
	if (!script)
		timeout(TICK_MS);
	setup_colors(t);
	getmaxyx(stdscr, t->rows, t->cols);

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_quit_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	return 0;
}

void tui_close(struct tui *t)
{
	while (t->depth > 0) {
		struct screen *s = &t->stack[--t->depth];

		if (s->ops->leave)
			s->ops->leave(t, s);
	}
	endwin();
	if (t->script)
		fclose(t->script);
	if (t->term_out)
		fclose(t->term_out);
	t->script = NULL;
	t->term_out = NULL;
}

int tui_push(struct tui *t, const struct screen_ops *ops, void *data)
{
	struct screen *s;

	if (t->depth >= TUI_MAX_DEPTH) {
		tui_error(t, "%s", _("打开的屏幕太多"));
		return -1;
	}
	s = &t->stack[t->depth];
	s->ops = ops;
	s->data = data;
	if (ops->enter && ops->enter(t, s) != 0)
		return -1;
	t->depth++;
	return 0;
}

static void pop(struct tui *t)
{
	struct screen *s = &t->stack[--t->depth];

	if (s->ops->leave)
		s->ops->leave(t, s);
}

static void vmessage(struct tui *t, int is_error, const char *fmt, va_list ap)
{
	vsnprintf(t->message, sizeof t->message, fmt, ap);
	utf8_trim_partial(t->message);
	t->message_is_error = is_error;
}

void tui_message(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(t, 0, fmt, ap);
	va_end(ap);
}

void tui_error(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(t, 1, fmt, ap);
	va_end(ap);
}

int tui_col(int width, const char *heading)
{
	int hw = utf8_width(heading);

	return hw > width ? hw : width;
}

int tui_put(int y, int x, int width, const char *s, int pad)
{
	size_t n = strlen(s), i = 0;
	int used = 0;

	move(y, x);
	while (i < n) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		int w;
		wchar_t wc[2] = { 0, 0 };

		if (k < 0) {
			cp = 0xFFFD;
			k = 1;
		}
		w = cp_width(cp);
		if (cp < 0x20 || cp == 0x7F)
			cp = ' ', w = 1;
		if (used + w > width)
			break;
		wc[0] = (wchar_t)cp;
		addwstr(wc);
		used += w;
		i += (size_t)k;
	}
	if (pad)
		for (; used < width; used++)
			addch(' ');
	return used;
}

int tui_body_top(const struct tui *t)
{
	(void)t;
	return 1;
}

int tui_body_rows(const struct tui *t)
{
	return t->rows - 3;
}

/* One part of the title line: its forms from the longest to the shortest
 * ("" drops it); `cur` is the one shown. */
struct title_part {
	const char *form[3];
	int nform, cur;
};

static void title_part_set(struct title_part *p, const char *a, const char *b, const char *c)
{
	const char *in[3] = { a, b, c };

	p->nform = 0;
	p->cur = 0;
	for (int i = 0; i < 3; i++)
		if (in[i] && (p->nform == 0 || strcmp(in[i], p->form[p->nform - 1]) != 0))
			p->form[p->nform++] = in[i];
	if (p->nform == 0)
		p->form[p->nform++] = "";
}

/* Joins the current forms of parts with two spaces, skipping empty ones. */
static void title_join(const struct title_part *parts, int n, const char *lead,
		       const char *tail, char *buf, size_t bufsz)
{
	size_t o = 0;
	int any = 0;

	o += (size_t)snprintf(buf, bufsz, "%s", lead);
	for (int i = 0; i < n && o < bufsz; i++) {
		const char *s = parts[i].form[parts[i].cur];

		if (!*s)
			continue;
		o += (size_t)snprintf(buf + o, bufsz - o, "%s%s", any ? "  " : "", s);
		any = 1;
	}
	if (o < bufsz)
		snprintf(buf + o, bufsz - o, "%s", tail);
	utf8_trim_partial(buf);
}

void tui_title_text(const struct tui *t, const char *title, int cols,
		    char *left, size_t leftsz, char *right, size_t rightsz)
{
	enum { CENTRE, TITLE, WINDOW, CLERK, DAY, CONN, NPARTS };
	struct title_part p[NPARTS];
	char day[16], conn[96];
	const char *centre = t->centre ? t->centre : "";
	const char *csh = t->centre_short && *t->centre_short ? t->centre_short : NULL;
	const char *window = t->window ? t->window : "";
	/* Which part gives way next: an index into p, in order. */
	static const int order[] = { CLERK, CENTRE, DAY, CENTRE, WINDOW, DAY, CENTRE };

	date_format(date_today(), day, sizeof day);
	snprintf(conn, sizeof conn, _("%s 待同步 %d"),
		 t->online < 0 ? _("单机") : t->online ? _("在线") : _("离线"), t->pending);
	title_part_set(&p[CENTRE], centre, csh, "");
	title_part_set(&p[TITLE], title, NULL, NULL);
	/* A window name that repeats the centre's name is shown short. */
	if (t->window_short && *t->window_short && csh && strstr(window, csh))
		window = t->window_short;
	title_part_set(&p[WINDOW], window, t->window_short, NULL);
	title_part_set(&p[CLERK], t->clerk ? t->clerk : "", t->clerk_short, NULL);
	title_part_set(&p[DAY], day, day + 5, "");
	title_part_set(&p[CONN], conn, NULL, NULL);
	for (size_t k = 0;; k++) {
		title_join(p, 3, " ", "", left, leftsz);
		title_join(p + 3, 3, "", " ", right, rightsz);
		if (utf8_width(left) + 1 + utf8_width(right) <= cols)
			return;
		/* the next part that still has a shorter form */
		while (k < sizeof order / sizeof order[0] &&
		       p[order[k]].cur + 1 >= p[order[k]].nform)
			k++;
		if (k >= sizeof order / sizeof order[0])
			return;
		p[order[k]].cur++;
	}
}

/* Title line: centre, screen, window; clerk, date, connection (在线, 离线,
 * or 单机 when no central is configured: t->online < 0) and pending
 * events (tui_title_text). */
static void draw_title(struct tui *t, const struct screen *s)
{
	char left[512], right[256];
	int rw;

	tui_title_text(t, s->ops->title ? _(s->ops->title) : "", t->cols, left, sizeof left,
		       right, sizeof right);
	attrset(t->color ? COLOR_PAIR(1) : A_REVERSE);
	rw = utf8_width(right);
	tui_put(0, 0, t->cols, "", 1);
	if (rw < t->cols) {
		/* the left part gives way, keeping a space before the right */
		tui_put(0, 0, t->cols - rw - 1, left, 0);
		tui_put(0, t->cols - rw, rw, right, 0);
	} else {
		tui_put(0, 0, t->cols, left, 0);
	}
	attrset(A_NORMAL);
}

/* The function-key bar: every F-key bound on this screen, then the global
 * ones, leaving out what the screen says cannot be used now.  When they do
 * not all fit, the last ones before the final key (F10, quit) are dropped
 * whole: a key is never shown cut. */
static void draw_keybar(struct tui *t, const struct screen *s)
{
	char entry[12][96], name[16];
	int width[12], n = 0, total = 0;
	struct strbuf sb;

	for (int f = 1; f <= 12; f++) {
		int key = TK_SPECIAL | KEY_F(f);
		enum tui_action a = lookup(s->ops->keys, key);

		if (a == ACT_NONE)
			a = lookup(tui_global_keys, key);
		if (a == ACT_NONE)
			continue;
		if (s->ops->enabled && !s->ops->enabled(t, (struct screen *)s, a))
			continue;
		snprintf(entry[n], sizeof entry[n], "%s%s ", keys_name(key, name, sizeof name),
			 _(actions[a].label));
		width[n] = utf8_width(entry[n]);
		total += width[n];
		n++;
	}
	while (n > 1 && total > t->cols) {
		total -= width[n - 2];
		memcpy(entry[n - 2], entry[n - 1], sizeof entry[n - 1]);
		width[n - 2] = width[n - 1];
		n--;
	}
	sb_init(&sb);
	for (int i = 0; i < n; i++)
		sb_appendf(&sb, "%s", entry[i]);
	attrset(t->color ? COLOR_PAIR(1) : A_REVERSE);
	tui_put(t->rows - 2, 0, t->cols, sb.buf ? sb.buf : "", 1);
	attrset(A_NORMAL);
	sb_free(&sb);
}

/* The message line.  A message longer than the line is wrapped onto the
 * rows above it (the key bar, then the last body row), at most
 * MESSAGE_ROWS; a message is never cut short while it fits them. */
static void draw_message(struct tui *t)
{
	struct textwrap tw;
	int n;

	textwrap_init(&tw);
	if (utf8_width(t->message) < t->cols || textwrap_append(&tw, t->message, t->cols - 1, 0) != 0 ||
	    tw.n < 2) {
		textwrap_free(&tw);
		textwrap_init(&tw);
		textwrap_push(&tw, t->message);
	}
	n = tw.n > MESSAGE_ROWS ? MESSAGE_ROWS : (int)tw.n;
	if (t->message_is_error)
		attrset(t->color ? COLOR_PAIR(2) | A_BOLD : A_BOLD);
	for (int i = 0; i < n; i++)
		tui_put(t->rows - n + i, 0, t->cols, tw.n ? tw.lines[i] : "", 1);
	attrset(A_NORMAL);
	textwrap_free(&tw);
}

void tui_draw_frame(struct tui *t)
{
	const struct screen *s = &t->stack[t->depth - 1];

	draw_title(t, s);
	draw_keybar(t, s);
	draw_message(t);
}

void tui_cursor_at(int y, int x)
{
	cursor_y = y;
	cursor_x = x;
}

void tui_flush_typeahead(struct tui *t)
{
	if (t->script)
		t->flush_keys = 1;
	else
		flushinp();
}

static void draw(struct tui *t)
{
	struct screen *s;

	erase();
	if (t->cols < MIN_COLS || t->rows < MIN_ROWS) {
		char msg[160];

		snprintf(msg, sizeof msg, _("终端窗口太小：至少需要 %d×%d，当前 %d×%d。请放大窗口。"),
			 MIN_COLS, MIN_ROWS, t->cols, t->rows);
		tui_put(0, 0, t->cols, msg, 0);
	} else if (t->depth > 0) {
		s = &t->stack[t->depth - 1];
		cursor_y = cursor_x = -1;
		s->ops->draw(t, s);
		tui_draw_frame(t);
	}
	/* The terminal cursor shows where typing goes, and only there. */
	if (cursor_y >= 0 && cursor_y < t->rows - 2 && t->depth > 0) {
		curs_set(1);
		move(cursor_y, cursor_x);
		leaveok(stdscr, FALSE);
	} else {
		curs_set(0);
		leaveok(stdscr, TRUE);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

int tui_dump(struct tui *t, const char *path, char *err, size_t errsz)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return yc_seterr(err, errsz, _("无法写入 %s: %s"), path, strerror(errno));
	for (int y = 0; y < t->rows; y++) {
		struct strbuf line;

		sb_init(&line);
		for (int x = 0; x < t->cols; x++) {
			cchar_t cc;
			wchar_t wc[CCHARW_MAX + 1];
			attr_t attr;
			short pair;
			char mb[8];

			if (mvwin_wch(stdscr, y, x, &cc) == ERR)
				break;
			getcchar(&cc, wc, &attr, &pair, NULL);
			if (wc[0] == 0)
				continue;
			for (int i = 0; wc[i]; i++) {
				int k = (int)wcrtomb(mb, wc[i], NULL);

				if (k > 0)
					sb_appendn(&line, mb, (size_t)k);
			}
			/* A wide character fills this cell and the next. */
			if (wcwidth(wc[0]) == 2)
				x++;
		}
		{
			char *l = line.buf ? line.buf : "";
			size_t n = strlen(l);

			while (n > 0 && l[n - 1] == ' ')
				n--;
			fprintf(f, "%.*s\n", (int)n, l);
		}
		sb_free(&line);
	}
	if (fclose(f) != 0)
		return yc_seterr(err, errsz, _("写入 %s 失败: %s"), path, strerror(errno));
	return 0;
}

/* Reads script lines until keys are available or the script ends; runs the
 * commands on the way.  Returns the number of keys placed in keys[], 0 at
 * the end of the script, -1 on a script error. */
static int script_next(struct tui *t, int *keys, size_t max, char *err, size_t errsz)
{
	char line[2048];

	while (fgets(line, sizeof line, t->script)) {
		char *l;
		size_t n = strlen(line);

		t->script_line++;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		l = line;
		if (*l == '#' || *l == '\0')
			continue;
		if (*l == ':') {
			int cols, rows;
			char name[256];

			if (sscanf(l, ":size %d %d", &cols, &rows) == 2) {
				if (cols < 10 || rows < 5 || cols > 1000 || rows > 500)
					return yc_seterr(err, errsz, "%s:%d: %s", t->script_name,
							 t->script_line, _("终端尺寸不合理"));
				resize_term(rows, cols);
				t->rows = rows;
				t->cols = cols;
				draw(t);
			} else if (sscanf(l, ":dump %255s", name) == 1) {
				char path[4096];

				if (strchr(name, '/'))
					return yc_seterr(err, errsz, "%s:%d: %s", t->script_name,
							 t->script_line, _("dump 的文件名不能含“/”"));
				snprintf(path, sizeof path, "%s/%s", t->dump_dir, name);
				if (tui_dump(t, path, err, errsz) != 0)
					return -1;
			} else if (strcmp(l, ":bytes") == 0) {
				long pos;

				fflush(t->term_out);
				pos = ftell(t->term_out);
				fprintf(stderr, "bytes %ld\n", pos - t->bytes_mark);
				t->bytes_mark = pos;
			} else {
				return yc_seterr(err, errsz, "%s:%d: %s “%s”", t->script_name,
						 t->script_line, _("未知的脚本命令"), l);
			}
			continue;
		}
		{
			char kerr[200];
			int k = keys_parse_line(l, keys, max, kerr, sizeof kerr);

			if (k < 0)
				return yc_seterr(err, errsz, "%s:%d: %s", t->script_name,
						 t->script_line, kerr);
			if (k > 0)
				return k;
		}
	}
	return 0;
}

/* One key from the terminal; 0 when none came within TICK_MS (or a
 * signal interrupted the wait), -1 when the terminal was resized. */
static int terminal_key(struct tui *t)
{
	wint_t wc;
	int r = wget_wch(stdscr, &wc);

	if (r == ERR)
		return 0;
	if (r == KEY_CODE_YES) {
		if (wc == KEY_RESIZE) {
			getmaxyx(stdscr, t->rows, t->cols);
			return -1;
		}
		if (wc == KEY_ENTER)
			return TK_ENTER;
		return TK_SPECIAL | (int)wc;
	}
	if (wc == '\n')
		return TK_ENTER;
	if (wc == 0x7F || wc == 0x08)
		return TK_SPECIAL | KEY_BACKSPACE;
	return (int)wc;
}

/* Gives the key to the top screen, then to the global bindings. */
static int dispatch(struct tui *t, int key)
{
	struct screen *s = &t->stack[t->depth - 1];
	enum tui_action act = lookup(s->ops->keys, key);
	int fl;

	if (act == ACT_NONE)
		act = lookup(tui_global_keys, key);
	t->message[0] = '\0';
	fl = s->ops->handle(t, s, act, key);
	if (fl & (TUI_HANDLED | TUI_POP | TUI_QUIT))
		return fl;
	switch (act) {
	case ACT_HELP:
		tui_push(t, &help_screen, NULL);
		return TUI_REDRAW;
	case ACT_QUIT:
		return TUI_QUIT;
	case ACT_BACK:
		return t->depth > 1 ? TUI_POP : TUI_REDRAW;
	default:
		/* A key that means nothing here is said so, never ignored
		 * silently (unless the screen said something itself). */
		if (!t->message[0]) {
			char name[16];

			tui_error(t, _("本屏没有 %s 键的功能；按 F1 查看本屏的按键"),
				  keys_name(key, name, sizeof name));
		}
		return fl | TUI_REDRAW;
	}
}

int tui_run(struct tui *t, char *err, size_t errsz)
{
	int keys[SCRIPT_KEYS_MAX];
	int nkeys = 0, next = 0;

	draw(t);
	while (t->depth > 0 && !tui_got_quit) {
		int key, fl;

		if (t->script) {
			if (next >= nkeys) {
				nkeys = script_next(t, keys, SCRIPT_KEYS_MAX, err, errsz);
				next = 0;
				if (nkeys < 0)
					return -1;
				if (nkeys == 0)
					break;
			}
			key = keys[next++];
		} else {
			key = terminal_key(t);
			if (key == -1) {
				draw(t);
				continue;
			}
			if (key == 0) {
				if (tick(t, 0) && t->depth > 0)
					draw(t);
				continue;
			}
		}
		if (t->cols < MIN_COLS || t->rows < MIN_ROWS) {
			/* Too small to work in: only quitting is possible. */
			if (key == (TK_SPECIAL | KEY_F(10)))
				break;
			continue;
		}
		fl = dispatch(t, key);
		if (t->flush_keys) {
			/* a refused entry: what was typed ahead is dropped */
			t->flush_keys = 0;
			next = nkeys;
		}
		if (fl & TUI_QUIT)
			break;
		if (fl & TUI_POP)
			pop(t);
		tick(t, key);
		if (t->depth > 0)
			draw(t);
	}
	return 0;
}
