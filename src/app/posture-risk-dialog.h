/* posture-risk-dialog.h: asks why a risk is accepted, who owns it and when to review it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "posture-decision.h"

G_BEGIN_DECLS

#define POSTURE_RISK_DIALOG_RESPONSE_ACCEPT "accept"
#define POSTURE_RISK_DIALOG_RESPONSE_CANCEL "cancel"

#define POSTURE_TYPE_RISK_DIALOG (posture_risk_dialog_get_type ())

/* Properties: control-id (construct-only): the control the decision is for, whatever
 * the window shows meanwhile; note, owner, review (the review date as YYYY-MM-DD, as
 * posture-cli decide --due takes it). "accept" is enabled only with a note and a valid
 * (or no) review date. */
G_DECLARE_FINAL_TYPE (
    PostureRiskDialog, posture_risk_dialog, POSTURE, RISK_DIALOG, AdwMessageDialog)

PostureRiskDialog *posture_risk_dialog_new            (GtkWindow         *parent,
                                                       const char        *control_id,
                                                       const char        *control_title,
                                                       PostureDecision   *current);
const char        *posture_risk_dialog_get_control_id (PostureRiskDialog *self);
const char        *posture_risk_dialog_get_note       (PostureRiskDialog *self);
const char        *posture_risk_dialog_get_owner      (PostureRiskDialog *self);
/* Returns: (transfer full) (nullable): the review date, NULL when none was given */
GDateTime         *posture_risk_dialog_dup_review     (PostureRiskDialog *self);

G_END_DECLS
