/* posture-control-detail.h: the detail pane of Recommendations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "posture-session.h"
#include "posture-training-library.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_CONTROL_DETAIL (posture_control_detail_get_type ())

/* Properties: session (PostureSession: where decisions and simulated fixes go),
 * result (PostureControlResult, nullable: the control on screen; the pane binds it),
 * library (PostureTrainingLibrary, nullable: titles of the related training). */
G_DECLARE_FINAL_TYPE (PostureControlDetail, posture_control_detail, POSTURE, CONTROL_DETAIL, AdwBin)

GtkWidget            *posture_control_detail_new        (void);
PostureControlResult *posture_control_detail_get_result (PostureControlDetail *self);
void                  posture_control_detail_set_result (PostureControlDetail *self,
                                                         PostureControlResult *result);

G_END_DECLS
