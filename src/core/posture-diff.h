/* posture-diff.h: what changed between two assessments of a tenant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "posture-diff-entry.h"
#include "posture-history-record.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_DIFF (posture_diff_get_type ())

/* A GListModel of PostureDiffEntry: control changes first (regressions, then
 * improvements, then the others, each by control id), then resources (failing, fixed,
 * appeared, went away; by control id then resource id).
 * Properties (read-only): older, newer (PostureHistoryRecord), score-delta (double:
 * percent points, NAN when either score is unknown), n-regressed, n-improved (guint),
 * regression (gboolean: the score dropped or a control regressed). */
G_DECLARE_FINAL_TYPE (PostureDiff, posture_diff, POSTURE, DIFF, GObject)

PostureDiff          *posture_diff_new               (PostureHistoryRecord *older,
                                                      PostureHistoryRecord *newer);
PostureHistoryRecord *posture_diff_get_older         (PostureDiff          *self);
PostureHistoryRecord *posture_diff_get_newer         (PostureDiff          *self);
double                posture_diff_get_score_delta   (PostureDiff          *self);
guint                 posture_diff_get_n_regressed   (PostureDiff          *self);
guint                 posture_diff_get_n_improved    (PostureDiff          *self);
gboolean              posture_diff_is_regression     (PostureDiff          *self);
/* Text for people (untranslated, for the CLI) and JSON for scripts. */
char                 *posture_diff_to_text           (PostureDiff          *self);
JsonNode             *posture_diff_to_json           (PostureDiff          *self);

G_END_DECLS
