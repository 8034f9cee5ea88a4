/*
 * cmd_handover.c — `yichuang handover`: hand-over registers (交接单).
 *
 *   handover create --dept DEPT --user NAME [--kind materials|results] CASE...
 *   handover list [--kind K] [--dept DEPT] [--json]
 *   handover show NUMBER [--json]
 *   handover sign NUMBER --as sender|receiver --user NAME
 *                 [--missing CASE:MATERIAL[:NOTE]]...     password on stdin
 *
 * A materials register (材料交接单) is made and sent by a clerk and
 * received by an approver of the department; a results register
 * (办理结果交接单) is made and sent by the department's approver and
 * received by the issuing window.  The receiver's signature writes every
 * case's hand-over events (backoffice.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/backoffice.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "cli.h"
#include "cli_backoffice.h"

#define HANDOVER_MAX_ARGS 256

static void handover_usage(FILE *out)
{
	fprintf(out, "%s", _("用法: yichuang [--db 路径] handover create --dept 部门 --user 用户 [--kind materials|results] 办件编号...\n"
			     "       yichuang [--db 路径] handover list [--kind materials|results] [--dept 部门] [--json]\n"
			     "       yichuang [--db 路径] handover show 交接单编号 [--json]\n"
			     "       yichuang [--db 路径] handover sign 交接单编号 --as sender|receiver --user 用户\n"
			     "                [--missing 办件编号:材料编号[:说明]]...   （密码从标准输入读一行）\n"));
}

/* Opens calendar and store; -1 with the message printed. */
static int handover_open(struct cli *cli, struct store **st, struct calendar **cal)
{
	*cal = cli_load_calendar(cli);
	if (!*cal)
		return -1;
	*st = cli_open_store(cli, 0);
	if (!*st) {
		calendar_free(*cal);
		return -1;
	}
	return 0;
}

static int handover_kind_arg(const char *v, int *kind)
{
	*kind = register_kind_from_name(v);
	if (*kind < 0) {
		cli_error(_("交接单种类“%s”无效：应为 materials（材料交接单）或 results（办理结果交接单）"),
			  v ? v : "");
		return -1;
	}
	return 0;
}

static int handover_create(struct cli *cli, int argc, char **argv)
{
	const char *dept = NULL, *user = NULL, *refs[HANDOVER_MAX_ARGS];
	struct calendar *cal;
	struct store *st;
	char err[YC_ERRSZ], number[REGISTER_NUMBER_MAX];
	size_t n = 0;
	int kind = REGISTER_MATERIALS, rc;

	for (int i = 1; i < argc; i++) {
		const char *v = NULL;

		const char **slot = NULL;
		const char *kind_text = NULL;

		if (cli_option(argc, argv, &i, "--dept", &v))
			slot = &dept;
		else if (cli_option(argc, argv, &i, "--user", &v))
			slot = &user;
		else if (cli_option(argc, argv, &i, "--kind", &v))
			slot = &kind_text;
		if (slot) {
			if (!v || !*v) {
				cli_error(_("handover create 的选项 --dept、--user、--kind 需要一个值"));
				return EXIT_USAGE;
			}
			*slot = v;
			if (kind_text && handover_kind_arg(kind_text, &kind) != 0)
				return EXIT_USAGE;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			cli_error(_("handover create 不认识选项 “%s”"), argv[i]);
			return EXIT_USAGE;
		} else if (n < HANDOVER_MAX_ARGS) {
			refs[n++] = argv[i];
		} else {
			cli_error(_("一张交接单最多列 %d 个办件"), HANDOVER_MAX_ARGS);
			return EXIT_USAGE;
		}
	}
	if (!dept || !user || n == 0) {
		cli_error(_("handover create 需要 --dept 部门、--user 用户和至少一个办件编号"));
		handover_usage(stderr);
		return EXIT_USAGE;
	}
	if (handover_open(cli, &st, &cal) != 0)
		return EXIT_USAGE;
	rc = register_create(st, cal, (enum register_kind)kind, dept, refs, n, user, date_today(),
			     number, err, sizeof err);
	if (rc != 0)
		cli_error("%s", err);
	else
		printf(_("%s %s：%zu 个办件，待移交方签名\n"),
		       register_kind_label((enum register_kind)kind), number, n);
	store_close(st);
	calendar_free(cal);
	return rc ? EXIT_FAIL : EXIT_OK;
}

static int handover_list(struct cli *cli, int argc, char **argv)
{
	const char *dept = NULL;
	struct register_summary *v = NULL;
	struct store *st;
	char err[YC_ERRSZ], d[16];
	size_t n = 0;
	int kind = 0, json = 0;

	for (int i = 1; i < argc; i++) {
		const char *val = NULL;

		if (strcmp(argv[i], "--json") == 0) {
			json = 1;
		} else if (cli_option(argc, argv, &i, "--kind", &val)) {
			if (handover_kind_arg(val, &kind) != 0)
				return EXIT_USAGE;
		} else if (cli_option(argc, argv, &i, "--dept", &val)) {
			if (!val || !*val) {
				cli_error(_("--dept 需要部门名称"));
				return EXIT_USAGE;
			}
			dept = val;
		} else {
			cli_error(_("handover list 不认识参数 “%s”"), argv[i]);
			return EXIT_USAGE;
		}
	}
	st = cli_open_store(cli, 0);
	if (!st)
		return EXIT_USAGE;
	if (register_list(st, kind, dept, &v, &n, err, sizeof err) != 0) {
		cli_error("%s", err);
		store_close(st);
		return EXIT_FAIL;
	}
	store_close(st);
	if (json) {
		cJSON *a = cJSON_CreateArray();
		char *text;

		for (size_t i = 0; a && i < n; i++) {
			cJSON *o = cJSON_CreateObject();

			if (!o || !cJSON_AddItemToArray(a, o)) {
				cJSON_Delete(o);
				break;
			}
			cJSON_AddStringToObject(o, "number", v[i].number);
			cJSON_AddStringToObject(o, "kind", register_kind_name(v[i].kind));
			cJSON_AddStringToObject(o, "state", register_state_name(v[i].state));
			cJSON_AddStringToObject(o, "department", v[i].department);
			cJSON_AddStringToObject(o, "day", date_format(v[i].day, d, sizeof d));
			cJSON_AddNumberToObject(o, "cases", v[i].ncases);
			if (v[i].sender)
				cJSON_AddStringToObject(o, "sender", v[i].sender);
			if (v[i].receiver)
				cJSON_AddStringToObject(o, "receiver", v[i].receiver);
		}
		text = a ? cJSON_Print(a) : NULL;
		cJSON_Delete(a);
		if (text)
			printf("%s\n", text);
		free(text);
	} else if (n == 0) {
		printf("%s\n", _("没有交接单"));
	} else {
		for (size_t i = 0; i < n; i++) {
			cli_put_padded(v[i].number, 30);
			cli_put_padded(register_kind_label(v[i].kind), 16);
			cli_put_padded(register_state_label(v[i].state), 14);
			printf(_("%s  %d 件  %s\n"), date_format(v[i].day, d, sizeof d), v[i].ncases,
			       v[i].department);
		}
	}
	register_summaries_free(v, n);
	return EXIT_OK;
}

static void handover_show_text(const struct register_info *r)
{
	char d[16];

	printf(_("%s %s\n"), register_kind_label(r->kind), r->number);
	printf(_("部门：%s\n"), r->department);
	printf(_("制作：%s  %s（%s）\n"), date_format(r->day, d, sizeof d), r->created_by,
	       r->created_at);
	printf(_("状态：%s\n"), register_state_label(r->state));
	printf(_("移交方签名：%s  %s\n"), r->sender ? r->sender : _("（未签）"),
	       r->sent_at ? r->sent_at : "");
	printf(_("接收方签名：%s  %s\n"), r->receiver ? r->receiver : _("（未签）"),
	       r->received_at ? r->received_at : "");
	for (size_t i = 0; i < r->ncases; i++) {
		const struct register_case *c = &r->cases[i];

		printf("%2zu. %s  %s  %s%s\n", i + 1, c->number, c->applicant_name, c->item_name,
		       c->applied ? _("  [已交接]") : "");
		for (size_t k = 0; k < c->nmaterials; k++) {
			const struct register_material *m = &c->materials[k];

			printf("      %s  ", m->id);
			cli_put_padded(m->name, 36);
			if (strcmp(m->form, "paper") == 0)
				printf(_("  纸质 原件 %d 份，复印件 %d 份\n"), m->originals, m->copies);
			else if (strcmp(m->form, "electronic") == 0)
				printf("%s\n", _("  电子材料"));
			else if (strcmp(m->form, "fetched") == 0)
				printf("%s\n", _("  共享调取"));
			else if (strcmp(m->form, "result") == 0)
				printf("%s\n", _("  办理结果"));
			else
				printf("%s\n", _("  容缺后补"));
		}
	}
	if (r->ndiscrepancies)
		printf("%s\n", _("交接差异："));
	for (size_t i = 0; i < r->ndiscrepancies; i++)
		printf(_("  %s  %s（%s 登记于 %s）\n"), r->discrepancies[i].case_number,
		       r->discrepancies[i].text, r->discrepancies[i].recorded_by,
		       r->discrepancies[i].recorded_at);
}

static int handover_show_json(const struct register_info *r)
{
	cJSON *root = cJSON_CreateObject(), *a, *o, *m;
	char d[16], *text;

#define STR_OR_NULL(obj, k, v) ((v) ? (void)cJSON_AddStringToObject(obj, k, v) \
				    : (void)cJSON_AddNullToObject(obj, k))
	if (!root) {
		cli_error(_("内存不足"));
		return EXIT_FAIL;
	}
	cJSON_AddStringToObject(root, "number", r->number);
	cJSON_AddStringToObject(root, "kind", register_kind_name(r->kind));
	cJSON_AddStringToObject(root, "state", register_state_name(r->state));
	cJSON_AddStringToObject(root, "department", r->department);
	cJSON_AddStringToObject(root, "day", date_format(r->day, d, sizeof d));
	cJSON_AddStringToObject(root, "created_by", r->created_by);
	STR_OR_NULL(root, "sender", r->sender);
	STR_OR_NULL(root, "sent_at", r->sent_at);
	STR_OR_NULL(root, "receiver", r->receiver);
	STR_OR_NULL(root, "received_at", r->received_at);
	STR_OR_NULL(root, "received_on", r->received_on ? date_format(r->received_on, d, sizeof d)
		    : NULL);
	a = cJSON_AddArrayToObject(root, "cases");
	for (size_t i = 0; a && i < r->ncases; i++) {
		const struct register_case *c = &r->cases[i];

		o = cJSON_CreateObject();
		if (!o || !cJSON_AddItemToArray(a, o)) {
			cJSON_Delete(o);
			break;
		}
		cJSON_AddStringToObject(o, "number", c->number);
		cJSON_AddStringToObject(o, "item", c->item_name);
		cJSON_AddStringToObject(o, "applicant", c->applicant_name);
		cJSON_AddBoolToObject(o, "applied", c->applied);
		m = cJSON_AddArrayToObject(o, "materials");
		for (size_t k = 0; m && k < c->nmaterials; k++) {
			cJSON *x = cJSON_CreateObject();

			if (!x || !cJSON_AddItemToArray(m, x)) {
				cJSON_Delete(x);
				break;
			}
			cJSON_AddStringToObject(x, "id", c->materials[k].id);
			cJSON_AddStringToObject(x, "name", c->materials[k].name);
			cJSON_AddStringToObject(x, "form", c->materials[k].form);
			cJSON_AddNumberToObject(x, "originals", c->materials[k].originals);
			cJSON_AddNumberToObject(x, "copies", c->materials[k].copies);
		}
	}
	a = cJSON_AddArrayToObject(root, "discrepancies");
	for (size_t i = 0; a && i < r->ndiscrepancies; i++) {
		o = cJSON_CreateObject();
		if (!o || !cJSON_AddItemToArray(a, o)) {
			cJSON_Delete(o);
			break;
		}
		cJSON_AddStringToObject(o, "case", r->discrepancies[i].case_number);
		cJSON_AddStringToObject(o, "material", r->discrepancies[i].material_id);
		cJSON_AddStringToObject(o, "text", r->discrepancies[i].text);
		cJSON_AddStringToObject(o, "recorded_by", r->discrepancies[i].recorded_by);
		cJSON_AddStringToObject(o, "recorded_at", r->discrepancies[i].recorded_at);
	}
#undef STR_OR_NULL
	text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text) {
		cli_error(_("内存不足"));
		return EXIT_FAIL;
	}
	printf("%s\n", text);
	free(text);
	return EXIT_OK;
}

static int handover_show(struct cli *cli, int argc, char **argv)
{
	const char *number = NULL;
	struct register_info r;
	struct store *st;
	char err[YC_ERRSZ];
	int json = 0, rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			json = 1;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			cli_error(_("handover show 不认识选项 “%s”"), argv[i]);
			return EXIT_USAGE;
		} else if (!number) {
			number = argv[i];
		} else {
			cli_error(_("handover show 多了参数 “%s”"), argv[i]);
			return EXIT_USAGE;
		}
	}
	if (!number) {
		cli_error(_("handover show 需要交接单编号"));
		return EXIT_USAGE;
	}
	st = cli_open_store(cli, 0);
	if (!st)
		return EXIT_USAGE;
	rc = register_load(st, number, &r, err, sizeof err);
	store_close(st);
	if (rc <= 0) {
		if (rc == 0)
			cli_error(_("没有编号为 %s 的交接单"), number);
		else
			cli_error("%s", err);
		return EXIT_FAIL;
	}
	if (json) {
		rc = handover_show_json(&r);
	} else {
		handover_show_text(&r);
		rc = EXIT_OK;
	}
	register_info_free(&r);
	return rc;
}

/* Splits "CASE:MATERIAL[:NOTE]" in place. */
static int handover_missing_arg(char *arg, struct register_missing *m)
{
	char *c1 = strchr(arg, ':'), *c2;

	if (!c1 || c1 == arg || !c1[1]) {
		cli_error(_("--missing “%s” 应写成 办件编号:材料编号[:说明]"), arg);
		return -1;
	}
	*c1 = '\0';
	c2 = strchr(c1 + 1, ':');
	if (c2)
		*c2 = '\0';
	m->case_ref = arg;
	m->material = c1 + 1;
	m->note = c2 ? c2 + 1 : NULL;
	return 0;
}

static int handover_sign(struct cli *cli, int argc, char **argv)
{
	struct register_missing missing[HANDOVER_MAX_ARGS];
	const char *number = NULL, *as = NULL, *user = NULL;
	struct calendar *cal;
	struct store *st;
	struct register_info r;
	char err[YC_ERRSZ], pw[256];
	size_t nmissing = 0;
	enum register_side side;
	int rc;

	for (int i = 1; i < argc; i++) {
		const char *v = NULL;

		if (cli_option(argc, argv, &i, "--as", &v)) {
			as = v;
		} else if (cli_option(argc, argv, &i, "--user", &v)) {
			user = v;
		} else if (cli_option(argc, argv, &i, "--missing", &v)) {
			if (!v || nmissing >= HANDOVER_MAX_ARGS ||
			    handover_missing_arg((char *)v, &missing[nmissing]) != 0)
				return EXIT_USAGE;
			nmissing++;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			cli_error(_("handover sign 不认识选项 “%s”"), argv[i]);
			return EXIT_USAGE;
		} else if (!number) {
			number = argv[i];
		} else {
			cli_error(_("handover sign 多了参数 “%s”"), argv[i]);
			return EXIT_USAGE;
		}
	}
	if (!number || !as || !user) {
		cli_error(_("handover sign 需要交接单编号、--as sender|receiver 和 --user 用户"));
		handover_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(as, "sender") == 0) {
		side = REGISTER_SENDER;
	} else if (strcmp(as, "receiver") == 0) {
		side = REGISTER_RECEIVER;
	} else {
		cli_error(_("--as “%s” 无效：应为 sender（移交方）或 receiver（接收方）"), as);
		return EXIT_USAGE;
	}
	if (cli_read_password(_("签名人密码："), pw, sizeof pw) != 0)
		return EXIT_USAGE;
	if (handover_open(cli, &st, &cal) != 0)
		return EXIT_USAGE;
	rc = register_sign(st, cal, number, side, user, pw, date_today(), missing, nmissing,
			   err, sizeof err);
	memset(pw, 0, sizeof pw);
	if (rc != 0) {
		cli_error("%s", err);
	} else if (register_load(st, number, &r, err, sizeof err) == 1) {
		printf(_("交接单 %s：%s 已签名（%s），%s\n"), r.number, user,
		       side == REGISTER_SENDER ? _("移交方") : _("接收方"),
		       register_state_label(r.state));
		if (side == REGISTER_RECEIVER)
			for (size_t i = 0; i < r.ndiscrepancies; i++)
				printf(_("  交接差异：%s  %s\n"), r.discrepancies[i].case_number,
				       r.discrepancies[i].text);
		register_info_free(&r);
	}
	store_close(st);
	calendar_free(cal);
	return rc ? EXIT_FAIL : EXIT_OK;
}

int cmd_handover(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		handover_usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (strcmp(argv[1], "create") == 0)
		return handover_create(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return handover_list(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0)
		return handover_show(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "sign") == 0)
		return handover_sign(cli, argc - 1, argv + 1);
	cli_error(_("handover 没有子命令 “%s”；可用: create、list、show、sign"), argv[1]);
	return EXIT_USAGE;
}
