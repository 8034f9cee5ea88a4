/*
 * cmd_bundle.c — 一件事 bundles on the command line (`case bundle
 * link|show|close`): a clerk links the cases of one joint application, an
 * approver of its lead department closes it once every part is decided;
 * link and close are signed with the user's password (backoffice.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/backoffice.h"
#include "yichuang/casestore.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/supervise.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "cli.h"
#include "cli_backoffice.h"

/* ---- bundles ---------------------------------------------------------------- */

static const char bo_bundle_usage[] =
	N_("用法: yichuang case bundle link --code 一件事编码 [--lead 牵头部门] --user 窗口人员 办件编号...\n"
	   "       yichuang case bundle show 办件编号|联办编号 [--json]\n"
	   "       yichuang case bundle close 办件编号|联办编号 --user 牵头部门审批人\n"
	   "（link、close 从标准输入读取经办人的密码）\n");

/* `case bundle show`: the parts with their departments and states. */
static int bo_bundle_show(struct bo_ctx *c, const char *ref, int json)
{
	struct bundle_info b;
	char err[YC_ERRSZ], d[16], label[128];
	int rc = bundle_load(c->st, c->cal, ref, &b, err, sizeof err);

	if (rc == 0)
		rc = bundle_of_case(c->st, c->cal, ref, &b, err, sizeof err);
	if (rc <= 0) {
		if (rc == 0)
			cli_error(_("“%s”不是联办编号，也不是属于一件事的办件"), ref);
		else
			cli_error("%s", err);
		return EXIT_FAIL;
	}
	if (json) {
		cJSON *o = cJSON_CreateObject(), *a;

		cJSON_AddStringToObject(o, "bundle_id", b.bundle_id);
		cJSON_AddStringToObject(o, "bundle_code", b.bundle_code);
		cJSON_AddStringToObject(o, "name", b.bundle_name);
		cJSON_AddStringToObject(o, "lead_department", b.lead_department);
		if (b.closed_on) {
			cJSON_AddStringToObject(o, "closed_on", date_format(b.closed_on, d, sizeof d));
			cJSON_AddStringToObject(o, "closed_by", b.closed_by ? b.closed_by : "");
		}
		a = cJSON_AddArrayToObject(o, "parts");
		for (size_t i = 0; a && i < b.nparts; i++) {
			const struct bundle_part *p = &b.parts[i];
			cJSON *x = cJSON_CreateObject();

			if (!x || !cJSON_AddItemToArray(a, x)) {
				cJSON_Delete(x);
				break;
			}
			cJSON_AddStringToObject(x, "number", p->number);
			cJSON_AddStringToObject(x, "item_code", p->item_code);
			cJSON_AddStringToObject(x, "department", p->department);
			cJSON_AddStringToObject(x, "state", p->state == CASE_NONE ? "" :
						casefsm_state_name(p->state));
			if (p->decision)
				cJSON_AddStringToObject(x, "decision", casefsm_decision_name(p->decision));
			cJSON_AddStringToObject(x, "waits_for", p->waits_for);
			cJSON_AddBoolToObject(x, "held", p->held);
		}
		bundle_info_free(&b);
		return bo_print_json(o);
	}
	printf(_("一件事 %s：%s（%s），牵头部门 %s\n"), b.bundle_id, b.bundle_name, b.bundle_code,
	       b.lead_department);
	for (size_t i = 0; i < b.nparts; i++) {
		const struct bundle_part *p = &b.parts[i];
		struct case_fold f;

		casefsm_init(&f);
		f.state = p->state;
		f.decided_on = p->decided_on;
		f.decision = p->decision;
		printf("  ");
		cli_put_padded(p->number, 27);
		cli_put_padded(p->state == CASE_NONE ? _("本机尚无") :
			       casefsm_fold_label(&f, label, sizeof label), 22);
		printf("%s  %s", p->department, p->item_name);
		if (p->held)
			printf(_("（等待 %s 决定后办结）"), p->waits_for);
		else if (*p->waits_for)
			printf(_("（前置：%s）"), p->waits_for);
		putchar('\n');
	}
	if (b.closed_on)
		printf(_("已于 %s 由 %s 办结\n"), date_format(b.closed_on, d, sizeof d),
		       b.closed_by ? b.closed_by : "");
	else if (bundle_closable(&b, NULL, 0))
		printf("%s\n", _("各部门均已作出决定，可由牵头部门办结"));
	else
		printf("%s\n", _("尚未办结：还有部门未作出决定"));
	bundle_info_free(&b);
	return EXIT_OK;
}

int bo_bundle_cmd(struct cli *cli, int argc, char **argv)
{
	struct bo_opt o[5] = { { "--code", 1, NULL, 0 }, { "--lead", 1, NULL, 0 },
			       { "--user", 1, NULL, 0 }, { "--id", 1, NULL, 0 },
			       { "--json", 0, NULL, 0 } };
	const char *pos[32], *ref;
	struct bo_ctx c;
	char err[YC_ERRSZ], id[BUNDLE_ID_MAX];
	size_t npos;
	int rc, link, show;

	if (argc < 2 || (strcmp(argv[1], "link") != 0 && strcmp(argv[1], "close") != 0 &&
			 strcmp(argv[1], "show") != 0)) {
		fprintf(stderr, "%s", _(bo_bundle_usage));
		return EXIT_USAGE;
	}
	link = strcmp(argv[1], "link") == 0;
	show = strcmp(argv[1], "show") == 0;
	rc = bo_parse(link ? "case bundle link" : show ? "case bundle show" : "case bundle close",
		      argc - 1, argv + 1, o, 5, pos, link ? 32 : 1, &npos);
	if (rc != EXIT_OK) {
		fprintf(stderr, "%s", _(bo_bundle_usage));
		return rc;
	}
	ref = npos ? pos[0] : o[3].value;
	if ((link && (!o[0].value || !o[2].value || npos < 2 || o[3].given || o[4].given)) ||
	    (!link && (!ref || (npos && o[3].given) || o[0].given || o[1].given)) ||
	    (show && o[2].given) || (!link && !show && (!o[2].value || o[4].given))) {
		cli_error(link ? _("case bundle link 需要 --code、--user 和至少两个办件编号")
			  : show ? _("case bundle show 需要一个办件编号或联办编号")
			  : _("case bundle close 需要一个办件编号或联办编号和 --user"));
		fprintf(stderr, "%s", _(bo_bundle_usage));
		return EXIT_USAGE;
	}
	if (bo_open(cli, &c) != 0)
		return EXIT_USAGE;
	if (show) {
		rc = bo_bundle_show(&c, ref, o[4].given);
		bo_close(&c);
		return rc;
	}
	if (bo_sign(&c, o[2].value, err, sizeof err) != 0) {
		cli_error("%s", err);
		bo_close(&c);
		return EXIT_FAIL;
	}
	rc = link ? bundle_link(c.st, c.cal, o[0].value, o[1].value, pos, npos, o[2].value, c.day,
				id, err, sizeof err)
		  : bundle_close(c.st, c.cal, ref, o[2].value, c.day, err, sizeof err);
	if (rc != 0)
		cli_error("%s", err);
	else if (link)
		printf(_("一件事 %s：已登记 %zu 个办件\n"), id, npos);
	else
		printf(_("一件事 %s 已办结\n"), ref);
	bo_close(&c);
	return rc ? EXIT_FAIL : EXIT_OK;
}

