/*
 * catalog_view.c — the store-backed catalog subcommands:
 *
 *   catalog import PATH...      check the files; when there is no error,
 *                               store them as a new catalog version
 *   catalog list [--json]       the current version's items and bundles
 *   catalog show CODE [--json]  one item (or bundle) whole
 *
 * Tables are aligned in display columns (CJK is two columns wide).  JSON
 * values of enumerations are the catalog format's own words (承诺件,
 * 工作日, 纸质, text, ...), untranslated, so scripts can rely on them;
 * `type` is the GB/T 39046 number and `*_name` fields are for display.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/catalog.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "catalog_json.h"
#include "catalog_load.h"
#include "cli.h"

/* Appends the words of the bits set in `bits`, joined by "、". */
static void bits_text(struct strbuf *sb, unsigned bits, const char *const *words, size_t n)
{
	int first = 1;

	for (size_t i = 0; i < n; i++) {
		if (!(bits & (1u << i)))
			continue;
		if (!first)
			sb_append(sb, "、");
		sb_append(sb, _(words[i]));
		first = 0;
	}
}

/* "20 工作日".  A legal limit of 0 means the law sets none; a promised
 * limit of 0 means the item is settled on the spot. */
static char *limit_text(char *buf, size_t bufsz, int value, enum limit_unit unit,
			int legal)
{
	if (value == 0)
		snprintf(buf, bufsz, "%s", legal ? _("未规定") : _("当场办结"));
	else
		snprintf(buf, bufsz, "%d %s", value, catalog_unit_name(unit));
	return buf;
}

/* ---- shared ------------------------------------------------------------- */

/* Opens the database and loads the current catalog.  Returns the version,
 * or -1 with the message printed (*exit_code set). */
static int view_load(struct cli *cli, struct catalog *cat, int *exit_code)
{
	struct store *st = cli_open_store(cli, 0);
	char err[YC_ERRSZ];
	int version = 0;

	*exit_code = EXIT_USAGE;
	if (!st)
		return -1;
	/* A catalog that cannot be read makes the database unusable (2); no
	 * catalog yet is an answer (1). */
	if (store_catalog_current(st, &version, err, sizeof err) != 0) {
		cli_error("%s", err);
		store_close(st);
		return -1;
	}
	if (version == 0) {
		*exit_code = EXIT_FAIL;
		cli_error(_("数据库 %s 中还没有事项目录；请先运行 yichuang catalog import 路径..."
			    " 导入（例如 forms/）"), store_path(st));
		store_close(st);
		return -1;
	}
	if (store_catalog_load(st, version, cat, err, sizeof err) != 0) {
		cli_error("%s", err);
		store_close(st);
		return -1;
	}
	store_close(st);
	*exit_code = EXIT_OK;
	return version;
}

/* Parses `[--json]` plus up to `maxpos` positional arguments.  Returns the
 * number of positionals, or -1 (message printed) on a bad argument. */
static int view_args(const char *cmd, int argc, char **argv, int *json,
		     char **pos, int maxpos)
{
	int n = 0, opts = 1;

	*json = 0;
	for (int i = 1; i < argc; i++) {
		if (opts && strcmp(argv[i], "--") == 0) {
			opts = 0;
		} else if (opts && strcmp(argv[i], "--json") == 0) {
			*json = 1;
		} else if (opts && argv[i][0] == '-' && argv[i][1] != '\0') {
			cli_error(_("catalog %s 不认识选项 “%s”"), cmd, argv[i]);
			return -1;
		} else if (n < maxpos) {
			pos[n++] = argv[i];
		} else {
			cli_error(_("catalog %s 多了参数 “%s”"), cmd, argv[i]);
			return -1;
		}
	}
	return n;
}

/* ---- import ------------------------------------------------------------- */

int catalog_cmd_import(struct cli *cli, int argc, char **argv)
{
	struct catalog cat;
	struct catalog_diags d;
	struct strbuf note;
	struct store *st;
	char err[YC_ERRSZ];
	char **paths;
	const char *user_note = NULL;
	int npaths, nerr, version = 0, first = 1;

	while (first < argc && argv[first][0] == '-') {
		if (strcmp(argv[first], "--") == 0) {
			first++;
			break;
		}
		if (strcmp(argv[first], "--help") == 0 || strcmp(argv[first], "-h") == 0) {
			printf("%s", _("用法: yichuang catalog import [--note 说明] 路径...\n"
				       "检查事项目录文件；没有错误时把它们导入为新的目录版本。\n"));
			return EXIT_OK;
		}
		if (strcmp(argv[first], "--note") == 0) {
			if (first + 1 >= argc || argv[first + 1][0] == '\0') {
				cli_error("%s", _("catalog import: --note 需要一段说明文字（例如 --note \"2026 年第 2 版\"）"));
				return EXIT_USAGE;
			}
			user_note = argv[first + 1];
			first += 2;
			continue;
		}
		cli_error(_("catalog import 不认识选项 “%s”"), argv[first]);
		return EXIT_USAGE;
	}
	npaths = argc - first;
	paths = argv + first;
	if (npaths <= 0) {
		cli_error(_("catalog import 需要至少一个文件或目录；用法: yichuang catalog import 路径..."));
		return EXIT_USAGE;
	}

	catalog_init(&cat);
	memset(&d, 0, sizeof d);
	nerr = catalog_load_paths(npaths, paths, &cat, &d);
	catalog_print_diags(stderr, &d);
	catalog_diags_free(&d);
	if (nerr > 0) {
		cli_error(_("事项目录有 %d 个错误，未导入任何内容；改正后再导入"
			    "（yichuang catalog check 可只做检查）"), nerr);
		catalog_free(&cat);
		return EXIT_FAIL;
	}
	if (cat.nitems == 0) {
		cli_error(_("没有找到任何事项（.item 文件），未导入"));
		catalog_free(&cat);
		return EXIT_FAIL;
	}

	st = cli_open_store(cli, 0);
	if (!st) {
		catalog_free(&cat);
		return EXIT_USAGE;
	}
	sb_init(&note);
	if (user_note) {
		sb_append(&note, user_note);
	} else {
		for (int i = 0; i < npaths; i++)
			sb_appendf(&note, "%s%s", i ? " " : "", paths[i]);
	}
	if (store_catalog_import(st, &cat, note.oom ? NULL : note.buf, &version,
				 err, sizeof err) != 0) {
		cli_error("%s", err);
		sb_free(&note);
		store_close(st);
		catalog_free(&cat);
		return EXIT_FAIL;
	}
	printf(_("已导入目录版本 %d：%zu 个事项，%zu 个一件事\n"), version, cat.nitems,
	       cat.nbundles);
	sb_free(&note);
	store_close(st);
	catalog_free(&cat);
	return EXIT_OK;
}

/* ---- list --------------------------------------------------------------- */

enum { LIST_COLS = 7 };

/* The text of column `col` of an item's row (NULL item: the header). */
static const char *list_cell(const struct catalog_item *it, int col, char *buf, size_t bufsz)
{
	static const char *const head[LIST_COLS] = {
		N_("编码"), N_("名称"), N_("实施主体"), N_("类型"), N_("办件类型"),
		N_("法定时限"), N_("承诺时限")
	};

	if (!it)
		return _(head[col]);
	switch (col) {
	case 0: return it->code;
	case 1: return it->name;
	case 2: return it->department;
	case 3: return catalog_type_name(it->type);
	case 4: return catalog_kind_name(it->kind);
	case 5: return limit_text(buf, bufsz, it->legal_limit, it->legal_unit, 1);
	default: return limit_text(buf, bufsz, it->promised_limit, it->promised_unit, 0);
	}
}

/* Items are listed by department, then code, so a department's items
 * stand together. */
static int by_department(const void *a, const void *b)
{
	const struct catalog_item *x = *(const struct catalog_item *const *)a;
	const struct catalog_item *y = *(const struct catalog_item *const *)b;
	int c = strcmp(x->department, y->department);

	return c ? c : strcmp(x->code, y->code);
}

static void list_items(const struct catalog *cat)
{
	int width[LIST_COLS] = { 0 };
	const struct catalog_item **order;
	char buf[64];

	order = calloc(cat->nitems + 1, sizeof *order);
	if (!order) {
		cli_error("%s", _("内存不足"));
		return;
	}
	for (size_t i = 0; i < cat->nitems; i++)
		order[i] = &cat->items[i];
	qsort(order, cat->nitems, sizeof *order, by_department);

	for (size_t r = 0; r <= cat->nitems; r++) {
		const struct catalog_item *it = r ? order[r - 1] : NULL;

		for (int c = 0; c < LIST_COLS; c++) {
			int w = utf8_width(list_cell(it, c, buf, sizeof buf));

			if (w > width[c])
				width[c] = w;
		}
	}
	for (size_t r = 0; r <= cat->nitems; r++) {
		const struct catalog_item *it = r ? order[r - 1] : NULL;

		for (int c = 0; c < LIST_COLS; c++) {
			const char *s = list_cell(it, c, buf, sizeof buf);

			if (c == LIST_COLS - 1) {
				fputs(s, stdout);
			} else {
				cli_put_padded(s, width[c]);
				fputs("  ", stdout);
			}
		}
		putchar('\n');
	}
	free(order);
}

static void list_bundles(const struct catalog *cat)
{
	const char *head[4] = { _("编码"), _("名称"), _("牵头部门"), _("承诺时限") };
	int width[4];
	char buf[64];

	for (int c = 0; c < 4; c++)
		width[c] = utf8_width(head[c]);
	for (size_t i = 0; i < cat->nbundles; i++) {
		const struct catalog_bundle *b = &cat->bundles[i];
		const char *cell[3] = { b->code, b->name, b->lead_department };

		for (int c = 0; c < 3; c++)
			if (utf8_width(cell[c]) > width[c])
				width[c] = utf8_width(cell[c]);
		limit_text(buf, sizeof buf, b->promised_limit, b->promised_unit, 0);
		if (utf8_width(buf) > width[3])
			width[3] = utf8_width(buf);
	}
	printf(_("\n一件事（%zu 个）\n"), cat->nbundles);
	for (int c = 0; c < 4; c++) {
		cli_put_padded(head[c], width[c]);
		fputs("  ", stdout);
	}
	printf("%s\n", _("包含事项"));
	for (size_t i = 0; i < cat->nbundles; i++) {
		const struct catalog_bundle *b = &cat->bundles[i];

		cli_put_padded(b->code, width[0]);
		fputs("  ", stdout);
		cli_put_padded(b->name, width[1]);
		fputs("  ", stdout);
		cli_put_padded(b->lead_department, width[2]);
		fputs("  ", stdout);
		cli_put_padded(limit_text(buf, sizeof buf, b->promised_limit, b->promised_unit, 0),
			   width[3]);
		fputs("  ", stdout);
		for (size_t k = 0; k < b->nitems; k++)
			printf("%s%s", k ? "、" : "", b->items[k]);
		putchar('\n');
	}
}

int catalog_cmd_list(struct cli *cli, int argc, char **argv)
{
	struct catalog cat;
	int json, version, code;

	if (view_args("list", argc, argv, &json, NULL, 0) < 0)
		return EXIT_USAGE;
	catalog_init(&cat);
	version = view_load(cli, &cat, &code);
	if (version < 0) {
		catalog_free(&cat);
		return code;
	}
	if (json) {
		code = EXIT_OK;
		if (catview_json_list(stdout, &cat) != 0) {
			cli_error(_("内存不足"));
			code = EXIT_FAIL;
		}
	} else {
		printf(_("目录版本 %d：%zu 个事项，%zu 个一件事\n\n"), version, cat.nitems,
		       cat.nbundles);
		list_items(&cat);
		if (cat.nbundles > 0)
			list_bundles(&cat);
		code = EXIT_OK;
	}
	catalog_free(&cat);
	return code;
}

/* ---- show --------------------------------------------------------------- */

/* Label/value lines with the values in one column; a value of several
 * lines continues under itself.  NULL values print as "—". */
struct kv {
	const char *label[48];
	char *value[48];
	size_t n;
};

static void kv_add(struct kv *kv, const char *label, const char *value)
{
	assert(kv->n < sizeof kv->label / sizeof kv->label[0]);
	kv->label[kv->n] = label;
	kv->value[kv->n] = yc_strdup(value ? value : "—");
	kv->n++;
}

static void kv_addf(struct kv *kv, const char *label, const char *fmt, ...) YC_PRINTF(3, 4);
static void kv_addf(struct kv *kv, const char *label, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	kv_add(kv, label, utf8_trim_partial(buf));
}

/* Prints and empties the list, indented by `indent` spaces. */
static void kv_print(struct kv *kv, int indent)
{
	int lw = 0;

	for (size_t i = 0; i < kv->n; i++)
		if (utf8_width(kv->label[i]) > lw)
			lw = utf8_width(kv->label[i]);
	for (size_t i = 0; i < kv->n; i++) {
		const char *v = kv->value[i] ? kv->value[i] : "?";

		printf("%*s", indent, "");
		cli_put_padded(kv->label[i], lw);
		fputs("  ", stdout);
		for (const char *p = v; *p; p++) {
			putchar(*p);
			if (*p == '\n')
				printf("%*s", indent + lw + 2, "");
		}
		putchar('\n');
		free(kv->value[i]);
	}
	kv->n = 0;
}

static const char *yes_no(int v)
{
	return v ? _("是") : _("否");
}

static void show_materials(const struct catalog_item *it)
{
	struct kv kv = { .n = 0 };
	struct strbuf sb;

	printf(_("\n申请材料（%zu 项）\n"), it->nmaterials);
	for (size_t i = 0; i < it->nmaterials; i++) {
		const struct catalog_material *m = &it->materials[i];

		printf("  %zu. %s [%s]\n", i + 1, m->name, m->id);
		kv_add(&kv, _("出具机构"), m->issuer);
		kv_addf(&kv, _("份数"), _("原件 %d 份，复印件 %d 份"), m->originals, m->copies);
		sb_init(&sb);
		bits_text(&sb, m->form, catview_form_words, 2);
		kv_add(&kv, _("形式"), sb.oom ? NULL : sb.buf);
		sb_free(&sb);
		if (m->need == NEED_DEFERRABLE)
			kv_addf(&kv, _("是否必备"), _("%s（受理后 %d 个工作日内补交）"),
				catalog_need_name(m->need), m->deferral_days);
		else
			kv_add(&kv, _("是否必备"), catalog_need_name(m->need));
		kv_add(&kv, _("来源"), catalog_source_name(m->source));
		kv_add(&kv, _("受理标准"), m->standard);
		kv_add(&kv, _("依据"), m->basis);
		kv_add(&kv, _("空白表格"), m->blank_form);
		kv_add(&kv, _("示例样表"), m->sample);
		kv_print(&kv, 5);
	}
}

static void show_fields(const struct catalog_item *it)
{
	struct kv kv = { .n = 0 };

	printf(_("\n表单字段（%zu 个）\n"), it->nfields);
	for (size_t i = 0; i < it->nfields; i++) {
		const struct catalog_field *f = &it->fields[i];
		struct strbuf sb;

		printf("  %zu. %s [%s]\n", i + 1, f->label, f->key);
		kv_add(&kv, _("类型"), catalog_field_type_name(f->type));
		kv_add(&kv, _("必填"), yes_no(f->required));
		if (f->nchoices) {
			sb_init(&sb);
			for (size_t k = 0; k < f->nchoices; k++)
				sb_appendf(&sb, "%s%s", k ? " | " : "", f->choices[k]);
			kv_add(&kv, _("选项"), sb.oom ? NULL : sb.buf);
			sb_free(&sb);
		}
		if (f->min_len || f->max_len)
			kv_addf(&kv, _("长度"), _("%d 到 %d 个字符（0 为不限）"), f->min_len,
				f->max_len);
		if (f->has_min)
			kv_addf(&kv, _("最小值"), "%g", f->min);
		if (f->has_max)
			kv_addf(&kv, _("最大值"), "%g", f->max);
		kv_add(&kv, _("填写说明"), f->help);
		kv_print(&kv, 5);
	}
}

static void show_situations(const struct catalog_item *it)
{
	struct kv kv = { .n = 0 };

	printf(_("\n情形（%zu 个）\n"), it->nsituations);
	for (size_t i = 0; i < it->nsituations; i++) {
		const struct catalog_situation *s = &it->situations[i];
		struct strbuf sb;

		printf("  %zu. %s [%s]\n", i + 1, s->label, s->id);
		sb_init(&sb);
		for (size_t k = 0; k < s->nenables; k++)
			sb_appendf(&sb, "%s%s", k ? "、" : "", s->enables[k]);
		kv_add(&kv, _("需要材料"), s->nenables && !sb.oom ? sb.buf : NULL);
		sb_free(&sb);
		sb_init(&sb);
		for (size_t k = 0; k < s->ndisables; k++)
			sb_appendf(&sb, "%s%s", k ? "、" : "", s->disables[k]);
		kv_add(&kv, _("免交材料"), s->ndisables && !sb.oom ? sb.buf : NULL);
		sb_free(&sb);
		kv_print(&kv, 5);
	}
}

static void show_item(const struct catalog_item *it, int version)
{
	struct kv kv = { .n = 0 };
	struct strbuf sb;
	char buf[64];

	printf(_("事项 %s（目录版本 %d）\n"), it->code, version);
	kv_add(&kv, _("事项名称"), it->name);
	kv_add(&kv, _("简称"), it->short_name);
	kv_add(&kv, _("基本编码"), it->basic_code);
	kv_add(&kv, _("拼音检索"), it->pinyin);
	kv_addf(&kv, _("事项类型"), "%s（%d）", catalog_type_name(it->type), (int)it->type);
	kv_add(&kv, _("行使层级"), _(catview_level_word(it->level)));
	kv_add(&kv, _("实施主体"), it->department);
	kv_add(&kv, _("主体代码"), it->dept_code);
	kv_add(&kv, _("法定办结时限"), limit_text(buf, sizeof buf, it->legal_limit, it->legal_unit, 1));
	kv_add(&kv, _("承诺办结时限"),
	       limit_text(buf, sizeof buf, it->promised_limit, it->promised_unit, 0));
	kv_add(&kv, _("办件类型"), catalog_kind_name(it->kind));
	kv_add(&kv, _("是否收费"), it->fee ? _("收费") : _("不收费"));
	if (it->fee || it->fee_desc)
		kv_add(&kv, _("收费标准"), it->fee_desc);
	if (it->fee || it->fee_basis)
		kv_add(&kv, _("收费依据"), it->fee_basis);
	sb_init(&sb);
	bits_text(&sb, it->targets, catview_target_words, 6);
	kv_add(&kv, _("服务对象"), sb.oom ? NULL : sb.buf);
	sb_free(&sb);
	sb_init(&sb);
	bits_text(&sb, it->channels, catview_channel_words, 4);
	kv_add(&kv, _("办理形式"), sb.oom ? NULL : sb.buf);
	sb_free(&sb);
	kv_add(&kv, _("支持预约"), yes_no(it->appointment));
	kv_add(&kv, _("网上支付"), yes_no(it->online_pay));
	kv_add(&kv, _("物流快递"), yes_no(it->express));
	kv_add(&kv, _("网上办理"), yes_no(it->online));
	kv_addf(&kv, _("到现场次数"), "%d", it->visits);
	kv_addf(&kv, _("网办深度"), "%d", it->online_depth);
	kv_add(&kv, _("结果名称"), it->result);
	kv_add(&kv, _("受理条件"), it->conditions);
	kv_add(&kv, _("设定依据"), it->legal_basis);
	kv_add(&kv, _("办理地点"), it->place);
	kv_add(&kv, _("办理时间"), it->hours);
	kv_add(&kv, _("咨询电话"), it->phone);
	kv_add(&kv, _("事项版本"), it->version);
	if (it->file)
		kv_addf(&kv, _("来源文件"), "%s:%d", it->file, it->line);
	kv_print(&kv, 2);
	show_fields(it);
	show_materials(it);
	show_situations(it);
}

static void show_bundle(const struct catalog *cat, const struct catalog_bundle *b, int version)
{
	struct kv kv = { .n = 0 };
	char buf[64];
	int cw = 0, nw = 0;

	printf(_("一件事 %s（目录版本 %d）\n"), b->code, version);
	kv_add(&kv, _("名称"), b->name);
	kv_add(&kv, _("牵头部门"), b->lead_department);
	kv_add(&kv, _("承诺办结时限"),
	       limit_text(buf, sizeof buf, b->promised_limit, b->promised_unit, 0));
	kv_add(&kv, _("说明"), b->description);
	if (b->file)
		kv_addf(&kv, _("来源文件"), "%s:%d", b->file, b->line);
	kv_print(&kv, 2);
	printf(_("\n包含事项（%zu 个）\n"), b->nitems);
	for (size_t i = 0; i < b->nitems; i++) {
		const struct catalog_item *it = catalog_find_item(cat, b->items[i]);
		int w = utf8_width(b->items[i]);

		if (w > cw)
			cw = w;
		w = it ? utf8_width(it->name) : 1;
		if (w > nw)
			nw = w;
	}
	for (size_t i = 0; i < b->nitems; i++) {
		const struct catalog_item *it = catalog_find_item(cat, b->items[i]);

		printf("  %zu. ", i + 1);
		cli_put_padded(b->items[i], cw);
		fputs("  ", stdout);
		cli_put_padded(it ? it->name : "?", nw);
		printf("  %s\n", it ? it->department : "?");
	}
}

int catalog_cmd_show(struct cli *cli, int argc, char **argv)
{
	struct catalog cat;
	const struct catalog_item *it;
	const struct catalog_bundle *b;
	char *code = NULL;
	int json, version, rc, n;

	n = view_args("show", argc, argv, &json, &code, 1);
	if (n < 0)
		return EXIT_USAGE;
	if (n == 0) {
		cli_error(_("catalog show 需要事项或一件事的编码；用法: yichuang catalog show 编码 [--json]"));
		return EXIT_USAGE;
	}
	catalog_init(&cat);
	version = view_load(cli, &cat, &rc);
	if (version < 0) {
		catalog_free(&cat);
		return rc;
	}
	it = catalog_find_item(&cat, code);
	b = it ? NULL : catalog_find_bundle(&cat, code);
	if (!it && !b) {
		cli_error(_("目录版本 %d 中没有编码为 “%s” 的事项或一件事；"
			    "用 yichuang catalog list 查看全部编码"), version, code);
		catalog_free(&cat);
		return EXIT_FAIL;
	}
	if (json) {
		rc = EXIT_OK;
		if ((it ? catview_json_item(stdout, it, version) : catview_json_bundle(stdout, b)) != 0) {
			cli_error(_("内存不足"));
			rc = EXIT_FAIL;
		}
	} else {
		if (it)
			show_item(it, version);
		else
			show_bundle(&cat, b, version);
		rc = EXIT_OK;
	}
	catalog_free(&cat);
	return rc;
}
