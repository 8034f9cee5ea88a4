/*
 * cmd_init.c — `yichuang init --site CODE --terminal N`: creates the
 * workstation database and records the terminal's identity, which every
 * case number it issues will carry.  An initialised database is never
 * re-initialised.
 *
 * `yichuang init --server URL --token TOKEN` registers the workstation
 * with central instead: the identity comes from central's answer, then
 * reference data (catalog, calendars, users) and the events are pulled.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yichuang/store.h"
#include "yichuang/sync.h"
#include "yichuang/util.h"
#include "cli.h"
#include "cli_sync.h"

static void init_usage(FILE *out)
{
	fprintf(out, "%s", _("用法: yichuang [--db 路径] init --site 站点代码 --terminal 终端号\n"
			     "       yichuang [--db 路径] init --server 地址 --token 令牌 [--ca-file CA证书.pem]\n"
			     "\n"
			     "创建工作站数据库，并记录本终端的身份（以后不能更改）。\n"
			     "  --site 站点代码      1 到 12 个字符：数字和大写字母 ABCDEFGHJKLMNPQRTUWXY\n"
			     "  --terminal 终端号    1 到 99\n"
			     "  --server 地址        向中心登记（如 http://10.0.0.5:8080），身份由中心分配，\n"
			     "                       并下载事项目录、日历、用户和办件\n"
			     "  --token 令牌         管理员用 yichuangd admin terminal add 生成的终端令牌\n"
			     "  --ca-file 文件       中心的 HTTPS 证书为自签名或由单位内部 CA 签发时，\n"
			     "                       信任该 PEM 文件中的 CA 证书（存入数据库，以后每次同步都用）\n"));
}

/* Parses a terminal number 1..99; -1 when it is not one. */
static int init_parse_terminal(const char *s)
{
	char *end;
	long v;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 1 || v > 99)
		return -1;
	return (int)v;
}

/* Reads the CA certificates of --ca-file (allocated); NULL after saying
 * why it cannot be used. */
static char *init_read_ca(const char *path)
{
	char err[YC_ERRSZ];
	size_t len = 0;
	char *pem = yc_read_file(path, &len, err, sizeof err);

	if (!pem) {
		cli_error(_("无法读取 CA 证书文件：%s"), err);
		return NULL;
	}
	if (len > SYNC_CA_MAX || strlen(pem) != len ||
	    !strstr(pem, "-----BEGIN CERTIFICATE-----")) {
		cli_error(_("%s 不是 PEM 格式的 CA 证书（应含“-----BEGIN CERTIFICATE-----”，"
			    "不超过 %d 字节）；请向中心管理员索取签发中心证书的 CA 证书"),
			  path, SYNC_CA_MAX);
		free(pem);
		return NULL;
	}
	return pem;
}

/* Removes the database file an init that failed created (and SQLite's
 * companions of it), so that a retry starts clean and nothing half-made is
 * left for the program to open. */
static void init_discard(const char *path)
{
	static const char *const tails[] = { "", "-wal", "-shm", "-journal" };
	char name[PATH_MAX + 16];

	for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		snprintf(name, sizeof name, "%s%s", path, tails[i]);
		if (unlink(name) != 0 && errno != ENOENT)
			cli_warn(_("未能删除未初始化的数据库文件 %s：%s"), name, strerror(errno));
	}
}

/* `init --server URL --token TOKEN [--ca-file PEM]`: registration, then
 * one sync round. */
static int init_register(struct cli *cli, const char *server, const char *token,
			 const char *ca_file)
{
	struct sync_config cfg;
	struct sync_report rep;
	struct codec_terminal t;
	struct store *st;
	char err[YC_ERRSZ] = "";
	char *ca = NULL;
	struct stat sb;
	int rc, existed;

	memset(&cfg, 0, sizeof cfg);
	cfg.progress = stderr;
	if (ca_file) {
		ca = init_read_ca(ca_file);
		if (!ca)
			return EXIT_USAGE;
		cfg.ca_pem = ca;
	}
	existed = stat(cli->db_path, &sb) == 0;
	st = cli_open_store(cli, 1);
	if (!st) {
		free(ca);
		return EXIT_USAGE;
	}
	rc = sync_register(st, server, token, &cfg, &t, &rep, err, sizeof err);
	free(ca);
	if (t.site[0]) {
		char site[32];
		int terminal = 0;

		/* Registered when the database now carries central's identity. */
		if (store_terminal(st, site, sizeof site, &terminal) == 1 &&
		    strcmp(site, t.site) == 0 && terminal == t.terminal) {
			printf(_("已向中心 %s 登记工作站数据库 %s\n"), server, store_path(st));
			printf(_("  站点代码：%s\n"), site);
			printf(_("  终端号：%d\n"), terminal);
			printf(_("  名称：%s\n"), t.name);
		}
	} else if (rc == SYNC_UNREACHABLE) {
		/* the advice fits the cause: a certificate problem is neither
		 * the address nor the token */
		const char *hint = rep.cause == SYNC_CAUSE_TLS ? ""
				 : rep.cause == SYNC_CAUSE_TOKEN ? _("，请向管理员确认令牌后重试")
				 : rep.cause == SYNC_CAUSE_REFUSED ? ""
				 : _("，请检查中心地址和网络后重试");

		if (existed)
			cli_error(_("无法向中心 %s 登记：%s；数据库未改动%s"), server, rep.error, hint);
		else
			cli_error(_("无法向中心 %s 登记：%s；数据库未初始化%s"), server, rep.error, hint);
		/* 2: central out of reach, try later; 1: it answered no */
		rc = rep.cause == SYNC_CAUSE_NETWORK ? 2 : EXIT_FAIL;
		sync_report_free(&rep);
		store_close(st);
		if (!existed)
			init_discard(cli->db_path);
		return rc;
	}
	rc = cli_sync_report(rc, &rep, err);
	sync_report_free(&rep);
	store_close(st);
	if (!t.site[0] && !existed)
		init_discard(cli->db_path);
	return rc;
}

int cmd_init(struct cli *cli, int argc, char **argv)
{
	const char *site = NULL, *term_text = NULL, *server = NULL, *token = NULL;
	const char *ca_file = NULL;
	char err[YC_ERRSZ];
	char old_site[32];
	struct store *st;
	struct stat sb;
	int terminal, old_terminal = 0, rc, existed;

	for (int i = 1; i < argc; i++) {
		const char *val = NULL;

		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			init_usage(stdout);
			return EXIT_OK;
		}
		if (cli_option(argc, argv, &i, "--site", &val)) {
			if (!val || !*val) {
				cli_error(_("--site 需要站点代码"));
				init_usage(stderr);
				return EXIT_USAGE;
			}
			site = val;
		} else if (cli_option(argc, argv, &i, "--terminal", &val)) {
			if (!val || !*val) {
				cli_error(_("--terminal 需要终端号"));
				init_usage(stderr);
				return EXIT_USAGE;
			}
			term_text = val;
		} else if (cli_option(argc, argv, &i, "--server", &val)) {
			if (!val || !*val) {
				cli_error(_("--server 需要中心地址"));
				init_usage(stderr);
				return EXIT_USAGE;
			}
			server = val;
		} else if (cli_option(argc, argv, &i, "--token", &val)) {
			if (!val || !*val) {
				cli_error(_("--token 需要终端令牌"));
				init_usage(stderr);
				return EXIT_USAGE;
			}
			token = val;
		} else if (cli_option(argc, argv, &i, "--ca-file", &val)) {
			if (!val || !*val) {
				cli_error(_("--ca-file 需要 PEM 格式的 CA 证书文件"));
				init_usage(stderr);
				return EXIT_USAGE;
			}
			ca_file = val;
		} else {
			cli_error(_("init 不认识参数 “%s”"), argv[i]);
			init_usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (ca_file && !server) {
		cli_error(_("--ca-file 只用于向中心登记（--server 和 --token）"));
		init_usage(stderr);
		return EXIT_USAGE;
	}
	if (server || token) {
		if (site || term_text) {
			cli_error(_("--server 登记时身份由中心分配，不能同时给 --site 或 --terminal"));
			init_usage(stderr);
			return EXIT_USAGE;
		}
		if (!server || !token) {
			cli_error(_("向中心登记需要同时给出 --server 和 --token"));
			init_usage(stderr);
			return EXIT_USAGE;
		}
		return init_register(cli, server, token, ca_file);
	}
	if (!site || !term_text) {
		cli_error(_("init 需要 --site 和 --terminal（或 --server 和 --token）"));
		init_usage(stderr);
		return EXIT_USAGE;
	}
	if (!store_site_valid(site)) {
		cli_error(_("站点代码 “%s” 无效：应为 1 到 12 个字符，只用数字和大写字母"
			    " ABCDEFGHJKLMNPQRTUWXY"), site);
		init_usage(stderr);
		return EXIT_USAGE;
	}
	terminal = init_parse_terminal(term_text);
	if (terminal < 0) {
		cli_error(_("终端号 “%s” 无效：应为 1 到 99 的整数"), term_text);
		init_usage(stderr);
		return EXIT_USAGE;
	}

	existed = stat(cli->db_path, &sb) == 0;
	st = cli_open_store(cli, 1);
	if (!st)
		return EXIT_USAGE;
	rc = store_terminal(st, old_site, sizeof old_site, &old_terminal);
	if (rc == 1) {
		cli_error(_("数据库 %s 已经初始化为站点 %s、终端 %d；工作站身份不能更改，"
			    "如需新身份请用 --db 指定新的数据库文件"),
			  store_path(st), old_site, old_terminal);
		store_close(st);
		return EXIT_FAIL;
	}
	if (rc < 0 || store_init_terminal(st, site, terminal, err, sizeof err) != 0) {
		if (rc < 0)
			snprintf(err, sizeof err, _("无法读取数据库 %s 的工作站身份"), store_path(st));
		cli_error("%s", err);
		store_close(st);
		if (!existed)
			init_discard(cli->db_path);
		return EXIT_FAIL;
	}
	printf(_("已初始化工作站数据库 %s\n"), store_path(st));
	printf(_("  站点代码：%s\n"), site);
	printf(_("  终端号：%d\n"), terminal);
	printf(_("  数据库结构版本：%d\n"), store_schema_version());
	store_close(st);
	return EXIT_OK;
}
