/* posture-labels.h: the words every face shows for the assessment model's values
 *
 * The one source of the translated names of statuses, results, severities, levels,
 * decisions, categories and Zero Trust principles, and of the one percent and date
 * formats, for the app, the CLI and the reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "posture-fix-step.h"
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
/* "57 %": posture_percent_round(), as the level is; "—" when @percent < 0. */
char       *posture_format_percent  (double                 percent);
/* A CSS class for the level ("level-low", …): colour only ever doubles the words. */
const char *posture_level_css_class (PostureLevel           level);
/* A medium date and time in the user's locale and time zone: "2 Dec 2026, 04:58".
 * "—" when @date_time is NULL. */
char       *posture_format_date_time (GDateTime             *date_time);

G_END_DECLS
