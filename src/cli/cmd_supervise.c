/*
 * cmd_supervise.c — the approver's queue (`case queue`) and electronic
 * supervision (`supervise`, `case supervise`) on the command line: the
 * cases by due date with their cards, and every card with the day it was
 * raised, by department and window (supervise.h).
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

/* ---- queue, supervision --------------------------------------------------- */

/* "剩 3 个工作日" / "超期 2 个工作日" / "". */
static const char *bo_days_text(const struct case_fold *f, int today,
				const struct calendar *cal, char *buf, size_t bufsz)
{
	int left;

	buf[0] = '\0';
	if (supervise_days_left(f, today, cal, &left)) {
		if (left >= 0)
			snprintf(buf, bufsz, _("剩 %d 个工作日"), left);
		else
			snprintf(buf, bufsz, _("超期 %d 个工作日"), -left);
	}
	return buf;
}

static cJSON *bo_status_json(unsigned status)
{
	cJSON *a = cJSON_CreateArray();

	for (unsigned bit = 1; a && bit <= CASE_DL_DEFERRED_OVERDUE; bit <<= 1)
		if (status & bit)
			cJSON_AddItemToArray(a, cJSON_CreateString(supervise_bit_name(bit)));
	return a;
}

int bo_print_json(cJSON *root)
{
	char *text = root ? cJSON_Print(root) : NULL;

	cJSON_Delete(root);
	if (!text) {
		cli_error(_("内存不足"));
		return EXIT_FAIL;
	}
	printf("%s\n", text);
	free(text);
	return EXIT_OK;
}

int bo_queue_cmd(struct cli *cli, int argc, char **argv)
{
	struct bo_opt o[2] = { { "--user", 1, NULL, 0 }, { "--json", 0, NULL, 0 } };
	struct backoffice_entry *v = NULL;
	const char *pos[1];
	struct bo_ctx c;
	char err[YC_ERRSZ], d[16], left[64], label[128];
	size_t n = 0, npos;
	int warn, rc;

	rc = bo_parse("case queue", argc, argv, o, 2, pos, 0, &npos);
	if (rc != EXIT_OK)
		return rc;
	if (!o[0].value) {
		cli_error(_("case queue 需要 --user 指明审批人"));
		return EXIT_USAGE;
	}
	if (bo_open(cli, &c) != 0)
		return EXIT_USAGE;
	if (backoffice_warn_days(c.st, &warn, err, sizeof err) != 0)
		cli_warn("%s", err);
	if (backoffice_queue(c.st, c.cal, o[0].value, &v, &n, err, sizeof err) != 0) {
		cli_error("%s", err);
		bo_close(&c);
		return EXIT_FAIL;
	}
	if (o[1].given) {
		cJSON *a = cJSON_CreateArray();

		for (size_t i = 0; a && i < n; i++) {
			cJSON *e = cJSON_CreateObject();
			unsigned st = casefsm_deadline_status(&v[i].fold, c.day, warn, c.cal);
			int dl;

			if (!e || !cJSON_AddItemToArray(a, e)) {
				cJSON_Delete(e);
				break;
			}
			cJSON_AddStringToObject(e, "number", v[i].number);
			cJSON_AddStringToObject(e, "item", v[i].item_name);
			cJSON_AddStringToObject(e, "applicant", v[i].applicant_name);
			cJSON_AddStringToObject(e, "state", casefsm_state_name(v[i].fold.state));
			if (v[i].fold.promised_on)
				cJSON_AddStringToObject(e, "promised_on",
							date_format(v[i].fold.promised_on, d, sizeof d));
			cJSON_AddStringToObject(e, "level",
						supervise_level_name(supervise_level_of(st)));
			cJSON_AddItemToObject(e, "status", bo_status_json(st));
			if (supervise_days_left(&v[i].fold, c.day, c.cal, &dl))
				cJSON_AddNumberToObject(e, "days_left", dl);
		}
		rc = bo_print_json(a);
	} else {
		if (n == 0)
			printf("%s\n", _("审批队列中没有办件"));
		for (size_t i = 0; i < n; i++) {
			unsigned st = casefsm_deadline_status(&v[i].fold, c.day, warn, c.cal);

			cli_put_padded(v[i].number, 27);
			cli_put_padded(casefsm_fold_label(&v[i].fold, label, sizeof label), 18);
			cli_put_padded(v[i].fold.promised_on ? date_format(v[i].fold.promised_on, d,
									   sizeof d) : "", 12);
			cli_put_padded(bo_days_text(&v[i].fold, c.day, c.cal, left, sizeof left), 18);
			cli_put_padded(supervise_level_label(supervise_level_of(st)), 6);
			printf("%s  %s\n", v[i].applicant_name, v[i].item_name);
		}
		rc = EXIT_OK;
	}
	backoffice_entries_free(v, n);
	bo_close(&c);
	return rc;
}

static cJSON *bo_tallies_json(const struct supervise_tally *t, size_t n, const char *key)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; a && i < n; i++) {
		cJSON *o = cJSON_CreateObject();

		if (!o || !cJSON_AddItemToArray(a, o)) {
			cJSON_Delete(o);
			break;
		}
		cJSON_AddStringToObject(o, key, t[i].key);
		cJSON_AddNumberToObject(o, "open", t[i].open);
		cJSON_AddNumberToObject(o, "warnings", t[i].warnings);
		cJSON_AddNumberToObject(o, "yellow", t[i].yellow);
		cJSON_AddNumberToObject(o, "red", t[i].red);
	}
	return a;
}

static void bo_tallies_text(const char *title, const struct supervise_tally *t, size_t n)
{
	int w = utf8_width(title);

	for (size_t i = 0; i < n; i++)
		w = utf8_width(t[i].key) > w ? utf8_width(t[i].key) : w;
	cli_put_padded(title, w + 2);
	printf("%s\n", _("在办  预警  黄牌  红牌"));
	for (size_t i = 0; i < n; i++) {
		cli_put_padded(*t[i].key ? t[i].key : _("（未知）"), w + 2);
		printf("%4d  %4d  %4d  %4d\n", t[i].open, t[i].warnings, t[i].yellow, t[i].red);
	}
}

int cmd_supervise(struct cli *cli, int argc, char **argv)
{
	struct bo_opt o[3] = { { "--json", 0, NULL, 0 }, { "--dept", 1, NULL, 0 },
			       { "--all", 0, NULL, 0 } };
	struct backoffice_entry *v = NULL;
	struct supervise_case *sc = NULL;
	struct supervise_filter flt;
	struct supervise_report rep;
	const char *pos[1];
	struct bo_ctx c;
	char err[YC_ERRSZ], text[512], d[16];
	size_t n = 0, npos;
	int warn, rc;

	rc = bo_parse("supervise", argc, argv, o, 3, pos, 0, &npos);
	if (rc != EXIT_OK) {
		fprintf(stderr, "%s", _("用法: yichuang supervise [--dept 部门] [--all] [--json]\n"));
		return rc;
	}
	flt.department = o[1].value;
	flt.include_closed = o[2].given;
	if (bo_open(cli, &c) != 0)
		return EXIT_USAGE;
	if (backoffice_warn_days(c.st, &warn, err, sizeof err) != 0)
		cli_warn("%s", err);
	if (backoffice_cases(c.st, c.cal, 0, NULL, &v, &n, err, sizeof err) != 0) {
		cli_error("%s", err);
		bo_close(&c);
		return EXIT_FAIL;
	}
	sc = calloc(n ? n : 1, sizeof *sc);
	if (!sc) {
		cli_error(_("内存不足"));
		backoffice_entries_free(v, n);
		bo_close(&c);
		return EXIT_FAIL;
	}
	for (size_t i = 0; i < n; i++) {
		sc[i].number = v[i].number;
		sc[i].department = v[i].department;
		sc[i].window = v[i].window;
		sc[i].fold = &v[i].fold;
	}
	if (supervise_run_filtered(sc, n, c.day, warn, c.cal, &flt, &rep, err, sizeof err) != 0) {
		cli_error("%s", err);
		free(sc);
		backoffice_entries_free(v, n);
		bo_close(&c);
		return EXIT_FAIL;
	}
	if (o[0].given) {
		cJSON *root = cJSON_CreateObject(), *a, *t;

		cJSON_AddStringToObject(root, "today", date_format(c.day, d, sizeof d));
		cJSON_AddNumberToObject(root, "warn_days", warn);
		if (flt.department)
			cJSON_AddStringToObject(root, "department", flt.department);
		t = cJSON_AddObjectToObject(root, "totals");
		if (t) {
			cJSON_AddNumberToObject(t, "warnings", rep.warnings);
			cJSON_AddNumberToObject(t, "yellow", rep.yellow);
			cJSON_AddNumberToObject(t, "red", rep.red);
		}
		a = cJSON_AddArrayToObject(root, "cases");
		for (size_t i = 0; a && i < rep.nflags; i++) {
			const struct supervise_flag *f = &rep.flags[i];
			const struct backoffice_entry *e = &v[f->index];
			cJSON *x = cJSON_CreateObject();

			if (!x || !cJSON_AddItemToArray(a, x)) {
				cJSON_Delete(x);
				break;
			}
			cJSON_AddStringToObject(x, "number", e->number);
			cJSON_AddStringToObject(x, "item", e->item_name);
			cJSON_AddStringToObject(x, "applicant", e->applicant_name);
			cJSON_AddStringToObject(x, "department", e->department);
			cJSON_AddStringToObject(x, "window", e->window);
			cJSON_AddStringToObject(x, "state", casefsm_state_name(e->fold.state));
			cJSON_AddStringToObject(x, "level", supervise_level_name(f->level));
			cJSON_AddItemToObject(x, "status", bo_status_json(f->status));
			if (f->raised_on)
				cJSON_AddStringToObject(x, "raised_on",
							date_format(f->raised_on, d, sizeof d));
			cJSON_AddBoolToObject(x, "closed", f->closed);
			if (f->has_days_left)
				cJSON_AddNumberToObject(x, "days_left", f->days_left);
		}
		cJSON_AddItemToObject(root, "departments",
				      bo_tallies_json(rep.by_department, rep.ndepartments, "department"));
		cJSON_AddItemToObject(root, "windows",
				      bo_tallies_json(rep.by_window, rep.nwindows, "window"));
		rc = bo_print_json(root);
	} else {
		printf(_("%s 电子监察：预警 %d 件，黄牌 %d 件，红牌 %d 件（预警期 %d 个工作日）\n"),
		       date_format(c.day, d, sizeof d), rep.warnings, rep.yellow, rep.red, warn);
		for (size_t i = 0; i < rep.nflags; i++) {
			const struct supervise_flag *f = &rep.flags[i];
			const struct backoffice_entry *e = &v[f->index];

			printf("  ");
			cli_put_padded(supervise_level_label(f->level), 6);
			cli_put_padded(e->number, 27);
			cli_put_padded(f->raised_on ? date_format(f->raised_on, d, sizeof d) : "", 12);
			printf("%s%s  %s\n", f->closed ? _("（已办结）") : "",
			       *e->department ? e->department : _("（未知部门）"),
			       supervise_status_text(f->status, text, sizeof text));
		}
		putchar('\n');
		bo_tallies_text(_("部门"), rep.by_department, rep.ndepartments);
		putchar('\n');
		bo_tallies_text(_("受理窗口"), rep.by_window, rep.nwindows);
		rc = EXIT_OK;
	}
	supervise_report_free(&rep);
	free(sc);
	backoffice_entries_free(v, n);
	bo_close(&c);
	return rc;
}

