/*
 * cases.h — what the case screens share: the case search (cases.c), the
 * case view with its timeline (cases_view.c) and the applicant's return
 * for 补正 (cases_return.c).
 */
#ifndef YICHUANG_TUI_CASES_H
#define YICHUANG_TUI_CASES_H

#include <stddef.h>

#include "yichuang/casequery.h"
#include "yichuang/casestore.h"
#include "app.h"

struct calendar;

/* Working days before the promised date a case is flagged (DOMAIN.md:
 * "a warning N working days before (default 2)"). */
#define CASES_WARN_DAYS 2

/* The official calendar: built-in years, replaced by those the database
 * holds.  NULL with a message on the message line. */
struct calendar *cases_calendar(struct tui *t, struct app *app);

/* The catalog item a case was received under, when this terminal's
 * current catalog has it (NULL otherwise). */
const struct catalog_item *cases_item(const struct app *app, const char *code);
/* The name of material `id` of item `it` (the id itself when unknown). */
const char *cases_material_name(const struct catalog_item *it, const char *id);
/* The item's short name, or its name, or its code. */
const char *cases_item_short(const struct app *app, const char *code, const char *name);

/* The distinctive part of an organisation's name: without the
 * administrative regions it starts with (云岭市安澜区好味道餐饮有限公司 ->
 * 好味道餐饮有限公司), so that a narrow column tells companies apart.  A
 * region is a run of characters ending in 省 市 区 县 州 盟 旗 镇 乡 or 街道;
 * at least three characters are always left, so a person's name stays
 * whole.  Points into name. */
const char *cases_applicant_short(const char *name);

/* Writes s in width columns at (y, x); text that does not fit ends in
 * ".." so the clerk sees it was cut.  Pads with spaces. */
void cases_put_cut(int y, int x, int width, const char *s);

/* The deadline of a case in a few characters ("超期", "临近"...), "" for
 * a closed case. */
const char *cases_deadline_short(const struct case_fold *f, unsigned dl, int deemed);

/* Says that a case screen changed a case: lists shown are searched again
 * when they are next drawn. */
void cases_touch(void);

/* Opens the return (补正收件) panel of case `number` (already found, in
 * state correction).  0, or -1 with the reason on the message line. */
int cases_return_panel_open(struct tui *t, struct app *app, const char *number);

#endif
