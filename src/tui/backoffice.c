/* backoffice.c — placeholder until these screens land. */
#include "yichuang/util.h"
#include "app.h"

int handover_open(struct tui *t, struct app *app)
{
	(void)app;
	tui_error(t, "%s", _("材料交接屏幕尚未启用"));
	return -1;
}

int approval_open(struct tui *t, struct app *app)
{
	(void)app;
	tui_error(t, "%s", _("审批屏幕尚未启用"));
	return -1;
}
