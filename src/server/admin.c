/*
 * admin.c — `yichuangd admin (--db PATH | --pg CONNINFO) COMMAND`: the
 * administrator's commands on the central database.
 *
 *   terminal add --site CODE --name NAME   a terminal and its bearer token
 *                                          (printed once, last line; only
 *                                          its hash is stored)
 *   user add NAME --role ROLE [--dept D]   password from standard input
 *   catalog import PATH...                 files or directories of .item
 *                                          and .bundle files, checked
 *   calendar import FILE                   one year's official calendar
 *   setting set KEY VALUE                  a setting sent to terminals
 *                                          (doc.* but doc.lp_command,
 *                                          supervise.*)
 *
 * and, in admin_ops.c, the lists and the corrections: conflicts (list,
 * resolve), terminal list and revoke, user list, disable and enable,
 * batches prune.
 *
 * Every change that terminals pull moves the reference version ("ref").
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "yichuang/auth.h"
#include "yichuang/caseno.h"
#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "admin.h"

void admin_usage(void)
{
	fprintf(stderr, "%s", _("用法：yichuangd admin (--db 路径 | --pg 连接串) 命令\n"
				 "  terminal add --site 站点代码 --name 名称\n"
				 "  terminal list\n"
				 "  terminal revoke 名称|终端号|终端编号\n"
				 "  user add 用户名 --role 角色 [--dept 部门]   （密码从标准输入读取）\n"
				 "  user list\n"
				 "  user disable 用户名 | user enable 用户名\n"
				 "  catalog import [--replace] 路径...\n"
				 "  calendar import 文件\n"
				 "  setting set 键 值\n"
				 "  conflicts [--all]\n"
				 "  conflicts resolve 冲突号 --note 处理说明\n"
				 "  batches prune --older-than 天数\n"));
}

const char *admin_opt(int argc, char **argv, int from, const char *name)
{
	for (int i = from; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

int admin_tx(const struct backend_ops *ops, struct bconn *c, int bump,
		    int (*change)(const struct backend_ops *, struct bconn *, void *, char *, size_t),
		    void *arg, char *err, size_t errsz)
{
	long long v;

	if (ops->begin(c, err, errsz) != 0)
		return -1;
	if (change(ops, c, arg, err, errsz) != 0 ||
	    (bump && ops->counter_add(c, "ref", 1, &v, err, errsz) != 0)) {
		ops->rollback(c);
		return -1;
	}
	return ops->commit(c, err, errsz);
}

/* ---- terminal add ---------------------------------------------------------- */

struct admin_terminal {
	const char *site, *name, *token_hash;
	struct codec_terminal t;
};

static int admin_terminal_change(const struct backend_ops *ops, struct bconn *c, void *arg,
				 char *err, size_t errsz)
{
	struct admin_terminal *a = arg;

	return ops->terminal_add(c, a->site, a->name, a->token_hash, &a->t, err, errsz);
}

static int admin_terminal(const struct backend_ops *ops, struct bconn *c, int argc,
			  char **argv)
{
	struct admin_terminal a;
	unsigned char raw[32];
	char token[65], hash[65], err[YC_ERRSZ];

	memset(&a, 0, sizeof a);
	if (argc >= 1 && strcmp(argv[0], "list") == 0)
		return admin_terminal_list(ops, c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "revoke") == 0)
		return admin_terminal_revoke(ops, c, argc - 1, argv + 1);
	if (argc < 1 || strcmp(argv[0], "add") != 0) {
		admin_usage();
		return 2;
	}
	a.site = admin_opt(argc, argv, 1, "--site");
	a.name = admin_opt(argc, argv, 1, "--name");
	if (!a.site || !a.name || !*a.name) {
		fprintf(stderr, "%s", _("yichuangd admin terminal add：需要 --site 站点代码 和 --name 名称\n"));
		return 2;
	}
	if (caseno_site_valid(a.site, err, sizeof err) != 0) {
		fprintf(stderr, "yichuangd admin terminal add：%s\n", err);
		return 2;
	}
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(token, sizeof token, raw, sizeof raw);
	srv_hash_hex(token, strlen(token), hash);
	a.token_hash = hash;
	case_uuid(a.t.terminal_id);
	if (admin_tx(ops, c, 0, admin_terminal_change, &a, err, sizeof err) != 0) {
		fprintf(stderr, "yichuangd admin terminal add：%s\n", err);
		return 1;
	}
	printf(_("终端 %s-%02d：%s\n"), a.t.site, a.t.terminal, a.name);
	printf(_("终端编号 %s\n"), a.t.terminal_id);
	printf("%s", _("令牌（只显示这一次，请交给该终端的管理员）：\n"));
	printf("%s\n", token);
	sodium_memzero(token, sizeof token);
	return 0;
}

/* ---- user add ------------------------------------------------------------------ */

static int admin_user_change(const struct backend_ops *ops, struct bconn *c, void *arg,
			     char *err, size_t errsz)
{
	const struct codec_user *u = arg;
	int rc = ops->user_add(c, u, err, errsz);

	if (rc == 0)
		return yc_seterr(err, errsz, _("用户 %s 已存在"), u->name);
	return rc < 0 ? -1 : 0;
}

static int admin_user(const struct backend_ops *ops, struct bconn *c, int argc, char **argv)
{
	struct codec_user u;
	char pw[512], hash[AUTH_HASH_MAX], err[YC_ERRSZ];
	const char *role;
	enum auth_role r;

	if (argc >= 1 && strcmp(argv[0], "list") == 0)
		return admin_user_list(ops, c, argc - 1, argv + 1);
	if (argc >= 1 && (strcmp(argv[0], "disable") == 0 || strcmp(argv[0], "enable") == 0))
		return admin_user_active(ops, c, argc, argv);
	if (argc < 2 || strcmp(argv[0], "add") != 0 || argv[1][0] == '-') {
		admin_usage();
		return 2;
	}
	memset(&u, 0, sizeof u);
	u.name = argv[1];
	role = admin_opt(argc, argv, 2, "--role");
	u.department = (char *)admin_opt(argc, argv, 2, "--dept");
	if (!user_name_valid(u.name)) {
		fprintf(stderr, _("yichuangd admin user add：用户名“%s”无效（1～64 字节，不含空格）\n"),
			u.name);
		return 2;
	}
	r = role ? auth_role_from_name(role) : 0;
	if (!r) {
		fprintf(stderr, "%s", _("yichuangd admin user add：--role 应为 clerk、approver、issuer、"
					"supervisor 或 admin\n"));
		return 2;
	}
	if (!fgets(pw, sizeof pw, stdin)) {
		fprintf(stderr, "%s", _("yichuangd admin user add：请从标准输入给出密码（一行）\n"));
		return 2;
	}
	pw[strcspn(pw, "\r\n")] = '\0';
	if (auth_hash(pw, hash, sizeof hash, err, sizeof err) != 0) {
		sodium_memzero(pw, sizeof pw);
		fprintf(stderr, "yichuangd admin user add：%s\n", err);
		return 2;
	}
	sodium_memzero(pw, sizeof pw);
	u.role = (char *)auth_role_name(r);
	u.pw_hash = hash;
	u.active = 1;
	if (admin_tx(ops, c, 1, admin_user_change, &u, err, sizeof err) != 0) {
		fprintf(stderr, "yichuangd admin user add：%s\n", err);
		return 1;
	}
	printf(_("已添加用户 %s（%s）\n"), u.name, auth_role_label(r));
	return 0;
}

/* ---- catalog import -------------------------------------------------------------- */

struct admin_files {
	struct codec_file *v;
	size_t n, cap;
	int catalog_version;
};

static int admin_is_catalog_file(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && ((n > 5 && strcmp(name + n - 5, ".item") == 0) ||
				  (n > 7 && strcmp(name + n - 7, ".bundle") == 0));
}

static int admin_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds one file (its base name and text). */
static int admin_add_file(struct admin_files *f, const char *path, char *err, size_t errsz)
{
	const char *base = strrchr(path, '/');
	size_t len;
	char *text;

	base = base ? base + 1 : path;
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].name, base) == 0)
			return yc_seterr(err, errsz, _("%s：目录中已有同名文件 %s"), path, base);
	text = yc_read_file(path, &len, err, errsz);
	if (!text)
		return -1;
	if (f->n == f->cap) {
		size_t ncap = f->cap ? f->cap * 2 : 32;
		struct codec_file *nv = realloc(f->v, ncap * sizeof *nv);

		if (!nv) {
			free(text);
			return yc_seterr(err, errsz, "%s", _("内存不足"));
		}
		f->v = nv;
		f->cap = ncap;
	}
	f->v[f->n].text = text;
	f->v[f->n].name = yc_strdup(base);
	if (!f->v[f->n].name) {
		free(text);
		return yc_seterr(err, errsz, "%s", _("内存不足"));
	}
	f->n++;
	return 0;
}

/* Adds a file, or a directory's catalog files in name order. */
static int admin_add_path(struct admin_files *f, const char *path, char *err, size_t errsz)
{
	struct stat st;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	DIR *d;
	int rc = 0;

	if (stat(path, &st) != 0)
		return yc_seterr(err, errsz, _("%s：找不到这个文件或目录"), path);
	if (!S_ISDIR(st.st_mode))
		return admin_add_file(f, path, err, errsz);
	d = opendir(path);
	if (!d)
		return yc_seterr(err, errsz, _("%s：无法读取目录"), path);
	while ((de = readdir(d))) {
		if (!admin_is_catalog_file(de->d_name))
			continue;
		if (n == cap) {
			char **nv = realloc(names, (cap ? cap * 2 : 32) * sizeof *nv);

			if (!nv) {
				rc = yc_seterr(err, errsz, "%s", _("内存不足"));
				break;
			}
			names = nv;
			cap = cap ? cap * 2 : 32;
		}
		names[n] = yc_strdup(de->d_name);
		if (!names[n]) {
			rc = yc_seterr(err, errsz, "%s", _("内存不足"));
			break;
		}
		n++;
	}
	closedir(d);
	if (rc == 0 && n == 0)
		rc = yc_seterr(err, errsz, _("%s：目录中没有 .item 或 .bundle 文件"), path);
	if (names)
		qsort(names, n, sizeof *names, admin_cmp_str);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		char full[4096];

		snprintf(full, sizeof full, "%s/%s", path, names[i]);
		rc = admin_add_file(f, full, err, errsz);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

static int admin_catalog_change(const struct backend_ops *ops, struct bconn *c, void *arg,
				char *err, size_t errsz)
{
	struct admin_files *f = arg;
	long long v;

	/* the catalog's ref version is the one this transaction makes */
	if (ops->counter_add(c, "ref", 1, &v, err, errsz) != 0)
		return -1;
	return ops->catalog_add(c, f->v, f->n, v, &f->catalog_version, err, errsz);
}

/* 1 when the catalog has an item (bundles: 0) or a bundle (1) of code. */
static int admin_catalog_has(const struct catalog *cat, int bundle, const char *code)
{
	if (bundle) {
		for (size_t i = 0; i < cat->nbundles; i++)
			if (strcmp(cat->bundles[i].code, code) == 0)
				return 1;
		return 0;
	}
	for (size_t i = 0; i < cat->nitems; i++)
		if (strcmp(cat->items[i].code, code) == 0)
			return 1;
	return 0;
}

/* The number of the current catalog's items and bundles that `next` would
 * remove, each listed on stderr; -1 when the current one cannot be read. */
static int admin_catalog_removed(const struct backend_ops *ops, struct bconn *c,
				 const struct catalog *next)
{
	struct codec_file *files = NULL;
	struct catalog cur;
	struct catalog_diags d = { 0 };
	char err[YC_ERRSZ];
	long long ref = 0;
	size_t n = 0;
	int version = 0, gone = 0, found;

	found = ops->catalog_current(c, &version, &ref, &files, &n, err, sizeof err);
	if (found < 0) {
		fprintf(stderr, "yichuangd admin catalog import：%s\n", err);
		return -1;
	}
	catalog_init(&cur);
	for (size_t i = 0; found && i < n; i++)
		catalog_parse_text(&cur, files[i].text, strlen(files[i].text), files[i].name, &d);
	for (size_t i = 0; i < cur.nitems + cur.nbundles; i++) {
		int bundle = i >= cur.nitems;
		const char *code = bundle ? cur.bundles[i - cur.nitems].code : cur.items[i].code;
		const char *name = bundle ? cur.bundles[i - cur.nitems].name : cur.items[i].name;

		if (admin_catalog_has(next, bundle, code))
			continue;
		if (gone++ == 0)
			fprintf(stderr, _("yichuangd admin catalog import：导入的文件是完整的新目录，"
					  "事项目录第 %d 版的以下事项不在其中，导入后将被删除：\n"),
				version);
		fprintf(stderr, bundle ? _("  一件事 %s %s\n") : _("  事项 %s %s\n"), code, name);
	}
	catalog_diags_free(&d);
	catalog_free(&cur);
	for (size_t i = 0; i < n; i++) {
		free(files[i].name);
		free(files[i].text);
	}
	free(files);
	return gone;
}

static int admin_catalog(const struct backend_ops *ops, struct bconn *c, int argc,
			 char **argv)
{
	struct admin_files f;
	struct catalog cat;
	struct catalog_diags d = { 0 };
	char err[YC_ERRSZ], line[1024];
	int rc = 1, replace = 0, paths = 0, gone;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--replace") == 0)
			replace = 1;
		else
			paths++;
	}
	if (argc < 2 || strcmp(argv[0], "import") != 0 || paths == 0) {
		admin_usage();
		return 2;
	}
	memset(&f, 0, sizeof f);
	catalog_init(&cat);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--replace") == 0)
			continue;
		if (admin_add_path(&f, argv[i], err, sizeof err) != 0) {
			fprintf(stderr, "yichuangd admin catalog import：%s\n", err);
			goto out;
		}
	}
	for (size_t i = 0; i < f.n; i++)
		catalog_parse_text(&cat, f.v[i].text, strlen(f.v[i].text), f.v[i].name, &d);
	catalog_validate(&cat, &d);
	for (size_t i = 0; i < d.n; i++)
		fprintf(stderr, "%s\n", catalog_diag_format(&d.v[i], line, sizeof line));
	if (d.nerrors > 0) {
		fprintf(stderr, _("yichuangd admin catalog import：目录有 %zu 处错误，未导入\n"),
			d.nerrors);
		goto out;
	}
	/* an import is the whole catalog: one that would drop items says so
	 * and needs --replace (importing one changed file is the mistake) */
	if (!replace) {
		gone = admin_catalog_removed(ops, c, &cat);
		if (gone < 0)
			goto out;
		if (gone > 0) {
			fprintf(stderr, _("未导入（%d 个将被删除）。只改部分事项时，请连同其余事项文件一起导入"
					  "（例如整个目录）；确要删除它们，请加 --replace\n"), gone);
			goto out;
		}
	}
	if (admin_tx(ops, c, 0, admin_catalog_change, &f, err, sizeof err) != 0) {
		fprintf(stderr, "yichuangd admin catalog import：%s\n", err);
		goto out;
	}
	printf(_("已导入事项目录第 %d 版：%zu 个文件，%zu 个事项，%zu 个一件事\n"),
	       f.catalog_version, f.n, cat.nitems, cat.nbundles);
	rc = 0;
out:
	catalog_diags_free(&d);
	catalog_free(&cat);
	for (size_t i = 0; i < f.n; i++) {
		free(f.v[i].name);
		free(f.v[i].text);
	}
	free(f.v);
	return rc;
}

/* ---- calendar import ------------------------------------------------------------ */

struct admin_calendar {
	int year;
	const char *text;
};

static int admin_calendar_change(const struct backend_ops *ops, struct bconn *c, void *arg,
				 char *err, size_t errsz)
{
	const struct admin_calendar *a = arg;

	return ops->calendar_put(c, a->year, a->text, err, errsz);
}

static int admin_calendar(const struct backend_ops *ops, struct bconn *c, int argc,
			  char **argv)
{
	struct admin_calendar a;
	struct calendar *cal;
	char err[YC_ERRSZ], *text;
	int years[4];
	size_t len, n;

	if (argc != 2 || strcmp(argv[0], "import") != 0) {
		admin_usage();
		return 2;
	}
	text = yc_read_file(argv[1], &len, err, sizeof err);
	if (!text) {
		fprintf(stderr, "yichuangd admin calendar import：%s\n", err);
		return 1;
	}
	cal = calendar_new();
	if (!cal || calendar_parse(cal, text, argv[1], err, sizeof err) != 0) {
		fprintf(stderr, "yichuangd admin calendar import：%s\n", cal ? err : _("内存不足"));
		calendar_free(cal);
		free(text);
		return 1;
	}
	n = calendar_years(cal, years, 4);
	calendar_free(cal);
	if (n != 1) {
		fprintf(stderr, _("yichuangd admin calendar import：%s 应只含一个年份（year 行）\n"),
			argv[1]);
		free(text);
		return 1;
	}
	a.year = years[0];
	a.text = text;
	if (admin_tx(ops, c, 1, admin_calendar_change, &a, err, sizeof err) != 0) {
		fprintf(stderr, "yichuangd admin calendar import：%s\n", err);
		free(text);
		return 1;
	}
	printf(_("已导入 %d 年的官方日历\n"), a.year);
	free(text);
	return 0;
}

/* ---- setting set ------------------------------------------------------------------ */

static int admin_setting_change(const struct backend_ops *ops, struct bconn *c, void *arg,
				char *err, size_t errsz)
{
	char **kv = arg;

	return ops->setting_put(c, kv[0], kv[1], err, errsz);
}

static int admin_setting(const struct backend_ops *ops, struct bconn *c, int argc,
			 char **argv)
{
	char err[YC_ERRSZ];

	if (argc != 3 || strcmp(argv[0], "set") != 0 || !argv[1][0]) {
		admin_usage();
		return 2;
	}
	if (!srv_setting_allowed(argv[1])) {
		fprintf(stderr,
			_("yichuangd admin setting set：中心不分发设置“%s”；只允许 doc.*（如 doc.centre、"
			  "doc.phone、doc.progress_url，doc.lp_command 除外：打印命令只在各工作站本地设置）"
			  "和 supervise.*（如 supervise.warn_days）\n"), argv[1]);
		return 2;
	}
	if (admin_tx(ops, c, 1, admin_setting_change, argv + 1, err, sizeof err) != 0) {
		fprintf(stderr, "yichuangd admin setting set：%s\n", err);
		return 1;
	}
	printf(_("已设置 %s\n"), argv[1]);
	return 0;
}

int admin_main(int argc, char **argv)
{
	const struct backend_ops *ops = NULL;
	const char *where = NULL;
	struct bconn *c;
	char err[YC_ERRSZ];
	int i = 0, rc;

	while (i + 1 < argc && (strcmp(argv[i], "--db") == 0 || strcmp(argv[i], "--pg") == 0)) {
		if (ops) {
			fprintf(stderr, "%s", _("yichuangd admin：--db 与 --pg 只能给一个\n"));
			return 2;
		}
		ops = strcmp(argv[i], "--db") == 0 ? &backend_sqlite : &backend_pg;
		where = argv[i + 1];
		i += 2;
	}
	if (!ops || i >= argc) {
		admin_usage();
		return 2;
	}
	c = ops->connect(where, err, sizeof err);
	if (!c || ops->migrate(c, err, sizeof err) != 0) {
		fprintf(stderr, "yichuangd admin：%s\n", err);
		ops->disconnect(c);
		return 1;
	}
	if (strcmp(argv[i], "terminal") == 0)
		rc = admin_terminal(ops, c, argc - i - 1, argv + i + 1);
	else if (strcmp(argv[i], "user") == 0)
		rc = admin_user(ops, c, argc - i - 1, argv + i + 1);
	else if (strcmp(argv[i], "catalog") == 0)
		rc = admin_catalog(ops, c, argc - i - 1, argv + i + 1);
	else if (strcmp(argv[i], "calendar") == 0)
		rc = admin_calendar(ops, c, argc - i - 1, argv + i + 1);
	else if (strcmp(argv[i], "setting") == 0)
		rc = admin_setting(ops, c, argc - i - 1, argv + i + 1);
	else if (strcmp(argv[i], "conflicts") == 0)
		rc = admin_conflicts(ops, c, argc - i - 1, argv + i + 1);
	else if (strcmp(argv[i], "batches") == 0)
		rc = admin_batches(ops, c, argc - i - 1, argv + i + 1);
	else {
		fprintf(stderr, _("yichuangd admin：未知的命令“%s”\n"), argv[i]);
		admin_usage();
		rc = 2;
	}
	ops->disconnect(c);
	return rc;
}
