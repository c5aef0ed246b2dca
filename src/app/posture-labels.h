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
/* "57 %": the percent rounded half up, as the level is; "—" when @percent < 0. */
char       *posture_format_percent  (double                 percent);
/* A CSS class for the level ("level-low", …): colour only ever doubles the words. */
const char *posture_level_css_class (PostureLevel           level);

G_END_DECLS
