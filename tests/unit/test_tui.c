/* test_tui.c — the screen frame in script mode: keys from a script reach
 * the screen, help is generated from the bindings (one line per action,
 * scrolled), dumps keep Chinese whole, a terminal below 80x24 is told so,
 * a key without a function here is told so, a long message is never cut,
 * the title line gives way by parts, a refused entry drops the keys typed
 * ahead. */
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
	if (act == ACT_NONE && key == '!') {
		/* a long error, as a refused print says it */
		tui_error(t, "打印机没有回应：lp 命令退出码 1（lp: Error - The printer or class does "
			  "not exist.）；请检查打印机是否开机、是否连好，或用终端设置 doc.lp_command 指定打印");
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (act == ACT_NONE && key == '#') {
		/* an entry refused: what was typed ahead is dropped */
		tui_error(t, "输入有误");
		tui_flush_typeahead(t);
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

static void test_help_lists_each_action_once_with_all_its_keys(void **state)
{
	(void)state;
	run_script(":size 80 24\n<F1>\n:dump help\n<Esc>a\n:dump back\n");
	assert_non_null(strstr(dump_line("help", 1), "测试屏"));
	/* F2 and Enter both choose: one line with both keys */
	assert_non_null(strstr(dump_line("help", 2), "F2 Enter"));
	assert_non_null(strstr(dump_line("help", 2), "选定当前行"));
	/* Down and + both move down */
	for (int row = 3; row < 21; row++)
		if (strstr(dump_line("help", row), "下移一行")) {
			assert_non_null(strstr(dump_line("help", row), "Down +"));
			break;
		} else {
			assert_true(row < 20);
		}
	assert_non_null(strstr(dump_line("help", 21), "关闭帮助"));
	assert_string_equal(dump_line("back", 2), "  计数：0  输入：a");
}

static void test_a_key_without_a_function_here_is_told_so(void **state)
{
	(void)state;
	run_script(":size 80 24\n<F7>\n:dump f7\n");
	assert_non_null(strstr(dump_line("f7", 23), "F7"));
	assert_non_null(strstr(dump_line("f7", 23), "按 F1 查看"));
}

static void test_a_long_message_wraps_and_keeps_its_end(void **state)
{
	(void)state;
	run_script(":size 80 24\n!\n:dump long\n");
	/* the message takes the key bar's row too; its end is there */
	assert_non_null(strstr(dump_line("long", 22), "打印机没有回应"));
	assert_non_null(strstr(dump_line("long", 23), "doc.lp_command 指定打印"));
}

static void test_a_refused_entry_drops_the_keys_typed_after_it(void **state)
{
	struct counter c;

	(void)state;
	c = run_script(":size 80 24\nab#cd\nef\n");
	/* cd was typed ahead of the refusal: dropped; ef came after */
	assert_string_equal(c.typed, "abef");
}

static void test_the_title_gives_way_by_whole_parts(void **state)
{
	struct tui t;
	char left[512], right[256];

	(void)state;
	memset(&t, 0, sizeof t);
	t.centre = "云岭市安澜区政务服务中心";
	t.centre_short = "政务服务中心";
	t.window = "安澜区政务服务中心 1号窗口";
	t.window_short = "1号窗口";
	t.clerk = "clerk（综合受理）";
	t.clerk_short = "clerk";
	t.online = 1;
	/* wide: everything, the window short as it repeats the centre */
	tui_title_text(&t, "受理·选择事项", 200, left, sizeof left, right, sizeof right);
	assert_string_equal(left, " 云岭市安澜区政务服务中心  受理·选择事项  1号窗口");
	assert_string_equal(right, "clerk（综合受理）  2026-11-21  在线 待同步 0 ");
	/* 80 columns: the centre and the role give way first, the window
	 * number stays; nothing is cut in the middle */
	tui_title_text(&t, "受理·不予受理", 80, left, sizeof left, right, sizeof right);
	assert_true(utf8_width(left) + 1 + utf8_width(right) <= 80);
	assert_non_null(strstr(left, "1号窗口"));
	assert_non_null(strstr(left, "受理·不予受理"));
	assert_non_null(strstr(right, "在线 待同步 0"));
	assert_non_null(strstr(right, "clerk"));
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
		cmocka_unit_test(test_help_lists_each_action_once_with_all_its_keys),
		cmocka_unit_test(test_a_key_without_a_function_here_is_told_so),
		cmocka_unit_test(test_a_long_message_wraps_and_keeps_its_end),
		cmocka_unit_test(test_a_refused_entry_drops_the_keys_typed_after_it),
		cmocka_unit_test(test_the_title_gives_way_by_whole_parts),
		cmocka_unit_test(test_small_terminal_is_told_and_resize_recovers),
		cmocka_unit_test(test_long_text_is_cut_at_a_character_boundary),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
