/*
 * backoffice_store.c — the back office and the issuing window: who may
 * act (role and department, checked here and not only in screens), the
 * approver's actions (review, 特别程序, 延期, decision), issuing (notice,
 * pickup on an ID check, post by EMS), archiving, and the case lists that
 * queues and supervision are drawn from (一件事 bundles: bundle_store.c).
 *
 * Each action is one case event written by case_apply_event (one
 * transaction, refused by the state machine with its own message when
 * the case is not in a state that allows it); the extra members of each
 * body are the ones notes/events.md lists.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "yichuang/backoffice.h"
#include "yichuang/caseroles.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/supervise.h"
#include "yichuang/util.h"
#include "backoffice_internal.h"
#include "case_internal.h"
#include "store_internal.h"

/* ---- who may act ------------------------------------------------------ */

int bo_has_text(const char *s)
{
	if (!s)
		return 0;
	while (*s) {
		if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else
			return 1;
	}
	return 0;
}

int backoffice_user(struct store *st, const char *name, struct user_info *out,
		    char *err, size_t errsz)
{
	int rc;

	if (!bo_has_text(name))
		return yc_seterr(err, errsz, _("没有指定经办人（用户名）"));
	rc = user_get(st, name, out, err, errsz);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return yc_seterr(err, errsz,
				 _("没有用户“%s”；请核对用户名（yichuang user list 列出全部用户）"),
				 name);
	if (!out->active)
		return yc_seterr(err, errsz, _("用户“%s”已停用，不能办理；请联系管理员"), name);
	return 0;
}

/* Who does what, for messages. */
static const char *bo_role_doer(enum auth_role r)
{
	switch (r) {
	case ROLE_CLERK:
		return _("综合受理窗口人员");
	case ROLE_APPROVER:
		return _("该部门的后台审批人员");
	case ROLE_ISSUER:
		return _("统一出件窗口人员");
	default:
		return auth_role_label(r);
	}
}

int bo_require(struct store *st, const char *name, enum auth_role role,
	       const char *department, const char *what, struct user_info *u,
	       char *err, size_t errsz)
{
	if (backoffice_user(st, name, u, err, errsz) != 0)
		return -1;
	if (u->role != role)
		return yc_seterr(err, errsz, _("用户“%s”的角色是%s，不能%s：须由%s办理"),
				 name, auth_role_label(u->role), what, bo_role_doer(role));
	if (!department)
		return 0;
	if (!u->department[0])
		return yc_seterr(err, errsz,
				 _("审批用户“%s”没有登记所属部门，不能%s；请管理员为其设置部门"),
				 name, what);
	if (strcmp(u->department, department) != 0)
		return yc_seterr(err, errsz,
				 _("用户“%s”属于“%s”，不能%s：该办件（交接单）属于“%s”，审批人员只能办理本部门的办件"),
				 name, u->department, what, department);
	return 0;
}

int bo_check_password(struct store *st, const char *name, const char *password,
		      char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	char *hash = NULL;
	int rc, active = 0, locked = 0, ok;

	if (store_prepare(st,
			  "SELECT pw_hash, active, locked_until IS NOT NULL AND"
			  " locked_until > strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
			  " FROM users WHERE name = ?1", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, name ? name : "", -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		int oom = 0;

		hash = store_column_dup(q, 0, &oom);
		active = sqlite3_column_int(q, 1);
		locked = sqlite3_column_int(q, 2);
		if (oom) {
			sqlite3_finalize(q);
			return yc_seterr(err, errsz, _("内存不足"));
		}
	} else if (rc != SQLITE_DONE) {
		sqlite3_finalize(q);
		return store_dberr(st, _("读取用户失败"), err, errsz);
	}
	sqlite3_finalize(q);
	ok = hash && auth_verify(hash, password ? password : "");
	free(hash);
	if (!ok)
		return yc_seterr(err, errsz, _("签名未通过：用户名或密码不正确"));
	if (locked)
		return yc_seterr(err, errsz,
				 _("用户“%s”因密码连续输错已被锁定，暂时不能签名；请稍后再试或联系管理员"),
				 name);
	if (!active)
		return yc_seterr(err, errsz, _("用户“%s”已停用，不能签名"), name);
	return 0;
}


int bo_case_department_by_id(struct store *st, const char *case_id, char *buf,
			     size_t bufsz, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc, ret = 0;

	buf[0] = '\0';
	if (store_prepare(st, "SELECT " BO_DEPT_SQL " FROM cases c WHERE c.id = ?1",
			  &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_text(q, 0)) {
		snprintf(buf, bufsz, "%s", (const char *)sqlite3_column_text(q, 0));
		ret = 1;
	} else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		ret = store_dberr(st, _("读取办件所属部门失败"), err, errsz);
	}
	sqlite3_finalize(q);
	return ret;
}

int backoffice_case_department(struct store *st, const char *ref, char *buf,
			       size_t bufsz, char *err, size_t errsz)
{
	char id[CASE_ID_MAX];
	int rc = case_find(st, ref, id, err, errsz);

	if (rc != 1) {
		buf[0] = '\0';
		return rc;
	}
	return bo_case_department_by_id(st, id, buf, bufsz, err, errsz);
}

int backoffice_check_password(struct store *st, const char *user, const char *password,
			      char *err, size_t errsz)
{
	struct user_info u;

	if (backoffice_user(st, user, &u, err, errsz) != 0)
		return -1;
	return bo_check_password(st, user, password, err, errsz);
}

int backoffice_may_see(struct store *st, const struct user_info *u, const char *ref,
		       char *err, size_t errsz)
{
	char dept[256];
	int rc;

	if (u->role != ROLE_APPROVER)
		return 1;
	rc = backoffice_case_department(st, ref, dept, sizeof dept, err, errsz);
	if (rc < 0)
		return -1;
	if (rc == 1 && u->department[0] && strcmp(dept, u->department) == 0)
		return 1;
	yc_seterr(err, errsz,
		  _("办件 %s 属于“%s”；审批人员只能查看本部门（%s）的办件"), ref ? ref : "",
		  rc == 1 ? dept : _("未知部门"), u->department[0] ? u->department : _("未登记部门"));
	return 0;
}

/* The user `name` for caserole_check: 1 into *a (strings in u), 0 when
 * there is no such user, -1. */
static int bo_role_actor(struct store *st, const char *name, struct user_info *u,
			 struct caserole_actor *a, char *err, size_t errsz)
{
	int rc = user_get(st, name ? name : "", u, err, errsz);

	if (rc != 1)
		return rc;
	a->name = u->name;
	a->role = u->role;
	a->department = u->department;
	a->active = u->active;
	return 1;
}

int bo_may_record(struct store *st, const char *case_id, const struct case_event *e,
		  const char *extra_json, const char *actor, char *err, size_t errsz)
{
	struct user_info u;
	struct caserole_actor a;
	char dept[256];
	int rc, known = 0;

	if (!caserole_ruled(e->type))
		return 0;
	rc = bo_role_actor(st, actor, &u, &a, err, errsz);
	if (rc < 0)
		return -1;
	if (case_id) {
		known = bo_case_department_by_id(st, case_id, dept, sizeof dept, err, errsz);
		if (known < 0)
			return -1;
	}
	return caserole_check(e->type, extra_json && strstr(extra_json, "\"completes_after\"")
			      ? CASEROLE_HELD : 0,
			      actor, rc == 1 ? &a : NULL, known == 1 ? dept : NULL, e->reason,
			      err, errsz);
}

int bo_may_withdraw(struct store *st, const char *actor, const char *reason,
		    char *err, size_t errsz)
{
	struct user_info u;
	struct case_event e;

	if (backoffice_user(st, actor, &u, err, errsz) != 0)
		return -1;
	memset(&e, 0, sizeof e);
	e.type = CASE_EV_WITHDRAWN;
	e.reason = reason;
	return bo_may_record(st, NULL, &e, NULL, actor, err, errsz);
}

/* ---- acting on a case ------------------------------------------------- */

/* Checks that `user` may act on case `ref` with `role` (approvers: in
 * the case's department), then writes e with extra_json. */
int bo_act(struct store *st, const struct calendar *cal, const char *ref,
		  const char *user, enum auth_role role, const char *what,
		  const struct case_event *e, const char *extra_json,
		  char *err, size_t errsz)
{
	struct user_info u;
	char id[CASE_ID_MAX], dept[256];
	int rc;

	rc = case_find(st, ref, id, err, errsz);
	if (rc == 0)
		return yc_seterr(err, errsz, _("没有编号为 %s 的办件"), ref ? ref : "");
	if (rc < 0)
		return -1;
	if (role == ROLE_APPROVER) {
		rc = bo_case_department_by_id(st, id, dept, sizeof dept, err, errsz);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return yc_seterr(err, errsz,
					 _("办件 %s 的事项不在本机的事项目录中，无法确定所属部门；"
					   "请先导入事项目录（yichuang catalog import）"), ref);
	}
	if (bo_require(st, user, role, role == ROLE_APPROVER ? dept : NULL, what, &u,
		       err, errsz) != 0)
		return -1;
	/* the table central checks pushes against (caseroles.h) */
	if (bo_may_record(st, id, e, extra_json, user, err, errsz) != 0)
		return -1;
	if (store_begin(st, err, errsz) != 0)
		return -1;
	if (case_append_event(st, cal, id, e, extra_json, user, NULL, err, errsz) != 0)
		goto fail;
	/* An approval lets the 一件事 parts held for it complete. */
	if (e->type == CASE_EV_DECIDED && e->decision == CASE_DECISION_APPROVE &&
	    bundle_complete_held(st, cal, id, user, e->day, err, errsz) != 0)
		goto fail;
	return store_commit(st, err, errsz);
fail:
	store_rollback(st);
	return -1;
}

/* Prints a cJSON object for extra_json and frees it; NULL when out of
 * memory (message in err). */
char *bo_json_text(cJSON *o, char *err, size_t errsz)
{
	char *text = o ? cJSON_PrintUnformatted(o) : NULL;

	cJSON_Delete(o);
	if (!text)
		yc_seterr(err, errsz, _("内存不足"));
	return text;
}

struct case_event bo_event(enum case_event_type t, int day)
{
	struct case_event e;

	memset(&e, 0, sizeof e);
	e.type = t;
	e.day = day;
	return e;
}

int backoffice_review(struct store *st, const struct calendar *cal, const char *ref,
		      const char *user, int day, char *err, size_t errsz)
{
	struct case_event e = bo_event(CASE_EV_REVIEW_STARTED, day);
	cJSON *o = cJSON_CreateObject();
	char *extra;
	int rc;

	if (o)
		cJSON_AddStringToObject(o, "receiver", user ? user : "");
	extra = bo_json_text(o, err, errsz);
	if (!extra)
		return -1;
	rc = bo_act(st, cal, ref, user, ROLE_APPROVER, _("开始审查"), &e, extra, err, errsz);
	free(extra);
	return rc;
}

int backoffice_special(struct store *st, const struct calendar *cal, const char *ref,
		       const char *user, int day, const char *procedure,
		       const char *reason, int expected_end, char *err, size_t errsz)
{
	static const char *const procs[] = { "hearing", "inspection", "expert", "other" };
	struct case_event e = bo_event(CASE_EV_SPECIAL_STARTED, day);
	cJSON *o;
	char *extra;
	int known = 0, rc;

	for (size_t i = 0; procedure && i < sizeof procs / sizeof procs[0]; i++)
		known |= strcmp(procedure, procs[i]) == 0;
	if (!known)
		return yc_seterr(err, errsz,
				 _("特别程序“%s”无法识别：应为 hearing（听证）、inspection（检验检测）、"
				   "expert（专家评审）或 other（其他）"), procedure ? procedure : "");
	if (!bo_has_text(reason))
		return yc_seterr(err, errsz,
				 _("启动特别程序须写明理由，并书面告知申请人（行政许可法第四十五条）"));
	if (expected_end && expected_end < day) {
		char d1[16], d2[16];

		return yc_seterr(err, errsz,
				 _("特别程序预计结束日期 %s 早于今天 %s；请填写今后的日期（书面告知申请人所需时间）"),
				 date_format(expected_end, d1, sizeof d1), date_format(day, d2, sizeof d2));
	}
	e.reason = reason;
	o = cJSON_CreateObject();
	if (o) {
		char d[16];

		cJSON_AddStringToObject(o, "procedure", procedure);
		if (expected_end)
			cJSON_AddStringToObject(o, "expected_end",
						date_format(expected_end, d, sizeof d));
	}
	extra = bo_json_text(o, err, errsz);
	if (!extra)
		return -1;
	rc = bo_act(st, cal, ref, user, ROLE_APPROVER, _("启动特别程序"), &e, extra, err, errsz);
	free(extra);
	return rc;
}

int backoffice_resume(struct store *st, const struct calendar *cal, const char *ref,
		      const char *user, int day, char *err, size_t errsz)
{
	struct case_event e = bo_event(CASE_EV_SPECIAL_ENDED, day);

	return bo_act(st, cal, ref, user, ROLE_APPROVER, _("结束特别程序"), &e, NULL, err, errsz);
}

int backoffice_extend(struct store *st, const struct calendar *cal, const char *ref,
		      const char *user, int day, int days, const char *reason,
		      char *err, size_t errsz)
{
	struct case_event e = bo_event(CASE_EV_EXTENDED, day);

	if (days < 1 || days > CASEFSM_EXTENSION_MAX)
		return yc_seterr(err, errsz,
				 _("延期天数 %d 无效：应为 1 到 %d 个工作日（行政许可法第四十二条）"),
				 days, CASEFSM_EXTENSION_MAX);
	if (!bo_has_text(reason))
		return yc_seterr(err, errsz,
				 _("延期须写明理由（经本机关负责人批准，并告知申请人）"));
	e.extension_days = days;
	e.reason = reason;
	return bo_act(st, cal, ref, user, ROLE_APPROVER, _("延期"), &e, NULL, err, errsz);
}

/* The 结果名称 of case `ref`'s item into buf ("" when unknown). */
static void bo_item_result(struct store *st, const char *ref, char *buf, size_t bufsz)
{
	sqlite3_stmt *q = NULL;
	char id[CASE_ID_MAX], why[YC_ERRSZ];

	buf[0] = '\0';
	if (case_find(st, ref, id, why, sizeof why) != 1 ||
	    store_prepare(st,
			  "SELECT i.result FROM cases c JOIN catalog_items i ON i.code = c.item_code"
			  " WHERE c.id = ?1 ORDER BY (i.version = c.catalog_version) DESC,"
			  " i.version DESC LIMIT 1", &q, why, sizeof why) != 0)
		return;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
		snprintf(buf, bufsz, "%s", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
}

/* The remedies a refusal tells when the approver gives none (行政许可法
 * art. 38). */
#define BO_DEFAULT_REMEDIES \
	N_("如不服本决定，可以自收到本决定之日起六十日内依法申请行政复议，" \
	   "或者六个月内依法向人民法院提起行政诉讼。")

int backoffice_decide(struct store *st, const struct calendar *cal, const char *ref,
		      const char *user, int day, const struct backoffice_decision *d,
		      char *err, size_t errsz)
{
	struct case_event e = bo_event(CASE_EV_DECIDED, day);
	char result[512], vbuf[16], *extra;
	cJSON *o;
	int rc;

	assert(d);
	if (d->decision == CASE_DECISION_APPROVE) {
		if (!bo_has_text(d->licence_no))
			return yc_seterr(err, errsz,
					 _("准予许可须登记证照编号（许可证号）"));
		if (d->valid_until && d->valid_until <= day)
			return yc_seterr(err, errsz,
					 _("有效期至 %s 不在决定日期之后；请核对有效期"),
					 date_format(d->valid_until, vbuf, sizeof vbuf));
		if (bo_has_text(d->result))
			snprintf(result, sizeof result, "%s", d->result);
		else
			bo_item_result(st, ref, result, sizeof result);
		if (!result[0])
			return yc_seterr(err, errsz, _("准予许可须写明结果名称（证照名称）"));
	} else if (d->decision == CASE_DECISION_DENY) {
		if (!bo_has_text(d->reasons))
			return yc_seterr(err, errsz,
					 _("不予许可须写明理由（行政许可法第三十八条）"));
		e.reason = d->reasons;
	} else {
		return yc_seterr(err, errsz,
				 _("审批决定须为准予许可（approve）或不予许可（deny）"));
	}
	e.decision = d->decision;
	o = cJSON_CreateObject();
	if (o && d->decision == CASE_DECISION_APPROVE) {
		cJSON_AddStringToObject(o, "result", result);
		cJSON_AddStringToObject(o, "licence_no", d->licence_no);
		if (d->valid_until)
			cJSON_AddStringToObject(o, "valid_until",
						date_format(d->valid_until, vbuf, sizeof vbuf));
	} else if (o) {
		cJSON_AddStringToObject(o, "remedies", bo_has_text(d->remedies) ? d->remedies
					: _(BO_DEFAULT_REMEDIES));
	}
	extra = bo_json_text(o, err, errsz);
	if (!extra)
		return -1;
	rc = bo_act(st, cal, ref, user, ROLE_APPROVER, _("作出审批决定"), &e, extra, err, errsz);
	free(extra);
	return rc;
}

/* ---- withdrawal ------------------------------------------------------- */

int backoffice_withdraw(struct store *st, const struct calendar *cal, const char *ref,
			const char *user, int day, const char *reason,
			char *err, size_t errsz)
{
	struct case_event e = bo_event(CASE_EV_WITHDRAWN, day);
	char id[CASE_ID_MAX];
	int rc;

	if (bo_may_withdraw(st, user, reason, err, errsz) != 0)
		return -1;
	rc = case_find(st, ref, id, err, errsz);
	if (rc == 0)
		return yc_seterr(err, errsz, _("没有编号为 %s 的办件"), ref ? ref : "");
	if (rc < 0)
		return -1;
	e.reason = reason;
	return case_apply_event(st, cal, id, &e, NULL, user, NULL, err, errsz);
}

/* ---- lists ------------------------------------------------------------ */

void backoffice_entries_free(struct backoffice_entry *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].item_code);
		free(v[i].item_name);
		free(v[i].applicant_name);
		free(v[i].department);
	}
	free(v);
}

static int entry_cmp(const void *a, const void *b)
{
	const struct backoffice_entry *x = a, *y = b;
	int px = x->fold.promised_on, py = y->fold.promised_on;

	if ((px == 0) != (py == 0))
		return px == 0 ? 1 : -1;
	if (px != py)
		return px < py ? -1 : 1;
	return strcmp(x->number, y->number);
}

/* The window a case number names: "SITE-TT". */
static void bo_window(const char *number, char *buf, size_t bufsz)
{
	struct caseno no;

	if (caseno_parse(number, &no, NULL, 0) == CASENO_OK)
		snprintf(buf, bufsz, "%s-%02d", no.site, no.terminal);
	else
		snprintf(buf, bufsz, "%s", "?");
}

int backoffice_cases(struct store *st, const struct calendar *cal, unsigned states,
		     const char *department, struct backoffice_entry **out, size_t *n,
		     char *err, size_t errsz)
{
	struct backoffice_entry *v = NULL;
	size_t cnt = 0;
	sqlite3_stmt *q = NULL;
	int rc = SQLITE_DONE, oom = 0;

	*out = NULL;
	*n = 0;
	if (store_exec(st, "BEGIN", err, errsz) != 0)
		return -1;
	if (store_prepare(st,
			  "SELECT * FROM (SELECT c.id, c.number, c.item_code, coalesce(c.item_name, ''),"
			  " c.applicant_name, coalesce(" BO_DEPT_SQL ", '') AS dept, c.state"
			  " FROM cases c) WHERE ?1 IS NULL OR dept = ?1", &q, err, errsz) != 0)
		goto fail;
	store_bind_text(q, 1, department);
	while (!oom && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *state = (const char *)sqlite3_column_text(q, 6);
		int s = state ? casefsm_state_from_name(state) : -1;
		struct backoffice_entry e, *nv;
		int last;

		/* the projection row says which rows are worth folding */
		if (states && (s < 0 || !(states & (1u << s))))
			continue;
		memset(&e, 0, sizeof e);
		if (case_fold_events(st, cal, (const char *)sqlite3_column_text(q, 0), &e.fold,
				     &last, NULL, NULL, err, errsz) != 0)
			goto fail;
		if (states && !(states & (1u << e.fold.state)))
			continue;
		nv = realloc(v, (cnt + 1) * sizeof *nv);
		if (!nv) {
			oom = 1;
			break;
		}
		v = nv;
		snprintf(e.number, sizeof e.number, "%s", (const char *)sqlite3_column_text(q, 1));
		bo_window(e.number, e.window, sizeof e.window);
		e.item_code = store_column_dup(q, 2, &oom);
		e.item_name = store_column_dup(q, 3, &oom);
		e.applicant_name = store_column_dup(q, 4, &oom);
		e.department = store_column_dup(q, 5, &oom);
		v[cnt++] = e;
	}
	if (oom) {
		yc_seterr(err, errsz, _("内存不足"));
		goto fail;
	}
	if (rc != SQLITE_DONE) {
		store_dberr(st, _("读取办件失败"), err, errsz);
		goto fail;
	}
	sqlite3_finalize(q);
	store_rollback(st);
	if (cnt)
		qsort(v, cnt, sizeof *v, entry_cmp);
	*out = v;
	*n = cnt;
	return 0;
fail:
	sqlite3_finalize(q);
	store_rollback(st);
	backoffice_entries_free(v, cnt);
	return -1;
}

int backoffice_queue(struct store *st, const struct calendar *cal, const char *user,
		     struct backoffice_entry **out, size_t *n, char *err, size_t errsz)
{
	struct user_info u;
	unsigned states = 1u << CASE_ACCEPTED | 1u << CASE_IN_REVIEW | 1u << CASE_SPECIAL |
			  1u << CASE_DECIDED;
	size_t k = 0;

	*out = NULL;
	*n = 0;
	if (backoffice_user(st, user, &u, err, errsz) != 0)
		return -1;
	if (bo_require(st, user, ROLE_APPROVER, u.department[0] ? u.department : "",
		       _("查看审批队列"), &u, err, errsz) != 0)
		return -1;
	if (backoffice_cases(st, cal, states, u.department, out, n, err, errsz) != 0)
		return -1;
	/* 即办件 close at the window and never reach the back office */
	for (size_t i = 0; i < *n; i++) {
		if ((*out)[i].fold.instant) {
			free((*out)[i].item_code);
			free((*out)[i].item_name);
			free((*out)[i].applicant_name);
			free((*out)[i].department);
			continue;
		}
		(*out)[k++] = (*out)[i];
	}
	*n = k;
	return 0;
}

int backoffice_warn_days(struct store *st, int *out, char *err, size_t errsz)
{
	char buf[64], why[YC_ERRSZ];
	int rc = store_setting_get(st, "supervise.warn_days", buf, sizeof buf);

	*out = BACKOFFICE_WARN_DAYS_DEFAULT;
	if (rc < 0)
		return yc_seterr(err, errsz, _("读取设置 supervise.warn_days 失败"));
	if (rc == 0)
		return 0;
	if (supervise_warn_days_parse(buf, out, why, sizeof why) != 0) {
		*out = BACKOFFICE_WARN_DAYS_DEFAULT;
		return yc_seterr(err, errsz, _("设置 supervise.warn_days 有误：%s"), why);
	}
	return 0;
}
