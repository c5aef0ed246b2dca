/* posture-labels.h: translated names of the assessment model's values, for display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "posture-types.h"

G_BEGIN_DECLS

const char *posture_severity_label  (PostureSeverity        severity);
const char *posture_status_label    (PostureStatus          status);
const char *posture_result_label    (PostureResult          result);
const char *posture_category_label  (PostureCategory        category);
const char *posture_principle_label (PosturePrinciple       principle);
const char *posture_level_label     (PostureLevel           level);
const char *posture_decision_label  (PostureDecisionStatus  decision);
const char *posture_phase_label     (guint                  phase);
/* The percent as shown: rounded half up to an integer, as the level is. */
int         posture_round_percent   (double                 percent);
/* "57 %": the percent rounded half up, as the level is; "—" when @percent < 0. */
char       *posture_format_percent  (double                 percent);
/* "+6.5 points": a potential score increase, in percentage points. */
char       *posture_format_gain     (double                 gain);
/* The one date format of the app: "2 Dec 2026, 04:58" (local time); "—" for NULL. */
char       *posture_format_date_time (GDateTime            *when);
/* The date alone: "2 Dec 2026". */
char       *posture_format_date     (GDateTime             *when);
/* A CSS class for the level ("level-low", …): colour only ever doubles the words. */
const char *posture_level_css_class (PostureLevel           level);

G_END_DECLS
