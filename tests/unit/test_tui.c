/* test_tui.c — the screen frame in script mode: keys from a script reach
 * the screen, help is generated from the bindings, dumps keep Chinese whole,
 * a terminal below 80x24 is told so. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yichuang/util.h"
#include "../../src/tui/tui.h"

struct counter {
	int count;
	char typed[64];
};

static const struct tui_binding counter_keys[] = {
	{ TK_SPECIAL | KEY_F(2), ACT_SELECT },
	{ '+', ACT_DOWN },
	{ 0, ACT_NONE }
};

static void counter_draw(struct tui *t, struct screen *s)
{
	struct counter *c = s->data;
	char line[128];

	snprintf(line, sizeof line, "计数：%d  输入：%s", c->count, c->typed);
	tui_put(2, 2, t->cols - 4, line, 0);
}

static int counter_handle(struct tui *t, struct screen *s, enum tui_action act, int key)
{
	struct counter *c = s->data;
	size_t n = strlen(c->typed);

	if (act == ACT_DOWN || act == ACT_SELECT) {
		c->count++;
		tui_message(t, "已加一");
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (act == ACT_NONE && key >= 'a' && key <= 'z' && n + 1 < sizeof c->typed) {
		c->typed[n] = (char)key;
		c->typed[n + 1] = '\0';
		return TUI_HANDLED | TUI_REDRAW;
	}
	return 0;
}

static const struct screen_ops counter_screen = {
	.name = "counter",
	.title = "测试屏",
	.keys = counter_keys,
	.draw = counter_draw,
	.handle = counter_handle,
};

static char dir[] = "/tmp/yc-tui-XXXXXX";

/* Runs a script against the counter screen; returns the screen state. */
static struct counter run_script(const char *script_text)
{
	static struct counter c;
	struct tui t;
	char path[256], err[512];
	FILE *f;

	memset(&c, 0, sizeof c);
	memset(&t, 0, sizeof t);
	t.centre = "测试中心";
	t.clerk = "张三";
	snprintf(path, sizeof path, "%s/s.script", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(script_text, f);
	fclose(f);
	assert_int_equal(tui_open(&t, path, dir, err, sizeof err), 0);
	assert_int_equal(tui_push(&t, &counter_screen, &c), 0);
	assert_int_equal(tui_run(&t, err, sizeof err), 0);
	tui_close(&t);
	return c;
}

static char *dump_line(const char *name, int row)
{
	static char line[1024];
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "r");
	assert_non_null(f);
	for (int i = 0; i <= row; i++)
		if (!fgets(line, sizeof line, f))
			line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\n")] = '\0';
	return line;
}

static void test_script_keys_reach_the_screen_and_dump_shows_them(void **state)
{
	struct counter c;

	(void)state;
	c = run_script(":size 80 24\nab+<F2>\n:dump one\n");
	assert_int_equal(c.count, 2);
	assert_string_equal(c.typed, "ab");
	assert_string_equal(dump_line("one", 2), "  计数：2  输入：ab");
	assert_string_equal(dump_line("one", 23), "已加一");
	/* The title line carries the centre and the clerk. */
	assert_non_null(strstr(dump_line("one", 0), "测试中心"));
	assert_non_null(strstr(dump_line("one", 0), "张三"));
	/* The key bar names this screen's F2 and the global F1 and F10. */
	assert_non_null(strstr(dump_line("one", 22), "F1帮助"));
	assert_non_null(strstr(dump_line("one", 22), "F2选定"));
	assert_non_null(strstr(dump_line("one", 22), "F10退出"));
}

static void test_help_lists_the_screen_bindings(void **state)
{
	(void)state;
	run_script(":size 80 24\n<F1>\n:dump help\n<Esc>a\n:dump back\n");
	assert_non_null(strstr(dump_line("help", 1), "F2"));
	assert_non_null(strstr(dump_line("help", 1), "选定当前行"));
	assert_non_null(strstr(dump_line("help", 2), "+"));
	assert_string_equal(dump_line("back", 2), "  计数：0  输入：a");
}

static void test_small_terminal_is_told_and_resize_recovers(void **state)
{
	struct counter c;

	(void)state;
	c = run_script(":size 60 20\nab\n:dump small\n:size 100 30\nc\n:dump big\n");
	assert_non_null(strstr(dump_line("small", 0), "至少需要 80×24"));
	/* Keys typed while too small are not acted on. */
	assert_string_equal(c.typed, "c");
	assert_string_equal(dump_line("big", 2), "  计数：0  输入：c");
}

static void test_long_text_is_cut_at_a_character_boundary(void **state)
{
	struct tui t;
	char path[256], err[512];

	(void)state;
	memset(&t, 0, sizeof t);
	snprintf(path, sizeof path, "%s/empty.script", dir);
	fclose(fopen(path, "w"));
	assert_int_equal(tui_open(&t, path, dir, err, sizeof err), 0);
	/* Five columns hold two characters of 食品经营 and a pad space, never
	 * half of 经. */
	assert_int_equal(tui_put(3, 0, 5, "食品经营", 1), 5);
	assert_int_equal(tui_put(4, 0, 3, "ab食品", 0), 2);
	tui_put(4, 10, 20, "x", 0);
	snprintf(path, sizeof path, "%s/cut", dir);
	assert_int_equal(tui_dump(&t, path, err, sizeof err), 0);
	tui_close(&t);
	assert_string_equal(dump_line("cut", 3), "食品");
	assert_string_equal(dump_line("cut", 4), "ab        x");
}

static int setup(void **state)
{
	(void)state;
	setenv("TERM", "xterm-256color", 1);
	setenv("YICHUANG_TODAY", "2026-11-21", 1);
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_script_keys_reach_the_screen_and_dump_shows_them),
		cmocka_unit_test(test_help_lists_the_screen_bindings),
		cmocka_unit_test(test_small_terminal_is_told_and_resize_recovers),
		cmocka_unit_test(test_long_text_is_cut_at_a_character_boundary),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
