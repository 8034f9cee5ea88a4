/* cases.c — placeholder until the case search and view land. */
#include "yichuang/util.h"
#include "app.h"

int cases_open(struct tui *t, struct app *app)
{
	(void)app;
	tui_error(t, "%s", _("办件查询尚未启用"));
	return -1;
}

int return_open(struct tui *t, struct app *app)
{
	(void)app;
	tui_error(t, "%s", _("补正收件尚未启用"));
	return -1;
}

int case_view_open(struct tui *t, struct app *app, const char *ref)
{
	(void)app;
	(void)ref;
	tui_error(t, "%s", _("办件查询尚未启用"));
	return -1;
}
