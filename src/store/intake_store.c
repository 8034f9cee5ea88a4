/*
 * intake_store.c — receiving a case with extra members in its received
 * event (intakestore.h): case_receive with struct case_intake's
 * extra_json set.
 */
#include "yichuang/casestore.h"
#include "yichuang/intakestore.h"

int intake_receive(struct store *st, const struct calendar *cal,
		   const struct case_intake *in, const char *extra_json,
		   const char *actor, char id[CASE_ID_MAX],
		   char number[CASENO_TEXT_MAX], char *err, size_t errsz)
{
	struct case_intake with = *in;

	with.extra_json = extra_json;
	return case_receive(st, cal, &with, actor, id, number, err, errsz);
}
