/*
 * cmd_print.c — `yichuang print`: a document of a case, or the 一次性告知单
 * of an item, as an A4 PDF to a file or to the printer (CUPS `lp`).
 *
 *   print --list                                       the kinds of documents
 *   print KIND CASE-NUMBER [--out FILE.pdf] [--printer NAME]
 *   print onetime-notice --item ITEM-CODE [--out FILE.pdf] [--printer NAME]
 *
 * Printing or writing a case's document records a document_issued event
 * on the case (a reprint when one of that kind was issued before); when
 * the printer fails nothing is recorded and the exit status is 1, so the
 * document can simply be printed again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "yichuang/date.h"
#include "yichuang/document.h"
#include "yichuang/print.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "cli.h"

static void print_usage(FILE *out)
{
	fprintf(out, "%s", _("用法: yichuang [--db 路径] print 文书种类 办件编号 [--out 文件.pdf] [--printer 打印机]\n"
			     "       yichuang [--db 路径] print onetime-notice --item 事项编码 [--out 文件.pdf] [--printer 打印机]\n"
			     "       yichuang print --list\n"));
}

static void print_list(void)
{
	int w = 0;

	for (int k = 0; k < DOC_KIND_COUNT; k++)
		if (utf8_width(doc_kind_name((enum doc_kind)k)) > w)
			w = utf8_width(doc_kind_name((enum doc_kind)k));
	for (int k = 0; k < DOC_KIND_COUNT; k++) {
		cli_put_padded(doc_kind_name((enum doc_kind)k), w + 2);
		printf("%s\n", doc_kind_title((enum doc_kind)k));
	}
}

/* The one who records the issue: the login name of the shell user. */
static const char *print_actor(void)
{
	const char *u = getenv("LOGNAME");

	if (!u || !*u)
		u = getenv("USER");
	return u && *u ? u : "yichuang";
}

/* The options of one run. */
struct print_args {
	const char *kind_name;
	const char *ref;
	const char *item;
	const char *out;
	const char *printer;
};

/* Reads the arguments; EXIT_OK or EXIT_USAGE (message printed); sets
 * *list for --list. */
static int print_parse(int argc, char **argv, struct print_args *a, int *list)
{
	memset(a, 0, sizeof *a);
	*list = 0;
	for (int i = 1; i < argc; i++) {
		const char *val = NULL, *opt = NULL;

		if (strcmp(argv[i], "--list") == 0) {
			*list = 1;
		} else if (cli_option(argc, argv, &i, "--item", &val)) {
			a->item = val;
			opt = "--item";
		} else if (cli_option(argc, argv, &i, "--out", &val)) {
			a->out = val;
			opt = "--out";
		} else if (cli_option(argc, argv, &i, "--printer", &val)) {
			a->printer = val;
			opt = "--printer";
		} else if (argv[i][0] == '-' && argv[i][1]) {
			cli_error(_("print 不认识选项“%s”"), argv[i]);
			print_usage(stderr);
			return EXIT_USAGE;
		} else if (!a->kind_name) {
			a->kind_name = argv[i];
		} else if (!a->ref) {
			a->ref = argv[i];
		} else {
			cli_error(_("print 多余的参数“%s”"), argv[i]);
			print_usage(stderr);
			return EXIT_USAGE;
		}
		if (opt && (!val || !*val)) {
			cli_error(_("选项 %s 需要一个值"), opt);
			return EXIT_USAGE;
		}
	}
	return EXIT_OK;
}

/* Builds the 一次性告知单 of item `code` from the current catalog. */
static int print_build_item(struct store *st, const char *code, const struct doc_settings *s,
			    int day, struct document *d)
{
	struct catalog cat;
	const struct catalog_item *it;
	char err[YC_ERRSZ];
	int rc;

	catalog_init(&cat);
	if (store_catalog_load(st, 0, &cat, err, sizeof err) != 0) {
		cli_error("%s", err);
		catalog_free(&cat);
		return EXIT_FAIL;
	}
	it = catalog_find_item(&cat, code);
	if (!it) {
		cli_error(_("事项目录里没有编码为“%s”的事项（用 yichuang catalog list 查看事项编码）"),
			  code);
		catalog_free(&cat);
		return EXIT_FAIL;
	}
	rc = doc_build_item(d, it, s, day, err, sizeof err);
	catalog_free(&cat);
	if (rc != 0) {
		cli_error("%s", err);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* Renders d to the file or the printer.  EXIT_OK or EXIT_FAIL (message
 * printed). */
static int print_output(const struct document *d, const struct print_args *a,
			const struct print_settings *ps)
{
	struct print_result res = { 0 };
	char err[YC_ERRSZ];

	if (a->out) {
		if (print_pdf_write(d, a->out, &res, err, sizeof err) != 0) {
			cli_error("%s", err);
			return EXIT_FAIL;
		}
		printf(_("已生成%s：%s（%d 页）\n"), d->title, a->out, res.pages);
	} else {
		unsigned char *pdf;
		size_t len;
		int rc;

		if (print_pdf_render(d, &pdf, &len, &res, err, sizeof err) != 0) {
			cli_error("%s", err);
			return EXIT_FAIL;
		}
		rc = print_lp(pdf, len, ps->s.lp_command, a->printer, err, sizeof err);
		free(pdf);
		if (rc != 0) {
			cli_error("%s", err);
			return EXIT_FAIL;
		}
		printf(_("已送打印机%s%s：%s（%d 页）\n"), a->printer ? " " : "",
		       a->printer ? a->printer : "", d->title, res.pages);
	}
	if (res.unknown_glyphs > 0)
		cli_warn(_("文书中有 %d 个字符在已安装的字体中没有字形，打印出来是方框；"
			   "请安装 fonts-noto-cjk-extra 或核对文字"), res.unknown_glyphs);
	return EXIT_OK;
}

int cmd_print(struct cli *cli, int argc, char **argv)
{
	struct print_args a;
	struct print_settings ps;
	struct case_record c;
	struct document d;
	struct calendar *cal = NULL;
	struct store *st;
	char err[YC_ERRSZ];
	int list, kind, rc, day = date_today();

	rc = print_parse(argc, argv, &a, &list);
	if (rc != EXIT_OK)
		return rc;
	if (list) {
		if (a.kind_name || a.item || a.out || a.printer) {
			cli_error("%s", _("--list 不能和其他参数一起用"));
			return EXIT_USAGE;
		}
		print_list();
		return EXIT_OK;
	}
	if (!a.kind_name) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	kind = doc_kind_from_name(a.kind_name);
	if (kind < 0) {
		cli_error(_("没有“%s”这种文书；可用的种类见 yichuang print --list"), a.kind_name);
		return EXIT_USAGE;
	}
	if (a.item && (kind != DOC_ONETIME || a.ref)) {
		cli_error("%s", _("--item 只用于 onetime-notice（一次性告知单），且不能同时给办件编号"));
		return EXIT_USAGE;
	}
	if (!a.item && !a.ref) {
		cli_error(_("请给出办件编号%s"),
			  kind == DOC_ONETIME ? _("，或用 --item 事项编码 打印事项的一次性告知单") : "");
		print_usage(stderr);
		return EXIT_USAGE;
	}
	st = cli_open_store(cli, 0);
	if (!st)
		return EXIT_USAGE;
	print_settings_load(st, &ps);
	if (a.item) {
		rc = print_build_item(st, a.item, &ps.s, day, &d);
		if (rc == EXIT_OK) {
			rc = print_output(&d, &a, &ps);
			doc_free(&d);
		}
		store_close(st);
		return rc;
	}
	cal = cli_load_calendar(cli);
	if (!cal) {
		store_close(st);
		return EXIT_USAGE;
	}
	if (print_build_case(st, cal, a.ref, (enum doc_kind)kind, &ps.s, day, &c, &d,
			     err, sizeof err) != 0) {
		cli_error("%s", err);
		calendar_free(cal);
		store_close(st);
		return EXIT_FAIL;
	}
	if (!d.qr_text)
		cli_warn("%s", _("未设置进度查询地址（终端设置 doc.progress_url，如 "
				 "https://zwfw.example.gov.cn/progress/%s）：文书上没有二维码"));
	rc = print_output(&d, &a, &ps);
	if (rc == EXIT_OK) {
		int reprint = print_issued_before(&c, d.kind);

		if (print_record_issue(st, cal, &c, &d, a.out == NULL, a.printer, print_actor(), day,
				       err, sizeof err) != 0) {
			cli_error(_("文书已生成，但未能记入办件的办理过程：%s"), err);
			rc = EXIT_FAIL;
		} else {
			printf(_("已记入办件 %s 的办理过程（%s）\n"), c.number,
			       reprint ? _("重打") : _("出具"));
		}
	}
	doc_free(&d);
	case_record_free(&c);
	calendar_free(cal);
	store_close(st);
	return rc;
}
