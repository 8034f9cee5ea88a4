/*
 * cmd_backoffice.c — the back office and the issuing window on the
 * command line: one action on a case per call (`case review|special|
 * resume|extend|decide|result|notify|deliver|archive|withdraw`) and what
 * the back-office commands share (cli_backoffice.h; the queue and
 * supervision: cmd_supervise.c; 一件事: cmd_bundle.c).  Every action names
 * the user who acts (--user), who signs it with their password on
 * standard input (one line; `case result` two: approver, issuer), and the
 * store checks that user's role and department; the date is today
 * (YICHUANG_TODAY in tests and training).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
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

/* ---- shared ---------------------------------------------------------------- */

int cli_read_password(const char *prompt, char *buf, size_t bufsz)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO), echo_off = 0;
	size_t n;

	if (tty) {
		fputs(prompt, stderr);
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			echo_off = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
		}
	}
	if (!fgets(buf, (int)bufsz, stdin))
		buf[0] = '\0';
	if (echo_off) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	if (n == 0) {
		cli_error(_("没有读到密码：签名须在标准输入的一行中给出签名人的密码"));
		return -1;
	}
	return 0;
}

/* Parses argv[1..]: the options in opts and at most maxpos positional
 * arguments.  EXIT_OK, or EXIT_USAGE with the message printed. */
int bo_parse(const char *cmd, int argc, char **argv, struct bo_opt *opts,
		    size_t nopts, const char **pos, size_t maxpos, size_t *npos)
{
	*npos = 0;
	for (int i = 1; i < argc; i++) {
		int matched = 0;

		for (size_t k = 0; k < nopts && !matched; k++) {
			const char *val = NULL;

			if (!opts[k].has_value) {
				if (strcmp(argv[i], opts[k].name) == 0)
					matched = opts[k].given = 1;
				continue;
			}
			if (!cli_option(argc, argv, &i, opts[k].name, &val))
				continue;
			if (!val || !*val) {
				cli_error(_("%s 的选项 %s 需要一个值"), cmd, opts[k].name);
				return EXIT_USAGE;
			}
			opts[k].value = val;
			matched = opts[k].given = 1;
		}
		if (matched)
			continue;
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cli_error(_("%s 不认识选项 “%s”"), cmd, argv[i]);
			return EXIT_USAGE;
		}
		if (*npos >= maxpos) {
			cli_error(_("%s 多了参数 “%s”"), cmd, argv[i]);
			return EXIT_USAGE;
		}
		pos[(*npos)++] = argv[i];
	}
	return EXIT_OK;
}

int bo_open(struct cli *cli, struct bo_ctx *c)
{
	memset(c, 0, sizeof *c);
	c->cal = cli_load_calendar(cli);
	if (!c->cal)
		return -1;
	c->st = cli_open_store(cli, 0);
	if (!c->st) {
		calendar_free(c->cal);
		return -1;
	}
	c->day = date_today();
	return 0;
}

void bo_close(struct bo_ctx *c)
{
	store_close(c->st);
	calendar_free(c->cal);
}

/* The password of `user` from standard input, checked: the user signs
 * the action.  0, or -1 with the reason in err. */
int bo_sign(struct bo_ctx *c, const char *user, char *err, size_t errsz)
{
	char pw[256];
	int rc;

	if (cli_read_password(_("密码："), pw, sizeof pw) != 0)
		return yc_seterr(err, errsz,
				 _("办理须由经办人签名：请在标准输入的一行中给出用户“%s”的密码"),
				 user ? user : "");
	rc = backoffice_check_password(c->st, user, pw, err, errsz);
	explicit_bzero(pw, sizeof pw);
	return rc;
}

/* After an action: "办件 N：审查中，承诺办结日 YYYY-MM-DD". */
static void bo_print_state(struct bo_ctx *c, const char *number)
{
	struct case_record r;
	char err[YC_ERRSZ], label[128], d[16];

	if (case_load(c->st, c->cal, number, &r, err, sizeof err) != 1)
		return;
	printf(_("办件 %s：%s"), r.number, casefsm_fold_label(&r.fold, label, sizeof label));
	if (r.fold.promised_on)
		printf(_("，承诺办结日 %s"), date_format(r.fold.promised_on, d, sizeof d));
	putchar('\n');
	case_record_free(&r);
}

/* ---- the actions -------------------------------------------------------- */

enum bo_action {
	BO_REVIEW, BO_SPECIAL, BO_RESUME, BO_EXTEND, BO_DECIDE, BO_RESULT, BO_NOTIFY,
	BO_DELIVER, BO_ARCHIVE, BO_WITHDRAW
};

static const struct {
	const char *name;
	enum bo_action action;
	const char *usage;
} bo_actions[] = {
	{ "review", BO_REVIEW, N_("case review 办件编号 --user 审批人（材料全为电子的办件直接开始审查）") },
	{ "special", BO_SPECIAL, N_("case special 办件编号 --user 审批人 --procedure hearing|inspection|expert|other --reason 理由 [--until 预计结束日期]") },
	{ "resume", BO_RESUME, N_("case resume 办件编号 --user 审批人（特别程序结束）") },
	{ "extend", BO_EXTEND, N_("case extend 办件编号 --user 审批人 --days 1..10 --reason 理由") },
	{ "decide", BO_DECIDE, N_("case decide 办件编号 --user 审批人 --approve --licence 证号 [--result 结果名称] [--valid-until 日期]\n"
				  "       yichuang [--db 路径] case decide 办件编号 --user 审批人 --deny --reason 理由 [--remedies 救济途径]") },
	{ "result", BO_RESULT, N_("case result 办件编号 --user 审批人 --to 出件人（两行密码：审批人、出件人）") },
	{ "notify", BO_NOTIFY, N_("case notify 办件编号 --user 出件人 --channel phone|sms|other [--note 说明]") },
	{ "deliver", BO_DELIVER, N_("case deliver 办件编号 --user 出件人 --pickup --name 领取人 --id-no 证件号码 --confirmed [--authorised]\n"
				    "       yichuang [--db 路径] case deliver 办件编号 --user 出件人 --post --waybill 运单号 --address 地址 --recipient 收件人") },
	{ "archive", BO_ARCHIVE, N_("case archive 办件编号 --user 出件人") },
	{ "withdraw", BO_WITHDRAW, N_("case withdraw 办件编号 --user 窗口人员 --reason 申请人撤回的理由") },
};

enum {
	O_USER, O_PROCEDURE, O_REASON, O_DAYS, O_APPROVE, O_DENY, O_LICENCE, O_RESULT,
	O_VALID, O_REMEDIES, O_TO, O_CHANNEL, O_NOTE, O_PICKUP, O_POST, O_NAME, O_IDNO,
	O_CONFIRMED, O_WAYBILL, O_ADDRESS, O_RECIPIENT, O_AUTHORISED, O_UNTIL, O_COUNT
};

static void bo_opts_init(struct bo_opt *o)
{
	static const struct {
		const char *name;
		int has_value;
	} defs[O_COUNT] = {
		[O_USER] = { "--user", 1 }, [O_PROCEDURE] = { "--procedure", 1 },
		[O_REASON] = { "--reason", 1 }, [O_DAYS] = { "--days", 1 },
		[O_APPROVE] = { "--approve", 0 }, [O_DENY] = { "--deny", 0 },
		[O_LICENCE] = { "--licence", 1 }, [O_RESULT] = { "--result", 1 },
		[O_VALID] = { "--valid-until", 1 }, [O_REMEDIES] = { "--remedies", 1 },
		[O_TO] = { "--to", 1 }, [O_CHANNEL] = { "--channel", 1 },
		[O_NOTE] = { "--note", 1 }, [O_PICKUP] = { "--pickup", 0 },
		[O_POST] = { "--post", 0 }, [O_NAME] = { "--name", 1 },
		[O_IDNO] = { "--id-no", 1 }, [O_CONFIRMED] = { "--confirmed", 0 },
		[O_WAYBILL] = { "--waybill", 1 }, [O_ADDRESS] = { "--address", 1 },
		[O_RECIPIENT] = { "--recipient", 1 }, [O_AUTHORISED] = { "--authorised", 0 },
		[O_UNTIL] = { "--until", 1 },
	};

	for (int i = 0; i < O_COUNT; i++) {
		o[i].name = defs[i].name;
		o[i].has_value = defs[i].has_value;
		o[i].value = NULL;
		o[i].given = 0;
	}
}

/* Options that make sense for each action (others are refused). */
static int bo_allowed(enum bo_action a, int opt)
{
	static const unsigned long masks[] = {
		[BO_REVIEW] = 0,
		[BO_SPECIAL] = 1ul << O_PROCEDURE | 1ul << O_REASON | 1ul << O_UNTIL,
		[BO_RESUME] = 0,
		[BO_EXTEND] = 1ul << O_DAYS | 1ul << O_REASON,
		[BO_DECIDE] = 1ul << O_APPROVE | 1ul << O_DENY | 1ul << O_LICENCE |
			      1ul << O_RESULT | 1ul << O_VALID | 1ul << O_REMEDIES | 1ul << O_REASON,
		[BO_RESULT] = 1ul << O_TO,
		[BO_NOTIFY] = 1ul << O_CHANNEL | 1ul << O_NOTE,
		[BO_DELIVER] = 1ul << O_PICKUP | 1ul << O_POST | 1ul << O_NAME | 1ul << O_IDNO |
			       1ul << O_CONFIRMED | 1ul << O_WAYBILL | 1ul << O_ADDRESS |
			       1ul << O_RECIPIENT | 1ul << O_AUTHORISED,
		[BO_ARCHIVE] = 0,
		[BO_WITHDRAW] = 1ul << O_REASON,
	};

	return opt == O_USER || (masks[a] & (1ul << opt)) != 0;
}

/* `case result`: a results register of one case, signed at once by the
 * approver (sender) and the issuer (receiver), passwords on stdin. */
static int bo_result(struct bo_ctx *c, const char *number, const char *user, const char *to,
		     char *err, size_t errsz)
{
	char dept[256], reg[REGISTER_NUMBER_MAX], pw1[256], pw2[256];
	const char *refs[1] = { number };
	int rc = backoffice_case_department(c->st, number, dept, sizeof dept, err, errsz);

	if (rc == 0)
		return yc_seterr(err, errsz, _("没有编号为 %s 的办件，或其事项不在本机目录中"), number);
	if (rc < 0)
		return -1;
	if (cli_read_password(_("审批人密码："), pw1, sizeof pw1) != 0 ||
	    cli_read_password(_("出件人密码："), pw2, sizeof pw2) != 0)
		return yc_seterr(err, errsz, _("结果交接须由双方签名：请在标准输入给出两行密码（审批人、出件人）"));
	if (register_create(c->st, c->cal, REGISTER_RESULTS, dept, refs, 1, user, c->day, reg,
			    err, errsz) != 0)
		return -1;
	if (register_sign(c->st, c->cal, reg, REGISTER_SENDER, user, pw1, c->day, NULL, 0,
			  err, errsz) != 0 ||
	    register_sign(c->st, c->cal, reg, REGISTER_RECEIVER, to, pw2, c->day, NULL, 0,
			  err, errsz) != 0) {
		size_t n = strlen(err);

		snprintf(err + n, errsz - n, _("（交接单 %s 已建立，可用 handover sign 继续签署）"), reg);
		return -1;
	}
	printf(_("办理结果交接单 %s 已由 %s 移交、%s 签收\n"), reg, user, to);
	return 0;
}

/* Runs one action with its options.  0 or -1 with err. */
static int bo_run(struct bo_ctx *c, enum bo_action a, const char *number, struct bo_opt *o,
		  char *err, size_t errsz)
{
	const char *user = o[O_USER].value;
	int days;

	switch (a) {
	case BO_REVIEW:
		return backoffice_review(c->st, c->cal, number, user, c->day, err, errsz);
	case BO_SPECIAL: {
		int until = 0;

		if (o[O_UNTIL].value && date_parse(o[O_UNTIL].value, &until) != 0)
			return yc_seterr(err, errsz, _("--until “%s” 不是有效日期（YYYY-MM-DD）"),
					 o[O_UNTIL].value);
		return backoffice_special(c->st, c->cal, number, user, c->day,
					  o[O_PROCEDURE].value, o[O_REASON].value, until,
					  err, errsz);
	}
	case BO_RESUME:
		return backoffice_resume(c->st, c->cal, number, user, c->day, err, errsz);
	case BO_EXTEND: {
		char *end = NULL;

		days = o[O_DAYS].value ? (int)strtol(o[O_DAYS].value, &end, 10) : 0;
		if (!o[O_DAYS].value || !end || *end)
			return yc_seterr(err, errsz, _("--days 须为 1 到 %d 的整数（延长的工作日数）"),
					 CASEFSM_EXTENSION_MAX);
		return backoffice_extend(c->st, c->cal, number, user, c->day, days,
					 o[O_REASON].value, err, errsz);
	}
	case BO_DECIDE: {
		struct backoffice_decision d;

		memset(&d, 0, sizeof d);
		if (o[O_APPROVE].given == o[O_DENY].given)
			return yc_seterr(err, errsz, _("请用 --approve（准予许可）或 --deny（不予许可）之一给出决定"));
		d.decision = o[O_APPROVE].given ? CASE_DECISION_APPROVE : CASE_DECISION_DENY;
		d.licence_no = o[O_LICENCE].value;
		d.result = o[O_RESULT].value;
		d.reasons = o[O_REASON].value;
		d.remedies = o[O_REMEDIES].value;
		if (o[O_VALID].value && date_parse(o[O_VALID].value, &d.valid_until) != 0)
			return yc_seterr(err, errsz, _("--valid-until “%s” 不是有效日期（YYYY-MM-DD）"),
					 o[O_VALID].value);
		if (d.decision == CASE_DECISION_APPROVE && o[O_REASON].given)
			return yc_seterr(err, errsz, _("准予许可不需要 --reason；不予许可请用 --deny"));
		return backoffice_decide(c->st, c->cal, number, user, c->day, &d, err, errsz);
	}
	case BO_RESULT:
		if (!o[O_TO].value)
			return yc_seterr(err, errsz, _("请用 --to 指定签收结果的出件窗口人员"));
		return bo_result(c, number, user, o[O_TO].value, err, errsz);
	case BO_NOTIFY:
		return backoffice_notify(c->st, c->cal, number, user, c->day, o[O_CHANNEL].value,
					 o[O_NOTE].value, err, errsz);
	case BO_DELIVER:
		if (o[O_PICKUP].given == o[O_POST].given)
			return yc_seterr(err, errsz, _("请用 --pickup（窗口领取）或 --post（邮寄）之一给出送达方式"));
		if (o[O_PICKUP].given) {
			struct backoffice_pickup p = { o[O_NAME].value, o[O_IDNO].value,
						       o[O_CONFIRMED].given, o[O_AUTHORISED].given };

			return backoffice_pickup(c->st, c->cal, number, user, c->day, &p, err, errsz);
		} else {
			struct backoffice_post p = { o[O_WAYBILL].value, o[O_ADDRESS].value,
						     o[O_RECIPIENT].value };

			return backoffice_post(c->st, c->cal, number, user, c->day, &p, err, errsz);
		}
	case BO_ARCHIVE:
		return backoffice_archive(c->st, c->cal, number, user, c->day, err, errsz);
	case BO_WITHDRAW:
		return backoffice_withdraw(c->st, c->cal, number, user, c->day, o[O_REASON].value,
					   err, errsz);
	}
	return yc_seterr(err, errsz, _("未知的操作"));
}

static int bo_action_cmd(struct cli *cli, size_t idx, int argc, char **argv)
{
	struct bo_opt o[O_COUNT];
	const char *pos[1];
	struct bo_ctx c;
	char err[YC_ERRSZ] = "", cmd[64];
	size_t npos;
	int rc;

	snprintf(cmd, sizeof cmd, "case %s", bo_actions[idx].name);
	bo_opts_init(o);
	rc = bo_parse(cmd, argc, argv, o, O_COUNT, pos, 1, &npos);
	if (rc != EXIT_OK) {
		fprintf(stderr, _("用法: yichuang %s\n"), _(bo_actions[idx].usage));
		return rc;
	}
	for (int i = 0; i < O_COUNT; i++)
		if (o[i].given && !bo_allowed(bo_actions[idx].action, i)) {
			cli_error(_("%s 不使用选项 %s"), cmd, o[i].name);
			fprintf(stderr, _("用法: yichuang %s\n"), _(bo_actions[idx].usage));
			return EXIT_USAGE;
		}
	if (npos != 1 || !o[O_USER].value) {
		cli_error(npos != 1 ? _("%s 需要办件编号") : _("%s 需要 --user 指明经办人"), cmd);
		fprintf(stderr, _("用法: yichuang %s\n"), _(bo_actions[idx].usage));
		return EXIT_USAGE;
	}
	if (caseno_parse(pos[0], NULL, err, sizeof err) != CASENO_OK) {
		cli_error(_("办件编号“%s”有误：%s"), pos[0], err);
		return EXIT_FAIL;
	}
	if (bo_open(cli, &c) != 0)
		return EXIT_USAGE;
	/* The user signs the action (`case result` reads both signers'). */
	if (bo_actions[idx].action != BO_RESULT &&
	    bo_sign(&c, o[O_USER].value, err, sizeof err) != 0) {
		cli_error("%s", err);
		bo_close(&c);
		return EXIT_FAIL;
	}
	rc = bo_run(&c, bo_actions[idx].action, pos[0], o, err, sizeof err);
	if (rc != 0) {
		cli_error("%s", err);
		bo_close(&c);
		return EXIT_FAIL;
	}
	bo_print_state(&c, pos[0]);
	bo_close(&c);
	return EXIT_OK;
}

/* ---- dispatch ------------------------------------------------------------------ */

int backoffice_is_case_cmd(const char *name)
{
	for (size_t i = 0; i < sizeof bo_actions / sizeof bo_actions[0]; i++)
		if (strcmp(name, bo_actions[i].name) == 0)
			return 1;
	return strcmp(name, "queue") == 0 || strcmp(name, "supervise") == 0 ||
	       strcmp(name, "bundle") == 0;
}

void backoffice_case_usage(void *out)
{
	FILE *f = out;

	for (size_t i = 0; i < sizeof bo_actions / sizeof bo_actions[0]; i++)
		fprintf(f, _("       yichuang [--db 路径] %s\n"), _(bo_actions[i].usage));
	fprintf(f, "%s", _("       yichuang [--db 路径] case queue --user 审批人 [--json]\n"
			   "       yichuang [--db 路径] case bundle link|show|close ...\n"
			   "       yichuang [--db 路径] case supervise [--json]\n"));
}

int backoffice_case_cmd(struct cli *cli, int argc, char **argv)
{
	for (size_t i = 0; i < sizeof bo_actions / sizeof bo_actions[0]; i++)
		if (strcmp(argv[0], bo_actions[i].name) == 0)
			return bo_action_cmd(cli, i, argc, argv);
	if (strcmp(argv[0], "queue") == 0)
		return bo_queue_cmd(cli, argc, argv);
	if (strcmp(argv[0], "bundle") == 0)
		return bo_bundle_cmd(cli, argc, argv);
	return cmd_supervise(cli, argc, argv);
}
