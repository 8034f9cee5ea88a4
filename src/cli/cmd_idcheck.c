/*
 * cmd_idcheck.c — `yichuang idcheck [--id|--uscc] VALUE`: checks a
 * 居民身份证号码 or 统一社会信用代码 and prints what it found as
 * "标签: 值" lines on stdout.  Exit 0 when valid (a legacy 15-digit ID is
 * valid and shown converted), 1 when not, 2 on usage errors.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/date.h"
#include "yichuang/idcheck.h"
#include "yichuang/util.h"
#include "cli.h"

static void idcheck_usage(FILE *out)
{
	fprintf(out, "%s", _("用法: yichuang idcheck [--id | --uscc] 号码\n"
			     "\n"
			     "校验居民身份证号码（18 位，或旧版 15 位）或统一社会信用代码（18 位）。\n"
			     "不指定类型时按号码的样子判断。\n"
			     "\n"
			     "选项:\n"
			     "  --id      按居民身份证号码校验\n"
			     "  --uscc    按统一社会信用代码校验\n"
			     "  --help    显示本帮助\n"
			     "\n"
			     "退出码: 0 有效；1 无效（原因见输出）；2 用法错误。\n"));
}

/* Prints the lines of a valid result: kind-specific details. */
static void idcheck_print_details(const struct idcheck_result *r)
{
	char buf[16];

	if (r->kind == IDCHECK_ID15_LEGACY)
		printf(_("18 位号码: %s\n"), r->norm);
	if (r->kind == IDCHECK_ID18 || r->kind == IDCHECK_ID15_LEGACY) {
		printf(_("地区: %s\n"), idcheck_province_name(r->province));
		printf(_("出生日期: %s\n"), date_format(r->birth, buf, sizeof buf));
		printf(_("性别: %s\n"), idcheck_sex_name(r->sex));
	} else if (r->kind == IDCHECK_USCC) {
		printf(_("登记管理部门: %c %s\n"), r->norm[0],
		       idcheck_registry_name(r->norm[0]));
	}
}

/* The value as typed, for the "号码" line: white space around it trimmed,
 * control characters and invalid bytes shown as \xNN, at most 40
 * characters (never cut inside one).  NULL when out of memory. */
static char *idcheck_shown(const char *value)
{
	struct strbuf sb;
	size_t n = strlen(value), i = 0;
	int count = 0;

	while (i < n && (value[i] == ' ' || (value[i] >= '\t' && value[i] <= '\r')))
		i++;
	while (n > i && (value[n - 1] == ' ' || (value[n - 1] >= '\t' && value[n - 1] <= '\r')))
		n--;
	sb_init(&sb);
	sb_append(&sb, "");
	for (; i < n; count++) {
		uint32_t cp;
		int k = utf8_decode(value + i, n - i, &cp);

		if (count == 40) {
			sb_append(&sb, "…");
			break;
		}
		if (k <= 0 || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
			sb_appendf(&sb, "\\x%02X", (unsigned char)value[i]);
			k = k <= 0 ? 1 : k;
		} else {
			sb_appendn(&sb, value + i, (size_t)k);
		}
		i += (size_t)k;
	}
	return sb_take(&sb);
}

/* Prints the whole report and returns the exit code.  guessed: the kind
 * was told from the value, so a failed 18-character value gets a hint on
 * how to check it as the other kind. */
static int idcheck_report(const char *value, const struct idcheck_result *r, int guessed)
{
	char *shown = idcheck_shown(value);

	printf(_("类型: %s\n"), idcheck_kind_name(r->kind));
	if (r->norm[0] && r->kind != IDCHECK_ID15_LEGACY)
		printf(_("号码: %s\n"), r->norm);
	else if (shown && shown[0])
		printf(_("号码: %s\n"), shown);
	free(shown);
	if (r->valid) {
		idcheck_print_details(r);
		if (r->kind == IDCHECK_ID15_LEGACY)
			printf("%s\n", _("结论: 有效（旧版号码，请改用 18 位号码）"));
		else
			printf("%s\n", _("结论: 有效"));
		return EXIT_OK;
	}
	printf("%s\n", r->msg);
	if (r->overridable)
		printf("%s\n", _("结论: 校验码不符（如与证照上的代码一致，可注明理由后继续受理）"));
	else
		printf("%s\n", _("结论: 无效"));
	if (guessed && r->kind == IDCHECK_ID18)
		printf("%s\n", _("提示: 按号码样式视为身份证号码；如是统一社会信用代码，请加 --uscc 再校验"));
	else if (guessed && r->kind == IDCHECK_USCC)
		printf("%s\n", _("提示: 按号码样式视为统一社会信用代码；如是身份证号码，请加 --id 再校验"));
	return EXIT_FAIL;
}

int cmd_idcheck(struct cli *cli, int argc, char **argv)
{
	int (*check)(const char *, struct idcheck_result *) = idcheck_any;
	const char *value = NULL;
	struct idcheck_result r;
	int i, options = 1;

	(void)cli;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (options && strcmp(a, "--") == 0) {
			options = 0;
		} else if (options && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
			idcheck_usage(stdout);
			return EXIT_OK;
		} else if (options && (strcmp(a, "--id") == 0 || strcmp(a, "--uscc") == 0)) {
			if (check != idcheck_any) {
				cli_error("%s", _("idcheck: --id 与 --uscc 只能选一个"));
				idcheck_usage(stderr);
				return EXIT_USAGE;
			}
			check = strcmp(a, "--id") == 0 ? idcheck_id : idcheck_uscc;
		} else if (options && a[0] == '-' && a[1] != '\0') {
			cli_error(_("idcheck: 未知选项 “%s”"), a);
			idcheck_usage(stderr);
			return EXIT_USAGE;
		} else if (value) {
			cli_error(_("idcheck: 只能校验一个号码，多出了 “%s”"), a);
			idcheck_usage(stderr);
			return EXIT_USAGE;
		} else {
			value = a;
		}
	}
	if (!value) {
		cli_error("%s", _("idcheck: 缺少要校验的号码"));
		idcheck_usage(stderr);
		return EXIT_USAGE;
	}
	check(value, &r);
	return idcheck_report(value, &r, check == idcheck_any);
}
