/* posture-fix-dialog.h: the confirmation before Posture writes a fix to the tenant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "posture-session.h"

G_BEGIN_DECLS

#define POSTURE_FIX_RESPONSE_CANCEL "cancel"
#define POSTURE_FIX_RESPONSE_FIX    "fix"

#define POSTURE_TYPE_FIX_DIALOG (posture_fix_dialog_get_type ())

/* A modal dialog stating the exact change of a control's fix and every environment it
 * touches, with Cancel (default, and on Escape) and Fix responses.
 * Properties: control-id (construct-only): the control the fix is for. */
G_DECLARE_FINAL_TYPE (PostureFixDialog, posture_fix_dialog, POSTURE, FIX_DIALOG, AdwMessageDialog)

/* Returns: (transfer none) (nullable): the dialog, or NULL when the control has
 * nothing the API can fix. */
PostureFixDialog *posture_fix_dialog_new            (GtkWindow        *parent,
                                                     PostureSession   *session,
                                                     const char       *control_id);
const char       *posture_fix_dialog_get_control_id (PostureFixDialog *self);

G_END_DECLS
