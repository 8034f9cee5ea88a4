/*
 * caseroles.c — who may record which case event (caseroles.h).
 */
#include <stdio.h>
#include <string.h>

#include "yichuang/caseroles.h"
#include "yichuang/util.h"

#define R(r) (1u << (r))

/* The rule of an event type: the roles (0: no rule), an approver of the
 * case's department only, a reason required. */
struct caserole_rule {
	unsigned roles;
	int own_dept;
	int reason;
};

static const struct caserole_rule caserole_rules[CASE_EVENT_COUNT] = {
	[CASE_EV_WITHDRAWN] = { R(ROLE_CLERK) | R(ROLE_ADMIN), 0, 1 },
	[CASE_EV_REVIEW_STARTED] = { R(ROLE_APPROVER), 1, 0 },
	[CASE_EV_SPECIAL_STARTED] = { R(ROLE_APPROVER), 1, 0 },
	[CASE_EV_SPECIAL_ENDED] = { R(ROLE_APPROVER), 1, 0 },
	[CASE_EV_EXTENDED] = { R(ROLE_APPROVER), 1, 0 },
	[CASE_EV_DECIDED] = { R(ROLE_APPROVER), 1, 0 },
	[CASE_EV_BUNDLE_CLOSED] = { R(ROLE_APPROVER), 0, 0 },
	[CASE_EV_HANDED_OVER] = { R(ROLE_CLERK), 0, 0 },
	[CASE_EV_RESULT_HANDED_OVER] = { R(ROLE_ISSUER), 0, 0 },
	[CASE_EV_NOTIFIED] = { R(ROLE_ISSUER), 0, 0 },
	[CASE_EV_DELIVERED] = { R(ROLE_ISSUER), 0, 0 },
	[CASE_EV_ARCHIVED] = { R(ROLE_ISSUER), 0, 0 },
};

int caserole_ruled(enum case_event_type t)
{
	return (int)t >= 0 && t < CASE_EVENT_COUNT && caserole_rules[t].roles != 0;
}

/* "综合受理窗口人员或管理员" for the roles of a rule. */
static void caserole_doers(unsigned roles, int own_dept, char *buf, size_t bufsz)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int r = ROLE_CLERK; r <= ROLE_ADMIN; r++) {
		const char *who;

		if (!(roles & R(r)))
			continue;
		switch (r) {
		case ROLE_CLERK:
			who = _("综合受理窗口人员");
			break;
		case ROLE_APPROVER:
			who = own_dept ? _("该办件所属部门的后台审批人员") : _("后台审批人员");
			break;
		case ROLE_ISSUER:
			who = _("统一出件窗口人员");
			break;
		default:
			who = auth_role_label((enum auth_role)r);
			break;
		}
		if (n < bufsz)
			n += (size_t)snprintf(buf + n, bufsz - n, "%s%s", n ? _("或") : "", who);
	}
	utf8_trim_partial(buf);
}

static int has_text(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 1;
	return 0;
}

int caserole_check(enum case_event_type t, int flags, const char *name,
		   const struct caserole_actor *who, const char *case_dept, const char *reason,
		   char *err, size_t errsz)
{
	const struct caserole_rule *rule;
	const char *verb = casefsm_event_label(t);
	char doers[256];
	int own_dept;

	if (!caserole_ruled(t))
		return 0;
	rule = &caserole_rules[t];
	own_dept = rule->own_dept && !(t == CASE_EV_DECIDED && (flags & CASEROLE_HELD));
	caserole_doers(rule->roles, own_dept, doers, sizeof doers);
	if (!who)
		return yc_seterr(err, errsz, _("没有用户“%s”，不能%s：须由%s办理"),
				 name ? name : "", verb, doers);
	if (!who->active)
		return yc_seterr(err, errsz, _("用户“%s”已停用，不能%s"), who->name, verb);
	/* a 即办件 is decided and handed over at the window at intake */
	if ((flags & CASEROLE_INSTANT) && who->role == ROLE_CLERK &&
	    (t == CASE_EV_DECIDED || t == CASE_EV_NOTIFIED || t == CASE_EV_DELIVERED))
		return 0;
	if (!(rule->roles & R(who->role)) && t == CASE_EV_WITHDRAWN)
		return yc_seterr(err, errsz,
				 _("用户“%s”的角色是%s，不能撤件：撤件是申请人撤回申请，由综合受理窗口人员在窗口登记"),
				 who->name, auth_role_label(who->role));
	if (!(rule->roles & R(who->role)))
		return yc_seterr(err, errsz, _("用户“%s”的角色是%s，不能%s：须由%s办理"),
				 who->name, auth_role_label(who->role), verb, doers);
	if (own_dept && case_dept && case_dept[0]) {
		if (!who->department || !who->department[0])
			return yc_seterr(err, errsz,
					 _("审批用户“%s”没有登记所属部门，不能%s；请管理员为其设置部门"),
					 who->name, verb);
		if (strcmp(who->department, case_dept) != 0)
			return yc_seterr(err, errsz,
					 _("用户“%s”属于“%s”，不能%s：该办件属于“%s”，审批人员只能办理本部门的办件"),
					 who->name, who->department, verb, case_dept);
	}
	if (rule->reason && !has_text(reason))
		return t == CASE_EV_WITHDRAWN
			? yc_seterr(err, errsz, _("撤件须写明理由（申请人撤回申请的原因）"))
			: yc_seterr(err, errsz, _("%s须写明理由"), verb);
	return 0;
}
