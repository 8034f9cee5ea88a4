/*
 * mkcase.c — test helper of tests/cli/test_backoffice.sh: receives and
 * accepts a case through the real store code (case_receive,
 * case_apply_event), as the counter screens would.
 *
 *   mkcase DB ITEM_CODE YYYY-MM-DD NAME ID_NO [AGENT_NAME AGENT_ID_NO]
 *
 * Every material of the item's checklist is received on paper with the
 * checklist's counts.  MKCASE_ADDRESS, when set, is the value of every
 * text field of the item's form whose label names an address (地址).
 * Prints the case number.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "yichuang/date.h"
#include "yichuang/idcheck.h"
#include "yichuang/store.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"

int main(int argc, char **argv)
{
	struct case_material_receipt mats[64];
	struct case_field_value fields[16];
	const char *address = getenv("MKCASE_ADDRESS");
	struct case_party agent;
	struct case_intake in;
	struct case_event e;
	struct catalog cat;
	const struct catalog_item *it;
	struct calendar *cal = calendar_new();
	struct store *st = NULL;
	char err[YC_ERRSZ] = "", id[CASE_ID_MAX], no[CASENO_TEXT_MAX];
	int version = 0, day;

	if (argc != 6 && argc != 8) {
		fprintf(stderr, "usage: mkcase DB ITEM DAY NAME ID_NO [AGENT_NAME AGENT_ID_NO]\n");
		return 2;
	}
	catalog_init(&cat);
	if (!cal || calendar_load_builtin(cal, err, sizeof err) != 0 ||
	    date_parse(argv[3], &day) != 0 ||
	    store_open(argv[1], STORE_OPEN_EXISTING, &st, err, sizeof err) != 0 ||
	    store_catalog_current(st, &version, err, sizeof err) != 0 ||
	    store_catalog_load(st, version, &cat, err, sizeof err) != 0) {
		fprintf(stderr, "mkcase: %s\n", err[0] ? err : "bad arguments");
		return 1;
	}
	it = catalog_find_item(&cat, argv[2]);
	if (!it) {
		fprintf(stderr, "mkcase: no item %s\n", argv[2]);
		return 1;
	}
	memset(&in, 0, sizeof in);
	case_intake_from_item(&in, it, version);
	in.day = day;
	in.applicant.name = argv[4];
	in.applicant.id_no = argv[5];
	{
		struct idcheck_result idr;

		/* a credit code makes the applicant an organisation */
		in.applicant.org = idcheck_any(argv[5], &idr) == 0 && idr.kind == IDCHECK_USCC;
	}
	if (argc == 8) {
		memset(&agent, 0, sizeof agent);
		agent.name = argv[6];
		agent.id_no = argv[7];
		in.agent = &agent;
	}
	for (size_t i = 0; i < it->nmaterials && i < 64; i++) {
		memset(&mats[i], 0, sizeof mats[i]);
		mats[i].id = it->materials[i].id;
		mats[i].receipt = RECEIPT_PAPER;
		mats[i].originals = it->materials[i].originals;
		mats[i].copies = it->materials[i].copies;
		in.nmaterials = i + 1;
	}
	in.materials = mats;
	for (size_t i = 0; address && i < it->nfields && in.nfields < 16; i++)
		if (it->fields[i].type == FIELD_TEXT && strstr(it->fields[i].label, "地址")) {
			fields[in.nfields].key = it->fields[i].key;
			fields[in.nfields].value = address;
			in.nfields++;
		}
	in.fields = fields;
	memset(&e, 0, sizeof e);
	e.type = CASE_EV_ACCEPTED;
	e.day = day;
	if (case_receive(st, cal, &in, "clerk1", id, no, err, sizeof err) != 0 ||
	    case_apply_event(st, cal, no, &e, NULL, "clerk1", NULL, err, sizeof err) != 0) {
		fprintf(stderr, "mkcase: %s\n", err);
		return 1;
	}
	printf("%s\n", no);
	store_close(st);
	catalog_free(&cat);
	calendar_free(cal);
	return 0;
}
