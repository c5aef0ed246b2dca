/* posture-control-result.h: one control's status, points and resources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "posture-control.h"
#include "posture-decision.h"
#include "posture-resource-result.h"
#include "posture-types.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_CONTROL_RESULT (posture_control_result_get_type ())

G_DECLARE_FINAL_TYPE (
    PostureControlResult, posture_control_result, POSTURE, CONTROL_RESULT, GObject)

/* Properties: control (PostureControl), id, title, severity (mirrors of the control's, for
 * sorting and binding), status (PostureStatus), earned, possible (guint; after decisions),
 * raw-earned (before decisions), gain (double: percent points the score would rise if this
 * control passed everywhere), decision (PostureDecision, nullable), resources (GListModel of
 * PostureResourceResult), n-pass, n-fail, n-unknown, evidence (nullable text, e.g. the
 * allowed tenants for the manual allow-list control), recommended (boolean: among the
 * assessment's recommendations) and rank (guint: its place in the engine's order of them,
 * from 1; 0 when not one). */
PostureControl        *posture_control_result_get_control    (PostureControlResult *self);
const char            *posture_control_result_get_id         (PostureControlResult *self);
PostureStatus          posture_control_result_get_status     (PostureControlResult *self);
guint                  posture_control_result_get_earned     (PostureControlResult *self);
guint                  posture_control_result_get_possible   (PostureControlResult *self);
guint                  posture_control_result_get_raw_earned (PostureControlResult *self);
double                 posture_control_result_get_gain       (PostureControlResult *self);
PostureDecision       *posture_control_result_get_decision   (PostureControlResult *self);
GListModel            *posture_control_result_get_resources  (PostureControlResult *self);
guint                  posture_control_result_get_n_pass     (PostureControlResult *self);
guint                  posture_control_result_get_n_fail     (PostureControlResult *self);
guint                  posture_control_result_get_n_unknown  (PostureControlResult *self);
const char            *posture_control_result_get_evidence   (PostureControlResult *self);
gboolean               posture_control_result_get_recommended (PostureControlResult *self);
guint                  posture_control_result_get_rank       (PostureControlResult *self);
/* The resources without building the GListModel (for reports over large tenants). */
guint                  posture_control_result_get_n_resources (PostureControlResult *self);
PostureResourceResult *posture_control_result_get_resource   (PostureControlResult *self,
                                                              guint                 position);

G_END_DECLS
