/* posture-control-row.h: a control in the Recommendations list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "posture-assessment.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_CONTROL_ROW (posture_control_row_get_type ())

/* Properties: result (PostureControlResult, construct-only). The title is the
 * control's; the subtitle its severity, the points to gain while it is to do, its
 * status, and a decision other than "to address". */
G_DECLARE_FINAL_TYPE (PostureControlRow, posture_control_row, POSTURE, CONTROL_ROW, AdwActionRow)

GtkWidget            *posture_control_row_new        (PostureControlResult *result);
PostureControlResult *posture_control_row_get_result (PostureControlRow    *self);

G_END_DECLS
