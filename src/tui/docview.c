/* docview.c — placeholder until document previews land. */
#include "yichuang/util.h"
#include "app.h"

int docview_open(struct tui *t, struct app *app, const char *ref, int kind, int issue)
{
	(void)app;
	(void)ref;
	(void)kind;
	(void)issue;
	tui_error(t, "%s", _("文书预览尚未启用"));
	return -1;
}
