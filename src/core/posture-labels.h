/* posture-labels.h: the words every face shows for the model's values
 *
 * The one source of the translated names of statuses, results, severities, levels,
 * decisions, categories, Zero Trust principles, profiles, clouds and the training
 * library's values, and of the one percent, gain, date and time formats, for the app,
 * the CLI and the reports (issue 16: one medium date format in the user's locale, the
 * time zone said once, the score as a whole percent rounded half up, gains in points with
 * one decimal). JSON and CSV stay machine formats (ISO 8601 dates, two decimals).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "posture-fix-step.h"
#include "posture-training-module.h"
#include "posture-types.h"

G_BEGIN_DECLS

const char *posture_severity_label  (PostureSeverity        severity);
const char *posture_status_label    (PostureStatus          status);
const char *posture_result_label    (PostureResult          result);
const char *posture_category_label  (PostureCategory        category);
const char *posture_principle_label (PosturePrinciple       principle);
const char *posture_level_label     (PostureLevel           level);
const char *posture_decision_label  (PostureDecisionStatus  decision);
/* How a fix ended for a resource ("Verified", …; "Not carried out" for NONE). */
const char *posture_fix_outcome_label (PostureFixOutcome    outcome);
const char *posture_profile_label   (PostureProfile         profile);
/* A snapshot's cloud ("public", "gcc", …, "custom") in words; an unknown one as it is. */
const char *posture_cloud_label     (const char            *cloud);
/* "57 %": posture_percent_round(), as the level is; "—" when @percent < 0. */
char       *posture_format_percent  (double                 percent);
/* A CSS class for the level ("level-low", …): colour only ever doubles the words. */
const char *posture_level_css_class (PostureLevel           level);
/* A medium date and time in the user's locale and time zone: "2 Dec 2026, 04:58".
 * "—" when @date_time is NULL. */
char       *posture_format_date_time (GDateTime             *date_time);
/* A medium date, "15 Dec 2026", in @when's own time zone (a calendar date such as a
 * decision's due date stays its day); "—" for NULL. */
char       *posture_format_date      (GDateTime             *when);
/* A moment in time as a medium date in the user's time zone; "—" for NULL. */
char       *posture_format_local_date (GDateTime            *when);
/* The local time zone @when is shown in: "CET, UTC+01:00". */
char       *posture_format_time_zone (GDateTime             *when);
/* A potential score increase: "+6.7 points" (percentage points, one decimal). */
char       *posture_format_gain      (double                 gain);

/* The training library's values. The header vocabularies ("maker", "build",
 * "least-privilege"): "" (no filter) gives the "every value" label; an unknown value is
 * returned as it is. */
const char *posture_training_audience_label      (const char                 *audience);
const char *posture_training_phase_label         (const char                 *phase);
const char *posture_training_principle_label     (const char                 *principle);
const char *posture_training_progress_label      (PostureTrainingProgress     progress);
const char *posture_training_review_state_label  (PostureTrainingReviewState  state);
/* NULL for POSTURE_TRAINING_STALE_NONE. */
const char *posture_training_stale_reason_label  (PostureTrainingStaleReason  reason);
/* The review filter's values: "" (all), "needs-review", or a review state's string. */
const char *posture_training_review_filter_label (const char                 *filter);

G_END_DECLS
