/*
 * cmd_setting.c — `yichuang setting`: the workstation's settings (the
 * settings table of the store), above all those the documents carry.
 *
 *   setting list [--json]         every known setting: value or default
 *   setting set KEY VALUE         a known key, its value checked
 *   setting unset KEY             back to the default
 *
 * Central distributes doc.* (but doc.lp_command) and supervise.* to the
 * workstations registered with it, overwriting their own values when it
 * sends its reference data and has the key: setting one of those on a
 * registered workstation is done but said.  sync.* belong to `init --server` and sync, and are
 * refused here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/catalog.h"
#include "yichuang/document.h"
#include "yichuang/store.h"
#include "yichuang/supervise.h"
#include "yichuang/util.h"
#include "cli.h"

/* A value is checked by one of these: 0, or -1 with a message. */
typedef int (*setting_check_fn)(const char *value, char *err, size_t errsz);

static int setting_check_url(const char *value, char *err, size_t errsz)
{
	struct doc_settings s = { .progress_url = value };
	char buf[1024];

	if (strncmp(value, "http://", 7) != 0 && strncmp(value, "https://", 8) != 0)
		return yc_seterr(err, errsz,
				 _("doc.progress_url 的值“%s”不是网址：应以 http:// 或 https:// 开头，"
				   "含一个 %%s 代表办件编号，例如 https://zwfw.example.gov.cn/progress/%%s"),
				 value);
	return doc_progress_address(&s, "370102-01-261120-0001-5", buf, sizeof buf, err,
				    errsz) == 1 ? 0 : -1;
}

static int setting_check_warn_days(const char *value, char *err, size_t errsz)
{
	int days;

	return supervise_warn_days_parse(value, &days, err, errsz);
}

static int setting_check_window(const char *value, char *err, size_t errsz)
{
	char *end;
	long w = strtol(value, &end, 10);

	if (end == value || *end != '\0' || w < 1 || w > 99)
		return yc_seterr(err, errsz, _("window 的值“%s”无效：应为 1 到 99 的窗口号"), value);
	return 0;
}

/* The settings this program knows.  A key ending in '.' is a family:
 * doc.seal.DEPARTMENT. */
struct setting_key {
	const char *key;
	int central;			/* central distributes it */
	size_t max;			/* bytes the program reads at most */
	const char *what;		/* msgid */
	const char *dflt;		/* msgid of the default, NULL: none */
	setting_check_fn check;
};

static const struct setting_key setting_keys[] = {
	{ "doc.centre", 1, 255, N_("中心名称，印在每份文书上"), N_("政务服务中心"), NULL },
	{ "doc.seal", 1, 255, N_("中心的印章文字（不以“章”结尾时印为“文字（印章）”）"),
	  N_("中心名称"), NULL },
	{ "doc.seal.", 1, 255, N_("审批部门的印章文字，键为 doc.seal.部门全称（不予行政许可决定书、延期和特别程序告知书）"),
	  N_("部门全称（印章）"), NULL },
	{ "doc.phone", 1, 63, N_("咨询电话"), NULL, NULL },
	{ "doc.complaint_phone", 1, 63, N_("投诉电话"), NULL, NULL },
	{ "doc.review_body", 1, 255, N_("受理行政复议的机关（六十日内）"), N_("本级人民政府"), NULL },
	{ "doc.court", 1, 255, N_("受理行政诉讼的人民法院（六个月内）"), N_("有管辖权的人民法院"), NULL },
	{ "doc.progress_url", 1, 511, N_("进度查询地址，%s 代表办件编号；文书上的二维码"),
	  N_("已登记到中心时为中心的 /v1/progress/%s，否则没有二维码"), setting_check_url },
	{ "doc.lp_command", 0, 255, N_("打印命令（不经 shell，按空格分开），只在本工作站设置"), N_("lp"),
	  NULL },
	{ "supervise.warn_days", 1, 63, N_("承诺办结日前几个工作日预警（0 到 30）"), N_("2"),
	  setting_check_warn_days },
	{ "window", 0, 15, N_("本终端叫号的窗口号（1 到 99）"), N_("终端号"), setting_check_window },
};

#define NKEYS (sizeof setting_keys / sizeof setting_keys[0])

static void setting_usage(FILE *out)
{
	fprintf(out, "%s", _("用法: yichuang [--db 路径] setting list [--json]\n"
			     "       yichuang [--db 路径] setting set 键 值\n"
			     "       yichuang [--db 路径] setting unset 键\n"));
}

/* The known key of `key`, or NULL. */
static const struct setting_key *setting_find(const char *key)
{
	for (size_t i = 0; i < NKEYS; i++) {
		const char *k = setting_keys[i].key;
		size_t n = strlen(k);

		if (k[n - 1] == '.' ? strncmp(key, k, n) == 0 && key[n] != '\0'
				    : strcmp(key, k) == 0)
			return &setting_keys[i];
	}
	return NULL;
}

/* The message for a key this program does not know, listing those it
 * does. */
static void setting_unknown(const char *key)
{
	struct strbuf sb;

	sb_init(&sb);
	for (size_t i = 0; i < NKEYS; i++)
		sb_appendf(&sb, "%s%s%s", i ? "、" : "", setting_keys[i].key,
			   strcmp(setting_keys[i].key, "doc.seal.") == 0 ? _("部门全称") : "");
	if (strncmp(key, "sync.", 5) == 0)
		cli_error(_("%s 由 yichuang init --server 和同步维护，不能手工设置"), key);
	else
		cli_error(_("没有“%s”这个设置；可设置的键：%s"), key, sb.buf ? sb.buf : "");
	sb_free(&sb);
}

/* The central service this workstation is registered with, into buf;
 * NULL when none. */
static const char *setting_server(struct store *st, char *buf, size_t bufsz)
{
	return store_setting_get(st, "sync.server", buf, bufsz) == 1 && buf[0] ? buf : NULL;
}

/* Warns when department `dept` is no department of the current catalog
 * (a typing error would leave the seal unused). */
static void setting_check_department(struct store *st, const char *dept)
{
	struct catalog cat;
	char err[YC_ERRSZ];
	int found = 0;

	catalog_init(&cat);
	if (store_catalog_load(st, 0, &cat, err, sizeof err) == 0) {
		for (size_t i = 0; i < cat.nitems && !found; i++)
			found = cat.items[i].department && strcmp(cat.items[i].department, dept) == 0;
		if (!found)
			cli_warn(_("事项目录里没有实施主体为“%s”的事项：请核对部门全称"
				   "（与 yichuang catalog show 事项编码 的实施主体一致）"), dept);
	}
	catalog_free(&cat);
}

static int setting_set(struct store *st, const char *key, const char *value)
{
	const struct setting_key *k = setting_find(key);
	char err[YC_ERRSZ], server[512];

	if (!k) {
		setting_unknown(key);
		return EXIT_FAIL;
	}
	if (!*value || !utf8_valid(value, strlen(value))) {
		cli_error(_("%s 的值不能为空，且须为 UTF-8 文字；要恢复默认值请用 yichuang setting unset %s"),
			  key, key);
		return EXIT_FAIL;
	}
	for (const char *p = value; *p; p++)
		if ((unsigned char)*p < ' ') {
			cli_error(_("%s 的值不能含换行或控制字符"), key);
			return EXIT_FAIL;
		}
	if (strlen(value) > k->max) {
		cli_error(_("%s 的值太长：最多 %zu 字节（这个值 %zu 字节）"), key, k->max, strlen(value));
		return EXIT_FAIL;
	}
	if (k->check && k->check(value, err, sizeof err) != 0) {
		cli_error("%s", err);
		return EXIT_FAIL;
	}
	if (strcmp(k->key, "doc.seal.") == 0)
		setting_check_department(st, key + strlen(k->key));
	if (store_setting_set(st, key, value, err, sizeof err) != 0) {
		cli_error("%s", err);
		return EXIT_FAIL;
	}
	printf(_("已设置 %s = %s\n"), key, value);
	if (k->central && setting_server(st, server, sizeof server))
		cli_warn(_("本工作站已登记到中心 %s：%s 由中心统一下发，中心设有这个键时，"
			   "中心下发基础数据的同步会用中心的值覆盖本地的值；要全中心一致，"
			   "请在中心用 yichuangd admin setting set %s 值 设置"), server, key, key);
	return EXIT_OK;
}

static int setting_unset(struct store *st, const char *key)
{
	const struct setting_key *k = setting_find(key);
	char err[YC_ERRSZ], server[512];
	int rc;

	if (!k) {
		setting_unknown(key);
		return EXIT_FAIL;
	}
	rc = store_setting_delete(st, key, err, sizeof err);
	if (rc < 0) {
		cli_error("%s", err);
		return EXIT_FAIL;
	}
	if (rc == 0)
		printf(_("%s 本来就没有设置（用默认值）\n"), key);
	else
		printf(_("已取消设置 %s，恢复默认值\n"), key);
	if (k->central && setting_server(st, server, sizeof server))
		cli_warn(_("本工作站已登记到中心 %s：中心设有 %s 时，下次同步会再写入中心的值"),
			 server, key);
	return EXIT_OK;
}

/* The stored value of key in v[0..n), or NULL. */
static const char *setting_value(const struct store_setting *v, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0)
			return v[i].value;
	return NULL;
}

/* 1 for a stored key that is shown as a row of its own: set, and not one
 * of the plain known keys (doc.seal.DEPARTMENT, sync.*, others). */
static int setting_extra(const char *key)
{
	const struct setting_key *k = setting_find(key);

	return !k || k->key[strlen(k->key) - 1] == '.';
}

/* What list shows of a value: the sync token is a secret. */
static const char *setting_shown(const char *key, const char *value)
{
	return strcmp(key, "sync.token") == 0 ? _("（已设置，不显示）") : value;
}

static int setting_list_json(const struct store_setting *v, size_t n)
{
	cJSON *root = cJSON_CreateArray();
	char *text;

	for (size_t i = 0; root && i < NKEYS + n; i++) {
		const struct setting_key *k = i < NKEYS ? &setting_keys[i] : setting_find(v[i - NKEYS].key);
		const char *key = i < NKEYS ? k->key : v[i - NKEYS].key, *value;
		cJSON *o;

		if (i < NKEYS && key[strlen(key) - 1] == '.')
			continue;
		if (i >= NKEYS && !setting_extra(key))
			continue;
		value = setting_value(v, n, key);
		o = cJSON_CreateObject();
		if (!o || !cJSON_AddItemToArray(root, o)) {
			cJSON_Delete(o);
			break;
		}
		cJSON_AddStringToObject(o, "key", key);
		if (value && strcmp(key, "sync.token") != 0)
			cJSON_AddStringToObject(o, "value", value);
		else
			cJSON_AddNullToObject(o, "value");
		cJSON_AddBoolToObject(o, "set", value != NULL);
		if (k && k->dflt)
			cJSON_AddStringToObject(o, "default", _(k->dflt));
		else
			cJSON_AddNullToObject(o, "default");
		cJSON_AddBoolToObject(o, "central", k && k->central);
		if (k)
			cJSON_AddStringToObject(o, "description", _(k->what));
	}
	text = root ? cJSON_Print(root) : NULL;
	cJSON_Delete(root);
	if (!text) {
		cli_error("%s", _("内存不足"));
		return EXIT_FAIL;
	}
	printf("%s\n", text);
	free(text);
	return EXIT_OK;
}

static int setting_list(struct store *st, int json)
{
	struct store_setting *v;
	size_t n;
	char err[YC_ERRSZ];
	int w = 0, rc;

	if (store_setting_list(st, &v, &n, err, sizeof err) != 0) {
		cli_error("%s", err);
		return EXIT_FAIL;
	}
	if (json) {
		rc = setting_list_json(v, n);
		store_settings_free(v, n);
		return rc;
	}
	for (size_t i = 0; i < NKEYS; i++)
		if (utf8_width(setting_keys[i].key) > w)
			w = utf8_width(setting_keys[i].key);
	for (size_t i = 0; i < n; i++)
		if (setting_extra(v[i].key) && utf8_width(v[i].key) > w)
			w = utf8_width(v[i].key);
	for (size_t i = 0; i < NKEYS; i++) {
		const struct setting_key *k = &setting_keys[i];
		const char *value = setting_value(v, n, k->key);

		if (k->key[strlen(k->key) - 1] == '.')
			continue;
		cli_put_padded(k->key, w + 2);
		if (value)
			printf("%s", value);
		else if (k->dflt)
			printf(_("（未设置，默认：%s）"), _(k->dflt));
		else
			printf("%s", _("（未设置）"));
		printf("%s\n", k->central ? _("  [中心下发]") : "");
	}
	for (size_t i = 0; i < n; i++) {
		const struct setting_key *k = setting_find(v[i].key);

		if (!setting_extra(v[i].key))
			continue;
		cli_put_padded(v[i].key, w + 2);
		printf("%s%s\n", setting_shown(v[i].key, v[i].value),
		       k && k->central ? _("  [中心下发]") : "");
	}
	printf("%s", _("[中心下发]：已登记到中心的工作站，中心下发基础数据时由中心的值覆盖；"
		       "审批部门的印章用 doc.seal.部门全称 设置\n"));
	store_settings_free(v, n);
	return EXIT_OK;
}

int cmd_setting(struct cli *cli, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : NULL;
	struct store *st;
	int rc, json = 0;

	if (!sub || strcmp(sub, "--help") == 0) {
		setting_usage(sub ? stdout : stderr);
		return sub ? EXIT_OK : EXIT_USAGE;
	}
	if (strcmp(sub, "list") == 0) {
		for (int i = 2; i < argc; i++) {
			if (strcmp(argv[i], "--json") == 0) {
				json = 1;
				continue;
			}
			cli_error(_("setting list 不认识参数“%s”"), argv[i]);
			return EXIT_USAGE;
		}
	} else if (strcmp(sub, "set") == 0) {
		if (argc != 4) {
			cli_error("%s", _("setting set 需要键和值两个参数（值有空格时加引号）"));
			setting_usage(stderr);
			return EXIT_USAGE;
		}
	} else if (strcmp(sub, "unset") == 0) {
		if (argc != 3) {
			cli_error("%s", _("setting unset 需要一个键"));
			setting_usage(stderr);
			return EXIT_USAGE;
		}
	} else {
		cli_error(_("setting 没有“%s”这个子命令"), sub);
		setting_usage(stderr);
		return EXIT_USAGE;
	}
	st = cli_open_store(cli, 0);
	if (!st)
		return EXIT_USAGE;
	if (strcmp(sub, "list") == 0)
		rc = setting_list(st, json);
	else if (strcmp(sub, "set") == 0)
		rc = setting_set(st, argv[2], argv[3]);
	else
		rc = setting_unset(st, argv[2]);
	store_close(st);
	return rc;
}
