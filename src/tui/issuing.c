/* issuing.c — placeholder until these screens land. */
#include "yichuang/util.h"
#include "app.h"

int results_open(struct tui *t, struct app *app)
{
	(void)app;
	tui_error(t, "%s", _("结果交接屏幕尚未启用"));
	return -1;
}

int issue_open(struct tui *t, struct app *app)
{
	(void)app;
	tui_error(t, "%s", _("出件屏幕尚未启用"));
	return -1;
}

int supervise_open(struct tui *t, struct app *app)
{
	(void)app;
	tui_error(t, "%s", _("电子监察屏幕尚未启用"));
	return -1;
}
