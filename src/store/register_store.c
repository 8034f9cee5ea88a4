/*
 * register_store.c — hand-over registers (交接单): the 材料交接单 that
 * takes accepted cases' paper to a department and the 办理结果交接单 that
 * takes decided cases' results to the issuing window.
 *
 * Here a register is made (numbered offline like a case: site, terminal,
 * day, sequence, check character, with each case's materials copied from
 * its latest checklist), read back and listed; signing is in
 * register_sign.c.
 */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cjson/cJSON.h>

#include "yichuang/backoffice.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "backoffice_internal.h"
#include "case_internal.h"
#include "store_internal.h"

static const char *const kind_names[] = { "", "materials", "results" };
static const char *const kind_labels[] = { "", N_("材料交接单"), N_("办理结果交接单") };
static const char *const kind_prefix[] = { "", "JJ", "JG" };
static const char *const state_names[] = { "open", "sent", "receiving", "received" };
static const char *const state_labels[] = { N_("待发送方签名"), N_("待接收方签收"),
					    N_("签收中"), N_("已签收") };

const char *register_kind_name(enum register_kind k)
{
	return k == REGISTER_MATERIALS || k == REGISTER_RESULTS ? kind_names[k] : "";
}

const char *register_kind_label(enum register_kind k)
{
	return k == REGISTER_MATERIALS || k == REGISTER_RESULTS ? _(kind_labels[k]) : "";
}

int register_kind_from_name(const char *name)
{
	for (int k = REGISTER_MATERIALS; k <= REGISTER_RESULTS; k++)
		if (name && strcmp(name, kind_names[k]) == 0)
			return k;
	return -1;
}

const char *register_state_name(enum register_state s)
{
	return (unsigned)s <= REGISTER_RECEIVED ? state_names[s] : "";
}

const char *register_state_label(enum register_state s)
{
	return (unsigned)s <= REGISTER_RECEIVED ? _(state_labels[s]) : "";
}

static int register_state_from_name(const char *name)
{
	for (int s = REGISTER_OPEN; s <= REGISTER_RECEIVED; s++)
		if (name && strcmp(name, state_names[s]) == 0)
			return s;
	return REGISTER_OPEN;
}

/* The canonical form of a register number as typed: spaces removed,
 * letters upper case, the prefix JJ or JG and a valid case-number body.
 * 0, or -1 with a message. */
static int register_number_canon(const char *text, char *buf, size_t bufsz,
				 char *err, size_t errsz)
{
	struct caseno no;
	char tmp[REGISTER_NUMBER_MAX + 16];
	size_t n = 0;

	for (const char *s = text ? text : ""; *s && n + 1 < sizeof tmp; s++)
		if (!isspace((unsigned char)*s))
			tmp[n++] = (char)toupper((unsigned char)*s);
	tmp[n] = '\0';
	if (n < 4 || (strncmp(tmp, "JJ-", 3) != 0 && strncmp(tmp, "JG-", 3) != 0) ||
	    caseno_parse(tmp + 3, &no, NULL, 0) != CASENO_OK)
		return yc_seterr(err, errsz,
				 _("交接单编号“%s”有误：应形如 JJ-370102-01-261120-0001-W"
				   "（JJ 材料交接单，JG 办理结果交接单）"), text ? text : "");
	snprintf(buf, bufsz, "%.2s-%s", tmp, no.text);
	return 0;
}

/* Takes the next number of `kind` on `day` (inside the caller's
 * transaction). */
static int register_next_number(struct store *st, enum register_kind kind, int day,
				char number[REGISTER_NUMBER_MAX], char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	char site[32], body[CASENO_TEXT_MAX];
	int terminal = 0, rc, seq;

	rc = store_terminal(st, site, sizeof site, &terminal);
	if (rc == 0)
		return yc_seterr(err, errsz,
				 _("数据库尚未初始化工作站身份，不能给交接单编号；"
				   "请先运行 yichuang init --site 站点代码 --terminal 终端号"));
	if (rc < 0)
		return store_dberr(st, _("读取工作站身份失败"), err, errsz);
	if (store_prepare(st,
			  "INSERT INTO register_seq (kind, day, seq) VALUES (?1, ?2, 1)"
			  " ON CONFLICT (kind, day) DO UPDATE SET seq = seq + 1 RETURNING seq",
			  &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, kind_names[kind], -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, day);
	rc = sqlite3_step(q);
	seq = sqlite3_column_int(q, 0);
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_dberr(st, _("分配交接单流水号失败"), err, errsz);
	if (caseno_format(site, terminal, day, (unsigned long)seq, body, sizeof body,
			  err, errsz) != 0)
		return -1;
	snprintf(number, REGISTER_NUMBER_MAX, "%s-%s", kind_prefix[kind], body);
	return 0;
}

/* ---- materials of a case ------------------------------------------------ */

/* The name of material `id` of the case's item (its catalog version,
 * else the newest that has it); the id itself when unknown. */
static char *register_material_name(struct store *st, const char *case_id, const char *id)
{
	sqlite3_stmt *q = NULL;
	char why[YC_ERRSZ];
	char *name = NULL;

	if (store_prepare(st,
			  "SELECT m.name FROM cases c JOIN materials m ON m.item_code = c.item_code"
			  " AND m.id = ?2 WHERE c.id = ?1"
			  " ORDER BY (m.version = c.catalog_version) DESC, m.version DESC LIMIT 1",
			  &q, why, sizeof why) == 0) {
		sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 2, id, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
			name = yc_strdup((const char *)sqlite3_column_text(q, 0));
		sqlite3_finalize(q);
	}
	return name ? name : yc_strdup(id);
}

static void register_materials_free(struct register_material *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].id);
		free(v[i].name);
		free(v[i].form);
	}
	free(v);
}

/* Merges the receipt objects of array a into *v: a material already
 * there is replaced, a new one appended.  -1 when out of memory. */
static int register_merge_receipts(const cJSON *a, struct register_material **v, size_t *n)
{
	const cJSON *m;

	cJSON_ArrayForEach(m, a) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(m, "id");
		const cJSON *rc = cJSON_GetObjectItemCaseSensitive(m, "receipt");
		const cJSON *o = cJSON_GetObjectItemCaseSensitive(m, "originals");
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(m, "copies");
		struct register_material *x = NULL;

		if (!cJSON_IsString(id) || !cJSON_IsString(rc))
			continue;
		for (size_t i = 0; i < *n; i++)
			if (strcmp((*v)[i].id, id->valuestring) == 0)
				x = &(*v)[i];
		if (!x) {
			struct register_material *nv = realloc(*v, (*n + 1) * sizeof *nv);

			if (!nv)
				return -1;
			*v = nv;
			x = &nv[(*n)++];
			memset(x, 0, sizeof *x);
			x->id = yc_strdup(id->valuestring);
			if (!x->id)
				return -1;
		}
		free(x->form);
		x->form = yc_strdup(rc->valuestring);
		if (!x->form)
			return -1;
		x->originals = cJSON_IsNumber(o) ? o->valueint : 0;
		x->copies = cJSON_IsNumber(c) ? c->valueint : 0;
	}
	return 0;
}

/* The case's materials as its latest checklist has them (received, then
 * every later event that lists materials), without those missing. */
static int register_case_materials(struct store *st, const char *case_id,
				   const struct case_event_row *rows, size_t nrows,
				   struct register_material **out, size_t *nout,
				   char *err, size_t errsz)
{
	struct register_material *v = NULL;
	size_t n = 0, k = 0;

	for (size_t i = 0; i < nrows; i++) {
		cJSON *body = cJSON_Parse(rows[i].body ? rows[i].body : "");
		int rc = 0;

		if (body)
			rc = register_merge_receipts(cJSON_GetObjectItemCaseSensitive(body, "materials"),
						     &v, &n);
		cJSON_Delete(body);
		if (rc != 0)
			goto oom;
	}
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i].form, "missing") == 0) {
			free(v[i].id);
			free(v[i].form);
			continue;
		}
		v[k] = v[i];
		v[k].name = register_material_name(st, case_id, v[k].id);
		k++;
		if (!v[k - 1].name) {
			n = k;
			goto oom;
		}
	}
	*out = v;
	*nout = k;
	return 0;
oom:
	register_materials_free(v, n);
	return yc_seterr(err, errsz, _("内存不足"));
}

/* ---- create --------------------------------------------------------------- */

/* The register of `kind` not yet received that holds case_id into buf:
 * 1, 0, -1. */
static int register_holding(struct store *st, const char *case_id, enum register_kind kind,
			    char *buf, size_t bufsz, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc;

	if (store_prepare(st,
			  "SELECT r.number FROM register_cases c JOIN registers r"
			  " ON r.number = c.register WHERE c.case_id = ?1 AND r.kind = ?2"
			  " AND r.state <> 'received' LIMIT 1", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, kind_names[kind], -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		snprintf(buf, bufsz, "%s", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_dberr(st, _("读取交接单失败"), err, errsz);
}

/* Checks one case for a register of kind and department and adds it
 * (with its materials) as number's seq-th case. */
static int register_add_case(struct store *st, const struct calendar *cal,
			     enum register_kind kind, const char *department,
			     const char *number, int seq, const char *ref,
			     char *err, size_t errsz)
{
	struct case_event_row *rows = NULL;
	struct register_material *mats = NULL;
	struct case_fold f;
	sqlite3_stmt *q = NULL;
	char id[CASE_ID_MAX], dept[256], other[REGISTER_NUMBER_MAX], caseno[CASENO_TEXT_MAX];
	size_t nrows = 0, nmats = 0;
	int rc, last, ret = -1;

	rc = case_find(st, ref, id, err, errsz);
	if (rc == 0)
		return yc_seterr(err, errsz, _("没有编号为 %s 的办件"), ref ? ref : "");
	if (rc < 0)
		return -1;
	if (case_fold_events(st, cal, id, &f, &last, &rows, &nrows, err, errsz) != 0)
		return -1;
	rc = bo_case_department_by_id(st, id, dept, sizeof dept, err, errsz);
	if (rc < 0)
		goto done;
	if (rc == 0 || strcmp(dept, department) != 0) {
		yc_seterr(err, errsz, _("办件 %s 属于“%s”，不能列入“%s”的交接单"), ref,
			  rc ? dept : _("未知部门（事项不在本机目录中）"), department);
		goto done;
	}
	if (kind == REGISTER_MATERIALS && (f.state != CASE_ACCEPTED || f.instant)) {
		yc_seterr(err, errsz,
			  f.instant ? _("办件 %s 是即办件，在窗口当场办结，不交接到后台")
			  : _("办件 %s 的状态是“%s”，只有已受理、尚未交接的办件才能列入材料交接单"),
			  ref, casefsm_state_label(f.state));
		goto done;
	}
	if (kind == REGISTER_RESULTS && f.state != CASE_DECIDED) {
		yc_seterr(err, errsz,
			  _("办件 %s 的状态是“%s”，只有已作出审批决定的办件才能列入办理结果交接单"),
			  ref, casefsm_state_label(f.state));
		goto done;
	}
	rc = register_holding(st, id, kind, other, sizeof other, err, errsz);
	if (rc < 0)
		goto done;
	if (rc == 1) {
		yc_seterr(err, errsz, _("办件 %s 已列入尚未签收的交接单 %s"), ref, other);
		goto done;
	}
	if (store_prepare(st, "SELECT number FROM cases WHERE id = ?1", &q, err, errsz) != 0)
		goto done;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	snprintf(caseno, sizeof caseno, "%s",
		 rc == SQLITE_ROW ? (const char *)sqlite3_column_text(q, 0) : "");
	sqlite3_finalize(q);
	if (store_prepare(st,
			  "INSERT INTO register_cases (register, seq, case_id, case_number)"
			  " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING", &q, err, errsz) != 0)
		goto done;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(q, 2, seq);
	sqlite3_bind_text(q, 3, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 4, caseno, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		store_dberr(st, _("保存交接单失败"), err, errsz);
		goto done;
	}
	if (sqlite3_changes(st->db) == 0) {
		yc_seterr(err, errsz, _("办件 %s 在交接单中列了两次"), ref);
		goto done;
	}
	if (kind == REGISTER_MATERIALS) {
		if (register_case_materials(st, id, rows, nrows, &mats, &nmats, err, errsz) != 0)
			goto done;
		if (store_prepare(st,
				  "INSERT INTO register_materials (register, case_id, seq, material_id,"
				  " name, form, originals, copies) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
				  &q, err, errsz) != 0)
			goto done;
		for (size_t i = 0; i < nmats; i++) {
			sqlite3_reset(q);
			sqlite3_bind_text(q, 1, number, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(q, 2, id, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(q, 3, (int)i + 1);
			sqlite3_bind_text(q, 4, mats[i].id, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(q, 5, mats[i].name, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(q, 6, mats[i].form, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(q, 7, mats[i].originals);
			sqlite3_bind_int(q, 8, mats[i].copies);
			if (sqlite3_step(q) != SQLITE_DONE) {
				store_dberr(st, _("保存交接材料失败"), err, errsz);
				sqlite3_finalize(q);
				goto done;
			}
		}
		sqlite3_finalize(q);
	}
	ret = 0;
done:
	register_materials_free(mats, nmats);
	case_event_rows_free(rows, nrows);
	return ret;
}

int register_create(struct store *st, const struct calendar *cal,
		    enum register_kind kind, const char *department,
		    const char *const *refs, size_t nrefs, const char *user, int day,
		    char number[REGISTER_NUMBER_MAX], char *err, size_t errsz)
{
	struct user_info u;
	sqlite3_stmt *q = NULL;
	char at[40];
	int rc;

	assert(st && cal);
	number[0] = '\0';
	if (kind != REGISTER_MATERIALS && kind != REGISTER_RESULTS)
		return yc_seterr(err, errsz, _("交接单种类无效：应为 materials（材料）或 results（办理结果）"));
	if (!bo_has_text(department))
		return yc_seterr(err, errsz, _("交接单须指定接收（或移交）部门"));
	if (nrefs == 0)
		return yc_seterr(err, errsz, _("交接单至少要列一个办件"));
	if (kind == REGISTER_MATERIALS) {
		if (bo_require(st, user, ROLE_CLERK, NULL, _("制作材料交接单"), &u, err, errsz) != 0)
			return -1;
	} else if (bo_require(st, user, ROLE_APPROVER, department, _("制作办理结果交接单"), &u,
			      err, errsz) != 0) {
		return -1;
	}
	if (store_begin(st, err, errsz) != 0)
		return -1;
	if (register_next_number(st, kind, day, number, err, errsz) != 0)
		goto fail;
	case_time_now(at, sizeof at);
	if (store_prepare(st,
			  "INSERT INTO registers (number, kind, department, day, created_by, created_at)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &q, err, errsz) != 0)
		goto fail;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, kind_names[kind], -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, department, -1, SQLITE_TRANSIENT);
	case_bind_day(q, 4, day);
	sqlite3_bind_text(q, 5, user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 6, at, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		store_dberr(st, _("保存交接单失败"), err, errsz);
		goto fail;
	}
	for (size_t i = 0; i < nrefs; i++)
		if (register_add_case(st, cal, kind, department, number, (int)i + 1, refs[i],
				      err, errsz) != 0)
			goto fail;
	if (store_commit(st, err, errsz) != 0)
		goto fail_nr;
	return 0;
fail:
	store_rollback(st);
fail_nr:
	number[0] = '\0';
	return -1;
}

/* ---- load ---------------------------------------------------------------- */

void register_discrepancies_free(struct register_discrepancy *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].material_id);
		free(v[i].text);
		free(v[i].recorded_by);
		free(v[i].recorded_at);
	}
	free(v);
}

void register_info_free(struct register_info *r)
{
	if (!r)
		return;
	free(r->department);
	free(r->created_by);
	free(r->created_at);
	free(r->sender);
	free(r->sent_at);
	free(r->receiver);
	free(r->received_at);
	for (size_t i = 0; i < r->ncases; i++) {
		free(r->cases[i].item_name);
		free(r->cases[i].applicant_name);
		register_materials_free(r->cases[i].materials, r->cases[i].nmaterials);
	}
	free(r->cases);
	register_discrepancies_free(r->discrepancies, r->ndiscrepancies);
	memset(r, 0, sizeof *r);
}

/* Reads discrepancies of `sql` (bound ?1 = value) into *out. */
static int register_read_discrepancies(struct store *st, const char *sql, const char *value,
				       struct register_discrepancy **out, size_t *n,
				       char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc = SQLITE_DONE, oom = 0;

	*out = NULL;
	*n = 0;
	if (store_prepare(st, sql, &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, value, -1, SQLITE_TRANSIENT);
	while (!oom && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct register_discrepancy *v = realloc(*out, (*n + 1) * sizeof *v), *d;

		if (!v) {
			oom = 1;
			break;
		}
		*out = v;
		d = &v[(*n)++];
		memset(d, 0, sizeof *d);
		snprintf(d->case_number, sizeof d->case_number, "%s",
			 (const char *)sqlite3_column_text(q, 0));
		d->material_id = store_column_dup(q, 1, &oom);
		d->text = store_column_dup(q, 2, &oom);
		d->recorded_by = store_column_dup(q, 3, &oom);
		d->recorded_at = store_column_dup(q, 4, &oom);
	}
	sqlite3_finalize(q);
	if (oom || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
		register_discrepancies_free(*out, *n);
		*out = NULL;
		*n = 0;
		return oom ? yc_seterr(err, errsz, _("内存不足"))
			   : store_dberr(st, _("读取交接差异失败"), err, errsz);
	}
	return 0;
}

#define DISCREPANCY_SELECT \
	"SELECT c.case_number, d.material_id, d.text, d.recorded_by, d.recorded_at" \
	" FROM register_discrepancies d JOIN register_cases c" \
	" ON c.register = d.register AND c.case_id = d.case_id "

/* The result a results register hands over for case `case_id`, from its
 * decision: the licence (with its number) or the 不予行政许可决定书.
 * Appended to c's materials.  0, or -1 when out of memory. */
static int register_result_material(struct store *st, const char *case_id,
				    struct register_case *c)
{
	sqlite3_stmt *q = NULL;
	struct register_material *x;
	char why[YC_ERRSZ], name[768];
	cJSON *b = NULL;
	const cJSON *v;
	int found = 0;

	if (store_prepare(st, "SELECT body FROM events WHERE case_id = ?1 AND type = 'decided'"
			  " ORDER BY seq DESC LIMIT 1", &q, why, sizeof why) != 0)
		return 0;
	sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0)) {
		b = cJSON_Parse((const char *)sqlite3_column_text(q, 0));
		found = 1;
	}
	sqlite3_finalize(q);
	if (!found)
		return 0;
	v = cJSON_GetObjectItemCaseSensitive(b, "decision");
	if (cJSON_IsString(v) && strcmp(v->valuestring, "deny") == 0) {
		snprintf(name, sizeof name, "%s", _("不予行政许可决定书"));
	} else {
		const cJSON *r = cJSON_GetObjectItemCaseSensitive(b, "result");
		const cJSON *l = cJSON_GetObjectItemCaseSensitive(b, "licence_no");

		utf8_snprintf(name, sizeof name, cJSON_IsString(l) ? _("%s（证号 %s）") : "%s%s",
			      cJSON_IsString(r) && *r->valuestring ? r->valuestring : _("审批结果"),
			      cJSON_IsString(l) ? l->valuestring : "");
	}
	cJSON_Delete(b);
	x = realloc(c->materials, (c->nmaterials + 1) * sizeof *x);
	if (!x)
		return -1;
	c->materials = x;
	x = &x[c->nmaterials++];
	memset(x, 0, sizeof *x);
	x->id = yc_strdup("result");
	x->name = yc_strdup(name);
	x->form = yc_strdup("result");
	return x->id && x->name && x->form ? 0 : -1;
}

/* Reads the cases (and their materials) of register r->number. */
static int register_read_cases(struct store *st, struct register_info *r,
			       char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL, *m = NULL;
	int rc = SQLITE_DONE, oom = 0;

	if (store_prepare(st,
			  "SELECT rc.case_number, coalesce(c.item_name, c.item_code), c.applicant_name,"
			  " rc.applied, rc.case_id FROM register_cases rc JOIN cases c ON c.id = rc.case_id"
			  " WHERE rc.register = ?1 ORDER BY rc.seq", &q, err, errsz) != 0 ||
	    store_prepare(st,
			  "SELECT material_id, name, form, originals, copies FROM register_materials"
			  " WHERE register = ?1 AND case_id = ?2 ORDER BY seq", &m, err, errsz) != 0) {
		sqlite3_finalize(q);
		return -1;
	}
	sqlite3_bind_text(q, 1, r->number, -1, SQLITE_TRANSIENT);
	while (!oom && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct register_case *v = realloc(r->cases, (r->ncases + 1) * sizeof *v), *c;

		if (!v) {
			oom = 1;
			break;
		}
		r->cases = v;
		c = &v[r->ncases++];
		memset(c, 0, sizeof *c);
		snprintf(c->number, sizeof c->number, "%s", (const char *)sqlite3_column_text(q, 0));
		c->item_name = store_column_dup(q, 1, &oom);
		c->applicant_name = store_column_dup(q, 2, &oom);
		c->applied = sqlite3_column_int(q, 3);
		sqlite3_reset(m);
		sqlite3_bind_text(m, 1, r->number, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(m, 2, (const char *)sqlite3_column_text(q, 4), -1,
				  SQLITE_TRANSIENT);
		while (!oom && sqlite3_step(m) == SQLITE_ROW) {
			struct register_material *mv = realloc(c->materials,
							       (c->nmaterials + 1) * sizeof *mv), *x;

			if (!mv) {
				oom = 1;
				break;
			}
			c->materials = mv;
			x = &mv[c->nmaterials++];
			memset(x, 0, sizeof *x);
			x->id = store_column_dup(m, 0, &oom);
			x->name = store_column_dup(m, 1, &oom);
			x->form = store_column_dup(m, 2, &oom);
			x->originals = sqlite3_column_int(m, 3);
			x->copies = sqlite3_column_int(m, 4);
		}
		if (!oom && r->kind == REGISTER_RESULTS &&
		    register_result_material(st, (const char *)sqlite3_column_text(q, 4), c) != 0)
			oom = 1;
	}
	sqlite3_finalize(q);
	sqlite3_finalize(m);
	if (oom)
		return yc_seterr(err, errsz, _("内存不足"));
	if (rc != SQLITE_DONE)
		return store_dberr(st, _("读取交接单失败"), err, errsz);
	return register_read_discrepancies(st, DISCREPANCY_SELECT
					   "WHERE d.register = ?1 ORDER BY d.id", r->number,
					   &r->discrepancies, &r->ndiscrepancies, err, errsz);
}

/* Loads the register row of canonical number into r.  1, 0, -1. */
static int register_read_row(struct store *st, const char *number, struct register_info *r,
			     char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc = SQLITE_DONE, oom = 0;

	memset(r, 0, sizeof *r);
	if (store_prepare(st,
			  "SELECT number, kind, department, day, created_by, created_at, sender,"
			  " sent_at, receiver, received_at, received_on, state FROM registers"
			  " WHERE number = ?1", &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, number, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(q);
		return rc == SQLITE_DONE ? 0 : store_dberr(st, _("读取交接单失败"), err, errsz);
	}
	snprintf(r->number, sizeof r->number, "%s", (const char *)sqlite3_column_text(q, 0));
	r->kind = (enum register_kind)register_kind_from_name((const char *)sqlite3_column_text(q, 1));
	r->department = store_column_dup(q, 2, &oom);
	r->day = case_column_day(q, 3);
	r->created_by = store_column_dup(q, 4, &oom);
	r->created_at = store_column_dup(q, 5, &oom);
	r->sender = store_column_dup(q, 6, &oom);
	r->sent_at = store_column_dup(q, 7, &oom);
	r->receiver = store_column_dup(q, 8, &oom);
	r->received_at = store_column_dup(q, 9, &oom);
	r->received_on = case_column_day(q, 10);
	r->state = (enum register_state)register_state_from_name(
		(const char *)sqlite3_column_text(q, 11));
	sqlite3_finalize(q);
	if (oom) {
		register_info_free(r);
		return yc_seterr(err, errsz, _("内存不足"));
	}
	return 1;
}

int register_load(struct store *st, const char *number, struct register_info *out,
		  char *err, size_t errsz)
{
	char canon[REGISTER_NUMBER_MAX];
	int rc;

	memset(out, 0, sizeof *out);
	if (register_number_canon(number, canon, sizeof canon, err, errsz) != 0)
		return -1;
	if (store_exec(st, "BEGIN", err, errsz) != 0)
		return -1;
	rc = register_read_row(st, canon, out, err, errsz);
	if (rc == 1 && register_read_cases(st, out, err, errsz) != 0) {
		register_info_free(out);
		rc = -1;
	}
	store_rollback(st);
	return rc;
}

void register_summary_clear(struct register_summary *s)
{
	free(s->department);
	free(s->sender);
	free(s->sent_at);
	free(s->receiver);
	free(s->received_at);
	memset(s, 0, sizeof *s);
}

void register_summaries_free(struct register_summary *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		register_summary_clear(&v[i]);
	free(v);
}

int register_list(struct store *st, int kind, const char *department,
		  struct register_summary **out, size_t *n, char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	int rc = SQLITE_DONE, oom = 0;

	*out = NULL;
	*n = 0;
	if (store_prepare(st,
			  "SELECT r.number, r.kind, r.state, r.department, r.day, r.sender, r.receiver,"
			  " (SELECT count(*) FROM register_cases c WHERE c.register = r.number),"
			  " (SELECT count(*) FROM register_discrepancies d WHERE d.register = r.number),"
			  " r.sent_at, r.received_at FROM registers r WHERE (?1 IS NULL OR r.kind = ?1)"
			  " AND (?2 IS NULL OR r.department = ?2)"
			  " ORDER BY r.day DESC, r.rowid DESC", &q, err, errsz) != 0)
		return -1;
	store_bind_text(q, 1, kind ? register_kind_name((enum register_kind)kind) : NULL);
	store_bind_text(q, 2, department);
	while (!oom && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct register_summary *v = realloc(*out, (*n + 1) * sizeof *v), *s;

		if (!v) {
			oom = 1;
			break;
		}
		*out = v;
		s = &v[(*n)++];
		memset(s, 0, sizeof *s);
		snprintf(s->number, sizeof s->number, "%s", (const char *)sqlite3_column_text(q, 0));
		s->kind = (enum register_kind)register_kind_from_name(
			(const char *)sqlite3_column_text(q, 1));
		s->state = (enum register_state)register_state_from_name(
			(const char *)sqlite3_column_text(q, 2));
		s->department = store_column_dup(q, 3, &oom);
		s->day = case_column_day(q, 4);
		s->sender = store_column_dup(q, 5, &oom);
		s->receiver = store_column_dup(q, 6, &oom);
		s->ncases = sqlite3_column_int(q, 7);
		s->ndiscrepancies = sqlite3_column_int(q, 8);
		s->sent_at = store_column_dup(q, 9, &oom);
		s->received_at = store_column_dup(q, 10, &oom);
	}
	sqlite3_finalize(q);
	if (oom || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
		register_summaries_free(*out, *n);
		*out = NULL;
		*n = 0;
		return oom ? yc_seterr(err, errsz, _("内存不足"))
			   : store_dberr(st, _("读取交接单失败"), err, errsz);
	}
	return 0;
}

int register_case_discrepancies(struct store *st, const char *ref,
				struct register_discrepancy **out, size_t *n,
				char *err, size_t errsz)
{
	char id[CASE_ID_MAX];
	int rc;

	*out = NULL;
	*n = 0;
	rc = case_find(st, ref, id, err, errsz);
	if (rc == 0)
		return yc_seterr(err, errsz, _("没有编号为 %s 的办件"), ref ? ref : "");
	if (rc < 0)
		return -1;
	return register_read_discrepancies(st, DISCREPANCY_SELECT
					   "WHERE d.case_id = ?1 ORDER BY d.id", id, out, n,
					   err, errsz);
}

int register_find_for_case(struct store *st, const char *ref, enum register_kind kind,
			   char number[REGISTER_NUMBER_MAX], char *err, size_t errsz)
{
	sqlite3_stmt *q = NULL;
	char id[CASE_ID_MAX];
	int rc;

	number[0] = '\0';
	rc = case_find(st, ref, id, err, errsz);
	if (rc != 1)
		return rc;
	if (store_prepare(st,
			  "SELECT r.number FROM register_cases c JOIN registers r ON r.number = c.register"
			  " WHERE c.case_id = ?1 AND r.kind = ?2 ORDER BY r.rowid DESC LIMIT 1",
			  &q, err, errsz) != 0)
		return -1;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, register_kind_name(kind), -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		snprintf(number, REGISTER_NUMBER_MAX, "%s", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_dberr(st, _("读取交接单失败"), err, errsz);
	return rc == SQLITE_ROW ? 1 : 0;
}
