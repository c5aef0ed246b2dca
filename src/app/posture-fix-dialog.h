/* posture-fix-dialog.h: a fix through the API, from its plan to how each resource ended
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "posture-session.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_FIX_DIALOG (posture_fix_dialog_get_type ())

/* Properties: session, control-id (construct-only); plan (PostureFixPlan, nullable:
 * core's plan with the inputs given; NULL while one is missing or refused); runner
 * (PostureFixRunner: its progress while the fix runs).
 * Actions: fix.run (writes the plan; the Fix button).
 * Signals: finished (PostureStatus as guint): carried out and read again. */
G_DECLARE_FINAL_TYPE (PostureFixDialog, posture_fix_dialog, POSTURE, FIX_DIALOG, AdwWindow)

PostureFixDialog  *posture_fix_dialog_new            (GtkWindow        *parent,
                                                      PostureSession   *session,
                                                      const char       *control_id);
const char        *posture_fix_dialog_get_control_id (PostureFixDialog *self);
PostureFixPlan    *posture_fix_dialog_get_plan       (PostureFixDialog *self);
PostureAssessment *posture_fix_dialog_get_assessment (PostureFixDialog *self);

G_END_DECLS
