/* posture-review-panel.h: a security champion's review of a training module
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "posture-training-library.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_REVIEW_PANEL (posture_review_panel_get_type ())

G_DECLARE_FINAL_TYPE (PostureReviewPanel, posture_review_panel, POSTURE, REVIEW_PANEL, GtkWidget)

/* Properties: library (PostureTrainingLibrary, where reviews are recorded), module
 * (PostureTrainingModule, nullable). The module's review state, who reviewed it and
 * when, why it needs a review, and its review history; the reviewer's name (the
 * user's real name to start with) and a note; and the actions "review.approve",
 * "review.request-changes", "review.start" and "review.retire", each enabled only
 * where the review workflow allows it (posture_training_module_can_record_review()).
 * Retiring asks first. */
GtkWidget *posture_review_panel_new (void);

G_END_DECLS
