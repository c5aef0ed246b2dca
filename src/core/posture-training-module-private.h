/* posture-training-module-private.h: state setters used by PostureTrainingLibrary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-training-module.h"

G_BEGIN_DECLS

void _posture_training_module_set_progress (PostureTrainingModule      *self,
                                            PostureTrainingProgress     progress,
                                            int                         quiz_correct,
                                            int                         quiz_total);
void _posture_training_module_set_review   (PostureTrainingModule      *self,
                                            PostureTrainingReviewState  state,
                                            const char                 *reviewer,
                                            GDateTime                  *reviewed_at,
                                            const char                 *notes,
                                            const char                 *reviewed_version);
void _posture_training_module_update_stale (PostureTrainingModule      *self,
                                            guint                       interval_days,
                                            GDateTime                  *now);

G_END_DECLS
