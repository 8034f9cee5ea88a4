/*
 * intake_bundle.h — a 一件事 bundle at the counter (intake_bundle.c):
 * within a bundle the items of the lead department are the prerequisite
 * of the others (bundle_waits_for); a 即办件 part whose prerequisite is
 * not decided at the window now is accepted and held, and decided when
 * the prerequisite is approved.  The intake's cases are linked as the
 * bundle's parts once decided.
 */
#ifndef YICHUANG_TUI_INTAKE_BUNDLE_H
#define YICHUANG_TUI_INTAKE_BUNDLE_H

#include <stddef.h>

#include "intake.h"

/* 1 when unit i of a bundle is a 即办件 whose prerequisite will not be
 * decided at the window now (a 承诺件, or one sent back for 补正); res
 * holds every unit's check. */
int intake_unit_held(const struct intake *in, size_t i, const struct intake_result *res);

/* Links the cases of a bundle's intake as its parts; a failure is told
 * on the message line (the cases stand; `yichuang case bundle link`
 * links them later). */
void intake_link_bundle(struct tui *t, struct intake *in);

#endif
