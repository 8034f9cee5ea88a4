/*
 * intake_bundle.c — a 一件事 bundle at the counter (intake_bundle.h):
 * which 即办件 part is held for its prerequisite, and linking the
 * intake's cases as the parts of one joint application (bundle_link).
 */
#include <stdlib.h>
#include <string.h>

#include "yichuang/backoffice.h"
#include "yichuang/util.h"
#include "app.h"
#include "intake.h"
#include "intake_bundle.h"

/* The index of unit u's item in the bundle's items. */
static size_t unit_bundle_index(const struct intake *in, const struct intake_unit *u)
{
	size_t k;

	for (k = 0; k < in->bundle->nitems; k++)
		if (strcmp(in->bundle->items[k], u->item->code) == 0)
			break;
	return k;
}

/* 1 when unit i of a bundle is a 即办件 whose prerequisite will not be
 * decided at the window now: a 承诺件, or one sent back for 补正. */
int intake_unit_held(const struct intake *in, size_t i, const struct intake_result *res)
{
	const struct intake_unit *u = &in->units[i];

	if (!in->bundle || u->item->kind != ITEM_INSTANT)
		return 0;
	for (size_t j = 0; j < in->nunits; j++)
		if (j != i && bundle_waits_for(&in->app->cat, in->bundle, unit_bundle_index(in, u),
					       unit_bundle_index(in, &in->units[j])) &&
		    (in->units[j].item->kind != ITEM_INSTANT ||
		     res[j].outcome == INTAKE_INCOMPLETE))
			return 1;
	return 0;
}

/* Links the cases of a bundle's intake as its parts; a failure is told
 * (the cases stand; `yichuang case bundle link` links them later). */
void intake_link_bundle(struct tui *t, struct intake *in)
{
	const char **refs = calloc(in->nunits + 1, sizeof *refs);
	char id[BUNDLE_ID_MAX], err[YC_ERRSZ];

	if (!refs) {
		tui_error(t, "%s", _("内存不足，一件事未能联办登记"));
		return;
	}
	for (size_t i = 0; i < in->nunits; i++)
		refs[i] = in->units[i].case_no;
	if (bundle_link(in->app->st, in->cal, in->bundle->code, NULL, refs, in->nunits,
			in->app->user.name, in->today, id, err, sizeof err) != 0)
		tui_error(t, _("一件事未能联办登记：%s（可用 yichuang case bundle link 补登）"), err);
	else
		app_saved(in->app);
	free(refs);
}
