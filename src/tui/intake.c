/* intake.c — placeholder until the intake screens land. */
#include "yichuang/util.h"
#include "app.h"

int intake_open(struct tui *t, struct app *app)
{
	(void)app;
	tui_error(t, "%s", _("综合受理尚未启用"));
	return -1;
}

void intake_offer_draft(struct tui *t, struct app *app)
{
	(void)t;
	(void)app;
}
