/*
 * ycfault.c — helper of the fault and multi-terminal sync tests
 * (tests/sync/test_fault.sh, test_multi.sh), linked against libyc.a so
 * that everything it does goes through the workstation's real code:
 *
 *   ycfault mkcases DB ITEM DAY COUNT PREFIX [paper|electronic]
 *       receives and accepts COUNT cases of catalog item ITEM on DAY
 *       (YYYY-MM-DD) by user "clerk" (case_receive, case_apply_event), as
 *       the counter screens do: applicant PREFIX-1..COUNT, every material
 *       of the item's checklist received (on paper by default).  Prints
 *       the case numbers, one per line.  Two events per case.
 *   ycfault event DB NUMBER TYPE DAY [REASON]
 *       appends one event of TYPE (casefsm_event_name, e.g. withdrawn) to
 *       case NUMBER by user "clerk" (case_apply_event), as a screen
 *       without a command-line twin would.
 *   ycfault sync DB STALL_SECONDS RETRIES
 *       one sync round (sync_round) with a short stall limit, which the
 *       command line does not offer; prints the outcome and the report's
 *       error; exits with the outcome (0, 1, 2; 3 on a local failure).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang/casestore.h"
#include "yichuang/catalog.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/sync.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"

#define YCFAULT_MATERIALS 64

/* Opens db and loads its calendars (built in, then imported). */
static int ycfault_open(const char *db, struct store **st, struct calendar **cal,
			char *err, size_t errsz)
{
	*cal = calendar_new();
	if (!*cal)
		return yc_seterr(err, errsz, "out of memory");
	if (calendar_load_builtin(*cal, err, errsz) != 0 ||
	    store_open(db, STORE_OPEN_EXISTING, st, err, errsz) != 0)
		return -1;
	return store_calendar_load(*st, *cal, err, errsz);
}

/* `mkcases`: COUNT cases received and accepted. */
static int ycfault_mkcases(int argc, char **argv)
{
	struct case_material_receipt mats[YCFAULT_MATERIALS];
	struct case_intake in;
	struct case_event e;
	struct catalog cat;
	const struct catalog_item *it;
	struct calendar *cal = NULL;
	struct store *st = NULL;
	char err[YC_ERRSZ] = "", id[CASE_ID_MAX], no[CASENO_TEXT_MAX], name[128];
	int version = 0, day, count, rc = 1;
	enum receipt_kind kind = RECEIPT_PAPER;

	if (argc < 7 || argc > 8) {
		fprintf(stderr, "usage: ycfault mkcases DB ITEM DAY COUNT PREFIX [paper|electronic]\n");
		return 2;
	}
	count = atoi(argv[5]);
	if (argc == 8 && strcmp(argv[7], "electronic") == 0)
		kind = RECEIPT_ELECTRONIC;
	else if (argc == 8 && strcmp(argv[7], "paper") != 0)
		return fprintf(stderr, "ycfault: receipt is paper or electronic\n"), 2;
	if (date_parse(argv[4], &day) != 0 || count < 1)
		return fprintf(stderr, "ycfault: bad day or count\n"), 2;
	catalog_init(&cat);
	if (ycfault_open(argv[2], &st, &cal, err, sizeof err) != 0 ||
	    store_catalog_current(st, &version, err, sizeof err) != 0 ||
	    store_catalog_load(st, version, &cat, err, sizeof err) != 0)
		goto out;
	it = catalog_find_item(&cat, argv[3]);
	if (!it) {
		snprintf(err, sizeof err, "no item %s in catalog version %d", argv[3], version);
		goto out;
	}
	memset(&in, 0, sizeof in);
	case_intake_from_item(&in, it, version);
	in.day = day;
	for (size_t i = 0; i < it->nmaterials && i < YCFAULT_MATERIALS; i++) {
		memset(&mats[i], 0, sizeof mats[i]);
		mats[i].id = it->materials[i].id;
		mats[i].receipt = kind;
		mats[i].originals = kind == RECEIPT_PAPER ? it->materials[i].originals : 0;
		mats[i].copies = kind == RECEIPT_PAPER ? it->materials[i].copies : 0;
		in.nmaterials = i + 1;
	}
	in.materials = mats;
	memset(&e, 0, sizeof e);
	e.type = CASE_EV_ACCEPTED;
	e.day = day;
	for (int i = 1; i <= count; i++) {
		snprintf(name, sizeof name, "%s%d", argv[6], i);
		in.applicant.name = name;
		if (case_receive(st, cal, &in, "clerk", id, no, err, sizeof err) != 0 ||
		    case_apply_event(st, cal, no, &e, NULL, "clerk", NULL, err, sizeof err) != 0)
			goto out;
		printf("%s\n", no);
	}
	rc = 0;
out:
	if (rc != 0)
		fprintf(stderr, "ycfault: %s\n", err);
	if (st)
		store_close(st);
	catalog_free(&cat);
	calendar_free(cal);
	return rc;
}

/* `event`: one event appended to a case. */
static int ycfault_event(int argc, char **argv)
{
	struct case_event e;
	struct calendar *cal = NULL;
	struct store *st = NULL;
	char err[YC_ERRSZ] = "";
	int type, rc = 1;

	if (argc < 6 || argc > 7) {
		fprintf(stderr, "usage: ycfault event DB NUMBER TYPE DAY [REASON]\n");
		return 2;
	}
	memset(&e, 0, sizeof e);
	type = casefsm_event_from_name(argv[4]);
	if (type < 0 || date_parse(argv[5], &e.day) != 0)
		return fprintf(stderr, "ycfault: bad event type or day\n"), 2;
	e.type = (enum case_event_type)type;
	e.reason = argc == 7 ? argv[6] : NULL;
	if (ycfault_open(argv[2], &st, &cal, err, sizeof err) == 0 &&
	    case_apply_event(st, cal, argv[3], &e, NULL, "clerk", NULL, err, sizeof err) == 0)
		rc = 0;
	else
		fprintf(stderr, "ycfault: %s\n", err);
	if (st)
		store_close(st);
	calendar_free(cal);
	return rc;
}

/* `sync`: one round with a short stall limit. */
static int ycfault_sync(int argc, char **argv)
{
	struct sync_config cfg;
	struct sync_report rep;
	struct store *st = NULL;
	char err[YC_ERRSZ] = "";
	int rc;

	if (argc != 5) {
		fprintf(stderr, "usage: ycfault sync DB STALL_SECONDS RETRIES\n");
		return 2;
	}
	if (store_open(argv[2], STORE_OPEN_EXISTING, &st, err, sizeof err) != 0) {
		fprintf(stderr, "ycfault: %s\n", err);
		return 3;
	}
	memset(&cfg, 0, sizeof cfg);
	cfg.stall_seconds = atoi(argv[3]);
	cfg.retries = atoi(argv[4]);
	cfg.backoff_ms = 100;
	cfg.connect_timeout = 5;
	cfg.progress = stderr;
	rc = sync_round(st, &cfg, &rep, err, sizeof err);
	if (rc < 0) {
		fprintf(stderr, "ycfault: %s\n", err);
		rc = 3;
	} else {
		printf("outcome %d: pushed %d, refused %d, pulled %d; %s\n", rc,
		       rep.push.accepted, rep.push.refused, rep.pull.added, rep.error);
	}
	sync_report_free(&rep);
	store_close(st);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "mkcases") == 0)
		return ycfault_mkcases(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "event") == 0)
		return ycfault_event(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "sync") == 0)
		return ycfault_sync(argc, argv);
	fprintf(stderr, "usage: ycfault mkcases|event|sync ...\n");
	return 2;
}
