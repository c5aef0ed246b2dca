/* posture-training-labels.h: translated names of the training library's values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "posture-training-module.h"

G_BEGIN_DECLS

/* The header vocabularies ("maker", "build", "least-privilege"); "" (no filter) gives
 * the "every value" label; an unknown value is returned as it is. */
const char *posture_training_audience_label     (const char                 *audience);
const char *posture_training_phase_label        (const char                 *phase);
const char *posture_training_principle_label    (const char                 *principle);
const char *posture_training_progress_label     (PostureTrainingProgress     progress);
const char *posture_training_review_state_label (PostureTrainingReviewState  state);
/* NULL for POSTURE_TRAINING_STALE_NONE. */
const char *posture_training_stale_reason_label (PostureTrainingStaleReason  reason);
/* The review filter's values: "" (all), "needs-review", or a review state's string. */
const char *posture_training_review_filter_label (const char                *filter);
/* One medium, locale-aware date ("2 Dec 2026"); "" for NULL. */
char       *posture_training_format_date        (GDateTime                  *time);

G_END_DECLS
