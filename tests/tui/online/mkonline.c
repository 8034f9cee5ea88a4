/*
 * mkonline.c — puts online applications (网上预受理, source rule 10) into a
 * test database the way central's POST /v1/applications makes them and
 * sync brings them: a received event by actor "online" with channel
 * "online", every material sent marked electronic, and the members
 * "answer_due" and "application_id" (src/server/applications.c), through
 * the store's own case_receive.  One window case is added as well: the
 * worklist must leave it out.
 *
 *   mkonline DB        (the sample catalog imported, site 370102 terminal 1)
 *
 * The cases (today is 2026-11-20 in the tests):
 *   A 刘秀英 居民养老待遇, online 11-16, answer due 11-18: overdue
 *   B 张建华 居民养老待遇, online 11-19, answer due 11-23, all materials online
 *   C 赵敏 残疾人证新办, online 11-20, the photos (zp) not sent; its body
 *     has no answer_due (the screen counts 2 working days itself)
 *   D 王芳 出生登记 at the window 11-20, received (not online)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"

#define DYLQ "11539102MB1A55192G4000501701300"
#define CJRZ "13539102MB1K2248874002001701700"
#define CSDJ "11539102MB0C11835E4000701701500"

static struct store *st;
static struct calendar *cal;
static struct catalog cat;

static void die(const char *what, const char *err)
{
	fprintf(stderr, "mkonline: %s: %s\n", what, err);
	exit(1);
}

/* Receives one application; materials: ids sent electronically (NULL
 * ends), or window set for paper at the counter.  Prints the number. */
static void receive(const char *code, int m, int d, const char *name, const char *id_no,
		    const char *phone, const struct case_field_value *fields, size_t nfields,
		    const char *const *sent, const char *extra, int window)
{
	const struct catalog_item *it = catalog_find_item(&cat, code);
	struct case_material_receipt rs[32];
	struct case_intake in;
	char id[CASE_ID_MAX], number[CASENO_TEXT_MAX], err[YC_ERRSZ];
	size_t n = 0;

	if (!it)
		die("no such item in the catalog", code);
	memset(&in, 0, sizeof in);
	case_intake_from_item(&in, it, 1);
	in.day = date_from_ymd(2026, m, d);
	in.applicant = (struct case_party){ 0, name, id_no, phone };
	in.fields = fields;
	in.nfields = nfields;
	for (size_t i = 0; sent && sent[i]; i++) {
		memset(&rs[n], 0, sizeof rs[n]);
		rs[n].id = sent[i];
		rs[n].receipt = window ? RECEIPT_PAPER : RECEIPT_ELECTRONIC;
		rs[n].originals = window ? 1 : 0;
		n++;
	}
	in.materials = rs;
	in.nmaterials = n;
	in.channel = window ? NULL : "online";
	in.extra_json = extra;
	if (case_receive(st, cal, &in, window ? "clerk" : "online", id, number, err,
			 sizeof err) != 0)
		die("case_receive", err);
	printf("%s\n", number);
}

int main(int argc, char **argv)
{
	static const struct case_field_value fa[] = {
		{ "sfz", "11010519491231002X" }, { "csrq", "1949-12-31" }, { "jfns", "15" },
		{ "ffzh", "社会保障卡金融账户" }, { "lxdh", "13987100071" },
	};
	static const struct case_field_value fb[] = {
		{ "sfz", "530102199207084524" }, { "csrq", "1962-03-08" }, { "jfns", "16" },
		{ "ffzh", "社会保障卡金融账户" }, { "lxdh", "13987100081" },
	};
	static const struct case_field_value fc[] = {
		{ "cjlb", "肢体残疾" }, { "sfz", "53010219850315123X" },
		{ "hjdz", "安澜区滨江大道 200 号 3 栋 2 单元 501 室" }, { "lxdh", "13987100091" },
	};
	static const char *const all_dylq[] = { "sqb", "sfzm", "sbk", NULL };
	static const char *const cjrz_sent[] = { "sqb", "sfzm", "pdb", NULL };
	char err[YC_ERRSZ];

	if (argc != 2) {
		fprintf(stderr, "usage: mkonline DB\n");
		return 2;
	}
	catalog_init(&cat);
	cal = calendar_new();
	if (!cal || calendar_load_builtin(cal, err, sizeof err) != 0)
		die("calendar", cal ? err : "out of memory");
	if (store_open(argv[1], STORE_OPEN_EXISTING, &st, err, sizeof err) != 0)
		die(argv[1], err);
	if (store_catalog_load(st, 0, &cat, err, sizeof err) != 0)
		die("catalog", err);
	receive(DYLQ, 11, 16, "刘秀英", "11010519491231002X", "13987100071", fa, 5, all_dylq,
		"{\"answer_due\": \"2026-11-18\","
		" \"application_id\": \"5d0c7a52-8f3e-4b1a-9c2d-0e6f4a3b7c11\"}", 0);
	receive(DYLQ, 11, 19, "张建华", "530102199207084524", "13987100081", fb, 5, all_dylq,
		"{\"answer_due\": \"2026-11-23\","
		" \"application_id\": \"8a1f3c9e-2b4d-4e6f-8a0b-1c2d3e4f5a62\"}", 0);
	receive(CJRZ, 11, 20, "赵敏", "53010219850315123X", "13987100091", fc, 4, cjrz_sent,
		"{\"application_id\": \"c3b2a190-7e6d-4c5b-a493-82716f5e4d73\"}", 0);
	receive(CSDJ, 11, 20, "王芳", "11010519491231002X", "13987100041", NULL, 0, NULL, NULL, 1);
	store_close(st);
	catalog_free(&cat);
	calendar_free(cal);
	return 0;
}
