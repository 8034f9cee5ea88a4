/*
 * main.c — yichuangd, the central service: options and configuration
 * file, the backend (SQLite or PostgreSQL), the HTTP server, and a clean
 * shutdown on SIGTERM or SIGINT.  `yichuangd admin ...` runs the
 * administration commands (admin.c) instead.
 */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "yichuang/util.h"
#include "http.h"
#include "server.h"

static int stop_pipe[2] = { -1, -1 };

/* Signals only write to the pipe the main thread waits on. */
static void on_signal(int sig)
{
	int saved = errno;
	char c = (char)sig;

	if (write(stop_pipe[1], &c, 1) < 0) {
		/* nothing to do: a byte is already waiting */
	}
	errno = saved;
}

static void usage(FILE *f)
{
	fprintf(f, "%s", _("用法：yichuangd [--config 文件] [--listen 主机:端口] (--db 路径 | --pg 连接串)\n"
			   "                 [--tls-cert 文件 --tls-key 文件] [--site 站点代码] [--threads N]\n"
			   "                 [--progress-rate 每分钟次数] [--progress-burst 次数] [--trust-proxy 地址]\n"
			   "       yichuangd admin (--db 路径 | --pg 连接串) 命令 ...\n"
			   "       yichuangd --version\n"
			   "详见 yichuangd(8)。\n"));
}

/* Maps an option to its configuration key, NULL when it is none. */
static const char *option_key(const char *opt)
{
	static const char *const keys[] = {
		"listen", "db", "pg", "tls-cert", "tls-key", "site", "threads", "body-limit",
		"progress-rate", "progress-burst", "trust-proxy"
	};

	if (strncmp(opt, "--", 2) != 0)
		return NULL;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(opt + 2, keys[i]) == 0)
			return keys[i];
	return NULL;
}

/* Reads the command line (and the --config file under it) into cfg.
 * Returns 0, 1 when it printed help or version, or -1. */
static int parse_args(int argc, char **argv, struct srv_config *cfg)
{
	const char *config = NULL;
	char err[YC_ERRSZ];

	for (int i = 1; i < argc; i++) {
		const char *key = option_key(argv[i]);

		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 1;
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("yichuangd %s\n", YC_VERSION);
			return 1;
		}
		if (!key && strcmp(argv[i], "--config") != 0) {
			fprintf(stderr, _("yichuangd：未知的选项“%s”\n"), argv[i]);
			usage(stderr);
			return -1;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, _("yichuangd：选项 %s 缺少值\n"), argv[i]);
			return -1;
		}
		if (!key) {
			config = argv[++i];
			continue;
		}
		if (srv_config_set(cfg, key, argv[++i], 0, err, sizeof err) != 0) {
			fprintf(stderr, "yichuangd：%s\n", err);
			return -1;
		}
	}
	if (config && srv_config_file(cfg, config, err, sizeof err) != 0) {
		fprintf(stderr, "yichuangd：%s\n", err);
		return -1;
	}
	if ((cfg->db != NULL) == (cfg->pg != NULL)) {
		fprintf(stderr, "%s", _("yichuangd：请给出 --db 路径（SQLite）或 --pg 连接串（PostgreSQL），二者选一\n"));
		return -1;
	}
	if (!cfg->listen &&
	    srv_config_set(cfg, "listen", "127.0.0.1:8080", 0, err, sizeof err) != 0) {
		fprintf(stderr, "yichuangd：%s\n", err);
		return -1;
	}
	return 0;
}

static int serve(struct srv_config *cfg)
{
	const struct backend_ops *ops = cfg->pg ? &backend_pg : &backend_sqlite;
	struct sigaction sa;
	struct http_server *http;
	struct pool *pool;
	struct api api;
	char err[YC_ERRSZ], c;

	if (pipe(stop_pipe) != 0) {
		perror("yichuangd: pipe");
		return 1;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	pool = pool_open(ops, cfg->pg ? cfg->pg : cfg->db, cfg->threads + 1, err, sizeof err);
	if (!pool) {
		fprintf(stderr, "yichuangd：%s\n", err);
		return 1;
	}
	if (api_init(&api, pool, cfg, err, sizeof err) != 0) {
		fprintf(stderr, "yichuangd：%s\n", err);
		pool_close(pool);
		return 1;
	}
	http = http_start(&api, cfg, err, sizeof err);
	if (!http) {
		fprintf(stderr, "yichuangd：%s\n", err);
		api_free(&api);
		pool_close(pool);
		return 1;
	}
	{
		const char *colon = strrchr(cfg->listen, ':');

		fprintf(stderr, _("yichuangd：在 %.*s:%d 上服务（%s%s）\n"),
			(int)(colon - cfg->listen), cfg->listen, http_port(http),
			cfg->tls_cert ? "https, " : "", ops->name);
	}
	while (read(stop_pipe[0], &c, 1) < 0 && errno == EINTR)
		;
	fprintf(stderr, "%s", _("yichuangd：收到停止信号，等待进行中的请求结束\n"));
	http_stop(http, 30);
	api_free(&api);
	pool_close(pool);
	fprintf(stderr, "%s", _("yichuangd：已停止\n"));
	return 0;
}

int main(int argc, char **argv)
{
	struct srv_config cfg;
	int rc;

	setlocale(LC_ALL, "");
	bindtextdomain("yichuang", YC_LOCALEDIR);
	textdomain("yichuang");
	if (sodium_init() < 0) {
		fprintf(stderr, "%s", _("yichuangd：libsodium 初始化失败\n"));
		return 1;
	}
	if (argc > 1 && strcmp(argv[1], "admin") == 0)
		return admin_main(argc - 2, argv + 2);
	srv_config_init(&cfg);
	rc = parse_args(argc, argv, &cfg);
	if (rc == 0)
		rc = serve(&cfg);
	else
		rc = rc > 0 ? 0 : 2;
	srv_config_free(&cfg);
	return rc;
}
