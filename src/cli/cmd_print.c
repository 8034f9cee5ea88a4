/*
 * cmd_print.c — `yichuang print`: a document of a case, a hand-over
 * register, or the 一次性告知单 of an item or a 一件事 bundle, as an A4 PDF
 * to a file or to the printer (CUPS `lp`).
 *
 *   print --list                                        the kinds of documents
 *   print KIND CASE-NUMBER [--out FILE.pdf | --printer NAME] [--user NAME]
 *   print handover|result-handover REGISTER-NUMBER [...]
 *   print onetime-notice --item ITEM-OR-BUNDLE-CODE [--out FILE.pdf | --printer NAME]
 *
 * Printing or writing a case's document records a document_issued event
 * on the case (a reprint when one of that kind was issued before), by
 * the yichuang user of --user, else by the login name of the shell; a
 * register's document is recorded on every case in it.  When the printer
 * fails nothing is recorded and the exit status is 1, so the document can
 * simply be printed again.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yichuang/backoffice.h"
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
	fprintf(out, "%s", _("用法: yichuang [--db 路径] print 文书种类 办件编号 [--out 文件.pdf | --printer 打印机] [--user 用户]\n"
			     "       yichuang [--db 路径] print handover|result-handover 交接单编号 [--out 文件.pdf | --printer 打印机] [--user 用户]\n"
			     "       yichuang [--db 路径] print onetime-notice --item 事项或一件事编码 [--out 文件.pdf | --printer 打印机]\n"
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

/* The login name of the shell user: who records the issue without --user. */
static const char *print_login_name(void)
{
	const char *u = getenv("LOGNAME");

	if (!u || !*u)
		u = getenv("USER");
	if (!u || !*u) {
		/* a service or container without a login environment */
		const struct passwd *pw = getpwuid(getuid());

		u = pw ? pw->pw_name : NULL;
	}
	return u && *u ? u : "yichuang";
}

/* The options of one run. */
struct print_args {
	const char *kind_name;
	const char *ref;
	const char *item;
	const char *out;
	const char *printer;
	const char *user;
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
		} else if (cli_option(argc, argv, &i, "--user", &val)) {
			a->user = val;
			opt = "--user";
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
	if (a->out && a->printer) {
		cli_error("%s", _("--out 和 --printer 不能同时用：--out 写入 PDF 文件，不打印；"
				  "要打印到指定打印机请去掉 --out"));
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* Builds the 一次性告知单 of item or bundle `code` from the current
 * catalog. */
static int print_build_item(struct store *st, const char *code, const struct doc_settings *s,
			    int day, struct document *d)
{
	struct catalog cat;
	const struct catalog_item *it;
	const struct catalog_bundle *b;
	char err[YC_ERRSZ];
	int rc;

	catalog_init(&cat);
	if (store_catalog_load(st, 0, &cat, err, sizeof err) != 0) {
		cli_error("%s", err);
		catalog_free(&cat);
		return EXIT_FAIL;
	}
	it = catalog_find_item(&cat, code);
	b = it ? NULL : catalog_find_bundle(&cat, code);
	if (!it && !b) {
		cli_error(_("事项目录里没有编码为“%s”的事项或一件事（用 yichuang catalog list 查看编码）"),
			  code);
		catalog_free(&cat);
		return EXIT_FAIL;
	}
	rc = it ? doc_build_item(d, it, s, day, err, sizeof err)
		: doc_build_bundle(d, &cat, b, s, day, err, sizeof err);
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
		char title[256];
		int rc;

		if (print_pdf_render(d, &pdf, &len, &res, err, sizeof err) != 0) {
			cli_error("%s", err);
			return EXIT_FAIL;
		}
		rc = print_lp(pdf, len, ps->s.lp_command, a->printer,
			      print_job_title(d, title, sizeof title), err, sizeof err);
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

/* Says which settings the document lacks, and how to set them. */
static void print_warn_defaults(const struct print_settings *ps, const struct document *d,
				int case_document)
{
	if (!ps->centre[0])
		cli_warn("%s", _("未设置中心名称：文书上的中心和印章是“政务服务中心”；"
				 "请用 yichuang setting set doc.centre 中心全称 设置"
				 "（印章另可用 doc.seal 设置）"));
	if (case_document && !d->qr_text)
		cli_warn("%s", _("未设置进度查询地址：文书上没有二维码；请用 yichuang setting set "
				 "doc.progress_url https://zwfw.example.gov.cn/progress/%s 设置"
				 "（%s 代表办件编号）"));
}

/* Records the issue of d on case ref (number or id).  0 or -1 (printed). */
static int print_record(struct store *st, const struct calendar *cal, const char *ref,
			const struct document *d, const struct print_args *a, const char *actor,
			int day)
{
	struct case_record c;
	char err[YC_ERRSZ];
	int reprint, rc = case_load(st, cal, ref, &c, err, sizeof err);

	if (rc != 1) {
		cli_error(_("文书已生成，但未能记入办件 %s 的办理过程：%s"), ref,
			  rc == 0 ? _("没有这个办件") : err);
		return -1;
	}
	reprint = print_issued_before(&c, d->kind);
	rc = print_record_issue(st, cal, &c, d, a->out == NULL, a->printer, actor, day,
				err, sizeof err);
	if (rc != 0)
		cli_error(_("文书已生成，但未能记入办件 %s 的办理过程：%s"), c.number, err);
	else
		printf(_("已记入办件 %s 的办理过程（%s）\n"), c.number, reprint ? _("重打") : _("出具"));
	case_record_free(&c);
	return rc;
}

/* print KIND REF for a case or a register. */
static int print_case(struct store *st, const struct print_args *a, enum doc_kind kind,
		      const struct print_settings *ps, const char *actor, int day,
		      struct cli *cli)
{
	struct calendar *cal = cli_load_calendar(cli);
	struct register_info r;
	struct case_record c;
	struct document d;
	char err[YC_ERRSZ], number[REGISTER_NUMBER_MAX];
	const char *regno = NULL;
	int rc, is_register = 0;

	if (!cal)
		return EXIT_USAGE;
	memset(&r, 0, sizeof r);
	if (print_is_register_number(a->ref)) {
		if (kind != DOC_HANDOVER && kind != DOC_RESULT_HANDOVER) {
			cli_error(_("“%s”是交接单编号：只能打印 handover 或 result-handover"), a->ref);
			calendar_free(cal);
			return EXIT_USAGE;
		}
		regno = a->ref;
	} else if ((kind == DOC_HANDOVER || kind == DOC_RESULT_HANDOVER) &&
		   register_find_for_case(st, a->ref, kind == DOC_HANDOVER ? REGISTER_MATERIALS
					  : REGISTER_RESULTS, number, err, sizeof err) == 1) {
		/* a case number: the register it was last handed over in */
		regno = number;
	}
	if (regno) {
		rc = print_build_register(st, cal, regno, kind, &ps->s, day, &r, &d, err, sizeof err);
		is_register = 1;
	} else {
		rc = print_build_case(st, cal, a->ref, kind, &ps->s, day, &c, &d, err, sizeof err);
	}
	if (rc != 0) {
		cli_error("%s", err);
		calendar_free(cal);
		return EXIT_FAIL;
	}
	print_warn_defaults(ps, &d, kind != DOC_HANDOVER && kind != DOC_RESULT_HANDOVER);
	rc = print_output(&d, a, ps);
	if (rc == EXIT_OK && is_register) {
		/* the register's paper is an issue on every case in it */
		for (size_t i = 0; i < r.ncases; i++)
			if (print_record(st, cal, r.cases[i].number, &d, a, actor, day) != 0)
				rc = EXIT_FAIL;
	} else if (rc == EXIT_OK) {
		if (print_record(st, cal, c.id, &d, a, actor, day) != 0)
			rc = EXIT_FAIL;
	}
	doc_free(&d);
	if (is_register)
		register_info_free(&r);
	else
		case_record_free(&c);
	calendar_free(cal);
	return rc;
}

int cmd_print(struct cli *cli, int argc, char **argv)
{
	struct print_args a;
	struct print_settings ps;
	struct document d;
	struct store *st;
	const char *actor;
	char err[YC_ERRSZ];
	int list, kind, rc, day = date_today();

	rc = print_parse(argc, argv, &a, &list);
	if (rc != EXIT_OK)
		return rc;
	if (list) {
		if (a.kind_name || a.item || a.out || a.printer || a.user) {
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
			  kind == DOC_ONETIME ? _("，或用 --item 事项编码 打印事项的一次性告知单")
			  : kind == DOC_HANDOVER || kind == DOC_RESULT_HANDOVER ? _("或交接单编号") : "");
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
			print_warn_defaults(&ps, &d, 0);
			rc = print_output(&d, &a, &ps);
			doc_free(&d);
		}
		store_close(st);
		return rc;
	}
	actor = print_login_name();
	if (a.user) {
		struct user_info u;

		/* the issue is recorded under a yichuang user, who must exist */
		if (backoffice_user(st, a.user, &u, err, sizeof err) != 0) {
			cli_error("%s", err);
			store_close(st);
			return EXIT_FAIL;
		}
		actor = a.user;
	}
	rc = print_case(st, &a, (enum doc_kind)kind, &ps, actor, day, cli);
	store_close(st);
	return rc;
}
