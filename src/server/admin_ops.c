/*
 * admin_ops.c — the administrator's lists and corrections on central:
 *
 *   conflicts [--all]                    events refused as conflicts, with
 *                                        the reason (open ones; --all also
 *                                        the resolved)
 *   conflicts resolve N --note TEXT      marks one resolved, with a note
 *   terminal list                        every terminal, in use or revoked
 *   terminal revoke NAME|SITE-TT|ID      its token stops working (401)
 *   user list                            every user and whether active
 *   user disable NAME, user enable NAME  reaches the workstations with the
 *                                        reference data (active: false)
 *   batches prune --older-than DAYS      forgets old idempotency answers
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "yichuang/auth.h"
#include "yichuang/util.h"
#include "admin.h"

/* ---- tables ------------------------------------------------------------------ */

#define OPS_MAX_COLS 6

/* Prints a row, each cell padded to its column's display width. */
static void ops_row(const char *const *cells, const int *widths, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fputs(cells[i], stdout);
		if (i + 1 < n)
			for (int w = utf8_width(cells[i]); w < widths[i] + 2; w++)
				putchar(' ');
	}
	putchar('\n');
}

static void ops_widen(int *widths, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int w = utf8_width(cells[i]);

		if (w > widths[i])
			widths[i] = w;
	}
}

/* "2026-11-22T09:15:00+08:00" as "2026-11-22 09:15". */
static const char *ops_when(const char *iso, char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "%.16s", iso ? iso : "");
	if (strlen(buf) > 10 && buf[10] == 'T')
		buf[10] = ' ';
	return buf;
}

/* ---- conflicts ------------------------------------------------------------------ */

static void ops_conflict_print(const struct srv_conflict *k)
{
	int st = k->state ? casefsm_state_from_name(k->state) : -1;
	char when[24];

	printf(_("#%lld  %s  终端 %s  办件 %s\n"), k->n, ops_when(k->stored_at, when, sizeof when),
	       k->ev.terminal ? k->ev.terminal : "?",
	       k->ev.case_number ? k->ev.case_number : "?");
	printf(_("    事件：%s（%s，经办人 %s）  中心的办件状态：%s\n"),
	       casefsm_event_label(k->ev.type), k->ev.id, k->ev.actor ? k->ev.actor : "?",
	       st >= 0 ? casefsm_state_label((enum case_state)st) : (k->state ? k->state : "?"));
	printf(_("    原因：%s\n"), k->reason ? k->reason : "");
	if (k->resolved_at)
		printf(_("    已处理（%s）：%s\n"), ops_when(k->resolved_at, when, sizeof when),
		       k->note ? k->note : "");
}

static int ops_conflicts_resolve(const struct backend_ops *ops, struct bconn *c, int argc,
				 char **argv)
{
	const char *opt = admin_opt(argc, argv, 2, "--note");
	char err[YC_ERRSZ], *end, *note;
	long long n;
	int rc;

	if (argc != 4 || !opt) {
		fprintf(stderr, "%s", _("用法：yichuangd admin conflicts resolve 冲突号 --note 处理说明\n"));
		return 2;
	}
	n = strtoll(argv[1][0] == '#' ? argv[1] + 1 : argv[1], &end, 10);
	if (*end || n < 1) {
		fprintf(stderr, _("yichuangd admin conflicts resolve：冲突号应为正整数（conflicts 列出的 #号），而不是“%s”\n"),
			argv[1]);
		return 2;
	}
	note = yc_trim(argv[3]);		/* argv: resolve N --note TEXT */
	if (strcmp(argv[2], "--note") != 0 || !*note) {
		fprintf(stderr, "%s", _("yichuangd admin conflicts resolve：请用 --note 写明如何处理的（不能为空）\n"));
		return 2;
	}
	if (ops->begin(c, err, sizeof err) != 0) {
		fprintf(stderr, "yichuangd admin conflicts resolve：%s\n", err);
		return 1;
	}
	rc = ops->conflict_resolve(c, n, note, err, sizeof err);
	if (rc < 0 || ops->commit(c, err, sizeof err) != 0) {
		ops->rollback(c);
		fprintf(stderr, "yichuangd admin conflicts resolve：%s\n", err);
		return 1;
	}
	if (rc == 0) {
		fprintf(stderr, _("yichuangd admin conflicts resolve：没有冲突 #%lld；"
				  "yichuangd admin conflicts --all 列出全部冲突\n"), n);
		return 1;
	}
	if (rc == 2) {
		fprintf(stderr, _("yichuangd admin conflicts resolve：冲突 #%lld 已经处理过，"
				  "未改动（conflicts --all 可看处理说明）\n"), n);
		return 1;
	}
	printf(_("冲突 #%lld 已标记为已处理\n"), n);
	return 0;
}

int admin_conflicts(const struct backend_ops *ops, struct bconn *c, int argc, char **argv)
{
	struct srv_conflict *v = NULL;
	char err[YC_ERRSZ];
	size_t n = 0, open = 0;
	int all = 0;

	if (argc >= 1 && strcmp(argv[0], "resolve") == 0)
		return ops_conflicts_resolve(ops, c, argc, argv);
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--all") != 0) {
			admin_usage();
			return 2;
		}
		all = 1;
	}
	if (ops->conflicts_list(c, all, &v, &n, err, sizeof err) != 0) {
		fprintf(stderr, "yichuangd admin conflicts：%s\n", err);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		ops_conflict_print(&v[i]);
		open += v[i].resolved_at == NULL;
	}
	if (n == 0)
		printf("%s", all ? _("没有冲突\n") : _("没有未处理的冲突\n"));
	else if (all)
		printf(_("共 %zu 条冲突，其中 %zu 条未处理\n"), n, open);
	else
		printf(_("共 %zu 条未处理的冲突；处理后用 conflicts resolve 冲突号 --note 说明 标记\n"), n);
	srv_conflicts_free(v, n);
	return 0;
}

/* ---- terminals ------------------------------------------------------------------- */

int admin_terminal_list(const struct backend_ops *ops, struct bconn *c, int argc, char **argv)
{
	struct srv_terminal *v = NULL;
	const char *head[5] = { _("终端"), _("名称"), _("状态"), _("添加时间"), _("终端编号") };
	int widths[OPS_MAX_COLS] = { 0 };
	char err[YC_ERRSZ];
	size_t n = 0;

	(void)argv;
	if (argc != 0) {
		admin_usage();
		return 2;
	}
	if (ops->terminals_list(c, &v, &n, err, sizeof err) != 0) {
		fprintf(stderr, "yichuangd admin terminal list：%s\n", err);
		return 1;
	}
	ops_widen(widths, head, 5);
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1 && n > 0)
			ops_row(head, widths, 5);
		for (size_t i = 0; i < n; i++) {
			char label[32], state[64], created[24], when[24];
			const char *cells[5];

			snprintf(label, sizeof label, "%s-%02d", v[i].t.site, v[i].t.terminal);
			if (v[i].revoked_at[0])
				snprintf(state, sizeof state, _("已吊销 %s"),
					 ops_when(v[i].revoked_at, when, sizeof when));
			else
				snprintf(state, sizeof state, "%s", _("在用"));
			cells[0] = label;
			cells[1] = v[i].t.name;
			cells[2] = state;
			cells[3] = ops_when(v[i].created, created, sizeof created);
			cells[4] = v[i].t.terminal_id;
			if (pass == 0)
				ops_widen(widths, cells, 5);
			else
				ops_row(cells, widths, 5);
		}
	}
	if (n == 0)
		printf("%s", _("还没有终端；用 yichuangd admin terminal add 添加\n"));
	free(v);
	return 0;
}

/* 1 when terminal t is the one `what` names: its id, SITE-TT or name. */
static int ops_terminal_named(const struct srv_terminal *t, const char *what)
{
	char label[32];

	snprintf(label, sizeof label, "%s-%02d", t->t.site, t->t.terminal);
	return strcasecmp(t->t.terminal_id, what) == 0 || strcmp(label, what) == 0 ||
	       strcmp(t->t.name, what) == 0;
}

int admin_terminal_revoke(const struct backend_ops *ops, struct bconn *c, int argc,
			  char **argv)
{
	struct srv_terminal *v = NULL, *hit = NULL;
	char err[YC_ERRSZ], when[24];
	size_t n = 0, nhit = 0, nactive = 0;
	int rc = 1;

	if (argc != 1 || !argv[0][0]) {
		fprintf(stderr, "%s", _("用法：yichuangd admin terminal revoke 名称|终端号（如 539102-03）|终端编号\n"));
		return 2;
	}
	if (ops->terminals_list(c, &v, &n, err, sizeof err) != 0) {
		fprintf(stderr, "yichuangd admin terminal revoke：%s\n", err);
		return 1;
	}
	/* a name used again after a revocation means the terminal in use */
	for (size_t i = 0; i < n; i++)
		if (ops_terminal_named(&v[i], argv[0]) && !v[i].revoked_at[0])
			nactive++;
	for (size_t i = 0; i < n; i++) {
		if (!ops_terminal_named(&v[i], argv[0]) || (nactive > 0 && v[i].revoked_at[0]))
			continue;
		nhit++;
		hit = &v[i];
	}
	if (nhit == 0) {
		fprintf(stderr, _("yichuangd admin terminal revoke：没有终端“%s”；"
				  "yichuangd admin terminal list 列出全部终端\n"), argv[0]);
		goto out;
	}
	if (nhit > 1) {
		fprintf(stderr, _("yichuangd admin terminal revoke：有 %zu 个终端叫“%s”，"
				  "请改用终端号或终端编号：\n"), nhit, argv[0]);
		for (size_t i = 0; i < n; i++)
			if (ops_terminal_named(&v[i], argv[0]) && !v[i].revoked_at[0])
				fprintf(stderr, "  %s-%02d  %s\n", v[i].t.site, v[i].t.terminal,
					v[i].t.terminal_id);
		goto out;
	}
	if (hit->revoked_at[0]) {
		printf(_("终端 %s-%02d（%s）已于 %s 吊销，未改动\n"), hit->t.site, hit->t.terminal,
		       hit->t.name, ops_when(hit->revoked_at, when, sizeof when));
		rc = 0;
		goto out;
	}
	if (ops->begin(c, err, sizeof err) != 0 ||
	    ops->terminal_revoke(c, hit->t.terminal_id, err, sizeof err) < 0 ||
	    ops->commit(c, err, sizeof err) != 0) {
		ops->rollback(c);
		fprintf(stderr, "yichuangd admin terminal revoke：%s\n", err);
		goto out;
	}
	printf(_("已吊销终端 %s-%02d（%s）：它的令牌从现在起无效；已上传的事件保留，"
		 "终端号不再分配\n"), hit->t.site, hit->t.terminal, hit->t.name);
	rc = 0;
out:
	free(v);
	return rc;
}

/* ---- users ------------------------------------------------------------------------ */

static void ops_users_free(struct codec_user *u, size_t n)
{
	struct codec_ref tmp;

	memset(&tmp, 0, sizeof tmp);
	tmp.users = u;
	tmp.nusers = n;
	codec_ref_clear(&tmp);
}

int admin_user_list(const struct backend_ops *ops, struct bconn *c, int argc, char **argv)
{
	struct codec_user *u = NULL;
	const char *head[4] = { _("用户名"), _("角色"), _("部门"), _("状态") };
	int widths[OPS_MAX_COLS] = { 0 };
	char err[YC_ERRSZ];
	size_t n = 0;

	(void)argv;
	if (argc != 0) {
		admin_usage();
		return 2;
	}
	if (ops->users_list(c, &u, &n, err, sizeof err) != 0) {
		fprintf(stderr, "yichuangd admin user list：%s\n", err);
		return 1;
	}
	ops_widen(widths, head, 4);
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1 && n > 0)
			ops_row(head, widths, 4);
		for (size_t i = 0; i < n; i++) {
			enum auth_role r = u[i].role ? auth_role_from_name(u[i].role) : 0;
			const char *cells[4];

			cells[0] = u[i].name ? u[i].name : "";
			cells[1] = r ? auth_role_label(r) : (u[i].role ? u[i].role : "");
			cells[2] = u[i].department && u[i].department[0] ? u[i].department : "—";
			cells[3] = u[i].active ? _("在用") : _("已停用");
			if (pass == 0)
				ops_widen(widths, cells, 4);
			else
				ops_row(cells, widths, 4);
		}
	}
	if (n == 0)
		printf("%s", _("还没有用户；用 yichuangd admin user add 添加\n"));
	ops_users_free(u, n);
	return 0;
}

int admin_user_active(const struct backend_ops *ops, struct bconn *c, int argc, char **argv)
{
	int active = strcmp(argv[0], "enable") == 0, known = 0, rc;
	struct codec_user *u = NULL;
	char err[YC_ERRSZ];
	size_t n = 0;
	long long v;

	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, _("用法：yichuangd admin user %s 用户名\n"), argv[0]);
		return 2;
	}
	if (ops->users_list(c, &u, &n, err, sizeof err) != 0) {
		fprintf(stderr, "yichuangd admin user %s：%s\n", argv[0], err);
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		known |= u[i].name && strcmp(u[i].name, argv[1]) == 0;
	ops_users_free(u, n);
	if (!known) {
		fprintf(stderr, _("yichuangd admin user %s：没有用户“%s”；"
				  "yichuangd admin user list 列出全部用户\n"), argv[0], argv[1]);
		return 1;
	}
	if (ops->begin(c, err, sizeof err) != 0)
		goto fail;
	rc = ops->user_set_active(c, argv[1], active, err, sizeof err);
	/* a change moves the reference version: terminals pull it */
	if (rc < 0 || (rc == 1 && ops->counter_add(c, "ref", 1, &v, err, sizeof err) != 0) ||
	    ops->commit(c, err, sizeof err) != 0) {
		ops->rollback(c);
		goto fail;
	}
	if (rc == 0)
		printf(active ? _("用户 %s 已是在用状态，未改动\n")
			      : _("用户 %s 已是停用状态，未改动\n"), argv[1]);
	else if (active)
		printf(_("已启用用户 %s；各工作站下次同步后生效\n"), argv[1]);
	else
		printf(_("已停用用户 %s；各工作站下次同步后该用户不能再登录或签名\n"), argv[1]);
	return 0;
fail:
	fprintf(stderr, "yichuangd admin user %s：%s\n", argv[0], err);
	return 1;
}

/* ---- batches ------------------------------------------------------------------------ */

int admin_batches(const struct backend_ops *ops, struct bconn *c, int argc, char **argv)
{
	const char *days_s = admin_opt(argc, argv, 1, "--older-than");
	char err[YC_ERRSZ], before[40], *end;
	long long deleted = 0;
	long days;

	if (argc != 3 || strcmp(argv[0], "prune") != 0 || !days_s) {
		fprintf(stderr, "%s", _("用法：yichuangd admin batches prune --older-than 天数\n"));
		return 2;
	}
	days = strtol(days_s, &end, 10);
	if (!*days_s || *end || days < 1 || days > 36500) {
		fprintf(stderr, _("yichuangd admin batches prune：--older-than 应为 1～36500 天，而不是“%s”\n"),
			days_s);
		return 2;
	}
	srv_time_text((long long)time(NULL) - (long long)days * 86400, before, sizeof before);
	if (ops->begin(c, err, sizeof err) != 0 ||
	    ops->batches_prune(c, before, &deleted, err, sizeof err) != 0 ||
	    ops->commit(c, err, sizeof err) != 0) {
		ops->rollback(c);
		fprintf(stderr, "yichuangd admin batches prune：%s\n", err);
		return 1;
	}
	printf(_("已删除 %lld 个 %ld 天前（%s 之前）的推送批次应答\n"), deleted, days,
	       ops_when(before, err, sizeof err));
	return 0;
}
