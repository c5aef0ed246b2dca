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

/* A modal AdwMessageDialog stating the exact change of @control_id's fix and every
 * environment it touches, with Cancel (default, and on Escape) and Fix responses.
 * Returns: (transfer floating) (nullable): the dialog, or NULL when the control has
 * nothing the API can fix. */
AdwMessageDialog *posture_fix_dialog_new (GtkWindow      *parent,
                                          PostureSession *session,
                                          const char     *control_id);

G_END_DECLS
