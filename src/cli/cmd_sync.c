/*
 * cmd_sync.c — `yichuang sync`: one sync round with central (push the
 * outbox, pull reference data and events), progress on stderr, the events
 * central refused listed with their reasons; `sync --conflicts` lists the
 * open conflicts; `sync --status` prints what the title line shows.
 *
 * Exit codes: 0 all sent and pulled, 1 some events refused, 2 central
 * unreachable (nothing lost: run it again later) or the command could not
 * run at all.
 */
#include <stdio.h>
#include <string.h>

#include "yichuang/casefsm.h"
#include "yichuang/store.h"
#include "yichuang/sync.h"
#include "yichuang/syncstore.h"
#include "yichuang/util.h"
#include "cli.h"
#include "cli_sync.h"

static void sync_usage(FILE *out)
{
	fprintf(out, "%s", _("用法: yichuang [--db 路径] sync [--quiet] [--retries N]\n"
			     "       yichuang [--db 路径] sync --conflicts [--all]\n"
			     "       yichuang [--db 路径] sync --status\n"
			     "\n"
			     "与中心同步一轮：上传待上传的事件，下载基础数据和新事件。\n"
			     "  --quiet        不在标准错误上显示进度\n"
			     "  --retries N    每个请求最多尝试 N 次（默认 4）\n"
			     "  --conflicts    列出中心拒收、待处理的事件（--all 含已处理的）\n"
			     "  --status       显示在线状态、待上传事件数和冲突数\n"
			     "退出码：0 全部完成；1 有事件被中心拒收（列出原因），或中心拒绝同步，\n"
			     "        或中心发来的事件无法写入本机；2 无法连接中心（未丢失任何数据）\n"));
}

/* The event's Chinese name, from its storage name. */
static const char *sync_event_label(const char *name)
{
	int t = casefsm_event_from_name(name);

	return t >= 0 ? casefsm_event_label((enum case_event_type)t) : name;
}

static const char *sync_state_label(const char *name)
{
	int s = casefsm_state_from_name(name);

	return s >= 0 ? casefsm_state_label((enum case_state)s) : name;
}

/* Prints one refused event: number, event, why. */
static void sync_print_refusal(const char *number, const char *type, const char *status,
			       const char *state, const char *reason)
{
	printf("  %s  %s  %s", number, sync_event_label(type),
	       strcmp(status, "conflict") == 0 ? _("冲突") : _("无效"));
	if (state && *state)
		printf(_("（中心状态：%s）"), sync_state_label(state));
	printf("：%s\n", reason);
}

static int sync_cmd_conflicts(struct store *st, int all)
{
	struct syncstore_conflict *v = NULL;
	char err[YC_ERRSZ];
	size_t n = 0;
	int open = 0;

	if (syncstore_conflicts(st, all, &v, &n, err, sizeof err) != 0) {
		cli_error("%s", err);
		return EXIT_USAGE;
	}
	if (n == 0)
		printf("%s\n", _("没有待处理的冲突"));
	for (size_t i = 0; i < n; i++) {
		sync_print_refusal(v[i].case_number, v[i].event_type, v[i].status,
				   v[i].server_state, v[i].reason ? v[i].reason : "");
		if (v[i].resolved)
			printf(_("    已处理：%s\n"), v[i].resolution ? v[i].resolution : "");
		else
			open++;
	}
	syncstore_conflicts_free(v, n);
	return open > 0 ? EXIT_FAIL : EXIT_OK;
}

static int sync_cmd_status(struct store *st)
{
	struct sync_status s;
	char err[YC_ERRSZ];

	if (sync_status(st, &s, err, sizeof err) != 0) {
		cli_error("%s", err);
		return EXIT_USAGE;
	}
	if (!s.configured)
		printf("%s\n", _("状态：未登记中心（单机）"));
	else
		printf(_("状态：%s\n"), s.online ? _("在线") : _("离线"));
	printf(_("待上传事件：%d\n"), s.pending);
	printf(_("待处理冲突：%d\n"), s.conflicts);
	if (s.last_ok_at[0])
		printf(_("上次同步成功：%s\n"), s.last_ok_at);
	if (s.last_error[0])
		printf(_("上次错误：%s\n"), s.last_error);
	return EXIT_OK;
}

int cli_sync_report(int rc, const struct sync_report *rep, const char *err)
{
	/* 2 only when central could not be reached (or this database not
	 * used); whenever central refused events the answer is 1, with them */
	int code = EXIT_OK;

	if (rc < 0) {
		cli_error("%s", err);
		code = EXIT_USAGE;
	} else if (rep->error[0] && (rc == SYNC_UNREACHABLE || rep->nrefused > 0)) {
		if (rep->cause == SYNC_CAUSE_NETWORK || rep->cause == SYNC_CAUSE_NONE) {
			cli_error(_("无法完成同步：%s；本机数据没有丢失，请稍后再运行 yichuang sync"),
				  rep->error);
			code = 2;
		} else {
			/* central answered no: waiting will not help */
			cli_error(_("中心拒绝同步：%s；本机数据没有丢失"), rep->error);
			code = EXIT_FAIL;
		}
	} else {
		printf(_("同步完成：上传 %d 个事件，中心拒收 %d 个；下载 %d 个新事件（新办件 %d 个）\n"),
		       rep->push.accepted, rep->push.refused, rep->pull.added,
		       rep->pull.cases_created);
	}
	if (rep->nrefused > 0) {
		printf("%s\n", _("中心拒收的事件（已记入冲突清单，请处理）："));
		for (size_t i = 0; i < rep->nrefused; i++)
			sync_print_refusal(rep->refused[i].case_number, rep->refused[i].event_type,
					   rep->refused[i].status, rep->refused[i].server_state,
					   rep->refused[i].reason);
		code = EXIT_FAIL;
	}
	if (rc >= 0 && rep->stuck[0]) {
		cli_error(_("下载停在位置 %lld：中心发来的事件无法写入本机：%s"), rep->stuck_at,
			  rep->stuck);
		code = EXIT_FAIL;
	}
	return code;
}

int cmd_sync(struct cli *cli, int argc, char **argv)
{
	struct sync_config cfg;
	struct sync_report rep;
	struct store *st;
	char err[YC_ERRSZ] = "";
	int quiet = 0, conflicts = 0, all = 0, status = 0, rc;

	memset(&cfg, 0, sizeof cfg);
	for (int i = 1; i < argc; i++) {
		const char *val = NULL;

		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			sync_usage(stdout);
			return EXIT_OK;
		} else if (strcmp(argv[i], "--quiet") == 0) {
			quiet = 1;
		} else if (strcmp(argv[i], "--conflicts") == 0) {
			conflicts = 1;
		} else if (strcmp(argv[i], "--all") == 0) {
			all = 1;
		} else if (strcmp(argv[i], "--status") == 0) {
			status = 1;
		} else if (cli_option(argc, argv, &i, "--retries", &val)) {
			if (!val || sscanf(val, "%d", &cfg.retries) != 1 || cfg.retries < 1 ||
			    cfg.retries > 20) {
				cli_error(_("--retries 需要 1 到 20 的整数"));
				sync_usage(stderr);
				return EXIT_USAGE;
			}
		} else {
			cli_error(_("sync 不认识参数 “%s”"), argv[i]);
			sync_usage(stderr);
			return EXIT_USAGE;
		}
	}
	st = cli_open_store(cli, 0);
	if (!st)
		return EXIT_USAGE;
	if (conflicts || status) {
		rc = conflicts ? sync_cmd_conflicts(st, all) : sync_cmd_status(st);
		store_close(st);
		return rc;
	}
	cfg.progress = quiet ? NULL : stderr;
	rc = sync_round(st, &cfg, &rep, err, sizeof err);
	rc = cli_sync_report(rc, &rep, err);
	sync_report_free(&rep);
	store_close(st);
	return rc;
}
